//! Credentials in what trtc-errors echoes back. Real console output carries them: 5.x prints
//! `enterRoom() failed … params:` with the real `userSig`, 4.x puts it in the WebSocket URL Chrome
//! prints (`wss://…?userSig=eJw…&…`), and people paste `SecretKey`s into reports. Every line a
//! mention quotes (text, Markdown, JSON, the browser and what it copies) goes through
//! [`mask_secrets`] unless the user asks to keep them; the codes are found on the unmasked text.

use std::borrow::Cow;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// The names a credential is written after, and the label its mask shows.
const LABELS: &[(&str, &str)] = &[
    ("usersig", "userSig"),
    ("user_sig", "userSig"),
    ("privatemapkey", "privateMapKey"),
    ("private_map_key", "privateMapKey"),
    ("secretkey", "SecretKey"),
    ("secret_key", "SecretKey"),
    ("sdksecretkey", "SecretKey"),
];

/// A TLS signature (userSig, privateMapKey) is zlib data in base64: it always starts `eJ`, and
/// `eJw` for the default compression. Unlabelled, a value this long that starts so is masked too.
const SIG_PREFIX: &str = "eJw";
const SIG_MIN_CHARS: usize = 32;

/// A labelled value shorter than this is not a credential (`userSig: ''`, `undefined`).
const VALUE_MIN_CHARS: usize = 16;

/// What a mask keeps of the value: enough to tell two apart, not enough to use.
const KEPT_CHARS: usize = 3;

fn finder() -> &'static AhoCorasick {
    static FINDER: OnceLock<AhoCorasick> = OnceLock::new();
    FINDER.get_or_init(|| {
        let mut patterns: Vec<&str> = LABELS.iter().map(|(name, _)| *name).collect();
        patterns.push(SIG_PREFIX);
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns)
            .expect("plain patterns")
    })
}

fn is_value_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'_' | b'-' | b'*' | b'%' | b'.')
}

/// Does a value start right after `before`? After a byte no value holds, and also after `=`
/// (base64 padding only ends a value, so `ticket=eJw…` starts one) and after a percent-encoded
/// byte (`sig%3DeJw…`, `%22eJw…`): unlabelled signatures in URLs were echoed in full.
fn after_a_separator(before: &[u8]) -> bool {
    let last = before[before.len() - 1];
    let encoded = before.len() >= 3
        && before[before.len() - 3] == b'%'
        && before[before.len() - 2..].iter().all(u8::is_ascii_hexdigit);
    !is_value_byte(last) || last == b'=' || encoded
}

/// `text` with every credential value replaced by its first characters and what it was:
/// `userSig=eJwtzM0…` becomes `userSig=eJw…[userSig, 180 chars]`. Linear in `text`.
pub fn mask_secrets(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut at = 0;
    while let Some(m) = finder().find(aho_corasick::Input::new(text).span(at..text.len())) {
        let found = &text[m.start()..m.end()];
        let (value_start, label) = if m.pattern().as_usize() == LABELS.len() {
            // `eJw` itself, case-sensitive, at the start of a value.
            let starts_value = m.start() == 0 || after_a_separator(&bytes[..m.start()]);
            if found != SIG_PREFIX || !starts_value {
                at = m.end();
                continue;
            }
            (m.start(), "sig")
        } else {
            // After the name: quotes, spaces, a `:` or `=` (at least one), quotes again.
            let mut i = m.end();
            let mut separated = false;
            while i < bytes.len() && i - m.end() < 8 {
                match bytes[i] {
                    b':' | b'=' => separated = true,
                    b'"' | b'\'' | b' ' | b'\\' => {}
                    _ => break,
                }
                i += 1;
            }
            if !separated {
                at = m.end();
                continue;
            }
            (i, LABELS[m.pattern().as_usize()].1)
        };
        let value_end = bytes[value_start..]
            .iter()
            .position(|&b| !is_value_byte(b))
            .map_or(bytes.len(), |n| value_start + n);
        let value = &text[value_start..value_end];
        let long_enough = if label == "sig" {
            value.len() >= SIG_MIN_CHARS
        } else {
            value.len() >= VALUE_MIN_CHARS
        };
        if long_enough {
            let s = out.get_or_insert_with(|| String::with_capacity(text.len()));
            s.push_str(&text[copied..value_start]);
            s.push_str(&value[..KEPT_CHARS]);
            s.push_str(&format!("…[{label}, {} chars]", value.len()));
            copied = value_end;
        }
        at = value_end.max(m.end());
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut s) => {
            s.push_str(&text[copied..]);
            Cow::Owned(s)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIG: &str = "eJwtzM0KgkAUhuFXkbNuIZ9lRLYDhUVBtLEPwplRh5wZmTP9EN17Y23f74XvhN9QwQZvYJH1jwQ3gzqyLRyN7uKG8YB0ytQrNBa5hnjP9mdSkHz3y0H3C7LV";

    #[test]
    fn labelled_values_are_masked() {
        let line = format!("wss://x.trtc/ws?sdkAppId=1400&userSig={SIG}&roomId=8");
        assert_eq!(
            mask_secrets(&line),
            "wss://x.trtc/ws?sdkAppId=1400&userSig=eJw…[userSig, 120 chars]&roomId=8"
        );
        let json = "{\"SecretKey\": \"0123456789abcdef0123456789abcdef\", \"code\": 70001}";
        assert_eq!(
            mask_secrets(json),
            "{\"SecretKey\": \"012…[SecretKey, 32 chars]\", \"code\": 70001}"
        );
        assert_eq!(
            mask_secrets("privateMapKey: 'abcdefghijklmnopqrstuvwxyz'"),
            "privateMapKey: 'abc…[privateMapKey, 26 chars]'"
        );
    }

    #[test]
    fn unlabelled_signatures_are_masked_too() {
        let line = format!("params: {{ sig {SIG} }}");
        assert_eq!(mask_secrets(&line), "params: { sig eJw…[sig, 120 chars] }");
    }

    /// A signature after an unknown key's `=` or a percent-encoded separator (a URL) is masked:
    /// `ticket=`, `user%53ig=` and `sig%3D` were echoed in full.
    #[test]
    fn signatures_after_an_equals_or_a_percent_escape_are_masked() {
        for (before, after) in [
            ("?ticket=", "?ticket="),
            ("?user%53ig=", "?user%53ig="),
            ("q=sig%3D", "q=sig%3D"),
            ("%22", "%22"),
        ] {
            let line = format!("wss://x/ws{before}{SIG}&x=1");
            assert_eq!(
                mask_secrets(&line),
                format!("wss://x/ws{after}eJw…[sig, 120 chars]&x=1"),
                "{before}"
            );
        }
    }

    #[test]
    fn what_is_not_a_credential_stays() {
        for text in [
            "'userSig' is a required param when calling enterRoom(), received: undefined.",
            "userSig: undefined",
            "code: 70001 userSig expired",
            "xeJwtzM0KgkAUhuFXkbNuIZ9lRLYDhUVBtLEPwplRh5wZmTP9EN17Y23f74XvhN9QwQZ",
        ] {
            assert_eq!(mask_secrets(text), text);
        }
    }
}

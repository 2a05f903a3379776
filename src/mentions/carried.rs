//! Server codes carried inside a public one: `{"code":5400,"extraCode":-100006}`, `code 5400
//! extraCode -100018`, `getExtraCode() → -100006`, and the SDKs' own log line `Join room failed
//! result: -100006 error: …` (4.x and 5.x print it). The number names the server entry; the
//! public code beside it is found by the other rules, so explain gives both.
//!
//! The other rules never name a server entry themselves (`Scanner::push_line` drops them): a
//! number after `code` is the SDK's code, and the per-SDK rows that are the same server code
//! already answer to it there.

use super::context::Found;
use super::Evidence;
use crate::catalog::{Catalog, Family};

/// Words after which a number is the server's code handed through: the 4.x getter, the 5.x
/// property, and their spellings in JSON and logs. Compared ASCII-case-insensitively.
pub(super) const WORDS: &[&str] = &["getExtraCode()", "extraCode", "extra_code"];

/// The log line both web SDKs print when the server refuses the join.
pub(super) const JOIN_RESULT: &str = "Join room failed result:";

/// The message of the error a refused join raises, in 4.x (`RtcError: Failed to join room -
/// ERR_USER_SIG_EXPIRED code: 70001 … <JOIN_ROOM_FAILED 0x4004>`) and inside 5.x's 5400 message:
/// the number after ` code: ` is the server's.
pub(super) const JOIN_MESSAGE: &str = "Failed to join room - ";

/// The server codes this line hands through.
pub(super) fn scan_line(line: &str, catalog: &Catalog) -> Vec<Found> {
    let mut out = Vec::new();
    let lower = line.to_ascii_lowercase();
    for word in WORDS {
        let needle = word.to_ascii_lowercase();
        let mut from = 0;
        while let Some(at) = lower[from..].find(&needle).map(|i| from + i) {
            from = at + needle.len();
            // `extraCode` inside `getExtraCode()` is that word's, found once.
            if *word == "extraCode" && lower[..at].ends_with("get") {
                continue;
            }
            if let Some(found) = number_after(line, from, word, catalog, false) {
                out.push(found);
            }
        }
    }
    if let Some(at) = line.find(JOIN_MESSAGE) {
        let rest = &line[at..];
        if let Some(code) = rest.find(" code:") {
            let from = at + code + " code:".len();
            if let Some(found) = number_after(line, from, "code", catalog, false) {
                out.push(found);
            }
        }
    }
    if let Some(at) = line.find(JOIN_RESULT) {
        if let Some(found) = number_after(line, at + JOIN_RESULT.len(), JOIN_RESULT, catalog, true)
        {
            out.push(found);
        }
    }
    out
}

/// The signed number right after `at` (past quotes, colons, `=`, `=>`, brackets and spaces), as
/// the server entry it names.
fn number_after(
    line: &str,
    at: usize,
    word: &str,
    catalog: &Catalog,
    template: bool,
) -> Option<Found> {
    let rest = &line[at..];
    let skipped = rest.len()
        - rest
            .trim_start_matches(|c: char| {
                matches!(
                    c,
                    '"' | '\'' | ':' | '=' | '>' | ' ' | '\t' | '(' | ')' | '：'
                )
            })
            .len();
    let rest = &rest[skipped..];
    let (minus, digits) = match rest
        .strip_prefix('-')
        .or_else(|| rest.strip_prefix('\u{2212}'))
    {
        Some(d) => (true, d),
        None => (false, rest),
    };
    let len = digits.bytes().take_while(u8::is_ascii_digit).count();
    // A number glued to letters or a dot is some other token (`-100006abc`, `70001.5`).
    let next = digits[len..].chars().next();
    if len == 0 || len > 9 || next.is_some_and(|c| c.is_alphanumeric() || c == '.') {
        return None;
    }
    let value: i64 = digits[..len].parse().ok()?;
    let value = if minus { -value } else { value };
    let indices: Vec<usize> = catalog
        .indices_by_code(value)
        .iter()
        .copied()
        .filter(|&i| catalog.entries()[i].family == Family::Server)
        .collect();
    if indices.is_empty() {
        return None;
    }
    let token = if minus {
        format!("-{}", &digits[..len])
    } else {
        digits[..len].to_string()
    };
    let evidence = if template {
        Evidence::Template {
            template: format!("{JOIN_RESULT} {{result}} error: {{message}}"),
            captures: vec![("result".to_string(), token.clone())],
        }
    } else {
        Evidence::CodeContext {
            word: word.to_string(),
        }
    };
    Some(Found {
        indices,
        token,
        evidence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server_codes(line: &str) -> Vec<String> {
        let catalog = Catalog::builtin().unwrap();
        scan_line(line, &catalog)
            .into_iter()
            .flat_map(|f| f.indices)
            .map(|i| catalog.entries()[i].qualified())
            .collect()
    }

    #[test]
    fn every_shape_names_the_server_code() {
        for (line, expected) in [
            (r#"{"code":5400,"extraCode":-100006}"#, "server:-100006"),
            ("code 5400 extraCode -100018", "server:-100018"),
            ("err.getExtraCode() => 70001", "server:70001"),
            (
                "RtcError: Failed to join room - ERR_USER_SIG_EXPIRED code: 70001 <JOIN_ROOM_FAILED 0x4004>",
                "server:70001",
            ),
            (
                "Join room failed result: -100006 error: privateMapKey check failed",
                "server:-100006",
            ),
        ] {
            assert_eq!(server_codes(line), [expected], "{line}");
        }
    }

    #[test]
    fn numbers_that_name_no_server_code_are_left() {
        for line in [
            r#"{"code":5000,"extraCode":5001}"#,
            "extraCode: 70001.5",
            "extraCode -100006abc",
            "Join room failed result: 0 error: ok",
        ] {
            assert!(server_codes(line).is_empty(), "{line}");
        }
    }
}

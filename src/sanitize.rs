//! Makes text from catalog files safe to print: no escape sequence or control character in a catalog
//! can move the cursor, recolour the screen, reorder text or hide itself.
//!
//! Dangerous characters are not dropped silently: they become visible escapes (`\x1b`, `\u{202e}`),
//! so a user still sees that something was there.

use std::borrow::Cow;
use std::fmt::Write;

/// Is this character one that must never reach a terminal as-is?
fn is_dangerous(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // bidi embeddings, overrides and isolates, and the implicit marks
        | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        // zero-width characters that hide text or join it invisibly
        | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
        // line and paragraph separators break line layout
        | '\u{2028}' | '\u{2029}')
}

/// Is this a combining mark (it attaches to the previous character)?
fn is_combining(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

fn push_escape(out: &mut String, c: char) {
    let code = c as u32;
    // Writing to a String cannot fail.
    let _ = if code <= 0xff {
        write!(out, "\\x{code:02x}")
    } else {
        write!(out, "\\u{{{code:04x}}}")
    };
}

/// Returns `text` with tabs and line breaks turned into spaces, and every other control character,
/// escape-sequence introducer, bidi control, zero-width character and lone combining mark shown as a
/// visible escape. Clean text is returned borrowed.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let lone_mark =
            is_combining(c) && prev.is_none_or(|p| p.is_whitespace() || is_dangerous(p));
        let unsafe_char = is_dangerous(c) || lone_mark;
        if unsafe_char && out.is_none() {
            let mut owned = String::with_capacity(text.len() + 16);
            owned.push_str(&text[..i]);
            out = Some(owned);
        }
        if let Some(out) = out.as_mut() {
            match c {
                '\t' | '\n' | '\r' => out.push(' '),
                c if unsafe_char => push_escape(out, c),
                c => out.push(c),
            }
        }
        prev = Some(c);
    }
    match out {
        Some(owned) => Cow::Owned(owned),
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(sanitize("进房失败 JOIN"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_become_visible() {
        assert_eq!(sanitize("a\x1b[31mred"), "a\\x1b[31mred");
        assert_eq!(sanitize("\x1b]52;c;Zm9v\x07"), "\\x1b]52;c;Zm9v\\x07");
        assert_eq!(sanitize("x\u{9b}2J"), "x\\x9b2J");
        assert_eq!(sanitize("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(sanitize("a\u{200b}b"), "a\\u{200b}b");
        assert_eq!(sanitize("line1\nline2\tend"), "line1 line2 end");
    }

    #[test]
    fn combining_marks_need_a_base() {
        assert_eq!(sanitize("e\u{301}"), "e\u{301}");
        assert_eq!(sanitize("\u{301}x"), "\\u{0301}x");
        assert_eq!(sanitize("a \u{301}"), "a \\u{0301}");
    }
}

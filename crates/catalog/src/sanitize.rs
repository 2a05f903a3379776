//! Makes text from catalog files safe to print: no escape sequence or control character in a catalog
//! can move the cursor, recolour the screen, reorder text or hide itself.
//!
//! Dangerous characters are not dropped silently: they become visible escapes (`\x1b`, `\u{202e}`),
//! so a user still sees that something was there.
//!
//! What is dangerous is decided by Unicode general category, not by a hand-kept list, so a format
//! character we never heard of (a tag character, U+180E, U+FFF9…) is caught too:
//! - Cc (control) and Cf (format): escape sequences, bidi controls, zero-width and invisible
//!   characters, tag characters, U+FEFF, U+00AD;
//! - Zl and Zp (line and paragraph separators): they break line layout;
//! - Co (private use): its glyph, width and even visibility depend on the user's font, so neither we
//!   (with unicode-width) nor the user can tell what the screen shows; no error text needs it;
//! - noncharacters (U+FDD0–U+FDEF and the last two code points of every plane);
//! - unassigned code points in ranges reserved as default-ignorable (U+2065, U+FFF0–U+FFF8,
//!   U+E0000–U+E0FFF): a terminal with newer tables renders them as nothing, and they are where future
//!   format characters go. Other unassigned code points are left alone, so characters newer than our
//!   table (new CJK, new emoji) still show;
//! - nonspacing and enclosing marks (Mn, Me) with no base character: at the start, after whitespace or
//!   after something escaped, they would draw over whatever the terminal has there.

use std::borrow::Cow;
use std::fmt::Write;

use unicode_general_category::{get_general_category, GeneralCategory};

/// What happens to one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Treatment {
    Keep,
    /// Tab and line breaks: a space, so the text stays on one line.
    Space,
    /// Shown as `\x..` or `\u{....}`.
    Escape,
}

/// Noncharacters: U+FDD0–U+FDEF and U+xFFFE / U+xFFFF on every plane.
fn is_noncharacter(code: u32) -> bool {
    (0xfdd0..=0xfdef).contains(&code) || code & 0xfffe == 0xfffe
}

/// Unassigned code points that Unicode reserves as Default_Ignorable_Code_Point.
fn is_reserved_default_ignorable(code: u32) -> bool {
    code == 0x2065 || (0xfff0..=0xfff8).contains(&code) || (0xe0000..=0xe0fff).contains(&code)
}

/// How to treat `c`, given whether the character before it can carry a combining mark.
fn treatment(c: char, after_base: bool) -> Treatment {
    if c.is_ascii() {
        return match c {
            '\t' | '\n' | '\r' => Treatment::Space,
            ' '..='~' => Treatment::Keep,
            _ => Treatment::Escape,
        };
    }
    match get_general_category(c) {
        GeneralCategory::Control
        | GeneralCategory::Format
        | GeneralCategory::LineSeparator
        | GeneralCategory::ParagraphSeparator
        | GeneralCategory::PrivateUse
        | GeneralCategory::Surrogate => Treatment::Escape,
        GeneralCategory::Unassigned
            if is_noncharacter(c as u32) || is_reserved_default_ignorable(c as u32) =>
        {
            Treatment::Escape
        }
        GeneralCategory::NonspacingMark | GeneralCategory::EnclosingMark if !after_base => {
            Treatment::Escape
        }
        _ => Treatment::Keep,
    }
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
/// format character (bidi controls, zero-width and invisible characters, tag characters), line or
/// paragraph separator, private-use character, noncharacter and lone combining mark shown as a
/// visible escape. Clean text is returned borrowed, without allocating.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    // Fast path: printable ASCII needs no look-up at all.
    let ascii_clean = text
        .bytes()
        .position(|b| !(b' '..=b'~').contains(&b))
        .unwrap_or(text.len());
    if ascii_clean == text.len() {
        return Cow::Borrowed(text);
    }
    let mut out: Option<String> = None;
    // Whether the previous character can carry a combining mark: not at the start, not whitespace,
    // not something we escaped.
    let mut after_base = ascii_clean > 0 && text.as_bytes()[ascii_clean - 1] != b' ';
    for (i, c) in text[ascii_clean..].char_indices() {
        let i = ascii_clean + i;
        let treatment = treatment(c, after_base);
        if treatment != Treatment::Keep && out.is_none() {
            let mut owned = String::with_capacity(text.len() + 16);
            owned.push_str(&text[..i]);
            out = Some(owned);
        }
        if let Some(out) = out.as_mut() {
            match treatment {
                Treatment::Keep => out.push(c),
                Treatment::Space => out.push(' '),
                Treatment::Escape => push_escape(out, c),
            }
        }
        after_base = treatment == Treatment::Keep && !c.is_whitespace();
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
        assert!(matches!(sanitize("plain ascii"), Cow::Borrowed(_)));
        assert!(matches!(sanitize(""), Cow::Borrowed(_)));
        assert!(matches!(sanitize("e\u{301} 👍🏽"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_become_visible() {
        assert_eq!(sanitize("a\x1b[31mred"), "a\\x1b[31mred");
        assert_eq!(sanitize("\x1b]52;c;Zm9v\x07"), "\\x1b]52;c;Zm9v\\x07");
        assert_eq!(sanitize("x\u{9b}2J"), "x\\x9b2J");
        assert_eq!(sanitize("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(sanitize("a\u{200b}b"), "a\\u{200b}b");
        assert_eq!(sanitize("line1\nline2\tend"), "line1 line2 end");
        assert_eq!(sanitize("a\x7fb"), "a\\x7fb");
        assert_eq!(sanitize("进房\x1b失败"), "进房\\x1b失败");
    }

    #[test]
    fn combining_marks_need_a_base() {
        assert_eq!(sanitize("e\u{301}"), "e\u{301}");
        assert_eq!(sanitize("\u{301}x"), "\\u{0301}x");
        assert_eq!(sanitize("a \u{301}"), "a \\u{0301}");
        // Marks outside the old fixed ranges are found by category too (Thai, Devanagari, enclosing).
        assert_eq!(sanitize("\u{e31}"), "\\u{0e31}");
        assert_eq!(sanitize("ก\u{e31}"), "ก\u{e31}");
        assert_eq!(sanitize("\u{20dd}"), "\\u{20dd}");
        assert_eq!(sanitize("\t\u{94d}"), " \\u{094d}");
        // After an escape there is no base: the mark would draw over the escape's last character.
        assert_eq!(sanitize("\x1b\u{301}"), "\\x1b\\u{0301}");
        assert_eq!(sanitize("\u{301}\u{301}"), "\\u{0301}\\u{0301}");
        // Ideographic space is whitespace.
        assert_eq!(sanitize("错\u{3000}\u{301}"), "错\u{3000}\\u{0301}");
    }

    #[test]
    fn named_invisible_characters_are_escaped() {
        let cases = [
            '\u{ad}',
            '\u{61c}',
            '\u{180e}',
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{200e}',
            '\u{200f}',
            '\u{2028}',
            '\u{2029}',
            '\u{202a}',
            '\u{202b}',
            '\u{202c}',
            '\u{202d}',
            '\u{202e}',
            '\u{2060}',
            '\u{2061}',
            '\u{2062}',
            '\u{2063}',
            '\u{2064}',
            '\u{2065}',
            '\u{2066}',
            '\u{2067}',
            '\u{2068}',
            '\u{2069}',
            '\u{206a}',
            '\u{206f}',
            '\u{feff}',
            '\u{fff0}',
            '\u{fff9}',
            '\u{fffa}',
            '\u{fffb}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{fdd0}',
            '\u{1fffe}',
            '\u{10ffff}',
            '\u{e000}',
            '\u{f8ff}',
            '\u{f0000}',
            '\u{100000}',
            '\u{1d173}',
            '\u{e0000}',
            '\u{e0001}',
            '\u{e0002}',
            '\u{e0020}',
            '\u{e0041}',
            '\u{e007f}',
            '\u{e01f0}',
            '\u{e0fff}',
        ];
        for c in cases {
            let out = sanitize(&format!("a{c}b")).into_owned();
            assert!(!out.contains(c), "U+{:04X} survived: {out:?}", c as u32);
            let mut expected = "a".to_string();
            push_escape(&mut expected, c);
            expected.push('b');
            assert_eq!(out, expected);
        }
        // A whole tag sequence (an invisible "hi") shows every tag.
        assert_eq!(
            sanitize("x\u{e0068}\u{e0069}\u{e007f}"),
            "x\\u{e0068}\\u{e0069}\\u{e007f}"
        );
    }

    /// Every code point of the given categories, sanitised at the start, after a base and after a
    /// space, never reaches the output.
    fn assert_category_never_survives(categories: &[GeneralCategory]) -> usize {
        let mut seen = 0;
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            if !categories.contains(&get_general_category(c)) {
                continue;
            }
            seen += 1;
            for text in [c.to_string(), format!("a{c}b"), format!("进 {c}\u{301}")] {
                let out = sanitize(&text);
                assert!(
                    !out.chars()
                        .any(|o| categories.contains(&get_general_category(o))),
                    "U+{:04X} survived in {out:?}",
                    c as u32
                );
            }
        }
        seen
    }

    #[test]
    fn no_format_character_survives() {
        let seen = assert_category_never_survives(&[GeneralCategory::Format]);
        assert!(seen > 150, "only {seen} Cf characters");
    }

    #[test]
    fn no_control_character_survives() {
        let seen = assert_category_never_survives(&[GeneralCategory::Control]);
        assert_eq!(seen, 65);
    }

    #[test]
    fn no_separator_or_private_use_character_survives() {
        let seen = assert_category_never_survives(&[
            GeneralCategory::LineSeparator,
            GeneralCategory::ParagraphSeparator,
            GeneralCategory::PrivateUse,
        ]);
        assert_eq!(seen, 2 + 6400 + 65534 + 65534);
    }

    #[test]
    fn assigned_visible_text_is_kept() {
        for text in [
            "错误码 -1001：进房失败（JOIN_ROOM_FAILED）",
            "Ошибка ñ ü Ω ∑ → ✓",
            "👨🏽 ❤️ 🇨🇳",
            "مرحبا עברית",
            "한국어 日本語 ไทย हिन्दी",
        ] {
            assert_eq!(sanitize(text), text);
            assert!(matches!(sanitize(text), Cow::Borrowed(_)));
        }
    }
}

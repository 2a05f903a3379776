//! Finds the error codes mentioned in pasted text: a console dump, a stack trace, a server log.
//!
//! Only what clearly names a known code counts: `0x4004`, a standalone number that is a known code
//! (`code: 16388`, `ERR 70001`, `-8` after a separator), or a key spelled exactly
//! (`JOIN_ROOM_FAILED`). Numbers inside longer tokens (timestamps, user ids, versions like 4.15.22)
//! and unknown numbers are ignored, never guessed at.

use crate::catalog::{Catalog, Category};

/// A code found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index into the catalog.
    pub index: usize,
    /// 1-based line number of the first mention.
    pub line_number: usize,
    /// That line, trimmed.
    pub line: String,
    /// The text that named it (`16388`, `0x4004`, `JOIN_ROOM_FAILED`).
    pub token: String,
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every known code mentioned in `text`, each once, in order of first appearance.
pub fn find_mentions(text: &str, catalog: &Catalog) -> Vec<Mention> {
    let mut found: Vec<Mention> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        for (start, token) in tokens(line) {
            for index in resolve(line, start, token, catalog) {
                if !found.iter().any(|m| m.index == index) {
                    found.push(Mention {
                        index,
                        line_number: n + 1,
                        line: line.trim().to_string(),
                        token: token.to_string(),
                    });
                }
            }
        }
    }
    found
}

/// Maximal runs of `[A-Za-z0-9_]`, with their byte offsets.
fn tokens(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = line.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = rest.peek() {
            if is_word_char(c) {
                break;
            }
            rest.next();
        }
        let (start, _) = *rest.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = rest.peek() {
            if !is_word_char(c) {
                break;
            }
            end = i + c.len_utf8();
            rest.next();
        }
        Some((start, &line[start..end]))
    })
}

/// The catalog entries a token names, or none.
fn resolve(line: &str, start: usize, token: &str, catalog: &Catalog) -> Vec<usize> {
    let before = line[..start].chars().next_back();
    let after = line[start + token.len()..].chars().next();
    // A dot joined to a digit makes the number part of a version, a decimal or an address.
    let dotted = |c: Option<char>, other: Option<char>| {
        c == Some('.') && other.is_some_and(|o| o.is_ascii_digit())
    };
    let after_after = line[start + token.len()..].chars().nth(1);
    let before_before = line[..start].chars().rev().nth(1);
    if dotted(before, before_before) || dotted(after, after_after) {
        return Vec::new();
    }

    if let Some(hex) = token
        .strip_prefix("0x")
        .or_else(|| token.strip_prefix("0X"))
    {
        if hex.is_empty() || hex.len() > 15 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Vec::new();
        }
        let Ok(value) = i64::from_str_radix(hex, 16) else {
            return Vec::new();
        };
        return sdk_only(catalog, value);
    }
    if token.bytes().all(|b| b.is_ascii_digit()) {
        let negative = before == Some('-')
            && before_before.is_none_or(|c| {
                c.is_whitespace() || matches!(c, ':' | '=' | '(' | '[' | ',' | '"' | '\'')
            });
        let Ok(value) = token.parse::<i64>() else {
            return Vec::new();
        };
        let value = if negative { -value } else { value };
        return catalog.indices_by_code(value).to_vec();
    }
    // Keys are matched as written (case-sensitive), so the English word "unknown" in a log is not UNKNOWN.
    catalog
        .indices_by_name(token)
        .iter()
        .copied()
        .filter(|&i| catalog.entries()[i].names().any(|n| n == token))
        .collect()
}

fn sdk_only(catalog: &Catalog, value: i64) -> Vec<usize> {
    catalog
        .indices_by_code(value)
        .iter()
        .copied()
        .filter(|&i| catalog.entries()[i].category == Category::Sdk)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, usize)> {
        let catalog = Catalog::builtin().unwrap();
        find_mentions(text, &catalog)
            .into_iter()
            .map(|m| (catalog.entries()[m.index].display.clone(), m.line_number))
            .collect()
    }

    #[test]
    fn finds_each_code_once_in_order() {
        let log = "RtcError: join failed code: 16388\n\
                   retrying 0x4004\n\
                   [server] ERR 70001 userSig expired\n\
                   SIGNAL_CAHNNEL_SETUP_FAILED again";
        assert_eq!(
            found(log),
            vec![
                ("0x4004".to_string(), 1),
                ("70001".to_string(), 3),
                ("0x4001".to_string(), 4)
            ]
        );
    }

    #[test]
    fn ignores_numbers_inside_longer_tokens() {
        assert!(found("ts=1670001234 user_70001x id70001 v4.15.22 1.16388 16388.5").is_empty());
        assert!(found("an unknown error happened").is_empty());
        assert!(found("code 12345 and 0xZZ and 0x").is_empty());
    }

    #[test]
    fn negative_codes_after_a_separator() {
        assert_eq!(found("code: -8"), vec![("-8".to_string(), 1)]);
        assert!(found("2024-11-8").is_empty());
    }
}

//! Narrowing as a decimal code is typed: `1638` lists 16384–16389 (0x4000–0x4005) instead of
//! "No match" until the last digit. The console prints 4.x codes in decimal, so people type them
//! digit by digit; the code readings only name whole codes, this adds the codes a partial number
//! starts. Part of the engine, so `trtc-errors search 1638` and the browser list the same codes.

use std::fmt::Write;

use crate::catalog::{Catalog, Scope};
use crate::query::{CodeReading, Reading};

use super::{Hit, MatchKind};

/// Shorter prefixes name too much of the catalog to be a useful list.
const MIN_DIGITS: usize = 2;

/// The digits of `text` when it is a (possibly negative) decimal number being typed.
fn decimal_prefix(text: &str) -> Option<&str> {
    let text = text.trim();
    let digits = text.strip_prefix('-').unwrap_or(text);
    (digits.len() >= MIN_DIGITS && digits.bytes().all(|b| b.is_ascii_digit())).then_some(text)
}

/// Appends to `hits` every entry in `scope` whose decimal code starts with `text` (when `text` is
/// a number), in code order, after the engine's own hits and without repeating them. Each added
/// hit carries its decimal reading, so the row says `=16388`.
pub(super) fn extend(hits: &mut Vec<Hit>, catalog: &Catalog, text: &str, scope: Scope) {
    let Some(prefix) = decimal_prefix(text) else {
        return;
    };
    let mut found: Vec<(i64, usize)> = Vec::new();
    let mut decimal = String::new();
    // Identities only: a catalog read in place answers them without reading its entries.
    for index in 0..catalog.len() {
        let Some((_, _, code)) = catalog.id(index) else {
            continue;
        };
        decimal.clear();
        let _ = write!(decimal, "{code}");
        if decimal.len() > prefix.len()
            && decimal.starts_with(prefix)
            && catalog.admits(index, scope)
            && !hits.iter().any(|h| h.index == index)
        {
            found.push((code, index));
        }
    }
    found.sort_unstable();
    hits.extend(found.into_iter().map(|(value, index)| Hit {
        index,
        score: MatchKind::DecimalPrefix.base(),
        kind: Some(MatchKind::DecimalPrefix),
        reading: Some(CodeReading {
            value,
            reading: Reading::Decimal,
        }),
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn displays(text: &str) -> Vec<String> {
        let catalog = Catalog::builtin().unwrap();
        let mut hits = Vec::new();
        extend(&mut hits, &catalog, text, Scope::default());
        hits.iter()
            .map(|h| catalog.entry(h.index).display())
            .collect()
    }

    #[test]
    fn a_partial_decimal_names_the_codes_it_starts() {
        let shown = displays("1638");
        for code in ["0x4001", "0x4002", "0x4004", "0x4005"] {
            assert!(shown.contains(&code.to_string()), "{code} in {shown:?}");
        }
        assert!(!shown.contains(&"0x4010".to_string()));
        assert!(displays("7000").contains(&"70001".to_string()));
    }

    #[test]
    fn only_numbers_of_two_digits_or_more() {
        assert!(displays("1").is_empty());
        assert!(displays("16a").is_empty());
        assert!(displays("join").is_empty());
    }

    #[test]
    fn the_whole_code_is_left_to_the_engine() {
        // 16388 itself is the engine's exact hit; a prefix adds only longer codes.
        assert!(!displays("16388").contains(&"0x4004".to_string()));
    }
}

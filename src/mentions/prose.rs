//! Rule 3 as people write it: a label in prose (`错误码`, `错误信息`, `error code is`), the number
//! glued to it or after a particle (`提示错误码70014`, `错误码是1301`, `错误码一直1102 -> 3002`), and
//! the numbers a sequence or list after one label adds (`-> 3002 -> -1307`, `1102、3002`).

use crate::catalog::Catalog;

use super::context::{names_foreign_error, not_in_catalog, resolve, sign_dropped, written, Found};
use super::Evidence;

/// Labels people put before a code in prose. Chinese ones need no boundary (Chinese has no
/// spaces); ASCII ones must start a word and are matched case-insensitively.
pub(super) const LABELS: &[&str] = &[
    "错误码",
    "错误代码",
    "错误信息",
    "错误号",
    "返回码",
    "报错码",
    "error code is",
    "error code was",
    "error code of",
];

/// Labels that count only with the number right after them (`返回70346`, `进入房间报-10014`): as
/// a word in a sentence they label anything (`返回了 3 条`, `报了 2 次`).
pub(super) const GLUED_LABELS: &[&str] = &["返回", "报"];

/// Words that may stand between a label and its number: `错误码是1301`, `错误码一直1102`.
pub(super) const PARTICLES: &[&str] = &[
    "是", "为", "一直", "提示", "显示", "还是", "都是", "就是", "总是", "均为", "报",
];

pub use crate::text::fold::{fold_variants, VARIANTS};

/// Punctuation that joins a label to its number (besides spaces).
const JOINERS: &[char] = &[
    ':', '：', '=', '"', '\'', '“', '”', '「', '」', '(', '（', '[', '【',
];

/// What joins the items of a sequence or list after one label.
pub(super) const SEQUENCE_SEPARATORS: &[&str] =
    &["->", "→", "=>", "、", "，", ",", "/", "和", "或", "及"];

/// How much may stand between a label and its number.
const MAX_GAP_CHARS: usize = 12;

/// Every number a prose label names on one line.
pub(super) fn scan_line(line: &str, catalog: &Catalog) -> Vec<Found> {
    let mut out = Vec::new();
    if names_foreign_error(line) {
        return out;
    }
    // Most log lines are ASCII and hold no label: skip them before any allocation.
    if line.is_ascii()
        && !LABELS
            .iter()
            .filter(|l| l.is_ascii())
            .any(|l| contains_ignore_case(line, l))
    {
        return out;
    }
    let folded = fold_variants(line);
    let line: &str = &folded;
    let lower = line.to_ascii_lowercase();
    let labels = LABELS
        .iter()
        .map(|l| (*l, false))
        .chain(GLUED_LABELS.iter().map(|l| (*l, true)));
    for (label, glued_only) in labels {
        let mut from = 0;
        while let Some(at) = lower[from..].find(label) {
            let start = from + at;
            let end = start + label.len();
            from = end;
            let ascii = label.is_ascii();
            if ascii && line[..start].chars().next_back().is_some_and(is_word_char) {
                continue;
            }
            // `返回码` is its own label.
            if glued_only && LABELS.iter().any(|l| line[start..].starts_with(l)) {
                continue;
            }
            let Some(first) = number_start(line, end, glued_only) else {
                continue;
            };
            numbers_from(line, first, label, catalog, &mut out);
        }
    }
    out
}

fn contains_ignore_case(line: &str, needle: &str) -> bool {
    line.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Where the number after a label starts (its sign included), skipping joiners and particles.
fn number_start(line: &str, mut at: usize, glued_only: bool) -> Option<usize> {
    let mut skipped = 0;
    loop {
        let rest = &line[at..];
        let c = rest.chars().next()?;
        if c.is_ascii_digit() || c == '-' || c == '\u{2212}' {
            return Some(at);
        }
        if glued_only {
            if c != ' ' || skipped > 0 {
                return None;
            }
            skipped += 1;
            at += 1;
            continue;
        }
        let step = if c.is_whitespace() || JOINERS.contains(&c) {
            c.len_utf8()
        } else if let Some(p) = PARTICLES.iter().find(|p| rest.starts_with(**p)) {
            p.len()
        } else {
            return None;
        };
        skipped += rest[..step].chars().count();
        if skipped > MAX_GAP_CHARS {
            return None;
        }
        at += step;
    }
}

/// The number at `at` and those a sequence after it adds.
fn numbers_from(line: &str, mut at: usize, label: &str, catalog: &Catalog, out: &mut Vec<Found>) {
    loop {
        let sign = line[at..]
            .chars()
            .next()
            .filter(|c| *c == '-' || *c == '\u{2212}')
            .map_or(0, char::len_utf8);
        let digits_start = at + sign;
        let digits = line[digits_start..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        if digits == 0 {
            return;
        }
        let end = digits_start + digits;
        let after = &line[end..];
        // `3301x`, `4.6.1`, `1.5s`: part of a word, a version or a decimal.
        let mut next = after.chars();
        match (next.next(), next.next()) {
            (Some(c), _) if is_word_char(c) => return,
            (Some('.'), Some(d)) if d.is_ascii_digit() => return,
            _ => {}
        }
        if let Some(found) = one(line, digits_start, &line[digits_start..end], label, catalog) {
            out.push(found);
        }
        // A sequence continues after a separator: `1102 -> 3002`, `1102、3002`.
        let gap = after.trim_start();
        let Some(sep) = SEQUENCE_SEPARATORS.iter().find(|s| gap.starts_with(**s)) else {
            return;
        };
        let next_item = gap[sep.len()..].trim_start();
        if !next_item.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '\u{2212}') {
            return;
        }
        at = line.len() - next_item.len();
    }
}

fn one(line: &str, start: usize, token: &str, label: &str, catalog: &Catalog) -> Option<Found> {
    let w = written(line, start, token)?;
    let indices = resolve(catalog, w.value, None, false);
    if !indices.is_empty() {
        return Some(Found {
            indices,
            token: w.shown,
            evidence: Evidence::CodeContext {
                word: label.to_string(),
            },
        });
    }
    if w.negative {
        return not_in_catalog(line, label, w.value, &w.shown, catalog);
    }
    let indices = sign_dropped(catalog, w.value, None);
    (!indices.is_empty()).then_some(Found {
        indices,
        token: w.shown,
        evidence: Evidence::SignAssumed {
            word: label.to_string(),
        },
    })
}

//! Matching one query term against one entry: exact, prefix, suffix, fuzzy, description words,
//! pinyin. Positions are computed only when asked for (rows on screen), never while ranking.

use crate::fuzzy::{compact_subsequence, key_fuzzy};
use crate::pinyin_match;
use crate::query::{Term, TermKind};

use super::index::{covers, mask, ArchivedSlot, Prepared};
use super::{MatchKind, SearchIndex};

/// Which field of an entry a term matched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Display,
    /// 0 is the key when the entry has one; aliases follow.
    Name(usize),
    Zh,
    En,
}

pub(super) struct TermMatch {
    pub(super) kind: MatchKind,
    pub(super) score: i64,
    pub(super) spans: Vec<(Field, Vec<usize>)>,
}

impl TermMatch {
    /// A match of `kind` in `field`; the spans are kept only when positions were asked for.
    fn new(kind: MatchKind, bonus: i64, field: Field, spans: Vec<usize>, positions: bool) -> Self {
        TermMatch {
            kind,
            score: kind.base() + bonus,
            spans: if positions {
                vec![(field, spans)]
            } else {
                Vec::new()
            },
        }
    }
}

/// A query term with what every entry test needs computed once per search, not once per entry.
pub(super) struct PreparedTerm<'a> {
    pub(super) term: &'a Term,
    pub(super) chars: Vec<char>,
    pub(super) mask: u64,
    /// Lowercase letters only: the term may be pinyin. Holds the first letter's bit.
    pub(super) pinyin_initial: Option<u32>,
    /// Substring search set up once per term (a fresh `str::find` pays its set-up per entry).
    pub(super) finder: memchr::memmem::Finder<'static>,
}

impl<'a> PreparedTerm<'a> {
    pub(super) fn new(term: &'a Term) -> PreparedTerm<'a> {
        let pinyin_initial = term
            .text
            .bytes()
            .all(|b| b.is_ascii_lowercase())
            .then(|| term.text.bytes().next().map(|b| 1u32 << (b - b'a')))
            .flatten();
        PreparedTerm {
            term,
            chars: term.text.chars().collect(),
            mask: mask(&term.text),
            pinyin_initial,
            finder: memchr::memmem::Finder::new(term.text.as_bytes()).into_owned(),
        }
    }

    /// Could this term match the entry at all? A cheap test before any scoring.
    pub(super) fn may_match(&self, slot: &ArchivedSlot) -> bool {
        covers(
            slot.names_mask.to_native()
                | slot.zh_mask.to_native()
                | slot.en_mask.to_native()
                | slot.pinyin_mask.to_native()
                | slot.keywords_mask.to_native()
                | slot.advice_mask.to_native(),
            self.mask,
        )
    }
}

/// The byte offset where an anchored term stands in `text`: anywhere (`'exact`), at the start
/// (`^prefix`) or at the end (`suffix$`).
fn anchored_at(kind: TermKind, text: &str, t: &str) -> Option<usize> {
    match kind {
        TermKind::Exact => text.find(t),
        TermKind::Prefix => text.starts_with(t).then_some(0),
        TermKind::Suffix => text.ends_with(t).then(|| text.len() - t.len()),
        TermKind::Fuzzy => None,
    }
}

/// A loose fuzzy key hit must score at least this per character of the term. Tuned on the
/// built-in catalog with nucleo's scores: every word of every key (and the queries below),
/// searched for, gave loose hits scoring up to 23.3 per character (`min` → MICROPHONE_RECOVER_FAILED,
/// `transcode` → ERR_CLOUD_MIX_TRANSCODING_SERVER_FAILED), and none of them was an entry a person
/// meant; so only tighter scatters than those are shown (tests/ranking.rs
/// `loose_letters_under_the_floor_are_not_shown`).
const LOOSE_FLOOR_PER_CHAR: i64 = 24;

/// Char index of a byte offset.
fn char_index(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn char_range(text: &str, byte: usize, needle: &str) -> Vec<usize> {
    let start = char_index(text, byte);
    (start..start + needle.chars().count()).collect()
}

impl SearchIndex {
    /// The best way `term` matches, or `None`. Positions are only computed when `positions` is set.
    pub(super) fn match_term(
        &self,
        p: &Prepared,
        prepared_term: &PreparedTerm,
        positions: bool,
    ) -> Option<TermMatch> {
        let term = prepared_term.term;
        let t = term.text.as_str();
        // Positions are only worked out when asked for: scoring 100,000 entries must not allocate.
        let whole = |s: &str| {
            if positions {
                (0..s.chars().count()).collect::<Vec<_>>()
            } else {
                Vec::new()
            }
        };
        let prefix = |s: &str| {
            if positions {
                (0..t.chars().count().min(s.chars().count())).collect::<Vec<_>>()
            } else {
                Vec::new()
            }
        };
        let range = |s: &str, at: usize| {
            if positions {
                char_range(s, at, t)
            } else {
                Vec::new()
            }
        };
        let found =
            |kind, bonus, field, spans| TermMatch::new(kind, bonus, field, spans, positions);

        // 'exact, ^prefix and suffix$ differ only in where the term must stand; names and the code
        // first, then the descriptions.
        let (name_kind, bonus) = match term.kind {
            TermKind::Fuzzy => {
                return self.match_fuzzy(p, prepared_term, positions, &whole, &prefix)
            }
            TermKind::Exact => (MatchKind::Exact, 100),
            TermKind::Prefix => (MatchKind::KeyPrefix, 0),
            TermKind::Suffix => (MatchKind::Suffix, 100),
        };
        let fields = p
            .names()
            .enumerate()
            .map(|(i, name)| (Field::Name(i), name, name_kind, bonus))
            .chain([
                (Field::Display, p.display, name_kind, bonus),
                (Field::Zh, p.zh, MatchKind::Description, 0),
                (Field::En, p.en, MatchKind::Description, 0),
            ]);
        for (field, text, kind, bonus) in fields {
            if let Some(at) = anchored_at(term.kind, text, t) {
                return Some(found(kind, bonus, field, range(text, at)));
            }
        }
        if term.kind == TermKind::Exact && p.keywords.contains(t) {
            return Some(found(MatchKind::Keyword, 0, Field::Display, Vec::new()));
        }
        None
    }

    fn match_fuzzy(
        &self,
        p: &Prepared,
        term: &PreparedTerm,
        positions: bool,
        whole: &dyn Fn(&str) -> Vec<usize>,
        prefix: &dyn Fn(&str) -> Vec<usize>,
    ) -> Option<TermMatch> {
        let t = term.term.text.as_str();
        let found =
            |kind, bonus, field, spans| TermMatch::new(kind, bonus, field, spans, positions);
        fn consider(best: &mut Option<TermMatch>, m: TermMatch) {
            if best.as_ref().is_none_or(|b| m.score > b.score) {
                *best = Some(m);
            }
        }
        let in_names = covers(p.names_mask, term.mask);
        let descriptions = [(Field::Zh, p.zh, p.zh_mask), (Field::En, p.en, p.en_mask)];
        // Exact key or alias.
        for (i, name) in p.names().enumerate().filter(|_| in_names) {
            if name == t {
                return Some(found(MatchKind::ExactKey, 0, Field::Name(i), whole(name)));
            }
        }
        // Key, alias or code prefix: shorter names first, so JOIN finds JOIN_ROOM_FAILED before longer keys.
        let mut best: Option<TermMatch> = None;
        for (i, name) in p.names().enumerate().filter(|_| in_names) {
            if name.starts_with(t) {
                let bonus = 100 - name.len().min(100) as i64;
                consider(
                    &mut best,
                    found(MatchKind::KeyPrefix, bonus, Field::Name(i), prefix(name)),
                );
            }
        }
        if p.display.starts_with(t) {
            consider(
                &mut best,
                found(MatchKind::KeyPrefix, 50, Field::Display, prefix(p.display)),
            );
        }
        if best.is_some() {
            return best;
        }
        // Fuzzy on keys and aliases: one scorer ranks and places the highlighted letters (its
        // positions are kept only for rows on screen). Letters picked from inside words are kept
        // aside as a last resort, and only above a floor.
        let n = term.chars.len();
        let mut loose: Option<TermMatch> = None;
        for (i, name) in p.names().enumerate().filter(|_| in_names) {
            if let Some(m) = key_fuzzy(name, t, positions) {
                if !m.aligned && m.score < LOOSE_FLOOR_PER_CHAR * n as i64 {
                    continue;
                }
                let idx = m.positions;
                let kind = if m.aligned {
                    MatchKind::FuzzyKey
                } else {
                    MatchKind::LooseFuzzy
                };
                let target = if m.aligned { &mut best } else { &mut loose };
                consider(
                    target,
                    found(kind, m.score.clamp(0, 99_999), Field::Name(i), idx),
                );
            }
        }
        if best.is_some() {
            return best;
        }
        // The description contains the word as typed.
        for (field, text, _) in descriptions
            .iter()
            .filter(|(_, _, m)| covers(*m, term.mask))
        {
            let (field, text) = (*field, *text);
            if let Some(at) = term.finder.find(text.as_bytes()) {
                // Where in the sentence the word stands says little; ties keep catalog order.
                let spans = if positions {
                    char_range(text, at, t)
                } else {
                    Vec::new()
                };
                return Some(found(MatchKind::Description, 0, field, spans));
            }
        }
        // A curated keyword: the words developers type for this failure.
        if covers(p.keywords_mask, term.mask) && p.keywords().any(|k| k.contains(t)) {
            return Some(found(MatchKind::Keyword, 0, Field::Display, Vec::new()));
        }
        // A typo or a dropped letter, kept compact: letters scattered over a sentence are no match.
        if n >= 3 {
            let max_span = n + (n / 2).max(2);
            for (field, text, _) in descriptions
                .iter()
                .filter(|(_, _, m)| covers(*m, term.mask))
            {
                if let Some((span, idx)) =
                    compact_subsequence(text, &term.chars, max_span, positions)
                {
                    let field = *field;
                    let bonus = 100 - (span - n).min(100) as i64;
                    consider(
                        &mut best,
                        found(MatchKind::FuzzyDescription, bonus, field, idx),
                    );
                }
            }
            if best.is_some() {
                return best;
            }
        }
        // Pinyin on the Chinese description, one character at a time.
        if let Some(m) = self.match_pinyin(p, term, positions) {
            return Some(found(m.0, m.1, Field::Zh, m.2));
        }
        // The advice, what raises it, the APIs: below every name and description hit.
        if covers(p.advice_mask, term.mask) && term.finder.find(p.advice.as_bytes()).is_some() {
            return Some(found(MatchKind::Advice, 0, Field::Display, Vec::new()));
        }
        loose
    }

    /// A pinyin match on the Chinese description: (kind, bonus, positions).
    fn match_pinyin(
        &self,
        p: &Prepared,
        term: &PreparedTerm,
        positions: bool,
    ) -> Option<(MatchKind, i64, Vec<usize>)> {
        let initial = term.pinyin_initial?;
        if p.initials & initial == 0 || !covers(p.pinyin_mask, term.mask) {
            return None;
        }
        // The pinyin text is the description followed by the Chinese keywords: a match in a
        // keyword is a match with nothing in the description to highlight.
        let in_description = |spans: Vec<usize>| {
            let described = p.zh.chars().count();
            if spans.iter().all(|&i| i < described) {
                spans
            } else {
                Vec::new()
            }
        };
        if term.chars.len() == 1 {
            // One letter is an initial: the per-character initials answer without spelling.
            let at = p.zh_initials.iter().position(|i| i & initial != 0)?;
            let spans = if positions {
                in_description(vec![at])
            } else {
                Vec::new()
            };
            return Some((MatchKind::Pinyin, 1000, spans));
        }
        pinyin_match::find(&term.term.text, p.zh_chars, p.zh_initials, positions).map(|m| {
            (
                MatchKind::Pinyin,
                m.score + 1000,
                in_description(m.positions),
            )
        })
    }
}

pub(super) fn contains_anywhere(p: &Prepared, t: &str) -> bool {
    p.names().any(|n| n.contains(t))
        || p.display.contains(t)
        || p.zh.contains(t)
        || p.en.contains(t)
        || p.keywords.contains(t)
}

//! The search engine: a query in, ranked hits out. One engine serves the CLI and the TUI, so both
//! rank identically.
//!
//! Ranking, best first (see README "How results are ranked"):
//! exact code in any reading > exact key or alias > key / code prefix > fuzzy on key >
//! description contains the word > fuzzy on description > pinyin.
//! Every term of a multi-word query must match; an entry's score is the sum of its terms' scores,
//! ties keep catalog order.
//!
//! Per-entry work (lowercasing, character lists, prefilter masks) is done once in
//! [`SearchIndex::new`]; highlight positions are computed only when asked for, for visible rows.

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use rayon::prelude::*;

use crate::catalog::{Catalog, CatalogEntry, Category};
use crate::pinyin_match;
use crate::query::{CodeReading, Query, Reading, Term, TermKind};

/// Above this many candidates the scan is split over all cores.
const PARALLEL_THRESHOLD: usize = 4096;

/// How a hit matched, weakest first so that `Ord` sorts by strength.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    Pinyin,
    FuzzyDescription,
    Description,
    FuzzyKey,
    KeyPrefix,
    ExactKey,
    Code,
}

impl MatchKind {
    fn base(self) -> i64 {
        match self {
            MatchKind::Pinyin => 100_000,
            MatchKind::FuzzyDescription => 200_000,
            MatchKind::Description => 300_000,
            MatchKind::FuzzyKey => 400_000,
            MatchKind::KeyPrefix => 500_000,
            MatchKind::ExactKey => 600_000,
            MatchKind::Code => 1_000_000,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            MatchKind::Pinyin => "pinyin",
            MatchKind::FuzzyDescription => "fuzzy description",
            MatchKind::Description => "description",
            MatchKind::FuzzyKey => "fuzzy key",
            MatchKind::KeyPrefix => "prefix",
            MatchKind::ExactKey => "exact key",
            MatchKind::Code => "code",
        }
    }
}

/// One result: which entry, how well, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`Catalog::entries`].
    pub index: usize,
    pub score: i64,
    /// The weakest way a term matched; `None` for the empty query (everything matches).
    pub kind: Option<MatchKind>,
    /// Set when a number in the query named this entry (`16388` → 0x4004, decimal).
    pub reading: Option<CodeReading>,
}

/// Char indices, per displayed field, of the characters that matched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlights {
    pub display: Vec<usize>,
    pub key: Vec<usize>,
    pub aliases: Vec<Vec<usize>>,
    pub description_zh: Vec<usize>,
    pub description_en: Vec<usize>,
}

/// Which field of an entry a term matched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Display,
    /// 0 is the key when the entry has one; aliases follow.
    Name(usize),
    Zh,
    En,
}

struct TermMatch {
    kind: MatchKind,
    score: i64,
    spans: Vec<(Field, Vec<usize>)>,
}

/// Lowercased, char-aligned copies of an entry's searchable text, made once at load.
struct Prepared {
    display: String,
    names: Vec<String>,
    zh: String,
    zh_chars: Vec<char>,
    en: String,
    /// Bit set of `a-z0-9_` in any field, plus every letter of any pinyin reading of the Chinese text.
    ascii_mask: u64,
    /// A 64-bit Bloom filter of the non-ASCII characters in any field.
    wide_mask: u64,
}

/// Lowercases char by char, keeping one char per char so that indices stay valid in the original.
fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

fn ascii_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        '_' => 1 << 36,
        _ => 0,
    }
}

fn wide_bit(c: char) -> u64 {
    if c.is_ascii() {
        0
    } else {
        1 << ((c as u32).wrapping_mul(0x9E37_79B9) >> 26)
    }
}

fn masks(text: &str) -> (u64, u64) {
    text.chars()
        .fold((0, 0), |(a, w), c| (a | ascii_bit(c), w | wide_bit(c)))
}

impl Prepared {
    fn new(entry: &CatalogEntry) -> Prepared {
        let display = fold(&entry.display);
        let names: Vec<String> = entry.names().map(fold).collect();
        let zh = fold(&entry.description_zh);
        let zh_chars: Vec<char> = entry.description_zh.chars().collect();
        let en = entry
            .description_en
            .as_deref()
            .map(fold)
            .unwrap_or_default();
        let mut ascii_mask = 0;
        let mut wide_mask = 0;
        for text in
            names
                .iter()
                .map(String::as_str)
                .chain([display.as_str(), zh.as_str(), en.as_str()])
        {
            let (a, w) = masks(text);
            ascii_mask |= a;
            wide_mask |= w;
        }
        for &c in &zh_chars {
            if !c.is_ascii() {
                ascii_mask |= u64::from(pinyin_match::reading_letters(c));
            }
        }
        Prepared {
            display,
            names,
            zh,
            zh_chars,
            en,
            ascii_mask,
            wide_mask,
        }
    }

    /// Could `term` match this entry at all? A cheap test before any scoring.
    fn may_contain(&self, term: &Term) -> bool {
        let (a, w) = masks(&term.text);
        self.ascii_mask & a == a && self.wide_mask & w == w
    }
}

/// Char index of a byte offset.
fn char_index(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn char_range(text: &str, byte: usize, needle: &str) -> Vec<usize> {
    let start = char_index(text, byte);
    (start..start + needle.chars().count()).collect()
}

/// The search engine over one catalog.
pub struct SearchIndex {
    prepared: Vec<Prepared>,
    matcher: SkimMatcherV2,
}

impl SearchIndex {
    pub fn new(catalog: &Catalog) -> SearchIndex {
        let entries = catalog.entries();
        let prepared = if entries.len() >= PARALLEL_THRESHOLD {
            entries.par_iter().map(Prepared::new).collect()
        } else {
            entries.iter().map(Prepared::new).collect()
        };
        SearchIndex {
            prepared,
            // Case-insensitive on purpose: skim's smart case would make "Join" miss JOIN_ROOM_FAILED.
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    pub fn len(&self) -> usize {
        self.prepared.len()
    }

    pub fn is_empty(&self) -> bool {
        self.prepared.is_empty()
    }

    /// Ranked hits for `query` over the whole catalog, limited to `category` when given.
    pub fn search(&self, catalog: &Catalog, query: &Query, category: Option<Category>) -> Vec<Hit> {
        self.search_within(catalog, query, category, None)
    }

    /// Like [`search`](Self::search), but text matching looks only at `candidates` (the hits of a
    /// query this one narrows, see [`Query::narrows`]). Code readings always look at everything.
    pub fn search_within(
        &self,
        catalog: &Catalog,
        query: &Query,
        category: Option<Category>,
        candidates: Option<&[usize]>,
    ) -> Vec<Hit> {
        let in_scope = |i: usize| category.is_none_or(|c| catalog.entries()[i].category == c);
        if query.is_empty() {
            return (0..catalog.len())
                .filter(|&i| in_scope(i))
                .map(|index| Hit {
                    index,
                    score: 0,
                    kind: None,
                    reading: None,
                })
                .collect();
        }

        let mut hits = self.code_hits(catalog, query, &in_scope);
        let text_hit = |index: usize| -> Option<Hit> {
            if !in_scope(index) || hits_contains(&hits, index) {
                return None;
            }
            self.score_entry(index, &query.terms)
                .map(|(kind, score)| Hit {
                    index,
                    score,
                    kind: Some(kind),
                    reading: None,
                })
        };
        if query.terms.iter().any(|t| !t.negated) {
            let mut text_hits: Vec<Hit> = match candidates {
                Some(c) if c.len() >= PARALLEL_THRESHOLD => {
                    c.par_iter().filter_map(|&i| text_hit(i)).collect()
                }
                Some(c) => c.iter().filter_map(|&i| text_hit(i)).collect(),
                None if self.prepared.len() >= PARALLEL_THRESHOLD => (0..self.prepared.len())
                    .into_par_iter()
                    .filter_map(text_hit)
                    .collect(),
                None => (0..self.prepared.len()).filter_map(text_hit).collect(),
            };
            hits.append(&mut text_hits);
        }
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
        hits
    }

    /// Entries named by a numeric reading of the query. Hex readings only name SDK codes (nobody
    /// writes account codes in hex); decimal readings name any code.
    fn code_hits(
        &self,
        catalog: &Catalog,
        query: &Query,
        in_scope: &dyn Fn(usize) -> bool,
    ) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::new();
        for reading in &query.codes {
            for &index in catalog.indices_by_code(reading.value) {
                let entry = &catalog.entries()[index];
                let fits = reading.reading == Reading::Decimal || entry.category == Category::Sdk;
                if fits && in_scope(index) && !hits_contains(&hits, index) {
                    // Explicit readings (0x…, decimal) outrank the guess that bare digits are hex.
                    let bonus = if reading.reading == Reading::BareHex {
                        0
                    } else {
                        10
                    };
                    hits.push(Hit {
                        index,
                        score: MatchKind::Code.base() + bonus,
                        kind: Some(MatchKind::Code),
                        reading: Some(*reading),
                    });
                }
            }
        }
        hits
    }

    /// All terms must match and no negated term may; returns the weakest kind and the summed score.
    fn score_entry(&self, index: usize, terms: &[Term]) -> Option<(MatchKind, i64)> {
        let prepared = &self.prepared[index];
        let mut weakest = MatchKind::Code;
        let mut total = 0;
        for term in terms {
            if term.negated {
                if contains_anywhere(prepared, &term.text) {
                    return None;
                }
                continue;
            }
            if !prepared.may_contain(term) {
                return None;
            }
            let m = self.match_term(prepared, term, false)?;
            weakest = weakest.min(m.kind);
            total += m.score;
        }
        Some((weakest, total))
    }

    /// Where each term matched in entry `index`, as char indices per displayed field.
    pub fn highlights(&self, catalog: &Catalog, hit: &Hit, query: &Query) -> Highlights {
        let mut out = Highlights::default();
        let Some(prepared) = self.prepared.get(hit.index) else {
            return out;
        };
        let entry = &catalog.entries()[hit.index];
        let key_offset = usize::from(entry.key.is_some());
        out.aliases = vec![Vec::new(); entry.aliases.len()];
        if hit.reading.is_some() {
            out.display = (0..entry.display.chars().count()).collect();
            return out;
        }
        for term in query.terms.iter().filter(|t| !t.negated) {
            let Some(m) = self.match_term(prepared, term, true) else {
                continue;
            };
            for (field, positions) in m.spans {
                let target = match field {
                    Field::Display => &mut out.display,
                    Field::Name(i) if i < key_offset => &mut out.key,
                    Field::Name(i) => match out.aliases.get_mut(i - key_offset) {
                        Some(alias) => alias,
                        None => continue,
                    },
                    Field::Zh => &mut out.description_zh,
                    Field::En => &mut out.description_en,
                };
                target.extend(positions);
            }
        }
        for list in [
            &mut out.display,
            &mut out.key,
            &mut out.description_zh,
            &mut out.description_en,
        ]
        .into_iter()
        .chain(out.aliases.iter_mut())
        {
            list.sort_unstable();
            list.dedup();
        }
        out
    }

    /// The best way `term` matches, or `None`. Positions are only computed when `positions` is set.
    fn match_term(&self, p: &Prepared, term: &Term, positions: bool) -> Option<TermMatch> {
        let t = term.text.as_str();
        let whole = |s: &str| (0..s.chars().count()).collect::<Vec<_>>();
        let prefix = |s: &str| (0..t.chars().count().min(s.chars().count())).collect::<Vec<_>>();
        let found = |kind: MatchKind, bonus: i64, field: Field, spans: Vec<usize>| TermMatch {
            kind,
            score: kind.base() + bonus,
            spans: if positions {
                vec![(field, spans)]
            } else {
                Vec::new()
            },
        };
        let descriptions = [(Field::Zh, p.zh.as_str()), (Field::En, p.en.as_str())];

        match term.kind {
            TermKind::Exact => {
                for (i, name) in p.names.iter().enumerate() {
                    if let Some(at) = name.find(t) {
                        return Some(found(
                            MatchKind::FuzzyKey,
                            100,
                            Field::Name(i),
                            char_range(name, at, t),
                        ));
                    }
                }
                if let Some(at) = p.display.find(t) {
                    return Some(found(
                        MatchKind::FuzzyKey,
                        100,
                        Field::Display,
                        char_range(&p.display, at, t),
                    ));
                }
                for (field, text) in descriptions {
                    if let Some(at) = text.find(t) {
                        return Some(found(
                            MatchKind::Description,
                            0,
                            field,
                            char_range(text, at, t),
                        ));
                    }
                }
                None
            }
            TermKind::Prefix => {
                for (i, name) in p.names.iter().enumerate() {
                    if name.starts_with(t) {
                        return Some(found(MatchKind::KeyPrefix, 0, Field::Name(i), prefix(name)));
                    }
                }
                if p.display.starts_with(t) {
                    return Some(found(
                        MatchKind::KeyPrefix,
                        0,
                        Field::Display,
                        prefix(&p.display),
                    ));
                }
                for (field, text) in descriptions {
                    if text.starts_with(t) {
                        return Some(found(MatchKind::Description, 0, field, prefix(text)));
                    }
                }
                None
            }
            TermKind::Suffix => {
                let suffix = |s: &str| {
                    let n = s.chars().count();
                    (n - t.chars().count().min(n)..n).collect::<Vec<_>>()
                };
                for (i, name) in p.names.iter().enumerate() {
                    if name.ends_with(t) {
                        return Some(found(
                            MatchKind::FuzzyKey,
                            100,
                            Field::Name(i),
                            suffix(name),
                        ));
                    }
                }
                if p.display.ends_with(t) {
                    return Some(found(
                        MatchKind::FuzzyKey,
                        100,
                        Field::Display,
                        suffix(&p.display),
                    ));
                }
                for (field, text) in descriptions {
                    if text.ends_with(t) {
                        return Some(found(MatchKind::Description, 0, field, suffix(text)));
                    }
                }
                None
            }
            TermKind::Fuzzy => self.match_fuzzy(p, t, positions, &whole, &prefix),
        }
    }

    fn match_fuzzy(
        &self,
        p: &Prepared,
        t: &str,
        positions: bool,
        whole: &dyn Fn(&str) -> Vec<usize>,
        prefix: &dyn Fn(&str) -> Vec<usize>,
    ) -> Option<TermMatch> {
        let found = |kind: MatchKind, bonus: i64, field: Field, spans: Vec<usize>| TermMatch {
            kind,
            score: kind.base() + bonus,
            spans: if positions {
                vec![(field, spans)]
            } else {
                Vec::new()
            },
        };
        // Exact key or alias.
        for (i, name) in p.names.iter().enumerate() {
            if name == t {
                return Some(found(MatchKind::ExactKey, 0, Field::Name(i), whole(name)));
            }
        }
        // Key, alias or code prefix: shorter names first, so JOIN finds JOIN_ROOM_FAILED before longer keys.
        let mut best: Option<TermMatch> = None;
        fn consider(best: &mut Option<TermMatch>, m: TermMatch) {
            if best.as_ref().is_none_or(|b| m.score > b.score) {
                *best = Some(m);
            }
        }
        for (i, name) in p.names.iter().enumerate() {
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
                found(MatchKind::KeyPrefix, 50, Field::Display, prefix(&p.display)),
            );
        }
        if best.is_some() {
            return best;
        }
        // Fuzzy on keys and aliases.
        for (i, name) in p.names.iter().enumerate() {
            if positions {
                if let Some((score, idx)) = self.matcher.fuzzy_indices(name, t) {
                    consider(
                        &mut best,
                        found(MatchKind::FuzzyKey, score.min(99_999), Field::Name(i), idx),
                    );
                }
            } else if let Some(score) = self.matcher.fuzzy_match(name, t) {
                consider(
                    &mut best,
                    found(
                        MatchKind::FuzzyKey,
                        score.min(99_999),
                        Field::Name(i),
                        Vec::new(),
                    ),
                );
            }
        }
        if best.is_some() {
            return best;
        }
        // The description contains the word as typed.
        for (field, text) in [(Field::Zh, p.zh.as_str()), (Field::En, p.en.as_str())] {
            if let Some(at) = text.find(t) {
                // Where in the sentence the word stands says little; ties keep catalog order.
                consider(
                    &mut best,
                    found(MatchKind::Description, 0, field, char_range(text, at, t)),
                );
            }
        }
        if best.is_some() {
            return best;
        }
        // Fuzzy on descriptions, kept compact: letters scattered over a sentence are not a match.
        let n = t.chars().count();
        let max_span = n + (n / 2).max(2);
        for (field, text) in [(Field::Zh, p.zh.as_str()), (Field::En, p.en.as_str())] {
            if text.is_empty() {
                continue;
            }
            if let Some((score, idx)) = self.matcher.fuzzy_indices(text, t) {
                let span = match (idx.first(), idx.last()) {
                    (Some(first), Some(last)) => last - first + 1,
                    _ => usize::MAX,
                };
                if span <= max_span {
                    consider(
                        &mut best,
                        found(MatchKind::FuzzyDescription, score.min(99_999), field, idx),
                    );
                }
            }
        }
        if best.is_some() {
            return best;
        }
        // Pinyin on the Chinese description, one character at a time.
        pinyin_match::find(t, &p.zh_chars)
            .map(|m| found(MatchKind::Pinyin, m.score + 1000, Field::Zh, m.positions))
    }
}

fn hits_contains(hits: &[Hit], index: usize) -> bool {
    hits.iter().any(|h| h.index == index)
}

fn contains_anywhere(p: &Prepared, t: &str) -> bool {
    p.names.iter().any(|n| n.contains(t))
        || p.display.contains(t)
        || p.zh.contains(t)
        || p.en.contains(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(query: &str) -> Vec<String> {
        let catalog = Catalog::builtin().unwrap();
        let index = SearchIndex::new(&catalog);
        index
            .search(&catalog, &Query::parse(query), None)
            .iter()
            .map(|h| catalog.entries()[h.index].display.clone())
            .collect()
    }

    #[test]
    fn empty_query_is_whole_catalog_in_order() {
        let catalog = Catalog::builtin().unwrap();
        let index = SearchIndex::new(&catalog);
        let hits = index.search(&catalog, &Query::parse(""), None);
        assert_eq!(hits.len(), catalog.len());
        assert!(hits.iter().enumerate().all(|(i, h)| h.index == i));
    }

    #[test]
    fn code_readings_find_codes() {
        assert_eq!(top("0x4004")[0], "0x4004");
        assert_eq!(top("16388")[0], "0x4004");
        assert_eq!(top("4004")[0], "0x4004");
        assert_eq!(top("70001")[0], "70001");
    }

    #[test]
    fn case_insensitive_keys() {
        assert_eq!(top("join")[0], "0x4004");
        assert_eq!(top("Join")[0], "0x4004");
    }

    #[test]
    fn chinese_words() {
        let hits = top("过期");
        assert!(hits.contains(&"70001".to_string()));
        assert!(hits.contains(&"70347".to_string()));
    }
}

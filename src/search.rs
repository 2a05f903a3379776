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
use crate::fuzzy::{compact_subsequence, key_fuzzy};
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

/// Where one entry's searchable text lives in the index's arenas, and its prefilter data. All
/// entries' text sits in one string, so a scan over 100,000 entries reads memory front to back
/// instead of chasing a handful of allocations per entry.
struct Slot {
    category: Category,
    /// [`mask`] of the display form and names, of each description, and the letters of every
    /// pinyin reading of the Chinese description.
    names_mask: u64,
    zh_mask: u64,
    en_mask: u64,
    pinyin_mask: u64,
    /// First letters of the pinyin readings of the Chinese text: a pinyin term must start with one.
    initials: u32,
    /// Byte offsets into `SearchIndex::text`: display | names (joined by U+001F) | zh | en.
    text: [u32; 5],
    /// Range in `SearchIndex::zh_chars` / `zh_initials`.
    chars: [u32; 2],
}

/// Lowercased, char-aligned views of an entry's searchable text.
struct Prepared<'a> {
    display: &'a str,
    names: &'a str,
    zh: &'a str,
    en: &'a str,
    zh_chars: &'a [char],
    zh_initials: &'a [u32],
    initials: u32,
    names_mask: u64,
    zh_mask: u64,
    en_mask: u64,
    pinyin_mask: u64,
}

/// Separates names inside the names field; sanitized catalog text cannot contain it.
const NAME_SEPARATOR: char = '\u{1f}';

impl Prepared<'_> {
    fn names(&self) -> impl Iterator<Item = &str> {
        self.names.split(NAME_SEPARATOR).filter(|n| !n.is_empty())
    }
}

/// Lowercases one char, keeping one char per char so that indices stay valid in the original.
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

/// One bit per character class: `a-z`, `0-9` and `_` exactly (bits 0–36), any other character
/// hashed into bits 37–63 (a small Bloom filter). A term can only match a field whose mask holds
/// every bit of the term's mask.
fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        '_' => 1 << 36,
        c if c.is_ascii() => 0,
        c => 1 << (37 + ((c as u32).wrapping_mul(0x9E37_79B9) >> 27) % 27),
    }
}

fn mask(text: &str) -> u64 {
    text.chars().fold(0, |m, c| m | char_bit(c))
}

fn covers(field: u64, term: u64) -> bool {
    field & term == term
}

/// The index's storage, filled entry by entry.
#[derive(Default)]
struct Arenas {
    slots: Vec<Slot>,
    text: String,
    zh_chars: Vec<char>,
    zh_initials: Vec<u32>,
}

impl Arenas {
    fn push(&mut self, entry: &CatalogEntry) {
        let offset = |text: &String| u32::try_from(text.len()).unwrap_or(u32::MAX);
        let mut bounds = [0u32; 5];
        bounds[0] = offset(&self.text);
        self.text.extend(entry.display.chars().map(fold_char));
        bounds[1] = offset(&self.text);
        for (i, name) in entry.names().enumerate() {
            if i > 0 {
                self.text.push(NAME_SEPARATOR);
            }
            self.text.extend(name.chars().map(fold_char));
        }
        bounds[2] = offset(&self.text);
        self.text
            .extend(entry.description_zh.chars().map(fold_char));
        bounds[3] = offset(&self.text);
        if let Some(en) = &entry.description_en {
            self.text.extend(en.chars().map(fold_char));
        }
        bounds[4] = offset(&self.text);
        let field = |i: usize| mask(&self.text[bounds[i] as usize..bounds[i + 1] as usize]);
        let (names_mask, zh_mask, en_mask) = (field(0) | field(1), field(2), field(3));
        let mut pinyin_mask = 0;
        let chars_start = self.zh_chars.len();
        for c in entry.description_zh.chars() {
            let initials = if c.is_ascii() {
                0
            } else {
                pinyin_mask |= u64::from(pinyin_match::reading_letters(c));
                pinyin_match::initial_letters(c)
            };
            self.zh_chars.push(c);
            self.zh_initials.push(initials);
        }
        let initials = self.zh_initials[chars_start..]
            .iter()
            .fold(0, |all, i| all | i);
        let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.slots.push(Slot {
            category: entry.category,
            names_mask,
            zh_mask,
            en_mask,
            pinyin_mask,
            initials,
            text: bounds,
            chars: [to_u32(chars_start), to_u32(self.zh_chars.len())],
        });
    }
}

/// A query term with what every entry test needs computed once per search, not once per entry.
struct PreparedTerm<'a> {
    term: &'a Term,
    chars: Vec<char>,
    /// The term's bytes when it is ASCII (keys almost always are): the byte path of the key scorer.
    ascii: Option<Vec<u8>>,
    mask: u64,
    /// Lowercase letters only: the term may be pinyin. Holds the first letter's bit.
    pinyin_initial: Option<u32>,
    /// Substring search set up once per term (a fresh `str::find` pays its set-up per entry).
    finder: memchr::memmem::Finder<'static>,
}

impl<'a> PreparedTerm<'a> {
    fn new(term: &'a Term) -> PreparedTerm<'a> {
        let pinyin_initial = term
            .text
            .bytes()
            .all(|b| b.is_ascii_lowercase())
            .then(|| term.text.bytes().next().map(|b| 1u32 << (b - b'a')))
            .flatten();
        PreparedTerm {
            term,
            chars: term.text.chars().collect(),
            ascii: term.text.is_ascii().then(|| term.text.as_bytes().to_vec()),
            mask: mask(&term.text),
            pinyin_initial,
            finder: memchr::memmem::Finder::new(term.text.as_bytes()).into_owned(),
        }
    }

    /// Could this term match the entry at all? A cheap test before any scoring.
    fn may_match(&self, slot: &Slot) -> bool {
        covers(
            slot.names_mask | slot.zh_mask | slot.en_mask | slot.pinyin_mask,
            self.mask,
        )
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
    slots: Vec<Slot>,
    text: String,
    zh_chars: Vec<char>,
    zh_initials: Vec<u32>,
    matcher: SkimMatcherV2,
}

impl SearchIndex {
    pub fn new(catalog: &Catalog) -> SearchIndex {
        let entries = catalog.entries();
        let mut arenas = Arenas::default();
        for entry in entries {
            arenas.push(entry);
        }
        SearchIndex {
            slots: arenas.slots,
            text: arenas.text,
            zh_chars: arenas.zh_chars,
            zh_initials: arenas.zh_initials,
            // Case-insensitive on purpose: skim's smart case would make "Join" miss JOIN_ROOM_FAILED.
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// The text views of entry `index`.
    fn view(&self, index: usize) -> Prepared<'_> {
        let slot = &self.slots[index];
        let t = |i: usize| slot.text[i] as usize;
        let chars = slot.chars[0] as usize..slot.chars[1] as usize;
        Prepared {
            display: &self.text[t(0)..t(1)],
            names: &self.text[t(1)..t(2)],
            zh: &self.text[t(2)..t(3)],
            en: &self.text[t(3)..t(4)],
            zh_chars: &self.zh_chars[chars.clone()],
            zh_initials: &self.zh_initials[chars],
            initials: slot.initials,
            names_mask: slot.names_mask,
            zh_mask: slot.zh_mask,
            en_mask: slot.en_mask,
            pinyin_mask: slot.pinyin_mask,
        }
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
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
        let in_scope = |i: usize| {
            category.is_none_or(|c| self.slots.get(i).is_some_and(|slot| slot.category == c))
        };
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

        let mut hits = self.code_hits(catalog, query, category);
        let terms: Vec<PreparedTerm> = query.terms.iter().map(PreparedTerm::new).collect();
        let text_hit = |index: usize| -> Option<Hit> {
            if !in_scope(index) || hits_contains(&hits, index) {
                return None;
            }
            self.score_entry(index, &terms).map(|(kind, score)| Hit {
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
                None if self.slots.len() >= PARALLEL_THRESHOLD => (0..self.slots.len())
                    .into_par_iter()
                    .filter_map(text_hit)
                    .collect(),
                None => (0..self.slots.len()).filter_map(text_hit).collect(),
            };
            hits.append(&mut text_hits);
        }
        sort_hits(&mut hits);
        hits
    }

    /// Entries named by a numeric reading of the query, best first (explicit readings before the
    /// bare-hex guess, then catalog order). Hex readings only name SDK codes (nobody writes account
    /// codes in hex); decimal readings name any code. `show` needs only these.
    pub fn code_hits(
        &self,
        catalog: &Catalog,
        query: &Query,
        category: Option<Category>,
    ) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::new();
        for reading in &query.codes {
            for &index in catalog.indices_by_code(reading.value) {
                let entry = &catalog.entries()[index];
                let fits = reading.reading == Reading::Decimal || entry.category == Category::Sdk;
                let in_scope = category.is_none_or(|c| entry.category == c);
                if fits && in_scope && !hits_contains(&hits, index) {
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
        sort_hits(&mut hits);
        hits
    }

    /// All terms must match and no negated term may; returns the weakest kind and the summed score.
    fn score_entry(&self, index: usize, terms: &[PreparedTerm]) -> Option<(MatchKind, i64)> {
        let slot = &self.slots[index];
        if terms.iter().any(|t| !t.term.negated && !t.may_match(slot)) {
            return None;
        }
        let prepared = self.view(index);
        let mut weakest = MatchKind::Code;
        let mut total = 0;
        for term in terms {
            if term.term.negated {
                if contains_anywhere(&prepared, &term.term.text) {
                    return None;
                }
                continue;
            }
            let m = self.match_term(&prepared, term, false)?;
            weakest = weakest.min(m.kind);
            total += m.score;
        }
        Some((weakest, total))
    }

    /// Where each term matched in entry `index`, as char indices per displayed field.
    pub fn highlights(&self, catalog: &Catalog, hit: &Hit, query: &Query) -> Highlights {
        let mut out = Highlights::default();
        if hit.index >= self.slots.len() {
            return out;
        }
        let prepared = self.view(hit.index);
        let entry = &catalog.entries()[hit.index];
        let key_offset = usize::from(entry.key.is_some());
        out.aliases = vec![Vec::new(); entry.aliases.len()];
        if hit.reading.is_some() {
            out.display = (0..entry.display.chars().count()).collect();
            return out;
        }
        for term in query.terms.iter().filter(|t| !t.negated) {
            let term = PreparedTerm::new(term);
            let Some(m) = self.match_term(&prepared, &term, true) else {
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
    fn match_term(
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
        let found = |kind: MatchKind, bonus: i64, field: Field, spans: Vec<usize>| TermMatch {
            kind,
            score: kind.base() + bonus,
            spans: if positions {
                vec![(field, spans)]
            } else {
                Vec::new()
            },
        };
        let descriptions = [(Field::Zh, p.zh), (Field::En, p.en)];

        match term.kind {
            TermKind::Exact => {
                for (i, name) in p.names().enumerate() {
                    if let Some(at) = name.find(t) {
                        return Some(found(
                            MatchKind::FuzzyKey,
                            100,
                            Field::Name(i),
                            range(name, at),
                        ));
                    }
                }
                if let Some(at) = p.display.find(t) {
                    return Some(found(
                        MatchKind::FuzzyKey,
                        100,
                        Field::Display,
                        range(p.display, at),
                    ));
                }
                for (field, text) in descriptions {
                    if let Some(at) = text.find(t) {
                        return Some(found(MatchKind::Description, 0, field, range(text, at)));
                    }
                }
                None
            }
            TermKind::Prefix => {
                for (i, name) in p.names().enumerate() {
                    if name.starts_with(t) {
                        return Some(found(MatchKind::KeyPrefix, 0, Field::Name(i), prefix(name)));
                    }
                }
                if p.display.starts_with(t) {
                    return Some(found(
                        MatchKind::KeyPrefix,
                        0,
                        Field::Display,
                        prefix(p.display),
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
                    if !positions {
                        return Vec::new();
                    }
                    let n = s.chars().count();
                    (n - t.chars().count().min(n)..n).collect::<Vec<_>>()
                };
                for (i, name) in p.names().enumerate() {
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
                        suffix(p.display),
                    ));
                }
                for (field, text) in descriptions {
                    if text.ends_with(t) {
                        return Some(found(MatchKind::Description, 0, field, suffix(text)));
                    }
                }
                None
            }
            TermKind::Fuzzy => self.match_fuzzy(p, prepared_term, positions, &whole, &prefix),
        }
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
        let found = |kind: MatchKind, bonus: i64, field: Field, spans: Vec<usize>| TermMatch {
            kind,
            score: kind.base() + bonus,
            spans: if positions {
                vec![(field, spans)]
            } else {
                Vec::new()
            },
        };
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
        // Fuzzy on keys and aliases: ranked by the linear-time scorer; the highlighted characters
        // are skim's optimal alignment, computed only for rows on screen.
        for (i, name) in p.names().enumerate().filter(|_| in_names) {
            if let Some((score, _)) = key_fuzzy(name, term.ascii.as_deref(), &term.chars, false) {
                let idx = if positions {
                    self.matcher
                        .fuzzy_indices(name, t)
                        .map(|(_, idx)| idx)
                        .unwrap_or_default()
                } else {
                    Vec::new()
                };
                consider(
                    &mut best,
                    found(
                        MatchKind::FuzzyKey,
                        score.clamp(0, 99_999),
                        Field::Name(i),
                        idx,
                    ),
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
        // A typo or a dropped letter, kept compact: letters scattered over a sentence are no match.
        let n = term.chars.len();
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
        let initial = term.pinyin_initial?;
        if p.initials & initial == 0 || !covers(p.pinyin_mask, term.mask) {
            return None;
        }
        if term.chars.len() == 1 {
            // One letter is an initial: the per-character initials answer without spelling.
            let at = p.zh_initials.iter().position(|i| i & initial != 0)?;
            let spans = if positions { vec![at] } else { Vec::new() };
            return Some(found(MatchKind::Pinyin, 1000, Field::Zh, spans));
        }
        pinyin_match::find(t, p.zh_chars, p.zh_initials, positions)
            .map(|m| found(MatchKind::Pinyin, m.score + 1000, Field::Zh, m.positions))
    }
}

/// Best score first, ties in catalog order. Unstable is fine: the index breaks every tie, so the
/// order is still fully determined.
fn sort_hits(hits: &mut [Hit]) {
    hits.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
}

fn hits_contains(hits: &[Hit], index: usize) -> bool {
    hits.iter().any(|h| h.index == index)
}

fn contains_anywhere(p: &Prepared, t: &str) -> bool {
    p.names().any(|n| n.contains(t))
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

//! The search engine: a query in, ranked hits out. One engine serves the CLI and the TUI, so both
//! rank identically.
//!
//! Ranking, best first (see README "How results are ranked"):
//! exact code in any reading > exact key or alias > key / code prefix > fuzzy on key >
//! description contains the word > fuzzy on description > pinyin.
//! Every term of a multi-word query must match; an entry's score is the sum of its terms' scores.
//! With `a | b` an entry scores as its best alternative; a query of only negations (`!server`)
//! keeps everything they leave. Ties keep catalog order. The grammar is in [`crate::query`].
//!
//! Per-entry work (lowercasing, character lists, prefilter masks) is done once in
//! [`SearchIndex::new`]; highlight positions are computed only when asked for, for visible rows.

pub mod chinese_words;
mod decimal_prefix;
mod engine;
pub mod group;
mod index;
mod matcher;

use rayon::prelude::*;

pub use engine::Engine;

use crate::catalog::stored::Section;
use crate::catalog::{Catalog, Scope};
use crate::query::{CodeReading, Query, Reading, Term, TermKind};
use index::{ArchivedArenas, Arenas};
use matcher::{contains_anywhere, Field, PreparedTerm};

/// Above this many candidates the scan is split over all cores.
const PARALLEL_THRESHOLD: usize = 4096;

/// How a hit matched, weakest first so that `Ord` sorts by strength.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// A number being typed (`1638`) that the entry's decimal code starts with: listed after
    /// every other hit, in code order.
    DecimalPrefix,
    /// The query was only negations (`!server`): the entry is one they leave in.
    NotExcluded,
    /// Letters of the term found in a key, but scattered across its words (`screen` in
    /// SIGNAL_CHANNEL_RECONNECTION_FAILED): below every real word hit.
    LooseFuzzy,
    /// The advice, what raises it, or the APIs that throw it contain the word.
    Advice,
    Pinyin,
    FuzzyDescription,
    /// One of the entry's curated keywords (`kicked`, `NotAllowedError`, `防火墙`): below the
    /// entry's own words, above typos and pinyin.
    Keyword,
    Description,
    FuzzyKey,
    /// `word$`: a key, code or description ends with it.
    Suffix,
    /// `'word`: a key or code contains it as typed.
    Exact,
    KeyPrefix,
    ExactKey,
    Code,
}

impl MatchKind {
    pub(crate) fn base(self) -> i64 {
        match self {
            MatchKind::DecimalPrefix | MatchKind::NotExcluded => 0,
            MatchKind::LooseFuzzy => 30_000,
            MatchKind::Advice => 60_000,
            MatchKind::Pinyin => 100_000,
            MatchKind::FuzzyDescription => 200_000,
            MatchKind::Description => 300_000,
            MatchKind::Keyword => 250_000,
            MatchKind::FuzzyKey | MatchKind::Suffix | MatchKind::Exact => 400_000,
            MatchKind::KeyPrefix => 500_000,
            MatchKind::ExactKey => 600_000,
            MatchKind::Code => 1_000_000,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            MatchKind::DecimalPrefix => "decimal prefix",
            MatchKind::NotExcluded => "not excluded",
            MatchKind::LooseFuzzy => "loose fuzzy key",
            MatchKind::Advice => "advice",
            MatchKind::Pinyin => "pinyin",
            MatchKind::FuzzyDescription => "fuzzy description",
            MatchKind::Description => "description",
            MatchKind::Keyword => "keyword",
            MatchKind::FuzzyKey => "fuzzy key",
            MatchKind::Suffix => "suffix",
            MatchKind::Exact => "exact",
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

/// The search engine over one catalog: the index's arenas as an rkyv archive, searched in place
/// (built in memory on a first load, memory-mapped from the cache on later ones).
pub struct SearchIndex {
    archive: Section,
}

impl SearchIndex {
    pub fn new(catalog: &Catalog) -> SearchIndex {
        let arenas = Arenas::build(catalog.entries());
        // The index's own types archive without fail; an empty index is the fallback regardless.
        let archive = rkyv::to_bytes::<rkyv::rancor::Error>(&arenas)
            .or_else(|_| rkyv::to_bytes::<rkyv::rancor::Error>(&Arenas::default()))
            .unwrap_or_default();
        SearchIndex {
            archive: Section::owned(archive),
        }
    }

    /// The index archived in `archive` (the cache's section) for a catalog of `entries` entries:
    /// validated with bytecheck, then every offset checked ([`index::believable`]). `None` when
    /// it is damaged.
    pub fn from_archive(archive: Section, entries: usize) -> Option<SearchIndex> {
        let arenas = rkyv::access::<ArchivedArenas, rkyv::rancor::Error>(archive.bytes()).ok()?;
        index::believable(arenas, entries).then_some(SearchIndex { archive })
    }

    /// Gives back the archive's mapped pages (a cache's index); they are read again if needed.
    pub fn release_pages(&self) {
        self.archive.release();
    }

    /// The archive's bytes, for the catalog cache.
    pub fn archive_bytes(&self) -> &[u8] {
        self.archive.bytes()
    }

    fn arenas(&self) -> &ArchivedArenas {
        // SAFETY: the archive was validated by `from_archive`, or written by `new` from arenas
        // just built, and a `Section` never changes.
        unsafe { rkyv::access_unchecked::<ArchivedArenas>(self.archive.bytes()) }
    }

    pub fn len(&self) -> usize {
        self.arenas().slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Ranked hits for `query` over the whole catalog, limited to `category` when given.
    pub fn search(&self, catalog: &Catalog, query: &Query, scope: Scope) -> Vec<Hit> {
        self.search_within(catalog, query, scope, None)
    }

    /// Like [`search`](Self::search), but text matching looks only at `candidates` (the hits of a
    /// query this one narrows, see [`Query::narrows`]). Code readings always look at everything.
    pub fn search_within(
        &self,
        catalog: &Catalog,
        query: &Query,
        scope: Scope,
        candidates: Option<&[usize]>,
    ) -> Vec<Hit> {
        let everything = scope.is_everything();
        let in_scope = |i: usize| everything || catalog.admits(i, scope);
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

        let mut hits = Self::code_hits(catalog, query, scope);
        let groups: Vec<Vec<PreparedTerm>> = query
            .groups
            .iter()
            .map(|g| g.terms.iter().map(PreparedTerm::new).collect())
            .collect();
        let text_hit = |index: usize| -> Option<Hit> {
            if !in_scope(index) || hits_contains(&hits, index) {
                return None;
            }
            groups
                .iter()
                .filter(|terms| !terms.is_empty())
                .filter_map(|terms| self.score_entry(index, terms))
                .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))
                .map(|(kind, score)| Hit {
                    index,
                    score,
                    kind: Some(kind),
                    reading: None,
                })
        };
        let mut text_hits: Vec<Hit> = match candidates {
            Some(c) if c.len() >= PARALLEL_THRESHOLD => {
                c.par_iter().filter_map(|&i| text_hit(i)).collect()
            }
            Some(c) => c.iter().filter_map(|&i| text_hit(i)).collect(),
            None if self.len() >= PARALLEL_THRESHOLD => (0..self.len())
                .into_par_iter()
                .filter_map(text_hit)
                .collect(),
            None => (0..self.len()).filter_map(text_hit).collect(),
        };
        hits.append(&mut text_hits);
        sort_hits(&mut hits);
        if hits.is_empty() {
            // `账号过期`: Chinese run together, found as its words (chinese_words.rs).
            if let Some(words) =
                chinese_words::split_query(query, |w| self.arenas().text.contains(w))
            {
                return self.search_within(catalog, &words, scope, None);
            }
        }
        hits
    }

    /// Entries named by a numeric reading of the query, best first (explicit readings before the
    /// bare-hex guess, then catalog order). Hex readings only name the codes written in hex (4.x SDK
    /// codes; nobody writes account, 5.x or native codes in hex); decimal readings name any code.
    /// A group's negated words still apply (`16388 !join` finds nothing). Needs only the catalog,
    /// so `show` never builds an index.
    pub fn code_hits(catalog: &Catalog, query: &Query, scope: Scope) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::new();
        for group in &query.groups {
            let negations: Vec<&Term> = group.terms.iter().filter(|t| t.negated).collect();
            for reading in &group.codes {
                // A server code is also found as an SDK hands it over: native `-70002` is the
                // account code 70002 negated (its carrier says so).
                let as_handed = catalog
                    .indices_by_code(reading.value.saturating_neg())
                    .iter()
                    .copied()
                    .filter(|&i| {
                        catalog.get(i).is_some_and(|e| {
                            e.carried.iter().any(|c| {
                                c.sign == crate::catalog::Sign::Negated
                                    && c.code(e.code) == reading.value
                            })
                        })
                    })
                    .collect::<Vec<usize>>();
                let named = catalog.indices_by_code(reading.value);
                for &index in named.iter().chain(&as_handed) {
                    let Some(entry) = catalog.get(index) else {
                        continue;
                    };
                    let fits = reading.reading == Reading::Decimal || entry.is_hex();
                    if !fits || !scope.admits(entry) || hits_contains(&hits, index) {
                        continue;
                    }
                    if negations.iter().any(|t| entry_contains(entry, &t.text)) {
                        continue;
                    }
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

    /// One group against entry `index`: every positive term must match and no negated term may.
    /// Returns the weakest kind and the summed score; a group of only negations matches whatever
    /// they leave, as [`MatchKind::NotExcluded`].
    fn score_entry(&self, index: usize, terms: &[PreparedTerm]) -> Option<(MatchKind, i64)> {
        let slot = &self.arenas().slots[index];
        if terms.iter().any(|t| !t.term.negated && !t.may_match(slot)) {
            return None;
        }
        let prepared = self.view(index);
        let mut weakest = None;
        let mut total = 0;
        for term in terms {
            if term.term.negated {
                if contains_anywhere(&prepared, &term.term.text) {
                    return None;
                }
                continue;
            }
            let m = self.match_term(&prepared, term, false)?;
            weakest = Some(weakest.map_or(m.kind, |w: MatchKind| w.min(m.kind)));
            total += m.score;
        }
        let kind = weakest.unwrap_or(MatchKind::NotExcluded);
        Some((
            kind,
            total + if weakest.is_none() { kind.base() } else { 0 },
        ))
    }

    /// Where each term matched in entry `index`, as char indices per displayed field.
    pub fn highlights(&self, catalog: &Catalog, hit: &Hit, query: &Query) -> Highlights {
        let mut out = Highlights::default();
        if hit.index >= self.len() {
            return out;
        }
        let prepared = self.view(hit.index);
        let Some(entry) = catalog.get(hit.index) else {
            return Highlights::default();
        };
        let key_offset = usize::from(entry.key.is_some());
        out.aliases = vec![Vec::new(); entry.aliases.len()];
        if hit.reading.is_some() {
            out.display = (0..entry.display().chars().count()).collect();
            return out;
        }
        // A Chinese run this entry does not hold whole was found as its words: mark those it has.
        let in_entry = |w: &str| {
            [prepared.zh, prepared.keywords, prepared.advice, prepared.en]
                .iter()
                .any(|field| field.contains(w))
        };
        let terms: Vec<Term> = query
            .terms
            .iter()
            .filter(|t| !t.negated)
            .flat_map(|t| {
                let unfound = t.kind == TermKind::Fuzzy && !in_entry(&t.text);
                match unfound
                    .then(|| chinese_words::split(&t.text, in_entry))
                    .flatten()
                {
                    Some(words) => words
                        .into_iter()
                        .map(|text| Term { text, ..t.clone() })
                        .collect(),
                    None => vec![t.clone()],
                }
            })
            .collect();
        for term in &terms {
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
}

/// Does any searchable text of `entry` contain `t` (folded)? For the negated words of a code
/// query, which has no index view to look through (`show` builds none).
fn entry_contains(entry: &crate::catalog::CatalogEntry, t: &str) -> bool {
    let has = |text: &str| crate::text::fold::fold(text).contains(t);
    entry.names().any(has)
        || has(&entry.display())
        || has(&entry.description.zh)
        || entry.description.en.as_deref().is_some_and(has)
        || entry.keywords.iter().any(|k| has(k))
}

/// Best score first, ties in catalog order. Unstable is fine: the index breaks every tie, so the
/// order is still fully determined.
pub(crate) fn sort_hits(hits: &mut [Hit]) {
    hits.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
}

fn hits_contains(hits: &[Hit], index: usize) -> bool {
    hits.iter().any(|h| h.index == index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(query: &str) -> Vec<String> {
        let catalog = Catalog::builtin().unwrap();
        let index = SearchIndex::new(&catalog);
        index
            .search(&catalog, &Query::parse(query), Scope::default())
            .iter()
            .map(|h| catalog.entry(h.index).display())
            .collect()
    }

    #[test]
    fn empty_query_is_whole_catalog_in_order() {
        let catalog = Catalog::builtin().unwrap();
        let index = SearchIndex::new(&catalog);
        let hits = index.search(&catalog, &Query::parse(""), Scope::default());
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

//! The catalog and its index in one value, so they cannot be mismatched: every search, look-up and
//! highlight goes through here.

use std::sync::OnceLock;

use crate::catalog::stored::Section;
use crate::catalog::{Catalog, Scope};
use crate::query::Query;

use super::{decimal_prefix, sort_hits, Highlights, Hit, MatchKind, SearchIndex};

pub struct Engine {
    catalog: Catalog,
    /// Built on first use: `show` and `explain` look codes and names up in the catalog's tables
    /// and never need it (it was over half of `show`'s instructions).
    index: OnceLock<SearchIndex>,
    /// The cache's archive of the index, validated and opened on first use (so `show` at 100,000
    /// entries does not check 40 MB it never reads); rebuilt from the catalog if it is damaged.
    archived: Option<Section>,
}

impl Engine {
    pub fn new(catalog: Catalog) -> Engine {
        Engine {
            catalog,
            index: OnceLock::new(),
            archived: None,
        }
    }

    /// An engine over a catalog and the archive of its index (the catalog cache), opened when a
    /// search first needs it.
    pub fn from_archive(catalog: Catalog, index: Section) -> Engine {
        Engine {
            catalog,
            index: OnceLock::new(),
            archived: Some(index),
        }
    }

    /// An engine from a catalog and an index already built for it (the catalog cache); `None`
    /// when the index does not have one slot per entry.
    pub fn from_parts(catalog: Catalog, index: SearchIndex) -> Option<Engine> {
        (index.len() == catalog.len()).then(|| Engine {
            catalog,
            index: OnceLock::from(index),
            archived: None,
        })
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    pub fn index(&self) -> &SearchIndex {
        self.index.get_or_init(|| {
            // A stored index is believed once its bytes match the digest they were stored with
            // (a damaged one discards its cache file) and it passes bytecheck; else it is built.
            self.archived
                .clone()
                .filter(Section::intact)
                .and_then(|archive| SearchIndex::from_archive(archive, self.catalog.len()))
                .unwrap_or_else(|| SearchIndex::new(&self.catalog))
        })
    }

    /// Ranked hits for `query` within `scope` (narrowed by the query's `@version`), then the
    /// codes a partly typed decimal number starts.
    /// Each server code and the per-SDK rows that are the same code show once (see
    /// [`super::group`]); `search_within` ranks without grouping, so slices of it can be merged.
    pub fn search(&self, query: &Query, scope: Scope) -> Vec<Hit> {
        self.group(self.search_within(query, scope, None), query, scope)
    }

    /// Like [`search`](Self::search), text matching only among `candidates` (see
    /// [`Query::narrows`]).
    pub fn search_within(
        &self,
        query: &Query,
        scope: Scope,
        candidates: Option<&[usize]>,
    ) -> Vec<Hit> {
        let scope = query.scope_within(scope);
        let mut hits = self
            .index()
            .search_within(&self.catalog, query, scope, candidates);
        decimal_prefix::extend(&mut hits, &self.catalog, &query.text, scope);
        hits
    }

    /// Ranked hits with each group of entries that are one server code shown once (see
    /// [`super::group`]). The whole catalog (the empty query, `list`) is every row, ungrouped.
    pub fn group(&self, hits: Vec<Hit>, query: &Query, scope: Scope) -> Vec<Hit> {
        if query.is_empty() {
            return hits;
        }
        // The query's `@4.4.0` names the family a group is shown as, as `--sdk-version` does.
        let scope = query.scope_within(scope);
        // Most long lists (a first letter at 100,000 entries) hold no grouped entry at all: they
        // come ranked, and building, checking and copying 100,000 (hit, place) pairs was most of
        // grouping them.
        let ungrouped = |h: &Hit| super::group::same_code(&self.catalog, h.index).is_empty();
        if hits.iter().all(ungrouped) {
            let mut hits = hits;
            let key = |h: &Hit| (std::cmp::Reverse(h.score), h.index);
            if !hits.is_sorted_by_key(key) {
                hits.sort_by_key(key);
            }
            return hits;
        }
        let mut placed = super::group::collapse_placed(
            &self.catalog,
            hits,
            scope,
            |h| h.index,
            |h, i| h.index = i,
        );
        // Ties keep catalog order, a group standing where its first member stands: it took the
        // place of whichever member scored best (`expired` put server 70347 before 70001, since
        // 70347's web4 row tied and 70001's best row was the server's own, last in the catalog).
        // Hits come ranked, so usually this order holds already: sorting 100,000 of them again
        // was a fifth of a keystroke.
        let key = |(h, position): &(Hit, usize)| (std::cmp::Reverse(h.score), *position);
        if !placed.is_sorted_by_key(key) {
            placed.sort_by_key(key);
        }
        placed.into_iter().map(|(h, _)| h).collect()
    }

    /// Entries named exactly by `arg`: any numeric reading that names a known code, or a key /
    /// alias (case-insensitive). What `show` and the mention scanner resolve names with.
    pub fn lookup(&self, arg: &str, scope: Scope) -> Vec<Hit> {
        let query = Query::parse(arg);
        // Only the code readings: a full text search would score every entry to keep none of them.
        let mut hits = SearchIndex::code_hits(&self.catalog, &query, scope);
        for &index in self.catalog.indices_by_name(query.text.trim()).iter() {
            let admitted = self.catalog.admits(index, scope);
            if admitted && !hits.iter().any(|h| h.index == index) {
                hits.push(Hit {
                    index,
                    score: MatchKind::ExactKey.base(),
                    kind: Some(MatchKind::ExactKey),
                    reading: None,
                });
            }
        }
        sort_hits(&mut hits);
        self.group(hits, &query, scope)
    }

    /// Gives back the mapped pages of a stored index once searching is over (printing 50,000
    /// hits without colour needs none of its 64 MB); a later search or highlight reads them again.
    pub fn release_index_pages(&self) {
        if let Some(index) = self.index.get() {
            index.release_pages();
        }
    }

    pub fn highlights(&self, hit: &Hit, query: &Query) -> Highlights {
        self.index().highlights(&self.catalog, hit, query)
    }
}

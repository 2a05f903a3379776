//! The list's hits: searching (on this thread or the background worker), taking answers, and
//! keeping the selection where the user put it.

use super::*;

/// Up to this many hits, column widths are measured over the hits themselves.
const MEASURE_HITS_UP_TO: usize = 4096;
/// The widest tags a row can carry: `=65535 L9999 warning retired`.
const MAX_TAGS_WIDTH: usize = 30;

/// The list's part of the browser: the hits, the query, scope and source they answer, the search
/// still running for newer ones, and the selection and scroll among them.
#[derive(Default)]
pub struct Results {
    /// The query the current hits answer (for highlights and incremental narrowing).
    pub hits_query: Query,
    /// The scope and source the current hits were computed with: narrowing needs both unchanged.
    pub(super) hits_scope: Option<Scope>,
    pub(super) hits_source_was_query: bool,
    /// Searches are asked of the loop's background worker ([`Effect::Search`]) rather than run
    /// here: set by the loop for a large catalog.
    pub(super) background: bool,
    /// The search the last update asked for, handed to the loop with the update's effects.
    pub(super) search_request: Option<SearchRequest>,
    /// Number of the latest search request; only its answer is shown.
    pub(super) generation: u64,
    /// A background search for the current query is still running.
    pub searching: bool,
    pub hits: Vec<Hit>,
    /// Column widths over every hit, measured when the hits change.
    pub row_widths: RowWidths,
    /// The widths of the whole catalog, measured the first time a very long list needs them.
    pub(super) catalog_widths: Option<RowWidths>,
    /// Columns the widest row's tags (`=16388`, `L3`, `retired`) take, measured with them.
    pub(super) tags_width: usize,
    /// Index into `hits`.
    pub selected: usize,
    /// The entry to select when the next hits arrive (after a jump or going back).
    pub(super) pending_select: Option<usize>,
    /// First visible row of the list.
    pub list_offset: usize,
    /// The user moved the selection: keep it on that entry while it still matches. Otherwise a
    /// new query starts at its best hit.
    pub(super) selection_pinned: bool,
}

impl Results {
    /// Is the answer to search `generation` still wanted (the latest request, not yet answered)?
    pub fn awaits(&self, generation: u64) -> bool {
        self.searching && generation == self.generation
    }

    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits.get(self.selected)
    }

    /// Scrolls the list of `rows` rows so that the selection is on it, and no further than the
    /// last hit needs.
    pub fn keep_selection_visible(&mut self, rows: usize) {
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + rows {
            self.list_offset = self.selected + 1 - rows;
        }
        self.list_offset = self.list_offset.min(self.hits.len().saturating_sub(rows));
    }
}

impl App {
    /// Recomputes the hits for the current query and filter, keeping the selected entry when it
    /// still matches.
    pub fn refresh(&mut self) {
        let query = Query::parse(self.query_line.input.text());
        self.query_line.version = query.version;
        if let Some(bad) = &query.invalid_version {
            self.status = Some(bad.to_string());
        }
        let scope = self.scope();
        let hits = match &self.query_line.source {
            Source::Query => {
                let narrow = query.narrows(&self.results.hits_query)
                    && self.results.hits_scope == Some(scope)
                    && self.results.hits_source_was_query
                    && !self.results.searching;
                // Every current hit, code hits included: an entry named by a number may also
                // match the longer query as text.
                let narrow_from: Option<Vec<usize>> =
                    narrow.then(|| self.results.hits.iter().map(|h| h.index).collect());
                if self.results.background {
                    self.results.generation += 1;
                    self.results.searching = true;
                    self.results.search_request = Some(SearchRequest {
                        generation: self.results.generation,
                        query,
                        scope,
                        narrow_from,
                    });
                    return;
                }
                let candidates = narrow_from.map(|hits| {
                    crate::search::group::narrowing_candidates(self.engine.catalog(), &hits)
                });
                let hits = self
                    .engine
                    .search_within(&query, scope, candidates.as_deref());
                self.engine.group(hits, &query, scope)
            }
            Source::Pasted { mentions, .. } => {
                let mut shown: Vec<&Mention> = mentions
                    .iter()
                    .filter(|m| scope.admits(&self.engine.catalog().entries()[m.index]))
                    .collect();
                // In the order the log tells its story, unless asked for the surest first (the
                // order `mentions::find` gives).
                if !self.paste_by_confidence {
                    shown.sort_by_key(|m| m.line_number);
                }
                shown
                    .into_iter()
                    .map(|m| Hit {
                        index: m.index,
                        score: 0,
                        kind: None,
                        reading: None,
                    })
                    .collect()
            }
        };
        // A background answer still on its way is now out of date.
        self.results.generation += 1;
        self.results.searching = false;
        self.apply_hits(query, scope, hits);
    }

    /// Shows a background result if it answers the latest request; older answers are dropped.
    pub(super) fn accept(&mut self, result: SearchResult) -> bool {
        if result.generation != self.results.generation {
            return false;
        }
        self.results.searching = false;
        self.apply_hits(result.query, result.scope, result.hits);
        true
    }

    /// Shows new hits, keeping the selected entry selected when it is still among them.
    pub(super) fn apply_hits(&mut self, query: Query, scope: Scope, hits: Vec<Hit>) {
        let hits = self.with_typed_mentions(&query, scope, hits);
        // The selection follows the query to its best hit unless the user chose an entry: then it
        // stays there while it matches (what was first in the whole list says nothing about the
        // new words, and may match them only weakly, far down).
        let keep = self.results.pending_select.take().or_else(|| {
            self.results
                .selection_pinned
                .then(|| self.selected_hit().map(|h| h.index))
                .flatten()
        });
        let catalog = self.engine.catalog();
        let entries = catalog.entries();
        // Widths are measured over every hit, so they stay put while scrolling. Over a very long
        // list that walk was a third of a keystroke at 100k entries: there the widths of the whole
        // catalog (measured once) stand in, just as stable.
        if hits.len() > MEASURE_HITS_UP_TO {
            let catalog_widths = *self
                .results
                .catalog_widths
                .get_or_insert_with(|| RowWidths::of_entries(catalog, 0..catalog.len()));
            self.results.row_widths = catalog_widths;
            self.results.tags_width = MAX_TAGS_WIDTH;
        } else {
            self.results.row_widths = RowWidths::of_entries(catalog, hits.iter().map(|h| h.index));
        }
        // An upper bound of what `result_row` tags a row with; a little room to spare is fine.
        if hits.len() <= MEASURE_HITS_UP_TO {
            self.results.tags_width = hits
                .iter()
                .map(|h| {
                    let e = &entries[h.index];
                    h.reading.map_or(0, |r| r.value.to_string().len() + 2)
                        + if e.category == crate::catalog::Category::Warning {
                            8
                        } else {
                            0
                        }
                        + if e.not_raised_since.is_some() { 8 } else { 0 }
                })
                .max()
                .unwrap_or(0);
        }
        self.results.hits = hits;
        self.results.hits_query = query;
        self.results.hits_scope = Some(scope);
        self.results.hits_source_was_query = matches!(self.query_line.source, Source::Query);
        let position = keep.and_then(|k| self.results.hits.iter().position(|h| h.index == k));
        if position != Some(self.results.selected) {
            self.detail.scroll = 0;
        }
        self.results.selected = position.unwrap_or(0);
        if position.is_none() {
            self.results.list_offset = 0;
            self.results.selection_pinned = false;
        }
        self.keep_selection_visible();
    }

    /// A typed (or pasted one-line) query that reads like a log line (`OnError [code:-1301|msg:…]`,
    /// `code:-1301`, `错误码70014`) lists the codes it names first, as a paste would.
    fn with_typed_mentions(&mut self, query: &Query, scope: Scope, hits: Vec<Hit>) -> Vec<Hit> {
        let text = query.text.as_str();
        if !matches!(self.query_line.source, Source::Query) || !reads_like_a_log_line(text) {
            return hits;
        }
        let named = mentions::find(text, &self.engine, scope);
        if named.is_empty() {
            return hits;
        }
        let entries = self.engine.catalog().entries();
        self.status = Some(format!(
            "Named in the typed line: {}",
            named
                .iter()
                .map(|m| entries[m.index].display())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        let mut out: Vec<Hit> = named
            .iter()
            .map(|m| Hit {
                index: m.index,
                score: 0,
                kind: None,
                reading: None,
            })
            .collect();
        out.extend(
            hits.into_iter()
                .filter(|h| !named.iter().any(|m| m.index == h.index)),
        );
        out
    }
}

/// A digit beside a word that introduces a code in logs: only then is the line scanned (the scan
/// builds the templates, which a plain query does not need).
fn reads_like_a_log_line(text: &str) -> bool {
    const MARKERS: [&str; 6] = ["code", "码", "err", "Err", "ERR", "result"];
    text.len() >= 6
        && text.len() <= 4096
        && text.bytes().any(|b| b.is_ascii_digit())
        && MARKERS.iter().any(|m| text.contains(m))
}

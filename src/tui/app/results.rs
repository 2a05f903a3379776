//! The list's hits: searching (on this thread or the background worker), taking answers, and
//! keeping the selection where the user put it.

use super::*;

/// Up to this many hits, column widths are measured over the hits themselves.
const MEASURE_HITS_UP_TO: usize = 4096;
/// The widest tags a row can carry: `=65535 L9999 warning retired`.
const MAX_TAGS_WIDTH: usize = 30;

impl App {
    /// Recomputes the hits for the current query and filter, keeping the selected entry when it
    /// still matches.
    pub fn refresh(&mut self) {
        let query = Query::parse(self.input.text());
        self.version = query.version;
        if let Some(bad) = &query.invalid_version {
            self.status = Some(bad.to_string());
        }
        let scope = self.scope();
        let hits = match &self.source {
            Source::Query => {
                let narrow = query.narrows(&self.hits_query)
                    && self.hits_scope == Some(scope)
                    && self.hits_source_was_query
                    && !self.searching;
                // Every current hit, code hits included: an entry named by a number may also
                // match the longer query as text.
                let candidates: Option<Vec<usize>> =
                    narrow.then(|| self.hits.iter().map(|h| h.index).collect());
                if self.background {
                    self.generation += 1;
                    self.searching = true;
                    self.search_request = Some(SearchRequest {
                        generation: self.generation,
                        query,
                        scope,
                        candidates,
                    });
                    return;
                }
                self.engine
                    .search_within(&query, scope, candidates.as_deref())
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
        self.generation += 1;
        self.searching = false;
        self.apply_hits(query, scope, hits);
    }

    /// Shows a background result if it answers the latest request; older answers are dropped.
    pub(super) fn accept(&mut self, result: SearchResult) -> bool {
        if result.generation != self.generation {
            return false;
        }
        self.searching = false;
        self.apply_hits(result.query, result.scope, result.hits);
        true
    }

    /// Shows new hits, keeping the selected entry selected when it is still among them.
    pub(super) fn apply_hits(&mut self, query: Query, scope: Scope, hits: Vec<Hit>) {
        let hits = self.with_typed_mentions(&query, scope, hits);
        // The selection follows the query to its best hit unless the user chose an entry: then it
        // stays there while it matches (what was first in the whole list says nothing about the
        // new words, and may match them only weakly, far down).
        let keep = self.pending_select.take().or_else(|| {
            self.selection_pinned
                .then(|| self.selected_hit().map(|h| h.index))
                .flatten()
        });
        let entries = self.engine.catalog().entries();
        // Widths are measured over every hit, so they stay put while scrolling. Over a very long
        // list that walk was a third of a keystroke at 100k entries: there the widths of the whole
        // catalog (measured once) stand in, just as stable.
        if hits.len() > MEASURE_HITS_UP_TO {
            let catalog_widths = *self
                .catalog_widths
                .get_or_insert_with(|| RowWidths::measure(entries.iter()));
            self.row_widths = catalog_widths;
            self.tags_width = MAX_TAGS_WIDTH;
        } else {
            self.row_widths = RowWidths::measure(hits.iter().map(|h| &entries[h.index]));
        }
        // An upper bound of what `result_row` tags a row with; a little room to spare is fine.
        if hits.len() <= MEASURE_HITS_UP_TO {
            self.tags_width = hits
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
        self.hits = hits;
        self.hits_query = query;
        self.hits_scope = Some(scope);
        self.hits_source_was_query = matches!(self.source, Source::Query);
        let position = keep.and_then(|k| self.hits.iter().position(|h| h.index == k));
        if position != Some(self.selected) {
            self.detail.scroll = 0;
        }
        self.selected = position.unwrap_or(0);
        if position.is_none() {
            self.list_offset = 0;
            self.selection_pinned = false;
        }
        self.keep_selection_visible();
    }

    /// A typed (or pasted one-line) query that reads like a log line (`OnError [code:-1301|msg:…]`,
    /// `code:-1301`, `错误码70014`) lists the codes it names first, as a paste would.
    fn with_typed_mentions(&mut self, query: &Query, scope: Scope, hits: Vec<Hit>) -> Vec<Hit> {
        let text = query.text.as_str();
        if !matches!(self.source, Source::Query) || !reads_like_a_log_line(text) {
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

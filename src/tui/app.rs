//! The browser's state and the one function that changes it: `update(action)`.
//!
//! Nothing here touches the terminal. Effects that need I/O (copying) are returned to the loop as
//! [`Effect`] values, so every state change can be tested as (state, action) → (new state).

use std::sync::Arc;

use crate::catalog::{Catalog, Category, Family, Scope};
use crate::explanation::Lang;
use crate::mentions::{self, Mention};
use crate::query::Query;
use crate::render::rows::RowWidths;
use crate::render::{self, Format};
use crate::search::{Engine, Hit};
use crate::tui::detail::{self, DetailInput, DetailModel};
use crate::tui::layout::{Layout, Pane};
use crate::tui::theme::Theme;
use crate::tui::worker::{SearchRequest, SearchResult, SearchWorker, BACKGROUND_FROM};
use crate::width::width;

/// Everything the user can ask for, decoded from keys, mouse and paste events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Insert(char),
    /// Text pasted (bracketed paste): one line edits the query, several lines are scanned for codes.
    Paste(String),
    Backspace,
    Delete,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    DeleteWord,
    ClearQuery,
    Up,
    Down,
    PageUp,
    PageDown,
    DetailUp,
    DetailDown,
    NextCategory,
    PrevCategory,
    Copy,
    CycleCopyFormat,
    CycleLang,
    /// Esc: clear the query (or leave pasted results); quit when there is nothing to clear.
    Escape,
    Quit,
    ToggleHelp,
    Click {
        column: u16,
        row: u16,
    },
    ScrollUp {
        column: u16,
        row: u16,
    },
    ScrollDown {
        column: u16,
        row: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
    None,
}

/// I/O the loop must perform after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Copy `text`; `label` names what was copied in the status line.
    Copy { text: String, label: String },
}

/// Where the list's rows come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Hits for the typed query.
    Query,
    /// Codes found in multi-line pasted text.
    Pasted {
        mentions: Vec<Mention>,
        lines: usize,
    },
}

/// The family / kind filter, cycled with Tab: All → Web 4.x → its SDK codes → its account codes →
/// Web 5.x → … → Native warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Filter {
    pub family: Option<Family>,
    pub category: Option<Category>,
}

impl Filter {
    pub const ALL: Filter = Filter {
        family: None,
        category: None,
    };

    /// Every filter in Tab order.
    pub fn cycle() -> Vec<Filter> {
        let mut out = vec![Filter::ALL];
        for family in Family::ALL {
            out.push(Filter {
                family: Some(family),
                category: None,
            });
            for &category in Category::of_family(family) {
                out.push(Filter {
                    family: Some(family),
                    category: Some(category),
                });
            }
        }
        out
    }

    fn step(self, by: isize) -> Filter {
        let all = Filter::cycle();
        let at = all.iter().position(|f| *f == self).unwrap_or(0) as isize;
        let n = all.len() as isize;
        all[((at + by) % n + n) as usize % all.len()]
    }

    pub fn next(self) -> Filter {
        self.step(1)
    }

    pub fn prev(self) -> Filter {
        self.step(-1)
    }

    /// The scope the filter shows within `base` (the session's `--sdk` / `--sdk-version`).
    pub fn scope(self, base: Scope) -> Scope {
        Scope {
            family: self.family.or(base.family),
            category: self.category.or(base.category),
            version: base.version,
        }
    }

    pub fn label(self) -> String {
        match (self.family, self.category) {
            (None, _) => "All".to_string(),
            (Some(f), None) => f.label().to_string(),
            (Some(f), Some(c)) => format!("{} {}", f.label(), c.label()),
        }
    }
}

pub struct App {
    pub engine: Arc<Engine>,
    /// The session's own limits (`--sdk`, `--sdk-version`); the filter narrows within them.
    pub base_scope: Scope,
    /// The query as typed.
    pub query: String,
    /// Cursor position in `query`, in chars (never inside a character).
    pub cursor: usize,
    pub filter: Filter,
    pub source: Source,
    /// The query the current hits answer (for highlights and incremental narrowing).
    pub hits_query: Query,
    /// The filter and source the current hits were computed with: narrowing needs both unchanged.
    hits_filter: Option<Filter>,
    hits_source_was_query: bool,
    /// Background search for large catalogs; `None` searches on the UI thread.
    worker: Option<SearchWorker>,
    /// Number of the latest search request; only its answer is shown.
    generation: u64,
    /// A background search for the current query is still running.
    pub searching: bool,
    pub hits: Vec<Hit>,
    /// Column widths over every hit, measured when the hits change.
    pub row_widths: RowWidths,
    /// Index into `hits`.
    pub selected: usize,
    /// First visible row of the list.
    pub list_offset: usize,
    pub detail_scroll: usize,
    /// What the detail pane shows, rebuilt only when its inputs change.
    pub detail: DetailModel,
    pub copy_format: Format,
    pub lang: Lang,
    pub status: Option<String>,
    pub help_open: bool,
    pub width: u16,
    pub height: u16,
    pub should_quit: bool,
    pub color: bool,
}

impl App {
    pub fn new(engine: Arc<Engine>, copy_format: Format, lang: Lang, color: bool) -> App {
        let mut app = App {
            engine,
            base_scope: Scope::default(),
            query: String::new(),
            cursor: 0,
            filter: Filter::ALL,
            source: Source::Query,
            hits_query: Query::default(),
            hits_filter: None,
            hits_source_was_query: false,
            worker: None,
            generation: 0,
            searching: false,
            hits: Vec::new(),
            row_widths: RowWidths::default(),
            selected: 0,
            list_offset: 0,
            detail_scroll: 0,
            detail: DetailModel::default(),
            copy_format,
            lang,
            status: None,
            help_open: false,
            width: 80,
            height: 24,
            should_quit: false,
            color,
        };
        if app.engine.catalog().len() >= BACKGROUND_FROM {
            app.worker = Some(SearchWorker::spawn(Arc::clone(&app.engine)));
        }
        app.refresh();
        app.wait_for_results();
        app.sync_detail();
        app
    }

    /// Rebuilds the detail model when the selection, language, width, query or paste changed.
    pub fn sync_detail(&mut self) {
        let columns = usize::from(self.layout().detail_inner().width);
        let hit = self.hits.get(self.selected);
        let mention = hit.and_then(|h| self.mention_for(h.index));
        let wanted = detail::DetailKey {
            entry: hit.map(|h| h.index),
            lang: Some(self.lang),
            columns,
            query: self.hits_query.text.clone(),
            color: self.color,
            mention_line: mention.map(|m| m.line_number),
        };
        if self.detail.key == wanted && !self.detail.lines.is_empty() {
            return;
        }
        self.detail = detail::build(&DetailInput {
            engine: &self.engine,
            hit,
            query: &self.hits_query,
            lang: self.lang,
            mention,
            columns,
            theme: Theme { color: self.color },
        });
        self.detail_scroll = self.detail_scroll.min(self.max_detail_scroll());
    }

    /// Sets the query text (for `--query`), cursor at the end.
    pub fn set_query(&mut self, text: &str) {
        self.query = clean_input(text);
        self.cursor = self.query.chars().count();
        self.source = Source::Query;
        self.refresh();
        self.sync_detail();
    }

    pub fn catalog(&self) -> &Catalog {
        self.engine.catalog()
    }

    /// Limits every search to `scope` (the session's `--sdk` / `--sdk-version`).
    pub fn set_base_scope(&mut self, scope: Scope) {
        self.base_scope = scope;
        self.refresh();
    }

    pub fn layout(&self) -> Layout {
        Layout::new(self.width, self.height)
    }

    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits.get(self.selected)
    }

    /// Display columns before the cursor, for placing the terminal cursor.
    pub fn cursor_column(&self) -> usize {
        let before: String = self.query.chars().take(self.cursor).collect();
        width(&before)
    }

    /// Applies one action. Returns the I/O to perform, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let effect = self.apply(action);
        self.sync_detail();
        effect
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        if self.help_open {
            // Any key closes the help; resizes and mouse wheel still apply.
            match action {
                Action::Resize { .. } => {}
                Action::Quit => {}
                _ => {
                    self.help_open = false;
                    return None;
                }
            }
        }
        match action {
            Action::Insert(c) => {
                if !c.is_control() {
                    self.insert_text(&c.to_string());
                }
            }
            Action::Paste(text) => self.paste(&text),
            Action::Backspace => {
                if self.cursor > 0 {
                    self.remove_chars(self.cursor - 1, self.cursor);
                }
            }
            Action::Delete => {
                if self.cursor < self.query.chars().count() {
                    self.remove_chars(self.cursor, self.cursor + 1);
                }
            }
            Action::CursorLeft => self.cursor = self.cursor.saturating_sub(1),
            Action::CursorRight => self.cursor = (self.cursor + 1).min(self.query.chars().count()),
            Action::CursorHome => self.cursor = 0,
            Action::CursorEnd => self.cursor = self.query.chars().count(),
            Action::DeleteWord => {
                let chars: Vec<char> = self.query.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                if start < self.cursor {
                    self.remove_chars(start, self.cursor);
                }
            }
            Action::ClearQuery => self.clear_query(),
            Action::Up => self.select(self.selected.saturating_sub(1)),
            Action::Down => self.select(self.selected + 1),
            Action::PageUp => self.select(self.selected.saturating_sub(self.page())),
            Action::PageDown => self.select(self.selected + self.page()),
            Action::DetailUp => self.detail_scroll = self.detail_scroll.saturating_sub(1),
            Action::DetailDown => {
                self.detail_scroll = (self.detail_scroll + 1).min(self.max_detail_scroll())
            }
            Action::NextCategory => self.set_filter(self.filter.next()),
            Action::PrevCategory => self.set_filter(self.filter.prev()),
            Action::Copy => return self.copy(),
            Action::CycleCopyFormat => {
                self.copy_format = self.copy_format.next();
                self.status = Some(format!("Copy format: {}", self.copy_format.as_str()));
            }
            Action::CycleLang => {
                self.lang = self.lang.next();
                self.detail_scroll = 0;
                self.status = Some(format!("Language: {}", self.lang.label()));
            }
            Action::Escape => {
                if matches!(self.source, Source::Pasted { .. }) || !self.query.is_empty() {
                    self.clear_query();
                } else {
                    self.should_quit = true;
                }
            }
            Action::Quit => self.should_quit = true,
            Action::ToggleHelp => self.help_open = !self.help_open,
            Action::Click { column, row } => {
                if let Some(row) = self.layout().list_row_at(column, row) {
                    let target = self.list_offset + row;
                    if target < self.hits.len() {
                        self.select(target);
                    }
                }
            }
            Action::ScrollUp { column, row } => match self.layout().pane_at(column, row) {
                Some(Pane::Detail) => self.detail_scroll = self.detail_scroll.saturating_sub(3),
                _ => self.select(self.selected.saturating_sub(3)),
            },
            Action::ScrollDown { column, row } => match self.layout().pane_at(column, row) {
                Some(Pane::Detail) => {
                    self.detail_scroll = (self.detail_scroll + 3).min(self.max_detail_scroll())
                }
                _ => self.select(self.selected + 3),
            },
            Action::Resize { width, height } => {
                self.width = width;
                self.height = height;
                self.keep_selection_visible();
                self.detail_scroll = self.detail_scroll.min(self.max_detail_scroll());
            }
            Action::None => {}
        }
        None
    }

    /// How far the detail pane can scroll: its wrapped content height minus the pane's height.
    pub fn max_detail_scroll(&self) -> usize {
        let inner = self.layout().detail_inner();
        self.detail
            .lines
            .len()
            .saturating_sub(usize::from(inner.height))
    }

    fn page(&self) -> usize {
        self.layout().list_rows().max(1)
    }

    fn select(&mut self, index: usize) {
        let last = self.hits.len().saturating_sub(1);
        let index = index.min(last);
        if index != self.selected {
            self.detail_scroll = 0;
        }
        self.selected = index;
        self.keep_selection_visible();
    }

    fn keep_selection_visible(&mut self) {
        let rows = self.layout().list_rows().max(1);
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + rows {
            self.list_offset = self.selected + 1 - rows;
        }
        let max_offset = self.hits.len().saturating_sub(rows);
        self.list_offset = self.list_offset.min(max_offset);
    }

    fn set_filter(&mut self, filter: Filter) {
        self.filter = filter;
        self.refresh();
        self.status = Some(format!("Showing {}", filter.label()));
    }

    fn clear_query(&mut self) {
        self.query.clear();
        self.cursor = 0;
        self.source = Source::Query;
        self.refresh();
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.query
            .char_indices()
            .nth(chars)
            .map(|(i, _)| i)
            .unwrap_or(self.query.len())
    }

    fn insert_text(&mut self, text: &str) {
        let at = self.byte_at(self.cursor);
        self.query.insert_str(at, text);
        self.cursor += text.chars().count();
        self.source = Source::Query;
        self.refresh();
    }

    fn remove_chars(&mut self, from: usize, to: usize) {
        let (a, b) = (self.byte_at(from), self.byte_at(to));
        self.query.replace_range(a..b, "");
        self.cursor = from;
        self.source = Source::Query;
        self.refresh();
    }

    fn paste(&mut self, text: &str) {
        // Terminals (and tmux) deliver pasted line breaks as CR; logs from Windows bring CRLF.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let trimmed = text.trim_matches('\n');
        if !trimmed.contains('\n') {
            let clean = clean_input(trimmed);
            self.insert_text(&clean);
            return;
        }
        let mentions = mentions::find(trimmed, &self.engine, self.base_scope);
        let lines = trimmed.lines().count();
        self.status = Some(match mentions.len() {
            0 => format!("No known code in the {lines} pasted lines"),
            1 => format!("Found 1 code in the {lines} pasted lines · Esc to go back"),
            n => format!("Found {n} codes in the {lines} pasted lines · Esc to go back"),
        });
        self.query.clear();
        self.cursor = 0;
        self.source = Source::Pasted { mentions, lines };
        self.refresh();
    }

    /// Recomputes the hits for the current query and filter, keeping the selected entry when it
    /// still matches.
    pub fn refresh(&mut self) {
        let query = Query::parse(&self.query);
        let filter = self.filter;
        let hits = match &self.source {
            Source::Query => {
                let narrow = query.narrows(&self.hits_query)
                    && self.hits_filter == Some(filter)
                    && self.hits_source_was_query
                    && !self.searching;
                // Every current hit, code hits included: an entry named by a number may also
                // match the longer query as text.
                let candidates: Option<Vec<usize>> =
                    narrow.then(|| self.hits.iter().map(|h| h.index).collect());
                if let Some(worker) = &self.worker {
                    self.generation += 1;
                    let sent = worker.request(SearchRequest {
                        generation: self.generation,
                        query: query.clone(),
                        scope: filter.scope(self.base_scope),
                        candidates: candidates.clone(),
                    });
                    if sent {
                        self.searching = true;
                        return;
                    }
                }
                self.engine.search_within(
                    &query,
                    filter.scope(self.base_scope),
                    candidates.as_deref(),
                )
            }
            Source::Pasted { mentions, .. } => mentions
                .iter()
                .filter(|m| {
                    filter
                        .scope(self.base_scope)
                        .admits(&self.engine.catalog().entries()[m.index])
                })
                .map(|m| Hit {
                    index: m.index,
                    score: 0,
                    kind: None,
                    reading: None,
                })
                .collect(),
        };
        // A background answer still on its way is now out of date.
        self.generation += 1;
        self.searching = false;
        self.apply_hits(query, filter, hits);
    }

    /// Takes the background worker's answer to the latest request, if it has arrived. Returns true
    /// when the hits changed.
    pub fn poll_results(&mut self) -> bool {
        let changed = match self.worker.as_ref().and_then(SearchWorker::latest) {
            Some(result) => self.accept(result),
            None => false,
        };
        if changed {
            self.sync_detail();
        }
        changed
    }

    /// Blocks until the background search answers (the first frame, and tests).
    pub fn wait_for_results(&mut self) {
        while self.searching {
            match self.worker.as_ref().and_then(SearchWorker::wait) {
                Some(result) => {
                    self.accept(result);
                }
                None => self.searching = false,
            }
        }
    }

    /// Shows a background result if it answers the latest request; older answers are dropped.
    fn accept(&mut self, result: SearchResult) -> bool {
        if result.generation != self.generation {
            return false;
        }
        self.searching = false;
        let filter = self.filter;
        self.apply_hits(result.query, filter, result.hits);
        true
    }

    /// Shows new hits, keeping the selected entry selected when it is still among them.
    fn apply_hits(&mut self, query: Query, filter: Filter, hits: Vec<Hit>) {
        let keep = self.selected_hit().map(|h| h.index);
        let entries = self.engine.catalog().entries();
        self.row_widths = RowWidths::measure(hits.iter().map(|h| &entries[h.index]));
        self.hits = hits;
        self.hits_query = query;
        self.hits_filter = Some(filter);
        self.hits_source_was_query = matches!(self.source, Source::Query);
        let position = keep.and_then(|k| self.hits.iter().position(|h| h.index == k));
        if position != Some(self.selected) {
            self.detail_scroll = 0;
        }
        self.selected = position.unwrap_or(0);
        if position.is_none() {
            self.list_offset = 0;
        }
        self.keep_selection_visible();
    }

    fn copy(&mut self) -> Option<Effect> {
        let Some(hit) = self.selected_hit() else {
            self.status = Some("Nothing selected to copy".to_string());
            return None;
        };
        let catalog = self.engine.catalog();
        let entry = &catalog.entries()[hit.index];
        let text = render::explain(entry, catalog, self.copy_format, self.lang);
        let label = format!(
            "{} {} ({})",
            entry.qualified(),
            entry.key.as_deref().unwrap_or(""),
            self.copy_format.as_str()
        )
        .replace("  ", " ");
        Some(Effect::Copy { text, label })
    }

    /// Records the outcome of a copy in the status line.
    pub fn copied(&mut self, label: &str, outcome: Result<&str, String>) {
        self.status = Some(match outcome {
            Ok(route) => format!("Copied {label} via {route}"),
            Err(why) => why,
        });
    }

    /// The text the pasted-text source found an entry on, for the list and detail pane.
    pub fn mention_for(&self, index: usize) -> Option<&Mention> {
        match &self.source {
            Source::Pasted { mentions, .. } => mentions.iter().find(|m| m.index == index),
            Source::Query => None,
        }
    }
}

/// Pasted or typed text for the query box: line breaks and tabs become spaces, other control
/// characters are dropped (they mean nothing in a search).
fn clean_input(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

//! The browser's state and the one function that changes it: `update(action)`.
//!
//! Nothing here touches the terminal. Effects that need I/O (copying) are returned to the loop as
//! [`Effect`] values, so every state change can be tested as (state, action) → (new state).

mod copy;
mod detail_pane;
mod links;
mod overlays;
mod paste;
mod pick;
mod query_line;
mod results;

use std::sync::Arc;

use crate::catalog::{Catalog, Scope};
use crate::explanation::Lang;
use crate::mentions::{self, Mention};
use crate::query::Query;
use crate::render::rows::RowWidths;
use crate::render::{self, Format};
use crate::search::{Engine, Hit};
pub use crate::tui::action::{Action, Effect, ScanRequest, SearchRequest, SearchResult};
use crate::tui::detail::{self, DetailInput};
pub use crate::tui::filter::Filter;
use crate::tui::history::{History, Place};
use crate::tui::keys;
use crate::tui::layout::{filter_tabs, help_popup, Layout, ListWant, Pane};
use crate::tui::open_url::is_openable;
pub use crate::tui::source::Source;
use crate::tui::theme::Theme;
use crate::width::truncate;
pub use detail_pane::DetailPane;
pub use overlays::Help;
pub use paste::{
    line_label, scan_paste, unknown_label, PasteScan, MAX_PASTED_QUERY_CHARS, SCAN_ON_THREAD_FROM,
};
pub use pick::Pick;
pub use query_line::QueryLine;
pub use results::Results;

/// Columns of description a list row keeps when the list is sized to its content: enough to tell
/// account codes (which have no key) apart.
pub const DESCRIPTION_SLICE: usize = 24;
/// What Esc says when there is nothing left to step back from.
pub const QUIT_HINT: &str = "Esc only steps back · Ctrl-C (or Ctrl-D on an empty query) quits";
/// The help overlay's width when there is room.
pub const HELP_WIDTH: u16 = 78;

pub struct App {
    pub engine: Arc<Engine>,
    /// The session's own limits (`--sdk`, `--sdk-version`); the filter narrows within them.
    pub base_scope: Scope,
    /// The hits, the search that made them, and the selection among them.
    pub results: Results,
    /// The text typed, what it narrows to and where the rows come from.
    pub query_line: QueryLine,
    /// The help, the picker and a paste being scanned.
    overlays: overlays::Overlays,
    /// A paste's codes surest first (Ctrl-S) rather than in line order.
    pub paste_by_confidence: bool,
    /// What the detail pane shows, its scroll, full-screen and focused link.
    detail: DetailPane,
    /// Where followed links were followed from.
    pub history: History,
    pub copy_format: Format,
    pub lang: Lang,
    pub status: Option<String>,
    pub width: u16,
    pub height: u16,
    /// The terminal's size has been reported once: later resizes are the user's.
    sized: bool,
    pub should_quit: bool,
    pub color: bool,
}

impl App {
    /// A browser that searches on the caller's thread until [`App::search_in_background`].
    pub fn new(engine: Arc<Engine>, copy_format: Format, lang: Lang, color: bool) -> App {
        let mut app = App {
            engine,
            base_scope: Scope::default(),
            results: Results::default(),
            query_line: QueryLine::default(),
            paste_by_confidence: false,
            overlays: overlays::Overlays::default(),
            detail: DetailPane::default(),
            history: History::default(),
            copy_format,
            lang,
            status: None,
            width: 80,
            height: 24,
            sized: false,
            should_quit: false,
            color,
        };
        app.refresh();
        app.sync_detail();
        app
    }

    /// From now on searches leave this thread: each is an [`Effect::Search`] for the loop's
    /// worker, answered with [`Action::Searched`].
    pub fn search_in_background(&mut self) {
        self.results.background = true;
    }

    /// The worker is gone: search here again, starting with the query waiting for an answer.
    pub fn search_in_foreground(&mut self) {
        self.results.background = false;
        self.results.search_request = None;
        if self.results.searching {
            self.results.searching = false;
            self.refresh();
            self.sync_detail();
        }
    }

    /// Is the answer to search `generation` still wanted (the latest request, not yet answered)?
    pub fn awaits(&self, generation: u64) -> bool {
        self.results.awaits(generation)
    }

    /// The query line's text.
    pub fn query(&self) -> &str {
        self.query_line.text()
    }

    /// Rebuilds the detail model when the selection, language, width, query or paste changed.
    pub fn sync_detail(&mut self) {
        let columns = usize::from(self.layout().detail_inner().width);
        let hit = self.results.hits.get(self.results.selected);
        let mention = hit.and_then(|h| self.mention_for(h.index));
        let wanted = detail::DetailKey {
            entry: hit.map(|h| h.index),
            lang: Some(self.lang),
            columns,
            query: self.results.hits_query.text.clone(),
            color: self.color,
            mention_line: mention.map(|m| m.line_number),
            mention_seen: mention.map(|m| (m.seen.count, m.seen.last_line)),
            version: self.query_line.version,
            sdk: self.scope().family,
        };
        if self.detail.model.key == wanted && !self.detail.model.lines.is_empty() {
            return;
        }
        let same_entry = self.detail.model.key.entry == wanted.entry;
        self.detail.model = detail::build(&DetailInput {
            engine: &self.engine,
            hit,
            query: &self.results.hits_query,
            lang: self.lang,
            mention,
            columns,
            theme: Theme { color: self.color },
            version: self.query_line.version,
            sdk: self.scope().family,
        });
        if !same_entry {
            self.detail.focused_link = None;
        }
        self.detail.focused_link = self
            .detail
            .focused_link
            .filter(|&n| n < self.detail.model.links.len());
        let rows = self.detail_rows();
        self.detail.clamp_scroll(rows);
    }

    /// Sets the query text (for `--query`), cursor at the end.
    pub fn set_query(&mut self, text: &str) {
        self.query_line.set(text);
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

    /// What the list's rows need: family, code, key and a slice of description, for every hit.
    pub fn list_want(&self) -> ListWant {
        let w = self.results.row_widths;
        let line_column = self.line_column_width();
        ListWant {
            columns: 2
                + line_column
                + w.family
                + 2
                + w.code
                + 2
                + w.key
                + 2
                + self.results.tags_width
                + DESCRIPTION_SLICE,
            rows: self.results.hits.len(),
        }
    }

    /// Columns of the pasted view's line labels (`L12 `, `L12–40 ×3 `), which every row shows at
    /// every width; 0 for a query's hits.
    pub fn line_column_width(&self) -> usize {
        match &self.query_line.source {
            Source::Pasted { mentions, .. } => {
                let widest = mentions
                    .iter()
                    .map(|m| crate::width::width(&line_label(m)))
                    .max()
                    .unwrap_or(2);
                widest + 1
            }
            Source::Query => 0,
        }
    }

    pub fn layout(&self) -> Layout {
        self.layout_in(self.width, self.height)
    }

    /// The layout for a screen of this size (the view passes the frame's).
    pub fn layout_in(&self, width: u16, height: u16) -> Layout {
        if self.detail.full {
            return Layout::detail_only(width, height);
        }
        Layout::new(width, height, self.list_want())
    }

    pub fn selected_hit(&self) -> Option<&Hit> {
        self.results.selected_hit()
    }

    /// Display columns before the cursor, for placing the terminal cursor.
    pub fn cursor_column(&self) -> usize {
        self.query_line.input.cursor_column()
    }

    /// The scope the list shows: the filter within the session's scope, the query's version on top.
    pub fn scope(&self) -> Scope {
        self.query_line.scope(self.base_scope)
    }

    /// What Esc does now: it only ever steps back (close, unfocus, leave a paste, clear), never
    /// quits. `None` when there is nothing to step back from.
    pub fn escape_does(&self) -> Option<&'static str> {
        if self.overlays.paste_scan.is_scanning() {
            Some("cancel")
        } else if self.overlays.help.is_open() {
            Some("close")
        } else if self.detail.focused_link.is_some() {
            Some("unfocus")
        } else if self.detail.full {
            Some("list")
        } else if matches!(self.query_line.source, Source::Pasted { .. }) {
            Some("back")
        } else if !self.query_line.input.is_empty() {
            Some("clear")
        } else {
            None
        }
    }

    /// The counts at the right of the search line: the version in force and hits / catalog.
    pub fn counts_text(&self) -> String {
        let version = self
            .query_line
            .version
            .map(|v| format!("@{v} "))
            .unwrap_or_default();
        if self.results.searching {
            format!("  {version}…/{} ", self.catalog().len())
        } else {
            format!(
                "  {version}{}/{} ",
                self.results.hits.len(),
                self.catalog().len()
            )
        }
    }

    /// Applies one action. Returns the I/O to perform: the action's own, and the search it asked
    /// the worker for.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let effect = self.apply(action);
        self.sync_detail();
        effect
            .into_iter()
            .chain(self.results.search_request.take().map(Effect::Search))
            .collect()
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        // An answer is taken whatever is open: the help overlay only hides the list.
        if let Action::Searched(result) = action {
            self.accept(result);
            return None;
        }
        if self.overlays.help.is_open() {
            return self.apply_in_help(action);
        }
        if action.stales_status() {
            self.status = None;
        }
        match action {
            Action::Insert('?') if self.query_line.input.is_empty() => self.open_help(),
            Action::Insert(c) => {
                if !c.is_control() {
                    self.query_line.input.insert(&c.to_string());
                    self.edited();
                }
            }
            Action::Paste(text) => return self.paste(text),
            Action::Backspace => {
                if self.query_line.is_landed()
                    && !self.history.is_empty()
                    && matches!(self.query_line.source, Source::Query)
                {
                    self.back();
                } else if self.query_line.input.backspace() {
                    self.edited();
                }
            }
            Action::Delete => {
                if self.query_line.input.delete() {
                    self.edited();
                }
            }
            Action::CursorLeft => self.query_line.input.left(),
            Action::CursorRight => self.query_line.input.right(),
            Action::CursorHome => self.query_line.input.home(),
            Action::CursorEnd => self.query_line.input.end(),
            Action::WordLeft => self.query_line.input.word_left(),
            Action::WordRight => self.query_line.input.word_right(),
            Action::DeleteWord => {
                if self.query_line.input.delete_word_back() {
                    self.edited();
                }
            }
            Action::KillToEnd => {
                if self.query_line.input.kill_to_end() {
                    self.edited();
                }
            }
            Action::ClearQuery => self.clear_query(),
            Action::Up => self.select(self.results.selected.saturating_sub(1)),
            Action::Down => self.select(self.results.selected + 1),
            Action::PageUp | Action::DetailPageUp
                if self.detail.full || action == Action::DetailPageUp =>
            {
                let page = self.detail_page();
                self.detail.scroll_up(page)
            }
            Action::PageDown | Action::DetailPageDown
                if self.detail.full || action == Action::DetailPageDown =>
            {
                let (page, rows) = (self.detail_page(), self.detail_rows());
                self.detail.scroll_down(page, rows)
            }
            Action::PageUp => self.select(self.results.selected.saturating_sub(self.page())),
            Action::PageDown => self.select(self.results.selected + self.page()),
            Action::DetailPageUp | Action::DetailPageDown => {}
            Action::TogglePasteOrder => {
                if matches!(self.query_line.source, Source::Pasted { .. }) {
                    self.paste_by_confidence = !self.paste_by_confidence;
                    self.refresh();
                    self.status = Some(
                        if self.paste_by_confidence {
                            "Surest codes first · Ctrl-S: in line order"
                        } else {
                            "In line order · Ctrl-S: surest first"
                        }
                        .to_string(),
                    );
                }
            }
            Action::ToggleDetailFull => {
                self.detail.full = !self.detail.full;
                self.keep_selection_visible();
            }
            Action::First => self.select(0),
            Action::Last => self.select(self.results.hits.len().saturating_sub(1)),
            Action::DetailUp => self.detail.scroll_up(1),
            Action::DetailDown => {
                let rows = self.detail_rows();
                self.detail.scroll_down(1, rows)
            }
            Action::NextLink => self.focus_link(1),
            Action::PrevLink => self.focus_link(-1),
            Action::Back => self.back(),
            Action::NextCategory => self.set_filter(self.query_line.filter.next()),
            Action::PrevCategory => self.set_filter(self.query_line.filter.prev()),
            Action::ShowFamily(n) => {
                let family = n
                    .checked_sub(1)
                    .and_then(|i| crate::catalog::Family::ALL.get(i));
                if n == 0 || family.is_some() {
                    self.set_filter(Filter {
                        family: family.copied(),
                        category: None,
                    });
                }
            }
            Action::Enter if self.overlays.pick.is_some() && self.detail.focused_link.is_none() => {
                self.choose()
            }
            Action::ToggleMark => self.toggle_mark(),
            // The picker is a one-shot tool: Esc cancels it, as in fzf.
            Action::Escape if self.overlays.paste_scan.is_scanning() => return self.cancel_paste(),
            Action::Escape if self.overlays.pick.is_some() => self.should_quit = true,
            Action::Enter => match self
                .detail
                .focused_link
                .and_then(|n| self.detail.model.links.get(n))
            {
                Some(link) => self.jump_to(link.target),
                None => {
                    self.remember_query();
                    return self.copy();
                }
            },
            Action::Copy => {
                self.remember_query();
                return self.copy();
            }
            Action::CopyAll => {
                self.remember_query();
                return self.copy_all();
            }
            Action::HistoryOlder => {
                if let Some(query) = self.query_line.history.older(self.query_line.input.text()) {
                    self.recall(&query);
                }
            }
            Action::HistoryNewer => {
                if let Some(query) = self.query_line.history.newer() {
                    self.recall(&query);
                }
            }
            Action::CycleCopyFormat => {
                self.copy_format = self.copy_format.next();
                self.status = Some(format!("Copy format: {}", self.copy_format.as_str()));
            }
            Action::CycleLang => {
                self.lang = self.lang.next();
                self.detail.scroll = 0;
                self.status = Some(format!("Language: {}", self.lang.label()));
            }
            Action::OpenDocs => {
                self.remember_query();
                return self.open_docs();
            }
            Action::Redraw => return Some(Effect::Redraw),
            Action::Suspend => return Some(Effect::Suspend),
            Action::Escape => {
                if self.detail.focused_link.is_some() {
                    self.detail.focused_link = None;
                } else if self.detail.full {
                    self.detail.full = false;
                    self.keep_selection_visible();
                } else if matches!(self.query_line.source, Source::Pasted { .. }) {
                    self.query_line.source = Source::Query;
                    self.refresh();
                } else if !self.query_line.input.is_empty() {
                    self.clear_query();
                } else {
                    self.status = Some(QUIT_HINT.to_string());
                }
            }
            Action::QuitOrDelete => {
                if self.query_line.input.is_empty()
                    && matches!(self.query_line.source, Source::Query)
                {
                    self.should_quit = true;
                } else if self.query_line.input.delete() {
                    self.edited();
                }
            }
            Action::Quit => self.should_quit = true,
            Action::ToggleHelp => self.open_help(),
            Action::Click { column, row } => self.click(column, row),
            Action::ScrollUp { column, row } => match self.layout().pane_at(column, row) {
                Some(Pane::Detail) => self.detail.scroll_up(3),
                _ => self.select(self.results.selected.saturating_sub(3)),
            },
            Action::ScrollDown { column, row } => match self.layout().pane_at(column, row) {
                Some(Pane::Detail) => {
                    let rows = self.detail_rows();
                    self.detail.scroll_down(3, rows)
                }
                _ => self.select(self.results.selected + 3),
            },
            Action::Resize { width, height } => self.resize(width, height),
            Action::Searched(_) | Action::None => {}
        }
        None
    }

    /// While the help is open: arrows and the wheel scroll it, a resize or Ctrl-C apply, any
    /// other key closes it (and does nothing else).
    fn apply_in_help(&mut self, action: Action) -> Option<Effect> {
        let max = self.max_help_scroll();
        let help = &mut self.overlays.help;
        match action {
            Action::Resize { width, height } => {
                self.resize(width, height);
                let max = self.max_help_scroll();
                let help = &mut self.overlays.help;
                help.scroll_to(help.scroll(), max);
            }
            Action::Quit => self.should_quit = true,
            Action::Redraw => return Some(Effect::Redraw),
            Action::Suspend => return Some(Effect::Suspend),
            Action::None => {}
            Action::Up | Action::DetailUp => help.scroll_by(-1, max),
            Action::Down | Action::DetailDown => help.scroll_by(1, max),
            Action::ScrollUp { .. } => help.scroll_by(-3, max),
            Action::ScrollDown { .. } => help.scroll_by(3, max),
            Action::PageUp | Action::First => help.scroll_to(0, max),
            Action::PageDown | Action::Last => help.scroll_to(max, max),
            _ => help.close(),
        }
        None
    }

    fn open_help(&mut self) {
        self.overlays.help.open();
    }

    /// The help overlay's state, for the view.
    pub fn help(&self) -> &Help {
        &self.overlays.help
    }

    /// A large paste is being scanned by the loop (Esc cancels).
    pub fn scanning_paste(&self) -> bool {
        self.overlays.paste_scan.is_scanning()
    }

    /// The picker's state, in `trtc-errors pick`.
    pub fn pick(&self) -> Option<&Pick> {
        self.overlays.pick.as_ref()
    }

    /// How far the help overlay scrolls: its lines minus the popup's inner height.
    pub fn max_help_scroll(&self) -> usize {
        let area = ratatui::layout::Rect::new(0, 0, self.width, self.height);
        let popup = help_popup(area, HELP_WIDTH, keys::help_line_count());
        keys::help_line_count().saturating_sub(usize::from(popup.height.saturating_sub(2)))
    }

    fn resize(&mut self, width: u16, height: u16) {
        if self.sized && (width, height) != (self.width, self.height) {
            // The message may name a layout that is gone, and nobody reads it mid-drag.
            self.status = None;
        }
        self.sized = true;
        self.width = width;
        self.height = height;
        self.keep_selection_visible();
        let rows = self.detail_rows();
        self.detail.clamp_scroll(rows);
    }

    fn click(&mut self, column: u16, row: u16) {
        let layout = self.layout();
        if let Some(row) = layout.list_row_at(column, row) {
            let target = self.results.list_offset + row;
            if target < self.results.hits.len() {
                self.select(target);
            }
            return;
        }
        if layout.pane_at(column, row) == Some(Pane::Search) {
            let tabs = filter_tabs(
                layout.search,
                self.query_line.filter,
                crate::width::width(&self.counts_text()),
            );
            if let Some(tab) = tabs.iter().find(|t| (t.x..t.x + t.width).contains(&column)) {
                if tab.filter != self.query_line.filter {
                    self.set_filter(tab.filter);
                }
            }
            return;
        }
        if let Some((line, col)) = layout.detail_cell_at(column, row) {
            let line = line + self.detail.scroll;
            if let Some(link) = self
                .detail
                .model
                .links
                .iter()
                .find(|l| l.contains(line, col))
            {
                let target = link.target;
                self.jump_to(target);
            }
        }
    }

    /// How far the detail pane can scroll: its wrapped content height minus the pane's height.
    pub fn max_detail_scroll(&self) -> usize {
        self.detail.max_scroll(self.detail_rows())
    }

    /// Lines of the detail pane on screen.
    fn detail_rows(&self) -> usize {
        usize::from(self.layout().detail_inner().height)
    }

    /// The detail pane's state, for the view.
    pub fn detail(&self) -> &DetailPane {
        &self.detail
    }

    /// A page of the detail pane: its height less a line kept for context.
    fn detail_page(&self) -> usize {
        usize::from(self.layout().detail_inner().height)
            .saturating_sub(1)
            .max(1)
    }

    fn page(&self) -> usize {
        self.layout().list_rows().max(1)
    }

    /// Moves the selection on the user's request: from then on it stays on that entry while the
    /// query narrows (see `apply_hits`).
    fn select(&mut self, index: usize) {
        self.results.selection_pinned = true;
        let last = self.results.hits.len().saturating_sub(1);
        let index = index.min(last);
        if index != self.results.selected {
            self.detail.scroll = 0;
        }
        self.results.selected = index;
        self.keep_selection_visible();
    }

    fn keep_selection_visible(&mut self) {
        let rows = self.layout().list_rows().max(1);
        self.results.keep_selection_visible(rows);
    }

    fn set_filter(&mut self, filter: Filter) {
        self.query_line.filter = filter;
        self.refresh();
        self.status = Some(format!("Showing {}", filter.label()));
    }

    /// The query line changed: search again, leaving a paste's results.
    fn edited(&mut self) {
        self.query_line.source = Source::Query;
        self.refresh();
    }

    fn clear_query(&mut self) {
        self.query_line.input.clear();
        self.query_line.source = Source::Query;
        self.refresh();
    }

    /// Keeps the query line in the history (the loop also does at quit).
    pub fn remember_query(&mut self) {
        self.query_line.remember();
    }

    fn recall(&mut self, query: &str) {
        self.query_line.input.set(query);
        self.edited();
    }

    /// The text the pasted-text source found an entry on, for the list and detail pane.
    pub fn mention_for(&self, index: usize) -> Option<&Mention> {
        self.query_line.mention_for(index)
    }
}

/// tmux's paste-buffer turns every LF into CR, so a CRLF log arrives with CR CR for each line
/// break. When every CR of a paste comes in such pairs (and there is no LF), each pair is one
/// break; otherwise the text is as the terminal sent it.
fn undo_tmux_doubling(text: String) -> String {
    let crs = text.matches('\r').count();
    let doubled = crs > 0 && !text.contains('\n') && crs == 2 * text.matches("\r\r").count();
    if doubled {
        text.replace("\r\r", "\n")
    } else {
        text // the paste itself, not a copy: it may be tens of megabytes
    }
}

/// What tells an entry apart in a status line: its key, or for keyless account codes the start of
/// its description (every one of them has the same type label).
fn entry_title(entry: &crate::catalog::CatalogEntry) -> String {
    match &entry.key {
        Some(key) => key.clone(),
        None => truncate(&entry.description.zh, DESCRIPTION_SLICE),
    }
}

#[cfg(test)]
mod tests {
    use super::undo_tmux_doubling;

    #[test]
    fn a_crlf_log_through_tmux_counts_each_line_once() {
        // tmux paste-buffer: "a\r\nb\r\n\r\nc" arrives as CR CR per break.
        assert_eq!(undo_tmux_doubling("a\r\rb\r\r\r\rc".into()), "a\nb\n\nc");
        // A terminal's own paste (one CR a break) and real CRLF text are left as they are.
        assert_eq!(undo_tmux_doubling("a\rb\r\rc".into()), "a\rb\r\rc");
        assert_eq!(undo_tmux_doubling("a\r\nb".into()), "a\r\nb");
        assert_eq!(undo_tmux_doubling("one line".into()), "one line");
    }

    /// A paste can be 50 MB: left as it is, it is the same buffer, not a copy (a third copy
    /// aborted under `ulimit -v 200000`).
    #[test]
    fn an_undoubled_paste_is_not_copied() {
        let paste = "code: 16388\n".repeat(1000);
        let at = paste.as_ptr();
        let kept = undo_tmux_doubling(paste);
        assert_eq!(kept.as_ptr(), at);
    }
}

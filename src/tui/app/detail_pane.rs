//! The detail pane's state: what it shows (rebuilt only when its inputs change), how far it is
//! scrolled, whether it has the whole body (Ctrl-F), and which of its links has the focus.

use crate::tui::detail::DetailModel;

#[derive(Debug, Default)]
pub struct DetailPane {
    /// What the pane shows, rebuilt only when its inputs change.
    pub(super) model: DetailModel,
    /// The first line shown.
    pub(super) scroll: usize,
    /// The pane takes the whole body (Ctrl-F).
    pub(super) full: bool,
    /// The link Enter follows (index into `model.links`).
    pub(super) focused_link: Option<usize>,
}

impl DetailPane {
    pub fn model(&self) -> &DetailModel {
        &self.model
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn is_full(&self) -> bool {
        self.full
    }

    pub fn focused_link(&self) -> Option<usize> {
        self.focused_link
    }

    /// How far the pane can scroll when `rows` lines of it show.
    pub(super) fn max_scroll(&self, rows: usize) -> usize {
        self.model.lines.len().saturating_sub(rows)
    }

    pub(super) fn scroll_up(&mut self, lines: usize) {
        self.scroll = self.scroll.saturating_sub(lines);
    }

    /// Scrolls down, no further than the last line when `rows` lines of the pane show.
    pub(super) fn scroll_down(&mut self, lines: usize, rows: usize) {
        self.scroll = (self.scroll + lines).min(self.max_scroll(rows));
    }

    /// Keeps the scroll within what `rows` visible lines allow (after the content or the pane's
    /// size changed).
    pub(super) fn clamp_scroll(&mut self, rows: usize) {
        self.scroll = self.scroll.min(self.max_scroll(rows));
    }
}

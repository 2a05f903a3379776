//! Following the linked codes of the detail pane, and coming back (a small history).

use super::*;

impl App {
    /// Focuses the next (`by` = 1) or previous link in the detail pane and scrolls it into view.
    pub(super) fn focus_link(&mut self, by: isize) {
        let n = self.detail.model.links.len();
        if n == 0 {
            self.status = Some("No linked code in this entry".to_string());
            return;
        }
        let next = match self.detail.focused_link {
            None if by > 0 => 0,
            None => n - 1,
            Some(at) => ((at as isize + by).rem_euclid(n as isize)) as usize,
        };
        self.detail.focused_link = Some(next);
        let link = &self.detail.model.links[next];
        let line = link.segments.first().map_or(0, |s| s.line);
        let rows = usize::from(self.layout().detail_inner().height).max(1);
        if line < self.detail.scroll {
            self.detail.scroll = line;
        } else if line >= self.detail.scroll + rows {
            self.detail.scroll = (line + 1 - rows).min(self.max_detail_scroll());
        }
        self.status = Some(format!(
            "{} · Enter follows, Esc leaves the links",
            link.label
        ));
    }

    /// Where the user is now, to come back to.
    pub(super) fn place(&self) -> Place {
        Place {
            query: self.query_line.input.text().to_string(),
            cursor: self.query_line.input.cursor(),
            filter: self.query_line.filter,
            source: self.query_line.source.clone(),
            entry: self.selected_hit().map(|h| h.index),
            detail_scroll: self.detail.scroll,
        }
    }

    /// Shows the entry at catalog index `target`, its code in the query line, remembering where
    /// the user was.
    pub(super) fn jump_to(&mut self, target: usize) {
        let Some(entry) = self.engine.catalog().get(target) else {
            return;
        };
        if !self.base_scope.admits(entry) {
            self.status = Some(format!(
                "{} is outside this session's --sdk / --sdk-version",
                entry.qualified()
            ));
            return;
        }
        let label = format!("{} {}", entry.display(), entry_title(entry));
        self.history.push(self.place());
        if !self.query_line.filter.scope(self.base_scope).admits(entry) {
            self.query_line.filter = Filter::ALL;
        }
        self.query_line.land(&entry.display());
        self.query_line.source = Source::Query;
        self.detail.focused_link = None;
        self.results.pending_select = Some(target);
        self.refresh();
        self.detail.scroll = 0;
        self.status = Some(format!("→ {} · Backspace goes back", label.trim_end()));
    }

    /// Back to where the last link was followed from.
    pub(super) fn back(&mut self) {
        let Some(place) = self.history.pop() else {
            return;
        };
        self.query_line.land(&place.query);
        for _ in place.cursor..self.query_line.input.text().chars().count() {
            self.query_line.input.left();
        }
        self.query_line.filter = place.filter;
        self.query_line.source = place.source;
        self.detail.focused_link = None;
        self.results.pending_select = place.entry;
        self.refresh();
        self.sync_detail();
        self.detail.scroll = place.detail_scroll.min(self.max_detail_scroll());
        self.status = Some(match self.history.len() {
            0 => "Back".to_string(),
            n => format!("Back · {n} more to go back"),
        });
    }
}

//! `trtc-errors pick`: the browser as a picker (fzf's habit). Enter chooses the selected code, or
//! the codes marked with Ctrl-Space; Esc or Ctrl-C cancels. The loop prints the choice.

use std::collections::BTreeSet;

use super::App;

/// The picker's state: which entries are marked, and what was chosen.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Pick {
    /// Catalog indices marked for a multiple choice, in catalog order.
    pub marked: BTreeSet<usize>,
    /// The codes chosen with Enter; `None` until then (and after a cancel).
    pub chosen: Option<Vec<String>>,
}

impl App {
    /// Turns this browser into a picker.
    pub fn start_picking(&mut self) {
        self.overlays.pick = Some(Pick::default());
    }

    pub(super) fn toggle_mark(&mut self) {
        let Some(index) = self.selected_hit().map(|h| h.index) else {
            return;
        };
        if let Some(pick) = &mut self.overlays.pick {
            if !pick.marked.remove(&index) {
                pick.marked.insert(index);
            }
            self.status = Some(format!("{} marked · Enter prints them", pick.marked.len()));
        }
    }

    /// Enter while picking: the marked codes, or else the selected one.
    pub(super) fn choose(&mut self) {
        let entries = self.engine.catalog().entries();
        let selected = self
            .results
            .hits
            .get(self.results.selected)
            .map(|h| h.index);
        let Some(pick) = &mut self.overlays.pick else {
            return;
        };
        let indices: Vec<usize> = if pick.marked.is_empty() {
            selected.into_iter().collect()
        } else {
            pick.marked.iter().copied().collect()
        };
        if indices.is_empty() {
            self.status = Some("Nothing to pick".to_string());
            return;
        }
        pick.chosen = Some(
            indices
                .into_iter()
                .map(|i| crate::sanitize::sanitize(&entries[i].display()).into_owned())
                .collect(),
        );
        self.should_quit = true;
    }

    /// What Enter chose in the picker, taken once (the loop prints it).
    pub fn take_choice(&mut self) -> Option<Vec<String>> {
        self.overlays.pick.as_mut().and_then(|p| p.chosen.take())
    }

    /// Is this entry marked in the picker?
    pub fn is_marked(&self, index: usize) -> bool {
        self.overlays
            .pick
            .as_ref()
            .is_some_and(|p| p.marked.contains(&index))
    }
}

//! Where the user was before following a link in the detail pane, so Backspace (on an empty query)
//! or Alt-← brings them back: a small stack, oldest places dropped first.

use crate::tui::filter::Filter;
use crate::tui::source::Source;

/// Enough to go back several hops; a longer trail is not something anyone walks back.
const DEPTH: usize = 32;

/// One place in the browser: what was typed, which filter, and which entry was selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub query: String,
    pub cursor: usize,
    pub filter: Filter,
    pub source: Source,
    /// The catalog index of the selected entry.
    pub entry: Option<usize>,
    pub detail_scroll: usize,
}

#[derive(Debug, Clone, Default)]
pub struct History {
    places: Vec<Place>,
}

impl History {
    pub fn push(&mut self, place: Place) {
        if self.places.len() == DEPTH {
            self.places.remove(0);
        }
        self.places.push(place);
    }

    pub fn pop(&mut self) -> Option<Place> {
        self.places.pop()
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(n: usize) -> Place {
        Place {
            query: n.to_string(),
            cursor: 0,
            filter: Filter::ALL,
            source: Source::Query,
            entry: Some(n),
            detail_scroll: 0,
        }
    }

    #[test]
    fn bounded_last_in_first_out() {
        let mut h = History::default();
        for n in 0..DEPTH + 3 {
            h.push(place(n));
        }
        assert_eq!(h.len(), DEPTH);
        assert_eq!(h.pop().unwrap().entry, Some(DEPTH + 2));
        let mut last = None;
        while let Some(p) = h.pop() {
            last = p.entry;
        }
        assert_eq!(last, Some(3), "the oldest places went first");
    }
}

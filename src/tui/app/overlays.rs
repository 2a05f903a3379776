//! What lies over the panes or changes what the keys mean for a while: the help overlay, the
//! picker (`trtc-errors pick`), and a large paste the loop is scanning.

use super::pick::Pick;

/// The overlays' state. `App` decides when each opens and closes; each keeps its own.
#[derive(Debug, Default)]
pub(super) struct Overlays {
    pub(super) help: Help,
    /// Set in `trtc-errors pick`: Enter chooses, Esc cancels.
    pub(super) pick: Option<Pick>,
    pub(super) paste_scan: PasteScanState,
}

/// The help overlay: open or not, and how far it is scrolled.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Help {
    open: bool,
    scroll: usize,
}

impl Help {
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The first help line shown.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Opens at the top.
    pub(super) fn open(&mut self) {
        self.open = true;
        self.scroll = 0;
    }

    pub(super) fn close(&mut self) {
        self.open = false;
    }

    /// Scrolls `by` lines (up when negative), never past `max`.
    pub(super) fn scroll_by(&mut self, by: isize, max: usize) {
        self.scroll = self.scroll.saturating_add_signed(by).min(max);
    }

    /// Scrolls to `line`, never past `max`.
    pub(super) fn scroll_to(&mut self, line: usize, max: usize) {
        self.scroll = line.min(max);
    }
}

/// A paste large enough to be scanned on the loop's thread: Esc stops waiting for it, and only the
/// latest paste's answer is taken.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct PasteScanState {
    scanning: bool,
    /// Number of the latest paste.
    generation: u64,
}

impl PasteScanState {
    pub(super) fn is_scanning(&self) -> bool {
        self.scanning
    }

    /// A new paste arrived: its number. An earlier scan's answer is no longer wanted.
    pub(super) fn next_paste(&mut self) -> u64 {
        self.generation += 1;
        self.generation
    }

    /// The paste numbered by the last [`PasteScanState::next_paste`] goes to the loop's scanner.
    pub(super) fn start(&mut self) {
        self.scanning = true;
    }

    /// A scan of paste `generation` is done: true when it is the one awaited, which it stops
    /// waiting for; false when it was cancelled or a newer paste came.
    pub(super) fn finish(&mut self, generation: u64) -> bool {
        let awaited = self.scanning && generation == self.generation;
        if awaited {
            self.scanning = false;
        }
        awaited
    }

    pub(super) fn cancel(&mut self) {
        self.scanning = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_latest_scanning_paste_is_taken() {
        let mut scan = PasteScanState::default();
        let first = scan.next_paste();
        scan.start();
        let second = scan.next_paste();
        scan.start();
        assert!(!scan.finish(first), "an older paste's answer");
        assert!(scan.finish(second));
        assert!(!scan.is_scanning());
        let third = scan.next_paste();
        scan.start();
        scan.cancel();
        assert!(!scan.finish(third), "cancelled with Esc");
    }

    #[test]
    fn help_scrolls_within_its_lines() {
        let mut help = Help::default();
        help.open();
        help.scroll_by(-3, 10);
        assert_eq!(help.scroll(), 0);
        help.scroll_by(4, 10);
        help.scroll_by(9, 10);
        assert_eq!(help.scroll(), 10);
        help.open();
        assert_eq!((help.is_open(), help.scroll()), (true, 0));
        help.close();
        assert!(!help.is_open());
    }
}

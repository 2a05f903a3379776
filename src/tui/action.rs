//! What the user can ask for (actions, decoded from keys, mouse and pastes) and what the loop
//! must do after an update (effects).

/// Everything the user can ask for, decoded from keys, mouse and paste events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A typed character; `?` on an empty query opens the help instead.
    Insert(char),
    /// Text pasted (bracketed paste), one line or many: scanned for codes; with none found, a
    /// one-line paste becomes the query.
    Paste(String),
    /// Backspace; on an empty query, back from a followed link.
    Backspace,
    Delete,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    WordLeft,
    WordRight,
    DeleteWord,
    KillToEnd,
    ClearQuery,
    /// Alt-↑ / Alt-↓: an older / newer query from the history.
    HistoryOlder,
    HistoryNewer,
    Up,
    Down,
    PageUp,
    PageDown,
    /// The first / last code of the list.
    First,
    Last,
    DetailUp,
    DetailDown,
    /// A page of the detail pane (Shift-PgUp / Shift-PgDn; plain PgUp / PgDn when it is full).
    DetailPageUp,
    DetailPageDown,
    /// Ctrl-S: a paste's codes surest first, or back in line order.
    TogglePasteOrder,
    /// Ctrl-F: the detail pane over the whole body, or back to the list beside it.
    ToggleDetailFull,
    /// Focus the next / previous linked code in the detail pane.
    NextLink,
    PrevLink,
    /// Back to where the last followed link was followed from.
    Back,
    NextCategory,
    PrevCategory,
    /// Alt-1 … Alt-4: All, then each family in `Family::ALL` order.
    ShowFamily(usize),
    /// Enter: follow the focused link, else copy the selected explanation.
    Enter,
    /// Copy the selected explanation.
    Copy,
    /// Ctrl-Space in `pick`: mark or unmark the selected code for a multiple choice.
    ToggleMark,
    /// Ctrl-Y: after a paste, everything it explains (what `explain` prints); else as Copy.
    CopyAll,
    CycleCopyFormat,
    CycleLang,
    OpenDocs,
    Redraw,
    Suspend,
    /// Esc: close the help, unfocus a link, leave pasted results, clear the query. Never quits:
    /// the browser is kept open all day, and Esc is pressed out of habit.
    Escape,
    /// Ctrl-D: quit on an empty query (as a shell does at end of input), else delete forward.
    QuitOrDelete,
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
    /// The background search answered an [`Effect::Search`] (the loop's worker).
    Searched(SearchResult),
    None,
}

impl Action {
    /// Does the action make the status message stale? Edits, a paste, Esc, a new filter, a resize,
    /// a jump: the message spoke of a screen that is gone. Moving and scrolling do not.
    pub(crate) fn stales_status(&self) -> bool {
        !matches!(
            self,
            Action::CursorLeft
                | Action::CursorRight
                | Action::CursorHome
                | Action::CursorEnd
                | Action::WordLeft
                | Action::WordRight
                | Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::First
                | Action::Last
                | Action::DetailUp
                | Action::DetailDown
                | Action::DetailPageUp
                | Action::DetailPageDown
                | Action::NextLink
                | Action::PrevLink
                | Action::ScrollUp { .. }
                | Action::ScrollDown { .. }
                | Action::Redraw
                | Action::Suspend
                | Action::ToggleHelp
                | Action::Resize { .. }
                | Action::Searched(_)
                | Action::None
        )
    }
}

/// I/O the loop must perform after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Copy `text`; `label` names what was copied in the status line.
    Copy { text: String, label: String },
    /// Open the address in the user's browser ([`crate::tui::open_url::open_url`]), then report
    /// with [`App::opened`].
    OpenUrl(String),
    /// Ctrl-L: clear and redraw the whole screen.
    Redraw,
    /// Ctrl-Z: restore the terminal, stop, and on `fg` re-enter and redraw.
    Suspend,
    /// Scan a large paste on a thread, then report with [`App::pasted`].
    ScanPaste(ScanRequest),
    /// Stop the scan under way.
    CancelScan,
    /// Search off the UI thread (a large catalog), then answer with [`Action::Searched`].
    Search(SearchRequest),
}

/// A search for the loop's background worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// Which request this is: only the answer to the latest is shown.
    pub generation: u64,
    pub query: crate::query::Query,
    pub scope: crate::catalog::Scope,
    /// The current hits' entries when the query narrows theirs (incremental narrowing): the
    /// search looks only at them and their groups' members, expanded where it runs
    /// ([`crate::search::group::narrowing_candidates`]), not on the UI thread. `None`: all.
    pub narrow_from: Option<Vec<usize>>,
}

/// The worker's answer to a [`SearchRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResult {
    pub generation: u64,
    pub query: crate::query::Query,
    pub scope: crate::catalog::Scope,
    pub hits: Vec<crate::search::Hit>,
}

/// A paste too large to scan at once, for the loop to scan on a thread of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanRequest {
    pub text: String,
    pub scope: crate::catalog::Scope,
    /// Which paste this is: an answer for an older (cancelled) one is dropped.
    pub generation: u64,
}

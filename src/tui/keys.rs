//! Terminal events → [`Action`]s. Only key presses count (not repeats' releases), so a key acts
//! once on terminals that report both.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};

use crate::tui::app::Action;

/// One key binding: its keys, what it does, and its word in the footer (`None`: help only). The
/// footer's words may name the current state: `{filter}` (the next one), `{enter}`, `{lang}`,
/// `{esc}`, `{help}` (the key that opens help now), `{full}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub keys: &'static str,
    pub does: &'static str,
    /// (priority, words): the footer shows the lowest numbers first, as many as fit.
    pub footer: Option<(u8, &'static str)>,
}

const fn bind(keys: &'static str, does: &'static str) -> Binding {
    Binding {
        keys,
        does,
        footer: None,
    }
}

const fn shown(
    keys: &'static str,
    does: &'static str,
    priority: u8,
    words: &'static str,
) -> Binding {
    Binding {
        keys,
        does,
        footer: Some((priority, words)),
    }
}

/// Every key binding, for the footer and the help overlay. One list, so they never disagree.
pub const BINDINGS: &[Binding] = &[
    bind("type", "search: 0x4004, 16388, key, 中文, pinyin, English"),
    bind(
        "@4.5.0  v:5.8.6",
        "in the query: only that SDK version's codes",
    ),
    shown("↑ ↓  Ctrl-P Ctrl-N", "move the selection", 0, "↑↓ move"),
    bind("PgUp PgDn  Home End", "a page / the first / the last code"),
    bind("Shift-↑ ↓  Alt-↑ ↓", "scroll the detail pane"),
    bind("Shift-PgUp PgDn", "a page of the detail pane"),
    shown(
        "Ctrl-F",
        "detail on the whole screen (PgUp PgDn scroll it)",
        5,
        "^F {full}",
    ),
    bind("Alt-N  Alt-P", "next / previous linked code in the detail"),
    shown(
        "Enter",
        "follow the link in focus, else copy (pick: print)",
        1,
        "Enter {enter}",
    ),
    bind("Ctrl-Space", "pick: mark a code (Enter prints the marked)"),
    bind(
        "Backspace  Alt-←",
        "back from a followed link (empty query)",
    ),
    bind("Ctrl-Y", "copy; after a paste: all it explains"),
    bind("Ctrl-T", "copy format: text → markdown → json"),
    shown(
        "Tab  Shift-Tab",
        "filter: All → Web 4.x → SDK → Account …",
        2,
        "Tab → {filter}",
    ),
    bind("Alt-1 … Alt-4", "filter: All / Web 4.x / Web 5.x / Native"),
    shown(
        "Ctrl-G  F2",
        "language: 中文+English → 中文 → English",
        5,
        "^G {lang}",
    ),
    shown(
        "Ctrl-O",
        "open the code's doc page in the browser",
        6,
        "^O docs",
    ),
    bind("← →  Ctrl-A Ctrl-E", "cursor: a character / start / end"),
    bind("Alt-B  Alt-F", "cursor: a word left / right"),
    bind("Ctrl-W  Ctrl-K  Ctrl-U", "delete a word / to the end / all"),
    bind("paste", "its codes, line by line; else it is the query"),
    bind("Ctrl-S", "after a paste: surest codes first / line order"),
    bind(
        "'word ^word word$ !word",
        "exact / prefix / suffix / exclude",
    ),
    bind("mouse", "click a code, a tab or a link; wheel scrolls"),
    bind("Ctrl-L", "redraw the screen"),
    bind("Ctrl-Z", "suspend (fg comes back)"),
    shown(
        "Esc",
        "step back: close, leave a paste, clear the query",
        4,
        "Esc {esc}",
    ),
    shown(
        "Ctrl-C  Ctrl-D",
        "quit (Ctrl-D: on an empty query)",
        4,
        "^C quit",
    ),
    shown("?  F1", "this help (? on an empty query)", 3, "{help} help"),
];

/// What the help overlay lists after the bindings.
pub const HELP_FOOTNOTES: &[&str] = &["Exit codes (CLI): 0 found · 1 not found · 2 error"];

/// Lines of the help overlay: one per binding, a blank line, the footnotes.
pub fn help_line_count() -> usize {
    BINDINGS.len() + 1 + HELP_FOOTNOTES.len()
}

/// The footer's words in priority order, placeholders filled by `fill`.
pub fn footer_hints(fill: impl Fn(&str) -> String) -> Vec<String> {
    let mut shown: Vec<(u8, &str)> = BINDINGS.iter().filter_map(|b| b.footer).collect();
    shown.sort_by_key(|(priority, _)| *priority);
    shown.into_iter().map(|(_, words)| fill(words)).collect()
}

pub fn action_for(event: &Event) -> Action {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => key_action(key),
        Event::Paste(text) => Action::Paste(text.clone()),
        Event::Mouse(mouse) => mouse_action(mouse),
        Event::Resize(width, height) => Action::Resize {
            width: *width,
            height: *height,
        },
        _ => Action::None,
    }
}

pub fn key_action(key: &KeyEvent) -> Action {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    match key.code {
        KeyCode::Char('c') if ctrl => Action::Quit,
        KeyCode::Char('d') if ctrl => Action::QuitOrDelete,
        KeyCode::Char('p') if ctrl => Action::Up,
        KeyCode::Char('n') if ctrl => Action::Down,
        KeyCode::Char('a') if ctrl => Action::CursorHome,
        KeyCode::Char('e') if ctrl => Action::CursorEnd,
        KeyCode::Char('w') if ctrl => Action::DeleteWord,
        KeyCode::Char('k') if ctrl => Action::KillToEnd,
        KeyCode::Char('u') if ctrl => Action::ClearQuery,
        KeyCode::Char('y') if ctrl => Action::CopyAll,
        KeyCode::Char('t') if ctrl => Action::CycleCopyFormat,
        KeyCode::Char('g') if ctrl => Action::CycleLang,
        KeyCode::Char('l') if ctrl => Action::Redraw,
        KeyCode::Char('z') if ctrl => Action::Suspend,
        KeyCode::Char('o') if ctrl => Action::OpenDocs,
        KeyCode::Char('f') if ctrl => Action::ToggleDetailFull,
        KeyCode::Char('s') if ctrl => Action::TogglePasteOrder,
        KeyCode::Char(' ') if ctrl => Action::ToggleMark,
        KeyCode::Char('h') if ctrl => Action::Backspace,
        KeyCode::Char(c @ '1'..='4') if alt => Action::ShowFamily(c as usize - '1' as usize),
        KeyCode::Char('b') if alt => Action::WordLeft,
        KeyCode::Char('f') if alt => Action::WordRight,
        KeyCode::Char('n') if alt => Action::NextLink,
        KeyCode::Char('p') if alt => Action::PrevLink,
        KeyCode::Char(_) if ctrl || alt => Action::None,
        KeyCode::Char(c) => Action::Insert(c),
        KeyCode::PageUp if shift || alt => Action::DetailPageUp,
        KeyCode::PageDown if shift || alt => Action::DetailPageDown,
        KeyCode::Up if shift || alt => Action::DetailUp,
        KeyCode::Down if shift || alt => Action::DetailDown,
        KeyCode::Left if alt => Action::Back,
        KeyCode::Left if ctrl => Action::WordLeft,
        KeyCode::Right if ctrl || alt => Action::WordRight,
        KeyCode::Backspace if alt || ctrl => Action::DeleteWord,
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Left => Action::CursorLeft,
        KeyCode::Right => Action::CursorRight,
        KeyCode::Home => Action::First,
        KeyCode::End => Action::Last,
        KeyCode::Backspace => Action::Backspace,
        KeyCode::Delete => Action::Delete,
        KeyCode::Tab => Action::NextCategory,
        KeyCode::BackTab => Action::PrevCategory,
        KeyCode::Enter => Action::Enter,
        KeyCode::Esc => Action::Escape,
        KeyCode::F(1) => Action::ToggleHelp,
        KeyCode::F(2) => Action::CycleLang,
        _ => Action::None,
    }
}

fn mouse_action(mouse: &MouseEvent) -> Action {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::Down(_) => Action::Click { column, row },
        MouseEventKind::ScrollUp => Action::ScrollUp { column, row },
        MouseEventKind::ScrollDown => Action::ScrollDown { column, row },
        _ => Action::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::width::width;
    use crossterm::event::{KeyEventState, MouseButton};

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        })
    }

    #[test]
    fn key_table() {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        let alt = KeyModifiers::ALT;
        let table = [
            (key(KeyCode::Char('j'), none), Action::Insert('j')),
            (
                key(KeyCode::Char('J'), KeyModifiers::SHIFT),
                Action::Insert('J'),
            ),
            (key(KeyCode::Char('过'), none), Action::Insert('过')),
            (key(KeyCode::Char('c'), ctrl), Action::Quit),
            (key(KeyCode::Char('d'), ctrl), Action::QuitOrDelete),
            (key(KeyCode::Char('f'), ctrl), Action::ToggleDetailFull),
            (key(KeyCode::Char('s'), ctrl), Action::TogglePasteOrder),
            (key(KeyCode::Char('1'), alt), Action::ShowFamily(0)),
            (key(KeyCode::Char('4'), alt), Action::ShowFamily(3)),
            (key(KeyCode::Char(' '), ctrl), Action::ToggleMark),
            (
                key(KeyCode::PageDown, KeyModifiers::SHIFT),
                Action::DetailPageDown,
            ),
            (key(KeyCode::PageUp, alt), Action::DetailPageUp),
            (key(KeyCode::Char('y'), ctrl), Action::CopyAll),
            (key(KeyCode::Enter, none), Action::Enter),
            (key(KeyCode::Char('t'), ctrl), Action::CycleCopyFormat),
            (key(KeyCode::Char('g'), ctrl), Action::CycleLang),
            (key(KeyCode::F(2), none), Action::CycleLang),
            (key(KeyCode::Char('l'), ctrl), Action::Redraw),
            (key(KeyCode::Char('z'), ctrl), Action::Suspend),
            (key(KeyCode::Char('o'), ctrl), Action::OpenDocs),
            (key(KeyCode::Char('k'), ctrl), Action::KillToEnd),
            (key(KeyCode::Char('b'), alt), Action::WordLeft),
            (key(KeyCode::Char('f'), alt), Action::WordRight),
            (key(KeyCode::Left, ctrl), Action::WordLeft),
            (key(KeyCode::Right, ctrl), Action::WordRight),
            (key(KeyCode::Char('n'), alt), Action::NextLink),
            (key(KeyCode::Char('p'), alt), Action::PrevLink),
            (key(KeyCode::Left, alt), Action::Back),
            (key(KeyCode::Backspace, alt), Action::DeleteWord),
            (key(KeyCode::Home, none), Action::First),
            (key(KeyCode::End, none), Action::Last),
            (key(KeyCode::Char('?'), none), Action::Insert('?')),
            (key(KeyCode::Char('p'), ctrl), Action::Up),
            (key(KeyCode::Char('n'), ctrl), Action::Down),
            (key(KeyCode::Char('w'), ctrl), Action::DeleteWord),
            (key(KeyCode::Char('u'), ctrl), Action::ClearQuery),
            (key(KeyCode::Char('a'), ctrl), Action::CursorHome),
            (key(KeyCode::Char('e'), ctrl), Action::CursorEnd),
            (key(KeyCode::Up, KeyModifiers::SHIFT), Action::DetailUp),
            (key(KeyCode::Down, KeyModifiers::ALT), Action::DetailDown),
            (key(KeyCode::Tab, none), Action::NextCategory),
            (
                key(KeyCode::BackTab, KeyModifiers::SHIFT),
                Action::PrevCategory,
            ),
            (key(KeyCode::Esc, none), Action::Escape),
            (key(KeyCode::F(1), none), Action::ToggleHelp),
            (key(KeyCode::Char('x'), alt), Action::None),
            (Event::Paste("a\nb".into()), Action::Paste("a\nb".into())),
            (
                Event::Resize(10, 5),
                Action::Resize {
                    width: 10,
                    height: 5,
                },
            ),
        ];
        for (event, expected) in table {
            assert_eq!(action_for(&event), expected, "{event:?}");
        }
    }

    #[test]
    fn footer_and_help_come_from_the_bindings() {
        let hints = footer_hints(|w| w.replace("{esc}", "clear").replace("{help}", "?"));
        assert_eq!(hints[0], "↑↓ move");
        assert!(hints.contains(&"? help".to_string()));
        assert!(hints.contains(&"Esc clear".to_string()));
        assert!(hints.contains(&"^C quit".to_string()));
        assert_eq!(help_line_count(), BINDINGS.len() + 2);
        // Help fits 80 columns: key column, two spaces, description, borders.
        let keys = BINDINGS.iter().map(|b| width(b.keys)).max().unwrap();
        let does = BINDINGS.iter().map(|b| width(b.does)).max().unwrap();
        assert!(keys + 2 + does + 2 <= 78, "{keys} + {does}");
    }

    #[test]
    fn releases_are_ignored() {
        let release = Event::Key(KeyEvent {
            code: KeyCode::Char('a'),
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Release,
            state: KeyEventState::NONE,
        });
        assert_eq!(action_for(&release), Action::None);
    }

    #[test]
    fn mouse_events() {
        let click = Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 3,
            row: 4,
            modifiers: KeyModifiers::NONE,
        });
        assert_eq!(action_for(&click), Action::Click { column: 3, row: 4 });
    }
}

//! The key map: one table that both decodes keys into [`Action`]s and writes the help and the
//! footer, so they cannot drift apart. Only key presses count (not repeats' releases), so a key
//! acts once on terminals that report both.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};

use crate::tui::action::Action;

/// A key and the modifiers it needs (more may be held: Ctrl-Shift-C is still Ctrl-C).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::ALT,
    }
}

const fn alt_char(c: char) -> Key {
    alt(KeyCode::Char(c))
}

const fn with(code: KeyCode, modifiers: KeyModifiers) -> Key {
    Key { code, modifiers }
}

const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

impl Key {
    /// The key as the help writes it: `Ctrl-C`, `Alt-↑`, `Shift-PgUp`, `F1`.
    pub fn name(&self) -> String {
        let mut name = String::new();
        for (modifier, word) in [
            (CTRL, "Ctrl-"),
            (KeyModifiers::ALT, "Alt-"),
            (SHIFT, "Shift-"),
        ] {
            if self.modifiers.contains(modifier) {
                name.push_str(word);
            }
        }
        let code = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if !self.modifiers.is_empty() => c.to_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        name + &code
    }

    fn matches(&self, event: &KeyEvent) -> bool {
        self.code == event.code && event.modifiers.contains(self.modifiers)
    }
}

/// One line of the help: the keys with what each does, or (`label`) what is not a key (typing,
/// pasting, the mouse); what the line says; its word in the footer (`None`: help only). The footer's
/// words may name the current state: `{filter}` (the next one), `{enter}`, `{lang}`, `{esc}`,
/// `{help}` (the key that opens help now), `{full}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: &'static [(Key, Action)],
    pub label: Option<&'static str>,
    pub does: &'static str,
    /// (priority, words): the footer shows the lowest numbers first, as many as fit.
    pub footer: Option<(u8, &'static str)>,
}

impl Binding {
    /// The help's key column: the label, or the keys' names.
    pub fn keys_text(&self) -> String {
        match self.label {
            Some(label) => label.to_string(),
            None => self
                .keys
                .iter()
                .map(|(k, _)| k.name())
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

const fn keys(keys: &'static [(Key, Action)], does: &'static str) -> Binding {
    Binding {
        keys,
        label: None,
        does,
        footer: None,
    }
}

const fn shown(
    keys: &'static [(Key, Action)],
    does: &'static str,
    priority: u8,
    words: &'static str,
) -> Binding {
    Binding {
        keys,
        label: None,
        does,
        footer: Some((priority, words)),
    }
}

/// A help line for something that is not a key.
const fn note(label: &'static str, does: &'static str) -> Binding {
    Binding {
        keys: &[],
        label: Some(label),
        does,
        footer: None,
    }
}

use Action as A;
use KeyCode as K;

/// Every key the browser knows, in help order. Decoding takes the binding whose modifiers are the
/// most specific among those held (Alt-↑ before ↑), then the first in this order.
pub const BINDINGS: &[Binding] = &[
    note("type", "search: 0x4004, 16388, key, 中文, pinyin, English"),
    note(
        "@4.4.0  v:5.8.6",
        "in the query: only that SDK version's codes",
    ),
    shown(
        &[
            (key(K::Up), A::Up),
            (key(K::Down), A::Down),
            (ctrl('p'), A::Up),
            (ctrl('n'), A::Down),
        ],
        "move the selection",
        0,
        "↑↓ move",
    ),
    keys(
        &[
            (key(K::PageUp), A::PageUp),
            (key(K::PageDown), A::PageDown),
            (key(K::Home), A::First),
            (key(K::End), A::Last),
        ],
        "a page / the first / the last code",
    ),
    keys(
        &[
            (with(K::Up, SHIFT), A::DetailUp),
            (with(K::Down, SHIFT), A::DetailDown),
        ],
        "scroll the detail pane",
    ),
    keys(
        &[
            (with(K::PageUp, SHIFT), A::DetailPageUp),
            (with(K::PageDown, SHIFT), A::DetailPageDown),
        ],
        "a page of the detail pane",
    ),
    shown(
        &[(ctrl('f'), A::ToggleDetailFull)],
        "detail on the whole screen (PgUp PgDn scroll it)",
        5,
        "^F {full}",
    ),
    keys(
        &[
            (alt(K::Up), A::HistoryOlder),
            (alt(K::Down), A::HistoryNewer),
        ],
        "earlier queries (kept across runs)",
    ),
    keys(
        &[(alt_char('n'), A::NextLink), (alt_char('p'), A::PrevLink)],
        "next / previous linked code in the detail",
    ),
    shown(
        &[(key(K::Enter), A::Enter)],
        "follow the link in focus, else copy (pick: print)",
        1,
        "Enter {enter}",
    ),
    keys(
        &[(ctrl(' '), A::ToggleMark)],
        "pick: mark a code (Enter prints the marked)",
    ),
    keys(
        &[
            (key(K::Backspace), A::Backspace),
            (ctrl('h'), A::Backspace),
            (alt(K::Left), A::Back),
        ],
        "back from a followed link (empty query)",
    ),
    keys(
        &[(ctrl('y'), A::CopyAll)],
        "copy; after a paste: all it explains",
    ),
    keys(
        &[(ctrl('t'), A::CycleCopyFormat)],
        "copy format: text → markdown → json",
    ),
    shown(
        &[
            (key(K::Tab), A::NextCategory),
            (key(K::BackTab), A::PrevCategory),
        ],
        "filter: All → Web 4.x → SDK → Account …",
        2,
        "Tab → {filter}",
    ),
    keys(
        &[
            (alt_char('1'), A::ShowFamily(0)),
            (alt_char('2'), A::ShowFamily(1)),
            (alt_char('3'), A::ShowFamily(2)),
            (alt_char('4'), A::ShowFamily(3)),
        ],
        "filter: All / Web 4.x / Web 5.x / Native",
    ),
    shown(
        &[(ctrl('g'), A::CycleLang), (key(K::F(2)), A::CycleLang)],
        "language: 中文+English → 中文 → English",
        5,
        "^G {lang}",
    ),
    shown(
        &[(ctrl('o'), A::OpenDocs)],
        "open the code's doc page in the browser",
        6,
        "^O docs",
    ),
    keys(
        &[
            (key(K::Left), A::CursorLeft),
            (key(K::Right), A::CursorRight),
            (ctrl('a'), A::CursorHome),
            (ctrl('e'), A::CursorEnd),
        ],
        "cursor: a character / start / end",
    ),
    keys(
        &[
            (alt_char('b'), A::WordLeft),
            (alt_char('f'), A::WordRight),
            (with(K::Left, CTRL), A::WordLeft),
            (with(K::Right, CTRL), A::WordRight),
        ],
        "cursor: a word left / right",
    ),
    keys(
        &[
            (ctrl('w'), A::DeleteWord),
            (alt(K::Backspace), A::DeleteWord),
            (with(K::Backspace, CTRL), A::DeleteWord),
        ],
        "delete the word before the cursor",
    ),
    keys(
        &[
            (key(K::Delete), A::Delete),
            (ctrl('k'), A::KillToEnd),
            (ctrl('u'), A::ClearQuery),
        ],
        "delete a character / to the end / all",
    ),
    note("paste", "its codes, line by line; else it is the query"),
    keys(
        &[(ctrl('s'), A::TogglePasteOrder)],
        "after a paste: surest codes first / line order",
    ),
    note(
        "'word ^word word$ !word",
        "exact / prefix / suffix / exclude",
    ),
    note("mouse", "click a code, a tab or a link; wheel scrolls"),
    keys(&[(ctrl('l'), A::Redraw)], "redraw the screen"),
    keys(&[(ctrl('z'), A::Suspend)], "suspend (fg comes back)"),
    shown(
        &[(key(K::Esc), A::Escape)],
        "step back: close, leave a paste, clear the query",
        4,
        "Esc {esc}",
    ),
    shown(
        &[(ctrl('c'), A::Quit), (ctrl('d'), A::QuitOrDelete)],
        "quit (Ctrl-D: on an empty query)",
        4,
        "^C quit",
    ),
    shown(
        &[(key(K::F(1)), A::ToggleHelp)],
        "this help (also ? on an empty query)",
        3,
        "{help} help",
    ),
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

/// [`action_for`] for an event the caller gives up: a paste's text moves into the action. A
/// 50 MB paste already takes crossterm's buffer and its string; a third copy aborted under
/// `ulimit -v 200000`.
pub fn into_action(event: Event) -> Action {
    match event {
        Event::Paste(text) => Action::Paste(text),
        other => action_for(&other),
    }
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

/// The bound action whose key matches with the most modifiers; else a typed character.
pub fn key_action(event: &KeyEvent) -> Action {
    let bound = BINDINGS
        .iter()
        .flat_map(|b| b.keys.iter())
        .filter(|(key, _)| key.matches(event))
        .fold(None::<&(Key, Action)>, |best, candidate| match best {
            Some(best)
                if best.0.modifiers.bits().count_ones()
                    >= candidate.0.modifiers.bits().count_ones() =>
            {
                Some(best)
            }
            _ => Some(candidate),
        });
    if let Some((_, action)) = bound {
        return action.clone();
    }
    let held = event.modifiers;
    match event.code {
        KeyCode::Char(_) if held.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
            Action::None
        }
        // `?` opens the help on an empty query; the app decides.
        KeyCode::Char(c) => Action::Insert(c),
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
            (
                key(KeyCode::PageUp, KeyModifiers::SHIFT),
                Action::DetailPageUp,
            ),
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
            (key(KeyCode::Down, KeyModifiers::SHIFT), Action::DetailDown),
            (key(KeyCode::Up, KeyModifiers::ALT), Action::HistoryOlder),
            (key(KeyCode::Down, KeyModifiers::ALT), Action::HistoryNewer),
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
        let keys = BINDINGS
            .iter()
            .map(|b| width(&b.keys_text()))
            .max()
            .unwrap();
        let does = BINDINGS.iter().map(|b| width(b.does)).max().unwrap();
        assert!(keys + 2 + does + 2 <= 78, "{keys} + {does}");
    }

    #[test]
    fn every_key_in_the_table_does_what_its_help_line_says() {
        for binding in BINDINGS {
            for (bound, action) in binding.keys {
                let event = Event::Key(KeyEvent {
                    code: bound.code,
                    modifiers: bound.modifiers,
                    kind: KeyEventKind::Press,
                    state: KeyEventState::NONE,
                });
                assert_eq!(&action_for(&event), action, "{}", bound.name());
            }
        }
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

    /// A paste's text moves into its action: the same buffer, not a copy of tens of megabytes.
    #[test]
    fn a_paste_moves_into_its_action() {
        let text = "code: 16388\n".repeat(1000);
        let at = text.as_ptr();
        let Action::Paste(moved) = into_action(Event::Paste(text)) else {
            panic!("a paste is a paste action");
        };
        assert_eq!(moved.as_ptr(), at);
        assert_eq!(into_action(Event::FocusGained), Action::None);
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

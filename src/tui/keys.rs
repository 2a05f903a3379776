//! Terminal events → [`Action`]s. Only key presses count (not repeats' releases), so a key acts
//! once on terminals that report both.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};

use crate::tui::app::Action;

/// Every key binding, for the footer and the help overlay. One list, so they never disagree.
pub const BINDINGS: &[(&str, &str)] = &[
    (
        "type",
        "search: code (0x4004, 16388), key, 中文, pinyin, English",
    ),
    ("↑ ↓  Ctrl-P Ctrl-N", "move the selection"),
    ("PgUp PgDn", "move a page"),
    ("Shift-↑ ↓  Alt-↑ ↓", "scroll the detail pane"),
    ("Tab  Shift-Tab", "category: All → SDK → Account"),
    ("Enter  Ctrl-Y", "copy the explanation"),
    ("Ctrl-T", "copy format: text → markdown → json"),
    ("Ctrl-L", "language: 中文+English → 中文 → English"),
    ("← →  Ctrl-A Ctrl-E", "move the cursor"),
    ("Ctrl-W  Ctrl-U", "delete a word / clear the query"),
    ("paste a log", "list every code found in it"),
    (
        "'word ^word word$ !word",
        "exact / prefix / suffix / exclude",
    ),
    ("mouse", "click selects, wheel scrolls"),
    ("Esc", "clear the query; quit when empty"),
    ("Ctrl-C", "quit"),
    ("F1", "this help (any key closes it)"),
];

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
        KeyCode::Char('p') if ctrl => Action::Up,
        KeyCode::Char('n') if ctrl => Action::Down,
        KeyCode::Char('a') if ctrl => Action::CursorHome,
        KeyCode::Char('e') if ctrl => Action::CursorEnd,
        KeyCode::Char('w') if ctrl => Action::DeleteWord,
        KeyCode::Char('u') if ctrl => Action::ClearQuery,
        KeyCode::Char('y') if ctrl => Action::Copy,
        KeyCode::Char('t') if ctrl => Action::CycleCopyFormat,
        KeyCode::Char('l') if ctrl => Action::CycleLang,
        KeyCode::Char('h') if ctrl => Action::Backspace,
        KeyCode::Char(_) if ctrl || alt => Action::None,
        KeyCode::Char(c) => Action::Insert(c),
        KeyCode::Up if shift || alt => Action::DetailUp,
        KeyCode::Down if shift || alt => Action::DetailDown,
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Left => Action::CursorLeft,
        KeyCode::Right => Action::CursorRight,
        KeyCode::Home => Action::CursorHome,
        KeyCode::End => Action::CursorEnd,
        KeyCode::Backspace => Action::Backspace,
        KeyCode::Delete => Action::Delete,
        KeyCode::Tab => Action::NextCategory,
        KeyCode::BackTab => Action::PrevCategory,
        KeyCode::Enter => Action::Copy,
        KeyCode::Esc => Action::Escape,
        KeyCode::F(1) => Action::ToggleHelp,
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
        let table = [
            (key(KeyCode::Char('j'), none), Action::Insert('j')),
            (
                key(KeyCode::Char('J'), KeyModifiers::SHIFT),
                Action::Insert('J'),
            ),
            (key(KeyCode::Char('过'), none), Action::Insert('过')),
            (key(KeyCode::Char('c'), ctrl), Action::Quit),
            (key(KeyCode::Char('y'), ctrl), Action::Copy),
            (key(KeyCode::Enter, none), Action::Copy),
            (key(KeyCode::Char('t'), ctrl), Action::CycleCopyFormat),
            (key(KeyCode::Char('l'), ctrl), Action::CycleLang),
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
            (key(KeyCode::Char('x'), KeyModifiers::ALT), Action::None),
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

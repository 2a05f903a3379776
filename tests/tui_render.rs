//! Rendered screens: the real view drawn into ratatui's TestBackend and compared with insta
//! snapshots, plus state-machine tables of (state, action) → new state.

use std::sync::Arc;

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use trtc_errors::catalog::{Catalog, Category, Family};
use trtc_errors::explanation::Lang;
use trtc_errors::render::Format;
use trtc_errors::search::Engine;
use trtc_errors::tui::app::{Action, App, Effect, Filter};
use trtc_errors::tui::ui;

fn app(width: u16, height: u16) -> App {
    let catalog = Catalog::builtin().unwrap();
    let mut app = App::new(
        Arc::new(Engine::new(catalog)),
        Format::Text,
        Lang::Both,
        false,
    );
    app.update(Action::Resize { width, height });
    app
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Insert(c));
    }
}

fn render(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    terminal.draw(|f| ui::draw(f, app)).unwrap();
    terminal
}

fn selected_display(app: &App) -> String {
    app.catalog().entries()[app.selected_hit().unwrap().index]
        .display
        .clone()
}

#[test]
fn wide_layout_with_a_chinese_query() {
    let mut app = app(100, 30);
    type_text(&mut app, "过期");
    insta::assert_snapshot!("wide_chinese_query", render(&app).backend());
}

#[test]
fn wide_layout_start_screen() {
    let app = app(100, 30);
    insta::assert_snapshot!("wide_start", render(&app).backend());
}

#[test]
fn narrow_layout_with_a_code() {
    let mut app = app(50, 15);
    type_text(&mut app, "16388");
    insta::assert_snapshot!("narrow_16388", render(&app).backend());
}

#[test]
fn chinese_text_at_widths_that_split_a_wide_character() {
    for width in [41, 42, 43] {
        let mut app = app(width, 14);
        type_text(&mut app, "70002");
        insta::assert_snapshot!(format!("split_wide_{width}"), render(&app).backend());
    }
}

#[test]
fn help_overlay_over_chinese_text() {
    let mut app = app(100, 30);
    type_text(&mut app, "userSig");
    app.update(Action::ToggleHelp);
    let terminal = render(&app);
    insta::assert_snapshot!("help_over_chinese", terminal.backend());
    // The overlay's left border survives: every row of the popup starts with a border cell.
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> = (0..30)
        .map(|y| {
            (0..100)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        })
        .collect();
    let border_rows = rows
        .iter()
        .filter(|r| r.contains("│type") || r.contains("│Esc"))
        .count();
    assert_eq!(border_rows, 2);
}

#[test]
fn too_small_message() {
    let app = app(20, 5);
    insta::assert_snapshot!("too_small", render(&app).backend());
}

#[test]
fn every_size_renders_without_panic() {
    let mut app = app(80, 24);
    type_text(&mut app, "过期");
    for width in 1..=120 {
        for height in 1..=40 {
            app.update(Action::Resize { width, height });
            let _ = render(&app);
        }
    }
    app.update(Action::ToggleHelp);
    for (width, height) in [(1, 1), (2, 2), (30, 8), (31, 9), (45, 12), (120, 40)] {
        app.update(Action::Resize { width, height });
        let _ = render(&app);
    }
}

#[test]
fn no_color_keeps_selection_and_highlights_visible() {
    let mut app = app(100, 30);
    type_text(&mut app, "join");
    let terminal = render(&app);
    let buffer = terminal.backend().buffer();
    let row: Vec<_> = (0..60).map(|x| &buffer[(x, 2)]).collect();
    assert!(row
        .iter()
        .any(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED)));
    assert!(row
        .iter()
        .any(|c| c.modifier.contains(ratatui::style::Modifier::BOLD)));
    assert!(row.iter().all(|c| c.fg == ratatui::style::Color::Reset));
}

// ---- state tables --------------------------------------------------------------------------------

#[test]
fn typing_and_cursor_over_chinese_text() {
    let mut app = app(100, 30);
    type_text(&mut app, "过期x");
    assert_eq!((app.cursor, app.cursor_column()), (3, 5));
    let table: &[(Action, &str, usize, usize)] = &[
        (Action::CursorLeft, "过期x", 2, 4),
        (Action::CursorLeft, "过期x", 1, 2),
        (Action::Backspace, "期x", 0, 0),
        (Action::Insert('过'), "过期x", 1, 2),
        (Action::CursorEnd, "过期x", 3, 5),
        (Action::Delete, "过期x", 3, 5),
        (Action::CursorHome, "过期x", 0, 0),
        (Action::Delete, "期x", 0, 0),
        (Action::CursorRight, "期x", 1, 2),
        (Action::CursorRight, "期x", 2, 3),
        (Action::CursorRight, "期x", 2, 3),
        (Action::Insert(' '), "期x ", 3, 4),
        (Action::Insert('y'), "期x y", 4, 5),
        (Action::DeleteWord, "期x ", 3, 4),
        (Action::DeleteWord, "", 0, 0),
        (Action::Paste("guo\tqi".into()), "guo qi", 6, 6),
        (Action::ClearQuery, "", 0, 0),
    ];
    for (action, query, cursor, column) in table {
        app.update(action.clone());
        assert_eq!(
            (app.query.as_str(), app.cursor, app.cursor_column()),
            (*query, *cursor, *column),
            "after {action:?}"
        );
    }
}

#[test]
fn selection_stays_on_the_same_entry_while_it_matches() {
    let mut app = app(100, 30);
    type_text(&mut app, "fail");
    while selected_display(&app) != "0x4004" {
        app.update(Action::Down);
    }
    type_text(&mut app, "ed");
    assert_eq!(selected_display(&app), "0x4004");
    app.update(Action::ClearQuery);
    assert_eq!(
        selected_display(&app),
        "0x4004",
        "still listed with the empty query"
    );
    type_text(&mut app, "过期");
    assert_eq!(
        selected_display(&app),
        "70001",
        "0x4004 no longer matches: first hit"
    );
}

fn web4(category: Option<Category>) -> Filter {
    Filter {
        family: Some(Family::Web4),
        category,
    }
}

#[test]
fn category_cycle_and_escape() {
    let mut app = app(100, 30);
    let table = [
        (Action::NextCategory, web4(None), 91),
        (Action::NextCategory, web4(Some(Category::Sdk)), 29),
        (Action::NextCategory, web4(Some(Category::Account)), 62),
        (Action::PrevCategory, web4(Some(Category::Sdk)), 29),
        (Action::PrevCategory, web4(None), 91),
    ];
    for (action, filter, hits) in table {
        app.update(action.clone());
        assert_eq!(
            (app.filter, app.hits.len()),
            (filter, hits),
            "after {action:?}"
        );
    }
    type_text(&mut app, "x");
    app.update(Action::Escape);
    assert!(app.query.is_empty() && !app.should_quit);
    app.update(Action::Escape);
    assert!(app.should_quit);
}

#[test]
fn movement_is_bounded() {
    let mut app = app(100, 30);
    app.update(Action::Up);
    assert_eq!(app.selected, 0);
    app.update(Action::PageDown);
    assert_eq!(app.selected, app.layout().list_rows());
    for _ in 0..20 {
        app.update(Action::PageDown);
    }
    assert_eq!(app.selected, app.hits.len() - 1);
    assert!(app.list_offset + app.layout().list_rows() > app.selected);
    app.update(Action::PageUp);
    assert!(app.selected < app.hits.len() - 1);
    for _ in 0..50 {
        app.update(Action::DetailDown);
    }
    assert_eq!(app.detail_scroll, app.max_detail_scroll());
}

#[test]
fn copy_uses_the_cli_formatter_in_the_current_format_and_language() {
    let mut app = app(100, 30);
    type_text(&mut app, "16388");
    let Some(Effect::Copy { text, label }) = app.update(Action::Copy) else {
        panic!("no copy effect")
    };
    let catalog = Catalog::builtin().unwrap();
    let entry = catalog.find_display("0x4004").unwrap();
    assert_eq!(
        text,
        trtc_errors::render::explain(entry, &catalog, Format::Text, Lang::Both)
    );
    assert_eq!(label, "web4:0x4004 JOIN_ROOM_FAILED (text)");
    app.update(Action::CycleCopyFormat);
    app.update(Action::CycleLang);
    let Some(Effect::Copy { text, .. }) = app.update(Action::Copy) else {
        panic!("no copy effect")
    };
    assert_eq!(
        text,
        trtc_errors::render::explain(entry, &catalog, Format::Markdown, Lang::Zh)
    );
    app.copied("0x4004", Ok("OSC 52"));
    assert_eq!(app.status.as_deref(), Some("Copied 0x4004 via OSC 52"));
}

#[test]
fn pasted_log_lists_the_codes_found() {
    let mut app = app(100, 30);
    app.update(Action::Paste(
        "RtcError code: 16388\nfoo 1700000001234\nERR 70001\n".into(),
    ));
    let shown: Vec<String> = app
        .hits
        .iter()
        .map(|h| app.catalog().entries()[h.index].display.clone())
        .collect();
    assert_eq!(shown, vec!["0x4004", "70001"]);
    assert!(app
        .status
        .as_deref()
        .unwrap_or("")
        .contains("Found 2 codes in the 3 pasted lines"));
    insta::assert_snapshot!("pasted_log", render(&app).backend());
    app.update(Action::Escape);
    assert_eq!(app.hits.len(), app.catalog().len());
    // Terminals send pasted line breaks as CR.
    app.update(Action::Paste("code: 16388\rERR 70001\r".into()));
    assert_eq!(app.hits.len(), 2);
    assert!(app
        .status
        .as_deref()
        .unwrap_or("")
        .contains("Found 2 codes in the 2 pasted lines"));
}

#[test]
fn mouse_click_and_wheel() {
    let mut app = app(100, 30);
    app.update(Action::Click { column: 10, row: 5 });
    assert_eq!(app.selected, 3);
    app.update(Action::ScrollDown { column: 10, row: 5 });
    assert_eq!(app.selected, 6);
    app.update(Action::ScrollDown { column: 80, row: 5 });
    assert_eq!(
        app.selected, 6,
        "wheel over the detail pane scrolls the pane, not the list"
    );
    app.update(Action::Click {
        column: 10,
        row: 29,
    });
    assert_eq!(app.selected, 6, "a click outside the list changes nothing");
}

#[test]
fn help_closes_on_any_key() {
    let mut app = app(100, 30);
    app.update(Action::ToggleHelp);
    assert!(app.help_open);
    app.update(Action::Insert('x'));
    assert!(!app.help_open);
    assert!(
        app.query.is_empty(),
        "the key that closes help is not typed"
    );
}

//! Rendered screens: the real view drawn into ratatui's TestBackend and compared with insta
//! snapshots, plus state-machine tables of (state, action) → new state.

use std::sync::Arc;

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use trtc_errors::catalog::{Catalog, Category, Family};
use trtc_errors::explanation::{Lang, View};
use trtc_errors::render::Format;
use trtc_errors::search::Engine;
use trtc_errors::tui::app::{Action, App, Effect, Filter, Source};
use trtc_errors::tui::layout::filter_tabs;
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
    app.catalog().entries()[app.selected_hit().unwrap().index].display()
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
        .filter(|r| r.contains("│type") || r.contains("│@4.4.0"))
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
    assert_eq!((app.query_line.input.cursor(), app.cursor_column()), (3, 5));
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
            (
                app.query(),
                app.query_line.input.cursor(),
                app.cursor_column()
            ),
            (*query, *cursor, *column),
            "after {action:?}"
        );
    }
}

#[test]
fn selection_stays_on_the_same_entry_while_it_matches() {
    let mut app = app(100, 30);
    type_text(&mut app, "fail");
    assert_eq!(
        app.results.selected, 0,
        "typing into an empty query starts at the best hit"
    );
    for _ in 0..app.results.hits.len() {
        if selected_display(&app) == "0x4004" {
            break;
        }
        app.update(Action::Down);
    }
    assert_eq!(selected_display(&app), "0x4004");
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
        // The 4.x tab: its 91 rows and the 65 server codes 4.x carries.
        (Action::NextCategory, web4(None), 156),
        (Action::NextCategory, web4(Some(Category::Sdk)), 29),
        (Action::NextCategory, web4(Some(Category::Account)), 62),
        (Action::PrevCategory, web4(Some(Category::Sdk)), 29),
        (Action::PrevCategory, web4(None), 156),
    ];
    for (action, filter, hits) in table {
        app.update(action.clone());
        assert_eq!(
            (app.query_line.filter, app.results.hits.len()),
            (filter, hits),
            "after {action:?}"
        );
    }
    type_text(&mut app, "x");
    app.update(Action::Escape);
    assert!(app.query().is_empty() && !app.should_quit);
    // Esc only steps back: pressed again and again on an empty query it never quits.
    for _ in 0..5 {
        app.update(Action::Escape);
        assert!(!app.should_quit);
    }
    assert!(app.status.as_deref().unwrap().contains("Ctrl-C"));
    // Ctrl-D deletes while there is a query, and quits on an empty one.
    type_text(&mut app, "ab");
    app.update(Action::CursorHome);
    app.update(Action::QuitOrDelete);
    assert_eq!((app.query(), app.should_quit), ("b", false));
    app.update(Action::ClearQuery);
    app.update(Action::QuitOrDelete);
    assert!(app.should_quit);
}

#[test]
fn esc_steps_back_from_a_paste_then_clears_then_stays() {
    let mut app = app(100, 30);
    type_text(&mut app, "join");
    app.update(Action::Paste(
        "RtcError code: 16388\nERR code 70001\n".into(),
    ));
    assert!(matches!(app.query_line.source, Source::Pasted { .. }));
    assert_eq!(app.escape_does(), Some("back"));
    app.update(Action::Escape);
    assert!(matches!(app.query_line.source, Source::Query));
    app.update(Action::Escape);
    assert_eq!(app.escape_does(), None);
    app.update(Action::Escape);
    assert!(!app.should_quit);
    // Ctrl-D does not end a paste view either.
    app.update(Action::Paste("RtcError code: 16388\nx\n".into()));
    app.update(Action::QuitOrDelete);
    assert!(!app.should_quit);
}

#[test]
fn movement_is_bounded() {
    let mut app = app(100, 30);
    app.update(Action::Up);
    assert_eq!(app.results.selected, 0);
    app.update(Action::PageDown);
    assert_eq!(app.results.selected, app.layout().list_rows());
    for _ in 0..20 {
        app.update(Action::PageDown);
    }
    assert_eq!(app.results.selected, app.results.hits.len() - 1);
    assert!(app.results.list_offset + app.layout().list_rows() > app.results.selected);
    app.update(Action::PageUp);
    assert!(app.results.selected < app.results.hits.len() - 1);
    for _ in 0..50 {
        app.update(Action::DetailDown);
    }
    assert_eq!(app.detail().scroll(), app.max_detail_scroll());
}

#[test]
fn copy_uses_the_cli_formatter_in_the_current_format_and_language() {
    let mut app = app(100, 30);
    type_text(&mut app, "16388");
    let Some(Effect::Copy { text, label }) = app.update(Action::Copy).pop() else {
        panic!("no copy effect")
    };
    let catalog = Catalog::builtin().unwrap();
    let entry = catalog.find_display("0x4004").unwrap();
    assert_eq!(
        text,
        trtc_errors::render::explain(entry, &catalog, Format::Text, &View::new(Lang::Both, None))
    );
    assert_eq!(label, "web4:0x4004 JOIN_ROOM_FAILED (text)");
    app.update(Action::CycleCopyFormat);
    app.update(Action::CycleLang);
    let Some(Effect::Copy { text, .. }) = app.update(Action::Copy).pop() else {
        panic!("no copy effect")
    };
    assert_eq!(
        text,
        trtc_errors::render::explain(
            entry,
            &catalog,
            Format::Markdown,
            &View::new(Lang::Zh, None)
        )
    );
    app.copied("0x4004", Ok("OSC 52"));
    assert_eq!(app.status.as_deref(), Some("Copied 0x4004 via OSC 52"));
}

/// A code the log names on several lines is listed once, with how often and its first and last
/// line (the scanner's counts, as `explain --summary` prints them); the detail pane says it too.
#[test]
fn pasted_log_counts_a_repeated_code() {
    let mut app = app(100, 30);
    app.update(Action::Paste(
        "12:00:01 RtcError code: 16388\n\
         12:00:02 heartbeat ok\n\
         12:00:03 ERR 70001\n\
         12:00:04 RtcError code: 16388\n\
         12:00:05 heartbeat ok\n\
         12:00:06 retry\n\
         12:00:07 RtcError code: 16388\n"
            .into(),
    ));
    let Source::Pasted { mentions, .. } = &app.query_line.source else {
        panic!("no mention view: {:?}", app.status);
    };
    let seen: Vec<(usize, usize, usize)> = mentions
        .iter()
        .map(|m| (m.seen.count, m.seen.first_line, m.seen.last_line))
        .collect();
    assert_eq!(seen, vec![(3, 1, 7), (1, 3, 3)]);
    let screen = render(&app).backend().to_string();
    assert!(screen.contains("L1–7 ×3"), "{screen}");
    assert!(screen.contains("seen 3 times, last on line 7"), "{screen}");
    insta::assert_snapshot!("pasted_log_counts", render(&app).backend());
}

#[test]
fn pasted_log_lists_the_codes_found() {
    let mut app = app(100, 30);
    app.update(Action::Paste(
        "RtcError code: 16388\nfoo 1700000001234\nERR 70001\n".into(),
    ));
    let shown: Vec<String> = app
        .results
        .hits
        .iter()
        .map(|h| app.catalog().entries()[h.index].display())
        .collect();
    assert_eq!(shown, vec!["0x4004", "70001"]);
    assert!(app
        .status
        .as_deref()
        .unwrap_or("")
        .contains("Found 2 codes in the 3 pasted lines"));
    insta::assert_snapshot!("pasted_log", render(&app).backend());
    app.update(Action::Escape);
    assert_eq!(app.results.hits.len(), app.catalog().len());
    // Terminals send pasted line breaks as CR.
    app.update(Action::Paste("code: 16388\rERR 70001\r".into()));
    assert_eq!(app.results.hits.len(), 2);
    assert!(app
        .status
        .as_deref()
        .unwrap_or("")
        .contains("Found 2 codes in the 2 pasted lines"));
}

fn shown_displays(app: &App) -> Vec<String> {
    app.results
        .hits
        .iter()
        .map(|h| app.catalog().entries()[h.index].display())
        .collect()
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

const SIZES: [(u16, u16); 4] = [(160, 45), (100, 30), (80, 24), (50, 15)];

#[test]
fn four_sizes_with_a_long_key() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        type_text(&mut app, "0x4001");
        let terminal = render(&app);
        insta::assert_snapshot!(format!("size_{w}x{h}_0x4001"), terminal.backend());
        if w >= 80 {
            assert!(
                // The whole key in the detail's headline (the newer spelling, an alias, is now
                // further down: what the code means and what to do come first).
                screen_text(&terminal).contains("(16385)  SIGNAL_CAHNNEL_SETUP_FAILED"),
                "{w}x{h}: the key is cut:\n{}",
                screen_text(&terminal)
            );
        }
    }
}

#[test]
fn four_sizes_start_screen_and_help() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        insta::assert_snapshot!(format!("size_{w}x{h}_start"), render(&app).backend());
        app.update(Action::Insert('?'));
        assert!(app.help().is_open());
        insta::assert_snapshot!(format!("size_{w}x{h}_help"), render(&app).backend());
    }
}

/// Ends of wrapped lines in the detail pane never cut a word that would fit on a line of its own.
#[test]
fn no_word_is_cut_in_the_detail_pane() {
    for (w, h) in [(80, 24), (160, 45), (100, 30)] {
        let mut app = app(w, h);
        let columns = usize::from(app.layout().detail_inner().width);
        for _ in 0..app.results.hits.len() {
            let e = app.detail().model().explanation.clone().unwrap();
            let full: String = std::iter::once(e.headline())
                .chain(e.fields.iter().map(|f| f.value.joined()))
                .collect::<Vec<_>>()
                .join("\n");
            let lines: Vec<String> = app
                .detail()
                .model()
                .lines
                .iter()
                .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
                .collect();
            for pair in lines.windows(2) {
                let (a, b) = (pair[0].trim_end(), pair[1].trim_start());
                // The whole run without spaces: a URL cut at a `_` is still one word.
                let word = |c: char| c.is_ascii_graphic();
                let tail: String = a.chars().rev().take_while(|&c| word(c)).collect();
                let head: String = b.chars().take_while(|&c| word(c)).collect();
                let indent = pair[1].len() - pair[1].trim_start().len();
                let tail: String = tail.chars().rev().collect();
                let cut = format!("{tail}{head}");
                // A break at a space the text has here is no cut, though the joined run may
                // occur elsewhere (`SUSPENDED = -100013` here, `ACCOUNT_NO_MONEY=-100013` there).
                if full.contains(&format!("{tail} {head}")) {
                    continue;
                }
                if let Some(at) = full
                    .find(&cut)
                    .filter(|_| !tail.is_empty() && !head.is_empty())
                {
                    // The whole word the cut falls in (a URL may span several lines).
                    let start = full[..at]
                        .rfind(|c: char| !word(c))
                        .map_or(0, |i| i + full[i..].chars().next().unwrap().len_utf8());
                    let end = full[at..]
                        .find(|c: char| !word(c))
                        .map_or(full.len(), |i| at + i);
                    let whole = &full[start..end];
                    assert!(
                        whole.len() > columns - indent,
                        "{w}x{h} {}: {a:?} / {b:?}",
                        selected_display(&app)
                    );
                }
            }
            app.update(Action::Down);
        }
    }
}

#[test]
fn query_line_keys() {
    let mut app = app(100, 30);
    type_text(&mut app, "join room failed");
    let table: &[(Action, &str, usize)] = &[
        (Action::WordLeft, "join room failed", 10),
        (Action::WordLeft, "join room failed", 5),
        (Action::WordRight, "join room failed", 9),
        (Action::KillToEnd, "join room", 9),
        (Action::CursorHome, "join room", 0),
        (Action::WordRight, "join room", 4),
        (Action::DeleteWord, " room", 0),
        (Action::CursorEnd, " room", 5),
        (Action::Insert('?'), " room?", 6),
    ];
    for (action, query, cursor) in table {
        app.update(action.clone());
        assert_eq!(
            (app.query(), app.query_line.input.cursor()),
            (*query, *cursor),
            "after {action:?}"
        );
        assert!(!app.help().is_open(), "? in a query is typed");
    }
    app.update(Action::ClearQuery);
    app.update(Action::Insert('?'));
    assert!(
        app.help().is_open() && app.query().is_empty(),
        "? on an empty query is help"
    );
    // Arrows scroll the help; another key closes it without being typed.
    let max = app.max_help_scroll();
    for _ in 0..100 {
        app.update(Action::Down);
    }
    assert_eq!(app.help().scroll(), max);
    app.update(Action::Insert('x'));
    assert!(!app.help().is_open() && app.query().is_empty());
}

#[test]
fn home_and_end_move_in_the_list() {
    let mut app = app(100, 30);
    app.update(Action::Last);
    assert_eq!(app.results.selected, app.results.hits.len() - 1);
    assert!(app.results.list_offset + app.layout().list_rows() > app.results.selected);
    app.update(Action::First);
    assert_eq!((app.results.selected, app.results.list_offset), (0, 0));
}

#[test]
fn decimal_prefixes_narrow_as_typed() {
    let mut app = app(100, 30);
    let table: &[(&str, &[&str], &str)] = &[
        ("16", &["0x4001", "0x4004"], ""),
        ("3", &["0x4001", "0x4004", "0x4005"], ""),
        ("8", &["0x4001", "0x4004", "0x4005"], ""),
        ("8", &["0x4004"], "0x4004"),
    ];
    for (typed, contains, first) in table {
        type_text(&mut app, typed);
        let shown = shown_displays(&app);
        for code in *contains {
            assert!(
                shown.contains(&code.to_string()),
                "{} → {shown:?}",
                app.query()
            );
        }
        if !first.is_empty() {
            assert_eq!(shown[0], *first, "{}", app.query());
        }
    }
    assert!(!shown_displays(&app).contains(&"0x4010".to_string()));
}

#[test]
fn jump_to_a_linked_code_and_back() {
    let mut app = app(100, 30);
    type_text(&mut app, "0x4004");
    assert_eq!(selected_display(&app), "0x4004");
    assert!(
        !app.detail().model().links.is_empty(),
        "0x4004 links to related codes"
    );
    app.update(Action::NextLink);
    let target = app.detail().model().links[0].target;
    assert_eq!(app.detail().focused_link(), Some(0));
    app.update(Action::Enter);
    assert_eq!(app.selected_hit().unwrap().index, target);
    assert_eq!(app.history.len(), 1);
    let second = selected_display(&app);
    // A second hop, by clicking a link in the detail pane (focusing it scrolls it into view).
    app.update(Action::NextLink);
    let link = app.detail().model().links[0].clone();
    let inner = app.layout().detail_inner();
    let segment = link.segments[0];
    let row = segment.line - app.detail().scroll();
    assert!(row < usize::from(inner.height), "link on screen");
    app.update(Action::Click {
        column: inner.x + segment.start as u16,
        row: inner.y + row as u16,
    });
    assert_eq!(app.selected_hit().unwrap().index, link.target);
    assert_eq!(app.history.len(), 2);
    // Back twice: Backspace while the query is as the jump left it, then Alt-←.
    app.update(Action::Backspace);
    assert_eq!(selected_display(&app), second);
    app.update(Action::Back);
    assert_eq!(selected_display(&app), "0x4004");
    assert_eq!(app.query(), "0x4004");
    assert!(app.history.is_empty());
    // With nothing to go back to, Backspace edits again.
    app.update(Action::Backspace);
    assert_eq!(app.query(), "0x400");
}

#[test]
fn status_messages_do_not_outlive_their_screen() {
    type Step = fn(&mut App);
    let setups: &[(&str, Step)] = &[
        ("language", |a| drop(a.update(Action::CycleLang))),
        ("paste", |a| {
            drop(a.update(Action::Paste("nothing\nhere\n".into())))
        }),
        ("filter", |a| drop(a.update(Action::NextCategory))),
    ];
    let stalers: &[(&str, Action)] = &[
        ("typing", Action::Insert('j')),
        ("Ctrl-U", Action::ClearQuery),
        ("Esc", Action::Escape),
        (
            "resize",
            Action::Resize {
                width: 90,
                height: 28,
            },
        ),
        ("backspace", Action::Backspace),
        ("Ctrl-K", Action::KillToEnd),
    ];
    for (what, setup) in setups {
        for (by, action) in stalers {
            let mut app = app(100, 30);
            type_text(&mut app, "x");
            setup(&mut app);
            assert!(app.status.is_some(), "{what} says something");
            app.update(action.clone());
            assert_eq!(app.status, None, "{what} message after {by}");
        }
    }
    // Moving does not make a message stale.
    let mut app = app(100, 30);
    app.update(Action::CycleLang);
    app.update(Action::Down);
    assert!(app.status.is_some());
}

#[test]
fn too_small_says_how_to_quit() {
    let mut app = app(20, 5);
    let text = screen_text(&render(&app));
    assert!(
        text.contains("Ctrl-C quits") && !text.contains("Esc"),
        "{text}"
    );
    type_text(&mut app, "x");
    assert!(screen_text(&render(&app)).contains("Ctrl-C quits"));
}

#[test]
fn one_line_paste_is_scanned_for_codes() {
    let mut app = app(100, 30);
    app.update(Action::Paste(
        "RtcError: join room failed code: 16388".into(),
    ));
    assert!(matches!(
        app.query_line.source,
        Source::Pasted { lines: 1, .. }
    ));
    assert_eq!(shown_displays(&app)[0], "0x4004");
    // A line without a code becomes the query, as typed.
    app.update(Action::Escape);
    app.update(Action::Paste("join room".into()));
    assert!(matches!(app.query_line.source, Source::Query));
    assert_eq!(app.query(), "join room");
}

#[test]
fn crlf_lines_count_once_and_ctrl_y_copies_what_explain_prints() {
    let mut app = app(100, 30);
    let log = "RtcError code: 16388\r\nnothing here\r\nERR code 70001\r\n";
    app.update(Action::Paste(log.into()));
    let Source::Pasted {
        mentions,
        unknown,
        lines,
    } = app.query_line.source.clone()
    else {
        panic!("no mention view");
    };
    assert_eq!(lines, 3);
    assert!(app
        .status
        .as_deref()
        .unwrap()
        .contains("the 3 pasted lines"));
    let Some(Effect::Copy { text, label }) = app.update(Action::CopyAll).pop() else {
        panic!("no copy");
    };
    let catalog = Catalog::builtin().unwrap();
    assert_eq!(
        text,
        trtc_errors::mentions::render(
            &mentions,
            &unknown,
            &catalog,
            Format::Text,
            Lang::Both,
            false
        )
    );
    assert!(label.contains("2 codes in 3 pasted lines"), "{label}");
}

/// A code the catalog lacks (rule 8) has no row: the paste view names it above the list, the
/// status counts it, and Ctrl-Y copies what `explain` prints for it.
#[test]
fn a_pasted_code_the_catalog_lacks_is_named_not_explained() {
    let mut app = app(100, 30);
    let log = "OnError [code:-1301|msg:Video: Start camera failed.]\n\
               [signal_manager.cc:457][local-trtc]Signal: ErrorCode: -100038, Reason: x\n";
    app.update(Action::Paste(log.into()));
    let Source::Pasted { unknown, .. } = app.query_line.source.clone() else {
        panic!("no mention view: {:?}", app.status);
    };
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].code, -100038);
    assert_eq!(shown_displays(&app), ["-1301"]);
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .contains("(and 1 not in the catalog)"),
        "{:?}",
        app.status
    );
    let screen = render(&app).backend().to_string();
    assert!(
        screen.contains("not in the catalog: -100038 (L2)"),
        "{screen}"
    );
    insta::assert_snapshot!("pasted_not_in_catalog", render(&app).backend());
    let Some(Effect::Copy { text, label }) = app.update(Action::CopyAll).pop() else {
        panic!("no copy");
    };
    assert!(text.contains("-100038 — not in the catalog"), "{text}");
    assert!(label.contains("2 codes in 2 pasted lines"), "{label}");
    // Alone, it still opens the paste view, and the empty list says why.
    app.update(Action::Escape);
    app.update(Action::Paste(
        "web端 进入房间报-10014 error错误\n【房间号】\n123456".into(),
    ));
    assert!(matches!(app.query_line.source, Source::Pasted { .. }));
    assert!(app.results.hits.is_empty());
    let screen = screen_text(&render(&app));
    assert!(
        screen.contains("(not in the catalog: -10014 (L1) from 3 pasted")
            && screen.contains("No code the catalog explains"),
        "{screen}"
    );
}

#[test]
fn version_in_the_query_line() {
    let mut app = app(100, 30);
    type_text(&mut app, "@4.4.0");
    let v = trtc_errors::catalog::SdkVersion::parse("4.4.0");
    assert_eq!(app.query_line.version, v);
    let shown = shown_displays(&app);
    assert!(shown.contains(&"0x4001".to_string()));
    assert!(
        !shown.contains(&"0x1004".to_string()),
        "0x1004 arrived in 4.11.13"
    );
    assert!(app.counts_text().contains("@4.4.0"));
    type_text(&mut app, " 0x4001");
    let text = screen_text(&render(&app));
    assert!(text.contains("SIGNAL_CAHNNEL_SETUP_FAILED"), "{text}");
    app.update(Action::ClearQuery);
    assert_eq!(app.query_line.version, None);
}

#[test]
fn keys_that_ask_the_loop() {
    let mut app = app(100, 30);
    assert_eq!(app.update(Action::Redraw), vec![Effect::Redraw]);
    assert_eq!(app.update(Action::Suspend), vec![Effect::Suspend]);
    type_text(&mut app, "0x4004");
    let catalog = Catalog::builtin().unwrap();
    let url = catalog.find_display("0x4004").unwrap().doc_url.clone();
    match app.update(Action::OpenDocs).pop() {
        Some(Effect::OpenUrl(opened)) => assert_eq!(Some(opened), url),
        other => assert!(url.is_none(), "{other:?}"),
    }
}

#[test]
fn clicking_a_tab_selects_its_filter() {
    let mut app = app(100, 30);
    let layout = app.layout();
    let tabs = filter_tabs(
        layout.search,
        app.query_line.filter,
        trtc_errors::width::width(&app.counts_text()),
    );
    let web5 = tabs
        .iter()
        .find(|t| t.filter.family == Some(Family::Web5))
        .unwrap();
    app.update(Action::Click {
        column: web5.x + 1,
        row: 0,
    });
    assert_eq!(app.query_line.filter.family, Some(Family::Web5));
    assert!(app.status.as_deref().unwrap().contains("Web 5.x"));
}

#[test]
fn account_rows_and_their_copy_label_say_what_tells_them_apart() {
    let mut app = app(100, 30);
    // On the 4.x tab 70001 is the 4.x row (under All, the server's 70001 stands for its group).
    app.update(Action::ShowFamily(1));
    type_text(&mut app, "70001");
    let text = screen_text(&render(&app));
    assert!(text.contains("userSig"), "{text}");
    let Some(Effect::Copy { label, .. }) = app.update(Action::Copy).pop() else {
        panic!("no copy");
    };
    assert!(label.starts_with("web4:70001 userSig"), "{label}");
}

#[test]
fn mouse_click_and_wheel() {
    let mut app = app(100, 30);
    app.update(Action::Click { column: 10, row: 5 });
    assert_eq!(app.results.selected, 3);
    app.update(Action::ScrollDown { column: 10, row: 5 });
    assert_eq!(app.results.selected, 6);
    app.update(Action::ScrollDown { column: 80, row: 5 });
    assert_eq!(
        app.results.selected, 6,
        "wheel over the detail pane scrolls the pane, not the list"
    );
    app.update(Action::Click {
        column: 10,
        row: 29,
    });
    assert_eq!(
        app.results.selected, 6,
        "a click outside the list changes nothing"
    );
}

#[test]
fn help_closes_on_any_key() {
    let mut app = app(100, 30);
    app.update(Action::ToggleHelp);
    assert!(app.help().is_open());
    app.update(Action::Insert('x'));
    assert!(!app.help().is_open());
    assert!(
        app.query().is_empty(),
        "the key that closes help is not typed"
    );
}

#[test]
fn the_detail_pages_and_takes_the_whole_screen() {
    let mut app = app(100, 30);
    type_text(&mut app, "0x4004");
    let page = usize::from(app.layout().detail_inner().height) - 1;
    app.update(Action::DetailPageDown);
    assert_eq!(app.detail().scroll(), page.min(app.max_detail_scroll()));
    app.update(Action::DetailPageUp);
    assert_eq!(app.detail().scroll(), 0);
    // Ctrl-F: the detail over the whole body; plain PgDn scrolls it; Esc gives the list back.
    app.update(Action::ToggleDetailFull);
    assert_eq!(app.layout().detail.width, 100);
    assert_eq!(app.layout().list.width, 0);
    let text = screen_text(&render(&app));
    assert!(!text.contains("Codes ·"), "{text}");
    assert!(text.contains("^F list"), "{text}");
    let selected = app.results.selected;
    app.update(Action::PageDown);
    assert_eq!(app.results.selected, selected);
    assert!(app.detail().scroll() > 0 || app.max_detail_scroll() == 0);
    assert_eq!(app.escape_does(), Some("list"));
    app.update(Action::Escape);
    assert!(!app.detail().is_full());
    assert_eq!(
        app.query(),
        "0x4004",
        "Esc gave the list back before clearing"
    );
    // Side by side at 100 columns, the detail pane has at least 55 of them.
    assert!(app.layout().detail.width >= 55);
}

#[test]
fn every_row_keeps_a_slice_of_its_description_beside_long_keys() {
    for (width, height) in [(100, 30), (160, 45)] {
        let mut app = app(width, height);
        // Native codes carry the longest keys (ERR_SERVER_CENTER_…); the list is capped.
        type_text(&mut app, "invalid");
        let text = screen_text(&render(&app));
        let list_rows: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with('│') && (l.contains("web4") || l.contains("native")))
            .collect();
        assert!(!list_rows.is_empty(), "{text}");
        for row in list_rows {
            let list = row.split("││").next().unwrap();
            // Some text after the key's column: at least a few characters that are not dots.
            let tail: String = list.chars().rev().take(12).collect();
            assert!(
                tail.chars()
                    .filter(|c| !c.is_whitespace() && *c != '…' && *c != '│')
                    .count()
                    >= 3,
                "{width}: {row}"
            );
        }
    }
}

#[test]
fn a_paste_is_listed_in_line_order_with_line_numbers_at_every_width() {
    // A vague mention first, a sure one later: by confidence the later one would lead.
    let log = "retrying after 4096 ms\nsomething else\nRtcError: join room failed code: 16388\n";
    for (width, height) in [(50, 15), (80, 24), (100, 30), (160, 45)] {
        let mut app = app(width, height);
        app.update(Action::Paste(log.into()));
        let Source::Pasted { mentions, .. } = app.query_line.source.clone() else {
            panic!("no mention view");
        };
        let lines: Vec<usize> = app
            .results
            .hits
            .iter()
            .map(|h| {
                mentions
                    .iter()
                    .find(|m| m.index == h.index)
                    .unwrap()
                    .line_number
            })
            .collect();
        let mut sorted = lines.clone();
        sorted.sort();
        assert_eq!(lines, sorted, "{width}×{height}");
        let text = screen_text(&render(&app));
        for line in &lines {
            assert!(
                text.contains(&format!("L{line} ")),
                "{width}×{height}:\n{text}"
            );
        }
        // Ctrl-S: the order `mentions::find` gives (surest first), and back.
        app.update(Action::TogglePasteOrder);
        let order: Vec<usize> = app.results.hits.iter().map(|h| h.index).collect();
        let found: Vec<usize> = mentions.iter().map(|m| m.index).collect();
        assert_eq!(order, found);
        app.update(Action::TogglePasteOrder);
        assert_eq!(
            app.results
                .hits
                .iter()
                .map(|h| h.index)
                .collect::<Vec<_>>()
                .len(),
            lines.len()
        );
    }
}

#[test]
fn alt_digits_jump_to_a_family() {
    use trtc_errors::catalog::Family;
    let mut app = app(100, 30);
    app.update(Action::ShowFamily(3));
    assert_eq!(app.query_line.filter.family, Some(Family::Native));
    // The native rows and the server codes the native SDK carries.
    assert!(app.results.hits.iter().all(|h| matches!(
        app.catalog().entries()[h.index].family,
        Family::Native | Family::Server
    )));
    app.update(Action::ShowFamily(1));
    assert_eq!(app.query_line.filter.family, Some(Family::Web4));
    app.update(Action::ShowFamily(0));
    assert_eq!(app.query_line.filter, trtc_errors::tui::app::Filter::ALL);
    // The footer's Tab names where Tab goes next.
    let text = screen_text(&render(&app));
    assert!(text.contains("Tab → Web 4.x"), "{text}");
}

#[test]
fn a_large_paste_is_scanned_by_the_loop_and_esc_cancels_it() {
    use trtc_errors::tui::app::{scan_paste, SCAN_ON_THREAD_FROM};
    let mut app = app(100, 30);
    let big = "RtcError code: 16388\n".repeat(SCAN_ON_THREAD_FROM / 20 + 1);
    let Some(Effect::ScanPaste(request)) = app.update(Action::Paste(big.clone())).pop() else {
        panic!("a large paste is not scanned on the UI thread");
    };
    assert!(app.scanning_paste());
    assert_eq!(app.escape_does(), Some("cancel"));
    // What the loop's thread does, and its answer.
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let scan = scan_paste(&request.text, &app.engine, request.scope, &cancel).unwrap();
    app.pasted(request.generation, &request.text, scan.clone());
    assert!(matches!(app.query_line.source, Source::Pasted { .. }));
    assert_eq!(shown_displays(&app)[0], "0x4004");
    // Esc while scanning: the answer that arrives later is dropped.
    app.update(Action::Escape);
    let Some(Effect::ScanPaste(request)) = app.update(Action::Paste(big)).pop() else {
        panic!();
    };
    assert_eq!(app.update(Action::Escape), vec![Effect::CancelScan]);
    assert!(!app.scanning_paste());
    app.pasted(request.generation, &request.text, scan);
    assert!(matches!(app.query_line.source, Source::Query));
    // A set flag stops a scan.
    cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    assert_eq!(
        scan_paste("a\nb", &app.engine, request.scope, &cancel),
        None
    );
}

#[test]
fn a_huge_one_line_paste_without_codes_is_cut_to_a_query() {
    use trtc_errors::tui::app::{scan_paste, MAX_PASTED_QUERY_CHARS};
    let mut app = app(100, 30);
    let line = "lorem ipsum ".repeat(200_000);
    let Some(Effect::ScanPaste(request)) = app.update(Action::Paste(line)).pop() else {
        panic!();
    };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let scan = scan_paste(&request.text, &app.engine, request.scope, &cancel).unwrap();
    app.pasted(request.generation, &request.text, scan);
    assert!(app.query().chars().count() <= MAX_PASTED_QUERY_CHARS);
    assert!(app.status.as_deref().unwrap().contains("are the query"));
}

#[test]
fn doc_addresses_are_never_wrapped_inside() {
    let catalog = Catalog::builtin().unwrap();
    let url = catalog
        .find_display("0x4004")
        .unwrap()
        .doc_url
        .clone()
        .unwrap();
    for (width, height, full) in [(160, 45, false), (100, 30, true), (80, 24, true)] {
        let mut app = app(width, height);
        type_text(&mut app, "0x4004");
        if full {
            app.update(Action::ToggleDetailFull);
        }
        for _ in 0..60 {
            app.update(Action::DetailDown);
        }
        let text = screen_text(&render(&app));
        assert!(text.contains(&url), "{width}×{height}:\n{text}");
    }
    // Too narrow for it: cut with a mark, never continued on the next line.
    let mut app = app(100, 30);
    type_text(&mut app, "0x4004");
    for _ in 0..60 {
        app.update(Action::DetailDown);
    }
    let text = screen_text(&render(&app));
    let tail = &url[url.len() - 10..];
    assert!(!text.contains(tail), "{text}");
    assert!(text.contains(&url[..30]), "{text}");
}

#[test]
fn a_typed_log_line_lists_the_codes_it_names_first() {
    for (line, first) in [
        ("OnError [code:-1301|msg:open camera failed]", "-1301"),
        ("RtcError: join room failed code: 16388", "0x4004"),
    ] {
        let mut app = app(100, 30);
        type_text(&mut app, line);
        assert_eq!(
            shown_displays(&app).first().map(String::as_str),
            Some(first),
            "{line}"
        );
        assert!(
            app.status
                .as_deref()
                .unwrap_or("")
                .contains("Named in the typed line"),
            "{line}: {:?}",
            app.status
        );
    }
    // A plain query is searched as before.
    let mut app = app(100, 30);
    type_text(&mut app, "join");
    assert!(app.status.is_none());
}

#[test]
fn a_server_code_in_the_detail_pane_is_told_as_the_tabs_sdk_carries_it() {
    // All: the server entry stands for the native row that is the same code.
    let mut app = app(120, 34);
    type_text(&mut app, "-100006");
    assert_eq!(
        app.catalog().entries()[app.selected_hit().unwrap().index].family,
        Family::Server
    );
    insta::assert_snapshot!("detail_server_100006", render(&app).backend());
    // The Web 5.x tab: the 5.x way first.
    app.update(Action::ShowFamily(2));
    let screen = screen_text(&render(&app));
    let web5 = screen
        .find("Web 5.x: 5400 SERVER_ERROR")
        .expect("the 5.x line");
    let web4 = screen.find("Web 4.x: 0x4004").expect("the 4.x line");
    assert!(web5 < web4, "{screen}");
}

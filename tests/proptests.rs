//! Property tests: random key / paste / resize / mouse sequences through the TUI state machine,
//! rendered after every step; and arbitrary Unicode through query parsing and search.

use std::sync::{Arc, OnceLock};

use proptest::prelude::*;
use trtc_errors::catalog::{Catalog, Scope};
use trtc_errors::query::{code_readings, Query};
use trtc_errors::search::{Engine, MatchKind};

fn shared() -> &'static Arc<Engine> {
    static SHARED: OnceLock<Arc<Engine>> = OnceLock::new();
    SHARED.get_or_init(|| Arc::new(Engine::new(Catalog::builtin().expect("built-in catalog"))))
}

/// Text people and attackers put into a search box.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z0-9_ ]{0,12}",
        "[过期签名进房失败帐号系统重新生成]{0,6}",
        Just("\u{1b}[2J\u{1b}]52;c;eA==\u{7}\u{202e}\u{200b}\u{301}😀🇨🇳".to_string()),
        Just("０ｘ４００４ １６３８８ -8 0x --5".to_string()),
    ]
}

/// The browser's state machine (a build with the `tui` feature).
#[cfg(feature = "tui")]
mod browser {
    use super::*;
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;
    use trtc_errors::explanation::Lang;
    use trtc_errors::render::Format;
    use trtc_errors::tui::app::{Action, App};
    use trtc_errors::tui::ui;

    /// Pastes up to 1 MiB: a piece of text repeated, with line breaks so the log path runs too.
    fn paste() -> impl Strategy<Value = String> {
        (text(), 1usize..4096, any::<bool>()).prop_map(|(piece, times, lines)| {
            let piece = if lines {
                format!("{piece} code: 16388\n")
            } else {
                piece
            };
            let mut out = piece.repeat(times.min(1 + (1 << 20) / piece.len().max(1)));
            out.truncate((1 << 20).min(out.len()));
            while !out.is_char_boundary(out.len()) {
                out.pop();
            }
            out
        })
    }

    fn action() -> impl Strategy<Value = Action> {
        prop_oneof![
            8 => any::<char>().prop_map(Action::Insert),
            4 => "[a-z过期签名0x16388]".prop_map(|s| Action::Insert(s.chars().next().unwrap_or('a'))),
            1 => "[@v:4.5.06|!' $^]".prop_map(|s| Action::Insert(s.chars().next().unwrap_or('@'))),
            1 => Just(Action::WordLeft),
            1 => Just(Action::WordRight),
            1 => Just(Action::KillToEnd),
            1 => Just(Action::First),
            1 => Just(Action::Last),
            2 => Just(Action::NextLink),
            1 => Just(Action::PrevLink),
            2 => Just(Action::Enter),
            2 => Just(Action::Back),
            1 => Just(Action::CopyAll),
            1 => Just(Action::OpenDocs),
            1 => Just(Action::Redraw),
            1 => Just(Action::Suspend),
            1 => paste().prop_map(Action::Paste),
            2 => Just(Action::Backspace),
            1 => Just(Action::Delete),
            2 => Just(Action::CursorLeft),
            2 => Just(Action::CursorRight),
            1 => Just(Action::CursorHome),
            1 => Just(Action::CursorEnd),
            1 => Just(Action::DeleteWord),
            1 => Just(Action::ClearQuery),
            3 => Just(Action::Up),
            3 => Just(Action::Down),
            1 => Just(Action::PageUp),
            1 => Just(Action::PageDown),
            1 => Just(Action::DetailUp),
            1 => Just(Action::DetailDown),
            1 => Just(Action::NextCategory),
            1 => Just(Action::PrevCategory),
            1 => Just(Action::Copy),
            1 => Just(Action::CycleCopyFormat),
            1 => Just(Action::CycleLang),
            1 => Just(Action::ToggleHelp),
            1 => Just(Action::Escape),
            2 => (0u16..320, 0u16..110).prop_map(|(column, row)| Action::Click { column, row }),
            1 => (0u16..320, 0u16..110).prop_map(|(column, row)| Action::ScrollUp { column, row }),
            1 => (0u16..320, 0u16..110).prop_map(|(column, row)| Action::ScrollDown { column, row }),
            2 => (1u16..=300, 1u16..=100).prop_map(|(width, height)| Action::Resize { width, height }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

        #[test]
        fn the_tui_state_machine_never_breaks(actions in proptest::collection::vec(action(), 1..40)) {
            let engine = shared();
            let catalog = engine.catalog();
            let mut app = App::new(Arc::clone(engine), Format::Text, Lang::Both, true);
            app.update(Action::Resize { width: 80, height: 24 });
            for action in actions {
                let _ = app.update(action);
                if app.should_quit {
                    break;
                }
                let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).expect("backend");
                terminal.draw(|f| ui::draw(f, &app)).expect("draw");

                prop_assert!(app.query_line.input.cursor() <= app.query().chars().count(), "cursor {} past the query {:?}", app.query_line.input.cursor(), app.query());
                if app.results.hits.is_empty() {
                    prop_assert_eq!(app.results.selected, 0);
                } else {
                    prop_assert!(app.results.selected < app.results.hits.len());
                    prop_assert!(app.results.list_offset <= app.results.selected);
                    let rows = app.layout().list_rows();
                    if rows > 0 {
                        prop_assert!(app.results.selected < app.results.list_offset + rows, "selection scrolled out of view");
                    }
                    // The detail pane shows the selected entry.
                    let index = app.results.hits[app.results.selected].index;
                    let entry = &catalog.entries()[index];
                    prop_assert_eq!(app.detail().model().key.entry, Some(index), "detail model of another entry");
                    let shown = app.detail().model().explanation.as_ref().map(|e| e.code.clone()).unwrap_or_default();
                    prop_assert!(shown.starts_with(&entry.display()), "detail shows {shown:?}, selected {}", entry.display());
                }
                prop_assert!(app.detail().scroll() <= app.max_detail_scroll());
            }
        }
    }
}

/// Case and variant forms (帐 → 账) folded, as the index and the query fold them.
fn fold(c: char) -> char {
    trtc_errors::text::fold::fold_char(c)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn query_parsing_never_panics(input in text()) {
        let query = Query::parse(&input);
        for term in &query.terms {
            prop_assert!(!term.text.is_empty());
        }
        for token in input.split_whitespace() {
            let _ = code_readings(token);
        }
    }

    #[test]
    fn every_highlight_is_real(input in text()) {
        let engine = shared();
        let (catalog, index) = (engine.catalog(), engine.index());
        let query = Query::parse(&input);
        let query_chars: Vec<char> = query.terms.iter().flat_map(|t| t.text.chars()).collect();
        for hit in index.search(catalog, &query, Scope::default()).iter().take(30) {
            let entry = &catalog.entries()[hit.index];
            let lights = index.highlights(catalog, hit, &query);
            let display = entry.display();
            let mut fields: Vec<(&str, &Vec<usize>)> = vec![
                (display.as_str(), &lights.display),
                (entry.description.zh.as_str(), &lights.description_zh),
                (entry.description.en.as_deref().unwrap_or(""), &lights.description_en),
            ];
            if let Some(key) = &entry.key {
                fields.push((key.as_str(), &lights.key));
            }
            for (alias, positions) in entry.aliases.iter().zip(&lights.aliases) {
                fields.push((alias.as_str(), positions));
            }
            for (text, positions) in fields {
                let chars: Vec<char> = text.chars().collect();
                for &p in positions {
                    prop_assert!(p < chars.len(), "position {p} past {text:?}");
                    let c = chars[p];
                    let claimed = hit.reading.is_some()
                        || query_chars.contains(&fold(c))
                        || (hit.kind.is_some_and(|k| k <= MatchKind::Pinyin)
                            && trtc_errors::pinyin_match::readings(c)
                                .any(|r| r.bytes().next().is_some_and(|b| query_chars.contains(&(b as char)))));
                    prop_assert!(claimed, "{c:?} in {text:?} highlighted for {input:?}");
                }
            }
        }
    }
}

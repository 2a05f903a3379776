//! The CLI and the browser answer a query with the same codes in the same order: both go through
//! the core's `Query` and `Engine`, and nothing either shell adds (decimal prefixes, `@version`)
//! lives outside it. Each query runs through the real binary (`search -f json`) and through the
//! browser's state (`App`, typed key by key as a person would), and the two lists are compared.

mod common;

use std::sync::Arc;

use common::run;
use trtc_errors::catalog::Catalog;
use trtc_errors::explanation::Lang;
use trtc_errors::render::Format;
use trtc_errors::search::Engine;
use trtc_errors::tui::app::{Action, App};

/// Queries where the shells disagreed in 0.2, and the ordinary kinds beside them.
const QUERIES: &[&str] = &[
    "1638",
    "7000",
    "-33",
    "join @4.4.0",
    "@5.8.6 5400",
    "v:4.6.1 signal",
    "0x4004",
    "16388",
    "过期",
    "guoqi",
    "join fail",
    "kicked | banned",
    "0x4004,70001",
    "!account",
    "账号过期",
    "帳號",
    // Server codes: one per code, beside the per-SDK rows that are the same code.
    "-100006",
    "privateMapKey",
];

/// (family, display) of each hit, as `search -f json` prints them; empty when nothing matched.
fn cli_hits(query: &str) -> Vec<(String, String)> {
    let (code, out, err) = run(&["search", "-f", "json", query]);
    assert!(code == 0 || code == 1, "{query:?} exited {code}: {err}");
    let value: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|e| {
            (
                e["family"].as_str().unwrap().to_string(),
                e["display"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn browser_hits(engine: &Arc<Engine>, query: &str) -> Vec<(String, String)> {
    let mut app = App::new(Arc::clone(engine), Format::Text, Lang::Both, false);
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    for c in query.chars() {
        app.update(Action::Insert(c));
    }
    let entries = engine.catalog().entries();
    app.results
        .hits
        .iter()
        .map(|h| {
            let e = &entries[h.index];
            (e.family.to_string(), e.display())
        })
        .collect()
}

#[test]
fn the_cli_and_the_browser_list_the_same_codes_in_the_same_order() {
    let engine = Arc::new(Engine::new(Catalog::builtin().unwrap()));
    for query in QUERIES {
        let cli = cli_hits(query);
        let browser = browser_hits(&engine, query);
        assert_eq!(cli, browser, "query {query:?}");
    }
}

#[test]
fn a_partial_decimal_and_a_query_version_answer_in_the_cli() {
    let shown = |q: &str| -> Vec<String> { cli_hits(q).into_iter().map(|(_, d)| d).collect() };
    // 16385–16389: the codes 1638 starts, as the browser lists them while it is typed.
    let partial = shown("1638");
    for code in ["0x4001", "0x4002", "0x4004", "0x4005"] {
        assert!(partial.contains(&code.to_string()), "{code} in {partial:?}");
    }
    // `@4.4.0` keeps only what 4.4.0 defines: 4.x codes and the server codes 4.4.0 carries, no
    // 5.x or native ones.
    let versioned = cli_hits("join @4.4.0");
    assert!(!versioned.is_empty());
    assert!(versioned
        .iter()
        .all(|(family, _)| family == "web4" || family == "server"));
    // A version token that is no SDK version is refused, not searched for.
    let (code, _, err) = run(&["search", "join @9.1.0"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("@9.1.0"), "{err}");
    // Nor is a version nobody published: the nearest published ones are named.
    let (code, _, err) = run(&["search", "join @4.5.0"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("4.4.0") && err.contains("4.6.1"), "{err}");
}

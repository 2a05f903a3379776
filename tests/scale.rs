//! Correctness at 100,000 entries (time is measured by the benchmarks, never asserted here): the
//! right hits in the right order, the same through incremental narrowing and the background worker.

#[path = "support/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use std::sync::Arc;

use trtc_errors::catalog::{Catalog, Scope};
use trtc_errors::explanation::Lang;
use trtc_errors::query::Query;
use trtc_errors::render::Format;
use trtc_errors::search::{Engine, MatchKind};
use trtc_errors::tui::app::{Action, App};

fn big() -> Arc<Engine> {
    Arc::new(Engine::new(Catalog::from_entries(synthetic::entries(
        100_000, 42,
    ))))
}

#[test]
fn hits_and_order_at_100k() {
    let engine = big();
    let (catalog, index) = (engine.catalog(), engine.index());
    assert_eq!(catalog.len(), 100_000);

    // A code in hex and as the decimal the console prints.
    let target = &catalog.entries()[77_777];
    for q in [target.display.clone(), target.code.to_string()] {
        let hits = index.search(catalog, &Query::parse(&q), Scope::default());
        assert_eq!(hits[0].index, 77_777, "{q}");
        assert_eq!(hits[0].kind, Some(MatchKind::Code));
    }

    // A Chinese word: exactly the entries whose description contains it, in catalog order.
    let hits = index.search(catalog, &Query::parse("黑名单"), Scope::default());
    let expected: Vec<usize> = catalog
        .entries()
        .iter()
        .enumerate()
        .filter(|(_, e)| e.description_zh.contains("黑名单"))
        .map(|(i, _)| i)
        .collect();
    assert!(expected.len() > 1000);
    assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), expected);

    // Pinyin finds the same entries as the characters (and ranks below them when both exist).
    let by_pinyin = index.search(catalog, &Query::parse("heimingdan"), Scope::default());
    let pinyin_set: Vec<usize> = by_pinyin.iter().map(|h| h.index).collect();
    for i in &expected {
        assert!(
            pinyin_set.contains(i),
            "entry {i} has 黑名单 but heimingdan missed it"
        );
    }

    // Ranked: scores never increase down the list, ties in catalog order.
    let hits = index.search(catalog, &Query::parse("join fail"), Scope::default());
    assert!(!hits.is_empty());
    for pair in hits.windows(2) {
        assert!(
            pair[0].score > pair[1].score
                || (pair[0].score == pair[1].score && pair[0].index < pair[1].index),
            "{pair:?}"
        );
    }
}

#[test]
fn narrowing_and_the_background_worker_agree_with_a_fresh_search() {
    let engine = big();
    let (catalog, index) = (engine.catalog(), engine.index());
    let mut app = App::new(Arc::clone(&engine), Format::Text, Lang::Both, false);
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    for (typed, c) in "guoqi".chars().enumerate() {
        app.update(Action::Insert(c));
        app.wait_for_results();
        let query: String = "guoqi".chars().take(typed + 1).collect();
        let fresh = index.search(catalog, &Query::parse(&query), Scope::default());
        assert_eq!(app.hits, fresh, "after typing {query:?}");
    }
    for c in " 签名".chars() {
        app.update(Action::Insert(c));
    }
    app.wait_for_results();
    assert_eq!(
        app.hits,
        index.search(catalog, &Query::parse("guoqi 签名"), Scope::default())
    );
}

#[test]
fn the_generator_is_deterministic_and_parseable() {
    assert_eq!(synthetic::entries(50, 7), synthetic::entries(50, 7));
    let parsed =
        trtc_errors::catalog::parse_catalog(&synthetic::catalog_toml(50, 7), "synthetic").unwrap();
    assert_eq!(parsed.len(), 50);
    assert_eq!(
        parsed[3].description_zh,
        synthetic::entries(50, 7)[3].description_zh
    );
}

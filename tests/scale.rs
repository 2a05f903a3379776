//! Correctness at 100,000 entries (time is measured by the benchmarks, never asserted here): the
//! right hits in the right order, the same through incremental narrowing and the background worker.

use std::sync::Arc;

use trtc_errors::catalog::Catalog;
use trtc_errors::format::{Format, Lang};
use trtc_errors::query::Query;
use trtc_errors::search::{MatchKind, SearchIndex};
use trtc_errors::tui::app::{Action, App};

fn big() -> (Arc<Catalog>, Arc<SearchIndex>) {
    let catalog = Catalog::from_entries(trtc_errors::synthetic::entries(100_000, 42)).unwrap();
    let index = SearchIndex::new(&catalog);
    (Arc::new(catalog), Arc::new(index))
}

#[test]
fn hits_and_order_at_100k() {
    let (catalog, index) = big();
    assert_eq!(catalog.len(), 100_000);

    // A code in hex and as the decimal the console prints.
    let target = &catalog.entries()[77_777];
    for q in [target.display.clone(), target.code.to_string()] {
        let hits = index.search(&catalog, &Query::parse(&q), None);
        assert_eq!(hits[0].index, 77_777, "{q}");
        assert_eq!(hits[0].kind, Some(MatchKind::Code));
    }

    // A Chinese word: exactly the entries whose description contains it, in catalog order.
    let hits = index.search(&catalog, &Query::parse("黑名单"), None);
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
    let by_pinyin = index.search(&catalog, &Query::parse("heimingdan"), None);
    let pinyin_set: Vec<usize> = by_pinyin.iter().map(|h| h.index).collect();
    for i in &expected {
        assert!(
            pinyin_set.contains(i),
            "entry {i} has 黑名单 but heimingdan missed it"
        );
    }

    // Ranked: scores never increase down the list, ties in catalog order.
    let hits = index.search(&catalog, &Query::parse("join fail"), None);
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
    let (catalog, index) = big();
    let mut app = App::new(
        Arc::clone(&catalog),
        Arc::clone(&index),
        Format::Text,
        Lang::Both,
        false,
    );
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    for (typed, c) in "guoqi".chars().enumerate() {
        app.update(Action::Insert(c));
        app.wait_for_results();
        let query: String = "guoqi".chars().take(typed + 1).collect();
        let fresh = index.search(&catalog, &Query::parse(&query), None);
        assert_eq!(app.hits, fresh, "after typing {query:?}");
    }
    for c in " 签名".chars() {
        app.update(Action::Insert(c));
    }
    app.wait_for_results();
    assert_eq!(
        app.hits,
        index.search(&catalog, &Query::parse("guoqi 签名"), None)
    );
}

//! Correctness at 100,000 entries (time is measured by the benchmarks, never asserted here): the
//! right hits in the right order, the same through incremental narrowing and the background worker.

#[path = "support/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use std::sync::Arc;
use std::time::Duration;

use trtc_errors::catalog::{Catalog, Scope};
use trtc_errors::query::Query;
use trtc_errors::search::{Engine, MatchKind};

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
    for q in [target.display(), target.code.to_string()] {
        let hits = index.search(catalog, &Query::parse(&q), Scope::default());
        assert_eq!(hits[0].index, 77_777, "{q}");
        assert_eq!(hits[0].kind, Some(MatchKind::Code));
    }

    // A Chinese word: first exactly the entries whose description contains it, in catalog order.
    let hits = index.search(catalog, &Query::parse("黑名单"), Scope::default());
    let expected: Vec<usize> = catalog
        .entries()
        .iter()
        .enumerate()
        .filter(|(_, e)| e.description.zh.contains("黑名单"))
        .map(|(i, _)| i)
        .collect();
    assert!(expected.len() > 1000);
    // Entries that have it only as a keyword or in what raises them come after those.
    let in_descriptions: Vec<usize> = hits
        .iter()
        .take_while(|h| h.kind == Some(MatchKind::Description))
        .map(|h| h.index)
        .collect();
    assert_eq!(in_descriptions, expected);

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

#[cfg(feature = "tui")]
#[test]
fn narrowing_and_the_background_worker_agree_with_a_fresh_search() {
    use trtc_errors::explanation::Lang;
    use trtc_errors::render::Format;
    use trtc_errors::tui::app::{Action, App, Effect};
    use trtc_errors::tui::worker::SearchWorker;

    let engine = big();
    let (catalog, index) = (engine.catalog(), engine.index());
    // As the loop does: the worker answers the app's searches, its answers go back as actions.
    let worker = SearchWorker::spawn(Arc::clone(&engine), None).expect("a thread for the worker");
    let mut app = App::new(Arc::clone(&engine), Format::Text, Lang::Both, false);
    app.search_in_background();
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    let act = |app: &mut App, action: Action| {
        let mut effects = app.update(action);
        while let Some(effect) = effects.pop() {
            if let Effect::Search(request) = effect {
                assert!(worker.request(request));
                let answer = worker.wait().expect("an answer");
                assert!(app.awaits(answer.generation));
                effects.extend(app.update(Action::Searched(answer)));
            }
        }
    };
    for (typed, c) in "guoqi".chars().enumerate() {
        act(&mut app, Action::Insert(c));
        let query: String = "guoqi".chars().take(typed + 1).collect();
        let fresh = index.search(catalog, &Query::parse(&query), Scope::default());
        assert_eq!(app.hits, fresh, "after typing {query:?}");
    }
    // Typed on before any answer: the worker skips to the newest request, older answers are
    // not wanted.
    for c in " 签名".chars() {
        for effect in app.update(Action::Insert(c)) {
            if let Effect::Search(request) = effect {
                assert!(worker.request(request));
            }
        }
    }
    loop {
        let answer = worker.wait().expect("an answer");
        if app.awaits(answer.generation) {
            app.update(Action::Searched(answer));
            break;
        }
    }
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
        parsed[3].description.zh,
        synthetic::entries(50, 7)[3].description.zh
    );
}

/// The whole program with a catalog large enough to be cached: the first run writes the cache, the
/// second reads it, a damaged cache is detected and rebuilt, and every run answers the same.
#[test]
fn the_catalog_cache_is_written_used_and_rebuilt_when_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("team.toml");
    // ~4.5 MB: large enough to be cached and for a first load to be worth a note on a terminal,
    // which must not appear here (stderr is a pipe).
    std::fs::write(&catalog, synthetic::catalog_toml(7_000, 3)).unwrap();
    // A file changed within the last moments is not cached (its timestamps could yet be outrun by
    // a write within the same tick): wait until it has settled.
    let settle = || std::thread::sleep(trtc_errors::cache::SETTLE + Duration::from_millis(300));
    settle();
    let cache = dir.path().join("cache");
    let run = || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_trtc-errors"))
            .arg("--catalog")
            .arg(&catalog)
            .args(["search", "guoqi", "--limit", "5"])
            .env("TRTC_ERRORS_CACHE_DIR", &cache)
            .env("TRTC_ERRORS_CONFIG_DIR", dir.path().join("no-config"))
            .env_remove("TRTC_ERRORS_NO_CACHE")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert!(out.stderr.is_empty(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let cache_files = || -> Vec<std::path::PathBuf> {
        std::fs::read_dir(&cache)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default()
    };
    let first = run();
    assert!(!first.is_empty());
    let files = cache_files();
    assert_eq!(files.len(), 1, "{files:?}");
    let good = std::fs::read(&files[0]).unwrap();
    assert_eq!(run(), first, "from the cache");

    // Damage in the header is found at once: the catalog is parsed again and the file rebuilt.
    let mut damaged = good.clone();
    damaged[8] ^= 0x55;
    std::fs::write(&files[0], &damaged).unwrap();
    assert_eq!(run(), first, "a damaged cache is not believed");
    assert_eq!(std::fs::read(&files[0]).unwrap(), good, "and is rebuilt");
    // Damage in the search index (the file's last section) is found when the search opens it:
    // the index is built again from the catalog, and the file is removed for the next start
    // to rebuild.
    let mut damaged = good.clone();
    *damaged.last_mut().unwrap() ^= 0x55;
    std::fs::write(&files[0], &damaged).unwrap();
    assert_eq!(run(), first, "a damaged index is not believed");
    assert!(cache_files().is_empty(), "{:?}", cache_files());
    assert_eq!(run(), first);
    assert_eq!(std::fs::read(&files[0]).unwrap(), good, "and is rebuilt");
    // A catalog that has not settled is read but not cached.
    std::fs::write(&catalog, synthetic::catalog_toml(7_001, 4)).unwrap();
    assert!(!run().is_empty());
    assert_eq!(cache_files().len(), 1, "{:?}", cache_files());
    settle();

    // A changed catalog is another cache, never the old one's answers.
    let changed = run();
    let fresh = {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_trtc-errors"))
            .arg("--catalog")
            .arg(&catalog)
            .args(["search", "guoqi", "--limit", "5"])
            .env("TRTC_ERRORS_NO_CACHE", "1")
            .env("TRTC_ERRORS_CONFIG_DIR", dir.path().join("no-config"))
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(changed, fresh);
    assert_eq!(cache_files().len(), 2);
}

/// Under an address-space limit (`ulimit -v`) too small for a catalog, loading is refused with a
/// message and exit 2 instead of running out of memory half-way (an abort, exit 134, no word).
#[cfg(unix)]
#[test]
fn a_catalog_too_big_for_the_memory_limit_is_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    std::fs::write(&path, synthetic::catalog_toml(20_000, 7)).unwrap();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v 120000 && exec "$0" --no-config --catalog "$1" search join"#)
        .arg(env!("CARGO_BIN_EXE_trtc-errors"))
        .arg(&path)
        .env("TRTC_ERRORS_NO_CACHE", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("not enough memory to load"), "{err}");
    assert!(err.contains("ulimit -v"), "{err}");
}

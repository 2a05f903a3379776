//! Benchmarks for the README's speed targets. Run: `cargo bench` (results in target/criterion).
//!
//! In-process rows only; whole-process rows (`show`, `search` on a big catalog vs fzf, peak RSS)
//! are measured by `scripts/bench-process.sh`.

#[path = "../tests/support/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use trtc_errors::cache::{self, CacheKey};
use trtc_errors::catalog::{parse_catalog, Catalog, Scope};
use trtc_errors::explanation::Lang;
use trtc_errors::query::Query;
use trtc_errors::render::Format;
use trtc_errors::search::{Engine, SearchIndex};
use trtc_errors::tui::app::{Action, App};

/// One query per way of searching.
const KINDS: &[(&str, &str)] = &[
    ("hex", "0x4004"),
    ("decimal", "16388"),
    ("key", "join"),
    ("key_typo", "chanel"),
    ("chinese", "过期"),
    ("pinyin", "guoqi"),
    ("initials", "gq"),
    ("english", "expired"),
    ("mixed", "usersig guoqi"),
];

fn builtin_search(c: &mut Criterion) {
    let catalog = Catalog::builtin().expect("built-in catalog");
    let index = SearchIndex::new(&catalog);
    let mut group = c.benchmark_group("builtin_search");
    for (kind, q) in KINDS {
        let query = Query::parse(q);
        group.bench_function(*kind, |b| {
            b.iter(|| black_box(index.search(&catalog, &query, Scope::default())))
        });
    }
    group.finish();
}

fn scale_search(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale_search");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    for size in [100usize, 10_000, 100_000] {
        let catalog = Catalog::from_entries(synthetic::entries(size, 42));
        let index = SearchIndex::new(&catalog);
        for (kind, q) in [
            ("key", "join"),
            ("chinese", "过期"),
            ("pinyin", "guoqi"),
            ("english", "timeout"),
        ] {
            let query = Query::parse(q);
            group.bench_with_input(BenchmarkId::new(kind, size), &query, |b, query| {
                b.iter(|| black_box(index.search(&catalog, query, Scope::default())))
            });
        }
    }
    group.finish();
}

/// The browser's state at 100×30 with `typed` typed in, answers waited for.
fn app_with(engine: &Arc<Engine>, typed: &[char]) -> App {
    let mut app = App::new(Arc::clone(engine), Format::Text, Lang::Both, true);
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    for &ch in typed {
        app.update(Action::Insert(ch));
    }
    app
}

fn render(c: &mut Criterion) {
    let engine = Arc::new(Engine::new(Catalog::builtin().expect("built-in catalog")));
    let mut group = c.benchmark_group("render");
    for (name, q) in [("start", ""), ("chinese_query", "过期")] {
        let typed: Vec<char> = q.chars().collect();
        let app = app_with(&engine, &typed);
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test backend");
        group.bench_function(BenchmarkId::new("frame_100x30", name), |b| {
            b.iter(|| {
                // A full redraw each time, as after a resize: the worst case.
                terminal.clear().expect("clear");
                terminal
                    .draw(|f| trtc_errors::tui::ui::draw(f, &app))
                    .expect("draw");
            })
        });
    }
    group.bench_function("start_to_first_frame", |b| {
        b.iter(|| {
            let engine = Arc::new(Engine::new(Catalog::builtin().expect("built-in catalog")));
            let mut app = App::new(engine, Format::Text, Lang::Both, true);
            app.update(Action::Resize {
                width: 100,
                height: 30,
            });
            let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test backend");
            terminal
                .draw(|f| trtc_errors::tui::ui::draw(f, &app))
                .expect("draw");
            black_box(terminal);
        })
    });
    group.finish();
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .warm_up_time(Duration::from_secs(1));
    // What `show` pays: the built-in catalog, decoded from the blob build.rs made.
    group.bench_function("builtin", |b| {
        b.iter_with_large_drop(|| Catalog::builtin().expect("built-in catalog"))
    });
    let toml = synthetic::catalog_toml(100_000, 42);
    group.bench_function("parse_and_index_100k", |b| {
        b.iter_with_large_drop(|| {
            let entries = parse_catalog(&toml, "big.toml").expect("parse");
            let catalog = Catalog::from_entries(entries);
            let index = SearchIndex::new(&catalog);
            (catalog, index)
        })
    });
    let catalog = Catalog::from_entries(synthetic::entries(100_000, 42));
    group.bench_function("index_only_100k", |b| {
        b.iter_with_large_drop(|| SearchIndex::new(&catalog))
    });
    // A later start: the catalog and its index read back from the cache, checked, no parse.
    let dir = tempfile::tempdir().expect("temporary directory");
    let key = CacheKey::new([("big.toml", 42)]);
    let engine = Engine::new(catalog);
    let write = || {
        cache::write(
            dir.path(),
            key,
            engine.catalog(),
            engine.index().archive_bytes(),
        )
        .expect("write the cache")
    };
    write();
    // Dropping 100,000 entries is not part of loading them (the CLI never frees them).
    group.bench_function("from_cache_100k", |b| {
        b.iter_with_large_drop(|| {
            trtc_errors::session::read_cached(dir.path(), key).expect("the cache reads back")
        })
    });
    group.bench_function("write_cache_100k", |b| b.iter(write));
    // The name, display and reference tables the browser's detail pane needs, built on first use.
    group.bench_function("lookup_tables_100k", |b| {
        b.iter_batched(
            || engine.catalog().clone(),
            |catalog| {
                catalog.prepare_lookups();
                catalog
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// One frame of the browser over 100,000 rich entries, idle (nothing changed since the last frame,
/// as when the loop redraws after a resize): nothing in it may be linear in the catalog.
fn render_100k(c: &mut Criterion) {
    let engine = Arc::new(Engine::new(Catalog::from_entries(synthetic::entries(
        100_000, 42,
    ))));
    let mut group = c.benchmark_group("render_100k");
    for (name, q) in [
        ("start", ""),
        ("chinese_query", "过期"),
        ("key_query", "join"),
    ] {
        let typed: Vec<char> = q.chars().collect();
        let mut app = app_with(&engine, &typed);
        app.sync_detail();
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test backend");
        group.bench_function(BenchmarkId::new("frame_100x30", name), |b| {
            b.iter(|| {
                terminal.clear().expect("clear");
                terminal
                    .draw(|f| trtc_errors::tui::ui::draw(f, &app))
                    .expect("draw");
            })
        });
    }
    group.finish();
}

/// Each keystroke of a 6-character query on a 100,000-entry catalog, through the app (incremental
/// narrowing and the background worker included), from the key to the new hits.
fn keystrokes(c: &mut Criterion) {
    let engine = Arc::new(Engine::new(Catalog::from_entries(synthetic::entries(
        100_000, 42,
    ))));
    let mut group = c.benchmark_group("keystroke_100k");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500));
    for (kind, typed) in [
        ("latin", "signal"),
        ("chinese", "信令通道建立"),
        ("pinyin", "xinlin"),
        ("hex", "0x1004"),
        ("english", "expired"),
    ] {
        let chars: Vec<char> = typed.chars().collect();
        for k in 0..chars.len() {
            group.bench_function(BenchmarkId::new(kind, k + 1), |b| {
                b.iter_batched(
                    || app_with(&engine, &chars[..k]),
                    |mut app| {
                        app.update(Action::Insert(chars[k]));
                        app
                    },
                    BatchSize::LargeInput,
                )
            });
        }
    }
    group.finish();
}

/// What the browser does with a keystroke at 100,000 entries, where the loop searches on its
/// background worker: from the key to the drawn frame that shows it (the query line, the search
/// marked as running, the previous hits kept), the search itself excluded (`keystroke_100k`
/// measures that: it is when the new hits arrive).
fn keystroke_echo(c: &mut Criterion) {
    let engine = Arc::new(Engine::new(Catalog::from_entries(synthetic::entries(
        100_000, 42,
    ))));
    let mut group = c.benchmark_group("keystroke_echo_100k");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500));
    for (kind, typed) in [("latin", "signal"), ("chinese", "信令通道建立")] {
        let chars: Vec<char> = typed.chars().collect();
        let k = chars.len() / 2;
        group.bench_function(BenchmarkId::new(kind, k + 1), |b| {
            b.iter_batched(
                || {
                    let mut app = app_with(&engine, &chars[..k]);
                    app.search_in_background();
                    let terminal = Terminal::new(TestBackend::new(100, 30)).expect("test backend");
                    (app, terminal)
                },
                |(mut app, mut terminal)| {
                    let effects = app.update(Action::Insert(chars[k]));
                    terminal
                        .draw(|f| trtc_errors::tui::ui::draw(f, &app))
                        .expect("draw");
                    (app, terminal, effects)
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    builtin_search,
    scale_search,
    render,
    render_100k,
    load,
    keystrokes,
    keystroke_echo
);
criterion_main!(benches);

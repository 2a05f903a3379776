//! The catalog cache read in place, at 100,000 rich entries: what `show CODE` pays (open the
//! mapped file, check its header and tables, find one code, check and read that entry) against
//! reading every entry, and what opening the archived search index costs (its digest, bytecheck
//! and offset checks).
//!   cargo bench --bench storage

#[path = "../tests/support/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use trtc_errors::cache::{self, CacheKey};
use trtc_errors::catalog::Catalog;
use trtc_errors::search::{Engine, SearchIndex};

fn storage(c: &mut Criterion) {
    let mut group = c.benchmark_group("storage_100k");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    let dir = tempfile::tempdir().expect("temporary directory");
    let key = CacheKey::new([("big.toml", 42)]);
    {
        let engine = Engine::new(Catalog::from_entries(synthetic::entries(100_000, 42)));
        cache::write(
            dir.path(),
            key,
            engine.catalog(),
            engine.index().archive_bytes(),
        )
        .expect("write the cache");
    }
    // `show CODE`: map, header and tables checked, one binary search, one entry checked and read.
    let code = {
        let cached = cache::read(dir.path(), key).expect("the cache reads back");
        cached.catalog.id(50_000).expect("an entry").2
    };
    group.bench_function("open_and_find_one_code", |b| {
        b.iter(|| {
            let cached = cache::read(dir.path(), key).expect("the cache reads back");
            let catalog = cached.catalog;
            let index = catalog.indices_by_code(black_box(code))[0];
            black_box(catalog.entry(index).description.zh.len())
        })
    });
    // Opening alone: map + the header's and the tables' digests + the tables' bytecheck.
    group.bench_function("open", |b| {
        b.iter(|| black_box(cache::read(dir.path(), key).expect("the cache reads back")))
    });
    // What every start paid before 0.3: every entry copied out into owned Strings.
    group.bench_function("open_and_deserialize_all", |b| {
        b.iter_with_large_drop(|| {
            let cached = cache::read(dir.path(), key).expect("the cache reads back");
            black_box(cached.catalog.entries().len());
            cached
        })
    });
    // The archived index's validation (digest, bytecheck), which a warm `search` pays once.
    group.bench_function("open_index", |b| {
        b.iter(|| {
            let cached = cache::read(dir.path(), key).expect("the cache reads back");
            let n = cached.catalog.len();
            assert!(cached.index.intact());
            black_box(SearchIndex::from_archive(cached.index, n).expect("a valid index"))
        })
    });
    // Two ways to validate all the entries' 90 MB (what the browser and `list` need, and what
    // every start paid in format 4): one checksum over the bytes, or bytecheck over every entry.
    let entries = synthetic::entries(100_000, 42);
    let archived = trtc_errors::catalog::archive::to_bytes(&entries).expect("archive");
    group.bench_function("checksum_all_entries", |b| {
        b.iter(|| black_box(xxhash_rust::xxh3::xxh3_64(&archived)))
    });
    group.bench_function("bytecheck_all_entries", |b| {
        b.iter(|| black_box(trtc_errors::catalog::archive::validate(&archived).expect("valid")))
    });
    group.finish();
}

criterion_group!(benches, storage);
criterion_main!(benches);

//! The fuzzy algorithm for keys, chosen by measurement (#22): every key and alias of a generated
//! 100,000-entry catalog scored against typical queries, once per candidate algorithm. The engine
//! ranks and highlights with one of them; this bench is why that one. Run:
//! `cargo bench --bench fuzzy` (results in target/criterion/fuzzy_keys_100k).
//!
//! The scan here has no prefilter (the engine's masks skip most names), so the absolute times are
//! an upper bound; the ratios between algorithms are what the choice rests on.

#[path = "../tests/support/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Lowercased keys and aliases, as the index holds them.
fn names() -> Vec<String> {
    synthetic::entries(100_000, 42)
        .iter()
        .flat_map(|e| e.names().map(str::to_lowercase).collect::<Vec<_>>())
        .collect()
}

const NEEDLES: &[&str] = &["sig", "signal", "jrf", "joinfail", "chanel", "expired"];

fn fuzzy_keys(c: &mut Criterion) {
    let names = names();
    let mut group = c.benchmark_group("fuzzy_keys_100k");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(300));
    for needle in NEEDLES {
        // What the engine runs per name: nucleo's scorer plus the word-alignment test.
        group.bench_with_input(
            BenchmarkId::new("engine_key_fuzzy", needle),
            needle,
            |b, n| {
                b.iter(|| {
                    names
                        .iter()
                        .filter_map(|name| trtc_errors::fuzzy::key_fuzzy(name, n, false))
                        .count()
                })
            },
        );
        let skim = SkimMatcherV2::default().ignore_case();
        group.bench_with_input(BenchmarkId::new("skim_v2_score", needle), needle, |b, n| {
            b.iter(|| {
                names
                    .iter()
                    .filter_map(|name| skim.fuzzy_match(name, n))
                    .count()
            })
        });
        group.bench_with_input(
            BenchmarkId::new("skim_v2_indices", needle),
            needle,
            |b, n| {
                b.iter(|| {
                    names
                        .iter()
                        .filter_map(|name| skim.fuzzy_indices(name, n))
                        .count()
                })
            },
        );
        let mut nucleo = Matcher::new(Config::DEFAULT);
        let mut needle_buf = Vec::new();
        let needle32 = Utf32Str::new(needle, &mut needle_buf);
        let mut buf = Vec::new();
        group.bench_with_input(BenchmarkId::new("nucleo_score", needle), needle, |b, _| {
            b.iter(|| {
                names
                    .iter()
                    .filter_map(|name| nucleo.fuzzy_match(Utf32Str::new(name, &mut buf), needle32))
                    .count()
            })
        });
        let mut indices = Vec::new();
        group.bench_with_input(
            BenchmarkId::new("nucleo_indices", needle),
            needle,
            |b, _| {
                b.iter(|| {
                    names
                        .iter()
                        .filter_map(|name| {
                            indices.clear();
                            nucleo.fuzzy_indices(
                                Utf32Str::new(name, &mut buf),
                                needle32,
                                &mut indices,
                            )
                        })
                        .count()
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("nucleo_greedy_indices", needle),
            needle,
            |b, _| {
                b.iter(|| {
                    names
                        .iter()
                        .filter_map(|name| {
                            indices.clear();
                            nucleo.fuzzy_indices_greedy(
                                Utf32Str::new(name, &mut buf),
                                needle32,
                                &mut indices,
                            )
                        })
                        .count()
                })
            },
        );
        black_box(&indices);
    }
    group.finish();
}

criterion_group!(benches, fuzzy_keys);
criterion_main!(benches);

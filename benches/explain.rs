//! In-process rows for #25: scanning a log for mentions, with and without the prefilter. Run:
//! `cargo bench --bench explain`. The whole-process comparison with `grep -nE` on a 100 MB log is
//! `scripts/bench-explain.sh`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use trtc_errors::catalog::{Catalog, Scope};
use trtc_errors::mentions::{scan, Scanner};
use trtc_errors::search::Engine;

/// About 8 MB of ordinary web-app lines with an SDK error block every 500 lines (the shapes of
/// `scripts/gen-log.py`, fixed rather than random).
fn log() -> String {
    let ordinary = [
        "2024-05-01 12:00:03.120 INFO  [http] GET /api/rooms/16388 200 4096 bytes in 12 ms",
        "[12:00:03:120] <INFO> [↑t1|alice] enterRoom() 1 [{\"sdkAppId\":1400704311,\"userId\":\"alice\",\"roomId\":5000}]",
        "2024-05-01 12:00:03.121 INFO  [stats] audio bitrate 48 kbps, video 1280x720 @ 30fps",
        "    at t.join (https://cdn.example.com/trtc.js:1:16388)",
    ];
    let errors = [
        "[12:00:04:000] <ERROR> join room failed: RtcError: join room timeout <JOIN_ROOM_FAILED 0x4004>",
        "2024-05-01 12:00:04.001 ERROR [app] {\"code\":5400,\"extraCode\":-100013}",
        "2024-05-01 12:00:04.002 ERROR [electron] onError errCode=-3301",
    ];
    let mut text = String::new();
    let mut n: usize = 0;
    while text.len() < 8 << 20 {
        n += 1;
        if n.is_multiple_of(500) {
            for e in errors {
                text.push_str(e);
                text.push('\n');
            }
        } else {
            text.push_str(ordinary[n % ordinary.len()]);
            text.push('\n');
        }
    }
    text
}

fn scan_log(c: &mut Criterion) {
    let engine = Engine::new(Catalog::builtin().expect("built-in catalog"));
    let text = log();
    let mut group = c.benchmark_group("explain_8mb");
    group
        .throughput(Throughput::Bytes(text.len() as u64))
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    for (name, prefilter) in [("prefilter", true), ("every_line", false)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut scanner = Scanner::new(&engine, Scope::default());
                scan::scan_reader(text.as_bytes(), &mut scanner, prefilter).unwrap();
                black_box(scanner.mentions())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, scan_log);
criterion_main!(benches);

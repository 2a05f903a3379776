//! Writes a synthetic catalog for benchmarks:
//!   cargo run --release --example gen_catalog -- 100000 > big.toml
//!   cargo run --release --example gen_catalog -- 100000 --lines > big.txt   (the same entries for fzf)

#[path = "../tests/support/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use std::io::Write;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count = match args.first().map(|a| a.parse::<usize>()) {
        Some(Ok(n)) => n,
        _ => {
            eprintln!("usage: gen_catalog COUNT [--lines]");
            return std::process::ExitCode::from(2);
        }
    };
    let text = if args.iter().any(|a| a == "--lines") {
        synthetic::lines(count, 42)
    } else {
        synthetic::catalog_toml(count, 42)
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_catalog: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

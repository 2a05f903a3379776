use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use trtc_errors::cli::{self, Cli, Command, EXIT_ERROR};

fn main() -> ExitCode {
    match try_main() {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("trtc-errors: {err:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn try_main() -> anyhow::Result<ExitCode> {
    keep_large_allocations_out_of_the_heap();
    let cli = Cli::parse();
    let loaded = cli::load_config(&cli);
    let session = match cli::load_session(&cli, loaded) {
        Ok(session) => session,
        Err(err) => {
            eprintln!("trtc-errors: {err}");
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    };
    let interactive = io::stdout().is_terminal() && io::stdin().is_terminal();
    match &cli.command {
        None | Some(Command::Tui { .. }) if !interactive => {
            eprintln!(
                "trtc-errors: the interactive browser needs a terminal; try `trtc-errors search QUERY` or `trtc-errors --help`"
            );
            Ok(ExitCode::from(EXIT_ERROR))
        }
        None => trtc_errors::tui::run(session, None),
        Some(Command::Tui { query }) => trtc_errors::tui::run(session, query.clone()),
        Some(command) => {
            let mut out = BufWriter::new(io::stdout().lock());
            let code = cli::run_command(&session, command, &mut out)?;
            out.flush()?;
            Ok(code)
        }
    }
}

/// `trtc-errors search x | head -1` closes the pipe early; that is not an error worth a message.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// glibc raises its mmap threshold each time a large block is freed, so after parsing a big catalog
/// (a 26 MB file, 22 MB of tokens) later large blocks land in the heap and freed memory stays
/// resident: a 100,000-entry load peaked at 266 MB for 105 MB of live data. A fixed threshold keeps
/// large blocks in mmap, returned to the system when freed (149 MB peak).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_large_allocations_out_of_the_heap() {
    // SAFETY: mallopt only changes an allocator parameter; it is called before any other thread
    // exists and takes no pointers.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_large_allocations_out_of_the_heap() {}

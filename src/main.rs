use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use trtc_errors::cli::output::{self, TrackedOutput};
use trtc_errors::cli::pager::{self, Paging, Screen};
use trtc_errors::cli::{self, commands, Cli, Command, EXIT_ERROR};
use trtc_errors::session;

fn main() -> ExitCode {
    match try_main() {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            cli::warn(&format!("{err:#}"));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn try_main() -> anyhow::Result<ExitCode> {
    keep_large_allocations_out_of_the_heap();
    let (args, implicit_show) = cli::args::with_implicit_show(std::env::args_os().collect());
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => return Ok(print_usage(&err)),
    };
    if let (Some(sdk), Some(v)) = (cli.sdk, cli.sdk_version) {
        if v.family() != Some(sdk.into()) {
            cli::warn(&format!(
                "--sdk-version {v} is not a version of the --sdk family"
            ));
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    }
    if let Some(command) = &cli.command {
        let mut out = BufWriter::new(TrackedOutput::new(io::stdout().lock()));
        if let Some(result) = commands::run_without_catalog(command, &mut out) {
            let result = result.and_then(|code| {
                out.flush()?;
                Ok(code)
            });
            return result.map_err(|e| output::classify(e, out.get_ref().failed()));
        }
    }
    let options = cli.options();
    let paging = Paging::from(cli.paging);
    let loaded = session::load_config(options.no_config);
    if let Some(Command::Pick { query }) = &cli.command {
        let query = query.clone();
        return browser::pick(
            move || {
                let session = session::load(&options, loaded, true)?;
                session.catalog().prepare_lookups();
                Ok(session)
            },
            query,
        );
    }
    // The browser loads the catalogs behind its first frame ("Loading catalogs…").
    if let (true, None | Some(Command::Tui { .. })) = (
        io::stdout().is_terminal() && io::stdin().is_terminal(),
        &cli.command,
    ) {
        let query = match cli.command {
            Some(Command::Tui { query }) => query,
            _ => None,
        };
        return browser::run_loading(
            move || {
                let session = session::load(&options, loaded, true)?;
                // Built here, behind the loading frame, not on the first detail view (80 ms at 100k).
                session.catalog().prepare_lookups();
                Ok(session)
            },
            query,
        );
    }
    let mut progress = session::stderr_progress();
    let session = match session::load_reporting(
        &options,
        loaded,
        io::stdout().is_terminal(),
        &mut progress,
    ) {
        Ok(session) => session,
        Err(err) => {
            cli::warn(&err.to_string());
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    };
    for w in &session.config.warnings {
        cli::warn(&format!("warning: {w}"));
    }
    let stdin_is_terminal = io::stdin().is_terminal();
    let interactive = io::stdout().is_terminal() && stdin_is_terminal;
    // `… | trtc-errors` explains what was piped in; `trtc-errors 16388` shows the code.
    let command = match cli.command {
        Some(Command::Show { codes }) if implicit_show => {
            if let Some(code) = cli::commands::mistyped_command(&session, &codes[0]) {
                return Ok(code);
            }
            Command::Show { codes }
        }
        Some(command) => command,
        None if !stdin_is_terminal => {
            Command::Explain(trtc_errors::cli::explain::ExplainArgs::stdin())
        }
        None => Command::Tui { query: None },
    };
    match command {
        Command::Tui { query } if !cfg!(feature = "tui") => browser::run(session, query),
        Command::Tui { .. } if !interactive => {
            cli::warn("the interactive browser needs a terminal; try `trtc-errors search QUERY` or `trtc-errors --help`");
            Ok(ExitCode::from(EXIT_ERROR))
        }
        Command::Tui { query } => browser::run(session, query),
        command => {
            let screen = Screen::of_stdout();
            let mut out = BufWriter::new(TrackedOutput::new(io::stdout().lock()));
            let result = if pages(&command) && paging != Paging::Never && screen.is_some() {
                // Rendered whole first, to know whether it fits on the screen.
                let mut page = Vec::new();
                commands::run(&session, &command, screen.map(|s| s.columns), &mut page).and_then(
                    |code| {
                        pager::show(&page, paging, screen, &mut out)?;
                        out.flush()?;
                        Ok(code)
                    },
                )
            } else {
                commands::run(&session, &command, screen.map(|s| s.columns), &mut out).and_then(
                    |code| {
                        out.flush()?;
                        Ok(code)
                    },
                )
            };
            let result = result.map_err(|e| output::classify(e, out.get_ref().failed()));
            // The process ends here: freeing 100,000 entries one string at a time would only
            // delay the exit (a tenth of a whole `search` at 100,000 entries).
            std::mem::forget(session);
            result
        }
    }
}

/// The interactive browser, or in a build without it (`--no-default-features`) a word on how to
/// get it: exit 2, as for any other request this binary cannot serve.
#[cfg(feature = "tui")]
mod browser {
    pub use trtc_errors::tui::{pick, run, run_loading};
}

#[cfg(not(feature = "tui"))]
mod browser {
    use std::process::ExitCode;

    use trtc_errors::catalog::CatalogError;
    use trtc_errors::cli::{self, EXIT_ERROR};
    use trtc_errors::session::Session;

    /// What `tui`, `pick` and a bare `trtc-errors` on a terminal say in this build.
    fn not_built() -> anyhow::Result<ExitCode> {
        cli::warn(
            "the interactive browser (`tui`, `pick`, or `trtc-errors` alone on a terminal) is not \
             in this build: it was built without the cargo feature `tui`. `cargo install \
             trtc-errors` builds it in; without it, use `trtc-errors search QUERY`, `show CODE` \
             or `explain` (see --help)",
        );
        Ok(ExitCode::from(EXIT_ERROR))
    }

    pub fn pick(
        _load: impl FnOnce() -> Result<Session, CatalogError>,
        _query: Option<String>,
    ) -> anyhow::Result<ExitCode> {
        not_built()
    }

    pub fn run_loading(
        _load: impl FnOnce() -> Result<Session, CatalogError>,
        _query: Option<String>,
    ) -> anyhow::Result<ExitCode> {
        not_built()
    }

    pub fn run(_session: Session, _query: Option<String>) -> anyhow::Result<ExitCode> {
        not_built()
    }
}

/// Commands whose output a person reads page by page; a followed log streams, scripts and man
/// pages are not paged.
fn pages(command: &Command) -> bool {
    match command {
        Command::Explain(args) => !args.follow,
        Command::Show { .. } | Command::Search { .. } | Command::List { .. } => true,
        _ => false,
    }
}

/// Help and version go to stdout; a failed write (a full disk) is an error, a closed pipe is not.
/// Usage errors go to stderr with exit 2.
fn print_usage(err: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let text = err.render().to_string();
            let mut out = io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    let what = if err.kind() == ErrorKind::DisplayVersion {
                        "the version"
                    } else {
                        "the help text"
                    };
                    cli::warn(&format!("cannot write {what}: {e}"));
                    ExitCode::from(EXIT_ERROR)
                }
            }
        }
        _ => {
            let _ = err.print();
            ExitCode::from(EXIT_ERROR)
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
/// later large blocks land in the heap and freed memory stays resident: a 100,000-entry load peaked
/// at 266 MB for 105 MB of live data. A fixed threshold keeps large blocks in mmap, returned to the
/// system when freed (149 MB peak).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_large_allocations_out_of_the_heap() {
    // SAFETY: mallopt only changes an allocator parameter; it is called before any other thread
    // exists and takes no pointers.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
        // Each extra malloc arena reserves 64 MiB of address space; under `ulimit -v` a handful
        // of threads would exhaust it with memory nobody uses. Two arenas serve two cores.
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_large_allocations_out_of_the_heap() {}

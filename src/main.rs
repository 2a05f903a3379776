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

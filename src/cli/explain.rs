//! `explain`: codes in text from an argument, files, a pipe, or a file that keeps growing
//! (`--follow`, in `follow.rs`).
//!
//! Input is read in blocks and never held whole: `explain < /dev/urandom` holds one block, one
//! line (at most [`MAX_LINE_BYTES`]) and what it has found. Lines no rule could read a code on are
//! rejected by the prefilter (`mentions::scan`) before the rules run. Bytes that are not UTF-8 are
//! decoded lossily, never an error.

use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use super::{warn, EXIT_ERROR, EXIT_FOUND, EXIT_NOT_FOUND};
use crate::mentions::{self, scan, Mention, RenderOptions, Scanner, SummaryOrder, UnknownMention};
use crate::render::Format;
use crate::sanitize::sanitize;
use crate::session::Session;

pub use crate::mentions::MAX_LINE_BYTES;

/// `explain`'s arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct ExplainArgs {
    /// Files to read (`-` is standard input), or the text itself when the first argument names
    /// no existing file; standard input when left out. With --follow: one file to follow.
    #[arg(value_name = "FILE|TEXT")]
    pub text: Vec<String>,
    /// Keep reading as the input grows, like `tail -F`: a file is followed by name from its
    /// current end (through truncation and rotation); each new code is printed as it appears;
    /// JSON is one object per line.
    #[arg(long)]
    pub follow: bool,
    /// With --follow FILE: explain what the file already holds first, then follow it.
    #[arg(long, requires = "follow")]
    pub from_start: bool,
    /// One row per code: how many lines named it, the first and last line, the evidence kinds,
    /// and the first and last time when the lines start with timestamps.
    #[arg(long, conflicts_with = "follow")]
    pub summary: bool,
    /// The order of --summary rows: `first` (first appearance, the default) or `count` (most
    /// frequent first).
    #[arg(long, value_enum, default_value = "first", requires = "summary")]
    pub sort: SortArg,
    /// Print credentials (userSig, privateMapKey, SecretKey) as they appear in the input; by
    /// default they are masked (`eJw…[userSig, 180 chars]`).
    #[arg(long)]
    pub show_secrets: bool,
    /// Run every rule on every line (for checking the prefilter; the answer is the same).
    #[arg(long, hide = true)]
    pub no_prefilter: bool,
}

impl ExplainArgs {
    /// `explain` on what was piped in (no command given).
    pub fn stdin() -> ExplainArgs {
        ExplainArgs {
            text: Vec::new(),
            follow: false,
            from_start: false,
            summary: false,
            sort: SortArg::First,
            show_secrets: false,
            no_prefilter: false,
        }
    }

    pub(super) fn options<'a>(
        &self,
        session: &Session,
        file: Option<&'a str>,
        columns: Option<usize>,
    ) -> RenderOptions<'a> {
        RenderOptions {
            format: session.format,
            lang: session.lang,
            color: session.color,
            file,
            show_secrets: self.show_secrets,
            version: session.scope.version,
            columns,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortArg {
    First,
    Count,
}

/// One input of `explain`.
enum Input<'a> {
    Stdin,
    File(&'a str),
}

/// Arguments that name files (`-` or an existing path, judged by the first) are read as files;
/// anything else is the text to explain, as before.
fn inputs(text: &[String]) -> Option<Vec<Input<'_>>> {
    let first = text.first()?;
    let is_file = first == "-" || fs::symlink_metadata(first).is_ok();
    is_file.then(|| {
        text.iter()
            .map(|t| {
                if t == "-" {
                    Input::Stdin
                } else {
                    Input::File(t)
                }
            })
            .collect()
    })
}

/// Scans one file to its end; an error names the file.
fn scan_file(path: &str, scanner: &mut Scanner, prefilter: bool) -> Result<(), String> {
    let shown = sanitize(path).into_owned();
    crate::read_limited::check_regular_file(Path::new(path))
        .map_err(|e| format!("{shown}: {e}"))?;
    let file = crate::read_limited::open_for_reading(Path::new(path))
        .map_err(|e| format!("{shown}: cannot read: {e}"))?;
    scan::scan_reader(file, scanner, prefilter).map_err(|e| format!("{shown}: cannot read: {e}"))
}

fn scan_stdin(scanner: &mut Scanner, prefilter: bool) -> Result<(), String> {
    if io::IsTerminal::is_terminal(&io::stdin()) {
        warn("reading the text to explain from the terminal; end it with Ctrl-D (or pass it as an argument)");
    }
    scan::scan_reader(io::stdin().lock(), scanner, prefilter)
        .map_err(|e| format!("cannot read the input (standard input): {e}"))
}

/// `explain TEXT…`, `explain FILE…` or `explain` reading standard input: every mention, surest
/// first, each with how often it appeared; or with `--summary`, one row per code.
/// `columns`: the terminal's width when `out` is one (values wrap inside their column).
pub fn run(
    session: &Session,
    args: &ExplainArgs,
    columns: Option<usize>,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    if args.follow {
        return super::follow::run(session, args, out);
    }
    let prefilter = !args.no_prefilter;
    // Each input is scanned on its own (its own line numbers), labelled when there are several.
    let mut results: Vec<(Option<String>, Found)> = Vec::new();
    match inputs(&args.text) {
        None if args.text.is_empty() => {
            let mut scanner = Scanner::new(&session.engine, session.scope);
            if let Err(e) = scan_stdin(&mut scanner, prefilter) {
                warn(&e);
                return Ok(ExitCode::from(EXIT_ERROR));
            }
            results.push((None, Found::of(&scanner)));
        }
        None => {
            let mut scanner = Scanner::new(&session.engine, session.scope);
            for line in mentions::lines(&args.text.join(" ")) {
                scanner.push_line(line);
            }
            results.push((None, Found::of(&scanner)));
        }
        Some(inputs) => {
            let several = inputs.len() > 1;
            for input in &inputs {
                let mut scanner = Scanner::new(&session.engine, session.scope);
                let (name, result) = match input {
                    Input::Stdin => ("-", scan_stdin(&mut scanner, prefilter)),
                    Input::File(path) => (*path, scan_file(path, &mut scanner, prefilter)),
                };
                if let Err(e) = result {
                    warn(&e);
                    return Ok(ExitCode::from(EXIT_ERROR));
                }
                results.push((several.then(|| name.to_string()), Found::of(&scanner)));
            }
        }
    }
    if results.iter().all(|(_, f)| f.is_empty()) {
        warn("no known error code found in the text");
        if session.format == Format::Json {
            writeln!(out, "[]")?;
        }
        return Ok(ExitCode::from(EXIT_NOT_FOUND));
    }
    if args.summary {
        let order = match args.sort {
            SortArg::First => SummaryOrder::FirstSeen,
            SortArg::Count => SummaryOrder::Count,
        };
        let files: Vec<(Option<&str>, &[Mention], &[UnknownMention])> = results
            .iter()
            .map(|(f, found)| {
                (
                    f.as_deref(),
                    found.mentions.as_slice(),
                    found.unknown.as_slice(),
                )
            })
            .collect();
        write!(
            out,
            "{}",
            mentions::render_summary(&files, session.catalog(), order, session.format)
        )?;
        return Ok(ExitCode::from(EXIT_FOUND));
    }
    if session.format == Format::Json && results.len() > 1 {
        // One array for all files; each object says its file.
        let mut items: Vec<serde_json::Value> = Vec::new();
        for (file, found) in &results {
            let o = args.options(session, file.as_deref(), columns);
            for m in &found.mentions {
                items.push(serde_json::from_str(&mentions::json_line_with(
                    m,
                    session.catalog(),
                    &o,
                ))?);
            }
            for u in &found.unknown {
                items.push(serde_json::from_str(&mentions::unknown_json_line_with(
                    u, &o,
                ))?);
            }
        }
        writeln!(out, "{}", crate::render::json::to_json(&items))?;
        return Ok(ExitCode::from(EXIT_FOUND));
    }
    let mut first = true;
    for (file, found) in &results {
        if found.is_empty() {
            continue;
        }
        if !first {
            writeln!(out)?;
        }
        first = false;
        let o = args.options(session, file.as_deref(), columns);
        write!(
            out,
            "{}",
            mentions::render_with(&found.mentions, &found.unknown, session.catalog(), &o)
        )?;
    }
    Ok(ExitCode::from(EXIT_FOUND))
}

/// What one input's scan found: the codes the catalog explains and those it lacks (rule 8).
struct Found {
    mentions: Vec<Mention>,
    unknown: Vec<UnknownMention>,
}

impl Found {
    fn of(scanner: &Scanner) -> Found {
        Found {
            mentions: scanner.mentions(),
            unknown: scanner.unknown_mentions(),
        }
    }

    fn is_empty(&self) -> bool {
        self.mentions.is_empty() && self.unknown.is_empty()
    }
}

/// What `explain` prints for these mentions: also what the TUI copies for a paste.
pub fn render(session: &Session, found: &[Mention]) -> String {
    mentions::render(
        found,
        &[],
        session.catalog(),
        session.format,
        session.lang,
        session.color,
    )
}

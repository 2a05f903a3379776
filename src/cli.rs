//! The command line: clap definitions and the non-interactive commands. Every command calls the same
//! core functions as the TUI; this file only parses, prints and picks exit codes.

use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{CommandFactory, Parser, Subcommand};

use crate::catalog::{self, Catalog, CatalogEntry, Category};
use crate::config::{self, ColorChoice, LoadedConfig};
use crate::explain::find_mentions;
use crate::format::{self, EntryJson, Format, Lang};
use crate::query::Query;
use crate::search::{Highlights, Hit, SearchIndex};
use crate::width::width;

/// Exit code: something was found / the command succeeded.
pub const EXIT_FOUND: u8 = 0;
/// Exit code: the query or code matched nothing.
pub const EXIT_NOT_FOUND: u8 = 1;
/// Exit code: bad usage, or a catalog file could not be loaded.
pub const EXIT_ERROR: u8 = 2;

const AFTER_HELP: &str = "\
Examples:
  trtc-errors                          open the interactive browser
  trtc-errors show 16388               the code the browser console printed (= 0x4004)
  trtc-errors show 0x4004 70001        several codes at once
  trtc-errors show SIGNAL_CAHNNEL_SETUP_FAILED
  trtc-errors search 过期 --format markdown
  trtc-errors search guoqi             pinyin works too (full or initials: gq)
  trtc-errors search 'join fail'       every word must match; 'exact ^prefix suffix$ !not
  trtc-errors list --category account --format json
  pbpaste | trtc-errors explain        explain every code found in a pasted log
  trtc-errors tui --query 签名          open the browser with a query typed in
  trtc-errors --catalog team.toml list  add your own catalog file
  trtc-errors config show              the settings in effect and where they come from
  trtc-errors completions bash > ~/.local/share/bash-completion/completions/trtc-errors
  trtc-errors man > ~/.local/share/man/man1/trtc-errors.1

Exit codes:
  0  found (or the command succeeded)
  1  nothing found
  2  usage error, or a catalog file could not be loaded

Config: ~/.config/trtc-errors/config.toml (see `trtc-errors config path`).";

/// Look up, search and explain TRTC Web SDK 4.x error codes.
///
/// Holds every SDK `RtcError` code (0x1000 … 0xFFFF) and every account / userSig code (70001 …, -8),
/// finds any of them by hex, by the decimal the browser console prints, by key, by a Chinese word,
/// by pinyin or by English, and explains it in text, Markdown or JSON. With no command on a
/// terminal it opens an interactive browser.
#[derive(Debug, Parser)]
#[command(name = "trtc-errors", version, about, long_about, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Load more entries from this catalog file (repeatable); same category + code replaces.
    #[arg(long = "catalog", value_name = "FILE", global = true)]
    pub catalogs: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, global = true)]
    pub format: Option<Format>,

    /// Description language: Chinese, English or both [default: config, else both].
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,

    /// Colour: auto = only on a terminal and when NO_COLOR is unset.
    #[arg(long, value_enum, global = true)]
    pub color: Option<ColorChoice>,

    /// Ignore the config file and the config catalogs directory.
    #[arg(long, global = true)]
    pub no_config: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Explain codes exactly: 0x4004, 4004, 16388, 70001, -8, JOIN_ROOM_FAILED.
    Show {
        /// Codes (hex, decimal, bare hex) or keys.
        #[arg(
            required = true,
            value_name = "CODE|KEY",
            allow_negative_numbers = true
        )]
        codes: Vec<String>,
    },
    /// Ranked search over codes, keys, Chinese and English descriptions, and pinyin.
    Search {
        /// The query; several words must all match.
        #[arg(required = true, value_name = "QUERY", allow_negative_numbers = true)]
        query: Vec<String>,
        /// Only this category.
        #[arg(long, value_enum)]
        category: Option<CategoryArg>,
        /// Show at most this many results.
        #[arg(long, short = 'n')]
        limit: Option<usize>,
    },
    /// The whole catalog, by category then code.
    List {
        /// Only this category.
        #[arg(long, value_enum)]
        category: Option<CategoryArg>,
    },
    /// Find and explain every code mentioned in a pasted log or stack trace (stdin if no TEXT).
    Explain {
        /// The text; read from standard input when left out.
        text: Vec<String>,
    },
    /// Open the interactive browser.
    Tui {
        /// Start with this query typed in.
        #[arg(long, short = 'q')]
        query: Option<String>,
    },
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
    /// Where the config file is, and what is in effect.
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Maintainers: compare a published SDK's ErrorCode map with the catalog.
    #[command(hide = true)]
    SdkDiff {
        /// A trtc.js / trtc.esm.js / index.d.ts from `npm pack trtc-js-sdk@VERSION`.
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print the config file's path.
    Path,
    /// Print the settings in effect.
    Show,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CategoryArg {
    Sdk,
    Account,
}

impl From<CategoryArg> for Category {
    fn from(c: CategoryArg) -> Category {
        match c {
            CategoryArg::Sdk => Category::Sdk,
            CategoryArg::Account => Category::Account,
        }
    }
}

/// Everything a command needs: the merged catalog, its index, and the settings in effect.
pub struct Session {
    pub catalog: Catalog,
    pub index: SearchIndex,
    pub format: Format,
    pub lang: Lang,
    pub color: bool,
    pub config: LoadedConfig,
}

/// The config (unless `--no-config`), its warnings printed to stderr.
pub fn load_config(cli: &Cli) -> LoadedConfig {
    if cli.no_config {
        return LoadedConfig::default();
    }
    let loaded = config::load();
    for w in &loaded.warnings {
        eprintln!("trtc-errors: warning: {w}");
    }
    loaded
}

/// Loads the catalog: built-in, then config catalogs (broken ones are skipped with a warning),
/// then `--catalog` files (broken ones are an error).
pub fn load_session(cli: &Cli, loaded: LoadedConfig) -> Result<Session, catalog::CatalogError> {
    let mut catalog = Catalog::builtin()?;
    for file in loaded.catalog_files() {
        if let Err(e) = catalog.load_file(&file) {
            eprintln!("trtc-errors: warning: skipping config catalog: {e}");
        }
    }
    for file in &cli.catalogs {
        catalog.load_file(file)?;
    }
    let index = SearchIndex::new(&catalog);
    let color_choice = cli.color.or(loaded.config.color).unwrap_or_default();
    Ok(Session {
        index,
        catalog,
        format: cli.format.unwrap_or_default(),
        lang: cli.lang.or(loaded.config.lang).unwrap_or_default(),
        color: color_choice.enabled(io::stdout().is_terminal()),
        config: loaded,
    })
}

/// Runs a non-interactive command, writing to `out`. Errors are I/O errors on `out`.
pub fn run_command(
    session: &Session,
    command: &Command,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    match command {
        Command::Show { codes } => show(session, codes, out),
        Command::Search {
            query,
            category,
            limit,
        } => search(
            session,
            &query.join(" "),
            category.map(Category::from),
            *limit,
            out,
        ),
        Command::List { category } => list(session, category.map(Category::from), out),
        Command::Explain { text } => {
            let text = if text.is_empty() {
                let mut buf = String::new();
                io::stdin()
                    .read_to_string(&mut buf)
                    .context("reading the text to explain from standard input")?;
                buf
            } else {
                text.join(" ")
            };
            explain(session, &text, out)
        }
        Command::Config { action } => {
            match action {
                ConfigAction::Path => {
                    let path = session
                        .config
                        .path
                        .clone()
                        .or_else(|| config::config_dir().map(|d| d.join("config.toml")));
                    match path {
                        Some(p) => writeln!(out, "{}", p.display())?,
                        None => writeln!(out, "(no config directory on this system)")?,
                    }
                }
                ConfigAction::Show => {
                    let files = session.config.catalog_files();
                    write!(out, "{}", config::describe(&session.config, &files))?;
                }
            }
            Ok(ExitCode::from(EXIT_FOUND))
        }
        Command::Completions { shell } => {
            clap_complete::generate(*shell, &mut Cli::command(), "trtc-errors", out);
            Ok(ExitCode::from(EXIT_FOUND))
        }
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(out)?;
            Ok(ExitCode::from(EXIT_FOUND))
        }
        Command::SdkDiff { file } => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("reading {}", file.display()))?;
            let map = crate::sdk_map::extract(&text)
                .with_context(|| format!("{}: no ErrorCode map found", file.display()))?;
            let report = crate::sdk_map::diff(&map, &session.catalog);
            write!(out, "{}", crate::sdk_map::render(&report))?;
            Ok(ExitCode::from(if report.is_empty() {
                EXIT_FOUND
            } else {
                EXIT_NOT_FOUND
            }))
        }
        Command::Tui { .. } => Ok(ExitCode::from(EXIT_ERROR)),
    }
}

/// Entries named exactly by `arg`: any numeric reading that names a known code, or a key / alias.
pub fn lookup(session: &Session, arg: &str) -> Vec<Hit> {
    let query = Query::parse(arg);
    // Only the code readings: a full text search would score every entry to keep none of them.
    let mut hits = session.index.code_hits(&session.catalog, &query, None);
    for &index in session.catalog.indices_by_name(query.text.trim()) {
        if !hits.iter().any(|h| h.index == index) {
            hits.push(Hit {
                index,
                score: 0,
                kind: Some(crate::search::MatchKind::ExactKey),
                reading: None,
            });
        }
    }
    hits
}

fn show(session: &Session, args: &[String], out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let mut found: Vec<Hit> = Vec::new();
    let mut missing = false;
    for arg in args {
        let hits = lookup(session, arg);
        if hits.is_empty() {
            eprintln!("trtc-errors: no such code or key: {arg:?} (try `trtc-errors search {arg}`)");
            missing = true;
        }
        if hits.len() > 1 {
            let names: Vec<String> = hits
                .iter()
                .map(|h| {
                    let e = &session.catalog.entries()[h.index];
                    match h.reading {
                        Some(r) => format!("{} ({})", e.display, format::reading_note(&r)),
                        None => e.display.clone(),
                    }
                })
                .collect();
            eprintln!(
                "trtc-errors: {arg} names {} codes: {}",
                hits.len(),
                names.join(", ")
            );
        }
        for hit in hits {
            if !found.iter().any(|f| f.index == hit.index) {
                found.push(hit);
            }
        }
    }
    print_entries(session, &found, false, out)?;
    let code = if missing || found.is_empty() {
        EXIT_NOT_FOUND
    } else {
        EXIT_FOUND
    };
    Ok(ExitCode::from(code))
}

/// Full explanations of `hits`, in the session's format.
fn print_entries(
    session: &Session,
    hits: &[Hit],
    ranked: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let entries = session.catalog.entries();
    match session.format {
        Format::Json => {
            // Only `search` ranks, so only its JSON carries score, matched_by and reading.
            let items: Vec<EntryJson> = hits
                .iter()
                .map(|h| {
                    let json = EntryJson::new(&entries[h.index]);
                    if ranked {
                        json.with_hit(h)
                    } else {
                        json
                    }
                })
                .collect();
            writeln!(out, "{}", format::to_json(&items))
        }
        Format::Text | Format::Markdown => {
            for (n, hit) in hits.iter().enumerate() {
                if n > 0 {
                    writeln!(out)?;
                }
                let entry = &entries[hit.index];
                let text = format::explain(entry, &session.catalog, session.format, session.lang);
                if session.color && session.format == Format::Text {
                    write_coloured_explanation(&text, out)?;
                } else {
                    write!(out, "{text}")?;
                }
            }
            Ok(())
        }
    }
}

/// The headline bold, labels dim; the words are the same as the plain text.
fn write_coloured_explanation(text: &str, out: &mut dyn Write) -> io::Result<()> {
    for (n, line) in text.lines().enumerate() {
        if n == 0 {
            writeln!(out, "\x1b[1m{line}\x1b[0m")?;
        } else if let Some((label, value)) = line.split_once(':') {
            writeln!(out, "\x1b[36m{label}:\x1b[0m{value}")?;
        } else {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

fn search(
    session: &Session,
    query_text: &str,
    category: Option<Category>,
    limit: Option<usize>,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let query = Query::parse(query_text);
    let mut hits = session.index.search(&session.catalog, &query, category);
    if let Some(limit) = limit {
        hits.truncate(limit);
    }
    if hits.is_empty() {
        eprintln!("trtc-errors: nothing matches {query_text:?}");
        return Ok(ExitCode::from(EXIT_NOT_FOUND));
    }
    match session.format {
        Format::Text => write_result_lines(session, &hits, Some(&query), out)?,
        _ => print_entries(session, &hits, true, out)?,
    }
    Ok(ExitCode::from(EXIT_FOUND))
}

fn list(
    session: &Session,
    category: Option<Category>,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let hits = session
        .index
        .search(&session.catalog, &Query::default(), category);
    match session.format {
        Format::Text => write_result_lines(session, &hits, None, out)?,
        _ => print_entries(session, &hits, false, out)?,
    }
    Ok(ExitCode::from(if hits.is_empty() {
        EXIT_NOT_FOUND
    } else {
        EXIT_FOUND
    }))
}

/// One aligned line per hit: code, key (or type), description; matches highlighted when coloured.
fn write_result_lines(
    session: &Session,
    hits: &[Hit],
    query: Option<&Query>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let entries = session.catalog.entries();
    let code_width = hits
        .iter()
        .map(|h| width(&entries[h.index].display))
        .max()
        .unwrap_or(0);
    let title_width = hits
        .iter()
        .map(|h| width(entries[h.index].title()))
        .max()
        .unwrap_or(0)
        .min(40);
    for hit in hits {
        let entry = &entries[hit.index];
        let lights = match query {
            Some(q) if session.color => session.index.highlights(&session.catalog, hit, q),
            _ => Highlights::default(),
        };
        let description = match session.lang {
            Lang::En => entry
                .description_en
                .as_deref()
                .unwrap_or(&entry.description_zh),
            _ => &entry.description_zh,
        };
        let desc_lights = if session.lang == Lang::En && entry.description_en.is_some() {
            &lights.description_en
        } else {
            &lights.description_zh
        };
        let code = paint(&entry.display, &lights.display, session.color);
        let title = paint(
            entry.title(),
            &lights.key,
            session.color && entry.key.is_some(),
        );
        let mut line = format!(
            "{}{}  {}{}  {}",
            code,
            " ".repeat(code_width.saturating_sub(width(&entry.display))),
            title,
            " ".repeat(title_width.saturating_sub(width(entry.title()))),
            paint(description, desc_lights, session.color)
        );
        if let Some(reading) = hit
            .reading
            .as_ref()
            .filter(|r| format::reading_is_informative(entry, r))
        {
            line.push_str(&format!("  [{}]", format::reading_note(reading)));
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// `text` with the chars at `positions` in bold yellow (bold alone survives a colourless theme).
fn paint(text: &str, positions: &[usize], color: bool) -> String {
    if !color || positions.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + positions.len() * 8);
    for (i, c) in text.chars().enumerate() {
        if positions.binary_search(&i).is_ok() {
            out.push_str("\x1b[1;33m");
            out.push(c);
            out.push_str("\x1b[0m");
        } else {
            out.push(c);
        }
    }
    out
}

fn explain(session: &Session, text: &str, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let mentions = find_mentions(text, &session.catalog);
    if mentions.is_empty() {
        eprintln!("trtc-errors: no known error code found in the text");
        return Ok(ExitCode::from(EXIT_NOT_FOUND));
    }
    let entries = session.catalog.entries();
    match session.format {
        Format::Json => {
            let items: Vec<serde_json::Value> = mentions
                .iter()
                .map(|m| {
                    serde_json::json!({
                        "line_number": m.line_number,
                        "line": crate::sanitize::sanitize(&m.line),
                        "token": m.token,
                        "entry": EntryJson::new(&entries[m.index]),
                    })
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&items)?)?;
        }
        Format::Text | Format::Markdown => {
            for (n, m) in mentions.iter().enumerate() {
                if n > 0 {
                    writeln!(out)?;
                }
                let line = crate::sanitize::sanitize(&m.line);
                if session.format == Format::Markdown {
                    writeln!(
                        out,
                        "> line {}: `{}`\n",
                        m.line_number,
                        line.replace('`', "'")
                    )?;
                } else {
                    writeln!(out, "line {}: {}", m.line_number, line)?;
                }
                let entry: &CatalogEntry = &entries[m.index];
                write!(
                    out,
                    "{}",
                    format::explain(entry, &session.catalog, session.format, session.lang)
                )?;
            }
        }
    }
    Ok(ExitCode::from(EXIT_FOUND))
}

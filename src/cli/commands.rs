//! One function per command. Each prints through the shared renderers and returns the exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Context;
use clap::CommandFactory;

use super::args::{Cli, Command, ConfigAction};
use super::explain;
use super::{completions, config_show, warn, EXIT_ERROR, EXIT_FOUND, EXIT_NOT_FOUND};
use crate::catalog::{key_in, Category, Scope};
use crate::explanation;
use crate::query::Query;
use crate::render::json::{to_json, EntryJson};
use crate::render::rows::{result_row, ResultRow, RowWidths};
use crate::render::{self, Format};
use crate::search::{Highlights, Hit};
use crate::session::Session;
use crate::width::width;

pub const SEARCH_HELP: &str = "\
Query syntax (fzf style):
  join fail        every word must match (AND): in a key, code, description, pinyin, keyword, advice
  'word            the text contains `word` as typed
  ^word            a key, code or description starts with `word`
  word$            a key, code or description ends with `word`
  !word            leave out entries that contain `word`; negations alone: everything else
  a b | c          either side matches (OR; spaces around | optional); each side is ANDed
  0x4004 70001     several codes, by spaces or commas (0x4004,70001): each one is found
  16388 4004 -8    a code in any reading: hex, the decimal the console prints, hex without 0x

Best first. JSON's `matched_by` says how: code, exact key, prefix, exact, suffix, fuzzy key,
description, keyword, fuzzy description, pinyin, advice, loose fuzzy key, not excluded.

Examples:
  trtc-errors search 过期
  trtc-errors search guoqi                  pinyin, full or initials (gq)
  trtc-errors search join fail -n 3         the best three
  trtc-errors search \"'CDN\"                 exactly CDN
  trtc-errors search ^STOP                  keys that start with STOP
  trtc-errors search 'TIMEOUT$'             keys that end with TIMEOUT
  trtc-errors search 'timeout !server'      timeouts, not the server's
  trtc-errors search '!account' --sdk web4  4.x codes that are not about the account
  trtc-errors search 'kicked | banned' -f json
  trtc-errors search '0x4004 | 70001'
  trtc-errors search 0x4004,70001
  trtc-errors search firewall --sdk web5    words of the advice and keywords count too
  trtc-errors search -n 0 expired           every hit (0: no limit, the default)";

pub const EXPLAIN_HELP: &str = "\
What counts as a code mention (nothing else does):
  a hex code of the catalog            0x4004
  a key as a whole identifier          JOIN_ROOM_FAILED (one-word keys only in a code context)
  a number in a code context           code 16388, code: 16388, <code 0x4004>, \"errorCode\":70001,
                                       errCode=-8, getCode() => 16388, extraCode: 70001, RtcError … 16388
  the SDK's own message text           'sdkAppId' is a required param when calling enterRoom() …
Bare numbers (ports, sizes, ids, timestamps) and plain English words are not mentions.

Examples:
  pbpaste | trtc-errors explain
  trtc-errors explain 'RtcError: join room failed code: 16388'
  tail -f app.log | trtc-errors explain --follow";

/// Runs a non-interactive command, writing to `out`. Errors are I/O errors on `out`.
pub fn run(session: &Session, command: &Command, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    match command {
        Command::Show { codes } | Command::Code(codes) => show(session, codes, out),
        Command::Search {
            query,
            category,
            limit,
        } => {
            let mut scope = session.scope;
            scope.category = category.map(Category::from);
            search(session, &query.join(" "), scope, *limit, out)
        }
        Command::List { category } => {
            let mut scope = session.scope;
            scope.category = category.map(Category::from);
            list(session, scope, out)
        }
        Command::Explain { text, follow } if *follow => match explain::follow_target(text) {
            Ok(file) => explain::follow(session, file, out),
            Err(code) => Ok(ExitCode::from(code)),
        },
        Command::Explain { text, .. } => explain::run(session, text, out),
        Command::Config { action } => config_command(session, action, out),
        Command::Completions { shell } => {
            // Written here, not by the generator: it panics on a write error (a closed pipe).
            out.write_all(&completions::script(*shell))?;
            Ok(ExitCode::from(EXIT_FOUND))
        }
        Command::Man => {
            // Rendered whole first, so a failed write is one error from one place.
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page)?;
            out.write_all(&page)?;
            Ok(ExitCode::from(EXIT_FOUND))
        }
        Command::SdkDiff { file } => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("reading {}", file.display()))?;
            let map = crate::sdk_map::extract(&text)
                .with_context(|| format!("{}: no ErrorCode map found", file.display()))?;
            let report = crate::sdk_map::diff(&map, session.catalog());
            write!(out, "{}", crate::sdk_map::render(&report))?;
            Ok(ExitCode::from(if report.is_empty() {
                EXIT_FOUND
            } else {
                EXIT_NOT_FOUND
            }))
        }
        Command::Tui { .. } | Command::Pick { .. } => Ok(ExitCode::from(EXIT_ERROR)),
    }
}

/// Splits `show` arguments on commas and spaces: `0x4004,70001` and `"0x4004 70001"` are two codes.
/// A minus sign stays with its number (`-8`; U+2212 is read by the query like any other minus).
fn split_codes(args: &[String]) -> Vec<String> {
    args.iter()
        .flat_map(|a| a.split([',', ' ', '，']))
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .collect()
}

fn show(session: &Session, args: &[String], out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let engine = &session.engine;
    let catalog = engine.catalog();
    let mut found: Vec<Hit> = Vec::new();
    let mut missing = false;
    for arg in split_codes(args) {
        let hits = engine.lookup(&arg, session.scope);
        if hits.is_empty() {
            warn(&format!(
                "no such code or key: {arg:?} (try `trtc-errors search {arg}`)"
            ));
            missing = true;
        }
        if hits.len() > 1 {
            let names: Vec<String> = hits
                .iter()
                .map(|h| {
                    let e = &catalog.entries()[h.index];
                    match h.reading {
                        Some(r) => format!("{} ({})", e.qualified(), render::reading_note(&r)),
                        None => e.qualified(),
                    }
                })
                .collect();
            warn(&format!(
                "{arg} names {} codes: {} (--sdk picks one family)",
                hits.len(),
                names.join(", ")
            ));
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
    let catalog = session.catalog();
    let entries = catalog.entries();
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
            writeln!(out, "{}", to_json(&items))
        }
        Format::Text | Format::Markdown => {
            for (n, hit) in hits.iter().enumerate() {
                if n > 0 {
                    writeln!(out)?;
                }
                write!(out, "{}", explain_one(session, hit.index))?;
            }
            Ok(())
        }
    }
}

/// One entry's text or Markdown explanation, coloured when the session says so.
fn explain_one(session: &Session, index: usize) -> String {
    let catalog = session.catalog();
    let entry = &catalog.entries()[index];
    let mut e = explanation::explain(entry, catalog, session.lang);
    if let Some(v) = session.scope.version {
        if let Some(key) = key_in(entry, v) {
            e.title = key.to_string();
        }
    }
    match session.format {
        Format::Markdown => render::markdown::render(&e),
        _ => render::text::render(&e, session.color),
    }
}

fn search(
    session: &Session,
    query_text: &str,
    scope: Scope,
    limit: Option<usize>,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let query = Query::parse(query_text);
    if let Some(bad) = &query.invalid_version {
        warn(&format!("{bad}: not a 4.x or 5.x SDK version"));
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    let mut hits = session.engine.search(&query, scope);
    if let Some(limit) = limit.filter(|&l| l > 0) {
        hits.truncate(limit);
    }
    if hits.is_empty() {
        warn(&format!("nothing matches {query_text:?}"));
        if session.format == Format::Json {
            writeln!(out, "[]")?;
        }
        return Ok(ExitCode::from(EXIT_NOT_FOUND));
    }
    match session.format {
        Format::Text => write_result_lines(session, &hits, Some(&query), out)?,
        _ => print_entries(session, &hits, true, out)?,
    }
    Ok(ExitCode::from(EXIT_FOUND))
}

fn list(session: &Session, scope: Scope, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let hits = session.engine.search(&Query::default(), scope);
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

/// One aligned line per hit: family, code, key, tags, description; matches highlighted when coloured.
fn write_result_lines(
    session: &Session,
    hits: &[Hit],
    query: Option<&Query>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let catalog = session.catalog();
    let entries = catalog.entries();
    let widths = RowWidths::measure(hits.iter().map(|h| &entries[h.index]));
    let key_width = widths.key.min(40);
    for hit in hits {
        let entry = &entries[hit.index];
        let lights = match query {
            Some(q) if session.color => session.engine.highlights(hit, q),
            _ => Highlights::default(),
        };
        let mut row = result_row(entry, hit, lights, session.lang, None);
        let version = query.and_then(|q| q.version).or(session.scope.version);
        if let Some(v) = version {
            if let Some(key) = key_in(entry, v) {
                row.key = key.to_string();
            }
        }
        writeln!(
            out,
            "{}",
            row_line(&row, widths, key_width, session.color).trim_end()
        )?;
    }
    Ok(())
}

fn row_line(row: &ResultRow, widths: RowWidths, key_width: usize, color: bool) -> String {
    let family = row.family.as_str();
    let mut line = format!(
        "{}{}  {}{}  {}{}  ",
        paint_dim(family, color),
        " ".repeat(widths.family.saturating_sub(family.len())),
        paint(&row.code, &row.code_lights, color),
        " ".repeat(widths.code.saturating_sub(width(&row.code))),
        paint(&row.key, &row.key_lights, color),
        " ".repeat(key_width.saturating_sub(width(&row.key))),
    );
    for tag in &row.tags {
        line.push_str(&paint_dim(&format!("[{tag}]"), color));
        line.push(' ');
    }
    line.push_str(&paint(&row.description, &row.description_lights, color));
    line
}

fn paint_dim(text: &str, color: bool) -> String {
    if color {
        format!("\x1b[2m{text}\x1b[0m")
    } else {
        text.to_string()
    }
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

fn config_command(
    session: &Session,
    action: &ConfigAction,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    match action {
        ConfigAction::Path => writeln!(out, "{}", config_show::config_path(session))?,
        ConfigAction::Show => write!(out, "{}", config_show::render(session, session.format))?,
    }
    Ok(ExitCode::from(EXIT_FOUND))
}

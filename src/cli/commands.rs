//! One function per command. Each prints through the shared renderers and returns the exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Context;
use clap::CommandFactory;

use super::args::{Cli, Command, ConfigAction};
use super::explain;
use super::{completions, config_show, hidden, warn, EXIT_ERROR, EXIT_FOUND, EXIT_NOT_FOUND};
use crate::catalog::{Category, Scope};
use crate::explanation;
use crate::explanation::View;
use crate::query::Query;
use crate::render::json::ArrayWriter;
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
  a number after a label in prose      错误码70014, 提示错误码 70001, 错误码是1301, 错误信息：-3324,
                                       返回码, 返回70346 / 报-1301 (glued), errid=70013,
                                       error code is 70001 (帐/账 folded)
  the numbers of a sequence or list    错误码一直1102 -> 3002 -> -1307, 1102、3002
  a native code without its minus      错误码3301 for -3301 when no code 3301 exists (confidence 1)
  the SDK's own message text           5.x templates; every 4.x bundle's RtcError messages
                                       (please call join() before publish())
  a server code handed through         extraCode -100018, Join room failed result: -100006,
                                       Failed to join room - … code: 70001 (the server's entry)
  a code the catalog lacks             a negative number no entry has, after a code label
                                       (ErrorCode:, errCode, code:, onError(…), 错误码, 报) on a
                                       TRTC line (the native SDK, signal_manager, 进房/进入房间,
                                       enterRoom): ErrorCode: -100038 is reported as not in the
                                       catalog, its meaning not guessed (confidence 1; not with
                                       --sdk/--category/--sdk-version)
Bare numbers (ports, sizes, ids, room numbers, sdkAppIds, versions, timestamps), plain words,
and the numbers on a line naming another product's error (TUICallEngineError) are not mentions.
In a text that is evidently 5.x (KEY: message) 4.x readings yield, and the other way round.

Examples:
  pbpaste | trtc-errors explain
  trtc-errors explain 'RtcError: join room failed code: 16388'
  tail -f app.log | trtc-errors explain --follow";

/// The largest SDK file `sdk-diff` reads: the 4.x bundle is about 1.5 MB, 5.x's about 3 MB.
const SDK_BUNDLE_LIMIT: u64 = 64 * 1024 * 1024;

/// Runs a non-interactive command, writing to `out`; `columns` is the terminal's width when
/// `out` is a terminal (`show` wraps its values to it). Errors are I/O errors on `out`.
pub fn run(
    session: &Session,
    command: &Command,
    columns: Option<usize>,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    match command {
        Command::Show { codes } => show(session, codes, columns, out),
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
        Command::Explain(args) => explain::run(session, args, columns, out),
        Command::Config { action } => config_command(session, action, out),
        Command::Completions { .. } | Command::Man { .. } => {
            run_without_catalog(command, out).unwrap_or(Ok(ExitCode::from(EXIT_ERROR)))
        }
        Command::SdkDiff { file } => {
            // Like a catalog: a FIFO or /dev/zero is refused, not waited on or read forever.
            let bytes = crate::read_limited::read_regular_file(file, SDK_BUNDLE_LIMIT)
                .with_context(|| format!("reading {}", file.display()))?;
            let text = String::from_utf8_lossy(&bytes);
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

/// `trtc-errors serach join`: a first word that is no code or key but close to a command's name
/// is a typo of the command, not a look-up. Says so (exit 2); `None` when the word is no typo.
pub fn mistyped_command(session: &Session, word: &str) -> Option<ExitCode> {
    let lowercase_word = word.chars().all(|c| c.is_ascii_lowercase() || c == '-');
    if !lowercase_word || !session.engine.lookup(word, Scope::default()).is_empty() {
        return None;
    }
    let command = Cli::command();
    let best = command
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name())
        // One slip (a letter wrong, missing, extra or two swapped) per four letters, at least one:
        // `serach`, `shwo`, `conifg` are typos; `kicked` and `expired` are words to look up.
        .map(|name| (strsim::damerau_levenshtein(word, name), name))
        .filter(|&(distance, name)| distance <= (name.len() / 4).max(1))
        .min_by_key(|&(distance, _)| distance)?;
    warn(&format!(
        "no command, code or key is called {word:?}; did you mean '{}'?",
        best.1
    ));
    Some(ExitCode::from(EXIT_ERROR))
}

/// Runs `completions` and `man`, which need no catalog (a broken `--catalog` must not break
/// them), before anything is loaded; `None` for every other command.
pub fn run_without_catalog(
    command: &Command,
    out: &mut dyn Write,
) -> Option<anyhow::Result<ExitCode>> {
    match command {
        Command::Completions { shell } => Some((|| {
            // Written here, not by the generator: it panics on a write error (a closed pipe).
            out.write_all(&completions::script(*shell))?;
            Ok(ExitCode::from(EXIT_FOUND))
        })()),
        Command::Man { command, dir } => Some(man(command, dir.as_deref(), out)),
        _ => None,
    }
}

/// `man`: the main page, one command's page, or (`--dir`) every page as files.
fn man(
    path: &[String],
    dir: Option<&std::path::Path>,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let mut command = Cli::command().disable_help_subcommand(true);
    // Building names each subcommand `trtc-errors-show`, as the pages and their SEE ALSO do.
    command.build();
    if let Some(dir) = dir {
        write_man_pages(&command, dir)
            .with_context(|| format!("writing the man pages to {}", dir.display()))?;
        return Ok(ExitCode::from(EXIT_FOUND));
    }
    let mut page_of = &command;
    for name in path {
        let visible = || page_of.get_subcommands().filter(|c| !c.is_hide_set());
        match visible().find(|c| c.get_name() == name) {
            Some(sub) => page_of = sub,
            None => {
                let names: Vec<&str> = visible().map(|c| c.get_name()).collect();
                warn(&format!(
                    "no man page for {name:?}; the commands are {}",
                    names.join(", ")
                ));
                return Ok(ExitCode::from(EXIT_ERROR));
            }
        }
    }
    // Rendered whole first, so a failed write is one error from one place.
    let mut page = Vec::new();
    man_page(page_of).render(&mut page)?;
    out.write_all(&page)?;
    Ok(ExitCode::from(EXIT_FOUND))
}

/// One command's page, its footer naming the program's version (not the subcommand's).
fn man_page(command: &clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(command.clone())
        .source(format!("trtc-errors {}", env!("CARGO_PKG_VERSION")))
        .manual("trtc-errors manual")
}

/// `command`'s page and those of its visible subcommands, as `NAME.1` files in `dir`.
fn write_man_pages(command: &clap::Command, dir: &std::path::Path) -> io::Result<()> {
    for sub in command.get_subcommands().filter(|c| !c.is_hide_set()) {
        write_man_pages(sub, dir)?;
    }
    man_page(command).generate_to(dir).map(|_| ())
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

fn show(
    session: &Session,
    args: &[String],
    columns: Option<usize>,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let engine = &session.engine;
    let catalog = engine.catalog();
    let mut found: Vec<Hit> = Vec::new();
    let mut missing = false;
    for arg in split_codes(args) {
        let hits = engine.lookup(&arg, session.scope);
        if hits.is_empty() {
            let everywhere: Vec<usize> = match session.scope.is_everything() {
                true => Vec::new(),
                false => engine
                    .lookup(&arg, Scope::default())
                    .iter()
                    .map(|h| h.index)
                    .collect(),
            };
            let hidden = hidden::explain_hidden(session, session.scope, &everywhere);
            if hidden.is_empty() {
                warn(&format!(
                    "no such code or key: {arg:?} (try `trtc-errors search {arg}`)"
                ));
            } else {
                warn(&format!("{arg}: {}", hidden.join("; ")));
            }
            missing = true;
        }
        if hits.len() > 1 {
            let names: Vec<String> = hits
                .iter()
                .map(|h| {
                    let e = catalog.entry(h.index);
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
    print_entries(
        session,
        &found,
        false,
        &view_of(session, None),
        columns,
        out,
    )?;
    let code = if missing || found.is_empty() {
        EXIT_NOT_FOUND
    } else {
        EXIT_FOUND
    };
    Ok(ExitCode::from(code))
}

/// Full explanations of `hits` for `view`, in the session's format.
fn print_entries(
    session: &Session,
    hits: &[Hit],
    ranked: bool,
    view: &View,
    columns: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let catalog = session.catalog();
    // Explanations and JSON need no search index: its mapped pages go before the entries come.
    session.engine.release_index_pages();
    match session.format {
        Format::Json => {
            // Only `search` ranks, so only its JSON carries score, matched_by and reading. One
            // entry at a time, read for that use only: 50,000 hits are never all in memory.
            let mut list = ArrayWriter::new(out);
            for h in hits {
                let entry = catalog.entry_once(h.index);
                let json = render::entry_json(&entry, view);
                list.item(&if ranked { json.with_hit(h) } else { json })?;
            }
            list.finish()
        }
        Format::Text | Format::Markdown => {
            for (n, hit) in hits.iter().enumerate() {
                if n > 0 {
                    writeln!(out)?;
                }
                write!(out, "{}", explain_one(session, hit.index, view, columns))?;
            }
            Ok(())
        }
    }
}

/// What the session shows: its language, and the version in force (the query's `@4.4.0`, else
/// `--sdk-version`).
fn view_of(session: &Session, query: Option<&Query>) -> View {
    let version = query.and_then(|q| q.version).or(session.scope.version);
    View::new(session.lang, version).for_sdk(session.scope.family)
}

/// One entry's text or Markdown explanation, coloured when the session says so.
fn explain_one(session: &Session, index: usize, view: &View, columns: Option<usize>) -> String {
    let catalog = session.catalog();
    let entry = catalog.entry_once(index);
    let e = explanation::explain(&entry, catalog, view);
    match session.format {
        Format::Markdown => render::markdown::render(&e),
        _ => render::text::render_in(&e, session.color, columns),
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
        warn(&bad.to_string());
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    let mut hits = session.engine.search(&query, scope);
    if let Some(limit) = limit.filter(|&l| l > 0) {
        hits.truncate(limit);
    }
    if hits.is_empty() {
        warn(&format!("nothing matches {query_text:?}"));
        say_what_the_filters_hid(session, &query, scope);
        if session.format == Format::Json {
            writeln!(out, "[]")?;
        }
        return Ok(ExitCode::from(EXIT_NOT_FOUND));
    }
    match session.format {
        Format::Text => write_result_lines(session, &hits, Some(&query), out)?,
        _ => print_entries(
            session,
            &hits,
            true,
            &view_of(session, Some(&query)),
            None,
            out,
        )?,
    }
    Ok(ExitCode::from(EXIT_FOUND))
}

/// After a search that found nothing: how many hits the filters hid, and which filter.
fn say_what_the_filters_hid(session: &Session, query: &Query, scope: Scope) {
    if scope.is_everything() {
        return;
    }
    let everywhere = session.engine.search(query, Scope::default());
    let indices: Vec<usize> = everywhere.iter().map(|h| h.index).collect();
    let mut why: Vec<String> = indices
        .iter()
        .filter_map(|&i| hidden::filter_hiding(session, scope, session.catalog().entry(i)))
        .collect();
    why.sort();
    why.dedup();
    if !why.is_empty() {
        warn(&format!(
            "{} code{} outside {}",
            indices.len(),
            if indices.len() == 1 {
                " matches"
            } else {
                "s match"
            },
            why.join(", ")
        ));
    }
}

fn list(session: &Session, scope: Scope, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let hits = session.engine.search(&Query::default(), scope);
    if hits.is_empty() {
        warn("no code is left by the filters in effect");
        say_what_the_filters_hid(session, &Query::default(), scope);
    }
    match session.format {
        Format::Text => write_result_lines(session, &hits, None, out)?,
        _ => print_entries(session, &hits, false, &view_of(session, None), None, out)?,
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
    // Without colour nothing below needs the search index: its 64 MB of mapped pages go now.
    if !session.color {
        session.engine.release_index_pages();
    }
    // The columns' widths come from the tables; then each entry is read for one use: printing
    // every hit of 100,000 must not hold them all (`StoredCatalog::read_once`).
    let widths = RowWidths::of_entries(catalog, hits.iter().map(|h| h.index));
    let key_width = widths.key.min(40);
    let view = view_of(session, query);
    for hit in hits {
        let entry = &*catalog.entry_once(hit.index);
        let lights = match query {
            Some(q) if session.color => session.engine.highlights(hit, q),
            _ => Highlights::default(),
        };
        let row = result_row(entry, hit, lights, &view, None).with_same_code(catalog, hit.index);
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

//! Codes found in pasted text: a console dump, a stack trace, an Electron log.
//!
//! A token is a mention only when something says it is a code (the rules are written once, here,
//! and repeated in the README and `explain --help`):
//! 1. a hex code of the catalog (`0x4004`);
//! 2. a key as a whole identifier (`JOIN_ROOM_FAILED`); a one-word key (`UNKNOWN`) only in a code
//!    context;
//! 3. a number in a code context: right after `code`, `errCode`, `errorCode`, `extraCode`,
//!    `getCode()`, `getExtraCode()`, `warningCode`, `err`, `error` (with `:`, `=`, `=>`, quotes or
//!    brackets between), or anywhere on a line that names `RtcError` (4.x codes only);
//! 4. the SDK's own message text for that code (a 5.x template such as
//!    `'{key}' is a required param when calling {fnName}(), received: {value}.`).
//!
//! Bare numbers (ports, sizes, ids, timestamps, line:column) and plain words are never mentions.

mod context;
mod render;
pub mod scan;
pub mod summary;
mod templates;

use std::collections::HashMap;

pub use summary::{summarize, EvidenceKinds, Occurrences, SummaryOrder};

use crate::catalog::{Category, Family, Scope};
use crate::search::Engine;

pub use render::{
    json_line, json_line_with, render, render_summary, render_with, shown_line, RenderOptions,
};

/// Why a token counts as a code, strongest first.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Evidence {
    /// `0x4004`: written the way only codes are.
    HexCode,
    /// The SDK's message template for this code matched; the values it captured.
    Template {
        template: String,
        captures: Vec<(String, String)>,
    },
    /// A number right after a word that names a code (`code: 16388`).
    CodeContext { word: String },
    /// A key spelled exactly (`JOIN_ROOM_FAILED`).
    Key,
    /// A number on a line that names `RtcError`.
    RtcErrorLine,
}

impl Evidence {
    /// How sure the mention is: 3 certain, 2 strong, 1 likely.
    pub fn confidence(&self) -> u8 {
        match self {
            Evidence::HexCode | Evidence::Template { .. } => 3,
            Evidence::CodeContext { .. } | Evidence::Key => 2,
            Evidence::RtcErrorLine => 1,
        }
    }

    /// The phrase with what a template captured: `SDK message template (key = sdkAppId, …)`.
    /// What the text output and the browser show beside the line.
    pub fn note(&self) -> String {
        match self {
            Evidence::Template { captures, .. } if !captures.is_empty() => {
                let values: Vec<String> =
                    captures.iter().map(|(k, v)| format!("{k} = {v}")).collect();
                format!("{} ({})", self.describe(), values.join(", "))
            }
            e => e.describe(),
        }
    }

    /// A phrase for the text output and JSON's `evidence`.
    pub fn describe(&self) -> String {
        match self {
            Evidence::HexCode => "hex code".to_string(),
            Evidence::Template { .. } => "SDK message template".to_string(),
            Evidence::CodeContext { word } => format!("number after `{word}`"),
            Evidence::Key => "key".to_string(),
            Evidence::RtcErrorLine => "number on an RtcError line".to_string(),
        }
    }
}

/// A code found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index into the catalog.
    pub index: usize,
    /// 1-based line number of the first mention.
    pub line_number: usize,
    /// That line, trimmed.
    pub line: String,
    /// The text that named it (`16388`, `0x4004`, `JOIN_ROOM_FAILED`, `-8`).
    pub token: String,
    pub evidence: Evidence,
    /// Every line that mentioned this code: how often, first and last line, kinds, times.
    pub seen: Occurrences,
}

/// A candidate before families are settled: which entries a token could name.
struct Candidate {
    indices: Vec<usize>,
    line_number: usize,
    line: String,
    token: String,
    evidence: Evidence,
}

/// Lines longer than this are scanned in pieces: a log line is never that long, and a binary
/// blob pasted by mistake must not be held whole.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Scans text a line at a time, holding only the previous line and one candidate per distinct
/// reading, so a log of any length (or `/dev/urandom`) is scanned in bounded memory.
pub struct Scanner<'a> {
    engine: &'a Engine,
    scope: Scope,
    templates: templates::Templates,
    candidates: Vec<Candidate>,
    /// Where each distinct reading sits in `candidates`: a log naming 16,000 codes must not cost
    /// 16,000² comparisons.
    by_reading: HashMap<Vec<usize>, usize>,
    /// Every line each entry was named on, folded (what `--summary` and the counts show).
    seen: HashMap<usize, Occurrences>,
    previous: String,
    line_number: usize,
    /// Built on first use: a scan of a paste that never asks for it does not pay for it.
    prefilter: std::cell::OnceCell<scan::Prefilter>,
}

impl<'a> Scanner<'a> {
    pub fn new(engine: &'a Engine, scope: Scope) -> Scanner<'a> {
        Scanner {
            engine,
            scope,
            templates: templates::Templates::new(engine.catalog()),
            candidates: Vec::new(),
            by_reading: HashMap::new(),
            seen: HashMap::new(),
            previous: String::new(),
            line_number: 0,
            prefilter: std::cell::OnceCell::new(),
        }
    }

    /// Scans one line (without its line break; a trailing CR is ignored).
    pub fn push_line(&mut self, line: &str) {
        self.line_number += 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let line = cut_at_char_boundary(line, MAX_LINE_BYTES);
        let catalog = self.engine.catalog();
        let previous = (!self.previous.is_empty()).then_some(self.previous.as_str());
        let mut found: Vec<(Vec<usize>, String, Evidence)> =
            context::scan_line(line, previous, catalog)
                .into_iter()
                .map(|f| (f.indices, f.token, f.evidence))
                .collect();
        for m in self.templates.find(line) {
            let mut indices = vec![m.index];
            if let Some(parent) = catalog.entries()[m.index]
                .parent
                .as_deref()
                .and_then(|p| catalog.resolve_reference(Family::Web5, p))
            {
                indices.insert(0, parent);
            }
            for index in indices {
                found.push((vec![index], m.matched.clone(), m.evidence.clone()));
            }
        }
        for (indices, token, evidence) in found {
            let indices: Vec<usize> = indices
                .into_iter()
                .filter(|&i| self.scope.admits(&catalog.entries()[i]))
                .collect();
            if indices.is_empty() {
                continue;
            }
            for &index in &indices {
                self.seen
                    .entry(index)
                    .or_default()
                    .record(self.line_number, line, &evidence);
            }
            // One candidate per distinct reading: repeats only upgrade the evidence.
            match self.by_reading.get(&indices) {
                Some(&at) => {
                    let c = &mut self.candidates[at];
                    if evidence.confidence() > c.evidence.confidence() {
                        c.evidence = evidence;
                    }
                }
                None => {
                    self.by_reading
                        .insert(indices.clone(), self.candidates.len());
                    self.candidates.push(Candidate {
                        indices,
                        line_number: self.line_number,
                        line: line.trim().to_string(),
                        token,
                        evidence,
                    });
                }
            }
        }
        if !line.trim().is_empty() {
            self.previous.clear();
            self.previous.push_str(line);
        }
    }

    /// How many distinct readings have been found: it grows exactly when something new turned
    /// up (`--follow` asks for the mentions only then).
    pub fn readings(&self) -> usize {
        self.candidates.len()
    }

    /// The mentions found so far, surest first.
    pub fn mentions(&self) -> Vec<Mention> {
        settle(&self.candidates, &self.seen, self.engine.catalog())
    }

    /// Counts `lines` lines that a prefilter found no code on, without scanning them. `blank`:
    /// they were all blank (the line before them stays the previous line, for console answers).
    pub fn skip_lines(&mut self, lines: usize, blank: bool) {
        self.line_number += lines;
        if !blank {
            self.previous.clear();
        }
    }

    /// The prefilter for this scanner's catalog and templates.
    pub fn prefilter(&self) -> &scan::Prefilter {
        self.prefilter
            .get_or_init(|| scan::Prefilter::new(self.engine.catalog(), &self.templates))
    }

    /// The number of the last line pushed or skipped.
    pub fn line_number(&self) -> usize {
        self.line_number
    }
}

/// The longest prefix of `line` within `max` bytes that ends on a character boundary.
fn cut_at_char_boundary(line: &str, max: usize) -> &str {
    if line.len() <= max {
        return line;
    }
    let mut end = max;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    &line[..end]
}

/// Every known code mentioned in `text`, each once, surest first, then in order of appearance.
/// CR, LF and CRLF line endings all count as one line break.
pub fn find(text: &str, engine: &Engine, scope: Scope) -> Vec<Mention> {
    let mut scanner = Scanner::new(engine, scope);
    for line in lines(text) {
        scanner.push_line(line);
    }
    scanner.mentions()
}

/// Lines split at CRLF, LF or a lone CR (terminals deliver pasted line breaks as CR).
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match rest.find(['\r', '\n']) {
            Some(at) => {
                let line = &rest[..at];
                let skip = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[at + skip..];
                Some(line)
            }
            None => {
                let line = rest;
                rest = "";
                Some(line)
            }
        }
    })
}

/// Chooses among families for ambiguous tokens (a key or number several families share): the
/// families that unambiguous mentions in the same text point to win; with no such hint, all stay.
fn settle(
    candidates: &[Candidate],
    seen: &HashMap<usize, Occurrences>,
    catalog: &crate::catalog::Catalog,
) -> Vec<Mention> {
    let mut voted: Vec<Family> = Vec::new();
    for c in candidates {
        vote(c, &mut voted, catalog);
    }
    let mut found: Vec<Mention> = Vec::new();
    let mut at: HashMap<usize, usize> = HashMap::new();
    for c in candidates {
        for index in kept(c, &voted, catalog) {
            match at.get(&index) {
                Some(&n) => {
                    let existing = &mut found[n];
                    if c.evidence.confidence() > existing.evidence.confidence() {
                        existing.evidence = c.evidence.clone();
                    }
                }
                None => {
                    at.insert(index, found.len());
                    found.push(mention(c, index, seen));
                }
            }
        }
    }
    // Surest first; a stable sort keeps the order of appearance within each level.
    found.sort_by_key(|m| std::cmp::Reverse(m.evidence.confidence()));
    found
}

fn mention(c: &Candidate, index: usize, seen: &HashMap<usize, Occurrences>) -> Mention {
    Mention {
        index,
        line_number: c.line_number,
        line: c.line.clone(),
        token: c.token.clone(),
        evidence: c.evidence.clone(),
        seen: seen.get(&index).cloned().unwrap_or_default(),
    }
}

/// An unambiguous candidate votes for its family. True when the vote is new.
fn vote(c: &Candidate, voted: &mut Vec<Family>, catalog: &crate::catalog::Catalog) -> bool {
    let family_of = |i: usize| catalog.entries()[i].family;
    let first = family_of(c.indices[0]);
    if c.indices.iter().all(|&i| family_of(i) == first) && !voted.contains(&first) {
        voted.push(first);
        return true;
    }
    false
}

/// The entries a candidate names once families are settled: for an ambiguous token, those of the
/// voted families when any is among them; otherwise all.
fn kept(c: &Candidate, voted: &[Family], catalog: &crate::catalog::Catalog) -> Vec<usize> {
    let family_of = |i: usize| catalog.entries()[i].family;
    let ambiguous = c
        .indices
        .iter()
        .any(|&i| family_of(i) != family_of(c.indices[0]));
    if ambiguous && c.indices.iter().any(|&i| voted.contains(&family_of(i))) {
        c.indices
            .iter()
            .copied()
            .filter(|&i| voted.contains(&family_of(i)))
            .collect()
    } else {
        c.indices.clone()
    }
}

/// What `--follow` has printed so far, so each new line costs only its own candidates: settled as
/// `mentions()` settles (the same families win), re-read in full only when a family gets its first
/// vote (at most once per family).
#[derive(Default)]
pub struct FollowState {
    settled: usize,
    voted: Vec<Family>,
    shown: std::collections::HashSet<usize>,
}

impl FollowState {
    /// Codes printed so far.
    pub fn shown(&self) -> usize {
        self.shown.len()
    }
}

impl Scanner<'_> {
    /// The mentions not yet in `state`, in line order: what `--follow` prints after each line.
    pub fn new_mentions(&self, state: &mut FollowState) -> Vec<Mention> {
        let catalog = self.engine.catalog();
        let mut recheck = false;
        for c in &self.candidates[state.settled..] {
            recheck |= vote(c, &mut state.voted, catalog);
        }
        let from = if recheck { 0 } else { state.settled };
        let mut out = Vec::new();
        for c in &self.candidates[from..] {
            for index in kept(c, &state.voted, catalog) {
                if state.shown.insert(index) {
                    out.push(mention(c, index, &self.seen));
                }
            }
        }
        state.settled = self.candidates.len();
        out
    }
}

/// Is this entry's number one that a bare `code` context may name? Everything but warnings, which
/// arrive through `onWarning`, not as an error's code.
fn is_error_code(category: Category) -> bool {
    category != Category::Warning
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn found(text: &str) -> Vec<String> {
        let engine = Engine::new(Catalog::builtin().unwrap());
        find(text, &engine, Scope::default())
            .into_iter()
            .map(|m| engine.catalog().entries()[m.index].qualified())
            .collect()
    }

    #[test]
    fn a_console_line_with_a_code_context() {
        assert_eq!(
            found("RtcError: join room failed code: 16388"),
            ["web4:0x4004"]
        );
        assert_eq!(found("getCode() => 16388"), ["web4:0x4004"]);
        assert_eq!(found("{\"errorCode\":70001}"), ["web4:70001"]);
        assert_eq!(found("errCode=-8"), ["web4:-8"]);
        assert_eq!(found("<code 0x4004>"), ["web4:0x4004"]);
    }

    #[test]
    fn numbers_without_evidence_are_not_codes() {
        for text in [
            "count: 4096",
            "size 65535 bytes",
            "retry after -8 ms",
            "UNKNOWN host",
            "ts=1670001234 user_70001x id70001 v4.15.22 1.16388 16388.5",
            "listening on localhost:5000",
            "    at t.join (trtc.js:1:16388)",
            "an unknown error happened",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn keys_as_whole_identifiers() {
        assert_eq!(found("SIGNAL_CAHNNEL_SETUP_FAILED again"), ["web4:0x4001"]);
        assert!(found("MY_JOIN_ROOM_FAILED_X").is_empty());
    }

    #[test]
    fn line_endings_count_once() {
        let engine = Engine::new(Catalog::builtin().unwrap());
        let m = find("a\r\nb\r\ncode: 16388", &engine, Scope::default());
        assert_eq!(m[0].line_number, 3);
        let m = find("a\rb\rcode: 16388", &engine, Scope::default());
        assert_eq!(m[0].line_number, 3);
    }
}

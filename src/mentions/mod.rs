//! Codes found in pasted text: a console dump, a stack trace, an Electron log, a report someone
//! wrote.
//!
//! A token is a mention only when something says it is a code (the rules are written once, here
//! and in the tables of `context.rs`, `prose.rs` and `templates.rs`, and repeated in the README
//! and `explain --help`):
//! 1. a hex code of the catalog (`0x4004`);
//! 2. a key as a whole identifier (`JOIN_ROOM_FAILED`); a one-word key (`UNKNOWN`) only in a code
//!    context;
//! 3. a number in a code context: right after a code word (`context::CODE_WORDS`: `code`,
//!    `errCode`, `getCode()`, `errid`, …, with `:`, `=`, `=>`, quotes or brackets between), or
//!    anywhere on a line that names `RtcError` (4.x codes only); a native warning after a plain
//!    code word only in a text that names the native SDK;
//! 4. a number after a prose label (`prose::LABELS`: `错误码`, `错误信息`, `error code is`, …),
//!    glued or after a particle, and the rest of a sequence or list after it;
//! 5. a native code written without its minus where no positive code has the number (confidence 1);
//! 6. the SDK's own message text (5.x templates; every 4.x bundle's RtcError messages);
//! 7. a server code handed through a public one: a number after `extraCode` / `getExtraCode()`,
//!    in the SDKs' log line `Join room failed result: -100006`, or after ` code:` in a refused
//!    join's message `Failed to join room - … code: 70001` (`carried.rs`); only this rule names
//!    the server's own entries;
//! 8. a code the catalog lacks: a negative number that no entry has, after a label that names a
//!    code outright (`ErrorCode:`, `errCode`, `错误码`, `报`), on a line that says it is TRTC's
//!    (`context::TRTC_LINE_MARKERS`: the native SDK, its signalling log, a room entry). It is an
//!    [`UnknownMention`] (confidence 1): reported with its evidence, its meaning never guessed.
//!
//! Bare numbers (ports, sizes, ids, timestamps, line:column), plain words and the numbers of
//! another product's errors are never mentions. In a text that is evidently one web SDK's, the
//! other one's message readings yield.

mod carried;
mod context;
mod prose;
mod render;
pub mod scan;
pub mod summary;
mod templates;

use std::collections::HashMap;

use crate::catalog::{Category, Family, Scope};
use crate::search::Engine;

pub use prose::fold_variants;
pub use render::{
    json_line, json_line_with, render, render_summary, render_with, shown_line,
    unknown_json_line_with, RenderOptions,
};
pub use summary::{summarize, summarize_unknown, EvidenceKinds, Occurrences, SummaryOrder};

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
    /// A positive number in a code context that only a negative native code has: the minus was
    /// assumed (`错误码3301` for -3301).
    SignAssumed { word: String },
    /// A negative number after a label that names a code, on a TRTC line, that no entry has
    /// (rule 8): a code the catalog lacks.
    NotInCatalog { word: String },
}

impl Evidence {
    /// Did a number's context (not its spelling or a message) make it a code?
    fn is_number(&self) -> bool {
        matches!(
            self,
            Evidence::CodeContext { .. }
                | Evidence::RtcErrorLine
                | Evidence::SignAssumed { .. }
                | Evidence::NotInCatalog { .. }
        )
    }

    /// How sure the mention is: 3 certain, 2 strong, 1 likely.
    pub fn confidence(&self) -> u8 {
        match self {
            Evidence::HexCode | Evidence::Template { .. } => 3,
            Evidence::CodeContext { .. } | Evidence::Key => 2,
            Evidence::RtcErrorLine
            | Evidence::SignAssumed { .. }
            | Evidence::NotInCatalog { .. } => 1,
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
            Evidence::SignAssumed { word } => {
                format!("number after `{word}`, minus sign assumed (native codes are negative)")
            }
            Evidence::NotInCatalog { word } => {
                format!("number after `{word}` on a TRTC line, not in the catalog")
            }
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

/// A number rule 8 reads as a TRTC code that no catalog entry has (`ErrorCode: -100038` in a
/// native signalling log): reported as it was written, with its evidence; what it means is not
/// guessed. Kept apart from [`Mention`], whose entry every renderer explains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownMention {
    /// The number as a code (`-100038`).
    pub code: i64,
    /// 1-based line number of the first mention.
    pub line_number: usize,
    /// That line, trimmed.
    pub line: String,
    /// The text that named it (`-100038`).
    pub token: String,
    pub evidence: Evidence,
    /// Every line that mentioned this number.
    pub seen: Occurrences,
}

impl UnknownMention {
    /// `-100038 — not in the catalog`: what every surface says in place of an explanation.
    pub fn headline(&self) -> String {
        format!("{} — not in the catalog", self.code)
    }
}

/// What a line must contain for the rules to find a mention on it: one of `words` (compared
/// ASCII-case-insensitively, after [`fold_variants`]), the first fixed piece of one of `templates`
/// (as written), or a whole catalog key. A console answer (`< 16388`) is read through the line
/// before it, so a line after one that ends with a code word must not be skipped either. Lines
/// that hold no code but change what later lines mean (they name the native SDK, another
/// product's error, or a 5.x error object) must be read too: their words are anchors as well.
#[derive(Debug, Clone)]
pub struct Anchors {
    pub words: Vec<&'static str>,
    pub templates: Vec<String>,
}

/// A candidate before families are settled: which entries a token could name.
struct Candidate {
    indices: Vec<usize>,
    line_number: usize,
    line: String,
    token: String,
    evidence: Evidence,
    /// Of a reading several 4.x messages share, the codes whose message only bundles without the
    /// `<KEY 0x…>` suffix had: with no 4.x hex code in the text, those are meant.
    suffixless: Vec<usize>,
}

/// At most this many distinct codes the catalog lacks are kept, each with its first line: the
/// catalog bounds the known readings, but nothing bounds the numbers a generated log can write
/// after `ErrorCode:`, and the scan must stay in bounded memory. Later new numbers are dropped.
pub const MAX_UNKNOWN_CODES: usize = 256;

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
    previous: String,
    line_number: usize,
    /// What in the text says which web SDK printed it (the other one's template matches yield).
    signs: FamilySigns,
    /// Numbers written on lines naming another product's error: that product's, not TRTC's.
    foreign_numbers: std::collections::HashSet<String>,
    /// A line named the native SDK (`TRTCCloud`, `onError`, `liteav`…).
    native_text: bool,
    /// Every line each entry was named on, folded (what `--summary` and the counts show).
    seen: HashMap<usize, Occurrences>,
    /// Rule 8's codes the catalog lacks, in order of appearance, one per number.
    unknown: Vec<UnknownMention>,
    /// Built on first use: a scan of a paste that never asks for it does not pay for it.
    prefilter: std::cell::OnceCell<scan::Prefilter>,
}

/// Whether the text is evidently 4.x (`RtcError`, `"code_":`, a 4.x hex code) or 5.x (an error
/// named by its 5.x key, `KEY: message`, or an `originError`); 5.x wins when both show, since the
/// 5.x SDK's core logs 4.x-style errors.
#[derive(Debug, Default, Clone, Copy)]
struct FamilySigns {
    web4: bool,
    web5: bool,
}

impl<'a> Scanner<'a> {
    pub fn new(engine: &'a Engine, scope: Scope) -> Scanner<'a> {
        Scanner {
            engine,
            scope,
            templates: templates::Templates::new(engine.catalog()),
            candidates: Vec::new(),
            by_reading: HashMap::new(),
            previous: String::new(),
            line_number: 0,
            signs: FamilySigns::default(),
            foreign_numbers: std::collections::HashSet::new(),
            native_text: false,
            seen: HashMap::new(),
            unknown: Vec::new(),
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
        let (unknown, named): (Vec<context::Found>, Vec<context::Found>) =
            context::scan_line(line, previous, catalog)
                .into_iter()
                .chain(prose::scan_line(line, catalog))
                .partition(|f| matches!(f.evidence, Evidence::NotInCatalog { .. }));
        if self.scope.is_everything() {
            self.record_unknown(line, unknown);
        }
        let mut found: Vec<(Vec<usize>, String, Evidence)> = named
            .into_iter()
            .map(|f| (f.indices, f.token, f.evidence))
            .map(|(indices, token, evidence)| {
                // Server entries are named by rule 7 alone (carried.rs says why).
                let indices: Vec<usize> = indices
                    .into_iter()
                    .filter(|&i| catalog.entries()[i].family != Family::Server)
                    .collect();
                (indices, token, evidence)
            })
            .filter(|(indices, _, _)| !indices.is_empty())
            .chain(
                carried::scan_line(line, catalog)
                    .into_iter()
                    .map(|f| (f.indices, f.token, f.evidence)),
            )
            .collect();
        let mut suffixless: Vec<usize> = Vec::new();
        let mut matches = self.templates.find(line);
        // A 4.x `<KEY 0x…>` on the line is the SDK naming the code: a 4.x message that other
        // codes also carried (`publish timeout` was 0xFFFF before 0x404B existed) yields to it.
        let web4_hex: Vec<usize> = found
            .iter()
            .filter(|(_, _, e)| *e == Evidence::HexCode)
            .flat_map(|(indices, _, _)| indices.iter().copied())
            .filter(|&i| catalog.entry(i).family == Family::Web4)
            .collect();
        if !web4_hex.is_empty() {
            matches.retain(|m| {
                catalog.entry(m.index).family != Family::Web4 || web4_hex.contains(&m.index)
            });
        }
        for (n, m) in matches.iter().enumerate() {
            // Several 4.x codes share one message (`Failed to join room - …` is 0x4004 and
            // 0x404C): one reading with every code, which the other mentions settle.
            let mut same: Vec<usize> = Vec::new();
            let family = catalog.entry(m.index).family;
            let same_family = |o: &&templates::TemplateMatch| {
                o.shape == m.shape && catalog.entry(o.index).family == family
            };
            for o in matches.iter().filter(same_family) {
                if !same.contains(&o.index) {
                    same.push(o.index);
                }
            }
            if same.len() > 1 {
                if matches.iter().position(|o| same_family(&o)) == Some(n) {
                    suffixless.extend(
                        matches
                            .iter()
                            .filter(|o| same_family(o) && o.before_suffix)
                            .map(|o| o.index),
                    );
                    same.sort_unstable();
                    found.push((same, m.matched.clone(), m.evidence.clone()));
                }
                continue;
            }
            let mut indices = vec![m.index];
            if let Some(parent) = catalog
                .entry(m.index)
                .parent
                .as_ref()
                .and_then(|p| catalog.resolve(p))
            {
                indices.insert(0, parent);
            }
            for index in indices {
                found.push((vec![index], m.matched.clone(), m.evidence.clone()));
            }
        }
        let web5_line = names_web5_error(line, catalog);
        self.signs.web5 |= web5_line;
        self.signs.web4 |= line.contains("RtcError")
            || line.contains("\"code_\"")
            || (!web5_line
                && found.iter().any(|(indices, _, e)| {
                    *e == Evidence::HexCode
                        && indices
                            .iter()
                            .all(|&i| catalog.entry(i).family == Family::Web4)
                }));
        self.native_text |= context::names_native(line);
        if context::names_foreign_error(line) {
            self.foreign_numbers.extend(
                line.split(|c: char| !c.is_ascii_digit() && c != '-')
                    .filter(|t| t.trim_start_matches('-').len() >= 3)
                    .map(|t| t.trim_start_matches('-').to_string()),
            );
        }
        for (indices, token, evidence) in found {
            let indices: Vec<usize> = indices
                .into_iter()
                .filter(|&i| self.scope.admits(catalog.entry(i)))
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
                    let suffixless = indices
                        .iter()
                        .copied()
                        .filter(|i| indices.len() > 1 && suffixless.contains(i))
                        .collect();
                    self.candidates.push(Candidate {
                        indices,
                        line_number: self.line_number,
                        line: line.trim().to_string(),
                        token,
                        evidence,
                        suffixless,
                    });
                }
            }
        }
        if !line.trim().is_empty() {
            self.previous.clear();
            self.previous.push_str(line);
        }
    }

    /// Rule 8's finds on the current line: a number seen before only counts again. A scoped scan
    /// (one family, category or version) never reports them: they belong to no family.
    fn record_unknown(&mut self, line: &str, found: Vec<context::Found>) {
        for f in found {
            let Ok(code) = f.token.parse::<i64>() else {
                continue;
            };
            let at = match self.unknown.iter().position(|u| u.code == code) {
                Some(at) => at,
                None if self.unknown.len() >= MAX_UNKNOWN_CODES => continue,
                None => {
                    self.unknown.push(UnknownMention {
                        code,
                        line_number: self.line_number,
                        line: line.trim().to_string(),
                        token: f.token,
                        evidence: f.evidence.clone(),
                        seen: Occurrences::default(),
                    });
                    self.unknown.len() - 1
                }
            };
            self.unknown[at]
                .seen
                .record(self.line_number, line, &f.evidence);
        }
    }

    /// The codes rule 8 found that the catalog lacks, in order of appearance; none written on a
    /// line naming another product's error.
    pub fn unknown_mentions(&self) -> Vec<UnknownMention> {
        self.unknown
            .iter()
            .filter(|u| {
                !self
                    .foreign_numbers
                    .contains(u.token.trim_start_matches('-'))
            })
            .cloned()
            .collect()
    }

    /// What a line must hold for `push_line` to find anything on it (for a prefilter that skips
    /// lines cheaply; it must never skip a line these rules would read).
    pub fn anchors(&self) -> Anchors {
        let mut words: Vec<&'static str> = context::CODE_WORDS.iter().map(|(w, _)| *w).collect();
        words.extend(prose::LABELS);
        words.extend(prose::GLUED_LABELS);
        words.extend(context::ANCHOR_MARKS);
        words.extend(carried::WORDS);
        words.push(carried::JOIN_RESULT);
        words.push(carried::JOIN_MESSAGE);
        // What `push_line` remembers from a line without a code (`native_text`,
        // `foreign_numbers`, the 5.x sign): skipping such a line changed the answer.
        words.extend(context::NATIVE_MARKERS);
        words.extend(context::FOREIGN_ERRORS);
        words.push("originError");
        Anchors {
            words,
            templates: self.templates.anchors().map(str::to_string).collect(),
        }
    }

    /// Counts `lines` lines that a prefilter found no code on, without scanning them. `blank`:
    /// they were all blank (the line before them stays the previous line, for console answers).
    pub fn skip_lines(&mut self, lines: usize, blank: bool) {
        self.line_number += lines;
        if !blank {
            self.previous.clear();
        }
    }

    /// The number of the last line pushed or skipped.
    pub fn line_number(&self) -> usize {
        self.line_number
    }

    /// The prefilter for this scanner's rules, catalog and templates.
    pub fn prefilter(&self) -> &scan::Prefilter {
        self.prefilter
            .get_or_init(|| scan::Prefilter::new(self.engine.catalog(), &self.anchors()))
    }

    /// How many distinct readings have been found: it grows exactly when something new turned
    /// up (`--follow` asks for the mentions only then).
    pub fn readings(&self) -> usize {
        self.candidates.len() + self.unknown.len()
    }

    /// The mentions found so far, surest first.
    pub fn mentions(&self) -> Vec<Mention> {
        let catalog = self.engine.catalog();
        let only = |c: &Candidate, family: Family| {
            c.indices.iter().all(|&i| catalog.entry(i).family == family)
        };
        let web4_hex = self
            .candidates
            .iter()
            .any(|c| c.evidence == Evidence::HexCode && only(c, Family::Web4));
        let narrowed: Vec<Candidate> = self
            .candidates
            .iter()
            .map(|c| Candidate {
                indices: if web4_hex || c.suffixless.is_empty() {
                    c.indices.clone()
                } else {
                    c.suffixless.clone()
                },
                line_number: c.line_number,
                line: c.line.clone(),
                token: c.token.clone(),
                evidence: c.evidence.clone(),
                suffixless: Vec::new(),
            })
            .collect();
        let warning_only = |c: &Candidate| {
            c.indices
                .iter()
                .all(|&i| catalog.entry(i).category == Category::Warning)
        };
        // Native evidence: a native error of its own, or a line naming the native SDK.
        let native = self.native_text
            || narrowed
                .iter()
                .any(|c| only(c, Family::Native) && !warning_only(c));
        let kept: Vec<&Candidate> = narrowed
            .iter()
            // A warning after a plain code word counts only in a native text.
            .filter(|c| {
                native
                    || !warning_only(c)
                    || !matches!(&c.evidence, Evidence::CodeContext { word } | Evidence::SignAssumed { word } if !context::is_native_word(word))
            })
            .filter(|c| match (self.signs.web4, self.signs.web5) {
                // Evidently 4.x: a 5.x template's words in a 4.x message are not a 5.x error.
                (true, false) => {
                    !(only(c, Family::Web5) && matches!(c.evidence, Evidence::Template { .. }))
                }
                // Evidently 5.x (its errors named by key, `originError`), even where its
                // internal core logs a 4.x-style `RtcError … <SCHEDULE_FAILED 0x404c>`: 4.x
                // readings are that core's or words that resemble a 4.x message; the 5.x public
                // code is the answer.
                (_, true) => !(only(c, Family::Web4)
                    && matches!(
                        c.evidence,
                        Evidence::Template { .. } | Evidence::HexCode | Evidence::Key
                    )),
                _ => true,
            })
            .filter(|c| {
                !(c.evidence.is_number()
                    && self
                        .foreign_numbers
                        .contains(c.token.trim_start_matches('-')))
            })
            .collect();
        let mut found = settle(&kept, catalog);
        for m in &mut found {
            m.seen = self.seen.get(&m.index).cloned().unwrap_or_default();
        }
        // A server code and the SDK's row for it (web5 -100013 under 5400) are one failure.
        crate::search::group::collapse(catalog, found, self.scope, |m| m.index, |m, i| m.index = i)
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

/// Every number rule 8 reads as a code the catalog lacks, each once, in order of appearance.
pub fn find_unknown(text: &str, engine: &Engine, scope: Scope) -> Vec<UnknownMention> {
    let mut scanner = Scanner::new(engine, scope);
    for line in lines(text) {
        scanner.push_line(line);
    }
    scanner.unknown_mentions()
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
fn settle(candidates: &[&Candidate], catalog: &crate::catalog::Catalog) -> Vec<Mention> {
    let family_of = |i: usize| catalog.entry(i).family;
    // Entries that a reading of their own names: a reading shared with others narrows to them.
    let named: std::collections::HashSet<usize> = candidates
        .iter()
        .filter(|c| c.indices.len() == 1)
        .map(|c| c.indices[0])
        .collect();
    let mut voted: Vec<Family> = Vec::new();
    for c in candidates {
        let first = family_of(c.indices[0]);
        if c.indices.iter().all(|&i| family_of(i) == first) && !voted.contains(&first) {
            voted.push(first);
        }
    }
    let mut found: Vec<Mention> = Vec::new();
    let mut at: HashMap<usize, usize> = HashMap::new();
    for c in candidates {
        let ambiguous = c
            .indices
            .iter()
            .any(|&i| family_of(i) != family_of(c.indices[0]));
        let keep: Vec<usize> = if c.indices.len() > 1 && c.indices.iter().any(|i| named.contains(i))
        {
            c.indices
                .iter()
                .copied()
                .filter(|i| named.contains(i))
                .collect()
        } else if ambiguous && c.indices.iter().any(|&i| voted.contains(&family_of(i))) {
            c.indices
                .iter()
                .copied()
                .filter(|&i| voted.contains(&family_of(i)))
                .collect()
        } else {
            c.indices.clone()
        };
        for index in keep {
            match at.get(&index) {
                Some(&n) => {
                    let existing = &mut found[n];
                    if c.evidence.confidence() > existing.evidence.confidence() {
                        existing.evidence = c.evidence.clone();
                    }
                }
                None => {
                    at.insert(index, found.len());
                    found.push(Mention {
                        index,
                        line_number: c.line_number,
                        line: c.line.clone(),
                        token: c.token.clone(),
                        evidence: c.evidence.clone(),
                        seen: Occurrences::default(),
                    });
                }
            }
        }
    }
    // Surest first; a stable sort keeps the order of appearance within each level.
    found.sort_by_key(|m| std::cmp::Reverse(m.evidence.confidence()));
    found
}

/// Does the line name an error the way 5.x does: by its public key (`INVALID_PARAMETER: …`), or
/// carry an `originError`?
fn names_web5_error(line: &str, catalog: &crate::catalog::Catalog) -> bool {
    if line.contains("originError") {
        return true;
    }
    // `JSON.stringify(error)`: `{"name":"SERVER_ERROR",…}`.
    if let Some(at) = line.find("\"name\":\"") {
        let rest = &line[at + 8..];
        let key = &rest[..rest.find('"').unwrap_or(0)];
        if is_web5_public_key(key, catalog) {
            return true;
        }
    }
    let mut at = 0;
    while let Some(colon) = line[at..].find(':').map(|c| at + c) {
        let head = &line[..colon];
        let key_start = head
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_ascii_uppercase() || c == '_'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let key = &head[key_start..];
        if line[colon + 1..].starts_with(' ') && is_web5_public_key(key, catalog) {
            return true;
        }
        at = colon + 1;
    }
    false
}

fn is_web5_public_key(key: &str, catalog: &crate::catalog::Catalog) -> bool {
    key.len() > 3
        && catalog.indices_by_name(key).iter().any(|&i| {
            let e = catalog.entry(i);
            e.family == Family::Web5 && e.category == Category::Sdk
        })
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
            .map(|m| engine.catalog().entry(m.index).qualified())
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

    /// How people write codes in reports (issue #24's examples).
    #[test]
    fn codes_as_people_write_them() {
        assert_eq!(found("提示错误码70014"), ["web4:70014"]);
        assert_eq!(found("进房失败，提示错误码 70001"), ["web4:70001"]);
        assert_eq!(found("错误码是-1301"), ["native:-1301"]);
        assert_eq!(
            found("错误码一直1102 -> 3002 -> -1307"),
            ["native:1102", "native:3002", "native:-1307"]
        );
        assert_eq!(
            found("错误码：1102、-1307"),
            ["native:1102", "native:-1307"]
        );
        assert_eq!(
            found("混流失败【错误信息：-3324 [-6000] outdate request】"),
            ["native:-3324"]
        );
        assert_eq!(found("错误代码 70013"), ["web4:70013"]);
        assert_eq!(found("errid=70013"), ["web4:70013"]);
        assert_eq!(found("返回码: 70001"), ["web4:70001"]);
        assert_eq!(found("the error code is 70001"), ["web4:70001"]);
        assert_eq!(found("錯誤碼 70001"), ["web4:70001"]);
        assert_eq!(found("onWarning code: 1102"), ["native:1102"]);
        // `JSON.stringify(err)` of a 4.x RtcError (a DOMException's name in 4.11+).
        assert_eq!(
            found("{\"code_\":4100,\"extraCode_\":0,\"name\":\"NotAllowedError\"}"),
            ["web4:0x1004"]
        );
    }

    #[test]
    fn a_dropped_minus_is_assumed_with_less_confidence() {
        let engine = Engine::new(Catalog::builtin().unwrap());
        let m = find("进房失败，提示错误码3301", &engine, Scope::default());
        assert_eq!(m.len(), 1);
        assert_eq!(
            engine.catalog().entries()[m[0].index].qualified(),
            "native:-3301"
        );
        assert_eq!(m[0].evidence.confidence(), 1);
        assert!(m[0].evidence.describe().contains("minus sign assumed"));
        // 70001 exists as written: no sign is assumed.
        assert_eq!(found("错误码70001"), ["web4:70001"]);
    }

    #[test]
    fn prose_numbers_that_are_not_codes() {
        for text in [
            "房间号 70001，错误码 xxxx",
            "SDKAppID：1400704311",
            "错误码 4.15.22 之后出现",
            "错误码3301x",
            "返回了 3 条数据",
            "serve error code=3009 : parse message",
            "call failed, error: {\"code\":65535,\"name\":\"TUICallEngineError\"}",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn family_signs_settle_4x_and_5x_messages() {
        // 4.x before 4.3.10: no suffix, the message names the code.
        assert_eq!(
            found("RtcError: please call join() before publish()"),
            ["web4:0x1001"]
        );
        // A 5.x error named by its key, with the core's 4.x suffix: the 5.x code is the answer.
        let five = found(
            "OPERATION_FAILED: 'enterRoom' failed, reason: Failed to join room - schedule failed: Failed to fetch code: 0 <SCHEDULE_FAILED 0x404c>",
        );
        assert!(five.iter().all(|q| q.starts_with("web5:")), "{five:?}");
        assert!(five.contains(&"web5:5500".to_string()), "{five:?}");
    }

    #[test]
    fn keys_as_whole_identifiers() {
        assert_eq!(found("SIGNAL_CAHNNEL_SETUP_FAILED again"), ["web4:0x4001"]);
        assert!(found("MY_JOIN_ROOM_FAILED_X").is_empty());
    }

    fn unknown(text: &str) -> Vec<i64> {
        let engine = Engine::new(Catalog::builtin().unwrap());
        find_unknown(text, &engine, Scope::default())
            .into_iter()
            .map(|u| u.code)
            .collect()
    }

    /// Rule 8: a negative number no entry has, after a code label, on a TRTC line.
    #[test]
    fn codes_the_catalog_lacks_are_named_not_explained() {
        for (text, code) in [
            (
                "[signal_manager.cc:457][local-trtc]Signal: ErrorCode: -100038, Reason: x",
                -100038,
            ),
            (
                "[signal_manager.cc:708] C2SAcquireAuxVideoResponse, Seq:1, ErrorCode:-101018",
                -101018,
            ),
            ("web端 进入房间报-10014 error错误", -10014),
            ("TRTCCloud onError errCode=-100099", -100099),
            ("进房失败，错误码：-100077", -100077),
            ("trtc enterRoom failed, error code is -123456", -123456),
            ("onEnterRoom(-100038)", -100038),
            ("TRTCCloudDelegate onError(-100099, \"x\")", -100099),
        ] {
            assert_eq!(unknown(text), [code], "{text}");
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
        let engine = Engine::new(Catalog::builtin().unwrap());
        let u = &find_unknown("ErrorCode: -100038 enterRoom", &engine, Scope::default())[0];
        assert_eq!(u.evidence.confidence(), 1);
        assert_eq!(u.headline(), "-100038 — not in the catalog");
        assert!(u.evidence.describe().contains("not in the catalog"));
        // Distinct numbers are kept up to a bound (memory stays bounded on a generated log).
        let many: String = (1..=MAX_UNKNOWN_CODES + 10)
            .map(|n| format!("trtc ErrorCode: -{}\n", 900_000 + n))
            .collect();
        let kept = find_unknown(&many, &engine, Scope::default());
        assert_eq!(kept.len(), MAX_UNKNOWN_CODES);
        assert_eq!(kept[0].code, -900_001);
        // Narrowed to a family, a code of no family is not reported.
        let web4 = Scope {
            family: Some(Family::Web4),
            ..Scope::default()
        };
        assert!(find_unknown("ErrorCode: -100038 enterRoom", &engine, web4).is_empty());
    }

    #[test]
    fn numbers_rule_8_does_not_take() {
        for text in [
            // No TRTC word on the line: another product's code in the same words.
            "{errorCode: -10010, errorMsg: \"create room error!!! e = undefined\"}",
            "TIM: /reg online failed|code:-10003|msg:",
            "登陆账号输完密码提示错误代码：-1,网络请求失败",
            // A TRTC line, but a positive number, or a label that names any value.
            "TRTC ErrorCode: 100038",
            "trtc error: -100038",
            "trtc result: -100038 failed",
            "进房失败 错误信息：-100038",
            "enterRoom took -123 ms",
            // A known code is explained, not reported as unknown.
            "TRTCCloud onError errCode=-3301",
            // Another product's error on a TRTC line.
            "trtc call failed: {\"code\":-100038,\"name\":\"TUICallEngineError\"}",
        ] {
            assert!(unknown(text).is_empty(), "{text}: {:?}", unknown(text));
        }
        assert_eq!(found("TRTCCloud onError errCode=-3301"), ["native:-3301"]);
    }

    /// `报` is a label glued to its number (`进入房间报-1301`), never as a word in a sentence.
    #[test]
    fn bao_labels_only_a_glued_number() {
        assert_eq!(found("进入房间报-1301"), ["native:-1301"]);
        assert!(found("报了 3 次").is_empty());
        assert!(found("报错 70001 次").is_empty());
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

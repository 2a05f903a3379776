//! Pasted text: scanned for codes (on the UI thread when small, else on a thread the loop starts,
//! which Esc cancels), then shown as a mention view or typed into the query.

use std::sync::atomic::{AtomicBool, Ordering};

use super::query_line::clean_input;
use super::{undo_tmux_doubling, App, Effect, ScanRequest, Source};
use crate::catalog::Scope;
use crate::mentions::{self, Mention, Scanner, UnknownMention};
use crate::search::Engine;
use crate::width::truncate;

/// Pastes up to this size are scanned at once; larger ones leave the UI thread, so typing,
/// Esc and Ctrl-C are answered while they are scanned.
pub const SCAN_ON_THREAD_FROM: usize = 64 * 1024;
/// A paste without codes becomes the query, cut to this many characters: a 2 MB line searched
/// as a query froze the browser for half a minute, and no query is that long.
pub const MAX_PASTED_QUERY_CHARS: usize = 512;

/// What a scan found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasteScan {
    pub mentions: Vec<Mention>,
    /// Codes the catalog lacks (rule 8).
    pub unknown: Vec<UnknownMention>,
    pub lines: usize,
}

/// What the paste view says of the codes the catalog lacks, after its count of codes:
/// `not in the catalog: -100038 (L1), -10014 (L3)`; `None` when there are none.
pub fn unknown_label(unknown: &[UnknownMention]) -> Option<String> {
    if unknown.is_empty() {
        return None;
    }
    let named: Vec<String> = unknown
        .iter()
        .map(|u| format!("{} (L{})", u.code, u.line_number))
        .collect();
    Some(format!("not in the catalog: {}", named.join(", ")))
}

/// What a pasted code's row says of where it was seen: `L12` for one line; for a code the paste
/// names on several lines, the first and last of them and how many (`L12–40 ×3`), as counted by
/// the scanner ([`crate::mentions::summary`]).
pub fn line_label(mention: &Mention) -> String {
    let seen = &mention.seen;
    if seen.count > 1 {
        format!("L{}–{} ×{}", seen.first_line, seen.last_line, seen.count)
    } else {
        format!("L{}", mention.line_number)
    }
}

/// Scans `text` a line at a time (each line bounded by the scanner), stopping early when
/// `cancel` is set. `None` when cancelled.
pub fn scan_paste(
    text: &str,
    engine: &Engine,
    scope: Scope,
    cancel: &AtomicBool,
) -> Option<PasteScan> {
    let trimmed = text.trim_matches(['\r', '\n']);
    let mut scanner = Scanner::new(engine, scope);
    let mut lines = 0;
    for line in mentions::lines(trimmed) {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        scanner.push_line(line);
        lines += 1;
    }
    Some(PasteScan {
        mentions: scanner.mentions(),
        unknown: scanner.unknown_mentions(),
        lines: lines.max(1),
    })
}

impl App {
    /// Any paste is scanned for codes. With codes, the mention view opens; with none, a one-line
    /// paste is typed into the query, and several lines only say that nothing was found.
    pub(super) fn paste(&mut self, text: String) -> Option<Effect> {
        // CR, LF and CRLF are one break each in `mentions::lines`; only tmux's doubling is ours.
        let text = undo_tmux_doubling(text);
        let generation = self.overlays.paste_scan.next_paste();
        if text.len() >= SCAN_ON_THREAD_FROM {
            self.overlays.paste_scan.start();
            self.status = Some(format!(
                "Scanning the pasted text ({} KiB)… Esc cancels",
                text.len() / 1024
            ));
            return Some(Effect::ScanPaste(ScanRequest {
                text,
                scope: self.base_scope,
                generation,
            }));
        }
        let scan = scan_paste(
            &text,
            &self.engine,
            self.base_scope,
            &AtomicBool::new(false),
        );
        if let Some(scan) = scan {
            self.show_paste(&text, scan);
        }
        None
    }

    /// The loop's scan of a large paste is done. Returns the search it asks for (a paste
    /// without codes becomes the query).
    pub fn pasted(&mut self, generation: u64, text: &str, scan: PasteScan) -> Vec<Effect> {
        if !self.overlays.paste_scan.finish(generation) {
            return Vec::new(); // cancelled, or a newer paste came
        }
        self.status = None;
        self.show_paste(text, scan);
        self.sync_detail();
        self.results
            .search_request
            .take()
            .map(Effect::Search)
            .into_iter()
            .collect()
    }

    /// Esc while a large paste is scanned: stop waiting for it.
    pub(super) fn cancel_paste(&mut self) -> Option<Effect> {
        self.overlays.paste_scan.cancel();
        self.status = Some("Paste not scanned".to_string());
        Some(Effect::CancelScan)
    }

    fn show_paste(&mut self, text: &str, scan: PasteScan) {
        let PasteScan {
            mentions,
            unknown,
            lines,
        } = scan;
        let in_lines = if lines == 1 {
            "the pasted line".to_string()
        } else {
            format!("the {lines} pasted lines")
        };
        if mentions.is_empty() && unknown.is_empty() {
            if lines == 1 {
                // Only the start can become the query: cleaning all of a 50 MB line first copied it.
                let query = clean_input(query_start(text.trim_matches(['\r', '\n'])));
                let cut = truncate(&query, MAX_PASTED_QUERY_CHARS);
                if cut.len() < query.len() {
                    self.status = Some(format!(
                        "No known code in {in_lines}; its first {MAX_PASTED_QUERY_CHARS} columns are the query"
                    ));
                }
                self.query_line.input.insert(&cut);
                self.edited();
            } else {
                self.status = Some(format!("No known code in {in_lines}"));
            }
            return;
        }
        let found = match mentions.len() {
            1 => "1 code".to_string(),
            n => format!("{n} codes"),
        };
        let unknown_note = match unknown.len() {
            0 => String::new(),
            1 => " (and 1 not in the catalog)".to_string(),
            n => format!(" (and {n} not in the catalog)"),
        };
        self.status = Some(format!(
            "Found {found}{unknown_note} in {in_lines} · Ctrl-Y copies all · Esc goes back"
        ));
        self.query_line.input.clear();
        self.query_line.source = Source::Pasted {
            mentions,
            unknown,
            lines,
        };
        self.refresh();
    }
}

/// The start of a one-line paste that can become the query: enough bytes for
/// [`MAX_PASTED_QUERY_CHARS`] characters of any width, cut at a character boundary.
fn query_start(text: &str) -> &str {
    let mut end = text.len().min(MAX_PASTED_QUERY_CHARS * 4 * 4);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

//! Big logs at the speed of grep: a prefilter that rejects lines no rule can read a code on, and a
//! block reader that feeds the rest to the [`Scanner`].
//!
//! Every rule needs something on the line that a multi-pattern search can find: a hex code needs
//! `0x`, a key is one of the catalog's names, a number needs one of the rules' code words or
//! labels (or `result`, or `RtcError`), a template its first fixed piece. The anchors are what
//! the rules say they need ([`Scanner::anchors`]: their own word tables and template pieces) and
//! the catalog's names, so a rule added there is searched for here without a second list.
//! One rule reads the line before: a console's answer (`< 16388`) is labelled by the expression
//! above it, which holds a code word; so the first non-blank line after a candidate is a candidate
//! too. Matching is ASCII-case-insensitive for all anchors: more candidates, never fewer.

use std::io::{self, Read};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::{context, prose, Anchors, Scanner, MAX_LINE_BYTES};
use crate::catalog::Catalog;

/// Bytes read at a time. Two of them (the block and a long line's head) bound the memory a scan
/// of any size takes.
const BLOCK_BYTES: usize = 4 << 20;

/// Below this, a block is searched on one core: splitting costs more than it saves.
const PARALLEL_BYTES: usize = 1 << 20;

/// Where an anchor must stand for a rule to read it: a rule that takes whole identifiers (a key,
/// a code word, a hex code's `0x`) never reads one glued to other letters or digits.
#[derive(Debug, Clone, Copy)]
struct Boundary {
    /// No ASCII letter, digit or `_` right before.
    before: bool,
    /// None right after.
    after: bool,
}

/// The lines worth running the rules on.
pub struct Prefilter {
    anchors: AhoCorasick,
    boundaries: Vec<Boundary>,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl Prefilter {
    pub(super) fn new(catalog: &Catalog, rules: &Anchors) -> Prefilter {
        const WHOLE: Boundary = Boundary {
            before: true,
            after: true,
        };
        const ANYWHERE: Boundary = Boundary {
            before: false,
            after: false,
        };
        let mut words: Vec<(String, Boundary)> = Vec::new();
        for &word in &rules.words {
            let boundary = if word.eq_ignore_ascii_case("0x") {
                // `0x4004`: the token starts at the `0`; what follows is the hex digits.
                Boundary {
                    before: true,
                    after: false,
                }
            } else if context::CODE_WORDS.iter().any(|(w, _)| *w == word) {
                // Read as the last `.` segment of the whole word before a number.
                WHOLE
            } else {
                ANYWHERE
            };
            // The rules fold variant characters (錯誤碼 → 错误码) before they look: every
            // spelling that folds to the word is an anchor.
            words.extend(spellings(word).into_iter().map(|w| (w, boundary)));
        }
        words.extend(
            catalog
                .entries()
                .iter()
                .flat_map(|e| e.names())
                .map(|n| (n.to_string(), WHOLE)),
        );
        words.extend(rules.templates.iter().map(|a| (a.clone(), ANYWHERE)));
        words.retain(|(w, _)| !w.is_empty());
        // A boundary is only asked for on a side where the anchor itself ends in a word byte.
        for (w, b) in &mut words {
            b.before &= w.bytes().next().is_some_and(is_word_byte);
            b.after &= w.bytes().last().is_some_and(is_word_byte);
        }
        // The same word twice: the weaker demand wins.
        words.sort_by_key(|a| a.0.to_ascii_lowercase());
        let mut merged: Vec<(String, Boundary)> = Vec::new();
        for (w, b) in words {
            match merged.last_mut() {
                Some((last, lb)) if last.eq_ignore_ascii_case(&w) => {
                    lb.before &= b.before;
                    lb.after &= b.after;
                }
                _ => merged.push((w, b)),
            }
        }
        let patterns: Vec<&str> = merged.iter().map(|(w, _)| w.as_str()).collect();
        // Every match is looked at (overlapping), so a word whose boundary fails cannot hide a
        // longer one at the same place (`err` in `errCode`).
        let anchors = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .or_else(|_| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(&patterns)
            })
            .expect("the anchors are plain strings");
        Prefilter {
            anchors,
            boundaries: merged.into_iter().map(|(_, b)| b).collect(),
        }
    }

    /// The first place in `hay[from..to]` where an anchor stands as a rule could read it.
    fn first_anchor(&self, hay: &[u8], from: usize, to: usize) -> Option<(usize, usize)> {
        let input = aho_corasick::Input::new(&hay[..to]).span(from..to);
        self.anchors.find_overlapping_iter(input).find_map(|m| {
            let b = self.boundaries[m.pattern().as_usize()];
            let before_ok = !b.before || m.start() == 0 || !is_word_byte(hay[m.start() - 1]);
            let after_ok = !b.after || m.end() >= hay.len() || !is_word_byte(hay[m.end()]);
            (before_ok && after_ok).then(|| (m.start(), m.end()))
        })
    }

    /// Could any rule find a code on this line (read on its own)?
    pub fn may_mention(&self, line: &[u8]) -> bool {
        self.first_anchor(line, 0, line.len()).is_some()
    }

    /// The anchor found on the line, if any (for tracing a false candidate).
    pub fn anchor_in<'l>(&self, line: &'l [u8]) -> Option<&'l [u8]> {
        self.first_anchor(line, 0, line.len())
            .map(|(s, e)| &line[s..e])
    }

    /// The lines of `block` that hold an anchor, as byte ranges (without their line break), each
    /// with the number of line breaks between it and the one before (or `from`).
    fn anchored_lines(&self, block: &[u8], from: usize, to: usize) -> Vec<Piece> {
        let mut pieces = Vec::new();
        let mut at = from;
        while at < to {
            let Some((m_start, _)) = self.first_anchor(block, at, to) else {
                break;
            };
            let start = memchr::memrchr(b'\n', &block[at..m_start]).map_or(at, |i| at + i + 1);
            let end = memchr::memchr(b'\n', &block[m_start..to]).map_or(to, |i| m_start + i);
            pieces.push(Piece {
                start,
                end,
                breaks_before: memchr::memchr_iter(b'\n', &block[at..start]).count(),
            });
            at = end + 1;
        }
        pieces
    }
}

/// Every spelling of `word` that [`prose::fold_variants`] folds to it (at most 64).
fn spellings(word: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for c in word.chars() {
        let mut options = vec![c];
        options.extend(
            prose::VARIANTS
                .iter()
                .filter(|&&(_, folded)| folded == c)
                .map(|&(variant, _)| variant),
        );
        if out.len() * options.len() > 64 {
            options.truncate(1);
        }
        out = out
            .iter()
            .flat_map(|s| {
                options.iter().map(move |o| {
                    let mut s = s.clone();
                    s.push(*o);
                    s
                })
            })
            .collect();
    }
    out
}

/// A line that holds an anchor.
struct Piece {
    start: usize,
    end: usize,
    breaks_before: usize,
}

/// Is every line of `bytes` blank (only whitespace, as `str::trim` counts it)?
fn is_blank(bytes: &[u8]) -> bool {
    match bytes.iter().position(|b| !b.is_ascii_whitespace()) {
        None => true,
        Some(at) if bytes[at].is_ascii() => false,
        Some(at) => String::from_utf8_lossy(&bytes[at..])
            .chars()
            .all(char::is_whitespace),
    }
}

/// Reads `reader` to its end in blocks and scans every line on which a code could be, counting the
/// others. `prefilter: false` scans every line (what the prefilter must never change).
pub fn scan_reader<R: Read>(
    mut reader: R,
    scanner: &mut Scanner,
    prefilter: bool,
) -> io::Result<()> {
    let mut feeder = Feeder::default();
    let mut buf: Vec<u8> = Vec::with_capacity(BLOCK_BYTES);
    let mut eof = false;
    while !eof {
        // Fill the block.
        while buf.len() < BLOCK_BYTES {
            let len = buf.len();
            buf.resize(BLOCK_BYTES, 0);
            match reader.read(&mut buf[len..]) {
                Ok(0) => {
                    buf.truncate(len);
                    eof = true;
                    break;
                }
                Ok(n) => buf.truncate(len + n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => buf.truncate(len),
                Err(e) => {
                    buf.truncate(len);
                    return Err(e);
                }
            }
        }
        // Whole lines only; the unfinished rest waits for the next block (or is the last line).
        let whole = if eof {
            buf.len()
        } else {
            match memchr::memrchr(b'\n', &buf) {
                Some(at) => at + 1,
                None => {
                    // A line longer than a block: keep its head, drop the rest of it.
                    feeder.long_line(&buf);
                    buf.clear();
                    continue;
                }
            }
        };
        feeder.block(&buf[..whole], scanner, prefilter);
        buf.drain(..whole);
    }
    feeder.finish(scanner);
    Ok(())
}

/// Feeds lines to the scanner in order, across blocks.
#[derive(Default)]
struct Feeder {
    /// The head of a line longer than a block, while the rest of it is read and dropped.
    long: Option<Vec<u8>>,
    /// The last line scanned held an anchor: the next non-blank line is scanned too.
    wants_follower: bool,
}

impl Feeder {
    fn long_line(&mut self, bytes: &[u8]) {
        let head = self.long.get_or_insert_with(Vec::new);
        let room = MAX_LINE_BYTES.saturating_sub(head.len());
        head.extend_from_slice(&bytes[..room.min(bytes.len())]);
    }

    fn push(&mut self, line: &[u8], scanner: &mut Scanner, anchored: bool) {
        let line = &line[..line.len().min(MAX_LINE_BYTES)];
        scanner.push_line(&String::from_utf8_lossy(line));
        if anchored {
            self.wants_follower = true;
        } else if !is_blank(line) {
            self.wants_follower = false;
        }
    }

    fn block(&mut self, block: &[u8], scanner: &mut Scanner, prefilter: bool) {
        let mut at = 0;
        if let Some(mut head) = self.long.take() {
            // The end of a long line: its head is the line.
            let end = memchr::memchr(b'\n', block).unwrap_or(block.len());
            let room = MAX_LINE_BYTES.saturating_sub(head.len());
            head.extend_from_slice(&block[..room.min(end)]);
            let anchored = !prefilter || scanner.prefilter().may_mention(&head);
            if anchored || self.wants_follower {
                self.push(&head, scanner, anchored);
            } else {
                scanner.skip_lines(1, false);
            }
            at = (end + 1).min(block.len());
        }
        if !prefilter {
            for line in block[at..].split_inclusive(|&b| b == b'\n') {
                let line = line.strip_suffix(b"\n").unwrap_or(line);
                self.push(line, scanner, true);
            }
            return;
        }
        let pieces = {
            let filter = scanner.prefilter();
            if block.len() - at >= PARALLEL_BYTES {
                // Both cores: each searches half the block, cut at a line break.
                let middle = at + (block.len() - at) / 2;
                let cut =
                    memchr::memchr(b'\n', &block[middle..]).map_or(block.len(), |i| middle + i + 1);
                let (mut first, second) = rayon::join(
                    || filter.anchored_lines(block, at, cut),
                    || filter.anchored_lines(block, cut, block.len()),
                );
                let first_end = first.last().map_or(at, |p| p.end + 1);
                let mut second = second;
                if let Some(p) = second.first_mut() {
                    // Count the breaks from the first half's last anchored line, not from the cut.
                    p.breaks_before +=
                        memchr::memchr_iter(b'\n', &block[first_end.min(cut)..cut]).count();
                }
                first.extend(second);
                first
            } else {
                filter.anchored_lines(block, at, block.len())
            }
        };
        for piece in pieces {
            self.gap(block, at, piece.start, piece.breaks_before, scanner);
            self.push(&block[piece.start..piece.end], scanner, true);
            at = (piece.end + 1).min(block.len());
        }
        let rest = memchr::memchr_iter(b'\n', &block[at..]).count()
            + usize::from(!block[at..].is_empty() && !block.ends_with(b"\n"));
        self.gap(block, at, block.len(), rest, scanner);
    }

    /// The lines between `from` and `to` (`lines` of them) hold no anchor: the follower of an
    /// anchored line is scanned, the rest counted.
    fn gap(
        &mut self,
        block: &[u8],
        mut from: usize,
        to: usize,
        mut lines: usize,
        scanner: &mut Scanner,
    ) {
        while self.wants_follower && lines > 0 {
            let end = memchr::memchr(b'\n', &block[from..to]).map_or(to, |i| from + i);
            self.push(&block[from..end], scanner, false);
            lines -= 1;
            from = (end + 1).min(to);
        }
        if lines > 0 {
            scanner.skip_lines(lines, is_blank(&block[from..to]));
        }
    }

    fn finish(&mut self, scanner: &mut Scanner) {
        if let Some(head) = self.long.take() {
            let anchored = scanner.prefilter().may_mention(&head);
            if anchored || self.wants_follower {
                self.push(&head, scanner, anchored);
            } else {
                scanner.skip_lines(1, false);
            }
        }
    }
}

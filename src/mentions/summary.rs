//! How often a code was mentioned, where first and last, by which evidence and (when the log has
//! timestamps) when: what `explain --summary` prints a row of, and what the browser's paste view
//! counts. Kept per code as the scanner goes, so a log of any length costs one record per code.

use super::{Evidence, Mention, UnknownMention};

/// Which kinds of evidence named a code, as a small set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EvidenceKinds(u8);

/// The kinds in the order they are listed (strongest first), with the word for each.
const KIND_NAMES: &[&str] = &[
    "hex",
    "template",
    "context",
    "key",
    "rtcerror-line",
    "sign-assumed",
    "not-in-catalog",
];

impl EvidenceKinds {
    /// The bit for one piece of evidence.
    pub fn of(evidence: &Evidence) -> EvidenceKinds {
        EvidenceKinds(1 << kind_bit(evidence))
    }

    pub fn insert(&mut self, other: EvidenceKinds) {
        self.0 |= other.0;
    }

    /// `hex`, `template`, `context`, `key`, `rtcerror-line`: the kinds seen, strongest first.
    pub fn names(&self) -> Vec<&'static str> {
        KIND_NAMES
            .iter()
            .enumerate()
            .filter(|(bit, _)| self.0 & (1 << bit) != 0)
            .map(|(_, name)| *name)
            .collect()
    }
}

fn kind_bit(evidence: &Evidence) -> u8 {
    match evidence {
        Evidence::HexCode => 0,
        Evidence::Template { .. } => 1,
        Evidence::CodeContext { .. } => 2,
        Evidence::Key => 3,
        Evidence::RtcErrorLine => 4,
        Evidence::SignAssumed { .. } => 5,
        Evidence::NotInCatalog { .. } => 6,
    }
}

/// Every line that mentioned one code, folded into counts and bounds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Occurrences {
    /// Lines that mentioned the code (a line naming it twice counts once).
    pub count: usize,
    /// 1-based line numbers of the first and the last of them.
    pub first_line: usize,
    pub last_line: usize,
    pub kinds: EvidenceKinds,
    /// The timestamps those lines start with, when they have one (`2024-05-01 12:00:03.120`,
    /// `12:00:03.120`): the first and the last seen.
    pub first_time: Option<String>,
    pub last_time: Option<String>,
}

impl Occurrences {
    /// Records a mention on `line_number` (lines arrive in order).
    pub fn record(&mut self, line_number: usize, line: &str, evidence: &Evidence) {
        self.kinds.insert(EvidenceKinds::of(evidence));
        if self.count > 0 && self.last_line == line_number {
            return;
        }
        if self.count == 0 {
            self.first_line = line_number;
        }
        self.count += 1;
        self.last_line = line_number;
        if let Some(time) = timestamp(line) {
            if self.first_time.is_none() {
                self.first_time = Some(time.to_string());
            }
            self.last_time = Some(time.to_string());
        }
    }

    /// `seen 175 times, last on line 1279000`: said beside a mention that repeats, by `explain`
    /// and by the browser's paste view alike.
    pub fn repeats(&self) -> Option<String> {
        (self.count > 1)
            .then(|| format!("seen {} times, last on line {}", self.count, self.last_line))
    }
}

/// How `--summary` orders its rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SummaryOrder {
    /// By the line each code first appeared on.
    #[default]
    FirstSeen,
    /// Most frequent first; ties by first appearance.
    Count,
}

/// The rows of a summary: each mentioned code once, in `order`.
pub fn summarize(mentions: &[Mention], order: SummaryOrder) -> Vec<&Mention> {
    in_order(mentions, order, |m| &m.seen)
}

/// The rows for the codes the catalog lacks, in the same order as [`summarize`]'s.
pub fn summarize_unknown(unknown: &[UnknownMention], order: SummaryOrder) -> Vec<&UnknownMention> {
    in_order(unknown, order, |u| &u.seen)
}

fn in_order<T>(items: &[T], order: SummaryOrder, seen: impl Fn(&T) -> &Occurrences) -> Vec<&T> {
    let mut rows: Vec<&T> = items.iter().collect();
    // Ties (one line naming several codes) keep the mentions' own order.
    match order {
        SummaryOrder::FirstSeen => rows.sort_by_key(|m| seen(m).first_line),
        SummaryOrder::Count => {
            rows.sort_by_key(|m| (std::cmp::Reverse(seen(m).count), seen(m).first_line))
        }
    }
    rows
}

/// The timestamp a log line starts with (after `[` or spaces): a date and time
/// (`2024-05-01 12:00:03.120`, `2024-05-01T12:00:03Z`) or a time of day (`12:00:03.120`).
pub fn timestamp(line: &str) -> Option<&str> {
    let head = line.trim_start_matches([' ', '\t', '[', '(']);
    let offset = line.len() - head.len();
    let b = head.as_bytes();
    let digits =
        |at: usize, n: usize| b.len() >= at + n && b[at..at + n].iter().all(u8::is_ascii_digit);
    let time_at = |at: usize| -> Option<usize> {
        // HH:MM:SS, then an optional fraction.
        if !(digits(at, 2) && b.get(at + 2) == Some(&b':') && digits(at + 3, 2))
            || b.get(at + 5) != Some(&b':')
            || !digits(at + 6, 2)
        {
            return None;
        }
        let mut end = at + 8;
        if matches!(b.get(end), Some(b'.' | b',')) && digits(end + 1, 1) {
            end += 1;
            while b.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
        }
        if b.get(end) == Some(&b'Z') {
            end += 1;
        }
        Some(end)
    };
    let date = digits(0, 4)
        && matches!(b.get(4), Some(b'-' | b'/'))
        && digits(5, 2)
        && b.get(7) == b.get(4)
        && digits(8, 2)
        && matches!(b.get(10), Some(b' ' | b'T'));
    let end = if date { time_at(11) } else { time_at(0) }?;
    // A time must end there (`12:00:03:5000` is not one).
    if b.get(end)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b':')
    {
        return None;
    }
    Some(&line[offset..offset + end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_at_the_start_of_a_line() {
        assert_eq!(
            timestamp("2024-05-01 12:00:03.120 [info] x"),
            Some("2024-05-01 12:00:03.120")
        );
        assert_eq!(
            timestamp("[2024-05-01T12:00:03Z] x"),
            Some("2024-05-01T12:00:03Z")
        );
        assert_eq!(timestamp("12:00:03.120 TRTC x"), Some("12:00:03.120"));
        assert_eq!(timestamp("code: 16388 at 12:00:03"), None);
        assert_eq!(timestamp("12:00:03:5000"), None);
        assert_eq!(timestamp(""), None);
    }

    #[test]
    fn a_line_counts_once() {
        let mut o = Occurrences::default();
        o.record(3, "12:00:01 a", &Evidence::HexCode);
        o.record(3, "12:00:01 a", &Evidence::Key);
        o.record(9, "12:00:09 b", &Evidence::HexCode);
        assert_eq!((o.count, o.first_line, o.last_line), (2, 3, 9));
        assert_eq!(o.kinds.names(), ["hex", "key"]);
        assert_eq!(o.first_time.as_deref(), Some("12:00:01"));
        assert_eq!(o.last_time.as_deref(), Some("12:00:09"));
    }
}

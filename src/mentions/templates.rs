//! Rule 4: the SDK's own message text. Each template (`'{key}' is a required param when calling
//! {fnName}(), received: {value}.`) becomes its literal pieces; a line that holds every piece in
//! order is that message, and the text between the pieces is what the SDK filled in.
//!
//! 5.x templates come from the catalog's entries; 4.x messages from every published bundle
//! (`assets/web4-messages.tsv`, made by `scripts/extract/web4-messages.mjs`): before 4.6.1 a 4.x
//! message carries no `<KEY 0x…>`, so its text is all that names the code.

use crate::catalog::{Catalog, Category, Family};

use super::Evidence;

/// Templates whose fixed text is shorter than this say too little to identify a code.
const MIN_LITERAL_CHARS: usize = 12;

/// Every 4.x bundle's RtcError messages: `KEY<TAB>template<TAB>versions`.
const WEB4_MESSAGES: &str = include_str!("../../assets/web4-messages.tsv");

/// A 4.x message with fewer fixed non-space characters than this (`publish timeout`,
/// `WebSocket reconnection failed`, `not supported on current browser`) reads like any log's
/// words: it counts only on a line that names `RtcError`.
const WEB4_SHORT_CHARS: usize = 32;

struct Template {
    index: usize,
    text: String,
    /// Fixed pieces, in order; `names[i]` is the placeholder after `pieces[i]`.
    pieces: Vec<String>,
    names: Vec<String>,
    /// The template starts with a placeholder (its value precedes the first piece).
    leading: Option<String>,
    /// Counts only on a line that names `RtcError` (a short 4.x message).
    needs_rtc_error: bool,
    /// A 4.x message of the bundles before 4.3.10, which appended no `<KEY 0x…>` to it.
    before_suffix: bool,
}

/// The first 4.x version whose RtcError appends `<KEY 0x…>` to its message.
const FIRST_SUFFIXED: (u32, u32, u32) = (4, 3, 10);

pub(super) struct TemplateMatch {
    pub index: usize,
    /// The part of the line the template matched.
    pub matched: String,
    /// Where that part is, in bytes.
    pub span: (usize, usize),
    /// The template's fixed text (messages that differ only in a final period are one).
    pub shape: String,
    /// Only bundles before 4.3.10 had this message (and printed no `<KEY 0x…>` after it).
    pub before_suffix: bool,
    pub evidence: Evidence,
}

pub(super) struct Templates {
    templates: Vec<Template>,
    /// Every template's first piece at once: a line is tried only against the templates whose
    /// first piece it holds (hundreds of `find`s a line made `explain` several times slower).
    first_pieces: aho_corasick::AhoCorasick,
    /// `first_pieces` pattern → the templates that start with it.
    by_first_piece: Vec<Vec<usize>>,
}

/// Splits `a {x} b {y}` into pieces `["a ", " b "]`, names `["x", "y"]`, leading `None`.
fn compile(index: usize, text: &str) -> Option<Template> {
    let mut pieces = Vec::new();
    let mut names = Vec::new();
    let mut leading = None;
    let mut rest = text;
    let mut literal = String::new();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
        {
            literal.push_str(&rest[..open + 1]);
            rest = &rest[open + 1..];
            continue;
        }
        literal.push_str(&rest[..open]);
        if literal.is_empty() && pieces.is_empty() {
            leading = Some(name.to_string());
        } else {
            pieces.push(std::mem::take(&mut literal));
            names.push(name.to_string());
        }
        rest = &rest[open + close + 1..];
    }
    literal.push_str(rest);
    // A quoted message often loses its final period (`"…before publish()"`).
    let literal = literal.trim_end_matches('.').to_string();
    if !literal.is_empty() {
        pieces.push(literal);
    }
    let fixed: usize = pieces.iter().map(|p| p.trim().chars().count()).sum();
    (fixed >= MIN_LITERAL_CHARS).then(|| Template {
        index,
        text: text.to_string(),
        pieces,
        names,
        leading,
        needs_rtc_error: false,
        before_suffix: false,
    })
}

impl Templates {
    pub fn new(catalog: &Catalog) -> Templates {
        let mut templates: Vec<Template> = catalog
            .entries()
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.templates.iter().filter_map(move |t| compile(i, t)))
            .collect();
        templates.extend(web4_messages(catalog));
        let mut pieces: Vec<&str> = Vec::new();
        let mut by_first_piece: Vec<Vec<usize>> = Vec::new();
        for (i, t) in templates.iter().enumerate() {
            let Some(first) = t.pieces.first() else {
                continue;
            };
            match pieces.iter().position(|p| p == first) {
                Some(at) => by_first_piece[at].push(i),
                None => {
                    pieces.push(first);
                    by_first_piece.push(vec![i]);
                }
            }
        }
        let first_pieces =
            aho_corasick::AhoCorasick::new(&pieces).expect("template pieces make an automaton");
        Templates {
            templates,
            first_pieces,
            by_first_piece,
        }
    }

    /// The longest fixed piece of every template: a line holds a template only if it holds every
    /// piece, so that one too (what a prefilter looks for).
    pub fn anchors(&self) -> impl Iterator<Item = &str> {
        // Every piece must be on the line, so the longest says the most: a template whose first
        // piece is `[` must not make every bracketed log line a candidate.
        self.templates
            .iter()
            .filter_map(|t| t.pieces.iter().max_by_key(|p| p.len()).map(String::as_str))
    }

    /// Every template the line holds.
    pub fn find(&self, line: &str) -> Vec<TemplateMatch> {
        let mut out = Vec::new();
        let rtc_error = line.contains("RtcError");
        let mut candidates: Vec<usize> = self
            .first_pieces
            .find_overlapping_iter(line)
            .flat_map(|m| self.by_first_piece[m.pattern().as_usize()].iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for t in candidates
            .into_iter()
            .map(|i| &self.templates[i])
            .filter(|t| rtc_error || !t.needs_rtc_error)
        {
            if let Some(m) = t.match_line(line) {
                out.push(m);
            }
        }
        // A message inside another one is what that one quotes (5.x `'enterRoom' got server
        // error: Failed to join room - …` holds its core's 4.x message): the outer one is meant.
        let spans: Vec<(usize, usize)> = out.iter().map(|m| m.span).collect();
        out.retain(|m| {
            !spans
                .iter()
                .any(|&(a, b)| a <= m.span.0 && m.span.1 <= b && (b - a) > (m.span.1 - m.span.0))
        });
        out
    }
}

/// The 4.x message templates whose key the catalog knows (as a 4.x SDK code).
fn web4_messages(catalog: &Catalog) -> impl Iterator<Item = Template> + '_ {
    WEB4_MESSAGES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(move |l| {
            let mut fields = l.split('\t');
            let (key, text) = (fields.next()?, fields.next()?);
            let first = fields
                .next()
                .and_then(|v| v.split('–').next())
                .and_then(|v| {
                    let mut n = v.split('.').map(|p| p.parse::<u32>().ok());
                    Some((n.next()??, n.next()??, n.next()??))
                });
            let index = catalog.indices_by_name(key).iter().copied().find(|&i| {
                let e = catalog.entry(i);
                e.family == Family::Web4 && e.category == Category::Sdk
            })?;
            let mut t = compile(index, text)?;
            let fixed: usize = t
                .pieces
                .iter()
                .map(|p| p.chars().filter(|c| !c.is_whitespace()).count())
                .sum();
            t.needs_rtc_error = fixed < WEB4_SHORT_CHARS;
            t.before_suffix = first.is_some_and(|f| f < FIRST_SUFFIXED);
            Some(t)
        })
}

impl Template {
    fn match_line(&self, line: &str) -> Option<TemplateMatch> {
        let first = self.pieces.first()?;
        let mut at = line.find(first.as_str())?;
        let start = at;
        let mut captures = Vec::new();
        if let Some(name) = &self.leading {
            let value = line[..start]
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or("");
            captures.push((name.clone(), value.to_string()));
        }
        at += first.len();
        for (i, name) in self.names.iter().enumerate() {
            match self.pieces.get(i + 1) {
                Some(next) => {
                    let found = line[at..].find(next.as_str())?;
                    captures.push((name.clone(), line[at..at + found].to_string()));
                    at += found + next.len();
                }
                None => {
                    // A trailing placeholder runs to the end of the line's word.
                    let value = line[at..].split(char::is_whitespace).next().unwrap_or("");
                    // The sentence's own period (dropped from the template) is not the value's.
                    let value = value.trim_end_matches(['.', ',', ';', '"', '\'']);
                    captures.push((name.clone(), value.to_string()));
                    at += value.len();
                }
            }
        }
        Some(TemplateMatch {
            index: self.index,
            matched: line[start..at].trim().to_string(),
            span: (start, at),
            shape: self.pieces.join("{}"),
            before_suffix: self.before_suffix,
            evidence: Evidence::Template {
                template: self.text.clone(),
                captures,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_captures_what_the_sdk_filled_in() {
        let t = compile(
            0,
            "'{key}' is a required param when calling {fnName}(), received: {value}.",
        )
        .unwrap();
        let m = t
            .match_line("INVALID_PARAMETER: 'sdkAppId' is a required param when calling enterRoom(), received: undefined.")
            .unwrap();
        let Evidence::Template { captures, .. } = m.evidence else {
            panic!()
        };
        assert_eq!(
            captures,
            vec![
                ("key".to_string(), "sdkAppId".to_string()),
                ("fnName".to_string(), "enterRoom".to_string()),
                ("value".to_string(), "undefined".to_string()),
            ]
        );
    }

    #[test]
    fn short_templates_identify_nothing() {
        assert!(compile(0, "{a} failed").is_none());
    }
}

//! What `explain` prints for the mentions of a paste, in each format; the TUI copies the same text.

use std::fmt::Write;

use serde::Serialize;

use super::{Evidence, Mention};
use crate::catalog::Catalog;
use crate::explanation::{self, Lang};
use crate::render::json::{to_json, EntryJson};
use crate::render::markdown::code_span;
use crate::render::{self as out_format, Format};
use crate::sanitize::sanitize;

#[derive(Serialize)]
struct MentionJson<'a> {
    line_number: usize,
    line: String,
    token: &'a str,
    evidence: String,
    confidence: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    template: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    captured: Vec<(&'a str, &'a str)>,
    entry: EntryJson<'a>,
}

/// One mention as one line of JSON (`explain --follow`): the same object as in the array, with
/// the entry's fields in `show`'s order.
pub fn json_line(m: &Mention, catalog: &Catalog) -> String {
    serde_json::to_string(&mention_json(m, catalog))
        .unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }).to_string())
}

fn mention_json<'a>(m: &'a Mention, catalog: &'a Catalog) -> MentionJson<'a> {
    let (template, captured) = match &m.evidence {
        Evidence::Template { template, captures } => (
            Some(template.as_str()),
            captures
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect(),
        ),
        _ => (None, Vec::new()),
    };
    MentionJson {
        line_number: m.line_number,
        line: sanitize(&m.line).into_owned(),
        token: &m.token,
        evidence: m.evidence.describe(),
        confidence: m.evidence.confidence(),
        template,
        captured,
        entry: EntryJson::new(&catalog.entries()[m.index]),
    }
}

/// What `explain` prints for these mentions in `format`; the browser copies the same text.
pub fn render(
    mentions: &[Mention],
    catalog: &Catalog,
    format: Format,
    lang: Lang,
    color: bool,
) -> String {
    let entries = catalog.entries();
    match format {
        Format::Json => {
            let items: Vec<MentionJson> =
                mentions.iter().map(|m| mention_json(m, catalog)).collect();
            let mut s = to_json(&items);
            s.push('\n');
            s
        }
        Format::Text | Format::Markdown => {
            let mut s = String::new();
            for (n, m) in mentions.iter().enumerate() {
                if n > 0 {
                    s.push('\n');
                }
                let line = sanitize(&m.line);
                let e = explanation::explain(
                    &entries[m.index],
                    catalog,
                    &explanation::View::new(lang, None),
                );
                let note = sanitize(&m.evidence.note()).into_owned();
                if format == Format::Markdown {
                    let _ = writeln!(
                        s,
                        "> line {}: {} ({note})\n",
                        m.line_number,
                        code_span(&line)
                    );
                    s.push_str(&out_format::markdown::render(&e));
                } else {
                    let _ = writeln!(s, "line {}: {line}  [{note}]", m.line_number);
                    s.push_str(&out_format::text::render(&e, color));
                }
            }
            s
        }
    }
}

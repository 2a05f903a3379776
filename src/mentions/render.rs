//! What `explain` prints for the mentions of a paste, in each format; the TUI copies the same text.
//!
//! Everything that came from the input (the line, the token, the label word, what a template
//! captured, a file name) is untrusted: text and JSON get it sanitized (no control character,
//! bidi override or C1 byte survives, so `jq -r` cannot turn it back into an escape sequence),
//! Markdown gets it in code spans or escaped; and credentials on the line are masked unless
//! `show_secrets` is set.

use std::borrow::Cow;
use std::fmt::Write;

use serde::Serialize;

use super::summary::{summarize, summarize_unknown, Occurrences, SummaryOrder};
use super::{Evidence, Mention, UnknownMention};
use crate::catalog::{Catalog, SdkVersion};
use crate::explanation::{self, Lang};
use crate::redact::mask_secrets;
use crate::render::json::{to_json, EntryJson};
use crate::render::markdown::{code_span, escape};
use crate::render::{self as out_format, Format};
use crate::sanitize::sanitize;

/// How to print mentions.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions<'a> {
    pub format: Format,
    pub lang: Lang,
    pub color: bool,
    /// The file the mentions were found in (several files: each mention says which).
    pub file: Option<&'a str>,
    /// Keep credentials (userSig, privateMapKey, SecretKey) as they were written.
    pub show_secrets: bool,
    /// The SDK version in force (`--sdk-version`): keys spelled as it spells them, as `show` does.
    pub version: Option<SdkVersion>,
    /// The terminal's width when text goes to one: values wrap inside their column, as in `show`.
    pub columns: Option<usize>,
}

impl RenderOptions<'_> {
    pub fn new(format: Format, lang: Lang, color: bool) -> RenderOptions<'static> {
        RenderOptions {
            format,
            lang,
            color,
            file: None,
            show_secrets: false,
            version: None,
            columns: None,
        }
    }

    /// How entries are explained: the language and the version in force.
    pub fn view(&self) -> explanation::View {
        explanation::View::new(self.lang, self.version)
    }

    /// Input text as it may be shown: credentials masked (unless kept), then sanitized.
    fn shown(&self, text: &str) -> String {
        let masked = if self.show_secrets {
            Cow::Borrowed(text)
        } else {
            mask_secrets(text)
        };
        sanitize(&masked).into_owned()
    }
}

/// A mention's line as the browser may show or copy it: credentials masked, then sanitized.
pub fn shown_line(line: &str) -> String {
    sanitize(&mask_secrets(line)).into_owned()
}

#[derive(Serialize)]
struct MentionJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    line_number: usize,
    line: String,
    token: String,
    evidence: String,
    confidence: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    template: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    captured: Vec<(String, String)>,
    #[serde(flatten)]
    seen: OccurrencesJson,
    /// `null` for a code the catalog lacks.
    entry: Option<EntryJson<'a>>,
    /// The number of a code the catalog lacks (rule 8); absent for a known code.
    #[serde(skip_serializing_if = "Option::is_none")]
    unknown_code: Option<i64>,
}

/// How many lines mentioned a code, the first and the last (with their times): the same fields in
/// a mention and in a summary row.
#[derive(Serialize)]
struct OccurrencesJson {
    count: usize,
    first_line: usize,
    last_line: usize,
    evidence_kinds: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_time: Option<String>,
}

impl From<&Occurrences> for OccurrencesJson {
    fn from(seen: &Occurrences) -> OccurrencesJson {
        let time = |t: &Option<String>| t.as_deref().map(|t| sanitize(t).into_owned());
        OccurrencesJson {
            count: seen.count,
            first_line: seen.first_line,
            last_line: seen.last_line,
            evidence_kinds: seen.kinds.names(),
            first_time: time(&seen.first_time),
            last_time: time(&seen.last_time),
        }
    }
}

/// One mention as one line of JSON (`explain --follow`): the same object as in the array, with
/// the entry's fields in `show`'s order.
pub fn json_line(m: &Mention, catalog: &Catalog) -> String {
    json_line_with(
        m,
        catalog,
        &RenderOptions::new(Format::Json, Lang::default(), false),
    )
}

pub fn json_line_with(m: &Mention, catalog: &Catalog, options: &RenderOptions) -> String {
    serde_json::to_string(&mention_json(m, catalog, options))
        .unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }).to_string())
}

/// A code the catalog lacks as one line of JSON: a mention's fields, `entry` null and the number
/// in `unknown_code`.
pub fn unknown_json_line_with(u: &UnknownMention, options: &RenderOptions) -> String {
    serde_json::to_string(&unknown_json(u, options))
        .unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }).to_string())
}

fn unknown_json(u: &UnknownMention, o: &RenderOptions) -> MentionJson<'static> {
    MentionJson {
        file: o.file.map(|f| sanitize(f).into_owned()),
        line_number: u.line_number,
        line: o.shown(&u.line),
        token: o.shown(&u.token),
        evidence: sanitize(&u.evidence.describe()).into_owned(),
        confidence: u.evidence.confidence(),
        template: None,
        captured: Vec::new(),
        seen: (&u.seen).into(),
        entry: None,
        unknown_code: Some(u.code),
    }
}

/// What is said of a code the catalog lacks, in place of an explanation: (label, text) per
/// language, Chinese first as in `show`. Its meaning is never guessed.
fn unknown_fields(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let zh = [
        (
            "说明",
            "按标签和所在行读作 TRTC 错误码，但没有任何目录文件定义它；这里不猜测其含义。",
        ),
        (
            "处理建议",
            "查阅官方错误码文档，或带着这行日志联系腾讯云技术支持。",
        ),
    ];
    let en = [
        ("Note", "Read as a TRTC code by its label and its line, but no catalog file defines it; its meaning is not guessed here."),
        ("What to do", "Look it up in the official error-code pages, or ask Tencent Cloud support with this log line."),
    ];
    match lang {
        Lang::Zh => zh.to_vec(),
        Lang::En => en.to_vec(),
        Lang::Both => vec![zh[0], en[0], zh[1], en[1]],
    }
}

/// A code the catalog lacks, in text or Markdown: where it was seen and why it was read as a
/// code, its headline and what is said in place of an explanation.
fn render_unknown(s: &mut String, u: &UnknownMention, o: &RenderOptions) {
    let line = o.shown(&u.line);
    let fields = unknown_fields(o.lang);
    if o.format == Format::Markdown {
        let file = o
            .file
            .map(|f| format!("{} ", code_span(&sanitize(f))))
            .unwrap_or_default();
        let mut note = escape(&sanitize(&u.evidence.describe()));
        if let Some(r) = u.seen.repeats() {
            let _ = write!(note, "; {r}");
        }
        let _ = writeln!(
            s,
            "> {file}line {}: {} ({note})\n",
            u.line_number,
            code_span(&line)
        );
        let _ = writeln!(
            s,
            "### {} — not in the catalog\n",
            code_span(&u.code.to_string())
        );
        for (label, text) in fields {
            let _ = writeln!(s, "- **{label}:** {}", escape(text));
        }
    } else {
        let mut note = sanitize(&u.evidence.describe()).into_owned();
        if let Some(r) = u.seen.repeats() {
            let _ = write!(note, "; {r}");
        }
        let file = o
            .file
            .map(|f| format!("{}:", sanitize(f)))
            .unwrap_or_default();
        let _ = writeln!(s, "{file}line {}: {line}  [{note}]", u.line_number);
        let headline = u.headline();
        if o.color {
            let _ = writeln!(s, "\x1b[1m{headline}\x1b[0m");
        } else {
            let _ = writeln!(s, "{headline}");
        }
        let label_width = fields
            .iter()
            .map(|(l, _)| crate::width::width(l))
            .max()
            .unwrap_or(0)
            + 1;
        for (label, text) in fields {
            let label = format!("{label}:");
            let pad = " ".repeat(label_width.saturating_sub(crate::width::width(&label)));
            let _ = writeln!(s, "  {label}{pad} {text}");
        }
    }
}

fn mention_json<'a>(m: &Mention, catalog: &'a Catalog, o: &RenderOptions) -> MentionJson<'a> {
    let (template, captured) = match &m.evidence {
        Evidence::Template { template, captures } => (
            Some(sanitize(template).into_owned()),
            captures
                .iter()
                .map(|(k, v)| (sanitize(k).into_owned(), o.shown(v)))
                .collect(),
        ),
        _ => (None, Vec::new()),
    };
    MentionJson {
        file: o.file.map(|f| sanitize(f).into_owned()),
        line_number: m.line_number,
        line: o.shown(&m.line),
        token: o.shown(&m.token),
        evidence: sanitize(&m.evidence.describe()).into_owned(),
        confidence: m.evidence.confidence(),
        template,
        captured,
        seen: (&m.seen).into(),
        entry: Some(out_format::entry_json(catalog.entry(m.index), &o.view())),
        unknown_code: None,
    }
}

/// The evidence note for Markdown: the phrase escaped, what a template captured in code spans
/// (a captured `<img onerror=…>` or `[click](…)` stays text).
fn markdown_note(m: &Mention, o: &RenderOptions) -> String {
    let mut note = escape(&sanitize(&m.evidence.describe()));
    if let Evidence::Template { captures, .. } = &m.evidence {
        if !captures.is_empty() {
            let values: Vec<String> = captures
                .iter()
                .map(|(k, v)| format!("{} = {}", code_span(&sanitize(k)), code_span(&o.shown(v))))
                .collect();
            let _ = write!(note, " ({})", values.join(", "));
        }
    }
    if let Some(r) = m.seen.repeats() {
        let _ = write!(note, "; {r}");
    }
    note
}

/// What `explain` prints for these mentions in `format`, then for the codes the catalog lacks
/// (`unknown`, always after: they are the least sure); the browser copies the same text.
/// Credentials are masked.
pub fn render(
    mentions: &[Mention],
    unknown: &[UnknownMention],
    catalog: &Catalog,
    format: Format,
    lang: Lang,
    color: bool,
) -> String {
    render_with(
        mentions,
        unknown,
        catalog,
        &RenderOptions::new(format, lang, color),
    )
}

pub fn render_with(
    mentions: &[Mention],
    unknown: &[UnknownMention],
    catalog: &Catalog,
    o: &RenderOptions,
) -> String {
    let entries = catalog.entries();
    match o.format {
        Format::Json => {
            let items: Vec<MentionJson> = mentions
                .iter()
                .map(|m| mention_json(m, catalog, o))
                .chain(unknown.iter().map(|u| unknown_json(u, o)))
                .collect();
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
                let line = o.shown(&m.line);
                let e = explanation::explain(&entries[m.index], catalog, &o.view());
                if o.format == Format::Markdown {
                    let file = o
                        .file
                        .map(|f| format!("{} ", code_span(&sanitize(f))))
                        .unwrap_or_default();
                    let _ = writeln!(
                        s,
                        "> {file}line {}: {} ({})\n",
                        m.line_number,
                        code_span(&line),
                        markdown_note(m, o)
                    );
                    s.push_str(&out_format::markdown::render(&e));
                } else {
                    let mut note = sanitize(&o.shown(&m.evidence.note())).into_owned();
                    if let Some(r) = m.seen.repeats() {
                        let _ = write!(note, "; {r}");
                    }
                    let file = o
                        .file
                        .map(|f| format!("{}:", sanitize(f)))
                        .unwrap_or_default();
                    let _ = writeln!(s, "{file}line {}: {line}  [{note}]", m.line_number);
                    s.push_str(&out_format::text::render_in(&e, o.color, o.columns));
                }
            }
            for (n, u) in unknown.iter().enumerate() {
                if n > 0 || !mentions.is_empty() {
                    s.push('\n');
                }
                render_unknown(&mut s, u, o);
            }
            s
        }
    }
}

/// The key column of a summary row for a code the catalog lacks.
const NOT_IN_CATALOG_KEY: &str = "(not in the catalog)";

#[derive(Serialize)]
struct SummaryJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    family: String,
    code: String,
    key: String,
    #[serde(flatten)]
    seen: OccurrencesJson,
}

/// `explain --summary`: one row per code (count, first and last line, evidence kinds, first and
/// last time), in `order`. `files`: the mentions of each input, labelled when there are several,
/// and the codes the catalog lacks (after the known ones, family `?`, key `(not in the catalog)`).
pub fn render_summary(
    files: &[(Option<&str>, &[Mention], &[UnknownMention])],
    catalog: &Catalog,
    order: SummaryOrder,
    format: Format,
) -> String {
    let entries = catalog.entries();
    let mut rows = Vec::new();
    for (file, mentions, unknown) in files {
        for m in summarize(mentions, order) {
            let e = &entries[m.index];
            rows.push(SummaryJson {
                file: file.map(|f| sanitize(f).into_owned()),
                family: e.family.to_string(),
                code: e.display(),
                key: sanitize(e.title()).into_owned(),
                seen: (&m.seen).into(),
            });
        }
        for u in summarize_unknown(unknown, order) {
            rows.push(SummaryJson {
                file: file.map(|f| sanitize(f).into_owned()),
                family: "?".to_string(),
                code: u.code.to_string(),
                key: NOT_IN_CATALOG_KEY.to_string(),
                seen: (&u.seen).into(),
            });
        }
    }
    match format {
        Format::Json => {
            let mut s = to_json(&rows);
            s.push('\n');
            s
        }
        Format::Markdown => {
            let with_file = rows.iter().any(|r| r.file.is_some());
            let mut s = String::new();
            if with_file {
                s.push_str("| file ");
            }
            s.push_str(
                "| family | code | key | count | first line | last line | evidence | first time | last time |\n",
            );
            if with_file {
                s.push_str("|---");
            }
            s.push_str("|---|---|---|---:|---:|---:|---|---|---|\n");
            let cell = |t: &str| {
                if t.is_empty() {
                    String::new()
                } else {
                    code_span(t)
                }
            };
            for r in &rows {
                if with_file {
                    let _ = write!(s, "| {} ", r.file.as_deref().map(cell).unwrap_or_default());
                }
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                    r.family,
                    code_span(&r.code),
                    cell(&r.key),
                    r.seen.count,
                    r.seen.first_line,
                    r.seen.last_line,
                    escape(&r.seen.evidence_kinds.join(", ")),
                    r.seen.first_time.as_deref().map(cell).unwrap_or_default(),
                    r.seen.last_time.as_deref().map(cell).unwrap_or_default(),
                );
            }
            s
        }
        Format::Text => {
            // Every column but the last (the key) is ASCII: byte widths are display widths.
            let with_file = rows.iter().any(|r| r.file.is_some());
            let times = rows.iter().any(|r| r.seen.first_time.is_some());
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let mut c = Vec::new();
                    if with_file {
                        c.push(r.file.clone().unwrap_or_default());
                    }
                    c.extend([
                        r.family.clone(),
                        r.code.clone(),
                        r.seen.count.to_string(),
                        r.seen.first_line.to_string(),
                        r.seen.last_line.to_string(),
                        r.seen.evidence_kinds.join(","),
                    ]);
                    if times {
                        c.push(r.seen.first_time.clone().unwrap_or_else(|| "-".into()));
                        c.push(r.seen.last_time.clone().unwrap_or_else(|| "-".into()));
                    }
                    c.push(r.key.clone());
                    c
                })
                .collect();
            let mut header: Vec<&str> = Vec::new();
            if with_file {
                header.push("FILE");
            }
            header.extend(["SDK", "CODE", "COUNT", "FIRST", "LAST", "EVIDENCE"]);
            if times {
                header.extend(["FIRST TIME", "LAST TIME"]);
            }
            header.push("KEY");
            let numeric = |i: usize| {
                let at = i + usize::from(!with_file);
                (3..=5).contains(&at)
            };
            let mut widths: Vec<usize> = header.iter().map(|h| crate::width::width(h)).collect();
            for row in &cells {
                for (i, c) in row.iter().enumerate() {
                    widths[i] = widths[i].max(crate::width::width(c));
                }
            }
            let mut s = String::new();
            let mut line = |row: Vec<&str>| {
                let last = row.len() - 1;
                let mut l = String::new();
                for (i, c) in row.into_iter().enumerate() {
                    if i == last {
                        l.push_str(c);
                        break;
                    }
                    let pad = " ".repeat(widths[i].saturating_sub(crate::width::width(c)));
                    if numeric(i) {
                        let _ = write!(l, "{pad}{c}  ");
                    } else {
                        let _ = write!(l, "{c}{pad}  ");
                    }
                }
                s.push_str(l.trim_end());
                s.push('\n');
            };
            line(header.clone());
            for row in &cells {
                line(row.iter().map(String::as_str).collect());
            }
            s
        }
    }
}

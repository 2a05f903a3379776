//! Pure formatting: an entry in, text out. The CLI prints these strings and the TUI copies the very
//! same ones, so an explanation pasted into a ticket reads the same whichever way it was made.

use std::fmt::Write;

use serde::Serialize;

use crate::catalog::{Catalog, CatalogEntry, Category, Rename};
use crate::query::CodeReading;
use crate::search::{Hit, MatchKind};
use crate::width::pad_to;

/// Output formats shared by the CLI's `--format` and the TUI's copy format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Json,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Json => "json",
        }
    }

    /// The next format in the TUI's Ctrl-T cycle.
    pub fn next(self) -> Format {
        match self {
            Format::Text => Format::Markdown,
            Format::Markdown => Format::Json,
            Format::Json => Format::Text,
        }
    }
}

/// Which description language(s) to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
    #[default]
    Both,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Both => "both",
        }
    }

    /// The label the TUI shows for it.
    pub fn label(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
            Lang::Both => "中文+English",
        }
    }

    pub fn next(self) -> Lang {
        match self {
            Lang::Both => Lang::Zh,
            Lang::Zh => Lang::En,
            Lang::En => Lang::Both,
        }
    }

    pub fn shows_zh(self) -> bool {
        self != Lang::En
    }

    pub fn shows_en(self) -> bool {
        self != Lang::Zh
    }
}

/// A labelled line of an explanation, before layout.
pub struct Field {
    pub label: &'static str,
    pub value: String,
}

/// The code as people search for it: `0x4004 (16388)` for SDK codes, `70001` for account codes.
pub fn code_both_ways(entry: &CatalogEntry) -> String {
    match entry.category {
        Category::Sdk if entry.code >= 0 => format!("{} ({})", entry.display, entry.code),
        _ => entry.display.clone(),
    }
}

fn category_text(entry: &CatalogEntry) -> String {
    let base = match entry.category {
        Category::Sdk => "SDK (RtcError.getCode())".to_string(),
        Category::Account => "Account (server)".to_string(),
    };
    match &entry.type_label {
        Some(t) => format!("{base} · {t}"),
        None => base,
    }
}

fn rename_text(r: &Rename) -> String {
    format!("{} → {} in SDK {}", r.from, r.to, r.version)
}

/// `0x4001 SIGNAL_CAHNNEL_SETUP_FAILED`, or just the display form when the catalog lacks it.
fn related_label(catalog: &Catalog, display: &str) -> String {
    match catalog.find_display(display) {
        Some(e) if !e.title().is_empty() => format!("{} {}", e.display, e.title()),
        Some(e) => e.display.clone(),
        None => display.to_string(),
    }
}

/// Entries that list `entry` as related (the account codes under 0x4001, say), shortened.
fn referenced_by(entry: &CatalogEntry, catalog: &Catalog) -> Option<String> {
    const SHOWN: usize = 6;
    let refs: Vec<&str> = catalog
        .entries()
        .iter()
        .filter(|e| {
            e.related
                .iter()
                .any(|r| r.eq_ignore_ascii_case(&entry.display))
        })
        .map(|e| e.display.as_str())
        .collect();
    match refs.len() {
        0 => None,
        n if n <= SHOWN => Some(refs.join(", ")),
        n => Some(format!("{}, … ({n} in all)", refs[..SHOWN].join(", "))),
    }
}

/// Every field that has a value, in reading order. Empty fields are left out.
pub fn fields(entry: &CatalogEntry, catalog: &Catalog, lang: Lang) -> Vec<Field> {
    let mut out = Vec::new();
    let mut push = |label: &'static str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            out.push(Field { label, value });
        }
    };
    push("Code", Some(code_both_ways(entry)));
    push("Key", entry.key.clone());
    push(
        "Aliases",
        (!entry.aliases.is_empty()).then(|| entry.aliases.join(", ")),
    );
    push(
        "Renamed",
        (!entry.renamed.is_empty()).then(|| {
            entry
                .renamed
                .iter()
                .map(rename_text)
                .collect::<Vec<_>>()
                .join("; ")
        }),
    );
    push("Category", Some(category_text(entry)));
    let en_missing = entry.description_en.is_none();
    if lang.shows_zh() || en_missing {
        push("描述", Some(entry.description_zh.clone()));
    }
    if lang.shows_en() {
        push("Description", entry.description_en.clone());
    }
    if lang.shows_zh() || entry.advice_en.is_none() {
        push("处理建议", entry.advice_zh.clone());
    }
    if lang.shows_en() {
        push("What to do", entry.advice_en.clone());
    }
    push("Since", entry.since.as_ref().map(|v| format!("SDK {v}")));
    push("Deprecated", entry.deprecated.clone());
    push(
        "Related",
        (!entry.related.is_empty()).then(|| {
            entry
                .related
                .iter()
                .map(|d| related_label(catalog, d))
                .collect::<Vec<_>>()
                .join(", ")
        }),
    );
    push("Referenced by", referenced_by(entry, catalog));
    push("Source", Some(entry.source.clone()));
    out
}

/// The headline: `0x4004 (16388) JOIN_ROOM_FAILED`.
pub fn headline(entry: &CatalogEntry) -> String {
    let title = entry.title();
    if title.is_empty() {
        code_both_ways(entry)
    } else {
        format!("{} {}", code_both_ways(entry), title)
    }
}

/// The plain-text explanation: a headline and aligned `Label: value` lines.
pub fn explain_text(entry: &CatalogEntry, catalog: &Catalog, lang: Lang) -> String {
    let fields = fields(entry, catalog, lang);
    let label_width = fields
        .iter()
        .map(|f| crate::width::width(f.label))
        .max()
        .unwrap_or(0)
        + 1;
    let mut out = headline(entry);
    out.push('\n');
    for field in fields
        .iter()
        .filter(|f| f.label != "Code" && f.label != "Key")
    {
        let label = pad_to(&format!("{}:", field.label), label_width);
        let _ = writeln!(out, "  {label} {}", field.value);
    }
    out
}

/// Escapes the characters Markdown would otherwise interpret in running text.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The Markdown explanation, for tickets and chat.
pub fn explain_markdown(entry: &CatalogEntry, catalog: &Catalog, lang: Lang) -> String {
    let mut out = String::new();
    let code = match entry.category {
        Category::Sdk if entry.code >= 0 => format!("`{}` ({})", entry.display, entry.code),
        _ => format!("`{}`", entry.display),
    };
    let _ = write!(out, "### {code}");
    if let Some(key) = &entry.key {
        let _ = write!(out, " `{key}`");
    } else if let Some(t) = &entry.type_label {
        let _ = write!(out, " {}", md_escape(t));
    }
    out.push_str("\n\n");
    for field in fields(entry, catalog, lang)
        .iter()
        .filter(|f| f.label != "Code" && f.label != "Key")
    {
        // Keys and codes go in code spans: they are pasted back into code and searches.
        let value = match field.label {
            "Aliases" => entry
                .aliases
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", "),
            "Related" => entry
                .related
                .iter()
                .map(|d| {
                    let label = related_label(catalog, d);
                    match label.split_once(' ') {
                        Some((code, key)) => format!("`{code}` `{key}`"),
                        None => format!("`{label}`"),
                    }
                })
                .collect::<Vec<_>>()
                .join(", "),
            _ => md_escape(&field.value),
        };
        let _ = writeln!(out, "- **{}:** {value}", field.label);
    }
    out
}

/// One entry as JSON (the schema is documented in the README).
#[derive(Serialize)]
pub struct EntryJson<'a> {
    pub category: Category,
    pub code: i64,
    pub display: &'a str,
    pub key: Option<&'a str>,
    pub aliases: &'a [String],
    pub renamed: &'a [Rename],
    #[serde(rename = "type")]
    pub type_label: Option<&'a str>,
    pub description_zh: &'a str,
    pub description_en: Option<&'a str>,
    pub advice_zh: Option<&'a str>,
    pub advice_en: Option<&'a str>,
    pub since: Option<&'a str>,
    pub deprecated: Option<&'a str>,
    pub related: &'a [String],
    pub source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_by: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
}

impl<'a> EntryJson<'a> {
    pub fn new(entry: &'a CatalogEntry) -> EntryJson<'a> {
        EntryJson {
            category: entry.category,
            code: entry.code,
            display: &entry.display,
            key: entry.key.as_deref(),
            aliases: &entry.aliases,
            renamed: &entry.renamed,
            type_label: entry.type_label.as_deref(),
            description_zh: &entry.description_zh,
            description_en: entry.description_en.as_deref(),
            advice_zh: entry.advice_zh.as_deref(),
            advice_en: entry.advice_en.as_deref(),
            since: entry.since.as_deref(),
            deprecated: entry.deprecated.as_deref(),
            related: &entry.related,
            source: &entry.source,
            score: None,
            matched_by: None,
            reading: None,
        }
    }

    pub fn with_hit(mut self, hit: &Hit) -> EntryJson<'a> {
        self.score = Some(hit.score);
        self.matched_by = hit.kind.map(MatchKind::describe);
        self.reading = hit.reading.map(|r| reading_note(&r));
        self
    }
}

/// Pretty JSON for a list of entries. serde_json escapes control characters; catalog text has
/// already been sanitized at load, so nothing else dangerous can remain.
pub fn to_json(items: &[EntryJson<'_>]) -> String {
    serde_json::to_string_pretty(items).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// `decimal 16388 = 0x4004`: how a number in the query named the code.
pub fn reading_note(reading: &CodeReading) -> String {
    use crate::query::Reading;
    match reading.reading {
        Reading::Decimal => format!("decimal {}", reading.value),
        Reading::Hex => format!("hex 0x{:X}", reading.value),
        Reading::BareHex => format!("{:X} read as hex 0x{:X}", reading.value, reading.value),
    }
}

/// Does the reading tell the user something the display form does not? (`16388` → `0x4004` does;
/// `70001` → `70001` does not.)
pub fn reading_is_informative(entry: &CatalogEntry, reading: &CodeReading) -> bool {
    use crate::query::Reading;
    match reading.reading {
        Reading::Decimal => entry.category == Category::Sdk,
        Reading::BareHex => true,
        Reading::Hex => false,
    }
}

/// One entry's explanation in `format`; JSON gives a one-element array, like the CLI.
pub fn explain(entry: &CatalogEntry, catalog: &Catalog, format: Format, lang: Lang) -> String {
    match format {
        Format::Text => explain_text(entry, catalog, lang),
        Format::Markdown => explain_markdown(entry, catalog, lang),
        Format::Json => to_json(&[EntryJson::new(entry)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::builtin().unwrap()
    }

    #[test]
    fn text_has_code_both_ways_and_leaves_out_empty_fields() {
        let catalog = catalog();
        let entry = catalog.find_display("0x4004").unwrap();
        let text = explain_text(entry, &catalog, Lang::Both);
        assert!(
            text.starts_with("0x4004 (16388) JOIN_ROOM_FAILED\n"),
            "{text}"
        );
        assert!(text.contains("进房失败"));
        assert!(!text.contains("None"));
        assert!(!text.contains("Aliases"));
    }

    #[test]
    fn lang_selects_descriptions() {
        let catalog = catalog();
        let entry = catalog.find_display("70001").unwrap();
        let zh = explain_text(entry, &catalog, Lang::Zh);
        let en = explain_text(entry, &catalog, Lang::En);
        assert!(zh.contains("userSig 过期") && !zh.contains("Description:"));
        assert!(en.contains("expired") && !en.contains("描述"));
    }

    #[test]
    fn markdown_escapes_running_text() {
        assert_eq!(md_escape("a_b*c|d"), "a\\_b\\*c\\|d");
    }

    #[test]
    fn json_is_valid() {
        let catalog = catalog();
        let entry = catalog.find_display("-8").unwrap();
        let json = explain(entry, &catalog, Format::Json, Lang::Both);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value[0]["code"], -8);
        assert_eq!(value[0]["key"], serde_json::Value::Null);
    }
}

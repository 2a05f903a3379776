//! Output renderers: each turns the typed [`Explanation`](crate::explanation::Explanation) (or the
//! entry itself, for JSON) into one format. The CLI prints these strings and the TUI copies the very
//! same ones, so an explanation pasted into a ticket reads the same whichever way it was made.

pub mod json;
pub mod markdown;
pub mod rows;
pub mod text;

use crate::catalog::{Catalog, CatalogEntry};
use crate::explanation::{self, View};
use crate::query::{CodeReading, Reading};

/// Output formats shared by the CLI's `--format` and the TUI's copy format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Json,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Text, Format::Markdown, Format::Json];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Json => "json",
        }
    }

    /// The next format in the TUI's copy-format cycle.
    pub fn next(self) -> Format {
        match self {
            Format::Text => Format::Markdown,
            Format::Markdown => Format::Json,
            Format::Json => Format::Text,
        }
    }
}

/// One entry's explanation in `format` for `view`; JSON gives a one-element array, like the CLI.
pub fn explain(entry: &CatalogEntry, catalog: &Catalog, format: Format, view: &View) -> String {
    match format {
        Format::Text => text::render(&explanation::explain(entry, catalog, view), false),
        Format::Markdown => markdown::render(&explanation::explain(entry, catalog, view)),
        Format::Json => json::to_json(&[entry_json(entry, view)]),
    }
}

/// The entry as JSON, its key spelled as the view's version spells it (as text and Markdown do).
pub fn entry_json<'a>(entry: &'a CatalogEntry, view: &View) -> json::EntryJson<'a> {
    let mut json = json::EntryJson::new(entry);
    json.key = view.key(entry);
    json
}

/// `decimal 16388`: how a number in the query named the code. Worded once for every surface.
pub fn reading_note(reading: &CodeReading) -> String {
    match reading.reading {
        Reading::Decimal => format!("decimal {}", reading.value),
        Reading::Hex => format!("hex 0x{:X}", reading.value),
        Reading::BareHex => format!("{:X} read as hex 0x{:X}", reading.value, reading.value),
    }
}

/// Does the reading tell the user something the display form does not? (`16388` → `0x4004` does;
/// `70001` → `70001` does not.)
pub fn reading_is_informative(entry: &CatalogEntry, reading: &CodeReading) -> bool {
    match reading.reading {
        Reading::Decimal => entry.is_hex(),
        Reading::BareHex => true,
        Reading::Hex => false,
    }
}

//! JSON: the entry's own fields (the schema is documented in the README), plus search facts when
//! a ranked search produced it.

use std::io::{self, Write};

use serde::Serialize;

use crate::catalog::{CatalogEntry, Category, Family};
use crate::render::reading_note;
use crate::search::Hit;

/// One entry as JSON: its identity and key, the entry's own serde form, then the search facts when a
/// ranked search produced it. Every surface uses this one type.
#[derive(Serialize)]
pub struct EntryJson<'a> {
    pub family: Family,
    pub category: Category,
    pub code: i64,
    pub display: String,
    /// The key as the view's SDK version spells it (the entry's own by default).
    pub key: Option<&'a str>,
    #[serde(flatten)]
    pub entry: &'a CatalogEntry,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_by: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
}

impl<'a> EntryJson<'a> {
    pub fn new(e: &'a CatalogEntry) -> EntryJson<'a> {
        EntryJson {
            family: e.family,
            category: e.category,
            code: e.code,
            display: e.display(),
            key: e.key.as_deref(),
            entry: e,
            score: None,
            matched_by: None,
            reading: None,
        }
    }

    pub fn with_hit(mut self, hit: &Hit) -> EntryJson<'a> {
        self.score = Some(hit.score);
        self.matched_by = hit.kind.map(|k| k.describe());
        self.reading = hit.reading.map(|r| reading_note(&r));
        self
    }
}

/// Pretty JSON for any serializable value; `[]` for an empty list. serde_json escapes control
/// characters, and catalog text was sanitized at load.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string_pretty(value)
        .unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }).to_string())
}

/// Writes a list as [`to_json`] writes it, one item at a time, so that 50,000 hits as JSON are
/// never all in memory: each item is pretty-printed and indented one level (serde_json escapes
/// every line break inside a string, so indenting each line is exact).
pub struct ArrayWriter<'w> {
    out: &'w mut dyn Write,
    empty: bool,
}

impl<'w> ArrayWriter<'w> {
    pub fn new(out: &'w mut dyn Write) -> ArrayWriter<'w> {
        ArrayWriter { out, empty: true }
    }

    pub fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> io::Result<()> {
        self.out
            .write_all(if self.empty { b"[\n" } else { b",\n" })?;
        self.empty = false;
        for (i, line) in to_json(value).split('\n').enumerate() {
            if i > 0 {
                self.out.write_all(b"\n")?;
            }
            self.out.write_all(b"  ")?;
            self.out.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    /// Closes the list, and the line.
    pub fn finish(self) -> io::Result<()> {
        self.out
            .write_all(if self.empty { b"[]\n" } else { b"\n]\n" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn json_is_valid_and_keeps_the_sign() {
        let catalog = Catalog::builtin().unwrap();
        let entry = catalog.find_display("-8").unwrap();
        let json = to_json(&[EntryJson::new(entry)]);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value[0]["code"], -8);
        assert_eq!(value[0]["family"], "web4");
        assert_eq!(value[0]["key"], serde_json::Value::Null);
    }

    #[test]
    fn typed_fields_are_written_as_the_catalog_writes_them() {
        // Field names and order are pinned by tests/cli.rs and its snapshots; here the typed
        // fields (versions, references, renames) keep their text shapes.
        let catalog = Catalog::builtin().unwrap();
        let entry = catalog.find_display("0x4001").unwrap();
        let value: serde_json::Value =
            serde_json::from_str(&to_json(&EntryJson::new(entry))).unwrap();
        assert_eq!(value["renamed"][0]["version"], "4.6.1");
        assert_eq!(value["display"], "0x4001");
        assert!(value["related"][0].as_str().unwrap().starts_with("0x"));
        assert!(value["since"].is_string());
    }

    #[test]
    fn a_list_written_item_by_item_is_the_list_written_whole() {
        let catalog = Catalog::builtin().unwrap();
        let items: Vec<EntryJson> = catalog.entries().iter().map(EntryJson::new).collect();
        let mut streamed = Vec::new();
        let mut writer = ArrayWriter::new(&mut streamed);
        for item in &items {
            writer.item(item).unwrap();
        }
        writer.finish().unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), to_json(&items) + "\n");
    }

    #[test]
    fn nothing_is_an_empty_array() {
        let none: [EntryJson; 0] = [];
        assert_eq!(to_json(&none), "[]");
        let mut streamed = Vec::new();
        ArrayWriter::new(&mut streamed).finish().unwrap();
        assert_eq!(streamed, b"[]\n");
    }
}

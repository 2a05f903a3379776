//! JSON: the entry's own fields (the schema is documented in the README), plus search facts when
//! a ranked search produced it.

use serde::Serialize;

use crate::catalog::{CatalogEntry, Category, Family, Rename};
use crate::render::reading_note;
use crate::search::Hit;

/// One entry as JSON. Field order is the schema's order; every surface uses this one type.
#[derive(Serialize)]
pub struct EntryJson<'a> {
    pub family: Family,
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
    pub until: Option<&'a str>,
    pub deprecated: Option<&'a str>,
    pub raised_when_zh: &'a [String],
    pub raised_when_en: &'a [String],
    pub raised_in: Option<&'a str>,
    pub not_raised_since: Option<&'a str>,
    pub extra_code_zh: Option<&'a str>,
    pub extra_code_en: Option<&'a str>,
    pub parent: Option<&'a str>,
    pub templates: &'a [String],
    pub apis: &'a [String],
    pub keywords: &'a [String],
    pub migration_zh: Option<&'a str>,
    pub migration_en: Option<&'a str>,
    pub related: &'a [String],
    pub doc_url: Option<&'a str>,
    pub source: &'a str,
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
            display: &e.display,
            key: e.key.as_deref(),
            aliases: &e.aliases,
            renamed: &e.renamed,
            type_label: e.type_label.as_deref(),
            description_zh: &e.description_zh,
            description_en: e.description_en.as_deref(),
            advice_zh: e.advice_zh.as_deref(),
            advice_en: e.advice_en.as_deref(),
            since: e.since.as_deref(),
            until: e.until.as_deref(),
            deprecated: e.deprecated.as_deref(),
            raised_when_zh: &e.raised_when_zh,
            raised_when_en: &e.raised_when_en,
            raised_in: e.raised_in.as_deref(),
            not_raised_since: e.not_raised_since.as_deref(),
            extra_code_zh: e.extra_code_zh.as_deref(),
            extra_code_en: e.extra_code_en.as_deref(),
            parent: e.parent.as_deref(),
            templates: &e.templates,
            apis: &e.apis,
            keywords: &e.keywords,
            migration_zh: e.migration_zh.as_deref(),
            migration_en: e.migration_en.as_deref(),
            related: &e.related,
            doc_url: e.doc_url.as_deref(),
            source: &e.source,
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
    fn nothing_is_an_empty_array() {
        let none: [EntryJson; 0] = [];
        assert_eq!(to_json(&none), "[]");
    }
}

//! One result row, laid out the same way by the CLI's `search`/`list` and the TUI's list: family,
//! code, key, tags, description, with the characters that matched.

use crate::catalog::{CatalogEntry, Category, Family};
use crate::explanation::{Lang, View};
use crate::query::{CodeReading, Reading};
use crate::search::{Highlights, Hit};

/// The row's words and highlight positions (char indices), before any layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRow {
    pub family: Family,
    pub code: String,
    pub code_lights: Vec<usize>,
    /// The key; empty for keyless account codes (their type label is the same on every row).
    pub key: String,
    pub key_lights: Vec<usize>,
    /// Short notes: how a number named it (`=16388`), the pasted line (`L3`), `warning`, `retired`.
    pub tags: Vec<String>,
    pub description: String,
    pub description_lights: Vec<usize>,
}

/// `=16388` / `hex 4004`: the reading tag, when the reading says something the code does not.
pub fn reading_tag(entry: &CatalogEntry, reading: &CodeReading) -> Option<String> {
    if !crate::render::reading_is_informative(entry, reading) {
        return None;
    }
    match reading.reading {
        Reading::Decimal => Some(format!("={}", reading.value)),
        Reading::BareHex => Some(format!("hex {:X}", reading.value)),
        Reading::Hex => None,
    }
}

/// Builds the row for `hit` in `view` (its language; its version's key spelling). `lights` may be
/// empty (no colour, or not on screen).
pub fn result_row(
    entry: &CatalogEntry,
    hit: &Hit,
    lights: Highlights,
    view: &View,
    mention_line: Option<usize>,
) -> ResultRow {
    let mut tags = Vec::new();
    if let Some(tag) = hit.reading.as_ref().and_then(|r| reading_tag(entry, r)) {
        tags.push(tag);
    }
    if let Some(line) = mention_line {
        tags.push(format!("L{line}"));
    }
    if entry.category == Category::Warning {
        tags.push("warning".to_string());
    }
    if entry.not_raised_since.is_some() {
        tags.push("retired".to_string());
    }
    let (description, description_lights) = match (view.lang, &entry.description.en) {
        (Lang::En, Some(en)) => (en.clone(), lights.description_en),
        _ => (entry.description.zh.clone(), lights.description_zh),
    };
    ResultRow {
        family: entry.family,
        code: entry.display(),
        code_lights: lights.display,
        key: view.key(entry).unwrap_or_default().to_string(),
        // The highlights are positions in the catalog's spelling, not another version's.
        key_lights: if entry.key.is_some() && view.key(entry) == entry.key.as_deref() {
            lights.key
        } else {
            Vec::new()
        },
        tags,
        description,
        description_lights,
    }
}

impl ResultRow {
    /// The row with the tag naming the entries that are the same server code (`same as
    /// server:70001, native:-70001`), which a grouped list shows as this one row.
    pub fn with_same_code(mut self, catalog: &crate::catalog::Catalog, index: usize) -> ResultRow {
        if let Some(tag) = crate::search::group::same_code_tag(catalog, index) {
            self.tags.push(tag);
        }
        self
    }

    /// The same, as a count (`+2 same`): the browser's list is narrow, and the description keeps
    /// its column there; the detail pane names them ("Same code in").
    pub fn with_same_code_count(
        mut self,
        catalog: &crate::catalog::Catalog,
        index: usize,
    ) -> ResultRow {
        let others = crate::search::group::same_code(catalog, index)
            .len()
            .saturating_sub(1);
        if others > 0 {
            self.tags.push(format!("+{others} same"));
        }
        self
    }
}

/// Column widths that stay put while the list scrolls: measured over every row, not a page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowWidths {
    pub family: usize,
    pub code: usize,
    pub key: usize,
}

impl RowWidths {
    /// The widths of the rows of entries `indices` of `catalog`, from identities and key widths
    /// alone: a catalog read in place reads none of the entries.
    pub fn of_entries(
        catalog: &crate::catalog::Catalog,
        indices: impl Iterator<Item = usize>,
    ) -> RowWidths {
        use crate::width::width;
        let mut w = RowWidths::default();
        for i in indices {
            let Some((family, category, code)) = catalog.id(i) else {
                continue;
            };
            w.family = w.family.max(family.as_str().len());
            w.code = w
                .code
                .max(width(&CatalogEntry::display_code(family, category, code)));
            w.key = w.key.max(catalog.key_width(i));
        }
        w
    }

    /// The same widths from the entries themselves: what [`Self::of_entries`] must agree with.
    #[cfg(test)]
    fn measure(
        entries: impl Iterator<Item = impl std::ops::Deref<Target = CatalogEntry>>,
    ) -> RowWidths {
        use crate::width::width;
        let mut w = RowWidths::default();
        for e in entries {
            w.family = w.family.max(e.family.as_str().len());
            w.code = w.code.max(width(&e.display()));
            w.key = w.key.max(e.key.as_deref().map_or(0, width));
        }
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn widths_from_the_tables_are_the_widths_of_the_entries() {
        let stored = Catalog::builtin().unwrap();
        let owned = Catalog::from_entries(stored.entries().to_vec());
        assert!(stored.is_stored() && !owned.is_stored());
        let all = RowWidths::measure(stored.entries().iter());
        for catalog in [&stored, &owned] {
            assert_eq!(RowWidths::of_entries(catalog, 0..catalog.len()), all);
            // and for a few rows: the keyless account codes and a native key
            let some = [0, catalog.len() / 2, catalog.len() - 1];
            assert_eq!(
                RowWidths::of_entries(catalog, some.into_iter()),
                RowWidths::measure(some.iter().map(|&i| catalog.entry(i)))
            );
        }
    }
}

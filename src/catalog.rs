//! The error-code catalog: the entry model, and loading + validating catalog TOML files.
//!
//! The built-in catalog (`assets/catalog.toml`) is compiled into the binary and parsed at start-up;
//! `--catalog FILE` and the config directory add more files in the same format. An entry with the same
//! category and code as an earlier one replaces it, so a user file can correct or extend the built-in data.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sanitize::sanitize;

/// The catalog shipped inside the binary.
pub const BUILTIN_CATALOG: &str = include_str!("../assets/catalog.toml");
/// The name the built-in catalog goes by in messages and `source` fields.
pub const BUILTIN_NAME: &str = "<built-in catalog>";

/// A catalog file larger than this is refused before it is read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// A single text field larger than this is refused: no real description is that long.
pub const MAX_FIELD_BYTES: usize = 64 * 1024;

/// Which family of codes an entry belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// `RtcError` codes thrown by the Web SDK (`error.getCode()`), written in hex.
    Sdk,
    /// Account / userSig codes returned by the server, written in decimal.
    Account,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Sdk => "sdk",
            Category::Account => "account",
        }
    }

    /// A short human label for screens and explanations.
    pub fn label(self) -> &'static str {
        match self {
            Category::Sdk => "SDK",
            Category::Account => "Account",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A key that was spelled differently in another SDK version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rename {
    pub from: String,
    pub to: String,
    /// The first SDK version that uses `to`.
    pub version: String,
}

/// One error code and everything known about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogEntry {
    pub category: Category,
    /// The numeric value. Signed: the account system also returns negative codes such as -8.
    pub code: i64,
    /// How people write the code: `0x4004` for SDK codes, `70001` / `-8` for account codes.
    pub display: String,
    /// The `ErrorCode` key, spelled as the source spells it (`SIGNAL_CAHNNEL_SETUP_FAILED`).
    pub key: Option<String>,
    /// Other spellings that name the same code (later SDK versions' spellings included).
    pub aliases: Vec<String>,
    /// When and how the key was renamed.
    pub renamed: Vec<Rename>,
    /// The 错误类型 column of account codes (`帐号系统`).
    pub type_label: Option<String>,
    pub description_zh: String,
    pub description_en: Option<String>,
    /// 处理建议: what to do about it.
    pub advice_zh: Option<String>,
    pub advice_en: Option<String>,
    /// The first SDK version that defines the code.
    pub since: Option<String>,
    /// The SDK version from which the code is no longer thrown, and what replaced it.
    pub deprecated: Option<String>,
    /// Display forms of related codes (`0x4001`, `70001`).
    pub related: Vec<String>,
    /// Where the entry's facts come from.
    pub source: String,
    /// The file this entry was loaded from (the built-in catalog or a path).
    pub origin: String,
}

impl CatalogEntry {
    /// The display form of a code in a category: hex for SDK codes, decimal otherwise.
    pub fn display_code(category: Category, code: i64) -> String {
        match category {
            Category::Sdk if code >= 0 => format!("0x{code:04X}"),
            _ => code.to_string(),
        }
    }

    /// Key first, then aliases: every name this entry answers to.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.key
            .as_deref()
            .into_iter()
            .chain(self.aliases.iter().map(String::as_str))
    }

    /// The name shown in lists: the key, or the type label for keyless account codes.
    pub fn title(&self) -> &str {
        self.key
            .as_deref()
            .or(self.type_label.as_deref())
            .unwrap_or("")
    }
}

/// A problem with a catalog file, located as precisely as the parser allows.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("{path}: cannot read: {message}")]
    Unreadable { path: String, message: String },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error("{path}:{line}:{column}: {message}")]
    At {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

/// The on-disk shape of a catalog file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    #[serde(default)]
    entry: Vec<toml::Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    category: Category,
    code: toml::Spanned<i64>,
    key: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    renamed: Vec<Rename>,
    #[serde(rename = "type")]
    type_label: Option<String>,
    description_zh: String,
    description_en: Option<String>,
    advice_zh: Option<String>,
    advice_en: Option<String>,
    since: Option<String>,
    deprecated: Option<String>,
    #[serde(default)]
    related: Vec<String>,
    source: String,
}

/// The loaded catalog, in catalog order: by category, then code.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    entries: Vec<CatalogEntry>,
    by_code: HashMap<i64, Vec<usize>>,
    by_name: HashMap<String, Vec<usize>>,
}

impl Catalog {
    /// The built-in catalog. It is validated by the test suite, so failure here is a build defect.
    pub fn builtin() -> Result<Catalog, CatalogError> {
        Catalog::from_entries(parse_catalog(BUILTIN_CATALOG, BUILTIN_NAME)?)
    }

    /// Builds a catalog from entries, later entries replacing earlier ones with the same category and code.
    pub fn from_entries(entries: Vec<CatalogEntry>) -> Result<Catalog, CatalogError> {
        let mut catalog = Catalog {
            entries,
            ..Catalog::default()
        };
        catalog.settle();
        Ok(catalog)
    }

    /// Adds entries; an entry with the same category and code as an existing one replaces it.
    pub fn merge(&mut self, entries: Vec<CatalogEntry>) {
        self.entries.reserve_exact(entries.len());
        self.entries.extend(entries);
        self.settle();
    }

    /// Drops every entry that a later one with the same category and code replaces, puts the rest
    /// in catalog order and rebuilds the look-up tables. Works in place: at 100,000 entries a
    /// second vector of entries would be tens of megabytes.
    fn settle(&mut self) {
        let mut last: HashMap<(Category, i64), usize> = HashMap::with_capacity(self.entries.len());
        for (i, e) in self.entries.iter().enumerate() {
            last.insert((e.category, e.code), i);
        }
        if last.len() < self.entries.len() {
            let mut i = 0;
            self.entries.retain(|e| {
                let keep = last.get(&(e.category, e.code)) == Some(&i);
                i += 1;
                keep
            });
        }
        // Files are usually written in catalog order already; sorting 100,000 large entries is not free.
        if !self.entries.is_sorted_by_key(|e| (e.category, e.code)) {
            self.entries.sort_unstable_by_key(|e| (e.category, e.code));
        }
        self.reindex();
    }

    /// Loads a catalog file from disk and merges it in.
    pub fn load_file(&mut self, path: &Path) -> Result<(), CatalogError> {
        let entries = read_catalog_file(path)?;
        self.merge(entries);
        Ok(())
    }

    fn reindex(&mut self) {
        self.by_code.clear();
        self.by_name.clear();
        for (i, entry) in self.entries.iter().enumerate() {
            self.by_code.entry(entry.code).or_default().push(i);
            for name in entry.names() {
                let slot = self.by_name.entry(name.to_ascii_uppercase()).or_default();
                if !slot.contains(&i) {
                    slot.push(i);
                }
            }
        }
    }

    pub fn entries(&self) -> &[CatalogEntry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&CatalogEntry> {
        self.entries.get(index)
    }

    /// Indices of the entries with this numeric code (in any category).
    pub fn indices_by_code(&self, code: i64) -> &[usize] {
        self.by_code.get(&code).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Indices of the entries whose key or alias is `name` (ASCII case-insensitive).
    pub fn indices_by_name(&self, name: &str) -> &[usize] {
        self.by_name
            .get(&name.to_ascii_uppercase())
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The entry whose display form is `display` (`0x4001`, `70001`), for resolving `related`.
    pub fn find_display(&self, display: &str) -> Option<&CatalogEntry> {
        self.entries
            .iter()
            .find(|e| e.display.eq_ignore_ascii_case(display))
    }
}

/// Reads and parses one catalog file, refusing directories, huge files and non-UTF-8 text.
pub fn read_catalog_file(path: &Path) -> Result<Vec<CatalogEntry>, CatalogError> {
    let name = path.display().to_string();
    let unreadable = |message: String| CatalogError::Unreadable {
        path: name.clone(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| unreadable(e.to_string()))?;
    if meta.is_dir() {
        return Err(unreadable(
            "it is a directory, not a catalog file".to_string(),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(CatalogError::Invalid {
            path: name,
            message: format!(
                "file is {} bytes; a catalog file may be at most {} bytes (64 MiB)",
                meta.len(),
                MAX_FILE_BYTES
            ),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let (line, column) = line_column(&String::from_utf8_lossy(err.as_bytes()), offset);
            return Err(CatalogError::At {
                path: name,
                line,
                column,
                message: "not valid UTF-8 text (catalog files must be UTF-8)".to_string(),
            });
        }
    };
    parse_catalog(&text, &name)
}

/// Parses catalog TOML. `name` is used in error messages and as each entry's `origin`.
pub fn parse_catalog(text: &str, name: &str) -> Result<Vec<CatalogEntry>, CatalogError> {
    if text.trim().is_empty() {
        return Err(CatalogError::Invalid {
            path: name.to_string(),
            message: "file is empty; expected [[entry]] tables".to_string(),
        });
    }
    let at = |offset: usize, message: String| {
        let (line, column) = line_column(text, offset);
        CatalogError::At {
            path: name.to_string(),
            line,
            column,
            message,
        }
    };
    // Large files are parsed in pieces on every core. Should any piece fail (a multi-line string
    // that holds a line starting with `[[entry]]` would), the whole file is parsed in one go, so
    // the error reported is always the one the file really has.
    let parsed = match parallel_chunks(text) {
        Some(chunks) => {
            let pieces: Result<Vec<_>, _> = chunks
                .par_iter()
                .map(|&(offset, chunk)| parse_raw(chunk, offset))
                .collect();
            match pieces {
                Ok(pieces) => Ok(pieces.into_iter().flatten().collect()),
                Err(_) => parse_raw(text, 0),
            }
        }
        None => parse_raw(text, 0),
    };
    let raw = parsed.map_err(|(offset, message)| at(offset, message))?;
    if raw.is_empty() {
        return Err(CatalogError::Invalid {
            path: name.to_string(),
            message: "no [[entry]] tables found".to_string(),
        });
    }

    let mut seen: HashMap<(Category, i64), usize> = HashMap::with_capacity(raw.len());
    for parsed in &raw {
        if let Some(first) = seen.insert((parsed.raw.category, parsed.code), parsed.start) {
            let (first_line, _) = line_column(text, first);
            return Err(at(
                parsed.code_start,
                format!(
                    "duplicate code {} in category {} (first defined at line {first_line})",
                    CatalogEntry::display_code(parsed.raw.category, parsed.code),
                    parsed.raw.category
                ),
            ));
        }
    }
    let build = |parsed: ParsedEntry| {
        let start = parsed.start;
        build_entry(parsed.raw, parsed.code, name).map_err(|message| at(start, message))
    };
    if raw.len() >= PARALLEL_ENTRIES {
        raw.into_par_iter().map(build).collect()
    } else {
        raw.into_iter().map(build).collect()
    }
}

/// From this many entries on, parsing and building use every core.
const PARALLEL_ENTRIES: usize = 4096;

/// One `[[entry]]` as parsed, with byte offsets into the whole file.
struct ParsedEntry {
    raw: RawEntry,
    code: i64,
    start: usize,
    code_start: usize,
}

/// Parses TOML text that starts at byte `offset` of the file; errors carry file offsets.
fn parse_raw(text: &str, offset: usize) -> Result<Vec<ParsedEntry>, (usize, String)> {
    let raw: RawCatalog = toml::from_str(text).map_err(|e| {
        let at = e.span().map(|s| s.start).unwrap_or(0);
        (offset + at, e.message().trim().to_string())
    })?;
    Ok(raw
        .entry
        .into_iter()
        .map(|spanned| {
            let start = offset + spanned.span().start;
            let raw = spanned.into_inner();
            let code_start = offset + raw.code.span().start;
            let code = *raw.code.get_ref();
            ParsedEntry {
                raw,
                code,
                start,
                code_start,
            }
        })
        .collect())
}

/// Splits a large catalog into pieces of whole `[[entry]]` tables, with their byte offsets. The
/// first piece keeps anything before the first table, so unknown top-level keys are still caught.
fn parallel_chunks(text: &str) -> Option<Vec<(usize, &str)>> {
    const MIN_BYTES: usize = 1 << 20;
    if text.len() < MIN_BYTES {
        return None;
    }
    let pieces = rayon::current_num_threads().max(1) * 4;
    let target = text.len() / pieces;
    let mut chunks = Vec::with_capacity(pieces);
    let mut start = 0;
    while start < text.len() {
        // Searched as bytes: `start + target` may fall inside a character. The cut itself is just
        // after a newline, so always a character boundary.
        let search = (start + target).min(text.len());
        let cut = memchr::memmem::find(&text.as_bytes()[search..], b"\n[[entry]]")
            .map(|i| search + i + 1)
            .unwrap_or(text.len());
        chunks.push((start, &text[start..cut]));
        start = cut;
    }
    Some(chunks)
}

/// Checks field sizes and required text, and makes every text field safe to print.
fn build_entry(raw: RawEntry, code: i64, origin: &str) -> Result<CatalogEntry, String> {
    let display = CatalogEntry::display_code(raw.category, code);
    // Takes the parsed string and hands it back unless it needed cleaning: at 100,000 entries a
    // copy of every field is tens of megabytes.
    let check = |field: &str, value: String| -> Result<String, String> {
        if value.len() > MAX_FIELD_BYTES {
            return Err(format!(
                "entry {display}: field `{field}` is {} bytes; at most {MAX_FIELD_BYTES} (64 KiB) allowed",
                value.len()
            ));
        }
        let cleaned = match sanitize(&value) {
            std::borrow::Cow::Owned(cleaned) => Some(cleaned),
            std::borrow::Cow::Borrowed(_) => None,
        };
        Ok(cleaned.unwrap_or(value))
    };
    let check_opt = |field: &str, value: Option<String>| -> Result<Option<String>, String> {
        value
            .map(|v| check(field, v))
            .transpose()
            .map(|v| v.filter(|s| !s.trim().is_empty()))
    };
    let check_list = |field: &str, values: Vec<String>| -> Result<Vec<String>, String> {
        values.into_iter().map(|v| check(field, v)).collect()
    };
    if raw.description_zh.trim().is_empty() {
        return Err(format!(
            "entry {display}: field `description_zh` must not be empty"
        ));
    }
    if let Some(key) = &raw.key {
        if key.trim().is_empty() {
            return Err(format!(
                "entry {display}: field `key` must not be empty (leave it out instead)"
            ));
        }
    }
    let renamed = raw
        .renamed
        .into_iter()
        .map(|r| {
            Ok(Rename {
                from: check("renamed.from", r.from)?,
                to: check("renamed.to", r.to)?,
                version: check("renamed.version", r.version)?,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(CatalogEntry {
        category: raw.category,
        code,
        key: check_opt("key", raw.key)?,
        aliases: check_list("aliases", raw.aliases)?,
        renamed,
        type_label: check_opt("type", raw.type_label)?,
        description_zh: check("description_zh", raw.description_zh)?,
        description_en: check_opt("description_en", raw.description_en)?,
        advice_zh: check_opt("advice_zh", raw.advice_zh)?,
        advice_en: check_opt("advice_en", raw.advice_en)?,
        since: check_opt("since", raw.since)?,
        deprecated: check_opt("deprecated", raw.deprecated)?,
        related: check_list("related", raw.related)?,
        source: check("source", raw.source)?,
        origin: origin.to_string(),
        display,
    })
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_loads() {
        let catalog = Catalog::builtin().unwrap();
        assert!(catalog.len() >= 72);
    }

    #[test]
    fn display_forms() {
        assert_eq!(CatalogEntry::display_code(Category::Sdk, 0x4004), "0x4004");
        assert_eq!(CatalogEntry::display_code(Category::Sdk, 0x404a), "0x404A");
        assert_eq!(
            CatalogEntry::display_code(Category::Account, 70001),
            "70001"
        );
        assert_eq!(CatalogEntry::display_code(Category::Account, -8), "-8");
    }

    #[test]
    fn line_column_counts_chars() {
        assert_eq!(line_column("ab\n过期x", 9), (2, 3));
        assert_eq!(line_column("", 5), (1, 1));
    }

    #[test]
    fn later_entry_replaces_same_category_and_code() {
        let a = parse_catalog(
            "[[entry]]\ncategory='sdk'\ncode=1\ndescription_zh='a'\nsource='x'\n",
            "a",
        )
        .unwrap();
        let b = parse_catalog(
            "[[entry]]\ncategory='sdk'\ncode=1\ndescription_zh='b'\nsource='y'\n",
            "b",
        )
        .unwrap();
        let catalog = Catalog::from_entries(a.into_iter().chain(b).collect()).unwrap();
        assert_eq!(catalog.len(), 1);
        assert_eq!(catalog.entries()[0].description_zh, "b");
    }
}

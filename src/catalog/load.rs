//! Reading catalog TOML: limits, validation, sanitizing, and errors that name file, line and column.

mod fast;

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;

use super::entry::{CatalogEntry, Category, Family, Rename};
use crate::sanitize::sanitize;

/// A catalog file larger than this is refused before it is read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// A single text field larger than this is refused: no real description is that long.
pub const MAX_FIELD_BYTES: usize = 64 * 1024;
/// A list field (aliases, related, keywords, …) with more items than this is refused: no real
/// entry has that many, and every item costs work on every frame that shows the entry.
pub const MAX_LIST_ITEMS: usize = 256;
/// A name — a key, an alias, a related code, a keyword, an API, a version — longer than this is
/// refused: names are matched and highlighted on every keystroke, and no real one is that long.
pub const MAX_NAME_BYTES: usize = 256;
/// All the text of one entry together: a catalog of 60 KB aliases is no catalog of error codes.
pub const MAX_ENTRY_BYTES: usize = 256 * 1024;

/// A problem with one field of an entry: which field, to point at it, and what is wrong.
struct FieldError {
    field: &'static str,
    message: String,
}

/// The byte offset of `field = …` inside the entry that starts at `start`, or `start`.
fn field_offset(text: &str, start: usize, field: &str) -> usize {
    if field.is_empty() || start >= text.len() {
        return start;
    }
    let rest = &text[start..];
    let end =
        memchr::memmem::find(&rest.as_bytes()[1..], b"\n[[entry]]").map_or(rest.len(), |i| i + 1);
    let mut offset = 0;
    for line in rest[..end].split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(after) = trimmed.strip_prefix(field) {
            if after.trim_start().starts_with('=') {
                return start + offset + (line.len() - trimmed.len());
            }
        }
        offset += line.len();
    }
    start
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
    #[serde(default)]
    family: Family,
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
    until: Option<String>,
    deprecated: Option<String>,
    #[serde(default)]
    raised_when_zh: Vec<String>,
    #[serde(default)]
    raised_when_en: Vec<String>,
    raised_in: Option<String>,
    not_raised_since: Option<String>,
    extra_code_zh: Option<String>,
    extra_code_en: Option<String>,
    parent: Option<String>,
    #[serde(default)]
    templates: Vec<String>,
    #[serde(default)]
    apis: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
    migration_zh: Option<String>,
    migration_en: Option<String>,
    #[serde(default)]
    related: Vec<String>,
    doc_url: Option<String>,
    source: String,
}

/// Reads and parses one catalog file, refusing directories, huge files and non-UTF-8 text.
pub fn read_catalog_file(path: &Path) -> Result<Vec<CatalogEntry>, CatalogError> {
    read_catalog_file_hashed(path).map(|(entries, _)| entries)
}

/// Like [`read_catalog_file`], with the xxh3 hash of the bytes that were parsed (the catalog
/// cache's key must describe exactly what went into it).
pub fn read_catalog_file_hashed(path: &Path) -> Result<(Vec<CatalogEntry>, u64), CatalogError> {
    use crate::read_limited::{read_regular_file, ReadLimitedError};
    let name = path.display().to_string();
    // Only a regular file is read, and never more than the limit + 1 bytes: a FIFO, a terminal
    // or /dev/zero named as a catalog is refused at once instead of hanging or filling memory.
    let bytes = match read_regular_file(path, MAX_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadLimitedError::TooLarge { .. }) => {
            return Err(CatalogError::Invalid {
                path: name,
                message: format!(
                    "file is larger than allowed; a catalog file may be at most {MAX_FILE_BYTES} bytes (64 MiB)"
                ),
            })
        }
        Err(e) => {
            return Err(CatalogError::Unreadable {
                path: name,
                message: e.to_string(),
            })
        }
    };
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
    let hash = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
    parse_catalog(&text, &name).map(|entries| (entries, hash))
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
                Ok(pieces) => {
                    let mut all = Vec::with_capacity(pieces.iter().map(Vec::len).sum());
                    super::codec::advise_huge_pages(&mut all);
                    pieces.into_iter().for_each(|piece| all.extend(piece));
                    Ok(all)
                }
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

    let mut seen: HashMap<(Family, Category, i64), usize> = HashMap::with_capacity(raw.len());
    for parsed in &raw {
        let id = (parsed.raw.family, parsed.raw.category, parsed.code);
        if let Some(first) = seen.insert(id, parsed.start) {
            let (first_line, _) = line_column(text, first);
            return Err(at(
                parsed.code_start,
                format!(
                    "duplicate code {} in {} {} (first defined at line {first_line})",
                    CatalogEntry::display_code(parsed.raw.family, parsed.raw.category, parsed.code),
                    parsed.raw.family,
                    parsed.raw.category
                ),
            ));
        }
        if !Category::of_family(parsed.raw.family).contains(&parsed.raw.category) {
            let allowed: Vec<&str> = Category::of_family(parsed.raw.family)
                .iter()
                .map(|c| c.as_str())
                .collect();
            return Err(at(
                parsed.start,
                format!(
                    "category `{}` does not exist in family `{}`; expected one of: {}",
                    parsed.raw.category,
                    parsed.raw.family,
                    allowed.join(", ")
                ),
            ));
        }
    }
    let build = |parsed: ParsedEntry| {
        let start = parsed.start;
        build_entry(parsed.raw, parsed.code, name)
            .map_err(|e| at(field_offset(text, start, e.field), e.message))
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

/// Parses TOML text that starts at byte `offset` of the file; errors carry file offsets. Text of
/// the plain shape catalogs have is read by `fast.rs`; anything else by the `toml` crate.
fn parse_raw(text: &str, offset: usize) -> Result<Vec<ParsedEntry>, (usize, String)> {
    if let Some(entries) = fast::parse(text, offset) {
        return Ok(entries);
    }
    parse_toml(text, offset)
}

/// [`parse_raw`] by the `toml` crate alone.
fn parse_toml(text: &str, offset: usize) -> Result<Vec<ParsedEntry>, (usize, String)> {
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
fn build_entry(raw: RawEntry, code: i64, origin: &str) -> Result<CatalogEntry, FieldError> {
    let display = CatalogEntry::display_code(raw.family, raw.category, code);
    let fail = |field: &'static str, message: String| FieldError { field, message };
    // Takes the parsed string and hands it back unless it needed cleaning: at 100,000 entries a
    // copy of every field is tens of megabytes.
    let check_at =
        |field: &'static str, limit: usize, value: String| -> Result<String, FieldError> {
            if value.len() > limit {
                let allowed = if limit == MAX_NAME_BYTES {
                    format!("a name may be at most {limit} bytes")
                } else {
                    format!("at most {limit} (64 KiB) allowed")
                };
                return Err(fail(
                    field,
                    format!(
                        "entry {display}: field `{field}` is {} bytes; {allowed}",
                        value.len()
                    ),
                ));
            }
            if surely_clean(&value) {
                return Ok(value);
            }
            let cleaned = match sanitize(&value) {
                std::borrow::Cow::Owned(cleaned) => Some(cleaned),
                std::borrow::Cow::Borrowed(_) => None,
            };
            Ok(cleaned.unwrap_or(value))
        };
    let check = |field: &'static str, value: String| check_at(field, MAX_FIELD_BYTES, value);
    let name = |field: &'static str, value: String| check_at(field, MAX_NAME_BYTES, value);
    let opt = |field: &'static str, limit: usize, value: Option<String>| {
        value
            .map(|v| check_at(field, limit, v))
            .transpose()
            .map(|v| v.filter(|s| !s.trim().is_empty()))
    };
    let list = |field: &'static str, limit: usize, values: Vec<String>| {
        if values.len() > MAX_LIST_ITEMS {
            return Err(fail(
                field,
                format!(
                    "entry {display}: field `{field}` has {} items; at most {MAX_LIST_ITEMS} allowed",
                    values.len()
                ),
            ));
        }
        values
            .into_iter()
            .map(|v| check_at(field, limit, v))
            .collect::<Result<Vec<_>, _>>()
    };
    const TEXT: usize = MAX_FIELD_BYTES;
    const NAME: usize = MAX_NAME_BYTES;
    if raw.description_zh.trim().is_empty() {
        return Err(fail(
            "description_zh",
            format!("entry {display}: field `description_zh` must not be empty"),
        ));
    }
    if let Some(key) = &raw.key {
        if key.trim().is_empty() {
            return Err(fail(
                "key",
                format!("entry {display}: field `key` must not be empty (leave it out instead)"),
            ));
        }
    }
    if raw.renamed.len() > MAX_LIST_ITEMS {
        return Err(fail(
            "renamed",
            format!(
                "entry {display}: field `renamed` has {} items; at most {MAX_LIST_ITEMS} allowed",
                raw.renamed.len()
            ),
        ));
    }
    let renamed = raw
        .renamed
        .into_iter()
        .map(|r| {
            Ok(Rename {
                from: name("renamed", r.from)?,
                to: name("renamed", r.to)?,
                version: name("renamed", r.version)?,
            })
        })
        .collect::<Result<Vec<_>, FieldError>>()?;
    let entry = CatalogEntry {
        family: raw.family,
        category: raw.category,
        code,
        key: opt("key", NAME, raw.key)?,
        aliases: list("aliases", NAME, raw.aliases)?,
        renamed,
        type_label: opt("type", NAME, raw.type_label)?,
        description_zh: check("description_zh", raw.description_zh)?,
        description_en: opt("description_en", TEXT, raw.description_en)?,
        advice_zh: opt("advice_zh", TEXT, raw.advice_zh)?,
        advice_en: opt("advice_en", TEXT, raw.advice_en)?,
        since: opt("since", NAME, raw.since)?,
        until: opt("until", NAME, raw.until)?,
        deprecated: opt("deprecated", TEXT, raw.deprecated)?,
        raised_when_zh: list("raised_when_zh", TEXT, raw.raised_when_zh)?,
        raised_when_en: list("raised_when_en", TEXT, raw.raised_when_en)?,
        raised_in: opt("raised_in", NAME, raw.raised_in)?,
        not_raised_since: opt("not_raised_since", NAME, raw.not_raised_since)?,
        extra_code_zh: opt("extra_code_zh", TEXT, raw.extra_code_zh)?,
        extra_code_en: opt("extra_code_en", TEXT, raw.extra_code_en)?,
        parent: opt("parent", NAME, raw.parent)?,
        templates: list("templates", TEXT, raw.templates)?,
        apis: list("apis", NAME, raw.apis)?,
        keywords: list("keywords", NAME, raw.keywords)?,
        migration_zh: opt("migration_zh", TEXT, raw.migration_zh)?,
        migration_en: opt("migration_en", TEXT, raw.migration_en)?,
        related: list("related", NAME, raw.related)?,
        doc_url: opt("doc_url", TEXT, raw.doc_url)?,
        source: check("source", raw.source)?,
        origin: origin.to_string(),
        display,
    };
    let total = entry_bytes(&entry);
    if total > MAX_ENTRY_BYTES {
        return Err(fail(
            "",
            format!(
                "entry {}: its text is {total} bytes in all; an entry may hold at most {MAX_ENTRY_BYTES} bytes (256 KiB)",
                entry.display
            ),
        ));
    }
    Ok(entry)
}

/// All the text an entry holds, in bytes.
fn entry_bytes(e: &CatalogEntry) -> usize {
    let opt = |v: &Option<String>| v.as_ref().map_or(0, String::len);
    let list = |v: &[String]| v.iter().map(String::len).sum::<usize>();
    e.key.as_ref().map_or(0, String::len)
        + list(&e.aliases)
        + e.renamed
            .iter()
            .map(|r| r.from.len() + r.to.len() + r.version.len())
            .sum::<usize>()
        + opt(&e.type_label)
        + e.description_zh.len()
        + [
            &e.description_en,
            &e.advice_zh,
            &e.advice_en,
            &e.since,
            &e.until,
            &e.deprecated,
            &e.raised_in,
            &e.not_raised_since,
            &e.extra_code_zh,
            &e.extra_code_en,
            &e.parent,
            &e.migration_zh,
            &e.migration_en,
            &e.doc_url,
        ]
        .into_iter()
        .map(opt)
        .sum::<usize>()
        + [
            &e.raised_when_zh,
            &e.raised_when_en,
            &e.templates,
            &e.apis,
            &e.keywords,
            &e.related,
        ]
        .into_iter()
        .map(|v| list(v))
        .sum::<usize>()
        + e.source.len()
}

/// Text the sanitizer would leave as it is, told without its per-character category look-ups:
/// printable ASCII, CJK ideographs, CJK and fullwidth punctuation. A tenth of reading a large
/// catalog went to sanitizing text made of nothing else.
fn surely_clean(text: &str) -> bool {
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return true;
    }
    text.chars().all(|c| {
        matches!(c, ' '..='~' | '\u{3001}'..='\u{3011}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF01}'..='\u{FF5E}')
    })
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
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

    /// What a reader made of a text: (entry offset, code offset) of each entry and the entries.
    type Read = Result<(Vec<(usize, usize)>, Vec<CatalogEntry>), String>;

    /// Both readers of `text`: the fast one (or "declined") and toml.
    fn both(text: &str) -> [Read; 2] {
        let read = |parsed: Result<Vec<ParsedEntry>, (usize, String)>| {
            let parsed = parsed.map_err(|e| e.1)?;
            let offsets = parsed.iter().map(|p| (p.start, p.code_start)).collect();
            let built = parsed
                .into_iter()
                .map(|p| build_entry(p.raw, p.code, "f").map_err(|e| e.message))
                .collect::<Result<Vec<_>, _>>()?;
            Ok((offsets, built))
        };
        [
            read(fast::parse(text, 7).ok_or((0, "declined".to_string()))),
            read(parse_toml(text, 7)),
        ]
    }

    #[test]
    fn the_fast_reader_agrees_with_toml_on_the_built_in_catalogs() {
        for (name, text) in crate::catalog::BUILTIN_CATALOGS {
            // Files with renames (inline tables) are declined and read by toml.
            let [fast, toml] = both(text);
            if let Ok(fast) = fast {
                assert_eq!(Ok(fast), toml, "{name}");
            } else {
                assert!(text.contains("renamed ="), "{name} declined");
            }
            // Entry by entry, every entry without a rename is read alike.
            for piece in text.split("\n[[entry]]").skip(1) {
                let piece = format!("[[entry]]{piece}");
                if let [Ok(fast), toml] = both(&piece) {
                    assert_eq!(Ok(fast), toml, "{piece}");
                }
            }
        }
    }

    #[test]
    fn the_fast_reader_declines_what_it_is_not_sure_of() {
        let entry =
            "[[entry]]\ncategory = 'sdk'\ncode = 0x10\ndescription_zh = \"a\"\nsource = 'x'\n";
        let [fast, toml] = both(entry);
        assert_eq!(fast, toml);
        assert_eq!(fast.unwrap().1[0].code, 16);
        for (what, text) in [
            ("top-level key", format!("title = 'x'\n{entry}")),
            ("unknown key", format!("{entry}colour = 'red'\n")),
            ("repeated key", format!("{entry}source = 'y'\n")),
            (
                "multi-line string",
                format!("{entry}advice_zh = \"\"\"a\nb\"\"\"\n"),
            ),
            ("float", entry.replace("0x10", "1.5")),
            ("leading zero", entry.replace("0x10", "010")),
            ("signed hex", entry.replace("0x10", "+0x10")),
            ("unknown escape", entry.replace("\"a\"", "\"a\\q\"")),
            ("control character", entry.replace("\"a\"", "\"a\u{1}\"")),
            ("missing field", entry.replace("source = 'x'\n", "")),
            ("other table", format!("{entry}[other]\n")),
            ("lone carriage return", entry.replace("\ncode", "\rcode")),
            ("wrong type", entry.replace("'sdk'", "1")),
            ("unknown category", entry.replace("'sdk'", "'SDK'")),
            (
                "inline table",
                format!("{entry}renamed = [{{ from = 'a', to = 'b', version = '1' }}]\n"),
            ),
            ("dotted key", format!("{entry}a.b = 'c'\n")),
            ("byte-order mark", format!("\u{feff}{entry}")),
        ] {
            assert!(fast::parse(&text, 0).is_none(), "{what}: {text}");
        }
        // What it does read, it reads as toml does: escapes, comments, CRLF, multi-line arrays.
        let rich = "# header\r\n[[entry]] # the first\r\nfamily = \"web5\"\r\ncategory = \"extra\"\r\ncode = -1_000\r\n\
            description_zh = \"引号\\\"\\u00e9\\U0001F600\\t\" # note\r\nsource='c:\\path'\r\n\
            keywords = [\r\n  'a', # one\r\n  \"b\",\r\n]\r\nrelated=[]\r\n\r\n[[entry]]\ncategory=\"sdk\"\ncode=2\ndescription_zh='x'\nsource='y'";
        let [fast, toml] = both(rich);
        assert!(fast.is_ok(), "{fast:?}");
        assert_eq!(fast, toml);
    }

    #[test]
    fn text_surely_clean_is_what_the_sanitizer_keeps() {
        let ranges = [
            (0x20, 0x7e),
            (0x3001, 0x3011),
            (0x4e00, 0x9fff),
            (0xff01, 0xff5e),
        ];
        for (first, last) in ranges {
            for c in (first..=last).filter_map(char::from_u32) {
                let text = format!("{c}a{c}");
                assert!(surely_clean(&text));
                assert!(
                    matches!(sanitize(&text), std::borrow::Cow::Borrowed(_)),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
        for text in ["a\tb", "\u{1b}[31m", "a\u{200b}", "\u{302a}", "é"] {
            assert!(!surely_clean(text), "{text:?}");
        }
    }

    #[test]
    fn line_column_counts_chars() {
        assert_eq!(line_column("ab\n过期x", 9), (2, 3));
        assert_eq!(line_column("", 5), (1, 1));
    }

    #[test]
    fn a_category_outside_its_family_is_refused() {
        let err = parse_catalog(
            "[[entry]]\nfamily='web5'\ncategory='account'\ncode=1\ndescription_zh='a'\nsource='x'\n",
            "f.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("f.toml:1:1: category `account` does not exist in family `web5`"),
            "{err}"
        );
    }

    #[test]
    fn oversized_fields_are_refused_at_the_field() {
        let long = "x".repeat(MAX_NAME_BYTES + 1);
        let text = format!(
            "[[entry]]\ncategory='sdk'\ncode=1\ndescription_zh='a'\nsource='x'\naliases=['{long}']\n"
        );
        let err = parse_catalog(&text, "f.toml").unwrap_err().to_string();
        assert!(
            err.starts_with("f.toml:6:1: entry 0x0001: field `aliases` is 257 bytes; a name may be at most 256 bytes"),
            "{err}"
        );
        // Many fields each under their limit, over the entry's limit together.
        let big = "y".repeat(60 * 1024);
        let text = format!(
            "[[entry]]\ncategory='sdk'\ncode=2\ndescription_zh='{big}'\nadvice_zh='{big}'\nadvice_en='{big}'\ndescription_en='{big}'\nsource='{big}'\n"
        );
        let err = parse_catalog(&text, "f.toml").unwrap_err().to_string();
        assert!(
            err.contains("an entry may hold at most 262144 bytes"),
            "{err}"
        );
    }

    #[test]
    fn long_lists_are_refused_with_their_place() {
        let related: Vec<String> = (0..=MAX_LIST_ITEMS).map(|i| format!("'{i}'")).collect();
        let text = format!(
            "[[entry]]\ncategory='sdk'\ncode=1\ndescription_zh='a'\nsource='x'\nrelated=[{}]\n",
            related.join(",")
        );
        let err = parse_catalog(&text, "f.toml").unwrap_err().to_string();
        assert!(err.contains("field `related` has 257 items"), "{err}");
    }
}

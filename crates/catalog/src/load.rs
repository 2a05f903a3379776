//! Reading catalogs (TOML, or JSON for machine-written ones): limits, validation, sanitizing, and
//! errors that name file, line and column. [`RawEntry`] is the one serde mirror of the file
//! format; [`build_entry`] turns it into a [`CatalogEntry`].

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;

use crate::entry::{
    Carrier, CatalogEntry, Category, CodeRef, EntryId, Family, Localized, Rename, Sign,
};
use crate::error::{CatalogError, FieldProblem, Problem};
use crate::sanitize::sanitize;
use crate::version::{VersionRange, WrittenVersion};

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

/// The byte offset of `field = …` (or `"field":` in JSON) inside the entry that starts at
/// `start`, or `start`.
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

/// The on-disk shape of a TOML catalog file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    #[serde(default)]
    entry: Vec<toml::Spanned<RawEntry>>,
}

/// The same shape written as JSON: `{"entry": [{…}, …]}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawJsonCatalog {
    #[serde(default)]
    entry: Vec<RawEntry>,
}

/// One entry as a catalog file writes it (the file format's field names).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    #[serde(default)]
    family: Family,
    category: Category,
    code: i64,
    key: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    renamed: Vec<RawRename>,
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
    #[serde(default)]
    carried: Vec<RawCarrier>,
    #[serde(default)]
    members: Vec<String>,
}

/// `[[entry.carried]]`: how one SDK hands a server code over.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCarrier {
    family: Family,
    via: Option<String>,
    read: Option<String>,
    #[serde(default)]
    sign: Sign,
    versions: String,
    how: String,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRename {
    from: String,
    to: String,
    version: String,
}

impl RawEntry {
    fn id(&self) -> EntryId {
        (self.family, self.category, self.code)
    }

    fn display(&self) -> String {
        CatalogEntry::display_code(self.family, self.category, self.code)
    }
}

/// Reads and parses one catalog file, refusing directories, huge files and non-UTF-8 text. A
/// `.json` file is read as JSON.
pub fn read_catalog_file(path: &Path) -> Result<Vec<CatalogEntry>, CatalogError> {
    use crate::read_limited::{read_regular_file, ReadLimitedError};
    let name = path.display().to_string();
    // Only a regular file is read, and never more than the limit + 1 bytes: a FIFO, a terminal
    // or /dev/zero named as a catalog is refused at once instead of hanging or filling memory.
    let bytes = match read_regular_file(path, MAX_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadLimitedError::TooLarge { limit }) => {
            return Err(CatalogError::TooLarge { path: name, limit })
        }
        Err(source) => return Err(CatalogError::Unreadable { path: name, source }),
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
                problem: Problem::NotUtf8,
            });
        }
    };
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let entries = if is_json {
        parse_catalog_json(&text, &name)?
    } else {
        parse_catalog(&text, &name)?
    };
    Ok(entries)
}

/// One entry as parsed, with its byte offset in the whole file (`None` in JSON, which has no
/// spans: its problems name the entry instead).
struct ParsedEntry {
    raw: RawEntry,
    start: Option<usize>,
    /// The entry's length in the file: its text cannot be longer, so within the limit it need
    /// not be counted.
    len: Option<usize>,
}

/// Parses catalog TOML. `name` is used in error messages and as each entry's `origin`.
pub fn parse_catalog(text: &str, name: &str) -> Result<Vec<CatalogEntry>, CatalogError> {
    if text.trim().is_empty() {
        return Err(invalid(name, Problem::Empty));
    }
    // Large files are parsed in pieces on every core. Should any piece fail (a multi-line string
    // that holds a line starting with `[[entry]]` would), the whole file is parsed in one go, so
    // the error reported is always the one the file really has.
    let parsed = match parallel_chunks(text) {
        Some(chunks) => {
            let pieces: Result<Vec<_>, _> = chunks
                .par_iter()
                .map(|&(offset, chunk)| parse_toml(chunk, offset))
                .collect();
            match pieces {
                Ok(pieces) => Ok(pieces.into_iter().flatten().collect()),
                Err(_) => parse_toml(text, 0),
            }
        }
        None => parse_toml(text, 0),
    };
    let raw =
        parsed.map_err(|(offset, message)| at(text, name, offset, Problem::Syntax(message)))?;
    settle_parsed(raw, text, name)
}

/// Parses a JSON catalog: `{"entry": [ … ]}` with the TOML format's fields. Machine-written
/// catalogs load several times faster this way.
pub fn parse_catalog_json(text: &str, name: &str) -> Result<Vec<CatalogEntry>, CatalogError> {
    if text.trim().is_empty() {
        return Err(invalid(name, Problem::Empty));
    }
    let raw: RawJsonCatalog = serde_json::from_str(text).map_err(|e| CatalogError::At {
        path: name.to_string(),
        line: e.line().max(1),
        column: e.column().max(1),
        problem: Problem::Syntax(e.to_string()),
    })?;
    let raw = raw
        .entry
        .into_iter()
        .map(|raw| ParsedEntry {
            raw,
            start: None,
            len: None,
        })
        .collect();
    settle_parsed(raw, text, name)
}

fn invalid(name: &str, problem: Problem) -> CatalogError {
    CatalogError::Invalid {
        path: name.to_string(),
        problem,
    }
}

fn at(text: &str, name: &str, offset: usize, problem: Problem) -> CatalogError {
    let (line, column) = line_column(text, offset);
    CatalogError::At {
        path: name.to_string(),
        line,
        column,
        problem,
    }
}

/// Checks identities across the file, then builds every entry.
fn settle_parsed(
    raw: Vec<ParsedEntry>,
    text: &str,
    name: &str,
) -> Result<Vec<CatalogEntry>, CatalogError> {
    if raw.is_empty() {
        return Err(invalid(name, Problem::NoEntries));
    }
    let place = |start: Option<usize>, field: &str, problem: Problem| match start {
        Some(start) => at(text, name, field_offset(text, start, field), problem),
        None => invalid(name, problem),
    };
    // The duplicate's code value itself, after `code =`.
    let code_value = |start: Option<usize>| {
        start.map(|start| {
            let field = field_offset(text, start, "code");
            let rest = &text[field..];
            let value = rest.find('=').map_or(0, |eq| {
                eq + 1
                    + (rest[eq + 1..].len() - rest[eq + 1..].trim_start_matches([' ', '\t']).len())
            });
            field + value
        })
    };
    let mut seen: HashMap<EntryId, Option<usize>> = HashMap::with_capacity(raw.len());
    for (n, parsed) in raw.iter().enumerate() {
        let r = &parsed.raw;
        if let Some(first) = seen.insert(r.id(), parsed.start) {
            // JSON has no lines: the first definition is named by its place in the list.
            let first_line = first.map_or(n, |first| line_column(text, first).0);
            let problem = Problem::Duplicate {
                display: r.display(),
                family: r.family,
                category: r.category,
                first_line,
            };
            return Err(match code_value(parsed.start) {
                Some(offset) => at(text, name, offset, problem),
                None => invalid(name, problem),
            });
        }
        if !Category::of_family(r.family).contains(&r.category) {
            return Err(place(
                parsed.start,
                "",
                Problem::CategoryOutsideFamily {
                    family: r.family,
                    category: r.category,
                },
            ));
        }
    }
    let build = |parsed: ParsedEntry| {
        let entry = parsed.raw.display();
        let count = parsed.len.is_none_or(|len| len > MAX_ENTRY_BYTES);
        build_entry(parsed.raw, name, count).map_err(|problem| {
            place(
                parsed.start,
                problem.field().unwrap_or(""),
                Problem::Field { entry, problem },
            )
        })
    };
    if raw.len() >= PARALLEL_ENTRIES {
        raw.into_par_iter().map(build).collect()
    } else {
        raw.into_iter().map(build).collect()
    }
}

/// From this many entries on, parsing and building use every core.
const PARALLEL_ENTRIES: usize = 4096;

/// Parses TOML text that starts at byte `offset` of the file; errors carry file offsets.
fn parse_toml(text: &str, offset: usize) -> Result<Vec<ParsedEntry>, (usize, String)> {
    let raw: RawCatalog = toml::from_str(text).map_err(|e| {
        let at = e.span().map(|s| s.start).unwrap_or(0);
        (offset + at, e.message().trim().to_string())
    })?;
    // A table's span is its header; the entry's text runs to the next header (or the end).
    let starts: Vec<usize> = raw.entry.iter().map(|e| e.span().start).collect();
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    Ok(raw
        .entry
        .into_iter()
        .zip(ends)
        .map(|(spanned, end)| ParsedEntry {
            start: Some(offset + spanned.span().start),
            len: Some(end.saturating_sub(spanned.span().start)),
            raw: spanned.into_inner(),
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

/// Checks one text against its limit and makes it safe to print. Takes the parsed string and
/// hands it back unless it needed cleaning: at 100,000 entries a copy of every field is tens of
/// megabytes.
fn checked(field: &'static str, limit: usize, value: String) -> Result<String, FieldProblem> {
    if value.len() > limit {
        let len = value.len();
        return Err(if limit == MAX_NAME_BYTES {
            FieldProblem::NameTooLong { field, len, limit }
        } else {
            FieldProblem::TextTooLong { field, len, limit }
        });
    }
    if surely_clean(&value) {
        return Ok(value);
    }
    Ok(match sanitize(&value) {
        std::borrow::Cow::Owned(cleaned) => cleaned,
        std::borrow::Cow::Borrowed(_) => value,
    })
}

/// An optional text: checked, and blank counts as absent.
fn optional(
    field: &'static str,
    limit: usize,
    value: Option<String>,
) -> Result<Option<String>, FieldProblem> {
    value
        .map(|v| checked(field, limit, v))
        .transpose()
        .map(|v| v.filter(|s| !s.trim().is_empty()))
}

fn list(
    field: &'static str,
    limit: usize,
    values: Vec<String>,
) -> Result<Vec<String>, FieldProblem> {
    if values.len() > MAX_LIST_ITEMS {
        return Err(FieldProblem::TooManyItems {
            field,
            count: values.len(),
            limit: MAX_LIST_ITEMS,
        });
    }
    values
        .into_iter()
        .map(|v| checked(field, limit, v))
        .collect()
}

fn code_ref(field: &'static str, family: Family, text: String) -> Result<CodeRef, FieldProblem> {
    let text = checked(field, MAX_NAME_BYTES, text)?;
    CodeRef::parse(family, &text).ok_or(FieldProblem::NotACode { field, text })
}

/// Checks field sizes and required text, makes every text field safe to print, and parses
/// versions and references: the conversion from the file format to the entry. `count_text`:
/// whether the entry's text may be over [`MAX_ENTRY_BYTES`] in all.
fn build_entry(
    raw: RawEntry,
    origin: &str,
    count_text: bool,
) -> Result<CatalogEntry, FieldProblem> {
    const TEXT: usize = MAX_FIELD_BYTES;
    const NAME: usize = MAX_NAME_BYTES;
    if raw.description_zh.trim().is_empty() {
        return Err(FieldProblem::Empty {
            field: "description_zh",
        });
    }
    if raw.key.as_ref().is_some_and(|k| k.trim().is_empty()) {
        return Err(FieldProblem::EmptyKey);
    }
    if raw.renamed.len() > MAX_LIST_ITEMS {
        return Err(FieldProblem::TooManyItems {
            field: "renamed",
            count: raw.renamed.len(),
            limit: MAX_LIST_ITEMS,
        });
    }
    if raw.related.len() > MAX_LIST_ITEMS {
        return Err(FieldProblem::TooManyItems {
            field: "related",
            count: raw.related.len(),
            limit: MAX_LIST_ITEMS,
        });
    }
    for (field, count) in [
        ("carried", raw.carried.len()),
        ("members", raw.members.len()),
    ] {
        if count > MAX_LIST_ITEMS {
            return Err(FieldProblem::TooManyItems {
                field,
                count,
                limit: MAX_LIST_ITEMS,
            });
        }
    }
    let family = raw.family;
    let version = |field, v| optional(field, NAME, v).map(|v| v.map(WrittenVersion::new));
    let renamed = raw
        .renamed
        .into_iter()
        .map(|r| {
            Ok(Rename {
                from: checked("renamed", NAME, r.from)?,
                to: checked("renamed", NAME, r.to)?,
                version: WrittenVersion::new(checked("renamed", NAME, r.version)?),
            })
        })
        .collect::<Result<Vec<_>, FieldProblem>>()?;
    let entry = CatalogEntry {
        family,
        category: raw.category,
        code: raw.code,
        key: optional("key", NAME, raw.key)?,
        aliases: list("aliases", NAME, raw.aliases)?,
        renamed,
        type_label: optional("type", NAME, raw.type_label)?,
        description: Localized {
            zh: checked("description_zh", TEXT, raw.description_zh)?,
            en: optional("description_en", TEXT, raw.description_en)?,
        },
        advice: Localized {
            zh: optional("advice_zh", TEXT, raw.advice_zh)?,
            en: optional("advice_en", TEXT, raw.advice_en)?,
        },
        since: version("since", raw.since)?,
        until: version("until", raw.until)?,
        deprecated: optional("deprecated", TEXT, raw.deprecated)?,
        raised_when: Localized {
            zh: list("raised_when_zh", TEXT, raw.raised_when_zh)?,
            en: list("raised_when_en", TEXT, raw.raised_when_en)?,
        },
        raised_in: optional("raised_in", NAME, raw.raised_in)?.map(VersionRange::new),
        not_raised_since: version("not_raised_since", raw.not_raised_since)?,
        extra_code: Localized {
            zh: optional("extra_code_zh", TEXT, raw.extra_code_zh)?,
            en: optional("extra_code_en", TEXT, raw.extra_code_en)?,
        },
        parent: optional("parent", NAME, raw.parent)?
            .map(|p| code_ref("parent", family, p))
            .transpose()?,
        templates: list("templates", TEXT, raw.templates)?,
        apis: list("apis", NAME, raw.apis)?,
        keywords: list("keywords", NAME, raw.keywords)?,
        migration: Localized {
            zh: optional("migration_zh", TEXT, raw.migration_zh)?,
            en: optional("migration_en", TEXT, raw.migration_en)?,
        },
        related: raw
            .related
            .into_iter()
            .map(|r| code_ref("related", family, r))
            .collect::<Result<_, _>>()?,
        doc_url: optional("doc_url", TEXT, raw.doc_url)?,
        source: checked("source", TEXT, raw.source)?,
        carried: raw
            .carried
            .into_iter()
            .map(|c| {
                Ok(Carrier {
                    family: c.family,
                    // The public code is the carrying SDK's, written without its family.
                    via: optional("carried", NAME, c.via)?
                        .map(|v| code_ref("carried", c.family, v))
                        .transpose()?,
                    read: optional("carried", NAME, c.read)?,
                    sign: c.sign,
                    versions: VersionRange::new(checked("carried", NAME, c.versions)?),
                    how: checked("carried", TEXT, c.how)?,
                    source: checked("carried", TEXT, c.source)?,
                })
            })
            .collect::<Result<_, FieldProblem>>()?,
        members: raw
            .members
            .into_iter()
            .map(|m| code_ref("members", family, m))
            .collect::<Result<_, _>>()?,
        origin: origin.to_string(),
    };
    let total = if count_text { text_bytes(&entry) } else { 0 };
    if total > MAX_ENTRY_BYTES {
        return Err(FieldProblem::EntryTooLarge {
            total,
            limit: MAX_ENTRY_BYTES,
        });
    }
    Ok(entry)
}

/// All the text an entry holds, in bytes, measured on its JSON form: the one place that knows
/// every field. Identity and punctuation add a few hundred bytes, well under the limit's slack.
fn text_bytes(entry: &CatalogEntry) -> usize {
    struct Counter(usize);
    impl std::io::Write for Counter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut counter = Counter(0);
    let _ = serde_json::to_writer(&mut counter, entry);
    counter.0
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

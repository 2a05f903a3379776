//! What can go wrong loading a catalog, located as precisely as the parser allows.

use crate::entry::{Category, Family};
use crate::read_limited::ReadLimitedError;

/// A problem with a catalog file (or the catalogs together). `path` is the name in messages.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("{path}: cannot read: {source}")]
    Unreadable {
        path: String,
        #[source]
        source: ReadLimitedError,
    },
    #[error(
        "{path}: file is larger than allowed; a catalog file may be at most {limit} bytes (64 MiB)"
    )]
    TooLarge { path: String, limit: u64 },
    #[error("{path}: {problem}")]
    Invalid { path: String, problem: Problem },
    #[error("{path}:{line}:{column}: {problem}")]
    At {
        path: String,
        line: usize,
        column: usize,
        problem: Problem,
    },
    /// Loading would run out of address space (`ulimit -v`) and abort without a word.
    #[error(
        "{path}: not enough memory to load {} MiB of catalogs: it takes about {} MiB, and the address-space limit (ulimit -v) is {} MiB",
        mib(*.catalog_bytes).max(1), mib(*.needed), mib(*.limit)
    )]
    TooLittleMemory {
        path: String,
        catalog_bytes: u64,
        needed: u64,
        limit: u64,
    },
    #[error("{path}: the built-in catalog data is damaged (a build defect)")]
    BuiltinDamaged { path: String },
}

fn mib(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}

/// What is wrong with a catalog's text.
#[derive(Debug, thiserror::Error)]
pub enum Problem {
    #[error("file is empty; expected [[entry]] tables")]
    Empty,
    #[error("no [[entry]] tables found")]
    NoEntries,
    #[error("not valid UTF-8 text (catalog files must be UTF-8)")]
    NotUtf8,
    /// The parser's own words (toml or serde_json).
    #[error("{0}")]
    Syntax(String),
    #[error(
        "duplicate code {display} in {family} {category} (first defined at line {first_line})"
    )]
    Duplicate {
        display: String,
        family: Family,
        category: Category,
        first_line: usize,
    },
    #[error("category `{category}` does not exist in family `{family}`; expected one of: {}", allowed(*.family))]
    CategoryOutsideFamily { family: Family, category: Category },
    #[error("entry {entry}: {problem}")]
    Field {
        entry: String,
        problem: FieldProblem,
    },
}

fn allowed(family: Family) -> String {
    let names: Vec<&str> = Category::of_family(family)
        .iter()
        .map(|c| c.as_str())
        .collect();
    names.join(", ")
}

/// What is wrong with one field of an entry.
#[derive(Debug, thiserror::Error)]
pub enum FieldProblem {
    #[error("field `{field}` is {len} bytes; a name may be at most {limit} bytes")]
    NameTooLong {
        field: &'static str,
        len: usize,
        limit: usize,
    },
    #[error("field `{field}` is {len} bytes; at most {limit} (64 KiB) allowed")]
    TextTooLong {
        field: &'static str,
        len: usize,
        limit: usize,
    },
    #[error("field `{field}` has {count} items; at most {limit} allowed")]
    TooManyItems {
        field: &'static str,
        count: usize,
        limit: usize,
    },
    #[error("field `{field}` must not be empty")]
    Empty { field: &'static str },
    #[error("field `key` must not be empty (leave it out instead)")]
    EmptyKey,
    #[error("field `{field}`: `{text}` is not a code; expected a display form such as 0x4004, 5000 or web5:5400")]
    NotACode { field: &'static str, text: String },
    #[error("its text is {total} bytes in all; an entry may hold at most {limit} bytes (256 KiB)")]
    EntryTooLarge { total: usize, limit: usize },
}

impl FieldProblem {
    /// The field to point at (`None`: the entry as a whole).
    pub fn field(&self) -> Option<&'static str> {
        match self {
            FieldProblem::NameTooLong { field, .. }
            | FieldProblem::TextTooLong { field, .. }
            | FieldProblem::TooManyItems { field, .. }
            | FieldProblem::Empty { field }
            | FieldProblem::NotACode { field, .. } => Some(field),
            FieldProblem::EmptyKey => Some("key"),
            FieldProblem::EntryTooLarge { .. } => None,
        }
    }
}

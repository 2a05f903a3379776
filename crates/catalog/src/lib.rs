//! trtc-catalog: the TRTC error-code catalog's data and its storage. One typed entry
//! ([`CatalogEntry`]: localized texts, parsed versions, typed code references, renames), catalog
//! files read with limits and errors at file:line:col (TOML, or JSON for machine-written
//! catalogs), and the archived form the built-in data and the cache are stored in.
//!
//! It knows no terminal, no command line and no search: the `trtc-errors` package builds those
//! on top, and its build script uses this crate to archive the built-in catalogs.

pub mod archive;
mod entry;
mod error;
mod load;
pub mod lookups;
pub mod read_limited;
pub mod sanitize;
mod scope;
mod version;

pub use entry::{
    Carrier, CatalogEntry, Category, CodeRef, EntryId, Family, Localized, Rename, Sign,
};
pub use error::{CatalogError, FieldProblem, Problem};
pub use load::{
    line_column, parse_catalog, parse_catalog_json, read_catalog_file, MAX_ENTRY_BYTES,
    MAX_FIELD_BYTES, MAX_FILE_BYTES, MAX_LIST_ITEMS, MAX_NAME_BYTES,
};
pub use scope::{defined_in, in_family, key_in, Scope};
pub use version::{SdkVersion, VersionRange, WrittenVersion};

/// The built-in catalogs in load order: (name in messages and `origin`, path from the package
/// root). The build script archives them; tests read the same files.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    ("<built-in web4 catalog>", "assets/catalog.toml"),
    ("<built-in web5 catalog>", "assets/web5.toml"),
    ("<built-in native catalog>", "assets/native.toml"),
    ("<built-in server catalog>", "assets/server.toml"),
];

/// The name the built-in catalogs go by in messages.
pub const BUILTIN_NAME: &str = "<built-in catalog>";

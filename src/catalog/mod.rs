//! The error-code catalog: the entry model, loading + validating catalog TOML files, and the
//! look-up tables every surface uses (by code, by name, by display form, and who refers to whom).
//!
//! The built-in catalogs (`assets/*.toml`, one per SDK family) are compiled into the binary;
//! `--catalog FILE` and the config directory add more files in the same format. An entry with the
//! same family, category and code as an earlier one replaces it, so a user file can correct or
//! extend the built-in data.

pub mod cache;
mod codec;
mod entry;
mod load;
mod scope;

use std::path::Path;
use std::sync::OnceLock;

/// The look-up tables hash with foldhash: SipHash was a tenth of loading 100,000 entries.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

pub use entry::{CatalogEntry, Category, Family, Rename};
pub use load::{
    line_column, parse_catalog, read_catalog_file, read_catalog_file_hashed, CatalogError,
    MAX_FIELD_BYTES, MAX_FILE_BYTES, MAX_LIST_ITEMS,
};
pub use scope::{defined_in, key_in, Scope, SdkVersion};

/// The catalogs shipped inside the binary as TOML: (name in messages, TOML text). The program
/// itself loads [`BUILTIN_BLOB`] instead; the TOML is here for the tests that check the data.
pub const BUILTIN_CATALOGS: &[(&str, &str)] = &[
    (
        "<built-in web4 catalog>",
        include_str!("../../assets/catalog.toml"),
    ),
    (
        "<built-in web5 catalog>",
        include_str!("../../assets/web5.toml"),
    ),
    (
        "<built-in native catalog>",
        include_str!("../../assets/native.toml"),
    ),
];
/// The built-in catalogs as build.rs parsed and validated them (see `codec.rs`): loading them is
/// copying, no TOML is parsed at run time.
pub(crate) const BUILTIN_BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.bin"));

/// The name the built-in catalogs go by in messages and `origin` fields.
pub const BUILTIN_NAME: &str = "<built-in catalog>";

/// Identity of an entry: the same number may mean different things in different families.
pub type EntryId = (Family, Category, i64);

/// The loaded catalog, in catalog order: by family, category, then code.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    entries: Vec<CatalogEntry>,
    by_code: HashMap<i64, Vec<usize>>,
    /// Built on first use: `search` over 100,000 entries needs none of them, and building them is
    /// a third of loading such a catalog from the cache.
    tables: OnceLock<Tables>,
}

/// The look-up tables by name and display form, and who refers to whom.
#[derive(Debug, Clone, Default)]
struct Tables {
    by_name: HashMap<String, Vec<usize>>,
    by_display: HashMap<(Family, String), usize>,
    /// For each entry, the entries whose `related` names it.
    referenced_by: Vec<Vec<usize>>,
}

impl Catalog {
    /// The built-in catalogs. build.rs validated them, so failure here is a build defect.
    pub fn builtin() -> Result<Catalog, CatalogError> {
        let entries = codec::decode_entries(BUILTIN_BLOB).map_err(|_| CatalogError::Invalid {
            path: BUILTIN_NAME.to_string(),
            message: "the built-in catalog data is damaged (a build defect)".to_string(),
        })?;
        // build.rs wrote them settled; from_entries is the fallback should that ever change.
        Ok(Catalog::from_settled(entries).unwrap_or_else(Catalog::from_entries))
    }

    /// Builds a catalog from entries, later entries replacing earlier ones with the same identity.
    pub fn from_entries(entries: Vec<CatalogEntry>) -> Catalog {
        let mut catalog = Catalog {
            entries,
            ..Catalog::default()
        };
        catalog.settle();
        catalog
    }

    /// A catalog from entries already settled (strictly in catalog order, so no identity twice),
    /// as the cache stores them: only the look-up tables are built. The entries come back if
    /// they are not.
    pub(crate) fn from_settled(entries: Vec<CatalogEntry>) -> Result<Catalog, Vec<CatalogEntry>> {
        let id = |e: &CatalogEntry| -> EntryId { (e.family, e.category, e.code) };
        if !entries.windows(2).all(|w| id(&w[0]) < id(&w[1])) {
            return Err(entries);
        }
        let mut catalog = Catalog {
            entries,
            ..Catalog::default()
        };
        catalog.reindex();
        Ok(catalog)
    }

    /// Adds entries; an entry with the same identity as an existing one replaces it.
    pub fn merge(&mut self, entries: Vec<CatalogEntry>) {
        if entries.len() > self.entries.len() {
            // A large file merged into the built-in catalog: the few entries go in front of the
            // many where they lie, rather than 100,000 entries (70 MB) being copied behind a few.
            let mut merged = entries;
            merged.splice(0..0, std::mem::take(&mut self.entries));
            self.entries = merged;
        } else {
            self.entries.reserve_exact(entries.len());
            self.entries.extend(entries);
        }
        self.settle();
    }

    /// Loads a catalog file from disk and merges it in.
    pub fn load_file(&mut self, path: &Path) -> Result<(), CatalogError> {
        let entries = read_catalog_file(path)?;
        self.merge(entries);
        Ok(())
    }

    /// Drops every entry that a later one with the same identity replaces, puts the rest in
    /// catalog order and rebuilds the look-up tables. Works in place: at 100,000 entries a second
    /// vector of entries would be tens of megabytes.
    fn settle(&mut self) {
        let id = |e: &CatalogEntry| -> EntryId { (e.family, e.category, e.code) };
        let mut last: HashMap<EntryId, usize> =
            HashMap::with_capacity_and_hasher(self.entries.len(), Default::default());
        for (i, e) in self.entries.iter().enumerate() {
            last.insert(id(e), i);
        }
        if last.len() < self.entries.len() {
            let mut i = 0;
            self.entries.retain(|e| {
                let keep = last.get(&id(e)) == Some(&i);
                i += 1;
                keep
            });
        }
        // Files are usually written in catalog order already; sorting 100,000 large entries is not free.
        if !self.entries.is_sorted_by_key(id) {
            self.entries.sort_unstable_by_key(id);
        }
        self.reindex();
    }

    fn reindex(&mut self) {
        self.by_code.clear();
        self.by_code.reserve(self.entries.len());
        for (i, entry) in self.entries.iter().enumerate() {
            self.by_code.entry(entry.code).or_default().push(i);
        }
        self.tables = OnceLock::new();
    }

    fn tables(&self) -> &Tables {
        self.tables.get_or_init(|| Tables::new(&self.entries))
    }

    /// Builds the look-up tables now rather than on first use (a caller with a spare thread).
    pub fn prepare_lookups(&self) {
        self.tables();
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

    /// Indices of the entries with this numeric code (in any family and category).
    pub fn indices_by_code(&self, code: i64) -> &[usize] {
        self.by_code.get(&code).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Indices of the entries whose key or alias is `name` (ASCII case-insensitive).
    pub fn indices_by_name(&self, name: &str) -> &[usize] {
        self.tables()
            .by_name
            .get(&name.to_ascii_uppercase())
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The entry a `related` reference names, seen from an entry of `family`: `0x4001` in the same
    /// family, or `web5:5400` in another.
    pub fn resolve_reference(&self, family: Family, reference: &str) -> Option<usize> {
        let (family, display) = match reference.split_once(':') {
            Some((f, d)) => (Family::parse(f)?, d),
            None => (family, reference),
        };
        self.tables()
            .by_display
            .get(&(family, display.trim().to_ascii_uppercase()))
            .copied()
    }

    /// The entry whose display form is `display` in `family`.
    pub fn find(&self, family: Family, display: &str) -> Option<&CatalogEntry> {
        self.resolve_reference(family, display)
            .map(|i| &self.entries[i])
    }

    /// The entry a display form names, preferring 4.x (the tests' and the seed's family) when
    /// several families share the number.
    pub fn find_display(&self, display: &str) -> Option<&CatalogEntry> {
        Family::ALL.into_iter().find_map(|f| self.find(f, display))
    }

    /// Entries that list entry `index` as related.
    pub fn referenced_by(&self, index: usize) -> &[usize] {
        self.tables()
            .referenced_by
            .get(index)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The index of an entry (it must be one of this catalog's).
    pub fn index_of(&self, entry: &CatalogEntry) -> Option<usize> {
        self.tables()
            .by_display
            .get(&(entry.family, entry.display.to_ascii_uppercase()))
            .copied()
    }
}

impl Tables {
    fn new(entries: &[CatalogEntry]) -> Tables {
        let n = entries.len();
        let mut by_name: HashMap<String, Vec<usize>> =
            HashMap::with_capacity_and_hasher(n, Default::default());
        let mut by_display: HashMap<(Family, String), usize> =
            HashMap::with_capacity_and_hasher(n, Default::default());
        for (i, entry) in entries.iter().enumerate() {
            by_display.insert((entry.family, entry.display.to_ascii_uppercase()), i);
            for name in entry.names() {
                let slot = by_name.entry(name.to_ascii_uppercase()).or_default();
                if !slot.contains(&i) {
                    slot.push(i);
                }
            }
        }
        let mut referenced_by = vec![Vec::new(); n];
        // One key reused for every look-up: 100,000 entries have ~150,000 references.
        let mut key = (Family::default(), String::new());
        for (i, entry) in entries.iter().enumerate() {
            for reference in &entry.related {
                let (family, display) = match reference.split_once(':') {
                    Some((f, d)) => match Family::parse(f) {
                        Some(f) => (f, d),
                        None => continue,
                    },
                    None => (entry.family, reference.as_str()),
                };
                key.0 = family;
                key.1.clear();
                key.1.push_str(display.trim());
                key.1.make_ascii_uppercase();
                if let Some(&target) = by_display.get(&key) {
                    if target != i && !referenced_by[target].contains(&i) {
                        referenced_by[target].push(i);
                    }
                }
            }
        }
        Tables {
            by_name,
            by_display,
            referenced_by,
        }
    }
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
    fn the_built_in_blob_is_the_toml_parsed() {
        let mut parsed = Vec::new();
        for (name, text) in BUILTIN_CATALOGS {
            parsed.extend(parse_catalog(text, name).unwrap());
        }
        assert_eq!(
            Catalog::from_entries(parsed).entries(),
            Catalog::builtin().unwrap().entries()
        );
    }

    #[test]
    fn entries_survive_encoding_and_damage_is_refused() {
        let entries = Catalog::builtin().unwrap().entries().to_vec();
        let bytes = codec::encode_parts(&entries).concat();
        assert_eq!(codec::decode_entries(&bytes).unwrap(), entries);
        // Every truncation, and a flipped byte in the counts and lengths, is an error, not a panic.
        for cut in (0..bytes.len()).step_by(97) {
            assert!(
                codec::decode_entries(&bytes[..cut]).is_err(),
                "cut at {cut}"
            );
        }
        for at in 0..64 {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0xff;
            let _ = codec::decode_entries(&damaged);
        }
    }

    #[test]
    fn display_forms() {
        let d = CatalogEntry::display_code;
        assert_eq!(d(Family::Web4, Category::Sdk, 0x4004), "0x4004");
        assert_eq!(d(Family::Web4, Category::Sdk, 0x404a), "0x404A");
        assert_eq!(d(Family::Web4, Category::Account, 70001), "70001");
        assert_eq!(d(Family::Web4, Category::Account, -8), "-8");
        assert_eq!(d(Family::Web5, Category::Sdk, 5000), "5000");
        assert_eq!(d(Family::Native, Category::Error, -3301), "-3301");
    }

    #[test]
    fn later_entry_replaces_same_identity() {
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
        let c = parse_catalog(
            "[[entry]]\nfamily='web5'\ncategory='sdk'\ncode=1\ndescription_zh='c'\nsource='y'\n",
            "c",
        )
        .unwrap();
        let catalog = Catalog::from_entries(a.into_iter().chain(b).chain(c).collect());
        assert_eq!(
            catalog.len(),
            2,
            "same number in another family is another entry"
        );
        assert_eq!(catalog.entries()[0].description_zh, "b");
        assert_eq!(catalog.entries()[1].family, Family::Web5);
    }

    #[test]
    fn references_resolve_within_and_across_families() {
        let catalog = Catalog::builtin().unwrap();
        let join = catalog.resolve_reference(Family::Web4, "0x4004").unwrap();
        assert_eq!(
            catalog.entries()[join].key.as_deref(),
            Some("JOIN_ROOM_FAILED")
        );
        assert_eq!(
            catalog.resolve_reference(Family::Native, "web4:0x4004"),
            Some(join)
        );
        assert_eq!(catalog.resolve_reference(Family::Web4, "nosuch:1"), None);
    }
}

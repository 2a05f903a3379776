//! The error-code catalog: the entry model, loading + validating catalog TOML files, and the
//! look-up tables every surface uses (by code, by name, by display form, and who refers to whom).
//!
//! The built-in catalogs (`assets/*.toml`, one per SDK family) are compiled into the binary;
//! `--catalog FILE` and the config directory add more files in the same format. An entry with the
//! same family, category and code as an earlier one replaces it, so a user file can correct or
//! extend the built-in data.

use std::borrow::Cow;
use std::path::Path;
use std::sync::OnceLock;

pub mod stored;

use stored::{Section, StoredCatalog};
use trtc_catalog::lookups::{back_references, resolve_with};

/// The look-up tables hash with foldhash: 100,000 entries are indexed at every start.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

pub use trtc_catalog::{
    archive, defined_in, key_in, line_column, parse_catalog, parse_catalog_json, read_catalog_file,
    Carrier, CatalogEntry, CatalogError, Category, CodeRef, EntryId, Family, FieldProblem,
    Localized, Problem, Rename, Scope, SdkVersion, Sign, VersionRange, WrittenVersion,
    BUILTIN_NAME, MAX_FIELD_BYTES, MAX_FILE_BYTES, MAX_LIST_ITEMS,
};

// `BUILTIN_CATALOGS`: the built-in catalogs as TOML, (name in messages, text), for the tests
// that check the data; the program reads [`BUILTIN_ENTRIES`]. build.rs writes the list from
// `trtc_catalog::BUILTIN_FILES`.
include!(concat!(env!("OUT_DIR"), "/builtin_sources.rs"));

/// Bytes included at the archive's alignment (`include_bytes!` alone guarantees none).
#[repr(C, align(16))]
struct Aligned<T: ?Sized>(T);

static ENTRIES: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(
    env!("OUT_DIR"),
    "/builtin-entries.rkyv"
)));
static LOOKUPS: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(
    env!("OUT_DIR"),
    "/builtin-lookups.rkyv"
)));

/// The built-in catalogs as build.rs parsed, validated and settled them, stored as a cache file
/// stores users' catalogs (`trtc_catalog::lookups::store`): the entries, each archived on its
/// own, and their look-up tables. They are read in place, one entry at a time.
pub static BUILTIN_ENTRIES: &[u8] = &ENTRIES.0;
pub static BUILTIN_LOOKUPS: &[u8] = &LOOKUPS.0;

/// The loaded catalog, in catalog order: by family, category, then code. Its entries are either
/// owned (parsed, and merged with the built-in ones) or read in place from the built-in archive
/// or the cache ([`stored`]): then `get` reads one entry and `entries` all of them, each on first
/// use.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    entries: Vec<CatalogEntry>,
    by_code: HashMap<i64, Vec<usize>>,
    /// Built on first use: `search` over 100,000 entries needs none of them, and building them is
    /// a third of loading such a catalog from the cache.
    tables: OnceLock<Tables>,
    /// Set for a catalog read in place; `entries` and the tables above are then unused.
    stored: Option<StoredCatalog>,
    /// For each per-SDK row that is a server code, its server entry: built on first use from the
    /// server entries alone (a few dozen), so a catalog read in place reads only those.
    server_heads: OnceLock<ServerHeads>,
}

/// Which entries are one server code: each member's server entry, and a bit per entry that is
/// in such a group (a head with members, or a member), so that grouping 100,000 hits asks a
/// bitset rather than the entries.
#[derive(Debug, Clone, Default)]
struct ServerHeads {
    head_of: HashMap<usize, usize>,
    grouped: Vec<u64>,
}

/// The look-up tables by name and identity, and who refers to whom.
#[derive(Debug, Clone, Default)]
struct Tables {
    by_name: HashMap<String, Vec<usize>>,
    by_id: HashMap<EntryId, usize>,
    /// For each entry, the entries whose `related` names it.
    referenced_by: Vec<Vec<usize>>,
}

impl Catalog {
    /// The built-in catalogs, read in place: opening them checks the look-up tables (bytecheck
    /// and every number in them), and each entry is checked (digest, bytecheck) when first read,
    /// as a cache file's are. build.rs made them, so failure here is a build defect.
    pub fn builtin() -> Result<Catalog, CatalogError> {
        Section::of_static(BUILTIN_ENTRIES)
            .zip(Section::of_static(BUILTIN_LOOKUPS))
            .and_then(|(entries, lookups)| StoredCatalog::open(entries, lookups))
            .map(Catalog::from_stored)
            .ok_or_else(|| CatalogError::BuiltinDamaged {
                path: BUILTIN_NAME.to_string(),
            })
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

    /// A catalog read in place (see [`stored`]).
    pub fn from_stored(stored: StoredCatalog) -> Catalog {
        Catalog {
            stored: Some(stored),
            ..Catalog::default()
        }
    }

    /// Is this catalog read in place from the cache?
    pub fn is_stored(&self) -> bool {
        self.stored.is_some()
    }

    /// A stored catalog about to change becomes an owned one.
    fn own(&mut self) {
        if let Some(stored) = self.stored.take() {
            self.entries = stored.entries().to_vec();
            self.reindex();
        }
    }

    /// Adds entries; an entry with the same identity as an existing one replaces it.
    pub fn merge(&mut self, entries: Vec<CatalogEntry>) {
        self.merge_all([entries]);
    }

    /// Adds several files' entries at once, later ones replacing earlier ones with the same
    /// identity. The catalog is settled (sorted, tables rebuilt) once for all of them: settling
    /// after each of 100,000 small files re-sorted the whole catalog each time.
    pub fn merge_all(&mut self, files: impl IntoIterator<Item = Vec<CatalogEntry>>) {
        self.own();
        for entries in files {
            if entries.len() > self.entries.len() {
                // A large file merged into the built-in catalog: the few entries go in front of
                // the many where they lie, rather than 100,000 entries being copied behind a few.
                let mut merged = entries;
                merged.splice(0..0, std::mem::take(&mut self.entries));
                self.entries = merged;
            } else {
                self.entries.extend(entries);
            }
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
        let mut last: HashMap<EntryId, usize> =
            HashMap::with_capacity_and_hasher(self.entries.len(), Default::default());
        for (i, e) in self.entries.iter().enumerate() {
            last.insert(e.id(), i);
        }
        if last.len() < self.entries.len() {
            let mut i = 0;
            self.entries.retain(|e| {
                let keep = last.get(&e.id()) == Some(&i);
                i += 1;
                keep
            });
        }
        // Files are usually written in catalog order already; sorting 100,000 large entries is not free.
        if !self.entries.is_sorted_by_key(CatalogEntry::id) {
            self.entries.sort_unstable_by_key(CatalogEntry::id);
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
        self.server_heads = OnceLock::new();
    }

    fn tables(&self) -> &Tables {
        self.tables.get_or_init(|| Tables::new(&self.entries))
    }

    /// Builds the look-up tables now rather than on first use (a caller with a spare thread). A
    /// stored catalog has them archived already.
    pub fn prepare_lookups(&self) {
        if self.stored.is_none() {
            self.tables();
        }
    }

    /// Every entry. A stored catalog reads them all on the first call (on every core): callers
    /// that need a few use [`get`](Self::get).
    pub fn entries(&self) -> &[CatalogEntry] {
        match &self.stored {
            Some(stored) => stored.entries(),
            None => &self.entries,
        }
    }

    pub fn len(&self) -> usize {
        match &self.stored {
            Some(stored) => stored.len(),
            None => self.entries.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Entry `index`; a stored catalog reads only this one.
    pub fn get(&self, index: usize) -> Option<&CatalogEntry> {
        match &self.stored {
            Some(stored) => stored.get(index),
            None => self.entries.get(index),
        }
    }

    /// Entry `index` for one use (which must be one of this catalog's): a stored catalog reads
    /// it without keeping it, so that going once through many entries holds one at a time.
    pub fn entry_once(&self, index: usize) -> Cow<'_, CatalogEntry> {
        let entry = match &self.stored {
            Some(stored) => stored.read_once(index),
            None => self.entries.get(index).map(Cow::Borrowed),
        };
        match entry {
            Some(entry) => entry,
            None => panic!("entry {index} of a catalog of {}", self.len()),
        }
    }

    /// Entry `index`, which must be one of this catalog's (an index from its look-ups or hits);
    /// like slice indexing, anything else is a defect and panics. A stored catalog reads only it.
    pub fn entry(&self, index: usize) -> &CatalogEntry {
        match self.get(index) {
            Some(entry) => entry,
            None => panic!("entry {index} of a catalog of {}", self.len()),
        }
    }

    /// Entry `index`'s key in display columns, 0 without one (a stored catalog answers without
    /// reading the entry).
    pub fn key_width(&self, index: usize) -> usize {
        match &self.stored {
            Some(stored) if index < stored.len() => stored.key_width(index),
            Some(_) => 0,
            None => self
                .entries
                .get(index)
                .map_or(0, |e| usize::from(trtc_catalog::lookups::key_width(e))),
        }
    }

    /// The identity of entry `index` (a stored catalog answers without reading the entry).
    pub fn id(&self, index: usize) -> Option<EntryId> {
        match &self.stored {
            Some(stored) => (index < stored.len()).then(|| stored.id(index)),
            None => self.entries.get(index).map(CatalogEntry::id),
        }
    }

    /// Does `scope` admit entry `index`? A stored catalog reads the entry only for a version.
    pub fn admits(&self, index: usize, scope: Scope) -> bool {
        if scope.is_everything() {
            return index < self.len();
        }
        match &self.stored {
            Some(stored) => index < stored.len() && stored.admits(index, scope),
            None => self.entries.get(index).is_some_and(|e| scope.admits(e)),
        }
    }

    /// Indices of the entries with this numeric code (in any family and category).
    pub fn indices_by_code(&self, code: i64) -> Cow<'_, [usize]> {
        match &self.stored {
            Some(stored) => stored.indices_by_code(code),
            None => Cow::Borrowed(self.by_code.get(&code).map(Vec::as_slice).unwrap_or(&[])),
        }
    }

    /// Indices of the entries whose key or alias is `name` (ASCII case-insensitive).
    pub fn indices_by_name(&self, name: &str) -> Cow<'_, [usize]> {
        if let Some(stored) = &self.stored {
            return stored.indices_by_name(name);
        }
        Cow::Borrowed(
            self.tables()
                .by_name
                .get(&name.to_ascii_uppercase())
                .map(Vec::as_slice)
                .unwrap_or(&[]),
        )
    }

    /// The entry a reference names.
    pub fn resolve(&self, reference: &CodeRef) -> Option<usize> {
        match &self.stored {
            Some(stored) => resolve_with(reference, |id| stored.index_of_id(id)),
            None => self.tables().resolve(reference),
        }
    }

    /// The entry a reference written as text names, seen from an entry of `family`: `0x4001` in
    /// the same family, or `web5:5400` in another.
    pub fn resolve_reference(&self, family: Family, reference: &str) -> Option<usize> {
        self.resolve(&CodeRef::parse(family, reference)?)
    }

    /// The entry whose display form is `display` in `family`.
    pub fn find(&self, family: Family, display: &str) -> Option<&CatalogEntry> {
        self.resolve_reference(family, display)
            .and_then(|i| self.get(i))
    }

    /// The entry a display form names, preferring 4.x (the tests' and the seed's family) when
    /// several families share the number.
    pub fn find_display(&self, display: &str) -> Option<&CatalogEntry> {
        Family::ALL.into_iter().find_map(|f| self.find(f, display))
    }

    /// Entries that list entry `index` as related.
    pub fn referenced_by(&self, index: usize) -> Cow<'_, [usize]> {
        if let Some(stored) = &self.stored {
            return stored.referenced_by(index);
        }
        Cow::Borrowed(
            self.tables()
                .referenced_by
                .get(index)
                .map(Vec::as_slice)
                .unwrap_or(&[]),
        )
    }

    /// The server entry whose `members` name entry `index` (web4 70001 → server 70001).
    pub fn server_code_of(&self, index: usize) -> Option<usize> {
        self.server_heads().head_of.get(&index).copied()
    }

    /// Is entry `index` one server code with other entries (a server entry with members, or a
    /// member)? Answered from a bitset, without reading the entry.
    pub fn in_server_group(&self, index: usize) -> bool {
        let grouped = &self.server_heads().grouped;
        grouped
            .get(index / 64)
            .is_some_and(|word| word & (1 << (index % 64)) != 0)
    }

    fn server_heads(&self) -> &ServerHeads {
        self.server_heads.get_or_init(|| {
            let mut heads = ServerHeads {
                head_of: HashMap::default(),
                grouped: vec![0; self.len().div_ceil(64)],
            };
            let mut mark = |i: usize| {
                if let Some(word) = heads.grouped.get_mut(i / 64) {
                    *word |= 1 << (i % 64);
                }
            };
            let servers =
                (0..self.len()).filter(|&i| self.id(i).is_some_and(|id| id.0 == Family::Server));
            for head in servers {
                let members = self.members_of(head);
                if !members.is_empty() {
                    mark(head);
                }
                for &member in &members {
                    mark(member);
                    heads.head_of.insert(member, head);
                }
            }
            heads
        })
    }

    /// The per-SDK rows a server entry names as the same code, those the catalog holds.
    pub fn members_of(&self, index: usize) -> Vec<usize> {
        self.get(index)
            .map(|e| e.members.iter().filter_map(|m| self.resolve(m)).collect())
            .unwrap_or_default()
    }

    /// The index of an entry (it must be one of this catalog's).
    pub fn index_of(&self, entry: &CatalogEntry) -> Option<usize> {
        match &self.stored {
            Some(stored) => stored.index_of_id(entry.id()),
            None => self.tables().by_id.get(&entry.id()).copied(),
        }
    }
}

impl Tables {
    fn new(entries: &[CatalogEntry]) -> Tables {
        let n = entries.len();
        let mut by_name: HashMap<String, Vec<usize>> =
            HashMap::with_capacity_and_hasher(n, Default::default());
        let mut by_id: HashMap<EntryId, usize> =
            HashMap::with_capacity_and_hasher(n, Default::default());
        for (i, entry) in entries.iter().enumerate() {
            by_id.insert(entry.id(), i);
            for name in entry.names() {
                let slot = by_name.entry(name.to_ascii_uppercase()).or_default();
                if !slot.contains(&i) {
                    slot.push(i);
                }
            }
        }
        let referenced_by = back_references(entries, |id| by_id.get(&id).copied());
        Tables {
            by_name,
            by_id,
            referenced_by,
        }
    }

    fn resolve(&self, reference: &CodeRef) -> Option<usize> {
        resolve_with(reference, |id| self.by_id.get(&id).copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_loads_in_place() {
        let catalog = Catalog::builtin().unwrap();
        assert!(catalog.len() >= 72);
        assert!(
            catalog.is_stored(),
            "read where build.rs stored it, not copied out"
        );
        let join = catalog.indices_by_name("join_room_failed");
        assert_eq!(catalog.entry(join[0]).display(), "0x4004");
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
    fn entries_survive_archiving_and_damage_is_refused() {
        let entries = Catalog::builtin().unwrap().entries().to_vec();
        let bytes = archive::to_bytes(&entries).unwrap();
        assert_eq!(archive::entries(&bytes).unwrap(), entries);
        // A truncation or damage anywhere is an error or some other valid archive, never a panic
        // and never these entries. (An archive's root sits at its end, so a prefix can be valid:
        // the cache's framing records the length and a checksum.)
        for cut in (0..bytes.len()).step_by(bytes.len() / 89) {
            let mut cut_bytes = rkyv::util::AlignedVec::<16>::new();
            cut_bytes.extend_from_slice(&bytes[..cut]);
            assert!(
                archive::entries(&cut_bytes).map_or(true, |e| e != entries),
                "cut at {cut}"
            );
        }
        for at in (0..bytes.len()).step_by(bytes.len() / 89) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0xff;
            let _ = archive::entries(&damaged);
        }
    }

    #[test]
    fn merging_many_files_settles_once_and_later_files_win() {
        let file = |code: i64, text: &str| {
            parse_catalog(
                &format!("[[entry]]\ncategory='account'\ncode={code}\ndescription_zh='{text}'\nsource='x'\n"),
                "f",
            )
            .unwrap()
        };
        let mut catalog = Catalog::builtin().unwrap();
        let before = catalog.len();
        catalog.merge_all((0..2000).map(|i| file(900_000 + i % 1000, &format!("v{i}"))));
        assert_eq!(catalog.len(), before + 1000);
        let last = catalog.find(Family::Web4, "900999").unwrap();
        assert_eq!(last.description.zh, "v1999");
        assert!(catalog.entries().windows(2).all(|w| w[0].id() < w[1].id()));
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
        assert_eq!(catalog.entries()[0].description.zh, "b");
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

    #[test]
    fn a_version_admits_what_it_defines_under_its_spelling() {
        let catalog = Catalog::builtin().unwrap();
        let old = Scope {
            version: SdkVersion::parse("4.5.0"),
            ..Scope::default()
        };
        let e4001 = catalog.find_display("0x4001").unwrap();
        assert!(old.admits(e4001));
        assert_eq!(
            key_in(e4001, SdkVersion::parse("4.5.0").unwrap()),
            Some("SIGNAL_CAHNNEL_SETUP_FAILED")
        );
        assert_eq!(
            key_in(e4001, SdkVersion::parse("4.6.1").unwrap()),
            Some("SIGNAL_CHANNEL_SETUP_FAILED")
        );
        // INITIALIZE_FAILED arrived in 4.11.13.
        assert!(!old.admits(catalog.find_display("0x1004").unwrap()));
    }
}

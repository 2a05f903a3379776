//! A catalog read in place from the bytes of a cache file: the entries stay archived, and the
//! look-up tables (by code, by name, by identity, who refers to whom) are archived beside them,
//! so `show CODE` at 100,000 entries reads a binary search and the one entry it prints.
//!
//! The cache checked its header and the tables' checksum (and that the file is ours) before
//! handing the bytes over; here the tables are validated with bytecheck once, when the catalog is
//! opened, and each entry when it is first read: its own checksum (kept in the tables), then
//! bytecheck. An entry's bytes are never believed unchecked, and `show CODE` checks the one entry
//! it prints instead of the whole file.

use std::borrow::Cow;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use rkyv::rancor::Error;
use rkyv::util::AlignedVec;
use trtc_catalog::lookups::ArchivedLookups;

use super::{archive, CatalogEntry, Category, EntryId, Family, Scope};

/// The bytes a stored catalog or index is read from: a memory-mapped cache file, the built-in
/// catalogs compiled into the binary, or an archive made in memory (a catalog just parsed, the
/// tests).
#[derive(Debug)]
pub enum Backing {
    /// A cache file: mapped, open (to copy a piece out without mapping it) and where it lies
    /// (removed when found damaged).
    Mapped {
        map: memmap2::Mmap,
        file: std::fs::File,
        path: PathBuf,
    },
    Static(&'static [u8]),
    Owned(AlignedVec<{ archive::ALIGN }>),
}

impl Backing {
    fn bytes(&self) -> &[u8] {
        match self {
            Backing::Mapped { map, .. } => map,
            Backing::Static(bytes) => bytes,
            Backing::Owned(bytes) => bytes,
        }
    }

    /// Gives this process's copies of the mapped pages in `range` back; they are read again from
    /// the file (the page cache, usually) if touched later.
    fn release(&self, range: Range<usize>) {
        #[cfg(target_os = "linux")]
        if let Backing::Mapped { map, .. } = self {
            // SAFETY: the map is a read-only file mapping: after MADV_DONTNEED its pages read the
            // same file bytes again, so no reference into it sees different data.
            let _ = unsafe {
                map.unchecked_advise_range(
                    memmap2::UncheckedAdvice::DontNeed,
                    range.start,
                    range.len(),
                )
            };
        }
        #[cfg(not(target_os = "linux"))]
        let _ = range;
    }

    /// Damage was found in these bytes after they were opened: a cache file is removed, so the
    /// next start parses the catalogs again and writes a good one. (Another process may have
    /// renamed a fresh file into place meanwhile; removing that one costs only a rebuild.)
    fn discard(&self) {
        if let Backing::Mapped { path, .. } = self {
            let _ = std::fs::remove_file(path);
        }
    }

    /// The bytes in `range` copied out of a cache file with `pread`, aligned for reading an
    /// archive from; `None` for bytes in memory (borrow them) or when the read fails. A mapped
    /// read of one entry maps the whole page-cache folio it lies in (2 MiB on a recent kernel),
    /// so printing 50,000 hits through the map held the whole 88 MB entries archive; a copy
    /// holds one entry.
    fn copy(&self, range: Range<usize>) -> Option<AlignedVec<{ archive::ALIGN }>> {
        #[cfg(unix)]
        if let Backing::Mapped { file, .. } = self {
            use std::os::unix::fs::FileExt;
            let mut out = AlignedVec::<{ archive::ALIGN }>::with_capacity(range.len());
            out.resize(range.len(), 0);
            file.read_exact_at(&mut out, range.start as u64).ok()?;
            return Some(out);
        }
        let _ = range;
        None
    }
}

/// One section of a [`Backing`], starting at an address aligned to [`archive::ALIGN`].
#[derive(Debug, Clone)]
pub struct Section {
    backing: Arc<Backing>,
    range: Range<usize>,
    /// The xxh3 digest the bytes must have, when they were stored with one (a cache's index).
    digest: Option<u64>,
}

impl Section {
    /// `None` unless `range` lies inside the backing and starts aligned.
    pub fn new(backing: Arc<Backing>, range: Range<usize>) -> Option<Section> {
        let bytes = backing.bytes();
        let fits = range.start <= range.end && range.end <= bytes.len();
        let aligned =
            fits && (bytes[range.start..].as_ptr() as usize).is_multiple_of(archive::ALIGN);
        aligned.then_some(Section {
            backing,
            range,
            digest: None,
        })
    }

    /// The same section, to be believed only when its bytes hash to `digest` ([`Self::intact`]).
    pub fn with_digest(self, digest: u64) -> Section {
        Section {
            digest: Some(digest),
            ..self
        }
    }

    /// Do the bytes match the digest they were stored with (always, when there is none)? A
    /// mismatch discards the cache file they came from.
    pub fn intact(&self) -> bool {
        let intact = self
            .digest
            .is_none_or(|d| xxhash_rust::xxh3::xxh3_64(self.bytes()) == d);
        if !intact {
            self.backing.discard();
        }
        intact
    }

    /// A whole archive compiled into the binary; `None` unless it starts aligned.
    pub fn of_static(bytes: &'static [u8]) -> Option<Section> {
        Section::new(Arc::new(Backing::Static(bytes)), 0..bytes.len())
    }

    /// A whole archive made in memory.
    pub fn owned(bytes: AlignedVec<{ archive::ALIGN }>) -> Section {
        let range = 0..bytes.len();
        Section {
            backing: Arc::new(Backing::Owned(bytes)),
            range,
            digest: None,
        }
    }

    pub fn bytes(&self) -> &[u8] {
        &self.backing.bytes()[self.range.clone()]
    }

    /// Gives this process's copies of a mapped section's pages back (see [`Backing::release`]);
    /// nothing for bytes in memory.
    pub fn release(&self) {
        self.backing.release(self.range.clone());
    }

    /// `range` (relative to the section) copied out of a cache file ([`Backing::copy`]).
    fn copy(&self, range: Range<usize>) -> Option<AlignedVec<{ archive::ALIGN }>> {
        let start = self.range.start + range.start;
        let end = self.range.start + range.end;
        (end <= self.range.end)
            .then(|| self.backing.copy(start..end))
            .flatten()
    }
}

/// Catalogs with fewer entries are read out on one thread.
const PARALLEL_FROM: usize = 4096;

/// A catalog whose entries and tables are read in place.
#[derive(Debug, Clone)]
pub struct StoredCatalog {
    entries: Section,
    lookups: Section,
    /// Entries read one at a time, each on first use.
    one: Arc<[OnceLock<Box<CatalogEntry>>]>,
    /// Every entry, once something needs them all (the browser, `list`, `explain`'s templates).
    all: Arc<OnceLock<Vec<CatalogEntry>>>,
}

impl StoredCatalog {
    /// Validates the tables (bytecheck, then every number they hold against the catalog's
    /// size) and opens the catalog. `None` when anything is off: the caller rebuilds the cache.
    pub fn open(entries: Section, lookups: Section) -> Option<StoredCatalog> {
        let tables = rkyv::access::<ArchivedLookups, Error>(lookups.bytes()).ok()?;
        let n = tables.spans.len();
        let in_range = |i: u32| (i as usize) < n;
        let believable = tables.digests.len() == n
            && tables.families.len() == n
            && tables.categories.len() == n
            && tables.codes.len() == n
            && tables.key_widths.len() == n
            && tables.referenced_by.len() == n
            && tables.by_code.len() == n
            && tables
                .families
                .iter()
                .all(|&f| usize::from(f) < Family::EVERY.len())
            && tables
                .categories
                .iter()
                .all(|&c| usize::from(c) < Category::ALL.len())
            && tables.spans.iter().all(|s| {
                let (start, end) = (s.0.to_native() as usize, s.1.to_native() as usize);
                start <= end && end <= entries.bytes().len() && start.is_multiple_of(archive::ALIGN)
            })
            && tables.by_code.iter().all(|p| in_range(p.1.to_native()))
            && tables.by_name.iter().all(|p| in_range(p.1.to_native()))
            && tables
                .referenced_by
                .iter()
                .flat_map(|r| r.iter())
                .all(|i| in_range(i.to_native()))
            && tables
                .by_code
                .windows(2)
                .all(|w| (w[0].0, w[0].1) <= (w[1].0, w[1].1))
            && tables
                .by_name
                .windows(2)
                .all(|w| (w[0].0.as_str(), w[0].1) <= (w[1].0.as_str(), w[1].1));
        if !believable {
            return None;
        }
        let sorted = (1..n).all(|i| Self::id_in(tables, i - 1) < Self::id_in(tables, i));
        sorted.then(|| StoredCatalog {
            entries,
            lookups,
            one: (0..n).map(|_| OnceLock::new()).collect(),
            all: Arc::new(OnceLock::new()),
        })
    }

    fn tables(&self) -> &ArchivedLookups {
        // SAFETY: `open` validated these bytes with bytecheck, and a `Section` never changes.
        unsafe { rkyv::access_unchecked::<ArchivedLookups>(self.lookups.bytes()) }
    }

    fn id_in(tables: &ArchivedLookups, i: usize) -> EntryId {
        (
            Family::EVERY[usize::from(tables.families[i])],
            Category::ALL[usize::from(tables.categories[i])],
            tables.codes[i].to_native(),
        )
    }

    pub fn len(&self) -> usize {
        self.one.len()
    }

    pub fn is_empty(&self) -> bool {
        self.one.is_empty()
    }

    pub fn id(&self, index: usize) -> EntryId {
        Self::id_in(self.tables(), index)
    }

    /// Entry `index`'s key in display columns, from the tables.
    pub fn key_width(&self, index: usize) -> usize {
        usize::from(self.tables().key_widths[index].to_native())
    }

    /// Entry `index`, read (validated and copied out) on first use.
    pub fn get(&self, index: usize) -> Option<&CatalogEntry> {
        if let Some(all) = self.all.get() {
            return all.get(index);
        }
        let slot = self.one.get(index)?;
        Some(slot.get_or_init(|| Box::new(self.read_copied(index))))
    }

    /// Entry `index` for one use: read (checked and copied out) without being kept, unless it
    /// is kept already. What printing 50,000 rows uses, so as not to hold 50,000 entries.
    pub fn read_once(&self, index: usize) -> Option<Cow<'_, CatalogEntry>> {
        if let Some(all) = self.all.get() {
            return all.get(index).map(Cow::Borrowed);
        }
        let slot = self.one.get(index)?;
        Some(match slot.get() {
            Some(kept) => Cow::Borrowed(&**kept),
            None => Cow::Owned(self.read_copied(index)),
        })
    }

    /// Entry `index` from a copy of its bytes when they lie in a cache file, else in place: one
    /// entry read through the map would map the whole page-cache folio it lies in (2 MiB on a
    /// recent kernel), so 20 entries explained held 40 MB of the file ([`Backing::copy`]).
    fn read_copied(&self, index: usize) -> CatalogEntry {
        match self.entries.copy(self.span(index)) {
            Some(bytes) => self.read_from(index, &bytes),
            None => self.read(index),
        }
    }

    /// Every entry, read on first use (on every core when there are many: for the few hundred
    /// built-in ones, starting the thread pool would cost more than reading them).
    pub fn entries(&self) -> &[CatalogEntry] {
        self.all.get_or_init(|| {
            if self.len() < PARALLEL_FROM {
                (0..self.len()).map(|i| self.read(i)).collect()
            } else {
                (0..self.len())
                    .into_par_iter()
                    .map(|i| self.read(i))
                    .collect()
            }
        })
    }

    /// Reads entry `index` from the archive, once its bytes match their digest and pass
    /// bytecheck. A damaged entry reads as a note saying so, and the cache file is removed so
    /// that the next start rebuilds it (nothing panics, nothing unchecked is used).
    fn read(&self, index: usize) -> CatalogEntry {
        self.read_from(index, &self.entries.bytes()[self.span(index)])
    }

    /// Entry `index`'s byte range in the entries archive (`open` checked it lies inside).
    fn span(&self, index: usize) -> Range<usize> {
        let span = &self.tables().spans[index];
        span.0.to_native() as usize..span.1.to_native() as usize
    }

    /// Entry `index` from `bytes`, its archived form (in place, or copied out), once they match
    /// the entry's digest and pass bytecheck; else the note saying it is damaged.
    fn read_from(&self, index: usize, bytes: &[u8]) -> CatalogEntry {
        let tables = self.tables();
        let intact = xxhash_rust::xxh3::xxh3_64(bytes) == tables.digests[index].to_native();
        let read = if intact {
            archive::entry_in(bytes).ok()
        } else {
            None
        };
        read.unwrap_or_else(|| {
            self.entries.backing.discard();
            let (family, category, code) = self.id(index);
            CatalogEntry {
                family,
                category,
                code,
                description: super::Localized {
                    zh: "(缓存中的此条目已损坏，缓存已删除：再运行一次即会重新读取目录)".into(),
                    en: Some(
                        "(this entry was damaged in the catalog cache, which is now removed: run the command again to read the catalogs afresh)"
                            .into(),
                    ),
                },
                source: "catalog cache".into(),
                origin: "catalog cache".into(),
                ..CatalogEntry::default()
            }
        })
    }

    /// Does `scope` admit entry `index`? Family and category come from the tables; only a version
    /// needs the entry itself.
    pub fn admits(&self, index: usize, scope: Scope) -> bool {
        let (family, category, _) = self.id(index);
        // A server code is in an SDK's scope when that SDK carries it, and a version scope reads
        // the entry's versions: both are Scope::admits' to judge, on the entry itself.
        if family == Family::Server || scope.version.is_some() {
            return self.get(index).is_some_and(|e| scope.admits(e));
        }
        scope.family.is_none_or(|f| f == family) && scope.category.is_none_or(|c| c == category)
    }

    pub fn indices_by_code(&self, code: i64) -> Cow<'_, [usize]> {
        let table = &self.tables().by_code;
        let start = table.partition_point(|p| p.0.to_native() < code);
        let found = table[start..]
            .iter()
            .take_while(|p| p.0.to_native() == code)
            .map(|p| p.1.to_native() as usize)
            .collect();
        Cow::Owned(found)
    }

    pub fn indices_by_name(&self, name: &str) -> Cow<'_, [usize]> {
        let upper = name.to_ascii_uppercase();
        let table = &self.tables().by_name;
        let start = table.partition_point(|p| p.0.as_str() < upper.as_str());
        let found = table[start..]
            .iter()
            .take_while(|p| p.0.as_str() == upper)
            .map(|p| p.1.to_native() as usize)
            .collect();
        Cow::Owned(found)
    }

    pub fn index_of_id(&self, id: EntryId) -> Option<usize> {
        let tables = self.tables();
        let n = self.len();
        let at = {
            let (mut lo, mut hi) = (0, n);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if Self::id_in(tables, mid) < id {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        (at < n && Self::id_in(tables, at) == id).then_some(at)
    }

    pub fn referenced_by(&self, index: usize) -> Cow<'_, [usize]> {
        let list = self.tables().referenced_by.get(index);
        Cow::Owned(list.map_or_else(Vec::new, |l| {
            l.iter().map(|i| i.to_native() as usize).collect()
        }))
    }
}

//! A cache of parsed, validated catalogs, so a large catalog file is parsed once, not at every start.
//!
//! A cache file holds three rkyv archives: the loaded catalog's entries, their look-up tables (by
//! code, name, identity, references) and the search index. Later starts memory-map the file and
//! read them in place ([`crate::catalog::stored`]): `show CODE` reads one entry, not 100,000.
//!
//! Its name is derived from a key over everything that went into it: the cache format, the crate
//! version, the built-in data and each catalog file's name and [`FileStamp`] (device, inode, size,
//! modification and change times; the content is not read, which at 63 MB was a third of `show`).
//! Any write to a file changes its change time, which no one can set back, so a changed file has
//! another key and a stale cache is never even opened. The hole is the timestamps' granularity
//! (a few milliseconds): a file written twice within one tick at the same size keeps its stamp.
//! So, as git does for "racily clean" files, a file changed less than [`SETTLE`] before it was
//! read is not cached (it is parsed again at the next start), and a file whose stamp moved while
//! it was parsed is not cached either.
//!
//! Nothing in a cache file is believed unchecked, and each part is checked when it is first used:
//! the header must start with the magic and the format and crate versions, name the expected key,
//! have three sections whose lengths fit the file, and match its own xxh3 digest; the look-up
//! tables must match their digest (at open), the search index its digest (when a search first
//! opens it) and each entry its own digest (when it is first read); bytecheck then validates the
//! tables, the index and the entry, and every number in the tables is checked against the
//! catalog's size. A header or tables that fail are no cache: the catalogs are parsed again and
//! the file replaced. An index or an entry found damaged later is not used (the index is built
//! again from the catalog; the entry reads as a note saying so) and the file is removed, so the
//! next start rebuilds it. Files are written to a temporary name and renamed, so a reader never
//! sees half a file.
//!
//! `TRTC_ERRORS_CACHE_DIR` points the cache elsewhere; `TRTC_ERRORS_NO_CACHE=1` turns it off.

use std::fs;
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use xxhash_rust::xxh3::Xxh3;

use crate::catalog::stored::{Backing, Section, StoredCatalog};
use crate::catalog::{archive, Catalog, BUILTIN_LOOKUPS, MAX_FILE_BYTES};

/// Bumped whenever the layout of a cache file or of anything stored in it changes.
pub const FORMAT_VERSION: u32 = 6;
/// A cache file's sections: the entries archive, their look-up tables, the search index.
const SECTIONS: usize = 3;
const MAGIC: &[u8; 8] = b"TRTCERRC";
/// A cache file holds a catalog of at most a few 64 MiB files plus its index.
const MAX_CACHE_BYTES: u64 = 1 << 30;
/// How many cache files (sets of catalogs) are kept.
const KEEP: usize = 4;

/// Identifies one set of loaded catalogs: see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheKey(u64);

impl CacheKey {
    /// The key for catalogs loaded on top of the built-in ones, given as (name in messages,
    /// [`FileStamp::id`]) in load order.
    pub fn new<'a>(files: impl IntoIterator<Item = (&'a str, u64)>) -> CacheKey {
        let mut hasher = Xxh3::new();
        hasher.update(MAGIC);
        hasher.update(&FORMAT_VERSION.to_le_bytes());
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        // The built-in tables hold every built-in entry's digest: they stand for the whole data.
        hasher.update(&xxhash_rust::xxh3::xxh3_64(BUILTIN_LOOKUPS).to_le_bytes());
        for (name, hash) in files {
            hasher.update(&(name.len() as u64).to_le_bytes());
            hasher.update(name.as_bytes());
            hasher.update(&hash.to_le_bytes());
        }
        CacheKey(hasher.digest())
    }

    fn file_name(self) -> String {
        format!("catalog-{:016x}.bin", self.0)
    }
}

/// Where the cache lives: `TRTC_ERRORS_CACHE_DIR`, else the platform cache directory; `None` when
/// `TRTC_ERRORS_NO_CACHE` is set (to anything but `0`) or no cache directory is known.
pub fn cache_dir() -> Option<PathBuf> {
    if std::env::var_os("TRTC_ERRORS_NO_CACHE").is_some_and(|v| v != "0") {
        return None;
    }
    if let Some(dir) = std::env::var_os("TRTC_ERRORS_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let cache = directories::ProjectDirs::from("", "", "trtc-errors")?;
    let home = directories::BaseDirs::new()?;
    usable_platform_dir(cache.cache_dir(), home.home_dir())
}

/// The platform cache directory, unless it would be somewhere unintended: under a relative HOME
/// it would follow the current directory, and under a HOME that does not exist (system users'
/// `/nonexistent`) writing it would create that home, as root anywhere. Then there is no cache;
/// an absolute `XDG_CACHE_HOME` outside the home still counts.
fn usable_platform_dir(cache: &Path, home: &Path) -> Option<PathBuf> {
    let under_home = cache.starts_with(home);
    let home_usable = home.is_absolute() && home.is_dir();
    (cache.is_absolute() && (!under_home || home_usable)).then(|| cache.to_path_buf())
}

/// A file changed less than this long before it is read is not cached: see the module
/// documentation (timestamps are coarser than writes; FAT's are 2 s).
pub const SETTLE: std::time::Duration = std::time::Duration::from_secs(2);

/// What identifies one version of a catalog file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    /// A digest of the device, inode, size and modification and change times.
    pub id: u64,
    pub len: u64,
    /// Was the file last changed at least [`SETTLE`] ago (so a cache keyed by this stamp cannot
    /// be outrun by a write within the same timestamp tick)?
    pub settled: bool,
}

/// The stamp of a catalog file. `None` for anything the loader would refuse (not a regular file,
/// larger than the limit, unreadable): the caller then loads the normal way and reports the
/// loader's error.
#[cfg(unix)]
pub fn stamp_file(path: &Path) -> Option<FileStamp> {
    use std::os::unix::fs::MetadataExt;
    // `metadata` follows a symlink as the loader does; a FIFO or a device is not a regular file.
    let metadata = fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > MAX_FILE_BYTES {
        return None;
    }
    let mut hasher = Xxh3::new();
    for n in [
        metadata.dev(),
        metadata.ino(),
        metadata.size(),
        metadata.mtime() as u64,
        metadata.mtime_nsec() as u64,
        metadata.ctime() as u64,
        metadata.ctime_nsec() as u64,
    ] {
        hasher.update(&n.to_le_bytes());
    }
    let time = |secs: i64, nsecs: i64| -> Option<std::time::Duration> {
        Some(std::time::Duration::new(
            u64::try_from(secs).ok()?,
            u32::try_from(nsecs).ok()?,
        ))
    };
    let changed = time(metadata.mtime(), metadata.mtime_nsec())
        .max(time(metadata.ctime(), metadata.ctime_nsec()));
    // A change time in the future (a clock set back, a network file system) is never settled.
    let settled = changed.is_some_and(|changed| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH + changed)
            .is_ok_and(|age| age >= SETTLE)
    });
    Some(FileStamp {
        id: hasher.digest(),
        len: metadata.len(),
        settled,
    })
}

/// The stamp of a catalog file where no change time is kept: its content hash, read in small
/// pieces (the file is never held in memory).
#[cfg(not(unix))]
pub fn stamp_file(path: &Path) -> Option<FileStamp> {
    use std::io::Read;
    crate::read_limited::check_regular_file(path).ok()?;
    let mut file = open_for_reading(path).ok()?;
    let metadata = file.metadata().ok()?;
    if !metadata.is_file() || metadata.len() > MAX_FILE_BYTES {
        return None;
    }
    let mut hasher = Xxh3::new();
    let mut buffer = vec![0u8; 256 * 1024];
    let mut total = 0u64;
    loop {
        match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(&buffer[..n]);
                total += n as u64;
                if total > MAX_FILE_BYTES {
                    return None;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some(FileStamp {
        id: hasher.digest(),
        len: total,
        settled: true,
    })
}

// As in read_limited: a FIFO swapped in after the check must not block the open.
use crate::read_limited::open_for_reading;

/// A cache file's contents, read in place: the catalog (entries and look-up tables) and the
/// search index's archive.
pub struct Cached {
    pub catalog: Catalog,
    pub index: Section,
}

/// Reads the cache for `key`, memory-mapped: `None` when there is none or it is not believable
/// (see the module documentation). The header and the tables' digests are checked here, and the
/// tables validated as they are opened; each entry is checked when it is first read, and the
/// index (whose section carries its digest) when a search opens it.
pub fn read(dir: &Path, key: CacheKey) -> Option<Cached> {
    let sections = map_sections(&dir.join(key.file_name()), key)?;
    let [entries, lookups, index] = <[Section; SECTIONS]>::try_from(sections).ok()?;
    if !lookups.intact() {
        return None;
    }
    let catalog = Catalog::from_stored(StoredCatalog::open(entries, lookups)?);
    Some(Cached { catalog, index })
}

/// The sections of the cache file at `path`, memory-mapped once the file and its header check out
/// (ours, magic, versions, key, lengths, the header's digest), each with the digest its bytes
/// must have (the entries' digests are per entry, in the tables).
fn map_sections(path: &Path, key: CacheKey) -> Option<Vec<Section>> {
    let file = open_for_reading(path).ok()?;
    // Checked on the open file, so the file mapped is the file checked.
    let metadata = file.metadata().ok()?;
    if !metadata.is_file() || metadata.len() > MAX_CACHE_BYTES || !written_by_us(&metadata) {
        return None;
    }
    // SAFETY: the map is read-only. The file is ours and writable by no one else, and we only ever
    // replace cache files by renaming a new one into place (a reader keeps the old one mapped), so
    // nothing changes these bytes while they are mapped short of our own user rewriting the file
    // in place, which could as well alter the program.
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    if map.len() as u64 != metadata.len() {
        return None;
    }
    let ranges = layout(&map, key)?;
    let backing = Arc::new(Backing::Mapped {
        map,
        file,
        path: path.to_path_buf(),
    });
    ranges
        .into_iter()
        .enumerate()
        .map(|(i, (range, digest))| {
            let section = Section::new(backing.clone(), range)?;
            // The entries are checked one by one against the digests in the tables.
            Some(if i == 0 {
                section
            } else {
                section.with_digest(digest)
            })
        })
        .collect()
}

/// The byte ranges of the sections in a cache file, with the digest each was written with,
/// after its header (magic, format and crate versions, key, section count, lengths) checks out
/// against its own digest and the sections end where the file does.
fn layout(bytes: &[u8], key: CacheKey) -> Option<Vec<(Range<usize>, u64)>> {
    let mut header = Cursor { bytes, at: 0 };
    if header.take(MAGIC.len())? != MAGIC
        || header.number()? != u64::from(FORMAT_VERSION)
        || header.number()? != key.0
    {
        return None;
    }
    let version_len = usize::try_from(header.number()?).ok()?;
    if header.take(version_len)? != env!("CARGO_PKG_VERSION").as_bytes()
        || header.number()? != SECTIONS as u64
    {
        return None;
    }
    let mut sizes = Vec::with_capacity(SECTIONS);
    for _ in 0..SECTIONS {
        let len = usize::try_from(header.number()?).ok()?;
        sizes.push((len, header.number()?));
    }
    let header_end = header.at;
    if header.number()? != xxhash_rust::xxh3::xxh3_64(&bytes[..header_end]) {
        return None;
    }
    let mut ranges = Vec::with_capacity(SECTIONS);
    for (len, digest) in sizes {
        header.take(padding(header.at))?;
        let start = header.at;
        header.take(len)?;
        ranges.push((start..start + len, digest));
    }
    (header.at == bytes.len()).then_some(ranges)
}

/// Reads a cache file's header and sections front to back, never past its end.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len())?;
        let piece = &self.bytes[self.at..end];
        self.at = end;
        Some(piece)
    }

    fn number(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

/// Zero bytes before a section starting at `offset`, so that it starts aligned to
/// [`archive::ALIGN`] in the file (and so in its page-aligned map).
fn padding(offset: usize) -> usize {
    (archive::ALIGN - offset % archive::ALIGN) % archive::ALIGN
}

/// A cache holds text that was sanitized when it was parsed, and a checksum guards only against
/// damage, not against a forger: a file someone else could have written (another owner, or
/// writable by group or others, as in a shared `TRTC_ERRORS_CACHE_DIR`) is not read.
#[cfg(unix)]
fn written_by_us(metadata: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid takes no arguments and cannot fail.
    let me = unsafe { libc::geteuid() };
    metadata.uid() == me && metadata.mode() & 0o022 == 0
}

#[cfg(not(unix))]
fn written_by_us(_metadata: &fs::Metadata) -> bool {
    true
}

/// Writes the cache for `key` (atomically: a temporary file renamed into place), then removes all
/// but the newest few cache files. `index` is the search index's archive.
pub fn write(dir: &Path, key: CacheKey, catalog: &Catalog, index: &[u8]) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let invalid = |e| io::Error::new(io::ErrorKind::InvalidData, e);
    let (entries, lookups) = trtc_catalog::lookups::store(catalog.entries()).map_err(invalid)?;
    let name = key.file_name();
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    remove_stale_temporaries(dir);
    write_file(&temporary, key, [&entries[..], &lookups[..], index])
        .and_then(|()| fs::rename(&temporary, dir.join(&name)))
        .inspect_err(|_| {
            let _ = fs::remove_file(&temporary);
        })?;
    prune(dir, &name);
    Ok(())
}

fn write_file(path: &Path, key: CacheKey, sections: [&[u8]; SECTIONS]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Readable and writable by us alone, whatever the umask: `read` refuses anything else.
        options.mode(0o600);
    }
    let mut out = io::BufWriter::with_capacity(1 << 20, options.open(path)?);
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let mut header = Vec::new();
    header.extend_from_slice(MAGIC);
    for n in [u64::from(FORMAT_VERSION), key.0, version.len() as u64] {
        header.extend_from_slice(&n.to_le_bytes());
    }
    header.extend_from_slice(version);
    header.extend_from_slice(&(SECTIONS as u64).to_le_bytes());
    for section in sections {
        header.extend_from_slice(&(section.len() as u64).to_le_bytes());
        header.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(section).to_le_bytes());
    }
    let digest = xxhash_rust::xxh3::xxh3_64(&header);
    header.extend_from_slice(&digest.to_le_bytes());
    out.write_all(&header)?;
    let mut written = header.len();
    for section in sections {
        let zeros = [0u8; archive::ALIGN];
        let pad = padding(written);
        out.write_all(&zeros[..pad])?;
        out.write_all(section)?;
        written += pad + section.len();
    }
    // No fsync: a file cut short by a crash fails its length check and is rebuilt.
    out.flush()
}

/// A temporary file older than this is left over whatever its writer's state (its id may have
/// been reused); writing even 100,000 entries takes seconds.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes temporary files that writers killed mid-write (Ctrl-C, a crash) left behind: those of
/// processes that are gone, our own id's (a dead process that had it), and any older than
/// [`STALE_AFTER`]. A file another live writer is filling is left alone.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(listing) = fs::read_dir(dir) else {
        return;
    };
    for entry in listing.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(".catalog-")?.strip_suffix(".tmp"))
            .and_then(|n| n.rsplit_once(".bin.")?.1.parse::<u32>().ok())
        else {
            continue;
        };
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > STALE_AFTER));
        if pid == std::process::id() || old || !process_exists(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn process_exists(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: kill with signal 0 sends nothing; it only reports whether `pid` exists.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn process_exists(_pid: u32) -> bool {
    true
}

/// Keeps the newest [`KEEP`] cache files (and `keep` itself); removes the rest.
fn prune(dir: &Path, keep: &str) {
    let Ok(listing) = fs::read_dir(dir) else {
        return;
    };
    let mut caches: Vec<(std::time::SystemTime, PathBuf)> = listing
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("catalog-") && name.ends_with(".bin") && name != keep
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    caches.sort_by_key(|c| std::cmp::Reverse(c.0));
    for (_, path) in caches.into_iter().skip(KEEP - 1) {
        let _ = fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Family;

    fn catalog() -> Catalog {
        Catalog::builtin().unwrap()
    }

    fn written(dir: &Path) -> (CacheKey, PathBuf) {
        let key = CacheKey::new([("team.toml", 7)]);
        write(dir, key, &catalog(), b"index").unwrap();
        (key, dir.join(key.file_name()))
    }

    #[test]
    fn a_written_cache_reads_back_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let (key, _) = written(dir.path());
        let cached = read(dir.path(), key).unwrap();
        let original = catalog();
        assert!(cached.catalog.is_stored());
        assert_eq!(cached.index.bytes(), b"index");
        // One entry read alone, then the tables, then every entry: all as they were written.
        let join = original.find(Family::Web4, "0x4004").unwrap();
        assert_eq!(cached.catalog.find(Family::Web4, "0x4004"), Some(join));
        for code in [0x4004, 70001, -8, 5400] {
            assert_eq!(
                cached.catalog.indices_by_code(code),
                original.indices_by_code(code)
            );
        }
        assert_eq!(
            cached.catalog.indices_by_name("join_room_failed"),
            original.indices_by_name("JOIN_ROOM_FAILED")
        );
        assert!((0..original.len()).any(|i| original.server_code_of(i).is_some()));
        for i in 0..original.len() {
            assert_eq!(
                cached.catalog.referenced_by(i),
                original.referenced_by(i),
                "{i}"
            );
            assert_eq!(cached.catalog.id(i), original.id(i));
            // Every scope admits the same entries in place, server codes under their SDKs too.
            for family in Family::EVERY {
                let scope = crate::catalog::Scope {
                    family: Some(family),
                    ..Default::default()
                };
                assert_eq!(
                    cached.catalog.admits(i, scope),
                    original.admits(i, scope),
                    "{i} {family:?}"
                );
            }
            // Groups of one server code read the same in place (they were lost once).
            assert_eq!(
                cached.catalog.server_code_of(i),
                original.server_code_of(i),
                "{i}"
            );
        }
        assert_eq!(cached.catalog.entries(), original.entries());
        // Another key is not this cache.
        assert!(read(dir.path(), CacheKey::new([("team.toml", 8)])).is_none());
    }

    #[test]
    fn pages_given_back_are_read_again_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let key = CacheKey::new([("team.toml", 9)]);
        let built = crate::search::SearchIndex::new(&catalog());
        write(dir.path(), key, &catalog(), built.archive_bytes()).unwrap();
        let cached = read(dir.path(), key).unwrap();
        let engine = crate::search::Engine::from_archive(cached.catalog, cached.index);
        let query = crate::query::Query::parse("join");
        let scope = crate::catalog::Scope::default();
        let before = engine.search(&query, scope);
        let first = engine.catalog().entry_once(before[0].index).into_owned();
        // What `search` does before printing: the index's pages go; entries are copied out.
        engine.release_index_pages();
        assert_eq!(engine.search(&query, scope), before);
        assert_eq!(*engine.catalog().entry_once(before[0].index), first);
        assert_eq!(
            engine.catalog().entry(before[0].index),
            &first,
            "read in place"
        );
        assert_eq!(first.display(), "0x4004");
    }

    #[test]
    fn a_cache_replaced_while_mapped_leaves_the_mapped_one_intact() {
        let dir = tempfile::tempdir().unwrap();
        let (key, path) = written(dir.path());
        let cached = read(dir.path(), key).unwrap();
        // A newer writer renames its file into place (as `write` does); the reader keeps its own.
        let other = dir.path().join("other.bin");
        fs::write(&other, b"a different file altogether").unwrap();
        fs::rename(&other, &path).unwrap();
        assert_eq!(cached.catalog.entries(), catalog().entries());
        assert!(read(dir.path(), key).is_none());
    }

    #[test]
    fn damaged_truncated_or_foreign_caches_are_not_believed() {
        let dir = tempfile::tempdir().unwrap();
        let (key, path) = written(dir.path());
        let good = fs::read(&path).unwrap();
        let sections = layout(&good, key).unwrap();
        let (entries, index) = (sections[0].0.clone(), sections[2].0.clone());
        let original = catalog();
        // A flipped bit anywhere is caught where that part is first used: in the header or the
        // tables, at once; in the index, when a search opens it; in an entry, when it is read.
        // Then the file is removed, so that the next start rebuilds it.
        let mut caught = [0usize; 3];
        let tables = sections[1].0.clone();
        let aimed = [
            8,
            20,
            tables.start,
            tables.end - 1,
            index.start,
            index.end - 1,
        ];
        for at in (0..good.len()).step_by(good.len() / 97).chain(aimed) {
            let mut bad = good.clone();
            bad[at] ^= 0x10;
            fs::write(&path, &bad).unwrap();
            let Some(cached) = read(dir.path(), key) else {
                caught[0] += 1;
                continue;
            };
            assert!(entries.contains(&at) || index.contains(&at), "byte {at}");
            if index.contains(&at) {
                assert!(!cached.index.intact(), "index byte {at}");
                assert!(!path.exists(), "removed after index byte {at}");
                caught[1] += 1;
            } else {
                // Copied out (what printing reads), then read in place: both check the digest.
                let copied = (0..original.len())
                    .filter(|&i| Some(&*cached.catalog.entry_once(i)) != original.get(i))
                    .collect::<Vec<_>>();
                let damaged = (0..original.len())
                    .filter(|&i| cached.catalog.get(i) != original.get(i))
                    .collect::<Vec<_>>();
                assert_eq!(copied, damaged, "byte {at}");
                // Padding between entries is in no entry; a flip there harms nothing.
                assert!(damaged.len() <= 1, "byte {at}: {damaged:?}");
                for i in damaged {
                    let note = cached.catalog.get(i).unwrap();
                    assert!(note.description.zh.contains("缓存"), "byte {at}");
                    assert_eq!(cached.catalog.id(i), original.id(i));
                    assert!(!path.exists(), "removed after entry byte {at}");
                    caught[2] += 1;
                }
            }
        }
        assert!(caught.iter().all(|&n| n > 0), "{caught:?}");
        for len in [0, 7, 40, good.len() / 2, good.len() - 1] {
            fs::write(&path, &good[..len]).unwrap();
            assert!(read(dir.path(), key).is_none(), "cut to {len}");
        }
        let mut longer = good.clone();
        longer.push(0);
        fs::write(&path, &longer).unwrap();
        assert!(read(dir.path(), key).is_none());
        fs::write(&path, "[[entry]]\ncode = 1\n").unwrap();
        assert!(read(dir.path(), key).is_none());
        // Rewritten, it is believed again.
        written(dir.path());
        assert!(read(dir.path(), key).is_some());
    }

    #[cfg(unix)]
    #[test]
    fn a_cache_others_could_write_is_not_read() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (key, path) = written(dir.path());
        fs::set_permissions(&path, fs::Permissions::from_mode(0o666)).unwrap();
        assert!(read(dir.path(), key).is_none());
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        assert!(read(dir.path(), key).is_some());
    }

    #[test]
    fn old_caches_are_pruned() {
        let dir = tempfile::tempdir().unwrap();
        for n in 0..(KEEP as u64 + 3) {
            write(dir.path(), CacheKey::new([("f", n)]), &catalog(), b"").unwrap();
        }
        let left = fs::read_dir(dir.path()).unwrap().count();
        assert!(left <= KEEP, "{left} cache files left");
    }

    #[cfg(unix)]
    #[test]
    fn temporary_files_of_writers_that_died_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let dead = {
            let mut child = std::process::Command::new("true").spawn().unwrap();
            let pid = child.id();
            child.wait().unwrap();
            pid
        };
        let mut alive = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let temporary = |pid: u32| {
            dir.path()
                .join(format!(".catalog-00000000000000ab.bin.{pid}.tmp"))
        };
        for pid in [dead, alive.id(), std::process::id()] {
            fs::write(temporary(pid), b"half a cache").unwrap();
        }
        fs::write(dir.path().join("notes.tmp"), b"not ours").unwrap();
        written(dir.path());
        assert!(!temporary(dead).exists(), "a dead writer's file is removed");
        assert!(!temporary(std::process::id()).exists());
        assert!(
            temporary(alive.id()).exists(),
            "a live writer's file is kept"
        );
        assert!(dir.path().join("notes.tmp").exists());
        let _ = alive.kill();
        let _ = alive.wait();
    }

    #[test]
    fn the_platform_directory_needs_an_absolute_home_that_exists() {
        let home = tempfile::tempdir().unwrap();
        let cache = home.path().join(".cache/trtc-errors");
        assert_eq!(
            usable_platform_dir(&cache, home.path()),
            Some(cache.clone())
        );
        let missing = home.path().join("nonexistent");
        assert_eq!(
            usable_platform_dir(&missing.join(".cache/trtc-errors"), &missing),
            None
        );
        let relative = Path::new("home");
        assert_eq!(
            usable_platform_dir(&relative.join(".cache/x"), relative),
            None
        );
        // XDG_CACHE_HOME elsewhere, absolute: the home does not matter.
        assert_eq!(usable_platform_dir(&cache, &missing), Some(cache.clone()));
    }

    #[cfg(unix)]
    #[test]
    fn stamps_follow_the_file_and_a_fresh_file_is_not_settled() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("team.toml");
        fs::write(&path, "[[entry]]\n").unwrap();
        let first = stamp_file(&path).unwrap();
        assert_eq!(stamp_file(&path), Some(first), "nothing changed");
        assert_eq!(first.len, 10);
        assert!(!first.settled, "written just now");
        // Replaced by a rename (as editors save), same length: another inode, another stamp.
        let other = dir.path().join("other.toml");
        fs::write(&other, "[[entry]]\t").unwrap();
        fs::rename(&other, &path).unwrap();
        assert_ne!(stamp_file(&path).unwrap().id, first.id);
        // Anything the loader would refuse has no stamp.
        assert_eq!(stamp_file(dir.path()), None);
        assert_eq!(stamp_file(&dir.path().join("missing.toml")), None);
    }

    #[test]
    fn keys_follow_stamps_and_name() {
        let a = CacheKey::new([("a.toml", 1)]);
        assert_eq!(a, CacheKey::new([("a.toml", 1)]));
        assert_ne!(a, CacheKey::new([("a.toml", 2)]));
        assert_ne!(a, CacheKey::new([("b.toml", 1)]));
        assert_ne!(a, CacheKey::new([("a.toml", 1), ("b.toml", 1)]));
    }
}

//! A cache of parsed, validated catalogs, so a large catalog file is parsed once, not at every start.
//!
//! A cache file holds the loaded catalog (in `codec.rs` form) plus any sections the caller adds (the
//! search index). Its name is derived from a key over everything that went into it: the cache format,
//! the crate version, the built-in data and the content hash of every catalog file. A changed file
//! therefore has a different key, and a stale cache is never even opened.
//!
//! Nothing in a cache file is believed: it must start with the magic and the format and crate
//! versions, name the expected key, have the section count asked for, every length must fit the
//! file, and an xxh3 checksum over all of it must match; decoding then checks every length, text and
//! enum again. Anything else (a damaged, truncated or foreign file) is treated as no cache: the
//! catalogs are parsed again and the file replaced. Files are written to a temporary name and
//! renamed, so a reader never sees half a file.
//!
//! `TRTC_ERRORS_CACHE_DIR` points the cache elsewhere; `TRTC_ERRORS_NO_CACHE=1` turns it off.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3;

use crate::catalog::{archive, Catalog, BUILTIN_ARCHIVE, MAX_FILE_BYTES};

/// Bumped whenever the layout of a cache file or of anything stored in it changes.
pub const FORMAT_VERSION: u32 = 3;
const MAGIC: &[u8; 8] = b"TRTCERRC";
/// A cache file holds a catalog of at most a few 64 MiB files plus its index.
const MAX_CACHE_BYTES: u64 = 1 << 30;
/// How many cache files (sets of catalogs) are kept.
const KEEP: usize = 4;

/// Identifies one set of loaded catalogs: see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheKey(u64);

impl CacheKey {
    /// The key for catalogs loaded on top of the built-in ones, given as (name in messages, content
    /// hash from [`hash_file`]) in load order.
    pub fn new<'a>(files: impl IntoIterator<Item = (&'a str, u64)>) -> CacheKey {
        let mut hasher = Xxh3::new();
        hasher.update(MAGIC);
        hasher.update(&FORMAT_VERSION.to_le_bytes());
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        hasher.update(&xxhash_rust::xxh3::xxh3_64(BUILTIN_ARCHIVE).to_le_bytes());
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

/// The content hash and length of a catalog file, read in small pieces (the file is never held in
/// memory). `None` for anything the loader would refuse (not a regular file, larger than the
/// limit, unreadable): the caller then loads the normal way and reports the loader's error.
pub fn hash_file(path: &Path) -> Option<(u64, u64)> {
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
    Some((hasher.digest(), total))
}

// As in read_limited: a FIFO swapped in after the check must not block the open.
use crate::read_limited::open_for_reading;

/// Reads the cache for `key`: the catalog and the caller's `extra` sections. `None` when there is
/// none or it is not believable (see the module documentation).
pub fn read(dir: &Path, key: CacheKey, extra: usize) -> Option<(Catalog, Vec<Vec<u8>>)> {
    let path = dir.join(key.file_name());
    let mut file = open_for_reading(&path).ok()?;
    let metadata = file.metadata().ok()?;
    if !metadata.is_file() || metadata.len() > MAX_CACHE_BYTES || !written_by_us(&metadata) {
        return None;
    }
    let mut reader = Checked {
        file: io::BufReader::with_capacity(1 << 16, &mut file),
        left: metadata.len(),
        hasher: Xxh3::new(),
    };
    if reader.exact(MAGIC.len())? != MAGIC
        || reader.u64()? != u64::from(FORMAT_VERSION)
        || reader.u64()? != key.0
        || reader.section()? != env!("CARGO_PKG_VERSION").as_bytes()
        || reader.u64()? != 1 + extra as u64
    {
        return None;
    }
    // The entries' bytes are freed before the index's are read.
    let entries = {
        let bytes = reader.section()?;
        let mut aligned = rkyv::util::AlignedVec::<{ archive::ALIGN }>::with_capacity(bytes.len());
        aligned.extend_from_slice(&bytes);
        drop(bytes);
        archive::entries(&aligned).ok()?
    };
    let sections = (0..extra)
        .map(|_| reader.section())
        .collect::<Option<Vec<_>>>()?;
    let digest = reader.hasher.digest();
    if reader.u64_unhashed()? != digest || reader.left != 0 {
        return None;
    }
    Some((Catalog::from_settled(entries).ok()?, sections))
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
/// but the newest few cache files.
pub fn write(dir: &Path, key: CacheKey, catalog: &Catalog, extra: &[&[u8]]) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let entries = archive::to_bytes(catalog.entry_vec())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let name = key.file_name();
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    remove_stale_temporaries(dir);
    write_file(&temporary, key, &entries, extra)
        .and_then(|()| fs::rename(&temporary, dir.join(&name)))
        .inspect_err(|_| {
            let _ = fs::remove_file(&temporary);
        })?;
    prune(dir, &name);
    Ok(())
}

fn write_file(path: &Path, key: CacheKey, entries: &[u8], extra: &[&[u8]]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Readable and writable by us alone, whatever the umask: `read` refuses anything else.
        options.mode(0o600);
    }
    let mut out = io::BufWriter::with_capacity(1 << 20, options.open(path)?);
    let mut hasher = Xxh3::new();
    let mut put = |bytes: &[u8]| -> io::Result<()> {
        hasher.update(bytes);
        out.write_all(bytes)
    };
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    put(MAGIC)?;
    put(&u64::from(FORMAT_VERSION).to_le_bytes())?;
    put(&key.0.to_le_bytes())?;
    put(&(version.len() as u64).to_le_bytes())?;
    put(version)?;
    put(&(1 + extra.len() as u64).to_le_bytes())?;
    put(&(entries.len() as u64).to_le_bytes())?;
    put(entries)?;
    for section in extra {
        put(&(section.len() as u64).to_le_bytes())?;
        put(section)?;
    }
    let digest = hasher.digest();
    out.write_all(&digest.to_le_bytes())?;
    // No fsync: a file cut short by a crash fails its checksum and is rebuilt.
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

/// Reads a cache file front to back, hashing what it reads, never past the file's length.
struct Checked<'a> {
    file: io::BufReader<&'a mut File>,
    left: u64,
    hasher: Xxh3,
}

impl Checked<'_> {
    fn exact_unhashed(&mut self, n: u64) -> Option<Vec<u8>> {
        if n > self.left {
            return None;
        }
        let len = usize::try_from(n).ok()?;
        let mut bytes = vec![0; len];
        self.file.read_exact(&mut bytes).ok()?;
        self.left -= n;
        Some(bytes)
    }

    fn exact(&mut self, n: usize) -> Option<Vec<u8>> {
        let bytes = self.exact_unhashed(n as u64)?;
        self.hasher.update(&bytes);
        Some(bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        let b = self.exact(8)?;
        Some(u64::from_le_bytes(b.try_into().ok()?))
    }

    fn u64_unhashed(&mut self) -> Option<u64> {
        let b = self.exact_unhashed(8)?;
        Some(u64::from_le_bytes(b.try_into().ok()?))
    }

    fn section(&mut self) -> Option<Vec<u8>> {
        let len = self.u64()?;
        let bytes = self.exact_unhashed(len)?;
        self.hasher.update(&bytes);
        Some(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::builtin().unwrap()
    }

    fn written(dir: &Path) -> (CacheKey, PathBuf) {
        let key = CacheKey::new([("team.toml", 7)]);
        write(dir, key, &catalog(), &[b"index", b""]).unwrap();
        (key, dir.join(key.file_name()))
    }

    #[test]
    fn a_written_cache_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let (key, _) = written(dir.path());
        let (read_back, sections) = read(dir.path(), key, 2).unwrap();
        assert_eq!(read_back.entries(), catalog().entries());
        assert_eq!(sections, vec![b"index".to_vec(), Vec::new()]);
        // Another key, or another number of sections, is not this cache.
        assert!(read(dir.path(), CacheKey::new([("team.toml", 8)]), 2).is_none());
        assert!(read(dir.path(), key, 3).is_none());
    }

    #[test]
    fn damaged_truncated_or_foreign_caches_are_not_believed() {
        let dir = tempfile::tempdir().unwrap();
        let (key, path) = written(dir.path());
        let good = fs::read(&path).unwrap();
        // A flipped bit anywhere: in the header, a length, a text, the checksum.
        for at in (0..good.len()).step_by(good.len() / 61) {
            let mut bad = good.clone();
            bad[at] ^= 0x10;
            fs::write(&path, &bad).unwrap();
            assert!(read(dir.path(), key, 2).is_none(), "flipped byte {at}");
        }
        for len in [0, 7, 40, good.len() / 2, good.len() - 1] {
            fs::write(&path, &good[..len]).unwrap();
            assert!(read(dir.path(), key, 2).is_none(), "cut to {len}");
        }
        let mut longer = good.clone();
        longer.push(0);
        fs::write(&path, &longer).unwrap();
        assert!(read(dir.path(), key, 2).is_none());
        fs::write(&path, "[[entry]]\ncode = 1\n").unwrap();
        assert!(read(dir.path(), key, 2).is_none());
        // Rewritten, it is believed again.
        written(dir.path());
        assert!(read(dir.path(), key, 2).is_some());
    }

    #[cfg(unix)]
    #[test]
    fn a_cache_others_could_write_is_not_read() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (key, path) = written(dir.path());
        fs::set_permissions(&path, fs::Permissions::from_mode(0o666)).unwrap();
        assert!(read(dir.path(), key, 2).is_none());
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        assert!(read(dir.path(), key, 2).is_some());
    }

    #[test]
    fn old_caches_are_pruned() {
        let dir = tempfile::tempdir().unwrap();
        for n in 0..(KEEP as u64 + 3) {
            write(dir.path(), CacheKey::new([("f", n)]), &catalog(), &[]).unwrap();
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

    #[test]
    fn keys_follow_content_and_name() {
        let a = CacheKey::new([("a.toml", 1)]);
        assert_eq!(a, CacheKey::new([("a.toml", 1)]));
        assert_ne!(a, CacheKey::new([("a.toml", 2)]));
        assert_ne!(a, CacheKey::new([("b.toml", 1)]));
        assert_ne!(a, CacheKey::new([("a.toml", 1), ("b.toml", 1)]));
    }
}

//! Reading a file named by a user or found in a directory, without letting it hang the tool or fill
//! memory: only regular files are read, and never more than a limit.
//!
//! `std::fs::read` on a FIFO blocks until a writer appears, on `/dev/zero` or `/dev/urandom` it
//! never ends, and on `/dev/tty` it waits for the user. So the kind of file is checked before it is
//! opened; on unix it is opened with `O_NONBLOCK` (a FIFO swapped in between the check and the open
//! cannot block the open) and checked again through the open handle, which is what is read.

use std::fmt;
use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// What a path turned out to be, when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    /// Anything else the platform has (never a regular file).
    Other,
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::Directory => "a directory",
            FileKind::Fifo => "a FIFO",
            FileKind::CharacterDevice => "a character device",
            FileKind::BlockDevice => "a block device",
            FileKind::Socket => "a socket",
            FileKind::Other => "not a regular file",
        })
    }
}

/// Why a file was not read. The messages do not name the file: the caller puts the path in front.
#[derive(Debug, thiserror::Error)]
pub enum ReadLimitedError {
    #[error("not a regular file: it is {0}")]
    NotRegularFile(FileKind),
    #[error("file is larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl ReadLimitedError {
    /// The file (or a directory on its path) does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadLimitedError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

/// `None` for a regular file, else what it is instead.
pub fn kind_of(metadata: &Metadata) -> Option<FileKind> {
    let file_type = metadata.file_type();
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some(FileKind::Directory);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some(FileKind::Fifo);
        }
        if file_type.is_char_device() {
            return Some(FileKind::CharacterDevice);
        }
        if file_type.is_block_device() {
            return Some(FileKind::BlockDevice);
        }
        if file_type.is_socket() {
            return Some(FileKind::Socket);
        }
    }
    Some(FileKind::Other)
}

fn ensure_regular(metadata: &Metadata) -> Result<(), ReadLimitedError> {
    match kind_of(metadata) {
        None => Ok(()),
        Some(kind) => Err(ReadLimitedError::NotRegularFile(kind)),
    }
}

/// Whether `path` (following symlinks) is a regular file, checked without opening it.
pub fn check_regular_file(path: &Path) -> Result<(), ReadLimitedError> {
    let metadata = fs::symlink_metadata(path)?;
    let metadata = if metadata.file_type().is_symlink() {
        fs::metadata(path)?
    } else {
        metadata
    };
    ensure_regular(&metadata)
}

/// Opens a file for reading without ever blocking on it (a FIFO) or adopting it (a terminal).
#[cfg(unix)]
pub fn open_for_reading(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer.
    // O_NOCTTY: a terminal device never becomes our controlling terminal.
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
pub fn open_for_reading(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Reads the regular file at `path` (symlinks are followed), refusing FIFOs, devices, directories
/// and sockets before opening them, and refusing a file of more than `limit` bytes.
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadLimitedError> {
    check_regular_file(path)?;
    let file = open_for_reading(path)?;
    // The path may have been replaced between the check and the open: what counts is what we opened.
    let metadata = file.metadata()?;
    ensure_regular(&metadata)?;
    if metadata.len() > limit {
        return Err(ReadLimitedError::TooLarge { limit });
    }
    // O_NONBLOCK does not affect reads from a regular file, so the handle is read as it is.
    read_bounded(file, limit)
}

/// Reads at most `limit` bytes from `reader` (stdin, a pipe), failing if it has more.
pub fn read_bounded<R: Read>(reader: R, limit: u64) -> Result<Vec<u8>, ReadLimitedError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadLimitedError::TooLarge { limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_file(dir: &Path, name: &str, len: usize) -> std::path::PathBuf {
        let path = dir.join(name);
        fs::write(&path, vec![b'x'; len]).unwrap();
        path
    }

    #[test]
    fn regular_file_of_exactly_the_limit_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_file(dir.path(), "exact", 16);
        assert_eq!(read_regular_file(&path, 16).unwrap(), vec![b'x'; 16]);
        let empty = write_file(dir.path(), "empty", 0);
        assert!(read_regular_file(&empty, 0).unwrap().is_empty());
    }

    #[test]
    fn one_byte_over_the_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_file(dir.path(), "over", 17);
        let err = read_regular_file(&path, 16).unwrap_err();
        assert!(matches!(err, ReadLimitedError::TooLarge { limit: 16 }));
        assert_eq!(err.to_string(), "file is larger than 16 bytes");
    }

    #[test]
    fn missing_file_is_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_regular_file(&dir.path().join("nope"), 16).unwrap_err();
        assert!(err.is_not_found(), "{err}");
    }

    #[test]
    fn directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_regular_file(dir.path(), 16).unwrap_err();
        assert!(matches!(
            err,
            ReadLimitedError::NotRegularFile(FileKind::Directory)
        ));
        assert_eq!(err.to_string(), "not a regular file: it is a directory");
    }

    #[test]
    fn bounded_stream_reading() {
        assert_eq!(read_bounded(&b"abc"[..], 3).unwrap(), b"abc");
        assert!(matches!(
            read_bounded(&b"abcd"[..], 3),
            Err(ReadLimitedError::TooLarge { limit: 3 })
        ));
        // An endless stream stops one byte past the limit.
        assert!(matches!(
            read_bounded(io::repeat(0), 1024),
            Err(ReadLimitedError::TooLarge { limit: 1024 })
        ));
    }

    #[cfg(unix)]
    mod unix {
        use super::*;
        use crate::read_limited::test_support::{mkfifo, within_deadline};

        #[test]
        fn fifo_is_refused_without_blocking() {
            let dir = tempfile::tempdir().unwrap();
            let fifo = dir.path().join("fifo");
            mkfifo(&fifo);
            let err = within_deadline(move || read_regular_file(&fifo, 16).unwrap_err());
            assert!(matches!(
                err,
                ReadLimitedError::NotRegularFile(FileKind::Fifo)
            ));
            assert_eq!(err.to_string(), "not a regular file: it is a FIFO");
        }

        #[test]
        fn symlink_to_fifo_is_refused() {
            let dir = tempfile::tempdir().unwrap();
            let fifo = dir.path().join("fifo");
            mkfifo(&fifo);
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&fifo, &link).unwrap();
            let err = within_deadline(move || read_regular_file(&link, 16).unwrap_err());
            assert!(matches!(
                err,
                ReadLimitedError::NotRegularFile(FileKind::Fifo)
            ));
        }

        #[test]
        fn fifo_is_not_blocking_even_when_opened() {
            // What the open handle guards against: the path checked as a file, then swapped for a
            // FIFO. Opening it directly must not wait for a writer, and the handle's check refuses it.
            let dir = tempfile::tempdir().unwrap();
            let fifo = dir.path().join("fifo");
            mkfifo(&fifo);
            let kind = within_deadline(move || {
                let file = open_for_reading(&fifo).unwrap();
                kind_of(&file.metadata().unwrap())
            });
            assert_eq!(kind, Some(FileKind::Fifo));
        }

        #[test]
        fn devices_are_refused() {
            for device in ["/dev/null", "/dev/zero", "/dev/urandom"] {
                let path = Path::new(device);
                if !path.exists() {
                    continue;
                }
                let err = within_deadline(move || read_regular_file(path, 16).unwrap_err());
                assert!(
                    matches!(
                        err,
                        ReadLimitedError::NotRegularFile(FileKind::CharacterDevice)
                    ),
                    "{device}: {err}"
                );
                assert_eq!(
                    err.to_string(),
                    "not a regular file: it is a character device"
                );
            }
        }

        #[test]
        fn tty_is_refused_if_there_is_one() {
            // /dev/tty exists even without a controlling terminal; stat does not need one.
            let path = Path::new("/dev/tty");
            if fs::symlink_metadata(path).is_err() {
                return;
            }
            let err = within_deadline(move || read_regular_file(path, 16).unwrap_err());
            assert!(
                matches!(
                    err,
                    ReadLimitedError::NotRegularFile(FileKind::CharacterDevice)
                ),
                "{err}"
            );
        }

        #[test]
        fn socket_is_refused() {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("sock");
            let _listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
            let err = read_regular_file(&path, 16).unwrap_err();
            assert!(matches!(
                err,
                ReadLimitedError::NotRegularFile(FileKind::Socket)
            ));
            assert_eq!(err.to_string(), "not a regular file: it is a socket");
        }

        #[test]
        fn symlink_to_regular_file_is_read() {
            let dir = tempfile::tempdir().unwrap();
            let target = write_file(dir.path(), "target", 5);
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&target, &link).unwrap();
            assert_eq!(read_regular_file(&link, 5).unwrap(), b"xxxxx");
        }

        #[test]
        fn dangling_symlink_is_not_found() {
            let dir = tempfile::tempdir().unwrap();
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(dir.path().join("gone"), &link).unwrap();
            assert!(read_regular_file(&link, 5).unwrap_err().is_not_found());
        }
    }
}

/// FIFOs and a deadline, for tests here and in the modules that read files through this one.
/// For tests here and in the packages that use this crate: a FIFO, and a deadline that turns a
/// hang into a failure.
#[cfg(unix)]
#[doc(hidden)]
pub mod test_support {
    use std::io;
    use std::path::Path;
    use std::sync::mpsc;
    use std::time::Duration;

    /// Makes a FIFO at `path` (nothing ever writes to it).
    pub fn mkfifo(path: &Path) {
        use std::os::unix::ffi::OsStrExt;
        let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
        // SAFETY: c_path is a valid NUL-terminated string that outlives the call.
        let rc = unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) };
        assert_eq!(rc, 0, "mkfifo: {}", io::Error::last_os_error());
    }

    /// Runs `f` on another thread and fails the test if it has not returned within 10 s, so a
    /// regression shows up as a failure rather than a hung test run.
    pub fn within_deadline<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f());
        });
        rx.recv_timeout(Duration::from_secs(10))
            .expect("blocked: did not return within 10 s")
    }
}

//! `explain --follow`: each new code printed (and flushed) as soon as its line is complete.
//!
//! A file is followed by name, like `tail -F`: it starts at the file's current end (`--from-start`
//! explains what is there first); a file that shrinks, or whose last bytes read have changed (cut
//! and regrown between two looks), is read again from its start; a path that names another file
//! (renamed and recreated by logrotate, a symlink pointed elsewhere) is switched to once the old
//! file has been read to its end. A line is scanned only when its line break arrives (`…code: 16`
//! then `388` is 16388), or when its file is replaced or cut; at the end of a pipe the unfinished
//! last line is scanned too. While the file is quiet the process sleeps: one `stat` per poll.

use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use super::explain::ExplainArgs;
use super::{warn, EXIT_ERROR, EXIT_FOUND, EXIT_NOT_FOUND};
use crate::mentions::{self, Scanner, MAX_LINE_BYTES};
use crate::render::Format;
use crate::sanitize::sanitize;
use crate::session::Session;

/// How often a followed file is looked at. Idle costs one `stat` (and at most a 64-byte read) per
/// poll.
const FOLLOW_POLL: Duration = Duration::from_millis(250);

/// Bytes remembered from the end of what was read, to notice a file cut and regrown in one poll.
const TAIL_CHECK: usize = 64;

/// Splits bytes into lines across reads: an unfinished line waits for its line break.
struct LineAssembler {
    pending: Vec<u8>,
    /// The pending line passed MAX_LINE_BYTES: the rest of it is dropped.
    overlong: bool,
}

impl LineAssembler {
    fn new() -> Self {
        LineAssembler {
            pending: Vec::new(),
            overlong: false,
        }
    }

    fn feed(&mut self, mut bytes: &[u8], mut line: impl FnMut(&str)) {
        while !bytes.is_empty() {
            let (piece, done) = match memchr::memchr(b'\n', bytes) {
                Some(at) => (&bytes[..at], Some(at + 1)),
                None => (bytes, None),
            };
            let room = MAX_LINE_BYTES.saturating_sub(self.pending.len());
            self.pending
                .extend_from_slice(&piece[..room.min(piece.len())]);
            self.overlong |= piece.len() > room;
            match done {
                Some(n) => {
                    self.flush(&mut line);
                    bytes = &bytes[n..];
                }
                None => break,
            }
        }
    }

    /// Scans the unfinished line as it is (the input ended or was replaced).
    fn flush(&mut self, mut line: impl FnMut(&str)) {
        line(&String::from_utf8_lossy(&self.pending));
        self.pending.clear();
        self.overlong = false;
    }

    fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }
}

struct Follower<'s, 'o> {
    session: &'s Session,
    args: &'s ExplainArgs,
    scanner: Scanner<'s>,
    /// The codes printed so far, and how many readings the scanner had when last asked.
    shown: std::collections::HashSet<usize>,
    /// The codes the catalog lacks printed so far (rule 8), by number.
    shown_unknown: std::collections::HashSet<i64>,
    readings: usize,
    out: &'o mut dyn Write,
}

impl Follower<'_, '_> {
    fn line(&mut self, line: &str) {
        self.scanner.push_line(line);
    }

    /// Prints the codes not printed yet: what a plain `explain` of the lines so far finds. Asked
    /// once per piece read (not per line), and only when something new turned up, so a burst of
    /// 6,000 distinct codes settles a few times, not 6,000.
    fn emit(&mut self) -> io::Result<()> {
        if self.scanner.readings() == self.readings {
            return Ok(());
        }
        self.readings = self.scanner.readings();
        let options = self.args.options(self.session, None, None);
        let mut new: Vec<_> = self
            .scanner
            .mentions()
            .into_iter()
            .filter(|m| self.shown.insert(m.index))
            .collect();
        new.sort_by_key(|m| m.line_number);
        for m in new {
            let text = match self.session.format {
                // JSON Lines: one object per mention, as soon as it is found.
                Format::Json => {
                    format!(
                        "{}\n",
                        mentions::json_line_with(&m, self.session.catalog(), &options)
                    )
                }
                _ => format!(
                    "{}\n",
                    mentions::render_with(
                        std::slice::from_ref(&m),
                        &[],
                        self.session.catalog(),
                        &options
                    )
                ),
            };
            self.out.write_all(text.as_bytes())?;
            self.out.flush()?;
        }
        let new: Vec<_> = self
            .scanner
            .unknown_mentions()
            .into_iter()
            .filter(|u| self.shown_unknown.insert(u.code))
            .collect();
        for u in new {
            let text = match self.session.format {
                Format::Json => format!("{}\n", mentions::unknown_json_line_with(&u, &options)),
                _ => format!(
                    "{}\n",
                    mentions::render_with(
                        &[],
                        std::slice::from_ref(&u),
                        self.session.catalog(),
                        &options
                    )
                ),
            };
            self.out.write_all(text.as_bytes())?;
            self.out.flush()?;
        }
        Ok(())
    }

    fn feed(&mut self, lines: &mut LineAssembler, bytes: &[u8]) -> io::Result<()> {
        lines.feed(bytes, |l| self.line(l));
        self.emit()
    }

    fn flush(&mut self, lines: &mut LineAssembler) -> io::Result<()> {
        if lines.has_pending() {
            lines.flush(|l| self.line(l));
        }
        self.emit()
    }
}

/// `explain --follow [FILE]`.
pub fn run(session: &Session, args: &ExplainArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let path = match args.text.as_slice() {
        [] => None,
        [one] if one == "-" => None,
        [one] => Some(Path::new(one.as_str())),
        _ => {
            warn("explain --follow takes one file (or reads standard input)");
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    };
    let mut f = Follower {
        session,
        args,
        scanner: Scanner::new(&session.engine, session.scope),
        shown: std::collections::HashSet::new(),
        shown_unknown: std::collections::HashSet::new(),
        readings: 0,
        out,
    };
    let mut lines = LineAssembler::new();
    match path {
        None => {
            let mut stdin = io::stdin().lock();
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = match stdin.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        warn(&format!("cannot read the input (standard input): {e}"));
                        return Ok(ExitCode::from(EXIT_ERROR));
                    }
                };
                f.feed(&mut lines, &buf[..n])?;
            }
            f.flush(&mut lines)?;
        }
        Some(path) => {
            let shown = sanitize(&path.display().to_string()).into_owned();
            if let Err(e) = crate::read_limited::check_regular_file(path) {
                warn(&format!("{shown}: {e}"));
                return Ok(ExitCode::from(EXIT_ERROR));
            }
            follow_file(&mut f, &mut lines, path, args.from_start)
                .map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
        }
    }
    Ok(ExitCode::from(
        if f.shown.is_empty() && f.shown_unknown.is_empty() {
            EXIT_NOT_FOUND
        } else {
            EXIT_FOUND
        },
    ))
}

/// Which file a path names now.
#[cfg(unix)]
fn identity(metadata: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (metadata.dev(), metadata.ino())
}

#[cfg(not(unix))]
fn identity(_: &fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// The open file and how far it has been read.
struct Followed {
    file: File,
    id: (u64, u64),
    position: u64,
    /// The last bytes read (up to TAIL_CHECK), to notice a cut-and-regrow.
    tail: Vec<u8>,
}

impl Followed {
    fn open(path: &Path) -> io::Result<Followed> {
        let file = crate::read_limited::open_for_reading(path)?;
        let id = identity(&file.metadata()?);
        Ok(Followed {
            file,
            id,
            position: 0,
            tail: Vec::new(),
        })
    }

    /// Were the bytes before `position` replaced since they were read?
    fn was_rewritten(&mut self) -> io::Result<bool> {
        if self.tail.is_empty() {
            return Ok(false);
        }
        let start = self.position - self.tail.len() as u64;
        let mut now = vec![0u8; self.tail.len()];
        self.file.seek(SeekFrom::Start(start))?;
        let mut got = 0;
        while got < now.len() {
            match self.file.read(&mut now[got..])? {
                0 => break,
                n => got += n,
            }
        }
        Ok(got < now.len() || now != self.tail)
    }

    /// Reads what was added since the last read, in pieces, handing each to `use_bytes`.
    fn read_new(&mut self, mut use_bytes: impl FnMut(&[u8]) -> io::Result<()>) -> io::Result<()> {
        self.file.seek(SeekFrom::Start(self.position))?;
        let mut buf = vec![0u8; 256 * 1024];
        loop {
            let n = match self.file.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            self.position += n as u64;
            let chunk = &buf[..n];
            let keep = chunk.len().min(TAIL_CHECK);
            if keep == TAIL_CHECK {
                self.tail.clear();
            } else {
                let drop = (self.tail.len() + keep).saturating_sub(TAIL_CHECK);
                self.tail.drain(..drop);
            }
            self.tail.extend_from_slice(&chunk[chunk.len() - keep..]);
            use_bytes(chunk)?;
        }
        Ok(())
    }
}

fn follow_file(
    f: &mut Follower,
    lines: &mut LineAssembler,
    path: &Path,
    from_start: bool,
) -> io::Result<()> {
    let mut current = Followed::open(path)?;
    if !from_start {
        // Like `tail -f`: what is already there is history; only new lines are explained. The
        // lines before still count for line numbers.
        let mut counted = 0usize;
        let mut read = 0u64;
        let mut line_end = 0u64;
        current.read_new(|bytes| {
            counted += memchr::memchr_iter(b'\n', bytes).count();
            if let Some(at) = memchr::memrchr(b'\n', bytes) {
                line_end = read + at as u64 + 1;
            }
            read += bytes.len() as u64;
            Ok(())
        })?;
        f.scanner.skip_lines(counted, false);
        // An unfinished last line is read again with its rest, when that arrives.
        if line_end < current.position {
            current.position = line_end;
            current.tail.clear();
        }
    }
    loop {
        current.read_new(|bytes| f.feed(lines, bytes))?;
        std::thread::sleep(FOLLOW_POLL);
        // Follow the name: a different file there (rotation, a symlink moved) is read from its
        // start once the old one is finished; a vanished name is waited for.
        if let Ok(metadata) = fs::metadata(path) {
            if identity(&metadata) != current.id && metadata.is_file() {
                current.read_new(|bytes| f.feed(lines, bytes))?;
                f.flush(lines)?;
                match Followed::open(path) {
                    Ok(next) => current = next,
                    Err(_) => continue,
                }
                continue;
            }
        }
        let len = current.file.metadata()?.len();
        if len < current.position || current.was_rewritten()? {
            // Cut (and perhaps regrown): read again from the start, as a new file.
            f.flush(lines)?;
            current.position = 0;
            current.tail.clear();
        }
    }
}

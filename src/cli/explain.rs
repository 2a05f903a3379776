//! `explain`: codes in text from an argument, a pipe, or a file that keeps growing (`--follow`).
//!
//! Input is read a line at a time through a bounded reader, never whole: `explain < /dev/urandom`
//! holds one line (at most [`MAX_LINE_BYTES`]) and what it has found. Bytes that are not UTF-8 are
//! decoded lossily, never an error.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use super::{warn, EXIT_ERROR, EXIT_FOUND, EXIT_NOT_FOUND};
use crate::mentions::{self, Mention, Scanner, MAX_LINE_BYTES};
use crate::render::Format;
use crate::session::Session;

/// How often a followed file is checked for growth.
const FOLLOW_POLL: Duration = Duration::from_millis(250);

/// Reads lines of at most `MAX_LINE_BYTES` (the rest of a longer line is skipped), splitting at
/// LF; a CR before it is the scanner's to drop. Returns `None` at the end of the input.
pub struct BoundedLines<R> {
    reader: R,
    line: Vec<u8>,
}

impl<R: BufRead> BoundedLines<R> {
    pub fn new(reader: R) -> Self {
        BoundedLines {
            reader,
            line: Vec::new(),
        }
    }

    /// The next whole line, or what there is of an unfinished last line at the end.
    pub fn next_line(&mut self) -> io::Result<Option<String>> {
        self.line.clear();
        let mut saw_any = false;
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                return Ok(saw_any.then(|| self.take_line()));
            }
            saw_any = true;
            let (used, done) = match buf.iter().position(|&b| b == b'\n') {
                Some(at) => (at + 1, true),
                None => (buf.len(), false),
            };
            let room = MAX_LINE_BYTES.saturating_sub(self.line.len());
            let keep = used.min(room);
            self.line
                .extend_from_slice(&buf[..keep.min(if done { used - 1 } else { used })]);
            self.reader.consume(used);
            if done {
                return Ok(Some(self.take_line()));
            }
        }
    }

    fn take_line(&mut self) -> String {
        String::from_utf8_lossy(&self.line).into_owned()
    }
}

/// `explain TEXT…` or `explain` reading standard input: every mention, surest first.
pub fn run(session: &Session, text: &[String], out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let mut scanner = Scanner::new(&session.engine, session.scope);
    if text.is_empty() {
        if io::IsTerminal::is_terminal(&io::stdin()) {
            warn("reading the text to explain from the terminal; end it with Ctrl-D (or pass it as an argument)");
        }
        let mut lines = BoundedLines::new(io::stdin().lock());
        while let Some(line) = lines.next_line()? {
            scanner.push_line(&line);
        }
    } else {
        for line in mentions::lines(&text.join(" ")) {
            scanner.push_line(line);
        }
    }
    let found = scanner.mentions();
    if found.is_empty() {
        warn("no known error code found in the text");
        if session.format == Format::Json {
            writeln!(out, "[]")?;
        }
        return Ok(ExitCode::from(EXIT_NOT_FOUND));
    }
    write!(out, "{}", render(session, &found))?;
    Ok(ExitCode::from(EXIT_FOUND))
}

/// What `explain` prints for these mentions: also what the TUI copies for a paste.
pub fn render(session: &Session, found: &[Mention]) -> String {
    mentions::render(
        found,
        session.catalog(),
        session.format,
        session.lang,
        session.color,
    )
}

/// `explain --follow [FILE]`: prints each new mention as soon as its line arrives, flushed, until
/// the input ends (a pipe) or forever (a file, read like `tail -f`). JSON is one object per line.
pub fn follow(
    session: &Session,
    file: Option<&Path>,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let mut shown: std::collections::HashSet<usize> = std::collections::HashSet::new();
    let mut readings = 0;
    let mut scanner = Scanner::new(&session.engine, session.scope);
    let mut emit = |scanner: &Scanner, out: &mut dyn Write| -> io::Result<()> {
        // Settling is linear in what was found: only worth doing when a line found something new.
        if scanner.readings() == readings {
            return Ok(());
        }
        readings = scanner.readings();
        for m in scanner.mentions() {
            if !shown.insert(m.index) {
                continue;
            }
            let text = match session.format {
                // JSON Lines: one object per mention, as soon as it is found.
                Format::Json => format!("{}\n", mentions::json_line(&m, session.catalog())),
                _ => format!("{}\n", render(session, std::slice::from_ref(&m))),
            };
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
        Ok(())
    };
    match file {
        None => {
            let mut lines = BoundedLines::new(io::stdin().lock());
            while let Some(line) = lines.next_line()? {
                scanner.push_line(&line);
                emit(&scanner, out)?;
            }
        }
        Some(path) => {
            crate::read_limited::check_regular_file(path).map_err(|e| {
                anyhow::anyhow!(
                    "{}: {e}",
                    crate::sanitize::sanitize(&path.display().to_string())
                )
            })?;
            let mut file = File::open(path)?;
            let mut position = 0u64;
            loop {
                // A file cut short (rotated, truncated) is read again from its start.
                let len = file.metadata()?.len();
                if len < position {
                    file.seek(SeekFrom::Start(0))?;
                    position = 0;
                }
                if len > position {
                    let mut lines =
                        BoundedLines::new(BufReader::new((&mut file).take(len - position)));
                    while let Some(line) = lines.next_line()? {
                        scanner.push_line(&line);
                        emit(&scanner, out)?;
                    }
                    position = len;
                    file.seek(SeekFrom::Start(position))?;
                }
                std::thread::sleep(FOLLOW_POLL);
            }
        }
    }
    Ok(ExitCode::from(if shown.is_empty() {
        EXIT_NOT_FOUND
    } else {
        EXIT_FOUND
    }))
}

/// `--follow` takes at most one file.
pub fn follow_target(text: &[String]) -> Result<Option<&Path>, u8> {
    match text {
        [] => Ok(None),
        [one] => Ok(Some(Path::new(one))),
        _ => {
            warn("explain --follow takes one file (or reads standard input)");
            Err(EXIT_ERROR)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(bytes: &[u8]) -> Vec<String> {
        let mut r = BoundedLines::new(io::Cursor::new(bytes.to_vec()));
        std::iter::from_fn(|| r.next_line().unwrap()).collect()
    }

    #[test]
    fn lines_are_bounded_and_lossy() {
        assert_eq!(lines_of(b"a\nb\r\nc"), ["a", "b\r", "c"]);
        assert_eq!(lines_of(b"x\xffy\n"), ["x\u{fffd}y"]);
        let long = vec![b'a'; MAX_LINE_BYTES * 3];
        let got = lines_of(&[long.as_slice(), b"\nz\n"].concat());
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].len(), MAX_LINE_BYTES);
        assert_eq!(got[1], "z");
        assert!(lines_of(b"").is_empty());
    }
}

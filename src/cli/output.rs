//! Standard output that remembers whether writing to it failed, so that an I/O error at the end
//! of a command is told apart: a failed write (a full disk) is "cannot write to standard output",
//! a failed read (`explain < DIR`) is "cannot read the input" — the error alone does not say which.

use std::io::{self, Write};

/// A writer that records its first failure.
pub struct TrackedOutput<W: Write> {
    inner: W,
    failed: bool,
}

impl<W: Write> TrackedOutput<W> {
    pub fn new(inner: W) -> TrackedOutput<W> {
        TrackedOutput {
            inner,
            failed: false,
        }
    }

    /// Has a write or flush to it failed?
    pub fn failed(&self) -> bool {
        self.failed
    }

    fn track<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        if result.is_err() {
            self.failed = true;
        }
        result
    }
}

impl<W: Write> Write for TrackedOutput<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.track(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.track(result)
    }
}

/// Puts the side an I/O error happened on in front of it; other errors already say what failed.
pub fn classify(err: anyhow::Error, output_failed: bool) -> anyhow::Error {
    if output_failed {
        err.context("cannot write to standard output")
    } else if err.downcast_ref::<io::Error>().is_some() {
        err.context("cannot read the input")
    } else {
        err
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from_raw_os_error(28))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failed_write_is_a_write_error_and_a_bare_io_error_otherwise_a_read_error() {
        let mut out = TrackedOutput::new(Full);
        assert!(!out.failed());
        assert!(out.write_all(b"x").is_err());
        assert!(out.failed());
        let write = classify(anyhow::Error::from(io::Error::from_raw_os_error(28)), true);
        assert!(format!("{write:#}").starts_with("cannot write to standard output"));
        let read = classify(anyhow::Error::from(io::Error::from_raw_os_error(21)), false);
        assert!(
            format!("{read:#}").starts_with("cannot read the input"),
            "{read:#}"
        );
        let other = classify(anyhow::anyhow!("reading x.js: no ErrorCode map"), false);
        assert_eq!(format!("{other:#}"), "reading x.js: no ErrorCode map");
    }
}

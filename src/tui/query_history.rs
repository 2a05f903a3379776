//! Queries typed before, this run and earlier ones: Alt-↑ recalls older ones, Alt-↓ newer ones
//! and finally what was being typed. Kept in the data directory, bounded in count and length.

use std::path::{Path, PathBuf};

/// The most queries kept; the oldest go first.
pub const MAX_QUERIES: usize = 200;
/// Longer queries are not worth recalling (and a file of them is not worth reading).
const MAX_QUERY_CHARS: usize = 256;
/// The file is never read past this size.
const MAX_FILE_BYTES: u64 = 128 * 1024;
/// Points the data directory elsewhere (the tests use it).
pub const DATA_DIR_ENV: &str = "TRTC_ERRORS_DATA_DIR";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryHistory {
    /// Oldest first, each once.
    queries: Vec<String>,
    /// The query recalled last, by index; `None` while the user types their own.
    at: Option<usize>,
    /// What was typed before recalling began, given back past the newest query.
    draft: String,
}

impl QueryHistory {
    pub fn from_queries(queries: impl IntoIterator<Item = String>) -> QueryHistory {
        let mut history = QueryHistory::default();
        for query in queries {
            history.record(&query);
        }
        history
    }

    pub fn queries(&self) -> &[String] {
        &self.queries
    }

    /// Remembers a query the user acted on (copied, opened, quit with); the newest is last.
    pub fn record(&mut self, query: &str) {
        let query = query.trim();
        if query.is_empty()
            || query.chars().count() > MAX_QUERY_CHARS
            || query.chars().any(char::is_control)
        {
            return;
        }
        self.queries.retain(|q| q != query);
        self.queries.push(query.to_string());
        if self.queries.len() > MAX_QUERIES {
            let extra = self.queries.len() - MAX_QUERIES;
            self.queries.drain(..extra);
        }
        self.at = None;
    }

    /// The query before the one shown (`current` is the query line now: when it is not the
    /// recalled one, the user typed, and recalling starts again from the newest).
    pub fn older(&mut self, current: &str) -> Option<String> {
        if self
            .at
            .and_then(|i| self.queries.get(i))
            .map(String::as_str)
            != Some(current)
        {
            self.at = None;
        }
        let at = match self.at {
            None => {
                self.draft = current.to_string();
                self.queries.len().checked_sub(1)?
            }
            Some(i) => i.checked_sub(1)?,
        };
        self.at = Some(at);
        Some(self.queries[at].clone())
    }

    /// The query after the one shown; past the newest, what was being typed.
    pub fn newer(&mut self) -> Option<String> {
        let at = self.at?;
        if at + 1 < self.queries.len() {
            self.at = Some(at + 1);
            Some(self.queries[at + 1].clone())
        } else {
            self.at = None;
            Some(std::mem::take(&mut self.draft))
        }
    }
}

/// Where the history is kept: `$TRTC_ERRORS_DATA_DIR`, else the platform's data directory.
pub fn history_file() -> Option<PathBuf> {
    let dir = match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => directories::ProjectDirs::from("", "", "trtc-errors")?
            .data_dir()
            .to_path_buf(),
    };
    dir.is_absolute().then(|| dir.join("query-history"))
}

/// Reads the history; a missing, unreadable or odd file is an empty history.
pub fn load(path: &Path) -> QueryHistory {
    use std::io::Read;
    let mut text = String::new();
    let read =
        std::fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES).read_to_string(&mut text));
    if read.is_err() {
        return QueryHistory::default();
    }
    QueryHistory::from_queries(text.lines().map(str::to_string))
}

/// Writes the history (owner-only, through a temporary file renamed into place).
pub fn save(path: &Path, history: &QueryHistory) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temp = path.with_extension(format!("{}.tmp", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&temp)?;
    for query in history.queries() {
        writeln!(file, "{query}")?;
    }
    file.sync_all()?;
    std::fs::rename(&temp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recall_walks_back_then_returns_the_draft() {
        let mut h = QueryHistory::from_queries(["a".into(), "b".into(), "a".into()]);
        assert_eq!(h.queries(), ["b", "a"]);
        assert_eq!(h.older("typed").as_deref(), Some("a"));
        assert_eq!(h.older("a").as_deref(), Some("b"));
        assert_eq!(h.older("b"), None);
        assert_eq!(h.newer().as_deref(), Some("a"));
        assert_eq!(h.newer().as_deref(), Some("typed"));
        assert_eq!(h.newer(), None);
        // Typing in between starts again from the newest.
        assert_eq!(h.older("x").as_deref(), Some("a"));
        assert_eq!(h.older("a edited").as_deref(), Some("a"));
    }

    #[test]
    fn bounded_and_clean() {
        let mut h = QueryHistory::default();
        for n in 0..(MAX_QUERIES + 50) {
            h.record(&format!("q{n}"));
        }
        assert_eq!(h.queries().len(), MAX_QUERIES);
        assert_eq!(h.queries()[0], "q50");
        h.record("\x1b]52;c;x");
        h.record(&"x".repeat(MAX_QUERY_CHARS + 1));
        h.record("   ");
        assert_eq!(h.queries().len(), MAX_QUERIES);
    }

    #[test]
    fn kept_across_runs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("query-history");
        let h = QueryHistory::from_queries(["进房".into(), "0x4004".into()]);
        save(&path, &h).unwrap();
        assert_eq!(load(&path), h);
        assert_eq!(load(&dir.path().join("missing")), QueryHistory::default());
    }
}

//! The user's preferences: `~/.config/trtc-errors/config.toml` (the platform's config directory),
//! plus every catalog file in `~/.config/trtc-errors/catalogs/`.
//!
//! A broken config file never stops the tool: it is named with line and column in a warning and the
//! defaults apply.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::catalog::Family;
use crate::explanation::Lang;
use crate::read_limited::{check_regular_file, read_regular_file};
use crate::render::Format;
use crate::sanitize::sanitize;

/// The most `config.toml` may hold; a larger file is refused rather than read.
pub const CONFIG_FILE_LIMIT: u64 = 1024 * 1024;

/// Overrides the config directory (tests, and users who keep dotfiles elsewhere).
pub const CONFIG_DIR_ENV: &str = "TRTC_ERRORS_CONFIG_DIR";

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub const ALL: [ColorChoice; 3] = [ColorChoice::Auto, ColorChoice::Always, ColorChoice::Never];

    pub fn as_str(self) -> &'static str {
        match self {
            ColorChoice::Auto => "auto",
            ColorChoice::Always => "always",
            ColorChoice::Never => "never",
        }
    }

    /// Whether to colour, given whether the output is a terminal. `NO_COLOR` turns `auto` off.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// What `config.toml` may say. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The TUI's initial copy format.
    pub copy_format: Option<Format>,
    /// The initial description language (TUI and CLI).
    pub lang: Option<Lang>,
    /// Colour for CLI output.
    pub color: Option<ColorChoice>,
    /// Only this SDK family (teams on one SDK): `web4`, `web5` or `native`.
    pub sdk: Option<Family>,
    /// More catalog files to load after the built-in one.
    #[serde(default)]
    pub catalogs: Vec<PathBuf>,
}

/// What became of `config.toml`: `config show` says which file was read, or why none was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FileState {
    /// `--no-config`: neither the file nor the catalogs directory was looked at.
    #[default]
    Ignored,
    /// No config directory on this system (no home directory).
    NoDirectory,
    NotFound,
    Read,
    /// It exists but could not be read or parsed; a warning says why, the defaults apply.
    Broken,
}

impl FileState {
    pub fn as_str(self) -> &'static str {
        match self {
            FileState::Ignored => "ignored (--no-config)",
            FileState::NoDirectory => "none (no config directory on this system)",
            FileState::NotFound => "none (no such file; defaults apply)",
            FileState::Read => "read",
            FileState::Broken => "not used (see the warning; defaults apply)",
        }
    }
}

/// A config catalog that was not loaded, and why. Broken files in the catalogs directory (or named
/// in `catalogs = [...]`) are skipped with a warning; the exit code is unaffected. A `--catalog`
/// file that is broken is an error instead: the user asked for it on this command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    /// What is wrong, naming the file (and line and column when the file was parsed).
    pub reason: String,
}

/// The config in effect and how it was found.
#[derive(Debug, Clone, Default)]
pub struct LoadedConfig {
    pub config: Config,
    /// Where the config file is (or would be).
    pub path: Option<PathBuf>,
    pub state: FileState,
    /// The directory whose `*.toml` files are extra catalogs.
    pub catalog_dir: Option<PathBuf>,
    /// Config catalogs that were not loaded (each is also in `warnings`).
    pub skipped: Vec<Skipped>,
    /// Problems found, for the user to see; the tool carries on.
    pub warnings: Vec<String>,
}

impl LoadedConfig {
    /// Extra catalog files: those named in the config, then `catalogs/*.toml` in name order.
    /// Entries of `catalogs/` that are not regular files are left out (`load_from` warned of them).
    pub fn catalog_files(&self) -> Vec<PathBuf> {
        let mut files = self.config.catalogs.clone();
        if let Some(dir) = &self.catalog_dir {
            files.extend(list_catalog_dir(dir).0);
        }
        files
    }
}

/// The `*.toml` regular files in `dir`, in name order, and each `*.toml` entry that is not one (a
/// FIFO there would hang whatever reads it; a directory or dangling link cannot load).
/// A missing or unreadable directory simply has no catalogs.
fn list_catalog_dir(dir: &Path) -> (Vec<PathBuf>, Vec<Skipped>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return (Vec::new(), Vec::new());
    };
    let mut candidates: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    candidates.sort();
    let mut files = Vec::with_capacity(candidates.len());
    let mut skipped = Vec::new();
    for path in candidates {
        match check_regular_file(&path) {
            Ok(()) => files.push(path),
            Err(e) => skipped.push(Skipped {
                reason: format!("{}: {e}", path.display()),
                path,
            }),
        }
    }
    (files, skipped)
}

/// The config directory: `$TRTC_ERRORS_CONFIG_DIR`, else the platform's (XDG on Linux).
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "trtc-errors").map(|d| d.config_dir().to_path_buf())
}

/// Loads the config from the default place. Never fails: problems become warnings.
pub fn load() -> LoadedConfig {
    match config_dir() {
        Some(dir) => load_from(&dir),
        None => LoadedConfig {
            state: FileState::NoDirectory,
            warnings: vec!["no home directory found; using default settings".to_string()],
            ..LoadedConfig::default()
        },
    }
}

/// Loads `dir/config.toml` and notes `dir/catalogs/`, warning of entries there that are not regular
/// files. The config file's own warning, if any, comes first.
pub fn load_from(dir: &Path) -> LoadedConfig {
    let mut loaded = load_config_file(dir);
    if let Some(catalog_dir) = &loaded.catalog_dir {
        for skipped in list_catalog_dir(catalog_dir).1 {
            loaded.warnings.push(format!("{}; skipped", skipped.reason));
            loaded.skipped.push(skipped);
        }
    }
    // Warnings quote file names and TOML values; every surface (stderr, `config show`, the
    // browser's status line) gets them already made safe.
    for text in loaded
        .warnings
        .iter_mut()
        .chain(loaded.skipped.iter_mut().map(|s| &mut s.reason))
    {
        *text = sanitize(text).into_owned();
    }
    loaded
}

/// `dir/config.toml`, read as a regular file of at most `CONFIG_FILE_LIMIT` bytes.
fn load_config_file(dir: &Path) -> LoadedConfig {
    let path = dir.join("config.toml");
    let mut loaded = LoadedConfig {
        path: Some(path.clone()),
        state: FileState::Broken,
        catalog_dir: Some(dir.join("catalogs")),
        ..LoadedConfig::default()
    };
    let text = match read_regular_file(&path, CONFIG_FILE_LIMIT) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                loaded.warnings.push(format!(
                    "{}: cannot read (not valid UTF-8); using default settings",
                    path.display()
                ));
                return loaded;
            }
        },
        Err(e) if e.is_not_found() => {
            loaded.state = FileState::NotFound;
            return loaded;
        }
        Err(e) => {
            loaded.warnings.push(format!(
                "{}: cannot read ({e}); using default settings",
                path.display()
            ));
            return loaded;
        }
    };
    match toml::from_str::<Config>(&text) {
        Ok(config) => {
            loaded.config = config;
            loaded.state = FileState::Read;
        }
        Err(e) => {
            let offset = e.span().map(|s| s.start).unwrap_or(0);
            let (line, column) = crate::catalog::line_column(&text, offset);
            loaded.warnings.push(format!(
                "{}:{line}:{column}: {}; using default settings",
                path.display(),
                e.message().trim()
            ));
        }
    }
    loaded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_config_warns_with_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "lang = \"zh\"\ncopy_format = 3\n",
        )
        .unwrap();
        let loaded = load_from(dir.path());
        assert_eq!(loaded.config, Config::default());
        assert_eq!(loaded.warnings.len(), 1);
        assert!(
            loaded.warnings[0].contains("config.toml:2:15"),
            "{}",
            loaded.warnings[0]
        );
    }

    #[test]
    fn good_config_and_catalog_dir() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "lang = \"en\"\ncopy_format = \"markdown\"\n",
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("catalogs")).unwrap();
        std::fs::write(dir.path().join("catalogs/b.toml"), "").unwrap();
        std::fs::write(dir.path().join("catalogs/a.toml"), "").unwrap();
        std::fs::write(dir.path().join("catalogs/notes.txt"), "").unwrap();
        let loaded = load_from(dir.path());
        assert!(loaded.warnings.is_empty());
        assert_eq!(loaded.config.lang, Some(Lang::En));
        let files = loaded.catalog_files();
        let names: Vec<_> = files
            .iter()
            .map(|f| f.file_name().unwrap().to_str().unwrap())
            .collect();
        assert_eq!(names, vec!["a.toml", "b.toml"]);
    }

    #[test]
    fn missing_config_is_not_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load_from(dir.path()).warnings.is_empty());
    }

    #[test]
    fn oversized_config_is_refused_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let mut text = "lang = \"en\"\n".to_string();
        text.push_str(&"#".repeat(CONFIG_FILE_LIMIT as usize));
        std::fs::write(dir.path().join("config.toml"), text).unwrap();
        let loaded = load_from(dir.path());
        assert_eq!(loaded.config, Config::default());
        assert_eq!(loaded.warnings.len(), 1);
        assert!(
            loaded.warnings[0].contains("config.toml: cannot read (file is larger than 1048576 bytes); using default settings"),
            "{}",
            loaded.warnings[0]
        );
    }

    #[test]
    fn config_that_is_a_directory_is_refused_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("config.toml")).unwrap();
        let loaded = load_from(dir.path());
        assert_eq!(loaded.warnings.len(), 1);
        assert!(
            loaded.warnings[0].contains("not a regular file: it is a directory"),
            "{}",
            loaded.warnings[0]
        );
    }

    #[cfg(unix)]
    mod unix {
        use super::*;
        use crate::read_limited::test_support::{mkfifo, within_deadline};

        #[test]
        fn fifo_as_config_returns_promptly_with_a_warning() {
            let dir = tempfile::tempdir().unwrap();
            mkfifo(&dir.path().join("config.toml"));
            let path = dir.path().to_path_buf();
            let loaded = within_deadline(move || load_from(&path));
            assert_eq!(loaded.config, Config::default());
            assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
            assert!(
                loaded.warnings[0].ends_with(
                    "config.toml: cannot read (not a regular file: it is a FIFO); \
                     using default settings"
                ),
                "{}",
                loaded.warnings[0]
            );
        }

        #[test]
        fn fifo_in_catalogs_is_skipped_with_a_warning() {
            let dir = tempfile::tempdir().unwrap();
            let catalogs = dir.path().join("catalogs");
            std::fs::create_dir(&catalogs).unwrap();
            std::fs::write(catalogs.join("a.toml"), "").unwrap();
            mkfifo(&catalogs.join("b.toml"));
            std::fs::create_dir(catalogs.join("c.toml")).unwrap();
            std::os::unix::fs::symlink(catalogs.join("a.toml"), catalogs.join("d.toml")).unwrap();
            mkfifo(&catalogs.join("e.txt"));
            let path = dir.path().to_path_buf();
            let loaded = within_deadline(move || load_from(&path));
            assert_eq!(loaded.warnings.len(), 2, "{:?}", loaded.warnings);
            assert!(
                loaded.warnings[0].ends_with("b.toml: not a regular file: it is a FIFO; skipped"),
                "{}",
                loaded.warnings[0]
            );
            assert!(
                loaded.warnings[1]
                    .ends_with("c.toml: not a regular file: it is a directory; skipped"),
                "{}",
                loaded.warnings[1]
            );
            let names: Vec<_> = within_deadline(move || loaded.catalog_files())
                .iter()
                .map(|f| f.file_name().unwrap().to_str().unwrap().to_string())
                .collect();
            assert_eq!(names, vec!["a.toml", "d.toml"]);
        }

        #[test]
        fn config_warning_comes_before_catalog_warnings() {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("config.toml"), "lang = 3\n").unwrap();
            std::fs::create_dir(dir.path().join("catalogs")).unwrap();
            mkfifo(&dir.path().join("catalogs/x.toml"));
            let loaded = load_from(dir.path());
            assert_eq!(loaded.warnings.len(), 2, "{:?}", loaded.warnings);
            assert!(
                loaded.warnings[0].contains("config.toml:1:8"),
                "{}",
                loaded.warnings[0]
            );
            assert!(
                loaded.warnings[1].contains("x.toml"),
                "{}",
                loaded.warnings[1]
            );
        }
    }
}

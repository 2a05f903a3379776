//! What both shells start from: the settings in effect and the catalogs loaded into one engine.
//! Neither clap nor the terminal appears here; the CLI and the TUI each build [`Options`].

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::cache::{self, CacheKey};
use crate::catalog::{read_catalog_file, Catalog, CatalogError, Scope};
use crate::config::{self, ColorChoice, LoadedConfig};
use crate::explanation::Lang;
use crate::render::Format;
use crate::search::Engine;

/// Settings given on the command line (or by a test), before the config fills the gaps.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub catalogs: Vec<PathBuf>,
    pub format: Option<Format>,
    pub lang: Option<Lang>,
    pub color: Option<ColorChoice>,
    pub scope: Scope,
    pub no_config: bool,
}

/// Everything a command needs: the engine (catalog + index), and the settings in effect.
pub struct Session {
    pub engine: Engine,
    pub format: Format,
    pub lang: Lang,
    pub color: bool,
    /// Which families / categories / version the user limited every command to.
    pub scope: Scope,
    pub config: LoadedConfig,
    /// What the command line asked for, before the config filled the gaps (`config show` tells
    /// which setting came from where).
    pub options: Options,
}

impl Session {
    pub fn catalog(&self) -> &Catalog {
        self.engine.catalog()
    }
}

/// The config (unless `no_config`). Its warnings are the caller's to show.
pub fn load_config(no_config: bool) -> LoadedConfig {
    if no_config {
        LoadedConfig::default()
    } else {
        config::load()
    }
}

/// Loads the catalogs: built-in, then config catalogs (broken ones are skipped, and each becomes
/// a warning in `loaded.warnings`), then `--catalog` files (a broken one is an error). Silent: see
/// [`load_reporting`] to say that a slow first load is under way.
pub fn load(
    options: &Options,
    loaded: LoadedConfig,
    stdout_is_terminal: bool,
) -> Result<Session, CatalogError> {
    load_reporting(options, loaded, stdout_is_terminal, &mut |_| {})
}

/// A progress reporter for [`load_reporting`] that writes the note to stderr and erases it when
/// loading is done, only when stderr is a terminal. For the command line: the browser, which owns
/// the screen, shows progress in its own loading frame.
pub fn stderr_progress() -> impl FnMut(Option<&str>) {
    let terminal = std::io::stderr().is_terminal();
    move |message| {
        if terminal {
            let mut err = std::io::stderr().lock();
            // `\r` + erase line: the note disappears once loading is done.
            let _ = match message {
                Some(m) => write!(err, "\r\x1b[K{m}"),
                None => write!(err, "\r\x1b[K"),
            };
            let _ = err.flush();
        }
    }
}

/// Like [`load`], telling `report` when a slow first load starts (`Some(note)`, already sanitized)
/// and ends (`None`): [`stderr_progress`] on the command line, the loading frame in the browser.
pub fn load_reporting(
    options: &Options,
    mut loaded: LoadedConfig,
    stdout_is_terminal: bool,
    report: &mut dyn FnMut(Option<&str>),
) -> Result<Session, CatalogError> {
    let engine = load_engine(options, &mut loaded, report)?;
    let color_choice = options.color.or(loaded.config.color).unwrap_or_default();
    let mut scope = options.scope;
    if scope.family.is_none() {
        scope.family = loaded.config.sdk;
    }
    Ok(Session {
        engine,
        format: options.format.unwrap_or_default(),
        lang: options.lang.or(loaded.config.lang).unwrap_or_default(),
        color: color_choice.enabled(stdout_is_terminal),
        scope,
        config: loaded,
        options: options.clone(),
    })
}

/// What loading `catalog_bytes` of TOML costs in address space, on the safe side: a 26 MB catalog
/// peaks at 197 MB resident and needs between 300 and 400 MB of address space (thread stacks,
/// allocator reservations), so twelve times the text plus the program itself.
fn memory_needed(catalog_bytes: u64) -> u64 {
    64 * 1024 * 1024 + catalog_bytes * 12
}

/// Refuses, with a message, a load that cannot fit under the address-space limit (`ulimit -v`):
/// running out of memory half-way aborts the process without a word (exit 134).
fn check_memory_for(catalog_bytes: u64, files: &[(PathBuf, bool)]) -> Result<(), CatalogError> {
    let Some(limit) = address_space_limit() else {
        return Ok(());
    };
    let needed = memory_needed(catalog_bytes);
    if needed <= limit {
        return Ok(());
    }
    let path = match files {
        [(one, _)] => one.display().to_string(),
        _ => format!("{} catalog files", files.len()),
    };
    Err(CatalogError::TooLittleMemory {
        path,
        catalog_bytes,
        needed,
        limit,
    })
}

/// The process's address-space limit in bytes, when there is one.
#[cfg(unix)]
fn address_space_limit() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes one rlimit struct, which `limit` is, and reads nothing else.
    let ok = unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut limit) } == 0;
    // rlim_t is u64 here but not on every unix.
    #[allow(clippy::unnecessary_cast)]
    (ok && limit.rlim_cur != libc::RLIM_INFINITY).then_some(limit.rlim_cur as u64)
}

#[cfg(not(unix))]
fn address_space_limit() -> Option<u64> {
    None
}

/// Catalog files smaller than this together are parsed at every start (a few milliseconds); larger
/// sets are cached.
const CACHE_FROM_BYTES: u64 = 256 * 1024;
/// A first load of this much TOML takes long enough to say so.
const REPORT_FROM_BYTES: u64 = 4 * 1024 * 1024;

/// The engine over every catalog, from the cache when one matches the files' contents.
fn load_engine(
    options: &Options,
    loaded: &mut LoadedConfig,
    report: &mut dyn FnMut(Option<&str>),
) -> Result<Engine, CatalogError> {
    let files: Vec<(PathBuf, bool)> = loaded
        .catalog_files()
        .into_iter()
        .map(|f| (f, false))
        .chain(options.catalogs.iter().map(|f| (f.clone(), true)))
        .collect();
    if files.is_empty() {
        return Ok(Engine::new(Catalog::builtin()?));
    }
    // Stamped from their metadata; anything unreadable means no cache, and the loader below
    // reports it.
    let stamp_all = || -> Option<Vec<cache::FileStamp>> {
        files.iter().map(|(f, _)| cache::stamp_file(f)).collect()
    };
    let stamps = stamp_all();
    let total: u64 = stamps.iter().flatten().map(|s| s.len).sum();
    check_memory_for(total, &files)?;
    let dir = cache::cache_dir().filter(|_| stamps.is_some() && total >= CACHE_FROM_BYTES);
    let names: Vec<String> = files.iter().map(|(f, _)| f.display().to_string()).collect();
    let key_of = |stamps: &[cache::FileStamp]| {
        CacheKey::new(
            names
                .iter()
                .map(String::as_str)
                .zip(stamps.iter().map(|s| s.id)),
        )
    };
    if let (Some(dir), Some(stamps)) = (&dir, &stamps) {
        if let Some(engine) = read_cached(dir, key_of(stamps)) {
            return Ok(engine);
        }
    }
    if total >= REPORT_FROM_BYTES {
        let later = if dir.is_some() {
            " (once; later starts use a cache)"
        } else {
            ""
        };
        let note = format!(
            "trtc-errors: reading {} MB of catalogs{later}…",
            total / 1_000_000
        );
        report(Some(&crate::sanitize::sanitize(&note)));
    }
    let mut catalog = Catalog::builtin()?;
    let mut loaded_files = Vec::with_capacity(files.len());
    let mut clean = true;
    for (file, required) in &files {
        match read_catalog_file(file) {
            Ok(entries) => loaded_files.push(entries),
            Err(e) if *required => {
                report(None);
                return Err(e);
            }
            Err(e) => {
                let reason = crate::sanitize::sanitize(&e.to_string()).into_owned();
                loaded
                    .warnings
                    .push(format!("skipped config catalog: {reason}"));
                loaded.skipped.push(config::Skipped {
                    path: file.clone(),
                    reason,
                });
                clean = false;
            }
        }
    }
    // Merged once: settling after each of 100,000 small files re-sorted the whole catalog each time.
    catalog.merge_all(loaded_files);
    let engine = Engine::new(catalog);
    // Only a set that loaded without a warning is cached (a cache hit could not repeat the
    // warning), and only files that had settled before they were read and did not change while
    // they were parsed (see `cache::SETTLE`): the key must describe what was parsed.
    let settled = stamps
        .as_ref()
        .is_some_and(|before| before.iter().all(|s| s.settled) && stamp_all() == stamps);
    if let (Some(dir), true) = (&dir, clean && settled) {
        let key = key_of(stamps.as_deref().unwrap_or_default());
        // A cache that cannot be written (read-only home, full disk) only costs the next start time.
        let _ = cache::write(dir, key, engine.catalog(), engine.index().archive_bytes());
    }
    report(None);
    Ok(engine)
}

/// The engine from the cache file for `key` in `dir`, when one is there and checks out.
pub fn read_cached(dir: &Path, key: CacheKey) -> Option<Engine> {
    let cached = cache::read(dir, key)?;
    Some(Engine::from_archive(cached.catalog, cached.index))
}

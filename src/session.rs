//! What both shells start from: the settings in effect and the catalogs loaded into one engine.
//! Neither clap nor the terminal appears here; the CLI and the TUI each build [`Options`].

use std::path::PathBuf;

use crate::catalog::{Catalog, CatalogError, Scope};
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
/// a warning in `loaded.warnings`), then `--catalog` files (a broken one is an error).
pub fn load(
    options: &Options,
    mut loaded: LoadedConfig,
    stdout_is_terminal: bool,
) -> Result<Session, CatalogError> {
    let mut catalog = Catalog::builtin()?;
    for file in loaded.catalog_files() {
        if let Err(e) = catalog.load_file(&file) {
            let reason = crate::sanitize::sanitize(&e.to_string()).into_owned();
            loaded
                .warnings
                .push(format!("skipped config catalog: {reason}"));
            loaded.skipped.push(config::Skipped { path: file, reason });
        }
    }
    for file in &options.catalogs {
        catalog.load_file(file)?;
    }
    let color_choice = options.color.or(loaded.config.color).unwrap_or_default();
    let mut scope = options.scope;
    if scope.family.is_none() {
        scope.family = loaded.config.sdk;
    }
    Ok(Session {
        engine: Engine::new(catalog),
        format: options.format.unwrap_or_default(),
        lang: options.lang.or(loaded.config.lang).unwrap_or_default(),
        color: color_choice.enabled(stdout_is_terminal),
        scope,
        config: loaded,
        options: options.clone(),
    })
}

//! `config show`: the settings in effect after the command line, the environment and the config
//! file, where each came from, which config file was read, and which catalogs were loaded or
//! skipped (and why). Text reads like a config file a user could paste; JSON is for scripts.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::{self, ColorChoice, FileState, CONFIG_DIR_ENV};
use crate::render::json::to_json;
use crate::render::Format;
use crate::sanitize::sanitize;
use crate::session::Session;

/// Where a setting's value came from, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Origin {
    CommandLine,
    ConfigFile,
    Default,
}

impl Origin {
    fn as_str(self) -> &'static str {
        match self {
            Origin::CommandLine => "command line",
            Origin::ConfigFile => "config file",
            Origin::Default => "default",
        }
    }

    fn of<T>(flag: Option<T>, file: Option<T>) -> Origin {
        match (flag, file) {
            (Some(_), _) => Origin::CommandLine,
            (None, Some(_)) => Origin::ConfigFile,
            (None, None) => Origin::Default,
        }
    }
}

#[derive(Debug, Serialize)]
struct Setting {
    name: &'static str,
    /// `None` when the setting is unset (`sdk`: every family).
    value: Option<String>,
    from: Origin,
    /// What the value means here: colour on or off and why, an unset value's meaning.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Debug, Serialize)]
struct CatalogFile {
    file: String,
    /// `config file` (its `catalogs = [...]` list), `catalogs directory` or `command line`.
    from: &'static str,
}

#[derive(Debug, Serialize)]
struct SkippedFile {
    file: String,
    reason: String,
}

#[derive(Debug, Serialize)]
struct Report {
    config_file: Option<String>,
    config_file_state: &'static str,
    /// Set when `TRTC_ERRORS_CONFIG_DIR` chose the config directory.
    config_dir_env: Option<String>,
    settings: Vec<Setting>,
    catalogs: Vec<CatalogFile>,
    skipped: Vec<SkippedFile>,
    warnings: Vec<String>,
}

fn shown(path: &Path) -> String {
    sanitize(&path.display().to_string()).into_owned()
}

fn report(session: &Session) -> Report {
    let loaded = &session.config;
    let file = &loaded.config;
    let asked = &session.options;
    let color_choice = asked.color.or(file.color).unwrap_or_default();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color_note = match (color_choice, session.color) {
        (_, true) => "on",
        (ColorChoice::Auto, false) if no_color => "off: NO_COLOR is set",
        (ColorChoice::Auto, false) => "off: standard output is not a terminal",
        (_, false) => "off",
    };
    let family = session.scope.family;
    let settings = vec![
        Setting {
            name: "format",
            value: Some(session.format.as_str().to_string()),
            from: Origin::of(asked.format, None),
            note: None,
        },
        Setting {
            name: "copy_format",
            value: Some(file.copy_format.unwrap_or_default().as_str().to_string()),
            from: Origin::of(None, file.copy_format),
            note: Some("the browser's initial copy format".to_string()),
        },
        Setting {
            name: "lang",
            value: Some(session.lang.as_str().to_string()),
            from: Origin::of(asked.lang, file.lang),
            note: None,
        },
        Setting {
            name: "color",
            value: Some(color_choice.as_str().to_string()),
            from: Origin::of(asked.color, file.color),
            note: Some(color_note.to_string()),
        },
        Setting {
            name: "sdk",
            value: family.map(|f| f.as_str().to_string()),
            from: Origin::of(asked.scope.family, file.sdk),
            note: family.is_none().then(|| "every SDK family".to_string()),
        },
        Setting {
            name: "sdk_version",
            value: session.scope.version.map(|v| v.to_string()),
            from: Origin::of(asked.scope.version, None),
            note: session
                .scope
                .version
                .is_none()
                .then(|| "every version".to_string()),
        },
    ];

    let skipped_paths: Vec<&PathBuf> = loaded.skipped.iter().map(|s| &s.path).collect();
    let from_file: Vec<PathBuf> = file.catalogs.clone();
    let mut catalogs: Vec<CatalogFile> = loaded
        .catalog_files()
        .iter()
        .filter(|f| !skipped_paths.contains(f))
        .map(|f| CatalogFile {
            file: shown(f),
            from: if from_file.contains(f) {
                "config file"
            } else {
                "catalogs directory"
            },
        })
        .collect();
    catalogs.extend(asked.catalogs.iter().map(|f| CatalogFile {
        file: shown(f),
        from: "command line",
    }));
    let skipped = loaded
        .skipped
        .iter()
        .map(|s| SkippedFile {
            file: shown(&s.path),
            reason: sanitize(&s.reason).into_owned(),
        })
        .collect();
    // Skipped catalogs are listed with their reason already; the other warnings follow.
    let warnings = loaded
        .warnings
        .iter()
        .filter(|w| !loaded.skipped.iter().any(|s| w.contains(&s.reason)))
        .map(|w| sanitize(w).into_owned())
        .collect();
    let config_dir_env = (loaded.state != FileState::Ignored)
        .then(|| std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()))
        .flatten()
        .map(|d| shown(Path::new(&d)));
    Report {
        config_file: loaded.path.as_deref().map(shown),
        config_file_state: loaded.state.as_str(),
        config_dir_env,
        settings,
        catalogs,
        skipped,
        warnings,
    }
}

/// A TOML string literal.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn render_text(report: &Report) -> String {
    let mut out = String::from(
        "# The settings in effect: the command line beats the config file, which beats the defaults.\n",
    );
    match &report.config_file {
        Some(path) => out.push_str(&format!(
            "# config file: {path}: {}\n",
            report.config_file_state
        )),
        None => out.push_str(&format!("# config file: {}\n", report.config_file_state)),
    }
    if let Some(dir) = &report.config_dir_env {
        out.push_str(&format!("# config directory from {CONFIG_DIR_ENV}={dir}\n"));
    }
    for s in &report.settings {
        let note = s
            .note
            .as_deref()
            .map(|n| format!("; {n}"))
            .unwrap_or_default();
        match &s.value {
            Some(v) => out.push_str(&format!(
                "{} = {}  # {}{note}\n",
                s.name,
                quoted(v),
                s.from.as_str()
            )),
            None => out.push_str(&format!("# {} unset{note}\n", s.name)),
        }
    }
    let list: Vec<String> = report
        .catalogs
        .iter()
        .filter(|c| c.from != "command line")
        .map(|c| quoted(&c.file))
        .collect();
    out.push_str(&format!(
        "catalogs = [{}]  # loaded: the config file's list, then catalogs/*.toml\n",
        list.join(", ")
    ));
    for c in report.catalogs.iter().filter(|c| c.from == "command line") {
        out.push_str(&format!("# catalog from the command line: {}\n", c.file));
    }
    for s in &report.skipped {
        out.push_str(&format!("# skipped catalog: {}\n", s.reason));
    }
    for w in &report.warnings {
        out.push_str(&format!("# warning: {w}\n"));
    }
    out
}

/// What `config show` prints in `format` (Markdown prints the text form).
pub fn render(session: &Session, format: Format) -> String {
    let report = report(session);
    match format {
        Format::Json => to_json(&report) + "\n",
        Format::Text | Format::Markdown => render_text(&report),
    }
}

/// The config file's path, for `config path`: where it is, or would be.
pub fn config_path(session: &Session) -> String {
    match session
        .config
        .path
        .clone()
        .or_else(|| config::config_dir().map(|d| d.join("config.toml")))
    {
        Some(p) => shown(&p),
        None => "(no config directory on this system)".to_string(),
    }
}

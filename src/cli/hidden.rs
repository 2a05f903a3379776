//! Why a code or a search found nothing: when the session's filters (`--sdk`, `--sdk-version`,
//! the config's `sdk`) hid what the whole catalog has, say which filter hid what, so a setting made
//! six months ago does not look like a broken tool.

use crate::catalog::{defined_in, CatalogEntry, Family, Scope};
use crate::explanation::{title, View};
use crate::session::Session;

/// The filter that hides `entry` from `scope`, worded as the user set it; `None` when none does.
pub fn filter_hiding(session: &Session, scope: Scope, entry: &CatalogEntry) -> Option<String> {
    if let Some(family) = scope.family.filter(|&f| f != entry.family) {
        return Some(family_filter(session, family));
    }
    if let Some(category) = scope.category.filter(|&c| c != entry.category) {
        return Some(format!("--category {category}"));
    }
    if let Some(v) = scope.version.filter(|&v| !defined_in(entry, v)) {
        let defined = match (&entry.since, &entry.until) {
            (Some(since), Some(until)) => format!("defined in {since}–{until}"),
            (Some(since), None) => format!("defined from {since}"),
            (None, Some(until)) => format!("defined up to {until}"),
            (None, None) => "not defined in it".to_string(),
        };
        return Some(format!("--sdk-version {v} ({defined})"));
    }
    None
}

/// Where the family filter came from: the command line (`--sdk`, or the family of
/// `--sdk-version`) or the config file.
fn family_filter(session: &Session, family: Family) -> String {
    let asked = session.options.scope;
    if asked.family == Some(family) {
        match asked.version {
            Some(v) if v.family() == Some(family) => {
                format!("--sdk-version {v} (a {} version)", family.label())
            }
            _ => format!("--sdk {family}"),
        }
    } else {
        let place = match &session.config.path {
            Some(path) => format!(" in {}", path.display()),
            None => String::new(),
        };
        format!("sdk = \"{family}\"{place}")
    }
}

/// One line per hidden hit: `web4:0x4004 JOIN_ROOM_FAILED is hidden by sdk = "web5" in …`.
pub fn explain_hidden(session: &Session, scope: Scope, hidden: &[usize]) -> Vec<String> {
    let catalog = session.catalog();
    hidden
        .iter()
        .filter_map(|&i| {
            let entry = catalog.entry(i);
            let why = filter_hiding(session, scope, entry)?;
            let view = View::new(session.lang, None);
            let name = format!("{} {}", entry.qualified(), title(entry, &view));
            Some(format!("{name} is hidden by {why}"))
        })
        .collect()
}

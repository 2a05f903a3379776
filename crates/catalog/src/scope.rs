//! Which part of the catalog a command looks at: a family, a category, an SDK version.

use std::cmp::Ordering;

use crate::entry::{CatalogEntry, Category, Family};
use crate::version::SdkVersion;

/// The part of the catalog in view. The default admits everything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scope {
    pub family: Option<Family>,
    pub category: Option<Category>,
    /// Only codes this version defines (its family implied).
    pub version: Option<SdkVersion>,
}

impl Scope {
    /// A family's scope admits the server codes that family's SDK carries too: a 5.x user looks
    /// up -100006 under `--sdk web5` and meets it as 5400 + extraCode.
    pub fn admits(&self, entry: &CatalogEntry) -> bool {
        self.family.is_none_or(|f| in_family(entry, f))
            && self.category.is_none_or(|c| entry.category == c)
            && self.version.is_none_or(|v| defined_in(entry, v))
    }

    /// Does the scope admit everything?
    pub fn is_everything(&self) -> bool {
        *self == Scope::default()
    }
}

/// Is `entry` of `family`, or a server code that family's SDK carries?
pub fn in_family(entry: &CatalogEntry, family: Family) -> bool {
    entry.family == family || (entry.family == Family::Server && entry.carrier(family).is_some())
}

/// Does version `v` define `entry`? Entries of another family are not defined in it; entries
/// without version data (the server's account codes) are defined in every version of their family.
/// A server code is defined in the versions its carrier in `v`'s family was seen in (in all of
/// them when those are not written as versions, as the native SDK's `13.3.801 (d.ts)` is not).
pub fn defined_in(entry: &CatalogEntry, v: SdkVersion) -> bool {
    if entry.family == Family::Server {
        return v
            .family()
            .and_then(|f| entry.carrier(f))
            .is_some_and(|c| c.versions.contains(v) != Some(false));
    }
    if v.family() != Some(entry.family) {
        return false;
    }
    let after_since = entry
        .since
        .as_ref()
        .and_then(|s| s.cmp_with(v))
        .is_none_or(|o| o != Ordering::Less);
    let before_until = entry
        .until
        .as_ref()
        .and_then(|u| u.cmp_with(v))
        .is_none_or(|o| o != Ordering::Greater);
    after_since && before_until
}

/// The key as version `v` spells it (`SIGNAL_CAHNNEL_SETUP_FAILED` before 4.6.1).
pub fn key_in(entry: &CatalogEntry, v: SdkVersion) -> Option<&str> {
    // Walk renames newest first: from the newest spelling back past each rename `v` predates.
    // Entries have one or two renames; sorting references to them allocates only then.
    let newest = entry.renamed.iter().max_by_key(|r| r.version.version());
    let mut key = newest.map(|r| r.to.as_str()).or(entry.key.as_deref())?;
    if entry.renamed.len() == 1 {
        let r = &entry.renamed[0];
        if r.version.cmp_with(v) == Some(Ordering::Less) {
            key = &r.from;
        }
        return Some(key);
    }
    let mut renames: Vec<_> = entry.renamed.iter().collect();
    renames.sort_by_key(|r| std::cmp::Reverse(r.version.version()));
    for r in renames {
        if r.version.cmp_with(v) == Some(Ordering::Less) {
            key = &r.from;
        }
    }
    Some(key)
}

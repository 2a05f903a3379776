//! Which part of the catalog a command looks at: a family, a category, an SDK version.

use std::cmp::Ordering;
use std::fmt;

use super::entry::{CatalogEntry, Category, Family};

/// A published SDK version, `4.5.0` or `5.8.6`; pre-release suffixes are ignored for ordering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SdkVersion {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl SdkVersion {
    /// `4.5.0`, `v5.8.6`, `5.16.1-beta.12` (read as 5.16.1). `None` for anything else.
    pub fn parse(text: &str) -> Option<SdkVersion> {
        let text = text.trim().trim_start_matches(['v', 'V']);
        let core = text.split(['-', '+', ' ']).next()?;
        let mut parts = core.split('.');
        let mut number = || -> Option<u32> {
            let p = parts.next()?;
            (!p.is_empty() && p.len() <= 6 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let version = SdkVersion {
            major: number()?,
            minor: number().unwrap_or(0),
            patch: number().unwrap_or(0),
        };
        parts.next().is_none().then_some(version)
    }

    /// The family a version number belongs to: 4.x is `trtc-js-sdk`, 5.x `trtc-sdk-v5`.
    pub fn family(self) -> Option<Family> {
        match self.major {
            4 => Some(Family::Web4),
            5 => Some(Family::Web5),
            _ => None,
        }
    }

    /// Compares with a version string from the catalog; `None` when that string is not a version.
    fn cmp_text(self, text: &str) -> Option<Ordering> {
        SdkVersion::parse(text).map(|v| self.cmp(&v))
    }
}

impl fmt::Display for SdkVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The part of the catalog in view. The default admits everything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scope {
    pub family: Option<Family>,
    pub category: Option<Category>,
    /// Only codes this version defines (its family implied).
    pub version: Option<SdkVersion>,
}

impl Scope {
    pub fn admits(&self, entry: &CatalogEntry) -> bool {
        self.family.is_none_or(|f| entry.family == f)
            && self.category.is_none_or(|c| entry.category == c)
            && self.version.is_none_or(|v| defined_in(entry, v))
    }

    /// Does the scope admit everything?
    pub fn is_everything(&self) -> bool {
        *self == Scope::default()
    }
}

/// Does version `v` define `entry`? Entries of another family are not defined in it; entries
/// without version data (the server's account codes) are defined in every version of their family.
pub fn defined_in(entry: &CatalogEntry, v: SdkVersion) -> bool {
    if v.family() != Some(entry.family) {
        return false;
    }
    let after_since = entry
        .since
        .as_deref()
        .and_then(|s| v.cmp_text(s))
        .is_none_or(|o| o != Ordering::Less);
    let before_until = entry
        .until
        .as_deref()
        .and_then(|u| v.cmp_text(u))
        .is_none_or(|o| o != Ordering::Greater);
    after_since && before_until
}

/// The key as version `v` spells it (`SIGNAL_CAHNNEL_SETUP_FAILED` before 4.6.1).
pub fn key_in(entry: &CatalogEntry, v: SdkVersion) -> Option<&str> {
    // Walk renames newest first: from the newest spelling back past each rename `v` predates.
    let mut renames: Vec<_> = entry.renamed.iter().collect();
    renames.sort_by(|a, b| SdkVersion::parse(&b.version).cmp(&SdkVersion::parse(&a.version)));
    let mut key = renames
        .first()
        .map(|r| r.to.as_str())
        .or(entry.key.as_deref())?;
    for r in renames {
        if v.cmp_text(&r.version) == Some(Ordering::Less) {
            key = &r.from;
        }
    }
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn versions_parse() {
        let v = SdkVersion::parse;
        assert_eq!(v("4.5.0").unwrap().to_string(), "4.5.0");
        assert_eq!(v("v5.8").unwrap().to_string(), "5.8.0");
        assert_eq!(v("5.16.1-beta.12").unwrap().to_string(), "5.16.1");
        assert!(v("").is_none() && v("x.1").is_none() && v("1.2.3.4").is_none());
    }

    #[test]
    fn a_version_admits_what_it_defines_under_its_spelling() {
        let catalog = Catalog::builtin().unwrap();
        let old = Scope {
            version: SdkVersion::parse("4.5.0"),
            ..Scope::default()
        };
        let e4001 = catalog.find_display("0x4001").unwrap();
        assert!(old.admits(e4001));
        assert_eq!(
            key_in(e4001, SdkVersion::parse("4.5.0").unwrap()),
            Some("SIGNAL_CAHNNEL_SETUP_FAILED")
        );
        assert_eq!(
            key_in(e4001, SdkVersion::parse("4.6.1").unwrap()),
            Some("SIGNAL_CHANNEL_SETUP_FAILED")
        );
        // INITIALIZE_FAILED arrived in 4.11.13.
        assert!(!old.admits(catalog.find_display("0x1004").unwrap()));
    }
}

//! SDK versions: parsed once when a catalog is loaded, written back as the catalog wrote them.

use std::cmp::Ordering;
use std::fmt;

use serde::Serialize;

use crate::entry::Family;

/// A published SDK version, `4.5.0` or `5.8.6`; pre-release suffixes are ignored for ordering.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
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
}

impl fmt::Display for SdkVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// A version as a catalog writes it (`5.13.0-beta.18`), with what it parses to. Text that is no
/// version is kept (and compares with nothing), as catalogs have always been allowed to write it.
#[derive(
    Debug, Clone, PartialEq, Eq, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct WrittenVersion {
    text: String,
    parsed: Option<SdkVersion>,
}

impl WrittenVersion {
    pub fn new(text: String) -> WrittenVersion {
        let parsed = SdkVersion::parse(&text);
        WrittenVersion { text, parsed }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn version(&self) -> Option<SdkVersion> {
        self.parsed
    }

    /// How `v` compares with this version; `None` when the text is no version.
    pub fn cmp_with(&self, v: SdkVersion) -> Option<Ordering> {
        self.parsed.map(|p| v.cmp(&p))
    }
}

/// The text as written, so `Option<WrittenVersion>::as_deref` and `&str` comparisons read naturally.
impl std::ops::Deref for WrittenVersion {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl PartialEq<&str> for WrittenVersion {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl fmt::Display for WrittenVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for WrittenVersion {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

/// The versions a fact holds for, as written (`4.3.2–4.10.1`, `5.2.0–`), with both ends parsed.
#[derive(
    Debug, Clone, PartialEq, Eq, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct VersionRange {
    text: String,
    from: Option<SdkVersion>,
    /// `None` for an open end (`5.2.0–`: up to the newest).
    to: Option<SdkVersion>,
}

impl VersionRange {
    /// The ends are split at an en dash (a hyphen starts a pre-release suffix).
    pub fn new(text: String) -> VersionRange {
        let (from, to) = match text.split_once('–') {
            Some((from, to)) => (SdkVersion::parse(from), SdkVersion::parse(to)),
            None => {
                let one = SdkVersion::parse(&text);
                (one, one)
            }
        };
        VersionRange { text, from, to }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn from(&self) -> Option<SdkVersion> {
        self.from
    }

    pub fn to(&self) -> Option<SdkVersion> {
        self.to
    }

    /// Does the range hold `v`? `None` when its start is no version.
    pub fn contains(&self, v: SdkVersion) -> Option<bool> {
        let from = self.from?;
        Some(from <= v && self.to.is_none_or(|to| v <= to))
    }
}

/// The text as written, so `Option<VersionRange>::as_deref` and `&str` comparisons read naturally.
impl std::ops::Deref for VersionRange {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl PartialEq<&str> for VersionRange {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl fmt::Display for VersionRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for VersionRange {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse() {
        let v = SdkVersion::parse;
        assert_eq!(v("4.5.0").unwrap().to_string(), "4.5.0");
        assert_eq!(v("v5.8").unwrap().to_string(), "5.8.0");
        assert_eq!(v("5.16.1-beta.12").unwrap().to_string(), "5.16.1");
        assert!(v("").is_none() && v("x.1").is_none() && v("1.2.3.4").is_none());
    }

    #[test]
    fn ranges_keep_their_text_and_parse_both_ends() {
        let r = VersionRange::new("5.13.0-beta.18–5.14.1".to_string());
        assert_eq!(r.as_str(), "5.13.0-beta.18–5.14.1");
        assert_eq!(r.from(), SdkVersion::parse("5.13.0"));
        assert_eq!(r.contains(SdkVersion::parse("5.14.0").unwrap()), Some(true));
        assert_eq!(
            r.contains(SdkVersion::parse("5.15.0").unwrap()),
            Some(false)
        );
        let open = VersionRange::new("4.3.2–".to_string());
        assert_eq!(open.to(), None);
        assert_eq!(
            open.contains(SdkVersion::parse("4.99").unwrap()),
            Some(true)
        );
        assert_eq!(WrittenVersion::new("soon".into()).version(), None);
    }
}

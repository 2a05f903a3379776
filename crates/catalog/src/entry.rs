//! The entry model: which SDK a code belongs to, what kind of code it is, and everything known about it.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_with::with_prefix;

use crate::version::{VersionRange, WrittenVersion};

/// Which SDK an entry belongs to. The same number may mean different things in different families,
/// so identity is (family, category, code).
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// `trtc-js-sdk` 4.x: `RtcError.getCode()` and the server's account codes.
    #[default]
    Web4,
    /// `trtc-sdk-v5`: `error.code` and `error.extraCode`.
    Web5,
    /// The native SDK's `TXLiteAVError` / `TXLiteAVWarning`, as `trtc-electron-sdk` ships them.
    Native,
    /// The TRTC servers' own result codes (`-100006`, `70001`), in the server's sign, each with how
    /// every SDK hands it to the application (`carried`).
    Server,
}

impl Family {
    /// The SDK families, in tab order: each SDK filter also shows the server codes it carries, so
    /// the server family needs no tab of its own.
    pub const ALL: [Family; 3] = [Family::Web4, Family::Web5, Family::Native];
    /// Every family, the server's included: what `--sdk` and catalog files accept.
    pub const EVERY: [Family; 4] = [Family::Web4, Family::Web5, Family::Native, Family::Server];

    /// The name used in catalog files, `--sdk` and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Web4 => "web4",
            Family::Web5 => "web5",
            Family::Native => "native",
            Family::Server => "server",
        }
    }

    /// A short label for lists and headlines.
    pub fn label(self) -> &'static str {
        match self {
            Family::Web4 => "Web 4.x",
            Family::Web5 => "Web 5.x",
            Family::Native => "Native",
            Family::Server => "Server",
        }
    }

    /// The npm package whose behaviour the family records (the server's codes come in all three).
    pub fn package(self) -> &'static str {
        match self {
            Family::Web4 => "trtc-js-sdk",
            Family::Web5 => "trtc-sdk-v5",
            Family::Native => "trtc-electron-sdk",
            Family::Server => "TRTC backend",
        }
    }

    pub fn parse(text: &str) -> Option<Family> {
        Family::EVERY
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of code an entry is, within its family.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// The SDK's public error code: 4.x `RtcError.getCode()` (hex), 5.x `error.code`.
    #[default]
    Sdk,
    /// 5.x `error.extraCode`: the detail under one of the public codes.
    Extra,
    /// 4.x account / userSig codes returned by the server, written in decimal.
    Account,
    /// Native `TXLiteAVError`.
    Error,
    /// Native `TXLiteAVWarning`: something degraded, nothing failed.
    Warning,
    /// A result code of the TRTC servers, as the server sends it.
    Result,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Sdk,
        Category::Extra,
        Category::Account,
        Category::Error,
        Category::Warning,
        Category::Result,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Sdk => "sdk",
            Category::Extra => "extra",
            Category::Account => "account",
            Category::Error => "error",
            Category::Warning => "warning",
            Category::Result => "result",
        }
    }

    /// A short human label for screens and explanations.
    pub fn label(self) -> &'static str {
        match self {
            Category::Sdk => "SDK",
            Category::Extra => "extraCode",
            Category::Account => "Account",
            Category::Error => "Error",
            Category::Warning => "Warning",
            Category::Result => "Result",
        }
    }

    pub fn parse(text: &str) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// The categories a family's entries may have.
    pub fn of_family(family: Family) -> &'static [Category] {
        match family {
            Family::Web4 => &[Category::Sdk, Category::Account],
            Family::Web5 => &[Category::Sdk, Category::Extra],
            Family::Native => &[Category::Error, Category::Warning],
            Family::Server => &[Category::Result],
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text in both languages. Chinese is the catalogs' own language; English may be missing, so a
/// description is `Localized<String, Option<String>>`.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Default,
    Serialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub struct Localized<Zh, En = Zh> {
    pub zh: Zh,
    pub en: En,
}

impl Localized<Option<String>> {
    /// Either language, when neither is there.
    pub fn is_empty(&self) -> bool {
        self.zh.is_none() && self.en.is_none()
    }
}

impl Localized<Vec<String>> {
    pub fn is_empty(&self) -> bool {
        self.zh.is_empty() && self.en.is_empty()
    }
}

/// A key that was spelled differently in another SDK version.
#[derive(
    Debug, Clone, PartialEq, Eq, Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct Rename {
    pub from: String,
    pub to: String,
    /// The first SDK version that uses `to`.
    pub version: WrittenVersion,
}

/// A code another entry names (`related`, `parent`): `0x4004` in the entry's own family, or
/// `web5:5400` in another. Parsed once at load; [`crate::Catalog::resolve`] finds the entry.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct CodeRef {
    pub family: Family,
    /// `Some(Sdk)` for a hex code (4.x SDK codes are written in hex); `None` for a decimal one,
    /// which names whichever decimal-written category of the family has the code.
    pub category: Option<Category>,
    pub code: i64,
    /// Was the family written (`web5:5400`)? Kept so the reference is written back as it was.
    pub qualified: bool,
}

impl CodeRef {
    /// `0x4004`, `16388`, `-8`, `web5:5400`, seen from an entry of `family`. `None` for anything else.
    pub fn parse(family: Family, text: &str) -> Option<CodeRef> {
        let (family, code, qualified) = match text.split_once(':') {
            Some((f, c)) => (Family::parse(f)?, c.trim(), true),
            None => (family, text.trim(), false),
        };
        let (code, hex) = match code.strip_prefix("0x").or_else(|| code.strip_prefix("0X")) {
            Some(hex) => (i64::from_str_radix(hex, 16).ok()?, true),
            None => (code.parse::<i64>().ok()?, false),
        };
        Some(CodeRef {
            family,
            category: hex.then_some(Category::Sdk),
            code,
            qualified,
        })
    }

    /// The code's display form (`0x4004`, `5400`), without the family.
    pub fn display(&self) -> String {
        match self.category {
            Some(Category::Sdk) if self.code >= 0 => format!("0x{:04X}", self.code),
            _ => self.code.to_string(),
        }
    }

    /// How the reference is written: the code's display form, behind its family when given.
    pub fn written(&self) -> String {
        let display = self.display();
        if self.qualified {
            format!("{}:{display}", self.family)
        } else {
            display
        }
    }

    /// Does this reference name `entry`?
    pub fn names(&self, entry: &CatalogEntry) -> bool {
        entry.family == self.family
            && entry.code == self.code
            && match self.category {
                Some(c) => entry.category == c,
                None => !entry.is_hex(),
            }
    }
}

impl fmt::Display for CodeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written())
    }
}

impl Serialize for CodeRef {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.written())
    }
}

/// Whether an SDK hands a server code over in the server's sign or negated (the native SDK
/// negates the account system's codes: web `70001` is native `-70001`).
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Sign {
    #[default]
    Same,
    Negated,
}

impl Sign {
    /// The code as the SDK hands it over.
    pub fn apply(self, code: i64) -> i64 {
        match self {
            Sign::Same => code,
            Sign::Negated => -code,
        }
    }
}

/// How one SDK hands a server code to the application: on which public code, read how, in which
/// sign and versions. Written by scripts/extract/server-toml.py from docs/sources/server-codes.toml.
#[derive(
    Debug, Clone, PartialEq, Eq, Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct Carrier {
    /// The SDK family.
    pub family: Family,
    /// The public code the server code rides on (`web4:0x4004`, `web5:5400`); `None` where the
    /// SDK's own code is the server code (the native `errCode`).
    pub via: Option<CodeRef>,
    /// Where the application reads it: `getExtraCode()`, `extraCode`, `errCode`; `None` where the
    /// SDK drops it (only its log has it).
    pub read: Option<String>,
    pub sign: Sign,
    /// The SDK versions this was seen in (`4.3.2–4.15.22`; `13.3.801 (d.ts)`).
    pub versions: VersionRange,
    /// How it arrives, in a sentence (English, our words).
    pub how: String,
    /// Where it was seen: package@version, file and the code, or a doc page.
    pub source: String,
}

impl Carrier {
    /// The code as this SDK hands it over.
    pub fn code(&self, server_code: i64) -> i64 {
        self.sign.apply(server_code)
    }
}

with_prefix!(description "description_");
with_prefix!(advice "advice_");
with_prefix!(raised_when "raised_when_");
with_prefix!(extra_code "extra_code_");
with_prefix!(migration "migration_");

/// Identity of an entry: the same number may mean different things in different families.
pub type EntryId = (Family, Category, i64);

/// One error code and everything known about it. `rkyv::Archive` is the stored form; `Serialize`
/// is the JSON schema after the identity and key (family, category, code, display, key), which
/// the JSON renderer puts in front (field order is the schema's order, documented in the README).
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Default,
    Serialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub struct CatalogEntry {
    #[serde(skip)]
    pub family: Family,
    #[serde(skip)]
    pub category: Category,
    /// The numeric value. Signed: account and native codes can be negative.
    #[serde(skip)]
    pub code: i64,
    /// The key, spelled as the source spells it (`SIGNAL_CAHNNEL_SETUP_FAILED`). Written in JSON
    /// by the renderer beside the identity, as the view's SDK version spells it.
    #[serde(skip)]
    pub key: Option<String>,
    /// Other spellings that name the same code (later SDK versions' spellings included).
    pub aliases: Vec<String>,
    /// When and how the key was renamed.
    pub renamed: Vec<Rename>,
    /// The 错误类型 column of 4.x account codes (`帐号系统`).
    #[serde(rename = "type")]
    pub type_label: Option<String>,
    #[serde(flatten, with = "description")]
    pub description: Localized<String, Option<String>>,
    /// 处理建议: what to do about it.
    #[serde(flatten, with = "advice")]
    pub advice: Localized<Option<String>>,
    /// The first SDK version that defines the code.
    pub since: Option<WrittenVersion>,
    /// The last SDK version that defines the code; `None` while the newest still does.
    pub until: Option<WrittenVersion>,
    /// The SDK version from which the code is no longer thrown, and what replaced it (free text).
    pub deprecated: Option<String>,
    /// When the SDK raises it: API and condition, one sentence each, in both languages.
    #[serde(flatten, with = "raised_when")]
    pub raised_when: Localized<Vec<String>>,
    /// The versions whose bundles raise it (`4.3.2–4.10.1`).
    pub raised_in: Option<VersionRange>,
    /// The first version in which nothing raises it any more.
    pub not_raised_since: Option<WrittenVersion>,
    /// What `getExtraCode()` / `error.extraCode` holds.
    #[serde(flatten, with = "extra_code")]
    pub extra_code: Localized<Option<String>>,
    /// For 5.x extraCodes: the public code they come under (`5000`).
    pub parent: Option<CodeRef>,
    /// The SDK's own message templates, verbatim, `{name}` for each interpolation.
    pub templates: Vec<String>,
    /// Public APIs documented to throw it.
    pub apis: Vec<String>,
    /// Words developers type for this failure.
    pub keywords: Vec<String>,
    /// 4.x: what a 5.x user sees instead; 5.x: what this was in 4.x.
    #[serde(flatten, with = "migration")]
    pub migration: Localized<Option<String>>,
    /// Related codes, in this family or another.
    pub related: Vec<CodeRef>,
    /// The official page a ticket's reader can open.
    pub doc_url: Option<String>,
    /// Where the entry's facts come from.
    pub source: String,
    /// A server code: how each SDK hands it over (written only for server codes).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub carried: Vec<Carrier>,
    /// A server code: the per-SDK rows that are this same code (`web4:70001`, `native:-70001`),
    /// shown with it as one group (written only for server codes).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<CodeRef>,
    /// The file this entry was loaded from (a built-in catalog or a path).
    #[serde(skip)]
    pub origin: String,
}

impl CatalogEntry {
    /// The display form of a code: 4.x SDK codes in hex (as the docs write them), all else decimal.
    pub fn display_code(family: Family, category: Category, code: i64) -> String {
        match (family, category) {
            (Family::Web4, Category::Sdk) if code >= 0 => format!("0x{code:04X}"),
            _ => code.to_string(),
        }
    }

    /// Identity: the same number may mean different things in different families.
    pub fn id(&self) -> EntryId {
        (self.family, self.category, self.code)
    }

    /// How people write the code: `0x4004` for 4.x SDK codes, decimal otherwise.
    pub fn display(&self) -> String {
        CatalogEntry::display_code(self.family, self.category, self.code)
    }

    /// Is the code written in hex (so a hex reading of a query may name it)?
    pub fn is_hex(&self) -> bool {
        self.family == Family::Web4 && self.category == Category::Sdk && self.code >= 0
    }

    /// Key first, then aliases: every name this entry answers to.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.key
            .as_deref()
            .into_iter()
            .chain(self.aliases.iter().map(String::as_str))
    }

    /// The name shown in lists: the key, or the type label for keyless account codes.
    pub fn title(&self) -> &str {
        self.key
            .as_deref()
            .or(self.type_label.as_deref())
            .unwrap_or("")
    }

    /// `web4:0x4004`: the entry's display form qualified by its family, as `related` writes it
    /// across families.
    pub fn qualified(&self) -> String {
        format!("{}:{}", self.family, self.display())
    }

    /// A reference to this entry from an entry of `from`.
    pub fn reference_from(&self, from: Family) -> CodeRef {
        CodeRef {
            family: self.family,
            category: self.is_hex().then_some(Category::Sdk),
            code: self.code,
            qualified: from != self.family,
        }
    }

    /// How the SDK of `family` hands this server code over, if it is one and that is known.
    pub fn carrier(&self, family: Family) -> Option<&Carrier> {
        self.carried.iter().find(|c| c.family == family)
    }

    /// Is nothing in the newest published version raising this code any more?
    pub fn is_retired(&self) -> bool {
        self.not_raised_since.is_some() || self.until.is_some()
    }
}

//! Maintainers' check: extract the `ErrorCode` map from a published SDK file and compare it with the
//! catalog. Works on the bundled `trtc.js` (`{INVALID_PARAMETER:4096,…}`) and on `index.d.ts`
//! (`INVALID_PARAMETER: 0x1000;`).

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::catalog::{Catalog, CatalogEntry, Category, Family};

/// Key → value, as the SDK file defines them.
pub type ErrorCodeMap = BTreeMap<String, i64>;

fn parse_number(text: &str) -> Option<i64> {
    let text = text.trim();
    match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => crate::query::parse_hex(hex),
        None => text.parse().ok(),
    }
}

fn is_key(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// Finds the ErrorCode map: the object literal that starts with `INVALID_PARAMETER:` in a bundle,
/// or the body of `interface ErrorCode` in a type declaration file.
pub fn extract(text: &str) -> Option<ErrorCodeMap> {
    let body = if let Some(at) = text.find("interface ErrorCode {") {
        let rest = &text[at + "interface ErrorCode {".len()..];
        &rest[..rest.find("\n}")?]
    } else {
        let at = text.find("{INVALID_PARAMETER:")?;
        let rest = &text[at + 1..];
        &rest[..rest.find('}')?]
    };
    let mut map = ErrorCodeMap::new();
    // Pairs are separated by `,` in a bundle and `;` in a declaration; comments never hold `KEY: 0x…` pairs
    // with a valid key on both sides, so they fall out.
    for piece in body.split([',', ';', '\n']) {
        let Some((key, value)) = piece.split_once(':') else {
            continue;
        };
        let key = key.trim();
        if let (true, Some(value)) = (is_key(key), parse_number(value)) {
            map.insert(key.to_string(), value);
        }
    }
    (!map.is_empty()).then_some(map)
}

/// What differs between an SDK's map and the catalog.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// In the SDK, not in the catalog.
    pub new: Vec<(String, i64)>,
    /// Same code, a key the catalog does not know for it: (sdk key, code, catalog key).
    pub renamed: Vec<(String, i64, String)>,
    /// A key the catalog knows, with another value: (key, sdk value, catalog value).
    pub changed: Vec<(String, i64, i64)>,
    /// SDK codes in the catalog that this SDK version does not define.
    pub missing_from_sdk: Vec<(String, i64)>,
}

impl Report {
    /// True when the catalog has every code of this SDK with the same key and value.
    pub fn is_empty(&self) -> bool {
        self.new.is_empty() && self.renamed.is_empty() && self.changed.is_empty()
    }
}

pub fn diff(map: &ErrorCodeMap, catalog: &Catalog) -> Report {
    let sdk = |e: &&CatalogEntry| e.family == Family::Web4 && e.category == Category::Sdk;
    let mut report = Report::default();
    for (key, &value) in map {
        let by_code = catalog
            .entries()
            .iter()
            .filter(sdk)
            .find(|e| e.code == value);
        let by_name = catalog
            .entries()
            .iter()
            .filter(sdk)
            .find(|e| e.names().any(|n| n == key));
        match (by_code, by_name) {
            (Some(e), _) if e.names().any(|n| n == key) => {}
            (_, Some(e)) => report.changed.push((key.clone(), value, e.code)),
            (Some(e), None) => report
                .renamed
                .push((key.clone(), value, e.title().to_string())),
            (None, None) => report.new.push((key.clone(), value)),
        }
    }
    for entry in catalog.entries().iter().filter(sdk) {
        if !map.values().any(|&v| v == entry.code) {
            report
                .missing_from_sdk
                .push((entry.title().to_string(), entry.code));
        }
    }
    report
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let hex = |v: i64| CatalogEntry::display_code(Family::Web4, Category::Sdk, v);
    for (key, value) in &report.new {
        let _ = writeln!(out, "new      {} {key}", hex(*value));
    }
    for (key, value, known) in &report.renamed {
        let _ = writeln!(
            out,
            "renamed  {} {known} -> {key} (add it as an alias with a `renamed` note)",
            hex(*value)
        );
    }
    for (key, sdk, ours) in &report.changed {
        let _ = writeln!(
            out,
            "changed  {key}: SDK says {}, catalog says {}",
            hex(*sdk),
            hex(*ours)
        );
    }
    for (key, value) in &report.missing_from_sdk {
        let _ = writeln!(
            out,
            "absent   {} {key} (not defined by this SDK version)",
            hex(*value)
        );
    }
    if report.is_empty() {
        out.push_str("up to date: the catalog has every code of this SDK version\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_from_bundle_and_declaration() {
        let js = "var a=1,Pd={INVALID_PARAMETER:4096,UNKOWN:65535},x={}";
        let map = extract(js).unwrap();
        assert_eq!(map.get("UNKOWN"), Some(&65535));
        let dts = "export interface ErrorCode {\n  /** Invalid. */\n  INVALID_PARAMETER: 0x1000;\n  SWITCH_ROLE_FAILED: 0x404a;\n}\n";
        let map = extract(dts).unwrap();
        assert_eq!(map.get("SWITCH_ROLE_FAILED"), Some(&0x404a));
        assert_eq!(map.len(), 2);
        assert!(extract("nothing here").is_none());
    }
}

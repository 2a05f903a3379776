//! `@4.5.0` or `v:4.5.0` in the query line: only the codes that SDK version defines, under the key
//! spelling it uses. The token is taken out of the query before it is searched.

use crate::catalog::SdkVersion;

/// The query without its version token, and what the token asked for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VersionedQuery {
    pub text: String,
    pub version: Option<SdkVersion>,
    /// A version token that is not a version (`@4.x`), to say so in the status line.
    pub invalid: Option<String>,
}

/// Splits the version token (the last one wins) from the rest of `query`.
pub fn split(query: &str) -> VersionedQuery {
    let mut out = VersionedQuery::default();
    let mut rest: Vec<&str> = Vec::new();
    let mut took = false;
    for token in query.split_whitespace() {
        let spec = token
            .strip_prefix('@')
            .or_else(|| token.strip_prefix("v:"))
            .or_else(|| token.strip_prefix("V:"));
        took |= spec.is_some();
        match spec {
            // A lone `@` is still being typed: neither a version nor a search term.
            Some("") => {}
            Some(spec) => match SdkVersion::parse(spec).filter(|v| v.family().is_some()) {
                Some(v) => {
                    out.version = Some(v);
                    out.invalid = None;
                }
                None => out.invalid = Some(token.to_string()),
            },
            None => rest.push(token),
        }
    }
    if !took {
        // Nothing to take out: keep the text exactly as typed (spaces included).
        out.text = query.to_string();
    } else {
        out.text = rest.join(" ");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_tokens() {
        let v = |t: &str| SdkVersion::parse(t);
        let table = [
            ("join @4.5.0", "join", v("4.5.0"), None),
            ("v:5.8.6 5400", "5400", v("5.8.6"), None),
            ("@4.5", "", v("4.5.0"), None),
            ("join @", "join", None, None),
            ("@9.1.0 x", "x", None, Some("@9.1.0")),
            ("@abc", "", None, Some("@abc")),
            ("user@host", "user@host", None, None),
            ("  过期 ", "  过期 ", None, None),
        ];
        for (query, text, version, invalid) in table {
            let got = split(query);
            assert_eq!(
                (got.text.as_str(), got.version, got.invalid.as_deref()),
                (text, version, invalid),
                "{query:?}"
            );
        }
    }
}

//! What a query means: the numbers it could name, and the search terms it is made of.
//!
//! People meet TRTC codes in several spellings: `0x4004` in the docs, `16388` in the browser console
//! (`error.getCode()`), `4004` typed from memory, `１６３８８` from a Chinese input method. Every reading
//! that parses is kept; the search engine then keeps the ones that name a known code.

use crate::catalog::{Scope, SdkVersion};

/// How a number in a query was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reading {
    /// `0x4004` / `0X4004`.
    Hex,
    /// `16388`, `-8`, `70001`: the decimal the console prints.
    Decimal,
    /// `4004` or `ffff` read as hex without its `0x`.
    BareHex,
}

/// One way of reading the query as a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CodeReading {
    pub value: i64,
    pub reading: Reading,
}

/// Folds full-width ASCII (`０ｘ４００４`, typed with a Chinese input method) and the ideographic
/// space to plain ASCII; everything else is kept.
pub fn fold_full_width(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            // The minus sign docs print (−3301) is the ASCII one to a code.
            '\u{2212}' => '-',
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// Every numeric reading of a single token. Garbage (`0x`, `0xZZ`, `--5`, 20-digit numbers) has none.
pub fn code_readings(token: &str) -> Vec<CodeReading> {
    let token = fold_full_width(token.trim());
    let mut readings = Vec::new();
    if let Some(hex) = token
        .strip_prefix("0x")
        .or_else(|| token.strip_prefix("0X"))
    {
        if let Some(value) = parse_hex(hex) {
            readings.push(CodeReading {
                value,
                reading: Reading::Hex,
            });
        }
        return readings;
    }
    let digits = token.strip_prefix('-').unwrap_or(&token);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(value) = token.parse::<i64>() {
            readings.push(CodeReading {
                value,
                reading: Reading::Decimal,
            });
        }
    }
    if !token.starts_with('-') {
        if let Some(value) = parse_hex(&token) {
            readings.push(CodeReading {
                value,
                reading: Reading::BareHex,
            });
        }
    }
    readings
}

/// Hex digits (without `0x`) as a code value; `None` for anything that is not 1–15 hex digits.
/// The one hex reader of the crate: queries, pasted text and SDK maps all read codes through it.
pub fn parse_hex(digits: &str) -> Option<i64> {
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    i64::from_str_radix(digits, 16).ok()
}

/// How a single term must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// Plain word: exact / prefix / fuzzy / pinyin, whatever fits best.
    Fuzzy,
    /// `'word`: the text must contain `word` as it is.
    Exact,
    /// `^word`: a key, alias, code or description must start with `word`.
    Prefix,
    /// `word$`: a key, alias, code or description must end with `word`.
    Suffix,
}

/// One whitespace-separated piece of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The text to look for, lowercased, operators removed.
    pub text: String,
    pub kind: TermKind,
    /// `!word`: entries that contain `word` are left out.
    pub negated: bool,
}

/// One alternative of a query: terms that must all match (AND), negated terms that must not.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Group {
    pub terms: Vec<Term>,
    /// When the group is one number, every numeric reading of it: an entry named by one matches.
    pub codes: Vec<CodeReading>,
}

impl Group {
    /// Only negated terms: the group matches every entry that contains none of them.
    pub fn only_negations(&self) -> bool {
        self.codes.is_empty() && self.terms.iter().all(|t| t.negated)
    }

    /// Can every entry this group matches only be among those `previous` matches? True when
    /// positive terms only grew (`jo` → `join`) or terms were added; a negated term that changed
    /// could let more entries in, so any change to one answers false.
    fn narrows(&self, previous: &Group) -> bool {
        if previous.terms.is_empty() || self.terms.len() < previous.terms.len() {
            return false;
        }
        previous.terms.iter().zip(&self.terms).all(|(old, new)| {
            old.kind == new.kind
                && !old.negated
                && !new.negated
                && match old.kind {
                    TermKind::Fuzzy | TermKind::Exact | TermKind::Prefix => {
                        new.text.starts_with(&old.text)
                    }
                    TermKind::Suffix => new.text == old.text,
                }
        })
    }
}

/// A query past this many `|` alternatives keeps the first ones: every alternative is a scan of
/// the catalog, and a pasted wall of numbers must not turn into thousands of scans.
pub const MAX_GROUPS: usize = 64;

/// A parsed query.
///
/// Grammar (fzf style):
/// ```text
/// query  = group { "|" group }          any group matches (OR); an entry scores as its best group
/// group  = token { token }              every positive token matches (AND), no negated one does
/// token  = ["!"] ( "'" word | "^" word | word "$" | word )
/// ```
/// A group whose tokens are all numbers (`0x4004 70001`, `0x4004,70001`) is one alternative per
/// number, so several codes find each. A group of only negations (`!server`) matches everything
/// without those words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The query as typed, full-width folded and trimmed, without its version token.
    pub text: String,
    /// The alternatives, none empty.
    pub groups: Vec<Group>,
    /// Every term of every group, in order: what highlighting looks for.
    pub terms: Vec<Term>,
    /// `@4.5.0` or `v:4.5.0`: only the codes that SDK version defines, under the key spelling it
    /// uses. The last version token wins.
    pub version: Option<SdkVersion>,
    /// A version token that names no published 4.x or 5.x version (`@4.x`, `@9.1.0`, `@4.5.0`),
    /// for the shells to say so in the same words.
    pub invalid_version: Option<InvalidVersion>,
}

impl Query {
    pub fn parse(input: &str) -> Query {
        let folded = fold_full_width(input);
        let VersionToken {
            text,
            version,
            invalid,
        } = take_version(&folded);
        let text = text.trim().to_string();
        let mut groups = Vec::new();
        for alternative in text.split('|') {
            groups.extend(parse_group(alternative));
            if groups.len() >= MAX_GROUPS {
                groups.truncate(MAX_GROUPS);
                break;
            }
        }
        let terms = groups.iter().flat_map(|g| g.terms.clone()).collect();
        Query {
            text,
            groups,
            terms,
            version,
            invalid_version: invalid,
        }
    }

    /// `scope` with the query's version on top (`join @4.5.0` looks at what 4.5.0 defines).
    pub fn scope_within(&self, scope: Scope) -> Scope {
        Scope {
            version: self.version.or(scope.version),
            ..scope
        }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Every numeric reading in any group.
    pub fn codes(&self) -> impl Iterator<Item = &CodeReading> {
        self.groups.iter().flat_map(|g| &g.codes)
    }

    /// Can every hit of `self` only be found among the hits of `previous`? True when each
    /// alternative of `self` narrows some alternative of `previous` (the query only grew by typing
    /// more of a positive term, or adding terms), so the engine may search the previous hits
    /// instead of the whole catalog. When unsure, false: a wrong true would hide hits.
    pub fn narrows(&self, previous: &Query) -> bool {
        !self.groups.is_empty()
            && !previous.groups.is_empty()
            && self
                .groups
                .iter()
                .all(|new| previous.groups.iter().any(|old| new.narrows(old)))
    }
}

/// A version token no SDK published: what was typed, and the published versions nearest to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidVersion {
    pub token: String,
    pub nearest: Vec<SdkVersion>,
}

impl std::fmt::Display for InvalidVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.nearest.is_empty() {
            return write!(f, "{}: not a 4.x or 5.x SDK version", self.token);
        }
        let nearest: Vec<String> = self.nearest.iter().map(SdkVersion::to_string).collect();
        write!(
            f,
            "{}: no SDK published that version; the nearest are {}",
            self.token,
            nearest.join(", ")
        )
    }
}

/// The query text without its version token, and what the token asked for.
struct VersionToken {
    text: String,
    version: Option<SdkVersion>,
    invalid: Option<InvalidVersion>,
}

/// Takes `@4.5.0` / `v:4.5.0` tokens out of `query` (the last one wins). A lone `@` is still being
/// typed: neither a version nor a search term.
fn take_version(query: &str) -> VersionToken {
    let mut out = VersionToken {
        text: String::new(),
        version: None,
        invalid: None,
    };
    let mut rest: Vec<&str> = Vec::new();
    let mut took = false;
    for token in query.split_whitespace() {
        let spec = token
            .strip_prefix('@')
            .or_else(|| token.strip_prefix("v:"))
            .or_else(|| token.strip_prefix("V:"));
        took |= spec.is_some();
        match spec {
            Some("") => {}
            Some(spec) => {
                // The same published-versions check as `--sdk-version`: the shells agree.
                let checked = match SdkVersion::parse(spec) {
                    Some(v) => crate::sdk_versions::check(v).map(|()| v),
                    None => Err(Vec::new()),
                };
                match checked {
                    Ok(v) => {
                        out.version = Some(v);
                        out.invalid = None;
                    }
                    Err(nearest) => {
                        out.invalid = Some(InvalidVersion {
                            token: token.to_string(),
                            nearest,
                        })
                    }
                }
            }
            None => rest.push(token),
        }
    }
    // Nothing taken out: the text stays exactly as typed (spaces included).
    out.text = if took {
        rest.join(" ")
    } else {
        query.to_string()
    };
    out
}

/// One `|`-separated alternative: `None` when it holds no term. All-number alternatives come back
/// as one group per number (so "0x4004 70001" finds both); negated terms go with each.
fn parse_group(text: &str) -> Vec<Group> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let positive: Vec<&str> = tokens
        .iter()
        .copied()
        .filter(|t| !t.starts_with('!'))
        .collect();
    let negations: Vec<Term> = tokens
        .iter()
        .filter(|t| t.starts_with('!'))
        .filter_map(|t| parse_term(t))
        .collect();
    let numbers: Vec<&str> = positive
        .iter()
        .flat_map(|t| t.split([',', '\u{ff0c}']))
        .filter(|t| !t.is_empty())
        .collect();
    // One number alone keeps its readings as before; two or more are read as codes only when
    // every one is clearly a number (a digit in it), so "bad face" stays two words, not two codes.
    let several_codes = numbers.len() > 1 && numbers.iter().all(|t| is_code_token(t));
    if several_codes || (numbers.len() == 1 && positive.len() == 1) {
        return numbers
            .iter()
            .filter_map(|number| {
                let mut terms: Vec<Term> = parse_term(number).into_iter().collect();
                terms.extend(negations.iter().cloned());
                let codes = code_readings(number);
                (!terms.is_empty() || !codes.is_empty()).then_some(Group { terms, codes })
            })
            .collect();
    }
    let terms: Vec<Term> = tokens.iter().filter_map(|t| parse_term(t)).collect();
    if terms.is_empty() {
        return Vec::new();
    }
    vec![Group {
        terms,
        codes: Vec::new(),
    }]
}

/// A token that reads as a code and has a digit in it: `0x4004`, `16388`, `-8`, `404a`.
fn is_code_token(token: &str) -> bool {
    token.bytes().any(|b| b.is_ascii_digit()) && !code_readings(token).is_empty()
}

/// One token: its operators stripped into a kind, `None` when nothing is left to look for.
fn parse_term(token: &str) -> Option<Term> {
    let (negated, rest) = match token.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, token),
    };
    let (kind, rest) = if let Some(r) = rest.strip_prefix('\'') {
        (TermKind::Exact, r)
    } else if let Some(r) = rest.strip_prefix('^') {
        (TermKind::Prefix, r)
    } else if let Some(r) = rest.strip_suffix('$').filter(|r| !r.is_empty()) {
        (TermKind::Suffix, r)
    } else if negated {
        (TermKind::Exact, rest)
    } else {
        (TermKind::Fuzzy, rest)
    };
    if rest.is_empty() {
        return None;
    }
    Some(Term {
        // Folded as the index is (case, 帐/账 and traditional forms), one char for one char.
        text: crate::text::fold::fold(rest),
        kind,
        negated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(token: &str) -> Vec<(i64, Reading)> {
        code_readings(token)
            .into_iter()
            .map(|r| (r.value, r.reading))
            .collect()
    }

    #[test]
    fn readings_table() {
        use Reading::*;
        let table: &[(&str, &[(i64, Reading)])] = &[
            ("0x4004", &[(0x4004, Hex)]),
            ("0X4004", &[(0x4004, Hex)]),
            ("0xffff", &[(0xffff, Hex)]),
            ("4004", &[(4004, Decimal), (0x4004, BareHex)]),
            ("16388", &[(16388, Decimal), (0x16388, BareHex)]),
            ("70001", &[(70001, Decimal), (0x70001, BareHex)]),
            ("-8", &[(-8, Decimal)]),
            ("ffff", &[(0xffff, BareHex)]),
            ("１６３８８", &[(16388, Decimal), (0x16388, BareHex)]),
            ("０ｘ４００４", &[(0x4004, Hex)]),
            ("0x", &[]),
            ("0xZZ", &[]),
            ("--5", &[]),
            ("-", &[]),
            ("", &[]),
            ("12345678901234567890", &[]),
            ("0x12345678901234567890", &[]),
            ("-0x10", &[]),
            ("join", &[]),
        ];
        for (token, expected) in table {
            assert_eq!(values(token), expected.to_vec(), "token {token:?}");
        }
    }

    #[test]
    fn terms_and_operators() {
        let q = Query::parse("join 'room ^sig fail$ !ban");
        let kinds: Vec<_> = q
            .terms
            .iter()
            .map(|t| (t.text.as_str(), t.kind, t.negated))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("join", TermKind::Fuzzy, false),
                ("room", TermKind::Exact, false),
                ("sig", TermKind::Prefix, false),
                ("fail", TermKind::Suffix, false),
                ("ban", TermKind::Exact, true),
            ]
        );
        assert!(q.codes().next().is_none());
        assert_eq!(q.groups.len(), 1);
    }

    /// (query, per group: its positive term texts, its negated term texts, how many readings).
    #[test]
    fn groups_table() {
        type Shape = (Vec<String>, Vec<String>, usize);
        let shape = |q: &str| -> Vec<Shape> {
            Query::parse(q)
                .groups
                .iter()
                .map(|g| {
                    let texts = |neg: bool| {
                        g.terms
                            .iter()
                            .filter(|t| t.negated == neg)
                            .map(|t| t.text.clone())
                            .collect()
                    };
                    (texts(false), texts(true), g.codes.len())
                })
                .collect()
        };
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let table: &[(&str, Vec<Shape>)] = &[
            ("join", vec![(s(&["join"]), s(&[]), 0)]),
            ("16388", vec![(s(&["16388"]), s(&[]), 2)]),
            (
                "kicked | banned",
                vec![(s(&["kicked"]), s(&[]), 0), (s(&["banned"]), s(&[]), 0)],
            ),
            (
                "kicked|banned",
                vec![(s(&["kicked"]), s(&[]), 0), (s(&["banned"]), s(&[]), 0)],
            ),
            (
                "join fail | 70001",
                vec![
                    (s(&["join", "fail"]), s(&[]), 0),
                    (s(&["70001"]), s(&[]), 2),
                ],
            ),
            (
                "0x4004 70001",
                vec![(s(&["0x4004"]), s(&[]), 1), (s(&["70001"]), s(&[]), 2)],
            ),
            (
                "0x4004,70001",
                vec![(s(&["0x4004"]), s(&[]), 1), (s(&["70001"]), s(&[]), 2)],
            ),
            (
                "0x4004，-8",
                vec![(s(&["0x4004"]), s(&[]), 1), (s(&["-8"]), s(&[]), 1)],
            ),
            (
                "0x4004 70001 !account",
                vec![
                    (s(&["0x4004"]), s(&["account"]), 1),
                    (s(&["70001"]), s(&["account"]), 2),
                ],
            ),
            // Words made of hex letters stay words; a word and a number stay one AND group.
            ("bad face", vec![(s(&["bad", "face"]), s(&[]), 0)]),
            ("join 4004", vec![(s(&["join", "4004"]), s(&[]), 0)]),
            ("!server", vec![(s(&[]), s(&["server"]), 0)]),
            (
                "!server !account",
                vec![(s(&[]), s(&["server", "account"]), 0)],
            ),
            ("16388 !join", vec![(s(&["16388"]), s(&["join"]), 2)]),
            ("| join ||", vec![(s(&["join"]), s(&[]), 0)]),
            ("|", vec![]),
        ];
        for (query, expected) in table {
            assert_eq!(&shape(query), expected, "query {query:?}");
        }
    }

    #[test]
    fn alternatives_are_capped() {
        let wall = vec!["1"; 1000].join(" ");
        assert_eq!(Query::parse(&wall).groups.len(), MAX_GROUPS);
        let wall = vec!["a"; 1000].join("|");
        assert_eq!(Query::parse(&wall).groups.len(), MAX_GROUPS);
    }

    #[test]
    fn lone_operators_are_ignored() {
        assert!(Query::parse("' ^ ! $").terms.len() == 1); // "$" alone is a literal term
        assert!(Query::parse("   ").is_empty());
    }

    #[test]
    fn version_tokens() {
        let v = |t: &str| SdkVersion::parse(t);
        let table = [
            ("join @4.4.0", "join", v("4.4.0"), None),
            ("v:5.8.6 5400", "5400", v("5.8.6"), None),
            ("@4.4", "", v("4.4.0"), None),
            ("join @4.5.0", "join", None, Some("@4.5.0")),
            ("join @", "join", None, None),
            ("@9.1.0 x", "x", None, Some("@9.1.0")),
            ("@abc", "", None, Some("@abc")),
            ("user@host", "user@host", None, None),
            ("  过期 ", "过期", None, None),
            ("＠4.4.0 join", "join", v("4.4.0"), None),
        ];
        for (query, text, version, invalid) in table {
            let got = Query::parse(query);
            assert_eq!(
                (
                    got.text.as_str(),
                    got.version,
                    got.invalid_version.as_ref().map(|i| i.token.as_str())
                ),
                (text, version, invalid),
                "{query:?}"
            );
        }
        // The version is not a search term.
        assert_eq!(Query::parse("join @4.4.0").terms.len(), 1);
        let scope = Query::parse("@4.4.0").scope_within(Scope::default());
        assert_eq!(scope.version, v("4.4.0"));
        // An unpublished version is refused with its published neighbours, as --sdk-version is.
        let said = Query::parse("@4.5.0").invalid_version.unwrap().to_string();
        assert!(said.contains("4.4.0") && said.contains("4.6.1"), "{said}");
    }

    #[test]
    fn narrowing() {
        let a = Query::parse("jo");
        assert!(Query::parse("join").narrows(&a));
        assert!(Query::parse("jo").narrows(&Query::parse("j")));
        assert!(Query::parse("join fail").narrows(&a));
        assert!(!Query::parse("j").narrows(&a));
        assert!(!Query::parse("!jo").narrows(&a));
        assert!(!Query::parse("!joi").narrows(&Query::parse("!jo")));
        assert!(!Query::parse("x").narrows(&Query::default()));
        // Adding a negated word only removes hits.
        assert!(Query::parse("join !server").narrows(&a));
        // Negations alone, or changed: unsure, so no.
        assert!(!Query::parse("!server join").narrows(&Query::parse("!server")));
        assert!(!Query::parse("join !serve").narrows(&Query::parse("join !server")));
    }

    #[test]
    fn narrowing_with_alternatives() {
        let narrows = |new: &str, old: &str| Query::parse(new).narrows(&Query::parse(old));
        // Typing an empty alternative changes nothing; each alternative must narrow one old one.
        assert!(narrows("join |", "join"));
        assert!(narrows("join | kick", "join | kic"));
        assert!(narrows("kick", "join | kic"));
        assert!(narrows("joined | kicked", "join | kick"));
        // A new alternative widens the hits.
        assert!(!narrows("join | k", "join"));
        assert!(!narrows("join | k", "join |"));
        // A second code is another alternative, not a narrowing.
        assert!(!narrows("4004 7", "4004"));
        assert!(!narrows("4004,7", "4004"));
        assert!(!narrows("", "join"));
    }
}

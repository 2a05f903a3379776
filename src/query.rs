//! What a query means: the numbers it could name, and the search terms it is made of.
//!
//! People meet TRTC codes in several spellings: `0x4004` in the docs, `16388` in the browser console
//! (`error.getCode()`), `4004` typed from memory, `１６３８８` from a Chinese input method. Every reading
//! that parses is kept; the search engine then keeps the ones that name a known code.

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

fn parse_hex(digits: &str) -> Option<i64> {
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

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The query as typed, full-width folded and trimmed.
    pub text: String,
    /// All terms must match (AND); negated terms must not.
    pub terms: Vec<Term>,
    /// When the whole query is one token, every numeric reading of it.
    pub codes: Vec<CodeReading>,
}

impl Query {
    pub fn parse(input: &str) -> Query {
        let text = fold_full_width(input).trim().to_string();
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let codes = match tokens.as_slice() {
            [single] => code_readings(single),
            _ => Vec::new(),
        };
        let terms = tokens.iter().filter_map(|t| parse_term(t)).collect();
        Query { text, terms, codes }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.codes.is_empty()
    }

    /// Can every hit of `self` only be found among the hits of `previous`? True when the query
    /// only grew by typing more of a positive term or adding terms, so the engine may search
    /// the previous hits instead of the whole catalog.
    pub fn narrows(&self, previous: &Query) -> bool {
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
        text: rest.to_lowercase(),
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
        assert!(q.codes.is_empty());
    }

    #[test]
    fn lone_operators_are_ignored() {
        assert!(Query::parse("' ^ ! $").terms.len() == 1); // "$" alone is a literal term
        assert!(Query::parse("   ").is_empty());
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
    }
}

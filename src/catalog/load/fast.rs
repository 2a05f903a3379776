//! A fast reader for the plain shape catalog files have: `[[entry]]` tables of `key = value` lines
//! whose values are strings, integers and arrays of strings. It reads such a file in a third of the
//! general TOML parser's instructions (callgrind, 10,000 rich entries: 666 → 221 million), and the
//! first start with a 60 MB team catalog was mostly that parse.
//!
//! It never decides anything the TOML parser would decide differently: whatever it is not sure of
//! (a multi-line or unusual string, an inline table, a float, a dotted or quoted key, an unknown or
//! repeated key, a missing field, a type the field does not take, a byte-order mark, …) makes it
//! give up with `None`, and the caller parses the text with the `toml` crate, which then accepts it
//! or reports the error with its place. Tests check that both give the same entries and offsets.

use super::{Category, Family, ParsedEntry, RawEntry};

/// Parses `text` (which starts at byte `offset` of its file) when it has the plain shape.
pub(super) fn parse(text: &str, offset: usize) -> Option<Vec<ParsedEntry>> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let mut entries = Vec::new();
    let mut current: Option<Building> = None;
    loop {
        p.skip_blank();
        let Some(&b) = p.bytes.get(p.at) else { break };
        match b {
            b'#' => p.comment_to_line_end()?,
            b'\n' => p.at += 1,
            b'\r' => p.newline()?,
            b'[' => {
                if !p.rest().starts_with("[[entry]]") {
                    return None;
                }
                let start = p.at;
                p.at += "[[entry]]".len();
                p.end_of_line()?;
                if let Some(done) = current.take() {
                    entries.push(done.finish(offset)?);
                }
                current = Some(Building::new(start));
            }
            _ => {
                // Keys before the first table are top-level keys: the TOML parser's to judge.
                let entry = current.as_mut()?;
                let key = p.bare_key()?;
                p.skip_blank();
                if p.bytes.get(p.at) != Some(&b'=') {
                    return None;
                }
                p.at += 1;
                p.skip_blank();
                entry.set(key, &mut p)?;
                p.end_of_line()?;
            }
        }
    }
    if let Some(done) = current.take() {
        entries.push(done.finish(offset)?);
    }
    Some(entries)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn skip_blank(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    /// A `\r` must start a `\r\n`.
    fn newline(&mut self) -> Option<()> {
        match self.bytes.get(self.at..self.at + 2) {
            Some(b"\r\n") => {
                self.at += 2;
                Some(())
            }
            _ => None,
        }
    }

    /// A comment: any character but controls (tab allowed), to the end of the line.
    fn comment_to_line_end(&mut self) -> Option<()> {
        while let Some(&b) = self.bytes.get(self.at) {
            match b {
                b'\n' | b'\r' => return Some(()),
                b'\t' => {}
                b if b < 0x20 || b == 0x7f => return None,
                _ => {}
            }
            self.at += 1;
        }
        Some(())
    }

    /// After a table header or a value: blanks, maybe a comment, then the line's end.
    fn end_of_line(&mut self) -> Option<()> {
        self.skip_blank();
        match self.bytes.get(self.at) {
            None => Some(()),
            Some(b'\n') => {
                self.at += 1;
                Some(())
            }
            Some(b'\r') => self.newline(),
            Some(b'#') => self.comment_to_line_end(),
            Some(_) => None,
        }
    }

    /// Blanks, newlines and comments between array items.
    fn skip_in_array(&mut self) -> Option<()> {
        loop {
            self.skip_blank();
            match self.bytes.get(self.at) {
                Some(b'\n') => self.at += 1,
                Some(b'\r') => self.newline()?,
                Some(b'#') => self.comment_to_line_end()?,
                _ => return Some(()),
            }
        }
    }

    fn bare_key(&mut self) -> Option<&'a str> {
        let start = self.at;
        while matches!(
            self.bytes.get(self.at),
            Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-')
        ) {
            self.at += 1;
        }
        (self.at > start).then(|| &self.text[start..self.at])
    }

    /// A one-line basic (`"…"`) or literal (`'…'`) string.
    fn string(&mut self) -> Option<String> {
        let quote = *self.bytes.get(self.at)?;
        if self.rest().starts_with("\"\"\"") || self.rest().starts_with("'''") {
            return None;
        }
        let start = self.at + 1;
        let mut i = start;
        let mut escaped = false;
        loop {
            let rest = self.bytes.get(i..)?;
            i += if quote == b'"' {
                memchr::memchr2(b'"', b'\\', rest)?
            } else {
                memchr::memchr(b'\'', rest)?
            };
            if self.bytes[i] != b'\\' {
                break;
            }
            // The escaped character is checked when decoding; a control character is refused here.
            escaped = true;
            if self.bytes.get(i + 1).is_none_or(|&c| c < 0x20 || c == 0x7f) {
                return None;
            }
            i += 2;
        }
        // Control characters (a newline too: this is a one-line string) are the parser's to refuse.
        let is_control = |b: &u8| (*b < 0x20 && *b != b'\t') || *b == 0x7f;
        if self.bytes[start..i].iter().any(is_control) {
            return None;
        }
        let raw = &self.text[start..i];
        self.at = i + 1;
        if escaped {
            unescape(raw)
        } else {
            Some(raw.to_string())
        }
    }

    fn string_array(&mut self) -> Option<Vec<String>> {
        if self.bytes.get(self.at) != Some(&b'[') {
            return None;
        }
        self.at += 1;
        let mut items = Vec::new();
        loop {
            self.skip_in_array()?;
            match self.bytes.get(self.at)? {
                b']' => {
                    self.at += 1;
                    return Some(items);
                }
                b'"' | b'\'' => items.push(self.string()?),
                _ => return None,
            }
            self.skip_in_array()?;
            match self.bytes.get(self.at)? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Some(items);
                }
                _ => return None,
            }
        }
    }

    /// A decimal or `0x` hexadecimal integer, `_` only between digits. Returns the value and the
    /// offset where it starts.
    fn integer(&mut self) -> Option<(i64, usize)> {
        let start = self.at;
        let token_end = self.bytes[start..]
            .iter()
            .position(
                |b| !matches!(b, b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'_' | b'+' | b'-'),
            )
            .map_or(self.bytes.len(), |n| start + n);
        let token = &self.text[start..token_end];
        self.at = token_end;
        let (negative, unsigned) = match token.as_bytes().first()? {
            b'-' => (true, &token[1..]),
            b'+' => (false, &token[1..]),
            _ => (false, token),
        };
        let (radix, digits) = match unsigned.strip_prefix("0x") {
            // TOML allows no sign on hex integers.
            Some(hex) if token.len() == unsigned.len() => (16, hex),
            Some(_) => return None,
            None => (10, unsigned),
        };
        let bytes = digits.as_bytes();
        let is_digit = |b: &u8| b.is_ascii_digit() || (radix == 16 && b.is_ascii_hexdigit());
        let well_formed = !bytes.is_empty()
            && is_digit(&bytes[0])
            && is_digit(&bytes[bytes.len() - 1])
            && bytes.windows(2).all(|w| w != b"__")
            && bytes.iter().all(|b| *b == b'_' || is_digit(b))
            // No leading zeros in decimal.
            && !(radix == 10 && bytes.len() > 1 && bytes[0] == b'0');
        if !well_formed {
            return None;
        }
        let clean: String = digits.chars().filter(|&c| c != '_').collect();
        let magnitude = i128::from_str_radix(&clean, radix).ok()?;
        let value = if negative { -magnitude } else { magnitude };
        Some((i64::try_from(value).ok()?, start))
    }
}

/// Decodes the escapes of a basic string; any escape outside TOML 1.0's set gives up.
fn unescape(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let decoded = match chars.next()? {
            'b' => '\u{8}',
            't' => '\t',
            'n' => '\n',
            'f' => '\u{c}',
            'r' => '\r',
            '"' => '"',
            '\\' => '\\',
            'u' => hex_char(&mut chars, 4)?,
            'U' => hex_char(&mut chars, 8)?,
            _ => return None,
        };
        out.push(decoded);
    }
    Some(out)
}

fn hex_char(chars: &mut std::str::Chars, digits: usize) -> Option<char> {
    let mut value = 0u32;
    for _ in 0..digits {
        value = value * 16 + chars.next()?.to_digit(16)?;
    }
    char::from_u32(value)
}

/// One entry's fields as they are read, each at most once.
struct Building {
    start: usize,
    seen: u32,
    family: Option<Family>,
    category: Option<Category>,
    code: Option<(i64, usize, usize)>,
    raw: RawEntry,
}

impl Building {
    fn new(start: usize) -> Building {
        Building {
            start,
            seen: 0,
            family: None,
            category: None,
            code: None,
            raw: RawEntry {
                family: Family::default(),
                category: Category::default(),
                code: toml::Spanned::new(0..0, 0),
                key: None,
                aliases: Vec::new(),
                renamed: Vec::new(),
                type_label: None,
                description_zh: String::new(),
                description_en: None,
                advice_zh: None,
                advice_en: None,
                since: None,
                until: None,
                deprecated: None,
                raised_when_zh: Vec::new(),
                raised_when_en: Vec::new(),
                raised_in: None,
                not_raised_since: None,
                extra_code_zh: None,
                extra_code_en: None,
                parent: None,
                templates: Vec::new(),
                apis: Vec::new(),
                keywords: Vec::new(),
                migration_zh: None,
                migration_en: None,
                related: Vec::new(),
                doc_url: None,
                source: String::new(),
            },
        }
    }

    /// Reads the value of `key`; `None` for a key read before, an unknown key or a value of a
    /// type the field does not take.
    fn set(&mut self, key: &str, p: &mut Parser) -> Option<()> {
        let (bit, slot) = FIELDS.iter().enumerate().find(|(_, f)| f.0 == key)?;
        let bit = 1u32 << bit;
        if self.seen & bit != 0 {
            return None;
        }
        self.seen |= bit;
        let r = &mut self.raw;
        match &slot.1 {
            Slot::Family => {
                let text = p.string()?;
                self.family = Some(*Family::ALL.iter().find(|f| f.as_str() == text)?);
            }
            Slot::Category => {
                let text = p.string()?;
                self.category = Some(*Category::ALL.iter().find(|c| c.as_str() == text)?);
            }
            Slot::Code => {
                let (value, start) = p.integer()?;
                self.code = Some((value, start, p.at));
            }
            Slot::Text(field) => {
                let value = p.string()?;
                match field {
                    Text::DescriptionZh => r.description_zh = value,
                    Text::Source => r.source = value,
                }
            }
            Slot::Optional(field) => {
                let value = Some(p.string()?);
                *match field {
                    Optional::Key => &mut r.key,
                    Optional::Type => &mut r.type_label,
                    Optional::DescriptionEn => &mut r.description_en,
                    Optional::AdviceZh => &mut r.advice_zh,
                    Optional::AdviceEn => &mut r.advice_en,
                    Optional::Since => &mut r.since,
                    Optional::Until => &mut r.until,
                    Optional::Deprecated => &mut r.deprecated,
                    Optional::RaisedIn => &mut r.raised_in,
                    Optional::NotRaisedSince => &mut r.not_raised_since,
                    Optional::ExtraCodeZh => &mut r.extra_code_zh,
                    Optional::ExtraCodeEn => &mut r.extra_code_en,
                    Optional::Parent => &mut r.parent,
                    Optional::MigrationZh => &mut r.migration_zh,
                    Optional::MigrationEn => &mut r.migration_en,
                    Optional::DocUrl => &mut r.doc_url,
                } = value;
            }
            Slot::List(field) => {
                let value = p.string_array()?;
                *match field {
                    List::Aliases => &mut r.aliases,
                    List::RaisedWhenZh => &mut r.raised_when_zh,
                    List::RaisedWhenEn => &mut r.raised_when_en,
                    List::Templates => &mut r.templates,
                    List::Apis => &mut r.apis,
                    List::Keywords => &mut r.keywords,
                    List::Related => &mut r.related,
                } = value;
            }
            // Renames are inline tables: the TOML parser reads those.
            Slot::Renamed => return None,
        }
        Some(())
    }

    fn finish(mut self, offset: usize) -> Option<ParsedEntry> {
        const REQUIRED: [&str; 4] = ["category", "code", "description_zh", "source"];
        for name in REQUIRED {
            let bit = FIELDS.iter().position(|f| f.0 == name)?;
            if self.seen & (1 << bit) == 0 {
                return None;
            }
        }
        let (code, code_start, code_end) = self.code?;
        self.raw.family = self.family.unwrap_or_default();
        self.raw.category = self.category?;
        self.raw.code = toml::Spanned::new(offset + code_start..offset + code_end, code);
        Some(ParsedEntry {
            raw: self.raw,
            code,
            start: offset + self.start,
            code_start: offset + code_start,
        })
    }
}

enum Slot {
    Family,
    Category,
    Code,
    Text(Text),
    Optional(Optional),
    List(List),
    Renamed,
}

enum Text {
    DescriptionZh,
    Source,
}

enum Optional {
    Key,
    Type,
    DescriptionEn,
    AdviceZh,
    AdviceEn,
    Since,
    Until,
    Deprecated,
    RaisedIn,
    NotRaisedSince,
    ExtraCodeZh,
    ExtraCodeEn,
    Parent,
    MigrationZh,
    MigrationEn,
    DocUrl,
}

enum List {
    Aliases,
    RaisedWhenZh,
    RaisedWhenEn,
    Templates,
    Apis,
    Keywords,
    Related,
}

/// Every key an entry may have (as `RawEntry` names them in files), and where its value goes.
const FIELDS: [(&str, Slot); 29] = [
    ("family", Slot::Family),
    ("category", Slot::Category),
    ("code", Slot::Code),
    ("key", Slot::Optional(Optional::Key)),
    ("aliases", Slot::List(List::Aliases)),
    ("renamed", Slot::Renamed),
    ("type", Slot::Optional(Optional::Type)),
    ("description_zh", Slot::Text(Text::DescriptionZh)),
    ("description_en", Slot::Optional(Optional::DescriptionEn)),
    ("advice_zh", Slot::Optional(Optional::AdviceZh)),
    ("advice_en", Slot::Optional(Optional::AdviceEn)),
    ("since", Slot::Optional(Optional::Since)),
    ("until", Slot::Optional(Optional::Until)),
    ("deprecated", Slot::Optional(Optional::Deprecated)),
    ("raised_when_zh", Slot::List(List::RaisedWhenZh)),
    ("raised_when_en", Slot::List(List::RaisedWhenEn)),
    ("raised_in", Slot::Optional(Optional::RaisedIn)),
    ("not_raised_since", Slot::Optional(Optional::NotRaisedSince)),
    ("extra_code_zh", Slot::Optional(Optional::ExtraCodeZh)),
    ("extra_code_en", Slot::Optional(Optional::ExtraCodeEn)),
    ("parent", Slot::Optional(Optional::Parent)),
    ("templates", Slot::List(List::Templates)),
    ("apis", Slot::List(List::Apis)),
    ("keywords", Slot::List(List::Keywords)),
    ("migration_zh", Slot::Optional(Optional::MigrationZh)),
    ("migration_en", Slot::Optional(Optional::MigrationEn)),
    ("related", Slot::List(List::Related)),
    ("doc_url", Slot::Optional(Optional::DocUrl)),
    ("source", Slot::Text(Text::Source)),
];

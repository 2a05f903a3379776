//! The index's storage: every entry's searchable text in one arena, lowercased and char-aligned,
//! with per-field prefilter masks, so a scan over 100,000 entries reads memory front to back.

use crate::catalog::CatalogEntry;
use crate::pinyin_match;

use rayon::prelude::*;

use super::SearchIndex;

/// Where one entry's searchable text lives in the index's arenas, and its prefilter data. All
/// entries' text sits in one string, so a scan over 100,000 entries reads memory front to back
/// instead of chasing a handful of allocations per entry.
pub(super) struct Slot {
    /// [`mask`] of the display form and names, of each description, and the letters of every
    /// pinyin reading of the Chinese description.
    pub(super) names_mask: u64,
    pub(super) zh_mask: u64,
    pub(super) en_mask: u64,
    pub(super) pinyin_mask: u64,
    /// [`mask`] of the curated keywords and of the advice text.
    pub(super) keywords_mask: u64,
    pub(super) advice_mask: u64,
    /// First letters of the pinyin readings of the Chinese text: a pinyin term must start with one.
    pub(super) initials: u32,
    /// Byte offsets into `SearchIndex::text`: display | names (joined by U+001F) | zh | en |
    /// keywords (joined by U+001F) | advice (both languages, what raises it, the extra code).
    pub(super) text: [u32; 7],
    /// Range in `SearchIndex::zh_chars` / `zh_initials`.
    pub(super) chars: [u32; 2],
}

/// Lowercased, char-aligned views of an entry's searchable text.
pub(super) struct Prepared<'a> {
    pub(super) display: &'a str,
    pub(super) names: &'a str,
    pub(super) zh: &'a str,
    pub(super) en: &'a str,
    pub(super) keywords: &'a str,
    pub(super) advice: &'a str,
    pub(super) zh_chars: &'a [char],
    pub(super) zh_initials: &'a [u32],
    pub(super) initials: u32,
    pub(super) names_mask: u64,
    pub(super) zh_mask: u64,
    pub(super) en_mask: u64,
    pub(super) pinyin_mask: u64,
    pub(super) keywords_mask: u64,
    pub(super) advice_mask: u64,
}

/// Separates names inside the names field; sanitized catalog text cannot contain it.
const NAME_SEPARATOR: char = '\u{1f}';

impl Prepared<'_> {
    pub(super) fn names(&self) -> impl Iterator<Item = &str> {
        self.names.split(NAME_SEPARATOR).filter(|n| !n.is_empty())
    }

    pub(super) fn keywords(&self) -> impl Iterator<Item = &str> {
        self.keywords
            .split(NAME_SEPARATOR)
            .filter(|n| !n.is_empty())
    }
}

pub(super) use crate::text::fold::fold_char;

/// One bit per character class: `a-z`, `0-9` and `_` exactly (bits 0–36), any other character
/// hashed into bits 37–63 (a small Bloom filter). A term can only match a field whose mask holds
/// every bit of the term's mask.
fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        '_' => 1 << 36,
        c if c.is_ascii() => 0,
        c => 1 << (37 + ((c as u32).wrapping_mul(0x9E37_79B9) >> 27) % 27),
    }
}

pub(super) fn mask(text: &str) -> u64 {
    // ASCII text (keys, English) by table: indexing 100,000 rich entries computes ~600,000 masks.
    if text.is_ascii() {
        return text.bytes().fold(0, |m, b| m | ASCII_BITS[usize::from(b)]);
    }
    text.chars().fold(0, |m, c| m | char_bit(c))
}

/// [`char_bit`] of every ASCII character.
const ASCII_BITS: [u64; 128] = {
    let mut bits = [0u64; 128];
    let mut b = 0;
    while b < 128 {
        bits[b] = match b as u8 {
            c @ b'a'..=b'z' => 1 << (c - b'a'),
            c @ b'0'..=b'9' => 1 << (26 + c - b'0'),
            b'_' => 1 << 36,
            _ => 0,
        };
        b += 1;
    }
    bits
};

pub(super) fn covers(field: u64, term: u64) -> bool {
    field & term == term
}

/// The index's storage, filled entry by entry.
#[derive(Default)]
pub(super) struct Arenas {
    pub(super) slots: Vec<Slot>,
    pub(super) text: String,
    pub(super) zh_chars: Vec<char>,
    pub(super) zh_initials: Vec<u32>,
}

/// Appends `text` lowercased by [`fold_char`], copied whole and lowercased in place unless a
/// non-ASCII character in it changes.
fn push_folded(out: &mut String, text: &str) {
    let start = out.len();
    out.push_str(text);
    out[start..].make_ascii_lowercase();
    // Chinese text is almost always caseless: copied whole, it is only checked a char at a time.
    if !text.is_ascii() && text.chars().any(|c| !c.is_ascii() && fold_char(c) != c) {
        out.truncate(start);
        out.extend(text.chars().map(fold_char));
    }
}

impl Arenas {
    /// The arenas of `entries`: large catalogs are indexed in pieces on every core, then joined.
    pub(super) fn build(entries: &[CatalogEntry]) -> Arenas {
        const PIECE: usize = 8192;
        if entries.len() < 2 * PIECE {
            let mut arenas = Arenas::default();
            entries.iter().for_each(|e| arenas.push(e));
            return arenas;
        }
        let pieces: Vec<Arenas> = entries
            .par_chunks(PIECE)
            .map(|piece| {
                let mut arenas = Arenas::default();
                piece.iter().for_each(|e| arenas.push(e));
                arenas
            })
            .collect();
        let mut all = Arenas {
            slots: Vec::with_capacity(entries.len()),
            text: String::with_capacity(pieces.iter().map(|p| p.text.len()).sum()),
            zh_chars: Vec::with_capacity(pieces.iter().map(|p| p.zh_chars.len()).sum()),
            zh_initials: Vec::with_capacity(pieces.iter().map(|p| p.zh_initials.len()).sum()),
        };
        for piece in pieces {
            let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            let (text, chars) = (to_u32(all.text.len()), to_u32(all.zh_chars.len()));
            all.slots.extend(piece.slots.into_iter().map(|mut slot| {
                slot.text = slot.text.map(|o| o.saturating_add(text));
                slot.chars = slot.chars.map(|o| o.saturating_add(chars));
                slot
            }));
            all.text.push_str(&piece.text);
            all.zh_chars.extend_from_slice(&piece.zh_chars);
            all.zh_initials.extend_from_slice(&piece.zh_initials);
        }
        all
    }

    fn push(&mut self, entry: &CatalogEntry) {
        let offset = |text: &String| u32::try_from(text.len()).unwrap_or(u32::MAX);
        let mut bounds = [0u32; 7];
        bounds[0] = offset(&self.text);
        push_folded(&mut self.text, &entry.display());
        bounds[1] = offset(&self.text);
        for (i, name) in entry.names().enumerate() {
            if i > 0 {
                self.text.push(NAME_SEPARATOR);
            }
            push_folded(&mut self.text, name);
        }
        bounds[2] = offset(&self.text);
        push_folded(&mut self.text, &entry.description.zh);
        bounds[3] = offset(&self.text);
        if let Some(en) = &entry.description.en {
            push_folded(&mut self.text, en);
        }
        bounds[4] = offset(&self.text);
        for (i, keyword) in entry.keywords.iter().enumerate() {
            if i > 0 {
                self.text.push(NAME_SEPARATOR);
            }
            push_folded(&mut self.text, keyword);
        }
        bounds[5] = offset(&self.text);
        let advice = [&entry.advice.en, &entry.advice.zh, &entry.extra_code.en]
            .into_iter()
            .flatten()
            .chain(&entry.raised_when.en)
            .chain(&entry.apis);
        for (i, text) in advice.enumerate() {
            if i > 0 {
                self.text.push(NAME_SEPARATOR);
            }
            push_folded(&mut self.text, text);
        }
        bounds[6] = offset(&self.text);
        let field = |i: usize| mask(&self.text[bounds[i] as usize..bounds[i + 1] as usize]);
        let (names_mask, zh_mask, en_mask) = (field(0) | field(1), field(2), field(3));
        let (keywords_mask, advice_mask) = (field(4), field(5));
        let mut pinyin_mask = 0;
        let chars_start = self.zh_chars.len();
        // Pinyin reads the Chinese description, then the Chinese keywords (`jinfang` finds
        // ERR_ROOM_ENTER_FAIL through its keyword 进房), each after a separator that has no reading,
        // so no match spans two of them. Highlights only ever point into the description.
        let chinese_keywords = entry
            .keywords
            .iter()
            .filter(|k| !k.is_ascii())
            .flat_map(|k| std::iter::once(NAME_SEPARATOR).chain(k.chars()));
        for c in entry.description.zh.chars().chain(chinese_keywords) {
            let initials = if c.is_ascii() {
                0
            } else {
                pinyin_mask |= u64::from(pinyin_match::reading_letters(c));
                pinyin_match::initial_letters(c)
            };
            self.zh_chars.push(c);
            self.zh_initials.push(initials);
        }
        let initials = self.zh_initials[chars_start..]
            .iter()
            .fold(0, |all, i| all | i);
        let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.slots.push(Slot {
            names_mask,
            zh_mask,
            en_mask,
            pinyin_mask,
            keywords_mask,
            advice_mask,
            initials,
            text: bounds,
            chars: [to_u32(chars_start), to_u32(self.zh_chars.len())],
        });
    }
}

impl SearchIndex {
    /// The text views of entry `index`.
    pub(super) fn view(&self, index: usize) -> Prepared<'_> {
        let slot = &self.slots[index];
        let t = |i: usize| slot.text[i] as usize;
        let chars = slot.chars[0] as usize..slot.chars[1] as usize;
        Prepared {
            display: &self.text[t(0)..t(1)],
            names: &self.text[t(1)..t(2)],
            zh: &self.text[t(2)..t(3)],
            en: &self.text[t(3)..t(4)],
            keywords: &self.text[t(4)..t(5)],
            advice: &self.text[t(5)..t(6)],
            zh_chars: &self.zh_chars[chars.clone()],
            zh_initials: &self.zh_initials[chars],
            initials: slot.initials,
            names_mask: slot.names_mask,
            zh_mask: slot.zh_mask,
            en_mask: slot.en_mask,
            pinyin_mask: slot.pinyin_mask,
            keywords_mask: slot.keywords_mask,
            advice_mask: slot.advice_mask,
        }
    }
}

/// Bytes per [`Slot`] in the cache: six masks, the initials, seven text offsets, two char offsets.
const SLOT_BYTES: usize = 6 * 8 + 4 + 7 * 4 + 2 * 4;

/// The index as the catalog cache stores it: four byte sections that
/// [`SearchIndex::from_sections`] turns back into an index with no per-entry work.
pub struct IndexSections {
    pub slots: Vec<u8>,
    pub text: Vec<u8>,
    pub zh_chars: Vec<u8>,
    pub zh_initials: Vec<u8>,
}

impl SearchIndex {
    /// The index's storage as byte sections, for the catalog cache.
    pub fn to_sections(&self) -> IndexSections {
        self.with_sections(|[slots, text, zh_chars, zh_initials]| IndexSections {
            slots: slots.to_vec(),
            text: text.to_vec(),
            zh_chars: zh_chars.to_vec(),
            zh_initials: zh_initials.to_vec(),
        })
    }

    /// Lends `write` the four sections of [`to_sections`](Self::to_sections) (slots, text,
    /// Chinese characters, their initials) without copying the text (30 MB at 100,000 entries).
    pub fn with_sections<R>(&self, write: impl FnOnce([&[u8]; 4]) -> R) -> R {
        let mut slots = Vec::with_capacity(self.slots.len() * SLOT_BYTES);
        for s in &self.slots {
            for m in [
                s.names_mask,
                s.zh_mask,
                s.en_mask,
                s.pinyin_mask,
                s.keywords_mask,
                s.advice_mask,
            ] {
                slots.extend_from_slice(&m.to_le_bytes());
            }
            for n in [s.initials].iter().chain(&s.text).chain(&s.chars) {
                slots.extend_from_slice(&n.to_le_bytes());
            }
        }
        let zh_chars: Vec<u8> = self
            .zh_chars
            .iter()
            .flat_map(|&c| (c as u32).to_le_bytes())
            .collect();
        let zh_initials: Vec<u8> = self
            .zh_initials
            .iter()
            .flat_map(|i| i.to_le_bytes())
            .collect();
        write([&slots, self.text.as_bytes(), &zh_chars, &zh_initials])
    }

    /// Rebuilds an index from [`to_sections`](Self::to_sections) output for a catalog of `entries`
    /// entries. Damaged sections give `None`: every offset is checked against the text it points
    /// into (and to fall on a character boundary), so a bad cache cannot make a search panic.
    pub fn from_sections(entries: usize, sections: IndexSections) -> Option<SearchIndex> {
        let IndexSections {
            slots,
            text,
            zh_chars,
            zh_initials,
        } = sections;
        if slots.len() != entries.checked_mul(SLOT_BYTES)? || zh_chars.len() != zh_initials.len() {
            return None;
        }
        let text = String::from_utf8(text).ok()?;
        let word = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let zh_chars: Vec<char> = zh_chars
            .chunks_exact(4)
            .map(|b| char::from_u32(word(b)))
            .collect::<Option<_>>()?;
        let zh_initials: Vec<u32> = zh_initials.chunks_exact(4).map(word).collect();
        let mut parsed = Vec::with_capacity(entries);
        for bytes in slots.chunks_exact(SLOT_BYTES) {
            let mut masks = [0u64; 6];
            for (m, b) in masks.iter_mut().zip(bytes.chunks_exact(8)) {
                let mut a = [0u8; 8];
                a.copy_from_slice(b);
                *m = u64::from_le_bytes(a);
            }
            let mut numbers = [0u32; 10];
            for (n, b) in numbers.iter_mut().zip(bytes[48..].chunks_exact(4)) {
                *n = word(b);
            }
            let mut offsets = [0u32; 7];
            offsets.copy_from_slice(&numbers[1..8]);
            let chars = [numbers[8], numbers[9]];
            let in_text = offsets.windows(2).all(|w| w[0] <= w[1])
                && offsets.iter().all(|&o| text.is_char_boundary(o as usize));
            let in_chars = chars[0] <= chars[1] && chars[1] as usize <= zh_chars.len();
            if !in_text || !in_chars {
                return None;
            }
            parsed.push(Slot {
                names_mask: masks[0],
                zh_mask: masks[1],
                en_mask: masks[2],
                pinyin_mask: masks[3],
                keywords_mask: masks[4],
                advice_mask: masks[5],
                initials: numbers[0],
                text: offsets,
                chars,
            });
        }
        Some(SearchIndex {
            slots: parsed,
            text,
            zh_chars,
            zh_initials,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn masks_and_folding_by_table_and_by_char_agree() {
        for b in 0u8..128 {
            assert_eq!(ASCII_BITS[usize::from(b)], char_bit(char::from(b)), "{b}");
        }
        for text in [
            "JOIN_ROOM_FAILED 过期",
            "ΣΑΣ Straße",
            "İK 签名 ＡＢ",
            "plain",
        ] {
            let mut folded = String::new();
            push_folded(&mut folded, text);
            assert_eq!(folded, text.chars().map(fold_char).collect::<String>());
            assert_eq!(mask(text), text.chars().fold(0, |m, c| m | char_bit(c)));
        }
    }

    #[test]
    fn an_index_built_in_pieces_is_the_index_built_in_one_go() {
        let builtin = Catalog::builtin().unwrap();
        // Enough entries to be split: the built-in ones many times over, codes made distinct.
        let entries: Vec<CatalogEntry> = (0..60)
            .flat_map(|round| {
                builtin.entries().iter().map(move |e| CatalogEntry {
                    code: e.code + round * 1_000_000,
                    ..e.clone()
                })
            })
            .collect();
        assert!(entries.len() > 2 * 8192);
        let mut one = Arenas::default();
        entries.iter().for_each(|e| one.push(e));
        let pieces = Arenas::build(&entries);
        assert_eq!(pieces.text, one.text);
        assert_eq!(pieces.zh_chars, one.zh_chars);
        assert_eq!(pieces.zh_initials, one.zh_initials);
        let key = |s: &Slot| (s.text, s.chars, s.initials, s.names_mask, s.advice_mask);
        assert!(pieces.slots.iter().map(key).eq(one.slots.iter().map(key)));
    }

    #[test]
    fn an_index_survives_its_cache_sections_and_damage_is_refused() {
        let catalog = Catalog::builtin().unwrap();
        let index = SearchIndex::new(&catalog);
        let sections = || index.to_sections();
        let back = SearchIndex::from_sections(catalog.len(), sections()).unwrap();
        assert_eq!(back.text, index.text);
        assert_eq!(back.zh_chars, index.zh_chars);
        assert_eq!(back.slots.len(), index.slots.len());
        // An offset past the text, or inside a character, is refused rather than trusted.
        let mut bad = sections();
        bad.slots[48 + 4..48 + 8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(SearchIndex::from_sections(catalog.len(), bad).is_none());
        let mut bad = sections();
        bad.text.truncate(bad.text.len() - 1);
        bad.text.push(0xff);
        assert!(SearchIndex::from_sections(catalog.len(), bad).is_none());
        assert!(SearchIndex::from_sections(catalog.len() + 1, sections()).is_none());
        let mut bad = sections();
        bad.zh_chars[..4].copy_from_slice(&0xD800u32.to_le_bytes());
        assert!(SearchIndex::from_sections(catalog.len(), bad).is_none());
    }
}

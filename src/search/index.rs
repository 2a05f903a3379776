//! The index's storage: every entry's searchable text in one arena, lowercased and char-aligned,
//! with per-field prefilter masks, so a scan over 100,000 entries reads memory front to back.

use crate::catalog::CatalogEntry;
use crate::pinyin_match;

use rayon::prelude::*;

use super::SearchIndex;

/// Where one entry's searchable text lives in the index's arenas, and its prefilter data. All
/// entries' text sits in one string, so a scan over 100,000 entries reads memory front to back
/// instead of chasing a handful of allocations per entry.
#[derive(rkyv::Archive, rkyv::Serialize)]
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

/// The index's storage, filled entry by entry, then archived (rkyv): the index searches the
/// archived form, whether it was just built or memory-mapped from the cache.
#[derive(Default, rkyv::Archive, rkyv::Serialize)]
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
        let arenas = self.arenas();
        let slot = &arenas.slots[index];
        let t = |i: usize| slot.text[i].to_native() as usize;
        let chars = slot.chars[0].to_native() as usize..slot.chars[1].to_native() as usize;
        let text = arenas.text.as_str();
        Prepared {
            display: &text[t(0)..t(1)],
            names: &text[t(1)..t(2)],
            zh: &text[t(2)..t(3)],
            en: &text[t(3)..t(4)],
            keywords: &text[t(4)..t(5)],
            advice: &text[t(5)..t(6)],
            zh_chars: &native_chars(&arenas.zh_chars)[chars.clone()],
            zh_initials: &native_u32s(&arenas.zh_initials)[chars],
            initials: slot.initials.to_native(),
            names_mask: slot.names_mask.to_native(),
            zh_mask: slot.zh_mask.to_native(),
            en_mask: slot.en_mask.to_native(),
            pinyin_mask: slot.pinyin_mask.to_native(),
            keywords_mask: slot.keywords_mask.to_native(),
            advice_mask: slot.advice_mask.to_native(),
        }
    }
}

// The archive is little-endian: on a little-endian machine its numbers and characters are the
// native ones, so the index's arrays are read in place.
#[cfg(not(target_endian = "little"))]
compile_error!(
    "the search index reads its rkyv archive in place, which needs a little-endian target"
);

fn native_chars(chars: &[rkyv::Archived<char>]) -> &[char] {
    const _: () = assert!(size_of::<rkyv::Archived<char>>() == size_of::<char>());
    const _: () = assert!(align_of::<rkyv::Archived<char>>() == align_of::<char>());
    // SAFETY: an archived char is a little-endian u32 holding a valid char (bytecheck checked it
    // when the index was opened), the same size and alignment as `char`, on a little-endian target.
    unsafe { std::slice::from_raw_parts(chars.as_ptr().cast::<char>(), chars.len()) }
}

fn native_u32s(numbers: &[rkyv::Archived<u32>]) -> &[u32] {
    const _: () = assert!(size_of::<rkyv::Archived<u32>>() == size_of::<u32>());
    const _: () = assert!(align_of::<rkyv::Archived<u32>>() == align_of::<u32>());
    // SAFETY: an archived u32 is a little-endian u32, the same size and alignment, on a
    // little-endian target.
    unsafe { std::slice::from_raw_parts(numbers.as_ptr().cast::<u32>(), numbers.len()) }
}

/// Is an archive of [`Arenas`] one whose every offset points into its text (on a character
/// boundary) and arrays, for a catalog of `entries` entries? bytecheck has checked its layout,
/// UTF-8 and characters; this checks what it cannot know, so a bad cache cannot make a search
/// panic.
pub(super) fn believable(arenas: &ArchivedArenas, entries: usize) -> bool {
    let text = arenas.text.as_str();
    let chars = arenas.zh_chars.len();
    arenas.slots.len() == entries
        && chars == arenas.zh_initials.len()
        && arenas.slots.iter().all(|slot| {
            let offsets = slot.text.map(|o| o.to_native());
            let range = [slot.chars[0].to_native(), slot.chars[1].to_native()];
            offsets.windows(2).all(|w| w[0] <= w[1])
                && offsets.iter().all(|&o| text.is_char_boundary(o as usize))
                && range[0] <= range[1]
                && range[1] as usize <= chars
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::stored::Section;
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
    fn an_index_survives_its_archive_and_damage_is_refused() {
        let catalog = Catalog::builtin().unwrap();
        let index = SearchIndex::new(&catalog);
        let bytes = || {
            let mut copy = rkyv::util::AlignedVec::<16>::new();
            copy.extend_from_slice(index.archive_bytes());
            copy
        };
        let back = SearchIndex::from_archive(Section::owned(bytes()), catalog.len()).unwrap();
        assert_eq!(back.arenas().text, index.arenas().text);
        assert_eq!(back.len(), index.len());
        assert!(SearchIndex::from_archive(Section::owned(bytes()), catalog.len() + 1).is_none());
        // An offset past the text, or inside a character, is refused rather than trusted.
        let mut bad = Arenas::build(catalog.entries());
        bad.slots[3].text[2] = u32::MAX;
        let archived = rkyv::to_bytes::<rkyv::rancor::Error>(&bad).unwrap();
        assert!(SearchIndex::from_archive(Section::owned(archived), catalog.len()).is_none());
        let mut bad = Arenas::build(catalog.entries());
        let inside = bad
            .text
            .char_indices()
            .find(|(_, c)| c.len_utf8() > 1)
            .unwrap()
            .0
            + 1;
        bad.slots[0].text[1] = inside as u32;
        let archived = rkyv::to_bytes::<rkyv::rancor::Error>(&bad).unwrap();
        assert!(SearchIndex::from_archive(Section::owned(archived), catalog.len()).is_none());
        // Damage anywhere is refused or gives some other index, never a panic.
        let good = bytes();
        for at in (0..good.len()).step_by(good.len() / 89) {
            let mut damaged = bytes();
            damaged[at] ^= 0xff;
            if let Some(index) = SearchIndex::from_archive(Section::owned(damaged), catalog.len()) {
                let _ = index.search(
                    &catalog,
                    &crate::query::Query::parse("guoqi join"),
                    Default::default(),
                );
            }
        }
    }
}

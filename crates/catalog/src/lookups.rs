//! The look-up tables a catalog is stored with, beside its entries: each entry's place and
//! digest, its identity, and the entries by code, by name and by who refers to them. Made here
//! so that build.rs stores the built-in catalogs exactly as the cache stores users' catalogs;
//! `trtc-errors` reads both in place (its `catalog::stored`).

use std::ops::Range;

use rkyv::rancor::Error;
use rkyv::util::AlignedVec;

use crate::archive;
use crate::entry::{CatalogEntry, Category, CodeRef, EntryId, Family};

/// The look-up tables of a stored catalog, archived beside its entries.
#[derive(rkyv::Archive, rkyv::Serialize)]
pub struct Lookups {
    /// Each entry's byte range in the entries archive ([`archive::each_to_bytes`]) and the xxh3
    /// digest of those bytes.
    pub spans: Vec<(u32, u32)>,
    pub digests: Vec<u64>,
    /// Each entry's family, category (as their index in `Family::EVERY` / `Category::ALL`) and
    /// code, in catalog order (so sorted by identity).
    pub families: Vec<u8>,
    pub categories: Vec<u8>,
    pub codes: Vec<i64>,
    /// Each entry's key in display columns (0 without one): a list's key column is as wide as
    /// its widest key, and 50,000 rows need not each be read to learn it.
    pub key_widths: Vec<u16>,
    /// (code, entry), sorted.
    pub by_code: Vec<(i64, u32)>,
    /// (key or alias in ASCII upper case, entry), sorted.
    pub by_name: Vec<(String, u32)>,
    /// For each entry, the entries whose `related` names it.
    pub referenced_by: Vec<Vec<u32>>,
}

/// Entry `e`'s key in display columns, as a terminal shows it; 0 without a key.
pub fn key_width(e: &CatalogEntry) -> u16 {
    let columns = e
        .key
        .as_deref()
        .map_or(0, unicode_width::UnicodeWidthStr::width);
    u16::try_from(columns).unwrap_or(u16::MAX)
}

fn small(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// A settled catalog (`entries` in catalog order, no identity twice) as it is stored: the entries
/// archived one by one ([`archive::each_to_bytes`]) and their [`Lookups`], archived.
pub fn store(
    entries: &[CatalogEntry],
) -> Result<
    (
        AlignedVec<{ archive::ALIGN }>,
        AlignedVec<{ archive::ALIGN }>,
    ),
    Error,
> {
    let (archived, spans) = archive::each_to_bytes(entries)?;
    let lookups = Lookups::new(entries, &archived, &spans);
    let tables = rkyv::api::high::to_bytes_in(&lookups, AlignedVec::new())?;
    Ok((archived, tables))
}

impl Lookups {
    /// The tables of a settled catalog whose entries archive `archived` holds each entry in its
    /// range of `spans`.
    pub fn new(entries: &[CatalogEntry], archived: &[u8], spans: &[Range<usize>]) -> Lookups {
        let index_of = |id: EntryId| entries.binary_search_by_key(&id, CatalogEntry::id).ok();
        let mut by_code: Vec<(i64, u32)> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.code, small(i)))
            .collect();
        by_code.sort_unstable();
        let mut by_name: Vec<(String, u32)> = entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.names().map(move |n| (n.to_ascii_uppercase(), small(i))))
            .collect();
        by_name.sort_unstable();
        by_name.dedup();
        let position = |f: Family| Family::EVERY.iter().position(|&x| x == f).unwrap_or(0) as u8;
        let category = |c: Category| Category::ALL.iter().position(|&x| x == c).unwrap_or(0) as u8;
        Lookups {
            spans: spans
                .iter()
                .map(|r| (small(r.start), small(r.end)))
                .collect(),
            digests: spans
                .iter()
                .map(|r| xxhash_rust::xxh3::xxh3_64(&archived[r.clone()]))
                .collect(),
            families: entries.iter().map(|e| position(e.family)).collect(),
            categories: entries.iter().map(|e| category(e.category)).collect(),
            codes: entries.iter().map(|e| e.code).collect(),
            key_widths: entries.iter().map(key_width).collect(),
            by_code,
            by_name,
            referenced_by: back_references(entries, index_of)
                .into_iter()
                .map(|from| from.into_iter().map(small).collect())
                .collect(),
        }
    }
}

/// For each entry, the entries whose `related` names it (each once, never itself), given how to
/// find an identity.
pub fn back_references(
    entries: &[CatalogEntry],
    at_id: impl Fn(EntryId) -> Option<usize>,
) -> Vec<Vec<usize>> {
    let mut back = vec![Vec::new(); entries.len()];
    for (i, entry) in entries.iter().enumerate() {
        for reference in &entry.related {
            if let Some(target) = resolve_with(reference, &at_id) {
                let from: &mut Vec<usize> = &mut back[target];
                if target != i && !from.contains(&i) {
                    from.push(i);
                }
            }
        }
    }
    back
}

/// The entry `reference` names, given how to find an identity. A hex reference names the
/// family's SDK code; a decimal one whichever category of the family writes that code in decimal.
pub fn resolve_with(
    reference: &CodeRef,
    at_id: impl Fn(EntryId) -> Option<usize>,
) -> Option<usize> {
    let at = |category| at_id((reference.family, category, reference.code));
    match reference.category {
        Some(category) => at(category),
        None => Category::of_family(reference.family)
            .iter()
            .filter(|&&c| {
                !CatalogEntry::display_code(reference.family, c, reference.code).starts_with("0x")
            })
            .find_map(|&c| at(c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_catalog;

    fn settled(toml: &str) -> Vec<CatalogEntry> {
        let mut entries = parse_catalog(toml, "t.toml").unwrap();
        entries.sort_by_key(CatalogEntry::id);
        entries
    }

    #[test]
    fn the_tables_find_by_code_name_and_reference() {
        let entries = settled(
            "[[entry]]\ncategory='sdk'\ncode=0x4004\nkey='JOIN_ROOM_FAILED'\ndescription_zh='进房失败'\nsource='x'\n\
             [[entry]]\ncategory='sdk'\ncode=0x4001\nkey='SIGNAL_CAHNNEL_SETUP_FAILED'\naliases=['SIGNAL_CHANNEL_SETUP_FAILED']\n\
             description_zh='信令通道建立失败'\nsource='x'\nrelated=['0x4004']\n",
        );
        let (archived, tables) = store(&entries).unwrap();
        let tables = rkyv::access::<ArchivedLookups, Error>(&tables).unwrap();
        assert_eq!(tables.codes.len(), 2);
        // catalog order: 0x4001 first
        let codes: Vec<i64> = tables.codes.iter().map(|c| c.to_native()).collect();
        assert_eq!(codes, [0x4001, 0x4004]);
        let names: Vec<(&str, u32)> = tables
            .by_name
            .iter()
            .map(|p| (p.0.as_str(), p.1.to_native()))
            .collect();
        assert_eq!(
            names,
            [
                ("JOIN_ROOM_FAILED", 1),
                ("SIGNAL_CAHNNEL_SETUP_FAILED", 0),
                ("SIGNAL_CHANNEL_SETUP_FAILED", 0)
            ]
        );
        let back: Vec<Vec<u32>> = tables
            .referenced_by
            .iter()
            .map(|r| r.iter().map(|i| i.to_native()).collect())
            .collect();
        assert_eq!(back, [vec![], vec![0]], "0x4001 names 0x4004 as related");
        for (i, entry) in entries.iter().enumerate() {
            let span = &tables.spans[i];
            let bytes = &archived[span.0.to_native() as usize..span.1.to_native() as usize];
            assert_eq!(
                xxhash_rust::xxh3::xxh3_64(bytes),
                tables.digests[i].to_native()
            );
            assert_eq!(&archive::entry_in(bytes).unwrap(), entry);
        }
    }
}

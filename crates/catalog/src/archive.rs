//! The stored form of entries: an rkyv archive, validated (bytecheck) before anything in it is
//! believed. The built-in catalogs are archived at build time; the cache stores user catalogs
//! the same way.

use rkyv::rancor::Error;
use rkyv::util::AlignedVec;

use crate::entry::CatalogEntry;

/// The alignment archives are written for and must be read at.
pub const ALIGN: usize = 16;

/// Archives entries. (A `Vec`, not a slice: the archive's root is the vector.)
#[allow(clippy::ptr_arg)]
pub fn to_bytes(entries: &Vec<CatalogEntry>) -> Result<AlignedVec<ALIGN>, Error> {
    rkyv::to_bytes::<Error>(entries)
}

/// Validates an archive made by [`to_bytes`] and reads its entries back. `bytes` must start at
/// an address aligned to [`ALIGN`].
pub fn entries(bytes: &[u8]) -> Result<Vec<CatalogEntry>, Error> {
    rkyv::from_bytes::<Vec<CatalogEntry>, Error>(bytes)
}

/// Where each entry's archived form starts in an archive made by [`to_bytes`], in entry order:
/// what lets a reader validate and read one entry ([`entry_at`]) without touching the rest.
/// `bytes` must be the output of [`to_bytes`] (it is trusted, not validated).
pub fn positions(bytes: &AlignedVec<ALIGN>) -> Vec<u32> {
    // SAFETY: `bytes` is an archive `to_bytes` just wrote, so its root is a valid archived vector.
    let root = unsafe {
        rkyv::access_unchecked::<rkyv::vec::ArchivedVec<crate::entry::ArchivedCatalogEntry>>(bytes)
    };
    let base = bytes.as_ptr() as usize;
    root.iter()
        .map(|entry| {
            let at = entry as *const _ as usize - base;
            u32::try_from(at).unwrap_or(u32::MAX)
        })
        .collect()
}

/// Validates (bytecheck) the one entry archived at `position` of an archive made by [`to_bytes`]
/// and reads it: only that entry's bytes are looked at. `bytes` must start at an address aligned
/// to [`ALIGN`].
pub fn entry_at(bytes: &[u8], position: usize) -> Result<CatalogEntry, Error> {
    let archived =
        rkyv::api::high::access_pos::<crate::entry::ArchivedCatalogEntry, Error>(bytes, position)?;
    rkyv::deserialize::<CatalogEntry, Error>(archived)
}

/// Validates (bytecheck) every entry of an archive made by [`to_bytes`] without reading any out:
/// what checking a whole cache this way would cost (benches/storage.rs measures it against a
/// checksum). `bytes` must start at an address aligned to [`ALIGN`].
pub fn validate(bytes: &[u8]) -> Result<usize, Error> {
    rkyv::access::<rkyv::vec::ArchivedVec<crate::entry::ArchivedCatalogEntry>, Error>(bytes)
        .map(|entries| entries.len())
}

//! The stored form of entries: an rkyv archive, validated (bytecheck) before anything in it is
//! believed. The built-in catalogs are archived at build time; the cache stores user catalogs
//! the same way.

use std::ops::Range;

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

/// Archives each entry on its own, one after another, each starting at a multiple of [`ALIGN`]:
/// what a cache stores, so that one entry can be checked (by its own checksum, then bytecheck)
/// and read without touching the rest. Returns the bytes and each entry's byte range in them.
pub fn each_to_bytes(
    entries: &[CatalogEntry],
) -> Result<(AlignedVec<ALIGN>, Vec<Range<usize>>), Error> {
    let mut out = AlignedVec::<ALIGN>::new();
    let mut spans = Vec::with_capacity(entries.len());
    for entry in entries {
        let pad = (ALIGN - out.len() % ALIGN) % ALIGN;
        out.extend_from_slice(&[0u8; ALIGN][..pad]);
        let one = rkyv::to_bytes::<Error>(entry)?;
        let start = out.len();
        out.extend_from_slice(&one);
        spans.push(start..out.len());
    }
    Ok((out, spans))
}

/// Validates (bytecheck) one entry archived by [`each_to_bytes`] and reads it. `bytes` must be
/// exactly its range and start at an address aligned to [`ALIGN`].
pub fn entry_in(bytes: &[u8]) -> Result<CatalogEntry, Error> {
    rkyv::from_bytes::<CatalogEntry, Error>(bytes)
}

/// Validates (bytecheck) every entry of an archive made by [`to_bytes`] without reading any out:
/// what checking a whole cache this way would cost (benches/storage.rs measures it against a
/// checksum). `bytes` must start at an address aligned to [`ALIGN`].
pub fn validate(bytes: &[u8]) -> Result<usize, Error> {
    rkyv::access::<rkyv::vec::ArchivedVec<crate::entry::ArchivedCatalogEntry>, Error>(bytes)
        .map(|entries| entries.len())
}

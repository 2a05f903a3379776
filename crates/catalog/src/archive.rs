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

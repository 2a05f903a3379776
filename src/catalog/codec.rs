//! A compact binary form of validated catalog entries: what the build script turns the built-in
//! TOML into, and what the catalog cache stores. Decoding does no parsing, only length-prefixed
//! copies, and trusts nothing: every length is bounds-checked, every text UTF-8-checked, every enum
//! value range-checked, so damaged bytes give an error, never a panic or a wrong type.
//!
//! Layout (little-endian): entry count `u32`, chunk count `u32`, then per chunk its entry count
//! `u32` and byte length `u64`, then the chunks. A chunk is entries one after another, each
//! `family u8, category u8, code i64` and its texts in [`CatalogEntry`] field order. A text is
//! `u32 length + bytes`; a missing optional text is the length `u32::MAX`; a list is a `u32` count
//! and its texts. Chunks let a decoder split the work; today one thread decodes them all (see
//! `decode_entries`).

use rayon::prelude::*;

use super::entry::{CatalogEntry, Category, Family, Rename};

/// The bytes are not an encoding of entries (damaged, truncated or foreign).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged;

const NONE: u32 = u32::MAX;

/// Entries per chunk.
const CHUNK: usize = 4096;

/// The encoding of `entries`, in pieces (the head, then one per chunk) to be written one after
/// another: a cache writes them without first gathering a 60 MB buffer.
pub fn encode_parts(entries: &[CatalogEntry]) -> Vec<Vec<u8>> {
    let encode = |chunk: &[CatalogEntry]| {
        let mut bytes = Vec::new();
        for e in chunk {
            encode_entry(e, &mut bytes);
        }
        bytes
    };
    let chunks: Vec<Vec<u8>> = if entries.len() > CHUNK {
        entries.par_chunks(CHUNK).map(encode).collect()
    } else {
        entries.chunks(CHUNK).map(encode).collect()
    };
    let mut head = Vec::new();
    put_u32(&mut head, len_u32(entries.len()));
    put_u32(&mut head, len_u32(chunks.len()));
    for (chunk, bytes) in entries.chunks(CHUNK).zip(&chunks) {
        put_u32(&mut head, len_u32(chunk.len()));
        head.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    }
    std::iter::once(head).chain(chunks).collect()
}

fn encode_entry(e: &CatalogEntry, out: &mut Vec<u8>) {
    out.push(e.family as u8);
    out.push(e.category as u8);
    out.extend_from_slice(&e.code.to_le_bytes());
    put_str(out, &e.display);
    put_opt(out, &e.key);
    put_list(out, &e.aliases);
    put_u32(out, len_u32(e.renamed.len()));
    for r in &e.renamed {
        put_str(out, &r.from);
        put_str(out, &r.to);
        put_str(out, &r.version);
    }
    put_opt(out, &e.type_label);
    put_str(out, &e.description_zh);
    for text in [
        &e.description_en,
        &e.advice_zh,
        &e.advice_en,
        &e.since,
        &e.until,
        &e.deprecated,
    ] {
        put_opt(out, text);
    }
    put_list(out, &e.raised_when_zh);
    put_list(out, &e.raised_when_en);
    for text in [
        &e.raised_in,
        &e.not_raised_since,
        &e.extra_code_zh,
        &e.extra_code_en,
        &e.parent,
    ] {
        put_opt(out, text);
    }
    put_list(out, &e.templates);
    put_list(out, &e.apis);
    put_list(out, &e.keywords);
    put_opt(out, &e.migration_zh);
    put_opt(out, &e.migration_en);
    put_list(out, &e.related);
    put_opt(out, &e.doc_url);
    put_str(out, &e.source);
    put_str(out, &e.origin);
}

/// Decodes what [`encode_parts`] made; the whole of `bytes` must be used.
pub fn decode_entries(bytes: &[u8]) -> Result<Vec<CatalogEntry>, Damaged> {
    let mut r = Reader { bytes, at: 0 };
    let count = r.u32()? as usize;
    let chunk_count = r.u32()? as usize;
    // Each entry takes at least 50 bytes and each chunk 12, so a damaged count cannot ask for a
    // huge allocation.
    if count > bytes.len() / 50 + 1 || chunk_count > bytes.len() / 12 {
        return Err(Damaged);
    }
    let mut heads = Vec::with_capacity(chunk_count);
    for _ in 0..chunk_count {
        let entries = r.u32()? as usize;
        let len = usize::try_from(r.i64()?).map_err(|_| Damaged)?;
        heads.push((entries, len));
    }
    let mut chunks = Vec::with_capacity(chunk_count);
    for (entries, len) in heads {
        chunks.push((entries, r.take(len)?));
    }
    if r.at != bytes.len() || chunks.iter().map(|c| c.0).sum::<usize>() != count {
        return Err(Damaged);
    }
    let decode = |&(entries, bytes): &(usize, &[u8])| -> Result<Vec<CatalogEntry>, Damaged> {
        let mut r = Reader { bytes, at: 0 };
        let mut out = Vec::with_capacity(entries);
        for _ in 0..entries {
            out.push(r.entry()?);
        }
        if r.at != bytes.len() {
            return Err(Damaged);
        }
        Ok(out)
    };
    // On one thread: a second thread's malloc arena grows a page at a time (an mprotect call each),
    // which cost more than the second core saved (369 → 323 ms for a whole `search` at 100k).
    let decoded: Vec<Vec<CatalogEntry>> = chunks.iter().map(decode).collect::<Result<_, _>>()?;
    let mut entries = Vec::with_capacity(count);
    advise_huge_pages(&mut entries);
    for chunk in decoded {
        entries.extend(chunk);
    }
    Ok(entries)
}

fn len_u32(n: usize) -> u32 {
    // Catalog limits (64 MiB files, 64 KiB fields, 256 items) keep every length far below this.
    u32::try_from(n).expect("catalog limits keep lengths below 4 GiB")
}

fn put_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_u32(out, len_u32(text.len()));
    out.extend_from_slice(text.as_bytes());
}

fn put_opt(out: &mut Vec<u8>, text: &Option<String>) {
    match text {
        Some(text) => put_str(out, text),
        None => put_u32(out, NONE),
    }
}

fn put_list(out: &mut Vec<u8>, items: &[String]) {
    put_u32(out, len_u32(items.len()));
    for item in items {
        put_str(out, item);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Damaged> {
        let end = self.at.checked_add(n).ok_or(Damaged)?;
        let slice = self.bytes.get(self.at..end).ok_or(Damaged)?;
        self.at = end;
        Ok(slice)
    }

    fn left(&self) -> usize {
        self.bytes.len() - self.at
    }

    fn u8(&mut self) -> Result<u8, Damaged> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, Damaged> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn i64(&mut self) -> Result<i64, Damaged> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(i64::from_le_bytes(a))
    }

    fn text_of(&mut self, len: u32) -> Result<String, Damaged> {
        let bytes = self.take(len as usize)?;
        std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|_| Damaged)
    }

    fn string(&mut self) -> Result<String, Damaged> {
        let len = self.u32()?;
        if len == NONE {
            return Err(Damaged);
        }
        self.text_of(len)
    }

    fn opt(&mut self) -> Result<Option<String>, Damaged> {
        match self.u32()? {
            NONE => Ok(None),
            len => self.text_of(len).map(Some),
        }
    }

    fn list(&mut self) -> Result<Vec<String>, Damaged> {
        let count = self.u32()? as usize;
        // Each item takes at least its 4-byte length.
        if count > self.left() / 4 {
            return Err(Damaged);
        }
        (0..count).map(|_| self.string()).collect()
    }

    fn entry(&mut self) -> Result<CatalogEntry, Damaged> {
        let family = *Family::ALL.get(self.u8()? as usize).ok_or(Damaged)?;
        let category = *Category::ALL.get(self.u8()? as usize).ok_or(Damaged)?;
        let code = self.i64()?;
        let display = self.string()?;
        let key = self.opt()?;
        let aliases = self.list()?;
        let renames = self.u32()? as usize;
        if renames > self.left() / 12 {
            return Err(Damaged);
        }
        let renamed = (0..renames)
            .map(|_| {
                Ok(Rename {
                    from: self.string()?,
                    to: self.string()?,
                    version: self.string()?,
                })
            })
            .collect::<Result<_, Damaged>>()?;
        Ok(CatalogEntry {
            family,
            category,
            code,
            display,
            key,
            aliases,
            renamed,
            type_label: self.opt()?,
            description_zh: self.string()?,
            description_en: self.opt()?,
            advice_zh: self.opt()?,
            advice_en: self.opt()?,
            since: self.opt()?,
            until: self.opt()?,
            deprecated: self.opt()?,
            raised_when_zh: self.list()?,
            raised_when_en: self.list()?,
            raised_in: self.opt()?,
            not_raised_since: self.opt()?,
            extra_code_zh: self.opt()?,
            extra_code_en: self.opt()?,
            parent: self.opt()?,
            templates: self.list()?,
            apis: self.list()?,
            keywords: self.list()?,
            migration_zh: self.opt()?,
            migration_en: self.opt()?,
            related: self.list()?,
            doc_url: self.opt()?,
            source: self.string()?,
            origin: self.string()?,
        })
    }
}

/// Asks Linux to back a large vector's buffer with 2 MiB pages before it is first written: loading
/// 100,000 entries faulted in tens of thousands of 4 KiB pages, and page faults were about half of
/// a whole `search`. Only advice: where huge pages are off or unavailable nothing changes.
#[cfg(target_os = "linux")]
pub(crate) fn advise_huge_pages<T>(buffer: &mut Vec<T>) {
    const HUGE: usize = 2 << 20;
    let start = buffer.as_mut_ptr() as usize;
    let end = start + buffer.capacity() * std::mem::size_of::<T>();
    let aligned = start.next_multiple_of(HUGE);
    if end > aligned + HUGE {
        let len = (end - aligned) / HUGE * HUGE;
        // SAFETY: the range lies inside the vector's allocation, which we own; MADV_HUGEPAGE
        // changes how the kernel backs those pages, never their contents, and may fail harmlessly.
        unsafe {
            libc::madvise(aligned as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn advise_huge_pages<T>(_buffer: &mut Vec<T>) {}

//! Archives the built-in catalogs (`assets/*.toml`) at build time with the catalog crate, the same
//! loader that reads users' catalogs, and stores them as the cache stores those (entries and
//! look-up tables), so `show` starts with no TOML to parse and reads only the entry it prints. A catalog defect
//! fails the build with the loader's file:line:col message.

use std::fmt::Write;
use std::path::Path;

use trtc_catalog::{lookups, parse_catalog, CatalogEntry, BUILTIN_FILES};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut entries = Vec::new();
    let mut sources = String::from("pub const BUILTIN_CATALOGS: &[(&str, &str)] = &[\n");
    for (name, path) in BUILTIN_FILES {
        println!("cargo::rerun-if-changed={path}");
        let full = Path::new(&root).join(path);
        let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{path}: {e}"));
        match parse_catalog(&text, name) {
            Ok(parsed) => entries.extend(parsed),
            Err(e) => panic!("{e}"),
        }
        writeln!(
            sources,
            "    ({name:?}, include_str!({:?})),",
            full.display()
        )
        .unwrap();
    }
    sources.push_str("];\n");
    // In catalog order (family, category, code), a later entry replacing an earlier one with the
    // same identity, as `Catalog::from_entries` would: loading then only checks the order.
    entries.reverse();
    entries.sort_by_key(CatalogEntry::id);
    entries.dedup_by_key(|e| e.id());
    // Stored as the cache stores users' catalogs, so that they are read the same way, in place.
    let (archived, lookups) = lookups::store(&entries).expect("archive the built-in catalogs");
    std::fs::write(Path::new(&out).join("builtin-entries.rkyv"), &archived)
        .expect("write builtin-entries.rkyv");
    std::fs::write(Path::new(&out).join("builtin-lookups.rkyv"), &lookups)
        .expect("write builtin-lookups.rkyv");
    std::fs::write(Path::new(&out).join("builtin_sources.rs"), sources)
        .expect("write builtin_sources.rs");
}

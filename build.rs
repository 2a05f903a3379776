//! Turns the built-in catalogs (`assets/*.toml`) into a compact binary blob at build time, validated
//! by the same loader that reads users' catalogs, so `show` starts with no TOML to parse. A catalog
//! defect fails the build with the loader's file:line:col message.

use std::path::Path;

#[allow(dead_code)]
#[path = "src/sanitize.rs"]
mod sanitize;

#[allow(dead_code)]
#[path = "src/read_limited.rs"]
mod read_limited;

#[allow(dead_code)]
#[path = "src/catalog"]
mod catalog {
    pub mod codec;
    pub mod entry;
    pub mod load;
}

/// The built-in catalogs in load order, with the names their entries carry as `origin`.
/// `src/catalog/mod.rs` lists the same files for the tests (`BUILTIN_CATALOGS`).
const BUILTIN: &[(&str, &str)] = &[
    ("<built-in web4 catalog>", "assets/catalog.toml"),
    ("<built-in web5 catalog>", "assets/web5.toml"),
    ("<built-in native catalog>", "assets/native.toml"),
];

fn main() {
    for source in [
        "build.rs",
        "src/sanitize.rs",
        "src/read_limited.rs",
        "src/catalog/codec.rs",
        "src/catalog/entry.rs",
        "src/catalog/load.rs",
    ] {
        println!("cargo::rerun-if-changed={source}");
    }
    let mut entries = Vec::new();
    for (name, path) in BUILTIN {
        println!("cargo::rerun-if-changed={path}");
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        match catalog::load::parse_catalog(&text, name) {
            Ok(parsed) => entries.extend(parsed),
            Err(e) => panic!("{e}"),
        }
    }
    // In catalog order (family, category, code), a later entry replacing an earlier one with the
    // same identity, as `Catalog::from_entries` would: loading then only checks the order.
    let id = |e: &catalog::entry::CatalogEntry| (e.family, e.category, e.code);
    entries.reverse();
    entries.sort_by_key(id);
    entries.dedup_by_key(|e| id(e));
    let blob = catalog::codec::encode_parts(&entries).concat();
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("builtin.bin"), blob).expect("write builtin.bin");
}

//! Query parsing, search, highlighting and code finding on arbitrary text: never a panic, and
//! every highlight position lies inside its field.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use trtc_errors::catalog::{Catalog, Scope};
use trtc_errors::query::Query;
use trtc_errors::search::Engine;

fn shared() -> &'static Engine {
    static SHARED: OnceLock<Engine> = OnceLock::new();
    SHARED.get_or_init(|| Engine::new(Catalog::builtin().unwrap()))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let engine = shared();
    let (catalog, index) = (engine.catalog(), engine.index());
    let query = Query::parse(&text);
    for hit in index.search(catalog, &query, Scope::default()).iter().take(20) {
        let entry = &catalog.entries()[hit.index];
        let lights = index.highlights(catalog, hit, &query);
        assert!(lights
            .description_zh
            .iter()
            .all(|&p| p < entry.description.zh.chars().count()));
        assert!(lights
            .display
            .iter()
            .all(|&p| p < entry.display().chars().count()));
    }
    let _ = trtc_errors::mentions::find(&text, engine, Scope::default());
});

//! Query parsing, search, highlighting and code finding on arbitrary text: never a panic, and
//! every highlight position lies inside its field.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use trtc_errors::catalog::Catalog;
use trtc_errors::query::Query;
use trtc_errors::search::SearchIndex;

fn shared() -> &'static (Catalog, SearchIndex) {
    static SHARED: OnceLock<(Catalog, SearchIndex)> = OnceLock::new();
    SHARED.get_or_init(|| {
        let catalog = Catalog::builtin().unwrap();
        let index = SearchIndex::new(&catalog);
        (catalog, index)
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (catalog, index) = shared();
    let query = Query::parse(&text);
    for hit in index.search(catalog, &query, None).iter().take(20) {
        let entry = &catalog.entries()[hit.index];
        let lights = index.highlights(catalog, hit, &query);
        assert!(lights
            .description_zh
            .iter()
            .all(|&p| p < entry.description_zh.chars().count()));
        assert!(lights
            .display
            .iter()
            .all(|&p| p < entry.display.chars().count()));
    }
    let _ = trtc_errors::explain::find_mentions(&text, catalog);
});

//! Catalog parsing on arbitrary input: it may refuse, never panic, and what it accepts is safe to
//! print (no control characters survive sanitizing).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(entries) = trtc_errors::catalog::parse_catalog(text, "fuzz.toml") {
        for entry in &entries {
            assert!(!entry.description.zh.chars().any(|c| c.is_control()));
            let catalog = trtc_errors::catalog::Catalog::from_entries(entries.clone());
            let _ = trtc_errors::render::explain(
                entry,
                &catalog,
                trtc_errors::render::Format::Markdown,
                trtc_errors::explanation::Lang::Both,
            );
        }
    }
});

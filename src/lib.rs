//! trtc-errors: the TRTC error-code catalogs (Web SDK 4.x and 5.x, the native SDK), one search engine
//! over them, and the renderers that explain an entry. The CLI and the TUI are thin shells over the
//! core modules; nothing in the core knows clap, ratatui or crossterm.

// The core. `read_limited` and `sanitize` live in the catalog crate, which reads files and
// cleans their text first.
pub use trtc_catalog::{read_limited, sanitize};

pub mod cache;
pub mod catalog;
pub mod explanation;
pub mod fuzzy;
pub mod mentions;
pub mod pinyin_match;
pub mod query;
pub mod redact;
pub mod render;
pub mod sdk_map;
pub mod sdk_versions;
pub mod search;
pub mod text;
pub mod width;

// What both shells start from.
pub mod config;
pub mod session;

// The shells.
pub mod cli;
// The interactive browser: `--no-default-features` leaves it (and ratatui, crossterm) out.
#[cfg(feature = "tui")]
pub mod tui;

//! trtc-errors: the TRTC error-code catalogs (Web SDK 4.x and 5.x, the native SDK), one search engine
//! over them, and the renderers that explain an entry. The CLI and the TUI are thin shells over the
//! core modules; nothing in the core knows clap, ratatui or crossterm.

// The core.
pub mod catalog;
pub mod explanation;
pub mod fuzzy;
pub mod mentions;
pub mod pinyin_match;
pub mod query;
pub mod read_limited;
pub mod render;
pub mod sanitize;
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
pub mod tui;

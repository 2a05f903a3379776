//! trtc-errors: the TRTC Web SDK 4.x error-code catalog, one search engine over it, and the
//! formatters that explain an entry. The CLI and the TUI are thin shells over these modules.

pub mod catalog;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod explain;
pub mod format;
pub mod fuzzy;
pub mod pinyin_match;
pub mod query;
pub mod read_limited;
pub mod sanitize;
pub mod sdk_map;
pub mod search;
pub mod synthetic;
pub mod tui;
pub mod width;

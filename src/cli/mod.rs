//! The command line: argument shapes (`args`), one function per command (`commands`), and the
//! documented exit codes. Every command calls the same core functions as the TUI.

pub mod args;
pub mod commands;
pub mod completions;
mod config_show;
pub mod explain;
mod hidden;
pub mod output;
pub mod pager;

pub use args::{Cli, Command};

/// Exit code: something was found / the command succeeded.
pub const EXIT_FOUND: u8 = 0;
/// Exit code: the query or code matched nothing.
pub const EXIT_NOT_FOUND: u8 = 1;
/// Exit code: bad usage, or a catalog file could not be loaded.
pub const EXIT_ERROR: u8 = 2;

/// Prints a message on stderr after sanitizing it: messages quote catalog text, file names and
/// arguments, and none of that may reach the terminal as escape sequences.
pub fn warn(message: &str) {
    eprintln!("trtc-errors: {}", crate::sanitize::sanitize(message));
}

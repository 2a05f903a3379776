//! Output taller than the screen goes through `$PAGER` (default `less -FRX`), like bat and git:
//! only when standard output is a terminal, never into a pipe. `--paging always` pages even short
//! output (still only on a terminal); `never` writes straight through.

use std::io::{self, IsTerminal, Write};
use std::process::{Command, Stdio};

/// `--paging`: when output goes through the pager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paging {
    /// Only when the output is taller than the terminal.
    #[default]
    Auto,
    Always,
    Never,
}

/// The terminal standard output is on: its size, when it is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub columns: usize,
    pub rows: usize,
}

impl Screen {
    /// The terminal's size when standard output is a terminal, else `None` (a pipe, a file).
    pub fn of_stdout() -> Option<Screen> {
        if !io::stdout().is_terminal() {
            return None;
        }
        let (columns, rows) = terminal_size()?;
        (columns > 0 && rows > 0).then_some(Screen {
            columns: usize::from(columns),
            rows: usize::from(rows),
        })
    }
}

/// Columns and rows of the terminal on standard output. Asked of the terminal itself, so the
/// headless build (no crossterm) sizes its pages the same way.
#[cfg(unix)]
fn terminal_size() -> Option<(u16, u16)> {
    let mut size = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes one `winsize` through the pointer, which is to a live local.
    let answered = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) } == 0;
    answered.then_some((size.ws_col, size.ws_row))
}

#[cfg(all(not(unix), feature = "tui"))]
fn terminal_size() -> Option<(u16, u16)> {
    crossterm::terminal::size().ok()
}

/// Without crossterm there is no portable way to ask; output is then written unpaged.
#[cfg(all(not(unix), not(feature = "tui")))]
fn terminal_size() -> Option<(u16, u16)> {
    None
}

/// The pager command: `$PAGER` split at spaces, `less -FRX` when unset; `None` when `PAGER` is
/// empty or `cat` (nothing to page with).
pub fn pager_command() -> Option<Vec<String>> {
    let text = std::env::var("PAGER").unwrap_or_else(|_| "less -FRX".to_string());
    let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    match words.first().map(String::as_str) {
        None | Some("cat") => None,
        Some(_) => Some(words),
    }
}

/// Should `text` go through the pager on `screen` (`None`: not a terminal)?
pub fn wants_pager(paging: Paging, screen: Option<Screen>, text: &[u8]) -> bool {
    let Some(screen) = screen else {
        return false;
    };
    match paging {
        Paging::Never => false,
        Paging::Always => true,
        Paging::Auto => {
            let lines = text.iter().filter(|&&b| b == b'\n').count();
            // The prompt takes the last row after the output.
            lines >= screen.rows
        }
    }
}

/// Writes `text` through the pager when it wants one, else to `out`. A pager that cannot start
/// leaves the text to `out`; one the user quits early is no error.
pub fn show(
    text: &[u8],
    paging: Paging,
    screen: Option<Screen>,
    out: &mut dyn Write,
) -> io::Result<()> {
    if wants_pager(paging, screen, text) {
        if let Some(words) = pager_command() {
            if let Ok(mut child) = Command::new(&words[0])
                .args(&words[1..])
                .stdin(Stdio::piped())
                .spawn()
            {
                // Ctrl-C in the pager belongs to the pager (as in git): this process, which only
                // waits for it, must not die of it and leave the pager on the terminal alone.
                // Set after the spawn, so the pager starts with the default disposition.
                let _ = signal_hook::flag::register(
                    signal_hook::consts::SIGINT,
                    std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
                );
                if let Some(mut stdin) = child.stdin.take() {
                    match stdin.write_all(text) {
                        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e),
                        _ => {}
                    }
                }
                child.wait()?;
                return Ok(());
            }
        }
    }
    out.write_all(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pager_is_only_for_a_terminal_and_tall_output() {
        let screen = Some(Screen {
            columns: 100,
            rows: 3,
        });
        let short = b"a\nb\n";
        let tall = b"a\nb\nc\nd\n";
        assert!(!wants_pager(Paging::Auto, screen, short));
        assert!(wants_pager(Paging::Auto, screen, tall));
        assert!(wants_pager(Paging::Always, screen, short));
        assert!(!wants_pager(Paging::Never, screen, tall));
        for paging in [Paging::Auto, Paging::Always, Paging::Never] {
            assert!(!wants_pager(paging, None, tall), "never into a pipe");
        }
    }
}

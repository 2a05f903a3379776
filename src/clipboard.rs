//! Copying an explanation to the user's clipboard, whichever way works on this machine.
//!
//! 1. The system clipboard through arboard (X11, Wayland, macOS, Windows).
//! 2. Where there is none (SSH, containers), OSC 52: an escape sequence that asks the user's own
//!    terminal to set its clipboard. Inside tmux the text is also handed to `tmux load-buffer -w -`,
//!    which reaches the outer terminal even when tmux's `set-clipboard` is off.
//!
//! The outcome is always reported, never a panic. The arboard handle lives as long as the program:
//! on Linux the copied text is served by this process.

use std::io::{self, Write};
use std::process::{Command, Stdio};

use crossterm::clipboard::CopyToClipboard;
use crossterm::QueueableCommand;

/// `osc52` skips the system clipboard (for SSH sessions where X forwarding is slow, and for tests).
pub const CLIPBOARD_ENV: &str = "TRTC_ERRORS_CLIPBOARD";

/// Writes the OSC 52 "set clipboard" sequence for `text` to `out`.
pub fn write_osc52(out: &mut impl Write, text: &str) -> io::Result<()> {
    out.queue(CopyToClipboard::to_clipboard_from(text))?;
    out.flush()
}

/// Which route(s) carried the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyRoute {
    System,
    Osc52,
    Osc52AndTmux,
}

impl CopyRoute {
    pub fn describe(&self) -> &'static str {
        match self {
            CopyRoute::System => "system clipboard",
            CopyRoute::Osc52 => "OSC 52 (your terminal's clipboard)",
            CopyRoute::Osc52AndTmux => "OSC 52 + tmux buffer",
        }
    }
}

/// The clipboard, opened once at start-up.
pub struct Clipboard {
    system: Option<arboard::Clipboard>,
    /// Why the system clipboard is not available, for the status line.
    system_error: Option<String>,
    in_tmux: bool,
}

impl Clipboard {
    pub fn open() -> Clipboard {
        let in_tmux = std::env::var_os("TMUX").is_some_and(|v| !v.is_empty());
        if std::env::var(CLIPBOARD_ENV).is_ok_and(|v| v == "osc52") {
            return Clipboard {
                system: None,
                system_error: Some(format!("{CLIPBOARD_ENV}=osc52")),
                in_tmux,
            };
        }
        match arboard::Clipboard::new() {
            Ok(system) => Clipboard {
                system: Some(system),
                system_error: None,
                in_tmux,
            },
            Err(e) => Clipboard {
                system: None,
                system_error: Some(e.to_string()),
                in_tmux,
            },
        }
    }

    /// A clipboard that never tries the system one (tests).
    pub fn osc52_only() -> Clipboard {
        Clipboard {
            system: None,
            system_error: Some("disabled".to_string()),
            in_tmux: false,
        }
    }

    /// Copies `text`. `terminal` is where OSC 52 goes (the TUI's output).
    pub fn copy(&mut self, text: &str, terminal: &mut impl Write) -> Result<CopyRoute, String> {
        if let Some(system) = self.system.as_mut() {
            match system.set_text(text) {
                Ok(()) => return Ok(CopyRoute::System),
                Err(e) => self.system_error = Some(e.to_string()),
            }
        }
        let osc = write_osc52(terminal, text);
        let tmux = if self.in_tmux {
            tmux_load_buffer(text)
        } else {
            Err(String::new())
        };
        match (osc, tmux) {
            (Ok(()), Ok(())) => Ok(CopyRoute::Osc52AndTmux),
            (Ok(()), Err(_)) => Ok(CopyRoute::Osc52),
            (Err(e), _) => Err(format!(
                "copy failed: no system clipboard ({}) and the terminal could not be written ({e})",
                self.system_error.as_deref().unwrap_or("unavailable")
            )),
        }
    }
}

/// Hands `text` to tmux's paste buffer and, with `-w`, to the outer terminal's clipboard.
fn tmux_load_buffer(text: &str) -> Result<(), String> {
    let mut child = Command::new("tmux")
        .args(["load-buffer", "-w", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("tmux load-buffer exited with {status}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_bytes_are_exact() {
        let mut out = Vec::new();
        write_osc52(&mut out, "0x4004 进房失败").unwrap();
        // base64 of the UTF-8 bytes, terminated by ST.
        assert_eq!(
            out,
            b"\x1b]52;c;MHg0MDA0IOi/m+aIv+Wksei0pQ==\x1b\\".to_vec()
        );
    }

    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
        }
    }

    #[test]
    fn closed_terminal_is_reported_not_panicked() {
        let mut clipboard = Clipboard::osc52_only();
        let err = clipboard.copy("x", &mut Closed).unwrap_err();
        assert!(err.contains("copy failed"), "{err}");
    }

    #[test]
    fn osc52_route_when_no_system_clipboard() {
        let mut clipboard = Clipboard::osc52_only();
        let mut out = Vec::new();
        assert_eq!(clipboard.copy("hi", &mut out), Ok(CopyRoute::Osc52));
        assert!(out.starts_with(b"\x1b]52;c;"));
    }
}

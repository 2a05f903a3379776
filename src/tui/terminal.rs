//! The terminal's modes: entering them, and the one place that leaves them.
//!
//! [`restore_terminal`] is called on every ordinary way out (quit, error, panic, a signal the loop
//! handles, Ctrl-Z). [`restore_terminal_without_waiting`] is the same restore for the one case the
//! loop cannot handle: the main thread is stuck writing to a terminal that stopped reading. It takes
//! no lock (not the stdout lock the stuck thread holds) and never blocks.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{disable_raw_mode, enable_raw_mode, EnterAlternateScreen};
use crossterm::{cursor, execute, queue};

/// True while the terminal is in the browser's modes.
static ENTERED: AtomicBool = AtomicBool::new(false);

/// Set when the signal thread restores the terminal itself (the loop did not end in time).
#[cfg(unix)]
static TAKEN_OVER: AtomicBool = AtomicBool::new(false);

/// The bytes that undo every mode the browser turns on: mouse reporting, bracketed paste, the
/// alternate screen, the hidden cursor. Built once, so the signal path allocates nothing.
fn leave_sequence() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let mut bytes = Vec::new();
        let _ = queue!(
            bytes,
            DisableMouseCapture,
            DisableBracketedPaste,
            crossterm::terminal::LeaveAlternateScreen,
            cursor::Show
        );
        bytes
    })
}

/// Why the browser cannot run on this terminal, if it cannot: `TERM=dumb` (Emacs shells, some CI
/// consoles) or no `TERM` at all means escape sequences would be printed as text.
pub fn unusable_terminal() -> Option<String> {
    if cfg!(windows) {
        return None;
    }
    match std::env::var("TERM") {
        Ok(term) if term == "dumb" => Some(
            "the interactive browser needs a terminal that understands escape sequences, \
             and TERM is \"dumb\"; try `trtc-errors search QUERY`"
                .to_string(),
        ),
        Ok(term) if !term.trim().is_empty() => None,
        _ => Some(
            "the interactive browser needs a terminal type, and TERM is not set; \
             try `trtc-errors search QUERY`"
                .to_string(),
        ),
    }
}

/// Turns on raw mode, the alternate screen, mouse reporting and bracketed paste. Also used to
/// re-enter after Ctrl-Z / `fg`.
pub fn enter_terminal() -> io::Result<()> {
    leave_sequence();
    #[cfg(unix)]
    emergency::remember_modes();
    #[cfg(unix)]
    emergency::restore_on_abort();
    // After a SIGSTOP the shell put the terminal back in cooked mode while crossterm still
    // believes raw mode is on (and would not enable it again): forget that belief first. When
    // raw mode is really off this does nothing.
    let _ = disable_raw_mode();
    enable_raw_mode()?;
    ENTERED.store(true, Ordering::SeqCst);
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// Is this process in the terminal's foreground? A background process that changes the
/// terminal's modes or writes to it is stopped (SIGTTOU) and would fight the shell over it.
pub fn in_foreground() -> bool {
    #[cfg(unix)]
    {
        // SAFETY: tcgetpgrp and getpgrp only read process state.
        unsafe {
            let fd = if libc::isatty(libc::STDIN_FILENO) == 1 {
                libc::STDIN_FILENO
            } else {
                libc::STDOUT_FILENO
            };
            let group = libc::tcgetpgrp(fd);
            group < 0 || group == libc::getpgrp()
        }
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// Leaves raw mode, the alternate screen, mouse capture and bracketed paste, and shows the cursor.
/// Every step is attempted even if an earlier one fails; safe to call more than once.
pub fn restore_terminal() {
    #[cfg(unix)]
    if TAKEN_OVER.load(Ordering::SeqCst) {
        // The signal thread is restoring and will end the process in a moment; what this thread
        // would write now goes to /dev/null and, worse, could race it to the exit.
        loop {
            std::thread::park();
        }
    }
    let mut out = io::stdout();
    let _ = out.write_all(leave_sequence());
    let _ = out.flush();
    let _ = disable_raw_mode();
    ENTERED.store(false, Ordering::SeqCst);
}

/// Restores what can be restored without waiting on anything: the line discipline's modes first
/// (echo and line editing come back even if no byte reaches the screen), then output the terminal
/// has not taken yet is discarded so the leave sequence fits, written without blocking.
///
/// Only for a path that ends the process right after: from here on [`restore_terminal`] leaves
/// the work to this function.
#[cfg(unix)]
pub fn restore_terminal_without_waiting() {
    TAKEN_OVER.store(true, Ordering::SeqCst);
    if ENTERED.swap(false, Ordering::SeqCst) {
        emergency::restore(leave_sequence());
    }
}

#[cfg(unix)]
mod emergency {
    use std::ffi::CStr;
    use std::sync::OnceLock;
    use std::time::Duration;

    /// The terminal's modes before raw mode, and the descriptor they were read from.
    static SAVED: OnceLock<(libc::c_int, libc::termios)> = OnceLock::new();

    /// The thread that writes to the terminal (the one that enters it).
    struct Writer(libc::pthread_t);
    // SAFETY: a pthread_t is only an identifier (a pointer on some systems), passed back to
    // pthread_kill; it is never dereferenced here.
    unsafe impl Send for Writer {}
    unsafe impl Sync for Writer {}
    static WRITER: OnceLock<Writer> = OnceLock::new();

    /// Saves the cooked modes (once: after Ctrl-Z / `fg` the terminal is already cooked again).
    pub(super) fn remember_modes() {
        // SAFETY: pthread_self has no preconditions.
        let _ = WRITER.set(Writer(unsafe { libc::pthread_self() }));
        if SAVED.get().is_some() {
            return;
        }
        // The descriptor crossterm's raw mode uses: stdin when it is a terminal.
        let fd = libc::STDIN_FILENO;
        // SAFETY: isatty/tcgetattr only read the descriptor's state into the zeroed struct.
        unsafe {
            if libc::isatty(fd) != 1 {
                return;
            }
            let mut modes: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(fd, &mut modes) == 0 {
                let _ = SAVED.set((fd, modes));
            }
        }
    }

    /// An allocation that fails (a paste or frame larger than `ulimit -v` allows) ends the
    /// process through abort(), past every destructor: restore the terminal from the SIGABRT
    /// handler itself, with the same allocation-free system calls, and say why the screen went.
    /// The process then ends by SIGABRT as before (exit 134), also when the signal came from
    /// `kill -ABRT`.
    pub(super) fn restore_on_abort() {
        static INSTALLED: OnceLock<()> = OnceLock::new();
        INSTALLED.get_or_init(|| {
            // SAFETY: the handler only loads atomics and OnceLocks that are already set, and makes
            // async-signal-safe system calls (tcsetattr, open, write, nanosleep, close).
            let _ = unsafe {
                signal_hook::low_level::register(libc::SIGABRT, || {
                    if super::ENTERED.swap(false, std::sync::atomic::Ordering::SeqCst) {
                        restore(super::leave_sequence());
                        const NOTE: &[u8] = b"trtc-errors: aborted (most likely out of memory: \
                            see `ulimit -v`); the terminal's modes are restored\n";
                        libc::write(libc::STDERR_FILENO, NOTE.as_ptr().cast(), NOTE.len());
                    }
                    let _ = signal_hook::low_level::emulate_default_handler(libc::SIGABRT);
                })
            };
        });
    }

    pub(super) fn restore(leave: &[u8]) {
        const TTY: &CStr = c"/dev/tty";
        const NULL: &CStr = c"/dev/null";
        // SAFETY: plain system calls on descriptors this process owns; no Rust-side state is shared
        // with the thread that may be stuck in write().
        unsafe {
            if let Some((fd, modes)) = SAVED.get() {
                libc::tcsetattr(*fd, libc::TCSANOW, modes);
            }
            // A fresh description of the terminal, so O_NONBLOCK does not leak to the shell's.
            let tty = libc::open(
                TTY.as_ptr(),
                libc::O_WRONLY | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC,
            );
            if tty < 0 {
                // Without a description of our own, a write could block: the modes must do.
                return;
            }
            // The stuck writer's later writes go nowhere, so they cannot fill the queue again.
            let null = libc::open(NULL.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
            if null >= 0 && libc::isatty(libc::STDOUT_FILENO) == 1 {
                libc::dup2(null, libc::STDOUT_FILENO);
            }
            // Drop the frames the terminal never took. The stuck writer holds the terminal's
            // write lock while it sleeps, and a flush does not wake it: a harmless signal does
            // (SIGWINCH: the loop only re-reads the size), so it finishes its write and lets go.
            libc::tcflush(tty, libc::TCOFLUSH);
            if let Some(writer) = WRITER.get() {
                libc::pthread_kill(writer.0, libc::SIGWINCH);
            }
            let mut written = 0;
            for _ in 0..20 {
                libc::tcflush(tty, libc::TCOFLUSH);
                let rest = &leave[written..];
                let n = libc::write(tty, rest.as_ptr().cast(), rest.len());
                if n > 0 {
                    written += n as usize;
                }
                if written == leave.len() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            libc::close(tty);
        }
    }
}

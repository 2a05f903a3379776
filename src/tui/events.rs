//! Everything the browser reacts to arrives on one channel, so the loop sleeps in `recv()` until
//! something happens: input from a reader thread, signals from signal-hook's iterator, the search
//! worker's and the clipboard's answers, and the session once it is loaded.
//!
//! Nothing here wakes up on a timer. The one bounded wait is the signal thread's, after a
//! terminating signal: if the loop has not finished within [`GRACE`] (its thread may be stuck
//! writing to a terminal that stopped reading), the signal thread restores what it can without
//! waiting and ends the process itself.

use std::io;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::catalog::CatalogError;
use crate::session::Session;
use crate::tui::clipboard::Reply;

/// How long the loop gets to restore the terminal and return after a terminating signal.
pub const GRACE: Duration = Duration::from_millis(1000);

pub enum Event {
    Input(crossterm::event::Event),
    /// The terminal hung up: nothing more will come.
    InputClosed,
    /// Reading the terminal failed for another reason (no descriptor left, …): said, then exit 2.
    InputFailed(String),
    /// A signal that ends the program (exit 128 + n once the terminal is restored).
    Terminate(i32),
    /// SIGTSTP, SIGTTIN, SIGTTOU: restore the terminal and stop.
    Suspend,
    /// SIGCONT: back in the foreground (or just continued): re-enter and draw everything.
    Continue,
    /// SIGWINCH: the terminal's size may have changed.
    Resized,
    /// The search worker has an answer.
    SearchDone,
    Clipboard(Reply),
    /// A large paste was scanned on its thread (`None`: cancelled).
    PasteScanned {
        generation: u64,
        text: String,
        scan: Option<crate::tui::app::PasteScan>,
    },
    /// The opener started for Ctrl-O failed: what to say.
    OpenFailed(String),
    /// The catalogs finished loading.
    Loaded(Box<Result<Session, CatalogError>>),
}

/// The sending side, cloned into each source. `Sender` is `Send` but not `Sync`: callbacks that
/// must be `Sync` (the worker's waker, the clipboard's notifier) hold it behind a mutex.
#[derive(Clone)]
pub struct Events(Sender<Event>);

impl Events {
    pub fn channel() -> (Events, Receiver<Event>) {
        let (sender, receiver) = mpsc::channel();
        (Events(sender), receiver)
    }

    pub fn send(&self, event: Event) -> bool {
        self.0.send(event).is_ok()
    }

    /// A `Sync` callback that sends the event `make` builds.
    pub fn callback<T: 'static>(&self, make: fn(T) -> Event) -> impl Fn(T) + Send + Sync + 'static {
        let sender = Mutex::new(self.0.clone());
        move |value| {
            let _ = sender
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .send(make(value));
        }
    }
}

/// Reads the terminal on a thread of its own and sends what it reads.
pub fn spawn_input_reader(events: Events) -> io::Result<()> {
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || read_input(&events))?;
    Ok(())
}

/// How long crossterm may wait for the rest of what it is reading before it says nothing more is
/// there. Only spent once per wake-up, after the last event of a batch.
#[cfg(unix)]
const DRAIN_WAIT: Duration = Duration::from_millis(1);

/// Waits for the terminal itself (level-triggered `poll`, so bytes that are there are never
/// waited for), then lets crossterm read and parse everything it can before waiting again.
///
/// crossterm (with `use-dev-tty`) reads level-triggered too, but it retries end-of-file forever:
/// this thread is the one that notices a hung-up terminal. Its own default reader waits on
/// edge-triggered epoll and returns after one event, so after a resize or a burst over 1 KiB the
/// bytes still in the terminal were not read until another key arrived (and an Esc held back
/// that way merged with the next letter into an Alt-letter).
#[cfg(unix)]
fn read_input(events: &Events) {
    use crossterm::event;
    let terminal = match TerminalInput::open() {
        Ok(terminal) => terminal,
        Err(e) => {
            events.send(Event::InputFailed(format!("cannot read the terminal: {e}")));
            return;
        }
    };
    loop {
        if let Err(ended) = terminal.wait_for_bytes() {
            events.send(ended);
            return;
        }
        // Everything crossterm can make of what is there, buffered events included.
        loop {
            match event::poll(DRAIN_WAIT) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    events.send(read_failed(&e));
                    return;
                }
            }
            if !forward(events, event::read()) {
                return;
            }
        }
    }
}

/// The descriptor crossterm reads keys from: stdin when it is a terminal, else `/dev/tty`.
#[cfg(unix)]
struct TerminalInput {
    fd: libc::c_int,
    /// `/dev/tty` opened here (closed on drop); stdin is not ours to close.
    owned: bool,
}

#[cfg(unix)]
impl TerminalInput {
    fn open() -> io::Result<TerminalInput> {
        // SAFETY: isatty only inspects the descriptor.
        if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
            return Ok(TerminalInput {
                fd: libc::STDIN_FILENO,
                owned: false,
            });
        }
        // SAFETY: open with a constant path; the result is checked.
        let fd = unsafe { libc::open(c"/dev/tty".as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(TerminalInput { fd, owned: true })
    }

    /// Returns once the terminal has bytes to read; `Err` with the event that ends the input
    /// when it hung up or cannot be waited on.
    fn wait_for_bytes(&self) -> Result<(), Event> {
        loop {
            let mut polled = libc::pollfd {
                fd: self.fd,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: poll reads and writes only the one pollfd passed.
            let ready = unsafe { libc::poll(&mut polled, 1, -1) };
            if ready < 0 {
                let error = io::Error::last_os_error();
                if error.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(Event::InputFailed(format!(
                    "cannot wait for the terminal: {error}"
                )));
            }
            // Readable with nothing to read is end-of-file: a hung-up terminal says both.
            if polled.revents & libc::POLLIN != 0 && self.waiting_bytes() > 0 {
                return Ok(());
            }
            if polled.revents != 0 {
                return Err(Event::InputClosed);
            }
        }
    }

    fn waiting_bytes(&self) -> libc::c_int {
        let mut waiting: libc::c_int = 0;
        // SAFETY: FIONREAD writes one int through the pointer passed.
        let done = unsafe { libc::ioctl(self.fd, libc::FIONREAD, &mut waiting) };
        if done < 0 {
            0
        } else {
            waiting
        }
    }
}

#[cfg(unix)]
impl Drop for TerminalInput {
    fn drop(&mut self) {
        if self.owned {
            // SAFETY: the descriptor was opened by `open` and is closed once.
            unsafe { libc::close(self.fd) };
        }
    }
}

#[cfg(not(unix))]
fn read_input(events: &Events) {
    while forward(events, crossterm::event::read()) {}
}

/// Passes one read on to the loop. False when reading should stop: the terminal is gone, or the
/// loop no longer listens.
fn forward(events: &Events, read: io::Result<crossterm::event::Event>) -> bool {
    match read {
        Ok(ev) => events.send(Event::Input(ev)),
        Err(e) if e.kind() == io::ErrorKind::Interrupted => true,
        Err(e) => {
            events.send(read_failed(&e));
            false
        }
    }
}

/// A read error: EIO is how a hung-up terminal answers; anything else is a failure to report.
fn read_failed(error: &io::Error) -> Event {
    #[cfg(unix)]
    if error.raw_os_error() == Some(libc::EIO) {
        return Event::InputClosed;
    }
    Event::InputFailed(format!("cannot read the terminal: {error}"))
}

/// Starts crossterm's reader now (it starts on first use), so a reader that cannot start is an
/// error before the screen changes rather than an exit on the first key.
pub fn check_input_reader() -> anyhow::Result<()> {
    if let Err(e) = crossterm::event::poll(Duration::ZERO) {
        // crossterm says only "Failed to initialize input reader"; what it needed was descriptors
        // for its wake-up pipe, and asking for two says why they are not there.
        #[cfg(unix)]
        let cause = match std::os::unix::net::UnixStream::pair() {
            Err(cause) => format!("{cause} (is `ulimit -n` too low?)"),
            Ok(_) => e.to_string(),
        };
        #[cfg(not(unix))]
        let cause = e.to_string();
        anyhow::bail!("the browser cannot read keys from the terminal: {cause}");
    }
    Ok(())
}

/// Signals that end the browser. SIGPIPE is not among them: Rust ignores it, so a closed terminal
/// shows up as a write error, which ends the loop through the ordinary restoring path.
#[cfg(unix)]
pub const TERMINATING: [i32; 7] = {
    use signal_hook::consts::*;
    [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM]
};

/// Turns signals into events on a thread of its own (signal-hook's iterator: the handler only
/// writes to a pipe). On a terminating signal, waits [`GRACE`] for the loop to end the process, and
/// otherwise ends it here.
#[cfg(unix)]
pub fn spawn_signal_thread(events: Events) -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH};
    use signal_hook::iterator::Signals;

    let mut wanted = TERMINATING.to_vec();
    // SIGTTIN and SIGTTOU stop the process as SIGTSTP does: they get the same restore first.
    // (SIGSTOP cannot be caught: the terminal is entered again after it, on SIGCONT.)
    wanted.extend([SIGTSTP, SIGTTIN, SIGTTOU, SIGCONT, SIGWINCH]);
    let mut signals = Signals::new(&wanted)?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                let event = match signal {
                    SIGTSTP | SIGTTIN | SIGTTOU => Event::Suspend,
                    SIGCONT => Event::Continue,
                    SIGWINCH => Event::Resized,
                    n => Event::Terminate(n),
                };
                let terminate = matches!(event, Event::Terminate(_));
                let delivered = events.send(event);
                if terminate {
                    if delivered {
                        std::thread::sleep(GRACE);
                    }
                    super::terminal::restore_terminal_without_waiting();
                    // SAFETY: _exit ends the process without running anything that could wait.
                    unsafe { libc::_exit(128 + signal) };
                }
            }
        })?;
    Ok(())
}

/// Loads the session on a thread, so the first frame does not wait for large catalogs.
pub fn spawn_loader(
    events: Events,
    load: impl FnOnce() -> Result<Session, CatalogError> + Send + 'static,
) -> io::Result<()> {
    std::thread::Builder::new()
        .name("load".into())
        .spawn(move || {
            events.send(Event::Loaded(Box::new(load())));
        })?;
    Ok(())
}

/// The clipboard's notifier, sending into `events`.
pub fn clipboard_notifier(events: &Events) -> Arc<dyn Fn(Reply) + Send + Sync> {
    Arc::new(events.callback(Event::Clipboard))
}

/// The search worker's waker, sending into `events`.
pub fn search_waker(events: &Events) -> super::worker::Waker {
    let search_done = events.callback(|()| Event::SearchDone);
    Arc::new(move || search_done(()))
}

//! The interactive browser: set up the terminal, then wait for an event → update → draw if
//! anything changed; restore on every way out.
//!
//! The loop sleeps in `recv()` on one channel ([`events`]) and draws only when an event changed
//! something: input that decoded to an action, a resize, a search answer, a finished copy, the
//! session arriving, a return from Ctrl-Z. Idle, it does not wake up at all.
//!
//! The terminal is restored in one place, [`terminal::restore_terminal`], called on every way out:
//! a normal quit, an error, a panic (from the panic hook, before the message is printed), every
//! terminating signal (exit 128 + n), Ctrl-Z / SIGTSTP (then re-entered on `fg`). When the loop's
//! thread is stuck writing to a terminal that stopped reading, the signal thread restores what it
//! can without waiting and ends the process ([`events::GRACE`]).

mod action;
pub mod app;
mod bounded_backend;
mod bounded_command;
pub mod clipboard;
mod detail;
mod events;
mod filter;
mod history;
mod input;
mod keys;
pub mod layout;
mod open_url;
mod query_history;
mod source;
mod terminal;
mod text;
mod theme;
pub mod ui;
pub mod worker;

use std::io;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Terminal;

use crate::catalog::CatalogError;
use crate::session::Session;
use crate::tui::app::{Action, App, Effect};
use crate::tui::bounded_backend::{bound, BoundedBackend};
use crate::tui::clipboard::{Clipboard, Finished};
use crate::tui::events::{Event, Events};
pub use crate::tui::terminal::restore_terminal;
use crate::tui::worker::{SearchWorker, BACKGROUND_FROM};

/// Set to `after-first-frame` to panic once the first frame is drawn: the end-to-end tests use it
/// to prove the panic path restores the terminal. No key or normal use can trigger it.
pub const TEST_PANIC_ENV: &str = "TRTC_ERRORS_TEST_PANIC";

/// Restores the terminal when dropped, so an early return or `?` cannot leave it raw.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// Opens the browser over a loaded session and runs it until the user quits.
pub fn run(session: Session, initial_query: Option<String>) -> anyhow::Result<ExitCode> {
    run_from(Box::new(move || Ok(session)), initial_query, None)
}

/// Opens the browser at once and loads the session on a thread meanwhile: the first frame says
/// "Loading catalogs…" and keys typed during the load are applied when it is done. A catalog that
/// fails to load ends the browser with the error (after the terminal is restored).
pub fn run_loading(
    load: impl FnOnce() -> Result<Session, CatalogError> + Send + 'static,
    initial_query: Option<String>,
) -> anyhow::Result<ExitCode> {
    run_from(Box::new(load), initial_query, None)
}

/// `trtc-errors pick`: the browser on the terminal (`/dev/tty`) while stdout is whatever the
/// caller pipes it into; Enter prints the chosen code(s) there, one a line, and exits 0; Esc or
/// Ctrl-C exits 130 with nothing printed. Nothing else ever reaches stdout.
pub fn pick(
    load: impl FnOnce() -> Result<Session, CatalogError> + Send + 'static,
    initial_query: Option<String>,
) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let choice = pick_output::ScreenOnTerminal::begin()?;
    let mut chosen = None;
    let outcome = run_from(Box::new(load), initial_query, Some(&mut chosen));
    let mut out = choice.end()?;
    let code = outcome?;
    match chosen {
        Some(codes) => {
            for code in codes {
                writeln!(out, "{code}")?;
            }
            out.flush()?;
            Ok(code)
        }
        None => Ok(ExitCode::from(EXIT_CANCELLED)),
    }
}

/// What `pick` exits with when nothing was chosen (fzf's 130: as if interrupted).
pub const EXIT_CANCELLED: u8 = 130;

mod pick_output {
    use std::fs::File;
    use std::io;

    /// While it lives, file descriptor 1 is the terminal, so everything the browser draws (and
    /// restores) goes there; `end` gives back the caller's stdout for the choice.
    pub struct ScreenOnTerminal {
        #[cfg(unix)]
        saved: std::os::fd::OwnedFd,
    }

    impl ScreenOnTerminal {
        #[cfg(unix)]
        pub fn begin() -> anyhow::Result<ScreenOnTerminal> {
            use anyhow::Context;
            use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
            let tty = File::options()
                .read(true)
                .write(true)
                .open("/dev/tty")
                .context("pick draws on the terminal, and /dev/tty cannot be opened")?;
            io::Write::flush(&mut io::stdout())?;
            // SAFETY: dup and dup2 on descriptors this process holds; the results are checked.
            unsafe {
                let saved = libc::dup(libc::STDOUT_FILENO);
                if saved < 0 {
                    return Err(io::Error::last_os_error()).context("cannot keep stdout aside");
                }
                let saved = OwnedFd::from_raw_fd(saved);
                if libc::dup2(tty.as_raw_fd(), libc::STDOUT_FILENO) < 0 {
                    return Err(io::Error::last_os_error()).context("cannot draw on /dev/tty");
                }
                Ok(ScreenOnTerminal { saved })
            }
        }

        #[cfg(not(unix))]
        pub fn begin() -> anyhow::Result<ScreenOnTerminal> {
            anyhow::bail!("pick needs a Unix terminal")
        }

        /// Puts the caller's stdout back on descriptor 1 and returns it.
        #[cfg(unix)]
        pub fn end(self) -> io::Result<io::Stdout> {
            use std::os::fd::AsRawFd;
            io::Write::flush(&mut io::stdout())?;
            // SAFETY: dup2 of a descriptor this struct owns onto 1.
            if unsafe { libc::dup2(self.saved.as_raw_fd(), libc::STDOUT_FILENO) } < 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(io::stdout())
        }

        #[cfg(not(unix))]
        pub fn end(self) -> io::Result<io::Stdout> {
            Ok(io::stdout())
        }
    }
}

type Loader = Box<dyn FnOnce() -> Result<Session, CatalogError> + Send>;

/// Runs the browser; with `picking`, as a picker whose choice is left there.
fn run_from(
    load: Loader,
    initial_query: Option<String>,
    picking: Option<&mut Option<Vec<String>>>,
) -> anyhow::Result<ExitCode> {
    if let Some(why) = terminal::unusable_terminal() {
        anyhow::bail!(why);
    }
    let (events, inbox) = Events::channel();
    let notify = events::clipboard_notifier(&events);
    #[cfg(unix)]
    events::spawn_signal_thread(events.clone()).context("cannot watch for signals")?;

    // Before the screen changes: a reader that cannot start (`ulimit -n 5`: no descriptor left for
    // crossterm's) would otherwise end the browser on the first key with no word said.
    events::check_input_reader()?;
    install_panic_hook();
    terminal::enter_terminal()?;
    let _guard = TerminalGuard;
    let mut terminal = Terminal::new(BoundedBackend(CrosstermBackend::new(io::stdout())))?;
    // Not `terminal.clear()`: it asks the terminal for the cursor position and waits for an answer
    // some terminals never send. `resize` wipes the screen and forgets the last frame.
    full_redraw_next(&mut terminal)?;
    events::spawn_input_reader(events.clone())?;
    let mut clipboard = Clipboard::open(notify);

    let mut warnings = Vec::new();
    let outcome = match wait_for_session(&mut terminal, &inbox, load, events.clone())? {
        Waited::Loaded(session, early) => {
            let mut app = build_app(*session, initial_query, &mut warnings);
            // A large catalog is searched off this thread, so typing never waits for a search.
            // Without a thread for it (a low `ulimit -v`) the browser searches here instead.
            let worker = (app.catalog().len() >= BACKGROUND_FROM)
                .then(|| {
                    SearchWorker::spawn(
                        Arc::clone(&app.engine),
                        Some(events::search_waker(&events)),
                    )
                })
                .flatten();
            if worker.is_some() {
                app.search_in_background();
            }
            if picking.is_some() {
                app.start_picking();
            }
            let size = terminal.size()?;
            let resized = app.update(Action::Resize {
                width: size.width,
                height: size.height,
            });
            let mut looped = Loop {
                terminal: &mut terminal,
                app: &mut app,
                worker,
                clipboard: &mut clipboard,
                events: events.clone(),
                paste_scan: None,
                dirty: true,
            };
            let mut outcome = looped.perform_all(resized).map(|()| None);
            for event in early {
                if !matches!(outcome, Ok(None)) {
                    break;
                }
                outcome = looped.handle(event);
                if !matches!(outcome, Ok(None)) || looped.app.should_quit {
                    break;
                }
            }
            let outcome = match outcome {
                Ok(None) => looped.run(&inbox),
                Ok(Some(code)) => Ok(code),
                Err(e) => Err(e),
            };
            app.remember_query();
            if let Some(path) = query_history::history_file() {
                // Losing the history is not worth an error after the browser closed.
                let _ = query_history::save(&path, &app.query_line.history);
            }
            if let Some(chosen) = picking {
                *chosen = app.take_choice();
            }
            outcome
        }
        Waited::Exit(code) => Ok(code),
        Waited::Failed(err) => {
            drop(terminal);
            restore_terminal();
            return Err(err.into());
        }
    };
    finish(terminal, outcome?, &warnings)
}

/// Restores the terminal, then says what the alternate screen hid.
fn finish<B: Backend>(
    terminal: Terminal<B>,
    code: ExitCode,
    warnings: &[String],
) -> anyhow::Result<ExitCode> {
    drop(terminal);
    restore_terminal();
    for warning in warnings {
        eprintln!(
            "trtc-errors: warning: {}",
            crate::sanitize::sanitize(warning)
        );
    }
    Ok(code)
}

fn build_app(session: Session, initial_query: Option<String>, warnings: &mut Vec<String>) -> App {
    let copy_format = session.config.config.copy_format.unwrap_or_default();
    let mut app = App::new(
        Arc::new(session.engine),
        copy_format,
        session.lang,
        session.color,
    );
    if let Some(path) = query_history::history_file() {
        app.query_line.history = query_history::load(&path);
    }
    if !session.scope.is_everything() {
        app.set_base_scope(session.scope);
    }
    if let Some(q) = initial_query {
        app.set_query(&q);
    }
    // Printed to stderr after the browser closes too, but the alternate screen hides that now.
    // Warnings are already sanitized where they are made (config.rs, session.rs).
    app.status = match session.config.warnings.as_slice() {
        [] => app.status.take(),
        [one] => Some(format!("Warning: {one}")),
        [first, rest @ ..] => Some(format!(
            "{} warnings (`trtc-errors config show` lists them): {first}",
            rest.len() + 1
        )),
    };
    warnings.clone_from(&session.config.warnings);
    app
}

enum Waited {
    /// The session, and the input that arrived while it loaded (to apply in order).
    Loaded(Box<Session>, Vec<Event>),
    Exit(ExitCode),
    Failed(CatalogError),
}

/// Draws "Loading catalogs…" and waits for the session. Input that arrives meanwhile is kept for
/// the app (see [`Loop::handle`]); signals are honoured.
fn wait_for_session<B: Backend>(
    terminal: &mut Terminal<B>,
    inbox: &Receiver<Event>,
    load: Loader,
    events: Events,
) -> anyhow::Result<Waited>
where
    B::Error: Send + Sync + 'static,
{
    events::spawn_loader(events, load)?;
    let mut early = Vec::new();
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|frame| {
                let area = frame.area();
                let line = Line::from("Loading catalogs…");
                let row = Rect::new(area.x, area.y + area.height / 2, area.width, 1);
                frame.render_widget(Paragraph::new(line).centered(), row.intersection(area));
            })?;
            dirty = false;
        }
        let event = inbox.recv().context("every event source is gone")?;
        match event {
            Event::Loaded(loaded) => {
                return match *loaded {
                    Ok(session) => Ok(Waited::Loaded(Box::new(session), early)),
                    Err(err) => Ok(Waited::Failed(err)),
                };
            }
            Event::Terminate(signal) => return Ok(Waited::Exit(signal_exit(signal))),
            Event::InputClosed => return Ok(Waited::Exit(hangup_exit())),
            Event::InputFailed(why) => anyhow::bail!(why),
            Event::Input(crossterm::event::Event::Resize(..)) | Event::Resized => {
                full_redraw_next(terminal)?;
                dirty = true;
            }
            Event::Continue if !terminal::in_foreground() => suspend()?,
            Event::Continue => {
                terminal::enter_terminal()?;
                full_redraw_next(terminal)?;
                dirty = true;
            }
            Event::Suspend => {
                suspend()?;
            }
            Event::Input(ev) => {
                // A paste is never Quit: not copied just to be compared.
                if !matches!(ev, crossterm::event::Event::Paste(_))
                    && keys::action_for(&ev) == Action::Quit
                {
                    return Ok(Waited::Exit(ExitCode::SUCCESS));
                }
                early.push(Event::Input(ev));
            }
            Event::SearchDone
            | Event::Clipboard(_)
            | Event::OpenFailed(_)
            | Event::PasteScanned { .. } => {}
        }
    }
}

/// The exit status of a process ended by `signal`: 128 + n, as a shell reports it.
fn signal_exit(signal: i32) -> ExitCode {
    ExitCode::from(128u8.saturating_add(u8::try_from(signal).unwrap_or(127)))
}

/// The terminal went away without a SIGHUP reaching us: end as if it had.
fn hangup_exit() -> ExitCode {
    #[cfg(unix)]
    {
        signal_exit(signal_hook::consts::SIGHUP)
    }
    #[cfg(not(unix))]
    {
        ExitCode::FAILURE
    }
}

/// Makes the next draw repaint every cell: wipes the screen and forgets the last frame. Needed
/// after the terminal was used by someone else (Ctrl-Z) or resized.
fn full_redraw_next<B: Backend>(terminal: &mut Terminal<B>) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))?;
    Ok(())
}

/// Ctrl-Z / SIGTSTP: give the terminal back to the shell and stop. The loop re-enters on the
/// SIGCONT that `fg` sends ([`Event::Continue`]).
fn suspend() -> anyhow::Result<()> {
    // In the background (after `bg`) the shell owns the terminal: touching it would stop us
    // with SIGTTOU anyway, and the modes were restored when we were first stopped.
    if terminal::in_foreground() {
        restore_terminal();
    }
    #[cfg(unix)]
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    Ok(())
}

struct Loop<'a, B: Backend> {
    terminal: &'a mut Terminal<B>,
    app: &'a mut App,
    /// Searches a large catalog off this thread; `None` when the app searches itself.
    worker: Option<SearchWorker>,
    clipboard: &'a mut Clipboard,
    /// For helpers that answer later (the opener's reaper, the paste scanner).
    events: Events,
    /// The flag that stops the paste scan under way.
    paste_scan: Option<Arc<AtomicBool>>,
    /// Something changed since the last frame.
    dirty: bool,
}

impl<B: Backend> Loop<'_, B>
where
    B::Error: Send + Sync + 'static,
{
    fn run(&mut self, inbox: &Receiver<Event>) -> anyhow::Result<ExitCode> {
        let test_panic = std::env::var(TEST_PANIC_ENV).is_ok_and(|v| v == "after-first-frame");
        loop {
            if self.app.should_quit {
                return Ok(ExitCode::SUCCESS);
            }
            if self.dirty {
                self.terminal.draw(|frame| ui::draw(frame, self.app))?;
                self.dirty = false;
                if test_panic {
                    panic!("{TEST_PANIC_ENV} asked for a panic after the first frame");
                }
            }
            // Sleep until something happens; only a copy under way has a deadline.
            let event = match self.clipboard.deadline() {
                Some(deadline) => {
                    match inbox.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                        Ok(event) => Some(event),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => {
                            anyhow::bail!("every event source is gone")
                        }
                    }
                }
                None => Some(inbox.recv().context("every event source is gone")?),
            };
            match event {
                Some(event) => {
                    if let Some(code) = self.handle(event)? {
                        return Ok(code);
                    }
                }
                None => {
                    let finished = self
                        .clipboard
                        .on_deadline(Instant::now(), &mut io::stdout());
                    self.copied(finished);
                }
            }
            // Take whatever else is already waiting before drawing: a burst of keys, a paste, a
            // storm of resizes costs one frame.
            while let Ok(event) = inbox.try_recv() {
                if let Some(code) = self.handle(event)? {
                    return Ok(code);
                }
            }
        }
    }

    /// Applies one event. Returns the exit status when the browser must end.
    fn handle(&mut self, event: Event) -> anyhow::Result<Option<ExitCode>> {
        match event {
            Event::Input(crossterm::event::Event::Resize(width, height)) => {
                self.resized(width, height)?
            }
            Event::Resized => {
                let size = self.terminal.size()?;
                self.resized(size.width, size.height)?;
            }
            Event::Input(ev) => {
                let action = keys::into_action(ev);
                if action != Action::None {
                    let effects = self.app.update(action);
                    self.dirty = true;
                    self.perform_all(effects)?;
                }
            }
            Event::SearchDone => {
                let latest = self.worker.as_ref().and_then(SearchWorker::latest);
                if let Some(result) = latest.filter(|r| self.app.awaits(r.generation)) {
                    let effects = self.app.update(Action::Searched(result));
                    self.dirty = true;
                    self.perform_all(effects)?;
                }
            }
            Event::Clipboard(reply) => {
                let finished = self.clipboard.on_reply(reply, &mut io::stdout());
                self.copied(finished);
            }
            Event::OpenFailed(why) => {
                self.app.status = Some(why);
                self.dirty = true;
            }
            Event::PasteScanned {
                generation,
                text,
                scan,
            } => {
                if let Some(scan) = scan {
                    let effects = self.app.pasted(generation, &text, scan);
                    self.dirty = true;
                    self.perform_all(effects)?;
                }
            }
            Event::Terminate(signal) => return Ok(Some(signal_exit(signal))),
            Event::InputClosed => return Ok(Some(hangup_exit())),
            // Ends through `run_from`'s error path: the terminal restored, then the message.
            Event::InputFailed(why) => anyhow::bail!(why),
            Event::Suspend => suspend()?,
            Event::Continue => self.resume()?,
            // Loaded only once, before this loop starts.
            Event::Loaded(_) => {}
        }
        Ok(None)
    }

    /// The I/O an update asked for.
    fn perform_all(&mut self, effects: Vec<Effect>) -> anyhow::Result<()> {
        effects
            .into_iter()
            .try_for_each(|effect| self.perform(effect))
    }

    fn perform(&mut self, effect: Effect) -> anyhow::Result<()> {
        match effect {
            Effect::Search(request) => {
                let sent = self.worker.as_ref().is_some_and(|w| w.request(request));
                if !sent {
                    // The worker thread is gone: search here from now on.
                    self.worker = None;
                    self.app.search_in_foreground();
                    self.dirty = true;
                }
            }
            Effect::Copy { text, label } => {
                let finished = self.clipboard.copy(text, label, &mut io::stdout());
                self.copied(finished);
            }
            // Re-entered on SIGCONT by `resume`.
            Effect::Suspend => suspend()?,
            Effect::Redraw => {
                full_redraw_next(self.terminal)?;
                self.dirty = true;
            }
            // `open_url` spawns the opener and does not wait for it: nothing here can block.
            Effect::ScanPaste(request) => self.scan_paste(request)?,
            Effect::CancelScan => {
                if let Some(cancel) = self.paste_scan.take() {
                    cancel.store(true, Ordering::Relaxed);
                }
            }
            Effect::OpenUrl(url) => {
                let events = self.events.clone();
                let outcome = open_url::open_url(&url, move |why| {
                    events.send(Event::OpenFailed(why));
                });
                self.app.opened(&url, outcome);
                self.dirty = true;
            }
        }
        Ok(())
    }

    /// Scans a large paste on a thread of its own, so keys are answered meanwhile; a newer
    /// paste or Esc sets the previous scan's flag and it stops at its next line.
    fn scan_paste(&mut self, request: app::ScanRequest) -> anyhow::Result<()> {
        if let Some(previous) = self.paste_scan.take() {
            previous.store(true, Ordering::Relaxed);
        }
        let cancel = Arc::new(AtomicBool::new(false));
        self.paste_scan = Some(Arc::clone(&cancel));
        let engine = Arc::clone(&self.app.engine);
        let events = self.events.clone();
        std::thread::Builder::new()
            .name("paste".into())
            .spawn(move || {
                let app::ScanRequest {
                    text,
                    scope,
                    generation,
                } = request;
                let scan = app::scan_paste(&text, &engine, scope, &cancel);
                events.send(Event::PasteScanned {
                    generation,
                    text,
                    scan,
                });
            })
            .context("cannot start the paste scanner")?;
        Ok(())
    }

    fn copied(&mut self, finished: Option<Finished>) {
        if let Some(Finished { label, outcome }) = finished {
            self.app
                .copied(&label, outcome.as_deref().map_err(Clone::clone));
            self.dirty = true;
        }
    }

    fn resized(&mut self, width: u16, height: u16) -> anyhow::Result<()> {
        // crossterm's Resize carries the terminal's own claim; the frame is bounded.
        let (width, height) = bound(width, height);
        if (width, height) != (self.app.width, self.app.height) {
            let effects = self.app.update(Action::Resize { width, height });
            self.dirty = true;
            self.perform_all(effects)?;
        }
        Ok(())
    }

    /// Back from Ctrl-Z (or continued after a stop): the shell had the terminal, so enter its
    /// modes again and repaint everything.
    fn resume(&mut self) -> anyhow::Result<()> {
        if !terminal::in_foreground() {
            // Continued in the background (`bg`): a full-screen program cannot run there, so it
            // waits, stopped, for `fg`.
            return suspend();
        }
        terminal::enter_terminal()?;
        full_redraw_next(self.terminal)?;
        let size = self.terminal.size()?;
        self.resized(size.width, size.height)?;
        self.dirty = true;
        Ok(())
    }
}

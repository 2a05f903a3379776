//! The interactive browser: set up the terminal, run draw → read event → update, restore.
//!
//! The terminal is restored in exactly one function, [`restore_terminal`], called on every way out:
//! a normal quit, Ctrl-C (a key in raw mode), SIGTERM / SIGHUP (checked by the loop), an error, and
//! a panic (from the panic hook, before the message is printed).

pub mod app;
pub mod decimal_prefix;
pub mod detail;
pub mod filter;
pub mod history;
pub mod input;
pub mod keys;
pub mod layout;
pub mod notes;
pub mod open_url;
pub mod text;
pub mod theme;
pub mod ui;
pub mod version_filter;
pub mod worker;

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, event, execute};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::Terminal;

use crate::clipboard::Clipboard;
use crate::session::Session;
use crate::tui::app::{Action, App, Effect};

/// Set to `after-first-frame` to panic once the first frame is drawn: the end-to-end tests use it
/// to prove the panic path restores the terminal. No key or normal use can trigger it.
pub const TEST_PANIC_ENV: &str = "TRTC_ERRORS_TEST_PANIC";

/// Leaves raw mode, the alternate screen, mouse capture and bracketed paste, and shows the cursor.
/// Every step is attempted even if an earlier one fails; safe to call more than once.
pub fn restore_terminal() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

fn enter_terminal() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

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

/// Opens the browser over the session's catalog and runs it until the user quits.
pub fn run(session: Session, initial_query: Option<String>) -> anyhow::Result<ExitCode> {
    let copy_format = session.config.config.copy_format.unwrap_or_default();
    let color = session.color;
    let mut app = App::new(Arc::new(session.engine), copy_format, session.lang, color);
    if !session.scope.is_everything() {
        app.set_base_scope(session.scope);
    }
    if let Some(q) = initial_query {
        app.set_query(&q);
    }
    // Printed to stderr too, but the alternate screen hides that: say it where it is seen.
    if let Some(warning) = session.config.warnings.first() {
        app.status = Some(format!("Config ignored: {warning}"));
    }

    // SIGTERM and SIGHUP set flags the loop checks, so the terminal is restored on the main thread.
    let mut signals = Vec::new();
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        let flag = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(sig, Arc::clone(&flag))?;
        signals.push((sig, flag));
    }

    // If the terminal hangs up, crossterm's event poll can spin without returning, so the loop
    // never sees the flag. A watchdog gives the loop a moment, then restores and exits itself.
    let finished = Arc::new(AtomicBool::new(false));
    spawn_signal_watchdog(signals.clone(), Arc::clone(&finished));

    install_panic_hook();
    enter_terminal()?;
    let _guard = TerminalGuard;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    // Not `terminal.clear()`: it asks the terminal for the cursor position and waits for an answer
    // some terminals never send. The alternate screen only needs wiping.
    execute!(io::stdout(), Clear(ClearType::All))?;
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut clipboard = Clipboard::open();
    let code = event_loop(&mut terminal, &mut app, &mut clipboard, &signals);
    finished.store(true, Ordering::SeqCst);
    drop(terminal);
    code
}

/// After SIGTERM / SIGHUP, waits for the event loop to finish; if it has not within half a second
/// (its event poll may be stuck on a dead terminal), restores the terminal and exits.
fn spawn_signal_watchdog(signals: Vec<(i32, Arc<AtomicBool>)>, finished: Arc<AtomicBool>) {
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(50));
        if finished.load(Ordering::SeqCst) {
            return;
        }
        if let Some((sig, _)) = signals
            .iter()
            .find(|(_, flag)| flag.load(Ordering::Relaxed))
        {
            std::thread::sleep(Duration::from_millis(500));
            if !finished.load(Ordering::SeqCst) {
                restore_terminal();
                std::process::exit(128 + *sig);
            }
            return;
        }
    });
}

fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    clipboard: &mut Clipboard,
    signals: &[(i32, Arc<AtomicBool>)],
) -> anyhow::Result<ExitCode>
where
    B::Error: Send + Sync + 'static,
{
    let test_panic = std::env::var(TEST_PANIC_ENV).is_ok_and(|v| v == "after-first-frame");
    loop {
        terminal.draw(|frame| ui::draw(frame, app))?;
        if test_panic {
            panic!("{TEST_PANIC_ENV} asked for a panic after the first frame");
        }
        if app.should_quit {
            return Ok(ExitCode::SUCCESS);
        }
        if let Some((sig, _)) = signals
            .iter()
            .find(|(_, flag)| flag.load(Ordering::Relaxed))
        {
            // The conventional status of a process ended by a signal.
            return Ok(ExitCode::from(128 + *sig as u8));
        }
        // While a background search runs, wake up often to show its answer as soon as it lands.
        let wait = if app.searching { 5 } else { 100 };
        match event::poll(Duration::from_millis(wait)) {
            Ok(false) => {
                app.poll_results();
                continue;
            }
            Ok(true) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        }
        let ev = match event::read() {
            Ok(ev) => ev,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        app.poll_results();
        let action = keys::action_for(&ev);
        if let Some(Effect::Copy { text, label }) = app.update(action) {
            let outcome = clipboard.copy(&text, &mut io::stdout());
            app.copied(
                &label,
                outcome.as_ref().map(|r| r.describe()).map_err(Clone::clone),
            );
        }
    }
}

//! End to end: the real binary in a pseudo-terminal, its screen read through the vt100 crate
//! (byte matching cannot find Chinese text: the cursor moves between wide characters).
#![cfg(unix)]

mod common;
#[path = "support/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use portable_pty::PtySize;

use nix::sys::signal::{kill, Signal};
use nix::sys::termios::LocalFlags;
use nix::unistd::Pid;

type Session = common::pty::Pty;
use common::pty::spawn;

impl Session {
    /// The terminal is as the shell left it: main screen, cursor visible, no mouse reporting,
    /// no bracketed paste, and the line discipline back in cooked mode with echo.
    fn assert_restored(&self) {
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor still hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting still on"
        );
        assert!(!screen.bracketed_paste(), "bracketed paste still on");
        let termios = self.master.get_termios().expect("termios of the pty");
        assert!(
            termios.local_flags.contains(LocalFlags::ECHO),
            "echo is off: raw mode left on"
        );
        assert!(
            termios.local_flags.contains(LocalFlags::ICANON),
            "canonical mode is off: raw mode left on"
        );
    }

    fn pid(&self) -> Pid {
        Pid::from_raw(self.child.process_id().expect("child pid") as i32)
    }
}

#[test]
fn search_copy_and_quit() {
    // No DISPLAY and no WAYLAND_DISPLAY: the system clipboard is unreachable, OSC 52 must carry it.
    let mut s = Session::start(&[], &[]);
    s.wait_for("Codes");
    s.send("过期");
    s.wait_for("70347");
    assert!(s.contents().contains("70001"));
    s.send("\x15"); // Ctrl-U clears
    s.send("16388");
    s.wait_for("JOIN_ROOM_FAILED");
    s.send("\x19"); // Ctrl-Y copies
    s.wait_for("Copied web4:0x4004 JOIN_ROOM_FAILED (text) via OSC 52");
    let raw = s.raw.lock().unwrap().clone();
    let catalog = trtc_errors::catalog::Catalog::builtin().unwrap();
    let entry = catalog.find_display("0x4004").unwrap();
    let text = trtc_errors::render::explain(
        entry,
        &catalog,
        trtc_errors::render::Format::Text,
        &trtc_errors::explanation::View::default(),
    );
    let mut expected = Vec::new();
    trtc_errors::tui::clipboard::write_osc52(&mut expected, &text).unwrap();
    assert!(
        raw.windows(expected.len())
            .any(|w| w == expected.as_slice()),
        "the OSC 52 sequence with the explanation never arrived"
    );
    s.send("\x04"); // Ctrl-D deletes forward while there is a query
    assert!(s.child.try_wait().unwrap().is_none());
    s.send("\x15");
    s.send("\x04"); // Ctrl-D on an empty query quits
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
}

#[test]
fn a_broken_config_is_reported_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), "lang = \"klingon\"\n").unwrap();
    let mut s = Session::start(
        &[],
        &[("TRTC_ERRORS_CONFIG_DIR", dir.path().to_str().unwrap())],
    );
    s.wait_for("Warning:");
    assert!(s.contents().contains("config.toml:1:8"), "{}", s.contents());
    s.send("\x03");
    assert!(s.wait_exit().success());
}

#[test]
fn ctrl_c_quits_and_restores() {
    let mut s = Session::start(&["tui", "--query", "join"], &[]);
    s.wait_for("JOIN_ROOM_FAILED");
    s.send("\x03");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

/// A signal ends the browser with the conventional status (128 + signal) and a restored terminal.
fn signal_restores(signal: Signal) {
    let mut s = Session::start(&[], &[]);
    s.wait_for("Codes");
    kill(s.pid(), signal).unwrap();
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 128 + signal as u32);
    s.assert_restored();
}

#[test]
fn sigterm_restores() {
    signal_restores(Signal::SIGTERM);
}

#[test]
fn sighup_restores() {
    signal_restores(Signal::SIGHUP);
}

#[test]
fn a_closed_terminal_ends_the_program() {
    // The window closes: every handle on the pty master goes away and the kernel sends SIGHUP.
    // The program must end rather than spin on a dead terminal.
    let (master, mut child) = spawn(&[], &[]);
    let mut reader = master.try_clone_reader().expect("pty reader");
    // Read until the first frame is up, then let go of the reader (its fd is a master handle too).
    let up = std::thread::spawn(move || {
        let mut parser = vt100::Parser::new(30, 100, 0);
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                return false;
            }
            parser.process(&buf[..n]);
            if parser.screen().contents().contains("Codes") {
                return true;
            }
        }
        false
    });
    assert!(up.join().unwrap(), "the browser never drew");
    std::thread::sleep(Duration::from_millis(500));
    drop(master);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(!status.success());
            return;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("still running 10 s after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_panic_restores_first_and_then_reports() {
    let mut s = Session::start(&[], &[("TRTC_ERRORS_TEST_PANIC", "after-first-frame")]);
    let status = s.wait_exit();
    assert!(!status.success());
    s.assert_restored();
    s.wait_for("asked for a panic after the first frame");
}

#[test]
fn hostile_catalog_cannot_take_over_the_screen() {
    let path = common::fixture("hostile.toml");
    let mut s = Session::start(
        &[
            "--catalog",
            path.to_str().unwrap(),
            "tui",
            "--query",
            "清屏",
        ],
        &[],
    );
    s.wait_for("EVIL_");
    let contents = s.contents();
    assert!(
        contents.contains("\\x1b[2J"),
        "escapes are shown visibly:\n{contents}"
    );
    {
        let parser = s.screen.lock().unwrap();
        let screen = parser.screen();
        assert!(screen.alternate_screen());
    }
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    for attack in [
        "\x1b]0;pwned",
        "\x1b]52;c;cHduZWQ=",
        "\x1b]8;;http",
        "\u{202e}gnp",
        "\x1bP+q",
    ] {
        assert!(
            !raw.contains(attack),
            "the catalog's {attack:?} reached the terminal"
        );
    }
    s.send("\x03");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn sigint_restores() {
    signal_restores(Signal::SIGINT);
}

#[test]
fn sigquit_restores() {
    signal_restores(Signal::SIGQUIT);
}

#[test]
fn sigusr1_restores() {
    signal_restores(Signal::SIGUSR1);
}

#[test]
fn sigusr2_restores() {
    signal_restores(Signal::SIGUSR2);
}

#[test]
fn sigalrm_restores() {
    signal_restores(Signal::SIGALRM);
}

/// The process state letter from /proc/PID/stat (`T` when stopped).
fn process_state(pid: Pid) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit(')')
        .next()
        .and_then(|rest| rest.trim_start().chars().next())
        .unwrap_or('?')
}

fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if ready() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{what} did not happen within 10 s");
}

#[test]
fn sigtstp_restores_and_sigcont_redraws_everything() {
    let mut s = Session::start(&["tui", "--query", "join"], &[]);
    s.wait_for("JOIN_ROOM_FAILED");
    kill(s.pid(), Signal::SIGTSTP).unwrap();
    wait_until("the program stopping", || process_state(s.pid()) == 'T');
    std::thread::sleep(Duration::from_millis(100)); // let the reader take the last bytes
    s.assert_restored();
    // What the shell would do meanwhile: write on the main screen.
    s.screen
        .lock()
        .unwrap()
        .process(b"\x1b[2J$ jobs\r\n[1]+ Stopped");
    kill(s.pid(), Signal::SIGCONT).unwrap();
    wait_until("the alternate screen coming back", || {
        s.screen.lock().unwrap().screen().alternate_screen()
    });
    // The whole frame is drawn again, not only what changed since the last one.
    s.wait_for("JOIN_ROOM_FAILED");
    s.wait_for("Codes");
    // Running again, then idle (asleep in its event wait), not stopped. On a busy machine it may
    // still be running the redraw for a moment.
    wait_until("the program idling after the redraw", || {
        process_state(s.pid()) == 'S'
    });
    {
        let parser = s.screen.lock().unwrap();
        let screen = parser.screen();
        assert_ne!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
        assert!(screen.bracketed_paste());
    }
    let termios = s.master.get_termios().unwrap();
    assert!(
        !termios.local_flags.contains(LocalFlags::ICANON),
        "raw mode again"
    );
    // Still alive and answering keys.
    s.send("\x15");
    s.send("16388");
    s.wait_for("16388");
    s.send("\x03");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn sigterm_ends_the_program_even_when_the_terminal_stops_reading() {
    let mut s = Session::start(&[], &[]);
    s.wait_for("Codes");
    // The terminal freezes (tmux pane after Ctrl-S, a master nobody reads): the program's output
    // backs up until its write blocks. Full-screen repaints from resizes fill it quickly.
    s.paused.store(true, Ordering::SeqCst);
    for i in 0..60u16 {
        let (rows, cols) = if i % 2 == 0 { (28, 90) } else { (30, 100) };
        s.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        std::thread::sleep(Duration::from_millis(30));
    }
    let blocked = std::fs::read_to_string(format!("/proc/{}/wchan", s.pid())).unwrap_or_default();
    eprintln!("main thread waits in {blocked:?}");
    let sent = Instant::now();
    kill(s.pid(), Signal::SIGTERM).unwrap();
    let deadline = sent + Duration::from_secs(5);
    let status = loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "still running 5 s after SIGTERM on a frozen terminal"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    eprintln!("exited {:?} after SIGTERM", sent.elapsed());
    assert_eq!(status.exit_code(), 128 + Signal::SIGTERM as u32);
    // The line discipline is back in cooked mode whether or not the terminal reads again.
    let termios = s.master.get_termios().unwrap();
    assert!(
        termios.local_flags.contains(LocalFlags::ECHO),
        "echo is off"
    );
    assert!(
        termios.local_flags.contains(LocalFlags::ICANON),
        "raw mode left on"
    );
    // The terminal thaws: the screen modes are undone too.
    s.paused.store(false, Ordering::SeqCst);
    wait_until("the main screen coming back", || {
        !s.screen.lock().unwrap().screen().alternate_screen()
    });
    let parser = s.screen.lock().unwrap();
    assert_eq!(
        parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
}

#[test]
fn a_display_that_never_answers_freezes_neither_start_nor_copy() {
    // An X server that accepts connections and says nothing: arboard would wait forever.
    let (listener, display) = (50..200)
        .find_map(|n| {
            std::net::TcpListener::bind(("127.0.0.1", 6000 + n))
                .ok()
                .map(|l| (l, n))
        })
        .expect("a free X display port");
    let connected = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&connected);
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            flag.store(true, Ordering::SeqCst);
            held.push(stream); // never read, never answered, never closed
        }
    });
    let display = format!("127.0.0.1:{display}");
    let started = Instant::now();
    let mut s = Session::start(&["tui", "--query", "16388"], &[("DISPLAY", &display)]);
    s.wait_for("JOIN_ROOM_FAILED");
    assert!(started.elapsed() < Duration::from_secs(5), "slow start");
    s.send("\x19"); // Ctrl-Y copies
    s.wait_for("via OSC 52");
    s.wait_for("did not answer within 1 s");
    assert!(
        connected.load(Ordering::SeqCst),
        "the clipboard never tried the display"
    );
    // A second copy does not wait again.
    s.send("\x14"); // Ctrl-T: another format, so the message changes
    let again = Instant::now();
    s.send("\x19");
    s.wait_for("(markdown) via OSC 52");
    assert!(again.elapsed() < Duration::from_millis(900));
    s.send("\x03");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

/// Runs the browser with `TERM` set to `term`: one line on stderr, exit 2, no escape codes.
fn refused_with_term(term: &str) {
    let mut s = Session::start(&[], &[("TERM", term)]);
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 2);
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    assert!(
        !raw.contains('\x1b'),
        "escape codes reached a {term:?} terminal: {raw:?}"
    );
    assert!(raw.contains("TERM"), "{raw:?}");
    assert_eq!(raw.trim_end().lines().count(), 1, "{raw:?}");
}

#[test]
fn term_dumb_is_refused() {
    refused_with_term("dumb");
}

#[test]
fn an_empty_term_is_refused() {
    refused_with_term("");
}

#[test]
fn a_large_catalog_shows_a_first_frame_at_once_and_keeps_early_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    std::fs::write(&path, synthetic::catalog_toml(60_000, 7)).unwrap();
    let mut s = Session::start(&["--catalog", path.to_str().unwrap()], &[]);
    s.wait_for("Loading catalogs…");
    // Typed while the catalogs load: applied once they are in.
    s.send("16388");
    s.wait_for("JOIN_ROOM_FAILED");
    assert!(s.contents().contains("› 16388"), "{}", s.contents());
    s.send("\x03");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn a_broken_catalog_ends_the_browser_with_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.toml");
    std::fs::write(&path, "[[entry]]\ncode = \"nope\"\n").unwrap();
    let mut s = Session::start(&["--catalog", path.to_str().unwrap()], &[]);
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 2);
    s.assert_restored();
    s.wait_for("broken.toml");
}

/// SIGTTIN and SIGTTOU stop the browser as Ctrl-Z does: restored while stopped, back on SIGCONT.
fn a_stop_signal_restores_and_continues(signal: Signal) {
    let mut s = Session::start(&["tui", "--query", "join"], &[]);
    s.wait_for("JOIN_ROOM_FAILED");
    kill(s.pid(), signal).unwrap();
    wait_until("the program stopping", || process_state(s.pid()) == 'T');
    std::thread::sleep(Duration::from_millis(100));
    s.assert_restored();
    kill(s.pid(), Signal::SIGCONT).unwrap();
    wait_until("the alternate screen coming back", || {
        s.screen.lock().unwrap().screen().alternate_screen()
    });
    wait_until("raw mode again", || {
        !s.master
            .get_termios()
            .unwrap()
            .local_flags
            .contains(LocalFlags::ICANON)
    });
    s.send("\x15");
    s.send("16388");
    s.wait_for("Codes · 1/1");
    s.send("\x03");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn sigttin_stops_like_ctrl_z() {
    a_stop_signal_restores_and_continues(Signal::SIGTTIN);
}

#[test]
fn sigttou_stops_like_ctrl_z() {
    a_stop_signal_restores_and_continues(Signal::SIGTTOU);
}

/// SIGSTOP cannot be caught, and meanwhile the shell puts the terminal back in cooked mode: on
/// SIGCONT the browser enters raw mode again for real (crossterm alone believed it still was).
#[test]
fn after_sigstop_and_a_cooked_terminal_fg_enters_raw_mode_again() {
    use nix::sys::termios::{tcgetattr, tcsetattr, SetArg};
    use std::os::fd::BorrowedFd;
    let mut s = Session::start(&["tui", "--query", "join"], &[]);
    s.wait_for("JOIN_ROOM_FAILED");
    kill(s.pid(), Signal::SIGSTOP).unwrap();
    wait_until("the program stopping", || process_state(s.pid()) == 'T');
    // What the shell does when it gets the terminal back: its own (cooked) modes.
    let fd = s.master.as_raw_fd().expect("the master's descriptor");
    // SAFETY: the master stays open for the whole test.
    let fd = unsafe { BorrowedFd::borrow_raw(fd) };
    let mut cooked = tcgetattr(fd).unwrap();
    cooked.local_flags |= LocalFlags::ICANON | LocalFlags::ECHO;
    tcsetattr(fd, SetArg::TCSANOW, &cooked).unwrap();
    kill(s.pid(), Signal::SIGCONT).unwrap();
    wait_until("raw mode again", || {
        !s.master
            .get_termios()
            .unwrap()
            .local_flags
            .contains(LocalFlags::ICANON)
    });
    s.send("\x15");
    s.send("16388");
    s.wait_for("Codes · 1/1");
    s.send("\x03");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

/// With no descriptor left for the key reader, the browser says so before the screen changes and
/// exits 2 (not 129 on the first key, without a word).
#[test]
fn too_few_descriptors_are_reported_with_exit_2() {
    let script = format!("ulimit -n 5 && exec '{}'", common::pty::binary());
    let mut s = Session::start_program("sh", &["-c", &script], &[]);
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 2, "{}", s.contents());
    s.wait_for("cannot read keys from the terminal");
    s.assert_restored();
}

/// Whatever aborts the browser (a failed allocation ends in abort()) leaves the terminal as it
/// was, and the process still ends by SIGABRT.
#[test]
fn an_abort_restores_the_terminal() {
    let mut s = Session::start(&[], &[]);
    s.wait_for("Codes ·");
    kill(s.pid(), Signal::SIGABRT).unwrap();
    let status = s.wait_exit();
    assert!(!status.success());
    s.wait_for("the terminal's modes are restored");
    s.assert_restored();
}

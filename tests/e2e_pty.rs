//! End to end: the real binary in a pseudo-terminal, its screen read through the vt100 crate
//! (byte matching cannot find Chinese text: the cursor moves between wide characters).
#![cfg(unix)]

mod common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use nix::sys::signal::{kill, Signal};
use nix::sys::termios::LocalFlags;
use nix::unistd::Pid;
use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
}

/// The real binary on a fresh 100×30 pty, isolated from the user's config and display.
fn spawn(
    args: &[&str],
    envs: &[(&str, &str)],
) -> (Box<dyn MasterPty + Send>, Box<dyn Child + Send + Sync>) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(assert_cmd::cargo::cargo_bin("trtc-errors"));
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    cmd.env("TRTC_ERRORS_CONFIG_DIR", common::empty_config_dir());
    cmd.env_remove("DISPLAY");
    cmd.env_remove("WAYLAND_DISPLAY");
    cmd.env_remove("TMUX");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let child = pty.slave.spawn_command(cmd).expect("spawn the binary");
    drop(pty.slave);
    (pty.master, child)
}

impl Session {
    fn start(args: &[&str], envs: &[(&str, &str)]) -> Session {
        let (master, child) = spawn(args, envs);
        let mut reader = master.try_clone_reader().expect("pty reader");
        let writer = master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(30, 100, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (s, r) = (Arc::clone(&screen), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                s.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            master,
            writer,
            child,
            screen,
            raw,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("{text:?} never appeared on screen:\n{}", self.contents());
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // One key at a time, as a person types: two ESCs in one read would be one Alt-Esc.
        std::thread::sleep(Duration::from_millis(150));
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100)); // let the reader drain
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the program did not exit:\n{}", self.contents());
    }

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
        trtc_errors::explanation::Lang::Both,
    );
    let mut expected = Vec::new();
    trtc_errors::clipboard::write_osc52(&mut expected, &text).unwrap();
    assert!(
        raw.windows(expected.len())
            .any(|w| w == expected.as_slice()),
        "the OSC 52 sequence with the explanation never arrived"
    );
    s.send("\x1b");
    s.send("\x1b");
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
    s.wait_for("Config ignored:");
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
    s.send("\x1b");
    s.send("\x1b");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

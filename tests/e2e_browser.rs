//! End to end, the browser's own behaviour: the real binary in a pseudo-terminal, its screen read
//! through vt100 (byte matching cannot find Chinese text). Pastes arrive as bracketed pastes, as a
//! terminal sends them.
#![cfg(unix)]

mod common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

struct Browser {
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Browser {
    /// The real binary on a fresh 100×30 pty, isolated from the user's config and display.
    fn start() -> Browser {
        let b = Browser::run(&[]);
        b.wait_for("Codes");
        b
    }

    /// The binary with `args` on a fresh 100×30 pty.
    fn run(args: &[&str]) -> Browser {
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
        cmd.env("TRTC_ERRORS_CLIPBOARD", "osc52");
        cmd.env_remove("DISPLAY");
        cmd.env_remove("WAYLAND_DISPLAY");
        cmd.env_remove("TMUX");
        let child = pty.slave.spawn_command(cmd).expect("spawn the binary");
        drop(pty.slave);
        let master = pty.master;
        let mut reader = master.try_clone_reader().expect("pty reader");
        let writer = master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(30, 100, 0)));
        let s = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                s.lock().unwrap().process(&buf[..n]);
            }
        });
        Browser {
            _master: master,
            writer,
            child,
            screen,
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

    fn paste(&mut self, text: &str) {
        self.send(&format!("\x1b[200~{text}\x1b[201~"));
    }

    fn quit(mut self) {
        self.send("\x03");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.child.try_wait().unwrap().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the browser did not quit");
    }
}

#[test]
fn a_one_line_console_paste_opens_the_mention_view() {
    let mut b = Browser::start();
    b.paste("RtcError: join room failed code: 16388");
    b.wait_for("Found 1 code in the pasted line");
    let screen = b.contents();
    assert!(screen.contains("0x4004"), "{screen}");
    assert!(screen.contains("JOIN_ROOM_FAILED"), "{screen}");
    assert!(
        screen.contains("line 1: RtcError"),
        "the mention's line:\n{screen}"
    );
    b.quit();
}

#[test]
fn a_crlf_paste_counts_each_line_once() {
    let mut b = Browser::start();
    b.paste("RtcError code: 16388\r\nsomething else\r\nERR code 70001\r\n");
    b.wait_for("Found 2 codes in the 3 pasted lines");
    let screen = b.contents();
    assert!(screen.contains("L3"), "the third line is L3:\n{screen}");
    assert!(!screen.contains("L5"), "{screen}");
    b.quit();
}

#[test]
fn a_decimal_narrows_as_it_is_typed() {
    let mut b = Browser::start();
    for c in ["1", "6", "3", "8"] {
        b.send(c);
    }
    b.wait_for("0x4005");
    let screen = b.contents();
    assert!(!screen.contains("No match"), "{screen}");
    assert!(
        screen.contains("0x4001") && screen.contains("matched decimal"),
        "{screen}"
    );
    b.send("8");
    b.wait_for("Codes · 1/");
    assert!(b.contents().contains("JOIN_ROOM_FAILED"));
    b.quit();
}

#[test]
fn jump_to_a_related_code_and_back() {
    let mut b = Browser::start();
    for c in "0x4004".chars() {
        b.send(&c.to_string());
    }
    b.wait_for("0x4004 (16388)");
    b.send("\x1bn"); // Alt-N: the first link in the detail pane
    b.wait_for("Enter follows");
    b.send("\r");
    b.wait_for("Backspace goes back");
    let there = b.contents();
    assert!(!there.contains("0x4004 (16388)"), "moved on:\n{there}");
    b.send("\x7f"); // Backspace
    b.wait_for("Back");
    // Back on 0x4004, the detail pane where it was (scrolled to the link that was followed).
    b.wait_for("▶ web4  0x4004");
    b.quit();
}

/// `explain` on a terminal does not wait silently: it says how to end the input, then explains
/// what was typed once Ctrl-D ends it.
#[test]
fn explain_on_a_terminal_says_how_to_end_the_input() {
    let mut b = Browser::run(&["explain"]);
    b.wait_for("end it with Ctrl-D");
    b.send("RtcError code: 16388\r");
    b.send("\x04");
    // The explanation is longer than the screen: its last lines are what stays in view.
    b.wait_for("module-ErrorCode.html");
    let deadline = Instant::now() + Duration::from_secs(10);
    while b.child.try_wait().unwrap().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(b.child.try_wait().unwrap().is_some_and(|s| s.success()));
}

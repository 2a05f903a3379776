//! The real binary in a pseudo-terminal, its screen read through vt100 (byte matching cannot find
//! Chinese text: the cursor moves between wide characters). Shared by the end-to-end tests.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

pub struct Pty {
    pub master: Box<dyn MasterPty + Send>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub screen: Arc<Mutex<vt100::Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
    /// While set, nothing reads the pty: the program's output backs up as on a frozen terminal.
    pub paused: Arc<AtomicBool>,
}

/// The real binary on a fresh 100×30 pty, isolated from the user's config and display.
pub fn spawn(
    args: &[&str],
    envs: &[(&str, &str)],
) -> (Box<dyn MasterPty + Send>, Box<dyn Child + Send + Sync>) {
    spawn_program(&binary(), args, envs)
}

/// The binary under test.
pub fn binary() -> String {
    assert_cmd::cargo::cargo_bin("trtc-errors")
        .to_string_lossy()
        .into_owned()
}

/// `program` (a shell that runs the binary, say) on a fresh 100×30 pty, isolated as [`spawn`].
pub fn spawn_program(
    program: &str,
    args: &[&str],
    envs: &[(&str, &str)],
) -> (Box<dyn MasterPty + Send>, Box<dyn Child + Send + Sync>) {
    spawn_program_sized(program, args, envs, 100, 30)
}

/// [`spawn`] on a pty of `cols` × `rows`.
pub fn spawn_sized(
    args: &[&str],
    envs: &[(&str, &str)],
    cols: u16,
    rows: u16,
) -> (Box<dyn MasterPty + Send>, Box<dyn Child + Send + Sync>) {
    spawn_program_sized(&binary(), args, envs, cols, rows)
}

fn spawn_program_sized(
    program: &str,
    args: &[&str],
    envs: &[(&str, &str)],
    cols: u16,
    rows: u16,
) -> (Box<dyn MasterPty + Send>, Box<dyn Child + Send + Sync>) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(program);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    cmd.env("TRTC_ERRORS_CONFIG_DIR", super::empty_config_dir());
    // Tests never write the user's cache directory, nor their query history.
    cmd.env("TRTC_ERRORS_NO_CACHE", "1");
    cmd.env(
        "TRTC_ERRORS_DATA_DIR",
        std::env::temp_dir().join(format!("trtc-errors-data-{}", std::process::id())),
    );
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

impl Pty {
    pub fn start(args: &[&str], envs: &[(&str, &str)]) -> Pty {
        Pty::start_program(&binary(), args, envs)
    }

    pub fn start_program(program: &str, args: &[&str], envs: &[(&str, &str)]) -> Pty {
        let (master, child) = spawn_program(program, args, envs);
        let mut reader = master.try_clone_reader().expect("pty reader");
        let writer = master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(30, 100, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let paused = Arc::new(AtomicBool::new(false));
        let (s, r, p) = (Arc::clone(&screen), Arc::clone(&raw), Arc::clone(&paused));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                while p.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(10));
                }
                let Ok(n) = reader.read(&mut buf) else { break };
                if n == 0 {
                    break;
                }
                s.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Pty {
            master,
            writer,
            child,
            screen,
            raw,
            paused,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("{text:?} never appeared on screen:\n{}", self.contents());
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // One key at a time, as a person types: two ESCs in one read would be one Alt-Esc.
        std::thread::sleep(Duration::from_millis(150));
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
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

    /// Text as a terminal sends a paste: bracketed.
    pub fn paste(&mut self, text: &str) {
        self.send(&format!("\x1b[200~{text}\x1b[201~"));
    }

    /// Ctrl-C, then waits for the program to end.
    pub fn quit(mut self) {
        self.send("\x03");
        self.wait_exit();
    }
}

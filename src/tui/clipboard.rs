//! Copying an explanation to the user's clipboard, whichever way works on this machine, without
//! ever making the caller wait.
//!
//! 1. The system clipboard through arboard (X11, Wayland, macOS, Windows), on a thread of its own:
//!    an X display that accepts a connection and never answers would otherwise freeze the caller.
//! 2. Where there is none, or it does not answer within [`ANSWER_WITHIN`], OSC 52: an escape
//!    sequence that asks the user's own terminal to set its clipboard. It is written by the caller
//!    (it *is* the terminal). Inside tmux the text is also handed to `tmux load-buffer -w -`, on a
//!    thread and with the same time limit: a stopped tmux server must not freeze copying.
//!
//! Whether tmux passes OSC 52 on depends on its `set-clipboard` option, read once at start:
//! `on` forwards an application's OSC 52 to the outer terminal; `external` (tmux's default) and
//! `off` drop it. `load-buffer -w` fills a tmux buffer and, unless the option is `off`, the outer
//! terminal's clipboard. The status says which of these is known to have happened.
//!
//! A copy is a small state machine driven by the caller: [`Clipboard::copy`] starts it,
//! [`Clipboard::on_reply`] feeds it the helpers' answers (delivered through the caller's `notify`
//! callback), [`Clipboard::on_deadline`] ends a step nobody answered. Each returns a [`Finished`]
//! when the copy is over. The arboard handle lives as long as the program: on Linux the copied text
//! is served by this process.

use crate::tui::bounded_command::{describe_duration, run_with_timeout};
use std::io::{self, Write};
use std::process::Command;
use std::sync::mpsc::{self, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::clipboard::CopyToClipboard;
use crossterm::QueueableCommand;

/// `osc52` skips the system clipboard (for SSH sessions where X forwarding is slow, and for tests).
pub const CLIPBOARD_ENV: &str = "TRTC_ERRORS_CLIPBOARD";

/// How long a route may take before the copy goes on without it.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(1);

/// Writes the OSC 52 "set clipboard" sequence for `text` to `out`.
pub fn write_osc52(out: &mut impl Write, text: &str) -> io::Result<()> {
    out.queue(CopyToClipboard::to_clipboard_from(text))?;
    out.flush()
}

/// tmux's `set-clipboard` option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TmuxSetClipboard {
    On,
    External,
    Off,
}

impl TmuxSetClipboard {
    fn parse(value: &str) -> Option<TmuxSetClipboard> {
        match value.trim() {
            "on" => Some(TmuxSetClipboard::On),
            "external" => Some(TmuxSetClipboard::External),
            "off" => Some(TmuxSetClipboard::Off),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            TmuxSetClipboard::On => "on",
            TmuxSetClipboard::External => "external",
            TmuxSetClipboard::Off => "off",
        }
    }
}

/// An answer from one of the clipboard's helper threads, for [`Clipboard::on_reply`].
#[derive(Debug)]
pub struct Reply(ReplyKind);

#[derive(Debug)]
enum ReplyKind {
    System {
        job: u64,
        outcome: Result<(), String>,
    },
    Tmux {
        job: u64,
        outcome: Result<(), String>,
    },
    TmuxOption(Option<TmuxSetClipboard>),
}

/// How helper threads hand their answers to the caller's event loop.
pub type Notify = Arc<dyn Fn(Reply) + Send + Sync>;

/// A copy that is over: the label it was started with and the route that carried it, or why none
/// did. The route reads after "via" ("Copied … via OSC 52 + tmux buffer").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    pub label: String,
    pub outcome: Result<String, String>,
}

/// Sets the system clipboard; `open` runs on the clipboard's own thread (it may hang).
pub trait SystemClipboard {
    fn set_text(&mut self, text: &str) -> Result<(), String>;
}

#[cfg(feature = "clipboard")]
impl SystemClipboard for arboard::Clipboard {
    fn set_text(&mut self, text: &str) -> Result<(), String> {
        arboard::Clipboard::set_text(self, text).map_err(|e| e.to_string())
    }
}

type Opener = Box<dyn FnOnce() -> Result<Box<dyn SystemClipboard>, String> + Send>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    System,
    Tmux,
}

struct Pending {
    job: u64,
    label: String,
    text: String,
    step: Step,
    deadline: Instant,
    /// Said after the route: what was tried and did not answer.
    note: Option<String>,
}

/// What the status says of the system clipboard in a build without the `clipboard` feature.
const NOT_BUILT_IN: &str = "system clipboard not built in";

/// The system clipboard, opened on its own thread.
#[cfg(feature = "clipboard")]
fn system_opener() -> Option<Opener> {
    Some(Box::new(|| {
        arboard::Clipboard::new()
            .map(|c| Box::new(c) as Box<dyn SystemClipboard>)
            .map_err(|e| e.to_string())
    }))
}

/// Built without the `clipboard` feature (no arboard): OSC 52 and tmux are the routes.
#[cfg(not(feature = "clipboard"))]
fn system_opener() -> Option<Opener> {
    None
}

/// The clipboard routes, opened once at start-up.
pub struct Clipboard {
    /// Jobs for the system clipboard's thread; `None` when it is not to be used.
    system: Option<Sender<(u64, String)>>,
    /// Why the system clipboard did not take the last text, for the status line.
    system_error: Option<String>,
    /// A job is still unanswered: later copies go straight to OSC 52 until it answers.
    system_silent: bool,
    /// This build has no system clipboard (no `clipboard` feature): every status says so.
    system_not_built_in: bool,
    in_tmux: bool,
    tmux_option: Option<TmuxSetClipboard>,
    notify: Notify,
    answer_within: Duration,
    next_job: u64,
    pending: Option<Pending>,
}

impl Clipboard {
    /// Starts the helpers: the system clipboard is opened on its thread at once (so the first copy
    /// is quick), and inside tmux its `set-clipboard` option is read. Nothing here waits.
    pub fn open(notify: Notify) -> Clipboard {
        let in_tmux = std::env::var_os("TMUX").is_some_and(|v| !v.is_empty());
        let use_system = !std::env::var(CLIPBOARD_ENV).is_ok_and(|v| v == "osc52");
        let opener = if use_system { system_opener() } else { None };
        let mut clipboard = Clipboard::with_routes(opener, in_tmux, notify, ANSWER_WITHIN);
        if !use_system {
            clipboard.system_error = Some(format!("{CLIPBOARD_ENV}=osc52"));
        } else if !cfg!(feature = "clipboard") {
            clipboard.system_error = Some(NOT_BUILT_IN.to_string());
            clipboard.system_not_built_in = true;
        }
        if in_tmux {
            let notify = Arc::clone(&clipboard.notify);
            let within = clipboard.answer_within;
            std::thread::spawn(move || {
                let option = run_with_timeout(
                    Command::new("tmux").args(["show", "-gv", "set-clipboard"]),
                    None,
                    within,
                )
                .ok()
                .and_then(|out| TmuxSetClipboard::parse(&out));
                notify(Reply(ReplyKind::TmuxOption(option)));
            });
        }
        clipboard
    }

    /// A clipboard whose system route is `opener` (or none) and whose steps may take `within`.
    pub fn with_routes(
        opener: Option<Opener>,
        in_tmux: bool,
        notify: Notify,
        within: Duration,
    ) -> Clipboard {
        let system = opener.map(|opener| {
            let (jobs, inbox) = mpsc::channel::<(u64, String)>();
            let notify = Arc::clone(&notify);
            std::thread::spawn(move || {
                let mut system = opener();
                while let Ok((job, text)) = inbox.recv() {
                    let outcome = match system.as_mut() {
                        Ok(clipboard) => clipboard.set_text(&text),
                        Err(why) => Err(why.clone()),
                    };
                    notify(Reply(ReplyKind::System { job, outcome }));
                }
            });
            jobs
        });
        Clipboard {
            system,
            system_error: None,
            system_silent: false,
            system_not_built_in: false,
            in_tmux,
            tmux_option: None,
            notify,
            answer_within: within,
            next_job: 0,
            pending: None,
        }
    }

    /// Starts copying `text`; `terminal` is where OSC 52 goes (the browser's output). A copy still
    /// under way is abandoned: the newer one is what the user asked for last.
    pub fn copy(
        &mut self,
        text: String,
        label: String,
        terminal: &mut impl Write,
    ) -> Option<Finished> {
        self.next_job += 1;
        let job = self.next_job;
        self.pending = None;
        if !self.system_silent {
            if let Some(system) = &self.system {
                if system.send((job, text.clone())).is_ok() {
                    self.pending = Some(Pending {
                        job,
                        label,
                        text,
                        step: Step::System,
                        deadline: Instant::now() + self.answer_within,
                        note: None,
                    });
                    return None;
                }
                self.system = None;
            }
        }
        let note = if self.system_silent {
            Some("system clipboard not answering".to_string())
        } else {
            self.system_not_built_in.then(|| NOT_BUILT_IN.to_string())
        };
        self.terminal_step(job, label, text, note, terminal)
    }

    /// When the step under way stops waiting, if one is.
    pub fn deadline(&self) -> Option<Instant> {
        self.pending.as_ref().map(|p| p.deadline)
    }

    /// Ends a step that has not answered by its deadline.
    pub fn on_deadline(&mut self, now: Instant, terminal: &mut impl Write) -> Option<Finished> {
        if self.pending.as_ref().is_none_or(|p| now < p.deadline) {
            return None;
        }
        let pending = self.pending.take()?;
        let silence = format!(
            "did not answer within {}",
            describe_duration(self.answer_within)
        );
        match pending.step {
            Step::System => {
                self.system_silent = true;
                let note = Some(format!("system clipboard {silence}"));
                self.terminal_step(pending.job, pending.label, pending.text, note, terminal)
            }
            Step::Tmux => Some(self.finish(pending, Err(format!("tmux {silence}")))),
        }
    }

    /// Takes a helper's answer; answers to abandoned copies only update what is known.
    pub fn on_reply(&mut self, reply: Reply, terminal: &mut impl Write) -> Option<Finished> {
        match reply.0 {
            ReplyKind::TmuxOption(option) => {
                self.tmux_option = option;
                None
            }
            ReplyKind::System { job, outcome } => {
                // It answered, so it is worth asking again next time.
                self.system_silent = false;
                if let Err(why) = &outcome {
                    self.system_error = Some(why.clone());
                }
                let pending = self.take_pending(job, Step::System)?;
                match outcome {
                    Ok(()) => Some(Finished {
                        label: pending.label,
                        outcome: Ok("system clipboard".to_string()),
                    }),
                    Err(_) => self.terminal_step(job, pending.label, pending.text, None, terminal),
                }
            }
            ReplyKind::Tmux { job, outcome } => {
                let pending = self.take_pending(job, Step::Tmux)?;
                Some(self.finish(pending, outcome))
            }
        }
    }

    fn take_pending(&mut self, job: u64, step: Step) -> Option<Pending> {
        match &self.pending {
            Some(p) if p.job == job && p.step == step => self.pending.take(),
            _ => None,
        }
    }

    /// OSC 52 to the terminal, then (inside tmux) the tmux buffer on a thread.
    fn terminal_step(
        &mut self,
        job: u64,
        label: String,
        text: String,
        note: Option<String>,
        terminal: &mut impl Write,
    ) -> Option<Finished> {
        if let Err(e) = write_osc52(terminal, &text) {
            return Some(Finished {
                label,
                outcome: Err(format!(
                    "Copy failed: no system clipboard ({}) and the terminal could not be written ({e})",
                    self.system_error.as_deref().unwrap_or("unavailable")
                )),
            });
        }
        if !self.in_tmux {
            // With a note the status line has no room for the explanation of OSC 52.
            let route = match note {
                Some(note) => format!("OSC 52 · {note}"),
                None => "OSC 52 (your terminal's clipboard)".to_string(),
            };
            return Some(Finished {
                label,
                outcome: Ok(route),
            });
        }
        let notify = Arc::clone(&self.notify);
        let within = self.answer_within;
        let input = text.clone();
        std::thread::spawn(move || {
            let outcome = run_with_timeout(
                Command::new("tmux").args(["load-buffer", "-w", "-"]),
                Some(input.into_bytes()),
                within,
            )
            .map(drop);
            notify(Reply(ReplyKind::Tmux { job, outcome }));
        });
        self.pending = Some(Pending {
            job,
            label,
            text,
            step: Step::Tmux,
            // The helper gives up after `within` itself; a little slack lets its answer win.
            deadline: Instant::now() + within + within / 2,
            note,
        });
        None
    }

    fn finish(&self, pending: Pending, tmux: Result<(), String>) -> Finished {
        Finished {
            label: pending.label,
            outcome: Ok(with_note(
                describe_tmux_route(self.tmux_option, tmux),
                pending.note,
            )),
        }
    }
}

fn with_note(route: String, note: Option<String>) -> String {
    match note {
        Some(note) => format!("{route} · {note}"),
        None => route,
    }
}

/// What is known to have carried the text inside tmux, after OSC 52 was written and
/// `tmux load-buffer -w -` answered `tmux`, given the `set-clipboard` option (if it could be read).
pub fn describe_tmux_route(option: Option<TmuxSetClipboard>, tmux: Result<(), String>) -> String {
    use TmuxSetClipboard::*;
    match (option, tmux) {
        (Some(On), Ok(())) | (None, Ok(())) => "OSC 52 + tmux buffer".to_string(),
        (Some(External), Ok(())) => "tmux buffer (tmux sends it on to your terminal)".to_string(),
        (Some(Off), Ok(())) => {
            "tmux buffer (tmux set-clipboard is off: not sent on to your terminal)".to_string()
        }
        (Some(On), Err(why)) | (None, Err(why)) => format!("OSC 52 (tmux buffer: {why})"),
        (Some(option), Err(why)) => format!(
            "OSC 52 (tmux set-clipboard is {}: not forwarded; tmux buffer: {why})",
            option.as_str()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

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

    /// A clipboard whose helpers' answers are collected for the test to hand back.
    fn clipboard(
        opener: Option<Opener>,
        in_tmux: bool,
        within: Duration,
    ) -> (Clipboard, mpsc::Receiver<Reply>) {
        let (sender, replies) = mpsc::channel();
        let sender = Mutex::new(sender);
        let notify: Notify = Arc::new(move |reply| {
            let _ = sender.lock().unwrap().send(reply);
        });
        (
            Clipboard::with_routes(opener, in_tmux, notify, within),
            replies,
        )
    }

    #[test]
    fn closed_terminal_is_reported_not_panicked() {
        let (mut clipboard, _) = clipboard(None, false, ANSWER_WITHIN);
        let done = clipboard
            .copy("x".into(), "it".into(), &mut Closed)
            .unwrap();
        let err = done.outcome.unwrap_err();
        assert!(err.contains("Copy failed"), "{err}");
    }

    #[test]
    fn osc52_route_when_no_system_clipboard() {
        let (mut clipboard, _) = clipboard(None, false, ANSWER_WITHIN);
        let mut out = Vec::new();
        let done = clipboard.copy("hi".into(), "it".into(), &mut out).unwrap();
        assert_eq!(
            done.outcome,
            Ok("OSC 52 (your terminal's clipboard)".to_string())
        );
        assert!(out.starts_with(b"\x1b]52;c;"));
    }

    struct Recorder(Arc<Mutex<Vec<String>>>);
    impl SystemClipboard for Recorder {
        fn set_text(&mut self, text: &str) -> Result<(), String> {
            self.0.lock().unwrap().push(text.to_string());
            Ok(())
        }
    }

    #[test]
    fn system_clipboard_answers_through_the_reply() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let recorder = Recorder(Arc::clone(&seen));
        let opener: Opener = Box::new(move || Ok(Box::new(recorder) as Box<dyn SystemClipboard>));
        let (mut clipboard, replies) = clipboard(Some(opener), false, ANSWER_WITHIN);
        let mut out = Vec::new();
        assert_eq!(clipboard.copy("hi".into(), "it".into(), &mut out), None);
        assert!(clipboard.deadline().is_some());
        let reply = replies.recv_timeout(Duration::from_secs(5)).unwrap();
        let done = clipboard.on_reply(reply, &mut out).unwrap();
        assert_eq!(done.outcome, Ok("system clipboard".to_string()));
        assert_eq!(*seen.lock().unwrap(), vec!["hi".to_string()]);
        assert!(
            out.is_empty(),
            "no OSC 52 when the system clipboard took it"
        );
        assert_eq!(clipboard.deadline(), None);
    }

    #[test]
    fn a_failing_system_clipboard_falls_back_to_osc52() {
        let opener: Opener = Box::new(|| Err("no display".to_string()));
        let (mut clipboard, replies) = clipboard(Some(opener), false, ANSWER_WITHIN);
        let mut out = Vec::new();
        assert_eq!(clipboard.copy("hi".into(), "it".into(), &mut out), None);
        let reply = replies.recv_timeout(Duration::from_secs(5)).unwrap();
        let done = clipboard.on_reply(reply, &mut out).unwrap();
        assert_eq!(
            done.outcome,
            Ok("OSC 52 (your terminal's clipboard)".to_string())
        );
        assert!(out.starts_with(b"\x1b]52;c;"));
    }

    #[test]
    fn a_hung_system_clipboard_is_given_up_on_and_then_skipped() {
        // Like an X display that accepts the connection and never answers.
        let opener: Opener = Box::new(|| loop {
            std::thread::park();
        });
        let within = Duration::from_millis(50);
        let (mut clipboard, _replies) = clipboard(Some(opener), false, within);
        let mut out = Vec::new();
        let started = Instant::now();
        assert_eq!(clipboard.copy("hi".into(), "it".into(), &mut out), None);
        let deadline = clipboard.deadline().unwrap();
        assert!(deadline <= started + within + Duration::from_millis(10));
        assert_eq!(clipboard.on_deadline(started, &mut out), None, "too early");
        let done = clipboard.on_deadline(deadline, &mut out).unwrap();
        assert_eq!(
            done.outcome,
            Ok("OSC 52 · system clipboard did not answer within 50 ms".to_string())
        );
        // The next copy does not wait again.
        out.clear();
        let done = clipboard
            .copy("again".into(), "it".into(), &mut out)
            .unwrap();
        assert!(done.outcome.unwrap().contains("not answering"));
        assert!(out.starts_with(b"\x1b]52;c;"));
    }

    #[test]
    fn tmux_routes_are_worded_by_what_tmux_does() {
        use TmuxSetClipboard::*;
        let failed = || Err("tmux did not answer within 1 s".to_string());
        let cases = [
            (Some(On), Ok(()), "OSC 52 + tmux buffer"),
            (None, Ok(()), "OSC 52 + tmux buffer"),
            (
                Some(External),
                Ok(()),
                "tmux buffer (tmux sends it on to your terminal)",
            ),
            (
                Some(Off),
                Ok(()),
                "tmux buffer (tmux set-clipboard is off: not sent on to your terminal)",
            ),
            (
                Some(On),
                failed(),
                "OSC 52 (tmux buffer: tmux did not answer within 1 s)",
            ),
            (
                Some(Off),
                failed(),
                "OSC 52 (tmux set-clipboard is off: not forwarded; tmux buffer: tmux did not answer within 1 s)",
            ),
            (
                Some(External),
                failed(),
                "OSC 52 (tmux set-clipboard is external: not forwarded; tmux buffer: tmux did not answer within 1 s)",
            ),
        ];
        for (option, tmux, expected) in cases {
            assert_eq!(describe_tmux_route(option, tmux), expected, "{option:?}");
        }
        assert_eq!(TmuxSetClipboard::parse("external\n"), Some(External));
    }
}

//! End to end, the browser's own behaviour: the real binary in a pseudo-terminal, its screen read
//! through vt100 (byte matching cannot find Chinese text). Pastes arrive as bracketed pastes, as a
//! terminal sends them.
#![cfg(unix)]

mod common;

use std::io::Write;
use std::time::{Duration, Instant};

type Browser = common::pty::Pty;

/// The browser on a fresh 100×30 pty, its first frame drawn.
fn browser() -> Browser {
    let b = Browser::start(&[], &[("TRTC_ERRORS_CLIPBOARD", "osc52")]);
    b.wait_for("Codes");
    b
}

#[test]
fn a_one_line_console_paste_opens_the_mention_view() {
    let mut b = browser();
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
    let mut b = browser();
    b.paste("RtcError code: 16388\r\nsomething else\r\nERR code 70001\r\n");
    b.wait_for("Found 2 codes in the 3 pasted lines");
    let screen = b.contents();
    assert!(screen.contains("L3"), "the third line is L3:\n{screen}");
    assert!(!screen.contains("L5"), "{screen}");
    b.quit();
}

#[test]
fn a_decimal_narrows_as_it_is_typed() {
    let mut b = browser();
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
    let mut b = browser();
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
    // Since explain wraps values at the terminal's width (main, 73c321c) the explanation is
    // taller than the screen and would wait in the pager; this test is about the hint and the
    // output reaching the screen, so the output is written unpaged.
    let mut b = Browser::start(&["explain"], &[("PAGER", "cat")]);
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

/// CPU time (user + system, in clock ticks) the process has used so far.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    // After the name: state is field 3, utime 14 and stime 15 (1-based in proc(5)).
    let tick = |n: usize| fields.get(n - 3).and_then(|f| f.parse::<u64>().ok());
    tick(14).unwrap_or(0) + tick(15).unwrap_or(0)
}

fn resize(b: &Browser, cols: u16, rows: u16) {
    b.master
        .resize(portable_pty::PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    b.screen.lock().unwrap().screen_mut().set_size(rows, cols);
}

#[test]
fn a_resize_neither_holds_back_the_next_key_nor_spins() {
    let mut b = browser();
    let pid = b.child.process_id().unwrap();
    for (cols, rows) in [(120, 35), (90, 28), (100, 30)] {
        resize(&b, cols, rows);
        std::thread::sleep(Duration::from_millis(200));
        // One write, nothing after it: it must be read without another key to push it.
        b.writer.write_all(b"16388").unwrap();
        b.writer.flush().unwrap();
        b.wait_for("JOIN_ROOM_FAILED");
        b.wait_for("Codes · 1/1");
        let before = cpu_ticks(pid);
        std::thread::sleep(Duration::from_millis(1000));
        let spent = cpu_ticks(pid) - before;
        assert!(spent < 20, "{spent} ticks in an idle second after a resize");
        b.send("\x15");
        b.wait_for("Codes · 1/364");
    }
    b.quit();
}

#[test]
fn a_burst_of_350_keys_is_read_to_the_last() {
    let mut b = browser();
    // 350 Down arrows in one write: 1,050 bytes, more than crossterm reads at once.
    b.writer.write_all("\x1b[B".repeat(350).as_bytes()).unwrap();
    b.writer.flush().unwrap();
    b.wait_for("Codes · 351/364");
    b.quit();
}

#[test]
fn esc_then_letters_are_each_read() {
    let mut b = browser();
    b.send("join");
    b.wait_for("JOIN_ROOM_FAILED");
    // Esc alone (as a person presses it), then the letters: not an Alt-j.
    b.send("\x1b");
    b.send("jinfang");
    b.wait_for("jinfang");
    // Esc over and over never quits.
    b.send("\x1b");
    b.send("\x1b");
    b.send("\x1b");
    b.send("\x1b");
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        b.child.try_wait().unwrap().is_none(),
        "Esc ended the browser"
    );
    b.wait_for("Ctrl-C");
    b.quit();
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[test]
fn a_huge_terminal_is_drawn_in_bounded_memory() {
    let mut b = browser();
    let pid = b.child.process_id().unwrap();
    for (cols, rows) in [(65535u16, 65535u16), (10000, 10000)] {
        // Only the pty: the test's own screen stays 100×30 (it would need the memory otherwise).
        b.master
            .resize(portable_pty::PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        std::thread::sleep(Duration::from_millis(1500));
        assert!(
            b.child.try_wait().unwrap().is_none(),
            "ended at {cols}×{rows}"
        );
        let rss = rss_kib(pid);
        assert!(rss < 200 * 1024, "{rss} KiB at {cols}×{rows}");
    }
    resize(&b, 100, 30);
    b.send("16388");
    b.wait_for("JOIN_ROOM_FAILED");
    b.quit();
}

/// `pick` with stdout sent to a file, as `trtc-errors pick | …` does.
fn pick(args: &str, keys: &[&str]) -> (Option<u32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("picked");
    let script = format!(
        "exec '{}' pick {args} > '{}'",
        common::pty::binary(),
        out.display()
    );
    let mut b = Browser::start_program("sh", &["-c", &script], &[]);
    b.wait_for("Codes");
    b.wait_for("Enter pick");
    for key in keys {
        b.send(key);
    }
    let status = b.wait_exit();
    let printed = std::fs::read_to_string(&out).unwrap();
    (Some(status.exit_code()), printed)
}

#[test]
fn pick_prints_only_the_chosen_code() {
    let (code, printed) = pick("--query 16388", &["\r"]);
    assert_eq!((code, printed.as_str()), (Some(0), "0x4004\n"));
}

#[test]
fn pick_prints_the_marked_codes() {
    // Ctrl-Space (NUL) marks; Enter prints the marked ones, in catalog order.
    let (code, printed) = pick("--query 0x400", &["\x00", "\x1b[B", "\x00", "\r"]);
    assert_eq!(code, Some(0));
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), 2, "{printed:?}");
    assert!(lines.iter().all(|l| l.starts_with("0x400")), "{printed:?}");
}

#[test]
fn pick_cancelled_prints_nothing_and_exits_130() {
    assert_eq!(pick("", &["\x1b"]), (Some(130), String::new()));
    assert_eq!(pick("--query join", &["\x03"]), (Some(130), String::new()));
}

#[test]
fn large_pastes_leave_the_browser_answering() {
    let mut b = browser();
    // 2 MB on one line, no code: cut to a query at once.
    b.paste(&"lorem ipsum ".repeat(175_000));
    b.wait_for("are the query");
    b.send("\x15");
    b.send("16388");
    b.wait_for("Codes · 1/1");
    // 4 MB over many lines: scanned on a thread; Esc cancels and typing goes on.
    b.send("\x15");
    b.paste(&"info: nothing to see here, all fine\n".repeat(116_000));
    b.send("\x1b");
    b.send("16388");
    b.wait_for("Codes · 1/1");
    b.quit();
}

#[test]
fn queries_are_recalled_across_runs() {
    let data = tempfile::tempdir().unwrap();
    let env = [
        ("TRTC_ERRORS_DATA_DIR", data.path().to_str().unwrap()),
        ("TRTC_ERRORS_CLIPBOARD", "osc52"),
    ];
    let mut b = Browser::start(&[], &env);
    b.wait_for("Codes");
    b.send("jinfang");
    b.wait_for("JOIN_ROOM_FAILED");
    b.send("\r"); // Enter copies: the query is kept
    b.send("\x15");
    b.send("16388");
    b.wait_for("Codes · 1/1");
    b.quit(); // the query line at quit is kept too
    let mut b = Browser::start(&[], &env);
    b.wait_for("Codes");
    b.send("\x1b[1;3A"); // Alt-↑
    b.wait_for("› 16388");
    b.send("\x1b[1;3A");
    b.wait_for("› jinfang");
    b.send("\x1b[1;3B"); // Alt-↓
    b.wait_for("› 16388");
    b.send("\x1b[1;3B");
    b.wait_for("Codes · 1/364");
    b.quit();
}

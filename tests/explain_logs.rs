//! Big logs: the prefilter never changes the answer, the summary's golden outputs, files as
//! arguments, `--follow` through split writes, truncation and rotation, inputs that must stay
//! linear, and what each format lets through (control characters, Markdown, credentials).

mod common;

use std::io::Write;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::cmd;
use proptest::prelude::*;
use serde::Deserialize;
use trtc_errors::catalog::{Catalog, Scope};
use trtc_errors::mentions::{scan, Mention, Scanner, UnknownMention};
use trtc_errors::search::Engine;

#[derive(Deserialize)]
struct Fixture {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
}

/// Every line of the mention fixtures (what the SDKs print) and of the benign ones.
fn fixture_lines() -> Vec<String> {
    let mut lines = Vec::new();
    for text in [
        include_str!("fixtures/mentions/sdk-output.toml"),
        include_str!("fixtures/mentions/benign.toml"),
        include_str!("fixtures/mentions/real-reports/cases.toml"),
    ] {
        let f: Fixture = toml::from_str(text).unwrap();
        for c in f.case {
            lines.extend(c.text.split('\n').map(str::to_string));
        }
    }
    for console in [
        include_str!("fixtures/mentions/devtools/trtc-sdk-v5-5.17.1.txt"),
        include_str!("fixtures/mentions/devtools/trtc-js-sdk-4.3.2.txt"),
    ] {
        lines.extend(console.lines().map(str::to_string));
    }
    for line in include_str!("fixtures/sdk/native/log-lines.txt").lines() {
        if let Some((_, text)) = line.split_once('\t') {
            lines.push(text.to_string());
        }
    }
    // Console answers (the line before labels the number) and blank lines between.
    lines.extend(
        [
            "> error.getCode()",
            "< 16388",
            "",
            "   ",
            "< 70001",
            "=> 4096",
        ]
        .map(str::to_string),
    );
    lines
}

fn engine() -> &'static Engine {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(Catalog::builtin().unwrap()))
}

/// The mentions, and the codes the catalog lacks (rule 8): the prefilter must keep both.
fn scan_bytes(bytes: &[u8], prefilter: bool) -> (Vec<Mention>, Vec<UnknownMention>) {
    let mut scanner = Scanner::new(engine(), Scope::default());
    scan::scan_reader(bytes, &mut scanner, prefilter).unwrap();
    (scanner.mentions(), scanner.unknown_mentions())
}

/// Lines that hold no code but change what later lines mean are read through the prefilter too:
/// a line naming the native SDK (a native warning after `code=` then counts), another product's
/// error (its numbers are not TRTC codes elsewhere). The property test below found the first.
#[test]
fn lines_that_set_the_context_pass_the_prefilter() {
    let texts = [
        "TRTCCloud init ok\nserve error code=3009 : parse message\n",
        "onWarning fired\nwarning code=1103 again\n",
        "{\"name\":\"TUICallEngineError\",\"message\":\"busy\"}\nerror code: 60001\n",
    ];
    for text in texts {
        let with = scan_bytes(text.as_bytes(), true);
        assert_eq!(with, scan_bytes(text.as_bytes(), false), "{text}");
    }
    let (native, _) = scan_bytes(texts[0].as_bytes(), true);
    assert!(native.iter().any(|m| m.token == "3009"), "{native:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// With and without the prefilter, the same mentions (lines, tokens, evidence, counts).
    #[test]
    fn the_prefilter_never_changes_the_answer(
        picks in proptest::collection::vec(0usize..10_000, 1..240),
        crlf in any::<bool>(),
        last_newline in any::<bool>(),
    ) {
        let lines = fixture_lines();
        let mut text = String::new();
        for (n, p) in picks.iter().enumerate() {
            text.push_str(&lines[p % lines.len()]);
            if n + 1 < picks.len() || last_newline {
                text.push_str(if crlf { "\r\n" } else { "\n" });
            }
        }
        let with = scan_bytes(text.as_bytes(), true);
        let without = scan_bytes(text.as_bytes(), false);
        prop_assert_eq!(with, without);
    }
}

/// The same over a block boundary and both cores: a big mixed log, scanned both ways.
#[test]
fn the_prefilter_agrees_on_a_log_of_several_blocks() {
    let lines = fixture_lines();
    let mut text = String::new();
    let mut n = 0usize;
    while text.len() < 9 << 20 {
        // Mostly ordinary lines, now and then a fixture line.
        if n.is_multiple_of(97) {
            text.push_str(&lines[(n / 97) % lines.len()]);
        } else {
            text.push_str(
                "2024-05-01 12:00:03.120 INFO [http] GET /api/rooms/16388 200 4096 bytes in 12 ms",
            );
        }
        text.push('\n');
        n += 1;
    }
    let with = scan_bytes(text.as_bytes(), true);
    let without = scan_bytes(text.as_bytes(), false);
    assert!(!with.0.is_empty() && !with.1.is_empty());
    assert_eq!(with, without);
}

fn write_file(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

const LOG: &str = "2024-05-01 12:00:01.100 RtcError: join room failed code: 16388\n\
                   2024-05-01 12:00:02.000 GET /index.html 200\n\
                   2024-05-01 12:00:03.300 onError errCode=-3301\n\
                   2024-05-01 12:00:04.400 again <JOIN_ROOM_FAILED 0x4004>\n\
                   2024-05-01 12:00:05.500 onEnterRoom(-3301)\n\
                   2024-05-01 12:00:06.600 code: 16388\n";

#[test]
fn summary_golden() {
    let dir = tempfile::tempdir().unwrap();
    let log = write_file(&dir, "app.log", LOG);
    for (name, args) in [
        ("summary_first", vec!["--summary"]),
        ("summary_count", vec!["--summary", "--sort", "count"]),
        ("summary_json", vec!["--summary", "-f", "json"]),
        ("summary_markdown", vec!["--summary", "-f", "markdown"]),
    ] {
        let out = cmd().arg("explain").args(&args).arg(&log).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        insta::assert_snapshot!(name, String::from_utf8(out.stdout).unwrap());
    }
}

/// Codes the catalog lacks (rule 8) in every format and in the summary: named, with their
/// evidence, after the known codes, never explained.
#[test]
fn not_in_catalog_golden() {
    let log = "[signal_manager.cc:457][local-trtc][1:1900]Signal: Command: QueryACCIPandSignResponse, Tinyid: 0, ErrorCode: -100038, Reason: Services are not available in your region.\n\
               OnError [code:-1301|msg:Video: Start camera failed.]\n\
               web端 进入房间报-10014 error错误\n\
               [signal_manager.cc:457][local-trtc]Signal: ErrorCode: -100038, retry\n";
    let mut out = String::new();
    for args in [
        vec!["--lang", "en"],
        vec!["--lang", "zh", "-f", "markdown"],
        vec!["-f", "json", "--lang", "en"],
        vec!["--summary"],
    ] {
        let run = cmd()
            .arg("explain")
            .args(&args)
            .write_stdin(log)
            .output()
            .unwrap();
        out.push_str(&format!(
            "$ trtc-errors explain {} (exit {})\n",
            args.join(" "),
            run.status.code().unwrap_or(-1)
        ));
        out.push_str(&String::from_utf8(run.stdout).unwrap());
        out.push('\n');
    }
    insta::assert_snapshot!("not_in_catalog", out);
    // Alone they are what was found: exit 0. Narrowed to a family, they are not reported.
    let alone = cmd()
        .args(["explain", "ErrorCode: -100038 enterRoom"])
        .output()
        .unwrap();
    assert_eq!(alone.status.code(), Some(0));
    let scoped = cmd()
        .args(["explain", "--sdk", "native", "ErrorCode: -100038 enterRoom"])
        .output()
        .unwrap();
    assert_eq!(scoped.status.code(), Some(1));
}

#[test]
fn files_stdin_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_file(&dir, "a.log", "code: 16388\n");
    let b = write_file(&dir, "b.log", "x\nerrCode=-8\n");
    let out = cmd()
        .args(["explain", "-f", "json", &a, "-", &b])
        .write_stdin("0x4001\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<(String, u64)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["file"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
                m["line_number"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        files,
        [("a.log".into(), 1), ("-".into(), 1), ("b.log".into(), 2)]
    );
    // A directory is a clear error with exit 2; a word that names no file is text.
    let out = cmd()
        .args(["explain", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
    let out = cmd().args(["explain", "code:", "16388"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_exit_2() {
    use std::os::unix::fs::PermissionsExt;
    if unsafe { libc_geteuid() } == 0 {
        return; // root reads everything
    }
    let dir = tempfile::tempdir().unwrap();
    let a = write_file(&dir, "a.log", "code: 16388\n");
    std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = cmd().args(["explain", &a]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(unix)]
extern "C" {
    #[link_name = "geteuid"]
    fn libc_geteuid() -> u32;
}

/// A running `explain --follow` and what it has printed so far.
struct Following {
    child: Child,
    out: std::sync::mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Following {
    fn start(args: &[&str]) -> Following {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("trtc-errors"))
            .env("TRTC_ERRORS_CONFIG_DIR", common::empty_config_dir())
            .env("TRTC_ERRORS_NO_CACHE", "1")
            .arg("explain")
            .arg("--follow")
            .args(["-f", "json"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = tx.send(line);
            }
        });
        Following {
            child,
            out: rx,
            seen: Vec::new(),
        }
    }

    /// Waits until `n` mentions in all have been printed; returns (code, line) of each.
    fn wait_for(&mut self, n: usize) -> Vec<(String, u64)> {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.seen.len() < n && Instant::now() < deadline {
            if let Ok(l) = self.out.recv_timeout(Duration::from_millis(100)) {
                self.seen.push(l);
            }
        }
        self.seen
            .iter()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                (
                    v["entry"]["code"]
                        .as_str()
                        .map_or_else(|| v["entry"]["code"].to_string(), str::to_string),
                    v["line_number"].as_u64().unwrap(),
                )
            })
            .collect()
    }
}

impl Drop for Following {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn append(path: &std::path::Path, text: &str) {
    let mut f = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    f.write_all(text.as_bytes()).unwrap();
}

/// Gives the follower time to poll (its poll is 250 ms).
fn settle() {
    std::thread::sleep(Duration::from_millis(700));
}

#[test]
fn follow_starts_at_the_end_and_joins_split_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.log");
    std::fs::write(&path, "old code: 16388\nold 2\nunfinished ").unwrap();
    let mut f = Following::start(&[path.to_str().unwrap()]);
    settle();
    append(&path, "errCode: 16");
    settle();
    append(&path, "385\nnext line\n");
    append(&path, "code: -8\n");
    let got = f.wait_for(2);
    // 16385 = 0x4001 on line 3 (the unfinished line, completed); the old 0x4004 is history.
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1].1, 5, "{got:?}");
    assert_eq!(got[0].1, 3, "{got:?}");
    assert!(!f.seen.iter().any(|l| l.contains("JOIN_ROOM_FAILED")));
}

#[test]
fn follow_from_start_replays_and_survives_truncation_and_rotation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.log");
    std::fs::write(&path, "code: 16388\n").unwrap();
    let mut f = Following::start(&["--from-start", path.to_str().unwrap()]);
    assert_eq!(f.wait_for(1).len(), 1);
    // Truncated and regrown to a longer text within one poll.
    std::fs::write(
        &path,
        "a much longer first line to outgrow the old one\ncode: 16385\n",
    )
    .unwrap();
    assert_eq!(f.wait_for(2).len(), 2, "after truncation");
    // Rotated: renamed, and a new file created under the name.
    settle();
    std::fs::rename(&path, dir.path().join("app.log.1")).unwrap();
    std::fs::write(&path, "errCode=-8\n").unwrap();
    let got = f.wait_for(3);
    assert_eq!(got.len(), 3, "after rotation: {got:?}");
    // A followed symlink pointed elsewhere.
    let link = dir.path().join("current.log");
    let other = dir.path().join("other.log");
    std::fs::write(&other, "").unwrap();
    std::os::unix::fs::symlink(&path, &link).unwrap();
    let mut g = Following::start(&[link.to_str().unwrap()]);
    settle();
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(&other, &link).unwrap();
    settle();
    append(&other, "code: 16388\n");
    assert_eq!(g.wait_for(1).len(), 1, "after the symlink moved");
}

/// `--follow` prints the same codes as a plain run over the same lines.
#[test]
fn follow_agrees_with_plain_explain() {
    let text = format!(
        "{LOG}Uncaught (in promise) RtcError: INVALID_PARAMETER: 'sdkAppId' is a required param when calling enterRoom(), received: undefined.\n"
    );
    let plain = cmd()
        .args(["explain", "-f", "json"])
        .write_stdin(text.clone())
        .output()
        .unwrap();
    let plain: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    let mut want: Vec<String> = plain
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["entry"]["code"].to_string())
        .collect();
    let follow = cmd()
        .args(["explain", "--follow", "-f", "json"])
        .write_stdin(text)
        .output()
        .unwrap();
    let mut got: Vec<String> = String::from_utf8(follow.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["entry"]["code"].to_string())
        .collect();
    want.sort();
    got.sort();
    assert_eq!(got, want);
}

/// The time of a scan of `text(n)` against `text(4n)`: linear input costs about 4×, quadratic 16×.
fn ratio(text: impl Fn(usize) -> String, n: usize) -> f64 {
    let time = |t: &str| {
        let start = Instant::now();
        let mut scanner = Scanner::new(engine(), Scope::default());
        scan::scan_reader(t.as_bytes(), &mut scanner, true).unwrap();
        let _ = scanner.mentions();
        start.elapsed().as_secs_f64()
    };
    let small = text(n);
    let large = text(4 * n);
    let _ = time(&small); // warm up
    let a = time(&small).max(1e-4);
    let b = time(&large);
    b / a
}

#[test]
fn adversarial_lines_stay_linear() {
    let blanks = |n: usize| format!("> x\n{}{}\n", " ".repeat(2 * n), "1 ".repeat(n));
    let results = |n: usize| format!("failed {}\n", "result:1 ".repeat(n));
    // Many lines with many distinct codes (the catalog's own hex codes).
    let catalog = engine().catalog();
    let codes: Vec<String> = catalog
        .entries()
        .iter()
        .filter(|e| e.is_hex())
        .map(|e| e.display())
        .collect();
    let distinct = |n: usize| {
        (0..n)
            .map(|i| format!("line {i} {}\n", codes[i % codes.len()]))
            .collect::<String>()
    };
    for (name, r) in [
        ("blanks then numbers", ratio(blanks, 2000)),
        ("result:1 repeated", ratio(results, 1500)),
        ("lines of codes", ratio(distinct, 5000)),
    ] {
        // Linear is ~4; quadratic would be ~16. Generous for a loaded machine.
        assert!(r < 10.0, "{name}: 4× the input took {r:.1}× the time");
    }
}

#[test]
fn every_format_escapes_what_came_from_the_input() {
    let hostile = "RtcError: INVALID_PARAMETER: '\u{202e}\u{9b}\x7f\x1b]52;c;eA==\x07<img src=x onerror=alert(1)>[click](http://e.x)' is a required param when calling enterRoom(), received: undefined.\n";
    let json = cmd()
        .args(["explain", "-f", "json"])
        .write_stdin(hostile)
        .output()
        .unwrap();
    let text = String::from_utf8(json.stdout).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    // What `jq -r` would print: every string, decoded.
    fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    strings(&value, &mut all);
    for s in &all {
        assert!(
            !s.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "raw control in JSON string {s:?}"
        );
    }
    let md = cmd()
        .args(["explain", "-f", "markdown"])
        .write_stdin(hostile)
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    for line in md.lines().filter(|l| l.starts_with("> ")) {
        // Outside code spans, no raw tag or link may remain.
        let outside: String = line
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, s)| s)
            .collect();
        assert!(!outside.contains("<img"), "{line}");
        assert!(!outside.contains("[click]("), "{line}");
    }
    let plain = cmd().arg("explain").write_stdin(hostile).output().unwrap();
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(
        !plain.chars().any(|c| c != '\n' && c.is_control()),
        "{plain:?}"
    );
}

#[test]
fn credentials_are_masked_unless_kept() {
    let sig = format!(
        "eJw{}",
        "tzM0KgkAUhuFXkbNuIZ9lRLYDhUVBtLEPwplRh5wZmT".repeat(4)
    );
    let line = format!(
        "WebSocket connection to 'wss://x.trtc/ws?sdkAppId=1400&userSig={sig}&roomId=8' failed code: 16388\n"
    );
    for format in ["text", "json", "markdown"] {
        let out = cmd()
            .args(["explain", "-f", format])
            .write_stdin(line.clone())
            .output()
            .unwrap();
        let out = String::from_utf8(out.stdout).unwrap();
        assert!(out.contains("JOIN_ROOM_FAILED"), "{format}");
        assert!(!out.contains(&sig), "{format}: the userSig leaked");
        assert!(out.contains("eJw…[userSig, "), "{format}");
    }
    let out = cmd()
        .args(["explain", "--show-secrets"])
        .write_stdin(line)
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains(&sig));
}

/// A catalog with `n` user entries, each with its own message template.
fn templated_catalog(n: usize) -> Catalog {
    let mut toml = String::new();
    for i in 0..n {
        toml.push_str(&format!(
            "[[entry]]\nfamily = \"web5\"\ncategory = \"extra\"\ncode = {}\nkey = \"USER_FAILURE_{i}\"\n\
             description_en = \"user entry {i}\"\ndescription_zh = \"用户条目\"\nsource = \"test\"\ntemplates = [\"the user module number {i} failed while loading {{value}} from the store\"]\n\n",
            -(200_000 + i as i64)
        ));
    }
    let entries = trtc_errors::catalog::parse_catalog(&toml, "user.toml").unwrap();
    let mut catalog = Catalog::builtin().unwrap();
    catalog.merge(entries);
    catalog
}

/// 3,000 lines against 1,000 and 4,000 templated entries: a line costs one search, not one per
/// template, so 4× the templates must not cost anything like 4× the time.
#[test]
fn many_templates_cost_a_line_one_search() {
    let lines: String = (0..3000)
        .map(|i| {
            format!(
                "12:00:{:02} the user module number {} failed while loading cfg from the store\n",
                i % 60,
                i % 900
            )
        })
        .collect();
    let time = |engine: &Engine| {
        let mut scanner = Scanner::new(engine, Scope::default());
        let _ = scanner.prefilter(); // built before the clock starts
        let start = Instant::now();
        scan::scan_reader(lines.as_bytes(), &mut scanner, true).unwrap();
        let found = scanner.mentions().len();
        (start.elapsed().as_secs_f64(), found)
    };
    let small = Engine::new(templated_catalog(1000));
    let large = Engine::new(templated_catalog(4000));
    let _ = time(&small);
    let (a, found_a) = time(&small);
    let (b, found_b) = time(&large);
    assert_eq!((found_a, found_b), (900, 900));
    assert!(
        b / a.max(1e-4) < 2.5,
        "4× the templates took {:.1}× the time",
        b / a
    );
}

//! The three SDK families end to end: 5.x codes and extraCodes, native errors and warnings, and
//! the 4.x catalog beside them — lookups, family labels, the version filter, and what the SDKs
//! print explained.

mod common;

use common::run;

fn stdout_of(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?} exited {code}: {err}");
    out
}

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout_of(args)).unwrap()
}

fn families_and_codes(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let e = e.get("entry").unwrap_or(e);
            format!(
                "{}:{}",
                e["family"].as_str().unwrap(),
                e["display"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn web5_codes_and_extra_codes() {
    insta::assert_snapshot!("show_web5_5013", stdout_of(&["show", "5013"]));
    insta::assert_snapshot!(
        "show_web5_5000_en",
        stdout_of(&["show", "5000", "-l", "en"])
    );
    // 5.x keys shared with 4.x name both until --sdk picks one.
    let both = json(&["show", "INVALID_PARAMETER", "-f", "json"]);
    assert_eq!(families_and_codes(&both), ["web4:0x1000", "web5:5000"]);
    let one = json(&["show", "INVALID_PARAMETER", "--sdk", "web5", "-f", "json"]);
    assert_eq!(families_and_codes(&one), ["web5:5000"]);
}

#[test]
fn native_errors_and_warnings() {
    insta::assert_snapshot!("show_native_3301", stdout_of(&["show", "-3301"]));
    // −3301 as docs print it (U+2212), and the key with and without its prefix.
    assert_eq!(
        stdout_of(&["show", "\u{2212}3301"]),
        stdout_of(&["show", "-3301"])
    );
    let by_key = json(&["show", "ERR_ROOM_ENTER_FAIL", "-f", "json"]);
    assert_eq!(families_and_codes(&by_key), ["native:-3301"]);
    let hits = json(&["search", "\u{2212}3301", "-f", "json", "-n", "1"]);
    assert_eq!(families_and_codes(&hits), ["native:-3301"]);
    let hits = json(&["search", "ROOM_ENTER_FAIL", "-f", "json", "-n", "1"]);
    assert_eq!(families_and_codes(&hits), ["native:-3301"]);
    let hits = json(&["search", "enter room fail", "-f", "json", "-n", "1"]);
    assert_eq!(families_and_codes(&hits), ["native:-3301"]);
    // A warning is shown as a warning.
    let warning = stdout_of(&["show", "WARNING_HW_ENCODER_START_FAIL"]);
    assert!(
        warning.contains("Warning (onWarning warningCode)"),
        "{warning}"
    );
    let row = stdout_of(&["search", "WARNING_HW_ENCODER_START_FAIL", "-n", "1"]);
    assert!(row.contains("[warning]"), "{row}");
}

#[test]
fn search_labels_every_hit_with_its_family() {
    let out = stdout_of(&["search", "进房"]);
    let families: std::collections::BTreeSet<&str> = out
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        families.into_iter().collect::<Vec<_>>(),
        ["native", "server", "web4", "web5"],
        "{out}"
    );
    let first: Vec<&str> = out
        .lines()
        .next()
        .unwrap()
        .split_whitespace()
        .take(2)
        .collect();
    assert_eq!(first, ["web4", "0x4004"], "{out}");
}

#[test]
fn related_across_families() {
    let out = stdout_of(&["show", "-3301"]);
    assert!(out.contains("web4:0x4004 JOIN_ROOM_FAILED"), "{out}");
    assert!(out.contains("web5:5400 SERVER_ERROR"), "{out}");
    let out = stdout_of(&["show", "0x4004"]);
    assert!(out.contains("In 5.x:"), "{out}");
    assert!(out.contains("native:-3301"), "{out}");
}

#[test]
fn the_version_filter_uses_that_versions_codes_and_spelling() {
    let out = stdout_of(&["list", "--sdk-version", "4.4.0", "--category", "sdk"]);
    assert!(out.contains("SIGNAL_CAHNNEL_SETUP_FAILED"), "{out}");
    assert!(!out.contains("SIGNAL_CHANNEL_SETUP_FAILED"), "{out}");
    assert!(
        !out.contains("INITIALIZE_FAILED"),
        "0x1004 arrived in 4.11.13: {out}"
    );
    let out = stdout_of(&["list", "--sdk-version", "4.15.22", "--category", "sdk"]);
    assert!(out.contains("SIGNAL_CHANNEL_SETUP_FAILED") && out.contains("INITIALIZE_FAILED"));
    // 5015's key was misspelled before 5.11.1.
    let old = stdout_of(&["show", "5015", "--sdk-version", "5.8.6"]);
    assert!(old.contains("INVALID_ROOM_ID_REQUIED"), "{old}");
    let new = stdout_of(&["show", "5015", "--sdk-version", "5.17.1"]);
    assert!(new.starts_with("5015 INVALID_ROOM_ID_REQUIRED"), "{new}");
    // A 5.x version holds no 4.x codes.
    let (code, _, _) = run(&["show", "0x4004", "--sdk-version", "5.8.6"]);
    assert_eq!(code, 1);
    let (code, _, err) = run(&["list", "--sdk-version", "7.0"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn explain_what_the_sdks_print() {
    // A 5.x message with no number in it: the template finds 5001 and the code above it.
    let msg = "INVALID_PARAMETER: 'sdkAppId' is a required param when calling enterRoom(), received: undefined.";
    let found = json(&["explain", "-f", "json", msg]);
    assert_eq!(families_and_codes(&found), ["web5:5000", "web5:5001"]);
    assert_eq!(found[1]["evidence"], "SDK message template");
    assert_eq!(
        found[1]["captured"][0],
        serde_json::json!(["key", "sdkAppId"])
    );
    // A code/extraCode pair: both, the server's code under 5400.
    let pair = json(&[
        "explain",
        "-f",
        "json",
        r#"{"code":5400,"extraCode":-100013}"#,
    ]);
    // The server code and the 5.x extraCode row for it are one group: the server entry stands
    // for both, unless the scope names 5.x.
    assert_eq!(families_and_codes(&pair), ["web5:5400", "server:-100013"]);
    let pair = json(&[
        "explain",
        "--sdk",
        "web5",
        "-f",
        "json",
        r#"{"code":5400,"extraCode":-100013}"#,
    ]);
    assert_eq!(families_and_codes(&pair), ["web5:5400", "web5:-100013"]);
    let pair = json(&["explain", "-f", "json", "code 5400 extraCode 70001"]);
    assert_eq!(families_and_codes(&pair), ["web5:5400", "server:70001"]);
    // An Electron log line.
    let line =
        "[2024-05-13 10:21:31.550] [error] onError errCode:-3301 errMsg:进房失败 extraInfo:{}";
    let found = json(&["explain", "-f", "json", line]);
    assert_eq!(families_and_codes(&found), ["native:-3301"]);
    assert_eq!(found[0]["token"], "-3301");
    insta::assert_snapshot!("explain_web5_message", stdout_of(&["explain", msg]));
}

#[test]
fn one_line_pastes_and_pipes() {
    // What the console prints on one line.
    let found = json(&[
        "explain",
        "-f",
        "json",
        "RtcError: join room failed code: 16388",
    ]);
    assert_eq!(families_and_codes(&found), ["web4:0x4004"]);
    // Bare numbers and plain words are not codes: valid JSON, an empty list, exit 1.
    let (code, out, _) = run(&[
        "explain",
        "-f",
        "json",
        "count: 4096 size 65535 bytes retry after -8 ms UNKNOWN host",
    ]);
    assert_eq!((code, out.trim()), (1, "[]"));
    let (code, out, _) = run(&["search", "zzzzqqqq", "-f", "json"]);
    assert_eq!((code, out.trim()), (1, "[]"));
}

/// `tail -f app.log | trtc-errors explain --follow`: each new code is printed (and flushed) as
/// soon as its line arrives, while the input is still open.
#[test]
fn follow_prints_each_code_as_it_arrives() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_trtc-errors"))
        .args(["--no-config", "explain", "--follow", "-f", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let mut output = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    input
        .write_all(b"starting up, port 5000\n[error] onError errCode:-3301 errMsg:x\n")
        .unwrap();
    input.flush().unwrap();
    output.read_line(&mut line).unwrap();
    let first: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(first["entry"]["display"], "-3301");
    assert_eq!(first["line_number"], 2);
    // The same code again prints nothing; a new one prints at once.
    input
        .write_all(b"errCode:-3301\r\nRtcError: join room failed code: 16388\r\n")
        .unwrap();
    input.flush().unwrap();
    line.clear();
    output.read_line(&mut line).unwrap();
    let second: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(second["entry"]["display"], "0x4004");
    drop(input);
    assert!(child.wait().unwrap().success());
}

/// Bytes that are not UTF-8 are decoded lossily, never an error; a line longer than the scanner
/// holds is cut, not buffered whole.
#[test]
fn explain_reads_any_bytes() {
    let mut bytes = b"\xff\xfe garbage \xc3\x28\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 200_000));
    bytes.extend_from_slice(b"\ncode: 16388\n");
    let out = common::cmd()
        .arg("explain")
        .write_stdin(bytes)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("JOIN_ROOM_FAILED"));
}

/// The maintainer diff (scripts/sdk-diff.sh web5|native → scripts/extract/diff-catalog.py) finds
/// what a new package changes: tried on the real extracts, then on copies with a key added, one
/// renamed and a Chinese comment edited. Needs python3 (part of the machine image).
#[test]
fn maintainer_diff_reports_what_a_new_package_changes() {
    use std::process::Command;
    let root = env!("CARGO_MANIFEST_DIR");
    let script = format!("{root}/scripts/extract/diff-catalog.py");
    let run = |family: &str, extract: &serde_json::Value| {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), extract.to_string()).unwrap();
        let out = Command::new("python3")
            .args([script.as_str(), family, file.path().to_str().unwrap()])
            .output()
            .expect("python3 runs the maintainer diff");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let native: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/sdk/native/extract.json")).unwrap();
    assert_eq!(run("native", &native).0, Some(0));
    let mut changed = native.clone();
    let errors = changed["errors"].as_array_mut().unwrap();
    errors.push(
        serde_json::json!({"key": "ERR_FUTURE_THING", "value": -9999, "comment_zh": "未来的错误"}),
    );
    errors[1]["comment_zh"] = "进入房间失败了".into();
    errors[2]["key"] = "ERR_RENAMED_KEY".into();
    let (code, out) = run("native", &changed);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("new ERR_FUTURE_THING = -9999 (error)"),
        "{out}"
    );
    assert!(out.contains("text ERR_ROOM_ENTER_FAIL"), "{out}");
    assert!(
        out.contains("renamed") && out.contains("-> ERR_RENAMED_KEY"),
        "{out}"
    );

    let web5: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/sdk/web5/extract.json")).unwrap();
    assert_eq!(run("web5", &web5).0, Some(0));
    let mut changed = web5.clone();
    let entries = changed["entries"].as_array_mut().unwrap();
    let mut future = entries[0].clone();
    future["kind"] = "extraCode".into();
    future["value"] = 59999.into();
    future["key"] = "FUTURE_EXTRA".into();
    entries.push(future);
    let (code, out) = run("web5", &changed);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("new FUTURE_EXTRA = 59999 (extra"), "{out}");
}

//! The completion scripts, sourced in the real shells: what each offers after `search --`,
//! `--format `, `--lang `, `--sdk `, and that hidden commands are never offered.
//!
//! A shell that is not installed is skipped with a note, except under CI (`CI=true`), where
//! `.ci/run` installs bash, zsh and fish and a missing one is a failure.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The script for `shell`, as `trtc-errors completions SHELL` prints it, in a file.
fn script_file(dir: &Path, shell: &str) -> PathBuf {
    let out = common::cmd().args(["completions", shell]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "completions {shell}");
    let path = dir.join(format!("trtc-errors.{shell}"));
    std::fs::write(&path, out.stdout).unwrap();
    path
}

fn installed(shell: &str) -> bool {
    Command::new(shell)
        .args(["-c", "exit 0"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether to test `shell`: yes when installed; under CI a missing shell fails the test.
fn available(shell: &str) -> bool {
    if installed(shell) {
        return true;
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(
        !ci,
        "{shell} is not installed, and CI must test it (.ci/run installs it)"
    );
    // Straight to the process's stderr: libtest captures `eprintln!`, and a skip nobody sees
    // reads as a pass.
    let _ = writeln!(
        std::io::stderr(),
        "note: {shell} is not installed; its completion test is skipped"
    );
    false
}

fn lines(out: std::process::Output, what: &str) -> Vec<String> {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{what}: {stderr}");
    let mut found: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    found.sort();
    found.dedup();
    found
}

/// bash: source the script, fill in COMP_WORDS / COMP_CWORD / COMP_LINE / COMP_POINT as bash
/// would for `line`, call the function `complete -p` names, print COMPREPLY.
fn bash(script: &Path, line: &str) -> Vec<String> {
    const HARNESS: &str = r#"
source "$1" || exit 3
line=$2
read -ra COMP_WORDS <<< "$line"
[[ $line == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_LINE=$line
COMP_POINT=${#line}
spec=$(complete -p trtc-errors) || exit 4
fn=${spec#*-F }
fn=${fn%% *}
"$fn" trtc-errors "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"#;
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", HARNESS, "bash"])
        .arg(script)
        .arg(line)
        .output()
        .unwrap();
    lines(out, &format!("bash {line:?}"))
}

/// fish: `complete -C` asks fish's own completion engine, with the script sourced.
fn fish(script: &Path, line: &str) -> Vec<String> {
    let out = Command::new("fish")
        .args(["--no-config", "-c", "source $argv[1]; complete -C $argv[2]"])
        .arg(script)
        .arg(line)
        .output()
        .unwrap();
    lines(out, &format!("fish {line:?}"))
}

/// zsh: an interactive zsh in a pseudo-terminal (zpty) with compinit and the script loaded;
/// Tab is pressed once and what the completion functions pass to compadd is printed.
fn zsh(script: &Path, line: &str) -> Vec<String> {
    let harness = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/support/zsh_complete.zsh");
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new("zsh")
        .arg("-f")
        .arg(&harness)
        .arg(script)
        .arg(line)
        // A directory with no files: a completion that falls back to file names shows nothing.
        .current_dir(dir.path())
        .env("HOME", dir.path())
        .output()
        .unwrap();
    lines(out, &format!("zsh {line:?}"))
}

fn strings(items: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = items.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

/// Values are offered exactly (no file names); options and commands must include these.
const EXACT: &[(&str, &[&str])] = &[
    ("trtc-errors --format ", &["json", "markdown", "text"]),
    (
        "trtc-errors search --format ",
        &["json", "markdown", "text"],
    ),
    ("trtc-errors search -f ", &["json", "markdown", "text"]),
    ("trtc-errors search --lang ", &["both", "en", "zh"]),
    ("trtc-errors --lang ", &["both", "en", "zh"]),
    ("trtc-errors --sdk ", &["native", "server", "web4", "web5"]),
    (
        "trtc-errors list --sdk ",
        &["native", "server", "web4", "web5"],
    ),
    (
        "trtc-errors search --category ",
        &["account", "error", "extra", "result", "sdk", "warning"],
    ),
];

const INCLUDES: &[(&str, &[&str])] = &[
    (
        "trtc-errors search --",
        &[
            "--category",
            "--limit",
            "--format",
            "--lang",
            "--sdk",
            "--sdk-version",
            "--help",
        ],
    ),
    (
        "trtc-errors --sdk web5 search --",
        &["--category", "--limit"],
    ),
    ("trtc-errors config ", &["path", "show"]),
    (
        "trtc-errors ",
        &[
            "show",
            "search",
            "list",
            "explain",
            "tui",
            "completions",
            "man",
            "config",
        ],
    ),
];

/// Never offered: the maintainers' hidden command.
const HIDDEN: &[&str] = &["sdk-diff"];

fn check(shell: &str, complete: fn(&Path, &str) -> Vec<String>) {
    if !available(shell) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = script_file(dir.path(), shell);
    let mut failures = Vec::new();
    for (line, expected) in EXACT {
        let got = complete(&script, line);
        if got != strings(expected) {
            failures.push(format!("{line:?}: expected {expected:?}, got {got:?}"));
        }
    }
    for (line, expected) in INCLUDES {
        let got = complete(&script, line);
        let missing: Vec<&&str> = expected
            .iter()
            .filter(|e| !got.iter().any(|g| g == *e))
            .collect();
        let hidden: Vec<&String> = got
            .iter()
            .filter(|g| HIDDEN.contains(&g.as_str()))
            .collect();
        if !missing.is_empty() || !hidden.is_empty() {
            failures.push(format!(
                "{line:?}: missing {missing:?}, hidden offered {hidden:?}, got {got:?}"
            ));
        }
    }
    for line in ["trtc-errors ", "trtc-errors help "] {
        let got = complete(&script, line);
        if got.iter().any(|g| HIDDEN.contains(&g.as_str())) {
            failures.push(format!("{line:?} offers a hidden command: {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{shell}:\n{}", failures.join("\n"));
}

#[test]
fn bash_completes_after_a_subcommand() {
    check("bash", bash);
}

#[test]
fn fish_completes_after_a_subcommand() {
    check("fish", fish);
}

#[test]
fn zsh_completes_after_a_subcommand() {
    check("zsh", zsh);
}

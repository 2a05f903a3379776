//! Helpers shared by the integration tests.
#![allow(dead_code)]

#[cfg(unix)]
pub mod pty;

use std::path::PathBuf;

use assert_cmd::Command;

/// The real binary, isolated from the user's config and colour settings.
pub fn cmd() -> Command {
    let mut cmd = Command::cargo_bin("trtc-errors").expect("binary built by cargo");
    cmd.env("TRTC_ERRORS_CONFIG_DIR", empty_config_dir())
        .env_remove("NO_COLOR")
        .env_remove("TMUX")
        .env("TRTC_ERRORS_CLIPBOARD", "osc52")
        // Tests never write the user's cache directory.
        .env("TRTC_ERRORS_NO_CACHE", "1");
    cmd
}

/// A config directory with nothing in it, shared by the tests of one binary.
pub fn empty_config_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trtc-errors-empty-config-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs the binary with `args`; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = cmd().args(args).output().expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

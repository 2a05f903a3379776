//! Shell completion scripts: clap_complete's, from the commands a user may type, with clap_complete's
//! bash bug for hyphenated binary names repaired.
//!
//! The script is generated into memory and written by the caller: the generator panics on a write
//! error, and `trtc-errors completions zsh | head -c1` must end quietly.

use clap::CommandFactory;
use clap_complete::Shell;

use super::args::Cli;

/// The binary's name as shells see it.
pub const BIN_NAME: &str = "trtc-errors";

/// The completion script for `shell`.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut command = visible_command();
    let mut script = Vec::new();
    // The generator writes into memory here, so its expect() on write errors cannot fire.
    clap_complete::generate(shell, &mut command, BIN_NAME, &mut script);
    match shell {
        Shell::Bash => repair_bash_state_names(&String::from_utf8_lossy(&script)).into_bytes(),
        Shell::Fish => repair_fish_dangling_option(&String::from_utf8_lossy(&script)).into_bytes(),
        _ => script,
    }
}

/// The command line without hidden subcommands (`sdk-diff`) and without the external subcommand
/// (a bare code is `show`): clap_complete's static generators offer hidden subcommands, and there is
/// no way to remove a subcommand from a `clap::Command`, so the root is rebuilt from its parts.
fn visible_command() -> clap::Command {
    let full = Cli::command();
    let mut root = clap::Command::new(BIN_NAME)
        .version(env!("CARGO_PKG_VERSION"))
        .args(full.get_arguments().cloned())
        .subcommands(full.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    if let Some(about) = full.get_about() {
        root = root.about(about.clone());
    }
    root
}

/// clap_complete 4.6's bash script names its states two ways for a binary with a hyphen in its
/// name: the loop that reads the words sets `cmd="trtc__errors__subcmd__search"`, while the case
/// arms test for `trtc__subcmd__errors__subcmd__search)`. No arm matches, so nothing completes
/// after a subcommand and bash falls back to file names (clap-rs/clap#6421, fixed upstream by
/// clap-rs/clap#6428). Renaming the arms to the loop's spelling repairs it; once the generator is
/// fixed the wrong spelling no longer occurs and this changes nothing.
fn repair_bash_state_names(script: &str) -> String {
    let wrong = format!("{}__subcmd__", BIN_NAME.replace('-', "__subcmd__"));
    let right = format!("{}__subcmd__", BIN_NAME.replace('-', "__"));
    script.replace(&wrong, &right)
}

/// clap_complete 4.6's fish script decides "no subcommand yet" by running `argparse` over the
/// words typed so far, and gives up when that fails. It fails exactly when the last word is an
/// option still waiting for its value (`trtc-errors --format <Tab>`), so the values were never
/// offered and fish listed files. A failed parse there still means no subcommand was typed.
fn repair_fish_dangling_option(script: &str) -> String {
    script.replace(
        "-- $cmd 2>/dev/null\n    or return\n",
        "-- $cmd 2>/dev/null\n    or return 0\n",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bash() -> String {
        String::from_utf8(script(Shell::Bash)).unwrap()
    }

    /// Every state the word loop can reach has a case arm (what the upstream bug broke).
    #[test]
    fn every_bash_state_has_an_arm() {
        let script = bash();
        let states: Vec<&str> = script
            .lines()
            .filter_map(|l| l.trim().strip_prefix("cmd=\""))
            .filter_map(|l| l.strip_suffix('"'))
            .filter(|s| !s.is_empty())
            .collect();
        assert!(states.len() > 5, "{states:?}");
        for state in states {
            assert!(
                script.lines().any(|l| l.trim() == format!("{state})")),
                "no case arm for {state}"
            );
        }
    }

    #[test]
    fn fish_repair_applies() {
        let script = String::from_utf8(script(Shell::Fish)).unwrap();
        assert!(script.contains("or return 0\n"), "{script}");
    }

    #[test]
    fn hidden_and_external_subcommands_are_not_offered() {
        for shell in [
            Shell::Bash,
            Shell::Zsh,
            Shell::Fish,
            Shell::PowerShell,
            Shell::Elvish,
        ] {
            let script = String::from_utf8(script(shell)).unwrap();
            assert!(!script.contains("sdk-diff"), "{shell}");
            assert!(script.contains("search"), "{shell}");
        }
    }
}

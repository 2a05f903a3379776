//! A helper program run with a deadline: the clipboard's and tmux's commands must never make the
//! browser wait on a process that does not answer.

use std::io::{self, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Runs `command` with `input` on its stdin and returns its stdout, or why not: it failed to
/// start, exited unsuccessfully, or did not finish within `within` (then it is killed).
pub fn run_with_timeout(
    command: &mut Command,
    input: Option<Vec<u8>>,
    within: Duration,
) -> Result<String, String> {
    let deadline = Instant::now() + within;
    let name = command.get_program().to_string_lossy().into_owned();
    let mut child = command
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{name}: {e}"))?;
    // Writing and reading on threads of their own: a child that reads nothing would block a
    // large write, and one that writes a lot would block on a full pipe.
    if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
        std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
    }
    let (sender, output) = mpsc::channel();
    if let Some(mut stdout) = child.stdout.take() {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = io::Read::read_to_end(&mut stdout, &mut bytes);
            let _ = sender.send(bytes);
        });
    }
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => {
                let bytes = output
                    .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                    .unwrap_or_default();
                return Ok(String::from_utf8_lossy(&bytes).into_owned());
            }
            Ok(Some(status)) => return Err(format!("{name} exited with {status}")),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{name} did not answer within {}",
                    describe_duration(within)
                ));
            }
            Ok(None) => {
                // A short, growing pause: most children answer in a few milliseconds.
                std::thread::sleep(pause.min(deadline.saturating_duration_since(Instant::now())));
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            Err(e) => return Err(format!("{name}: {e}")),
        }
    }
}

/// A deadline as people say it: `2 s`, `250 ms`.
pub(crate) fn describe_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_command_that_does_not_answer_is_killed_at_the_deadline() {
        let started = Instant::now();
        let err = run_with_timeout(
            Command::new("sleep").arg("10"),
            Some(b"x".to_vec()),
            Duration::from_millis(200),
        )
        .unwrap_err();
        assert!(err.contains("did not answer within 200 ms"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[cfg(unix)]
    #[test]
    fn a_command_that_answers_gives_its_output() {
        let out = run_with_timeout(
            &mut Command::new("cat"),
            Some("进房失败".as_bytes().to_vec()),
            Duration::from_secs(5),
        )
        .unwrap();
        assert_eq!(out, "进房失败");
        let err =
            run_with_timeout(&mut Command::new("false"), None, Duration::from_secs(5)).unwrap_err();
        assert!(err.contains("exited with"), "{err}");
    }
}

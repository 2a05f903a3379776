//! Opens an entry's documentation page in the user's browser. The opener is spawned and never
//! waited on by the caller (a browser may take seconds to start, or stay in the foreground); a
//! detached thread reaps it so no zombie is left behind.

use std::process::{Command, Stdio};

/// The system's opener: `open` on macOS, `xdg-open` elsewhere on unix, `explorer` on Windows.
fn opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    }
}

/// Is `url` safe to hand to an opener: http(s), no spaces or control characters, nothing an
/// opener could read as an option?
pub fn is_openable(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() <= 2048
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '\'')
}

/// Starts the opener on `url` without waiting for it. Its output is discarded: it must not write
/// into the browser's screen. When the opener later fails (no browser, `xdg-open` finding
/// nothing to use), `failed` is called with what to say, from the thread that reaps it.
pub fn open_url(url: &str, failed: impl FnOnce(String) + Send + 'static) -> Result<(), String> {
    if !is_openable(url) {
        return Err(format!(
            "Not opening {}: not an http(s) address",
            crate::sanitize::sanitize(url)
        ));
    }
    let program = opener();
    // Without a display, xdg-open has nothing to open a browser on: say so at once, with the
    // address to open elsewhere.
    if cfg!(all(unix, not(target_os = "macos")))
        && std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty())
        && std::env::var_os("WAYLAND_DISPLAY").is_none_or(|d| d.is_empty())
    {
        return Err(format!("Could not open a browser here (no display): {url}"));
    }
    let mut child = Command::new(program)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("Could not start {program}: {e}"))?;
    let url = url.to_string();
    std::thread::spawn(move || match child.wait() {
        Ok(status) if status.success() => {}
        Ok(status) => failed(format!("{program} could not open {url} ({status})")),
        Err(e) => failed(format!("{program} could not open {url}: {e}")),
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_web_addresses_are_opened() {
        assert!(is_openable(
            "https://web.sdk.qcloud.com/trtc/webrtc/doc/en/module-ErrorCode.html"
        ));
        for bad in [
            "file:///etc/passwd",
            "-a Calculator",
            "https://x y",
            "https://x\x1b]0;t",
            "javascript:alert(1)",
            "",
        ] {
            assert!(!is_openable(bad), "{bad:?}");
            assert!(open_url(bad, |_| {}).is_err());
        }
    }
}

//! Line wrapping measured in display columns, shared by the browser's detail pane and the CLI's
//! `show` on a terminal: breaks at spaces and around Chinese characters, keeps Latin words and keys
//! whole, and follows 禁则 (no closing punctuation first on a line, no opening one last).

use crate::width::char_width;

/// A character to wrap, alone or with what the caller attached to it (the browser's style).
pub trait WrapChar {
    fn ch(&self) -> char;
}

impl WrapChar for char {
    fn ch(&self) -> char {
        *self
    }
}

impl<S> WrapChar for (char, S) {
    fn ch(&self) -> char {
        self.0
    }
}

/// Closing punctuation a line must not start with (禁则, and the ASCII ones after a word).
pub const NO_LINE_START: &str = "，。；：？！、）」』】》”’〕〉,.;:?!)]}%…";
/// Opening punctuation a line must not end with.
pub const NO_LINE_END: &str = "（「『【《“‘〔〈([{";

/// Narrow non-space characters run together into words that wrap whole (Latin words, numbers,
/// keys such as `SIGNAL_CHANNEL_SETUP_FAILED`); wide characters (Chinese) break anywhere.
fn joins_words(c: char) -> bool {
    !c.is_whitespace() && char_width(c) == 1
}

/// May a line break fall between `before` and `after`?
fn may_break_between(before: char, after: char) -> bool {
    if NO_LINE_START.contains(after) || NO_LINE_END.contains(before) {
        return false;
    }
    before == ' ' || after == ' ' || !(joins_words(before) && joins_words(after))
}

fn kinsoku_ok<C: WrapChar>(chars: &[C], i: usize) -> bool {
    !NO_LINE_START.contains(chars[i].ch()) && !NO_LINE_END.contains(chars[i - 1].ch())
}

/// The last place in `from + 1..end` after a separator people read as one (`_`, `/`, `-`, `.`).
fn separator_cut<C: WrapChar>(chars: &[C], from: usize, end: usize) -> Option<usize> {
    (from + 1..end).rev().find(|&i| {
        matches!(
            chars[i - 1].ch(),
            '_' | '/' | '-' | '.' | ',' | '&' | '?' | '='
        ) && kinsoku_ok(chars, i)
    })
}

/// Where to cut a run too long for any line: after a separator in the second half of the line,
/// else as late as 禁则 allows, else at the edge.
fn forced_cut<C: WrapChar>(chars: &[C], start: usize, end: usize) -> usize {
    let half = start + (end - start) / 2;
    separator_cut(chars, half.max(start), end)
        .or_else(|| (start + 1..end).rev().find(|&i| kinsoku_ok(chars, i)))
        .unwrap_or(end)
}

/// The char ranges of the lines `chars` wraps into: the first line has `first_columns` columns,
/// the rest `columns`. Breaks at spaces and around wide characters, never inside a Latin word
/// that fits on a line of its own, never before closing or after opening punctuation (禁则) when
/// another break is possible. Continuation lines never start with the space they broke at.
pub fn wrap_ranges<C: WrapChar>(
    chars: &[C],
    first_columns: usize,
    columns: usize,
) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut first = true;
    while start < chars.len() || first {
        let avail = if first { first_columns } else { columns }.max(1);
        let mut used = 0;
        let mut end = start;
        while end < chars.len() {
            let w = char_width(chars[end].ch());
            if used + w > avail {
                break;
            }
            used += w;
            end += 1;
        }
        if end == start && start < chars.len() {
            // A character wider than the line: show it anyway rather than loop forever.
            end = start + 1;
        }
        let mut cut = end;
        if end < chars.len() && !may_break_between(chars[end - 1].ch(), chars[end].ch()) {
            let opportunity = (start + 1..end)
                .rev()
                .find(|&i| may_break_between(chars[i - 1].ch(), chars[i].ch()));
            cut = match opportunity {
                Some(at) => {
                    // Moving the tail down only helps if it then fits on a line of its own.
                    let tail: usize = chars[at..]
                        .iter()
                        .enumerate()
                        .take_while(|&(n, _)| {
                            n == 0 || !may_break_between(chars[at + n - 1].ch(), chars[at + n].ch())
                        })
                        .map(|(_, c)| char_width(c.ch()))
                        .sum();
                    if tail <= columns.max(1) {
                        at
                    } else {
                        // Too long for any line (a URL): cut it at one of its own separators
                        // here, or move it down whole and cut it there.
                        separator_cut(chars, at, end).unwrap_or(at)
                    }
                }
                None => forced_cut(chars, start, end),
            };
        }
        ranges.push((start, cut));
        first = false;
        start = cut;
        while start < chars.len() && chars[start].ch() == ' ' {
            start += 1;
        }
        if start >= chars.len() {
            break;
        }
    }
    ranges
}

/// `text` wrapped into lines of `first_columns` then `columns` columns, as strings.
pub fn wrap_text(text: &str, first_columns: usize, columns: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    wrap_ranges(&chars, first_columns, columns)
        .into_iter()
        .map(|(a, b)| {
            chars[a..b]
                .iter()
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_wraps_as_styled_text_does() {
        let lines = wrap_text(
            "看 error.getExtraCode()：非 0 是服务端拒绝进房的结果码。",
            12,
            12,
        );
        assert!(
            lines.iter().all(|l| crate::width::width(l) <= 12),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .all(|l| !l.starts_with('。') && !l.starts_with('：')),
            "{lines:?}"
        );
        assert!(lines.iter().any(|l| l.contains("error.")), "{lines:?}");
        assert_eq!(wrap_text("one two three", 7, 7), ["one two", "three"]);
    }
}

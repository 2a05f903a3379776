//! Styled text measured in display columns: highlight spans built per character, truncation with an
//! ellipsis, and wrapping that never splits a double-width character.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::width::{char_width, width};

/// Characters of `text`, styled `highlight` at `positions` (char indices, sorted) and `base` elsewhere.
pub fn styled_chars(
    text: &str,
    positions: &[usize],
    base: Style,
    highlight: Style,
) -> Vec<(char, Style)> {
    text.chars()
        .enumerate()
        .map(|(i, c)| {
            let style = if positions.binary_search(&i).is_ok() {
                highlight
            } else {
                base
            };
            (c, style)
        })
        .collect()
}

/// Groups runs of equally styled characters into spans.
pub fn to_spans(chars: &[(char, Style)]) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_style: Option<Style> = None;
    for &(c, style) in chars {
        if run_style != Some(style) {
            if let Some(s) = run_style {
                spans.push(Span::styled(std::mem::take(&mut run), s));
            }
            run_style = Some(style);
        }
        run.push(c);
    }
    if let Some(s) = run_style {
        spans.push(Span::styled(run, s));
    }
    spans
}

/// At most `columns` columns of `chars`; when cut, the last column is an ellipsis in `base` style.
/// Returns the spans and the columns they take.
pub fn truncate_styled(
    chars: &[(char, Style)],
    columns: usize,
    base: Style,
) -> (Vec<Span<'static>>, usize) {
    let total: usize = chars.iter().map(|(c, _)| char_width(*c)).sum();
    if total <= columns {
        return (to_spans(chars), total);
    }
    if columns == 0 {
        return (Vec::new(), 0);
    }
    let budget = columns - 1;
    let mut used = 0;
    let mut kept = 0;
    for (c, _) in chars {
        let w = char_width(*c);
        if used + w > budget {
            break;
        }
        used += w;
        kept += 1;
    }
    let mut spans = to_spans(&chars[..kept]);
    spans.push(Span::styled("…", base));
    (spans, used + 1)
}

/// Plain text padded with spaces (or cut with an ellipsis) to exactly `columns` columns.
pub fn fit(text: &str, columns: usize) -> String {
    let cut = crate::width::truncate(text, columns);
    let w = width(&cut);
    format!("{cut}{}", " ".repeat(columns.saturating_sub(w)))
}

pub use crate::text::wrap::wrap_ranges;

/// Wraps styled characters into lines of at most `columns` columns (see [`wrap_ranges`]).
/// The first line starts with `first_prefix`, continuation lines with `indent` spaces.
pub fn wrap_styled(
    chars: &[(char, Style)],
    columns: usize,
    indent: usize,
    first_prefix: Vec<Span<'static>>,
) -> Vec<Line<'static>> {
    let prefix_width: usize = first_prefix.iter().map(|s| width(&s.content)).sum();
    let ranges = wrap_ranges(
        chars,
        columns.saturating_sub(prefix_width),
        columns.saturating_sub(indent),
    );
    ranges
        .into_iter()
        .enumerate()
        .map(|(n, (a, b))| {
            let mut spans = if n == 0 {
                first_prefix.clone()
            } else {
                vec![Span::raw(" ".repeat(indent))]
            };
            spans.extend(to_spans(&chars[a..b]));
            Line::from(spans)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::wrap::{NO_LINE_END, NO_LINE_START};

    fn plain(text: &str) -> Vec<(char, Style)> {
        styled_chars(text, &[], Style::default(), Style::default())
    }

    fn line_text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn truncation_keeps_wide_chars_whole() {
        let (spans, used) = truncate_styled(&plain("进房失败了"), 6, Style::default());
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "进房…");
        assert_eq!(used, 5);
    }

    #[test]
    fn wrapping_chinese_and_english() {
        let lines = wrap_styled(&plain("userSig 过期，请尝试重新生成"), 12, 2, vec![]);
        for line in &lines {
            assert!(width(&line_text(line)) <= 12, "{:?}", line_text(line));
        }
        let joined: String = lines
            .iter()
            .map(|l| line_text(l).trim_start().to_string())
            .collect();
        assert_eq!(joined.replace(' ', ""), "userSig过期，请尝试重新生成");
    }

    fn wrapped(text: &str, columns: usize) -> Vec<String> {
        wrap_styled(&plain(text), columns, 0, vec![])
            .iter()
            .map(line_text)
            .collect()
    }

    #[test]
    fn latin_words_move_whole() {
        let lines = wrapped("Aliases SIGNAL_CHANNEL_SETUP_FAILED and more", 30);
        assert_eq!(lines[0].trim_end(), "Aliases");
        assert_eq!(lines[1].trim_end(), "SIGNAL_CHANNEL_SETUP_FAILED");
        // A word longer than any line is cut, at a separator when there is one.
        let lines = wrapped("SIGNAL_CHANNEL_SETUP_FAILED", 20);
        assert_eq!(lines, vec!["SIGNAL_CHANNEL_", "SETUP_FAILED"]);
        // Mixed text: the Latin word after Chinese moves whole, Chinese breaks anywhere.
        for line in wrapped(
            "核对 sdkAppId 和 userSig；其次是网络或防火墙拦截了 WebSocket。",
            14,
        ) {
            assert!(width(&line) <= 14, "{line:?}");
            assert!(!line.trim_end().ends_with("Web"), "{line:?}");
        }
    }

    #[test]
    fn kinsoku_no_closing_punctuation_first_no_opening_last() {
        let texts = [
            "大多是帐号问题：看错误信息里的帐号错误码（如 -8、70001），核对 sdkAppId 和 userSig；其次是网络。",
            "进房失败（服务端返回非零结果）。请检查「sdkAppId」与『userSig』是否匹配，再重试！",
            "The room (roomId) was dismissed, or the user was removed: see the extra code.",
        ];
        for text in texts {
            for columns in 6..40 {
                let lines = wrapped(text, columns);
                let joined: String = lines.concat();
                assert_eq!(
                    joined.replace(' ', ""),
                    text.replace(' ', ""),
                    "nothing lost at {columns}"
                );
                for line in &lines {
                    assert!(width(line) <= columns, "{line:?} wider than {columns}");
                    let first = line.chars().next().unwrap();
                    let last = line.trim_end().chars().last().unwrap();
                    assert!(
                        !NO_LINE_START.contains(first),
                        "{line:?} starts with closing punctuation at {columns}"
                    );
                    assert!(
                        !NO_LINE_END.contains(last),
                        "{line:?} ends with opening punctuation at {columns}"
                    );
                }
            }
        }
    }

    #[test]
    fn highlight_runs() {
        let chars = styled_chars("abc", &[1], Style::default(), Style::default().bold());
        assert_eq!(to_spans(&chars).len(), 3);
    }
}

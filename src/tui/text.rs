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

/// Wraps styled characters into lines of at most `columns` columns. Continuation lines start with
/// `indent` spaces. Breaks after a space when one is near, else between any two characters
/// (Chinese has no spaces); a wide character is never split.
pub fn wrap_styled(
    chars: &[(char, Style)],
    columns: usize,
    indent: usize,
    first_prefix: Vec<Span<'static>>,
) -> Vec<Line<'static>> {
    let prefix_width: usize = first_prefix.iter().map(|s| width(&s.content)).sum();
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut start = 0;
    let mut first = true;
    while start < chars.len() || first {
        let lead = if first { prefix_width } else { indent };
        let avail = columns.saturating_sub(lead).max(1);
        let mut used = 0;
        let mut end = start;
        let mut last_space: Option<usize> = None;
        while end < chars.len() {
            let w = char_width(chars[end].0);
            if used + w > avail {
                break;
            }
            if chars[end].0 == ' ' {
                last_space = Some(end);
            }
            used += w;
            end += 1;
        }
        if end == start && start < chars.len() {
            // A character wider than the line: show it anyway rather than loop forever.
            end = start + 1;
        }
        let mut cut = end;
        // Only a Latin word is worth moving whole to the next line; Chinese breaks anywhere.
        let splits_word = end < chars.len()
            && end > start
            && chars[end].0.is_ascii_graphic()
            && chars[end - 1].0.is_ascii_graphic();
        if splits_word {
            // Greedy word wrap: a word that fits on a line of its own moves down whole; only a
            // longer one (a URL, a long key) is split.
            if let Some(space) = last_space.filter(|&s| s > start) {
                let word: usize = chars[space + 1..]
                    .iter()
                    .take_while(|(c, _)| *c != ' ')
                    .map(|(c, _)| char_width(*c))
                    .sum();
                if word <= columns.saturating_sub(indent).max(1) {
                    cut = space + 1;
                }
            }
        }
        let mut spans = if first {
            first_prefix.clone()
        } else {
            vec![Span::raw(" ".repeat(indent))]
        };
        spans.extend(to_spans(&chars[start..cut]));
        lines.push(Line::from(spans));
        first = false;
        start = cut;
        // A continuation line never starts with the space it broke at.
        while start < chars.len() && chars[start].0 == ' ' {
            start += 1;
        }
        if start >= chars.len() {
            break;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn highlight_runs() {
        let chars = styled_chars("abc", &[1], Style::default(), Style::default().bold());
        assert_eq!(to_spans(&chars).len(), 3);
    }
}

//! Display-column arithmetic. Chinese characters take two columns, combining marks none; padding and
//! truncation must count columns, never bytes or chars.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns `text` occupies on a terminal.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Columns one character occupies (control characters count as zero).
pub fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// `text` followed by spaces up to `columns` (unchanged when already wider).
pub fn pad_to(text: &str, columns: usize) -> String {
    let w = width(text);
    let mut out = String::with_capacity(text.len() + columns.saturating_sub(w));
    out.push_str(text);
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(w)));
    out
}

/// How many leading chars of `text` fit in `columns`, reserving one column for an ellipsis when the
/// text does not fit whole. Never splits a wide character: if the last one would straddle the edge
/// it is left out. Returns (chars kept, truncated?).
pub fn fit_chars(text: &str, columns: usize) -> (usize, bool) {
    if width(text) <= columns {
        return (text.chars().count(), false);
    }
    let budget = columns.saturating_sub(1);
    let mut used = 0;
    let mut kept = 0;
    for c in text.chars() {
        let w = char_width(c);
        if used + w > budget {
            break;
        }
        used += w;
        kept += 1;
    }
    (kept, true)
}

/// `text` cut to at most `columns` columns, ending in `…` when cut.
pub fn truncate(text: &str, columns: usize) -> String {
    let (kept, cut) = fit_chars(text, columns);
    let mut out: String = text.chars().take(kept).collect();
    if cut && columns > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_two_columns() {
        assert_eq!(width("进房失败"), 8);
        assert_eq!(pad_to("描述", 6), "描述  ");
        assert_eq!(width(&pad_to("描述", 6)), 6);
    }

    #[test]
    fn truncation_never_splits_a_wide_char() {
        assert_eq!(truncate("进房失败", 8), "进房失败");
        assert_eq!(truncate("进房失败", 7), "进房失…");
        assert_eq!(truncate("进房失败", 6), "进房…");
        assert_eq!(truncate("进房失败", 4), "进…");
        assert_eq!(truncate("进房失败", 1), "…");
        assert_eq!(truncate("进房失败", 0), "");
        assert!(width(&truncate("userSig 过期，请尝试", 10)) <= 10);
    }
}

//! The two fuzzy matchers the search engine scores with, both linear-time and allocation-free
//! unless positions are asked for: they run for every candidate of a 100,000-entry catalog.

/// Fuzzy score of `needle` in a key or alias, fzf-v1 style: find the first occurrence as a
/// subsequence, shrink it from the back to the tightest window, then score the matched characters
/// (word starts and runs score up, gaps score down). Linear time and no allocation unless positions
/// are asked for: this runs for every candidate of a 100,000-entry catalog.
/// `ascii` is the needle's bytes when it is ASCII (keys almost always are), `chars` the same needle.
pub fn key_fuzzy(
    name: &str,
    ascii: Option<&[u8]>,
    chars: &[char],
    positions: bool,
) -> Option<KeyFuzzy> {
    match ascii {
        // Keys are ASCII in practice: compare bytes, no decoding.
        Some(needle) if name.is_ascii() => fuzzy_bytes(name.as_bytes(), needle, positions),
        _ => {
            let text: Vec<char> = name.chars().collect();
            fuzzy_chars(&text, chars, positions)
        }
    }
}

/// A fuzzy match in a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFuzzy {
    pub score: i64,
    /// Matched char indices, when asked for.
    pub positions: Vec<usize>,
    /// Every matched character starts a word or continues the previous match (`jrf`, `joinfail`
    /// in JOIN_ROOM_FAILED); false when letters were picked from inside words (`screen` in
    /// SIGNAL_CHANNEL_RECONNECTION_FAILED), which is how a typo-free query rarely means a key.
    pub aligned: bool,
}

fn fuzzy_chars(text: &[char], needle: &[char], positions: bool) -> Option<KeyFuzzy> {
    fuzzy_generic(text, needle, positions, |c: char| !c.is_alphanumeric())
}

fn fuzzy_bytes(text: &[u8], needle: &[u8], positions: bool) -> Option<KeyFuzzy> {
    fuzzy_generic(text, needle, positions, |b: u8| !b.is_ascii_alphanumeric())
}

fn fuzzy_generic<T: Copy + PartialEq>(
    text: &[T],
    needle: &[T],
    positions: bool,
    is_separator: impl Fn(T) -> bool,
) -> Option<KeyFuzzy> {
    if needle.is_empty() {
        return Some(KeyFuzzy {
            score: 0,
            positions: Vec::new(),
            aligned: true,
        });
    }
    // Forward: the end of the first occurrence.
    let mut want = 0;
    let mut end = 0;
    for (i, &c) in text.iter().enumerate() {
        if c == needle[want] {
            want += 1;
            if want == needle.len() {
                end = i;
                break;
            }
        }
    }
    if want < needle.len() {
        return None;
    }
    // Backward from the end: the latest start, i.e. the tightest window.
    let mut want = needle.len();
    let mut start = end;
    for i in (0..=end).rev() {
        if text[i] == needle[want - 1] {
            want -= 1;
            if want == 0 {
                start = i;
                break;
            }
        }
    }
    // Score the window left to right.
    let mut score: i64 = 0;
    let mut want = 0;
    let mut previous: Option<usize> = None;
    let mut picked = Vec::new();
    // Alignment: each jump lands on a word start, or skips at most two characters inside one word
    // (a typo or a dropped letter); the first character starts a word or a run of three.
    let mut aligned = true;
    let mut first: Option<usize> = None;
    let mut first_run = 0;
    let mut first_mid_word = false;
    for i in start..=end {
        if want < needle.len() && text[i] == needle[want] {
            score += 16;
            let word_start = i == 0 || is_separator(text[i - 1]);
            if word_start {
                score += 8;
            }
            match previous {
                Some(p) if p + 1 == i => {
                    score += 4;
                    if first.is_some_and(|f| f + first_run == i) {
                        first_run += 1;
                    }
                }
                Some(p) => {
                    score -= 3 + (i - p - 2) as i64;
                    let small_skip =
                        i - p - 1 <= 2 && !text[p + 1..i].iter().any(|&c| is_separator(c));
                    aligned &= word_start || small_skip;
                }
                None => {
                    first = Some(i);
                    first_run = 1;
                    first_mid_word = !word_start;
                }
            }
            previous = Some(i);
            if positions {
                picked.push(i);
            }
            want += 1;
        }
    }
    // Starting inside a word is fine for a run (`join` in REJOIN_FAILED), not for one letter.
    if first_mid_word && first_run < 3.min(needle.len()) {
        aligned = false;
    }
    Some(KeyFuzzy {
        score,
        positions: picked,
        aligned,
    })
}

/// The tightest place where `needle` occurs in `text` as a subsequence spanning at most `max_span`
/// chars. Returns (span, positions); positions only when asked for. Letters scattered over a
/// sentence are not a match, so descriptions use this rather than an unbounded fuzzy matcher.
pub fn compact_subsequence(
    text: &str,
    needle: &[char],
    max_span: usize,
    positions: bool,
) -> Option<(usize, Vec<usize>)> {
    let first = *needle.first()?;
    let mut best: Option<(usize, usize)> = None; // (span, start char index)
    for (start, (byte, c)) in text.char_indices().enumerate() {
        if c != first {
            continue;
        }
        let mut want = 1;
        let mut span = 1;
        if want < needle.len() {
            for (offset, c) in text[byte..].chars().enumerate().take(max_span).skip(1) {
                if c == needle[want] {
                    want += 1;
                    if want == needle.len() {
                        span = offset + 1;
                        break;
                    }
                }
            }
        }
        if want == needle.len() && best.is_none_or(|(s, _)| span < s) {
            best = Some((span, start));
            if span == needle.len() {
                break;
            }
        }
    }
    let (span, start) = best?;
    if !positions {
        return Some((span, Vec::new()));
    }
    let mut out = Vec::with_capacity(needle.len());
    let mut want = 0;
    for (i, c) in text.chars().enumerate().skip(start) {
        if want < needle.len() && c == needle[want] {
            out.push(i);
            want += 1;
        }
    }
    Some((span, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(name: &str, needle: &str) -> Option<i64> {
        let chars: Vec<char> = needle.chars().collect();
        key_fuzzy(name, Some(needle.as_bytes()), &chars, false).map(|m| m.score)
    }

    #[test]
    fn key_scores_prefer_word_starts_and_runs() {
        assert!(score("signal_channel_error", "chanel").is_some());
        assert!(score("signal_channel_error", "xyz").is_none());
        // `join` at a word start and in one run beats the same letters scattered.
        assert!(score("join_room_failed", "join") > score("jxoxixn", "join"));
        let chars: Vec<char> = "rf".chars().collect();
        let m = key_fuzzy("join_room_failed", Some(b"rf"), &chars, true).unwrap();
        assert_eq!(m.positions, vec![5, 10]);
        assert!(m.aligned);
    }

    #[test]
    fn letters_from_inside_words_are_loose() {
        let chars: Vec<char> = "screen".chars().collect();
        let m = key_fuzzy(
            "signal_channel_reconnection_failed",
            Some(b"screen"),
            &chars,
            false,
        )
        .unwrap();
        assert!(!m.aligned);
        let chars: Vec<char> = "joinfail".chars().collect();
        assert!(
            key_fuzzy("join_room_failed", Some(b"joinfail"), &chars, false)
                .unwrap()
                .aligned
        );
    }

    #[test]
    fn non_ascii_keys_take_the_char_path() {
        let chars: Vec<char> = "键名".chars().collect();
        assert!(key_fuzzy("中文键_名字", None, &chars, false).is_some());
    }

    #[test]
    fn compact_windows_only() {
        let needle: Vec<char> = "expird".chars().collect();
        let (span, at) = compact_subsequence("usersig has expired", &needle, 9, true).unwrap();
        assert_eq!((span, at), (7, vec![12, 13, 14, 15, 16, 18]));
        // The letters are there, but spread over the sentence: no match.
        assert!(compact_subsequence("e x p i r e d far apart", &needle, 9, false).is_none());
    }
}

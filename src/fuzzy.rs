//! The two fuzzy matchers the search engine scores with: nucleo's for keys and aliases (one
//! algorithm for the rank and the highlighted letters), and a bounded-span subsequence for
//! sentences. Both run for every candidate of a 100,000-entry catalog.

use std::cell::RefCell;

use nucleo_matcher::{Config, Matcher, Utf32Str};

thread_local! {
    /// nucleo's matcher keeps ~135 KB of scratch: one per thread (the scan runs on rayon's
    /// workers), made on first use.
    static KEY_MATCHER: RefCell<KeyMatcher> = RefCell::new(KeyMatcher {
        matcher: Matcher::new(Config::DEFAULT),
        haystack: Vec::new(),
        needle: Vec::new(),
        indices: Vec::new(),
    });
}

struct KeyMatcher {
    matcher: Matcher,
    /// Decoding buffers for non-ASCII text (ASCII is matched in place).
    haystack: Vec<char>,
    needle: Vec<char>,
    indices: Vec<u32>,
}

/// Fuzzy score of `needle` in a key or alias (both lowercased), with nucleo's optimal alignment:
/// word starts and runs score up, gaps score down. The indices that ranked the hit are the ones
/// highlighted; they are returned only when `positions` is set, so ranking does not allocate.
pub fn key_fuzzy(name: &str, needle: &str, positions: bool) -> Option<KeyFuzzy> {
    if needle.is_empty() {
        return Some(KeyFuzzy {
            score: 0,
            positions: Vec::new(),
            aligned: true,
        });
    }
    KEY_MATCHER.with_borrow_mut(|m| {
        let KeyMatcher {
            matcher,
            haystack,
            needle: needle_buf,
            indices,
        } = m;
        indices.clear();
        let hay = Utf32Str::new(name, haystack);
        let pattern = Utf32Str::new(needle, needle_buf);
        let score = matcher.fuzzy_indices(hay, pattern, indices)?;
        // nucleo may report indices unsorted for some inputs; alignment reads them in order.
        indices.sort_unstable();
        let aligned = if name.is_ascii() {
            aligned(name.as_bytes(), indices, |b: u8| !b.is_ascii_alphanumeric())
        } else {
            let text: Vec<char> = name.chars().collect();
            aligned(&text, indices, |c: char| !c.is_alphanumeric())
        };
        Some(KeyFuzzy {
            score: i64::from(score),
            positions: if positions {
                indices.iter().map(|&i| i as usize).collect()
            } else {
                Vec::new()
            },
            aligned,
        })
    })
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

/// Does each jump between matched characters land on a word start, or skip at most two
/// characters inside one word (a typo or a dropped letter)? The first character must start a word
/// or a run of three (`join` inside REJOIN_FAILED is fine, one stray letter is not).
fn aligned<T: Copy>(text: &[T], matched: &[u32], is_separator: impl Fn(T) -> bool) -> bool {
    let word_start = |i: usize| i == 0 || is_separator(text[i - 1]);
    let Some(&first) = matched.first() else {
        return true;
    };
    let first = first as usize;
    let mut run = 1;
    let mut in_first_run = true;
    for pair in matched.windows(2) {
        let (p, i) = (pair[0] as usize, pair[1] as usize);
        if p + 1 == i {
            if in_first_run {
                run += 1;
            }
            continue;
        }
        in_first_run = false;
        let small_skip = i - p - 1 <= 2 && !text[p + 1..i].iter().any(|&c| is_separator(c));
        if !(word_start(i) || small_skip) {
            return false;
        }
    }
    word_start(first) || run >= 3.min(matched.len())
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
        key_fuzzy(name, needle, false).map(|m| m.score)
    }

    #[test]
    fn key_scores_prefer_word_starts_and_runs() {
        assert!(score("signal_channel_error", "chanel").is_some());
        assert!(score("signal_channel_error", "xyz").is_none());
        // `join` at a word start and in one run beats the same letters scattered.
        assert!(score("join_room_failed", "join") > score("jxoxixn", "join"));
        let m = key_fuzzy("join_room_failed", "rf", true).unwrap();
        assert_eq!(m.positions, vec![5, 10]);
        assert!(m.aligned);
    }

    #[test]
    fn letters_from_inside_words_are_loose() {
        let m = key_fuzzy("signal_channel_reconnection_failed", "screen", false).unwrap();
        assert!(!m.aligned);
        assert!(
            key_fuzzy("join_room_failed", "joinfail", false)
                .unwrap()
                .aligned
        );
        assert!(key_fuzzy("rejoin_failed", "join", false).unwrap().aligned);
    }

    #[test]
    fn the_highlighted_letters_are_the_ranked_ones() {
        // Asking for positions changes nothing about the score.
        for (name, needle) in [
            ("join_room_failed", "jrf"),
            ("signal_channel_error", "chanel"),
        ] {
            let ranked = key_fuzzy(name, needle, false).unwrap();
            let shown = key_fuzzy(name, needle, true).unwrap();
            assert_eq!((ranked.score, ranked.aligned), (shown.score, shown.aligned));
            assert_eq!(shown.positions.len(), needle.chars().count());
        }
    }

    #[test]
    fn non_ascii_keys_take_the_char_path() {
        let m = key_fuzzy("中文键_名字", "键名", true).unwrap();
        assert_eq!(m.positions, vec![2, 4]);
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

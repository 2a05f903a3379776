//! Pinyin matching, one character at a time.
//!
//! A query matches a run of consecutive Chinese characters when it splits into pieces that are each
//! a prefix of one reading of the next character: `guoqi` = guo|qi, `gq` = g|q, `guoq` = guo|q all
//! find 过期. Matching one long pinyin string of the whole sentence instead would be far too loose.
//! Heteronyms (重: zhong / chong) accept every reading.

use pinyin::ToPinyinMulti;

/// Every toneless reading of a character (a reading may repeat, once per tone), or none for
/// non-Chinese characters. A table look-up, no allocation.
pub fn readings(c: char) -> impl Iterator<Item = &'static str> {
    c.to_pinyin_multi()
        .into_iter()
        .flat_map(|multi| multi.into_iter().map(|p| p.plain()))
}

/// Letters that occur in any reading of `c`, as a bit set over `a..=z`.
pub fn reading_letters(c: char) -> u32 {
    readings(c)
        .flat_map(|r| r.bytes())
        .filter(|b| b.is_ascii_lowercase())
        .fold(0, |mask, b| mask | 1 << (b - b'a'))
}

/// First letters of the readings of `c`, as a bit set over `a..=z`.
pub fn initial_letters(c: char) -> u32 {
    readings(c)
        .filter_map(|r| r.bytes().next())
        .filter(|b| b.is_ascii_lowercase())
        .fold(0, |mask, b| mask | 1 << (b - b'a'))
}

/// A pinyin match: which characters matched, and how well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinyinMatch {
    /// Char indices into the text, consecutive (empty unless positions were asked for).
    pub positions: Vec<usize>,
    /// Higher is better: whole syllables beat initials.
    pub score: i64,
}

/// [`initial_letters`] of every character, computed once per text so that matching can skip
/// characters whose readings cannot start the next piece.
pub fn initials_of(chars: &[char]) -> Vec<u32> {
    chars
        .iter()
        .map(|&c| if c.is_ascii() { 0 } else { initial_letters(c) })
        .collect()
}

fn bit(letter: u8) -> u32 {
    1 << (letter - b'a')
}

/// Finds the best place where `query` (lowercase ASCII letters) spells consecutive characters of
/// `chars` in pinyin. `initials` is [`initials_of`]`(chars)`. No allocation unless `positions` is set.
pub fn find(query: &str, chars: &[char], initials: &[u32], positions: bool) -> Option<PinyinMatch> {
    let q = query.as_bytes();
    if q.is_empty() || !q.iter().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let mut best: Option<(i64, usize, usize)> = None; // (score, start, characters)
    for start in 0..chars.len() {
        if initials.get(start).is_none_or(|&i| i & bit(q[0]) == 0) {
            continue;
        }
        if let Some((whole, pieces)) = spell(q, chars, initials, start) {
            let score = whole as i64 * 100 - pieces as i64 * 10;
            if best.is_none_or(|(s, _, _)| score > s) {
                best = Some((score, start, pieces));
            }
        }
    }
    best.map(|(score, start, pieces)| PinyinMatch {
        positions: if positions {
            (start..start + pieces).collect()
        } else {
            Vec::new()
        },
        score,
    })
}

/// Depth-first: can `q` be spelled starting at character `at`? Longer pieces are tried first, so
/// the first success is the most natural split. Returns (whole syllables, pieces) of that split.
fn spell(q: &[u8], chars: &[char], initials: &[u32], at: usize) -> Option<(usize, usize)> {
    if q.is_empty() {
        return Some((0, 0));
    }
    if initials.get(at)? & bit(q[0]) == 0 {
        return None;
    }
    let &c = chars.get(at)?;
    for reading in readings(c) {
        let r = reading.as_bytes();
        let common = r.iter().zip(q).take_while(|(a, b)| a == b).count();
        for len in (1..=common).rev() {
            if let Some((whole, pieces)) = spell(&q[len..], chars, initials, at + 1) {
                return Some((whole + usize::from(len == r.len()), pieces + 1));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn positions(query: &str, text: &str) -> Option<Vec<usize>> {
        let chars: Vec<char> = text.chars().collect();
        find(query, &chars, &initials_of(&chars), true).map(|m| m.positions)
    }

    #[test]
    fn full_pinyin_and_initials() {
        let text = "userSig 过期，请尝试重新生成";
        assert_eq!(positions("guoqi", text), Some(vec![8, 9]));
        assert_eq!(positions("gq", text), Some(vec![8, 9]));
        assert_eq!(positions("guoq", text), Some(vec![8, 9]));
        assert_eq!(positions("gqi", text), Some(vec![8, 9]));
    }

    #[test]
    fn characters_must_be_consecutive() {
        // 通过工具 ... 期: 过 and 期 are far apart, so no match.
        assert_eq!(positions("guoqi", "通过工具来验证有效期"), None);
        assert_eq!(positions("qianming", "签名计算"), Some(vec![0, 1]));
        assert_eq!(positions("qm", "签名计算"), Some(vec![0, 1]));
    }

    #[test]
    fn heteronyms_accept_every_reading() {
        assert!(positions("chongxin", "请尝试重新生成").is_some());
        assert!(positions("zhongxin", "请尝试重新生成").is_some());
    }

    #[test]
    fn non_letters_never_match() {
        assert_eq!(positions("guo qi", "过期"), None);
        assert_eq!(positions("", "过期"), None);
        assert_eq!(positions("x1", "过期"), None);
    }

    #[test]
    fn whole_syllables_score_higher() {
        let chars: Vec<char> = "过期 个期".chars().collect();
        let m = find("guoqi", &chars, &initials_of(&chars), true).unwrap();
        assert_eq!(m.positions, vec![0, 1]);
    }
}

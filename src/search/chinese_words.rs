//! Chinese is written without spaces: `账号过期` is two words, `账号` and `过期`, that no catalog
//! text has side by side. When such a run matches nothing whole, it is split into the longest
//! pieces the catalog does contain and searched as those words together (AND), as if the user had
//! typed `账号 过期`. One rule for both shells: the split happens in the engine.

use crate::query::{Group, Query, Term, TermKind};

/// Longest piece tried, in chars: catalog words are short, and each try is a substring search.
const MAX_WORD_CHARS: usize = 6;
/// Runs shorter than this are words already.
const MIN_RUN_CHARS: usize = 3;

fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9FFF}').contains(&c)
}

/// The words `run` splits into, longest first from the left, each one that `occurs`. A char no
/// word of two or more chars covers is dropped (the `号过` between `账号` and `过期`). `None` when
/// `run` is not a Han run worth splitting or fewer than two words come out.
pub fn split(run: &str, occurs: impl Fn(&str) -> bool) -> Option<Vec<String>> {
    let chars: Vec<char> = run.chars().collect();
    if chars.len() < MIN_RUN_CHARS || !chars.iter().all(|&c| is_han(c)) {
        return None;
    }
    let mut words = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let longest = (chars.len() - at).min(MAX_WORD_CHARS);
        let found = (2..=longest).rev().find_map(|n| {
            let word: String = chars[at..at + n].iter().collect();
            occurs(&word).then_some((word, n))
        });
        match found {
            Some((word, n)) => {
                words.push(word);
                at += n;
            }
            None => at += 1,
        }
    }
    (words.len() >= 2).then_some(words)
}

/// `query` with every plain Han term that `occurs` nowhere replaced by its words; `None` when
/// nothing was split (the query stands as typed).
pub fn split_query(query: &Query, occurs: impl Fn(&str) -> bool) -> Option<Query> {
    let mut changed = false;
    let groups: Vec<Group> = query
        .groups
        .iter()
        .map(|group| {
            let mut group = group.clone();
            group.terms = group
                .terms
                .iter()
                .flat_map(|term| {
                    let unfound =
                        term.kind == TermKind::Fuzzy && !term.negated && !occurs(&term.text);
                    match unfound.then(|| split(&term.text, &occurs)).flatten() {
                        Some(words) => {
                            changed = true;
                            words
                                .into_iter()
                                .map(|text| Term {
                                    text,
                                    kind: TermKind::Fuzzy,
                                    negated: false,
                                })
                                .collect()
                        }
                        _ => vec![term.clone()],
                    }
                })
                .collect();
            group
        })
        .collect();
    changed.then(|| Query {
        terms: groups.iter().flat_map(|g| g.terms.clone()).collect(),
        groups,
        ..query.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "userSig 过期 账号 不存在 信令通道 建立失败";

    #[test]
    fn a_run_splits_into_the_longest_words_the_text_has() {
        let occurs = |w: &str| TEXT.contains(w);
        assert_eq!(split("账号过期", occurs).unwrap(), ["账号", "过期"]);
        assert_eq!(
            split("信令通道建立失败", occurs).unwrap(),
            ["信令通道", "建立失败"]
        );
        // Whole words and short runs stay as typed; so do runs with one known word only.
        assert_eq!(split("过期", occurs), None);
        assert_eq!(split("过期了吗", occurs), None);
        assert_eq!(split("join过期", occurs), None);
    }

    #[test]
    fn only_plain_terms_that_occur_nowhere_are_split() {
        let occurs = |w: &str| TEXT.contains(w);
        let split_text = |q: &str| {
            split_query(&Query::parse(q), occurs)
                .map(|q| q.terms.iter().map(|t| t.text.clone()).collect::<Vec<_>>())
        };
        assert_eq!(split_text("账号过期 sig").unwrap(), ["账号", "过期", "sig"]);
        assert_eq!(split_text("'账号过期"), None);
        assert_eq!(split_text("!账号过期"), None);
        assert_eq!(split_text("账号"), None);
    }
}

//! Markdown, for tickets and chat. Keys, codes and SDK messages go in code spans (they are pasted
//! back into code and searches); running text is escaped.

use std::fmt::Write;

use crate::explanation::{CodeRef, Explanation, FieldKind, Value};

/// Escapes the characters Markdown would otherwise interpret in running text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A code span that `text` cannot end early: the fence is one backtick longer than the longest
/// run of backticks inside, and padded with spaces when the text starts or ends with one.
pub fn code_span(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn code_ref(r: &CodeRef) -> String {
    if r.title.is_empty() {
        code_span(&r.code())
    } else {
        format!("{} {}", code_span(&r.code()), code_span(&r.title))
    }
}

/// Is this a URL that can be written as an autolink as it is?
fn plain_url(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://"))
        && !text.contains(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '`'))
}

pub fn render(explanation: &Explanation) -> String {
    let mut out = String::new();
    let code = match explanation.code.split_once(' ') {
        // `0x4004 (16388)`: the hex in a span, the decimal as text.
        Some((hex, decimal)) => format!("{} {decimal}", code_span(hex)),
        None => code_span(&explanation.code),
    };
    let _ = write!(out, "### {code}");
    if explanation.has_key {
        let _ = write!(out, " {}", code_span(&explanation.title));
    } else if !explanation.title.is_empty() {
        let _ = write!(out, " {}", escape(&explanation.title));
    }
    out.push_str("\n\n");
    for field in explanation
        .fields
        .iter()
        .filter(|f| !f.kind.is_provenance())
    {
        let value = match (&field.value, field.kind) {
            (Value::Items(items), FieldKind::Aliases | FieldKind::Apis) => items
                .iter()
                .map(|a| code_span(a))
                .collect::<Vec<_>>()
                .join(", "),
            (Value::Items(items), kind) if items.len() > 1 => {
                let mut s = String::new();
                for item in items {
                    let item = if kind == FieldKind::Templates {
                        code_span(item)
                    } else {
                        escape(item)
                    };
                    let _ = write!(s, "\n  - {item}");
                }
                s
            }
            (Value::Items(items), FieldKind::Templates) => code_span(&items.join("")),
            (Value::Codes { codes, total }, _) => {
                let mut s = codes.iter().map(code_ref).collect::<Vec<_>>().join(", ");
                if *total > codes.len() {
                    let _ = write!(s, ", … ({total} in all)");
                }
                s
            }
            (Value::Text(url), FieldKind::Docs) if plain_url(url) => format!("<{url}>"),
            (value, _) => escape(&value.joined()),
        };
        let _ = writeln!(out, "- **{}:** {value}", field.label);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_running_text() {
        assert_eq!(escape("a_b*c|d"), "a\\_b\\*c\\|d");
    }

    #[test]
    fn code_spans_cannot_be_closed_by_their_text() {
        assert_eq!(code_span("KEY"), "`KEY`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`<img>`"), "`` `<img>` ``");
        assert_eq!(code_span("x```y"), "````x```y````");
    }
}

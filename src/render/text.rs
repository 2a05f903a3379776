//! Plain text: a headline, then aligned `Label: value` lines. With colour, the headline is bold and
//! labels are cyan; the words are the same.

use std::fmt::Write;

use crate::explanation::{Explanation, FieldKind, Value};
use crate::text::wrap::wrap_text;
use crate::width::{pad_to, width};

/// Items of these kinds read as one list on a line; others get a line each when there are several.
fn inline_items(kind: FieldKind) -> bool {
    matches!(kind, FieldKind::Aliases | FieldKind::Apis)
}

/// Renders `explanation` for a ticket or a pipe: one line per value, however long.
pub fn render(explanation: &Explanation, color: bool) -> String {
    render_in(explanation, color, None)
}

/// Below this many columns for the value, wrapping would do more harm than the terminal's own.
const NARROWEST_WRAPPED_VALUE: usize = 20;

/// Renders `explanation` for a terminal or a ticket; with `columns`, each value wraps inside its
/// column (a hanging indent under the value, Chinese by 禁则 rules, as the browser wraps it).
/// Provenance (`Source`) is left out: the `Docs` link is what a reader can open; JSON keeps it.
pub fn render_in(explanation: &Explanation, color: bool, columns: Option<usize>) -> String {
    let fields: Vec<_> = explanation
        .fields
        .iter()
        .filter(|f| !f.kind.is_provenance())
        .collect();
    let label_width = fields.iter().map(|f| width(f.label)).max().unwrap_or(0) + 1;
    let mut out = String::new();
    let headline = explanation.headline();
    if color {
        let _ = writeln!(out, "\x1b[1m{headline}\x1b[0m");
    } else {
        let _ = writeln!(out, "{headline}");
    }
    let indent = " ".repeat(label_width);
    // The value starts after two spaces, the label and one space; items after a further "• ".
    let value_columns = columns
        .map(|c| c.saturating_sub(2 + label_width + 1))
        .filter(|&c| c >= NARROWEST_WRAPPED_VALUE);
    let wrap = |text: &str, hang: usize| -> String {
        let Some(value_columns) = value_columns else {
            return text.to_string();
        };
        let continuation = format!("\n  {indent} {}", " ".repeat(hang));
        wrap_text(text, value_columns - hang, value_columns - hang).join(&continuation)
    };
    for field in fields {
        let label = pad_to(&format!("{}:", field.label), label_width);
        let label = if color {
            format!("\x1b[36m{label}\x1b[0m")
        } else {
            label
        };
        match &field.value {
            Value::Items(items) if items.len() > 1 && !inline_items(field.kind) => {
                for (i, item) in items.iter().enumerate() {
                    let lead = if i == 0 { &label } else { &indent };
                    let _ = writeln!(out, "  {lead} • {}", wrap(item, 2));
                }
            }
            Value::Items(items) if inline_items(field.kind) => {
                let _ = writeln!(out, "  {label} {}", wrap(&items.join(", "), 0));
            }
            // A URL cut in two is no longer a link the terminal can open.
            value if field.kind == FieldKind::Docs => {
                let _ = writeln!(out, "  {label} {}", value.joined());
            }
            value => {
                let _ = writeln!(out, "  {label} {}", wrap(&value.joined(), 0));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::explanation::{explain, Lang, View};

    #[test]
    fn text_has_code_both_ways_and_leaves_out_empty_fields() {
        let catalog = Catalog::builtin().unwrap();
        let entry = catalog.find_display("0x4004").unwrap();
        let text = render(&explain(entry, &catalog, &View::default()), false);
        assert!(
            text.starts_with("0x4004 (16388) JOIN_ROOM_FAILED\n"),
            "{text}"
        );
        assert!(text.contains("进房失败"));
        assert!(!text.contains("None"));
        assert!(!text.contains("Aliases"));
        assert!(!text.contains("Source:"), "provenance stays in JSON");
    }

    #[test]
    fn lang_selects_descriptions() {
        let catalog = Catalog::builtin().unwrap();
        let entry = catalog.find_display("70001").unwrap();
        let zh = render(&explain(entry, &catalog, &View::new(Lang::Zh, None)), false);
        let en = render(&explain(entry, &catalog, &View::new(Lang::En, None)), false);
        assert!(zh.contains("userSig 过期") && !zh.contains("Description:"));
        assert!(en.contains("expired") && !en.contains("描述"));
    }

    #[test]
    fn colour_changes_no_words() {
        let catalog = Catalog::builtin().unwrap();
        let entry = catalog.find_display("0x4001").unwrap();
        let e = explain(entry, &catalog, &View::default());
        let plain = render(&e, false);
        let coloured = render(&e, true)
            .replace("\x1b[1m", "")
            .replace("\x1b[36m", "")
            .replace("\x1b[0m", "");
        assert_eq!(plain, coloured);
    }
}

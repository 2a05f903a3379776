//! Plain text: a headline, then aligned `Label: value` lines. With colour, the headline is bold and
//! labels are cyan; the words are the same.

use std::fmt::Write;

use crate::explanation::{Explanation, FieldKind, Value};
use crate::width::{pad_to, width};

/// Items of these kinds read as one list on a line; others get a line each when there are several.
fn inline_items(kind: FieldKind) -> bool {
    matches!(kind, FieldKind::Aliases | FieldKind::Apis)
}

/// Renders `explanation` for a terminal or a ticket. Provenance (`Source`) is left out: the
/// `Docs` link is what a reader can open; JSON keeps the provenance.
pub fn render(explanation: &Explanation, color: bool) -> String {
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
                    let _ = writeln!(out, "  {lead} • {item}");
                }
            }
            Value::Items(items) if inline_items(field.kind) => {
                let _ = writeln!(out, "  {label} {}", items.join(", "));
            }
            value => {
                let _ = writeln!(out, "  {label} {}", value.joined());
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

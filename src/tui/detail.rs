//! The detail pane's content: everything the catalog knows about the selected entry, wrapped to the
//! pane's width. Shared by the view (to draw) and the update logic (to bound scrolling).

use ratatui::text::{Line, Span};

use crate::format;
use crate::tui::app::App;
use crate::tui::text::{styled_chars, wrap_styled};
use crate::tui::theme::Theme;
use crate::width::{pad_to, width};

/// Below this width labels go on their own line above the value.
const SIDE_LABELS_FROM: usize = 36;

pub fn lines(app: &App, columns: usize, theme: &Theme) -> Vec<Line<'static>> {
    let Some(hit) = app.selected_hit() else {
        return vec![Line::styled("Nothing selected", theme.dim())];
    };
    let Some(entry) = app.catalog.get(hit.index) else {
        return Vec::new();
    };
    let lights = app.index.highlights(&app.catalog, hit, &app.hits_query);
    let mut out: Vec<Line<'static>> = Vec::new();

    let mut head = styled_chars(
        &format::code_both_ways(entry),
        &[],
        theme.code().patch(theme.title()),
        theme.highlight(),
    );
    if !entry.title().is_empty() {
        head.push((' ', theme.base()));
        head.push((' ', theme.base()));
        let key_lights = if entry.key.is_some() {
            lights.key.as_slice()
        } else {
            &[]
        };
        head.extend(styled_chars(
            entry.title(),
            key_lights,
            theme.title(),
            theme.highlight(),
        ));
    }
    out.extend(wrap_styled(&head, columns, 2, Vec::new()));
    if let Some(reading) = hit
        .reading
        .as_ref()
        .filter(|r| format::reading_is_informative(entry, r))
    {
        let note = format!(
            "matched {} → {}",
            format::reading_note(reading),
            entry.display
        );
        out.extend(wrap_styled(
            &styled_chars(&note, &[], theme.dim(), theme.dim()),
            columns,
            2,
            Vec::new(),
        ));
    }
    if let Some(mention) = app.mention_for(hit.index) {
        let note = format!(
            "line {}: {}",
            mention.line_number,
            crate::sanitize::sanitize(&mention.line)
        );
        out.extend(wrap_styled(
            &styled_chars(&note, &[], theme.dim(), theme.dim()),
            columns,
            2,
            Vec::new(),
        ));
    }
    out.push(Line::raw(""));

    let fields = format::fields(entry, &app.catalog, app.lang);
    let fields: Vec<_> = fields
        .iter()
        .filter(|f| f.label != "Code" && f.label != "Key")
        .collect();
    let label_width = fields.iter().map(|f| width(f.label)).max().unwrap_or(0) + 2;
    let side = columns >= SIDE_LABELS_FROM;
    for field in fields {
        let positions: &[usize] = match field.label {
            "描述" => &lights.description_zh,
            "Description" => &lights.description_en,
            _ => &[],
        };
        let value = styled_chars(&field.value, positions, theme.base(), theme.highlight());
        if side {
            let label = Span::styled(
                pad_to(&format!("{}:", field.label), label_width),
                theme.label(),
            );
            out.extend(wrap_styled(&value, columns, label_width, vec![label]));
        } else {
            out.push(Line::styled(format!("{}:", field.label), theme.label()));
            out.extend(wrap_styled(&value, columns, 2, vec![Span::raw("  ")]));
        }
    }
    out
}

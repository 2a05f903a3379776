//! The detail pane's model: the selected entry's explanation, wrapped to the pane's width. The app
//! state owns it and rebuilds it only when what it shows changes (selection, language, width,
//! query, paste); the view only reads its lines, and scrolling is bounded by its length.

use ratatui::text::{Line, Span};

use crate::explanation::{self, Explanation, FieldKind, Lang, Value};
use crate::mentions::Mention;
use crate::query::Query;
use crate::render;
use crate::search::{Engine, Hit};
use crate::tui::text::{styled_chars, wrap_styled};
use crate::tui::theme::Theme;
use crate::width::{pad_to, width};

/// Below this width labels go on their own line above the value.
const SIDE_LABELS_FROM: usize = 36;

/// What the lines were built from: when any of it changes, they are rebuilt.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DetailKey {
    pub entry: Option<usize>,
    pub lang: Option<Lang>,
    pub columns: usize,
    pub query: String,
    pub color: bool,
    pub mention_line: Option<usize>,
}

/// The lines the view draws.
#[derive(Debug, Clone, Default)]
pub struct DetailModel {
    pub key: DetailKey,
    pub lines: Vec<Line<'static>>,
    /// The selected entry's explanation (related codes for jumping), when something is selected.
    pub explanation: Option<Explanation>,
}

/// Everything one build needs.
pub struct DetailInput<'a> {
    pub engine: &'a Engine,
    pub hit: Option<&'a Hit>,
    pub query: &'a Query,
    pub lang: Lang,
    pub mention: Option<&'a Mention>,
    pub columns: usize,
    pub theme: Theme,
}

pub fn build(input: &DetailInput) -> DetailModel {
    let key = DetailKey {
        entry: input.hit.map(|h| h.index),
        lang: Some(input.lang),
        columns: input.columns,
        query: input.query.text.clone(),
        color: input.theme.color,
        mention_line: input.mention.map(|m| m.line_number),
    };
    let theme = &input.theme;
    let Some(hit) = input.hit else {
        return DetailModel {
            key,
            lines: vec![Line::styled("Nothing selected", theme.dim())],
            explanation: None,
        };
    };
    let catalog = input.engine.catalog();
    let Some(entry) = catalog.get(hit.index) else {
        return DetailModel::default();
    };
    let columns = input.columns;
    let lights = input.engine.highlights(hit, input.query);
    let e = explanation::explain(entry, catalog, input.lang);
    let mut out: Vec<Line<'static>> = Vec::new();

    let mut head = styled_chars(
        &e.code,
        &[],
        theme.code().patch(theme.title()),
        theme.highlight(),
    );
    if !e.title.is_empty() {
        head.push((' ', theme.base()));
        head.push((' ', theme.base()));
        let key_lights = if e.has_key {
            lights.key.as_slice()
        } else {
            &[]
        };
        head.extend(styled_chars(
            &e.title,
            key_lights,
            theme.title(),
            theme.highlight(),
        ));
    }
    out.extend(wrap_styled(&head, columns, 2, Vec::new()));
    let dim_note = |out: &mut Vec<Line<'static>>, note: &str| {
        out.extend(wrap_styled(
            &styled_chars(note, &[], theme.dim(), theme.dim()),
            columns,
            2,
            Vec::new(),
        ));
    };
    if let Some(reading) = hit
        .reading
        .as_ref()
        .filter(|r| render::reading_is_informative(entry, r))
    {
        dim_note(
            &mut out,
            &format!(
                "matched {} → {}",
                render::reading_note(reading),
                entry.display
            ),
        );
    }
    if let Some(mention) = input.mention {
        dim_note(
            &mut out,
            &format!(
                "line {}: {}  [{}]",
                mention.line_number,
                crate::sanitize::sanitize(&mention.line),
                mention.evidence.describe()
            ),
        );
    }
    out.push(Line::raw(""));

    let label_width = e.fields.iter().map(|f| width(f.label)).max().unwrap_or(0) + 2;
    let side = columns >= SIDE_LABELS_FROM;
    for field in &e.fields {
        let positions: &[usize] = match field.kind {
            FieldKind::DescriptionZh => &lights.description_zh,
            FieldKind::DescriptionEn => &lights.description_en,
            _ => &[],
        };
        let style = if field.kind.is_provenance() {
            theme.dim()
        } else {
            theme.base()
        };
        let items: Vec<String> = match &field.value {
            Value::Items(items) if items.len() > 1 && field.kind != FieldKind::Aliases => {
                items.iter().map(|i| format!("• {i}")).collect()
            }
            value => vec![value.joined()],
        };
        for (n, item) in items.iter().enumerate() {
            let value = styled_chars(
                item,
                if n == 0 { positions } else { &[] },
                style,
                theme.highlight(),
            );
            if side {
                let label = if n == 0 {
                    pad_to(&format!("{}:", field.label), label_width)
                } else {
                    " ".repeat(label_width)
                };
                out.extend(wrap_styled(
                    &value,
                    columns,
                    label_width + if n == 0 && items.len() == 1 { 0 } else { 2 },
                    vec![Span::styled(label, theme.label())],
                ));
            } else {
                if n == 0 {
                    out.push(Line::styled(format!("{}:", field.label), theme.label()));
                }
                out.extend(wrap_styled(&value, columns, 2, vec![Span::raw("  ")]));
            }
        }
    }
    DetailModel {
        key,
        lines: out,
        explanation: Some(e),
    }
}

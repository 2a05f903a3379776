//! The detail pane's model: the selected entry's explanation, wrapped to the pane's width. The app
//! state owns it and rebuilds it only when what it shows changes (selection, language, width,
//! query, paste); the view only reads its lines, and scrolling is bounded by its length.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::catalog::{key_in, SdkVersion};
use crate::explanation::{self, CodeRef, Explanation, FieldKind, Lang, Value, View};
use crate::mentions::Mention;
use crate::query::Query;
use crate::render;
use crate::search::{Engine, Hit};
use crate::tui::text::{styled_chars, to_spans, wrap_ranges, wrap_styled};
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
    /// How often the paste named the code and its last line: the note says so when it repeats.
    pub mention_seen: Option<(usize, usize)>,
    pub version: Option<SdkVersion>,
}

/// A related or "referenced by" code in the pane, which the user can follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Catalog index of the code it names.
    pub target: usize,
    /// `0x4004 JOIN_ROOM_FAILED`, for the status line.
    pub label: String,
    /// Where it is drawn; a label wrapped over two lines has two segments.
    pub segments: Vec<Segment>,
}

/// Columns `start..end` of one line of the pane (0 = the pane's first content line and column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

impl Link {
    pub fn contains(&self, line: usize, column: usize) -> bool {
        self.segments
            .iter()
            .any(|s| s.line == line && (s.start..s.end).contains(&column))
    }
}

/// The lines the view draws.
#[derive(Debug, Clone, Default)]
pub struct DetailModel {
    pub key: DetailKey,
    pub lines: Vec<Line<'static>>,
    /// The codes the pane links to, in reading order.
    pub links: Vec<Link>,
    /// The selected entry's explanation, when something is selected.
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
    /// The SDK version in force (`@4.4.0`): keys are shown as that version spells them.
    pub version: Option<SdkVersion>,
}

/// Codes as one line of text, with the char range each linkable code takes.
fn codes_text(codes: &[CodeRef], total: usize) -> (String, Vec<(usize, usize, usize)>) {
    let mut text = String::new();
    let mut ranges = Vec::new();
    for (n, code) in codes.iter().enumerate() {
        if n > 0 {
            text.push_str(", ");
        }
        let start = text.chars().count();
        text.push_str(&crate::sanitize::sanitize(&code.label()));
        if let Some(target) = code.index {
            ranges.push((start, text.chars().count(), target));
        }
    }
    if total > codes.len() {
        text.push_str(&format!(", … ({total} in all)"));
    }
    (text, ranges)
}

/// Wraps `chars` like [`wrap_styled`] onto `out`, recording where each of `link_ranges` (char
/// ranges with their target) lands.
fn push_linked(
    out: &mut Vec<Line<'static>>,
    links: &mut Vec<Link>,
    chars: &[(char, Style)],
    link_ranges: &[(usize, usize, usize)],
    columns: usize,
    indent: usize,
    prefix: Vec<Span<'static>>,
) {
    let prefix_width: usize = prefix.iter().map(|s| width(&s.content)).sum();
    let ranges = wrap_ranges(
        chars,
        columns.saturating_sub(prefix_width),
        columns.saturating_sub(indent),
    );
    let first_link = links.len();
    for &(start, end, target) in link_ranges {
        links.push(Link {
            target,
            label: chars[start..end].iter().map(|(c, _)| c).collect(),
            segments: Vec::new(),
        });
    }
    for (n, &(a, b)) in ranges.iter().enumerate() {
        let lead = if n == 0 { prefix_width } else { indent };
        let line = out.len();
        for (k, &(ls, le, _)) in link_ranges.iter().enumerate() {
            let (from, to) = (ls.max(a), le.min(b));
            if from < to {
                let cols = |x: usize, y: usize| -> usize {
                    chars[x..y]
                        .iter()
                        .map(|(c, _)| crate::width::char_width(*c))
                        .sum()
                };
                let start = lead + cols(a, from);
                links[first_link + k].segments.push(Segment {
                    line,
                    start,
                    end: start + cols(from, to),
                });
            }
        }
        let mut spans = if n == 0 {
            prefix.clone()
        } else {
            vec![Span::raw(" ".repeat(indent))]
        };
        spans.extend(to_spans(&chars[a..b]));
        out.push(Line::from(spans));
    }
}

pub fn build(input: &DetailInput) -> DetailModel {
    let key = DetailKey {
        entry: input.hit.map(|h| h.index),
        lang: Some(input.lang),
        columns: input.columns,
        query: input.query.text.clone(),
        color: input.theme.color,
        mention_line: input.mention.map(|m| m.line_number),
        mention_seen: input.mention.map(|m| (m.seen.count, m.seen.last_line)),
        version: input.version,
    };
    let theme = &input.theme;
    let Some(hit) = input.hit else {
        return DetailModel {
            key,
            lines: vec![Line::styled("Nothing selected", theme.dim())],
            links: Vec::new(),
            explanation: None,
        };
    };
    let catalog = input.engine.catalog();
    let Some(entry) = catalog.get(hit.index) else {
        return DetailModel::default();
    };
    let columns = input.columns;
    let lights = input.engine.highlights(hit, input.query);
    let e = explanation::explain(entry, catalog, &View::new(input.lang, input.version));
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
                entry.display()
            ),
        );
    }
    if let Some((v, spelled)) = input
        .version
        .and_then(|v| key_in(entry, v).map(|k| (v, k)))
        .filter(|(_, k)| Some(*k) != entry.key.as_deref())
    {
        dim_note(&mut out, &format!("SDK {v} spells the key {spelled}"));
    }
    if let Some(mention) = input.mention {
        dim_note(
            &mut out,
            &format!(
                "line {}: {}  [{}]",
                mention.line_number,
                crate::sanitize::sanitize(&mention.line),
                mention.evidence.note()
            ),
        );
        // The same words `explain` says beside a repeated code.
        if let Some(repeats) = mention.seen.repeats() {
            dim_note(&mut out, &repeats);
        }
    }
    out.push(Line::raw(""));

    let label_width = e.fields.iter().map(|f| width(f.label)).max().unwrap_or(0) + 2;
    let side = columns >= SIDE_LABELS_FROM;
    let mut links: Vec<Link> = Vec::new();
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
        if let Value::Codes { codes, total } = &field.value {
            let (text, ranges) = codes_text(codes, *total);
            let mut chars = styled_chars(&text, &[], style, style);
            for &(a, b, _) in &ranges {
                for c in &mut chars[a..b] {
                    c.1 = theme.link();
                }
            }
            let (indent, prefix) = if side {
                let label = pad_to(&format!("{}:", field.label), label_width);
                (label_width, vec![Span::styled(label, theme.label())])
            } else {
                out.push(Line::styled(format!("{}:", field.label), theme.label()));
                (2, vec![Span::raw("  ")])
            };
            push_linked(
                &mut out, &mut links, &chars, &ranges, columns, indent, prefix,
            );
            continue;
        }
        if field.kind == FieldKind::Docs {
            push_urls(&mut out, field, &style, theme, columns, side, label_width);
            continue;
        }
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
        links,
        explanation: Some(e),
    }
}

/// Doc addresses are never wrapped inside, so the terminal still sees each as one link: beside
/// the label when it fits, else on a line of its own from the pane's left edge, else cut with a
/// mark (Ctrl-O opens it; Ctrl-F gives the pane the width to show it whole).
fn push_urls(
    out: &mut Vec<Line<'static>>,
    field: &crate::explanation::Field,
    style: &ratatui::style::Style,
    theme: &Theme,
    columns: usize,
    side: bool,
    label_width: usize,
) {
    let urls: Vec<String> = match &field.value {
        Value::Items(items) => items.clone(),
        value => vec![value.joined()],
    };
    let label = format!("{}:", field.label);
    for (n, url) in urls.iter().enumerate() {
        let url = crate::sanitize::sanitize(url).into_owned();
        let url_width = width(&url);
        let head = if n == 0 {
            pad_to(&label, label_width)
        } else {
            " ".repeat(label_width)
        };
        if side && label_width + url_width <= columns {
            out.push(Line::from(vec![
                Span::styled(head, theme.label()),
                Span::styled(url, *style),
            ]));
            continue;
        }
        if n == 0 {
            out.push(Line::styled(label.clone(), theme.label()));
        }
        let shown = if url_width <= columns {
            url
        } else {
            crate::width::truncate(&url, columns)
        };
        out.push(Line::styled(shown, *style));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Catalog, Scope};

    /// The pane shows the core's explanation for the same view: the version's spelling, the 5.x
    /// note, the field order are what `show` prints.
    #[test]
    fn the_pane_shows_the_explanation_show_prints() {
        let engine = Engine::new(Catalog::builtin().unwrap());
        for (code, version) in [("0x4001", "4.4.0"), ("5400", "5.8.6")] {
            let version = SdkVersion::parse(version);
            let hit = engine.lookup(code, Scope::default()).remove(0);
            let model = build(&DetailInput {
                engine: &engine,
                hit: Some(&hit),
                query: &Query::default(),
                lang: Lang::En,
                mention: None,
                columns: 80,
                theme: Theme { color: false },
                version,
            });
            let catalog = engine.catalog();
            let entry = &catalog.entries()[hit.index];
            let expected = explanation::explain(entry, catalog, &View::new(Lang::En, version));
            assert_eq!(model.explanation.as_ref(), Some(&expected), "{code}");
        }
    }
}

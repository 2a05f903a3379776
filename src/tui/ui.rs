//! The view: draws the app's state. It reads state and never changes it.

use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use crate::render::rows::result_row;
use crate::sanitize::sanitize;
use crate::tui::app::{line_label, unknown_label, App, Source, HELP_WIDTH};
use crate::tui::keys::{footer_hints, help_line_count, BINDINGS, HELP_FOOTNOTES};
use crate::tui::layout::{filter_tabs, help_popup, Layout, MIN_HEIGHT, MIN_WIDTH};
use crate::tui::text::{fit, styled_chars, to_spans, truncate_styled};
use crate::tui::theme::Theme;
use crate::width::{truncate, width};

const PROMPT: &str = "› ";

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let layout = app.layout_in(area.width, area.height);
    let theme = Theme { color: app.color };
    if layout.too_small {
        draw_too_small(frame, area, &theme);
        return;
    }
    draw_search(frame, app, &layout, &theme);
    draw_list(frame, app, &layout, &theme);
    draw_detail(frame, app, &layout, &theme);
    draw_footer(frame, app, &layout, &theme);
    if app.help().is_open() {
        draw_help(frame, app, area, &theme);
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let lines = [
        "Terminal too small".to_string(),
        format!(
            "need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}",
            area.width, area.height
        ),
        // Esc never quits; say what does.
        "Ctrl-C quits".to_string(),
    ];
    let text: Vec<Line> = lines
        .iter()
        .take(usize::from(area.height))
        .map(|l| Line::styled(truncate(l, usize::from(area.width)), theme.warning()))
        .collect();
    frame.render_widget(Paragraph::new(text), area);
}

fn draw_search(frame: &mut Frame, app: &App, layout: &Layout, theme: &Theme) {
    let area = layout.search;
    let total = width_usize(area);
    let counts = app.counts_text();
    let tabs = filter_tabs(area, app.query_line.filter, width(&counts));
    let mut right: Vec<Span> = tabs
        .iter()
        .map(|t| {
            let style = if t.active {
                theme.active_tab()
            } else {
                theme.dim()
            };
            Span::styled(t.label.clone(), style)
        })
        .collect();
    right.push(Span::styled(counts, theme.base()));
    let right_width: usize = right.iter().map(|s| width(&s.content)).sum();

    let prompt_width = width(PROMPT);
    let avail = total.saturating_sub(prompt_width + right_width + 1);
    let visible = app.query_line.input.visible(avail.max(1));
    let shown = if let Source::Pasted {
        mentions,
        unknown,
        lines,
    } = &app.query_line.source
    {
        // The codes the catalog lacks have no row: they are named here, by number and line.
        let found = match (mentions.len(), unknown_label(unknown)) {
            (0, Some(l)) => sanitize(&l).into_owned(),
            (n, Some(l)) => format!("{}, {}", plural(n, "code"), sanitize(&l)),
            (n, None) => plural(n, "code"),
        };
        Span::styled(
            truncate(
                &format!(
                    "({found} from {lines} pasted line{} · Esc back)",
                    if *lines == 1 { "" } else { "s" }
                ),
                avail,
            ),
            theme.dim(),
        )
    } else if app.query_line.input.is_empty() {
        Span::styled(
            truncate("code, key, 中文, pinyin or English — ? help", avail),
            theme.dim(),
        )
    } else {
        Span::raw(truncate(&sanitize(&visible.text), avail))
    };
    let shown_width = width(&shown.content);
    let mut spans = vec![Span::styled(PROMPT, theme.label()), shown];
    spans.push(Span::raw(" ".repeat(
        total.saturating_sub(prompt_width + shown_width + right_width),
    )));
    spans.extend(right);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if !app.help().is_open() {
        let x = area.x as usize + prompt_width + visible.cursor_column.min(avail);
        frame.set_cursor_position(Position::new(x.min(u16::MAX as usize) as u16, area.y));
    }
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn width_usize(area: Rect) -> usize {
    usize::from(area.width)
}

/// Columns of description every list row keeps, however long the keys beside it.
const DESCRIPTION_MIN: usize = 12;
/// Columns a cut key keeps: enough to recognise `ERR_SERVER_…`.
const KEY_MIN: usize = 12;

fn draw_list(frame: &mut Frame, app: &App, layout: &Layout, theme: &Theme) {
    if layout.list.is_empty() {
        return; // the detail pane has the whole body (Ctrl-F)
    }
    let position = if app.results.hits.is_empty() {
        String::new()
    } else {
        format!("· {}/{} ", app.results.selected + 1, app.results.hits.len())
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(
            truncate(
                &format!(" Codes {position}"),
                width_usize(layout.list).saturating_sub(2),
            ),
            theme.title(),
        ));
    let inner = layout.list_inner();
    frame.render_widget(block, layout.list);
    let columns = width_usize(inner);
    if app.results.hits.is_empty() {
        let message = match (
            &app.query_line.source,
            app.query_line.filter.family,
            app.query_line.version,
        ) {
            // Only codes the catalog lacks: the query line names them.
            (Source::Pasted { unknown, .. }, _, _) if !unknown.is_empty() => {
                "No code the catalog explains".to_string()
            }
            (Source::Pasted { .. }, _, _) => "No known code in the pasted text".to_string(),
            (_, _, Some(v)) if app.results.hits_query.text.is_empty() => {
                format!(
                    "SDK {v} defines no code in {}",
                    app.query_line.filter.label()
                )
            }
            (_, None, _) => format!("No match for “{}”", sanitize(&app.results.hits_query.text)),
            (_, _, _) => format!(
                "No match in {} — Tab shows other families",
                app.query_line.filter.label()
            ),
        };
        let line = Line::styled(truncate(&message, columns), theme.dim());
        frame.render_widget(Paragraph::new(line), inner);
        return;
    }
    let rows = usize::from(inner.height);
    let visible = app
        .results
        .hits
        .iter()
        .enumerate()
        .skip(app.results.list_offset)
        .take(rows);
    let entries = app.catalog().entries();
    // Widths measured over every hit when the hits changed, so scrolling never shifts a column.
    // The key keeps its full width when it can, but one long key (a native
    // ERR_SERVER_CENTER_…) is cut (with a mark) before the descriptions disappear: every row
    // keeps a readable slice of what its code means.
    let widths = app.results.row_widths;
    let line_column = app.line_column_width();
    let fixed = 2 + line_column + widths.family + 2 + widths.code + 2;
    let after_code = columns.saturating_sub(fixed);
    // Short descriptions (进房失败) leave the rest of their slice to the key.
    let description_need = app
        .results
        .hits
        .iter()
        .skip(app.results.list_offset)
        .take(rows)
        .map(|h| {
            let e = &entries[h.index];
            match (app.lang, &e.description.en) {
                (crate::explanation::Lang::En, Some(en)) => width(en),
                _ => width(&e.description.zh),
            }
        })
        .max()
        .unwrap_or(0)
        .min(DESCRIPTION_MIN);
    let key_width = widths.key.min(
        after_code
            .saturating_sub(description_need + 2)
            .max(KEY_MIN.min(after_code)),
    );

    let mut lines: Vec<Line> = Vec::with_capacity(rows);
    for (i, hit) in visible {
        let entry = &entries[hit.index];
        let selected = i == app.results.selected;
        let lights = app.engine.highlights(hit, &app.results.hits_query);
        // The line number has a column of its own (below), so it is never the tag cut first.
        let mention_label = app.mention_for(hit.index).map(line_label);
        let view = crate::explanation::View::new(app.lang, app.query_line.version);
        let row = result_row(entry, hit, lights, &view, None)
            .with_same_code_count(app.engine.catalog(), hit.index);
        let base = if selected {
            theme.selected()
        } else {
            theme.base()
        };
        let hl = if selected {
            theme.highlight().patch(theme.selected())
        } else {
            theme.highlight()
        };
        let dim = if selected { base } else { theme.dim() };
        let marker = match (selected, app.is_marked(hit.index)) {
            (true, true) => "▶*",
            (true, false) => "▶ ",
            (false, true) => " *",
            (false, false) => "  ",
        };
        let mut spans: Vec<Span> = vec![Span::styled(marker, base)];
        if line_column > 0 {
            let label = mention_label.unwrap_or_default();
            let pad = line_column.saturating_sub(width(&label));
            spans.push(Span::styled(format!("{label}{}", " ".repeat(pad)), dim));
        }
        let cell = |spans: &mut Vec<Span<'static>>, chars: Vec<(char, Style)>, w: usize| {
            let (cut, used) = truncate_styled(&chars, w, base);
            spans.extend(cut);
            spans.push(Span::styled(" ".repeat(w - used.min(w) + 2), base));
        };
        cell(
            &mut spans,
            styled_chars(row.family.as_str(), &[], dim, dim),
            widths.family,
        );
        cell(
            &mut spans,
            styled_chars(
                &row.code,
                &row.code_lights,
                base.patch(if selected { base } else { theme.code() }),
                hl,
            ),
            widths.code,
        );
        let mut used_so_far = fixed;
        // A keyless row (account codes) leaves the key column blank, so every description starts
        // in the same column.
        if widths.key > 0 {
            cell(
                &mut spans,
                styled_chars(&sanitize(&row.key), &row.key_lights, base, hl),
                key_width,
            );
            used_so_far += key_width + 2;
        }
        for tag in &row.tags {
            let tag = format!("{tag} ");
            if used_so_far + width(&tag) < columns {
                used_so_far += width(&tag);
                spans.push(Span::styled(tag, dim));
            }
        }
        let desc = styled_chars(
            &sanitize(&row.description),
            &row.description_lights,
            base,
            hl,
        );
        let room = columns.saturating_sub(used_so_far);
        let (desc_spans, used) = truncate_styled(&desc, room, base);
        spans.extend(desc_spans);
        if selected {
            spans.push(Span::styled(" ".repeat(room - used.min(room)), base));
        }
        // Cut the whole row to the pane, in case the columns above did not fit a tiny width.
        lines.push(clip_line(spans, columns));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Keeps at most `columns` columns of a line, never splitting a wide character.
fn clip_line(spans: Vec<Span<'static>>, columns: usize) -> Line<'static> {
    let mut out = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = width(&span.content);
        if used + w <= columns {
            used += w;
            out.push(span);
            continue;
        }
        let chars: Vec<(char, ratatui::style::Style)> =
            span.content.chars().map(|c| (c, span.style)).collect();
        let mut kept = Vec::new();
        for (c, s) in chars {
            let cw = crate::width::char_width(c);
            if used + cw > columns {
                break;
            }
            used += cw;
            kept.push((c, s));
        }
        out.extend(to_spans(&kept));
        break;
    }
    Line::from(out)
}

/// ` ↑ more` / ` ↓ more` marks for a pane scrolled to `scroll` of `max`.
fn more_marks(scroll: usize, max: usize) -> String {
    let mut marks = String::new();
    if scroll > 0 {
        marks.push_str("↑ more ");
    }
    if scroll < max {
        marks.push_str("↓ more ");
    }
    marks
}

fn draw_detail(frame: &mut Frame, app: &App, layout: &Layout, theme: &Theme) {
    let inner = layout.detail_inner();
    let lines = &app.detail().model().lines;
    let max_scroll = lines.len().saturating_sub(usize::from(inner.height));
    let scroll = app.detail().scroll().min(max_scroll);
    let title = format!(
        " Detail · {} {}",
        app.lang.label(),
        more_marks(scroll, max_scroll)
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(
            truncate(&title, width_usize(layout.detail).saturating_sub(2)),
            theme.title(),
        ));
    frame.render_widget(block, layout.detail);
    let shown: Vec<Line> = lines
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .cloned()
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
    // The link Enter would follow, marked over the model's own styling.
    if let Some(link) = app
        .detail()
        .focused_link()
        .and_then(|n| app.detail().model().links.get(n))
    {
        for segment in &link.segments {
            let Some(row) = segment.line.checked_sub(scroll) else {
                continue;
            };
            if row >= usize::from(inner.height) || segment.start >= usize::from(inner.width) {
                continue;
            }
            let end = segment.end.min(usize::from(inner.width));
            let rect = Rect::new(
                inner.x + segment.start as u16,
                inner.y + row as u16,
                (end - segment.start) as u16,
                1,
            );
            frame.buffer_mut().set_style(rect, theme.focused_link());
        }
    }
}

fn draw_footer(frame: &mut Frame, app: &App, layout: &Layout, theme: &Theme) {
    let area = layout.footer;
    let columns = width_usize(area);
    let hints = footer_hints(|words| {
        words
            .replace("{filter}", &app.query_line.filter.next().label())
            .replace(
                "{help}",
                if app.query_line.input.is_empty() {
                    "?"
                } else {
                    "F1"
                },
            )
            .replace(
                "{full}",
                if app.detail().is_full() {
                    "list"
                } else {
                    "full"
                },
            )
            .replace(
                "{enter}",
                &match app.pick() {
                    Some(_) => "pick".to_string(),
                    None => format!("copy ({})", app.copy_format.as_str()),
                },
            )
            .replace("{lang}", app.lang.label())
            .replace(
                "{esc}",
                if app.pick().is_some() {
                    "cancel"
                } else {
                    app.escape_does().unwrap_or("")
                },
            )
    });
    // A hint whose state leaves it nothing to say (Esc with nothing to step back from) is left out.
    let hints = hints.into_iter().filter(|h| !h.ends_with(' '));
    // As many hints as fit whole, in priority order: a cut hint helps nobody.
    let mut line = String::new();
    for hint in hints {
        if width(&line) + 2 + width(&hint) > columns {
            break;
        }
        line.push(' ');
        line.push_str(&hint);
        line.push(' ');
    }
    let status = app.status.as_deref().map(sanitize).unwrap_or_default();
    let lines: Vec<Line> = if area.height >= 2 {
        vec![
            Line::styled(fit(&line, columns), theme.dim()),
            Line::styled(fit(&format!(" {status}"), columns), theme.title()),
        ]
    } else if status.is_empty() {
        vec![Line::styled(fit(&line, columns), theme.dim())]
    } else {
        vec![Line::styled(
            fit(&format!(" {status}"), columns),
            theme.title(),
        )]
    };
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_help(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let key_width = BINDINGS
        .iter()
        .map(|b| width(&b.keys_text()))
        .max()
        .unwrap_or(0);
    let popup = help_popup(area, HELP_WIDTH, help_line_count());
    // A wide character whose right half sits under the popup's left border would swallow the border
    // when the terminal redraws: blank the cell to the popup's left first.
    // Where only a column or two is left beside the popup, those cells are blanked too: a stray
    // piece of a pane's border next to the popup's own (`┐┐`) reads as a drawing error.
    {
        let buf = frame.buffer_mut();
        let narrow = |margin: u16| margin <= 2;
        let left = if narrow(popup.x - area.x) {
            area.x
        } else {
            popup.x.saturating_sub(1).max(area.x)
        };
        let right = if narrow(area.right() - popup.right()) {
            area.right()
        } else {
            popup.right()
        };
        for y in popup.y..popup.y + popup.height {
            for x in (left..popup.x).chain(popup.right()..right) {
                if let Some(cell) = buf.cell_mut(Position::new(x, y)) {
                    cell.reset();
                }
            }
        }
    }
    frame.render_widget(Clear, popup);
    let inner = Rect::new(
        popup.x + 1,
        popup.y + 1,
        popup.width.saturating_sub(2),
        popup.height.saturating_sub(2),
    );
    let rows = usize::from(inner.height);
    let max_scroll = help_line_count().saturating_sub(rows);
    let scroll = app.help().scroll().min(max_scroll);
    let title = format!(
        " Keys {}· any other key closes ",
        more_marks(scroll, max_scroll)
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(
            truncate(&title, width_usize(popup).saturating_sub(2)),
            theme.title(),
        ));
    frame.render_widget(block, popup);
    let columns = width_usize(inner);
    let mut lines: Vec<Line> = BINDINGS
        .iter()
        .map(|b| {
            let key = fit(&b.keys_text(), key_width + 2);
            let line = vec![Span::styled(key, theme.label()), Span::raw(b.does)];
            clip_line(line, columns)
        })
        .collect();
    lines.push(Line::raw(""));
    for note in HELP_FOOTNOTES {
        lines.push(clip_line(vec![Span::styled(*note, theme.dim())], columns));
    }
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(rows).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

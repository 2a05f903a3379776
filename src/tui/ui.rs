//! The view: draws the app's state. It reads state and never changes it.

use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use crate::catalog::Family;
use crate::render::rows::result_row;
use crate::tui::app::{App, Filter, Source};
use crate::tui::keys::BINDINGS;
use crate::tui::layout::{Layout, MIN_HEIGHT, MIN_WIDTH};
use crate::tui::text::{fit, styled_chars, to_spans, truncate_styled};
use crate::tui::theme::Theme;
use crate::width::{truncate, width};

const PROMPT: &str = "› ";

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let layout = Layout::new(area.width, area.height);
    let theme = Theme { color: app.color };
    if layout.too_small {
        draw_too_small(frame, area, &theme);
        return;
    }
    draw_search(frame, app, &layout, &theme);
    draw_list(frame, app, &layout, &theme);
    draw_detail(frame, app, &layout, &theme);
    draw_footer(frame, app, &layout, &theme);
    if app.help_open {
        draw_help(frame, area, &theme);
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let lines = [
        "Terminal too small".to_string(),
        format!(
            "need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}",
            area.width, area.height
        ),
        "Esc quits".to_string(),
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
    let count = if app.searching {
        format!("…/{}", app.catalog().len())
    } else {
        format!("{}/{}", app.hits.len(), app.catalog().len())
    };
    let mut right: Vec<Span> = Vec::new();
    if total >= 60 {
        // One tab per family; a kind filter shows in its family's tab.
        let tabs = std::iter::once(None).chain(Family::ALL.into_iter().map(Some));
        for family in tabs {
            let active = app.filter.family == family;
            let label = if active {
                app.filter.label()
            } else {
                Filter {
                    family,
                    category: None,
                }
                .label()
            };
            let style = if active {
                theme.active_tab()
            } else {
                theme.dim()
            };
            right.push(Span::styled(format!(" {label} "), style));
        }
    } else {
        right.push(Span::styled(
            format!(" {} ", app.filter.label()),
            theme.active_tab(),
        ));
    }
    right.push(Span::raw(format!("  {count} ")));
    let right_width: usize = right.iter().map(|s| width(&s.content)).sum();

    let prompt_width = width(PROMPT);
    let avail = total.saturating_sub(prompt_width + right_width + 1);
    // Scroll the query horizontally so the cursor stays visible.
    let chars: Vec<char> = app.query.chars().collect();
    let cursor_col = app.cursor_column();
    let mut skip_cols = 0;
    let mut skip = 0;
    while cursor_col - skip_cols >= avail.max(1) && skip < chars.len() {
        skip_cols += crate::width::char_width(chars[skip]);
        skip += 1;
    }
    let visible: String = chars[skip..].iter().collect();
    let shown = if let Source::Pasted { lines, .. } = &app.source {
        Span::styled(
            truncate(&format!("(codes from {lines} pasted lines)"), avail),
            theme.dim(),
        )
    } else if app.query.is_empty() {
        Span::styled(
            truncate("code, key, 中文, pinyin or English — F1 help", avail),
            theme.dim(),
        )
    } else {
        Span::raw(truncate(&visible, avail))
    };
    let shown_width = width(&shown.content);
    let mut spans = vec![Span::styled(PROMPT, theme.label()), shown];
    spans.push(Span::raw(" ".repeat(
        total.saturating_sub(prompt_width + shown_width + right_width),
    )));
    spans.extend(right);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if !app.help_open {
        let x = area.x as usize + prompt_width + (cursor_col - skip_cols).min(avail);
        frame.set_cursor_position(Position::new(x.min(u16::MAX as usize) as u16, area.y));
    }
}

fn width_usize(area: Rect) -> usize {
    usize::from(area.width)
}

fn draw_list(frame: &mut Frame, app: &App, layout: &Layout, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(" Codes ", theme.title()));
    let inner = layout.list_inner();
    frame.render_widget(block, layout.list);
    let columns = width_usize(inner);
    if app.hits.is_empty() {
        let message = match (&app.source, app.filter.family) {
            (Source::Pasted { .. }, _) => "No known code in the pasted text".to_string(),
            (_, None) => format!("No match for “{}”", app.query),
            (_, _) => format!(
                "No match in {} — Tab shows other families",
                app.filter.label()
            ),
        };
        let line = Line::styled(truncate(&message, columns), theme.dim());
        frame.render_widget(Paragraph::new(line), inner);
        return;
    }
    let rows = usize::from(inner.height);
    let visible = app.hits.iter().enumerate().skip(app.list_offset).take(rows);
    let entries = app.catalog().entries();
    // Widths measured over every hit when the hits changed, so scrolling never shifts a column.
    let widths = app.row_widths;
    let key_width = widths
        .key
        .min(columns.saturating_sub(widths.family + widths.code + 8) * 3 / 5);

    let mut lines: Vec<Line> = Vec::with_capacity(rows);
    for (i, hit) in visible {
        let entry = &entries[hit.index];
        let selected = i == app.selected;
        let lights = app.engine.highlights(hit, &app.hits_query);
        let mention_line = app.mention_for(hit.index).map(|m| m.line_number);
        let row = result_row(entry, hit, lights, app.lang, mention_line);
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
        let mut spans: Vec<Span> = vec![Span::styled(if selected { "▶ " } else { "  " }, base)];
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
        cell(
            &mut spans,
            styled_chars(&row.key, &row.key_lights, base, hl),
            key_width,
        );
        let mut used_so_far = 2 + widths.family + 2 + widths.code + 2 + key_width + 2;
        for tag in &row.tags {
            let tag = format!("{tag} ");
            if used_so_far + width(&tag) < columns {
                used_so_far += width(&tag);
                spans.push(Span::styled(tag, dim));
            }
        }
        let desc = styled_chars(&row.description, &row.description_lights, base, hl);
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

fn draw_detail(frame: &mut Frame, app: &App, layout: &Layout, theme: &Theme) {
    let inner = layout.detail_inner();
    let lines = &app.detail.lines;
    let max_scroll = lines.len().saturating_sub(usize::from(inner.height));
    let scroll = app.detail_scroll.min(max_scroll);
    let more = if scroll < max_scroll {
        " ↓ more "
    } else {
        ""
    };
    let title = format!(" Detail · {} {}", app.lang.label(), more);
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
}

fn draw_footer(frame: &mut Frame, app: &App, layout: &Layout, theme: &Theme) {
    let area = layout.footer;
    let columns = width_usize(area);
    let hints = format!(
        " ↑↓ move  Tab {}  Enter copy ({})  ^T format  ^L {}  F1 help  Esc {}",
        app.filter.label(),
        app.copy_format.as_str(),
        app.lang.label(),
        if app.query.is_empty() && matches!(app.source, Source::Query) {
            "quit"
        } else {
            "clear"
        },
    );
    let status = app.status.clone().unwrap_or_default();
    let lines: Vec<Line> = if area.height >= 2 {
        vec![
            Line::styled(fit(&hints, columns), theme.dim()),
            Line::styled(fit(&format!(" {status}"), columns), theme.title()),
        ]
    } else if status.is_empty() {
        vec![Line::styled(fit(&hints, columns), theme.dim())]
    } else {
        vec![Line::styled(
            fit(&format!(" {status}"), columns),
            theme.title(),
        )]
    };
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_help(frame: &mut Frame, area: Rect, theme: &Theme) {
    let key_width = BINDINGS.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let text_width = BINDINGS.iter().map(|(_, t)| width(t)).max().unwrap_or(0);
    let want_w = (key_width + text_width + 6) as u16;
    let want_h = BINDINGS.len() as u16 + 4;
    let w = want_w
        .min(area.width.saturating_sub(2))
        .max(4.min(area.width));
    let h = want_h
        .min(area.height.saturating_sub(2))
        .max(3.min(area.height));
    let popup = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    // A wide character whose right half sits under the popup's left border would swallow the border
    // when the terminal redraws: blank the cell to the popup's left first.
    if popup.x > area.x {
        let buf = frame.buffer_mut();
        for y in popup.y..popup.y + popup.height {
            if let Some(cell) = buf.cell_mut(Position::new(popup.x - 1, y)) {
                cell.reset();
            }
        }
    }
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(" Keys · any key closes ", theme.title()));
    let inner = Rect::new(
        popup.x + 1,
        popup.y + 1,
        popup.width.saturating_sub(2),
        popup.height.saturating_sub(2),
    );
    frame.render_widget(block, popup);
    let columns = width_usize(inner);
    let mut lines: Vec<Line> = BINDINGS
        .iter()
        .map(|(k, t)| {
            let key = fit(k, key_width + 2);
            let line = vec![Span::styled(key, theme.label()), Span::raw(t.to_string())];
            clip_line(line, columns)
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(clip_line(
        vec![Span::styled(
            "Exit codes (CLI): 0 found · 1 not found · 2 error",
            theme.dim(),
        )],
        columns,
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}

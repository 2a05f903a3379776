//! Where each part of the screen goes, as a pure function of the terminal size and of how much the
//! list wants. The view draws into these rectangles and the update logic uses them to map mouse
//! clicks, so both always agree.

use ratatui::layout::Rect;

use crate::catalog::Family;
use crate::tui::filter::Filter;
use crate::width::width;

/// Below this the browser shows only a "terminal too small" message.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;
/// From this width on, list and detail sit side by side.
pub const WIDE_FROM: u16 = 100;
/// Side by side, the list never takes more than 45 % of the width nor more than this many columns:
/// the detail pane (at least 55 %) is what the user came to read.
const LIST_MAX_WIDTH: u16 = 72;
const LIST_MAX_PERCENT: u32 = 45;
/// Nor less than this many columns, so "No match for …" and a code with its key still fit.
const LIST_MIN_WIDTH: u16 = 34;
/// Stacked, the list takes at most this share (in 1/5ths) of the body's height, and only as many
/// rows as there are hits.
const LIST_SHARE_STACKED: u16 = 2;

/// What the list would like: the columns its rows need (inside the borders) and how many rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListWant {
    pub columns: usize,
    pub rows: usize,
}

impl ListWant {
    /// Room for everything: what the list gets when nothing is known about its content.
    pub const ANY: ListWant = ListWant {
        columns: usize::MAX / 4,
        rows: usize::MAX / 4,
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Search,
    List,
    Detail,
    Footer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub area: Rect,
    pub too_small: bool,
    pub wide: bool,
    pub search: Rect,
    /// The list's block, borders included.
    pub list: Rect,
    pub detail: Rect,
    pub footer: Rect,
}

impl Layout {
    pub fn new(width: u16, height: u16, want: ListWant) -> Layout {
        let area = Rect::new(0, 0, width, height);
        let empty = Rect::new(0, 0, 0, 0);
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return Layout {
                area,
                too_small: true,
                wide: false,
                search: empty,
                list: empty,
                detail: empty,
                footer: empty,
            };
        }
        let footer_height = if height >= 12 { 2 } else { 1 };
        let search = Rect::new(0, 0, width, 1);
        let body_height = height - 1 - footer_height;
        let body = Rect::new(0, 1, width, body_height);
        let footer = Rect::new(0, height - footer_height, width, footer_height);
        let wide = width >= WIDE_FROM;
        let (list, detail) = if wide {
            let share = u32::from(width) * LIST_MAX_PERCENT / 100;
            let most = clamp_u16(share as usize, LIST_MIN_WIDTH, LIST_MAX_WIDTH);
            let list_width = clamp_u16(want.columns.saturating_add(2), LIST_MIN_WIDTH, most);
            (
                Rect::new(0, body.y, list_width, body.height),
                Rect::new(list_width, body.y, width - list_width, body.height),
            )
        } else {
            // Room for one row at least, and for the detail pane's borders and a line.
            let most = (body.height * LIST_SHARE_STACKED / 5)
                .max(5)
                .min(body.height.saturating_sub(3))
                .max(3);
            let list_height = clamp_u16(want.rows.max(1).saturating_add(2), 3, most);
            (
                Rect::new(0, body.y, width, list_height),
                Rect::new(0, body.y + list_height, width, body.height - list_height),
            )
        };
        Layout {
            area,
            too_small: false,
            wide,
            search,
            list,
            detail,
            footer,
        }
    }

    /// The detail pane over the whole body (Ctrl-F): no list.
    pub fn detail_only(width: u16, height: u16) -> Layout {
        let mut layout = Layout::new(width, height, ListWant::ANY);
        if !layout.too_small {
            let body = layout.list.union(layout.detail);
            layout.list = Rect::new(body.x, body.y, 0, 0);
            layout.detail = body;
        }
        layout
    }

    /// The list's rows inside its borders.
    pub fn list_inner(&self) -> Rect {
        inner(self.list)
    }

    pub fn detail_inner(&self) -> Rect {
        inner(self.detail)
    }

    /// The detail pane's (line from its top, column) under a mouse position.
    pub fn detail_cell_at(&self, column: u16, row: u16) -> Option<(usize, usize)> {
        let inner = self.detail_inner();
        contains(inner, column, row)
            .then(|| (usize::from(row - inner.y), usize::from(column - inner.x)))
    }

    /// How many result rows are visible.
    pub fn list_rows(&self) -> usize {
        usize::from(self.list_inner().height)
    }

    /// The list row (0 = first visible) under a mouse position.
    pub fn list_row_at(&self, column: u16, row: u16) -> Option<usize> {
        let inner = self.list_inner();
        contains(inner, column, row).then(|| usize::from(row - inner.y))
    }

    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        if self.too_small {
            return None;
        }
        [
            (self.search, Pane::Search),
            (self.list, Pane::List),
            (self.detail, Pane::Detail),
            (self.footer, Pane::Footer),
        ]
        .into_iter()
        .find(|(rect, _)| contains(*rect, column, row))
        .map(|(_, pane)| pane)
    }
}

fn clamp_u16(value: usize, low: u16, high: u16) -> u16 {
    u16::try_from(value)
        .unwrap_or(u16::MAX)
        .clamp(low, high.max(low))
}

/// One filter tab in the search line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tab {
    pub filter: Filter,
    pub label: String,
    pub active: bool,
    pub x: u16,
    pub width: u16,
}

/// The filter tabs at the right of the search line, left of `right_width` columns of counts:
/// one per family when there is room, else only the active one.
pub fn filter_tabs(search: Rect, active: Filter, right_width: usize) -> Vec<Tab> {
    let families: Vec<Option<Family>> = if search.width >= 60 {
        std::iter::once(None)
            .chain(Family::ALL.into_iter().map(Some))
            .collect()
    } else {
        vec![active.family]
    };
    let mut tabs: Vec<Tab> = families
        .into_iter()
        .map(|family| {
            let tab = Filter {
                family,
                category: None,
            };
            let is_active = tab == active.tab();
            let label = format!(" {} ", if is_active { active } else { tab }.label());
            Tab {
                filter: if is_active { active } else { tab },
                width: width(&label) as u16,
                label,
                active: is_active,
                x: 0,
            }
        })
        .collect();
    let total: usize = tabs.iter().map(|t| usize::from(t.width)).sum();
    let mut x = usize::from(search.x + search.width)
        .saturating_sub(right_width + total)
        .max(usize::from(search.x));
    for tab in &mut tabs {
        tab.x = x as u16;
        x += usize::from(tab.width);
    }
    tabs
}

/// The popup that shows `lines` lines of help in `area`: centred, at most `want_width` wide,
/// leaving a margin; shorter than its content when the terminal is (it then scrolls).
pub fn help_popup(area: Rect, want_width: u16, lines: usize) -> Rect {
    let want_height = u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2);
    let w = want_width
        .min(area.width.saturating_sub(2))
        .max(4.min(area.width));
    let h = want_height
        .min(area.height.saturating_sub(2))
        .max(3.min(area.height));
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn inner(rect: Rect) -> Rect {
    Rect::new(
        rect.x.saturating_add(1),
        rect.y.saturating_add(1),
        rect.width.saturating_sub(2),
        rect.height.saturating_sub(2),
    )
}

fn contains(rect: Rect, column: u16, row: u16) -> bool {
    column >= rect.x && column < rect.x + rect.width && row >= rect.y && row < rect.y + rect.height
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_and_narrow() {
        let wide = Layout::new(100, 30, ListWant::ANY);
        assert!(wide.wide && !wide.too_small);
        assert_eq!(wide.list.y, wide.detail.y);
        let narrow = Layout::new(50, 15, ListWant::ANY);
        assert!(!narrow.wide);
        assert!(narrow.detail.y > narrow.list.y);
        assert!(Layout::new(1, 1, ListWant::ANY).too_small);
        assert!(Layout::new(29, 30, ListWant::ANY).too_small);
    }

    #[test]
    fn every_size_fits_the_screen() {
        for w in 0..=160 {
            for h in 0..=50 {
                for want in [
                    ListWant::ANY,
                    ListWant::default(),
                    ListWant {
                        columns: 60,
                        rows: 2,
                    },
                ] {
                    let l = Layout::new(w, h, want);
                    for r in [l.search, l.list, l.detail, l.footer] {
                        assert!(
                            r.x + r.width <= w.max(r.x) && r.y + r.height <= h.max(r.y),
                            "{w}x{h}: {r:?}"
                        );
                    }
                    if !l.too_small {
                        assert!(
                            l.list_rows() >= 1 && l.detail_inner().height >= 1,
                            "{w}x{h}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn mouse_rows() {
        let l = Layout::new(100, 30, ListWant::ANY);
        assert_eq!(l.list_row_at(5, 2), Some(0));
        assert_eq!(l.list_row_at(5, 1), None);
        assert_eq!(l.pane_at(80, 5), Some(Pane::Detail));
    }

    #[test]
    fn the_list_takes_what_it_needs_and_the_detail_the_rest() {
        let want = ListWant {
            columns: 60,
            rows: 1,
        };
        // Side by side: the list's content, capped at 45 % of the width and at 72 columns.
        assert_eq!(Layout::new(160, 45, want).list.width, 62);
        assert_eq!(Layout::new(100, 30, want).list.width, 45);
        for width in 100..=300 {
            let l = Layout::new(width, 30, ListWant::ANY);
            assert!(l.detail.width * 100 >= width * 55, "{width}: {l:?}");
        }
        assert_eq!(Layout::new(200, 45, ListWant::ANY).list.width, 72);
        // Stacked: one hit, one row.
        let one = Layout::new(80, 24, want);
        assert_eq!(one.list_rows(), 1);
        assert_eq!(one.detail.height, 24 - 1 - 2 - 3);
        // Many hits: at most two fifths of the body.
        let many = Layout::new(80, 24, ListWant::ANY);
        assert_eq!(many.list.height, 8);
    }

    #[test]
    fn tabs_line_up_against_the_counts() {
        let search = Rect::new(0, 0, 100, 1);
        let tabs = filter_tabs(search, Filter::ALL, 10);
        assert_eq!(tabs.len(), 1 + Family::ALL.len());
        let last = tabs.last().unwrap();
        assert_eq!(last.x + last.width, 90);
        assert!(tabs[0].active && tabs.iter().skip(1).all(|t| !t.active));
        assert_eq!(
            filter_tabs(Rect::new(0, 0, 50, 1), Filter::ALL, 10).len(),
            1
        );
    }
}

//! Where each part of the screen goes, as a pure function of the terminal size. The view draws into
//! these rectangles and the update logic uses them to map mouse clicks, so both always agree.

use ratatui::layout::Rect;

/// Below this the browser shows only a "terminal too small" message.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;
/// From this width on, list and detail sit side by side.
pub const WIDE_FROM: u16 = 100;

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
    pub fn new(width: u16, height: u16) -> Layout {
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
            let list_width = width * 3 / 5;
            (
                Rect::new(0, body.y, list_width, body.height),
                Rect::new(list_width, body.y, width - list_width, body.height),
            )
        } else {
            let list_height = (body.height / 2).max(3);
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

    /// The list's rows inside its borders.
    pub fn list_inner(&self) -> Rect {
        inner(self.list)
    }

    pub fn detail_inner(&self) -> Rect {
        inner(self.detail)
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
        let wide = Layout::new(100, 30);
        assert!(wide.wide && !wide.too_small);
        assert_eq!(wide.list.y, wide.detail.y);
        let narrow = Layout::new(50, 15);
        assert!(!narrow.wide);
        assert!(narrow.detail.y > narrow.list.y);
        assert!(Layout::new(1, 1).too_small);
        assert!(Layout::new(29, 30).too_small);
    }

    #[test]
    fn every_size_fits_the_screen() {
        for w in 0..=160 {
            for h in 0..=50 {
                let l = Layout::new(w, h);
                for r in [l.search, l.list, l.detail, l.footer] {
                    assert!(
                        r.x + r.width <= w.max(r.x) && r.y + r.height <= h.max(r.y),
                        "{w}x{h}: {r:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn mouse_rows() {
        let l = Layout::new(100, 30);
        assert_eq!(l.list_row_at(5, 2), Some(0));
        assert_eq!(l.list_row_at(5, 1), None);
        assert_eq!(l.pane_at(80, 5), Some(Pane::Detail));
    }
}

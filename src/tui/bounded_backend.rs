//! A backend that reports at most [`MAX_WIDTH`] × [`MAX_HEIGHT`] cells, so a frame's buffers stay
//! bounded whatever size the terminal claims (a 65535×65535 pty asked ratatui for 206 GB). The
//! browser draws into the top-left part that fits; the rest of such a screen stays blank.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// Wider than any real screen (a 4K display at a 6-pixel font is 640 columns).
pub const MAX_WIDTH: u16 = 640;
pub const MAX_HEIGHT: u16 = 320;

/// `size` bounded to what a frame may allocate.
pub fn bound(width: u16, height: u16) -> (u16, u16) {
    (width.min(MAX_WIDTH), height.min(MAX_HEIGHT))
}

pub struct BoundedBackend<B>(pub B);

impl<B: Backend> Backend for BoundedBackend<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.0.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.0.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.0.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        let size = self.0.size()?;
        let (width, height) = bound(size.width, size.height);
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        let mut size = self.0.window_size()?;
        let (width, height) = bound(size.columns_rows.width, size.columns_rows.height);
        size.columns_rows = Size { width, height };
        Ok(size)
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;

    #[test]
    fn a_huge_terminal_is_drawn_within_the_bound() {
        let backend = BoundedBackend(TestBackend::new(2000, 1000));
        let size = backend.size().unwrap();
        assert_eq!((size.width, size.height), (MAX_WIDTH, MAX_HEIGHT));
        assert_eq!(bound(100, 30), (100, 30));
        assert_eq!(bound(65535, 65535), (MAX_WIDTH, MAX_HEIGHT));
    }
}

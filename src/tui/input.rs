//! The query line as a value: text, a cursor, the edits people know from shells (Ctrl-W, Ctrl-K,
//! Alt-B / Alt-F) and a horizontal scroll measured in display columns, so a Chinese query (two
//! columns a character) keeps its cursor on screen. Pure: no terminal, tested on its own.

use crate::width::{char_width, width};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryInput {
    text: String,
    /// In chars, never inside a character.
    cursor: usize,
}

/// What the line shows in a given number of columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visible {
    pub text: String,
    /// Columns from the start of the shown text to the cursor.
    pub cursor_column: usize,
}

impl QueryInput {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// Replaces the text, cursor at the end.
    pub fn set(&mut self, text: &str) {
        self.text = text.to_string();
        self.cursor = self.len();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Display columns before the cursor.
    pub fn cursor_column(&self) -> usize {
        self.text.chars().take(self.cursor).map(char_width).sum()
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, text: &str) {
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, text);
        self.cursor += text.chars().count();
    }

    /// Removes chars `from..to`; returns whether anything was removed.
    fn remove(&mut self, from: usize, to: usize) -> bool {
        if from >= to {
            return false;
        }
        let (a, b) = (self.byte_at(from), self.byte_at(to));
        self.text.replace_range(a..b, "");
        self.cursor = from;
        true
    }

    pub fn backspace(&mut self) -> bool {
        self.cursor > 0 && self.remove(self.cursor - 1, self.cursor)
    }

    pub fn delete(&mut self) -> bool {
        self.remove(self.cursor, (self.cursor + 1).min(self.len()))
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.len());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.len();
    }

    /// Alt-B: to the start of the word before the cursor.
    pub fn word_left(&mut self) {
        self.cursor = self.word_start_before();
    }

    /// Alt-F: to the end of the word after the cursor.
    pub fn word_right(&mut self) {
        let chars: Vec<char> = self.text.chars().collect();
        let mut at = self.cursor;
        while at < chars.len() && !is_word(chars[at]) {
            at += 1;
        }
        while at < chars.len() && is_word(chars[at]) {
            at += 1;
        }
        self.cursor = at;
    }

    /// Ctrl-W: the word before the cursor (and the separators after it).
    pub fn delete_word_back(&mut self) -> bool {
        self.remove(self.word_start_before(), self.cursor)
    }

    /// Ctrl-K: everything from the cursor on.
    pub fn kill_to_end(&mut self) -> bool {
        self.remove(self.cursor, self.len())
    }

    fn word_start_before(&self) -> usize {
        let chars: Vec<char> = self.text.chars().collect();
        let mut at = self.cursor;
        while at > 0 && !is_word(chars[at - 1]) {
            at -= 1;
        }
        while at > 0 && is_word(chars[at - 1]) {
            at -= 1;
        }
        at
    }

    /// The part of the line shown in `columns` columns: scrolled just far enough that the cursor
    /// (one column wide, after the text when at the end) stays inside.
    pub fn visible(&self, columns: usize) -> Visible {
        let columns = columns.max(1);
        let chars: Vec<char> = self.text.chars().collect();
        let cursor_column = self.cursor_column();
        let mut skip = 0;
        let mut skipped = 0;
        // The cursor needs its own column: keep cursor_column - skipped < columns.
        while cursor_column - skipped >= columns && skip < chars.len() {
            skipped += char_width(chars[skip]);
            skip += 1;
        }
        let mut text = String::new();
        let mut used = 0;
        for &c in &chars[skip..] {
            let w = char_width(c);
            if used + w > columns {
                break;
            }
            used += w;
            text.push(c);
        }
        debug_assert!(width(&text) <= columns);
        Visible {
            text,
            cursor_column: cursor_column - skipped,
        }
    }
}

/// Word characters for Alt-B / Alt-F / Ctrl-W: anything but spaces and ASCII punctuation, so
/// `JOIN_ROOM` is one word and `user.sig` two.
fn is_word(c: char) -> bool {
    !(c.is_whitespace() || (c.is_ascii_punctuation() && c != '_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, cursor: usize) -> QueryInput {
        QueryInput {
            text: text.to_string(),
            cursor,
        }
    }

    #[test]
    fn edits_as_a_table() {
        type Edit = fn(&mut QueryInput);
        let table: &[(&str, usize, Edit, &str, usize)] = &[
            ("过期x", 3, |i| i.left(), "过期x", 2),
            (
                "过期x",
                2,
                |i| {
                    i.backspace();
                },
                "过x",
                1,
            ),
            (
                "过期x",
                0,
                |i| {
                    i.backspace();
                },
                "过期x",
                0,
            ),
            (
                "过期x",
                0,
                |i| {
                    i.delete();
                },
                "期x",
                0,
            ),
            (
                "过期x",
                3,
                |i| {
                    i.delete();
                },
                "过期x",
                3,
            ),
            ("ab", 1, |i| i.insert("过"), "a过b", 2),
            (
                "join room failed",
                16,
                |i| {
                    i.delete_word_back();
                },
                "join room ",
                10,
            ),
            (
                "join room  ",
                11,
                |i| {
                    i.delete_word_back();
                },
                "join ",
                5,
            ),
            (
                "join room failed",
                5,
                |i| {
                    i.kill_to_end();
                },
                "join ",
                5,
            ),
            (
                "join room failed",
                16,
                |i| i.word_left(),
                "join room failed",
                10,
            ),
            (
                "join room failed",
                10,
                |i| i.word_left(),
                "join room failed",
                5,
            ),
            (
                "join room failed",
                0,
                |i| i.word_right(),
                "join room failed",
                4,
            ),
            (
                "join room failed",
                4,
                |i| i.word_right(),
                "join room failed",
                9,
            ),
            ("JOIN_ROOM.x", 0, |i| i.word_right(), "JOIN_ROOM.x", 9),
            ("用户 签名", 0, |i| i.word_right(), "用户 签名", 2),
            ("用户 签名", 5, |i| i.word_left(), "用户 签名", 3),
            ("abc", 1, |i| i.home(), "abc", 0),
            ("abc", 1, |i| i.end(), "abc", 3),
            ("abc", 3, |i| i.right(), "abc", 3),
        ];
        for (text, cursor, edit, want_text, want_cursor) in table {
            let mut input = at(text, *cursor);
            edit(&mut input);
            assert_eq!(
                (input.text(), input.cursor()),
                (*want_text, *want_cursor),
                "{text:?} at {cursor}"
            );
        }
    }

    #[test]
    fn cursor_column_counts_display_columns() {
        assert_eq!(at("过期x", 2).cursor_column(), 4);
        assert_eq!(at("过期x", 3).cursor_column(), 5);
    }

    #[test]
    fn visible_scrolls_by_columns_and_keeps_the_cursor_inside() {
        // Eight Chinese characters are 16 columns; 9 columns show the last four and the cursor.
        let input = at("一二三四五六七八", 8);
        let v = input.visible(9);
        assert_eq!(v.text, "五六七八");
        assert_eq!(v.cursor_column, 8);
        // With the cursor at the start nothing scrolls, and a wide char that would straddle the
        // edge is left out rather than split.
        let v = at("一二三四五六七八", 0).visible(9);
        assert_eq!((v.text.as_str(), v.cursor_column), ("一二三四", 0));
        for columns in 1..20 {
            for cursor in 0..=8 {
                let v = at("一二三四五六七八", cursor).visible(columns);
                assert!(width(&v.text) <= columns);
                assert!(v.cursor_column < columns);
            }
        }
    }
}

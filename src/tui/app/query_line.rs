//! The query line: the text as typed, what it narrows the catalog to (the filter tab, an
//! `@version` token), where the list's rows come from (the query or a paste) and the queries typed
//! before.

use crate::catalog::{Scope, SdkVersion};
use crate::mentions::Mention;
use crate::tui::filter::Filter;
use crate::tui::input::QueryInput;
use crate::tui::query_history::QueryHistory;
use crate::tui::source::Source;

#[derive(Debug, Clone)]
pub struct QueryLine {
    /// The text as typed (a version token `@4.4.0` included), with its cursor.
    pub input: QueryInput,
    /// The SDK version the text asks for (`@4.4.0`), overriding the session's; set by each search.
    pub version: Option<SdkVersion>,
    pub filter: Filter,
    pub source: Source,
    /// Queries acted on before (Alt-↑ / Alt-↓), loaded and saved by the loop.
    pub history: QueryHistory,
    /// The text as the last jump (or step back) left it: while it is unchanged, Backspace goes
    /// back rather than editing it.
    landed: Option<String>,
}

impl Default for QueryLine {
    fn default() -> QueryLine {
        QueryLine {
            input: QueryInput::default(),
            version: None,
            filter: Filter::ALL,
            source: Source::Query,
            history: QueryHistory::default(),
            landed: None,
        }
    }
}

impl QueryLine {
    pub fn text(&self) -> &str {
        self.input.text()
    }

    /// Replaces the text (cursor at the end) and lists its hits rather than a paste's codes.
    pub fn set(&mut self, text: &str) {
        self.input.set(&clean_input(text));
        self.source = Source::Query;
    }

    /// The text a jump (or a step back) put there: Backspace steps back while it stays so.
    pub fn land(&mut self, text: &str) {
        self.input.set(text);
        self.landed = Some(text.to_string());
    }

    /// Whether Backspace should step back rather than edit: the line is empty or as a jump left it.
    pub fn is_landed(&self) -> bool {
        self.input.is_empty() || self.landed.as_deref() == Some(self.input.text())
    }

    /// The scope the list shows: the filter within the session's scope, the text's version on top.
    pub fn scope(&self, base: Scope) -> Scope {
        let mut scope = self.filter.scope(base);
        if let Some(v) = self.version {
            scope.version = Some(v);
        }
        scope
    }

    /// Keeps the text in the history when the list shows its hits (the loop also does at quit).
    pub fn remember(&mut self) {
        if matches!(self.source, Source::Query) {
            self.history.record(self.input.text());
        }
    }

    /// The pasted text's mention of entry `index`, for the list and detail pane.
    pub fn mention_for(&self, index: usize) -> Option<&Mention> {
        match &self.source {
            Source::Pasted { mentions, .. } => mentions.iter().find(|m| m.index == index),
            Source::Query => None,
        }
    }
}

/// Pasted or typed text for the query box: line breaks and tabs become spaces, other control
/// characters are dropped (they mean nothing in a search).
pub(super) fn clean_input(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jump_lands_until_the_text_is_edited() {
        let mut line = QueryLine::default();
        line.land("0x4004");
        assert!(line.is_landed());
        line.input.insert("1");
        assert!(!line.is_landed());
        line.input.clear();
        assert!(line.is_landed(), "an empty line steps back too");
    }

    #[test]
    fn set_cleans_control_characters_and_leaves_a_paste() {
        let mut line = QueryLine {
            source: Source::Pasted {
                mentions: Vec::new(),
                unknown: Vec::new(),
                lines: 1,
            },
            ..QueryLine::default()
        };
        line.set("join\tfailed\r\n\u{1b}[31m");
        assert_eq!(line.text(), "join failed  [31m");
        assert_eq!(line.source, Source::Query);
    }

    #[test]
    fn the_version_token_overrides_the_session_version() {
        let base = Scope::default();
        let line = QueryLine {
            version: SdkVersion::parse("4.4.0"),
            ..QueryLine::default()
        };
        assert_eq!(line.scope(base).version, line.version);
    }
}

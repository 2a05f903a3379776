//! Where the list's rows come from: the typed query, or the codes found in pasted text.

use crate::mentions::{Mention, UnknownMention};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Hits for the typed query.
    Query,
    /// Codes found in pasted text.
    Pasted {
        mentions: Vec<Mention>,
        /// The codes the catalog lacks (rule 8): no row of their own, named above the list.
        unknown: Vec<UnknownMention>,
        lines: usize,
    },
}

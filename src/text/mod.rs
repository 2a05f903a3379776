//! Text laid out in display columns.

pub mod wrap;

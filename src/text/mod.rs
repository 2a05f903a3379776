//! Text laid out in display columns, and folded before it is compared.

pub mod fold;
pub mod wrap;

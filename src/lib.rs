//! xfill: fill Chinese templates whose specifics were replaced by X.
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![deny(missing_docs)]

pub mod encoding;
pub mod error;
pub mod scan;
pub mod schema;
pub mod span;
mod yaml;

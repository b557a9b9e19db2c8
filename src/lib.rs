//! xfill: fill Chinese templates whose specifics were replaced by X.
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![deny(missing_docs)]
// Errors carry the place and text they report; they are built once, on the way out, so their
// size costs nothing that matters.
#![allow(clippy::result_large_err)]

pub mod bind;
pub mod diff;
pub mod encoding;
pub mod error;
pub mod fill;
pub mod report;
pub mod scan;
pub mod schema;
pub mod span;
pub mod values;
mod yaml;

//! The `xfill` command: parses arguments, runs, and maps the outcome to an exit code.

// Errors carry the place and text they report; they are built once, on the way out.
#![allow(clippy::result_large_err)]

mod cli;
mod serve;

fn main() {
    std::process::exit(cli::run());
}

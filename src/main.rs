//! The `xfill` command: parses arguments, runs, and maps the outcome to an exit code.

// Errors carry the place and text they report; they are built once, on the way out.
#![allow(clippy::result_large_err)]

mod cli;
mod serve;

/// A schema of many fields is many small allocations; mimalloc makes and frees them about
/// twice as fast as the system allocator (scripts/bench.sh measures the whole command).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::run());
}

//! Any text as a values file and as --set lines against a fixed schema: never a panic.
//! The property is `xfill::fuzzing::check_values`; `tests/fuzz_corpus.rs` runs it over the corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| xfill::fuzzing::check_values(data));

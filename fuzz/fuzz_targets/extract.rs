//! Any template and filled text → extract: one recovery per slot, values taken from the
//! filled text, reports render; a template filled with characters it lacks reads back.
//! The property is `xfill::fuzzing::check_extract`; `tests/fuzz_corpus.rs` runs it over the corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| xfill::fuzzing::check_extract(data));

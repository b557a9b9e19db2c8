//! Bytes → decode → scan: spans in bounds, on char boundaries, sorted, not overlapping, positions right.
//! The property is `xfill::fuzzing::check_scan`; `tests/fuzz_corpus.rs` runs it over the corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| xfill::fuzzing::check_scan(data));

//! Any two texts → diff: the hunks give back both texts' lines, equal texts have none,
//! the reports render. The property is `xfill::fuzzing::check_diff`; `tests/fuzz_corpus.rs`
//! runs it over the corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| xfill::fuzzing::check_diff(data));

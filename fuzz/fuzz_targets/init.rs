//! Any template → init: the drafted schema parses and binds every slot exactly once, no stale anchor.
//! The property is `xfill::fuzzing::check_init`; `tests/fuzz_corpus.rs` runs it over the corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| xfill::fuzzing::check_init(data));

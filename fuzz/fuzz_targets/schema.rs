//! Any text → Schema::parse: Ok or Err, never a panic; a parsed schema's to_yaml reads back the same.
//! The property is `xfill::fuzzing::check_schema`; `tests/fuzz_corpus.rs` runs it over the corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| xfill::fuzzing::check_schema(data));

//! Any text as YAML: where the fast block reader answers, serde_yaml reads the same.
//! The property is `xfill::fuzzing::check_yaml`; `tests/fuzz_corpus.rs` runs it over the corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| xfill::fuzzing::check_yaml(data));

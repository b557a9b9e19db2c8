//! Bytes → a small generated Word package → read, scan, fill: never a panic, and a package
//! written back reads to the text with the values in place.
//! The property is `xfill::fuzzing::check_docx`; `tests/fuzz_corpus.rs` runs it over the corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| xfill::fuzzing::check_docx(data));

//! The fuzz targets' properties (`xfill::fuzzing`) over their seed and regression inputs in
//! `fuzz/corpus/<target>/`, so that `cargo test` keeps every input a fuzzer once broke on.

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;

use xfill::fuzzing::{
    check_diff, check_docx, check_extract, check_init, check_scan, check_schema, check_values,
};

/// Runs `check` on every file of `fuzz/corpus/<target>/` and names each file it fails on.
fn run_corpus(target: &str, check: fn(&[u8])) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a readable corpus entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} has no inputs", dir.display());
    let failed: Vec<String> = files
        .iter()
        .filter(|path| {
            let data = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            panic::catch_unwind(AssertUnwindSafe(|| check(&data))).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(failed.is_empty(), "{target} fails on {failed:#?}");
}

#[test]
fn scan_corpus() {
    run_corpus("scan", check_scan);
}

#[test]
fn schema_corpus() {
    run_corpus("schema", check_schema);
}

#[test]
fn values_corpus() {
    run_corpus("values", check_values);
}

#[test]
fn init_corpus() {
    run_corpus("init", check_init);
}

/// Templates are inputs of both `scan` and `init`; each target's seeds feed the other.
#[test]
fn templates_feed_scan_and_init() {
    run_corpus("init", check_scan);
    run_corpus("scan", check_init);
}

#[test]
fn extract_corpus() {
    run_corpus("extract", check_extract);
}

#[test]
fn diff_corpus() {
    run_corpus("diff", check_diff);
}

/// Templates feed extract (read against themselves and filled with characters they lack).
#[test]
fn templates_feed_extract() {
    run_corpus("init", check_extract);
    run_corpus("scan", check_extract);
}

#[test]
fn docx_corpus() {
    run_corpus("docx", check_docx);
}

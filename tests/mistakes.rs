//! Common mistakes get the help that fits them: arguments given the other way round, a
//! schema where a values file goes (and back), the template read against itself, standard
//! input named twice. Each run is snapshotted whole (exit code, stdout, stderr).

use assert_cmd::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("xfill")
        .expect("the binary")
        .current_dir(ROOT)
        .env("NO_COLOR", "1")
        .args(args)
        .write_stdin("")
        .output()
        .expect("xfill runs");
    format!(
        "$ xfill {}\nexit: {}\n----- stdout -----\n{}----- stderr -----\n{}",
        args.join(" "),
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn extract_with_its_arguments_swapped_says_so() {
    insta::assert_snapshot!(run(&[
        "extract",
        "samples/summary.filled.txt",
        "samples/summary.txt"
    ]));
}

#[test]
fn extract_from_a_document_without_slots_says_there_is_nothing_to_extract() {
    insta::assert_snapshot!(run(&[
        "extract",
        "samples/summary.filled.txt",
        "samples/notice.filled.txt"
    ]));
}

#[test]
fn extract_of_the_template_against_itself_says_nothing_was_filled() {
    insta::assert_snapshot!(run(&[
        "extract",
        "samples/notice.txt",
        "samples/notice.txt",
        "--schema",
        "samples/notice.schema.yaml",
        "-o",
        "-"
    ]));
}

#[test]
fn extract_with_both_inputs_from_stdin_says_only_one_can_be() {
    insta::assert_snapshot!(run(&["extract", "-", "-"]));
}

#[test]
fn a_values_file_given_as_schema_is_named_as_such() {
    insta::assert_snapshot!(run(&[
        "fill",
        "samples/notice.txt",
        "--schema",
        "samples/notice.values.yaml",
        "--values",
        "samples/notice.schema.yaml"
    ]));
}

#[test]
fn a_schema_given_as_values_is_named_as_such() {
    insta::assert_snapshot!(run(&[
        "fill",
        "samples/notice.txt",
        "--schema",
        "samples/notice.schema.yaml",
        "--values",
        "samples/notice.schema.yaml"
    ]));
}

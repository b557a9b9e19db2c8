//! `fill --ask` in a real pseudo-terminal: answers typed at the prompts, a wrong answer asked
//! again with the field's message, the values file written with its comments kept, Ctrl-C
//! leaving every file as it was, and no terminal at all refused.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::cargo_bin;
use rexpect::session::{PtySession, spawn_command};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// `s` as rexpect reads the terminal: one char per byte, so UTF-8 text is matched by its bytes.
fn raw(s: &str) -> String {
    s.bytes().map(char::from).collect()
}

/// The notice sample in a temp dir, with a values file that lacks `召开年` and `会议室名称`
/// and starts with a comment.
fn notice_without_two_values() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["notice.txt", "notice.schema.yaml"] {
        fs::copy(
            Path::new(ROOT).join("samples").join(name),
            dir.path().join(name),
        )
        .expect("copy");
    }
    let all = fs::read_to_string(Path::new(ROOT).join("samples/notice.values.yaml")).expect("read");
    let mut values = String::from("# our values, kept as they are\n");
    for line in all.lines() {
        if !line.starts_with("召开年:") && !line.starts_with("会议室名称:") {
            values.push_str(line);
            values.push('\n');
        }
    }
    fs::write(dir.path().join("v.yaml"), values).expect("write values");
    let dir_path = dir.path().to_path_buf();
    (dir, dir_path)
}

fn spawn_ask(dir: &Path) -> PtySession {
    let mut cmd = Command::new(cargo_bin("xfill"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .args([
            "fill",
            "notice.txt",
            "--schema",
            "notice.schema.yaml",
            "--values",
            "v.yaml",
            "-o",
            "out.txt",
            "--ask",
        ]);
    spawn_command(cmd, Some(20_000)).expect("xfill starts in a pty")
}

#[test]
fn ask_asks_only_for_missing_values_re_asks_a_wrong_one_and_writes_them() {
    let (_keep, dir) = notice_without_two_values();
    let mut p = spawn_ask(&dir);
    p.exp_string(&raw("2 fields of notice.txt have no value"))
        .expect("says how many");
    // The first missing field in schema order: an integer from 1900 to 2100, with its sentence.
    p.exp_string(&raw("召开（年）"))
        .expect("asks for 召开年 by its label");
    p.exp_string(&raw("关于召开【20XX】年度"))
        .expect("shows the slot in its sentence");
    p.send_line("明年").expect("type");
    p.exp_string(&raw("is not"))
        .expect("a wrong answer gets the field's message");
    // Clear the wrong answer (one backspace per character) and type a right one.
    p.send("\u{7f}\u{7f}").expect("erase");
    p.send_line("2025").expect("type");
    p.exp_string(&raw("会议室名称"))
        .expect("asks for the second field");
    p.send_line("第二").expect("type");
    p.exp_eof().expect("fills and exits");
    let status = p.process().wait().expect("exit status");
    assert!(
        matches!(status, rexpect::process::WaitStatus::Exited(_, 0)),
        "every slot is filled: {status:?}"
    );

    let values = fs::read_to_string(dir.join("v.yaml")).expect("values file");
    assert!(
        values.starts_with("# our values, kept as they are\n"),
        "{values}"
    );
    assert!(
        values.ends_with("召开年: \"2025\"\n会议室名称: 第二\n"),
        "{values}"
    );
    let expected = fs::read_to_string(Path::new(ROOT).join("samples/notice.filled.txt"))
        .expect("filled sample")
        .replacen(
            "2024年度安全生产工作推进会议的通知",
            "2025年度安全生产工作推进会议的通知",
            1,
        )
        .replacen("第一会议室", "第二会议室", 1);
    assert_eq!(
        fs::read_to_string(dir.join("out.txt")).expect("output"),
        expected
    );

    // Run again: every field has a value now, so nothing is asked.
    let mut again = spawn_ask(&dir);
    again
        .exp_string(&raw("nothing to ask"))
        .expect("asks nothing");
    again.exp_eof().expect("exits");
}

#[test]
fn ctrl_c_at_a_prompt_writes_nothing() {
    let (_keep, dir) = notice_without_two_values();
    let before = fs::read(dir.join("v.yaml")).expect("values file");
    let mut p = spawn_ask(&dir);
    p.exp_string(&raw("召开（年）")).expect("asks");
    p.send_line("2025").expect("type");
    p.exp_string(&raw("会议室名称")).expect("asks the second");
    p.send_control('c').expect("Ctrl-C");
    p.exp_string(&raw("interrupted; no file was written"))
        .expect("says so");
    p.exp_eof().expect("exits");
    let status = p.process().wait().expect("exit status");
    assert!(
        matches!(status, rexpect::process::WaitStatus::Exited(_, 130)),
        "{status:?}"
    );
    assert_eq!(fs::read(dir.join("v.yaml")).expect("values file"), before);
    assert!(!dir.join("out.txt").exists());
}

#[test]
fn without_a_schema_ask_drafts_one_beside_the_template_and_saves_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("t.txt"),
        "X党委：全体干部分为X个组，走访困难家庭X户。\nX党委\n",
    )
    .expect("write");
    let mut cmd = Command::new(cargo_bin("xfill"));
    cmd.current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["fill", "t.txt", "--ask"]);
    let mut p = spawn_command(cmd, Some(20_000)).expect("starts");
    // The field that fills two places is named for review, as init names it.
    p.exp_string(&raw("fills 2 places — review them"))
        .expect("the review line");
    p.exp_string(&raw("3 fields of t.txt have no value"))
        .expect("asks for all three");
    p.exp_string(&raw("【X】党委")).expect("the unit");
    p.send_line("县局").expect("type");
    p.exp_string(&raw("分为【X】个组")).expect("first slot");
    p.send_line("4").expect("type");
    p.exp_string(&raw("走访困难家庭【X】户"))
        .expect("second slot");
    p.send_line("12").expect("type");
    p.exp_string(&raw("县局党委：全体干部分为4个组"))
        .expect("the filled document on stdout");
    p.exp_eof().expect("exits");
    let schema = fs::read_to_string(dir.path().join("t.schema.yaml")).expect("schema saved");
    assert!(
        schema.contains("fills 2 places: check that they are the same thing"),
        "{schema}"
    );
    let values = fs::read_to_string(dir.path().join("t.values.yaml")).expect("values saved");
    assert_eq!(values.lines().count(), 3, "{values}");
}

#[test]
fn ask_without_a_terminal_is_an_error_that_says_why() {
    let out = Command::new(cargo_bin("xfill"))
        .current_dir(ROOT)
        .args([
            "fill",
            "samples/notice.txt",
            "--schema",
            "samples/notice.schema.yaml",
            "--ask",
        ])
        .stdin(std::process::Stdio::piped())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--ask needs a terminal"), "{stderr}");
    assert!(
        stderr.contains("xfill values"),
        "says what to do instead: {stderr}"
    );
}

#[test]
fn values_skeleton_lists_every_field_with_its_sentences() {
    let out = Command::new(cargo_bin("xfill"))
        .current_dir(ROOT)
        .args([
            "values",
            "samples/notice.txt",
            "--schema",
            "samples/notice.schema.yaml",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let skeleton = String::from_utf8(out.stdout).expect("UTF-8");
    insta::assert_snapshot!(skeleton);

    // Filled in as a person would, field by field, it fills the template as the sample's values do.
    let values =
        fs::read_to_string(Path::new(ROOT).join("samples/notice.values.yaml")).expect("read");
    let mut edited = skeleton.clone();
    for line in values.lines() {
        let (key, value) = line.split_once(": ").expect("key: value");
        edited = edited.replacen(&format!("\n{key}:\n"), &format!("\n{key}: {value}\n"), 1);
    }
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("v.yaml"), edited).expect("write");
    let filled = Command::new(cargo_bin("xfill"))
        .current_dir(ROOT)
        .args([
            "fill",
            "samples/notice.txt",
            "--schema",
            "samples/notice.schema.yaml",
            "--values",
        ])
        .arg(dir.path().join("v.yaml"))
        .output()
        .expect("runs");
    assert_eq!(
        filled.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&filled.stderr)
    );
    assert_eq!(
        filled.stdout,
        fs::read(Path::new(ROOT).join("samples/notice.filled.txt")).expect("read")
    );
}

#[test]
fn values_does_not_replace_an_existing_file_without_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("v.yaml");
    fs::write(&target, "组数: 4 # mine\n").expect("write");
    let run = |force: bool| {
        let mut cmd = Command::new(cargo_bin("xfill"));
        cmd.current_dir(ROOT)
            .args([
                "values",
                "samples/notice.txt",
                "--schema",
                "samples/notice.schema.yaml",
                "-o",
            ])
            .arg(&target);
        if force {
            cmd.arg("--force");
        }
        cmd.output().expect("runs")
    };
    let refused = run(false);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("exists already"));
    assert_eq!(
        fs::read_to_string(&target).expect("read"),
        "组数: 4 # mine\n"
    );
    assert_eq!(run(true).status.code(), Some(0));
    assert!(
        fs::read_to_string(&target)
            .expect("read")
            .contains("召开年:")
    );
}

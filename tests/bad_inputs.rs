//! Every row of the README's table of bad inputs: each gives exit code 2, one message that
//! names the file (and the place, where there is one) and says what to do, no panic, and no
//! output file created or changed.

use std::fs;
use std::io::{Cursor, Write};
use std::path::PathBuf;

use assert_cmd::Command;

const TEMPLATE: &str = "现将X上半年工作总结如下：\n党员干部分为X个组。\n";
const SCHEMA: &str = "version: 1\nfields:\n  单位:\n    anchors: [现将X上半年]\n  组数:\n    type: integer\n    anchors: [分为X个组]\n";
const VALUES: &str = "单位: 县经信局\n组数: 4\n";

struct Case {
    dir: tempfile::TempDir,
}

impl Case {
    fn new() -> Self {
        let case = Case {
            dir: tempfile::tempdir().unwrap(),
        };
        case.write("t.txt", TEMPLATE);
        case.write("s.yaml", SCHEMA);
        case.write("v.yaml", VALUES);
        case.write("kept.txt", "keep");
        case
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        fs::write(&path, bytes).unwrap();
        path
    }

    /// Runs xfill in the case's folder; checks exit 2, each of `needles` in stderr, and that
    /// neither an existing output file nor a new one was touched.
    fn fails(&self, args: &[&str], needles: &[&str]) {
        for out in ["kept.txt", "new.txt"] {
            let mut all: Vec<&str> = args.to_vec();
            all.extend(["-o", out]);
            let output = Command::cargo_bin("xfill")
                .unwrap()
                .current_dir(self.dir.path())
                .arg("--color")
                .arg("never")
                .args(&all)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{all:?}\n{stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
            for needle in needles {
                assert!(
                    stderr.contains(needle),
                    "{all:?}: no {needle:?} in\n{stderr}"
                );
            }
            assert!(stderr.contains("help:"), "no help in\n{stderr}");
            assert_eq!(fs::read_to_string(self.path("kept.txt")).unwrap(), "keep");
            assert!(!self.path("new.txt").exists(), "new.txt was created");
            let leftovers: Vec<_> = fs::read_dir(self.dir.path())
                .unwrap()
                .filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
                .collect();
            assert!(leftovers.is_empty(), "temp files left behind");
        }
    }

    fn fill_fails(&self, template: &str, schema: &str, values: &str, needles: &[&str]) {
        self.fails(
            &["fill", template, "--schema", schema, "--values", values],
            needles,
        );
    }
}

fn docx(document_xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        .unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document_xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

#[test]
fn empty_file() {
    let case = Case::new();
    case.write("empty.txt", "");
    case.fill_fails("empty.txt", "s.yaml", "v.yaml", &["empty.txt is empty"]);
    case.fill_fails("t.txt", "empty.txt", "v.yaml", &["empty.txt is empty"]);
}

#[test]
fn binary_file_an_image() {
    let case = Case::new();
    let png =
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00";
    case.write("image.png", png);
    case.fill_fails(
        "image.png",
        "s.yaml",
        "v.yaml",
        &["image.png is not a text file", "offset 8"],
    );
}

#[test]
fn file_with_a_nul_byte() {
    let case = Case::new();
    case.write("nul.txt", "现将X上半年\0工作");
    case.fill_fails(
        "nul.txt",
        "s.yaml",
        "v.yaml",
        &["nul.txt is not a text file", "NUL byte at offset 16"],
    );
}

#[test]
fn directory_given_as_a_file() {
    let case = Case::new();
    fs::create_dir(case.path("folder")).unwrap();
    case.fill_fails(
        "folder",
        "s.yaml",
        "v.yaml",
        &["cannot read folder", "directory"],
    );
}

#[test]
fn unreadable_file() {
    // A symlink loop cannot be read, even by root (who reads mode-000 files).
    let case = Case::new();
    std::os::unix::fs::symlink(case.path("loop.txt"), case.path("loop.txt")).unwrap();
    case.fill_fails("loop.txt", "s.yaml", "v.yaml", &["cannot read loop.txt"]);
}

#[test]
fn missing_file() {
    let case = Case::new();
    case.fill_fails(
        "nowhere.txt",
        "s.yaml",
        "v.yaml",
        &["cannot read nowhere.txt", "check the path"],
    );
}

#[test]
fn malformed_yaml_names_file_line_column() {
    let case = Case::new();
    case.write(
        "bad.yaml",
        "version: 1\nfields:\n  单位:\n    anchors: [现将X上半年\n",
    );
    case.fill_fails(
        "t.txt",
        "bad.yaml",
        "v.yaml",
        &["bad.yaml is not valid YAML", "--> bad.yaml:4:"],
    );
    case.write("bad-values.yaml", "单位: \"县经信局\n");
    case.fill_fails(
        "t.txt",
        "s.yaml",
        "bad-values.yaml",
        &["bad-values.yaml is not valid YAML", "--> bad-values.yaml:"],
    );
}

#[test]
fn yaml_with_duplicate_keys() {
    let case = Case::new();
    case.write("dup.yaml", "单位: 甲\n组数: 3\n单位: 乙\n");
    case.fill_fails(
        "t.txt",
        "s.yaml",
        "dup.yaml",
        &["dup.yaml is not valid YAML", "duplicate", "--> dup.yaml:"],
    );
}

#[test]
fn yaml_alias_bomb() {
    let case = Case::new();
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
        let prev = ["a", "b", "c", "d", "e", "f", "g", "h"][i];
        bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    case.write("bomb.yaml", &bomb);
    // As a values file and as a schema: refused while reading, at the alias that passes the
    // limit, long before the billion values the file stands for.
    for (schema, values) in [("s.yaml", "bomb.yaml"), ("bomb.yaml", "v.yaml")] {
        case.fill_fails(
            "t.txt",
            schema,
            values,
            &[
                "bomb.yaml is not valid YAML: its aliases (`*name`) stand for more than 100,000 values",
                "--> bomb.yaml:",
                "help: the file expands to too much data (nested aliases); write the values out plainly",
            ],
        );
    }
}

#[test]
fn yaml_nested_ten_thousand_deep() {
    let case = Case::new();
    let deep = 10_000;
    // Flow lists, block lists on one line, and block mappings indented a space a level.
    case.write(
        "flow.yaml",
        format!("单位: {}{}\n", "[".repeat(deep), "]".repeat(deep)),
    );
    case.write("dashes.yaml", format!("{}x\n", "- ".repeat(deep)));
    let mut mapping = String::new();
    for level in 0..deep {
        mapping.push_str(&" ".repeat(level));
        mapping.push_str(&format!("k{level}:\n"));
    }
    case.write("mapping.yaml", mapping);
    for file in ["flow.yaml", "dashes.yaml", "mapping.yaml"] {
        for (schema, values) in [("s.yaml", file), (file, "v.yaml")] {
            case.fill_fails(
                "t.txt",
                schema,
                values,
                &[
                    &format!(
                        "{file} is not valid YAML: lists and mappings nest more than 64 levels deep"
                    ),
                    &format!("--> {file}:"),
                    "help: a schema or values file nests a few levels at most",
                ],
            );
        }
    }
}

#[test]
fn schema_with_three_problems_names_them_all() {
    let case = Case::new();
    case.write(
        "three.yaml",
        "version: 1\nfields:\n  单位:\n    type: txt\n    anchors: [现将X上半年]\n  组数:\n    type: integer\n    anchors: [分为X个组]\n  编号:\n    pattern: '\\d+)|(.*'\n    anchors: [X号]\n  \"\":\n    anchors: [第X条]\n",
    );
    case.fill_fails(
        "t.txt",
        "three.yaml",
        "v.yaml",
        &[
            "unknown type `txt` for field `单位`",
            "--> three.yaml:4:11",
            "`pattern` of field `编号` is not a valid regular expression",
            "--> three.yaml:10:14",
            "a field's name is empty",
            "--> three.yaml:12:3",
        ],
    );
}

#[test]
fn schema_with_a_wrong_version() {
    let case = Case::new();
    case.write("v2.yaml", SCHEMA.replace("version: 1", "version: 2"));
    case.fill_fails(
        "t.txt",
        "v2.yaml",
        "v.yaml",
        &["unsupported schema version 2", "--> v2.yaml:1:10"],
    );
}

#[test]
fn anchors_with_zero_or_two_slots() {
    let case = Case::new();
    case.write("zero.yaml", SCHEMA.replace("[分为X个组]", "[分为个组]"));
    case.fill_fails(
        "t.txt",
        "zero.yaml",
        "v.yaml",
        &[
            "anchor \"分为个组\" of field `组数` has no slot",
            "--> zero.yaml:7:",
        ],
    );
    case.write("two.yaml", SCHEMA.replace("[分为X个组]", "[分为X个组X]"));
    case.fill_fails(
        "t.txt",
        "two.yaml",
        "v.yaml",
        &["has 2 slots", "[[X]]", "--> two.yaml:7:"],
    );
}

#[test]
fn two_fields_claiming_one_slot() {
    let case = Case::new();
    case.write(
        "twice.yaml",
        format!("{SCHEMA}  又一个:\n    anchors: [X个组]\n"),
    );
    case.fill_fails(
        "t.txt",
        "twice.yaml",
        "v.yaml",
        &["slot at t.txt:2:7 is claimed by two fields, `组数` and `又一个`"],
    );
}

#[test]
fn unknown_types_and_options() {
    let case = Case::new();
    case.write(
        "unknown.yaml",
        SCHEMA.replace("type: integer", "type: intger\n    maxx: 3"),
    );
    case.fill_fails(
        "t.txt",
        "unknown.yaml",
        "v.yaml",
        &[
            "unknown type `intger`",
            "did you mean `integer`?",
            "unknown option `maxx`",
            "did you mean `max`?",
            "--> unknown.yaml:6:",
        ],
    );
}

#[test]
fn values_file_that_is_a_list() {
    let case = Case::new();
    case.write("list.yaml", "- 单位: 甲\n- 组数: 3\n");
    case.fill_fails(
        "t.txt",
        "s.yaml",
        "list.yaml",
        &["list.yaml must be a mapping", "--> list.yaml:1:1"],
    );
}

#[test]
fn set_without_equals() {
    let case = Case::new();
    case.fails(
        &["fill", "t.txt", "--schema", "s.yaml", "--set", "组数"],
        &["--set \"组数\" has no `=`"],
    );
}

#[test]
fn value_of_the_wrong_type() {
    let case = Case::new();
    case.write("word.yaml", "单位: 甲\n组数: 几\n");
    case.fill_fails(
        "t.txt",
        "s.yaml",
        "word.yaml",
        &[
            "value \"几\" for field `组数` is not an integer",
            "--> word.yaml:2:5",
            "s.yaml:5 declares `组数` as integer",
        ],
    );
}

#[test]
fn an_impossible_date() {
    let case = Case::new();
    case.write(
        "date.yaml",
        "version: 1\nfields:\n  日期:\n    type: date\n    anchors: [现将X上半年]\n  组数:\n    type: integer\n    anchors: [分为X个组]\n",
    );
    for (given, why) in [
        ("2026-02-29", "2026年2月 has 28 days"),
        ("2026年2月31日", "2026年2月 has 28 days"),
        ("2026-13-01", "there is no month 13"),
    ] {
        case.fails(
            &[
                "fill",
                "t.txt",
                "--schema",
                "date.yaml",
                "--set",
                &format!("日期={given}"),
            ],
            &[
                &format!("value \"{given}\" for field `日期` is not a real date"),
                why,
            ],
        );
    }
}

/// Issue 12: a NUL in a value was written into the output.
#[test]
fn a_control_character_in_a_value() {
    let case = Case::new();
    case.write("nul.yaml", "单位: \"县\\0局\"\n组数: 4\n");
    case.fill_fails(
        "t.txt",
        "s.yaml",
        "nul.yaml",
        &[
            "value \"县\\0局\" for field `单位` is not text without control characters: it holds U+0000 at character 2",
            "--> nul.yaml:1:5",
        ],
    );
    case.fails(
        &[
            "fill",
            "t.txt",
            "--schema",
            "s.yaml",
            "--set",
            "单位=县\u{1b}[2J局",
            "--set",
            "组数=4",
        ],
        &["field `单位`", "U+001B"],
    );
}

/// Issue 12: `\d+)|(.*` compiled once wrapped in `^(?:…)$`, and matched anything.
#[test]
fn a_field_pattern_that_does_not_compile_alone() {
    let case = Case::new();
    case.write(
        "pattern.yaml",
        "version: 1\nfields:\n  单位:\n    pattern: '\\d+)|(.*'\n    anchors: [现将X上半年]\n",
    );
    case.fill_fails(
        "t.txt",
        "pattern.yaml",
        "v.yaml",
        &[
            "`pattern` of field `单位` is not a valid regular expression",
            "--> pattern.yaml:4:14",
            "unopened group",
        ],
    );
}

/// Issue 12: a date format's unknown directive was written as it stood; a field named ""
/// was accepted.
#[test]
fn a_date_format_directive_or_a_field_name_that_is_not_one() {
    let case = Case::new();
    case.write(
        "format.yaml",
        "version: 1\nfields:\n  单位:\n    anchors: [现将X上半年]\n  日期:\n    type: date\n    format: '%Y年%Q'\n    anchors: [分为X个组]\n",
    );
    case.fill_fails(
        "t.txt",
        "format.yaml",
        "v.yaml",
        &[
            "`format` of field `日期` has the unknown directive `%Q`",
            "--> format.yaml:7:13",
            "%Y (2026)",
        ],
    );
    case.write(
        "empty-name.yaml",
        "version: 1\nfields:\n  \"\":\n    anchors: [现将X上半年]\n",
    );
    case.fill_fails(
        "t.txt",
        "empty-name.yaml",
        "v.yaml",
        &["a field's name is empty", "--> empty-name.yaml:3:3"],
    );
}

#[test]
fn truncated_or_corrupt_docx() {
    let case = Case::new();
    let good = docx(&format!(
        "<w:document {W}><w:body><w:p><w:r><w:t>分为X个组</w:t></w:r></w:p></w:body></w:document>"
    ));
    case.write("cut.docx", &good[..good.len() / 2]);
    case.fill_fails(
        "cut.docx",
        "s.yaml",
        "v.yaml",
        &["cut.docx is not a usable .docx"],
    );
    // The end of central directory record damaged: the archive cannot be listed.
    let mut corrupt = good.clone();
    let end = corrupt.len();
    for b in &mut corrupt[end - 22..end - 12] {
        *b ^= 0x5a;
    }
    case.write("corrupt.docx", &corrupt);
    case.fill_fails(
        "corrupt.docx",
        "s.yaml",
        "v.yaml",
        &["corrupt.docx is not a usable .docx"],
    );
}

/// A slot that a schema's pattern runs across two paragraphs of a .docx is blamed on the
/// slot and the pattern, not on the document (issue 12, item 19).
#[test]
fn docx_slot_across_paragraphs_blames_the_pattern() {
    let case = Case::new();
    case.write(
        "two.docx",
        docx(&format!(
            "<w:document {W}><w:body><w:p><w:r><w:t>由X党委负责，</w:t></w:r></w:p><w:p><w:r><w:t>分为X个组。</w:t></w:r></w:p></w:body></w:document>"
        )),
    );
    case.write(
        "across.yaml",
        "version: 1\npatterns: [\"X党委负责，\\\\n分为X\"]\nfields:\n  组数:\n    anchors: [\"由[[X党委负责，\\n分为X]]个组\"]\n",
    );
    case.fails(
        &["fill", "two.docx", "--schema", "across.yaml", "--set", "组数=3"],
        &[
            "cannot fill two.docx: the slot at 1:2 (word/document.xml, paragraph 1) runs across the end of a paragraph",
            "a schema's `patterns` made this slot",
        ],
    );
}

/// A package that names one entry twice lost one of them in the .docx written back (issue 12,
/// item 20): it is refused, saying so.
#[test]
fn docx_with_an_entry_named_twice_is_refused() {
    let case = Case::new();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<Types/>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(
        format!("<w:document {W}><w:body><w:p><w:r><w:t>分为X个组</w:t></w:r></w:p></w:body></w:document>")
            .as_bytes(),
    )
    .unwrap();
    for name in ["word/aaaa.xml", "word/bbbb.xml"] {
        zip.start_file(name, options).unwrap();
        zip.write_all(b"<a/>").unwrap();
    }
    let mut bytes = zip.finish().unwrap().into_inner();
    // The zip writer refuses a name twice; rename the second entry in place (its local
    // header and its central directory record).
    let (from, to) = (b"word/bbbb.xml", b"word/aaaa.xml");
    let mut i = 0;
    while let Some(at) = bytes[i..].windows(from.len()).position(|w| w == from) {
        bytes[i + at..i + at + to.len()].copy_from_slice(to);
        i += at + to.len();
    }
    case.write("twice.docx", bytes);
    case.fill_fails(
        "twice.docx",
        "s.yaml",
        "v.yaml",
        &[
            "twice.docx is not a usable .docx",
            "an entry's name comes twice",
        ],
    );
}

#[test]
fn docx_whose_document_xml_is_not_well_formed() {
    let case = Case::new();
    let bad = docx(&format!(
        "<w:document {W}><w:body><w:p><w:r><w:t>分为X个组</w:r></w:p></w:body></w:document>"
    ));
    case.write("bad.docx", bad);
    case.fill_fails(
        "bad.docx",
        "s.yaml",
        "v.yaml",
        &["bad.docx is not a usable .docx", "word/document.xml"],
    );
}

/// Not an error: a file on one line of any length is scanned in linear time and bounded
/// memory (a slot's context and excerpt never copy the line).
fn one_long_line(megabytes: usize) {
    let case = Case::new();
    // One slot per 64 KB: the point is the length of the line, not the number of slots.
    let filler = "本段文字没有换行，内容很长。".repeat(64 * 1024 / 42);
    let mut line = String::with_capacity(megabytes << 20);
    while line.len() < megabytes << 20 {
        line.push_str(&filler);
        line.push_str("统计共计X个项目，");
    }
    let slots = line.matches('X').count();
    let path = case.write("long.txt", &line);
    drop(line);
    let output = Command::cargo_bin("xfill")
        .unwrap()
        .arg("check")
        .arg("--format")
        .arg("json")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let report = &report[0];
    assert_eq!(report["remaining"].as_array().unwrap().len(), slots);
    let last = &report["remaining"][slots - 1];
    assert_eq!(last["line"], 1);
    assert_eq!(last["after"], "个项目，");
    // The human report excerpts the line around each slot.
    let human = Command::cargo_bin("xfill")
        .unwrap()
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8(human.stdout).unwrap();
    assert!(
        stdout.lines().all(|l| l.chars().count() < 200),
        "a long line was printed whole"
    );
}

#[test]
fn a_long_single_line_file() {
    one_long_line(20);
}

/// The README's row: 200 MB on one line. Takes a while in a debug build; run it with
/// `cargo test --release --test bad_inputs -- --ignored`.
#[test]
#[ignore = "200 MB: run with --release -- --ignored"]
fn a_200_mb_single_line_file() {
    one_long_line(200);
}

/// A value GB18030 cannot hold is an error naming the field and the character, not a
/// character reference written into the document (issue 12, item 9).
#[test]
fn value_the_output_encoding_cannot_hold() {
    let case = Case::new();
    let gbk = xfill::encoding::encode(TEMPLATE, xfill::encoding::Encoding::Gb18030, false);
    case.write("gbk.txt", gbk);
    case.write("pua.yaml", "单位: \"县\u{E5E5}局\"\n组数: 4\n");
    case.fill_fails(
        "gbk.txt",
        "s.yaml",
        "pua.yaml",
        &["the value of `单位`", "U+E5E5", "gb18030 cannot encode"],
    );
}

/// A lone UTF-16 surrogate is reported at its byte in the file (issue 12, item 18).
#[test]
fn lone_utf16_surrogate_at_its_byte() {
    let case = Case::new();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "现将X上半年".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes.extend_from_slice(&[0x00, 0xD8]); // a high surrogate at byte 14, alone
    for unit in "工作".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    case.write("u16.txt", bytes);
    case.fill_fails(
        "u16.txt",
        "s.yaml",
        "v.yaml",
        &["u16.txt is not valid utf-16le: bad byte at offset 14"],
    );
}

/// A UTF-8 file with one bad byte says so, with the byte's place, rather than "not valid
/// gb18030" somewhere else (issue 12, item 18).
#[test]
fn utf8_file_with_one_bad_byte() {
    let case = Case::new();
    let mut bytes = "现将X上半年工作总结\n分为\nabcd".as_bytes().to_vec();
    assert_eq!(bytes.len(), 40);
    bytes.push(0xFF);
    bytes.extend_from_slice("X个组。\n".as_bytes());
    case.write("one.txt", bytes);
    case.fill_fails(
        "one.txt",
        "s.yaml",
        "v.yaml",
        &[
            "one.txt is not valid UTF-8 at byte 40 (line 3, column 5); the rest of the file is UTF-8",
            "fix that byte, or pass --encoding gb18030",
        ],
    );
}

// ---------------------------------------------------------------------------------------
// Writes that would lose data: each is refused with exit 2, the files as they were.

impl Case {
    /// Runs xfill in the case's folder, colour off; checks exit 2, no panic, a help line
    /// (clap's usage errors point to --help) and each of `needles` in stderr.
    fn refused(&self, args: &[&str], needles: &[&str]) {
        let output = Command::cargo_bin("xfill")
            .unwrap()
            .current_dir(self.dir.path())
            .args(["--color", "never"])
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}\n{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(stderr.contains("help"), "no help in\n{stderr}");
        for needle in needles {
            assert!(
                stderr.contains(needle),
                "{args:?}: no {needle:?} in\n{stderr}"
            );
        }
    }

    fn read(&self, name: &str) -> Vec<u8> {
        fs::read(self.path(name)).unwrap()
    }

    /// The names of the case's folder that start with `.tmp`.
    fn temps(&self) -> Vec<String> {
        fs::read_dir(self.dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".tmp"))
            .collect()
    }
}

/// `-o` naming an input of the same command replaced it (issue 12, item 3): the values
/// file, the template, the filled document, the schema; also through a symbolic or hard link.
#[test]
fn output_onto_an_input_of_the_command() {
    let case = Case::new();
    case.write(
        "f.txt",
        "现将县经信局上半年工作总结如下：\n党员干部分为4个组。\n",
    );
    std::os::unix::fs::symlink("v.yaml", case.path("v-link.yaml")).unwrap();
    fs::hard_link(case.path("t.txt"), case.path("t-hard.txt")).unwrap();
    let fill = [
        "fill", "t.txt", "--schema", "s.yaml", "--values", "v.yaml", "-o",
    ];
    for (out, input) in [
        ("v.yaml", "v.yaml"),
        ("v-link.yaml", "v.yaml"),
        ("t.txt", "t.txt"),
        ("t-hard.txt", "t.txt"),
        ("s.yaml", "s.yaml"),
    ] {
        let mut args = fill.to_vec();
        args.push(out);
        case.refused(
            &args,
            &[&format!("will not write {out}"), input, "an input"],
        );
    }
    case.refused(&["extract", "t.txt", "f.txt", "-o", "t.txt"], &["t.txt"]);
    case.refused(&["extract", "t.txt", "f.txt", "-o", "f.txt"], &["f.txt"]);
    case.refused(&["init", "t.txt", "-o", "t.txt"], &["will not write t.txt"]);
    case.refused(
        &["init", "t.txt", "-o", "t-hard.txt", "--force"],
        &["t.txt"],
    );
    case.refused(
        &[
            "init", "t.txt", "--from", "s.yaml", "-o", "s.yaml", "--force",
        ],
        &["s.yaml"],
    );
    assert_eq!(case.read("t.txt"), TEMPLATE.as_bytes());
    assert_eq!(case.read("s.yaml"), SCHEMA.as_bytes());
    assert_eq!(case.read("v.yaml"), VALUES.as_bytes());
    assert!(case.temps().is_empty());
}

/// `--backup=` (an empty suffix) "backed up" the template onto itself (issue 12, item 2);
/// an existing backup, or a symbolic link by its name, was overwritten or followed.
#[test]
fn in_place_backup_is_never_lost_nor_followed() {
    let case = Case::new();
    let in_place = |suffix: &str| {
        let backup = format!("--backup={suffix}");
        vec![
            "fill".to_string(),
            "t.txt".into(),
            "--schema".into(),
            "s.yaml".into(),
            "--values".into(),
            "v.yaml".into(),
            "--in-place".into(),
            backup,
        ]
    };
    let args = in_place("");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    case.refused(&args, &["empty --backup suffix"]);
    assert_eq!(case.read("t.txt"), TEMPLATE.as_bytes());

    // An existing backup is kept, and so is the template.
    case.write("t.txt.bak", "an older backup");
    let args = in_place(".bak");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    case.refused(&args, &["will not write t.txt.bak", "exists"]);
    assert_eq!(case.read("t.txt.bak"), b"an older backup");
    assert_eq!(case.read("t.txt"), TEMPLATE.as_bytes());

    // A link by the backup's name is not followed.
    std::os::unix::fs::symlink("kept.txt", case.path("t.txt.orig")).unwrap();
    let args = in_place(".orig");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    case.refused(&args, &["t.txt.orig", "symbolic link"]);
    assert_eq!(case.read("kept.txt"), b"keep");
    assert_eq!(case.read("t.txt"), TEMPLATE.as_bytes());

    // A new suffix: the backup is the template as it was, the template is filled.
    let out = Command::cargo_bin("xfill")
        .unwrap()
        .current_dir(case.dir.path())
        .args(in_place(".old"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(case.read("t.txt.old"), TEMPLATE.as_bytes());
    assert!(
        String::from_utf8(case.read("t.txt"))
            .unwrap()
            .contains("县经信局")
    );
    assert!(case.temps().is_empty());
}

/// `init -o` over a schema edited by hand lost it (issue 16, item 8).
#[test]
fn init_keeps_an_existing_schema_unless_forced() {
    let case = Case::new();
    case.write("edited.yaml", "# my fields\n");
    case.refused(
        &["init", "t.txt", "-o", "edited.yaml"],
        &["will not write edited.yaml", "exists", "--force"],
    );
    assert_eq!(case.read("edited.yaml"), b"# my fields\n");
    let out = Command::cargo_bin("xfill")
        .unwrap()
        .current_dir(case.dir.path())
        .args(["init", "t.txt", "-o", "edited.yaml", "--force"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.ends_with(" for 2 slots → edited.yaml\n"), "{stderr}");
    assert!(
        String::from_utf8(case.read("edited.yaml"))
            .unwrap()
            .contains("fields:")
    );
    // `init` prints YAML only: no --format.
    case.refused(&["init", "t.txt", "--format", "json"], &["--format"]);
}

/// `scan /dev/zero` read until memory ran out (issue 12, item 15): every input is read up
/// to --max-size (256 MB unless raised), and the message says which file and how to raise it.
#[test]
fn input_larger_than_max_size() {
    let case = Case::new();
    case.refused(
        &["scan", "/dev/zero"],
        &["/dev/zero is larger than 256 MB", "--max-size"],
    );
    case.refused(
        &[
            "--max-size",
            "20",
            "fill",
            "t.txt",
            "--schema",
            "s.yaml",
            "--values",
            "v.yaml",
        ],
        &["t.txt is larger than 20 bytes"],
    );
    case.refused(
        &[
            "fill",
            "t.txt",
            "--schema",
            "s.yaml",
            "--values",
            "v.yaml",
            "--max-size",
            "100",
        ],
        &["s.yaml is larger than 100 bytes"],
    );
    let out = Command::cargo_bin("xfill")
        .unwrap()
        .args(["scan", "-", "--max-size", "10"])
        .write_stdin(TEMPLATE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("<stdin> is larger than 10 bytes"));
    case.refused(&["scan", "t.txt", "--max-size", "lots"], &["not a size"]);
    // Under the cap, as before.
    let out = Command::cargo_bin("xfill")
        .unwrap()
        .current_dir(case.dir.path())
        .args(["--max-size", "1K", "scan", "t.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

/// Ctrl-C or SIGTERM during a write left a temp file of the output's size beside it
/// (issue 12, item 4): the temp file is removed and xfill exits 128 + the signal.
#[test]
fn sigterm_during_a_write_leaves_no_temp_file() {
    let case = Case::new();
    let mut text = String::from("党员干部分为X个组。\n");
    text.push_str(&"其他内容照常填写，没有任何空位。\n".repeat(1_200_000)); // ~58 MB
    case.write("big.txt", &text);
    drop(text);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("xfill"))
        .current_dir(case.dir.path())
        .args([
            "fill", "big.txt", "--schema", "s.yaml", "--set", "组数=4", "-o", "out.txt",
        ])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the temp file, then interrupt the write.
    let seen = loop {
        if !case.temps().is_empty() {
            break true;
        }
        if child.try_wait().unwrap().is_some() {
            break false;
        }
    };
    assert!(seen, "the write ended before a temp file was seen");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(
        case.temps().is_empty(),
        "temp files left: {:?}",
        case.temps()
    );
    // The signal came while the temp file was written (exit 143); should the rename have
    // won the race, the output is whole.
    match status.code() {
        Some(143) => {}
        Some(0) => assert_eq!(
            fs::metadata(case.path("out.txt")).unwrap().len(),
            fs::metadata(case.path("big.txt")).unwrap().len()
        ),
        other => panic!("exit {other:?}"),
    }
}

/// 250,000 nested `[` in a values file took minutes before "recursion limit" (issue 12,
/// item 16); brackets nested deeper than a flat file needs are refused at once, at the place,
/// in a values file and a schema alike. A block mapping 1,000 deep and an
/// alias bomb are refused too.
#[test]
fn yaml_nested_too_deep_is_refused_at_once() {
    let case = Case::new();
    case.write("deep.yaml", format!("a: {}\n", "[".repeat(250_000)));
    let needles = [
        "deep.yaml is not valid YAML: lists and mappings nest more than 64 levels deep",
        "deep.yaml:1:68",
    ];
    case.fill_fails("t.txt", "s.yaml", "deep.yaml", &needles);
    case.fill_fails("t.txt", "deep.yaml", "v.yaml", &needles);
    let block: String = (0..1_000)
        .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
        .collect();
    case.write("block.yaml", block);
    case.fill_fails(
        "t.txt",
        "s.yaml",
        "block.yaml",
        &[
            "block.yaml is not valid YAML: lists and mappings nest more than 64 levels deep",
            "block.yaml:65:",
        ],
    );
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        bomb.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        ));
    }
    case.write("bomb.yaml", bomb);
    case.fill_fails(
        "t.txt",
        "s.yaml",
        "bomb.yaml",
        &["bomb.yaml is not valid YAML"],
    );
    case.fill_fails(
        "t.txt",
        "bomb.yaml",
        "v.yaml",
        &["bomb.yaml is not valid YAML"],
    );
}

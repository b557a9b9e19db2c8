//! `xfill batch` (one filled file per row of a CSV, JSON Lines or YAML file) and `xfill check`
//! over several files and folders, run as the built binary, plus the library's rows API.
//!
//! Each test works in a temp dir holding copies of `samples/summary.txt` and its schema, so
//! that every path in the output is relative and the snapshots need no filters. A row's
//! expected file is what the library's fill makes of the same values, and the row with the
//! values of `samples/summary.values.yaml` must give `samples/summary.filled.txt` exactly.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use insta::assert_snapshot;
use xfill::encoding::{self, Encoding};
use xfill::rows::{self, NamePattern, Rows};
use xfill::schema::Schema;
use xfill::{bind, fill, values};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A row: field → value, in the order of the values file.
type Row = Vec<(String, String)>;

/// A temp dir with the summary template and schema in it.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("a temp dir");
        for name in ["summary.txt", "summary.schema.yaml"] {
            fs::copy(
                Path::new(ROOT).join("samples").join(name),
                dir.path().join(name),
            )
            .expect("samples are readable");
        }
        Sandbox { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(path, bytes).unwrap();
    }

    /// `xfill ARGS` in the sandbox, colour off.
    fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, None)
    }

    fn run_with_stdin(&self, args: &[&str], stdin: Option<Vec<u8>>) -> Run {
        let mut cmd = Command::cargo_bin("xfill").expect("cargo builds the xfill binary");
        cmd.current_dir(self.dir.path())
            .env_remove("NO_COLOR")
            .env("TERM", "dumb")
            .args(["--color", "never"])
            .args(args);
        if let Some(bytes) = stdin {
            cmd.write_stdin(bytes);
        }
        let out = cmd.output().expect("xfill runs");
        Run {
            line: std::iter::once("xfill")
                .chain(args.iter().copied())
                .collect::<Vec<_>>()
                .join(" "),
            code: out.status.code().expect("xfill exits with a code"),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// `xfill batch summary.txt --schema summary.schema.yaml --rows ROWS ARGS`, into `out`
    /// unless ARGS name another `--out-dir`.
    fn batch(&self, rows: &str, args: &[&str]) -> Run {
        let mut all = vec![
            "batch",
            "summary.txt",
            "--schema",
            "summary.schema.yaml",
            "--rows",
            rows,
        ];
        if !args.contains(&"--out-dir") {
            all.extend(["--out-dir", "out"]);
        }
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// The names in a folder of the sandbox, files and folders, sorted.
    fn entries(&self, dir: &str) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.path(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// The files of a folder of the sandbox, by name.
    fn files(&self, dir: &str) -> BTreeMap<String, Vec<u8>> {
        let Ok(entries) = fs::read_dir(self.path(dir)) else {
            return BTreeMap::new();
        };
        entries
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    }
}

struct Run {
    line: String,
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn render(&self) -> String {
        format!(
            "$ {}\nexit: {}\n----- stdout -----\n{}----- stderr -----\n{}",
            self.line, self.code, self.stdout, self.stderr
        )
    }

    fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "{}", self.render());
        assert!(!self.stderr.contains("panicked"), "{}", self.render());
        self
    }

    fn assert_stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.render()
        );
        self
    }

    fn assert_stdout_has(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.render()
        );
        self
    }
}

/// The values of `samples/summary.values.yaml`, in order, as text.
fn sample_row() -> Row {
    let text = fs::read_to_string(Path::new(ROOT).join("samples/summary.values.yaml")).unwrap();
    let map: serde_json::Map<String, serde_json::Value> = serde_saphyr::from_str(&text).unwrap();
    map.iter()
        .map(|(k, v)| {
            let v = match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                other => panic!("unexpected value {other:?}"),
            };
            (k.clone(), v)
        })
        .collect()
}

/// `n` rows: the first is the sample's values; the others change the town and some numbers.
fn towns(n: usize) -> Vec<Row> {
    (0..n)
        .map(|i| {
            let mut row = sample_row();
            if i > 0 {
                set(&mut row, "镇名", &format!("镇{i}"));
                set(&mut row, "单位名称", &format!("镇{i}镇"));
                set(&mut row, "农村党员数", &(400 + i).to_string());
                set(&mut row, "同比增长", &format!("{}.{}", i % 20, i % 10));
            }
            row
        })
        .collect()
}

fn set(row: &mut Row, field: &str, value: &str) {
    let cell = row.iter_mut().find(|(f, _)| f == field).expect("a field");
    cell.1 = value.to_string();
}

fn csv(rows: &[Row]) -> String {
    let mut out = rows[0]
        .iter()
        .map(|(f, _)| f.as_str())
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|(_, v)| {
                if v.contains([',', '"', '\n']) {
                    format!("\"{}\"", v.replace('"', "\"\""))
                } else {
                    v.clone()
                }
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// JSON Lines, numbers as JSON numbers.
fn jsonl(rows: &[Row]) -> String {
    rows.iter()
        .map(|row| {
            let map: serde_json::Map<String, serde_json::Value> = row
                .iter()
                .map(|(f, v)| {
                    let value = match v.parse::<serde_json::Number>() {
                        Ok(n) if !v.starts_with('0') || v == "0" => serde_json::Value::Number(n),
                        _ => serde_json::Value::String(v.clone()),
                    };
                    (f.clone(), value)
                })
                .collect();
            serde_json::to_string(&map).unwrap() + "\n"
        })
        .collect()
}

fn yaml(rows: &[Row]) -> String {
    let mut out = String::from("# one mapping per row\n");
    for row in rows {
        for (i, (f, v)) in row.iter().enumerate() {
            out.push_str(if i == 0 { "- " } else { "  " });
            out.push_str(&format!("{f}: {v}\n"));
        }
    }
    out
}

/// What `fill` makes of the summary template with `row`'s values, through the library.
fn expected(row: &Row) -> Vec<u8> {
    let bytes = fs::read(Path::new(ROOT).join("samples/summary.txt")).unwrap();
    let schema_text =
        fs::read_to_string(Path::new(ROOT).join("samples/summary.schema.yaml")).unwrap();
    library_fill(&bytes, &schema_text, &[], row, false).expect("the row's values are right")
}

/// What the library's fill makes of the template `bytes` with `shared` and then `row` given
/// as `--set`s (empty values left out): the file's bytes, or None when a value is refused.
fn library_fill(
    bytes: &[u8],
    schema_text: &str,
    shared: &[(String, String)],
    row: &Row,
    mark: bool,
) -> Option<Vec<u8>> {
    let doc = encoding::decode(bytes, "t.txt", None).unwrap();
    let schema = Schema::parse(schema_text, "s.yaml").unwrap();
    let slots = schema.scanner().scan(&doc.text);
    let bindings = bind::bind(&schema, &doc.text, &slots);
    let sets: Vec<String> = shared
        .iter()
        .chain(row.iter().filter(|(_, v)| !v.is_empty()))
        .map(|(f, v)| format!("{f}={v}"))
        .collect();
    let values = values::resolve(&schema, None, &sets).ok()?;
    let filled = fill::fill(
        &doc.text,
        &slots,
        &bindings,
        &schema,
        &values,
        fill::Options { mark },
    );
    Some(doc.with_text(filled.text).encode())
}

fn numbered(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("{i:04}.txt")).collect()
}

/// Each row's file is what fill makes of its values; the sample row's is the sample's.
fn assert_outputs(sandbox: &Sandbox, rows: &[Row]) {
    let files = sandbox.files("out");
    assert_eq!(
        files.keys().cloned().collect::<Vec<_>>(),
        numbered(rows.len())
    );
    let filled = fs::read(Path::new(ROOT).join("samples/summary.filled.txt")).unwrap();
    assert_eq!(files["0001.txt"], filled, "the sample row gives the sample");
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(
            files[&format!("{:04}.txt", i + 1)],
            expected(row),
            "row {}",
            i + 1
        );
    }
}

// ---------------------------------------------------------------------------------------
// Formats and encodings of the rows

#[test]
fn csv_with_bom_gives_one_filled_file_per_row() {
    let sandbox = Sandbox::new();
    let rows = towns(4);
    sandbox.write("rows.csv", format!("\u{feff}{}", csv(&rows)));
    sandbox
        .batch("rows.csv", &[])
        .assert_code(0)
        .assert_stderr_has(
            "xfill: 4 rows: 4 written to out (4 complete, 0 with slots left), 0 rejected",
        );
    assert_outputs(&sandbox, &rows);
}

#[test]
fn gb18030_csv_as_chinese_excel_saves_it() {
    let sandbox = Sandbox::new();
    let rows = towns(3);
    let text = csv(&rows).replace('\n', "\r\n");
    sandbox.write(
        "rows.csv",
        encoding::encode(&text, Encoding::Gb18030, false),
    );
    sandbox.batch("rows.csv", &[]).assert_code(0);
    assert_outputs(&sandbox, &rows);
}

#[test]
fn json_lines() {
    let sandbox = Sandbox::new();
    let rows = towns(3);
    sandbox.write("rows.jsonl", jsonl(&rows));
    sandbox.batch("rows.jsonl", &[]).assert_code(0);
    assert_outputs(&sandbox, &rows);
}

#[test]
fn yaml_list() {
    let sandbox = Sandbox::new();
    let rows = towns(3);
    sandbox.write("rows.yaml", yaml(&rows));
    sandbox.batch("rows.yaml", &[]).assert_code(0);
    assert_outputs(&sandbox, &rows);
}

#[test]
fn stdin_is_sniffed_csv_jsonl_or_yaml() {
    let rows = towns(3);
    for text in [csv(&rows), jsonl(&rows), yaml(&rows)] {
        let sandbox = Sandbox::new();
        let mut args = vec![
            "batch",
            "summary.txt",
            "--schema",
            "summary.schema.yaml",
            "--rows",
            "-",
            "--out-dir",
            "out",
        ];
        args.extend(["--format", "json"]);
        let run = sandbox.run_with_stdin(&args, Some(text.into_bytes()));
        run.assert_code(0)
            .assert_stdout_has("\"rows_file\":\"<stdin>\"");
        assert_outputs(&sandbox, &rows);
    }
}

#[test]
fn extension_that_says_nothing_is_sniffed() {
    let sandbox = Sandbox::new();
    let rows = towns(2);
    sandbox.write("rows.json", jsonl(&rows));
    sandbox.write("rows.txt", yaml(&rows));
    sandbox.batch("rows.json", &[]).assert_code(0);
    assert_outputs(&sandbox, &rows);
    fs::remove_dir_all(sandbox.path("out")).unwrap();
    sandbox.batch("rows.txt", &[]).assert_code(0);
    assert_outputs(&sandbox, &rows);
}

#[test]
fn output_keeps_the_templates_encoding_and_line_ends() {
    let sandbox = Sandbox::new();
    let template = fs::read_to_string(sandbox.path("summary.txt")).unwrap();
    let crlf = template.replace('\n', "\r\n");
    sandbox.write(
        "summary.txt",
        encoding::encode(&crlf, Encoding::Gb18030, false),
    );
    let rows = towns(2);
    sandbox.write("rows.csv", csv(&rows));
    sandbox.batch("rows.csv", &[]).assert_code(0);
    let filled = fs::read_to_string(Path::new(ROOT).join("samples/summary.filled.txt")).unwrap();
    let want = encoding::encode(&filled.replace('\n', "\r\n"), Encoding::Gb18030, false);
    assert_eq!(sandbox.files("out")["0001.txt"], want);
}

#[test]
fn docx_template_gives_docx_files() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "t.docx",
        docx("关于X上半年工作的总结", "党员干部分为X个组。"),
    );
    sandbox.write(
        "t.schema.yaml",
        "version: 1\nfields:\n  单位:\n    anchors: [关于X]\n  组数:\n    type: integer\n    anchors: [分为X个组]\n",
    );
    sandbox.write("rows.csv", "单位,组数\n县经信局,4\n县农业局,5\n");
    sandbox
        .run(&[
            "batch",
            "t.docx",
            "--schema",
            "t.schema.yaml",
            "--rows",
            "rows.csv",
            "--out-dir",
            "out",
            "--name",
            "{单位}.docx",
        ])
        .assert_code(0);
    let files = sandbox.files("out");
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        ["县农业局.docx", "县经信局.docx"]
    );
    let doc = xfill::docx::Docx::open(files["县经信局.docx"].clone(), "out").unwrap();
    assert_eq!(
        doc.text(),
        "关于县经信局上半年工作的总结\n党员干部分为4个组。\n"
    );
}

/// A Word package with two paragraphs, as small as Word still opens.
fn docx(first: &str, second: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string(),
        ),
        (
            "word/document.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{first}</w:t></w:r></w:p><w:p><w:r><w:t>{second}</w:t></w:r></w:p></w:body></w:document>"#
            ),
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

// ---------------------------------------------------------------------------------------
// File names

#[test]
fn name_pattern_takes_the_rows_values() {
    let sandbox = Sandbox::new();
    let rows = towns(3);
    sandbox.write("rows.csv", csv(&rows));
    sandbox
        .batch("rows.csv", &["--name", "{镇名}-{日期年}-{#}.txt"])
        .assert_code(0);
    let files = sandbox.files("out");
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        [
            "镇1-2023-0002.txt",
            "镇2-2023-0003.txt",
            "青石-2023-0001.txt"
        ]
    );
    assert_eq!(files["镇2-2023-0003.txt"], expected(&rows[2]));
}

#[test]
fn names_that_would_leave_the_folder_are_sanitised() {
    let sandbox = Sandbox::new();
    let mut rows = towns(6);
    let towns = [
        "../x",
        "/etc/xfill-batch-test",
        "CON",
        "a:b?c",
        "..",
        "青石",
    ];
    for (row, town) in rows.iter_mut().zip(towns) {
        set(row, "镇名", town);
    }
    sandbox.write("rows.csv", csv(&rows));
    let before = sandbox.entries(".");
    let run = sandbox.batch(
        "rows.csv",
        &["--name", "{镇名}.txt", "--out-dir", "deep/er/out"],
    );
    run.assert_code(0);
    let files = sandbox.files("deep/er/out");
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        [
            "_CON.txt",
            "_etc_xfill-batch-test.txt",
            "_x.txt",
            "a_b_c.txt",
            "txt",
            "青石.txt"
        ]
    );
    // Nothing beside the sandbox's own files, nothing in /etc, no temp file left behind.
    let mut after = sandbox.entries(".");
    after.retain(|f| f != "deep");
    assert_eq!(after, before);
    assert!(!Path::new("/etc/xfill-batch-test.txt").exists());
    assert!(!sandbox.path("x.txt").exists());
    // Each changed name is reported with its row; the safe ones are not.
    assert!(
        run.stderr.contains(
            "renamed: row 1 (rows.csv:2): the name \"../x.txt\" is not a safe file name in the output folder; writing \"_x.txt\""
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("renamed:").count(), 5, "{}", run.stderr);
}

#[test]
fn two_rows_with_the_same_name_stop_the_run_before_anything_is_written() {
    let sandbox = Sandbox::new();
    let mut rows = towns(4);
    set(&mut rows[2], "镇名", "青石"); // the same as row 1
    sandbox.write("rows.csv", csv(&rows));
    let run = sandbox.batch("rows.csv", &["--name", "{镇名}.txt"]);
    run.assert_code(2)
        .assert_stderr_has("error: rows 1 and 3 both get the file name `青石.txt`")
        .assert_stderr_has("--> rows.csv:4:1");
    assert!(!sandbox.path("out").exists(), "not even the folder is made");
    assert_snapshot!(run.render());

    // Names that differ only in case are the same file on Windows and macOS.
    sandbox.write("out/keep.txt", "old");
    let mut rows = towns(2);
    set(&mut rows[0], "镇名", "abc");
    set(&mut rows[1], "镇名", "ABC");
    sandbox.write("rows.csv", csv(&rows));
    sandbox
        .batch("rows.csv", &["--name", "{镇名}.txt"])
        .assert_code(2)
        .assert_stderr_has("rows 1 and 2 both get the file name `ABC.txt`");
    assert_eq!(
        sandbox.files("out").into_keys().collect::<Vec<_>>(),
        ["keep.txt"]
    );
}

#[test]
fn a_row_would_overwrite_an_input() {
    let sandbox = Sandbox::new();
    let mut rows = towns(1);
    set(&mut rows[0], "镇名", "summary");
    sandbox.write("rows.csv", csv(&rows));
    sandbox
        .batch("rows.csv", &["--name", "{镇名}.TXT", "--out-dir", "."])
        .assert_code(2)
        .assert_stderr_has("row 1 would be written over summary.txt, an input of this run");
    assert!(
        fs::read_to_string(sandbox.path("summary.txt"))
            .unwrap()
            .contains("X镇党委")
    );
}

#[test]
fn a_row_without_the_value_its_name_needs_is_rejected() {
    let sandbox = Sandbox::new();
    let mut rows = towns(2);
    set(&mut rows[1], "开发区名称", "");
    sandbox.write("rows.csv", csv(&rows));
    sandbox
        .batch("rows.csv", &["--name", "{开发区名称}{#}.txt"])
        .assert_code(1)
        .assert_stderr_has(
            "rejected: row 2 (rows.csv:3): no value for `开发区名称`, which --name uses",
        );
    assert_eq!(
        sandbox.files("out").into_keys().collect::<Vec<_>>(),
        ["临江经济技术0001.txt"]
    );
}

#[test]
fn bad_name_patterns_exit_2() {
    let sandbox = Sandbox::new();
    sandbox.write("rows.csv", csv(&towns(1)));
    sandbox
        .batch("rows.csv", &["--name", "{镇名.txt"])
        .assert_code(2)
        .assert_stderr_has("has a `{` that is not closed");
    sandbox
        .batch("rows.csv", &["--name", "{镇明}.txt"])
        .assert_code(2)
        .assert_stderr_has(
            "--name uses `镇明`, which is neither a field of the schema nor a column of rows.csv",
        )
        .assert_stderr_has("did you mean `镇名`?");
    assert!(!sandbox.path("out").exists());
}

// ---------------------------------------------------------------------------------------
// Values: checked like fill's; a bad row is rejected, the others written

#[test]
fn a_bad_value_rejects_its_row_only() {
    let sandbox = Sandbox::new();
    let mut rows = towns(4);
    set(&mut rows[1], "农村党员数", "十几");
    set(&mut rows[2], "村名", "");
    sandbox.write("rows.csv", csv(&rows));
    let run = sandbox.batch("rows.csv", &["--format", "json"]);
    run.assert_code(1)
        .assert_stderr_has(
            "rejected: row 2 (rows.csv:3): value \"十几\" for field `农村党员数` is not an integer",
        )
        .assert_stderr_has("slots left: row 3: no value for 村名")
        .assert_stderr_has(
            "xfill: 4 rows: 3 written to out (2 complete, 1 with slots left), 1 rejected",
        );
    assert_snapshot!(run.render());

    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    let statuses: Vec<&str> = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["complete", "rejected", "incomplete", "complete"]);
    assert_eq!(report["rows"][2]["missing_fields"][0], "村名");
    assert_eq!(report["rejected"], 1);

    let files = sandbox.files("out");
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        ["0001.txt", "0003.txt", "0004.txt"]
    );
    assert_eq!(files["0003.txt"], expected(&rows[2]));
    assert!(String::from_utf8_lossy(&files["0003.txt"]).contains("X村确"));
}

#[test]
fn mark_writes_the_missing_fields_name() {
    let sandbox = Sandbox::new();
    let mut rows = towns(1);
    set(&mut rows[0], "村名", "");
    sandbox.write("rows.jsonl", jsonl(&rows));
    sandbox.batch("rows.jsonl", &["--mark"]).assert_code(1);
    let out = String::from_utf8(sandbox.files("out").remove("0001.txt").unwrap()).unwrap();
    assert!(out.contains("【村名】村确"), "{out}");
}

#[test]
fn unknown_columns_stop_the_run_unless_skipped_or_named() {
    let sandbox = Sandbox::new();
    let mut rows = towns(2);
    for row in &mut rows {
        row.push(("镇明".into(), "x".into()));
        row.push(("编号".into(), "A1".into()));
    }
    sandbox.write("rows.csv", csv(&rows));
    let run = sandbox.batch("rows.csv", &["--name", "{编号}-{#}.txt"]);
    run.assert_code(2)
        .assert_stderr_has("unknown field `镇明`")
        .assert_stderr_has("did you mean `镇名`?");
    assert!(!run.stderr.contains("编号"), "a column --name uses is fine");
    assert!(!sandbox.path("out").exists());
    sandbox
        .batch("rows.csv", &["--name", "{编号}-{#}.txt", "--skip-unknown"])
        .assert_code(0)
        .assert_stderr_has("warning: skipped `镇明` (rows.csv:1): the schema has no such field");
    assert_eq!(sandbox.files("out").len(), 2);
}

#[test]
fn unreadable_rows_exit_2() {
    let sandbox = Sandbox::new();
    sandbox
        .batch("nope.csv", &[])
        .assert_code(2)
        .assert_stderr_has("cannot read nope.csv");
    sandbox.write("bad.jsonl", "{\"镇名\": \"青石\"}\n{oops\n");
    sandbox
        .batch("bad.jsonl", &[])
        .assert_code(2)
        .assert_stderr_has("bad.jsonl is not valid JSON Lines")
        .assert_stderr_has("--> bad.jsonl:2:");
    sandbox.write("bad.csv", "镇名,村名\n青石,柳湾,多余\n");
    sandbox
        .batch("bad.csv", &[])
        .assert_code(2)
        .assert_stderr_has("bad.csv:2 has 3 cells but the header names 2");
    sandbox.write("bad.yaml", "镇名: 青石\n");
    sandbox
        .batch("bad.yaml", &[])
        .assert_code(2)
        .assert_stderr_has("must be a list of mappings");
    assert!(!sandbox.path("out").exists());
}

// ---------------------------------------------------------------------------------------
// Parallel runs

#[test]
fn jobs_1_and_2_write_the_same_bytes() {
    let sandbox = Sandbox::new();
    let mut rows = towns(200);
    set(&mut rows[77], "村名", "");
    set(&mut rows[150], "企业数", "若干");
    sandbox.write("rows.csv", csv(&rows));
    let one = sandbox.batch(
        "rows.csv",
        &["--jobs", "1", "--format", "json", "--out-dir", "one"],
    );
    let two = sandbox.batch(
        "rows.csv",
        &["--jobs", "2", "--format", "json", "--out-dir", "two"],
    );
    one.assert_code(1);
    two.assert_code(1);
    assert_eq!(
        one.stdout.replace("one", "DIR"),
        two.stdout.replace("two", "DIR")
    );
    assert_eq!(
        one.stderr.replace("one", "DIR"),
        two.stderr.replace("two", "DIR")
    );
    let (one, two) = (sandbox.files("one"), sandbox.files("two"));
    assert_eq!(one.len(), 199);
    assert!(one == two, "the files of --jobs 1 and --jobs 2 differ");
}

/// 10,000 rows of the summary, written twice into the same folder: every file as fill makes
/// it, and the second run's files identical to the first's.
///
/// Ignored by default: it writes 20,000 files, which takes from 5 to 40 seconds depending
/// on the disk. Run it with `cargo test --release --test batch -- --ignored`.
#[test]
#[ignore = "writes 20,000 files; run with --ignored"]
fn ten_thousand_rows_twice() {
    let sandbox = Sandbox::new();
    let rows = towns(10_000);
    sandbox.write("rows.csv", csv(&rows));
    let started = std::time::Instant::now();
    sandbox
        .batch("rows.csv", &[])
        .assert_code(0)
        .assert_stderr_has("xfill: 10000 rows: 10000 written");
    let took = started.elapsed();
    let first = sandbox.files("out");
    let started = std::time::Instant::now();
    sandbox.batch("rows.csv", &[]).assert_code(0);
    let again = started.elapsed();
    let second = sandbox.files("out");
    assert_eq!(first.len(), 10_000);
    assert!(first == second, "a second run changed some files");
    let names: Vec<String> = (1..=10_000).map(|i| format!("{i:05}.txt")).collect();
    assert_eq!(first.keys().cloned().collect::<Vec<_>>(), names);
    for i in (0..10_000).step_by(613).chain([9_999]) {
        assert_eq!(first[&names[i]], expected(&rows[i]), "row {}", i + 1);
    }
    eprintln!("10,000 rows in {took:?}, again in {again:?}");
}

/// Issue 12: a NUL in a CSV cell was written into the document and the row called complete.
#[test]
fn a_control_character_in_a_cell_rejects_its_row() {
    let sandbox = Sandbox::new();
    let mut rows = towns(2);
    set(&mut rows[1], "村名", "柳\u{0}湾");
    sandbox.write("rows.csv", csv(&rows));
    let run = sandbox.batch("rows.csv", &[]);
    run.assert_code(1).assert_stderr_has(
        "rejected: row 2 (rows.csv:3): value \"柳\\0湾\" for field `村名` is not text without control characters: it holds U+0000 at character 2",
    );
    assert!(!sandbox.path("out/0002.txt").exists());
}

// ---------------------------------------------------------------------------------------
// The library: reading, checking and naming rows

#[test]
fn library_reads_a_gb18030_csv_row_by_row() {
    let text = "镇名,农村党员数\r\n青石,420\r\n白溪,十几\r\n";
    let bytes = encoding::encode(text, Encoding::Gb18030, false);
    let input = rows::detect(&bytes[..], Some("csv")).unwrap();
    assert_eq!(input.encoding, Encoding::Gb18030);
    let all: Vec<rows::Row> = Rows::new(&bytes[..], "rows.csv", input)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let schema_text =
        fs::read_to_string(Path::new(ROOT).join("samples/summary.schema.yaml")).unwrap();
    let schema = Schema::parse(&schema_text, "summary.schema.yaml").unwrap();
    let values = rows::resolve(&schema, &all[0], "rows.csv").unwrap();
    assert_eq!(values.get("农村党员数").unwrap().text, "420");
    let err = rows::resolve(&schema, &all[1], "rows.csv").unwrap_err();
    assert!(
        matches!(err, xfill::error::Error::BadValue { ref field, .. } if field == "农村党员数")
    );
    assert_eq!(err.location().unwrap().to_string(), "rows.csv:3:1");
    let pattern = NamePattern::parse("{镇名}/{#}.txt").unwrap();
    assert_eq!(pattern.name(&all[1], &schema, 4).unwrap(), "白溪_0002.txt");
}

// ---------------------------------------------------------------------------------------
// check over files and folders

#[test]
fn check_walks_folders_honouring_gitignore() {
    let sandbox = Sandbox::new();
    let filled = fs::read(Path::new(ROOT).join("samples/summary.filled.txt")).unwrap();
    let template = fs::read(Path::new(ROOT).join("samples/summary.txt")).unwrap();
    // .gitignore counts inside a git work tree only (issue 12, item 8).
    fs::create_dir_all(sandbox.path("docs/.git")).unwrap();
    sandbox.write("docs/.gitignore", "drafts/\n*.bak.txt\n");
    sandbox.write("docs/a.txt", &template);
    sandbox.write("docs/b.md", &filled);
    sandbox.write("docs/sub/c.txt", &filled);
    sandbox.write("docs/drafts/d.txt", &template);
    sandbox.write("docs/e.bak.txt", &template);
    sandbox.write("docs/.hidden.txt", &template);
    sandbox.write("docs/schema.yaml", "fields:\n  a:\n    anchors: [X镇]\n");
    sandbox.write("notes.txt", "分为X个组\n");
    // The files with slots left, one line per slot (a quickfix list), then the count.
    let run = sandbox.run(&["check", "docs", "notes.txt"]);
    run.assert_code(1)
        .assert_stdout_has("docs/a.txt:8:55: unfilled name (镇): X\n")
        .assert_stdout_has("notes.txt:1:3: unfilled quantity (个): X\n")
        .assert_stdout_has("xfill: 4 files checked, 2 with slots left");
    assert_eq!(
        run.stdout.matches("docs/a.txt:").count(),
        34,
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("b.md"), "{}", run.stdout);
    for skipped in ["drafts", "bak", "hidden", "schema.yaml"] {
        assert!(!run.stdout.contains(skipped), "{skipped}:\n{}", run.stdout);
    }
    // --verbose names the clean files too, in the walk's order.
    let run = sandbox.run(&["check", "-v", "docs", "notes.txt"]);
    run.assert_code(1)
        .assert_stdout_has("xfill: 4 files checked, 2 with slots left");
    let b = run
        .stdout
        .find("docs/b.md: no slots left\n")
        .expect("b.md listed");
    let c = run
        .stdout
        .find("docs/sub/c.txt: no slots left\n")
        .expect("c.txt listed");
    let a = run.stdout.find("docs/a.txt:8:55:").unwrap();
    assert!(a < b && b < c, "{}", run.stdout);

    let run = sandbox.run(&["check", "--format", "json", "docs"]);
    run.assert_code(1);
    let list: serde_json::Value = serde_json::from_str(&run.stdout).expect("a JSON list");
    let files: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["docs/a.txt", "docs/b.md", "docs/sub/c.txt"]);

    // Clean files only: exit 0 and the count.
    let run = sandbox.run(&["check", "docs/b.md", "docs/sub"]);
    run.assert_code(0);
    assert_snapshot!(run.render());
}

#[test]
fn check_goes_on_past_a_file_it_cannot_read_and_exits_2() {
    let sandbox = Sandbox::new();
    sandbox.write("a.txt", "分为4个组\n");
    let run = sandbox.run(&["check", "nope.txt", "a.txt"]);
    run.assert_code(2)
        .assert_stderr_has("error: cannot read nope.txt")
        .assert_stdout_has("xfill: 1 file checked, 0 with slots left, 1 could not be read");
    let run = sandbox.run(&["check", "--format", "json", "a.txt", "nope.txt", "a.txt"]);
    run.assert_code(2);
    let list: serde_json::Value = serde_json::from_str(&run.stdout).expect("a JSON list");
    assert_eq!(list.as_array().unwrap().len(), 2);
}

#[test]
fn batch_help_has_examples_and_jobs_must_be_positive() {
    let sandbox = Sandbox::new();
    sandbox
        .run(&["batch", "--help"])
        .assert_code(0)
        .assert_stdout_has("Examples")
        .assert_stdout_has("Windows device names");
    sandbox.write("rows.csv", csv(&towns(1)));
    sandbox
        .batch("rows.csv", &["--jobs", "0"])
        .assert_code(2)
        .assert_stderr_has("--jobs");
}

/// Issue 12, item 5: rows `1,"青石` / `2,白溪` / `3,柳湾` were one row whose value swallowed
/// the other two; now the run stops before writing anything, naming the quote's line.
#[test]
fn an_unclosed_quote_stops_the_run_at_its_line() {
    let sandbox = Sandbox::new();
    sandbox.write("rows.csv", "编号,村名\n1,\"青石\n2,白溪\n3,柳湾\n");
    let run = sandbox.batch("rows.csv", &[]);
    run.assert_code(2)
        .assert_stderr_has("the quoted value opened at line 2 never closes")
        .assert_stderr_has("rows.csv:2:1");
    assert!(
        !sandbox.path("out").exists()
            || std::fs::read_dir(sandbox.path("out"))
                .unwrap()
                .next()
                .is_none()
    );
}

/// A `.gitignore` outside any git repository, an `.ignore` file, or an empty folder made
/// `check DIR` pass with "0 files checked" (issue 12, item 8): ignore files count as git
/// and ripgrep count them, and a folder with nothing to check is an error that says why.
#[test]
fn check_of_a_folder_with_nothing_to_check_exits_2() {
    let sandbox = Sandbox::new();
    let template = fs::read(Path::new(ROOT).join("samples/summary.txt")).unwrap();
    // Not a git repository: the parent's .gitignore does not hide the template.
    sandbox.write(".gitignore", "*.txt\n");
    sandbox.write("plain/a.txt", &template);
    sandbox
        .run(&["check", "plain"])
        .assert_code(1)
        .assert_stdout_has("plain/a.txt:8:55: ")
        .assert_stdout_has("xfill: 1 file checked, 1 with slots left");
    // .ignore only with --ignore-files; then nothing is left, which is an error.
    sandbox.write("plain/.ignore", "a.txt\n");
    sandbox.run(&["check", "plain"]).assert_code(1);
    sandbox
        .run(&["check", "plain", "--ignore-files"])
        .assert_code(2)
        .assert_stderr_has("error: nothing to check in plain: every .txt")
        .assert_stderr_has("is hidden or ignored")
        .assert_stderr_has("help: name the documents to check")
        .assert_stdout_has(
            "xfill: 0 files checked, 0 with slots left, 1 folder with nothing to check",
        );
    // Inside a git work tree, .gitignore counts.
    fs::create_dir_all(sandbox.path("repo/.git")).unwrap();
    sandbox.write("repo/.gitignore", "*.txt\n");
    sandbox.write("repo/a.txt", &template);
    sandbox
        .run(&["check", "repo"])
        .assert_code(2)
        .assert_stderr_has("nothing to check in repo: every .txt");
    // An empty folder, and one with no document of a checked kind.
    fs::create_dir_all(sandbox.path("empty/sub")).unwrap();
    sandbox
        .run(&["check", "empty"])
        .assert_code(2)
        .assert_stderr_has("error: nothing to check in empty: the folder holds no files");
    sandbox.write("data/rows.csv", "a,b\n");
    sandbox
        .run(&["check", "data", "plain/a.txt"])
        .assert_code(2)
        .assert_stderr_has(
            "nothing to check in data: it holds no .txt, .text, .md, .markdown or .docx file",
        )
        .assert_stdout_has("plain/a.txt:8:55: ");
}

/// Links, named pipes and hard links in the output folder (issue 12, item 1): `out/0001.txt
/// -> ../else/p.txt` and `out/0002.txt -> ../else/t.txt` (the template itself) had both
/// targets replaced; a named pipe hung the run. The run is refused before anything is
/// written, naming each file in the way.
#[test]
fn batch_never_writes_through_a_link_nor_onto_an_input() {
    use std::os::unix::fs::symlink;
    let sandbox = Sandbox::new();
    let template = fs::read(sandbox.path("summary.txt")).unwrap();
    sandbox.write("else/p.txt", "precious");
    sandbox.write("else/t.txt", &template);
    sandbox.write("rows.csv", csv(&towns(3)));
    fs::create_dir_all(sandbox.path("out")).unwrap();
    symlink("../else/p.txt", sandbox.path("out/0001.txt")).unwrap();
    symlink("../else/t.txt", sandbox.path("out/0002.txt")).unwrap();
    let batch = |sandbox: &Sandbox| {
        sandbox.run(&[
            "batch",
            "else/t.txt",
            "--schema",
            "summary.schema.yaml",
            "--rows",
            "rows.csv",
            "--out-dir",
            "out",
        ])
    };
    batch(&sandbox)
        .assert_code(2)
        .assert_stderr_has("error: will not write out/0001.txt: row 1's file: it is a symbolic link to ../else/p.txt")
        .assert_stderr_has("error: will not write out/0002.txt: row 2's file: it is a symbolic link to ../else/t.txt")
        .assert_stderr_has("help: remove it from the output folder");
    assert_eq!(fs::read(sandbox.path("else/p.txt")).unwrap(), b"precious");
    assert_eq!(fs::read(sandbox.path("else/t.txt")).unwrap(), template);
    assert_eq!(sandbox.entries("out"), ["0001.txt", "0002.txt"]);

    // The template under another name, as a hard link.
    fs::remove_file(sandbox.path("out/0001.txt")).unwrap();
    fs::remove_file(sandbox.path("out/0002.txt")).unwrap();
    fs::hard_link(sandbox.path("else/t.txt"), sandbox.path("out/0003.txt")).unwrap();
    batch(&sandbox)
        .assert_code(2)
        .assert_stderr_has("row 3 would be written over else/t.txt, an input of this run");
    assert_eq!(fs::read(sandbox.path("else/t.txt")).unwrap(), template);
    assert_eq!(sandbox.entries("out"), ["0003.txt"]);

    // A named pipe (which a write would wait on forever) and a folder.
    fs::remove_file(sandbox.path("out/0003.txt")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(sandbox.path("out/0001.txt"))
        .status()
        .unwrap();
    assert!(fifo.success());
    fs::create_dir_all(sandbox.path("out/0002.txt")).unwrap();
    batch(&sandbox)
        .assert_code(2)
        .assert_stderr_has("will not write out/0001.txt: row 1's file: it is not a regular file")
        .assert_stderr_has("will not write out/0002.txt: row 2's file: a folder is in the way");
    assert_eq!(sandbox.entries("out"), ["0001.txt", "0002.txt"]);

    // Regular files are replaced, as before.
    fs::remove_file(sandbox.path("out/0001.txt")).unwrap();
    fs::remove_dir(sandbox.path("out/0002.txt")).unwrap();
    sandbox.write("out/0001.txt", "last year's");
    batch(&sandbox).assert_code(0);
    assert_eq!(sandbox.entries("out"), ["0001.txt", "0002.txt", "0003.txt"]);
    assert_ne!(
        fs::read(sandbox.path("out/0001.txt")).unwrap(),
        b"last year's"
    );
}

/// A row's file whose name was free when the run began is written without a look at what is
/// there; one whose name was taken is looked at first. Both leave no temp file; an existing
/// file is replaced and keeps its permissions.
#[test]
fn new_and_existing_row_files_are_both_written_whole() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let rows = towns(3);
    sandbox.write("rows.csv", csv(&rows));
    sandbox.write("out/0002.txt", "last year's");
    fs::set_permissions(
        sandbox.path("out/0002.txt"),
        fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    sandbox.batch("rows.csv", &[]).assert_code(0);
    assert_outputs(&sandbox, &rows);
    let mode = |name: &str| {
        fs::metadata(sandbox.path(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("out/0002.txt"), 0o600);
    // A new file has the permissions any new file gets here, not the temp file's own.
    sandbox.write("plain.txt", "x");
    assert_eq!(mode("out/0001.txt"), mode("plain.txt"));
    assert_eq!(mode("out/0003.txt"), mode("plain.txt"));
}

/// A row whose file could not be written (a full disk; here a file size limit) stopped the
/// count: later rows of the same chunk were written, yet the summary said "0 rows: 0
/// written" (issue 12, item 6). The summary counts what is on disk.
#[test]
fn batch_counts_the_rows_written_after_one_that_failed() {
    let sandbox = Sandbox::new();
    let mut rows = towns(3);
    // Row 1's file is far larger than the limit set below, the others far smaller.
    set(&mut rows[0], "村名", &"长".repeat(20_000));
    sandbox.write("rows.csv", csv(&rows));
    // `ulimit -f` makes a write past the limit fail with EFBIG, as a full disk fails a write;
    // SIGXFSZ is ignored (and stays so across exec) so that the write fails instead of the
    // process ending.
    let xfill = assert_cmd::cargo::cargo_bin("xfill");
    let out = std::process::Command::new("sh")
        .current_dir(sandbox.dir.path())
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 64; exec '{}' --color never batch summary.txt \
             --schema summary.schema.yaml --rows rows.csv --out-dir out --jobs 1 --format json",
            xfill.display()
        ))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("xfill: 3 rows: 2 written to out"),
        "{stderr}"
    );
    assert!(stderr.contains("1 could not be written"), "{stderr}");
    assert!(
        stderr.contains("error: cannot write out/0001.txt"),
        "{stderr}"
    );
    assert_eq!(sandbox.entries("out"), ["0002.txt", "0003.txt"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["written"], 2);
    assert_eq!(report["failed"], 1);
    assert_eq!(report["rows"][0]["status"], "failed");
}

/// `--jobs 30000` took over a minute to start its threads (issue 12, item 16): at most four
/// jobs per core, with a warning.
#[test]
fn jobs_are_capped_at_four_per_core() {
    let sandbox = Sandbox::new();
    sandbox.write("rows.csv", csv(&towns(2)));
    let started = std::time::Instant::now();
    sandbox
        .batch("rows.csv", &["--jobs", "30000"])
        .assert_code(0)
        .assert_stderr_has("warning: --jobs 30000 is more than 4 per core")
        .assert_stderr_has("2 rows: 2 written");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

/// A sandbox whose template is large (~40 MB), so that each row's write lasts long enough
/// to be interrupted, and whose rows.csv has `rows` rows.
fn slow_sandbox(rows: usize) -> Sandbox {
    let sandbox = Sandbox::new();
    let mut template = fs::read_to_string(sandbox.path("summary.txt")).unwrap();
    template.push_str(&"附：其他内容照常填写，没有任何空位。\n".repeat(750_000));
    sandbox.write("summary.txt", &template);
    sandbox.write("rows.csv", csv(&towns(rows)));
    sandbox
}

/// `xfill batch` into `out`, two jobs, started and left running.
fn spawn_batch(sandbox: &Sandbox) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("xfill"))
        .current_dir(sandbox.dir.path())
        .args(["batch", "summary.txt", "--schema", "summary.schema.yaml"])
        .args(["--rows", "rows.csv", "--out-dir", "out", "--jobs", "2"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

fn kill(child: &std::process::Child, signal: &str) {
    let killed = std::process::Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
}

/// Ctrl-C during a batch left a temp file in the output folder (issue 12, item 4). The
/// rows' files are there already, so each is written to a named temp file and renamed over
/// the old one: the temp files are removed on the signal.
#[test]
fn ctrl_c_during_a_batch_leaves_no_temp_file() {
    let sandbox = slow_sandbox(4);
    for name in numbered(4) {
        sandbox.write(&format!("out/{name}"), "last year's");
    }
    let mut child = spawn_batch(&sandbox);
    let temps = |sandbox: &Sandbox| -> Vec<String> {
        fs::read_dir(sandbox.path("out"))
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.starts_with(".tmp"))
                    .collect()
            })
            .unwrap_or_default()
    };
    let seen = loop {
        if !temps(&sandbox).is_empty() {
            break true;
        }
        if child.try_wait().unwrap().is_some() {
            break false;
        }
    };
    assert!(seen, "the batch ended before a temp file was seen");
    kill(&child, "-INT");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert!(temps(&sandbox).is_empty(), "left: {:?}", temps(&sandbox));
}

/// A new row's file is written unnamed (Linux's O_TMPFILE) and linked at its name once
/// whole: interrupted, even killed outright (no handler runs), a batch leaves only whole
/// files, and no temp file.
#[cfg(target_os = "linux")]
fn interrupted_while_writing_new_files(signal: &str) -> std::process::ExitStatus {
    let sandbox = slow_sandbox(4);
    // The files a whole run writes, to compare with.
    sandbox
        .batch("rows.csv", &["--out-dir", "whole", "--jobs", "2"])
        .assert_code(0);
    let out = fs::canonicalize(sandbox.dir.path()).unwrap().join("out");
    let mut child = spawn_batch(&sandbox);
    // An unnamed file shows among the process's open files as `out/#INODE (deleted)`.
    let fds = format!("/proc/{}/fd", child.id());
    let writing_unnamed = || {
        fs::read_dir(&fds).into_iter().flatten().flatten().any(|e| {
            fs::read_link(e.path()).is_ok_and(|to| {
                to.starts_with(&out) && to.to_string_lossy().ends_with(" (deleted)")
            })
        })
    };
    let seen = loop {
        if writing_unnamed() {
            break true;
        }
        if child.try_wait().unwrap().is_some() {
            break false;
        }
    };
    assert!(seen, "the batch ended before an unnamed file was seen");
    kill(&child, signal);
    let status = child.wait().unwrap();
    let whole = sandbox.files("whole");
    let left = sandbox.files("out");
    for (name, bytes) in &left {
        assert!(
            whole.get(name) == Some(bytes),
            "{name} is not a whole row file"
        );
    }
    status
}

#[cfg(target_os = "linux")]
#[test]
fn ctrl_c_while_writing_new_files_leaves_only_whole_ones() {
    let status = interrupted_while_writing_new_files("-INT");
    assert_eq!(status.code(), Some(130));
}

#[cfg(target_os = "linux")]
#[test]
fn a_batch_killed_while_writing_new_files_leaves_only_whole_ones() {
    use std::os::unix::process::ExitStatusExt;
    let status = interrupted_while_writing_new_files("-KILL");
    assert_eq!(status.signal(), Some(9));
}

/// `--values` and `--set` give values every row shares; a row's own cell wins, an empty
/// cell takes the shared value, and a shared value is checked against its field's type.
#[test]
fn shared_values_fill_what_a_row_leaves_empty() {
    let sandbox = Sandbox::new();
    sandbox.write("rows.csv", "镇名,单位名称\n青石,青石镇\n白溪,\n");
    sandbox.write("shared.yaml", "单位名称: 县经信局\n村名: 柳湾\n");
    let run = sandbox.batch(
        "rows.csv",
        &[
            "--values",
            "shared.yaml",
            "--set",
            "镇名=不用",
            "--set",
            "县名=石城",
        ],
    );
    run.assert_code(1);
    let one = fs::read_to_string(sandbox.path("out/0001.txt")).unwrap();
    let two = fs::read_to_string(sandbox.path("out/0002.txt")).unwrap();
    // The row's column wins over --set and the values file.
    assert!(
        one.contains("现将青石镇全年") && one.contains("青石镇党委"),
        "{one}"
    );
    assert!(
        two.contains("现将县经信局全年") && two.contains("白溪镇党委"),
        "{two}"
    );
    for text in [&one, &two] {
        assert!(text.contains("柳湾村") && text.contains("石城县"), "{text}");
        assert!(!text.contains("不用"), "{text}");
    }
    // A shared value is checked like fill's: a bad one stops the run before any row.
    let bad = sandbox.batch(
        "rows.csv",
        &["--out-dir", "bad", "--set", "农村党员数=很多"],
    );
    bad.assert_code(2).assert_stderr_has("农村党员数");
    assert!(!sandbox.path("bad").exists());
}

/// Terminal escapes in the rows (a value that sets the window title) are shown escaped in
/// batch's summary, as in every human output (issue 12, item 17).
#[test]
fn terminal_escapes_in_rows_are_shown_escaped() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "rows.csv",
        "镇名,农村党员数,\u{1b}]0;title\u{7}\n青石,\u{1b}]0;owned\u{7},1\n",
    );
    let run = sandbox.batch("rows.csv", &["--skip-unknown"]);
    run.assert_code(1)
        .assert_stderr_has("rejected:")
        .assert_stderr_has("\\u{1b}]0;owned\\u{7}")
        .assert_stderr_has("skipped `\\u{1b}]0;title\\u{7}`");
    assert!(
        !run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'),
        "{}",
        run.stderr
    );
}

/// A column whose field name holds `=` was silently left out of its row (its value went
/// through `FIELD=VALUE` parsing); values are now given by field, so it fills its slot.
#[test]
fn a_field_named_with_an_equals_sign_is_filled_from_its_column() {
    let sandbox = Sandbox::new();
    sandbox.write("t.txt", "现将X上半年工作总结如下。\n");
    sandbox.write(
        "s.yaml",
        "version: 1\nfields:\n  \"单位=名称\":\n    anchors: [现将X上半年]\n",
    );
    sandbox.write("rows.csv", "\"单位=名称\"\n青石镇\n");
    sandbox
        .run(&[
            "batch",
            "t.txt",
            "--schema",
            "s.yaml",
            "--rows",
            "rows.csv",
            "--out-dir",
            "out",
        ])
        .assert_code(0);
    assert_eq!(
        fs::read_to_string(sandbox.path("out/0001.txt")).unwrap(),
        "现将青石镇上半年工作总结如下。\n"
    );
}

// ---------------------------------------------------------------------------------------
// Each row's file is the library's fill of its values, whatever the values are

const MIXED_TEMPLATE: &str = "本次会议于20XX年X月X日召开，捐款X万元，参会X人。\n为XX村修路，金额（大写：XXXX元整）。\n备注：X\n";

const MIXED_SCHEMA: &str = "version: 1
fields:
  日期:
    type: date
    anchors: [于20XX年, 年X月, X日召开]
  捐款:
    type: number
    anchors: [捐款X万元]
  人数:
    type: integer
    default: 3
    min: 0
    anchors: [参会X人]
  村名:
    anchors: [为XX村]
  大写:
    type: integer
    format: 大写
    min: 0
    anchors: [大写：XXXX元]
  备注:
    anchors: [备注：X]
";

/// The field names of [`MIXED_SCHEMA`] with values to try for each: right ones in several
/// forms, empty ones, and ones the field refuses.
const MIXED_VALUES: &[(&str, &[&str])] = &[
    (
        "日期",
        &[
            "",
            "2024-05-01",
            "2024年5月1日",
            "二〇二四年五月一日",
            "5月1日",
            "2024-02-30",
        ],
    ),
    ("捐款", &["", "50", "50万元", "2.5", "五十", "50元", "abc"]),
    ("人数", &["", "12", "十二", "007", "1.5", "-3"]),
    ("村名", &["", "青石", "白溪,柳湾", "含\"引号\"", "a\tb"]),
    ("大写", &["", "3500", "三千五百", "10005", "3500.5"]),
    ("备注", &["", "无", "见附件X"]),
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Rows of right, empty and refused values, over a value every row shares, with and
    /// without `--mark`, in UTF-8 and UTF-16: each written file is the library's fill of
    /// that row, and a row with a refused value writes none.
    #[test]
    fn every_row_is_what_fill_makes_of_it(
        picks in proptest::collection::vec(proptest::collection::vec(0usize..7, 6), 1..6),
        utf16 in proptest::bool::ANY,
        mark in proptest::bool::ANY,
        shared_note in proptest::bool::ANY,
    ) {
        let sandbox = Sandbox::new();
        let encoding = if utf16 { Encoding::Utf16Le } else { Encoding::Utf8 };
        sandbox.write("t.txt", mixed_bytes(encoding));
        sandbox.write("s.yaml", MIXED_SCHEMA);
        let rows: Vec<Row> = picks
            .iter()
            .map(|pick| {
                MIXED_VALUES
                    .iter()
                    .zip(pick)
                    .map(|((f, vs), &p)| (f.to_string(), vs[p % vs.len()].to_string()))
                    .collect()
            })
            .collect();
        // A row whose cells are all empty is no row (it is skipped, as the README says).
        proptest::prop_assume!(rows.iter().all(|r| r.iter().any(|(_, v)| !v.is_empty())));
        sandbox.write("rows.csv", csv(&rows));
        let shared: Vec<(String, String)> = if shared_note {
            vec![("备注".to_string(), "共享".to_string())]
        } else {
            Vec::new()
        };
        let mut args = vec!["batch", "t.txt", "--schema", "s.yaml", "--rows", "rows.csv", "--out-dir", "out"];
        let set = shared.iter().map(|(f, v)| format!("{f}={v}")).collect::<Vec<_>>();
        for s in &set {
            args.extend(["--set", s.as_str()]);
        }
        if mark {
            args.push("--mark");
        }
        let run = sandbox.run(&args);
        proptest::prop_assert!(run.code == 0 || run.code == 1, "{}", run.render());
        let files = sandbox.files("out");
        for (i, row) in rows.iter().enumerate() {
            let name = format!("{:04}.txt", i + 1);
            let want = library_fill(&mixed_bytes(encoding), MIXED_SCHEMA, &shared, row, mark);
            proptest::prop_assert_eq!(files.get(&name), want.as_ref(), "row {}: {:?}", i + 1, row);
        }
    }
}

/// [`MIXED_TEMPLATE`] in `encoding`, with a byte order mark for UTF-16.
fn mixed_bytes(encoding: Encoding) -> Vec<u8> {
    encoding::encode(MIXED_TEMPLATE, encoding, encoding != Encoding::Utf8)
}

/// A lease's rent and the same amount in financial numerals (`equals`), with its schema.
fn rent() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write("rent.txt", "月租金XXXX元（大写：XXXX元整）。\n");
    sandbox.write(
        "rent.yaml",
        "version: 1\nfields:\n  月租金:\n    type: number\n    anchors: [月租金XXXX元]\n  月租金大写:\n    type: integer\n    format: 大写\n    equals: 月租金\n    anchors: [大写：XXXX元]\n",
    );
    sandbox
}

#[test]
fn an_amount_written_again_in_financial_numerals_never_differs_from_it() {
    // Both from the row, or the amount from --set for every row and the numerals from the
    // row: the second row's numerals are another amount, and the row is refused.
    let cases = [
        ("月租金,月租金大写\n3000,\n3000,3500\n", None),
        ("月租金大写\n叁仟\n叁仟伍佰\n", Some("月租金=3000")),
    ];
    for (rows, set) in cases {
        let sandbox = rent();
        sandbox.write("rows.csv", rows);
        let mut args = vec![
            "batch",
            "rent.txt",
            "--schema",
            "rent.yaml",
            "--rows",
            "rows.csv",
            "--out-dir",
            "out",
        ];
        args.extend(set.iter().flat_map(|s| ["--set", s]));
        sandbox
            .run(&args)
            .assert_code(1)
            .assert_stderr_has("rejected: row 2 (rows.csv:3): value \"叁仟伍佰\" for field `月租金大写` is not the amount of `月租金`, 3000");
        assert_eq!(sandbox.entries("out"), ["0001.txt"], "{rows}");
        assert_eq!(
            fs::read_to_string(sandbox.path("out/0001.txt")).unwrap(),
            "月租金3000元（大写：叁仟元整）。\n"
        );
    }
}

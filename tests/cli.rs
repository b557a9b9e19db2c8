//! Runs the built `xfill` on `samples/` and snapshots exit code, stdout and stderr.
//!
//! Every command, exit code and error message has a case here. Commands run in the crate
//! root with colour off, so paths in the output read `samples/…`; files a test writes live
//! in a temp dir whose path a filter turns into `[TMP]`. CI never writes snapshots (insta
//! does not when `CI` is set), so any drift in the output fails the build.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use insta::assert_snapshot;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// The sample templates that have a schema, values and a filled copy.
const TEMPLATES: [&str; 3] = ["summary", "notice", "contract"];

/// What one run of xfill did.
struct Run {
    /// The command line, as a user would type it in the crate root.
    line: String,
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Run {
    fn stdout(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("xfill writes UTF-8 for UTF-8 input")
    }

    /// The whole run, for a snapshot.
    fn render(&self) -> String {
        format!(
            "$ {}\nexit: {}\n----- stdout -----\n{}----- stderr -----\n{}",
            self.line,
            self.code,
            self.stdout(),
            self.stderr
        )
    }

    fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            code,
            "exit code of `{}`\n{}",
            self.line,
            self.render()
        );
        assert!(
            !self.stderr.contains("panicked"),
            "xfill panicked:\n{}",
            self.stderr
        );
        self
    }

    fn assert_stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr of `{}` lacks {needle:?}:\n{}",
            self.line,
            self.stderr
        );
        self
    }

    fn assert_stdout_has(&self, needle: &str) -> &Self {
        let stdout = self.stdout();
        assert!(
            stdout.contains(needle),
            "stdout of `{}` lacks {needle:?}:\n{stdout}",
            self.line,
        );
        self
    }
}

fn xfill() -> Command {
    let mut cmd = Command::cargo_bin("xfill").expect("cargo builds the xfill binary");
    cmd.current_dir(ROOT)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS")
        .env("TERM", "dumb")
        .args(["--color", "never"]);
    cmd
}

fn run(args: &[&str]) -> Run {
    run_with_stdin(args, None)
}

fn run_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = xfill();
    cmd.args(args);
    if let Some(bytes) = stdin {
        cmd.write_stdin(bytes.to_vec());
    }
    let out = cmd.output().expect("xfill runs");
    Run {
        line: std::iter::once("xfill")
            .chain(args.iter().copied())
            .collect::<Vec<_>>()
            .join(" "),
        code: out.status.code().expect("xfill exits with a code"),
        stdout: out.stdout,
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn sample(name: &str) -> String {
    format!("samples/{name}")
}

fn read_sample(name: &str) -> Vec<u8> {
    fs::read(Path::new(ROOT).join("samples").join(name)).expect("sample exists")
}

/// A path relative to the crate root, as the commands are run there.
/// A sample file's text (samples are UTF-8).
fn sample_text(name: &str) -> String {
    String::from_utf8(read_sample(name)).expect("samples are UTF-8")
}

fn relative(path: &Path) -> String {
    let root = Path::new(ROOT).canonicalize().expect("crate root");
    path.strip_prefix(&root)
        .expect("samples live in the crate")
        .to_str()
        .expect("sample paths are UTF-8")
        .replace('\\', "/")
}

/// A temp dir for files a test writes; its path reads `[TMP]` in snapshots.
struct Sandbox {
    dir: tempfile::TempDir,
    _scope: insta::internals::SettingsBindDropGuard,
}

impl Sandbox {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut settings = insta::Settings::clone_current();
        for path in [dir.path().to_path_buf(), dir.path().canonicalize().unwrap()] {
            let shown = path.to_str().expect("temp path is UTF-8").to_string();
            settings.add_filter(&regex::escape(&shown), "[TMP]");
        }
        let _scope = settings.bind_to_scope();
        Sandbox { dir, _scope }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes `bytes` to `name` and returns its path as an argument.
    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.path(name);
        fs::write(&path, bytes).expect("write temp file");
        arg(&path)
    }
}

fn arg(path: &Path) -> String {
    path.to_str().expect("temp path is UTF-8").to_string()
}

/// Runs `fill` of a sample with its schema and values plus `extra` arguments.
fn fill_sample(name: &str, extra: &[&str]) -> Run {
    let (template, schema, values) = (
        sample(&format!("{name}.txt")),
        sample(&format!("{name}.schema.yaml")),
        sample(&format!("{name}.values.yaml")),
    );
    let mut args = vec![
        "fill",
        template.as_str(),
        "--schema",
        schema.as_str(),
        "--values",
        values.as_str(),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

fn slot_count(file: &str) -> u64 {
    let run = run(&["scan", "--format", "json", file]);
    run.assert_code(0);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("scan JSON parses");
    json["count"].as_u64().expect("count is a number")
}

// ---------------------------------------------------------------------------------------
// Snapshots of every sample

#[test]
fn scan_human() {
    insta::glob!("../samples", "*.txt", |path| {
        let file = relative(path);
        if file.ends_with(".filled.txt") {
            return;
        }
        let run = run(&["scan", &file]);
        run.assert_code(0);
        assert_snapshot!(run.render());
    });
}

#[test]
fn scan_json() {
    insta::glob!("../samples", "*.txt", |path| {
        let file = relative(path);
        if file.ends_with(".filled.txt") {
            return;
        }
        let run = run(&["scan", "--format", "json", &file]);
        run.assert_code(0);
        let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
        assert_eq!(
            json["count"].as_u64(),
            Some(json["slots"].as_array().expect("slots").len() as u64)
        );
        assert_eq!(json["file"], file.as_str());
        assert_snapshot!(run.render());
    });
}

#[test]
fn not_slots_scans_to_zero_slots() {
    let human = run(&["scan", "samples/not-slots.txt"]);
    human.assert_code(0);
    assert!(human.stdout.is_empty(), "{}", human.render());
    assert!(human.stderr.is_empty(), "{}", human.render());

    let json = run(&["scan", "--format", "json", "samples/not-slots.txt"]);
    json.assert_code(0);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(value["count"], 0);
    assert_eq!(value["slots"], serde_json::json!([]));

    run(&["check", "samples/not-slots.txt"])
        .assert_code(0)
        .assert_stdout_has("no slots left");
}

#[test]
fn init() {
    insta::glob!("../samples", "*.txt", |path| {
        let file = relative(path);
        if file.ends_with(".filled.txt") || file.ends_with("not-slots.txt") {
            return;
        }
        let run = run(&["init", &file]);
        run.assert_code(0);
        // stderr lists the fields that fill several places, for review.
        assert!(
            run.stderr
                .lines()
                .all(|l| l.contains("places — review them")),
            "{}",
            run.render()
        );
        assert_snapshot!(run.render());
    });
}

#[test]
fn check() {
    insta::glob!("../samples", "*.txt", |path| {
        let file = relative(path);
        let mut args = vec!["check", file.as_str()];
        // "XX科技" is a value there: its X are data, and only the values file says so.
        if file.ends_with("contract.filled.txt") {
            args.extend(["--values", "samples/contract.values.yaml"]);
        }
        let done = file.ends_with(".filled.txt") || file.ends_with("not-slots.txt");
        let run = run(&args);
        run.assert_code(if done { 0 } else { 1 });
        assert_snapshot!(run.render());
    });
}

#[test]
fn check_json_lists_remaining_slots() {
    let run = run(&["check", "--format", "json", "samples/summary.txt"]);
    run.assert_code(1);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    // One file or many, the same shape: a list of one object per file.
    assert_eq!(json.as_array().map(Vec::len), Some(1), "{json}");
    let json = &json[0];
    assert_eq!(json["slots"], 34);
    assert_eq!(json["filled"], 0);
    let remaining = json["remaining"].as_array().expect("remaining");
    assert_eq!(remaining.len(), 34);
    assert!(remaining.iter().all(|s| s["status"] == "unfilled"));
}

/// `--brief`: one `file:line:column: field` line per slot, and the drifted anchors at their
/// place in the schema: what an editor's quickfix list reads.
#[test]
fn check_brief_is_a_quickfix_list() {
    let run = run(&[
        "check",
        "--brief",
        "samples/summary-2024.txt",
        "--schema",
        "samples/summary.schema.yaml",
    ]);
    run.assert_code(1);
    assert_snapshot!(run.render());
    let line = regex::Regex::new(r"^[^:]+:\d+:\d+: \S").unwrap();
    let stdout = String::from_utf8(run.stdout.clone()).unwrap();
    assert!(stdout.lines().all(|l| line.is_match(l)), "{stdout}");
}

#[test]
fn check_contract_filled_without_values_sees_xx_as_slots() {
    let run = run(&["check", "samples/contract.filled.txt"]);
    run.assert_code(1).assert_stdout_has("2 slots left");
    assert_snapshot!(run.render());
}

// ---------------------------------------------------------------------------------------
// fill

#[test]
fn fill_gives_the_filled_sample_byte_for_byte() {
    for name in TEMPLATES {
        let run = fill_sample(name, &[]);
        run.assert_code(0);
        let expected = read_sample(&format!("{name}.filled.txt"));
        assert!(
            run.stdout == expected,
            "{name}: output differs from samples/{name}.filled.txt\n{}",
            run.render()
        );
        let slots = slot_count(&sample(&format!("{name}.txt")));
        assert_eq!(
            run.stderr.lines().next(),
            Some(format!("xfill: all {slots} slots filled").as_str()),
            "{name}"
        );
        // The rest, if anything, is the list of values shared between places, for review.
        for line in run.stderr.lines().skip(1) {
            assert!(
                line.starts_with("review: ") || line.contains(" places: "),
                "{name}: {line}"
            );
        }
    }
}

#[test]
fn fill_json_report_goes_to_stderr() {
    let run = fill_sample("notice", &["--format", "json"]);
    run.assert_code(0);
    assert_eq!(run.stdout, read_sample("notice.filled.txt"));
    let json: serde_json::Value = serde_json::from_str(&run.stderr).expect("JSON on stderr");
    assert_eq!(json["slots"], 27);
    assert_eq!(json["filled"], 27);
    assert_eq!(json["remaining"], serde_json::json!([]));
    assert_eq!(json["missing_fields"], serde_json::json!([]));
}

#[test]
fn fill_reads_the_template_from_stdin() {
    let run = run_with_stdin(
        &[
            "fill",
            "-",
            "--schema",
            "samples/summary.schema.yaml",
            "--values",
            "samples/summary.values.yaml",
        ],
        Some(&read_sample("summary.txt")),
    );
    run.assert_code(0);
    assert_eq!(run.stdout, read_sample("summary.filled.txt"));
}

#[test]
fn fill_keeps_encoding_bom_and_crlf() {
    use xfill::encoding::{Encoding, encode};

    let sandbox = Sandbox::new();
    let template = sample_text("summary.txt");
    let filled = sample_text("summary.filled.txt");
    let crlf = |s: &str| s.replace('\n', "\r\n");
    let cases = [
        ("utf8-crlf", Encoding::Utf8, false, true),
        ("utf8-bom", Encoding::Utf8, true, false),
        ("gb18030", Encoding::Gb18030, false, false),
        ("gb18030-crlf", Encoding::Gb18030, false, true),
        ("utf16le", Encoding::Utf16Le, true, false),
        ("utf16be-crlf", Encoding::Utf16Be, true, true),
    ];
    for (name, encoding, bom, windows) in cases {
        let (template, filled) = if windows {
            (crlf(&template), crlf(&filled))
        } else {
            (template.clone(), filled.clone())
        };
        let input = sandbox.write(&format!("{name}.txt"), encode(&template, encoding, bom));
        let output = arg(&sandbox.path(&format!("{name}.out")));
        let run = run(&[
            "fill",
            &input,
            "--schema",
            "samples/summary.schema.yaml",
            "--values",
            "samples/summary.values.yaml",
            "-o",
            &output,
        ]);
        run.assert_code(0).assert_stderr_has("all 34 slots filled");
        assert!(run.stdout.is_empty(), "{name}");
        assert!(
            fs::read(&output).unwrap() == encode(&filled, encoding, bom),
            "{name}: not written back in {encoding} (bom {bom}, crlf {windows})"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Exit codes and messages

#[test]
fn fill_with_a_value_missing_exits_1_and_names_the_field() {
    let sandbox = Sandbox::new();
    let values: String = sample_text("summary.values.yaml")
        .lines()
        .filter(|l| !l.starts_with("农村党员数:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let values = sandbox.write("values.yaml", values);
    let run = run(&[
        "fill",
        "samples/summary.txt",
        "--schema",
        "samples/summary.schema.yaml",
        "--values",
        &values,
    ]);
    run.assert_code(1)
        .assert_stderr_has("33 of 34 slots filled; 1 left (no value for 农村党员数)")
        .assert_stderr_has("--set 农村党员数=")
        .assert_stdout_has("培训农村党员X名");
    assert_snapshot!(run.stderr);
}

#[test]
fn set_non_integer_for_integer_field_exits_2() {
    let run = fill_sample("summary", &["--set", "轮训数=abc"]);
    run.assert_code(2)
        .assert_stderr_has("is not an integer")
        .assert_stderr_has("`轮训数`")
        .assert_stderr_has("--set 轮训数=abc");
    assert!(run.stdout.is_empty(), "nothing is written on error");
    assert_snapshot!(run.stderr);
}

#[test]
fn values_file_non_integer_exits_2_with_file_line_column() {
    let sandbox = Sandbox::new();
    let values = sample_text("summary.values.yaml").replace("轮训数: 3\n", "轮训数: 若干\n");
    let values = sandbox.write("values.yaml", values);
    let run = run(&[
        "fill",
        "samples/summary.txt",
        "--schema",
        "samples/summary.schema.yaml",
        "--values",
        &values,
    ]);
    run.assert_code(2)
        .assert_stderr_has("value \"若干\" for field `轮训数` is not an integer")
        .assert_stderr_has("values.yaml:5:6")
        .assert_stderr_has("samples/summary.schema.yaml:31 declares `轮训数` as integer");
    assert!(run.stdout.is_empty());
    assert_snapshot!(run.stderr);
}

const DATES_TEMPLATE: &str =
    "本办法自20XX年X月X日起施行，请于xx月xx日前报送。\n共培训X人，捐款X万元。\n";
const DATES_SCHEMA: &str = "version: 1\nfields:\n  施行日期:\n    type: date\n    anchors: ['自[[20XX]]年X月X日起', '自20XX年[[X]]月X日起', '自20XX年X月[[X]]日起']\n  报送日期:\n    type: date\n    anchors: ['于[[xx]]月xx日前', '于xx月[[xx]]日前']\n  人数:\n    type: integer\n    max: 500\n    anchors: [培训X人]\n  捐款:\n    type: number\n    anchors: [捐款X万元]\n";

/// Issue 16: a date is one field filling its parts (padded where the slot shows two
/// characters); numbers may be Chinese numerals, written as given; the unit the template
/// writes after the slot is not written twice.
#[test]
fn a_date_fills_its_parts_and_numbers_take_chinese_numerals() {
    let sandbox = Sandbox::new();
    let template = sandbox.write("t.txt", DATES_TEMPLATE);
    let schema = sandbox.write("s.yaml", DATES_SCHEMA);
    let values = sandbox.write(
        "v.yaml",
        "施行日期: 2026-06-30\n报送日期: 7月5日\n人数: 三百\n捐款: 50万元\n",
    );
    let run = run(&["fill", &template, "--schema", &schema, "--values", &values]);
    run.assert_code(0).assert_stdout_has(
        "本办法自2026年6月30日起施行，请于07月05日前报送。\n共培训三百人，捐款50万元。\n",
    );
    assert_snapshot!(run.stdout());
}

#[test]
fn a_date_written_in_chinese_numerals_is_filled_in_them_and_read_back() {
    // 二〇XX年X月X日: the year's 二〇 belongs to its slot, and the drafted field writes the
    // whole date in Chinese numerals (it used to give 二〇2024年5月1日); extract reads it
    // back in the same form.
    let sandbox = Sandbox::new();
    let template = sandbox.write("t.txt", "特此通知。\n二〇XX年X月X日\n");
    let schema = arg(&sandbox.path("s.yaml"));
    run(&["init", &template, "-o", &schema]).assert_code(0);
    let values = sandbox.write("v.yaml", "日期: 2024-05-01\n");
    let filled = arg(&sandbox.path("f.txt"));
    run(&[
        "fill", &template, "--schema", &schema, "--values", &values, "-o", &filled,
    ])
    .assert_code(0);
    assert_eq!(
        std::fs::read_to_string(&filled).unwrap(),
        "特此通知。\n二〇二四年五月一日\n"
    );
    run(&["check", &filled, "--schema", &schema]).assert_code(0);
    run(&["extract", &template, &filled, "--schema", &schema])
        .assert_code(0)
        .assert_stdout_has("日期: 二〇二四年五月一日");
}

#[test]
fn an_amount_after_daxie_is_written_in_financial_numerals() {
    // （大写：XXXX元整）: the drafted field has `format: 大写`, so 3500 is written 叁仟伍佰
    // (it used to be written 3500 after 大写).
    let sandbox = Sandbox::new();
    let template = sandbox.write("t.txt", "月租金为人民币X,XXX元（大写：XXXX元整）。\n");
    let schema = arg(&sandbox.path("s.yaml"));
    run(&["init", &template, "-o", &schema]).assert_code(0);
    let drafted = std::fs::read_to_string(&schema).unwrap();
    assert!(drafted.contains("format: 大写"), "{drafted}");
    // The drafted fields, read by the library: the amount, then its 大写.
    let parsed = xfill::schema::Schema::parse(&drafted, "s.yaml").expect("init writes a schema");
    let names: Vec<&String> = parsed.fields.keys().collect();
    let (first, field) = (names[0], names[1]);
    assert_eq!(
        parsed.fields[field].extras().format.as_deref(),
        Some("大写")
    );
    let values = sandbox.write("v.yaml", format!("{first}: 3500\n{field}: 3500\n"));
    run(&["fill", &template, "--schema", &schema, "--values", &values])
        .assert_code(0)
        .assert_stdout_has("月租金为人民币3500元（大写：叁仟伍佰元整）。");
    let half = sandbox.write("h.yaml", format!("{first}: 3500\n{field}: 3500.5\n"));
    run(&["fill", &template, "--schema", &schema, "--values", &half])
        .assert_code(2)
        .assert_stderr_has("is not an integer");
    let number = sandbox.write(
        "n.yaml",
        "version: 1\nfields:\n  金额:\n    type: number\n    format: 大写\n    anchors: [大写：XXXX元]\n",
    );
    run(&[
        "fill",
        &template,
        "--schema",
        &number,
        "--set",
        "金额=3500.5",
    ])
    .assert_code(2)
    .assert_stderr_has("is not a whole amount");
    let bad = sandbox.write("b.yaml", "version: 1\nfields:\n  金额:\n    type: number\n    format: '%Y'\n    anchors: [金额X元]\n");
    run(&["scan", &template, "--schema", &bad])
        .assert_code(2)
        .assert_stderr_has("`format` of number field `金额` is `%Y`");
}

#[test]
fn impossible_or_partial_dates_and_numbers_out_of_range_exit_2() {
    let sandbox = Sandbox::new();
    let template = sandbox.write("t.txt", DATES_TEMPLATE);
    let schema = sandbox.write("s.yaml", DATES_SCHEMA);
    let values = sandbox.write(
        "v.yaml",
        "施行日期: 6-30\n报送日期: 2月30日\n人数: 一千\n捐款: 50元\n",
    );
    let run = run(&["fill", &template, "--schema", &schema, "--values", &values]);
    run.assert_code(2)
        .assert_stderr_has("value \"6-30\" for field `施行日期` is not a date with a year")
        .assert_stderr_has("value \"2月30日\" for field `报送日期` is not a real date")
        .assert_stderr_has("value \"一千\" for field `人数` is not at most 500")
        .assert_stderr_has("the template writes `万元` after the slot");
    assert!(run.stdout.is_empty());
    assert_snapshot!(run.stderr);
}

#[test]
fn value_out_of_range_exits_2() {
    let run = fill_sample("summary", &["--set", "日期月=13"]);
    run.assert_code(2)
        .assert_stderr_has("is not between 1 and 12");
    assert_snapshot!(run.stderr);
}

#[test]
fn unknown_field_in_values_file_suggests_the_nearest() {
    let sandbox = Sandbox::new();
    let values = sandbox.write("values.yaml", "轮训: 3\n");
    let run = run(&[
        "fill",
        "samples/summary.txt",
        "--schema",
        "samples/summary.schema.yaml",
        "--values",
        &values,
    ]);
    run.assert_code(2)
        .assert_stderr_has("unknown field `轮训`")
        .assert_stderr_has("did you mean `轮训数`?");
    assert_snapshot!(run.stderr);
}

#[test]
fn unknown_field_in_set_suggests_the_nearest() {
    let run = fill_sample("summary", &["--set", "村明=柳湾"]);
    run.assert_code(2)
        .assert_stderr_has("--set names an unknown field `村明`")
        .assert_stderr_has("did you mean `村名`?");
    assert_snapshot!(run.stderr);
}

#[test]
fn set_without_equals_exits_2() {
    let run = fill_sample("summary", &["--set", "轮训数"]);
    run.assert_code(2).assert_stderr_has("has no `=`");
    assert_snapshot!(run.stderr);
}

#[test]
fn every_bad_value_is_reported_at_once() {
    let run = fill_sample("summary", &["--set", "轮训数=abc", "--set", "村明=柳湾"]);
    run.assert_code(2)
        .assert_stderr_has("is not an integer")
        .assert_stderr_has("unknown field `村明`");
}

/// Runs `fill samples/summary.txt` with a schema written to the sandbox.
fn fill_with_schema(sandbox: &Sandbox, schema: &str) -> Run {
    let schema = sandbox.write("schema.yaml", schema);
    run(&["fill", "samples/summary.txt", "--schema", &schema])
}

#[test]
fn malformed_schema_yaml_exits_2_naming_file_and_line() {
    let sandbox = Sandbox::new();
    let run = fill_with_schema(
        &sandbox,
        "version: 1\nfields:\n  组数:\n    type: integer\n   anchors: [X期]\n",
    );
    run.assert_code(2)
        .assert_stderr_has("is not valid YAML")
        .assert_stderr_has("schema.yaml:5:4");
    assert_snapshot!(run.stderr);
}

#[test]
fn schema_version_2_exits_2() {
    let sandbox = Sandbox::new();
    let run = fill_with_schema(
        &sandbox,
        "version: 2\nfields:\n  组数:\n    type: integer\n    anchors:\n      - X期\n",
    );
    run.assert_code(2)
        .assert_stderr_has("unsupported schema version 2")
        .assert_stderr_has("schema.yaml:1:10");
    assert_snapshot!(run.stderr);
}

#[test]
fn schema_unknown_type_suggests_the_nearest() {
    let sandbox = Sandbox::new();
    let run = fill_with_schema(
        &sandbox,
        "version: 1\nfields:\n  组数:\n    type: integr\n    anchors:\n      - X期\n",
    );
    run.assert_code(2)
        .assert_stderr_has("unknown type `integr` for field `组数`")
        .assert_stderr_has("did you mean `integer`?");
    assert_snapshot!(run.stderr);
}

/// Fields and anchors keep only their line and column; a report that points at one shows
/// its schema line under the place all the same.
#[test]
fn schema_places_shown_later_have_their_line_and_caret() {
    let sandbox = Sandbox::new();
    let template = sandbox.write("t.txt", "全体分为X个组。\n");
    let schema = sandbox.write(
        "schema.yaml",
        "version: 1\nfields:\n  组数:\n    type: integer\n    default: 若干\n    anchors: [分为X个组]\n  旧:\n    anchors: [已删除的X句子]\n",
    );
    let filled = run(&["fill", &template, "--schema", &schema]);
    filled
        .assert_code(2)
        .assert_stderr_has("schema.yaml:3:3\n  |\n3 |   组数:\n  |   ^^^^");
    let fixed = sandbox.write(
        "fixed.yaml",
        "version: 1\nfields:\n  组数:\n    type: integer\n    anchors: [分为X个组]\n  旧:\n    anchors: [已删除的X句子]\n",
    );
    let checked = run(&["check", &template, "--schema", &fixed]);
    checked.assert_code(1).assert_stdout_has(
        "fixed.yaml:7:15\n  |\n7 |     anchors: [已删除的X句子]\n  |               ^^^^^^^^^^^^^",
    );
}

#[test]
fn anchor_without_x_exits_2() {
    let sandbox = Sandbox::new();
    let run = fill_with_schema(
        &sandbox,
        "version: 1\nfields:\n  组数:\n    type: integer\n    anchors:\n      - 轮训期\n",
    );
    run.assert_code(2)
        .assert_stderr_has("has no slot")
        .assert_stderr_has("schema.yaml:6:9");
    assert_snapshot!(run.stderr);
}

#[test]
fn anchor_with_two_x_exits_2() {
    let sandbox = Sandbox::new();
    let run = fill_with_schema(
        &sandbox,
        "version: 1\nfields:\n  组数:\n    type: integer\n    anchors:\n      - X期X\n",
    );
    run.assert_code(2)
        .assert_stderr_has("has 2 slots")
        .assert_stderr_has("[[X]]")
        .assert_stderr_has("schema.yaml:6:9");
    assert_snapshot!(run.stderr);
}

#[test]
fn schema_with_several_problems_reports_them_all() {
    let sandbox = Sandbox::new();
    let run = fill_with_schema(
        &sandbox,
        "version: 2\nfeilds: 1\nfields:\n  组数:\n    type: integr\n    anchors:\n      - 轮训期\n      - X期X\n",
    );
    run.assert_code(2)
        .assert_stderr_has("unknown key `feilds`")
        .assert_stderr_has("unsupported schema version 2")
        .assert_stderr_has("unknown type `integr`")
        .assert_stderr_has("has no slot")
        .assert_stderr_has("has 2 slots");
    assert_snapshot!(run.stderr);
}

#[test]
fn two_fields_claiming_one_slot_exit_2() {
    let sandbox = Sandbox::new();
    let run = fill_with_schema(
        &sandbox,
        "version: 1\nfields:\n  甲:\n    type: integer\n    anchors:\n      - X期\n  乙:\n    type: integer\n    anchors:\n      - 训X\n",
    );
    run.assert_code(2)
        .assert_stderr_has("claimed by two fields, `甲` and `乙`")
        .assert_stderr_has("samples/summary.txt:12:145");
    assert!(run.stdout.is_empty());
    assert_snapshot!(run.stderr);
}

#[test]
fn missing_files_exit_2() {
    run(&["scan", "samples/nope.txt"])
        .assert_code(2)
        .assert_stderr_has("cannot read samples/nope.txt")
        .assert_stderr_has("help: check the path");
    run(&["check", "samples/nope.txt"])
        .assert_code(2)
        .assert_stderr_has("cannot read samples/nope.txt");
    run(&[
        "fill",
        "samples/summary.txt",
        "--schema",
        "samples/nope.schema.yaml",
    ])
    .assert_code(2)
    .assert_stderr_has("cannot read samples/nope.schema.yaml");
    run(&[
        "fill",
        "samples/summary.txt",
        "--schema",
        "samples/summary.schema.yaml",
        "--values",
        "samples/nope.values.yaml",
    ])
    .assert_code(2)
    .assert_stderr_has("cannot read samples/nope.values.yaml");
}

#[test]
fn directory_as_file_exits_2() {
    let run = run(&["scan", "samples"]);
    run.assert_code(2)
        .assert_stderr_has("cannot read samples: it is a directory, not a file");
    assert_snapshot!(run.stderr);
    self::run(&["fill", "samples/summary.txt", "--schema", "samples"])
        .assert_code(2)
        .assert_stderr_has("it is a directory");
}

#[test]
fn binary_file_exits_2() {
    let sandbox = Sandbox::new();
    let file = sandbox.write("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR X\xE4\xB8\xAA");
    let run = run(&["scan", &file]);
    run.assert_code(2)
        .assert_stderr_has("is not a text file: it has a NUL byte at offset 8");
    assert_snapshot!(run.stderr);
}

#[test]
fn undecodable_file_exits_2() {
    let sandbox = Sandbox::new();
    let file = sandbox.write("bad.txt", b"abc\xFF\xFF\xFF\xFF");
    let run = run(&["scan", &file]);
    run.assert_code(2)
        .assert_stderr_has("is not valid gb18030: bad byte at offset 3");
    assert_snapshot!(run.stderr);

    // GB18030 bytes read as UTF-8 because the user said so.
    let gbk = sandbox.write(
        "gbk.txt",
        xfill::encoding::encode("分为X个组", xfill::encoding::Encoding::Gb18030, false),
    );
    self::run(&["scan", "--encoding", "utf-8", &gbk])
        .assert_code(2)
        .assert_stderr_has("is not valid utf-8");
    self::run(&["scan", &gbk])
        .assert_code(0)
        .assert_stdout_has("分为【X】个组");
}

#[test]
fn values_file_that_is_a_list_exits_2() {
    let sandbox = Sandbox::new();
    let values = sandbox.write("values.yaml", "- 轮训数: 3\n- 村名: 柳湾\n");
    let run = run(&[
        "fill",
        "samples/summary.txt",
        "--schema",
        "samples/summary.schema.yaml",
        "--values",
        &values,
    ]);
    run.assert_code(2).assert_stderr_has("must be a mapping");
    assert_snapshot!(run.stderr);
    // check without a schema reads the values file on its own.
    self::run(&["check", "samples/contract.filled.txt", "--values", &values])
        .assert_code(2)
        .assert_stderr_has("must be a mapping");
}

#[test]
fn bad_usage_exits_2() {
    let cases: &[&[&str]] = &[
        &[],
        &["frobnicate"],
        &["scan"],
        &["fill", "samples/summary.txt"],
        &["scan", "--format", "xml", "samples/summary.txt"],
        &["scan", "--encoding", "latin1", "samples/summary.txt"],
        &["check", "samples/summary.txt", "--set", "村名=柳湾"],
        &["--color", "sometimes", "scan", "samples/summary.txt"],
    ];
    for args in cases {
        let run = run(args);
        run.assert_code(2);
        assert!(run.stdout.is_empty(), "{}", run.render());
        assert!(
            run.stderr.contains("Usage:") || run.stderr.contains("error:"),
            "{}",
            run.render()
        );
    }
}

// ---------------------------------------------------------------------------------------
// Output files

#[test]
fn failed_fill_leaves_the_output_file_untouched() {
    let sandbox = Sandbox::new();
    let out = sandbox.write("out.txt", "旧的内容\n");
    let run = fill_sample("summary", &["--set", "轮训数=abc", "-o", &out]);
    run.assert_code(2);
    assert_eq!(fs::read_to_string(&out).unwrap(), "旧的内容\n");

    let schema = sandbox.write(
        "schema.yaml",
        "version: 1\nfields:\n  甲:\n    anchors:\n      - X期\n  乙:\n    anchors:\n      - 训X\n",
    );
    self::run(&[
        "fill",
        "samples/summary.txt",
        "--schema",
        &schema,
        "--set",
        "甲=1",
        "-o",
        &out,
    ])
    .assert_code(2);
    assert_eq!(fs::read_to_string(&out).unwrap(), "旧的内容\n");

    // No temp file is left behind either.
    let mut names: Vec<String> = fs::read_dir(sandbox.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["out.txt", "schema.yaml"]);
}

#[test]
fn successful_fill_writes_the_output_file_and_nothing_to_stdout() {
    let sandbox = Sandbox::new();
    let out = sandbox.write("out.txt", "旧的内容\n");
    let run = fill_sample("contract", &["-o", &out]);
    run.assert_code(0).assert_stderr_has("all 21 slots filled");
    assert!(run.stdout.is_empty(), "{}", run.render());
    assert_eq!(fs::read(&out).unwrap(), read_sample("contract.filled.txt"));

    // A new file gets the permissions of any new file in that folder, not a temp file's 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let new = sandbox.path("new.txt");
        fill_sample("contract", &["-o", &arg(&new)]).assert_code(0);
        let plain = sandbox.write("plain.txt", "");
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&new), mode(Path::new(&plain)));
    }

    // `-o -` is stdout.
    let run = fill_sample("contract", &["-o", "-"]);
    run.assert_code(0);
    assert_eq!(run.stdout, read_sample("contract.filled.txt"));
}

/// `-o` replaces only regular files: a named pipe (or a device such as /dev/null) is written
/// into and stays what it was; through a symbolic link the file it points to is replaced.
#[cfg(unix)]
#[test]
fn output_to_a_named_pipe_or_a_link_keeps_it() {
    use std::os::unix::fs::FileTypeExt;
    let sandbox = Sandbox::new();
    let fifo = sandbox.path("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.expect("mkfifo runs").success());
    let (sender, received) = std::sync::mpsc::channel();
    let reader = fifo.clone();
    std::thread::spawn(move || sender.send(fs::read(reader).expect("read the pipe")));
    let run = fill_sample("contract", &["-o", &arg(&fifo)]);
    if run.code != 0 {
        // Release the reader if xfill never opened the pipe.
        let _ = fs::OpenOptions::new().write(true).open(&fifo);
    }
    run.assert_code(0);
    let read = received.recv_timeout(std::time::Duration::from_secs(30));
    assert_eq!(
        read.expect("the pipe was written"),
        read_sample("contract.filled.txt")
    );
    let kind = fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe was replaced: {kind:?}");

    let real = sandbox.write("real.txt", "旧的内容\n");
    let link = sandbox.path("link.txt");
    std::os::unix::fs::symlink("real.txt", &link).unwrap();
    fill_sample("contract", &["-o", &arg(&link)]).assert_code(0);
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(fs::read(&real).unwrap(), read_sample("contract.filled.txt"));
    let names: Vec<_> = fs::read_dir(sandbox.path(""))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 3, "no temp file left: {names:?}");
}

#[test]
fn output_into_a_missing_folder_exits_2() {
    let sandbox = Sandbox::new();
    let out = arg(&sandbox.path("nonexistent_dir").join("out.txt"));
    let run = fill_sample("summary", &["-o", &out]);
    run.assert_code(2)
        .assert_stderr_has("cannot write")
        .assert_stderr_has("nonexistent_dir does not exist");
    assert!(run.stdout.is_empty());
    assert!(!sandbox.path("nonexistent_dir").exists());
    assert_snapshot!(run.stderr);

    let run = self::run(&["init", "samples/summary.txt", "-o", &out]);
    run.assert_code(2).assert_stderr_has("does not exist");
}

#[test]
fn init_writes_the_schema_file() {
    let sandbox = Sandbox::new();
    let out = arg(&sandbox.path("summary.schema.yaml"));
    let run = run(&["init", "samples/summary.txt", "-o", &out]);
    run.assert_code(0);
    assert!(run.stdout.is_empty(), "{}", run.render());
    run.assert_stderr_has("单位名称 fills 4 places — review them");
    // What was written, and where, last (issue 16, item 8).
    assert!(
        run.stderr.ends_with(&format!(" slots → {out}\n")),
        "{}",
        run.render()
    );
    let written = fs::read_to_string(&out).unwrap();
    assert!(written.contains(&format!("--schema {out} --values VALUES.yaml")));
    assert!(written.contains("34 slots in 27 fields"));
    // The places a field fills are listed above it, for review.
    assert!(written.contains("  # 单位名称 fills 4 places: check that they are the same thing\n"));
    assert!(written.contains("现将X全年乡村振兴"), "{written}");
}

// ---------------------------------------------------------------------------------------
// --mark, --diff, stdin

#[test]
fn mark_writes_field_names_for_missing_values() {
    let run = run(&[
        "fill",
        "samples/notice.txt",
        "--schema",
        "samples/notice.schema.yaml",
        "--set",
        "会议室名称=第一",
        "--mark",
    ]);
    run.assert_code(1)
        .assert_stderr_has("1 of 27 slots filled; 26 left")
        .assert_stdout_has("第一会议室（【数量】楼【数量_2】层）")
        .assert_stdout_has("【日期年】年【日期月】月【日期日】日（星期【星期】）");
    let schema = fs::read_to_string(Path::new(ROOT).join("samples/notice.schema.yaml")).unwrap();
    let schema: serde_json::Value = serde_saphyr::from_str(&schema).unwrap();
    for (name, _) in schema["fields"].as_object().unwrap() {
        let name = name.as_str();
        if name != "会议室名称" {
            run.assert_stdout_has(&format!("【{name}】"));
        }
    }
    assert!(!run.stdout().contains("XX会议室"));
}

#[test]
fn mark_writes_x_for_slots_no_field_claims() {
    let sandbox = Sandbox::new();
    let schema = sandbox.write(
        "schema.yaml",
        "version: 1\nfields:\n  轮训数:\n    type: integer\n    anchors:\n      - 训X期\n",
    );
    let run = run(&[
        "fill",
        "samples/summary.txt",
        "--schema",
        &schema,
        "--set",
        "轮训数=3",
        "--mark",
    ]);
    run.assert_code(1)
        .assert_stdout_has("举办集中轮训3期，培训农村党员【X】名")
        .assert_stdout_has("【20XX】年【X】月【X】日");
}

#[test]
fn diff_marks_changed_characters_on_stderr() {
    let run = fill_sample("notice", &["--diff"]);
    run.assert_code(0)
        .assert_stderr_has("--- samples/notice.txt\n+++ -\n")
        .assert_stderr_has("-各[-XX-]单位、机关各部门：")
        .assert_stderr_has("+各{+直属+}单位、机关各部门：")
        .assert_stderr_has("xfill: all 27 slots filled");
    assert!(!run.stderr.contains('\x1b'), "colour is off");
    assert_eq!(run.stdout, read_sample("notice.filled.txt"));
    assert_snapshot!(run.stderr);
}

#[test]
fn fill_shows_a_field_without_value_once_with_all_its_places() {
    let sandbox = Sandbox::new();
    let values: String = fs::read_to_string(sample("summary.values.yaml"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("单位名称:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let values = sandbox.write("v.yaml", values);
    let run = run(&[
        "fill",
        &sample("summary.txt"),
        "--schema",
        &sample("summary.schema.yaml"),
        "--values",
        &values,
    ]);
    run.assert_code(1)
        .assert_stderr_has("5 left (no value for 单位名称)")
        .assert_stderr_has(
            "pass --set 单位名称=… (it fills 5 places: 8:168, 12:20, 12:161, 26:12, 36:14)",
        );
    assert_eq!(
        run.stderr.matches("单位名称 · name").count(),
        1,
        "{}",
        run.stderr
    );
    // The fields that did fill several places are listed for review.
    assert!(
        run.stderr
            .contains("review: one value fills several places")
    );
    assert!(run.stderr.contains("  村名 → 2 places: 16:20, 16:126\n"));
}

#[test]
fn diff_goes_to_stdout_with_output_file() {
    let sandbox = Sandbox::new();
    let out = arg(&sandbox.path("out.txt"));
    let run = fill_sample("summary", &["--diff", "-o", &out]);
    run.assert_code(0)
        .assert_stdout_has("--- samples/summary.txt\n")
        .assert_stdout_has("+++ ")
        .assert_stdout_has("一年来，[-X-]镇党委")
        .assert_stdout_has("一年来，{+青石+}镇党委");
    assert!(run.stderr.starts_with("xfill: all 34 slots filled\n"));
    assert!(!run.stderr.contains("---"), "the diff is on stdout");
    assert_eq!(fs::read(&out).unwrap(), read_sample("summary.filled.txt"));
    assert!(!run.stdout().contains('\x1b'));
}

#[test]
fn scan_reads_stdin() {
    let run = run_with_stdin(&["scan", "-"], Some("分为X个组。\n".as_bytes()));
    run.assert_code(0);
    assert_snapshot!(run.render());

    // The same slots as from the file, only the name differs.
    let from_stdin = run_with_stdin(
        &["scan", "--format", "json", "-"],
        Some(&read_sample("notice.txt")),
    );
    let from_file = self::run(&["scan", "--format", "json", "samples/notice.txt"]);
    let mut a: serde_json::Value = serde_json::from_slice(&from_stdin.stdout).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&from_file.stdout).unwrap();
    assert_eq!(a["file"], "<stdin>");
    a["file"] = b["file"].clone();
    assert_eq!(a, b);
}

#[test]
fn check_and_init_read_stdin() {
    run_with_stdin(&["check", "-"], Some(&read_sample("summary.filled.txt")))
        .assert_code(0)
        .assert_stdout_has("<stdin>: no slots left");
    run_with_stdin(&["check", "-"], Some(&read_sample("summary.txt")))
        .assert_code(1)
        .assert_stdout_has("<stdin>: 34 slots left");
    run_with_stdin(&["init", "-"], Some("分为X个组。\n".as_bytes()))
        .assert_code(0)
        .assert_stdout_has("anchors:");
}

// ---------------------------------------------------------------------------------------
// Values that contain X

#[test]
fn value_with_xx_is_never_an_unresolved_slot() {
    // contract.values.yaml gives 公司名称 the value "XX科技".
    let run = fill_sample(
        "contract",
        &["--set", "公司名称=XX科技", "--format", "json"],
    );
    run.assert_code(0)
        .assert_stdout_has("乙方：XX科技科技有限公司");
    let json: serde_json::Value = serde_json::from_str(&run.stderr).unwrap();
    assert_eq!(json["remaining"], serde_json::json!([]));

    let run = fill_sample(
        "summary",
        &["--set", "单位名称=XX科技", "--set", "村名=XxＸ×"],
    );
    run.assert_code(0)
        .assert_stderr_has("all 34 slots filled")
        .assert_stdout_has("现将XX科技全年")
        .assert_stdout_has("将XxＸ×村确定");
}

// ---------------------------------------------------------------------------------------
// init → values → fill → check

/// A valid value for every field of a schema, as a values file.
fn values_for(schema_yaml: &str) -> String {
    let schema: serde_json::Value = serde_saphyr::from_str(schema_yaml).expect("schema parses");
    let mut values = serde_json::Map::new();
    for (name, field) in schema["fields"].as_object().expect("fields") {
        let value = match field["type"].as_str().unwrap_or("text") {
            "integer" => {
                let min = field["min"].as_i64();
                let max = field["max"].as_i64();
                let n = min.unwrap_or(1).max(1);
                serde_json::Value::from(max.map_or(n, |max| n.min(max)))
            }
            "number" => serde_json::Value::from(1.5),
            "text" => match field["pattern"].as_str() {
                None => serde_json::Value::from("测试"),
                Some(p) if p.contains(':') => serde_json::Value::from("9:30"), // a time
                Some(p) if p.contains('转') => serde_json::Value::from("0571-88886666"), // a phone
                Some(p) => panic!("init drafted a pattern this test has no value for: {p}"),
            },
            "date" => serde_json::Value::from("2024-05-01"),
            "choice" => field["choices"][0].clone(),
            other => panic!("init drafted a field of type {other}"),
        };
        values.insert(name.clone(), value);
    }
    serde_json::to_string_pretty(&values).unwrap()
}

#[test]
fn init_fill_check_round_trip() {
    for name in TEMPLATES {
        let sandbox = Sandbox::new();
        let template = sample(&format!("{name}.txt"));
        let schema = arg(&sandbox.path("schema.yaml"));
        run(&["init", &template, "-o", &schema]).assert_code(0);

        let values = sandbox.write(
            "values.yaml",
            values_for(&fs::read_to_string(&schema).unwrap()),
        );
        let out = arg(&sandbox.path("out.txt"));
        let slots = slot_count(&template);
        let run = run(&[
            "fill", &template, "--schema", &schema, "--values", &values, "-o", &out,
        ]);
        run.assert_code(0)
            .assert_stderr_has(&format!("all {slots} slots filled"));

        self::run(&["check", &out])
            .assert_code(0)
            .assert_stdout_has("no slots left");
        self::run(&["check", &out, "--values", &values]).assert_code(0);
    }
}

/// `check --values` treats a value as data only when the value scans as a slot on its own;
/// a lowercase run ("xx") does not, yet beside Chinese text in the document it is a slot.
#[test]
fn check_values_treats_a_lowercase_x_value_as_data() {
    let sandbox = Sandbox::new();
    let values = sample_text("summary.values.yaml").replace("镇名: 青石\n", "镇名: xx\n");
    let values = sandbox.write("values.yaml", values);
    let out = arg(&sandbox.path("out.txt"));
    run(&[
        "fill",
        "samples/summary.txt",
        "--schema",
        "samples/summary.schema.yaml",
        "--values",
        &values,
        "-o",
        &out,
    ])
    .assert_code(0);
    // Where the schema places it, the value is data.
    run(&[
        "check",
        &out,
        "--schema",
        "samples/summary.schema.yaml",
        "--values",
        &values,
    ])
    .assert_code(0);
    // Without a schema, a value of X alone has no place to be told by: it is reported.
    run(&["check", &out, "--values", &values]).assert_code(1);
}

/// With every field filled, `check --schema` should find nothing; today it reports anchors
/// whose text holds another slot (`[[X]]月X日`) as drift, because that other X is filled too.
#[test]
fn check_with_schema_finds_no_drift_in_a_filled_sample() {
    for name in TEMPLATES {
        run(&[
            "check",
            &sample(&format!("{name}.filled.txt")),
            "--schema",
            &sample(&format!("{name}.schema.yaml")),
            "--values",
            &sample(&format!("{name}.values.yaml")),
        ])
        .assert_code(0);
    }
}

/// A schema drafted from a template should fill the same template saved with CRLF; today
/// `init` writes anchors that end in "\n" (`X日\n`), which a CRLF copy never matches.
#[test]
fn schema_from_lf_template_fills_its_crlf_copy() {
    let sandbox = Sandbox::new();
    let crlf = sample_text("notice.txt").replace('\n', "\r\n");
    let template = sandbox.write("notice.txt", crlf);
    run(&[
        "fill",
        &template,
        "--schema",
        "samples/notice.schema.yaml",
        "--values",
        "samples/notice.values.yaml",
    ])
    .assert_code(0);
}

// ---------------------------------------------------------------------------------------
// extract

/// Runs `extract` of a sample's filled copy against its template plus `extra` arguments.
fn extract_sample(name: &str, extra: &[&str]) -> Run {
    let (template, filled) = (
        sample(&format!("{name}.txt")),
        sample(&format!("{name}.filled.txt")),
    );
    let mut args = vec!["extract", template.as_str(), filled.as_str()];
    args.extend_from_slice(extra);
    run(&args)
}

/// A values file as a YAML mapping.
fn yaml_mapping(bytes: &[u8]) -> serde_json::Map<String, serde_json::Value> {
    match serde_saphyr::from_slice(bytes).expect("values YAML parses") {
        serde_json::Value::Object(map) => map,
        other => panic!("values file is not a mapping: {other:?}"),
    }
}

#[test]
fn extract_with_schema_gives_the_values_sample_byte_for_byte() {
    for name in TEMPLATES {
        let sandbox = Sandbox::new();
        let schema = sample(&format!("{name}.schema.yaml"));
        let run = extract_sample(name, &["--schema", &schema]);
        run.assert_code(0);
        assert!(
            run.stdout == read_sample(&format!("{name}.values.yaml")),
            "{name}: output differs from samples/{name}.values.yaml\n{}",
            run.render()
        );
        let slots = slot_count(&sample(&format!("{name}.txt")));
        assert_eq!(
            run.stderr,
            format!("xfill: recovered {slots} of {slots} slots from samples/{name}.filled.txt\n"),
        );

        // What extract wrote is a values file that fills the template back as it was.
        let values = sandbox.write("values.yaml", &run.stdout);
        let template = sample(&format!("{name}.txt"));
        let fill = self::run(&["fill", &template, "--schema", &schema, "--values", &values]);
        fill.assert_code(0)
            .assert_stderr_has(&format!("all {slots} slots filled"));
        assert!(
            fill.stdout == read_sample(&format!("{name}.filled.txt")),
            "{name}: refilled output differs from samples/{name}.filled.txt\n{}",
            fill.render()
        );
    }
}

/// A schema's own patterns find slots the built-in scanner does not: extract scans the
/// template with them (it first scans with the built-in forms while the schema loads).
#[test]
fn extract_scans_with_the_schemas_patterns() {
    let sandbox = Sandbox::new();
    let template = sandbox.write("t.txt", "姓名：____，人数X人。\n");
    let filled = sandbox.write("f.txt", "姓名：张三，人数5人。\n");
    let schema = sandbox.write(
        "s.yaml",
        "version: 1\npatterns: [\"_{3,}\"]\nfields:\n  姓名:\n    anchors: [姓名：____，]\n  人数:\n    type: integer\n    anchors: [人数X人]\n",
    );
    let run = run(&["extract", &template, &filled, "--schema", &schema]);
    run.assert_code(0);
    assert_eq!(run.stdout(), "姓名: 张三\n人数: 5\n");
}

#[test]
fn extract_names_two_filled_slots_that_touch_as_lost() {
    let sandbox = Sandbox::new();
    let template = sandbox.write("t.txt", "会议于XX月X日召开，到会X人。\n");
    let schema = sandbox.write(
        "s.yaml",
        "version: 1\npatterns: [\"X{2}月\"]\nfields:\n  月:\n    anchors: [于XX月]\n  日:\n    anchors: [X日召]\n  人数:\n    type: integer\n    anchors: [会X人]\n",
    );
    // Still unfilled, the first shows where it ends.
    let filled = sandbox.write("f.txt", "会议于XX月8日召开，到会30人。\n");
    let unfilled = run(&["extract", &template, &filled, "--schema", &schema]);
    unfilled.assert_code(0);
    assert_eq!(unfilled.stdout(), "月:\n日: \"8\"\n人数: 30\n");
    // Both filled: where one value ends cannot be told.
    let filled = sandbox.write("g.txt", "会议于5月8日召开，到会30人。\n");
    let both = run(&["extract", &template, &filled, "--schema", &schema]);
    both.assert_code(1)
        .assert_stderr_has("recovered 1 of 3 slots")
        .assert_stderr_has("t.txt:1:4  月")
        .assert_stderr_has("t.txt:1:7  日")
        .assert_stderr_has("no template text stands between it and the slot next to it");
    assert_eq!(both.stdout(), "月:\n日:\n人数: 30\n");
}

#[test]
fn extract_and_diff_read_standard_input_once() {
    for args in [["extract", "-", "-"], ["diff", "-", "-"]] {
        let run = run_with_stdin(&args, Some("分为X个组。\n".as_bytes()));
        run.assert_code(2)
            .assert_stderr_has("cannot both come from standard input");
    }
}

#[test]
fn extract_without_schema() {
    insta::glob!("../samples", "*.filled.txt", |path| {
        let filled = relative(path);
        let template = filled.replace(".filled.txt", ".txt");
        let run = run(&["extract", &template, &filled]);
        run.assert_code(0);
        assert_snapshot!(run.render());

        // Each field is preceded by the comments that name its slots.
        let stdout = run.stdout();
        let mut comments = 0;
        for line in stdout.lines() {
            if line.starts_with("# slot ") {
                comments += 1;
            } else {
                assert!(comments > 0, "field without its slots: {line}\n{stdout}");
                comments = 0;
            }
        }
        assert_eq!(
            stdout.lines().filter(|l| l.starts_with("# slot ")).count() as u64,
            slot_count(&template),
            "one comment per slot"
        );

        // The names are those `init` drafts: with its schema, the values fill the template
        // back as it was.
        let sandbox = Sandbox::new();
        let schema = arg(&sandbox.path("schema.yaml"));
        self::run(&["init", &template, "-o", &schema]).assert_code(0);
        let values = sandbox.write("values.yaml", &run.stdout);
        let fill = self::run(&["fill", &template, "--schema", &schema, "--values", &values]);
        fill.assert_code(0);
        assert!(
            fill.stdout == fs::read(path).unwrap(),
            "{filled}: refilled with drafted names differs\n{}",
            fill.render()
        );
    });
}

#[test]
fn extract_json() {
    let run = extract_sample(
        "notice",
        &["--schema", "samples/notice.schema.yaml", "--format", "json"],
    );
    run.assert_code(0);
    assert!(run.stderr.is_empty(), "{}", run.render());
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(json["template"], "samples/notice.txt");
    assert_eq!(json["filled"], "samples/notice.filled.txt");
    assert_eq!(json["conflicts"], serde_json::json!([]));
    let slots = json["slots"].as_array().expect("slots");
    assert_eq!(slots.len(), 27);
    assert!(slots.iter().all(|s| s["status"] == "recovered"));
    // The values are those of the values sample, as strings.
    let expected = yaml_mapping(&read_sample("notice.values.yaml"));
    let values = json["values"].as_object().expect("values");
    assert_eq!(values.len(), expected.len());
    for (name, value) in &expected {
        let name = name.as_str();
        let text = match value {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            other => panic!("{name}: {other:?}"),
        };
        assert_eq!(values[name], text.as_str(), "{name}");
    }
    assert_snapshot!(run.render());
}

/// samples/summary.filled.txt with one sentence rewritten around the slot of 愁盼问题数 (on
/// both sides of it) and one rewritten far from any slot.
fn summary_filled_edited() -> String {
    let original = sample_text("summary.filled.txt");
    let edits = [
        (
            "累计收集群众急难愁盼问题57条，已全部建立台账、限时办结、跟踪问效。",
            "累计为群众解决实际困难57件，均已办结销号。",
        ),
        ("一是产业发展层次不高。", "一是产业发展水平仍然不高。"),
    ];
    let mut edited = original;
    for (from, to) in edits {
        assert_eq!(edited.matches(from).count(), 1, "{from}");
        edited = edited.replace(from, to);
    }
    edited
}

#[test]
fn extract_after_edits_outside_slots_loses_only_the_slot_touched() {
    let sandbox = Sandbox::new();
    let filled = sandbox.write("edited.txt", summary_filled_edited());
    let run = run(&[
        "extract",
        "samples/summary.txt",
        &filled,
        "--schema",
        "samples/summary.schema.yaml",
    ]);
    run.assert_code(1)
        .assert_stderr_has("recovered 33 of 34 slots")
        .assert_stderr_has("1 lost")
        .assert_stderr_has("samples/summary.txt:12:217  愁盼问题数")
        .assert_stderr_has("lost: the text just before it was edited or removed");
    assert_snapshot!(run.render());

    // Every other field is recovered; the lost one is left empty.
    let mut expected = yaml_mapping(&read_sample("summary.values.yaml"));
    expected.insert("愁盼问题数".into(), serde_json::Value::Null);
    assert_eq!(yaml_mapping(&run.stdout), expected);
}

#[test]
fn extract_leaves_a_field_whose_slots_disagree_empty() {
    let sandbox = Sandbox::new();
    let template = sandbox.write("t.txt", "X党委：\n现将X工作总结如下。\n共X人。\n");
    let schema = sandbox.write(
        "t.schema.yaml",
        "version: 1\nfields:\n  单位:\n    anchors: [X党委, 现将X]\n  人数:\n    type: integer\n    anchors: [共X人]\n",
    );
    let filled = sandbox.write(
        "t.filled.txt",
        "甲镇党委：\n现将乙镇工作总结如下。\n共5人。\n",
    );
    let run = run(&["extract", &template, &filled, "--schema", &schema]);
    run.assert_code(1)
        .assert_stderr_has("1 field(s) with conflicting values")
        .assert_stderr_has("conflict: field `单位` has different values in its slots")
        .assert_stderr_has("slot 1 at 1:1: \"甲镇\"")
        .assert_stderr_has("slot 2 at 2:3: \"乙镇\"");
    assert_snapshot!(run.render());
    let values = yaml_mapping(&run.stdout);
    assert_eq!(values["单位"], serde_json::Value::Null);
    assert_eq!(values["人数"], serde_json::Value::from(5));

    let json = self::run(&[
        "extract", &template, &filled, "--schema", &schema, "--format", "json",
    ]);
    json.assert_code(1);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        json["conflicts"],
        serde_json::json!([{"field": "单位", "slots": [
            {"id": 1, "value": "甲镇"}, {"id": 2, "value": "乙镇"}
        ]}])
    );
    assert_eq!(json["values"], serde_json::json!({"人数": "5"}));
}

#[test]
fn extract_missing_file_exits_2() {
    for args in [
        &["extract", "samples/nope.txt", "samples/summary.filled.txt"][..],
        &["extract", "samples/summary.txt", "samples/nope.filled.txt"],
        &[
            "extract",
            "samples/summary.txt",
            "samples/summary.filled.txt",
            "--schema",
            "samples/nope.schema.yaml",
        ],
    ] {
        let run = run(args);
        run.assert_code(2)
            .assert_stderr_has("cannot read samples/nope.")
            .assert_stderr_has("help: check the path");
        assert!(run.stdout.is_empty(), "{}", run.render());
    }
}

#[test]
fn extract_with_a_bad_schema_exits_2() {
    let sandbox = Sandbox::new();
    let schema = sandbox.write(
        "schema.yaml",
        "version: 1\nfields:\n  组数:\n    type: integr\n    anchors:\n      - X期\n",
    );
    let run = extract_sample("summary", &["--schema", &schema]);
    run.assert_code(2)
        .assert_stderr_has("unknown type `integr` for field `组数`")
        .assert_stderr_has("schema.yaml:4:11");
    assert!(run.stdout.is_empty(), "{}", run.render());
    assert_snapshot!(run.render());

    // Two fields claiming one slot is as much an error as in `fill`.
    let schema = sandbox.write(
        "claimed.yaml",
        "version: 1\nfields:\n  甲:\n    anchors:\n      - X期\n  乙:\n    anchors:\n      - 训X\n",
    );
    extract_sample("summary", &["--schema", &schema])
        .assert_code(2)
        .assert_stderr_has("claimed by two fields, `甲` and `乙`");
}

#[test]
fn extract_writes_the_output_file_and_nothing_to_stdout() {
    let sandbox = Sandbox::new();
    let out = sandbox.write("values.yaml", "旧的内容\n");
    let run = extract_sample(
        "contract",
        &["--schema", "samples/contract.schema.yaml", "-o", &out],
    );
    run.assert_code(0)
        .assert_stderr_has("recovered 21 of 21 slots");
    assert!(run.stdout.is_empty(), "{}", run.render());
    assert_eq!(fs::read(&out).unwrap(), read_sample("contract.values.yaml"));

    // An error leaves the file as it was.
    fs::write(&out, "旧的内容\n").unwrap();
    extract_sample("contract", &["--schema", "samples/nope.yaml", "-o", &out]).assert_code(2);
    assert_eq!(fs::read_to_string(&out).unwrap(), "旧的内容\n");
    // `-o -` is stdout.
    let run = extract_sample(
        "contract",
        &["--schema", "samples/contract.schema.yaml", "-o", "-"],
    );
    run.assert_code(0);
    assert_eq!(run.stdout, read_sample("contract.values.yaml"));
}

#[test]
fn extract_reads_the_filled_document_from_stdin() {
    let run = run_with_stdin(
        &[
            "extract",
            "samples/notice.txt",
            "-",
            "--schema",
            "samples/notice.schema.yaml",
        ],
        Some(&read_sample("notice.filled.txt")),
    );
    run.assert_code(0)
        .assert_stderr_has("recovered 27 of 27 slots from <stdin>");
    assert_eq!(run.stdout, read_sample("notice.values.yaml"));
}

/// An edit of the heading just before a date (`一、会议时间` → `一、会议安排`) loses the
/// year; the search for the text after it then starts back at the previous slot's value
/// and stops at the first `年` there (`决定召开2024年度`), so 日期月 is "recovered" as a
/// run of text across three lines instead of 3.
#[test]

fn extract_after_an_edited_heading_recovers_no_wrong_value() {
    let sandbox = Sandbox::new();
    let original = sample_text("notice.filled.txt");
    assert_eq!(original.matches("一、会议时间\n").count(), 1);
    let filled = sandbox.write(
        "edited.txt",
        original.replace("一、会议时间\n", "一、会议安排\n"),
    );
    let run = run(&[
        "extract",
        "samples/notice.txt",
        &filled,
        "--schema",
        "samples/notice.schema.yaml",
    ]);
    assert!(matches!(run.code, 0 | 1), "{}", run.render());
    // Each value is the right one, or left empty and reported lost: never made up.
    let expected = yaml_mapping(&read_sample("notice.values.yaml"));
    for (name, value) in yaml_mapping(&run.stdout) {
        if value != serde_json::Value::Null {
            assert_eq!(
                Some(&value),
                expected.get(&name),
                "{name:?}\n{}",
                run.render()
            );
        }
    }
}

/// A filled document saved again with CRLF (as Windows editors do) is the same document;
/// `bind` already treats CRLF and LF alike, extract compares the literals byte for byte and
/// loses 7 of 27 slots, and "recovers" 日期月 as a run of text across lines.
#[test]
fn extract_reads_a_crlf_copy_of_the_filled_document() {
    let sandbox = Sandbox::new();
    let crlf = sample_text("notice.filled.txt").replace('\n', "\r\n");
    let filled = sandbox.write("notice.filled.txt", crlf);
    let run = run(&[
        "extract",
        "samples/notice.txt",
        &filled,
        "--schema",
        "samples/notice.schema.yaml",
    ]);
    run.assert_code(0);
    assert_eq!(run.stdout, read_sample("notice.values.yaml"));
}

/// A value with a line separator (U+2028, as text pasted from the web carries) is written
/// plain, `内容: 甲\u{2028}乙`; YAML breaks the line there, so `fill` cannot read the values
/// file extract wrote (exit 2: "could not find expected ':'"). `schema::quote` quotes values
/// with \n and \r but not U+2028 or U+2029.
#[test]

fn extract_quotes_a_value_with_a_line_separator() {
    let sandbox = Sandbox::new();
    let template = sandbox.write("t.txt", "单位：X。\n");
    let schema = arg(&sandbox.path("t.schema.yaml"));
    run(&["init", &template, "-o", &schema]).assert_code(0);
    for value in ["甲\u{2028}乙", "甲\u{2029}乙"] {
        let filled = sandbox.write("t.filled.txt", format!("单位：{value}。\n"));
        let values = arg(&sandbox.path("values.yaml"));
        run(&["extract", &template, &filled, "-o", &values]).assert_code(0);
        let fill = run(&["fill", &template, "--schema", &schema, "--values", &values]);
        fill.assert_code(0);
        assert_eq!(fill.stdout(), format!("单位：{value}。\n"));
    }
}

// ---------------------------------------------------------------------------------------
// diff

#[test]
fn diff_of_identical_files_exits_0_and_prints_nothing() {
    for name in ["summary.txt", "notice.filled.txt"] {
        let file = sample(name);
        let run = run(&["diff", &file, &file]);
        run.assert_code(0);
        assert!(
            run.stdout.is_empty() && run.stderr.is_empty(),
            "{}",
            run.render()
        );
    }
    let run = run(&[
        "diff",
        "samples/notice.txt",
        "samples/notice.txt",
        "--format",
        "json",
    ]);
    run.assert_code(0);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(json["identical"], true);
    assert_eq!(json["hunks"], serde_json::json!([]));
}

#[test]
fn diff_template_and_filled_exits_1() {
    let run = run(&["diff", "samples/notice.txt", "samples/notice.filled.txt"]);
    run.assert_code(1)
        .assert_stdout_has("--- samples/notice.txt\n+++ samples/notice.filled.txt\n")
        .assert_stdout_has("-各[-XX-]单位、机关各部门：")
        .assert_stdout_has("+各{+直属+}单位、机关各部门：")
        .assert_stdout_has("slots of samples/notice.txt in samples/notice.filled.txt:");
    assert!(!run.stdout().contains('\x1b'), "colour is off");
    assert!(run.stderr.is_empty(), "{}", run.render());
    assert_snapshot!(run.render());

    // With the template's schema, the slots are named by its fields.
    let named = self::run(&[
        "diff",
        "samples/summary.txt",
        "samples/summary.filled.txt",
        "--schema",
        "samples/summary.schema.yaml",
    ]);
    named
        .assert_code(1)
        .assert_stdout_has("直播带货数")
        .assert_stdout_has("→ \"24\"");
    // -U 0: changed lines only.
    let bare = self::run(&[
        "diff",
        "samples/summary.txt",
        "samples/summary.filled.txt",
        "-U",
        "0",
    ]);
    bare.assert_code(1);
    let stdout = bare.stdout();
    let diff = stdout.split("slots of ").next().unwrap();
    assert!(
        diff.lines().all(|l| !l.starts_with(' ')),
        "context lines with -U 0:\n{diff}"
    );
}

#[test]
fn diff_of_an_edited_copy_marks_the_lost_slot() {
    let sandbox = Sandbox::new();
    let filled = sandbox.write("edited.txt", summary_filled_edited());
    let run = run(&[
        "diff",
        "samples/summary.txt",
        &filled,
        "--schema",
        "samples/summary.schema.yaml",
    ]);
    run.assert_code(1)
        .assert_stdout_has("累计{+为群众解决实际困难57件，均+}已办结{+销号+}。")
        .assert_stdout_has("  12:166  年轻干部数    X → \"8\"\n")
        .assert_stdout_has(
            "  12:217  愁盼问题数    X → lost (the text just before it was edited or removed)\n",
        )
        .assert_stdout_has("  14:92   种植面积      X → \"3200\"\n");
    assert_eq!(
        run.stdout().matches(" → lost ").count(),
        1,
        "{}",
        run.render()
    );
}

/// samples/summary.filled.txt with 轮训数 3 → 4 and 村名 柳湾 → 柳溪 (in both its slots).
fn summary_filled_changed() -> String {
    let original = sample_text("summary.filled.txt");
    assert_eq!(original.matches("举办集中轮训3期").count(), 1);
    assert_eq!(original.matches("柳湾村").count(), 2);
    original
        .replace("举办集中轮训3期", "举办集中轮训4期")
        .replace("柳湾村", "柳溪村")
}

/// `diff` of the filled summary and [`summary_filled_changed`], with the template and
/// schema, plus `extra` arguments.
fn diff_summary_changed(sandbox: &Sandbox, extra: &[&str]) -> Run {
    let new = sandbox.write("summary.new.txt", summary_filled_changed());
    let mut args = vec![
        "diff",
        "samples/summary.filled.txt",
        &new,
        "--template",
        "samples/summary.txt",
        "--schema",
        "samples/summary.schema.yaml",
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn diff_with_template_lists_the_fields_that_changed() {
    let sandbox = Sandbox::new();
    let run = diff_summary_changed(&sandbox, &[]);
    run.assert_code(1)
        .assert_stdout_has("举办集中轮训[-3-]期")
        .assert_stdout_has("举办集中轮训{+4+}期");
    let stdout = run.stdout();
    let (_, changed) = stdout
        .split_once("fields that changed:\n")
        .expect("a list of changed fields");
    assert_eq!(
        changed,
        "  轮训数: \"3\" → \"4\"\n  村名: \"柳湾\" → \"柳溪\"\n"
    );
    assert_snapshot!(run.render());
}

#[test]
fn diff_shows_a_window_around_each_change_in_a_long_line() {
    let sandbox = Sandbox::new();
    let run = diff_summary_changed(&sandbox, &[]);
    let stdout = run.stdout();
    let changed = stdout
        .lines()
        .find(|l| l.contains("举办集中轮训{+4+}期"))
        .expect("the changed line");
    // 30 characters either side of the change, the rest of the 200-character paragraph cut.
    assert_eq!(
        changed,
        "+…的班子建设，分批次组织村党组织书记外出考察学习，举办集中轮训{+4+}期，培训农村党员420名。同时，从青石镇机关选派8名年轻干部…"
    );
    let full = diff_summary_changed(&sandbox, &["--full-lines"]);
    assert!(
        full.stdout()
            .contains("+（一）突出党建引领，筑牢基层战斗堡垒。青石镇党委始终"),
        "--full-lines shows whole lines:\n{}",
        full.render()
    );
    assert!(full.stdout().contains("跟踪问效。\n"));
}

#[test]
fn diff_json_has_hunks_slots_and_changed_fields() {
    let sandbox = Sandbox::new();
    let run = diff_summary_changed(&sandbox, &["--format", "json"]);
    run.assert_code(1);
    assert!(run.stderr.is_empty(), "{}", run.render());
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    for key in ["identical", "hunks", "slots", "fields_changed"] {
        assert!(json.get(key).is_some(), "no `{key}` in\n{json:#}");
    }
    assert_eq!(json["identical"], false);
    assert_eq!(json["old"], "samples/summary.filled.txt");
    assert_eq!(
        json["fields_changed"],
        serde_json::json!([
            {"field": "轮训数", "old": "3", "new": "4"},
            {"field": "村名", "old": "柳湾", "new": "柳溪"},
        ])
    );
    // The filled old version has no slots left.
    assert_eq!(json["slots"], serde_json::json!([]));
    // Lines 12 and 16 are within each other's context: one hunk. `changed` are byte ranges
    // of the changed characters in each line.
    let hunks = json["hunks"].as_array().expect("hunks");
    assert_eq!(hunks.len(), 1, "{json:#}");
    assert_eq!(
        (hunks[0]["old_start"].as_u64(), hunks[0]["old_len"].as_u64()),
        (Some(9), Some(11))
    );
    let changed: Vec<(&str, &str)> = hunks
        .iter()
        .flat_map(|h| h["lines"].as_array().unwrap())
        .filter(|l| l["tag"] != "equal")
        .flat_map(|l| {
            let text = l["text"].as_str().unwrap();
            let tag = l["tag"].as_str().unwrap();
            l["changed"].as_array().unwrap().iter().map(move |r| {
                let (a, b) = (r[0].as_u64().unwrap(), r[1].as_u64().unwrap());
                (tag, &text[a as usize..b as usize])
            })
        })
        .collect();
    assert_eq!(
        changed,
        [
            ("delete", "3"),
            ("insert", "4"),
            ("delete", "湾"),
            ("delete", "湾"),
            ("insert", "溪"),
            ("insert", "溪"),
        ]
    );

    // Template against filled: one entry per slot of the template.
    let run = self::run(&[
        "diff",
        "samples/summary.txt",
        "samples/summary.filled.txt",
        "--format",
        "json",
    ]);
    run.assert_code(1);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let slots = json["slots"].as_array().unwrap();
    assert_eq!(slots.len(), 34);
    assert!(slots.iter().all(|s| s["status"] == "recovered"));
    assert_eq!(json["fields_changed"], serde_json::json!([]));
}

#[test]
fn diff_missing_file_exits_2() {
    for args in [
        &["diff", "samples/nope.txt", "samples/summary.txt"][..],
        &["diff", "samples/summary.txt", "samples/nope.txt"],
        &[
            "diff",
            "samples/summary.filled.txt",
            "samples/summary.filled.txt",
            "--template",
            "samples/nope.txt",
        ],
        &[
            "diff",
            "samples/summary.txt",
            "samples/summary.filled.txt",
            "--schema",
            "samples/nope.schema.yaml",
        ],
    ] {
        let run = run(args);
        run.assert_code(2)
            .assert_stderr_has("cannot read samples/nope.");
        assert!(run.stdout.is_empty(), "{}", run.render());
    }
}

// ---------------------------------------------------------------------------------------
// Last year's values into this year's template

#[test]
fn year_to_year_flow() {
    let sandbox = Sandbox::new();
    let last = arg(&sandbox.path("last.yaml"));
    run(&[
        "extract",
        "samples/summary.txt",
        "samples/summary.filled.txt",
        "--schema",
        "samples/summary.schema.yaml",
        "-o",
        &last,
    ])
    .assert_code(0);
    assert_eq!(fs::read(&last).unwrap(), read_sample("summary.values.yaml"));

    let schema = arg(&sandbox.path("new.schema.yaml"));
    let init = run(&[
        "init",
        "samples/summary-2024.txt",
        "--from",
        "samples/summary.schema.yaml",
        "-o",
        &schema,
    ]);
    init.assert_code(0);
    assert!(init.stdout.is_empty(), "{}", init.render());
    assert_eq!(
        init.stderr
            .strip_suffix(&format!("xfill: 28 fields for 34 slots → {schema}\n"))
            .unwrap_or(&init.stderr),
        "xfill: kept 27 fields of samples/summary.schema.yaml; 1 new (农民专业合作社数); 1 lost (直播带货数)\n\
         xfill: carried over, review them: 镇名, 单位名称, 振兴工作数, 配套措施数, 轮训数, 农村党员数, 年轻干部数, 愁盼问题数, 种植面积, 开发区名称, 企业数, 高山蔬菜, 销售收入金额, 同比增长, 村名, 项目资金, 县名, 乡名, 菌大棚数, 类垃圾, 户厕改造数, 类收集点数, 学校捐赠数, 折合现金, 日期年, 日期月, 日期日\n\
         xfill: 镇名 fills 2 places — review them (listed above the field in the schema)\n\
         xfill: 单位名称 fills 5 places — review them (listed above the field in the schema)\n\
         xfill: 村名 fills 2 places — review them (listed above the field in the schema)\n"
    );
    assert!(init.stderr.ends_with(&format!(" slots → {schema}\n")));
    let body = |text: &str| -> String {
        text.lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect()
    };
    assert_eq!(
        body(&fs::read_to_string(&schema).unwrap()),
        body(&sample_text("summary-2024.schema.yaml")),
        "the carried schema is samples/summary-2024.schema.yaml"
    );

    let fill = |extra: &[&str]| {
        let mut args = vec![
            "fill",
            "samples/summary-2024.txt",
            "--schema",
            &schema,
            "--values",
            &last,
        ];
        args.extend_from_slice(extra);
        run(&args)
    };
    let skipped = fill(&["--skip-unknown"]);
    skipped
        .assert_code(1)
        .assert_stderr_has("warning: skipped `直播带货数`")
        .assert_stderr_has("33 of 34 slots filled; 1 left (no value for 农民专业合作社数)")
        .assert_stdout_has("全年新增农民专业合作社X家。")
        .assert_stdout_has("现将青石镇全年乡村振兴工作总结如下");
    assert_snapshot!(skipped.render());
    // The one slot left is the new one, 农民专业合作社X家 on line 14.
    let places: Vec<&str> = skipped
        .stderr
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .collect();
    assert_eq!(
        places,
        ["samples/summary-2024.txt:14:31  农民专业合作社数 · quantity (家)"],
        "{}",
        skipped.render()
    );

    // This year's document gives back last year's values, less the dropped field.
    let filled = sandbox.write("summary-2024.filled.txt", &skipped.stdout);
    let again = run(&[
        "extract",
        "samples/summary-2024.txt",
        &filled,
        "--schema",
        &schema,
    ]);
    again.assert_code(0);
    let mut expected = yaml_mapping(&read_sample("summary.values.yaml"));
    expected.remove("直播带货数");
    expected.insert("农民专业合作社数".into(), serde_json::Value::Null);
    assert_eq!(yaml_mapping(&again.stdout), expected);

    let strict = fill(&[]);
    strict
        .assert_code(2)
        .assert_stderr_has("unknown field `直播带货数`")
        .assert_stderr_has("last.yaml:15:1");
    assert!(strict.stdout.is_empty(), "{}", strict.render());
}

/// `fill --format json` writes its report as JSON on stderr, for machines; with
/// `--skip-unknown` the human warning about each skipped field comes first, so stderr is no
/// longer JSON (the report has no place for skipped fields).
#[test]

fn fill_json_with_skip_unknown_keeps_stderr_json() {
    let run = run(&[
        "fill",
        "samples/summary-2024.txt",
        "--schema",
        "samples/summary-2024.schema.yaml",
        "--values",
        "samples/summary.values.yaml",
        "--skip-unknown",
        "--format",
        "json",
    ]);
    run.assert_code(1);
    let json: serde_json::Value = serde_json::from_str(&run.stderr)
        .unwrap_or_else(|e| panic!("stderr is not JSON ({e}):\n{}", run.stderr));
    assert_eq!(
        json["missing_fields"],
        serde_json::json!(["农民专业合作社数"])
    );
}

/// A template whose last line (no final line break) repeats an earlier line that follows a
/// line break: `init` drafts `X项\n` for the first slot and `\nX项` for the second, and
/// `\nX项` matches the first slot too. In `Windows::anchors` the two groups are merged when
/// no window tells the second slot apart, but the anchor already written for the first
/// group stays with it, so both fields keep an anchor on the first slot. Found by the
/// property tests in roundtrip.rs (about one generated template in 1,500).
#[test]

fn init_claims_each_slot_once_when_the_last_line_repeats() {
    let sandbox = Sandbox::new();
    for (i, text) in ["\nX项\nX项", "\nX，X\nX，X"].into_iter().enumerate() {
        let template = sandbox.write(&format!("t{i}.txt"), text);
        let schema = arg(&sandbox.path(&format!("t{i}.schema.yaml")));
        run(&["init", &template, "-o", &schema]).assert_code(0);
        run(&["fill", &template, "--schema", &schema])
            .assert_code(1)
            .assert_stderr_has("left (no value for");
    }
}

// ---------------------------------------------------------------------------------------
// --help, --version

#[test]
fn help_of_every_command_has_examples() {
    for args in [
        &["--help"][..],
        &["scan", "--help"],
        &["init", "--help"],
        &["fill", "--help"],
        &["check", "--help"],
        &["extract", "--help"],
        &["diff", "--help"],
        &["help", "fill"],
    ] {
        let run = run(args);
        run.assert_code(0).assert_stdout_has("Examples");
        assert!(run.stderr.is_empty(), "{}", run.render());
    }
}

#[test]
fn version_exits_0() {
    let run = run(&["--version"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout(),
        format!("xfill {}\n", env!("CARGO_PKG_VERSION"))
    );
}

// ---------------------------------------------------------------------------------------
// Writing over the input, and another output encoding

#[test]
fn in_place_writes_over_the_template_and_keeps_a_backup() {
    let sandbox = Sandbox::new();
    let template = sandbox.write("report.txt", read_sample("summary.txt"));
    let (schema, values) = (sample("summary.schema.yaml"), sample("summary.values.yaml"));
    run(&[
        "fill",
        &template,
        "--schema",
        &schema,
        "--values",
        &values,
        "--in-place",
        "--backup",
    ])
    .assert_code(0);
    assert_eq!(
        fs::read(&template).unwrap(),
        read_sample("summary.filled.txt")
    );
    assert_eq!(
        fs::read(sandbox.path("report.txt.bak")).unwrap(),
        read_sample("summary.txt")
    );

    // Without --backup no copy is kept; a failing fill leaves the file as it was.
    let again = sandbox.write("again.txt", read_sample("summary.txt"));
    run(&[
        "fill",
        &again,
        "--schema",
        &schema,
        "--set",
        "轮训数=若干",
        "--in-place",
    ])
    .assert_code(2);
    assert_eq!(fs::read(&again).unwrap(), read_sample("summary.txt"));
    assert!(!sandbox.path("again.txt.bak").exists());
}

#[test]
fn in_place_needs_a_file() {
    let (schema, values) = (sample("summary.schema.yaml"), sample("summary.values.yaml"));
    let run = run_with_stdin(
        &[
            "fill",
            "-",
            "--schema",
            &schema,
            "--values",
            &values,
            "--in-place",
        ],
        Some(&read_sample("summary.txt")),
    );
    run.assert_code(2)
        .assert_stderr_has("--in-place needs a file");
}

#[test]
fn in_place_and_output_exclude_each_other() {
    let (template, schema) = (sample("summary.txt"), sample("summary.schema.yaml"));
    run(&[
        "fill",
        &template,
        "--schema",
        &schema,
        "--in-place",
        "-o",
        "x.txt",
    ])
    .assert_code(2);
    run(&["fill", &template, "--schema", &schema, "--backup"]).assert_code(2);
}

#[test]
fn output_encoding_converts_the_output() {
    let sandbox = Sandbox::new();
    for (name, encoding, bom) in [
        ("gb.txt", xfill::encoding::Encoding::Gb18030, false),
        ("u16.txt", xfill::encoding::Encoding::Utf16Le, true),
        ("u16be.txt", xfill::encoding::Encoding::Utf16Be, true),
    ] {
        let out = arg(&sandbox.path(name));
        fill_sample(
            "summary",
            &["--output-encoding", encoding.name(), "-o", &out],
        )
        .assert_code(0);
        let bytes = fs::read(&out).unwrap();
        let doc = xfill::encoding::decode(&bytes, name, None).unwrap();
        assert_eq!((doc.encoding, doc.bom), (encoding, bom));
        assert_eq!(doc.text.as_bytes(), read_sample("summary.filled.txt"));
    }
}

/// Inputs of a megabyte or more are mapped into memory when they are plain UTF-8, and read
/// otherwise: both ways give the same values, to stdout and through `-o`.
#[test]
fn extract_reads_large_inputs_mapped_or_decoded_alike() {
    let sandbox = Sandbox::new();
    let copies = (1 << 20) / sample_text("summary.txt").len() + 1;
    let template = sample_text("summary.txt").repeat(copies);
    let filled = sample_text("summary.filled.txt").repeat(copies);
    let utf16 = |text: &str| -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    let schema = sample("summary.schema.yaml");
    let mapped = run(&[
        "extract",
        &sandbox.write("t.txt", &template),
        &sandbox.write("f.txt", &filled),
        "--schema",
        &schema,
    ]);
    mapped.assert_code(0);
    assert_eq!(mapped.stdout, read_sample("summary.values.yaml"));
    let out = arg(&sandbox.path("out.yaml"));
    let decoded = run(&[
        "extract",
        &sandbox.write("t16.txt", utf16(&template)),
        &sandbox.write("f16.txt", utf16(&filled)),
        "--schema",
        &schema,
        "-o",
        &out,
    ]);
    decoded.assert_code(0);
    assert_eq!(fs::read(&out).expect("-o wrote the values"), mapped.stdout);
    // A large file compared with itself: no differences.
    let t = arg(&sandbox.path("t.txt"));
    run(&["diff", &t, &t]).assert_code(0);
}

/// A GB18030 template holding sequences that a decode and encode would rewrite (`A3A0` as
/// `A1A1`), with two slots, and its schema: the bytes of the template filled with `unit` and
/// `groups` ("X" leaves a slot as it is), the template's path and the schema's.
fn gb18030_case(sandbox: &Sandbox) -> (impl Fn(&str, &str) -> Vec<u8>, String, String) {
    use xfill::encoding::{Encoding, encode};
    let with = |unit: &str, groups: &str| {
        let gbk = |text: &str| encode(text, Encoding::Gb18030, false);
        [
            gbk(&format!("现将{unit}上半年工作")),
            b"\xA3\xA0\x82\x35\x90\x37\x84\x31\x82\x36".to_vec(),
            gbk(&format!("分为{groups}个组\r\n")),
        ]
        .concat()
    };
    let file = sandbox.write("t.txt", with("X", "X"));
    let schema = sandbox.write(
        "s.yaml",
        "version: 1\nfields:\n  单位:\n    anchors: [现将X上半年]\n  组数:\n    type: integer\n    anchors: [分为X个组]\n",
    );
    (with, file, schema)
}

/// GB18030 sequences that a decode and encode would rewrite (`A3A0` as `A1A1`) are kept
/// byte for byte, whether or not the slots are filled (issue 12, item 9).
#[test]
fn fill_keeps_gb18030_bytes_outside_the_slots() {
    let sandbox = Sandbox::new();
    let (with, file, schema) = gb18030_case(&sandbox);
    let none = sandbox.path("none.txt");
    run(&["fill", &file, "--schema", &schema, "-o", &arg(&none)]).assert_code(1);
    assert_eq!(fs::read(&none).unwrap(), with("X", "X"));

    let filled = sandbox.path("filled.txt");
    run(&[
        "fill",
        &file,
        "--schema",
        &schema,
        "--set",
        "单位=县\u{3000}局",
        "--set",
        "组数=4",
        "-o",
        &arg(&filled),
    ])
    .assert_code(0);
    assert_eq!(fs::read(&filled).unwrap(), with("县\u{3000}局", "4"));
}

/// The same in batch: each row's file keeps the template's bytes between the slots, and a
/// value GB18030 cannot hold (U+E5E5) rejects its row, naming the field and the character.
#[test]
fn batch_keeps_gb18030_bytes_outside_the_slots() {
    let sandbox = Sandbox::new();
    let (with, file, schema) = gb18030_case(&sandbox);
    let rows = sandbox.write("rows.csv", "单位,组数\n县\u{3000}局,4\n县\u{E5E5}局,5\n");
    let out = sandbox.path("out");
    let run = run(&[
        "batch",
        &file,
        "--schema",
        &schema,
        "--rows",
        &rows,
        "--out-dir",
        &arg(&out),
    ]);
    run.assert_code(1)
        .assert_stderr_has("U+E5E5")
        .assert_stderr_has("gb18030 cannot encode");
    assert_eq!(
        fs::read(out.join("0001.txt")).unwrap(),
        with("县\u{3000}局", "4")
    );
    assert!(!out.join("0002.txt").exists());
}

/// A template that sets the terminal's title (`ESC ] 0 ; … BEL`) or reorders text (U+202E) is
/// shown with those characters escaped in human output, colour on or off (issue 12, item 17).
#[test]
fn terminal_escapes_in_a_template_are_shown_escaped() {
    let sandbox = Sandbox::new();
    let file = sandbox.write(
        "esc\u{1b}.txt",
        "\u{1b}]0;owned\u{7}分为X个组\u{202e}，由X党委负责。\n",
    );
    for args in [
        vec!["scan", "--color", "never", &file],
        vec!["scan", "--color", "always", &file],
        vec!["check", "--color", "never", &file],
    ] {
        let out = run(&args);
        let shown = format!(
            "{}{}",
            String::from_utf8_lossy(out.stdout.as_ref()),
            out.stderr
        );
        assert!(
            !shown.contains("\u{1b}]"),
            "{args:?}: raw escape in\n{shown}"
        );
        assert!(!shown.contains('\u{7}'), "{args:?}: raw BEL in\n{shown}");
        assert!(
            !shown.contains('\u{202e}'),
            "{args:?}: raw override in\n{shown}"
        );
        assert!(shown.contains("owned\\u{7}分为"), "{args:?}:\n{shown}");
        assert!(
            shown.contains("esc\\u{1b}.txt"),
            "{args:?}: file name\n{shown}"
        );
    }
    // The caret of `check` stands under the slot: the escaped text is 6 + 8 + 5 columns,
    // then 分为 (4).
    let check = run(&["check", "--color", "never", &file]);
    let text = String::from_utf8_lossy(check.stdout.as_ref()).into_owned();
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("\\u{1b}]0;owned"))
        .expect("the source line");
    let caret = lines[at + 1].find('^').expect("a caret");
    let bar = lines[at].find("| ").expect("a gutter") + 2;
    assert_eq!(caret - bar, 6 + 8 + 5 + 4, "{text}");
}

// ---------------------------------------------------------------------------------------
// init's drafting against hand-written expectations

/// The fields `init` drafts for `samples/NAME.txt`, each with the places (line:column) of
/// the slots it fills, in schema order.
fn drafted_places(name: &str) -> Vec<(String, Vec<String>)> {
    let file = if name == "form" {
        format!("{name}.docx")
    } else {
        format!("{name}.txt")
    };
    let run = run(&["init", &sample(&file)]);
    run.assert_code(0);
    let schema =
        xfill::schema::Schema::parse(&run.stdout(), "drafted").expect("init's schema parses");
    let text = if file.ends_with(".docx") {
        xfill::docx::Docx::open(read_sample(&file), &file)
            .expect("the sample opens")
            .text()
            .to_string()
    } else {
        sample_text(&file)
    };
    let slots = schema.scanner().scan(&text);
    let bindings = xfill::bind::bind(&schema, &text, &slots);
    let mut places = vec![Vec::new(); schema.fields.len()];
    for (s, f) in bindings.field_of.iter().enumerate() {
        let f = f.unwrap_or_else(|| panic!("{name}: slot {s} is not mapped"));
        let at = slots[s].position();
        places[f].push(format!("{}:{}", at.line, at.column));
    }
    schema.fields.keys().cloned().zip(places).collect()
}

/// issue 16: on every sample, `init` drafts the fields a careful person would: the names and
/// the groups of `samples/NAME.expected.yaml`, written by hand. A field that covers places
/// the expected file gives to two fields is a wrong merge, reported first.
#[test]
fn init_drafts_the_expected_fields() {
    for name in [
        "application",
        "incident",
        "summary",
        "notice",
        "contract",
        "form",
    ] {
        let drafted = drafted_places(name);
        let expected_text = sample_text(&format!("{name}.expected.yaml"));
        let expected: Vec<(String, Vec<String>)> =
            serde_saphyr::from_str::<serde_json::Map<String, serde_json::Value>>(&expected_text)
                .expect("the expected file parses")
                .into_iter()
                .map(|(k, v)| {
                    let places = v
                        .as_array()
                        .expect("a list of places")
                        .iter()
                        .map(|p| p.as_str().expect("line:column").to_string())
                        .collect();
                    (k, places)
                })
                .collect();
        let field_of = |place: &String| {
            expected
                .iter()
                .position(|(_, places)| places.contains(place))
                .unwrap_or_else(|| panic!("{name}: {place} is in no expected field"))
        };
        for (field, places) in &drafted {
            let mut owners: Vec<usize> = places.iter().map(field_of).collect();
            owners.dedup();
            assert!(
                owners.len() == 1,
                "{name}: wrong merge: `{field}` fills {places:?}, which stand for {:?}",
                owners.iter().map(|&o| &expected[o].0).collect::<Vec<_>>()
            );
        }
        assert_eq!(drafted, expected, "{name}: fields and their places");
    }
}

/// issue 16: a new sentence whose amount ends like an old one ("…X万元") is matched by the old
/// field's anchor `X万元`; `init --from` makes it a new field and says why, and filling with
/// last year's values leaves it unfilled instead of writing last year's donation into it.
#[test]
fn init_from_makes_a_colliding_new_sentence_a_new_field() {
    let sandbox = Sandbox::new();
    let old = sandbox.write(
        "old.schema.yaml",
        "version: 1\nfields:\n  村名:\n    anchors: [X村捐]\n  捐款:\n    type: number\n    label: 捐款（万元）\n    anchors: [X万元]\n",
    );
    let new = sandbox.write(
        "new.txt",
        "2024年工作总结\n为X村捐款X万元，用于修路。\n帮助农户销售农产品X万元。\n",
    );
    let schema = arg(&sandbox.path("new.schema.yaml"));
    let init = run(&["init", &new, "--from", &old, "-o", &schema]);
    init.assert_code(0)
        .assert_stderr_has("1 new (销售农产品金额)")
        .assert_stderr_has("new: 销售农产品金额 (the anchor 'X万元' of 捐款 also matches it")
        .assert_stderr_has("carried over, review them: 村名, 捐款");
    let values = sandbox.write("last.yaml", "村名: 青石\n捐款: 5\n");
    run(&["fill", &new, "--schema", &schema, "--values", &values])
        .assert_code(1)
        .assert_stdout_has("为青石村捐款5万元")
        .assert_stdout_has("销售农产品X万元")
        .assert_stderr_has("1 left (no value for 销售农产品金额)");
}

/// issue 16: a drafted date is one field; `fill` writes each part into its slot, padded to
/// the slot's width, and `extract` reads the date back.
#[test]
fn drafted_date_fills_its_parts() {
    let sandbox = Sandbox::new();
    let template = sandbox.write("form.txt", "申请日期：xxxx年xx月xx日\n");
    let schema = arg(&sandbox.path("form.schema.yaml"));
    run(&["init", &template, "-o", &schema]).assert_code(0);
    let written = fs::read_to_string(&schema).unwrap();
    assert!(
        written.contains("  申请日期:\n    type: date\n"),
        "{written}"
    );
    let out = arg(&sandbox.path("out.txt"));
    run(&[
        "fill",
        &template,
        "--schema",
        &schema,
        "--set",
        "申请日期=2024-05-01",
        "-o",
        &out,
    ])
    .assert_code(0);
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        "申请日期：2024年05月01日\n"
    );
    run(&["extract", &template, &out, "--schema", &schema])
        .assert_code(0)
        .assert_stdout_has("申请日期: 2024年5月1日");
}

/// Issue 12, item 7: a value that holds X is data only where its field stands; the real slot
/// `X党委` of the same document is still reported.
#[test]
fn check_values_never_hide_a_real_slot() {
    let sandbox = Sandbox::new();
    let template = sandbox.write("t.txt", "产品型号为X，分为X个组，由X党委负责。\n");
    let schema = sandbox.write(
        "s.yaml",
        "version: 1\nfields:\n  型号:\n    anchors: [产品型号为X，]\n  组数:\n    type: integer\n    anchors: [分为X个组]\n  单位:\n    anchors: [由X党委]\n",
    );
    let values = sandbox.write("v.yaml", "型号: X\n组数: 4\n");
    let filled = run(&["fill", &template, "--schema", &schema, "--values", &values]);
    filled.assert_code(1).assert_stderr_has("1 left");
    let doc = sandbox.write("filled.txt", filled.stdout());
    let check = run(&["check", &doc, "--schema", &schema, "--values", &values]);
    check.assert_code(1).assert_stdout_has("1 slot left");
    assert!(check.stdout().contains(":1:15"), "{}", check.render());
    // Without a schema a value of X alone has no place: both X are reported, none hidden.
    let check = run(&["check", &doc, "--values", &values]);
    check.assert_code(1).assert_stdout_has("2 slots left");
}

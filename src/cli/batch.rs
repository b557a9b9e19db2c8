//! `xfill batch`: its arguments and what it prints. The run itself (planning the rows' file
//! names, filling, writing, counting) is the library's ([`xfill::batch`]).

use std::io::{IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use xfill::batch::{self, Plan};
use xfill::report::{self, Paint};

use super::{Common, Failure, SchemaFile, Unfilled, exit};

#[derive(Debug, Args)]
pub(super) struct BatchArgs {
    /// The template (a text file in any encoding xfill reads, or .docx).
    template: PathBuf,
    #[command(flatten)]
    schema_file: SchemaFile,
    /// The rows: CSV whose header names the fields (UTF-8, GB18030), JSON Lines, or a YAML
    /// list of mappings; told by the extension, else by the content. `-` is standard input.
    #[arg(long, value_name = "DATA")]
    rows: PathBuf,
    /// The folder to write into; created if missing. Nothing is written outside it.
    #[arg(long, value_name = "DIR")]
    out_dir: PathBuf,
    /// The file name of each row: {field} is the row's value of the field, {#} the row
    /// number; the name is made safe (rules below). Default: {#} with the template's
    /// extension, e.g. 0001.txt.
    #[arg(long, value_name = "PATTERN")]
    name: Option<String>,
    /// Rows filled at once [default: the number of cores].
    #[arg(short, long, value_name = "N")]
    jobs: Option<NonZeroUsize>,
    #[command(flatten)]
    unfilled: Unfilled,
    /// Skip columns that are not fields of the schema (with a warning) instead of stopping.
    #[arg(long)]
    skip_unknown: bool,
    /// Values every row shares (a values file); a row's own column wins.
    #[arg(long, value_name = "FILE")]
    values: Option<PathBuf>,
    /// A value every row shares, as field=value (repeatable); a row's own column wins.
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    sets: Vec<String>,
    #[command(flatten)]
    common: Common,
}

pub(super) const HELP: &str = "\
Examples:
  xfill batch samples/summary.txt --schema samples/summary.schema.yaml \\
              --rows towns.csv --out-dir out
  xfill batch letter.docx --schema letter.schema.yaml --rows people.jsonl \\
              --out-dir letters --name '{姓名}.docx'
  make-rows | xfill batch t.txt --schema t.schema.yaml --rows - \\
              --out-dir out --format json
  xfill batch t.txt --schema t.schema.yaml --rows towns.csv --out-dir out \\
              --values common.yaml --set 年度=2026

Rows: CSV (first line names the fields; UTF-8 with or without BOM, or GB18030 as Chinese
Excel saves it), JSON Lines (one object per line), or a YAML list of mappings (read whole).
Empty cells give no value. Each value is checked against its field's type, as with fill.
--values and --set give values every row shares: the schema's default < --values < --set <
the row's own cell.
--encoding names the template's encoding; the rows' is guessed.

File names: --name '{单位}-{年度}.txt' takes each row's values; {#} is the row number
(0001); {{ and }} are braces. In the name, / \\ < > : \" | ? * and control characters become
_, a run of dots becomes one, dots and spaces at either end go, Windows device names (CON,
NUL, COM1, …) get a leading _, and names are cut to 200 bytes. Two rows with the same name
(ignoring case) stop the run before anything is written; existing files are replaced, but a
symbolic link, folder, named pipe or device where a file goes, or an input of the run, stops
the run before anything is written. --jobs is at most 4 per core.

Exit codes: 0 every row complete, 1 some rows with slots left or rejected, 2 error (nothing
is written when the rows, schema, template or names are wrong).";

pub(super) fn run(
    a: &BatchArgs,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
    err_paint: Paint,
) -> Result<i32, Failure> {
    let plan = Plan {
        template: a.template.clone(),
        schema: a.schema_file.schema.clone(),
        rows: a.rows.clone(),
        out_dir: a.out_dir.clone(),
        name: a.name.clone(),
        jobs: a.jobs,
        mark: a.unfilled.mark,
        skip_unknown: a.skip_unknown,
        values: a.values.clone(),
        sets: a.sets.clone(),
        encoding: a.common.input.encoding,
    };
    let mut printer = report::batch::Printer::<_, _, Failure>::new(
        (stdout, stderr),
        a.common.format,
        &a.out_dir,
        err_paint,
        progress,
    );
    let outcome = batch::run(&plan, &mut printer)?;
    printer.end(&outcome)?;
    Ok(exit::of(outcome.result()?))
}

/// A progress bar on a terminal; nothing otherwise. Drawn only from the calling thread,
/// which holds the stderr lock.
fn progress(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} rows  {eta}") {
        bar.set_style(style);
    }
    bar
}

//! `xfill batch`: one filled copy of a template per row of a CSV, JSON Lines or YAML file
//! (mail merge). The rows file is read twice: first for the file names only, so that two
//! rows with the same name stop the run before anything is written; then for the fills,
//! a chunk of rows at a time, in parallel. Standard input is first copied to a temp file.
//! Reading, checking and naming rows is the library's ([`xfill::rows`]).

use std::collections::HashSet;
use std::io::{IsTerminal, Read, Seek, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use xfill::docx::Docx;
use xfill::encoding::Document;
use xfill::error::{Error, Location};
use xfill::fill;
use xfill::report::Paint;
use xfill::report::human::clean;
use xfill::rows::{self, Input, NamePattern, Names, Row, Rows};
use xfill::schema::Schema;
use xfill::template::Template;
use xfill::values;

use super::{Common, Failure, Format, exit, files};

/// Rows read, filled and written per step: enough to keep every job busy, few enough
/// that memory stays flat.
const CHUNK: usize = 256;
/// Rows of one kind listed by number in the summary before the rest are counted.
const ROWS_SHOWN: usize = 10;
/// Rejected rows shown in the summary; `--format json` lists them all.
const REJECTED_SHOWN: usize = 50;

#[derive(Debug, Args)]
pub(super) struct BatchArgs {
    /// The template (a text file in any encoding xfill reads, or .docx).
    template: PathBuf,
    /// The schema: fields, types and anchors.
    #[arg(long)]
    schema: PathBuf,
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
    /// Write unfilled slots as 【field】 instead of leaving them as they were.
    #[arg(long)]
    mark: bool,
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

/// Where the rows come from: a file, read twice, or standard input kept in a temp file.
enum Data {
    File(PathBuf),
    Temp(std::fs::File),
}

impl Data {
    fn open(path: &Path) -> Result<Data, Error> {
        if path.as_os_str() != "-" {
            if path.is_dir() {
                return Err(Error::Read {
                    path: path.display().to_string(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::IsADirectory,
                        "it is a directory, not a file",
                    ),
                });
            }
            if let Ok(meta) = std::fs::metadata(path)
                && meta.is_file()
                && meta.len() > files::max_size()
            {
                return Err(Error::TooLarge {
                    path: path.display().to_string(),
                    limit: files::max_size(),
                });
            }
            return Ok(Data::File(path.to_path_buf()));
        }
        let fail = |source| Error::Read {
            path: "<stdin>".into(),
            source,
        };
        let mut temp = tempfile::tempfile().map_err(fail)?;
        let limit = files::max_size();
        let copied = std::io::copy(
            &mut std::io::stdin().lock().take(limit.saturating_add(1)),
            &mut temp,
        )
        .map_err(fail)?;
        if copied > limit {
            return Err(Error::TooLarge {
                path: "<stdin>".into(),
                limit,
            });
        }
        Ok(Data::Temp(temp))
    }

    fn name(&self) -> String {
        match self {
            Data::File(path) => path.display().to_string(),
            Data::Temp(_) => "<stdin>".into(),
        }
    }

    fn extension(&self) -> Option<&str> {
        match self {
            Data::File(path) => path.extension().and_then(|e| e.to_str()),
            Data::Temp(_) => None,
        }
    }

    fn reader(&self) -> Result<Box<dyn Read>, Error> {
        let fail = |source| Error::Read {
            path: self.name(),
            source,
        };
        Ok(match self {
            // A named pipe or device has no size to check beforehand: the cap is counted.
            Data::File(path) => {
                Box::new(files::Capped::new(std::fs::File::open(path).map_err(fail)?))
            }
            Data::Temp(file) => {
                let mut file = file.try_clone().map_err(fail)?;
                file.rewind().map_err(fail)?;
                Box::new(file)
            }
        })
    }

    fn rows(&self, input: Input) -> Result<Rows<'static>, Error> {
        Rows::new(self.reader()?, &self.name(), input)
    }
}

/// A row's file name, or why it has none.
type Planned = Result<String, String>;

/// The template and everything a row's fill needs, shared by the jobs.
struct Job<'a> {
    doc: &'a Document,
    docx: Option<&'a Docx>,
    template: &'a Template<'a>,
    schema: &'a Schema,
    /// The values every row shares (`--values`, `--set`), under each row's own.
    shared: &'a values::Values,
    data_name: &'a str,
    out_dir: &'a Path,
    mark: bool,
}

/// What became of one row.
struct Done {
    number: usize,
    line: usize,
    /// The file written, when one was.
    file: Option<String>,
    status: Status,
}

enum Status {
    Complete,
    Incomplete {
        remaining: usize,
        missing: Vec<String>,
    },
    /// Not written: each problem's message, location and help.
    Rejected(Vec<Problem>),
    /// The file could not be written: the run stops.
    Failed(Failure),
}

struct Problem {
    message: String,
    at: Option<String>,
    help: Option<String>,
}

impl Problem {
    fn of(e: &Error) -> Vec<Problem> {
        e.each()
            .into_iter()
            .map(|e| Problem {
                message: e.to_string(),
                at: e.location().map(|at| format!("{}:{}", at.file, at.line)),
                help: e.help(),
            })
            .collect()
    }
}

#[derive(Serialize)]
struct RowJson<'a> {
    row: usize,
    line: usize,
    file: Option<String>,
    status: &'static str,
    remaining: usize,
    missing_fields: &'a [String],
    error: Option<String>,
}

#[derive(Serialize)]
struct HeadJson<'a> {
    template: &'a str,
    rows_file: &'a str,
    out_dir: String,
}

#[derive(Serialize, Default)]
struct TotalsJson {
    total: usize,
    written: usize,
    complete: usize,
    incomplete: usize,
    rejected: usize,
    /// Rows whose file could not be written (the run stops after their chunk).
    failed: usize,
}

/// Rows whose slots left have the same cause.
struct Group {
    /// The fields without value.
    missing: Vec<String>,
    /// Whether slots no field claims are left too.
    unmapped: bool,
    /// The first rows, by number.
    shown: Vec<usize>,
    /// How many rows in all.
    all: usize,
}

/// The counts, and what the summary lists (bounded, whatever the number of rows).
#[derive(Default)]
struct Tally {
    totals: TotalsJson,
    /// Rows with slots left, grouped by what is missing, in order of first appearance.
    incomplete: Vec<Group>,
    rejected: Vec<(usize, Vec<Problem>)>,
}

impl Tally {
    fn add(&mut self, done: &Done, unmapped: usize) {
        let t = &mut self.totals;
        t.total += 1;
        match &done.status {
            Status::Complete => {
                t.written += 1;
                t.complete += 1;
            }
            Status::Incomplete { missing, remaining } => {
                t.written += 1;
                t.incomplete += 1;
                let has_unmapped = *remaining > 0 && unmapped > 0;
                let group = self
                    .incomplete
                    .iter_mut()
                    .find(|g| g.missing == *missing && g.unmapped == has_unmapped);
                match group {
                    Some(g) => {
                        if g.shown.len() < ROWS_SHOWN {
                            g.shown.push(done.number);
                        }
                        g.all += 1;
                    }
                    None => self.incomplete.push(Group {
                        missing: missing.clone(),
                        unmapped: has_unmapped,
                        shown: vec![done.number],
                        all: 1,
                    }),
                }
            }
            Status::Rejected(problems) => {
                t.rejected += 1;
                if self.rejected.len() < REJECTED_SHOWN {
                    let copy = problems
                        .iter()
                        .map(|p| Problem {
                            message: p.message.clone(),
                            at: p.at.clone(),
                            help: p.help.clone(),
                        })
                        .collect();
                    self.rejected.push((done.number, copy));
                }
            }
            Status::Failed(_) => t.failed += 1,
        }
    }
}

pub(super) fn run(
    a: &BatchArgs,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
    err_paint: Paint,
) -> Result<i32, Failure> {
    files::one_stdin(&a.template, &a.rows, "the template and the rows")?;
    if let Some(values) = &a.values {
        files::one_stdin(values, &a.rows, "the values and the rows")?;
        files::one_stdin(&a.template, values, "the template and the values")?;
    }
    let (template_name, doc, docx) = files::read_input(&a.template, a.common.encoding)?;
    let schema = files::read_schema(&a.schema)?;
    let template = Template::new(&doc.text, &schema, &template_name)?;
    let unmapped = template.places().filter(|p| p.field.is_none()).count();
    let shared = xfill::values::load(&schema, a.values.as_deref(), &a.sets, false)?;

    let data = Data::open(&a.rows)?;
    let data_name = data.name();
    let input = rows::detect(data.reader()?, data.extension()).map_err(|source| Error::Read {
        path: data_name.clone(),
        source,
    })?;
    let extension = if docx.is_some() {
        "docx".to_string()
    } else {
        a.template
            .extension()
            .and_then(|e| e.to_str())
            .filter(|_| a.template.as_os_str() != "-")
            .unwrap_or("txt")
            .to_string()
    };
    let pattern = match &a.name {
        Some(p) => NamePattern::parse(p)?,
        None => NamePattern::numbered(&extension),
    };

    // First pass: every row's file name, before anything is written.
    let (total, names) = plan(
        &data,
        input,
        &schema,
        &pattern,
        a.skip_unknown,
        stderr,
        err_paint,
    )?;
    guard_out_dir(a, &names, (&pattern, &schema, total), &data_name)?;
    std::fs::create_dir_all(&a.out_dir).map_err(|source| Error::Write {
        path: a.out_dir.display().to_string(),
        source,
    })?;

    // Second pass: fill and write, a chunk of rows at a time.
    let job = Job {
        doc: &doc,
        docx: docx.as_ref(),
        template: &template,
        schema: &schema,
        shared: &shared,
        data_name: &data_name,
        out_dir: &a.out_dir,
        mark: a.mark,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs(a.jobs, stderr, err_paint)?)
        .build()
        .map_err(std::io::Error::other)?;
    let json = a.common.format == Format::Json;
    if json {
        let head = HeadJson {
            template: &template_name,
            rows_file: &data_name,
            out_dir: a.out_dir.display().to_string(),
        };
        let head = serde_json::to_string(&head).map_err(std::io::Error::other)?;
        write!(stdout, "{},\"rows\":[", head.trim_end_matches('}'))?;
    }
    stderr.flush()?;
    let bar = progress(total);
    let width = rows::number_width(total);
    let mut tally = Tally::default();
    let mut failure = None;
    let mut rows = data.rows(input)?;
    let changed = || Error::Read {
        path: data_name.clone(),
        source: std::io::Error::other("the file changed while xfill was reading it"),
    };
    loop {
        let mut chunk: Vec<(Row, Planned)> = Vec::with_capacity(CHUNK);
        for row in rows.by_ref().take(CHUNK) {
            // The rows must be those of the first pass, or two could now share a name.
            let planned = row.and_then(|row| {
                let name = pattern.name(&row, &schema, width);
                match &name {
                    Ok(n) if names.row_of(n, &pattern, &schema, total) != Some(row.number) => {
                        Err(changed())
                    }
                    _ if row.number > total => Err(changed()),
                    _ => Ok((row, name)),
                }
            });
            match planned {
                Ok(pair) => chunk.push(pair),
                Err(e) => {
                    failure = Some(e.into());
                    break;
                }
            }
        }
        if chunk.is_empty() {
            break;
        }
        let done: Vec<Done> = pool.install(|| {
            chunk
                .par_iter()
                .map(|(row, name)| fill_row(&job, row, name))
                .collect()
        });
        bar.inc(done.len() as u64);
        // Every row of the chunk is counted, also those after one whose file could not be
        // written: they were written in parallel, and the summary says what is on disk.
        for d in done {
            tally.add(&d, unmapped);
            if json {
                row_json(stdout, &d, &tally, &a.out_dir)?;
            }
            if let Status::Failed(f) = d.status {
                failure.get_or_insert(f);
            }
        }
        if failure.is_some() {
            break;
        }
    }
    bar.finish_and_clear();
    if failure.is_none() && tally.totals.total != total {
        failure = Some(changed().into());
    }
    if json {
        let totals = serde_json::to_string(&tally.totals).map_err(std::io::Error::other)?;
        writeln!(stdout, "\n],{}", totals.trim_start_matches('{'))?;
        stdout.flush()?;
    }
    summary(stderr, &tally, &a.out_dir, unmapped, total, err_paint)?;
    if let Some(f) = failure {
        return Err(f);
    }
    let t = &tally.totals;
    Ok(if t.complete == t.total {
        exit::CLEAN
    } else {
        exit::FINDINGS
    })
}

/// The first pass: reads every row for its file name only. Unknown columns (unless
/// skipped, or used by `--name`) and clashing names are errors; rows without a name are
/// rejected later. Returns the number of rows and the names given.
fn plan(
    data: &Data,
    input: Input,
    schema: &Schema,
    pattern: &NamePattern,
    skip_unknown: bool,
    stderr: &mut impl Write,
    paint: Paint,
) -> Result<(usize, Naming), Failure> {
    let data_name = data.name();
    let wanted: HashSet<&str> = pattern.fields().collect();
    // Only the cells --name uses are kept: memory grows with the rows' names, not the rows.
    let mut slim: Vec<Row> = Vec::new();
    // With names made of row numbers only ({#}, the default), no two rows can share one, and
    // memory stays flat however many rows there are.
    let numbered = pattern.is_numbered();
    let mut count = 0;
    let mut seen: HashSet<String> = HashSet::new();
    let mut unknown: Vec<Error> = Vec::new();
    let mut reader = data.rows(input)?;
    // A CSV column is named once, in the header.
    let header = reader.header().is_some();
    for row in reader.by_ref() {
        let mut row = row?;
        for cell in row.unknown(schema) {
            if wanted.contains(cell.field.as_str()) || !seen.insert(cell.field.clone()) {
                continue;
            }
            let mut cell = cell.clone();
            if header {
                cell.line = 1;
            }
            if skip_unknown {
                writeln!(
                    stderr,
                    "{}: skipped `{}` ({}:{}): the schema has no such field",
                    paint.warning("warning"),
                    clean(&cell.field),
                    clean(&data_name),
                    cell.line
                )?;
            } else {
                unknown.push(rows::unknown_field(schema, &cell, &data_name));
            }
        }
        for cell in &row.cells {
            if wanted.contains(cell.field.as_str()) && !seen.contains(&cell.field) {
                seen.insert(cell.field.clone());
            }
        }
        if numbered {
            // Names are the row numbers: nothing of the row is needed again.
            count += 1;
            continue;
        }
        row.cells.retain(|c| wanted.contains(c.field.as_str()));
        row.cells.shrink_to_fit();
        slim.push(row);
    }
    Error::collect(unknown)?;
    // A field --name uses that neither the schema nor any row has is a typo, not a gap.
    let mut errors = Vec::new();
    for field in pattern.fields() {
        if !schema.fields.contains_key(field) && !seen.contains(field) {
            let candidates = seen
                .iter()
                .map(String::as_str)
                .chain(schema.fields.keys().map(String::as_str));
            let help = match xfill::error::did_you_mean(field, candidates) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("name a field of the schema or a column of {data_name}"),
            };
            errors.push(Error::Syntax {
                at: Location::new("--name", 1, 1),
                message: format!(
                    "--name uses `{field}`, which is neither a field of the schema nor a column of {data_name}"
                ),
                help: Some(help),
            });
        }
    }
    Error::collect(errors)?;
    if numbered {
        return Ok((count, Naming::Numbered));
    }
    let width = rows::number_width(slim.len());
    let mut names = Names::new();
    let mut changed = 0;
    for row in &slim {
        if let Ok((name, given)) = pattern.name_as_given(row, schema, width) {
            // A name that would leave the folder, or that a file system rejects, is made safe:
            // say so, since the file is not where the pattern put it.
            if name != given {
                changed += 1;
                if changed <= REJECTED_SHOWN {
                    writeln!(
                        stderr,
                        "{}: row {} ({}:{}): the name {:?} is not a safe file name in the output folder; writing {:?}",
                        paint.warning("renamed"),
                        row.number,
                        data_name,
                        row.line,
                        given,
                        name
                    )?;
                }
            }
            names.add(&name, row);
        }
    }
    if changed > REJECTED_SHOWN {
        writeln!(
            stderr,
            "{}: {} more rows",
            paint.warning("renamed"),
            changed - REJECTED_SHOWN
        )?;
    }
    names.check(&data_name)?;
    Ok((slim.len(), Naming::Named(names)))
}

/// The file names the first pass gave the rows.
enum Naming {
    /// Each row's name is its number in the pattern: nothing kept.
    Numbered,
    /// The names given, to find clashes and the row of a name.
    Named(Names),
}

impl Naming {
    /// The row whose file is `name` (ignoring case), if one is.
    fn row_of(
        &self,
        name: &str,
        pattern: &NamePattern,
        schema: &Schema,
        total: usize,
    ) -> Option<usize> {
        match self {
            Naming::Named(names) => names.row_of(name),
            Naming::Numbered => {
                let width = rows::number_width(total);
                // Each run of digits may be the number: the name it gives must be this one.
                name.split(|c: char| !c.is_ascii_digit())
                    .filter_map(|digits| digits.parse::<usize>().ok())
                    .filter(|&n| (1..=total).contains(&n))
                    .find(|&n| {
                        let row = Row {
                            number: n,
                            line: 0,
                            cells: Vec::new(),
                        };
                        pattern
                            .name(&row, schema, width)
                            .is_ok_and(|made| made.to_lowercase() == name.to_lowercase())
                    })
            }
        }
    }
}

/// Stops a run, before anything is written, whose output would replace one of its own
/// inputs (the template kept in the output folder, under another name or as a hard link too:
/// files are compared by device and inode), or that finds in the way of a row's file
/// anything but a regular file: a symbolic link (never written through, wherever it points),
/// a folder, a named pipe (which would hang the run) or a device. Names are matched ignoring
/// case, as rows' names are.
fn guard_out_dir(
    a: &BatchArgs,
    names: &Naming,
    (pattern, schema, total): (&NamePattern, &Schema, usize),
    data_name: &str,
) -> Result<(), Error> {
    let Ok(entries) = std::fs::read_dir(&a.out_dir) else {
        return Ok(()); // a folder still to be made holds nothing in the way
    };
    let inputs: Vec<(&PathBuf, (u64, u64))> = [&a.template, &a.schema, &a.rows]
        .into_iter()
        .chain(a.values.as_ref())
        .filter(|p| p.as_os_str() != "-")
        .filter_map(|p| files::file_id(p).map(|id| (p, id)))
        .collect();
    let mut found: Vec<(usize, Error)> = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(row) = names.row_of(&name.to_string_lossy(), pattern, schema, total) else {
            continue;
        };
        let path = a.out_dir.join(&name);
        if let Some(why) = files::in_the_way(&path) {
            found.push((
                row,
                Error::Refused {
                    path: path.display().to_string(),
                    why: format!("row {row}'s file: {why}"),
                    help: "remove it from the output folder, or write into another --out-dir"
                        .into(),
                },
            ));
            continue;
        }
        let id = files::file_id(&path);
        if let Some((input, _)) = inputs.iter().find(|(_, i)| Some(*i) == id) {
            found.push((
                row,
                Error::Syntax {
                    at: Location::new(data_name, 1, 1),
                    message: format!(
                        "row {row} would be written over {}, an input of this run",
                        input.display()
                    ),
                    help: Some("write into another --out-dir, or change --name".into()),
                },
            ));
        }
    }
    found.sort_by_key(|(row, _)| *row);
    Error::collect(found.into_iter().map(|(_, e)| e).collect())
}

/// The number of jobs: `--jobs`, at most four per core (more only adds threads that wait:
/// 30,000 took over a minute to start), else one per core.
fn jobs(
    asked: Option<NonZeroUsize>,
    stderr: &mut impl Write,
    paint: Paint,
) -> Result<usize, Failure> {
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let most = 4 * cores;
    Ok(match asked.map(NonZeroUsize::get) {
        None => cores,
        Some(n) if n > most => {
            writeln!(
                stderr,
                "{}: --jobs {n} is more than 4 per core ({cores} core{}); using {most}",
                paint.warning("warning"),
                if cores == 1 { "" } else { "s" }
            )?;
            most
        }
        Some(n) => n,
    })
}

/// One row of `--format json`'s list.
fn row_json(
    stdout: &mut impl Write,
    d: &Done,
    tally: &Tally,
    out_dir: &Path,
) -> Result<(), Failure> {
    let text;
    let (remaining, missing, error) = match &d.status {
        Status::Complete => (0, &[][..], None),
        Status::Incomplete { remaining, missing } => (*remaining, &missing[..], None),
        Status::Rejected(problems) => (
            0,
            &[][..],
            Some(
                problems
                    .iter()
                    .map(|p| p.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        ),
        Status::Failed(f) => {
            text = match f {
                Failure::Xfill(e) => e.to_string(),
                Failure::Io(e) => e.to_string(),
                Failure::Interrupted => "interrupted".to_string(),
            };
            (0, &[][..], Some(text))
        }
    };
    let line = RowJson {
        row: d.number,
        line: d.line,
        file: d
            .file
            .as_ref()
            .map(|f| out_dir.join(f).display().to_string()),
        status: match d.status {
            Status::Complete => "complete",
            Status::Incomplete { .. } => "incomplete",
            Status::Rejected(_) => "rejected",
            Status::Failed(_) => "failed",
        },
        remaining,
        missing_fields: missing,
        error,
    };
    stdout.write_all(if tally.totals.total == 1 {
        b"\n"
    } else {
        b",\n"
    })?;
    serde_json::to_writer(&mut *stdout, &line).map_err(std::io::Error::other)?;
    Ok(())
}

fn fill_row(job: &Job, row: &Row, name: &Result<String, String>) -> Done {
    let done = |file, status| Done {
        number: row.number,
        line: row.line,
        file,
        status,
    };
    let name = match name {
        Ok(name) => name,
        Err(why) => {
            let problem = Problem {
                message: why.clone(),
                at: Some(format!("{}:{}", job.data_name, row.line)),
                help: Some("give the row a value for it, or change --name".into()),
            };
            return done(None, Status::Rejected(vec![problem]));
        }
    };
    let values = match rows::resolve(job.schema, row, job.data_name) {
        Ok(values) if job.shared.is_empty() => values,
        Ok(values) => values.over(job.shared, job.schema),
        Err(e) => return done(None, Status::Rejected(Problem::of(&e))),
    };
    let filled = job.template.fill(&values, fill::Options { mark: job.mark });
    let bytes = match job.docx {
        Some(docx) => match docx.replace(&filled.replacements) {
            Ok(bytes) => bytes,
            Err(e) => return done(None, Status::Failed(e.into())),
        },
        // The template's own bytes between the slots; a value its encoding cannot hold
        // rejects the row, naming the field and the character.
        None => match filled.encode(job.doc, job.template.slots(), job.schema, None) {
            Ok(bytes) => bytes,
            Err(e) => return done(None, Status::Rejected(Problem::of(&e))),
        },
    };
    let path = job.out_dir.join(name);
    // sanitize() makes one path component; this is the last line of defence.
    if path.parent() != Some(job.out_dir) {
        let problem = Problem {
            message: format!("{name:?} is not a file name"),
            at: None,
            help: None,
        };
        return done(None, Status::Rejected(vec![problem]));
    }
    if let Err(e) = write_file(&path, &bytes) {
        return done(None, Status::Failed(e.into()));
    }
    let remaining = filled.remaining();
    let status = if remaining == 0 {
        Status::Complete
    } else {
        Status::Incomplete {
            remaining,
            missing: filled
                .missing_fields()
                .into_iter()
                .map(|f| job.schema.fields[f].name.clone())
                .collect(),
        }
    };
    done(Some(name.clone()), status)
}

/// Writes `bytes` to `path` as `io::write_output` does (a temp file in the same folder,
/// then a rename; the old file's permissions kept; on error the old file is untouched),
/// but without its `fsync` (one per file made 10,000 rows take 45 s instead of a few), and
/// never through a symbolic link nor into anything but a regular file.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path.parent().expect("a row's file is in the output folder");
    files::write_regular(path, dir, bytes)
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

fn summary(
    w: &mut impl Write,
    tally: &Tally,
    out_dir: &Path,
    unmapped: usize,
    rows: usize,
    paint: Paint,
) -> std::io::Result<()> {
    for (number, problems) in &tally.rejected {
        for p in problems {
            let at =
                p.at.as_ref()
                    .map(|at| format!(" ({})", clean(at)))
                    .unwrap_or_default();
            writeln!(
                w,
                "{} row {number}{at}: {}",
                paint.warning("rejected:"),
                clean(&p.message)
            )?;
            if let Some(help) = &p.help {
                writeln!(w, "  = help: {}", clean(help))?;
            }
        }
    }
    if tally.totals.rejected > tally.rejected.len() {
        writeln!(
            w,
            "{} … and {} more rows (--format json lists them all)",
            paint.warning("rejected:"),
            tally.totals.rejected - tally.rejected.len()
        )?;
    }
    for Group {
        missing,
        unmapped: has_unmapped,
        shown,
        all,
    } in &tally.incomplete
    {
        let mut list: Vec<String> = shown.iter().map(usize::to_string).collect();
        if *all > shown.len() {
            list.push(format!("… ({all} rows)"));
        }
        let mut why = Vec::new();
        if !missing.is_empty() {
            why.push(format!("no value for {}", clean(&missing.join(", "))));
        }
        if *has_unmapped {
            why.push(format!(
                "{unmapped} slot{} no field claims",
                if unmapped == 1 { "" } else { "s" }
            ));
        }
        writeln!(
            w,
            "{} row{} {}: {}",
            paint.warning("slots left:"),
            if *all == 1 { "" } else { "s" },
            list.join(", "),
            why.join("; ")
        )?;
    }
    let t = &tally.totals;
    let mut line = format!(
        "{} row{}: {} written to {}",
        t.total,
        if t.total == 1 { "" } else { "s" },
        t.written,
        clean(&out_dir.display().to_string())
    );
    if t.written > 0 {
        line.push_str(&format!(
            " ({} complete, {} with slots left)",
            t.complete, t.incomplete
        ));
    }
    line.push_str(&format!(", {} rejected", t.rejected));
    if t.failed > 0 {
        line.push_str(&format!(
            ", {} could not be written; the run stopped",
            t.failed
        ));
        if rows > t.total {
            line.push_str(&format!(" with {} rows not tried", rows - t.total));
        }
    }
    writeln!(w, "{} {line}", paint.bold("xfill:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tally_groups_rows_by_what_is_missing() {
        let mut tally = Tally::default();
        for n in 1..=15 {
            let status = Status::Incomplete {
                remaining: 1,
                missing: vec![if n % 5 == 0 { "县名" } else { "村名" }.to_string()],
            };
            let done = Done {
                number: n,
                line: n + 1,
                file: Some(format!("{n:04}.txt")),
                status,
            };
            tally.add(&done, 0);
        }
        let mut out = Vec::new();
        summary(&mut out, &tally, Path::new("out"), 0, 15, Paint::new(false)).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out,
            "slots left: rows 1, 2, 3, 4, 6, 7, 8, 9, 11, 12, … (12 rows): no value for 村名\n\
             slots left: rows 5, 10, 15: no value for 县名\n\
             xfill: 15 rows: 15 written to out (0 complete, 15 with slots left), 0 rejected\n"
        );
    }
}

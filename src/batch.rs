//! One filled copy of a template per row of a CSV, JSON Lines or YAML file (mail merge): the
//! plan of a run (template, schema, rows, the names of the files, the output folder), the run
//! itself and its tally, which counts exactly what is on disk. The rows file is read twice:
//! first for the file names only, so that two rows with the same name stop the run before
//! anything is written; then for the fills, a chunk of rows at a time, in parallel. Standard
//! input is first copied to a temp file. Reading, checking and naming rows is [`crate::rows`]'s;
//! what the run says as it goes is handed to an [`Observer`], and rendering it is
//! [`crate::report`]'s.

use std::collections::HashSet;
use std::io::{Read, Seek};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::docx::Docx;
use crate::encoding::{Document, Encoding};
use crate::error::{Error, Location};
use crate::files;
use crate::fill;
use crate::rows::{self, Input, NamePattern, Names, Row, Rows};
use crate::schema::Schema;
use crate::span::Span;
use crate::template::Template;
use crate::values;

/// Rows read, filled and written per step: enough to keep every job busy, few enough
/// that memory stays flat.
const CHUNK: usize = 256;
/// Rows of one kind listed by number in the summary before the rest are counted.
pub const ROWS_SHOWN: usize = 10;
/// Rejected rows (and renamed files) listed in the summary; `--format json` lists them all.
pub const REJECTED_SHOWN: usize = 50;

/// What a run is asked to do.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The template: a text file in any encoding xfill reads, or .docx (`-` is standard input).
    pub template: PathBuf,
    /// The schema file.
    pub schema: PathBuf,
    /// The rows file (`-` is standard input).
    pub rows: PathBuf,
    /// The folder to write into; created if missing.
    pub out_dir: PathBuf,
    /// The pattern of each row's file name (`{field}`, `{#}`); by default the row number with
    /// the template's extension.
    pub name: Option<String>,
    /// Rows filled at once; by default one per core, and at most four per core.
    pub jobs: Option<NonZeroUsize>,
    /// Write unfilled slots as 【field】.
    pub mark: bool,
    /// Skip columns that are not fields of the schema instead of stopping.
    pub skip_unknown: bool,
    /// A values file every row shares.
    pub values: Option<PathBuf>,
    /// Values every row shares, as `field=value`.
    pub sets: Vec<String>,
    /// The template's encoding, when not guessed.
    pub encoding: Option<Encoding>,
}

/// Something a run says on its way that is not a row's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A column the schema has no field for, skipped (`--skip-unknown`).
    Skipped {
        /// The column.
        field: String,
        /// The rows file.
        file: String,
        /// Its line (1 for a CSV header).
        line: usize,
    },
    /// A row's name was not a safe file name: another was written.
    Renamed {
        /// The row's number.
        row: usize,
        /// The rows file.
        file: String,
        /// The row's line.
        line: usize,
        /// The name the pattern gave.
        given: String,
        /// The name written.
        name: String,
    },
    /// More rows were renamed than are listed one by one.
    RenamedMore(usize),
    /// `--jobs` asked for more than four jobs per core.
    Jobs {
        /// The jobs asked for.
        asked: usize,
        /// The cores.
        cores: usize,
        /// The jobs used.
        most: usize,
    },
}

/// What a run is about, once its rows are planned and before the first is filled.
#[derive(Debug, Clone)]
pub struct Start<'a> {
    /// The template's display name.
    pub template: &'a str,
    /// The rows file's display name.
    pub rows_file: &'a str,
    /// The output folder.
    pub out_dir: &'a Path,
    /// The number of rows.
    pub rows: usize,
}

/// Who watches a run: told of each notice, the start, each chunk and each row as they come.
pub trait Observer {
    /// What the observer's own work (printing) may fail with; an [`Error`] of the run, or
    /// an I/O error of its own (a thread pool that cannot start), becomes one.
    type Error: From<Error> + From<std::io::Error>;
    /// A notice, as it happens.
    fn notice(&mut self, notice: &Notice) -> Result<(), Self::Error>;
    /// The rows are planned; filling begins.
    fn start(&mut self, start: &Start) -> Result<(), Self::Error>;
    /// `rows` more rows are done (before each of them is given to [`Observer::row`]).
    fn progress(&mut self, rows: usize);
    /// One row is done; `tally` already counts it.
    fn row(&mut self, done: &Done, tally: &Tally) -> Result<(), Self::Error>;
    /// No more rows will be filled.
    fn finish(&mut self);
}

/// How a run ended, once it began filling.
#[derive(Debug)]
pub struct Outcome {
    /// The counts and what the summary lists.
    pub tally: Tally,
    /// The number of rows planned.
    pub rows: usize,
    /// The template's slots that no field claims.
    pub unmapped: usize,
    /// Why the run stopped early (a file that could not be written, a rows file that
    /// changed); what was written is in the tally.
    pub failure: Option<Error>,
}

impl Outcome {
    /// Whether every row was written with no slot left.
    pub fn complete(&self) -> bool {
        self.tally.totals.complete == self.tally.totals.total
    }

    /// Whether every row was written with no slot left ([`Outcome::complete`]), or why the
    /// run stopped early.
    pub fn result(self) -> Result<bool, Error> {
        let complete = self.complete();
        match self.failure {
            Some(e) => Err(e),
            None => Ok(complete),
        }
    }
}

/// What became of one row.
#[derive(Debug)]
pub struct Done {
    /// The row's number, from 1.
    pub number: usize,
    /// The row's line in the rows file.
    pub line: usize,
    /// The file written (its name in the output folder), when one was.
    pub file: Option<String>,
    /// How it went.
    pub status: Status,
}

/// How a row went.
#[derive(Debug)]
pub enum Status {
    /// Written, no slot left.
    Complete,
    /// Written, with slots left.
    Incomplete {
        /// The slots left.
        remaining: usize,
        /// The fields without a value.
        missing: Vec<String>,
    },
    /// Not written: each problem's message, location and help.
    Rejected(Vec<Problem>),
    /// The file could not be written: the run stops.
    Failed(Error),
}

impl Status {
    /// The status's name in JSON: complete, incomplete, rejected or failed.
    pub fn name(&self) -> &'static str {
        match self {
            Status::Complete => "complete",
            Status::Incomplete { .. } => "incomplete",
            Status::Rejected(_) => "rejected",
            Status::Failed(_) => "failed",
        }
    }
}

/// One reason a row was rejected.
#[derive(Debug, Clone)]
pub struct Problem {
    /// What is wrong.
    pub message: String,
    /// Where: file:line.
    pub at: Option<String>,
    /// What to do.
    pub help: Option<String>,
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

/// The rows of each outcome.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Totals {
    /// Rows tried.
    pub total: usize,
    /// Files written.
    pub written: usize,
    /// Rows written with no slot left.
    pub complete: usize,
    /// Rows written with slots left.
    pub incomplete: usize,
    /// Rows not written: a value or name was wrong.
    pub rejected: usize,
    /// Rows whose file could not be written (the run stops after their chunk).
    pub failed: usize,
}

/// Rows whose slots left have the same cause.
#[derive(Debug, Clone)]
pub struct Group {
    /// The fields without value.
    pub missing: Vec<String>,
    /// Whether slots no field claims are left too.
    pub unmapped: bool,
    /// The first rows, by number ([`ROWS_SHOWN`] at most).
    pub shown: Vec<usize>,
    /// How many rows in all.
    pub all: usize,
}

/// The counts, and what the summary lists (bounded, whatever the number of rows).
#[derive(Debug, Default)]
pub struct Tally {
    /// The counts.
    pub totals: Totals,
    /// Rows with slots left, grouped by what is missing, in order of first appearance.
    pub incomplete: Vec<Group>,
    /// The first rejected rows ([`REJECTED_SHOWN`] at most) and why.
    pub rejected: Vec<(usize, Vec<Problem>)>,
}

impl Tally {
    /// Counts `done`; `unmapped` is the number of the template's slots no field claims.
    pub fn add(&mut self, done: &Done, unmapped: usize) {
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
                    self.rejected.push((done.number, problems.clone()));
                }
            }
            Status::Failed(_) => t.failed += 1,
        }
    }
}

/// Runs `plan`: reads the template, schema, values and rows, names every row's file, checks
/// the output folder, then fills and writes the rows, telling `observer` as it goes. An
/// error before the first file is written is returned as is; once filling began, the run
/// ends with an [`Outcome`], its `failure` saying why it stopped early.
pub fn run<O: Observer>(plan: &Plan, observer: &mut O) -> Result<Outcome, O::Error> {
    files::one_stdin(&plan.template, &plan.rows, "the template and the rows")?;
    if let Some(values) = &plan.values {
        files::one_stdin(values, &plan.rows, "the values and the rows")?;
        files::one_stdin(&plan.template, values, "the template and the values")?;
    }
    let (template_name, doc, docx) = files::read_input(&plan.template, plan.encoding)?;
    let schema = files::read_schema(&plan.schema)?;
    let template = Template::new(&doc.text, &schema, &template_name)?;
    let unmapped = template.places().filter(|p| p.field.is_none()).count();
    let shared = values::load(&schema, plan.values.as_deref(), &plan.sets, false)?;

    let data = Data::open(&plan.rows)?;
    let data_name = data.name();
    let input = rows::detect(data.reader()?, data.extension()).map_err(|source| Error::Read {
        path: data_name.clone(),
        source,
    })?;
    let extension = if docx.is_some() {
        "docx".to_string()
    } else {
        plan.template
            .extension()
            .and_then(|e| e.to_str())
            .filter(|_| plan.template.as_os_str() != "-")
            .unwrap_or("txt")
            .to_string()
    };
    let pattern = match &plan.name {
        Some(p) => NamePattern::parse(p)?,
        None => NamePattern::numbered(&extension),
    };

    // First pass: every row's file name, before anything is written.
    let (total, names) = name_rows(&data, input, &schema, &pattern, plan.skip_unknown, observer)?;
    let present = guard_out_dir(plan, &names, (&pattern, &schema, total), &data_name)?;
    std::fs::create_dir_all(&plan.out_dir).map_err(|source| Error::Write {
        path: plan.out_dir.display().to_string(),
        source,
    })?;

    // Second pass: fill and write, a chunk of rows at a time.
    let out = files::OutDir::open(&plan.out_dir);
    let slots = SlotPlan::of(&template);
    let shared_by_field: Vec<Option<&values::Value>> =
        schema.fields.keys().map(|name| shared.get(name)).collect();
    let utf8 = doc.encoding == Encoding::Utf8
        && doc.encode_with(&[], None).ok().is_some_and(|bytes| {
            let bom = if doc.bom { Encoding::Utf8.bom() } else { &[] };
            bytes.strip_prefix(bom) == Some(doc.text.as_bytes())
        });
    let job = Job {
        utf8,
        equals: schema.fields.values().any(|f| f.extras().equals.is_some()),
        slots: &slots,
        shared_by_field: &shared_by_field,
        doc: &doc,
        docx: docx.as_ref(),
        template: &template,
        schema: &schema,
        shared: &shared,
        data_name: &data_name,
        out_dir: &plan.out_dir,
        out: &out,
        present: &present,
        mark: plan.mark,
    };
    let (threads, notice) = jobs(plan.jobs);
    if let Some(notice) = notice {
        observer.notice(&notice)?;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(std::io::Error::other)?;
    observer.start(&Start {
        template: &template_name,
        rows_file: &data_name,
        out_dir: &plan.out_dir,
        rows: total,
    })?;
    let width = rows::number_width(total);
    let mut tally = Tally::default();
    let mut failure = None;
    let mut rows = data.rows(input)?;
    let changed = || Error::Read {
        path: data_name.clone(),
        source: std::io::Error::other("the file changed while xfill was reading it"),
    };
    // The rows of the last chunk, whose memory the next chunk's rows are read into.
    let mut spare: Vec<Row> = Vec::with_capacity(CHUNK);
    let mut chunk: Vec<(Row, Planned)> = Vec::with_capacity(CHUNK);
    loop {
        spare.extend(chunk.drain(..).map(|(row, _)| row));
        while chunk.len() < CHUNK {
            let next = match spare.pop() {
                Some(old) => rows.next_reusing(old),
                None => rows.next(),
            };
            let Some(row) = next else { break };
            // The rows must be those of the first pass, or two could now share a name.
            let planned = row.and_then(|row| {
                let name = pattern.name(&row, &schema, width);
                match &name {
                    _ if row.number > total => Err(changed()),
                    // A name made of the row's number is the row's: no search for the
                    // number in it (three allocations a row).
                    Ok(_) if matches!(names, Naming::Numbered) => Ok((row, name)),
                    Ok(n) if names.row_of(n, &pattern, &schema, total) != Some(row.number) => {
                        Err(changed())
                    }
                    _ => Ok((row, name)),
                }
            });
            match planned {
                Ok(pair) => chunk.push(pair),
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        if chunk.is_empty() {
            break;
        }
        let done: Vec<Done> = pool.install(|| {
            chunk
                .par_iter_mut()
                .map_init(
                    || Scratch::new(&job),
                    |scratch, (row, name)| fill_row(&job, scratch, row, name),
                )
                .collect()
        });
        observer.progress(done.len());
        // Every row of the chunk is counted, also those after one whose file could not be
        // written: they were written in parallel, and the summary says what is on disk.
        for d in done {
            tally.add(&d, unmapped);
            observer.row(&d, &tally)?;
            if let Status::Failed(f) = d.status {
                failure.get_or_insert(f);
            }
        }
        if failure.is_some() {
            break;
        }
    }
    observer.finish();
    if failure.is_none() && tally.totals.total != total {
        failure = Some(changed());
    }
    Ok(Outcome {
        tally,
        rows: total,
        unmapped,
        failure,
    })
}

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
    /// The template's slots, each with what every row's fill of it shares.
    slots: &'a [SlotPlan<'a>],
    /// The value every row shares of each field, by the field's index.
    shared_by_field: &'a [Option<&'a values::Value>],
    /// The template is UTF-8 and written back as its text's own bytes.
    utf8: bool,
    /// Some field writes another's amount again (`equals`).
    equals: bool,
    doc: &'a Document,
    docx: Option<&'a Docx>,
    template: &'a Template<'a>,
    schema: &'a Schema,
    /// The values every row shares (`--values`, `--set`), under each row's own.
    shared: &'a values::Values,
    data_name: &'a str,
    out_dir: &'a Path,
    /// The output folder, held open.
    out: &'a files::OutDir,
    /// The rows whose file's name was taken in the output folder when the run began.
    present: &'a HashSet<usize>,
    mark: bool,
}

/// The first pass: reads every row for its file name only. Unknown columns (unless
/// skipped, or used by `--name`) and clashing names are errors; rows without a name are
/// rejected later. Returns the number of rows and the names given.
fn name_rows<O: Observer>(
    data: &Data,
    input: Input,
    schema: &Schema,
    pattern: &NamePattern,
    skip_unknown: bool,
    observer: &mut O,
) -> Result<(usize, Naming), O::Error> {
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
    loop {
        // With names made of row numbers, a CSV row after the first tells this pass nothing
        // its header did not: it is counted and checked, its cells not made (1,000,000
        // rows: this pass took 2.2 s, now 0.6 s).
        let next = if numbered && header && count > 0 {
            reader.next_bare()
        } else {
            reader.next()
        };
        let Some(row) = next else { break };
        let mut row = row?;
        for cell in row.unknown(schema) {
            if wanted.contains(&*cell.field) || !seen.insert(cell.field.to_string()) {
                continue;
            }
            let mut cell = cell.clone();
            if header {
                cell.line = 1;
            }
            if skip_unknown {
                observer.notice(&Notice::Skipped {
                    field: cell.field.to_string(),
                    file: data_name.clone(),
                    line: cell.line,
                })?;
            } else {
                unknown.push(rows::unknown_field(schema, &cell, &data_name));
            }
        }
        for cell in &row.cells {
            if wanted.contains(&*cell.field) && !seen.contains(&*cell.field) {
                seen.insert(cell.field.to_string());
            }
        }
        if numbered {
            // Names are the row numbers: nothing of the row is needed again.
            count += 1;
            continue;
        }
        row.cells.retain(|c| wanted.contains(&*c.field));
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
            let help = match crate::error::did_you_mean(field, candidates) {
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
                    observer.notice(&Notice::Renamed {
                        row: row.number,
                        file: data_name.clone(),
                        line: row.line,
                        given: given.clone(),
                        name: name.clone(),
                    })?;
                }
            }
            names.add(&name, row);
        }
    }
    if changed > REJECTED_SHOWN {
        observer.notice(&Notice::RenamedMore(changed - REJECTED_SHOWN))?;
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
/// case, as rows' names are. Returns the rows whose name something in the folder has.
fn guard_out_dir(
    a: &Plan,
    names: &Naming,
    (pattern, schema, total): (&NamePattern, &Schema, usize),
    data_name: &str,
) -> Result<HashSet<usize>, Error> {
    let mut present = HashSet::new();
    let Ok(entries) = std::fs::read_dir(&a.out_dir) else {
        return Ok(present); // a folder still to be made holds nothing in the way
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
        present.insert(row);
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
    Error::collect(found.into_iter().map(|(_, e)| e).collect())?;
    Ok(present)
}

/// The number of jobs: `--jobs`, at most four per core (more only adds threads that wait:
/// 30,000 took over a minute to start), else one per core; and the notice when fewer
/// than asked are used.
fn jobs(asked: Option<NonZeroUsize>) -> (usize, Option<Notice>) {
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let most = 4 * cores;
    match asked.map(NonZeroUsize::get) {
        None => (cores, None),
        Some(n) if n > most => (
            most,
            Some(Notice::Jobs {
                asked: n,
                cores,
                most,
            }),
        ),
        Some(n) => (n, None),
    }
}

/// One slot of the template and what fills it, the same for every row: worked out once
/// for the run, not for each row.
struct SlotPlan<'a> {
    span: Span,
    /// The slot's text in the template.
    original: &'a str,
    /// The template's character after the slot (a date field's slot followed by 年 takes
    /// the year).
    after: Option<char>,
    /// The field that fills it.
    field: Option<usize>,
    /// What `--mark` writes over it when it remains.
    mark: String,
}

impl<'a> SlotPlan<'a> {
    fn of(template: &'a Template) -> Vec<SlotPlan<'a>> {
        let text = template.text();
        template
            .places()
            .zip(&template.bindings().field_of)
            .map(|(place, &field)| {
                let original = place.slot.text(text);
                SlotPlan {
                    span: place.slot.span(),
                    original,
                    after: text[place.slot.span().end..].chars().next(),
                    field,
                    mark: fill::mark(place.field.map(|f| f.name.as_str()), original),
                }
            })
            .collect()
    }
}

/// A job's memory for its rows, kept from one row to the next: a row's values and what it
/// writes over each slot borrow the row's cells, and are not copied.
struct Scratch<'r> {
    /// The row's checked values, by the field's index.
    values: Vec<Option<values::Checked<'r>>>,
    /// What is written over each slot, by the slot's index.
    written: Vec<Option<Written<'r>>>,
    /// The fields whose slots are left.
    missing: Vec<usize>,
    /// The row's file.
    out: Vec<u8>,
}

/// What is written over a slot.
enum Written<'r> {
    /// The row's own value of the field.
    Own(usize),
    /// Other text: a value every row shares, a part of a date, a mark.
    Text(std::borrow::Cow<'r, str>),
}

impl<'r> Scratch<'r> {
    fn new(job: &Job) -> Scratch<'r> {
        let mut values = Vec::new();
        values.resize_with(job.schema.fields.len(), || None);
        let mut written = Vec::new();
        written.resize_with(job.slots.len(), || None);
        Scratch {
            values,
            written,
            missing: Vec::new(),
            out: Vec::new(),
        }
    }
}

/// A row filled: the slots left, and the fields without a value (its file's bytes are in
/// the job's [`Scratch`]).
type Made = (usize, Vec<String>);

/// The row's file, filled as [`rows::resolve`], [`values::Values::over`], [`fill::fill`]
/// and [`fill::Filled::encode`] make it, straight from the row's cells; `None` for a .docx
/// template or a row they would refuse (which [`fill_row`] then hands to them, for the
/// message).
fn made<'r>(job: &Job<'r>, scratch: &mut Scratch<'r>, row: &'r Row) -> Option<Made> {
    // A field that writes another's amount again (`equals`) is made from it by the library.
    if job.docx.is_some() || job.equals {
        return None;
    }
    let values = &mut scratch.values;
    values.iter_mut().for_each(|v| *v = None);
    for cell in &row.cells {
        let (Some(value), Some((f, _, field))) =
            (&cell.value, job.schema.fields.get_full(&*cell.field))
        else {
            continue;
        };
        if !cell.scalar {
            return None;
        }
        values[f] = Some(values::check_cell(field, value)?);
    }
    let mut remaining = 0;
    scratch.missing.clear();
    for (slot, written) in job.slots.iter().zip(&mut scratch.written) {
        let text = match slot.field {
            Some(f) => match (&values[f], job.shared_by_field[f]) {
                (Some((text, date)), _) => {
                    values::slot_text(text, date.as_ref(), slot.original, slot.after).map(|t| {
                        match t {
                            std::borrow::Cow::Borrowed(_) => Written::Own(f),
                            std::borrow::Cow::Owned(t) => Written::Text(t.into()),
                        }
                    })
                }
                (None, Some(shared)) => shared
                    .slot_text(slot.original, slot.after)
                    .map(Written::Text),
                (None, None) => None,
            },
            None => None,
        };
        *written = match text {
            Some(text) => Some(text),
            None => {
                remaining += 1;
                if let Some(f) = slot.field {
                    scratch.missing.push(f);
                }
                job.mark.then_some(Written::Text(std::borrow::Cow::Borrowed(
                    slot.mark.as_str(),
                )))
            }
        };
    }
    let changes = job
        .slots
        .iter()
        .zip(&scratch.written)
        .filter_map(|(slot, written)| {
            let text = match written.as_ref()? {
                Written::Own(f) => values[*f].as_ref().map(|(t, _)| &**t)?,
                Written::Text(t) => &**t,
            };
            Some((slot.span, text))
        });
    let out = &mut scratch.out;
    out.clear();
    if job.utf8 {
        // What `encode_with` writes for a UTF-8 template, in memory kept from the last row.
        let text = &job.doc.text;
        if job.doc.bom {
            out.extend_from_slice(Encoding::Utf8.bom());
        }
        let mut last = 0;
        for (span, new) in changes {
            out.extend_from_slice(&text.as_bytes()[last..span.start]);
            out.extend_from_slice(new.as_bytes());
            last = span.end;
        }
        out.extend_from_slice(&text.as_bytes()[last..]);
    } else {
        let changes: Vec<(Span, &str)> = changes.collect();
        *out = job.doc.encode_with(&changes, None).ok()?;
    }
    scratch.missing.sort_unstable();
    scratch.missing.dedup();
    let missing = scratch
        .missing
        .iter()
        .map(|&f| job.schema.fields[f].name.clone())
        .collect();
    Some((remaining, missing))
}

/// Fills and writes `row` as the file `name`, which is taken (left empty) for the `Done`.
fn fill_row<'r>(
    job: &Job<'r>,
    scratch: &mut Scratch<'r>,
    row: &'r Row,
    name: &mut Planned,
) -> Done {
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
    let (remaining, missing) = match made(job, scratch, row) {
        Some(made) => made,
        None => match made_slowly(job, row) {
            Ok((bytes, made)) => {
                scratch.out = bytes;
                made
            }
            Err(status) => return done(None, status),
        },
    };
    let bytes = &scratch.out;
    let path = job.out_dir.join(&*name);
    // sanitize() makes one path component; this is the last line of defence.
    if path.parent() != Some(job.out_dir) {
        let problem = Problem {
            message: format!("{name:?} is not a file name"),
            at: None,
            help: None,
        };
        return done(None, Status::Rejected(vec![problem]));
    }
    let new = !job.present.contains(&row.number);
    if let Err(e) = write_file(job.out, name, &path, bytes, new) {
        return done(None, Status::Failed(e));
    }
    let status = if remaining == 0 {
        Status::Complete
    } else {
        Status::Incomplete { remaining, missing }
    };
    done(Some(std::mem::take(name)), status)
}

/// The row's file made through [`rows::resolve`] and [`Template::fill`]: a .docx, or a row
/// that is refused (the status says why).
fn made_slowly(job: &Job, row: &Row) -> Result<(Vec<u8>, Made), Status> {
    let values = match rows::resolve(job.schema, row, job.data_name) {
        Ok(values) if job.shared.is_empty() => values,
        Ok(values) => values
            .over(job.shared, job.schema)
            .map_err(|e| Status::Rejected(Problem::of(&e)))?,
        Err(e) => return Err(Status::Rejected(Problem::of(&e))),
    };
    let filled = job.template.fill(&values, fill::Options { mark: job.mark });
    let bytes = match job.docx {
        Some(docx) => docx.replace(&filled.replacements).map_err(Status::Failed)?,
        // The template's own bytes between the slots; a value its encoding cannot hold
        // rejects the row, naming the field and the character.
        None => filled
            .encode(job.doc, job.template.slots(), job.schema, None)
            .map_err(|e| Status::Rejected(Problem::of(&e)))?,
    };
    let missing = filled
        .missing_fields()
        .into_iter()
        .map(|f| job.schema.fields[f].name.clone())
        .collect();
    Ok((bytes, (filled.remaining(), missing)))
}

/// Writes `bytes` to `path` as [`files::write`] does (a temp file in the same folder,
/// then a rename, or for a new file on Linux an unnamed file linked at its name; the old
/// file's permissions kept; on error the old file is untouched),
/// but without its `fsync` (one per file made 10,000 rows take 45 s instead of a few), and
/// never through a symbolic link nor into anything but a regular file. A `new` file (its
/// name was free when the run began, see [`guard_out_dir`]) is not looked for first, and
/// is made in `out`, the folder held open, as `name`.
fn write_file(
    out: &files::OutDir,
    name: &str,
    path: &Path,
    bytes: &[u8],
    new: bool,
) -> Result<(), Error> {
    if new {
        out.write_new(name, path, bytes)
    } else {
        files::write_regular(path, out.path(), bytes)
    }
}

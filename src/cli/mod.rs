//! The command line: clap arguments, files and stdin, renderer and colour choice, `-o`,
//! exit codes. Only the library's public API is used; domain logic lives there.

mod ask;
mod batch;
mod shell;
mod versions;

pub(crate) use xfill::files;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand};
use xfill::check;
use xfill::encoding::Encoding;
use xfill::error::Error;
use xfill::fill_file;
use xfill::init_file;
use xfill::report::{self, Color, Format, Paint};

/// Exit codes, as grep and diff use them.
pub mod exit {
    /// Done, nothing left.
    pub const CLEAN: i32 = 0;
    /// Done, something to look at: slots remain, or the schema drifted.
    pub const FINDINGS: i32 = 1;
    /// Could not do the job.
    pub const ERROR: i32 = 2;
    /// Stopped by Ctrl-C (128 + SIGINT, as shells report it).
    pub const INTERRUPTED: i32 = 130;

    /// Done: [`CLEAN`] when nothing is left, else [`FINDINGS`].
    pub fn of(clean: bool) -> i32 {
        if clean { CLEAN } else { FINDINGS }
    }
}

const EXAMPLES: &str = "\
Examples:
  xfill scan samples/summary.txt                      list the slots
  xfill init samples/summary.txt -o summary.schema.yaml
  xfill fill samples/summary.txt --schema samples/summary.schema.yaml \\
             --values samples/summary.values.yaml -o filled.txt
  xfill check filled.txt                              exit 1 if any slot is left

Exit codes: 0 nothing left, 1 slots left (or schema drift), 2 error.";

/// Find, fill and check the X placeholders of Chinese templates.
#[derive(Debug, Parser)]
#[command(name = "xfill", version, about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,

    /// When to colour output: auto (a terminal, NO_COLOR unset, TERM not dumb), always, never.
    #[arg(long, global = true, default_value = "auto", value_parser = color_parser())]
    color: Color,

    /// The most bytes read from any one input (template, schema, values, rows, stdin) and
    /// the most a .docx may inflate to; K, M, G for 2^10, 2^20, 2^30 [default: 256M].
    #[arg(long, global = true, value_name = "SIZE", value_parser = files::parse_size)]
    max_size: Option<u64>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Recover the values of a filled document, as a values file that `fill` takes.
    #[command(
        after_help = "Examples:\n  xfill extract samples/summary.txt samples/summary.filled.txt \\\n      --schema samples/summary.schema.yaml\n  xfill extract last-year.txt last-year.filled.txt -o values.yaml\n\nWithout --schema the values are named by the fields `xfill init` would draft, and each\nfield is preceded by a comment naming its slots.\nExit codes: 0 every slot recovered, 1 some lost or a field's slots disagree, 2 error."
    )]
    Extract(ExtractArgs),
    /// Compare two versions: a unified diff, and what each slot of OLD became in NEW.
    #[command(
        after_help = "Examples:\n  xfill diff samples/summary.txt samples/summary.filled.txt\n  xfill diff v1.filled.txt v2.filled.txt \\\n      --template v1.txt --schema v1.schema.yaml\n\nExit codes: 0 no differences, 1 differences, 2 error (as diff)."
    )]
    Diff(DiffArgs),
    /// List the placeholder slots of a document.
    #[command(
        after_help = "Examples:\n  xfill scan samples/notice.txt\n  xfill scan --format json samples/summary.txt | jq '.slots[].kind'\n  cat doc.txt | xfill scan -\n\nExit code: 0, whatever is found; 2 on error."
    )]
    Scan(ScanArgs),
    /// Write a schema that maps every slot of a template to a field.
    #[command(
        after_help = "Examples:\n  xfill init samples/summary.txt\n  xfill init samples/summary.txt -o summary.schema.yaml\n\nExit code: 0; 2 on error."
    )]
    Init(InitArgs),
    /// Fill a template's slots with values; report what remains on stderr.
    #[command(
        after_help = "Examples:\n  xfill fill samples/summary.txt --schema samples/summary.schema.yaml \\\n      --values samples/summary.values.yaml\n  xfill fill samples/notice.txt --schema samples/notice.schema.yaml \\\n      --set 会议室名称=第一会议室 -o out.txt --diff\n  xfill fill samples/summary.txt --ask                ask for missing values\n\nExit codes: 0 all slots filled, 1 slots remain, 2 error (nothing is written)."
    )]
    Fill(FillArgs),
    /// Write a values file to fill in an editor: each field with its label and sentences.
    #[command(
        after_help = "Examples:\n  xfill values samples/summary.txt --schema samples/summary.schema.yaml\n  xfill values samples/notice.txt --schema samples/notice.schema.yaml \\\n      -o notice.values.yaml\n\nEach field is written empty (or with its default), after comments naming its label, what it\ntakes and each of its slots in its sentence. A field left empty stays unfilled.\nExit code: 0; 2 on error (an existing -o file is not replaced without --force)."
    )]
    Values(ValuesFileArgs),
    /// Fill a template once per row of a CSV, JSON Lines or YAML file, one file per row.
    #[command(after_help = batch::HELP)]
    Batch(batch::BatchArgs),
    /// Check that a document has no slots left (for CI, or before sending it).
    #[command(
        after_help = "Examples:\n  xfill check report.txt\n  xfill check report.txt --schema report.schema.yaml --values values.yaml\n  xfill check reports/ notes.md\n  xfill check --brief report.txt > errors.txt && vim -q errors.txt\n\nA folder is searched like ripgrep does: hidden files are skipped, and so is what .gitignore\nlists inside a git work tree (.ignore files with --ignore-files); only .txt, .text, .md,\n.markdown and .docx files are checked (a file named on the command line is checked whatever\nits name). A folder with nothing to check is an error. With several files, those with slots\nleft get one line per slot (as --brief), then a count (--verbose: clean files too).\n--format json is a list of one object per file, for one file as for many.\nA value that itself contains X (\"XX科技\") is data: pass --values so that check knows it.\nExit codes: 0 none left, 1 slots left (or, with --schema, drift), 2 error (with several\nfiles: some file could not be read; the others are still checked)."
    )]
    Check(CheckArgs),
    /// Open a local web page to fill templates: the form, the document, the downloads.
    #[command(
        after_help = "Examples:\n  xfill serve samples/                 the templates of a folder\n  xfill serve samples/summary.txt      one template, opened directly\n  xfill serve --port 8732 --open\n\nThe first line on stdout is the page's address, with its token; open it in a browser.\nThe page reads and writes only inside the served folder. Ctrl-C stops the server."
    )]
    Serve(ServeArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    #[command(after_help = shell::COMPLETIONS_HELP)]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `xfill man | man -l -`.
    #[command(after_help = shell::MAN_HELP)]
    Man,
}

#[derive(Debug, Args)]
struct ScanArgs {
    /// The document (`-` for standard input).
    file: PathBuf,
    /// Use this schema's ignore words and patterns too.
    #[arg(long)]
    schema: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Args)]
struct InitArgs {
    /// The template (`-` for standard input).
    file: PathBuf,
    /// Write the schema here (through a temp file and a rename) instead of stdout; an
    /// existing file is kept unless --force.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// With -o, replace an existing file (a schema edited by hand is lost).
    #[arg(long, requires = "output")]
    force: bool,
    /// Keep this schema's ignore words and patterns.
    #[arg(long, conflicts_with = "from")]
    schema: Option<PathBuf>,
    /// Carry this schema (of the template's previous version) over: its fields keep their
    /// names, types and options wherever they still find a slot.
    #[arg(long, value_name = "OLD_SCHEMA")]
    from: Option<PathBuf>,
    #[command(flatten)]
    input: Input,
}

#[derive(Debug, Args)]
struct FillArgs {
    /// The template (`-` for standard input).
    template: PathBuf,
    #[command(flatten)]
    values: ValueArgs,
    /// Write the filled document here (through a temp file and a rename) instead of stdout.
    #[arg(short, long, conflicts_with = "in_place")]
    output: Option<PathBuf>,
    /// Write the filled document over the template itself (through a temp file and a rename).
    #[arg(long)]
    in_place: bool,
    /// With --in-place, first keep the template as TEMPLATE.bak (or with this suffix); an
    /// existing backup is never replaced.
    #[arg(long, value_name = "SUFFIX", num_args = 0..=1, default_missing_value = ".bak", requires = "in_place")]
    backup: Option<String>,
    /// Write the output in this encoding (utf-8, utf-16le, utf-16be, gb18030) instead of the input's.
    #[arg(long, value_name = "ENCODING")]
    output_encoding: Option<Encoding>,
    #[command(flatten)]
    unfilled: Unfilled,
    /// Also print a diff of template and output (to stdout with -o, else to stderr).
    #[arg(long)]
    diff: bool,
    /// With --diff, show changed lines whole, not a window around each change.
    #[arg(long, requires = "diff")]
    full_lines: bool,
    /// Ask in the terminal for each field that has no value, write the answers into the
    /// values file (TEMPLATE's NAME.values.yaml unless --values), then fill. Without
    /// --schema, uses NAME.schema.yaml beside the template, or drafts and saves it.
    #[arg(long)]
    ask: bool,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Args)]
struct ValuesFileArgs {
    /// The template (`-` for standard input).
    template: PathBuf,
    #[command(flatten)]
    schema_file: SchemaFile,
    /// Write the values file here (through a temp file and a rename) instead of stdout.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Replace the -o file if it exists.
    #[arg(long, requires = "output")]
    force: bool,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// The documents and folders (`-` for standard input).
    #[arg(required = true, value_name = "FILES")]
    files: Vec<PathBuf>,
    /// Name each slot's field, and report anchors whose text is gone and slots no field claims.
    #[arg(long)]
    schema: Option<PathBuf>,
    /// Values whose text contains X: those X are data, not slots.
    #[arg(long)]
    values: Option<PathBuf>,
    /// A value as field=value (repeatable); needs --schema.
    #[arg(long = "set", value_name = "FIELD=VALUE", requires = "schema")]
    sets: Vec<String>,
    /// In folders, also skip what .ignore files list (.gitignore is honoured inside a
    /// git work tree only, as git does).
    #[arg(long)]
    ignore_files: bool,
    /// One line per slot left, `file:line:column: field`, as editors read a quickfix list
    /// (what a folder gets by default).
    #[arg(long)]
    brief: bool,
    /// With several files, also name each file that has no slots left.
    #[arg(long, short)]
    verbose: bool,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// A template, or a folder of templates (the current folder by default).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// The port to listen on (a free one by default).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// The address to listen on; anything but 127.0.0.1 lets other machines in.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Open the page in the default browser.
    #[arg(long)]
    open: bool,
}

#[derive(Debug, Args)]
struct ExtractArgs {
    /// The template the document was filled from.
    template: PathBuf,
    /// The filled document (`-` for standard input).
    filled: PathBuf,
    /// Name the values by this schema's fields (else by the fields `xfill init` would draft).
    #[arg(long)]
    schema: Option<PathBuf>,
    /// Write the values file here (through a temp file and a rename) instead of stdout.
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Args)]
struct DiffArgs {
    /// The old version (a template or a filled document).
    old: PathBuf,
    /// The new version.
    new: PathBuf,
    /// Name OLD's slots by this schema's fields.
    #[arg(long)]
    schema: Option<PathBuf>,
    /// The template both versions were filled from: also list the fields whose values changed.
    #[arg(long)]
    template: Option<PathBuf>,
    /// Lines of context around each change.
    #[arg(short = 'U', long, default_value_t = 3)]
    context: usize,
    /// Show changed lines whole, not a window of a few dozen characters around each change.
    #[arg(long)]
    full_lines: bool,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Args)]
struct ValueArgs {
    /// The schema: fields, types and anchors.
    #[arg(long, required_unless_present = "ask")]
    schema: Option<PathBuf>,
    /// A YAML file of field: value.
    #[arg(long)]
    values: Option<PathBuf>,
    /// A value as field=value (repeatable); wins over the values file.
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    sets: Vec<String>,
    /// Skip fields of the values file that the schema does not have (with a warning),
    /// e.g. last year's values for a template that dropped some fields.
    #[arg(long)]
    skip_unknown: bool,
}

/// `--format`'s values (the library's [`Format`] knows nothing of clap).
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["human", "json"]).map(|s| match s.as_str() {
        "json" => Format::Json,
        _ => Format::Human,
    })
}

/// `--color`'s values.
fn color_parser() -> impl clap::builder::TypedValueParser<Value = Color> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["auto", "always", "never"]).map(|s| {
        match s.as_str() {
            "always" => Color::Always,
            "never" => Color::Never,
            _ => Color::Auto,
        }
    })
}

/// `--format` and `--encoding`, for the commands that read a document and report on it.
#[derive(Debug, Args)]
struct Common {
    /// Output format.
    #[arg(long, default_value = "human", value_parser = format_parser())]
    format: Format,
    #[command(flatten)]
    input: Input,
}

/// `--encoding`, for every command that reads a document.
#[derive(Debug, Args)]
struct Input {
    /// The input's encoding (utf-8, utf-16le, utf-16be, gb18030); guessed when left out.
    #[arg(long)]
    encoding: Option<Encoding>,
}

/// `--schema`, where a command cannot do without one.
#[derive(Debug, Args)]
struct SchemaFile {
    /// The schema: fields, types and anchors.
    #[arg(long)]
    schema: PathBuf,
}

/// `--mark`, for the commands that fill.
#[derive(Debug, Args)]
struct Unfilled {
    /// Write unfilled slots as 【field】 instead of leaving them as they were.
    #[arg(long)]
    mark: bool,
}

/// Runs the command line and returns the exit code.
pub fn run() -> i32 {
    let cli = Cli::parse();
    if let Some(max) = cli.max_size {
        files::set_max_size(max);
    }
    let out_paint = Paint::choose(cli.color, std::io::stdout().is_terminal());
    let err_paint = Paint::choose(cli.color, std::io::stderr().is_terminal());
    match execute(cli, out_paint, err_paint) {
        Ok(code) => code,
        Err(Failure::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => exit::CLEAN,
        Err(Failure::Io(e)) => {
            let _ = writeln!(std::io::stderr(), "xfill: cannot write output: {e}");
            exit::ERROR
        }
        Err(Failure::Interrupted) => {
            let _ = writeln!(std::io::stderr(), "xfill: interrupted; no file was written");
            exit::INTERRUPTED
        }
        Err(Failure::Xfill(e)) => {
            let mut stderr = std::io::stderr().lock();
            let _ = report::human::error(&mut stderr, &e, err_paint);
            exit::ERROR
        }
    }
}

enum Failure {
    Xfill(Error),
    Io(std::io::Error),
    /// Ctrl-C at a prompt: nothing was written.
    Interrupted,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Xfill(e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Io(e)
    }
}

fn execute(cli: Cli, out_paint: Paint, err_paint: Paint) -> Result<i32, Failure> {
    // Buffered: a listing of 100,000 slots is one write, not one per line.
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut stderr = std::io::BufWriter::new(std::io::stderr().lock());
    let code = run_command(cli, out_paint, err_paint, &mut stdout, &mut stderr);
    // Whatever happened, what was written so far goes out before the exit code.
    let flushed = stdout.flush().and(stderr.flush());
    let code = code?;
    flushed?;
    Ok(code)
}

fn run_command(
    cli: Cli,
    out_paint: Paint,
    err_paint: Paint,
    mut stdout: &mut impl Write,
    mut stderr: &mut impl Write,
) -> Result<i32, Failure> {
    match cli.command {
        Command::Extract(a) => versions::run_extract(&a, &mut stdout, &mut stderr, err_paint),
        Command::Diff(a) => versions::run_diff(&a, &mut stdout, out_paint),
        Command::Batch(a) => batch::run(&a, &mut stdout, &mut stderr, err_paint),
        Command::Fill(a) => fill(a, &mut stdout, &mut stderr, (out_paint, err_paint)),
        Command::Check(a) => check(a, &mut stdout, &mut stderr, (out_paint, err_paint)),
        Command::Init(a) => init(a, &mut stdout, &mut stderr, err_paint),
        Command::Serve(a) => {
            let (path, host, port, open) = (a.path, a.host, a.port, a.open);
            let options = crate::serve::Options {
                path,
                host,
                port,
                open,
            };
            stdout.flush()?;
            // The address goes out at once, unbuffered: a script waits for that line.
            let code = crate::serve::run(options, &mut std::io::stdout(), &mut std::io::stderr())?;
            Ok(code)
        }
        Command::Completions { shell } => {
            shell::completions(shell, &mut stdout)?;
            Ok(exit::CLEAN)
        }
        Command::Values(a) => {
            xfill::ask::refuse_existing(a.output.as_deref(), a.force)?;
            let yaml =
                xfill::ask::skeleton(&a.template, &a.schema_file.schema, a.common.input.encoding)?;
            files::write_output::<Failure>(a.output.as_deref(), yaml.as_bytes(), &mut stdout)?;
            Ok(exit::CLEAN)
        }
        Command::Man => {
            report::man::page(&Cli::command(), &mut stdout)?;
            Ok(exit::CLEAN)
        }
        Command::Scan(a) => {
            let (schema, encoding) = (a.schema.as_deref(), a.common.input.encoding);
            let (name, text, slots) = files::read_scanned(&a.file, schema, encoding)?;
            let text = (name.as_str(), text.as_str());
            report::scanned(&mut stdout, a.common.format, text, &slots, out_paint)?;
            stdout.flush()?;
            Ok(exit::CLEAN)
        }
    }
}

/// `xfill init`: the drafted schema to stdout or `-o`, the review on stderr.
fn init(
    a: InitArgs,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
    err_paint: Paint,
) -> Result<i32, Failure> {
    let job = init_file::Job {
        template: a.file,
        output: a.output,
        force: a.force,
        schema: a.schema,
        from: a.from,
        encoding: a.input.encoding,
    };
    let init_file::Drafted { draft: d, from } = init_file::init(&job)?;
    let output = job.output.as_deref();
    report::init::review(stderr, &d, from.as_deref(), err_paint)?;
    files::write_output::<Failure>(output, d.yaml.as_bytes(), stdout)?;
    report::init::written(stderr, &d, output, err_paint)?;
    Ok(exit::CLEAN)
}

/// `xfill fill`: the filled document to stdout, `-o` or the template itself; what remains
/// (and `--diff`) on stderr.
fn fill(
    a: FillArgs,
    mut stdout: &mut impl Write,
    mut stderr: &mut impl Write,
    (out_paint, err_paint): (Paint, Paint),
) -> Result<i32, Failure> {
    let FillArgs {
        template,
        values,
        common,
        ..
    } = a;
    let output = fill_file::Output {
        path: a.output,
        in_place: a.in_place,
        backup: a.backup,
    };
    output.refuse_inputs(
        &template,
        values.schema.as_deref(),
        values.values.as_deref(),
    )?;
    let values = match a.ask {
        true => ask::ask(&template, values, common.input.encoding, stderr, err_paint)?,
        false => values,
    };
    let done = fill_file::fill(&fill_file::Job {
        template: template.clone(),
        schema: values.schema.expect("--schema or --ask"),
        values: values.values,
        sets: values.sets,
        skip_unknown: values.skip_unknown,
        encoding: common.input.encoding,
        output_encoding: a.output_encoding,
        options: xfill::fill::Options {
            mark: a.unfilled.mark,
        },
    })?;
    files::write_output::<Failure>(output.target(&template)?.as_deref(), &done.bytes, stdout)?;
    if a.diff {
        let (mut w, paint): (&mut dyn Write, _) = match output.path {
            Some(_) => (&mut stdout, out_paint),
            None => (&mut stderr, err_paint),
        };
        let (hunks, out_name) = (done.diff(), output.shown());
        report::human::diff(&mut w, &done.name, &out_name, &hunks, a.full_lines, paint)?;
    }
    report::filled(stderr, &done.findings(), common.format, err_paint)?;
    Ok(exit::of(done.is_complete()))
}

/// `xfill check`: one document's full report, or a list over several files and folders.
fn check(
    a: CheckArgs,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
    (out_paint, err_paint): (Paint, Paint),
) -> Result<i32, Failure> {
    let given = check::Given::read(a.schema.as_deref(), a.values.as_deref(), &a.sets)?;
    // JSON is always a list.
    let single = check::is_single(&a.files);
    let style = report::Style::of(a.common.format, a.brief, single);
    let rendered = given.rendered(a.common.input.encoding, style, out_paint);
    if single {
        let (clean, report) = rendered.file(&a.files[0])?;
        report::check_one(stdout, &report, style)?;
        stdout.flush()?;
        return Ok(exit::of(clean));
    }
    // Each document is checked in the walk's threads (10,000 files: see the README's
    // performance section); the reports come out in the walk's sorted order. A clean
    // document shows nothing (unless --verbose or JSON): it is only counted.
    let (checked, unlisted) = rendered.walk(&a.files, a.ignore_files, a.verbose);
    let paints = (out_paint, err_paint);
    let counts = report::check_list(stdout, stderr, checked, unlisted, style, a.verbose, paints)?;
    stdout.flush()?;
    Ok(match counts.all_checked() {
        true => exit::of(counts.left == 0),
        false => exit::ERROR,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definition_is_valid() {
        Cli::command().debug_assert();
    }

    /// In an 80-column terminal, every line of every examples section is shown as written:
    /// none is wrapped in the middle of a command (long ones continue with `\`).
    #[test]
    fn help_examples_are_not_wrapped_at_80_columns() {
        let mut main = Cli::command().term_width(80);
        let mut commands = vec![main.clone()];
        commands.extend(main.get_subcommands_mut().map(|c| c.clone().term_width(80)));
        for mut command in commands {
            let after = command
                .get_after_help()
                .map(|a| a.to_string())
                .unwrap_or_default();
            let help = command.render_help().to_string();
            // Example lines are indented; prose may wrap.
            for line in after.lines().filter(|l| l.starts_with("  ")) {
                assert!(
                    help.lines().any(|shown| shown == line),
                    "`xfill {} --help` wraps this line at 80 columns:\n{line}",
                    command.get_name()
                );
            }
        }
    }
}

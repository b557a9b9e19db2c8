//! `extract` and `diff`: the commands that compare versions of a document.

use std::io::Write;
use std::path::{Path, PathBuf};

use xfill::extract::{self, FieldValues, Recovery, Reference};
use xfill::report::{self, Extraction, Paint};

use super::{Common, DiffArgs, ExtractArgs, Failure, exit, files};

/// The template at `path`, read with the schema at `schema` (or the fields `init` would
/// draft).
fn template(path: &Path, schema: Option<&PathBuf>, common: &Common) -> Result<Reference, Failure> {
    let given = schema.map(|p| files::read_schema(p)).transpose()?;
    let (name, doc) = files::read_text(path, common.input.encoding)?;
    Ok(Reference::new(name, doc, given)?)
}

/// `xfill extract TEMPLATE FILLED`.
pub fn run_extract(
    args: &ExtractArgs,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
    err_paint: Paint,
) -> Result<i32, Failure> {
    let common = &args.common;
    files::one_stdin(
        &args.template,
        &args.filled,
        "the template and the filled document",
    )?;
    let inputs = [
        Some(args.template.as_path()),
        Some(args.filled.as_path()),
        args.schema.as_deref(),
    ];
    files::refuse_input_as_output(args.output.as_deref(), &inputs)?;
    let t = template(&args.template, args.schema.as_ref(), common)?;
    let (filled_name, filled) = files::read_text(&args.filled, common.input.encoding)?;
    if t.slots.is_empty() {
        return Err(extract::no_slots(&t.name, &filled_name, &filled).into());
    }
    let (recovered, fields) = recover(&t, &filled);
    let x = Extraction::of(&t, &filled_name, &recovered, &fields);
    files::write_output_with::<Failure>(args.output.as_deref(), stdout, |out| {
        report::versions::values(out, &x, common.format, t.drafted)
    })?;
    report::versions::review(stderr, &x, common.format, err_paint)?;
    Ok(exit::of(x.is_complete() && !x.nothing_filled()))
}

/// `xfill diff OLD NEW`.
pub fn run_diff(
    args: &DiffArgs,
    stdout: &mut impl Write,
    out_paint: Paint,
) -> Result<i32, Failure> {
    let common = &args.common;
    files::one_stdin(&args.old, &args.new, "OLD and NEW")?;
    let schema = args.schema.as_ref();
    let (new_name, new) = files::read_text(&args.new, common.input.encoding)?;
    let old = template(&args.old, schema, common)?;
    let hunks = xfill::diff::diff(&old.text, &new, args.context);
    let (recovered, fields) = recover(&old, &new);
    let slots = Extraction::of(&old, &new_name, &recovered, &fields);
    let changed = match &args.template {
        // The fields whose values differ between the two versions.
        Some(t) => template(t, schema, common)?.changes(&old.text, &new),
        None => Vec::new(),
    };
    let names = (old.name.as_str(), new_name.as_str());
    let (format, full_lines) = (common.format, args.full_lines);
    let slots = (&slots, changed.as_slice());
    report::versions::diff(stdout, format, names, &hunks, slots, full_lines, out_paint)?;
    stdout.flush()?;
    Ok(exit::of(*old.text == *new))
}

/// What each slot of `t` became in `filled`, and each field's value.
fn recover(t: &Reference, filled: &str) -> (Vec<Recovery>, FieldValues) {
    let recovered = extract::extract(&t.text, &t.slots, filled);
    let fields = extract::by_field(&t.schema, &t.bindings, &t.text, &t.slots, &recovered);
    (recovered, fields)
}

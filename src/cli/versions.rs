//! `extract` and `diff`: the commands that compare versions of a document.

use std::io::Write;

use xfill::extract::{Compared, Extracted};
use xfill::report::{self, Paint};

use super::{DiffArgs, ExtractArgs, Failure, exit, files};

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
    let (schema, encoding) = (args.schema.as_deref(), common.input.encoding);
    let extracted = Extracted::read(&args.template, &args.filled, schema, encoding)?;
    let x = extracted.extraction();
    let drafted = extracted.template.drafted;
    files::write_output_with::<Failure>(args.output.as_deref(), stdout, |out| {
        report::versions::values(out, &x, common.format, drafted)
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
    let (schema, template) = (args.schema.as_deref(), args.template.as_deref());
    let (encoding, context) = (common.input.encoding, args.context);
    let c = Compared::read(&args.old, &args.new, schema, template, encoding, context)?;
    let v = &c.versions;
    let names = (v.template.name.as_str(), v.filled_name.as_str());
    let (format, full_lines) = (common.format, args.full_lines);
    let slots = (&v.extraction(), c.changed.as_slice());
    report::versions::diff(
        stdout, format, names, &c.hunks, slots, full_lines, out_paint,
    )?;
    stdout.flush()?;
    Ok(exit::of(c.same()))
}

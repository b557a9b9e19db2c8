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
    let (schema, encoding) = (args.schema.as_deref(), common.input.encoding);
    let (template, filled, output) = (&args.template, &args.filled, args.output.as_deref());
    let extracted = Extracted::read(template, filled, schema, output, encoding)?;
    let x = extracted.extraction();
    let drafted = extracted.template.drafted;
    files::write_output_with::<Failure>(output, stdout, |out| {
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

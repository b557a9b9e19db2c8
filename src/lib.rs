//! xfill: fill Chinese templates whose specifics were replaced by X.
//!
//! The front door is [`template::Template`]: a template's text and its schema, ready to fill,
//! check and extract. The flow behind it, one module per step: [`encoding`] decodes bytes
//! into a [`encoding::Document`]; [`scan`] finds its slots; [`schema`] parses the YAML
//! schema (or [`schema::init`] drafts one); [`bind`] maps slots to fields through anchors;
//! [`values`] checks the values; [`fill`] writes them in; [`report`] renders what remains;
//! [`diff`] compares texts. [`files`] reads inputs (capped) and writes outputs safely;
//! [`batch`] fills one copy per row of a [`rows`] file. A command of the CLI is one call
//! each: [`fill_file`] fills one template file, [`check`] checks documents and the folders
//! that hold them, [`draft`] makes the schema file `init` writes (from the files
//! [`init_file`] reads), [`ask`] prepares what `fill --ask` asks, [`extract`] reads a filled
//! document against its template (`extract`, `diff`).
//!
//! ```
//! use xfill::{fill, schema::Schema, template::Template};
//!
//! let text = "现将X上半年工作总结如下：\n党员干部分为X个组。\nX光检查照常。\n";
//! let schema = Schema::parse(
//!     "version: 1\nfields:\n  单位:\n    anchors: [现将X上半年]\n  组数:\n    type: integer\n    anchors: [分为X个组]\n",
//!     "schema.yaml",
//! )?;
//! let template = Template::new(text, &schema, "report.txt")?;
//! assert_eq!(template.slots().len(), 2); // the X of X光 is a word, not a slot
//!
//! let values = template.values(None, &[("单位", "县经信局"), ("组数", "4")])?;
//! let filled = template.fill(&values, fill::Options::default());
//! assert_eq!(filled.text, "现将县经信局上半年工作总结如下：\n党员干部分为4个组。\nX光检查照常。\n");
//! assert_eq!(filled.remaining(), 0);
//! # Ok::<(), xfill::error::Error>(())
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![deny(missing_docs)]
// Errors carry the place and text they report; they are built once, on the way out, so their
// size costs nothing that matters.
#![allow(clippy::result_large_err)]

/// The most bytes xfill reads from one input (a template, schema, values or rows file,
/// standard input), and the most a .docx may inflate to, unless raised (`--max-size`):
/// 256 MB.
pub const DEFAULT_MAX_SIZE: u64 = 256 << 20;

pub mod ask;
pub mod batch;
pub mod bind;
pub mod check;
pub mod date;
pub mod diff;
pub mod docx;
pub mod draft;
pub mod encoding;
pub mod error;
pub mod extract;
pub mod files;
pub mod fill;
pub mod fill_file;
#[doc(hidden)]
pub mod fuzzing;
pub mod init_file;
mod numeral;
pub mod questions;
pub mod report;
pub mod rows;
pub mod scan;
pub mod schema;
pub mod span;
pub mod template;
pub mod values;
mod yaml;

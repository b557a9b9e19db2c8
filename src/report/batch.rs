//! What `xfill batch` shows while it runs: notices and the summary on one writer (people's),
//! `--format json` on the other (machines'), and a progress bar the caller makes. The run
//! itself (planning, filling, writing, counting) is [`crate::batch`]'s; the lines are
//! [`super::human`]'s and [`super::json`]'s.

use std::io::{self, Write};
use std::marker::PhantomData;
use std::path::Path;

use indicatif::ProgressBar;

use super::{Format, Paint};
use crate::batch::{Done, Notice, Observer, Outcome, Start, Tally};
use crate::error::Error;

/// An [`Observer`] of a batch run that writes what it says: notices to `stderr` as they
/// come, the JSON lines of `--format json` to `stdout`, and (from [`Printer::end`]) the
/// summary. `F` is the caller's error type, which the run's errors and I/O errors become.
pub struct Printer<'a, O, E, F> {
    stdout: &'a mut O,
    stderr: &'a mut E,
    paint: Paint,
    json: bool,
    out_dir: &'a Path,
    new_bar: fn(usize) -> ProgressBar,
    bar: ProgressBar,
    error: PhantomData<fn() -> F>,
}

impl<'a, O: Write, E: Write, F> Printer<'a, O, E, F> {
    /// A printer of a run into `out_dir`, in `format`; `paint` colours `stderr`. When the
    /// rows are planned, `new_bar` makes the progress bar for their number (a hidden one
    /// where there is no terminal to draw on).
    pub fn new(
        (stdout, stderr): (&'a mut O, &'a mut E),
        format: Format,
        out_dir: &'a Path,
        paint: Paint,
        new_bar: fn(usize) -> ProgressBar,
    ) -> Self {
        Printer {
            stdout,
            stderr,
            paint,
            json: format == Format::Json,
            out_dir,
            new_bar,
            bar: ProgressBar::hidden(),
            error: PhantomData,
        }
    }

    /// Writes how the run ended: the JSON totals (`--format json`), then the summary.
    pub fn end(self, outcome: &Outcome) -> io::Result<()> {
        if self.json {
            super::json::batch_end(self.stdout, &outcome.tally.totals)?;
            self.stdout.flush()?;
        }
        super::human::batch_summary(self.stderr, outcome, self.out_dir, self.paint)
    }
}

impl<O: Write, E: Write, F: From<Error> + From<io::Error>> Observer for Printer<'_, O, E, F> {
    type Error = F;

    fn notice(&mut self, notice: &Notice) -> Result<(), F> {
        super::human::batch_notice(self.stderr, notice, self.paint)?;
        Ok(())
    }

    fn start(&mut self, start: &Start) -> Result<(), F> {
        if self.json {
            super::json::batch_start(self.stdout, start)?;
        }
        // The notices go out before the bar starts drawing under them.
        self.stderr.flush()?;
        self.bar = (self.new_bar)(start.rows);
        Ok(())
    }

    fn progress(&mut self, rows: usize) {
        self.bar.inc(rows as u64);
    }

    fn row(&mut self, done: &Done, tally: &Tally) -> Result<(), F> {
        if self.json {
            let first = tally.totals.total == 1;
            super::json::batch_row(self.stdout, done, first, self.out_dir)?;
        }
        Ok(())
    }

    fn finish(&mut self) {
        self.bar.finish_and_clear();
    }
}

//! A finished document: which of its X are still slots. A value that itself holds X
//! ("XX科技", a model `X`) is data, but only where its field stands — between the text of one
//! of its field's anchors — never anywhere else in the document. Without a schema, a value is
//! data only where it is written whole and has more than X in it. Also the documents a check
//! reads: the files named, and the documents found in the folders named, each checked as the
//! walk finds it ([`walk`]).
//! Rendering the result is `report`'s business; [`Rendered`] hands it each document's
//! findings, one report per document.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use crate::bind::{self, AnchorRef};
use crate::encoding::Encoding;
use crate::error::Error;
use crate::fill::Outcome;
use crate::report::{self, Findings, Paint, Style};
use crate::scan::Slot;
use crate::schema::Schema;
use crate::span::Span;

/// What a check finds in a document: the slots left, each one's outcome (the field it
/// misses, or none claims it), and, with a schema, the anchors whose text is gone.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The slots left, in text order.
    pub slots: Vec<Slot>,
    /// One outcome per slot.
    pub outcomes: Vec<Outcome>,
    /// Anchors of the schema that match no slot and whose text is gone (drift).
    pub stale: Vec<AnchorRef>,
}

/// Checks `text` (named `file` in errors): its slots left (see [`slots`]), the field each
/// belongs to and, with a schema, its drift. A slot two fields claim is an error.
pub fn document(
    text: &str,
    schema: Option<&Schema>,
    data: &[Datum],
    file: &str,
) -> Result<Checked, Error> {
    let slots = slots(text, schema, data);
    // Without a schema no field claims a slot, and no anchor can drift.
    let Some(schema) = schema else {
        return Ok(Checked {
            outcomes: vec![Outcome::Unmapped; slots.len()],
            slots,
            stale: Vec::new(),
        });
    };
    let bindings = bind::bind(schema, text, &slots);
    bindings.conflicts(schema, text, &slots, file)?;
    let outcomes = bindings
        .field_of
        .iter()
        .map(|f| f.map_or(Outcome::Unmapped, |field| Outcome::Missing { field }))
        .collect();
    let stale = bind::drift(schema, text, &bindings.stale);
    Ok(Checked {
        slots,
        outcomes,
        stale,
    })
}

/// Reads and checks the document at `path` (`-` is standard input; `forced` its encoding, else
/// guessed), as [`document`] does, and hands `f` the findings.
pub fn file<R>(
    path: &Path,
    schema: Option<&Schema>,
    data: &[Datum],
    forced: Option<Encoding>,
    f: impl FnOnce(&Findings) -> R,
) -> Result<R, Error> {
    crate::files::with_text(path, forced, |name, text| {
        let checked = document(text, schema, data, name)?;
        Ok(f(&checked.findings(name, text, schema)))
    })?
}

/// A document checked and rendered: whether it is clean (no slots left, no drift), and its
/// report.
pub type Report = (bool, Vec<u8>);

/// How documents are checked and their findings rendered, one report per document: the
/// schema and the values the check is given, the documents' encoding, and how each report
/// is written.
#[derive(Debug, Clone, Copy)]
pub struct Rendered<'a> {
    /// The schema, if given.
    pub schema: Option<&'a Schema>,
    /// The values given (see [`data`]).
    pub data: &'a [Datum],
    /// The documents' encoding; guessed when `None`.
    pub encoding: Option<Encoding>,
    /// How each document's findings are written (see [`report::checked`]).
    pub style: Style,
    /// The colours of the reports.
    pub paint: Paint,
}

impl Rendered<'_> {
    /// Checks the document at `path` as [`file()`] does: whether it is clean, and its report.
    pub fn file(&self, path: &Path) -> Result<Report, Error> {
        let mut out = Vec::new();
        let clean = file(path, self.schema, self.data, self.encoding, |f| {
            report::checked(&mut out, f, self.style, self.paint).map(|()| f.is_clean())
        })?;
        Ok((clean.expect("writing into memory does not fail"), out))
    }

    /// Checks the documents of `files` as [`walk`] does, each as [`Rendered::file`] does, and
    /// returns their reports in the walk's order with how many clean documents showed
    /// nothing and were only counted (with `verbose`, none: each clean one is listed).
    pub fn walk(
        &self,
        files: &[PathBuf],
        ignore_files: bool,
        verbose: bool,
    ) -> (Vec<Walked<Report>>, usize) {
        let (checked, unlisted) = walk(files, ignore_files, |file| match self.file(file) {
            Ok((true, out)) if out.is_empty() && !verbose => None,
            result => Some(result),
        });
        let checked = checked.into_iter();
        let checked = checked.map(|item| item.and_then(|(path, result)| Ok((path, result?))));
        (checked.collect(), unlisted)
    }
}

impl Checked {
    /// The findings to render, for the document `file` whose text is `text`.
    pub fn findings<'a>(
        &'a self,
        file: &'a str,
        text: &'a str,
        schema: Option<&'a Schema>,
    ) -> Findings<'a> {
        Findings {
            file,
            text,
            slots: &self.slots,
            outcomes: &self.outcomes,
            schema,
            stale: &self.stale,
            skipped: &[],
        }
    }
}

/// What a check is given besides its documents, read once for all of them: the schema and
/// the values (see [`data`]).
#[derive(Debug, Clone)]
pub struct Given {
    /// The schema, if given.
    pub schema: Option<Schema>,
    /// The values given.
    pub data: Vec<Datum>,
}

impl Given {
    /// Reads the schema at `schema`, if any, then the values of the values file `values` and
    /// `sets` (`field=value`), as [`data`] takes them.
    pub fn read(
        schema: Option<&Path>,
        values: Option<&Path>,
        sets: &[String],
    ) -> Result<Given, Error> {
        let schema = schema.map(crate::files::read_schema).transpose()?;
        let data = data(schema.as_ref(), values, sets)?;
        Ok(Given { schema, data })
    }

    /// How documents are checked with what was given, their `encoding` forced (else guessed),
    /// and their reports written in `style` with `paint`.
    pub fn rendered(&self, encoding: Option<Encoding>, style: Style, paint: Paint) -> Rendered<'_> {
        Rendered {
            schema: self.schema.as_ref(),
            data: &self.data,
            encoding,
            style,
            paint,
        }
    }
}

/// A value given for a check: its field (when a schema names it) and its text as filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Datum {
    /// The field the value belongs to, if known.
    pub field: Option<String>,
    /// The value as it was written into the document.
    pub value: String,
}

/// The values a check is given: with a schema, the values file `values` (if any) and `sets`
/// (`field=value`), each with its field; without one, every scalar of the values file,
/// field unknown.
pub fn data(
    schema: Option<&Schema>,
    values: Option<&Path>,
    sets: &[String],
) -> Result<Vec<Datum>, Error> {
    Ok(match schema {
        Some(schema) => crate::values::load(schema, values, sets, false)?
            .iter()
            .map(|(field, v)| Datum {
                field: Some(field.clone()),
                value: v.text.clone(),
            })
            .collect(),
        None => match values {
            Some(path) => {
                let (name, doc) = crate::files::read_document(path, None)?;
                crate::values::scalars(&doc.text, &name)?
                    .into_iter()
                    .map(|value| Datum { field: None, value })
                    .collect()
            }
            None => Vec::new(),
        },
    })
}

/// Whether a check of `files` is of one document, reported in full: one file named, not a
/// folder. A folder or several files get a list (the files with slots left, one line per
/// slot, then a summary).
pub fn is_single(files: &[PathBuf]) -> bool {
    matches!(files, [file] if !file.is_dir())
}

/// The extensions of the documents a check looks for in folders.
pub const CHECKED: [&str; 5] = ["txt", "text", "md", "markdown", "docx"];

/// Whether a check reads `path` when it is found in a folder: its extension is one of
/// [`CHECKED`], in any case.
pub fn is_checked(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| CHECKED.iter().any(|c| e.eq_ignore_ascii_case(c)))
}

/// A document a walk checked, with its path; or what went wrong.
pub type Walked<R> = Result<(PathBuf, R), Error>;

/// Checks the documents of `files` with `check`, in the walker's threads: each file named
/// (whatever its name), and in each folder named, the text files (.txt, .text, .md,
/// .markdown, .docx) that are not hidden nor ignored, each checked as the walk finds it.
/// As ripgrep does, .gitignore (and git's exclude files) count only inside a git work tree;
/// .ignore files only with `ignore_files`. The results come in the order of `files`, a
/// folder's documents sorted by path ([`path_order`]), then the folder's walk errors. A folder
/// in which nothing is left to check is an error that says why: a check that checked nothing
/// must not pass. A document `check` answers `None` for (nothing to show) is only counted:
/// the count comes second.
///
/// One pool, the walker's: checking after the walk on a second pool cost the same (10,000
/// files of about 5 KB: 90-105 ms of CPU either way, `rg -c X` 71-83 ms, medians of perf stat
/// runs on 2 cores), and kept the list of paths between the two.
pub fn walk<R: Send>(
    files: &[PathBuf],
    ignore_files: bool,
    check: impl Fn(&Path) -> Option<R> + Sync,
) -> (Vec<Walked<R>>, usize) {
    let folders: Vec<bool> = files.iter().map(|f| f.is_dir()).collect();
    // The files named go through one parallel walk, as its roots; standard input and any
    // file the walk could not look at are checked here, where the check says why.
    let named: Vec<&PathBuf> = files
        .iter()
        .zip(&folders)
        .filter(|&(f, &folder)| !folder && f.as_os_str() != "-")
        .map(|(f, _)| f)
        .collect();
    let mut done: HashMap<PathBuf, Vec<Option<R>>> = HashMap::new();
    if let Some((first, rest)) = named.split_first() {
        let mut walk = ignore::WalkBuilder::new(first);
        for file in rest {
            walk.add(file);
        }
        let found = Mutex::new(Vec::new());
        walk.build_parallel().run(|| {
            Box::new(|entry| {
                if let Ok(entry) = entry {
                    let result = check(entry.path());
                    let mut found = found.lock().expect("no panic while holding it");
                    found.push((entry.into_path(), result));
                }
                ignore::WalkState::Continue
            })
        });
        for (path, result) in found.into_inner().expect("no panic while holding it") {
            done.entry(path).or_default().push(result);
        }
    }
    let mut results = Vec::new();
    let mut unlisted = 0;
    for (file, folder) in files.iter().zip(folders) {
        if folder {
            unlisted += walk_folder(file, ignore_files, &check, &mut results);
        } else {
            let result = done.get_mut(file).and_then(Vec::pop);
            match result.unwrap_or_else(|| check(file)) {
                Some(result) => results.push(Ok((file.clone(), result))),
                None => unlisted += 1,
            }
        }
    }
    (results, unlisted)
}

/// Puts the documents of `folder`, each checked by `check` in the walker's threads, into
/// `results`, sorted by path; then the walk's errors, or the error that nothing was found to
/// check. Returns how many documents `check` answered `None` for.
fn walk_folder<R: Send>(
    folder: &Path,
    ignore_files: bool,
    check: &(impl Fn(&Path) -> Option<R> + Sync),
    results: &mut Vec<Walked<R>>,
) -> usize {
    let found = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    let unlisted = AtomicUsize::new(0);
    ignore::WalkBuilder::new(folder)
        .require_git(true)
        .ignore(ignore_files)
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                match entry {
                    Ok(entry)
                        if is_checked(entry.path())
                            && entry.file_type().is_some_and(|t| t.is_file()) =>
                    {
                        match check(entry.path()) {
                            Some(result) => {
                                let mut found = found.lock().expect("no panic while holding it");
                                found.push((entry.into_path(), result));
                            }
                            None => {
                                unlisted.fetch_add(1, AtomicOrdering::Relaxed);
                            }
                        }
                    }
                    Ok(_) => {}
                    Err(e) => {
                        let mut errors = errors.lock().expect("no panic while holding it");
                        errors.push(e.to_string());
                    }
                }
                ignore::WalkState::Continue
            })
        });
    let mut found = found.into_inner().expect("no panic while holding it");
    let errors = errors.into_inner().expect("no panic while holding it");
    let unlisted = unlisted.into_inner();
    // A walk yields each path once: no two are equal.
    found.sort_unstable_by(|a, b| path_order(&a.0, &b.0));
    if found.is_empty() && errors.is_empty() && unlisted == 0 {
        results.push(Err(nothing_to_check(folder)));
        return 0;
    }
    results.extend(found.into_iter().map(Ok));
    results.extend(errors.into_iter().map(|e| {
        Err(Error::Read {
            path: folder.display().to_string(),
            source: std::io::Error::other(e),
        })
    }));
    unlisted
}

/// The order of a sorted walk, which compares paths component by component, taken byte by
/// byte without splitting them: a separator sorts below every other byte, so that `a/b` comes
/// before `a-b` (the component `a` before `a-b`), and the other bytes keep their order.
pub fn path_order(a: &Path, b: &Path) -> Ordering {
    fn key(byte: u8) -> u8 {
        match byte {
            _ if std::path::is_separator(char::from(byte)) => 0,
            // Moved up one to make room below: `/` left its place free.
            0..b'/' => byte + 1,
            _ => byte,
        }
    }
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    match a.iter().zip(b).position(|(x, y)| x != y) {
        Some(i) => key(a[i]).cmp(&key(b[i])),
        None => a.len().cmp(&b.len()),
    }
}

/// Why a folder gave a check nothing to read: it holds no file, or no document of a checked
/// kind, or every document in it is hidden or ignored.
fn nothing_to_check(folder: &Path) -> Error {
    let (mut files, mut documents) = (0, 0);
    let all = ignore::WalkBuilder::new(folder)
        .standard_filters(false)
        .build()
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()));
    for entry in all {
        files += 1;
        if is_checked(entry.path()) {
            documents += 1;
            break;
        }
    }
    let named = "name the documents to check on the command line (a file named is checked \
                 whatever its name)";
    let (why, help) = if files == 0 {
        ("the folder holds no files".to_string(), named.to_string())
    } else if documents == 0 {
        (
            "it holds no .txt, .text, .md, .markdown or .docx file".to_string(),
            named.to_string(),
        )
    } else {
        (
            "every .txt, .text, .md, .markdown and .docx file in it is hidden or ignored \
             (by .gitignore inside a git work tree, or by .ignore with --ignore-files)"
                .to_string(),
            named.to_string(),
        )
    };
    Error::NothingToCheck {
        path: folder.display().to_string(),
        why,
        help,
    }
}

fn is_x(c: char) -> bool {
    matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ' | '×')
}

/// The slots of `text` (scanned with `schema`'s scanner, or the built-in one) that are not
/// part of a value in `data`.
pub fn slots(text: &str, schema: Option<&Schema>, data: &[Datum]) -> Vec<Slot> {
    // Most finished documents hold no mark at all: then the built-in scanner finds nothing,
    // and one look for the marks is all they cost.
    if schema.is_none_or(|s| s.scanner().is_builtin()) && !crate::scan::has_mark(text) {
        return Vec::new();
    }
    let found = match schema {
        Some(schema) => schema.scanner().scan(text),
        None => crate::scan::scan(text),
    };
    let spans = merged(data_spans(text, schema, data));
    if spans.is_empty() {
        return found;
    }
    found
        .into_iter()
        .filter(|slot| {
            // The last stretch of data that starts at or before the slot.
            let i = spans.partition_point(|s| s.start <= slot.span().start);
            i == 0 || spans[i - 1].end < slot.span().end
        })
        .collect()
}

/// `spans` sorted and joined where they overlap or touch: disjoint stretches of data.
fn merged(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match out.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => out.push(span),
        }
    }
    out
}

/// Where the values that hold X stand in `text`: each found as its field's anchor would read
/// filled (the anchor's prefix, the value, its suffix), or, without a field's anchors, written
/// whole with something besides X in it. One substring search per anchor: linear in the text.
fn data_spans(text: &str, schema: Option<&Schema>, data: &[Datum]) -> Vec<Span> {
    let mut spans = Vec::new();
    for datum in data.iter().filter(|d| d.value.contains(is_x)) {
        let field = schema
            .zip(datum.field.as_ref())
            .and_then(|(s, f)| s.fields.get(f));
        match field.filter(|f| !f.anchors.is_empty()) {
            Some(field) => {
                for anchor in &field.anchors {
                    let written = format!("{}{}{}", anchor.prefix(), datum.value, anchor.suffix());
                    for at in memchr::memmem::find_iter(text.as_bytes(), written.as_bytes()) {
                        let start = at + anchor.prefix().len();
                        spans.push(Span::new(start, start + datum.value.len()));
                    }
                }
            }
            // A value of X alone ("X", "XX") cannot be told from a slot without its place.
            None if datum.value.chars().any(|c| !is_x(c) && !c.is_whitespace()) => {
                let value = datum.value.as_bytes();
                for at in memchr::memmem::find_iter(text.as_bytes(), value) {
                    spans.push(Span::new(at, at + value.len()));
                }
            }
            None => {}
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendered_reports_each_document_and_counts_the_clean_ones() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("left.txt"), "共X户。\n").unwrap();
        std::fs::write(dir.path().join("done.txt"), "共3户。\n").unwrap();
        let rendered = Rendered {
            schema: None,
            data: &[],
            encoding: None,
            style: Style::Brief,
            paint: Paint::new(false),
        };
        let (clean, report) = rendered.file(&dir.path().join("left.txt")).unwrap();
        assert!(!clean);
        assert!(String::from_utf8(report).unwrap().contains("left.txt:1:2"));
        let (clean, report) = rendered.file(&dir.path().join("done.txt")).unwrap();
        assert!(clean && report.is_empty());

        let files = [dir.path().to_path_buf()];
        let (listed, unlisted) = rendered.walk(&files, false, false);
        assert_eq!((listed.len(), unlisted), (1, 1));
        let (listed, unlisted) = rendered.walk(&files, false, true);
        assert_eq!((listed.len(), unlisted), (2, 0));
    }

    #[test]
    fn given_reads_the_schema_and_the_values_once() {
        let dir = tempfile::tempdir().unwrap();
        let values = dir.path().join("v.yaml");
        std::fs::write(&values, "公司: XX科技\n").unwrap();
        let given = Given::read(None, Some(&values), &[]).unwrap();
        assert!(given.schema.is_none());
        assert_eq!(given.data.len(), 1);
        assert_eq!(given.data[0].value, "XX科技");
        let rendered = given.rendered(None, Style::Brief, Paint::new(false));
        assert_eq!(rendered.data, given.data.as_slice());
        assert!(Given::read(Some(&dir.path().join("none.yaml")), None, &[]).is_err());
    }

    #[test]
    fn one_file_is_reported_in_full_and_a_folder_or_several_files_listed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.txt");
        std::fs::write(&file, "共X户。\n").unwrap();
        assert!(is_single(std::slice::from_ref(&file)));
        assert!(!is_single(&[dir.path().to_path_buf()]));
        assert!(!is_single(&[file.clone(), file]));
    }

    fn walked(files: &[PathBuf]) -> Vec<Result<PathBuf, Error>> {
        let (found, unlisted) = walk(files, false, |path| Some(path.to_path_buf()));
        assert_eq!(unlisted, 0);
        found
            .into_iter()
            .map(|r| {
                r.map(|(path, checked)| {
                    assert_eq!(path, checked, "each path is checked as itself");
                    path
                })
            })
            .collect()
    }

    #[test]
    fn a_folder_gives_its_documents_sorted_and_a_named_file_itself() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.txt", "a.MD", "c.rs", ".hidden.txt"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let found: Vec<PathBuf> = walked(&[dir.path().to_path_buf()])
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(found, [dir.path().join("a.MD"), dir.path().join("b.txt")]);
        let named = dir.path().join("c.rs");
        let missing = dir.path().join("missing.txt");
        let files = [named.clone(), missing.clone(), named.clone()];
        let found: Vec<PathBuf> = walked(&files).into_iter().map(Result::unwrap).collect();
        assert_eq!(
            found, files,
            "named files in the order given, each as often as named"
        );
    }

    #[test]
    fn has_mark_finds_each_mark_and_nothing_else() {
        for text in [
            "",
            "分为个组",
            "÷ Ｙ ｙ ，。（） é",
            "XX",
            "分x组",
            "分Ｘ组",
            "分ｘ组",
            "3×4",
            "终X",
        ] {
            assert_eq!(crate::scan::has_mark(text), text.contains(is_x), "{text}");
        }
    }

    /// A schema's own patterns find slots in a document without a single X.
    #[test]
    fn a_schema_pattern_is_looked_for_without_marks() {
        let schema = Schema::parse(
            "version: 1\npatterns: ['_{3,}']\nfields:\n  单位:\n    anchors: [由X党委]\n",
            "s.yaml",
        )
        .unwrap();
        assert_eq!(texts("由___党委负责。", Some(&schema), &[]), ["___@2"]);
        assert!(texts("由___党委负责。", None, &[]).is_empty());
    }

    /// What `check` has nothing to show for is counted, not listed; a folder of such
    /// documents is no folder with nothing to check.
    #[test]
    fn documents_with_nothing_to_show_are_counted() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.txt", "b.txt", "c.md"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let named = dir.path().join("b.txt");
        let files = [dir.path().to_path_buf(), named.clone()];
        let shown = |path: &Path| (path.extension().unwrap() == "md").then(|| path.to_owned());
        let (found, unlisted) = walk(&files, false, shown);
        let found: Vec<PathBuf> = found.into_iter().map(|r| r.unwrap().0).collect();
        assert_eq!(found, [dir.path().join("c.md")]);
        assert_eq!(
            unlisted, 3,
            "a.txt and b.txt in the folder, and b.txt named"
        );
        let (found, unlisted) = walk(&files[..1], false, |_| None::<()>);
        assert!(found.is_empty());
        assert_eq!(unlisted, 3);
    }

    #[test]
    fn a_folder_with_nothing_to_check_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("c.rs"), "x").unwrap();
        let found = walked(&[dir.path().to_path_buf()]);
        assert!(matches!(&found[..], [Err(Error::NothingToCheck { .. })]));
    }

    /// Sorted byte by byte with the separator lowest, paths come in the order of their
    /// components: a folder's files before a sibling whose name extends the folder's.
    #[test]
    fn path_order_is_the_order_of_components() {
        let mut paths: Vec<PathBuf> = [
            "t/a0.txt",
            "t/a.b/q.txt",
            "t/a-b.txt",
            "t/a b",
            "t/a-b/y.md",
            "t/a/c.txt",
            "t/a/b/x.txt",
            "t/A.TXT",
            "t/a",
            "t/é.txt",
            "t/z",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let mut by_components = paths.clone();
        by_components.sort();
        paths.sort_by(|a, b| path_order(a, b));
        assert_eq!(paths, by_components);
    }

    const SCHEMA: &str = "version: 1\nfields:\n  型号:\n    anchors: [产品型号为X，]\n  组数:\n    type: integer\n    anchors: [分为X个组]\n  单位:\n    anchors: [由X党委]\n";

    fn texts(text: &str, schema: Option<&Schema>, data: &[(&str, &str)]) -> Vec<String> {
        let data: Vec<Datum> = data
            .iter()
            .map(|(f, v)| Datum {
                field: (!f.is_empty()).then(|| f.to_string()),
                value: v.to_string(),
            })
            .collect();
        slots(text, schema, &data)
            .iter()
            .map(|s| format!("{}@{}", s.text(text), s.position().column))
            .collect()
    }

    /// Issue 12, item 7: a value `X` for one field never hides the X of another.
    #[test]
    fn a_value_of_x_is_data_only_where_its_field_stands() {
        let schema = Schema::parse(SCHEMA, "s.yaml").unwrap();
        let doc = "产品型号为X，分为4个组，由X党委负责。";
        assert_eq!(
            texts(doc, Some(&schema), &[("型号", "X"), ("组数", "4")]),
            ["X@15"]
        );
        // Without the anchors' text around it, the value is no data.
        assert_eq!(texts(doc, Some(&schema), &[("单位", "X")]), ["X@6"]);
    }

    #[test]
    fn without_a_schema_only_a_value_with_more_than_x_is_data() {
        let doc = "XX科技有限公司承建，共X人。";
        assert_eq!(texts(doc, None, &[("", "XX科技")]), ["X@13"]);
        assert_eq!(texts(doc, None, &[("", "X")]), ["XX@1", "X@13"]);
    }

    /// A value of 80,000 X at its place: one search, not one per slot (this took 17 s).
    #[test]
    fn a_long_value_is_found_in_one_pass() {
        let schema = Schema::parse(SCHEMA, "s.yaml").unwrap();
        let value = "X".repeat(80_000);
        let doc = format!("产品型号为{value}，分为X个组。");
        let left = texts(&doc, Some(&schema), &[("型号", &value)]);
        assert_eq!(left.len(), 1, "only the count's slot is left");
    }

    #[test]
    fn overlapping_values_cover_what_either_covers() {
        let doc = "甲XX乙丙XX丁";
        assert_eq!(
            texts(doc, None, &[("", "甲XX乙"), ("", "XX乙丙XX")]),
            Vec::<String>::new()
        );
    }
}

//! The page's JSON API: open a template (from the served folder or uploaded), fill it as the
//! user types, download the result in the template's own format, save the values file and
//! the schema beside the template, check a finished document, compare two versions, fill a
//! table of rows into a .zip. Each handler reads its input, calls the library, and answers.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::Json;
use axum::extract::{Multipart, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;
use xfill::docx::{self, Docx};
use xfill::encoding::{self, Document};
use xfill::error::Error;
use xfill::fill::{self, Outcome};
use xfill::questions;
use xfill::report::{self, Findings, Paint};
use xfill::rows;
use xfill::schema::{self, Schema};
use xfill::template::Template;
use xfill::values::{self, Source};

use super::{AppState, MAX_UPLOAD, refuse};

/// An opened template: its bytes decoded, its schema (beside it, or drafted), and the
/// values file beside it, if any.
pub struct Doc {
    /// The name shown (the path in the served folder, or the uploaded file's name).
    pub name: String,
    /// Where it is in the served folder; `None` for an uploaded file.
    pub path: Option<PathBuf>,
    /// The text.
    pub document: Document,
    /// The Word document, for a .docx.
    pub docx: Option<Docx>,
    /// The schema.
    pub schema: Schema,
    /// Whether the schema was drafted here (no NAME.schema.yaml beside the template).
    pub drafted: bool,
    /// The values file beside the template, as written.
    pub values_text: Option<String>,
}

type Answer = Result<Response, Response>;

fn bad(status: StatusCode, e: &Error) -> Response {
    let mut message = e.to_string();
    for each in e.each().into_iter().filter(|x| !std::ptr::eq(*x, e)) {
        message.push('\n');
        message.push_str(&each.to_string());
    }
    if let Some(help) = e.help() {
        message.push_str(&format!(" ({help})"));
    }
    refuse(status, &message)
}

impl Doc {
    /// Decodes `bytes` named `name`; with `path`, the schema and values beside it are used.
    pub fn load(name: String, bytes: Vec<u8>, path: Option<PathBuf>) -> Result<Doc, Error> {
        let (document, docx) = decode(&name, bytes)?;
        let beside = |what: &str| {
            path.as_ref()
                .map(|p| sibling(p, what))
                .filter(|p| p.is_file())
        };
        // Messages name the files as the page does: by their path in the served folder.
        let shown = |what: &str| {
            let file = format!("{}.{what}", stem(&name));
            match name.rsplit_once('/') {
                Some((dir, _)) => format!("{dir}/{file}"),
                None => file,
            }
        };
        let (schema, drafted) = match beside("schema.yaml") {
            Some(p) => {
                let text = read_text(&p)?;
                (Schema::parse(&text, &shown("schema.yaml"))?, false)
            }
            None => {
                let slots = xfill::scan::scan(&document.text);
                let file = format!("{}.schema.yaml", stem(&name));
                let draft = schema::init(&document.text, &slots, &file);
                (Schema::parse(&draft.to_yaml(), &file)?, true)
            }
        };
        let values_text = beside("values.yaml").map(|p| read_text(&p)).transpose()?;
        Ok(Doc {
            name,
            path,
            document,
            docx,
            schema,
            drafted,
            values_text,
        })
    }

    fn template(&self) -> Result<Template<'_>, Error> {
        Template::new(&self.document.text, &self.schema, &self.name)
    }
}

/// A document's text from its bytes: a Word document (a zip package), or text in any
/// encoding xfill reads.
fn decode(name: &str, bytes: Vec<u8>) -> Result<(Document, Option<Docx>), Error> {
    if bytes.is_empty() {
        return Err(Error::Empty { path: name.into() });
    }
    if docx::is_docx(&bytes) || bytes.starts_with(b"PK\x03\x04") {
        let docx = Docx::open(bytes, name)?;
        return Ok((Document::from_text(docx.text()), Some(docx)));
    }
    Ok((encoding::decode_vec(bytes, name, None)?, None))
}

fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: display(path),
        source,
    })?;
    Ok(encoding::decode_vec(bytes, &display(path), None)?.text)
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// `NAME.what` beside `template` (`summary.schema.yaml` for `summary.txt`).
fn sibling(template: &Path, what: &str) -> PathBuf {
    template.with_file_name(format!(
        "{}.{what}",
        stem(&template.file_name().unwrap_or_default().to_string_lossy())
    ))
}

fn stem(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.rsplit_once('.').map_or(base, |(s, _)| s)
}

/// `relative` inside the served folder, or `None`: absolute paths, `..`, and anything whose
/// real path (symbolic links followed) leaves the folder are refused.
fn inside(root: &Path, relative: &str) -> Option<PathBuf> {
    let rel = Path::new(relative);
    if rel.as_os_str().is_empty()
        || rel
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return None;
    }
    let real = root.join(rel).canonicalize().ok()?;
    (real.starts_with(root) && real.is_file()).then_some(real)
}

/// Whether a file is one the page opens.
fn is_template(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let lower = name.to_lowercase();
    !name.starts_with('.')
        && (lower.ends_with(".txt") || lower.ends_with(".docx"))
        && !lower.ends_with(".filled.txt")
}

/// GET /api/templates: the templates in the served folder and its subfolders (no hidden
/// ones, no symbolic links), by path.
pub async fn templates(State(state): State<Arc<AppState>>) -> Response {
    let mut found = Vec::new();
    let mut stack = vec![state.root.clone()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if kind.is_dir() && !hidden && found.len() < 10_000 {
                stack.push(path);
            } else if kind.is_file()
                && is_template(&path)
                && let Ok(rel) = path.strip_prefix(&state.root)
            {
                found.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    Json(json!({ "templates": found })).into_response()
}

#[derive(Deserialize)]
pub struct OpenRequest {
    path: String,
}

/// POST /api/open `{path}`: a template of the served folder.
pub async fn open(
    State(state): State<Arc<AppState>>,
    Json(request): Json<OpenRequest>,
) -> Response {
    let Some(path) = inside(&state.root, &request.path) else {
        return refuse(
            StatusCode::NOT_FOUND,
            "no such template in the served folder",
        );
    };
    let bytes = match read_capped(&path) {
        Ok(bytes) => bytes,
        Err(response) => return response,
    };
    let name = request.path.replace('\\', "/");
    opened(&state, Doc::load(name, bytes, Some(path)))
}

fn read_capped(path: &Path) -> Result<Vec<u8>, Response> {
    let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if len > MAX_UPLOAD as u64 {
        return Err(refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "the file is larger than 50 MB",
        ));
    }
    std::fs::read(path).map_err(|source| {
        bad(
            StatusCode::NOT_FOUND,
            &Error::Read {
                path: display(path),
                source,
            },
        )
    })
}

#[derive(Deserialize)]
pub struct NameQuery {
    name: String,
}

/// POST /api/upload?name=FILE with the file as the body: a template from the user's disk.
pub async fn upload(
    State(state): State<Arc<AppState>>,
    Query(query): Query<NameQuery>,
    body: axum::body::Bytes,
) -> Response {
    let name = stem_safe(&query.name);
    opened(&state, Doc::load(name, body.to_vec(), None))
}

/// A file name from the user's disk, without any folder.
fn stem_safe(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name).trim();
    if base.is_empty() {
        "template.txt".into()
    } else {
        base.to_string()
    }
}

fn opened(state: &AppState, doc: Result<Doc, Error>) -> Response {
    let doc = match doc {
        Ok(doc) => doc,
        Err(e) => return bad(StatusCode::UNPROCESSABLE_ENTITY, &e),
    };
    let template = match doc.template() {
        Ok(t) => t,
        Err(e) => return bad(StatusCode::UNPROCESSABLE_ENTITY, &e),
    };
    let view = view(&doc, &template);
    let id = state
        .docs
        .lock()
        .expect("the docs lock is never poisoned")
        .add(doc);
    let mut view = view;
    view["id"] = json!(id);
    Json(view).into_response()
}

/// What the page shows of an opened template: its text cut into plain pieces and slots, the
/// fields in schema order with their controls' settings, and the values already known.
fn view(doc: &Doc, template: &Template) -> serde_json::Value {
    let text = template.text();
    let mut segments = Vec::new();
    let mut last = 0;
    let mut slots = Vec::new();
    for (i, place) in template.places().enumerate() {
        let span = place.slot.span();
        if span.start > last {
            segments.push(json!({ "t": &text[last..span.start] }));
        }
        segments.push(json!({ "s": i, "t": span.of(text) }));
        last = span.end;
        slots.push(json!({
            "id": i,
            "line": place.slot.position().line,
            "column": place.slot.position().column,
            "text": span.of(text),
            "field": place.field.map(|f| f.name.as_str()),
        }));
    }
    if last < text.len() {
        segments.push(json!({ "t": &text[last..] }));
    }
    let mut slots_of: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, place) in template.places().enumerate() {
        if let Some(f) = place.field {
            slots_of.entry(f.name.as_str()).or_default().push(i);
        }
    }
    let fields: Vec<serde_json::Value> = doc
        .schema
        .fields
        .values()
        .map(|f| {
            let extras = f.extras();
            let of = slots_of.get(f.name.as_str()).cloned().unwrap_or_default();
            let all = template.slots();
            let sentence = of
                .first()
                .map(|&s| questions::sentence(text, all[s].span()).to_string());
            // The places the value goes to, for review: the parts of one date are one.
            let places = (0..of.len())
                .filter(|&k| {
                    k == 0
                        || of[k - 1] + 1 != of[k]
                        || !xfill::date::is_next_part(text, &all[of[k] - 1], &all[of[k]])
                })
                .count();
            json!({
                "name": f.name,
                "label": f.label.as_deref().unwrap_or(&f.name),
                "type": f.ty.as_str(),
                "takes": questions::takes(f),
                "min": f.min,
                "max": f.max,
                "choices": extras.choices,
                "default": f.default_text(),
                "slots": of,
                "places": places,
                "sentence": sentence,
            })
        })
        .collect();
    let known = doc.values_text.as_ref().and_then(|text| {
        values::resolve(
            &doc.schema,
            Some(Source {
                text,
                file: "values.yaml",
            }),
            &[],
        )
        .ok()
    });
    let values: BTreeMap<&str, &str> = known
        .iter()
        .flat_map(|v| v.iter())
        .map(|(k, v)| (k.as_str(), v.text.as_str()))
        .collect();
    json!({
        "name": doc.name,
        "format": if doc.docx.is_some() { "docx" } else { "txt" },
        "encoding": doc.document.encoding.name(),
        "drafted": doc.drafted,
        "can_save": doc.path.is_some(),
        "segments": segments,
        "slots": slots,
        "fields": fields,
        "values": values,
    })
}

#[derive(Deserialize)]
pub struct FillRequest {
    doc: String,
    #[serde(default)]
    values: BTreeMap<String, String>,
}

fn doc_of(state: &AppState, id: &str) -> Result<Arc<Doc>, Response> {
    state
        .docs
        .lock()
        .expect("the docs lock is never poisoned")
        .get(id)
        .ok_or_else(|| {
            refuse(
                StatusCode::NOT_FOUND,
                "this document is no longer open: open it again",
            )
        })
}

/// The values of a form: each non-empty one checked alone (so that each field gets its own
/// message), then the good ones together.
struct FormValues {
    values: xfill::values::Values,
    errors: BTreeMap<String, String>,
}

fn form_values(schema: &Schema, raw: &BTreeMap<String, String>) -> FormValues {
    let mut errors = BTreeMap::new();
    let mut good = Vec::new();
    for (field, value) in raw {
        if value.trim().is_empty() {
            continue;
        }
        if !schema.fields.contains_key(field) {
            errors.insert(field.clone(), format!("unknown field `{field}`"));
            continue;
        }
        let set = format!("{field}={value}");
        match values::resolve(schema, None, std::slice::from_ref(&set)) {
            Ok(_) => good.push(set),
            Err(e) => {
                let message = match e.help() {
                    Some(help) => format!("{e} ({help})"),
                    None => e.to_string(),
                };
                errors.insert(field.clone(), message);
            }
        }
    }
    let values = values::resolve(schema, None, &good).unwrap_or_default();
    FormValues { values, errors }
}

#[derive(Serialize)]
struct SlotState<'a> {
    state: &'static str,
    value: Option<&'a str>,
}

/// POST /api/fill `{doc, values}`: each slot's state and value, each field's message, what
/// is left, and the report `fill` prints.
pub async fn fill(State(state): State<Arc<AppState>>, Json(request): Json<FillRequest>) -> Answer {
    let doc = doc_of(&state, &request.doc)?;
    let template = doc
        .template()
        .map_err(|e| bad(StatusCode::UNPROCESSABLE_ENTITY, &e))?;
    let form = form_values(&doc.schema, &request.values);
    let filled = template.fill(&form.values, fill::Options::default());
    let records = template.fillings(&filled);
    let slots: Vec<SlotState> = records
        .iter()
        .map(|r| SlotState {
            state: match (&r.outcome, r.place.field) {
                (Outcome::Filled { .. }, _) => "filled",
                (_, Some(f)) if form.errors.contains_key(&f.name) => "invalid",
                _ => "unfilled",
            },
            value: r.value,
        })
        .collect();
    let left: Vec<serde_json::Value> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| r.outcome.remains())
        .map(|(i, r)| {
            json!({
                "slot": i,
                "field": r.place.field.map(|f| f.name.as_str()),
                "line": r.place.slot.position().line,
                "column": r.place.slot.position().column,
            })
        })
        .collect();
    let findings = Findings {
        file: &doc.name,
        text: template.text(),
        slots: template.slots(),
        outcomes: &filled.outcomes,
        schema: Some(&doc.schema),
        stale: &[],
        skipped: &[],
    };
    let mut report_text = Vec::new();
    report::human::findings(&mut report_text, &findings, true, Paint::new(false))
        .expect("writing to memory does not fail");
    // Values that were refused come first: their slots are among those left.
    let mut refused = String::new();
    for (field, message) in &form.errors {
        refused.push_str(&format!("error: `{field}`: {message}\n"));
    }
    let report_text = refused + &String::from_utf8_lossy(&report_text);
    Ok(Json(json!({
        "slots": slots,
        "errors": form.errors,
        "remaining": filled.remaining(),
        "left": left,
        "report": report_text,
    }))
    .into_response())
}

/// POST /api/download `{doc, values}`: the filled document in the template's own format and
/// encoding (a .docx keeps its formatting), as `fill` writes it. Values that are wrong are
/// left out; the `X-Xfill-Remaining` header says how many slots are left.
pub async fn download(
    State(state): State<Arc<AppState>>,
    Json(request): Json<FillRequest>,
) -> Answer {
    let doc = doc_of(&state, &request.doc)?;
    let template = doc
        .template()
        .map_err(|e| bad(StatusCode::UNPROCESSABLE_ENTITY, &e))?;
    let form = form_values(&doc.schema, &request.values);
    let filled = template.fill(&form.values, fill::Options::default());
    let bytes = match &doc.docx {
        Some(docx) => docx
            .replace(&filled.replacements)
            .map_err(|e| bad(StatusCode::UNPROCESSABLE_ENTITY, &e))?,
        None => filled
            .encode(&doc.document, template.slots(), &doc.schema, None)
            .map_err(|e| bad(StatusCode::UNPROCESSABLE_ENTITY, &e))?,
    };
    let ext = if doc.docx.is_some() { "docx" } else { "txt" };
    let name = format!("{}.filled.{ext}", stem(&doc.name));
    Ok(attachment(bytes, &name, filled.remaining()))
}

fn attachment(bytes: Vec<u8>, name: &str, remaining: usize) -> Response {
    let disposition = format!(
        "attachment; filename=\"download.{}\"; filename*=UTF-8''{}",
        name.rsplit('.').next().unwrap_or("txt"),
        super::percent_encode(name)
    );
    (
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::HeaderName::from_static("x-xfill-remaining"),
                remaining.to_string(),
            ),
        ],
        bytes,
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct SaveRequest {
    doc: String,
    /// `values` or `schema`.
    what: String,
    #[serde(default)]
    values: BTreeMap<String, String>,
    /// New labels, by field name (schema only).
    #[serde(default)]
    labels: BTreeMap<String, String>,
    /// Replace the file if it exists.
    #[serde(default)]
    overwrite: bool,
}

/// POST /api/save: the values file or the schema, beside the template in the served folder,
/// through a temp file and a rename; an existing file is replaced only with `overwrite`.
pub async fn save(State(state): State<Arc<AppState>>, Json(request): Json<SaveRequest>) -> Answer {
    let doc = doc_of(&state, &request.doc)?;
    let Some(path) = &doc.path else {
        return Err(refuse(
            StatusCode::BAD_REQUEST,
            "an uploaded template has no folder to save into: download the file instead",
        ));
    };
    let text = match request.what.as_str() {
        "values" => values_yaml(&doc, &request.values)?,
        "schema" => schema_yaml(&doc, &request.labels)?,
        _ => return Err(refuse(StatusCode::BAD_REQUEST, "save `values` or `schema`")),
    };
    let target = sibling(path, &format!("{}.yaml", request.what));
    if !target.starts_with(&state.root) {
        return Err(refuse(StatusCode::FORBIDDEN, "outside the served folder"));
    }
    if let Ok(meta) = std::fs::symlink_metadata(&target) {
        if !meta.is_file() {
            return Err(refuse(
                StatusCode::CONFLICT,
                "something that is not a plain file is in the way",
            ));
        }
        if !request.overwrite {
            return Err((
                StatusCode::CONFLICT,
                Json(json!({
                    "error": format!("{} exists already", display(target.strip_prefix(&state.root).unwrap_or(&target))),
                    "exists": true,
                })),
            )
                .into_response());
        }
    }
    xfill::files::write(&target, text.as_bytes())
        .map_err(|e| bad(StatusCode::INTERNAL_SERVER_ERROR, &e))?;
    let shown = target
        .strip_prefix(&state.root)
        .map_or_else(|_| display(&target), display);
    Ok(Json(json!({ "saved": shown })).into_response())
}

/// A values file with the form's good values, in schema order.
fn values_yaml(doc: &Doc, raw: &BTreeMap<String, String>) -> Result<String, Response> {
    let form = form_values(&doc.schema, raw);
    if let Some((field, message)) = form.errors.iter().next() {
        return Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!("`{field}`: {message}"),
        ));
    }
    let answers: Vec<(String, String)> = doc
        .schema
        .fields
        .keys()
        .filter_map(|name| {
            raw.get(name)
                .filter(|v| !v.trim().is_empty())
                .map(|v| (name.clone(), v.clone()))
        })
        .collect();
    let header = format!("# Values for {}, saved by `xfill serve`.\n", doc.name);
    Ok(questions::add_answers(&header, &answers))
}

/// The schema with the labels edited in the form.
fn schema_yaml(doc: &Doc, labels: &BTreeMap<String, String>) -> Result<String, Response> {
    let mut schema = doc.schema.clone();
    for (name, label) in labels {
        let Some(field) = schema.fields.get_mut(name) else {
            return Err(refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                &format!("unknown field `{name}`"),
            ));
        };
        let label = label.trim();
        field.label = (!label.is_empty()).then(|| label.to_string());
    }
    Ok(format!(
        "# Schema for {}, saved by `xfill serve`.\n{}",
        doc.name,
        schema.to_yaml()
    ))
}

/// The parts of a multipart upload, by name: (file name, bytes), or text.
async fn parts(mut multipart: Multipart) -> Result<BTreeMap<String, (String, Vec<u8>)>, Response> {
    let mut found = BTreeMap::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| refuse(e.status(), &e.body_text()))?
    {
        let name = field.name().unwrap_or_default().to_string();
        let file = field.file_name().unwrap_or_default().to_string();
        let bytes = field
            .bytes()
            .await
            .map_err(|e| refuse(e.status(), &e.body_text()))?;
        found.insert(name, (file, bytes.to_vec()));
    }
    Ok(found)
}

fn part<'p>(
    parts: &'p BTreeMap<String, (String, Vec<u8>)>,
    name: &str,
) -> Result<&'p (String, Vec<u8>), Response> {
    parts.get(name).ok_or_else(|| {
        refuse(
            StatusCode::BAD_REQUEST,
            &format!("no `{name}` in the upload"),
        )
    })
}

/// Decodes an uploaded document (text in any encoding xfill reads, or .docx) to its text.
fn uploaded_text(name: &str, bytes: &[u8]) -> Result<String, Response> {
    decode(&stem_safe(name), bytes.to_vec())
        .map(|(document, _)| document.text)
        .map_err(|e| bad(StatusCode::UNPROCESSABLE_ENTITY, &e))
}

fn text_part(parts: &BTreeMap<String, (String, Vec<u8>)>, name: &str) -> Result<String, Response> {
    let (_, bytes) = part(parts, name)?;
    String::from_utf8(bytes.clone())
        .map_err(|_| refuse(StatusCode::BAD_REQUEST, &format!("`{name}` is not text")))
}

/// POST /api/check (multipart `doc`, `file`): what `check --schema` says of a finished
/// document, as JSON and as the text the CLI prints.
pub async fn check(State(state): State<Arc<AppState>>, multipart: Multipart) -> Answer {
    let parts = parts(multipart).await?;
    let doc = doc_of(&state, &text_part(&parts, "doc")?)?;
    let (file, bytes) = part(&parts, "file")?;
    let name = stem_safe(file);
    let text = uploaded_text(&name, bytes)?;
    let checked = xfill::check::document(&text, Some(&doc.schema), &[], &name)
        .map_err(|e| bad(StatusCode::UNPROCESSABLE_ENTITY, &e))?;
    let findings = checked.findings(&name, &text, Some(&doc.schema));
    let mut human = Vec::new();
    report::human::findings(&mut human, &findings, false, Paint::new(false))
        .expect("writing to memory does not fail");
    let mut machine = Vec::new();
    report::json::findings(&mut machine, &findings).expect("writing to memory does not fail");
    let machine: serde_json::Value =
        serde_json::from_slice(&machine).expect("the JSON report is JSON");
    Ok(Json(json!({
        "clean": findings.is_clean(),
        "left": checked.slots.len(),
        "report": String::from_utf8_lossy(&human),
        "json": machine,
    }))
    .into_response())
}

/// POST /api/diff (multipart `old`, `new`): what `diff` shows, its hunks with the changed
/// characters marked.
pub async fn diff(multipart: Multipart) -> Answer {
    let parts = parts(multipart).await?;
    let (old_name, old_bytes) = part(&parts, "old")?;
    let (new_name, new_bytes) = part(&parts, "new")?;
    let old = uploaded_text(old_name, old_bytes)?;
    let new = uploaded_text(new_name, new_bytes)?;
    let hunks = xfill::diff::diff(&old, &new, 3);
    let mut machine = Vec::new();
    report::json::diff(
        &mut machine,
        &stem_safe(old_name),
        &stem_safe(new_name),
        &hunks,
        None,
        &[],
    )
    .expect("writing to memory does not fail");
    let machine: serde_json::Value =
        serde_json::from_slice(&machine).expect("the JSON report is JSON");
    Ok(Json(machine).into_response())
}

/// POST /api/batch (multipart `doc`, `rows`): a .zip of the template filled once per row
/// (CSV, JSON Lines or YAML), with `report.txt` listing each row as `batch` does.
pub async fn batch(State(state): State<Arc<AppState>>, multipart: Multipart) -> Answer {
    let parts = parts(multipart).await?;
    let doc = doc_of(&state, &text_part(&parts, "doc")?)?;
    let (rows_file, rows_bytes) = part(&parts, "rows")?;
    let rows_name = stem_safe(rows_file);
    let template = doc
        .template()
        .map_err(|e| bad(StatusCode::UNPROCESSABLE_ENTITY, &e))?;
    let extension = rows_name.rsplit_once('.').map(|(_, e)| e);
    let input = rows::detect(rows_bytes.as_slice(), extension).map_err(|source| {
        bad(
            StatusCode::UNPROCESSABLE_ENTITY,
            &Error::Read {
                path: rows_name.clone(),
                source,
            },
        )
    })?;
    let reader = rows::Rows::new(rows_bytes.as_slice(), &rows_name, input)
        .map_err(|e| bad(StatusCode::UNPROCESSABLE_ENTITY, &e))?;
    let all: Vec<rows::Row> = reader
        .collect::<Result<_, _>>()
        .map_err(|e| bad(StatusCode::UNPROCESSABLE_ENTITY, &e))?;
    let ext = if doc.docx.is_some() { "docx" } else { "txt" };
    let pattern = rows::NamePattern::numbered(ext);
    let width = rows::number_width(all.len());
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let mut report_text = String::new();
    let (mut complete, mut rejected) = (0, 0);
    for row in &all {
        let name = pattern
            .name(row, &doc.schema, width)
            .unwrap_or_else(|_| format!("{:0width$}.{ext}", row.number));
        let values = match rows::resolve(&doc.schema, row, &rows_name) {
            Ok(v) => v,
            Err(e) => {
                rejected += 1;
                report_text.push_str(&format!(
                    "row {} (line {}): rejected: {e}\n",
                    row.number, row.line
                ));
                continue;
            }
        };
        let filled = template.fill(&values, fill::Options::default());
        let bytes = match &doc.docx {
            Some(docx) => match docx.replace(&filled.replacements) {
                Ok(b) => b,
                Err(e) => {
                    rejected += 1;
                    report_text.push_str(&format!("row {}: rejected: {e}\n", row.number));
                    continue;
                }
            },
            None => match filled.encode(&doc.document, template.slots(), &doc.schema, None) {
                Ok(b) => b,
                Err(e) => {
                    rejected += 1;
                    report_text.push_str(&format!("row {}: rejected: {e}\n", row.number));
                    continue;
                }
            },
        };
        let left = filled.remaining();
        if left == 0 {
            complete += 1;
            report_text.push_str(&format!("row {} → {name}: complete\n", row.number));
        } else {
            let missing: Vec<&str> = filled
                .missing_fields()
                .into_iter()
                .map(|f| doc.schema.fields[f].name.as_str())
                .collect();
            report_text.push_str(&format!(
                "row {} → {name}: {left} slots left (no value for {})\n",
                row.number,
                missing.join(", ")
            ));
        }
        zip.start_file(name.as_str(), options)
            .and_then(|()| zip.write_all(&bytes).map_err(Into::into))
            .map_err(|e| refuse(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()))?;
    }
    let summary = format!(
        "{} rows: {complete} complete, {} with slots left, {rejected} rejected\n",
        all.len(),
        all.len() - complete - rejected
    );
    report_text.insert_str(0, &summary);
    zip.start_file("report.txt", options)
        .and_then(|()| zip.write_all(report_text.as_bytes()).map_err(Into::into))
        .map_err(|e| refuse(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()))?;
    let bytes = zip
        .finish()
        .map_err(|e| refuse(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()))?
        .into_inner();
    let mut response = attachment(bytes, &format!("{}.zip", stem(&doc.name)), 0);
    if let Ok(v) = header::HeaderValue::from_str(&percent(summary.trim())) {
        response
            .headers_mut()
            .insert(header::HeaderName::from_static("x-xfill-summary"), v);
    }
    Ok(response)
}

fn percent(s: &str) -> String {
    super::percent_encode(s)
}

//! The API in-process (tower's `oneshot`, no socket): the token and Host checks, the served
//! folder's boundary, upload limits, and that filling through the page gives what `fill`
//! gives, byte for byte.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use super::{AppState, Docs, MAX_UPLOAD, router};

const TOKEN: &str = "0123456789abcdef0123456789abcdef";
const HOST: &str = "127.0.0.1:8732";
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn app(root: &Path) -> axum::Router {
    router(Arc::new(AppState {
        root: root.canonicalize().expect("the served folder exists"),
        token: TOKEN.into(),
        hosts: vec![HOST.into(), "localhost:8732".into()],
        docs: Mutex::new(Docs::default()),
    }))
}

fn samples() -> PathBuf {
    Path::new(ROOT).join("samples")
}

/// A request with the right Host and the token header.
fn request(method: &str, uri: &str) -> axum::http::request::Builder {
    Request::builder()
        .method(method)
        .uri(uri)
        .header(header::HOST, HOST)
        .header("x-xfill-token", TOKEN)
}

async fn send(
    app: &axum::Router,
    req: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let response = app.clone().oneshot(req).await.expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("a body")
        .to_bytes()
        .to_vec();
    (status, headers, body)
}

async fn post_json(
    app: &axum::Router,
    uri: &str,
    body: serde_json::Value,
) -> (StatusCode, Vec<u8>) {
    let req = request("POST", uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .expect("a request");
    let (status, _, body) = send(app, req).await;
    (status, body)
}

fn json(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(body)
        .unwrap_or_else(|_| panic!("JSON: {}", String::from_utf8_lossy(body)))
}

async fn open(app: &axum::Router, path: &str) -> serde_json::Value {
    let (status, body) = post_json(app, "/api/open", serde_json::json!({ "path": path })).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    json(&body)
}

/// A sample's values file as the form sends it: field → text.
fn sample_values(name: &str) -> serde_json::Value {
    let text =
        std::fs::read_to_string(samples().join(format!("{name}.values.yaml"))).expect("values");
    let map: serde_json::Map<String, serde_json::Value> =
        serde_saphyr::from_str(&text).expect("a mapping");
    let values: serde_json::Map<String, serde_json::Value> = map
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            (k, serde_json::Value::String(v))
        })
        .collect();
    serde_json::Value::Object(values)
}

#[tokio::test]
async fn without_the_token_every_route_is_refused() {
    let app = app(&samples());
    for uri in ["/", "/app.js", "/api/templates"] {
        let req = Request::get(uri)
            .header(header::HOST, HOST)
            .body(Body::empty())
            .unwrap();
        let (status, _, body) = send(&app, req).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{uri}");
        assert!(String::from_utf8_lossy(&body).contains("token"));
    }
    let wrong = Request::get("/?token=ffffffffffffffffffffffffffffffff")
        .header(header::HOST, HOST)
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, wrong).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_token_in_the_address_sets_a_cookie_that_serves_later_requests() {
    let app = app(&samples());
    let first = Request::get(format!("/?token={TOKEN}"))
        .header(header::HOST, HOST)
        .body(Body::empty())
        .unwrap();
    let (status, headers, body) = send(&app, first).await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&body).contains("data-remaining"));
    let cookie = headers[header::SET_COOKIE].to_str().unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap().to_string();
    let later = Request::get("/api/templates")
        .header(header::HOST, HOST)
        .header(header::COOKIE, pair)
        .body(Body::empty())
        .unwrap();
    let (status, _, body) = send(&app, later).await;
    assert_eq!(status, StatusCode::OK);
    let list = json(&body);
    assert!(
        list["templates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "summary.txt")
    );
    assert!(
        !list["templates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "summary.filled.txt")
    );
}

#[tokio::test]
async fn a_foreign_host_is_refused_even_with_the_token() {
    let app = app(&samples());
    let req = Request::get(format!("/?token={TOKEN}"))
        .header(header::HOST, "attacker.example:8732")
        .body(Body::empty())
        .unwrap();
    let (status, _, body) = send(&app, req).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(String::from_utf8_lossy(&body).contains("Host"));
}

#[tokio::test]
async fn paths_outside_the_served_folder_are_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("served");
    std::fs::create_dir(&root).unwrap();
    std::fs::write(dir.path().join("secret.txt"), "X党委").unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
    let app = app(&root);
    for path in [
        "../secret.txt",
        "/etc/passwd",
        "link.txt",
        "sub/../../secret.txt",
        "",
    ] {
        let (status, _) = post_json(&app, "/api/open", serde_json::json!({ "path": path })).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn an_upload_over_the_limit_is_refused() {
    let app = app(&samples());
    let req = request("POST", "/api/upload?name=big.txt")
        .body(Body::from(vec![b'a'; MAX_UPLOAD + 1]))
        .unwrap();
    assert_eq!(send(&app, req).await.0, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn filling_every_sample_gives_the_cli_output_byte_for_byte() {
    let app = app(&samples());
    for name in ["summary", "notice", "contract"] {
        let doc = open(&app, &format!("{name}.txt")).await;
        assert_eq!(doc["drafted"], false, "{name} has a schema beside it");
        let id = doc["id"].as_str().unwrap();
        let values = sample_values(name);
        let (status, body) = post_json(
            &app,
            "/api/fill",
            serde_json::json!({ "doc": id, "values": values }),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let state = json(&body);
        assert_eq!(state["remaining"], 0, "{name}: {state}");
        assert!(
            state["slots"]
                .as_array()
                .unwrap()
                .iter()
                .all(|s| s["state"] == "filled")
        );
        let (status, bytes) = post_json(
            &app,
            "/api/download",
            serde_json::json!({ "doc": id, "values": values }),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let expected = std::fs::read(samples().join(format!("{name}.filled.txt"))).unwrap();
        assert!(
            bytes == expected,
            "{name}: the download differs from {name}.filled.txt"
        );
    }
}

#[tokio::test]
async fn a_wrong_value_gets_the_clis_message_and_its_slots_are_invalid() {
    let app = app(&samples());
    let doc = open(&app, "summary.txt").await;
    let id = doc["id"].as_str().unwrap();
    let (_, body) = post_json(
        &app,
        "/api/fill",
        serde_json::json!({ "doc": id, "values": { "振兴工作数": "很多", "镇名": "<script>alert(1)</script>" } }),
    )
    .await;
    let state = json(&body);
    let message = state["errors"]["振兴工作数"]
        .as_str()
        .expect("a message for the field");
    assert!(message.contains("is not an integer"), "{message}");
    let slots = doc["slots"].as_array().unwrap();
    for (i, slot) in slots.iter().enumerate() {
        if slot["field"] == "振兴工作数" {
            assert_eq!(state["slots"][i]["state"], "invalid");
        }
        if slot["field"] == "镇名" {
            // Sent back as data, for the page to show as text.
            assert_eq!(state["slots"][i]["value"], "<script>alert(1)</script>");
        }
    }
    let report = state["report"].as_str().unwrap();
    assert!(
        report.starts_with("error: `振兴工作数`: value \"很多\""),
        "{report}"
    );
    // The download still works, with the wrong value left out.
    let (status, bytes) = post_json(
        &app,
        "/api/download",
        serde_json::json!({ "doc": id, "values": { "振兴工作数": "很多" } }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        String::from_utf8(bytes)
            .unwrap()
            .contains("专题研究乡村振兴工作X次")
    );
}

#[tokio::test]
async fn a_template_without_schema_gets_drafted_fields() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.txt"), "全体干部分为X个组，走访X户。\n").unwrap();
    let app = app(dir.path());
    let doc = open(&app, "t.txt").await;
    assert_eq!(doc["drafted"], true);
    assert_eq!(doc["fields"].as_array().unwrap().len(), 2);
    assert_eq!(doc["fields"][0]["type"], "integer");
}

#[tokio::test]
async fn a_date_is_one_place_to_review_and_two_dates_are_two() {
    let dir = tempfile::tempdir().unwrap();
    let p = "同".repeat(60);
    let text = format!("签订日期：20XX年X月X日\n{p}X月X日{p}\n{p}X月X日{p}\n");
    std::fs::write(dir.path().join("t.txt"), text).unwrap();
    let app = app(dir.path());
    let doc = open(&app, "t.txt").await;
    let places: Vec<(i64, i64)> = doc["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let slots = f["slots"].as_array().unwrap().len() as i64;
            (slots, f["places"].as_i64().unwrap())
        })
        .collect();
    assert_eq!(places, [(3, 1), (4, 2)], "{doc}");
}

#[tokio::test]
async fn saving_writes_beside_the_template_and_never_replaces_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.txt"), "全体干部分为X个组。\n").unwrap();
    let app = app(dir.path());
    let doc = open(&app, "t.txt").await;
    let id = doc["id"].as_str().unwrap();
    let field = doc["fields"][0]["name"].as_str().unwrap().to_string();
    let save = |overwrite: bool, value: &str| serde_json::json!({ "doc": id, "what": "values", "values": { field.clone(): value }, "overwrite": overwrite });
    let (status, body) = post_json(&app, "/api/save", save(false, "4")).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let written = std::fs::read_to_string(dir.path().join("t.values.yaml")).unwrap();
    assert!(written.ends_with(&format!("{field}: \"4\"\n")), "{written}");
    let (status, body) = post_json(&app, "/api/save", save(false, "5")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(json(&body)["exists"], true);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("t.values.yaml")).unwrap(),
        written
    );
    let (status, _) = post_json(&app, "/api/save", save(true, "5")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        std::fs::read_to_string(dir.path().join("t.values.yaml"))
            .unwrap()
            .contains("\"5\"")
    );
    // The saved values are the form's next time the template is opened.
    let again = open(&app, "t.txt").await;
    assert_eq!(again["values"][field.as_str()], "5");
    // A schema saved with an edited label reads back.
    let (status, _) = post_json(
        &app,
        "/api/save",
        serde_json::json!({ "doc": id, "what": "schema", "labels": { field.clone(): "组的个数" } }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let schema = std::fs::read_to_string(dir.path().join("t.schema.yaml")).unwrap();
    assert!(schema.contains("label: 组的个数"), "{schema}");
    xfill::schema::Schema::parse(&schema, "t.schema.yaml").expect("the saved schema reads back");
}

/// A multipart body of `(name, file name, bytes)` parts.
fn multipart(parts: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "xfill-test-boundary";
    let mut body = Vec::new();
    for (name, file, bytes) in parts {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes(),
        );
        if !file.is_empty() {
            body.extend_from_slice(format!("; filename=\"{file}\"").as_bytes());
        }
        body.extend_from_slice(b"\r\n\r\n");
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn post_multipart(
    app: &axum::Router,
    uri: &str,
    parts: &[(&str, &str, &[u8])],
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let (content_type, body) = multipart(parts);
    let req = request("POST", uri)
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap();
    send(app, req).await
}

#[tokio::test]
async fn check_diff_and_batch_answer_as_the_cli_does() {
    let app = app(&samples());
    let doc = open(&app, "summary.txt").await;
    let id = doc["id"].as_str().unwrap().as_bytes().to_vec();
    let filled = std::fs::read(samples().join("summary.filled.txt")).unwrap();
    let template = std::fs::read(samples().join("summary.txt")).unwrap();

    let (status, _, body) = post_multipart(
        &app,
        "/api/check",
        &[("doc", "", &id), ("file", "f.txt", &filled)],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json(&body)["clean"], true);
    let (_, _, body) = post_multipart(
        &app,
        "/api/check",
        &[("doc", "", &id), ("file", "t.txt", &template)],
    )
    .await;
    let answer = json(&body);
    assert_eq!(answer["clean"], false);
    assert!(
        answer["report"].as_str().unwrap().contains("34 slots left"),
        "{answer}"
    );

    let (status, _, body) = post_multipart(
        &app,
        "/api/diff",
        &[("old", "t.txt", &template), ("new", "f.txt", &filled)],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let diff = json(&body);
    let changed = diff["hunks"][0]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["tag"] == "insert")
        .expect("an inserted line");
    assert!(!changed["changed"].as_array().unwrap().is_empty());

    let rows = "镇名,单位名称\n青石,青石镇\n白溪,白溪镇\n";
    let (status, headers, body) = post_multipart(
        &app,
        "/api/batch",
        &[("doc", "", &id), ("rows", "rows.csv", rows.as_bytes())],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let summary = headers["x-xfill-summary"].to_str().unwrap();
    assert!(summary.starts_with("2%20rows"), "{summary}");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(body)).expect("a zip");
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    assert_eq!(names, ["0001.txt", "0002.txt", "report.txt"]);
    let mut first = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("0001.txt").unwrap(), &mut first).unwrap();
    assert!(first.contains("一年来，青石镇党委"), "row 1 is filled");
}

#[tokio::test]
async fn an_impossible_date_is_refused_with_the_clis_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.txt"), "签订日期：20XX年X月X日\n").unwrap();
    std::fs::write(
        dir.path().join("t.schema.yaml"),
        "version: 1\nfields:\n  签订日期:\n    type: date\n    anchors: ['[[20XX]]年X月X日', '20XX年[[X]]月X日', '20XX年X月[[X]]日']\n",
    )
    .unwrap();
    let app = app(dir.path());
    let doc = open(&app, "t.txt").await;
    let id = doc["id"].as_str().unwrap();
    let fill = |value: &str| serde_json::json!({ "doc": id, "values": { "签订日期": value } });
    let (_, body) = post_json(&app, "/api/fill", fill("2026年2月31日")).await;
    let state = json(&body);
    let message = state["errors"]["签订日期"].as_str().expect("a message");
    assert!(message.contains("签订日期"), "{message}");
    assert!(
        state["slots"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["state"] == "invalid")
    );
    let (_, bytes) = post_json(&app, "/api/download", fill("2026-06-30")).await;
    assert_eq!(
        String::from_utf8(bytes).unwrap(),
        "签订日期：2026年6月30日\n"
    );
}

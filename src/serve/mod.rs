//! `xfill serve`: a local web page over the library, for the people who fill templates.
//! Routes, the token and Host checks, and the served folder's boundary live here; every
//! scan, check, fill and diff is the library's, through the same calls the CLI makes. The
//! page itself (HTML, CSS, JavaScript) is in `web/`, compiled into the binary.

mod api;

use std::collections::HashMap;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

pub use api::Doc;

/// The largest upload the page takes (a template, a finished document, a table of rows).
pub const MAX_UPLOAD: usize = 50 * 1024 * 1024;
/// How many opened documents the server keeps; the oldest goes first.
const MAX_DOCS: usize = 64;
/// The cookie that carries the token after the first visit.
const COOKIE: &str = "xfill_token";

/// What every request shares.
pub struct AppState {
    /// The served folder, canonical: nothing outside it is read or written.
    pub root: PathBuf,
    /// The secret each request must carry.
    pub token: String,
    /// The `Host` values a request may carry (`127.0.0.1:8732`, `localhost:8732`).
    pub hosts: Vec<String>,
    /// Opened documents by id.
    pub docs: Mutex<Docs>,
}

/// Opened documents, by id, oldest first.
#[derive(Default)]
pub struct Docs {
    by_id: HashMap<String, Arc<Doc>>,
    order: Vec<String>,
    next: u64,
}

impl Docs {
    /// Keeps `doc` and returns its id.
    pub fn add(&mut self, doc: Doc) -> String {
        self.next += 1;
        let id = format!("d{}", self.next);
        self.by_id.insert(id.clone(), Arc::new(doc));
        self.order.push(id.clone());
        if self.order.len() > MAX_DOCS {
            let oldest = self.order.remove(0);
            self.by_id.remove(&oldest);
        }
        id
    }

    /// The document `id`, if it is still kept.
    pub fn get(&self, id: &str) -> Option<Arc<Doc>> {
        self.by_id.get(id).cloned()
    }
}

/// A fresh random token, 32 hex digits.
pub fn new_token() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the system has a random source");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The routes, with the token and Host checks in front of every one.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/app.js", get(script))
        .route("/app.css", get(style))
        .route("/api/templates", get(api::templates))
        .route("/api/open", post(api::open))
        .route("/api/upload", post(api::upload))
        .route("/api/fill", post(api::fill))
        .route("/api/download", post(api::download))
        .route("/api/save", post(api::save))
        .route("/api/check", post(api::check))
        .route("/api/diff", post(api::diff))
        .route("/api/batch", post(api::batch))
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .layer(DefaultBodyLimit::max(MAX_UPLOAD))
        .with_state(state)
}

/// Refuses a request whose `Host` is not the served address (DNS rebinding), or that carries
/// no token: `?token=` on the first visit, the cookie after it, or the `X-Xfill-Token` header.
async fn guard(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !state.hosts.iter().any(|h| h == host) {
        return refuse(
            StatusCode::FORBIDDEN,
            "this server answers only at the address it printed (Host not allowed)",
        );
    }
    let from_query = request.uri().query().and_then(|q| {
        q.split('&')
            .find_map(|pair| pair.strip_prefix("token="))
            .map(str::to_owned)
    });
    let from_cookie = cookie(request.headers(), COOKIE);
    let from_header = request
        .headers()
        .get("x-xfill-token")
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned);
    let given = [&from_query, &from_cookie, &from_header]
        .into_iter()
        .flatten()
        .any(|t| same(t, &state.token));
    if !given {
        return refuse(
            StatusCode::FORBIDDEN,
            "no valid token: open the address that `xfill serve` printed, with its ?token=…",
        );
    }
    let set_cookie = from_query.is_some_and(|t| same(&t, &state.token)) && from_cookie.is_none();
    let mut response = next.run(request).await;
    if set_cookie {
        let value = format!(
            "{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/",
            state.token
        );
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
    }
    response
}

/// Compares two tokens in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name).then(|| v.to_string())
        })
}

/// An error for the page: a status and `{"error": message}`.
pub fn refuse(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(serde_json::json!({ "error": message }))).into_response()
}

const SECURITY_HEADERS: [(header::HeaderName, &str); 3] = [
    (
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; img-src 'self' data: blob:; connect-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    ),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "no-referrer"),
];

async fn page() -> impl IntoResponse {
    asset(
        "text/html; charset=utf-8",
        include_str!("../../web/index.html"),
    )
}

async fn script() -> impl IntoResponse {
    asset(
        "text/javascript; charset=utf-8",
        include_str!("../../web/app.js"),
    )
}

async fn style() -> impl IntoResponse {
    asset("text/css; charset=utf-8", include_str!("../../web/app.css"))
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    let mut response = ([(header::CONTENT_TYPE, content_type)], body).into_response();
    for (name, value) in SECURITY_HEADERS {
        response
            .headers_mut()
            .insert(name, HeaderValue::from_static(value));
    }
    response
}

/// Options of `xfill serve`.
pub struct Options {
    /// A template, or a folder of templates.
    pub path: PathBuf,
    /// The address to listen on.
    pub host: String,
    /// The port; 0 for a free one.
    pub port: u16,
    /// Open the page in the browser.
    pub open: bool,
}

/// Runs the server until Ctrl-C, as [`serve`] does; a failure (a path that is not there, a
/// port that is taken) is an error that says what to check.
pub fn run(
    options: Options,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> Result<i32, xfill::error::Error> {
    serve(options, stdout, stderr).map_err(|e| xfill::error::Error::Usage {
        message: format!("cannot serve: {e}"),
        help: "check the path, and that the port is free (leave --port out to take any)".into(),
    })
}

/// Runs the server until Ctrl-C. The first line on stdout is the page's address.
fn serve(
    options: Options,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> std::io::Result<i32> {
    let path = options
        .path
        .canonicalize()
        .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", options.path.display())))?;
    let (root, open) = if path.is_dir() {
        (path, None)
    } else {
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        (root, name)
    };
    if !matches!(options.host.as_str(), "127.0.0.1" | "localhost" | "::1") {
        writeln!(
            stderr,
            "warning: serving on {} lets other machines reach this page (with the token); \
             the default, 127.0.0.1, keeps it on this machine",
            options.host
        )?;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind((options.host.as_str(), options.port)).await?;
        let address: SocketAddr = listener.local_addr()?;
        let shown_host = if address.is_ipv6() {
            format!("[{}]", address.ip())
        } else {
            address.ip().to_string()
        };
        let port = address.port();
        let mut hosts = vec![format!("{shown_host}:{port}")];
        if address.ip().is_loopback() {
            hosts.push(format!("localhost:{port}"));
        }
        let token = new_token();
        let mut url = format!("http://{shown_host}:{port}/?token={token}");
        if let Some(name) = &open {
            url.push_str("&open=");
            url.push_str(&percent_encode(name));
        }
        writeln!(stdout, "{url}")?;
        stdout.flush()?;
        writeln!(
            stderr,
            "xfill: serving {} — open the address above; Ctrl-C stops",
            root.display()
        )?;
        stderr.flush()?;
        if options.open {
            open_browser(&url, stderr);
        }
        let state = Arc::new(AppState {
            root,
            token,
            hosts,
            docs: Mutex::new(Docs::default()),
        });
        axum::serve(listener, router(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok::<_, std::io::Error>(())
    })?;
    Ok(0)
}

fn open_browser(url: &str, stderr: &mut impl Write) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        let _ = writeln!(
            stderr,
            "xfill: could not start {opener}; open the address by hand"
        );
    }
}

/// Percent-encodes a file name for a URL's query.
pub fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests;

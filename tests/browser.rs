//! The page in a real browser: `xfill serve` and headless Chromium over WebDriver
//! (chromedriver). It opens a template, fills every field as a person would, waits for the
//! counter to reach 0, and compares the download with what `xfill fill` writes; it also checks
//! a wrong value's message and that a value is shown as text, never run as HTML. A screenshot
//! of the page with slots still unfilled is kept in `target/tmp/browser/`. The same for the
//! Word sample, whose download LibreOffice (when installed) then opens: values in, headings
//! still bold.
//!
//! Debian's `chromium` and `chromium-driver` must be installed (`.ci/run` installs them);
//! where they are not, the test says so and passes without running.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;
use base64::Engine;
use thirtyfour::prelude::*;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn find(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// A child process that is killed when the test ends, however it ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Starts `xfill serve PATH` and returns it with the address it printed.
fn serve(path: &Path) -> (Killed, String) {
    let mut child = Command::new(cargo_bin("xfill"))
        .arg("serve")
        .arg(path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("xfill serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the address line");
    (Killed(child), line.trim().to_string())
}

/// Whether the WebDriver server at `port` answers `/status` as ready. Asking for the status,
/// not just connecting, makes sure the port is chromedriver's: a port picked free can be taken
/// by another program (another test's Chromium) before chromedriver binds it.
fn driver_ready(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let request =
        format!("GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let (mut answer, mut chunk) = (Vec::new(), [0u8; 4096]);
    while let Ok(n @ 1..) = stream.read(&mut chunk) {
        answer.extend_from_slice(&chunk[..n]);
        if String::from_utf8_lossy(&answer).contains("\"ready\":true") {
            return true;
        }
    }
    false
}

/// Starts chromedriver on a free port and waits until it answers; `None` when it exited or
/// did not answer in time (the caller tries another port).
fn chromedriver(driver: &Path) -> Option<(Killed, u16)> {
    let port = free_port();
    let mut child = Killed(
        Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while !driver_ready(port) {
        if Instant::now() > deadline || matches!(child.0.try_wait(), Ok(Some(_))) {
            return None;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Some((child, port))
}

/// A headless Chromium driven by a chromedriver of its own. A start that fails (a port taken
/// under chromedriver, a session chromedriver could not create) is tried again, up to three
/// times, and the last error is shown.
async fn browser(driver_bin: &Path, chromium: &Path) -> (Killed, WebDriver) {
    let mut last = String::from("chromedriver never answered on its port");
    for _ in 0..3 {
        let Some((process, port)) = chromedriver(driver_bin) else {
            continue;
        };
        let mut caps = DesiredCapabilities::chrome();
        caps.set_binary(chromium.to_str().expect("a UTF-8 path"))
            .expect("binary");
        for arg in [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--window-size=1400,1000",
            "--lang=zh-CN",
        ] {
            caps.add_arg(arg).expect("an argument");
        }
        match WebDriver::new(format!("http://127.0.0.1:{port}"), caps).await {
            Ok(driver) => return (process, driver),
            Err(e) => last = format!("{e:?}"),
        }
    }
    panic!("no browser session after three tries: {last}");
}

/// Waits until `script` (a JavaScript expression) is true in the page.
async fn wait_for(driver: &WebDriver, script: &str, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let ret = driver
            .execute(&format!("return Boolean({script});"), vec![])
            .await
            .expect("the script runs");
        if ret.json().as_bool() == Some(true) {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The bytes behind the download link of the filled document.
async fn download(driver: &WebDriver) -> Vec<u8> {
    let ret = driver
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               const a = document.querySelector('[data-download="document"]');
               fetch(a.href).then(r => r.arrayBuffer()).then(b => {
                 let s = ""; for (const x of new Uint8Array(b)) s += String.fromCharCode(x);
                 done(btoa(s));
               });"#,
            vec![],
        )
        .await
        .expect("the download is read");
    let b64 = ret.json().as_str().expect("base64 text").to_string();
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .expect("base64")
}

/// A sample's values, as a person would type them: field → text.
fn sample_values(name: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(
        Path::new(ROOT)
            .join("samples")
            .join(format!("{name}.values.yaml")),
    )
    .expect("values");
    let map: serde_json::Map<String, serde_json::Value> =
        serde_saphyr::from_str(&text).expect("a mapping");
    map.into_iter()
        .map(|(k, v)| {
            let v = match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            (k, v)
        })
        .collect()
}

/// What a browser test runs against: the served copy of some samples, the server, and a
/// headless Chromium driven by chromedriver (each process killed when this is dropped).
struct Session {
    dir: tempfile::TempDir,
    url: String,
    driver: WebDriver,
    _server: Killed,
    _chromedriver: Killed,
    /// Held for the whole test (dropped last): one browser at a time on a 2-core machine.
    _one_at_a_time: tokio::sync::MutexGuard<'static, ()>,
}

static ONE_BROWSER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Serves a temp folder holding `samples` (the first one opened by the address) to a new
/// headless Chromium; `None`, with a note, where Chromium or chromedriver is missing.
async fn session(samples: &[&str]) -> Option<Session> {
    let (Some(chromium), Some(driver_bin)) = (
        find(&["chromium", "chromium-browser", "google-chrome"]),
        find(&["chromedriver"]),
    ) else {
        eprintln!("note: chromium or chromedriver is not installed; the browser test did not run");
        return None;
    };
    let one_at_a_time = ONE_BROWSER.lock().await;
    let dir = tempfile::tempdir().expect("temp dir");
    for name in samples {
        std::fs::copy(
            Path::new(ROOT).join("samples").join(name),
            dir.path().join(name),
        )
        .expect("copy");
    }
    let (server, url) = serve(&dir.path().join(samples[0]));
    let (chromedriver_process, driver) = browser(&driver_bin, &chromium).await;
    Some(Session {
        dir,
        url,
        driver,
        _server: server,
        _chromedriver: chromedriver_process,
        _one_at_a_time: one_at_a_time,
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fill_the_summary_in_chromium_and_download_what_fill_writes() {
    let Some(s) = session(&["summary.txt", "summary.schema.yaml"]).await else {
        return;
    };
    assert!(
        s.url.contains("token=") && s.url.contains("open=summary.txt"),
        "{}",
        s.url
    );
    // A failure inside leaves the browser to chromedriver's end (it is killed on drop).
    run_page(&s.driver, &s.url).await;
    s.driver.quit().await.expect("the browser closes");
}

/// Opens the page at `url` and waits until it shows `slots` slots.
async fn open(driver: &WebDriver, url: &str, slots: usize) {
    driver.goto(url).await.expect("the page opens");
    wait_for(
        driver,
        &format!("document.querySelectorAll('[data-slot]').length === {slots}"),
        "the slots",
    )
    .await;
}

async fn run_page(driver: &WebDriver, url: &str) {
    open(driver, url, 34).await;
    wait_for(
        driver,
        "document.querySelector('[data-remaining]').dataset.remaining === '34'",
        "the counter",
    )
    .await;
    // Slots are shown as unfilled, named by their field on hover.
    let first = driver
        .find(By::Css("[data-slot='0']"))
        .await
        .expect("a slot");
    assert_eq!(
        first.attr("data-state").await.unwrap().as_deref(),
        Some("unfilled")
    );
    assert_eq!(first.attr("title").await.unwrap().as_deref(), Some("镇名"));

    // A field that fills several places says so, for review.
    wait_for(
        driver,
        "document.querySelector('[data-box=\"单位名称\"] .takes').textContent.includes('5 处，请核对')",
        "the review note of a shared field",
    )
    .await;

    let values = sample_values("summary");
    let (half, rest) = values.split_at(values.len() / 2);
    for (field, value) in half {
        let input = driver
            .find(By::Css(format!("[data-field='{field}']")))
            .await
            .expect("an input");
        input.send_keys(value).await.expect("typing");
    }
    // A wrong value gets the CLI's message at its input, and its slots are marked invalid.
    let count = driver
        .find(By::Css("[data-field='振兴工作数']"))
        .await
        .expect("an input");
    count.clear().await.expect("clear");
    count.send_keys("很多").await.expect("typing");
    wait_for(driver, "document.querySelector('[data-box=\"振兴工作数\"] .msg').textContent.includes('is not an integer')", "the message").await;
    wait_for(
        driver,
        "document.querySelector('[data-slot][data-state=\"invalid\"]') !== null",
        "an invalid slot",
    )
    .await;
    // A value is text, never HTML.
    let town = driver
        .find(By::Css("[data-field='镇名']"))
        .await
        .expect("an input");
    town.clear().await.expect("clear");
    town.send_keys("<script>alert(1)</script>")
        .await
        .expect("typing");
    wait_for(
        driver,
        "document.querySelector('[data-slot=\"0\"]').textContent === '<script>alert(1)</script>'",
        "the value as text",
    )
    .await;
    assert!(
        driver
            .find_all(By::Css("#document script"))
            .await
            .unwrap()
            .is_empty()
    );

    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&shots).expect("a folder for screenshots");
    driver
        .screenshot(&shots.join("summary-half-filled.png"))
        .await
        .expect("a screenshot");

    // The rest, and the right values for the two changed above.
    for (field, value) in rest.iter().chain(
        values
            .iter()
            .filter(|(f, _)| f == "振兴工作数" || f == "镇名"),
    ) {
        let input = driver
            .find(By::Css(format!("[data-field='{field}']")))
            .await
            .expect("an input");
        input.clear().await.expect("clear");
        input.send_keys(value).await.expect("typing");
    }
    wait_for(
        driver,
        "document.querySelector('[data-remaining]').dataset.remaining === '0'",
        "the counter to reach 0",
    )
    .await;
    wait_for(driver, "document.querySelector('[data-download=\"document\"]').dataset.remainingAtDownload === '0'", "the download").await;
    wait_for(
        driver,
        "document.querySelectorAll('[data-state=\"filled\"]').length === 34",
        "every slot filled",
    )
    .await;

    let cli = Command::new(cargo_bin("xfill"))
        .current_dir(ROOT)
        .args([
            "fill",
            "samples/summary.txt",
            "--schema",
            "samples/summary.schema.yaml",
            "--values",
            "samples/summary.values.yaml",
        ])
        .output()
        .expect("xfill fill runs");
    assert!(cli.status.success());
    let downloaded = download(driver).await;
    assert!(
        downloaded == cli.stdout,
        "the page's download differs from `xfill fill`"
    );
}

/// The same for a Word template (samples/notice.docx, bold headings, a centred title, slots
/// split over runs): typed in the page, the download equals `xfill fill`'s .docx, and
/// LibreOffice opens it with the values in and the headings still bold.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fill_a_word_template_in_chromium_and_open_it_in_libreoffice() {
    let Some(s) = session(&["notice.docx", "notice.schema.yaml"]).await else {
        return;
    };
    let downloaded = fill_the_notice(&s.driver, &s.url).await;
    s.driver.quit().await.expect("the browser closes");
    let dir = &s.dir;

    let cli = Command::new(cargo_bin("xfill"))
        .current_dir(ROOT)
        .args([
            "fill",
            "samples/notice.docx",
            "--schema",
            "samples/notice.schema.yaml",
            "--values",
            "samples/notice.values.yaml",
            "-o",
        ])
        .arg(dir.path().join("cli.docx"))
        .output()
        .expect("xfill fill runs");
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    let expected = std::fs::read(dir.path().join("cli.docx")).expect("the CLI's .docx");
    assert!(
        downloaded == expected,
        "the page's .docx differs from `xfill fill`'s"
    );

    let Some(office) = find(&["libreoffice", "soffice"]) else {
        eprintln!("note: libreoffice is not installed; the .docx was not opened");
        return;
    };
    std::fs::write(dir.path().join("page.docx"), &downloaded).expect("write");
    let convert = |to: &str, ext: &str| -> String {
        let converted = Command::new(&office)
            .args(["--headless", "--convert-to", to, "--outdir"])
            .arg(dir.path())
            .arg(dir.path().join("page.docx"))
            .env("HOME", dir.path())
            .output()
            .expect("libreoffice runs");
        assert!(converted.status.success(), "{converted:?}");
        std::fs::read_to_string(dir.path().join(format!("page.{ext}"))).expect("converted")
    };
    let text = convert("txt:Text (encoded):UTF8", "txt");
    for value in [
        "2024年3月15日（星期五）",
        "第一会议室",
        "东海理工大学",
        "陈立新教授",
        "王建国同志",
    ] {
        assert!(
            text.contains(value),
            "no {value} in LibreOffice's reading:\n{text}"
        );
    }
    assert!(!text.contains("XX"), "{text}");
    // The title and the five headings are still bold.
    let html = convert("html", "html");
    for heading in [
        "一、会议时间",
        "二、会议地点",
        "五、有关要求",
        "年度安全生产工作推进会议的通知",
    ] {
        assert!(
            html.contains(&format!("<b>{heading}</b>")),
            "{heading} is not bold in\n{html}"
        );
    }
}

/// Opens the notice, types every value, waits for the counter to reach 0 and returns the
/// downloaded document.
async fn fill_the_notice(driver: &WebDriver, url: &str) -> Vec<u8> {
    open(driver, url, 27).await;
    for (field, value) in sample_values("notice") {
        let input = driver
            .find(By::Css(format!("[data-field='{field}']")))
            .await
            .expect("an input");
        input.clear().await.expect("clear");
        input.send_keys(&value).await.expect("typing");
    }
    wait_for(
        driver,
        "document.querySelector('[data-remaining]').dataset.remaining === '0'",
        "the counter to reach 0",
    )
    .await;
    wait_for(driver, "document.querySelector('[data-download=\"document\"]').dataset.remainingAtDownload === '0'", "the download").await;
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&shots).expect("a folder for screenshots");
    driver
        .screenshot(&shots.join("notice-docx-filled.png"))
        .await
        .expect("a screenshot");
    download(driver).await
}

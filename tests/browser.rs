//! The page in a real browser: `xfill serve` and headless Chromium over WebDriver
//! (chromedriver). It opens a template, fills every field as a person would, waits for the
//! counter to reach 0, and compares the download with what `xfill fill` writes; it also checks
//! a wrong value's message and that a value is shown as text, never run as HTML. A screenshot
//! of the page with slots still unfilled is kept in `target/tmp/browser/`.
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

fn chromedriver(driver: &Path) -> (Killed, String) {
    let port = free_port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    (Killed(child), format!("http://127.0.0.1:{port}"))
}

async fn browser(driver_url: &str, chromium: &Path) -> WebDriver {
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
    WebDriver::new(driver_url, caps)
        .await
        .expect("a browser session")
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fill_the_summary_in_chromium_and_download_what_fill_writes() {
    let (Some(chromium), Some(driver_bin)) = (
        find(&["chromium", "chromium-browser", "google-chrome"]),
        find(&["chromedriver"]),
    ) else {
        eprintln!("note: chromium or chromedriver is not installed; the browser test did not run");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["summary.txt", "summary.schema.yaml"] {
        std::fs::copy(
            Path::new(ROOT).join("samples").join(name),
            dir.path().join(name),
        )
        .expect("copy");
    }
    let (_server, url) = serve(&dir.path().join("summary.txt"));
    assert!(
        url.contains("token=") && url.contains("open=summary.txt"),
        "{url}"
    );
    let (_driver_process, driver_url) = chromedriver(&driver_bin);
    let driver = browser(&driver_url, &chromium).await;
    // A failure inside leaves the browser to chromedriver's end (it is killed on drop).
    run_page(&driver, &url).await;
    driver.quit().await.expect("the browser closes");
}

async fn run_page(driver: &WebDriver, url: &str) {
    driver.goto(url).await.expect("the page opens");
    wait_for(
        driver,
        "document.querySelectorAll('[data-slot]').length === 34",
        "the slots",
    )
    .await;
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

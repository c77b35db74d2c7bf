//! End to end in a real browser: the sample corpus is ingested with the `detente` binary,
//! `detente serve` serves it, and headless Chromium (driven over WebDriver by
//! chromedriver) loads the dashboard, selects ISR-SYR, sees the chart and the
//! de-escalation alert, opens an event of the alert's period and finds its evidence
//! highlighted in the article, then codes a pasted sentence in the code box (and, on a
//! server started with `--token`, is asked for the token first). Screenshots go to
//! `target/tmp/browser/`.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). Without
//! them the test prints why and passes, so that a fresh clone still passes `cargo test`;
//! with `DETENTE_BROWSER_TEST=require` (set by `.ci/run`) it fails instead.
//! `DETENTE_CHROMIUM` and `DETENTE_CHROMEDRIVER` override the binaries' paths.

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(30);

/// A child process killed when the test ends, however it ends.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn find_binary(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env) {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    l.local_addr().expect("local address").port()
}

fn wait_for_port(port: u16, what: &str) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < WAIT,
            "{what} did not listen on port {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Ingests the sample corpus into a fresh database and returns its path.
fn sample_database(dir: &Path) -> PathBuf {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/corpus/articles.jsonl");
    let db = dir.join("sample.db");
    let out = Command::new(env!("CARGO_BIN_EXE_detente"))
        .arg("ingest")
        .arg(&corpus)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("detente ingest runs");
    assert!(
        out.status.success(),
        "ingest failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

/// Starts `detente serve` on a free loopback port with `extra` arguments; returns the
/// guard and the base URL.
fn serve(db: &Path, extra: &[&str]) -> (Guard, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_detente"))
        .arg("serve")
        .arg("--db")
        .arg(db)
        .args(["--addr", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("detente serve starts");
    let stderr = child.stderr.take().expect("stderr is piped");
    let guard = Guard(child);
    let mut lines = BufReader::new(stderr).lines();
    let url = loop {
        let line = lines
            .next()
            .expect("detente serve printed its address")
            .expect("stderr is readable");
        if let Some(rest) = line.split("http://").nth(1) {
            let addr = rest.split_whitespace().next().expect("an address");
            break format!("http://{addr}/");
        }
    };
    // Keep draining stderr so that the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (guard, url)
}

async fn wait_css(c: &Client, css: &str) -> Element {
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css:?} on the page: {e}"))
}

async fn attr(e: &Element, name: &str) -> String {
    e.attr(name)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("the element has no {name} attribute"))
}

async fn save_screenshot(c: &Client, path: &Path) {
    let png = c.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "not a PNG screenshot");
    std::fs::write(path, png).expect("screenshot saved");
}

async fn script(c: &Client, js: &str, args: Vec<Value>) -> Value {
    c.execute(js, args)
        .await
        .unwrap_or_else(|e| panic!("script {js:?} failed: {e}"))
}

async fn dashboard(c: &Client, url: &str, shots: &Path) {
    c.goto(url).await.expect("dashboard loads");
    assert_eq!(c.title().await.unwrap(), "detente: dyad dashboard");

    // The dyad picker lists ISR-SYR among the most active dyads; select it.
    let option = wait_css(c, "#dyad-select option[value='ISR-SYR']").await;
    let select = c.find(Locator::Id("dyad-select")).await.unwrap();
    select.select_by_value("ISR-SYR").await.unwrap();
    assert!(option.is_selected().await.unwrap());

    // The chart: bars per period with stacked quad-class segments, the Goldstein line,
    // and a de-escalation marker.
    wait_css(c, "#chart .period-bar rect.seg").await;
    wait_css(c, "#chart path.gold-line").await;
    let marker = wait_css(c, "#chart .alert-marker.deesc").await;
    let period = attr(&marker, "data-period").await;
    let bars = c
        .find_all(Locator::Css("#chart .period-bar"))
        .await
        .unwrap();
    assert!(bars.len() >= 3, "only {} periods charted", bars.len());
    assert_eq!(
        c.current_url().await.unwrap().fragment(),
        Some("dyad=ISR-SYR&by=month")
    );

    // The alert list of the dyad says the same.
    let alert = wait_css(
        c,
        &format!("#alerts .alert-item.deesc[data-period='{period}']"),
    )
    .await;
    let alert_text = alert.text().await.unwrap();
    assert!(
        alert_text.contains("de-escalation") && alert_text.contains(&period),
        "alert reads {alert_text:?}"
    );

    // Click the period's bar: its events are listed.
    let bar = wait_css(c, &format!("#chart .period-bar[data-period='{period}']")).await;
    bar.click().await.expect("the bar is clickable");
    assert_eq!(attr(&bar, "aria-pressed").await, "true");
    let row = wait_css(c, "#events .event-row").await;
    let heading = c.find(Locator::Id("events-period")).await.unwrap();
    assert_eq!(heading.text().await.unwrap(), format!("ISR-SYR, {period}"));
    save_screenshot(c, &shots.join("dashboard-events.png")).await;

    // Open the first event: the article shows, with that event's evidence highlighted.
    let event_id = attr(&row, "data-event-id").await;
    let evidence = row
        .find(Locator::Css(".ev-evidence"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    row.click().await.expect("the event row is clickable");
    let mark = wait_css(
        c,
        &format!("#article mark.evidence.current[data-event-id='{event_id}']"),
    )
    .await;
    let marked = mark.text().await.unwrap();
    assert!(!marked.is_empty(), "the highlighted evidence is empty");
    assert_eq!(
        evidence.trim_matches(['“', '”']),
        marked,
        "the highlight is not the event's evidence"
    );
    let article = c
        .find(Locator::Css("#article .article-text"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        article.contains(&marked) && article.len() > marked.len(),
        "the evidence is not inside the article text"
    );
    // Highlighted means painted differently from the text around it.
    let colours = script(
        c,
        "var m = arguments[0], s = getComputedStyle(m), p = getComputedStyle(m.parentNode);\
         return [s.backgroundColor, p.backgroundColor, m.getBoundingClientRect().width];",
        vec![json!(mark)],
    )
    .await;
    assert_ne!(colours[0], colours[1], "the evidence is not highlighted");
    assert_ne!(colours[0], json!("rgba(0, 0, 0, 0)"));
    assert!(
        colours[2].as_f64().unwrap_or(0.0) > 0.0,
        "the mark is not shown"
    );

    save_screenshot(c, &shots.join("dashboard-article.png")).await;
    let png = c
        .find(Locator::Id("article"))
        .await
        .unwrap()
        .screenshot()
        .await
        .unwrap();
    assert!(png.starts_with(b"\x89PNG"), "not a PNG screenshot");
    std::fs::write(shots.join("article.png"), png).unwrap();

    // The "code this text" box codes pasted text through POST /v1/code.
    code_box(c, "").await;
}

/// Pastes a sentence into the code box and presses Code; with `token` non-empty the
/// server wants it, so the box must first ask for it.
async fn code_box(c: &Client, token: &str) {
    let text = c.find(Locator::Id("code-text")).await.unwrap();
    text.clear().await.unwrap();
    text.send_keys("Israel and Syria held direct talks in Abu Dhabi on Tuesday.")
        .await
        .unwrap();
    script(
        c,
        "document.getElementById('code-date').value = '2025-05-28';",
        vec![],
    )
    .await;
    c.find(Locator::Id("code-button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    if !token.is_empty() {
        let field = wait_css(c, "#code-token-field:not([hidden]) #code-token").await;
        let refusal = wait_css(c, "#code-result .error")
            .await
            .text()
            .await
            .unwrap();
        assert!(refusal.contains("token"), "the box said {refusal:?}");
        assert!(c
            .find(Locator::Css("#code-result tr.code-event"))
            .await
            .is_err());
        field.send_keys(token).await.unwrap();
        c.find(Locator::Id("code-button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }
    let row = wait_css(c, "#code-result tr.code-event").await;
    let cells = row.text().await.unwrap();
    assert!(
        cells.contains("(ISR)") && cells.contains("(SYR)") && cells.contains("046"),
        "coded row reads {cells:?}"
    );
}

/// The same dashboard served with `--token`: the code box asks for the token.
async fn dashboard_with_token(c: &Client, url: &str) {
    c.goto(url).await.expect("dashboard loads");
    wait_css(c, "#dyad-select option[value='ISR-SYR']").await;
    code_box(c, "s3cret-token").await;
}

#[test]
fn dashboard_shows_the_isr_syr_de_escalation_and_its_evidence() {
    let required = std::env::var("DETENTE_BROWSER_TEST").is_ok_and(|v| v == "require");
    let chromium = find_binary("DETENTE_CHROMIUM", &["chromium", "chromium-browser"]);
    let driver = find_binary("DETENTE_CHROMEDRIVER", &["chromedriver"]);
    let (Some(chromium), Some(driver)) = (chromium, driver) else {
        assert!(
            !required,
            "DETENTE_BROWSER_TEST=require, but chromium or chromedriver is not installed"
        );
        eprintln!(
            "skipping: chromium and chromedriver not found (apt install chromium chromium-driver)"
        );
        return;
    };

    let dir = std::env::temp_dir().join(format!("detente-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&shots).unwrap();

    let db = sample_database(&dir);
    let (_server, url) = serve(&db, &[]);
    let (_guarded, guarded_url) = serve(&db, &["--token", "s3cret-token"]);

    let port = free_port();
    let _driver = Guard(
        Command::new(&driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    wait_for_port(port, "chromedriver");

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--window-size=1280,1600",
                    format!("--user-data-dir={}", dir.join("profile").display()),
                ],
            }),
        );
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session in headless Chromium");
        // Close the browser even when an assertion fails.
        let outcome = tokio::spawn({
            let client = client.clone();
            let url = url.clone();
            let shots = shots.clone();
            async move {
                dashboard(&client, &url, &shots).await;
                dashboard_with_token(&client, &guarded_url).await;
            }
        })
        .await;
        if outcome.is_err() {
            if let Ok(png) = client.screenshot().await {
                let _ = std::fs::write(shots.join("failure.png"), png);
            }
        }
        let _ = client.close().await;
        if let Err(e) = outcome {
            std::panic::resume_unwind(e.into_panic());
        }
    });
    eprintln!("screenshots in {}", shots.display());
    let _ = std::fs::remove_dir_all(&dir);
}

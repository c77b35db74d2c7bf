//! `detente bench --http`: a load test of `detente serve` on loopback.
//!
//! The server runs as a child process (this binary, `serve`, on a free loopback port) over
//! the database that `bench --ingest` just built. The client here keeps several HTTP/1.1
//! connections busy with dyad series queries, then posts the benchmark articles to
//! `/v1/code`, and prints requests per second with latency percentiles. Client and server
//! share the machine's cores, as they would behind a local proxy.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use axum::body::Bytes;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// `detente serve`, stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(crate) fn run(
    db: &Path,
    texts: &[String],
    seconds: f64,
    connections: usize,
) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the client runtime")?;
    // Every query computed afresh (the cache off), then as served by default, where
    // repeated queries come from the cache until the database changes.
    let (cold, base) = start_server(db, "0")?;
    rt.block_on(series_load(&base, seconds, connections, true))?;
    drop(cold);
    let (_server, base) = start_server(db, "256")?;
    rt.block_on(series_load(&base, seconds, connections, false))?;
    rt.block_on(async {
        let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();
        let date = "2025-06-01";
        let bodies: Vec<(Bytes, usize)> = texts
            .iter()
            .map(|t| {
                let sentences = detente_text::split(t).map_or(0, |d| d.sentences.len());
                let body = serde_json::json!({ "text": t, "date": date }).to_string();
                (Bytes::from(body), sentences)
            })
            .collect();
        let code_url = format!("{base}/v1/code");
        let coders = std::thread::available_parallelism().map_or(2, |n| n.get());
        let code = load(coders, seconds, |i| {
            let client = client.clone();
            let url = code_url.clone();
            let (body, sentences) = bodies[i % bodies.len()].clone();
            async move { post(&client, &url, body).await.map(|_| sentences) }
        })
        .await?;
        code.print(&format!("POST /v1/code ({coders} connections)"));
        println!(
            "POST /v1/code: {:.0} sentences/s (all server cores)",
            code.units as f64 / code.secs
        );
        Ok(())
    })
}

/// Series queries for the top dyads, by week and by month, round robin.
async fn series_load(
    base: &str,
    seconds: f64,
    connections: usize,
    cold: bool,
) -> anyhow::Result<()> {
    let client: HttpClient = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(connections.max(1))
        .build_http();
    let top = get(&client, &format!("{base}/v1/dyads/top?limit=20")).await?;
    let top: serde_json::Value = serde_json::from_slice(&top).context("reading /v1/dyads/top")?;
    let dyads: Vec<String> = top["dyads"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|d| d["dyad"].as_str())
                .map(|d| d.replacen('-', "/", 1))
                .collect()
        })
        .unwrap_or_default();
    if dyads.is_empty() {
        bail!("the benchmark database has no dyads to query");
    }
    let urls: Vec<String> = dyads
        .iter()
        .flat_map(|d| ["week", "month"].map(|by| format!("{base}/v1/dyads/{d}/series?by={by}")))
        .collect();
    let series = load(connections, seconds, |i| {
        let client = client.clone();
        let url = urls[i % urls.len()].clone();
        async move { get(&client, &url).await.map(|_| 0) }
    })
    .await?;
    series.print(&format!(
        "GET series, {} ({} dyads by week and month, {connections} connections)",
        if cold {
            "cache off"
        } else {
            "cached as served"
        },
        dyads.len()
    ));
    Ok(())
}

/// Starts `detente serve --addr 127.0.0.1:0 --cache N` and reads its address from
/// stderr.
fn start_server(db: &Path, cache: &str) -> anyhow::Result<(Server, String)> {
    let exe = std::env::current_exe().context("finding this binary")?;
    let mut child = Command::new(exe)
        .arg("serve")
        .arg("--db")
        .arg(db)
        .args(["--addr", "127.0.0.1:0", "--cache", cache])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("starting detente serve")?;
    let stderr = child.stderr.take().context("no stderr pipe")?;
    let server = Server(child);
    let mut lines = BufReader::new(stderr).lines();
    let base = loop {
        let Some(line) = lines.next() else {
            bail!("detente serve exited before listening");
        };
        let line = line.context("reading detente serve's stderr")?;
        if let Some(addr) = line
            .split("http://")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
        {
            break format!("http://{addr}");
        }
    };
    // Keep draining stderr so that the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Ok((server, base))
}

async fn get(client: &HttpClient, url: &str) -> anyhow::Result<Bytes> {
    let req = Request::get(url)
        .body(Full::default())
        .context("building a request")?;
    send(client, req).await
}

async fn post(client: &HttpClient, url: &str, body: Bytes) -> anyhow::Result<Bytes> {
    let req = Request::builder()
        .method(Method::POST)
        .uri(url)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Full::new(body))
        .context("building a request")?;
    send(client, req).await
}

async fn send(client: &HttpClient, req: Request<Full<Bytes>>) -> anyhow::Result<Bytes> {
    let uri = req.uri().clone();
    let res = client
        .request(req)
        .await
        .with_context(|| format!("requesting {uri}"))?;
    let status = res.status();
    let body = res
        .into_body()
        .collect()
        .await
        .with_context(|| format!("reading the answer to {uri}"))?
        .to_bytes();
    if status != StatusCode::OK {
        bail!("{uri}: HTTP {status}: {}", String::from_utf8_lossy(&body));
    }
    Ok(body)
}

/// What a load run measured.
struct Load {
    latencies: Vec<Duration>,
    secs: f64,
    /// Work units the requests carried (sentences for `/v1/code`).
    units: usize,
}

impl Load {
    fn print(&self, what: &str) {
        let n = self.latencies.len();
        let pct = |p: f64| {
            let i = ((n as f64 * p).ceil() as usize).clamp(1, n) - 1;
            self.latencies[i].as_secs_f64() * 1e3
        };
        println!(
            "{what}: {n} requests in {:.1} s, {:.0} requests/s; latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            self.secs,
            n as f64 / self.secs,
            pct(0.50),
            pct(0.90),
            pct(0.99),
            pct(1.0)
        );
    }
}

/// Keeps `workers` requests in flight for `seconds`; request `i` comes from `make(i)` and
/// yields its work units. Every request must succeed.
async fn load<F, Fut>(workers: usize, seconds: f64, make: F) -> anyhow::Result<Load>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<usize>> + 'static,
{
    let workers = workers.max(1);
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(seconds);
    let mut tasks = tokio::task::JoinSet::new();
    let mut latencies = Vec::new();
    let mut units = 0;
    let mut next = 0;
    let spawn = |tasks: &mut tokio::task::JoinSet<_>, i: usize| {
        let fut = make(i);
        tasks.spawn_local(async move {
            let t = Instant::now();
            fut.await.map(|u| (t.elapsed(), u))
        });
    };
    let local = tokio::task::LocalSet::new();
    local
        .run_until(async {
            for _ in 0..workers {
                spawn(&mut tasks, next);
                next += 1;
            }
            while let Some(done) = tasks.join_next().await {
                let (latency, u) = done.context("a client task failed")??;
                latencies.push(latency);
                units += u;
                if Instant::now() < deadline {
                    spawn(&mut tasks, next);
                    next += 1;
                }
            }
            Ok::<_, anyhow::Error>(())
        })
        .await?;
    let secs = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    Ok(Load {
        latencies,
        secs,
        units,
    })
}

//! The API against a temporary database, in-process (tower `oneshot`).

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use detente_dates::EventDate;
use detente_events::{ActorSpan, Event, Mode, Span};
use detente_server::{router, Config};
use detente_store::{ArticleInput, RunInfo, Store};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

const WORDS: [&str; 12] = [
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
    "kilo", "lima",
];

fn actor(code: &str) -> ActorSpan {
    ActorSpan {
        code: code.into(),
        text: code.into(),
        start: 0,
        end: 3,
    }
}

#[allow(clippy::too_many_arguments)]
fn event(doc: &str, date: &str, src: &str, tgt: &str, cameo: &str, quad: u8, g: f32) -> Event {
    Event {
        doc_id: doc.into(),
        sentence_id: 0,
        date: EventDate::parse(date),
        source: actor(src),
        target: Some(actor(tgt)),
        cameo: cameo.into(),
        root: cameo[..2].into(),
        quad_class: Some(quad),
        goldstein: Some(g),
        plover: None,
        mode: Mode::Asserted,
        evidence: Span {
            text: "met".into(),
            start: 4,
            end: 7,
        },
        location: None,
        pattern: "test".into(),
    }
}

fn run_info() -> RunInfo {
    RunInfo {
        version: "test".into(),
        dictionaries_hash: "d".into(),
        model_hash: "m".into(),
        started_unix: None,
    }
}

/// ISR-SYR: two cooperative events a month for six months, then three months of
/// conflict (an escalation alert); one EGY-JOR event.
fn database(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("detente-server-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("t.db");
    let mut store = Store::open(&path).unwrap();
    let info = run_info();
    let run = store.begin_run("ingest", &info).unwrap();
    let mut n = 0;
    for month in 1..=9 {
        for day in [5, 20] {
            n += 1;
            let id = format!("art-{month}-{day}");
            let date = format!("2025-{month:02}-{day:02}");
            let text = format!(
                "ISR met SYR. Story {n}: {} {} {} {} {} {}.",
                WORDS[n % 12],
                WORDS[(n * 5) % 12],
                WORDS[(n * 7) % 12],
                n * 31,
                n * 97,
                n * 13
            );
            let ev = if month <= 6 {
                event(&id, &date, "ISRGOV", "SYRGOV", "042", 1, 1.9)
            } else {
                event(&id, &date, "ISRMIL", "SYRMIL", "190", 4, -10.0)
            };
            let article = ArticleInput {
                id: id.clone(),
                text,
                date: Some(date.clone()),
                source: Some(format!("outlet{}", n % 3)),
                title: Some(format!("Title {n}")),
                url: Some(format!("https://example.org/{n}")),
            };
            store.store_article(run, &info, &article, &[ev]).unwrap();
        }
    }
    let article = ArticleInput {
        id: "egy".into(),
        text: "EGY met JOR in Cairo to talk about water.".into(),
        date: Some("2025-03-03".into()),
        source: Some("outlet9".into()),
        ..ArticleInput::default()
    };
    let ev = event("egy", "2025-03-03", "EGYGOV", "JORGOV", "040", 1, 1.0);
    store.store_article(run, &info, &article, &[ev]).unwrap();
    path
}

async fn call(config: &Config, req: Request<Body>) -> (StatusCode, Value, String) {
    let app = router(config.clone()).unwrap();
    let res = app.oneshot(req).await.unwrap();
    let status = res.status();
    let ctype = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let json = if ctype.starts_with("application/json") {
        serde_json::from_slice(&bytes).unwrap()
    } else {
        Value::Null
    };
    (status, json, String::from_utf8_lossy(&bytes).into_owned())
}

async fn get(config: &Config, uri: &str) -> (StatusCode, Value) {
    let (s, v, _) = call(config, Request::get(uri).body(Body::empty()).unwrap()).await;
    (s, v)
}

async fn post(config: &Config, uri: &str, body: impl Into<Body>) -> (StatusCode, Value) {
    let req = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.into())
        .unwrap();
    let (s, v, _) = call(config, req).await;
    (s, v)
}

fn assert_error(status: StatusCode, body: &Value, want: StatusCode) {
    assert_eq!(status, want, "{body}");
    assert!(
        body["error"].as_str().is_some_and(|e| !e.is_empty()),
        "{body}"
    );
}

#[tokio::test]
async fn healthz_and_openapi() {
    let config = Config::new(database("health"));
    let (s, v) = get(&config, "/healthz").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v, serde_json::json!({"status": "ok"}));
    let (s, v) = get(&config, "/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["openapi"], "3.0.3");
    for p in [
        "/healthz",
        "/v1/code",
        "/v1/events",
        "/v1/dyads/{a}/{b}/series",
        "/v1/alerts",
        "/v1/dyads/top",
        "/v1/articles/{id}",
    ] {
        assert!(v["paths"][p].is_object(), "{p} missing");
    }
}

#[tokio::test]
async fn events_filters_and_ids() {
    let config = Config::new(database("events"));
    let (s, v) = get(&config, "/v1/events?dyad=isr-syr").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let evs = v["events"].as_array().unwrap();
    assert_eq!(evs.len(), 18);
    assert_eq!(evs[0]["source"], "ISRGOV");
    let (_, v) = get(&config, "/v1/events?dyad=SYR-ISR&directed=true").await;
    assert_eq!(v["events"].as_array().unwrap().len(), 0);
    let (_, v) = get(&config, "/v1/events?code=19&from=2025-08&to=2025-09-30").await;
    assert_eq!(v["events"].as_array().unwrap().len(), 4);
    let (_, v) = get(&config, "/v1/events?actor=EGY&limit=5").await;
    assert_eq!(v["events"].as_array().unwrap().len(), 1);
    let (_, v) = get(&config, "/v1/events?limit=3").await;
    assert_eq!(v["events"].as_array().unwrap().len(), 3);
    let (_, v) = get(&config, "/v1/events?ids=1,2,999").await;
    let ids: Vec<i64> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![1, 2]);
    for bad in [
        "/v1/events?dyad=ISR",
        "/v1/events?dyad=IS%20R-SYR",
        "/v1/events?directed=true",
        "/v1/events?directed=maybe",
        "/v1/events?from=yesterday",
        "/v1/events?mode=rumoured",
        "/v1/events?ids=1,x",
        "/v1/events?limit=0",
        "/v1/events?code=abc",
    ] {
        let (s, v) = get(&config, bad).await;
        assert_error(s, &v, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn series_with_alert() {
    let config = Config::new(database("series"));
    let (s, v) = get(&config, "/v1/dyads/ISR/SYR/series?by=month").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["dyad"], "ISR-SYR");
    assert_eq!(v["by"], "month");
    let periods = v["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 9);
    assert_eq!(periods[0]["period"], "2025-01");
    assert_eq!(periods[0]["verbal_coop"], 2);
    assert_eq!(periods[8]["material_conflict"], 2);
    assert_eq!(periods[8]["event_ids"].as_array().unwrap().len(), 2);
    for key in [
        "start",
        "events",
        "material_coop",
        "verbal_conflict",
        "goldstein_sum",
        "goldstein_mean",
        "cci",
    ] {
        assert!(periods[0].get(key).is_some(), "{key}");
    }
    let alerts = v["alerts"].as_array().unwrap();
    assert!(!alerts.is_empty(), "{v}");
    assert_eq!(alerts[0]["dyad"], "ISR-SYR");
    assert_eq!(alerts[0]["direction"], "escalation");
    assert!(alerts[0]["strength"].as_f64().unwrap() >= 1.0);
    assert!(!alerts[0]["event_ids"].as_array().unwrap().is_empty());
    let (s, v) = get(&config, "/v1/dyads/isr/syr/series?by=week&directed=1").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(!v["periods"].as_array().unwrap().is_empty());
    let (s, v) = get(&config, "/v1/dyads/ISR/SYR/series?by=year").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST);
    let (s, v) = get(&config, "/v1/dyads/IS-R/SYR/series").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn alerts_and_top_dyads() {
    let config = Config::new(database("alerts"));
    let (s, v) = get(&config, "/v1/alerts").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let alerts = v["alerts"].as_array().unwrap();
    assert!(alerts.iter().any(|a| a["dyad"] == "ISR-SYR"), "{v}");
    let (_, v) = get(&config, "/v1/alerts?dyad=ISR-SYR&since=2025-01-01").await;
    assert!(!v["alerts"].as_array().unwrap().is_empty());
    let (_, v) = get(&config, "/v1/alerts?since=2026-01-01").await;
    assert!(v["alerts"].as_array().unwrap().is_empty());
    let (s, v) = get(&config, "/v1/alerts?since=soon").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST);
    let (s, v) = get(&config, "/v1/alerts?dyad=ISRSYR").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST);

    let (s, v) = get(&config, "/v1/dyads/top?limit=20").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let dyads = v["dyads"].as_array().unwrap();
    assert_eq!(dyads.len(), 2, "{v}");
    assert_eq!(dyads[0]["dyad"], "ISR-SYR");
    assert_eq!(dyads[0]["events"], 18);
    assert!(dyads[0]["goldstein_mean"].as_f64().unwrap() < 0.0);
    assert_eq!(dyads[1]["dyad"], "EGY-JOR");
    let (s, v) = get(&config, "/v1/dyads/top?limit=lots").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn article_with_evidence() {
    let config = Config::new(database("article"));
    let (s, v) = get(&config, "/v1/articles/art-1-5").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["id"], "art-1-5");
    assert_eq!(v["title"], "Title 1");
    assert_eq!(v["date"], "2025-01-05");
    assert!(v["text"].as_str().unwrap().starts_with("ISR met SYR"));
    let evs = v["events"].as_array().unwrap();
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["cameo"], "042");
    assert_eq!(evs[0]["evidence"], "met");
    assert_eq!(evs[0]["evidence_start"], 4);
    assert_eq!(evs[0]["evidence_end"], 7);
    let (s, v) = get(&config, "/v1/articles/nope").await;
    assert_error(s, &v, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn code_endpoint() {
    let config = Config::new(database("code"));
    let body = r#"{"text": "Israel attacked Syria on Monday.", "date": "2025-05-28", "id": "t1"}"#;
    let (s, v) = post(&config, "/v1/code", body).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let evs = v["events"].as_array().unwrap();
    assert!(!evs.is_empty(), "{v}");
    assert_eq!(evs[0]["doc_id"], "t1");
    // The same record as `detente code --date 2025-05-28`.
    assert_eq!(evs[0]["cameo"], "190");
    assert_eq!(evs[0]["source"]["code"], "ISR");
    assert_eq!(evs[0]["target"]["code"], "SYR");
    assert_eq!(evs[0]["date"], "2025-05-26");
    let req = Request::post("/v1/code")
        .body(Body::from(
            r#"{"text": "Israel attacked Syria on Monday."}"#,
        ))
        .unwrap();
    let (_, _, raw) = call(&config, req).await;
    assert!(
        raw.starts_with(r#"{"events":[{"doc_id":"api","sentence_id":0,"#),
        "{raw}"
    );
    let (s, v) = post(&config, "/v1/code", "{not json").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST);
    let (s, v) = post(&config, "/v1/code", r#"{"txt": "x"}"#).await;
    assert_error(s, &v, StatusCode::BAD_REQUEST);
    let (s, v) = post(&config, "/v1/code", r#"{"text": "x", "date": "May"}"#).await;
    assert_error(s, &v, StatusCode::BAD_REQUEST);
    let big = format!(r#"{{"text": "{}"}}"#, "a".repeat(2 << 20));
    let (s, v) = post(&config, "/v1/code", big).await;
    assert_error(s, &v, StatusCode::PAYLOAD_TOO_LARGE);
    let (s, v) = get(&config, "/v1/code").await;
    assert_error(s, &v, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn token_guards_posts() {
    let mut config = Config::new(database("token"));
    config.token = Some("sekrit".into());
    let (s, v) = post(&config, "/v1/code", r#"{"text": "Hello."}"#).await;
    assert_error(s, &v, StatusCode::UNAUTHORIZED);
    let req = Request::post("/v1/code")
        .header(header::AUTHORIZATION, "Bearer sekrit")
        .body(Body::from(r#"{"text": "Hello."}"#))
        .unwrap();
    let (s, v, _) = call(&config, req).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, _) = get(&config, "/healthz").await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn dashboard_and_unknown_paths() {
    let config = Config::new(database("assets"));
    let (s, _, html) = call(&config, Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.to_ascii_lowercase().contains("<html"));
    // The page may run only its own script and talk only to its own origin.
    let app = router(config.clone()).unwrap();
    let res = app
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let csp = res.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_string();
    for rule in [
        "default-src 'none'",
        "script-src 'self'",
        "connect-src 'self'",
    ] {
        assert!(csp.contains(rule), "{rule} missing from {csp}");
    }
    assert!(!csp.contains("unsafe"), "{csp}");
    for a in ["/assets/app.js", "/assets/style.css"] {
        let (s, _, _) = call(&config, Request::get(a).body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::OK, "{a}");
    }
    let (s, v) = get(&config, "/assets/secret.txt").await;
    assert_error(s, &v, StatusCode::NOT_FOUND);
    let (s, v) = get(&config, "/v2/nothing").await;
    assert_error(s, &v, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn missing_database_is_not_a_500() {
    let config = Config::new("/nonexistent/detente.db");
    let (s, v) = get(&config, "/v1/events").await;
    assert_error(s, &v, StatusCode::SERVICE_UNAVAILABLE);
}

/// One router (one cache) across requests, with a write to the database in between:
/// the answers follow the database.
#[tokio::test]
async fn cached_answers_follow_the_database() {
    let path = database("cache");
    let app = router(Config::new(&path)).unwrap();
    let series = |app: axum::Router| async move {
        let req = Request::get("/v1/dyads/EGY/JOR/series?by=month")
            .body(Body::empty())
            .unwrap();
        let res = app.oneshot(req).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let v: Value = serde_json::from_slice(&bytes).unwrap();
        v["periods"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["events"].as_u64().unwrap())
            .sum::<u64>()
    };
    assert_eq!(series(app.clone()).await, 1);
    assert_eq!(series(app.clone()).await, 1);

    // Another process would ingest here; the store writes the same file.
    let mut store = Store::open(&path).unwrap();
    let info = run_info();
    let run = store.begin_run("ingest", &info).unwrap();
    let article = ArticleInput {
        id: "egy2".into(),
        text: "JOR hosted EGY for talks on trade and water in Amman.".into(),
        date: Some("2025-04-04".into()),
        source: Some("outlet8".into()),
        ..ArticleInput::default()
    };
    let ev = event("egy2", "2025-04-04", "JORGOV", "EGYGOV", "040", 1, 1.0);
    store.store_article(run, &info, &article, &[ev]).unwrap();
    drop(store);

    assert_eq!(series(app.clone()).await, 2, "a stale answer was served");
}

/// A database deleted and built again under the same path: pooled connections and
/// cached answers of the old file are not used.
#[tokio::test]
async fn a_replaced_database_is_read_afresh() {
    let path = database("replaced");
    let app = router(Config::new(&path)).unwrap();
    let count = |app: axum::Router| async move {
        let req = Request::get("/v1/events?dyad=EGY-JOR")
            .body(Body::empty())
            .unwrap();
        let res = app.oneshot(req).await.unwrap();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let v: Value = serde_json::from_slice(&bytes).unwrap();
        v["events"].as_array().unwrap().len()
    };
    assert_eq!(count(app.clone()).await, 1);
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
    let mut store = Store::open(&path).unwrap();
    let info = run_info();
    let run = store.begin_run("ingest", &info).unwrap();
    for (id, day) in [("n1", "2025-02-02"), ("n2", "2025-02-09")] {
        let article = ArticleInput {
            id: id.into(),
            text: format!("EGY and JOR met on {day} in a new story numbered {id}."),
            date: Some(day.into()),
            ..ArticleInput::default()
        };
        let ev = event(id, day, "EGYGOV", "JORGOV", "040", 1, 1.0);
        store.store_article(run, &info, &article, &[ev]).unwrap();
    }
    drop(store);
    assert_eq!(count(app.clone()).await, 2, "the old file was read");
}

//! The JSON endpoints. Every handler checks its input, then runs the store query on the
//! blocking pool with the database opened read-only.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use detente_dates::EventDate;
use detente_events::{Article, Mode};
use detente_store::alerts::{detect, scan_all};
use detente_store::{dyad_series, Alert, AlertParams, EventFilter, Period, Store};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::{ApiError, AppState};

type Shared = State<Arc<AppState>>;
type Params = Result<Query<HashMap<String, String>>, QueryRejection>;
type ApiResult = Result<Json<Value>, ApiError>;

/// Most events `/v1/events` returns.
const MAX_EVENTS: usize = 10_000;
/// Most ids `/v1/events?ids=` takes.
const MAX_IDS: usize = 1_000;

fn params(p: Params) -> Result<HashMap<String, String>, ApiError> {
    p.map(|Query(q)| q)
        .map_err(|e| ApiError::bad(format!("bad query string: {}", e.body_text())))
}

/// A non-empty query parameter.
fn opt<'a>(q: &'a HashMap<String, String>, key: &str) -> Option<&'a str> {
    q.get(key).map(|s| s.trim()).filter(|s| !s.is_empty())
}

fn flag(q: &HashMap<String, String>, key: &str) -> Result<bool, ApiError> {
    match q.get(key).map(|s| s.trim()) {
        None | Some("0" | "false" | "no") => Ok(false),
        Some("" | "1" | "true" | "yes") => Ok(true),
        Some(v) => Err(ApiError::bad(format!(
            "{key}={v:?}: expected true or false"
        ))),
    }
}

fn number(
    q: &HashMap<String, String>,
    key: &str,
    default: usize,
    max: usize,
) -> Result<usize, ApiError> {
    match opt(q, key) {
        None => Ok(default),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::bad(format!(
                "{key}={v:?}: expected a whole number from 1 to {max}"
            ))),
        },
    }
}

/// An actor-code prefix: letters and digits only, upper-cased.
fn actor_code(what: &str, s: &str) -> Result<String, ApiError> {
    if s.is_empty() || s.len() > 32 || !s.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(ApiError::bad(format!(
            "{what} {s:?}: expected an actor code of letters and digits, as ISR"
        )));
    }
    Ok(s.to_ascii_uppercase())
}

fn parse_dyad(s: &str) -> Result<(String, String), ApiError> {
    match s.split_once('-') {
        Some((a, b)) if !b.contains('-') => Ok((actor_code("dyad", a)?, actor_code("dyad", b)?)),
        _ => Err(ApiError::bad(format!(
            "dyad={s:?}: expected two actor codes joined by '-', as ISR-SYR"
        ))),
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn date_prefix(key: &str, s: &str) -> Result<String, ApiError> {
    let ok = EventDate::parse(s).is_some()
        && matches!(s.len(), 4 | 7 | 10)
        && s.chars().all(|c| c.is_ascii_digit() || c == '-');
    if ok {
        Ok(s.to_string())
    } else {
        Err(ApiError::bad(format!(
            "{key}={s:?}: expected a date as YYYY-MM-DD (or YYYY-MM, YYYY)"
        )))
    }
}

fn period(q: &HashMap<String, String>) -> Result<Period, ApiError> {
    let by = opt(q, "by").unwrap_or("month");
    by.parse()
        .map_err(|_| ApiError::bad(format!("by={by:?}: expected day, week or month")))
}

/// Connections kept open between requests (at most this many idle).
const IDLE_STORES: usize = 16;

/// Runs `f` on the blocking pool with a read-only connection to the database, taken from
/// the pool of idle ones or opened afresh, and put back after a successful query.
async fn with_store<T, F>(state: &Arc<AppState>, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
{
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let id = crate::cache::file_id(&state.config.db);
        let idle = state.stores.lock().ok().and_then(|mut pool| {
            // Connections to a file that is no longer at this path are dropped.
            pool.retain(|(of, _)| *of == id);
            pool.pop()
        });
        let store = match idle {
            Some((_, store)) => store,
            None => Store::open_read_only(&state.config.db).map_err(store_error)?,
        };
        let out = f(&store)?;
        if let Ok(mut pool) = state.stores.lock() {
            if pool.len() < IDLE_STORES {
                pool.push((id, store));
            }
        }
        Ok(out)
    })
    .await
    .map_err(|_| ApiError(StatusCode::SERVICE_UNAVAILABLE, "query failed".into()))?
}

/// Answers a query endpoint from the cache when the database has not changed since the
/// answer to `key` was computed; otherwise runs `f` (see [`with_store`]) and keeps its
/// answer.
async fn cached<F>(state: &Arc<AppState>, key: String, f: F) -> Result<Response, ApiError>
where
    F: FnOnce(&Store) -> Result<Value, ApiError> + Send + 'static,
{
    let stamp = crate::cache::stamp(&state.config.db);
    if let Some(hit) = stamp.as_ref().and_then(|s| state.cache.get(&key, s)) {
        return Ok(json_answer(hit));
    }
    let value = with_store(state, f).await?;
    let body = Bytes::from(value.to_string());
    if let Some(stamp) = stamp {
        state.cache.put(key, stamp, body.clone());
    }
    Ok(json_answer(body))
}

fn json_answer(body: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn store_error(e: detente_store::StoreError) -> ApiError {
    ApiError(StatusCode::SERVICE_UNAVAILABLE, format!("database: {e}"))
}

fn alert_json(al: &Alert) -> Value {
    json!({
        "dyad": format!("{}-{}", al.a, al.b),
        "direction": al.direction.as_str(),
        "period": al.period,
        "start": al.start,
        "run_start": al.run_start,
        "strength": al.strength,
        "shift": al.shift,
        "baseline": al.baseline,
        "value": al.value,
        "event_ids": al.event_ids,
    })
}

pub(crate) async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CodeRequest {
    text: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    id: Option<String>,
}

pub(crate) async fn code(
    State(state): Shared,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|e| ApiError(e.status(), e.body_text()))?;
    let req: CodeRequest = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad(format!("invalid JSON body: {e}")))?;
    let date = match req.date.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(
            EventDate::parse(s)
                .filter(|d| d.day.is_some())
                .ok_or_else(|| {
                    ApiError::bad(format!("date {s:?}: expected a date as YYYY-MM-DD"))
                })?,
        ),
    };
    let id = req.id.unwrap_or_else(|| "api".into());
    let model = state
        .model
        .clone()
        .map_err(|e| ApiError(StatusCode::SERVICE_UNAVAILABLE, e))?;
    let st = state.clone();
    let events = tokio::task::spawn_blocking(move || {
        let doc = detente_pipeline::analyze(model, &req.text)
            .map_err(|e| ApiError::bad(format!("text: {e}")))?;
        let events = st.coder.code(
            &doc,
            &Article {
                id: &id,
                text: &req.text,
                date,
            },
        );
        // Each record exactly as `detente code` writes it (same field order).
        let records: Vec<String> = events.iter().map(|e| e.to_json()).collect();
        Ok::<_, ApiError>(format!("{{\"events\":[{}]}}", records.join(",")))
    })
    .await
    .map_err(|_| ApiError(StatusCode::SERVICE_UNAVAILABLE, "coding failed".into()))??;
    Ok(([(header::CONTENT_TYPE, "application/json")], events).into_response())
}

pub(crate) async fn events(State(state): Shared, q: Params) -> ApiResult {
    let q = params(q)?;
    let limit = number(&q, "limit", 1000, MAX_EVENTS)?;
    let mut modes = Vec::new();
    if let Some(m) = opt(&q, "mode") {
        for m in m.split(',').map(str::trim).filter(|m| !m.is_empty()) {
            if !Mode::ALL.iter().any(|x| x.as_str() == m) {
                return Err(ApiError::bad(format!(
                    "mode={m:?}: expected one of {}",
                    Mode::ALL.map(Mode::as_str).join(", ")
                )));
            }
            modes.push(m.to_string());
        }
    }
    let code = match opt(&q, "code") {
        Some(c) if c.len() > 4 || !c.chars().all(|ch| ch.is_ascii_digit()) => {
            return Err(ApiError::bad(format!(
                "code={c:?}: expected a CAMEO code prefix of digits, as 19 or 046"
            )))
        }
        c => c.map(str::to_string),
    };
    let filter = EventFilter {
        dyad: opt(&q, "dyad").map(parse_dyad).transpose()?,
        directed: flag(&q, "directed")?,
        actor: opt(&q, "actor")
            .map(|a| actor_code("actor", a))
            .transpose()?,
        code,
        from: opt(&q, "from")
            .map(|d| date_prefix("from", d))
            .transpose()?,
        to: opt(&q, "to").map(|d| date_prefix("to", d)).transpose()?,
        modes,
    };
    if filter.directed && filter.dyad.is_none() {
        return Err(ApiError::bad("directed needs dyad"));
    }
    let ids = match opt(&q, "ids") {
        None => None,
        Some(s) => {
            let ids = s
                .split(',')
                .map(|i| i.trim().parse::<i64>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| ApiError::bad(format!("ids={s:?}: expected ids joined by ','")))?;
            if ids.len() > MAX_IDS {
                return Err(ApiError::bad(format!("ids: at most {MAX_IDS} ids")));
            }
            Some(ids)
        }
    };
    let events = with_store(&state, move |store| {
        let mut events = match ids {
            Some(ids) => store.events_with_ids(&ids),
            None => store.events(&filter),
        }
        .map_err(store_error)?;
        events.truncate(limit);
        Ok(events)
    })
    .await?;
    Ok(Json(json!({ "events": events })))
}

pub(crate) async fn series(
    State(state): Shared,
    path: Result<Path<(String, String)>, PathRejection>,
    q: Params,
) -> Result<Response, ApiError> {
    let Path((a, b)) = path.map_err(|e| ApiError::bad(e.body_text()))?;
    let (a, b) = (actor_code("actor", &a)?, actor_code("actor", &b)?);
    let q = params(q)?;
    let by = period(&q)?;
    let directed = flag(&q, "directed")?;
    let filter = EventFilter {
        dyad: Some((a.clone(), b.clone())),
        directed,
        ..EventFilter::default()
    };
    let by_label = opt(&q, "by").unwrap_or("month").to_ascii_lowercase();
    let key = format!("series {a} {b} {by_label} {directed}");
    cached(&state, key, move |store| {
        let events = store
            .rolled_up_counts(&filter, false)
            .map_err(store_error)?;
        let s = dyad_series(&events, &a, &b, directed, by);
        let alerts = detect(&s, &AlertParams::default());
        let periods: Vec<Value> = s
            .rows
            .iter()
            .map(|r| {
                json!({
                    "period": r.period,
                    "start": r.start,
                    "events": r.events,
                    "verbal_coop": r.quad[0],
                    "material_coop": r.quad[1],
                    "verbal_conflict": r.quad[2],
                    "material_conflict": r.quad[3],
                    "unclassified": r.unclassified,
                    "goldstein_sum": r.goldstein_sum,
                    "goldstein_mean": r.goldstein_mean,
                    "cci": r.index,
                    "event_ids": r.event_ids,
                })
            })
            .collect();
        Ok(json!({
            "dyad": format!("{a}-{b}"),
            "by": by_label,
            "directed": directed,
            "periods": periods,
            "alerts": alerts.iter().map(alert_json).collect::<Vec<_>>(),
            "skipped_imprecise": s.skipped_imprecise,
            "skipped_undated": s.skipped_undated,
        }))
    })
    .await
}

pub(crate) async fn alerts(State(state): Shared, q: Params) -> Result<Response, ApiError> {
    let q = params(q)?;
    let by = period(&q)?;
    let since = opt(&q, "since")
        .map(|s| {
            EventDate::parse(s)
                .filter(|d| d.day.is_some())
                .map(|_| s.to_string())
                .ok_or_else(|| ApiError::bad(format!("since={s:?}: expected a date as YYYY-MM-DD")))
        })
        .transpose()?;
    let dyad = opt(&q, "dyad").map(parse_dyad).transpose()?;
    let min_events = number(&q, "min_events", 10, 1_000_000)?;
    let key = format!("alerts {by:?} {since:?} {dyad:?} {min_events}");
    cached(&state, key, move |store| {
        let params = AlertParams::default();
        let alerts = match dyad {
            Some((a, b)) => {
                let filter = EventFilter {
                    dyad: Some((a.clone(), b.clone())),
                    ..EventFilter::default()
                };
                let events = store
                    .rolled_up_counts(&filter, false)
                    .map_err(store_error)?;
                detect(&dyad_series(&events, &a, &b, false, by), &params)
                    .into_iter()
                    .filter(|al| since.as_deref().is_none_or(|s| al.start.as_str() >= s))
                    .collect::<Vec<_>>()
            }
            None => {
                let events = store
                    .rolled_up_counts(&EventFilter::default(), false)
                    .map_err(store_error)?;
                scan_all(&events, by, &params, min_events, since.as_deref())
            }
        };
        Ok(json!({
            "alerts": alerts.iter().map(alert_json).collect::<Vec<_>>()
        }))
    })
    .await
}

pub(crate) async fn top_dyads(State(state): Shared, q: Params) -> Result<Response, ApiError> {
    let q = params(q)?;
    let limit = number(&q, "limit", 20, 500)?;
    cached(&state, format!("top {limit}"), move |store| {
        let rows = store.top_dyads(limit).map_err(store_error)?;
        let dyads: Vec<Value> = rows
            .into_iter()
            .map(|(a, b, n, mean)| {
                json!({ "dyad": format!("{a}-{b}"), "events": n, "goldstein_mean": mean })
            })
            .collect();
        Ok(json!({ "dyads": dyads }))
    })
    .await
}

pub(crate) async fn article(
    State(state): Shared,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult {
    let Path(id) = path.map_err(|e| ApiError::bad(e.body_text()))?;
    if id.is_empty() || id.len() > 1024 {
        return Err(ApiError::bad("article id: expected 1 to 1024 bytes"));
    }
    let found = with_store(&state, move |store| {
        let Some(a) = store.article(&id).map_err(store_error)? else {
            return Err(ApiError(
                StatusCode::NOT_FOUND,
                format!("no article with id {id:?}"),
            ));
        };
        let events = store.article_events(&id).map_err(store_error)?;
        Ok((a, events))
    })
    .await?;
    let (a, events) = found;
    let events: Vec<Value> = events
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "sentence_id": e.sentence_id,
                "cameo": e.cameo,
                "quad_class": e.quad_class,
                "goldstein": e.goldstein,
                "source": e.source,
                "target": e.target,
                "mode": e.mode,
                "date": e.date,
                "evidence": e.evidence,
                "evidence_start": e.evidence_start,
                "evidence_end": e.evidence_end,
            })
        })
        .collect();
    Ok(Json(json!({
        "id": a.id,
        "title": a.title,
        "date": a.date,
        "source": a.source,
        "url": a.url,
        "text": a.text,
        "events": events,
    })))
}

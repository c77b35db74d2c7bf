//! The HTTP API and dashboard of `detente serve` (axum on tokio).
//!
//! Module map: `lib.rs` (state, router, middleware), `api.rs` (the JSON endpoints),
//! `openapi.rs` (the hand-written OpenAPI document), `assets.rs` (the embedded
//! dashboard).
//!
//! **Safety.** The database is opened read-only and queried on the blocking pool; idle
//! connections are kept for the next request. Answers of the query endpoints are cached
//! until the database files change (`cache.rs`).
//! Request bodies are limited to [`BODY_LIMIT`] bytes and requests time out after
//! [`Config::timeout`]. Every error is a 4xx (or 503 when the database cannot be read)
//! with a JSON body `{"error": "..."}`; a panic becomes a JSON 500 instead of a dropped
//! connection. When a token is configured, every request other than GET/HEAD needs
//! `Authorization: Bearer <token>`.

mod api;
mod assets;
mod cache;
mod openapi;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use detente_events::Coder;
use detente_syntax::Model;

pub use openapi::OPENAPI;

/// Largest accepted request body (1 MiB).
pub const BODY_LIMIT: usize = 1 << 20;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The database, opened read-only per request.
    pub db: PathBuf,
    /// A token required by every non-GET request, if set.
    pub token: Option<String>,
    /// Request time-out.
    pub timeout: Duration,
    /// How many answers of the query endpoints (series, alerts, top dyads) to keep until
    /// the database changes; 0 turns the cache off.
    pub cache_entries: usize,
}

impl Config {
    /// A configuration for `db` with no token and a 30-second time-out.
    pub fn new(db: impl Into<PathBuf>) -> Config {
        Config {
            db: db.into(),
            token: None,
            timeout: Duration::from_secs(30),
            cache_entries: 256,
        }
    }
}

/// What the handlers share: the configuration and the coder, built once.
pub(crate) struct AppState {
    pub(crate) config: Config,
    pub(crate) coder: Coder<'static>,
    pub(crate) model: Result<&'static Model, String>,
    /// Read-only connections kept between requests, so that each query finds SQLite's
    /// page cache warm instead of opening the file again.
    /// Each with the identity of the file it opened (see `cache::file_id`), so that a
    /// database replaced under the same path is opened afresh.
    pub(crate) stores: std::sync::Mutex<Vec<(Option<cache::FileId>, detente_store::Store)>>,
    /// Answers of the query endpoints for the database's current state.
    pub(crate) cache: cache::Cache,
}

/// An API error: a status and a message, sent as `{"error": "..."}`.
#[derive(Debug)]
pub(crate) struct ApiError(pub(crate) StatusCode, pub(crate) String);

impl ApiError {
    pub(crate) fn bad(msg: impl Into<String>) -> ApiError {
        ApiError(StatusCode::BAD_REQUEST, msg.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(serde_json::json!({ "error": self.1 }))).into_response()
    }
}

/// Builds the coder (built-in actors and lexicon) and looks up the built-in model.
fn state(config: Config) -> Result<AppState, String> {
    let kb = detente_actors::builtin().map_err(|e| format!("built-in actor dictionaries: {e}"))?;
    let kb: &'static detente_actors::KnowledgeBase = Box::leak(Box::new(kb));
    let lexicon = detente_events::Lexicon::try_builtin()
        .map_err(|e| format!("built-in event lexicon: {e}"))?;
    Ok(AppState {
        coder: Coder::new(kb, lexicon),
        model: Model::builtin().map_err(|e| format!("built-in model: {e}")),
        stores: std::sync::Mutex::new(Vec::new()),
        cache: cache::Cache::new(config.cache_entries),
        config,
    })
}

/// The whole application: API, OpenAPI document and dashboard, with limits and
/// time-outs.
pub fn router(config: Config) -> Result<Router, String> {
    let timeout = config.timeout;
    let state = Arc::new(state(config)?);
    let api = Router::new()
        .route("/healthz", get(api::healthz))
        .route("/openapi.json", get(openapi::document))
        .route("/v1/code", post(api::code))
        .route("/v1/events", get(api::events))
        .route("/v1/dyads/top", get(api::top_dyads))
        .route("/v1/dyads/{a}/{b}/series", get(api::series))
        .route("/v1/alerts", get(api::alerts))
        .route("/v1/articles/{id}", get(api::article))
        .route("/", get(assets::index))
        .route("/assets/{file}", get(assets::asset))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            require_token,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(on_panic))
        .with_state(state);
    Ok(api)
}

async fn not_found() -> ApiError {
    ApiError(StatusCode::NOT_FOUND, "no such endpoint".into())
}

async fn method_not_allowed() -> ApiError {
    ApiError(
        StatusCode::METHOD_NOT_ALLOWED,
        "method not allowed on this endpoint".into(),
    )
}

fn on_panic(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError(StatusCode::INTERNAL_SERVER_ERROR, "internal error".into()).into_response()
}

/// Compares a given token with the configured one in time that depends only on their
/// lengths, not on where they first differ.
fn same_secret(given: &[u8], token: &[u8]) -> bool {
    given.len() == token.len() && given.iter().zip(token).fold(0u8, |d, (a, b)| d | (a ^ b)) == 0
}

async fn require_token(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if let Some(token) = &state.config.token {
        if req.method() != Method::GET && req.method() != Method::HEAD {
            let given = req
                .headers()
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "));
            if !given.is_some_and(|g| same_secret(g.as_bytes(), token.as_bytes())) {
                return ApiError(
                    StatusCode::UNAUTHORIZED,
                    "this endpoint needs `Authorization: Bearer <token>`".into(),
                )
                .into_response();
            }
        }
    }
    next.run(req).await
}

/// Serves `router(config)` on `listener` until Ctrl-C.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    let app = router(config).map_err(std::io::Error::other)?;
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

//! The event store of detente: articles and their events in an embedded SQLite database,
//! with deduplication, dyad series, change-point alerts and exports.
//!
//! Module map: `model.rs` (the stored event row shared by every module), `db.rs` (schema,
//! ingest, recode), `dedup.rs` (near-duplicate articles), `export.rs` (JSONL, CSV, GDELT,
//! Phoenix, ICEWS, Parquet), `series.rs` (dyad series), `alerts.rs` (change detection),
//! `plot.rs` (SVG charts).

mod db;
pub mod dedup;
mod model;

pub mod alerts;
pub mod convert;
pub mod export;
pub mod plot;
pub mod series;

pub use db::{
    ArticleInput, ArticleState, DyadCount, IngestReport, Outcome, RunInfo, Store, StoreError,
    CLAIM_MODES, SCHEMA_VERSION,
};
pub use model::{EventFilter, StoredEvent};

pub use alerts::{Alert, AlertParams, Direction};
pub use convert::{stored_event, ArticleMeta};
pub use export::{export, ExportError, ExportFormat};
pub use series::{dyad_series, DyadSeries, Period, PeriodRow};

//! The stored event: one coded event with its article's metadata and, after roll-up,
//! its mention counts. Every module of the store reads and writes this shape.

use serde::Serialize;

/// One event as stored and queried.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEvent {
    /// Row id (unique in the database).
    pub id: i64,
    /// The article it was coded from.
    pub article_id: String,
    /// Sentence index in the article, from 0.
    pub sentence_id: u32,
    /// Event date as precise as the text allows: `2025-05-28`, `2025-05` or `2025`.
    pub date: Option<String>,
    /// Source actor code (`ISRGOV`) and the words it was read from.
    pub source: String,
    /// Source words.
    pub source_text: String,
    /// Target actor code, if any.
    pub target: Option<String>,
    /// Target words.
    pub target_text: Option<String>,
    /// CAMEO code ("046").
    pub cameo: String,
    /// Root code ("04").
    pub root: String,
    /// Quad class 1..4.
    pub quad_class: Option<u8>,
    /// Goldstein value.
    pub goldstein: Option<f32>,
    /// PLOVER type.
    pub plover: Option<String>,
    /// asserted, reported, future, historical, hypothetical, negated.
    pub mode: String,
    /// Evidence text and its code-point span in the article.
    pub evidence: String,
    /// Evidence start (code points).
    pub evidence_start: u32,
    /// Evidence end (code points).
    pub evidence_end: u32,
    /// Place name, country code, latitude, longitude (all optional).
    pub location_name: Option<String>,
    /// Place country code.
    pub location_country: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// The pattern that produced it.
    pub pattern: String,
    /// The article's publication date (`YYYY-MM-DD`), source outlet and URL.
    pub article_date: Option<String>,
    /// The outlet.
    pub article_source: Option<String>,
    /// The URL.
    pub article_url: Option<String>,
    /// Roll-up counts (GDELT's NumMentions, NumSources, NumArticles); 1 for a single
    /// mention.
    pub num_mentions: u32,
    /// Distinct outlets.
    pub num_sources: u32,
    /// Distinct (non-duplicate) articles.
    pub num_articles: u32,
}

/// What `detente events` and the API filter on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    /// `ISR-SYR`: both directions unless `directed`.
    pub dyad: Option<(String, String)>,
    /// Only the source → target direction of the dyad.
    pub directed: bool,
    /// An actor code prefix on either side.
    pub actor: Option<String>,
    /// A CAMEO code prefix ("19", "046").
    pub code: Option<String>,
    /// Inclusive date bounds (`YYYY-MM-DD`, compared as text prefixes).
    pub from: Option<String>,
    /// Upper bound.
    pub to: Option<String>,
    /// Modes to keep; empty means the claims (asserted, reported, future, historical).
    pub modes: Vec<String>,
}

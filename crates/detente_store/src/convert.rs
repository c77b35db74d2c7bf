//! From a coded [`detente_events::Event`] to a [`StoredEvent`], for code that holds coder
//! output but no database (tests, pipelines that export directly).

use detente_events::Event;

use crate::model::StoredEvent;

/// The article metadata a stored event carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ArticleMeta<'a> {
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<&'a str>,
    /// The outlet.
    pub source: Option<&'a str>,
    /// The URL.
    pub url: Option<&'a str>,
}

/// The stored form of one coder event: row id `id`, a single mention (all counts 1).
pub fn stored_event(id: i64, ev: &Event, article: &ArticleMeta<'_>) -> StoredEvent {
    let loc = ev.location.as_ref();
    StoredEvent {
        id,
        article_id: ev.doc_id.clone(),
        sentence_id: u32::try_from(ev.sentence_id).unwrap_or(u32::MAX),
        date: ev.date.map(|d| d.to_string()),
        source: ev.source.code.clone(),
        source_text: ev.source.text.clone(),
        target: ev.target.as_ref().map(|t| t.code.clone()),
        target_text: ev.target.as_ref().map(|t| t.text.clone()),
        cameo: ev.cameo.clone(),
        root: ev.root.clone(),
        quad_class: ev.quad_class,
        goldstein: ev.goldstein,
        plover: ev.plover.clone(),
        mode: ev.mode.as_str().to_string(),
        evidence: ev.evidence.text.clone(),
        evidence_start: ev.evidence.start,
        evidence_end: ev.evidence.end,
        location_name: loc.map(|l| l.name.clone()),
        location_country: loc.map(|l| l.country.clone()),
        lat: loc.and_then(|l| l.lat),
        lon: loc.and_then(|l| l.lon),
        pattern: ev.pattern.clone(),
        article_date: article.date.map(str::to_string),
        article_source: article.source.map(str::to_string),
        article_url: article.url.map(str::to_string),
        num_mentions: 1,
        num_sources: 1,
        num_articles: 1,
    }
}

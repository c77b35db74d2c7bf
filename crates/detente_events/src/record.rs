//! The event record of `../shared/spec/events.md`: what `detente code` writes, one JSON
//! object per event, with code-point offsets into the article text.

use detente_dates::EventDate;
use serde::{Serialize, Serializer};

/// How the text presents the event. Scorers count only asserted, reported, future and
/// historical events as claims that something happened or will.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Stated as fact by the writer.
    Asserted,
    /// Attributed to a source ("according to", "X said that", "reportedly").
    Reported,
    /// Stated for the future ("will meet").
    Future,
    /// Background from the past ("have historically included", "since the 1967 war").
    Historical,
    /// Possible, conditional or wished for ("might", "may", "if", "consider").
    Hypothetical,
    /// Denied or negated ("did not attack", "denied sending troops").
    Negated,
}

impl Mode {
    /// Every mode, in the order of their names in the documentation.
    pub const ALL: [Mode; 6] = [
        Mode::Asserted,
        Mode::Reported,
        Mode::Future,
        Mode::Historical,
        Mode::Hypothetical,
        Mode::Negated,
    ];

    /// The name used in records.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Asserted => "asserted",
            Mode::Reported => "reported",
            Mode::Future => "future",
            Mode::Historical => "historical",
            Mode::Hypothetical => "hypothetical",
            Mode::Negated => "negated",
        }
    }
}

/// An actor of an event: its code and where it is written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorSpan {
    /// CAMEO actor code (`ISR`, `SYRGOV`).
    pub code: String,
    /// The words as written.
    pub text: String,
    /// Code-point offset of the first character.
    pub start: u32,
    /// Code-point offset after the last character.
    pub end: u32,
}

/// A span of the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    /// The text of the span.
    pub text: String,
    /// Code-point offset of the first character.
    pub start: u32,
    /// Code-point offset after the last character.
    pub end: u32,
}

/// Where the event took place, from the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Location {
    /// The place name as the gazetteer gives it (or as written, for an area of a country).
    pub name: String,
    /// CAMEO country code.
    pub country: String,
    /// First-level region, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// Latitude, when known.
    pub lat: Option<f64>,
    /// Longitude, when known.
    pub lon: Option<f64>,
    /// GeoNames id, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u32>,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// The article id.
    pub doc_id: String,
    /// Sentence index in the article, from 0.
    pub sentence_id: usize,
    /// The event date, as precise as the text allows.
    #[serde(serialize_with = "date_str")]
    pub date: Option<EventDate>,
    /// Who acts.
    pub source: ActorSpan,
    /// Who is acted upon.
    pub target: Option<ActorSpan>,
    /// CAMEO event code ("046", "0874"; legacy dictionaries may use their own).
    pub cameo: String,
    /// Its first two characters.
    pub root: String,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: Option<u8>,
    /// Goldstein scale value.
    pub goldstein: Option<f32>,
    /// PLOVER event type.
    pub plover: Option<String>,
    /// How the text presents it.
    pub mode: Mode,
    /// The words the event was coded from.
    pub evidence: Span,
    /// Where it happened.
    pub location: Option<Location>,
    /// The dictionary entry or rule that produced it.
    pub pattern: String,
}

fn date_str<S: Serializer>(d: &Option<EventDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.to_string()),
        None => s.serialize_none(),
    }
}

impl Event {
    /// The record as one line of JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }
}

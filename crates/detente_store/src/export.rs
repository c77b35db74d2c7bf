//! Exports of stored events: JSONL, CSV, and the published layouts of GDELT 2.0 events
//! (61 columns), Phoenix (26 columns), ICEWS (20 columns) and Parquet (the CSV columns,
//! typed).
//!
//! Rules shared by every writer:
//! - Columns come in the published order; the names are the constants
//!   [`GDELT_COLUMNS`], [`PHOENIX_COLUMNS`], [`ICEWS_COLUMNS`] and [`CSV_COLUMNS`].
//! - A field detente does not know is written empty; nothing is invented. Dates that are
//!   only a month or a year leave the day (and, for a year, the month) fields empty.
//! - GDELT and Phoenix files are written without a header line, as they are published;
//!   ICEWS and CSV files have one.
//! - In tab-separated layouts, tabs and line breaks inside a field become spaces.
//!
//! Mappings that differ from the originals, by necessity:
//! - Actor and place country codes are CAMEO (ISO 3166-1 alpha-3) codes; GDELT's geo
//!   columns use FIPS 10-4 and ICEWS uses country names, which detente does not store.
//! - Actor names are the words as written in the article (`source_text`).
//! - An actor's country is the first three letters of its code when they are a country of
//!   `dictionaries/countries.txt`; its type codes (GDELT `Type1..3`, Phoenix role and
//!   attribute) are the following three-letter groups. `IGO`, `NGO`, `IMG`, `MNC` and other
//!   non-country prefixes are a type, with no country.
//! - Phoenix `SentenceID` is `ARTICLE_SENTENCE` (sentence from 0); ICEWS `Sentence Number`
//!   counts from 1 as ICEWS does; ICEWS `Event Text` is the CAMEO label of the code.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::sync::OnceLock;

use crate::model::StoredEvent;

/// The GDELT 2.0 event table columns, in the codebook's order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// The Phoenix (Open Event Data Alliance) columns, in the published order.
pub const PHOENIX_COLUMNS: [&str; 26] = [
    "EventID",
    "Date",
    "Year",
    "Month",
    "Day",
    "SourceActorFull",
    "SourceActorEntity",
    "SourceActorRole",
    "SourceActorAttribute",
    "TargetActorFull",
    "TargetActorEntity",
    "TargetActorRole",
    "TargetActorAttribute",
    "EventCode",
    "EventRootCode",
    "PentaClass",
    "GoldsteinScore",
    "Issues",
    "Lat",
    "Lon",
    "LocationName",
    "StateName",
    "CountryCode",
    "SentenceID",
    "URLs",
    "NewsSources",
];

/// The ICEWS coded event columns, in the published order.
pub const ICEWS_COLUMNS: [&str; 20] = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
];

/// The CSV columns: every field of [`StoredEvent`], in declaration order.
pub const CSV_COLUMNS: [&str; 28] = [
    "id",
    "article_id",
    "sentence_id",
    "date",
    "source",
    "source_text",
    "target",
    "target_text",
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "plover",
    "mode",
    "evidence",
    "evidence_start",
    "evidence_end",
    "location_name",
    "location_country",
    "lat",
    "lon",
    "pattern",
    "article_date",
    "article_source",
    "article_url",
    "num_mentions",
    "num_sources",
    "num_articles",
];

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per line, the fields of [`StoredEvent`].
    Jsonl,
    /// RFC 4180 CSV with a header line ([`CSV_COLUMNS`]).
    Csv,
    /// GDELT 2.0 events, tab-separated, 61 columns, no header.
    Gdelt,
    /// Phoenix, tab-separated, 26 columns, no header.
    Phoenix,
    /// ICEWS, tab-separated, 20 columns, header line.
    Icews,
    /// Apache Parquet: the [`CSV_COLUMNS`] with their types (integers, floats, text),
    /// Snappy-compressed, one row group.
    Parquet,
}

impl std::str::FromStr for ExportFormat {
    type Err = ExportError;
    fn from_str(s: &str) -> Result<Self, ExportError> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "jsonl" | "json" => ExportFormat::Jsonl,
            "csv" => ExportFormat::Csv,
            "gdelt" => ExportFormat::Gdelt,
            "phoenix" => ExportFormat::Phoenix,
            "icews" => ExportFormat::Icews,
            "parquet" => ExportFormat::Parquet,
            other => return Err(ExportError::UnknownFormat(other.to_string())),
        })
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing failed.
    #[error("writing the export: {0}")]
    Io(#[from] io::Error),
    /// The format name is not one of jsonl, csv, gdelt, phoenix, icews, parquet.
    #[error("unknown export format {0:?} (expected jsonl, csv, gdelt, phoenix, icews or parquet)")]
    UnknownFormat(String),
}

/// Writes `events` to `w` in `format`.
pub fn export<W: Write>(
    format: ExportFormat,
    w: &mut W,
    events: &[StoredEvent],
) -> Result<(), ExportError> {
    match format {
        ExportFormat::Jsonl => write_jsonl(w, events)?,
        ExportFormat::Csv => write_csv(w, events)?,
        ExportFormat::Gdelt => write_gdelt(w, events)?,
        ExportFormat::Phoenix => write_phoenix(w, events)?,
        ExportFormat::Icews => write_icews(w, events, true)?,
        ExportFormat::Parquet => write_parquet(w, events)?,
    }
    Ok(())
}

/// Apache Parquet with the [`CSV_COLUMNS`], typed. The file is built in memory (the
/// Parquet writer needs to own its sink) and then written to `w`.
pub fn write_parquet<W: Write>(w: &mut W, events: &[StoredEvent]) -> Result<(), ExportError> {
    use arrow_array::{
        ArrayRef, Float32Array, Float64Array, Int64Array, RecordBatch, StringArray, UInt32Array,
        UInt8Array,
    };
    use arrow_schema::{DataType, Field, Schema};
    use std::sync::Arc;

    let text = |f: &dyn Fn(&StoredEvent) -> Option<&str>| -> ArrayRef {
        Arc::new(events.iter().map(f).collect::<StringArray>())
    };
    let count = |f: &dyn Fn(&StoredEvent) -> u32| -> ArrayRef {
        Arc::new(events.iter().map(|e| Some(f(e))).collect::<UInt32Array>())
    };
    let columns: Vec<(&str, ArrayRef)> = vec![
        (
            "id",
            Arc::new(events.iter().map(|e| Some(e.id)).collect::<Int64Array>()),
        ),
        ("article_id", text(&|e| Some(e.article_id.as_str()))),
        ("sentence_id", count(&|e| e.sentence_id)),
        ("date", text(&|e| e.date.as_deref())),
        ("source", text(&|e| Some(e.source.as_str()))),
        ("source_text", text(&|e| Some(e.source_text.as_str()))),
        ("target", text(&|e| e.target.as_deref())),
        ("target_text", text(&|e| e.target_text.as_deref())),
        ("cameo", text(&|e| Some(e.cameo.as_str()))),
        ("root", text(&|e| Some(e.root.as_str()))),
        (
            "quad_class",
            Arc::new(events.iter().map(|e| e.quad_class).collect::<UInt8Array>()),
        ),
        (
            "goldstein",
            Arc::new(events.iter().map(|e| e.goldstein).collect::<Float32Array>()),
        ),
        ("plover", text(&|e| e.plover.as_deref())),
        ("mode", text(&|e| Some(e.mode.as_str()))),
        ("evidence", text(&|e| Some(e.evidence.as_str()))),
        ("evidence_start", count(&|e| e.evidence_start)),
        ("evidence_end", count(&|e| e.evidence_end)),
        ("location_name", text(&|e| e.location_name.as_deref())),
        ("location_country", text(&|e| e.location_country.as_deref())),
        (
            "lat",
            Arc::new(events.iter().map(|e| e.lat).collect::<Float64Array>()),
        ),
        (
            "lon",
            Arc::new(events.iter().map(|e| e.lon).collect::<Float64Array>()),
        ),
        ("pattern", text(&|e| Some(e.pattern.as_str()))),
        ("article_date", text(&|e| e.article_date.as_deref())),
        ("article_source", text(&|e| e.article_source.as_deref())),
        ("article_url", text(&|e| e.article_url.as_deref())),
        ("num_mentions", count(&|e| e.num_mentions)),
        ("num_sources", count(&|e| e.num_sources)),
        ("num_articles", count(&|e| e.num_articles)),
    ];
    debug_assert!(columns.iter().map(|c| c.0).eq(CSV_COLUMNS));
    let schema = Arc::new(Schema::new(
        columns
            .iter()
            .map(|(name, array)| {
                let nullable = array.null_count() > 0
                    || matches!(
                        array.data_type(),
                        DataType::Utf8 | DataType::Float32 | DataType::Float64 | DataType::UInt8
                    );
                Field::new(*name, array.data_type().clone(), nullable)
            })
            .collect::<Vec<_>>(),
    ));
    let batch = RecordBatch::try_new(schema.clone(), columns.into_iter().map(|c| c.1).collect())
        .map_err(|e| io::Error::other(e.to_string()))?;
    let mut buf = Vec::new();
    let props = parquet::file::properties::WriterProperties::builder()
        .set_compression(parquet::basic::Compression::SNAPPY)
        .build();
    let mut writer = parquet::arrow::ArrowWriter::try_new(&mut buf, schema, Some(props))
        .map_err(|e| io::Error::other(e.to_string()))?;
    writer
        .write(&batch)
        .map_err(|e| io::Error::other(e.to_string()))?;
    writer
        .close()
        .map_err(|e| io::Error::other(e.to_string()))?;
    w.write_all(&buf)?;
    Ok(())
}

/// One JSON object per event and line.
pub fn write_jsonl<W: Write>(w: &mut W, events: &[StoredEvent]) -> io::Result<()> {
    for e in events {
        serde_json::to_writer(&mut *w, e).map_err(io::Error::other)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// CSV with a header line; fields are quoted when they contain a comma, quote or line break.
pub fn write_csv<W: Write>(w: &mut W, events: &[StoredEvent]) -> io::Result<()> {
    write_row(w, &CSV_COLUMNS.map(String::from), b',', csv_field)?;
    for e in events {
        write_row(w, &csv_row(e), b',', csv_field)?;
    }
    Ok(())
}

/// The CSV fields of one event, in [`CSV_COLUMNS`] order.
pub fn csv_row(e: &StoredEvent) -> [String; 28] {
    [
        e.id.to_string(),
        e.article_id.clone(),
        e.sentence_id.to_string(),
        opt(&e.date),
        e.source.clone(),
        e.source_text.clone(),
        opt(&e.target),
        opt(&e.target_text),
        e.cameo.clone(),
        e.root.clone(),
        e.quad_class.map(|q| q.to_string()).unwrap_or_default(),
        e.goldstein.map(|g| g.to_string()).unwrap_or_default(),
        opt(&e.plover),
        e.mode.clone(),
        e.evidence.clone(),
        e.evidence_start.to_string(),
        e.evidence_end.to_string(),
        opt(&e.location_name),
        opt(&e.location_country),
        e.lat.map(|v| v.to_string()).unwrap_or_default(),
        e.lon.map(|v| v.to_string()).unwrap_or_default(),
        e.pattern.clone(),
        opt(&e.article_date),
        opt(&e.article_source),
        opt(&e.article_url),
        e.num_mentions.to_string(),
        e.num_sources.to_string(),
        e.num_articles.to_string(),
    ]
}

/// GDELT 2.0 event rows, tab-separated, without a header.
pub fn write_gdelt<W: Write>(w: &mut W, events: &[StoredEvent]) -> io::Result<()> {
    for e in events {
        write_row(w, &gdelt_row(e), b'\t', tsv_field)?;
    }
    Ok(())
}

/// The GDELT fields of one event, in [`GDELT_COLUMNS`] order.
pub fn gdelt_row(e: &StoredEvent) -> [String; 61] {
    let d = EventDay::of(e);
    let a1 = ActorParts::of(Some(&e.source));
    let a2 = ActorParts::of(e.target.as_deref());
    let mut row: [String; 61] = std::array::from_fn(|_| String::new());
    row[0] = e.id.to_string();
    row[1] = d.yyyymmdd();
    row[2] = match (d.year, d.month) {
        (Some(y), Some(m)) => format!("{y:04}{m:02}"),
        _ => String::new(),
    };
    row[3] = d.year.map(|y| format!("{y:04}")).unwrap_or_default();
    row[4] = d.fraction().unwrap_or_default();
    row[5] = e.source.clone();
    row[6] = e.source_text.clone();
    row[7] = a1.country.clone();
    row[12] = a1.kind(0);
    row[13] = a1.kind(1);
    row[14] = a1.kind(2);
    row[15] = opt(&e.target);
    row[16] = opt(&e.target_text);
    row[17] = a2.country.clone();
    row[22] = a2.kind(0);
    row[23] = a2.kind(1);
    row[24] = a2.kind(2);
    row[26] = e.cameo.clone();
    row[27] = e.cameo.chars().take(3).collect();
    row[28] = e.root.clone();
    row[29] = e.quad_class.map(|q| q.to_string()).unwrap_or_default();
    row[30] = e.goldstein.map(|g| g.to_string()).unwrap_or_default();
    row[31] = e.num_mentions.to_string();
    row[32] = e.num_sources.to_string();
    row[33] = e.num_articles.to_string();
    // ActionGeo: name, country, latitude, longitude when known.
    row[52] = opt(&e.location_name);
    row[53] = opt(&e.location_country);
    row[56] = e.lat.map(|v| v.to_string()).unwrap_or_default();
    row[57] = e.lon.map(|v| v.to_string()).unwrap_or_default();
    row[60] = opt(&e.article_url);
    row
}

/// Phoenix rows, tab-separated, without a header.
pub fn write_phoenix<W: Write>(w: &mut W, events: &[StoredEvent]) -> io::Result<()> {
    for e in events {
        write_row(w, &phoenix_row(e), b'\t', tsv_field)?;
    }
    Ok(())
}

/// The Phoenix fields of one event, in [`PHOENIX_COLUMNS`] order.
pub fn phoenix_row(e: &StoredEvent) -> [String; 26] {
    let d = EventDay::of(e);
    let a1 = ActorParts::of(Some(&e.source));
    let a2 = ActorParts::of(e.target.as_deref());
    [
        e.id.to_string(),
        d.yyyymmdd(),
        d.year.map(|y| format!("{y:04}")).unwrap_or_default(),
        d.month.map(|m| m.to_string()).unwrap_or_default(),
        d.day.map(|x| x.to_string()).unwrap_or_default(),
        e.source.clone(),
        a1.entity(),
        a1.after_entity(0),
        a1.after_entity(1),
        opt(&e.target),
        a2.entity(),
        a2.after_entity(0),
        a2.after_entity(1),
        e.cameo.clone(),
        e.root.clone(),
        penta_class(&e.root),
        e.goldstein.map(|g| g.to_string()).unwrap_or_default(),
        String::new(),
        e.lat.map(|v| v.to_string()).unwrap_or_default(),
        e.lon.map(|v| v.to_string()).unwrap_or_default(),
        opt(&e.location_name),
        String::new(),
        opt(&e.location_country),
        format!("{}_{}", e.article_id, e.sentence_id),
        opt(&e.article_url),
        opt(&e.article_source),
    ]
}

/// ICEWS rows, tab-separated, with the header line when `header` is true.
pub fn write_icews<W: Write>(w: &mut W, events: &[StoredEvent], header: bool) -> io::Result<()> {
    if header {
        write_row(w, &ICEWS_COLUMNS.map(String::from), b'\t', tsv_field)?;
    }
    for e in events {
        write_row(w, &icews_row(e), b'\t', tsv_field)?;
    }
    Ok(())
}

/// The ICEWS fields of one event, in [`ICEWS_COLUMNS`] order.
pub fn icews_row(e: &StoredEvent) -> [String; 20] {
    let d = EventDay::of(e);
    let a1 = ActorParts::of(Some(&e.source));
    let a2 = ActorParts::of(e.target.as_deref());
    let date = match (d.year, d.month, d.day) {
        (Some(y), Some(m), Some(x)) => format!("{y:04}-{m:02}-{x:02}"),
        _ => String::new(),
    };
    [
        e.id.to_string(),
        date,
        e.source_text.clone(),
        String::new(),
        a1.country.clone(),
        cameo_label(&e.cameo),
        e.cameo.clone(),
        e.goldstein.map(|g| g.to_string()).unwrap_or_default(),
        opt(&e.target_text),
        String::new(),
        a2.country.clone(),
        e.article_id.clone(),
        (u64::from(e.sentence_id) + 1).to_string(),
        opt(&e.article_source),
        opt(&e.location_name),
        String::new(),
        String::new(),
        opt(&e.location_country),
        e.lat.map(|v| v.to_string()).unwrap_or_default(),
        e.lon.map(|v| v.to_string()).unwrap_or_default(),
    ]
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn write_row<W: Write>(
    w: &mut W,
    fields: &[String],
    sep: u8,
    quote: fn(&str) -> std::borrow::Cow<'_, str>,
) -> io::Result<()> {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            w.write_all(&[sep])?;
        }
        w.write_all(quote(f).as_bytes())?;
    }
    w.write_all(b"\n")
}

fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

fn tsv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\t', '\n', '\r']) {
        s.replace(['\t', '\n', '\r'], " ").into()
    } else {
        s.into()
    }
}

/// The event's date parts (the event date, else the article's date), as far as known.
struct EventDay {
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
}

impl EventDay {
    fn of(e: &StoredEvent) -> EventDay {
        let parsed = e
            .date
            .as_deref()
            .or(e.article_date.as_deref())
            .and_then(detente_dates::EventDate::parse);
        match parsed {
            Some(d) => EventDay {
                year: Some(d.year),
                month: d.month,
                day: d.day,
            },
            None => EventDay {
                year: None,
                month: None,
                day: None,
            },
        }
    }

    fn yyyymmdd(&self) -> String {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => format!("{y:04}{m:02}{d:02}"),
            _ => String::new(),
        }
    }

    /// GDELT's FractionDate: the year plus the fraction of the year elapsed before the day.
    fn fraction(&self) -> Option<String> {
        let (y, m, d) = (self.year?, self.month?, self.day?);
        let days = detente_dates::calendar::days_from_civil(y, m, d)
            - detente_dates::calendar::days_from_civil(y, 1, 1);
        let len = if detente_dates::calendar::is_leap_year(y) {
            366.0
        } else {
            365.0
        };
        Some(format!("{:.4}", f64::from(y) + days as f64 / len))
    }
}

/// An actor code split into its country and its three-letter type groups.
struct ActorParts {
    /// The country code, when the code starts with one.
    country: String,
    /// The three-letter groups after the country (or all of them without a country).
    kinds: Vec<String>,
}

impl ActorParts {
    fn of(code: Option<&str>) -> ActorParts {
        let Some(code) = code.filter(|c| c.is_ascii()) else {
            return ActorParts {
                country: String::new(),
                kinds: Vec::new(),
            };
        };
        let groups: Vec<String> = code
            .as_bytes()
            .chunks(3)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        match groups.first() {
            Some(first) if countries().contains(first.as_str()) => ActorParts {
                country: first.clone(),
                kinds: groups[1..].to_vec(),
            },
            _ => ActorParts {
                country: String::new(),
                kinds: groups,
            },
        }
    }

    /// Phoenix's entity: the country, else the first group (`IGO`).
    fn entity(&self) -> String {
        if self.country.is_empty() {
            self.kinds.first().cloned().unwrap_or_default()
        } else {
            self.country.clone()
        }
    }

    /// The `i`-th three-letter group after the entity (Phoenix role, attribute).
    fn after_entity(&self, i: usize) -> String {
        let skip = usize::from(self.country.is_empty());
        self.kinds.get(i + skip).cloned().unwrap_or_default()
    }

    /// The `i`-th three-letter group after the country (for a code without a country,
    /// its own groups: `IGO`, then `UNO`...).
    fn kind(&self, i: usize) -> String {
        self.kinds.get(i).cloned().unwrap_or_default()
    }
}

/// The country codes of `dictionaries/countries.txt`.
fn countries() -> &'static BTreeSet<String> {
    static SET: OnceLock<BTreeSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../../dictionaries/countries.txt")
            .lines()
            .filter_map(|l| {
                let code = l.split(' ').next()?;
                (code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()))
                    .then(|| code.to_string())
            })
            .collect()
    })
}

/// Phoenix's PentaClass from the root code: 0 statements and appeals (01-02), 1 verbal
/// cooperation (03-05), 2 material cooperation (06-08), 3 verbal conflict (09-13),
/// 4 material conflict (14-20); empty for a root outside 01-20.
fn penta_class(root: &str) -> String {
    match root.parse::<u8>() {
        Ok(1..=2) => "0",
        Ok(3..=5) => "1",
        Ok(6..=8) => "2",
        Ok(9..=13) => "3",
        Ok(14..=20) => "4",
        _ => "",
    }
    .to_string()
}

/// The CAMEO table's label of a code (its parent's for an unknown 4-digit code).
fn cameo_label(code: &str) -> String {
    let Ok(c) = detente_cameo::CameoCode::parse(code) else {
        return String::new();
    };
    detente_cameo::CodeTable::try_builtin()
        .ok()
        .and_then(|t| t.lookup(&c).map(|l| l.label.clone()))
        .unwrap_or_default()
}

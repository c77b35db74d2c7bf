//! Dyad series: the events between two actors, counted per day, ISO week or month.
//!
//! **Dyad.** An event belongs to the dyad `A`-`B` when its source code starts with `A` and
//! its target code with `B`, or (unless the series is directed) the other way round. Codes
//! are prefixes, so `ISR`-`SYR` takes `ISRMIL` → `SYRGOV` too. Events without a target
//! never belong to a dyad. Mode filtering (which modes count) is the caller's job, through
//! [`crate::EventFilter`]; [`is_claim`] gives the default set.
//!
//! **Periods.** Days; ISO weeks (Monday to Sunday, labelled `2025-W19` with the ISO
//! week-numbering year); calendar months (`2025-05`). Every period from the first to the
//! last event is listed, empty ones included, so that a plot's x axis is time.
//!
//! **Dates.** An event's date is its own date, else its article's publication date. An
//! event dated less precisely than the period needs (a month-only date in a day or week
//! series, a year-only date in any series) is **skipped**, not placed on the first day of
//! its span: putting every "in March" event on March 1 would fake a spike. The series
//! counts what it skipped ([`DyadSeries::skipped_imprecise`], [`DyadSeries::skipped_undated`]).
//!
//! **Per period:** event counts by quad class (1 verbal cooperation, 2 material
//! cooperation, 3 verbal conflict, 4 material conflict; events without a quad class are
//! counted in `unclassified`), the Goldstein sum and mean (over events with a Goldstein
//! value), and the **conflict-cooperation index**
//!
//! ```text
//! CCI = (W_coop − W_conf) / (W_coop + W_conf)
//! W_coop = Σ |goldstein| over events of quad class 1 or 2
//! W_conf = Σ |goldstein| over events of quad class 3 or 4
//! ```
//!
//! It lies in [-1, 1]: +1 when every weighted event is cooperative, -1 when every one is
//! conflictual, 0 when they balance. Weighting by |Goldstein| makes one air strike (-10)
//! outweigh one neutral comment (0) or one meeting (+1). The index is undefined (`None`)
//! when both weights are zero (no events, or only events of Goldstein 0). Each event
//! counts once, whatever its `num_mentions`.

use std::collections::BTreeMap;

use detente_dates::calendar::{civil_from_days, days_from_civil, weekday};
use detente_dates::EventDate;
use serde::Serialize;

use crate::model::StoredEvent;

/// The length of a series period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// A calendar day.
    Day,
    /// An ISO week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
}

impl std::str::FromStr for Period {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "day" => Ok(Period::Day),
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            other => Err(format!(
                "unknown period {other:?} (expected day, week or month)"
            )),
        }
    }
}

/// The default modes of a query: claims that something happened or will (asserted,
/// reported, future, historical), not hypothetical or negated statements.
pub fn is_claim(mode: &str) -> bool {
    matches!(mode, "asserted" | "reported" | "future" | "historical")
}

/// True when the event belongs to the dyad `a`-`b` (see the module docs).
pub fn in_dyad(e: &StoredEvent, a: &str, b: &str, directed: bool) -> bool {
    let Some(t) = e.target.as_deref() else {
        return false;
    };
    let s = e.source.as_str();
    (s.starts_with(a) && t.starts_with(b)) || (!directed && s.starts_with(b) && t.starts_with(a))
}

/// One period of a dyad series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodRow {
    /// The label: `2025-05-07`, `2025-W19` or `2025-05`.
    pub period: String,
    /// The first day of the period, `YYYY-MM-DD`.
    pub start: String,
    /// Events in the period.
    pub events: u32,
    /// Events per quad class 1..4 (index 0 is quad class 1).
    pub quad: [u32; 4],
    /// Events without a quad class.
    pub unclassified: u32,
    /// Sum of Goldstein values.
    pub goldstein_sum: f64,
    /// Mean Goldstein value over events that have one.
    pub goldstein_mean: Option<f64>,
    /// Σ|Goldstein| of cooperative events (quad 1, 2).
    pub cooperation_weight: f64,
    /// Σ|Goldstein| of conflictual events (quad 3, 4).
    pub conflict_weight: f64,
    /// The conflict-cooperation index, in [-1, 1].
    pub index: Option<f64>,
    /// Ids of the period's events, in input order.
    pub event_ids: Vec<i64>,
    /// Ids of its cooperative events (quad class 1 or 2).
    #[serde(skip)]
    pub cooperative_ids: Vec<i64>,
    /// Ids of its conflictual events (quad class 3 or 4).
    #[serde(skip)]
    pub conflictual_ids: Vec<i64>,
    /// Events with a Goldstein value.
    #[serde(skip)]
    pub with_goldstein: u32,
}

/// A dyad series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadSeries {
    /// First actor (source when directed).
    pub a: String,
    /// Second actor (target when directed).
    pub b: String,
    /// Only `a` → `b`.
    pub directed: bool,
    /// Period length.
    pub period: Period,
    /// Consecutive periods from the first event to the last.
    pub rows: Vec<PeriodRow>,
    /// Dyad events dated less precisely than the period (skipped).
    pub skipped_imprecise: u32,
    /// Dyad events with no usable date at all (skipped).
    pub skipped_undated: u32,
}

impl DyadSeries {
    /// Total events counted in the rows.
    pub fn total_events(&self) -> u32 {
        self.rows.iter().map(|r| r.events).sum()
    }
}

/// The series of the dyad `a`-`b` over `events` (see the module docs for every rule).
pub fn dyad_series(
    events: &[StoredEvent],
    a: &str,
    b: &str,
    directed: bool,
    period: Period,
) -> DyadSeries {
    let mut buckets: BTreeMap<i64, PeriodRow> = BTreeMap::new();
    let mut skipped_imprecise = 0;
    let mut skipped_undated = 0;
    for e in events.iter().filter(|e| in_dyad(e, a, b, directed)) {
        let date = e
            .date
            .as_deref()
            .and_then(EventDate::parse)
            .or_else(|| e.article_date.as_deref().and_then(EventDate::parse));
        let Some(date) = date else {
            skipped_undated += 1;
            continue;
        };
        let Some(key) = period_start(date, period) else {
            skipped_imprecise += 1;
            continue;
        };
        let row = buckets.entry(key).or_insert_with(|| empty_row(key, period));
        add(row, e);
    }
    let mut rows = Vec::with_capacity(buckets.len());
    if let (Some(&first), Some(&last)) = (buckets.keys().next(), buckets.keys().next_back()) {
        let mut key = first;
        while key <= last {
            rows.push(
                buckets
                    .remove(&key)
                    .unwrap_or_else(|| empty_row(key, period)),
            );
            key = next_start(key, period);
        }
    }
    for r in &mut rows {
        finish(r);
    }
    DyadSeries {
        a: a.to_string(),
        b: b.to_string(),
        directed,
        period,
        rows,
        skipped_imprecise,
        skipped_undated,
    }
}

/// The day number (days since 1970-01-01) of the period holding `date`; `None` when the
/// date is less precise than the period.
pub fn period_start(date: EventDate, period: Period) -> Option<i64> {
    let month = date.month?;
    match period {
        Period::Month => Some(days_from_civil(date.year, month, 1)),
        Period::Day | Period::Week => {
            let day = date.day?;
            let n = days_from_civil(date.year, month, day);
            Some(if period == Period::Week {
                n - i64::from(weekday(date.year, month, day).index())
            } else {
                n
            })
        }
    }
}

fn next_start(key: i64, period: Period) -> i64 {
    match period {
        Period::Day => key + 1,
        Period::Week => key + 7,
        Period::Month => {
            let (y, m, _) = civil_from_days(key);
            let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            days_from_civil(y as i32, m, 1)
        }
    }
}

/// `YYYY-MM-DD` of a day number.
pub fn day_string(n: i64) -> String {
    let (y, m, d) = civil_from_days(n);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The label of the period starting on day `key`.
pub fn period_label(key: i64, period: Period) -> String {
    let (y, m, d) = civil_from_days(key);
    match period {
        Period::Day => format!("{y:04}-{m:02}-{d:02}"),
        Period::Month => format!("{y:04}-{m:02}"),
        Period::Week => {
            // The ISO year is the year of the week's Thursday; week 1 holds January 4.
            let (iy, _, _) = civil_from_days(key + 3);
            let jan4 = days_from_civil(iy as i32, 1, 4);
            let (jy, jm, jd) = civil_from_days(jan4);
            let week1 = jan4 - i64::from(weekday(jy as i32, jm, jd).index());
            let week = (key - week1) / 7 + 1;
            format!("{iy:04}-W{week:02}")
        }
    }
}

fn empty_row(key: i64, period: Period) -> PeriodRow {
    PeriodRow {
        period: period_label(key, period),
        start: day_string(key),
        events: 0,
        quad: [0; 4],
        unclassified: 0,
        goldstein_sum: 0.0,
        goldstein_mean: None,
        cooperation_weight: 0.0,
        conflict_weight: 0.0,
        index: None,
        event_ids: Vec::new(),
        cooperative_ids: Vec::new(),
        conflictual_ids: Vec::new(),
        with_goldstein: 0,
    }
}

fn add(row: &mut PeriodRow, e: &StoredEvent) {
    row.events += 1;
    row.event_ids.push(e.id);
    let g = e.goldstein.map(f64::from).filter(|g| g.is_finite());
    if let Some(g) = g {
        row.goldstein_sum += g;
        row.with_goldstein += 1;
    }
    match e.quad_class {
        Some(q @ 1..=4) => {
            row.quad[usize::from(q - 1)] += 1;
            let w = g.map(f64::abs).unwrap_or(0.0);
            if q <= 2 {
                row.cooperation_weight += w;
                row.cooperative_ids.push(e.id);
            } else {
                row.conflict_weight += w;
                row.conflictual_ids.push(e.id);
            }
        }
        _ => row.unclassified += 1,
    }
}

fn finish(row: &mut PeriodRow) {
    row.goldstein_mean =
        (row.with_goldstein > 0).then(|| row.goldstein_sum / f64::from(row.with_goldstein));
    let total = row.cooperation_weight + row.conflict_weight;
    row.index = (total > 0.0).then(|| (row.cooperation_weight - row.conflict_weight) / total);
}

/// The TSV header of [`write_tsv`].
pub const TSV_COLUMNS: [&str; 12] = [
    "period",
    "start",
    "events",
    "verbal_coop",
    "material_coop",
    "verbal_conflict",
    "material_conflict",
    "unclassified",
    "goldstein_sum",
    "goldstein_mean",
    "cci",
    "event_ids",
];

/// Writes the series as TSV with a header ([`TSV_COLUMNS`]); undefined values are empty.
pub fn write_tsv<W: std::io::Write>(w: &mut W, s: &DyadSeries) -> std::io::Result<()> {
    writeln!(w, "{}", TSV_COLUMNS.join("\t"))?;
    for r in &s.rows {
        let ids: Vec<String> = r.event_ids.iter().map(|i| i.to_string()).collect();
        writeln!(
            w,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.2}\t{}\t{}\t{}",
            r.period,
            r.start,
            r.events,
            r.quad[0],
            r.quad[1],
            r.quad[2],
            r.quad[3],
            r.unclassified,
            r.goldstein_sum,
            r.goldstein_mean
                .map(|m| format!("{m:.3}"))
                .unwrap_or_default(),
            r.index.map(|m| format!("{m:.3}")).unwrap_or_default(),
            ids.join(","),
        )?;
    }
    Ok(())
}

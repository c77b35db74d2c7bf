//! Escalation and de-escalation alerts: a two-sided CUSUM on a dyad's
//! conflict-cooperation index (CCI, see [`crate::series`]) against a robust trailing
//! baseline.
//!
//! **Method.** Walk the periods of a [`DyadSeries`] in order, using only periods whose CCI
//! is defined and that hold at least [`AlertParams::min_events`] events ("observed"
//! periods; empty periods are skipped, not read as zero). For each observed period `t`
//! with `n` events:
//!
//! 1. The baseline is the last [`AlertParams::baseline`] observed periods before `t`
//!    (and not before the last alert). With fewer than [`AlertParams::min_baseline`] of
//!    them, `t` only joins the baseline.
//! 2. The baseline level is the **median** `m` of their CCIs and its spread
//!    `σ = 1.4826 · MAD` (median absolute deviation), floored at
//!    [`AlertParams::sigma_floor`]: one odd period in the baseline does not move them, and
//!    a perfectly steady baseline (σ = 0) does not turn any change into an infinite score.
//! 3. `z = n / (n + n₀) · (CCI_t − m) / σ`, with `n₀` = [`AlertParams::shrink`]: a period
//!    resting on one event counts half as much as a well-attested one, because one
//!    event's index is always ±1.
//! 4. `S⁺ = max(0, S⁺ + z − k)` and `S⁻ = max(0, S⁻ − z − k)`.
//! 5. `S⁺ > h` is a **de-escalation** alert (the index rose: more cooperation), `S⁻ > h`
//!    an **escalation** alert. After an alert both sums reset to 0 and the baseline starts
//!    again at the alert's period, so one shift gives one alert and the new level becomes
//!    the reference.
//!
//! Defaults: `baseline = 6`, `min_baseline = 3`, `k = 0.5`, `h = 4.0`,
//! `sigma_floor = 0.25`, `shrink = 1.0`, `min_events = 1`. With σ at the floor, a
//! well-attested shift of the index by 1.2 (under a third of its range) alerts in its
//! first period, a shift by 0.6 in its third.
//!
//! **Strength** is `S / h` at the alert (≥ 1; larger is stronger evidence). **Shift** is
//! the alert period's CCI minus the baseline median. **Events** are the ids of the events,
//! in the periods from the start of the CUSUM run (the period where the sum left 0) to
//! the alert, whose quad class points the alert's way (cooperative for de-escalation,
//! conflictual for escalation).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::StoredEvent;
use crate::series::{dyad_series, DyadSeries, Period};

/// Parameters of the CUSUM (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlertParams {
    /// Trailing baseline length, in observed periods.
    pub baseline: usize,
    /// Observed periods needed in the baseline before testing.
    pub min_baseline: usize,
    /// Allowance (slack) per period, in standard deviations.
    pub k: f64,
    /// Decision threshold, in standard deviations.
    pub h: f64,
    /// Lower bound on the baseline standard deviation (CCI units).
    pub sigma_floor: f64,
    /// `n₀` of the shrinkage `n / (n + n₀)` of a period with `n` events.
    pub shrink: f64,
    /// Events a period needs to be observed.
    pub min_events: u32,
}

impl Default for AlertParams {
    fn default() -> Self {
        AlertParams {
            baseline: 6,
            min_baseline: 3,
            k: 0.5,
            h: 4.0,
            sigma_floor: 0.25,
            shrink: 1.0,
            min_events: 1,
        }
    }
}

/// Which way a dyad moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Towards conflict (the index fell).
    Escalation,
    /// Towards cooperation (the index rose).
    DeEscalation,
}

impl Direction {
    /// `escalation` or `de-escalation`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Escalation => "escalation",
            Direction::DeEscalation => "de-escalation",
        }
    }
}

/// One alert.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alert {
    /// The dyad's first actor.
    pub a: String,
    /// The dyad's second actor.
    pub b: String,
    /// Escalation or de-escalation.
    pub direction: Direction,
    /// The period where the CUSUM crossed the threshold (its label).
    pub period: String,
    /// Its first day, `YYYY-MM-DD`.
    pub start: String,
    /// The label of the first period of the CUSUM run.
    pub run_start: String,
    /// `S / h` at the alert (≥ 1).
    pub strength: f64,
    /// The period's CCI minus the baseline median.
    pub shift: f64,
    /// The baseline median CCI.
    pub baseline: f64,
    /// The period's CCI.
    pub value: f64,
    /// The events behind the alert.
    pub event_ids: Vec<i64>,
}

/// Runs the CUSUM over one series (see the module docs).
pub fn detect(series: &DyadSeries, p: &AlertParams) -> Vec<Alert> {
    let mut alerts = Vec::new();
    // Indices of observed rows since the last reset, and the CUSUM state.
    let mut history: Vec<usize> = Vec::new();
    let (mut up, mut down) = (0.0f64, 0.0f64);
    let (mut up_start, mut down_start) = (None::<usize>, None::<usize>);
    let window = p.baseline.max(1);
    for (t, row) in series.rows.iter().enumerate() {
        let Some(x) = row.index.filter(|x| x.is_finite()) else {
            continue;
        };
        if row.events < p.min_events {
            continue;
        }
        let base: Vec<f64> = history
            .iter()
            .rev()
            .take(window)
            .filter_map(|&i| series.rows[i].index)
            .collect();
        if base.len() < p.min_baseline.max(1) {
            history.push(t);
            continue;
        }
        let mean = median(base.clone());
        let sd = 1.4826 * median(base.iter().map(|v| (v - mean).abs()).collect());
        let n = f64::from(row.events);
        let weight = n / (n + p.shrink.max(0.0));
        let z = weight * (x - mean) / sd.max(p.sigma_floor).max(f64::MIN_POSITIVE);
        up = (up + z - p.k).max(0.0);
        down = (down - z - p.k).max(0.0);
        up_start = if up > 0.0 { up_start.or(Some(t)) } else { None };
        down_start = if down > 0.0 {
            down_start.or(Some(t))
        } else {
            None
        };
        let fired = if up > p.h {
            Some((Direction::DeEscalation, up, up_start.unwrap_or(t)))
        } else if down > p.h {
            Some((Direction::Escalation, down, down_start.unwrap_or(t)))
        } else {
            None
        };
        if let Some((direction, s, from)) = fired {
            let event_ids = series.rows[from..=t]
                .iter()
                .flat_map(|r| match direction {
                    Direction::DeEscalation => r.cooperative_ids.iter(),
                    Direction::Escalation => r.conflictual_ids.iter(),
                })
                .copied()
                .collect();
            alerts.push(Alert {
                a: series.a.clone(),
                b: series.b.clone(),
                direction,
                period: row.period.clone(),
                start: row.start.clone(),
                run_start: series.rows[from].period.clone(),
                strength: s / p.h,
                shift: x - mean,
                baseline: mean,
                value: x,
                event_ids,
            });
            up = 0.0;
            down = 0.0;
            up_start = None;
            down_start = None;
            history.clear();
        }
        history.push(t);
    }
    alerts
}

/// The median of non-empty `v` (the mean of the two middle values for an even count).
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// The country part of an actor code used to group dyads: its first three characters.
fn country(code: &str) -> Option<&str> {
    code.get(..3)
        .filter(|c| c.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// Alerts for every undirected country dyad (first three letters of source and target,
/// different from each other) with at least `min_dyad_events` events, sorted by period
/// start then dyad. Alerts before `since` (`YYYY-MM-DD`, compared with the period's first
/// day) are dropped; the periods before it still form the baseline.
pub fn scan_all(
    events: &[StoredEvent],
    period: Period,
    p: &AlertParams,
    min_dyad_events: usize,
    since: Option<&str>,
) -> Vec<Alert> {
    let mut dyads: BTreeMap<(String, String), usize> = BTreeMap::new();
    for e in events {
        let (Some(s), Some(t)) = (country(&e.source), e.target.as_deref().and_then(country)) else {
            continue;
        };
        if s == t {
            continue;
        }
        let key = if s <= t { (s, t) } else { (t, s) };
        *dyads
            .entry((key.0.to_string(), key.1.to_string()))
            .or_default() += 1;
    }
    let mut alerts: Vec<Alert> = dyads
        .into_iter()
        .filter(|(_, n)| *n >= min_dyad_events)
        .flat_map(|((a, b), _)| detect(&dyad_series(events, &a, &b, false, period), p))
        .filter(|al| since.is_none_or(|s| al.start.as_str() >= s))
        .collect();
    alerts.sort_by(|x, y| (&x.start, &x.a, &x.b).cmp(&(&y.start, &y.a, &y.b)));
    alerts
}

//! Dyad series on hand-made events: dyad selection, periods, counts, Goldstein and the
//! conflict-cooperation index.

use detente_store::series::{dyad_series, period_label, period_start, write_tsv, Period};
use detente_store::StoredEvent;

fn ev(id: i64, date: &str, src: &str, tgt: &str, quad: u8, g: f32) -> StoredEvent {
    StoredEvent {
        id,
        article_id: format!("a{id}"),
        sentence_id: 0,
        date: Some(date.into()),
        source: src.into(),
        source_text: src.into(),
        target: Some(tgt.into()),
        target_text: Some(tgt.into()),
        cameo: "040".into(),
        root: "04".into(),
        quad_class: Some(quad),
        goldstein: Some(g),
        plover: None,
        mode: "asserted".into(),
        evidence: String::new(),
        evidence_start: 0,
        evidence_end: 0,
        location_name: None,
        location_country: None,
        lat: None,
        lon: None,
        pattern: String::new(),
        article_date: Some("2025-06-30".into()),
        article_source: None,
        article_url: None,
        num_mentions: 1,
        num_sources: 1,
        num_articles: 1,
    }
}

fn sample() -> Vec<StoredEvent> {
    vec![
        ev(1, "2025-01-06", "ISRMIL", "SYR", 4, -10.0),
        ev(2, "2025-01-07", "SYRGOV", "ISR", 3, -2.0),
        ev(3, "2025-01-20", "ISR", "SYRGOV", 1, 1.0),
        ev(4, "2025-03-03", "SYR", "ISR", 1, 7.0),
        ev(5, "2025-03-04", "ISR", "SYR", 2, 8.5),
        ev(6, "2025-03", "ISR", "SYR", 4, -10.0),
        ev(7, "2025", "ISR", "SYR", 4, -10.0),
        ev(8, "2025-03-05", "ISR", "LBN", 4, -10.0),
        ev(9, "2025-03-05", "RUS", "UKR", 4, -10.0),
    ]
}

#[test]
fn monthly_counts_goldstein_and_index() {
    let s = dyad_series(&sample(), "ISR", "SYR", false, Period::Month);
    let labels: Vec<&str> = s.rows.iter().map(|r| r.period.as_str()).collect();
    assert_eq!(
        labels,
        ["2025-01", "2025-02", "2025-03"],
        "empty months are listed"
    );
    let jan = &s.rows[0];
    assert_eq!(jan.start, "2025-01-01");
    assert_eq!(jan.events, 3);
    assert_eq!(jan.quad, [1, 0, 1, 1]);
    assert_eq!(jan.goldstein_sum, -11.0);
    assert!((jan.goldstein_mean.unwrap() + 11.0 / 3.0).abs() < 1e-9);
    // (1 - 12) / (1 + 12)
    assert!((jan.index.unwrap() - (-11.0 / 13.0)).abs() < 1e-9);
    assert_eq!(jan.event_ids, [1, 2, 3]);
    assert_eq!(s.rows[1].events, 0);
    assert_eq!(s.rows[1].index, None);
    assert_eq!(s.rows[1].goldstein_mean, None);
    // March: two cooperative events and the month-only strike.
    let mar = &s.rows[2];
    assert_eq!(mar.event_ids, [4, 5, 6]);
    assert_eq!(mar.quad, [1, 1, 0, 1]);
    assert!((mar.index.unwrap() - (5.5 / 25.5)).abs() < 1e-9);
    // The year-only event is skipped, not put in January.
    assert_eq!(s.skipped_imprecise, 1);
    assert_eq!(s.total_events(), 6);
}

#[test]
fn directed_series_keeps_one_direction() {
    let s = dyad_series(&sample(), "ISR", "SYR", true, Period::Month);
    let ids: Vec<i64> = s.rows.iter().flat_map(|r| r.event_ids.clone()).collect();
    assert_eq!(ids, [1, 3, 5, 6]);
    let s = dyad_series(&sample(), "SYR", "ISR", true, Period::Month);
    let ids: Vec<i64> = s.rows.iter().flat_map(|r| r.event_ids.clone()).collect();
    assert_eq!(ids, [2, 4]);
}

#[test]
fn weekly_and_daily_skip_month_only_dates() {
    let s = dyad_series(&sample(), "ISR", "SYR", false, Period::Week);
    assert_eq!(s.skipped_imprecise, 2);
    assert_eq!(s.rows[0].period, "2025-W02");
    assert_eq!(s.rows[0].start, "2025-01-06");
    assert_eq!(s.rows[0].event_ids, [1, 2]);
    assert_eq!(s.rows[2].period, "2025-W04");
    assert_eq!(s.rows[2].event_ids, [3]);
    let last = s.rows.last().unwrap();
    assert_eq!(last.period, "2025-W10");
    assert_eq!(last.event_ids, [4, 5]);
    assert_eq!(s.rows.len(), 9, "weeks 2 to 10");

    let d = dyad_series(&sample(), "ISR", "SYR", false, Period::Day);
    assert_eq!(d.rows.first().unwrap().period, "2025-01-06");
    assert_eq!(d.rows.last().unwrap().period, "2025-03-04");
    assert_eq!(d.rows.len(), 58);
    assert_eq!(d.total_events(), 5);
}

#[test]
fn iso_week_labels() {
    let label = |s: &str| {
        let d = detente_dates::EventDate::parse(s).unwrap();
        period_label(period_start(d, Period::Week).unwrap(), Period::Week)
    };
    assert_eq!(label("2024-12-30"), "2025-W01");
    assert_eq!(label("2025-01-05"), "2025-W01");
    assert_eq!(label("2021-01-03"), "2020-W53");
    assert_eq!(label("2026-12-31"), "2026-W53");
    assert_eq!(label("2025-05-12"), "2025-W20");
}

#[test]
fn undated_events_fall_back_to_the_article_date_and_empty_input_is_empty() {
    let mut e = ev(1, "x", "ISR", "SYR", 1, 1.0);
    e.date = None;
    let s = dyad_series(&[e.clone()], "ISR", "SYR", false, Period::Month);
    assert_eq!(s.rows[0].period, "2025-06");
    e.article_date = Some("garbage".into());
    let s = dyad_series(&[e], "ISR", "SYR", false, Period::Month);
    assert_eq!(s.skipped_undated, 1);
    assert!(s.rows.is_empty());
    let s = dyad_series(&[], "ISR", "SYR", false, Period::Day);
    assert!(s.rows.is_empty());
}

#[test]
fn tsv_output() {
    let s = dyad_series(&sample(), "ISR", "SYR", false, Period::Month);
    let mut out = Vec::new();
    write_tsv(&mut out, &s).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("period\tstart\tevents\t"));
    assert_eq!(lines[1].split('\t').count(), 12);
    assert!(lines[2].starts_with("2025-02\t2025-02-01\t0\t"));
}

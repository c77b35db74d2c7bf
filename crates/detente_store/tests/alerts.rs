//! Alerts: a synthetic shift fires, a flat series does not, and the bundled sample corpus,
//! coded through the library, shows the Israel-Syria de-escalation of 2025.

use detente_store::alerts::{detect, scan_all};
use detente_store::series::{dyad_series, is_claim, Period};
use detente_store::{stored_event, AlertParams, ArticleMeta, Direction, StoredEvent};

fn ev(id: i64, date: &str, quad: u8, g: f32) -> StoredEvent {
    StoredEvent {
        id,
        article_id: format!("a{id}"),
        sentence_id: 0,
        date: Some(date.into()),
        source: "ISR".into(),
        source_text: "Israel".into(),
        target: Some("SYR".into()),
        target_text: Some("Syria".into()),
        cameo: if quad <= 2 { "040" } else { "190" }.into(),
        root: if quad <= 2 { "04" } else { "19" }.into(),
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
        article_date: None,
        article_source: None,
        article_url: None,
        num_mentions: 1,
        num_sources: 1,
        num_articles: 1,
    }
}

/// Months 2024-01.. with `per_month(i)` events of (quad, goldstein).
fn monthly(months: usize, per_month: impl Fn(usize) -> Vec<(u8, f32)>) -> Vec<StoredEvent> {
    let mut out = Vec::new();
    for i in 0..months {
        let (y, m) = (2024 + i / 12, i % 12 + 1);
        for (j, (q, g)) in per_month(i).into_iter().enumerate() {
            let id = out.len() as i64 + 1;
            out.push(ev(id, &format!("{y}-{m:02}-{:02}", j % 28 + 1), q, g));
        }
    }
    out
}

#[test]
fn a_synthetic_shift_to_cooperation_fires_once() {
    // Ten months of mostly conflict, then ten of mostly cooperation.
    let events = monthly(20, |i| {
        if i < 10 {
            vec![(4, -10.0), (4, -9.0), (3, -2.0), (1, 1.0)]
        } else {
            vec![(1, 7.0), (2, 8.5), (1, 1.0), (3, -2.0)]
        }
    });
    let s = dyad_series(&events, "ISR", "SYR", false, Period::Month);
    let alerts = detect(&s, &AlertParams::default());
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    let a = &alerts[0];
    assert_eq!(a.direction, Direction::DeEscalation);
    assert_eq!(a.period, "2024-11");
    assert!(a.strength >= 1.0);
    assert!(a.shift > 1.0);
    // The events behind it are the cooperative events of the shift month.
    assert_eq!(a.event_ids.len(), 3);
    for id in &a.event_ids {
        let e = &events[(*id - 1) as usize];
        assert!(e.quad_class.unwrap() <= 2);
        assert!(e.date.as_deref().unwrap().starts_with("2024-11"));
    }
}

#[test]
fn a_synthetic_shift_to_conflict_is_an_escalation() {
    let events = monthly(16, |i| {
        if i < 8 {
            vec![(1, 4.0), (1, 1.0)]
        } else {
            vec![(4, -10.0), (1, 1.0)]
        }
    });
    let s = dyad_series(&events, "ISR", "SYR", false, Period::Month);
    let alerts = detect(&s, &AlertParams::default());
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    assert_eq!(alerts[0].direction, Direction::Escalation);
    assert_eq!(alerts[0].period, "2024-09");
}

#[test]
fn a_flat_or_noisy_flat_series_does_not_fire() {
    let flat = monthly(24, |_| vec![(4, -10.0), (1, 4.0)]);
    let s = dyad_series(&flat, "ISR", "SYR", false, Period::Month);
    assert!(detect(&s, &AlertParams::default()).is_empty());
    // Small alternating wobble around a mixed level.
    let noisy = monthly(36, |i| {
        if i % 3 == 0 {
            vec![(4, -10.0), (1, 4.0), (1, 3.0)]
        } else {
            vec![(4, -9.0), (1, 4.0), (2, 6.0)]
        }
    });
    let s = dyad_series(&noisy, "ISR", "SYR", false, Period::Month);
    assert!(detect(&s, &AlertParams::default()).is_empty());
    // Too short to have a baseline.
    let short = monthly(2, |i| vec![(if i == 0 { 4 } else { 1 }, 5.0)]);
    let s = dyad_series(&short, "ISR", "SYR", false, Period::Month);
    assert!(detect(&s, &AlertParams::default()).is_empty());
}

#[test]
fn scan_all_groups_country_dyads_and_honours_since() {
    let mut events = monthly(20, |i| {
        if i < 10 {
            vec![(4, -10.0), (4, -9.0)]
        } else {
            vec![(1, 7.0), (2, 8.5)]
        }
    });
    // Both directions and agent codes fold into one country dyad.
    for (k, e) in events.iter_mut().enumerate() {
        if k % 2 == 1 {
            e.source = "SYRGOV".into();
            e.target = Some("ISRMIL".into());
        }
    }
    let all = scan_all(&events, Period::Month, &AlertParams::default(), 10, None);
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].a.as_str(), all[0].b.as_str()), ("ISR", "SYR"));
    assert!(scan_all(
        &events,
        Period::Month,
        &AlertParams::default(),
        10,
        Some("2025-01-01")
    )
    .is_empty());
    assert!(scan_all(&events, Period::Month, &AlertParams::default(), 100, None).is_empty());
}

/// Codes `samples/corpus/articles.jsonl` with the built-in model, actors and lexicon.
fn corpus_events() -> Option<Vec<StoredEvent>> {
    use detente_events::{Article, Coder, Lexicon};
    let Ok(model) = detente_syntax::Model::builtin() else {
        eprintln!("skipping: no built-in model");
        return None;
    };
    let kb = detente_actors::builtin().expect("built-in dictionaries load");
    let coder = Coder::new(&kb, Lexicon::builtin());
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/corpus/articles.jsonl"
    );
    let text = std::fs::read_to_string(path).expect("the sample corpus is in the repository");
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("corpus line is JSON");
        let (id, body, date) = (
            v["id"].as_str().unwrap_or_default(),
            v["text"].as_str().unwrap_or_default(),
            v["date"].as_str().unwrap_or_default(),
        );
        let doc = detente_pipeline::analyze(model, body).expect("short texts split");
        let events = coder.code(
            &doc,
            &Article {
                id,
                text: body,
                date: detente_dates::EventDate::parse(date),
            },
        );
        let meta = ArticleMeta {
            date: Some(date),
            source: v["source"].as_str(),
            url: None,
        };
        for e in &events {
            let id = out.len() as i64 + 1;
            out.push(stored_event(id, e, &meta));
        }
    }
    Some(out.into_iter().filter(|e| is_claim(&e.mode)).collect())
}

#[test]
fn sample_corpus_shows_the_israel_syria_de_escalation_of_2025() {
    let Some(events) = corpus_events() else {
        return;
    };
    let alerts = scan_all(&events, Period::Month, &AlertParams::default(), 10, None);
    for a in &alerts {
        eprintln!(
            "{}-{} {} {} strength {:.2} shift {:+.2} ({} events)",
            a.a,
            a.b,
            a.direction.as_str(),
            a.period,
            a.strength,
            a.shift,
            a.event_ids.len()
        );
    }
    let found = alerts.iter().find(|a| {
        (a.a.as_str(), a.b.as_str()) == ("ISR", "SYR")
            && a.direction == Direction::DeEscalation
            && a.start.starts_with("2025")
    });
    let found = found.expect("an ISR-SYR de-escalation alert in 2025");
    assert!(found.strength >= 1.0);
    assert!(!found.event_ids.is_empty());
    // The events behind it are cooperative Israel-Syria events of 2025.
    for id in &found.event_ids {
        let e = events.iter().find(|e| e.id == *id).unwrap();
        assert!(e.quad_class.unwrap() <= 2, "{e:?}");
        assert!(e.date.as_deref().unwrap_or("").starts_with("2025"));
    }
    // No Israel-Syria escalation is reported for the de-escalation months themselves.
    assert!(!alerts.iter().any(|a| a.a == "ISR"
        && a.b == "SYR"
        && a.direction == Direction::Escalation
        && a.period == found.period));
    // Weekly series find it too.
    let weekly = scan_all(&events, Period::Week, &AlertParams::default(), 10, None);
    assert!(weekly.iter().any(|a| a.a == "ISR"
        && a.b == "SYR"
        && a.direction == Direction::DeEscalation
        && a.start.starts_with("2025")));
}

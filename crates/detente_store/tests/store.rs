//! The store without the coder: storing, replacing and skipping articles, near-duplicate
//! links, roll-ups and the one-a-day filter, filters, and errors that name the file.
//! The million-event dyad query is a benchmark: `cargo bench -p detente_store`.

mod fixtures;

use std::path::Path;

use detente_events::Mode;
use detente_store::{ArticleState, EventFilter, Outcome, Store, StoreError};
use fixtures::{article, event, info, scratch};

const STORY: &str = "Israeli and Syrian officials met in Baku on Saturday to discuss security \
    arrangements in southern Syria, according to a diplomatic source. The meeting, mediated \
    by Azerbaijan, was the highest-level contact between the two countries in years.";
const OTHER: &str = "Syrian and Israeli delegates sat at one table in Baku for several hours, \
    our correspondent reports, a rare scene after decades of hostility.";

fn open(dir: &Path) -> Store {
    Store::open(&dir.join("s.db")).unwrap()
}

#[test]
fn store_skip_replace_and_dedup() {
    let dir = scratch("basic");
    let mut store = open(&dir);
    let info = info();
    let run = store.begin_run("ingest", &info).unwrap();
    let a = article("a", "Outlet A", STORY);
    let ev_a = vec![
        event("a", 0, "2025-07-12", "ISRGOV", "SYRGOV", "040"),
        event("a", 1, "2025-07-12", "ISRGOV", "SYRGOV", "040"),
        event("a", 1, "2025-07", "ISRGOV", "SYRGOV", "040"),
    ];
    assert_eq!(store.article_state(&a).unwrap(), ArticleState::New);
    assert_eq!(
        store.store_article(run, &info, &a, &ev_a).unwrap(),
        (Outcome::Added, false)
    );
    assert_eq!(store.article_state(&a).unwrap(), ArticleState::Unchanged);
    assert_eq!(
        store.store_article(run, &info, &a, &ev_a).unwrap(),
        (Outcome::Unchanged, false)
    );
    // A wire copy under another id and outlet.
    let b = article("b", "Outlet B", &format!("BAKU (Wire) - {STORY}"));
    let ev_b = vec![event("b", 0, "2025-07-12", "ISRGOV", "SYRGOV", "040")];
    assert_eq!(
        store.store_article(run, &info, &b, &ev_b).unwrap(),
        (Outcome::Added, true)
    );
    let c = article("c", "Outlet C", OTHER);
    let ev_c = vec![event("c", 0, "2025-07-12", "SYRGOV", "ISRGOV", "040")];
    assert_eq!(
        store.store_article(run, &info, &c, &ev_c).unwrap(),
        (Outcome::Added, false)
    );
    assert_eq!(store.event_count().unwrap(), 5);

    // Mentions: the copy's left out; claims only by default.
    let all = store.events(&EventFilter::default()).unwrap();
    assert_eq!(all.len(), 4);
    assert!(all.iter().all(|e| e.article_id != "b"));
    assert_eq!(all[0].date.as_deref(), Some("2025-07"));
    assert_eq!(all[1].article_source.as_deref(), Some("Outlet A"));

    // Roll-up: (ISRGOV, SYRGOV, 040, 2025-07-12) has 3 mentions from 2 outlets in one
    // article (b is a copy of a); the month-dated mention stays apart.
    let directed = EventFilter {
        dyad: Some(("ISR".into(), "SYR".into())),
        directed: true,
        ..EventFilter::default()
    };
    let rolled = store.rolled_up(&directed, false).unwrap();
    let counts: Vec<_> = rolled
        .iter()
        .map(|e| {
            (
                e.date.clone().unwrap(),
                e.num_mentions,
                e.num_sources,
                e.num_articles,
            )
        })
        .collect();
    assert_eq!(
        counts,
        vec![("2025-07".into(), 1, 1, 1), ("2025-07-12".into(), 3, 2, 1)]
    );
    // One a day: the month-dated mention goes on its article's day.
    let daily = store.rolled_up(&directed, true).unwrap();
    assert_eq!(daily.len(), 1);
    assert_eq!(
        (
            daily[0].num_mentions,
            daily[0].num_sources,
            daily[0].num_articles
        ),
        (4, 2, 1)
    );
    // The lean roll-up for series and alerts: the same rows and counts, text left out.
    for one_a_day in [false, true] {
        let full = store.rolled_up(&directed, one_a_day).unwrap();
        let lean = store.rolled_up_counts(&directed, one_a_day).unwrap();
        let key = |e: &detente_store::StoredEvent| {
            (
                e.id,
                e.date.clone(),
                e.source.clone(),
                e.target.clone(),
                e.cameo.clone(),
                e.quad_class,
                e.goldstein.map(f32::to_bits),
                e.mode.clone(),
                (e.num_mentions, e.num_sources, e.num_articles),
                e.article_date.clone(),
            )
        };
        assert_eq!(
            full.iter().map(key).collect::<Vec<_>>(),
            lean.iter().map(key).collect::<Vec<_>>()
        );
        assert!(full.iter().all(|e| !e.evidence.is_empty()));
        assert!(lean.iter().all(|e| e.evidence.is_empty()));
    }
    // Both directions.
    let both = EventFilter {
        dyad: Some(("SYR".into(), "ISR".into())),
        ..EventFilter::default()
    };
    assert_eq!(store.rolled_up(&both, false).unwrap().len(), 3);

    // The original changes beyond recognition: its events are replaced, and the copy is
    // no longer a copy.
    let a2 = article(
        "a",
        "Outlet A",
        "Completely different words about a border crossing reopening.",
    );
    let ev_a2 = vec![event("a", 0, "2025-07-13", "ISR", "JOR", "050")];
    assert_eq!(store.article_state(&a2).unwrap(), ArticleState::Changed);
    assert_eq!(
        store.store_article(run, &info, &a2, &ev_a2).unwrap(),
        (Outcome::Replaced, false)
    );
    assert_eq!(store.event_count().unwrap(), 3);
    let mentions = store.events(&EventFilter::default()).unwrap();
    assert_eq!(mentions.len(), 3);
    assert!(mentions.iter().any(|e| e.article_id == "b"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn filters_use_prefixes_and_overlapping_dates() {
    let dir = scratch("filters");
    let mut store = open(&dir);
    let info = info();
    let run = store.begin_run("ingest", &info).unwrap();
    let mut negated = event("x", 3, "2025-06-02", "ISRGOV", "SYRGOV", "190");
    negated.mode = Mode::Negated;
    let evs = vec![
        event("x", 0, "2025-05-28", "ISRGOV", "SYRGOV", "046"),
        event("x", 1, "2025-06", "SYR", "ISRMIL", "0874"),
        event("x", 2, "2025-07-01", "USA", "IRN", "190"),
        negated,
    ];
    store
        .store_article(run, &info, &article("x", "O", "text of x"), &evs)
        .unwrap();
    let q = |f: EventFilter| -> Vec<u32> {
        store
            .events(&f)
            .unwrap()
            .iter()
            .map(|e| e.sentence_id)
            .collect()
    };
    let dyad = |a: &str, b: &str, directed: bool| EventFilter {
        dyad: Some((a.into(), b.into())),
        directed,
        ..EventFilter::default()
    };
    assert_eq!(q(dyad("ISR", "SYR", false)), vec![0, 1]);
    assert_eq!(q(dyad("ISR", "SYR", true)), vec![0]);
    assert_eq!(q(dyad("ISRGOV", "SYR", false)), vec![0]);
    assert_eq!(q(dyad("IS", "SY", false)), vec![0, 1]);
    assert_eq!(
        q(EventFilter {
            actor: Some("IRN".into()),
            ..EventFilter::default()
        }),
        vec![2]
    );
    assert_eq!(
        q(EventFilter {
            code: Some("08".into()),
            ..EventFilter::default()
        }),
        vec![1]
    );
    // "2025-06" overlaps a bound inside June.
    assert_eq!(
        q(EventFilter {
            from: Some("2025-06-10".into()),
            ..EventFilter::default()
        }),
        vec![1, 2]
    );
    assert_eq!(
        q(EventFilter {
            to: Some("2025-06-10".into()),
            ..EventFilter::default()
        }),
        vec![0, 1]
    );
    assert_eq!(
        q(EventFilter {
            from: Some("2025-06".into()),
            to: Some("2025-06".into()),
            modes: vec!["negated".into()],
            ..EventFilter::default()
        }),
        vec![3]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn errors_name_the_database() {
    let dir = scratch("errors");
    let missing = dir.join("missing.db");
    let err = Store::open_read_only(&missing).unwrap_err();
    assert!(err.to_string().contains("missing.db"), "{err}");
    let not_db = dir.join("notes.db");
    std::fs::write(&not_db, "these are notes, not a database ".repeat(100)).unwrap();
    let err = Store::open(&not_db).unwrap_err();
    assert!(matches!(err, StoreError::Sqlite { .. }), "{err:?}");
    assert!(err.to_string().contains("notes.db"), "{err}");
    let err = Store::open_read_only(&not_db).unwrap_err();
    assert!(err.to_string().contains("notes.db"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

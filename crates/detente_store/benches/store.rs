//! Benchmark: store 1,000,000 events over 400 dyads and two years, then time the dyad
//! series queries (`events` and `rolled_up`, one and both directions). Run with
//! `cargo bench -p detente_store`; the target is under 200 ms per query.

#[path = "../tests/fixtures/mod.rs"]
mod fixtures;

use detente_events::Event;
use detente_store::{EventFilter, Store};
use fixtures::{article, event, info, scratch};

fn main() {
    let dir = scratch("million");
    let path = dir.join("m.db");
    let mut store = Store::open(&path).unwrap();
    let info = info();
    let run = store.begin_run("ingest", &info).unwrap();
    let countries = [
        "ISR", "SYR", "USA", "IRN", "RUS", "UKR", "CHN", "TUR", "LBN", "EGY", "JOR", "SAU", "IRQ",
        "PSE", "FRA", "GBR", "DEU", "IND", "PAK", "QAT",
    ];
    let t = std::time::Instant::now();
    // 20,000 articles of 50 events: 1,000,000 events over 400 dyads and two years.
    let mut seed: u64 = 1;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for a in 0..20_000 {
        let id = format!("a{a}");
        let evs: Vec<Event> = (0..50)
            .map(|i| {
                let day = next() % 730;
                let date = format!(
                    "{}-{:02}-{:02}",
                    2024 + day / 365,
                    1 + (day % 365) / 31 % 12,
                    1 + day % 28
                );
                let s = countries[next() % countries.len()];
                let tcc = countries[next() % countries.len()];
                let cameo = ["040", "046", "190", "173", "057", "111"][next() % 6];
                event(
                    &id,
                    i,
                    &date,
                    &format!("{s}GOV"),
                    &format!("{tcc}MIL"),
                    cameo,
                )
            })
            .collect();
        store
            .store_article(
                run,
                &info,
                &article(&id, "O", &format!("article {a} text")),
                &evs,
            )
            .unwrap();
    }
    eprintln!(
        "stored 1,000,000 events in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    drop(store);
    let store = Store::open_read_only(&path).unwrap();
    for (what, directed) in [("ISR-SYR directed", true), ("ISR-SYR both ways", false)] {
        let filter = EventFilter {
            dyad: Some(("ISR".into(), "SYR".into())),
            directed,
            ..EventFilter::default()
        };
        for _ in 0..2 {
            let t = std::time::Instant::now();
            let rows = store.events(&filter).unwrap();
            let t1 = t.elapsed();
            let t = std::time::Instant::now();
            let rolled = store.rolled_up(&filter, false).unwrap();
            eprintln!(
                "{what}: events() {} rows in {:.0} ms; rolled_up() {} rows in {:.0} ms",
                rows.len(),
                t1.as_secs_f64() * 1000.0,
                rolled.len(),
                t.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

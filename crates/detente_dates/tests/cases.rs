//! Data-driven tests: every line of `test_data/cases.tsv` gives a publication date, a
//! tokenized sentence and the mentions `resolve_dates` must return for it.

use detente_dates::{resolve_dates, EventDate, Relation};

fn parse_relation(s: &str) -> Relation {
    match s {
        "at" => Relation::At,
        "since" => Relation::Since,
        "before" => Relation::Before,
        "after" => Relation::After,
        other => panic!("unknown relation {other:?}"),
    }
}

#[test]
fn cases_table() {
    let data = include_str!("../test_data/cases.tsv");
    let mut count = 0;
    let mut failures = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            cols.len(),
            3,
            "line {}: expected 3 tab-separated columns",
            n + 1
        );
        let p = EventDate::parse(cols[0]).expect("publication date");
        let published = (p.year, p.month.unwrap(), p.day.unwrap());
        let words: Vec<&str> = cols[1].split(' ').collect();
        let expected: Vec<(String, String, Relation)> = if cols[2] == "-" {
            Vec::new()
        } else {
            cols[2]
                .split(" | ")
                .map(|item| {
                    let (span, rest) = item.rsplit_once('=').expect("words=date");
                    let (date, rel) = rest.split_once('@').unwrap_or((rest, "at"));
                    (span.to_string(), date.to_string(), parse_relation(rel))
                })
                .collect()
        };
        let got: Vec<(String, String, Relation)> = resolve_dates(&words, published)
            .into_iter()
            .map(|m| {
                (
                    words[m.words.clone()].join(" "),
                    m.date.to_string(),
                    m.relation,
                )
            })
            .collect();
        if got != expected {
            failures.push(format!(
                "line {}: {}\n  expected {expected:?}\n  got      {got:?}",
                n + 1,
                cols[1]
            ));
        }
        count += 1;
    }
    assert!(count >= 60, "only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

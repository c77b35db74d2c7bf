//! `detente dyad`, `detente alerts` and `detente events` on the ingested sample corpus.

use std::path::PathBuf;
use std::process::Command;

fn detente(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn corpus_db(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("detente-series-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("t.db");
    let _ = std::fs::remove_file(&db);
    let corpus = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/corpus/articles.jsonl"
    );
    let (ok, _, err) = detente(&["ingest", "--db", db.to_str().unwrap(), corpus]);
    assert!(ok, "ingest failed: {err}");
    db
}

#[test]
fn dyad_alerts_and_exports_on_the_sample_corpus() {
    let db = corpus_db("all");
    let db = db.to_str().unwrap();
    let svg = std::env::temp_dir().join(format!("detente-series-{}.svg", std::process::id()));
    let (ok, out, err) = detente(&[
        "dyad",
        "ISR",
        "SYR",
        "--by",
        "month",
        "--db",
        db,
        "--plot",
        svg.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("period\tstart\tevents"));
    let may = lines
        .iter()
        .find(|l| l.starts_with("2025-05\t"))
        .expect("May 2025 row");
    let cci: f64 = may.split('\t').nth(10).unwrap().parse().unwrap();
    assert!(cci > 0.0, "May 2025 is cooperative: {may}");
    let chart = std::fs::read_to_string(&svg).unwrap();
    assert!(chart.starts_with("<svg") && chart.trim_end().ends_with("</svg>"));
    assert!(chart.contains("de-escalation 2025-05"));

    let (ok, out, err) = detente(&["alerts", "--db", db]);
    assert!(ok, "{err}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("ISR-SYR\tde-escalation\t2025-")),
        "{out}"
    );
    let (ok, out, _) = detente(&[
        "alerts",
        "--db",
        db,
        "--since",
        "2025-06-01",
        "--dyad",
        "ISR-SYR",
    ]);
    assert!(ok);
    assert!(!out.contains("de-escalation\t2025-05"));

    let (ok, out, _) = detente(&[
        "events", "--db", db, "--dyad", "ISR-SYR", "--format", "gdelt",
    ]);
    assert!(ok);
    assert!(out.lines().count() > 20);
    assert!(out.lines().all(|l| l.split('\t').count() == 61));
    let (ok, out, _) = detente(&[
        "events", "--db", db, "--code", "19", "--format", "phoenix", "--rollup",
    ]);
    assert!(ok);
    assert!(out.lines().all(|l| l.split('\t').count() == 26));

    let (ok, out, err) = detente(&["events", "--db", db, "--format", "parquet"]);
    assert!(ok, "{err}");
    assert!(
        out.starts_with("PAR1") && out.ends_with("PAR1"),
        "a Parquet file"
    );
    let (ok, _, err) = detente(&["dyad", "ISR", "SYR", "--by", "year", "--db", db]);
    assert!(!ok);
    assert!(err.contains("day, week or month"));
    let (ok, _, err) = detente(&["alerts", "--db", "/nonexistent/x.db"]);
    assert!(!ok);
    assert!(err.contains("x.db"), "{err}");
}

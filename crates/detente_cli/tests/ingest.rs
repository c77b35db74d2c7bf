//! `detente ingest` end to end: idempotent re-ingest, changed-article replacement,
//! kill-and-resume (SIGKILL of a child process), near-duplicate counts, and bad input
//! reported with its file and line while the rest is ingested.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use detente_store::{EventFilter, Store, StoredEvent};

const BIN: &str = env!("CARGO_BIN_EXE_detente");

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/corpus/articles.jsonl")
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("detente-ingest-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn ingest(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("ingest")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn all_modes() -> EventFilter {
    EventFilter {
        modes: [
            "asserted",
            "reported",
            "future",
            "historical",
            "hypothetical",
            "negated",
        ]
        .map(String::from)
        .to_vec(),
        ..EventFilter::default()
    }
}

/// Every stored mention (copies' included) without row ids, sorted.
fn event_set(db: &Path) -> Vec<String> {
    let store = Store::open_read_only(db).unwrap();
    let conn = store.connection();
    let mut st = conn
        .prepare(
            "SELECT article_id, sentence_id, coalesce(date, ''), source, coalesce(target, ''),
                    cameo, mode, evidence_start, evidence_end, pattern FROM events",
        )
        .unwrap();
    let mut out: Vec<String> = st
        .query_map([], |r| {
            Ok(format!(
                "{}|{}|{}|{}|{}|{}|{}|{}|{}|{}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, i64>(7)?,
                r.get::<_, i64>(8)?,
                r.get::<_, String>(9)?
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    out.sort();
    out
}

/// Every stored article: id, content hash and what it is a copy of.
fn article_set(db: &Path) -> Vec<String> {
    let store = Store::open_read_only(db).unwrap();
    let mut st = store
        .connection()
        .prepare("SELECT id, content_hash, coalesce(dup_of, '') FROM articles ORDER BY id")
        .unwrap();
    st.query_map([], |r| {
        Ok(format!(
            "{}|{}|{}",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?
        ))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn without_ids(events: Vec<StoredEvent>) -> Vec<StoredEvent> {
    events
        .into_iter()
        .map(|mut e| {
            e.id = 0;
            e
        })
        .collect()
}

#[test]
fn re_ingest_adds_nothing() {
    let dir = scratch("idempotent");
    let db = dir.join("d.db");
    let first = ingest(&db, &[corpus().to_str().unwrap()]);
    assert!(first.status.success(), "{:?}", first);
    let events = event_set(&db);
    assert!(events.len() > 100, "{}", events.len());
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.article_count().unwrap(), 56);
    drop(store);
    let second = ingest(&db, &[corpus().to_str().unwrap()]);
    assert!(second.status.success());
    let msg = String::from_utf8_lossy(&second.stderr);
    assert!(
        msg.contains("0 article(s) added, 0 replaced, 56 unchanged"),
        "{msg}"
    );
    assert_eq!(event_set(&db), events);
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.article_count().unwrap(), 56);
    // Both runs are recorded with the dictionaries and model they used.
    let runs: Vec<(String, String, String)> = store
        .connection()
        .prepare("SELECT version, dictionaries_hash, model_hash FROM runs ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0], runs[1]);
    assert!(runs[0].0.starts_with("detente "));
    assert_eq!(runs[0].1.len(), 32);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn changed_article_replaces_its_events() {
    let dir = scratch("changed");
    let text = std::fs::read_to_string(corpus()).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let original = dir.join("a.jsonl");
    std::fs::write(&original, lines[..10].join("\n")).unwrap();
    // The same ten articles, the third replaced by the text of the eleventh.
    let mut third: serde_json::Value = serde_json::from_str(lines[2]).unwrap();
    let eleventh: serde_json::Value = serde_json::from_str(lines[10]).unwrap();
    third["text"] = eleventh["text"].clone();
    let id = third["id"].as_str().unwrap().to_string();
    let mut changed_lines: Vec<String> = lines[..10].iter().map(|l| l.to_string()).collect();
    changed_lines[2] = third.to_string();
    let changed = dir.join("b.jsonl");
    std::fs::write(&changed, changed_lines.join("\n")).unwrap();

    let db = dir.join("d.db");
    assert!(ingest(&db, &[original.to_str().unwrap()]).status.success());
    let out = ingest(&db, &[changed.to_str().unwrap()]);
    assert!(out.status.success());
    let msg = String::from_utf8_lossy(&out.stderr);
    assert!(
        msg.contains("0 article(s) added, 1 replaced, 9 unchanged"),
        "{msg}"
    );

    // The result is what a clean ingest of the changed file gives.
    let clean = dir.join("clean.db");
    assert!(ingest(&clean, &[changed.to_str().unwrap()])
        .status
        .success());
    assert_eq!(event_set(&db), event_set(&clean));
    let store = Store::open_read_only(&db).unwrap();
    let stored = store.article(&id).unwrap().unwrap();
    assert_eq!(stored.text, eleventh["text"].as_str().unwrap());
    assert!(event_set(&db)
        .iter()
        .any(|e| e.starts_with(&format!("{id}|"))));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn killed_ingest_resumes_to_the_clean_result() {
    let dir = scratch("kill");
    let text = std::fs::read_to_string(corpus()).unwrap();
    let mut big = String::new();
    // 336 articles: six rounds of the corpus under new ids (copies of each other, so
    // the near-duplicate links must come out the same too).
    for round in 0..6 {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
            let id = format!("{}-{round}", v["id"].as_str().unwrap());
            v["id"] = serde_json::Value::String(id);
            if round % 2 == 1 {
                let t = format!("{} Round {round} update.", v["text"].as_str().unwrap());
                v["text"] = serde_json::Value::String(t);
            }
            big.push_str(&v.to_string());
            big.push('\n');
        }
    }
    let input = dir.join("big.jsonl");
    std::fs::write(&input, &big).unwrap();

    let db = dir.join("killed.db");
    let mut child = Command::new(BIN)
        .arg("ingest")
        .arg("--db")
        .arg(&db)
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until part of the input is stored, then SIGKILL the process.
    let start = Instant::now();
    let mut stored_at_kill = 0;
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if let Ok(store) = Store::open_read_only(&db) {
            stored_at_kill = store.article_count().unwrap_or(0);
            if stored_at_kill >= 40 {
                break;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "ingest too slow"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    let _ = child.wait();
    eprintln!("killed with {stored_at_kill} of 336 articles stored");
    // Restart: the rest is ingested and the result equals a clean run.
    let resumed = ingest(&db, &[input.to_str().unwrap()]);
    assert!(resumed.status.success(), "{:?}", resumed);
    let clean = dir.join("clean.db");
    assert!(ingest(&clean, &[input.to_str().unwrap()]).status.success());
    assert_eq!(article_set(&db), article_set(&clean));
    let (got, want) = (event_set(&db), event_set(&clean));
    assert_eq!(got.len(), want.len());
    assert_eq!(got, want);
    let (a, b) = (
        Store::open_read_only(&db).unwrap(),
        Store::open_read_only(&clean).unwrap(),
    );
    assert_eq!(
        without_ids(a.rolled_up(&EventFilter::default(), false).unwrap()),
        without_ids(b.rolled_up(&EventFilter::default(), false).unwrap())
    );
    let _ = std::fs::remove_dir_all(&dir);
}

const WIRE_A: &str = "BAKU, July 12 (Wire) - Israeli and Syrian officials met in Baku on Saturday to discuss security arrangements in southern Syria, according to a diplomatic source. The meeting, mediated by Azerbaijan, was the highest-level contact between the two countries in years. The source said the officials agreed to keep talking and to avoid incidents along the border. Neither government commented on the talks.";
const WIRE_B: &str = "BAKU, July 12 (Wire via Outlet B) - Israeli and Syrian officials met in Baku on Saturday to discuss security arrangements in southern Syria, according to a diplomatic source. The meeting, mediated by Azerbaijan, was the highest-level contact between the two countries in years. The source said the officials agreed to keep talking and to avoid incidents along the border.";
const OWN_C: &str = "Israeli and Syrian officials met in Baku on Saturday. Our correspondent reports that Israeli and Syrian delegates sat at the same table for several hours, a rare scene after decades of hostility, while Azerbaijani diplomats waited outside.";

#[test]
fn wire_copies_count_once() {
    let dir = scratch("dedup");
    let input = dir.join("wire.jsonl");
    let line = |id: &str, source: &str, text: &str| {
        serde_json::json!({"id": id, "date": "2025-07-12", "source": source, "text": text})
            .to_string()
    };
    std::fs::write(
        &input,
        [
            line("wire-a", "Outlet A", WIRE_A),
            line("wire-b", "Outlet B", WIRE_B),
            line("own-c", "Outlet C", OWN_C),
        ]
        .join("\n"),
    )
    .unwrap();
    let db = dir.join("d.db");
    let out = ingest(&db, &[input.to_str().unwrap()]);
    assert!(out.status.success(), "{:?}", out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 near-duplicate(s)"));
    let store = Store::open_read_only(&db).unwrap();
    let dups = article_set(&db);
    assert!(dups
        .iter()
        .any(|a| a.starts_with("wire-b|") && a.ends_with("|wire-a")));
    assert!(dups
        .iter()
        .any(|a| a.starts_with("own-c|") && a.ends_with('|')));

    let filter = EventFilter {
        dyad: Some(("ISR".into(), "SYR".into())),
        directed: true,
        code: Some("040".into()),
        ..EventFilter::default()
    };
    // Single mentions leave the copy out.
    let mentions = store.events(&filter).unwrap();
    assert_eq!(mentions.len(), 2, "{mentions:#?}");
    assert!(mentions.iter().all(|e| e.article_id != "wire-b"));
    // Rolled up: three mentions from three outlets, but two articles.
    for one_a_day in [false, true] {
        let rolled = store.rolled_up(&filter, one_a_day).unwrap();
        assert_eq!(rolled.len(), 1, "{rolled:#?}");
        let ev = &rolled[0];
        assert_eq!(
            (ev.source.as_str(), ev.target.as_deref()),
            ("ISRGOV", Some("SYRGOV"))
        );
        assert_eq!(ev.date.as_deref(), Some("2025-07-12"));
        assert_eq!(
            (ev.num_mentions, ev.num_sources, ev.num_articles),
            (3, 3, 2)
        );
        assert_ne!(ev.article_id, "wire-b");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_lines_and_files_are_reported_and_the_rest_ingested() {
    let dir = scratch("bad");
    let text = std::fs::read_to_string(corpus()).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let input = dir.join("mixed.jsonl");
    std::fs::write(
        &input,
        format!(
            "{}\n{{\"id\": \"broken\", \"text\": \n{}\n{{\"text\": \"no id\"}}\n",
            lines[0], lines[1]
        ),
    )
    .unwrap();
    let folder = dir.join("folder");
    std::fs::create_dir_all(folder.join("sub")).unwrap();
    std::fs::write(
        folder.join("sub/note.txt"),
        "Israel and Syria held talks in Baku on Saturday.",
    )
    .unwrap();
    std::fs::write(folder.join("ignored.csv"), "a,b\n").unwrap();
    let missing = dir.join("missing.jsonl");
    let db = dir.join("d.db");
    let out = ingest(
        &db,
        &[
            input.to_str().unwrap(),
            missing.to_str().unwrap(),
            folder.to_str().unwrap(),
            "--date",
            "2025-07-12",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let msg = String::from_utf8_lossy(&out.stderr);
    let name = input.display().to_string();
    assert!(msg.contains(&format!("{name}:2: not valid JSON")), "{msg}");
    assert!(
        msg.contains(&format!("{name}:4: no \"id\" string")),
        "{msg}"
    );
    assert!(msg.contains(&missing.display().to_string()), "{msg}");
    assert!(msg.contains("error: 3 input(s) skipped"), "{msg}");
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.article_count().unwrap(), 3);
    let note = store.article("sub/note").unwrap().unwrap();
    assert_eq!(note.date.as_deref(), Some("2025-07-12"));
    assert!(!store.events(&all_modes()).unwrap().is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn recode_rewrites_events_and_resumes() {
    let dir = scratch("recode");
    let db = dir.join("d.db");
    assert!(ingest(&db, &[corpus().to_str().unwrap()]).status.success());
    let before = event_set(&db);
    let run = |args: &[&str]| {
        Command::new(BIN)
            .arg("recode")
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    // Already coded with these dictionaries: nothing to do.
    let out = run(&[]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 article(s) re-coded"));
    // --all re-codes everything to the same events.
    let out = run(&["--all"]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("56 article(s) re-coded"));
    assert_eq!(event_set(&db), before);
    // A database that does not exist is an error naming it.
    let out = Command::new(BIN)
        .args(["recode", "--db"])
        .arg(dir.join("none.db"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("none.db"));
    let _ = std::fs::remove_dir_all(&dir);
}

//! End-to-end tests of `detente validate`: a tiny PETRARCH suite written to a temp dir
//! (its dictionaries found through `<Environment>`), a bad XML reported with its line,
//! and the PETRARCH unit-test suite of `../shared` (skipped when it is absent).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn detente(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("detente-validate-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

const VERBS: &str = "--- RESTORE [064] ---\nRESTORE\n- * TIES WITH + [064]\n";
const ACTORS: &str = "ARNOR [ARN]\nGONDOR [GON]\n";
const AGENTS: &str = "GOVERNMENT [~GOV]\n";

fn suite(sentences: &str) -> String {
    format!(
        "<Validation>\n<Environment>\n<Verbfile>v.txt</Verbfile>\n<Actorfile>a.txt</Actorfile>\n\
         <Agentfile>g.txt</Agentfile>\n</Environment>\n<Sentences>\n{sentences}</Sentences>\n</Validation>\n"
    )
}

#[test]
fn runs_a_tiny_suite() {
    let dir = temp_dir("tiny");
    std::fs::write(dir.join("v.txt"), VERBS).unwrap();
    std::fs::write(dir.join("a.txt"), ACTORS).unwrap();
    std::fs::write(dir.join("g.txt"), AGENTS).unwrap();
    let xml = suite(
        "<!-- passes -->\n<Sentence date=\"19950101\" id=\"DEMO-01\" category=\"DEMO\">\n\
         <EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"064\"></EventCoding>\n\
         <Text>Arnor restored diplomatic ties with Gondor.</Text>\n</Sentence>\n\
         <Sentence date=\"19950101\" id=\"DEMO-02\" category=\"DEMO\">\n\
         <EventCoding sourcecode=\"GON\" targetcode=\"ARN\" eventcode=\"190\"></EventCoding>\n\
         <Text>Arnor restored diplomatic ties with Gondor.</Text>\n</Sentence>\n\
         <Sentence date=\"19950101\" id=\"NULL-01\" category=\"NULL\">\n<EventCoding noevents=\"True\"/>\n\
         <Text>The weather was fine.</Text>\n</Sentence>\n",
    );
    let path = dir.join("suite.xml");
    std::fs::write(&path, xml).unwrap();
    let out = detente(&["validate", path.to_str().unwrap(), "--show-failures"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let row = |cat: &str| {
        stdout
            .lines()
            .find(|l| l.starts_with(cat))
            .map(|l| l.split_whitespace().collect::<Vec<_>>())
    };
    assert_eq!(row("DEMO").unwrap()[1..3], ["1", "2"], "{stdout}");
    assert_eq!(row("NULL").unwrap()[1..3], ["1", "1"], "{stdout}");
    assert_eq!(row("overall").unwrap()[1..3], ["2", "3"], "{stdout}");
    assert!(stdout.contains("FAIL DEMO-02"), "{stdout}");
    assert!(stdout.contains("expected: GON ARN 190"), "{stdout}");
    assert!(stdout.contains("got:      ARN GON 064"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_xml_is_an_error_with_its_line() {
    let dir = temp_dir("bad");
    let path = dir.join("bad.xml");
    std::fs::write(
        &path,
        suite("<Sentence id=\"A-1\">\n<Text>never closed\n<Sentence id=\"A-2\"><Text>x</Text>\n"),
    )
    .unwrap();
    let out = detente(&["validate", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("bad.xml:9:"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn petrarch_unit_tests() {
    let xml = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/petrarch/PETR.UnitTest.records.xml");
    if !xml.exists() {
        eprintln!("skipping: ../shared not found");
        return;
    }
    let out = detente(&["validate", xml.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let overall: Vec<&str> = stdout
        .lines()
        .find(|l| l.starts_with("overall"))
        .expect("an overall line")
        .split_whitespace()
        .collect();
    let (passed, total): (f64, f64) = (overall[1].parse().unwrap(), overall[2].parse().unwrap());
    assert!(total >= 280.0, "{stdout}");
    assert!(passed / total >= 0.70, "{stdout}");
}

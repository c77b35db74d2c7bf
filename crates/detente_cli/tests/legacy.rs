//! `detente actors --actors/--agents` with legacy PETRARCH-2 dictionaries: the binary
//! reads small hand-written snippets from a temporary directory, uses them instead of
//! the built-in dictionaries, reports loader warnings with file and line on stderr, and
//! fails with file and line on a file that is no dictionary.

use std::path::PathBuf;
use std::process::{Command, Output};

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("detente-legacy-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("temp file");
    path
}

fn detente(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn has_model() -> bool {
    if detente_syntax::Model::builtin().is_err() {
        eprintln!("skipping: no built-in model");
        return false;
    }
    true
}

const ACTORS: &str = "\
GONDOR [GON]
ARAGORN [GONGOV >20200101]
\t[GONREB]
NAZGUL [---]
";
const AGENTS: &str = "SOLDIER [~MIL]\n";

#[test]
fn legacy_dictionaries_replace_the_builtin_ones() {
    if !has_model() {
        return;
    }
    let actors = temp_file("gondor.actors.txt", ACTORS);
    let agents = temp_file("gondor.agents.txt", AGENTS);
    let text = temp_file(
        "article.txt",
        "Gondor's soldiers crossed the river. Aragorn thanked them. Syrian officials said nothing.\n",
    );
    let run = |date: &str| {
        detente(&[
            "actors",
            "--actors",
            actors.to_str().unwrap(),
            "--agents",
            agents.to_str().unwrap(),
            "--date",
            date,
            text.to_str().unwrap(),
        ])
    };
    let out = run("2021-05-01");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let codes: Vec<&str> = stdout
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').nth(3))
        .collect();
    assert!(codes.contains(&"GONMIL"), "{stdout}");
    assert!(codes.contains(&"GONGOV"), "{stdout}");
    assert!(!codes.iter().any(|c| c.starts_with("SYR")), "{stdout}");
    // "officials" is a built-in agent noun; --agents replaced them.
    assert!(!stdout.contains("\tofficials\t"), "{stdout}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let name = actors.display().to_string();
    assert!(
        stderr.contains(&format!("{name}:4: warning: ")),
        "warning with file and line expected: {stderr}"
    );

    let out = run("2019-05-01");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("\tGONREB\t"), "{stdout}");
}

#[test]
fn repeated_actors_options_add_up_and_builtin_agents_stay() {
    if !has_model() {
        return;
    }
    let a = temp_file("a.actors.txt", "GONDOR [GON]\n");
    let b = temp_file("b.actors.txt", "MORDOR [MOR]\n");
    let text = temp_file("war.txt", "Gondor's troops attacked Mordor.\n");
    let out = detente(&[
        "actors",
        "--actors",
        a.to_str().unwrap(),
        "--actors",
        b.to_str().unwrap(),
        "--date",
        "2021-05-01",
        text.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("\tGONMIL\t"), "{stdout}");
    assert!(stdout.contains("\tMOR\t"), "{stdout}");
}

#[test]
fn a_bad_dictionary_names_file_and_line() {
    let bad = temp_file("table.tsv", "a\tb\tc\td\te\nf\tg\th\ti\tj\n");
    let text = temp_file("short.txt", "Gondor.\n");
    let out = detente(&[
        "actors",
        "--agents",
        bad.to_str().unwrap(),
        text.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{}:1:", bad.display())),
        "{stderr}"
    );
    let missing = temp_file("x", "").with_file_name("does-not-exist.txt");
    let out = detente(&[
        "actors",
        "--actors",
        missing.to_str().unwrap(),
        text.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("does-not-exist.txt"));
}

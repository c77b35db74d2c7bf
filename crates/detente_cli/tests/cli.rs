//! End-to-end tests of the `detente` binary: output shape, traceability and bad input.
//!
//! These run the real binary with the built-in model, the way a user would.

use std::path::PathBuf;

mod common;

use common::detente;

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    common::temp_file("cli-test", name, bytes)
}

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples/border-talks.txt")
}

/// Word lines (not comments, not multiword ranges) of CoNLL-U output, split into columns.
fn word_lines(conllu: &str) -> Vec<Vec<&str>> {
    conllu
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|cols| !cols[0].contains('-'))
        .collect()
}

#[test]
fn parses_sample_article_into_well_formed_conllu() {
    let out = detente(&["parse", sample_path().to_str().unwrap()], b"");
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conllu = String::from_utf8(out.stdout).unwrap();
    assert!(conllu.starts_with("# newdoc id = border-talks\n"));
    assert!(
        conllu.contains("# dateline = AMMAN, June 3 (detente sample) -"),
        "{conllu}"
    );
    let n_sentences = conllu.matches("# sent_id = ").count();
    let n_texts = conllu.matches("# text = ").count();
    assert_eq!(n_sentences, n_texts);
    assert!(n_sentences >= 8, "only {n_sentences} sentences");
    for cols in word_lines(&conllu) {
        assert_eq!(cols.len(), 10, "{cols:?}");
        assert!(
            [
                "NOUN", "PROPN", "VERB", "ADJ", "ADP", "DET", "PUNCT", "AUX", "PRON", "ADV", "NUM",
                "CCONJ", "SCONJ", "PART", "SYM", "INTJ", "X"
            ]
            .contains(&cols[3]),
            "{cols:?}"
        );
        assert!(cols[6].parse::<u32>().is_ok(), "{cols:?}");
        assert_ne!(cols[7], "_");
    }
    // Every sentence has exactly one root.
    for block in conllu.split("\n\n").filter(|b| b.contains("# sent_id")) {
        let n_roots = word_lines(block).iter().filter(|c| c[6] == "0").count();
        assert_eq!(n_roots, 1, "{block}");
    }
}

#[test]
fn token_ranges_point_back_into_the_input() {
    let text = std::fs::read_to_string(sample_path()).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let out = detente(&["parse"], text.as_bytes());
    assert!(out.status.success());
    let conllu = String::from_utf8(out.stdout).unwrap();
    let mut n_checked = 0;
    for line in conllu
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let Some(range) = cols[9]
            .split('|')
            .find_map(|m| m.strip_prefix("TokenRange="))
        else {
            continue;
        };
        let (start, end) = range.split_once(':').unwrap();
        let (start, end): (usize, usize) = (start.parse().unwrap(), end.parse().unwrap());
        let span: String = chars[start..end].iter().collect();
        assert_eq!(span, cols[1], "{line}");
        n_checked += 1;
    }
    assert!(n_checked > 100);
}

#[test]
fn sentence_broken_across_lines_stays_one_sentence() {
    let out = detente(
        &["parse"],
        b"The meeting was held in May between U.S. President\nDonald Trump and Ahmed al-Sharaa.\n",
    );
    assert!(out.status.success());
    let conllu = String::from_utf8(out.stdout).unwrap();
    assert_eq!(conllu.matches("# sent_id").count(), 1, "{conllu}");
    assert!(conllu.contains("# text = The meeting was held in May between U.S. President Donald Trump and Ahmed al-Sharaa."));
}

#[test]
fn gold_tokens_are_kept_from_conllu_input() {
    let gold = "# sent_id = t1\n# text = Israel's army withdrew.\n1-2\tIsrael's\t_\t_\t_\t_\t_\t_\t_\t_\n1\tIsrael\t_\t_\t_\t_\t0\t_\t_\t_\n2\t's\t_\t_\t_\t_\t0\t_\t_\t_\n3\tarmy\t_\t_\t_\t_\t0\t_\t_\t_\n4\twithdrew\t_\t_\t_\t_\t0\t_\t_\tSpaceAfter=No\n5\t.\t_\t_\t_\t_\t0\t_\t_\t_\n\n";
    let path = temp_file("gold.conllu", gold.as_bytes());
    let out = detente(&["parse", "--input", "conllu", path.to_str().unwrap()], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conllu = String::from_utf8(out.stdout).unwrap();
    assert!(conllu.contains("# sent_id = t1"));
    assert!(conllu.contains("1-2\tIsrael's"));
    let words = word_lines(&conllu);
    let forms: Vec<&str> = words.iter().map(|c| c[1]).collect();
    assert_eq!(forms, ["Israel", "'s", "army", "withdrew", "."]);
    assert_eq!(words[3][2], "withdraw");
    assert_eq!(words[3][3], "VERB");
    assert_eq!(words[3][6], "0");
    assert_eq!(words[3][9], "SpaceAfter=No");
}

#[test]
fn malformed_conllu_is_reported_with_file_and_line() {
    let bad = "# sent_id = 1\n1\tIsrael\t_\t_\t_\t_\t0\t_\t_\t_\n2\tonly three\tcolumns\n\n";
    let path = temp_file("bad.conllu", bad.as_bytes());
    let out = detente(&["parse", "--input", "conllu", path.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.conllu"), "{err}");
    assert!(err.contains("line 3"), "{err}");
}

#[test]
fn invalid_utf8_is_reported_with_file_and_line() {
    let path = temp_file(
        "latin1.txt",
        b"Syria and Israel met.\nThe caf\xe9 was closed.\n",
    );
    let out = detente(&["parse", path.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("latin1.txt:2: invalid UTF-8"), "{err}");
}

#[test]
fn empty_and_blank_input_give_empty_parses() {
    for input in [&b""[..], b"   \n\n\t  \n"] {
        let out = detente(&["parse"], input);
        assert!(out.status.success());
        let conllu = String::from_utf8(out.stdout).unwrap();
        assert_eq!(conllu.matches("# sent_id").count(), 0, "{conllu}");
    }
}

#[test]
fn five_megabyte_single_line_is_parsed() {
    let mut line = String::with_capacity(5 << 20);
    while line.len() < 5 << 20 {
        line.push_str("talks between the two nations continued ");
    }
    let out = detente(&["parse"], line.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.stdout.is_empty());
}

#[test]
fn missing_file_is_a_clear_error() {
    let out = detente(&["parse", "no/such/article.txt"], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("reading no/such/article.txt"), "{err}");
}

//! Scores the text stage on a CoNLL-U treebank and, with `--errors`, prints the first
//! mismatching tokens and sentences (for tuning the rules on train/dev data).
//!
//! Usage: `cargo run --release -p detente_text --example segeval -- FILE.conllu [--errors N]`.

use std::time::Instant;

use detente_text::eval::{read_conllu, score_segmentation};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .expect("usage: segeval FILE.conllu [--errors N]");
    let n_errors: usize = match args.get(2).map(String::as_str) {
        Some("--errors") => args.get(3).and_then(|n| n.parse().ok()).unwrap_or(50),
        _ => 0,
    };
    let conllu = std::fs::read_to_string(path).expect("readable treebank");
    let gold = read_conllu(&conllu).expect("well-formed treebank");
    let started = Instant::now();
    let mut doc = detente_text::split(&gold.text).expect("small text");
    let rounds = 20;
    for _ in 1..rounds {
        doc = detente_text::split(&gold.text).expect("small text");
    }
    let secs = started.elapsed().as_secs_f64() / rounds as f64;
    let scores = score_segmentation(&gold, &doc);
    let n_words: usize = doc.sentences.iter().map(|s| s.words.len()).sum();
    for (label, prf) in [
        ("tokens", &scores.tokens),
        ("words", &scores.words),
        ("sentences", &scores.sentences),
    ] {
        eprintln!(
            "{label:<9} P {:6.2}%  R {:6.2}%  F1 {:6.2}%",
            100.0 * prf.precision(),
            100.0 * prf.recall(),
            100.0 * prf.f1()
        );
    }
    eprintln!(
        "speed     {:.0} words/s, {:.1} MB/s",
        n_words as f64 / secs,
        gold.text.len() as f64 / secs / 1e6
    );
    if args.iter().any(|a| a == "--boundaries") {
        // Classify missed and spurious sentence ends by the last token and the next character.
        let text = &gold.text;
        let gold_ends: std::collections::HashSet<u32> =
            gold.sentences.iter().map(|s| s.end).collect();
        let pred_ends: std::collections::HashSet<u32> =
            doc.sentences.iter().map(|s| s.range.end).collect();
        let pred_tokens: Vec<_> = doc
            .sentences
            .iter()
            .flat_map(|s| s.tokens.iter().copied())
            .collect();
        let mut classes: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
        for (idx, tok) in pred_tokens.iter().enumerate() {
            let is_gold = gold_ends.contains(&tok.end);
            let is_pred = pred_ends.contains(&tok.end);
            if is_gold == is_pred {
                continue;
            }
            let last = tok.slice(text);
            let last_class = if last.chars().all(|c| c.is_alphanumeric()) {
                "WORD".to_string()
            } else {
                last.chars().take(3).collect()
            };
            let next = pred_tokens
                .get(idx + 1)
                .map(|t| {
                    let gap = &text[tok.end as usize..t.start as usize];
                    let c = t.slice(text).chars().next().unwrap_or(' ');
                    let case = if c.is_uppercase() {
                        "Up"
                    } else if c.is_lowercase() {
                        "low"
                    } else if c.is_numeric() {
                        "num"
                    } else {
                        "punct"
                    };
                    format!("{}{}", if gap.contains("\n") { "NL " } else { "" }, case)
                })
                .unwrap_or_default();
            let class = format!("{last_class:>6} -> {next}");
            if std::env::var("SEG_CLASS").is_ok_and(|c| class.trim() == c) {
                let lo = floor(text, tok.start.saturating_sub(60) as usize);
                let hi = ceil(text, (tok.end as usize + 40).min(text.len()));
                eprintln!(
                    "{} {:?}",
                    if is_gold { "MISSED" } else { "SPURIOUS" },
                    &text[lo..hi]
                );
            }
            let e = classes.entry(class).or_default();
            if is_gold {
                e.0 += 1
            } else {
                e.1 += 1
            }
        }
        let mut v: Vec<_> = classes.into_iter().collect();
        v.sort_by_key(|(_, (a, b))| std::cmp::Reverse(a + b));
        for (k, (missed, spurious)) in v.iter().take(40) {
            eprintln!("{k:<24} missed {missed:5} spurious {spurious:5}");
        }
    }
    if n_errors > 0 {
        let text = &gold.text;
        let pred_tokens: std::collections::HashSet<_> = doc
            .sentences
            .iter()
            .flat_map(|s| s.tokens.iter().copied())
            .collect();
        let mut shown = 0;
        for g in &gold.tokens {
            if !pred_tokens.contains(g) && shown < n_errors {
                let lo = floor(text, g.start.saturating_sub(30) as usize);
                let hi = ceil(text, (g.end as usize + 30).min(text.len()));
                eprintln!("TOK gold {:?} in {:?}", g.slice(text), &text[lo..hi]);
                shown += 1;
            }
        }
        let pred_sents: std::collections::HashSet<_> =
            doc.sentences.iter().map(|s| s.range).collect();
        let gold_sents: std::collections::HashSet<_> = gold.sentences.iter().copied().collect();
        let mut shown = 0;
        for p in doc.sentences.iter().map(|s| s.range) {
            if !gold_sents.contains(&p) && shown < n_errors {
                eprintln!("SENT pred {:?}", p.slice(text));
                shown += 1;
            }
        }
        let mut shown = 0;
        for g in &gold.sentences {
            if !pred_sents.contains(g) && shown < n_errors {
                let hi = ceil(text, (g.end as usize + 40).min(text.len()));
                eprintln!(
                    "GOLD {:?} || {:?}",
                    g.slice(text),
                    &text[g.end as usize..hi]
                );
                shown += 1;
            }
        }
    }
}

/// Largest char boundary at or before `i` (str::floor_char_boundary needs Rust 1.91).
fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Smallest char boundary at or after `i`.
fn ceil(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

//! `detente eval`: accuracy of the syntax stage on gold tokens, and of the text stage on raw text.
//!
//! The two halves mirror the CoNLL 2018 shared task: tagging and parsing are scored on the
//! gold words, segmentation by exact span match of tokens, words and sentences.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use detente_syntax::conllu;

use crate::input::{load_model, read_text};
use crate::parse::predict_conllu;
use crate::EvalArgs;

pub(crate) fn run(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let model = load_model(args.model.as_ref())?;
    let (name, text) = read_text(Some(&args.gold))?;
    let gold = conllu::parse(&text).with_context(|| format!("reading {name}"))?;

    let started = Instant::now();
    let pred = predict_conllu(model.get(), &gold);
    let secs = started.elapsed().as_secs_f64();
    let scores = detente_syntax::eval::score(&gold, &pred).context("scoring predictions")?;
    let n_words: usize = gold.iter().map(|s| s.words.len()).sum();

    if let Some(path) = &args.pred_out {
        let mut out = String::new();
        for sentence in &pred {
            conllu::write(&mut out, sentence);
        }
        std::fs::write(path, out).with_context(|| format!("writing {}", path.display()))?;
    }

    println!("{name}: {} sentences, {n_words} words", gold.len());
    println!("gold tokens (tagging, lemmas, parsing):");
    println!("  UPOS   {:6.2}%", scores.upos);
    println!("  XPOS   {:6.2}%", scores.xpos);
    println!("  lemma  {:6.2}%", scores.lemma);
    println!("  UAS    {:6.2}%", scores.uas);
    println!(
        "  LAS    {:6.2}%  (universal relations; {:.2}% with subtypes)",
        scores.las, scores.las_full
    );
    println!(
        "  speed  {:.0} words/s (one core, includes lemmas)",
        n_words as f64 / secs.max(1e-9)
    );

    let seg =
        detente_text::eval::evaluate_conllu(&text).with_context(|| format!("segmenting {name}"))?;
    println!("raw text (segmentation, exact span match):");
    for (label, prf) in [
        ("tokens", &seg.tokens),
        ("words", &seg.words),
        ("sentences", &seg.sentences),
    ] {
        println!(
            "  {label:<9} P {:6.2}%  R {:6.2}%  F1 {:6.2}%",
            100.0 * prf.precision(),
            100.0 * prf.recall(),
            100.0 * prf.f1()
        );
    }
    Ok(ExitCode::SUCCESS)
}

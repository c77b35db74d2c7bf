//! Evaluates a model on gold CoNLL-U (gold tokens): `evaluate <model|builtin> <gold.conllu> [pred_out.conllu]`.
//! Prints the scores and the analysis speed in tokens per second.

use detente_syntax::{conllu, eval, Model, Workspace};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: evaluate <model|builtin> <gold.conllu>");
        std::process::exit(2);
    }
    let t = Instant::now();
    let owned;
    let model: &Model = if args[1] == "builtin" {
        Model::builtin().expect("built-in model")
    } else {
        owned =
            Model::from_bytes(&std::fs::read(&args[1]).expect("read model")).expect("load model");
        &owned
    };
    eprintln!("loaded in {:.1?}", t.elapsed());
    let gold =
        conllu::parse(&std::fs::read_to_string(&args[2]).expect("read gold")).expect("parse gold");
    let pred = model.annotate(&gold);
    let s = eval::score(&gold, &pred).expect("aligned");
    println!("{s}");
    if let Some(path) = args.get(3) {
        let mut text = String::new();
        for p in &pred {
            conllu::write(&mut text, p);
        }
        std::fs::write(path, text).expect("write predictions");
    }
    // Speed: analysis only, several passes.
    let sents: Vec<Vec<&str>> = gold
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let mut ws = Workspace::default();
    let mut out = Vec::new();
    let t = Instant::now();
    let mut n = 0usize;
    for _ in 0..3 {
        for s in &sents {
            model.analyze_with(s, &mut ws, &mut out);
            n += out.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "speed: {:.0} tokens/s ({} tokens in {:.2}s)",
        n as f64 / secs,
        n,
        secs
    );
}

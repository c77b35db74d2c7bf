//! Scratch speed harness (temporary).
use detente_syntax::{conllu, Model, Workspace};
use std::time::Instant;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let model = Model::builtin().expect("model");
    let gold = conllu::parse(&std::fs::read_to_string(&args[1]).unwrap()).unwrap();
    let sents: Vec<Vec<&str>> = gold.iter().map(|s| s.words.iter().map(|w| w.form.as_str()).collect()).collect();
    let n: usize = sents.iter().map(|s| s.len()).sum();
    let rounds: usize = args.get(2).map(|x| x.parse().unwrap()).unwrap_or(5);
    let mut ws = Workspace::default();
    let mut out = Vec::new();
    let mut best = f64::MAX;
    for _ in 0..rounds {
        let t = Instant::now();
        for s in &sents { model.analyze_with(s, &mut ws, &mut out); std::hint::black_box(&out); }
        best = best.min(t.elapsed().as_secs_f64());
    }

    println!("{:.0} words/s, {:.0} sent/s (best of {rounds})", n as f64 / best, sents.len() as f64 / best);
}

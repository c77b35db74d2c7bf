//! Measures actor recognition alone (parsing excluded): parses the given text files once
//! with the model at `MODEL` (or the built-in one), then runs the recogniser over all
//! sentences repeatedly and prints sentences and mentions per second.
//!
//! `cargo run --release -p detente_actors --example actor_speed -- FILE... [--model PATH]`

use std::time::Instant;

use detente_actors::{builtin, ActorRecognizer, Date};
use detente_syntax::Model;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let owned;
    let model: &Model = match args.iter().position(|a| a == "--model") {
        Some(i) => {
            let path = args.remove(i + 1);
            args.remove(i);
            owned = Model::from_bytes(&std::fs::read(path)?)?;
            &owned
        }
        None => Model::builtin()?,
    };
    let texts: Vec<String> = args
        .iter()
        .map(std::fs::read_to_string)
        .collect::<Result<_, _>>()?;
    let docs: Vec<_> = texts
        .iter()
        .map(|t| detente_pipeline::analyze(model, t))
        .collect::<Result<_, _>>()?;
    let tagged: Vec<Vec<_>> = docs
        .iter()
        .map(|d| (0..d.sentences.len()).map(|i| d.tagged(i)).collect())
        .collect();
    let kb = builtin()?;
    let t0 = Instant::now();
    let recognizer = ActorRecognizer::new(&kb);
    eprintln!("index built in {:.2}s", t0.elapsed().as_secs_f64());
    let date = Date::parse("2025-05-28")?;
    let sentences: usize = tagged.iter().map(Vec::len).sum();
    let t = Instant::now();
    let mut rounds = 0usize;
    let mut mentions = 0usize;
    while t.elapsed().as_secs_f64() < 2.0 {
        for doc in &tagged {
            mentions += recognizer
                .recognize_document(doc, date)
                .iter()
                .map(Vec::len)
                .sum::<usize>();
        }
        rounds += 1;
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{} sentences x {rounds} rounds in {secs:.2}s: {:.0} sentences/s, {:.0} mentions/s",
        sentences,
        (sentences * rounds) as f64 / secs,
        mentions as f64 / secs
    );
    Ok(())
}

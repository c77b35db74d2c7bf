//! Trains a model: `train <train.conllu> <dev.conllu> <out.model> [parser_epochs]`.
//! With no epoch argument it uses `TrainConfig::default()`, exactly like `detente train`.

use detente_syntax::{conllu, train, TrainConfig};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: train <train.conllu> <dev.conllu> <out.model> [parser_epochs]");
        std::process::exit(2);
    }
    let read = |p: &str| {
        let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        conllu::parse(&text).unwrap_or_else(|e| panic!("{p}: {e}"))
    };
    let tr = read(&args[1]);
    let dev = read(&args[2]);
    let mut config = TrainConfig::default();
    if let Some(e) = args.get(4) {
        config.parser_epochs = e.parse().expect("epochs must be a number");
    }
    let t = Instant::now();
    let model = train(&tr, &dev, &config, &mut |m| eprintln!("{m}"));
    let bytes = model.to_bytes();
    std::fs::write(&args[3], &bytes).expect("write model");
    eprintln!(
        "wrote {} ({} bytes) in {:.1?}",
        args[3],
        bytes.len(),
        t.elapsed()
    );
}

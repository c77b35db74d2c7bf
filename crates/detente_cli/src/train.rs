//! `detente train`: trains the tagger, lemmatizer and parser and writes the model file.
//!
//! Training is deterministic: the same treebanks give a byte-identical model, which is how
//! the committed `models/en_ewt.model` can be checked against its rebuild command.

use std::process::ExitCode;

use anyhow::Context;
use detente_syntax::{conllu, TrainConfig};

use crate::input::read_text;
use crate::TrainArgs;

pub(crate) fn run(args: &TrainArgs) -> anyhow::Result<ExitCode> {
    let (train_name, train_text) = read_text(Some(&args.train))?;
    let train = conllu::parse(&train_text).with_context(|| format!("reading {train_name}"))?;
    let (dev_name, dev_text) = read_text(Some(&args.dev))?;
    let dev = conllu::parse(&dev_text).with_context(|| format!("reading {dev_name}"))?;
    eprintln!(
        "training on {} sentences, tuning on {}",
        train.len(),
        dev.len()
    );
    let model = detente_syntax::train(&train, &dev, &TrainConfig::default(), &mut |line| {
        eprintln!("{line}")
    });
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "wrote {} ({:.1} MB)",
        args.out.display(),
        bytes.len() as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}

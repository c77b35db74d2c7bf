//! The `detente` command-line tool: the one binary that runs every stage of the pipeline.
//!
//! Each subcommand lives in its own module; this file only parses arguments, dispatches,
//! and turns errors into a message on stderr and a non-zero exit code.

mod actors;
mod alerts;
mod bench;
mod bench_http;
mod code;
mod dyad;
mod evaluate;
mod events;
mod ingest;
mod input;
mod output;
mod parse;
mod recode;
mod serve;
mod train;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Turns news into political event data.
#[derive(Parser)]
#[command(name = "detente", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Split, tag and parse text into CoNLL-U.
    Parse(ParseArgs),
    /// Score the tagger, lemmatizer, parser and segmenter against a gold CoNLL-U file.
    Eval(EvalArgs),
    /// Train the tagger, lemmatizer and parser from UD treebanks.
    Train(TrainArgs),
    /// Measure throughput of the text, syntax and event stages on one core.
    Bench(BenchArgs),
    /// Show the actors recognised in a text, or rank the names no dictionary knows.
    Actors(actors::ActorsArgs),
    /// Code articles into CAMEO/PLOVER event records (JSONL).
    Code(code::CodeArgs),
    /// Show how a sentence or document is coded: parse, actors, patterns, events.
    Explain(code::ExplainArgs),
    /// Run a PETRARCH (XML) or TABARI validation suite and print pass rates per category.
    Validate(validate::ValidateArgs),
    /// Code articles (files, folders, JSONL or `-`) and store them with their events.
    Ingest(ingest::IngestArgs),
    /// Re-code the stored articles after a dictionary or model update.
    Recode(recode::RecodeArgs),
    /// Stored events matching a filter, as JSONL, CSV, GDELT, Phoenix or ICEWS.
    Events(events::EventsArgs),
    /// A dyad's series per day, week or month: quad-class counts, Goldstein, CCI.
    Dyad(dyad::DyadArgs),
    /// Escalation and de-escalation alerts on dyad series (CUSUM).
    Alerts(alerts::AlertsArgs),
    /// Serve the HTTP API and the dashboard (loopback unless told otherwise).
    Serve(serve::ServeArgs),
}

/// What kind of input `detente parse` reads.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
enum ParseInput {
    /// Raw text: split into sentences and tokens, then tag and parse.
    Text,
    /// CoNLL-U: keep the given words (FORM) and predict everything else.
    Conllu,
}

#[derive(clap::Args)]
struct ParseArgs {
    /// Input file; standard input when absent.
    file: Option<PathBuf>,
    /// Input format.
    #[arg(long, value_enum, default_value = "text")]
    input: ParseInput,
    /// Model file to use instead of the built-in model.
    #[arg(long)]
    model: Option<PathBuf>,
}

#[derive(clap::Args)]
struct EvalArgs {
    /// Gold CoNLL-U file (for example UD English EWT test).
    gold: PathBuf,
    /// Model file to use instead of the built-in model.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Write the predicted CoNLL-U (gold tokens) here.
    #[arg(long)]
    pred_out: Option<PathBuf>,
}

#[derive(clap::Args)]
struct TrainArgs {
    /// Training treebank (CoNLL-U).
    #[arg(long)]
    train: PathBuf,
    /// Development treebank (CoNLL-U), used to pick the best epoch.
    #[arg(long)]
    dev: PathBuf,
    /// Where to write the model.
    #[arg(long)]
    out: PathBuf,
}

#[derive(clap::Args)]
struct BenchArgs {
    /// Articles to benchmark on: raw-text files, or JSONL files with a `text` field per line
    /// (for example `samples/corpus/articles.jsonl`).
    files: Vec<PathBuf>,
    /// A CoNLL-U file whose gold tokens are tagged and parsed (for example EWT test).
    #[arg(long)]
    conllu: Option<PathBuf>,
    /// Also time `detente ingest` of this many articles (the given articles repeated, each
    /// copy made distinct) into a fresh database.
    #[arg(long, value_name = "N")]
    ingest: Option<usize>,
    /// Also load-test `detente serve` on loopback over the ingested database (the
    /// `--ingest` one, or the given articles once): series queries, then `POST /v1/code`.
    #[arg(long)]
    http: bool,
    /// Concurrent client connections for `--http` series queries.
    #[arg(long, default_value_t = 4, value_name = "N")]
    connections: usize,
    /// Minimum seconds to run each measurement.
    #[arg(long, default_value_t = 2.0)]
    seconds: f64,
    /// Model file to use instead of the built-in model.
    #[arg(long)]
    model: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let res = match cli.command {
        Command::Parse(args) => parse::run(&args),
        Command::Eval(args) => evaluate::run(&args),
        Command::Train(args) => train::run(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Actors(args) => actors::run(&args),
        Command::Code(args) => code::run(&args),
        Command::Explain(args) => code::explain(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Ingest(args) => ingest::run(&args),
        Command::Recode(args) => recode::run(&args),
        Command::Events(args) => events::run(&args),
        Command::Dyad(args) => dyad::run(&args),
        Command::Alerts(args) => alerts::run(&args),
        Command::Serve(args) => serve::run(&args),
    };
    match res {
        Ok(code) => code,
        Err(err) => {
            let mut msg = format!("error: {err}");
            for cause in err.chain().skip(1) {
                msg.push_str(&format!(": {cause}"));
            }
            eprintln!("{msg}");
            ExitCode::from(2)
        }
    }
}

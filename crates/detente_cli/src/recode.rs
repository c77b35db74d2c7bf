//! `detente recode`: re-codes the articles stored in the event store after a dictionary
//! or model update, one transaction per article.
//!
//! Articles already coded with the current dictionaries and model (same fingerprints)
//! are skipped unless `--all` is given, so an interrupted recode resumes where it
//! stopped. Article rows and their near-duplicate links are kept; only events change.

use std::path::PathBuf;
use std::process::ExitCode;

use detente_store::{IngestReport, Store};

use crate::code::DictArgs;
use crate::ingest::{coding_setup, default_jobs, now, progress_bar};

/// Arguments of `detente recode`.
#[derive(clap::Args)]
pub(crate) struct RecodeArgs {
    /// The database.
    #[arg(long, default_value = "detente.db")]
    db: PathBuf,
    /// Re-code every article, also those already coded with these dictionaries.
    #[arg(long)]
    all: bool,
    /// Coding threads (default: the number of cores).
    #[arg(long)]
    jobs: Option<usize>,
    #[command(flatten)]
    dicts: DictArgs,
}

/// Articles coded per batch.
const BATCH: usize = 64;

pub(crate) fn run(args: &RecodeArgs) -> anyhow::Result<ExitCode> {
    if !args.db.exists() {
        anyhow::bail!(
            "{}: no such database (run `detente ingest` first)",
            args.db.display()
        );
    }
    let setup = coding_setup(&args.dicts)?;
    let mut store = Store::open(&args.db)?;
    let jobs = default_jobs(args.jobs);
    let ids = store.article_ids(if args.all { None } else { Some(&setup.info) })?;
    let run_id = store.begin_run("recode", &setup.info)?;
    let mut report = IngestReport {
        run_id,
        ..IngestReport::default()
    };
    let mut failed = 0usize;
    let pb = progress_bar("recode");
    pb.set_length(ids.len() as u64);
    for batch in ids.chunks(BATCH) {
        let mut articles = Vec::new();
        for id in batch {
            if let Some(a) = store.article(id)? {
                articles.push(a);
            }
        }
        let coded = setup.code_batch(&articles, jobs);
        for (a, events) in articles.iter().zip(coded) {
            match events {
                Ok(events) => {
                    store.replace_events(run_id, &setup.info, &a.id, &events)?;
                    report.replaced += 1;
                    report.events += events.len();
                }
                Err(msg) => {
                    pb.suspend(|| eprintln!("error: {msg}; kept its old events"));
                    failed += 1;
                }
            }
            pb.inc(1);
        }
    }
    pb.finish_and_clear();
    store.finish_run(&report, Some(now()))?;
    eprintln!(
        "{}: {} article(s) re-coded, {} event(s) written",
        args.db.display(),
        report.replaced,
        report.events
    );
    if failed > 0 {
        eprintln!("error: {failed} article(s) could not be re-coded, see above");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

//! `detente events`: stored events matching a filter, in JSONL, CSV, GDELT, Phoenix,
//! ICEWS or Parquet on standard output.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use detente_store::{export, EventFilter, ExportFormat, Store};

/// Arguments of `detente events`.
#[derive(clap::Args)]
pub(crate) struct EventsArgs {
    /// The database.
    #[arg(long, default_value = "detente.db")]
    db: PathBuf,
    /// A dyad `A-B` of actor-code prefixes (`ISR-SYR`), both directions unless --directed.
    #[arg(long)]
    dyad: Option<String>,
    /// Only the A → B direction of --dyad.
    #[arg(long)]
    directed: bool,
    /// An actor-code prefix on either side.
    #[arg(long)]
    actor: Option<String>,
    /// A CAMEO code prefix (`19`, `046`).
    #[arg(long)]
    code: Option<String>,
    /// First date (inclusive, `YYYY-MM-DD` or a prefix).
    #[arg(long)]
    from: Option<String>,
    /// Last date (inclusive).
    #[arg(long)]
    to: Option<String>,
    /// Modes to keep (repeatable); by default asserted, reported, future and historical.
    #[arg(long)]
    mode: Vec<String>,
    /// Output format: jsonl, csv, gdelt, phoenix, icews or parquet.
    #[arg(long, default_value = "jsonl")]
    format: String,
    /// Roll mentions up into events (GDELT's NumMentions/NumSources/NumArticles).
    #[arg(long)]
    rollup: bool,
    /// With --rollup: at most one event per source, target, code and day.
    #[arg(long)]
    one_a_day: bool,
}

/// Parses `ISR-SYR` into its two codes.
pub(crate) fn parse_dyad(s: &str) -> anyhow::Result<(String, String)> {
    match s.split_once('-') {
        Some((a, b)) if !a.is_empty() && !b.is_empty() && !b.contains('-') => {
            Ok((a.to_ascii_uppercase(), b.to_ascii_uppercase()))
        }
        _ => anyhow::bail!("--dyad {s:?}: expected two actor codes joined by '-', as ISR-SYR"),
    }
}

pub(crate) fn run(args: &EventsArgs) -> anyhow::Result<ExitCode> {
    let format: ExportFormat = args.format.parse()?;
    if args.one_a_day && !args.rollup {
        anyhow::bail!("--one-a-day needs --rollup");
    }
    let filter = EventFilter {
        dyad: args.dyad.as_deref().map(parse_dyad).transpose()?,
        directed: args.directed,
        actor: args.actor.clone(),
        code: args.code.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        modes: args.mode.clone(),
    };
    if filter.directed && filter.dyad.is_none() {
        anyhow::bail!("--directed needs --dyad");
    }
    let store = Store::open_read_only(&args.db)
        .with_context(|| format!("opening {}", args.db.display()))?;
    let events = if args.rollup {
        store.rolled_up(&filter, args.one_a_day)?
    } else {
        store.events(&filter)?
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    export(format, &mut out, &events)?;
    out.flush().context("writing to standard output")?;
    Ok(ExitCode::SUCCESS)
}

//! `detente alerts`: escalation and de-escalation alerts (two-sided CUSUM on the
//! conflict-cooperation index, see `detente_store::alerts`) for every country dyad with
//! enough events, or for one `--dyad`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use detente_store::alerts::{detect, scan_all};
use detente_store::{dyad_series, AlertParams, EventFilter, Period, Store};

use crate::events::parse_dyad;

/// Arguments of `detente alerts`.
#[derive(clap::Args)]
pub(crate) struct AlertsArgs {
    /// The database.
    #[arg(long, default_value = "detente.db")]
    db: PathBuf,
    /// Only alerts whose period starts on or after this date (`YYYY-MM-DD`); earlier
    /// periods still form the baseline.
    #[arg(long)]
    since: Option<String>,
    /// One dyad `A-B` (`ISR-SYR`) instead of every country dyad.
    #[arg(long)]
    dyad: Option<String>,
    /// Period: day, week or month.
    #[arg(long, default_value = "month")]
    by: String,
    /// Events a country dyad needs to be scanned.
    #[arg(long, default_value_t = 10)]
    min_events: usize,
    /// Output format: tsv or jsonl.
    #[arg(long, default_value = "tsv")]
    format: String,
}

pub(crate) fn run(args: &AlertsArgs) -> anyhow::Result<ExitCode> {
    let period: Period = args.by.parse().map_err(anyhow::Error::msg)?;
    let jsonl = match args.format.as_str() {
        "tsv" => false,
        "jsonl" => true,
        other => anyhow::bail!("--format {other:?}: expected tsv or jsonl"),
    };
    if let Some(s) = &args.since {
        if detente_dates::EventDate::parse(s).is_none() {
            anyhow::bail!("--since {s:?}: expected a date as YYYY-MM-DD");
        }
    }
    let store = Store::open_read_only(&args.db)
        .with_context(|| format!("opening {}", args.db.display()))?;
    let params = AlertParams::default();
    let alerts = match &args.dyad {
        Some(d) => {
            let (a, b) = parse_dyad(d)?;
            let filter = EventFilter {
                dyad: Some((a.clone(), b.clone())),
                ..EventFilter::default()
            };
            let events = store.rolled_up_counts(&filter, false)?;
            detect(&dyad_series(&events, &a, &b, false, period), &params)
                .into_iter()
                .filter(|al| args.since.as_deref().is_none_or(|s| al.start.as_str() >= s))
                .collect()
        }
        None => {
            let events = store.rolled_up_counts(&EventFilter::default(), false)?;
            scan_all(
                &events,
                period,
                &params,
                args.min_events,
                args.since.as_deref(),
            )
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if !jsonl {
        writeln!(out, "dyad\tdirection\tperiod\tstart\trun_start\tstrength\tshift\tbaseline\tvalue\tevent_ids")?;
    }
    for al in &alerts {
        if jsonl {
            serde_json::to_writer(&mut out, al).context("writing JSON")?;
            writeln!(out)?;
        } else {
            let ids: Vec<String> = al.event_ids.iter().map(|i| i.to_string()).collect();
            writeln!(
                out,
                "{}-{}\t{}\t{}\t{}\t{}\t{:.2}\t{:+.2}\t{:.2}\t{:.2}\t{}",
                al.a,
                al.b,
                al.direction.as_str(),
                al.period,
                al.start,
                al.run_start,
                al.strength,
                al.shift,
                al.baseline,
                al.value,
                ids.join(",")
            )?;
        }
    }
    out.flush().context("writing to standard output")?;
    Ok(ExitCode::SUCCESS)
}

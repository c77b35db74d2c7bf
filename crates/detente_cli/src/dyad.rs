//! `detente dyad A B --by day|week|month`: the dyad series of two actors (counts by quad
//! class, Goldstein sum and mean, conflict-cooperation index) as TSV or JSON, with an
//! optional SVG chart that also marks the series' alerts.
//!
//! The series counts rolled-up events (one row per source, target, code and date, see
//! `Store::rolled_up`), so a story carried by five outlets counts once.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use detente_store::alerts::detect;
use detente_store::{dyad_series, plot, series, AlertParams, EventFilter, Period, Store};

/// Arguments of `detente dyad`.
#[derive(clap::Args)]
pub(crate) struct DyadArgs {
    /// First actor-code prefix (`ISR`).
    a: String,
    /// Second actor-code prefix (`SYR`).
    b: String,
    /// Period: day, week (ISO, Monday start) or month.
    #[arg(long, default_value = "month")]
    by: String,
    /// Only events from the first actor to the second.
    #[arg(long)]
    directed: bool,
    /// The database.
    #[arg(long, default_value = "detente.db")]
    db: PathBuf,
    /// Output format: tsv or json.
    #[arg(long, default_value = "tsv")]
    format: String,
    /// Also write an SVG chart here.
    #[arg(long)]
    plot: Option<PathBuf>,
}

pub(crate) fn run(args: &DyadArgs) -> anyhow::Result<ExitCode> {
    let period: Period = args.by.parse().map_err(anyhow::Error::msg)?;
    let json = match args.format.as_str() {
        "tsv" => false,
        "json" => true,
        other => anyhow::bail!("--format {other:?}: expected tsv or json"),
    };
    if let Some(p) = &args.plot {
        if p.extension().and_then(|e| e.to_str()) != Some("svg") {
            anyhow::bail!(
                "--plot {}: only SVG charts are written (use a .svg name)",
                p.display()
            );
        }
    }
    let (a, b) = (args.a.to_ascii_uppercase(), args.b.to_ascii_uppercase());
    let store = Store::open_read_only(&args.db)
        .with_context(|| format!("opening {}", args.db.display()))?;
    let filter = EventFilter {
        dyad: Some((a.clone(), b.clone())),
        directed: args.directed,
        ..EventFilter::default()
    };
    let events = store.rolled_up_counts(&filter, false)?;
    let s = dyad_series(&events, &a, &b, args.directed, period);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if json {
        serde_json::to_writer_pretty(&mut out, &s).context("writing JSON")?;
        writeln!(out)?;
    } else {
        series::write_tsv(&mut out, &s).context("writing to standard output")?;
    }
    out.flush().context("writing to standard output")?;
    if s.skipped_imprecise + s.skipped_undated > 0 {
        eprintln!(
            "note: {} event(s) dated less precisely than a {} and {} undated event(s) are not in the series",
            s.skipped_imprecise,
            args.by,
            s.skipped_undated
        );
    }
    if let Some(path) = &args.plot {
        let alerts = detect(&s, &AlertParams::default());
        std::fs::write(path, plot::svg(&s, &alerts))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

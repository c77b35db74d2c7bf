//! `detente actors`: the actors recognised in a text, and the unknown names worth adding.
//!
//! Each file is split, tagged and parsed, then read by `detente_actors::ActorRecognizer`
//! with the article date (`--date`, default today). One line per mention: document and
//! sentence id, code-point offsets, codes, kind, text and the reason. `--unknown` instead
//! ranks, over all files, the proper names no dictionary knows, with the descriptions
//! found next to them and the code they suggest: the to-do list of a dictionary keeper.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use detente_actors::{ActorRecognizer, Date, MentionKind};
use detente_core::CharOffsets;

use crate::input::{load_model, read_text};
use crate::output::{one_line, write_stdout};
use crate::parse::doc_name;

/// Output format of `detente actors`.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub(crate) enum ActorsFormat {
    /// Tab-separated lines with a `#` header.
    Tsv,
    /// One JSON object per line.
    Jsonl,
}

/// Arguments of `detente actors`.
#[derive(clap::Args)]
pub(crate) struct ActorsArgs {
    /// Article files (raw text); standard input when none.
    files: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) used for dated roles; today when absent.
    #[arg(long)]
    date: Option<String>,
    /// Model file to use instead of the built-in model.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "tsv")]
    format: ActorsFormat,
    /// Rank the proper names no dictionary knows instead of listing actors.
    #[arg(long)]
    unknown: bool,
    /// Actor dictionary (PETRARCH-2, TABARI or the project's format) replacing the
    /// built-in countries, people and organisations; repeatable.
    #[arg(long = "actors", value_name = "PATH")]
    actors: Vec<PathBuf>,
    /// Agent dictionary (PETRARCH-2, TABARI or the project's format) replacing the
    /// built-in agent nouns.
    #[arg(long = "agents", value_name = "PATH")]
    agents: Option<PathBuf>,
}

/// One unknown name aggregated over all inputs.
#[derive(Default)]
struct UnknownTally {
    count: usize,
    spelling: String,
    descriptions: Vec<String>,
    suggested: BTreeMap<String, usize>,
    first_seen: String,
}

pub(crate) fn run(args: &ActorsArgs) -> anyhow::Result<ExitCode> {
    let date = match &args.date {
        Some(d) => Date::parse(d).map_err(|e| anyhow::anyhow!("--date: {e}"))?,
        None => today(),
    };
    let (kb, warnings) = detente_setup::knowledge_base(&args.actors, args.agents.as_deref())?;
    for w in &warnings {
        eprintln!("{w}");
    }
    let recognizer = ActorRecognizer::new(&kb);
    let files: Vec<Option<&std::path::Path>> = if args.files.is_empty() {
        vec![None]
    } else {
        args.files.iter().map(|p| Some(p.as_path())).collect()
    };
    let mut out = String::new();
    if !args.unknown && args.format == ActorsFormat::Tsv {
        out.push_str("# sentence\tstart\tend\tcodes\tkind\ttext\tevidence\n");
    }
    let mut tally: BTreeMap<String, UnknownTally> = BTreeMap::new();
    // Read every input first, so that a missing or bad file is reported by name before
    // anything slow happens.
    let inputs: Vec<(String, String, String)> = files
        .iter()
        .map(|path| read_text(*path).map(|(name, text)| (name, doc_name(*path), text)))
        .collect::<anyhow::Result<_>>()?;
    let model = load_model(args.model.as_ref())?;
    for (name, doc_id, text) in inputs {
        let doc = detente_pipeline::analyze(model.get(), &text)
            .with_context(|| format!("splitting {name}"))?;
        let tagged: Vec<_> = (0..doc.sentences.len()).map(|i| doc.tagged(i)).collect();
        let found = recognizer.analyze_document(&tagged, date);
        let offsets = CharOffsets::new(&text);
        if args.unknown {
            for u in &found.unknown {
                let key = detente_actors::normalize(&u.text);
                let t = tally.entry(key).or_default();
                t.count += 1;
                if t.spelling.is_empty() {
                    t.spelling = u.text.clone();
                    t.first_seen = format!("{doc_id}-{}", u.sentence);
                }
                for d in &u.descriptions {
                    if !t.descriptions.contains(d) && t.descriptions.len() < 5 {
                        t.descriptions.push(d.clone());
                    }
                }
                if let Some(c) = &u.suggested {
                    *t.suggested.entry(c.clone()).or_default() += 1;
                }
            }
            continue;
        }
        for m in found.mentions.iter().flatten() {
            let sid = format!("{doc_id}-{}", m.sentence);
            let (start, end) = (
                offsets.char_offset(m.range.start),
                offsets.char_offset(m.range.end),
            );
            let codes = m.codes.join("+");
            let mention_text = one_line(m.range.slice(&text));
            match args.format {
                ActorsFormat::Tsv => out.push_str(&format!(
                    "{sid}\t{start}\t{end}\t{}\t{}\t{mention_text}\t{}\n",
                    if codes.is_empty() { "-" } else { &codes },
                    m.kind.name(),
                    one_line(&m.evidence)
                )),
                ActorsFormat::Jsonl => {
                    let antecedents: Vec<serde_json::Value> = match &m.kind {
                        MentionKind::Coref { antecedents } => antecedents
                            .iter()
                            .map(|a| serde_json::json!({"sentence": a.sentence, "head": a.head}))
                            .collect(),
                        _ => Vec::new(),
                    };
                    let record = serde_json::json!({
                        "sentence": sid,
                        "start": start,
                        "end": end,
                        "codes": m.codes,
                        "kind": m.kind.name(),
                        "text": mention_text,
                        "group": m.group,
                        "antecedents": antecedents,
                        "evidence": m.evidence,
                    });
                    out.push_str(&record.to_string());
                    out.push('\n');
                }
            }
        }
    }
    if args.unknown {
        let mut ranked: Vec<&UnknownTally> = tally.values().collect();
        ranked.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.spelling.cmp(&b.spelling))
        });
        if args.format == ActorsFormat::Tsv {
            out.push_str("# count\tname\tsuggested\tfirst seen\tdescriptions\n");
        }
        for t in ranked {
            let suggested = t
                .suggested
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(c, _)| c.as_str());
            match args.format {
                ActorsFormat::Tsv => out.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\n",
                    t.count,
                    one_line(&t.spelling),
                    suggested.unwrap_or("-"),
                    t.first_seen,
                    t.descriptions
                        .iter()
                        .map(|d| one_line(d))
                        .collect::<Vec<_>>()
                        .join(" | ")
                )),
                ActorsFormat::Jsonl => {
                    let record = serde_json::json!({
                        "name": t.spelling,
                        "count": t.count,
                        "suggested": suggested,
                        "first_seen": t.first_seen,
                        "descriptions": t.descriptions,
                    });
                    out.push_str(&record.to_string());
                    out.push('\n');
                }
            }
        }
    }
    write_stdout(&out)
}

/// Today's date (UTC) from the system clock.
fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    date_from_days((secs / 86_400) as i64)
}

/// The calendar date `days` days after 1970-01-01.
fn date_from_days(days: i64) -> Date {
    let (year, month, day) = detente_dates::calendar::civil_from_days(days);
    i32::try_from(year)
        .ok()
        .and_then(|year| Date::new(year, month, day))
        .unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates_from_days() {
        assert_eq!(date_from_days(0).to_string(), "1970-01-01");
        assert_eq!(date_from_days(20_236).to_string(), "2025-05-28");
        assert_eq!(date_from_days(19_782).to_string(), "2024-02-29");
    }
}

//! `detente ingest`: articles from files, folders, JSONL or standard input into the event
//! store (`detente_store`, SQLite, `./detente.db` by default).
//!
//! Inputs: a file (`.jsonl` is read as JSONL, anything else as one text article, unless
//! `--input` says otherwise), a folder (walked recursively in name order: `.txt` files as
//! text, `.jsonl` files as JSONL, other files ignored), or `-` for standard input. JSONL
//! lines carry `id`, `text` and optionally `date`, `source`, `url`, `title`. A text file's
//! id is its file stem when named on the command line, and its path relative to the folder
//! (without extension) when found in a folder, so that equal names in different folders
//! stay different articles.
//!
//! A malformed line or an unreadable file is reported on stderr with its name and line;
//! the rest is ingested and the exit status is 1 at the end. Articles already stored with
//! the same text are skipped before they are coded; new and changed ones are coded on
//! `--jobs` threads, in batches, and stored in input order, one transaction each, so an
//! interrupted ingest can simply be run again.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context;
use detente_dates::EventDate;
use detente_events::{Article, Coder, Event};
use detente_store::{ArticleInput, ArticleState, IngestReport, Outcome, RunInfo, Store};

use crate::code::{lexicon, parse_date, CodeInput, DictArgs};
use crate::input::{load_model, LoadedModel};

/// Arguments of `detente ingest`.
#[derive(clap::Args)]
pub(crate) struct IngestArgs {
    /// Files, folders, or `-` for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The database.
    #[arg(long, default_value = "detente.db")]
    db: PathBuf,
    /// Publication date (YYYY-MM-DD) for articles that carry none.
    #[arg(long)]
    date: Option<String>,
    /// Input format of files and standard input; by default `jsonl` for `.jsonl` files
    /// and `text` otherwise (standard input: text).
    #[arg(long, value_enum)]
    input: Option<CodeInput>,
    /// Coding threads (default: the number of cores).
    #[arg(long)]
    jobs: Option<usize>,
    #[command(flatten)]
    dicts: DictArgs,
}

/// Everything needed to code articles: dictionaries, model, and their fingerprints.
pub(crate) struct CodingSetup {
    coder: Coder<'static>,
    model: LoadedModel,
    pub(crate) info: RunInfo,
}

/// Loads the dictionaries and the model of a run and fingerprints them.
pub(crate) fn coding_setup(dicts: &DictArgs) -> anyhow::Result<CodingSetup> {
    let (kb, warnings) = detente_setup::knowledge_base(&dicts.actors, dicts.agents.as_deref())?;
    for w in &warnings {
        eprintln!("{w}");
    }
    let lexicon = lexicon(dicts)?;
    let model = load_model(dicts.model.as_ref())?;
    let info = RunInfo {
        version: format!("detente {}", env!("CARGO_PKG_VERSION")),
        dictionaries_hash: dictionaries_hash(dicts)?,
        model_hash: match &dicts.model {
            Some(p) => detente_store::dedup::fingerprint([std::fs::read(p)
                .with_context(|| format!("reading model {}", p.display()))?
                .as_slice()]),
            None => detente_store::dedup::fingerprint([model.get().to_bytes().as_slice()]),
        },
        started_unix: Some(now()),
    };
    // The knowledge base lives as long as the process; the coder borrows it.
    let kb: &'static detente_actors::KnowledgeBase = Box::leak(Box::new(kb));
    Ok(CodingSetup {
        coder: Coder::new(kb, lexicon),
        model,
        info,
    })
}

/// Fingerprint of the dictionaries of a run: each built-in file that is in use, and the
/// bytes of each file that replaces one, tagged with its role.
fn dictionaries_hash(dicts: &DictArgs) -> anyhow::Result<String> {
    let mut parts: Vec<Vec<u8>> = Vec::new();
    let mut file = |role: &str, path: &Path| -> anyhow::Result<()> {
        parts.push(role.as_bytes().to_vec());
        parts.push(std::fs::read(path).with_context(|| format!("reading {}", path.display()))?);
        Ok(())
    };
    for p in &dicts.actors {
        file("actors", p)?;
    }
    if let Some(p) = &dicts.agents {
        file("agents", p)?;
    }
    if let Some(p) = &dicts.verbs {
        file("verbs", p)?;
    }
    if let Some(p) = &dicts.discards {
        file("discards", p)?;
    }
    // The built-in files are part of every run: replaced parts only override them.
    for (name, text) in detente_actors::BUILTIN_FILES
        .iter()
        .chain(detente_events::BUILTIN_FILES.iter())
    {
        parts.push(name.as_bytes().to_vec());
        parts.push(text.as_bytes().to_vec());
    }
    Ok(detente_store::dedup::fingerprint(
        parts.iter().map(Vec::as_slice),
    ))
}

/// Seconds since 1970.
pub(crate) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

impl CodingSetup {
    /// Codes a batch of articles on `jobs` threads; results in input order. An article
    /// the pipeline refuses (4 GiB or more) gives an error message.
    pub(crate) fn code_batch(
        &self,
        articles: &[ArticleInput],
        jobs: usize,
    ) -> Vec<Result<Vec<Event>, String>> {
        let coder = &self.coder;
        let model = self.model.get();
        let code = |a: &ArticleInput| -> Result<Vec<Event>, String> {
            let doc = detente_pipeline::analyze(model, &a.text)
                .map_err(|e| format!("article {}: {e}", a.id))?;
            let date = a
                .date
                .as_deref()
                .and_then(EventDate::parse)
                .filter(|d| d.day.is_some());
            Ok(coder.code(
                &doc,
                &Article {
                    id: &a.id,
                    text: &a.text,
                    date,
                },
            ))
        };
        let jobs = jobs.max(1);
        if jobs == 1 || articles.len() < 2 {
            return articles.iter().map(code).collect();
        }
        let chunk = articles.len().div_ceil(jobs);
        std::thread::scope(|s| {
            let handles: Vec<_> = articles
                .chunks(chunk)
                .map(|part| s.spawn(|| part.iter().map(code).collect::<Vec<_>>()))
                .collect();
            handles
                .into_iter()
                .flat_map(|h| {
                    h.join()
                        .unwrap_or_else(|_| vec![Err("coding thread failed".to_string())])
                })
                .collect()
        })
    }
}

/// The default number of coding threads.
pub(crate) fn default_jobs(jobs: Option<usize>) -> usize {
    jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// A progress bar on stderr (drawn only when stderr is a terminal).
pub(crate) fn progress_bar(what: &str) -> indicatif::ProgressBar {
    let pb =
        indicatif::ProgressBar::with_draw_target(Some(0), indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template(&format!(
        "{what} {{bar:30}} {{pos}}/{{len}} articles ({{per_sec}}, {{eta}} left) {{msg}}"
    )) {
        pb.set_style(style);
    }
    pb
}

/// One input: a file (with its format and how to name text articles) or standard input.
struct Input {
    path: Option<PathBuf>,
    format: CodeInput,
    id: Option<String>,
}

/// Expands the command-line paths into inputs; unreadable folders are reported.
fn expand(paths: &[PathBuf], format: Option<CodeInput>, skipped: &mut usize) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input {
                path: None,
                format: format.unwrap_or(CodeInput::Text),
                id: None,
            });
        } else if p.is_dir() {
            walk(p, p, &mut out, skipped);
        } else {
            let format = format.unwrap_or(match p.extension() {
                Some(e) if e == "jsonl" => CodeInput::Jsonl,
                _ => CodeInput::Text,
            });
            out.push(Input {
                path: Some(p.clone()),
                format,
                id: Some(crate::parse::doc_name(Some(p))),
            });
        }
    }
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Input>, skipped: &mut usize) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: reading folder {}: {e}", dir.display());
            *skipped += 1;
            return;
        }
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => paths.push(e.path()),
            Err(e) => {
                eprintln!("error: reading folder {}: {e}", dir.display());
                *skipped += 1;
            }
        }
    }
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(root, &p, out, skipped);
            continue;
        }
        let format = match p.extension() {
            Some(e) if e == "jsonl" => CodeInput::Jsonl,
            Some(e) if e == "txt" => CodeInput::Text,
            _ => continue,
        };
        let rel = p.strip_prefix(root).unwrap_or(&p).with_extension("");
        let id = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        out.push(Input {
            path: Some(p),
            format,
            id: Some(id),
        });
    }
}

/// Reads the articles of one input (see [`crate::code::read_articles`]) as store inputs.
fn read_input(
    input: &Input,
    default_date: Option<EventDate>,
    skipped: &mut usize,
) -> Vec<ArticleInput> {
    let text_id = Some(input.id.as_deref().unwrap_or("stdin"));
    crate::code::read_articles(
        input.path.as_deref(),
        Some(input.format),
        text_id,
        default_date,
        skipped,
    )
    .into_iter()
    .map(|a| ArticleInput {
        id: a.id,
        text: a.text,
        date: a.date.map(|d| d.to_string()),
        source: a.source,
        url: a.url,
        title: a.title,
    })
    .collect()
}

/// Articles coded per batch (each batch is split across the coding threads).
const BATCH: usize = 64;

pub(crate) fn run(args: &IngestArgs) -> anyhow::Result<ExitCode> {
    let date = parse_date(args.date.as_deref())?;
    let setup = coding_setup(&args.dicts)?;
    let mut store = Store::open(&args.db)?;
    let jobs = default_jobs(args.jobs);
    let mut skipped = 0usize;
    let inputs = expand(&args.paths, args.input, &mut skipped);
    let run_id = store.begin_run("ingest", &setup.info)?;
    let mut report = IngestReport {
        run_id,
        ..IngestReport::default()
    };
    let pb = progress_bar("ingest");
    for input in &inputs {
        let articles = read_input(input, date, &mut skipped);
        pb.inc_length(articles.len() as u64);
        for batch in articles.chunks(BATCH) {
            // Skip what is stored unchanged before coding it.
            let mut todo = Vec::new();
            for a in batch {
                if store.article_state(a)? == ArticleState::Unchanged {
                    report.unchanged += 1;
                    pb.inc(1);
                } else {
                    todo.push(a.clone());
                }
            }
            let coded = setup.code_batch(&todo, jobs);
            for (a, events) in todo.iter().zip(coded) {
                match events {
                    Ok(events) => {
                        let (outcome, dup) =
                            store.store_article(run_id, &setup.info, a, &events)?;
                        match outcome {
                            Outcome::Added => report.added += 1,
                            Outcome::Replaced => report.replaced += 1,
                            Outcome::Unchanged => report.unchanged += 1,
                        }
                        if outcome != Outcome::Unchanged {
                            report.events += events.len();
                            report.duplicates += usize::from(dup);
                        }
                    }
                    Err(msg) => {
                        pb.suspend(|| eprintln!("error: {msg}; skipped"));
                        skipped += 1;
                    }
                }
                pb.inc(1);
            }
        }
    }
    pb.finish_and_clear();
    store.finish_run(&report, Some(now()))?;
    eprintln!(
        "{}: {} article(s) added, {} replaced, {} unchanged, {} near-duplicate(s), {} event(s) written",
        args.db.display(),
        report.added,
        report.replaced,
        report.unchanged,
        report.duplicates,
        report.events
    );
    if skipped > 0 {
        eprintln!("error: {skipped} input(s) skipped, see above");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

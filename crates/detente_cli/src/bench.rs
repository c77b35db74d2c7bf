//! `detente bench`: single-core throughput of the text, syntax and event stages.
//!
//! Benchmarks are commands, not timed tests: the figures depend on the machine, so they are
//! printed for people to compare rather than asserted.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context};
use detente_syntax::{conllu, Model};

use crate::input::{load_model, read_text};
use crate::BenchArgs;

pub(crate) fn run(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    if args.files.is_empty() && args.conllu.is_none() {
        bail!(
            "nothing to benchmark: give raw-text files (e.g. samples/*.txt) and/or --conllu FILE"
        );
    }
    let started = Instant::now();
    let model = load_model(args.model.as_ref())?;
    println!("model load: {:.3} s", started.elapsed().as_secs_f64());
    let model = model.get();

    if !args.files.is_empty() {
        let mut texts = Vec::new();
        let mut dates = Vec::new();
        for path in &args.files {
            let (name, text) = read_text(Some(path))?;
            if path.extension().is_some_and(|e| e == "jsonl") {
                for (text, date) in jsonl_texts(&name, &text)? {
                    texts.push(text);
                    dates.push(date);
                }
            } else {
                texts.push(text);
                dates.push(None);
            }
        }
        bench_raw(model, &texts, args.seconds)?;
        if args.ingest.is_some() || args.http {
            let dir =
                std::env::temp_dir().join(format!("detente-bench-ingest-{}", std::process::id()));
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
            let result = bench_ingest(&texts, &dates, args.ingest.unwrap_or(texts.len()), &dir)
                .and_then(|db| {
                    if args.http {
                        crate::bench_http::run(&db, &texts, args.seconds, args.connections)?;
                    }
                    Ok(())
                });
            let _ = std::fs::remove_dir_all(&dir);
            result?;
        }
    }
    if let Some(path) = &args.conllu {
        let (name, text) = read_text(Some(path))?;
        let gold = conllu::parse(&text).with_context(|| format!("reading {name}"))?;
        let sentences: Vec<Vec<&str>> = gold
            .iter()
            .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
            .collect();
        let n_words: usize = sentences.iter().map(Vec::len).sum();
        let (rounds, secs) = repeat(args.seconds, || {
            for forms in &sentences {
                black_box(model.analyze(forms));
            }
        });
        println!(
            "tag+lemma+parse ({name}, gold tokens): {:.0} words/s, {:.0} sentences/s",
            (rounds * n_words) as f64 / secs,
            (rounds * sentences.len()) as f64 / secs
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn bench_raw(model: &Model, texts: &[String], seconds: f64) -> anyhow::Result<()> {
    let mut n_sentences = 0;
    let mut n_words = 0;
    let mut n_bytes = 0;
    for text in texts {
        let doc = detente_text::split(text).context("splitting text")?;
        n_sentences += doc.sentences.len();
        n_words += doc.sentences.iter().map(|s| s.words.len()).sum::<usize>();
        n_bytes += text.len();
    }
    let (rounds, secs) = repeat(seconds, || {
        for text in texts {
            black_box(detente_text::split(text).ok());
        }
    });
    println!(
        "split+tokenize: {:.0} words/s, {:.1} MB/s",
        (rounds * n_words) as f64 / secs,
        (rounds * n_bytes) as f64 / secs / 1e6
    );
    let (rounds, secs) = repeat(seconds, || {
        for text in texts {
            black_box(detente_pipeline::analyze(model, text).ok());
        }
    });
    println!(
        "raw text to parse: {:.0} words/s, {:.0} sentences/s ({} sentences, {} words per round)",
        (rounds * n_words) as f64 / secs,
        (rounds * n_sentences) as f64 / secs,
        n_sentences,
        n_words
    );
    // The whole path with the built-in dictionaries: text → parse → actors → events.
    let kb = detente_actors::builtin().context("loading the built-in dictionaries")?;
    let lexicon = detente_events::Lexicon::try_builtin()?;
    let coder = detente_events::Coder::new(&kb, lexicon);
    let date = detente_dates::EventDate::ymd(2025, 6, 1);
    let code_all = || {
        let mut n_events = 0;
        for text in texts {
            if let Ok(doc) = detente_pipeline::analyze(model, text) {
                let article = detente_events::Article {
                    id: "bench",
                    text,
                    date,
                };
                n_events += coder.code(&doc, &article).len();
            }
        }
        n_events
    };
    let n_events = code_all();
    let (rounds, secs) = repeat(seconds, || {
        black_box(code_all());
    });
    println!(
        "raw text to events: {:.0} words/s, {:.0} sentences/s, {:.0} events/s ({} events per round)",
        (rounds * n_words) as f64 / secs,
        (rounds * n_sentences) as f64 / secs,
        (rounds * n_events) as f64 / secs,
        n_events
    );
    // The last stage alone (actors and events from parsed articles), to show where the
    // time of the whole path goes.
    let docs: Vec<_> = texts
        .iter()
        .filter_map(|text| {
            detente_pipeline::analyze(model, text)
                .ok()
                .map(|d| (text, d))
        })
        .collect();
    let (rounds, secs) = repeat(seconds, || {
        for (text, doc) in &docs {
            let article = detente_events::Article {
                id: "bench",
                text,
                date,
            };
            black_box(coder.code(doc, &article));
        }
    });
    println!(
        "parse to events (actors and coding only): {:.0} words/s, {:.0} sentences/s",
        (rounds * n_words) as f64 / secs,
        (rounds * n_sentences) as f64 / secs
    );
    Ok(())
}

/// Times `detente ingest` (this binary, as a child process, all its coding threads) of `n`
/// articles made from `texts` into a fresh database in `dir`; returns the database.
/// The first `texts.len()` articles are the given ones with their own dates; further
/// copies get a distinct last sentence and dates a day apart over two years, so that
/// dyad series have many periods.
fn bench_ingest(
    texts: &[String],
    dates: &[Option<String>],
    n: usize,
    dir: &Path,
) -> anyhow::Result<PathBuf> {
    if texts.is_empty() || n == 0 {
        bail!("--ingest needs articles and N > 0");
    }
    let input = dir.join("articles.jsonl");
    let mut jsonl = String::new();
    for i in 0..n {
        // A distinct last sentence keeps copies from being exact duplicates.
        let (text, day) = match dates.get(i) {
            Some(Some(date)) => (texts[i].clone(), Some(date.clone())),
            _ => (
                format!("{}\nReport number {i} ends here.", texts[i % texts.len()]),
                detente_dates::EventDate::ymd(2024, 1, 1)
                    .and_then(|d| d.add_days((i % 730) as i64))
                    .map(|d| d.to_string()),
            ),
        };
        let line = serde_json::json!({"id": format!("bench-{i}"), "text": text, "date": day});
        jsonl.push_str(&line.to_string());
        jsonl.push('\n');
    }
    std::fs::write(&input, jsonl).with_context(|| format!("writing {}", input.display()))?;
    let db = dir.join("bench.db");
    let exe = std::env::current_exe().context("finding this binary")?;
    let started = Instant::now();
    let status = std::process::Command::new(exe)
        .arg("ingest")
        .arg(&input)
        .arg("--db")
        .arg(&db)
        .stderr(std::process::Stdio::null())
        .status()
        .context("running detente ingest")?;
    let secs = started.elapsed().as_secs_f64();
    if !status.success() {
        bail!("detente ingest failed ({status})");
    }
    println!(
        "ingest: {n} articles in {secs:.1} s, {:.0} articles/min (all cores)",
        n as f64 / secs * 60.0
    );
    Ok(db)
}

/// The `text` and `date` fields of every line of a JSONL article file.
fn jsonl_texts(name: &str, jsonl: &str) -> anyhow::Result<Vec<(String, Option<String>)>> {
    let mut texts = Vec::new();
    for (line_idx, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{name}:{}: not a JSON object", line_idx + 1))?;
        let Some(text) = value.get("text").and_then(|t| t.as_str()) else {
            bail!("{name}:{}: no \"text\" string", line_idx + 1);
        };
        let date = value
            .get("date")
            .and_then(|d| d.as_str())
            .map(str::to_string);
        texts.push((text.to_string(), date));
    }
    Ok(texts)
}

/// Runs `f` until at least `seconds` have passed; returns the rounds run and the time taken.
fn repeat(seconds: f64, mut f: impl FnMut()) -> (usize, f64) {
    let started = Instant::now();
    let mut rounds = 0;
    loop {
        f();
        rounds += 1;
        let secs = started.elapsed().as_secs_f64();
        if secs >= seconds {
            return (rounds, secs);
        }
    }
}

//! `detente code` and `detente explain`: articles in, event records out.
//!
//! Inputs are text files (one article each, id = file stem) or JSONL files (one article a
//! line: `id`, `text`, optional `date`, `source`, `url`, `title`). A line or file that
//! cannot be read is reported on stderr with its name and line and skipped; the run goes
//! on and exits with status 1 at the end. The dictionaries are the built-in ones unless
//! `--actors/--agents/--verbs/--discards` replace them (PETRARCH-2, TABARI or the
//! project's own format). `explain` shows, for one sentence or document, the parse, the
//! actors, every trigger with the patterns tried and the outcome, and the events.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use detente_actors::KnowledgeBase;
use detente_dates::EventDate;
use detente_events::{Article, Coder, Lexicon};

use crate::input::{load_model, read_text, utf8_or_error, LoadedModel};
use crate::output::{one_line, write_stdout};
use crate::parse::doc_name;
pub(crate) use detente_setup::InputArticle;

/// How `detente code` reads its files.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub(crate) enum CodeInput {
    /// Each file is one article.
    Text,
    /// One JSON article per line.
    Jsonl,
}

/// Dictionary options shared by `code`, `explain` and `validate`.
#[derive(clap::Args, Clone, Default)]
pub(crate) struct DictArgs {
    /// Actor dictionary replacing the built-in countries, people and organisations
    /// (PETRARCH-2, TABARI or the project's format); repeatable.
    #[arg(long = "actors", value_name = "PATH")]
    pub(crate) actors: Vec<PathBuf>,
    /// Agent dictionary replacing the built-in agent nouns.
    #[arg(long = "agents", value_name = "PATH")]
    pub(crate) agents: Option<PathBuf>,
    /// Verb dictionary (PETRARCH-2 or TABARI) replacing the built-in event lexicon.
    #[arg(long = "verbs", value_name = "PATH")]
    pub(crate) verbs: Option<PathBuf>,
    /// Discard list (PETRARCH-2 format, or the project's `@discard` lines).
    #[arg(long = "discards", value_name = "PATH")]
    pub(crate) discards: Option<PathBuf>,
    /// Model file to use instead of the built-in model.
    #[arg(long)]
    pub(crate) model: Option<PathBuf>,
}

/// Arguments of `detente code`.
#[derive(clap::Args)]
pub(crate) struct CodeArgs {
    /// Article files; standard input when none.
    files: Vec<PathBuf>,
    /// Input format; by default `jsonl` for `.jsonl` files and `text` otherwise.
    #[arg(long, value_enum)]
    input: Option<CodeInput>,
    /// Publication date (YYYY-MM-DD) for articles that carry none.
    #[arg(long)]
    date: Option<String>,
    #[command(flatten)]
    dicts: DictArgs,
}

/// Arguments of `detente explain`.
#[derive(clap::Args)]
pub(crate) struct ExplainArgs {
    /// The sentence (or text) to explain.
    text: Option<String>,
    /// Explain a whole document file instead.
    #[arg(long)]
    doc: Option<PathBuf>,
    /// Publication date (YYYY-MM-DD).
    #[arg(long)]
    date: Option<String>,
    #[command(flatten)]
    dicts: DictArgs,
}

/// The lexicon for a run: the built-in one, or converted from `--verbs`, with
/// `--discards` applied (loader warnings go to stderr).
pub(crate) fn lexicon(dicts: &DictArgs) -> anyhow::Result<Lexicon> {
    detente_setup::lexicon(
        dicts.verbs.as_deref(),
        dicts.discards.as_deref(),
        &mut |w| eprintln!("{w}"),
    )
}

/// The knowledge base, lexicon and model of a run (loader warnings go to stderr).
pub(crate) fn setup(dicts: &DictArgs) -> anyhow::Result<(KnowledgeBase, Lexicon, LoadedModel)> {
    let (kb, warnings) = detente_setup::knowledge_base(&dicts.actors, dicts.agents.as_deref())?;
    for w in &warnings {
        eprintln!("{w}");
    }
    let lex = lexicon(dicts)?;
    let model = load_model(dicts.model.as_ref())?;
    Ok((kb, lex, model))
}

/// Parses `--date`.
pub(crate) fn parse_date(date: Option<&str>) -> anyhow::Result<Option<EventDate>> {
    detente_setup::parse_date(date, "--date")
}

/// Reads the articles of one input; bad lines are reported and counted in `skipped`.
/// A text input is one article named `text_id`, or after its file stem.
pub(crate) fn read_articles(
    path: Option<&Path>,
    format: Option<CodeInput>,
    text_id: Option<&str>,
    default_date: Option<EventDate>,
    skipped: &mut usize,
) -> Vec<InputArticle> {
    let (name, text) = match read_text(path) {
        Ok(x) => x,
        Err(e) => {
            let mut msg = format!("error: {e}");
            for cause in e.chain().skip(1) {
                msg.push_str(&format!(": {cause}"));
            }
            eprintln!("{msg}; skipped");
            *skipped += 1;
            return Vec::new();
        }
    };
    let format = format.unwrap_or(match path.and_then(|p| p.extension()) {
        Some(e) if e == "jsonl" => CodeInput::Jsonl,
        _ => CodeInput::Text,
    });
    if format == CodeInput::Text {
        return vec![InputArticle {
            id: text_id.map_or_else(|| doc_name(path), str::to_string),
            text,
            date: default_date,
            source: None,
            url: None,
            title: None,
        }];
    }
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match detente_setup::article_from_json(line, default_date) {
            Ok(a) => out.push(a),
            Err(msg) => {
                eprintln!("error: {name}:{}: {msg}; line skipped", i + 1);
                *skipped += 1;
            }
        }
    }
    out
}

pub(crate) fn run(args: &CodeArgs) -> anyhow::Result<ExitCode> {
    let date = parse_date(args.date.as_deref())?;
    let (kb, lex, model) = setup(&args.dicts)?;
    let coder = Coder::new(&kb, lex);
    let files: Vec<Option<&Path>> = if args.files.is_empty() {
        vec![None]
    } else {
        args.files.iter().map(|p| Some(p.as_path())).collect()
    };
    let mut skipped = 0usize;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in files {
        for a in read_articles(path, args.input, None, date, &mut skipped) {
            let doc = match detente_pipeline::analyze(model.get(), &a.text) {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("error: article {}: {e}; skipped", a.id);
                    skipped += 1;
                    continue;
                }
            };
            let article = Article {
                id: &a.id,
                text: &a.text,
                date: a.date,
            };
            let mut buf = String::new();
            for ev in coder.code(&doc, &article) {
                buf.push_str(&ev.to_json());
                buf.push('\n');
            }
            match out.write_all(buf.as_bytes()) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    return Ok(ExitCode::SUCCESS)
                }
                Err(e) => return Err(e).context("writing standard output"),
            }
        }
    }
    match out.flush() {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(e).context("writing standard output"),
    }
    if skipped > 0 {
        eprintln!("error: {skipped} input(s) skipped, see above");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn explain(args: &ExplainArgs) -> anyhow::Result<ExitCode> {
    let date = parse_date(args.date.as_deref())?;
    let (id, text) = match (&args.text, &args.doc) {
        (Some(t), None) => ("sentence".to_string(), t.clone()),
        (None, Some(p)) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
            (
                doc_name(Some(p)),
                utf8_or_error(&p.display().to_string(), bytes)?,
            )
        }
        _ => anyhow::bail!("give a sentence in quotes or --doc FILE"),
    };
    let (kb, lex, model) = setup(&args.dicts)?;
    let coder = Coder::new(&kb, lex);
    let doc = detente_pipeline::analyze(model.get(), &text).context("splitting the text")?;
    let article = Article {
        id: &id,
        text: &text,
        date,
    };
    let mut trace = Vec::new();
    let events = coder.code_traced(&doc, &article, Some(&mut trace));
    let tagged: Vec<_> = (0..doc.sentences.len()).map(|i| doc.tagged(i)).collect();
    let actor_date = date
        .and_then(|d| detente_actors::Date::new(d.year, d.month.unwrap_or(7), d.day.unwrap_or(1)))
        .unwrap_or_else(|| detente_actors::Date::new(2026, 1, 1).expect("valid date"));
    let found = coder.recognizer().analyze_document(&tagged, actor_date);
    let mut out = String::new();
    for (si, words) in tagged.iter().enumerate() {
        let _ = writeln!(
            out,
            "== sentence {si}: {}",
            one_line(doc.sentences[si].range.slice(&text))
        );
        let _ = writeln!(out, "-- parse (id form lemma upos head deprel)");
        for (i, w) in words.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {:>3} {:<16} {:<14} {:<6} {:>3} {}",
                i + 1,
                w.form,
                w.lemma,
                w.upos,
                w.head,
                w.deprel
            );
        }
        let _ = writeln!(out, "-- actors");
        for m in &found.mentions[si] {
            let _ = writeln!(
                out,
                "  {:<28} {:<16} {:<10} {}",
                one_line(m.range.slice(&text)),
                if m.codes.is_empty() {
                    "-".to_string()
                } else {
                    m.codes.join("+")
                },
                m.kind.name(),
                one_line(&m.evidence)
            );
        }
        let _ = writeln!(out, "-- triggers");
        if let Some(st) = trace.iter().find(|t| t.sentence == si) {
            if let Some(d) = &st.discarded {
                let _ = writeln!(out, "  sentence skipped: {d}");
            }
            for t in &st.triggers {
                let _ = writeln!(
                    out,
                    "  {} ({:?}, {} pattern(s) tried): {}\n      -> {}",
                    t.form,
                    t.kind,
                    t.tried,
                    t.matched.as_deref().unwrap_or("no match"),
                    if t.outcome.is_empty() {
                        "not reached"
                    } else {
                        &t.outcome
                    }
                );
            }
        }
        let _ = writeln!(out, "-- events");
        for e in events.iter().filter(|e| e.sentence_id == si) {
            let _ = writeln!(
                out,
                "  {} -> {} {} ({}, goldstein {}, {}) mode={} date={} pattern: {}",
                e.source.code,
                e.target.as_ref().map_or("-", |t| t.code.as_str()),
                e.cameo,
                e.plover.as_deref().unwrap_or("-"),
                e.goldstein.map_or("-".to_string(), |g| g.to_string()),
                e.quad_class
                    .map_or("-".to_string(), |q| format!("quad {q}")),
                e.mode.as_str(),
                e.date.map_or("-".to_string(), |d| d.to_string()),
                e.pattern
            );
        }
    }
    write_stdout(&out)
}

//! The Python extension module `detente._detente`, wrapped by the pure-Python package in
//! `python/detente` (which adds dicts, `code_batch` over any iterable, Arrow, warnings).
//!
//! A `Coder` owns the knowledge base, the lexicon and the model of a run, loaded by
//! `detente_setup` exactly as `detente code --actors/--agents/--verbs/--discards` loads
//! them. Articles cross the boundary as the JSONL records `detente code` reads (parsed
//! by `detente_setup::article_from_json`, so the rules for `id` and `date` are the
//! CLI's) and events come back as a JSON array of `Event::to_json` records, so Python
//! sees exactly what the CLI prints. Coding runs with the GIL released; a batch is
//! split into contiguous chunks coded on scoped threads, and the output keeps the input
//! order. Bad input is a `ValueError` (missing files `FileNotFoundError`/`OSError`); a
//! panic, which the coder promises never to raise, would become a `RuntimeError`.

use std::mem::ManuallyDrop;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::ptr::NonNull;

use detente_actors::KnowledgeBase;
use detente_events::{Article, Coder};
use detente_setup::{InputArticle, LoadedModel};
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;

/// The knowledge base, the coder that borrows it, and the model.
struct Engine {
    /// Borrows `*kb`; dropped first, in `Drop`.
    coder: ManuallyDrop<Coder<'static>>,
    /// From `Box::into_raw`; freed in `Drop` after the coder.
    kb: NonNull<KnowledgeBase>,
    model: LoadedModel,
}

// SAFETY: `Engine` is only a raw pointer short of being `Send + Sync`: the pointee is a
// `KnowledgeBase` (checked below to be `Send + Sync`) that is never mutated after
// construction, and the coder that borrows it is `Send + Sync` too.
unsafe impl Send for Engine {}
// SAFETY: see above; `&Engine` only ever gives shared access to the knowledge base.
unsafe impl Sync for Engine {}

const _: () = {
    fn assert_send_sync<T: Send + Sync>() {}
    #[allow(dead_code)]
    fn check() {
        assert_send_sync::<KnowledgeBase>();
        assert_send_sync::<Coder<'static>>();
        assert_send_sync::<LoadedModel>();
    }
};

impl Engine {
    fn new(kb: KnowledgeBase, lexicon: detente_events::Lexicon, model: LoadedModel) -> Engine {
        let kb = NonNull::from(Box::leak(Box::new(kb)));
        // SAFETY: the knowledge base lives on the heap until `Drop` frees it, after the
        // coder that borrows it; nothing mutates or moves it in between.
        let kb_ref: &'static KnowledgeBase = unsafe { kb.as_ref() };
        Engine {
            coder: ManuallyDrop::new(Coder::new(kb_ref, lexicon)),
            kb,
            model,
        }
    }

    /// Codes one article, appending its events to `out` as comma-separated JSON
    /// objects. An error is the message for the caller's exception.
    fn code_into(&self, a: &InputArticle, out: &mut String) -> Result<(), CodeError> {
        let result = catch_unwind(AssertUnwindSafe(|| {
            let doc = detente_pipeline::analyze(self.model.get(), &a.text)
                .map_err(|e| CodeError::Bad(format!("article '{}': {e}", a.id)))?;
            let article = Article {
                id: &a.id,
                text: &a.text,
                date: a.date,
            };
            let mut buf = String::new();
            for ev in self.coder.code(&doc, &article) {
                if !buf.is_empty() {
                    buf.push(',');
                }
                buf.push_str(&ev.to_json());
            }
            Ok(buf)
        }));
        let buf = match result {
            Ok(r) => r?,
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                return Err(CodeError::Internal(format!(
                    "internal error while coding article '{}': {msg}",
                    a.id
                )));
            }
        };
        if !buf.is_empty() {
            if !out.is_empty() {
                out.push(',');
            }
            out.push_str(&buf);
        }
        Ok(())
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        // SAFETY: the coder is dropped exactly once, here, before the knowledge base it
        // borrows; `kb` came from `Box::leak` and is freed exactly once.
        unsafe {
            ManuallyDrop::drop(&mut self.coder);
            drop(Box::from_raw(self.kb.as_ptr()));
        }
    }
}

enum CodeError {
    Bad(String),
    Internal(String),
}

impl From<CodeError> for PyErr {
    fn from(e: CodeError) -> PyErr {
        match e {
            CodeError::Bad(m) => PyValueError::new_err(m),
            CodeError::Internal(m) => PyRuntimeError::new_err(m),
        }
    }
}

/// A loading error as a Python exception: a missing file is `FileNotFoundError`, other
/// I/O errors `OSError`, anything else (a bad dictionary line) `ValueError`; the message
/// is the whole chain ("reading x.txt: No such file or directory (os error 2)").
fn load_error(e: anyhow::Error) -> PyErr {
    let msg = format!("{e:#}");
    match e.chain().find_map(|c| c.downcast_ref::<std::io::Error>()) {
        Some(io) if io.kind() == std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(msg),
        Some(_) => PyOSError::new_err(msg),
        None => PyValueError::new_err(msg),
    }
}

fn parse_date(date: Option<&str>) -> PyResult<Option<detente_setup::EventDate>> {
    detente_setup::parse_date(date, "date").map_err(|e| PyValueError::new_err(format!("{e:#}")))
}

/// Native coder: the dictionaries and model of a run. Use `detente.Coder`.
#[pyclass(frozen, name = "Coder", module = "detente._detente")]
struct PyCoder {
    engine: Engine,
    /// Loader warnings (`path:line: warning: ...`).
    #[pyo3(get)]
    warnings: Vec<String>,
}

#[pymethods]
impl PyCoder {
    #[new]
    #[pyo3(signature = (actors=Vec::new(), agents=None, verbs=None, discards=None, model=None))]
    fn new(
        py: Python<'_>,
        actors: Vec<PathBuf>,
        agents: Option<PathBuf>,
        verbs: Option<PathBuf>,
        discards: Option<PathBuf>,
        model: Option<PathBuf>,
    ) -> PyResult<PyCoder> {
        py.detach(|| {
            let (kb, mut warnings) =
                detente_setup::knowledge_base(&actors, agents.as_deref()).map_err(load_error)?;
            let lexicon = detente_setup::lexicon(verbs.as_deref(), discards.as_deref(), &mut |w| {
                warnings.push(w)
            })
            .map_err(load_error)?;
            let model = detente_setup::load_model(model.as_deref()).map_err(load_error)?;
            Ok(PyCoder {
                engine: Engine::new(kb, lexicon, model),
                warnings,
            })
        })
    }

    /// Codes one article; returns its events as a JSON array of `detente code` records.
    #[pyo3(signature = (text, date=None, doc_id="text"))]
    fn code_json(
        &self,
        py: Python<'_>,
        text: String,
        date: Option<&str>,
        doc_id: &str,
    ) -> PyResult<String> {
        let article = InputArticle {
            id: doc_id.to_string(),
            text,
            date: parse_date(date)?,
            source: None,
            url: None,
            title: None,
        };
        let mut out = String::from("[");
        let mut body = String::new();
        py.detach(|| self.engine.code_into(&article, &mut body))?;
        out.push_str(&body);
        out.push(']');
        Ok(out)
    }

    /// Codes articles given as JSONL records (`{"id", "text", "date"?, ...}`), on up to
    /// `threads` threads (0: one per core). Returns the events as one JSON array, in
    /// input order, and the `(index, message)` of every article that could not be
    /// read; unless `skip_errors`, the first such article raises `ValueError` instead.
    /// Error messages number the articles from `first_index`.
    #[pyo3(signature = (records, date=None, threads=0, skip_errors=false, first_index=0))]
    fn code_batch_json(
        &self,
        py: Python<'_>,
        records: Vec<String>,
        date: Option<&str>,
        threads: usize,
        skip_errors: bool,
        first_index: usize,
    ) -> PyResult<(String, Vec<(usize, String)>)> {
        let default_date = parse_date(date)?;
        let mut articles = Vec::with_capacity(records.len());
        let mut skipped = Vec::new();
        for (i, line) in records.iter().enumerate() {
            match detente_setup::article_from_json(line, default_date) {
                Ok(a) => articles.push(a),
                Err(msg) if skip_errors => skipped.push((i, msg)),
                Err(msg) => {
                    return Err(PyValueError::new_err(format!(
                        "article {}: {msg}",
                        first_index + i
                    )))
                }
            }
        }
        drop(records);
        let threads = match threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        let body = py.detach(|| self.code_parallel(&articles, threads))?;
        Ok((format!("[{body}]"), skipped))
    }
}

impl PyCoder {
    /// Codes `articles` in `threads` contiguous chunks; events come back in input order.
    fn code_parallel(
        &self,
        articles: &[InputArticle],
        threads: usize,
    ) -> Result<String, CodeError> {
        let threads = threads.clamp(1, articles.len().max(1));
        if threads == 1 {
            let mut out = String::new();
            for a in articles {
                self.engine.code_into(a, &mut out)?;
            }
            return Ok(out);
        }
        let chunk = articles.len().div_ceil(threads);
        let parts: Vec<Result<String, CodeError>> = std::thread::scope(|s| {
            let handles: Vec<_> = articles
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || {
                        let mut out = String::new();
                        for a in part {
                            self.engine.code_into(a, &mut out)?;
                        }
                        Ok(out)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(CodeError::Internal("a coding thread panicked".into()))
                    })
                })
                .collect()
        });
        let mut out = String::new();
        for part in parts {
            let part = part?;
            if !part.is_empty() {
                if !out.is_empty() {
                    out.push(',');
                }
                out.push_str(&part);
            }
        }
        Ok(out)
    }
}

/// The native half of the `detente` package.
#[pymodule]
fn _detente(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCoder>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

//! The event lexicon of a run (`--verbs`, `--discards`): the built-in one, or converted
//! from a PETRARCH-2/TABARI verb dictionary or a file in the project's format, with a
//! discard list applied.

use std::path::Path;

use anyhow::Context;
use detente_events::Lexicon;

/// The lexicon for a run: the built-in one, or converted from `verbs`, with `discards`
/// applied. Loader warnings are passed to `warn` as `path:line: warning: ...` as they
/// are found.
pub fn lexicon(
    verbs: Option<&Path>,
    discards: Option<&Path>,
    warn: &mut dyn FnMut(String),
) -> anyhow::Result<Lexicon> {
    let mut lex = match verbs {
        None => Lexicon::try_builtin()?,
        Some(path) => {
            let (name, text) = read_latin(path)?;
            if text.lines().any(|l| {
                l.starts_with("@set ")
                    || l.split_whitespace()
                        .nth(1)
                        .is_some_and(|k| k == "verb" || k == "noun")
            }) {
                Lexicon::parse_files([(name.as_str(), text.as_str())])?
            } else {
                let loaded = detente_legacy::load_verbs(&name, &text)?;
                for w in &loaded.warnings {
                    warn(format!("{name}:{}: warning: {}", w.line, w.msg));
                }
                detente_events::lexicon_from_legacy(&loaded.value, &short_name(path), None)
            }
        }
    };
    if let Some(path) = discards {
        let (name, text) = read_latin(path)?;
        if text.lines().any(|l| l.starts_with("@discard ")) {
            lex.set_discards(Lexicon::parse_files([(name.as_str(), text.as_str())])?.discards);
        } else {
            let loaded = detente_legacy::load_discards(&name, &text)?;
            for w in &loaded.warnings {
                warn(format!("{name}:{}: warning: {}", w.line, w.msg));
            }
            lex.set_discards(detente_events::convert_discards(&loaded.value));
        }
    }
    Ok(lex)
}

fn short_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads a dictionary file, as Latin-1 when it is not UTF-8; returns its display name
/// and text.
pub fn read_latin(path: &Path) -> anyhow::Result<(String, String)> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok((path.display().to_string(), detente_legacy::decode(&bytes).0))
}

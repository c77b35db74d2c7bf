//! Reading inputs and models at the edge of the program.
//!
//! Inputs are read as bytes and checked as UTF-8 here, so that a bad byte is reported with
//! the file name and line rather than surfacing as a panic deeper in the pipeline.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

pub(crate) use detente_setup::LoadedModel;

/// Reads `path` (or standard input when `None`) as UTF-8 text.
///
/// A leading byte-order mark is kept: it is whitespace to the tokenizer and keeping it
/// keeps offsets equal to the file's own.
pub(crate) fn read_text(path: Option<&Path>) -> anyhow::Result<(String, String)> {
    let (name, bytes) = match path {
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            (path.display().to_string(), bytes)
        }
        None => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("reading standard input")?;
            ("<stdin>".to_string(), bytes)
        }
    };
    let text = utf8_or_error(&name, bytes)?;
    Ok((name, text))
}

/// Converts bytes to a `String`, or fails naming the line and column of the first bad byte.
pub(crate) fn utf8_or_error(name: &str, bytes: Vec<u8>) -> anyhow::Result<String> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(err) => {
            let bytes = err.as_bytes();
            let at = err.utf8_error().valid_up_to();
            let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
            let line_start = bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            bail!(
                "{name}:{line}: invalid UTF-8 at byte {} of the line (byte offset {at} in the file)",
                at - line_start + 1
            )
        }
    }
}

/// The model of a run: a file, or the built-in one when `path` is `None`.
pub(crate) fn load_model(path: Option<&PathBuf>) -> anyhow::Result<LoadedModel> {
    detente_setup::load_model(path.map(PathBuf::as_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_file_and_line() {
        let bytes = b"first line\nsecond \xff line\n".to_vec();
        let err = utf8_or_error("news.txt", bytes).unwrap_err().to_string();
        assert_eq!(
            err,
            "news.txt:2: invalid UTF-8 at byte 8 of the line (byte offset 18 in the file)"
        );
    }

    #[test]
    fn valid_utf8_passes_through() {
        let text = utf8_or_error("a.txt", "Israel’s army".as_bytes().to_vec()).unwrap();
        assert_eq!(text, "Israel’s army");
    }
}

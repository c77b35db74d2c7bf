//! Errors of the event stage: a lexicon file that cannot be read names its file and line.

/// A lexicon line that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}: {msg}")]
pub struct LexiconError {
    /// File name as given.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// Lower-case message.
    pub msg: String,
}

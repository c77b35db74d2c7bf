//! Errors from loading dictionary files: always a file name, a 1-based line and a
//! lowercase message, so a bad entry can be found and fixed by hand.

/// A problem in a dictionary file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct Error {
    /// The file name as given to the loader (e.g. `countries.txt`).
    pub file: String,
    /// 1-based line number; 0 when the problem concerns the file as a whole.
    pub line: usize,
    /// Lowercase description of the problem.
    pub message: String,
}

impl Error {
    pub(crate) fn new(file: &str, line: usize, message: impl Into<String>) -> Error {
        Error {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}

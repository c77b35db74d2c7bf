//! Writing results at the edge of the program: standard output, and text made fit for
//! one-line formats (CoNLL-U comments, TSV cells).

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;

/// Writes `out` to standard output; a closed pipe (`detente parse | head`) is not an error.
pub(crate) fn write_stdout(out: &str) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    match lock.write_all(out.as_bytes()).and_then(|()| lock.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(err) => Err(err).context("writing standard output"),
    }
}

/// Collapses runs of whitespace (including line breaks) into single spaces.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_collapses_line_breaks() {
        assert_eq!(
            one_line("U.S. President\nDonald  Trump"),
            "U.S. President Donald Trump"
        );
    }
}

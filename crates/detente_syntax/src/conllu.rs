//! Minimal, strict CoNLL-U reader and writer.
//!
//! [`parse`] reads a whole CoNLL-U document into [`ConlluSentence`]s. Multiword token
//! lines (`3-4 don't`) are kept in [`ConlluSentence::multiword`], empty nodes (`8.1`)
//! are skipped, and every malformed line yields a [`ConlluError`] carrying its 1-based
//! line number — bad input never panics. [`write`] produces valid CoNLL-U again.

use thiserror::Error;

/// A parse error with the 1-based line number where it was detected.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("line {line}: {message}")]
pub struct ConlluError {
    /// 1-based line number in the input text.
    pub line: usize,
    /// Lowercase description of the problem.
    pub message: String,
}

/// One syntactic word (a CoNLL-U line with an integer id).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConlluWord {
    /// 1-based word index in the sentence.
    pub id: u32,
    /// Word form.
    pub form: String,
    /// Lemma (`_` if unknown).
    pub lemma: String,
    /// Universal POS tag.
    pub upos: String,
    /// Language-specific POS tag (PTB tags in EWT).
    pub xpos: String,
    /// Morphological features.
    pub feats: String,
    /// Head word id, 0 for the root.
    pub head: u32,
    /// Dependency relation, with subtype (e.g. `nmod:poss`).
    pub deprel: String,
    /// Enhanced dependencies.
    pub deps: String,
    /// Miscellaneous column.
    pub misc: String,
}

/// One sentence: comment lines, multiword tokens and words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConlluSentence {
    /// Comment lines without the leading `#` and one following space (if any).
    pub comments: Vec<String>,
    /// Multiword tokens `(first_id, last_id, form, misc)`.
    pub multiword: Vec<(u32, u32, String, String)>,
    /// The words, ids `1..=n` in order.
    pub words: Vec<ConlluWord>,
}

fn err(line: usize, message: impl Into<String>) -> ConlluError {
    ConlluError {
        line,
        message: message.into(),
    }
}

fn parse_id(s: &str, line: usize) -> Result<u32, ConlluError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err(line, format!("bad id '{s}'")));
    }
    s.parse::<u32>()
        .map_err(|_| err(line, format!("bad id '{s}'")))
}

/// Parses a CoNLL-U document.
///
/// Checks: 10 tab-separated columns, word ids consecutive from 1, heads numeric and
/// within `0..=n`, multiword ranges well-formed. Empty nodes (`n.m`) are skipped.
pub fn parse(text: &str) -> Result<Vec<ConlluSentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = ConlluSentence::default();
    let mut started = false;
    // (line number, head) per word of the current sentence, to validate heads at its end.
    let mut head_lines: Vec<usize> = Vec::new();

    let finish = |cur: &mut ConlluSentence,
                  head_lines: &mut Vec<usize>,
                  out: &mut Vec<ConlluSentence>,
                  line: usize|
     -> Result<(), ConlluError> {
        let n = cur.words.len() as u32;
        if n == 0 {
            return Err(err(line, "sentence without words"));
        }
        for (w, &l) in cur.words.iter().zip(head_lines.iter()) {
            if w.head > n {
                return Err(err(
                    l,
                    format!("head {} out of range (sentence has {n} words)", w.head),
                ));
            }
            if w.head == w.id {
                return Err(err(l, "word is its own head"));
            }
        }
        for &(a, b, _, _) in &cur.multiword {
            if b > n {
                return Err(err(
                    line,
                    format!("multiword token {a}-{b} beyond last word"),
                ));
            }
        }
        out.push(std::mem::take(cur));
        head_lines.clear();
        Ok(())
    };

    let mut last_line = 0;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        last_line = line;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim().is_empty() {
            if started {
                finish(&mut cur, &mut head_lines, &mut out, line)?;
                started = false;
            }
            continue;
        }
        started = true;
        if let Some(c) = raw.strip_prefix('#') {
            if !cur.words.is_empty() {
                return Err(err(line, "comment inside sentence"));
            }
            cur.comments
                .push(c.strip_prefix(' ').unwrap_or(c).to_string());
            continue;
        }
        let cols: Vec<&str> = raw.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(
                line,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        let id = cols[0];
        if id.contains('.') {
            // Empty node of the enhanced graph: validate loosely and skip.
            let mut parts = id.splitn(2, '.');
            let a = parts.next().unwrap_or("");
            let b = parts.next().unwrap_or("");
            parse_id(a, line)?;
            parse_id(b, line)?;
            continue;
        }
        if let Some((a, b)) = id.split_once('-') {
            let a = parse_id(a, line)?;
            let b = parse_id(b, line)?;
            if a == 0 || b < a {
                return Err(err(line, format!("bad multiword range '{id}'")));
            }
            if a as usize != cur.words.len() + 1 {
                return Err(err(
                    line,
                    format!("multiword range '{id}' does not start at the next word"),
                ));
            }
            cur.multiword
                .push((a, b, cols[1].to_string(), cols[9].to_string()));
            continue;
        }
        let id = parse_id(id, line)?;
        if id as usize != cur.words.len() + 1 {
            return Err(err(
                line,
                format!(
                    "word id {id} out of sequence (expected {})",
                    cur.words.len() + 1
                ),
            ));
        }
        let head = if cols[6] == "_" {
            return Err(err(line, "missing head"));
        } else {
            parse_id(cols[6], line).map_err(|_| err(line, format!("bad head '{}'", cols[6])))?
        };
        cur.words.push(ConlluWord {
            id,
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        });
        head_lines.push(line);
    }
    if started {
        finish(&mut cur, &mut head_lines, &mut out, last_line + 1)?;
    }
    Ok(out)
}

fn col(out: &mut String, s: &str) {
    if s.is_empty() {
        out.push('_');
    } else {
        // Tabs and newlines would break the format.
        for c in s.chars() {
            out.push(if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            });
        }
    }
}

/// Appends one sentence in CoNLL-U format (10 columns, blank line after the sentence).
pub fn write(out: &mut String, s: &ConlluSentence) {
    use std::fmt::Write as _;
    for c in &s.comments {
        out.push_str("# ");
        col(out, c);
        out.push('\n');
    }
    let mut mw = s.multiword.iter().peekable();
    for w in &s.words {
        while let Some(&&(a, b, ref form, ref misc)) = mw.peek() {
            if a > w.id {
                break;
            }
            if a == w.id {
                let _ = write!(out, "{a}-{b}\t");
                col(out, form);
                out.push_str("\t_\t_\t_\t_\t_\t_\t_\t");
                col(out, misc);
                out.push('\n');
            }
            mw.next();
        }
        let _ = write!(out, "{}\t", w.id);
        for (i, c) in [&w.form, &w.lemma, &w.upos, &w.xpos, &w.feats]
            .into_iter()
            .enumerate()
        {
            let _ = i;
            col(out, c);
            out.push('\t');
        }
        let _ = write!(out, "{}\t", w.head);
        col(out, &w.deprel);
        out.push('\t');
        col(out, &w.deps);
        out.push('\t');
        col(out, &w.misc);
        out.push('\n');
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# sent_id = a\n# text = I don't know.\n1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t4:nsubj\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No\n4.1\tx\tx\tX\tX\t_\t_\t_\t4:dep\t_\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t0:root\t_\n\n";

    #[test]
    fn round_trip() {
        let s = parse(DOC).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words.len(), 5);
        assert_eq!(
            s[0].multiword,
            vec![(2, 3, "don't".to_string(), "_".to_string())]
        );
        assert_eq!(s[0].comments[0], "sent_id = a");
        assert_eq!(s[0].words[3].head, 0);
        let mut out = String::new();
        for x in &s {
            write(&mut out, x);
        }
        let again = parse(&out).unwrap();
        assert_eq!(again, s);
        // Without the empty node the output equals the input.
        assert_eq!(out, DOC.replace("4.1\tx\tx\tX\tX\t_\t_\t_\t4:dep\t_\n", ""));
    }

    #[test]
    fn errors_have_line_numbers() {
        let bad_cols = "1\tI\tI\tPRON\n";
        let e = parse(bad_cols).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("columns"));
        let bad_id = "# c\n1\ta\ta\tX\tX\t_\t0\troot\t_\t_\nx\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n";
        assert_eq!(parse(bad_id).unwrap_err().line, 3);
        let seq = "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n3\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n";
        assert_eq!(parse(seq).unwrap_err().line, 2);
        let head = "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n2\tb\tb\tX\tX\t_\t7\tdep\t_\t_\n\n";
        let e = parse(head).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("head"));
        let head2 = "1\ta\ta\tX\tX\t_\tq\troot\t_\t_\n";
        assert_eq!(parse(head2).unwrap_err().line, 1);
        let mw = "1-0\tab\t_\t_\t_\t_\t_\t_\t_\t_\n";
        assert_eq!(parse(mw).unwrap_err().line, 1);
        assert!(parse("").unwrap().is_empty());
        assert!(parse("\n\n").unwrap().is_empty());
        assert_eq!(parse("# only comment\n\n").unwrap_err().line, 2);
        // Messages are lowercase.
        assert_eq!(e.message, e.message.to_lowercase());
    }
}

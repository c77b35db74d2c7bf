//! Segmentation scoring against a gold UD treebank, CoNLL 2018 shared-task style.
//!
//! [`read_conllu`] rebuilds the raw text of a CoNLL-U file (tokens joined by a space unless
//! `SpaceAfter=No`, sentences of a paragraph joined by a space, paragraphs and documents
//! separated by a blank line) together with the gold spans of its surface tokens, syntactic
//! words and sentences. [`score_segmentation`] then counts a predicted span as correct when it
//! equals a gold span exactly. The reader only understands what segmentation needs, so that
//! the text crate does not depend on the syntax crate's full CoNLL-U model.

use detente_core::TextRange;

use crate::{Document, TextError};

/// Precision, recall and F1 counts for one kind of span.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prf {
    /// Gold spans.
    pub gold: usize,
    /// Predicted spans.
    pub predicted: usize,
    /// Predicted spans that equal a gold span.
    pub correct: usize,
}

impl Prf {
    /// Correct / predicted, in 0..=1 (1 when nothing was predicted and nothing was gold).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted, self.gold)
    }

    /// Correct / gold, in 0..=1.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold, self.predicted)
    }

    /// Harmonic mean of precision and recall, in 0..=1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(num: usize, den: usize, other: usize) -> f64 {
    if den == 0 {
        if other == 0 {
            1.0
        } else {
            0.0
        }
    } else {
        num as f64 / den as f64
    }
}

/// Segmentation scores of a prediction against gold spans.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SegmentationScores {
    /// Surface tokens (multiword tokens count once).
    pub tokens: Prf,
    /// Syntactic words (the parts of multiword tokens are matched by their spans).
    pub words: Prf,
    /// Sentences, from their first to their last token.
    pub sentences: Prf,
}

/// Raw text rebuilt from a treebank, with its gold segmentation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoldSegmentation {
    /// The rebuilt raw text.
    pub text: String,
    /// Surface tokens, in text order.
    pub tokens: Vec<TextRange>,
    /// Syntactic words, in text order. A word of a multiword token gets its own sub-span when
    /// the word forms spell the token (e.g. "do" + "n't"); otherwise it gets the token's span.
    pub words: Vec<TextRange>,
    /// Sentences, in text order.
    pub sentences: Vec<TextRange>,
}

/// Why a treebank could not be read or segmented.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EvalError {
    /// A line of the CoNLL-U input is malformed.
    #[error("line {line}: {msg}")]
    Syntax {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        msg: String,
    },
    /// The rebuilt text could not be split.
    #[error(transparent)]
    Text(#[from] TextError),
}

/// Reads CoNLL-U and rebuilds the raw text with gold token, word and sentence spans.
pub fn read_conllu(conllu: &str) -> Result<GoldSegmentation, EvalError> {
    let mut gold = GoldSegmentation::default();
    // Separator to write before the next sentence: None at the start of the text.
    let mut pending_break: Option<&str> = None;
    let mut in_sentence = false;
    let mut sent_start = 0usize;
    let mut space_after = true;
    let mut mwt_end = 0u64; // last word id covered by the current multiword token
    let mut mwt_words: Vec<String> = Vec::new();
    let mut mwt_span = TextRange::default();
    let mut mwt_expected = 0usize;
    let mut new_par = true; // the next sentence starts a paragraph

    let err = |line: usize, msg: &str| EvalError::Syntax {
        line,
        msg: msg.to_string(),
    };

    for (line_idx, line) in conllu.lines().enumerate() {
        let line_no = line_idx + 1;
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if in_sentence {
                if !mwt_words.is_empty() || mwt_expected > 0 {
                    return Err(err(line_no, "sentence ends inside a multiword token"));
                }
                if gold.text.len() > sent_start {
                    gold.sentences
                        .push(TextRange::from_usize(sent_start, gold.text.len()));
                }
                in_sentence = false;
                mwt_end = 0;
                pending_break = None;
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim_start();
            if comment.starts_with("newdoc") || comment.starts_with("newpar") {
                new_par = true;
            }
            continue;
        }
        if !in_sentence {
            in_sentence = true;
            if !gold.text.is_empty() {
                let sep = if new_par { "\n\n" } else { " " };
                pending_break = Some(sep);
            }
            new_par = false;
            space_after = true;
            sent_start = usize::MAX;
        }
        let mut cols = line.split('\t');
        let id = cols.next().unwrap_or("");
        let form = cols
            .next()
            .ok_or_else(|| err(line_no, "expected 10 tab-separated columns"))?;
        let misc = cols
            .nth(7)
            .ok_or_else(|| err(line_no, "expected 10 tab-separated columns"))?;
        if id.contains('.') {
            continue; // empty node: not in the text
        }
        let no_space = misc.split('|').any(|m| m == "SpaceAfter=No");
        if let Some((a, b)) = id.split_once('-') {
            let a: u64 = a
                .parse()
                .map_err(|_| err(line_no, "bad multiword token id"))?;
            let b: u64 = b
                .parse()
                .map_err(|_| err(line_no, "bad multiword token id"))?;
            if b < a {
                return Err(err(line_no, "multiword token range ends before it starts"));
            }
            let span = push_token(
                &mut gold,
                form,
                &mut pending_break,
                &mut space_after,
                no_space,
                &mut sent_start,
            );
            mwt_end = b;
            mwt_span = span;
            mwt_expected = (b - a + 1) as usize;
            mwt_words.clear();
            continue;
        }
        let id: u64 = id.parse().map_err(|_| err(line_no, "bad word id"))?;
        if id <= mwt_end {
            mwt_words.push(form.to_string());
            if mwt_words.len() == mwt_expected {
                push_mwt_words(&mut gold, mwt_span, &mwt_words);
                mwt_words.clear();
                mwt_expected = 0;
            }
            continue;
        }
        if mwt_expected > 0 {
            return Err(err(line_no, "multiword token is missing some of its words"));
        }
        let span = push_token(
            &mut gold,
            form,
            &mut pending_break,
            &mut space_after,
            no_space,
            &mut sent_start,
        );
        gold.words.push(span);
    }
    if in_sentence {
        if mwt_expected > 0 {
            return Err(err(
                conllu.lines().count(),
                "input ends inside a multiword token",
            ));
        }
        if gold.text.len() > sent_start {
            gold.sentences
                .push(TextRange::from_usize(sent_start, gold.text.len()));
        }
    }
    if u32::try_from(gold.text.len()).is_err() {
        return Err(TextError::TooLong {
            len: gold.text.len(),
        }
        .into());
    }
    Ok(gold)
}

/// Appends a surface token to the text and to the gold tokens, notes where the sentence
/// starts if it is the first token, and returns its span.
fn push_token(
    gold: &mut GoldSegmentation,
    form: &str,
    pending: &mut Option<&str>,
    space_after: &mut bool,
    no_space: bool,
    sent_start: &mut usize,
) -> TextRange {
    if let Some(sep) = pending.take() {
        gold.text.push_str(sep);
    } else if !*space_after && !gold.text.is_empty() {
        // glued to the previous token
    } else if !gold.text.is_empty() && !gold.text.ends_with(['\n', ' ']) {
        gold.text.push(' ');
    }
    let start = gold.text.len();
    gold.text.push_str(form);
    *space_after = !no_space;
    if *sent_start == usize::MAX {
        *sent_start = start;
    }
    let span = TextRange::from_usize(start, gold.text.len());
    gold.tokens.push(span);
    span
}

/// Gives the words of a multiword token sub-spans when their forms spell the token.
fn push_mwt_words(gold: &mut GoldSegmentation, span: TextRange, words: &[String]) {
    let token = span.slice(&gold.text);
    let total: usize = words.iter().map(String::len).sum();
    let spells = total == token.len() && {
        let mut at = 0;
        words.iter().all(|w| {
            let ok = token
                .get(at..at + w.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(w));
            at += w.len();
            ok
        })
    };
    let mut at = span.start;
    for w in words {
        if spells {
            gold.words.push(TextRange::new(at, at + w.len() as u32));
            at += w.len() as u32;
        } else {
            gold.words.push(span);
        }
    }
}

/// Scores a predicted segmentation of `gold.text` against the gold spans.
pub fn score_segmentation(gold: &GoldSegmentation, predicted: &Document) -> SegmentationScores {
    let text = gold.text.as_str();
    let mut tokens = Vec::new();
    let mut words = Vec::new();
    let mut sentences = Vec::new();
    for s in &predicted.sentences {
        tokens.extend(s.tokens.iter().map(|&r| trim(text, r)));
        words.extend(s.words.iter().map(|w| trim(text, w.range)));
        sentences.push(trim(text, s.range));
    }
    let trimmed = |v: &[TextRange]| v.iter().map(|&r| trim(text, r)).collect::<Vec<_>>();
    SegmentationScores {
        tokens: prf(&trimmed(&gold.tokens), tokens),
        words: prf(&trimmed(&gold.words), words),
        sentences: prf(&trimmed(&gold.sentences), sentences),
    }
}

/// Reads a CoNLL-U treebank, splits its rebuilt raw text with [`crate::split`] and scores it.
pub fn evaluate_conllu(conllu: &str) -> Result<SegmentationScores, EvalError> {
    let gold = read_conllu(conllu)?;
    let doc = crate::split(&gold.text)?;
    Ok(score_segmentation(&gold, &doc))
}

/// Removes surrounding whitespace from a span (gold tokens may contain spaces at the edges).
fn trim(text: &str, r: TextRange) -> TextRange {
    let s = r.slice(text);
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    TextRange::from_usize(r.start as usize + lead, r.start as usize + lead + t.len())
}

/// Counts exact span matches between two multisets of spans.
fn prf(gold: &[TextRange], mut pred: Vec<TextRange>) -> Prf {
    let mut gold = gold.to_vec();
    gold.sort_unstable();
    pred.sort_unstable();
    let (mut i, mut j, mut correct) = (0, 0, 0);
    while i < gold.len() && j < pred.len() {
        match gold[i].cmp(&pred[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                correct += 1;
                i += 1;
                j += 1;
            }
        }
    }
    Prf {
        gold: gold.len(),
        predicted: pred.len(),
        correct,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# newpar id = p1\n# text = I don't know.\n\
1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n\
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
4.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n\
5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n\
# text = Fine.\n\
1\tFine\tfine\tADJ\tJJ\t_\t0\troot\t_\tSpaceAfter=No\n\
2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n\
# newpar id = p2\n# text = Next para\n\
1\tNext\tnext\tADJ\tJJ\t_\t2\tamod\t_\t_\n\
2\tpara\tpara\tNOUN\tNN\t_\t0\troot\t_\t_\n\n";

    #[test]
    fn rebuilds_text_and_spans() {
        let gold = read_conllu(SAMPLE).unwrap();
        assert_eq!(gold.text, "I don't know. Fine.\n\nNext para");
        let forms = |v: &[TextRange]| {
            v.iter()
                .map(|r| r.slice(&gold.text).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            forms(&gold.tokens),
            ["I", "don't", "know", ".", "Fine", ".", "Next", "para"]
        );
        assert_eq!(
            forms(&gold.words),
            ["I", "do", "n't", "know", ".", "Fine", ".", "Next", "para"]
        );
        assert_eq!(
            forms(&gold.sentences),
            ["I don't know.", "Fine.", "Next para"]
        );
    }

    #[test]
    fn perfect_prediction_scores_one() {
        let scores = evaluate_conllu(SAMPLE).unwrap();
        assert_eq!(scores.tokens.f1(), 1.0);
        assert_eq!(scores.words.f1(), 1.0);
        assert_eq!(scores.sentences.f1(), 1.0);
    }

    #[test]
    fn malformed_lines_report_their_number() {
        let bad = "# text = x\n1\tx\n";
        assert_eq!(
            read_conllu(bad),
            Err(EvalError::Syntax {
                line: 2,
                msg: "expected 10 tab-separated columns".into()
            })
        );
        let bad_id = "1\tx\t_\t_\t_\t_\t_\t_\t_\t_\nz\ty\t_\t_\t_\t_\t_\t_\t_\t_\n";
        assert!(matches!(
            read_conllu(bad_id),
            Err(EvalError::Syntax { line: 2, .. })
        ));
    }
}

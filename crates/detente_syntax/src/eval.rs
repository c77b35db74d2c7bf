//! Word-aligned evaluation of predicted against gold CoNLL-U: UPOS, XPOS, lemma, UAS and
//! LAS (universal relation only, as in the CoNLL 2018 shared task) plus full-label LAS.

use crate::conllu::ConlluSentence;
use thiserror::Error;

/// Accuracy figures in percent, plus raw counts.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    /// Number of words compared.
    pub words: usize,
    /// Number of sentences compared.
    pub sentences: usize,
    /// UPOS accuracy (%).
    pub upos: f64,
    /// XPOS accuracy (%).
    pub xpos: f64,
    /// Lemma accuracy (%), exact string match.
    pub lemma: f64,
    /// Unlabelled attachment score (%).
    pub uas: f64,
    /// Labelled attachment score (%), comparing the universal part of the label.
    pub las: f64,
    /// Labelled attachment score (%), comparing full labels with subtypes.
    pub las_full: f64,
    /// Correct counts in the order upos, xpos, lemma, uas, las, las_full.
    pub correct: [usize; 6],
}

/// Gold and predicted data do not align.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0}")]
pub struct AlignError(pub String);

fn universal(l: &str) -> &str {
    l.split(':').next().unwrap_or(l)
}

/// Scores `pred` against `gold`; both must have the same sentences and words.
pub fn score(gold: &[ConlluSentence], pred: &[ConlluSentence]) -> Result<Scores, AlignError> {
    if gold.len() != pred.len() {
        return Err(AlignError(format!(
            "gold has {} sentences, prediction has {}",
            gold.len(),
            pred.len()
        )));
    }
    let mut c = [0usize; 6];
    let mut n = 0usize;
    for (si, (g, p)) in gold.iter().zip(pred).enumerate() {
        if g.words.len() != p.words.len() {
            return Err(AlignError(format!(
                "sentence {}: gold has {} words, prediction has {}",
                si + 1,
                g.words.len(),
                p.words.len()
            )));
        }
        for (wi, (gw, pw)) in g.words.iter().zip(&p.words).enumerate() {
            if gw.form != pw.form {
                return Err(AlignError(format!(
                    "sentence {}, word {}: gold form '{}' differs from predicted '{}'",
                    si + 1,
                    wi + 1,
                    gw.form,
                    pw.form
                )));
            }
            n += 1;
            c[0] += (gw.upos == pw.upos) as usize;
            c[1] += (gw.xpos == pw.xpos) as usize;
            c[2] += (gw.lemma == pw.lemma) as usize;
            if gw.head == pw.head {
                c[3] += 1;
                c[4] += (universal(&gw.deprel) == universal(&pw.deprel)) as usize;
                c[5] += (gw.deprel == pw.deprel) as usize;
            }
        }
    }
    let pct = |k: usize| 100.0 * k as f64 / n.max(1) as f64;
    Ok(Scores {
        words: n,
        sentences: gold.len(),
        upos: pct(c[0]),
        xpos: pct(c[1]),
        lemma: pct(c[2]),
        uas: pct(c[3]),
        las: pct(c[4]),
        las_full: pct(c[5]),
        correct: c,
    })
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} sentences, {} words: UPOS {:.2}  XPOS {:.2}  Lemma {:.2}  UAS {:.2}  LAS {:.2}  LAS(full) {:.2}",
            self.sentences, self.words, self.upos, self.xpos, self.lemma, self.uas, self.las, self.las_full
        )
    }
}

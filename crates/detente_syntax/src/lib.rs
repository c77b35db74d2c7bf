//! Syntax stage: POS tagging, lemmatization and dependency parsing, trained on UD English EWT.
//!
//! * [`conllu`] reads and writes CoNLL-U.
//! * [`Model`] bundles a greedy averaged-perceptron tagger (joint UPOS+XPOS), a
//!   rule/lookup lemmatizer and an arc-hybrid labelled dependency parser;
//!   [`Model::analyze`] runs all three on a pre-tokenised sentence.
//! * [`train()`] trains a model deterministically from CoNLL-U; [`eval::score`] scores
//!   predictions against gold data.
//! * [`Model::builtin`] returns the committed model `models/en_ewt.model` when it was
//!   present at build time.

pub mod conllu;
pub mod eval;
mod features;
mod hash;
mod lemma;
mod model;
mod parser;
mod tagger;
mod train;
mod weights;

pub use conllu::{ConlluError, ConlluSentence, ConlluWord};
pub use eval::{AlignError, Scores};
pub use model::{
    DeprelId, LoadError, Model, Upos, WordAnalysis, Workspace, XposId, FORMAT_VERSION,
};
pub use train::{train, TrainConfig};

impl Model {
    /// Analyses every sentence of `gold` using its word forms (gold tokenisation) and
    /// returns copies with predicted UPOS, XPOS, lemma, head and deprel (other columns
    /// kept). Handy for evaluation.
    pub fn annotate(&self, gold: &[ConlluSentence]) -> Vec<ConlluSentence> {
        let mut ws = Workspace::default();
        let mut out = Vec::new();
        gold.iter()
            .map(|s| {
                let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                self.analyze_with(&forms, &mut ws, &mut out);
                let mut p = s.clone();
                for (w, a) in p.words.iter_mut().zip(&out) {
                    w.upos = a.upos.as_str().to_string();
                    w.xpos = self.xpos_str(a.xpos).to_string();
                    w.lemma = a.lemma.clone();
                    w.head = a.head;
                    w.deprel = self.deprel_str(a.deprel).to_string();
                }
                p
            })
            .collect()
    }
}

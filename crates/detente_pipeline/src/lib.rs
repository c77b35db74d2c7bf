//! Wires the stages together: text → sentences and words → tags, lemmas and dependencies.
//!
//! This is the only crate that knows the order of the stages. Later stages (actors, events)
//! read the result through [`AnalyzedDocument::tagged`], a view made of `detente_core`
//! types, so they need not depend on the parser's own types.

use detente_core::{Sentence, TaggedWord, TextRange};
use detente_syntax::{Model, WordAnalysis, Workspace};
use detente_text::TextError;

/// An article after the text and syntax stages.
pub struct AnalyzedDocument<'a> {
    text: &'a str,
    model: &'a Model,
    /// Sentences with their tokens and words, as the text stage made them.
    pub sentences: Vec<Sentence>,
    /// The wire dateline at the start of the article, if any; not part of any sentence.
    pub dateline: Option<TextRange>,
    /// One analysis per word of each sentence (same order as `sentences`).
    pub analyses: Vec<Vec<WordAnalysis>>,
}

/// Splits, tags and parses `text` with `model`.
///
/// Fails only for texts of 4 GiB or more; otherwise never fails and never panics.
pub fn analyze<'a>(model: &'a Model, text: &'a str) -> Result<AnalyzedDocument<'a>, TextError> {
    let doc = detente_text::split(text)?;
    let mut workspace = Workspace::default();
    let mut analyses = Vec::with_capacity(doc.sentences.len());
    let mut forms = Vec::new();
    for sentence in &doc.sentences {
        forms.clear();
        forms.extend(sentence.words.iter().map(|w| w.range.slice(text)));
        let mut out = Vec::with_capacity(forms.len());
        model.analyze_with(&forms, &mut workspace, &mut out);
        analyses.push(out);
    }
    Ok(AnalyzedDocument {
        text,
        model,
        sentences: doc.sentences,
        dateline: doc.dateline,
        analyses,
    })
}

impl<'a> AnalyzedDocument<'a> {
    /// The article text the ranges point into.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The words of sentence `sent_idx` with their analyses, as stage-neutral views.
    ///
    /// Panics if `sent_idx` is out of range.
    pub fn tagged(&self, sent_idx: usize) -> Vec<TaggedWord<'_>> {
        let sentence = &self.sentences[sent_idx];
        sentence
            .words
            .iter()
            .zip(&self.analyses[sent_idx])
            .map(|(word, analysis)| TaggedWord {
                range: word.range,
                form: word.range.slice(self.text),
                lemma: &analysis.lemma,
                upos: analysis.upos.as_str(),
                xpos: self.model.xpos_str(analysis.xpos),
                head: analysis.head,
                deprel: self.model.deprel_str(analysis.deprel),
            })
            .collect()
    }
}

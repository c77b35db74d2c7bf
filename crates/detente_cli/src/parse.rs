//! `detente parse`: raw text or CoNLL-U in, CoNLL-U with predicted annotation out.
//!
//! From raw text every token records where it came from (`TokenRange=start:end` in MISC,
//! in code points), so the output can always be traced back to the input.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use detente_core::{CharOffsets, Sentence};
use detente_syntax::conllu::{self, ConlluSentence, ConlluWord};
use detente_syntax::Model;

use crate::input::{load_model, read_text};
use crate::output::{one_line, write_stdout};
use crate::{ParseArgs, ParseInput};

pub(crate) fn run(args: &ParseArgs) -> anyhow::Result<ExitCode> {
    let model = load_model(args.model.as_ref())?;
    let (name, text) = read_text(args.file.as_deref())?;
    let out = match args.input {
        ParseInput::Text => parse_text(model.get(), &doc_name(args.file.as_deref()), &text)?,
        ParseInput::Conllu => {
            let sentences = conllu::parse(&text).with_context(|| format!("reading {name}"))?;
            parse_conllu(model.get(), &sentences)
        }
    };
    write_stdout(&out)
}

/// The document id for a file: its stem, or `stdin`.
pub(crate) fn doc_name(path: Option<&Path>) -> String {
    path.and_then(|p| p.file_stem())
        .map_or_else(|| "stdin".to_string(), |s| s.to_string_lossy().into_owned())
}

/// Splits, tags and parses `text`, returning CoNLL-U.
pub(crate) fn parse_text(model: &Model, doc_id: &str, text: &str) -> anyhow::Result<String> {
    let doc = detente_pipeline::analyze(model, text).context("splitting text")?;
    let offsets = CharOffsets::new(text);
    let mut out = String::with_capacity(text.len() * 8);
    out.push_str(&format!("# newdoc id = {doc_id}\n"));
    if let Some(dateline) = doc.dateline {
        out.push_str(&format!(
            "# dateline = {}\n",
            one_line(dateline.slice(text))
        ));
    }
    for (sent_idx, sentence) in doc.sentences.iter().enumerate() {
        let mut conllu_sentence = raw_sentence(text, &offsets, sentence);
        conllu_sentence
            .comments
            .insert(0, format!("sent_id = {doc_id}-{sent_idx}"));
        for (word, tagged) in conllu_sentence.words.iter_mut().zip(doc.tagged(sent_idx)) {
            word.upos = tagged.upos.to_string();
            word.xpos = tagged.xpos.to_string();
            word.lemma = tagged.lemma.to_string();
            word.head = tagged.head;
            word.deprel = tagged.deprel.to_string();
        }
        conllu::write(&mut out, &conllu_sentence);
    }
    Ok(out)
}

/// Re-annotates gold-tokenized sentences, keeping ids, forms, comments and MISC.
pub(crate) fn parse_conllu(model: &Model, sentences: &[ConlluSentence]) -> String {
    let mut out = String::new();
    for sentence in predict_conllu(model, sentences) {
        conllu::write(&mut out, &sentence);
    }
    out
}

/// Predicts annotation for gold-tokenized sentences; features and enhanced dependencies,
/// which the model does not predict, are blanked rather than passed through from the input.
pub(crate) fn predict_conllu(model: &Model, sentences: &[ConlluSentence]) -> Vec<ConlluSentence> {
    let mut pred = model.annotate(sentences);
    for word in pred.iter_mut().flat_map(|s| s.words.iter_mut()) {
        word.feats = "_".to_string();
        word.deps = "_".to_string();
    }
    pred
}

/// Builds the CoNLL-U skeleton (ids, forms, multiword tokens, MISC) of a raw-text sentence.
fn raw_sentence(text: &str, offsets: &CharOffsets, sentence: &Sentence) -> ConlluSentence {
    let mut out = ConlluSentence {
        comments: vec![format!("text = {}", one_line(sentence.range.slice(text)))],
        ..ConlluSentence::default()
    };
    let mut word_idx = 0;
    for (token_idx, token) in sentence.tokens.iter().enumerate() {
        let first = word_idx;
        while word_idx < sentence.words.len()
            && sentence.words[word_idx].token as usize == token_idx
        {
            word_idx += 1;
        }
        let no_space = sentence
            .tokens
            .get(token_idx + 1)
            .is_some_and(|next| next.start == token.end);
        let mut misc = Vec::new();
        if no_space {
            misc.push("SpaceAfter=No".to_string());
        }
        misc.push(format!(
            "TokenRange={}:{}",
            offsets.char_offset(token.start),
            offsets.char_offset(token.end)
        ));
        let misc = misc.join("|");
        let words = &sentence.words[first..word_idx];
        if words.len() > 1 {
            out.multiword.push((
                first as u32 + 1,
                word_idx as u32,
                token.slice(text).to_string(),
                misc,
            ));
            for (k, word) in words.iter().enumerate() {
                out.words.push(blank_word(
                    first + k + 1,
                    word.range.slice(text),
                    "_".to_string(),
                ));
            }
        } else {
            let form = words
                .first()
                .map_or(token.slice(text), |w| w.range.slice(text));
            out.words.push(blank_word(first + 1, form, misc));
        }
    }
    out
}

fn blank_word(id: usize, form: &str, misc: String) -> ConlluWord {
    ConlluWord {
        id: id as u32,
        form: form.to_string(),
        lemma: "_".to_string(),
        upos: "_".to_string(),
        xpos: "_".to_string(),
        feats: "_".to_string(),
        head: 0,
        deprel: "_".to_string(),
        deps: "_".to_string(),
        misc,
    }
}

//! Integration tests of the text stage: properties that must hold for any input
//! (losslessness, well-formed ranges), robustness on degenerate and huge inputs, the seed
//! article, and segmentation accuracy on UD English-EWT when the shared data is present.

use std::path::PathBuf;

use detente_text::{check_invariants, split};
use proptest::prelude::*;

/// Path under the shared folder next to the repository, if it exists.
fn shared(rel: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipping: ../shared not found");
        None
    }
}

#[track_caller]
fn assert_valid(text: &str) -> detente_text::Document {
    let doc = split(text).expect("text under 4 GiB");
    if let Err(msg) = check_invariants(text, &doc) {
        panic!("{msg}\ninput: {text:?}");
    }
    doc
}

#[test]
fn empty_and_whitespace_inputs_have_no_sentences() {
    for text in ["", " ", "\n\n\n", " \t\r\n\u{a0}\u{2028}\u{3000} "] {
        let doc = assert_valid(text);
        assert!(doc.sentences.is_empty(), "{text:?}");
        assert_eq!(doc.dateline, None);
    }
}

#[test]
fn odd_inputs_stay_valid() {
    let cases = [
        "!!!???...,,,;;;---———…………",
        "\u{301}\u{301}a\u{301} \u{200d}\u{fe0f}",
        "\u{0}\u{1}\u{7f}\u{9f} x\u{0}y",
        "مرحبا بالعالم. שלום עולם! \u{202e}abc\u{202c}",
        "👨‍👩‍👧 🇸🇾 ❤️ 🙂:) :-( <3",
        "'''' ’’’ ‘‘ \"\" `` «» ‹›",
        "http:// www. @ # $ % & mailto: https://(a)[b]",
        "a.b.c.d.e.f 1.2.3.4 1,2,3,4,567 12:30:45:6 1/2/3/4/5 -1-2-3-4-5- e-e-e-e",
        "X. Y. Z. A. B. C. Gen. Mr. U.S. Inc. No. No.",
        "DAMASCUS -",
        "A -",
        "NEW YORK, (",
    ];
    for text in cases {
        assert_valid(text);
    }
}

#[test]
fn five_megabyte_single_line() {
    let unit = "The U.S. envoy's talks, worth $1.5 billion (3.5%), didn't end — “really” ";
    let text: String = unit.repeat(5_000_000 / unit.len() + 1);
    let doc = assert_valid(&text);
    assert!(doc.sentences.len() > 1, "long sentences are cut");
    let no_punct = "word ".repeat(1_000_000);
    let doc = assert_valid(&no_punct);
    assert_eq!(doc.sentences.len(), 1000);
}

#[test]
fn seed_article_sentences() {
    let Some(path) = shared("seed/israel-syria-talks.txt") else {
        return;
    };
    let text = std::fs::read_to_string(path).expect("readable seed article");
    let doc = assert_valid(&text);
    // 22 lines, one sentence per line except one broken across two lines.
    assert_eq!(doc.sentences.len(), 21);
    let broken = doc
        .sentences
        .iter()
        .find(|s| {
            s.range
                .slice(&text)
                .contains("U.S. President\nDonald Trump")
        })
        .expect("the line break inside a sentence is not a boundary");
    assert!(broken.range.slice(&text).ends_with("towards Syria."));
    assert_eq!(doc.dateline, None);
}

#[test]
fn ewt_test_segmentation_scores() {
    let Some(path) = shared("data/ud/UD_English-EWT/en_ewt-ud-test.conllu") else {
        return;
    };
    let conllu = std::fs::read_to_string(path).expect("readable treebank");
    let scores = detente_text::eval::evaluate_conllu(&conllu).expect("well-formed treebank");
    let (tok, word, sent) = (
        scores.tokens.f1() * 100.0,
        scores.words.f1() * 100.0,
        scores.sentences.f1() * 100.0,
    );
    eprintln!("EWT test: token F1 {tok:.2}, word F1 {word:.2}, sentence F1 {sent:.2}");
    assert!(tok >= 97.0, "token F1 {tok:.2}");
    assert!(word >= 96.0, "word F1 {word:.2}");
    assert!(sent >= 75.0, "sentence F1 {sent:.2}");
}

/// Text built from fragments that exercise the tokenizer's special cases.
fn newsy_text() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("U.S.".to_string()),
        Just("Gen.".to_string()),
        Just("Israel's".to_string()),
        Just("don’t".to_string()),
        Just("states'".to_string()),
        Just("Al-Sharaa".to_string()),
        Just("$1.5".to_string()),
        Just("3.5%".to_string()),
        Just("10:30".to_string()),
        Just("2025-05-28".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("—".to_string()),
        Just("…".to_string()),
        Just("https://x.org/a(b)".to_string()),
        Just("a@b.com".to_string()),
        Just(":)".to_string()),
        Just("DAMASCUS, May 28 (Reuters) -".to_string()),
        "[a-zA-Z]{1,8}",
        "[0-9.,:/'’-]{1,6}",
        "[ \n\t]{1,3}",
        "[.!?\"'()«»]{1,3}",
        "\\PC{1,4}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(fragment, 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn tokenization_is_lossless_on_newsy_text(text in newsy_text()) {
        let doc = split(&text).unwrap();
        prop_assert_eq!(check_invariants(&text, &doc), Ok(()));
    }

    #[test]
    fn tokenization_is_lossless_on_any_string(text in any::<String>()) {
        let doc = split(&text).unwrap();
        prop_assert_eq!(check_invariants(&text, &doc), Ok(()));
    }

    #[test]
    fn sentences_and_words_are_ordered(text in newsy_text()) {
        let doc = split(&text).unwrap();
        let mut prev_end = 0;
        for s in &doc.sentences {
            prop_assert!(s.range.start >= prev_end);
            prev_end = s.range.end;
            prop_assert!(s.words.len() >= s.tokens.len());
            prop_assert!(s.words.windows(2).all(|w| w[0].range.end <= w[1].range.start && w[0].token <= w[1].token));
        }
    }
}

//! Data-driven unit tests: each case is an input text and the expected dump of the split.
//!
//! The dump has one sentence per line, tokens separated by spaces and the words of a
//! multi-word token separated by `|` ("Israel|'s"), so a case reads like the tokenization it
//! expects. A dateline is dumped first as `[dateline] ...`.

use crate::split;

/// Renders a split for comparison.
pub(crate) fn dump(text: &str) -> String {
    let doc = split(text).expect("test inputs are small");
    let mut out = String::new();
    let mut dateline = doc.dateline;
    for s in &doc.sentences {
        if let Some(d) = dateline.filter(|d| d.start < s.range.start) {
            out.push_str("[dateline] ");
            out.push_str(d.slice(text));
            out.push('\n');
            dateline = None;
        }
        let mut first = true;
        for (tok_idx, tok) in s.tokens.iter().enumerate() {
            if !first {
                out.push(' ');
            }
            first = false;
            let words: Vec<&str> = s
                .words
                .iter()
                .filter(|w| w.token as usize == tok_idx)
                .map(|w| w.range.slice(text))
                .collect();
            if words.len() > 1 {
                out.push_str(&words.join("|"));
            } else {
                out.push_str(tok.slice(text));
            }
        }
        out.push('\n');
    }
    out
}

#[track_caller]
fn check(input: &str, expect: &str) {
    let got = dump(input);
    let expect = expect.trim_start_matches('\n');
    assert_eq!(
        got, expect,
        "\ninput: {input:?}\n--- got ---\n{got}--- expected ---\n{expect}"
    );
}

#[test]
fn abbreviations_and_initials_do_not_end_sentences() {
    check(
        "Gen. Smith met Mr. Jones of the U.N. in St. Louis on Jan. 5 at 10 a.m. and left.",
        "Gen. Smith met Mr. Jones of the U.N. in St. Louis on Jan. 5 at 10 a.m. and left .\n",
    );
    check(
        "J. R. R. Tolkien wrote it. Ph.D. students read No. 5 of Acme Corp. books.",
        "J. R. R. Tolkien wrote it .\nPh.D. students read No. 5 of Acme Corp. books .\n",
    );
    check(
        "He said no. Then he left.",
        "He said no .\nThen he left .\n",
    );
}

#[test]
fn abbreviations_end_sentences_before_a_starter() {
    check(
        "Troops stayed in the U.S. The next day they left.",
        "Troops stayed in the U.S.\nThe next day they left .\n",
    );
    check(
        "He works for Acme Inc. He said so.",
        "He works for Acme Inc.\nHe said so .\n",
    );
    check(
        "They met at 5 p.m. But nothing came of it.",
        "They met at 5 p.m.\nBut nothing came of it .\n",
    );
    check(
        "Talks with U.S. officials resumed.",
        "Talks with U.S. officials resumed .\n",
    );
}

#[test]
fn numbers_money_dates_and_times() {
    check(
        "It cost $1.5 billion, up 3.5% from 1,200 on 28/05/2025 or 2025-05-28 at 10:30, 5 p.m.",
        "It cost $ 1.5 billion , up 3.5 % from 1,200 on 28/05/2025 or 2025-05-28 at 10:30 , 5 p.m.\n",
    );
    check(
        "Call 713-853-3989 between 1969-1970.",
        "Call 713-853-3989 between 1969 - 1970 .\n",
    );
}

#[test]
fn hyphens_follow_ewt() {
    check(
        "Hayat Tahrir Al-Sham's anti-American e-mail was a long-term follow-up.",
        "Hayat Tahrir Al - Sham|'s anti-American e-mail was a long - term follow - up .\n",
    );
    check(
        "O'Brien visited Ma'arrat al-Numan.",
        "O'Brien visited Ma'arrat al - Numan .\n",
    );
}

#[test]
fn possessives_and_clitics_are_words_of_one_token() {
    check(
        "Israel's army don't can't won't I'm they're we've he'd it'll cannot gonna states' arms.",
        "Israel|'s army do|n't ca|n't wo|n't I|'m they|'re we|'ve he|'d it|'ll can|not gon|na states|' arms .\n",
    );
    check(
        "Syria’s envoy didn’t say.",
        "Syria|’s envoy did|n’t say .\n",
    );
}

#[test]
fn quotes_dashes_ellipses_and_brackets() {
    check(
        "“We will not — ever — accept it,” he said (in Arabic)… and «Non».",
        "“ We will not — ever — accept it , ” he said ( in Arabic ) … and « Non » .\n",
    );
    check(
        "He said \"no.\" She agreed.",
        "He said \" no . \"\nShe agreed .\n",
    );
    check(
        "(He left.) Then she came.",
        "( He left . )\nThen she came .\n",
    );
    check(
        "He asked \"why?\" and left.",
        "He asked \" why ? \" and left .\n",
    );
    check("Wait -- what?! Really...", "Wait -- what ?!\nReally ...\n");
}

#[test]
fn web_tokens() {
    check(
        "See https://example.com/a?b=1. Mail jo.doe@example.org or @detente_bot #Syria :)",
        "See https://example.com/a?b=1 .\nMail jo.doe@example.org or @detente_bot #Syria :)\n",
    );
    check("Great :) See you", "Great :)\nSee you\n");
}

#[test]
fn datelines_are_kept_out_of_sentences() {
    check(
        "DAMASCUS, May 28 (Reuters) - Syria said on Tuesday it wants calm.",
        "[dateline] DAMASCUS, May 28 (Reuters) -\nSyria said on Tuesday it wants calm .\n",
    );
    check(
        "WASHINGTON (AP) — The talks began.",
        "[dateline] WASHINGTON (AP) —\nThe talks began .\n",
    );
    check(
        "Talks resume\nBEIRUT, Lebanon — Officials met.",
        "Talks resume\n[dateline] BEIRUT, Lebanon —\nOfficials met .\n",
    );
    check(
        "Talks resume\n\nBEIRUT, Lebanon — Officials met.",
        "Talks resume\n[dateline] BEIRUT, Lebanon —\nOfficials met .\n",
    );
}

#[test]
fn newlines_and_paragraphs() {
    check(
        "talks between U.S. President\nDonald Trump and him.",
        "talks between U.S. President Donald Trump and him .\n",
    );
    check(
        "Israel and Syria hold talks\n\nThe talks began",
        "Israel and Syria hold talks\nThe talks began\n",
    );
    check("One.\r\n\r\nTwo", "One .\nTwo\n");
    check(
        "Demands:\n1. Talks begin. 2. Troops leave.",
        "Demands : 1 . Talks begin .\n2 . Troops leave .\n",
    );
}

#[test]
fn degenerate_inputs() {
    check("", "");
    check(" \n\t \n ", "");
    check("?!...", "?!...\n");
    check(". . .", ". . .\n");
    check(
        "e\u{301}te\u{301} \u{5E9}\u{5DC}\u{5D5}\u{5DD} 😀👍 \u{1}x",
        "e\u{301}te\u{301} \u{5E9}\u{5DC}\u{5D5}\u{5DD} 😀 👍 \u{1} x\n",
    );
}

#[test]
fn wire_story_snapshot() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/test_data");
    for entry in std::fs::read_dir(dir).expect("test_data exists") {
        let path = entry.expect("readable dir").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let input = std::fs::read_to_string(&path).expect("readable case");
            let got = dump(&input);
            let snap = path.with_extension("snap");
            if std::env::var_os("DETENTE_BLESS").is_some() {
                std::fs::write(&snap, &got).expect("writable snapshot");
            }
            let expect = std::fs::read_to_string(&snap).unwrap_or_default();
            assert_eq!(
                got,
                expect,
                "{} differs from its snapshot (rerun with DETENTE_BLESS=1 to update)",
                path.display()
            );
        }
    }
}

#[test]
fn crate_doc_example_holds() {
    let text =
        "DAMASCUS, May 28 (Reuters) - Israel's envoy met U.S. officials.\nThey didn't comment.";
    let doc = split(text).unwrap();
    assert_eq!(
        doc.dateline.unwrap().slice(text),
        "DAMASCUS, May 28 (Reuters) -"
    );
    assert_eq!(doc.sentences.len(), 2);
    assert_eq!(
        doc.sentences[0].word_forms(text)[..3],
        ["Israel", "'s", "envoy"]
    );
}

#[test]
fn too_long_error_message() {
    let err = crate::TextError::TooLong { len: 1 << 32 };
    assert_eq!(
        err.to_string(),
        "text of 4294967296 bytes is too long: the limit is 4 GiB"
    );
}

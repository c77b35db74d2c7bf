//! Properties of the coder on any input: it never panics, and every record's spans lie
//! inside the article and read back the words they claim (code-point offsets).

use std::sync::OnceLock;

use detente_actors::KnowledgeBase;
use detente_dates::EventDate;
use detente_events::{Article, Coder, Event, Lexicon};
use detente_syntax::Model;
use proptest::prelude::*;

fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| detente_actors::builtin().expect("built-in dictionaries load"))
}

fn coder() -> &'static Coder<'static> {
    static C: OnceLock<Coder<'static>> = OnceLock::new();
    C.get_or_init(|| Coder::new(kb(), Lexicon::builtin()))
}

fn code(model: &Model, text: &str) -> Vec<Event> {
    let doc = detente_pipeline::analyze(model, text).expect("texts under 4 GiB split");
    coder().code(
        &doc,
        &Article {
            id: "p",
            text,
            date: EventDate::ymd(2025, 5, 28),
        },
    )
}

fn check_spans(text: &str, events: &[Event]) {
    let chars: Vec<char> = text.chars().collect();
    let read = |s: u32, e: u32| -> String {
        assert!(
            s <= e && (e as usize) <= chars.len(),
            "span {s}..{e} outside the article"
        );
        chars[s as usize..e as usize].iter().collect()
    };
    for ev in events {
        assert_eq!(read(ev.evidence.start, ev.evidence.end), ev.evidence.text);
        assert_eq!(read(ev.source.start, ev.source.end), ev.source.text);
        if let Some(t) = &ev.target {
            assert_eq!(read(t.start, t.end), t.text);
        }
        assert_eq!(ev.root, ev.cameo[..2]);
    }
}

/// Fragments of news sentences, to reach the coder's deeper paths more often than
/// random characters do.
const FRAGMENTS: &[&str] = &[
    "Israel",
    "and",
    "Syria",
    "held talks",
    "with",
    "the",
    "UAE",
    "was mediating",
    "did not",
    "attack",
    "Russian forces",
    "shelled",
    "Kharkiv",
    ",",
    ".",
    "both nations",
    "between",
    "eased its aerial bombardment of",
    "Syrian territory",
    "might",
    "if",
    "said",
    "on Tuesday",
    "in May",
    "since 1967",
    "according to sources",
    "Ahmed al-Sharaa",
    "met",
    "Donald Trump",
    "“",
    "”",
    "’s",
    "was attacked by",
    "it",
    "they",
    "agreed to cooperate",
    "3-1",
    "beat",
    "\n",
    "é",
    "日本",
    "🙂",
    "U.S.",
    "in Quneitra",
    "denied sending troops to",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let Ok(model) = Model::builtin() else { return Ok(()) };
        let events = code(model, &text);
        check_spans(&text, &events);
    }

    #[test]
    fn news_like_text_codes_with_sound_spans(parts in proptest::collection::vec(0..FRAGMENTS.len(), 0..60)) {
        let Ok(model) = Model::builtin() else { return Ok(()) };
        let text: Vec<&str> = parts.iter().map(|&i| FRAGMENTS[i]).collect();
        let text = text.join(" ");
        let events = code(model, &text);
        check_spans(&text, &events);
    }
}

#[test]
fn spans_read_back_on_the_seed_article() {
    let Ok(model) = Model::builtin() else {
        eprintln!("skipping: no built-in model");
        return;
    };
    let Ok(text) = std::fs::read_to_string("../../../shared/seed/israel-syria-talks.txt") else {
        eprintln!("skipping: ../shared not found");
        return;
    };
    let events = code(model, &text);
    assert!(events.len() >= 8, "{} events", events.len());
    check_spans(&text, &events);
}

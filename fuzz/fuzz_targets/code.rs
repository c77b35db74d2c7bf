//! Fuzz target for the whole coding path: arbitrary bytes are analysed and coded with the
//! built-in dictionaries; nothing may panic and every span must read back its text.
//!
//! Run with `cargo fuzz run code` from this folder.

#![no_main]

use std::sync::OnceLock;

use detente_actors::KnowledgeBase;
use detente_events::{Article, Coder, Lexicon};
use libfuzzer_sys::fuzz_target;

fn coder() -> &'static Coder<'static> {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    static C: OnceLock<Coder<'static>> = OnceLock::new();
    let kb = KB.get_or_init(|| detente_actors::builtin().expect("built-in dictionaries"));
    C.get_or_init(|| Coder::new(kb, Lexicon::builtin()))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(model) = detente_syntax::Model::builtin() else {
        return;
    };
    let doc = detente_pipeline::analyze(model, &text).expect("fuzz inputs are far below 4 GiB");
    let article = Article {
        id: "fuzz",
        text: &text,
        date: detente_dates::EventDate::ymd(2025, 5, 28),
    };
    let chars: Vec<char> = text.chars().collect();
    for ev in coder().code(&doc, &article) {
        let span: String = chars[ev.evidence.start as usize..ev.evidence.end as usize]
            .iter()
            .collect();
        assert_eq!(span, ev.evidence.text);
    }
});

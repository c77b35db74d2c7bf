//! Every entry of the built-in lexicon codes its own example sentence: the entry's code
//! comes out with the expected source and target (country or group prefixes), through
//! the real parser and actor recogniser. Failures are listed together, with the file
//! and line of each entry, so a dictionary keeper can fix them in one pass.

use std::sync::OnceLock;

use detente_actors::KnowledgeBase;
use detente_dates::EventDate;
use detente_events::{Article, Coder, Lexicon, Mode};
use detente_syntax::Model;

fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| detente_actors::builtin().expect("built-in dictionaries load"))
}

#[test]
fn every_example_codes_its_entry() {
    let Ok(model) = Model::builtin() else {
        eprintln!("skipping: no built-in model");
        return;
    };
    let lexicon = Lexicon::builtin();
    let entries: Vec<_> = lexicon.entries.clone();
    let coder = Coder::new(kb(), lexicon);
    let date = EventDate::ymd(2025, 6, 1);
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut seen = std::collections::HashSet::new();
    for e in &entries {
        let Some(ex) = &e.example else { continue };
        // Variants of one line (multi-word triggers) share the example.
        if !seen.insert(e.origin.clone()) {
            continue;
        }
        checked += 1;
        let doc = detente_pipeline::analyze(model, &ex.sentence).expect("analyze");
        let events = coder.code(
            &doc,
            &Article {
                id: "example",
                text: &ex.sentence,
                date,
            },
        );
        let code = e.code.as_deref().unwrap_or("");
        let ok = events.iter().any(|ev| {
            ev.cameo == code
                && ev.source.code.starts_with(&ex.source)
                && match &ev.target {
                    Some(t) => t.code.starts_with(&ex.target),
                    None => ex.target == "-",
                }
                && !matches!(ev.mode, Mode::Negated)
        });
        if !ok {
            let got: Vec<String> = events
                .iter()
                .map(|ev| {
                    format!(
                        "{}>{} {} {} ({})",
                        ev.source.code,
                        ev.target.as_ref().map_or("-", |t| t.code.as_str()),
                        ev.cameo,
                        ev.mode.as_str(),
                        ev.pattern
                    )
                })
                .collect();
            failures.push(format!(
                "{} [{code} {}] {:?} expected {} {}; got {:?}",
                e.origin, e.text, ex.sentence, ex.source, ex.target, got
            ));
        }
    }
    if !failures.is_empty() {
        eprintln!("{} of {checked} examples fail:", failures.len());
        for f in &failures {
            eprintln!("  {f}");
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} lexicon examples do not code their entry; see the list above",
        failures.len()
    );
    assert!(checked >= 1500, "only {checked} examples");
}

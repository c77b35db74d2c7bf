//! Fuzz target for the text and syntax stages together: arbitrary bytes are split, tagged and
//! parsed with the built-in model; nothing may panic, every word gets exactly one analysis,
//! and every head points inside its sentence.
//!
//! Run with `cargo fuzz run parse` from this folder.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = detente_text::split(&text).expect("fuzz inputs are far below 4 GiB");
    let Ok(model) = detente_syntax::Model::builtin() else {
        return;
    };
    for sentence in &doc.sentences {
        let forms = sentence.word_forms(&text);
        let analyses = model.analyze(&forms);
        assert_eq!(analyses.len(), forms.len());
        for analysis in &analyses {
            assert!(analysis.head as usize <= forms.len());
        }
    }
});

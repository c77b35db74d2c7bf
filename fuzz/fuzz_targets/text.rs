//! Fuzz target for the text stage: arbitrary bytes must split without panicking, and the
//! result must keep the losslessness invariants (only whitespace outside tokens, ranges in
//! bounds and on character boundaries, words covering their tokens).
//!
//! Run with `cargo fuzz run text` from this folder.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = detente_text::split(&text).expect("fuzz inputs are far below 4 GiB");
    if let Err(msg) = detente_text::check_invariants(&text, &doc) {
        panic!("{msg}");
    }
});

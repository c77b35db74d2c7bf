//! Measures the text stage's throughput on a synthetic news-like text and on adversarial
//! inputs (long runs of one pattern), to catch both slow paths and accidental quadratic
//! behaviour.
//!
//! Usage: `cargo run --release -p detente_text --example speed`.

use std::time::Instant;

fn main() {
    let news = "DAMASCUS, May 28 (Reuters) - Israel's envoy met U.S. officials on Tuesday, \
                officials said. \"We don't expect a deal,\" Gen. Smith told reporters at 5 p.m. \
                The talks, worth $1.5 billion (3.5%), covered 1,200 km of the Al-Sharaa front.\n\n";
    let cases: Vec<(&str, String)> = vec![
        ("news", news.repeat(40_000)),
        ("no spaces", "1.a1.a".repeat(1_000_000)),
        ("ampersands", "a&".repeat(2_000_000)),
        ("digits", format!("{}a", "1".repeat(4_000_000))),
        ("abbrev runs", "No.     ".repeat(500_000)),
        ("apostrophes", "'s'".repeat(1_000_000)),
        ("hyphens", "e-e-".repeat(1_000_000)),
        ("one word", "x".repeat(5_000_000)),
        ("punct", "?!.…\"“”()".repeat(300_000)),
    ];
    for (name, text) in &cases {
        let started = Instant::now();
        let doc = detente_text::split(text).expect("under 4 GiB");
        let secs = started.elapsed().as_secs_f64();
        let n_words: usize = doc.sentences.iter().map(|s| s.words.len()).sum();
        eprintln!(
            "{name:<12} {:>6.1} MB {:>9} words {:>7.3} s {:>12.0} words/s {:>6.1} MB/s",
            text.len() as f64 / 1e6,
            n_words,
            secs,
            n_words as f64 / secs,
            text.len() as f64 / secs / 1e6
        );
    }
}

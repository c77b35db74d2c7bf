//! Prints how the text stage splits standard input: the dateline, then one sentence per line
//! with tokens separated by spaces and the words of a token joined by `|`.
//!
//! Usage: `echo "Israel's envoy met U.S. officials." | cargo run -p detente_text --example dump`.

#![allow(clippy::print_stdout)] // printing the split is the point of this example

use std::io::Read;

fn main() {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .expect("UTF-8 standard input");
    let doc = detente_text::split(&text).expect("input under 4 GiB");
    if let Some(d) = doc.dateline {
        println!("[dateline] {}", d.slice(&text));
    }
    for s in &doc.sentences {
        let line: Vec<String> = s
            .tokens
            .iter()
            .enumerate()
            .map(|(tok_idx, tok)| {
                let words: Vec<&str> = s
                    .words
                    .iter()
                    .filter(|w| w.token as usize == tok_idx)
                    .map(|w| w.range.slice(&text))
                    .collect();
                if words.len() > 1 {
                    words.join("|")
                } else {
                    tok.slice(&text).to_string()
                }
            })
            .collect();
        println!("{}", line.join(" "));
    }
}

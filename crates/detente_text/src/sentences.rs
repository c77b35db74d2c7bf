//! Sentence boundaries and datelines over the scanned token stream.
//!
//! Boundaries are decided by rules written for news English rather than learned: a blank
//! line always ends a sentence (paragraphs and headings), a single newline never does
//! (wire copy wraps lines mid-sentence), and `.`/`!`/`?`/`…` end a sentence, together with
//! the closing quotes and brackets glued to them, unless what follows starts in lowercase or
//! is more punctuation. Abbreviations that can end a sentence ("U.S.", "Inc.", "a.m.") end
//! one only when the next word is a common sentence starter ("The", "He", "But" ...).
//! Datelines ("DAMASCUS, May 28 (Reuters) -") are recognised at the start of the article and
//! kept out of the sentences.

use crate::lexicon;
use crate::scan::{char_at, AbbrevClass, Kind, Tok};

/// Longest sentence the splitter emits; longer runs (e.g. a megabyte without punctuation)
/// are cut so that the quadratic parsing stages downstream stay bounded.
pub(crate) const MAX_SENTENCE_TOKENS: usize = 1000;

/// Splits `toks[from..to]` into sentences, pushing their exclusive token end indices.
pub(crate) fn split_range(text: &str, toks: &[Tok], from: usize, to: usize, ends: &mut Vec<usize>) {
    let mut k = from;
    let mut sent_start = from;
    while k < to {
        let t = toks[k];
        let mut end = k + 1;
        let mut brk = match t.kind {
            // "1. First item": a list number is not a sentence.
            Kind::Final { dots: true, len: 1 }
                if k > sent_start
                    && is_list_number(text, toks[k - 1])
                    && (k == sent_start + 1
                        || toks[k - 1].newlines >= 1
                        || after_list_lead(text, toks[k - 2])) =>
            {
                false
            }
            Kind::Final { .. } | Kind::Ellipsis => {
                while end < to && toks[end].newlines == 0 && is_closer(toks, end) {
                    end += 1;
                }
                end < to && starts_sentence(text, toks, k, end, t.kind)
            }
            Kind::Abbrev(AbbrevClass::CanEnd) => end < to && starts_with_starter(text, toks, end),
            Kind::Abbrev(AbbrevClass::Initial) => {
                end < to && starts_with_starter(text, toks, end) && !is_initial_run(toks, k)
            }
            Kind::Emoticon => {
                end < to && first_char(text, toks[end]).is_some_and(char::is_uppercase)
            }
            _ => false,
        };
        if end < to && toks[end].newlines >= 2 {
            brk = true;
        }
        // A Title Case first line without final punctuation is a headline.
        if end < to
            && sent_start == 0
            && toks[end].newlines == 1
            && !brk
            && is_headline(text, &toks[..end])
        {
            brk =
                first_char(text, toks[end]).is_some_and(|c| c.is_uppercase() || !c.is_alphabetic());
        }
        if end - sent_start >= MAX_SENTENCE_TOKENS {
            brk = true;
        }
        if brk || end >= to {
            ends.push(end);
            sent_start = end;
            k = end;
        } else {
            k += 1;
        }
    }
}

/// True when the token at `idx` closes the sentence ended just before it: a closing quote,
/// or a bracket or straight quote glued to the previous token.
fn is_closer(toks: &[Tok], idx: usize) -> bool {
    let glued = toks[idx].start == toks[idx - 1].end;
    match toks[idx].kind {
        Kind::CloseQuote => true,
        Kind::CloseBracket | Kind::AmbiguousQuote => glued,
        _ => false,
    }
}

/// True when `line` (the article's first line) reads as a headline: no final punctuation,
/// at most 20 tokens, and its longer words capitalized ("Israel, Syria Hold Rare Talks").
/// Sentence-case headlines need a blank line after them: a wrapped line of body text such
/// as "... between U.S. President" must not end a sentence.
fn is_headline(text: &str, line: &[Tok]) -> bool {
    let Some(last) = line.last() else {
        return false;
    };
    if line.len() > 20
        || line.iter().any(|t| t.newlines > 0)
        || matches!(last.kind, Kind::Final { .. } | Kind::Ellipsis | Kind::Other)
    {
        return false;
    }
    let (mut n_long, mut n_caps) = (0, 0);
    for t in line.iter().filter(|t| t.kind == Kind::Word) {
        let form = &text[t.start as usize..t.end as usize];
        if form.chars().count() >= 4 {
            n_long += 1;
            n_caps += usize::from(form.chars().next().is_some_and(char::is_uppercase));
        }
    }
    n_long >= 2 && n_caps * 3 >= n_long * 2
}

/// A short number or single letter that can label a list item ("1.", "12.", "a.").
fn is_list_number(text: &str, tok: Tok) -> bool {
    let form = &text[tok.start as usize..tok.end as usize];
    form.len() <= 2 && form.bytes().all(|b| b.is_ascii_digit())
}

/// Tokens after which a number starts a list item: "demands: 1. ...", "*1. ...".
fn after_list_lead(text: &str, tok: Tok) -> bool {
    matches!(
        &text[tok.start as usize..tok.end as usize],
        ":" | "*" | "(" | "-" | "•"
    )
}

fn first_char(text: &str, tok: Tok) -> Option<char> {
    char_at(text, tok.start as usize)
}

/// After sentence-final punctuation: does the token at `idx` begin a new sentence?
fn starts_sentence(text: &str, toks: &[Tok], punct: usize, idx: usize, after: Kind) -> bool {
    let tok = toks[idx];
    let quoted = idx > punct + 1;
    match tok.kind {
        Kind::Final { .. } | Kind::CloseBracket | Kind::CloseQuote => false,
        Kind::Other => !matches!(first_char(text, tok), Some(',' | ';' | ':' | '%')),
        Kind::Word | Kind::Abbrev(_) | Kind::Link => {
            let c = first_char(text, tok).unwrap_or(' ');
            if c.is_lowercase() {
                // `"Why?" he asked.` continues; web text often starts sentences in lowercase
                // ("where did you grow up? india?"), which news does not, except after
                // abbreviations that the lexicon does not know ("approx. five").
                return !quoted && lowercase_can_start(text, toks, punct, after);
            }
            if let Kind::Ellipsis = after {
                return c.is_uppercase() || c.is_numeric();
            }
            // `"Is this the end?" Assad asked.`: the attribution continues the sentence.
            !(quoted && attribution_follows(text, toks, idx))
        }
        Kind::Ellipsis => false,
        _ => true,
    }
}

/// True when a reporting verb ("said", "asked") follows the capitalized words at `idx`
/// before any punctuation, as in `"Why?" President Assad asked.`
fn attribution_follows(text: &str, toks: &[Tok], idx: usize) -> bool {
    toks[idx..]
        .iter()
        .take(6)
        .take_while(|t| {
            t.newlines == 0 && matches!(t.kind, Kind::Word | Kind::Abbrev(_) | Kind::Dash)
        })
        .any(|t| lexicon::is_reporting_verb(&text[t.start as usize..t.end as usize]))
}

/// After `punct`, may a lowercase word start a new sentence? After "?" and "!" yes; after
/// "." only when the word before the period does not look like an unknown abbreviation
/// (short and capitalized, or a single letter).
fn lowercase_can_start(text: &str, toks: &[Tok], punct: usize, after: Kind) -> bool {
    match after {
        Kind::Final { dots: false, .. } => true,
        Kind::Final { dots: true, .. } => {
            let Some(prev) = punct.checked_sub(1).map(|p| toks[p]) else {
                return false;
            };
            if prev.end != toks[punct].start || prev.kind != Kind::Word {
                return prev.kind == Kind::CloseBracket;
            }
            let form = &text[prev.start as usize..prev.end as usize];
            let n_chars = form.chars().count();
            let lower_initial = form.chars().next().is_some_and(char::is_lowercase);
            n_chars >= 2 && (lower_initial && n_chars >= 3 || n_chars >= 5)
        }
        _ => false,
    }
}

/// True when the token at `idx` is a capitalized word that commonly starts a sentence,
/// possibly behind an opening quote.
fn starts_with_starter(text: &str, toks: &[Tok], idx: usize) -> bool {
    let mut idx = idx;
    if matches!(toks[idx].kind, Kind::OpenQuote | Kind::AmbiguousQuote) && idx + 1 < toks.len() {
        idx += 1;
    }
    let tok = toks[idx];
    let form = &text[tok.start as usize..tok.end as usize];
    match tok.kind {
        Kind::Word => lexicon::is_starter(form) || lexicon::is_starter(strip_clitic(form)),
        _ => false,
    }
}

/// "It's" → "It", for starter look-ups.
fn strip_clitic(form: &str) -> &str {
    form.find(['\'', '\u{2019}']).map_or(form, |p| &form[..p])
}

/// True when the initial at `k` is part of a run of initials ("J. R. R. Tolkien").
fn is_initial_run(toks: &[Tok], k: usize) -> bool {
    let next_is_initial = toks
        .get(k + 1)
        .is_some_and(|t| t.kind == Kind::Abbrev(AbbrevClass::Initial));
    next_is_initial
}

/// Finds a dateline ("DAMASCUS, May 28 (Reuters) -", "WASHINGTON (AP) —", "BEIRUT, Lebanon —")
/// starting at token `s`; returns the index of its closing dash.
pub(crate) fn dateline_at(text: &str, toks: &[Tok], s: usize) -> Option<usize> {
    const MAX_LEN: usize = 16;
    let form = |i: usize| &text[toks[i].start as usize..toks[i].end as usize];
    let all_caps = |i: usize| {
        let f = form(i);
        toks[i].kind == Kind::Word
            && f.chars().count() >= 2
            && f.chars().all(|c| c.is_uppercase() || c == '\'' || c == '.')
    };
    if !all_caps(s) {
        return web_dateline_at(text, toks, s);
    }
    let limit = toks.len().min(s + MAX_LEN);
    let mut i = s + 1;
    // The place in capitals: "NEW YORK", "WINSTON-SALEM", "ST. LOUIS".
    while i < limit && toks[i].newlines == 0 {
        let glued_dash = toks[i].kind == Kind::Dash
            && toks[i].start == toks[i - 1].end
            && i + 1 < limit
            && toks[i + 1].start == toks[i].end;
        if all_caps(i)
            || glued_dash
            || (toks[i].kind == Kind::Abbrev(AbbrevClass::Title)
                && form(i).chars().all(|c| c.is_uppercase() || c == '.'))
        {
            i += 1;
        } else {
            break;
        }
    }
    // "KABUL:" (South Asian papers) ends right after the place.
    if i < limit
        && toks[i].newlines == 0
        && form(i) == ":"
        && i + 1 < toks.len()
        && toks[i + 1].newlines == 0
    {
        return Some(i);
    }
    // Region, date and agency: ", Lebanon", ", May 28", " (Reuters)".
    let mut in_paren = false;
    while i < limit && toks[i].newlines == 0 {
        let f = form(i);
        let c = f.chars().next().unwrap_or(' ');
        match toks[i].kind {
            // A dash inside a name with a number ("US B-2 bombers", "S-400 missiles")
            // ends no dateline.
            Kind::Dash
                if toks[i].start == toks[i - 1].end
                    && toks.get(i + 1).is_some_and(|t| {
                        t.start == toks[i].end
                            && form(i + 1).starts_with(|c: char| c.is_ascii_digit())
                    }) =>
            {
                return None
            }
            Kind::Dash if !in_paren => {
                // A dash with text after it on the same article.
                return (i + 1 < toks.len()).then_some(i);
            }
            Kind::OpenBracket if !in_paren && f == "(" => in_paren = true,
            Kind::CloseBracket if in_paren && f == ")" => in_paren = false,
            Kind::Other if f == "," || f == "/" || f == "&" => {}
            // Agencies may be lowercase: "(dpa)".
            Kind::Word | Kind::Abbrev(_) if in_paren || c.is_uppercase() || c.is_ascii_digit() => {}
            _ => return None,
        }
        i += 1;
    }
    None
}

/// The web form of a dateline: a place in title case and the agency in brackets, glued
/// to the first word or followed by a dash ("New York (CNN)French President ...",
/// "Kabul (AFP) - The ..."). Returns the index of its last token.
fn web_dateline_at(text: &str, toks: &[Tok], s: usize) -> Option<usize> {
    let form = |i: usize| &text[toks[i].start as usize..toks[i].end as usize];
    let capitalised = |i: usize| {
        toks[i].kind == Kind::Word && form(i).chars().next().is_some_and(char::is_uppercase)
    };
    let mut i = s;
    while i < toks.len() && i < s + 4 && toks[i].newlines == 0 && capitalised(i) {
        i += 1;
    }
    if i == s || i + 3 >= toks.len() || form(i) != "(" || toks[i].newlines > 0 {
        return None;
    }
    let open = i;
    i += 1;
    while i < toks.len() && i < open + 4 && capitalised(i) {
        i += 1;
    }
    if i == open + 1 || i + 1 >= toks.len() || form(i) != ")" {
        return None;
    }
    let next = &toks[i + 1];
    if next.newlines == 0 && next.start == toks[i].end && next.kind == Kind::Word {
        Some(i)
    } else if next.kind == Kind::Dash && i + 2 < toks.len() {
        Some(i + 1)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::scan;

    fn dateline(text: &str) -> Option<String> {
        let toks = scan(text);
        dateline_at(text, &toks, 0).map(|d| text[..toks[d].end as usize].to_string())
    }

    #[test]
    fn recognises_web_datelines() {
        assert_eq!(
            dateline("New York (CNN)French President Emmanuel Macron said").as_deref(),
            Some("New York (CNN)")
        );
        assert_eq!(
            dateline("Kabul (AFP) - Taliban fighters").as_deref(),
            Some("Kabul (AFP) -")
        );
        // A name with a gloss in brackets starts a sentence, not a dateline.
        assert_eq!(dateline("Hezbollah (Party of God) said on Monday"), None);
        assert_eq!(dateline("Israel (ISR) attacked"), None);
    }

    #[test]
    fn recognises_wire_datelines() {
        assert_eq!(
            dateline("DAMASCUS, May 28 (Reuters) - Syria said").as_deref(),
            Some("DAMASCUS, May 28 (Reuters) -")
        );
        assert_eq!(
            dateline("WASHINGTON (AP) — The").as_deref(),
            Some("WASHINGTON (AP) —")
        );
        assert_eq!(
            dateline("BEIRUT, Lebanon — A").as_deref(),
            Some("BEIRUT, Lebanon —")
        );
        assert_eq!(
            dateline("NEW YORK, Jan. 5 (Reuters) -- Stocks").as_deref(),
            Some("NEW YORK, Jan. 5 (Reuters) --")
        );
        assert_eq!(dateline("The U.S. said - no").as_deref(), None);
        assert_eq!(dateline("NATO said on Monday - that").as_deref(), None);
        assert_eq!(dateline("KABUL: For the past").as_deref(), Some("KABUL:"));
        // Names with numbers are no datelines.
        assert_eq!(dateline("US B-2 bombers dropped bombs").as_deref(), None);
        assert_eq!(dateline("NATO F-16 jets flew").as_deref(), None);
        assert_eq!(
            dateline("BERLIN (dpa) - Die").as_deref(),
            Some("BERLIN (dpa) -")
        );
        assert_eq!(
            dateline("PONCHATOULA, La. -- Sheriff's").as_deref(),
            Some("PONCHATOULA, La. --")
        );
    }
}

//! Small word lists the tokenizer and sentence splitter consult: abbreviations, hyphen
//! prefixes, common sentence starters and apostrophe-less contractions.
//!
//! The lists are hand-written for news English (titles, months, U.S. states, company
//! suffixes), checked against the abbreviations and prefixes that UD English-EWT keeps as
//! one token. They are sorted slices searched linearly or by binary search: they are tiny,
//! and this keeps the crate free of lazy statics.

use crate::scan::AbbrevClass;

/// Abbreviations after which a sentence does not end (titles and the like).
const TITLES: &[&str] = &[
    "Adm", "Amb", "Ave", "Blvd", "Brig", "Capt", "Cmdr", "Col", "Cpl", "Det", "Dr", "Drs", "Fig",
    "Fr", "Ft", "Gen", "Gov", "Hon", "Insp", "Lt", "Maj", "Messrs", "Mr", "Mrs", "Ms", "Msgr",
    "Mt", "Mme", "Pfc", "Pres", "Prof", "Pvt", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt", "Sr",
    "St", "Supt", "cf", "ca", "fig", "vs", "Vs", "viz", "approx", "dept", "Dept", "est", "Est",
    "eg", "ie", "Attn", "attn", "Conf", "Tel", "tel", "ext", "Ext", "vol", "Vol", "pp", "Nos",
    "Ref", "ref",
];

/// Abbreviations that can end a sentence ("... in the U.S. The next day").
const CAN_END: &[&str] = &[
    "Ala", "Apr", "Ariz", "Ark", "Assn", "Aug", "Bros", "Calif", "Co", "Colo", "Conn", "Corp",
    "Cos", "Dec", "Del", "Feb", "Fla", "Ga", "Ill", "Inc", "Ind", "Jan", "Jr", "Jul", "Jun", "Kan",
    "Ky", "La", "Ltd", "Mar", "Mass", "Md", "Mich", "Minn", "Mo", "Mont", "Neb", "Nev", "Nov",
    "Oct", "Okla", "Ore", "Pa", "Plc", "Sep", "Sept", "Tenn", "Tex", "Va", "Vt", "Wis", "Wyo",
    "Yr", "etc", "Etc", "al", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat",
    "Sun", "Ph", "co", "esp", "Bhd", "Pty", "Ave", "Rd", "Hwy", "Univ", "yrs", "hrs", "mins",
    "Dist",
];

/// Prefixes after which EWT keeps a hyphenated word whole ("anti-American", "e-mail").
const HYPHEN_PREFIXES: &[&str] = &[
    "a", "anti", "bi", "co", "counter", "cross", "de", "e", "eco", "ex", "extra", "hyper", "intra",
    "macro", "mega", "micro", "mid", "mini", "mis", "multi", "neo", "non", "over", "para", "post",
    "pre", "pro", "pseudo", "psycho", "quasi", "re", "semi", "socio", "sub", "super", "trans",
    "tri", "ultra", "un", "uni", "vice",
];

/// Capitalized words that typically begin a sentence; after an abbreviation that can end a
/// sentence ("U.S.", "Inc.", "a.m."), one of these means a new sentence has begun.
const STARTERS: &[&str] = &[
    "A",
    "According",
    "After",
    "Again",
    "All",
    "Also",
    "Although",
    "An",
    "And",
    "Another",
    "Any",
    "As",
    "At",
    "Because",
    "Before",
    "Both",
    "But",
    "By",
    "Can",
    "Do",
    "Does",
    "During",
    "Each",
    "Even",
    "Every",
    "For",
    "From",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Last",
    "Many",
    "Meanwhile",
    "More",
    "Most",
    "My",
    "No",
    "Not",
    "Now",
    "Of",
    "On",
    "One",
    "Only",
    "Or",
    "Other",
    "Our",
    "Please",
    "She",
    "Since",
    "So",
    "Some",
    "Still",
    "Such",
    "Thanks",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Thus",
    "To",
    "Under",
    "Until",
    "We",
    "What",
    "When",
    "Where",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Yet",
    "You",
    "Your",
];

/// Reporting verbs that introduce an attribution after a quote (`"Why?" he asked`).
const REPORTING_VERBS: &[&str] = &[
    "added",
    "adds",
    "announced",
    "asked",
    "asks",
    "continued",
    "cried",
    "declared",
    "explained",
    "insisted",
    "noted",
    "recalled",
    "replied",
    "said",
    "says",
    "shouted",
    "stated",
    "tells",
    "told",
    "tweeted",
    "warned",
    "wondered",
    "writes",
    "wrote",
];

/// Words with no apostrophe that EWT splits into two syntactic words, with the split point.
const FUSED: &[(&str, usize)] = &[
    ("aint", 2),
    ("arent", 3),
    ("cannot", 3),
    ("cant", 2),
    ("couldnt", 5),
    ("didnt", 3),
    ("doesnt", 4),
    ("dont", 2),
    ("gonna", 3),
    ("gotta", 3),
    ("hadnt", 3),
    ("hasnt", 3),
    ("havent", 4),
    ("im", 1),
    ("isnt", 2),
    ("ive", 1),
    ("shouldnt", 6),
    ("thats", 4),
    ("theyre", 4),
    ("wanna", 3),
    ("wasnt", 3),
    ("werent", 4),
    ("wouldnt", 5),
    ("youre", 3),
];

/// Classifies `word` (the text before a period at byte `after_dot - 1`) as an abbreviation.
pub(crate) fn abbreviation(word: &str, text: &str, after_dot: usize) -> Option<AbbrevClass> {
    let bytes = word.as_bytes();
    let mut chars = word.chars();
    let first = chars.next()?;
    if chars.next().is_none() {
        // Single letters: initials ("J. R. R. Tolkien"); lowercase only in dotted forms.
        return first.is_uppercase().then_some(AbbrevClass::Initial);
    }
    if word.contains('.') {
        // Dotted abbreviations: every part is a letter or two ("U.S", "a.m", "Ph.D", "e.g").
        let ok = word
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(char::is_alphabetic))
            && word.split('.').filter(|p| p.chars().count() == 1).count() >= 1;
        return ok.then_some(AbbrevClass::CanEnd);
    }
    if !bytes.iter().all(|x| x.is_ascii_alphabetic()) {
        return None;
    }
    if word == "No" || word == "no" || word == "Nos" || word == "Art" || word == "art" {
        // "No. 5", "Art. 51": only before a number.
        let next = text[after_dot..].trim_start_matches([' ', '\u{a0}']);
        return next
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_digit)
            .then_some(AbbrevClass::Title);
    }
    if TITLES.contains(&word) {
        return Some(AbbrevClass::Title);
    }
    if CAN_END.contains(&word) {
        return Some(AbbrevClass::CanEnd);
    }
    // All-caps agency names ("the UN.") and ordinary words are not abbreviations.
    None
}

/// True if `seg` (the text before a hyphen) is a prefix EWT keeps attached.
pub(crate) fn is_hyphen_prefix(seg: &str) -> bool {
    seg.len() <= 7 && HYPHEN_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(seg))
}

/// True if `word` commonly starts a sentence.
pub(crate) fn is_starter(word: &str) -> bool {
    STARTERS.binary_search(&word).is_ok()
}

/// True if `word` is a reporting verb such as "said" or "asked".
pub(crate) fn is_reporting_verb(word: &str) -> bool {
    REPORTING_VERBS.binary_search(&word).is_ok()
}

/// Split point (byte offset) of a fused apostrophe-less contraction such as "cannot" or "dont".
pub(crate) fn fused_split(word: &str) -> Option<usize> {
    if word.len() > 8 || word.len() < 2 {
        return None;
    }
    let mut lower = [0u8; 8];
    for (dst, src) in lower.iter_mut().zip(word.bytes()) {
        if !src.is_ascii_alphabetic() {
            return None;
        }
        *dst = src.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&lower[..word.len()]).ok()?;
    // "Im"/"im" only; "IM" is usually instant messaging.
    if lower == "im" && word == "IM" {
        return None;
    }
    FUSED.iter().find(|(w, _)| *w == lower).map(|&(_, at)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starters_are_sorted_for_binary_search() {
        assert!(STARTERS.windows(2).all(|w| w[0] < w[1]));
        assert!(REPORTING_VERBS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn fused_contractions_split() {
        assert_eq!(fused_split("cannot"), Some(3));
        assert_eq!(fused_split("Gonna"), Some(3));
        assert_eq!(fused_split("cannon"), None);
    }
}

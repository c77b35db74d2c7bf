//! Surface tokenizer: one hand-written pass over the text that cuts it into tokens.
//!
//! The scanner never rewrites the text: a token is a byte range, and only whitespace lies
//! between tokens, so the tokenization is lossless by construction. It follows the UD
//! English-EWT conventions (which the tagger and parser are trained on): punctuation is split
//! off, abbreviations keep their periods ("U.S.", "Gen."), numbers keep their inner
//! separators ("1,200", "3.5", "10:30", "28/05/2025"), and hyphenated compounds are split at
//! the hyphen ("Al-Sharaa" → `Al - Sharaa`) except after common prefixes ("anti-", "non-",
//! "e-") and inside phone numbers and ISO dates, which EWT keeps whole.

use crate::lexicon;

/// What kind of surface token was scanned; drives the sentence splitter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters, digits and their inner connectors; no final period.
    Word,
    /// A word that ends with its abbreviation period, e.g. "U.S." or "Inc.".
    Abbrev(AbbrevClass),
    /// A run of `.`, `!` and `?`, e.g. "." or "?!"; `dots` tells whether it is only periods.
    Final { dots: bool, len: u8 },
    /// "…" (possibly repeated).
    Ellipsis,
    /// Opening quote, e.g. “ or «.
    OpenQuote,
    /// Closing quote, e.g. ” or ».
    CloseQuote,
    /// A quote that can open or close: `"`, `'`, `''`, `` ` ``.
    AmbiguousQuote,
    /// `(`, `[` or `{`.
    OpenBracket,
    /// `)`, `]` or `}`.
    CloseBracket,
    /// Dashes: `-`, `--`, `—`, `–`.
    Dash,
    /// Text emoticons such as ":)".
    Emoticon,
    /// URLs, e-mail addresses, @handles and #hashtags.
    Link,
    /// Any other punctuation or symbol.
    Other,
}

/// How an abbreviation behaves at a possible sentence end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AbbrevClass {
    /// Titles and the like ("Mr.", "Gen.", "No."): a sentence never ends after them.
    Title,
    /// Single-letter initials ("J."): a sentence rarely ends after them.
    Initial,
    /// Abbreviations that often end sentences ("U.S.", "Inc.", "a.m.", "etc.").
    CanEnd,
}

/// One surface token as scanned.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    /// First byte.
    pub(crate) start: u32,
    /// One past the last byte.
    pub(crate) end: u32,
    /// Newlines in the whitespace before the token, capped at 2 (2 = blank line).
    pub(crate) newlines: u8,
    /// Token kind.
    pub(crate) kind: Kind,
}

/// Decodes the character at byte `i`, which must be a char boundary inside `text`.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text.get(i..)?.chars().next()
    }
}

/// The character ending at byte `i`.
#[inline]
fn char_before(text: &str, i: usize) -> Option<char> {
    if i == 0 {
        return None;
    }
    let b = text.as_bytes()[i - 1];
    if b < 0x80 {
        Some(b as char)
    } else {
        text[..i].chars().next_back()
    }
}

/// True for non-ASCII characters that are punctuation or symbols, not parts of words.
fn is_nonascii_punct(c: char) -> bool {
    matches!(c as u32,
        0x00A1..=0x00BF // ¡ ¢ £ ¤ ¥ ¦ § ¨ © ª « ¬ ® ¯ ° ± ² ³ ´ µ ¶ · ¸ ¹ º » ¼ ½ ¾ ¿
        | 0x00D7 | 0x00F7
        | 0x2010..=0x205E // general punctuation: dashes, quotes, bullets, ellipsis, ‰
        | 0x20A0..=0x20CF // currency
        | 0x2100..=0x214F // letterlike symbols: ™ № ℃
        | 0x2190..=0x23FF // arrows, math, technical
        | 0x2500..=0x27BF // box drawing, shapes, dingbats, misc symbols (☺ ✓)
        | 0x2E00..=0x2E7F // supplemental punctuation
        | 0x3000..=0x303F // CJK punctuation
        | 0xFE30..=0xFE4F
        | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65
        | 0x060C | 0x061B | 0x061F | 0x06D4 // Arabic comma, semicolon, question mark, full stop
        | 0x0964 | 0x0965 // Devanagari danda
        | 0x1F000..=0x1FAFF // emoji and pictographs
        | 0xFFFD
    ) && !matches!(
        c as u32,
        0x00AA | 0x00B2 | 0x00B3 | 0x00B5 | 0x00B9 | 0x00BA | 0x00BC..=0x00BE
    )
}

/// True for characters that make up words: letters, digits, combining marks and any
/// non-ASCII character that is not punctuation, a symbol, whitespace or a control.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !c.is_whitespace() && !c.is_control() && !is_nonascii_punct(c)
    }
}

/// True for apostrophes (straight, curly right single quote, and the modifier letter).
#[inline]
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Counts ASCII digits starting at byte `i`.
fn digits_at(b: &[u8], i: usize) -> usize {
    b.get(i..)
        .map_or(0, |s| s.iter().take_while(|c| c.is_ascii_digit()).count())
}

/// Scans all tokens of `text`.
pub(crate) fn scan(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let n = b.len();
    let mut toks = Vec::with_capacity(n / 5 + 1);
    let mut i = 0;
    let mut newlines = 0u8;
    while i < n {
        let c = b[i];
        if c < 0x80 {
            if c.is_ascii_whitespace() || c == 0x0B {
                if c == b'\n' {
                    newlines = newlines.saturating_add(1);
                }
                i += 1;
                continue;
            }
        } else {
            let ch = char_at(text, i).unwrap_or('\u{FFFD}');
            if ch.is_whitespace() {
                if matches!(ch, '\u{2028}' | '\u{2029}' | '\u{85}') {
                    newlines = newlines.saturating_add(if ch == '\u{2029}' { 2 } else { 1 });
                }
                i += ch.len_utf8();
                continue;
            }
        }
        let (end, kind) = scan_token(text, i);
        debug_assert!(end > i && text.is_char_boundary(end));
        toks.push(Tok {
            start: i as u32,
            end: end as u32,
            newlines: newlines.min(2),
            kind,
        });
        newlines = 0;
        i = end;
    }
    toks
}

const EMOTICONS: &[&str] = &[
    ":-)", ":-(", ":-D", ":-P", ":-p", ":-/", ";-)", ":'(", ":)", ":(", ":D", ":P", ":p", ";)",
    ":/", ":]", ":[", ":o", ":O", "(:", "<3", "=)", "=(", "XD", "xD",
];

/// Scans the token starting at byte `i` (not whitespace); returns its end and kind.
fn scan_token(text: &str, i: usize) -> (usize, Kind) {
    let b = text.as_bytes();
    let c = char_at(text, i).unwrap_or('\u{FFFD}');
    let clen = c.len_utf8();
    if is_word_char(c) {
        if let Some(end) = scan_url(text, i) {
            return (end, Kind::Link);
        }
        if matches!(c, 'X' | 'x') {
            if let Some(end) = emoticon(text, i) {
                return (end, Kind::Emoticon);
            }
        }
        return scan_word(text, i);
    }
    if c.is_ascii() {
        if let Some(end) = emoticon(text, i) {
            return (end, Kind::Emoticon);
        }
    }
    let run = |pred: &dyn Fn(char) -> bool| -> usize {
        let mut j = i;
        while let Some(d) = char_at(text, j) {
            if !pred(d) {
                break;
            }
            j += d.len_utf8();
        }
        j
    };
    match c {
        '.' | '!' | '?' => {
            let end = run(&|d| matches!(d, '.' | '!' | '?'));
            let dots = b[i..end].iter().all(|&x| x == b'.');
            let len = (end - i).min(255) as u8;
            (
                end,
                if dots && len >= 2 {
                    Kind::Ellipsis
                } else {
                    Kind::Final { dots, len }
                },
            )
        }
        '\u{2026}' => (run(&|d| d == '\u{2026}' || d == '.'), Kind::Ellipsis),
        '+' if char_before(text, i).is_none_or(char::is_whitespace)
            && b.get(i + 1).is_some_and(u8::is_ascii_digit) =>
        {
            // International phone prefixes and signed numbers: "+1", "+44".
            (scan_word(text, i + 1).0, Kind::Word)
        }
        '@' | '#' => {
            // "@handle", "#hashtag"; "#1" is "#" + "1" as in EWT.
            let next = char_at(text, i + 1);
            if next.is_some_and(|d| is_word_char(d) && (c == '@' || !d.is_ascii_digit())) {
                let mut j = i + 1;
                while let Some(d) = char_at(text, j) {
                    if is_word_char(d) || d == '_' {
                        j += d.len_utf8();
                    } else if d == '.'
                        && char_at(text, j + 1).is_some_and(|e| e.is_ascii_alphanumeric())
                        && c == '@'
                    {
                        j += 1;
                    } else {
                        break;
                    }
                }
                (j, Kind::Link)
            } else {
                (run(&|d| d == c), Kind::Other)
            }
        }
        '-' => (run(&|d| d == '-'), Kind::Dash),
        '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2012}' => (
            run(&|d| matches!(d, '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2012}')),
            Kind::Dash,
        ),
        '"' => (run(&|d| d == '"'), Kind::AmbiguousQuote),
        '\'' | '`' => (run(&|d| d == c), Kind::AmbiguousQuote),
        '\u{201C}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{2039}' | '\u{2018}'
        | '\u{201A}' => (i + clen, Kind::OpenQuote),
        '\u{201D}' | '\u{00BB}' | '\u{203A}' | '\u{2019}' => (run(&|d| d == c), Kind::CloseQuote),
        '(' | '[' | '{' => (i + 1, Kind::OpenBracket),
        ')' | ']' | '}' => (i + 1, Kind::CloseBracket),
        '*' | '=' | '_' | '~' | '<' | '>' | '+' | '^' | '|' | '/' | '\\' | '$' => {
            (run(&|d| d == c), Kind::Other)
        }
        _ => {
            // Combining marks and joiners after punctuation still travel with it.
            (i + clen, Kind::Other)
        }
    }
}

/// Matches a text emoticon at `i` that is followed by whitespace, punctuation or the end.
fn emoticon(text: &str, i: usize) -> Option<usize> {
    let rest = &text.as_bytes()[i..];
    for e in EMOTICONS {
        if rest.starts_with(e.as_bytes()) {
            let end = i + e.len();
            let next = char_at(text, end);
            let letters = e.bytes().any(|x| x.is_ascii_alphabetic());
            // Letter-based emoticons (":D", "XD") must stand alone; others may touch punctuation.
            let next_ok = next.is_none_or(|d| d.is_whitespace() || (!letters && !is_word_char(d)));
            let prev_ok =
                e.starts_with([':', ';']) || char_before(text, i).is_none_or(char::is_whitespace);
            if next_ok && prev_ok {
                return Some(end);
            }
        }
    }
    None
}

/// Matches a URL at `i` and returns its end, leaving trailing punctuation outside.
fn scan_url(text: &str, i: usize) -> Option<usize> {
    let rest = &text.as_bytes()[i..];
    let lower_starts =
        |p: &str| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    if !(lower_starts("http://")
        || lower_starts("https://")
        || lower_starts("www.")
        || lower_starts("ftp://")
        || lower_starts("mailto:"))
    {
        return None;
    }
    let mut j = i;
    let mut open = 0i32;
    while let Some(d) = char_at(text, j) {
        if d.is_whitespace() || matches!(d, '"' | '<' | '>' | '\u{201C}' | '\u{201D}') {
            break;
        }
        match d {
            '(' | '[' => open += 1,
            ')' | ']' if open == 0 => break,
            ')' | ']' => open -= 1,
            _ => {}
        }
        j += d.len_utf8();
    }
    // Trailing punctuation belongs to the sentence, not the URL.
    while let Some(d) = char_before(text, j) {
        if j > i + 4 && matches!(d, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '\u{2019}') {
            j -= d.len_utf8();
        } else {
            break;
        }
    }
    Some(j)
}

/// Scans a word (letters, digits and inner connectors) starting at `i`.
fn scan_word(text: &str, i: usize) -> (usize, Kind) {
    let b = text.as_bytes();
    let n = b.len();
    let mut j = i;
    let mut seg_start = i; // start of the current hyphen-separated segment
    let mut has_at = false;
    loop {
        // Consume word characters.
        while j < n {
            if b[j] < 0x80 {
                if b[j].is_ascii_digit() {
                    j += 1;
                } else if b[j].is_ascii_alphabetic() {
                    if j > i && b[j - 1].is_ascii_digit() && number_then_unit(text, i, j) {
                        return (j, Kind::Word);
                    }
                    j += 1;
                } else {
                    break;
                }
            } else {
                match char_at(text, j) {
                    Some(d) if is_word_char(d) => j += d.len_utf8(),
                    _ => break,
                }
            }
        }
        if j >= n {
            break;
        }
        let Some(c) = char_at(text, j) else { break };
        let clen = c.len_utf8();
        let Some(next) = char_at(text, j + clen) else {
            break;
        };
        let prev = char_before(text, j).unwrap_or(' ');
        let keep = match c {
            '.' => {
                next.is_alphanumeric()
                    && !(prev.is_ascii_digit()
                        && next.is_alphabetic()
                        && !has_at
                        && looks_like_sentence_glue(text, i, j))
            }
            ',' => {
                prev.is_ascii_digit()
                    && digits_at(b, j + 1) == 3
                    && !b.get(j + 4).is_some_and(|x| x.is_ascii_alphanumeric())
            }
            ':' => prev.is_ascii_digit() && next.is_ascii_digit(),
            '/' => {
                prev.is_ascii_digit() && next.is_ascii_digit()
                    // "b/c", "w/o", "A/C"
                    || j - i == 1 && prev.is_ascii_alphabetic() && next.is_ascii_alphabetic()
                        && !b.get(j + 2).is_some_and(u8::is_ascii_alphanumeric)
            }
            '_' => next.is_alphanumeric(),
            '&' => {
                prev.is_alphabetic() && next.is_alphabetic() && j - seg_start <= 3 && {
                    let after = j
                        + 1
                        + b[j + 1..]
                            .iter()
                            .take_while(|x| x.is_ascii_alphabetic())
                            .count();
                    after - j - 1 <= 3
                }
            }
            '@' => {
                !has_at && next.is_alphanumeric() && {
                    has_at = true;
                    true
                }
            }
            '-' => next.is_alphanumeric() && keep_hyphen(text, i, seg_start, j),
            _ if is_apostrophe(c) => {
                prev.is_alphabetic() && next.is_alphabetic()
                    // Decades and plural numbers: "70's", "12's".
                    || prev.is_ascii_digit() && matches!(next, 's' | 'S') && !char_at(text, j + clen + 1).is_some_and(is_word_char)
            }
            _ => false,
        };
        if !keep {
            break;
        }
        j += clen;
        if c == '-' {
            seg_start = j;
        }
    }
    // Trailing apostrophe of a plural possessive: "states'" (words "states" + "'").
    if let (Some(a), Some(p)) = (char_at(text, j), char_before(text, j)) {
        if is_apostrophe(a)
            && matches!(p, 's' | 'S')
            && j - i >= 3
            && !char_at(text, j + a.len_utf8()).is_some_and(is_word_char)
        {
            let starts_quote =
                char_before(text, i).is_some_and(|q| is_apostrophe(q) || q == '\u{2018}');
            if !starts_quote {
                return (j + a.len_utf8(), Kind::Word);
            }
        }
    }
    // Abbreviation period.
    // "Inc.." is "Inc." + "."; "etc..." is "etc" + "...".
    if j < n && b[j] == b'.' && !(b.get(j + 1) == Some(&b'.') && b.get(j + 2) == Some(&b'.')) {
        if let Some(class) = lexicon::abbreviation(&text[i..j], text, j + 1) {
            return (j + 1, Kind::Abbrev(class));
        }
    }
    (j, Kind::Word)
}

/// True when the letters at `j` after the number `b[i..j]` are a unit or similar that EWT
/// splits off ("5pm", "10km", "8gb"), rather than an ordinal or plural ("4th", "1990s").
fn number_then_unit(text: &str, i: usize, j: usize) -> bool {
    let b = text.as_bytes();
    if !b[i..j]
        .iter()
        .all(|x| x.is_ascii_digit() || matches!(x, b'.' | b',' | b':'))
    {
        return false;
    }
    let run = b[j..]
        .iter()
        .take_while(|x| x.is_ascii_alphabetic())
        .count();
    let after = char_at(text, j + run);
    if after.is_some_and(|c| is_word_char(c) || c == '_') {
        return false;
    }
    let suffix = &b[j..j + run];
    const KEEP: &[&[u8]] = &[
        b"st", b"nd", b"rd", b"th", b"s", b"d", b"ST", b"ND", b"RD", b"TH", b"S",
    ];
    !KEEP.contains(&suffix)
}

/// True when a period between a digit and letters is really a missing space after a number
/// at a sentence end ("in 2004.The"), rather than a file name or version ("v2.doc").
fn looks_like_sentence_glue(text: &str, start: usize, dot: usize) -> bool {
    dot - start == 4
        && text.as_bytes()[start..dot].iter().all(u8::is_ascii_digit)
        && char_at(text, dot + 1).is_some_and(char::is_uppercase)
}

/// Decides whether the hyphen at `hyphen` stays inside the word (EWT keeps prefixes such as
/// "anti-"/"non-"/"e-", phone numbers and ISO dates whole and splits all other hyphens).
fn keep_hyphen(text: &str, word_start: usize, seg_start: usize, hyphen: usize) -> bool {
    let b = text.as_bytes();
    let seg = &text[seg_start..hyphen];
    let right_digits = digits_at(b, hyphen + 1);
    if !seg.is_empty() && seg.bytes().all(|x| x.is_ascii_digit()) {
        let right_end = hyphen + 1 + right_digits;
        let right_is_number =
            right_digits > 0 && !b.get(right_end).is_some_and(|x| x.is_ascii_alphabetic());
        if !right_is_number {
            return false;
        }
        // ISO dates: 2025-05-28.
        let whole = &text[word_start..hyphen];
        if whole.len() == 4
            && seg_start == word_start
            && right_digits == 2
            && b.get(right_end) == Some(&b'-')
            && digits_at(b, right_end + 1) == 2
        {
            return true;
        }
        if seg_start > word_start
            && whole.len() == 7
            && right_digits == 2
            && whole.as_bytes()[4] == b'-'
        {
            return true;
        }
        // Phone numbers: 345-9945, 713-853-3989, 1-800-991-9019.
        return (seg.len() == 3 || seg.len() == 1) && (right_digits == 3 || right_digits == 4)
            || seg_start > word_start && right_digits >= 3;
    }
    lexicon::is_hyphen_prefix(seg)
}

//! Shared line handling for both dictionary families: byte decoding, `<!-- -->` blocks,
//! `#`/`;` comments (outside `[...]`), phrases, bracketed codes and YYMMDD/YYYYMMDD dates.

use crate::types::{Date, DatedCode, Join, Phrase, Warning};

/// Decodes dictionary bytes: valid UTF-8 is kept, any invalid byte is read as Latin-1
/// (several legacy files mix encodings). Returns the text and whether any byte needed the
/// fallback.
pub fn decode(bytes: &[u8]) -> (String, bool) {
    let mut out = String::with_capacity(bytes.len());
    let mut fallback = false;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for &b in chunk.invalid() {
            fallback = true;
            out.push(char::from(b));
        }
    }
    (out, fallback)
}

/// One physical line after comment handling.
#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub(crate) no: usize,
    /// The line without the comment, trimmed on both sides.
    pub(crate) content: &'a str,
    /// The comment text after `#` or `;`, trimmed, if any.
    pub(crate) comment: Option<&'a str>,
    /// The whole original line (without the line terminator).
    pub(crate) raw: &'a str,
}

/// Splits `text` into lines, dropping `<!-- ... -->` blocks (also the malformed `<! --`
/// opener seen in PETRARCH's validation files) and full-line comments, and separating
/// trailing `#`/`;` comments. Blank lines are kept (content `""`): they close PETRARCH
/// synonym sets.
pub(crate) fn lines<'a>(text: &'a str, warnings: &mut Vec<Warning>) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    let mut in_block: Option<usize> = None;
    for (i, raw) in text.split('\n').enumerate() {
        let no = i + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = raw.trim();
        if in_block.is_some() {
            if trimmed.contains("-->") {
                in_block = None;
            }
            continue;
        }
        if trimmed.starts_with("<!") {
            // `<!-- x -->` and `<! -- x -->` end on the line; `<!DOCTYPE ...>`-like lines too.
            if !trimmed.contains("-->") && !trimmed.ends_with('>') {
                in_block = Some(no);
            }
            continue;
        }
        if trimmed.starts_with("~~") {
            // TABARI's `~~FINISH <time> <date>` save stamp.
            continue;
        }
        let (content, comment) = split_comment(raw);
        if content.trim().is_empty() && comment.is_some() {
            // A comment-only line is not a blank line: it does not close a synonym set.
            continue;
        }
        out.push(Line {
            no,
            content: content.trim(),
            comment,
            raw,
        });
    }
    if let Some(start) = in_block {
        warnings.push(Warning {
            line: start,
            msg: "unterminated <!-- comment runs to the end of the file".into(),
        });
    }
    out
}

/// Splits a line at the first `#` or `;` that is not inside `[...]`.
fn split_comment(raw: &str) -> (&str, Option<&str>) {
    let mut depth = 0usize;
    for (i, c) in raw.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '#' | ';' if depth == 0 => {
                let comment = raw[i + 1..].trim_start_matches(['#', ';']).trim();
                return (&raw[..i], Some(comment));
            }
            _ => {}
        }
    }
    (raw, None)
}

/// Parses a phrase written with `_` and blanks (`CARAS GALADHON`, `AL-QAEDA`,
/// `ISLAMIC_REPUBLIC_OF_AFGHANISTAN`, `ARNOR_`). Returns `None` if it has no word.
pub(crate) fn parse_phrase(s: &str) -> Option<Phrase> {
    let s = s.trim();
    let mut words = Vec::new();
    let mut joins = Vec::new();
    let mut cur = String::new();
    let mut pending: Option<Join> = None;
    for c in s.chars() {
        if c == '_' || c.is_whitespace() {
            let j = if c == '_' { Join::Adjacent } else { Join::Gap };
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur).to_uppercase());
                pending = Some(j);
            } else if j == Join::Adjacent && pending.is_some() {
                // `A _B` or `A__B`: any underscore makes the join adjacent.
                pending = Some(Join::Adjacent);
            }
        } else {
            if cur.is_empty() && !words.is_empty() {
                joins.push(pending.unwrap_or(Join::Gap));
                pending = None;
            }
            cur.push(c);
        }
    }
    let stop = if cur.is_empty() {
        s.ends_with('_')
    } else {
        words.push(cur.to_uppercase());
        false
    };
    if words.is_empty() {
        return None;
    }
    Some(Phrase { words, joins, stop })
}

/// Splits `s` at the first `[`: the text before it and every bracketed group after it.
/// An unterminated group runs to a `}` (a common typo, `[~ENV}`) or the end of the line.
pub(crate) fn split_codes(s: &str) -> (&str, Vec<String>, String) {
    let Some(start) = s.find('[') else {
        return (s, Vec::new(), String::new());
    };
    let head = &s[..start];
    let mut groups = Vec::new();
    let mut rest = String::new();
    let mut tail = &s[start..];
    while !tail.is_empty() {
        if let Some(t) = tail.strip_prefix('[') {
            let end = t.find(']').or_else(|| t.find('}')).unwrap_or(t.len());
            groups.push(t[..end].to_string());
            tail = t.get(end + 1..).unwrap_or("");
        } else {
            let next = tail.find('[').unwrap_or(tail.len());
            rest.push_str(tail[..next].trim());
            tail = &tail[next..];
        }
    }
    (head, groups, rest)
}

/// Parses a YYMMDD or YYYYMMDD date (00–30 → 20YY, otherwise 19YY). As in PETRARCH, a
/// 7-digit string is read as YYMMDD and anything longer than 8 digits as its first 8;
/// such dates are returned with `lenient = true` so the caller can warn.
pub(crate) fn parse_date(s: &str) -> Result<(Date, bool), String> {
    let s = s.trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("bad date {s:?}"));
    }
    let num = |a: usize, b: usize| s[a..b].parse::<u32>().unwrap_or(0);
    let lenient = s.len() != 6 && s.len() != 8;
    let (year, rest) = match s.len() {
        6 | 7 => {
            let yy = num(0, 2) as i32;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, 2)
        }
        n if n >= 8 => (num(0, 4) as i32, 4),
        _ => return Err(format!("bad date {s:?}: expected yymmdd or yyyymmdd")),
    };
    let month = num(rest, rest + 2);
    let day = num(rest + 2, rest + 4);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(format!("bad month in date {s:?}")),
    };
    if day == 0 || day > days {
        return Err(format!("bad day in date {s:?}"));
    }
    Ok((
        Date {
            year,
            month: month as u8,
            day: day as u8,
        },
        lenient,
    ))
}

/// Parses the inside of an actor code group: `USAGOV`, `USAGOV >20090120`,
/// `HOB < 950601`, `HOBGOV 19950601 - 19990815`, `--- <950630`. Returns the code and any
/// non-fatal remarks (lenient dates, a bare date read as a start date).
pub(crate) fn parse_dated_code(inner: &str) -> Result<(DatedCode, Vec<String>), String> {
    let inner = inner.trim();
    let split = inner
        .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
        .unwrap_or(inner.len());
    let (code, rest) = inner.split_at(split);
    if code.is_empty() {
        return Err(format!("code group [{inner}] has no code"));
    }
    if code.len() >= 6 && code.bytes().take(6).all(|b| b.is_ascii_digit()) {
        return Err(format!("code group [{inner}] has a date but no code"));
    }
    let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    let mut dc = DatedCode {
        code: code.to_uppercase(),
        from: None,
        to: None,
    };
    let mut notes = Vec::new();
    let mut date = |d: &str| -> Result<Date, String> {
        let (date, lenient) = parse_date(d)?;
        if lenient {
            notes.push(format!(
                "date {d:?} read as {date} (petrarch's rule for odd lengths)"
            ));
        }
        Ok(date)
    };
    if rest.is_empty() {
    } else if let Some(d) = rest.strip_prefix('<') {
        dc.to = Some(date(d)?);
    } else if let Some(d) = rest.strip_prefix('>') {
        dc.from = Some(date(d)?);
    } else if let Some((a, b)) = rest.split_once('-') {
        dc.from = Some(date(a)?);
        dc.to = Some(date(b)?);
    } else if rest.bytes().all(|b| b.is_ascii_digit()) {
        dc.from = Some(date(&rest)?);
        notes.push(format!(
            "date without '<', '>' or '-' in [{inner}] read as a start date"
        ));
    } else {
        return Err(format!("unreadable date restriction in [{inner}]"));
    }
    Ok((dc, notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases() {
        let p = parse_phrase("CARAS GALADHON").unwrap();
        assert_eq!(p.words, ["CARAS", "GALADHON"]);
        assert_eq!(p.joins, [Join::Gap]);
        let p = parse_phrase("arnor_").unwrap();
        assert!(p.stop);
        assert_eq!(p.words, ["ARNOR"]);
        let p = parse_phrase("FOR_ YOUTH_AND").unwrap();
        assert_eq!(p.joins, [Join::Adjacent, Join::Adjacent]);
        assert!(parse_phrase(" _ ").is_none());
    }

    #[test]
    fn dates_and_codes() {
        assert_eq!(parse_date("320101").unwrap().0.year, 1932);
        assert_eq!(parse_date("070723").unwrap().0.year, 2007);
        assert_eq!(
            parse_date("201005011").unwrap(),
            (parse_date("20100501").unwrap().0, true)
        );
        assert!(parse_date("20100931").is_err());
        assert!(parse_date("20120229").is_ok());
        let c = parse_dated_code("HOBGOV 19950601 - 19990815").unwrap().0;
        assert_eq!(c.code, "HOBGOV");
        assert_eq!(c.from.unwrap().to_string(), "1995-06-01");
        assert_eq!(c.to.unwrap().to_string(), "1999-08-15");
        let c = parse_dated_code("HOB < 950601").unwrap().0;
        assert_eq!(c.to.unwrap().year, 1995);
        assert!(parse_dated_code("950601-990815").is_err());
    }

    #[test]
    fn comments() {
        let mut w = Vec::new();
        let ls = lines("<!-- a\nb -->\nX [###] ; c\n# full\n", &mut w);
        assert_eq!(ls[0].content, "X [###]");
        assert_eq!(ls[0].comment, Some("c"));
        assert_eq!(ls[0].no, 3);
        assert_eq!(ls[1].content, "");
        assert!(w.is_empty());
    }
}

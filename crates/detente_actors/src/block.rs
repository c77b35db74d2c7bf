//! The shared block syntax of the `.txt` dictionaries.
//!
//! A file is a sequence of blocks. A block starts with a header line at column 0 and
//! continues with indented `key: value` field lines. `#` starts a comment when it is the
//! first non-blank character of a line or is preceded by whitespace. Blank lines are
//! ignored. Multi-valued fields separate values with `|`.

use crate::error::Error;

/// One field line of a block.
#[derive(Debug, Clone)]
pub(crate) struct Field<'a> {
    pub(crate) key: &'a str,
    pub(crate) value: &'a str,
    pub(crate) line: usize,
}

/// One block: its header text and field lines.
#[derive(Debug, Clone)]
pub(crate) struct Block<'a> {
    pub(crate) header: &'a str,
    pub(crate) line: usize,
    pub(crate) fields: Vec<Field<'a>>,
}

/// Removes a trailing comment and surrounding whitespace.
pub(crate) fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') {
            return line[..i].trim_end();
        }
    }
    line.trim_end()
}

/// Splits a file into blocks; a field line before any header is an error.
pub(crate) fn blocks<'a>(file: &str, text: &'a str) -> Result<Vec<Block<'a>>, Error> {
    let mut out: Vec<Block<'a>> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        if line.contains('\u{FFFD}') {
            return Err(Error::new(
                file,
                line_no,
                "replacement character in line: bad encoding",
            ));
        }
        let indented = line.starts_with(' ') || line.starts_with('\t');
        if !indented {
            out.push(Block {
                header: line.trim(),
                line: line_no,
                fields: Vec::new(),
            });
            continue;
        }
        let Some(block) = out.last_mut() else {
            return Err(Error::new(
                file,
                line_no,
                "indented field line before any block header",
            ));
        };
        let body = line.trim();
        let Some((key, value)) = body.split_once(':') else {
            return Err(Error::new(
                file,
                line_no,
                format!("expected 'key: value', found '{body}'"),
            ));
        };
        let key = key.trim();
        if key.is_empty()
            || !key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(Error::new(file, line_no, format!("bad field key '{key}'")));
        }
        let value = value.trim();
        if value.is_empty() {
            return Err(Error::new(
                file,
                line_no,
                format!("empty value for '{key}'"),
            ));
        }
        block.fields.push(Field {
            key,
            value,
            line: line_no,
        });
    }
    Ok(out)
}

/// Splits a `|`-separated list; empty items are an error.
pub(crate) fn list(file: &str, line: usize, value: &str) -> Result<Vec<String>, Error> {
    value
        .split('|')
        .map(|s| {
            let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
            if s.is_empty() {
                Err(Error::new(file, line, "empty item in '|' list"))
            } else {
                Ok(s)
            }
        })
        .collect()
}

/// Checks an actor code: uppercase ASCII letters in groups of three, 3 to 15 long.
pub(crate) fn check_code(file: &str, line: usize, code: &str) -> Result<(), Error> {
    let ok =
        matches!(code.len(), 3 | 6 | 9 | 12 | 15) && code.bytes().all(|b| b.is_ascii_uppercase());
    if ok {
        Ok(())
    } else {
        Err(Error::new(
            file,
            line,
            format!("bad code '{code}': expected 3 to 15 uppercase letters in groups of three"),
        ))
    }
}

/// Splits a `CODE Name` header.
pub(crate) fn code_header<'a>(file: &str, block: &Block<'a>) -> Result<(&'a str, &'a str), Error> {
    let header = block.header;
    let (code, name) = header
        .split_once(char::is_whitespace)
        .unwrap_or((header, ""));
    check_code(file, block.line, code)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::new(
            file,
            block.line,
            format!("header '{header}' has a code but no name"),
        ));
    }
    Ok((code, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blocks() {
        assert_eq!(strip_comment("SYR Syria # note"), "SYR Syria");
        assert_eq!(strip_comment("# whole"), "");
        assert_eq!(strip_comment("C#sharp"), "C#sharp");
        let b = blocks("f", "# c\nA x\n  k: v # c\n\nB y\n").unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].fields[0].value, "v");
        assert_eq!(b[1].line, 5);
        let e = blocks("f", "  k: v\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("f", 1));
        assert!(blocks("f", "A\n  novalue\n").is_err());
        assert!(check_code("f", 1, "SYRGOV").is_ok());
        assert!(check_code("f", 1, "SYRGO").is_err());
        assert!(check_code("f", 1, "syr").is_err());
    }
}

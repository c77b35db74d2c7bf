//! Per-word features computed once per word: normalisation of typographic quotes,
//! lowercase form, prefixes, suffixes, word shape and orthographic flags, all hashed.

use crate::hash::hash_bytes;

/// Maps typographic quotes/apostrophes/dashes to ASCII and control characters to spaces.
#[inline]
pub(crate) fn normalize_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}'
        | '\u{0060}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => '"',
        '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        '\u{2026}' => '.',
        c if c.is_control() => ' ',
        c => c,
    }
}

/// Writes the normalised form of `form` into `out` (cleared first).
pub(crate) fn normalize(form: &str, out: &mut String) {
    out.clear();
    for c in form.chars() {
        let n = normalize_char(c);
        // "``" and "''" as used in PTB-style text are double quotes.
        out.push(n);
    }
    if out == "``" || out == "''" {
        out.clear();
        out.push('"');
    }
}

/// Orthographic flag bits.
pub(crate) const F_UPPER_INIT: u8 = 1;
pub(crate) const F_ALL_UPPER: u8 = 2;
pub(crate) const F_DIGIT: u8 = 4;
pub(crate) const F_HYPHEN: u8 = 8;
pub(crate) const F_ALPHA_NONE: u8 = 16;
pub(crate) const F_LONG: u8 = 32;

/// Hashed features of one word.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordFeats {
    /// Normalised form, case kept.
    pub(crate) form: u64,
    /// Normalised lowercase form.
    pub(crate) lower: u64,
    pub(crate) pre1: u64,
    pub(crate) pre2: u64,
    pub(crate) pre3: u64,
    pub(crate) suf1: u64,
    pub(crate) suf2: u64,
    pub(crate) suf3: u64,
    pub(crate) suf4: u64,
    pub(crate) shape: u64,
    pub(crate) flags: u8,
}

/// Scratch buffers reused across words.
#[derive(Default)]
pub(crate) struct FeatScratch {
    norm: String,
    lower: String,
    shape: String,
}

/// Hash of the `n`-char prefix/suffix of `s` (whole string if shorter), tagged with `n`
/// and direction so different lengths never collide.
fn affix(s: &str, n: usize, suffix: bool) -> u64 {
    let b = if suffix {
        match s.char_indices().rev().nth(n.saturating_sub(1)) {
            Some((i, _)) => &s[i..],
            None => s,
        }
    } else {
        match s.char_indices().nth(n) {
            Some((i, _)) => &s[..i],
            None => s,
        }
    };
    hash_bytes(b.as_bytes()) ^ ((n as u64) << 56) ^ if suffix { 1 << 62 } else { 0 }
}

impl FeatScratch {
    /// Computes the features of `form`. Also leaves the normalised lowercase form available
    /// through [`FeatScratch::lower`].
    pub(crate) fn word(&mut self, form: &str) -> WordFeats {
        normalize(form, &mut self.norm);
        self.lower.clear();
        for c in self.norm.chars() {
            if c.is_ascii() {
                self.lower.push(c.to_ascii_lowercase());
            } else {
                self.lower.extend(c.to_lowercase());
            }
        }
        self.shape.clear();
        let mut flags = 0u8;
        let mut n_upper = 0usize;
        let mut n_alpha = 0usize;
        let mut n_chars = 0usize;
        let mut last = '\0';
        let mut run = 0;
        for (i, c) in self.norm.chars().enumerate() {
            n_chars += 1;
            let k = if c.is_uppercase() {
                n_upper += 1;
                n_alpha += 1;
                if i == 0 {
                    flags |= F_UPPER_INIT;
                }
                'X'
            } else if c.is_alphabetic() {
                n_alpha += 1;
                'x'
            } else if c.is_numeric() {
                flags |= F_DIGIT;
                'd'
            } else {
                if c == '-' {
                    flags |= F_HYPHEN;
                }
                c
            };
            if k == last {
                run += 1;
            } else {
                run = 0;
                last = k;
            }
            if run < 2 && self.shape.len() < 24 {
                self.shape.push(k);
            }
        }
        if n_alpha > 0 && n_upper == n_alpha && n_chars > 1 {
            flags |= F_ALL_UPPER;
        }
        if n_alpha == 0 {
            flags |= F_ALPHA_NONE;
        }
        if n_chars > 12 {
            flags |= F_LONG;
        }
        let l = self.lower.as_str();
        WordFeats {
            form: hash_bytes(self.norm.as_bytes()),
            lower: hash_bytes(l.as_bytes()) ^ 0x1234_5678,
            pre1: affix(l, 1, false),
            pre2: affix(l, 2, false),
            pre3: affix(l, 3, false),
            suf1: affix(l, 1, true),
            suf2: affix(l, 2, true),
            suf3: affix(l, 3, true),
            suf4: affix(l, 4, true),
            shape: hash_bytes(self.shape.as_bytes()) ^ 0x0bad_cafe,
            flags,
        }
    }

    /// The normalised lowercase form of the last word passed to [`FeatScratch::word`].
    pub(crate) fn lower(&self) -> &str {
        &self.lower
    }

    /// The normalised (case-kept) form of the last word passed to [`FeatScratch::word`].
    pub(crate) fn norm(&self) -> &str {
        &self.norm
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_apostrophe_equals_ascii() {
        let mut s = FeatScratch::default();
        let a = s.word("Israel\u{2019}s");
        let b = s.word("Israel's");
        assert_eq!(a.form, b.form);
        // The modifier letter apostrophe, which the tokenizer also splits on.
        assert_eq!(s.word("Israel\u{02BC}s").form, b.form);
        assert_eq!(s.word("\u{201C}").form, s.word("\"").form);
        let w = s.word("Ab-12");
        assert!(w.flags & F_HYPHEN != 0 && w.flags & F_DIGIT != 0 && w.flags & F_UPPER_INIT != 0);
        let _ = s.word("");
        let _ = s.word("\u{0}\u{7}é\u{10FFFF}");
    }
}

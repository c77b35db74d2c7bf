//! Shared vocabulary of the detente pipeline: text ranges, tokens, words and sentences.
//!
//! Every later stage refers back to the article text through [`TextRange`]s, which are
//! byte offsets into the original text and are never rewritten after the text stage.
//! This is what lets every event say exactly which words produced it.

use std::ops::Range;

/// A half-open byte range `start..end` into an article's original text.
///
/// Invariant (upheld by the text stage): both ends lie on UTF-8 character boundaries
/// of the text the range was made from, and `start <= end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TextRange {
    /// First byte of the range.
    pub start: u32,
    /// One past the last byte of the range.
    pub end: u32,
}

impl TextRange {
    /// Makes a range; `start` must not exceed `end`.
    pub fn new(start: u32, end: u32) -> TextRange {
        debug_assert!(start <= end, "range start {start} after end {end}");
        TextRange { start, end }
    }

    /// Makes a range from `usize` offsets.
    ///
    /// Panics when an offset does not fit in `u32`; the text stage refuses inputs
    /// of 4 GiB or more before any range is made.
    pub fn from_usize(start: usize, end: usize) -> TextRange {
        let start = u32::try_from(start).expect("text stage refuses inputs over u32::MAX bytes");
        let end = u32::try_from(end).expect("text stage refuses inputs over u32::MAX bytes");
        TextRange::new(start, end)
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the range covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The range as a `usize` range, for slicing.
    pub fn as_range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The covered slice of `text`.
    pub fn slice(self, text: &str) -> &str {
        &text[self.as_range()]
    }

    /// The smallest range covering both `self` and `other`.
    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A syntactic word: the unit that is tagged and parsed.
///
/// Most surface tokens are one word; contractions and possessives such as
/// "don't" or "Israel's" are one token of two words ("do" + "n't", "Israel" + "'s").
/// A word's form is always the slice of the text its range covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// Byte range of the word in the article text.
    pub range: TextRange,
    /// Index, within the sentence, of the surface token this word belongs to.
    pub token: u32,
}

/// One sentence of an article, split into surface tokens and syntactic words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range from the first to the last token of the sentence.
    pub range: TextRange,
    /// Surface tokens (as separated by whitespace and punctuation rules), in text order.
    pub tokens: Vec<TextRange>,
    /// Syntactic words, in text order; each lies inside its token.
    pub words: Vec<Word>,
}

impl Sentence {
    /// The forms of the sentence's words, as slices of `text`.
    pub fn word_forms<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.words.iter().map(|w| w.range.slice(text)).collect()
    }
}

/// A word with its syntactic analysis, as the stages after parsing see it.
///
/// Tags and labels borrow from the model's tables, so building these is cheap; stages
/// after syntax depend on this view rather than on the parser's own types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TaggedWord<'a> {
    /// Byte range of the word in the article text.
    pub range: TextRange,
    /// The word as written (the slice of the text at `range`).
    pub form: &'a str,
    /// Lemma.
    pub lemma: &'a str,
    /// Universal part-of-speech tag ("NOUN", "PROPN", ...).
    pub upos: &'a str,
    /// Penn Treebank tag ("NNS", "VBD", ...).
    pub xpos: &'a str,
    /// 1-based index of the head word in the sentence; 0 for the root.
    pub head: u32,
    /// Universal dependency relation, with subtype ("nsubj", "nmod:poss", ...).
    pub deprel: &'a str,
}

/// The dependents of every word of a sentence (in increasing order), kept in one list:
/// `children[w]` is the slice of `w`'s dependents. Built from 0-based heads (`None` for
/// the root) by the stages that walk the dependency tree.
#[derive(Debug, Default)]
pub struct Children {
    /// Where the dependents of each word start in `list` (one more entry at the end).
    start: Vec<usize>,
    list: Vec<usize>,
}

impl Children {
    /// The dependents given each word's head.
    pub fn new(heads: &[Option<usize>]) -> Children {
        let n = heads.len();
        let mut start = vec![0usize; n + 1];
        for &h in heads.iter().flatten() {
            start[h + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut next = start.clone();
        let mut list = vec![0usize; start[n]];
        for (i, h) in heads.iter().enumerate() {
            if let &Some(h) = h {
                list[next[h]] = i;
                next[h] += 1;
            }
        }
        Children { start, list }
    }
}

impl std::ops::Index<usize> for Children {
    type Output = [usize];

    fn index(&self, w: usize) -> &[usize] {
        &self.list[self.start[w]..self.start[w + 1]]
    }
}

/// Converts byte offsets into Unicode code-point offsets, as the event records use.
///
/// Build it once per article; each lookup is a binary search.
pub struct CharOffsets {
    /// Byte offsets at which a multi-byte character starts, with the number of
    /// continuation bytes seen before that offset.
    marks: Vec<(u32, u32)>,
}

impl CharOffsets {
    /// Indexes `text`.
    pub fn new(text: &str) -> CharOffsets {
        let mut marks = Vec::new();
        let mut extra = 0u32;
        for (idx, ch) in text.char_indices() {
            let n = ch.len_utf8() as u32;
            if n > 1 {
                extra += n - 1;
                marks.push((idx as u32 + n, extra));
            }
        }
        CharOffsets { marks }
    }

    /// The code-point offset of byte offset `byte`, which must be a character boundary.
    pub fn char_offset(&self, byte: u32) -> u32 {
        let idx = self.marks.partition_point(|&(at, _)| at <= byte);
        if idx == 0 {
            byte
        } else {
            byte - self.marks[idx - 1].1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let text = "Israel’s army — é";
        let offsets = CharOffsets::new(text);
        for (char_idx, (byte_idx, _)) in text.char_indices().enumerate() {
            assert_eq!(offsets.char_offset(byte_idx as u32) as usize, char_idx);
        }
        assert_eq!(
            offsets.char_offset(text.len() as u32) as usize,
            text.chars().count()
        );
    }

    #[test]
    fn children_list_each_words_dependents_in_order() {
        // Word 1 is the root; 0, 2 and 3 hang off it, and 4 off 3.
        let c = Children::new(&[Some(1), None, Some(1), Some(1), Some(3)]);
        assert_eq!(&c[1], &[0, 2, 3]);
        assert_eq!(&c[3], &[4]);
        assert!(c[0].is_empty() && c[2].is_empty() && c[4].is_empty());
        assert!(Children::new(&[]).list.is_empty());
    }

    #[test]
    fn cover_spans_both_ranges() {
        let a = TextRange::new(3, 5);
        let b = TextRange::new(8, 12);
        assert_eq!(a.cover(b), TextRange::new(3, 12));
        assert_eq!(b.cover(a).len(), 9);
    }
}

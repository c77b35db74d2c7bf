//! The lexicon's patterns compiled for matching.
//!
//! Matching tries every candidate entry of a trigger at many positions of the sentence,
//! so it is the coder's inner loop. Here every word of every pattern, trigger and discard
//! is interned to a small integer once, when the coder is built; a sentence's lemmas and
//! forms are looked up once per sentence ([`Patterns::id`]), and finding triggers,
//! discards and pattern words then compares integers instead of strings. Two words get
//! the same id exactly when they are equal strings, and a word no pattern uses gets
//! [`UNKNOWN`], which no pattern word has, so matching by ids gives the same answers as
//! matching by strings. Entries whose words are not all in a sentence ([`WordSet`]) are
//! passed over without trying them.

use std::collections::HashMap;

use crate::lexicon::{Elem, Item, Kind, Lexicon};

/// The id of a word that no pattern uses.
pub(crate) const UNKNOWN: u32 = u32::MAX;

/// What one pattern item must find, with its words interned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Want {
    /// One of several words or adjacent word sequences (see [`Elem::Words`]).
    Words(Alternatives),
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `%`: a compound actor.
    Compound,
}

/// The word sequences of a [`Want::Words`] item, with their first and last words
/// indexed so that matching can skip the positions where none of them can start or end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Alternatives {
    /// The sequences, in the order they are tried.
    pub(crate) seqs: Vec<Vec<u32>>,
    /// The first words of `seqs`, sorted; `None` if a sequence is empty.
    firsts: Option<Vec<u32>>,
    /// The last words of `seqs`, sorted; `None` if a sequence is empty.
    lasts: Option<Vec<u32>>,
}

impl Alternatives {
    /// Indexes `seqs`.
    pub(crate) fn new(seqs: Vec<Vec<u32>>) -> Alternatives {
        let edge = |pick: fn(&[u32]) -> Option<&u32>| -> Option<Vec<u32>> {
            let mut words = seqs
                .iter()
                .map(|s| pick(s).copied())
                .collect::<Option<Vec<u32>>>()?;
            words.sort_unstable();
            words.dedup();
            Some(words)
        };
        Alternatives {
            firsts: edge(<[u32]>::first),
            lasts: edge(<[u32]>::last),
            seqs,
        }
    }

    /// Whether a sequence may occur in a sentence whose words are `present` (if `false`,
    /// none does: no first word of a sequence is in the sentence).
    pub(crate) fn may_occur(&self, present: &WordSet) -> bool {
        self.firsts
            .as_deref()
            .is_none_or(|ws| ws.iter().any(|&w| present.contains(w)))
    }

    /// Whether a sequence may start at a word with these lemma and form ids (if `false`,
    /// none does).
    pub(crate) fn may_start(&self, lemma: u32, form: u32) -> bool {
        may_be(self.firsts.as_deref(), lemma, form)
    }

    /// Whether a sequence may end at a word with these lemma and form ids (if `false`,
    /// none does).
    pub(crate) fn may_end(&self, lemma: u32, form: u32) -> bool {
        may_be(self.lasts.as_deref(), lemma, form)
    }
}

/// Whether the lemma or the form id is among `words` (sorted); always, without them.
fn may_be(words: Option<&[u32]>, lemma: u32, form: u32) -> bool {
    words.is_none_or(|ws| ws.binary_search(&lemma).is_ok() || ws.binary_search(&form).is_ok())
}

/// A compiled pattern item and whether it must follow the previous one directly.
#[derive(Debug, Clone)]
pub(crate) struct PatternItem {
    /// What must be found.
    pub(crate) want: Want,
    /// No word may come between this item and the previous one (or the trigger).
    pub(crate) adjacent: bool,
}

/// One lexicon entry's pattern, compiled.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    /// Items before the trigger, in text order.
    pub(crate) pre: Vec<PatternItem>,
    /// Items after the trigger, in text order.
    pub(crate) post: Vec<PatternItem>,
    /// The entry's [`crate::Entry::specificity`], computed once.
    pub(crate) specificity: usize,
    /// A word any match needs (the only first word of a word item), kept inline so that
    /// most entries that cannot match are told apart without following pointers.
    anchor: Option<u32>,
}

impl Pattern {
    /// Whether the pattern may match in a sentence whose words are `present`; if `false`
    /// it cannot, as one of its word items occurs nowhere (every item must match for the
    /// pattern to, except a final `+`, which is no word item).
    pub(crate) fn may_match(&self, present: &WordSet) -> bool {
        if self.anchor.is_some_and(|w| !present.contains(w)) {
            return false;
        }
        self.pre
            .iter()
            .chain(&self.post)
            .all(|item| match &item.want {
                Want::Words(alts) => alts.may_occur(present),
                Want::Source | Want::Target | Want::Compound => true,
            })
    }
}

/// The pattern words of a sentence (lemmas and forms), as a set of ids.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordSet {
    bits: Vec<u64>,
}

impl WordSet {
    /// The set of `ids` ([`UNKNOWN`] ones are left out) for the words of `patterns`.
    pub(crate) fn new(patterns: &Patterns, ids: impl IntoIterator<Item = u32>) -> WordSet {
        let mut bits = vec![0u64; patterns.vocab.len().div_ceil(64)];
        for id in ids {
            if let Some(b) = bits.get_mut(id as usize / 64) {
                *b |= 1 << (id % 64);
            }
        }
        WordSet { bits }
    }

    /// Whether `id` is in the set.
    pub(crate) fn contains(&self, id: u32) -> bool {
        self.bits
            .get(id as usize / 64)
            .is_some_and(|b| b & (1 << (id % 64)) != 0)
    }
}

/// The compiled patterns of a lexicon, aligned with [`Lexicon::entries`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Patterns {
    vocab: HashMap<String, u32>,
    /// One pattern per entry, same index.
    pub(crate) entries: Vec<Pattern>,
    /// The words of each discard of the lexicon, same index.
    pub(crate) discards: Vec<Vec<u32>>,
    /// The verb entries of each trigger word, by id.
    verbs: Vec<Vec<usize>>,
    /// The noun entries of each trigger word, by id.
    nouns: Vec<Vec<usize>>,
}

impl Patterns {
    /// Compiles every entry of `lexicon`.
    pub(crate) fn new(lexicon: &Lexicon) -> Patterns {
        let mut vocab = HashMap::new();
        let entries = lexicon
            .entries
            .iter()
            .map(|e| {
                let pre = compile(&e.pre, &mut vocab);
                let post = compile(&e.post, &mut vocab);
                let anchor = pre.iter().chain(&post).find_map(|item| match &item.want {
                    Want::Words(alts) => match alts.firsts.as_deref() {
                        Some(&[only]) => Some(only),
                        _ => None,
                    },
                    Want::Source | Want::Target | Want::Compound => None,
                });
                Pattern {
                    pre,
                    post,
                    specificity: e.specificity(),
                    anchor,
                }
            })
            .collect();
        let discards = lexicon
            .discards
            .iter()
            .map(|d| d.words.iter().map(|w| intern(w, &mut vocab)).collect())
            .collect();
        let by_id = |kind: Kind, vocab: &mut HashMap<String, u32>| {
            let mut table: Vec<Vec<usize>> = Vec::new();
            for (word, es) in lexicon.triggers(kind) {
                let id = intern(word, vocab) as usize;
                if table.len() <= id {
                    table.resize(id + 1, Vec::new());
                }
                table[id] = es.to_vec();
            }
            table
        };
        let verbs = by_id(Kind::Verb, &mut vocab);
        let nouns = by_id(Kind::Noun, &mut vocab);
        Patterns {
            vocab,
            entries,
            discards,
            verbs,
            nouns,
        }
    }

    /// The entries whose trigger of `kind` is the word `id`, as
    /// [`Lexicon::candidates`] gives them for the word.
    pub(crate) fn candidates(&self, kind: Kind, id: u32) -> &[usize] {
        let table = match kind {
            Kind::Verb => &self.verbs,
            Kind::Noun => &self.nouns,
        };
        table.get(id as usize).map_or(&[], Vec::as_slice)
    }

    /// The id of `word` (lower case), [`UNKNOWN`] if no pattern uses it.
    pub(crate) fn id(&self, word: &str) -> u32 {
        self.vocab.get(word).copied().unwrap_or(UNKNOWN)
    }
}

/// Compiles `items`, interning their words into `vocab`.
fn compile(items: &[Item], vocab: &mut HashMap<String, u32>) -> Vec<PatternItem> {
    items
        .iter()
        .map(|item| PatternItem {
            want: match &item.elem {
                Elem::Words(alts) => Want::Words(Alternatives::new(
                    alts.iter()
                        .map(|seq| seq.iter().map(|w| intern(w, vocab)).collect())
                        .collect(),
                )),
                Elem::Source => Want::Source,
                Elem::Target => Want::Target,
                Elem::Compound => Want::Compound,
            },
            adjacent: item.adjacent,
        })
        .collect()
}

/// The id of `word` in `vocab`, added if new. Ids count up from 0, so they never reach
/// [`UNKNOWN`] for any lexicon that fits in memory.
fn intern(word: &str, vocab: &mut HashMap<String, u32>) -> u32 {
    if let Some(&id) = vocab.get(word) {
        return id;
    }
    let id = u32::try_from(vocab.len()).unwrap_or(UNKNOWN - 1);
    vocab.insert(word.to_string(), id);
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_words_share_ids_and_unknown_words_match_none() {
        let text = "@set attack = attack | air_strike\n\
            087 verb ease &attack\n\
            046 noun talk with + about attack\n@discard world cup\n";
        let lex = Lexicon::parse_files([("t.txt", text)]).unwrap();
        let p = Patterns::new(&lex);
        assert_eq!(p.entries.len(), 2);
        let attack = p.id("attack");
        assert_ne!(attack, UNKNOWN);
        let (air, strike) = (p.id("air"), p.id("strike"));
        let Want::Words(alts) = &p.entries[0].post[0].want else {
            panic!("words expected");
        };
        assert_eq!(alts.seqs, vec![vec![attack], vec![air, strike]]);
        assert!(alts.may_start(attack, UNKNOWN) && alts.may_start(UNKNOWN, air));
        assert!(!alts.may_start(strike, strike));
        assert!(alts.may_end(UNKNOWN, strike) && !alts.may_end(air, UNKNOWN));
        assert_eq!(p.entries[1].post[1].want, Want::Target);
        assert_eq!(
            p.entries[1].post[2].want,
            Want::Words(Alternatives::new(vec![vec![p.id("about")]]))
        );
        assert_eq!(
            p.entries[1].post[3].want,
            Want::Words(Alternatives::new(vec![vec![attack]]))
        );
        let present = WordSet::new(&p, [air, UNKNOWN]);
        assert!(present.contains(air) && !present.contains(strike) && !present.contains(UNKNOWN));
        assert!(alts.may_occur(&present) && p.entries[0].may_match(&present));
        assert!(!p.entries[1].may_match(&present));
        assert_eq!(p.entries[0].anchor, None);
        assert_eq!(p.entries[1].anchor, Some(p.id("with")));
        // An empty sequence matches anywhere, so nothing can be skipped.
        let empty = Alternatives::new(vec![vec![attack], vec![]]);
        assert!(empty.may_start(UNKNOWN, UNKNOWN) && empty.may_end(UNKNOWN, UNKNOWN));
        assert_eq!(p.entries[1].specificity, lex.entries[1].specificity());
        assert_eq!(p.id("no-such-word"), UNKNOWN);
        assert_eq!(p.candidates(Kind::Verb, p.id("ease")), &[0]);
        assert_eq!(p.candidates(Kind::Noun, p.id("talk")), &[1]);
        assert!(p.candidates(Kind::Verb, p.id("talk")).is_empty());
        assert!(p.candidates(Kind::Verb, UNKNOWN).is_empty());
        assert_eq!(p.discards, vec![vec![p.id("world"), p.id("cup")]]);
    }
}

//! The lexicon's patterns compiled for matching.
//!
//! Matching tries every candidate entry of a trigger at many positions of the sentence,
//! so it is the coder's inner loop. Here every word of every pattern, trigger and discard
//! is interned to a small integer once, when the coder is built; a sentence's lemmas and
//! forms are looked up once per article ([`Patterns::ids`]), and finding triggers,
//! discards and pattern words then compares integers instead of strings. Two words get
//! the same id exactly when they are equal strings, and a word no pattern uses gets
//! [`UNKNOWN`], which no pattern word has, so matching by ids gives the same answers as
//! matching by strings. Entries whose words are not all in a sentence ([`WordSet`]) are
//! passed over without trying them.

use detente_actors::fasthash::{Probe, WordMap};

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
    #[cfg(test)]
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
    /// ([`Patterns::may_match`] is the same check on flattened data; tests compare them.)
    #[cfg(test)]
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
    vocab: WordMap<u32>,
    /// One pattern per entry, same index.
    pub(crate) entries: Vec<Pattern>,
    /// The words of each discard of the lexicon, same index.
    pub(crate) discards: Vec<Vec<u32>>,
    /// The indexes of the discards (in increasing order) by the id of their first word,
    /// sentence discards first, story discards second.
    discard_firsts: [Vec<Vec<usize>>; 2],
    /// Some discard has no words (then [`Patterns::discards_starting`] is not used).
    pub(crate) empty_discard: bool,
    /// The anchor ([`Pattern`]'s) of each entry, [`UNKNOWN`] for none: kept apart so
    /// that most candidates are passed over without touching their patterns.
    anchors: Vec<u32>,
    /// What [`Pattern::may_match`] checks, flattened: for entry `e`,
    /// `needs[needs_at[e]..needs_at[e + 1]]` is a run of groups, each its length
    /// followed by the first words of one word item (one of them must be present).
    needs: Vec<u32>,
    needs_at: Vec<usize>,
    /// The specificity of each entry (as in [`Pattern`]), kept apart like `anchors`.
    specificities: Vec<usize>,
    /// The verb entries of each trigger word, by id.
    verbs: Vec<Vec<usize>>,
    /// The noun entries of each trigger word, by id.
    nouns: Vec<Vec<usize>>,
}

impl Patterns {
    /// Compiles every entry of `lexicon`.
    pub(crate) fn new(lexicon: &Lexicon) -> Patterns {
        let mut vocab = WordMap::default();
        let entries: Vec<Pattern> = lexicon
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
        let anchors = entries
            .iter()
            .map(|p: &Pattern| p.anchor.unwrap_or(UNKNOWN))
            .collect();
        let specificities = entries.iter().map(|p| p.specificity).collect();
        let mut needs = Vec::new();
        let mut needs_at = vec![0];
        for p in &entries {
            for item in p.pre.iter().chain(&p.post) {
                if let Want::Words(Alternatives {
                    firsts: Some(firsts),
                    ..
                }) = &item.want
                {
                    needs.push(u32::try_from(firsts.len()).unwrap_or(u32::MAX));
                    needs.extend_from_slice(firsts);
                }
            }
            needs_at.push(needs.len());
        }
        let discards: Vec<Vec<u32>> = lexicon
            .discards
            .iter()
            .map(|d| d.words.iter().map(|w| intern(w, &mut vocab)).collect())
            .collect();
        let mut discard_firsts: [Vec<Vec<usize>>; 2] = [Vec::new(), Vec::new()];
        for (k, (d, ids)) in lexicon.discards.iter().zip(&discards).enumerate() {
            if let Some(&first) = ids.first() {
                let table = &mut discard_firsts[usize::from(d.story)];
                let first = first as usize;
                if table.len() <= first {
                    table.resize(first + 1, Vec::new());
                }
                table[first].push(k);
            }
        }
        let empty_discard = discards.iter().any(Vec::is_empty);
        let by_id = |kind: Kind, vocab: &mut WordMap<u32>| {
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
            anchors,
            needs,
            needs_at,
            specificities,
            discards,
            discard_firsts,
            empty_discard,
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

    /// The indexes of the story (or sentence) discards whose first word is `id`, in
    /// increasing order.
    pub(crate) fn discards_starting(&self, story: bool, id: u32) -> &[usize] {
        self.discard_firsts[usize::from(story)]
            .get(id as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// The specificity of entry `e`.
    pub(crate) fn specificity(&self, e: usize) -> usize {
        self.specificities[e]
    }

    /// Whether entry `e` may match in a sentence whose words are `present`, as
    /// [`Pattern::may_match`] says, its anchor checked first.
    pub(crate) fn may_match(&self, e: usize, present: &WordSet) -> bool {
        let anchor = self.anchors[e];
        if anchor != UNKNOWN && !present.contains(anchor) {
            return false;
        }
        let mut needs = &self.needs[self.needs_at[e]..self.needs_at[e + 1]];
        while let Some((&n, rest)) = needs.split_first() {
            let n = (n as usize).min(rest.len());
            let (firsts, rest) = rest.split_at(n);
            if !firsts.iter().any(|&w| present.contains(w)) {
                return false;
            }
            needs = rest;
        }
        true
    }

    /// The id of `word` (lower case), [`UNKNOWN`] if no pattern uses it.
    #[cfg(test)]
    pub(crate) fn id(&self, word: &str) -> u32 {
        self.vocab.get(word).copied().unwrap_or(UNKNOWN)
    }

    /// The id of each of `words` (lower case), [`UNKNOWN`] for a word no pattern uses.
    /// The words are looked up together, which is faster when the table is not in cache.
    pub(crate) fn ids<'a>(&self, words: impl IntoIterator<Item = &'a str>) -> Vec<u32> {
        let probes: Vec<Probe> = words.into_iter().map(|w| self.vocab.probe(w)).collect();
        self.vocab.touch(&probes);
        probes
            .iter()
            .map(|p| self.vocab.get_probe(p).copied().unwrap_or(UNKNOWN))
            .collect()
    }
}

/// Compiles `items`, interning their words into `vocab`.
fn compile(items: &[Item], vocab: &mut WordMap<u32>) -> Vec<PatternItem> {
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
fn intern(word: &str, vocab: &mut WordMap<u32>) -> u32 {
    if let Some(&id) = vocab.get(word) {
        return id;
    }
    let id = u32::try_from(vocab.len()).unwrap_or(UNKNOWN - 1);
    vocab.get_or_insert(word, id);
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattened_may_match_agrees_with_the_patterns() {
        let lex = Lexicon::try_builtin().unwrap();
        let p = Patterns::new(&lex);
        let n = p.vocab.len() as u32;
        // Sentences made of pseudo-random words of the vocabulary, small and large.
        let mut x = 12345u64;
        let n_words = n as usize;
        for size in [
            0usize,
            1,
            3,
            10,
            30,
            100,
            300,
            n_words / 4,
            n_words / 2,
            n_words * 2,
        ] {
            for _ in 0..40 {
                let ids: Vec<u32> = (0..size)
                    .map(|_| {
                        x = x
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        ((x >> 33) % u64::from(n)) as u32
                    })
                    .collect();
                let present = WordSet::new(&p, ids.iter().copied().chain([UNKNOWN]));
                for e in 0..p.entries.len() {
                    assert_eq!(p.may_match(e, &present), p.entries[e].may_match(&present));
                }
            }
        }
    }

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
        assert!(p.may_match(0, &present) && !p.may_match(1, &present));
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

//! Greedy left-to-right averaged-perceptron tagger over joint (UPOS, XPOS) tags, with
//! tag-history features and a tag dictionary for frequent unambiguous words.

use crate::features::WordFeats;
use crate::hash::{key3, FastMap};
use crate::weights::{TrainWeights, Weights};

/// Tag-history sentinel for positions before the sentence.
pub(crate) const START: u64 = 0xffff_0001;
const BOS: u64 = 0xb05_b05_b05;
const EOS: u64 = 0xe05_e05_e05;

/// A word with its features, or a sentence-boundary placeholder.
#[inline]
fn nb(words: &[WordFeats], i: isize) -> (u64, u64, u64) {
    if i < 0 {
        (BOS, BOS, BOS)
    } else if i as usize >= words.len() {
        (EOS, EOS, EOS)
    } else {
        let w = &words[i as usize];
        (w.lower, w.suf3, w.shape)
    }
}

/// Ambiguity classes `(by exact form, by lowercase form)` of the words of a sentence.
pub(crate) fn amb_classes(amb: &FastMap<u64, u64>, words: &[WordFeats], out: &mut Vec<(u64, u64)>) {
    out.clear();
    out.extend(words.iter().map(|w| {
        (
            amb.get(&w.form).copied().unwrap_or(1),
            amb.get(&w.lower).copied().unwrap_or(1),
        )
    }));
}

/// Feature keys for position `i` given the two previous tags and the ambiguity classes.
pub(crate) fn features(
    words: &[WordFeats],
    amb: &[(u64, u64)],
    i: usize,
    p1: u64,
    p2: u64,
    out: &mut Vec<u64>,
) {
    out.clear();
    let a = |j: isize| {
        if j < 0 {
            2
        } else {
            amb.get(j as usize).map(|x| x.1).unwrap_or(3)
        }
    };
    let ii = i as isize;
    let (ae, al, an1, an2, am1) = (amb[i].0, amb[i].1, a(ii + 1), a(ii + 2), a(ii - 1));
    out.extend_from_slice(&[
        key3(40, ae, 0, 0),
        key3(41, al, 0, 0),
        key3(42, an1, 0, 0),
        key3(43, an2, 0, 0),
        key3(44, am1, 0, 0),
        key3(45, p1, al, 0),
        key3(46, al, an1, 0),
        key3(47, p1, an1, 0),
        key3(48, ae, an1, an2),
    ]);
    let w = &words[i];
    let ii = i as isize;
    let (m1, m1s, _m1sh) = nb(words, ii - 1);
    let (m2, _, _) = nb(words, ii - 2);
    let (n1, n1s, n1sh) = nb(words, ii + 1);
    let (n2, n2s, _) = nb(words, ii + 2);
    let n1f = words.get(i + 1).map(|w| w.flags as u64).unwrap_or(99);
    let first = (i == 0) as u64;
    out.extend_from_slice(&[
        key3(1, 0, 0, 0),
        key3(2, w.form, 0, 0),
        key3(3, w.lower, 0, 0),
        key3(4, w.pre1, 0, 0),
        key3(5, w.pre2, 0, 0),
        key3(6, w.pre3, 0, 0),
        key3(7, w.suf1, 0, 0),
        key3(8, w.suf2, 0, 0),
        key3(9, w.suf3, 0, 0),
        key3(10, w.suf4, 0, 0),
        key3(11, w.shape, 0, 0),
        key3(12, w.flags as u64, first, 0),
        key3(13, m1, 0, 0),
        key3(14, m2, 0, 0),
        key3(15, n1, 0, 0),
        key3(16, n2, 0, 0),
        key3(17, m1s, 0, 0),
        key3(18, n1s, 0, 0),
        key3(19, n1sh, 0, 0),
        key3(20, p1, 0, 0),
        key3(21, p2, 0, 0),
        key3(22, p1, p2, 0),
        key3(23, p1, w.lower, 0),
        key3(24, m1, w.lower, 0),
        key3(25, w.lower, n1, 0),
        key3(26, p1, n1, 0),
        key3(27, p1, w.suf3, 0),
        key3(28, w.shape, n1sh, 0),
        key3(29, p1, w.shape, 0),
        key3(30, w.flags as u64, p1, 0),
        key3(31, m1, w.suf3, 0),
        key3(32, n1, n2, 0),
        key3(33, m1, n1, 0),
        key3(34, n2s, 0, 0),
        key3(35, n1f, w.flags as u64, 0),
        key3(36, w.suf2, n1, 0),
        key3(37, p1, p2, w.lower),
        key3(38, w.pre2, w.suf2, 0),
        key3(39, p1, n1s, 0),
    ]);
}

/// Runtime tagger.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tagger {
    pub(crate) weights: Weights,
    /// Normalised form hash → tag, for frequent unambiguous words.
    pub(crate) dict: FastMap<u64, u16>,
    /// Form hash (exact or lowercase) → hash of the set of tags seen with it.
    pub(crate) amb: FastMap<u64, u64>,
    /// Optional second pass that also sees the first pass's tags to the right.
    pub(crate) second: Option<Weights>,
    /// Like `dict`, for the function words added when a model is assembled (see
    /// `model.rs`); kept apart so that they are never written into a model file.
    pub(crate) function_words: FastMap<u64, u16>,
    /// Set when a model is assembled (not in the model file): which tags are AUX, and
    /// the lowercase forms that may be auxiliaries. Any other word the tagger would
    /// call an auxiliary takes its best other tag (sentence-initial "Beijing" is no AUX).
    pub(crate) aux_tags: Vec<bool>,
    pub(crate) aux_forms: FastMap<u64, ()>,
}

const EOS_T: u64 = 0xffff_0003;

/// Extra features of the second pass: first-pass tags of the word and its right context.
pub(crate) fn right_features(
    words: &[WordFeats],
    r: &[u16],
    i: usize,
    p1: u64,
    out: &mut Vec<u64>,
) {
    let rt = |j: usize| r.get(j).map(|&t| t as u64).unwrap_or(EOS_T);
    let w = &words[i];
    out.extend_from_slice(&[
        key3(70, rt(i), 0, 0),
        key3(71, rt(i + 1), 0, 0),
        key3(72, rt(i + 1), rt(i + 2), 0),
        key3(73, p1, rt(i + 1), 0),
        key3(74, w.lower, rt(i + 1), 0),
        key3(75, w.suf3, rt(i + 1), 0),
        key3(76, rt(i), w.lower, 0),
        key3(77, p1, rt(i), rt(i + 1)),
    ]);
}

/// Reusable buffers for tagging.
#[derive(Default)]
pub(crate) struct TagScratch {
    feats: Vec<u64>,
    scores: Vec<i32>,
    amb: Vec<(u64, u64)>,
    first: Vec<u16>,
}

impl Tagger {
    /// Tags a sentence; `out` receives one tag id per word.
    pub(crate) fn tag(&self, words: &[WordFeats], out: &mut Vec<u16>, sc: &mut TagScratch) {
        amb_classes(&self.amb, words, &mut sc.amb);
        let mut first = std::mem::take(&mut sc.first);
        self.pass(&self.weights, None, words, out, sc);
        if let Some(w2) = &self.second {
            first.clear();
            first.extend_from_slice(out);
            self.pass(w2, Some(&first), words, out, sc);
        }
        sc.first = first;
    }

    fn pass(
        &self,
        w: &Weights,
        right: Option<&[u16]>,
        words: &[WordFeats],
        out: &mut Vec<u16>,
        sc: &mut TagScratch,
    ) {
        out.clear();
        let n_classes = w.n_classes();
        let (mut p1, mut p2) = (START, START + 1);
        for i in 0..words.len() {
            let form = &words[i].form;
            let t = match self
                .dict
                .get(form)
                .or_else(|| self.function_words.get(form))
            {
                Some(&t) => t,
                None => {
                    features(words, &sc.amb, i, p1, p2, &mut sc.feats);
                    if let Some(r) = right {
                        right_features(words, r, i, p1, &mut sc.feats);
                    }
                    sc.scores.clear();
                    sc.scores.resize(n_classes, 0);
                    w.score(&sc.feats, &mut sc.scores);
                    let t = argmax(&sc.scores);
                    if self.aux_tags.get(t as usize) == Some(&true)
                        && !self.aux_forms.contains_key(&words[i].lower)
                    {
                        for (s, &aux) in sc.scores.iter_mut().zip(&self.aux_tags) {
                            if aux {
                                *s = i32::MIN;
                            }
                        }
                        argmax(&sc.scores)
                    } else {
                        t
                    }
                }
            };
            out.push(t);
            p2 = p1;
            p1 = t as u64;
        }
    }
}

pub(crate) fn argmax(s: &[i32]) -> u16 {
    let mut best = 0usize;
    for (i, &v) in s.iter().enumerate() {
        if v > s[best] {
            best = i;
        }
    }
    best as u16
}

/// One training sentence for the tagger.
pub(crate) struct TagSent {
    pub(crate) words: Vec<WordFeats>,
    pub(crate) tags: Vec<u16>,
}

/// Builds the tag dictionary: words seen at least `min_count` times with one tag in at
/// least `min_ratio` of cases.
pub(crate) fn build_dict(sents: &[&TagSent], min_count: u32, min_ratio: f64) -> FastMap<u64, u16> {
    let mut counts: FastMap<u64, FastMap<u16, u32>> = FastMap::default();
    for s in sents {
        for (w, &t) in s.words.iter().zip(&s.tags) {
            if t != u16::MAX {
                *counts.entry(w.form).or_default().entry(t).or_default() += 1;
            }
        }
    }
    let mut dict = FastMap::default();
    for (&form, tags) in &counts {
        let total: u32 = tags.values().sum();
        // Deterministic: the max is unique or broken by smallest tag id.
        let (&best, &n) = tags
            .iter()
            .max_by_key(|(&t, &n)| (n, std::cmp::Reverse(t)))
            .expect("non-empty");
        if total >= min_count && n as f64 / total as f64 >= min_ratio {
            dict.insert(form, best);
        }
    }
    dict
}

/// Ambiguity classes: for forms (exact and lowercase) seen at least 3 times, the hash of
/// the set of tags covering at least 5% of their occurrences.
pub(crate) fn build_amb(sents: &[&TagSent]) -> FastMap<u64, u64> {
    let mut counts: FastMap<u64, std::collections::BTreeMap<u16, u32>> = FastMap::default();
    for s in sents {
        for (w, &t) in s.words.iter().zip(&s.tags).filter(|x| *x.1 != u16::MAX) {
            *counts.entry(w.form).or_default().entry(t).or_default() += 1;
            *counts.entry(w.lower).or_default().entry(t).or_default() += 1;
        }
    }
    let mut amb = FastMap::default();
    for (&k, tags) in &counts {
        let total: u32 = tags.values().sum();
        if total < 3 {
            continue;
        }
        let mut h = 0x0a3b_u64;
        for (&t, &n) in tags {
            if n as f64 >= 0.05 * total as f64 {
                h = crate::hash::mix(h, t as u64);
            }
        }
        amb.insert(k, h);
    }
    amb
}

/// Trains a tagger for `epochs` epochs; after each epoch `on_epoch(epoch, &tagger)` may
/// evaluate it and returns true to remember it as the best so far. Returns the best (or last)
/// tagger and its epoch (1-based).
pub(crate) fn train(
    sents: &[&TagSent],
    first: Option<(&Weights, &[&Vec<u16>])>,
    n_tags: usize,
    epochs: usize,
    seed: u64,
    mut on_epoch: impl FnMut(usize, &Tagger) -> bool,
) -> (Tagger, usize) {
    let dict = build_dict(sents, 20, 0.97);
    let amb_map = build_amb(sents);
    let mut amb = Vec::new();
    let mut tw = TrainWeights::new(n_tags);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = crate::hash::Rng::new(seed);
    let mut feats = Vec::new();
    let mut scores = vec![0i32; n_tags];
    let mut now: u32 = 0;
    let mut best: Option<(Tagger, usize)> = None;
    for epoch in 1..=epochs.max(1) {
        rng.shuffle(&mut order);
        for &si in &order {
            let s = sents[si];
            let (mut p1, mut p2) = (START, START + 1);
            amb_classes(&amb_map, &s.words, &mut amb);
            for i in 0..s.words.len() {
                let gold = s.tags[i];
                let t = if let Some(&t) = dict.get(&s.words[i].form) {
                    t
                } else if gold as usize >= n_tags {
                    // Tag unknown to the tag set (e.g. only in dev): predict, don't learn.
                    features(&s.words, &amb, i, p1, p2, &mut feats);
                    if let Some((_, r)) = first {
                        right_features(&s.words, r[si], i, p1, &mut feats);
                    }
                    tw.score(&feats, &mut scores);
                    argmax(&scores)
                } else {
                    now += 1;
                    features(&s.words, &amb, i, p1, p2, &mut feats);
                    if let Some((_, r)) = first {
                        right_features(&s.words, r[si], i, p1, &mut feats);
                    }
                    tw.score(&feats, &mut scores);
                    let guess = argmax(&scores);
                    if guess != gold {
                        tw.update(&feats, gold, guess, now);
                    }
                    guess
                };
                p2 = p1;
                p1 = t as u64;
            }
        }
        let tagger = match first {
            None => Tagger {
                weights: tw.averaged(now),
                dict: dict.clone(),
                amb: amb_map.clone(),
                second: None,
                function_words: FastMap::default(),
                aux_tags: Vec::new(),
                aux_forms: FastMap::default(),
            },
            Some((w1, _)) => Tagger {
                weights: w1.clone(),
                dict: dict.clone(),
                amb: amb_map.clone(),
                second: Some(tw.averaged(now)),
                function_words: FastMap::default(),
                aux_tags: Vec::new(),
                aux_forms: FastMap::default(),
            },
        };
        if on_epoch(epoch, &tagger) || best.is_none() {
            best = Some((tagger, epoch));
        }
    }
    best.expect("at least one epoch")
}

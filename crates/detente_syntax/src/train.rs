//! Deterministic training of the whole [`Model`] from CoNLL-U treebanks.
//!
//! 1. Tagger: averaged perceptron over joint (UPOS, XPOS) tags; the epoch with the best
//!    dev accuracy is kept.
//! 2. Jackknifing: the training set is split into `jackknife_folds` folds and each fold is
//!    tagged by a tagger trained on the others, so the parser trains on realistic tags.
//! 3. Lemmatizer: lookup tables and suffix rules from the gold training data.
//! 4. Parser: arc-hybrid, dynamic oracle with exploration, trained on projective training
//!    trees with predicted tags; the epoch with the best dev LAS is kept.
//!    With `parser_ensemble` > 1, further parsers with other seeds are trained for that
//!    epoch count and their weights summed (a score-summing ensemble at no speed cost),
//!    as long as each improves dev LAS.
//! 5. Small weights are pruned while dev scores stay within `prune_tolerance` of the best.
//! 6. With `refit_with_dev`, tagger, lemmatizer and parser are retrained on train + dev
//!    with the epochs and pruning thresholds chosen above (dev uses predicted tags).
//!
//! Everything is seeded and order-independent of hash maps, so the same inputs and
//! config give a byte-identical model.

use crate::conllu::ConlluSentence;
use crate::features::{FeatScratch, WordFeats};
use crate::lemma::Lemmatizer;
use crate::model::Model;
use crate::parser::{self, PTok, ParseScratch, State, SHIFT};
use crate::tagger::{self, TagScratch, TagSent, Tagger};
use crate::weights::{Scorer, TrainWeights, Weights};
use std::collections::BTreeSet;
use std::time::Instant;

/// Training hyper-parameters. [`TrainConfig::default`] produced the committed model.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Maximum tagger epochs (best dev epoch kept). Default 12.
    pub tagger_epochs: usize,
    /// Maximum parser epochs (best dev epoch kept). Default 12.
    pub parser_epochs: usize,
    /// Folds for jackknifed training tags (0 or 1 = use the final tagger). Default 2:
    /// taggers trained on half the data give training tags about as noisy as on new text.
    pub jackknife_folds: usize,
    /// Parser epochs trained with the static (gold-following) oracle before exploring.
    /// Default 1.
    pub explore_after: usize,
    /// Probability of following the model's own prediction when exploring. Default 0.9.
    pub explore_prob: f64,
    /// Train a second tagger pass that sees the first pass's tags to the right. Default true.
    pub two_pass_tagger: bool,
    /// After choosing epochs and pruning on dev, retrain tagger, lemmatizer and parser on
    /// train + dev with those settings (dev sentences use predicted tags). Default true.
    pub refit_with_dev: bool,
    /// Seed for shuffling and exploration. Default 1.
    pub seed: u64,
    /// Small weights are pruned as long as the dev score stays within this many points of
    /// the best score seen so far (unpruned or less pruned). Default 0.1.
    pub prune_tolerance: f64,
    /// Maximum number of parsers (differing in seed) whose weights are summed into one
    /// score-summing ensemble; each extra member is kept only if it improves dev LAS.
    /// Default 2.
    pub parser_ensemble: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            tagger_epochs: 12,
            parser_epochs: 12,
            jackknife_folds: 2,
            explore_after: 1,
            explore_prob: 0.9,
            two_pass_tagger: true,
            refit_with_dev: true,
            seed: 1,
            prune_tolerance: 0.1,
            parser_ensemble: 2,
        }
    }
}

struct Tables {
    upos: Vec<crate::model::Upos>,
    amb: crate::hash::FastMap<u64, u64>,
    tags: Vec<(String, String)>,
    labels: Vec<String>,
    root: u16,
}

impl Tables {
    fn tag(&self, upos: &str, xpos: &str) -> u16 {
        self.tags
            .binary_search_by(|t| (t.0.as_str(), t.1.as_str()).cmp(&(upos, xpos)))
            .map(|i| i as u16)
            .unwrap_or(u16::MAX)
    }
    fn label(&self, l: &str) -> u16 {
        self.labels
            .binary_search_by(|x| x.as_str().cmp(l))
            .map(|i| i as u16)
            .unwrap_or(u16::MAX)
    }
}

fn tag_sents(sents: &[ConlluSentence], t: &Tables) -> Vec<TagSent> {
    let mut fs = FeatScratch::default();
    sents
        .iter()
        .map(|s| TagSent {
            words: s.words.iter().map(|w| fs.word(&w.form)).collect(),
            tags: s.words.iter().map(|w| t.tag(&w.upos, &w.xpos)).collect(),
        })
        .collect()
}

fn accuracy(pred: &[Vec<u16>], gold: &[TagSent]) -> f64 {
    let ok: usize = pred
        .iter()
        .zip(gold)
        .map(|(a, s)| a.iter().zip(&s.tags).filter(|(x, y)| x == y).count())
        .sum();
    100.0 * ok as f64 / gold.iter().map(|s| s.tags.len()).sum::<usize>().max(1) as f64
}

fn tag_accuracy(tagger: &Tagger, sents: &[TagSent]) -> f64 {
    let (mut ok, mut n) = (0usize, 0usize);
    let mut out = Vec::new();
    let mut sc = TagScratch::default();
    for s in sents {
        tagger.tag(&s.words, &mut out, &mut sc);
        ok += out.iter().zip(&s.tags).filter(|(a, b)| a == b).count();
        n += s.tags.len();
    }
    100.0 * ok as f64 / n.max(1) as f64
}

struct ParseSent {
    toks: Vec<PTok>,
    heads: Vec<u32>,
    labels: Vec<u16>,
}

fn parse_sent(words: &[WordFeats], tags: &[u16], s: &ConlluSentence, t: &Tables) -> ParseSent {
    let mut toks = Vec::new();
    PTok::sentence(words, tags, &t.upos, &t.amb, &mut toks);
    let mut heads = vec![0u32];
    heads.extend(s.words.iter().map(|w| w.head));
    let mut labels = vec![0u16];
    labels.extend(s.words.iter().map(|w| t.label(&w.deprel)));
    ParseSent {
        toks,
        heads,
        labels,
    }
}

/// (UAS, LAS) of `w` on `sents`.
fn parse_scores(w: &impl Scorer, sents: &[ParseSent], root: u16) -> (f64, f64) {
    let mut sc = ParseScratch::default();
    let (mut u, mut l, mut n) = (0usize, 0usize, 0usize);
    for s in sents {
        parser::parse(w, &s.toks, root, &mut sc);
        for i in 1..s.heads.len() {
            n += 1;
            if sc.state.heads[i] == s.heads[i] {
                u += 1;
                if sc.state.labels[i] == s.labels[i] {
                    l += 1;
                }
            }
        }
    }
    (
        100.0 * u as f64 / n.max(1) as f64,
        100.0 * l as f64 / n.max(1) as f64,
    )
}

/// Trains the parser for `epochs` epochs; with `dev` = (predicted-tag dev, gold-tag dev)
/// the best-LAS epoch is returned, otherwise the last one. Returns (weights, epoch, UAS, LAS).
#[allow(clippy::too_many_arguments)]
fn train_parser(
    train_ps: &[&ParseSent],
    dev: Option<(&[ParseSent], &[ParseSent])>,
    epochs: usize,
    n_classes: usize,
    root: u16,
    config: &TrainConfig,
    log: &mut dyn FnMut(&str),
    start: Instant,
    member: u64,
) -> (Weights, usize, f64, f64) {
    let mut tw = TrainWeights::new(n_classes);
    let mut rng =
        crate::hash::Rng::new(config.seed ^ 0x5eed ^ member.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let mut order: Vec<usize> = (0..train_ps.len()).collect();
    let mut st = State::default();
    let mut feats = Vec::new();
    let mut scores = Vec::new();
    let mut now = 0u32;
    let mut best: Option<(Weights, usize, f64, f64)> = None;
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        let explore = epoch > config.explore_after;
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = train_ps[si];
            st.reset_for(&s.toks);
            while !st.terminal() {
                st.features(&s.toks, &mut feats);
                tw.scores(&feats, &mut scores);
                let uc = st.costs(&s.heads);
                let s0 = *st.stack.last().unwrap_or(&0) as usize;
                let s1 = if st.stack.len() >= 2 {
                    st.stack[st.stack.len() - 2]
                } else {
                    0
                };
                let cost = |c: u16| -> u32 {
                    if c == SHIFT {
                        return uc[0];
                    }
                    let l = (c - 1) / 2;
                    let (m, head) = if c % 2 == 1 { (1, st.b) } else { (2, s1) };
                    if uc[m] == u32::MAX {
                        return u32::MAX;
                    }
                    uc[m] + (s.heads[s0] == head && s.labels[s0] != l) as u32
                };
                let mut pred = u16::MAX;
                let mut gold = u16::MAX;
                let mut min_cost = u32::MAX;
                for c in 0..n_classes as u16 {
                    if !st.valid(c, root) {
                        continue;
                    }
                    min_cost = min_cost.min(cost(c));
                    if pred == u16::MAX || scores[c as usize] > scores[pred as usize] {
                        pred = c;
                    }
                }
                for c in 0..n_classes as u16 {
                    if st.valid(c, root)
                        && cost(c) == min_cost
                        && (gold == u16::MAX || scores[c as usize] > scores[gold as usize])
                    {
                        gold = c;
                    }
                }
                if pred == u16::MAX || gold == u16::MAX {
                    break;
                }
                now += 1;
                total += 1;
                if cost(pred) > min_cost {
                    tw.update(&feats, gold, pred, now);
                } else {
                    correct += 1;
                }
                let follow = if explore && rng.next_f64() < config.explore_prob {
                    pred
                } else {
                    gold
                };
                st.apply(follow);
            }
        }
        let train_acc = 100.0 * correct as f64 / total.max(1) as f64;
        if let Some((dev_ps, dev_gold_ps)) = dev {
            let avg = tw.averaged(now);
            let (uas, las) = parse_scores(&avg, dev_ps, root);
            let (guas, glas) = parse_scores(&avg, dev_gold_ps, root);
            log(&format!(
                "parser epoch {epoch}: train move accuracy {train_acc:.2}%, dev UAS {uas:.2} LAS {las:.2} (gold tags {guas:.2}/{glas:.2}), {} weights ({:.0?})",
                avg.n_entries(),
                start.elapsed()
            ));
            if best.as_ref().is_none_or(|b| las > b.3) {
                best = Some((avg, epoch, uas, las));
            }
        } else {
            log(&format!(
                "parser epoch {epoch}: train move accuracy {train_acc:.2}% ({:.0?})",
                start.elapsed()
            ));
        }
    }
    match best {
        Some(b) => b,
        None => (tw.averaged(now), epochs, 0.0, 0.0),
    }
}

/// Drops ever larger small weights while the dev score stays within `tol` of `base`.
fn prune(
    w: &Weights,
    base: f64,
    tol: f64,
    what: &str,
    log: &mut dyn FnMut(&str),
    eval: impl Fn(&Weights) -> f64,
) -> (Weights, i16) {
    let mut best = (w.clone(), 0);
    let mut top = base;
    for t in [4i16, 8, 12, 16, 24, 32, 48, 64, 96, 128] {
        let p = w.pruned(t);
        let acc = eval(&p);
        log(&format!(
            "prune |w| < {t}: {} of {} weights left, {what} {acc:.2}",
            p.n_entries(),
            w.n_entries()
        ));
        if acc + tol < top {
            break;
        }
        top = top.max(acc);
        best = (p, t);
    }
    best
}

/// Trains a model. `dev` selects the best epochs; `log` receives progress lines.
pub fn train(
    train: &[ConlluSentence],
    dev: &[ConlluSentence],
    config: &TrainConfig,
    log: &mut dyn FnMut(&str),
) -> Model {
    let start = Instant::now();
    // Tables (sorted → deterministic ids).
    let tags: BTreeSet<(String, String)> = train
        .iter()
        .flat_map(|s| s.words.iter().map(|w| (w.upos.clone(), w.xpos.clone())))
        .collect();
    let mut tags: Vec<(String, String)> = tags.into_iter().collect();
    if tags.is_empty() {
        tags.push(("X".into(), "_".into()));
    }
    let mut labels: BTreeSet<String> = train
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
        .collect();
    labels.insert("root".into());
    labels.insert("dep".into());
    let labels: Vec<String> = labels.into_iter().collect();
    let root = labels.iter().position(|l| l == "root").expect("inserted") as u16;
    let upos = tags
        .iter()
        .map(|t| crate::model::Upos::from_name(&t.0).unwrap_or(crate::model::Upos::X))
        .collect();
    let mut tables = Tables {
        upos,
        amb: Default::default(),
        tags,
        labels,
        root,
    };
    let n_tags = tables.tags.len();
    log(&format!(
        "training on {} sentences ({} words), dev {} sentences; {} tags, {} labels",
        train.len(),
        train.iter().map(|s| s.words.len()).sum::<usize>(),
        dev.len(),
        n_tags,
        tables.labels.len()
    ));

    // 1. Tagger.
    let train_ts = tag_sents(train, &tables);
    let dev_ts = tag_sents(dev, &tables);
    let all: Vec<&TagSent> = train_ts.iter().collect();
    let mut best_acc = -1.0;
    let (tagger1, tag_epoch) = tagger::train(
        &all,
        None,
        n_tags,
        config.tagger_epochs,
        config.seed,
        |ep, t| {
            let acc = tag_accuracy(t, &dev_ts);
            log(&format!(
                "tagger epoch {ep}: dev tag accuracy {acc:.2}% ({:.0?})",
                start.elapsed()
            ));
            if acc > best_acc {
                best_acc = acc;
                true
            } else {
                false
            }
        },
    );
    log(&format!(
        "tagger: keeping epoch {tag_epoch} (dev {best_acc:.2}%)"
    ));
    tables.amb = tagger1.amb.clone();

    // 2. Jackknifed first-pass tags (context for the second pass and parser training data).
    let k = config.jackknife_folds.max(1);
    let folds = if k >= 2 && train_ts.len() >= k { k } else { 1 };
    let fold_of = |i: usize| i % folds;
    let mut jk1: Vec<Vec<u16>> = vec![Vec::new(); train_ts.len()];
    let mut fold_taggers: Vec<Tagger> = Vec::new();
    if config.parser_epochs > 0 || config.two_pass_tagger {
        for fold in 0..folds {
            let t = if folds == 1 {
                tagger1.clone()
            } else {
                let rest: Vec<&TagSent> = train_ts
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| fold_of(*i) != fold)
                    .map(|(_, s)| s)
                    .collect();
                tagger::train(
                    &rest,
                    None,
                    n_tags,
                    tag_epoch,
                    config.seed + 1 + fold as u64,
                    |_, _| true,
                )
                .0
            };
            let mut sc = TagScratch::default();
            for (i, s) in train_ts
                .iter()
                .enumerate()
                .filter(|(i, _)| fold_of(*i) == fold)
            {
                t.tag(&s.words, &mut jk1[i], &mut sc);
            }
            fold_taggers.push(t);
        }
        log(&format!(
            "jackknifed first-pass tags: accuracy {:.2}% ({:.0?})",
            accuracy(&jk1, &train_ts),
            start.elapsed()
        ));
    }

    // 3. Optional second pass.
    let mut tagger = tagger1.clone();
    let mut train_tags = jk1.clone();
    let mut second_epoch = None;
    if config.two_pass_tagger {
        let refs: Vec<&Vec<u16>> = jk1.iter().collect();
        let mut best2 = -1.0;
        let (t2, e2) = tagger::train(
            &all,
            Some((&tagger1.weights, &refs)),
            n_tags,
            config.tagger_epochs,
            config.seed + 100,
            |ep, t| {
                let acc = tag_accuracy(t, &dev_ts);
                log(&format!(
                    "second-pass tagger epoch {ep}: dev tag accuracy {acc:.2}% ({:.0?})",
                    start.elapsed()
                ));
                if acc > best2 {
                    best2 = acc;
                    true
                } else {
                    false
                }
            },
        );
        if best2 > best_acc {
            log(&format!(
                "second pass: keeping epoch {e2} (dev {best2:.2}%)"
            ));
            second_epoch = Some(e2);
            best_acc = best2;
            tagger = t2;
            if config.parser_epochs > 0 && folds > 1 {
                for (fold, t1) in fold_taggers.iter().enumerate() {
                    let idx: Vec<usize> = (0..train_ts.len())
                        .filter(|&i| fold_of(i) != fold)
                        .collect();
                    let rest: Vec<&TagSent> = idx.iter().map(|&i| &train_ts[i]).collect();
                    let r: Vec<&Vec<u16>> = idx.iter().map(|&i| &jk1[i]).collect();
                    let (t, _) = tagger::train(
                        &rest,
                        Some((&t1.weights, &r)),
                        n_tags,
                        e2,
                        config.seed + 200 + fold as u64,
                        |_, _| true,
                    );
                    let mut sc = TagScratch::default();
                    for (i, s) in train_ts
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| fold_of(*i) == fold)
                    {
                        t.tag(&s.words, &mut train_tags[i], &mut sc);
                    }
                }
                log(&format!(
                    "jackknifed two-pass tags: accuracy {:.2}% ({:.0?})",
                    accuracy(&train_tags, &train_ts),
                    start.elapsed()
                ));
            }
        } else {
            log("second pass does not help on dev; using one pass");
        }
    }
    drop(fold_taggers);

    // 3. Lemmatizer.
    let lemmatizer = Lemmatizer::train(train.iter().flat_map(|s| {
        s.words.iter().map(|w| {
            (
                w.form.as_str(),
                tables.tag(&w.upos, &w.xpos),
                w.lemma.as_str(),
            )
        })
    }));

    // 4. Parser.
    let train_ps: Vec<ParseSent> = train
        .iter()
        .zip(&train_ts)
        .zip(&train_tags)
        .map(|((s, ts), tg)| parse_sent(&ts.words, tg, s, &tables))
        .filter(|p| parser::is_projective(&p.heads) && p.labels.iter().all(|&l| l != u16::MAX))
        .collect();
    let dev_gold_ps: Vec<ParseSent> = dev
        .iter()
        .zip(&dev_ts)
        .map(|(s, ts)| parse_sent(&ts.words, &ts.tags, s, &tables))
        .collect();
    let mut dev_ps = Vec::new();
    {
        let mut sc = TagScratch::default();
        let mut out = Vec::new();
        for (s, ts) in dev.iter().zip(&dev_ts) {
            tagger.tag(&ts.words, &mut out, &mut sc);
            dev_ps.push(parse_sent(&ts.words, &out, s, &tables));
        }
    }
    log(&format!(
        "parser: {} projective training sentences",
        train_ps.len()
    ));
    let n_classes = 1 + 2 * tables.labels.len();
    let train_refs: Vec<&ParseSent> = train_ps.iter().collect();
    let (parser_w, p_epoch, uas, las) = train_parser(
        &train_refs,
        Some((&dev_ps, &dev_gold_ps)),
        config.parser_epochs,
        n_classes,
        tables.root,
        config,
        log,
        start,
        0,
    );
    log(&format!(
        "parser: keeping epoch {p_epoch} (dev UAS {uas:.2} LAS {las:.2})"
    ));
    // Ensemble: more parsers trained with other seeds for the chosen epochs; summing the
    // weights of linear models sums their scores, so this costs no parsing speed. A member
    // is kept only if it improves dev LAS.
    let members = config.parser_ensemble.max(1) as u64;
    let (mut parser_w, mut uas, mut las, mut ensemble) = (parser_w, uas, las, 1u64);
    for m in 1..members {
        let (w2, _, _, _) = train_parser(
            &train_refs,
            None,
            p_epoch,
            n_classes,
            tables.root,
            config,
            log,
            start,
            m,
        );
        let sum = parser_w.sum(&w2);
        let (u2, l2) = parse_scores(&sum, &dev_ps, tables.root);
        log(&format!(
            "parser ensemble of {}: dev UAS {u2:.2} LAS {l2:.2}, {} weights ({:.0?})",
            m + 1,
            sum.n_entries(),
            start.elapsed()
        ));
        if l2 > las {
            (parser_w, uas, las, ensemble) = (sum, u2, l2, m + 1);
        } else {
            break;
        }
    }
    let (mut parser_w, threshold) = if config.parser_epochs > 0 {
        prune(
            &parser_w,
            las,
            config.prune_tolerance,
            "parser dev LAS",
            log,
            |w| parse_scores(w, &dev_ps, tables.root).1,
        )
    } else {
        (parser_w, 0)
    };
    // Prune the tagger passes the same way.
    let (w1, tag_thr1) = prune(
        &tagger.weights,
        best_acc,
        config.prune_tolerance,
        "tagger dev accuracy",
        log,
        |w| {
            tag_accuracy(
                &Tagger {
                    weights: w.clone(),
                    ..tagger.clone()
                },
                &dev_ts,
            )
        },
    );
    let mut tagger = Tagger {
        weights: w1,
        ..tagger
    };
    let mut tag_thr2 = 0;
    if let Some(second) = tagger.second.clone() {
        let (w2, t2) = prune(
            &second,
            best_acc,
            config.prune_tolerance,
            "second-pass dev accuracy",
            log,
            |w| {
                tag_accuracy(
                    &Tagger {
                        second: Some(w.clone()),
                        ..tagger.clone()
                    },
                    &dev_ts,
                )
            },
        );
        tagger.second = Some(w2);
        tag_thr2 = t2;
    }
    let mut lemmatizer = lemmatizer;
    let mut refit = "";
    if config.refit_with_dev && p_epoch > 0 && !dev.is_empty() {
        // Retrain everything on train + dev with the chosen epochs and pruning threshold.
        refit = ", refit on train+dev";
        let combined_ts: Vec<&TagSent> = train_ts.iter().chain(dev_ts.iter()).collect();
        let t1 = tagger::train(
            &combined_ts,
            None,
            n_tags,
            tag_epoch,
            config.seed,
            |_, _| true,
        )
        .0;
        let mut new_tagger = t1.clone();
        if let Some(e2) = second_epoch {
            let mut dev1 = vec![Vec::new(); dev_ts.len()];
            let mut sc = TagScratch::default();
            for (i, s) in dev_ts.iter().enumerate() {
                tagger1.tag(&s.words, &mut dev1[i], &mut sc);
            }
            let refs: Vec<&Vec<u16>> = jk1.iter().chain(dev1.iter()).collect();
            new_tagger = tagger::train(
                &combined_ts,
                Some((&t1.weights, &refs)),
                n_tags,
                e2,
                config.seed + 100,
                |_, _| true,
            )
            .0;
        }
        tables.amb = new_tagger.amb.clone();
        let dev_pred: Vec<Vec<u16>> = dev_ps
            .iter()
            .map(|p| p.toks[1..].iter().map(|t| t.t as u16).collect())
            .collect();
        let all_ps: Vec<ParseSent> = train
            .iter()
            .zip(&train_ts)
            .zip(&train_tags)
            .chain(dev.iter().zip(&dev_ts).zip(&dev_pred))
            .map(|((s, ts), tg)| parse_sent(&ts.words, tg, s, &tables))
            .filter(|p| parser::is_projective(&p.heads) && p.labels.iter().all(|&l| l != u16::MAX))
            .collect();
        let refs: Vec<&ParseSent> = all_ps.iter().collect();
        log(&format!(
            "refit: parser on {} sentences for {p_epoch} epochs",
            refs.len()
        ));
        let (mut w, _, _, _) = train_parser(
            &refs,
            None,
            p_epoch,
            n_classes,
            tables.root,
            config,
            log,
            start,
            0,
        );
        for m in 1..ensemble {
            let (w2, _, _, _) = train_parser(
                &refs,
                None,
                p_epoch,
                n_classes,
                tables.root,
                config,
                log,
                start,
                m,
            );
            w = w.sum(&w2);
        }
        parser_w = if threshold > 0 {
            w.pruned(threshold)
        } else {
            w
        };
        tagger = Tagger {
            weights: if tag_thr1 > 0 {
                new_tagger.weights.pruned(tag_thr1)
            } else {
                new_tagger.weights.clone()
            },
            second: new_tagger.second.as_ref().map(|w| {
                if tag_thr2 > 0 {
                    w.pruned(tag_thr2)
                } else {
                    w.clone()
                }
            }),
            ..new_tagger
        };
        lemmatizer = Lemmatizer::train(train.iter().chain(dev.iter()).flat_map(|s| {
            s.words.iter().map(|w| {
                (
                    w.form.as_str(),
                    tables.tag(&w.upos, &w.xpos),
                    w.lemma.as_str(),
                )
            })
        }));
    }
    let info = format!(
        "UD English EWT; tagger epoch {tag_epoch} (dev tags {best_acc:.2}%), parser epoch {p_epoch} x {ensemble} (dev UAS {uas:.2} LAS {las:.2}), prune below {threshold}{refit}; {config:?}"
    );
    Model::assemble(
        info,
        tables.tags,
        tables.labels,
        tables.root,
        tagger,
        lemmatizer,
        parser_w,
    )
}

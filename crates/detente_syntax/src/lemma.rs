//! Lemmatizer: exact `(form, tag)` lookup learned from training data, then a
//! `(lowercase form, tag)` edit table, then the most frequent suffix edit rule
//! ("strip k chars, append s") for the longest known `(suffix, tag)`. Forms without
//! letters (numbers, punctuation) are their own lemma. Case: PROPN keeps the form's case,
//! everything else is lowercased (exact-table hits return the training lemma verbatim).

use crate::hash::{hash_bytes, mix, FastMap};
use serde::{Deserialize, Serialize};

const MAX_SUFFIX: usize = 6;

/// Serialisable lemmatizer tables (sorted, deterministic).
#[derive(Serialize, Deserialize, Clone, Debug, Default)]
pub(crate) struct LemmaData {
    pub(crate) rules: Vec<(u16, String)>,
    pub(crate) exact: Vec<(u64, String)>,
    pub(crate) lower: Vec<(u64, u32)>,
    pub(crate) suffix: Vec<(u64, u32)>,
}

/// Runtime lemmatizer.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lemmatizer {
    pub(crate) data: LemmaData,
    exact: FastMap<u64, u32>,
    lower: FastMap<u64, u32>,
    suffix: FastMap<u64, u32>,
}

fn exact_key(norm: &str, tag: u16) -> u64 {
    mix(hash_bytes(norm.as_bytes()), 0xe0_0000 + tag as u64)
}
fn lower_key(lower: &str, tag: u16) -> u64 {
    mix(hash_bytes(lower.as_bytes()), 0x10_0000 + tag as u64)
}
fn suffix_key(lower: &str, len: usize, tag: u16) -> u64 {
    let start = lower
        .char_indices()
        .rev()
        .nth(len.saturating_sub(1))
        .map(|x| x.0)
        .unwrap_or(0);
    let start = if len == 0 { lower.len() } else { start };
    mix(
        hash_bytes(&lower.as_bytes()[start..]),
        ((len as u64) << 20) + tag as u64,
    )
}

/// Edit turning `form` into `lemma` (both lowercase): chars to strip, suffix to append.
fn edit(form: &str, lemma: &str) -> (u16, String) {
    let f: Vec<char> = form.chars().collect();
    let l: Vec<char> = lemma.chars().collect();
    let lcp = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
    (
        (f.len() - lcp).min(u16::MAX as usize) as u16,
        l[lcp..].iter().collect(),
    )
}

fn lowercase(s: &str) -> String {
    s.chars().flat_map(|c| c.to_lowercase()).collect()
}

impl Lemmatizer {
    pub(crate) fn from_data(data: LemmaData) -> Result<Lemmatizer, String> {
        let n_rules = data.rules.len() as u32;
        if data
            .lower
            .iter()
            .chain(&data.suffix)
            .any(|&(_, r)| r >= n_rules)
        {
            return Err("lemma rule id out of range".into());
        }
        let exact = data
            .exact
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (*k, i as u32))
            .collect();
        let lower = data.lower.iter().copied().collect();
        let suffix = data.suffix.iter().copied().collect();
        Ok(Lemmatizer {
            data,
            exact,
            lower,
            suffix,
        })
    }

    /// Learns the tables from `(form, tag, lemma, is_propn)` training tuples.
    pub(crate) fn train<'a>(items: impl Iterator<Item = (&'a str, u16, &'a str)>) -> Lemmatizer {
        let mut norm = String::new();
        // Counts keyed deterministically (BTreeMap for ordered output).
        let mut exact: std::collections::BTreeMap<u64, std::collections::BTreeMap<String, u32>> =
            Default::default();
        let mut lower: std::collections::BTreeMap<
            u64,
            std::collections::BTreeMap<(u16, String), u32>,
        > = Default::default();
        let mut types: std::collections::BTreeSet<(String, u16, (u16, String))> =
            Default::default();
        for (form, tag, lemma) in items {
            if lemma == "_" || lemma.is_empty() {
                continue;
            }
            crate::features::normalize(form, &mut norm);
            *exact
                .entry(exact_key(&norm, tag))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
            let lf = lowercase(&norm);
            let e = edit(&lf, &lowercase(lemma));
            *lower
                .entry(lower_key(&lf, tag))
                .or_default()
                .entry(e.clone())
                .or_default() += 1;
            types.insert((lf, tag, e));
        }
        let mut rules: Vec<(u16, String)> = Vec::new();
        let mut rule_ids: std::collections::BTreeMap<(u16, String), u32> = Default::default();
        let mut rule_id = |r: &(u16, String), rules: &mut Vec<(u16, String)>| -> u32 {
            *rule_ids.entry(r.clone()).or_insert_with(|| {
                rules.push(r.clone());
                (rules.len() - 1) as u32
            })
        };
        fn best<K: Ord + Clone>(m: &std::collections::BTreeMap<K, u32>) -> K {
            // highest count, ties broken by smallest key
            let mut it = m.iter();
            let (mut bk, mut bn) = it.next().map(|(k, &n)| (k, n)).expect("non-empty");
            for (k, &n) in it {
                if n > bn {
                    bk = k;
                    bn = n;
                }
            }
            bk.clone()
        }
        let mut data = LemmaData::default();
        for (k, m) in &exact {
            data.exact.push((*k, best(m)));
        }
        for (k, m) in &lower {
            let r = best(m);
            let id = rule_id(&r, &mut rules);
            data.lower.push((*k, id));
        }
        let mut suffix: std::collections::BTreeMap<
            u64,
            std::collections::BTreeMap<(u16, String), u32>,
        > = Default::default();
        for (lf, tag, e) in &types {
            let n = lf.chars().count();
            for len in 0..=MAX_SUFFIX.min(n) {
                if (e.0 as usize) > len && len < n {
                    // the rule must be explained by the suffix (or be the full word)
                    continue;
                }
                *suffix
                    .entry(suffix_key(lf, len, *tag))
                    .or_default()
                    .entry(e.clone())
                    .or_default() += 1;
            }
        }
        for (k, m) in &suffix {
            let r = best(m);
            let id = rule_id(&r, &mut rules);
            data.suffix.push((*k, id));
        }
        data.rules = rules;
        Lemmatizer::from_data(data).expect("fresh tables are valid")
    }

    /// Lemma of `form` with tag `tag`; `propn` selects case-keeping.
    pub(crate) fn lemma(
        &self,
        form: &str,
        norm: &str,
        lower: &str,
        tag: u16,
        propn: bool,
    ) -> String {
        if let Some(&i) = self.exact.get(&exact_key(norm, tag)) {
            return self.data.exact[i as usize].1.clone();
        }
        if !form.chars().any(|c| c.is_alphabetic()) {
            return form.to_string();
        }
        let rule = self.lower.get(&lower_key(lower, tag)).copied().or_else(|| {
            let n = lower.chars().count();
            (0..=MAX_SUFFIX.min(n))
                .rev()
                .find_map(|len| self.suffix.get(&suffix_key(lower, len, tag)).copied())
        });
        let base = if propn { form } else { lower };
        let mut out = match rule.and_then(|r| self.data.rules.get(r as usize)) {
            Some((strip, app)) => {
                let n = base.chars().count();
                if (*strip as usize) < n {
                    let keep = base
                        .char_indices()
                        .nth(n - *strip as usize)
                        .map(|x| x.0)
                        .unwrap_or(base.len());
                    let mut s = String::with_capacity(keep + app.len());
                    s.push_str(&base[..keep]);
                    s.push_str(app);
                    s
                } else {
                    base.to_string()
                }
            }
            None => base.to_string(),
        };
        if out.is_empty() {
            out = form.to_string();
        }
        out
    }
}

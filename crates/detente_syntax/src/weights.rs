//! Sparse averaged-perceptron weights.
//!
//! [`TrainWeights`] holds integer weights with lazy averaging during training.
//! [`Weights`] is the compact runtime form: an open-addressing table from 64-bit feature
//! keys to a run of `(class, weight)` entries, so scoring touches only non-zero weights.
//! On disk ([`WeightsData`]) keys are sorted and delta-encoded and weights are quantised
//! to `i16` with one scale factor (1/32 resolution unless the largest weight needs less).

use crate::hash::FastMap;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug)]
struct TEntry {
    class: u16,
    w: i32,
    total: i64,
    ts: u32,
}

/// Training-time weights (integer perceptron with lazy averaging).
#[derive(Default)]
pub(crate) struct TrainWeights {
    map: FastMap<u64, Vec<TEntry>>,
    n_classes: usize,
}

impl TrainWeights {
    pub(crate) fn new(n_classes: usize) -> Self {
        TrainWeights {
            map: FastMap::default(),
            n_classes,
        }
    }

    /// Adds the current (non-averaged) weights of `feats` into `scores`.
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [i32]) {
        for s in scores.iter_mut() {
            *s = 0;
        }
        for f in feats {
            if let Some(row) = self.map.get(f) {
                for e in row {
                    scores[e.class as usize] += e.w;
                }
            }
        }
    }

    /// Perceptron update: +1 for `gold`, -1 for `pred` on every feature; `now` is the
    /// number of training instances seen so far (for averaging).
    pub(crate) fn update(&mut self, feats: &[u64], gold: u16, pred: u16, now: u32) {
        for &f in feats {
            let row = self.map.entry(f).or_default();
            for (c, d) in [(gold, 1i32), (pred, -1i32)] {
                match row.iter_mut().find(|e| e.class == c) {
                    Some(e) => {
                        e.total += e.w as i64 * (now - e.ts) as i64;
                        e.ts = now;
                        e.w += d;
                    }
                    None => row.push(TEntry {
                        class: c,
                        w: d,
                        total: 0,
                        ts: now,
                    }),
                }
            }
        }
    }

    /// Averaged weights, quantised, as a runtime table.
    pub(crate) fn averaged(&self, now: u32) -> Weights {
        let now_f = now.max(1) as f64;
        let mut keys: Vec<u64> = self.map.keys().copied().collect();
        keys.sort_unstable();
        let mut rows: Vec<(u64, Vec<(u16, f64)>)> = Vec::with_capacity(keys.len());
        let mut max = 0f64;
        for k in keys {
            let row = &self.map[&k];
            let mut r: Vec<(u16, f64)> = row
                .iter()
                .map(|e| {
                    let tot = e.total + e.w as i64 * (now.saturating_sub(e.ts)) as i64;
                    (e.class, tot as f64 / now_f)
                })
                .filter(|&(_, v)| v != 0.0)
                .collect();
            r.sort_unstable_by_key(|x| x.0);
            for &(_, v) in &r {
                max = max.max(v.abs());
            }
            if !r.is_empty() {
                rows.push((k, r));
            }
        }
        // Fixed resolution of 1/32 (averaged weights are mostly small), unless that would overflow.
        let scale = if max > 0.0 {
            (32767.0 / max).min(32.0)
        } else {
            1.0
        };
        let mut data = WeightsData {
            n_classes: self.n_classes as u32,
            scale: scale as f32,
            key_deltas: Vec::with_capacity(rows.len()),
            lens: Vec::with_capacity(rows.len()),
            classes: Vec::new(),
            values: Vec::new(),
        };
        let mut prev = 0u64;
        for (k, r) in rows {
            let mut n = 0u32;
            for (c, v) in r {
                let q = (v * scale).round().clamp(-32767.0, 32767.0) as i16;
                if q != 0 {
                    data.classes.push(c);
                    data.values.push(q);
                    n += 1;
                }
            }
            if n > 0 {
                data.key_deltas.push(k.wrapping_sub(prev));
                prev = k;
                data.lens.push(n);
            }
        }
        Weights::from_data(data).expect("freshly built weights are valid")
    }
}

/// Serialised weights (see module docs).
#[derive(Serialize, Deserialize, Clone, Debug, Default)]
pub(crate) struct WeightsData {
    pub(crate) n_classes: u32,
    pub(crate) scale: f32,
    pub(crate) key_deltas: Vec<u64>,
    pub(crate) lens: Vec<u32>,
    pub(crate) classes: Vec<u16>,
    pub(crate) values: Vec<i16>,
}

#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    key: u64,
    start: u32,
    len: u32,
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    class: u16,
    w: i16,
}

/// Runtime weights.
#[derive(Clone, Debug, Default)]
pub(crate) struct Weights {
    n_classes: usize,
    mask: usize,
    slots: Vec<Slot>,
    entries: Vec<Entry>,
    data: WeightsData,
}

impl Weights {
    pub(crate) fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub(crate) fn n_entries(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn data(&self) -> &WeightsData {
        &self.data
    }

    /// Builds the lookup table, validating everything (corrupt data gives `Err`).
    pub(crate) fn from_data(d: WeightsData) -> Result<Weights, String> {
        let n_classes = d.n_classes as usize;
        if n_classes == 0 || n_classes > 4096 {
            return Err(format!("bad class count {n_classes}"));
        }
        if d.key_deltas.len() != d.lens.len() {
            return Err("key and length tables differ in size".into());
        }
        if d.classes.len() != d.values.len() {
            return Err("class and value tables differ in size".into());
        }
        let total: u64 = d.lens.iter().map(|&l| l as u64).sum();
        if total != d.classes.len() as u64 {
            return Err("row lengths do not add up to the entry count".into());
        }
        if !(d.scale.is_finite() && d.scale > 0.0) {
            return Err("bad weight scale".into());
        }
        if d.classes.iter().any(|&c| c as usize >= n_classes) {
            return Err("class id out of range".into());
        }
        let entries: Vec<Entry> = d
            .classes
            .iter()
            .zip(&d.values)
            .map(|(&c, &v)| Entry { class: c, w: v })
            .collect();
        // Load factor between 0.375 and 0.75: linear probing stays short, the table compact.
        let n = d.lens.len();
        let cap = (n + n / 3 + 1).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![Slot::default(); cap];
        let mut key = 0u64;
        let mut start = 0u32;
        for (&delta, &len) in d.key_deltas.iter().zip(&d.lens) {
            key = key.wrapping_add(delta);
            if key == 0 {
                return Err("zero feature key".into());
            }
            let mut i = (key as usize) & mask;
            loop {
                let s = &mut slots[i];
                if s.key == 0 {
                    *s = Slot { key, start, len };
                    break;
                }
                if s.key == key {
                    return Err("duplicate feature key".into());
                }
                i = (i + 1) & mask;
            }
            start += len;
        }
        Ok(Weights {
            n_classes,
            mask,
            slots,
            entries,
            data: d,
        })
    }

    /// Decoded `(key, class, weight)` triples, sorted by key then class.
    fn triples(&self) -> Vec<(u64, u16, f64)> {
        let d = &self.data;
        let inv = 1.0 / d.scale as f64;
        let mut out = Vec::with_capacity(d.values.len());
        let mut key = 0u64;
        let mut pos = 0usize;
        for (&delta, &len) in d.key_deltas.iter().zip(&d.lens) {
            key = key.wrapping_add(delta);
            let mut row: Vec<(u64, u16, f64)> = (pos..pos + len as usize)
                .map(|i| (key, d.classes[i], d.values[i] as f64 * inv))
                .collect();
            row.sort_unstable_by_key(|x| x.1);
            out.extend(row);
            pos += len as usize;
        }
        out
    }

    /// The sum of two weight tables over the same classes (a score-summing ensemble of
    /// linear models is the model with the summed weights), re-quantised.
    pub(crate) fn sum(&self, other: &Weights) -> Weights {
        let (a, b) = (self.triples(), other.triples());
        let mut merged: Vec<(u64, u16, f64)> = Vec::with_capacity(a.len().max(b.len()));
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            let ka = a.get(i).map(|x| (x.0, x.1));
            let kb = b.get(j).map(|x| (x.0, x.1));
            match (ka, kb) {
                (Some(x), Some(y)) if x == y => {
                    merged.push((x.0, x.1, a[i].2 + b[j].2));
                    i += 1;
                    j += 1;
                }
                (Some(x), Some(y)) if x < y => {
                    merged.push(a[i]);
                    i += 1;
                }
                (Some(_), None) => {
                    merged.push(a[i]);
                    i += 1;
                }
                _ => {
                    merged.push(b[j]);
                    j += 1;
                }
            }
        }
        let max = merged.iter().fold(0f64, |m, x| m.max(x.2.abs()));
        let scale = if max > 0.0 {
            (32767.0 / max).min(32.0)
        } else {
            1.0
        };
        let mut data = WeightsData {
            n_classes: self.n_classes.max(other.n_classes) as u32,
            scale: scale as f32,
            ..Default::default()
        };
        let mut prev = 0u64;
        let mut k = 0;
        while k < merged.len() {
            let key = merged[k].0;
            let mut n = 0u32;
            while k < merged.len() && merged[k].0 == key {
                let q = (merged[k].2 * scale).round().clamp(-32767.0, 32767.0) as i16;
                if q != 0 {
                    data.classes.push(merged[k].1);
                    data.values.push(q);
                    n += 1;
                }
                k += 1;
            }
            if n > 0 {
                data.key_deltas.push(key.wrapping_sub(prev));
                prev = key;
                data.lens.push(n);
            }
        }
        Weights::from_data(data).expect("summed weights are valid")
    }

    /// A copy without entries whose quantised magnitude is below `min_abs`.
    pub(crate) fn pruned(&self, min_abs: i16) -> Weights {
        let d = &self.data;
        let mut out = WeightsData {
            n_classes: d.n_classes,
            scale: d.scale,
            ..Default::default()
        };
        let mut key = 0u64;
        let mut prev = 0u64;
        let mut pos = 0usize;
        for (&delta, &len) in d.key_deltas.iter().zip(&d.lens) {
            key = key.wrapping_add(delta);
            let mut n = 0;
            for i in pos..pos + len as usize {
                if d.values[i].unsigned_abs() >= min_abs.unsigned_abs() {
                    out.classes.push(d.classes[i]);
                    out.values.push(d.values[i]);
                    n += 1;
                }
            }
            pos += len as usize;
            if n > 0 {
                out.key_deltas.push(key.wrapping_sub(prev));
                prev = key;
                out.lens.push(n);
            }
        }
        Weights::from_data(out).expect("pruning keeps weights valid")
    }

    #[inline]
    fn prefetch<T>(p: *const T) {
        #[cfg(target_arch = "x86_64")]
        #[allow(unused_unsafe)]
        // SAFETY: prefetching is a hint and never faults, even for invalid addresses.
        unsafe {
            core::arch::x86_64::_mm_prefetch(p as *const i8, core::arch::x86_64::_MM_HINT_T0);
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = p;
    }

    /// Adds the weights of every feature in `feats` to `scores` (which must be zeroed and
    /// have `n_classes` elements). Lookups are prefetched in bulk to overlap cache misses.
    #[inline]
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [i32]) {
        if self.slots.is_empty() {
            return;
        }
        const CHUNK: usize = 128;
        let mut rows = [(0u32, 0u32); CHUNK];
        for chunk in feats.chunks(CHUNK) {
            for &f in chunk {
                Self::prefetch(&self.slots[(f as usize) & self.mask]);
            }
            let mut nrows = 0;
            for &f in chunk {
                let mut i = (f as usize) & self.mask;
                loop {
                    let s = self.slots[i];
                    if s.key == f {
                        Self::prefetch(self.entries.as_ptr().wrapping_add(s.start as usize));
                        rows[nrows] = (s.start, s.len);
                        nrows += 1;
                        break;
                    }
                    if s.key == 0 {
                        break;
                    }
                    i = (i + 1) & self.mask;
                }
            }
            for &(start, len) in &rows[..nrows] {
                let row = &self.entries[start as usize..(start + len) as usize];
                for e in row {
                    if let Some(x) = scores.get_mut(e.class as usize) {
                        *x += e.w as i32;
                    }
                }
            }
        }
    }
}

/// Anything that can score a feature set (training or runtime weights).
pub(crate) trait Scorer {
    /// Fills `scores` (resized to `classes()`) with the summed weights of `feats`.
    fn scores(&self, feats: &[u64], scores: &mut Vec<i32>);
}

impl Scorer for Weights {
    #[inline]
    fn scores(&self, feats: &[u64], scores: &mut Vec<i32>) {
        scores.clear();
        scores.resize(self.n_classes, 0);
        self.score(feats, scores);
    }
}

impl Scorer for TrainWeights {
    fn scores(&self, feats: &[u64], scores: &mut Vec<i32>) {
        scores.clear();
        scores.resize(self.n_classes, 0);
        self.score(feats, scores);
    }
}

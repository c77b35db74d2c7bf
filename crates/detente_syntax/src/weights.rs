//! Sparse averaged-perceptron weights.
//!
//! [`TrainWeights`] holds integer weights with lazy averaging during training.
//! [`Weights`] is the runtime form: frequent features (long rows) are dense `i16` rows
//! found through a small cache-resident table and summed with vector adds; the others sit
//! in a large open-addressing table whose slots hold short rows inline or point to a run
//! of `(class, weight)` entries. Scores are exactly the `i32` sums of the weights.
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

/// Rows with at least this many entries are stored densely (one `i16` per class) and
/// summed with vector adds; shorter rows stay sparse `(class, weight)` runs.
const DENSE_MIN: usize = 6;
/// Dense rows are padded with zeros to a multiple of this many classes.
const LANES: usize = 16;
/// Largest padded class count stored densely (size of the on-stack `i16` accumulator).
const MAX_DENSE: usize = 256;
/// Feature keys have 40 bits (see [`crate::hash::key3`]); the bits above hold slot data.
const KEY_BITS: u32 = 40;
const KEY_MASK: u64 = (1 << KEY_BITS) - 1;
/// Sparse rows of at most this many entries live inside their slot.
const INLINE: usize = 2;
/// Slots per bucket of the cold table, and of the hot table: a bucket is one 64-byte
/// cache line.
const BUCKET: usize = 4;
const HOT_BUCKET: usize = 8;
/// Features looked up per batch: a batch's buckets are all prefetched before the first
/// is read, and its rows before the first is summed.
const CHUNK: usize = 64;

/// What a cold slot's `data` holds (bit 40 of `key_kind`).
const KIND_INLINE: u64 = 0;
const KIND_RUN: u64 = 1;
/// An unused inline entry.
const NO_ENTRY: u64 = 0xffff;

/// A sparse row in the cold table: `key_kind` is the key (low 40 bits) and the kind of
/// row above it (0 for an empty slot). `data` is, by kind:
/// - inline: up to [`INLINE`] entries, `class | weight << 16` per 32 bits (unused ones
///   have the class `0xffff`, which no score has);
/// - run: index of the first entry in `entries`, and the length above bit 32.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C)]
struct Slot {
    key_kind: u64,
    data: u64,
}

/// [`BUCKET`] cold slots on one cache line.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(64))]
struct Bucket([Slot; BUCKET]);

/// [`HOT_BUCKET`] hot slots on one cache line: a key (low 40 bits) with its dense row
/// number above it, 0 for an empty slot.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(64))]
struct HotBucket([u64; HOT_BUCKET]);

#[derive(Clone, Copy, Debug)]
struct Entry {
    class: u16,
    w: i16,
}

/// Runtime weights.
///
/// Frequent features have many non-zero classes. Their rows are dense (`lanes` `i16`s
/// each), found through a small "hot" table that stays in cache, summed into an `i16`
/// accumulator with vector adds and flushed into the `i32` scores before the sum of the
/// rows' bounds (largest absolute weights) could exceed `i16::MAX`, so the result is
/// exactly the `i32` sum of the weights. All other features are in a "cold" table whose
/// slots hold short rows inline or point to a run of sparse `(class, weight)` entries.
///
/// Both tables are made of cache-line buckets with linear probing bucket by bucket: a
/// lookup reads one line and compares its slots without branching. Lookups go in
/// batches, and each step of a batch runs over all its features before the next step
/// starts, so that cache misses overlap and branches stay predictable: prefetch the hot
/// buckets and the filter words; read the hot buckets, sorting the features into dense
/// rows and misses; drop the misses the filter says are in no table; prefetch the
/// remaining misses' cold buckets, then the dense rows (the cold buckets come from
/// memory and take longest, so they go first: about 7% faster); read the cold buckets,
/// sorting the misses into inline rows and runs; prefetch the runs; then sum inline rows,
/// dense rows and runs.
/// When the CPU has AVX2 the whole lookup is compiled for it (`score_avx2`): a bucket's
/// keys are compared in two vector instructions, and the dense rows of a batch are
/// summed into an accumulator that stays in registers.
#[derive(Clone, Debug, Default)]
pub(crate) struct Weights {
    n_classes: usize,
    /// Padded dense row length (0 when no row is dense).
    lanes: usize,
    hot_mask: usize,
    hot: Vec<HotBucket>,
    /// The bound of each dense row.
    bounds: Vec<u16>,
    /// The dense rows, from `dense_at` on (which puts the first row at the start of a
    /// cache line, so that rows straddle as few lines as they can).
    dense: Vec<i16>,
    dense_at: usize,
    mask: usize,
    buckets: Vec<Bucket>,
    entries: Vec<Entry>,
    /// Whether the CPU has AVX2 (dense rows are then summed 16 lanes at a time).
    avx2: bool,
    /// One bit per [`filter_bit`] value, set for every key of the cold table: a
    /// feature whose bit is clear is in no table, and its lookup reads no cold bucket.
    /// At 8 bits per cold key the filter is a few MB, mostly in cache, while the cold
    /// table is far larger; about half of the features that miss the hot table are in
    /// no table at all.
    filter: Vec<u64>,
    filter_shift: u32,
    data: WeightsData,
}

/// Number of buckets (a power of two) of `per_bucket` slots for `n` keys: slots at most
/// 3/4 full, so that every table has free slots.
fn bucket_count(n: usize, per_bucket: usize) -> usize {
    (n * 4 / 3 / per_bucket + 1).next_power_of_two().max(4)
}

impl Weights {
    pub(crate) fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub(crate) fn n_entries(&self) -> usize {
        self.data.values.len()
    }

    pub(crate) fn data(&self) -> &WeightsData {
        &self.data
    }

    /// Builds the lookup tables, validating everything (corrupt data gives `Err`).
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
        if d.lens.iter().any(|&l| l as usize > n_classes) {
            return Err("row longer than the class count".into());
        }
        if !(d.scale.is_finite() && d.scale > 0.0) {
            return Err("bad weight scale".into());
        }
        if d.classes.iter().any(|&c| c as usize >= n_classes) {
            return Err("class id out of range".into());
        }
        if d.values.len() >= u32::MAX as usize {
            return Err("too many weights".into());
        }
        let padded = n_classes.div_ceil(LANES) * LANES;
        let lanes = if padded <= MAX_DENSE { padded } else { 0 };
        // Decode the keys and pick the dense rows (a dense row must fit in `i16` lanes once
        // duplicate classes are summed).
        let mut rows: Vec<(u64, usize, usize, Option<u16>)> = Vec::with_capacity(d.lens.len());
        let mut row32 = vec![0i32; lanes];
        // Dense row numbers must fit in the hot slots' upper 24 bits.
        let mut n_hot = 0usize;
        let (mut key, mut pos) = (0u64, 0usize);
        for (&delta, &len) in d.key_deltas.iter().zip(&d.lens) {
            key = key.wrapping_add(delta);
            if key == 0 || key > KEY_MASK {
                return Err("feature key out of range".into());
            }
            let (start, len) = (pos, len as usize);
            pos += len;
            let mut bound = None;
            if lanes > 0 && len >= DENSE_MIN && n_hot < (1 << (64 - KEY_BITS)) - 1 {
                row32.iter_mut().for_each(|x| *x = 0);
                for i in start..start + len {
                    row32[d.classes[i] as usize] += d.values[i] as i32;
                }
                let b = row32.iter().map(|x| x.unsigned_abs()).max().unwrap_or(0);
                if b <= i16::MAX as u32 {
                    bound = Some(b as u16);
                    n_hot += 1;
                }
            }
            rows.push((key, start, len, bound));
        }
        let hot_len = bucket_count(n_hot, HOT_BUCKET);
        let cold_len = bucket_count(rows.len() - n_hot, BUCKET);
        let filter_bits = ((rows.len() - n_hot) * 8).next_power_of_two().max(64);
        let filter_shift = 64 - filter_bits.trailing_zeros();
        let mut filter = Vec::with_capacity(filter_bits / 64);
        hint_huge_pages(&filter);
        filter.resize(filter_bits / 64, 0u64);
        let (hot_mask, mask) = (hot_len - 1, cold_len - 1);
        let mut hot = Vec::with_capacity(hot_len);
        hint_huge_pages(&hot);
        hot.resize(hot_len, HotBucket::default());
        let mut buckets = Vec::with_capacity(cold_len);
        hint_huge_pages(&buckets);
        buckets.resize(cold_len, Bucket::default());
        let mut dense: Vec<i16> = Vec::with_capacity(n_hot * lanes + 32);
        hint_huge_pages(&dense);
        // The capacity is never exceeded, so the rows do not move.
        let dense_at = (64 - dense.as_ptr() as usize % 64) % 64 / 2;
        dense.resize(dense_at, 0);
        let mut bounds = Vec::with_capacity(n_hot);
        let mut entries: Vec<Entry> = Vec::new();
        for (key, start, len, bound) in rows {
            let range = start..start + len;
            if let Some(b) = bound {
                let id = bounds.len() as u64;
                bounds.push(b);
                row32.iter_mut().for_each(|x| *x = 0);
                for i in range {
                    row32[d.classes[i] as usize] += d.values[i] as i32;
                }
                dense.extend(row32.iter().map(|&x| x as i16));
                let slot = key | id << KEY_BITS;
                insert(
                    &mut hot,
                    hot_mask,
                    key,
                    slot,
                    |b| &mut b.0,
                    |s| s & KEY_MASK,
                )?;
                continue;
            }
            let (kind, data) = if len <= INLINE {
                let packed = (0..INLINE).fold(0u64, |acc, j| {
                    let e = match range.clone().nth(j) {
                        Some(i) => d.classes[i] as u64 | (d.values[i] as u16 as u64) << 16,
                        None => NO_ENTRY,
                    };
                    acc | e << (32 * j)
                });
                (KIND_INLINE, packed)
            } else {
                let first = entries.len() as u64;
                entries.extend(range.map(|i| Entry {
                    class: d.classes[i],
                    w: d.values[i],
                }));
                (KIND_RUN, first | (len as u64) << 32)
            };
            let slot = Slot {
                key_kind: key | kind << KEY_BITS,
                data,
            };
            let bit = filter_bit(key, filter_shift);
            filter[bit / 64] |= 1 << (bit % 64);
            let key_of = |s: &Slot| s.key_kind & KEY_MASK;
            insert(&mut buckets, mask, key, slot, |b| &mut b.0, key_of)?;
        }
        Ok(Weights {
            n_classes,
            lanes,
            hot_mask,
            hot,
            bounds,
            dense,
            dense_at,
            mask,
            buckets,
            entries,
            avx2: has_avx2(),
            filter,
            filter_shift,
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

    /// The dense row number of key `f`, or `u32::MAX`. The slots of a bucket are compared
    /// without branching (with `SIMD`, in two vector instructions); the next bucket is read
    /// only when this one is full and `f` is not in it (slots are filled in order and never
    /// emptied, so a bucket is full when its last slot is).
    #[inline(always)]
    fn find_hot<const SIMD: bool>(&self, f: u64) -> u32 {
        let mut i = (f as usize) & self.hot_mask;
        loop {
            let b = &self.hot[i].0;
            let mut hit = u32::MAX;
            match simd_match(SIMD, b, f, [KEY_MASK; 8]) {
                // Keys are unique, so at most one bit is set.
                Some(0) => {}
                Some(hits) => hit = (b[(hits.trailing_zeros() & 7) as usize] >> KEY_BITS) as u32,
                None => {
                    for &s in b {
                        hit = if s & KEY_MASK == f {
                            (s >> KEY_BITS) as u32
                        } else {
                            hit
                        };
                    }
                }
            }
            // One branch (`|`, not `||`): nearly always taken.
            if (hit != u32::MAX) | (b[HOT_BUCKET - 1] == 0) {
                return hit;
            }
            i = (i + 1) & self.hot_mask;
        }
    }

    /// The cold slot holding key `f`, or an empty slot (as [`Weights::find_hot`]).
    #[inline(always)]
    fn find_cold<const SIMD: bool>(&self, f: u64) -> Slot {
        let mut i = (f as usize) & self.mask;
        loop {
            let b = &self.buckets[i].0;
            let mut hit = Slot::default();
            // SAFETY: `Slot` is `repr(C)`, two `u64`s: a bucket is 8 `u64`s, 64 bytes.
            let words: &[u64; 8] = unsafe { &*(b as *const [Slot; BUCKET] as *const [u64; 8]) };
            // Data words are masked to 0, which is never a key (keys are nonzero).
            let mask = [KEY_MASK, 0, KEY_MASK, 0, KEY_MASK, 0, KEY_MASK, 0];
            match simd_match(SIMD, words, f, mask) {
                Some(0) => {}
                Some(hits) => hit = b[((hits.trailing_zeros() / 2) & 3) as usize],
                None => {
                    for s in b {
                        let m = s.key_kind & KEY_MASK == f;
                        hit.key_kind = if m { s.key_kind } else { hit.key_kind };
                        hit.data = if m { s.data } else { hit.data };
                    }
                }
            }
            if (hit.key_kind != 0) | (b[BUCKET - 1].key_kind == 0) {
                return hit;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Adds the weights of every feature in `feats` to `scores` (which must be zeroed and
    /// have `n_classes` elements). See the type's docs for how lookups are batched.
    #[inline]
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [i32]) {
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            // SAFETY: `avx2` is true only when the CPU reported AVX2 support.
            unsafe { self.score_avx2(feats, scores) };
            return;
        }
        self.score_with::<false>(feats, scores);
    }

    /// [`Weights::score`] compiled for AVX2: bucket slots are compared and dense rows
    /// summed with vector instructions, the accumulator kept in registers.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn score_avx2(&self, feats: &[u64], scores: &mut [i32]) {
        self.score_with::<true>(feats, scores);
    }

    /// The body of [`Weights::score`]; `SIMD` only when the CPU has AVX2.
    #[inline(always)]
    fn score_with<const SIMD: bool>(&self, feats: &[u64], scores: &mut [i32]) {
        if self.hot.is_empty() {
            return;
        }
        let scores = &mut scores[..self.n_classes];
        let mut acc_buf = [0i16; MAX_DENSE];
        let acc = &mut acc_buf[..self.lanes];
        // Sum of the bounds of the dense rows in `acc`: no lane can exceed it in magnitude.
        let mut bound = 0u32;
        let mut dense = [0u32; CHUNK];
        let mut misses = [0u64; CHUNK];
        let mut inline = [0u64; CHUNK];
        let mut runs = [0u64; CHUNK];
        // The first dense row (the rows are prefetched from there).
        let rows = self.dense[self.dense_at..].as_ptr();
        for chunk in feats.chunks(CHUNK) {
            for &f in chunk {
                Self::prefetch(&self.hot[(f as usize) & self.hot_mask]);
                Self::prefetch(&self.filter[filter_bit(f, self.filter_shift) / 64]);
            }
            // Each step writes its result to every list and grows only the right one's
            // length, so sorting features by kind takes no branch.
            let (mut nd, mut nm) = (0, 0);
            for &f in chunk {
                // Key 0 would match empty slots; no row has it, nor any key above 40 bits.
                let f = if f == 0 { u64::MAX } else { f };
                let id = self.find_hot::<SIMD>(f);
                dense[nd] = id;
                misses[nm] = f;
                nd += (id != u32::MAX) as usize;
                nm += (id == u32::MAX) as usize;
            }
            // Keep only the misses that may be in the cold table (filter bit set).
            let mut nc = 0;
            for i in 0..nm {
                let f = misses[i];
                let bit = filter_bit(f, self.filter_shift);
                misses[nc] = f;
                nc += (self.filter[bit / 64] >> (bit % 64)) as usize & 1;
            }
            let nm = nc;
            for &f in &misses[..nm] {
                Self::prefetch(&self.buckets[(f as usize) & self.mask]);
            }
            for &id in &dense[..nd] {
                let p = rows.wrapping_add(id as usize * self.lanes);
                for line in (0..self.lanes).step_by(32) {
                    Self::prefetch(p.wrapping_add(line));
                }
            }
            let (mut ni, mut nr) = (0, 0);
            for &f in &misses[..nm] {
                let s = self.find_cold::<SIMD>(f);
                let run = s.key_kind >> KEY_BITS == KIND_RUN;
                inline[ni] = s.data;
                runs[nr] = s.data;
                ni += ((s.key_kind != 0) & !run) as usize;
                nr += run as usize;
            }
            for &r in &runs[..nr] {
                Self::prefetch(self.entries.as_ptr().wrapping_add(r as u32 as usize));
            }
            for &e in &inline[..ni] {
                add_packed(scores, e as u32);
                add_packed(scores, (e >> 32) as u32);
            }
            self.add_dense::<SIMD>(&dense[..nd], acc, scores, &mut bound);
            for &r in &runs[..nr] {
                let (start, len) = (r as u32 as usize, (r >> 32) as usize);
                for e in &self.entries[start..start + len] {
                    if let Some(x) = scores.get_mut(e.class as usize) {
                        *x += e.w as i32;
                    }
                }
            }
        }
        if bound > 0 {
            flush(acc, scores);
        }
    }

    /// Sums the dense rows numbered `rows` into `acc` (`SIMD`: with AVX2, inlined only
    /// into [`Weights::score_avx2`]).
    #[inline(always)]
    fn add_dense<const SIMD: bool>(
        &self,
        rows: &[u32],
        acc: &mut [i16],
        scores: &mut [i32],
        bound: &mut u32,
    ) {
        let t = DenseRows {
            dense: &self.dense[self.dense_at..],
            bounds: &self.bounds,
            lanes: self.lanes,
        };
        #[cfg(target_arch = "x86_64")]
        if SIMD {
            simd::add_dense(&t, rows, acc, scores, bound);
            return;
        }
        add_dense_rows(&t, rows, acc, scores, bound, add_i16);
    }
}

/// With `simd` (AVX2, only inside [`Weights::score_avx2`]) the bits `j` where
/// `words[j] & mask[j] == f`; `None` when the caller compares the slots itself.
#[inline(always)]
fn simd_match(simd: bool, words: &[u64; 8], f: u64, mask: [u64; 8]) -> Option<u32> {
    #[cfg(target_arch = "x86_64")]
    if simd {
        return Some(simd::match_keys(words, f, mask));
    }
    let _ = (simd, words, f, mask);
    None
}

/// The filter bit of key `f` for a filter of `2^(64 - shift)` bits: a multiplicative hash,
/// so that it does not depend on the low bits that pick the key's bucket.
#[inline(always)]
fn filter_bit(f: u64, shift: u32) -> usize {
    (f.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize
}

/// Whether the CPU has AVX2 (checked once, when weights are built).
fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Inserts `slot` in the first free slot from `key`'s home bucket on; `Err` on a
/// duplicate key. `slots` gives a bucket's slots and `key_of` a slot's key (0 when free).
/// The table always has free slots (see [`bucket_count`]).
fn insert<B, S: Copy>(
    buckets: &mut [B],
    mask: usize,
    key: u64,
    slot: S,
    slots: impl Fn(&mut B) -> &mut [S],
    key_of: impl Fn(&S) -> u64,
) -> Result<(), String> {
    let mut i = (key as usize) & mask;
    loop {
        for s in slots(&mut buckets[i]).iter_mut() {
            match key_of(s) {
                0 => {
                    *s = slot;
                    return Ok(());
                }
                k if k == key => return Err("duplicate feature key".into()),
                _ => {}
            }
        }
        i = (i + 1) & mask;
    }
}

/// Adds one packed inline entry (`class | weight << 16`; [`NO_ENTRY`] adds nothing).
#[inline(always)]
fn add_packed(scores: &mut [i32], e: u32) {
    if let Some(x) = scores.get_mut((e & 0xffff) as usize) {
        *x += (e >> 16) as u16 as i16 as i32;
    }
}

/// The dense rows of a [`Weights`].
struct DenseRows<'a> {
    dense: &'a [i16],
    bounds: &'a [u16],
    lanes: usize,
}

/// Adds each dense row numbered in `rows` into `acc` with `add`, flushing `acc` into
/// `scores` first whenever the rows' bounds could overflow it.
#[inline(always)]
fn add_dense_rows(
    t: &DenseRows,
    rows: &[u32],
    acc: &mut [i16],
    scores: &mut [i32],
    bound: &mut u32,
    add: impl Fn(&mut [i16], &[i16]),
) {
    for &id in rows {
        let b = t.bounds[id as usize] as u32;
        if *bound + b > i16::MAX as u32 {
            flush(acc, scores);
            *bound = 0;
        }
        *bound += b;
        let start = id as usize * t.lanes;
        add(acc, &t.dense[start..start + t.lanes]);
    }
}

/// `acc += row`, lane-wise (`acc.len()` is a multiple of [`LANES`]; the caller guarantees
/// no overflow, `wrapping_add` only keeps debug builds free of checks).
#[inline(always)]
fn add_i16(acc: &mut [i16], row: &[i16]) {
    for (a, r) in acc.chunks_exact_mut(LANES).zip(row.chunks_exact(LANES)) {
        for (x, &y) in a.iter_mut().zip(r) {
            *x = x.wrapping_add(y);
        }
    }
}

/// Moves the `i16` accumulator into the `i32` scores (padding lanes are always zero).
#[inline(always)]
fn flush(acc: &mut [i16], scores: &mut [i32]) {
    for (s, a) in scores.iter_mut().zip(acc.iter_mut()) {
        *s += *a as i32;
        *a = 0;
    }
}

/// AVX2 helpers. They are `inline(always)` and called only from
/// [`Weights::score_avx2`], so they are compiled with AVX2 enabled; nothing else may call
/// them.
#[cfg(target_arch = "x86_64")]
mod simd {
    use super::{flush, DenseRows};
    use core::arch::x86_64::*;

    /// Bit `j` set when `words[j] & mask[j] == f` (a 64-byte line compared at once).
    #[inline(always)]
    pub(super) fn match_keys(words: &[u64; 8], f: u64, mask: [u64; 8]) -> u32 {
        // SAFETY: AVX2 is enabled in the only caller (see the module docs); the loads
        // read the 64 bytes of `words` and `mask`, unaligned.
        unsafe {
            let key = _mm256_set1_epi64x(f as i64);
            let half = |k: usize| {
                let w = _mm256_loadu_si256(words.as_ptr().add(4 * k) as *const __m256i);
                let m = _mm256_loadu_si256(mask.as_ptr().add(4 * k) as *const __m256i);
                let eq = _mm256_cmpeq_epi64(_mm256_and_si256(w, m), key);
                _mm256_movemask_pd(_mm256_castsi256_pd(eq)) as u32
            };
            half(0) | half(1) << 4
        }
    }

    /// [`super::add_dense_rows`] with the accumulator held in `N` registers of 16 lanes
    /// for the whole batch (rows of more than 256 lanes never reach here).
    #[inline(always)]
    pub(super) fn add_dense(
        t: &DenseRows,
        rows: &[u32],
        acc: &mut [i16],
        scores: &mut [i32],
        bound: &mut u32,
    ) {
        macro_rules! by_width {
            ($($n:literal)*) => {
                match t.lanes / 16 {
                    $($n => add_dense_regs::<$n>(t, rows, acc, scores, bound),)*
                    _ => super::add_dense_rows(t, rows, acc, scores, bound, super::add_i16),
                }
            };
        }
        by_width!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)
    }

    #[inline(always)]
    fn add_dense_regs<const N: usize>(
        t: &DenseRows,
        rows: &[u32],
        acc: &mut [i16],
        scores: &mut [i32],
        bound: &mut u32,
    ) {
        debug_assert!(acc.len() == N * 16 && t.lanes == N * 16);
        // SAFETY: AVX2 is enabled in the only caller; `acc` has `N * 16` lanes and every
        // row `t.lanes == N * 16` (checked below by slicing), loads and stores unaligned.
        unsafe {
            let load = |a: &[i16]| -> [__m256i; N] {
                core::array::from_fn(|k| {
                    _mm256_loadu_si256(a.as_ptr().add(16 * k) as *const __m256i)
                })
            };
            let store = |r: &[__m256i; N], a: &mut [i16]| {
                for (k, v) in r.iter().enumerate() {
                    _mm256_storeu_si256(a.as_mut_ptr().add(16 * k) as *mut __m256i, *v);
                }
            };
            let acc = &mut acc[..N * 16];
            let mut r = load(acc);
            for &id in rows {
                let b = t.bounds[id as usize] as u32;
                if *bound + b > i16::MAX as u32 {
                    store(&r, acc);
                    flush(acc, scores);
                    r = [_mm256_setzero_si256(); N];
                    *bound = 0;
                }
                *bound += b;
                let start = id as usize * t.lanes;
                let row = &t.dense[start..start + N * 16];
                for (k, v) in r.iter_mut().enumerate() {
                    let x = _mm256_loadu_si256(row.as_ptr().add(16 * k) as *const __m256i);
                    *v = _mm256_add_epi16(*v, x);
                }
            }
            store(&r, acc);
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

/// Asks the kernel to back a large table with transparent huge pages (fewer TLB misses on
/// random lookups). Must be called before the memory is first written. A no-op elsewhere.
fn hint_huge_pages<T>(v: &Vec<T>) {
    #[cfg(target_os = "linux")]
    {
        extern "C" {
            fn madvise(addr: *mut u8, len: usize, advice: i32) -> i32;
        }
        const HUGE: usize = 1 << 21;
        const MADV_HUGEPAGE: i32 = 14;
        let p = v.as_ptr() as usize;
        let end = (p + v.capacity() * std::mem::size_of::<T>()) & !(HUGE - 1);
        let start = (p + HUGE - 1) & !(HUGE - 1);
        if end > start {
            // SAFETY: `start..end` lies inside the vector's own allocation, and MADV_HUGEPAGE
            // only changes how the kernel backs those pages, never their contents or
            // validity. A failure (e.g. THP unavailable) is harmless and ignored.
            unsafe {
                madvise(start as *mut u8, end - start, MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = v;
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::Rng;
    use std::collections::BTreeMap;

    /// Random weights: `n_rows` rows with keys from `key` and lengths from 1 to all
    /// classes, some with weights near the `i16` limits (so dense sums must flush).
    fn random_data(
        rng: &mut Rng,
        n_rows: usize,
        n_classes: u32,
        key: impl Fn(usize) -> u64,
    ) -> WeightsData {
        let mut rows: BTreeMap<u64, Vec<(u16, i16)>> = BTreeMap::new();
        for r in 0..n_rows {
            let len = match rng.next_u64() % 4 {
                0 => 1,
                1 => 2,
                2 => 3 + (rng.next_u64() % 6) as usize,
                _ => 1 + (rng.next_u64() % n_classes as u64) as usize,
            }
            .min(n_classes as usize);
            let big = rng.next_u64().is_multiple_of(5);
            let mut classes: Vec<u16> = (0..n_classes as u16).collect();
            rng.shuffle(&mut classes);
            let mut row: Vec<(u16, i16)> = classes[..len]
                .iter()
                .map(|&c| {
                    let v = if big {
                        32767 - (rng.next_u64() % 100) as i16
                    } else {
                        (rng.next_u64() % 2001) as i16 - 1000
                    };
                    let v = if rng.next_u64().is_multiple_of(2) {
                        v
                    } else {
                        -v
                    };
                    (c, if v == 0 { 1 } else { v })
                })
                .collect();
            row.sort_unstable();
            rows.insert(key(r), row);
        }
        let mut d = WeightsData {
            n_classes,
            scale: 32.0,
            ..Default::default()
        };
        let mut prev = 0;
        for (k, row) in rows {
            d.key_deltas.push(k - prev);
            prev = k;
            d.lens.push(row.len() as u32);
            for (c, v) in row {
                d.classes.push(c);
                d.values.push(v);
            }
        }
        d
    }

    fn naive(d: &WeightsData, feats: &[u64]) -> Vec<i32> {
        let mut rows: BTreeMap<u64, Vec<(u16, i16)>> = BTreeMap::new();
        let (mut key, mut pos) = (0u64, 0usize);
        for (&delta, &len) in d.key_deltas.iter().zip(&d.lens) {
            key += delta;
            let r = pos..pos + len as usize;
            pos += len as usize;
            rows.insert(key, r.map(|i| (d.classes[i], d.values[i])).collect());
        }
        let mut out = vec![0i32; d.n_classes as usize];
        for f in feats {
            for &(c, v) in rows.get(f).map(Vec::as_slice).unwrap_or(&[]) {
                out[c as usize] += v as i32;
            }
        }
        out
    }

    /// Checks both ways of summing: the AVX2 one (when the CPU has it) and the plain one.
    fn check(d: WeightsData, rng: &mut Rng, keys: &[u64]) {
        let w = Weights::from_data(d.clone()).expect("valid weights");
        let mut plain = w.clone();
        plain.avx2 = false;
        check_with(&w, &d, rng, keys);
        check_with(&plain, &d, rng, keys);
    }

    fn check_with(w: &Weights, d: &WeightsData, rng: &mut Rng, keys: &[u64]) {
        for round in 0..300 {
            // Present keys (often repeated), absent keys, and keys no table holds.
            let n = 1 + (rng.next_u64() % 300) as usize;
            let mut feats: Vec<u64> = (0..n)
                .map(|_| match rng.next_u64() % 8 {
                    0 => rng.next_u64() & KEY_MASK,
                    1 => keys[0],
                    _ => keys[(rng.next_u64() % keys.len() as u64) as usize],
                })
                .collect();
            if round % 50 == 0 {
                feats.extend([0, KEY_MASK + 1, u64::MAX]);
            }
            let mut got = Vec::new();
            w.scores(&feats, &mut got);
            assert_eq!(got, naive(d, &feats), "round {round}, avx2 {}", w.avx2);
        }
    }

    #[test]
    fn scores_are_the_exact_sums_of_the_weights() {
        let mut rng = Rng::new(7);
        let keys: Vec<u64> = (0..5000).map(|_| 1 + rng.next_u64() % KEY_MASK).collect();
        for n_classes in [1, 3, 40, 103, 300] {
            let d = random_data(&mut rng, keys.len(), n_classes, |r| keys[r]);
            let keys = naive_keys(&d);
            check(d, &mut rng, &keys);
        }
    }

    /// Keys that share their low bits crowd one bucket and spill into the next ones.
    #[test]
    fn crowded_buckets_spill_over() {
        let mut rng = Rng::new(11);
        let d = random_data(&mut rng, 600, 103, |r| ((r as u64 + 1) << 20) | 5);
        let keys = naive_keys(&d);
        check(d, &mut rng, &keys);
    }

    fn naive_keys(d: &WeightsData) -> Vec<u64> {
        d.key_deltas
            .iter()
            .scan(0u64, |k, &delta| {
                *k += delta;
                Some(*k)
            })
            .collect()
    }
}

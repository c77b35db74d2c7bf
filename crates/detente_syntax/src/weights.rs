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

/// Slot of the hot table: key in the low 40 bits, dense row number above (0 = empty).
#[derive(Clone, Copy, Debug, Default)]
struct HotSlot(u64);

/// Slot of the cold table: key in the low 40 bits of `key_len` and the row length above
/// (`key_len == 0` marks an empty slot); `data` holds up to [`INLINE`] entries
/// (`class | weight << 16` per 32 bits), or else the first entry's index in `entries`.
#[derive(Clone, Copy, Debug, Default)]
struct ColdSlot {
    key_len: u64,
    data: u64,
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    class: u16,
    w: i16,
}

/// Runtime weights.
///
/// Frequent features have many non-zero classes. Their rows are stored densely (`lanes`
/// `i16`s each) and found through a small "hot" open-addressing table that stays in
/// cache; they are summed into an `i16` accumulator with SIMD-friendly loops, flushed into
/// the `i32` scores before the sum of the rows' bounds (largest absolute weights) could
/// exceed `i16::MAX`, so the result is exactly the `i32` sum. All other features live in a
/// "cold" table whose slots hold short rows inline (one cache miss per lookup) or point to
/// a run of sparse `(class, weight)` entries. Both tables use linear probing.
#[derive(Clone, Debug, Default)]
pub(crate) struct Weights {
    n_classes: usize,
    /// Padded dense row length (0 when no row is dense).
    lanes: usize,
    hot_mask: usize,
    hot: Vec<HotSlot>,
    /// Largest absolute value of each dense row.
    bounds: Vec<u16>,
    dense: Vec<i16>,
    cold_mask: usize,
    cold: Vec<ColdSlot>,
    entries: Vec<Entry>,
    data: WeightsData,
}

/// Inserts into a linear-probing table; `Err` on a duplicate key.
fn insert<S: Copy>(
    table: &mut [S],
    mask: usize,
    key: u64,
    slot: S,
    key_of: impl Fn(&S) -> u64,
) -> Result<(), String> {
    let mut i = (key as usize) & mask;
    loop {
        match key_of(&table[i]) {
            0 => {
                table[i] = slot;
                return Ok(());
            }
            k if k == key => return Err("duplicate feature key".into()),
            _ => i = (i + 1) & mask,
        }
    }
}

/// Power-of-two table size for `n` keys at a load factor of at most `1 / spread`.
fn table_size(n: usize, spread: usize) -> usize {
    (n * spread + 1).next_power_of_two().max(16)
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
        let padded = n_classes.div_ceil(LANES) * LANES;
        let lanes = if padded <= MAX_DENSE { padded } else { 0 };
        // Decode keys and decide which rows are dense (dense rows must fit in `i16`).
        let mut rows: Vec<(u64, usize, usize, Option<u16>)> = Vec::with_capacity(d.lens.len());
        // Dense row numbers must fit in the hot slots' upper 24 bits.
        let mut n_hot = 0usize;
        let mut row32 = vec![0i32; lanes];
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
        let n_cold = rows.len() - n_hot;
        let hot_len = table_size(n_hot, 2);
        let cold_len = table_size(n_cold + n_cold / 3, 1);
        let mut hot = Vec::with_capacity(hot_len);
        hint_huge_pages(&hot);
        hot.resize(hot_len, HotSlot::default());
        let mut cold = Vec::with_capacity(cold_len);
        hint_huge_pages(&cold);
        cold.resize(cold_len, ColdSlot::default());
        let mut dense: Vec<i16> = Vec::with_capacity(n_hot * lanes);
        hint_huge_pages(&dense);
        let mut bounds = Vec::with_capacity(n_hot);
        let mut entries = Vec::new();
        let (hot_mask, cold_mask) = (hot_len - 1, cold_len - 1);
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
                let slot = HotSlot(key | id << KEY_BITS);
                insert(&mut hot, hot_mask, key, slot, |s| s.0 & KEY_MASK)?;
            } else {
                let data = if len <= INLINE {
                    range.enumerate().fold(0u64, |acc, (j, i)| {
                        let e = d.classes[i] as u64 | (d.values[i] as u16 as u64) << 16;
                        acc | e << (32 * j)
                    })
                } else {
                    let first = entries.len() as u64;
                    entries.extend(range.map(|i| Entry {
                        class: d.classes[i],
                        w: d.values[i],
                    }));
                    first
                };
                let slot = ColdSlot {
                    key_len: key | (len as u64) << KEY_BITS,
                    data,
                };
                insert(&mut cold, cold_mask, key, slot, |s| s.key_len & KEY_MASK)?;
            }
        }
        Ok(Weights {
            n_classes,
            lanes,
            hot_mask,
            hot,
            bounds,
            dense,
            cold_mask,
            cold,
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
        if self.hot.is_empty() {
            return;
        }
        let scores = &mut scores[..self.n_classes];
        let mut acc_buf = [0i16; MAX_DENSE];
        let acc = &mut acc_buf[..self.lanes];
        // Sum of the bounds of the dense rows in `acc`: no lane can exceed it in magnitude.
        let mut bound = 0u32;
        const CHUNK: usize = 128;
        let mut dense_rows = [0u32; CHUNK];
        let mut misses = [0u64; CHUNK];
        let mut runs = [(0u32, 0u32); CHUNK];
        for chunk in feats.chunks(CHUNK) {
            for &f in chunk {
                Self::prefetch(&self.hot[(f as usize) & self.hot_mask]);
            }
            let (mut nd, mut nm) = (0, 0);
            for &f in chunk {
                let mut i = (f as usize) & self.hot_mask;
                loop {
                    let s = self.hot[i].0;
                    if s & KEY_MASK == f {
                        let id = (s >> KEY_BITS) as u32;
                        let p = self.dense.as_ptr().wrapping_add(id as usize * self.lanes);
                        for line in (0..self.lanes).step_by(32) {
                            Self::prefetch(p.wrapping_add(line));
                        }
                        dense_rows[nd] = id;
                        nd += 1;
                        break;
                    }
                    if s == 0 {
                        Self::prefetch(&self.cold[(f as usize) & self.cold_mask]);
                        misses[nm] = f;
                        nm += 1;
                        break;
                    }
                    i = (i + 1) & self.hot_mask;
                }
            }
            let mut nr = 0;
            for &f in &misses[..nm] {
                let mut i = (f as usize) & self.cold_mask;
                loop {
                    let s = self.cold[i];
                    if s.key_len & KEY_MASK == f {
                        let len = (s.key_len >> KEY_BITS) as usize;
                        if len <= INLINE {
                            for j in 0..len {
                                let e = (s.data >> (32 * j)) as u32;
                                if let Some(x) = scores.get_mut((e & 0xffff) as usize) {
                                    *x += (e >> 16) as u16 as i16 as i32;
                                }
                            }
                        } else {
                            Self::prefetch(self.entries.as_ptr().wrapping_add(s.data as usize));
                            runs[nr] = (s.data as u32, len as u32);
                            nr += 1;
                        }
                        break;
                    }
                    if s.key_len == 0 {
                        break;
                    }
                    i = (i + 1) & self.cold_mask;
                }
            }
            for &id in &dense_rows[..nd] {
                let b = self.bounds[id as usize] as u32;
                if bound + b > i16::MAX as u32 {
                    flush(acc, scores);
                    bound = 0;
                }
                bound += b;
                let start = id as usize * self.lanes;
                add_i16(acc, &self.dense[start..start + self.lanes]);
            }
            for &(start, len) in &runs[..nr] {
                for e in &self.entries[start as usize..(start + len) as usize] {
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
}

/// `acc += row`, lane-wise (`acc.len()` is a multiple of [`LANES`]; the caller guarantees
/// no overflow, `wrapping_add` only keeps debug builds free of checks).
#[inline]
fn add_i16(acc: &mut [i16], row: &[i16]) {
    for (a, r) in acc.chunks_exact_mut(LANES).zip(row.chunks_exact(LANES)) {
        for (x, &y) in a.iter_mut().zip(r) {
            *x = x.wrapping_add(y);
        }
    }
}

/// Moves the `i16` accumulator into the `i32` scores (padding lanes are always zero).
#[inline]
fn flush(acc: &mut [i16], scores: &mut [i32]) {
    for (s, a) in scores.iter_mut().zip(acc.iter_mut()) {
        *s += *a as i32;
        *a = 0;
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

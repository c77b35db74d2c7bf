//! A fast hasher for the matcher's tables, whose keys are short words and pairs of ids.
//!
//! The standard library's SipHash guards against keys chosen to collide; the matcher's
//! tables are built from the dictionaries, and text words are only looked up in them,
//! so a simpler and much faster hash will do: the multiply-and-rotate scheme of the Rust
//! compiler's `FxHasher`, eight bytes at a time.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FastHasher`] (also used by the event coder's word tables).
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// The hasher of [`FastMap`].
#[derive(Debug, Clone, Copy, Default)]
pub struct FastHasher {
    hash: u64,
}

/// An odd constant with well-spread bits (from FxHash).
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let word = chunk
                .iter()
                .rev()
                .fold(0u64, |w, &b| (w << 8) | u64::from(b));
            self.add(word);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // The multiply leaves its best-mixed bits high; the table indexes by low bits.
        self.hash.rotate_left(26)
    }
}

/// A map from words to `V` for large, read-mostly tables of short words (the matcher's
/// word keys, the lexicon's words).
///
/// Words of 1 to 15 bytes are kept inside the table itself, in open addressing with
/// linear probing, so that a lookup compares two integers in one or two adjacent slots
/// instead of following a pointer to the word's bytes. [`WordMap::probe`] hashes a word,
/// [`WordMap::touch`] reads the slots of many probed words at once and
/// [`WordMap::get_probe`] looks one up: touching every word of a sentence first lets the
/// processor fetch their slots from memory in parallel, which matters when the table is
/// not in cache (after the parser has run, it seldom is).
/// Longer words (and the empty word) go to an ordinary map.
#[derive(Debug, Clone)]
pub struct WordMap<V> {
    /// A power of two of slots (or none); an empty slot has the word `[0, 0]`, which no
    /// word of 1 to 15 bytes has (its length is in the last byte).
    slots: Vec<Slot<V>>,
    /// The number of full slots.
    n_short: usize,
    /// Words that do not fit in a slot.
    other: FastMap<String, V>,
}

#[derive(Debug, Clone, Copy)]
struct Slot<V> {
    word: [u64; 2],
    value: V,
}

/// A word hashed for [`WordMap::touch`] and [`WordMap::get_probe`].
#[derive(Debug, Clone)]
pub enum Probe {
    /// A word of 1 to 15 bytes, packed, with its hash.
    Short([u64; 2], u64),
    /// Any other word.
    Other(String),
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            slots: Vec::new(),
            n_short: 0,
            other: FastMap::default(),
        }
    }
}

/// `word` packed in two integers (bytes zero-padded, the length in the last byte), if it
/// has 1 to 15 bytes.
fn pack(word: &str) -> Option<[u64; 2]> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > 15 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..bytes.len()].copy_from_slice(bytes);
    buf[15] = bytes.len() as u8;
    let packed = u128::from_le_bytes(buf);
    Some([packed as u64, (packed >> 64) as u64])
}

fn hash_packed(w: [u64; 2]) -> u64 {
    let mut h = FastHasher::default();
    h.write_u64(w[0]);
    h.write_u64(w[1]);
    h.finish()
}

impl<V: Copy + Default> WordMap<V> {
    /// The slot holding `w`, or the empty slot where it would go.
    fn slot_of(&self, w: [u64; 2], hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let s = self.slots[i].word;
            if s == w || s == [0, 0] {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// Hashes `word`, for [`WordMap::touch`] and [`WordMap::get_probe`].
    pub fn probe(&self, word: &str) -> Probe {
        match pack(word) {
            Some(w) => Probe::Short(w, hash_packed(w)),
            None => Probe::Other(word.to_string()),
        }
    }

    /// Reads the first slot of each probed word, in a loop that does nothing else, so
    /// that the processor fetches the slots that are not in cache in parallel; the
    /// lookups that follow then find them in cache. (Only a matter of speed.)
    pub fn touch<'p>(&self, probes: impl IntoIterator<Item = &'p Probe>) {
        if self.slots.is_empty() {
            return;
        }
        let mask = self.slots.len() - 1;
        let mut sink = 0u64;
        for p in probes {
            if let Probe::Short(_, hash) = p {
                sink ^= self.slots[*hash as usize & mask].word[0];
            }
        }
        std::hint::black_box(sink);
    }

    /// The value of the word of `probe`.
    pub fn get_probe(&self, probe: &Probe) -> Option<&V> {
        match probe {
            Probe::Short(w, hash) => {
                if self.slots.is_empty() {
                    return None;
                }
                let s = &self.slots[self.slot_of(*w, *hash)];
                (s.word == *w).then_some(&s.value)
            }
            Probe::Other(word) => self.other.get(word.as_str()),
        }
    }

    /// The value of `word`.
    pub fn get(&self, word: &str) -> Option<&V> {
        match pack(word) {
            Some(w) => {
                if self.slots.is_empty() {
                    return None;
                }
                let s = &self.slots[self.slot_of(w, hash_packed(w))];
                (s.word == w).then_some(&s.value)
            }
            None => self.other.get(word),
        }
    }

    /// The value of `word`, `value` inserted first if it has none.
    pub fn get_or_insert(&mut self, word: &str, value: V) -> &mut V {
        let Some(w) = pack(word) else {
            return self.other.entry(word.to_string()).or_insert(value);
        };
        // At most three quarters full, so that probes stay short and always end.
        if (self.n_short + 1) * 4 > self.slots.len() * 3 {
            let old = std::mem::take(&mut self.slots);
            let empty = Slot {
                word: [0, 0],
                value: V::default(),
            };
            self.slots = vec![empty; (old.len() * 2).max(16)];
            for s in old.into_iter().filter(|s| s.word != [0, 0]) {
                let i = self.slot_of(s.word, hash_packed(s.word));
                self.slots[i] = s;
            }
        }
        let i = self.slot_of(w, hash_packed(w));
        if self.slots[i].word != w {
            self.slots[i] = Slot { word: w, value };
            self.n_short += 1;
        }
        &mut self.slots[i].value
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.n_short + self.other.len()
    }

    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every value, in no particular order.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.slots
            .iter_mut()
            .filter(|s| s.word != [0, 0])
            .map(|s| &mut s.value)
            .chain(self.other.values_mut())
    }
}

/// A map from pairs of `u32` (neither `u32::MAX`) to `u32`, in open addressing with
/// linear probing, with [`PairMap::touch`] to fetch the slots of many pairs at once (see
/// [`WordMap`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct PairMap {
    /// A power of two of slots (or none): (pair, value); an empty slot has the pair
    /// `u64::MAX`.
    slots: Vec<(u64, u32)>,
    len: usize,
}

impl PairMap {
    fn pack((a, b): (u32, u32)) -> u64 {
        (u64::from(a) << 32) | u64::from(b)
    }

    fn home(&self, key: u64) -> usize {
        let mut h = FastHasher::default();
        h.write_u64(key);
        h.finish() as usize & (self.slots.len() - 1)
    }

    /// The slot holding `key`, or the empty slot where it would go.
    fn slot_of(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        while self.slots[i].0 != key && self.slots[i].0 != u64::MAX {
            i = (i + 1) & mask;
        }
        i
    }

    /// The value of `pair`.
    pub(crate) fn get(&self, pair: (u32, u32)) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let key = Self::pack(pair);
        let s = self.slots[self.slot_of(key)];
        (s.0 == key).then_some(s.1)
    }

    /// The value of `pair`, `value` inserted first if it has none.
    pub(crate) fn get_or_insert(&mut self, pair: (u32, u32), value: u32) -> u32 {
        let key = Self::pack(pair);
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            let old = std::mem::take(&mut self.slots);
            self.slots = vec![(u64::MAX, 0); (old.len() * 2).max(16)];
            for s in old.into_iter().filter(|s| s.0 != u64::MAX) {
                let i = self.slot_of(s.0);
                self.slots[i] = s;
            }
        }
        let i = self.slot_of(key);
        if self.slots[i].0 != key {
            self.slots[i] = (key, value);
            self.len += 1;
        }
        self.slots[i].1
    }

    /// Reads the first slot of each pair, so that the processor fetches them in parallel.
    /// (Only a matter of speed.)
    pub(crate) fn touch(&self, pairs: impl IntoIterator<Item = (u32, u32)>) {
        if self.slots.is_empty() {
            return;
        }
        let mut sink = 0u64;
        for pair in pairs {
            sink ^= self.slots[self.home(Self::pack(pair))].0;
        }
        std::hint::black_box(sink);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_find_what_they_hold() {
        let mut words: FastMap<String, u32> = FastMap::default();
        let mut pairs: FastMap<(u32, u32), u32> = FastMap::default();
        for i in 0..10_000u32 {
            words.insert(format!("word{i}"), i);
            pairs.insert((i % 97, i), i);
        }
        assert!((0..10_000u32).all(|i| words.get(format!("word{i}").as_str()) == Some(&i)));
        assert!((0..10_000u32).all(|i| pairs.get(&(i % 97, i)) == Some(&i)));
        assert_eq!(words.get("word10000"), None);
        let mut wm: WordMap<usize> = WordMap::default();
        let keys = [
            "",
            "a",
            "ab",
            "a\0",
            "fifteen-bytes!!",
            "sixteen-bytes!!!",
            "much longer word here",
        ];
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(*wm.get_or_insert(k, i), i);
            assert_eq!(*wm.get_or_insert(k, 99), i);
        }
        assert_eq!(wm.len(), keys.len());
        assert!(keys.iter().enumerate().all(|(i, k)| wm.get(k) == Some(&i)));
        assert!(keys
            .iter()
            .enumerate()
            .all(|(i, k)| wm.get_probe(&wm.probe(k)) == Some(&i)));
        let probes: Vec<Probe> = keys.iter().map(|k| wm.probe(k)).collect();
        wm.touch(&probes);
        // Many words: the table grows and keeps them all.
        for i in 0..5000usize {
            wm.get_or_insert(&format!("w{i}"), i + 100);
        }
        assert_eq!(wm.len(), keys.len() + 5000);
        assert!((0..5000usize).all(|i| wm.get(&format!("w{i}")) == Some(&(i + 100))));
        assert_eq!(wm.get_probe(&wm.probe("w5000")), None);
        assert_eq!(wm.values_mut().count(), wm.len());
        assert_eq!(wm.get("abc"), None);
        assert_eq!(wm.get("sixteen-bytes!!?"), None);
        assert_eq!(pairs.get(&(1, 0)), None);
        let mut pm = PairMap::default();
        assert_eq!(pm.get((0, 0)), None);
        for i in 0..10_000u32 {
            assert_eq!(pm.get_or_insert((i % 97, i), i), i);
            assert_eq!(pm.get_or_insert((i % 97, i), 7), i);
        }
        assert!((0..10_000u32).all(|i| pm.get((i % 97, i)) == Some(i)));
        assert_eq!(pm.get((1, 0)), None);
        pm.touch([(1, 0), (0, 0)]);
    }
}

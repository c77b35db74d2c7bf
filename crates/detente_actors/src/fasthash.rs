//! A fast hasher for the matcher's tables, whose keys are short words and pairs of ids.
//!
//! The standard library's SipHash guards against keys chosen to collide; the matcher's
//! tables are built from the dictionaries, and text words are only looked up in them,
//! so a simpler and much faster hash will do: the multiply-and-rotate scheme of the Rust
//! compiler's `FxHasher`, eight bytes at a time.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// The hasher of [`FastMap`].
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FastHasher {
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
        assert_eq!(pairs.get(&(1, 0)), None);
    }
}

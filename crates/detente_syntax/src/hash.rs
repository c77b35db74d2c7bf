//! Deterministic hashing helpers: string hashes for word features, a mixer that combines
//! feature parts into 64-bit feature keys, a tiny seeded RNG, and a fast `BuildHasher`
//! for maps keyed by already-hashed `u64`s (no random state, so runs are reproducible).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Hashes bytes (FNV-1a followed by a final avalanche). Stable across platforms.
#[inline]
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    fmix(h)
}

/// Final avalanche of MurmurHash3.
#[inline]
pub(crate) fn fmix(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k
}

/// Combines two values into one hash (order-sensitive).
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    fmix(a.rotate_left(27) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x2545_f491_4f6c_dd1d)
}

/// Feature key from a template id and up to three parts: 40 bits (compact on disk,
/// collisions negligible at a few million features). Never 0 (0 marks empty slots).
#[inline]
pub(crate) fn key3(template: u32, a: u64, b: u64, c: u64) -> u64 {
    let k = mix(mix(mix(template as u64 ^ 0x51_7cc1_b727_220a, a), b), c) & 0xff_ffff_ffff;
    if k == 0 {
        1
    } else {
        k
    }
}

/// [`key3`] of every `[template, a, b, c]` in `parts`, appended to `out` in order. With
/// AVX-512 (checked once) eight keys are hashed at a time; the keys are the same.
pub(crate) fn key3_batch(parts: &[[u64; 4]], out: &mut Vec<u64>) {
    #[cfg(target_arch = "x86_64")]
    if avx512::available() {
        out.reserve(parts.len());
        let whole = parts.len() / 8 * 8;
        // SAFETY: the CPU has AVX-512F and DQ (checked by `available`).
        unsafe { avx512::key3_x8(&parts[..whole], out) };
        out.extend(
            parts[whole..]
                .iter()
                .map(|p| key3(p[0] as u32, p[1], p[2], p[3])),
        );
        return;
    }
    out.extend(parts.iter().map(|p| key3(p[0] as u32, p[1], p[2], p[3])));
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use core::arch::x86_64::*;
    use std::sync::OnceLock;

    pub(super) fn available() -> bool {
        static HAS: OnceLock<bool> = OnceLock::new();
        *HAS.get_or_init(|| {
            std::arch::is_x86_feature_detected!("avx512f")
                && std::arch::is_x86_feature_detected!("avx512dq")
        })
    }

    /// [`super::fmix`] of eight lanes.
    #[inline(always)]
    fn fmix(k: __m512i) -> __m512i {
        // SAFETY: called only from `key3_x8`, which has AVX-512F/DQ enabled.
        unsafe {
            let m1 = _mm512_set1_epi64(0xff51_afd7_ed55_8ccd_u64 as i64);
            let m2 = _mm512_set1_epi64(0xc4ce_b9fe_1a85_ec53_u64 as i64);
            let k = _mm512_xor_si512(k, _mm512_srli_epi64::<33>(k));
            let k = _mm512_mullo_epi64(k, m1);
            let k = _mm512_xor_si512(k, _mm512_srli_epi64::<33>(k));
            let k = _mm512_mullo_epi64(k, m2);
            _mm512_xor_si512(k, _mm512_srli_epi64::<33>(k))
        }
    }

    /// [`super::mix`] of eight lanes.
    #[inline(always)]
    fn mix(a: __m512i, b: __m512i) -> __m512i {
        // SAFETY: as `fmix`.
        unsafe {
            let gold = _mm512_set1_epi64(0x9e37_79b9_7f4a_7c15_u64 as i64);
            let c = _mm512_set1_epi64(0x2545_f491_4f6c_dd1d_u64 as i64);
            let x = _mm512_xor_si512(_mm512_rol_epi64::<27>(a), _mm512_mullo_epi64(b, gold));
            fmix(_mm512_xor_si512(x, c))
        }
    }

    /// Appends the keys of `parts` (a multiple of eight) to `out`, whose capacity the
    /// caller has reserved.
    #[target_feature(enable = "avx512f,avx512dq")]
    pub(super) unsafe fn key3_x8(parts: &[[u64; 4]], out: &mut Vec<u64>) {
        let idx = _mm512_set_epi64(28, 24, 20, 16, 12, 8, 4, 0);
        let seed = _mm512_set1_epi64(0x51_7cc1_b727_220a);
        let mask = _mm512_set1_epi64(0xff_ffff_ffff);
        let one = _mm512_set1_epi64(1);
        for chunk in parts.chunks_exact(8) {
            let base = chunk.as_ptr() as *const i64;
            // SAFETY: the gathers read `chunk[i][j]` for i < 8, j < 4, all inside `chunk`.
            let (t, a, b, c) = unsafe {
                (
                    _mm512_i64gather_epi64::<8>(idx, base),
                    _mm512_i64gather_epi64::<8>(idx, base.add(1)),
                    _mm512_i64gather_epi64::<8>(idx, base.add(2)),
                    _mm512_i64gather_epi64::<8>(idx, base.add(3)),
                )
            };
            let k = mix(mix(mix(_mm512_xor_si512(t, seed), a), b), c);
            let k = _mm512_and_si512(k, mask);
            // A zero key becomes 1, as in `key3`.
            let zero = _mm512_cmpeq_epi64_mask(k, _mm512_setzero_si512());
            let k = _mm512_mask_blend_epi64(zero, k, one);
            let mut lanes = [0u64; 8];
            // SAFETY: `lanes` is 64 bytes; unaligned store.
            unsafe { _mm512_storeu_si512(lanes.as_mut_ptr() as *mut _, k) };
            out.extend_from_slice(&lanes);
        }
    }
}

/// A `Hasher` for `u64` keys that are already well mixed.
#[derive(Default, Clone, Copy)]
pub(crate) struct U64Hasher(u64);

impl Hasher for U64Hasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.0 = fmix(self.0 ^ n);
    }
    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.write_u64(n as u64)
    }
    #[inline]
    fn write_u16(&mut self, n: u16) {
        self.write_u64(n as u64)
    }
    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64)
    }
}

/// Deterministic map for hashed keys.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<U64Hasher>>;

/// SplitMix64 pseudo-random generator (deterministic given the seed).
#[derive(Clone, Debug)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed ^ 0x853c_49e6_748f_ea9b)
    }
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        fmix(self.0)
    }
    /// Uniform in `[0, 1)`.
    pub(crate) fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Fisher–Yates shuffle.
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The batch (AVX-512 when the CPU has it) gives exactly the keys of `key3`, for any
    /// length (whole groups of eight and the rest) and any parts, zero keys included.
    #[test]
    fn key3_batch_equals_key3() {
        let mut rng = Rng::new(3);
        for len in [0, 1, 7, 8, 9, 16, 111, 200] {
            let parts: Vec<[u64; 4]> = (0..len)
                .map(|i| {
                    let pick = |r: &mut Rng| match r.next_u64() % 3 {
                        0 => 0,
                        1 => r.next_u64() % 300,
                        _ => r.next_u64(),
                    };
                    [
                        i as u64 % 130,
                        pick(&mut rng),
                        pick(&mut rng),
                        pick(&mut rng),
                    ]
                })
                .collect();
            let mut got = vec![42];
            key3_batch(&parts, &mut got);
            let want: Vec<u64> = std::iter::once(42)
                .chain(parts.iter().map(|p| key3(p[0] as u32, p[1], p[2], p[3])))
                .collect();
            assert_eq!(got, want, "length {len}");
        }
    }
}

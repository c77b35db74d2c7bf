//! Near-duplicate articles (wire copies run by many outlets) by word shingles and MinHash.
//!
//! An article's text is lower-cased and cut into words (runs of letters and digits); every
//! run of [`SHINGLE_WORDS`] consecutive words is a shingle. The MinHash signature keeps,
//! for each of [`NUM_HASHES`] fixed hash functions, the smallest hash of any shingle; the
//! share of equal positions in two signatures estimates the Jaccard similarity of the
//! two shingle sets. Two articles are near-duplicates when that estimate is at least
//! [`THRESHOLD`] (0.6): a wire copy with another dateline or agency name, or with its
//! last paragraph trimmed, stays above it, while two reports of the same event written
//! separately share few five-word runs and stay far below it (typically under 0.1).
//!
//! Candidates are found by locality-sensitive hashing: the signature is cut into
//! [`BANDS`] (40) bands of [`ROWS`] (3) values and each band is hashed to one key;
//! articles that share a key are compared on the whole signature. At similarity 0.6 the
//! chance that a pair shares no band is below 10⁻⁴; at 0.05 the chance that two
//! unrelated articles are compared at all is about 0.5%.
//!
//! Hashing is deterministic (FNV-1a and SplitMix64 with fixed constants), so the same
//! texts give the same signatures on every machine and every run; nothing is seeded from
//! the operating system.

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// Hash functions in a signature.
pub const NUM_HASHES: usize = 120;
/// Bands for locality-sensitive hashing.
pub const BANDS: usize = 40;
/// Signature values per band.
pub const ROWS: usize = NUM_HASHES / BANDS;
/// Estimated Jaccard similarity at or above which two articles are near-duplicates.
pub const THRESHOLD: f64 = 0.6;

/// 64-bit FNV-1a hash of bytes.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// SplitMix64 finaliser: a fast, well-mixed bijection on 64-bit values.
pub fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A stable hex fingerprint of several byte strings (each length-prefixed, so that
/// `["ab", "c"]` and `["a", "bc"]` differ): two independent 64-bit hashes, 32 hex digits.
pub fn fingerprint<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x84222325_cbf29ce4;
    let mut feed = |bytes: &[u8]| {
        for &x in bytes {
            a ^= u64::from(x);
            a = a.wrapping_mul(0x0000_0100_0000_01b3);
            b = (b ^ u64::from(x))
                .rotate_left(5)
                .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    };
    for part in parts {
        feed(&(part.len() as u64).to_le_bytes());
        feed(part);
    }
    format!("{:016x}{:016x}", mix(a), mix(b))
}

/// The content hash of an article's text.
pub fn content_hash(text: &str) -> String {
    fingerprint([text.as_bytes()])
}

/// A MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub Vec<u64>);

/// The signature of a text, or `None` when it has no words.
pub fn signature(text: &str) -> Option<Signature> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return None;
    }
    let k = SHINGLE_WORDS.min(words.len());
    let mut mins = vec![u64::MAX; NUM_HASHES];
    let mut buf = String::new();
    for shingle in words.windows(k) {
        buf.clear();
        for w in shingle {
            buf.push_str(w);
            buf.push(' ');
        }
        let base = fnv1a(buf.as_bytes());
        for (i, m) in mins.iter_mut().enumerate() {
            let h = mix(base ^ mix(i as u64 + 1));
            if h < *m {
                *m = h;
            }
        }
    }
    Some(Signature(mins))
}

impl Signature {
    /// Estimated Jaccard similarity: the share of equal positions.
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.0.len() != other.0.len() || self.0.is_empty() {
            return 0.0;
        }
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / self.0.len() as f64
    }

    /// One key per band (the band index is mixed in, so equal values in different bands
    /// do not collide).
    pub fn band_keys(&self) -> Vec<i64> {
        self.0
            .chunks(ROWS)
            .enumerate()
            .map(|(band, rows)| {
                let mut h = mix(band as u64);
                for &r in rows {
                    h = mix(h ^ r);
                }
                h as i64
            })
            .collect()
    }

    /// Little-endian bytes, for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads [`Signature::to_bytes`]; `None` if the length is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != NUM_HASHES * 8 {
            return None;
        }
        Some(Signature(
            bytes
                .chunks_exact(8)
                .map(|c| {
                    let mut a = [0u8; 8];
                    a.copy_from_slice(c);
                    u64::from_le_bytes(a)
                })
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "DAMASCUS, May 28 (Reuters) - Syria's interim president said on Wednesday \
        that his government was holding indirect talks with Israel through mediators to calm \
        tensions along the border, the first such acknowledgement since the fall of Assad. \
        Officials in Jerusalem declined to comment on the report.";
    const B: &str = "DAMASCUS, May 28 (AFP) - Syria's interim president said on Wednesday \
        that his government was holding indirect talks with Israel through mediators to calm \
        tensions along the border, the first such acknowledgement since the fall of Assad.";
    const C: &str = "Israeli jets struck targets near Damascus overnight, the army said, \
        in a raid that Syrian state media called a violation of sovereignty.";

    #[test]
    fn wire_copies_are_similar_and_distinct_texts_are_not() {
        let (a, b, c) = (
            signature(A).unwrap(),
            signature(B).unwrap(),
            signature(C).unwrap(),
        );
        assert!(a.similarity(&b) >= THRESHOLD, "{}", a.similarity(&b));
        assert!(a.similarity(&c) < 0.1);
        assert!(a.band_keys().iter().any(|k| b.band_keys().contains(k)));
    }

    #[test]
    fn signatures_are_deterministic_and_round_trip() {
        let a = signature(A).unwrap();
        assert_eq!(a, signature(A).unwrap());
        assert_eq!(Signature::from_bytes(&a.to_bytes()), Some(a));
        assert_eq!(signature("  ,, "), None);
        assert!(signature("one").is_some());
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
    }

    #[test]
    fn fingerprints_separate_parts() {
        assert_ne!(
            fingerprint([&b"ab"[..], b"c"]),
            fingerprint([&b"a"[..], b"bc"])
        );
        assert_eq!(content_hash("x").len(), 32);
    }
}

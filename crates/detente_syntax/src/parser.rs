//! Arc-hybrid greedy transition parser with an averaged perceptron, labelled moves,
//! Zhang & Nivre (2011)-style features and the Goldberg & Nivre (2013) dynamic oracle.
//!
//! Configuration: a stack whose bottom is the artificial ROOT (index 0) and a buffer of
//! word indices `b..=n`. Moves: SHIFT; LEFT(l): s0 ← b0 (pop s0); RIGHT(l): s1 → s0 (pop
//! s0). RIGHT onto ROOT is allowed only when the buffer is empty, which guarantees exactly
//! one root word. Each sentence takes exactly `2n` moves, so parsing is linear.
//! Class ids: 0 = SHIFT, `1 + 2l` = LEFT(l), `2 + 2l` = RIGHT(l).

pub(crate) const NIL: u32 = u32::MAX;
const NONE_W: u64 = 0x0dd0_0dd0;
const NONE_T: u64 = 0xffff_ff00;
const NONE_L: u64 = 0xffff_fe00;
const ROOT_W: u64 = 0x0f00_f00f;
const ROOT_T: u64 = 0xffff_fd00;

/// Parser input token (index 0 is ROOT).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PTok {
    /// Lowercase form hash.
    pub(crate) w: u64,
    /// Joint tag id.
    pub(crate) t: u64,
    /// Coarse (UPOS) tag.
    pub(crate) u: u64,
    /// Suffix (3 chars) hash.
    pub(crate) suf: u64,
    /// Ambiguity class of the form (tags seen with it in training).
    pub(crate) amb: u64,
}

impl PTok {
    pub(crate) fn root() -> PTok {
        PTok {
            w: ROOT_W,
            t: ROOT_T,
            u: ROOT_T,
            suf: ROOT_W,
            amb: ROOT_T,
        }
    }

    /// Builds the parser input (ROOT first) from word features and tags.
    pub(crate) fn sentence(
        words: &[crate::features::WordFeats],
        tags: &[u16],
        tag_upos: &[crate::model::Upos],
        amb: &crate::hash::FastMap<u64, u64>,
        out: &mut Vec<PTok>,
    ) {
        out.clear();
        out.push(PTok::root());
        for (w, &t) in words.iter().zip(tags) {
            // Words seen fewer than 3 times in training (no ambiguity class) are replaced by
            // their shape, so rare training words look like unknown test words.
            let a = amb.get(&w.lower).copied();
            out.push(PTok {
                w: if a.is_some() {
                    w.lower
                } else {
                    crate::hash::mix(0x0bad_f00d, w.shape)
                },
                t: t as u64,
                u: 0x100 + tag_upos.get(t as usize).map(|&u| u as u64).unwrap_or(0),
                suf: w.suf3,
                amb: a.unwrap_or(1),
            });
        }
    }
}

/// Number of keys [`State::stack_features`] writes.
const STACK_KEYS: usize = 111;

pub(crate) const SHIFT: u16 = 0;

#[cfg(test)]
#[inline]
pub(crate) fn left(l: u16) -> u16 {
    1 + 2 * l
}
#[cfg(test)]
#[inline]
pub(crate) fn right(l: u16) -> u16 {
    2 + 2 * l
}

/// Parser configuration with per-node child bookkeeping for features.
#[derive(Default, Clone, Debug)]
pub(crate) struct State {
    pub(crate) n: u32,
    pub(crate) stack: Vec<u32>,
    pub(crate) b: u32,
    pub(crate) heads: Vec<u32>,
    pub(crate) labels: Vec<u16>,
    lc1: Vec<u32>,
    lc2: Vec<u32>,
    rc1: Vec<u32>,
    rc2: Vec<u32>,
    nl: Vec<u16>,
    nr: Vec<u16>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    /// Resets for the sentence `toks` (index 0 = ROOT).
    pub(crate) fn reset_for(&mut self, toks: &[PTok]) {
        self.reset(toks.len().saturating_sub(1));
    }

    pub(crate) fn reset(&mut self, n: usize) {
        let m = n + 1;
        self.n = n as u32;
        self.stack.clear();
        self.stack.push(0);
        self.b = 1;
        for v in [
            &mut self.heads,
            &mut self.lc1,
            &mut self.lc2,
            &mut self.rc1,
            &mut self.rc2,
        ] {
            v.clear();
            v.resize(m, NIL);
        }
        self.labels.clear();
        self.labels.resize(m, 0);
        for v in [&mut self.nl, &mut self.nr] {
            v.clear();
            v.resize(m, 0);
        }
        for v in [&mut self.lset, &mut self.rset] {
            v.clear();
            v.resize(m, 0);
        }
    }

    #[inline]
    pub(crate) fn terminal(&self) -> bool {
        self.b > self.n && self.stack.len() <= 1
    }

    #[inline]
    fn s(&self, i: usize) -> u32 {
        let l = self.stack.len();
        if i < l {
            self.stack[l - 1 - i]
        } else {
            NIL
        }
    }

    #[inline]
    fn bf(&self, i: u32) -> u32 {
        let x = self.b + i;
        if x <= self.n {
            x
        } else {
            NIL
        }
    }

    #[inline]
    pub(crate) fn can_shift(&self) -> bool {
        self.b <= self.n
    }
    #[inline]
    pub(crate) fn can_left(&self) -> bool {
        self.stack.len() >= 2 && self.b <= self.n
    }
    #[inline]
    pub(crate) fn can_right(&self) -> bool {
        self.stack.len() >= 3 || (self.stack.len() == 2 && self.b > self.n)
    }

    /// The only valid class when there is exactly one (then scoring is pointless): SHIFT
    /// when the stack holds just ROOT, RIGHT(root) when the buffer is empty and one word
    /// is left on the stack.
    #[inline]
    pub(crate) fn forced(&self, root: u16) -> Option<u16> {
        match self.stack.len() {
            1 if self.can_shift() => Some(SHIFT),
            2 if !self.can_shift() => Some(2 + 2 * root),
            _ => None,
        }
    }

    /// Whether class `c` is valid here (`root` is the root label id).
    #[inline]
    pub(crate) fn valid(&self, c: u16, root: u16) -> bool {
        if c == SHIFT {
            return self.can_shift();
        }
        let l = (c - 1) / 2;
        if c % 2 == 1 {
            self.can_left() && l != root
        } else {
            self.can_right() && ((self.stack.len() == 2) == (l == root))
        }
    }

    fn add_arc(&mut self, h: u32, d: u32, l: u16) {
        let (h, d) = (h as usize, d as usize);
        self.heads[d] = h as u32;
        self.labels[d] = l;
        let bit = 1u64 << (l % 64);
        if d < h {
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
            let d32 = d as u32;
            if self.lc1[h] == NIL || d32 < self.lc1[h] {
                self.lc2[h] = self.lc1[h];
                self.lc1[h] = d32;
            } else if self.lc2[h] == NIL || d32 < self.lc2[h] {
                self.lc2[h] = d32;
            }
        } else {
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
            let d32 = d as u32;
            if self.rc1[h] == NIL || d32 > self.rc1[h] {
                self.rc2[h] = self.rc1[h];
                self.rc1[h] = d32;
            } else if self.rc2[h] == NIL || d32 > self.rc2[h] {
                self.rc2[h] = d32;
            }
        }
    }

    /// Applies class `c` (must be valid).
    pub(crate) fn apply(&mut self, c: u16) {
        if c == SHIFT {
            self.stack.push(self.b);
            self.b += 1;
            return;
        }
        let l = (c - 1) / 2;
        let s0 = self.stack.pop().unwrap_or(0);
        if c % 2 == 1 {
            self.add_arc(self.b, s0, l);
        } else {
            let s1 = *self.stack.last().unwrap_or(&0);
            self.add_arc(s1, s0, l);
        }
    }

    /// Unlabelled costs `[shift, left, right]` w.r.t. gold heads `gh` (index 0 unused);
    /// `u32::MAX` for invalid moves.
    pub(crate) fn costs(&self, gh: &[u32]) -> [u32; 3] {
        let mut c = [u32::MAX; 3];
        let n = self.n;
        let in_buf = |x: u32| x >= self.b && x <= n;
        let s0 = self.s(0);
        let s1 = self.s(1);
        if self.can_shift() {
            let b0 = self.b;
            let mut k = 0;
            for &d in &self.stack[1..] {
                if gh[d as usize] == b0 {
                    k += 1;
                }
            }
            let h = gh[b0 as usize];
            if h != s0 && self.stack.contains(&h) {
                k += 1;
            }
            c[0] = k;
        }
        if self.stack.len() >= 2 {
            let mut deps = 0;
            for d in self.b..=n {
                if gh[d as usize] == s0 {
                    deps += 1;
                }
            }
            let h = gh[s0 as usize];
            if self.can_left() {
                let b0 = self.b;
                let lost = h != b0 && (h == s1 || in_buf(h));
                c[1] = deps + lost as u32;
            }
            if self.can_right() {
                c[2] = deps + in_buf(h) as u32;
            }
        }
        c
    }

    /// Feature keys of the current configuration.
    pub(crate) fn features(&self, toks: &[PTok], out: &mut Vec<u64>) {
        out.clear();
        self.buffer_features(toks, out);
        self.stack_features(toks, out);
    }

    /// Appends the keys of the templates that look only at the buffer words `b0..b2` and
    /// their surface neighbours (not at children): LEFT and RIGHT leave them unchanged.
    pub(crate) fn buffer_features(&self, toks: &[PTok], out: &mut Vec<u64>) {
        let tok = |x: u32| if x == NIL { None } else { toks.get(x as usize) };
        let w = |x: u32| tok(x).map_or(NONE_W, |k| k.w);
        let t = |x: u32| tok(x).map_or(NONE_T, |k| k.t);
        let suf = |x: u32| tok(x).map_or(NONE_W, |k| k.suf);
        let amb = |x: u32| tok(x).map_or(NONE_T, |k| k.amb);
        let prev = |x: u32| if x == NIL || x <= 1 { NIL } else { x - 1 };
        let (b0, b1, b2) = (self.bf(0), self.bf(1), self.bf(2));
        let (b0w, b0t, b1w, b1t, b2w, b2t) = (w(b0), t(b0), w(b1), t(b1), w(b2), t(b2));
        let b0wt = b0w ^ b0t.rotate_left(17);
        let b1wt = b1w ^ b1t.rotate_left(17);
        let parts: [[u64; 4]; 16] = [
            [1, 0, 0, 0],
            [8, b0w, b0t, 0],
            [9, b0w, 0, 0],
            [10, b0t, 0, 0],
            [11, b1w, b1t, 0],
            [12, b1w, 0, 0],
            [13, b1t, 0, 0],
            [14, b2w, 0, 0],
            [15, b2t, 0, 0],
            [24, b0t, b1t, 0],
            [25, b0wt, b1wt, 0],
            [33, b0t, b1t, b2t],
            [105, t(prev(b0)), b0t, 0],
            [115, suf(b0), 0, 0],
            [119, amb(b0), 0, 0],
            [121, amb(b1), 0, 0],
        ];
        crate::hash::key3_batch(&parts, out);
    }

    /// Appends the keys of all other templates (see [`State::buffer_features`]).
    pub(crate) fn stack_features(&self, toks: &[PTok], out: &mut Vec<u64>) {
        let w = |x: u32| if x == NIL { NONE_W } else { toks[x as usize].w };
        let t = |x: u32| if x == NIL { NONE_T } else { toks[x as usize].t };
        let u = |x: u32| if x == NIL { NONE_T } else { toks[x as usize].u };
        let suf = |x: u32| {
            if x == NIL {
                NONE_W
            } else {
                toks[x as usize].suf
            }
        };
        let amb = |x: u32| {
            if x == NIL {
                NONE_T
            } else {
                toks[x as usize].amb
            }
        };
        let lab = |x: u32| {
            if x == NIL {
                NONE_L
            } else {
                self.labels[x as usize] as u64
            }
        };
        let ch = |v: &Vec<u32>, x: u32| if x == NIL { NIL } else { v[x as usize] };
        let n = self.n;
        let prev = |x: u32| if x == NIL || x <= 1 { NIL } else { x - 1 };
        let next = |x: u32| {
            if x == NIL || x == 0 || x >= n {
                NIL
            } else {
                x + 1
            }
        };
        let s0 = self.s(0);
        let s1 = self.s(1);
        let s2 = self.s(2);
        let b0 = self.bf(0);
        let b1 = self.bf(1);
        let (s0w, s0t, s1w, s1t, b0w, b0t, b1t) = (w(s0), t(s0), w(s1), t(s1), w(b0), t(b0), t(b1));
        let s2t = t(s2);
        let s0l1 = ch(&self.lc1, s0);
        let s0l2 = ch(&self.lc2, s0);
        let s0r1 = ch(&self.rc1, s0);
        let s0r2 = ch(&self.rc2, s0);
        let s1l1 = ch(&self.lc1, s1);
        let s1r1 = ch(&self.rc1, s1);
        let s1r2 = ch(&self.rc2, s1);
        let b0l1 = ch(&self.lc1, b0);
        let b0l2 = ch(&self.lc2, b0);
        let dist = |a: u32, b: u32| -> u64 {
            if a == NIL || b == NIL {
                99
            } else {
                let d = b.abs_diff(a) as u64;
                if d < 5 {
                    d
                } else if d < 10 {
                    5
                } else {
                    6
                }
            }
        };
        let d0 = dist(s0, b0);
        let d1 = dist(s1, s0);
        let val = |v: &Vec<u16>, x: u32| if x == NIL { 99 } else { v[x as usize] as u64 };
        let set = |v: &Vec<u64>, x: u32| if x == NIL { 7 } else { v[x as usize] };
        let s0vl = val(&self.nl, s0);
        let s0vr = val(&self.nr, s0);
        let s1vl = val(&self.nl, s1);
        let s1vr = val(&self.nr, s1);
        let b0vl = val(&self.nl, b0);
        let s0wt = s0w ^ s0t.rotate_left(17);
        let s1wt = s1w ^ s1t.rotate_left(17);
        let b0wt = b0w ^ b0t.rotate_left(17);
        let parts: [[u64; 4]; STACK_KEYS] = [
            [2, s0w, s0t, 0],
            [3, s0w, 0, 0],
            [4, s0t, 0, 0],
            [5, s1w, s1t, 0],
            [6, s1w, 0, 0],
            [7, s1t, 0, 0],
            [16, s2t, 0, 0],
            // pairs s0/b0
            [17, s0wt, b0wt, 0],
            [18, s0wt, b0w, 0],
            [19, s0w, b0wt, 0],
            [20, s0wt, b0t, 0],
            [21, s0t, b0wt, 0],
            [22, s0w, b0w, 0],
            [23, s0t, b0t, 0],
            // pairs s1/s0
            [26, s1wt, s0wt, 0],
            [27, s1wt, s0w, 0],
            [28, s1w, s0wt, 0],
            [29, s1wt, s0t, 0],
            [30, s1t, s0wt, 0],
            [31, s1w, s0w, 0],
            [32, s1t, s0t, 0],
            // triples
            [34, s0t, b0t, b1t],
            [35, s1t, s0t, b0t],
            [36, s2t, s1t, s0t],
            [37, s0t, t(s0l1), b0t],
            [38, s0t, t(s0r1), b0t],
            [39, s0t, b0t, t(b0l1)],
            [40, s1t, s0t, t(s0l1)],
            [41, s1t, t(s1r1), s0t],
            [42, s1t, s0t, t(s0r1)],
            [43, s1t, t(s1l1), s0t],
            [44, s1w, s0t, b0t],
            [45, s1t, s0w, b0t],
            [46, s1t, s0t, b0w],
            // distance
            [47, s0w, d0, 0],
            [48, s0t, d0, 0],
            [49, b0w, d0, 0],
            [50, b0t, d0, 0],
            [51, s0w, b0w, d0],
            [52, s0t, b0t, d0],
            [53, s1t, s0t, d1],
            [54, s1w, s0w, d1],
            [55, s1w, s0t, d1],
            [56, s1t, s0w, d1],
            // valency
            [57, s0w, s0vr, 0],
            [58, s0t, s0vr, 0],
            [59, s0w, s0vl, 0],
            [60, s0t, s0vl, 0],
            [61, s1w, s1vr, 0],
            [62, s1t, s1vr, 0],
            [63, s1w, s1vl, 0],
            [64, s1t, s1vl, 0],
            [65, b0w, b0vl, 0],
            [66, b0t, b0vl, 0],
            // children unigrams
            [67, w(s0l1), 0, 0],
            [68, t(s0l1), 0, 0],
            [69, lab(s0l1), 0, 0],
            [70, w(s0r1), 0, 0],
            [71, t(s0r1), 0, 0],
            [72, lab(s0r1), 0, 0],
            [73, w(s1l1), 0, 0],
            [74, t(s1l1), 0, 0],
            [75, lab(s1l1), 0, 0],
            [76, w(s1r1), 0, 0],
            [77, t(s1r1), 0, 0],
            [78, lab(s1r1), 0, 0],
            [79, w(b0l1), 0, 0],
            [80, t(b0l1), 0, 0],
            [81, lab(b0l1), 0, 0],
            // third order
            [82, t(s0l2), lab(s0l2), 0],
            [83, t(s0r2), lab(s0r2), 0],
            [84, t(s1r2), lab(s1r2), 0],
            [85, t(b0l2), lab(b0l2), 0],
            [86, s0t, t(s0l1), t(s0l2)],
            [87, s0t, t(s0r1), t(s0r2)],
            [88, s1t, t(s1r1), t(s1r2)],
            [89, b0t, t(b0l1), t(b0l2)],
            // label sets
            [90, s0w, set(&self.rset, s0), 0],
            [91, s0t, set(&self.rset, s0), 0],
            [92, s0w, set(&self.lset, s0), 0],
            [93, s0t, set(&self.lset, s0), 0],
            [94, s1w, set(&self.rset, s1), 0],
            [95, s1t, set(&self.rset, s1), 0],
            [96, b0w, set(&self.lset, b0), 0],
            [97, b0t, set(&self.lset, b0), 0],
            // child labels with heads
            [98, s0t, lab(s0l1), lab(s0r1)],
            [99, s1t, lab(s1r1), s0t],
            [100, b0t, lab(b0l1), s0t],
            [101, s0w, lab(s0r1), b0t],
            [102, b1t, b0t, s0w],
            // surface neighbours of s0 and b0
            [103, t(prev(s0)), s0t, 0],
            [104, s0t, t(next(s0)), 0],
            [106, s0t, t(next(s0)), b0t],
            [107, t(prev(s0)), s0t, b0t],
            [108, s0t, t(prev(b0)), b0t],
            [109, s1t, t(next(s1)), s0t],
            // coarse tags, suffixes and ambiguity classes (robust to tagging errors)
            [110, u(s0), u(b0), 0],
            [111, u(s1), u(s0), 0],
            [112, u(s1), u(s0), u(b0)],
            [113, u(s0), u(b0), u(b1)],
            [114, suf(s0), 0, 0],
            [116, suf(s0), suf(b0), 0],
            [117, suf(s1), suf(s0), 0],
            [118, amb(s0), 0, 0],
            [120, amb(s1), 0, 0],
            [122, amb(s0), amb(b0), 0],
            [123, amb(s1), amb(s0), 0],
            [124, amb(s0), b0t, 0],
            [125, s0t, amb(b0), 0],
            [126, u(s0), u(b0), d0],
            [127, u(s1), u(s0), d1],
        ];
        crate::hash::key3_batch(&parts, out);
    }
}

/// Gold heads are projective (no crossing arcs); `heads[i]` for words `1..=n`, index 0
/// unused.
pub(crate) fn is_projective(heads: &[u32]) -> bool {
    let n = heads.len();
    for d in 1..n {
        let h = heads[d] as usize;
        let (a, b) = if h < d { (h, d) } else { (d, h) };
        for (k, &hk) in heads.iter().enumerate().take(b).skip(a + 1) {
            // every word strictly between must have its head within [a, b]
            let hk = hk as usize;
            if hk < a || hk > b {
                let _ = k;
                return false;
            }
        }
    }
    true
}

/// Picks the highest-scoring valid class.
#[inline]
pub(crate) fn best_valid(st: &State, scores: &[i32], root: u16) -> u16 {
    let mut best = u16::MAX;
    let mut bv = i32::MIN;
    for (c, &v) in scores.iter().enumerate() {
        let c = c as u16;
        if (best == u16::MAX || v > bv) && st.valid(c, root) {
            best = c;
            bv = v;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Static oracle from the dynamic costs reproduces every gold projective tree.
    #[test]
    fn oracle_reproduces_gold() {
        // heads (index 0 unused), a few projective trees
        let trees: Vec<Vec<u32>> = vec![
            vec![0, 2, 0, 2],
            vec![0, 0],
            vec![0, 2, 3, 0, 3, 6, 4, 3],
            vec![0, 4, 4, 4, 0, 4, 7, 5, 4],
            vec![0, 0, 1, 2, 3, 4],
            vec![0, 5, 5, 5, 5, 0, 5, 5, 5],
        ];
        for gh in trees {
            assert!(is_projective(&gh));
            let n = gh.len() - 1;
            let mut st = State::default();
            st.reset(n);
            let mut steps = 0;
            while !st.terminal() {
                // A forced class is the only valid one.
                if let Some(f) = st.forced(0) {
                    let valid: Vec<u16> = (0..5).filter(|&c| st.valid(c, 0)).collect();
                    assert_eq!(valid, vec![f]);
                }
                let c = st.costs(&gh);
                let mv = (0..3).find(|&m| c[m] == 0).expect("zero-cost move exists");
                let label = 1; // non-root label; root label = 0
                let cls = match mv {
                    0 => SHIFT,
                    1 => left(label),
                    _ => {
                        if st.stack.len() == 2 {
                            right(0)
                        } else {
                            right(label)
                        }
                    }
                };
                assert!(st.valid(cls, 0));
                st.apply(cls);
                steps += 1;
            }
            assert_eq!(steps, 2 * n);
            assert_eq!(&st.heads[1..], &gh[1..]);
        }
        assert!(!is_projective(&[0, 3, 0, 2, 1]));
    }
}

/// Reusable parser buffers.
#[derive(Default)]
pub(crate) struct ParseScratch {
    pub(crate) state: State,
    feats: Vec<u64>,
    scores: Vec<i32>,
    /// Scores of [`State::buffer_features`] for the buffer position `buffer_at`.
    buffer_feats: Vec<u64>,
    buffer_scores: Vec<i32>,
    buffer_at: u32,
}

/// Greedy parse of `toks` (index 0 = ROOT); the result is in `sc.state.heads/labels`.
pub(crate) fn parse(
    w: &impl crate::weights::Scorer,
    toks: &[PTok],
    root: u16,
    sc: &mut ParseScratch,
) {
    let n = toks.len().saturating_sub(1);
    sc.state.reset_for(toks);
    sc.buffer_at = NIL;
    while !sc.state.terminal() {
        let c = match sc.state.forced(root) {
            Some(c) => c,
            None => {
                // The buffer part of the score only changes on SHIFT: reuse it otherwise.
                if sc.buffer_at != sc.state.b {
                    sc.buffer_at = sc.state.b;
                    sc.buffer_feats.clear();
                    sc.state.buffer_features(toks, &mut sc.buffer_feats);
                    w.scores(&sc.buffer_feats, &mut sc.buffer_scores);
                }
                sc.feats.clear();
                sc.state.stack_features(toks, &mut sc.feats);
                w.scores(&sc.feats, &mut sc.scores);
                for (s, &b) in sc.scores.iter_mut().zip(&sc.buffer_scores) {
                    *s += b;
                }
                best_valid(&sc.state, &sc.scores, root)
            }
        };
        if c == u16::MAX {
            // Cannot happen (some move is always valid); stay safe anyway.
            break;
        }
        sc.state.apply(c);
    }
    // Safety net: any word left without a head hangs off the root word (or is the root).
    let root_word = (1..=n).find(|&i| sc.state.heads[i] == 0).unwrap_or(0) as u32;
    for i in 1..=n {
        if sc.state.heads[i] == NIL {
            if root_word == 0 {
                sc.state.heads[i] = 0;
                sc.state.labels[i] = root;
            } else {
                sc.state.heads[i] = root_word;
            }
        }
    }
}

//! Counter-based random streams (Philox4x32-10) keyed by (seed, purpose, id, day).
//! Any draw can be recomputed from its key alone, so results never depend on thread count or order of work.

pub mod blocks;
pub mod guide;

/// Philox4x32 multipliers and Weyl key increments (Salmon et al., SC'11, Random123).
const M0: u32 = 0xD251_1F53;
const M1: u32 = 0xCD9E_8D57;
const W0: u32 = 0x9E37_79B9;
const W1: u32 = 0xBB67_AE85;

/// One Philox4x32-10 block: a bijection of the 128-bit counter under a 64-bit key.
#[inline(always)]
pub fn philox4x32_10(mut ctr: [u32; 4], key: [u32; 2]) -> [u32; 4] {
    let (mut k0, mut k1) = (key[0], key[1]);
    for round in 0..10 {
        if round > 0 {
            k0 = k0.wrapping_add(W0);
            k1 = k1.wrapping_add(W1);
        }
        let p0 = u64::from(M0) * u64::from(ctr[0]);
        let p1 = u64::from(M1) * u64::from(ctr[2]);
        ctr = [((p1 >> 32) as u32) ^ ctr[1] ^ k0, p1 as u32, ((p0 >> 32) as u32) ^ ctr[3] ^ k1, p0 as u32];
    }
    ctr
}

/// What a stream of draws is for; part of the key so that purposes never share draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum Purpose {
    /// An agent's (or group's) daily movement decisions and travel.
    Movement = 1,
    /// Where and with which attributes agents are created.
    Spawn = 2,
    /// Group-level decisions (caravan votes, stragglers).
    Group = 3,
    /// Institutions: each institution adds its own index to this base.
    Institution = 16,
}

/// A stream of uniform draws for one (seed, purpose, id, day). Cheap to create; holds no heap data.
#[derive(Clone, Debug)]
pub struct Stream {
    key: [u32; 2],
    ctr: [u32; 4],
    buf: [u32; 4],
    used: u8,
}

impl Stream {
    /// The stream for `id` (an agent, group, queue or place) on `day`, for `purpose` plus `sub` (an
    /// institution index or a phase within a purpose).
    #[inline]
    pub fn new(seed: u64, purpose: Purpose, sub: u32, id: u32, day: u32) -> Self {
        Stream {
            key: [seed as u32, (seed >> 32) as u32],
            ctr: [id, day, (purpose as u32).wrapping_add(sub << 8), 0],
            buf: [0; 4],
            used: 4,
        }
    }

    /// The next 32 random bits (the stream is consecutive Philox4x32-10 blocks, counter word 3 = 0, 1, …).
    #[inline]
    pub fn next_u32(&mut self) -> u32 {
        if self.used == 4 {
            self.buf = philox4x32_10(self.ctr, self.key);
            self.ctr[3] = self.ctr[3].wrapping_add(1);
            self.used = 0;
        }
        let v = self.buf[self.used as usize];
        self.used += 1;
        v
    }

    /// A uniform draw in [0, 1) with 53 bits of resolution.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        Draw::uniform(self)
    }

    /// True with probability `p` (p <= 0 never, p >= 1 always).
    #[inline]
    pub fn chance(&mut self, p: f64) -> bool {
        Draw::chance(self, p)
    }

    /// A uniform integer in 0..n (n > 0), by Lemire's multiply-shift (bias below 2^-32 · n).
    #[inline]
    pub fn below(&mut self, n: u32) -> u32 {
        Draw::below(self, n)
    }

    /// Index drawn in proportion to a cumulative weight table (last entry = total).
    /// An all-zero table gives a uniform draw, as FLEE does.
    #[inline]
    pub fn pick_cumulative(&mut self, cumulative: &[f64]) -> usize {
        Draw::pick_cumulative(self, cumulative)
    }

    /// Days until the first success of a daily chance `p` (0 = today), by inversion (the tests' check
    /// of the engine's table and logarithm draws).
    #[cfg(test)]
    pub fn geometric_days(&mut self, p: f64) -> u32 {
        if p >= 1.0 {
            return 0;
        }
        if p <= 0.0 {
            return u32::MAX;
        }
        let u = 1.0 - self.uniform();
        let d = (u.ln() / (1.0 - p).ln()).floor();
        if d >= f64::from(u32::MAX - 1) {
            u32::MAX - 1
        } else {
            d as u32
        }
    }
}

/// Random draws built from a source of 32-bit words: the Philox `Stream`, or the cheaper
/// `MoveStream` of the agents' daily movement. The rules are written once, for either.
pub trait Draw {
    /// The next 32 random bits.
    fn next_u32(&mut self) -> u32;

    /// A uniform draw in [0, 1) with 53 bits of resolution.
    #[inline]
    fn uniform(&mut self) -> f64 {
        let hi = u64::from(self.next_u32()) << 21;
        let lo = u64::from(self.next_u32()) >> 11;
        ((hi | lo) as f64) * (1.0 / (1u64 << 53) as f64)
    }

    /// True with probability `p` (p <= 0 never, p >= 1 always).
    #[inline]
    fn chance(&mut self, p: f64) -> bool {
        p > 0.0 && (p >= 1.0 || self.uniform() < p)
    }

    /// A uniform integer in 0..n (n > 0), by Lemire's multiply-shift (bias below 2^-32 · n).
    #[inline]
    fn below(&mut self, n: u32) -> u32 {
        ((u64::from(self.next_u32()) * u64::from(n)) >> 32) as u32
    }

    /// True with probability `threshold / 2^32` (see `threshold_of`): one 32-bit draw.
    #[inline]
    fn chance_u32(&mut self, threshold: u64) -> bool {
        u64::from(self.next_u32()) < threshold
    }

    /// A uniform draw in [0, 1) with 32 bits of resolution (enough to pick among a few routes).
    #[inline]
    fn uniform32(&mut self) -> f64 {
        f64::from(self.next_u32()) * (1.0 / 4_294_967_296.0)
    }

    /// Index drawn in proportion to a cumulative weight table (last entry = total), from one word.
    /// An all-zero table gives a uniform draw, as FLEE does. (`CumulativeGuide` gives the same
    /// index for the same word without the search.)
    #[inline]
    fn pick_cumulative(&mut self, cumulative: &[f64]) -> usize {
        let n = cumulative.len();
        debug_assert!(n > 0);
        let total = cumulative[n - 1];
        if total <= 0.0 {
            return self.below(n as u32) as usize;
        }
        let x = self.uniform32() * total;
        let i = cumulative.partition_point(|&c| c <= x);
        i.min(n - 1)
    }

    /// Days until the first success of a daily chance `p`, given `ln(1 - p)` (0 = today).
    #[inline]
    fn geometric_days_ln(&mut self, ln_fail: f64) -> u32 {
        if ln_fail == f64::NEG_INFINITY {
            return 0;
        }
        if ln_fail >= 0.0 {
            return u32::MAX;
        }
        let u = (f64::from(self.next_u32()) + 0.5) * (1.0 / 4_294_967_296.0);
        // ln u / ln(1 - p) > 0, so the cast's truncation is the floor (without a call to `floor`,
        // which the baseline x86-64 target has no instruction for), saturating at u32::MAX.
        ((u.ln() / ln_fail) as u32).min(u32::MAX - 1)
    }

    /// Days until the first success of a daily chance p, from one 32-bit draw and the table
    /// `survive[k] = (1 - p)^(k + 1) · 2^32` (chance of no success by day k); past the table, by
    /// inversion with `ln_fail` (exact, as the wait is memoryless).
    #[inline(always)]
    fn geometric_days_by_table(&mut self, survive: &[u32; GEOMETRIC_TABLE], ln_fail: f64) -> u32 {
        let u = self.next_u32();
        self.geometric_days_of_word(u, survive, ln_fail)
    }

    /// `geometric_days_by_table` for the same word, looked up in `guide` (see `geometric_guide`) by
    /// the word's top byte; only a word whose bucket holds a threshold is searched.
    #[inline(always)]
    fn geometric_days_guided(
        &mut self,
        guide: &[u8; GEOMETRIC_GUIDE],
        survive: &[u32; GEOMETRIC_TABLE],
        ln_fail: f64,
    ) -> u32 {
        let u = self.next_u32();
        let g = guide[(u >> 24) as usize];
        if g != GUIDE_SEARCH {
            return u32::from(g);
        }
        self.geometric_days_of_word(u, survive, ln_fail)
    }

    /// The wait `geometric_days_by_table` gives for the word `u` already drawn.
    #[inline(always)]
    fn geometric_days_of_word(&mut self, u: u32, survive: &[u32; GEOMETRIC_TABLE], ln_fail: f64) -> u32 {
        // The thresholds never rise, so the first k with u >= survive[k] is the number of thresholds
        // above u: found by a binary search without branches (a random exit from a loop mispredicts
        // nearly every time).
        const _: () = assert!(GEOMETRIC_TABLE == 16, "the search steps below halve 16");
        let mut k = 0;
        for step in [8, 4, 2, 1] {
            k = std::hint::select_unpredictable(survive[k + step - 1] > u, k + step, k);
        }
        // Now k = min(thresholds above u, 15).
        if k < GEOMETRIC_TABLE - 1 || survive[GEOMETRIC_TABLE - 1] <= u {
            return k as u32;
        }
        (GEOMETRIC_TABLE as u32).saturating_add(self.geometric_days_ln(ln_fail))
    }

    /// A uniform index in 0..n (n > 0) and 32 further nearly uniform bits from the same draw (the
    /// fraction left by the multiply-shift), for a following comparison.
    #[inline]
    fn below_with_rest(&mut self, n: u32) -> (u32, u64) {
        let x = u64::from(self.next_u32()) * u64::from(n);
        ((x >> 32) as u32, x & 0xFFFF_FFFF)
    }
}

impl Draw for Stream {
    #[inline]
    fn next_u32(&mut self) -> u32 {
        Stream::next_u32(self)
    }
}

/// Weyl increment of SplitMix64 (the golden ratio in 64 bits).
const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// An odd 64-bit multiplier with well-mixed bits (the one of the "degski64" integer hash) that spreads
/// a movement key's bits; odd, so multiplying by it is a bijection of u64.
const SPREAD: u64 = 0xD6E8_FEB8_6659_FD93;

/// The stream of one agent's movement draws on one day, keyed by (seed, agent, day) like a `Stream`
/// with `Purpose::Movement`: SplitMix64 (Steele, Lea & Flood, OOPSLA 2014; passes BigCrush) started
/// from a hash of the key. Each 64-bit output gives two 32-bit words, at about a tenth of the cost
/// of a Philox block; an agent's day needs a few words, and this is the hottest draw of a run. The
/// start states of distinct (agent, day) keys are distinct (a bijection), and SplitMix64 sequences
/// from hashed starts overlap only with negligible probability at these stream lengths.
#[derive(Clone, Debug)]
pub struct MoveStream {
    state: u64,
    /// The current 64-bit output; its low half is the next word.
    word: u64,
    /// Words of `word` not yet used (2, 1 or 0).
    left: u32,
}

impl MoveStream {
    #[inline]
    pub fn new(seed: u64, id: u32, day: u32) -> Self {
        let key = mix64(seed ^ mix64((u64::from(Purpose::Movement as u32) << 40) ^ GOLDEN));
        // (agent, day) is spread over all 64 bits by an odd multiplier (a bijection, so distinct keys
        // stay distinct) before the hash. The hash is the start state and, at once, the first output
        // (two words): most agents' days need no more than these two.
        let spread = ((u64::from(id) << 32) | u64::from(day)).wrapping_mul(SPREAD);
        let start = mix64(key ^ spread);
        MoveStream { state: start, word: start, left: 2 }
    }
}

impl Draw for MoveStream {
    #[inline]
    fn next_u32(&mut self) -> u32 {
        if self.left == 0 {
            self.state = self.state.wrapping_add(GOLDEN);
            self.word = mix64(self.state);
            self.left = 2;
        }
        let w = self.word as u32;
        self.word >>= 32;
        self.left -= 1;
        w
    }
}

/// SplitMix64's output function: a bijection of u64 with strong avalanche.
#[inline(always)]
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One cheap uniform draw in [0, 1) keyed by (seed, purpose, sub, id, day), for the many small daily
/// chances that almost never happen (a raid, registering for a return). For a fixed key the map
/// (id, day) → draw is a bijection followed by SplitMix64's mixer, so distinct agents and days get
/// distinct, well-mixed values; about a fifth of the cost of a Philox block. Whatever follows a hit
/// uses a full `Stream`.
#[inline]
pub fn quick_uniform(seed: u64, purpose: Purpose, sub: u32, id: u32, day: u32) -> f64 {
    let key = mix64(seed ^ mix64((u64::from(purpose as u32) << 40) ^ (u64::from(sub) << 32) ^ 0x9E37_79B9_7F4A_7C15));
    let x = mix64(key ^ ((u64::from(id) << 32) | u64::from(day)));
    (x >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Length of the table `Stream::geometric_days_by_table` reads.
pub const GEOMETRIC_TABLE: usize = 16;

/// The table of survival thresholds for a daily chance `p` (see `Stream::geometric_days_by_table`),
/// for 0 < p: each `(1 - p)^(k + 1) · 2^32` is then below 2^32 and fits 32 bits exactly.
pub fn geometric_table(p: f64) -> [u32; GEOMETRIC_TABLE] {
    let mut t = [u32::MAX; GEOMETRIC_TABLE];
    let q = (1.0 - p).clamp(0.0, 1.0);
    let mut s = 1.0;
    for v in t.iter_mut() {
        s *= q;
        *v = threshold_of(s).min(u64::from(u32::MAX)) as u32;
    }
    t
}

/// Buckets of `geometric_guide`: one per value of a word's top byte.
pub const GEOMETRIC_GUIDE: usize = 256;

/// A `geometric_guide` entry whose bucket must be searched.
const GUIDE_SEARCH: u8 = u8::MAX;

/// For each bucket of words with the same top byte, the wait `geometric_days_by_table` gives for
/// every word of the bucket when it is the same for all of them and within the table, else
/// `GUIDE_SEARCH`. The wait is the number of thresholds above the word, which changes only at a
/// threshold, so a bucket is known unless a threshold lies in (its first word, its last word].
pub fn geometric_guide(survive: &[u32; GEOMETRIC_TABLE]) -> [u8; GEOMETRIC_GUIDE] {
    let above = |w: u32| survive.iter().filter(|&&s| s > w).count();
    let mut guide = [GUIDE_SEARCH; GEOMETRIC_GUIDE];
    for (b, g) in guide.iter_mut().enumerate() {
        let first = (b as u32) << 24;
        let (lo, hi) = (above(first), above(first | 0x00FF_FFFF));
        if lo == hi && lo < GEOMETRIC_TABLE {
            *g = lo as u8;
        }
    }
    guide
}

/// The 32-bit threshold for `Stream::chance_u32` equal to probability `p`.
#[inline]
pub fn threshold_of(p: f64) -> u64 {
    if p <= 0.0 {
        0
    } else if p >= 1.0 {
        1 << 32
    } else {
        (p * 4_294_967_296.0) as u64
    }
}

#[cfg(test)]
mod tests;

//! Philox blocks for many streams at once, with the work their counters share done once: the first
//! blocks of many ids' streams (spawning agents) and the many blocks of one long stream. Same words.
//!
//! A Philox round multiplies counter words 0 and 2; where those words are the same for every stream
//! of a batch (they hold the day and purpose, or only the block index differs), the first rounds'
//! products are the same too. `philox4x32_10` stays the reference; the tests check equality.

use super::{Draw, Purpose, Stream, M0, M1, W0, W1};

/// The ten round keys of `key` (Philox adds the Weyl increments before every round but the first).
fn round_keys(key: [u32; 2]) -> [[u32; 2]; 10] {
    let mut rk = [key; 10];
    for r in 1..10 {
        rk[r] = [rk[r - 1][0].wrapping_add(W0), rk[r - 1][1].wrapping_add(W1)];
    }
    rk
}

/// The high and low words of `m · x`.
#[inline(always)]
fn mul_hi_lo(m: u32, x: u32) -> (u32, u32) {
    let p = u64::from(m) * u64::from(x);
    ((p >> 32) as u32, p as u32)
}

/// Rounds `from..10` of Philox4x32-10 on `c`, whose earlier rounds are done.
#[inline(always)]
fn rounds_from(mut c: [u32; 4], rk: &[[u32; 2]; 10], from: usize) -> [u32; 4] {
    for k in &rk[from..] {
        let (h0, l0) = mul_hi_lo(M0, c[0]);
        let (h1, l1) = mul_hi_lo(M1, c[2]);
        c = [h1 ^ c[1] ^ k[0], l1, h0 ^ c[3] ^ k[1], l0];
    }
    c
}

/// The first blocks of the streams `Stream::new(seed, purpose, sub, id, day)` of many ids: counters
/// `[id, day, purpose word, 0]`. Rounds 1 and 2 each have one product that does not depend on the id.
#[derive(Clone, Debug)]
pub struct FirstBlocks {
    rk: [[u32; 2]; 10],
    /// Word 1 after round 1 (the same for every id).
    b: u32,
    /// Word 2 after round 2 without the id's part, and word 3 after round 2.
    c: u32,
    d: u32,
    seed: u64,
    purpose: Purpose,
    sub: u32,
    day: u32,
}

impl FirstBlocks {
    pub fn new(seed: u64, purpose: Purpose, sub: u32, day: u32) -> Self {
        let template = Stream::new(seed, purpose, sub, 0, day);
        let (key, ctr) = (template.key, template.ctr);
        let rk = round_keys(key);
        // Round 1: word 2's product (purpose word) is shared; word 0's (the id) is not.
        let (h1, l1) = mul_hi_lo(M1, ctr[2]);
        let (a, b) = (h1 ^ ctr[1] ^ rk[0][0], l1);
        // Round 2: word 0 is now `a` for every id, so its product is shared.
        let (h0, l0) = mul_hi_lo(M0, a);
        FirstBlocks { rk, b, c: h0 ^ rk[1][1], d: l0, seed, purpose, sub, day }
    }

    /// `philox4x32_10([id, day, purpose word, 0], key)`.
    #[inline]
    pub fn block(&self, id: u32) -> [u32; 4] {
        // Round 1 for the id's words (counter word 3 is 0).
        let (h0, l0) = mul_hi_lo(M0, id);
        let (x, y) = (h0 ^ self.rk[0][1], l0);
        // Round 2: words 0 and 1 from x's product, words 2 and 3 from the shared one.
        let (h1, l1) = mul_hi_lo(M1, x);
        let c = [h1 ^ self.b ^ self.rk[1][0], l1, self.c ^ y, self.d];
        rounds_from(c, &self.rk, 2)
    }

    /// `Stream::new(seed, purpose, sub, id, day)`, its first block already made here.
    #[inline]
    pub fn stream(&self, id: u32) -> Started {
        let mut s = Stream::new(self.seed, self.purpose, self.sub, id, self.day);
        s.buf = self.block(id);
        s.ctr[3] = 1;
        s.used = 0;
        Started(s)
    }
}

/// A `Stream` whose first block is made: its words are read in place (the caller sees which, as
/// the stream is new), and only a fifth word makes the next block.
#[derive(Clone, Debug)]
pub struct Started(Stream);

impl Draw for Started {
    #[inline(always)]
    fn next_u32(&mut self) -> u32 {
        let s = &mut self.0;
        if s.used < 4 {
            let v = s.buf[s.used as usize];
            s.used += 1;
            v
        } else {
            s.next_u32()
        }
    }
}

/// The words of one stream, `Stream::new(seed, purpose, sub, id, day)`, for a stream that gives
/// many blocks: only counter word 3 (the block index) changes, so rounds 1 to 3 need one product
/// each instead of two.
#[derive(Clone, Debug)]
pub struct LongStream {
    rk: [[u32; 2]; 10],
    /// Word 2 after round 1 without the block index.
    e: u32,
    /// Word 1 after round 1, and word 3 after round 2 (both shared).
    b: u32,
    h: u32,
    /// Round 3's shared product of word 2: its high word (key mixed in later) and low word.
    m2_hi: u32,
    m2_lo: u32,
    index: u32,
    buf: [u32; 4],
    used: u8,
}

impl LongStream {
    pub fn new(seed: u64, purpose: Purpose, sub: u32, id: u32, day: u32) -> Self {
        let template = Stream::new(seed, purpose, sub, id, day);
        let (key, ctr) = (template.key, template.ctr);
        let rk = round_keys(key);
        // Round 1: both products are shared; the block index only enters word 2 by xor.
        let (h0, l0) = mul_hi_lo(M0, ctr[0]);
        let (h1, l1) = mul_hi_lo(M1, ctr[2]);
        let (a, b, e, f) = (h1 ^ ctr[1] ^ rk[0][0], l1, h0 ^ ctr[3] ^ rk[0][1], l0);
        // Round 2: word 0 (`a`) is shared, so words 2 and 3 are too.
        let (h0, l0) = mul_hi_lo(M0, a);
        let (g, h) = (h0 ^ f ^ rk[1][1], l0);
        // Round 3: word 2 (`g`) is shared.
        let (m2_hi, m2_lo) = mul_hi_lo(M1, g);
        LongStream { rk, e, b, h, m2_hi, m2_lo, index: 0, buf: [0; 4], used: 4 }
    }

    /// Block `j` of the stream: `philox4x32_10([id, day, purpose word, j], key)`.
    #[inline]
    pub fn block(&self, j: u32) -> [u32; 4] {
        // Round 2 for the block index's word.
        let (h1, l1) = mul_hi_lo(M1, self.e ^ j);
        let (u, v) = (h1 ^ self.b ^ self.rk[1][0], l1);
        // Round 3: word 0 (`u`) is the index's, word 2 (`g`) shared.
        let (h0, l0) = mul_hi_lo(M0, u);
        let c = [self.m2_hi ^ v ^ self.rk[2][0], self.m2_lo, h0 ^ self.h ^ self.rk[2][1], l0];
        rounds_from(c, &self.rk, 3)
    }
}

impl LongStream {
    /// Makes the next block.
    #[inline(never)]
    fn refill(&mut self) {
        self.buf = self.block(self.index);
        self.index = self.index.wrapping_add(1);
        self.used = 0;
    }
}

impl Draw for LongStream {
    /// The next 32 random bits: the same words as `Stream::next_u32` on the same key.
    #[inline(always)]
    fn next_u32(&mut self) -> u32 {
        if self.used == 4 {
            self.refill();
        }
        let v = self.buf[self.used as usize];
        self.used += 1;
        v
    }
}

#[cfg(test)]
mod tests {
    use super::super::philox4x32_10;
    use super::*;
    use proptest::prelude::*;

    fn purpose_word(purpose: Purpose, sub: u32) -> u32 {
        (purpose as u32).wrapping_add(sub << 8)
    }

    #[test]
    fn round_keys_are_philox_keys() {
        // Round keys fed one round at a time give the reference block.
        let key = [0xa409_3822, 0x299f_31d0];
        let ctr = [0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344];
        assert_eq!(rounds_from(ctr, &round_keys(key), 0), philox4x32_10(ctr, key));
    }

    proptest! {
        #[test]
        fn first_blocks_equal_philox(seed: u64, sub in 0u32..64, day: u32, ids in prop::collection::vec(any::<u32>(), 1..20)) {
            for purpose in [Purpose::Movement, Purpose::Spawn, Purpose::Institution] {
                let fb = FirstBlocks::new(seed, purpose, sub, day);
                let key = [seed as u32, (seed >> 32) as u32];
                for &id in &ids {
                    let ctr = [id, day, purpose_word(purpose, sub), 0];
                    prop_assert_eq!(fb.block(id), philox4x32_10(ctr, key));
                    // The stream goes on past the first block as a fresh one does.
                    let (mut fast, mut slow) = (fb.stream(id), Stream::new(seed, purpose, sub, id, day));
                    for _ in 0..11 {
                        prop_assert_eq!(Draw::next_u32(&mut fast), slow.next_u32());
                    }
                }
            }
        }

        #[test]
        fn long_stream_equals_stream(seed: u64, sub in 0u32..64, id: u32, day: u32, start in any::<u32>()) {
            let mut fast = LongStream::new(seed, Purpose::Spawn, sub, id, day);
            let mut slow = Stream::new(seed, Purpose::Spawn, sub, id, day);
            for _ in 0..41 {
                prop_assert_eq!(Draw::next_u32(&mut fast), slow.next_u32());
            }
            let key = [seed as u32, (seed >> 32) as u32];
            for j in [start, start.wrapping_add(1), u32::MAX] {
                prop_assert_eq!(fast.block(j), philox4x32_10([id, day, purpose_word(Purpose::Spawn, sub), j], key));
            }
        }
    }
}

//! A guide table over a cumulative weight table: many picks a day in O(1) each, each the very index
//! `pick_cumulative` returns for the same 32-bit word (it searches only between known bounds).
//!
//! The pick of word `w` is the number of entries `c <= x(w)`, `x(w) = w · 2^-32 · total`, which grows
//! with `w`. The table holds that count at the first word of each of 2^k buckets of words (and at the
//! last word): a word's count lies between its bucket's bound and the next one's, and where they are
//! equal (most buckets) it is known without a search.

/// Bounds of `pick_cumulative` per bucket of words, for one cumulative table.
#[derive(Clone, Debug, Default)]
pub struct CumulativeGuide {
    /// `bound[b]` = the count at word `b << shift`; `bound[buckets]` = the count at `u32::MAX`.
    bound: Vec<u32>,
    shift: u32,
    total: f64,
    /// The table and bucket bits of the last `update`, and what its build returned (see `update`).
    built_for: Vec<f64>,
    built_bits: u32,
    usable: bool,
}

/// Where a word falls on the scale of a table whose last entry is `total` (as `Draw::uniform32` does).
#[inline(always)]
fn scaled(w: u32, total: f64) -> f64 {
    f64::from(w) * (1.0 / 4_294_967_296.0) * total
}

impl CumulativeGuide {
    /// Builds the guide for `cumulative` with 2^`bits` buckets (bits ≤ 31). Returns false, and leaves
    /// the guide unusable, when the table is not one a guide can follow exactly: empty, not
    /// non-decreasing, or with a total that is not a positive finite number.
    pub fn build(&mut self, cumulative: &[f64], bits: u32) -> bool {
        self.bound.clear();
        self.built_for.clear(); // the next `update` builds again
        let Some(&total) = cumulative.last() else { return false };
        let sorted = cumulative.windows(2).all(|w| w[0] <= w[1]);
        if !(sorted && total > 0.0 && total.is_finite() && bits <= 31) {
            return false;
        }
        self.shift = 32 - bits;
        self.total = total;
        let buckets = 1usize << bits;
        self.bound.reserve(buckets + 1);
        let mut count = 0;
        for b in 0..=buckets {
            let w = if b == buckets { u32::MAX } else { (b as u32) << self.shift };
            let x = scaled(w, total);
            while count < cumulative.len() && cumulative[count] <= x {
                count += 1;
            }
            self.bound.push(count as u32);
        }
        true
    }

    /// [`CumulativeGuide::build`], unless the last `update` was for the same table (bit for bit) and
    /// bits: then the guide stands, and what that build returned is returned again. FLEE's spawn
    /// table changes only when a conflict or its decay does, so most days keep yesterday's guide.
    pub fn update(&mut self, cumulative: &[f64], bits: u32) -> bool {
        let same = self.built_bits == bits
            && self.built_for.len() == cumulative.len()
            && self.built_for.iter().zip(cumulative).all(|(a, b)| a.to_bits() == b.to_bits());
        if !same {
            self.usable = self.build(cumulative, bits);
            self.built_for.clear();
            self.built_for.extend_from_slice(cumulative);
            self.built_bits = bits;
        }
        self.usable
    }

    /// The index `pick_cumulative` draws from `cumulative` (the table the guide was built for) when
    /// its next word is `w`.
    #[inline]
    pub fn pick(&self, cumulative: &[f64], w: u32) -> usize {
        let b = (w >> self.shift) as usize;
        let (mut i, hi) = (self.bound[b] as usize, self.bound[b + 1] as usize);
        if i < hi {
            let x = scaled(w, self.total);
            while i < hi && cumulative[i] <= x {
                i += 1;
            }
        }
        i.min(cumulative.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::{Draw, Purpose, Stream};
    use proptest::prelude::*;

    /// The pick a stream makes from the word `w`, by `pick_cumulative` itself.
    fn reference(cumulative: &[f64], w: u32) -> usize {
        struct One(u32);
        impl Draw for One {
            fn next_u32(&mut self) -> u32 {
                self.0
            }
        }
        One(w).pick_cumulative(cumulative)
    }

    fn cumulate(weights: &[f64]) -> Vec<f64> {
        weights
            .iter()
            .scan(0.0, |acc, w| {
                *acc += w;
                Some(*acc)
            })
            .collect()
    }

    #[test]
    fn picks_equal_pick_cumulative_at_every_boundary() {
        // Zones among flat stretches (towns add no weight), like FLEE's spawn table.
        let mut weights = vec![0.0; 200];
        for (k, w) in weights.iter_mut().enumerate().step_by(5) {
            *w = 1000.0 + (k * k) as f64;
        }
        let cum = cumulate(&weights);
        let mut guide = CumulativeGuide::default();
        assert!(guide.build(&cum, 10));
        let total = cum[199];
        // Words at and around every step of the table, and at the ends of the word range.
        let mut words = vec![0, 1, u32::MAX - 1, u32::MAX];
        for &c in &cum {
            let w = (c / total * 4_294_967_296.0) as u64;
            for d in [-2i64, -1, 0, 1, 2] {
                words.push((w as i64 + d).clamp(0, i64::from(u32::MAX)) as u32);
            }
        }
        for w in words {
            assert_eq!(guide.pick(&cum, w), reference(&cum, w), "word {w}");
        }
        let mut s = Stream::new(4, Purpose::Spawn, 2, 0, 1);
        for _ in 0..20_000 {
            let w = s.next_u32();
            assert_eq!(guide.pick(&cum, w), reference(&cum, w));
        }
    }

    #[test]
    fn refuses_tables_it_cannot_follow() {
        let mut guide = CumulativeGuide::default();
        assert!(!guide.build(&[], 8));
        assert!(!guide.build(&[0.0, 0.0], 8));
        assert!(!guide.build(&[1.0, 0.5], 8));
        assert!(!guide.build(&[f64::NAN, 1.0], 8));
        assert!(!guide.build(&[1.0, f64::INFINITY], 8));
        assert!(guide.build(&[0.0, 1.0], 8));
    }

    /// `update` builds only when the table or the bits change, and then gives what `build` gives.
    #[test]
    fn an_update_keeps_the_guide_of_the_same_table() {
        let mut guide = CumulativeGuide::default();
        let cum = cumulate(&[0.0, 3.0, 0.0, 5.0, 2.0]);
        assert!(guide.update(&cum, 6));
        let bound = guide.bound.clone();
        guide.bound[0] = 99; // a stale guide would keep this
        assert!(guide.update(&cum, 6));
        assert_eq!(guide.bound[0], 99, "the same table and bits: not built again");
        assert!(guide.update(&cum, 7));
        assert_eq!(guide.bound.len(), (1 << 7) + 1, "other bits: built again");
        assert!(guide.update(&cum, 6));
        assert_eq!(guide.bound, bound);
        assert!(!guide.update(&[0.0, 0.0], 6), "a table it cannot follow, again and again");
        assert!(!guide.update(&[0.0, 0.0], 6));
        let moved = cumulate(&[0.0, 3.0, 0.0, 5.0, 2.5]);
        assert!(guide.update(&moved, 6));
        for w in [0, 1 << 20, 3 << 30, u32::MAX] {
            assert_eq!(guide.pick(&moved, w), reference(&moved, w));
        }
    }

    proptest! {
        #[test]
        fn picks_equal_pick_cumulative(weights in prop::collection::vec(prop_oneof![Just(0.0), 0.0..1e6f64], 1..60),
                                       bits in 1u32..12, words in prop::collection::vec(any::<u32>(), 1..200)) {
            let cum = cumulate(&weights);
            let mut guide = CumulativeGuide::default();
            if guide.build(&cum, bits) {
                for w in words {
                    prop_assert_eq!(guide.pick(&cum, w), reference(&cum, w));
                }
            } else {
                prop_assert!(*cum.last().unwrap() <= 0.0);
            }
        }
    }
}

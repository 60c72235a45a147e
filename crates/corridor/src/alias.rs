//! Walker's alias tables (Vose's construction): draw an index in proportion to weights in O(1) with
//! one 32-bit draw. Many small tables share one flat array, one segment per table.

use crate::rng::Draw;

/// Flat storage of many alias tables; table segments are given by the caller's ranges.
#[derive(Clone, Debug, Default)]
pub struct AliasTables {
    /// Per column, side by side (one load, one bounds check per draw).
    columns: Vec<Column>,
    small: Vec<u32>,
    large: Vec<u32>,
    scaled: Vec<f64>,
}

/// One column of an alias table.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Column {
    /// Chance (as a 32-bit threshold) of keeping the drawn column.
    keep: u64,
    /// The column's alias (an offset within the segment).
    alias: u32,
}

impl AliasTables {
    /// Makes room for `n` entries in all (call once per rebuild).
    pub fn reset(&mut self, n: usize) {
        self.columns.clear();
        self.columns.resize(n, Column { keep: 1 << 32, alias: 0 });
    }

    /// Whether both hold the same tables (their scratch space aside).
    #[cfg(test)]
    pub(crate) fn same_tables(&self, other: &AliasTables) -> bool {
        self.columns == other.columns
    }

    /// Builds the table of segment `start..start + weights.len()` from `weights` (all zero: uniform,
    /// as FLEE does).
    pub fn build(&mut self, start: usize, weights: &[f64]) {
        let k = weights.len();
        let total: f64 = weights.iter().sum();
        if k == 0 {
            return;
        }
        if total.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) || !total.is_finite() {
            for j in 0..k {
                self.columns[start + j] = Column { keep: 1 << 32, alias: j as u32 };
            }
            return;
        }
        self.scaled.clear();
        self.scaled.extend(weights.iter().map(|w| w * k as f64 / total));
        self.small.clear();
        self.large.clear();
        for (j, &s) in self.scaled.iter().enumerate() {
            if s < 1.0 {
                self.small.push(j as u32);
            } else {
                self.large.push(j as u32);
            }
        }
        while let (Some(&s), Some(&l)) = (self.small.last(), self.large.last()) {
            self.small.pop();
            self.columns[start + s as usize] =
                Column { keep: crate::rng::threshold_of(self.scaled[s as usize]), alias: l };
            self.scaled[l as usize] -= 1.0 - self.scaled[s as usize];
            if self.scaled[l as usize] < 1.0 {
                self.large.pop();
                self.small.push(l);
            }
        }
        for &j in self.large.iter().chain(self.small.iter()) {
            self.columns[start + j as usize] = Column { keep: 1 << 32, alias: j };
        }
    }

    /// Draws an offset within segment `start..start + len` (len > 0) from one 32-bit draw.
    #[inline]
    pub fn draw<R: Draw>(&self, start: usize, len: usize, rng: &mut R) -> usize {
        let (column, rest) = rng.below_with_rest(len as u32);
        let column = column as usize;
        // Both loaded, then selected without a branch: the keep-or-alias outcome is random, so a
        // branch would mispredict about as often as it is taken.
        let Column { keep, alias } = self.columns[start + column];
        std::hint::select_unpredictable(rest < keep, column, alias as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::{Purpose, Stream};

    #[test]
    fn draws_follow_weights() {
        let mut t = AliasTables::default();
        t.reset(6);
        t.build(0, &[1.0, 0.0, 3.0]);
        t.build(3, &[0.0, 0.0, 0.0]);
        let mut rng = Stream::new(4, Purpose::Movement, 0, 0, 0);
        let mut hits = [0u32; 3];
        let mut uniform = [0u32; 3];
        let n = 60_000;
        for _ in 0..n {
            hits[t.draw(0, 3, &mut rng)] += 1;
            uniform[t.draw(3, 3, &mut rng)] += 1;
        }
        assert_eq!(hits[1], 0);
        let share = f64::from(hits[2]) / f64::from(n);
        assert!((share - 0.75).abs() < 0.01, "share {share}");
        for u in uniform {
            assert!((f64::from(u) / f64::from(n) - 1.0 / 3.0).abs() < 0.01);
        }
    }
}

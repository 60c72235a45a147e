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
    /// The caller's value of the column's own entry and of its alias (`set_values`), so that a draw
    /// selects the drawn entry's value beside its offset instead of looking it up after.
    value: Value,
    alias_value: Value,
}

/// What the caller keeps with each entry.
pub type Value = [u32; 2];

impl Column {
    fn new(keep: u64, alias: u32) -> Column {
        Column { keep, alias, value: [0; 2], alias_value: [0; 2] }
    }
}

impl AliasTables {
    /// Makes room for `n` entries in all (call once per rebuild).
    pub fn reset(&mut self, n: usize) {
        self.columns.clear();
        self.columns.resize(n, Column::new(1 << 32, 0));
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
                self.columns[start + j] = Column::new(1 << 32, j as u32);
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
            self.columns[start + s as usize] = Column::new(crate::rng::threshold_of(self.scaled[s as usize]), l);
            self.scaled[l as usize] -= 1.0 - self.scaled[s as usize];
            if self.scaled[l as usize] < 1.0 {
                self.large.pop();
                self.small.push(l);
            }
        }
        for &j in self.large.iter().chain(self.small.iter()) {
            self.columns[start + j as usize] = Column::new(1 << 32, j);
        }
    }

    /// Draws an offset within segment `start..start + len` (len > 0) from one 32-bit draw: the draw
    /// without values, which the tests hold `draw_valued` to (the rules use `draw_valued`).
    #[cfg(test)]
    pub fn draw<R: Draw>(&self, start: usize, len: usize, rng: &mut R) -> usize {
        let (column, rest) = rng.below_with_rest(len as u32);
        let column = column as usize;
        let Column { keep, alias, .. } = self.columns[start + column];
        std::hint::select_unpredictable(rest < keep, column, alias as usize)
    }

    /// Gives the entries of the segment `start..start + values.len()`, built just before, the
    /// caller's values, for `draw_valued`.
    pub fn set_values(&mut self, start: usize, values: &[Value]) {
        let segment = &mut self.columns[start..start + values.len()];
        for (column, &value) in segment.iter_mut().zip(values) {
            column.value = value;
            column.alias_value = values[column.alias as usize];
        }
    }

    /// `draw`, and the drawn entry's value (`set_values`), both chosen from one load by selects.
    #[inline]
    pub fn draw_valued<R: Draw>(&self, start: usize, len: usize, rng: &mut R) -> (usize, Value) {
        let (column, rest) = rng.below_with_rest(len as u32);
        let column = column as usize;
        // Both loaded, then selected without a branch: the keep-or-alias outcome is random, so a
        // branch would mispredict about as often as it is taken.
        let Column { keep, alias, value, alias_value } = self.columns[start + column];
        let kept = rest < keep;
        (
            std::hint::select_unpredictable(kept, column, alias as usize),
            std::hint::select_unpredictable(kept, value, alias_value),
        )
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

    /// A valued draw gives the same offset as a plain draw from the same word, and the value of the
    /// entry drawn, whether kept or taken from its alias.
    #[test]
    fn valued_draws_carry_the_drawn_entrys_value() {
        let mut t = AliasTables::default();
        t.reset(7);
        t.build(0, &[1.0, 0.0, 3.0, 0.5]);
        t.set_values(0, &[[10, 0], [11, 1], [12, 2], [13, 3]]);
        t.build(4, &[0.0, 0.0, 0.0]);
        t.set_values(4, &[[20, 0], [21, 1], [22, 2]]);
        let (mut a, mut b) = (Stream::new(9, Purpose::Movement, 0, 0, 0), Stream::new(9, Purpose::Movement, 0, 0, 0));
        let mut seen = [0u32; 4];
        for _ in 0..20_000 {
            for (start, len, base) in [(0, 4, 10), (4, 3, 20)] {
                let (j, value) = t.draw_valued(start, len, &mut a);
                assert_eq!(j, t.draw(start, len, &mut b));
                assert_eq!(value, [base + j as u32, j as u32]);
                if start == 0 {
                    seen[j] += 1;
                }
            }
        }
        assert_eq!(seen[1], 0, "a weight of 0 is never drawn");
        assert!(seen[0] > 0 && seen[2] > seen[0] && seen[3] > 0, "{seen:?}");
    }
}

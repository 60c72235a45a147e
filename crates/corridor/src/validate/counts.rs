//! People by day, place and status as a recording keeps them: only the counts above zero. Most are
//! zero (a 200-place world with 10^4 agents has ~170 of its 3,400 cells above zero on a day).

use crate::observe::{statuses_present, StatusBits};
use crate::population::Status;

/// Counts by row (`day * places + place`) and status, zeros left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatusCounts {
    /// For each row, the statuses whose count is above zero, by bit.
    masks: Vec<u32>,
    /// For each row, where its counts start in `values`.
    starts: Vec<usize>,
    /// The counts above zero, row after row, in status order.
    values: Vec<u64>,
}

impl StatusCounts {
    /// Counts from a dense table (index `row * Status::COUNT + status`), each multiplied by `scale`.
    pub fn from_dense(dense: &[u64], scale: u64) -> StatusCounts {
        let present: Vec<u32> = dense.as_chunks::<{ Status::COUNT }>().0.iter().map(statuses_present).collect();
        let mut c = StatusCounts::default();
        c.push_present(dense, &present, scale);
        c
    }

    /// No counts, with room for `rows` rows and as many counts above zero (most rows hold one or
    /// none): a table filled up to there is never copied to grow, and room not filled costs nothing.
    pub fn with_capacity(rows: usize) -> StatusCounts {
        StatusCounts {
            masks: Vec::with_capacity(rows),
            starts: Vec::with_capacity(rows),
            values: Vec::with_capacity(rows),
        }
    }

    /// Rows held.
    pub fn rows(&self) -> usize {
        self.masks.len()
    }

    /// Appends the rows of a dense table (index `row * Status::COUNT + status`), each count
    /// multiplied by `scale`, given each row's statuses present (`statuses_present` of the row, as a
    /// day's observation carries them).
    pub fn push_present(&mut self, dense: &[u64], present: &[u32], scale: u64) {
        let rows = dense.as_chunks::<{ Status::COUNT }>().0;
        debug_assert!(rows.len() == present.len() && rows.iter().zip(present).all(|(r, &m)| statuses_present(r) == m));
        self.masks.reserve(rows.len());
        self.starts.reserve(rows.len());
        for (row, &mask) in rows.iter().zip(present) {
            self.masks.push(mask);
            self.starts.push(self.values.len());
            self.values.extend(StatusBits(mask).map(|s| row[s] * scale));
        }
    }

    /// The count of `status` in `row` (0 past the rows held).
    pub fn get(&self, row: usize, status: usize) -> u64 {
        let Some(&mask) = self.masks.get(row) else { return 0 };
        if mask & (1 << status) == 0 {
            return 0;
        }
        self.values[self.starts[row] + (mask & ((1 << status) - 1)).count_ones() as usize]
    }

    /// The counts of `row` above zero, as (status, count), in status order.
    pub fn row(&self, row: usize) -> impl Iterator<Item = (usize, u64)> + '_ {
        let mask = self.masks.get(row).copied().unwrap_or(0);
        let start = self.starts.get(row).copied().unwrap_or(0);
        StatusBits(mask).zip(&self.values[start..start + mask.count_ones() as usize]).map(|(s, &c)| (s, c))
    }

    /// The sum of `row`'s counts in the statuses of `mask` (bits).
    pub fn sum(&self, row: usize, mask: u32) -> u64 {
        self.row(row).filter(|&(s, _)| mask & (1 << s) != 0).map(|(_, c)| c).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_every_count_of_a_dense_table() {
        // Three rows: all zero, a few counts (first and last status among them), every status.
        let mut dense = vec![0u64; 3 * Status::COUNT];
        dense[Status::COUNT] = 4;
        dense[Status::COUNT + 5] = 1;
        dense[2 * Status::COUNT - 1] = 9;
        for (s, v) in dense[2 * Status::COUNT..].iter_mut().enumerate() {
            *v = s as u64 + 1;
        }
        let mut c = StatusCounts::from_dense(&dense[..Status::COUNT], 3);
        let rest = &dense[Status::COUNT..];
        let present: Vec<u32> = rest.as_chunks::<{ Status::COUNT }>().0.iter().map(statuses_present).collect();
        c.push_present(rest, &present, 3);
        assert_eq!(c.rows(), 3);
        for row in 0..3 {
            for s in 0..Status::COUNT {
                assert_eq!(c.get(row, s), dense[row * Status::COUNT + s] * 3, "row {row} status {s}");
            }
            let listed: Vec<(usize, u64)> = c.row(row).collect();
            let expected: Vec<(usize, u64)> =
                (0..Status::COUNT).map(|s| (s, dense[row * Status::COUNT + s] * 3)).filter(|&(_, v)| v > 0).collect();
            assert_eq!(listed, expected, "row {row}");
        }
        assert_eq!(c.sum(1, (1 << 5) | 1), 15);
        assert_eq!(c.sum(2, u32::MAX), 3 * (Status::COUNT * (Status::COUNT + 1) / 2) as u64);
        assert_eq!((c.get(3, 0), c.row(3).count()), (0, 0));
    }
}

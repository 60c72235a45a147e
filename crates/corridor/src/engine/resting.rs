//! Agents the institutions' pass passes over, counted where they rest: those whose journey has ended
//! (`Status::ends_journey`), for good, and people released in the US, until their hearing day.

use super::awake::AWAKE_BLOCK;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// One chunk's resting agents: a bit per agent, their counts per (place, status) cell, and the days
/// the sleepers wake, earliest first.
#[derive(Clone, Debug, Default)]
pub struct Resting {
    bits: Vec<u64>,
    counts: Vec<u64>,
    /// (day, agent, cell) of each sleeper.
    wakes: BinaryHeap<Reverse<(u32, u32, u32)>>,
}

impl Resting {
    /// Makes room for a chunk of `agents` agents (chunks only grow) and tallies of `cells` cells, and
    /// wakes the sleepers whose day is `day` or earlier.
    pub fn start_day(&mut self, agents: usize, cells: usize, day: u32) {
        self.bits.resize(agents.div_ceil(AWAKE_BLOCK), 0);
        self.counts.resize(cells, 0);
        while let Some(&Reverse((wake, i, cell))) = self.wakes.peek() {
            if wake > day {
                break;
            }
            self.wakes.pop();
            self.bits[i as usize / AWAKE_BLOCK] &= !(1 << (i as usize % AWAKE_BLOCK));
            self.counts[cell as usize] -= 1;
        }
    }

    /// The resting agents' counts, to start a day's tally from.
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// Which agents of block `b` (agents `64 b ..`, of `n` in the chunk) the pass visits: those not
    /// resting.
    #[inline]
    pub fn awake(&self, b: usize, n: usize) -> u64 {
        let in_chunk = n - b * AWAKE_BLOCK;
        let mask = if in_chunk >= AWAKE_BLOCK { u64::MAX } else { (1 << in_chunk) - 1 };
        !self.bits[b] & mask
    }

    /// Agent `i` of the chunk, in `cell`, has settled: it is counted there from now on.
    #[inline]
    pub fn settle(&mut self, i: usize, cell: usize) {
        self.bits[i / AWAKE_BLOCK] |= 1 << (i % AWAKE_BLOCK);
        self.counts[cell] += 1;
    }

    /// Agent `i` of the chunk, in `cell`, sleeps there until day `wake` (a day after today), when the
    /// pass visits it again.
    #[inline]
    pub fn sleep(&mut self, i: usize, cell: usize, wake: u32) {
        self.settle(i, cell);
        self.wakes.push(Reverse((wake, i as u32, cell as u32)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resting_agents_are_passed_over_and_counted_until_they_wake() {
        let mut s = Resting::default();
        s.start_day(70, 4, 0);
        assert_eq!((s.awake(0, 70), s.awake(1, 70)), (u64::MAX, 0b11_1111));
        s.settle(3, 2);
        s.settle(65, 2);
        s.sleep(69, 0, 5);
        s.sleep(4, 1, 3);
        assert_eq!(s.awake(0, 70), !0b1_1000);
        assert_eq!(s.awake(1, 70), 0b01_1101);
        assert_eq!(s.counts(), &[1, 1, 2, 0][..]);
        // Day 3: agent 4 wakes. The chunk grows: its new agents are visited, the rest still rest.
        s.start_day(200, 4, 3);
        assert_eq!((s.awake(0, 200), s.awake(1, 200), s.awake(3, 200)), (!0b1000, !0b10_0010, 0xFF));
        assert_eq!(s.counts(), &[1, 0, 2, 0][..]);
        // Day 9: agent 69 too; the settled never.
        s.start_day(200, 4, 9);
        assert_eq!((s.awake(1, 200), s.counts()), (!0b10, &[0, 0, 2, 0][..]));
    }
}

//! Agents whose journey has ended (`Status::ends_journey`: deported, crossed, granted, denied, home,
//! dead): no institution acts on them again and they never move, so the pass passes them over.

use super::awake::AWAKE_BLOCK;

/// One chunk's settled agents: a bit per agent, and their counts per (place, status) cell, which
/// stand for the rest of the run.
#[derive(Clone, Debug, Default)]
pub struct Settled {
    bits: Vec<u64>,
    counts: Vec<u64>,
}

impl Settled {
    /// Makes room for a chunk of `agents` agents (chunks only grow) and tallies of `cells` cells.
    pub fn prepare(&mut self, agents: usize, cells: usize) {
        self.bits.resize(agents.div_ceil(AWAKE_BLOCK), 0);
        self.counts.resize(cells, 0);
    }

    /// The settled agents' counts, to start a day's tally from.
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// Which agents of block `b` (agents `64 b ..`, of `n` in the chunk) the pass visits: those not
    /// settled.
    #[inline]
    pub fn unsettled(&self, b: usize, n: usize) -> u64 {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settled_agents_are_passed_over_and_counted() {
        let mut s = Settled::default();
        s.prepare(70, 4);
        assert_eq!((s.unsettled(0, 70), s.unsettled(1, 70)), (u64::MAX, 0b11_1111));
        s.settle(3, 2);
        s.settle(65, 2);
        s.settle(69, 0);
        assert_eq!(s.unsettled(0, 70), !(1 << 3));
        assert_eq!(s.unsettled(1, 70), 0b01_1101);
        assert_eq!(s.counts(), &[1, 0, 2, 0][..]);
        // The chunk grows: its new agents are visited, the settled stay settled.
        s.prepare(200, 4);
        assert_eq!((s.unsettled(1, 200), s.unsettled(3, 200)), (!0b10_0010, 0xFF));
    }
}

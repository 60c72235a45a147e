//! What one chunk of the agent pass tallies in a day (counts by place and status, arrivals, entries,
//! the institutions' counters), merged in chunk order: by the engine, the counters by the institutions.

use crate::institutions;
use crate::population::Status;

/// Tallies of one chunk for one day.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    /// Agents per (place, status) cell at the end of the day; in a movement-only pass, the day's
    /// change of each cell instead, as a wrapping (two's complement) number (sleeping agents are
    /// not visited, and the engine keeps the running counts), in cells of `ChangeCells`.
    pub counts: Vec<u64>,
    pub arrivals: Vec<u64>,
    pub entries: [u64; Status::COUNT],
    /// Caravan members' arrivals (agent, place), as tallied in `arrivals`, for their own counts.
    pub member_arrivals: Vec<(u32, u32)>,
    /// The institutions' tallies (empty when the scenario has none).
    pub inst: institutions::Tally,
    /// The time the chunk's pass took (ns), for `Sharing` (0 untimed: one chunk, or one thread); it
    /// decides nothing else.
    pub elapsed_ns: u64,
}

impl Tally {
    /// Empties the tally for a day of `cells` (place, status) cells and `places` places.
    pub(crate) fn reset(&mut self, cells: usize, places: usize) {
        self.counts.clear();
        self.counts.resize(cells, 0);
        self.arrivals.clear();
        self.arrivals.resize(places, 0);
        self.entries = [0; Status::COUNT];
        self.member_arrivals.clear();
        self.elapsed_ns = 0;
    }

    /// In a movement-only pass (a tally of the day's changes): an agent went from (place, status) cell
    /// `before` to cell `after`.
    #[inline(always)]
    pub(crate) fn moved(&mut self, before: usize, after: usize) {
        if after != before {
            self.counts[before] = self.counts[before].wrapping_sub(1);
            self.counts[after] = self.counts[after].wrapping_add(1);
        }
    }
}

/// The cells of a movement-only tally: a place's mobile statuses only (the only ones such a pass
/// sees), `STRIDE` to a place, so that a day's tally is under a quarter of a full one to clear and merge.
pub struct ChangeCells;

impl ChangeCells {
    /// Cells per place: the mobile statuses (`Status::is_mobile`: 0, 1 and 2), padded to 4.
    pub const STRIDE: usize = 4;

    /// The cell of `place` and `status` (a mobile status).
    #[inline(always)]
    pub fn of(place: u32, status: Status) -> usize {
        debug_assert!(status.is_mobile(), "{status:?} in a movement-only tally");
        place as usize * Self::STRIDE + status as usize
    }

    /// Adds a tally's `changes` to the running `counts` (cells of `Status::COUNT` to a place).
    pub fn add_to(counts: &mut [u64], changes: &[u64]) {
        let rows = counts.as_chunks_mut::<{ Status::COUNT }>().0.iter_mut();
        for (row, change) in rows.zip(changes.as_chunks::<{ Self::STRIDE }>().0) {
            for (count, c) in row.iter_mut().zip(change) {
                *count = count.wrapping_add(*c);
            }
        }
    }
}

//! What the engine reports each day, and the `Sink` trait that outputs implement: the engine pushes
//! observations to sinks and never reads them back.

use crate::population::Status;
use crate::scenario::PlaceKind;
use crate::time::Period;

/// Facts about a run that sinks need before the first day.
#[derive(Clone, Debug)]
pub struct RunInfo {
    pub scenario: String,
    pub seed: u64,
    pub period: Period,
    pub people_per_agent: u32,
    /// A FLEE folder's `optimisations.hasten` (`FleeOrigin`): each agent stands for this many people,
    /// though the counts, as in FLEE, are of agents (`people_per_agent` is 1). None elsewhere.
    pub hasten: Option<u64>,
    /// Shared, not copied: every sink keeps the run's info, and a clone is then one count.
    pub place_names: std::sync::Arc<[String]>,
    pub threads: usize,
}

/// The state at the end of one day. Counts are agents; multiply by `people_per_agent` for people.
#[derive(Debug)]
pub struct DayObservation<'a> {
    pub day: u32,
    /// Agents by place and status: index `place * Status::COUNT + status`.
    pub counts: &'a [u64],
    /// Per place, the statuses with agents (a count above zero), as bits: [`statuses_present`] of
    /// the place's row of `counts`, computed once for every sink.
    pub present: &'a [u32],
    /// Per place, the agents there (every status but travelling: FLEE's count of a location).
    pub occupancy: &'a [u32],
    /// Arrivals at each place today: each agent that reached a place today counts once, at the last
    /// place it reached (it may have gone on to spend the night on the road; a place passed before
    /// is not counted; moves by institutions are not arrivals; one stopped at a checkpoint arrives
    /// where it met it, or nowhere if it died there).
    pub arrivals: &'a [u64],
    /// Caravan members by caravan, place and status: index `(caravan * places + place) * Status::COUNT
    /// + status` (empty without caravans).
    pub caravan_counts: &'a [u64],
    /// Caravan members arriving at each place today, by caravan: index `caravan * places + place`.
    pub caravan_arrivals: &'a [u64],
    /// Agents that entered each status today (new agents enter their first status).
    pub entries: &'a [u64; Status::COUNT],
    /// Agents in existence (created so far).
    pub agents: u64,
    /// Each place's kind today, after the day's conflicts and closures (a conflict makes a place a
    /// conflict zone while it lasts; a camp closure makes a camp a town until it reopens).
    pub kinds: &'a [PlaceKind],
    /// Whether each place is an IDP camp today (FLEE's `idpcamp`: a camp's conflict leaves it one;
    /// only camp closures change it).
    pub idp_camps: &'a [bool],
}

impl DayObservation<'_> {
    pub fn count(&self, place: usize, status: Status) -> u64 {
        self.counts[place * Status::COUNT + status as usize]
    }

    /// Agents in each status, summed over places.
    pub fn status_totals(&self) -> [u64; Status::COUNT] {
        status_totals(self.counts)
    }
}

/// The agents in each status of `counts` (by place and status, as [`DayObservation::counts`]),
/// summed over places.
pub fn status_totals(counts: &[u64]) -> [u64; Status::COUNT] {
    let mut t = [0u64; Status::COUNT];
    for row in counts.chunks_exact(Status::COUNT) {
        for (acc, v) in t.iter_mut().zip(row) {
            *acc += v;
        }
    }
    t
}

// A row's statuses are the bits of a `u32` (see `statuses_present`).
const _: () = assert!(Status::COUNT <= 32);

/// The statuses of a row of counts (one place's, or one day and place's) whose count is above zero,
/// as bits: computed without a branch per count (most rows hold one or two statuses).
#[inline]
pub fn statuses_present(row: &[u64; Status::COUNT]) -> u32 {
    let mut present = 0u32;
    for (s, &c) in row.iter().enumerate() {
        present |= u32::from(c != 0) << s;
    }
    present
}

/// The statuses (indices) of a bit set such as [`statuses_present`] gives, lowest first.
#[derive(Clone, Copy, Debug)]
pub struct StatusBits(pub u32);

impl Iterator for StatusBits {
    type Item = usize;
    #[inline]
    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let s = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(s)
    }
}

/// The whole run, after the last day.
#[derive(Clone, Debug)]
pub struct RunSummary {
    pub days: u32,
    pub agents_created: u64,
    /// Σ over days of agents in existence (the field's throughput unit).
    pub agent_steps: u64,
    pub wall_seconds: f64,
    pub final_status_counts: [u64; Status::COUNT],
}

/// The end state of every agent, for per-agent outputs, and the institutions' summary (if any).
pub struct Outcomes<'a> {
    pub agents: &'a crate::population::Agents,
    /// Institution fields per agent (None when the scenario has no institutions).
    pub inst: Option<&'a crate::institutions::InstAgents>,
    /// Days simulated (the day after the last one).
    pub days: u32,
    /// Per-institution totals and queue waits for summary.json.
    pub institutions: Option<serde_json::Value>,
    /// What IOM's returns cost over the run, in US$, as the engine paid them from the budget (None
    /// without institutions).
    pub iom_spent_usd: Option<f64>,
    /// The institutions' event totals over the run, in people (None without institutions).
    pub totals: Option<crate::institutions::counters::Totals>,
    /// The first-come-first-served queues' joiners by month, followed to the end (empty without
    /// institutions).
    pub queue_cohorts: Vec<crate::institutions::cohorts::CohortRow>,
    /// The groups of the caravans that set out, and of their splits, as outcomes.csv's `group`
    /// numbers them (a group not listed is a family).
    pub caravan_groups: Vec<CaravanGroup>,
}

/// A caravan's group, or one of its splits', by its number in outcomes.csv's `group` column.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct CaravanGroup {
    pub group: u32,
    /// The scenario entry as `--set` and `corridor entries` name it: `caravan.2`, `caravan.2.split.0`.
    pub entry: String,
    /// The caravan's `name`.
    pub caravan: String,
}

/// A consumer of observations (a CSV writer, a report builder, a test probe).
pub trait Sink {
    fn begin(&mut self, _info: &RunInfo) -> Result<(), crate::output::OutputError> {
        Ok(())
    }
    fn day(&mut self, obs: &DayObservation<'_>) -> Result<(), crate::output::OutputError>;
    /// The institutions' queues at the end of `day` (called after `day`, only with institutions).
    fn queues(
        &mut self,
        _day: u32,
        _rows: &[crate::institutions::report::QueueRow<'_>],
    ) -> Result<(), crate::output::OutputError> {
        Ok(())
    }
    /// Every agent's end state, after the last day and before `end`.
    fn outcomes(&mut self, _o: &Outcomes<'_>) -> Result<(), crate::output::OutputError> {
        Ok(())
    }
    fn end(&mut self, _summary: &RunSummary) -> Result<(), crate::output::OutputError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The packed bits agree with testing each count on its own, for every single status, none, all,
    /// and rows of mixed counts (large ones included: only zero is absent).
    #[test]
    fn statuses_present_tests_each_count() {
        let mut rows = vec![[0u64; Status::COUNT], [u64::MAX; Status::COUNT]];
        for s in 0..Status::COUNT {
            let mut row = [0u64; Status::COUNT];
            row[s] = 1 << (s * 3);
            rows.push(row);
        }
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..500 {
            let mut row = [0u64; Status::COUNT];
            for c in &mut row {
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                *c = if x >> 62 == 0 { x >> 3 } else { 0 };
            }
            rows.push(row);
        }
        for row in rows {
            let want = (0..Status::COUNT).filter(|&s| row[s] != 0).fold(0u32, |bits, s| bits | 1 << s);
            assert_eq!(statuses_present(&row), want, "{row:?}");
        }
    }
}

//! Checking a scenario against what was observed: a sink that records a run's daily series, the
//! evaluation of `[[observed]]` metrics on a recording, and runs of many replicates in parallel.
//!
//! Metric rules (all counts are people, i.e. agents × `people_per_agent`):
//! - `peak_count`, `mean_count`, `end_count`: the number of people at the figure's places (all places
//!   if none are given) in the figure's statuses, each day of the window; its maximum, its mean, or its
//!   value on the last day. With no `statuses`, every status **except `travelling`** counts: people
//!   on a road between two places are not "in" the place the road leaves from.
//! - `arrivals`: arrivals at the places over the window (a person counts once a day, at the last
//!   place reached that day, and again on each later day they reach one; moves by institutions are
//!   not arrivals); `statuses` do not apply.
//! - `entries`: people entering the statuses (all if none given) over the window, summed over every
//!   place: the engine counts entries by status only, so `place` does not apply.
//! - With `queue` (institution queues by their queues.csv name), `peak_count`, `mean_count` and
//!   `end_count` count the people waiting in those queues instead; `admitted` sums the people the
//!   queues served over the window (queues.csv `admitted`), `joined` the people who joined them
//!   (admitted + left + the change in waiting from the day before the window to its last day).
//! - With `caravans` (all caravans, or named ones), `peak_count`, `mean_count`, `end_count` and
//!   `arrivals` count only the members of those caravans (whatever their status, e.g. on a waitlist,
//!   and whether or not the caravan still moves as one): what the press counted of a caravan. A
//!   member's arrival is a day ending at a place other than the day before's (or after a road).
//!
//! A figure is **within** when the median over replicates lies in `[low, high]`. Spreads are the 5th,
//! 50th and 95th percentiles, linearly interpolated between order statistics.

mod check;
mod counts;
mod figures;
pub mod places;
mod recorder;
mod spread;
pub mod waits;

pub use check::{groups_text, validation_csv, FigureCheck};
pub use counts::StatusCounts;
pub use figures::{
    camp_places, detained_by_country, key_figures, on_the_way, places_of_kind, ADMITTED_FROM, APPREHENDED_IN_MEXICO,
    IN_BORDER_CITIES_NO_IN_ABSENTIA, LET_GO_FOR_WANT_OF_ROOM, NOT_RETURNED_UNDER_MPP,
};
pub use recorder::Recorder;
pub use spread::{
    by_day, by_day_with, csv_number, quantile, range_coverage, range_coverage_words, split_median, two_groups,
    two_groups_of_many, Group, Spread, RANGE_MIN_RUNS,
};

use crate::observe::{RunInfo, RunSummary};
use crate::output::OutputError;
use crate::population::Status;
use crate::scenario::{Metric, Observed, PlaceKind, Scenario};
use crate::Simulation;
use rayon::prelude::*;

/// A whole run's daily series, in people.
#[derive(Clone, Debug)]
pub struct Recording {
    pub info: RunInfo,
    /// Days recorded so far.
    pub days: u32,
    /// People by day, place and status, in rows `day * places + place` (zeros left out).
    pub counts: StatusCounts,
    /// Arrivals by day and place: index `day * places + place`.
    pub arrivals: Vec<u64>,
    /// People entering each status by day: index `day * Status::COUNT + status`.
    pub entries: Vec<u64>,
    /// Each place's kind by day, as the day's conflicts and closures made it (`DayObservation::kinds`):
    /// index `day * places + place`.
    pub kinds: Vec<PlaceKind>,
    /// Caravans in the run (0 if none).
    pub caravans: usize,
    /// Caravan members by day, caravan, place and status, in agents (`caravan_people` in people):
    /// index `((day * caravans + caravan) * places + place) * Status::COUNT + status`.
    pub caravan_counts: Vec<u32>,
    /// Caravan members' arrivals by day, caravan and place, in agents: index `(day * caravans + caravan)
    /// * places + place`.
    pub caravan_arrivals: Vec<u32>,
    /// Institution queue names (empty without institutions), in queues.csv order.
    pub queue_names: Vec<String>,
    /// Queue rows by day, in people: index `day * queue_names.len() + queue`.
    pub queue_rows: Vec<QueueDay>,
    /// The first-come-first-served queues' joiners by month, at the end (waits_by_month.csv's rows).
    pub queue_cohorts: Vec<crate::institutions::cohorts::CohortRow>,
    /// What IOM's returns cost, as the engine paid them (`Outcomes::iom_spent_usd`).
    pub iom_spent_usd: Option<f64>,
    /// The institutions' event totals over the run, in people (`Outcomes::totals`).
    pub totals: Option<crate::institutions::counters::Totals>,
    pub summary: Option<RunSummary>,
}

/// One institution queue on one day, in people (a queues.csv row, and the most the queue may hold).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QueueDay {
    pub waiting: u64,
    pub admitted: u64,
    pub left: u64,
    /// The most it may hold that day as the engine lets people in, in people: whole agents ×
    /// people_per_agent (detention; `QueueRow::room`), so below the capacity set where that is not a
    /// multiple of people_per_agent.
    pub room: Option<u64>,
}

impl Recording {
    pub fn places(&self) -> usize {
        self.info.place_names.len()
    }

    /// People created over the run (agents × people per agent; 0 before the run ended).
    pub fn people_created(&self) -> u64 {
        self.summary.as_ref().map_or(0, |s| s.agents_created * u64::from(self.info.people_per_agent))
    }

    /// The kind of `place` on `day` (`DayObservation::kinds`).
    pub fn kind(&self, day: u32, place: usize) -> PlaceKind {
        self.kinds[day as usize * self.places() + place]
    }

    /// People at `place` in `status` at the end of `day`.
    pub fn count(&self, day: u32, place: usize, status: Status) -> u64 {
        self.counts.get(day as usize * self.places() + place, status as usize)
    }

    /// People at the end of each day at `places` (all if empty) in `statuses` (see `StatusSet`).
    pub fn series(&self, places: &[usize], statuses: &StatusSet) -> Vec<f64> {
        (0..self.days).map(|d| self.count_in(d, places, statuses) as f64).collect()
    }

    fn count_in(&self, day: u32, places: &[usize], statuses: &StatusSet) -> u64 {
        let n = self.places();
        let at = |p: usize| self.counts.sum(day as usize * n + p, statuses.0);
        if places.is_empty() {
            (0..n).map(at).sum()
        } else {
            places.iter().map(|&p| at(p)).sum()
        }
    }

    /// Arrivals on `day` at `places` (all if empty).
    pub fn arrivals_on(&self, day: u32, places: &[usize]) -> u64 {
        let row = &self.arrivals[day as usize * self.places()..(day as usize + 1) * self.places()];
        if places.is_empty() {
            row.iter().sum()
        } else {
            places.iter().map(|&p| row[p]).sum()
        }
    }

    /// A count of `caravan_counts` or `caravan_arrivals` in people.
    pub fn caravan_people(&self, agents: u32) -> u64 {
        u64::from(agents) * u64::from(self.info.people_per_agent)
    }

    /// Every caravan's members at the end of `day`, summed over caravans and places, by status.
    pub fn caravan_members_by_status(&self, day: u32) -> [u64; Status::COUNT] {
        let mut by_status = [0u64; Status::COUNT];
        let per_day = self.caravans * self.places() * Status::COUNT;
        let from = day as usize * per_day;
        if let Some(cells) = self.caravan_counts.get(from..from + per_day) {
            for row in cells.chunks_exact(Status::COUNT) {
                for (sum, v) in by_status.iter_mut().zip(row) {
                    *sum += self.caravan_people(*v);
                }
            }
        }
        by_status
    }

    /// Members of `caravans` (all statuses in `statuses`) at `places` (all if empty) at the end of `day`.
    fn members_in(&self, day: u32, caravans: &[u32], places: &[usize], statuses: &StatusSet) -> u64 {
        let n = self.places();
        let mut total = 0;
        for &c in caravans {
            let base = (day as usize * self.caravans + c as usize) * n;
            let mut add = |p: usize| {
                let row = &self.caravan_counts[(base + p) * Status::COUNT..(base + p + 1) * Status::COUNT];
                for s in Status::ALL {
                    if statuses.contains(s) {
                        total += self.caravan_people(row[s as usize]);
                    }
                }
            };
            if places.is_empty() {
                (0..n).for_each(&mut add);
            } else {
                places.iter().copied().for_each(add);
            }
        }
        total
    }

    /// Arrivals of members of `caravans` on `day` at `places` (all if empty).
    fn member_arrivals_on(&self, day: u32, caravans: &[u32], places: &[usize]) -> u64 {
        let n = self.places();
        caravans
            .iter()
            .map(|&c| {
                let row = &self.caravan_arrivals[(day as usize * self.caravans + c as usize) * n..][..n];
                if places.is_empty() {
                    row.iter().map(|&v| self.caravan_people(v)).sum::<u64>()
                } else {
                    places.iter().map(|&p| self.caravan_people(row[p])).sum::<u64>()
                }
            })
            .sum()
    }

    /// People entering `status` on `day`.
    pub fn entries_on(&self, day: u32, status: Status) -> u64 {
        self.entries[day as usize * Status::COUNT + status as usize]
    }

    /// Queue `q` on `day` (zeros if the run has no such queue day).
    pub fn queue(&self, day: u32, q: usize) -> QueueDay {
        let n = self.queue_names.len();
        self.queue_rows.get(day as usize * n + q).copied().unwrap_or_default()
    }

    /// Indices of the named queues (names the run does not have are left out).
    pub fn queue_indices(&self, names: &[String]) -> Vec<usize> {
        names.iter().filter_map(|n| self.queue_named(n)).collect()
    }

    /// The index of the queue named `name` (queues.csv's `queue`), if the run has it.
    pub fn queue_named(&self, name: &str) -> Option<usize> {
        self.queue_names.iter().position(|q| q == name)
    }

    /// What queue `q` served over the run: its `admitted`, summed over the days.
    pub fn admitted_over_run(&self, q: usize) -> u64 {
        (0..self.days).map(|d| self.queue(d, q).admitted).sum()
    }
}

/// A set of statuses, by bit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusSet(pub u32);

impl StatusSet {
    pub const ALL: StatusSet = StatusSet((1 << Status::COUNT) - 1);
    /// Every status but `travelling`: people who are somewhere.
    pub const PRESENT: StatusSet = StatusSet(((1 << Status::COUNT) - 1) & !(1 << Status::Travelling as u32));
    /// People at a place on the way: `PRESENT` but for those whose journey has ended off the route
    /// (deported, returned home, dead or missing), counted where they ended. The report's maps and
    /// charts of places, and the key figures of places, count these.
    pub const ON_ROUTE: StatusSet = StatusSet(
        StatusSet::PRESENT.0
            & !(1 << Status::Deported as u32)
            & !(1 << Status::ReturnedHome as u32)
            & !(1 << Status::DeadOrMissing as u32),
    );
    /// `ON_ROUTE` in words, for captions and tables.
    pub const ON_ROUTE_WORDS: &'static str =
        "every status but travelling and the ends off the route: deported, returned_home, dead_or_missing";

    pub fn of(statuses: &[Status]) -> StatusSet {
        StatusSet(statuses.iter().fold(0, |a, s| a | 1 << (*s as u32)))
    }

    pub fn contains(self, s: Status) -> bool {
        self.0 & (1 << (s as u32)) != 0
    }

    /// The statuses named in an `[[observed]]` entry; `default` when none are named.
    pub fn from_names(names: &[String], default: StatusSet) -> StatusSet {
        if names.is_empty() {
            return default;
        }
        StatusSet::of(&names.iter().filter_map(|n| Status::parse(n)).collect::<Vec<_>>())
    }
}

/// The simulated value of an observed figure in one run.
pub fn evaluate(o: &Observed, rec: &Recording) -> f64 {
    let places: Vec<usize> = o.places.iter().map(|p| p.index()).collect();
    let last = o.to_day.min(rec.days.saturating_sub(1));
    let days = o.from_day..=last;
    let queues = rec.queue_indices(&o.queues);
    let waiting = |d: u32| queues.iter().map(|&q| rec.queue(d, q).waiting).sum::<u64>();
    match o.metric {
        Metric::PeakCount | Metric::MeanCount | Metric::EndCount => {
            let set = StatusSet::from_names(&o.statuses, StatusSet::PRESENT);
            let values: Vec<f64> = if let Some(c) = &o.caravans {
                days.map(|d| rec.members_in(d, c, &places, &set) as f64).collect()
            } else if o.queues.is_empty() {
                days.map(|d| rec.count_in(d, &places, &set) as f64).collect()
            } else {
                days.map(|d| waiting(d) as f64).collect()
            };
            match o.metric {
                Metric::PeakCount => values.iter().copied().fold(0.0, f64::max),
                Metric::MeanCount if !values.is_empty() => values.iter().sum::<f64>() / values.len() as f64,
                Metric::EndCount => values.last().copied().unwrap_or(0.0),
                _ => 0.0,
            }
        }
        Metric::Arrivals => match &o.caravans {
            Some(c) => days.map(|d| rec.member_arrivals_on(d, c, &places) as f64).sum(),
            None => days.map(|d| rec.arrivals_on(d, &places) as f64).sum(),
        },
        Metric::Entries => {
            let set = StatusSet::from_names(&o.statuses, StatusSet::ALL);
            days.map(|d| {
                Status::ALL.iter().filter(|s| set.contains(**s)).map(|s| rec.entries_on(d, *s) as f64).sum::<f64>()
            })
            .sum()
        }
        Metric::Admitted => days.map(|d| queues.iter().map(|&q| rec.queue(d, q).admitted as f64).sum::<f64>()).sum(),
        Metric::Joined => {
            // A detention queue's `admitted` are the people taken in: its joiners (robustness review of
            // session 34: counted with those who left and the growth of the held, they were counted
            // twice). Of another queue, whoever joined is still waiting at the end, or was admitted or
            // left on the way.
            let held = |q: usize| rec.queue_names[q].starts_with("detention:") || rec.queue_names[q] == "us_detention";
            let taken_in: u64 = days
                .clone()
                .map(|d| queues.iter().filter(|&&q| held(q)).map(|&q| rec.queue(d, q).admitted).sum::<u64>())
                .sum();
            let listed: Vec<usize> = queues.iter().copied().filter(|&q| !held(q)).collect();
            let waiting = |d: u32| listed.iter().map(|&q| rec.queue(d, q).waiting).sum::<u64>();
            let before = if o.from_day == 0 { 0 } else { waiting(o.from_day - 1) };
            let out: u64 = days
                .map(|d| listed.iter().map(|&q| rec.queue(d, q).admitted + rec.queue(d, q).left).sum::<u64>())
                .sum();
            (taken_in + waiting(last) + out) as f64 - before as f64
        }
        // Worked out from a FLEE folder's out.csv (`flee_validate`), not from a recording.
        Metric::Ard => f64::NAN,
    }
}

/// The least gap between two groups of runs of people counts (`two_groups`): three agents.
pub fn min_group_gap(s: &Scenario) -> f64 {
    3.0 * f64::from(s.people_per_agent)
}

/// The observed range as text: "4000–5000", ">= 300", "<= 50" or "6531".
pub fn range_text(low: f64, high: f64) -> String {
    range_text_with(low, high, |x| format!("{}", (x * 100.0).round() / 100.0))
}

/// [`range_text`] with each bound written by `n` (the report's `5,225–7,837`).
pub fn range_text_with(low: f64, high: f64, n: impl Fn(f64) -> String) -> String {
    match (low.is_finite(), high.is_finite()) {
        (true, true) if low == high => n(low),
        (true, true) => format!("{}–{}", n(low), n(high)),
        (true, false) => format!(">= {}", n(low)),
        (false, true) => format!("<= {}", n(high)),
        _ => "any".into(),
    }
}

/// The seed of replicate `i` of runs from `base_seed` (wrapping past the largest seed).
pub fn replicate_seed(base_seed: u64, i: u32) -> u64 {
    base_seed.wrapping_add(u64::from(i))
}

/// The first and last seeds of `replicates` runs from `base_seed` (one run: the same seed twice).
pub fn seed_range(base_seed: u64, replicates: u32) -> [u64; 2] {
    [base_seed, replicate_seed(base_seed, replicates.saturating_sub(1))]
}

/// Runs `replicates` runs of `scenario` with seeds `base_seed + i` in parallel and maps each
/// recording with `f`. Results come back in replicate order and do not depend on the thread count.
pub fn run_replicates<T: Send>(
    scenario: &Scenario,
    base_seed: u64,
    replicates: u32,
    f: impl Fn(u32, &Recording) -> T + Sync,
) -> Result<Vec<T>, OutputError> {
    (0..replicates)
        .into_par_iter()
        .map(|i| {
            let mut rec = Recorder::new();
            let mut sim = Simulation::new(scenario, replicate_seed(base_seed, i));
            sim.run(&mut [&mut rec], |_| {})?;
            let rec = rec.finish().ok_or_else(|| OutputError::Other("run recorded nothing".into()))?;
            Ok(f(i, &rec))
        })
        .collect()
}

/// What `validate` finds over the replicates of a scenario.
#[derive(Clone, Debug)]
pub struct Validation {
    /// Every `[[observed]]` figure against the runs.
    pub checks: Vec<FigureCheck>,
    /// The people at, and arriving at, every place but the origins each day (`places::listed_places`).
    pub places: Vec<places::PlaceSpread>,
    /// The first-come-first-served queues' joiners by month (empty without institutions).
    pub waits: Vec<waits::CohortSpread>,
}

/// Checks every `[[observed]]` figure of `scenario` over `replicates` runs, and gives the spread of the
/// people at the watched places each day and of the queues' joiners by month. `run_done` is called as
/// each run ends (from the thread that ran it), for a progress display.
pub fn validate_over_runs(
    scenario: &Scenario,
    base_seed: u64,
    replicates: u32,
    run_done: &(dyn Fn() + Sync),
) -> Result<Validation, OutputError> {
    let listed = places::listed_places(scenario);
    let per_run = run_replicates(scenario, base_seed, replicates, |_, rec| {
        let figures: Vec<f64> = scenario.observed.iter().map(|o| evaluate(o, rec)).collect();
        run_done();
        (figures, places::place_series(rec, &listed), rec.queue_cohorts.clone())
    })?;
    let checks = scenario
        .observed
        .iter()
        .enumerate()
        .map(|(k, o)| {
            FigureCheck::new(o, per_run.iter().map(|v| v.0[k]).collect()).with_min_gap(min_group_gap(scenario))
        })
        .collect();
    let (series, cohorts): (Vec<Vec<places::PlaceRun>>, Vec<_>) = per_run.into_iter().map(|v| (v.1, v.2)).unzip();
    Ok(Validation {
        checks,
        places: places::place_spreads(&listed, &series, min_group_gap(scenario)),
        waits: waits::cohort_spreads(&cohorts),
    })
}

/// How many figures of each role (`ObservedRole::ALL`'s order) are within their range, of how many:
/// "8 of 15 checks, 12 of 16 calibration targets, 4 of 4 inputs read back", the roles
/// the scenario has (empty when every figure is a check, as the within count alone then says it).
pub fn within_by_role(checks: &[FigureCheck]) -> String {
    if checks.iter().all(|c| c.observed.role == crate::scenario::ObservedRole::Check) {
        return String::new();
    }
    let parts: Vec<String> = crate::scenario::ObservedRole::ALL
        .iter()
        .filter_map(|&role| {
            let of_role = checks.iter().filter(|c| c.observed.role == role);
            let (all, within) = (of_role.clone().count(), of_role.filter(|c| c.within).count());
            (all > 0).then(|| format!("{within} of {all} {}", role.plural()))
        })
        .collect();
    parts.join(", ")
}

#[cfg(test)]
mod tests;

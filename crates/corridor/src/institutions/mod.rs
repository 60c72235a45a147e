//! The asylum and enforcement system as working mechanisms: per-agent transitions run inside the agent
//! pass (`step`), capacity-limited services run after it in a sequential phase (`settle`).

pub(crate) mod chances;
pub mod cohorts;
pub mod counters;
pub mod courts;
pub mod crossing;
pub mod enforcement;
pub mod hazards;
pub mod humanitarian_visa;
pub mod layout;
pub mod metering;
pub mod mexico_asylum;
pub mod mpp;
pub mod queue;
pub mod report;
pub(crate) mod schedule;
pub mod screening;
pub(crate) mod settle;
pub mod state;
pub(crate) mod step;
pub mod us_detention;
pub mod voluntary_return;

pub use counters::Counter;
pub use layout::Layout;
pub use state::{add_days, InstAgents, System};
pub use step::Agent;

use crate::policy::{Param, Params, Scope};
use crate::population::Status;

/// Sub-purposes of `Purpose::Institution` random streams, one per institution.
pub const SUB_METERING: u32 = 0;
pub const SUB_CROSSING: u32 = 1;
pub const SUB_SCREENING: u32 = 2;
pub const SUB_MPP: u32 = 3;
pub const SUB_COURTS: u32 = 4;
pub const SUB_ENFORCEMENT: u32 = 5;
pub const SUB_COMAR: u32 = 6;
pub const SUB_PROGRAMME: u32 = 7;
/// The other port picked on leaving a list for it, a stream of its own: the day's arrival at a port
/// draws from `SUB_METERING` (code review of session 32: both drew the same numbers the same day).
pub const SUB_OTHER_PORT: u32 = 8;
// (9 is not used.)
pub const SUB_HAZARDS: u32 = 10;
pub const SUB_CLASH: u32 = 11;
// (12 and 13, plus 64: `schedule::SUB_NEXT` and `SUB_EVENT`, the chains of daily chances.)
/// Added to a sub-purpose for draws made in the sequential phase (never the pass's draws).
pub const SETTLE: u32 = 32;

/// Per-agent institution flags.
pub mod iflags {
    /// Tried to enter the US between ports (caught or not).
    pub const TRIED_CROSSING: u16 = 1;
    /// Entered between ports while the proclamation was in force: not eligible for asylum.
    pub const INELIGIBLE: u16 = 2;
    /// Released and never files an asylum claim (seeds/000).
    pub const NEVER_FILE: u16 = 4;
    /// Expressed a fear of return to Mexico (MPP exemption).
    pub const FEAR_MX: u16 = 8;
    /// Waiting at an office for a humanitarian visa (does not move).
    pub const HOLD_VISA: u16 = 16;
    /// Registered with IOM for assisted return, waiting (does not move).
    pub const HOLD_IOM: u16 = 32;
    /// Asylum in Mexico decided (recognised or the 2018 programme): no longer in COMAR's queue.
    pub const SETTLED: u16 = 64;
    /// Was returned to Mexico under MPP at least once.
    pub const MPP_EVER: u16 = 128;
    /// Held in US detention awaiting a hearing (status `Detained` on the US side).
    pub const US_DETAINED: u16 = 256;
    /// Has petitioned for a humanitarian visa (petitions once).
    pub const PETITIONED: u16 = 512;
    /// Went on to another port on arriving at one (`metering::other_port_on_arrival`: once).
    pub const SENT_ON: u16 = 1024;
    /// Has applied to COMAR (applies once: one rejected, or who abandoned the claim, does not apply
    /// again).
    pub const COMAR_APPLIED: u16 = 2048;
    /// Ordered removed in absentia: caught crossing between ports later, by whatever way it came there,
    /// the order is reinstated (code review of session 34: one who settled in Mexico first lost it).
    pub const ORDERED: u16 = 4096;
    pub const HOLD: u16 = HOLD_VISA | HOLD_IOM;
}

/// A request from the agent pass to a capacity-limited service, handled in `settle` in agent order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request {
    /// Put the name on port `.0`'s waitlist.
    Join(u8),
    /// Passed credible-fear screening: MPP, detention or release.
    Screened,
    /// Paroled from US detention: released to wait in the US, its detained hearing given back.
    Paroled,
    /// Apprehended in Mexico at place `at`: to detention centre `centre` if it has room, else let go
    /// there (a checkpoint's place, which the day's travel may have taken it past).
    Apprehended { centre: u8, at: u32 },
    /// Applied to COMAR.
    Comar,
    /// Petitioned for a humanitarian visa.
    Visa,
    /// Registered with IOM for assisted return.
    Iom,
}

/// Queue numbering: waitlists of ports 0..P, then COMAR, visas, IOM, court, detention centres, US detention.
#[derive(Clone, Copy, Debug)]
pub struct QueueIds {
    pub ports: usize,
    pub centres: usize,
}

impl QueueIds {
    pub fn waitlist(&self, port: usize) -> usize {
        port
    }
    pub fn comar(&self) -> usize {
        self.ports
    }
    pub fn visa(&self) -> usize {
        self.ports + 1
    }
    pub fn iom(&self) -> usize {
        self.ports + 2
    }
    pub fn court(&self) -> usize {
        self.ports + 3
    }
    pub fn centre(&self, c: usize) -> usize {
        self.ports + 4 + c
    }
    pub fn us_detention(&self) -> usize {
        self.ports + 4 + self.centres
    }
    pub fn len(&self) -> usize {
        self.ports + 5 + self.centres
    }
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The queues served first come, first served from a list of (agent, day joined): the ports'
    /// waitlists, COMAR, visas and IOM.
    pub fn first_come_first_served(&self) -> std::ops::Range<usize> {
        0..self.iom() + 1
    }

    /// The membership queue an agent is counted in (at most one), from its state.
    #[inline]
    pub fn of(&self, status: Status, flags: u16, port: u8) -> Option<usize> {
        if flags & iflags::HOLD_IOM != 0 {
            return Some(self.iom());
        }
        if flags & iflags::HOLD_VISA != 0 {
            return Some(self.visa());
        }
        match status {
            Status::Waitlisted => Some(self.waitlist(usize::from(port))),
            Status::AsylumInMexico if flags & iflags::SETTLED == 0 => Some(self.comar()),
            _ => None,
        }
    }
}

/// Today's parameter values, computed once a day before the pass.
#[derive(Clone, Debug, Default)]
pub struct Today {
    pub global: Vec<f64>,
    pub metering: Vec<bool>,
    pub capacity: Vec<f64>,
    pub turn_back: Vec<f64>,
    pub mpp: Vec<bool>,
    /// People per day each port may return under MPP (`mpp.capacity_per_day`).
    pub mpp_capacity: Vec<f64>,
    /// The chances of leaving each port's list, as set there today.
    pub leaving: Vec<Leaving>,
    /// Months an arrival at each port may expect to wait on its list, as the day begins: the people on
    /// the list over the port's daily capacity (0 with metering off; infinite with no capacity).
    pub expected_months: Vec<f64>,
    /// Shelter places per place today, in agents (0: none known): the places table's, or a dated
    /// policy's (`shelter.capacity`).
    pub shelter: Vec<f64>,
    /// IOM hardship multiplier per place (1 + weight × overcrowding of shelters).
    pub hardship: Vec<f64>,
    /// Per place, a bound on `hardship` that every waiting person's drawn look day relies on (raised,
    /// never lowered, when today's hardship exceeds it).
    pub hardship_bound: Vec<f64>,
    /// Per place: drawn look days are void today (a value changed, or the hardship bound was raised).
    pub redraw: Vec<bool>,
    /// Whether any global value, or any port's chances of leaving its list, differs from the day
    /// before (or, set by `System::before_pass`, roads closed or opened today changed the ports reached).
    pub changed: bool,
    /// Whether IOM booths register people today: the budget left pays for more returns than are
    /// already registered (see `System::before_pass`).
    pub iom_open: bool,
    /// The day whose parameter values these are (None before the first `update`).
    values_of: Option<u32>,
}

impl Today {
    /// The chances of leaving port `port`'s list today (none for a port it does not know).
    pub fn leaving_at(&self, port: u8) -> Leaving {
        self.leaving.get(usize::from(port)).copied().unwrap_or_default()
    }

    /// Today's values of every parameter, everywhere and at each of `ports` ports. The values kept
    /// from the day before are `params`' own: it must not change between calls (a run's never does).
    pub fn update(&mut self, params: &Params, ports: usize, day: u32) {
        // Values change only on the days a dated policy comes into or goes out of force: the day after
        // one whose values are here keeps them unless a policy starts or ends on it.
        let next = self.values_of.is_some_and(|d| d.checked_add(1) == Some(day));
        if next && !params.policies.iter().any(|q| q.from_day == day || q.to_day == Some(day)) {
            self.values_of = Some(day);
            self.changed = false;
            return;
        }
        self.values_of = Some(day);
        let before = std::mem::take(&mut self.global);
        // A place's parameter has no value everywhere (`Params::value`): 0 here, never read.
        let general = |p: &Param| if p.scope() == Scope::Place { 0.0 } else { params.value(*p, None, day) };
        self.global.extend(Param::ALL.iter().map(general));
        self.changed = before != self.global;
        let at = |p: Param| (0..ports as u32).map(move |k| params.value(p, Some(k), day));
        self.metering = at(Param::MeteringActive).map(|v| v >= 0.5).collect();
        self.capacity = at(Param::MeteringCapacity).collect();
        self.turn_back = at(Param::MeteringTurnBack).collect();
        self.mpp = at(Param::MppActive).map(|v| v >= 0.5).collect();
        self.mpp_capacity = at(Param::MppCapacity).collect();
        let leaving_before = std::mem::take(&mut self.leaving);
        self.leaving.extend((0..ports as u32).map(|k| Leaving::at(params, k, day)));
        self.changed |= leaving_before != self.leaving;
    }
}

/// A port's daily chances of leaving its list, before time waited raises them (`metering::leave_chances`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Leaving {
    /// `crossing.daily`, raised by `crossing.growth_per_30_days` a month up to `crossing.max_daily`.
    pub cross: f64,
    pub cross_growth: f64,
    pub cross_max: f64,
    /// `metering.leave_home_daily`, raised by `metering.leave_home_growth_per_30_days` a month.
    pub home: f64,
    pub home_growth: f64,
    /// `metering.other_port_daily`.
    pub other_port: f64,
}

impl Leaving {
    /// The values at port `k` on `day`.
    pub fn at(params: &Params, k: u32, day: u32) -> Leaving {
        let v = |p: Param| params.value(p, Some(k), day);
        Leaving {
            cross: v(Param::CrossDaily),
            cross_growth: v(Param::CrossGrowth),
            cross_max: v(Param::CrossMaxDaily),
            home: v(Param::LeaveHomeDaily),
            home_growth: v(Param::LeaveHomeGrowth),
            other_port: v(Param::LeaveOtherPortDaily),
        }
    }
}

/// Everything the agent pass reads about institutions on one day.
pub struct DayInst<'a> {
    pub layout: &'a Layout,
    pub today: &'a Today,
    /// Groups that accepted the 2018 programme (members stay in southern Mexico), and the day each did.
    pub accepted: &'a [bool],
    pub accepted_day: &'a [u32],
    pub groups: &'a [crate::engine::groups::Group],
    pub goal_places: &'a [u32],
    pub queues: QueueIds,
    pub seed: u64,
    pub day: u32,
}

impl DayInst<'_> {
    #[inline]
    pub fn v(&self, p: Param) -> f64 {
        self.today.global[p as usize]
    }
    #[inline]
    pub fn on(&self, p: Param) -> bool {
        self.today.global[p as usize] >= 0.5
    }

    /// Whether group `group` (`NONE` = none) is a caravan, whether or not its member still moves with it.
    #[inline]
    pub fn caravan_member(&self, group: u32) -> bool {
        self.groups.get(group as usize).is_some_and(|g| g.is_caravan())
    }
}

/// One chunk's institution tallies for one day, merged in chunk order.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    pub counters: Vec<u64>,
    /// Left each queue today (agents).
    pub left: Vec<u64>,
    /// Admitted by each queue inside the pass (detention releases, in agents).
    pub admitted: Vec<u64>,
    pub requests: Vec<(u32, Request)>,
}

impl Tally {
    pub fn reset(&mut self, queues: usize) {
        self.counters.clear();
        self.counters.resize(Counter::COUNT, 0);
        self.left.clear();
        self.left.resize(queues, 0);
        self.admitted.clear();
        self.admitted.resize(queues, 0);
        self.requests.clear();
    }

    #[inline]
    pub fn count(&mut self, c: Counter) {
        self.counters[c as usize] += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::Today;
    use crate::policy::{Param, Params, Policy};

    /// `Today::update` keeps the day before's values on days no policy starts or ends: day by day,
    /// its values are those computed afresh for the day, and `changed` says whether they differ from
    /// the day before's, through global and per-port policies that start, end and overlap.
    #[test]
    fn values_kept_between_policy_days_are_the_days_own() {
        let mut params = Params::default();
        let policy = |param, at, from_day, to_day, value| Policy {
            name: String::new(),
            param,
            at,
            from_day,
            to_day,
            value,
            source: String::new(),
        };
        params.policies.extend([
            policy(Param::LeaveHomeDaily, Some(1), 3, Some(9), 0.01),
            policy(Param::CrossDaily, None, 5, None, 0.02),
            policy(Param::MeteringCapacity, Some(0), 7, Some(8), 3.0),
            policy(Param::CrossDaily, Some(2), 6, Some(12), 0.0),
        ]);
        let ports = 3;
        let mut kept = Today::default();
        let mut yesterday: Option<Today> = None;
        for day in 0..15 {
            kept.update(&params, ports, day);
            let mut fresh = Today::default();
            fresh.update(&params, ports, day);
            assert_eq!(kept.global, fresh.global, "day {day}");
            assert_eq!(kept.leaving, fresh.leaving, "day {day}");
            assert_eq!(
                (&kept.metering, &kept.capacity, &kept.turn_back),
                (&fresh.metering, &fresh.capacity, &fresh.turn_back)
            );
            assert_eq!((&kept.mpp, &kept.mpp_capacity), (&fresh.mpp, &fresh.mpp_capacity), "day {day}");
            let differs = yesterday.as_ref().is_none_or(|y| y.global != fresh.global || y.leaving != fresh.leaving);
            assert_eq!(kept.changed, differs, "day {day}");
            yesterday = Some(fresh);
        }
    }
}

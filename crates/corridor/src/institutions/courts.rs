//! Immigration courts: hearing calendars (the general one, MPP's docket and the detained docket) with a
//! capacity per day that can change by date, each case on the first day with room from its own first
//! day; hearings decide no-show, grant or denial.

use super::{iflags, Agent, Counter, DayInst, Tally, SUB_COURTS};
use crate::policy::{Param, Params};
use crate::population::Status;
use crate::rng::{Purpose, Stream};
use std::collections::BTreeSet;

/// The longest a calendar looks ahead for a free slot, in days from the day a case may first be heard;
/// beyond it a case gets no date. Assumption: 100 years, longer than any wait a court could mean (a
/// calendar that has no room so far ahead is one with no capacity).
pub const HORIZON: u32 = 36_500;

/// A court calendar: people booked per day against a capacity per day (the parameter `capacity`, as
/// the policies set it on each day).
#[derive(Clone, Debug)]
pub struct Calendar {
    capacity: Param,
    cap: Vec<f64>,
    used: Vec<f64>,
    /// The days laid out so far (`cap`'s) that have room left, so that a booking finds the first one at
    /// or after its own first day in one look (code review of session 34: a cursor at the last booking
    /// skipped the room before it, so a docket's lead time shortened by a policy still booked at the
    /// old one until the new one caught up).
    open: BTreeSet<u32>,
    pub booked_total: f64,
    pub heard_total: f64,
}

impl Default for Calendar {
    /// The general calendar (`courts.capacity_per_day`).
    fn default() -> Self {
        Calendar::with_capacity(Param::CourtCapacity)
    }
}

impl Calendar {
    /// An empty calendar whose daily capacity is the parameter `capacity`.
    pub fn with_capacity(capacity: Param) -> Calendar {
        Calendar {
            capacity,
            cap: Vec::new(),
            used: Vec::new(),
            open: BTreeSet::new(),
            booked_total: 0.0,
            heard_total: 0.0,
        }
    }

    fn extend_to(&mut self, d: u32, params: &Params) {
        while self.cap.len() <= d as usize {
            let day = self.cap.len() as u32;
            let cap = params.value(self.capacity, None, day);
            self.cap.push(cap);
            self.used.push(0.0);
            if cap > 0.0 {
                self.open.insert(day);
            }
        }
    }

    /// The first day from `d` and before `limit` with room, laying out days as needed; None when
    /// every one is full.
    fn first_open(&mut self, mut d: u32, limit: u32, params: &Params) -> Option<u32> {
        while d < limit {
            if let Some(&day) = self.open.range(d..limit).next() {
                return Some(day);
            }
            // None laid out has room: the next day to lay out.
            d = d.max(self.cap.len() as u32);
            if d >= limit {
                break;
            }
            self.extend_to(d, params);
            if self.open.contains(&d) {
                return Some(d);
            }
            d += 1;
        }
        None
    }

    /// Books `people` on the first days from `from` with free slots; returns the day the last of them is
    /// heard, or None when no slot exists within the horizon from `from` (code review of session 32:
    /// the horizon was day 36,500 of the run, so in a run longer than that no case got a date).
    pub fn book(&mut self, people: f64, from: u32, params: &Params) -> Option<u32> {
        let mut left = people;
        self.booked_total += people;
        let limit = from.saturating_add(HORIZON);
        let mut d = from;
        while let Some(day) = self.first_open(d, limit, params) {
            let k = day as usize;
            let room = self.cap[k] - self.used[k];
            if room >= left - 1e-9 {
                self.used[k] += left;
                if self.cap[k] - self.used[k] <= 0.0 {
                    self.open.remove(&day);
                }
                return Some(day);
            }
            self.used[k] += room;
            left -= room;
            self.open.remove(&day);
            d = day + 1;
        }
        None
    }

    /// Records day `day`'s hearings; returns how many people were heard.
    pub fn hear(&mut self, day: u32, params: &Params) -> f64 {
        self.extend_to(day, params);
        let n = self.used[day as usize];
        self.heard_total += n;
        n
    }

    /// Gives back, on day `today` (before its hearings), a case of `people` whose hearing (the day the
    /// last of them is heard) was `day`: the room is free for the next booking that may start on or
    /// before it. A case split over several days gives its room back from `day` first, then from the
    /// days before it (the calendar counts people per day, not whose they are), but not from days
    /// already heard (code review of session 34: the backlog fell below what was heard).
    pub fn cancel(&mut self, people: f64, day: u32, today: u32) {
        let mut left = people;
        let mut d = day;
        while left > 1e-9 && d >= today {
            let Some(used) = self.used.get_mut(d as usize) else {
                break;
            };
            let back = left.min(*used);
            *used -= back;
            self.booked_total -= back;
            left -= back;
            if self.cap[d as usize] - self.used[d as usize] > 0.0 {
                self.open.insert(d);
            }
            if d == 0 {
                break;
            }
            d -= 1;
        }
    }

    /// People booked and not yet heard (the backlog, scenario cases included).
    pub fn waiting(&self) -> f64 {
        (self.booked_total - self.heard_total).max(0.0)
    }
}

/// Which calendar a new case goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Docket {
    /// The general calendar, after the backlog, from the day after filing.
    General,
    /// MPP's docket, from `ahead` days after the return (`courts.mpp_hearing_days`).
    Mpp { ahead: u32 },
    /// The detained docket, from `ahead` days after detention (`courts.detained_hearing_days`).
    Detained { ahead: u32 },
}

/// The immigration courts' calendars: the general one (the backlog, then the cases of people released
/// in the US), MPP's docket, booked from `courts.mpp_hearing_days` after the return, and the detained
/// docket, booked from `courts.detained_hearing_days` after detention. The backlog, the day's hearings
/// and their totals are those of all three.
#[derive(Clone, Debug)]
pub struct Courts {
    general: Calendar,
    mpp: Calendar,
    detained: Calendar,
}

impl Courts {
    /// The calendars, with `backlog` cases booked first on the general one.
    pub fn new(backlog: f64, params: &Params) -> Courts {
        let mut general = Calendar::default();
        if backlog > 0.0 {
            general.book(backlog, 0, params);
        }
        Courts {
            general,
            mpp: Calendar::with_capacity(Param::CourtMppCapacity),
            detained: Calendar::with_capacity(Param::CourtDetainedCapacity),
        }
    }

    /// Books `people` cases filed on `day` on `docket`. Returns the hearing day, if within the horizon.
    pub fn book(&mut self, people: f64, day: u32, docket: Docket, params: &Params) -> Option<u32> {
        let (calendar, from) = match docket {
            Docket::General => (&mut self.general, day + 1),
            Docket::Mpp { ahead } => (&mut self.mpp, day.saturating_add(ahead.max(1))),
            Docket::Detained { ahead } => (&mut self.detained, day.saturating_add(ahead.max(1))),
        };
        calendar.book(people, from, params)
    }

    /// The three calendars.
    fn calendars(&self) -> [&Calendar; 3] {
        [&self.general, &self.mpp, &self.detained]
    }

    /// Gives back, on day `today`, the detained docket's slot of `people` on `day` (a person paroled
    /// before the hearing).
    pub fn cancel_detained(&mut self, people: f64, day: u32, today: u32) {
        self.detained.cancel(people, day, today);
    }

    /// Records `day`'s hearings on every calendar; returns how many people were heard.
    pub fn hear(&mut self, day: u32, params: &Params) -> f64 {
        [&mut self.general, &mut self.mpp, &mut self.detained].into_iter().map(|c| c.hear(day, params)).sum()
    }

    /// People booked and not yet heard: the court backlog.
    pub fn waiting(&self) -> f64 {
        self.calendars().into_iter().map(Calendar::waiting).sum()
    }

    /// People booked on the detained docket and not yet heard.
    pub fn detained_waiting(&self) -> f64 {
        self.detained.waiting()
    }

    /// People heard so far.
    pub fn heard_total(&self) -> f64 {
        self.calendars().into_iter().map(|c| c.heard_total).sum()
    }
}

/// An agent with a case whose hearing is today: no-show, or a decision. A person denied in US
/// detention is removed from it (to the country of origin); others denied stay where they are.
pub fn hearing(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally) {
    let mut rng = Stream::new(t.seed, Purpose::Institution, SUB_COURTS, a.id, t.day);
    let us_detained = a.iflags() & iflags::US_DETAINED != 0;
    let mpp_case = a.status() == Status::MppInMexico;
    let no_show = match a.status() {
        Status::MppInMexico => t.v(Param::NoShowMpp),
        Status::ReleasedInUs => t.v(Param::NoShowReleased),
        _ => 0.0,
    };
    let port = &t.layout.ports[usize::from(a.port())];
    *a.iflags_mut() &= !iflags::US_DETAINED;
    if us_detained {
        tally.left[t.queues.us_detention()] += 1;
    }
    // MPP cases' outcomes are counted apart too: their grant rate is a figure of its own ([108]).
    let count = |tally: &mut Tally, all: Counter, mpp: Counter| {
        tally.count(all);
        if mpp_case {
            tally.count(mpp);
        }
    };
    if !us_detained && rng.chance(no_show) {
        *a.status_mut() = Status::InAbsentia;
        *a.iflags_mut() |= iflags::ORDERED;
        count(tally, Counter::InAbsentia, Counter::MppInAbsentia);
        return;
    }
    *a.place_mut() = port.us_side;
    // The proclamation's bar holds while the proclamation is in force: a rule a court blocked bars no
    // one heard after (journalist's review of session 25: caravan-2018's, blocked on Nov 19 2018 [88],
    // barred for good the 8,690 people who crossed between ports while it stood, seed 1).
    let barred = a.iflags() & iflags::INELIGIBLE != 0 && t.on(Param::Proclamation);
    let claim = a.iflags() & iflags::NEVER_FILE == 0 && !barred;
    let ground =
        if a.attrs.ground().is_protected() { t.v(Param::GrantProtected) } else { t.v(Param::GrantUnprotected) };
    let p = if mpp_case { ground * t.v(Param::GrantMppFactor) } else { ground };
    if claim && rng.chance(p) {
        *a.status_mut() = Status::Granted;
        count(tally, Counter::Granted, Counter::MppGranted);
    } else {
        count(tally, Counter::Denied, Counter::MppDenied);
        if us_detained {
            tally.count(Counter::RemovedAfterDenial);
            a.send_home(Status::Deported);
        } else {
            *a.status_mut() = Status::Denied;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(cap: f64) -> Params {
        let mut p = Params::default();
        p.set(Param::CourtCapacity, cap);
        p
    }

    #[test]
    fn backlog_is_heard_first() {
        let p = params(100.0);
        let mut c = Calendar::default();
        assert_eq!(c.book(1000.0, 0, &p), Some(9));
        assert_eq!(c.book(1.0, 1, &p), Some(10));
        assert_eq!(c.book(99.0, 1, &p), Some(10));
        assert_eq!(c.book(1.0, 1, &p), Some(11));
    }

    /// Code review of session 32: the horizon was an absolute day, so a case filed after day 36,500 of
    /// a long run got no date, and a failure shut the calendar for good. It is counted from the day
    /// the case may first be heard.
    #[test]
    fn the_horizon_counts_from_the_filing() {
        let mut c = Calendar::default();
        assert_eq!(c.book(10.0, 40_000, &params(100.0)), Some(40_000));
        // A calendar with no room: no date, and the next case, filed later, is looked for past it.
        let mut closed = Calendar::default();
        assert_eq!(closed.book(1.0, 0, &params(0.0)), None);
        assert_eq!(closed.cap.len() as u32, HORIZON);
        assert_eq!(closed.book(1.0, 10, &params(0.0)), None);
        assert_eq!(closed.cap.len() as u32, HORIZON + 10);
        assert!(closed.open.is_empty());
    }

    /// Code review of session 34: MPP's docket books 90 days ahead, and a policy cut the lead time to 30
    /// days; the calendar's cursor stood at the last booking, 90 days ahead, so new cases were booked
    /// there (60 days of returns heard on one day) until the new lead time caught up.
    #[test]
    fn issue_session_34_a_shorter_lead_time_books_at_the_new_one() {
        let p = params(1e6);
        let mut c = Calendar::default();
        for day in 0..10 {
            assert_eq!(c.book(1.0, day + 90, &p), Some(day + 90));
        }
        assert_eq!(c.book(1.0, 10 + 30, &p), Some(40), "booked at its own first day, not at the last booking");
        assert_eq!(c.book(1.0, 11 + 30, &p), Some(41));
        // A full day is still passed over.
        let tight = params(1.0);
        let mut c = Calendar::default();
        assert_eq!(c.book(1.0, 50, &tight), Some(50));
        assert_eq!(c.book(1.0, 49, &tight), Some(49));
        assert_eq!(c.book(2.0, 49, &tight), Some(52), "49 and 50 full: 51 and 52");
    }

    /// Code review of session 34: a split case given back on a parole gave back room from days already
    /// heard, so the backlog (booked less heard) fell below the cases still waiting.
    #[test]
    fn issue_session_34_a_cancel_gives_back_no_day_already_heard() {
        let p = params(1.0);
        let mut c = Calendar::default();
        assert_eq!(c.book(3.0, 0, &p), Some(2), "split over days 0, 1 and 2");
        c.hear(0, &p);
        c.cancel(3.0, 2, 1);
        assert_eq!(c.heard_total, 1.0);
        assert_eq!(c.booked_total, 1.0, "day 0's person was heard; days 1 and 2 given back");
        assert_eq!(c.waiting(), 0.0);
        assert_eq!(c.book(1.0, 0, &p), Some(1), "day 0 is not reopened");
    }

    /// Little's law on the court queue: in a steady state, people waiting = arrivals a day × mean wait.
    #[test]
    fn littles_law_holds_in_steady_state() {
        let lambda = 50.0;
        let p = params(lambda);
        let mut c = Calendar::default();
        c.book(5_000.0, 0, &p); // a backlog of 100 days
        let (mut l_sum, mut w_sum, mut n) = (0.0, 0.0, 0.0);
        for day in 0..2_000u32 {
            for _ in 0..lambda as u32 {
                let h = c.book(1.0, day + 1, &p).unwrap();
                if day >= 500 {
                    w_sum += f64::from(h - day);
                    n += 1.0;
                }
            }
            c.hear(day, &p);
            if day >= 500 {
                l_sum += c.waiting();
            }
        }
        let l = l_sum / 1_500.0;
        let w = w_sum / n;
        assert!((l - lambda * w).abs() / l < 0.02, "L = {l}, λW = {}", lambda * w);
        assert!((w - 101.0).abs() < 1.5, "W = {w}");
    }

    /// Session 16 review: a cancelled hearing's room was freed but the calendar's cursor had moved past
    /// it, so no later booking could use it.
    #[test]
    fn a_cancelled_hearing_frees_its_room_for_the_next_booking() {
        let p = params(1.0);
        let mut c = Calendar::default();
        for day in 0..10 {
            assert_eq!(c.book(1.0, 0, &p), Some(day));
        }
        c.cancel(1.0, 4, 0);
        assert_eq!(c.waiting(), 9.0);
        assert_eq!(c.book(1.0, 2, &p), Some(4), "the freed day is taken first");
        assert_eq!(c.book(1.0, 2, &p), Some(10));
        // A case of 3 split over days 11-13 (capacity 1) gives all three back.
        assert_eq!(c.book(3.0, 0, &p), Some(13));
        c.cancel(3.0, 13, 0);
        assert_eq!(c.waiting(), 11.0);
        assert_eq!(c.book(3.0, 0, &p), Some(13));
    }

    #[test]
    fn capacity_changes_by_date() {
        let mut p = params(10.0);
        p.policies.push(crate::policy::Policy {
            name: "cut".into(),
            param: Param::CourtCapacity,
            at: None,
            from_day: 5,
            to_day: None,
            value: 1.0,
            source: String::new(),
        });
        let mut c = Calendar::default();
        assert_eq!(c.book(50.0, 0, &p), Some(4));
        assert_eq!(c.book(3.0, 0, &p), Some(7));
        let mut none = Calendar::default();
        assert_eq!(none.book(1.0, 0, &params(0.0)), None);
    }
}

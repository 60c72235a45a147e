//! The sequential phase after the agent pass: merges the chunks' tallies in chunk order, then serves
//! every capacity-limited queue FIFO by (day joined, agent id), keeping the day's counts exact.

use super::courts::Docket;
use super::state::System;
use super::{iflags, mpp, Counter, Request, Tally, SETTLE, SUB_COMAR, SUB_MPP, SUB_SCREENING};
use crate::policy::Param;
use crate::population::{Agents, Status, NONE};
use crate::rng::{Purpose, Stream};

/// The day's view of the engine's agents and counts, changed consistently.
pub struct World<'a> {
    pub agents: &'a mut Agents,
    /// Agents by place and status (`place * Status::COUNT + status`).
    pub counts: &'a mut [u64],
    pub entries: &'a mut [u64; Status::COUNT],
    pub day: u32,
}

impl World<'_> {
    /// Moves agent `i` to `status` at `place`, off any road, keeping counts and entries exact.
    pub fn set(&mut self, i: usize, status: Status, place: u32) {
        let a = &mut *self.agents;
        // The pass stops visiting such an agent and keeps its count where it was (`engine::resting`).
        debug_assert!(!a.status[i].ends_journey(), "agent {i}'s journey had ended ({:?}), yet it changes", a.status[i]);
        let old = a.status[i].cell_at(a.place[i]);
        self.counts[old] -= 1;
        self.counts[status.cell_at(place)] += 1;
        if a.status[i] != status {
            self.entries[status as usize] += 1;
            a.since[i] = self.day;
        }
        a.status[i] = status;
        a.place[i] = place;
        a.link[i] = NONE;
        a.progress[i] = 0.0;
        a.route[i] = NONE;
        a.wake[i] = NONE; // its next departure is drawn afresh where it is now
    }
}

impl System {
    /// Changes agent `i` and counts any queue it leaves other than `serving` as left.
    fn change(&mut self, w: &mut World<'_>, i: usize, status: Status, place: u32, serving: Option<usize>) {
        // The pass leaves one released in the US alone until its hearing (`engine::resting`).
        debug_assert!(
            w.agents.status[i] != Status::ReleasedInUs || self.agents.due[i] <= w.day,
            "agent {i} waits in the US for its hearing on day {}, yet it changes on day {}",
            self.agents.due[i],
            w.day
        );
        let port = self.agents.port[i];
        let before = self.ids.of(w.agents.status[i], self.agents.flags[i], port);
        w.set(i, status, place);
        self.agents.next[i] = 0; // its small daily chances are looked at afresh
        let after = self.ids.of(status, self.agents.flags[i], port);
        if let Some(q) = before {
            if Some(q) != after && Some(q) != serving {
                self.queues[q].note_left(1);
            }
        }
    }

    /// Runs the sequential phase of `day` over the chunks' `tallies`.
    pub fn settle<'t>(&mut self, w: &mut World<'_>, tallies: impl Iterator<Item = &'t Tally> + Clone) {
        self.requests.clear();
        for t in tallies {
            for (acc, v) in self.counters.iter_mut().zip(&t.counters) {
                *acc += v;
            }
            for (q, &n) in t.left.iter().enumerate() {
                if n > 0 {
                    self.queues[q].note_left(n);
                }
            }
            self.requests.extend_from_slice(&t.requests);
        }
        let per_agent: Vec<f64> = self.today.mpp_capacity.iter().map(|c| c / self.ppa).collect();
        self.mpp_credit.resize(per_agent.len(), mpp::Credit::default());
        for (credit, per_day) in self.mpp_credit.iter_mut().zip(per_agent) {
            mpp::refill(credit, per_day);
        }
        let requests = std::mem::take(&mut self.requests);
        for &(id, r) in &requests {
            self.request(w, id, r);
        }
        self.requests = requests;
        self.serve_waitlists(w);
        self.serve_comar(w);
        self.serve_visas(w);
        self.serve_iom(w);
        let background = self.today.global[Param::CourtBackground as usize];
        if background > 0.0 {
            self.courts.book(background, w.day, Docket::General, &self.params);
        }
        // In whole people, as the running total rounds (robustness review of session 34: each day's
        // hearings rounded alone, 0.3 a day, summed to 816 where the total said 891).
        let before = self.courts.heard_total().round();
        self.courts.hear(w.day, &self.params);
        self.heard_today = self.courts.heard_total().round() - before;
    }

    fn g(&self, p: Param) -> f64 {
        self.today.global[p as usize]
    }

    /// The most agents queue `q` may hold today, in agents (queue counts here are agents), as `request`
    /// and `place_screened` let them in: a detention centre's capacity, US detention's under the day's
    /// `us_detention.capacity` (a policy may change it by date), each in people divided by
    /// people_per_agent and rounded down to whole agents (`Layout::centre_capacity`); None for a queue
    /// with no such limit. The report's rows (`QueueRow::room`) carry it in people: × people_per_agent.
    pub(super) fn room_agents(&self, q: usize) -> Option<u64> {
        let (first_centre, us) = (self.ids.centre(0), self.ids.us_detention());
        if q == us {
            Some((self.g(Param::UsDetentionCapacity) / self.ppa) as u64)
        } else if (first_centre..us).contains(&q) {
            self.layout.centre_capacity.get(q - first_centre).copied()
        } else {
            None
        }
    }

    /// Whether queue `q` has room for one more agent today (`room_agents`).
    fn has_room(&self, q: usize) -> bool {
        self.room_agents(q).is_none_or(|room| self.queues[q].waiting < room)
    }

    fn request(&mut self, w: &mut World<'_>, id: u32, r: Request) {
        let i = id as usize;
        let day = w.day;
        match r {
            Request::Join(port) => self.join(w, self.ids.waitlist(usize::from(port)), id),
            Request::Comar => self.join(w, self.ids.comar(), id),
            Request::Visa => self.join(w, self.ids.visa(), id),
            Request::Iom => self.join(w, self.ids.iom(), id),
            Request::Apprehended { centre: c, at } => {
                let q = self.ids.centre(usize::from(c));
                if self.has_room(q) {
                    self.queues[q].note_in();
                    let place = self.layout.centre_place[usize::from(c)];
                    self.change(w, i, Status::Detained, place, None);
                    // The centre that holds it, for its deportation (of two centres at one place, the
                    // first was charged: institutions review of session 31).
                    self.agents.port[i] = c;
                    self.agents.due[i] = day + self.g(Param::DetentionDays).round() as u32;
                    self.count(Counter::Detained);
                } else {
                    // Let go on the spot: at the checkpoint, not where the day's travel went on to
                    // (code review of session 32: arrivals.csv had them at the checkpoint, daily.csv
                    // beyond it), free to move on.
                    self.count(Counter::ReleasedFull);
                    if w.agents.place[i] != at || w.agents.link[i] != crate::population::NONE {
                        let status = match w.agents.status[i] {
                            Status::Travelling => Status::AtPlace,
                            s => s,
                        };
                        self.change(w, i, status, at, None);
                    }
                }
            }
            Request::Screened => self.place_screened(w, i),
            Request::Paroled => self.parole(w, i),
        }
    }

    fn count(&mut self, c: Counter) {
        self.counters[c as usize] += 1;
    }

    /// After a positive screening: MPP return, US detention or release, with a hearing date. Where MPP
    /// is off at the agent's port but on at the port it returns through (`PortAt::mpp_via`), that
    /// port's MPP decides (with its daily capacity), and a return goes through it to its city.
    fn place_screened(&mut self, w: &mut World<'_>, i: usize) {
        let (id, day) = (i as u32, w.day);
        let k = usize::from(self.agents.port[i]);
        let port = self.layout.ports[k].clone();
        let mpp_port = match port.mpp_via.map(usize::from) {
            Some(via) if !self.today.mpp[k] && self.today.mpp[via] => via,
            _ => k,
        };
        let mut rng = Stream::new(self.seed, Purpose::Institution, SUB_MPP + SETTLE, id, day);
        if rng.chance(self.g(Param::MppFearShare)) {
            self.agents.flags[i] |= iflags::FEAR_MX;
        }
        let fear = self.agents.flags[i] & iflags::FEAR_MX != 0;
        let vulnerable = w.agents.attrs[i].vulnerable();
        let mut decision = mpp::decide(self.today.mpp[mpp_port], vulnerable, fear, &self.today);
        if decision == mpp::Decision::Return && !mpp::take_slot(&mut self.mpp_credit[mpp_port]) {
            decision = mpp::Decision::OverCapacity;
        }
        match decision {
            mpp::Decision::ExemptVulnerable => self.count(Counter::MppExemptVulnerable),
            mpp::Decision::ExemptFear => self.count(Counter::MppExemptFear),
            mpp::Decision::OverCapacity => self.count(Counter::MppOverCapacity),
            _ => {}
        }
        self.count(Counter::CasesFiled);
        if decision == mpp::Decision::Return {
            // MPP's cases go on its own docket, heard months ahead.
            let ahead = self.g(Param::CourtMppDays).round() as u32;
            self.file_case(i, day, day, Docket::Mpp { ahead });
            self.agents.flags[i] |= iflags::MPP_EVER;
            self.agents.port[i] = mpp_port as u8; // its hearing is at the port that returned it
            self.change(w, i, Status::MppInMexico, self.layout.ports[mpp_port].city, None);
            self.count(Counter::MppReturned);
            return;
        }
        let mut rng = Stream::new(self.seed, Purpose::Institution, SUB_SCREENING + SETTLE, id, day);
        let us = self.ids.us_detention();
        if rng.chance(self.g(Param::DetainShare)) && self.has_room(us) {
            // Detained cases go on the detained docket, heard first.
            let ahead = self.g(Param::CourtDetainedDays).round() as u32;
            self.file_case(i, day, day, Docket::Detained { ahead });
            self.agents.mark[i] = day; // the case's filing day, should it be paroled (`parole`)
            self.queues[us].note_in();
            self.agents.flags[i] |= iflags::US_DETAINED;
            self.change(w, i, Status::Detained, port.us_side, None);
            self.count(Counter::UsDetained);
            return;
        }
        self.release(w, i, &mut rng, day);
        self.count(Counter::Released);
    }

    /// Releases agent `i` (screened today, or paroled from US detention) to wait in the US for a
    /// hearing on the general calendar, booked from today after the backlog, for a case filed on
    /// `filed`; a share never file a claim (`rng` draws it).
    fn release(&mut self, w: &mut World<'_>, i: usize, rng: &mut Stream, filed: u32) {
        self.file_case(i, filed, w.day, Docket::General);
        if rng.chance(self.g(Param::NeverFile)) {
            self.agents.flags[i] |= iflags::NEVER_FILE;
            self.count(Counter::NeverFile);
        }
        let us_side = self.layout.ports[usize::from(self.agents.port[i])].us_side;
        self.change(w, i, Status::ReleasedInUs, us_side, None);
    }

    /// Books agent `i`'s case, filed on `filed`, on `docket` from day `from`: its hearing day becomes
    /// its due day, and its wait (the `court` queue's, and `to_hearing`) counts from `filed`; or it
    /// gets no date, beyond the calendar's horizon.
    fn file_case(&mut self, i: usize, filed: u32, from: u32, docket: Docket) {
        let court = self.ids.court();
        match self.courts.book(self.ppa, from, docket, &self.params) {
            Some(h) => {
                let wait = (h - filed).min(u32::from(u16::MAX - 1));
                self.queues[court].note_wait(wait);
                self.agents.due[i] = h;
                self.agents.to_hearing[i] = wait as u16;
            }
            None => {
                self.count(Counter::NoDate);
                self.agents.due[i] = u32::MAX;
                self.agents.to_hearing[i] = u16::MAX;
            }
        }
    }

    /// A person paroled from US detention today: its detained docket's slot is given back, and it is
    /// released to wait in the US with a case on the general calendar.
    fn parole(&mut self, w: &mut World<'_>, i: usize) {
        let day = w.day;
        if self.agents.flags[i] & iflags::US_DETAINED == 0 || w.agents.status[i] != Status::Detained {
            return; // never: only the detained ask
        }
        // The detained hearing is given back, and so is its wait: the case waits for the general
        // calendar's hearing instead, still counted from the day it was filed (at detention).
        let hearing = self.agents.due[i];
        let filed = self.agents.mark[i];
        if hearing != u32::MAX {
            self.courts.cancel_detained(self.ppa, hearing, day);
            self.queues[self.ids.court()].forget_wait(hearing - filed);
        }
        self.agents.flags[i] &= !iflags::US_DETAINED;
        self.queues[self.ids.us_detention()].note_left(1);
        self.count(Counter::Paroled);
        let mut rng = Stream::new(self.seed, Purpose::Institution, SUB_SCREENING + SETTLE, i as u32, day);
        self.release(w, i, &mut rng, filed);
    }

    /// Agent `id` joined first-come-first-served queue `q` today.
    fn join(&mut self, w: &World<'_>, q: usize, id: u32) {
        let month = self.months.of(w.day);
        self.queues[q].push(id, w.day, month);
    }

    /// Records that queue `q` served someone who joined on `joined`, today; returns the wait in days.
    fn admit(&mut self, q: usize, joined: u32, today: u32) -> u32 {
        let (month, wait) = (self.months.of(joined), today - joined);
        self.queues[q].note_admitted(wait, month);
        wait
    }

    /// Whether the entry (agent `i`, joined on day `joined`) of first-come-first-served queue `q`
    /// still stands: the agent is in that queue (`QueueIds::of`, from its `status` and fields), since
    /// that day. Entries of people who left stay in the list until met.
    pub fn entry_stands(&self, status: &[Status], q: usize, i: usize, joined: u32) -> bool {
        self.agents.mark[i] == joined && self.ids.of(status[i], self.agents.flags[i], self.agents.port[i]) == Some(q)
    }

    /// Pops up to `n` standing entries of queue `q` (FIFO; see `entry_stands`).
    fn pop_standing(&mut self, q: usize, n: u64, status: &[Status], out: &mut Vec<(u32, u32)>) {
        out.clear();
        while (out.len() as u64) < n {
            let Some((id, joined)) = self.queues[q].fifo.pop_front() else {
                break;
            };
            if self.entry_stands(status, q, id as usize, joined) {
                out.push((id, joined));
            }
        }
    }

    fn serve_waitlists(&mut self, w: &mut World<'_>) {
        let mut served = Vec::new();
        for k in 0..self.layout.port_count() {
            let q = self.ids.waitlist(k);
            let n = if self.today.metering[k] {
                self.queues[q].take_credit(self.today.capacity[k] / self.ppa)
            } else {
                self.queues[q].waiting // metering off: everyone waiting presents
            };
            self.pop_standing(q, n, &w.agents.status, &mut served);
            let us = self.layout.ports[k].us_side;
            for &(id, joined) in &served {
                let i = id as usize;
                let wait = self.admit(q, joined, w.day);
                self.agents.waited[i] = super::add_days(self.agents.waited[i], wait);
                self.change(w, i, Status::InScreening, us, Some(q));
                self.agents.due[i] = w.day + self.g(Param::ScreeningDays).round() as u32;
                self.count(Counter::Called);
            }
        }
    }

    fn serve_comar(&mut self, w: &mut World<'_>) {
        let q = self.ids.comar();
        let mut cap = self.g(Param::ComarCapacity);
        let b = self.comar_backlog.min(cap);
        self.comar_backlog -= b;
        cap -= b;
        let n = self.queues[q].take_credit(cap / self.ppa);
        let mut served = Vec::new();
        self.pop_standing(q, n, &w.agents.status, &mut served);
        let p = self.g(Param::ComarRecognition);
        for &(id, joined) in &served {
            let i = id as usize;
            self.admit(q, joined, w.day);
            let mut rng = Stream::new(self.seed, Purpose::Institution, SUB_COMAR + SETTLE, id, w.day);
            if rng.chance(p) {
                self.agents.flags[i] |= iflags::SETTLED;
                self.count(Counter::ComarRecognised);
            } else {
                let place = w.agents.place[i];
                self.change(w, i, Status::AtPlace, place, Some(q));
                self.count(Counter::ComarRejected);
            }
        }
    }

    fn serve_visas(&mut self, w: &mut World<'_>) {
        let q = self.ids.visa();
        let per_day = self.g(Param::VisaCapacity) / self.ppa;
        let n = self.queues[q].take_credit(per_day);
        let mut served = Vec::new();
        self.pop_standing(q, n, &w.agents.status, &mut served);
        let validity = self.g(Param::VisaValidity).round() as u32;
        for &(id, joined) in &served {
            let i = id as usize;
            self.admit(q, joined, w.day);
            self.agents.flags[i] &= !iflags::HOLD_VISA;
            let place = w.agents.place[i];
            self.change(w, i, Status::HumanitarianVisa, place, Some(q));
            self.agents.due[i] = w.day + validity;
            self.count(Counter::VisaIssued);
        }
    }

    fn serve_iom(&mut self, w: &mut World<'_>) {
        if self.g(Param::IomActive) < 0.5 {
            // The programme ended with people registered: they lapse and carry on (institutions
            // review of session 31: they were held in place, waiting, to the end of the run).
            if self.queues[self.ids.iom()].waiting > 0 {
                self.release_iom(w, Counter::IomClosed);
            }
            return;
        }
        let q = self.ids.iom();
        let cost = self.iom_cost();
        let payable = self.iom_payable(cost);
        let per_day = self.g(Param::IomCapacity) / self.ppa;
        let n = self.queues[q].take_credit(per_day).min(payable.unwrap_or(u64::MAX));
        let mut served = Vec::new();
        self.pop_standing(q, n, &w.agents.status, &mut served);
        for &(id, joined) in &served {
            let i = id as usize;
            self.admit(q, joined, w.day);
            self.agents.flags[i] &= !iflags::HOLD_IOM;
            let origin = w.agents.origin[i];
            self.change(w, i, Status::ReturnedHome, origin, Some(q));
            self.iom_spent += cost;
            self.count(Counter::IomReturned);
        }
        if payable.is_some_and(|n| n == served.len() as u64) {
            self.release_iom(w, Counter::IomUnfunded);
        }
    }

    /// What returning one agent costs today: the cost per return, for the people an agent stands for.
    pub(super) fn iom_cost(&self) -> f64 {
        self.g(Param::IomCost) * self.ppa
    }

    /// Returns the budget still pays for at `cost` an agent (`iom_cost`), in agents (None: returns
    /// cost nothing).
    pub(super) fn iom_payable(&self, cost: f64) -> Option<u64> {
        super::voluntary_return::returns_payable(self.g(Param::IomBudget), self.iom_spent, cost)
    }

    /// The budget pays for no more returns (`IomUnfunded`), or the programme has ended (`IomClosed`):
    /// those still registered lapse and carry on where they are, deciding afresh (they would otherwise
    /// wait for a return that never comes).
    fn release_iom(&mut self, w: &mut World<'_>, why: Counter) {
        let q = self.ids.iom();
        let mut lapsed = Vec::new();
        self.pop_standing(q, u64::MAX, &w.agents.status, &mut lapsed);
        for &(id, _) in &lapsed {
            let i = id as usize;
            self.queues[q].note_left(1);
            self.agents.flags[i] &= !iflags::HOLD_IOM;
            let (status, place) = (w.agents.status[i], w.agents.place[i]);
            self.change(w, i, status, place, Some(q));
            self.count(why);
        }
    }
}

#[cfg(test)]
mod tests;

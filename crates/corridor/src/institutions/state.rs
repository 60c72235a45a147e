//! The institutions' run-time state: per-agent fields (struct of arrays, beside `Agents`), the queues,
//! the court calendars, counters, and the daily preparation done before the agent pass.

use super::cohorts::Months;
use super::courts::Courts;
use super::layout::Layout;
use super::queue::Queue;
use super::{Counter, QueueIds, Today, SUB_PROGRAMME};
use crate::engine::groups::Group;
use crate::policy::{Param, Params};
use crate::rng::{Purpose, Stream};
use crate::scenario::institutions::{Institutions, OfficeKind};
use crate::scenario::Scenario;

/// Per-agent institution fields, indexed like `Agents`.
#[derive(Clone, Debug, Default)]
pub struct InstAgents {
    /// `iflags` bits.
    pub flags: Vec<u16>,
    /// Day the agent joined its current queue: written when it joins a first-come-first-served queue
    /// (a list, COMAR, visas, IOM), and when it is taken into US detention (the day its case was
    /// filed, for a parole). `System::entry_stands` and the pass's rejoin check rely on it for the
    /// first-come-first-served queues (no agent starts in a queue, so the 0 it starts with marks
    /// nothing).
    pub mark: Vec<u32>,
    /// Day of the next scheduled event (screening done, hearing, deportation, visa expiry).
    pub due: Vec<u32>,
    /// Days spent on port waitlists.
    pub waited: Vec<u16>,
    /// Days from filing to the hearing date (`u16::MAX` = no case).
    pub to_hearing: Vec<u16>,
    /// Port of the agent's waitlist or case (`layout::NO` = none); while detained in Mexico, the
    /// detention centre holding it.
    pub port: Vec<u8>,
    /// Day of the next look at the agent's small daily chances, `schedule::CANDIDATE` marking a
    /// candidate event day (0 = look afresh today).
    pub next: Vec<u32>,
}

impl InstAgents {
    /// Extends the fields to `n` agents (new agents start outside the system).
    pub fn grow(&mut self, n: usize) {
        if self.flags.len() >= n {
            return;
        }
        self.flags.resize(n, 0);
        self.mark.resize(n, 0);
        self.due.resize(n, u32::MAX);
        self.waited.resize(n, 0);
        self.to_hearing.resize(n, u16::MAX);
        self.port.resize(n, super::layout::NO);
        self.next.resize(n, 0);
    }

    pub fn len(&self) -> usize {
        self.flags.len()
    }

    pub fn is_empty(&self) -> bool {
        self.flags.is_empty()
    }

    /// Bytes of storage per agent: the fields' element sizes (`flags`, `waited`, `to_hearing`: u16;
    /// `mark`, `due`, `next`: u32; `port`: u8), which a test checks against every field.
    pub const BYTES_PER_AGENT: usize = 3 * size_of::<u16>() + 3 * size_of::<u32>() + size_of::<u8>();
}

/// Everything the institutions keep between days.
pub struct System {
    pub params: Params,
    pub layout: Layout,
    pub today: Today,
    pub agents: InstAgents,
    pub ids: QueueIds,
    pub queues: Vec<Queue>,
    /// The court calendars (the general one, MPP's docket and the detained docket).
    pub courts: Courts,
    /// Court hearings (people) today, as the running total rounds to whole people: the days add up to
    /// the total.
    pub heard_today: f64,
    pub counters: Vec<u64>,
    pub accepted: Vec<bool>,
    pub accepted_day: Vec<u32>,
    pub comar_backlog: f64,
    pub iom_spent: f64,
    /// Agents each port may still return under MPP today (refilled daily; see `mpp::refill`).
    pub mpp_credit: Vec<super::mpp::Credit>,
    /// The calendar month of each day, for the queues' cohorts (`cohorts`).
    pub months: Months,
    pub ppa: f64,
    pub seed: u64,
    /// Requests merged from the pass (reused buffer).
    pub requests: Vec<(u32, super::Request)>,
    /// Roads closed or opened today changed the ports some port's people can be sent on to: every
    /// waiting person looks at its chances afresh today (`roads_changed`).
    reach_changed: bool,
}

impl System {
    /// Bytes the institutions keep for each agent: its fields (`InstAgents`) and the place in a queue
    /// it holds while it waits. Beside `Agents::BYTES_PER_AGENT`, what a run with institutions needs
    /// at least per agent.
    pub const BYTES_PER_AGENT: usize = InstAgents::BYTES_PER_AGENT + Queue::ENTRY_BYTES;

    pub fn new(s: &Scenario, inst: &Institutions, layout: Layout, seed: u64) -> System {
        let ids = QueueIds { ports: inst.ports.len(), centres: inst.detention.len() };
        let mut queues: Vec<Queue> = (0..ids.len()).map(|_| Queue::default()).collect();
        // The names observed figures use (`[[observed]] queue`), in `QueueIds` order.
        for (q, name) in crate::scenario::load::queue_names(inst).into_iter().enumerate() {
            queues[q].name = name;
        }
        debug_assert_eq!(queues.len(), ids.len());
        let params = inst.params.clone();
        let ppa = f64::from(s.people_per_agent);
        let courts = Courts::new(params.value(Param::CourtBacklog, None, 0), &params);
        System {
            comar_backlog: params.value(Param::ComarBacklog, None, 0),
            params,
            layout,
            today: Today::default(),
            agents: InstAgents::default(),
            ids,
            queues,
            courts,
            heard_today: 0.0,
            counters: vec![0; Counter::COUNT],
            accepted: Vec::new(),
            accepted_day: Vec::new(),
            iom_spent: 0.0,
            mpp_credit: Vec::new(),
            months: Months::new(&s.period),
            ppa,
            seed,
            requests: Vec::new(),
            reach_changed: false,
        }
    }

    /// Roads closed or opened today (`net` as it is now): the ports each port's people may be sent on
    /// to are counted again (`Layout::set_port_km`), and where they changed, so did the chances of
    /// leaving a list for another port: `before_pass` marks the day's values changed.
    pub fn roads_changed(&mut self, net: &crate::network::Network) {
        self.reach_changed |= self.layout.set_port_km(net);
    }

    /// Prepares `day`: today's parameter values, hardship by place, caravans deciding on the programme.
    pub fn before_pass(&mut self, day: u32, groups: &mut [Group], occupancy: &[u32]) {
        self.today.update(&self.params, self.layout.port_count(), day);
        self.today.changed |= std::mem::take(&mut self.reach_changed);
        // IOM registers only while its budget pays for more returns than are registered. Closed, it
        // reopens only on a day some value changes (a budget raised by a policy): then every look day
        // is drawn afresh, which a chance that rises must have (`chances`).
        let payable = self.iom_payable(self.iom_cost());
        let open = payable.is_none_or(|n| n > self.queues[self.ids.iom()].waiting);
        self.today.iom_open = open && (self.today.iom_open || self.today.changed);
        let w = self.today.global[Param::IomHardship as usize];
        self.today.shelter.clone_from(&self.layout.shelter);
        for &p in &self.layout.shelter_dated {
            if let Some(people) = self.params.dated_value(Param::ShelterCapacity, Some(p), day) {
                self.today.shelter[p as usize] = people / self.ppa;
            }
        }
        // Only where an IOM booth is does hardship weigh a chance: elsewhere it stays 1, so that shelter
        // places there leave the run as it was (planner's review of session 35: a raised bound voided
        // every drawn look day at a place with no booth, and new shelter places changed the run).
        let layout = &self.layout;
        let booth = |p: usize| layout.has_office(p as u32, OfficeKind::Iom);
        self.today.hardship.clear();
        self.today.hardship.extend(self.today.shelter.iter().zip(occupancy).enumerate().map(|(p, (&cap, &occ))| {
            if cap > 0.0 && booth(p) {
                1.0 + w * (f64::from(occ) / cap - 1.0).max(0.0)
            } else {
                1.0
            }
        }));
        // Headroom over today's hardship when a bound is raised. Assumption: overcrowding grows by
        // steps, so a quarter's headroom makes raises (each a fresh look for everyone there) rare.
        const HEADROOM: f64 = 1.25;
        let today = &mut self.today;
        today.hardship_bound.resize(today.hardship.len(), 1.0);
        today.redraw.clear();
        for (&x, b) in today.hardship.iter().zip(&mut today.hardship_bound) {
            let raise = x > *b;
            if raise {
                *b = x * HEADROOM;
            }
            today.redraw.push(raise || today.changed);
        }
        let ports = self.layout.port_count();
        self.today.expected_months.clear();
        for k in 0..ports {
            let people = self.queues[self.ids.waitlist(k)].waiting as f64 * self.ppa;
            let months = if !self.today.metering[k] || people == 0.0 {
                0.0
            } else {
                people / self.today.capacity[k] / 30.0 // infinite with no capacity
            };
            self.today.expected_months.push(months);
        }
        for q in &mut self.queues {
            q.new_day();
        }
        self.accepted.resize(groups.len(), false);
        self.accepted_day.resize(groups.len(), u32::MAX);
        if self.today.global[Param::ProgrammeActive as usize] < 0.5 {
            return;
        }
        let p = self.today.global[Param::ProgrammeCaravanDaily as usize];
        for (g, grp) in groups.iter_mut().enumerate() {
            let here = grp.mover.place as usize;
            if !grp.active
                || !grp.is_caravan()
                || grp.mover.travelling()
                || !self.layout.in_mexico[here]
                || !self.layout.has_office(grp.mover.place, OfficeKind::Programme)
            {
                continue;
            }
            let mut rng = Stream::new(self.seed, Purpose::Institution, SUB_PROGRAMME, g as u32, day);
            if rng.chance(p) {
                grp.active = false;
                self.accepted[g] = true;
                self.accepted_day[g] = day;
                self.counters[Counter::ProgrammeCaravans as usize] += 1;
            }
        }
    }
}

/// `total` days with `days` more, as `InstAgents::waited` keeps them: in 16 bits, held at the most they
/// hold (179 years) rather than wrapping.
#[inline]
pub fn add_days(total: u16, days: u32) -> u16 {
    total.saturating_add(u16::try_from(days).unwrap_or(u16::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `InstAgents::BYTES_PER_AGENT` (what `corridor run` checks against free memory with institutions)
    /// is the sum of the fields' element sizes; a field added without it does not compile here.
    #[test]
    fn bytes_per_agent_is_the_sum_of_the_fields() {
        fn size<T>(_: &Vec<T>) -> usize {
            size_of::<T>()
        }
        let InstAgents { flags, mark, due, waited, to_hearing, port, next } = InstAgents::default();
        let total =
            size(&flags) + size(&mark) + size(&due) + size(&waited) + size(&to_hearing) + size(&port) + size(&next);
        assert_eq!(total, InstAgents::BYTES_PER_AGENT);
    }
}

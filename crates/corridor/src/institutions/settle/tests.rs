//! The sequential phase on a desk of a few agents: the pass's requests are handed to `settle` by hand,
//! as the pass would make them, and each service's rule is checked agent by agent.

use super::World;
use crate::institutions::{iflags, Counter, Layout, Request, System, Tally};
use crate::network::Network;
use crate::policy::Param;
use crate::population::{Agents, Attributes, Status, NONE};
use crate::scenario::institutions::{DetentionCentre, Institutions, Port};
use crate::scenario::{PlaceId, PlaceKind, Scenario};

const HOME: u32 = 0;
const BORDER: u32 = 1;
const US: u32 = 2;

/// Home — Border — US, 50 km apart, with a port P between Border and US, each agent standing for
/// `ppa` people, and the institutions' parameters as `set` leaves them.
fn world(ppa: u32, set: impl FnOnce(&mut Institutions)) -> Scenario {
    let mut s = crate::worlds::line_world(&["Home", "Border", "US"], 50.0, 1);
    s.people_per_agent = ppa;
    s.places[1].kind = PlaceKind::BorderCity;
    s.places[2].kind = PlaceKind::Destination;
    let mut inst = Institutions::empty();
    inst.ports.push(Port::between("P", PlaceId(BORDER), PlaceId(US)));
    set(&mut inst);
    s.institutions = Some(inst);
    s
}

/// The institutions, the engine's agents and their counts, with no agent pass: the test plays it.
struct Desk {
    sys: System,
    agents: Agents,
    counts: Vec<u64>,
    entries: [u64; Status::COUNT],
}

impl Desk {
    fn new(s: &Scenario) -> Desk {
        let inst = s.institutions.as_ref().expect("institutions");
        let net = Network::new(s);
        let layout = Layout::new(s, inst, &net, |_| NONE);
        Desk {
            sys: System::new(s, inst, layout, s.seed),
            agents: Agents::default(),
            counts: vec![0; s.places.len() * Status::COUNT],
            entries: [0; Status::COUNT],
        }
    }

    /// `n` agents at Border, from Home, at a place; returns their ids.
    fn add(&mut self, n: usize) -> Vec<usize> {
        (0..n)
            .map(|_| {
                let i = self.agents.push(BORDER, Status::AtPlace, 0, NONE, NONE, Attributes::default()).0 as usize;
                self.agents.origin[i] = HOME;
                self.counts[Status::AtPlace.cell_at(BORDER)] += 1;
                self.sys.agents.grow(self.agents.len());
                i
            })
            .collect()
    }

    /// Agent `i` takes `status` where it is, as the pass would (counts kept exact).
    fn set_status(&mut self, i: usize, status: Status) {
        let place = self.agents.place[i];
        self.counts[self.agents.status[i].cell_at(place)] -= 1;
        self.counts[status.cell_at(place)] += 1;
        self.agents.status[i] = status;
    }

    /// Agent `i` puts its name on port P's list on `day`, as `metering::arrive` does.
    fn join_list(&mut self, i: usize, day: u32) -> (u32, Request) {
        self.set_status(i, Status::Waitlisted);
        self.sys.agents.mark[i] = day;
        self.sys.agents.port[i] = 0;
        (i as u32, Request::Join(0))
    }

    /// Agent `i` registers with IOM on `day`, as `voluntary_return` does.
    fn register_iom(&mut self, i: usize, day: u32) -> (u32, Request) {
        self.sys.agents.flags[i] |= iflags::HOLD_IOM;
        self.sys.agents.mark[i] = day;
        (i as u32, Request::Iom)
    }

    /// Runs `day`'s preparation and sequential phase over `requests`, in the pass's order.
    fn settle(&mut self, day: u32, requests: &[(u32, Request)]) {
        let occupancy = vec![0; self.counts.len() / Status::COUNT];
        self.sys.before_pass(day, &mut [], &occupancy);
        let mut tally = Tally::default();
        tally.reset(self.sys.ids.len());
        tally.requests.extend_from_slice(requests);
        let mut w = World { agents: &mut self.agents, counts: &mut self.counts, entries: &mut self.entries, day };
        self.sys.settle(&mut w, std::iter::once(&tally));
        let mut recount = vec![0; self.counts.len()];
        for (status, &place) in self.agents.status.iter().zip(&self.agents.place) {
            recount[status.cell_at(place)] += 1;
        }
        assert_eq!(self.counts, recount, "counts differ from the agents after day {day}");
    }

    fn counter(&self, c: Counter) -> u64 {
        self.sys.counters[c as usize]
    }

    /// The agents in screening at the port.
    fn screened(&self) -> Vec<usize> {
        (0..self.agents.len()).filter(|&i| self.agents.status[i] == Status::InScreening).collect()
    }
}

/// A list called one a day serves who joined first, not the lowest ids: two who joined on day 0 go
/// before two with lower ids who joined on day 1; one who left the list before its turn is passed
/// over without using the day's call.
#[test]
fn a_ports_list_calls_who_joined_first_up_to_its_daily_capacity_passing_over_those_who_left() {
    let s = world(1, |inst| {
        inst.params.set(Param::MeteringActive, 1.0);
        inst.params.set(Param::MeteringCapacity, 1.0);
    });
    let mut desk = Desk::new(&s);
    desk.add(4);
    let q = desk.sys.ids.waitlist(0);
    let day0 = [desk.join_list(2, 0), desk.join_list(3, 0)];
    desk.settle(0, &day0);
    assert_eq!(desk.screened(), [2], "day 0: the first to join, and only one");
    assert_eq!(desk.agents.place[2], US, "called to the port's US side");
    let day1 = [desk.join_list(0, 1), desk.join_list(1, 1)];
    desk.settle(1, &day1);
    assert_eq!(desk.screened(), [2, 3], "day 1: agent 3 joined on day 0, before agents 0 and 1");
    assert_eq!(desk.sys.agents.waited[3], 1, "agent 3 waited one day");
    // Agent 0 gives up its number before day 2 (as the pass does: out of the list, counted as left).
    desk.set_status(0, Status::AtPlace);
    desk.sys.queues[q].note_left(1);
    desk.settle(2, &[]);
    assert_eq!(desk.screened(), [1, 2, 3], "day 2: agent 0 left, so agent 1 is called");
    assert_eq!(desk.agents.status[0], Status::AtPlace);
    assert_eq!(desk.sys.queues[q].waiting, 0);
    assert_eq!(desk.counter(Counter::Called), 3);
}

/// IOM's budget pays for so many returns at its cost per person (here 100 × 10 people an agent =
/// 1,000 an agent, so 2,500 pays for 2): the first two registered go home, and the rest lapse and
/// stay where they are, no longer waiting for a return.
#[test]
fn iom_returns_only_what_its_budget_pays_for_per_person_and_the_rest_lapse() {
    let s = world(10, |inst| {
        inst.params.set(Param::IomActive, 1.0);
        inst.params.set(Param::IomCost, 100.0);
        inst.params.set(Param::IomBudget, 2500.0);
        inst.params.set(Param::IomCapacity, 1000.0);
    });
    let mut desk = Desk::new(&s);
    desk.add(4);
    let requests: Vec<_> = (0..4).map(|i| desk.register_iom(i, 0)).collect();
    desk.settle(0, &requests);
    let status: Vec<_> = (0..4).map(|i| (desk.agents.status[i], desk.agents.place[i])).collect();
    assert_eq!(
        status,
        [
            (Status::ReturnedHome, HOME),
            (Status::ReturnedHome, HOME),
            (Status::AtPlace, BORDER),
            (Status::AtPlace, BORDER)
        ]
    );
    assert_eq!(desk.sys.iom_spent, 2000.0);
    assert_eq!((desk.counter(Counter::IomReturned), desk.counter(Counter::IomUnfunded)), (2, 2));
    assert!((0..4).all(|i| desk.sys.agents.flags[i] & iflags::HOLD_IOM == 0), "someone still waits");
    assert_eq!(desk.sys.queues[desk.sys.ids.iom()].waiting, 0);
    assert_eq!(desk.sys.iom_payable(desk.sys.iom_cost()), Some(0), "500 left pays for no agent");
}

/// Returns that cost nothing are bounded by IOM's daily capacity alone (10 people a day = one agent
/// of 10): one goes home each day in the order they registered, and nobody lapses.
#[test]
fn free_iom_returns_go_at_the_daily_capacity_in_order_and_nobody_lapses() {
    let s = world(10, |inst| {
        inst.params.set(Param::IomActive, 1.0);
        inst.params.set(Param::IomCost, 0.0);
        inst.params.set(Param::IomCapacity, 10.0);
    });
    let mut desk = Desk::new(&s);
    desk.add(3);
    let requests = [desk.register_iom(2, 0), desk.register_iom(0, 0), desk.register_iom(1, 0)];
    let home = |desk: &Desk| (0..3).filter(|&i| desk.agents.status[i] == Status::ReturnedHome).collect::<Vec<_>>();
    desk.settle(0, &requests);
    assert_eq!(home(&desk), [2], "the first to register");
    assert_eq!(desk.sys.agents.flags[0] & iflags::HOLD_IOM, iflags::HOLD_IOM, "the others still wait");
    desk.settle(1, &[]);
    assert_eq!(home(&desk), [0, 2]);
    desk.settle(2, &[]);
    assert_eq!(home(&desk), [0, 1, 2]);
    assert_eq!(desk.counter(Counter::IomUnfunded), 0);
}

/// A detention centre for 20 people holds 2 agents of 10: of three apprehended, the first two in the
/// pass's order are detained there until the processing days are over, and the third is let go
/// where it stands (counted as released for lack of room).
#[test]
fn a_full_detention_centre_turns_away_those_apprehended_after_its_capacity() {
    let s = world(10, |inst| {
        inst.detention.push(DetentionCentre {
            name: "EM".into(),
            place: PlaceId(BORDER),
            capacity: 20,
            source: String::new(),
        });
        inst.params.set(Param::DetentionDays, 10.0);
    });
    let mut desk = Desk::new(&s);
    desk.add(3);
    let at = |i: u32| (i, Request::Apprehended { centre: 0, at: BORDER });
    desk.settle(3, &[at(1), at(0), at(2)]);
    let status: Vec<_> = desk.agents.status.clone();
    assert_eq!(status, [Status::Detained, Status::Detained, Status::AtPlace]);
    assert_eq!((desk.sys.agents.due[0], desk.sys.agents.due[1]), (13, 13), "out after 10 days");
    assert_eq!(desk.sys.queues[desk.sys.ids.centre(0)].waiting, 2);
    assert_eq!((desk.counter(Counter::Detained), desk.counter(Counter::ReleasedFull)), (2, 1));
}

/// Code review of session 32: one let go for lack of room stayed where the day's travel had taken it,
/// past the checkpoint, while arrivals.csv had its arrival at the checkpoint. It is let go there, free
/// to move on; one caught where it stands stays put.
#[test]
fn one_let_go_for_lack_of_room_is_let_go_at_the_checkpoint() {
    let s = world(10, |inst| {
        inst.detention.push(DetentionCentre {
            name: "EM".into(),
            place: PlaceId(BORDER),
            capacity: 0,
            source: String::new(),
        });
    });
    let mut desk = Desk::new(&s);
    desk.add(2);
    // Agent 0 went on past a checkpoint at Home (place 0) to the border; agent 1 was caught at the border.
    desk.set_status(0, Status::Travelling);
    desk.settle(
        3,
        &[(0, Request::Apprehended { centre: 0, at: 0 }), (1, Request::Apprehended { centre: 0, at: BORDER })],
    );
    assert_eq!((desk.agents.place[0], desk.agents.status[0]), (0, Status::AtPlace));
    assert_eq!((desk.agents.place[1], desk.agents.status[1]), (BORDER, Status::AtPlace));
    assert_eq!(desk.counter(Counter::ReleasedFull), 2);
}

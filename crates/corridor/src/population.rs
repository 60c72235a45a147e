//! Agents and groups in struct-of-arrays storage with `u32` ids; every agent has exactly one status.
//! Hot fields (where, route, status) are dense vectors; demographic attributes sit apart.

use crate::scenario::Ground;

/// Marks "none" in `u32` id fields (no link, no route, no group, no goal).
pub const NONE: u32 = u32::MAX;

/// The most agents a run can hold: their ids are `u32`s below `NONE`. Loaders refuse a scenario that
/// would create more (`engine::spawn::planned_agents`).
pub const MAX_AGENTS: u64 = NONE as u64;

/// A `wake` day meaning "never, unless something changes" (the agent is at its goal, or its place's
/// move chance is 0).
pub const NEVER: u32 = u32::MAX - 1;

/// Index of an agent in `Agents`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AgentId(pub u32);

/// The states of the journey and of the asylum system. Every agent is in exactly one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Status {
    /// Created at the origin, has not left it yet.
    AtOrigin = 0,
    /// On a road between two places.
    Travelling,
    /// At a place on the way (a town, shelter, camp or border city), free to move on.
    AtPlace,
    /// Held in a Mexican detention centre.
    Detained,
    /// Deported to the country of origin.
    Deported,
    /// On a port of entry's waitlist ("number ledger").
    Waitlisted,
    /// In credible-fear screening (held by US authorities).
    InScreening,
    /// Released in the US to await a court hearing.
    ReleasedInUs,
    /// Returned to Mexico under MPP to await a hearing.
    MppInMexico,
    /// Asylum seeker (or refugee) in Mexico, in COMAR's system or the 2018 programme.
    AsylumInMexico,
    /// Holding a Mexican humanitarian visa.
    HumanitarianVisa,
    /// Entered the US between ports of entry without being caught.
    CrossedBetweenPorts,
    /// Granted asylum (or other protection) in the US.
    Granted,
    /// Denied and ordered removed by an immigration court.
    Denied,
    /// Ordered removed in absentia after missing a hearing.
    InAbsentia,
    /// Went home, by IOM assisted return or on their own.
    ReturnedHome,
    /// Dead or missing on the way.
    DeadOrMissing,
}

impl Status {
    pub const COUNT: usize = 17;

    /// The cell of (`place`, this status) in a table of `Status::COUNT` cells to a place (the day's
    /// counts: `place * Status::COUNT + status`).
    #[inline(always)]
    pub fn cell_at(self, place: u32) -> usize {
        place as usize * Self::COUNT + self as usize
    }

    pub const ALL: [Status; Status::COUNT] = [
        Status::AtOrigin,
        Status::Travelling,
        Status::AtPlace,
        Status::Detained,
        Status::Deported,
        Status::Waitlisted,
        Status::InScreening,
        Status::ReleasedInUs,
        Status::MppInMexico,
        Status::AsylumInMexico,
        Status::HumanitarianVisa,
        Status::CrossedBetweenPorts,
        Status::Granted,
        Status::Denied,
        Status::InAbsentia,
        Status::ReturnedHome,
        Status::DeadOrMissing,
    ];

    /// The name used in output files.
    pub fn name(self) -> &'static str {
        match self {
            Status::AtOrigin => "at_origin",
            Status::Travelling => "travelling",
            Status::AtPlace => "at_place",
            Status::Detained => "detained",
            Status::Deported => "deported",
            Status::Waitlisted => "waitlisted",
            Status::InScreening => "in_screening",
            Status::ReleasedInUs => "released_in_us",
            Status::MppInMexico => "mpp_in_mexico",
            Status::AsylumInMexico => "asylum_in_mexico",
            Status::HumanitarianVisa => "humanitarian_visa",
            Status::CrossedBetweenPorts => "crossed_between_ports",
            Status::Granted => "granted",
            Status::Denied => "denied",
            Status::InAbsentia => "in_absentia",
            Status::ReturnedHome => "returned_home",
            Status::DeadOrMissing => "dead_or_missing",
        }
    }

    /// What the status means, as docs/outputs.md's table of statuses says it (a test holds the two
    /// together); `code` in backquotes.
    pub fn meaning(self) -> &'static str {
        match self {
            Status::AtOrigin => "created at its origin, has not left yet",
            Status::Travelling => "on a road",
            Status::AtPlace => "at a town, shelter, camp or border city, free to move on",
            Status::Detained => "held in a Mexican detention centre (or in US detention awaiting a hearing on the detained docket, or parole)",
            Status::Deported => "deported to the country of origin: by Mexico, or removed by the US (after failed screening, after a denial in US detention, or caught crossing under an in absentia order)",
            Status::Waitlisted => r#"on a port of entry's waitlist ("number ledger")"#,
            Status::InScreening => "in credible-fear screening",
            Status::ReleasedInUs => "released in the US to await a court hearing",
            Status::MppInMexico => "returned to Mexico under MPP to await a hearing",
            Status::AsylumInMexico => "asylum seeker or refugee in Mexico (COMAR, the 2018 programme)",
            Status::HumanitarianVisa => "holding a Mexican humanitarian visa (may travel)",
            Status::CrossedBetweenPorts => "entered the US between ports without being caught",
            Status::Granted => "granted asylum in the US",
            Status::Denied => "denied and ordered removed at a hearing outside US detention (MPP's or the general calendar's; placed at the port's US side: that removal is not simulated). Denied in US detention: `deported`",
            Status::InAbsentia => "ordered removed after missing a hearing: an MPP case stays in the Mexican border city until it leaves it (`mpp.ordered_leave_daily`: home, across the border, or to settle in Mexico) or returns with IOM; a released one stays in the US",
            Status::ReturnedHome => "went home (IOM assisted return or on their own)",
            Status::DeadOrMissing => "dead or missing on the way",
        }
    }

    pub fn parse(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.name() == name)
    }

    pub fn names() -> Vec<&'static str> {
        Status::ALL.iter().map(|s| s.name()).collect()
    }

    /// Statuses in which the movement rules move the agent.
    #[inline]
    pub fn is_mobile(self) -> bool {
        matches!(self, Status::AtOrigin | Status::Travelling | Status::AtPlace)
    }

    /// Whether this status ends a journey: no one leaves it (deported, crossed between ports, granted or
    /// denied by a court, returned home, dead or missing). Not an in absentia order: people ordered
    /// removed at an MPP hearing may leave the Mexican border city. One bit per status: a shift and a
    /// mask (outcomes.csv asks it of every agent) rather than a chain of compares.
    #[inline]
    pub fn ends_journey(self) -> bool {
        const ENDS: u32 = 1 << Status::Deported as u32
            | 1 << Status::CrossedBetweenPorts as u32
            | 1 << Status::Granted as u32
            | 1 << Status::Denied as u32
            | 1 << Status::ReturnedHome as u32
            | 1 << Status::DeadOrMissing as u32;
        ENDS >> self as u32 & 1 != 0
    }

    /// Whether people in this status take up room at their place (its shelter places, a camp's
    /// capacity, the crowding that sends people to IOM): all but those on a road, held in a detention
    /// centre, deported or gone home, and the dead and missing (code review of session 32: they
    /// counted toward the crowding of the places they were last at).
    #[inline]
    pub fn occupies_place(self) -> bool {
        !matches!(
            self,
            Status::Travelling | Status::Detained | Status::Deported | Status::ReturnedHome | Status::DeadOrMissing
        )
    }

    /// Whether people in this status follow the movement rules: the mobile ones, and humanitarian-visa
    /// holders, who travel under their visa's protection and keep their status (issue 3, point 3).
    #[inline]
    pub fn moves(self) -> bool {
        self.is_mobile() || self == Status::HumanitarianVisa
    }
}

/// Packed demographic attributes (cold data): sex, child, unaccompanied, vulnerable, family, ground.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Attributes(pub u16);

impl Attributes {
    const FEMALE: u16 = 1;
    const CHILD: u16 = 2;
    const UNACCOMPANIED: u16 = 4;
    const VULNERABLE: u16 = 8;
    const FAMILY: u16 = 16;
    const GROUND_SHIFT: u16 = 5;

    pub fn new(female: bool, child: bool, unaccompanied: bool, vulnerable: bool, family: bool, ground: Ground) -> Self {
        let mut v = (ground as u16) << Self::GROUND_SHIFT;
        for (flag, bit) in [
            (female, Self::FEMALE),
            (child, Self::CHILD),
            (unaccompanied, Self::UNACCOMPANIED),
            (vulnerable, Self::VULNERABLE),
            (family, Self::FAMILY),
        ] {
            if flag {
                v |= bit;
            }
        }
        Attributes(v)
    }
    pub fn female(self) -> bool {
        self.0 & Self::FEMALE != 0
    }
    pub fn child(self) -> bool {
        self.0 & Self::CHILD != 0
    }
    pub fn unaccompanied(self) -> bool {
        self.0 & Self::UNACCOMPANIED != 0
    }
    /// Vulnerable in MPP's sense (seeds/001): children, unaccompanied minors, pregnant women, the ill.
    pub fn vulnerable(self) -> bool {
        self.0 & (Self::VULNERABLE | Self::CHILD | Self::UNACCOMPANIED) != 0
    }
    pub fn in_family(self) -> bool {
        self.0 & Self::FAMILY != 0
    }
    pub fn ground(self) -> Ground {
        Ground::from_index(((self.0 >> Self::GROUND_SHIFT) & 7) as u8)
    }
}

/// Hot per-agent flags.
pub mod flags {
    /// The road the agent is on was closed while it was on it: it goes back at the end (FLEE).
    pub const BOUNCE: u8 = 1;
    /// The agent has completed at least one road (FLEE's `places_travelled > 1`).
    pub const HAS_TRAVELLED: u8 = 2;
    /// A group member travelling on its own (a straggler); it may rejoin its group.
    pub const DETACHED: u8 = 4;
    /// Created in a caravan: counted among its members for good (`engine::members`).
    pub const CARAVAN_MEMBER: u8 = 8;
    /// Set out having decided whether to cross between ports on reaching a border city (an inflow's
    /// `cross_on_arrival`): `CROSSES_ON_ARRIVAL` says which; without it `crossing.on_arrival` decides
    /// there.
    pub const ARRIVAL_DECIDED: u8 = 16;
    /// With `ARRIVAL_DECIDED`: crosses between ports on arrival rather than ask at the port.
    pub const CROSSES_ON_ARRIVAL: u8 = 32;
}

/// All agents, as parallel vectors indexed by `AgentId`.
#[derive(Clone, Debug, Default)]
pub struct Agents {
    /// Current place; while travelling, the place the road started from.
    pub place: Vec<u32>,
    /// Directed link being travelled, or `NONE`.
    pub link: Vec<u32>,
    /// Km travelled on `link`.
    pub progress: Vec<f32>,
    /// Chosen route (index into the network's route table), or `NONE`.
    pub route: Vec<u32>,
    /// Next hop within `route` (u16: a route through more than 255 markers wrapped round to its
    /// first road as a u8, and its movers went round for good, robustness review of session 34).
    pub hop: Vec<u16>,
    pub status: Vec<Status>,
    /// Day the current status began.
    pub since: Vec<u32>,
    pub group: Vec<u32>,
    /// Place the agent is heading for, or `NONE`.
    pub goal: Vec<u32>,
    pub flags: Vec<u8>,
    /// Day the agent will next decide to leave its place (drawn once from the place's daily move
    /// chance: a geometric wait), or `NONE` when not drawn yet. Reset by `reset_wake` whenever the
    /// agent's place, status or the place's move chance changes.
    pub wake: Vec<u32>,
    pub attrs: Vec<Attributes>,
    pub origin: Vec<u32>,
    /// Day the agent was created.
    pub born: Vec<u32>,
}

/// Calls `f(&mut field, args…)` on each of an `Agents`' field vectors (`f` generic over the element
/// type): the one list of the fields for what is done to every vector alike.
macro_rules! for_each_field {
    ($agents:expr, $f:path $(, $arg:expr)*) => {{
        // Every field named (no `..`): a field added to `Agents` is not forgotten here.
        let Agents { place, link, progress, route, hop, status, since, group, goal, flags, wake, attrs, origin, born } =
            $agents;
        $f(place $(, $arg)*);
        $f(link $(, $arg)*);
        $f(progress $(, $arg)*);
        $f(route $(, $arg)*);
        $f(hop $(, $arg)*);
        $f(status $(, $arg)*);
        $f(since $(, $arg)*);
        $f(group $(, $arg)*);
        $f(goal $(, $arg)*);
        $f(flags $(, $arg)*);
        $f(wake $(, $arg)*);
        $f(attrs $(, $arg)*);
        $f(origin $(, $arg)*);
        $f(born $(, $arg)*);
    }};
}

/// Room for `n` elements reserved for a whole run (and, where the kernel allows, huge pages for it).
fn reserve_for_run<T>(v: &mut Vec<T>, n: usize) {
    v.reserve_exact(n);
    crate::pages::allow_huge_pages(v);
}

impl Agents {
    /// Room for `n` agents, reserved once (and, where the kernel allows, backed by huge pages: see
    /// `pages`).
    pub fn with_capacity(n: usize) -> Self {
        let mut agents = Agents::default();
        for_each_field!(&mut agents, reserve_for_run, n);
        agents
    }

    /// Reserves room for `n` more agents and faults in its memory ahead of filling it (see `pages`).
    fn reserve(&mut self, n: usize) {
        for_each_field!(self, crate::pages::reserve, n);
    }

    pub fn len(&self) -> usize {
        self.status.len()
    }

    pub fn is_empty(&self) -> bool {
        self.status.is_empty()
    }

    /// Adds an agent at `place` on `day`; returns its id.
    pub fn push(&mut self, place: u32, status: Status, day: u32, group: u32, goal: u32, attrs: Attributes) -> AgentId {
        let id = AgentId(self.status.len() as u32);
        self.place.push(place);
        self.link.push(NONE);
        self.progress.push(0.0);
        self.route.push(NONE);
        self.hop.push(0);
        self.status.push(status);
        self.since.push(day);
        self.group.push(group);
        self.goal.push(goal);
        self.flags.push(0);
        self.wake.push(NONE);
        self.attrs.push(attrs);
        self.origin.push(place);
        self.born.push(day);
        id
    }

    /// Adds one agent at each of `places` on `day` (ids in order), all alike but for place and
    /// attributes.
    pub fn push_many(&mut self, places: &[u32], status: Status, day: u32, group: u32, goal: u32, attrs: &[Attributes]) {
        debug_assert_eq!(places.len(), attrs.len());
        self.push_many_with(places.len(), status, day, group, goal, |k| (places[k], attrs[k]));
    }

    /// Adds `n` agents on `day` (ids in order), all alike but for place and attributes, which
    /// `each(k)` gives for the k-th (called in order): one bulk extension per field instead of a
    /// push per field and agent, and no buffers.
    pub fn push_many_with(
        &mut self,
        n: usize,
        status: Status,
        day: u32,
        group: u32,
        goal: u32,
        mut each: impl FnMut(usize) -> (u32, Attributes),
    ) {
        let start = self.place.len();
        self.reserve(n);
        for k in 0..n {
            let (place, attrs) = each(k);
            self.place.push(place);
            self.attrs.push(attrs);
        }
        let fill = |v: &mut Vec<u32>, x: u32| v.extend(std::iter::repeat_n(x, n));
        self.origin.extend_from_slice(&self.place[start..]);
        fill(&mut self.link, NONE);
        self.progress.extend(std::iter::repeat_n(0.0, n));
        fill(&mut self.route, NONE);
        self.hop.extend(std::iter::repeat_n(0, n));
        self.status.extend(std::iter::repeat_n(status, n));
        fill(&mut self.since, day);
        fill(&mut self.group, group);
        fill(&mut self.goal, goal);
        self.flags.extend(std::iter::repeat_n(0, n));
        fill(&mut self.wake, NONE);
        fill(&mut self.born, day);
    }

    /// Bytes of storage per agent (the sum of the field sizes).
    pub const BYTES_PER_AGENT: usize = 4 + 4 + 4 + 4 + 2 + 1 + 4 + 4 + 4 + 1 + 4 + 2 + 4 + 4;

    /// Forgets agent `i`'s drawn departure day (call after changing its place or status outside
    /// the movement rules, so it decides afresh at its new place).
    #[inline]
    pub fn reset_wake(&mut self, i: usize) {
        self.wake[i] = NONE;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_room<T>(v: &mut Vec<T>, n: usize) {
        assert!(v.capacity() >= n, "capacity {} < {n}", v.capacity());
    }

    fn add_element_size<T>(_: &mut Vec<T>, total: &mut usize) {
        *total += std::mem::size_of::<T>();
    }

    /// `BYTES_PER_AGENT` (what `corridor run` checks against free memory, and `bench` reports) is the
    /// sum of the fields' element sizes.
    #[test]
    fn bytes_per_agent_is_the_sum_of_the_fields() {
        let mut total = 0;
        for_each_field!(&mut Agents::default(), add_element_size, &mut total);
        assert_eq!(total, Agents::BYTES_PER_AGENT);
    }

    /// Every field is reserved for the run (the field list names every field, or it does not
    /// compile), and agents added in bulk past it fill every field.
    #[test]
    fn every_field_gets_its_room() {
        let mut agents = Agents::with_capacity(70_000);
        for_each_field!(&mut agents, assert_room, 70_000);
        let places = vec![3; 100_000];
        let attrs = vec![Attributes::default(); 100_000];
        agents.push_many(&places, Status::AtOrigin, 2, NONE, NONE, &attrs);
        assert_eq!((agents.len(), agents.origin[99_999], agents.born[0], agents.wake[5]), (100_000, 3, 2, NONE));
    }

    #[test]
    fn status_names_round_trip_and_are_unique() {
        let names = Status::names();
        assert_eq!(names.len(), Status::COUNT);
        for s in Status::ALL {
            assert_eq!(Status::parse(s.name()), Some(s));
        }
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), Status::COUNT);
        for (i, s) in Status::ALL.iter().enumerate() {
            assert_eq!(*s as usize, i);
        }
    }

    #[test]
    fn attributes_pack_and_unpack() {
        let a = Attributes::new(true, false, false, true, true, Ground::PoliticalOpinion);
        assert!(a.female() && !a.child() && a.vulnerable() && a.in_family());
        assert_eq!(a.ground(), Ground::PoliticalOpinion);
        let child = Attributes::new(false, true, true, false, false, Ground::Poverty);
        assert!(child.vulnerable() && child.unaccompanied());
        assert_eq!(child.ground(), Ground::Poverty);
    }
}

//! The validated scenario: plain data, built from files by `load` or directly in code.
//! Every name is resolved to an id and every number checked, so the engine never meets bad input.

use super::MovementSettings;
use crate::time::Period;
use serde::{Deserialize, Serialize};

mod caravans;
mod observed;
mod shelters;
pub use caravans::{Caravan, Join, Pause, PauseEnd, Split};
pub use observed::{Metric, Observed, ObservedRole};

/// Index of a place in `Scenario::places`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PlaceId(pub u32);

impl PlaceId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What a place is, which sets its movement rules. FLEE's location types plus the corridor's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// FLEE: a place people flee from (move chance `conflict_movechance`).
    ConflictZone,
    /// FLEE: an ordinary place on the way (`default_movechance`).
    Town,
    /// FLEE: a refugee camp, a destination with a capacity (`camp_movechance`).
    Camp,
    /// FLEE: a camp for internally displaced people (`idpcamp_movechance`).
    IdpCamp,
    /// FLEE: a place people only pass through (move chance 1).
    ForwardingHub,
    /// FLEE: a waypoint that bends a route; not a destination and not a hop.
    Marker,
    /// FLEE (DFlee): a flood zone (`default_movechance` here; flood rules are not implemented).
    FloodZone,
    /// Corridor: a departure city (`origin_movechance`).
    Origin,
    /// Corridor: a Mexican city facing a US port of entry, where people wait.
    BorderCity,
    /// Corridor: the US interior beyond the ports, reached only through institutions.
    Destination,
}

impl PlaceKind {
    pub fn parse(s: &str) -> Option<PlaceKind> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "conflict_zone" | "conflict" => PlaceKind::ConflictZone,
            "town" | "default" => PlaceKind::Town,
            "camp" => PlaceKind::Camp,
            "idpcamp" | "idp_camp" => PlaceKind::IdpCamp,
            "forwarding_hub" => PlaceKind::ForwardingHub,
            "marker" => PlaceKind::Marker,
            "flood_zone" => PlaceKind::FloodZone,
            "origin" => PlaceKind::Origin,
            "border_city" => PlaceKind::BorderCity,
            "destination" => PlaceKind::Destination,
            _ => return None,
        })
    }

    /// A location type as FLEE reads it (`flee.Location`): by the words it contains, in FLEE's order
    /// (`camp`, with `idp` for an IDP camp; `conflict`; `forward`; `marker`; `flood_zone`; `default` or
    /// `town`), so that `IDP camp`, `Conflict Zone`, `transit_camp` or `forward` are read as FLEE reads
    /// them; corridor's own kinds (`origin`, `border_city`, `destination`) by name.
    pub fn parse_flee(s: &str) -> Option<PlaceKind> {
        let t = s.trim().to_ascii_lowercase();
        Some(if t.contains("camp") {
            if t.contains("idp") {
                PlaceKind::IdpCamp
            } else {
                PlaceKind::Camp
            }
        } else if t.contains("conflict") {
            PlaceKind::ConflictZone
        } else if t.contains("forward") {
            PlaceKind::ForwardingHub
        } else if t.contains("marker") {
            PlaceKind::Marker
        } else if t.contains("flood_zone") {
            PlaceKind::FloodZone
        } else if t.contains("default") || t.contains("town") {
            PlaceKind::Town
        } else {
            return PlaceKind::parse(&t);
        })
    }

    /// The kind as locations.csv writes it (what `parse` reads).
    pub fn name(self) -> &'static str {
        match self {
            PlaceKind::ConflictZone => "conflict_zone",
            PlaceKind::Town => "town",
            PlaceKind::Camp => "camp",
            PlaceKind::IdpCamp => "idpcamp",
            PlaceKind::ForwardingHub => "forwarding_hub",
            PlaceKind::Marker => "marker",
            PlaceKind::FloodZone => "flood_zone",
            PlaceKind::Origin => "origin",
            PlaceKind::BorderCity => "border_city",
            PlaceKind::Destination => "destination",
        }
    }

    pub const NAMES: &'static str =
        "conflict_zone, town, camp, idpcamp, forwarding_hub, marker, flood_zone, origin, border_city, destination";

    pub fn is_camp(self) -> bool {
        matches!(self, PlaceKind::Camp | PlaceKind::IdpCamp)
    }
}

/// A place of the network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    pub region: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub kind: PlaceKind,
    /// FLEE: the day a conflict zone's conflict began (None for other places).
    pub conflict_date: Option<i64>,
    /// Residents (towns, conflict zones) or, for camps, the camp's capacity (FLEE's convention).
    pub population: u64,
    /// Migrant shelter places (corridor), for planners' reports; None when unknown.
    pub shelter_capacity: Option<u64>,
    /// FLEE: in another country than the first place of the table.
    pub foreign: bool,
}

impl Place {
    /// The capacity used by FLEE's capacity factor: a camp's population column; otherwise none.
    pub fn capacity(&self) -> Option<u64> {
        self.kind.is_camp().then_some(self.population)
    }
}

/// An undirected road between two places.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Route {
    pub a: PlaceId,
    pub b: PlaceId,
    pub distance_km: f64,
    /// FLEE's column (0, 1 or 2), unused in movement as in FLEE; with `forced_redirection = "flee"` a
    /// value of 1 adds the road twice, as FLEE's reader does (docs/flee-compat.md (e)).
    pub forced_redirection: i64,
    /// Overrides `max_move_speed` on this road (FLEE's link attribute).
    pub max_move_speed: Option<f64>,
    /// Chance per day of walking (at `max_walk_speed`) on this road (FLEE 3 link attribute).
    pub walk_probability: Option<f64>,
}

impl Route {
    /// Whether the road joins `a` and `b` (either way round).
    pub fn joins(&self, a: PlaceId, b: PlaceId) -> bool {
        (self.a, self.b) == (a, b) || (self.a, self.b) == (b, a)
    }

    /// `A–B`, its places' names in `places`, for messages.
    pub fn names(&self, places: &[Place]) -> String {
        let name = |p: PlaceId| places.get(p.index()).map_or("?", |p| p.name.as_str());
        format!("{}–{}", name(self.a), name(self.b))
    }
}

/// What a closure closes (FLEE's closure types).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ClosureTarget {
    /// Every road between places of the two countries, both ways.
    Border { country_a: String, country_b: String },
    /// Every road in and out of a place.
    Place(PlaceId),
    /// The roads between two places, both ways.
    Link(PlaceId, PlaceId),
    /// A camp stops being a camp (becomes a town) while closed.
    Camp(PlaceId),
    /// An IDP camp stops being a camp while closed.
    IdpCamp(PlaceId),
    /// FLEE's `remove_forced_redirection`: clears the `forced_redirection` flag of the roads from the
    /// first place to the second while "closed". FLEE's movement rules never read that flag, so it
    /// changes nothing, here as in FLEE (docs/flee-compat.md (e)); it is kept so the scenario holds what
    /// the file says (the loader warns at its row).
    ForcedRedirection(PlaceId, PlaceId),
}

impl ClosureTarget {
    /// What it closes, in words naming its places (`the road Tapachula–Huixtla`).
    pub fn describe(&self, s: &Scenario) -> String {
        let name = |p: &PlaceId| s.place(*p).name.as_str();
        match self {
            ClosureTarget::Border { country_a, country_b } => format!("the border {country_a}–{country_b}"),
            ClosureTarget::Place(p) => format!("the place {}", name(p)),
            ClosureTarget::Link(a, b) => format!("the road {}–{}", name(a), name(b)),
            ClosureTarget::Camp(p) | ClosureTarget::IdpCamp(p) => format!("the camp {}", name(p)),
            ClosureTarget::ForcedRedirection(a, b) => format!("the redirection {}–{}", name(a), name(b)),
        }
    }
}

/// A closure from day `start` until day `end` (reopens on `end`; None = never reopens).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Closure {
    pub target: ClosureTarget,
    pub start: i64,
    pub end: Option<i64>,
}

impl Closure {
    /// Whether it closes nothing in a period of `days` days for starting after its last day (a
    /// `remove_forced_redirection`, which changes nothing anyway, aside).
    pub fn starts_after(&self, days: u32) -> bool {
        self.start >= i64::from(days) && !matches!(self.target, ClosureTarget::ForcedRedirection(..))
    }
}

/// A change of a place's conflict intensity on a day (FLEE's conflicts.csv; 0 = conflict ends).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictChange {
    pub day: u32,
    pub place: PlaceId,
    pub intensity: f64,
}

/// Grounds on which a person may seek protection. The first five are asylum grounds in US law
/// (seeds/000); generalised violence and poverty are not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum Ground {
    Race = 0,
    Religion = 1,
    Nationality = 2,
    PoliticalOpinion = 3,
    SocialGroup = 4,
    Violence = 5,
    Poverty = 6,
}

impl Ground {
    pub const ALL: [Ground; 7] = [
        Ground::Race,
        Ground::Religion,
        Ground::Nationality,
        Ground::PoliticalOpinion,
        Ground::SocialGroup,
        Ground::Violence,
        Ground::Poverty,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Ground::Race => "race",
            Ground::Religion => "religion",
            Ground::Nationality => "nationality",
            Ground::PoliticalOpinion => "political_opinion",
            Ground::SocialGroup => "social_group",
            Ground::Violence => "violence",
            Ground::Poverty => "poverty",
        }
    }

    /// A protected ground under the Refugee Convention and US asylum law (seeds/000).
    pub fn is_protected(self) -> bool {
        (self as u8) < 5
    }

    pub fn from_index(i: u8) -> Ground {
        Ground::ALL[usize::from(i).min(6)]
    }
}

/// Who a flow is made of. Shares are of people; `men + women + children` = 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Makeup {
    pub men: f64,
    pub women: f64,
    pub children: f64,
    /// Share of all people who are children travelling without an adult.
    pub unaccompanied_minors: f64,
    /// Share of people travelling as a family unit.
    pub in_families: f64,
    /// Share of people who are vulnerable (pregnant, ill, disabled...; seeds/001), children excluded.
    pub vulnerable: f64,
    /// Share of people by main reason for leaving, in `Ground::ALL` order; sums to 1.
    pub grounds: [f64; 7],
}

impl Default for Makeup {
    /// assumption: an even adult split, no children, everyone leaving for poverty; scenarios should
    /// always state their make-up, this default only keeps FLEE inputs (which have none) valid.
    fn default() -> Self {
        Makeup {
            men: 0.5,
            women: 0.5,
            children: 0.0,
            unaccompanied_minors: 0.0,
            in_families: 0.0,
            vulnerable: 0.0,
            grounds: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0],
        }
    }
}

/// Steady departures from an origin: `people_per_day` from `from_day` to `to_day` inclusive.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inflow {
    pub name: String,
    pub origin: PlaceId,
    pub from_day: u32,
    pub to_day: u32,
    pub people_per_day: f64,
    /// Where people head, with shares summing to 1; empty = no goal (FLEE's free movement).
    pub goals: Vec<(PlaceId, f64)>,
    /// People per family group among those travelling as families.
    pub family_size: u32,
    pub makeup: Makeup,
    /// The share of its people who set out to cross between ports when they reach a border city with a
    /// port, the rest to ask at the port, each deciding as it sets out; None: each decides on arrival
    /// by `crossing.on_arrival`.
    pub cross_on_arrival: Option<f64>,
    pub source: String,
}

impl Scenario {
    /// Whether `crossing.on_arrival` decides for no one: every inflow's people decide as they set out
    /// (`cross_on_arrival`), and no one else arrives from a flow (caravans have their own chance).
    pub fn crossing_on_arrival_unread(&self) -> bool {
        let nobody_else = self.prefill.is_empty() && self.scheduled_spawns.is_none();
        nobody_else && !self.inflows.is_empty() && self.inflows.iter().all(|f| f.cross_on_arrival.is_some())
    }
}

impl Inflow {
    /// `people_per_day` people leaving `origin` on each of the days `from_day..=to_day`, alone, with no
    /// goal and the default make-up (set the other fields with struct update syntax).
    pub fn steady(name: &str, origin: PlaceId, from_day: u32, to_day: u32, people_per_day: f64) -> Inflow {
        Inflow {
            name: name.into(),
            origin,
            from_day,
            to_day,
            people_per_day,
            goals: Vec::new(),
            family_size: 1,
            makeup: Makeup::default(),
            cross_on_arrival: None,
            source: String::new(),
        }
    }
}

/// FLEE's data-driven spawning: a number of new agents per day, placed over active conflict zones
/// in proportion to population × intensity × decay.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScheduledSpawns {
    pub per_day: Vec<u64>,
    /// `conflict_spawn_decay` factors, indexed by whole `decay_interval`s since the conflict began.
    pub decay: Vec<f64>,
    pub decay_interval: u32,
}

impl ScheduledSpawns {
    /// The conflict spawn decay on `day` of a conflict that began on day `began` (FLEE's
    /// `time_of_conflict`, -1 for one there from the start): the last factor once the list runs out.
    pub fn decay_factor(&self, began: i64, day: i64) -> f64 {
        let since = day - began;
        if self.decay.is_empty() || self.decay_interval == 0 || since < 0 {
            return 1.0;
        }
        let k = (since / i64::from(self.decay_interval)) as usize;
        self.decay[k.min(self.decay.len() - 1)]
    }
}

/// A whole scenario, validated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub name: String,
    pub description: String,
    pub period: Period,
    pub seed: u64,
    /// Each agent stands for this many people; counts in outputs are people.
    pub people_per_agent: u32,
    pub places: Vec<Place>,
    pub routes: Vec<Route>,
    pub closures: Vec<Closure>,
    pub conflicts: Vec<ConflictChange>,
    pub movement: MovementSettings,
    pub caravans: Vec<Caravan>,
    pub inflows: Vec<Inflow>,
    pub scheduled_spawns: Option<ScheduledSpawns>,
    /// Agents placed at a place before day 0 (FLEE's `insert_day0`), which also lowers its capacity.
    pub prefill: Vec<(PlaceId, u64)>,
    pub observed: Vec<Observed>,
    /// The asylum and enforcement system; None = movement only (FLEE's rules, unchanged).
    pub institutions: Option<super::institutions::Institutions>,
    /// What a FLEE input folder the scenario was read from sets that the scenario alone does not
    /// say (None: a corridor scenario).
    #[serde(default)]
    pub flee: Option<FleeOrigin>,
}

/// Of a scenario read from a FLEE input folder: what its outputs' counts mean.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FleeOrigin {
    /// `optimisations.hasten` (at least 1): FLEE divides populations, camps' capacities and the
    /// validation data by it, so an agent (and each count, in FLEE's out.csv as in corridor's
    /// outputs) stands for `hasten` people.
    pub hasten: u64,
}

impl Scenario {
    pub fn place(&self, id: PlaceId) -> &Place {
        &self.places[id.index()]
    }

    /// Each place's capacity as the engine uses it, FLEE's: a camp's capacity (its population column,
    /// already divided by `hasten` in a FLEE folder) less the agents placed there before day 0
    /// (`prefill`, FLEE's `insert_day0`: flee.py lowers a camp's capacity by its day-0 agents), each
    /// prefill taken off only while the capacity is at least 1; -1 for a place that is not a camp.
    /// The engine starts from these (`PlaceState::initial`), and the report shows them.
    pub fn capacities_in_use(&self) -> Vec<f64> {
        let mut capacity: Vec<f64> = self.places.iter().map(|p| p.capacity().map_or(-1.0, |c| c as f64)).collect();
        for (p, k) in &self.prefill {
            if capacity[p.index()] >= 1.0 {
                capacity[p.index()] -= *k as f64;
            }
        }
        capacity
    }

    /// The people one agent stands for, in words: `1 person`, `10 people`.
    pub fn agent_in_people(&self) -> String {
        match self.people_per_agent {
            1 => "1 person".to_string(),
            k => format!("{k} people"),
        }
    }
}

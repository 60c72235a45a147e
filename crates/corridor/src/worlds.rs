//! Small worlds built in code: hand-checkable lines for tests, the generated corridor the benchmarks
//! run, and the built-in demo scenario.

use crate::scenario::{self, MovementSettings, Place, PlaceId, PlaceKind, Route, Scenario, ScheduledSpawns};
use crate::time::Period;
use chrono::NaiveDate;
use std::path::Path;

fn place(name: &str, kind: PlaceKind, country: &str, population: u64, lat: f64, lon: f64) -> Place {
    Place {
        name: name.to_string(),
        region: String::new(),
        country: country.to_string(),
        lat,
        lon,
        kind,
        conflict_date: None,
        population,
        shelter_capacity: None,
        foreign: false,
    }
}

fn empty(name: &str, days: u32, places: Vec<Place>, routes: Vec<Route>, movement: MovementSettings) -> Scenario {
    Scenario {
        name: name.to_string(),
        description: String::new(),
        period: Period { start: NaiveDate::from_ymd_opt(2018, 1, 1).expect("valid date"), days },
        seed: 1,
        people_per_agent: 1,
        places,
        routes,
        closures: Vec::new(),
        conflicts: Vec::new(),
        movement,
        caravans: Vec::new(),
        inflows: Vec::new(),
        scheduled_spawns: None,
        prefill: Vec::new(),
        observed: Vec::new(),
        institutions: None,
        flee: None,
    }
}

/// Towns in a line, `km` apart, 10 days, no agents: add flows in the test.
pub fn line_world(names: &[&str], km: f64, awareness: u32) -> Scenario {
    let places = names.iter().map(|n| place(n, PlaceKind::Town, "X", 1000, 0.0, 0.0)).collect();
    let routes = (1..names.len())
        .map(|i| Route {
            a: PlaceId(i as u32 - 1),
            b: PlaceId(i as u32),
            distance_km: km,
            forced_redirection: 0,
            max_move_speed: None,
            walk_probability: None,
        })
        .collect();
    empty("line", 10, places, routes, MovementSettings { awareness_level: awareness, ..Default::default() })
}

/// The places of `caravan_line`, by index.
#[cfg(test)]
pub(crate) mod line_places {
    pub const A: u32 = 0;
    pub const B: u32 = 1;
    pub const C: u32 = 2;
    pub const D: u32 = 3;
}

/// Towns A — B — C — D in a line, 100 km apart, and a caravan `k` of `people` (an agent each) that
/// leaves A on day 0 through B and C for D at `speed` km a day, without pauses: add them in the test.
#[cfg(test)]
pub(crate) fn caravan_line(people: u64, speed: f64) -> Scenario {
    let mut s = line_world(&["A", "B", "C", "D"], 100.0, 1);
    s.caravans.push(scenario::Caravan {
        name: "k".into(),
        depart_day: 0,
        origin: PlaceId(0),
        home: None,
        people,
        itinerary: vec![PlaceId(1), PlaceId(2)],
        goal: Some(PlaceId(3)),
        pauses: Vec::new(),
        speed_km_per_day: speed,
        straggle_rate: 0.0,
        splits: Vec::new(),
        joins: Vec::new(),
        makeup: scenario::Makeup::default(),
        source: String::new(),
    });
    s
}

/// What the benchmark's agents do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BenchWorkload {
    /// The corridor's own job: people leave the origins over the first ten days, head for the
    /// border cities on the last row (goal-directed FLEE weights), then wait there.
    Corridor,
    /// FLEE's undirected rules: everyone spawns on day 0 in the conflict zones and wanders the
    /// towns (moving on 30% of days) toward the camps on the last row. The hardest case.
    RandomWalk,
}

/// A generated corridor for benchmarks: `rows × cols` places, roads to the neighbours in the row and
/// the next row, 40–160 km long, and `agents` agents (see `BenchWorkload`).
pub fn bench_corridor(rows: u32, cols: u32, agents: u64, days: u32, workload: BenchWorkload) -> Scenario {
    let corridor = workload == BenchWorkload::Corridor;
    let mut places = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            let (kind, pop) = match r {
                0 if corridor => (PlaceKind::Origin, 100_000),
                0 => (PlaceKind::ConflictZone, 100_000),
                r if r + 1 == rows && corridor => (PlaceKind::BorderCity, 100_000),
                r if r + 1 == rows => (PlaceKind::Camp, agents / u64::from(cols) + 1),
                _ => (PlaceKind::Town, 50_000),
            };
            places.push(place(
                &format!("P{r}_{c}"),
                kind,
                if r + 1 == rows { "Y" } else { "X" },
                pop,
                f64::from(r),
                f64::from(c),
            ));
        }
    }
    let id = |r: u32, c: u32| PlaceId(r * cols + c);
    // Deterministic lengths from a small hash so the network is irregular but fixed.
    let km = |a: u32, b: u32| 40.0 + f64::from((a.wrapping_mul(2_654_435_761) ^ b.wrapping_mul(40_503)) % 121);
    let mut routes = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            let a = id(r, c);
            let mut link = |b: PlaceId| {
                routes.push(Route {
                    a,
                    b,
                    distance_km: km(a.0, b.0),
                    forced_redirection: 0,
                    max_move_speed: None,
                    walk_probability: None,
                })
            };
            if c + 1 < cols {
                link(id(r, c + 1));
            }
            if r + 1 < rows {
                link(id(r + 1, c));
                if c + 1 < cols {
                    link(id(r + 1, c + 1));
                }
            }
        }
    }
    for p in places.iter_mut() {
        p.foreign = p.country != "X";
    }
    let movement =
        MovementSettings { max_move_speed: 200.0, camp_weight: 5.0, conflict_weight: 0.25, ..Default::default() };
    let mut s = empty("bench-corridor", days, places, routes, movement);
    if corridor {
        let spread = days.min(10);
        let goals: Vec<(PlaceId, f64)> = (0..cols).map(|c| (id(rows - 1, c), 1.0 / f64::from(cols))).collect();
        for c in 0..cols {
            let people = agents / u64::from(cols) + u64::from(u64::from(c) < agents % u64::from(cols));
            s.inflows.push(crate::scenario::Inflow {
                goals: goals.clone(),
                source: "assumption: benchmark".into(),
                ..crate::scenario::Inflow::steady(
                    &format!("from P0_{c}"),
                    id(0, c),
                    0,
                    spread - 1,
                    people as f64 / f64::from(spread),
                )
            });
        }
    } else {
        let mut per_day = vec![0; days as usize];
        if let Some(first) = per_day.first_mut() {
            *first = agents;
        }
        s.scheduled_spawns = Some(ScheduledSpawns { per_day, decay: Vec::new(), decay_interval: 30 });
    }
    s
}

/// The benchmark corridor with every institution switched on: the first row is the origin country,
/// the rest Mexico, the last row border cities with ports (to one US place), checkpoints, a detention
/// centre, COMAR, programme, visa and IOM offices, road hazards, and every policy switch on from day 0.
pub fn bench_corridor_institutions(rows: u32, cols: u32, agents: u64, days: u32) -> Scenario {
    use crate::policy::{Param, Policy};
    use crate::scenario::institutions::{
        Checkpoint, CheckpointAt, DetentionCentre, Hazard, Institutions, Office, OfficeKind, Port,
    };
    let mut s = bench_corridor(rows, cols, agents, days, BenchWorkload::Corridor);
    s.name = "bench-corridor-institutions".into();
    for (i, p) in s.places.iter_mut().enumerate() {
        let r = i as u32 / cols;
        if r > 0 {
            p.country = "Mexico".into();
        }
        if r + 1 == rows {
            p.kind = PlaceKind::BorderCity;
            p.shelter_capacity = Some(agents / u64::from(cols) / 2 + 1);
        }
    }
    let us = PlaceId(s.places.len() as u32);
    s.places.push(place("US", PlaceKind::Destination, "United States", 0, 99.0, 0.0));
    let at = |r: u32, c: u32| PlaceId(r.min(rows - 1) * cols + c);
    let mut inst = Institutions::empty();
    for c in 0..cols {
        inst.ports.push(Port { source: "bench".into(), ..Port::between(&format!("port{c}"), at(rows - 1, c), us) });
        inst.checkpoints.push(Checkpoint {
            name: format!("cordon{c}"),
            at: CheckpointAt::Place(at(2, c)),
            apprehension: 0.05,
            detention: 0,
            source: "bench".into(),
        });
        for (kind, r) in [
            (OfficeKind::HumanitarianVisa, 1),
            (OfficeKind::Comar, 3),
            (OfficeKind::Programme, 3),
            (OfficeKind::Iom, rows / 2),
            (OfficeKind::Iom, rows - 1),
        ] {
            inst.offices.push(Office { kind, place: at(r, c), source: "bench".into() });
        }
    }
    inst.detention.push(DetentionCentre {
        name: "centre".into(),
        place: at(2, 0),
        capacity: agents / 100 + 1,
        source: "bench".into(),
    });
    inst.hazards.push(Hazard {
        route: None,
        country: Some("Mexico".into()),
        rates: [1e-5, 1e-5, 1e-5],
        source: "bench".into(),
    });
    for (param, value) in [
        (Param::ProgrammeActive, 1.0),
        (Param::TroopsActive, 1.0),
        (Param::IomActive, 1.0),
        (Param::Proclamation, 1.0),
        (Param::VisaActive, 1.0),
        (Param::MppActive, 1.0),
        (Param::MeteringCapacity, 200.0),
    ] {
        inst.params.policies.push(Policy {
            name: param.name().into(),
            param,
            at: None,
            from_day: 0,
            to_day: None,
            value,
            source: "bench".into(),
        });
    }
    s.institutions = Some(inst);
    s
}

const DEMO_FILES: &[(&str, &str)] = &[
    ("scenarios/demo/scenario.toml", include_str!("../../../scenarios/demo/scenario.toml")),
    ("scenarios/demo/locations.csv", include_str!("../../../scenarios/demo/locations.csv")),
    ("scenarios/demo/routes.csv", include_str!("../../../scenarios/demo/routes.csv")),
];

/// The built-in demo corridor (scenarios/demo), compiled into the program so it runs from anywhere.
pub fn demo() -> Result<Scenario, scenario::ScenarioError> {
    DEMO.scenario()
}

const CARAVAN_2018_FILES: &[(&str, &str)] = &[
    ("scenarios/caravan-2018/scenario.toml", include_str!("../../../scenarios/caravan-2018/scenario.toml")),
    ("scenarios/caravan-2018/locations.csv", include_str!("../../../scenarios/caravan-2018/locations.csv")),
    ("scenarios/caravan-2018/routes.csv", include_str!("../../../scenarios/caravan-2018/routes.csv")),
    // The sources its `[n]` references cite (read by `corridor export` and the report, not the loader).
    ("scenarios/caravan-2018/SOURCES.md", include_str!("../../../scenarios/caravan-2018/SOURCES.md")),
];

/// A scenario compiled into the program: its `scenario.toml` first, then its tables (and any other
/// file that travels with it, such as a list of sources).
#[derive(Clone, Copy, Debug)]
pub struct Builtin {
    pub name: &'static str,
    pub files: &'static [(&'static str, &'static str)],
    /// The document of corridor's source that explains the scenario's choices, and the heading of
    /// its section on why observed figures fall outside their ranges (reports point to it).
    pub doc: Option<(&'static str, &'static str)>,
}

impl Builtin {
    /// The path of its `scenario.toml` (as named in error messages).
    pub fn path(&self) -> &'static Path {
        Path::new(self.files[0].0)
    }

    pub fn text(&self) -> &'static str {
        self.files[0].1
    }

    pub fn scenario(&self) -> Result<Scenario, scenario::ScenarioError> {
        scenario::parse_toml(self.path(), self.text(), &scenario::InMemory(self.files))
    }
}

pub const DEMO: Builtin = Builtin { name: "demo", files: DEMO_FILES, doc: None };

/// The 2018–2019 caravans (scenarios/caravan-2018): what `corridor run` runs by default.
pub const CARAVAN_2018: Builtin = Builtin {
    name: "caravan-2018",
    files: CARAVAN_2018_FILES,
    doc: Some(("docs/caravan-2018.md", "Observed figures and validation")),
};

/// Every built-in scenario.
pub const BUILTINS: &[Builtin] = &[CARAVAN_2018, DEMO];

/// The built-in scenario called `name`.
pub fn builtin(name: &str) -> Option<Builtin> {
    BUILTINS.iter().copied().find(|b| b.name == name)
}

/// The 2018–2019 caravan scenario, built in.
pub fn caravan_2018() -> Result<Scenario, scenario::ScenarioError> {
    CARAVAN_2018.scenario()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_parses() {
        let s = demo().unwrap();
        assert_eq!(s.places.len(), 7);
        assert_eq!(s.caravans.len(), 1);
    }

    #[test]
    fn caravan_2018_parses_and_cites_every_flow() {
        let s = caravan_2018().unwrap();
        assert_eq!(s.places.len(), 54);
        assert!(s.caravans.len() >= 6);
        assert!(!s.observed.is_empty());
        for c in &s.caravans {
            assert!(!c.source.trim().is_empty(), "{}", c.name);
        }
        for f in &s.inflows {
            assert!(!f.source.trim().is_empty(), "{}", f.name);
        }
        for o in &s.observed {
            assert!(!o.source.trim().is_empty(), "{}", o.name);
        }
        assert_eq!(builtin("caravan-2018").unwrap().name, "caravan-2018");
        assert!(builtin("nope").is_none());
    }

    #[test]
    fn builtin_docs_exist_and_have_their_section() {
        for b in BUILTINS {
            if let Some((file, section)) = b.doc {
                let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(file);
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                assert!(
                    text.lines().any(|l| l.starts_with('#') && l.trim_start_matches('#').trim() == section),
                    "{file} has no heading \"{section}\""
                );
            }
        }
        assert!(CARAVAN_2018.doc.is_some());
    }

    #[test]
    fn bench_with_institutions_runs() {
        let s = bench_corridor_institutions(20, 10, 2000, 60);
        let mut sim = crate::Simulation::new(&s, 1);
        for _ in 0..60 {
            sim.step();
        }
        let sys = sim.institutions().unwrap();
        assert!(sys.counters.iter().filter(|&&c| c > 0).count() > 10);
    }

    #[test]
    fn bench_corridor_has_the_asked_size() {
        for w in [BenchWorkload::Corridor, BenchWorkload::RandomWalk] {
            let s = bench_corridor(20, 10, 1003, 5, w);
            assert_eq!(s.places.len(), 200);
            assert_eq!(crate::engine::spawn::planned_agents(&s), 1003);
        }
    }
}

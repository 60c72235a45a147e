//! Helpers shared by the scenario tests: paths to the reference data, a small scenario in memory,
//! and a sink that keeps every day's counts so tests can check them.
#![allow(dead_code)]

pub mod damaged;

use corridor::observe::{DayObservation, Sink};
use corridor::output::OutputError;
use corridor::policy::Param;
use corridor::population::Status;
use corridor::{Scenario, Simulation};
use std::path::{Path, PathBuf};

/// `shared/reference/flee/<name>`, beside the repository checkout (as in CI).
pub fn flee_reference(name: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for up in ["../../../shared/reference/flee", "../../../../shared/reference/flee"] {
        let p = root.join(up).join(name);
        if p.is_dir() {
            return p;
        }
    }
    panic!("reference data shared/reference/flee/{name} not found beside the repository");
}

/// A copy of FLEE reference folder `name` (its input_csv/, source_data/ and simsetting.yml) in a
/// temporary folder named after `tag`, removed when the returned guard drops.
pub fn copy_flee_reference(name: &str, tag: &str) -> tempfile::TempDir {
    let src = flee_reference(name);
    let tmp = tempfile::Builder::new().prefix(&format!("corridor-{tag}-")).tempdir().expect("temp dir");
    for dir in ["input_csv", "source_data"] {
        std::fs::create_dir_all(tmp.path().join(dir)).expect("folder");
        for entry in std::fs::read_dir(src.join(dir)).expect("a folder") {
            let path = entry.expect("an entry").path();
            std::fs::copy(&path, tmp.path().join(dir).join(path.file_name().expect("a name"))).expect("copy");
        }
    }
    std::fs::copy(src.join("simsetting.yml"), tmp.path().join("simsetting.yml")).expect("copy");
    tmp
}

/// The demo corridor with institutions (`scenarios/demo-institutions`).
pub fn demo() -> Scenario {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios/demo-institutions");
    corridor::load(Path::new(dir)).expect("demo-institutions loads")
}

/// Sets institution parameter `p`'s value (over its default) in `s`.
pub fn set(s: &mut Scenario, p: Param, v: f64) {
    s.institutions.as_mut().expect("institutions").params.set(p, v);
}

/// Runs every day, checking after each that counts match the agents and calling `check`.
pub fn run_checked(s: &Scenario, mut check: impl FnMut(&Simulation<'_>)) {
    let mut sim = Simulation::new(s, s.seed);
    for _ in 0..s.period.days {
        let totals = sim.step().status_totals();
        let agents = sim.agents();
        let mut recount = [0u64; Status::COUNT];
        for st in &agents.status {
            recount[*st as usize] += 1;
        }
        assert_eq!(totals, recount, "counts differ from the agents on day {}", sim.day());
        assert_eq!(totals.iter().sum::<u64>(), agents.len() as u64, "agents not conserved");
        check(&sim);
    }
}

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every day's counts by place and status, arrivals and agents in existence.
#[derive(Default)]
pub struct Recorder {
    pub counts: Vec<Vec<u64>>,
    pub agents: Vec<u64>,
    pub entries: Vec<[u64; Status::COUNT]>,
}

impl Sink for Recorder {
    fn day(&mut self, obs: &DayObservation<'_>) -> Result<(), OutputError> {
        self.counts.push(obs.counts.to_vec());
        self.agents.push(obs.agents);
        self.entries.push(*obs.entries);
        Ok(())
    }
}

impl Recorder {
    /// Agents located at `place` (not on a road) at the end of `day`.
    pub fn at_place(&self, day: usize, place: usize) -> u64 {
        let row = &self.counts[day][place * Status::COUNT..(place + 1) * Status::COUNT];
        row.iter().sum::<u64>() - row[Status::Travelling as usize]
    }
}

/// Runs `scenario` with `seed` on a pool of `threads` threads, every day's pass shared among them, and
/// records every day.
pub fn record(scenario: &Scenario, seed: u64, threads: usize) -> Recorder {
    record_sharing(scenario, seed, threads, corridor::engine::Sharing::always())
}

/// `record`, the passes shared as `sharing` says.
pub fn record_sharing(scenario: &Scenario, seed: u64, threads: usize, sharing: corridor::engine::Sharing) -> Recorder {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
    pool.install(|| {
        let mut rec = Recorder::default();
        let mut sim = Simulation::new(scenario, seed);
        sim.set_sharing(sharing);
        sim.run(&mut [&mut rec], |_| {}).expect("run");
        rec
    })
}

/// The chances that take people past a port's list or off it (crossing on arrival; leaving a list to
/// cross, for home or for another port, and their growth with time): at 0, everyone who reaches a
/// port waits on its list until called.
pub const STAY_ON_THE_LIST: [corridor::policy::Param; 6] = {
    use corridor::policy::Param::*;
    [LeaveHomeDaily, LeaveHomeGrowth, LeaveOtherPortDaily, CrossOnArrival, CrossDaily, CrossGrowth]
};

/// A town, a border city with one port `P` and the US beyond, with `people` waiting in the border
/// city on day 0 for the port's list, served `per_day` a day; nobody leaves the list or crosses.
pub fn one_port_list(people: u64, per_day: f64) -> Scenario {
    use corridor::policy::Param;
    use corridor::scenario::institutions::{Institutions, Port};
    use corridor::scenario::{PlaceId, PlaceKind};
    let mut s = corridor::worlds::line_world(&["A", "Border", "US"], 50.0, 1);
    s.places[1].kind = PlaceKind::BorderCity;
    s.places[2].kind = PlaceKind::Destination;
    s.prefill = vec![(PlaceId(1), people)];
    let mut inst = Institutions::empty();
    inst.ports.push(Port::between("P", PlaceId(1), PlaceId(2)));
    inst.params.set_all(STAY_ON_THE_LIST.map(|p| (p, 0.0)));
    inst.params.set(Param::MeteringCapacity, per_day);
    s.institutions = Some(inst);
    s
}

/// A small scenario written in memory (the bad-input tests change it): four places A (origin), B
/// (town), C (border city), D (destination) and one inflow from A to C, in October 2018.
pub const LOCATIONS: &str = "#name,region,country,lat,lon,location_type,conflict_date,population\n\
A,R,X,14.0,-90.0,origin,,1000\nB,R,X,15.0,-91.0,town,,1000\nC,R,Y,16.0,-92.0,border_city,,1000\n\
D,R,Z,17.0,-93.0,destination,,0\n";
pub const ROUTES: &str = "#name1,name2,distance\nA,B,100\nB,C,120\nC,D,5\n";

pub const SCENARIO: &str = r#"name = "t"
start = 2018-10-01
end = 2018-10-31

[tables]
locations = "locations.csv"
routes = "routes.csv"

[[inflow]]
name = "f"
origin = "A"
from = 2018-10-01
to = 2018-10-10
people_per_day = 5.0
goals = { "C" = 1.0 }
source = "assumption: test"
"#;

pub fn load(toml: &str, locations: &str, routes: &str) -> Result<corridor::Scenario, String> {
    load_with(toml, locations, routes, &[])
}

/// [`load`] with `more` files beside the scenario (`("s/closures.csv", text)`).
pub fn load_with(
    toml: &str,
    locations: &str,
    routes: &str,
    more: &[(&str, &str)],
) -> Result<corridor::Scenario, String> {
    let mut files = vec![("s/scenario.toml", toml), ("s/locations.csv", locations), ("s/routes.csv", routes)];
    files.extend_from_slice(more);
    corridor::scenario::parse_toml(Path::new("s/scenario.toml"), toml, &corridor::scenario::InMemory(&files))
        .map_err(|e| e.to_string())
}

pub fn err(toml: &str) -> String {
    load(toml, LOCATIONS, ROUTES).expect_err("should be rejected")
}

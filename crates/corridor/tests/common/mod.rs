//! Helpers shared by the scenario tests: paths to the reference data, and a sink that keeps every
//! day's counts so tests can check them.
#![allow(dead_code)]

use corridor::observe::{DayObservation, Sink};
use corridor::output::OutputError;
use corridor::population::Status;
use corridor::{Scenario, Simulation};
use std::path::PathBuf;

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

/// Runs `scenario` with `seed` on a pool of `threads` threads and records every day.
pub fn record(scenario: &Scenario, seed: u64, threads: usize) -> Recorder {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
    pool.install(|| {
        let mut rec = Recorder::default();
        let mut sim = Simulation::new(scenario, seed);
        sim.run(&mut [&mut rec], |_| {}).expect("run");
        rec
    })
}

//! The day loop on the generated benchmark corridors (divan): `cargo bench -p corridor`.
//! Each sample simulates 20 days; divan reports time per sample (agent-steps = agents × 20).

use corridor::worlds::{bench_corridor, bench_corridor_institutions, BenchWorkload};
use corridor::Simulation;

fn main() {
    divan::main();
}

const DAYS: u32 = 20;

fn run(s: &corridor::Scenario) -> u64 {
    let mut sim = Simulation::new(s, 1);
    let mut steps = 0;
    for _ in 0..DAYS {
        steps += sim.step().agents;
    }
    steps
}

#[divan::bench(args = [100_000, 1_000_000], sample_count = 5)]
fn corridor(bencher: divan::Bencher, agents: u64) {
    let s = bench_corridor(20, 10, agents, DAYS, BenchWorkload::Corridor);
    bencher.counter(divan::counter::ItemsCount::new(agents * u64::from(DAYS))).bench(|| run(&s));
}

#[divan::bench(args = [100_000, 1_000_000], sample_count = 5)]
fn random_walk(bencher: divan::Bencher, agents: u64) {
    let s = bench_corridor(20, 10, agents, DAYS, BenchWorkload::RandomWalk);
    bencher.counter(divan::counter::ItemsCount::new(agents * u64::from(DAYS))).bench(|| run(&s));
}

#[divan::bench(args = [100_000], sample_count = 5)]
fn institutions_on(bencher: divan::Bencher, agents: u64) {
    let s = bench_corridor_institutions(20, 10, agents, DAYS);
    bencher.counter(divan::counter::ItemsCount::new(agents * u64::from(DAYS))).bench(|| run(&s));
}

/// FLEE's data-driven spawning alone: `agents` new agents over 200 places, 40 of them conflict zones
/// (the shape of `bench/flee_vs_corridor.py`'s world).
#[divan::bench(args = [100_000], sample_count = 5)]
fn spawn_at_conflicts(bencher: divan::Bencher, agents: u64) {
    let cum: Vec<f64> = (0..200u32).map(|p| f64::from(p / 5 + 1) * 50_000.0).collect();
    bencher.counter(divan::counter::ItemsCount::new(agents)).bench(|| {
        let mut a = corridor::population::Agents::with_capacity(agents as usize);
        let mut occupancy = vec![0u32; cum.len()];
        let guide = &mut Default::default();
        corridor::engine::spawn::spawn_at_conflicts(&mut a, &mut occupancy, &cum, guide, agents, 1, 1)
    });
}

//! `corridor bench`: the day loop on a generated ~200-place corridor; prints agent-steps per second and
//! peak memory (resident set), as text or one JSON object.

use crate::{pool, Failure};
use clap::{Args, ValueEnum};
use corridor::population::MAX_AGENTS;
use corridor::time::MAX_DAYS;
use corridor::{worlds, Simulation};
use serde_json::json;
use std::time::Instant;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Workload {
    Corridor,
    RandomWalk,
}

#[derive(Args)]
pub struct BenchArgs {
    /// Agents: with the corridor workload they leave the first row's origins over the first ten days
    /// (or over every day of a shorter run); with random-walk all appear on day 0 in the conflict zones.
    #[arg(long, default_value_t = 1_000_000)]
    pub agents: u64,
    /// Days to simulate.
    #[arg(long, default_value_t = 100)]
    pub days: u32,
    /// Worker threads (0, the default: one per core; at most 1024).
    #[arg(long, default_value_t = 0, hide_default_value = true)]
    pub threads: usize,
    /// What the agents do: `corridor` (head for the border and wait there, the product's job) or
    /// `random-walk` (FLEE's undirected rules, everyone moving often: the hardest case).
    #[arg(long, value_enum, default_value_t = Workload::Corridor)]
    pub workload: Workload,
    /// Switch every institution on (ports, metering, MPP, courts, enforcement, COMAR, visas, IOM, hazards),
    /// with the corridor workload.
    #[arg(long)]
    pub institutions: bool,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Peak resident set size of this process in bytes (Linux `VmHWM`; 0 where unavailable).
pub fn peak_rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status").ok().and_then(|s| crate::memory::proc_bytes(&s, "VmHWM")).unwrap_or(0)
}

pub fn bench(args: BenchArgs) -> Result<(), Failure> {
    if args.agents == 0 || args.days == 0 {
        return Err(Failure::input(anyhow::anyhow!("--agents and --days must be > 0")));
    }
    if args.agents > MAX_AGENTS || args.days > MAX_DAYS {
        return Err(Failure::input(anyhow::anyhow!(
            "--agents must be at most {MAX_AGENTS} and --days at most {MAX_DAYS} (1,000 years)"
        )));
    }
    if args.institutions && matches!(args.workload, Workload::RandomWalk) {
        return Err(Failure::input(anyhow::anyhow!(
            "--institutions runs the corridor workload (people head for the ports): leave out --workload random-walk"
        )));
    }
    let workload = match args.workload {
        Workload::Corridor => worlds::BenchWorkload::Corridor,
        Workload::RandomWalk => worlds::BenchWorkload::RandomWalk,
    };
    let scenario = if args.institutions {
        worlds::bench_corridor_institutions(20, 10, args.agents, args.days)
    } else {
        worlds::bench_corridor(20, 10, args.agents, args.days, workload)
    };
    let per_agent = crate::memory::bytes_per_agent(&scenario);
    crate::memory::check(args.agents, per_agent, 1, "corridor bench", "use fewer --agents")?;
    let baseline = peak_rss_bytes();
    let pool = pool(args.threads)?;
    let threads = pool.current_num_threads();
    let (seconds, steps) = pool.install(|| {
        let mut sim = Simulation::new(&scenario, 1);
        let started = Instant::now();
        let mut steps = 0u64;
        for _ in 0..args.days {
            steps += sim.step().agents;
        }
        (started.elapsed().as_secs_f64(), steps)
    });
    let peak = peak_rss_bytes();
    let rate = steps as f64 / seconds;
    let per_agent = peak.saturating_sub(baseline) as f64 / args.agents as f64;
    if args.json {
        let v = json!({
            "workload": args.workload.to_possible_value().map(|v| v.get_name().to_string()),
            "institutions": args.institutions,
            "agents": args.agents,
            "days": args.days,
            "places": scenario.places.len(),
            "threads": threads,
            "seconds": seconds,
            "agent_steps": steps,
            "agent_steps_per_second": rate.round(),
            "agent_steps_per_second_per_thread": (rate / threads as f64).round(),
            "peak_rss_bytes": peak,
            "bytes_per_agent": per_agent.round(),
        });
        println!("{v}");
    } else {
        println!(
            "{} agents x {} days on {} places, {} threads: {:.2} s, {:.1} M agent-steps/s ({:.1} M per thread), peak RSS {:.1} MiB ({:.0} bytes/agent above start-up)",
            args.agents,
            args.days,
            scenario.places.len(),
            threads,
            seconds,
            rate / 1e6,
            rate / 1e6 / threads as f64,
            peak as f64 / (1 << 20) as f64,
            per_agent
        );
    }
    Ok(())
}

//! Refuses, before it starts, a job whose agents cannot fit in this machine's memory, instead of
//! letting the kernel kill it part-way (found by fuzzing FLEE input folders, issue 5).

use crate::Failure;
use corridor::engine::spawn::planned_agents;
use corridor::institutions::state::System;
use corridor::population::Agents;
use corridor::Scenario;

/// Checks that `at_once` runs of `scenario` side by side fit in the memory and swap free now. What
/// is counted is the agents' memory at a run's peak (`bytes_per_agent` each).
/// Where free memory cannot be read (other than on Linux), nothing is checked.
pub fn check_fits(scenario: &Scenario, at_once: usize, label: &str) -> Result<(), Failure> {
    let remedy = match (at_once, scenario.people_per_agent) {
        (2.., _) => "use fewer --threads, or fewer people per run",
        (_, 1) => "check the population figures (a scenario.toml can set people_per_agent)",
        _ => "raise people_per_agent",
    };
    check(planned_agents(scenario), bytes_per_agent(scenario), at_once, label, remedy)
}

/// Bytes of memory each agent of `scenario` takes at a run's peak: its fields
/// (`Agents::BYTES_PER_AGENT`) and, with institutions, theirs (`System::BYTES_PER_AGENT`: the
/// per-agent fields and a place in a queue), times `PEAK_OVER_FIELDS_TENTHS` / 10.
pub fn bytes_per_agent(scenario: &Scenario) -> u64 {
    let institutions = if scenario.institutions.is_some() { System::BYTES_PER_AGENT } else { 0 };
    peak((Agents::BYTES_PER_AGENT + institutions) as u64)
}

/// A run's peak memory per agent over its agents' fields, in tenths, above the most measured: 1.42
/// for demo (45 bytes of fields, 64 an agent) and 1.39 for demo-institutions (72, 100), from their
/// own runs to 3 million agents (`/usr/bin/time -v corridor run SCENARIO --set caravan.0.size=3000000
/// --threads 1 --quiet --no-report`, the least of 3 runs each), and 1.50 for caravan-2018 (72, 108;
/// 92,993 to 4,092,543 agents, `--set caravan.2.size=40000000`): the difference of the maximum
/// resident sets over the difference of the agents, session 32 (docs/scenario-format.md). Counting
/// the fields alone let a run the machine could not hold pass the check (adversarial review).
pub const PEAK_OVER_FIELDS_TENTHS: u64 = 16;

/// `bytes` of fields per agent as the peak memory per agent (`PEAK_OVER_FIELDS_TENTHS`).
pub fn peak(bytes: u64) -> u64 {
    bytes * PEAK_OVER_FIELDS_TENTHS / 10
}

/// The most replicates `validate` and `compare` run: each run's figures are kept for their
/// percentiles, so the memory grows with them (adversarial review of session 22: `--replicates
/// 4294967295` grew until stopped).
pub const MAX_REPLICATES: u32 = 100_000;

/// Parses `--replicates`: 1 to `MAX_REPLICATES`.
pub fn replicates(text: &str) -> Result<u32, String> {
    match text.parse::<u32>() {
        Ok(n) if (1..=MAX_REPLICATES).contains(&n) => Ok(n),
        _ => Err(format!("`{text}` is not a number of runs from 1 to {MAX_REPLICATES}")),
    }
}

/// Bytes a run's waits by month of joining take when kept (`CohortRow`: a queue's month, with its two
/// names), an upper figure: 130 bytes of row and names, and the allocator's share of the two names.
pub const COHORT_ROW_BYTES: u64 = 200;

/// What kept results take at their peak over what `kept_per_run` counts, in tenths: 1.1 for
/// `validate` (about 636 KB a run against 575 counted) and 0.8–0.9 for `compare` (106–125 against 136, two measurements), from
/// the growth of the maximum resident set with the replicates (`/usr/bin/time -v corridor validate
/// --replicates 50` and `250`; `compare --set policy.13.value=false --replicates 50` and `200`;
/// caravan-2018, session 24), rounded up.
pub const KEPT_PEAK_OVER_COUNTED_TENTHS: u64 = 12;

/// Bytes one run's kept results take at their peak (`KEPT_PEAK_OVER_COUNTED_TENTHS`): `series` of a
/// value a day (8 bytes), `other` bytes (its figures), and with institutions the waits by month of joining of
/// each queue (`COHORT_ROW_BYTES` a queue's month). Counting the series alone missed the waits, four
/// fifths of a comparison's kept results (session 24).
pub fn kept_per_run(scenario: &Scenario, series: u64, other: u64) -> u64 {
    kept_counted(scenario, series, other).saturating_mul(KEPT_PEAK_OVER_COUNTED_TENTHS) / 10
}

/// What `kept_per_run` counts before its peak factor: what a kept run holds.
pub fn kept_counted(scenario: &Scenario, series: u64, other: u64) -> u64 {
    let days = u64::from(scenario.period.days);
    // A row for each month of each first-come-first-served queue (ports' waitlists, COMAR, visas, IOM).
    let cohorts = scenario.institutions.as_ref().map_or(0, |inst| {
        let ids = corridor::institutions::QueueIds { ports: inst.ports.len(), centres: inst.detention.len() };
        ids.first_come_first_served().len() as u64 * u64::from(scenario.period.months()) * COHORT_ROW_BYTES
    });
    (8 * series).saturating_mul(days).saturating_add(other).saturating_add(cohorts)
}

/// Checks a job of many runs (`validate`, `compare`): each of `scenarios` (with its label) fits
/// `at_once` runs side by side (`check_fits`), and those runs, of the largest, fit together with the
/// results kept from `replicates` runs for their percentiles, `per_run_kept` bytes each. Checked
/// apart, a job whose runs and kept results each fit but together did not passed (read-through of
/// sessions 22-23).
pub fn check_job(
    scenarios: &[(&Scenario, String)],
    at_once: usize,
    per_run_kept: u64,
    replicates: u32,
    label: &str,
) -> Result<(), Failure> {
    for (scenario, label) in scenarios {
        check_fits(scenario, at_once, label)?;
    }
    let runs = scenarios.iter().map(|(s, _)| need(planned_agents(s), bytes_per_agent(s), at_once)).max().unwrap_or(0);
    let kept = per_run_kept.saturating_mul(u64::from(replicates));
    if runs.saturating_add(kept) <= ALWAYS_FITS {
        return Ok(());
    }
    match free_bytes() {
        Some(free) => together_shortfall(runs, kept, at_once, replicates, free)
            .map_or(Ok(()), |why| Err(Failure::input(anyhow::anyhow!("{label}: {why}")))),
        None => Ok(()),
    }
}

/// Why `at_once` runs needing `runs` bytes at their peak and `kept` bytes of results kept from
/// `replicates` runs do not fit together in `free` bytes, if they do not.
fn together_shortfall(runs: u64, kept: u64, at_once: usize, replicates: u32, free: u64) -> Option<String> {
    let total = runs.saturating_add(kept);
    if total <= free {
        return None;
    }
    // The larger part is the one to cut.
    let (what, remedy) = match (at_once > 1, runs > kept) {
        (true, true) => (format!("the {at_once} runs at once (about {} at their peak)", size(runs)), "fewer --threads"),
        (true, false) => {
            (format!("the {at_once} runs at once (about {} at their peak)", size(runs)), "fewer --replicates")
        }
        (false, _) => (format!("a run (about {} at its peak)", size(runs)), "fewer --replicates"),
    };
    Some(format!(
        "{what} and the results kept from {replicates} runs for their percentiles (about {}) would need about {} \
         together, more than the {} of memory and swap free to this process; use {remedy}",
        size(kept),
        size(total),
        size(free)
    ))
}

/// `bytes` in GiB to a tenth, or in MiB below a GiB.
fn size(bytes: u64) -> String {
    const MIB: f64 = (1u32 << 20) as f64;
    let mib = bytes as f64 / MIB;
    if mib < 1024.0 {
        format!("{mib:.0} MiB")
    } else {
        format!("{:.1} GiB", mib / 1024.0)
    }
}

/// `check_fits` for `agents` agents of `per_agent` bytes in `at_once` runs, with the advice `remedy`
/// in the error.
pub fn check(agents: u64, per_agent: u64, at_once: usize, label: &str, remedy: &str) -> Result<(), Failure> {
    check_against(agents, per_agent, at_once, free_bytes)
        .map_err(|why| Failure::input(anyhow::anyhow!("{label}: {why}; {remedy}")))
}

/// Why `at_once` runs of `agents` agents of `per_agent` bytes do not fit in the bytes `free()`
/// reports (asked only for runs past `ALWAYS_FITS`; no answer, no check), if they do not.
fn check_against(
    agents: u64,
    per_agent: u64,
    at_once: usize,
    free: impl FnOnce() -> Option<u64>,
) -> Result<(), String> {
    if need(agents, per_agent, at_once) <= ALWAYS_FITS {
        return Ok(());
    }
    match free() {
        Some(free) => shortfall(agents, per_agent, at_once, free).map_or(Ok(()), Err),
        None => Ok(()),
    }
}

/// Below this many bytes of agents the check is skipped, not to read `/proc/meminfo` for every
/// small run. Assumption: a machine that runs corridor has 256 MiB free.
const ALWAYS_FITS: u64 = 256 << 20;

/// The process's own memory besides its agents: code, the scenario's tables, thread stacks, the
/// outputs' and report's buffers. Assumption, from the scale review of session 35: 4,092,543 agents
/// of caravan-2018 counted 471 MB and peaked at 487 MB (505 MB with the report), and runs the check
/// passed then stopped for want of memory under an address-space limit.
const PROCESS_BYTES: u64 = 64 << 20;

/// Bytes of memory for `at_once` runs of `agents` agents of `per_agent` bytes, with the process's own
/// (`PROCESS_BYTES`; saturating).
fn need(agents: u64, per_agent: u64, at_once: usize) -> u64 {
    agents.saturating_mul(per_agent).saturating_mul(at_once.max(1) as u64).saturating_add(PROCESS_BYTES)
}

/// Why `at_once` runs of `agents` agents of `per_agent` bytes each do not fit in `free` bytes, if
/// they do not.
fn shortfall(agents: u64, per_agent: u64, at_once: usize, free: u64) -> Option<String> {
    let need = need(agents, per_agent, at_once);
    if need <= free {
        return None;
    }
    let gib = |bytes: u64| bytes as f64 / f64::from(1u32 << 30);
    let runs = if at_once > 1 {
        format!("{at_once} runs at once, of {agents} agents each,")
    } else {
        format!("{agents} agents")
    };
    Some(format!(
        "{runs} would need about {:.1} GiB at the run's peak, more than the {:.1} GiB of memory and swap \
         free to this process (on this machine, within its address-space and cgroup limits)",
        gib(need),
        gib(free)
    ))
}

/// Memory available to a new process plus free swap, from `/proc/meminfo`, within the process's own
/// limits: its address-space limit (`ulimit -v`) less what it holds, and its cgroup's memory limit less
/// what the cgroup uses (input review of session 32: under `ulimit -v` a run the machine could hold
/// passed the check and aborted on an allocation, with a backtrace).
fn free_bytes() -> Option<u64> {
    let read = |path: &str| std::fs::read_to_string(path).ok();
    let machine = parse_meminfo(&read("/proc/meminfo")?)?;
    let address_space = read("/proc/self/limits").and_then(|l| address_space_limit(&l)).map(|limit| {
        let held = read("/proc/self/status").and_then(|s| proc_bytes(&s, "VmSize")).unwrap_or(0);
        // What the process holds now is part of its own memory, which `need` counts (`PROCESS_BYTES`):
        // counted once (diff review of session 35: twice, a run that fitted was refused).
        limit.saturating_sub(held.saturating_sub(PROCESS_BYTES))
    });
    let cgroup = read("/proc/self/cgroup").and_then(|c| {
        let dir = format!("/sys/fs/cgroup{}", c.lines().find_map(|l| l.strip_prefix("0::"))?.trim_end_matches('/'));
        let limit = read(&format!("{dir}/memory.max"))?.trim().parse::<u64>().ok()?;
        let used = read(&format!("{dir}/memory.current")).and_then(|u| u.trim().parse::<u64>().ok()).unwrap_or(0);
        Some(limit.saturating_sub(used))
    });
    Some([Some(machine), address_space, cgroup].into_iter().flatten().min().unwrap_or(machine))
}

/// The soft limit of `Max address space` in the text of `/proc/self/limits`, in bytes; None when
/// unlimited.
fn address_space_limit(limits: &str) -> Option<u64> {
    let rest = limits.lines().find_map(|l| l.strip_prefix("Max address space"))?;
    rest.split_whitespace().next()?.parse::<u64>().ok()
}

/// `MemAvailable` + `SwapFree` from the text of `/proc/meminfo`, in bytes.
fn parse_meminfo(text: &str) -> Option<u64> {
    Some(proc_bytes(text, "MemAvailable")?.saturating_add(proc_bytes(text, "SwapFree").unwrap_or(0)))
}

/// The value of the line `key: N kB` of a Linux `/proc` status file (`/proc/meminfo`,
/// `/proc/self/status`), in bytes.
pub fn proc_bytes(text: &str, key: &str) -> Option<u64> {
    let rest = text.lines().find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))?;
    rest.split_whitespace().next()?.parse::<u64>().ok().map(|kb| kb.saturating_mul(1024))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meminfo_gives_available_memory_and_free_swap() {
        let text = "MemTotal:       24000000 kB\nMemFree:  100 kB\nMemAvailable:   20000000 kB\nSwapTotal: 8 kB\nSwapFree:        1000 kB\n";
        assert_eq!(parse_meminfo(text), Some((20_000_000 + 1000) * 1024));
        assert_eq!(parse_meminfo("MemAvailable: 5 kB\n"), Some(5 * 1024), "no swap line");
        assert_eq!(parse_meminfo("MemFree: 5 kB\n"), None, "no MemAvailable: no check");
    }

    /// Input review of session 32: the check read the machine's memory only, not `ulimit -v`.
    #[test]
    fn the_address_space_limit_is_read_from_proc_self_limits() {
        let head = "Limit                     Soft Limit           Hard Limit           Units     \n";
        let limited = format!("{head}Max address space         153600000            unlimited            bytes     \n");
        assert_eq!(address_space_limit(&limited), Some(153_600_000));
        let unlimited =
            format!("{head}Max address space         unlimited            unlimited            bytes     \n");
        assert_eq!(address_space_limit(&unlimited), None);
    }

    #[test]
    fn a_run_that_fits_passes_and_one_that_does_not_is_refused() {
        let per_agent = Agents::BYTES_PER_AGENT as u64;
        let enough = 1_000_000 * per_agent + PROCESS_BYTES;
        assert_eq!(shortfall(1_000_000, per_agent, 1, enough), None, "exactly enough");
        let why = shortfall(1_000_000, per_agent, 1, enough - 1).expect("one byte short");
        assert!(why.starts_with("1000000 agents would need about 0.1 GiB at the run's peak"), "{why}");
        // Four replicates side by side need four times as much.
        let why = shortfall(1_000_000, per_agent, 4, 3_000_000 * per_agent).expect("four runs");
        // Scale review of session 35: the process's own memory comes on top of the agents' (a run whose
        // agents alone fit the room left under `ulimit -v` stopped for want of memory).
        assert!(shortfall(1_000_000, per_agent, 1, 1_000_000 * per_agent).is_some(), "no room for the process");
        assert!(why.starts_with("4 runs at once, of 1000000 agents each,"), "{why}");
        assert!(shortfall(u64::MAX, per_agent, 8, u64::MAX - 1).is_some(), "saturates instead of wrapping");
        // Small runs are not checked at all (no /proc/meminfo read).
        assert!(check_against(1_000, per_agent, 1, || panic!("free memory read for a small run")).is_ok());
        let big = ALWAYS_FITS / per_agent + 1;
        assert!(check_against(big, per_agent, 1, || Some(0)).is_err(), "a run past the threshold is checked");
        assert!(check_against(big, per_agent, 1, || None).is_ok(), "no answer, no check");
    }

    /// User review: with institutions a run takes about 97 bytes per agent (caravan-2018 with
    /// `--set caravan.2.size=40000000`: 4,000,000 agents, max RSS 13 MB -> 403 MB), but the check
    /// counted the movement fields' 45, so `--set caravan.2.size=4000000000` passed it and was killed
    /// for want of memory. An institutions scenario counts their per-agent storage too.
    #[test]
    fn an_institutions_scenarios_agents_are_counted_above_a_movement_only_ones() {
        let institutions = corridor::worlds::caravan_2018().expect("caravan-2018");
        let movement = corridor::worlds::demo().expect("demo");
        assert!(institutions.institutions.is_some() && movement.institutions.is_none());
        assert_eq!(bytes_per_agent(&movement), peak(Agents::BYTES_PER_AGENT as u64));
        assert!(bytes_per_agent(&institutions) > bytes_per_agent(&movement));
        assert_eq!(
            bytes_per_agent(&institutions),
            peak(
                (Agents::BYTES_PER_AGENT
                    + corridor::institutions::state::InstAgents::BYTES_PER_AGENT
                    + corridor::institutions::queue::Queue::ENTRY_BYTES) as u64
            )
        );
        // The review's run: 400,000,000 agents (people_per_agent 10) need 46 bytes each without the
        // institutions' storage, and more with it.
        let agents = 400_000_000;
        let why = shortfall(agents, bytes_per_agent(&institutions), 1, agents * Agents::BYTES_PER_AGENT as u64);
        assert!(why.is_some(), "room for the movement fields is not room for the run");
    }

    /// Adversarial review of session 22: `run demo --set caravan.0.size=400000000` passed the check
    /// (45 bytes of fields an agent, 16.8 GiB, against 21.8 free) and grew past 22.9 GB: a run's peak is
    /// up to about 1.5 times its agents' fields (`PEAK_OVER_FIELDS_TENTHS`), and that is what is checked.
    #[test]
    fn a_run_is_checked_at_its_peak_not_its_fields() {
        let demo = corridor::worlds::demo().expect("demo");
        let (agents, free) = (400_000_000, 21_800u64 << 20);
        assert!(shortfall(agents, Agents::BYTES_PER_AGENT as u64, 1, free).is_none(), "the fields alone fit");
        let why = shortfall(agents, bytes_per_agent(&demo), 1, free).expect("the run does not");
        assert!(why.contains("at the run's peak"), "{why}");
        assert_eq!(replicates("100000"), Ok(100_000));
        for bad in ["0", "100001", "4294967295", "-1", "ten"] {
            assert!(replicates(bad).unwrap_err().contains("from 1 to 100000"), "{bad}");
        }
    }

    /// Read-through of sessions 22-23: `validate` and `compare` set their runs and their kept results
    /// each against all the free memory, so a job whose two parts each fit but together did not passed.
    #[test]
    fn runs_and_kept_results_are_checked_together() {
        let gib = 1u64 << 30;
        // 6 GiB of runs and 6 of kept results, 10 free: each fits alone, not together.
        assert!(together_shortfall(6 * gib, 0, 2, 100, 10 * gib).is_none());
        assert!(together_shortfall(0, 6 * gib, 2, 100, 10 * gib).is_none());
        let why = together_shortfall(6 * gib, 6 * gib, 2, 100, 10 * gib).expect("together they do not");
        assert!(
            why.starts_with("the 2 runs at once (about 6.0 GiB at their peak) and the results kept from 100 runs"),
            "{why}"
        );
        assert!(why.contains("about 12.0 GiB together, more than the 10.0 GiB"), "{why}");
        assert!(why.ends_with("use fewer --replicates"), "the runs are not the larger part: {why}");
        let runs = together_shortfall(7 * gib, 5 * gib, 2, 100, 10 * gib).expect("the runs the larger part");
        assert!(runs.ends_with("use fewer --threads"), "{runs}");
        let one = together_shortfall(6 << 20, 12 * gib, 1, 100, 10 * gib).expect("one run at a time");
        assert!(one.starts_with("a run (about 6 MiB at its peak)") && one.ends_with("use fewer --replicates"), "{one}");
        assert!(together_shortfall(u64::MAX, u64::MAX, 2, 100, u64::MAX - 1).is_some(), "saturates");
        assert!(together_shortfall(5 * gib, 5 * gib, 2, 100, 10 * gib).is_none(), "exactly enough");
    }
}

//! `corridor run`: load a scenario (the built-in caravan-2018 by default), run it with a progress bar, write
//! outputs and the report.

use crate::pick::{self, Loaded};
use crate::written::OutputsBefore;
use crate::{pool, Failure};
use anyhow::Context;
use clap::Args;
use corridor::observe::Sink;
use corridor::output::{
    ArrivalsCsv, CaravansCsv, DailyCsv, FleeOutCsv, OutcomesCsv, QueuesCsv, SummaryJson, WaitsByMonthCsv,
};
use corridor::validate::Recorder;
use corridor::Simulation;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct RunArgs {
    /// A scenario.toml, a folder holding one, a built-in scenario's name (caravan-2018, demo), or a FLEE
    /// input folder. Default: caravan-2018.
    pub scenario: Option<PathBuf>,
    /// Folder for the outputs (created if missing; not the scenario's own folder).
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Random seed (default: the scenario's own, 1 for a FLEE folder); it wins over a `--set seed=` (a FLEE
    /// folder has no `seed` key).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Worker threads (0, the default: one per core; at most 1024). Results do not depend on it.
    #[arg(long, default_value_t = 0, hide_default_value = true)]
    pub threads: usize,
    /// No progress bar and no closing report.
    #[arg(long)]
    pub quiet: bool,
    /// Do not write report.html and plots/.
    #[arg(long)]
    pub no_report: bool,
    /// Override a key of the scenario's TOML (e.g. movement.max_move_speed=150; every list entry with
    /// a field's value: 'policy[parameter=mpp.active].value=false'), or of a FLEE folder's
    /// simsetting.yml (e.g. move_rules.max_move_speed=150, VALUE read as YAML); repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub sets: Vec<String>,
}

pub fn run(args: RunArgs) -> Result<(), Failure> {
    let (loaded, sets) = pick::load(args.scenario.as_deref(), &args.sets, args.seed, &mut pick::Said::default())?;
    let scenario = loaded.scenario();
    let label = args.scenario.as_ref().map_or_else(|| scenario.name.clone(), |p| p.display().to_string());
    crate::memory::check_fits(scenario, 1, &label)?;
    // Whether the folder holds an earlier corridor run, whose outputs this one replaces: whole, or one
    // stopped before its summary.json (below) was written.
    let earlier_run = corridor::output::holds_run(&args.out) || args.out.join("daily.csv").is_file();
    // Refused before anything is touched (diff reviews of session 35: `--threads 5000`, refused, had
    // removed the earlier run's summary.json, then created the output folder).
    let pool = pool(args.threads)?;
    crate::create_output_folder(&args.out, &[args.scenario.as_deref()])?;
    // The folder holds a whole run exactly when it holds that run's summary.json: the earlier run's goes
    // before any output of this one replaces its own, and this run's is written last (scale review of
    // session 35: a run stopped between two renames left seeds 5, 7 and 8's files, passing for one run).
    if earlier_run {
        remove_file_if_there(&args.out.join("summary.json")).map_err(Failure::other)?;
    }
    let before = OutputsBefore::take(&args.out, RUN_OUTPUTS, corridor_report::is_report_plot);
    let seed = args.seed.unwrap_or(scenario.seed);
    let bar = crate::progress::days(args.quiet, u64::from(scenario.period.days));
    let mut daily = DailyCsv::new(args.out.join("daily.csv"));
    let mut summary = SummaryJson::held(args.out.join("summary.json"));
    // What the run changed, beside what it ran (the report's header says the same).
    sets.record(&mut summary.extra);
    let mut queues = QueuesCsv::new(args.out.join("queues.csv"));
    let mut outcomes = OutcomesCsv::new(args.out.join("outcomes.csv"));
    let mut waits_by_month = WaitsByMonthCsv::new(args.out.join("waits_by_month.csv"));
    // A FLEE folder's own table is out.csv, in FLEE's layout; corridor's scenarios get the arrivals
    // by place and day for intake planning (as many rows as daily.csv: not written where unasked).
    let (mut flee_out, mut arrivals) = match &loaded {
        Loaded::Flee(f) => (Some(FleeOutCsv::new(args.out.join("out.csv"), f)), None),
        Loaded::Corridor(_) => (None, Some(ArrivalsCsv::new(args.out.join("arrivals.csv")))),
    };
    // Caravan members only, for the figures that count them (a scenario with caravans).
    let mut caravans = match &loaded {
        Loaded::Corridor(_) if !scenario.caravans.is_empty() => {
            Some(CaravansCsv::new(&args.out, scenario.caravans.iter().map(|c| c.name.clone())))
        }
        _ => None,
    };
    let mut recorder = Recorder::new();
    let mut outcome_charts = corridor_report::OutcomeCharts::new();
    let result = pool.install(|| {
        let mut sim = Simulation::new(scenario, seed);
        let mut sinks: Vec<&mut dyn Sink> =
            vec![&mut daily, &mut queues, &mut outcomes, &mut waits_by_month, &mut summary];
        if let Some(f) = flee_out.as_mut() {
            sinks.push(f);
        }
        if let Some(a) = arrivals.as_mut() {
            sinks.push(a);
        }
        if let Some(c) = caravans.as_mut() {
            sinks.push(c);
        }
        if !args.no_report {
            sinks.push(&mut recorder);
            sinks.push(&mut outcome_charts);
        }
        sim.run(&mut sinks, |p| {
            if let Some(bar) = &bar {
                bar.set_position(u64::from(p.day));
                let rate = if p.elapsed_seconds > 0.0 { p.agent_steps as f64 / p.elapsed_seconds } else { 0.0 };
                bar.set_message(format!("{} agents, {:.1} M agent-steps/s", p.agents, rate / 1e6));
            }
        })
    });
    crate::progress::clear(&bar);
    let s = match result {
        Ok(s) => s,
        Err(e) => return Err(discard_outputs(&args.out, earlier_run, &before, None, Failure::other(e))),
    };
    let mut written: Vec<PathBuf> = ["daily.csv", "summary.json", "queues.csv", "outcomes.csv"]
        .iter()
        .map(|f| args.out.join(f))
        .chain(flee_out.is_some().then(|| args.out.join("out.csv")))
        .chain(arrivals.is_some().then(|| args.out.join("arrivals.csv")))
        .chain(caravans.iter().flat_map(|_| ["caravans.csv", "caravan_arrivals.csv"].map(|f| args.out.join(f))))
        .chain(waits_by_month.written.then(|| args.out.join("waits_by_month.csv")))
        .collect();
    if let Some(rec) = recorder.finish() {
        let flee = match &loaded {
            Loaded::Flee(f) => Some(f.as_ref()),
            Loaded::Corridor(_) => None,
        };
        match crate::report::write(scenario, flee, &rec, &outcome_charts, &sets, &args.out) {
            Ok(files) => written.extend(files),
            Err(e) => {
                // The run's tables are whole; its summary.json goes with the report (below).
                let tables: Vec<PathBuf> = written.into_iter().filter(|p| !p.ends_with("summary.json")).collect();
                return Err(discard_outputs(&args.out, earlier_run, &before, Some(&tables), e));
            }
        }
    }
    if earlier_run {
        remove_stale_outputs(&args.out, &written).map_err(Failure::other)?;
    }
    summary.commit().map_err(Failure::other)?;
    if !args.quiet {
        eprintln!(
            "{}: {} days, {} agents, {:.2} s ({:.1} M agent-steps/s); outputs in {}",
            scenario.name,
            s.days,
            s.agents_created,
            s.wall_seconds,
            s.agent_steps as f64 / s.wall_seconds.max(1e-9) / 1e6,
            args.out.display()
        );
    }
    Ok(())
}

/// The files `corridor run` may write in its output folder (plots/ holds the report's `*.svg`).
const RUN_OUTPUTS: &[&str] = &[
    "daily.csv",
    "arrivals.csv",
    "caravans.csv",
    "caravan_arrivals.csv",
    "summary.json",
    "queues.csv",
    "outcomes.csv",
    "waits_by_month.csv",
    "out.csv",
    "report.html",
];

/// Removes the file at `path`, if there is one.
fn remove_file_if_there(path: &Path) -> anyhow::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot remove the earlier run's {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// Removes the outputs of the earlier corridor run in `out` that this run, which wrote `written`,
/// did not replace (out.csv after a FLEE folder, report.html and the report's plots after a run with
/// a report), so that the folder holds one run's outputs. Only names `corridor run` writes are
/// touched (not `compare`'s plots, nor a file of the user's), and only when the folder held a
/// corridor run before this one (its summary.json and daily.csv): an out.csv there is then its.
fn remove_stale_outputs(out: &Path, written: &[PathBuf]) -> anyhow::Result<()> {
    let stale = |p: &Path| p.is_file() && !written.iter().any(|w| w == p);
    let remove = |p: &Path| std::fs::remove_file(p).with_context(|| format!("cannot remove stale {}", p.display()));
    for name in RUN_OUTPUTS {
        let p = out.join(name);
        if stale(&p) {
            remove(&p)?;
        }
    }
    let plots = out.join("plots");
    if let Ok(entries) = std::fs::read_dir(&plots) {
        for p in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            let report_plot = p.extension().is_some_and(|x| x == "svg")
                && p.file_stem().and_then(|s| s.to_str()).is_some_and(corridor_report::is_report_plot);
            if report_plot && stale(&p) {
                remove(&p)?;
            }
        }
        // Left only if something else is in it.
        let _ = std::fs::remove_dir(&plots);
    }
    Ok(())
}

/// After `failure` once the outputs began: leaves no folder that passes for a whole run (summary.json
/// beside outputs of another run, or beside a run's outputs without the report it failed to write).
/// With an earlier corridor run in `out`, every output of a run is removed (this run's, partly
/// written, and the earlier one's it began replacing); otherwise, when the run failed, the files it
/// wrote (`before`: the outputs as they were before it), and when its report failed, every file it
/// wrote but its `tables`, which are whole: its summary.json and the report's files. Returns
/// `failure`, saying what was removed.
fn discard_outputs(
    out: &Path,
    earlier_run: bool,
    before: &OutputsBefore,
    tables: Option<&[PathBuf]>,
    failure: Failure,
) -> Failure {
    let removed = if earlier_run {
        remove_stale_outputs(out, &[]).map(|()| "no run's outputs are left in it")
    } else if let Some(tables) = tables {
        // Code review of session 30: the charts written before the report failed were left.
        let (_, failed) = before.remove_written_but(|p| tables.iter().any(|t| t == p));
        if failed.is_empty() {
            Ok("its summary.json and the report's files it wrote were removed: the other files are the run's, without its report")
        } else {
            Err(anyhow::anyhow!("these files, not a whole run, could not be removed: {}", failed.join("; ")))
        }
    } else {
        return before.discard(failure);
    };
    let note = match removed {
        Ok(said) => format!("the run's outputs in {} are not whole: {said}", out.display()),
        Err(e) => format!("{e:#}"),
    };
    Failure { error: anyhow::anyhow!("{:#}; {note}", failure.error), ..failure }
}

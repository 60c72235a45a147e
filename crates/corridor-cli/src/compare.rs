//! `corridor compare [A] [B] [--set KEY=VALUE]...`: run two scenarios with replicates and compare them.

use crate::{pick, pool, runs_at_once, Failure};
use clap::Args;
use corridor::output::write_atomic;
use corridor::overrides::Sets;
use corridor::validate::{run_replicates, waits};
use corridor::Scenario;
use corridor_report::compare::{
    compare_csv, compare_html, compare_plots, rows, split_notes, waiting_places, Replicate, Row, Side,
};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Args)]
pub struct CompareArgs {
    /// Scenario A: a scenario.toml, a folder holding one, a built-in scenario's name (caravan-2018, demo), or
    /// a FLEE input folder. Default: caravan-2018.
    pub a: Option<PathBuf>,
    /// Scenario B (default: A again, changed by --set).
    pub b: Option<PathBuf>,
    /// Override a key of B's scenario TOML by its dotted path (e.g. movement.max_move_speed=150,
    /// seed=7, caravan.2.size=3000, every list entry with a field's value:
    /// 'policy[parameter=mpp.active].value=false'; VALUE is a TOML value), or of a FLEE folder's simsetting.yml
    /// (e.g. move_rules.max_move_speed=150; VALUE is a YAML value). Repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub sets: Vec<String>,
    /// Runs of each scenario, seeds from the scenario's own upward (or from --seed; 1 to 100000).
    #[arg(long, default_value_t = 10, value_parser = crate::memory::replicates)]
    pub replicates: u32,
    /// First seed of both sides' runs (default: each scenario's own seed; the next runs take the next seeds, 0 after the largest); it wins over a `--set seed=`.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Folder for compare.csv, compare.json (what was compared), compare.html, plots/ and, with
    /// institutions, compare_waits_by_month.csv (created if missing, not a scenario's own folder; the default is run's and validate's).
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Worker threads (0, the default: one per core; at most 1024). Results do not depend on it.
    #[arg(long, default_value_t = 0, hide_default_value = true)]
    pub threads: usize,
}

/// Bytes of the key figures a run of `s` keeps (`Replicate::figures`), an upper figure for the memory
/// check: a name and value of at most `FIGURE_BYTES` for each figure `key_figures` can give (its
/// observed figures; two a place, for border cities and camps; two a status, at the end and entries;
/// two a queue, which also covers a country holding people, as each such country has a detention
/// queue; ten more), 109 in caravan-2018 against 221 counted
/// (code review of session 24: a fixed 150 under-counted larger scenarios).
fn figures_kept_bytes(s: &Scenario) -> u64 {
    let queues = s.institutions.as_ref().map_or(0, |inst| corridor::scenario::load::queue_names(inst).len());
    let figures = s.observed.len() + 2 * s.places.len() + 2 * corridor::population::Status::COUNT + 2 * queues + 10;
    figures as u64 * FIGURE_BYTES
}

/// A key figure's bytes: its name's (up to about 70), the allocator's share and the value.
const FIGURE_BYTES: u64 = 100;

/// One side's runs, `run_done` called as each ends (for the progress bar).
fn side(label: String, s: &Scenario, replicates: u32, run_done: &(dyn Fn() + Sync)) -> Result<Side, Failure> {
    let reps = run_replicates(s, s.seed, replicates, |_, rec| {
        run_done();
        Replicate::of(s, rec)
    })
    .map_err(Failure::other)?;
    let [first, last] = corridor::validate::seed_range(s.seed, replicates);
    let seeds = format!("{first}–{last}");
    let (institutions, min_gap) = (s.institutions.is_some(), corridor::validate::min_group_gap(s));
    Ok(Side {
        label,
        start: s.period.start,
        waiting_at: waiting_places(s).1,
        replicates: reps,
        seeds,
        institutions,
        min_gap,
        turn_backs: turn_backs(s),
        metering: metering(s),
        counted: corridor_report::counted::Counted::of(s),
    })
}

/// Whether a port of `s` turns people back on some day: metering on there and then, and
/// `metering.turn_back_chance` above 0 (code review of session 24: without metering no one is).
fn turn_backs(s: &Scenario) -> bool {
    use corridor::policy::Param;
    s.institutions.as_ref().is_some_and(|inst| {
        let p = &inst.params;
        let turns = |k: u32, d: u32| {
            p.on(Param::MeteringActive, Some(k), d) && p.value(Param::MeteringTurnBack, Some(k), d) > 0.0
        };
        // Both values change only on their policies' days (`Params::change_days`).
        let days = p.change_days(&[Param::MeteringActive, Param::MeteringTurnBack], s.period.days);
        (0..inst.ports.len() as u32).any(|k| days.iter().any(|&d| turns(k, d)))
    })
}

/// Each port of `s` and whether metering is on there on each day (`Side::metering`).
fn metering(s: &Scenario) -> Vec<(String, Vec<bool>)> {
    use corridor::policy::Param;
    let Some(inst) = &s.institutions else { return Vec::new() };
    let on = |k: u32, d: u32| inst.params.on(Param::MeteringActive, Some(k), d);
    let days = |k: u32| (0..s.period.days).map(|d| on(k, d)).collect();
    inst.ports.iter().enumerate().map(|(k, p)| (p.name.clone(), days(k as u32))).collect()
}

/// Why B, given by a path (`b_named`) or `--set`s, is A's scenario as it is: none of the sets given
/// (`sets.given`) took effect (`sets` says why), or none was given; or, B another file, its sets made it A's
/// (review 2 of session 18: that was said as "no --set changed A's scenario").
fn unchanged(b_named: bool, sets: &Sets) -> String {
    if sets.given.is_empty() {
        return "B's scenario is A's".into();
    }
    let mut why = sets.without_effect();
    if b_named {
        let with = if sets.changed() { format!(" with {}", sets.took().join(", ")) } else { String::new() };
        let why = if why.is_empty() { String::new() } else { format!(" ({})", why.join("; ")) };
        return format!("B's scenario{with} is A's{why}");
    }
    // Sets that took and still left A's scenario as it is (`pick::load` marks those of values the
    // scenario has already): FLEE settings no rule of the run reads.
    if sets.changed() {
        why.push(format!("{} changing nothing A's run reads", sets.took().join(", ")));
    }
    format!("no --set changed A's scenario ({})", why.join("; "))
}

/// Whether `b` is `a` as it runs: equal, or equal but for the description, to which a FLEE folder's
/// `--set`s append ", with …" when they change a setting (`pick::load` keeps the folder's own
/// description when they change none), which may be one no rule of the run reads.
fn same_scenario(a: &Scenario, b: &Scenario) -> bool {
    a == b || *a == Scenario { description: a.description.clone(), ..b.clone() }
}

/// The table compare prints: each figure by the name compare.html gives it (`Row::name`: in agents
/// when both sides count agents), A's and B's medians and the pairs' difference.
fn terminal_table(table: &[Row]) -> String {
    let w = table.iter().map(|r| r.name.chars().count()).max().unwrap_or(6);
    let pad = |s: &str| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
    // B - A: the pairs' median, which lies within their range (B's median less A's need not).
    let mut out = format!(
        "{} {:>12} {:>12} {:>12} {:>20} {:>8}\n",
        pad("figure"),
        "A median",
        "B median",
        "B - A",
        "B - A, 5–95% of pairs",
        "verdict"
    );
    for r in table {
        // Rounded as the differences are (`corridor_report::whole`, half away from zero; bad-input
        // review of session 32: `{:.0}` rounds half to even, so 988.5 showed as 988 beside +514).
        let m = |x: Option<corridor::validate::Spread>| {
            x.map_or(String::from("-"), |s| corridor_report::whole(s.median).to_string())
        };
        let pairs = r.paired.map_or(String::from("-"), |p| format!("{} to {}", signed(p.p5), signed(p.p95)));
        out.push_str(&format!(
            "{} {:>12} {:>12} {:>12} {:>20} {:>8}\n",
            pad(&r.name),
            m(r.a),
            m(r.b),
            r.change().map_or(String::from("-"), signed),
            pairs,
            if r.paired_t.is_some() { r.verdict() } else { "-" }
        ));
    }
    out
}

/// A difference to whole units with its sign, rounded as compare.html rounds it (`corridor_report::
/// whole`): `+12`, `-3`, and `0` for one that rounds to nothing (policy researcher's review of session
/// 30: -0.32 was printed `-0`).
fn signed(d: f64) -> String {
    let w = corridor_report::whole(d);
    if w > 0 {
        format!("+{w}")
    } else {
        w.to_string()
    }
}

/// The notes printed under the table: compare.html's (`notes`), then, when A and B count differently
/// (people against agents, or agents of other `hasten`), what each counts (review 2 of session 18: a B
/// at `hasten` 1 printed "People created 8996 89991 +80995" with no word that A's were agents of 10).
fn terminal_notes(a: &Side, b: &Side, notes: &[String]) -> Vec<String> {
    let mut all = notes.to_vec();
    all.extend(corridor_report::counted::units_note(a.counted, b.counted));
    all
}

pub fn run(args: CompareArgs) -> Result<(), Failure> {
    // (--replicates is 1 to 100000: `memory::replicates`.)
    // No A: the built-in scenario, as `run` and `validate` take it.
    let a_path = args.a.clone().unwrap_or_else(|| PathBuf::from(corridor::worlds::CARAVAN_2018.name));
    // A's warnings are not said again for B, which is often A's files again.
    let mut said = pick::Said::default();
    let mut a = pick::scenario(args.a.as_deref(), &mut said)?;
    let b_path = args.b.as_ref().unwrap_or(&a_path);
    // B is A again unless named or changed (read once: its warnings are A's; run once: its runs are A's).
    let b_is_a = args.b.is_none() && args.sets.is_empty();
    let (mut b, b_sets) = if b_is_a {
        (a.clone(), Sets::default())
    } else {
        let (b, sets) = pick::load(args.b.as_deref().or(args.a.as_deref()), &args.sets, args.seed, &mut said)?;
        (b.into_scenario(), sets)
    };
    if let Some(seed) = args.seed {
        (a.seed, b.seed) = (seed, seed);
    }
    let pool = pool(args.threads)?;
    let at_once = runs_at_once(&pool, args.replicates);
    // Each side's runs keep two series (people waiting, on the way) a day, their key figures
    // (`figures_kept_bytes`) and their waits by month of joining.
    let kept = |s: &Scenario| crate::memory::kept_per_run(s, 2, figures_kept_bytes(s));
    let per_run = kept(&a).saturating_add(kept(&b));
    let (a_name, b_name) = (a_path.display().to_string(), b_path.display().to_string());
    let both = format!("{a_name} and {b_name}");
    crate::memory::check_job(&[(&a, a_name), (&b, b_name)], at_once, per_run, args.replicates, &both)?;
    crate::create_output_folder(&args.out, &[args.a.as_deref(), args.b.as_deref()])?;
    let started = Instant::now();
    let a_label = format!("A = {}", a_path.display());
    let mut b_label = format!("B = {}", b_path.display());
    // The sets that took effect (not a `--set seed=` that `--seed` won over), named from B, which they
    // change (code review, session 14: A's entries named B's).
    if let Some(took) = b_sets.describe(&b) {
        b_label.push_str(&format!(" with {took}"));
    }
    // The sets that took no effect, as validate's closing line names them (review of session 18: the
    // label left out a beaten seed, and a B with only it read as A's scenario unchanged).
    for note in b_sets.without_effect() {
        b_label.push_str(&format!(" ({note})"));
    }
    // B is A run again: no B and no --set, or a B that is A's scenario as it is (no set took effect,
    // or B named A's files again): its runs are A's, and no change could make a difference.
    let reruns_a = b_is_a || same_scenario(&a, &b);
    let runs = u64::from(args.replicates) * if reruns_a { 1 } else { 2 };
    let (sa, sb) = crate::progress::counting_runs(runs, |run_done| {
        pool.install(|| -> Result<_, Failure> {
            let sa = side(a_label, &a, args.replicates, run_done)?;
            let sb = if reruns_a {
                Side { label: b_label, ..sa.clone() }
            } else {
                side(b_label, &b, args.replicates, run_done)?
            };
            Ok((sa, sb))
        })
    })?;
    let table = rows(&sa, &sb, &a, &b);
    let plots = compare_plots(&sa, &sb).map_err(Failure::other)?;
    let waits_path = args.out.join("compare_waits_by_month.csv");
    // As run writes waits_by_month.csv: with institutions, even if nobody joined a list.
    let has_waits = sa.institutions || sb.institutions;
    let cohorts = |s: &Side| s.replicates.iter().map(|r| r.cohorts.clone()).collect::<Vec<_>>();
    let csv = has_waits.then(|| waits::compare_waits_csv(&cohorts(&sa), &cohorts(&sb)));
    // What was compared, beside the table: compare.csv has figures only.
    let seeds = |s: &Scenario| corridor::validate::seed_range(s.seed, args.replicates);
    let mut what = serde_json::json!({
        "a": { "scenario": a_path.display().to_string(), "name": a.name, "seeds": seeds(&a) },
        "b": { "scenario": b_path.display().to_string(), "name": b.name, "seeds": seeds(&b) },
        "replicates": args.replicates,
    });
    if let Some(b) = what["b"].as_object_mut() {
        b_sets.record(b);
        // B is A run again: its runs are A's, as stderr says (review 2 of session 18).
        b.insert("runs_of_a".into(), reruns_a.into());
    }
    let what = serde_json::to_string_pretty(&what).map_err(Failure::other)? + "\n";
    let notes = split_notes(&table);
    // Said on the page too, beside the ranges it is about (review of session 21: only the terminal said it).
    let few = (args.replicates < 5).then(|| {
        format!(
            "{} replicate(s) each: the 5–95% ranges are of so few runs that they say little; use 10 (the default) or more",
            args.replicates
        )
    });
    // Two scenarios of other periods (adversarial review of session 22: demo against a FLEE folder of
    // 2010 said nothing of it): their figures' days are not the same days.
    let periods = (a.period != b.period).then(|| {
        let span = |s: &Scenario| format!("{} to {} ({} days)", s.period.start, s.period.end(), s.period.days);
        format!("A runs {} and B {}: a figure's days are not the same days on the two sides", span(&a), span(&b))
    });
    let page_notes: Vec<String> = notes.iter().cloned().chain(few.clone()).chain(periods.clone()).collect();
    let html = compare_html(&sa, &sb, &table, &page_notes, &plots);
    // A failure part-way removes what was written (review of session 30: compare.csv and the charts
    // stayed, with nothing to say they were no whole comparison).
    crate::written::whole(&args.out, COMPARE_OUTPUTS, corridor_report::compare::is_compare_plot, || {
        // compare.json, written last, and compare.html stand for a whole comparison: an earlier one's
        // go first, so that a failure part-way leaves none beside tables they do not describe.
        crate::clear_earlier(&args.out.join("compare.json"), |t| crate::json_with(t, &["a", "b", "replicates"]))?;
        crate::clear_earlier(&args.out.join("compare.html"), |t| t.contains(corridor_report::compare::COMPARE_TITLE))?;
        write_atomic(&args.out.join("compare.csv"), compare_csv(&table).as_bytes()).map_err(Failure::other)?;
        crate::write_or_clear(&waits_path, csv, waits::COMPARE_HEADER)?;
        corridor_report::write_pages(&args.out, "compare.html", &html, &plots).map_err(Failure::other)?;
        write_atomic(&args.out.join("compare.json"), what.as_bytes()).map_err(Failure::other)
    })?;
    print!("{}", terminal_table(&table));
    println!("note: {}", corridor_report::compare::verdict_words(args.replicates as usize));
    // Policy researcher's review of session 34: 49,210 against 51,110 showed +1,670, unexplained here.
    println!("note: B - A is the median of the pairs' differences (B's run less A's of the same seed), not B's median less A's");
    for note in terminal_notes(&sa, &sb, &notes) {
        println!("note: {note}");
    }
    if a.seed != b.seed {
        // A `--set seed=` is itself the change (other draws): no hint to undo it.
        let hint = if b_sets.sets_seed() { "" } else { " (give --seed to pair runs of one seed)" };
        eprintln!(
            "note: A's runs start at seed {} and B's at seed {}: each pair compares two independent runs, \
             so the pairs' range is wider than the change's own{hint}",
            a.seed, b.seed
        );
    }
    if let Some(few) = &few {
        eprintln!("note: {few}");
    }
    if let Some(periods) = &periods {
        eprintln!("note: {periods}");
    }
    if has_waits {
        println!(
            "note: court outcomes are the hearings held within the period: a change that moves cases to a later \
             calendar moves their outcomes past the end (those people stay released_in_us or mpp_in_mexico, \
             undecided), so fewer denied is not more granted; people's choices do not respond to policies: \
             compare.html says what these differences can and cannot show"
        );
    }
    if b_is_a {
        eprintln!("warning: no B and no --set: B is A, the same runs");
    } else if reruns_a {
        eprintln!("warning: {}: B is A run again, the same runs", unchanged(args.b.is_some(), &b_sets));
    } else if table.iter().all(|r| r.same_medians()) {
        eprintln!("warning: B's medians equal A's on every figure: the change made no difference here");
    }
    println!(
        "{} replicate{} each in {:.1} s; compare.csv, compare.json{} and compare.html in {}",
        args.replicates,
        if args.replicates == 1 { "" } else { "s" },
        started.elapsed().as_secs_f64(),
        if has_waits { ", compare_waits_by_month.csv (A's and B's waits by month of joining)" } else { "" },
        args.out.display()
    );
    Ok(())
}

/// The files compare writes in its output folder (its charts go in plots/, `is_compare_plot`).
const COMPARE_OUTPUTS: &[&str] = &["compare.csv", "compare_waits_by_month.csv", "compare.html", "compare.json"];

#[cfg(test)]
mod tests;

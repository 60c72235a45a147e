//! `corridor validate` on a FLEE folder: FLEE's error measure (ARD) for corridor's runs beside that of
//! FLEE's own reference runs, and the verdict on the two.

use super::{changed_by, clear_earlier_record, write_spreads, write_what, write_whole, ValidateArgs};
use crate::{pool, runs_at_once, Failure};
use corridor::flee_dir::FleeScenario;
use corridor::output::write_atomic;
use corridor::overrides::Sets;
use corridor::validate::{validation_csv, FigureCheck};
use std::path::Path;
use std::time::Instant;

/// A FLEE folder: FLEE's error measure (ARD) for corridor's runs beside FLEE's reference runs.
pub(super) fn run_flee(args: &ValidateArgs, dir: &Path, flee: &FleeScenario, sets: &Sets) -> Result<(), Failure> {
    let pool = pool(args.threads)?;
    let at_once = runs_at_once(&pool, args.replicates);
    crate::memory::check_fits(&flee.scenario, at_once, &dir.display().to_string())?;
    crate::create_output_folder(&args.out, &[args.scenario.as_deref()])?;
    let seed = args.seed.unwrap_or(flee.scenario.seed);
    let started = Instant::now();
    let v = crate::progress::counting_runs(u64::from(args.replicates), |run_done| {
        pool.install(|| corridor::flee_validate::validate_flee(dir, flee, seed, args.replicates, run_done))
    })
    .map_err(Failure::other)?;
    for why in &v.left_out {
        eprintln!("warning: {why}");
    }
    if v.reference.is_empty() {
        eprintln!(
            "warning: no FLEE run (out-seed*.csv, out.csv) of this scenario in {}: corridor's ARD is given \
             alone, with nothing to be within",
            dir.display()
        );
    }
    // Only sets that took effect: one corridor ignores leaves the runs as FLEE's settings make them.
    if !v.reference.is_empty() && sets.changed() {
        eprintln!(
            "warning: FLEE's reference runs in {} ran with its own simsetting.yml, not with --set {}: the \
             comparison below is with runs of other settings",
            dir.display(),
            sets.took().join(", ")
        );
    }
    for (path, ard) in &v.reference {
        println!("FLEE reference {}: ARD {ard:.4}", path.display());
    }
    let c = &v.check;
    let [first, last] = corridor::validate::seed_range(seed, args.replicates);
    let seeds = if args.replicates == 1 {
        format!("1 seed ({first})")
    } else {
        format!("{} seeds ({first}–{last})", args.replicates)
    };
    println!("corridor, {seeds}: ARD median {:.4}, 5-95% {:.4}-{:.4}", c.spread.median, c.spread.p5, c.spread.p95);
    if !v.reference.is_empty() {
        println!("{}", ard_verdict(c));
        println!("{ARD_NOTE}");
    }
    let path = args.out.join("validation.csv");
    write_whole(&args.out, || {
        clear_earlier_record(&args.out)?;
        write_atomic(&path, validation_csv(std::slice::from_ref(c)).as_bytes()).map_err(Failure::other)?;
        // A FLEE folder's check is its ARD alone: an earlier validate's spreads would pass for this one's.
        write_spreads(&args.out, None, None)?;
        write_what(args, &flee.scenario.name, seed, sets)
    })?;
    println!(
        "{}{}: {:.1} s; {}; what was validated: validate.json",
        flee.scenario.name,
        changed_by(&flee.scenario, sets),
        started.elapsed().as_secs_f64(),
        path.display()
    );
    Ok(())
}

/// What an ARD against FLEE's can and cannot show (statistician's review of session 25: mali2012 with
/// five times FLEE's camp move chance had an ARD of 0.3511, within FLEE's 0.3503-0.3605, while Niamey
/// ended over twice FLEE's count).
const ARD_NOTE: &str = "note: the ARD is one number over every camp and day, led by the largest camps: a \
     changed rule can leave it within FLEE's range, so it is context, not a check of the rules; FLEE's \
     camps are compared one by one, day by day, in corridor's conformance test (docs/flee-compat.md)";

/// How corridor's ARD over its seeds stands against FLEE's reference runs (the check's observed
/// range): a median outside is said with how far, and whether corridor's 5-95% range still meets
/// FLEE's (few reference runs give FLEE a narrow range, one run none). Values are shown to 4
/// decimals, or to 6 where 4 would make different values look equal.
fn ard_verdict(c: &FigureCheck) -> String {
    let (spread, low, high) = (&c.spread, c.observed.low, c.observed.high);
    // One reference run is a point, not a range: a median is seldom on it (FLEE user's review of
    // session 24: "OUTSIDE" by 0.0004, 0.0%). Said as what it is, against corridor's own range.
    let one = low == high;
    let median = spread.median;
    let meets = spread.p5 <= high && spread.p95 >= low;
    let four = |x: f64| format!("{x:.4}");
    let blurred = [(spread.p5, high), (spread.p95, low), (median, low), (median, high)]
        .iter()
        .any(|&(a, b)| a != b && four(a) == four(b));
    let d = if blurred { 6 } else { 4 };
    let range = if one {
        format!("FLEE's reference ARD {low:.d$}")
    } else {
        format!("FLEE's reference range {low:.d$}-{high:.d$}")
    };
    if c.within {
        return format!("corridor's median ARD is within {range}");
    }
    let (gap, side, edge) = if median > high { (median - high, "above", high) } else { (low - median, "below", low) };
    let percent = 100.0 * gap / edge.abs().max(f64::MIN_POSITIVE);
    let meets_it = if one { "includes it" } else { "overlaps it" };
    let corridor = format!(
        "corridor's 5-95% range {:.d$}-{:.d$} {}",
        spread.p5,
        spread.p95,
        if meets { meets_it } else { "does not reach it" }
    );
    if one {
        format!(
            "corridor's median ARD is {gap:.d$} {side} FLEE's one reference run's {low:.d$} ({percent:.1}%); one run \
             gives FLEE no range to be within, and {corridor}"
        )
    } else {
        format!("corridor's median ARD is OUTSIDE {range}: {gap:.d$} {side} it ({percent:.1}% of FLEE's {edge:.d$}); {corridor}")
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::check_of;
    use corridor::validate::Spread;

    /// `validate`'s verdict for corridor's ARD spread against FLEE's range `low..=high`, "within" as
    /// the check says it.
    fn ard_verdict(spread: Spread, low: f64, high: f64) -> String {
        let mut check = check_of(vec![spread.median], low, high);
        check.spread = spread;
        super::ard_verdict(&check)
    }

    #[test]
    fn ard_verdicts_say_how_far_and_whether_the_ranges_meet() {
        let spread = |median, p5, p95| Spread { median, p5, p95 };
        assert_eq!(
            ard_verdict(spread(0.4167, 0.4153, 0.4174), 0.4159, 0.4181),
            "corridor's median ARD is within FLEE's reference range 0.4159-0.4181"
        );
        assert_eq!(
            ard_verdict(spread(0.4851, 0.4844, 0.4858), 0.4840, 0.4847),
            "corridor's median ARD is OUTSIDE FLEE's reference range 0.4840-0.4847: 0.0004 above it (0.1% of \
             FLEE's 0.4847); corridor's 5-95% range 0.4844-0.4858 overlaps it"
        );
        // One reference run: a value, not a range, so not "OUTSIDE" it (FLEE user's review of session
        // 24); and values 4 decimals would blur get 6.
        assert_eq!(
            ard_verdict(spread(0.259_54, 0.259_40, 0.259_98), 0.260_03, 0.260_03),
            "corridor's median ARD is 0.000490 below FLEE's one reference run's 0.260030 (0.2%); one run gives FLEE \
             no range to be within, and corridor's 5-95% range 0.259400-0.259980 does not reach it"
        );
        let one = ard_verdict(spread(1.3976, 1.3970, 1.3985), 1.3980, 1.3980);
        assert!(one.ends_with("corridor's 5-95% range 1.3970-1.3985 includes it"), "{one}");
        let below = ard_verdict(spread(0.50, 0.45, 0.55), 0.60, 0.62);
        assert!(below.contains("0.1000 below it (16.7% of FLEE's 0.6000)"), "{below}");
        assert!(below.ends_with("does not reach it"), "{below}");
    }
}

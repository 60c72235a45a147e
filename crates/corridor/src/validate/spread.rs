//! The spread of a figure over replicates: quantiles, the median with its 5–95% range, and whether
//! the runs fall in two separate groups (a random choice that splits the runs, not noise around one value).

/// The `q` quantile (0..=1) of `values`, linearly interpolated between order statistics; NaN if empty.
pub fn quantile(values: &[f64], q: f64) -> f64 {
    quantile_sorted(&sorted(values), q)
}

/// `quantile` of values already sorted by `f64::total_cmp`, without sorting a copy: for several
/// quantiles of the same values.
pub fn quantile_sorted(v: &[f64], q: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let pos = q.clamp(0.0, 1.0) * (v.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    v[lo] + (v[hi] - v[lo]) * (pos - lo as f64)
}

/// A copy of `values` sorted by `f64::total_cmp`.
fn sorted(values: &[f64]) -> Vec<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

/// A spread's value in a CSV cell: whole numbers as they are, others to one decimal (people and days
/// interpolated between runs: `7.050000000000001` says nothing `7.1` does not).
pub fn csv_number(x: f64) -> String {
    let one = format!("{x:.1}");
    match one.strip_suffix(".0") {
        Some("-0") => "0".to_string(),
        Some(whole) => whole.to_string(),
        None => one,
    }
}

/// The median and the 5–95% range of a figure over replicates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    pub median: f64,
    pub p5: f64,
    pub p95: f64,
}

impl Spread {
    pub fn of(values: &[f64]) -> Spread {
        Spread::of_sorted(&sorted(values))
    }

    /// `Spread::of` values already sorted by `f64::total_cmp`.
    pub fn of_sorted(v: &[f64]) -> Spread {
        Spread { median: quantile_sorted(v, 0.5), p5: quantile_sorted(v, 0.05), p95: quantile_sorted(v, 0.95) }
    }
}

/// Calls `each` with each day's values over runs (`runs[r][day]`; a run shorter than the longest
/// counts on the days it has), sorted by `f64::total_cmp`: a day's values are sorted once, however many
/// quantiles and groups are taken from them.
pub fn each_day_sorted(runs: &[&[f64]], mut each: impl FnMut(&[f64])) {
    let days = runs.iter().map(|r| r.len()).max().unwrap_or(0);
    let mut v = Vec::with_capacity(runs.len());
    for d in 0..days {
        v.clear();
        v.extend(runs.iter().filter_map(|r| r.get(d).copied()));
        v.sort_by(f64::total_cmp);
        each(&v);
    }
}

/// The median, 5th and 95th percentiles of each day over runs (`runs[r][day]`; a run shorter than
/// the longest counts on the days it has).
pub fn by_day(runs: &[&[f64]]) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    by_day_with(runs, |_| {})
}

/// `by_day`, also handing each day's values, sorted, to `also`.
pub fn by_day_with(runs: &[&[f64]], mut also: impl FnMut(&[f64])) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let (mut median, mut p5, mut p95) = (Vec::new(), Vec::new(), Vec::new());
    each_day_sorted(runs, |v| {
        let s = Spread::of_sorted(v);
        median.push(s.median);
        p5.push(s.p5);
        p95.push(s.p95);
        also(v);
    });
    (median, p5, p95)
}

/// Runs whose values lie close together: how many, and their lowest and highest values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Group {
    pub runs: usize,
    pub low: f64,
    pub high: f64,
}

/// Fewer runs than this give a median but no 5–95% range where a spread is over the runs in which
/// something happened (a month's waits, over the runs in which someone of it was served): the range of
/// one or two runs is no spread.
pub const RANGE_MIN_RUNS: usize = 5;

/// The share of further runs that a 5–95% range of `runs` runs holds on average: the 5th and 95th
/// percentiles, interpolated between the sorted runs (`quantile`), lie at ranks 1 + 0.05 (n − 1) and
/// 1 + 0.95 (n − 1), and a further run falls below the run of rank j with chance j / (n + 1), so
/// 0.9 (n − 1) / (n + 1): 74% of further runs for 10 runs, 81% for 20, 86% for 50, short of 90% for
/// any number (statistician's review of session 25).
pub fn range_coverage(runs: usize) -> f64 {
    let n = runs as f64;
    if runs < 2 {
        0.0
    } else {
        0.9 * (n - 1.0) / (n + 1.0)
    }
}

/// Fewer runs than this cannot show two groups apart from chance (`two_groups`).
pub const GROUPS_MIN_RUNS: usize = 10;

/// `range_coverage` in words, for validate's notes and compare.html alike: "From N runs SUBJECT holds
/// on average X% of further runs, not 90%"; None for fewer than two runs, which give no range.
pub fn range_coverage_words(runs: usize, subject: &str) -> Option<String> {
    (runs >= 2).then(|| {
        format!(
            "From {runs} runs {subject} holds on average {:.0}% of further runs, not 90%",
            100.0 * range_coverage(runs)
        )
    })
}

/// Where the median of runs that fall in two groups (`two_groups`) lies, in the words validate's and
/// compare's notes share: with as many runs in each group, halfway between them, a value no run is
/// near; else in the larger group, which the smaller one's runs are far from (statistician's review of
/// session 25: a split of 2 runs against 8 was said to leave the median near no run).
pub fn split_median(groups: &[Group; 2]) -> String {
    let [low, high] = groups;
    match low.runs.cmp(&high.runs) {
        std::cmp::Ordering::Equal => "the median lies between the groups, a value no run is near".into(),
        std::cmp::Ordering::Less => {
            format!("the median lies in the higher group; the lower group's {} runs are far from it", low.runs)
        }
        std::cmp::Ordering::Greater => {
            format!("the median lies in the lower group; the higher group's {} runs are far from it", high.runs)
        }
    }
}

/// The two groups `values` fall in, when they do: among at least `GROUPS_MIN_RUNS` runs, the widest
/// gap between consecutive sorted values spans over half their whole range (a quarter from 20 runs
/// on, where chance seldom leaves such a gap in runs that do not split), over 2% of the largest
/// value's size (a split of 0.3% is noise, however it falls) and at least `min_gap` (a few agents'
/// people: 0 against 10 people is one agent), with a fifth of the runs on each side. Then the median
/// may be a value no run comes near, and the groups say more than the median. Only finite values are
/// counted and sorted, in each of these counts: a NaN (an ARD of nothing) or an infinity is no run's
/// value to group.
pub fn two_groups(values: &[f64], min_gap: f64) -> Option<[Group; 2]> {
    let mut finite: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    finite.sort_by(f64::total_cmp);
    two_groups_sorted(&finite, min_gap)
}

/// `two_groups_sorted` for one of many values looked at together (a place on each of hundreds of
/// days): the half-range rule at any number of runs, as the quarter-range one, right for a figure,
/// would flag about one day in a hundred by chance.
pub fn two_groups_of_many(sorted: &[f64], min_gap: f64) -> Option<[Group; 2]> {
    two_groups_with(finite_part(sorted), min_gap, 0.5)
}

/// `two_groups` of values already sorted by `f64::total_cmp` (which puts the finite ones, the only
/// ones counted, together between the infinities and NaNs).
pub fn two_groups_sorted(sorted: &[f64], min_gap: f64) -> Option<[Group; 2]> {
    // The quarter-range rule from 20 finite values: 19 ARDs and a NaN are 19 runs, not 20.
    let v = finite_part(sorted);
    let share = if v.len() >= 20 { 0.25 } else { 0.5 };
    two_groups_with(v, min_gap, share)
}

/// The finite values of values sorted by `f64::total_cmp`, which puts them together between the
/// negative infinity and NaNs below and the infinity and NaNs above.
fn finite_part(sorted: &[f64]) -> &[f64] {
    match (sorted.iter().position(|x| x.is_finite()), sorted.iter().rposition(|x| x.is_finite())) {
        (Some(first), Some(last)) => &sorted[first..=last],
        _ => &[],
    }
}

/// The groups of the finite values `v`, sorted, whose gap spans over `share` of the range (and the
/// rest of `two_groups`).
fn two_groups_with(v: &[f64], min_gap: f64, share: f64) -> Option<[Group; 2]> {
    let n = v.len();
    let range = v.last()? - v.first()?;
    if range <= 0.0 {
        return None;
    }
    let (cut, gap) = (1..n).map(|i| (i, v[i] - v[i - 1])).max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
    // At least two runs a side, as GROUPS_MIN_RUNS (10) makes a fifth.
    let least = n.div_ceil(5);
    let size = v[0].abs().max(v[n - 1].abs());
    if n < GROUPS_MIN_RUNS
        || gap <= share * range
        || gap <= 0.02 * size
        || gap < min_gap
        || cut < least
        || n - cut < least
    {
        return None;
    }
    let group = |s: &[f64]| Group { runs: s.len(), low: s[0], high: s[s.len() - 1] };
    Some([group(&v[..cut]), group(&v[cut..])])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The share of further runs a 5–95% range holds, as `range_coverage` works it out, against a
    /// count over many draws of a uniform spread: n + 1 values, the last one the further run.
    #[test]
    fn a_range_of_few_runs_holds_fewer_than_nine_in_ten_further_runs() {
        let mut rng = crate::rng::Stream::new(5, crate::rng::Purpose::Movement, 0, 0, 0);
        for n in [10usize, 20, 50] {
            let trials = 20_000;
            let mut inside = 0;
            for _ in 0..trials {
                let runs: Vec<f64> = (0..n).map(|_| rng.uniform()).collect();
                let s = Spread::of(&runs);
                let next = rng.uniform();
                inside += usize::from(s.p5 <= next && next <= s.p95);
            }
            let share = inside as f64 / trials as f64;
            assert!((share - range_coverage(n)).abs() < 0.01, "{n} runs: {share} against {}", range_coverage(n));
        }
        assert_eq!((range_coverage(10) * 100.0).round(), 74.0);
        assert_eq!((range_coverage(20) * 100.0).round(), 81.0);
        assert_eq!((range_coverage(50) * 100.0).round(), 86.0);
    }

    /// Statistician's review of session 25: the median of runs split 2 against 8 lies among the 8.
    #[test]
    fn the_median_of_two_groups_lies_in_the_larger_or_between_equal_ones() {
        let split = |values: &[f64]| {
            let groups = two_groups(values, 0.0).expect("two groups");
            let m = quantile(values, 0.5);
            let within = |g: &Group| g.low <= m && m <= g.high;
            (split_median(&groups), within(&groups[0]), within(&groups[1]))
        };
        let two_eight = [1.0, 1.1, 9.0, 9.1, 9.2, 9.3, 9.4, 9.5, 9.6, 9.7];
        let (said, in_low, in_high) = split(&two_eight);
        assert!(!in_low && in_high && said.starts_with("the median lies in the higher group"), "{said}");
        let eight_two: Vec<f64> = two_eight.iter().map(|x| -x).collect();
        let (said, in_low, in_high) = split(&eight_two);
        assert!(in_low && !in_high && said.starts_with("the median lies in the lower group"), "{said}");
        let five_five = [1.0, 1.1, 1.2, 1.3, 1.4, 9.0, 9.1, 9.2, 9.3, 9.4];
        let (said, in_low, in_high) = split(&five_five);
        assert!(!in_low && !in_high && said.contains("a value no run is near"), "{said}");
    }

    #[test]
    fn two_groups_are_found_only_when_a_gap_splits_the_runs() {
        // The journalist review's case: caravan members reaching Tijuana, seeds 1–10.
        let runs = [4190.0, 6040.0, 5990.0, 6150.0, 5940.0, 4050.0, 4100.0, 4120.0, 4160.0, 6000.0];
        let want = [Group { runs: 5, low: 4050.0, high: 4190.0 }, Group { runs: 5, low: 5940.0, high: 6150.0 }];
        assert_eq!(two_groups(&runs, 0.0), Some(want));
        let even: Vec<f64> = (1..=12).map(f64::from).collect();
        assert_eq!(two_groups(&even, 0.0), None, "evenly spread");
        let outlier = [1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 9.0];
        assert_eq!(two_groups(&outlier, 0.0), None, "one outlier is not a group");
        assert_eq!(two_groups(&[5.0; 12], 0.0), None, "all equal");
        assert_eq!(two_groups(&runs[..9], 0.0), None, "nine runs are too few to tell groups from chance");
        assert_eq!(two_groups(&[], 0.0), None);
        // Session 15 review: a split of 0.3% of the value (the court backlog) is noise.
        let backlog = [
            1_044_840.0,
            1_044_900.0,
            1_044_950.0,
            1_045_000.0,
            1_045_070.0,
            1_047_150.0,
            1_047_300.0,
            1_047_500.0,
            1_047_700.0,
            1_047_980.0,
        ];
        assert_eq!(two_groups(&backlog, 0.0), None);
        // ... and a real one the half-range rule missed: Tijuana's list on Nov 27 2018, 20 seeds,
        // 6 runs 3,600–4,540 and 14 runs 5,460–6,470 (a gap of 32% of the range).
        let tijuana = [
            3600.0, 3800.0, 4000.0, 4200.0, 4400.0, 4540.0, 5460.0, 5530.0, 5600.0, 5680.0, 5750.0, 5820.0, 5900.0,
            5980.0, 6050.0, 6120.0, 6200.0, 6280.0, 6380.0, 6470.0,
        ];
        let want = [Group { runs: 6, low: 3600.0, high: 4540.0 }, Group { runs: 14, low: 5460.0, high: 6470.0 }];
        assert_eq!(two_groups(&tijuana, 0.0), Some(want));
        // Recheck, session 15: at 10 runs a quarter of the range is a gap chance often leaves; and a
        // gap of one agent (0 against 10 people) is no group however the runs fall.
        let ten = [100.0, 110.0, 120.0, 130.0, 180.0, 190.0, 200.0, 205.0, 210.0, 215.0];
        assert_eq!(two_groups(&ten, 0.0), None, "a gap of 43% of the range among 10 runs");
        let one_agent = [
            0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0,
            10.0,
        ];
        assert!(two_groups(&one_agent, 0.0).is_some());
        assert_eq!(two_groups(&one_agent, 30.0), None, "a gap under three agents of 10 people");
    }

    /// Leftover: the quarter-range rule (from 20 runs) counted NaNs and infinities as runs, so 19 ARDs
    /// and a NaN were held to it.
    #[test]
    fn the_quarter_range_rule_counts_only_finite_values_as_runs() {
        // Tijuana's 20 runs without the highest: 19 runs 3,600–6,380, whose widest gap (4,540 to
        // 5,460: 920) is a third of the range (2,780): over a quarter of it, not over half.
        let nineteen = [
            3600.0, 3800.0, 4000.0, 4200.0, 4400.0, 4540.0, 5460.0, 5530.0, 5600.0, 5680.0, 5750.0, 5820.0, 5900.0,
            5980.0, 6050.0, 6120.0, 6200.0, 6280.0, 6380.0,
        ];
        assert_eq!(two_groups(&nineteen, 0.0), None, "19 runs: the half-range rule");
        for odd in [f64::NAN, -f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let mut v = nineteen.to_vec();
            v.insert(7, odd);
            assert_eq!(two_groups(&v, 0.0), None, "19 runs and {odd}");
            assert_eq!(two_groups_sorted(&sorted(&v), 0.0), None, "19 runs and {odd}, sorted");
        }
        // A 20th finite run: the quarter-range rule, NaN or not beside it.
        let mut twenty = nineteen.to_vec();
        twenty.extend([6470.0, f64::NAN]);
        let want = [Group { runs: 6, low: 3600.0, high: 4540.0 }, Group { runs: 14, low: 5460.0, high: 6470.0 }];
        assert_eq!(two_groups(&twenty, 0.0), Some(want));
        assert_eq!(two_groups_sorted(&sorted(&twenty), 0.0), Some(want));
    }

    /// Equal within rounding (`0.1 * 3.0` is not `0.3`).
    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn quantiles_of_unsorted_values_with_infinities_and_nan_are_those_worked_by_hand() {
        // Sorted by total_cmp: -inf, -1, -0, 0, 2, 3, 8.5, 9, inf, NaN (ten values, positions 0..=9).
        let odd = [3.0, f64::NAN, -1.0, f64::INFINITY, 2.0, f64::NEG_INFINITY, 9.0, -0.0, 0.0, 8.5];
        let v = sorted(&odd);
        for q in [quantile(&odd, 0.5), quantile_sorted(&v, 0.5)] {
            assert_eq!(q, 2.5, "halfway between positions 4 and 5 (2 and 3)");
        }
        // Position 6.75: three quarters of the way from 8.5 to 9.
        assert_eq!((quantile(&odd, 0.75), quantile_sorted(&v, 0.75)), (8.875, 8.875));
        for q in [quantile(&odd, 1.0), quantile_sorted(&v, 1.0), quantile(&odd, 0.95)] {
            assert!(q.is_nan(), "NaN sorts last, and a quantile next to it is NaN: {q}");
        }
        assert!(quantile(&[], 0.5).is_nan());
        // Out-of-range q is clamped: the extremes.
        assert_eq!((quantile(&[4.0, 1.0], -1.0), quantile(&[4.0, 1.0], 2.0)), (1.0, 4.0));
        // The caravan case, unsorted: 4050 4100 4120 4160 4190 | 5940 5990 6000 6040 6150.
        let split = [4190.0, 6040.0, 5990.0, 6150.0, 5940.0, 4050.0, 4100.0, 4120.0, 4160.0, 6000.0];
        let want = [Group { runs: 5, low: 4050.0, high: 4190.0 }, Group { runs: 5, low: 5940.0, high: 6150.0 }];
        assert_eq!(two_groups_sorted(&sorted(&split), 0.0), Some(want));
        // Median between positions 4 and 5; p5 at position 0.45, p95 at 8.55.
        let s = Spread::of(&split);
        assert_eq!(s.median, (4190.0 + 5940.0) / 2.0);
        assert!(close(s.p5, 4050.0 + 0.45 * 50.0), "{s:?}");
        assert!(close(s.p95, 6040.0 + 0.55 * 110.0), "{s:?}");
        // Seven finite values among the odd ones are too few for groups, however they fall.
        assert_eq!(two_groups(&odd, 0.0), None);
    }

    #[test]
    fn by_day_takes_each_days_quantiles_over_the_runs_that_reach_it() {
        // Day 0: 5, 2, 9 (sorted 2, 5, 9); day 1: 1 and 3 (the second run ends after day 0).
        let runs: [&[f64]; 3] = [&[5.0, 1.0], &[2.0], &[9.0, 3.0]];
        let (median, p5, p95) = by_day(&runs);
        assert_eq!(median, [5.0, 2.0]);
        // p5 at position 0.05 * 2 = 0.1 on day 0 (2 + 0.1 * 3), 0.05 on day 1 (1 + 0.05 * 2).
        assert!(close(p5[0], 2.3) && close(p5[1], 1.1), "{p5:?}");
        // p95 at position 1.9 on day 0 (5 + 0.9 * 4), 0.95 on day 1 (1 + 0.95 * 2).
        assert!(close(p95[0], 8.6) && close(p95[1], 2.9), "{p95:?}");
        assert_eq!((p5.len(), p95.len()), (2, 2));
    }

    #[test]
    fn csv_numbers_keep_whole_values_and_round_the_rest_to_one_decimal() {
        assert_eq!(csv_number(4050.0), "4050");
        assert_eq!(csv_number(7.050000000000001), "7.1");
        assert_eq!(csv_number(0.95), "0.9", "to even, as format does");
        assert_eq!(csv_number(1322.5), "1322.5");
        assert_eq!(csv_number(60.99999999999999), "61", "a whole number after rounding has no .0");
        assert_eq!(csv_number(-0.01), "0");
    }
}

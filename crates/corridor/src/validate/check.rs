//! One observed figure checked against the runs (`FigureCheck`): its spread, verdict, share of runs
//! in range and groups of runs, and validation.csv's rows of them.

use super::spread::{two_groups, Group, Spread};
use crate::scenario::Observed;

/// Two groups of runs as text: `5 runs 4050–4190; 5 runs 6000–6110` (whole numbers as such, people;
/// others, an ARD between 0 and 1, to four decimals).
pub fn groups_text(g: &[Group; 2]) -> String {
    // As the table rounds: whole people for counts and means of counts, decimals for small values
    // (shares, ARD).
    let num = |x: f64| if x.fract() == 0.0 || x.abs() >= 100.0 { format!("{x:.0}") } else { format!("{x:.4}") };
    let one = |g: &Group| format!("{} runs {}–{}", g.runs, num(g.low), num(g.high));
    format!("{}; {}", one(&g[0]), one(&g[1]))
}

/// One observed figure checked against the replicates.
#[derive(Clone, Debug)]
pub struct FigureCheck {
    pub observed: Observed,
    /// The figure's value in each replicate, in replicate order.
    pub values: Vec<f64>,
    pub spread: Spread,
    pub within: bool,
    /// The least gap between two groups of runs (`two_groups`): a few agents' people for counts.
    pub min_gap: f64,
}

impl FigureCheck {
    /// How far the median lies outside the observed range, relative to the nearer bound: +1.28 for
    /// 128% above the upper bound, -0.43 for 43% below the lower one; None when within (or when the
    /// bound is 0 or there is no range).
    pub fn beyond(&self) -> Option<f64> {
        let (m, o) = (self.spread.median, &self.observed);
        if m > o.high && o.high > 0.0 && o.high.is_finite() {
            Some(m / o.high - 1.0)
        } else if m < o.low && o.low > 0.0 {
            Some(m / o.low - 1.0)
        } else {
            None
        }
    }

    /// The share of runs whose value lies in the observed range (None without a range or runs): the
    /// verdict reads the median alone (statistician's review of session 25: a figure "within" with 73%
    /// of runs in range, one "OUTSIDE" by 0.5% with 26%).
    pub fn runs_within(&self) -> Option<f64> {
        let o = &self.observed;
        if o.low.is_nan() || o.high.is_nan() || self.values.is_empty() {
            return None;
        }
        let inside = self.values.iter().filter(|&&v| v >= o.low && v <= o.high).count();
        Some(inside as f64 / self.values.len() as f64)
    }

    /// The median over the figure the source reports (`Observed::reported`), when there is one above 0.
    pub fn over_reported(&self) -> Option<f64> {
        self.observed.reported.filter(|&r| r > 0.0).map(|r| self.spread.median / r)
    }

    /// The two groups the runs fall in (`two_groups`) as text, `5 runs 4050–4190; 5 runs 5940–6150`;
    /// empty when they do not.
    pub fn groups_text(&self) -> String {
        self.groups().as_ref().map_or(String::new(), groups_text)
    }

    /// The two groups the runs fall in (`two_groups`, with this figure's `min_gap`), if they do.
    pub fn groups(&self) -> Option<[Group; 2]> {
        two_groups(&self.values, self.min_gap)
    }

    pub fn new(observed: &Observed, values: Vec<f64>) -> FigureCheck {
        let spread = Spread::of(&values);
        FigureCheck {
            observed: observed.clone(),
            within: spread.median >= observed.low && spread.median <= observed.high,
            values,
            spread,
            min_gap: 0.0,
        }
    }

    /// The check, with groups of runs told apart only by a gap of at least `min_gap`.
    pub fn with_min_gap(mut self, min_gap: f64) -> FigureCheck {
        self.min_gap = min_gap;
        self
    }
}

/// `validation.csv`: one row per figure.
pub fn validation_csv(checks: &[FigureCheck]) -> String {
    use crate::output::daily::csv_field;
    let mut s = String::from(
        "figure,metric,role,observed_low,observed_high,median,p5,p95,within,runs_within,beyond_range,groups,reported,median_over_reported,replicates,source\n",
    );
    for c in checks {
        let o = &c.observed;
        // No observed range (NaN bounds: e.g. a FLEE folder without FLEE's runs): empty cells.
        let bound = |x: f64| if x.is_nan() { String::new() } else { x.to_string() };
        let within = if o.low.is_nan() && o.high.is_nan() { String::new() } else { c.within.to_string() };
        let beyond = c.beyond().map_or(String::new(), |b| format!("{:.3}", b));
        let runs_within = c.runs_within().map_or(String::new(), |r| format!("{r:.3}"));
        s.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{runs_within},{beyond},{},{},{},{},{}\n",
            csv_field(&o.name),
            o.metric,
            o.role.name(),
            bound(o.low),
            bound(o.high),
            c.spread.median,
            c.spread.p5,
            c.spread.p95,
            within,
            csv_field(&c.groups_text()),
            o.reported.map_or(String::new(), |r| r.to_string()),
            c.over_reported().map_or(String::new(), |x| format!("{x:.3}")),
            c.values.len(),
            csv_field(&o.source)
        ));
    }
    s
}

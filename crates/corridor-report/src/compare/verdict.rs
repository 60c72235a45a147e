//! Whether B changed a figure beyond run-to-run noise: the paired-t 95% confidence interval of the
//! mean difference over pairs of runs (B's run i less A's run i), as compare's `verdict` says it.

use statrs::distribution::{ContinuousCDF, StudentsT};

/// The confidence level of the interval.
pub const LEVEL: f64 = 0.95;

/// The mean of the pairs' differences and its confidence interval (Law and Kelton's paired-t
/// comparison of two simulated systems, which common random numbers make narrow).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PairedT {
    pub pairs: usize,
    pub mean: f64,
    /// Half the interval's width: None with one pair (no spread to judge the noise by).
    pub half_width: Option<f64>,
}

impl PairedT {
    /// The interval over `differences` (B − A for each pair of runs); None with no pairs.
    pub fn of(differences: &[f64]) -> Option<PairedT> {
        let n = differences.len();
        if n == 0 {
            return None;
        }
        let mean = differences.iter().sum::<f64>() / n as f64;
        let half_width = (n > 1).then(|| {
            let var = differences.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
            let t =
                StudentsT::new(0.0, 1.0, (n - 1) as f64).map_or(f64::INFINITY, |t| t.inverse_cdf(0.5 + LEVEL / 2.0));
            t * (var / n as f64).sqrt()
        });
        Some(PairedT { pairs: n, mean, half_width })
    }

    /// The interval's ends, when it has one.
    pub fn interval(&self) -> Option<(f64, f64)> {
        self.half_width.map(|h| (self.mean - h, self.mean + h))
    }

    /// `up` or `down` when the interval lies above or below zero, `none` when every pair is level
    /// (mean and spread zero), `unclear` otherwise: within run-to-run noise, or one pair alone. Every pair
    /// changed by the same amount gives an interval of no width, which says nothing of the noise: the
    /// sign alone must then tell (a sign test: all n pairs one way has chance 2^(1−n) under noise, below
    /// 5% from 6 pairs), else `unclear` (policy researcher's review of session 34: two pairs, each one
    /// agent down, said `down`).
    pub fn verdict(&self) -> &'static str {
        // No width, or only rounding's (diff review of session 34: 34.2 in two pairs, as floats, gave
        // an interval 1e-12 wide, and `up`).
        let no_spread = self.half_width.is_some_and(|h| h <= 1e-9 * self.mean.abs());
        if no_spread && self.mean != 0.0 && 2f64.powi(1 - self.pairs as i32) >= 1.0 - LEVEL {
            return "unclear";
        }
        match self.interval() {
            Some((low, _)) if low > 0.0 => "up",
            Some((_, high)) if high < 0.0 => "down",
            Some((low, high)) if low == 0.0 && high == 0.0 => "none",
            None if self.mean == 0.0 => "none",
            _ => "unclear",
        }
    }
}

/// What the verdicts mean with `runs` pairs, for the page and the terminal.
pub fn verdict_words(runs: usize) -> String {
    let rule = "up or down when the 95% confidence interval of the mean difference over the pairs of runs \
                (paired t) lies above or below zero (when every pair changed by the same amount, only from 6 \
                pairs: a sign test); none when every pair is level; unclear otherwise: within run-to-run noise";
    if runs < 2 {
        format!("verdict: {rule}. One pair gives no interval: use 2 replicates or more (10 for a steady one)")
    } else {
        format!("verdict: {rule}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The interval by hand: differences 1, 2, 3 have mean 2, standard deviation 1, and t(2, 0.975)
    /// = 4.3027, so the half-width is 4.3027 / √3 = 2.4842.
    #[test]
    fn the_interval_is_the_paired_t() {
        let t = PairedT::of(&[1.0, 2.0, 3.0]).unwrap();
        assert_eq!((t.pairs, t.mean), (3, 2.0));
        assert!((t.half_width.unwrap() - 4.302_652_7 / 3f64.sqrt()).abs() < 1e-6, "{t:?}");
        assert_eq!(t.verdict(), "unclear", "the interval -0.48 to 4.48 holds zero");
        assert!(PairedT::of(&[]).is_none());
    }

    /// Policy researcher's review of session 32: compare showed the pairs' range but did not say when a
    /// difference was within run-to-run noise. Each figure now has a verdict.
    #[test]
    fn verdicts_tell_changes_from_noise() {
        let v = |d: &[f64]| PairedT::of(d).unwrap().verdict();
        // The tutorial's later vote: four pairs, all near -5,600.
        assert_eq!(v(&[-5553.0, -5651.0, -5585.0, -5600.0]), "down");
        assert_eq!(v(&[5.0, -30.0, 73.0, 10.0, -5.0, 20.0]), "unclear");
        assert_eq!(v(&[0.0; 6]), "none");
        // Every pair the same change: the sign alone tells, from 6 pairs (review of session 34: two
        // pairs each one agent down said `down`).
        assert_eq!(v(&[-10.0, -10.0]), "unclear");
        assert_eq!(v(&[34.200000000000045, 34.20000000000027]), "unclear", "alike but for rounding");
        assert_eq!(v(&[500.0; 5]), "unclear");
        assert_eq!(v(&[500.0; 6]), "up");
        // One pair: no spread to judge by.
        assert_eq!((v(&[7.0]), v(&[0.0])), ("unclear", "none"));
    }
}

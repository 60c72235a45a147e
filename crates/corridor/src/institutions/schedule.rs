//! When a waiting person next meets its small daily chances (raids, offices, leaving a list, IOM): the
//! day is drawn once, by thinning a Bernoulli process against a bound, and the days between are skipped.
//!
//! The daily model: on each day an agent in a waiting state meets a chain of independent chances
//! p₁(d), p₂(d), … in a fixed order, the first that happens wins. With one uniform u per day split
//! along the chain (`Chain`), something happens with probability h(d) = 1 − Π(1 − pₖ(d)).
//! Drawing u each day costs a hash per person per day; instead, for days in a window [s, e) where
//! every h(d) ≤ H (each pₖ is monotone in the day and in the shelter hardship, so H is h with each
//! pₖ at its larger end of the window and hardship at its per-place bound), the days with u < H form
//! a Bernoulli(H) process: the first is drawn at once as a geometric variable (`draw`). On that
//! candidate day u is uniform on [0, H), so the event happens when u < h(d), and which one follows
//! from the chain: exactly the daily model's distribution. A day past the window, a change of the
//! agent's state (status, place, goal, flags), of any policy value, or a raised hardship bound makes
//! the next look a fresh one (H = 1, an ordinary daily draw), which is exact by memorylessness.

use crate::rng::{quick_uniform, Purpose};

/// Days per thinning window (windows are aligned to multiples of this, so a window's end is a
/// function of any day inside it). Assumption: waiting chances grow over months, so a month-long
/// window keeps the bound tight while costing one fresh look per person per month.
pub const WINDOW: u32 = 32;

/// Marks a `next` day as a candidate event day (top bit); otherwise the next look is a fresh one.
pub const CANDIDATE: u32 = 1 << 31;

/// The day part of a `next` value.
pub const DAY: u32 = CANDIDATE - 1;

/// Sub-purposes of the draws (keyed by agent and day, independent of every other draw).
pub const SUB_NEXT: u32 = 12 + 64;
pub const SUB_EVENT: u32 = 13 + 64;

/// One uniform split along a chain of independent daily chances; the first that happens wins.
#[derive(Clone, Copy, Debug)]
pub struct Chain {
    /// Uniform on [0, 1) given the chances passed so far; after a hit, uniform on [0, p).
    pub u: f64,
}

impl Chain {
    /// Whether the next chance `p` of the chain happens; if not, `u` is rescaled onto the rest.
    #[inline]
    pub fn hit(&mut self, p: f64) -> bool {
        if self.u < p {
            return true;
        }
        self.u = (self.u - p) / (1.0 - p); // p < 1 here, as u < 1
        false
    }
}

/// Probability that at least one of the independent chances `ps` happens (each clamped to [0, 1]).
#[inline]
pub fn combined(ps: &[f64]) -> f64 {
    1.0 - ps.iter().fold(1.0, |q, p| q * (1.0 - p.clamp(0.0, 1.0)))
}

/// End (exclusive) of the window holding `day`, no later than `limit` and no earlier than `day`.
#[inline]
pub fn window_end(day: u32, limit: u32) -> u32 {
    ((day / WINDOW + 1) * WINDOW).min(limit).max(day)
}

/// The uniform of the agent's look on `day`.
#[inline]
pub fn look_uniform(seed: u64, id: u32, day: u32) -> f64 {
    quick_uniform(seed, Purpose::Institution, SUB_EVENT, id, day)
}

/// The next look from `start` for an agent whose daily chance is at most `bound` on the days
/// `start..end`: the first candidate day (`| CANDIDATE`) if it falls before `end`, else a fresh look
/// on `end`.
#[inline]
pub fn draw(seed: u64, id: u32, start: u32, end: u32, bound: f64) -> u32 {
    if end <= start {
        return start;
    }
    if bound >= 1.0 {
        return start | CANDIDATE;
    }
    if bound <= 0.0 {
        return end;
    }
    let u = quick_uniform(seed, Purpose::Institution, SUB_NEXT, id, start);
    // P(k) = (1 − H)^k H for k = 0, 1, …: days skipped before the first candidate.
    let k = ((1.0 - u).ln() / (1.0 - bound).ln()).floor();
    if k < f64::from(end - start) {
        (start + k as u32) | CANDIDATE
    } else {
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_picks_each_chance_with_its_daily_probability() {
        let ps = [0.1, 0.3, 0.5];
        let n = 200_000u32;
        let mut hits = [0u32; 4];
        for i in 0..n {
            let mut c = Chain { u: look_uniform(3, i, 7) };
            let k = ps.iter().position(|&p| c.hit(p)).unwrap_or(3);
            hits[k] += 1;
        }
        // First success wins: 0.1, 0.9·0.3, 0.9·0.7·0.5, and none 0.9·0.7·0.5.
        for (k, q) in [0.1, 0.27, 0.315, 0.315].into_iter().enumerate() {
            let sd = (f64::from(n) * q * (1.0 - q)).sqrt();
            assert!((f64::from(hits[k]) - f64::from(n) * q).abs() < 5.0 * sd, "{k}: {hits:?}");
        }
        assert!((combined(&ps) - 0.685).abs() < 1e-12);
    }

    #[test]
    fn windows_are_aligned_and_capped() {
        assert_eq!(window_end(0, u32::MAX), WINDOW);
        assert_eq!(window_end(WINDOW - 1, u32::MAX), WINDOW);
        assert_eq!(window_end(WINDOW, u32::MAX), 2 * WINDOW);
        assert_eq!(window_end(5, 9), 9);
        assert_eq!(window_end(12, 9), 12);
    }
}

//! Whether a day's agent pass is shared among the pool's threads: only when the time other threads
//! could take off this one pays for waking them. It changes the speed only, never a result.

use super::tally::Tally;

/// The time (ns) that other threads must be able to take off the calling thread, judging by the last
/// pass, for a day's pass to be shared among threads. Below it, waking them costs more than they save
/// (on the project's 2-core VM, caravan-2018 ran 10-20% slower on two threads than on one when every
/// pass was shared). Assumption, from the crossover measured there: BENCHMARKS.md, "Session 29".
pub const SHARED_NANOS: u64 = 100_000;

/// How the passes are shared: by the last pass's times (the default), or, for tests of results on
/// any number of threads, always or every other day.
#[derive(Clone, Copy, Debug)]
pub struct Sharing {
    /// Time (ns) other threads must take off this one for a pass to be shared.
    threshold: u64,
    /// The last pass's time in all and in its slowest chunk (None before the first pass).
    last: Option<(u64, u64)>,
    /// Every other pass shared, whatever the times (`alternating`).
    alternate: bool,
    /// Whether the last pass was shared.
    shared: bool,
}

impl Default for Sharing {
    fn default() -> Self {
        Sharing { threshold: SHARED_NANOS, last: None, alternate: false, shared: false }
    }
}

impl Sharing {
    /// Every pass shared, whatever its work.
    pub fn always() -> Self {
        Sharing { threshold: 0, ..Sharing::default() }
    }

    /// Every other pass shared, the first one included: a run of shared and unshared days.
    pub fn alternating() -> Self {
        Sharing { alternate: true, ..Sharing::default() }
    }

    /// Whether today's pass is shared among `threads` threads: whether, by the last pass's times, the
    /// other threads would take the threshold's time off this one. The first pass is shared.
    pub(crate) fn parallel(&mut self, threads: usize) -> bool {
        if threads < 2 {
            return false;
        }
        self.shared = match self.last {
            _ if self.alternate => !self.shared,
            None => true,
            // A thread takes at least the slowest chunk, and at least its share of the whole.
            Some((all, slowest)) => all - slowest.max(all.div_ceil(threads as u64)) >= self.threshold,
        };
        self.shared
    }

    /// Notes the times of the pass that filled `tallies` (one per chunk).
    pub(crate) fn saw(&mut self, tallies: &[Tally]) {
        let times = tallies.iter().map(|t| t.elapsed_ns);
        self.last = Some((times.clone().sum(), times.max().unwrap_or(0)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(times: &[u64]) -> Sharing {
        let tallies: Vec<Tally> = times.iter().map(|&t| Tally { elapsed_ns: t, ..Tally::default() }).collect();
        let mut s = Sharing::default();
        s.saw(&tallies);
        s
    }

    #[test]
    fn one_thread_never_shares() {
        assert!(!Sharing::default().parallel(1));
        assert!(!after(&[1_000_000, 1_000_000]).parallel(1));
        assert!(!Sharing::always().parallel(1));
        assert!(!Sharing::alternating().parallel(1));
    }

    #[test]
    fn the_first_pass_is_shared() {
        assert!(Sharing::default().parallel(2));
    }

    #[test]
    fn shared_when_other_threads_would_take_enough_time_off() {
        // Two even chunks of 150 µs: another thread takes 150 µs off this one.
        assert!(after(&[150_000, 150_000]).parallel(2));
        // Two even chunks of 40 µs: 40 µs, not worth waking a thread.
        assert!(!after(&[40_000, 40_000]).parallel(2));
        // One slow chunk and two quick ones: the others take only 60 µs off.
        assert!(!after(&[30_000, 900_000, 30_000]).parallel(2));
        // Four even chunks on two threads: half the time, 200 µs.
        assert!(after(&[100_000; 4]).parallel(2));
        // One chunk: nothing to share.
        assert!(!after(&[5_000_000]).parallel(2));
        // `always` shares a pass whose chunks took no time at all (untimed).
        let mut always = Sharing::always();
        always.saw(&[Tally::default(), Tally::default()]);
        assert!(always.parallel(2));
    }

    #[test]
    fn alternating_shares_every_other_pass() {
        let mut s = Sharing::alternating();
        let turns: Vec<bool> = (0..4).map(|_| s.parallel(2)).collect();
        assert_eq!(turns, [true, false, true, false]);
    }
}

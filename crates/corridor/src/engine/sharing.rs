//! Whether a day's agent pass is shared among the pool's threads: only when the time other threads
//! could take off this one pays for waking them. It changes the speed only, never a result.

use super::tally::Tally;

/// The time (ns) that other threads must be able to take off the calling thread, judging by the last
/// pass, for a day's pass to be shared among threads. Below it, waking them costs more than they save
/// (on the project's 2-core VMs caravan-2018 ran 10-20% slower on two threads than on one).
/// Assumption, from the crossover measured there: BENCHMARKS.md, "Session 29".
pub const SHARED_NANOS: u64 = 100_000;

/// The time each chunk of the last pass took, which decides whether the next one is shared.
#[derive(Clone, Copy, Debug)]
pub struct Sharing {
    /// Time (ns) other threads must take off this one for a pass to be shared.
    threshold: u64,
    /// The last pass's time in all and in its slowest chunk (None before the first pass).
    last: Option<(u64, u64)>,
}

impl Default for Sharing {
    fn default() -> Self {
        Sharing { threshold: SHARED_NANOS, last: None }
    }
}

impl Sharing {
    /// Every pass shared, whatever its work (for tests of results on any number of threads).
    pub fn always() -> Self {
        Sharing { threshold: 0, last: None }
    }

    /// Whether today's pass is shared among `threads` threads: whether, by the last pass's times, the
    /// other threads would take the threshold's time off this one. The first pass is shared.
    pub fn parallel(&self, threads: usize) -> bool {
        let Some((all, slowest)) = self.last else { return threads > 1 };
        // A thread takes at least the slowest chunk, and at least its share of the whole.
        let kept = slowest.max(all.div_ceil(threads.max(1) as u64));
        threads > 1 && all - kept >= self.threshold
    }

    /// Notes the times of the pass that filled `tallies` (one per chunk).
    pub fn saw(&mut self, tallies: &[Tally]) {
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
        assert!(Sharing { last: Some((80_000, 40_000)), ..Sharing::always() }.parallel(2));
    }
}

//! Progress shown on a terminal while a command works: the days of one run, or the runs of several
//! (validate's and compare's replicates). None when stderr is not a terminal, so logs stay clean.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// A bar of `len` steps in `template`'s words; none when stderr is not a terminal or `quiet` is set.
fn bar(quiet: bool, len: u64, template: &str) -> Option<ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(len);
    bar.set_style(ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()));
    // Drawn at once, and its clock kept going between steps: a run of an ensemble can take a minute
    // (scale review of session 35: nothing showed until the first run ended).
    bar.enable_steady_tick(std::time::Duration::from_millis(500));
    Some(bar)
}

/// The days of one run (`corridor run`), with its agents and speed as the message.
pub fn days(quiet: bool, days: u64) -> Option<ProgressBar> {
    bar(quiet, days, "day {pos}/{len} {bar:30} {msg} [{elapsed_precise}]")
}

/// Runs `work`, an ensemble of `runs` runs (`validate`, `compare`), with a bar of the runs done on a
/// terminal: hundreds of them take minutes, which a silent terminal would leave the user to guess
/// (session 30). `work` is given the callback to call as each run ends (from the thread that ran it);
/// the bar is cleared before the command prints its results.
pub fn counting_runs<T>(runs: u64, work: impl FnOnce(&(dyn Fn() + Sync)) -> T) -> T {
    let bar = bar(false, runs, "run {pos}/{len} {bar:30} [{elapsed_precise}, about {eta} left]");
    let done = work(&|| {
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    });
    clear(&bar);
    done
}

/// Clears `bar` from the terminal, if there is one, before the command prints its results.
pub fn clear(bar: &Option<ProgressBar>) {
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
}

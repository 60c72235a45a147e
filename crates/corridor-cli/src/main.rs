//! The `corridor` command: argument parsing, progress display and exit codes. No model logic lives here;
//! it calls the `corridor` library. Exit codes: 0 success, 2 bad input, 1 any other failure.

mod bench;
mod compare;
mod entries;
mod memory;
mod pick;
mod progress;
mod report;
mod run;
mod validate;
mod written;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "corridor",
    version,
    about = "Simulate a migration corridor and the asylum system around it, day by day."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario and write its outputs (daily.csv, arrivals.csv or a FLEE folder's out.csv,
    /// with caravans caravans.csv and caravan_arrivals.csv, queues.csv, with institutions
    /// waits_by_month.csv, outcomes.csv, summary.json, report.html and its plots/) to a folder.
    Run(run::RunArgs),
    /// Run a scenario with several seeds and check it against its observed figures (validation.csv), with
    /// the people at and arriving at each place each day over the runs (places.csv) and the waits by
    /// month of joining each list over the runs (waits_by_month_spread.csv, with institutions).
    Validate(validate::ValidateArgs),
    /// Run two scenarios (or one and a changed copy) with several seeds and compare them.
    Compare(compare::CompareArgs),
    /// Measure the day loop on a generated corridor: agent-steps per second and peak memory.
    Bench(bench::BenchArgs),
    /// List a scenario's numbered entries as --set names them (caravan.2, caravan.2.pause.0, port.0,
    /// policy.16...), each with what it is.
    Entries(entries::EntriesArgs),
    /// Write a built-in scenario's files (scenario.toml, locations.csv, ...) to a folder, to edit.
    Export(entries::ExportArgs),
}

/// An error with the exit code it should give.
pub struct Failure {
    pub code: u8,
    pub error: anyhow::Error,
    /// Lines printed after the error, each as `note: …` (how to read a built-in scenario's lines).
    pub notes: Vec<String>,
}

impl Failure {
    pub fn input(error: impl Into<anyhow::Error>) -> Self {
        Failure { code: 2, error: error.into(), notes: Vec::new() }
    }
    pub fn other(error: impl Into<anyhow::Error>) -> Self {
        Failure { code: 1, error: error.into(), notes: Vec::new() }
    }
}

fn main() -> ExitCode {
    // Output piped into a program that stops reading (`corridor entries | head`) ends the process
    // quietly, as for any Unix tool, instead of a panic at the next line printed.
    #[cfg(unix)]
    // SAFETY: run first, before any thread starts; restores the default action of one signal.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    // A terminal write that fails (stdout or stderr on a full disk, `> /dev/full`) panics in the print
    // macros. It ends the command with exit 1 and no panic message (scale review of session 35: exit
    // 101 with a backtrace); any other panic goes on as one.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !is_print_failure(info.payload()) {
            hook(info);
        }
    }));
    let command = std::panic::AssertUnwindSafe(move || match cli.command {
        Command::Run(args) => run::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Bench(args) => bench::bench(args),
        Command::Entries(args) => entries::entries(args),
        Command::Export(args) => entries::export(args),
    });
    let result = match std::panic::catch_unwind(command) {
        Ok(result) => result,
        Err(payload) if is_print_failure(payload.as_ref()) => {
            use std::io::Write as _;
            let _ = writeln!(std::io::stderr(), "error: could not write to the terminal's output");
            return ExitCode::from(1);
        }
        Err(payload) => std::panic::resume_unwind(payload),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            use std::io::Write as _;
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "error: {}", one_line(&format!("{:#}", f.error)));
            for note in &f.notes {
                let _ = writeln!(err, "note: {}", one_line(note));
            }
            ExitCode::from(f.code)
        }
    }
}

/// Whether a panic's payload is the print macros' own, on a failed write to stdout or stderr.
fn is_print_failure(payload: &(dyn std::any::Any + Send)) -> bool {
    let text = payload.downcast_ref::<String>().map(String::as_str).or_else(|| payload.downcast_ref::<&str>().copied());
    text.is_some_and(|t| t.starts_with("failed printing to std"))
}

/// `text` on one line, as error messages and warnings keep to (docs/scenario-format.md): line ends and
/// other control characters a value brought in (a place named `"Tapa\nchula"` in a CSV cell) written
/// as escapes (`\n`, `\r`, `\t`, `\u{1b}`).
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    out
}

/// How many of `replicates` runs `pool` runs side by side (one per thread).
pub fn runs_at_once(pool: &rayon::ThreadPool, replicates: u32) -> usize {
    pool.current_num_threads().min(replicates as usize).max(1)
}

/// Writes `text` to `path`; with none, removes an earlier command's file there, which would otherwise
/// pass for this run's. Such a file is told by the first three columns of `header` (the file's
/// header now), which every version of the file has: columns are added at the end (review of session
/// 22: the columns added then left files of the older header behind).
pub fn write_or_clear(path: &std::path::Path, text: Option<String>, header: &str) -> Result<(), Failure> {
    let start: String = header.split_inclusive(',').take(3).collect();
    match text {
        Some(t) => corridor::output::write_atomic(path, t.as_bytes()).map_err(Failure::other),
        None if starts_with(path, &start) => std::fs::remove_file(path)
            .map_err(|e| Failure::other(anyhow::anyhow!("cannot remove stale {}: {e}", path.display()))),
        None => Ok(()),
    }
}

/// Whether the file at `path` starts with `text` (only that many bytes are read).
fn starts_with(path: &std::path::Path, text: &str) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(text.len());
    std::fs::File::open(path).and_then(|f| f.take(text.len() as u64).read_to_end(&mut head)).is_ok()
        && head == text.as_bytes()
}

/// Removes an earlier command's `path`, when it is that command's (`ours`, given the file's text),
/// before this one writes its outputs beside it. Such a file (validate.json, compare.json, and
/// compare.html) is written last and stands for a whole set of outputs: a command failing part-way
/// then leaves none describing outputs it began replacing.
pub fn clear_earlier(path: &std::path::Path, ours: impl Fn(&str) -> bool) -> Result<(), Failure> {
    match corridor::flee::files::read_input_text(path) {
        Ok(text) if ours(&text) => std::fs::remove_file(path)
            .map_err(|e| Failure::other(anyhow::anyhow!("cannot remove the earlier {}: {e}", path.display()))),
        _ => Ok(()),
    }
}

/// Whether `text` is a JSON object with every one of `keys`: a command's record of what it ran.
pub fn json_with(text: &str, keys: &[&str]) -> bool {
    serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| keys.iter().all(|k| v.get(k).is_some()))
}

/// Creates the output folder `out` (and its parents), saying plainly when a file is in the way or when
/// it is the folder of one of the command's `scenarios` (as given on the command line), and clears it
/// of temporary files that killed runs left.
pub fn create_output_folder(out: &std::path::Path, scenarios: &[Option<&std::path::Path>]) -> Result<(), Failure> {
    if out.exists() && !out.is_dir() {
        return Err(Failure::input(anyhow::anyhow!(
            "cannot use {} as the output folder: it is a file (give --out a folder)",
            out.display()
        )));
    }
    // A link to nowhere (bad-input hunt of session 30: "cannot create output folder d: File exists").
    if !out.exists() && out.symlink_metadata().is_ok() {
        let target = std::fs::read_link(out).map_or_else(|_| "?".into(), |t| t.display().to_string());
        return Err(Failure::input(anyhow::anyhow!(
            "cannot use {} as the output folder: it is a link to {target}, which leads to no folder (give --out a folder)",
            out.display()
        )));
    }
    if let Some(folder) = scenarios.iter().flatten().find(|s| is_scenario_folder(out, s)) {
        return Err(Failure::input(anyhow::anyhow!(
            "--out {} is a folder of the scenario {}'s inputs: the outputs (daily.csv, summary.json, a FLEE \
             folder's out.csv, ...) would be written among its input files and replace any of the same name, \
             such as the out.csv of FLEE's own runs; give --out another folder",
            out.display(),
            folder.display()
        )));
    }
    std::fs::create_dir_all(out)
        .map_err(|e| Failure::other(anyhow::anyhow!("cannot create output folder {}: {e}", out.display())))?;
    // Found now, not after the CSVs are written: a failed run would leave them beside an older report.
    let plots = out.join("plots");
    if plots.exists() && !plots.is_dir() {
        return Err(Failure::other(anyhow::anyhow!(
            "{} is a file: the plots are written in a folder of that name; remove or rename it",
            plots.display()
        )));
    }
    corridor::output::remove_abandoned_partials(out);
    corridor::output::remove_abandoned_partials(&plots);
    Ok(())
}

/// Whether the existing folder `out` is a folder of the scenario `given`'s inputs: `given` itself when a
/// folder, its folder when a file (a scenario.toml), and the folders of the tables it reads; for a FLEE
/// folder its input and source_data folders, and, given by its input folder, the FLEE folder too,
/// where its reference out.csv files are (review of session 22), found as the loader finds it
/// (`FleeLayout::of`: an input folder of another name than `input_csv` too); a built-in scenario's
/// name names none. (Bad-input review of session 32: `--out g/source_data` overwrote a series file
/// named daily.csv.)
fn is_scenario_folder(out: &std::path::Path, given: &std::path::Path) -> bool {
    let folder = if given.is_dir() { given } else { given.parent().filter(|_| given.is_file()).unwrap_or(given) };
    let folder = if folder.as_os_str().is_empty() { std::path::Path::new(".") } else { folder };
    let Ok(out) = out.canonicalize() else { return false };
    let mut folders = vec![folder.to_path_buf()];
    match corridor::flee_dir::is_flee_input(given).then(|| corridor::flee_dir::FleeLayout::of(given)).flatten() {
        Some(layout) => folders.extend([layout.base, layout.input_csv, layout.source_data]),
        None => {
            let toml = if given.is_dir() { given.join("scenario.toml") } else { given.to_path_buf() };
            folders.extend(corridor::scenario::load::table_folders(&toml));
        }
    }
    folders.iter().any(|f| f.canonicalize().is_ok_and(|f| f == out))
}

/// The most worker threads `--threads` takes: far above any machine's cores, well below the thousands
/// whose stacks exhaust memory.
pub const MAX_THREADS: usize = 1024;

/// A rayon pool with `threads` threads (0 = one per core).
pub fn pool(threads: usize) -> Result<rayon::ThreadPool, Failure> {
    if threads > MAX_THREADS {
        return Err(Failure::input(anyhow::anyhow!(
            "--threads {threads}: at most {MAX_THREADS} (0, the default, is one per core; results do not depend on it)"
        )));
    }
    rayon::ThreadPoolBuilder::new().num_threads(threads).use_current_thread().build().map_err(Failure::other)
}

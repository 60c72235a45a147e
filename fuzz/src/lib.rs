//! Shared pieces of corridor's fuzz targets: splitting one input into the files of a scenario folder,
//! writing them to a folder of this process's own, and the small valid folders whose files fill in
//! those an input does not give.
//!
//! An input is its files one after another, separated by [`SEP`]; a file given as [`ABSENT`] is not
//! written at all (a missing file is an input of its own), and files past the end of the input are
//! the base folder's.

use std::path::{Path, PathBuf};
use std::sync::Once;

/// Between two files of an input.
pub const SEP: &[u8] = b"\n@@@\n";

/// A file's whole text that means "no such file".
pub const ABSENT: &[u8] = b"<absent>";

/// A file an input gives: `Some(bytes)`, or None where it is [`ABSENT`].
pub type Piece<'a> = Option<&'a [u8]>;

/// `data` split at every [`SEP`], at most `max` pieces (the last one keeps any further separators).
pub fn split(data: &[u8], max: usize) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = data;
    while pieces.len() + 1 < max {
        match rest.windows(SEP.len()).position(|w| w == SEP) {
            Some(at) => {
                pieces.push(&rest[..at]);
                rest = &rest[at + SEP.len()..];
            }
            None => break,
        }
    }
    pieces.push(rest);
    pieces.into_iter().map(|p| (p != ABSENT).then_some(p)).collect()
}

/// The inverse of [`split`], for writing seeds: `files` joined with [`SEP`].
pub fn join(files: &[&[u8]]) -> Vec<u8> {
    files.join(SEP)
}

/// A folder of this process's own (under /dev/shm where there is one), made once, emptied of nothing:
/// targets write every file they name each run, and remove those an input leaves absent.
pub fn work_dir(target: &str) -> PathBuf {
    let base = if Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
    let dir = base.join(format!("corridor-fuzz-{target}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("make the fuzz work folder");
    dir
}

/// Writes `bytes` to `path` (making its folder), or removes `path` when the piece is absent.
pub fn put(path: &Path, bytes: Piece<'_>) {
    match bytes {
        Some(b) => {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("make a folder");
            }
            std::fs::write(path, b).expect("write a fuzz file");
        }
        None => match std::fs::remove_file(path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => panic!("remove {}: {e}", path.display()),
        },
    }
}

/// The engine and the validation run on one rayon thread: the machine is shared, and a fuzzer is
/// one process on one core.
pub fn one_thread() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| std::env::set_var("RAYON_NUM_THREADS", "1"));
}

/// The demo scenario's files (scenarios/demo), which fill in a corridor scenario's tables.
pub mod demo {
    pub const SCENARIO: &str = include_str!("../../scenarios/demo/scenario.toml");
    pub const LOCATIONS: &str = include_str!("../../scenarios/demo/locations.csv");
    pub const ROUTES: &str = include_str!("../../scenarios/demo/routes.csv");
}

/// A small FLEE input folder written for the fuzzer (fuzz/seeds/flee): five places, twelve days.
pub mod flee {
    pub const LOCATIONS: &str = include_str!("../seeds/flee/input_csv/locations.csv");
    pub const ROUTES: &str = include_str!("../seeds/flee/input_csv/routes.csv");
    pub const CLOSURES: &str = include_str!("../seeds/flee/input_csv/closures.csv");
    pub const CONFLICTS: &str = include_str!("../seeds/flee/input_csv/conflicts.csv");
    pub const SIM_PERIOD: &str = include_str!("../seeds/flee/input_csv/sim_period.csv");
    pub const SIMSETTING: &str = include_str!("../seeds/flee/simsetting.yml");
    pub const DATA_LAYOUT: &str = include_str!("../seeds/flee/source_data/data_layout.csv");
    /// The source_data tables data_layout.csv names, never fuzzed.
    pub const SOURCE_DATA: &[(&str, &str)] = &[
        ("total.csv", include_str!("../seeds/flee/source_data/total.csv")),
        ("D.csv", include_str!("../seeds/flee/source_data/D.csv")),
        ("E.csv", include_str!("../seeds/flee/source_data/E.csv")),
    ];
}

/// A corridor scenario folder from `data`: scenario.toml, locations.csv, routes.csv, closures.csv
/// (the demo's tables where the input stops early; no closures.csv then), written to `dir`.
pub fn write_corridor(dir: &Path, data: &[u8]) {
    let p = split(data, 4);
    let get = |i: usize, default: Option<&'static str>| -> Piece<'_> {
        match p.get(i) {
            Some(piece) => *piece,
            None => default.map(str::as_bytes),
        }
    };
    put(&dir.join("scenario.toml"), get(0, None));
    put(&dir.join("locations.csv"), get(1, Some(demo::LOCATIONS)));
    put(&dir.join("routes.csv"), get(2, Some(demo::ROUTES)));
    put(&dir.join("closures.csv"), get(3, None));
}

/// The files of a FLEE folder an input gives, in order (after them: the `--set`s, one a line).
pub const FLEE_FILES: &[&str] = &[
    "input_csv/locations.csv",
    "input_csv/routes.csv",
    "input_csv/closures.csv",
    "input_csv/conflicts.csv",
    "simsetting.yml",
    "input_csv/sim_period.csv",
    "source_data/data_layout.csv",
];

/// A FLEE input folder from `data` (see [`FLEE_FILES`]; the fuzz seed folder's files where the input
/// stops early), written to `dir`; the `--set` lines that follow the files, if any.
pub fn write_flee(dir: &Path, data: &[u8]) -> Vec<String> {
    let defaults = [
        flee::LOCATIONS,
        flee::ROUTES,
        flee::CLOSURES,
        flee::CONFLICTS,
        flee::SIMSETTING,
        flee::SIM_PERIOD,
        flee::DATA_LAYOUT,
    ];
    let p = split(data, FLEE_FILES.len() + 1);
    for (i, name) in FLEE_FILES.iter().enumerate() {
        let piece = match p.get(i) {
            Some(piece) => *piece,
            None => Some(defaults[i].as_bytes()),
        };
        put(&dir.join(name), piece);
    }
    for (name, text) in flee::SOURCE_DATA {
        let path = dir.join("source_data").join(name);
        if !path.exists() {
            put(&path, Some(text.as_bytes()));
        }
    }
    // Every table a fuzzed data_layout.csv names (a plain file name) is there, as total.csv's data;
    // they are left for later inputs, which name files of their own.
    if let Some(Some(layout)) = p.get(6) {
        for line in String::from_utf8_lossy(layout).lines().take(20) {
            let Some(name) = line.split(',').nth(1).map(str::trim) else { continue };
            let plain = !name.is_empty()
                && name.len() <= 40
                && !name.starts_with('.')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || "_-. ".contains(c));
            let path = dir.join("source_data").join(name);
            if plain && !path.exists() {
                put(&path, Some(flee::SOURCE_DATA[0].1.as_bytes()));
            }
        }
    }
    match p.get(FLEE_FILES.len()) {
        Some(Some(sets)) => String::from_utf8_lossy(sets).lines().take(8).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// Whether a loaded scenario is small enough to run in a fuzz iteration: at most `budget` agent-days.
pub fn small_enough(s: &corridor::Scenario, budget: u64) -> bool {
    let agents = corridor::engine::spawn::planned_agents(s);
    let days = u64::from(s.period.days);
    days <= 400 && s.places.len() <= 500 && agents.saturating_add(1).saturating_mul(days.max(1)) <= budget
}

/// Runs `s` for its whole period with a recorder, and evaluates its observed figures on the run.
pub fn run(s: &corridor::Scenario) {
    one_thread();
    let mut rec = corridor::validate::Recorder::new();
    let mut sim = corridor::Simulation::new(s, s.seed);
    if sim.run(&mut [&mut rec], |_| {}).is_err() {
        return;
    }
    if let Some(rec) = rec.finish() {
        for o in &s.observed {
            let _ = corridor::validate::evaluate(o, &rec);
        }
    }
}

/// With CORRIDOR_FUZZ_SHOW set, prints what loading an input gave (to check seeds: `cargo fuzz run
/// TARGET -s none corpus/TARGET -- -runs=0`).
pub fn show<T, E: std::fmt::Display>(what: &str, r: &Result<T, E>) {
    if std::env::var_os("CORRIDOR_FUZZ_SHOW").is_some() {
        match r {
            Ok(_) => eprintln!("{what}: loaded"),
            Err(e) => eprintln!("{what}: {e}"),
        }
    }
}

//! A corridor scenario folder as `scenario_dir` reads it; one that loads and is small (at most
//! 300,000 agent-days) is run for its whole period and its observed figures are evaluated, to find
//! the engine's panics on inputs the loader accepts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

static DIR: OnceLock<PathBuf> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let dir = DIR.get_or_init(|| corridor_fuzz::work_dir("scenario_run"));
    corridor_fuzz::write_corridor(dir, data);
    let loaded = corridor::load(dir);
    corridor_fuzz::show("scenario_run", &loaded);
    if let Ok(s) = loaded {
        if corridor_fuzz::small_enough(&s, 300_000) {
            corridor_fuzz::run(&s);
        } else if std::env::var_os("CORRIDOR_FUZZ_SHOW").is_some() {
            eprintln!("too large to run: {} agents, {} days", corridor::engine::spawn::planned_agents(&s), s.period.days);
        }
    }
});

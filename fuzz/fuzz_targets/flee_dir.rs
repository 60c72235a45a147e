//! A FLEE input folder: locations, routes, closures, conflicts, simsetting.yml, sim_period and
//! data_layout from the input (`corridor_fuzz::write_flee`; the rest from fuzz/seeds/flee), then
//! `--set` lines for its settings, loaded as the CLI loads a FLEE folder; one that loads and is small
//! (at most 50,000 agent-days) is run.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

static DIR: OnceLock<PathBuf> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let dir = DIR.get_or_init(|| corridor_fuzz::work_dir("flee_dir"));
    let sets = corridor_fuzz::write_flee(dir, data);
    if !corridor::flee_dir::is_flee_input(dir) {
        return;
    }
    let Ok(overrides) = corridor::flee_set::parse_overrides(&sets) else {
        return;
    };
    let loaded = corridor::flee_set::load_flee_with(dir, &overrides);
    corridor_fuzz::show("flee_dir", &loaded);
    let Ok(flee) = loaded else {
        return;
    };
    let _ = corridor::flee_set::split_ignored(&flee, &sets);
    let _ = corridor::scenario::warnings::warnings(&flee.scenario);
    if corridor_fuzz::small_enough(&flee.scenario, 50_000) {
        corridor_fuzz::run(&flee.scenario);
    } else if std::env::var_os("CORRIDOR_FUZZ_SHOW").is_some() {
        eprintln!("too large to run: {} agents, {} days", corridor::engine::spawn::planned_agents(&flee.scenario), flee.scenario.period.days);
    }
});

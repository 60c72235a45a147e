//! A corridor scenario folder: scenario.toml, locations.csv, routes.csv and closures.csv from the
//! input (`corridor_fuzz::write_corridor`), loaded as `corridor run DIR` loads it; when it loads, the
//! warnings and the entries `--set` can name are worked out as the CLI does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

static DIR: OnceLock<PathBuf> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let dir = DIR.get_or_init(|| corridor_fuzz::work_dir("scenario_dir"));
    corridor_fuzz::write_corridor(dir, data);
    let loaded = corridor::load(dir);
    corridor_fuzz::show("scenario_dir", &loaded);
    if let Ok(s) = loaded {
        let _ = corridor::scenario::warnings::warnings(&s);
        for e in corridor::entries::entries(&s).iter().take(5) {
            let _ = corridor::entries::describe_set(&s, &format!("{}.name=x", e.key));
        }
    }
});

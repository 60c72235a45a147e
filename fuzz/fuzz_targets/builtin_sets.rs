//! `--set KEY=VALUE` overrides (one a line) applied to a built-in scenario (the first byte: even for
//! demo, odd for caravan-2018), as the CLI applies them: selectors expanded, the scenario parsed with
//! the overrides, then the warnings of shadowed, inactive and metering sets.
#![no_main]

use corridor::overrides::{builtin_with_overrides, expand_each, select, Override};
use corridor::worlds;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let b = if first % 2 == 0 { worlds::DEMO } else { worlds::CARAVAN_2018 };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(overrides) = text.lines().take(8).map(Override::parse).collect::<Result<Vec<_>, _>>() else {
        return;
    };
    let mut set = Vec::new();
    let mut selected_by = Vec::new();
    if overrides.iter().any(select::has_selector) {
        let Ok(expanded) = expand_each(b.path(), b.text(), &overrides) else {
            return;
        };
        for (o, keys) in expanded {
            set.extend(keys.iter().cloned());
            if select::has_selector(&o) {
                selected_by.push(keys);
            }
        }
    } else {
        set = overrides;
    }
    let loaded = builtin_with_overrides(&b, &set);
    corridor_fuzz::show("builtin_sets", &loaded);
    let Ok(scenario) = loaded else {
        return;
    };
    for keys in &selected_by {
        for e in keys {
            let _ = corridor::entries::describe_set(&scenario, &e.to_string());
        }
    }
    let _ = corridor::overrides::shadowed(&scenario, &set);
    let mut added = false;
    if !set.is_empty() && scenario.institutions.is_some() {
        if let Ok(base) = b.scenario() {
            added = corridor::overrides::institutions_added(&base, &scenario, &set).is_some();
            let _ = corridor::overrides::metering_switched_off(&base, &scenario);
        }
    }
    let _ = corridor::overrides::inactive(&scenario, &set, added);
    let _ = corridor::scenario::warnings::warnings(&scenario);
});

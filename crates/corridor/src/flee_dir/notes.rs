//! The warnings a FLEE folder's loading gives about its settings, locations, routes and closures: what
//! corridor ignores or reads otherwise than FLEE, each naming its file and line.

use super::{FleeLayout, FLEE_RULE_ATTRIBUTES, SUPPORTED_SETTINGS};
use crate::flee::settings::YamlValue;
use crate::flee::FleeSettings;
use crate::scenario::flee_columns::FLEE_LINK_ATTRIBUTES;
use crate::scenario::geography::{ClosureNotes, FleeLink, PaddedRouteName};
use crate::scenario::table::{normalise_header, ExtraColumn};
use crate::scenario::{ForcedRedirection, InputLocation, LinkClosures, Place, Route};
use std::path::Path;

mod csv;
pub(super) use csv::{byte_order_marks, period_keys, quote_warnings, unmarked_header};

/// The warnings about the settings of `settings_path` (keys corridor does not implement, unless set
/// to their "off" default; values FLEE reads otherwise than documented), and the dotted paths of every
/// key corridor ignores, whatever its value (`FleeScenario::ignored_keys`).
pub(super) fn settings_warnings(settings: &FleeSettings, settings_path: &Path) -> (Vec<String>, Vec<String>) {
    // Switches set to their "off" default change nothing, so they need no warning.
    let m = &settings.move_rules;
    let off = |path: &str| match path {
        "move_rules.avoid_short_stints" => !m.avoid_short_stints,
        "move_rules.stay_close_to_home" => !m.stay_close_to_home,
        "move_rules.fixed_routes" => !m.fixed_routes,
        "move_rules.flee_when_starving" => !m.flee_when_starving,
        "move_rules.avoid_food_deprived_locations" => !m.avoid_food_deprived_locations,
        "move_rules.use_pop_for_loc_weight" => !m.use_pop_for_loc_weight,
        "move_rules.two_system_decision_making" => m.two_system_decision_making == 0.0,
        "move_rules.use_economic_pull" => m.use_economic_pull == 0.0,
        // FLEE reads the misspelt key `camps_are_sicks` (SimulationSettings.py:147).
        "spawn_rules.camps_are_sicks" => !settings.spawn_rules.camps_are_sinks,
        // FLEE's logs of agents, links, camps, the initial state and conflicts: files corridor does
        // not write (the reference folders set them to 0).
        "log_levels.agent" => settings.log_levels.agent == 0,
        "log_levels.link" => settings.log_levels.link == 0,
        "log_levels.camp" => settings.log_levels.camp == 0,
        "log_levels.init" => settings.log_levels.init == 0,
        "log_levels.conflict" => settings.log_levels.conflict == 0,
        "log_levels.granularity" => settings.log_levels.granularity == "location",
        // FLEE 3's prototype switches (false unless set) and harvest months (none unless set): FLEE's
        // default changes nothing (FLEE user's review of session 24: `MatchConflictEthnicity: False`
        // was warned of as not implemented).
        "move_rules.harvest_months" => m.harvest_months == YamlValue::List(Vec::new()),
        _ => crate::flee::settings::FLEE3_SWITCHES
            .iter()
            .position(|k| path.strip_prefix("move_rules.") == Some(k))
            .is_some_and(|i| !m.flee3_switches[i]),
    };
    // `:LINE` of a setting the file sets, for a message that names the file.
    let line_of = |path: &str| settings.line_of(path).map_or_else(String::new, |l| format!(":{l}"));
    let outside = settings.keys_outside(SUPPORTED_SETTINGS);
    let mut ignored_keys: Vec<String> = outside.iter().map(|k| k.path.clone()).collect();
    let mut warnings: Vec<String> = outside
        .iter()
        .filter(|k| !off(&k.path))
        .map(|k| {
            // FLEE-user review of session 30: the spawning rule read like any other ignored key.
            let what = if k.path.starts_with("spawn_rules.conflict_driven_spawning") {
                ": corridor spawns from the data (source_data/) alone, so agents' numbers and days differ from FLEE's"
            } else {
                ""
            };
            format!(
                "{}:{}: `{}` is not implemented by corridor and is ignored{what}",
                settings_path.display(),
                k.line,
                k.path
            )
        })
        .collect();
    warnings
        .extend(settings.read_notes.iter().map(|(line, said)| format!("{}:{line}: {said}", settings_path.display())));
    if m.awareness_level < 0 {
        // (A level below 0 is never FLEE's default, so the file set it, on a line.)
        let line = line_of("move_rules.awareness_level");
        warnings.push(format!(
            "{}{line}: `move_rules.awareness_level` is {}, below 0: FLEE weighs one-hop routes then, as for 1 \
             (only 0 is special in its moving.py), but none through a marker, and corridor runs it as 1, \
             markers included (docs/flee-compat.md); the levels documented are 0-4",
            settings_path.display(),
            m.awareness_level
        ));
    }
    if settings.spawn_rules.take_from_population {
        // (true is never FLEE's default, so the file set it, on a line.)
        let line = line_of("spawn_rules.take_from_population");
        warnings.push(format!(
            "{}{line}: spawn_rules.take_from_population is not implemented: populations are not reduced",
            settings_path.display()
        ));
    }
    // Read, but without flood-driven spawning (which needs it true, as in FLEE) a run is the same
    // whatever its value: a set of it is then ignored by corridor, not a change (reviews of session 20).
    if settings.spawn_rules.flood_driven_spawning.is_none() {
        ignored_keys.push("spawn_rules.take_from_population".to_string());
    }
    (warnings, ignored_keys)
}

/// The warnings about locations.csv's (`loc_path`'s) columns corridor does not know: attributes FLEE's
/// rules read (not implemented) or that FLEE keeps without reading.
pub(super) fn location_warnings(loc_path: &Path, extras: Vec<ExtraColumn>, warnings: &mut Vec<String>) {
    for ExtraColumn { line, column, name } in extras {
        let what = if FLEE_RULE_ATTRIBUTES.contains(&name.as_str()) {
            "is a location attribute FLEE's rules read; corridor does not implement it and ignores the column"
        } else {
            "is kept by FLEE as a location attribute that its core rules do not read; ignored"
        };
        warnings.push(format!("{}:{line}:{column}: column `{name}` {what}", loc_path.display()));
    }
}

/// The series of `data_layout.csv` past its first (`total`) that name no camp of locations.csv, or a
/// series named before (input review of session 32: a `Mentoa` row, or `Mentao` twice, added its
/// series to the daily new agents without a word). FLEE reads them so too: with `sum_from_camps` it
/// sums every series past the first into the new agents, and a name listed twice reads the first
/// one's series each time (`DataTable._find_headerindex`); corridor does the same.
pub(super) fn layout_warnings(
    validation: &crate::flee::validation::ValidationData,
    places: &[crate::scenario::Place],
    warnings: &mut Vec<String>,
) {
    let path = validation.layout_path();
    let camps: Vec<&str> = places.iter().filter(|p| p.kind.is_camp()).map(|p| p.name.as_str()).collect();
    let mut seen: Vec<(&str, u64)> = Vec::new();
    for (name, line) in validation.names_with_lines() {
        // FLEE takes the first row for the total, whatever its name, and sums the rows after it
        // (bad-input review of session 32: camps listed in another order spawned other numbers, as the
        // first camp's series was read as the total, without a word).
        // (Only a camp's name: a total row of another name, `Total`, is read as the total all the same:
        // final review of session 33.)
        if seen.is_empty() && camps.contains(&name) {
            warnings.push(format!(
                "{}:{line}: the first series is `{name}`, not `total`: FLEE reads the first row as the total \
                 (`header[1:]` are the camps), so `{name}` is not summed with the camps, and so does corridor \
                 (list `total` first)",
                path.display()
            ));
        } else if !seen.is_empty() && name.eq_ignore_ascii_case("total") {
            warnings.push(format!(
                "{}:{line}: `total` after the first row: FLEE sums it with the camps' series where it sums \
                 them, as one camp more, and so does corridor (list `total` first)",
                path.display()
            ));
        }
        if let Some(&(_, first)) = seen.iter().find(|(n, _)| *n == name) {
            warnings.push(format!(
                "{}:{line}: series `{name}` again (first on line {first}): FLEE reads the first one's series for \
                 both, counting it twice where it sums the camps' series, and so does corridor",
                path.display()
            ));
        } else if !seen.is_empty() && !camps.contains(&name) && name != "total" {
            let hint = crate::suggest::did_you_mean_place(name, camps.iter().copied());
            warnings.push(format!(
                "{}:{line}: series `{name}` names no camp of locations.csv{hint}: no column of out.csv compares it, \
                 and where FLEE sums the camps' series into the new agents it adds this one all the same, as \
                 corridor does",
                path.display()
            ));
        }
        seen.push((name, line));
    }
}

/// Places of corridor's own kinds (`origin`, `border_city`, `destination`) in a FLEE folder: FLEE
/// cannot parse those types and runs such a place with no kind, everyone leaving each day, where
/// corridor runs its own kind (FLEE user's review of session 24: a camp typed `destination` left
/// out.csv without a word).
pub(super) fn corridor_kind_warnings(
    loc_path: &Path,
    places: &[crate::scenario::Place],
    lines: &[usize],
    warnings: &mut Vec<String>,
) {
    use crate::scenario::PlaceKind;
    for (p, line) in places.iter().zip(lines) {
        if matches!(p.kind, PlaceKind::Origin | PlaceKind::BorderCity | PlaceKind::Destination) {
            warnings.push(format!(
                "{}:{line}: field `location_type`: `{}` is corridor's own type `{}`, not FLEE's: FLEE cannot parse \
                 it (it runs the place with no kind, everyone leaving each day), corridor runs it as its own \
                 kind, not a camp (no column of out.csv)",
                loc_path.display(),
                p.name,
                p.kind.name()
            ));
        }
    }
}

/// Another type with "conflict" in it than a conflict zone (`conflict_camp`) dated later: FLEE makes
/// it a town until then (InputGeography.py), which corridor does not (the review of session 34's diff).
pub(super) fn dated_conflict_types(path: &Path, places: &[Place], lines: &[usize], warnings: &mut Vec<String>) {
    for (p, line) in places.iter().zip(lines) {
        if let Some(d) = p.conflict_date.filter(|&d| d > 0 && p.kind != crate::scenario::PlaceKind::ConflictZone) {
            warnings.push(format!(
                "{}:{line}: `{}` has \"conflict\" in its type and a conflict_date of {d}: FLEE runs it as a town \
                 until that day, and corridor as its type says from the start",
                path.display(),
                p.name
            ));
        }
    }
}

/// A country cell with spaces around its text, once per such cell as written: FLEE keeps the spaces,
/// so to its foreign test it is another country than the one written without them, and corridor
/// follows it there; in its `country` closures FLEE compares cells as written too, where corridor
/// reads both trimmed (FLEE user's review of session 34).
pub(super) fn padded_country_warnings(padded: Vec<(InputLocation, String)>, warnings: &mut Vec<String>) {
    let mut said: Vec<String> = Vec::new();
    for (at, c) in padded {
        if said.contains(&c) {
            continue;
        }
        warnings.push(format!(
            "{at}: the country `{c}` has spaces around it: FLEE keeps them, so to it `{c}` is another country than \
             `{}`: in its foreign test (its home country is the first row's cell as written, and foreign_weight \
             weighs the others), which corridor follows, and in its `country` closures, which match a cell as \
             written, where corridor reads both trimmed",
            c.trim()
        ));
        said.push(c);
    }
}

/// The warnings about locations.csv's name cells with spaces around their text (`padded`: where, the
/// name untrimmed, and whether the place is a camp): FLEE keeps the spaces, so it finds no place of the
/// trimmed name where another file names it so, where corridor trims them, as the closures' names.
/// When FLEE stops on a route naming it so (`stop`, see [`flee_link_stop`]), the warning says where,
/// in FLEE's words; when FLEE links every route up, a camp's warning says that FLEE stops on looking
/// up the camp's observed series under the padded name (`DataTable._find_headerindex`).
pub(super) fn padded_name_warnings(
    padded: Vec<(InputLocation, String, bool)>,
    stop: Option<&LinkStop>,
    routes_path: &Path,
    warnings: &mut Vec<String>,
) {
    for (at, name, camp) in padded {
        let trimmed = name.trim();
        let stops = match stop {
            Some(LinkStop { line, name: missing, message, .. }) if missing == trimmed => {
                format!(" (a route to it: FLEE stops on {}:{line}, \"{message}\")", routes_path.display())
            }
            None if camp => format!(
                " (and, as it is a camp, FLEE looks up its observed series as `{name}` and stops, \"Exception: Error: \
                 can't find the header {name} in the header list\", exit 1 and no day written)"
            ),
            _ => String::new(),
        };
        let then =
            format!("and finds no place `{trimmed}` where routes.csv, closures.csv or conflicts.csv name it so{stops}");
        warnings.push(padded_warning(&at, &name, &then, trimmed));
    }
}

/// The warning about a name cell at `at` with spaces around its text, `name`: what FLEE does keeping
/// them (`then`), and the name corridor reads, trimmed (`read`).
fn padded_warning(at: &InputLocation, name: &str, then: &str, read: &str) -> String {
    format!(
        "{at}: spaces around the name, `{name}`: FLEE keeps them, {then}; corridor reads it trimmed, `{read}` \
         (docs/flee-compat.md, \"Smaller points\")"
    )
}

/// Where FLEE stops linking up routes.csv's rows: the first name, in its order, that is not among
/// locations.csv's as it reads them (see [`flee_link_stop`]).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct LinkStop {
    pub line: usize,
    pub column: usize,
    /// The name FLEE does not find, as it reads it.
    pub name: String,
    /// FLEE's message (`Ecosystem.linkUp`, which prints it and exits with 0, writing no output).
    pub message: String,
}

/// Where FLEE stops linking up routes.csv's rows (`links`, in file order) because a name is not one of
/// locations.csv's as FLEE reads them (`flee_names`); None when every name is found. corridor reads
/// names trimmed, so it finds a place where FLEE may not.
pub(super) fn flee_link_stop(links: &[FleeLink], flee_names: &[String]) -> Option<LinkStop> {
    let names: std::collections::HashSet<&str> = flee_names.iter().map(String::as_str).collect();
    links.iter().find_map(|FleeLink { line, ends: [(source, at_source), (dest, at_dest)] }| {
        let stop =
            |name: &String, column: usize, message| LinkStop { line: *line, column, name: name.clone(), message };
        if !names.contains(source.as_str()) {
            Some(stop(source, *at_source, format!("link created to non-existent source: {source}  with dest {dest}")))
        } else if !names.contains(dest.as_str()) {
            Some(stop(dest, *at_dest, format!("link created to non-existent destination: {dest} with source {source}")))
        } else {
            None
        }
    })
}

/// The warnings about routes.csv's name cells with spaces around their text (`padded`), but for a
/// name FLEE finds among locations.csv's as it reads them (`flee_names`: padded alike): FLEE keeps
/// the spaces, finds no place so named and stops (at `stop`, see [`flee_link_stop`]), where corridor
/// trims them. Only the name FLEE stops on quotes FLEE's message; the others say FLEE stops before.
pub(super) fn padded_route_warnings(
    padded: Vec<PaddedRouteName>,
    flee_names: &[String],
    stop: Option<&LinkStop>,
    warnings: &mut Vec<String>,
) {
    for PaddedRouteName { at, end, names, read } in padded {
        let name = &names[end];
        if flee_names.contains(name) {
            continue;
        }
        let then = match stop {
            Some(LinkStop { line, column, .. }) if at.line != Some(*line) || at.column != Some(*column) => {
                format!("would find no place so named, but stops before it, on line {line}")
            }
            Some(LinkStop { message, .. }) => {
                format!("finds no place so named and stops (\"{message}\", exit 0 and no output)")
            }
            None => "finds no place so named and stops (exit 0 and no output)".to_string(),
        };
        warnings.push(padded_warning(&at, name, &then, &read));
    }
}

/// Warns, once, of the roads whose `forced_redirection` is 1 when corridor adds them once: FLEE's
/// reader adds each twice, doubling its weight in route choice (docs/flee-compat.md (e); FLEE-user
/// review of session 30: E ended at 265 against FLEE's 350, without a word).
pub(super) fn doubled_road_warning(
    routes_path: &Path,
    routes: &[Route],
    places: &[Place],
    settings: &FleeSettings,
    warnings: &mut Vec<String>,
) {
    if settings.corridor.forced_redirection == ForcedRedirection::Flee {
        return;
    }
    let mut doubled = routes.iter().filter(|r| r.forced_redirection == 1);
    let Some(first) = doubled.next() else { return };
    let count = 1 + doubled.count();
    warnings.push(format!(
        "{}: {count} road{} with forced_redirection 1 (first: {}): FLEE's reader adds such a road twice, doubling its \
         weight in route choice; corridor adds it once (docs/flee-compat.md (e); `corridor: forced_redirection: flee` \
         in simsetting.yml does as FLEE)",
        routes_path.display(),
        if count == 1 { "" } else { "s" },
        first.names(places),
    ));
}

/// The warnings about routes.csv (`routes_path`, read into `routes`): columns FLEE keeps and its rules
/// do not read, roads of 0 km, a location_changes.csv (not implemented), and a table without routes.
pub(super) fn route_warnings(
    routes_path: &Path,
    routes: &[Route],
    route_extras: Vec<ExtraColumn>,
    zero_km: Vec<InputLocation>,
    layout: &FleeLayout,
    warnings: &mut Vec<String>,
) {
    for ExtraColumn { line, column, name } in route_extras {
        let what = match FLEE_LINK_ATTRIBUTES.iter().find(|a| normalise_header(&name) == **a) {
            Some(a) => format!(
                "is kept by FLEE as a link attribute under that name, and FLEE reads `{a}` only from a column named \
                 exactly so; ignored, as in FLEE"
            ),
            None => "is kept by FLEE as a link attribute that its core rules do not read; ignored".to_string(),
        };
        warnings.push(format!("{}:{line}:{column}: column `{name}` {what}", routes_path.display()));
    }
    for at in zero_km {
        warnings.push(format!(
            "{at}: a road of 0 km: FLEE runs it, and so does corridor, but places 0 km apart are one place (is a \
             distance missing?)"
        ));
    }
    for changes in [layout.input_csv.join("location_changes.csv"), layout.base.join("location_changes.csv")] {
        if changes.is_file() {
            warnings.push(format!(
                "{}: location type changes are not implemented: ignored (FLEE reads location_changes.csv from the \
                 folder it runs in)",
                changes.display()
            ));
        }
    }
    if routes.is_empty() {
        // FLEE runs too, exit 0, printing "WARNING: Empty route (None type) generated in selectRoute" for
        // every agent every day (1,651,709 times on mali2012, seed 2).
        warnings.push(format!(
            "{}: no route below the header: no agent can move and no camp can be reached (FLEE runs such a \
             folder too, warning of an empty route for every agent every day)",
            routes_path.display()
        ));
    }
}

/// The warnings about routes.csv's blank `max_move_speed` or `walk_probability` cells (`blank`):
/// FLEE reads them with `float()` when an agent travels the link, and stops on an empty one.
pub(super) fn blank_attribute_warnings(blank: Vec<InputLocation>, warnings: &mut Vec<String>) {
    for at in blank {
        warnings.push(format!(
            "{at}: an empty cell: FLEE reads it with float() when an agent travels this link and stops on it; \
             corridor takes the default (the settings' max_move_speed, or a walk probability of 0)"
        ));
    }
}

/// The warnings about closures.csv (`closures_path`) that its reading noted: ignored columns and
/// cells, padded names FLEE would not match, and rows that change nothing.
pub(super) fn closure_warnings(
    closures_path: &Path,
    notes: ClosureNotes,
    settings: &FleeSettings,
    warnings: &mut Vec<String>,
) {
    // Once, at the first: a `link` closure runs otherwise than in FLEE unless the folder asks for
    // FLEE's rule (FLEE-user review of session 32: F ended at 2 against FLEE's 594, without a word,
    // where a road's forced_redirection was warned of).
    if let (Some(first), LinkClosures::BothDirections) = (notes.links.first(), settings.corridor.link_closures) {
        let count = notes.links.len();
        warnings.push(format!(
            "{first}: {count} `link` closure{}: corridor closes the road both ways; FLEE closes only name2 → name1, \
             and only for names of one character, otherwise nothing (docs/flee-compat.md (d); `corridor: \
             link_closures: flee` in simsetting.yml does as FLEE)",
            if count == 1 { "" } else { "s" },
        ));
    }
    for ExtraColumn { line, column, name } in notes.extras {
        let what = "is ignored by FLEE, which reads a closure's first five cells, and by corridor";
        warnings.push(format!("{}:{line}:{column}: column `{name}` {what}", closures_path.display()));
    }
    for at in notes.padded {
        warnings.push(format!(
            "{at}: spaces around the text: FLEE compares it as written, matches nothing and ignores the row; \
             corridor reads it trimmed and applies the row (docs/flee-compat.md, \"Smaller points\")"
        ));
    }
    for at in notes.extra_cells {
        warnings.push(format!(
            "{at}: a value past the header's columns: FLEE reads a closure's first five cells and ignores the rest, \
             and so does corridor (a value with a comma needs quotes, \"a, b\")"
        ));
    }
    for (at, why) in notes.closes_otherwise {
        warnings.push(format!("{at}: {why}"));
    }
    for at in notes.never_starts {
        warnings.push(format!(
            "{at}: a closure starting on a day below 0: FLEE closes on the day equal to it, so never, and corridor \
             sets the row aside (on its closure_end day FLEE reopens what another closure closed, which corridor \
             does not)"
        ));
    }
    for at in notes.after_period {
        warnings.push(format!(
            "{at}: a closure starting after the period's last day: it closes nothing, as in FLEE (a day number \
             counts from the period's start, day 0)"
        ));
    }
    for at in notes.ignored_name2 {
        warnings.push(format!(
            "{at}: a second place for a `location`, `camp` or `idpcamp` closure: FLEE reads only `name1` for \
             these and ignores it, and so does corridor (a road between two places is a `link` closure)"
        ));
    }
    for (at, is, becomes) in notes.not_a_camp {
        // FLEE's close_camp and open_camp also end a conflict there (conflict = -1, its spawn weights
        // left as they were until the next conflict change): corridor keeps it (FLEE-user review of
        // session 32; docs/flee-compat.md, "Smaller points").
        let conflict = if is == "conflict_zone" {
            "; FLEE also ends its conflict at the closure, where corridor keeps it (docs/flee-compat.md)"
        } else {
            ""
        };
        warnings.push(format!(
            "{at}: a closure of a camp, but the place is a {is}: when the closure ends FLEE makes it a {becomes}, \
             and so does corridor (a `location` closure closes a place of any kind){conflict}"
        ));
    }
    for at in notes.no_effect {
        warnings.push(format!(
            "{at}: `remove_forced_redirection` changes a flag FLEE's movement rules never read: no effect, as in \
             FLEE (docs/flee-compat.md (e))"
        ));
    }
}

#[cfg(test)]
mod tests;

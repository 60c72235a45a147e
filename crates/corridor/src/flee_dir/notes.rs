//! The warnings a FLEE folder's loading gives about its settings, locations, routes and closures: what
//! corridor ignores or reads otherwise than FLEE, each naming its file and line.

use super::{FleeLayout, FLEE_RULE_ATTRIBUTES, SUPPORTED_SETTINGS};
use crate::flee::csvread::{lone_mark, BYTE_ORDER_MARK};
use crate::flee::{FileCache, FleeScenarioData, FleeSettings};
use crate::scenario::flee_columns::FLEE_LINK_ATTRIBUTES;
use crate::scenario::geography::{ClosureNotes, FleeLink, PaddedRouteName};
use crate::scenario::quotes::{self, Failure};
use crate::scenario::table::{normalise_header, ExtraColumn};
use crate::scenario::{InputLocation, Route};
use std::path::Path;

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
        _ => false,
    };
    // `:LINE` of a setting the file sets, for a message that names the file.
    let line_of = |path: &str| settings.line_of(path).map_or_else(String::new, |l| format!(":{l}"));
    let outside = settings.keys_outside(SUPPORTED_SETTINGS);
    let mut ignored_keys: Vec<String> = outside.iter().map(|k| k.path.clone()).collect();
    let mut warnings: Vec<String> = outside
        .iter()
        .filter(|k| !off(&k.path))
        .map(|k| {
            format!(
                "{}:{}: `{}` is not implemented by corridor and is ignored",
                settings_path.display(),
                k.line,
                k.path
            )
        })
        .collect();
    if m.awareness_level < 0 {
        // (A level below 0 is never FLEE's default, so the file set it, on a line.)
        let line = line_of("move_rules.awareness_level");
        warnings.push(format!(
            "{}{line}: `move_rules.awareness_level` is {}, below 0: FLEE weighs one-hop routes then, as for 1 \
             (only 0 is special in its moving.py), and so does corridor; the levels documented are 0-4",
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

/// A warning when the header of `path` (locations, routes or closures) does not start with `#`:
/// FLEE reads a line as a header only when its first cell does (InputGeography.py), and would take
/// this one for a row and stop on it (`int("population")`), where corridor reads it as the header.
/// So too after a byte order mark, which FLEE reads into the first cell (`\ufeff#name`), and which
/// the warning then names; or, alone on its line, as a row of one cell, `\ufeff`, which FLEE takes
/// for a place, route or closure and stops on (IndexError: it has no second cell).
pub(super) fn unmarked_header(path: &Path, bytes: &[u8], warnings: &mut Vec<String>) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    if text.starts_with('\u{feff}') {
        let into = if lone_mark(text.as_bytes()) {
            "a row of its own, `\\ufeff`, as nothing follows the mark on its line: it does not start with `#`, so \
             FLEE takes it for a row of the table and stops on it (IndexError: it has no second cell)"
                .to_string()
        } else {
            format!(
                "the header's first cell, `\\ufeff{}`: it does not start with `#`, so FLEE would take the header for \
                 a row and stop on it",
                first_cell(text)
            )
        };
        warnings.push(marked(path, &into));
        return;
    }
    let Some((i, first)) = text.lines().enumerate().find(|(_, l)| !l.trim().is_empty()) else { return };
    let cut = crate::scenario::cut::cut(first);
    let Some(cell) = cut.records.first().and_then(|_| cut.field(0, 0)) else { return };
    if !cell.starts_with('#') {
        let line = i + 1;
        warnings.push(format!(
            "{}:{line}:1: the header's first cell `{cell}` does not start with `#`: FLEE reads a line as a header \
             only then, and would take this one for a row and stop on it; corridor reads it as the header",
            path.display()
        ));
    }
}

/// The warning for `path`, which starts with a UTF-8 byte order mark: FLEE reads the mark into `into`
/// (its words for the cell, and what FLEE does then), where corridor reads past it.
fn marked(path: &Path, into: &str) -> String {
    format!(
        "{}:1:1: the file starts with a UTF-8 byte order mark, which FLEE (opening it as plain UTF-8) reads \
         into {into}; corridor reads past the mark",
        path.display()
    )
}

/// The first cell of `text` as Python's `csv` module reads it after a byte order mark (the mark
/// left out): up to the first comma or line end, quotes and all (a quote after the mark opens no
/// quoted cell).
fn first_cell(text: &str) -> &str {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split([',', '\n', '\r']).next().unwrap_or("")
}

/// The warnings about the folder's (`layout`'s, read into `data`) other CSV files that start with a
/// byte order mark where FLEE reads the mark into a cell it reads (locations, routes and closures
/// are `unmarked_header`'s): sim_period.csv's first key, the first camp name of
/// registration_corrections.csv, the first series name of data_layout.csv, and a series file's first
/// date. conflicts.csv's first cell (the day column's header) is never read, and simsetting.yml's
/// reader drops the mark, so FLEE reads those as corridor does.
pub(super) fn byte_order_marks(
    layout: &FleeLayout,
    data: &FleeScenarioData,
    files: &FileCache,
    warnings: &mut Vec<String>,
) {
    let marked_text = |path: &Path| {
        let bytes = files.read(path).ok()?;
        bytes.starts_with(BYTE_ORDER_MARK).then(|| String::from_utf8_lossy(&bytes[..]).into_owned())
    };
    // The first cell of FLEE's first row, as corridor reads it (past the mark), when that row has two
    // or more cells: FLEE skips a shorter row in these files, and reads a mark alone on its line as
    // a row of one cell (corridor's first row, after it, is FLEE's second).
    let pair = |text: &str| {
        if lone_mark(text.as_bytes()) {
            return None;
        }
        let cells = crate::scenario::cut::cut(text);
        let first = (!cells.records.is_empty() && cells.fields(0).count() > 1).then(|| cells.field(0, 0));
        first.flatten().map(str::to_string)
    };
    let period = layout.input_csv.join("sim_period.csv");
    if let Some(key) = marked_text(&period).as_deref().and_then(pair) {
        let then = match key.to_ascii_lowercase().as_str() {
            "startdate" => Some("finds no `StartDate` and stops on the empty date (ValueError)"),
            // run.py runs its duration argument's days when positive, else the file's `Length`.
            "length" => Some(
                "finds no `Length` (0 days) and simulates no day when run.py is given 0 days, as the reference \
                 runs were made; otherwise the days run.py is given",
            ),
            _ => None,
        };
        if let Some(then) = then {
            let into = format!("the first row's key, `\\ufeff{key}`: FLEE {then}");
            warnings.push(marked(&period, &into));
        }
    }
    let corrections = layout.input_csv.join("registration_corrections.csv");
    if let Some(text) = marked_text(&corrections).filter(|text| pair(text).is_some()) {
        let into = format!(
            "the first row's camp name, `\\ufeff{}`: FLEE finds no camp's series so named and stops (\"can't find \
             the header\")",
            first_cell(&text)
        );
        warnings.push(marked(&corrections, &into));
    }
    let layout_path = layout.source_data.join("data_layout.csv");
    if let Some(text) = marked_text(&layout_path) {
        let total_unread = data.settings.spawn_rules.sum_from_camps;
        let into = match pair(&text) {
            Some(name) if name.starts_with('#') => Some(format!(
                "the first row's name, `\\ufeff{name}`: FLEE does not skip it as a comment, and reads the file it \
                 names as a series (stopping if it cannot)"
            )),
            Some(name) if name == "total" && total_unread => None,
            Some(name) => Some(format!(
                "the first row's name, `\\ufeff{name}`: FLEE finds no series `{name}` when it looks one up (a \
                 camp's, or `total` without sum_from_camps) and stops"
            )),
            None => None,
        };
        if let Some(into) = into {
            warnings.push(marked(&layout_path, &into));
        }
    }
    for path in data.validation.marked_files().iter().filter(|(_, seen)| seen.mark_in_first_date).map(|(p, _)| p) {
        let Some(text) = marked_text(path) else { continue };
        let into = format!(
            "the first row's date, `\\ufeff{}`: FLEE cannot read it as a date and stops (ValueError)",
            first_cell(&text)
        );
        warnings.push(marked(path, &into));
    }
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
pub(super) fn closure_warnings(closures_path: &Path, notes: ClosureNotes, warnings: &mut Vec<String>) {
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
    for at in notes.after_period {
        warnings.push(format!(
            "{at}: a closure starting after the period's last day: it closes nothing, as in FLEE (a day number \
             counts from the period's start, day 0)"
        ));
    }
    for at in notes.no_effect {
        warnings.push(format!(
            "{at}: `remove_forced_redirection` changes a flag FLEE's movement rules never read: no effect, as in \
             FLEE (docs/flee-compat.md (e))"
        ));
    }
}

/// The warnings about the CSV files of the folder (`layout`, read into `data`) whose unbalanced quotes
/// ran cells or rows into one (`quotes::merging`; `"Length,"90`, read as one cell, `Length,90`): FLEE
/// reads every one of them with Python's `csv` module, which reads such a quote as corridor does, and
/// goes on without a word, so the folder loads, read otherwise than it was most likely meant. First,
/// for a period of 0 days, the warning that says so, naming the quote that hid the `Length` row when
/// one did (then not warned of again).
pub(super) fn quote_warnings(
    layout: &FleeLayout,
    data: &FleeScenarioData,
    files: &FileCache,
    warnings: &mut Vec<String>,
) {
    let cut = |path: &Path| quotes::cut_quoted(&files.read(path).ok()?);
    let period_path = layout.input_csv.join("sim_period.csv");
    // Cut once: for the period's warning, then with the other files.
    let mut period_cells = cut(&period_path);
    let mut hid_length = None;
    if data.period.length == 0 {
        // FLEE runs such a folder too (`python run.py … 0` then simulates no day), exit 0 and no word.
        let path = period_path.display();
        let end = "no day is simulated and out.csv holds only its header, though the camps' day-0 agents are \
                   created, as in FLEE";
        let cells = period_cells.as_ref().filter(|_| data.period.length_line.is_none());
        let sought = Failure { sought: Some("Length"), ..Failure::default() };
        let hidden = cells.and_then(|cells| Some((cells, quotes::blame(cells, &sought)?)));
        warnings.push(match (data.period.length_line, hidden) {
            (Some(line), _) => format!("{path}:{line}: `Length` is 0: {end}"),
            (None, Some((cells, m))) => {
                hid_length = Some((cells.line_of(m), m.field));
                let before = "no `Length` row is read, so the period is 0 days (FLEE's default), most likely \
                              because of this quote: ";
                quotes::warning(&period_path, cells, m, before, &format!("FLEE reads the file so too: {end}"))
            }
            (None, None) => format!("{path}: no `Length` row, so the period is 0 days (FLEE's default): {end}"),
        });
    }
    let input = ["locations", "routes", "closures", "conflicts", "sim_period", "registration_corrections"]
        .map(|f| layout.input_csv.join(format!("{f}.csv")))
        .into_iter();
    let source =
        std::iter::once(layout.source_data.join("data_layout.csv")).chain(data.validation.quoted_files().to_vec());
    // The tables FLEE reads skipping `#` rows (`InputGeography.py`): a quote in such a row is no matter.
    let tables = ["locations", "routes", "closures"].map(|f| layout.input_csv.join(format!("{f}.csv")));
    for path in input.chain(source) {
        let cells = if path == period_path { period_cells.take() } else { cut(&path) };
        let Some(cells) = cells else { continue };
        for m in quotes::merging(&cells) {
            if path == period_path && hid_length == Some((cells.line_of(m), m.field)) {
                continue;
            }
            if tables.contains(&path) && quotes::in_comment(&cells, m) {
                continue;
            }
            let then = "FLEE's reader (Python's csv module) reads it so too and goes on, and so does corridor";
            warnings.push(quotes::warning(&path, &cells, m, "", then));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Review of session 18: a routes.csv whose header lacks FLEE's `#` ran silently in corridor,
    /// where FLEE takes the line for a route and stops (`int("forced_redirection")`).
    #[test]
    fn a_header_without_flees_hash_is_warned_of() {
        let path = Path::new("routes.csv");
        let warned = |text: &str| {
            let mut w = Vec::new();
            unmarked_header(path, text.as_bytes(), &mut w);
            w
        };
        let w = warned("name1,name2,distance,forced_redirection\nA,B,10,0\n");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].starts_with("routes.csv:1:1: the header's first cell `name1` does not start with `#`"), "{w:?}");
        assert!(warned("\n\nname1,name2\n")[0].starts_with("routes.csv:3:1:"), "the first line that is not blank");
        for marked in ["#name1,name2\n", "\"#name1\",\"name2\"\n", "#\"name1\",\"name2\"\n", ""] {
            assert!(warned(marked).is_empty(), "{marked:?}");
        }
        // After a byte order mark FLEE sees no `#` either: the mark is named, `#` or not.
        for text in ["\u{feff}#name1,name2\n", "\u{feff}name1,name2\n"] {
            let w = warned(text);
            assert!(
                w.len() == 1 && w[0].starts_with("routes.csv:1:1: the file starts with a UTF-8 byte order mark"),
                "{w:?}"
            );
        }
    }

    /// Review of session 19: a padded name (`C `) ran silently, where FLEE keeps the spaces and stops on
    /// a route to `C`: the warning says so at the cell, in the words of the closures' padded names.
    #[test]
    fn a_padded_name_says_what_flee_does() {
        let mut w = Vec::new();
        let at = InputLocation::at(Path::new("locations.csv"), 4).with_column(1).with_field("name");
        let routes = Path::new("routes.csv");
        let stop = LinkStop {
            line: 5,
            column: 1,
            name: "C".into(),
            message: "link created to non-existent source: C  with dest E".into(),
        };
        padded_name_warnings(vec![(at.clone(), "C ".to_string(), true)], Some(&stop), routes, &mut w);
        assert_eq!(
            w,
            ["locations.csv:4:1: field `name`: spaces around the name, `C `: FLEE keeps them, and finds no place `C` \
              where routes.csv, closures.csv or conflicts.csv name it so (a route to it: FLEE stops on routes.csv:5, \
              \"link created to non-existent source: C  with dest E\"); corridor reads it trimmed, `C` \
              (docs/flee-compat.md, \"Smaller points\")"]
        );
        // Review of session 20: FLEE stops elsewhere (or not at all: routes name `C ` as it reads it), so
        // the warning does not quote a stop on a route to it.
        let elsewhere = LinkStop { name: "B".into(), ..stop };
        for (stop, camp) in [(Some(&elsewhere), true), (None, false)] {
            let mut w = Vec::new();
            padded_name_warnings(vec![(at.clone(), "C ".to_string(), camp)], stop, routes, &mut w);
            assert!(w[0].contains("name it so; corridor reads it trimmed"), "{w:?}");
        }
        // A camp that routes name as FLEE reads it: FLEE links up, then stops on the camp's series (tried
        // on tiny_a2f: exit 1, nothing written).
        let mut w = Vec::new();
        padded_name_warnings(vec![(at.clone(), "C ".to_string(), true)], None, routes, &mut w);
        assert!(
            w[0].contains(
                "name it so (and, as it is a camp, FLEE looks up its observed series as `C ` and stops, \"Exception: \
                 Error: can't find the header C  in the header list\", exit 1 and no day written); corridor reads"
            ),
            "{w:?}"
        );
    }

    /// Review of session 19: a padded name in routes.csv (`A, B`) ran silently, where FLEE keeps ` B` and
    /// stops: the warning gives FLEE's words for either end, but not for a name locations.csv pads alike,
    /// and only for the first (session 19's leftover: every padded name quoted FLEE's stop).
    #[test]
    fn a_padded_route_name_says_what_flee_does() {
        let mut w = Vec::new();
        let at = |line, column, field| {
            InputLocation::at(Path::new("routes.csv"), line).with_column(column).with_field(field)
        };
        let padded = |at, end, names: [&str; 2], read: &str| PaddedRouteName {
            at,
            end,
            names: names.map(str::to_string),
            read: read.to_string(),
        };
        // FLEE's names: `E ` padded in locations.csv too, so a route to `E ` finds it.
        let flee_names: Vec<String> = ["A", "B", "C", "D", "E "].map(str::to_string).to_vec();
        let link = |line, ends: [(&str, usize); 2]| FleeLink { line, ends: ends.map(|(n, c)| (n.to_string(), c)) };
        let links =
            [link(2, [("E ", 1), ("D", 2)]), link(3, [(" \"C\"", 1), ("D", 2)]), link(4, [("A", 1), (" B", 2)])];
        let stop = flee_link_stop(&links, &flee_names);
        assert_eq!(stop.as_ref().map(|s| (s.line, s.column)), Some((3, 1)));
        assert_eq!(stop.as_ref().unwrap().message, "link created to non-existent source:  \"C\"  with dest D");
        let names = vec![
            padded(at(2, 1, "name1"), 0, ["E ", "D"], "E"),
            padded(at(3, 1, "name1"), 0, [" \"C\"", "D"], "C"),
            padded(at(4, 2, "name2"), 1, ["A", " B"], "B"),
        ];
        padded_route_warnings(names, &flee_names, stop.as_ref(), &mut w);
        assert_eq!(
            w,
            [
                "routes.csv:3:1: field `name1`: spaces around the name, ` \"C\"`: FLEE keeps them, finds no place so \
                 named and stops (\"link created to non-existent source:  \"C\"  with dest D\", exit 0 and no output); \
                 corridor reads it trimmed, `C` (docs/flee-compat.md, \"Smaller points\")",
                "routes.csv:4:2: field `name2`: spaces around the name, ` B`: FLEE keeps them, would find no place so \
                 named, but stops before it, on line 3; corridor reads it trimmed, `B` (docs/flee-compat.md, \"Smaller \
                 points\")"
            ]
        );
        // The first alone, at the other end, in FLEE's words for a destination.
        let mut w = Vec::new();
        let stop = flee_link_stop(&[link(2, [("A", 1), (" B", 2)])], &flee_names);
        padded_route_warnings(vec![padded(at(2, 2, "name2"), 1, ["A", " B"], "B")], &flee_names, stop.as_ref(), &mut w);
        assert_eq!(
            w,
            ["routes.csv:2:2: field `name2`: spaces around the name, ` B`: FLEE keeps them, finds no place so named \
              and stops (\"link created to non-existent destination:  B with source A\", exit 0 and no output); \
              corridor reads it trimmed, `B` (docs/flee-compat.md, \"Smaller points\")"]
        );
    }

    /// Review of session 20: FLEE links a row of `forced_redirection` 2 from `name2` to `name1`, so it
    /// looks up `name2` first; and it stops on a route to a place locations.csv pads (`D ` there, `D`
    /// here), before any padded route name (both tried on tiny_a2f).
    #[test]
    fn flee_stops_where_it_links_up_a_name_it_does_not_find() {
        let flee_names: Vec<String> = ["A", "B", "C", "D ", "E"].map(str::to_string).to_vec();
        let link = |line, ends: [(&str, usize); 2]| FleeLink { line, ends: ends.map(|(n, c)| (n.to_string(), c)) };
        let swapped = [link(2, [("A", 1), ("B", 2)]), link(5, [(" D", 2), (" C", 1)])];
        assert_eq!(
            flee_link_stop(&swapped, &flee_names),
            Some(LinkStop {
                line: 5,
                column: 2,
                name: " D".into(),
                message: "link created to non-existent source:  D  with dest  C".into()
            })
        );
        let earlier = [link(5, [("C", 1), ("D", 2)]), link(10, [(" E", 1), ("F", 2)])];
        let stop = flee_link_stop(&earlier, &flee_names);
        let at = stop.as_ref().map(|s| (s.line, s.column, s.name.as_str(), s.message.as_str()));
        assert_eq!(at, Some((5, 2, "D", "link created to non-existent destination: D with source C")));
        let mut w = Vec::new();
        let at = InputLocation::at(Path::new("routes.csv"), 10).with_column(1).with_field("name1");
        let padded = PaddedRouteName { at, end: 0, names: [" E".into(), "F".into()], read: "E".into() };
        padded_route_warnings(vec![padded], &flee_names, stop.as_ref(), &mut w);
        assert!(
            w[0].contains("FLEE keeps them, would find no place so named, but stops before it, on line 5;"),
            "{w:?}"
        );
        assert_eq!(flee_link_stop(&[link(2, [("A", 1), ("D ", 2)])], &flee_names), None);
    }

    /// Review of session 19: a byte order mark alone on its line was passed over with the blank line,
    /// and the next judged; FLEE reads it as a row of one cell, `['\ufeff']`, takes it for a route
    /// (it does not start with `#`) and stops with an IndexError (tried on tiny_a2f's locations.csv
    /// and routes.csv).
    #[test]
    fn a_byte_order_mark_alone_on_its_line_is_a_row_for_flee() {
        for text in ["\u{feff}\n#name1,name2\nA,B\n", "\u{feff}\r\n#name1,name2\n", "\u{feff}"] {
            let mut w = Vec::new();
            unmarked_header(Path::new("routes.csv"), text.as_bytes(), &mut w);
            assert_eq!(w.len(), 1, "{text:?}: {w:?}");
            assert!(w[0].starts_with("routes.csv:1:1: the file starts with a UTF-8 byte order mark"), "{w:?}");
            assert!(
                w[0].contains("into a row of its own, `\\ufeff`, as nothing follows the mark on its line"),
                "{w:?}"
            );
            assert!(w[0].contains("stops on it (IndexError: it has no second cell)"), "{w:?}");
        }
    }
}

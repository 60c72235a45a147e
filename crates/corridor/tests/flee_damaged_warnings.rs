//! Damaged FLEE input folders that still run, with a warning at the cell: no routes, a camp no road
//! reaches, a conflict date past the period, a padded closure name, a road of 0 km, a stray name2, a
//! negative conflict intensity, no settings file, a road FLEE would add twice.

use crate::common;

use common::damaged::{copy_tiny, load_and_run, warnings_with};
use corridor::flee_dir::load_flee;

/// Found by the FLEE-user review: a routes.csv of only its header ran with exit 0 and no word, no
/// agent ever moving (FLEE runs too, printing an empty-route warning per agent and day). One warning
/// says so; the camps it leaves unreached are not listed one by one.
#[test]
fn a_routes_table_without_routes_is_warned_about() {
    let w = warnings_with("input_csv/routes.csv", "\"A\",\"B\",100,0\n", "").join("\n");
    assert!(w.is_empty(), "one route fewer, every camp still reached: {w}");
    let tmp = copy_tiny();
    std::fs::write(tmp.path().join("input_csv/routes.csv"), "#\"name1\",\"name2\",\"distance\",forced_redirection\n")
        .expect("write");
    let w = load_and_run(tmp.path()).expect("runs, as in FLEE");
    // And the border closure of closures.csv, with no road to close (session 33).
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].ends_with("routes.csv: no route below the header: no agent can move and no camp can be reached (FLEE runs such a folder too, warning of an empty route for every agent every day)"), "{w:?}");
    assert!(w[1].contains("closures.csv:2:3: field `name2`: no road joins `ABC` and `DEF`"), "{w:?}");
}

/// Found by the FLEE-user review: a camp left without routes (mali2012's Mentao) ran with exit 0 and no
/// word, its column of out.csv at 0 while its data rose (FLEE's own car input has one: Bili). Each camp
/// that no route joins to where agents appear gets a warning at its line of locations.csv.
#[test]
fn a_camp_no_route_reaches_is_warned_about() {
    let tmp = copy_tiny();
    let path = tmp.path().join("input_csv/routes.csv");
    let text = std::fs::read_to_string(&path).expect("read");
    let cut: String = text.lines().filter(|l| !l.contains("\"F\"")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, cut).expect("write");
    let w = load_and_run(tmp.path()).expect("runs, as in FLEE");
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("locations.csv:8: camp `F`: no route joins it to a place agents appear at"), "{w:?}");
    // E and F joined only to each other: F is reached by E's day-0 agent (6 / hasten 5 = 1); E, with no
    // other camp's agents or conflict zone in reach, is not.
    let (e, f) = ("\"E\"", "\"F\"");
    let pair: String = text
        .lines()
        .filter(|l| (l.contains(e) && l.contains(f)) || !(l.contains(e) || l.contains(f)))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, pair).expect("write");
    let w = load_flee(tmp.path()).expect("loads").warnings;
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("locations.csv:7: camp `E`: no route joins it"), "{w:?}");
}

/// Found by the FLEE-user review: a conflict_date past the period's end (400 for 300 days) ran with no
/// word, the user expecting no conflict there. FLEE's run.py takes conflicts' days from conflicts.csv
/// (conflict_date > 0 only makes the place start as a town), as corridor does: the warning says when, if
/// ever, conflicts.csv starts the conflict.
#[test]
fn a_conflict_date_past_the_period_is_warned_about() {
    let b = "\"B\",\"AB\",\"ABC\",1.0,1.0,\"conflict_zone\",";
    let w = warnings_with("input_csv/locations.csv", &format!("{b}10,"), &format!("{b}90,")).join("\n");
    assert!(w.contains("locations.csv:3: field `conflict_date`: 90 is past the period's last day (89): conflicts.csv starts a conflict there on day 0 all the same"), "{w}");
    assert_eq!(w.lines().count(), 1, "{w}");
    assert!(warnings_with("input_csv/locations.csv", &format!("{b}10,"), &format!("{b}89,")).is_empty());
    // No conflict in conflicts.csv either: a town throughout.
    let tmp = copy_tiny();
    let loc = tmp.path().join("input_csv/locations.csv");
    let text = std::fs::read_to_string(&loc).expect("read");
    std::fs::write(&loc, text.replace(&format!("{b}10,"), &format!("{b}400,"))).expect("write");
    let conflicts = tmp.path().join("input_csv/conflicts.csv");
    let text = std::fs::read_to_string(&conflicts).expect("read");
    let zeroed: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let mut cells: Vec<&str> = l.split(',').collect();
            if i > 0 {
                // A stays in conflict throughout, so that the day's agents have a place to appear.
                (cells[1], cells[2]) = (" 1", " 0");
            }
            format!("{}\n", cells.join(","))
        })
        .collect();
    std::fs::write(&conflicts, zeroed).expect("write");
    let w = load_flee(tmp.path()).expect("loads").warnings.join("\n");
    assert!(w.contains("locations.csv:3: field `conflict_date`: 400 is past the period's last day (89): conflicts.csv starts no conflict there in the period either: `B` is a town throughout"), "{w}");
}

/// Found by the FLEE-user review (session 13): FLEE compares closures.csv's names as written, so a
/// padded ` ABC` matches no country and FLEE ignores the row; corridor trims it and closes the border.
/// The difference now gets a warning at the padded cell, and a clean row gets none.
#[test]
fn issue5_a_padded_closure_name_is_applied_with_a_warning() {
    let closures = "input_csv/closures.csv";
    let padded = warnings_with(closures, "country,ABC,DEF", "country, ABC,DEF ");
    let at = |column: &str| {
        padded.iter().filter(|w| w.contains(column) && w.contains("FLEE compares it as written")).count()
    };
    assert_eq!((at("closures.csv:2:2: field `name1`"), at("closures.csv:2:3: field `name2`")), (1, 1), "{padded:?}");
    let clean = warnings_with(closures, "country,ABC,DEF", "country,ABC,DEF");
    assert!(!clean.iter().any(|w| w.contains("as written")), "{clean:?}");
}

/// Found by the FLEE-user review: docs/scenario-format.md says a FLEE folder's road of 0 km runs with a
/// warning, but there was none.
#[test]
fn a_flee_road_of_zero_km_is_warned_about() {
    let w = warnings_with("input_csv/routes.csv", "\"A\",\"B\",100,0", "\"A\",\"B\",0,0").join("\n");
    assert!(w.contains("routes.csv:2:3: field `distance`: a road of 0 km"), "{w}");
    assert_eq!(w.lines().count(), 1, "{w}");
}

/// Adversarial review of session 22: `location,C,D,…` ran as `location,C,…` without a word, where a
/// `link` closure was most likely meant. FLEE reads only `name1` for a `location`, `camp` or `idpcamp`
/// closure, and so does corridor, with a warning at the `name2` cell (none when it repeats `name1`).
#[test]
fn a_second_place_for_a_location_closure_is_warned_of() {
    let closure = "country,ABC,DEF,5,8";
    let w = warnings_with("input_csv/closures.csv", closure, &format!("{closure}\nlocation,C,D,3,5"));
    assert!(w.iter().any(|w| w.contains("closures.csv:3") && w.contains("FLEE reads only `name1`")), "{w:?}");
    let w = warnings_with("input_csv/closures.csv", closure, &format!("{closure}\nlocation,C,C,3,5"));
    assert!(!w.iter().any(|w| w.contains("reads only `name1`")), "{w:?}");
}

/// Input review of session 32: a `camp` closure of a town makes it a camp when the closure ends, in
/// FLEE (`open_camp`) and in corridor; a FLEE folder runs it as FLEE does, with a warning at `name1`.
#[test]
fn a_camp_closure_of_a_town_is_warned_of() {
    let closure = "country,ABC,DEF,5,8";
    let w = warnings_with("input_csv/closures.csv", closure, &format!("{closure}\ncamp,C,,3,5"));
    let said = |w: &[String]| w.iter().any(|w| w.contains("closures.csv:3:2") && w.contains("the place is a town"));
    assert!(said(&w), "{w:?}");
    let w = warnings_with("input_csv/closures.csv", closure, &format!("{closure}\ncamp,D,,3,5"));
    assert!(!w.iter().any(|w| w.contains("the place is a")), "a camp's own closure: {w:?}");
}

/// FLEE-user review of session 32: a `link` closure ran both ways without a word (F ended at 2 against
/// FLEE's 594), where a road's forced_redirection was warned of. Warned once, at the first, naming the
/// setting that does as FLEE; with that setting, not.
#[test]
fn link_closures_run_otherwise_than_in_flee_with_a_warning() {
    let closure = "country,ABC,DEF,5,8";
    let rows = format!("{closure}\nlink,C2,F,0,-1\nlink,A,C,3,9");
    let w = warnings_with("input_csv/closures.csv", closure, &rows);
    let said: Vec<&String> = w.iter().filter(|w| w.contains("`link` closure")).collect();
    assert_eq!(said.len(), 1, "{w:?}");
    assert!(said[0].contains("closures.csv:3:1") && said[0].contains("2 `link` closures"), "{said:?}");
    assert!(said[0].contains("`corridor: link_closures: flee`"), "{said:?}");
    let tmp = common::damaged::copy_tiny();
    std::fs::write(
        tmp.path().join("input_csv/closures.csv"),
        format!("#closure_type,name1,name2,closure_start,closure_end\n{rows}\n"),
    )
    .expect("write");
    let yml = tmp.path().join("simsetting.yml");
    let settings = std::fs::read_to_string(&yml).expect("read");
    std::fs::write(&yml, format!("{settings}corridor:\n  link_closures: flee\n")).expect("write");
    let w = common::damaged::load_and_run(tmp.path()).expect("runs");
    assert!(!w.iter().any(|w| w.contains("`link` closure")), "{w:?}");
}

/// FLEE user's review of session 24: FLEE 3's prototype switches and harvest months set to FLEE's
/// own defaults (false, none) change nothing, yet were warned of as not implemented; set otherwise,
/// they are.
#[test]
fn flee3_switches_and_harvest_months_at_flees_defaults_are_not_warned_of() {
    let with = |rules: &str| {
        let tmp = common::damaged::copy_tiny();
        let yml = format!("optimisations:\n  hasten: 5\nmove_rules:\n{rules}");
        std::fs::write(tmp.path().join("simsetting.yml"), yml).expect("write");
        corridor::flee_dir::load_flee(tmp.path()).expect("loads").warnings.join("\n")
    };
    let defaults = with("  MatchConflictEthnicity: False\n  BoysTakeRisk: false\n  harvest_months: []\n");
    assert!(!defaults.contains("not implemented"), "{defaults}");
    let set = with("  MatchConflictEthnicity: True\n  BoysTakeRisk: false\n  harvest_months: [6, 11]\n");
    assert!(set.contains("simsetting.yml:4: `move_rules.MatchConflictEthnicity` is not implemented"), "{set}");
    assert!(set.contains("simsetting.yml:6: `move_rules.harvest_months` is not implemented"), "{set}");
    assert!(!set.contains("BoysTakeRisk"), "{set}");
    // FLEE-user review of session 30: conflict-driven spawning, ignored, changes how many agents
    // appear; its warning says so.
    let tmp = common::damaged::copy_tiny();
    let yml = "optimisations:\n  hasten: 5\nspawn_rules:\n  conflict_driven_spawning:\n    spawn_mode: constant\n";
    std::fs::write(tmp.path().join("simsetting.yml"), yml).expect("write");
    let w = corridor::flee_dir::load_flee(tmp.path()).expect("loads").warnings.join("\n");
    let said = "`spawn_rules.conflict_driven_spawning.spawn_mode` is not implemented by corridor and is ignored: \
                corridor spawns from the data (source_data/) alone";
    assert!(w.contains(said), "{w}");
}

/// Bad-input hunt of session 30: a negative conflict intensity ran without a word (FLEE reads it as no
/// conflict, below its threshold, and so does corridor), where `nan` in the same cell is refused. One
/// warning per column, at the first such cell, with how many more days have one.
#[test]
fn a_negative_conflict_intensity_is_warned_about() {
    let w = warnings_with("input_csv/conflicts.csv", "\n3, 1, 1, 0,", "\n3, -1, 1, 0,").join("\n");
    let said = "input_csv/conflicts.csv:5: field `A`: a negative conflict intensity (-1) on day 3: read as no conflict, as FLEE reads it";
    assert!(w.ends_with(said) && w.lines().count() == 1, "{w}");
    let two = ("\n3, 1, 1, 0, 0, 0, 0, 0\n4, 1, 1,", "\n3, 1, -0.5, 0, 0, 0, 0, 0\n4, 1, -2,");
    let w = warnings_with("input_csv/conflicts.csv", two.0, two.1).join("\n");
    assert!(w.ends_with("field `B`: a negative conflict intensity (-0.5) on day 3, and on 1 more day(s): read as no conflict, as FLEE reads it"), "{w}");
    assert_eq!(w.lines().count(), 1, "{w}");
}

/// FLEE-user review of session 30: a settings file under another name (simsetting.yaml) ran silently on
/// FLEE's defaults, losing tiny_a2f's `hasten: 5` (5,923 agents instead of 1,184), where FLEE's run.py
/// stops. The run goes on, with a warning at the name it looked for.
#[test]
fn a_missing_settings_file_is_warned_about() {
    let tmp = copy_tiny();
    std::fs::rename(tmp.path().join("simsetting.yml"), tmp.path().join("simsetting.yaml")).expect("rename");
    let w = load_and_run(tmp.path()).expect("runs on FLEE's defaults");
    let said = "simsetting.yml: no such file: FLEE's run.py is given one and stops without it (FileNotFoundError); \
                corridor runs the folder on FLEE's code defaults (as it does, without this warning, for an empty file)";
    assert!(w.iter().any(|w| w.contains(said)), "{w:?}");
    std::fs::write(tmp.path().join("simsetting.yml"), "").expect("write");
    let w = load_and_run(tmp.path()).expect("runs");
    assert!(!w.iter().any(|w| w.contains("simsetting.yml: no such file")), "an empty file is FLEE's defaults: {w:?}");
}

/// FLEE-user review of session 30: a road with forced_redirection 1, which FLEE's reader adds twice
/// (docs/flee-compat.md (e)), ran without a word in corridor's default, which adds it once. One
/// warning names how many and the first; with `forced_redirection: flee` there is none.
#[test]
fn a_road_flee_would_add_twice_is_warned_about() {
    let tmp = copy_tiny();
    let path = tmp.path().join("input_csv/routes.csv");
    let text = std::fs::read_to_string(&path).expect("read");
    let first_road = text.lines().nth(1).expect("a road").to_string();
    let (start, _) = first_road.rsplit_once(',').expect("four cells");
    std::fs::write(&path, text.replacen(&first_road, &format!("{start},1"), 1)).expect("write");
    let w = load_and_run(tmp.path()).expect("runs").join("\n");
    assert!(w.contains("routes.csv: 1 road with forced_redirection 1 (first: "), "{w}");
    assert!(w.contains("FLEE's reader adds such a road twice, doubling its weight in route choice"), "{w}");
    let yml = std::fs::read_to_string(tmp.path().join("simsetting.yml")).expect("read");
    std::fs::write(tmp.path().join("simsetting.yml"), format!("{yml}corridor:\n  forced_redirection: flee\n"))
        .expect("write");
    let w = load_and_run(tmp.path()).expect("runs").join("\n");
    assert!(!w.contains("forced_redirection 1"), "{w}");
}

/// Input review of session 32: FLEE folder inputs that ran without a word, each now warned of at its
/// line: a `sim_period.csv` key that is neither `StartDate` nor `Length` (a misspelt `Lenght` left the
/// period 0 days), `data_layout.csv` series that name no camp or are named twice (both add to the new
/// agents), a conflicts.csv column named twice, a `#Day` cell that is not its row's day, and an empty
/// conflicts.csv. tiny_a2f itself gets none of them.
#[test]
fn flee_inputs_read_otherwise_than_written_are_warned_of() {
    let said = |w: &[String], what: &str| w.iter().any(|w| w.contains(what));
    let w = warnings_with("input_csv/sim_period.csv", "Length,90", "Length,90\nLenght,90");
    assert!(
        said(&w, "sim_period.csv:3: `Lenght` is neither `StartDate` nor `Length`")
            && said(&w, "did you mean `Length`?"),
        "{w:?}"
    );
    let w = warnings_with("source_data/data_layout.csv", "F,F.csv", "F,F.csv\nE,E.csv\nC,E.csv");
    assert!(said(&w, "data_layout.csv:5: series `E` again (first on line 3)"), "{w:?}");
    assert!(said(&w, "data_layout.csv:6: series `C` names no camp of locations.csv"), "{w:?}");
    let w = warnings_with("input_csv/conflicts.csv", "#Day, A, B, C, C2,", "#Day, A, B, C, B,");
    assert!(said(&w, "conflicts.csv:1:5: column `B` again (first in column 3)"), "{w:?}");
    let w = warnings_with("input_csv/conflicts.csv", "\n1, 1, 1, 0", "\n7, 1, 1, 0");
    assert!(said(&w, "conflicts.csv:3:1: the row of day 1 says `7`"), "{w:?}");
    let tmp = common::damaged::copy_tiny();
    std::fs::write(tmp.path().join("input_csv/conflicts.csv"), "").expect("write");
    let w = common::damaged::load_and_run(tmp.path()).expect("runs");
    assert!(said(&w, "conflicts.csv: an empty file"), "{w:?}");
    // Code review of session 32: a `#` comment row was told as a misspelt key.
    let w = warnings_with("input_csv/sim_period.csv", "StartDate", "#comment: the period of the run\nStartDate");
    assert!(!said(&w, "neither"), "{w:?}");
    let clean = common::damaged::load_and_run(common::damaged::copy_tiny().path()).expect("runs");
    for what in ["neither", "series `", "again (first", "the row of day", "an empty file"] {
        assert!(!said(&clean, what), "{what}: {clean:?}");
    }
}

/// Bad-input review of session 32: closures that close no road (a `link` of two places no road joins,
/// a border no road crosses) or more than they seem to (`country,ABC,ABC`, every road within ABC)
/// passed without a word, the one about link closures saying the road was closed both ways. FLEE runs
/// them so, and so does corridor, with a warning at the row.
#[test]
fn closures_that_close_nothing_or_a_whole_country_are_warned_of() {
    let row = "country,ABC,DEF,5,8";
    for (to, said) in [
        ("link,A,F,0,-1", "closures.csv:2:3: field `name2`: no road joins `A` and `F`: nothing to close, in FLEE as in corridor"),
        ("country,ABC,XYZ,5,8", "closures.csv:2:3: field `name2`: no place is in country `XYZ`"),
        ("country,ABC,ABC,5,8", "closures.csv:2:3: field `name2`: `ABC` twice: a `country` closure shuts the roads between two countries; FLEE then shuts every road within `ABC`, and so does corridor"),
    ] {
        let tmp = common::damaged::damaged("input_csv/closures.csv", row, to);
        match load_and_run(tmp.path()) {
            Ok(w) => {
                assert!(w.iter().any(|w| w.ends_with(said)), "{to}: {w:?}");
                assert!(!w.iter().any(|w| w.contains("closes the road both ways")), "{to}: {w:?}");
            }
            Err(e) => assert!(e.to_string().ends_with(said), "{to}: {e}"),
        }
    }
}

/// Bad-input review of session 32: an older FLEE's simsetting.csv (`MaxMoveSpeed,100`) was ignored
/// without a word, the run on simsetting.yml's values or FLEE's defaults.
#[test]
fn an_older_flees_settings_table_is_said_to_be_unread() {
    let tmp = copy_tiny();
    std::fs::write(tmp.path().join("simsetting.csv"), "MaxMoveSpeed,100\n").expect("write");
    let w = load_and_run(tmp.path()).expect("runs");
    assert!(
        w.iter().any(|w| w.contains("simsetting.csv: an older FLEE's settings table") && w.contains("not used")),
        "{w:?}"
    );
}

/// Bad-input review of session 32: `Length,90` then `Length,80` in sim_period.csv ran 80 days without
/// a word, and `Length,90,5` dropped its third cell silently. FLEE reads them so (the later row
/// counts; two cells a row); both are warned of at the line.
#[test]
fn a_second_period_row_or_a_cell_past_its_value_is_warned_of() {
    let tmp = copy_tiny();
    let path = tmp.path().join("input_csv/sim_period.csv");
    let text = std::fs::read_to_string(&path).expect("read");
    let length = text.lines().find(|l| l.to_lowercase().starts_with("length")).expect("a Length row").to_string();
    std::fs::write(&path, format!("{}{length},5\n", text.replace(&length, "Length,3"))).expect("write");
    let w = load_and_run(tmp.path()).expect("runs");
    assert!(w.iter().any(|w| w.contains("sim_period.csv:3: a second `Length` row (the first is line 2)")), "{w:?}");
    assert!(w.iter().any(|w| w.contains("sim_period.csv:3:3: a cell past `Length`'s value")), "{w:?}");
}

/// Bad-input review of session 32: a data_layout.csv without `total` first read its first camp as the
/// total (FLEE's `header[1:]`), so people_created depended on the rows' order, without a word; `total`
/// later was summed as a camp. Both are warned of at the row.
#[test]
fn a_data_layout_without_total_first_is_warned_of() {
    let tmp = copy_tiny();
    let path = tmp.path().join("source_data/data_layout.csv");
    let text = std::fs::read_to_string(&path).expect("read");
    let (first, rest) = text.split_once('\n').expect("two rows");
    std::fs::write(&path, format!("{rest}{first}\n")).expect("write");
    let w = load_and_run(tmp.path()).expect("runs");
    assert!(w.iter().any(|w| w.contains("data_layout.csv:1: the first series is `D`, not `total`")), "{w:?}");
    assert!(w.iter().any(|w| w.contains("data_layout.csv:4: `total` after the first row")), "{w:?}");
}

/// Final review 2 of session 33: a FLEE input folder given through a link that lives elsewhere had
/// the link's own folder taken for the FLEE folder (its source_data/ not found); the folder on disk
/// is the FLEE folder, as before session 33.
#[cfg(unix)]
#[test]
fn an_input_folder_given_through_a_link_finds_its_flee_folder() {
    let tmp = copy_tiny();
    let elsewhere = tempfile::tempdir().expect("a folder");
    let link = elsewhere.path().join("inp");
    std::os::unix::fs::symlink(tmp.path().join("input_csv"), &link).expect("link");
    let flee = load_flee(&link).expect("loads through the link");
    assert_eq!(flee.scenario.places.len(), 7);
}

/// Bad-input review of session 32: a series file's date given twice (the later count counts, in FLEE
/// too) or out of order was read without a word. The first such row is warned of at its line.
#[test]
fn a_series_date_repeated_or_out_of_order_is_warned_of() {
    for (rows, said) in [
        ("2010-01-11,50\n2010-01-11,60\n", "E.csv:3: date `2010-01-11` is the same as the row before's"),
        ("2010-01-11,50\n2010-01-05,60\n", "E.csv:3: date `2010-01-05` is earlier than the row before's"),
    ] {
        let tmp = copy_tiny();
        std::fs::write(tmp.path().join("source_data/E.csv"), format!("2010-01-01,0\n{rows}")).expect("write");
        let w = load_and_run(tmp.path()).expect("runs, as in FLEE");
        assert!(w.iter().any(|w| w.contains(said)), "{rows}: {w:?}");
    }
    assert!(load_and_run(copy_tiny().path()).expect("runs").is_empty(), "tiny_a2f's own series are in order");
}

/// FLEE user's review of session 34: a country cell with spaces around it was trimmed, where FLEE keeps
/// them; with the first row's `ABC ` FLEE's home country is `ABC `, and every other place of `ABC` is
/// foreign to it. corridor's foreign test compares the cells as FLEE does, and it warns once per such
/// cell (closures.csv's cells stay trimmed, with their own warning where padded).
#[test]
fn issue_session_34_a_padded_country_is_kept_as_flee_keeps_it() {
    let flee = common::copy_flee_reference("tiny_a2f", "padded-country");
    let locations = flee.path().join("input_csv").join("locations.csv");
    let text = std::fs::read_to_string(&locations).expect("locations.csv");
    std::fs::write(&locations, text.replacen("\"A\",\"AB\",\"ABC\"", "\"A\",\"AB\",\"ABC \"", 1)).expect("written");
    let f = corridor::flee_dir::load_flee(flee.path()).expect("loads");
    let place = |name: &str| f.scenario.places.iter().find(|p| p.name == name).expect("a place");
    // A's cell is FLEE's home country as written: B's `ABC` is foreign to FLEE, and so to corridor.
    assert!(!place("A").foreign && place("B").foreign, "B is foreign to `ABC `");
    assert_eq!(place("A").country, "ABC", "the country itself is read trimmed, as closures.csv's cells");
    let said = format!("{}:2:3: field `country`: the country `ABC ` has spaces around it", locations.display());
    assert_eq!(f.warnings.iter().filter(|w| w.starts_with(&said)).count(), 1, "{:?}", f.warnings);
}

/// FLEE user's review of session 34: `closure_start` -1 was refused as negative, where FLEE (whose
/// conflict_input/README.md gives -1 for "the end of the simulation") runs it, closing nothing, as it
/// closes on the day equal to the start. The row is set aside, with a warning at the cell.
#[test]
fn issue_session_34_a_closure_starting_at_minus_one_closes_nothing() {
    let flee = common::copy_flee_reference("tiny_a2f", "closure-minus-one");
    let closures = flee.path().join("input_csv").join("closures.csv");
    std::fs::write(&closures, "#closure_type,name1,name2,closure_start,closure_end\ncountry,ABC,DEF,-1,8\n")
        .expect("written");
    let f = load_flee(flee.path()).expect("loads, as FLEE runs it");
    assert!(f.scenario.closures.is_empty(), "{:?}", f.scenario.closures);
    let said = format!("{}:2:4: field `closure_start`: a closure starting on a day below 0", closures.display());
    assert!(f.warnings.iter().any(|w| w.starts_with(&said)), "{:?}", f.warnings);
    // FLEE acts on the end day all the same: it stops on an empty one, and opens a camp on it (the
    // diff review of session 34): refused, saying so.
    for (row, why) in [("country,ABC,DEF,-1,", "closure_end is empty"), ("camp,C,,-1,5", "makes the place a camp")] {
        std::fs::write(&closures, format!("#closure_type,name1,name2,closure_start,closure_end\n{row}\n"))
            .expect("written");
        let e = load_flee(flee.path()).map(|_| ()).expect_err(row).to_string();
        assert!(e.contains("closure_start") && e.contains(why), "{e}");
    }
}

/// FLEE user's review of session 34: FLEE reads `conflict_date` only for a conflict zone; `n/a` on a
/// town, which FLEE runs, was refused. It is not read.
#[test]
fn issue_session_34_a_towns_conflict_date_is_not_read() {
    let flee = common::copy_flee_reference("tiny_a2f", "town-date");
    let locations = flee.path().join("input_csv").join("locations.csv");
    let text = std::fs::read_to_string(&locations).expect("locations.csv");
    let edited =
        text.replacen("\"C\",\"C\",\"ABC\",1.0,1.0,\"town\",0,", "\"C\",\"C\",\"ABC\",1.0,1.0,\"town\",n/a,", 1);
    assert_ne!(edited, text, "the row was edited");
    std::fs::write(&locations, edited).expect("written");
    load_flee(flee.path()).expect("loads, as FLEE runs it");
}

/// Review of session 34's diff: FLEE reads `conflict_date` with int() where the type has "conflict" in
/// it, in any case: an empty cell or text on a `conflict_camp` stops it, and a later date makes the
/// place a town until then. corridor refuses the first two and warns of the third.
#[test]
fn issue_session_34_a_conflict_camps_date_is_read_as_flee_reads_it() {
    let flee = common::copy_flee_reference("tiny_a2f", "conflict-camp");
    let locations = flee.path().join("input_csv").join("locations.csv");
    let text = std::fs::read_to_string(&locations).expect("locations.csv");
    let row = text.lines().find(|l| l.starts_with("\"F\"")).expect("row F").to_string();
    let with = |ty: &str, date: &str| {
        let mut cells: Vec<String> = row.split(',').map(String::from).collect();
        (cells[5], cells[6]) = (format!("\"{ty}\""), date.to_string());
        std::fs::write(&locations, text.replace(&row, &cells.join(","))).expect("written");
        load_flee(flee.path()).map_err(|e| e.to_string())
    };
    for (ty, date) in [("conflict_camp", ""), ("Conflict_Camp", "n/a")] {
        let e = with(ty, date).map(|_| ()).expect_err("FLEE stops");
        assert!(e.contains("conflict_date"), "{ty} {date}: {e}");
    }
    let f = with("conflict_camp", "5").expect("FLEE runs it");
    assert!(f.warnings.iter().any(|w| w.contains("`F` has \"conflict\" in its type")), "{:?}", f.warnings);
}

/// Standards audit of session 35: a count below 0 in a series file ran without a word, and out.csv
/// showed a camp's observed people at -40 and errors taken against them. FLEE runs it, and so does
/// corridor, warning at the first such row.
#[test]
fn issue_session_35_a_negative_count_in_a_series_is_warned_of() {
    let tmp = copy_tiny();
    std::fs::write(tmp.path().join("source_data/E.csv"), "2010-01-01,0\n2010-01-11,-40\n2010-01-21,-3\n")
        .expect("write");
    let w = load_and_run(tmp.path()).expect("runs, as in FLEE");
    let said = "E.csv:2: a count of -40, below 0: FLEE reads it as it stands";
    assert_eq!(w.iter().filter(|w| w.contains("below 0")).count(), 1, "{w:?}");
    assert!(w.iter().any(|w| w.contains(said)), "{w:?}");
}

//! A FLEE folder's conflicts as corridor's dated changes, read from conflicts.csv as FLEE's run.py
//! reads them, and the warnings about conflict zones dated past the period.

use crate::flee::conflicts::CONFLICT_THRESHOLD;
use crate::flee::{FileCache, FleeScenarioData};
use crate::scenario::error::Result;
use crate::scenario::geography::PlaceIndex;
use crate::scenario::quotes;
use crate::scenario::{ConflictChange, InputLocation, Place};
use std::path::Path;

/// The conflicts of conflicts.csv (`conflicts_path`) over the period's `days`, as changes by day and
/// place: FLEE adds every zone above the threshold on day 0; later, only a rise from 0 (a start) and a
/// fall to 0 (an end). A column of an unknown place is an error if it would start a conflict in the
/// period (FLEE stops there), else warned of and skipped, as FLEE goes on.
pub(super) fn conflict_changes(
    data: &FleeScenarioData,
    index: &PlaceIndex,
    conflicts_path: &Path,
    files: &FileCache,
    days: u32,
    warnings: &mut Vec<String>,
) -> Result<Vec<ConflictChange>> {
    let mut conflicts = Vec::new();
    notes_on_the_table(&data.conflicts, conflicts_path, warnings);
    for name in &data.conflicts.names {
        // The column `intensity(name, day)` reads (the first of that name), found once.
        let Some(column) = data.conflicts.column(name) else { continue };
        // Its header cell: the row's first cell is the day's.
        let at = || InputLocation::at(conflicts_path, data.conflicts.header_line as usize).with_column(column + 2);
        let place = match index.resolve(name, || at().with_field(name.clone())) {
            Ok(place) => place,
            // FLEE only looks a name up when its column turns positive, and then prints an error
            // and goes on. A column that stays at 0 in the period (FLEE's own burundi input has
            // one) is reported and skipped; one that would switch a conflict on stops the run.
            // A name an unbalanced quote ran into the next (`"A,"B"`, read as `A,B"`) says so.
            Err(e) => {
                // The text the table was read from (the load's, not the disk's again).
                let cut = files.read(conflicts_path).ok().and_then(|bytes| quotes::cut_quoted(&bytes));
                let e = match cut {
                    Some(cells) => quotes::explain(conflicts_path, &cells, e),
                    None => e,
                };
                let rows = data.conflicts.rows.iter().take(days as usize);
                if rows.filter_map(|r| r.get(column)).any(|&v| v > CONFLICT_THRESHOLD) {
                    return Err(e);
                }
                warnings.push(format!("{e}; its values stay 0 in the period, so it is ignored, as FLEE does"));
                continue;
            }
        };
        warn_negative(data, conflicts_path, name, column, days, warnings);
        let mut prev = 0.0;
        for day in 0..days {
            let Some(&v) = data.conflicts.rows.get(day as usize).and_then(|r| r.get(column)) else { break };
            let on = v > CONFLICT_THRESHOLD;
            let was_on = prev > CONFLICT_THRESHOLD;
            if (day == 0 && on) || (day > 0 && on && !was_on) {
                conflicts.push(ConflictChange { day, place, intensity: v });
            } else if day > 0 && !on && was_on {
                conflicts.push(ConflictChange { day, place, intensity: 0.0 });
            }
            prev = v;
        }
    }
    conflicts.sort_by_key(|c| (c.day, c.place));
    Ok(conflicts)
}

/// Warns of a negative intensity in `name`'s column within the period (the first, and how many): FLEE
/// reads it as no conflict, as below its threshold, and so does corridor; but no table means it
/// (bad-input hunt of session 30: `-1` ran without a word, where `nan` is refused).
fn warn_negative(
    data: &FleeScenarioData,
    path: &Path,
    name: &str,
    column: usize,
    days: u32,
    warnings: &mut Vec<String>,
) {
    let table = &data.conflicts;
    let negative = |&(_, row): &(usize, &Vec<f64>)| row.get(column).is_some_and(|&v| v < 0.0);
    let mut found = table.rows.iter().take(days as usize).enumerate().filter(negative);
    let Some((day, row)) = found.next() else { return };
    let more = found.count();
    let at = InputLocation::at(path, table.lines[day] as usize).with_field(name.to_string());
    warnings.push(format!(
        "{at}: a negative conflict intensity ({}) on day {day}{}: read as no conflict, as FLEE reads it",
        row[column],
        if more > 0 { format!(", and on {more} more day(s)") } else { String::new() }
    ));
}

/// Warns of each conflict zone of `dated_late` (its index in `places` and its conflict_date, at or
/// past the period's `days`), saying whether conflicts.csv starts a conflict there all the same.
pub(super) fn warn_dated_late(
    places: &[Place],
    place_lines: &[usize],
    loc_path: &Path,
    dated_late: &[(usize, i64)],
    conflicts: &[ConflictChange],
    days: u32,
    warnings: &mut Vec<String>,
) {
    // FLEE's run.py takes conflicts' days from conflicts.csv; conflict_date > 0 only makes a conflict zone
    // start as a town (InputGeography.py:477-479).
    for &(i, date) in dated_late {
        let name = &places[i].name;
        let at = InputLocation::at(loc_path, place_lines[i]).with_field("conflict_date");
        let what = match conflicts.iter().find(|c| c.place.index() == i && c.intensity > 0.0) {
            Some(c) => format!(
                "conflicts.csv starts a conflict there on day {} all the same (FLEE, and corridor, take conflicts' \
                 days from conflicts.csv; conflict_date only makes `{name}` start as a town)",
                c.day
            ),
            None => {
                format!("conflicts.csv starts no conflict there in the period either: `{name}` is a town throughout")
            }
        };
        warnings.push(format!("{at}: {date} is past the period's last day ({}): {what}", days - 1));
    }
}

/// What a FLEE user should be told of conflicts.csv as a table (input review of session 32, each run
/// without a word): an empty file, a place named by two columns, and a `#Day` cell that is not its
/// row's day.
fn notes_on_the_table(table: &crate::flee::conflicts::ConflictTable, path: &Path, warnings: &mut Vec<String>) {
    let path_text = path.display();
    if table.header_line == 0 {
        warnings.push(format!(
            "{path_text}: an empty file: no conflict starts or ends in the period, and the places typed \
             conflict_zone in locations.csv stay conflict zones throughout"
        ));
    }
    for (i, name) in table.names.iter().enumerate() {
        if let Some(first) = table.names[..i].iter().position(|n| n == name) {
            warnings.push(format!(
                "{path_text}:{}:{}: column `{name}` again (first in column {}): FLEE appends both columns' values \
                 to one list, so that later days read other rows; corridor reads the first column and ignores \
                 this one",
                table.header_line,
                i + 2,
                first + 2
            ));
        }
    }
    if let Some((line, day, cell)) = &table.day_mismatch {
        warnings.push(format!(
            "{path_text}:{line}:1: the row of day {day} says `{cell}`: FLEE reads rows by their position, not by \
             this cell, and so does corridor (a row missing or repeated above shifts every day after it)"
        ));
    }
}

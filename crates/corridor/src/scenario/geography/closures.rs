//! Reads the closures table (FLEE's five columns, matched by name): a scenario's, checked against its
//! roads, and a FLEE folder's, as FLEE reads it, with what a FLEE user should be warned of.

use super::{PlaceIndex, Reading};
use crate::scenario::error::{InputLocation, Result};
use crate::scenario::flee_columns;
use crate::scenario::model::{Closure, ClosureTarget, Place, PlaceId, PlaceKind, Route};
use crate::scenario::table::{Column, ExtraColumn, Table};
use std::path::Path;

pub const CLOSURE_COLUMNS: &[Column] = &[
    Column::required("closure_type"),
    Column::required("name1"),
    Column::optional("name2"),
    Column::required("closure_start"),
    Column::optional("closure_end"),
    // Where the closure comes from, as the other tables' rows carry it (standards audit of session 35:
    // the column was refused). FLEE reads the five before it by position.
    Column::optional("source"),
];

/// Reads a closures table (days are day indices from the start, `-1` as end = never reopens).
/// A scenario's closures: a `link` closure must name places a road of `routes` joins (else it would
/// close nothing). One starting after the period is warned of by `scenario::warnings`.
pub fn read_closures(
    path: &Path,
    bytes: &[u8],
    places: &[Place],
    index: &PlaceIndex,
    routes: &[Route],
) -> Result<Vec<Closure>> {
    // (No period: 0 days notes nothing, and a scenario's notes are not read.)
    closures_by(Reading::Own, path, bytes, places, index, routes, 0, &mut ClosureNotes::default())
}

/// A FLEE folder's closures table, as FLEE reads it (its five columns in its order; a closure of a
/// link no road makes closes nothing, silently, so no routes are needed), adding to `notes` what a
/// FLEE user should be warned of.
pub fn read_flee_closures(
    path: &Path,
    bytes: &[u8],
    places: &[Place],
    index: &PlaceIndex,
    routes: &[Route],
    days: u32,
    notes: &mut ClosureNotes,
) -> Result<Vec<Closure>> {
    closures_by(Reading::Flee, path, bytes, places, index, routes, days, notes)
}

/// What [`read_flee_closures`] notes of a FLEE folder's closures, for warnings that name the cell.
#[derive(Debug, Default)]
pub struct ClosureNotes {
    /// Rows that change nothing (a `remove_forced_redirection`: its `closure_type` cell).
    pub no_effect: Vec<InputLocation>,
    /// Type and name cells with spaces around their text: FLEE compares them as written, so it matches
    /// no place (or type) and ignores the row, where corridor reads the trimmed text.
    pub padded: Vec<InputLocation>,
    /// The first non-empty cell past the header's columns (and the fifth) of a row: FLEE reads a
    /// row's first five cells and ignores the rest, as corridor does.
    pub extra_cells: Vec<InputLocation>,
    /// Columns after the fifth: FLEE ignores them (it skips the header), as corridor does.
    pub extras: Vec<ExtraColumn>,
    /// `closure_start` cells past the period's last day: such a closure closes nothing, in FLEE too.
    pub after_period: Vec<InputLocation>,
    /// `closure_start` cells below 0 in a FLEE folder: FLEE closes on the day equal to it, so never
    /// (its conflict_input/README.md gives -1 for "the end of the simulation"); the row is set aside.
    pub never_starts: Vec<InputLocation>,
    /// `name2` cells of a `location`, `camp` or `idpcamp` closure naming another place than `name1`:
    /// FLEE reads `name1` alone for these, and so does corridor (a scenario's own table refuses it).
    pub ignored_name2: Vec<InputLocation>,
    /// `name1` cells of a `camp` or `idpcamp` closure of a place of another kind, with the place's kind
    /// and the closure's: FLEE makes the place a camp of that kind when the closure ends, and so does
    /// corridor (a scenario's own table refuses it).
    pub not_a_camp: Vec<(InputLocation, &'static str, &'static str)>,
    /// `closure_type` cells of `link` closures: FLEE closes such a road one way, and only for names
    /// of one character; corridor both ways unless `link_closures: flee` (docs/flee-compat.md (d)).
    pub links: Vec<InputLocation>,
    /// Rows that close no road or more roads than they seem to, with why (bad-input review of session
    /// 32: a `link` closure of two places no road joins, or a border no road crosses, passed without
    /// a word; FLEE runs them so, and a scenario's own table refuses them).
    pub closes_otherwise: Vec<(InputLocation, String)>,
}

/// A closures table by `reading`'s rules: [`read_closures`] (`routes`, the scenario's roads, checked
/// against its link closures) or [`read_flee_closures`] (no routes looked at).
#[allow(clippy::too_many_arguments)]
fn closures_by(
    reading: Reading,
    path: &Path,
    bytes: &[u8],
    places: &[Place],
    index: &PlaceIndex,
    routes: &[Route],
    days: u32,
    notes: &mut ClosureNotes,
) -> Result<Vec<Closure>> {
    // A FLEE folder's: FLEE reads a row's first five cells, all of them, and ignores the rest.
    let table = match reading {
        Reading::Own => Table::parse(path, bytes, CLOSURE_COLUMNS)?,
        Reading::Flee => {
            let (table, extras) = flee_columns::CLOSURES.parse(path, bytes)?;
            notes.extras = extras;
            let most = table.header_width().max(flee_columns::CLOSURES.least);
            for row in table.rows() {
                flee_columns::CLOSURES.check_cells(&table, &row, None).map_err(|e| table.explain_quotes(e))?;
                if let Some(i) = row.nonempty_past(most) {
                    notes.extra_cells.push(InputLocation::at(path, row.line).with_column(i + 1));
                }
            }
            table
        }
    };
    closures_of(&table, reading, places, index, routes, days, notes).map_err(|e| table.explain_quotes(e))
}

/// The closures of `table`, read by `reading`'s rules (see [`closures_by`]).
fn closures_of(
    table: &Table,
    reading: Reading,
    places: &[Place],
    index: &PlaceIndex,
    routes: &[Route],
    days: u32,
    notes: &mut ClosureNotes,
) -> Result<Vec<Closure>> {
    let mut closures = Vec::with_capacity(table.len());
    // Each closure's line, in a scenario's own table.
    let mut lines: Vec<usize> = Vec::new();
    for row in table.rows() {
        for column in ["closure_type", "name1", "name2"] {
            if row.padded(column) {
                notes.padded.push(row.location(column));
            }
        }
        let kind = row.required_text("closure_type")?;
        let name1 = row.required_text("name1")?;
        let place = |col: &str, name: &str| index.resolve(name, || row.location(col));
        // A closure of one place given a second (adversarial review of session 22: `location,A,B` ran as
        // `location,A`, where a `link` closure was most likely meant).
        if matches!(kind, "location" | "camp" | "idpcamp") {
            if let Some(name2) = row.text("name2").filter(|n| *n != name1) {
                if reading == Reading::Own {
                    let message = format!(
                        "a `{kind}` closure acts on `name1` alone; `{name2}` would be ignored: leave `name2` empty, \
                         or for the road between the two give a `link` closure"
                    );
                    return Err(row.error("name2", message));
                }
                notes.ignored_name2.push(row.location("name2"));
            }
        }
        let target = match kind {
            "country" => {
                let name2 = row.required_text("name2")?;
                for (col, c) in [("name1", name1), ("name2", name2)] {
                    if !places.iter().any(|p| p.country == c) {
                        let hint = crate::suggest::did_you_mean_place(c, places.iter().map(|p| p.country.as_str()));
                        return Err(row.error(col, format!("no place is in country `{c}`{hint}")));
                    }
                }
                // The roads between two countries, one at least (input review of session 32:
                // `country,Mexico,Mexico` shut every road in Mexico, and `country,Honduras,Mexico`, with
                // no road between them, closed nothing, without a word): refused in a scenario's own
                // table, warned of in a FLEE folder's, which FLEE runs so.
                let country = |p: PlaceId| places[p.index()].country.as_str();
                let crosses = |r: &Route| {
                    let (a, b) = (country(r.a), country(r.b));
                    (a, b) == (name1, name2) || (a, b) == (name2, name1)
                };
                let otherwise = if name1 == name2 {
                    Some(format!("`{name1}` twice: a `country` closure shuts the roads between two countries"))
                } else if !routes.iter().any(crosses) {
                    Some(format!("no road joins `{name1}` and `{name2}`: nothing to close"))
                } else {
                    None
                };
                match (otherwise, reading) {
                    (Some(why), Reading::Own) => {
                        let hint = if name1 == name2 { " (close places with `location` closures)" } else { "" };
                        return Err(row.error("name2", format!("{why}{hint}")));
                    }
                    (Some(why), Reading::Flee) => {
                        let then = if name1 == name2 {
                            format!("FLEE then shuts every road within `{name1}`, and so does corridor")
                        } else {
                            "FLEE runs it so (\"no link closed when closing borders\"), and so does corridor".into()
                        };
                        notes.closes_otherwise.push((row.location("name2"), format!("{why}; {then}")));
                    }
                    (None, _) => {}
                }
                ClosureTarget::Border { country_a: name1.to_string(), country_b: name2.to_string() }
            }
            "location" => ClosureTarget::Place(place("name1", name1)?),
            "link" => {
                let name2 = row.required_text("name2")?;
                let (a, b) = (place("name1", name1)?, place("name2", name2)?);
                if !routes.iter().any(|r| r.joins(a, b)) {
                    let why = format!("no road joins `{name1}` and `{name2}`: nothing to close");
                    if reading == Reading::Own {
                        return Err(row.error("name2", why));
                    }
                    notes.closes_otherwise.push((row.location("name2"), format!("{why}, in FLEE as in corridor")));
                } else {
                    notes.links.push(row.location("closure_type"));
                }
                ClosureTarget::Link(a, b)
            }
            "camp" | "idpcamp" => {
                let p = place("name1", name1)?;
                let (wanted, target) = match kind {
                    "camp" => (PlaceKind::Camp, ClosureTarget::Camp(p)),
                    _ => (PlaceKind::IdpCamp, ClosureTarget::IdpCamp(p)),
                };
                // A closure of a place of another kind makes it a camp when it ends, as FLEE's open_camp
                // does (input review of session 32: a town became a camp without a word).
                let is = places[p.index()].kind;
                if is != wanted {
                    if reading == Reading::Own {
                        let message = format!(
                            "`{name1}` is a `{}` in the locations table, not a `{}`: a `{kind}` closure would make \
                             it one when the closure ends; close a place of another kind with a `location` closure",
                            is.name(),
                            wanted.name(),
                        );
                        return Err(row.error("name1", message));
                    }
                    notes.not_a_camp.push((row.location("name1"), is.name(), wanted.name()));
                }
                target
            }
            "remove_forced_redirection" => {
                let name2 = row.required_text("name2")?;
                ClosureTarget::ForcedRedirection(place("name1", name1)?, place("name2", name2)?)
            }
            other => {
                return Err(row.error(
                    "closure_type",
                    format!(
                        "unknown closure type `{other}`; expected country, location, link, camp, idpcamp or \
                         remove_forced_redirection"
                    ),
                ))
            }
        };
        // FLEE acts on `closure_end` whenever that day comes, even before the start; it is harmless
        // only for the flag, which changes nothing (FLEE's own burundi input has `101,0`).
        let flag_only = matches!(target, ClosureTarget::ForcedRedirection(..));
        if flag_only {
            notes.no_effect.push(row.location("closure_type"));
        }
        let start = row
            .optional_day("closure_start")?
            .ok_or_else(|| row.error("closure_start", "is empty: a day number is required"))?;
        if start < 0 && reading == Reading::Flee {
            // FLEE user's review of session 34: refused, where FLEE runs it, closing nothing. But FLEE
            // acts on the end day all the same (reads it with int(), stopping on an empty cell or text;
            // opens a camp there), which corridor does not model: those are refused, saying so.
            let end = row.optional_day("closure_end")?;
            let opens = matches!(target, ClosureTarget::Camp(_) | ClosureTarget::IdpCamp(_));
            if end.is_none() || (opens && end != Some(-1)) {
                let why = if end.is_none() {
                    "closure_end is empty: FLEE reads it with int() all the same and stops"
                } else {
                    "FLEE never closes it, but on its closure_end day makes the place a camp (an IDP camp), which \
                     corridor does not model for a closure that never started"
                };
                return Err(row.error("closure_start", format!("{start}: {why}; give a closure_start of 0 or more")));
            }
            notes.never_starts.push(row.location("closure_start"));
            continue;
        }
        if start < 0 {
            return Err(row.error("closure_start", format!("{start} is negative")));
        }
        let end = match row.optional_day("closure_end")? {
            // FLEE reads the end as `int(link[4])`, stopping on an empty cell.
            None if reading == Reading::Flee => {
                return Err(row.error(
                    "closure_end",
                    "is empty: FLEE reads a day number here (-1 for never) and stops with a ValueError on an empty \
                     cell",
                ))
            }
            None | Some(-1) => None,
            Some(e) if e < start && !flag_only => {
                return Err(row.error("closure_end", format!("{e} is before closure_start {start} (use -1 for never)")))
            }
            // Closed and reopened on one day, it closes nothing (bad-input review of session 32: taken
            // without a word, where a policy's `to` equal to its `from` is refused); FLEE runs it so.
            Some(e) if e == start && !flag_only && reading == Reading::Own => {
                let msg = format!(
                    "{e} is closure_start too: the closure would open again the day it closes, closing nothing \
                     (it lasts from closure_start to the day before closure_end; -1 for never)"
                );
                return Err(row.error("closure_end", msg));
            }
            Some(e) => Some(e),
        };
        let closure = Closure { target, start, end };
        // A period of no day (FLEE's `Length` 0) is warned of as such: nothing is closed then anyway.
        // (A scenario's own is warned of by `scenario::warnings`, naming the closure: a period
        // shortened by `--set end=` may leave a closure beyond it, which is no error.)
        if days > 0 && closure.starts_after(days) {
            notes.after_period.push(row.location("closure_start"));
        }
        // The same closure twice, in a scenario's own table, as a road or place given twice is (standards
        // audit of session 35: a copied row was taken without a word).
        if reading == Reading::Own {
            if let Some(k) = closures.iter().position(|c| *c == closure) {
                let first = lines[k];
                return Err(row.error("closure_type", format!("the same closure as line {first}: remove one")));
            }
            lines.push(row.line);
        }
        closures.push(closure);
    }
    Ok(closures)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::geography::{read_places, read_routes};
    use crate::scenario::model::PlaceId;

    fn places(name: &str, text: &str) -> Result<Vec<Place>> {
        read_places(Path::new(name), text.as_bytes())
    }

    /// FLEE's own burundi input has `remove_forced_redirection,Nduta,Nyarugusu,101,0`: the type is
    /// read (it changes nothing, as in FLEE), and only it may end before it starts.
    #[test]
    fn issue5_remove_forced_redirection_is_read_and_may_end_before_it_starts() {
        let places = places("l.csv", "name,location_type\nA,town\nB,camp\n").unwrap();
        let index = PlaceIndex::new(&places);
        let routes = read_routes(Path::new("r.csv"), b"name1,name2,distance\nA,B,1\n", &index).unwrap();
        let read = |text: &str| read_closures(Path::new("c.csv"), text.as_bytes(), &places, &index, &routes);
        let head = "#closure_type,name1,name2,closure_start,closure_end\n";
        let c = read(&format!("{head}remove_forced_redirection,A,B,101,0\n")).unwrap();
        assert_eq!(c[0].target, ClosureTarget::ForcedRedirection(PlaceId(0), PlaceId(1)));
        assert_eq!((c[0].start, c[0].end), (101, Some(0)));
        let mut notes = ClosureNotes::default();
        let text = format!("{head}location,A,,1,2\nremove_forced_redirection,A,B,101,0\n");
        read_flee_closures(Path::new("c.csv"), text.as_bytes(), &places, &index, &routes, 1000, &mut notes).unwrap();
        let rows: Vec<String> = notes.no_effect.iter().map(|at| at.to_string()).collect();
        assert_eq!(rows, ["c.csv:3:1: field `closure_type`"], "the row that changes nothing, and only it");
        assert!(notes.padded.is_empty());
        let e = read(&format!("{head}location,A,,101,0\n")).unwrap_err().to_string();
        assert!(e.starts_with("c.csv:2:5: field `closure_end`: 0 is before closure_start 101"), "{e}");
        // Bad-input review of session 32: a closure ending the day it starts closed nothing, silently.
        let e = read(&format!("{head}location,A,,20,20\n")).unwrap_err().to_string();
        assert!(e.starts_with("c.csv:2:5: field `closure_end`: 20 is closure_start too"), "{e}");
        let e = read(&format!("{head}remove_forced_redirection,A,Z,1,2\n")).unwrap_err().to_string();
        assert!(e.starts_with("c.csv:2:3: field `name2`: unknown place `Z`"), "{e}");
    }

    /// Review of session 21 (bad input): a closure starting after the period's last day was taken
    /// without a word, though it closes nothing. A FLEE folder's (FLEE runs it, closing nothing) is
    /// noted for a warning at its cell; a scenario's is read (a period shortened by `--set end=` may
    /// leave it beyond) and warned of by `scenario::warnings`.
    #[test]
    fn a_closure_starting_after_the_period_is_noted_for_a_flee_warning() {
        let places = places("l.csv", "name,location_type\nA,town\nB,camp\n").unwrap();
        let index = PlaceIndex::new(&places);
        let routes = read_routes(Path::new("r.csv"), b"name1,name2,distance\nA,B,1\n", &index).unwrap();
        let text = "#closure_type,name1,name2,closure_start,closure_end\nlink,A,B,91,-1\nlink,A,B,92,-1\n";
        let own = read_closures(Path::new("c.csv"), text.as_bytes(), &places, &index, &routes).unwrap();
        assert_eq!(own.len(), 2);
        let mut notes = ClosureNotes::default();
        let c =
            read_flee_closures(Path::new("c.csv"), text.as_bytes(), &places, &index, &routes, 92, &mut notes).unwrap();
        assert_eq!(c.len(), 2, "FLEE's rows are all read");
        let rows: Vec<String> = notes.after_period.iter().map(|at| at.to_string()).collect();
        assert_eq!(rows, ["c.csv:3:4: field `closure_start`"]);
    }
}

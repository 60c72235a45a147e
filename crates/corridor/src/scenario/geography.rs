//! Reads the place and route tables (FLEE's columns, matched by name, plus optional ones of ours), and
//! through `closures` the closure table; checks names, numbers and references at file, line and column.

use super::cut::Misquoted;
use super::error::{InputLocation, Result, ScenarioError};
use super::flee_columns::{self, FLEE_LINK_ATTRIBUTES};
use super::model::{Place, PlaceId, PlaceKind, Route};
use super::table::{Column, ExtraColumn, Row, Table};
use std::collections::HashMap;
use std::path::Path;

mod closures;

pub use closures::{read_closures, read_flee_closures, ClosureNotes, CLOSURE_COLUMNS};

/// Place names to ids, for resolving references with good errors.
#[derive(Clone, Debug, Default)]
pub struct PlaceIndex {
    ids: HashMap<String, PlaceId>,
    /// The names in the table's order, for the place a misspelt name most likely means.
    names: Vec<String>,
    /// Names whose quote closed before their cell ended, for an unknown name they may have been meant as.
    misquoted: Vec<MisquotedName>,
}

/// A place name written with a quote that closes before its cell ends (`"C"x`, read as `Cx`, by
/// Python's `csv` module too): a name other than the one most likely meant (`C`).
#[derive(Clone, Debug)]
pub struct MisquotedName {
    /// The text within the quotes (`C`).
    pub quoted: String,
    /// What locations.csv's reader says of it, at its line and column: the quote, what corridor reads,
    /// and what FLEE reads.
    pub said: String,
}

impl PlaceIndex {
    pub fn new(places: &[Place]) -> Self {
        let ids = places.iter().enumerate().map(|(i, p)| (p.name.clone(), PlaceId(i as u32))).collect();
        let names = places.iter().map(|p| p.name.clone()).collect();
        PlaceIndex { ids, names, misquoted: Vec::new() }
    }

    /// This index, an unknown name that one of `names` was most likely meant as said with it.
    pub fn with_misquoted(mut self, names: &[MisquotedName]) -> Self {
        self.misquoted = names.to_vec();
        self
    }

    pub fn get(&self, name: &str) -> Option<PlaceId> {
        self.ids.get(name).copied()
    }

    /// The known place `name` most likely misspells (`suggest::closest_place`), the first in the
    /// table's order of equally close ones.
    fn closest(&self, name: &str) -> Option<&str> {
        crate::suggest::closest_place(name, self.names.iter().map(String::as_str))
    }

    /// Resolves `name`, or explains at `location` that no such place exists.
    pub fn resolve(&self, name: &str, location: impl FnOnce() -> InputLocation) -> Result<PlaceId> {
        self.get(name).ok_or_else(|| {
            let meant = self.misquoted.iter().find(|m| m.quoted.trim() == name.trim());
            let why = match meant {
                Some(m) => format!("; {}", m.said),
                None => self.closest(name).map(|k| format!(" (did you mean `{k}`?)")).unwrap_or_default(),
            };
            ScenarioError::invalid(location(), format!("unknown place `{name}`: it is not in the locations table{why}"))
        })
    }
}

/// Whose rules a table is read by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// A scenario's own tables: its known columns only, location types by name, and every check.
    Own,
    /// A FLEE folder's, as FLEE reads them: further columns kept (FLEE's attributes), location types by
    /// the words they contain, a camp's capacity of -1 as unlimited, roads of 0 km, and closures of
    /// links no road makes (FLEE closes nothing, silently).
    Flee,
}

pub const LOCATION_COLUMNS: &[Column] = &[
    Column::required("name"),
    Column::optional("region"),
    Column::optional("country"),
    Column::optional("lat").aka(&["latitude", "gps_x", "x"]),
    Column::optional("lon").aka(&["long", "longitude", "gps_y", "y"]),
    Column::required("location_type").aka(&["type"]),
    Column::optional("conflict_date"),
    Column::optional("population").aka(&["pop/cap", "population/capacity", "pop", "capacity"]),
    Column::optional("shelter_capacity"),
    Column::optional("source"),
];

/// Reads a locations table. A FLEE table loads unchanged; the first place's country is "home".
pub fn read_places(path: &Path, bytes: &[u8]) -> Result<Vec<Place>> {
    let table = Table::parse(path, bytes, LOCATION_COLUMNS)?;
    places_of(&table, path, Reading::Own).map_err(|e| table.explain_quotes(e))
}

/// A FLEE folder's places, with the line of each (for warnings that name it).
pub struct FleePlaces {
    pub places: Vec<Place>,
    /// `lines[i]`: the line of `places[i]` in the table.
    pub lines: Vec<usize>,
    /// Columns after the eighth that corridor does not know (FLEE keeps them as attributes).
    pub extras: Vec<ExtraColumn>,
    /// Names written with a quote that closes before the cell ends (`"C"x`), for a warning each.
    pub misquoted_names: Vec<MisquotedName>,
    /// Name cells with spaces around their text (`C `): the place (index into `places`), where the
    /// cell is and the name as FLEE reads it, untrimmed (a misquoted one is among `misquoted_names`,
    /// which says so): for a warning each.
    pub padded_names: Vec<(usize, InputLocation, String)>,
    /// `country` cells with spaces around their text, as written, each with its cell.
    pub padded_countries: Vec<(InputLocation, String)>,
    /// Every place's name as FLEE reads it (untrimmed), in file order: the names FLEE links routes to.
    pub flee_names: Vec<String>,
}

/// Whether a FLEE row's location type has "conflict" in it, in any case, as FLEE tests it
/// (`InputGeography.py`: `"conflict" in location_type.lower()`), reading its conflict_date then.
fn conflict_typed(row: &super::table::Row<'_>) -> bool {
    row.text("location_type").is_some_and(|t| t.to_ascii_lowercase().contains("conflict"))
}

/// Reads a FLEE folder's locations table: an unknown column after the eighth is accepted (FLEE
/// stores it as an attribute) and returned; a misspelt known column
/// is still an error. FLEE's eight columns are required, in FLEE's order, and each row must have
/// their cells and none past the header's (FLEE stops on such a row).
pub fn read_flee_places(path: &Path, bytes: &[u8]) -> Result<FleePlaces> {
    let (table, extras) = flee_columns::LOCATIONS.parse(path, bytes)?;
    flee_columns::LOCATIONS.check_rows(&table)?;
    let places = places_of(&table, path, Reading::Flee).map_err(|e| table.explain_quotes(e))?;
    // `places_of` makes one place per row, in order.
    let lines = table.rows().map(|r| r.line).collect();
    let quoted = table.quoted_cells("name");
    let misquoted_lines: Vec<usize> = quoted.iter().map(|(row, _)| row.line).collect();
    let misquoted_names = misquoted_names(&table, quoted);
    let padded_names = (table.rows().enumerate())
        .filter(|(_, row)| row.padded("name") && !misquoted_lines.contains(&row.line))
        .map(|(i, row)| (i, row.location("name"), row.cell("name").unwrap_or_default().to_string()))
        .collect();
    let flee_names = table.rows().map(|row| row.cell("name").unwrap_or_default().to_string()).collect();
    let padded_countries = (table.rows())
        .filter(|row| row.padded("country"))
        .map(|row| (row.location("country"), row.cell("country").unwrap_or_default().to_string()))
        .collect();
    Ok(FleePlaces { places, lines, extras, misquoted_names, padded_names, padded_countries, flee_names })
}

/// The name cells of `table` written with a quote that closes before the cell ends and runs nothing
/// into it (`"C"x`; one that ran cells into one is warned of with every file's), each said at its line
/// and column (`quoted`: those cells, `Table::quoted_cells`): what is read, and what FLEE reads (Python's `csv` module reads `"C"x` as `Cx` too, and
/// `"C"x ` as `Cx `, where corridor trims it to `Cx`).
fn misquoted_names<'t>(table: &Table, quoted: Vec<(Row<'t>, &'t Misquoted)>) -> Vec<MisquotedName> {
    let said = |row: Row, m| {
        let (read, flee) = (row.text("name").unwrap_or(""), row.cell("name").unwrap_or(""));
        let (read_as, then) = if read == flee {
            (None, format!("FLEE's reader (Python's csv module) reads it so too, and so the place is `{read}`"))
        } else {
            let read_as = format!("`{flee}` by FLEE (corridor trims it to `{read}`)");
            let then = format!(
                "FLEE's reader (Python's csv module) keeps the spaces, so the place is `{flee}` in FLEE, `{read}` in \
                 corridor"
            );
            (Some(read_as), then)
        };
        MisquotedName { quoted: table.quoted_text(m), said: table.quote_warning(m, read_as.as_deref(), &then) }
    };
    quoted.into_iter().map(|(row, m)| said(row, m)).collect()
}

/// The places of `table`, read by `reading`'s rules.
fn places_of(table: &Table, path: &Path, reading: Reading) -> Result<Vec<Place>> {
    let kind_of = match reading {
        Reading::Own => PlaceKind::parse,
        Reading::Flee => PlaceKind::parse_flee,
    };
    let mut places: Vec<Place> = Vec::with_capacity(table.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut home_country: Option<String> = None;
    for row in table.rows() {
        let name = row.required_text("name")?.to_string();
        if let Some(first) = seen.get(&name) {
            return Err(row.error("name", format!("duplicate place `{name}` (first defined on line {first})")));
        }
        seen.insert(name.clone(), row.line);
        let type_text = row.required_text("location_type")?;
        let kind = kind_of(type_text).ok_or_else(|| {
            // FLEE runs such a place, after an error on stderr, as one of no kind that everyone leaves
            // each day (move chance 1): corridor does not guess it was meant (FLEE user's review of
            // session 24), and says what FLEE reads.
            let flee = match reading {
                Reading::Flee => {
                    "; FLEE cannot parse it either (it prints an error and runs the place with no kind and a move \
                     chance of 1): FLEE reads a type by the words it holds, `camp` (with `idp`), `conflict`, \
                     `forward`, `marker`, `flood_zone`, `town` or `default`"
                }
                Reading::Own => "",
            };
            row.error(
                "location_type",
                format!("unknown location type `{type_text}`; expected one of: {}{flee}", PlaceKind::NAMES),
            )
        })?;
        let population = match row.optional_i64("population")? {
            Some(-1) if reading == Reading::Flee && kind.is_camp() => 0, // FLEE's "no capacity", as an empty cell is
            Some(v) if v < 0 => {
                return Err(row.error("population", format!("{v} is negative")));
            }
            Some(v) => v as u64,
            None => 0,
        };
        let shelter_capacity = match row.optional_i64("shelter_capacity")? {
            Some(v) if v < 0 => {
                return Err(row.error("shelter_capacity", format!("{v} is negative")));
            }
            // As a `shelter.capacity` policy's value (scenario author's review of session 24: 1e12 places
            // passed here and were refused in a policy).
            Some(v) if v as f64 > crate::policy::MAX_PEOPLE => {
                return Err(
                    row.error("shelter_capacity", format!("{v} places: at most {}", crate::policy::MAX_PEOPLE_TEXT))
                );
            }
            // As a policy's `at` (planner's review of session 35: the table took them, and the report's
            // shelter table listed the United States at 4,857% of its places).
            Some(v) if v > 0 && matches!(kind, PlaceKind::Origin | PlaceKind::Destination) => {
                let what = if kind == PlaceKind::Origin { "an origin" } else { "a destination" };
                return Err(row.error(
                    "shelter_capacity",
                    format!("{v} places at {what} place: shelter places are counted on the way (leave it empty)"),
                ));
            }
            v => v.map(|v| v as u64),
        };
        let (lat, lon) = (row.optional_f64("lat")?.unwrap_or(0.0), row.optional_f64("lon")?.unwrap_or(0.0));
        // Coordinates place the map's circles and, with institutions, each place's nearest detention
        // centre (adversarial review of session 22: `lat = 932.5` was taken). FLEE reads them for its
        // outputs only, so a FLEE folder's are read as written.
        if reading == Reading::Own {
            for (column, v, most) in [("lat", lat, 90.0), ("lon", lon, 180.0)] {
                if v.abs() > most {
                    return Err(row.error(column, format!("{v} is not a {column} (degrees from -{most} to {most})")));
                }
            }
        }
        let country = row.text("country").unwrap_or("unknown").to_string();
        // FLEE's home country is the first row's cell as written, and its foreign test compares cells
        // so, spaces and all (FLEE user's review of session 34: with `ABC ` first, the places of `ABC`
        // are foreign to FLEE, and were not here). The country itself is read trimmed, as closures.csv's
        // cells are, each padded one warned of (`FleePlaces::padded_countries`).
        let as_written = match reading {
            // An empty cell is `unknown` to FLEE too.
            Reading::Flee => row.cell("country").filter(|c| !c.is_empty()).unwrap_or("unknown").to_string(),
            Reading::Own => country.clone(),
        };
        let home = home_country.get_or_insert_with(|| as_written.clone());
        let foreign = as_written != *home;
        // FLEE reads the cell with int() only where the type has "conflict" in it (InputGeography.py);
        // elsewhere text there is no error to it (FLEE user's review of session 34: `n/a` on a town
        // was refused).
        let conflict_date = match reading {
            Reading::Flee if !conflict_typed(&row) => None,
            // FLEE's int() stops on an empty cell, for a conflict zone as for a `conflict_camp` (the
            // review of session 34's diff: the camp's ran).
            Reading::Flee => match row.optional_day("conflict_date")? {
                Some(d) => Some(d),
                None => {
                    let what = if kind == PlaceKind::ConflictZone {
                        "a conflict zone".to_string()
                    } else {
                        format!("a `{type_text}`")
                    };
                    return Err(row.error(
                        "conflict_date",
                        format!(
                            "`{name}` is {what} without a conflict_date: FLEE reads it as an integer where the \
                             type has \"conflict\" in it, and stops on an empty cell (give 0 for a conflict \
                             from the start)"
                        ),
                    ));
                }
            },
            Reading::Own => row.optional_day("conflict_date")?,
        };
        places.push(Place {
            name,
            region: row.text("region").unwrap_or("").to_string(),
            country,
            lat,
            lon,
            kind,
            conflict_date,
            population,
            shelter_capacity,
            foreign,
        });
    }
    if places.is_empty() {
        return Err(ScenarioError::invalid(
            InputLocation::file(path),
            "no places: the locations table needs at least one row",
        ));
    }
    Ok(places)
}

pub const ROUTE_COLUMNS: &[Column] = &[
    Column::required("name1"),
    Column::required("name2"),
    Column::required("distance").aka(&["distance[km]"]),
    Column::optional("forced_redirection"),
    // FLEE reads them only under these names (`FLEE_LINK_ATTRIBUTES`).
    Column::optional("max_move_speed").exact(),
    Column::optional("walk_probability").exact(),
    Column::optional("source"),
];

/// Reads a scenario's routes table against the places already read. A road of 0 km is an error, as
/// nobody heading for a goal could cross it (the goal is no nearer on the other side).
pub fn read_routes(path: &Path, bytes: &[u8], index: &PlaceIndex) -> Result<Vec<Route>> {
    let table = Table::parse(path, bytes, ROUTE_COLUMNS)?;
    routes_of(&table, index, Reading::Own, &mut Vec::new(), &mut Vec::new()).map_err(|e| table.explain_quotes(e))
}

/// A FLEE folder's routes, with what the loader warns of.
pub struct FleeRoutes {
    pub routes: Vec<Route>,
    /// Columns after the fourth that corridor does not read (FLEE keeps them as link attributes).
    pub extras: Vec<ExtraColumn>,
    /// The `distance` cells of roads of 0 km.
    pub zero_km: Vec<InputLocation>,
    /// Blank `max_move_speed` or `walk_probability` cells: FLEE stops on one (`float("")`) when an
    /// agent travels the link; corridor takes the default.
    pub blank_attributes: Vec<InputLocation>,
    /// Name cells with spaces around their text (`A, B`): FLEE keeps the spaces, corridor trims them.
    pub padded_names: Vec<PaddedRouteName>,
    /// Every row's link as FLEE makes it, in file order (`FleeLink`).
    pub flee_links: Vec<FleeLink>,
}

/// A routes.csv row as FLEE links it up (`InputGeography.read_links_csv`, `Ecosystem.linkUp`): its
/// line, and its names as FLEE reads them (untrimmed), source first: `name1` then `name2`, but
/// `name2` first when `forced_redirection` is 2. FLEE looks up the source, then the destination, and
/// stops at the first it does not find.
#[derive(Clone, Debug, PartialEq)]
pub struct FleeLink {
    pub line: usize,
    /// (source, destination), each with its column (1: `name1`, 2: `name2`).
    pub ends: [(String, usize); 2],
}

/// A routes.csv name cell with spaces around its text: where it is, which end of the route it names
/// (0: `name1`, 1: `name2`), the row's two names as FLEE reads them, untrimmed, and the name as
/// corridor reads it (trimmed, and unquoted: ` "B"` is `B`).
#[derive(Clone, Debug, PartialEq)]
pub struct PaddedRouteName {
    pub at: InputLocation,
    pub end: usize,
    pub names: [String; 2],
    pub read: String,
}

/// Reads a FLEE folder's routes table: an unknown column after the fourth, or a link attribute named
/// otherwise than FLEE reads it (`Max_Move_Speed`: never parsed, see `Column::exact`), is accepted
/// (FLEE keeps it) and returned; a road of 0
/// km is accepted (FLEE runs it) and returned for a warning. FLEE's columns must stand in its order; a
/// row needs its first three cells and none past the header's (or the fourth): FLEE stops on such a row.
pub fn read_flee_routes(path: &Path, bytes: &[u8], index: &PlaceIndex) -> Result<FleeRoutes> {
    let (table, extras) = flee_columns::ROUTES.parse(path, bytes)?;
    flee_columns::ROUTES.check_rows(&table)?;
    let (mut zero_km, mut blank_attributes) = (Vec::new(), Vec::new());
    let routes = routes_of(&table, index, Reading::Flee, &mut zero_km, &mut blank_attributes)
        .map_err(|e| table.explain_quotes(e))?;
    let mut padded_names = Vec::new();
    let mut flee_links = Vec::with_capacity(routes.len());
    for (row, route) in table.rows().zip(&routes) {
        let names = ["name1", "name2"].map(|c| row.cell(c).unwrap_or_default().to_string());
        for (end, column) in ["name1", "name2"].into_iter().enumerate().filter(|(_, c)| row.padded(c)) {
            let read = row.text(column).unwrap_or_default().to_string();
            padded_names.push(PaddedRouteName { at: row.location(column), end, names: names.clone(), read });
        }
        let [name1, name2] = names;
        let ends = if route.forced_redirection == 2 { [(name2, 2), (name1, 1)] } else { [(name1, 1), (name2, 2)] };
        flee_links.push(FleeLink { line: row.line, ends });
    }
    Ok(FleeRoutes { routes, extras, zero_km, blank_attributes, padded_names, flee_links })
}

/// The longest road a scenario of corridor's own may have: longer ones are typing errors, and sums of
/// a few roads of near `f64::MAX` km are infinite (no way to a goal).
const MAX_ROAD_KM: f64 = 100_000.0;

/// The routes of `table`, read by `reading`'s rules, adding the `distance` cells of roads of 0 km
/// (a FLEE folder's) to `zero_km` and its blank link-attribute cells to `blank`.
fn routes_of(
    table: &Table,
    index: &PlaceIndex,
    reading: Reading,
    zero_km: &mut Vec<InputLocation>,
    blank: &mut Vec<InputLocation>,
) -> Result<Vec<Route>> {
    let mut routes = Vec::with_capacity(table.len());
    let mut seen: HashMap<(PlaceId, PlaceId), usize> = HashMap::new();
    for row in table.rows() {
        let a = index.resolve(row.required_text("name1")?, || row.location("name1"))?;
        let b = index.resolve(row.required_text("name2")?, || row.location("name2"))?;
        if a == b {
            return Err(row.error("name2", "a route must join two different places"));
        }
        let key = (a.min(b), a.max(b));
        if let Some(first) = seen.insert(key, row.line) {
            return Err(row.error("name2", format!("duplicate route (the same two places are joined on line {first})")));
        }
        let distance_km = row.required_f64("distance")?;
        if distance_km < 0.0 {
            // FLEE folders may have roads of 0 km (warned of); corridor's own tables may not (below).
            let least = if reading == Reading::Own { "> 0" } else { ">= 0" };
            return Err(row.error("distance", format!("{distance_km} is negative: expected a distance in km {least}")));
        }
        if distance_km == 0.0 && reading == Reading::Own {
            return Err(row.error("distance", "0 km: expected a distance in km > 0 (places 0 km apart are one place)"));
        }
        if distance_km > MAX_ROAD_KM && reading == Reading::Own {
            return Err(row.error(
                "distance",
                format!("{distance_km:e} km: expected at most {MAX_ROAD_KM} km (two and a half times round the Earth)"),
            ));
        }
        if distance_km == 0.0 {
            zero_km.push(row.location("distance"));
        }
        let forced_redirection = row.optional_i64("forced_redirection")?.unwrap_or(0);
        if reading == Reading::Flee {
            let blanks = FLEE_LINK_ATTRIBUTES.into_iter().filter(|c| row.is_blank(c));
            blank.extend(blanks.map(|c| row.location(c)));
        }
        let max_move_speed = row.optional_f64("max_move_speed")?;
        if let Some(s) = max_move_speed {
            if s <= 0.0 {
                return Err(row.error("max_move_speed", format!("{s} must be > 0")));
            }
        }
        let walk_probability = row.optional_f64("walk_probability")?;
        if let Some(p) = walk_probability {
            if !(0.0..=1.0).contains(&p) {
                return Err(row.error("walk_probability", format!("{p} is not in [0, 1]")));
            }
        }
        routes.push(Route { a, b, distance_km, forced_redirection, max_move_speed, walk_probability });
    }
    Ok(routes)
}

#[cfg(test)]
mod tests;

//! Loads a FLEE input folder unchanged (input_csv/ with locations, routes, closures, conflicts and
//! sim_period; source_data/; simsetting.yml) into a `Scenario` that runs FLEE's ruleset.

use crate::scenario::error::Result;
use crate::scenario::geography::{read_closures, read_places, read_routes, PlaceIndex};
use crate::scenario::{InputLocation, MovementSettings, Scenario, ScenarioError};
use crate::time::Period;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// The folder holding the input CSVs (`DIR/input_csv` or `DIR` itself).
fn input_dir(dir: &Path) -> PathBuf {
    let nested = dir.join("input_csv");
    if nested.join("locations.csv").is_file() {
        nested
    } else {
        dir.to_path_buf()
    }
}

/// Whether `dir` looks like a FLEE input folder.
pub fn is_flee_dir(dir: &Path) -> bool {
    input_dir(dir).join("locations.csv").is_file()
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| ScenarioError::io(path, e))
}

/// Reads `sim_period.csv` (`StartDate,YYYY-MM-DD` and `Length,N` rows).
fn read_period(path: &Path) -> Result<Period> {
    let text = String::from_utf8_lossy(&read(path)?).into_owned();
    let (mut start, mut length) = (None, None);
    for (i, line) in text.lines().enumerate() {
        let mut parts = line.split(',').map(str::trim);
        let key = parts.next().unwrap_or("");
        let value = parts.next().unwrap_or("");
        let at = || InputLocation::at(path, i + 1).with_field(key.to_string());
        match key {
            "StartDate" => {
                start = Some(NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
                    ScenarioError::invalid(at(), format!("`{value}` is not a date (YYYY-MM-DD)"))
                })?)
            }
            "Length" => {
                length = Some(value.parse::<u32>().map_err(|_| {
                    ScenarioError::invalid(at(), format!("`{value}` is not a whole number of days"))
                })?)
            }
            "" => {}
            _ => {
                return Err(ScenarioError::invalid(
                    at(),
                    format!("unknown key `{key}`; expected StartDate or Length"),
                ))
            }
        }
    }
    match (start, length) {
        (Some(start), Some(days)) if days > 0 => Ok(Period { start, days }),
        _ => Err(ScenarioError::invalid(
            InputLocation::file(path),
            "expected a StartDate row and a Length row > 0",
        )),
    }
}

/// Loads a FLEE input folder.
pub fn load_flee_dir(dir: &Path) -> Result<Scenario> {
    let input = input_dir(dir);
    let loc_path = input.join("locations.csv");
    let places = read_places(&loc_path, &read(&loc_path)?)?;
    let index = PlaceIndex::new(&places);
    let routes_path = input.join("routes.csv");
    let routes = read_routes(&routes_path, &read(&routes_path)?, &index)?;
    let closures_path = input.join("closures.csv");
    let closures = if closures_path.is_file() {
        read_closures(&closures_path, &read(&closures_path)?, &places, &index)?
    } else {
        Vec::new()
    };
    let period = read_period(&input.join("sim_period.csv"))?;
    Ok(Scenario {
        name: dir
            .file_name()
            .map_or_else(|| "flee".to_string(), |n| n.to_string_lossy().into_owned()),
        description: format!("FLEE input folder {}", dir.display()),
        period,
        seed: 1,
        people_per_agent: 1,
        places,
        routes,
        closures,
        conflicts: Vec::new(),
        movement: MovementSettings {
            goal_directed: false,
            ..Default::default()
        },
        caravans: Vec::new(),
        inflows: Vec::new(),
        scheduled_spawns: None,
        prefill: Vec::new(),
        observed: Vec::new(),
        institutions: None,
    })
}

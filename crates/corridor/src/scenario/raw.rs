//! The scenario file as written: serde structs that mirror `scenario.toml` key for key.
//! Unknown keys are errors (`deny_unknown_fields`); meaning is checked later, in `load`.

use super::institutions::{RawCheckpoint, RawDetention, RawHazard, RawOffice, RawPolicy, RawPort, RawSettings};
use super::MovementSettings;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// A `name`, which must have text: outputs and messages label the entry by it (adversarial review of
/// session 22: an empty `[[port]]` name gave queues.csv a `waitlist:` queue).
pub fn name_with_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let name = String::deserialize(d)?;
    if name.trim().is_empty() {
        return Err(serde::de::Error::custom("a name must have text"));
    }
    Ok(name)
}

/// A date written as a TOML date (`2018-11-09`) or a string (`"2018-11-09"`).
#[derive(Clone, Debug, Deserialize)]
#[serde(try_from = "toml::Value")]
pub enum RawDate {
    Toml(toml::value::Datetime),
    Text(String),
}

impl RawDate {
    /// The date as a calendar date: the two places that read dates (the loader's and the
    /// institutions') read them alike (code review of session 32: a `policy.0.from` with a time was
    /// "not a date", a caravan's `depart` with one "has a time").
    pub fn read(&self) -> Result<chrono::NaiveDate, String> {
        let text = match self {
            RawDate::Toml(dt) if dt.time.is_some() || dt.offset.is_some() => {
                return Err(format!("`{dt}` has a time: expected a date like 2018-11-09"))
            }
            RawDate::Toml(dt) => dt.to_string(),
            RawDate::Text(s) => s.clone(),
        };
        crate::time::read_date(&text)
    }
}

impl TryFrom<toml::Value> for RawDate {
    type Error = String;

    /// Anything else is refused in the user's terms (an untagged enum's error named its own internals).
    fn try_from(v: toml::Value) -> Result<Self, String> {
        match v {
            toml::Value::Datetime(d) => Ok(RawDate::Toml(d)),
            toml::Value::String(s) => Ok(RawDate::Text(s)),
            other => Err(format!("expected a date as YYYY-MM-DD, found `{other}`")),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    #[serde(deserialize_with = "name_with_text")]
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub start: Spanned<RawDate>,
    pub end: Spanned<RawDate>,
    #[serde(default = "default_seed")]
    pub seed: u64,
    #[serde(default = "default_people_per_agent")]
    pub people_per_agent: Spanned<i64>,
    pub tables: RawTables,
    #[serde(default)]
    pub movement: Option<Spanned<MovementSettings>>,
    #[serde(default, rename = "caravan")]
    pub caravans: Vec<Spanned<RawCaravan>>,
    #[serde(default, rename = "inflow")]
    pub inflows: Vec<Spanned<RawInflow>>,
    #[serde(default, rename = "observed")]
    pub observed: Vec<Spanned<RawObserved>>,
    pub institutions: Option<RawSettings>,
    #[serde(default, rename = "port")]
    pub ports: Vec<Spanned<RawPort>>,
    #[serde(default, rename = "checkpoint")]
    pub checkpoints: Vec<Spanned<RawCheckpoint>>,
    #[serde(default)]
    pub detention: Vec<Spanned<RawDetention>>,
    #[serde(default, rename = "office")]
    pub offices: Vec<Spanned<RawOffice>>,
    #[serde(default, rename = "hazard")]
    pub hazards: Vec<Spanned<RawHazard>>,
    #[serde(default, rename = "policy")]
    pub policies: Vec<Spanned<RawPolicy>>,
}

fn default_seed() -> u64 {
    1
}

fn default_people_per_agent() -> Spanned<i64> {
    Spanned::new(0..0, 1)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTables {
    pub locations: Spanned<String>,
    pub routes: Spanned<String>,
    pub closures: Option<Spanned<String>>,
}

impl RawTables {
    /// The tables' paths as written (relative to the scenario.toml), the closures' if given.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        [Some(&self.locations), Some(&self.routes), self.closures.as_ref()]
            .into_iter()
            .flatten()
            .map(|t| t.get_ref().as_str())
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMakeup {
    pub men: Option<f64>,
    pub women: Option<f64>,
    pub children: Option<f64>,
    pub unaccompanied_minors: Option<f64>,
    pub in_families: Option<f64>,
    pub vulnerable: Option<f64>,
    pub grounds: Option<BTreeMap<String, f64>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPause {
    pub place: String,
    pub until: Option<RawDate>,
    pub days: Option<i64>,
    pub daily_leave_chance: Option<f64>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCaravan {
    #[serde(deserialize_with = "name_with_text")]
    pub name: String,
    pub depart: RawDate,
    pub origin: String,
    pub home: Option<String>,
    pub size: i64,
    #[serde(default)]
    pub itinerary: Vec<String>,
    pub goal: Option<String>,
    #[serde(default, rename = "pause")]
    pub pauses: Vec<RawPause>,
    pub speed_km_per_day: f64,
    #[serde(default)]
    pub straggle_rate: f64,
    #[serde(default, rename = "split")]
    pub splits: Vec<RawSplit>,
    #[serde(default, rename = "join")]
    pub joins: Vec<RawJoin>,
    #[serde(default)]
    pub makeup: RawMakeup,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawJoin {
    pub place: String,
    pub size: i64,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSplit {
    pub place: String,
    pub size: i64,
    pub until: Option<RawDate>,
    pub goal: Option<String>,
    pub speed_km_per_day: Option<f64>,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawInflow {
    #[serde(deserialize_with = "name_with_text")]
    pub name: String,
    pub origin: String,
    pub from: RawDate,
    pub to: RawDate,
    pub people_per_day: f64,
    #[serde(default)]
    pub goals: BTreeMap<String, f64>,
    #[serde(default = "default_family_size")]
    pub family_size: i64,
    #[serde(default)]
    pub makeup: RawMakeup,
    #[serde(default)]
    pub cross_on_arrival: Option<f64>,
    pub source: String,
}

fn default_family_size() -> i64 {
    4
}

/// One place or a list of places.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawObserved {
    #[serde(deserialize_with = "name_with_text")]
    pub name: String,
    pub metric: String,
    pub place: Option<OneOrMany>,
    pub statuses: Option<Vec<String>>,
    pub queue: Option<OneOrMany>,
    /// Count caravan members only: `"all"` (every caravan) or caravan names.
    pub caravans: Option<OneOrMany>,
    pub date: Option<RawDate>,
    pub from: Option<RawDate>,
    pub to: Option<RawDate>,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// The figure the source reports, when the range is built around it.
    pub reported: Option<f64>,
    /// `check` (the default), `calibrated` or `input`: see `ObservedRole`.
    #[serde(default)]
    pub role: super::ObservedRole,
    pub source: String,
}

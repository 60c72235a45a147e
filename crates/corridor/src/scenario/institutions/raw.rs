//! The institution entries of a scenario file as written (`Spanned` for error lines), and the
//! `[[port]]` fields that set a port's own parameters.

use crate::policy::Param;
use crate::scenario::raw::RawDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// `[institutions.<family>]` tables: `key = value` per parameter `family.key`.
pub type RawSettings = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<toml::Value>>>;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPort {
    #[serde(deserialize_with = "crate::scenario::raw::name_with_text")]
    pub name: String,
    pub city: Spanned<String>,
    pub us_side: Spanned<String>,
    pub capacity_per_day: Option<Spanned<f64>>,
    pub metering: Option<bool>,
    pub mpp: Option<bool>,
    pub mpp_via: Option<Spanned<String>>,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCheckpoint {
    #[serde(deserialize_with = "crate::scenario::raw::name_with_text")]
    pub name: String,
    pub place: Option<Spanned<String>>,
    /// `[a, b]`: two places (a list, so that one of another length is refused, not cut to two).
    pub route: Option<Spanned<Vec<String>>>,
    pub apprehension: Spanned<f64>,
    pub detention: Spanned<String>,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDetention {
    #[serde(deserialize_with = "crate::scenario::raw::name_with_text")]
    pub name: String,
    pub place: Spanned<String>,
    pub capacity: Spanned<i64>,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOffice {
    pub kind: Spanned<String>,
    pub place: Spanned<String>,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHazard {
    /// `[a, b]`: two places (a list, so that one of another length is refused, not cut to two).
    pub route: Option<Spanned<Vec<String>>>,
    pub country: Option<Spanned<String>>,
    pub violence: Option<Spanned<f64>>,
    pub kidnapping: Option<Spanned<f64>>,
    pub accident: Option<Spanned<f64>>,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPolicy {
    #[serde(default)]
    pub name: String,
    pub parameter: Spanned<String>,
    pub at: Option<Spanned<String>>,
    pub from: Spanned<RawDate>,
    pub to: Option<Spanned<RawDate>>,
    pub value: Spanned<toml::Value>,
    pub source: String,
}

/// The scenario.toml lists whose entries are institutions' (`[[port]]` …), and their settings' table:
/// the top-level keys any of which makes a scenario one with institutions.
pub const INSTITUTION_KEYS: [&str; 7] =
    ["institutions", "port", "policy", "checkpoint", "detention", "office", "hazard"];

/// All institution entries of a scenario file, as written.
#[derive(Debug, Default)]
pub struct RawInstitutions {
    pub settings: Option<RawSettings>,
    pub ports: Vec<Spanned<RawPort>>,
    pub checkpoints: Vec<Spanned<RawCheckpoint>>,
    pub detention: Vec<Spanned<RawDetention>>,
    pub offices: Vec<Spanned<RawOffice>>,
    pub hazards: Vec<Spanned<RawHazard>>,
    pub policies: Vec<Spanned<RawPolicy>>,
}

impl RawInstitutions {
    pub fn is_empty(&self) -> bool {
        self.settings.is_none()
            && self.ports.is_empty()
            && self.checkpoints.is_empty()
            && self.detention.is_empty()
            && self.offices.is_empty()
            && self.hazards.is_empty()
            && self.policies.is_empty()
    }
}

/// A `[[port]]` field that sets the port's own base value of a parameter: its name and the parameter.
pub type PortParam = (&'static str, Param);
pub const PORT_CAPACITY: PortParam = ("capacity_per_day", Param::MeteringCapacity);
pub const PORT_METERING: PortParam = ("metering", Param::MeteringActive);
pub const PORT_MPP: PortParam = ("mpp", Param::MppActive);

/// Every such field, in `RawPort`'s order (the `--set` warnings name them: `overrides::shadowed`).
pub const PORT_PARAMS: [PortParam; 3] = [PORT_CAPACITY, PORT_METERING, PORT_MPP];

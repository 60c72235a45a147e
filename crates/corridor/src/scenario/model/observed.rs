//! The figures observed in the real world that a scenario sets its runs against (`[[observed]]`): what
//! each measures, where and when, its range, and what it can show of the model.

use super::PlaceId;
use serde::{Deserialize, Serialize};

/// What an observed figure measures (docs/scenario-format.md, `[[observed]]`), written as its name
/// (`peak_count`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    PeakCount,
    MeanCount,
    EndCount,
    Entries,
    Arrivals,
    Admitted,
    Joined,
    /// FLEE's averaged relative difference of a FLEE folder's run, worked out from its out.csv
    /// (`flee_validate`), not from a recording: no scenario file declares it.
    Ard,
}

impl Metric {
    /// The metrics an `[[observed]]` entry may declare.
    pub const DECLARED: [Metric; 7] = [
        Metric::PeakCount,
        Metric::MeanCount,
        Metric::EndCount,
        Metric::Entries,
        Metric::Arrivals,
        Metric::Admitted,
        Metric::Joined,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Metric::PeakCount => "peak_count",
            Metric::MeanCount => "mean_count",
            Metric::EndCount => "end_count",
            Metric::Entries => "entries",
            Metric::Arrivals => "arrivals",
            Metric::Admitted => "admitted",
            Metric::Joined => "joined",
            Metric::Ard => "ard",
        }
    }

    /// A metric an `[[observed]]` entry may declare, by name.
    pub fn parse(name: &str) -> Option<Metric> {
        Metric::DECLARED.into_iter().find(|m| m.name() == name)
    }

    /// Counts on a day of people at places (or waiting in queues): the highest, mean or last of the window.
    pub fn is_count(self) -> bool {
        matches!(self, Metric::PeakCount | Metric::MeanCount | Metric::EndCount)
    }

    /// Needs a `queue` (the others count places and statuses, or may take a queue: `is_count`).
    pub fn needs_queue(self) -> bool {
        matches!(self, Metric::Admitted | Metric::Joined)
    }

    /// May count caravan members only (`caravans`).
    pub fn counts_caravans(self) -> bool {
        self.is_count() || self == Metric::Arrivals
    }
}

impl std::fmt::Display for Metric {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A figure observed in the real world, to compare the simulation with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Observed {
    pub name: String,
    /// What is measured.
    pub metric: Metric,
    pub places: Vec<PlaceId>,
    pub statuses: Vec<String>,
    /// Institution queues measured instead of places (names as in queues.csv); empty: places.
    #[serde(default)]
    pub queues: Vec<String>,
    /// Count only members of these caravans (indices into `Scenario::caravans`); None: everyone.
    #[serde(default)]
    pub caravans: Option<Vec<u32>>,
    pub from_day: u32,
    pub to_day: u32,
    pub low: f64,
    pub high: f64,
    /// The figure the source reports (a `value`, or a range's `reported`), to size a miss against;
    /// None for a range with no single figure.
    #[serde(default)]
    pub reported: Option<f64>,
    /// What the figure can show of the model: see [`ObservedRole`].
    #[serde(default)]
    pub role: ObservedRole,
    pub source: String,
}

/// What an observed figure can show of the model, as the scenario says (`role`): an independent
/// check, a figure a parameter was calibrated to (the run is fitted to it), or an input read back (a
/// caravan's size counted at its start). Within its range, only a check says the model is right.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObservedRole {
    #[default]
    Check,
    Calibrated,
    Input,
}

impl ObservedRole {
    pub const ALL: [ObservedRole; 3] = [ObservedRole::Check, ObservedRole::Calibrated, ObservedRole::Input];

    /// The name `role` takes and validation.csv writes.
    pub fn name(self) -> &'static str {
        match self {
            ObservedRole::Check => "check",
            ObservedRole::Calibrated => "calibrated",
            ObservedRole::Input => "input",
        }
    }

    /// What figures of this role are, in a sentence's plural ("8 of 15 checks"). Not "independent
    /// checks" (planner's review of session 32): no parameter was fitted to a check, but a scenario's
    /// design may have looked at it; its docs say which.
    pub fn plural(self) -> &'static str {
        match self {
            ObservedRole::Check => "checks",
            ObservedRole::Calibrated => "calibration targets",
            ObservedRole::Input => "inputs read back",
        }
    }
}

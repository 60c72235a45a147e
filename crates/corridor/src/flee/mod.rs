//! FLEE's file formats, independent of the simulation engine: settings, inputs,
//! validation data and spawn demand, `out.csv`, and the ARD error measure.
//!
//! FLEE is djgroen/flee (commit 02cd2cb); each function names the FLEE code it mirrors.

pub mod ard;
pub mod conflicts;
pub mod csvread;
pub mod error;
pub mod files;
pub mod out_csv;
pub mod period;
pub(crate) mod pyfmt;
pub mod series;
pub mod settings;
pub mod settings_edit;
mod settings_views;
pub mod validation;
mod yaml;
mod yaml11;

use std::path::Path;

pub use ard::{ard, ard_of_out, ard_of_out_csv, ArdDay};
pub use conflicts::ConflictTable;
pub use error::{FleeInputError, Location};
pub use files::FileCache;
pub use out_csv::{OutCsv, OutCsvRow, OutCsvWriter, OutDay};
pub use period::{read_registration_corrections, RegistrationCorrections, SimPeriod};
pub use settings::FleeSettings;
pub use settings_edit::{EditedSettings, SettingOverride, SettingsEditError};
pub use validation::{SpawnDay, ValidationData, ValidationOptions};
pub use yaml::key_lines;

/// The engine-independent inputs of one FLEE scenario, read as `runscripts/run.py` does.
#[derive(Debug, Clone)]
pub struct FleeScenarioData {
    /// `simsetting.yml`.
    pub settings: FleeSettings,
    /// `<input_csv>/sim_period.csv`.
    pub period: SimPeriod,
    /// `<input_csv>/conflicts.csv`.
    pub conflicts: ConflictTable,
    /// `<source_data>/data_layout.csv` and its series, corrected by
    /// `<input_csv>/registration_corrections.csv` when present.
    pub validation: ValidationData,
}

impl FleeScenarioData {
    /// Reads `input_csv`, `source_data` and the settings file, as
    /// `python run.py <input_csv> <source_data> 0 <settings>` would.
    pub fn read(input_csv: &Path, source_data: &Path, settings_file: &Path) -> Result<Self, FleeInputError> {
        let settings = FleeSettings::from_yaml_file(settings_file)?;
        Self::read_with_settings(&FileCache::default(), input_csv, source_data, settings)
    }

    /// As `read`, with settings already at hand (e.g. FLEE's defaults when there is no file), the files
    /// read through `files` (which the loader's warnings then look at again).
    pub fn read_with_settings(
        files: &FileCache,
        input_csv: &Path,
        source_data: &Path,
        settings: FleeSettings,
    ) -> Result<Self, FleeInputError> {
        let period = SimPeriod::read(files, &input_csv.join("sim_period.csv"))?;
        let conflicts_path = input_csv.join("conflicts.csv");
        let conflicts = ConflictTable::read(files, &conflicts_path)?;
        conflicts.check_covers(period.length, &conflicts_path)?;
        let corrections = read_registration_corrections(files, &input_csv.join("registration_corrections.csv"))?;
        let layout = source_data.join("data_layout.csv");
        if !files::present(&layout) {
            let at = error::Location::file(&layout);
            return Err(FleeInputError::NoSourceData { at, input_csv: input_csv.to_path_buf() });
        }
        let validation = ValidationData::load(
            files,
            source_data,
            period.start_date,
            ValidationOptions::from_settings(&settings),
            Some(&corrections),
        )?;
        Ok(FleeScenarioData { settings, period, conflicts, validation })
    }
}

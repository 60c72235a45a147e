//! Scenarios: what a run simulates. Files are read in two stages, raw structs that mirror the file
//! (`raw`, `table`) and then a validated model (`model`), with errors naming file, line and field.

pub mod checks;
pub mod cut;
pub mod error;
pub mod flee_columns;
pub mod geography;
pub mod institutions;
pub mod load;
pub mod model;
pub mod movement_settings;
pub mod quotes;
pub mod raw;
pub mod reach;
pub mod table;
pub mod warnings;

pub use error::{InputLocation, ScenarioError};
pub use institutions::Institutions;
pub use load::{load, load_toml, parse_toml, Disk, FileSource, InMemory};
pub use model::*;
pub use movement_settings::*;

//! Scenarios: what a run simulates. Files are read in two stages, raw structs that mirror the file
//! (`raw`, `table`) and then a validated model (`model`), with errors naming file, line and field.

pub mod checks;
pub(crate) mod cut;
pub mod error;
pub(crate) mod flee_columns;
pub(crate) mod geography;
pub mod institutions;
pub mod load;
pub mod model;
pub mod movement_settings;
pub(crate) mod quotes;
pub(crate) mod raw;
pub mod reach;
pub(crate) mod table;
pub mod warnings;

pub use error::{InputLocation, ScenarioError};
pub use institutions::Institutions;
pub use load::{load, load_toml, parse_toml, Disk, FileSource, InMemory};
pub use model::*;
pub use movement_settings::*;

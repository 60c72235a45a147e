//! `corridor`: a day-by-day agent-based simulation of a migration corridor and the asylum system around it.
//! This crate is the library: scenarios, the engine and its outputs; the `corridor` binary is a thin CLI.

pub(crate) mod alias;
pub mod engine;
pub mod entries;
pub mod flee;
pub mod flee_dir;
pub mod flee_set;
pub mod flee_validate;
pub mod institutions;
pub mod movement;
pub(crate) mod network;
pub mod observe;
pub mod output;
pub mod overrides;
pub(crate) mod pages;
pub mod policy;
pub mod population;
pub(crate) mod rng;
pub mod scenario;
pub(crate) mod suggest;
pub mod time;
pub mod validate;
pub mod worlds;

pub use engine::Simulation;
pub use scenario::{load, Scenario, ScenarioError};

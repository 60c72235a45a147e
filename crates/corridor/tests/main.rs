//! All of the library's integration tests, one module per file, in one test binary: one link instead of
//! 25, and a quarter of the disk (CI's disk filled up at stop 30 with a binary per file).

mod common;

mod caravan_errors;
mod crossing;
mod detention_and_orders;
mod docs_examples;
mod docs_reference;
mod engine_invariants;
mod flee_byte_order_marks;
mod flee_camps;
mod flee_compat;
mod flee_conformance;
mod flee_damaged_inputs;
mod flee_damaged_tables;
mod flee_damaged_warnings;
mod flee_data;
mod flee_quotes;
mod flee_set;
mod institution_inputs;
mod institution_repairs;
mod institutions;
mod littles_law;
mod long_routes;
mod mpp;
mod other_port;
mod proclamation;
mod scenario_errors;
mod scenario_limits;
mod scenario_repairs;
mod shelters;
mod waiting_chances;
mod waits_by_month;

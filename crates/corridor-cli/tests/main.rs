//! All of the command line's integration tests, one module per file, in one test binary: one link instead of
//! 12, and a quarter of the disk (CI's disk filled up at stop 30 with a binary per file).

mod common;

mod caravan_tables;
mod cli;
mod cli_inputs;
mod compare_reruns;
mod docs_figures;
mod end_to_end;
mod end_to_end_compare;
mod end_to_end_validate;
mod flee_pages;
mod flee_set;
mod golden;
mod out_folder;
mod report_counts;
mod tutorial;

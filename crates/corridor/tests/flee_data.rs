//! Conformance of the `flee` module with FLEE's own outputs for the reference scenarios
//! (`shared/reference/flee/{tiny_a2f,mali2012}`): data columns, spawn totals, out.csv bytes, ARD.

use crate::common;

use std::path::{Path, PathBuf};

use corridor::flee::csvread::read_rows;
use corridor::flee::{
    ard_of_out_csv, FileCache, FleeInputError, FleeScenarioData, FleeSettings, OutCsv, OutCsvWriter, OutDay, SimPeriod,
    ValidationData, ValidationOptions,
};

/// `shared/reference/flee`, beside the repository checkout (`common::flee_reference`).
fn reference_dir() -> PathBuf {
    common::flee_reference("")
}

struct Scenario {
    dir: PathBuf,
    data: FleeScenarioData,
    camps: Vec<String>,
}

fn scenario(name: &str) -> Scenario {
    let dir = reference_dir().join(name);
    let data = FleeScenarioData::read(&dir.join("input_csv"), &dir.join("source_data"), &dir.join("simsetting.yml"))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    // Camps in locations.csv order (location_type is column 6), as FLEE lists them.
    let camps = read_rows(&dir.join("input_csv/locations.csv"))
        .unwrap()
        .into_iter()
        .filter(|r| r.cells.get(5).is_some_and(|t| t.trim() == "camp"))
        .map(|r| r.cells[0].clone())
        .collect();
    Scenario { dir, data, camps }
}

fn check_against_flee_output(name: &str) {
    let s = scenario(name);
    let out = OutCsv::read(&s.dir.join("out-seed1.csv")).unwrap();
    assert_eq!(out.camps, s.camps, "{name}: camp list");
    assert_eq!(out.rows.len(), s.data.period.length as usize, "{name}: days");
    let v = &s.data.validation;
    let schedule = v.spawn_schedule(s.data.period.length).unwrap();
    let mut agents: i64 = s.camps.iter().map(|c| v.day0_insertions(c).unwrap()).sum();
    for (t, row) in out.rows.iter().enumerate() {
        let day = t as i64;
        let data: Vec<i64> = s.camps.iter().map(|c| v.field(c, day).unwrap()).collect();
        assert_eq!(data, row.camp_data, "{name} day {t}: <camp> data");
        let sd = schedule[t];
        let positive = sd.raw_count > 0;
        let unhcr = if positive { v.camps_total(&s.camps, day).unwrap() } else { 0 };
        assert_eq!(unhcr, row.unhcr_in_camps, "{name} day {t}: refugees in camps (UNHCR)");
        let raw = if positive { sd.raw_count } else { 0 };
        assert_eq!(raw, row.raw_count, "{name} day {t}: raw UNHCR refugee count");
        let debt = if positive { sd.debt } else { 0 };
        assert_eq!(debt, row.debt, "{name} day {t}: refugee_debt");
        agents += sd.new_agents;
        assert_eq!(agents, row.total_agents, "{name} day {t}: total refugees (simulation)");
    }
}

#[test]
fn tiny_a2f_data_and_spawn_columns_match_flee() {
    check_against_flee_output("tiny_a2f");
}

#[test]
fn mali2012_data_and_spawn_columns_match_flee() {
    check_against_flee_output("mali2012");
}

/// Rewrites every out-seedN.csv from its `<camp> sim` and agent-total columns plus our
/// own validation data and spawn schedule: the bytes must be FLEE's.
fn check_out_csv_bytes(name: &str) {
    let s = scenario(name);
    let v = &s.data.validation;
    let schedule = v.spawn_schedule(s.data.period.length).unwrap();
    for seed in 1..=5 {
        let path = s.dir.join(format!("out-seed{seed}.csv"));
        let flee = OutCsv::read(&path).unwrap();
        let mut w = OutCsvWriter::new(Vec::new(), s.camps.clone(), s.data.period.start_date);
        w.write_header().unwrap();
        for (t, row) in flee.rows.iter().enumerate() {
            let data: Vec<i64> = s.camps.iter().map(|c| v.field(c, t as i64).unwrap()).collect();
            let day = OutDay {
                day: t as u32,
                camp_sim: &row.camp_sim,
                camp_data: &data,
                total_agents: row.total_agents,
                raw_count: schedule[t].raw_count,
                debt: schedule[t].debt,
                idps: 0,
            };
            w.write_day(&day).unwrap();
        }
        let ours = String::from_utf8(w.into_inner()).unwrap();
        let theirs = std::fs::read_to_string(&path).unwrap();
        for (i, (a, b)) in ours.lines().zip(theirs.lines()).enumerate() {
            assert_eq!(a, b, "{name} seed {seed}: line {}", i + 1);
        }
        assert_eq!(ours, theirs, "{name} seed {seed}: whole file");
    }
}

#[test]
fn tiny_a2f_out_csv_is_byte_identical() {
    check_out_csv_bytes("tiny_a2f");
}

#[test]
fn mali2012_out_csv_is_byte_identical() {
    check_out_csv_bytes("mali2012");
}

#[test]
fn mali2012_ard_is_in_the_published_range() {
    let dir = reference_dir().join("mali2012");
    for seed in 1..=5 {
        let a = ard_of_out_csv(&dir.join(format!("out-seed{seed}.csv"))).unwrap().unwrap();
        assert!((0.350..=0.361).contains(&a), "seed {seed}: ARD {a}");
    }
    let tiny = ard_of_out_csv(&reference_dir().join("tiny_a2f/out-seed1.csv")).unwrap();
    assert!(tiny.is_some_and(f64::is_finite));
}

/// The settings FLEE printed after applying its defaults (settings-resolved.txt).
#[test]
fn settings_defaults_match_flee_resolved_settings() {
    for name in ["tiny_a2f", "mali2012"] {
        let dir = reference_dir().join(name);
        let s = FleeSettings::from_yaml_file(&dir.join("simsetting.yml")).unwrap();
        let resolved = std::fs::read_to_string(dir.join("settings-resolved.txt")).unwrap();
        let moves = resolved.lines().find_map(|l| l.strip_prefix("Move rules set to: ")).unwrap();
        let flood = s.spawn_rules.flood_driven_spawning.is_some();
        assert_eq!(s.move_rules.flee_repr(flood), moves, "{name}");
        let decay = resolved.lines().find(|l| l.starts_with("Spawn decay")).unwrap();
        assert_eq!(s.spawn_rules.flee_decay_line(), decay, "{name}");
    }
    let tiny = FleeSettings::from_yaml_file(&reference_dir().join("tiny_a2f/simsetting.yml"));
    assert_eq!(tiny.unwrap().optimisations.hasten, 5);
}

/// A copy of reference folder `name` (removed when the returned guard drops).
fn copy_scenario(name: &str, tag: &str) -> tempfile::TempDir {
    common::copy_flee_reference(name, &format!("flee-{tag}"))
}

fn load(dir: &Path) -> Result<FleeScenarioData, FleeInputError> {
    FleeScenarioData::read(&dir.join("input_csv"), &dir.join("source_data"), &dir.join("simsetting.yml"))
}

#[test]
fn malformed_series_row_names_file_and_line() {
    let tmp = copy_scenario("tiny_a2f", "badrow");
    let dir = tmp.path();
    std::fs::write(dir.join("source_data/E.csv"), "#Date,test_number\n2010-01-01,6\n2010-01-11,fifty\n").unwrap();
    let msg = load(dir).unwrap_err().to_string();
    assert!(msg.contains("E.csv:3"), "{msg}");
    assert!(msg.contains("fifty"), "{msg}");
}

#[test]
fn missing_series_file_names_layout_file_and_line() {
    let tmp = copy_scenario("tiny_a2f", "nofile");
    let dir = tmp.path();
    std::fs::remove_file(dir.join("source_data/F.csv")).unwrap();
    let msg = load(dir).unwrap_err().to_string();
    assert!(msg.contains("data_layout.csv:4"), "{msg}");
    assert!(msg.contains("F.csv"), "{msg}");
}

#[test]
fn unknown_yaml_key_names_file_and_line() {
    let tmp = copy_scenario("mali2012", "yamlkey");
    let dir = tmp.path();
    let yml = dir.join("simsetting.yml");
    let text = std::fs::read_to_string(&yml).unwrap();
    std::fs::write(&yml, text.replace("  camp_weight: 5.0", "  camp_wieght: 5.0")).unwrap();
    let msg = load(dir).unwrap_err().to_string();
    assert!(msg.contains("simsetting.yml:16"), "{msg}");
    assert!(msg.contains("camp_wieght") && msg.contains("did you mean `camp_weight`?"), "{msg}");
}

#[test]
fn malformed_period_and_conflicts_name_file_and_line() {
    let tmp = copy_scenario("tiny_a2f", "badconfl");
    let dir = tmp.path();
    let c = dir.join("input_csv/conflicts.csv");
    let text = std::fs::read_to_string(&c).unwrap();
    std::fs::write(&c, text.replacen("\n2, 1, 1,", "\n2, 1, one,", 1)).unwrap();
    let msg = load(dir).unwrap_err().to_string();
    assert!(msg.contains("conflicts.csv:4: `B`"), "{msg}");
    std::fs::write(dir.join("input_csv/sim_period.csv"), "StartDate,2010-13-01\n").unwrap();
    let msg = SimPeriod::read(&FileCache::default(), &dir.join("input_csv/sim_period.csv")).unwrap_err().to_string();
    assert!(msg.contains("sim_period.csv:1"), "{msg}");
}

#[test]
fn registration_correction_off_a_data_point_is_an_error() {
    let tmp = copy_scenario("mali2012", "badcorr");
    let dir = tmp.path();
    std::fs::write(dir.join("input_csv/registration_corrections.csv"), "\"Mentao\",\"2012-10-04\",\"normalize\"\n")
        .unwrap();
    let msg = load(dir).unwrap_err().to_string();
    // At the date's cell (it named the row's name cell, `registration_corrections.csv:1: `Mentao``).
    assert!(msg.contains("registration_corrections.csv:1:2: `date`: expected a date that is a dated point"), "{msg}");
    assert!(msg.contains("of `Mentao`'s series"), "{msg}");
}

/// An empty data_layout.csv was reported at the first registration correction ("expected a name
/// listed in data_layout.csv, found another"), or without a line at the first camp: the file at fault
/// is data_layout.csv, at its first line.
#[test]
fn an_empty_data_layout_is_reported_in_data_layout_csv() {
    let tmp = copy_scenario("mali2012", "dlempty");
    let dir = tmp.path();
    std::fs::write(dir.join("source_data/data_layout.csv"), "").unwrap();
    let msg = load(dir).unwrap_err().to_string();
    assert!(msg.contains("data_layout.csv:1: expected series rows"), "{msg}");
    assert!(msg.contains("the file lists no series") && !msg.contains("registration_corrections"), "{msg}");
    // Without corrections, the first series needed is a camp's; comments and short rows list none either.
    std::fs::remove_file(dir.join("input_csv/registration_corrections.csv")).unwrap();
    std::fs::write(dir.join("source_data/data_layout.csv"), "#name,file\ntotal\n").unwrap();
    let e = corridor::flee_dir::load_flee(dir).unwrap_err().to_string();
    assert!(e.contains("data_layout.csv:1: expected series rows") && e.contains("lists no series"), "{e}");
}

#[test]
fn insert_day0_off_spawns_the_day0_double_count() {
    let dir = reference_dir().join("tiny_a2f");
    let period = SimPeriod::read(&FileCache::default(), &dir.join("input_csv/sim_period.csv")).unwrap();
    let opts = ValidationOptions { hasten: 5, insert_day0: false, ..Default::default() };
    let v =
        ValidationData::load(&FileCache::default(), &dir.join("source_data"), period.start_date, opts, None).unwrap();
    let s = v.spawn_schedule(3).unwrap();
    // total 10/5 = 2, camps 2/5, 6/5, 2/5 -> 0, 1, 0: FLEE spawns 2 + 1 = 3 on day 0.
    assert_eq!(s[0].new_agents, 3);
    assert_eq!(s[0].raw_count, 3);
    assert_eq!(v.day0_insertions("E").unwrap(), 0);
}

/// FLEE-user review of session 13: with no conflict zone to spawn at (here every conflict zone has
/// population 0), the day's new agents were dropped without a word; FLEE stops with an assertion.
#[test]
fn agents_to_appear_with_no_conflict_zone_to_appear_at_is_an_error() {
    let tmp = copy_scenario("tiny_a2f", "nospawn");
    let dir = tmp.path();
    let locations = dir.join("input_csv/locations.csv");
    let text = std::fs::read_to_string(&locations).unwrap();
    let text = text.replace(",0,200000000\n", ",0,0\n").replace(",10,1000000000\n", ",10,0\n");
    std::fs::write(&locations, text).unwrap();
    let msg = corridor::flee_dir::load_flee(dir).unwrap_err().to_string();
    assert!(msg.contains("conflicts.csv") && msg.contains("no conflict zone has a spawn weight"), "{msg}");
    // The day's row, as other errors name theirs (the header is line 1, day 0's row line 2). FLEE asks
    // for spawn places every day, with no agent to place too (FLEE-user review of session 32: only days
    // with agents were looked at, and this folder was refused on day 1, FLEE stopping on day 0).
    let said = "input_csv/conflicts.csv:2: on day 0 (2010-01-01) no conflict zone has a spawn weight";
    assert!(msg.contains(said) && msg.contains("with 0 agents to appear that day"), "{msg}");
}

/// FLEE-user review of session 13: FLEE reads routes.csv's first four columns by position and keeps
/// further ones as link attributes, and its docs name the columns `long`, `population/capacity` and
/// `distance[km]`; corridor refused all of them.
#[test]
fn flee_route_attributes_and_documented_header_names_are_read() {
    let tmp = copy_scenario("tiny_a2f", "headers");
    let dir = tmp.path();
    let edit = |file: &str, f: &dyn Fn(String) -> String| {
        let path = dir.join("input_csv").join(file);
        std::fs::write(&path, f(std::fs::read_to_string(&path).unwrap())).unwrap();
    };
    edit("routes.csv", &|t| {
        let mut lines = t.lines().map(|l| format!("{l},x\n"));
        let header = lines.next().unwrap().replace("distance", "distance[km]").replace(",x\n", ",road_type\n");
        std::iter::once(header).chain(lines).collect()
    });
    edit("locations.csv", &|t| {
        t.replacen("\"lon\"", "\"long\"", 1).replacen("\"population\"", "\"population/capacity\"", 1)
    });
    let flee = corridor::flee_dir::load_flee(dir).expect("loads");
    let w = flee.warnings.join("\n");
    assert!(w.contains("routes.csv:1:5: column `road_type` is kept by FLEE as a link attribute"), "{w}");
    let original = corridor::flee_dir::load_flee(&reference_dir().join("tiny_a2f")).expect("loads");
    assert_eq!(flee.scenario.routes, original.scenario.routes);
    assert_eq!(flee.scenario.places, original.scenario.places);
}

//! Camps as FLEE holds them: a camp's number in locations.csv is its capacity, and its population is
//! 0, so that a camp in conflict spawns nobody (FLEE-user review of session 32).

use crate::common;

use corridor::flee_dir::load_flee;
use corridor::Simulation;

/// tiny_a2f with camp D, of capacity 10^10, in conflict every day, as A and B are: FLEE's spawn weight
/// is population × intensity, and a camp's population is 0, so every agent still appears at A or B.
/// corridor took the camp's capacity for its population and placed most of them at D.
#[test]
fn a_camp_in_conflict_spawns_nobody() {
    let tmp = common::damaged::copy_tiny();
    let path = tmp.path().join("input_csv/conflicts.csv");
    let text = std::fs::read_to_string(&path).expect("read");
    let mut lines = text.lines();
    let header = lines.next().expect("a header");
    assert_eq!(header.split(',').nth(5).map(str::trim), Some("D"), "{header}");
    let mut out = format!("{header}\n");
    for line in lines {
        let mut cells: Vec<&str> = line.split(',').collect();
        cells[5] = " 1";
        out += &cells.join(",");
        out.push('\n');
    }
    std::fs::write(&path, out).expect("write");
    let locations = tmp.path().join("input_csv/locations.csv");
    let text = std::fs::read_to_string(&locations).expect("read");
    let camp = r#""D","D","DEF",1.0,1.0,"camp",,30000"#;
    assert!(text.contains(camp), "{text}");
    std::fs::write(&locations, text.replace(camp, r#""D","D","DEF",1.0,1.0,"camp",,10000000000"#)).expect("write");
    let flee = load_flee(tmp.path()).expect("loads");
    let s = &flee.scenario;
    let d = s.places.iter().position(|p| p.name == "D").expect("D") as u32;
    let mut sim = Simulation::new(s, 1);
    for _ in 0..20 {
        sim.step();
    }
    let agents = sim.agents();
    assert!(agents.len() > 100, "{} agents", agents.len());
    let at_d = agents.origin.iter().filter(|&&o| o == d).count();
    assert_eq!(at_d, 0, "of {} agents, {at_d} appeared at camp D", agents.len());
}

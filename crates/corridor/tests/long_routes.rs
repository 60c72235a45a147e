//! Networks at the edge of what the route tables hold (robustness review of session 34): a route
//! through hundreds of markers, and a network whose routes would be too many to list.

use corridor::population::Status;
use corridor::Simulation;
use std::path::Path;

/// A scenario in a temporary folder: `scenario.toml` with 50 people leaving O on the first day, and
/// the places and roads given.
fn scenario(dir: &Path, movement: &str, locations: &str, routes: &str) -> Result<corridor::Scenario, String> {
    let toml = format!(
        "name = \"long\"\nstart = 2018-01-01\nend = 2018-01-31\nseed = 3\n[tables]\nlocations = \"l.csv\"\n\
         routes = \"r.csv\"\n[movement]\n{movement}\n[[inflow]]\nname = \"F\"\norigin = \"O\"\nfrom = 2018-01-01\n\
         to = 2018-01-01\npeople_per_day = 50\nfamily_size = 1\nsource = \"assumption: a test\"\n"
    );
    std::fs::write(dir.join("scenario.toml"), toml).unwrap();
    std::fs::write(dir.join("l.csv"), locations).unwrap();
    std::fs::write(dir.join("r.csv"), routes).unwrap();
    corridor::load(&dir.join("scenario.toml")).map_err(|e| e.to_string())
}

/// A route's position was a u8: past 255 markers it wrapped round to the route's first road, taken
/// from wherever the mover stood, and the movers went round M63, M127, M191, M255 for good. Through
/// 300 markers of 1 km, all 50 reach the camp.
#[test]
fn issue_session_34_a_route_through_300_markers_is_followed_to_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut places = String::from("name,country,location_type,population\nO,A,origin,100\n");
    let mut roads = String::from("name1,name2,distance\nO,M0,1\n");
    for k in 0..300 {
        places.push_str(&format!("M{k},A,marker,0\n"));
        if k > 0 {
            roads.push_str(&format!("M{},M{k},1\n", k - 1));
        }
    }
    places.push_str("B,A,town,100\nC,A,camp,100000\n");
    roads.push_str("M299,B,1\nB,C,5\n");
    let movement = "max_move_speed = 100.0\ndefault_movechance = 1.0\ncamp_movechance = 0.0\nawareness_level = 1";
    let s = scenario(dir.path(), movement, &places, &roads).expect("loads");
    let camp = s.places.iter().position(|p| p.name == "C").unwrap() as u32;
    let mut sim = Simulation::new(&s, s.seed);
    for _ in 0..s.period.days {
        sim.step();
    }
    let a = sim.agents();
    assert!(!a.is_empty());
    let there = (0..a.len()).filter(|&i| a.place[i] == camp && a.status[i] == Status::AtPlace).count();
    assert_eq!(there, a.len(), "all reach the camp past the markers");
}

/// Every route of up to `awareness_level` roads is listed in memory: 30 places each joined to every
/// other at level 4 need over 1 GB, and the load died of it. Such a network is refused at the key,
/// saying why; at level 2 it loads.
#[test]
fn issue_session_34_too_many_routes_are_refused_at_awareness_level() {
    let dir = tempfile::tempdir().unwrap();
    let mut places = String::from("name,country,location_type,population\nO,A,origin,100\n");
    let mut roads = String::from("name1,name2,distance\n");
    for k in 0..30 {
        places.push_str(&format!("T{k},A,town,100\n"));
        roads.push_str(&format!("O,T{k},10\n"));
        for j in 0..k {
            roads.push_str(&format!("T{j},T{k},10\n"));
        }
    }
    let err = scenario(dir.path(), "awareness_level = 4", &places, &roads).expect_err("too many routes");
    assert!(err.contains("scenario.toml:9") && err.contains("awareness_level") && err.contains("routes"), "{err}");
    scenario(dir.path(), "awareness_level = 2", &places, &roads).expect("level 2 loads");
}

/// Diff review of session 34: a route through more markers than a route may pass (10,000 roads) was
/// neither refused nor followed. It is refused at awareness_level, saying why.
#[test]
fn issue_session_34_a_route_through_too_many_markers_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut places = String::from("name,country,location_type,population\nO,A,origin,100\n");
    let mut roads = String::from("name1,name2,distance\nO,M0,1\n");
    for k in 0..10_001 {
        places.push_str(&format!("M{k},A,marker,0\n"));
        if k > 0 {
            roads.push_str(&format!("M{},M{k},1\n", k - 1));
        }
    }
    places.push_str("C,A,camp,100000\n");
    roads.push_str("M10000,C,1\n");
    let err = scenario(dir.path(), "awareness_level = 1", &places, &roads).expect_err("too long a route");
    assert!(err.contains("awareness_level") && err.contains("more than 10000 roads"), "{err}");
}

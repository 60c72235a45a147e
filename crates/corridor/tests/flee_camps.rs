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

/// Planner's review of session 35: a camp's capacity is in people, but the capacity factor weighed it
/// against the agents there, so at 10 people to an agent a camp of 500 filled to about 4,750. The
/// planner's world: 200 people a day for 59 days from A through T to camp B (500 places) or camp C
/// (100,000). The people in B end near 500 whatever an agent stands for.
#[test]
fn issue_session_35_a_camps_capacity_is_in_people_at_any_people_per_agent() {
    let locations = "#name,region,country,lat,lon,location_type,conflict_date,population\n\
        A,r,X,0,0,origin,,100000\nT,r,X,0,1,town,,1000\nB,r,Y,0,2,camp,,500\nC,r,Y,1,2,camp,,100000\n";
    let routes = "#name1,name2,distance\nA,T,100\nT,B,100\nT,C,100\n";
    let in_b = |people_per_agent: u32, places: u32, scaling: f64| {
        let locations = locations.replace("camp,,500", &format!("camp,,{places}"));
        let toml = format!(
            "name = \"camps\"\nstart = 2018-01-01\nend = 2018-03-31\npeople_per_agent = {people_per_agent}\n\
             [movement]\ncapacity_scaling = {scaling}\n[tables]\nlocations = \"locations.csv\"\nroutes = \"routes.csv\"\n[[inflow]]\nname = \"flow\"\n\
             origin = \"A\"\nfrom = 2018-01-01\nto = 2018-02-28\npeople_per_day = 200\nsource = \"t\"\n"
        );
        let s = common::load(&toml, &locations, routes).expect("valid");
        let rec = common::record(&s, 1, 1);
        rec.at_place(s.period.days as usize - 1, 2) * u64::from(people_per_agent)
    };
    let (one, ten) = (in_b(1, 500, 1.0), in_b(10, 500, 1.0));
    assert!((450..=560).contains(&one), "one person to an agent: {one} in B");
    assert!((450..=600).contains(&ten), "ten people to an agent: {ten} in B, where {one} at one");
    // Diff review of session 35: a capacity cut to agents before its scaling made a camp of 15 at half
    // its capacity (7.5 people, 0.75 of an agent of 10) unlimited: 20,720 people came.
    let small = in_b(10, 15, 0.5);
    assert!(small <= 100, "a camp of 15 places at half: {small} in B");
}

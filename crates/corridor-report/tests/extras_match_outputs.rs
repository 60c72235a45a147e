//! The report's extra charts are built in memory from the run; they must hold exactly what reading
//! the outcomes.csv and queues.csv that the same run wrote gives (outcomes.csv rows are agents, the
//! charts people: each row weighs `people_per_agent`).

use corridor::output::outcomes::DAY_COLUMNS;
use corridor::output::{OutcomesCsv, QueuesCsv};
use corridor::validate::Recorder;
use corridor::Simulation;
use corridor_report::{queue_extras, Extra, OutcomeCharts};
use std::collections::BTreeMap;

#[test]
fn in_memory_extras_equal_the_written_tables() {
    let dir = std::env::temp_dir().join(format!("corridor-extras-match-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let days = 120;
    let mut scenario = corridor::worlds::bench_corridor_institutions(6, 4, 3000, days);
    // More than one person per agent, so that counting agents instead of people shows.
    scenario.people_per_agent = 3;
    let ppa = u64::from(scenario.people_per_agent);
    let mut outcomes_csv = OutcomesCsv::new(dir.join("outcomes.csv"));
    let mut queues_csv = QueuesCsv::new(dir.join("queues.csv"));
    let mut recorder = Recorder::new();
    let mut charts = OutcomeCharts::new();
    Simulation::new(&scenario, 7)
        .run(&mut [&mut outcomes_csv, &mut queues_csv, &mut recorder, &mut charts], |_| {})
        .unwrap();
    let rec = recorder.finish().unwrap();

    // outcomes.csv: people (agents × people_per_agent) by value above 0 of each day column (empty
    // fields left out).
    let mut r = csv::Reader::from_path(dir.join("outcomes.csv")).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let cols: Vec<usize> = DAY_COLUMNS.iter().map(|c| header.iter().position(|h| h == c).unwrap()).collect();
    let mut from_csv: Vec<BTreeMap<u64, u64>> = vec![BTreeMap::new(); cols.len()];
    for row in r.records() {
        let row = row.unwrap();
        for (k, &c) in cols.iter().enumerate() {
            let v = &row[c];
            if !v.is_empty() {
                let v: u64 = v.parse().unwrap();
                if v > 0 {
                    *from_csv[k].entry(v).or_default() += ppa;
                }
            }
        }
    }
    let mut from_memory: Vec<BTreeMap<u64, u64>> = vec![BTreeMap::new(); cols.len()];
    for x in charts.extras(corridor_report::counted::Counted::of(&scenario)) {
        let Extra::Histogram { file, counts, .. } = x else { panic!("outcome extras are histograms") };
        let k = DAY_COLUMNS.iter().position(|c| file == format!("outcomes_{c}")).unwrap();
        from_memory[k] = counts.iter().map(|&(v, n)| (v as u64, n)).collect();
    }
    assert_eq!(from_memory, from_csv);
    assert!(from_csv[0].len() > 1 && !from_csv[2].is_empty(), "the run should have days to draw: {from_csv:?}");

    // queues.csv: per column and queue, the value on each day.
    let mut r = csv::Reader::from_path(dir.join("queues.csv")).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, ["date", "queue", "waiting", "admitted", "left"]);
    let start = scenario.period.start;
    let mut table: BTreeMap<(String, String), Vec<f64>> = BTreeMap::new();
    for row in r.records() {
        let row = row.unwrap();
        let date = chrono::NaiveDate::parse_from_str(&row[0], "%Y-%m-%d").unwrap();
        let day = (date - start).num_days() as usize;
        for c in 2..5 {
            let v: f64 = row[c].parse().unwrap();
            table.entry((header[c].clone(), row[1].to_string())).or_insert_with(|| vec![0.0; days as usize])[day] += v;
        }
    }
    table.retain(|_, v| v.iter().any(|x| *x != 0.0));
    let mut memory: BTreeMap<(String, String), Vec<f64>> = BTreeMap::new();
    for x in queue_extras(&rec, days, str::to_string) {
        let Extra::Lines { file, series, .. } = x else { panic!("queue extras are lines") };
        let column = ["waiting", "admitted", "left"].iter().find(|c| file.starts_with(&format!("queues_{c}"))).unwrap();
        for (label, values) in series {
            assert!(memory.insert((column.to_string(), label), values).is_none());
        }
    }
    assert!(!table.is_empty(), "the run should have queues");
    assert_eq!(memory, table);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// arrivals.csv (planner review, session 14: arrivals per city and day were only a summed chart)
/// holds the recording's arrivals by place and day, in people, and nothing else.
#[test]
fn arrivals_csv_holds_the_recorded_arrivals_in_people() {
    let dir = std::env::temp_dir().join(format!("corridor-arrivals-match-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut scenario = corridor::worlds::bench_corridor_institutions(6, 4, 3000, 60);
    scenario.people_per_agent = 3;
    let mut arrivals = corridor::output::ArrivalsCsv::new(dir.join("arrivals.csv"));
    let mut recorder = Recorder::new();
    Simulation::new(&scenario, 7).run(&mut [&mut arrivals, &mut recorder], |_| {}).unwrap();
    let rec = recorder.finish().unwrap();
    let mut from_csv: BTreeMap<(u32, usize), u64> = BTreeMap::new();
    let mut r = csv::Reader::from_path(dir.join("arrivals.csv")).unwrap();
    assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), ["date", "place", "arrivals"]);
    for row in r.records() {
        let row = row.unwrap();
        let date = chrono::NaiveDate::parse_from_str(&row[0], "%Y-%m-%d").unwrap();
        let day = (date - scenario.period.start).num_days() as u32;
        let place = scenario.places.iter().position(|p| p.name == row[1]).unwrap();
        assert!(from_csv.insert((day, place), row[2].parse().unwrap()).is_none(), "a place twice on a day");
    }
    let mut recorded = BTreeMap::new();
    for day in 0..rec.days {
        for place in 0..rec.places() {
            let n = rec.arrivals_on(day, &[place]); // people already
            if n > 0 {
                recorded.insert((day, place), n);
            }
        }
    }
    assert!(!recorded.is_empty(), "the run should have arrivals");
    assert_eq!(from_csv, recorded);
    std::fs::remove_dir_all(&dir).unwrap();
}

//! The `corridor` binary end to end: the default run writes a self-contained report whose numbers
//! match daily.csv; validate and compare write their tables; bad overrides exit with code 2.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn corridor() -> Command {
    Command::new(env!("CARGO_BIN_EXE_corridor"))
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("corridor-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{:?} failed: {}", cmd, String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// People at `place` on `date` in daily.csv, every status but travelling.
fn daily_count(dir: &Path, date: &str, place: &str) -> u64 {
    let text = std::fs::read_to_string(dir.join("daily.csv")).unwrap();
    let mut by: HashMap<(String, String), u64> = HashMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f[2] != "travelling" {
            *by.entry((f[0].to_string(), f[1].to_string())).or_default() += f[3].parse::<u64>().unwrap();
        }
    }
    by.get(&(date.to_string(), place.to_string())).copied().unwrap_or(0)
}

#[test]
fn default_run_writes_a_self_contained_report_matching_daily_csv() {
    let dir = temp("run");
    ok(corridor().args(["run", "--quiet", "--out"]).arg(&dir));
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("caravan-2018"));
    for bad in ["http://", "https://", "<script", "<link", "@import", "url("] {
        assert!(!html.contains(bad), "report.html holds `{bad}`");
    }
    for svg in ["people_by_place", "map_end", "border_cities", "statuses", "arrivals"] {
        let p = dir.join("plots").join(format!("{svg}.svg"));
        assert!(std::fs::read_to_string(&p).unwrap().contains("<svg"), "{}", p.display());
    }
    // The end-of-period count of each border city in the summary equals daily.csv's last day.
    for city in ["Tijuana", "Ciudad Juárez"] {
        let n = daily_count(&dir, "2019-12-31", city);
        assert!(n > 0);
        let shown = format!("{} {}", city, corridor_report::n(n as f64));
        assert!(html.contains(&shown), "report lacks `{shown}`");
    }
    // Its shelters raise IOM's hardship and limit no one: the planners' table says so (user review: the
    // sentence stays for caravan-2018, and only for scenarios where it holds).
    assert!(html.contains(corridor_report::places::SHELTER_RAISES_IOM_HARDSHIP), "the IOM sentence");
    // So does the route map of the last day.
    let map = std::fs::read_to_string(dir.join("plots/map_end.svg")).unwrap();
    let n = daily_count(&dir, "2019-12-31", "Tijuana");
    assert!(map.contains(&format!("Tijuana {n}")));
    // --no-report skips it.
    let dir2 = temp("noreport");
    ok(corridor().args(["run", "demo", "--quiet", "--no-report", "--out"]).arg(&dir2));
    assert!(dir2.join("daily.csv").exists() && !dir2.join("report.html").exists());
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&dir2).unwrap();
}

#[test]
fn validate_writes_a_table_with_a_within_column() {
    let dir = temp("validate");
    let out = ok(corridor().args(["validate", "demo", "--replicates", "3", "--out"]).arg(&dir));
    assert!(out.contains("Caravan in Mexico City"), "{out}");
    let csv = std::fs::read_to_string(dir.join("validation.csv")).unwrap();
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().contains(",within,"));
    let row = lines.next().unwrap();
    assert!(row.contains(",true,") || row.contains(",false,"), "{row}");
    // Same replicates on one thread: the same table.
    let dir1 = temp("validate1");
    ok(corridor().args(["validate", "demo", "--replicates", "3", "--threads", "1", "--out"]).arg(&dir1));
    assert_eq!(csv, std::fs::read_to_string(dir1.join("validation.csv")).unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&dir1).unwrap();
}

/// Whether compare.html's B label names the entry `caravan.0` stands for (journalist review, session
/// 14: `policy.16.value=false` said nothing of which policy).
fn html_label_names_the_entry(dir: &Path) -> bool {
    let html = std::fs::read_to_string(dir.join("compare.html")).unwrap();
    let demo = corridor::worlds::demo().unwrap();
    html.contains(&format!("caravan.0.size=1000 ({})", demo.caravans[0].name))
}

/// compare.html's B label (the first `B = …` up to the markup), for `compare demo --set SET`.
fn compare_b_label(dir: &Path, set: &str) -> String {
    ok(corridor().args(["compare", "demo", "--set", set, "--replicates", "1", "--out"]).arg(dir));
    let html = std::fs::read_to_string(dir.join("compare.html")).unwrap();
    let at = html.find("B = demo").expect("compare.html shows B's label");
    html[at..].split('<').next().unwrap().to_string()
}

/// Leftover: a `--set` without a selector that TOML writes back otherwise (`name=foo`
/// as `name="foo"`) was labelled `, that is name="foo"`, as if a selector had expanded it into other
/// keys. Only a selector's entries are named after "that is".
#[test]
fn compare_says_that_is_only_of_a_selectors_entries() {
    let dir = temp("compare-label");
    assert_eq!(compare_b_label(&dir, "name=foo"), "B = demo with name=foo");
    let selected = compare_b_label(&dir, "caravan[name=Demo caravan].size=1000");
    assert_eq!(
        selected,
        "B = demo with caravan[name=Demo caravan].size=1000, that is caravan.0.size=1000 (Demo caravan)"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn compare_applies_overrides_and_rejects_unknown_keys() {
    let dir = temp("compare");
    ok(corridor().args(["compare", "demo", "--set", "caravan.0.size=1000", "--replicates", "2", "--out"]).arg(&dir));
    let csv = std::fs::read_to_string(dir.join("compare.csv")).unwrap();
    let head =
        "figure,a_median,a_p5,a_p95,b_median,b_p5,b_p95,difference,pair_difference_median,pair_difference_p5,pair_difference_p95,meaning\n";
    assert!(csv.starts_with(head));
    let created = csv.lines().find(|l| l.starts_with("People created,")).unwrap();
    let f: Vec<f64> = created.split(',').skip(1).take(10).map(|x| x.parse().unwrap()).collect();
    // Policy-researcher review of session 13: the tables gave no metric or unit; each row says what it
    // counts.
    for line in csv.lines().skip(1) {
        // The last field: quoted when it holds commas (then the whole quoted text, not its last part).
        let meaning = match line.strip_suffix('"') {
            Some(quoted) => quoted.rsplit_once(",\"").map_or("", |(_, m)| m),
            None => line.rsplit(',').next().unwrap_or(""),
        };
        assert!(meaning.len() > 10, "a figure without its meaning: {line}");
    }
    assert_eq!(f[6], f[3] - f[0]);
    assert_eq!(f[6], -1000.0, "{created}");
    // The same seeds on both sides, and a change of 1,000 people in every pair (journalist review,
    // session 14: no range for the difference).
    assert_eq!((f[7], f[8], f[9]), (-1000.0, -1000.0, -1000.0), "{created}");
    assert!(html_label_names_the_entry(&dir), "compare.html names caravan.0");
    let html = std::fs::read_to_string(dir.join("compare.html")).unwrap();
    assert!(html.contains("<svg") && !html.contains("http"));
    // What was compared is written beside the table (the review found compare.csv alone silent on it).
    let what: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("compare.json")).unwrap()).unwrap();
    assert_eq!(what["b"]["sets"], serde_json::json!(["caravan.0.size=1000"]), "{what}");
    assert_eq!((what["a"]["scenario"].as_str(), what["replicates"].as_u64()), (Some("demo"), Some(2)), "{what}");
    assert_eq!(what["a"]["seeds"], what["b"]["seeds"], "{what}");
    // A change that changes nothing is said to.
    let out = corridor()
        .args(["compare", "demo", "--set", "name=\"x\"", "--replicates", "1", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("made no difference"), "{out:?}");
    // With neither a B nor a --set, B is A: its runs are A's, not run again, and it says so.
    let out = corridor().args(["compare", "demo", "--replicates", "1", "--out"]).arg(&dir).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("B is A, the same runs"), "{out:?}");
    for bad in ["movement.no_such_key=1", "caravan.9.size=1", "movement.max_move_speed=-5"] {
        let out = corridor()
            .args(["compare", "demo", "--set", bad, "--replicates", "1", "--out"])
            .arg(&dir)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", String::from_utf8_lossy(&out.stderr));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// FLEE-user review of session 12: a run into a folder holding an earlier run's outputs left those
/// it did not replace (a FLEE run's out.csv beside another scenario's summary.json; the old
/// report.html after `--no-report`). The folder now holds one run's outputs; files corridor does
/// not write are left alone.
#[test]
fn a_run_replaces_every_output_of_an_earlier_run() {
    let dir = temp("stale");
    let tiny = common::flee_reference("tiny_a2f");
    ok(corridor().arg("run").arg(&tiny).args(["--quiet", "--out"]).arg(&dir));
    assert!(dir.join("out.csv").is_file() && dir.join("report.html").is_file());
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    std::fs::write(dir.join("plots/mine.png"), "mine").unwrap();
    std::fs::write(dir.join("plots/mine.svg"), "mine").unwrap();
    std::fs::write(dir.join("plots/compare_border.svg"), "compare's").unwrap();
    ok(corridor().args(["run", "demo", "--quiet", "--out"]).arg(&dir));
    assert!(!dir.join("out.csv").exists(), "a FLEE run's out.csv beside the demo's outputs");
    let summary = std::fs::read_to_string(dir.join("summary.json")).unwrap();
    assert!(summary.contains("\"scenario\": \"demo\""), "{summary}");
    let svgs = |dir: &Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir.join("plots"))
            .map(|e| e.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        v.retain(|n| n.ends_with(".svg"));
        v.sort();
        v
    };
    let report = std::fs::read_to_string(dir.join("report.html")).unwrap();
    let theirs = |svg: &String| svg == "mine.svg" || svg == "compare_border.svg";
    for svg in svgs(&dir).iter().filter(|s| !theirs(s)) {
        assert!(report.contains(svg.as_str()), "plots/{svg} is not the demo report's");
        // Every plot the report writes is one a later run may remove, and no other.
        assert!(corridor_report::is_report_plot(svg.trim_end_matches(".svg")), "{svg}");
    }
    ok(corridor().args(["run", "demo", "--quiet", "--no-report", "--out"]).arg(&dir));
    assert!(!dir.join("report.html").exists(), "an old report after --no-report");
    assert_eq!(svgs(&dir), ["compare_border.svg", "mine.svg"], "only the report's plots are removed");
    assert!(dir.join("notes.txt").is_file() && dir.join("plots/mine.png").is_file(), "a file corridor does not write");
    assert!(dir.join("daily.csv").is_file() && dir.join("summary.json").is_file());
    // A folder that held no corridor run (e.g. FLEE's own output, an out.csv alone) loses nothing.
    let flee_out = temp("stale-flee");
    std::fs::create_dir_all(&flee_out).unwrap();
    std::fs::write(flee_out.join("out.csv"), "FLEE's").unwrap();
    ok(corridor().args(["run", "demo", "--quiet", "--no-report", "--out"]).arg(&flee_out));
    assert_eq!(std::fs::read_to_string(flee_out.join("out.csv")).unwrap(), "FLEE's");
    std::fs::remove_dir_all(&flee_out).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Review of session 21 (bad input): a run whose report could not be written (report.html a folder,
/// or a full disk) left a fresh summary.json beside an earlier FLEE run's out.csv, and validate and
/// compare left their earlier validate.json and compare.json beside new tables. A command failing
/// part-way now leaves no record passing for a whole set of outputs.
#[test]
fn a_command_failing_part_way_leaves_no_record_of_a_whole_run() {
    let failed = |cmd: &mut Command| {
        let o = cmd.output().expect("corridor runs");
        assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let dir = temp("failing-report");
    ok(corridor()
        .arg("run")
        .arg(common::flee_reference("tiny_a2f"))
        .args(["--quiet", "--no-report", "--out"])
        .arg(&dir));
    std::fs::create_dir(dir.join("report.html")).unwrap();
    let e = failed(corridor().args(["run", "demo", "--quiet", "--out"]).arg(&dir));
    assert!(e.contains("report.html: cannot write") && e.contains("no run's outputs are left in it"), "{e}");
    for f in ["summary.json", "out.csv", "daily.csv"] {
        assert!(!dir.join(f).exists(), "{f} left after the failed run");
    }
    // Without an earlier run, the run's own files stay, but not its summary.json.
    let e = failed(corridor().args(["run", "demo", "--quiet", "--out"]).arg(&dir));
    assert!(e.contains("its summary.json was removed"), "{e}");
    assert!(!dir.join("summary.json").exists() && dir.join("daily.csv").is_file());
    std::fs::remove_dir_all(&dir).unwrap();

    let dir = temp("failing-validate");
    ok(corridor().args(["validate", "demo", "--replicates", "1", "--out"]).arg(&dir));
    assert!(dir.join("validate.json").is_file());
    std::fs::remove_file(dir.join("places.csv")).unwrap();
    std::fs::create_dir(dir.join("places.csv")).unwrap();
    failed(corridor().args(["validate", "demo", "--replicates", "1", "--seed", "2", "--out"]).arg(&dir));
    assert!(!dir.join("validate.json").exists(), "the earlier validate.json beside a new validation.csv");
    std::fs::remove_dir_all(&dir).unwrap();

    let dir = temp("failing-compare");
    ok(corridor().args(["compare", "demo", "--set", "seed=2", "--replicates", "1", "--out"]).arg(&dir));
    assert!(dir.join("compare.json").is_file() && dir.join("compare.html").is_file());
    std::fs::remove_file(dir.join("compare.html")).unwrap();
    std::fs::create_dir(dir.join("compare.html")).unwrap();
    failed(corridor().args(["compare", "demo", "--set", "seed=3", "--replicates", "1", "--out"]).arg(&dir));
    assert!(!dir.join("compare.json").exists(), "the earlier compare.json beside a new compare.csv");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// places.csv (planner review, session 14: no per-city, per-day figures with a range over runs):
/// with one replicate, its median is that run's count of people on the route at the place, and its
/// arrivals that run's arrivals.csv (planner's review of session 21: no range over runs for arrivals,
/// and only border cities and shelters listed). (One run never falls in two groups; the groups
/// column is tested on ten hand-made runs in `corridor::validate::places`.)
#[test]
fn validate_writes_each_place_per_day_and_one_run_gives_its_counts_and_arrivals() {
    let dir = temp("places");
    ok(corridor().args(["validate", "demo", "--replicates", "1", "--seed", "4", "--out"]).arg(&dir));
    let run = dir.join("run");
    ok(corridor().args(["run", "demo", "--seed", "4", "--no-report", "--quiet", "--out"]).arg(&run));
    let daily = std::fs::read_to_string(run.join("daily.csv")).unwrap();
    let mut on_route: HashMap<(String, String), f64> = HashMap::new();
    for line in daily.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if !["travelling", "deported", "returned_home", "dead_or_missing"].contains(&f[2]) {
            *on_route.entry((f[0].into(), f[1].into())).or_default() += f[3].parse::<f64>().unwrap();
        }
    }
    let arrivals_csv = std::fs::read_to_string(run.join("arrivals.csv")).unwrap();
    let mut arrivals: HashMap<(String, String), f64> = HashMap::new();
    for line in arrivals_csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        arrivals.insert((f[0].into(), f[1].into()), f[2].parse::<f64>().unwrap());
    }
    let places = std::fs::read_to_string(dir.join("places.csv")).unwrap();
    let mut rows = places.lines();
    assert_eq!(
        rows.next(),
        Some("date,place,median,p5,p95,groups,arrivals_median,arrivals_p5,arrivals_p95,shelter_capacity")
    );
    let (mut checked, mut arrived, mut listed) = (0, 0, std::collections::BTreeSet::new());
    for line in rows {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f.len(), 10, "{line}");
        let key = (f[0].to_string(), f[1].to_string());
        let want = on_route.get(&key).copied().unwrap_or(0.0);
        let number = |x: &&str| x.parse::<f64>().unwrap();
        assert_eq!(f[2..5].iter().map(number).collect::<Vec<_>>(), [want; 3], "{line}");
        let came = arrivals.get(&key).copied().unwrap_or(0.0);
        assert_eq!(f[6..9].iter().map(number).collect::<Vec<_>>(), [came; 3], "{line}");
        checked += usize::from(want > 0.0);
        arrived += usize::from(came > 0.0);
        listed.insert(f[1].to_string());
    }
    assert!(checked > 10 && arrived > 10, "too few non-zero rows to test: {checked}, {arrived}");
    // Every place but the origins: those of arrivals.csv that are not an origin.
    let exported = dir.join("exported");
    ok(corridor().args(["export", "demo"]).arg(&exported));
    let locations = std::fs::read_to_string(exported.join("locations.csv")).unwrap();
    let not_origins: std::collections::BTreeSet<String> = locations
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|cells| cells[5] != "origin")
        .map(|cells| cells[0].to_string())
        .collect();
    assert_eq!(listed, not_origins);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Waits by month of joining (planner and journalist reviews, session 14; built in session 15): with
/// one replicate, validate's medians and ranges (waits_by_month_spread.csv) are the run's own waits_by_month.csv values,
/// and a scenario without institutions leaves no earlier waits_by_month_spread.csv behind.
#[test]
fn validate_gives_each_queues_waits_by_month_and_one_run_gives_its_own_table() {
    let dir = temp("waits");
    ok(corridor().args(["validate", "caravan-2018", "--replicates", "1", "--seed", "3", "--out"]).arg(&dir));
    let run = dir.join("run");
    ok(corridor().args(["run", "caravan-2018", "--seed", "3", "--no-report", "--quiet", "--out"]).arg(&run));
    let own = std::fs::read_to_string(run.join("waits_by_month.csv")).unwrap();
    let over_runs = std::fs::read_to_string(dir.join("waits_by_month_spread.csv")).unwrap();
    let (mut own_rows, mut rows) = (own.lines(), over_runs.lines());
    assert_eq!(
        own_rows.next(),
        Some(
            "queue,joined_month,joined,admitted,left,waiting_at_end,wait_p50_days,wait_p90_days,still_waiting_p50_days"
        )
    );
    assert!(rows.next().is_some_and(|h| h.starts_with("queue,joined_month,joined_median,joined_p5,joined_p95,")));
    let (own_rows, rows): (Vec<&str>, Vec<&str>) = (own_rows.collect(), rows.collect());
    assert_eq!(own_rows.len(), rows.len());
    assert!(rows.len() > 50, "every list, COMAR, visas and IOM by month: {}", rows.len());
    for (mine, line) in own_rows.iter().zip(&rows) {
        let (m, f): (Vec<&str>, Vec<&str>) = (mine.split(',').collect(), line.split(',').collect());
        assert_eq!(m[..2], f[..2], "same queue and month, in the same order");
        for (k, col) in [2, 3, 4, 5, 6, 7].into_iter().enumerate() {
            assert_eq!([f[2 + 3 * k], f[3 + 3 * k], f[4 + 3 * k]], [m[col]; 3], "column {col}: {mine} / {line}");
        }
        assert_eq!(f[20], if m[6].is_empty() { "0" } else { "1" }, "{line}");
        assert_eq!([f[22], f[23], f[24]], [m[8]; 3], "still waiting: {mine} / {line}");
        assert_eq!(f[25], if m[8].is_empty() { "0" } else { "1" }, "{line}");
        assert_eq!(m[8].is_empty(), m[5] == "0", "a wait so far exactly when someone is waiting: {mine}");
    }
    let still = own_rows.iter().filter(|r| !r.ends_with(',')).count();
    assert!(still > 10, "months with people waiting at the end: {still}");
    ok(corridor().args(["validate", "demo", "--replicates", "1", "--out"]).arg(&dir));
    assert!(!dir.join("waits_by_month_spread.csv").exists(), "a stale waits_by_month_spread.csv was left");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// compare's compare_waits_by_month.csv sets A's and B's waits by month side by side: with one replicate each,
/// the medians are each side's own run (`run` with the same seed and sets).
#[test]
fn compare_sets_each_sides_waits_by_month_side_by_side() {
    let dir = temp("compare-waits");
    let set = "port.0.capacity_per_day=8.2";
    ok(corridor().args(["compare", "--set", set, "--seed", "1", "--replicates", "1", "--out"]).arg(&dir));
    let table = |d: &std::path::Path| -> HashMap<(String, String), Vec<String>> {
        let name = if d == dir.as_path() { "compare_waits_by_month.csv" } else { "waits_by_month.csv" };
        let text = std::fs::read_to_string(d.join(name)).unwrap();
        text.lines()
            .skip(1)
            .map(|l| {
                let f: Vec<String> = l.split(',').map(String::from).collect();
                ((f[0].clone(), f[1].clone()), f[2..].to_vec())
            })
            .collect()
    };
    let (a_dir, b_dir) = (dir.join("a"), dir.join("b"));
    ok(corridor().args(["run", "--seed", "1", "--no-report", "--quiet", "--out"]).arg(&a_dir));
    ok(corridor().args(["run", "--seed", "1", "--no-report", "--quiet", "--set", set, "--out"]).arg(&b_dir));
    let (both, a, b) = (table(&dir), table(&a_dir), table(&b_dir));
    assert!(both.len() >= a.len().max(b.len()) && both.len() > 50, "{} rows", both.len());
    let san_ysidro_dec = ("waitlist:San Ysidro".to_string(), "2018-12".to_string());
    // joined, admitted, left, waiting_at_end, wait_p50_days, wait_p90_days in run's table.
    let (ra, rb, rc) = (&a[&san_ysidro_dec], &b[&san_ysidro_dec], &both[&san_ysidro_dec]);
    assert_eq!([&rc[0], &rc[1]], [&ra[0], &rb[0]], "joined");
    assert_eq!([&rc[2], &rc[3]], [&ra[1], &rb[1]], "admitted");
    assert_eq!([&rc[4], &rc[5]], [&ra[2], &rb[2]], "left");
    assert_eq!([&rc[6], &rc[7]], [&ra[3], &rb[3]], "waiting at the end");
    assert_eq!([&rc[8], &rc[9]], [&ra[4], &rb[4]], "median wait");
    let days = |x: &str| x.parse::<f64>().unwrap();
    assert!(days(&rc[9]) > 1.5 * days(&rc[8]), "a fifth of the capacity, longer waits: {rc:?}");
    let html = std::fs::read_to_string(dir.join("compare.html")).unwrap();
    assert!(html.contains("What these differences can and cannot show"), "with institutions, compare says its limits");
    // One pair of runs: the pair differences are B's value minus A's.
    let wait_difference = days(&rb[4]) - days(&ra[4]);
    assert_eq!([days(&rc[12]), days(&rc[13])], [wait_difference; 2], "{rc:?}");
    assert_eq!(rc[14], "1", "one pair with calls on both sides");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Planner review (session 14): "MPP off everywhere" took six `--set policy.N.value=false`. A selector
/// sets every `[[policy]]` with that parameter, the same run byte for byte; a misspelt one stops
/// with exit code 2 and the values there are.
#[test]
fn a_selector_switches_off_every_mpp_policy_as_the_six_indexed_keys_do() {
    let dir = temp("selector");
    let (one, six) = (dir.join("one"), dir.join("six"));
    ok(corridor()
        .args([
            "run",
            "--seed",
            "2",
            "--no-report",
            "--quiet",
            "--set",
            "policy[parameter=mpp.active].value=false",
            "--out",
        ])
        .arg(&one));
    let mut indexed = corridor();
    indexed.args(["run", "--seed", "2", "--no-report", "--quiet", "--out"]).arg(&six);
    for n in 16..=21 {
        indexed.args(["--set", &format!("policy.{n}.value=false")]);
    }
    ok(&mut indexed);
    for f in ["daily.csv", "queues.csv", "outcomes.csv"] {
        let (a, b) = (std::fs::read(one.join(f)).unwrap(), std::fs::read(six.join(f)).unwrap());
        assert!(a == b, "{f} differs");
    }
    let summary = std::fs::read_to_string(one.join("summary.json")).unwrap();
    assert!(summary.contains(r#""returned_to_mexico": 0"#), "MPP returned people with every MPP policy off");
    // The run records the keys the selector set, which reproduce it alone.
    let json: serde_json::Value = serde_json::from_str(&summary).unwrap();
    let applied: Vec<String> = (16..=21).map(|n| format!("policy.{n}.value=false")).collect();
    assert_eq!(json["sets_applied"], serde_json::json!(applied));
    let out = corridor()
        .args(["run", "--quiet", "--set", "policy[parameter=mpp.actve].value=false", "--out"])
        .arg(dir.join("typo"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("selects no entry of `policy`") && err.contains("mpp.active, mpp.capacity_per_day"), "{err}");
    // Where the list is (leftover: the error named the key only): the built-in file's first
    // `[[policy]]`, with the note that says how to read that file.
    let b = corridor::worlds::CARAVAN_2018;
    let first = b.text().lines().position(|l| l == "[[policy]]").unwrap() + 1;
    let at = format!("selects no entry of `policy` (it starts at {}:{first});", b.path().display());
    assert!(err.contains(&at) && err.contains("`corridor export caravan-2018 DIR`"), "{err}");
    // A key that is no list, in a scenario on disk: its file and the line that writes it.
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/demo-institutions");
    let out = corridor()
        .arg("run")
        .arg(&demo)
        .args(["--quiet", "--set", "institutions[name=x].active=false", "--out"])
        .arg(dir.join("no-list"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let text = std::fs::read_to_string(demo.join("scenario.toml")).unwrap();
    let line = text.lines().position(|l| l.starts_with("[institutions")).unwrap() + 1;
    let at = format!("`institutions` is a table at {}:{line}", demo.join("scenario.toml").display());
    assert!(err.contains(&format!("`institutions` is not a list of entries in the scenario: {at}")), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Recheck (session 15): switching metering off warns only where a port's list was on and is now off,
/// naming the ports; a --set that dated policies override changes nothing and says nothing of it.
#[test]
fn switching_metering_off_where_it_was_on_is_warned_of_and_only_then() {
    let dir = temp("metering-off");
    let stderr = |set: &str| {
        let o = corridor().args(["run", "--no-report", "--quiet", "--set", set, "--out"]).arg(&dir).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let off = stderr("policy[parameter=metering.active].value=false");
    assert!(off.contains("switches metering off where it was on (San Ysidro on 647 days from 2018-03-25"), "{off}");
    assert!(off.contains("no daily limit"), "{off}");
    let shadowed = stderr("institutions.metering.active=false");
    assert!(!shadowed.contains("switches metering off"), "the policies win: nothing is switched off: {shadowed}");
    // Final check (session 15): days are matched by date, so an earlier start switches nothing off.
    let later = stderr("start=2018-01-01");
    assert!(!later.contains("switches metering off"), "{later}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Planner review (session 14): `run` and `validate` default to the built-in scenario and take
/// `--seed`, `compare` took neither.
#[test]
fn compare_defaults_to_the_built_in_scenario_and_takes_a_first_seed() {
    let dir = temp("compare-default");
    ok(corridor()
        .args(["compare", "--set", "caravan.0.size=1000", "--replicates", "1", "--seed", "9", "--out"])
        .arg(&dir));
    let what: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("compare.json")).unwrap()).unwrap();
    assert_eq!(what["a"]["name"], "caravan-2018", "{what}");
    assert_eq!(
        (what["a"]["seeds"].clone(), what["b"]["seeds"].clone()),
        (serde_json::json!([9, 9]), serde_json::json!([9, 9]))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// User review: the report of `run --set 'policy[parameter=mpp.active].value=false'` read "caravan-2018
/// … seed 1" and nothing else, so an "MPP off" page passed for the scenario's own; and `validate
/// --set` wrote tables that record no scenario, seeds or sets, so a baseline folder and an MPP-off one
/// could not be told apart. The report's header names the sets and the entries they set, as
/// summary.json records them; validate writes validate.json beside its tables (whose columns stay as
/// they were) and names the sets in its closing line.
#[test]
fn a_changed_run_says_so_in_its_report_and_validate_records_what_it_validated() {
    let dir = temp("changed");
    let selector = "policy[parameter=mpp.active].value=false";
    let (changed, plain) = (dir.join("mpp-off"), dir.join("plain"));
    ok(corridor().args(["run", "--quiet", "--set", selector, "--out"]).arg(&changed));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(changed.join("summary.json")).unwrap()).unwrap();
    let applied: Vec<String> =
        summary["sets_applied"].as_array().unwrap().iter().map(|k| k.as_str().unwrap().to_string()).collect();
    assert!(applied.len() > 1, "{summary}");
    let html = std::fs::read_to_string(changed.join("report.html")).unwrap();
    let (head, _) = html.split_once("<h2>Key figures</h2>").unwrap();
    let scenario = corridor::worlds::caravan_2018().unwrap();
    assert!(
        head.contains("<b>Changed from the scenario:</b> policy[parameter=mpp.active].value=false, that is "),
        "{head}"
    );
    for key in &applied {
        let named = corridor_report::esc(&corridor::entries::describe_set(&scenario, key));
        assert!(head.contains(&named), "the header lacks {named}: {head}");
    }
    ok(corridor().args(["run", "demo", "--quiet", "--out"]).arg(&plain));
    let html = std::fs::read_to_string(plain.join("report.html")).unwrap();
    assert!(!html.contains("Changed from the scenario"), "a run as written says nothing of changes");

    // validate: validate.json says what was validated; the tables keep their columns.
    let set = "caravan[name=Demo caravan].size=1000";
    let (base, off) = (dir.join("v-base"), dir.join("v-changed"));
    let printed = ok(corridor().args(["validate", "demo", "--replicates", "2", "--seed", "5", "--out"]).arg(&base));
    assert!(!printed.contains("changed by"), "{printed}");
    let printed =
        ok(corridor().args(["validate", "demo", "--replicates", "2", "--seed", "5", "--set", set, "--out"]).arg(&off));
    let demo = corridor::worlds::demo().unwrap();
    let named = format!("caravan.0.size=1000 ({})", demo.caravans[0].name);
    assert!(printed.contains(&format!("demo changed by --set {set}, that is {named}: ")), "{printed}");
    let what = |d: &Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(d.join("validate.json")).unwrap()).unwrap()
    };
    let (b, c) = (what(&base), what(&off));
    for w in [&b, &c] {
        assert_eq!((w["scenario"].as_str(), w["name"].as_str()), (Some("demo"), Some("demo")), "{w}");
        assert_eq!((w["seeds"].clone(), w["replicates"].as_u64()), (serde_json::json!([5, 6]), Some(2)), "{w}");
    }
    assert_eq!((b["sets"].clone(), b["sets_applied"].clone()), (serde_json::json!([]), serde_json::json!([])));
    assert_eq!(c["sets"], serde_json::json!([set]), "{c}");
    assert_eq!(c["sets_applied"], serde_json::json!(["caravan.0.size=1000"]), "{c}");
    for f in ["validation.csv", "places.csv"] {
        let header = |d: &Path| std::fs::read_to_string(d.join(f)).unwrap().lines().next().unwrap().to_string();
        assert_eq!(header(&base), header(&off), "{f} keeps its columns");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

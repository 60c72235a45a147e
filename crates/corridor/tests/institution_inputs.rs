//! Input errors of a scenario's institutions, each at its file, line and field: an unknown policy
//! parameter, a policy outside the period, a misspelt office kind or detention centre.

use corridor::scenario::{InMemory, Scenario};
use std::path::Path;

/// The head of a scenario.toml over the two places of [`parse`]'s tables (A, a town; B, a border city).
const HEAD: &str =
    "name = \"x\"\nstart = 2018-10-01\nend = 2018-10-10\n[tables]\nlocations = \"l.csv\"\nroutes = \"r.csv\"\n\n";

/// `toml` loaded as `s/scenario.toml` beside two places, A and B, 10 km apart; the error as text.
fn parse(toml: &str) -> Result<Scenario, String> {
    let files = [
        ("s/scenario.toml", toml),
        ("s/l.csv", "name,country,location_type\nA,X,town\nB,X,border_city\n"),
        ("s/r.csv", "name1,name2,distance\nA,B,10\n"),
    ];
    corridor::scenario::parse_toml(Path::new("s/scenario.toml"), toml, &InMemory(&files)).map_err(|e| e.to_string())
}

#[test]
fn an_unknown_policy_parameter_is_an_error_with_file_and_line() {
    let policy =
        "[[policy]]\nparameter = \"metering.capacity_per_week\"\nfrom = 2018-10-02\nvalue = 3\nsource = \"test\"\n";
    let msg = parse(&format!("{HEAD}{policy}")).expect_err("unknown parameter");
    assert!(msg.starts_with("s/scenario.toml:9:"), "{msg}");
    assert!(msg.contains("metering.capacity_per_week"), "{msg}");
    let err =
        parse(&format!("{HEAD}[institutions.metering]\ncapacity_per_day = 5\nspeed = 2\n")).expect_err("unknown key");
    assert!(err.starts_with("s/scenario.toml:10:"), "{err}");
}

/// Institutions review of session 31: a [[policy]] on a backlog, read once on the first day, loaded
/// and changed nothing.
#[test]
fn a_policy_on_a_backlog_is_an_error_at_its_parameter() {
    for (param, table) in [("courts.backlog", "courts"), ("comar.backlog", "comar")] {
        let policy = format!("[[policy]]\nparameter = \"{param}\"\nfrom = 2018-10-02\nvalue = 3\nsource = \"test\"\n");
        let e = parse(&format!("{HEAD}{policy}")).expect_err("a dated backlog");
        assert!(e.starts_with("s/scenario.toml:9:"), "{e}");
        assert!(e.contains(&format!("`{param}` is the count of cases on the first day")), "{e}");
        assert!(e.contains(&format!("set it in [institutions.{table}]")), "{e}");
    }
}

/// Reference audit of session 31: a misspelt `[institutions.*]` table with no keys loaded without a
/// word, and made the scenario one with institutions.
#[test]
fn an_empty_misspelt_institutions_table_is_an_error_at_its_line() {
    let load = |table: &str| parse(&format!("{HEAD}{table}\n")).map(|s| s.institutions.is_some());
    let e = load("[institutions.meterin]").expect_err("a misspelt table");
    assert!(
        e.starts_with("s/scenario.toml:8:")
            && e.contains("unknown institution table `[institutions.meterin]` (did you mean `metering`?)"),
        "{e}"
    );
    assert!(!load("[institutions.embassy]").expect_err("nothing near").contains("did you mean"));
    assert_eq!(load("[institutions.metering]"), Ok(true), "a known table, even empty, asks for the institutions");
    // Final review of session 31: a table of place parameters can hold no key, and is refused empty too.
    let e = load("[institutions.shelter]").expect_err("a table of each place's own values");
    assert!(e.starts_with("s/scenario.toml:8:") && e.contains("`[institutions.shelter]` can hold no key"), "{e}");
    assert_eq!(load(""), Ok(false));
}

/// Scenario author's review of session 24: a misspelt office kind or detention centre got no hint,
/// where a misspelt place or parameter did.
#[test]
fn a_misspelt_office_kind_or_detention_centre_says_what_was_meant() {
    let load = |office: &str, centre: &str| {
        let entries = format!(
            "[[detention]]\nname = \"Siglo XXI\"\nplace = \"A\"\ncapacity = 100\nsource = \"t\"\n\n\
             [[checkpoint]]\nname = \"cordon\"\nplace = \"A\"\napprehension = 0.1\ndetention = \"{centre}\"\nsource = \"t\"\n\n\
             [[office]]\nkind = \"{office}\"\nplace = \"A\"\nsource = \"t\"\n"
        );
        parse(&format!("{HEAD}{entries}")).map(|_| ())
    };
    load("comar", "Siglo XXI").expect("the valid scenario loads");
    let e = load("comr", "Siglo XXI").expect_err("a misspelt kind");
    assert!(
        e.starts_with("s/scenario.toml:22:8: field `kind`: unknown office kind `comr`; did you mean `comar`?"),
        "{e}"
    );
    let e = load("comar", "Siglo XX").expect_err("a misspelt centre");
    assert!(e.contains("checkpoint `cordon`: no [[detention]] named `Siglo XX`; did you mean `Siglo XXI`?"), "{e}");
    // Nothing near: no hint, on each path alone.
    for (kind, centre) in [("embassy", "Siglo XXI"), ("comar", "Atlantis")] {
        let e = load(kind, centre).expect_err("nothing near");
        assert!(!e.contains("did you mean"), "{e}");
    }
}

/// User review of session 12: a policy dated after the period ran silently and never applied.
/// Dates may reach beyond the period (a policy already in force, or lasting past the end); a policy
/// wholly outside it is an error at its date's own line.
#[test]
fn a_policy_wholly_outside_the_period_is_an_error_at_its_date() {
    let policy = |from: &str, to: &str| {
        let toml = format!(
            "name = \"x\"\nstart = 2018-10-01\nend = 2018-10-10\n[tables]\nlocations = \"l.csv\"\nroutes = \"r.csv\"\n\n[[policy]]\nparameter = \"metering.capacity_per_day\"\nfrom = {from}\n{to}value = 3\nsource = \"test\"\n"
        );
        let files = [
            ("s/scenario.toml", toml.as_str()),
            ("s/l.csv", "name,country,location_type\nA,X,town\nB,X,border_city\nU,X,destination\n"),
            ("s/r.csv", "name1,name2,distance\nA,B,10\nB,U,1\n"),
        ];
        corridor::scenario::parse_toml(Path::new("s/scenario.toml"), &toml, &InMemory(&files))
            .map_err(|e| e.to_string())
    };
    let err = policy("2025-01-01", "").expect_err("from after the end");
    assert!(err.starts_with("s/scenario.toml:10:") && err.contains("never apply") && err.contains("from"), "{err}");
    let err = policy("2017-01-01", "to = 2018-10-01\n").expect_err("to at the start (exclusive)");
    assert!(err.starts_with("s/scenario.toml:11:") && err.contains("never apply"), "{err}");
    let err = policy("2018-10-05", "to = 2018-10-04\n").expect_err("to before from");
    assert!(err.starts_with("s/scenario.toml:11:") && err.contains("before `from`"), "{err}");
    // Reaching beyond the period on either side is fine: the start is clamped to the period's, the end
    // kept as dated, day 4,110 (code review of session 34: clamped to the period, a court calendar
    // reading days beyond it took the policy for ended there).
    let s = policy("2017-01-01", "to = 2030-01-01\n").expect("overlaps the period");
    let p = &s.institutions.as_ref().expect("institutions").params.policies[0];
    assert_eq!((p.from_day, p.to_day), (0, Some(4110)));
    let s = policy("2018-10-10", "").expect("from on the last day");
    assert_eq!(s.institutions.as_ref().expect("institutions").params.policies[0].from_day, 9);
}

/// User review of session 12: an error in an institution entry named the line of its `[[...]]`
/// header, not of the field. Each bad field below sits on line 11, three lines after its header.
#[test]
fn institution_errors_name_the_fields_line() {
    let head =
        "name = \"x\"\nstart = 2018-10-01\nend = 2018-10-10\n[tables]\nlocations = \"l.csv\"\nroutes = \"r.csv\"\n\n";
    let files = |toml: &str| {
        let files = [
            ("s/scenario.toml", toml),
            ("s/l.csv", "name,country,location_type\nA,X,town\nB,X,border_city\nU,X,destination\n"),
            ("s/r.csv", "name1,name2,distance\nA,B,10\nB,U,1\n"),
        ];
        corridor::scenario::parse_toml(Path::new("s/scenario.toml"), toml, &InMemory(&files))
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    let detention = "[[detention]]\nname = \"D\"\nplace = \"A\"\ncapacity = 5\nsource = \"t\"\n";
    let cases = [
        ("[[detention]]\nname = \"D\"\nsource = \"t\"\ncapacity = -1\nplace = \"A\"\n".to_string(), "capacity"),
        ("[[detention]]\nname = \"D\"\nsource = \"t\"\nplace = \"Atlantis\"\ncapacity = 1\n".to_string(), "place"),
        ("[[hazard]]\ncountry = \"X\"\nsource = \"t\"\nkidnapping = 2.0\n".to_string(), "kidnapping"),
        ("[[hazard]]\nviolence = 0.1\nsource = \"t\"\ncountry = \"Y\"\n".to_string(), "country"),
        ("[[office]]\nplace = \"A\"\nsource = \"t\"\nkind = \"embassy\"\n".to_string(), "kind"),
        ("[[port]]\nname = \"P\"\ncity = \"B\"\nus_side = \"Nowhere\"\nsource = \"t\"\n".to_string(), "us_side"),
        ("[[port]]\nname = \"P\"\ncity = \"B\"\ncapacity_per_day = -3\nus_side = \"U\"\nsource = \"t\"\n".to_string(), "capacity_per_day"),
        ("[[port]]\nname = \"P\"\ncity = \"B\"\nmpp_via = \"Q\"\nus_side = \"U\"\nsource = \"t\"\n".to_string(), "mpp_via"),
        ("[[port]]\nname = \"P\"\ncity = \"B\"\nmpp_via = \"P\"\nus_side = \"U\"\nsource = \"t\"\n".to_string(), "mpp_via"),
        (format!("{detention}[[checkpoint]]\nname = \"C\"\nplace = \"A\"\ndetention = \"E\"\napprehension = 0.5\nsource = \"t\"\n"), "detention"),
        (format!("{detention}[[checkpoint]]\nname = \"C\"\ndetention = \"D\"\napprehension = 1.5\nplace = \"A\"\nsource = \"t\"\n"), "apprehension"),
    ];
    for (entry, field) in cases {
        // The checkpoints follow a detention centre of five lines: their field is five lines further.
        let line = if entry.starts_with("[[detention]]\nname = \"D\"\nplace") { 16 } else { 11 };
        let err = files(&format!("{head}{entry}")).expect_err(field);
        assert!(err.starts_with(&format!("s/scenario.toml:{line}:")), "{field}: {err}");
        assert!(err.contains(field), "{field}: {err}");
    }
    files(&format!("{head}{detention}")).expect("the valid entry loads");
    // Scenario author's review of session 24: two ports at one city were told at the second's `name`,
    // as "the same name or city"; now at the field that clashes, naming the other port.
    let port = |name: &str| format!("[[port]]\nname = \"{name}\"\ncity = \"B\"\nus_side = \"U\"\nsource = \"t\"\n");
    let err = files(&format!("{head}{}{}", port("P"), port("Q"))).expect_err("two ports at B");
    assert!(
        err.starts_with(
            "s/scenario.toml:15:8: field `city`: port `Q`: port.0 `P` is at `B` already (a city has one port"
        ),
        "{err}"
    );
    let err = files(&format!("{head}{}{}", port("P"), port("P"))).expect_err("two named P");
    assert!(err.contains("field `name`: port `P`: port.0 `P` has the same name"), "{err}");
    // Bad-input hunt of session 30: a port's `capacity_per_day = -40` was said of
    // `metering.capacity_per_day`, a key the file does not have; now of the key written.
    let negative = port("P").replace("us_side", "capacity_per_day = -40\nus_side");
    let err = files(&format!("{head}{negative}")).expect_err("a negative capacity");
    assert!(
        err.ends_with(
            "field `capacity_per_day`: port `P`: `capacity_per_day` = -40 must be a finite number >= 0 (the port's `metering.capacity_per_day`)"
        ),
        "{err}"
    );
}

/// Input review of session 32: a copied `[[hazard]]` (and a copied `[[inflow]]`) ran twice: deaths on
/// the road doubled. A second hazard on the same road (either way round) or country is refused at its
/// entry; a road's hazard beside its country's is taken.
#[test]
fn a_second_hazard_on_the_same_road_or_country_is_refused() {
    let road = |a: &str, b: &str| format!("[[hazard]]\nroute = [\"{a}\", \"{b}\"]\nviolence = 0.01\nsource = \"t\"\n");
    let country = "[[hazard]]\ncountry = \"X\"\naccident = 0.01\nsource = \"t\"\n";
    for twice in [format!("{}{}", road("A", "B"), road("B", "A")), format!("{country}{country}")] {
        let e = parse(&format!("{HEAD}{twice}")).expect_err("refused");
        assert!(e.starts_with("s/scenario.toml:12:") && e.contains("another [[hazard]] is on the same road"), "{e}");
    }
    parse(&format!("{HEAD}{}{country}", road("A", "B"))).expect("a road's and its country's");
}

/// Code review of session 32: a policy's `from` with a time was "not a date", where a caravan's
/// `depart` with one "has a time". Both read dates alike now.
#[test]
fn a_policys_date_with_a_time_is_told_as_one() {
    let policy = "[[policy]]\nparameter = \"mpp.active\"\nfrom = 2018-10-03T10:00:00\nvalue = true\nsource = \"t\"\n";
    let e = parse(&format!("{HEAD}{policy}")).expect_err("refused");
    assert!(e.contains("field `from`") && e.contains("`2018-10-03T10:00:00` has a time"), "{e}");
}

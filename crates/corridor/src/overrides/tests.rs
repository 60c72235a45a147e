//! Tests of `overrides`: parsing `KEY=VALUE`, setting keys in the TOML, and errors naming lines.

use super::*;

fn table(text: &str) -> toml::Table {
    toml::from_str(text).unwrap()
}

#[test]
fn values_parse_as_toml() {
    let o = Override::parse("movement.max_move_speed=150").unwrap();
    assert_eq!(o.path, "movement.max_move_speed");
    assert_eq!(o.value, toml::Value::Integer(150));
    assert_eq!(Override::parse("a = 1.5").unwrap().value, toml::Value::Float(1.5));
    assert_eq!(Override::parse("name=plain words").unwrap().value, toml::Value::String("plain words".into()));
    assert!(matches!(Override::parse("x.until=2018-11-16").unwrap().value, toml::Value::Datetime(_)));
    assert!(Override::parse("no-equals").is_err());
    assert!(Override::parse("a..b=1").is_err());
    // Planner review (session 14): `--set locations.Tijuana.shelter_capacity=14000` failed with an
    // unknown field at a line of the rewritten file; a table's values get their own answer.
    let e = Override::parse("locations.Tijuana.shelter_capacity=14000").unwrap_err().to_string();
    assert!(e.contains("--set cannot change them: write the scenario's files with `corridor export"), "{e}");
}

#[test]
fn paths_walk_tables_and_arrays() {
    let mut t = table("seed = 1\n[movement]\nx = 1\n[[caravan]]\nsize = 5\n[[caravan]]\nsize = 6\n");
    apply(&mut t, &Override::parse("seed=7").unwrap()).unwrap();
    apply(&mut t, &Override::parse("movement.x=2").unwrap()).unwrap();
    apply(&mut t, &Override::parse("caravan.1.size=60").unwrap()).unwrap();
    apply(&mut t, &Override::parse("new.deep.key=true").unwrap()).unwrap();
    assert_eq!(t["seed"].as_integer(), Some(7));
    assert_eq!(t["movement"]["x"].as_integer(), Some(2));
    assert_eq!(t["caravan"][1]["size"].as_integer(), Some(60));
    assert_eq!(t["caravan"][0]["size"].as_integer(), Some(5));
    assert_eq!(t["new"]["deep"]["key"].as_bool(), Some(true));
    let e = apply(&mut t, &Override::parse("caravan.5.size=1").unwrap()).unwrap_err();
    assert!(e.to_string().contains("out of range"), "{e}");
    let e = apply(&mut t, &Override::parse("caravan.size=1").unwrap()).unwrap_err();
    assert!(e.to_string().contains("a list"), "{e}");
    let e = apply(&mut t, &Override::parse("seed.x=1").unwrap()).unwrap_err();
    assert!(e.to_string().contains("not a table"), "{e}");
    // The table survives errors.
    assert_eq!(t["seed"].as_integer(), Some(7));
}

/// User review: `--set port.x.capacity_per_day=5` said "expected an index 0..9" where the indexes
/// are 0 to 8 (a half-open range, read as including 9). Said in words, with the last index.
#[test]
fn list_indexes_are_said_from_first_to_last() {
    let mut t = table("[[port]]\nc = 1\n[[port]]\nc = 2\n[[port]]\nc = 3\n[[one]]\nc = 1\n");
    let e = apply(&mut t, &Override::parse("port.x.c=5").unwrap()).unwrap_err().to_string();
    assert!(e.ends_with("`port` is a list: expected an index from 0 to 2, found `x`"), "{e}");
    let e = apply(&mut t, &Override::parse("port.3.c=5").unwrap()).unwrap_err().to_string();
    assert!(e.ends_with("`port` has 3 entries; index 3 is out of range: expected an index from 0 to 2"), "{e}");
    let e = apply(&mut t, &Override::parse("one.x.c=5").unwrap()).unwrap_err().to_string();
    assert!(e.ends_with("expected the index 0 (the list has one entry), found `x`"), "{e}");
    // Session 27: "`caravan.2.split` has 1 entries".
    let e = apply(&mut t, &Override::parse("one.1.c=5").unwrap()).unwrap_err().to_string();
    assert!(
        e.ends_with("`one` has 1 entry; index 1 is out of range: expected the index 0 (the list has one entry)"),
        "{e}"
    );
    assert_eq!(index_words(0), "no index (the list is empty)");
}

#[test]
fn overrides_are_validated_like_the_file() {
    let files: &[(&str, &str)] = &[
        ("s/scenario.toml", ""),
        ("s/locations.csv", "name,location_type\nA,town\nB,town\n"),
        ("s/routes.csv", "name1,name2,distance\nA,B,10\n"),
    ];
    let text = "name = \"t\"\nstart = 2018-01-01\nend = 2018-01-10\n[tables]\nlocations = \"locations.csv\"\nroutes = \"routes.csv\"\n";
    let path = Path::new("s/scenario.toml");
    let src = crate::scenario::InMemory(files);
    let s = parse_with_overrides(
        path,
        text,
        &src,
        &[Override::parse("seed=7").unwrap(), Override::parse("movement.max_move_speed=150").unwrap()],
    )
    .unwrap();
    assert_eq!(s.seed, 7);
    assert_eq!(s.movement.max_move_speed, 150.0);
    let e = parse_with_overrides(path, text, &src, &[Override::parse("movement.nope=1").unwrap()]).unwrap_err();
    assert!(e.to_string().contains("nope"), "{e}");
    let e =
        parse_with_overrides(path, text, &src, &[Override::parse("movement.max_move_speed=-1").unwrap()]).unwrap_err();
    assert!(e.to_string().contains("max_move_speed"), "{e}");
}

/// User review of session 12: an error in an overridden value named a line of the scenario as
/// rewritten (1,765 lines for a file of 1,708), not the file's own.
#[test]
fn an_overridden_value_keeps_its_line_in_errors() {
    let files: &[(&str, &str)] = &[
        ("s/scenario.toml", ""),
        ("s/locations.csv", "name,location_type\nA,town\nB,town\n"),
        ("s/routes.csv", "name1,name2,distance\nA,B,10\n"),
    ];
    // Line 10 sets the speed; a comment the writer would drop comes before it.
    let text = "name = \"t\"\nstart = 2018-01-01\nend = 2018-01-10\n# a comment the writer would drop\nseed = 3\n[tables]\nlocations = \"locations.csv\"\nroutes = \"routes.csv\"\n[movement]\nmax_move_speed = 100.0 # km a day\n";
    let (path, src) = (Path::new("s/scenario.toml"), crate::scenario::InMemory(files));
    let set = |o: &[&str]| {
        let o: Vec<Override> = o.iter().map(|t| Override::parse(t).unwrap()).collect();
        parse_with_overrides(path, text, &src, &o)
    };
    let e = set(&["seed=4", "movement.max_move_speed=-1"]).unwrap_err();
    let shown = format!("{e}: {}", std::error::Error::source(&e).map(|s| s.to_string()).unwrap_or_default());
    assert!(shown.contains("s/scenario.toml:10:"), "{shown}");
    assert!(!shown.contains("rewritten"), "{shown}");
    let s = set(&["seed=4", "movement.max_move_speed=150"]).unwrap();
    assert_eq!((s.seed, s.movement.max_move_speed), (4, 150.0));
    // A key the file lacks still applies (its errors: `added.rs`).
    assert_eq!(set(&["movement.max_walk_speed=20"]).unwrap().movement.max_walk_speed, 20.0);
}

/// Leftover of session 14: a key the file lacks was reported at a line of the rewritten copy only.
/// The error now also says where the key's entry is in the file.
#[test]
fn a_key_the_file_lacks_is_placed_at_its_entry_in_the_file() {
    let b = crate::worlds::CARAVAN_2018;
    let e = builtin_with_overrides(&b, &[Override::parse("policy.16.valu=false").unwrap()]).unwrap_err().to_string();
    let header = b.text().match_indices("[[policy]]").nth(16).map(|(i, _)| i).unwrap();
    let line = b.text()[..header].matches('\n').count() + 1;
    assert!(e.ends_with(&format!("; the key goes in `policy.16`, at {}:{line}", b.path().display())), "{e}");
    assert!(e.starts_with("override `policy.16.valu=false`: unknown field `valu` (did you mean `value`?)"), "{e}");
}

/// User review of session 12: `--set institutions.mpp.active=false` changed nothing (six dated
/// policies switch MPP on), and nothing said so.
#[test]
fn overrides_that_policies_win_over_are_named() {
    use crate::policy::Param;
    let b = crate::worlds::CARAVAN_2018;
    let set = |o: &str| {
        let o = [Override::parse(o).unwrap()];
        shadowed(&builtin_with_overrides(&b, &o).unwrap(), &o)
    };
    let s = b.scenario().unwrap();
    let policies = &s.institutions.as_ref().unwrap().params.policies;
    let mpp: Vec<usize> = (0..policies.len()).filter(|&k| policies[k].param == Param::MppActive).collect();
    assert!(mpp.len() > 1, "the scenario switches MPP on by several policies");
    // The built-in scenario's ports all set their own metering capacity, which a general one
    // does not change (review of session 12: the warning named only the policies).
    let w = set("institutions.metering.capacity_per_day=100");
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("the ports San Ysidro (40), Calexico (") && w[0].contains("[[port]] `capacity_per_day`"),
        "{}",
        w[0]
    );
    let w = set("institutions.mpp.active=false");
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains(&format!("{} policies", mpp.len())), "{}", w[0]);
    for k in &mpp {
        assert!(w[0].contains(&format!("policy.{k} (")), "{}", w[0]);
    }
    // Policy researcher's review of session 24: the example named the first policy only, so the one
    // that won at the port stayed. A switch's sets name every policy that wins.
    for k in &mpp {
        assert!(w[0].contains(&format!("--set policy.{k}.value=false")), "policy.{k}: {}", w[0]);
    }
    // Review of session 21: policies already of the value set were named as winning over it, and one
    // suggested as the set to make. Setting MPP on names only those that switch it off.
    let off: Vec<usize> = mpp.iter().copied().filter(|&k| policies[k].value < 0.5).collect();
    let w = set("institutions.mpp.active=true");
    assert_eq!(w.len(), usize::from(!off.is_empty()), "{w:?}");
    for k in &mpp {
        assert_eq!(w.concat().contains(&format!("policy.{k} (")), off.contains(k), "policy.{k}: {w:?}");
    }
    // A parameter no policy sets, and a key that is no parameter: nothing to say.
    assert!(policies.iter().all(|q| q.param != Param::ScreeningDays));
    assert!(set("institutions.screening.days=3").is_empty());
    assert!(set("seed=3").is_empty());
    // A port's own value gives way only to that port's policies and general ones.
    let port0: Vec<usize> = (0..policies.len())
        .filter(|&k| policies[k].param == Param::MeteringCapacity && policies[k].at.is_none_or(|p| p == 0))
        .collect();
    let w = set("port.0.capacity_per_day=8.2");
    assert_eq!(w.len(), usize::from(!port0.is_empty()));
    for (k, q) in policies.iter().enumerate().filter(|(_, q)| q.param == Param::MeteringCapacity) {
        assert_eq!(w.concat().contains(&format!("policy.{k} (")), port0.contains(&k), "{}", q.name);
    }
    // Recheck, session 15: a policy the same command sets is not named as winning over it.
    let both = [
        Override::parse("port.0.capacity_per_day=8.2").unwrap(),
        Override::parse(&format!("policy.{}.value=8.2", port0[0])).unwrap(),
    ];
    let w = shadowed(&builtin_with_overrides(&b, &both).unwrap(), &both);
    assert!(!w.concat().contains(&format!("policy.{} (", port0[0])), "{w:?}");
    assert_eq!(w.is_empty(), port0.len() == 1, "the others still win: {w:?}");
}

/// Policy researcher's review of session 32: `--set port.0.metering=false` named the general "Metering
/// at every port" policy as winning at San Ysidro, whose own policy is in force every day, and the
/// advice to set it too switched metering off at all nine ports. Only policies in force at the port
/// on some day are named: here, those a scan of every day finds.
#[test]
fn a_ports_set_names_only_the_policies_in_force_at_the_port() {
    use crate::policy::Param;
    let b = crate::worlds::CARAVAN_2018;
    let o = [Override::parse("port.0.metering=false").unwrap()];
    let s = builtin_with_overrides(&b, &o).unwrap();
    let params = &s.institutions.as_ref().unwrap().params;
    let in_force: std::collections::BTreeSet<usize> =
        (0..s.period.days).filter_map(|d| params.policy_in_force(Param::MeteringActive, Some(0), d)).collect();
    let general: Vec<usize> = (0..params.policies.len())
        .filter(|&k| params.policies[k].param == Param::MeteringActive && params.policies[k].at.is_none())
        .collect();
    assert!(!general.is_empty() && general.iter().all(|k| !in_force.contains(k)), "{general:?} {in_force:?}");
    let w = shadowed(&s, &o).concat();
    for k in 0..params.policies.len() {
        let named = w.contains(&format!("policy.{k} ("));
        let winning = in_force.contains(&k) && params.policies[k].value >= 0.5;
        assert_eq!(named, winning, "policy.{k} ({}): {w}", params.policies[k].name);
    }
}

/// Policy researcher's review of session 24: `--set institutions.enforcement.apprehension_scale=2`
/// suggested `--set policy.31.value=2`, which turns the June 2019 surge's 7 into 2 for anyone
/// doubling the scale. A number's policies are named with their values, and no value is made up.
#[test]
fn a_numbers_winning_policies_are_shown_with_their_values_and_none_made_up() {
    use crate::policy::Param;
    let b = crate::worlds::CARAVAN_2018;
    let o = [Override::parse("institutions.enforcement.apprehension_scale=2").unwrap()];
    let s = builtin_with_overrides(&b, &o).unwrap();
    let w = shadowed(&s, &o);
    let policies = &s.institutions.as_ref().unwrap().params.policies;
    let surge: Vec<usize> = (0..policies.len()).filter(|&k| policies[k].param == Param::ApprehensionScale).collect();
    assert!(!surge.is_empty(), "caravan-2018 dates an enforcement surge");
    assert_eq!(w.len(), 1, "{w:?}");
    for k in surge {
        let value = policies[k].value;
        assert!(w[0].contains(&format!(": {value})")), "policy.{k}'s value {value}: {}", w[0]);
        assert!(w[0].contains(&format!("--set policy.{k}.value=N")), "{}", w[0]);
        assert!(!w[0].contains(&format!("--set policy.{k}.value=2")), "the user's 2 copied: {}", w[0]);
    }
    // Code review of session 24: every port of its own is set, each to N for a number.
    let o = [Override::parse("institutions.metering.capacity_per_day=10").unwrap()];
    let w = shadowed(&builtin_with_overrides(&b, &o).unwrap(), &o);
    let ports: Vec<u32> = b
        .scenario()
        .unwrap()
        .institutions
        .unwrap()
        .params
        .ports_with_own(Param::MeteringCapacity)
        .filter(|&(_, v)| v != 10.0)
        .map(|(k, _)| k)
        .collect();
    assert!(ports.len() > 1, "{ports:?}");
    for k in ports {
        assert!(w.concat().contains(&format!("--set port.{k}.capacity_per_day=N")), "port.{k}: {w:?}");
    }
    assert!(!w.concat().contains("port.0.capacity_per_day=10"), "the user's 10 copied: {w:?}");
    // One port of its own is one port.
    let o = [Override::parse("institutions.metering.active=false").unwrap()];
    let w = shadowed(&builtin_with_overrides(&b, &o).unwrap(), &o);
    assert!(w.concat().contains("the port San Ysidro (true) sets its own ([[port]] `metering`)"), "{w:?}");
}

#[test]
fn splices_replace_only_the_value() {
    let text = "a = 1 # one\n[[c]]\nx = [1,\n 2]\np = [{ u = 2018-01-01 }, { u = 2018-02-01 }]\n[[c]]\nx = 3\n";
    let splice = |o: &str| splice(text, &Override::parse(o).unwrap());
    assert_eq!(splice("a=2").unwrap(), text.replacen("a = 1", "a = 2", 1));
    assert_eq!(splice("c.1.x=4").unwrap(), text.replacen("x = 3", "x = 4", 1));
    assert_eq!(splice("c.0.p.1.u=2018-03-01").unwrap(), text.replacen("u = 2018-02-01", "u = 2018-03-01", 1));
    assert_eq!(splice("c.0.x=[5]"), None, "a value over two lines is not spliced");
    assert_eq!(splice("c.0=1"), None, "a table is not spliced");
    assert_eq!(splice("c.2.x=1"), None);
    assert_eq!(splice("b=1"), None);
}

/// `inactive`'s warnings for `sets` on caravan-2018.
fn inactive_on_caravan_2018(sets: &[&str]) -> Vec<String> {
    let o: Vec<Override> = sets.iter().map(|s| Override::parse(s).unwrap()).collect();
    inactive(&builtin_with_overrides(&crate::worlds::CARAVAN_2018, &o).unwrap(), &o, false)
}

/// Review of session 21: `--set institutions.troops.apprehension_boost=0.9` with troops off on every
/// day changed nothing, and compare said only that B's medians equal A's. The set is warned of.
#[test]
fn a_set_that_needs_a_switch_off_every_day_is_warned_of() {
    let warn = inactive_on_caravan_2018;
    let boost = "institutions.troops.apprehension_boost=0.9";
    assert!(warn(&[boost]).is_empty(), "troops are on from Oct 29 2018");
    let w = warn(&["policy[parameter=troops.active].value=false", boost]);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("troops.apprehension_boost acts only while troops.active is on"), "{w:?}");
    let w = warn(&["policy[parameter=mpp.active].value=false", "institutions.courts.grant_mpp_factor=0.1"]);
    assert!(w.concat().contains("courts.grant_mpp_factor acts only while mpp.active is on"), "{w:?}");
    assert!(warn(&["institutions.hazards.scale=2"]).is_empty(), "no switch");
    // Session 22: the switch was guessed from the family's name (`courts.active` is none), so MPP's
    // own docket went unwarned. `Param::gate` lists it.
    let w = warn(&["policy[parameter=mpp.active].value=false", "institutions.courts.mpp_hearing_days=30"]);
    assert!(w.concat().contains("courts.mpp_hearing_days acts only while mpp.active is on"), "{w:?}");
}

/// Session 26: caravan-2018's inflows all decide for themselves whether to cross on arrival, so
/// `crossing.on_arrival` changes nothing there; the set is warned of, and one inflow left to decide
/// on arrival makes it count again.
#[test]
fn a_set_of_crossing_on_arrival_that_no_one_reads_is_warned_of() {
    let warn = inactive_on_caravan_2018;
    let w = warn(&["institutions.crossing.on_arrival=0.9"]);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].starts_with("--set institutions.crossing.on_arrival=0.9 changes nothing: crossing.on_arrival"),
        "{w:?}"
    );
    assert!(warn(&["institutions.crossing.on_arrival_caravan=0.9"]).is_empty(), "caravans read their own");
    // Without the key on one inflow, its people decide on arrival by crossing.on_arrival again.
    let s = builtin_with_overrides(&crate::worlds::CARAVAN_2018, &[]).unwrap();
    let mut one_undecided = s.clone();
    one_undecided.inflows[0].cross_on_arrival = None;
    let o = [Override::parse("institutions.crossing.on_arrival=0.9").unwrap()];
    assert!(inactive(&one_undecided, &o, false).is_empty());
    assert_eq!(inactive(&s, &o, false).len(), 1);
}

/// Every parameter's switch is a switch other than itself, and is not under another switch (whose
/// being off would make the set change nothing however this one is set).
#[test]
fn every_gate_is_a_switch_under_no_other() {
    use crate::policy::{Kind, Param};
    let mut gated = 0;
    for &p in Param::ALL {
        if let Some(g) = p.gate() {
            assert_eq!(g.kind(), Kind::Switch, "{p:?}");
            assert!(g != p && g.gate().is_none(), "{p:?}");
            gated += 1;
        }
    }
    assert!(gated > 30, "{gated}");
}

/// The warning on a `--set` that switches metering off where it was on (moved from the CLI into the
/// library, code review of session 22, and tested there for the first time): it names each port and
/// the first day, and says nothing of a set that leaves metering as it was.
#[test]
fn switching_metering_off_names_the_ports_and_days() {
    let b = crate::worlds::CARAVAN_2018;
    let base = b.scenario().unwrap();
    let with = |sets: &[&str]| {
        let o: Vec<Override> = sets.iter().map(|s| Override::parse(s).unwrap()).collect();
        builtin_with_overrides(&b, &o).unwrap()
    };
    assert_eq!(metering_switched_off(&base, &with(&["institutions.hazards.scale=2"])), None);
    let off = with(&["port.0.metering=false", "policy[parameter=metering.active].value=false"]);
    let w = metering_switched_off(&base, &off).expect("metering off");
    assert!(w.contains("San Ysidro on") && w.contains("lower its capacity_per_day instead"), "{w}");
}

/// Adversarial review of session 22: `--set observed.0.low=1` on a scenario without [[observed]] said
/// "invalid type: map, expected a sequence". It says the list is not in the scenario.
#[test]
fn an_entry_of_a_list_the_file_lacks_is_said_to_name_none() {
    let mut t: toml::Table = toml::from_str("name = \"x\"\n").unwrap();
    let e = apply(&mut t, &Override::parse("observed.0.low=1").unwrap()).unwrap_err().to_string();
    assert!(e.contains("`observed` is not in the scenario") && e.contains("[[observed]]"), "{e}");
    // Inside an entry: the file's header names no entry numbers (review of session 22).
    let mut t: toml::Table = toml::from_str("[[caravan]]\nname = \"c\"\n").unwrap();
    let e = apply(&mut t, &Override::parse("caravan.0.pause.0.days=3").unwrap()).unwrap_err().to_string();
    assert!(e.contains("`caravan.0.pause` is not in the scenario") && e.contains("[[caravan.pause]]"), "{e}");
    assert!(apply(&mut t, &Override::parse("movement.max_move_speed=3").unwrap()).is_ok(), "a table is added");
}

/// Adversarial review of session 22: `--set 'inflow.0.goals."Ciudad Juárez"=0.30'` looked for a place
/// named with the quotes. A part in double quotes, as TOML writes a key with a space, is read without
/// them (a name with a dot in it still cannot be set).
#[test]
fn a_quoted_key_part_names_the_key_without_its_quotes() {
    let b = crate::worlds::CARAVAN_2018;
    let o: Vec<Override> = ["inflow.0.goals.\"Ciudad Juárez\"=0.30", "inflow.0.goals.Reynosa=0.26"]
        .iter()
        .map(|s| Override::parse(s).unwrap())
        .collect();
    let s = builtin_with_overrides(&b, &o).unwrap();
    let juarez = s.places.iter().position(|p| p.name == "Ciudad Juárez").unwrap() as u32;
    let share = s.inflows[0].goals.iter().find(|g| g.0 .0 == juarez).map(|g| g.1);
    assert_eq!(share, Some(0.30));
}

/// Scenario author's review of session 24: `mpp.activ`, `comar.aply_daily` and `at = "Hidalg"` had no
/// hint, and `at = "Reynosa"` (Hidalgo's city) did not say whose city it is.
#[test]
fn misspelt_parameters_and_ports_say_what_was_meant() {
    let b = crate::worlds::CARAVAN_2018;
    let err = |o: &str| {
        let e = builtin_with_overrides(&b, &[Override::parse(o).unwrap()]).unwrap_err();
        // The message and its causes, as the CLI prints them.
        let mut text = e.to_string();
        let mut cause = std::error::Error::source(&e);
        while let Some(c) = cause {
            text = format!("{text}: {c}");
            cause = c.source();
        }
        text
    };
    let e = err("policy.16.parameter=mpp.activ");
    assert!(e.ends_with("unknown policy parameter `mpp.activ` (did you mean `mpp.active`?)"), "{e}");
    let e = err("institutions.comar.aply_daily=0.1");
    assert!(e.contains("unknown institution parameter `comar.aply_daily` (did you mean `comar.apply_daily`?)"), "{e}");
    let e = err("policy.16.at=SanYsidro");
    assert!(e.ends_with("no [[port]] named `SanYsidro` (did you mean `San Ysidro`?)"), "{e}");
    let e = err("policy.16.at=Tijuana");
    assert!(e.ends_with("(`Tijuana` is the city of the port `San Ysidro`: a port is named by its own name)"), "{e}");
}

/// Scenario author's review of session 24: `--set caravan.0.pause.1.days=3` on a pause dated `until`
/// left both, refused as "needs exactly one of"; a pause ends one way, so setting one end replaces the
/// others (and only in a pause: another table keeps its keys).
#[test]
fn setting_one_end_of_a_pause_replaces_the_others() {
    let mut t = table(
        "[[caravan]]\nname = \"K\"\n[[caravan.pause]]\nplace = \"A\"\nuntil = 2018-11-16\n\
         [[caravan.pause]]\nplace = \"B\"\ndays = 2\n[other]\nuntil = 1\n",
    );
    apply(&mut t, &Override::parse("caravan.0.pause.0.days=3").unwrap()).unwrap();
    let pause = &t["caravan"][0]["pause"][0];
    assert_eq!((pause.get("until"), pause["days"].as_integer()), (None, Some(3)));
    assert_eq!(pause["place"].as_str(), Some("A"), "its other keys stay");
    apply(&mut t, &Override::parse("caravan.0.pause.1.daily_leave_chance=0.5").unwrap()).unwrap();
    let pause = &t["caravan"][0]["pause"][1];
    assert_eq!((pause.get("days"), pause["daily_leave_chance"].as_float()), (None, Some(0.5)));
    apply(&mut t, &Override::parse("other.days=3").unwrap()).unwrap();
    assert_eq!(t["other"]["until"].as_integer(), Some(1), "not a pause: nothing replaced");
}

/// Input review of session 32: `--set caravn.0.size=5` advised writing `[[caravn]]` entries, and
/// `caravan.0.spilt.0.size` `[[caravan.spilt]]` ones. A name that is no list there is told as a
/// misspelling, with what was meant; a list the file lacks is still told as such.
#[test]
fn a_misspelt_list_in_a_set_says_what_was_meant() {
    let b = crate::worlds::CARAVAN_2018;
    let e = |o: &str| builtin_with_overrides(&b, &[Override::parse(o).unwrap()]).unwrap_err().to_string();
    let said = e("caravn.0.size=5");
    assert!(said.contains("`caravn` names no list of entries: did you mean `caravan`? (a scenario's lists:"), "{said}");
    let said = e("caravan.0.spilt.0.size=5");
    assert!(said.contains("`caravan.0.spilt` names no list of entries: did you mean `split`?"), "{said}");
    let d = crate::worlds::DEMO;
    let said =
        builtin_with_overrides(&d, &[Override::parse("port.0.capacity_per_day=3").unwrap()]).unwrap_err().to_string();
    assert!(said.contains("`port` is not in the scenario"), "{said}");
}

/// Code review of session 32: at a port whose deciding policy is a general one (Calexico under the
/// "Metering at every port" policy), the advice still said to set that policy, which switches metering
/// off at every port. A general policy is named with the way to change the port alone instead.
#[test]
fn a_general_policy_in_force_at_a_port_is_not_given_as_the_set_to_make() {
    use crate::policy::Param;
    let b = crate::worlds::CARAVAN_2018;
    let o = [Override::parse("port.1.metering=false").unwrap()];
    let s = builtin_with_overrides(&b, &o).unwrap();
    let params = &s.institutions.as_ref().unwrap().params;
    let in_force: std::collections::BTreeSet<usize> =
        (0..s.period.days).filter_map(|d| params.policy_in_force(Param::MeteringActive, Some(1), d)).collect();
    let general: Vec<usize> =
        in_force.into_iter().filter(|&k| params.policies[k].at.is_none() && params.policies[k].value >= 0.5).collect();
    let w = shadowed(&s, &o).concat();
    assert!(!general.is_empty());
    for k in general {
        assert!(w.contains(&format!("policy.{k} (")), "named as winning: {w}");
        assert!(!w.contains(&format!("--set policy.{k}.value")), "given as the set to make: {w}");
    }
    assert!(w.contains("add a [[policy]] of metering.active with `at = \"Calexico\"`"), "{w}");
}

/// Code review of session 32: `--set seed=9223372036854775808` was read as text and refused as "a
/// string", which it is not; a whole number past TOML's integers is told as such.
#[test]
fn a_whole_number_too_large_for_a_set_is_told_as_one() {
    let e = Override::parse("seed=9223372036854775808").unwrap_err().to_string();
    assert!(e.contains("is a whole number larger than --set carries") && e.contains("--seed"), "{e}");
    assert!(Override::parse("seed=9223372036854775807").is_ok());
    assert!(Override::parse("name=abc").is_ok(), "text stays text");
    // Bad-input review of session 32: `1e400` was refused as "a string".
    let e = Override::parse("movement.max_move_speed=1e400").unwrap_err().to_string();
    assert!(e.contains("`1e400` is a number past the largest --set carries"), "{e}");
    assert!(Override::parse("movement.max_move_speed=1e300").is_ok());
    // ... and said in exponent form, not in 301 digits.
    assert_eq!(Override::parse("inflow.0.people_per_day=1e300").unwrap().to_string(), "inflow.0.people_per_day=1e300");
    assert_eq!(Override::parse("movement.max_move_speed=150.5").unwrap().to_string(), "movement.max_move_speed=150.5");
}

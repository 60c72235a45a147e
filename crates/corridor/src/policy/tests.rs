//! Checks of parameters and dated policies: values, names, dates and ports.

use super::*;

/// `first_day_on` reads only the days a policy starts or ends: the same day as a scan of every
/// day, for random switches with random dated policies, at ports and everywhere.
#[test]
fn the_first_day_a_switch_is_on_is_the_first_a_day_by_day_scan_finds() {
    let mut rng = crate::rng::Stream::new(3, crate::rng::Purpose::Movement, 0, 0, 0);
    for case in 0..500 {
        let mut ps = Params::default();
        let p = [Param::MppActive, Param::Proclamation, Param::MeteringActive][case % 3];
        ps.set(p, f64::from(rng.below(2)));
        let port_scoped = p.scope() == Scope::Port;
        if port_scoped && rng.below(2) == 0 {
            ps.set_at_port(1, p, f64::from(rng.below(2)));
        }
        for k in 0..rng.below(5) {
            let from_day = rng.below(60);
            ps.policies.push(Policy {
                name: format!("p{k}"),
                param: p,
                at: if port_scoped { [None, Some(1), Some(2)][rng.below(3) as usize] } else { None },
                from_day,
                to_day: (rng.below(2) == 0).then(|| from_day + 1 + rng.below(30)),
                value: f64::from(rng.below(2)),
                source: String::new(),
            });
        }
        let days = 1 + rng.below(80);
        for port in [None, Some(1), Some(2)] {
            let scan = (0..days).find(|&d| ps.on(p, port, d));
            assert_eq!(ps.first_day_on(p, port, days), scan, "case {case}, {port:?}: {:?}", ps.policies);
        }
    }
}

#[test]
fn names_are_unique_and_defaults_valid() {
    let mut names: Vec<_> = Param::ALL.iter().map(|p| p.name()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), Param::COUNT);
    for p in Param::ALL {
        assert!(p.check(p.default_value()).is_ok(), "{}", p.name());
        assert_eq!(Param::parse(p.name()), Some(*p));
        assert!(!p.source().is_empty());
    }
}

#[test]
fn policies_apply_within_their_dates_and_ports() {
    let mut ps = Params::default();
    ps.set_at_port(1, Param::MeteringCapacity, 40.0);
    ps.policies.push(Policy {
        name: "proclamation".into(),
        param: Param::Proclamation,
        at: None,
        from_day: 10,
        to_day: Some(20),
        value: 1.0,
        source: String::new(),
    });
    ps.policies.push(Policy {
        name: "mpp".into(),
        param: Param::MppActive,
        at: Some(1),
        from_day: 5,
        to_day: None,
        value: 1.0,
        source: String::new(),
    });
    assert!(!ps.on(Param::Proclamation, None, 9));
    assert!(ps.on(Param::Proclamation, None, 10));
    assert!(!ps.on(Param::Proclamation, None, 20));
    assert!(ps.on(Param::MppActive, Some(1), 5));
    assert!(!ps.on(Param::MppActive, Some(0), 50));
    assert_eq!(ps.value(Param::MeteringCapacity, Some(1), 0), 40.0);
    assert_eq!(ps.value(Param::MeteringCapacity, Some(0), 0), 8.2);
}

/// Code review of session 32: 4,294,967,295 processing days wrapped the day number round and deported
/// everyone at once. A number of days is refused past the courts' 100-year horizon.
#[test]
fn a_number_of_days_past_a_hundred_years_is_refused() {
    for p in [Param::ScreeningDays, Param::DetentionDays, Param::CourtMppDays, Param::VisaValidity] {
        assert_eq!(p.kind(), Kind::Days, "{}", p.name());
        assert!(p.check(36_500.0).is_ok() && p.check(0.0).is_ok(), "{}", p.name());
        for v in [36_501.0, 4_294_967_295.0, 1e300, f64::INFINITY, f64::NAN, -1.0] {
            let e = p.check(v).expect_err("refused");
            assert!(e.contains("from 0 to 36500 (100 years)"), "{e}");
        }
    }
}

/// Robustness review of session 34: `shelter.capacity = 1e-300` was refused with its value written in
/// 300 zeros; a value far from 1 is written in exponent form.
#[test]
fn issue_session_34_a_tiny_value_is_said_in_exponent_form() {
    let e = Param::ShelterCapacity.check(1e-300).expect_err("not a whole number");
    assert!(e.contains("`shelter.capacity` = 1e-300 must be"), "{e}");
    let e = Param::MppGiveUpHome.check(2.5).expect_err("not a share");
    assert!(e.contains("= 2.5 is not in [0, 1]"), "{e}");
}

/// Robustness review of session 34: `courts.background_cases_per_day = 1e300` ran, and queues.csv
/// showed u64::MAX people waiting. Backlogs and cases a day are counts of people, bounded as places are.
#[test]
fn issue_session_34_a_backlog_or_daily_cases_past_a_billion_are_refused() {
    for p in [Param::CourtBacklog, Param::CourtBackground, Param::ComarBacklog] {
        assert_eq!(p.kind(), Kind::Count, "{}", p.name());
        for v in [0.0, 0.5, 1e9] {
            assert!(p.check(v).is_ok(), "{} = {v}", p.name());
        }
        for v in [1e9 + 1.0, 1e300, f64::INFINITY, f64::NAN, -0.5] {
            let e = p.check(v).expect_err("refused");
            assert!(e.contains("must be a number (of people or cases) from 0 to 1,000,000,000"), "{e}");
        }
    }
}

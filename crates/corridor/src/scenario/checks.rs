//! Value checks shared by the scenario loaders (TOML and FLEE folders): make-up shares, movement
//! settings, the FLEE-order mode's limits, and the names of institution queues.

use super::model::{ConflictChange, Ground, Makeup, Place, PlaceId, PlaceKind, Route, Scenario};
use super::raw::RawMakeup;
use super::MovementSettings;

/// Refuses a network whose routes up to `awareness_level` roads would be too many to list
/// (`network::RouteSize::fits`): every route is kept in memory for the movement rules.
pub fn check_route_count(
    m: &MovementSettings,
    routes: &[Route],
    places: &[Place],
) -> Result<(), (&'static str, String)> {
    use crate::network::{MAX_ROUTE_BYTES, MAX_ROUTE_ROADS, MAX_WALKED};
    let size = crate::network::count_routes(m, routes, places);
    if size.fits() {
        return Ok(());
    }
    let level = m.awareness_level;
    let why = if size.longest > MAX_ROUTE_ROADS {
        format!("a route passes more than {MAX_ROUTE_ROADS} roads (through markers)")
    } else if size.walked > MAX_WALKED {
        format!("the paths through markers are too many to walk to list the routes (past {MAX_WALKED} steps)")
    } else {
        format!(
            "listing the routes (every path of up to {level} roads from each place, markers not counted, which \
             corridor keeps in memory) would take more than {} MB",
            MAX_ROUTE_BYTES / 1_000_000
        )
    };
    Err(("awareness_level", format!("awareness_level {level} on this road network: {why}: lower awareness_level, or join fewer places to each other")))
}

/// Whether a table of a parsed scenario.toml, or one within it, has a `source` of blanks only.
pub fn has_empty_source(table: &toml::Table) -> bool {
    fn empty(v: &toml::Value) -> bool {
        match v {
            toml::Value::Table(t) => has_empty_source(t),
            toml::Value::Array(a) => a.iter().any(empty),
            _ => false,
        }
    }
    table.get("source").and_then(toml::Value::as_str).is_some_and(|s| s.trim().is_empty()) || table.values().any(empty)
}

/// The offset of the first `source = ""` (or a source of blanks only) in a scenario.toml's `text`,
/// if it has one: each entry's `source` must say where its figures come from.
pub fn empty_source(text: &str) -> Option<usize> {
    let mut offset = 0;
    // Inside a multi-line string (`"""` or `\'\'\'` opened and not yet closed), a line is text, no key
    // (final review 2 of session 33: the error pointed at such a line).
    let mut inside: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let was_inside = inside.is_some();
        for quotes in ["\"\"\"", "\'\'\'"] {
            if inside.is_none_or(|q| q == quotes) && line.matches(quotes).count() % 2 == 1 {
                inside = if inside.is_some() { None } else { Some(quotes) };
            }
        }
        if was_inside {
            continue;
        }
        let Some(value) = line.trim_start().strip_prefix("source").map(str::trim_start) else { continue };
        let Some(value) = value.strip_prefix('=').map(|v| v.split('#').next().unwrap_or("").trim()) else { continue };
        let blank = |q: char| {
            value.len() >= 2
                && value.starts_with(q)
                && value.ends_with(q)
                && value[1..value.len() - 1].trim().is_empty()
        };
        if blank('"') || blank('\'') {
            return Some(at + line.len() - line.trim_start().len());
        }
    }
    None
}

/// The name of US detention's queue in queues.csv (the last of `queue_names`).
pub const US_DETENTION_QUEUE: &str = "us_detention";

/// The name of IOM's assisted-return queue in queues.csv.
pub const IOM_QUEUE: &str = "iom_return";

/// The names of a scenario's institution queues, as in queues.csv (the order of `System`'s queues).
pub fn queue_names(inst: &super::institutions::Institutions) -> Vec<String> {
    let mut v: Vec<String> = inst.ports.iter().map(|p| format!("waitlist:{}", p.name)).collect();
    v.extend(["comar", "humanitarian_visa", IOM_QUEUE, "court"].map(String::from));
    v.extend(inst.detention.iter().map(|d| format!("detention:{}", d.name)));
    v.push(US_DETENTION_QUEUE.into());
    v
}

fn share(name: &str, v: Option<f64>, default: f64) -> Result<f64, String> {
    let v = v.unwrap_or(default);
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("`{name}` = {} is not a share in [0, 1]", shown(v)))
    }
}

/// An error about `key` of the make-up table.
fn at(key: &str) -> impl Fn(String) -> (Option<String>, String) + '_ {
    move |m| (Some(key.to_string()), m)
}

/// Checks a make-up table: shares in [0, 1], men + women + children = 1, grounds sum to 1. An error
/// names the key it is about within the table (`men`, `grounds.poverty`), or None for the whole
/// table, so that it is told at that key's line.
pub fn makeup(raw: &RawMakeup) -> Result<Makeup, (Option<String>, String)> {
    let d = Makeup::default();
    let m = Makeup {
        men: share("men", raw.men, d.men).map_err(at("men"))?,
        women: share("women", raw.women, d.women).map_err(at("women"))?,
        children: share("children", raw.children, d.children).map_err(at("children"))?,
        unaccompanied_minors: share("unaccompanied_minors", raw.unaccompanied_minors, 0.0)
            .map_err(at("unaccompanied_minors"))?,
        in_families: share("in_families", raw.in_families, 0.0).map_err(at("in_families"))?,
        vulnerable: share("vulnerable", raw.vulnerable, 0.0).map_err(at("vulnerable"))?,
        grounds: match &raw.grounds {
            None => d.grounds,
            Some(map) => {
                let mut g = [0.0; 7];
                for (k, v) in map {
                    let key = format!("grounds.{k}");
                    let ground = Ground::ALL.iter().find(|x| x.name() == k).ok_or_else(|| {
                        let names: Vec<_> = Ground::ALL.iter().map(|x| x.name()).collect();
                        at(&key)(format!("unknown ground `{k}`; expected one of: {}", names.join(", ")))
                    })?;
                    g[*ground as usize] = share(k, Some(*v), 0.0).map_err(at(&key))?;
                }
                let total: f64 = g.iter().sum();
                if (total - 1.0).abs() > 1e-3 {
                    return Err(at("grounds")(format!("grounds add up to {}, expected 1", rounded(total))));
                }
                g
            }
        },
    };
    let sum = m.men + m.women + m.children;
    if (sum - 1.0).abs() > 1e-3 {
        return Err((None, format!("men + women + children = {}, expected 1", rounded(sum))));
    }
    if m.unaccompanied_minors > m.children + 1e-9 {
        return Err(at("unaccompanied_minors")("unaccompanied_minors is larger than children".into()));
    }
    Ok(m)
}

/// FLEE-order capacity counts move agents one by one as FLEE does: groups (caravans, families) and
/// the institutions, which have no FLEE counterpart, are not supported in that mode.
pub fn check_flee_order(s: &Scenario) -> std::result::Result<(), String> {
    if s.movement.capacity_counts != super::CapacityCounts::FleeOrder {
        return Ok(());
    }
    let families = s.inflows.iter().any(|f| f.family_size > 1 && f.makeup.in_families > 0.0);
    let what = if s.institutions.is_some() {
        "institutions"
    } else if !s.caravans.is_empty() {
        "caravans"
    } else if families {
        "families (an inflow with family_size > 1 and in_families > 0)"
    } else {
        return Ok(());
    };
    Err(format!(
        "`capacity_counts = \"flee_order\"` runs FLEE's agent-by-agent order, which has no {what}; use \"snapshot\" (the default) or remove them"
    ))
}

/// Checks movement settings for values the rules cannot use; on failure, the key and what is wrong.
pub fn check_movement(m: &MovementSettings) -> Result<(), (&'static str, String)> {
    let positive = [("max_move_speed", m.max_move_speed), ("max_walk_speed", m.max_walk_speed)];
    for (k, v) in positive {
        if !v.is_finite() || v <= 0.0 {
            return Err((k, format!("`{k}` = {} must be a finite number > 0", shown(v))));
        }
    }
    let chances = [
        ("conflict_movechance", m.conflict_movechance),
        ("camp_movechance", m.camp_movechance),
        ("idpcamp_movechance", m.idpcamp_movechance),
        ("default_movechance", m.default_movechance),
        ("origin_movechance", m.origin_movechance),
        ("border_city_movechance", m.border_city_movechance),
        ("capacity_buffer", m.capacity_buffer),
    ];
    for (k, v) in chances {
        if !(0.0..=1.0).contains(&v) {
            return Err((k, format!("`{k}` = {} is not in [0, 1]", shown(v))));
        }
    }
    let non_negative = [
        ("foreign_weight", m.foreign_weight),
        ("camp_weight", m.camp_weight),
        ("conflict_weight", m.conflict_weight),
        ("capacity_scaling", m.capacity_scaling),
        ("softening", m.softening),
        ("weight_softening", m.weight_softening),
        ("movechance_pop_base", m.movechance_pop_base),
    ];
    for (k, v) in non_negative {
        if !v.is_finite() || v < 0.0 {
            return Err((k, format!("`{k}` = {} must be a finite number >= 0", shown(v))));
        }
    }
    // Powers and thresholds of the weights: any number, but a number (NaN or infinity would make
    // every weight NaN or 0 without a word).
    let finite = [
        ("weight_power", m.weight_power),
        ("distance_power", m.distance_power),
        ("pruning_threshold", m.pruning_threshold),
        ("movechance_pop_scale_factor", m.movechance_pop_scale_factor),
    ];
    for (k, v) in finite {
        if !v.is_finite() {
            return Err((k, format!("`{k}` = {} must be a finite number", shown(v))));
        }
    }
    if m.movechance_pop_scale_factor != 0.0 && m.movechance_pop_base <= 0.0 {
        return Err((
            "movechance_pop_base",
            format!(
                "`movechance_pop_base` = {} must be > 0 with `movechance_pop_scale_factor` = {} (a place's move \
                 chance is scaled by (population / base) to that power; FLEE divides by it too)",
                m.movechance_pop_base, m.movechance_pop_scale_factor
            ),
        ));
    }
    if m.awareness_level > 4 {
        return Err((
            "awareness_level",
            format!("`awareness_level` = {} is above 4, the most supported", m.awareness_level),
        ));
    }
    Ok(())
}

/// Refuses settings that make a route weight overflow or divide by 0, which FLEE's Python stops on
/// (`OverflowError`, `ZeroDivisionError` in `moving.calculateLinkWeight`): here the weight would be
/// infinite, or 0 through an infinite distance term, and the routes chosen evenly (bad-input hunt of
/// session 30: `distance_power = 400` ran without a word). Each road's distance term is tried, and
/// its weight toward each end at every score that end can have: `camp_weight` at a camp,
/// `conflict_weight` (at full intensity) where a conflict can be (a conflict zone, or a place in
/// `conflicts`), `foreign_weight` or not. A weight that underflows to 0 is FLEE's too, and kept;
/// so is a score already infinite (`1e200 × 1e200` is no error in Python), and a full camp's
/// capacity factor of 0, which only a run meets.
pub fn check_weight_powers(
    m: &MovementSettings,
    routes: &[Route],
    places: &[Place],
    conflicts: &[ConflictChange],
) -> Result<(), (&'static str, String)> {
    // The scores an end can have: with or without a conflict where one can be, foreign or not (a
    // factor that cannot apply is 1, trying a score twice).
    let scores = |end: PlaceId| {
        let kind = places.get(end.index()).map(|p| p.kind);
        let base = if kind.is_some_and(|k| k.is_camp()) { m.camp_weight } else { 1.0 };
        let conflict = kind == Some(PlaceKind::ConflictZone) || conflicts.iter().any(|c| c.place == end);
        let at_war = if conflict { m.conflict_weight } else { 1.0 };
        [base, base * at_war, base * m.foreign_weight, base * at_war * m.foreign_weight]
    };
    for r in routes {
        // Named only in an error (a check of every road on every load).
        let road = || format!("the road {} ({} km)", r.names(places), r.distance_km);
        let softened = m.softening + r.distance_km;
        if softened == 0.0 {
            let at = format!("{} has a distance term of 0, and so an infinite weight", road());
            return Err(("softening", format!("`softening` = 0: {at}: FLEE stops with ZeroDivisionError")));
        }
        let distance = softened.powf(m.distance_power);
        if !distance.is_finite() || distance == 0.0 {
            let what = if distance == 0.0 {
                "0, and its weight infinite: FLEE stops with ZeroDivisionError"
            } else {
                "overflow: FLEE stops with OverflowError"
            };
            let d = shown(m.distance_power);
            return Err((
                "distance_power",
                format!("`distance_power` = {d} makes the distance term of {} {what}", road()),
            ));
        }
        for score in [r.a, r.b].into_iter().flat_map(scores) {
            let base = (m.weight_softening + score) / distance;
            let w = || shown(m.weight_power);
            if base == 0.0 && m.weight_power < 0.0 {
                let what = format!("a weight of 0 on {} to a power below 0", road());
                return Err((
                    "weight_power",
                    format!("`weight_power` = {} raises {what}: FLEE stops with ZeroDivisionError", w()),
                ));
            }
            if base.is_finite() && base > 0.0 && base.powf(m.weight_power).is_infinite() {
                return Err(("weight_power", format!("`weight_power` = {} makes the weight of {} overflow (weight {base:.3e} before the power): FLEE stops with OverflowError", w(), road())));
            }
        }
    }
    Ok(())
}

/// A setting's value as an error shows it: in exponent form when plain digits would run long
/// (`1e308`, not 309 digits).
pub(crate) fn shown(v: f64) -> String {
    if v.is_finite() && v != 0.0 && !(1e-6..1e15).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// A sum of shares as written, without the float's noise (0.55 + 0.25 + 0.55 is 1.3499999999999999).
fn rounded(v: f64) -> f64 {
    (v * 1e9).round() / 1e9
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bad-input hunt of session 30: `distance_power = 400` (or 1e308, or `weight_power = ±400`) ran,
    /// every weight infinite or 0 and the routes chosen evenly, where FLEE stops on the overflow.
    #[test]
    fn powers_that_overflow_a_route_weight_are_refused_and_underflow_is_kept() {
        let s = crate::worlds::line_world(&["A", "B", "C"], 100.0, 1);
        let check = |m: MovementSettings| check_weight_powers(&m, &s.routes, &s.places, &[]);
        let with = |distance_power: f64, weight_power: f64| MovementSettings {
            distance_power,
            weight_power,
            camp_weight: 5.0,
            ..MovementSettings::default()
        };
        assert_eq!(check(with(1.0, 1.0)), Ok(()));
        assert_eq!(check(with(2.0, 3.0)), Ok(()));
        let (key, said) = check(with(400.0, 1.0)).unwrap_err();
        assert_eq!(key, "distance_power");
        assert_eq!(said, "`distance_power` = 400 makes the distance term of the road A–B (100 km) overflow: FLEE stops with OverflowError");
        let (key, said) = check(with(1e308, 1.0)).unwrap_err();
        assert!(key == "distance_power" && said.starts_with("`distance_power` = 1e308 makes"), "{said}");
        let (key, said) = check(with(-400.0, 1.0)).unwrap_err();
        assert!(
            key == "distance_power" && said.ends_with("0, and its weight infinite: FLEE stops with ZeroDivisionError"),
            "{said}"
        );
        // Weights below 1 (a score of 1 to 5 over 100 km) raised to -400 overflow...
        let (key, said) = check(with(1.0, -400.0)).unwrap_err();
        let overflow = "A–B (100 km) overflow (weight 9.091e-3 before the power): FLEE stops with OverflowError";
        assert!(key == "weight_power" && said.ends_with(overflow), "{said}");
        // ... and to 400 they underflow to 0, as in FLEE, whose routes are then chosen evenly too.
        assert_eq!(check(with(1.0, 400.0)), Ok(()));
        // Code review of session 30: a score of 0 to a power below 0 is FLEE's ZeroDivisionError, but
        // only where the score can be: no conflict zone here, so no conflict weight.
        let zero_conflict =
            |w| MovementSettings { conflict_weight: 0.0, weight_power: w, ..MovementSettings::default() };
        assert_eq!(check(zero_conflict(-1.0)), Ok(()), "no conflict can be in this world");
        let zone = [ConflictChange { day: 0, place: PlaceId(1), intensity: 1.0 }];
        let (key, said) = check_weight_powers(&zero_conflict(-1.0), &s.routes, &s.places, &zone).unwrap_err();
        assert!(
            key == "weight_power" && said.ends_with("to a power below 0: FLEE stops with ZeroDivisionError"),
            "{said}"
        );
        // A 0 km road (FLEE folders may have one) with no softening: the softening is blamed.
        let mut zero = s.clone();
        zero.routes[0].distance_km = 0.0;
        let soft = MovementSettings { softening: 0.0, ..MovementSettings::default() };
        let (key, _) = check_weight_powers(&soft, &zero.routes, &zero.places, &[]).unwrap_err();
        assert_eq!(key, "softening");
    }

    #[test]
    fn long_numbers_are_shown_in_exponent_form() {
        assert_eq!(shown(1e308), "1e308");
        assert_eq!(shown(-1e-9), "-1e-9");
        assert_eq!(shown(0.25), "0.25");
        assert_eq!(shown(0.0), "0");
        assert_eq!(shown(f64::INFINITY), "inf");
        let m = MovementSettings { weight_softening: -1e308, ..MovementSettings::default() };
        assert_eq!(check_movement(&m).unwrap_err().1, "`weight_softening` = -1e308 must be a finite number >= 0");
    }
}

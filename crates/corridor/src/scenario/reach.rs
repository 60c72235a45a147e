//! Checks that a scenario's caravans and inflows can get where they are sent: every goal and
//! itinerary place is reachable by road and every pause, split and join lies on the caravan's road, in
//! order (errors); and which dated pauses and splits come before the caravan can be there (warnings).

use super::model::{Caravan, PauseEnd, PlaceId, Scenario};
use crate::network::{Network, PathsTo};
use crate::population::NONE;
use std::collections::HashMap;

/// What cannot be reached, for the loader to turn into an error at the entry's field.
#[derive(Clone, Debug, PartialEq)]
pub enum Unreachable {
    /// Inflow `inflow`'s goal `goal` (a share above 0): no road leads there from the inflow's origin.
    InflowGoal { inflow: usize, goal: PlaceId },
    /// Caravan `caravan`'s itinerary place or goal `target` (`field`): no road from `from`.
    CaravanTarget { caravan: usize, field: &'static str, target: PlaceId, from: PlaceId },
    /// Caravan `caravan`'s first target (itinerary place, or goal: `field`) is its origin: the caravan
    /// would disband there at once.
    TargetAtOrigin { caravan: usize, field: &'static str },
    /// Caravan `caravan`'s pause `pause` is never taken: the caravan's road (its `stops`, the places it
    /// arrives at, in order, up to its destination; empty with neither itinerary nor goal) does not
    /// reach the pause's place after the pauses before it. A pause is taken on arriving at its place,
    /// so never at the origin or at the destination, where the caravan disbands.
    Pause { caravan: usize, pause: usize, stops: Vec<PlaceId> },
    /// Caravan `caravan`'s pause `pause` is dated (`until`) no later than `earliest`, the first day the
    /// caravan can arrive there (at its speed on open roads, after its earlier pauses' shortest stays):
    /// the pause would last one day, as if undated.
    PauseTooEarly { caravan: usize, pause: usize, earliest: u32 },
    /// Caravan `caravan`'s split `split` is never taken, as a pause would not be (`Pause`): splits are
    /// taken on arriving at their places, in the order they are listed (apart from the pauses').
    Split { caravan: usize, split: usize, stops: Vec<PlaceId> },
    /// Caravan `caravan`'s join `join` is never taken: joins are taken as the caravan sets out from a
    /// pause at their places (`Pause`'s road), in the order they are listed (apart from the splits').
    Join { caravan: usize, join: usize, stops: Vec<PlaceId> },
    /// Caravan `caravan`'s split `split` cannot reach its goal `goal` from the place it splits off at.
    SplitGoal { caravan: usize, split: usize, goal: PlaceId, from: PlaceId },
    /// Caravan `caravan`'s split `split` leaves (`until`) no later than `earliest`, the first day the
    /// caravan can be at its place: it leaves the day after it splits off, as if undated (a warning).
    SplitTooEarly { caravan: usize, split: usize, earliest: u32 },
}

/// The first thing in `s` that cannot be reached, if any (an error: the scenario would not run as
/// written). Roads are taken as open: closures delay a caravan on its road but do not change it (the
/// engine follows the shortest road to each target, over all roads, as here:
/// `engine::groups::step_caravan`).
pub fn first_unreachable(s: &Scenario) -> Option<Unreachable> {
    let goals = s.inflows.iter().any(|f| !f.goals.is_empty());
    if s.caravans.is_empty() && !goals {
        return None;
    }
    let mut roads = Roads::new(s);
    for (inflow, f) in s.inflows.iter().enumerate() {
        for &(goal, share) in &f.goals {
            if share > 0.0 && roads.to(goal).km[f.origin.0 as usize].is_infinite() {
                return Some(Unreachable::InflowGoal { inflow, goal });
            }
        }
    }
    s.caravans.iter().enumerate().find_map(|(k, c)| walk(&mut roads, k, c, s.period.days).0)
}

/// The dated pauses the caravans cannot reach before their date (`Unreachable::PauseTooEarly`): each
/// then lasts one day. A warning, not an error: moving one date of a caravan (a later vote) leaves the
/// pauses after it dated for the old schedule, and passing them with a day's stop is a fair reading.
/// Empty when something cannot be reached at all (`first_unreachable` says what).
pub fn pauses_too_early(s: &Scenario) -> Vec<Unreachable> {
    let dated = |c: &Caravan| {
        c.pauses.iter().any(|p| matches!(p.end, PauseEnd::OnDay(_))) || c.splits.iter().any(|x| x.until.is_some())
    };
    if !s.caravans.iter().any(dated) {
        return Vec::new();
    }
    let mut roads = Roads::new(s);
    s.caravans.iter().enumerate().flat_map(|(k, c)| walk(&mut roads, k, c, s.period.days).1).collect()
}

/// A scenario's roads and the shortest paths to each place a caravan or inflow is sent to: one search
/// per place, however many entries name it (as the engine's `Network::paths_to_all`), made when first
/// asked for.
struct Roads {
    net: Network,
    paths: HashMap<u32, PathsTo>,
}

impl Roads {
    fn new(s: &Scenario) -> Roads {
        Roads { net: Network::new(s), paths: HashMap::new() }
    }

    /// Shortest road distances to `target` over all roads, and the next place on the way.
    fn to(&mut self, target: PlaceId) -> &PathsTo {
        let net = &self.net;
        self.paths.entry(target.0).or_insert_with(|| net.paths_to(target.0))
    }
}

/// The last day of a pause that began on `arrived` at the earliest (a daily chance: a day).
fn earliest_leave(end: &PauseEnd, arrived: u64) -> u64 {
    match *end {
        PauseEnd::OnDay(d) => u64::from(d).max(arrived.saturating_add(1)),
        PauseEnd::Days(n) => arrived.saturating_add(u64::from(n.max(1))),
        PauseEnd::DailyChance(_) => arrived.saturating_add(1),
    }
}

/// Caravan `caravan`'s road as `step_caravan` takes it: what makes it impossible, if anything, and
/// the pauses dated before the caravan can be there (within the period's `days`: a caravan too slow
/// to get further in the run is not timed beyond it).
fn walk(roads: &mut Roads, caravan: usize, c: &Caravan, days: u32) -> (Option<Unreachable>, Vec<Unreachable>) {
    let field = |k: usize| if k < c.itinerary.len() { "itinerary" } else { "goal" };
    let targets = c.targets();
    let mut early = Vec::new();
    if targets.first() == Some(&c.origin) {
        return (Some(Unreachable::TargetAtOrigin { caravan, field: field(0) }), early);
    }
    let (mut place, mut next_target, mut next_pause, mut next_split, mut next_join) = (c.origin, 0, 0, 0, 0);
    // The splits taken: (split, day the caravan arrives at its place).
    let mut split_days = Vec::new();
    // The caravan's day and the distance it may still cover that day, as `step_caravan` moves it.
    let speed = c.speed_km_per_day;
    let (mut day, mut budget) = (u64::from(c.depart_day), speed);
    let mut stops = Vec::new();
    'walk: while let Some(&target) = targets.get(next_target) {
        let paths = roads.to(target);
        if paths.km[place.0 as usize].is_infinite() {
            let problem = Unreachable::CaravanTarget { caravan, field: field(next_target), target, from: place };
            return (Some(problem), Vec::new());
        }
        while place != target {
            let next = paths.next[place.0 as usize];
            debug_assert_ne!(next, NONE, "a reachable target has a next place");
            let road = paths.km[place.0 as usize] - paths.km[next as usize];
            if budget < road {
                // Whole days on the road (computed, not stepped: a caravan may crawl), then the rest.
                let extra = road - budget;
                let more = (extra / speed).ceil().max(1.0);
                day = day.saturating_add(more.min(u64::MAX as f64) as u64);
                budget = (more * speed - extra).max(0.0);
            } else {
                budget -= road;
            }
            place = PlaceId(next);
            stops.push(place);
            // As `step_caravan` on arrival: targets met, then the destination, then a pause.
            while targets.get(next_target) == Some(&place) {
                next_target += 1;
            }
            if next_target >= targets.len() {
                break 'walk;
            }
            while c.splits.get(next_split).is_some_and(|x| x.place == place) {
                split_days.push((next_split, day));
                next_split += 1;
            }
            if let Some(p) = c.pauses.get(next_pause).filter(|p| p.place == place) {
                // People join as it sets out from a pause at their place.
                while c.joins.get(next_join).is_some_and(|x| x.place == place) {
                    next_join += 1;
                }
                // Beyond the run, a caravan is not timed, but a pause dated before it sets out is wrong
                // wherever it is (bad-input review of session 32: it passed without a word when the
                // caravan could not reach the place in the period).
                let in_run = day < u64::from(days);
                let before_departure = matches!(p.end, PauseEnd::OnDay(until) if until < c.depart_day);
                if (in_run || before_departure) && matches!(p.end, PauseEnd::OnDay(until) if u64::from(until) <= day) {
                    let earliest = day.min(u64::from(days)) as u32;
                    early.push(Unreachable::PauseTooEarly { caravan, pause: next_pause, earliest });
                }
                (day, budget) = (earliest_leave(&p.end, day), speed);
                next_pause += 1;
            }
        }
    }
    if next_pause < c.pauses.len() {
        return (Some(Unreachable::Pause { caravan, pause: next_pause, stops }), Vec::new());
    }
    if next_split < c.splits.len() {
        return (Some(Unreachable::Split { caravan, split: next_split, stops }), Vec::new());
    }
    if next_join < c.joins.len() {
        return (Some(Unreachable::Join { caravan, join: next_join, stops }), Vec::new());
    }
    for (split, arrived) in split_days {
        let x = &c.splits[split];
        if let Some(goal) = x.goal.filter(|&g| roads.to(g).km[x.place.0 as usize].is_infinite()) {
            return (Some(Unreachable::SplitGoal { caravan, split, goal, from: x.place }), Vec::new());
        }
        let in_run = arrived < u64::from(days);
        if in_run && x.until.is_some_and(|until| u64::from(until) <= arrived) {
            early.push(Unreachable::SplitTooEarly { caravan, split, earliest: arrived as u32 });
        }
    }
    (None, early)
}

/// The `[[caravan]]` or `[[inflow]]` entry at fault, by its index in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    Caravan(usize),
    Inflow(usize),
}

/// An `Unreachable` in words, with where it stands: the entry, its field, and for a pause's field the
/// pause's index among the caravan's.
#[derive(Clone, Debug, PartialEq)]
pub struct Described {
    pub entry: Entry,
    pub field: &'static str,
    /// For a field of a `[[caravan.pause]]` or `[[caravan.split]]` (`pause.until`), which one.
    pub nth: Option<usize>,
    pub message: String,
}

impl Described {
    /// The key `--set` would change: `caravan.2.pause.10.until`, `inflow.3.goals`.
    pub fn set_key(&self) -> String {
        let entry = match self.entry {
            Entry::Caravan(k) => format!("caravan.{k}"),
            Entry::Inflow(k) => format!("inflow.{k}"),
        };
        match (self.field.split_once('.'), self.nth) {
            (Some((sub, key)), Some(n)) => format!("{entry}.{sub}.{n}.{key}"),
            _ => format!("{entry}.{}", self.field),
        }
    }
}

impl Unreachable {
    /// What cannot be reached, in words, and where it stands in the file.
    pub fn describe(&self, s: &Scenario) -> Described {
        let name = |p: PlaceId| s.place(p).name.as_str();
        let who = |k: usize| format!("caravan `{}`", s.caravans[k].name);
        match *self {
            Unreachable::InflowGoal { inflow, goal } => {
                let f = &s.inflows[inflow];
                let msg = format!(
                    "inflow `{}`: no road in the routes table leads from its origin `{}` to its goal `{}`",
                    f.name,
                    name(f.origin),
                    name(goal)
                );
                Described { entry: Entry::Inflow(inflow), field: "goals", nth: None, message: msg }
            }
            Unreachable::CaravanTarget { caravan, field, target, from } => {
                let msg = format!(
                    "{}: no road in the routes table leads from `{}` to `{}`",
                    who(caravan),
                    name(from),
                    name(target)
                );
                Described { entry: Entry::Caravan(caravan), field, nth: None, message: msg }
            }
            Unreachable::TargetAtOrigin { caravan, field } => {
                let origin = name(s.caravans[caravan].origin);
                let msg = if field == "goal" {
                    format!(
                        "{}: the goal is the origin `{origin}`: the caravan would disband as it sets out",
                        who(caravan)
                    )
                } else {
                    format!(
                        "{}: the itinerary starts at the origin `{origin}`: list only the places after it",
                        who(caravan)
                    )
                };
                Described { entry: Entry::Caravan(caravan), field, nth: None, message: msg }
            }
            Unreachable::Pause { caravan, pause, ref stops } => {
                let c = &s.caravans[caravan];
                let place = name(c.pauses[pause].place);
                let msg = if stops.is_empty() {
                    format!(
                        "{}: the pause at `{place}` is never taken: with neither itinerary nor goal, the caravan \
                         disbands at its origin",
                        who(caravan)
                    )
                } else {
                    let road: Vec<&str> = stops.iter().map(|&p| name(p)).collect();
                    let here = c.pauses[pause].place;
                    // Off the road, where the caravan disbands, or listed after a pause further on.
                    let why = if !stops.contains(&here) {
                        format!("`{place}` is not on the caravan's road")
                    } else if stops.last() == Some(&here) {
                        format!("`{place}` is where the caravan disbands")
                    } else {
                        let before = pause.checked_sub(1).map(|b| name(c.pauses[b].place)).unwrap_or("");
                        format!("it is listed after the pause at `{before}`, which the road reaches later")
                    };
                    format!(
                        "{}: the pause at `{place}` is never taken: {why}. The caravan's road (the shortest through \
                         its itinerary) arrives at {}, where it disbands; a pause is taken on arriving at its place, \
                         in the order the pauses are listed",
                        who(caravan),
                        road.join(", ")
                    )
                };
                Described { entry: Entry::Caravan(caravan), field: "pause.place", nth: Some(pause), message: msg }
            }
            Unreachable::PauseTooEarly { caravan, pause, earliest } => {
                let c = &s.caravans[caravan];
                let until = match c.pauses[pause].end {
                    PauseEnd::OnDay(d) => s.period.date(d).to_string(),
                    _ => String::new(),
                };
                let msg = format!(
                    "{}: the pause at `{}` lasts until {until}, but the caravan cannot be there before {} (leaving \
                     {} at {} km a day on open roads, after its earlier pauses), so it stops there one day. If a \
                     date moved, move this pause's `until` with it, or give `days`",
                    who(caravan),
                    name(c.pauses[pause].place),
                    s.period.date(earliest),
                    s.period.date(c.depart_day),
                    c.speed_km_per_day
                );
                Described { entry: Entry::Caravan(caravan), field: "pause.until", nth: Some(pause), message: msg }
            }
            Unreachable::Split { caravan, split, ref stops } => {
                let why =
                    off_the_road(s, &s.caravans[caravan], "split", s.caravans[caravan].splits[split].place, stops);
                let msg = format!(
                    "{}: the split at `{}` is never taken: {why}. A split is taken on arriving at its place, in \
                     the order the splits are listed",
                    who(caravan),
                    name(s.caravans[caravan].splits[split].place)
                );
                Described { entry: Entry::Caravan(caravan), field: "split.place", nth: Some(split), message: msg }
            }
            Unreachable::Join { caravan, join, ref stops } => {
                let c = &s.caravans[caravan];
                let here = c.joins[join].place;
                let passed = stops.contains(&here) && stops.last() != Some(&here);
                let why = if passed && !c.pauses.iter().any(|p| p.place == here) {
                    format!("the caravan passes `{}` without a pause", name(here))
                } else {
                    off_the_road(s, c, "join", here, stops)
                };
                let msg = format!(
                    "{}: the join at `{}` is never taken: {why}. People join as the caravan sets out from a pause at \
                     their place (give it a `[[caravan.pause]]` there, `days = 0` for none to speak of), in the order \
                     the joins are listed",
                    who(caravan),
                    name(here)
                );
                Described { entry: Entry::Caravan(caravan), field: "join.place", nth: Some(join), message: msg }
            }
            Unreachable::SplitGoal { caravan, split, goal, from } => {
                let msg = format!(
                    "{}: the split at `{}`: no road in the routes table leads from there to its goal `{}`",
                    who(caravan),
                    name(from),
                    name(goal)
                );
                Described { entry: Entry::Caravan(caravan), field: "split.goal", nth: Some(split), message: msg }
            }
            Unreachable::SplitTooEarly { caravan, split, earliest } => {
                let c = &s.caravans[caravan];
                let x = &c.splits[split];
                let until = x.until.map(|d| s.period.date(d).to_string()).unwrap_or_default();
                let msg = format!(
                    "{}: the split at `{}` leaves on {until}, but the caravan cannot be there before {} (leaving {} \
                     at {} km a day on open roads, after its pauses), so it leaves the day after it splits off. If \
                     a date moved, move this split's `until` with it",
                    who(caravan),
                    name(x.place),
                    s.period.date(earliest),
                    s.period.date(c.depart_day),
                    c.speed_km_per_day
                );
                Described { entry: Entry::Caravan(caravan), field: "split.until", nth: Some(split), message: msg }
            }
        }
    }
}

/// Why a caravan's `what` (a split or a join) at `here` is never taken, its road arriving at `stops`:
/// no road, off it, where it disbands, or listed after one of its kind further on.
fn off_the_road(s: &Scenario, c: &Caravan, what: &str, here: PlaceId, stops: &[PlaceId]) -> String {
    let name = |p: PlaceId| s.place(p).name.as_str();
    let road = || stops.iter().map(|&p| name(p)).collect::<Vec<_>>().join(", ");
    if stops.is_empty() {
        "with neither itinerary nor goal, the caravan disbands at its origin".to_string()
    } else if here == c.origin {
        format!("`{}` is the caravan's origin, which it does not arrive at", name(here))
    } else if !stops.contains(&here) {
        format!("`{}` is not on the caravan's road, which arrives at {}", name(here), road())
    } else if stops.last() == Some(&here) {
        format!("`{}` is where the caravan disbands", name(here))
    } else {
        format!("it is listed after a {what} the road reaches later (the road arrives at {})", road())
    }
}

#[cfg(test)]
mod tests;

//! The planners' table of the report: the people (agents under FLEE's `hasten`) at border cities,
//! shelters and camps, at peak and end, and what a capacity does.

use crate::and_list;
use crate::counted::Counted;
use crate::{capitalised, esc, n, Sums};
use corridor::population::Status;
use corridor::scenario::{PlaceKind, Scenario};
use corridor::validate::{Recording, StatusSet};
use std::fmt::Write as _;

/// A place kind in words (locations.csv writes `conflict_zone`, `idpcamp`, …).
fn kind_name(kind: PlaceKind) -> &'static str {
    match kind {
        PlaceKind::ConflictZone => "conflict zone",
        PlaceKind::Town => "town",
        PlaceKind::Camp => "camp",
        PlaceKind::IdpCamp => "IDP camp",
        PlaceKind::ForwardingHub => "forwarding hub",
        PlaceKind::Marker => "marker",
        PlaceKind::FloodZone => "flood zone",
        PlaceKind::Origin => "origin",
        PlaceKind::BorderCity => "border city",
        PlaceKind::Destination => "destination",
    }
}

/// One row of the planners' table: a place's peak of people present, its first day, the people on
/// the last day, and its capacity (shelter places, or a camp's capacity as the engine uses it).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PlaceLoad {
    pub place: usize,
    pub peak: u64,
    pub peak_day: u32,
    pub end: u64,
    pub shelter: Option<f64>,
    /// The day the place was fullest against its capacity of the day, and that share (people over
    /// capacity): with dated shelter places, not always the peak's day (review of session 23: Tijuana's
    /// 4,680 against Benito Juárez's 3,000 in November 2018 went unseen behind its 2019 peak).
    pub fullest: Option<(u32, f64)>,
}

/// A place's capacity for the planners' table on a day: its shelter places then (`shelter`, from
/// `Scenario::shelter_places_by_day`), or, for a camp given a capacity (FLEE's population column above
/// 0), the capacity the engine uses (`in_use`, from `Scenario::capacities_in_use`: the column less
/// the camp's day-0 agents, as in FLEE), which may be 0 or below when the day-0 agents fill it.
fn planned_capacity(p: &corridor::scenario::Place, shelter: Option<f64>, in_use: f64) -> Option<f64> {
    shelter.or_else(|| p.capacity().filter(|&c| c > 0).map(|_| in_use))
}

/// Whether a listed camp's capacity was lowered by day-0 agents (the table's note says so then).
fn lowered_by_day0(scenario: &Scenario, rows: &[PlaceLoad]) -> bool {
    rows.iter().any(|r| {
        let p = &scenario.places[r.place];
        // A listed place without shelter places on its peak's day has a camp's capacity there
        // (`planned_capacity`).
        scenario.shelter_capacity_on(r.place, r.peak_day).is_none()
            && r.shelter.is_some_and(|c| c != p.population as f64)
    })
}

/// The places a planner watches (`watched_places`: every border city, every camp, every place with
/// shelter places; `validate`'s places.csv lists every place but the origins), most crowded first (by peak, then by place
/// order).
pub(crate) fn place_loads(scenario: &Scenario, sums: &Sums) -> Vec<PlaceLoad> {
    if sums.days == 0 {
        return Vec::new();
    }
    let in_use = scenario.capacities_in_use();
    let mut rows: Vec<PlaceLoad> = corridor::validate::places::watched_places(scenario)
        .into_iter()
        .map(|place| {
            let p = &scenario.places[place];
            let shelter = scenario.shelter_places_by_day(place);
            load_of(place, sums, |d| planned_capacity(p, shelter.get(d).copied().flatten(), in_use[place]))
        })
        .collect();
    rows.sort_by(|a, b| b.peak.cmp(&a.peak).then(a.place.cmp(&b.place)));
    rows
}

/// How many places the table adds below the watched ones (`other_places`).
pub(crate) const OTHER_PLACES: usize = 5;

/// The places a planner does not watch (no border city, camp or place with shelter places) where most
/// people were at once, at most `OTHER_PLACES`, most crowded first, leaving out those people start
/// from (origins, conflict and flood zones) or end at (destinations) and places nobody reached
/// (planner's review of session 24: a new caravan's 10,270 at Tapachula, more than at any border
/// city, were in no table).
pub(crate) fn other_places(scenario: &Scenario, sums: &Sums) -> Vec<PlaceLoad> {
    if sums.days == 0 {
        return Vec::new();
    }
    let watched = corridor::validate::places::watched_places(scenario);
    let starts_or_ends = |k: PlaceKind| {
        matches!(k, PlaceKind::Origin | PlaceKind::Destination | PlaceKind::ConflictZone | PlaceKind::FloodZone)
    };
    let mut rows: Vec<PlaceLoad> = (0..scenario.places.len())
        .filter(|&p| !watched.contains(&p) && !starts_or_ends(scenario.places[p].kind))
        .map(|place| load_of(place, sums, |_| None))
        .filter(|r| r.peak > 0)
        .collect();
    rows.sort_by(|a, b| b.peak.cmp(&a.peak).then(a.place.cmp(&b.place)));
    rows.truncate(OTHER_PLACES);
    rows
}

/// A place's row: its peak (the first day of it), its people on the last day, and against
/// `capacity` of each day, the capacity on the peak's day and the fullest day.
fn load_of(place: usize, sums: &Sums, capacity: impl Fn(usize) -> Option<f64>) -> PlaceLoad {
    let (mut peak, mut peak_day) = (0, 0);
    let mut fullest: Option<(u32, f64)> = None;
    for d in 0..sums.days {
        let people = sums.at(d, place);
        if people > peak {
            (peak, peak_day) = (people, d as u32);
        }
        let Some(c) = capacity(d).filter(|&c| c > 0.0) else { continue };
        let share = people as f64 / c;
        if fullest.is_none_or(|(_, most)| share > most) {
            fullest = Some((d as u32, share));
        }
    }
    PlaceLoad {
        place,
        peak,
        peak_day,
        end: sums.at(sums.days - 1, place),
        shelter: capacity(peak_day as usize),
        fullest,
    }
}

/// What a shelter capacity does with institutions: it limits no one, and only raises IOM's hardship.
pub const SHELTER_RAISES_IOM_HARDSHIP: &str = "People are not turned away when a shelter is full: the shelter \
capacity only raises the hardship that moves people to ask IOM for a return (<code>iom.hardship_weight</code>).";

/// What a shelter capacity does where IOM does not act (no booth, never active, or no institutions):
/// nothing in the run.
pub const SHELTER_CHANGES_NOTHING: &str = "People are not turned away when a shelter is full, and nobody's moves \
depend on it: where IOM's booths do not act (the only thing a shelter capacity moves is the hardship that leads \
people to ask IOM for a return), a shelter capacity changes nothing in the run; it is there to set the peak against.";

/// What a camp's capacity does: FLEE's capacity factor (`corridor::movement::weights::capacity_factor`).
pub const CAMP_CAPACITY_SHAPES_MOVEMENT: &str = "A camp's capacity shapes movement, as in FLEE: movers avoid camps \
near or at capacity. A camp's weight in people's choice of route is multiplied by a factor that is 1 up to \
<code>capacity_buffer</code> times its capacity (scaled by <code>capacity_scaling</code>) and falls to 0 at the \
capacity, and people bound for a camp whose factor is below 0.5 stay where they are (docs/movement.md, \
\u{201c}Capacity factor\u{201d}).";

/// What a camp's capacity in the table is when day-0 agents lowered it (`Scenario::capacities_in_use`).
pub const CAMP_CAPACITY_LESS_DAY0: &str = "A camp's capacity here is the one the engine uses, as FLEE does: the \
population column of <code>locations.csv</code> (divided by <code>hasten</code> in a FLEE folder) less the agents \
placed in the camp on day 0 (<code>insert_day0</code>), so the peak's share is of that lowered capacity.";

/// Whether a dated `shelter.capacity` policy changes the shelter places of a listed place.
fn dated_shelters(scenario: &Scenario, rows: &[PlaceLoad]) -> bool {
    rows.iter().any(|r| scenario.shelter_policies(r.place).next().is_some())
}

/// With dated shelter places, which listed places still have places on the run's last day, named:
/// a shelter known to open but not to close counts to the end (planner's review of session 24:
/// Mexico City's stadium, 5,000 places in November 2018, set against a new caravan in March 2019).
fn standing_to_the_end(scenario: &Scenario, rows: &[PlaceLoad]) -> Option<String> {
    let last = scenario.period.days.checked_sub(1)?;
    let standing: Vec<String> = rows
        .iter()
        .filter_map(|r| {
            let places = scenario.shelter_capacity_on(r.place, last)?;
            Some(format!("{} ({})", esc(&scenario.places[r.place].name), n(places)))
        })
        .collect();
    (!standing.is_empty()).then(|| {
        format!(
            "On the run's last day, {} still count shelter places: a shelter that closed before then counts to the \
             end unless a policy dates its closing, so read a late peak's share against when its shelter was open.",
            and_list(&standing)
        )
    })
}

/// Whether MPP returns anyone in `scenario`: `mpp.active` on at some port on some day (its in absentia
/// orders come from MPP's hearings).
fn has_mpp(scenario: &Scenario) -> bool {
    scenario.institutions.as_ref().is_some_and(|inst| {
        let ports = inst.ports.len() as u32;
        (0..ports).any(|k| inst.params.on_some_day(corridor::policy::Param::MppActive, Some(k), scenario.period.days))
    })
}

/// The planners' section's heading and its text before the table: what it lists and what a capacity
/// does there, from what the scenario has (`rows`, its watched places). A shelter capacity limits no
/// one: with institutions it raises IOM's hardship, without it changes nothing; a camp's capacity
/// (FLEE's population column) steers movers away as the camp fills (FLEE's rule, in FLEE's folders and
/// in corridor's scenarios alike). MPP's in absentia orders are named only where MPP is on.
fn places_intro(scenario: &Scenario, rows: &[PlaceLoad], dated: bool) -> (String, String) {
    let place = |r: &PlaceLoad| &scenario.places[r.place];
    // People, or under FLEE's `hasten` agents, said once with what an agent stands for.
    let counted = Counted::of(scenario);
    let (who, who_capital) = (counted.noun(), counted.noun_capital());
    let border = rows.iter().any(|r| place(r).kind == PlaceKind::BorderCity);
    let camps = rows.iter().any(|r| place(r).kind.is_camp());
    let shelters = rows.iter().any(|r| scenario.has_shelter(r.place));
    let camp_capacities = rows.iter().any(|r| place(r).capacity().is_some_and(|c| c > 0));
    let heading = if camps && !border && !shelters {
        format!("{who_capital} in camps")
    } else {
        let kinds: Vec<&str> = [(border, "border cities"), (camps, "camps"), (shelters, "shelters")]
            .into_iter()
            .filter_map(|(has, name)| has.then_some(name))
            .collect();
        format!("{who_capital} at {}", and_list(&kinds))
    };
    let listed: Vec<&str> = [
        (
            shelters,
            "each place with a shelter capacity (<code>shelter_capacity</code> in <code>locations.csv</code>, or a \
             dated <code>shelter.capacity</code> policy)",
        ),
        (border, "each border city"),
        (camps, "each camp"),
    ]
    .into_iter()
    .filter_map(|(has, name)| has.then_some(name))
    .collect();
    let capacity = match (shelters, camp_capacities) {
        (true, true) => {
            ", and the peak as a share of the capacity (the shelter capacity; for a camp without one, \
                         its capacity, FLEE's population column)"
        }
        (true, false) => ", and the peak as a share of the shelter capacity",
        (false, true) => ", and the peak as a share of the camp's capacity (FLEE's population column)",
        (false, false) => "",
    };
    // The fullest day, where dated shelter places can put it on another day than the peak (review of
    // session 23); with capacities that do not change, it is the peak's.
    let fullest = if dated {
        " and the fullest day: the largest share of the day's capacity, which dated shelter places can put on \
         another day than the peak"
    } else {
        ""
    };
    let mut s = format!(
        "<p>{}: the most {who} present at the end of a day (daily.csv's counts, in {who}{}, of every status \
         but travelling, as {who} on a road leaving the place are not there, and but deported, returned_home and \
         dead_or_missing, whose journeys ended off the route) and the first day it was reached, the {who} there on \
         the last day{capacity}{fullest}, with the three largest statuses at the peak. Most crowded first.</p>",
        capitalised(&and_list(&listed)),
        counted.each_stands_for()
    );
    let mut notes: Vec<String> = Vec::new();
    if shelters {
        notes.push(if dated {
            "A shelter capacity is that of the day: the place's figure in <code>locations.csv</code>, or, on the \
             dates of a <code>shelter.capacity</code> policy at the place (a shelter opened, or its places changed), \
             the policy's; a policy's 0 means none known, as a blank does, not a shelter closed."
                .into()
        } else {
            "A shelter capacity is one figure for the whole run, from the source in <code>locations.csv</code>: a \
             shelter that opened or closed during the run counts on every day, unless a <code>shelter.capacity</code> \
             policy dates the change, so read the peak's date against its source."
                .into()
        });
        if dated {
            notes.extend(standing_to_the_end(scenario, rows));
        }
        let effect =
            if crate::iom_budget::iom_acts(scenario) { SHELTER_RAISES_IOM_HARDSHIP } else { SHELTER_CHANGES_NOTHING };
        notes.push(effect.into());
        let in_absentia = if border && has_mpp(scenario) {
            ", including those ordered removed in absentia at an MPP hearing, who leave the border city with the \
             daily chance <code>mpp.ordered_leave_daily</code>"
        } else {
            ""
        };
        notes.push(format!("Everyone at the place is counted, shelter or not{in_absentia}."));
    }
    if camp_capacities {
        notes.push(CAMP_CAPACITY_SHAPES_MOVEMENT.into());
        if lowered_by_day0(scenario, rows) {
            notes.push(CAMP_CAPACITY_LESS_DAY0.into());
        }
    }
    if !notes.is_empty() {
        let _ = write!(s, "<p>{}</p>", notes.join(" "));
    }
    (heading, s)
}

/// People at the border cities, camps and places with a shelter capacity, as an HTML section (empty
/// when the scenario has none).
pub(crate) fn places_html(scenario: &Scenario, rec: &Recording, sums: &Sums) -> String {
    let rows = place_loads(scenario, sums);
    if rows.is_empty() {
        return String::new();
    }
    let end = scenario.period.date(sums.days.saturating_sub(1) as u32);
    // The fullest day only where dated shelter places can make it another than the peak's.
    let dated = dated_shelters(scenario, &rows);
    let (heading, intro) = places_intro(scenario, &rows, dated);
    let who = Counted::of(scenario).noun();
    let mut s = format!("<h2>{heading}</h2>{intro}");
    let fullest_head = if dated { "<th>fullest</th>" } else { "" };
    let _ = write!(
        s,
        "<table><tr><th>place</th><th>type</th><th>peak {who}</th><th>peak on</th><th>{who} on {end}</th><th>capacity</th><th>peak / capacity</th>{fullest_head}<th>largest statuses at the peak</th></tr>"
    );
    let others = other_places(scenario, sums);
    let columns = if dated { 9 } else { 8 };
    for (k, r) in rows.iter().chain(&others).enumerate() {
        if k == rows.len() {
            let _ = write!(
                s,
                "<tr><td colspan=\"{columns}\" class=\"l\"><i>Other places where most {who} were at once (no \
                 shelter capacity known; at most {OTHER_PLACES}, not origins, conflict or flood zones, or destinations):</i></td></tr>"
            );
        }
        let p = &scenario.places[r.place];
        let (cap, share) = match r.shelter {
            Some(c) if c > 0.0 => (n(c), format!("{:.0}%", 100.0 * r.peak as f64 / c)),
            Some(c) => (n(c), String::new()),
            None => (String::new(), String::new()),
        };
        let fullest = match r.fullest {
            _ if !dated => String::new(),
            Some((day, share)) => format!("<td>{:.0}% on {}</td>", 100.0 * share, scenario.period.date(day)),
            None => "<td></td>".into(),
        };
        let mut at_peak: Vec<(Status, u64)> = Status::ALL
            .iter()
            .filter(|st| StatusSet::ON_ROUTE.contains(**st))
            .map(|&st| (st, rec.count(r.peak_day, r.place, st)))
            .filter(|x| x.1 > 0)
            .collect();
        at_peak.sort_by_key(|x| std::cmp::Reverse(x.1));
        let who: Vec<String> =
            at_peak.iter().take(3).map(|(st, c)| format!("{} {}", st.name(), n(*c as f64))).collect();
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{cap}</td><td>{share}</td>{fullest}<td class=\"l\">{}</td></tr>",
            esc(&p.name),
            kind_name(p.kind),
            n(r.peak as f64),
            scenario.period.date(r.peak_day),
            n(r.end as f64),
            who.join("; ")
        );
    }
    s.push_str("</table>");
    s.push_str(&one_run_note(scenario, rec.info.seed));
    s
}

/// The table is one run's: what another seed can do, and (for a corridor scenario: a FLEE folder's
/// validate writes no places.csv) the command that gives each place's people over 20 seeds, with the
/// scenario named as the command takes it (code review of session 24: `corridor validate` alone
/// validates the built-in scenario).
fn one_run_note(scenario: &Scenario, seed: u64) -> String {
    let split = if scenario.caravans.is_empty() {
        ""
    } else {
        ", and where a random choice splits the runs (which caravan accepts a programme, say), by much"
    };
    let mut note =
        format!("<p>One run (seed {seed}): another seed can put a peak on another day or at another size{split}.");
    if scenario.flee.is_none() {
        let (named, gloss) = if corridor::worlds::builtin(&scenario.name).is_some() {
            (esc(&scenario.name), "")
        } else {
            ("FOLDER".to_string(), " (FOLDER: the scenario's folder)")
        };
        let _ = write!(
            note,
            " For planning, <code>corridor validate {named} --replicates 20</code>{gloss} writes <code>places.csv</code>: \
             every place but the origins, each day, over 20 seeds (the median, the 5–95% range, the two groups the \
             runs fall in when they split, and the day's shelter places)."
        );
    }
    note.push_str("</p>");
    note
}

#[cfg(test)]
mod tests;

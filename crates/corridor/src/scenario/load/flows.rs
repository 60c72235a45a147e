//! The `[[caravan]]` and `[[inflow]]` entries of a `scenario.toml`: each checked and resolved, and the
//! agents they would create checked against what a run holds (part of the loader's `Builder`).

use super::super::error::{Result, ScenarioError};
use super::super::model::*;
use super::super::raw::*;
use super::{makeup, Builder, Resolve};
use crate::engine::spawn::{
    caravan_agents, caravan_agents_with_joiners, inflow_agents, planned_agents, under_half_an_agent,
};
use crate::population::MAX_AGENTS;
use crate::time::Period;
use std::ops::Range;
use toml::Spanned;

impl Builder<'_> {
    pub(super) fn caravan(
        &self,
        c: &RawCaravan,
        span: Range<usize>,
        period: &Period,
        resolve: &Resolve<'_>,
    ) -> Result<Caravan> {
        let e = |field: &str, msg: String| self.err(span.clone(), field, format!("caravan `{}`: {msg}", c.name));
        if c.size <= 0 {
            return Err(e("size", format!("{} must be > 0 people", c.size)));
        }
        if !c.speed_km_per_day.is_finite() || c.speed_km_per_day <= 0.0 {
            return Err(e("speed_km_per_day", format!("{} must be a number > 0", c.speed_km_per_day)));
        }
        if !(0.0..=1.0).contains(&c.straggle_rate) {
            return Err(e("straggle_rate", format!("{} is not in [0, 1]", c.straggle_rate)));
        }
        let origin = resolve(&c.origin, span.clone(), "origin")?;
        let home = c.home.as_deref().map(|h| resolve(h, span.clone(), "home")).transpose()?;
        let itinerary =
            c.itinerary.iter().map(|n| resolve(n, span.clone(), "itinerary")).collect::<Result<Vec<_>>>()?;
        let goal = c.goal.as_deref().map(|g| resolve(g, span.clone(), "goal")).transpose()?;
        let depart_day = self.day(period, &c.depart, span.clone(), "depart")?;
        let mut pauses = Vec::new();
        for (j, p) in c.pauses.iter().enumerate() {
            // Errors at this pause's own lines (the j-th `[[caravan.pause]]`), not the first pause's.
            let at = |field: &str| self.at_key(span.clone(), field, Some(j));
            let place = self.resolve_nth(resolve, span.clone(), "pause.place", j, &p.place)?;
            let end = match (&p.until, p.days, p.daily_leave_chance) {
                (Some(d), None, None) => PauseEnd::OnDay(
                    self.day(period, d, span.clone(), "pause.until").map_err(|e| e.at(at("pause.until")))?,
                ),
                // Past u32's range: a pause no period outlasts, as u32::MAX days are.
                (None, Some(d), None) if d >= 0 => PauseEnd::Days(u32::try_from(d).unwrap_or(u32::MAX)),
                (None, None, Some(q)) if q > 0.0 && q <= 1.0 => PauseEnd::DailyChance(q),
                // One given, out of its range: said so (adversarial review of session 22: the message
                // asked for exactly one of the three).
                (None, Some(d), None) => {
                    let message = format!("pause at `{}`: `days` = {d} must be 0 or more", p.place);
                    return Err(e("pause", message).at(at("pause.days")));
                }
                (None, None, Some(q)) => {
                    let message = format!("pause at `{}`: `daily_leave_chance` = {q} must be in (0, 1]", p.place);
                    return Err(e("pause", message).at(at("pause.daily_leave_chance")));
                }
                _ => {
                    let message = format!("pause at `{}` needs exactly one of `until` (a date), `days` (>= 0) or `daily_leave_chance` (in (0, 1])", p.place);
                    // At this pause (its `place` line), as its other errors are.
                    return Err(e("pause", message).at(at("pause.place").with_field("pause")));
                }
            };
            pauses.push(Pause { place, end });
        }
        let splits = self.splits(c, span.clone(), period, resolve)?;
        let joins = self.joins(c, span.clone(), resolve)?;
        Ok(Caravan {
            name: c.name.clone(),
            depart_day,
            origin,
            home,
            people: c.size as u64,
            itinerary,
            goal,
            pauses,
            speed_km_per_day: c.speed_km_per_day,
            straggle_rate: c.straggle_rate,
            splits,
            joins,
            makeup: makeup(&c.makeup).map_err(|(key, m)| e("makeup", m).at(self.at_makeup(span.clone(), key)))?,
            source: c.source.clone(),
        })
    }

    /// `resolve` for the place `name` given as `field` of a caravan's `j`-th pause, split or join: an
    /// unknown name is told at that entry's own line, not the first one's.
    fn resolve_nth(
        &self,
        resolve: &Resolve<'_>,
        span: Range<usize>,
        field: &str,
        j: usize,
        name: &str,
    ) -> Result<PlaceId> {
        resolve(name, span.clone(), field).map_err(|e| e.at(self.at_value(span, field, Some(j), name)))
    }

    /// A caravan's `[[caravan.split]]` entries, each checked at its own lines: a size above 0 that the
    /// caravan's people and joiners cover with the splits before it, a date within the period, known places and a
    /// speed above 0. Whether its road reaches them is `reach`'s.
    fn splits(&self, c: &RawCaravan, span: Range<usize>, period: &Period, resolve: &Resolve<'_>) -> Result<Vec<Split>> {
        let mut splits = Vec::with_capacity(c.splits.len());
        let mut taken = 0u64;
        // Its people and those who join it (wherever: the engine takes at most the members there).
        let joiners = c.joins.iter().map(|x| x.size.max(0) as u64).fold(0, u64::saturating_add);
        let most = (c.size.max(0) as u64).saturating_add(joiners);
        for (j, raw) in c.splits.iter().enumerate() {
            let at = |field: &str| self.at_key(span.clone(), field, Some(j));
            let e = |field: &str, msg: String| {
                ScenarioError::invalid(at(field), format!("caravan `{}`: split at `{}`: {msg}", c.name, raw.place))
            };
            let place = self.resolve_nth(resolve, span.clone(), "split.place", j, &raw.place)?;
            if raw.size <= 0 {
                return Err(e("split.size", format!("size = {} must be > 0 people", raw.size)));
            }
            taken = taken.saturating_add(raw.size as u64);
            if taken > most {
                let with = if joiners > 0 { format!(" and its {joiners} joiners") } else { String::new() };
                let msg = format!(
                    "the splits up to this one take {taken} people, more than the caravan's {}{with}: a split \
                     takes its people from the caravan",
                    c.size
                );
                return Err(e("split.size", msg));
            }
            let until = match &raw.until {
                Some(d) => Some(self.day(period, d, span.clone(), "split.until").map_err(|e| e.at(at("split.until")))?),
                None => None,
            };
            let goal =
                raw.goal.as_deref().map(|g| self.resolve_nth(resolve, span.clone(), "split.goal", j, g)).transpose()?;
            if let Some(v) = raw.speed_km_per_day.filter(|v| !v.is_finite() || *v <= 0.0) {
                return Err(e("split.speed_km_per_day", format!("{v} must be a number > 0")));
            }
            splits.push(Split {
                place,
                people: raw.size as u64,
                until,
                goal,
                speed_km_per_day: raw.speed_km_per_day,
                source: raw.source.clone(),
            });
        }
        Ok(splits)
    }

    /// A caravan's `[[caravan.join]]` entries, each checked at its own lines: a known place and a size
    /// above 0. Whether its road reaches them is `reach`'s.
    fn joins(&self, c: &RawCaravan, span: Range<usize>, resolve: &Resolve<'_>) -> Result<Vec<Join>> {
        let mut joins = Vec::with_capacity(c.joins.len());
        for (j, raw) in c.joins.iter().enumerate() {
            let place = self.resolve_nth(resolve, span.clone(), "join.place", j, &raw.place)?;
            if raw.size <= 0 {
                let msg =
                    format!("caravan `{}`: join at `{}`: size = {} must be > 0 people", c.name, raw.place, raw.size);
                return Err(ScenarioError::invalid(self.at_key(span.clone(), "join.size", Some(j)), msg));
            }
            joins.push(Join { place, people: raw.size as u64, source: raw.source.clone() });
        }
        Ok(joins)
    }

    /// Refuses a caravan too small for an agent (it would run as one agent, over twice its size), and a
    /// scenario that would create more agents than a run holds (`MAX_AGENTS`), at its largest caravan or
    /// inflow.
    pub(super) fn check_agents(
        &self,
        s: &Scenario,
        caravans: &[Spanned<RawCaravan>],
        inflows: &[Spanned<RawInflow>],
    ) -> Result<()> {
        let ppa = s.people_per_agent;
        for (c, raw) in s.caravans.iter().zip(caravans) {
            let agents = caravan_agents(c, ppa);
            if under_half_an_agent(c.people, ppa) {
                let msg = format!(
                    "caravan `{}`: {} people are fewer than half an agent (people_per_agent = {ppa}): it would run \
                     as {agents} agent of {ppa} people. Lower people_per_agent, or raise the size",
                    c.name, c.people
                );
                return Err(self.err(raw.span(), "size", msg));
            }
            let parts = c.splits.iter().map(|x| ("split", x.place, x.people));
            let parts = parts.enumerate().chain(c.joins.iter().map(|x| ("join", x.place, x.people)).enumerate());
            for (j, (what, place, people)) in parts {
                if under_half_an_agent(people, ppa) {
                    let msg = format!(
                        "caravan `{}`: {what} at `{}`: {people} people are fewer than half an agent (people_per_agent \
                         = {ppa}): it would be one agent of {ppa} people. Lower people_per_agent, or raise the size",
                        c.name,
                        s.place(place).name,
                    );
                    return Err(ScenarioError::invalid(self.at_key(raw.span(), &format!("{what}.size"), Some(j)), msg));
                }
            }
        }
        let planned = planned_agents(s);
        if planned <= MAX_AGENTS {
            return Ok(());
        }
        let sizes =
            s.caravans.iter().zip(caravans).map(|(c, raw)| (caravan_agents_with_joiners(c, ppa), raw.span(), "size"));
        let flows = s.inflows.iter().zip(inflows).map(|(f, raw)| (inflow_agents(f, ppa), raw.span(), "people_per_day"));
        let largest = sizes.chain(flows).max_by_key(|(agents, _, _)| *agents);
        let (agents, span, field) = largest.unwrap_or((planned, 0..0, "people_per_agent"));
        // A count that reached u64's end is past counting (`people_per_day = 1e300`: scenario author's
        // review of session 24 was told of 18446744073709551615 agents).
        let count = |n: u64| if n == u64::MAX { "more than 2^64".to_string() } else { n.to_string() };
        // "(more than 2^64 here)" after "more than 2^64 agents" said nothing (session 25's read-through).
        let here = if agents == u64::MAX {
            "this figure alone more than 2^64".to_string()
        } else if agents == planned {
            "all of them here".to_string()
        } else {
            format!("{agents} here")
        };
        Err(self.err(
            span,
            field,
            format!(
                "the scenario would create {} agents ({here}), more than a run holds ({MAX_AGENTS}): raise \
                 people_per_agent ({ppa}) or lower this figure",
                count(planned),
            ),
        ))
    }

    pub(super) fn inflow(
        &self,
        f: &RawInflow,
        span: Range<usize>,
        period: &Period,
        resolve: &Resolve<'_>,
    ) -> Result<Inflow> {
        let e = |field: &str, msg: String| self.err(span.clone(), field, format!("inflow `{}`: {msg}", f.name));
        // (`inf` was said to "must be >= 0": scenario author's review of session 24.)
        if !f.people_per_day.is_finite() {
            return Err(e(
                "people_per_day",
                format!("{} is not a finite number: it must be people a day, 0 or more", f.people_per_day),
            ));
        }
        if f.people_per_day < 0.0 {
            return Err(e("people_per_day", format!("{} must be >= 0", f.people_per_day)));
        }
        // (Above u32's range it was cut to its low bits: 2^32 became 0, "no families"; review of session 22.)
        let Some(family_size) = u32::try_from(f.family_size).ok().filter(|&n| n >= 1) else {
            return Err(e("family_size", format!("{} must be from 1 to {}", f.family_size, u32::MAX)));
        };
        let from_day = self.day(period, &f.from, span.clone(), "from")?;
        let to_day = self.day(period, &f.to, span.clone(), "to")?;
        if to_day < from_day {
            return Err(e("to", "is before `from`".into()));
        }
        let origin = resolve(&f.origin, span.clone(), "origin")?;
        let mut goals = Vec::new();
        for (name, share) in &f.goals {
            if share.is_nan() || *share < 0.0 {
                return Err(e("goals", format!("share for `{name}` must be >= 0")));
            }
            let goal = resolve(name, span.clone(), "goals")?;
            // Its share would never leave (adversarial review of session 22: taken without a word).
            if goal == origin && *share > 0.0 {
                return Err(e("goals", format!("`{name}` is the inflow's origin: those sent there would never leave")));
            }
            goals.push((goal, *share));
        }
        if !goals.is_empty() {
            let total: f64 = goals.iter().map(|g| g.1).sum();
            if (total - 1.0).abs() > 1e-3 {
                return Err(e("goals", format!("shares add up to {total}, expected 1")));
            }
        }
        Ok(Inflow {
            name: f.name.clone(),
            origin,
            from_day,
            to_day,
            people_per_day: f.people_per_day,
            goals,
            family_size,
            makeup: makeup(&f.makeup).map_err(|(key, m)| e("makeup", m).at(self.at_makeup(span.clone(), key)))?,
            cross_on_arrival: match f.cross_on_arrival {
                Some(share) if !(0.0..=1.0).contains(&share) => {
                    return Err(e("cross_on_arrival", format!("{share} must be a share from 0 to 1")));
                }
                share => share,
            },
            source: f.source.clone(),
        })
    }
}

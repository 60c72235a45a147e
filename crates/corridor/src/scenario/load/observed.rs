//! The `[[observed]]` entries of a `scenario.toml`: each figure's metric, places, statuses, queues,
//! caravans and window, checked against the scenario (part of the loader's `Builder`).

use super::super::error::Result;
use super::super::model::*;
use super::super::raw::*;
use super::{queue_names, Builder, Resolve};
use crate::time::Period;
use std::ops::Range;

impl Builder<'_> {
    pub(super) fn observed(
        &self,
        o: &RawObserved,
        span: Range<usize>,
        period: &Period,
        resolve: &Resolve<'_>,
        caravan_names: &[&str],
    ) -> Result<Observed> {
        let e = |field: &str, msg: String| self.err(span.clone(), field, format!("observed `{}`: {msg}", o.name));
        let Some(metric) = Metric::parse(&o.metric) else {
            let names: Vec<&str> = Metric::DECLARED.iter().map(|m| m.name()).collect();
            return Err(e("metric", format!("unknown metric `{}`; expected one of: {}", o.metric, names.join(", "))));
        };
        let (from_day, to_day) = match (&o.date, &o.from, &o.to) {
            (Some(d), None, None) => {
                let d = self.day(period, d, span.clone(), "date")?;
                (d, d)
            }
            (None, Some(f), Some(t)) => {
                (self.day(period, f, span.clone(), "from")?, self.day(period, t, span.clone(), "to")?)
            }
            _ => return Err(e("date", "give either `date`, or both `from` and `to`".into())),
        };
        if to_day < from_day {
            return Err(e("to", "is before `from`".into()));
        }
        // Every metric is a count of people: a bound below 0, infinite or not a number, can never be met
        // (a range open above leaves `high` out).
        for (field, v) in [("value", o.value), ("low", o.low), ("high", o.high)] {
            if let Some(v) = v.filter(|v| !v.is_finite() || *v < 0.0) {
                return Err(e(field, format!("{v} is not a count of 0 or more")));
            }
        }
        let (low, high) = match (o.value, o.low, o.high) {
            (Some(v), None, None) => (v, v),
            (None, Some(l), Some(h)) if l <= h => (l, h),
            (None, Some(l), None) => (l, f64::INFINITY),
            (None, None, Some(h)) => (f64::NEG_INFINITY, h),
            // Told at the field that is wrong (bad-input hunt of session 30: `low` above `high` was
            // told of `value`, at the entry's first line).
            (None, Some(l), Some(h)) => return Err(e("low", format!("low = {l} is above high = {h}"))),
            (Some(_), _, _) => {
                return Err(e("value", "give `value` or a range (`low` and/or `high`), not both".into()))
            }
            (None, None, None) => return Err(e("value", "give `value`, or `low` and/or `high`".into())),
        };
        let reported = match (o.reported, o.value) {
            (Some(r), None) if r.is_finite() && r >= 0.0 => Some(r),
            (Some(r), None) => return Err(e("reported", format!("{r} is not a count of 0 or more"))),
            (Some(_), Some(_)) => {
                return Err(e("reported", "give `reported` with a range; a `value` is the figure".into()))
            }
            (None, v) => v,
        };
        // A list given empty, or naming one thing twice, is refused: it counted nobody, everybody or some
        // twice (input review of session 32: `place = ["Mexico City", "Mexico City"]` doubled the count;
        // code review: `place = []` counted every place, `caravans = []` nobody).
        let listed = |field: &str, names: Option<Vec<String>>, without: &str| -> Result<Vec<String>> {
            let Some(names) = names else { return Ok(Vec::new()) };
            if names.is_empty() {
                return Err(e(field, format!("an empty list: leave `{field}` out for {without}")));
            }
            if let Some(k) = (1..names.len()).find(|&k| names[..k].contains(&names[k])) {
                return Err(e(field, format!("`{}` is listed twice: each counts once", names[k])));
            }
            Ok(names)
        };
        let place_names = listed("place", o.place.clone().map(OneOrMany::into_vec), "every place")?;
        let statuses = listed("statuses", o.statuses.clone(), "the metric's own statuses")?;
        let places = place_names.iter().map(|n| resolve(n, span.clone(), "place")).collect::<Result<Vec<_>>>()?;
        if let Some(k) = (1..places.len()).find(|&k| places[..k].contains(&places[k])) {
            return Err(e("place", format!("`{}` names a place listed before it: each counts once", place_names[k])));
        }
        let queues = listed("queue", o.queue.clone().map(OneOrMany::into_vec), "people at places")?;
        if metric.needs_queue() && queues.is_empty() {
            return Err(e("queue", format!("metric `{metric}` needs a `queue`")));
        }
        if !queues.is_empty() {
            if !metric.needs_queue() && !metric.is_count() {
                return Err(e("queue", format!("metric `{metric}` does not take a `queue`")));
            }
            if o.place.is_some() || o.statuses.is_some() {
                return Err(e("queue", "give either `queue`, or `place` and `statuses`".into()));
            }
        }
        let caravans = match &o.caravans {
            None => None,
            Some(c) => {
                if !metric.counts_caravans() || !queues.is_empty() {
                    let names: Vec<&str> =
                        Metric::DECLARED.iter().filter(|m| m.counts_caravans()).map(|m| m.name()).collect();
                    let message =
                        format!("`caravans` counts members at places: metrics {} without `queue`", names.join(", "));
                    return Err(e("caravans", message));
                }
                let names =
                    listed("caravans", Some(c.clone().into_vec()), "everyone (\"all\": every caravan's members)")?;
                if names.len() == 1 && names[0] == "all" {
                    Some((0..caravan_names.len() as u32).collect())
                } else {
                    let mut ids = Vec::with_capacity(names.len());
                    for n in &names {
                        match caravan_names.iter().position(|c| c == n) {
                            Some(i) => ids.push(i as u32),
                            None => {
                                return Err(e(
                                    "caravans",
                                    format!("unknown caravan `{n}`; give \"all\" or names of `[[caravan]]` entries"),
                                ))
                            }
                        }
                    }
                    Some(ids)
                }
            }
        };
        for s in &statuses {
            if crate::population::Status::parse(s).is_none() {
                return Err(e(
                    "statuses",
                    format!("unknown status `{s}`; expected one of: {}", crate::population::Status::names().join(", ")),
                ));
            }
        }
        Ok(Observed {
            name: o.name.clone(),
            metric,
            places,
            statuses,
            queues,
            caravans,
            from_day,
            to_day,
            low,
            high,
            reported,
            role: o.role,
            source: o.source.clone(),
        })
    }

    /// An observed figure's queues must exist: the scenario's institutions name them.
    pub(super) fn check_queues(
        &self,
        o: &Observed,
        span: Range<usize>,
        inst: Option<&crate::scenario::institutions::Institutions>,
    ) -> Result<()> {
        if o.queues.is_empty() {
            return Ok(());
        }
        let names = inst.map(queue_names).unwrap_or_default();
        for q in &o.queues {
            if !names.contains(q) {
                let known =
                    if names.is_empty() { "none: the scenario has no institutions".into() } else { names.join(", ") };
                return Err(self.err(
                    span.clone(),
                    "queue",
                    format!("observed `{}`: unknown queue `{q}`; the scenario's queues: {known}", o.name),
                ));
            }
        }
        Ok(())
    }
}

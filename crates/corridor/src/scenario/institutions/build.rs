//! Checks the raw institution entries and resolves their places, ports and dates into `Institutions`,
//! with errors naming the file, the line and the field.

use super::names;
use super::{
    Checkpoint, CheckpointAt, DetentionCentre, Hazard, Institutions, Office, OfficeKind, Port, RawInstitutions,
    PORT_CAPACITY, PORT_METERING, PORT_MPP,
};
use crate::policy::{Param, Params, Policy, Scope};
use crate::scenario::error::{InputLocation, Result, ScenarioError};
use crate::scenario::geography::PlaceIndex;
use crate::scenario::model::{Place, PlaceId, PlaceKind, Route};
use crate::scenario::raw::RawDate;
use crate::time::Period;
use chrono::NaiveDate;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// What building institutions needs from the scenario loader.
pub struct Ctx<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub period: &'a Period,
    pub index: &'a PlaceIndex,
    pub places: &'a [Place],
    pub routes: &'a [Route],
}

impl Ctx<'_> {
    fn at(&self, span: Range<usize>, field: &str) -> InputLocation {
        InputLocation::from_offset(self.path, self.text, span.start).with_field(field)
    }

    pub(super) fn err(&self, span: Range<usize>, field: &str, msg: impl Into<String>) -> ScenarioError {
        ScenarioError::invalid(self.at(span, field), msg)
    }

    fn place(&self, name: &str, span: Range<usize>, field: &str) -> Result<PlaceId> {
        self.index.resolve(name, || self.at(span, field))
    }

    /// The two places of a `route = [a, b]`, which a road must join (else nothing would ever pass).
    fn road(&self, route: &Spanned<Vec<String>>) -> Result<(PlaceId, PlaceId)> {
        // (Read as an array of two, a longer list was cut to its first two: adversarial review of
        // session 22.)
        let [a, b] = route.get_ref().as_slice() else {
            let n = route.get_ref().len();
            return Err(self.err(route.span(), "route", format!("a route is two places, [a, b]; this one has {n}")));
        };
        let (pa, pb) = (self.place(a, route.span(), "route")?, self.place(b, route.span(), "route")?);
        if !self.routes.iter().any(|r| r.joins(pa, pb)) {
            return Err(self.err(route.span(), "route", format!("no road joins `{a}` and `{b}` in the routes table")));
        }
        Ok((pa, pb))
    }

    fn date(&self, raw: &Spanned<RawDate>, field: &str) -> Result<NaiveDate> {
        raw.get_ref().read().map_err(|why| self.err(raw.span(), field, why))
    }

    /// The days of a policy from `from` (inclusive) to `to` (exclusive; None = to the end): a policy
    /// may have begun before the period (its first day is then the period's) or last beyond it (its
    /// `to` is kept as dated: court calendars read days past the period, and a policy to 2030 holds
    /// there as one with no end would, code review of session 34), but one that lies wholly outside it
    /// would never apply, and is an error.
    fn policy_days(&self, from: &Spanned<RawDate>, to: Option<&Spanned<RawDate>>) -> Result<(u32, Option<u32>)> {
        let (first, last) = (self.period.start, self.period.end());
        let never = |date: NaiveDate, why: &str| {
            format!("{date} is {why} the scenario period {first} to {last}: the policy would never apply")
        };
        let from_date = self.date(from, "from")?;
        if from_date > last {
            return Err(self.err(from.span(), "from", never(from_date, "after")));
        }
        let Some(to) = to else {
            return Ok((self.period.day_clamped(from_date), None));
        };
        let to_date = self.date(to, "to")?;
        if to_date <= from_date {
            let why =
                if to_date == from_date { "is `from` itself: `to` is exclusive, so" } else { "is before `from`," };
            return Err(self.err(
                to.span(),
                "to",
                format!("{to_date} {why} the policy would never apply ({from_date})"),
            ));
        }
        if to_date <= first {
            return Err(self.err(to.span(), "to", never(to_date, "(exclusive) not after the start of")));
        }
        Ok((self.period.day_clamped(from_date), Some(self.period.day_from_start(to_date))))
    }
}

/// The value `v` of parameter `p`, checked: a switch takes true or false (or 1 or 0), any other
/// parameter a number.
pub(crate) fn param_value(p: Param, v: &toml::Value) -> std::result::Result<f64, String> {
    let switch = matches!(p.kind(), crate::policy::Kind::Switch);
    let value = match v {
        toml::Value::Boolean(b) if switch => f64::from(u8::from(*b)),
        toml::Value::Integer(i) => *i as f64,
        toml::Value::Float(f) => *f,
        _ if switch => return Err(format!("`{}` is a switch: expected true or false (or 1 or 0)", p.name())),
        _ => return Err(format!("`{}` is a number: expected one, not `{v}`", p.name())),
    };
    p.check(value)?;
    Ok(value)
}

/// Checks and resolves the institution entries; None when the scenario has none.
pub fn build(raw: &RawInstitutions, cx: &Ctx<'_>) -> Result<Option<Institutions>> {
    if raw.is_empty() {
        return Ok(None);
    }
    let mut inst = Institutions::empty();
    let mut params = settings(raw, cx)?;
    ports(raw, cx, &mut inst, &mut params)?;
    detention(raw, cx, &mut inst)?;
    checkpoints(raw, cx, &mut inst)?;
    offices(raw, cx, &mut inst)?;
    hazards(raw, cx, &mut inst)?;
    policies(raw, cx, &inst, &mut params)?;
    super::joint::give_up_shares(raw, cx, &params)?;
    inst.params = params;
    Ok(Some(inst))
}

/// The `[institutions.<family>]` settings: each key a known parameter with a valid value.
fn settings(raw: &RawInstitutions, cx: &Ctx<'_>) -> Result<Params> {
    let mut params = Params::default();
    for (family, table) in raw.settings.iter().flatten() {
        // A table's name is checked even when it is empty (review of session 31).
        names::check_table(family.get_ref(), table.is_empty())
            .map_err(|m| cx.err(family.span(), &format!("institutions.{}", family.get_ref()), m))?;
        for (key, value) in table {
            let name = format!("{}.{}", family.get_ref(), key.get_ref());
            let p = Param::parse(&name).ok_or_else(|| {
                cx.err(key.span(), &name, format!("unknown institution parameter `{name}`{}", names::param_hint(&name)))
            })?;
            if p.scope() == Scope::Place {
                return Err(cx.err(
                    key.span(),
                    &name,
                    format!(
                        "`{name}` is each place's own: set it in the places table (`shelter_capacity`), or date a \
                         change at a place with a [[policy]] (`at`)"
                    ),
                ));
            }
            let v = param_value(p, value.get_ref()).map_err(|m| cx.err(value.span(), &name, m))?;
            params.set(p, v);
        }
    }
    Ok(params)
}

/// The `[[port]]` entries, with their own base values of the port parameters (`PORT_PARAMS`), and the
/// port each returns through under MPP (`mpp_via`).
fn ports(raw: &RawInstitutions, cx: &Ctx<'_>, inst: &mut Institutions, params: &mut Params) -> Result<()> {
    if let Some(extra) = raw.ports.get(MAX_ENTRIES) {
        return Err(cx.err(extra.span(), "port", format!("at most {MAX_ENTRIES} ports")));
    }
    for (k, rp) in raw.ports.iter().enumerate() {
        let (r, span) = (rp.get_ref(), rp.span());
        let port = Port {
            name: r.name.clone(),
            city: cx.place(r.city.get_ref(), r.city.span(), "city")?,
            us_side: cx.place(r.us_side.get_ref(), r.us_side.span(), "us_side")?,
            mpp_via: None, // resolved below, once every port is known
            source: r.source.clone(),
        };
        // The waitlist and MPP are in the Mexican city; people released or crossing are on the US side.
        let sides = [
            (port.city, &r.city, "city", PlaceKind::BorderCity),
            (port.us_side, &r.us_side, "us_side", PlaceKind::Destination),
        ];
        for (place, at, field, kind) in sides {
            if cx.places[place.index()].kind != kind {
                let (name, kind) = (at.get_ref(), kind.name());
                return Err(cx.err(at.span(), field, format!("port `{}`: `{name}` is not a {kind} place", r.name)));
            }
        }
        // Told at the field that clashes, naming the other port (scenario author's review of session 24).
        if let Some((j, other)) = inst.ports.iter().enumerate().find(|(_, p)| p.name == port.name) {
            return Err(cx.err(
                span,
                "name",
                format!("port `{}`: port.{j} `{}` has the same name", r.name, other.name),
            ));
        }
        if let Some((j, other)) = inst.ports.iter().enumerate().find(|(_, p)| p.city == port.city) {
            let city = &cx.places[port.city.index()].name;
            let msg = format!(
                "port `{}`: port.{j} `{}` is at `{city}` already (a city has one port, with its list)",
                r.name, other.name
            );
            return Err(cx.err(r.city.span(), "city", msg));
        }
        let k = k as u32;
        if let Some(c) = &r.capacity_per_day {
            let (field, capacity) = PORT_CAPACITY;
            // Said of the key written, with the parameter it sets (bad-input hunt of session 30: only
            // `metering.capacity_per_day` was named).
            let said = |m: String| {
                let m = m.replacen(&format!("`{}`", capacity.name()), &format!("`{field}`"), 1);
                format!("port `{}`: {m} (the port's `{}`)", r.name, capacity.name())
            };
            capacity.check(*c.get_ref()).map_err(|m| cx.err(c.span(), field, said(m)))?;
            params.set_at_port(k, capacity, *c.get_ref());
        }
        for (on, (_, switch)) in [(r.metering, PORT_METERING), (r.mpp, PORT_MPP)] {
            if let Some(on) = on {
                params.set_at_port(k, switch, f64::from(u8::from(on)));
            }
        }
        inst.ports.push(port);
    }
    for (k, rp) in raw.ports.iter().enumerate() {
        let Some(via) = &rp.get_ref().mpp_via else { continue };
        let j = inst
            .ports
            .iter()
            .position(|p| p.name == *via.get_ref())
            .ok_or_else(|| cx.err(via.span(), "mpp_via", no_port(inst, cx, via.get_ref())))?;
        if j == k {
            return Err(cx.err(via.span(), "mpp_via", "a port's MPP returns go through another port"));
        }
        inst.ports[k].mpp_via = Some(j as u32);
    }
    Ok(())
}

/// The most `[[port]]` or `[[detention]]` entries: the engine keeps an agent's port and a place's
/// nearest centre in a byte, with 255 for none.
const MAX_ENTRIES: usize = 250;

fn detention(raw: &RawInstitutions, cx: &Ctx<'_>, inst: &mut Institutions) -> Result<()> {
    if let Some(extra) = raw.detention.get(MAX_ENTRIES) {
        return Err(cx.err(extra.span(), "detention", format!("at most {MAX_ENTRIES} detention centres")));
    }
    for rd in &raw.detention {
        let r = rd.get_ref();
        let capacity = *r.capacity.get_ref();
        if inst.detention.iter().any(|d| d.name == r.name) {
            return Err(cx.err(rd.span(), "name", format!("another [[detention]] is named `{}`", r.name)));
        }
        if capacity < 0 {
            return Err(cx.err(
                r.capacity.span(),
                "capacity",
                format!("detention `{}`: capacity must be >= 0", r.name),
            ));
        }
        inst.detention.push(DetentionCentre {
            name: r.name.clone(),
            place: cx.place(r.place.get_ref(), r.place.span(), "place")?,
            capacity: capacity as u64,
            source: r.source.clone(),
        });
    }
    Ok(())
}

/// The `[[checkpoint]]` entries, each at a place or on a road, sending people to a `[[detention]]`
/// centre (read first).
fn checkpoints(raw: &RawInstitutions, cx: &Ctx<'_>, inst: &mut Institutions) -> Result<()> {
    for rc in &raw.checkpoints {
        let (r, span) = (rc.get_ref(), rc.span());
        let at = match (&r.place, &r.route) {
            (Some(p), None) => CheckpointAt::Place(cx.place(p.get_ref(), p.span(), "place")?),
            (None, Some(route)) => {
                let (a, b) = cx.road(route)?;
                CheckpointAt::Route(a, b)
            }
            _ => {
                return Err(cx.err(
                    span,
                    "place",
                    format!("checkpoint `{}`: give either `place` or `route` = [a, b]", r.name),
                ))
            }
        };
        // Code review of session 34: a second checkpoint at the same place or on the same road replaced
        // the first without a word (Mexican apprehensions fell from 285,860 to 207,710).
        let same = |c: &Checkpoint| match (c.at, at) {
            (CheckpointAt::Place(p), CheckpointAt::Place(q)) => p == q,
            (CheckpointAt::Route(a, b), CheckpointAt::Route(c, d)) => (a, b) == (c, d) || (a, b) == (d, c),
            _ => false,
        };
        if let Some(first) = inst.checkpoints.iter().find(|c| same(c)) {
            let field = if r.place.is_some() { "place" } else { "route" };
            let message = format!(
                "checkpoint `{}` is at the same place or on the same road as checkpoint `{}`: a place or road \
                 has one checkpoint, so give one entry with its chance",
                r.name, first.name
            );
            return Err(cx.err(span, field, message));
        }
        let apprehension = *r.apprehension.get_ref();
        // A daily chance (NaN is not in the range either).
        if !(0.0..=1.0).contains(&apprehension) {
            return Err(cx.err(
                r.apprehension.span(),
                "apprehension",
                format!("checkpoint `{}`: {apprehension} is not in [0, 1]", r.name),
            ));
        }
        let detention = inst.detention.iter().position(|d| d.name == *r.detention.get_ref()).ok_or_else(|| {
            cx.err(r.detention.span(), "detention", {
                // The centre it most likely misspells (scenario author's review of session 24).
                let names = inst.detention.iter().map(|d| d.name.as_str());
                let hint = crate::suggest::closest_place(r.detention.get_ref(), names)
                    .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
                format!("checkpoint `{}`: no [[detention]] named `{}`{hint}", r.name, r.detention.get_ref())
            })
        })? as u32;
        inst.checkpoints.push(Checkpoint {
            name: r.name.clone(),
            at,
            apprehension,
            detention,
            source: r.source.clone(),
        });
    }
    Ok(())
}

fn offices(raw: &RawInstitutions, cx: &Ctx<'_>, inst: &mut Institutions) -> Result<()> {
    for ro in &raw.offices {
        let r = ro.get_ref();
        let kind = OfficeKind::parse(r.kind.get_ref()).ok_or_else(|| {
            cx.err(r.kind.span(), "kind", {
                let kind = r.kind.get_ref();
                let known = OfficeKind::NAMES.split(", ");
                let hint =
                    crate::suggest::closest(kind, known).map_or(String::new(), |k| format!("did you mean `{k}`? "));
                format!("unknown office kind `{kind}`; {hint}expected one of: {}", OfficeKind::NAMES)
            })
        })?;
        let place = cx.place(r.place.get_ref(), r.place.span(), "place")?;
        inst.offices.push(Office { kind, place, source: r.source.clone() });
    }
    Ok(())
}

/// The `[[hazard]]` entries: on one road or in one country, with daily rates in [0, 1].
fn hazards(raw: &RawInstitutions, cx: &Ctx<'_>, inst: &mut Institutions) -> Result<()> {
    for rh in &raw.hazards {
        let (r, span) = (rh.get_ref(), rh.span());
        let route = match &r.route {
            Some(route) => Some(cx.road(route)?),
            None => None,
        };
        if route.is_some() == r.country.is_some() {
            return Err(cx.err(span, "route", "hazard: give either `route` = [a, b] or `country`"));
        }
        if let Some(c) = &r.country {
            if !cx.places.iter().any(|p| p.country == *c.get_ref()) {
                let hint =
                    crate::suggest::did_you_mean_place(c.get_ref(), cx.places.iter().map(|p| p.country.as_str()));
                let message = format!("hazard: no place is in country `{}`{hint}", c.get_ref());
                return Err(cx.err(c.span(), "country", message));
            }
        }
        let mut rates = [0.0; 3];
        for (rate, (field, given)) in
            rates.iter_mut().zip([("violence", &r.violence), ("kidnapping", &r.kidnapping), ("accident", &r.accident)])
        {
            let Some(given) = given else { continue };
            *rate = *given.get_ref();
            if !(0.0..=1.0).contains(rate) {
                return Err(cx.err(given.span(), field, "hazard: daily rates must be in [0, 1]"));
            }
        }
        let country = r.country.as_ref().map(|c| c.get_ref().clone());
        // Input review of session 32: a copied [[hazard]] doubled the deaths on its road (13 against 6).
        let same = |h: &Hazard| match (h.route, route) {
            (Some((a, b)), Some((c, d))) => (a, b) == (c, d) || (a, b) == (d, c),
            _ => h.country.is_some() && h.country == country,
        };
        if inst.hazards.iter().any(same) {
            let field = if route.is_some() { "route" } else { "country" };
            let message = "another [[hazard]] is on the same road or country: give one entry with the daily rates";
            return Err(cx.err(span, field, message));
        }
        inst.hazards.push(Hazard { route, country, rates, source: r.source.clone() });
    }
    Ok(())
}

/// The place a `shelter.capacity` policy names (`at`): a place on the way, as people there are counted
/// against its places; not an origin (where people have not yet set out) nor a destination (review of
/// session 23: the United States took a shelter capacity). A port's name is pointed to its city.
fn shelter_place(cx: &Ctx<'_>, inst: &Institutions, at: &Spanned<String>) -> Result<PlaceId> {
    let name = at.get_ref();
    let place =
        cx.place(name, at.span(), "at").map_err(|unknown| match inst.ports.iter().find(|p| p.name == *name) {
            Some(port) => {
                let city = &cx.places[port.city.index()].name;
                cx.err(
                    at.span(),
                    "at",
                    format!("`{name}` is a port: a shelter is in a place, here the port's city `{city}`"),
                )
            }
            None => unknown,
        })?;
    let what = match cx.places[place.index()].kind {
        PlaceKind::Origin => "an origin",
        PlaceKind::Destination => "a destination",
        _ => return Ok(place),
    };
    Err(cx.err(at.span(), "at", format!("`{name}` is {what} place: shelter places are counted on the way")))
}

/// No `[[port]]` named `name` (so far): the port it most likely misspells, or, when it is a port's
/// city, that port (scenario author's review of session 24: `at = "Reynosa"` for Hidalgo, `Hidalg`).
fn no_port(inst: &Institutions, cx: &Ctx<'_>, name: &str) -> String {
    let by_city = inst.ports.iter().find(|p| cx.places[p.city.index()].name == name);
    let hint = match by_city {
        Some(p) => format!(" (`{name}` is the city of the port `{}`: a port is named by its own name)", p.name),
        None => crate::suggest::did_you_mean_place(name, inst.ports.iter().map(|p| p.name.as_str())),
    };
    format!("no [[port]] named `{name}`{hint}")
}

/// The `[[policy]]` entries: a known parameter, a valid value, a port for per-port parameters, and
/// dates that meet the period.
fn policies(raw: &RawInstitutions, cx: &Ctx<'_>, inst: &Institutions, params: &mut Params) -> Result<()> {
    for rp in &raw.policies {
        let r = rp.get_ref();
        let name = r.parameter.get_ref();
        let param = Param::parse(name).ok_or_else(|| {
            cx.err(
                r.parameter.span(),
                "parameter",
                format!("unknown policy parameter `{name}`{}", names::param_hint(name)),
            )
        })?;
        if param.first_day_only() {
            // Institutions review of session 31: such a policy ran without a word and changed nothing.
            let family = names::family_of(name);
            return Err(cx.err(
                r.parameter.span(),
                "parameter",
                format!(
                    "`{name}` is the count of cases on the first day, which the run then works through: no \
                     [[policy]] can date it; set it in [institutions.{family}]"
                ),
            ));
        }
        let value = param_value(param, r.value.get_ref()).map_err(|m| cx.err(r.value.span(), "value", m))?;
        let at = match (&r.at, param.scope()) {
            (None, Scope::Place) => {
                return Err(cx.err(
                    rp.span(),
                    "at",
                    format!("`{name}` is a place's: give the place with `at` (a policy dates a change there)"),
                ));
            }
            (None, _) => None,
            (Some(at), Scope::Global) => {
                return Err(cx.err(
                    at.span(),
                    "at",
                    format!("`{name}` applies everywhere; `at` is only for per-port and per-place parameters"),
                ));
            }
            (Some(at), Scope::Port) => {
                let k = inst
                    .ports
                    .iter()
                    .position(|p| p.name == *at.get_ref())
                    .ok_or_else(|| cx.err(at.span(), "at", no_port(inst, cx, at.get_ref())))?;
                Some(k as u32)
            }
            (Some(at), Scope::Place) => Some(shelter_place(cx, inst, at)?.0),
        };
        let (from_day, to_day) = cx.policy_days(&r.from, r.to.as_ref())?;
        params.policies.push(Policy {
            name: if r.name.is_empty() { name.clone() } else { r.name.clone() },
            param,
            at,
            from_day,
            to_day,
            value,
            source: r.source.clone(),
        });
    }
    Ok(())
}

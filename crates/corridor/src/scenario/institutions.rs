//! The institutions part of a scenario: `[institutions.*]` settings, `[[port]]`, `[[checkpoint]]`,
//! `[[detention]]`, `[[office]]`, `[[hazard]]` and `[[policy]]` entries, read and checked.

use super::error::{InputLocation, Result, ScenarioError};
use super::geography::PlaceIndex;
use super::model::{Place, PlaceId};
use super::raw::RawDate;
use crate::policy::{Param, Params, Policy, Scope};
use crate::time::Period;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// `[institutions.<family>]` tables: `key = value` per parameter `family.key`.
pub type RawSettings = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<toml::Value>>>;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPort {
    pub name: String,
    pub city: Spanned<String>,
    pub us_side: Spanned<String>,
    pub capacity_per_day: Option<Spanned<f64>>,
    pub metering: Option<bool>,
    pub mpp: Option<bool>,
    pub mpp_via: Option<Spanned<String>>,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCheckpoint {
    pub name: String,
    pub place: Option<Spanned<String>>,
    pub route: Option<Spanned<[String; 2]>>,
    pub apprehension: Spanned<f64>,
    pub detention: Spanned<String>,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDetention {
    pub name: String,
    pub place: Spanned<String>,
    pub capacity: Spanned<i64>,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOffice {
    pub kind: Spanned<String>,
    pub place: Spanned<String>,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHazard {
    pub route: Option<Spanned<[String; 2]>>,
    pub country: Option<Spanned<String>>,
    pub violence: Option<Spanned<f64>>,
    pub kidnapping: Option<Spanned<f64>>,
    pub accident: Option<Spanned<f64>>,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPolicy {
    #[serde(default)]
    pub name: String,
    pub parameter: Spanned<String>,
    pub at: Option<Spanned<String>>,
    pub from: Spanned<RawDate>,
    pub to: Option<Spanned<RawDate>>,
    pub value: Spanned<toml::Value>,
    pub source: String,
}

/// All institution entries of a scenario file, as written.
#[derive(Debug, Default)]
pub struct RawInstitutions {
    pub settings: Option<RawSettings>,
    pub ports: Vec<Spanned<RawPort>>,
    pub checkpoints: Vec<Spanned<RawCheckpoint>>,
    pub detention: Vec<Spanned<RawDetention>>,
    pub offices: Vec<Spanned<RawOffice>>,
    pub hazards: Vec<Spanned<RawHazard>>,
    pub policies: Vec<Spanned<RawPolicy>>,
}

impl RawInstitutions {
    pub fn is_empty(&self) -> bool {
        self.settings.is_none()
            && self.ports.is_empty()
            && self.checkpoints.is_empty()
            && self.detention.is_empty()
            && self.offices.is_empty()
            && self.hazards.is_empty()
            && self.policies.is_empty()
    }
}

/// The `[[port]]` fields that set a port's own base value of a parameter, in `RawPort`'s order (the
/// `--set` warnings name them: `overrides::shadowed`).
pub const PORT_PARAMS: [(&str, Param); 3] =
    [("capacity_per_day", Param::MeteringCapacity), ("metering", Param::MeteringActive), ("mpp", Param::MppActive)];

/// A US port of entry, the Mexican city whose waitlist feeds it and the US place behind it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Port {
    pub name: String,
    pub city: PlaceId,
    pub us_side: PlaceId,
    /// The port (index) through which this port's people are returned under MPP on days MPP is off
    /// here but on there (the Rio Grande Valley's returns through Brownsville, 2019); None: only here.
    #[serde(default)]
    pub mpp_via: Option<u32>,
    pub source: String,
}

impl Port {
    /// A port `name` between `city` and `us_side`, returning under MPP only itself, with no source.
    pub fn between(name: &str, city: PlaceId, us_side: PlaceId) -> Port {
        Port { name: name.into(), city, us_side, mpp_via: None, source: String::new() }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum CheckpointAt {
    Place(PlaceId),
    Route(PlaceId, PlaceId),
}

/// A Mexican checkpoint or security cordon: an apprehension chance for each pass.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub name: String,
    pub at: CheckpointAt,
    pub apprehension: f64,
    /// Index of the detention centre apprehended people are taken to.
    pub detention: u32,
    pub source: String,
}

/// A Mexican detention centre (estacion migratoria) with a capacity in people.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DetentionCentre {
    pub name: String,
    pub place: PlaceId,
    pub capacity: u64,
    pub source: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfficeKind {
    /// COMAR: asylum applications in Mexico.
    Comar,
    /// Where the autumn-2018 programme ("Estas en tu casa") is offered.
    Programme,
    /// Where humanitarian visas are petitioned (Ciudad Hidalgo in 2019).
    HumanitarianVisa,
    /// An IOM information and registration booth for assisted return.
    Iom,
}

impl OfficeKind {
    pub const NAMES: &'static str = "comar, programme, humanitarian_visa, iom";
    pub fn parse(s: &str) -> Option<OfficeKind> {
        Some(match s {
            "comar" => OfficeKind::Comar,
            "programme" => OfficeKind::Programme,
            "humanitarian_visa" => OfficeKind::HumanitarianVisa,
            "iom" => OfficeKind::Iom,
            _ => return None,
        })
    }
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Office {
    pub kind: OfficeKind,
    pub place: PlaceId,
    pub source: String,
}

/// Daily chances of violence (death), kidnapping (missing) and accident (death) on the road.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hazard {
    /// One road (both directions), or every road touching a place of `country`.
    pub route: Option<(PlaceId, PlaceId)>,
    pub country: Option<String>,
    pub rates: [f64; 3],
    pub source: String,
}

/// The institutions of a scenario: parameters, policies and where each institution is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Institutions {
    pub params: Params,
    pub ports: Vec<Port>,
    pub checkpoints: Vec<Checkpoint>,
    pub detention: Vec<DetentionCentre>,
    pub offices: Vec<Office>,
    pub hazards: Vec<Hazard>,
}

impl Institutions {
    /// No ports, checkpoints or offices, default parameters.
    pub fn empty() -> Self {
        Institutions {
            params: Params::default(),
            ports: Vec::new(),
            checkpoints: Vec::new(),
            detention: Vec::new(),
            offices: Vec::new(),
            hazards: Vec::new(),
        }
    }
}

/// What building institutions needs from the scenario loader.
pub struct Ctx<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub period: &'a Period,
    pub index: &'a PlaceIndex,
    pub places: &'a [Place],
}

impl Ctx<'_> {
    fn err(&self, span: Range<usize>, field: &str, msg: impl Into<String>) -> ScenarioError {
        ScenarioError::invalid(InputLocation::from_offset(self.path, self.text, span.start).with_field(field), msg)
    }

    fn place(&self, name: &str, span: Range<usize>, field: &str) -> Result<PlaceId> {
        self.index.resolve(name, || InputLocation::from_offset(self.path, self.text, span.start).with_field(field))
    }

    fn date(&self, raw: &Spanned<RawDate>, field: &str) -> Result<NaiveDate> {
        let text = match raw.get_ref() {
            RawDate::Toml(dt) => dt.to_string(),
            RawDate::Text(s) => s.clone(),
        };
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map_err(|_| self.err(raw.span(), field, format!("`{text}` is not a date: expected YYYY-MM-DD")))
    }

    /// The days of a policy from `from` (inclusive) to `to` (exclusive; None = to the end), clamped
    /// into the period: a policy may have begun before it or last beyond it, but one that lies wholly
    /// outside it would never apply, and is an error.
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
        if to_date < from_date {
            return Err(self.err(to.span(), "to", format!("{to_date} is before `from` ({from_date})")));
        }
        if to_date <= first {
            return Err(self.err(to.span(), "to", never(to_date, "(exclusive) not after the start of")));
        }
        Ok((self.period.day_clamped(from_date), Some(self.period.day_clamped(to_date))))
    }
}

fn number(v: &toml::Value) -> Option<f64> {
    match v {
        toml::Value::Boolean(b) => Some(f64::from(u8::from(*b))),
        toml::Value::Integer(i) => Some(*i as f64),
        toml::Value::Float(f) => Some(*f),
        _ => None,
    }
}

/// Checks and resolves the institution entries; None when the scenario has none.
pub fn build(raw: &RawInstitutions, cx: &Ctx<'_>) -> Result<Option<Institutions>> {
    if raw.is_empty() {
        return Ok(None);
    }
    let mut inst = Institutions::empty();
    let mut params = Params::default();
    for (family, table) in raw.settings.iter().flatten() {
        for (key, value) in table {
            let name = format!("{}.{}", family.get_ref(), key.get_ref());
            let p = Param::parse(&name).ok_or_else(|| {
                cx.err(
                    key.span(),
                    &name,
                    format!("unknown institution parameter `{name}` (see docs/institutions.md for the list)"),
                )
            })?;
            let v = number(value.get_ref())
                .ok_or_else(|| cx.err(value.span(), &name, "expected a number or true/false"))?;
            p.check(v).map_err(|m| cx.err(value.span(), &name, m))?;
            params.set(p, v);
        }
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
        if inst.ports.iter().any(|p| p.name == port.name || p.city == port.city) {
            return Err(cx.err(span, "name", format!("port `{}`: another port has the same name or city", r.name)));
        }
        let k = k as u32;
        let [(_, capacity), (_, metering), (_, mpp)] = PORT_PARAMS;
        if let Some(c) = &r.capacity_per_day {
            capacity.check(*c.get_ref()).map_err(|m| cx.err(c.span(), "capacity_per_day", m))?;
            params.set_at_port(k, capacity, *c.get_ref());
        }
        if let Some(m) = r.metering {
            params.set_at_port(k, metering, f64::from(u8::from(m)));
        }
        if let Some(m) = r.mpp {
            params.set_at_port(k, mpp, f64::from(u8::from(m)));
        }
        inst.ports.push(port);
    }
    if inst.ports.len() > 250 {
        return Err(cx.err(0..0, "port", "at most 250 ports"));
    }
    for (k, rp) in raw.ports.iter().enumerate() {
        let Some(via) = &rp.get_ref().mpp_via else { continue };
        let j = inst
            .ports
            .iter()
            .position(|p| p.name == *via.get_ref())
            .ok_or_else(|| cx.err(via.span(), "mpp_via", format!("no [[port]] named `{}`", via.get_ref())))?;
        if j == k {
            return Err(cx.err(via.span(), "mpp_via", "a port's MPP returns go through another port"));
        }
        inst.ports[k].mpp_via = Some(j as u32);
    }
    for rd in &raw.detention {
        let r = rd.get_ref();
        let capacity = *r.capacity.get_ref();
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
    for rc in &raw.checkpoints {
        let (r, span) = (rc.get_ref(), rc.span());
        let at = match (&r.place, &r.route) {
            (Some(p), None) => CheckpointAt::Place(cx.place(p.get_ref(), p.span(), "place")?),
            (None, Some(route)) => {
                let [a, b] = route.get_ref();
                CheckpointAt::Route(cx.place(a, route.span(), "route")?, cx.place(b, route.span(), "route")?)
            }
            _ => {
                return Err(cx.err(
                    span,
                    "place",
                    format!("checkpoint `{}`: give either `place` or `route` = [a, b]", r.name),
                ))
            }
        };
        let apprehension = *r.apprehension.get_ref();
        Param::CaravanFactor.check(apprehension).map_err(|_| {
            cx.err(
                r.apprehension.span(),
                "apprehension",
                format!("checkpoint `{}`: {apprehension} is not in [0, 1]", r.name),
            )
        })?;
        let detention = inst.detention.iter().position(|d| d.name == *r.detention.get_ref()).ok_or_else(|| {
            cx.err(
                r.detention.span(),
                "detention",
                format!("checkpoint `{}`: no [[detention]] named `{}`", r.name, r.detention.get_ref()),
            )
        })? as u32;
        inst.checkpoints.push(Checkpoint {
            name: r.name.clone(),
            at,
            apprehension,
            detention,
            source: r.source.clone(),
        });
    }
    for ro in &raw.offices {
        let r = ro.get_ref();
        let kind = OfficeKind::parse(r.kind.get_ref()).ok_or_else(|| {
            cx.err(
                r.kind.span(),
                "kind",
                format!("unknown office kind `{}`; expected one of: {}", r.kind.get_ref(), OfficeKind::NAMES),
            )
        })?;
        let place = cx.place(r.place.get_ref(), r.place.span(), "place")?;
        inst.offices.push(Office { kind, place, source: r.source.clone() });
    }
    for rh in &raw.hazards {
        let (r, span) = (rh.get_ref(), rh.span());
        let route = match &r.route {
            Some(route) => {
                let [a, b] = route.get_ref();
                Some((cx.place(a, route.span(), "route")?, cx.place(b, route.span(), "route")?))
            }
            None => None,
        };
        if route.is_some() == r.country.is_some() {
            return Err(cx.err(span, "route", "hazard: give either `route` = [a, b] or `country`"));
        }
        if let Some(c) = &r.country {
            if !cx.places.iter().any(|p| p.country == *c.get_ref()) {
                return Err(cx.err(c.span(), "country", format!("hazard: no place is in country `{}`", c.get_ref())));
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
        inst.hazards.push(Hazard {
            route,
            country: r.country.as_ref().map(|c| c.get_ref().clone()),
            rates,
            source: r.source.clone(),
        });
    }
    for rp in &raw.policies {
        let r = rp.get_ref();
        let name = r.parameter.get_ref();
        let param = Param::parse(name).ok_or_else(|| {
            cx.err(
                r.parameter.span(),
                "parameter",
                format!("unknown policy parameter `{name}` (see docs/institutions.md for the list)"),
            )
        })?;
        let value = number(r.value.get_ref())
            .ok_or_else(|| cx.err(r.value.span(), "value", "expected a number or true/false"))?;
        param.check(value).map_err(|m| cx.err(r.value.span(), "value", m))?;
        let port = match &r.at {
            None => None,
            Some(at) => {
                if param.scope() != Scope::Port {
                    return Err(cx.err(
                        at.span(),
                        "at",
                        format!("`{name}` applies everywhere; `at` is only for per-port parameters"),
                    ));
                }
                let k = inst
                    .ports
                    .iter()
                    .position(|p| p.name == *at.get_ref())
                    .ok_or_else(|| cx.err(at.span(), "at", format!("no [[port]] named `{}`", at.get_ref())))?;
                Some(k as u32)
            }
        };
        let (from_day, to_day) = cx.policy_days(&r.from, r.to.as_ref())?;
        params.policies.push(Policy {
            name: if r.name.is_empty() { name.clone() } else { r.name.clone() },
            param,
            port,
            from_day,
            to_day,
            value,
            source: r.source.clone(),
        });
    }
    inst.params = params;
    Ok(Some(inst))
}

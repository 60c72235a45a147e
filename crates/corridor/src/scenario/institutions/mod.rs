//! The institutions part of a scenario: `[institutions.*]` settings, `[[port]]`, `[[checkpoint]]`,
//! `[[detention]]`, `[[office]]`, `[[hazard]]` and `[[policy]]` entries, read (`raw`) and checked (`build`).

mod build;
mod joint;
mod names;
mod raw;

pub(crate) use build::param_value;
pub use build::{build, Ctx};
pub use raw::*;

use super::model::PlaceId;
use crate::policy::Params;
use serde::{Deserialize, Serialize};

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
    pub const ALL: [OfficeKind; 4] =
        [OfficeKind::Comar, OfficeKind::Programme, OfficeKind::HumanitarianVisa, OfficeKind::Iom];
    pub const NAMES: &'static str = "comar, programme, humanitarian_visa, iom";

    /// The switch an office of this kind serves under (COMAR has none): read by the warnings, the
    /// report's terms and its marks alike.
    pub fn switch(self) -> Option<crate::policy::Param> {
        use crate::policy::Param;
        match self {
            OfficeKind::Comar => None,
            OfficeKind::Programme => Some(Param::ProgrammeActive),
            OfficeKind::HumanitarianVisa => Some(Param::VisaActive),
            OfficeKind::Iom => Some(Param::IomActive),
        }
    }

    pub fn parse(s: &str) -> Option<OfficeKind> {
        Some(match s {
            "comar" => OfficeKind::Comar,
            "programme" => OfficeKind::Programme,
            "humanitarian_visa" => OfficeKind::HumanitarianVisa,
            "iom" => OfficeKind::Iom,
            _ => return None,
        })
    }
    /// The name `kind` takes in a scenario file (what `parse` reads).
    pub fn name(self) -> &'static str {
        match self {
            OfficeKind::Comar => "comar",
            OfficeKind::Programme => "programme",
            OfficeKind::HumanitarianVisa => "humanitarian_visa",
            OfficeKind::Iom => "iom",
        }
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

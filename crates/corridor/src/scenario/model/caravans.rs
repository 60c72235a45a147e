//! A scenario's caravans: their itineraries and stops, and the parts that leave them or join them on
//! the way (`[[caravan]]`, `[[caravan.pause]]`, `[[caravan.split]]`, `[[caravan.join]]`).

use super::{Makeup, PlaceId};
use serde::{Deserialize, Serialize};

/// How a caravan's stop ends: on a dated day (the vote), after some days, or with a daily chance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PauseEnd {
    /// Leaves on this day (a dated vote, seeds/000: left Mexico City on Nov 9).
    OnDay(u32),
    /// Stays this many days after arriving.
    Days(u32),
    /// Leaves each day with this chance after arriving (an undated vote).
    DailyChance(f64),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pause {
    pub place: PlaceId,
    pub end: PauseEnd,
}

/// A caravan: a group that leaves together, follows an itinerary, pauses and votes to leave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Caravan {
    pub name: String,
    pub depart_day: u32,
    pub origin: PlaceId,
    /// Where its members come from, if not the origin (a caravan formed on the way): deportations and
    /// returns home take them there.
    #[serde(default)]
    pub home: Option<PlaceId>,
    pub people: u64,
    /// Places to pass through in order after the origin, each reached by the shortest road path; empty
    /// = the shortest road path to the goal (with no goal either, the caravan disbands at once).
    pub itinerary: Vec<PlaceId>,
    /// Where the caravan is heading; the last itinerary place if not given.
    pub goal: Option<PlaceId>,
    pub pauses: Vec<Pause>,
    pub speed_km_per_day: f64,
    /// Daily chance that a member falls behind (travels on alone, may catch up at a pause).
    pub straggle_rate: f64,
    /// Parts that leave it on the way, in the order its road reaches their places.
    #[serde(default)]
    pub splits: Vec<Split>,
    /// People who join it on the way, in the order its road reaches their places.
    #[serde(default)]
    pub joins: Vec<Join>,
    pub makeup: Makeup,
    pub source: String,
}

/// People who join a caravan at `place` as it sets out from its pause there, with its make-up and home:
/// people catching up, or joining it on the way.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Join {
    pub place: PlaceId,
    pub people: u64,
    pub source: String,
}

/// A part of a caravan that leaves it where the caravan arrives at `place` and goes on as a caravan of
/// its own, at the caravan's speed unless it has its own: an advance group, people who wait in a town,
/// people who stay.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Split {
    pub place: PlaceId,
    /// People in it, taken from the members with the caravan as it arrives.
    pub people: u64,
    /// The day it leaves `place`; None: the day after it splits off.
    pub until: Option<u32>,
    /// Where it goes by the shortest road; `place` itself: its members stay there (it disbands on
    /// leaving, their goal reached); None: nowhere as a group (it disbands on leaving `place`, and its
    /// members go on alone).
    pub goal: Option<PlaceId>,
    /// Its speed from `place` on, if not the caravan's (an advance group on buses).
    #[serde(default)]
    pub speed_km_per_day: Option<f64>,
    pub source: String,
}

impl Caravan {
    /// The places the caravan heads for in turn: its itinerary, then its goal unless the itinerary
    /// already ends there. Empty: it disbands at once.
    pub fn targets(&self) -> Vec<PlaceId> {
        let mut targets = self.itinerary.clone();
        if let Some(goal) = self.goal {
            if targets.last() != Some(&goal) {
                targets.push(goal);
            }
        }
        targets
    }
}

//! Counts of caravan members only, by caravan, place and status, and their arrivals: what the press
//! counted of a caravan, without the background flow passing through the same places.

use super::groups::{Group, GroupKind};
use crate::population::{Agents, Status, NONE};

/// The members of every caravan (found as they are created) and their counts at the end of a day.
#[derive(Clone, Debug, Default)]
pub struct CaravanMembers {
    places: usize,
    /// (agent, caravan index) of every agent created in a caravan group, in agent order.
    members: Vec<(u32, u32)>,
    /// Agents already looked at.
    scanned: usize,
    /// Members by caravan, place and status: index `(caravan * places + place) * Status::COUNT + status`.
    pub counts: Vec<u64>,
    /// Members arriving at a place today: index `caravan * places + place`. The engine's arrivals of
    /// members (one per member per day at most, at the last place reached; moves by institutions are
    /// not arrivals), which the pass notes of agents with `flags::CARAVAN_MEMBER`.
    pub arrivals: Vec<u64>,
}

impl CaravanMembers {
    pub fn new(caravans: usize, places: usize) -> CaravanMembers {
        CaravanMembers {
            places,
            counts: vec![0; caravans * places * Status::COUNT],
            arrivals: vec![0; caravans * places],
            ..CaravanMembers::default()
        }
    }

    /// Registers agents created since the last call that belong to a caravan (call right after
    /// spawning).
    pub fn scan_new(&mut self, agents: &Agents, groups: &[Group]) {
        // Without groups (FLEE's worlds) no new agent can be a caravan's member.
        let first = if groups.is_empty() { agents.len() } else { self.scanned };
        for i in first..agents.len() {
            let g = agents.group[i];
            if g == NONE {
                continue;
            }
            if let Some(GroupKind::Caravan(c)) = groups.get(g as usize).map(|g| &g.kind) {
                self.members.push((i as u32, *c));
            }
        }
        self.scanned = agents.len();
    }

    /// Counts the members where they are at the end of the day, and their `arrivals` today (agent,
    /// place), as the pass tallied them.
    pub fn observe<'a>(&mut self, agents: &Agents, arrivals: impl Iterator<Item = &'a (u32, u32)>) {
        if self.members.is_empty() {
            return;
        }
        self.counts.iter_mut().for_each(|c| *c = 0);
        self.arrivals.iter_mut().for_each(|c| *c = 0);
        for &(id, c) in &self.members {
            let i = id as usize;
            let (place, status) = (agents.place[i] as usize, agents.status[i]);
            let row = c as usize * self.places + place;
            self.counts[row * Status::COUNT + status as usize] += 1;
        }
        for &(id, place) in arrivals {
            // Members are registered in agent order.
            let Ok(k) = self.members.binary_search_by_key(&id, |&(agent, _)| agent) else {
                debug_assert!(false, "agent {id} noted as a caravan member is not one");
                continue;
            };
            self.arrivals[self.members[k].1 as usize * self.places + place as usize] += 1;
        }
    }
}

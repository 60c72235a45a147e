//! Where the institutions are, as lookup tables by place and link built once per run: ports, offices,
//! detention centres, checkpoints (the movement rules' `Watch`) and hazard rates per road.

use crate::movement::Watch;
use crate::network::Network;
use crate::policy::Param;
use crate::population::NONE;
use crate::scenario::institutions::{CheckpointAt, Institutions, OfficeKind};
use crate::scenario::{PlaceId, Scenario};

/// No port / centre at a place.
pub const NO: u8 = u8::MAX;

/// A port as the engine uses it.
#[derive(Clone, Debug)]
pub struct PortAt {
    pub city: u32,
    pub us_side: u32,
    /// The port returning this port's people under MPP when MPP is off here (`Port::mpp_via`).
    pub mpp_via: Option<u8>,
    /// Goal slot of the city (for people heading to another port).
    pub slot: u32,
}

#[derive(Clone, Debug, Default)]
pub struct Layout {
    pub ports: Vec<PortAt>,
    /// Port whose waitlist is kept in each place, or `NO`.
    pub port_of_place: Vec<u8>,
    /// Offices at each place, as `OfficeKind::bit()`s.
    pub offices: Vec<u8>,
    /// Places in Mexico (raids, COMAR and visas apply there).
    pub in_mexico: Vec<bool>,
    /// Detention centre nearest each place (raids take people there), or `NO`.
    pub raid_centre: Vec<u8>,
    /// Place and capacity of each Mexican detention centre, the capacity in whole agents (its people
    /// divided by people_per_agent, rounded down: below one agent, none; `scenario::warnings` says so).
    pub centre_place: Vec<u32>,
    pub centre_capacity: Vec<u64>,
    /// Checkpoints: apprehension chance and detention centre of each; the watch tables for movement.
    pub checkpoint_p: Vec<f64>,
    pub checkpoint_centre: Vec<u8>,
    pub watch: Watch,
    /// Daily hazard rates (violence, kidnapping, accident) per directed link; empty when none.
    pub link_hazard: Vec<[f64; 3]>,
    /// Where each directed link starts (with hazards only): one lost on a road is recorded there.
    pub link_from: Vec<u32>,
    /// Places' shelter capacities in agents (0 = unknown), as their table gives them: the base that
    /// dated policies change (`shelter_dated`).
    pub shelter: Vec<f64>,
    /// The places whose shelter capacity a `[[policy]]` dates (every place, if one names none).
    pub shelter_dated: Vec<u32>,
    /// Road km from each port's city to each port's city over the roads open today (`INFINITY` where
    /// none leads there): the ports someone may be sent on to (`other_ports`). Set again on a day
    /// roads close or open (`set_port_km`).
    pub port_km: Vec<Vec<f64>>,
    /// Whether an open road leads from each port's city to another port's (`other_ports` is not
    /// empty), kept with `port_km` for the daily chances of leaving a list.
    pub reaches_other_port: Vec<bool>,
}

fn km(s: &Scenario, a: u32, b: u32) -> f64 {
    let (p, q) = (&s.places[a as usize], &s.places[b as usize]);
    let (la, lb) = (p.lat.to_radians(), q.lat.to_radians());
    let dl = (q.lon - p.lon).to_radians();
    let h = ((lb - la) / 2.0).sin().powi(2) + la.cos() * lb.cos() * (dl / 2.0).sin().powi(2);
    12_742.0 * h.sqrt().min(1.0).asin()
}

impl Layout {
    /// Builds the tables; `slot_of` gives the goal slot of a place (registered by the engine).
    pub fn new(s: &Scenario, inst: &Institutions, net: &Network, slot_of: impl Fn(u32) -> u32) -> Layout {
        let n = s.places.len();
        let ppa = f64::from(s.people_per_agent);
        let mut l = Layout {
            port_of_place: vec![NO; n],
            offices: vec![0; n],
            in_mexico: s.places.iter().map(|p| p.country == MEXICO).collect(),
            raid_centre: vec![NO; n],
            shelter: s.places.iter().map(|p| p.shelter_capacity.map_or(0.0, |c| c as f64 / ppa)).collect(),
            ..Default::default()
        };
        let dated: Vec<Option<u32>> =
            inst.params.policies.iter().filter(|q| q.param == Param::ShelterCapacity).map(|q| q.at).collect();
        // (A scenario's policy names its place; one built in code may apply to all, as `dated_value` reads it.)
        l.shelter_dated = if dated.contains(&None) {
            (0..n as u32).collect()
        } else {
            let mut places: Vec<u32> = dated.into_iter().flatten().collect();
            places.sort_unstable();
            places.dedup();
            places
        };
        for (k, p) in inst.ports.iter().enumerate() {
            l.port_of_place[p.city.index()] = k as u8;
            let mpp_via = p.mpp_via.map(|j| j as u8); // at most 250 ports
            l.ports.push(PortAt { city: p.city.0, us_side: p.us_side.0, mpp_via, slot: slot_of(p.city.0) });
        }
        l.set_port_km(net); // every road open: the first day's closures come with its step
        for o in &inst.offices {
            l.offices[o.place.index()] |= o.kind.bit();
        }
        for d in &inst.detention {
            l.centre_place.push(d.place.0);
            l.centre_capacity.push(d.capacity / u64::from(s.people_per_agent));
        }
        if !inst.detention.is_empty() {
            for p in 0..n as u32 {
                let best = (0..inst.detention.len())
                    .min_by(|&a, &b| km(s, p, l.centre_place[a]).total_cmp(&km(s, p, l.centre_place[b])))
                    .unwrap_or(0);
                l.raid_centre[p as usize] = best as u8;
            }
        }
        if !inst.checkpoints.is_empty() {
            l.watch = Watch { place: vec![NONE; n], link: vec![NONE; net.links.len()] };
            for (k, c) in inst.checkpoints.iter().enumerate() {
                l.checkpoint_p.push(c.apprehension);
                l.checkpoint_centre.push(c.detention as u8);
                match c.at {
                    CheckpointAt::Place(p) => l.watch.place[p.index()] = k as u32,
                    CheckpointAt::Route(a, b) => {
                        for (i, link) in net.links.iter().enumerate() {
                            let ends = (PlaceId(link.from), PlaceId(link.to));
                            if ends == (a, b) || ends == (b, a) {
                                l.watch.link[i] = k as u32;
                            }
                        }
                    }
                }
            }
        }
        if !inst.hazards.is_empty() {
            l.link_hazard = vec![[0.0; 3]; net.links.len()];
            l.link_from = net.links.iter().map(|link| link.from).collect();
            for h in &inst.hazards {
                for (i, link) in net.links.iter().enumerate() {
                    let hit = match (&h.route, &h.country) {
                        (Some((a, b)), _) => {
                            let ends = (PlaceId(link.from), PlaceId(link.to));
                            ends == (*a, *b) || ends == (*b, *a)
                        }
                        (None, Some(c)) => {
                            &s.places[link.from as usize].country == c || &s.places[link.to as usize].country == c
                        }
                        _ => false,
                    };
                    if hit {
                        for (acc, r) in l.link_hazard[i].iter_mut().zip(h.rates) {
                            *acc += r;
                        }
                    }
                }
            }
        }
        l
    }

    #[inline]
    pub fn has_office(&self, place: u32, kind: OfficeKind) -> bool {
        self.offices[place as usize] & kind.bit() != 0
    }

    /// Whether directed link `road` has any hazard (a rate above 0, before `hazards.scale`).
    #[inline]
    pub fn hazardous(&self, road: u32) -> bool {
        self.link_hazard.get(road as usize).is_some_and(|r| r.iter().any(|&x| x > 0.0))
    }

    pub fn port_count(&self) -> usize {
        self.ports.len()
    }

    /// Sets `port_km` from the roads open in `net` today. Returns whether the ports that a road leads
    /// to from each port changed (the chances of leaving a list for another port change with them).
    pub fn set_port_km(&mut self, net: &Network) -> bool {
        let cities: Vec<u32> = self.ports.iter().map(|p| p.city).collect();
        let old = std::mem::replace(&mut self.port_km, km_between(net, &cities));
        self.reaches_other_port = (0..self.ports.len()).map(|k| self.other_ports(k).next().is_some()).collect();
        let reached = |km: &[Vec<f64>]| km.iter().flatten().map(|d| d.is_finite()).collect::<Vec<_>>();
        reached(&old) != reached(&self.port_km)
    }

    /// The ports other than `k` that an open road leads to from `k`'s city, in port order: where someone
    /// leaving `k`'s list or passing it by may go (one sent to a city no road reaches would stand in
    /// `k`'s city for good, on no list).
    pub fn other_ports(&self, k: usize) -> impl Iterator<Item = usize> + '_ {
        others_reached(&self.port_km, k)
    }
}

/// A place's `country` for Mexico, where raids, COMAR and humanitarian visas act (`Layout::in_mexico`).
pub const MEXICO: &str = "Mexico";

/// Road km from each of `cities` to each, over the roads open in `net` (`INFINITY` where none leads).
pub fn km_between(net: &Network, cities: &[u32]) -> Vec<Vec<f64>> {
    let to: Vec<_> = cities.iter().map(|&c| net.open_paths_to(c)).collect();
    cities.iter().map(|&from| to.iter().map(|t| t.km[from as usize]).collect()).collect()
}

/// The cities other than the `k`-th that a road leads to from it, by `km` (`km_between`), in order.
pub fn others_reached(km: &[Vec<f64>], k: usize) -> impl Iterator<Item = usize> + '_ {
    let row = km.get(k).map_or(&[][..], |v| v.as_slice());
    row.iter().enumerate().filter(move |&(j, d)| j != k && d.is_finite()).map(|(j, _)| j)
}

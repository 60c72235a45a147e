//! Caravans regrouping on the way, at a sync point after the groups' step and before the pass: parts
//! splitting off (`[[caravan.split]]`) and people joining (`[[caravan.join]]`).

use super::groups::{CaravanPlan, Group, GroupKind, SplitPlan};
use super::spawn::add_caravan_members;
use crate::movement::Mover;
use crate::population::{flags, Agents, Status, NONE};
use crate::rng::{Purpose, Stream};
use crate::scenario::Scenario;

/// Random stream of the members' draw (`Purpose::Group`; sub 0 is a caravan's vote, 1 straggling).
const SUB_SPLIT: u32 = 2;

/// For every caravan that reached a split's place today (`Group::splits_today`), moves that split's
/// share of the members with it (attached, travelling with it: not stragglers, nor people the
/// institutions took) to the split's group, which stands at the place from today and goes on by its
/// own plan from tomorrow. The members are a uniform draw, keyed by the split's group and the day.
pub fn split_off(groups: &mut [Group], plans: &[CaravanPlan], agents: &mut Agents, seed: u64, day: u32) {
    for parent in 0..groups.len() {
        if groups[parent].splits_today.is_empty() {
            continue;
        }
        let GroupKind::Caravan(k) = groups[parent].kind else { continue };
        let reached = std::mem::take(&mut groups[parent].splits_today);
        for r in reached {
            let x = &plans[k as usize].splits[r.split as usize];
            let child = parent + 1 + r.split as usize;
            debug_assert_eq!(groups[child].kind, GroupKind::Caravan(x.plan), "a split's group follows its caravan's");
            take_members(agents, parent as u32, child as u32, x, seed, day);
            let goal_slot = if x.goal_slot != NONE { x.goal_slot } else { groups[parent].mover.goal_slot };
            let g = &mut groups[child];
            g.mover = Mover::at(x.place);
            g.mover.goal_slot = goal_slot;
            g.status = Status::AtPlace;
            g.active = true;
            g.arrived_today = true;
            g.checkpoint_today = r.checkpoint;
            g.road_today = r.road;
            // Its plan's one pause, if any, is the wait at this place until its day.
            g.paused_since = (!plans[x.plan as usize].pauses.is_empty()).then_some(day);
        }
    }
}

/// Moves up to `x.agents` of `parent`'s members travelling with it to group `child` (and to the split's
/// goal), drawn without replacement.
fn take_members(agents: &mut Agents, parent: u32, child: u32, x: &SplitPlan, seed: u64, day: u32) {
    let mut with: Vec<u32> = (0..agents.len())
        .filter(|&i| agents.group[i] == parent && agents.flags[i] & flags::DETACHED == 0 && agents.status[i].moves())
        .map(|i| i as u32)
        .collect();
    let n = with.len();
    let take = usize::try_from(x.agents).unwrap_or(usize::MAX).min(n);
    let mut rng = Stream::new(seed, Purpose::Group, SUB_SPLIT, child, day);
    for i in 0..take {
        let j = i + rng.below((n - i) as u32) as usize;
        with.swap(i, j);
    }
    for &id in &with[..take] {
        let i = id as usize;
        agents.group[i] = child;
        if x.goal_slot != NONE {
            agents.goal[i] = x.goal_slot;
        }
    }
}

/// Creates the people who join a caravan today (`Group::joins_today`) at its place, as its members:
/// with its make-up and home, their day's move its own; counts them into the day's `entries`, as a
/// day's spawning does (the caller takes them into its other tallies). Returns how many.
pub fn join_caravans(
    scenario: &Scenario,
    groups: &mut [Group],
    plans: &[CaravanPlan],
    agents: &mut Agents,
    entries: &mut [u64; Status::COUNT],
    seed: u64,
    day: u32,
) -> usize {
    let before = agents.len();
    for (gid, g) in groups.iter_mut().enumerate() {
        let GroupKind::Caravan(k) = g.kind else { continue };
        if g.joins_today.is_empty() {
            continue;
        }
        let c = &scenario.caravans[k as usize];
        for j in std::mem::take(&mut g.joins_today) {
            let x = &plans[k as usize].joins[j as usize];
            add_caravan_members(agents, c, x.agents, x.place, (gid as u32, g.mover.goal_slot), day, seed);
        }
    }
    let joined = agents.len() - before;
    entries[Status::AtOrigin as usize] += joined as u64; // as every new agent, they set out at their origin
    joined
}

#[cfg(test)]
mod tests {
    use crate::population::{Status, NONE};
    use crate::scenario::{Join, PlaceId, Scenario, Split};
    use crate::Simulation;

    use crate::worlds::line_places::{A, B, C, D};

    /// A — B — C — D, 100 km apart, nobody moving on their own (move chance 0): a caravan of 10 people
    /// (an agent each) leaves A on day 0 for D at 100 km a day, and 4 of them split off at B.
    fn world(until: Option<u32>, goal: Option<u32>) -> Scenario {
        let mut s = crate::worlds::caravan_line(10, 100.0);
        s.period.days = 8;
        s.movement.default_movechance = 0.0;
        let split = Split {
            place: PlaceId(B),
            people: 4,
            until,
            goal: goal.map(PlaceId),
            speed_km_per_day: None,
            source: String::new(),
        };
        s.caravans[0].splits.push(split);
        s
    }

    /// How many agents stand at each place (A, B, C, D) at the end of the day, whatever their status.
    fn at_places(sim: &Simulation<'_>) -> [usize; 4] {
        let a = sim.agents();
        let mut n = [0; 4];
        for i in 0..a.len() {
            if a.link[i] == NONE {
                n[a.place[i] as usize] += 1;
            }
        }
        n
    }

    /// Day 0: the caravan reaches B and 4 members stay there with the split, which waits until day 3,
    /// while the other 6 go on with the caravan (onto the road to C, with no distance left). The caravan
    /// reaches D on day 2; the split leaves B on day 3 and reaches its goal C that day, and disbands.
    #[test]
    fn a_split_waits_at_its_place_until_its_day_then_goes_to_its_goal() {
        let s = world(Some(3), Some(C));
        let mut sim = Simulation::new(&s, 7);
        sim.step();
        assert_eq!(at_places(&sim), [0, 4, 0, 0], "day 0: the split at B, the caravan on the road to C");
        assert!(sim.groups()[1].active && sim.groups()[1].paused(), "the split's group waits");
        let parted = (0..10).filter(|&i| sim.agents().group[i] == 1).count();
        assert_eq!(parted, 4, "members of the split's group");
        sim.step();
        assert_eq!(at_places(&sim), [0, 4, 0, 0], "day 1: the caravan on the road to D");
        sim.step();
        assert_eq!(at_places(&sim), [0, 4, 0, 6], "day 2: the caravan at D");
        assert!(!sim.groups()[0].active, "the caravan disbanded at D");
        sim.step();
        assert_eq!(at_places(&sim), [0, 0, 4, 6], "day 3: the split went on to C");
        assert!(!sim.groups()[1].active, "the split disbanded at its goal");
        while sim.day() < s.period.days {
            sim.step();
        }
        assert_eq!(at_places(&sim), [0, 0, 4, 6], "everyone stays where their group disbanded");
        assert!(sim.agents().status.iter().all(|&st| st == Status::AtPlace));
    }

    /// Without a day or a goal the split disbands the day after it splits off, and its members stay at B
    /// on their own (move chance 0); the same members are drawn for the same seed, other ones for another.
    #[test]
    fn a_split_without_day_or_goal_leaves_its_members_where_it_split_off() {
        let s = world(None, None);
        let members = |seed: u64| {
            let mut sim = Simulation::new(&s, seed);
            sim.step();
            assert!(sim.groups()[1].active, "day 0: the split's group stands at B");
            sim.step();
            assert!(!sim.groups()[1].active, "day 1: it disbanded");
            while sim.day() < s.period.days {
                sim.step();
            }
            assert_eq!(at_places(&sim), [0, 4, 0, 6]);
            (0..10).filter(|&i| sim.agents().group[i] == 1).collect::<Vec<_>>()
        };
        assert_eq!(members(7), members(7));
        assert!((1..20).any(|seed| members(seed) != members(7)), "the members are drawn");
    }

    /// A split asking for more people than travel with the caravan takes those there are: all 10 go to
    /// C with it, and the caravan goes on to D without members.
    #[test]
    fn a_split_takes_at_most_the_members_with_the_caravan() {
        let mut s = world(Some(2), Some(C));
        s.caravans[0].splits[0].people = 40;
        let mut sim = Simulation::new(&s, 3);
        sim.step();
        assert_eq!(at_places(&sim), [0, 10, 0, 0], "everyone split off at B");
        while sim.day() < s.period.days {
            sim.step();
        }
        assert_eq!(at_places(&sim), [0, 0, 10, 0], "and went to C with the split");
    }

    /// A split whose goal is its own place keeps its members there: with a move chance of 1 everyone
    /// alone at B would leave it, but the split's members have reached their goal, while the caravan's
    /// others go on with it to D.
    #[test]
    fn a_split_bound_for_its_own_place_stays_there() {
        let mut s = world(None, Some(B));
        s.movement.default_movechance = 1.0;
        let mut sim = Simulation::new(&s, 5);
        while sim.day() < s.period.days {
            sim.step();
        }
        assert_eq!(at_places(&sim), [0, 4, 0, 6]);
    }

    /// A split with a speed of its own (200 km a day, the caravan's 100) leaves B on day 1 and reaches
    /// D that day, a day before the caravan.
    #[test]
    fn a_split_goes_at_its_own_speed() {
        let mut s = world(None, Some(D));
        s.caravans[0].splits[0].speed_km_per_day = Some(200.0);
        let mut sim = Simulation::new(&s, 5);
        sim.step();
        sim.step();
        assert_eq!(at_places(&sim), [0, 0, 0, 4], "day 1: the split at D, the caravan on the road to D");
        sim.step();
        assert_eq!(at_places(&sim), [0, 0, 0, 10], "day 2: the caravan at D too");
    }

    /// People join as the caravan sets out from a pause: 5 at B when its pause there ends (day 2), 3 at C
    /// after a pause of no days there (it reaches C on day 2 and sets out on day 3); they travel with it
    /// from there, are its members, come from its home, and every agent is counted every day (the
    /// engine's debug check of the counts).
    #[test]
    fn people_join_a_caravan_as_it_sets_out_from_a_pause_and_travel_with_it() {
        use crate::scenario::{Pause, PauseEnd};
        let mut s = world(None, None);
        let k = &mut s.caravans[0];
        k.splits.clear();
        k.pauses = vec![
            Pause { place: PlaceId(B), end: PauseEnd::OnDay(2) },
            Pause { place: PlaceId(C), end: PauseEnd::Days(0) },
        ];
        k.joins = vec![
            Join { place: PlaceId(B), people: 5, source: String::new() },
            Join { place: PlaceId(C), people: 3, source: String::new() },
        ];
        assert_eq!(crate::engine::spawn::planned_agents(&s), 18);
        let mut sim = Simulation::new(&s, 9);
        sim.step();
        sim.step();
        assert_eq!((sim.agents().len(), at_places(&sim)), (10, [0, 10, 0, 0]), "days 0-1: paused at B");
        sim.step();
        assert_eq!((sim.agents().len(), at_places(&sim)), (15, [0, 0, 15, 0]), "day 2: 5 joined at B, all at C");
        sim.step();
        assert_eq!((sim.agents().len(), at_places(&sim)), (18, [0, 0, 0, 18]), "day 3: 3 joined at C, all at D");
        assert!(sim.agents().group.iter().all(|&g| g == 0), "all in the caravan's group");
        let members = sim.agents().flags.iter().filter(|&&f| f & crate::population::flags::CARAVAN_MEMBER != 0);
        assert_eq!(members.count(), 18);
        assert!(sim.agents().origin.iter().all(|&o| o == A), "from the caravan's home (its origin here)");
    }

    /// A caravan that passes a join's place without a pause (the loader refuses such a join), or never
    /// sets out from it, takes on no one: no agent is created for it.
    #[test]
    fn no_one_joins_a_caravan_that_does_not_set_out_from_a_pause_there() {
        use crate::scenario::{Pause, PauseEnd};
        let mut s = world(None, None);
        let k = &mut s.caravans[0];
        k.splits.clear();
        k.joins = vec![Join { place: PlaceId(B), people: 5, source: String::new() }];
        let run = |s: &Scenario| {
            let mut sim = Simulation::new(s, 9);
            while sim.day() < s.period.days {
                sim.step();
            }
            sim.agents().len()
        };
        assert_eq!(run(&s), 10, "passing through B");
        s.caravans[0].pauses = vec![Pause { place: PlaceId(B), end: PauseEnd::DailyChance(0.0) }];
        assert_eq!(run(&s), 10, "paused at B for good");
    }
}

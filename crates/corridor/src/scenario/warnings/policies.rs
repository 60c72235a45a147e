//! Warnings about dated policies: one that later policies of its parameter (at its port or place, or
//! everywhere) override on every day it would hold, so that it is never in force.

use crate::policy::Scope;
use crate::scenario::model::{PlaceId, Scenario};

/// Policies never in force (policy researcher's review of session 32: "double enforcement from Jan
/// 2019" written with no end silently replaced the June 2019 surge that comes before it in the file,
/// and the later policy won on every day). The last policy in force wins (`Params::policy_in_force`),
/// so a policy is never in force when on each of its days a later one holds at its port or place (its
/// own or a general one; for a general one, a general one); the days a policy of the parameter starts
/// or ends are enough to look at, as nothing changes between them. A policy past the period is refused by the loader.
pub(super) fn never_in_force(s: &Scenario) -> Vec<String> {
    let Some(inst) = &s.institutions else {
        return Vec::new();
    };
    let params = &inst.params;
    let mut out = Vec::new();
    for (k, q) in params.policies.iter().enumerate() {
        let held: Vec<u32> =
            params.change_days(&[q.param], s.period.days).into_iter().filter(|&d| q.in_force(d)).collect();
        let winners: Vec<Option<usize>> = held.iter().map(|&d| params.policy_in_force(q.param, q.at, d)).collect();
        if held.is_empty() || winners.contains(&Some(k)) {
            continue;
        }
        let mut later: Vec<usize> = winners.into_iter().flatten().collect();
        later.sort_unstable();
        later.dedup();
        let named: Vec<String> = later.iter().map(|&j| format!("policy.{j} (`{}`)", params.policies[j].name)).collect();
        let at = match (q.at, q.param.scope()) {
            (Some(a), Scope::Port) => format!(" at {}", inst.ports[a as usize].name),
            (Some(a), _) => format!(" at {}", s.place(PlaceId(a)).name),
            (None, _) => String::new(),
        };
        let to = q.to_day.map_or(String::new(), |d| format!(" to {}", s.period.date(d)));
        let hold = if later.len() == 1 { "holds" } else { "hold" };
        out.push(format!(
            "policy.{k}: policy `{}` ({}{at} from {}{to}) is never in force: {}, later in the file, {hold} on \
             every one of its days, and the last policy in force wins (docs/institutions.md)",
            q.name,
            q.param.name(),
            s.period.date(q.from_day),
            named.join(", "),
        ));
    }
    out
}

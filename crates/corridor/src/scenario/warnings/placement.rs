//! Warnings about Mexican institutions placed where they cannot act as Mexico's: a detention centre,
//! a checkpoint or a COMAR, programme or visa office at a destination (the US side of a port).

use crate::scenario::institutions::{CheckpointAt, OfficeKind};
use crate::scenario::model::{PlaceId, PlaceKind, Scenario};

/// Robustness review of session 34: a `[[detention]]` centre at `San Diego` was taken without a word,
/// and the people apprehended were counted as detained there, beside US detention.
pub(super) fn mexican_institutions_at_destinations(s: &Scenario) -> Vec<String> {
    let Some(inst) = &s.institutions else {
        return Vec::new();
    };
    let at_destination = |p: PlaceId| s.place(p).kind == PlaceKind::Destination;
    let mut out = Vec::new();
    let mut say = |what: String, p: PlaceId| {
        out.push(format!(
            "{what} is at `{}`, a destination (the US side of a port): a Mexican institution there acts on people \
             who have reached the US, and those it holds are counted there as detained, beside US detention",
            s.place(p).name
        ));
    };
    for d in inst.detention.iter().filter(|d| at_destination(d.place)) {
        say(format!("[[detention]] `{}`", d.name), d.place);
    }
    for c in &inst.checkpoints {
        if let CheckpointAt::Place(p) = c.at {
            if at_destination(p) {
                say(format!("[[checkpoint]] `{}`", c.name), p);
            }
        }
    }
    let mexican = |k: OfficeKind| matches!(k, OfficeKind::Comar | OfficeKind::Programme | OfficeKind::HumanitarianVisa);
    for o in inst.offices.iter().filter(|o| mexican(o.kind) && at_destination(o.place)) {
        say(format!("a `{}` [[office]]", o.kind.name()), o.place);
    }
    out
}

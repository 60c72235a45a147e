//! Checks of institution values that must hold together, each on every day, base values and dated
//! policies alike: what one entry alone cannot show.

use super::build::Ctx;
use super::raw::RawInstitutions;
use crate::policy::{Param, Params};
use crate::scenario::error::Result;

/// `mpp.give_up_home_share` and `mpp.give_up_cross_share` split those leaving MPP's border city: home,
/// across, and the rest settle in Mexico. On no day may the two add up to more than 1 (code review of
/// session 34: 0.8 and 0.6 ran without a word, as 0.8 and 0.2). The days a policy of either starts or
/// ends are the only days the sum can change; where it is over 1 the error points at the latest policy
/// in force of the two, else at the base value set last in the file's order of the two keys.
pub(super) fn give_up_shares(raw: &RawInstitutions, cx: &Ctx<'_>, params: &Params) -> Result<()> {
    let pair = [Param::MppGiveUpHome, Param::MppGiveUpCross];
    for day in params.change_days(&pair, cx.period.days) {
        let [home, cross] = pair.map(|p| params.value(p, None, day));
        if home + cross <= 1.0 + 1e-9 {
            continue;
        }
        let message = format!(
            "`mpp.give_up_home_share` ({home}) and `mpp.give_up_cross_share` ({cross}) add up to more than 1 on \
             {}: those leaving MPP's border city go home, cross or settle in Mexico (the rest), so the two \
             shares can add up to 1 at most",
            cx.period.date(day)
        );
        let policy = pair.iter().filter_map(|&p| params.policy_in_force(p, None, day)).max();
        if let Some(k) = policy {
            if let Some(rp) = raw.policies.get(k) {
                return Err(cx.err(rp.get_ref().value.span(), "value", message));
            }
        }
        let key = raw.settings.iter().flatten().filter(|(family, _)| family.get_ref() == "mpp").flat_map(|(_, t)| {
            t.iter().filter(|(k, _)| matches!(k.get_ref().as_str(), "give_up_home_share" | "give_up_cross_share"))
        });
        let (key, field) = match key.max_by_key(|(k, _)| k.span().start) {
            Some((k, _)) => (k.span(), format!("mpp.{}", k.get_ref())),
            None => (0..0, "mpp".to_string()),
        };
        return Err(cx.err(key, &field, message));
    }
    Ok(())
}

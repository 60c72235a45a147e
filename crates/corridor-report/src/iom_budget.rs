//! Whether IOM acts in a run, and the key figures' word on its budget running out: the returns of the
//! engine's own `iom_return` queue, and what the engine paid for them, against the budget.

use crate::n;
use corridor::policy::Param;
use corridor::scenario::checks::IOM_QUEUE;
use corridor::scenario::Scenario;
use corridor::validate::Recording;

/// Whether IOM acts in `scenario`: a booth (`[[office]]` of kind `iom`) and `iom.active` on some day;
/// only then does a shelter capacity change anything in the run (its hardship).
pub(crate) fn iom_acts(scenario: &Scenario) -> bool {
    use corridor::scenario::institutions::OfficeKind;
    scenario.institutions.as_ref().is_some_and(|inst| {
        inst.offices.iter().any(|o| o.kind == OfficeKind::Iom)
            && inst.params.on_some_day(Param::IomActive, None, scenario.period.days)
    })
}

/// The returns IOM paid for, as the run's `iom_return` queue records them: how many, and the day of
/// the last (what they cost is the engine's `Recording::iom_spent_usd`).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Paid {
    returns: u64,
    last: u32,
}

fn paid(rec: &Recording) -> Option<Paid> {
    let q = rec.queue_named(IOM_QUEUE)?;
    let last = (0..rec.days).rev().find(|&day| rec.queue(day, q).admitted > 0)?;
    Some(Paid { returns: rec.admitted_over_run(q), last })
}

/// The limit the key figures name when IOM's budget ran out within the run: what is left at the end
/// pays for no return of one agent (the engine's rule: `iom.cost_per_return_usd` for the people an
/// agent stands for), so no IOM count goes on past the last return; None when it did not run out, or
/// IOM never acts (`iom_acts`), or returns cost nothing.
pub fn iom_spent_text(scenario: &Scenario, rec: &Recording) -> Option<String> {
    let inst = scenario.institutions.as_ref()?;
    let end = rec.days.checked_sub(1)?;
    if !iom_acts(scenario) {
        return None;
    }
    let (budget, cost) = (inst.params.value(Param::IomBudget, None, end), inst.params.value(Param::IomCost, None, end));
    let paid = paid(rec);
    let spent = rec.iom_spent_usd.unwrap_or(0.0);
    // The engine's rule: no return of one agent is paid for any more.
    let one_agent = cost * f64::from(scenario.people_per_agent);
    if corridor::institutions::voluntary_return::returns_payable(budget, spent, one_agent) != Some(0) {
        return None;
    }
    let left = budget - spent;
    let agent = format!("one agent ({} at US${} each)", scenario.agent_in_people(), n(cost));
    Some(match paid {
        Some(s) => format!(
            "IOM's budget ran out in this run on {}, a day that follows from the cost per return \
             (<code>iom.cost_per_return_usd</code>) and the pace of returns: US${} of its US${} \
             (<code>iom.budget_usd</code>) paid for {} returns, and the US${} left pays for no return of {agent}, so no one returns with IOM after that day and every count \
             of IOM returns past it stops there",
            scenario.period.date(s.last),
            n(spent),
            n(budget),
            n(s.returns as f64),
            n(left.max(0.0)),
        ),
        None => format!(
            "IOM's budget of US${} (<code>iom.budget_usd</code>) pays for no return of {agent}: no one returns with IOM",
            n(budget)
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::one_run;

    /// Journalist's review of session 22: caravan-2018's "IOM returns to Mar 1 2019" is 1,410 in most
    /// runs, the budget's limit, with nothing on the page to say so.
    #[test]
    fn the_key_figures_say_when_iom_spent_its_budget() {
        let s = corridor::worlds::caravan_2018().unwrap();
        let rec = one_run(&s);
        let text = iom_spent_text(&s, &rec).expect("the budget runs out in caravan-2018 (seed 1)");
        let first = paid(&rec).unwrap();
        // US$1.2 M at US$850 a return pays for 1,411 people; in agents of 10, for 141 agents: US$1,198,500,
        // and the US$1,500 left is less than one agent's US$8,500 (review of session 23: the sentence
        // said the whole budget paid for them).
        assert_eq!(first.returns, 1_410, "{text}");
        // The engine's sum is the queue's returns at each day's cost (it was worked out here again
        // from the queue, read-through of sessions 22-23).
        let q = rec.queue_named(IOM_QUEUE).unwrap();
        let inst = s.institutions.as_ref().unwrap();
        let at_cost: f64 =
            (0..rec.days).map(|d| rec.queue(d, q).admitted as f64 * inst.params.value(Param::IomCost, None, d)).sum();
        assert_eq!(rec.iom_spent_usd, Some(at_cost));
        // The day docs/report.md quotes.
        assert_eq!(s.period.date(first.last).to_string(), "2019-01-31");
        let want =
            "IOM's budget ran out in this run on 2019-01-31, a day that follows from the cost per return \
                    (<code>iom.cost_per_return_usd</code>) and the pace of returns: US$1,198,500 of its US$1,200,000 \
                    (<code>iom.budget_usd</code>) paid for 1,410 returns, and the US$1,500 left pays for no return of one agent (10 people at US$850 \
                    each)";
        assert!(text.starts_with(want), "{text}");
        // A budget that pays for no one: said, though no one returned.
        let mut none = s.clone();
        none.institutions.as_mut().unwrap().params.set(Param::IomBudget, 0.0);
        let rec0 = one_run(&none);
        assert_eq!(paid(&rec0), None);
        let text0 = iom_spent_text(&none, &rec0).expect("said");
        assert!(text0.starts_with("IOM's budget of US$0 (<code>iom.budget_usd</code>) pays for no return"), "{text0}");
        // The page carries it among the limits.
        let sums = crate::Sums::of(&rec);
        let figures = crate::figures::summary_html(&s, &rec, &sums, &corridor::validate::on_the_way(&rec));
        assert!(figures.contains("Limits to keep in mind") && figures.contains(&text), "{figures}");
        // Three times the budget is not spent (US$2,635,000 of 3,600,000 in seed 1; twice it is, since
        // session 31's applicants to COMAR apply once and more people stay free to ask IOM): nothing to say.
        let mut rich = s.clone();
        rich.institutions.as_mut().unwrap().params.set(Param::IomBudget, 3_600_000.0);
        let rec = one_run(&rich);
        assert!(paid(&rec).is_some_and(|p| p.returns > 0 && p.returns < 4_235));
        assert_eq!(iom_spent_text(&rich, &rec), None);
    }
}

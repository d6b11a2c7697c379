//! The portfolio plan (`model::plan`) and the shifted cash flows it rests on: hand-worked cases,
//! and properties on the example. Expected values are worked out in the comments.

use caseboard::model::cashflow::{monthly_flows, shifted_flows, TimelineInputs, Timing};
use caseboard::model::plan::{plan, Budget};
use caseboard::model::{
    evaluate, example_scenario, Category, Estimate, IfLate, Initiative, Objective, Scenario,
    YearBudget,
};
use proptest::prelude::*;

fn inputs(h: usize) -> TimelineInputs {
    TimelineInputs {
        horizon_months: h,
        one_time_cost: 100.0,
        annual_running_cost: 12.0,
        delivery_months: 1.0,
        ramp_up_months: 1.0,
        confidence: 1.0,
    }
}

proptest! {
    /// A start in month s moves every flow s months later: month m then holds what month m − s
    /// held with a start now, and nothing is paid or earned before s.
    #[test]
    fn a_later_start_moves_every_flow_that_many_months(
        one_time in 0.0..1e6f64, running in 0.0..1e5f64, delivery in 0.0..30.0f64,
        ramp in 0.0..12.0f64, confidence in 0.0..1.0f64, value in 0.0..1e6f64, years in 1usize..5,
        start in 0usize..24,
    ) {
        let i = TimelineInputs {
            horizon_months: years * 12,
            one_time_cost: one_time,
            annual_running_cost: running,
            delivery_months: delivery,
            ramp_up_months: ramp,
            confidence,
        };
        let now = monthly_flows(&i, value);
        let later = shifted_flows(&i, value, &Timing { start, milestone: None });
        for m in 0..=i.horizon_months {
            if m < start {
                prop_assert_eq!(later.costs[m], 0.0);
                prop_assert_eq!(later.benefits[m], 0.0);
            } else {
                // month 0 earns nothing, whatever the start
                let earned = if m == 0 { 0.0 } else { now.benefits[m - start] };
                prop_assert!((later.costs[m] - now.costs[m - start]).abs() <= 1e-9 * now.costs[m - start].abs().max(1.0));
                prop_assert!((later.benefits[m] - earned).abs() <= 1e-9 * earned.abs().max(1.0), "month {}", m);
            }
        }
    }
}

#[test]
fn a_start_in_month_2_moves_every_flow_by_two_months() {
    // One-time 100 in month 2; running 1 a month in months 3–12; delivered at month 3, full
    // benefit (10 a month) from month 4 (ramp 1 month: month 3 earns 0) to 12: 9 × 10 = 90.
    // Total: 90 − 100 − 10 = −20.
    let f = shifted_flows(
        &inputs(12),
        120.0,
        &Timing {
            start: 2,
            milestone: None,
        },
    );
    assert_eq!(f.costs[0], 0.0);
    assert_eq!(f.costs[1], 0.0);
    assert_eq!(f.costs[2], 100.0);
    assert_eq!(f.costs[3], 1.0);
    assert_eq!(f.benefits[3], 0.0);
    assert_eq!(f.benefits[4], 10.0);
    assert!((f.cumulative[12] - -20.0).abs() < 1e-9);
}

#[test]
fn the_three_rules_for_a_late_delivery() {
    let mut i = inputs(12);
    i.delivery_months = 3.0;
    // Start 2, delivery 3: delivered at month 5; the milestone is month 3, so it is 2 months
    // late (months 4 and 5).
    let at = |rule, penalty| Timing {
        start: 2,
        milestone: Some((3.0, rule, penalty)),
    };
    let penalty = shifted_flows(&i, 120.0, &at(IfLate::Penalty, 7.0));
    let plain = shifted_flows(
        &i,
        120.0,
        &Timing {
            start: 2,
            milestone: None,
        },
    );
    let extra: f64 = penalty
        .costs
        .iter()
        .zip(&plain.costs)
        .map(|(a, b)| a - b)
        .sum();
    assert!((extra - 14.0).abs() < 1e-9, "two late months × 7: {extra}");
    assert_eq!(penalty.costs[4] - plain.costs[4], 7.0);
    assert_eq!(penalty.costs[5] - plain.costs[5], 7.0);
    assert_eq!(penalty.costs[6] - plain.costs[6], 0.0);
    // Lapse: late, so no benefit at all.
    let lapse = shifted_flows(&i, 120.0, &at(IfLate::Lapse, 0.0));
    assert!(lapse.benefits.iter().all(|b| *b == 0.0));
    // Wait: a milestone at month 8 after a delivery at month 5: benefits start at 8, so month 9
    // is the first with a benefit (ramp 1) — months 9–12 earn 4 × 10.
    let wait = shifted_flows(
        &i,
        120.0,
        &Timing {
            start: 2,
            milestone: Some((8.0, IfLate::Wait, 0.0)),
        },
    );
    assert_eq!(wait.benefits[8], 0.0);
    assert_eq!(wait.benefits[9], 10.0);
    assert!((wait.benefits.iter().sum::<f64>() - 40.0).abs() < 1e-9);
}

fn planned(s: &Scenario) -> caseboard::model::plan::Plan {
    let e = evaluate(s).expect("valid");
    plan(s, &e)
}

fn index(s: &Scenario, id: &str) -> usize {
    s.initiatives.iter().position(|x| x.id == id).unwrap()
}

#[test]
fn the_examples_budget_funds_three_and_says_what_the_fourth_needs() {
    let s = example_scenario();
    let p = planned(&s);
    assert!(p.active);
    let funded = |id: &str| p.items[index(&s, id)].funded;
    // One-time costs: MFA 150,000 (mandatory), workflow 85,000, monitoring 40,000, portal
    // 260,000 (which needs monitoring). Within 400,000: MFA + workflow + monitoring = 275,000;
    // the portal would make it 535,000.
    assert!(funded("mfa-backups") && funded("workflow") && funded("monitoring"));
    assert!(!funded("portal-ha"));
    let need = p.items[index(&s, "portal-ha")].need.as_ref().unwrap();
    assert_eq!(p.budgets, vec![(Budget::OneTime(0), 400_000.0)]);
    assert!((need.extra[0] - 135_000.0).abs() < 1e-6, "{:?}", need.extra);
    // The roadmap keeps to 4 person-months a month.
    let r = p.roadmap.as_ref().unwrap();
    assert!(
        r.best.load.iter().all(|x| *x <= 4.0 + 1e-9),
        "{:?}",
        r.best.load
    );
    assert!(r.best.npv >= r.baseline.npv - 1e-9);
    assert!(p
        .items
        .iter()
        .filter(|x| x.funded)
        .all(|x| x.start.is_some()));
}

#[test]
fn without_limits_everything_starts_as_soon_as_its_prerequisites_deliver() {
    let mut s = example_scenario();
    s.portfolio = Default::default();
    let e = evaluate(&s).unwrap();
    let p = plan(&s, &e);
    assert!(!p.active);
    assert!(p.items.iter().all(|x| x.funded));
    // The portal depends on monitoring, delivered after 4 months: it starts in month 4. The
    // others start now, and their NPV as scheduled is the comparison's (MFA is delivered at month
    // 4, before its milestone at 6: no penalty).
    for (k, init) in s.initiatives.iter().enumerate() {
        let want = if init.id == "portal-ha" { 4 } else { 0 };
        assert_eq!(p.items[k].start, Some(want), "{}", init.id);
        if want == 0 {
            let npv = p.items[k].npv_scheduled.unwrap();
            assert!((npv - e.initiatives[k].npv()).abs() < 1e-6, "{}", init.id);
        }
    }
}

#[test]
fn a_budget_below_the_mandatory_spend_says_by_how_much_beside_it() {
    let mut s = example_scenario();
    s.portfolio.budgets = vec![YearBudget {
        one_time: Some(100_000.0),
        ..YearBudget::default()
    }];
    let p = planned(&s);
    assert!(p.selection.is_err());
    let (at, message) = p
        .notes
        .iter()
        .find(|(at, _)| at.field == "portfolio.budgets[0].one_time")
        .expect("a note beside the budget");
    assert_eq!(at.initiative, None);
    // MFA's one-time cost is 150,000: 50,000 over.
    assert!(message.contains("50,000"), "{message}");
}

#[test]
fn of_two_alternatives_at_most_one_is_funded() {
    let mut s = example_scenario();
    s.portfolio = Default::default();
    s.portfolio.capacity_pm = Some(100.0);
    for id in ["workflow", "monitoring"] {
        let k = index(&s, id);
        s.initiatives[k].alternatives = "tooling".into();
    }
    // The portal depends on monitoring; keep it out of the way.
    let k = index(&s, "portal-ha");
    s.initiatives[k].depends_on.clear();
    let p = planned(&s);
    let w = p.items[index(&s, "workflow")].funded;
    let m = p.items[index(&s, "monitoring")].funded;
    assert!(w ^ m, "exactly one: workflow {w}, monitoring {m}");
    // Monitoring's NPV (171,822) is above workflow's (144,110): monitoring is chosen.
    assert!(m);
}

#[test]
fn the_least_score_keeps_low_scorers_out_but_never_a_mandatory_one() {
    let mut s = example_scenario();
    s.portfolio = Default::default();
    s.portfolio.capacity_pm = Some(100.0);
    s.portfolio.objective = Objective::NpvMinScore;
    // Weighted scores of the example (equal weights; a score s counts (s − 1) / 4, effort
    // (5 − s) / 4): monitoring (0.25 + 0.75 + 0 + 0.25 + 0.75) / 5 = 40, workflow
    // (0.5 + 0.75 + 0.5 + 0.25 + 0.75) / 5 = 55, portal and MFA 65. A least score of 45 keeps monitoring
    // out, and with it the portal that depends on it.
    s.portfolio.min_score = 45.0;
    let p = planned(&s);
    assert!(!p.items[index(&s, "monitoring")].funded);
    assert!(!p.items[index(&s, "portal-ha")].funded);
    assert!(p.items[index(&s, "workflow")].funded);
    assert!(p.items[index(&s, "mfa-backups")].funded);
}

#[test]
fn a_capacity_of_zero_with_work_to_do_is_said_beside_each_initiative() {
    let mut s = example_scenario();
    s.portfolio.capacity_pm = Some(0.0);
    s.portfolio.budgets.clear();
    let p = planned(&s);
    assert!(p
        .notes
        .iter()
        .any(|(at, m)| at.field == "effort_pm" && m.contains("capacity is 0")));
}

#[test]
fn a_milestone_before_the_earliest_delivery_is_said_beside_it() {
    let mut s = example_scenario();
    let k = index(&s, "workflow");
    s.initiatives[k].needed_by_month = Some(2.0); // delivery takes 3 months
    let p = planned(&s);
    assert!(p.notes.iter().any(|(at, m)| at.initiative == Some(k)
        && at.field == "needed_by_month"
        && m.contains("month 3")));
}

#[test]
fn a_dependency_on_a_rival_alternative_is_said_beside_it() {
    let mut s = example_scenario();
    for id in ["portal-ha", "monitoring"] {
        let k = index(&s, id);
        s.initiatives[k].alternatives = "g".into();
    }
    let p = planned(&s);
    let k = index(&s, "portal-ha");
    assert!(p.notes.iter().any(|(at, m)| at.initiative == Some(k)
        && at.field == "depends_on"
        && m.contains("rival")));
    assert!(!p.items[k].funded);
}

#[test]
fn a_scheduled_start_shifts_the_figures_of_the_roadmap() {
    // Two initiatives that each need the whole team for 2 months: the second starts at month 2,
    // and its NPV as scheduled is its flows two months later.
    let mut s = Scenario {
        horizon_years: 1,
        ..Scenario::default()
    };
    for (id, value) in [("a", 1200.0), ("b", 600.0)] {
        s.initiatives.push(Initiative {
            id: id.into(),
            name: id.into(),
            category: Category::Operational,
            one_time_cost: Estimate::point(100.0),
            delivery_months: Estimate::point(2.0),
            ramp_up_months: Estimate::point(1.0),
            effort_pm: 4.0,
            benefits: vec![caseboard::model::Benefit {
                label: "x".into(),
                kind: caseboard::model::BenefitKind::CostAvoided(caseboard::model::CostAvoided {
                    amount_per_year: Estimate::point(value),
                }),
                sources: Default::default(),
                unknown: Default::default(),
            }],
            scores: s.criteria.iter().map(|c| (c.id.clone(), 3.0)).collect(),
            ..Initiative::default()
        });
    }
    s.portfolio.capacity_pm = Some(2.0);
    let p = planned(&s);
    // "a" is worth more per month of delay, so it goes first; "b" waits for the team.
    assert_eq!(p.items[0].start, Some(0));
    assert_eq!(p.items[1].start, Some(2));
    // b at month 2: one-time 100 in month 2, delivered month 4, 50 a month from month 5 to 12
    // (8 months), discounted at 10% a year.
    let r = (1.1f64).powf(1.0 / 12.0);
    let want: f64 = -100.0 / r.powi(2) + (5..=12).map(|m| 50.0 / r.powi(m)).sum::<f64>();
    let got = p.items[1].npv_scheduled.unwrap();
    assert!((got - want).abs() < 1e-6, "{got} against {want}");
    // The portfolio's own cash: a pays 100 in month 0 and earns 100 a month from month 3 to 12
    // (1,000); b pays 100 in month 2 and earns 400. Cumulative: −100 (months 0–1), −200
    // (month 2), −100 (3), 0 (4): payback after 4 months; by month 12, −200 + 1,000 + 400 =
    // 1,200.
    assert_eq!(p.payback, Some(4.0));
    assert!((p.flows.cumulative[3] - -100.0).abs() < 1e-9);
    assert_eq!(p.cumulative_by_year(), vec![1200.0]);
    let f = caseboard::explain::format::Plain { currency: "USD" };
    let said = caseboard::explain::portfolio::sentences(&s, &p, &f);
    let roadmap = said.last().unwrap();
    assert!(
        roadmap
            .lines
            .iter()
            .any(|l| l == "The funded set pays back after 4 months as scheduled"),
        "{:?}",
        roadmap.lines
    );
    assert!(
        roadmap.lines.iter().any(|l| l.ends_with(": $1,200")),
        "{:?}",
        roadmap.lines
    );

    // The charts' tips read the same rows as their tables: b's row of the roadmap (the second
    // category), month 2 of the team's load (b's first month: 4 person-months over 2 months,
    // 2 a month), year 1 of the spend (one-time 100 + 100).
    use caseboard::explain::portfolio::tip;
    use caseboard::wire::{ChartId, Pointer};
    let shown = caseboard::model::Shown::new(s.clone(), evaluate(&s).unwrap());
    let at = |x: f64, y: f64| Pointer { x, y, item: None };
    let t = tip(ChartId::Roadmap, &shown, &at(5.0, 1.2), &f).unwrap();
    assert_eq!(t.title, "b");
    assert!(
        t.lines.contains(&"Start month: 2".to_string()),
        "{:?}",
        t.lines
    );
    let t = tip(ChartId::Capacity, &shown, &at(2.7, 1.0), &f).unwrap();
    assert_eq!(t.title, "Month 2");
    assert!(
        t.lines
            .contains(&"Team load (person-months): 2".to_string()),
        "{:?}",
        t.lines
    );
    let t = tip(ChartId::Spend, &shown, &at(0.1, 50.0), &f).unwrap();
    assert_eq!(t.title, "Year 1");
    assert!(
        t.lines.contains(&"One-time spend: $200".to_string()),
        "{:?}",
        t.lines
    );
    assert!(t.lines.iter().all(|l| !l.contains('—')), "{:?}", t.lines);
    // Off the chart: no tip.
    assert!(tip(ChartId::Roadmap, &shown, &at(5.0, 7.0), &f).is_none());
}

#[test]
fn under_the_ranges_the_funded_sets_spread_and_how_often_each_is_best() {
    use caseboard::model::plan::uncertainty;
    use caseboard::model::simulate::Simulation;
    // Two initiatives each costing 100 now, a budget of 150: one is funded.
    let mut s = Scenario {
        horizon_years: 1,
        ..Scenario::default()
    };
    for (id, value) in [("a", 2400.0), ("b", 1200.0)] {
        s.initiatives.push(Initiative {
            id: id.into(),
            name: id.into(),
            one_time_cost: Estimate::point(100.0),
            benefits: vec![caseboard::model::Benefit {
                label: "x".into(),
                kind: caseboard::model::BenefitKind::CostAvoided(caseboard::model::CostAvoided {
                    amount_per_year: Estimate::point(value),
                }),
                sources: Default::default(),
                unknown: Default::default(),
            }],
            scores: s.criteria.iter().map(|c| (c.id.clone(), 3.0)).collect(),
            ..Initiative::default()
        });
    }
    s.portfolio.budgets = vec![YearBudget {
        one_time: Some(150.0),
        ..YearBudget::default()
    }];
    let e = evaluate(&s).unwrap();
    let p = plan(&s, &e);
    assert!(p.items[0].funded && !p.items[1].funded);
    // Four trials, NPVs by hand: a 10, −20, 30, 40; b 5, 50, 1, 2. Starting now with no
    // milestone, the schedule changes nothing, so the funded set's NPV is a's: sorted −20, 10,
    // 30, 40 — P50 between 10 and 30 is 20, one loss in four. The best set: a, b, a, a.
    let sim = Simulation {
        trials: 4,
        requested: 4,
        seed: 1,
        initiatives: Vec::new(),
        inputs: Vec::new(),
        evpi: 0.0,
        evppi: Vec::new(),
        evppi_chance: 0.0,
        npv_trials: vec![10.0, 5.0, -20.0, 50.0, 30.0, 1.0, 40.0, 2.0],
        correlation: Default::default(),
    };
    let u = uncertainty(&p, &e, &sim).unwrap();
    assert_eq!(u.npv.p50, 20.0);
    assert_eq!(u.npv.mean, 15.0);
    assert_eq!(u.p_loss, 0.25);
    assert_eq!(u.in_best_set, vec![0.75, 0.25]);
    assert_eq!(u.solved, 4);
}

#[test]
fn a_negative_budget_or_a_share_over_100_is_a_problem_beside_it() {
    let mut s = example_scenario();
    s.portfolio.budgets[0].one_time = Some(-5.0);
    s.portfolio.strategic_min_pct = Some(120.0);
    let problems = caseboard::model::validate(&s);
    let fields: Vec<&str> = problems.iter().map(|p| p.at.field.as_str()).collect();
    assert!(
        fields.contains(&"portfolio.budgets[0].one_time"),
        "{fields:?}"
    );
    assert!(
        fields.contains(&"portfolio.strategic_min_pct"),
        "{fields:?}"
    );
}

#[test]
fn a_least_share_no_set_can_reach_says_by_how_much_beside_it() {
    let mut s = example_scenario();
    // The budget's sum is the year-1 one-time budget, $400,000; at least 90% strategic is
    // $360,000. The only strategic initiative, the portal ($260,000 one-time), needs monitoring
    // ($40,000) and the mandatory MFA takes $150,000: 450,000 > 400,000, so no strategic spend
    // fits at all — $360,000 short.
    s.portfolio.strategic_min_pct = Some(90.0);
    let p = planned(&s);
    assert!(p.selection.is_err());
    let (_, m) = p
        .notes
        .iter()
        .find(|(at, _)| at.field == "portfolio.strategic_min_pct")
        .expect("a note beside the least share");
    assert!(m.contains("360,000 short"), "{m}");
}

#[test]
fn a_least_share_within_reach_changes_the_set() {
    let mut s = example_scenario();
    s.portfolio.budgets[0].one_time = Some(600_000.0);
    // $600,000 funds all four ($535,000). With at most 30% operational ($180,000): workflow
    // ($85,000) and monitoring ($40,000) are $125,000, within it; at most 15% ($90,000) keeps
    // only one of them, and the portal needs monitoring, so monitoring stays and the workflow
    // goes.
    s.portfolio.operational_max_pct = Some(15.0);
    let p = planned(&s);
    let funded = |id: &str| p.items[index(&s, id)].funded;
    assert!(funded("monitoring") && funded("portal-ha") && funded("mfa-backups"));
    assert!(!funded("workflow"));
}

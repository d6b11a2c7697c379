//! The results dashboard (`model::dashboard`): every expected value is worked by hand in the
//! comments beside it.

use caseboard::model::dashboard::{dashboard, Against};
use caseboard::model::scenario::{Goal, Serves, Tracking};
use caseboard::model::tracking::Status;
use caseboard::model::{Estimate, Initiative, Scenario};

mod tracked;
use tracked::{cost_avoided, month};

/// One initiative, approved: $6,000 once in month 0, $1,200 a year to run ($100 a month from
/// month 1), $12,000 a year of cost avoided from month 1 at full adoption (no delivery, no
/// ramp-up, 100% confidence): $1,000 a month. One year; no discounting.
fn scenario() -> Scenario {
    // The shared case (tests/tracked), serving goal g2, with a month-5 actual after "actuals up
    // to" (3), left out.
    let mut i = tracked::alpha();
    i.serves = vec![Serves {
        goal: "g2".into(),
        ..Serves::default()
    }];
    i.actuals
        .push(month(5.0, None, Some(100.0), vec![Some(5_000.0)]));
    let proposed = Initiative {
        id: "b".into(),
        name: "Beta".into(),
        ..Initiative::default()
    };
    Scenario {
        horizon_years: 1,
        discount_rate_pct: Estimate::point(0.0),
        initiatives: vec![i, proposed],
        tracking: Tracking {
            as_of_month: Some(3.0),
            ..Tracking::default()
        },
        goals: vec![
            tracked::cost_index("", &[(5.0, 92.0), (2.0, 97.0)]),
            Goal {
                id: "g2".into(),
                name: "Keep licences lean".into(),
                ..Goal::default()
            },
        ],
        ..Scenario::default()
    }
}

#[test]
fn actuals_against_the_approved_plan() {
    let d = dashboard(&scenario());
    assert_eq!(d.as_of, 3);
    // Only the live initiative is tracked; the proposed one is not.
    assert_eq!(d.initiatives.len(), 1);
    let t = &d.initiatives[0];
    assert_eq!(
        t.against,
        Against::Baseline {
            date: "2027-01-05".into(),
            npv: Some(4_800.0)
        }
    );
    // Plan: $1,000 of value in each of months 1–12, $6,000 once in month 0, $100 a month after.
    assert_eq!(t.plan.benefits[0], 0.0);
    assert!((t.plan.benefits[1] - 1_000.0).abs() < 1e-9);
    assert_eq!(t.plan.one_time[0], 6_000.0);
    assert!((t.plan.running[1] - 100.0).abs() < 1e-9);
    // Months 1 and 3 read: $1,700 realised against $2,000 planned → 15% short: yellow (the
    // band's edge belongs to the better band). Month 2 is a gap, not a zero.
    assert!((t.forecast.realised_to_date - 1_700.0).abs() < 1e-9);
    assert!((t.forecast.planned_to_date - 2_000.0).abs() < 1e-9);
    assert_eq!(t.benefits[0].realised[2], None);
    assert_eq!(t.actual[2].benefits, None);
    assert_eq!(t.value_status, Some(Status::Yellow));
    // Spend in months 0–3: 6,000 + 100 + 110 + 100 = 6,310 against 6,000 + 300 = 6,300,
    // 0.16% over: green. The initiative is as bad as its worse: yellow.
    assert!((t.forecast.spent_to_date - 6_310.0).abs() < 1e-9);
    assert_eq!(t.spend_status, Some(Status::Green));
    assert_eq!(t.status, Some(Status::Yellow));
    // Forecast: benefits at 0.85 of plan (1,700 ÷ 2,000), running at 310 ÷ 300 of plan.
    // Net: −6,000; 700; month 2 (gap) 850 − 110 = 740; 800; months 4–12: 850 − 103.33… each.
    // −6,000 + 700 + 740 + 800 + 9 × (850 − 310 ÷ 3) = −3,760 + 6,720 = 2,960.
    assert!((t.forecast.benefit_ratio.unwrap() - 0.85).abs() < 1e-12);
    assert!((t.forecast.npv_now - 2_960.0).abs() < 1e-6);
    // The plan's NPV: −6,000 + 12 × 900 = 4,800, the baseline's own.
    assert!((t.forecast.npv_plan - 4_800.0).abs() < 1e-6);
    // Cumulative value by month 3: planned 3,000; actual 800 + 850 (the gap at 0.85 of plan)
    // + 900 = 2,550.
    let (plan, actual) = t.cumulative_value();
    assert!((plan[3] - 3_000.0).abs() < 1e-9);
    assert!((actual[3] - 2_550.0).abs() < 1e-9);
    // The portfolio line: the one tracked initiative's.
    assert!((d.realised_to_date - 1_700.0).abs() < 1e-9);
    assert_eq!(d.value_status, Some(Status::Yellow));
}

#[test]
fn a_plan_edited_after_approval_is_still_judged_against_its_baseline() {
    let mut s = scenario();
    s.initiatives[0].one_time_cost = Estimate::point(9_000.0);
    s.initiatives[0].benefits[0] = cost_avoided("Licences", 24_000.0);
    let t = &dashboard(&s).initiatives[0];
    assert_eq!(t.plan.one_time[0], 6_000.0);
    assert!((t.plan.benefits[1] - 1_000.0).abs() < 1e-9);
    // Without a baseline the plan as it stands: $2,000 a month, and no approval NPV.
    s.initiatives[0].baselines.clear();
    let t = &dashboard(&s).initiatives[0];
    assert_eq!(t.against, Against::CurrentPlan);
    assert!((t.plan.benefits[1] - 2_000.0).abs() < 1e-9);
    assert_eq!(t.plan.one_time[0], 9_000.0);
}

#[test]
fn kpis_and_goals() {
    let d = dashboard(&scenario());
    // The month-5 reading is after "actuals up to" (3): the latest is month 2's 97. Planned at
    // month 2: 100 − 20 × 2/10 = 96, a cut of 4; 97 is a cut of 3: 25% short: red.
    let k = &d.goals[0].kpis[0];
    assert_eq!(k.readings, vec![(2.0, 97.0)]);
    assert_eq!(k.latest, Some((2.0, 97.0)));
    assert!((k.planned_at_latest.unwrap() - 96.0).abs() < 1e-12);
    assert_eq!(k.status, Some(Status::Red));
    assert_eq!(d.goals[0].status, Some(Status::Red));
    assert!(d.goals[0].from_kpis);
    // The second goal has no KPI: its status is its serving initiatives' (yellow).
    assert_eq!(d.goals[1].serving, vec![0]);
    assert_eq!(d.goals[1].status, Some(Status::Yellow));
    assert!(!d.goals[1].from_kpis);
}

#[test]
fn a_benefit_not_measured_in_a_month_with_readings_counts_at_plan() {
    // Two benefits: $12,000 and $24,000 a year ($1,000 and $2,000 a month). Month 1 measures
    // only the first, at $500: the month's value is 500 + 2,000 (the second at plan) = 2,500.
    // The first benefit is 50% short (red); the second has no reading and no status.
    let mut s = scenario();
    let i = &mut s.initiatives[0];
    i.benefits.push(cost_avoided("Support", 24_000.0));
    i.baselines.clear();
    i.actuals = vec![month(1.0, None, None, vec![Some(500.0), None])];
    s.tracking.as_of_month = None;
    let d = dashboard(&s);
    // "Actuals up to" blank: the latest month recorded anywhere — the KPI's month 5.
    assert_eq!(d.as_of, 5);
    let t = &d.initiatives[0];
    assert!((t.actual[1].benefits.unwrap() - 2_500.0).abs() < 1e-9);
    assert_eq!(t.benefits[0].status, Some(Status::Red));
    assert_eq!(t.benefits[1].status, None);
    // No spend recorded: no spend status (not "under plan").
    assert_eq!(t.spend_status, None);
    // The month's value, 2,500 against 3,000, is 16.7% short: red, and so the initiative.
    assert_eq!(t.value_status, Some(Status::Red));
    assert_eq!(t.status, Some(Status::Red));
}

#[test]
fn the_plan_keeps_the_business_cases_milestone() {
    // Needed by month 3, benefits waiting for it: the plan's value starts after month 3
    // (ramp_share(m, 3, 1): month 4 full), not in month 1. The readings of months 1 and 3 are
    // then all above a plan of nothing: green, "none planned by now".
    let mut s = scenario();
    s.initiatives[0].needed_by_month = Some(3.0);
    s.initiatives[0].if_late = caseboard::model::IfLate::Wait;
    let t = &dashboard(&s).initiatives[0];
    assert_eq!(t.plan.benefits[3], 0.0);
    assert!((t.plan.benefits[4] - 1_000.0).abs() < 1e-9);
    assert_eq!(t.forecast.planned_to_date, 0.0);
    assert_eq!(t.value_status, Some(Status::Green));
    // A start month of 2.5, as the roadmap takes it, is month 3 (rounded), not month 0.
    let mut s = scenario();
    s.initiatives[0].baselines[0].start_month = 2.5;
    let t = &dashboard(&s).initiatives[0];
    assert_eq!(t.plan.one_time[3], 6_000.0);
    assert_eq!(t.plan.one_time[0], 0.0);
}

//! Tracking after approval (`model::tracking`): every expected value is worked by hand in the
//! comments beside it.

use caseboard::model::convert::Defaults;
use caseboard::model::tracking::{
    forecast, kpi_plan, kpi_status, realised_month, shortfall_pct, status, ActualMonth, Better,
    PlanMonths, Reading, Status, Tolerance,
};
use caseboard::model::{
    Benefit, BenefitKind, CostAvoided, Estimate, HoursSaved, OutageAvoided, Period, RiskReduced,
};

const T: Tolerance = Tolerance {
    green_pct: 5.0,
    yellow_pct: 15.0,
};

const D: Defaults = Defaults {
    hourly_rate: 50.0,
    hours_per_fte_year: 1800.0,
};

fn benefit(kind: BenefitKind) -> Benefit {
    Benefit {
        label: "b".into(),
        kind,
        sources: Default::default(),
        unknown: Default::default(),
    }
}

fn read(v: f64) -> Reading {
    Reading {
        measured: Some(v),
        adoption_pct: None,
    }
}

#[test]
fn the_bands_edges_belong_to_the_better_band() {
    // Higher is better, plan 100: 95 is exactly 5% short (green), 94.99 is 5.01% (yellow), 85
    // is 15% (yellow), 84.9 is 15.1% (red); 110 is better than plan (green).
    let h = Better::Higher;
    assert_eq!(status(100.0, 95.0, h, T), Status::Green);
    assert_eq!(status(100.0, 94.99, h, T), Status::Yellow);
    assert_eq!(status(100.0, 85.0, h, T), Status::Yellow);
    assert_eq!(status(100.0, 84.9, h, T), Status::Red);
    assert_eq!(status(100.0, 110.0, h, T), Status::Green);
    // Lower is better (a cost), plan 100: 105 is 5% over (green), 115 is 15% (yellow), 115.1 red,
    // 90 under plan (green).
    let l = Better::Lower;
    assert_eq!(status(100.0, 105.0, l, T), Status::Green);
    assert_eq!(status(100.0, 105.1, l, T), Status::Yellow);
    assert_eq!(status(100.0, 115.0, l, T), Status::Yellow);
    assert_eq!(status(100.0, 115.1, l, T), Status::Red);
    assert_eq!(status(100.0, 90.0, l, T), Status::Green);
    // A negative plan (a loss expected): −100 planned, −104 actual is 4% worse (green), −120 is
    // 20% worse (red).
    assert_eq!(status(-100.0, -104.0, h, T), Status::Green);
    assert_eq!(status(-100.0, -120.0, h, T), Status::Red);
    // No per cent of a zero plan: worse than it is red, as good or better green.
    assert_eq!(shortfall_pct(0.0, 1.0, h), None);
    assert_eq!(status(0.0, -1.0, h, T), Status::Red);
    assert_eq!(status(0.0, 0.0, h, T), Status::Green);
    assert_eq!(status(0.0, 1.0, l, T), Status::Red);
    // Other bands: green within 10%, yellow within 20%: 88 is 12% short.
    let wide = Tolerance {
        green_pct: 10.0,
        yellow_pct: 20.0,
    };
    assert_eq!(status(100.0, 88.0, h, wide), Status::Yellow);
    assert_eq!(Status::Green.worst(Status::Red), Status::Red);
    assert_eq!(Status::Yellow.worst(Status::Green), Status::Yellow);
}

#[test]
fn hours_measured_in_a_month_are_money_by_the_plans_formula() {
    // Planned: 200 hours a month at $50, 80% adoption, 50% recaptured. Measured: 150 hours in
    // the month → 150 × 50 × 0.8 × 0.5 = 3,000; at a measured 60% adoption → 2,250.
    let b = benefit(BenefitKind::HoursSaved(HoursSaved {
        hours: Estimate::point(200.0),
        ..HoursSaved::default()
    }));
    assert!((realised_month(&b, &D, &read(150.0)).unwrap() - 3000.0).abs() < 1e-9);
    let with_adoption = Reading {
        measured: Some(150.0),
        adoption_pct: Some(60.0),
    };
    assert!((realised_month(&b, &D, &with_adoption).unwrap() - 2250.0).abs() < 1e-9);
    // The same hours from a benefit planned per week: the month's 150 hours are the same money.
    let weekly = benefit(BenefitKind::HoursSaved(HoursSaved {
        hours: Estimate::point(40.0),
        per: Period::Week,
        ..HoursSaved::default()
    }));
    assert!((realised_month(&weekly, &D, &read(150.0)).unwrap() - 3000.0).abs() < 1e-9);
    // Not measured: a gap, not a zero.
    assert_eq!(realised_month(&b, &D, &Reading::default()), None);
}

#[test]
fn outage_minutes_and_loss_events_measured_are_what_was_avoided() {
    // Outage: 1,200 minutes a year before (100 a month), $100 a minute of revenue, all of it
    // lost; 40 minutes measured in the month → 60 avoided → $6,000.
    let o = benefit(BenefitKind::OutageAvoided(OutageAvoided {
        baseline_minutes_per_year: Estimate::point(1200.0),
        reduction_pct: Estimate::point(50.0),
        revenue_per_minute: Estimate::point(100.0),
        revenue_impact_pct: Estimate::point(100.0),
        affected_staff: Estimate::point(0.0),
        incidents_avoided_per_year: Estimate::point(0.0),
        ..OutageAvoided::default()
    }));
    assert!((realised_month(&o, &D, &read(40.0)).unwrap() - 6000.0).abs() < 1e-9);
    // More minutes than before: a negative month (150 measured: 50 more than before → −$5,000).
    assert!((realised_month(&o, &D, &read(150.0)).unwrap() - -5000.0).abs() < 1e-9);
    // Risk: 2 events a year expected before at $60,000 each (a month's expected loss: $10,000).
    // No event in the month → $10,000 avoided; one event → 10,000 − 60,000 = −$50,000.
    let r = benefit(BenefitKind::RiskReduced(RiskReduced {
        events_per_year: Estimate::point(2.0),
        loss_per_event: Estimate::point(60_000.0),
        likelihood_reduction_pct: Estimate::point(50.0),
        impact_reduction_pct: Estimate::point(0.0),
    }));
    assert!((realised_month(&r, &D, &read(0.0)).unwrap() - 10_000.0).abs() < 1e-9);
    assert!((realised_month(&r, &D, &read(1.0)).unwrap() - -50_000.0).abs() < 1e-9);
    // Cost avoided: the month's amount.
    let c = benefit(BenefitKind::CostAvoided(CostAvoided {
        amount_per_year: Estimate::point(24_000.0),
    }));
    assert!((realised_month(&c, &D, &read(1500.0)).unwrap() - 1500.0).abs() < 1e-9);
}

fn plan5() -> PlanMonths {
    // Months 0–4: one-time 100 in month 0; running 10 and benefits 50 in months 1–4.
    PlanMonths {
        benefits: vec![0.0, 50.0, 50.0, 50.0, 50.0],
        one_time: vec![100.0, 0.0, 0.0, 0.0, 0.0],
        running: vec![0.0, 10.0, 10.0, 10.0, 10.0],
    }
}

#[test]
fn the_forecast_carries_the_readings_ratio_forward() {
    // Actuals: 120 one-time in month 0; months 1–2: benefits 30, running 12 each. Benefits run
    // at 60 / 100 = 0.6 of plan, running cost at 24 / 20 = 1.2. Nothing of the one-time cost is
    // left (120 spent of 100). Months 3–4: 50 × 0.6 − 10 × 1.2 = 18 each.
    let a = [
        ActualMonth {
            one_time: Some(120.0),
            ..Default::default()
        },
        ActualMonth {
            benefits: Some(30.0),
            running: Some(12.0),
            one_time: None,
        },
        ActualMonth {
            benefits: Some(30.0),
            running: Some(12.0),
            one_time: None,
        },
    ];
    let f = forecast(&plan5(), &a, 0.0);
    assert_eq!(f.net, vec![-120.0, 18.0, 18.0, 18.0, 18.0]);
    assert_eq!(f.benefit_ratio, Some(0.6));
    assert_eq!(f.running_ratio, Some(1.2));
    assert_eq!(f.last_actual, Some(2));
    assert_eq!((f.realised_to_date, f.planned_to_date), (60.0, 100.0));
    // Spend to date 120 + 12 + 12 = 144, against the plan's 100 + 10 + 10 = 120.
    assert_eq!((f.spent_to_date, f.planned_spend_to_date), (144.0, 120.0));
    // At 0%: NPV at approval −100 + 4 × 40 = 60; now −120 + 4 × 18 = −48.
    assert_eq!((f.npv_plan, f.npv_now), (60.0, -48.0));
    // At 1% a month, each month m discounted by 1.01^m.
    let f = forecast(&plan5(), &a, 0.01);
    let now: f64 = -120.0 + (1..=4).map(|m| 18.0 / 1.01f64.powi(m)).sum::<f64>();
    assert!((f.npv_now - now).abs() < 1e-9);
}

#[test]
fn what_is_left_of_the_one_time_cost_falls_after_the_last_reading_and_a_gap_is_forecast() {
    // 60 of the 100 one-time spent in month 0: the other 40 falls in month 1. Before any
    // reading, the forecast is the plan: ratios none.
    let a = [ActualMonth {
        one_time: Some(60.0),
        ..Default::default()
    }];
    let f = forecast(&plan5(), &a, 0.0);
    assert_eq!(f.net, vec![-60.0, 50.0 - 10.0 - 40.0, 40.0, 40.0, 40.0]);
    assert_eq!((f.benefit_ratio, f.running_ratio), (None, None));
    // Month 2 not read between months 1 and 3: it is forecast at the ratio (60 / 100), not 0.
    let a = [
        ActualMonth::default(),
        ActualMonth {
            benefits: Some(20.0),
            ..Default::default()
        },
        ActualMonth::default(),
        ActualMonth {
            benefits: Some(40.0),
            ..Default::default()
        },
    ];
    let f = forecast(&plan5(), &a, 0.0);
    assert_eq!(f.benefit_ratio, Some(0.6));
    assert_eq!(f.last_actual, Some(3));
    // Month 2: 50 × 0.6 − 10 = 20; month 4: the same.
    assert_eq!(f.net[2], 20.0);
    assert_eq!(f.net[4], 20.0);
    // No one-time spend recorded at all: the plan's 100 stays in month 0.
    assert_eq!(f.net[0], -100.0);
    assert_eq!(f.net[1], 20.0 - 10.0);
}

#[test]
fn a_kpi_is_judged_on_the_change_it_was_planned_to_make() {
    // Cost from 100 to 95 by month 12: half-way at month 6 the plan is 97.5.
    assert_eq!(kpi_plan(100.0, 95.0, 12.0, 6.0), 97.5);
    assert_eq!(kpi_plan(100.0, 95.0, 12.0, 18.0), 95.0);
    // At month 12: 95.5 is 4.5 of the 5 planned (10% short: yellow); 95.25 is 4.75 (5%: green);
    // 96 is 4 of 5 (20%: red); 94 is better than the target (green).
    let l = Better::Lower;
    assert_eq!(kpi_status(100.0, 95.0, 95.5, l, T), Status::Yellow);
    assert_eq!(kpi_status(100.0, 95.0, 95.25, l, T), Status::Green);
    assert_eq!(kpi_status(100.0, 95.0, 96.0, l, T), Status::Red);
    assert_eq!(kpi_status(100.0, 95.0, 94.0, l, T), Status::Green);
    // Sales from 200 up to 260: 254 is 54 of 60 (10% short: yellow).
    assert_eq!(
        kpi_status(200.0, 260.0, 254.0, Better::Higher, T),
        Status::Yellow
    );
    // No change planned (hold availability at 99.9): judged against the level.
    assert_eq!(
        kpi_status(99.9, 99.9, 99.0, Better::Higher, T),
        Status::Green
    );
}

use proptest::prelude::*;

proptest! {
    /// Actuals that are the plan, for any number of months read, forecast the plan: NPV now is
    /// NPV at approval.
    #[test]
    fn actuals_equal_to_the_plan_forecast_the_plan(
        months in proptest::collection::vec((0.0..1e5f64, 0.0..1e4f64, 0.0..1e5f64), 2..40),
        read in 0usize..40, rate in 0.0..0.02f64,
    ) {
        let plan = PlanMonths {
            benefits: months.iter().map(|m| m.0).collect(),
            running: months.iter().map(|m| m.1).collect(),
            one_time: months.iter().enumerate().map(|(k, m)| if k == 0 { m.2 } else { 0.0 }).collect(),
        };
        let actuals: Vec<ActualMonth> = (0..read.min(months.len()))
            .map(|m| ActualMonth {
                benefits: Some(plan.benefits[m]),
                running: Some(plan.running[m]),
                one_time: Some(plan.one_time[m]),
            })
            .collect();
        let f = forecast(&plan, &actuals, rate);
        prop_assert!((f.npv_now - f.npv_plan).abs() <= 1e-6 * f.npv_plan.abs().max(1.0));
    }

    /// A worse actual never gets a better status.
    #[test]
    fn a_worse_actual_never_gets_a_better_status(plan in -1e6..1e6f64, a in -1e6..1e6f64, worse_by in 0.0..1e6f64, lower in any::<bool>()) {
        let better = if lower { Better::Lower } else { Better::Higher };
        let worse = if lower { a + worse_by } else { a - worse_by };
        let rank = |s: Status| match s { Status::Green => 0, Status::Yellow => 1, Status::Red => 2 };
        prop_assert!(rank(status(plan, worse, better, T)) >= rank(status(plan, a, better, T)));
    }
}

mod checks {
    use caseboard::formats::saved;
    use caseboard::model::tracking::{changed_since_approval, problems};
    use caseboard::model::Estimate;

    fn fixture() -> caseboard::model::Scenario {
        let text = include_str!("fixtures/saved/v5-example-with-tracking.json");
        saved::from_json(text).unwrap().scenario
    }

    #[test]
    fn the_fixture_has_nothing_wrong_and_its_plan_is_as_approved() {
        let s = fixture();
        assert_eq!(problems(&s), vec![]);
        assert!(changed_since_approval(&s.initiatives[0]).is_empty());
        // An initiative never approved has no baseline to differ from.
        assert!(changed_since_approval(&s.initiatives[1]).is_empty());
    }

    #[test]
    fn a_future_month_a_negative_hour_a_percentage_of_140_and_a_month_twice_are_said_beside_them() {
        let mut s = fixture();
        // Actuals are in up to month 3 (the fixture's tracking).
        let w = &mut s.initiatives[0];
        w.actuals[3].month = 4.0;
        w.actuals[3].measured[0] = Some(-5.0);
        w.actuals[1].running = Some(-1.0);
        w.actuals[2].month = 1.0;
        w.actuals[1].adoption_pct = Some(140.0);
        s.goals[0].kpis[0].unit = "%".into();
        s.goals[0].kpis[0].readings[0].value = 50.0;
        s.goals[0].kpis[0].readings[1].value = 140.0;
        s.goals[0].kpis[0].readings[2].value = 60.0;
        s.goals[0].kpis[0].readings[2].month = 9.0;
        s.initiatives[0].serves[0].kpi = "nps".into();
        s.tracking.green_pct = 20.0;
        let p = problems(&s);
        let find = |field: &str| {
            p.iter()
                .find(|(at, _)| at.field == field)
                .map(|(_, m)| m.clone())
                .unwrap_or_else(|| panic!("nothing at {field}: {p:?}"))
        };
        assert!(find("actuals.3.month").contains("a month in the future"));
        assert!(find("actuals.3.measured.0").contains("cannot be negative: hours saved"));
        assert!(find("actuals.1.running").contains("cannot be negative"));
        assert!(find("actuals.2.month").contains("month 1 is recorded twice"));
        assert!(find("actuals.1.adoption_pct").contains("between 0% and 100%"));
        assert!(find("goals.0.kpis.0.readings.1.value").contains("percentage of 140"));
        assert!(find("goals.0.kpis.0.readings.2.month").contains("after month 3"));
        assert!(find("serves.0.goal").contains("“nps”"));
        assert!(find("tracking.green_pct").contains("within yellow"));
        // Each at its initiative (the goals' and the settings' at none).
        assert!(p
            .iter()
            .filter(|(at, _)| at.field.starts_with("actuals") || at.field.starts_with("serves"))
            .all(|(at, _)| at.initiative == Some(0)));
        assert_eq!(p.len(), 9, "{p:?}");
    }

    #[test]
    fn a_plan_edited_after_approval_says_what_changed_and_the_baseline_stays() {
        let mut s = fixture();
        let before = s.initiatives[0].baselines.clone();
        let w = &mut s.initiatives[0];
        w.one_time_cost = Estimate::point(95_000.0);
        w.benefits[0].label = "Renamed".into();
        assert_eq!(changed_since_approval(w), vec!["One-time cost", "Benefits"]);
        assert_eq!(w.baselines, before);
        // A source is no change of plan.
        let mut s = fixture();
        s.initiatives[0].benefits[0]
            .sources
            .insert("hours".into(), "ticket export".into());
        assert!(changed_since_approval(&s.initiatives[0]).is_empty());
    }
}

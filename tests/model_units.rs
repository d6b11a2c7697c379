//! Unit tests of the engine against hand-computed values (the arithmetic is in the comments).
#![cfg(not(target_arch = "wasm32"))]

use caseboard::model::cashflow::{monthly_flows, ramp_share, TimelineInputs};
use caseboard::model::convert::{annual_value, convert, Defaults};
use caseboard::model::finance::{self, Irr, Payback};
use caseboard::model::*;
use std::collections::BTreeMap;

const DEFAULTS: Defaults = Defaults {
    hourly_rate: 65.0,
    hours_per_fte_year: 1800.0,
};

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1.0)
}

macro_rules! assert_close {
    ($a:expr, $b:expr) => {
        assert_close!($a, $b, 1e-12)
    };
    ($a:expr, $b:expr, $tol:expr) => {{
        let (a, b) = ($a, $b);
        assert!(close(a, b, $tol), "{} = {a}, expected {b}", stringify!($a));
    }};
}

fn benefit(kind: BenefitKind) -> Benefit {
    Benefit {
        label: "b".into(),
        kind,
        unknown: Default::default(),
        sources: Default::default(),
    }
}

fn hours_saved() -> BenefitKind {
    BenefitKind::HoursSaved(HoursSaved {
        hours: 200.0.into(),
        per: Period::Month,
        hourly_rate: None,
        adoption_pct: 80.0.into(),
        recapture_pct: 75.0.into(),
    })
}

#[test]
fn hours_saved_converts_with_the_default_rate_and_fte() {
    // 200 h/month × 12 × $65/h × 0.80 × 0.75 = 2,400 × 65 × 0.6 = $93,600/yr
    let r = convert(&benefit(hours_saved()), &DEFAULTS);
    assert_close!(r.annual_value, 93_600.0);
    // 2,400 h × 0.80 / 1,800 h per FTE-year = 1.0667 FTE
    assert_close!(r.fte.unwrap(), 2400.0 * 0.8 / 1800.0);
    let f = PlainFormat { currency: "USD" };
    assert_eq!(
        r.derivation.lines(&f).last().unwrap(),
        "Annual value: 200 h/month × 12 × $65/h default rate × 80% adoption × 75% recapture = $93,600/yr"
    );
}

#[test]
fn hours_saved_per_week_uses_its_own_rate() {
    // 40 h/week × 52 × $55/h × 0.9 × 0.5 = 2,080 × 55 × 0.45 = $51,480/yr
    let kind = BenefitKind::HoursSaved(HoursSaved {
        hours: 40.0.into(),
        per: Period::Week,
        hourly_rate: Some(55.0.into()),
        adoption_pct: 90.0.into(),
        recapture_pct: 50.0.into(),
    });
    assert_close!(convert(&benefit(kind), &DEFAULTS).annual_value, 51_480.0);
}

fn outage() -> BenefitKind {
    BenefitKind::OutageAvoided(OutageAvoided {
        baseline_minutes_per_year: 540.0.into(),
        reduction_pct: 80.0.into(),
        revenue_per_minute: 800.0.into(),
        revenue_impact_pct: 60.0.into(),
        affected_staff: 120.0.into(),
        hourly_rate: Some(55.0.into()),
        productivity_loss_pct: 50.0.into(),
        incidents_avoided_per_year: 8.0.into(),
        cost_per_incident: 5000.0.into(),
    })
}

#[test]
fn outage_minutes_convert_with_revenue_staff_and_incidents() {
    // minutes avoided = 540 × 0.8 = 432
    // one minute = 800 × 0.6 + 120 × 55/60 × 0.5 = 480 + 55 = $535
    // value = 432 × 535 + 8 × 5,000 = 231,120 + 40,000 = $271,120/yr
    let r = convert(&benefit(outage()), &DEFAULTS);
    assert_close!(r.annual_value, 271_120.0);
    // availability: 1 − 540/525,600 = 99.8973%; 1 − 108/525,600 = 99.9795%
    let (before, after) = r.availability_pct.unwrap();
    assert_close!(before, 100.0 * (1.0 - 540.0 / 525_600.0));
    assert_close!(after, 100.0 * (1.0 - 108.0 / 525_600.0));
    assert_eq!(format!("{before:.2} → {after:.2}"), "99.90 → 99.98");
}

#[test]
fn risk_reduction_is_the_drop_in_annualized_loss_expectancy() {
    // before = 0.08 × 4,400,000 = 352,000
    // after = 0.08 × (1 − 0.6) × 4,400,000 × (1 − 0.4) = 84,480
    // value = 267,520
    let kind = BenefitKind::RiskReduced(RiskReduced {
        events_per_year: 0.08.into(),
        loss_per_event: 4_400_000.0.into(),
        likelihood_reduction_pct: 60.0.into(),
        impact_reduction_pct: 40.0.into(),
    });
    let r = convert(&benefit(kind), &DEFAULTS);
    assert_close!(r.annual_value, 267_520.0);
    let (before, after) = r.loss_expectancy.unwrap();
    assert_close!(before, 352_000.0);
    assert_close!(after, 84_480.0);
}

#[test]
fn cost_avoided_and_revenue_at_margin() {
    let avoided = BenefitKind::CostAvoided(CostAvoided {
        amount_per_year: 85_000.0.into(),
    });
    assert_close!(convert(&benefit(avoided), &DEFAULTS).annual_value, 85_000.0);
    // 1,000,000 × 25% = 250,000
    let revenue = BenefitKind::RevenueGained(RevenueGained {
        revenue_per_year: 1_000_000.0.into(),
        margin_pct: 25.0.into(),
    });
    assert_close!(
        convert(&benefit(revenue), &DEFAULTS).annual_value,
        250_000.0
    );
}

#[test]
fn the_numeric_path_uses_the_likely_value_and_the_same_formula() {
    let kind = BenefitKind::HoursSaved(HoursSaved {
        hours: Estimate::range(150.0, 200.0, 300.0),
        per: Period::Month,
        hourly_rate: None,
        adoption_pct: 80.0.into(),
        recapture_pct: 75.0.into(),
    });
    assert_close!(annual_value(&kind, &DEFAULTS, &|e| e.likely), 93_600.0);
    // at the high value: 300 × 12 × 65 × 0.6 = 140,400
    assert_close!(
        annual_value(&kind, &DEFAULTS, &|e| e.high.unwrap_or(e.likely)),
        140_400.0
    );
}

#[test]
fn ramp_up_is_linear_after_delivery() {
    // delivery 2, ramp 4: months 1, 2 nothing; 3, 4, 5, 6 → 25%, 50%, 75%, 100%
    let shares: Vec<f64> = (1..=7).map(|m| ramp_share(m, 2.0, 4.0)).collect();
    assert_eq!(shares, vec![0.0, 0.0, 0.25, 0.5, 0.75, 1.0, 1.0]);
    // no ramp-up: full from the first month after delivery
    assert_eq!(ramp_share(3, 2.0, 0.0), 1.0);
    assert_eq!(ramp_share(2, 2.0, 0.0), 0.0);
}

fn simple_inputs() -> TimelineInputs {
    TimelineInputs {
        horizon_months: 12,
        one_time_cost: 1200.0,
        annual_running_cost: 1200.0,
        delivery_months: 0.0,
        ramp_up_months: 0.0,
        confidence: 1.0,
    }
}

#[test]
fn monthly_flows_place_costs_and_risk_adjusted_benefits() {
    // benefit 2,400/yr = 200/month at full, 90% confidence → 180; running 100/month
    let inputs = TimelineInputs {
        confidence: 0.9,
        delivery_months: 1.0,
        ..simple_inputs()
    };
    let f = monthly_flows(&inputs, 2400.0);
    assert_eq!(f.costs[0], 1200.0);
    assert_eq!(f.benefits[0], 0.0);
    assert_eq!(f.costs[1], 100.0);
    assert_eq!(f.benefits[1], 0.0);
    assert_close!(f.benefits[2], 180.0);
    assert_close!(f.net[2], 80.0);
    // cumulative at month 12 = −1,200 − 100 + 11 × 80 = −420
    assert_close!(f.cumulative[12], -420.0);
}

fn one_initiative(inputs: TimelineInputs, annual_benefit: f64, rate_pct: f64) -> Scenario {
    Scenario {
        horizon_years: (inputs.horizon_months / 12) as u32,
        discount_rate_pct: rate_pct.into(),
        criteria: vec![],
        initiatives: vec![Initiative {
            id: "a".into(),
            name: "A".into(),
            one_time_cost: inputs.one_time_cost.into(),
            annual_running_cost: inputs.annual_running_cost.into(),
            delivery_months: inputs.delivery_months.into(),
            ramp_up_months: inputs.ramp_up_months.into(),
            confidence_pct: (inputs.confidence * 100.0).into(),
            benefits: vec![benefit(BenefitKind::CostAvoided(CostAvoided {
                amount_per_year: annual_benefit.into(),
            }))],
            ..Initiative::default()
        }],
        ..Scenario::default()
    }
}

#[test]
fn break_even_at_zero_rate_has_zero_npv_roi_irr_and_payback_at_month_12() {
    // −1,200 at month 0, then 200 − 100 = +100 a month for 12 months: NPV 0 at 0%.
    let s = one_initiative(simple_inputs(), 2400.0, 0.0);
    let e = evaluate(&s).unwrap();
    let r = &e.initiatives[0];
    assert_close!(r.npv.value.unwrap(), 0.0, 1e-9);
    assert_close!(r.roi.value.unwrap(), 0.0, 1e-9);
    assert_close!(r.irr.value.unwrap(), 0.0, 1e-9);
    // cumulative −100 after month 11, +100 in month 12 → 11 + 100/100 = 12
    assert_close!(r.payback_months.value.unwrap(), 12.0);
    // slipping one month loses month 1's net benefit of 200 (costs stay): 0 − (−200)
    assert_close!(r.cost_of_delay.value.unwrap(), 200.0);
    assert!(r.score.value.is_none(), "no criteria, no score");
}

#[test]
fn discounting_is_monthly_from_the_annual_rate() {
    // i = 1.1^(1/12) − 1; PV of 12 × 100 = 100 × (1 − 1.1^−1) / i = 1,140.06; NPV = −59.94
    let s = one_initiative(simple_inputs(), 2400.0, 10.0);
    let e = evaluate(&s).unwrap();
    let i = 1.1f64.powf(1.0 / 12.0) - 1.0;
    assert_close!(e.monthly_rate, i);
    let r = &e.initiatives[0];
    let pv_net = 100.0 * (1.0 - 1.0 / 1.1) / i;
    assert_close!(r.npv.value.unwrap(), pv_net - 1200.0, 1e-10);
    // PV of costs = 1,200 + 100 × annuity; ROI = NPV / PV of costs
    let pv_costs = 1200.0 + pv_net;
    assert_close!(r.pv_costs, pv_costs, 1e-10);
    assert_close!(
        r.roi.value.unwrap(),
        (pv_net - 1200.0) / pv_costs * 100.0,
        1e-10
    );
    assert_close!(
        r.benefit_cost_ratio.value.unwrap(),
        2.0 * pv_net / pv_costs,
        1e-10
    );
    // the flows break even at 0%, so the IRR is 0 and the payback is still month 12
    assert_close!(r.irr.value.unwrap(), 0.0, 1e-9);
    // TEI table: year 1 net = 12 × 100; total = 0; PV = NPV
    let net = r
        .tei
        .iter()
        .find(|row| row.label == "Net cash flow")
        .unwrap();
    assert_eq!(net.initial, -1200.0);
    assert_close!(net.years[0], 1200.0);
    assert_close!(net.total, 0.0);
    assert_close!(net.present_value, r.npv.value.unwrap(), 1e-10);
}

#[test]
fn payback_not_within_horizon_and_no_irr_when_flows_never_turn_positive() {
    // benefits 600/yr = 50/month never cover 100/month running cost
    let s = one_initiative(simple_inputs(), 600.0, 10.0);
    let r = &evaluate(&s).unwrap().initiatives[0];
    assert_eq!(r.payback_months.value, None);
    assert_eq!(r.irr.value, None);
    assert_eq!(r.irr_detail, Irr::None);
    let lines = r.irr.derivation.lines(&PlainFormat { currency: "USD" });
    assert!(lines[0].contains("never change sign"), "{lines:?}");
}

#[test]
fn no_costs_means_no_roi_and_immediate_payback() {
    let inputs = TimelineInputs {
        one_time_cost: 0.0,
        annual_running_cost: 0.0,
        ..simple_inputs()
    };
    let r = &evaluate(&one_initiative(inputs, 1200.0, 10.0))
        .unwrap()
        .initiatives[0];
    assert_eq!(r.roi.value, None);
    assert_eq!(r.benefit_cost_ratio.value, None);
    assert_eq!(r.payback_months.value, Some(0.0));
    assert_eq!(r.irr.value, None);
}

#[test]
fn weighted_score_inverts_lower_is_better_criteria() {
    let mut s = example_scenario();
    // Service desk automation: fit 3, return 4, customer 3, risk 2, effort 2 (lower is better)
    // (0.5 + 0.75 + 0.5 + 0.25 + (5 − 2)/4) / 5 = 2.75 / 5 = 55
    let e = evaluate(&s).unwrap();
    assert_close!(e.initiatives[0].score.value.unwrap(), 55.0);
    // weight strategic fit 3×: (3 × 0.5 + 0.75 + 0.5 + 0.25 + 0.75) / 7 = 3.75 / 7
    s.criteria[0].weight = 3.0;
    let e = evaluate(&s).unwrap();
    assert_close!(e.initiatives[0].score.value.unwrap(), 3.75 / 7.0 * 100.0);
}

#[test]
fn ranks_put_the_best_first_share_ties_and_missing_figures_last() {
    let mut s = example_scenario();
    s.initiatives.push(Initiative {
        id: "dup".into(),
        ..s.initiatives[3].clone()
    });
    let e = evaluate(&s).unwrap();
    // NPVs: workflow 144k, portal 40k, MFA 151k, monitoring 172k (twice)
    assert_eq!(ranks(&e.initiatives, Figure::Npv), vec![4, 5, 3, 1, 1]);
    // payback: shortest first (monitoring 10.1, workflow 15.1, MFA 18.6, portal 28.4)
    assert_eq!(ranks(&e.initiatives, Figure::Payback), vec![3, 5, 4, 1, 1]);

    let mut slow = example_scenario();
    slow.initiatives[1].one_time_cost = 5_000_000.0.into();
    let e = evaluate(&slow).unwrap();
    assert_eq!(e.initiatives[1].payback_months.value, None);
    assert_eq!(ranks(&e.initiatives, Figure::Payback)[1], 4);
}

#[test]
fn example_scenario_figures() {
    let s = example_scenario();
    let e = evaluate(&s).unwrap();
    let names: Vec<&str> = e.initiatives.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Service desk workflow automation",
            "Sales portal high availability",
            "MFA and immutable backups",
            "Consolidate monitoring tools"
        ]
    );
    let annual: Vec<f64> = e.initiatives.iter().map(|r| r.annual_value).collect();
    // 93,600 + 51,480; 271,120; 267,520; 85,000 + 10 × 52 × 80 × 0.8 = 85,000 + 33,280
    assert_eq!(annual, vec![145_080.0, 271_120.0, 267_520.0, 118_280.0]);
    for r in &e.initiatives {
        assert!(r.npv.value.unwrap() > 0.0, "{} NPV", r.name);
        assert!(r.irr.value.is_some() && r.payback_months.value.is_some());
    }
}

#[test]
fn validation_names_the_place_and_the_problem() {
    let mut s = example_scenario();
    s.horizon_years = 11;
    s.currency = "dollars".into();
    s.initiatives[0].benefits[0].kind = BenefitKind::HoursSaved(HoursSaved {
        hours: (-5.0).into(),
        per: Period::Month,
        hourly_rate: None,
        adoption_pct: 140.0.into(),
        recapture_pct: Estimate::range(78.0, 75.0, 80.0),
    });
    s.initiatives[1].depends_on.push("nope".into());
    s.initiatives[2].one_time_cost = f64::NAN.into();
    s.initiatives[3].scores.remove("effort");
    let problems = validate(&s);
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let has = |needle: &str| {
        assert!(
            text.iter().any(|t| t.contains(needle)),
            "no problem {needle:?} in {text:#?}"
        )
    };
    has("Scenario › horizon_years: must be between 1 and 10 years");
    has("Scenario › currency: must be a three-letter ISO 4217 code");
    has("Initiative 1 “Service desk workflow automation” › benefit 1 “Service desk time on routine tickets” › hours: must not be negative");
    has("› adoption_pct: must be a percentage between 0 and 100");
    has("› recapture_pct: low is above the likely value");
    has("Initiative 2 “Sales portal high availability” › depends_on: depends on “nope”, which is not an initiative");
    has("Initiative 3 “MFA and immutable backups” › one_time_cost: is not a finite number");
    has("Initiative 4 “Consolidate monitoring tools” › scores.effort: has no score");
    assert_eq!(problems.len(), 8, "{text:#?}");
    let p = problems.iter().find(|p| p.at.field == "hours").unwrap();
    assert_eq!((p.at.initiative, p.at.benefit), (Some(0), Some(0)));
    assert!(evaluate(&s).is_err());
}

#[test]
fn validation_finds_dependency_cycles_and_duplicate_ids() {
    let mut s = example_scenario();
    s.initiatives[0].depends_on = vec!["portal-ha".into()];
    s.initiatives[1].depends_on = vec!["mfa-backups".into()];
    s.initiatives[2].depends_on = vec!["workflow".into()];
    s.initiatives[3].depends_on = vec!["monitoring".into()];
    let text: Vec<String> = validate(&s).iter().map(|p| p.to_string()).collect();
    assert!(
        text.iter().any(|t| t.contains("dependency cycle: “Service desk workflow automation” → “Sales portal high availability” → “MFA and immutable backups” → “Service desk workflow automation”")),
        "{text:#?}"
    );
    assert!(text.iter().any(|t| t.contains("cannot depend on itself")));
    assert_eq!(text.len(), 2, "{text:#?}");

    let mut s = example_scenario();
    s.initiatives[1].id = "workflow".into();
    s.criteria[0].weight = -1.0;
    let text: Vec<String> = validate(&s).iter().map(|p| p.to_string()).collect();
    assert!(text
        .iter()
        .any(|t| t.contains("id: “workflow” is used by another initiative")));
    assert!(text
        .iter()
        .any(|t| t.contains("Criterion 1 “Strategic fit” › weight: must not be negative")));
}

#[test]
fn range_bounds_are_validated_too() {
    let mut s = example_scenario();
    s.initiatives[0].confidence_pct = Estimate::range(50.0, 90.0, 120.0);
    s.initiatives[1].delivery_months = Estimate {
        likely: 6.0,
        low: Some(3.0),
        high: None,
    };
    let text: Vec<String> = validate(&s).iter().map(|p| p.to_string()).collect();
    assert!(text
        .iter()
        .any(|t| t.contains("confidence_pct.high: must be a percentage")));
    assert!(text
        .iter()
        .any(|t| t.contains("delivery_months: a range needs both a low and a high")));
}

#[test]
fn scenario_json_format() {
    let json = r#"{
      "name": "Tiny",
      "currency": "EUR",
      "horizon_years": 2,
      "discount_rate_pct": 8,
      "default_hourly_rate": {"low": 50, "likely": 60, "high": 75},
      "criteria": [{"id": "fit", "name": "Fit", "weight": 2, "direction": "higher_is_better"}],
      "initiatives": [{
        "id": "a", "name": "A", "category": "strategic",
        "one_time_cost": 10000, "annual_running_cost": 1000,
        "delivery_months": 2, "ramp_up_months": 1, "confidence_pct": 90,
        "scores": {"fit": 4}, "depends_on": [],
        "benefits": [{"label": "Saved", "kind": "hours_saved", "hours": 10, "per": "week",
                      "adoption_pct": 100, "recapture_pct": 50}]
      }]
    }"#;
    let s: Scenario = serde_json::from_str(json).unwrap();
    assert_eq!(s.default_hourly_rate, Estimate::range(50.0, 60.0, 75.0));
    assert_eq!(
        s.hours_per_fte_year, 1800.0,
        "missing settings take their defaults"
    );
    assert_eq!(s.initiatives[0].category, Category::Strategic);
    let e = evaluate(&s).unwrap();
    // 10 h/week × 52 × €60/h × 100% × 50% = €15,600/yr
    assert_eq!(e.initiatives[0].annual_value, 15_600.0);
    // (4 − 1) / 4 = 75
    assert_eq!(e.initiatives[0].score.value, Some(75.0));
    // a point estimate serializes as a plain number, a range as an object
    let back = serde_json::to_value(&s).unwrap();
    assert_eq!(back["discount_rate_pct"], serde_json::json!(8.0));
    assert_eq!(
        back["default_hourly_rate"],
        serde_json::json!({"low": 50.0, "likely": 60.0, "high": 75.0})
    );
    let bad = json.replace("\"hours_saved\"", "\"hours_wasted\"");
    let err = serde_json::from_str::<Scenario>(&bad)
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown variant `hours_wasted`"), "{err}");
}

#[test]
fn payback_interpolates_and_reports_not_within() {
    assert_eq!(finance::payback(&[-100.0, 50.0, 100.0]), Payback::At(1.5));
    assert_eq!(finance::payback(&[-100.0, 50.0, 40.0]), Payback::NotWithin);
    assert_eq!(finance::payback(&[0.0, 10.0]), Payback::At(0.0));
    // dips below zero again after first recovering: the later crossing counts
    assert_eq!(
        finance::payback(&[-10.0, 20.0, -20.0, 20.0]),
        Payback::At(2.5)
    );
}

#[test]
fn irr_of_simple_series() {
    // −100 then 110 a period later: 10%
    assert_close!(finance::irr(&[-100.0, 110.0]).rate().unwrap(), 0.1);
    // two IRRs (10% and 20%): the one closest to zero, flagged
    match finance::irr(&[-100.0, 230.0, -132.0]) {
        Irr::Rate { rate, multiple } => {
            assert_close!(rate, 0.1, 1e-12);
            assert!(multiple);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(finance::irr(&[100.0, 10.0]), Irr::None);
    assert_eq!(finance::irr(&[0.0, 0.0]), Irr::None);
}

#[test]
fn scores_map_is_keyed_by_criterion_id() {
    let s = example_scenario();
    let keys: Vec<&String> = s.initiatives[0].scores.keys().collect();
    let ids: BTreeMap<&str, ()> = s.criteria.iter().map(|c| (c.id.as_str(), ())).collect();
    assert!(keys.iter().all(|k| ids.contains_key(k.as_str())));
}

#[test]
fn the_readme_scenario_example_parses_and_evaluates() {
    let readme = include_str!("../README.md");
    let start = readme
        .find("```json\n")
        .expect("a json block in the README")
        + 8;
    let end = start + readme[start..].find("```").unwrap();
    let s: Scenario = serde_json::from_str(&readme[start..end]).expect("README example parses");
    let e = evaluate(&s).expect("README example is valid");
    // same inputs as the example's first initiative, minus its second benefit:
    // 200 h/month × 12 × $65/h × 80% × 75% = $93,600/yr
    assert_eq!(e.initiatives[0].annual_value, 93_600.0);
    assert_eq!(
        s.initiatives[0].benefits[0].kind,
        BenefitKind::HoursSaved(HoursSaved {
            hours: Estimate::range(150.0, 200.0, 260.0),
            per: Period::Month,
            hourly_rate: None,
            adoption_pct: 80.0.into(),
            recapture_pct: 75.0.into(),
        })
    );
}

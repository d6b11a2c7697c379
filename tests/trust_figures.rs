//! Figures the trust issue (13) found wrong or unhelpful: very large IRRs, all weights at 0, no
//! FTE hours, costs too small to divide by, benefits too large to be true. Expected values are
//! hand arithmetic written here.
#![cfg(not(target_arch = "wasm32"))]

use caseboard::model::finance::{irr, Irr};
use caseboard::model::*;
use proptest::prelude::*;

fn rel_close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs()
}

/// One initiative: the given one-time cost, a cost avoided a year, no delivery time or ramp-up.
fn one(one_time_cost: f64, avoided_per_year: f64, horizon_years: u32) -> Scenario {
    let mut s = blank_scenario();
    s.horizon_years = horizon_years;
    s.criteria = Vec::new();
    s.initiatives = vec![Initiative {
        id: "a".into(),
        name: "A".into(),
        one_time_cost: Estimate::point(one_time_cost),
        annual_running_cost: Estimate::point(0.0),
        delivery_months: Estimate::point(0.0),
        ramp_up_months: Estimate::point(0.0),
        benefits: vec![Benefit {
            label: "b".into(),
            kind: BenefitKind::CostAvoided {
                amount_per_year: Estimate::point(avoided_per_year),
            },
        }],
        ..Initiative::default()
    }];
    s
}

fn lines(d: &Derivation) -> String {
    d.lines(&PlainFormat { currency: "USD" }).join(" | ")
}

#[test]
fn a_two_flow_irr_is_the_ratio_less_one_however_large() {
    // −a then +b: (1 + r) = b / a.
    for (a, b) in [(1.0, 2.0), (1.0, 83_333_333.0), (1.0, 1e20), (3.0, 1e25)] {
        match irr(&[-a, b]) {
            Irr::Rate { rate, multiple } => {
                assert!(rel_close(rate, b / a - 1.0, 1e-12), "{a}, {b}: {rate}");
                assert!(!multiple);
            }
            other => panic!("{a}, {b}: {other:?}"),
        }
    }
}

#[test]
fn the_issues_large_irr_is_found_and_explained_truly() {
    // One-time cost 1, cost avoided 1e9 a year, delivery 0, one year: −1 then 12 × b with
    // b = 1e9 / 12. The NPV is zero where 1 = Σ b x^t (x = 1/(1 + r)), so (1 + r) ≈ b + 1 to
    // within a part in b², and the yearly IRR is (1 + b)^12 − 1 ≈ 1.1 × 10⁹⁵ = 1.1 × 10⁹⁷ %.
    let s = one(1.0, 1e9, 1);
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    let e = evaluate(&s).unwrap();
    let r = &e.initiatives[0];
    let b: f64 = 1e9 / 12.0;
    let want = ((1.0 + b).powi(12) - 1.0) * 100.0;
    let got = r.irr.value.expect("an IRR");
    assert!(rel_close(got, want, 1e-9), "{got} vs {want}");
    assert!(got > 1e97 && got < 1.2e97);
    let words = lines(&r.irr.derivation);
    assert!(!words.contains("never change sign"), "{words}");
}

#[test]
fn an_irr_beyond_the_range_says_so_and_why() {
    // A ratio of 10^600 between the flows: the one IRR is far above any rate Caseboard computes.
    match irr(&[-1e-300, 1e300]) {
        Irr::OutOfRange {
            above: true,
            changes: 1,
        } => {}
        other => panic!("{other:?}"),
    }
    // And within a hair of −100%: the loss is nearly all.
    match irr(&[-1e300, 1e-300]) {
        Irr::OutOfRange {
            above: false,
            changes: 1,
        } => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn flows_that_never_change_sign_have_no_irr_and_say_so_without_a_number() {
    let s = one(0.0, 1200.0, 1);
    let e = evaluate(&s).unwrap();
    let r = &e.initiatives[0];
    assert_eq!(r.irr.value, None);
    let words = lines(&r.irr.derivation);
    assert!(words.contains("never change sign"), "{words}");
    // No misleading "→ 0%" after the words.
    assert!(!words.contains('→'), "{words}");
}

#[test]
fn all_weights_at_zero_leave_the_score_undefined_and_every_money_figure_computed() {
    let mut s = example_scenario();
    for c in &mut s.criteria {
        c.weight = 0.0;
    }
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    let e = evaluate(&s).unwrap();
    let with_weights = evaluate(&example_scenario()).unwrap();
    for (r, w) in e.initiatives.iter().zip(&with_weights.initiatives) {
        assert_eq!(r.score.value, None);
        assert!(lines(&r.score.derivation).contains("not defined"));
        // The money does not depend on the weights.
        assert_eq!(r.npv.value, w.npv.value);
        assert_eq!(r.roi.value, w.roi.value);
    }
    // Ranked by score, none of them is first over another: all share the last place.
    let ranks = ranks(&e.initiatives, Figure::Score);
    assert!(ranks.windows(2).all(|w| w[0] == w[1]), "{ranks:?}");
}

#[test]
fn zero_hours_per_fte_year_is_allowed_and_leaves_the_fte_undefined() {
    let mut s = example_scenario();
    s.hours_per_fte_year = 0.0;
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    let e = evaluate(&s).unwrap();
    let hours = e
        .initiatives
        .iter()
        .flat_map(|r| &r.benefits)
        .find(|b| lines(&b.derivation).contains("FTE equivalent"))
        .expect("an hours-saved benefit");
    assert!(lines(&hours.derivation).contains("FTE equivalent: not defined"));
    assert!(hours.annual_value.is_finite() && hours.annual_value > 0.0);
}

#[test]
fn a_cost_too_small_to_divide_by_leaves_roi_and_ratio_undefined() {
    // The issue's 5e-324 one-time cost: ROI and benefit/cost ratio were "∞%" and "∞×".
    for cost in [5e-324, 1e-300, 0.004] {
        let s = one(cost, 1200.0, 1);
        assert!(validate(&s).is_empty());
        let e = evaluate(&s).unwrap();
        let r = &e.initiatives[0];
        assert_eq!(r.roi.value, None, "{cost}");
        assert_eq!(r.benefit_cost_ratio.value, None, "{cost}");
        assert!(lines(&r.roi.derivation).contains("not defined"));
    }
    // Half a cent and more is a cost: 1,200 a year at 10% for a year, against 0.01.
    let e = evaluate(&one(0.01, 1200.0, 1)).unwrap();
    let r = &e.initiatives[0];
    let roi = r.roi.value.expect("an ROI");
    let npv = r.npv.value.unwrap();
    assert!(rel_close(roi, (npv / 0.01) * 100.0, 1e-12));
    assert!(roi.is_finite());
}

#[test]
fn a_benefit_worth_more_than_ten_times_the_worlds_output_is_refused() {
    // The issue's 7.2e27 a year: 1e12 hours a month at 1e12 an hour would be 1.2e25 and more.
    let mut s = one(1.0, 1.0, 1);
    s.initiatives[0].benefits[0].kind = BenefitKind::HoursSaved {
        hours: Estimate::point(1e12),
        per: Period::Month,
        hourly_rate: Some(Estimate::point(1e12)),
        adoption_pct: Estimate::point(60.0),
        recapture_pct: Estimate::point(100.0),
    };
    let problems = validate(&s);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.contains("more than 10^15"));
    // At the top of a range too: 1e15 / (12 × 1e6 at 100%) is 83.3M hours a month.
    s.initiatives[0].benefits[0].kind = BenefitKind::HoursSaved {
        hours: Estimate::range(1.0, 2.0, 1e8),
        per: Period::Month,
        hourly_rate: Some(Estimate::point(1e6)),
        adoption_pct: Estimate::point(100.0),
        recapture_pct: Estimate::point(100.0),
    };
    assert_eq!(validate(&s).len(), 1);
    if let BenefitKind::HoursSaved { hours, .. } = &mut s.initiatives[0].benefits[0].kind {
        *hours = Estimate::range(1.0, 2.0, 8e7);
    }
    assert!(validate(&s).is_empty());
}

fn extreme() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(5e-324),
        Just(1e-300),
        Just(0.004),
        Just(0.006),
        Just(1.0),
        Just(1e6),
        Just(1e12),
        0.0..1e12f64,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Inputs at the edges of their bounds: a valid scenario's figures are finite numbers or
    /// "not defined", never ∞ or NaN, and what has no value is never marked best.
    #[test]
    fn extreme_valid_inputs_give_finite_or_undefined_figures(
        cost in extreme(), running in extreme(), amount in extreme(),
        hours in extreme(), rate in extreme(), delivery in 0.0..120.0f64,
        discount in prop_oneof![Just(0.0), Just(100.0), 0.0..100.0f64],
        horizon in 1u32..=10,
    ) {
        let mut s = one(cost, amount, horizon);
        s.discount_rate_pct = Estimate::point(discount);
        s.initiatives[0].annual_running_cost = Estimate::point(running);
        s.initiatives[0].delivery_months = Estimate::point(delivery);
        s.initiatives[0].benefits.push(Benefit {
            label: "h".into(),
            kind: BenefitKind::HoursSaved {
                hours: Estimate::point(hours),
                per: Period::Week,
                hourly_rate: Some(Estimate::point(rate)),
                adoption_pct: Estimate::point(100.0),
                recapture_pct: Estimate::point(100.0),
            },
        });
        s.initiatives.push(Initiative { id: "b".into(), ..s.initiatives[0].clone() });
        prop_assume!(validate(&s).is_empty());
        let e = evaluate(&s).unwrap();
        for r in &e.initiatives {
            for h in [&r.npv, &r.roi, &r.benefit_cost_ratio, &r.payback_months, &r.irr, &r.cost_of_delay] {
                prop_assert!(h.value.is_none_or(f64::is_finite), "{:?}", h);
                for step in &h.derivation.steps {
                    prop_assert!(step.result.value.is_finite() || !step.has_value());
                }
            }
            prop_assert!(r.annual_value.is_finite() && r.pv_benefits.is_finite() && r.pv_costs.is_finite());
        }
        let sim = simulate::simulate(&s, 100, 1);
        for r in &sim.initiatives {
            prop_assert!(r.npv.p10.is_finite() && r.npv.p90.is_finite() && r.npv.mean.is_finite());
        }
    }
}

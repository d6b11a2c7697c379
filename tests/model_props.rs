//! Property tests of the engine over arbitrary valid scenarios.
#![cfg(not(target_arch = "wasm32"))]

use caseboard::model::cashflow::{npv_fast, TimelineInputs};
use caseboard::model::convert::{annual_value, convert, Defaults};
use caseboard::model::finance;
use caseboard::model::*;
use common::Field;
use proptest::prelude::*;
use std::collections::BTreeMap;

mod common;

/// A non-negative estimate up to `max`, a point or a valid range.
fn amount(max: f64) -> impl Strategy<Value = Estimate> {
    prop_oneof![
        3 => (0.0..=max).prop_map(Estimate::point),
        1 => (0.0..=max, 0.0..=max, 0.0..=max).prop_map(|(a, b, c)| {
            let mut v = [a, b, c];
            v.sort_by(f64::total_cmp);
            Estimate::range(v[0], v[1], v[2])
        }),
    ]
}

fn pct() -> impl Strategy<Value = Estimate> {
    amount(100.0)
}

fn benefit_kind() -> BoxedStrategy<BenefitKind> {
    common::benefit_kind_of(|field| match field {
        Field::UpTo(max) => amount(max).boxed(),
        Field::Pct => pct().boxed(),
    })
}

fn benefit() -> impl Strategy<Value = Benefit> {
    (".{0,12}", benefit_kind()).prop_map(|(label, kind)| Benefit {
        label,
        kind,
        unknown: Default::default(),
        sources: Default::default(),
    })
}

fn initiative(i: usize) -> impl Strategy<Value = Initiative> {
    (
        (
            ".{1,20}",
            prop::sample::select(Category::ALL.to_vec()),
            ".{0,30}",
        ),
        (amount(5e6), amount(2e6), amount(36.0), amount(24.0), pct()),
        prop::collection::vec(1.0..=5.0f64, 5),
        prop::collection::vec(benefit(), 0..4),
    )
        .prop_map(
            move |((name, category, notes), (otc, run, del, ramp, conf), sc, benefits)| {
                let scores: BTreeMap<String, f64> = Criterion::defaults()
                    .into_iter()
                    .zip(sc)
                    .map(|(c, s)| (c.id, s))
                    .collect();
                Initiative {
                    id: format!("i{i}"),
                    name: if name.trim().is_empty() {
                        "x".into()
                    } else {
                        name
                    },
                    category,
                    notes,
                    one_time_cost: otc,
                    annual_running_cost: run,
                    delivery_months: del,
                    ramp_up_months: ramp,
                    confidence_pct: conf,
                    scores,
                    depends_on: if i > 0 {
                        vec![format!("i{}", i - 1)]
                    } else {
                        vec![]
                    },
                    benefits,
                    unknown: Default::default(),
                    sources: Default::default(),
                    ..Initiative::default()
                }
            },
        )
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        (
            ".{0,20}",
            prop::sample::select(vec!["USD", "EUR", "GBP", "JPY"]),
        ),
        (1u32..=10, pct(), amount(500.0), 100.0..=8784.0f64),
        prop::collection::vec(0.0..=10.0f64, 5),
        (0usize..5).prop_flat_map(|n| (0..n).map(initiative).collect::<Vec<_>>()),
    )
        .prop_map(
            |((name, currency), (h, rate, hourly, fte), weights, initiatives)| {
                let mut criteria = Criterion::defaults();
                for (c, w) in criteria.iter_mut().zip(weights) {
                    c.weight = w;
                }
                criteria[0].weight += 0.5;
                Scenario {
                    name,
                    currency: currency.into(),
                    horizon_years: h,
                    discount_rate_pct: rate,
                    default_hourly_rate: hourly,
                    hours_per_fte_year: fte,
                    criteria,
                    initiatives,
                    simulation: SimSettings::default(),
                    unknown: Default::default(),
                    ..Scenario::default()
                }
            },
        )
}

fn all_finite(r: &InitiativeResult) -> bool {
    let heads = [
        &r.npv,
        &r.roi,
        &r.benefit_cost_ratio,
        &r.payback_months,
        &r.irr,
        &r.cost_of_delay,
        &r.score,
    ];
    heads.iter().all(|h| h.value.is_none_or(f64::is_finite))
        && heads.iter().all(|h| {
            h.derivation
                .steps
                .iter()
                .all(|s| s.result.value.is_finite() || (!s.has_value() && s.note.is_some()))
        })
        && r.benefits.iter().all(|b| {
            b.annual_value.is_finite()
                && b.derivation
                    .steps
                    .iter()
                    .all(|s| s.result.value.is_finite() || (!s.has_value() && s.note.is_some()))
        })
        && [
            &r.monthly.benefits,
            &r.monthly.costs,
            &r.monthly.net,
            &r.monthly.cumulative,
        ]
        .iter()
        .all(|v| v.iter().all(|x| x.is_finite()))
        && r.tei.iter().all(|row| {
            row.initial.is_finite()
                && row.total.is_finite()
                && row.present_value.is_finite()
                && row.years.iter().all(|y| y.is_finite())
        })
        && r.pv_benefits.is_finite()
        && r.pv_costs.is_finite()
        && r.annual_value.is_finite()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_valid_scenario_gives_finite_outputs(s in scenario()) {
        let problems = validate(&s);
        prop_assert!(problems.is_empty(), "{:?}", problems);
        let e = evaluate(&s).unwrap();
        prop_assert_eq!(e.initiatives.len(), s.initiatives.len());
        for r in &e.initiatives {
            prop_assert!(all_finite(r), "{:?}", r.name);
            // No score only when no criterion has a weight above 0.
            let weighted = s.criteria.iter().any(|c| c.weight > 0.0);
            prop_assert_eq!(r.score.value.is_some(), weighted);
            prop_assert!(r.score.value.is_none_or(|v| (0.0..=100.0).contains(&v)));
        }
    }

    /// The simulation never fails on a valid scenario (in the browser a panic stops the worker),
    /// and its figures are ordered and in range, with either distribution.
    #[test]
    fn any_valid_scenario_simulates_to_ordered_figures(
        s in scenario(),
        seed in 0u64..1_000,
        lognormal in any::<bool>(),
    ) {
        let mut s = s;
        if lognormal {
            s.simulation.distribution = Distribution::Lognormal;
        }
        let sim = simulate::simulate(&s, 200, seed);
        prop_assert_eq!(sim.initiatives.len(), s.initiatives.len());
        for r in &sim.initiatives {
            let n = r.npv;
            prop_assert!([n.p10, n.p25, n.p50, n.p75, n.p90, n.mean].iter().all(|x| x.is_finite()));
            prop_assert!(n.p10 <= n.p25 && n.p25 <= n.p50 && n.p50 <= n.p75 && n.p75 <= n.p90);
            for p in [r.p_loss, r.p_best, r.p_best_roi, r.p_best_payback, r.payback.within] {
                prop_assert!((0.0..=1.0).contains(&p), "{p}");
            }
            if let (Some(a), Some(b)) = (r.payback.p10, r.payback.p90) {
                prop_assert!(0.0 <= a && a <= b && b <= f64::from(s.horizon_years) * 12.0);
            }
        }
        prop_assert!(sim.evpi >= 0.0 && sim.evpi.is_finite());
        for v in sim.evppi.iter().chain([&sim.evppi_chance]) {
            prop_assert!(*v >= 0.0 && *v <= sim.evpi * (1.0 + 1e-9) + 1e-9, "{v} > {}", sim.evpi);
        }
    }

    #[test]
    fn serde_round_trip_is_the_identity(s in scenario()) {
        let json = serde_json::to_string(&s).unwrap();
        let back: Scenario = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, s);
    }

    #[test]
    fn derivation_result_equals_the_numeric_path(k in benefit_kind(), rate in 0.0..500.0f64) {
        let defaults = Defaults { hourly_rate: rate, hours_per_fte_year: 1800.0 };
        let shown = convert(&Benefit { label: String::new(), kind: k.clone(), unknown: Default::default(), sources: Default::default()  }, &defaults);
        let fast = annual_value(&k, &defaults, &|e| e.likely);
        let tol = 1e-12 * fast.abs().max(1.0);
        prop_assert!((shown.annual_value - fast).abs() <= tol, "{} vs {}", shown.annual_value, fast);
        prop_assert_eq!(shown.derivation.result().unwrap().value, shown.annual_value);
    }

    #[test]
    fn more_hours_saved_never_lowers_npv(s in scenario(), extra in 0.0..1000.0f64) {
        let before = evaluate(&s).unwrap();
        let mut more = s.clone();
        for init in &mut more.initiatives {
            for b in &mut init.benefits {
                if let BenefitKind::HoursSaved(HoursSaved { hours, .. }) = &mut b.kind {
                    hours.likely += extra;
                    if let Some(h) = hours.high.as_mut() { *h += extra; }
                }
            }
        }
        let after = evaluate(&more).unwrap();
        for (a, b) in before.initiatives.iter().zip(&after.initiatives) {
            prop_assert!(b.npv() >= a.npv() - 1e-9 * a.npv().abs().max(1.0), "{} < {}", b.npv(), a.npv());
        }
    }

    /// A conventional project: an outlay at month 0, then net inflows every month. Its NPV falls
    /// as the discount rate rises.
    #[test]
    fn npv_falls_as_the_discount_rate_rises(
        otc in 1.0..1e6f64, running in 0.0..1e5f64, extra in 1.0..1e6f64,
        years in 1u32..=10, r1 in 0.0..100.0f64, r2 in 0.0..100.0f64,
    ) {
        let (lo, hi) = if r1 <= r2 { (r1, r2) } else { (r2, r1) };
        let mk = |rate: f64| {
            let mut s = Scenario { horizon_years: years, discount_rate_pct: rate.into(), ..Scenario::default() };
            s.criteria.clear();
            s.initiatives.push(Initiative {
                id: "a".into(),
                one_time_cost: otc.into(),
                annual_running_cost: running.into(),
                delivery_months: 0.0.into(),
                ramp_up_months: 0.0.into(),
                benefits: vec![Benefit { label: String::new(), kind: BenefitKind::CostAvoided(CostAvoided { amount_per_year: (running + extra).into() }), unknown: Default::default(), sources: Default::default() }],
                ..Initiative::default()
            });
            evaluate(&s).unwrap().initiatives[0].npv()
        };
        let (a, b) = (mk(lo), mk(hi));
        prop_assert!(b <= a + 1e-9 * a.abs().max(1.0), "NPV at {hi}% = {b} > NPV at {lo}% = {a}");
        if hi > lo + 1e-6 { prop_assert!(b < a); }
    }

    #[test]
    fn npv_at_the_irr_is_about_zero(s in scenario()) {
        let e = evaluate(&s).unwrap();
        for r in &e.initiatives {
            if let Some(rate) = r.irr_detail.rate() {
                // "about zero" relative to the size of the discounted flows at that rate
                let x = 1.0 / (1.0 + rate);
                let scale: f64 = r.monthly.net.iter().enumerate().map(|(t, f)| f.abs() * x.powi(t as i32)).sum();
                let at = finance::npv(rate, &r.monthly.net);
                prop_assert!(at.abs() <= 1e-9 * scale, "NPV at IRR {rate} = {at} (scale {scale})");
            }
        }
    }

    #[test]
    fn the_fast_npv_matches_the_full_evaluation(s in scenario()) {
        let e = evaluate(&s).unwrap();
        let discount = finance::discount_factors(e.monthly_rate, e.horizon_months + 1);
        for (init, r) in s.initiatives.iter().zip(&e.initiatives) {
            let inputs = TimelineInputs {
                horizon_months: e.horizon_months,
                one_time_cost: init.one_time_cost.likely,
                annual_running_cost: init.annual_running_cost.likely,
                delivery_months: init.delivery_months.likely,
                ramp_up_months: init.ramp_up_months.likely,
                confidence: init.confidence_pct.likely / 100.0,
            };
            let fast = npv_fast(&inputs, r.annual_value, &discount);
            let scale = r.pv_benefits + r.pv_costs;
            prop_assert!((fast - r.npv()).abs() <= 1e-9 * scale.max(1.0), "{fast} vs {}", r.npv());
        }
    }

    #[test]
    fn finance_irr_zeroes_npv_of_random_series(flows in prop::collection::vec(-1e6..1e6f64, 2..40)) {
        if let Some(rate) = finance::irr(&flows).rate() {
            // relative to the scale of the discounted flows at that rate
            let x = 1.0 / (1.0 + rate);
            let disc_scale: f64 = flows.iter().enumerate().map(|(t, f)| f.abs() * x.powi(t as i32)).sum();
            prop_assert!(finance::npv(rate, &flows).abs() <= 1e-8 * disc_scale.max(1e-300), "rate {rate}");
        }
    }
}

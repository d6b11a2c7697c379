//! `figures` (what the page computes on each edit) gives the same figures as `evaluate` (which
//! builds every derivation), bit for bit, and each of `evaluate`'s figures is its derivation's
//! result; the explanation of a part of the NPV picks its steps by name.
#![cfg(not(target_arch = "wasm32"))]

use caseboard::model::evaluate::npv_step;
use caseboard::model::simulate::benchmark_scenario;
use caseboard::model::*;
use common::Field;
use proptest::prelude::*;
use std::collections::BTreeMap;

mod common;

/// `e` without what only an explanation reads: derivations and each benefit's working.
fn without_derivations(mut e: Evaluation) -> Evaluation {
    for r in &mut e.initiatives {
        for h in [
            &mut r.npv,
            &mut r.roi,
            &mut r.benefit_cost_ratio,
            &mut r.payback_months,
            &mut r.irr,
            &mut r.cost_of_delay,
            &mut r.score,
        ] {
            h.derivation = Derivation::default();
        }
        for b in &mut r.benefits {
            b.derivation = Derivation::default();
            b.fte = None;
            b.availability_pct = None;
            b.loss_expectancy = None;
        }
    }
    e
}

/// Bit for bit: `{:?}` writes every float in its shortest exact form (and -0 as "-0.0").
fn same_bits(s: &Scenario) -> Result<(), String> {
    let full = evaluate(s).map_err(|p| format!("{p:?}"))?;
    let lean = figures(s).map_err(|p| format!("{p:?}"))?;
    // Every figure of the full evaluation is its derivation's own result.
    for r in &full.initiatives {
        for h in [
            &r.npv,
            &r.roi,
            &r.benefit_cost_ratio,
            &r.payback_months,
            &r.irr,
            &r.cost_of_delay,
            &r.score,
        ] {
            let last = h.derivation.result().map(|q| q.value);
            let computed = h.derivation.steps.last().is_some_and(|s| s.expr.is_some());
            if let Some(v) = h.value.filter(|_| computed) {
                if last.map(f64::to_bits) != Some(v.to_bits()) {
                    return Err(format!(
                        "{}: {v:?} is not its derivation's {last:?}",
                        r.name
                    ));
                }
            }
        }
    }
    let (a, b) = (
        format!("{:?}", without_derivations(full)),
        format!("{lean:?}"),
    );
    if a != b {
        return Err(format!("evaluate:\n{a}\nfigures:\n{b}"));
    }
    Ok(())
}

#[test]
fn the_example_and_the_benchmark_have_the_same_figures_without_derivations() {
    same_bits(&example_scenario()).unwrap();
    for n in [1, 3, 20] {
        same_bits(&benchmark_scenario(n)).unwrap();
    }
}

#[test]
fn figures_builds_no_derivation() {
    let e = figures(&example_scenario()).unwrap();
    for r in &e.initiatives {
        assert!(r.npv.derivation.steps.is_empty());
        assert!(r.irr.derivation.steps.is_empty());
        assert!(r.benefits.iter().all(|b| b.derivation.steps.is_empty()));
    }
}

#[test]
fn the_npv_parts_are_picked_by_name() {
    let e = evaluate(&example_scenario()).unwrap();
    let r = &e.initiatives[0];
    let labels = |d: Derivation| d.steps.into_iter().map(|s| s.label).collect::<Vec<_>>();
    assert_eq!(
        labels(r.npv.part(&[npv_step::RATE, npv_step::PV_BENEFITS])),
        ["Monthly discount rate", "PV of benefits"]
    );
    assert_eq!(labels(r.npv.part(&[npv_step::PV_COSTS])), ["PV of costs"]);
    // The PV of costs step's result is the initiative's PV of costs.
    let costs = r.npv.part(&[npv_step::PV_COSTS]).result().unwrap().value;
    assert_eq!(costs.to_bits(), r.pv_costs.to_bits());
}

/// A non-negative estimate up to `max`, a point or a valid range.
fn amount(max: f64) -> BoxedStrategy<Estimate> {
    prop_oneof![
        3 => (0.0..=max).prop_map(Estimate::point),
        1 => (0.0..=max, 0.0..=max, 0.0..=max).prop_map(|(a, b, c)| {
            let mut v = [a, b, c];
            v.sort_by(f64::total_cmp);
            Estimate::range(v[0], v[1], v[2])
        }),
    ]
    .boxed()
}

fn initiative(i: usize) -> impl Strategy<Value = Initiative> {
    let benefit = (
        ".{0,6}",
        common::benefit_kind_of(|f| match f {
            Field::UpTo(max) => amount(max),
            Field::Pct => amount(100.0),
        }),
    )
        .prop_map(|(label, kind)| Benefit {
            label,
            kind,
            unknown: Default::default(),
            sources: Default::default(),
        });
    (
        (
            amount(5e6),
            amount(2e6),
            amount(36.0),
            amount(24.0),
            amount(100.0),
        ),
        prop::collection::vec(1.0..=5.0f64, 5),
        prop::collection::vec(benefit, 0..4),
    )
        .prop_map(
            move |((otc, run, del, ramp, conf), sc, benefits)| Initiative {
                id: format!("i{i}"),
                name: format!("Initiative {i}"),
                category: Category::ALL[i % Category::ALL.len()],
                notes: String::new(),
                one_time_cost: otc,
                annual_running_cost: run,
                delivery_months: del,
                ramp_up_months: ramp,
                confidence_pct: conf,
                scores: Criterion::defaults()
                    .into_iter()
                    .zip(sc)
                    .map(|(c, s)| (c.id, s))
                    .collect::<BTreeMap<_, _>>(),
                depends_on: Vec::new(),
                benefits,
                unknown: Default::default(),
                sources: Default::default(),
                ..Initiative::default()
            },
        )
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        (1u32..=10, amount(100.0), amount(500.0), 100.0..=8784.0f64),
        prop::collection::vec(0.0..=10.0f64, 5),
        (0usize..5).prop_flat_map(|n| (0..n).map(initiative).collect::<Vec<_>>()),
    )
        .prop_map(|((h, rate, hourly, fte), weights, initiatives)| {
            let mut criteria = Criterion::defaults();
            for (c, w) in criteria.iter_mut().zip(weights) {
                c.weight = w;
            }
            Scenario {
                name: "random".into(),
                currency: "USD".into(),
                horizon_years: h,
                discount_rate_pct: rate,
                default_hourly_rate: hourly,
                hours_per_fte_year: fte,
                criteria,
                initiatives,
                simulation: SimSettings::default(),
                portfolio: Default::default(),
                goals: Vec::new(),
                tracking: Default::default(),
                fit_from_goals: false,
                correlations: Vec::new(),
                risk_tolerance: Vec::new(),
                unknown: Default::default(),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_scenarios_have_the_same_figures_without_derivations(s in scenario()) {
        prop_assume!(validate(&s).is_empty());
        prop_assert!(same_bits(&s).is_ok(), "{}", same_bits(&s).unwrap_err());
    }
}

//! Correlated estimates in the simulation (issue 18): the scenario's correlations reach the
//! draws, the value of information, who comes first and the tornado. Expected values by hand:
//! an initiative's NPV falls by exactly its one-time cost, so with only that cost ranged its
//! NPV's ranks are the cost's ranks (reversed), and the test measures the draws through it.

use caseboard::model::simulate::{simulate, tornado, LeftOut};
use caseboard::model::*;

/// Spearman's rank correlation, the test's own (no ties in continuous draws).
fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let rank = |v: &[f64]| {
        let mut idx: Vec<usize> = (0..v.len()).collect();
        idx.sort_by(|&i, &j| v[i].partial_cmp(&v[j]).unwrap());
        let mut r = vec![0.0; v.len()];
        for (k, &i) in idx.iter().enumerate() {
            r[i] = k as f64;
        }
        r
    };
    let (ra, rb) = (rank(a), rank(b));
    let n = a.len() as f64;
    // 1 − 6 Σd² / (n (n² − 1))
    let d2: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - y) * (x - y)).sum();
    1.0 - 6.0 * d2 / (n * (n * n - 1.0))
}

/// Two (or more) copies of the example's first initiative, every estimate a single number but
/// the one-time cost, a range of its own per copy.
fn copies(ranges: &[(f64, f64, f64)]) -> Scenario {
    let base = example_scenario();
    let mut s = Scenario {
        initiatives: Vec::new(),
        ..base.clone()
    };
    for (k, (lo, likely, hi)) in ranges.iter().enumerate() {
        let mut i = base.initiatives[0].clone();
        i.id = format!("c{k}");
        i.name = format!("Copy {k}");
        i.depends_on.clear();
        i.one_time_cost = Estimate::range(*lo, *likely, *hi);
        s.initiatives.push(i);
    }
    s
}

fn together(name: &str, r: f64, keys: &[&str]) -> Correlation {
    Correlation {
        name: name.into(),
        rank_correlation: r,
        inputs: keys.iter().map(|k| k.to_string()).collect(),
    }
}

fn npvs(sim: &caseboard::model::simulate::Simulation, k: usize) -> Vec<f64> {
    let n = sim.initiatives.len();
    (0..sim.trials).map(|t| sim.npv_trials[t * n + k]).collect()
}

#[test]
fn costs_that_overrun_together_reach_the_asked_rank_correlation_and_keep_their_draws() {
    let mut s = copies(&[
        (80_000.0, 100_000.0, 160_000.0),
        (30_000.0, 40_000.0, 90_000.0),
        (10_000.0, 12_000.0, 20_000.0),
    ]);
    let plain = simulate(&s, 10_000, 5);
    s.correlations = vec![
        together(
            "Costs overrun together",
            0.6,
            &["c0/one_time_cost", "c1/one_time_cost"],
        ),
        together("Opposed", -0.3, &["c1/one_time_cost", "c2/one_time_cost"]),
    ];
    let sim = simulate(&s, 10_000, 5);
    let (a, b, c) = (npvs(&sim, 0), npvs(&sim, 1), npvs(&sim, 2));
    // NPV = value − one-time cost: the NPVs' ranks are the costs' ranks, reversed in both.
    let ab = spearman(&a, &b);
    let bc = spearman(&b, &c);
    let ac = spearman(&a, &c);
    assert!((ab - 0.6).abs() <= 0.02, "asked 0.6, reached {ab}");
    assert!((bc + 0.3).abs() <= 0.02, "asked −0.3, reached {bc}");
    assert!(ac.abs() <= 0.03, "not asked, reached {ac}");
    // Each initiative's NPVs (its costs) are the same multiset as without correlations.
    for k in 0..3 {
        let mut with = npvs(&sim, k);
        let mut without = npvs(&plain, k);
        with.sort_by(f64::total_cmp);
        without.sort_by(f64::total_cmp);
        assert_eq!(with, without, "initiative {k}");
        // and so the same percentiles (the mean to rounding: the sum runs in another order)
        let (x, y) = (&sim.initiatives[k].npv, &plain.initiatives[k].npv);
        assert_eq!([x.p10, x.p50, x.p90], [y.p10, y.p50, y.p90]);
        assert!((x.mean - y.mean).abs() < 1e-6);
    }
    // The run reports what it reached, by its own measure, close to the test's.
    let corr = &sim.correlation;
    assert_eq!(corr.asked.len(), 2);
    assert!(corr.moved.is_empty() && corr.left_out.is_empty());
    assert!((corr.achieved[0] - ab).abs() < 1e-9 && (corr.achieved[1] - bc).abs() < 1e-9);
}

#[test]
fn p_first_and_the_value_of_information_use_the_correlated_draws() {
    // B costs what A costs plus 2,000: PERT(52k, 62k, 72k) against PERT(50k, 60k, 70k), each
    // with sd 20,000 · √(3·3 / (6² · 7)) = 3,780. Independent, A is cheaper (first) with
    // probability Φ(2,000 / (3,780 · √2)) = Φ(0.374) = 0.646. Moving together at 1, the
    // trials pair A's and B's draws quantile by quantile, so A is cheaper in (nearly) every
    // trial — and knowing the costs then hardly changes the choice.
    let mut s = copies(&[
        (50_000.0, 60_000.0, 70_000.0),
        (52_000.0, 62_000.0, 72_000.0),
    ]);
    let apart = simulate(&s, 4_000, 9);
    let p = apart.initiatives[0].p_best;
    assert!((p - 0.646).abs() < 0.03, "P(A first) {p}");
    s.correlations = vec![together(
        "Same vendor",
        1.0,
        &["c0/one_time_cost", "c1/one_time_cost"],
    )];
    let same = simulate(&s, 4_000, 9);
    let p = same.initiatives[0].p_best;
    assert!(p > 0.995, "P(A first) {p}");
    assert!(
        same.evpi < apart.evpi / 50.0,
        "{} {}",
        same.evpi,
        apart.evpi
    );
}

#[test]
fn pairs_that_cannot_hold_together_are_repaired_and_the_report_says_how_far() {
    // a with b and a with c at 0.9, but b against c at −0.9: no correlation matrix.
    let mut s = copies(&[
        (80_000.0, 100_000.0, 160_000.0),
        (30_000.0, 40_000.0, 90_000.0),
        (10_000.0, 12_000.0, 20_000.0),
    ]);
    s.correlations = vec![
        together(
            "Up",
            0.9,
            &["c0/one_time_cost", "c1/one_time_cost", "c2/one_time_cost"],
        ),
        together("Down", -0.9, &["c1/one_time_cost", "c2/one_time_cost"]),
        // an input without a range, and one that no longer exists: left out, said
        together("Others", 0.5, &["c0/delivery_months", "gone/one_time_cost"]),
    ];
    let sim = simulate(&s, 5_000, 2);
    let c = &sim.correlation;
    assert_eq!(
        c.overlaps, 1,
        "b–c is in Up and in Down: Down's value applies"
    );
    assert_eq!(c.asked.len(), 3);
    assert!(c.asked.iter().any(|(_, r)| *r == -0.9));
    // every pair moved toward 0 together: the three asked ±0.9, so all by the same share
    assert_eq!(c.moved.len(), 3);
    let factor: Vec<f64> = c
        .moved
        .iter()
        .map(|((i, j), d)| {
            let asked = c.asked.iter().find(|(p, _)| *p == (*i, *j)).unwrap().1;
            (asked + d) / asked
        })
        .collect();
    assert!(factor
        .iter()
        .all(|f| (f - factor[0]).abs() < 1e-9 && *f < 1.0 && *f > 0.0));
    // the repaired target is a correlation matrix, and the draws follow it
    assert!(caseboard::model::correlate::check(&c.target).is_ok());
    for (n, ((i, j), _)) in c.asked.iter().enumerate() {
        assert!((c.achieved[n] - c.used(*i, *j)).abs() < 0.03);
    }
    assert_eq!(
        c.left_out,
        vec![
            (2, "c0/delivery_months".to_string(), LeftOut::NoRange),
            (2, "gone/one_time_cost".to_string(), LeftOut::Gone),
        ]
    );
}

#[test]
fn a_tornado_bar_moves_the_inputs_correlated_with_it() {
    // One year at 0% discount: NPV = benefits − one-time cost − running cost, so a bar's ends
    // are sums by hand.
    let mut s = copies(&[(8_000.0, 10_000.0, 15_000.0)]);
    s.horizon_years = 1;
    s.discount_rate_pct = Estimate::point(0.0);
    let i = &mut s.initiatives[0];
    i.annual_running_cost = Estimate::range(2_000.0, 3_000.0, 5_000.0);
    let base = evaluate(&s).unwrap().initiatives[0].npv();
    let alone = tornado(&s, 0);
    let bar = |ws: &[caseboard::model::simulate::Swing], label: &str| {
        ws.iter().find(|w| w.label == label).unwrap().clone()
    };
    let ot = bar(&alone, "one-time cost");
    assert!((ot.npv_low - (base + 2_000.0)).abs() < 1e-6);
    assert!((ot.npv_high - (base - 5_000.0)).abs() < 1e-6);
    s.correlations = vec![together(
        "Costs overrun together",
        0.5,
        &["c0/one_time_cost", "c0/annual_running_cost"],
    )];
    let moved = tornado(&s, 0);
    let ot = bar(&moved, "one-time cost");
    // one-time at its low (2,000 less), running half-way to its low (500 less)
    assert!(
        (ot.npv_low - (base + 2_000.0 + 500.0)).abs() < 1e-6,
        "{ot:?}"
    );
    // one-time at its high (5,000 more), running half-way to its high (1,000 more)
    assert!(
        (ot.npv_high - (base - 5_000.0 - 1_000.0)).abs() < 1e-6,
        "{ot:?}"
    );
    assert_eq!(ot.moves_with.len(), 1);
    assert_eq!(ot.moves_with[0].0, "running cost per year");
    assert!((ot.moves_with[0].1 - 0.5).abs() < 1e-12);
    let run = bar(&moved, "running cost per year");
    // running at its low (1,000 less), one-time half-way to its low (1,000 less)
    assert!(
        (run.npv_low - (base + 1_000.0 + 1_000.0)).abs() < 1e-6,
        "{run:?}"
    );
}

//! Loss exceedance curves (src/model/loss.rs): against an independent NumPy simulation of the same
//! model (tools/gen_lec_fixtures.py), against means and probabilities worked out by hand, the
//! pairing of before and after, determinism, hostile inputs, the tolerance, and the curves' shape
//! for any valid inputs.

use caseboard::model::loss::*;
use caseboard::model::{example_scenario, Estimate, RiskReduced};
use proptest::prelude::*;

const Z95: f64 = 1.644_853_626_951_472_2;

fn risk(events: Estimate, loss: Estimate, likelihood: Estimate, impact: Estimate) -> RiskReduced {
    RiskReduced {
        events_per_year: events,
        loss_per_event: loss,
        likelihood_reduction_pct: likelihood,
        impact_reduction_pct: impact,
    }
}

fn pt(v: f64) -> Estimate {
    Estimate::point(v)
}

fn rg(low: f64, likely: f64, high: f64) -> Estimate {
    Estimate::range(low, likely, high)
}

fn curve(risks: &[&RiskReduced], trials: usize, seed: u64) -> LossCurve {
    loss_curve(risks, trials, seed).unwrap_or_else(|e| panic!("{e}"))
}

/// Whether `r` is the refusal of input `input` of the first risk for `problem`.
fn refused(r: Result<LossCurve, LossError>, input: &str, problem: &str) -> bool {
    match r {
        Err(LossError::Invalid {
            risk: 0,
            input: i,
            problem: p,
        }) => i == input && p == problem,
        _ => false,
    }
}

/// Sample standard deviation.
fn sd(v: &[f64]) -> f64 {
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
}

fn pert_mean(low: f64, likely: f64, high: f64) -> f64 {
    (low + 4.0 * likely + high) / 6.0
}

/// The mean of a lognormal whose 5th and 95th percentiles are `low` and `high`.
fn lognormal_mean(low: f64, high: f64) -> f64 {
    let mu = (low.ln() + high.ln()) / 2.0;
    let sigma = (high.ln() - low.ln()) / (2.0 * Z95);
    (mu + sigma * sigma / 2.0).exp()
}

/// Two independent estimates of one probability agree within sampling error:
/// |p₁ − p₂| ≤ 4 · √(p(1 − p)(1/n₁ + 1/n₂)) + 1e-4, p the pooled estimate.
fn same_probability(p1: f64, n1: usize, p2: f64, n2: usize) -> bool {
    let (n1, n2) = (n1 as f64, n2 as f64);
    let p = (p1 * n1 + p2 * n2) / (n1 + n2);
    (p1 - p2).abs() <= 4.0 * (p * (1.0 - p) * (1.0 / n1 + 1.0 / n2)).sqrt() + 1e-4
}

/// The NumPy oracle's cases (tests/fixtures/lec_oracle.json) at 100,000 trials: every P(yearly
/// loss > x) before and after within the sampling error of the two runs (`same_probability`),
/// and every mean within 4 standard errors of the difference.
#[test]
fn matches_the_numpy_oracle() {
    let oracle: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/lec_oracle.json")).unwrap();
    let n2 = oracle["trials"].as_u64().unwrap() as usize;
    let cases = oracle["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 5);
    let n1 = 100_000;
    for (k, case) in cases.iter().enumerate() {
        let name = case["name"].as_str().unwrap();
        let risks: Vec<RiskReduced> = serde_json::from_value(case["risks"].clone()).unwrap();
        let refs: Vec<&RiskReduced> = risks.iter().collect();
        let c = curve(&refs, n1, 2_024 + k as u64);
        assert_eq!(c.trials, n1);
        let xs = case["x"].as_array().unwrap();
        for (i, x) in xs.iter().enumerate() {
            let x = x.as_f64().unwrap();
            for (side, mine) in [("p_before", c.p_before(x)), ("p_after", c.p_after(x))] {
                let theirs = case[side][i].as_f64().unwrap();
                assert!(
                    same_probability(mine, n1, theirs, n2),
                    "{name}: {side} at {x}: {mine} here, {theirs} in NumPy"
                );
            }
        }
        for (side, mine, sorted) in [
            ("before", c.mean_before, &c.before),
            ("after", c.mean_after, &c.after),
        ] {
            let theirs = case[format!("mean_{side}")].as_f64().unwrap();
            let their_sd = case[format!("sd_{side}")].as_f64().unwrap();
            let se = (sd(sorted).powi(2) / n1 as f64 + their_sd.powi(2) / n2 as f64).sqrt();
            assert!(
                (mine - theirs).abs() <= 4.0 * se,
                "{name}: mean {side} {mine} here, {theirs} in NumPy (se {se})"
            );
        }
    }
}

/// Mean yearly loss before = E[λ] · E[loss per event] (Wald's identity), within 3 standard
/// errors: PERT rate and lognormal loss; point rate and PERT loss (low 0); both points.
#[test]
fn mean_before_is_rate_times_mean_loss() {
    let none = pt(0.0);
    let cases = [
        (
            risk(rg(2.0, 4.0, 8.0), rg(5e3, 2e4, 1.5e5), none, none),
            pert_mean(2.0, 4.0, 8.0) * lognormal_mean(5e3, 1.5e5),
        ),
        (
            risk(pt(4.0), rg(0.0, 4e4, 1e5), none, none),
            4.0 * pert_mean(0.0, 4e4, 1e5),
        ),
        (risk(pt(0.3), pt(2.5e5), none, none), 0.3 * 2.5e5),
        (
            risk(rg(0.1, 0.5, 3.0), rg(1e4, 5e4, 1e6), none, none),
            pert_mean(0.1, 0.5, 3.0) * lognormal_mean(1e4, 1e6),
        ),
    ];
    for (k, (r, expected)) in cases.iter().enumerate() {
        let c = curve(&[r], 100_000, 11 + k as u64);
        let se = sd(&c.before) / (c.trials as f64).sqrt();
        assert!(
            (c.mean_before - expected).abs() <= 3.0 * se,
            "case {k}: mean {} expected {expected} (se {se})",
            c.mean_before
        );
        // nothing reduced: after is before
        assert_eq!(c.before, c.after);
    }
}

/// With point reductions r_l and r_i, mean after = mean before · (1 − r_l)(1 − r_i): against the
/// hand-computed mean, and against the run's own mean before.
#[test]
fn point_reductions_scale_the_mean() {
    let r = risk(rg(2.0, 4.0, 8.0), rg(5e3, 2e4, 1.5e5), pt(40.0), pt(25.0));
    let c = curve(&[&r], 100_000, 5);
    let factor = 0.6 * 0.75;
    let expected = pert_mean(2.0, 4.0, 8.0) * lognormal_mean(5e3, 1.5e5) * factor;
    let n = (c.trials as f64).sqrt();
    let (se_after, se_before) = (sd(&c.after) / n, sd(&c.before) / n);
    assert!(
        (c.mean_after - expected).abs() <= 3.0 * se_after,
        "mean after {} expected {expected}",
        c.mean_after
    );
    // the two means are positively correlated (paired draws), so this bound is generous
    let se = (se_after.powi(2) + (factor * se_before).powi(2)).sqrt();
    assert!((c.mean_after - factor * c.mean_before).abs() <= 3.0 * se);
}

/// P(yearly loss > 0) with a point rate λ is 1 − e^{−λ} before, and 1 − e^{−λ(1 − r_l)} after a
/// point likelihood reduction r_l (a thinned Poisson), within 4 binomial standard errors.
#[test]
fn chance_of_any_loss_is_one_minus_exp_minus_rate() {
    for (k, (lambda, rl)) in [(0.3, 0.5), (4.0, 0.8), (1.5, 0.0), (12.0, 0.95)]
        .into_iter()
        .enumerate()
    {
        let r = risk(pt(lambda), rg(1e3, 1e4, 1e5), pt(rl * 100.0), pt(30.0));
        let c = curve(&[&r], 100_000, 100 + k as u64);
        for (p, rate) in [
            (c.p_before(0.0), lambda),
            (c.p_after(0.0), lambda * (1.0 - rl)),
        ] {
            let expected = 1.0 - (-rate).exp();
            let se = (expected * (1.0 - expected) / c.trials as f64).sqrt();
            assert!(
                (p - expected).abs() <= 4.0 * se + 1e-12,
                "λ {lambda} rate {rate}: {p} expected {expected}"
            );
        }
    }
}

/// Paired draws: in every trial the loss after is at most the loss before. One trial per seed,
/// so each curve's only before and after are the same year's.
#[test]
fn after_never_exceeds_before_in_a_trial() {
    let a = risk(
        rg(2.0, 4.0, 8.0),
        rg(5e3, 2e4, 1.5e5),
        rg(0.0, 40.0, 100.0),
        rg(0.0, 25.0, 100.0),
    );
    let b = risk(pt(0.7), rg(0.0, 4e4, 1e5), pt(10.0), rg(0.0, 0.0, 30.0));
    let c = risk(pt(3.0), pt(1e4), pt(0.0), pt(0.0));
    let mut reduced = 0;
    for seed in 0..3_000 {
        let y = curve(&[&a, &b, &c], 1, seed);
        assert!(y.after[0] <= y.before[0], "seed {seed}: {y:?}");
        reduced += usize::from(y.after[0] < y.before[0]);
    }
    // the reductions do reduce
    assert!(reduced > 2_000, "{reduced}");
    // and on a whole run, rank by rank
    let y = curve(&[&a, &b, &c], 20_000, 9);
    assert!(y.after.iter().zip(&y.before).all(|(a, b)| a <= b));
}

/// The same seed gives the same curve; another seed another.
#[test]
fn same_seed_same_curve() {
    let r = risk(
        rg(2.0, 4.0, 8.0),
        rg(5e3, 2e4, 1.5e5),
        rg(20.0, 40.0, 60.0),
        rg(10.0, 25.0, 50.0),
    );
    let one = curve(&[&r], DEFAULT_TRIALS, 42);
    assert_eq!(one, curve(&[&r], DEFAULT_TRIALS, 42));
    assert_eq!(one.trials, DEFAULT_TRIALS);
    assert_eq!(one.seed, 42);
    assert_ne!(one.before, curve(&[&r], DEFAULT_TRIALS, 43).before);
}

/// Inputs from a hostile file or link give an error that says why, never a panic or a run
/// without end.
#[test]
fn hostile_inputs_are_refused() {
    let ok = risk(pt(1.0), pt(1e4), pt(10.0), pt(10.0));
    let with = |f: &dyn Fn(&mut RiskReduced)| {
        let mut r = ok.clone();
        f(&mut r);
        loss_curve(&[&r], 1_000, 1)
    };
    let nan = f64::NAN;
    assert!(refused(
        with(&|r| r.events_per_year = pt(nan)),
        "loss events per year",
        "not a number"
    ));
    assert!(refused(
        with(&|r| r.events_per_year = pt(-1.0)),
        "loss events per year",
        "below 0"
    ));
    assert!(refused(
        with(&|r| { r.loss_per_event = pt(f64::INFINITY) }),
        "loss per event",
        "not a number"
    ));
    assert!(refused(
        with(&|r| { r.loss_per_event = rg(1.0, 2.0, nan) }),
        "loss per event",
        "not a number"
    ));
    assert!(refused(
        with(&|r| { r.loss_per_event = rg(-5.0, 2.0, 10.0) }),
        "loss per event",
        "below 0"
    ));
    assert!(refused(
        with(&|r| { r.loss_per_event = rg(5.0, 20.0, 10.0) }),
        "loss per event",
        "the likely value is outside the range"
    ));
    assert!(refused(
        with(&|r| { r.likelihood_reduction_pct = pt(140.0) }),
        "likelihood reduction",
        "above 100%"
    ));
    assert!(refused(
        with(&|r| { r.impact_reduction_pct = rg(-10.0, 5.0, 20.0) }),
        "impact reduction",
        "below 0"
    ));
    assert!(refused(
        with(&|r| { r.impact_reduction_pct = pt(f64::NEG_INFINITY) }),
        "impact reduction",
        "not a number"
    ));
    assert_eq!(
        with(&|r| r.events_per_year = pt(1e12)),
        Err(LossError::TooManyEvents {
            risk: 0,
            events_per_year: 1e12
        })
    );
    assert!(matches!(
        with(&|r| r.events_per_year = rg(1.0, 2.0, 1e300)),
        Err(LossError::TooManyEvents { .. })
    ));
    assert_eq!(loss_curve(&[], 1_000, 1), Err(LossError::NoRisk));
    assert_eq!(loss_curve(&[&ok], 0, 1), Err(LossError::NoTrials));
    // the rate allowed, with drawn losses, at the most trials: too many draws, and the error says
    // how many trials fit
    let busy = risk(pt(MAX_EVENTS_PER_YEAR), rg(1.0, 2.0, 3.0), pt(0.0), pt(0.0));
    match loss_curve(&[&busy], MAX_TRIALS, 1) {
        Err(LossError::TooMuchWork { trials, max_trials }) => {
            assert_eq!(trials, MAX_TRIALS);
            assert!(max_trials > 0 && max_trials < MAX_TRIALS);
            assert!(loss_curve(&[&busy], max_trials + 1, 1).is_err());
        }
        other => panic!("{other:?}"),
    }
    // a risk listed a million times over; the largest portfolio's worth at the most trials
    let many = vec![&ok; 1_000_000];
    assert_eq!(
        loss_curve(&many, DEFAULT_TRIALS, 1),
        Err(LossError::TooManyRisks { risks: 1_000_000 })
    );
    match loss_curve(&many[..MAX_RISKS], MAX_TRIALS, 1) {
        Err(LossError::TooMuchWork { max_trials, .. }) => {
            assert!(max_trials > 0 && max_trials < MAX_TRIALS)
        }
        other => panic!("{other:?}"),
    }
    // losses that add up beyond the largest number
    let huge = risk(pt(50.0), pt(f64::MAX / 4.0), pt(0.0), pt(0.0));
    assert_eq!(loss_curve(&[&huge], 100, 1), Err(LossError::Overflow));
    let wide = risk(pt(5.0), rg(1e-300, 1.0, 1e300), pt(0.0), pt(0.0));
    assert_eq!(loss_curve(&[&wide], 1_000, 1), Err(LossError::Overflow));
    // every error is a sentence
    for e in [
        LossError::NoRisk,
        LossError::TooMuchWork {
            trials: 10,
            max_trials: 0,
        },
        LossError::Overflow,
    ] {
        assert!(!e.to_string().is_empty());
    }
    assert_eq!(
        with(&|r| r.likelihood_reduction_pct = pt(140.0))
            .unwrap_err()
            .to_string(),
        "risk 1, likelihood reduction: above 100%"
    );
}

/// More trials than `MAX_TRIALS` run `MAX_TRIALS`; tiny, huge and zero losses give a curve
/// without a panic.
#[test]
fn trials_are_capped_and_edges_hold() {
    let r = risk(pt(0.5), pt(1e4), pt(10.0), pt(0.0));
    assert_eq!(curve(&[&r], usize::MAX, 1).trials, MAX_TRIALS);
    // no event ever: no loss, no curve points, nothing exceeded
    let never = risk(pt(0.0), rg(1.0, 2.0, 3.0), pt(0.0), pt(0.0));
    let c = curve(&[&never], 1_000, 1);
    assert!(c.points.is_empty());
    assert_eq!(
        (c.mean_before, c.p_before(0.0), c.p_after(0.0)),
        (0.0, 0.0, 0.0)
    );
    // the whole impact removed: the after curve is 0
    let removed = risk(pt(2.0), pt(1e4), pt(0.0), pt(100.0));
    let c = curve(&[&removed], 1_000, 1);
    assert_eq!((c.mean_after, c.points.len()), (0.0, CURVE_POINTS));
    assert!(c.points.iter().all(|p| p.p_after == 0.0));
    for loss in [
        rg(1e-300, 1e-299, 1e-298),
        rg(1e290, 1e291, 1e292),
        pt(5e-324),
    ] {
        let r = risk(pt(3.0), loss, rg(0.0, 50.0, 100.0), pt(50.0));
        let c = curve(&[&r], 2_000, 3);
        assert!(
            c.points.iter().all(|p| p.loss.is_finite()),
            "{:?}",
            c.points
        );
    }
}

/// The curve's points run in log-spaced steps from a round number at or below the first
/// percentile of the years with a loss to a round number above the 99.9th percentile.
#[test]
fn curve_points_span_round_numbers() {
    let r = risk(rg(2.0, 4.0, 8.0), rg(5e3, 2e4, 1.5e5), pt(40.0), pt(25.0));
    let c = curve(&[&r], 50_000, 8);
    assert_eq!(c.points.len(), CURVE_POINTS);
    let round = |x: f64| {
        let mantissa = x / 10f64.powi(x.log10().floor() as i32);
        [1.0, 2.0, 5.0].iter().any(|m| (mantissa - m).abs() < 1e-9)
    };
    let (first, last) = (c.points[0].loss, c.points[CURVE_POINTS - 1].loss);
    assert!(round(first) && round(last), "{first} {last}");
    let positive_after: Vec<f64> = c.after.iter().copied().filter(|x| *x > 0.0).collect();
    assert!(first <= percentile(&positive_after, 0.01));
    assert!(last > percentile(&c.before, 0.999));
    assert!(c.points[CURVE_POINTS - 1].p_before <= 0.001);
    let ratios: Vec<f64> = c.points.windows(2).map(|w| w[1].loss / w[0].loss).collect();
    assert!(ratios.iter().all(|q| (q / ratios[0] - 1.0).abs() < 1e-9));
    for p in &c.points {
        assert_eq!(p.p_before, exceedance(&c.before, p.loss));
        assert_eq!(p.p_after, exceedance(&c.after, p.loss));
    }
    // the percentiles, as numpy computes them
    assert_eq!(c.percentiles_before.p50, percentile(&c.before, 0.5));
    assert!(c.percentiles_after.p90 <= c.percentiles_before.p90);
    assert!(c.percentiles_before.p50 <= c.percentiles_before.p90);
    assert!(c.percentiles_before.p90 <= c.percentiles_before.p99);
}

#[test]
fn exceedance_and_percentile_by_hand() {
    let v = [0.0, 1.0, 2.0, 3.0];
    assert_eq!(exceedance(&v, -1.0), 1.0);
    assert_eq!(exceedance(&v, 0.0), 0.75);
    assert_eq!(exceedance(&v, 1.5), 0.5);
    assert_eq!(exceedance(&v, 3.0), 0.0);
    assert_eq!(exceedance(&v, f64::INFINITY), 0.0);
    assert!(exceedance(&v, f64::NAN).is_nan());
    assert!(exceedance(&[], 1.0).is_nan());
    assert_eq!(percentile(&v, 0.5), 1.5);
    assert_eq!(percentile(&v, 0.9), 2.7);
    assert_eq!(percentile(&v, 0.0), 0.0);
    assert_eq!(percentile(&v, 2.0), 3.0);
    assert!(percentile(&[], 0.5).is_nan());
    assert!(percentile(&v, f64::NAN).is_nan());
}

/// A tolerance checked by hand. One event a year on average (a point), each losing 200,000;
/// half of them avoided. Losses are whole events: P(before > x) = P(N > ⌊x / 200,000⌋) with
/// N ~ Poisson(1), and after with Poisson(0.5):
///
/// | loss      | tolerated | before                 | after                  |
/// |-----------|-----------|------------------------|------------------------|
/// | 10,000    | 0.5       | P(N ≥ 1) = 0.632 above | P(K ≥ 1) = 0.393       |
/// | 100,000   | 0.3       | 0.632 above            | 0.393 above            |
/// | 200,000   | 0.2       | P(N ≥ 2) = 0.264 above | P(K ≥ 2) = 0.090       |
/// | 1,000,000 | 0.01      | P(N ≥ 6) = 0.0006      | P(K ≥ 6) = 0.00001     |
#[test]
fn tolerance_on_a_hand_made_case() {
    let t = Tolerance::new(vec![(1e6, 0.01), (1e4, 0.5), (2e5, 0.2), (1e5, 0.3)]).unwrap();
    assert_eq!(t.points()[0], (1e4, 0.5));
    // linear in log(loss): halfway between 10,000 and 100,000 in log is √(10⁹)
    assert!((t.at(1e9f64.sqrt()).unwrap() - 0.4).abs() < 1e-12);
    assert_eq!(t.at(1e5), Some(0.3));
    assert_eq!(
        (t.at(9_999.0), t.at(1.1e6), t.at(f64::NAN)),
        (None, None, None)
    );

    let r = risk(pt(1.0), pt(2e5), pt(50.0), pt(0.0));
    let c = curve(&[&r], 100_000, 77);
    let breaches = t.exceeds(&c);
    let at = |loss: f64| breaches.iter().find(|b| b.loss == loss).copied();
    let flags = |loss| at(loss).map(|b| (b.before_above, b.after_above));
    assert_eq!(flags(1e4), Some((true, false)));
    assert_eq!(flags(1e5), Some((true, true)));
    assert_eq!(flags(2e5), Some((true, false)));
    assert_eq!(flags(1e6), None);
    let b = at(1e5).unwrap();
    assert_eq!(b.tolerated, 0.3);
    assert!((b.p_before - (1.0 - (-1.0f64).exp())).abs() < 0.01, "{b:?}");
    for b in &breaches {
        assert!((1e4..=1e6).contains(&b.loss));
        assert_eq!(Some(b.tolerated), t.at(b.loss));
        assert_eq!(
            (b.p_before, b.p_after),
            (c.p_before(b.loss), c.p_after(b.loss))
        );
        assert_eq!(b.before_above, b.p_before > b.tolerated);
        assert_eq!(b.after_above, b.p_after > b.tolerated);
        assert!(b.before_above || b.after_above);
    }
    assert!(breaches.windows(2).all(|w| w[0].loss < w[1].loss));
    // a tolerance no curve reaches
    let lax = Tolerance::new(vec![(1.0, 1.0), (1e7, 1.0)]).unwrap();
    assert!(lax.exceeds(&c).is_empty());
    // tolerances that cannot be used
    for points in [
        vec![],
        vec![(0.0, 0.1)],
        vec![(-5.0, 0.1)],
        vec![(f64::NAN, 0.1)],
        vec![(1e4, 1.5)],
        vec![(1e4, f64::NAN)],
        vec![(1e4, 0.1), (1e4, 0.2)],
        vec![(1e4, 0.1); MAX_TOLERANCE_POINTS + 1],
    ] {
        assert!(matches!(
            Tolerance::new(points),
            Err(LossError::InvalidTolerance { .. })
        ));
    }
}

/// `risks_of` picks an initiative's risk benefits, in order.
#[test]
fn risks_of_an_initiative() {
    let s = example_scenario();
    for i in &s.initiatives {
        let risks = risks_of(i);
        let expected = i
            .benefits
            .iter()
            .filter(|b| b.kind.kind_name() == "risk_reduced")
            .count();
        assert_eq!(risks.len(), expected);
    }
}

fn estimate(max: f64) -> impl Strategy<Value = Estimate> {
    prop_oneof![
        (0.0..max).prop_map(Estimate::point),
        (0.0..max, 0.0..max, 0.0..max).prop_map(|(a, b, c)| {
            let mut v = [a, b, c];
            v.sort_by(f64::total_cmp);
            Estimate::range(v[0], v[1], v[2])
        }),
    ]
}

fn any_risk() -> impl Strategy<Value = RiskReduced> {
    (
        estimate(30.0),
        estimate(1e6),
        estimate(100.0),
        estimate(100.0),
    )
        .prop_map(|(e, l, li, im)| risk(e, l, li, im))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]
    /// For any valid risks, both curves fall (never rise) as the loss grows, the curve after
    /// lies on or below the curve before, and so do its mean and percentiles.
    #[test]
    fn curves_fall_and_after_lies_below(
        risks in prop::collection::vec(any_risk(), 1..4),
        seed in any::<u64>(),
    ) {
        let refs: Vec<&RiskReduced> = risks.iter().collect();
        let c = loss_curve(&refs, 2_000, seed).unwrap();
        for w in c.points.windows(2) {
            prop_assert!(w[0].loss < w[1].loss);
            prop_assert!(w[1].p_before <= w[0].p_before);
            prop_assert!(w[1].p_after <= w[0].p_after);
        }
        for p in &c.points {
            prop_assert!(p.p_after <= p.p_before, "{p:?}");
        }
        prop_assert!(c.after.iter().zip(&c.before).all(|(a, b)| a <= b));
        prop_assert!(c.mean_after <= c.mean_before);
        prop_assert!(c.percentiles_after.p99 <= c.percentiles_before.p99);
    }
}

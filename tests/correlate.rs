//! Iman–Conover correlated draws (`model::correlate`). The achieved rank correlation is measured
//! here by the test's own Spearman (ranks by sorting, Pearson of the ranks), not the module's.

use caseboard::model::correlate::{
    check, normal_quantile, rank_correlation, reorder, repair, score_correlation,
};
use rand::{Rng, SeedableRng};

type TrialRng = caseboard::model::rng::TrialRng;

fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let rank = |v: &[f64]| {
        let mut idx: Vec<usize> = (0..v.len()).collect();
        idx.sort_by(|&i, &j| v[i].partial_cmp(&v[j]).unwrap());
        let mut r = vec![0.0; v.len()];
        for (k, i) in idx.into_iter().enumerate() {
            r[i] = k as f64;
        }
        r
    };
    let (ra, rb) = (rank(a), rank(b));
    let n = a.len() as f64;
    let m = (n - 1.0) / 2.0;
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - m) * (y - m)).sum();
    let var: f64 = ra.iter().map(|x| (x - m) * (x - m)).sum();
    cov / var
}

#[test]
fn the_normal_quantile_matches_the_tables() {
    // Standard normal tables: Φ⁻¹(0.975) = 1.959964, Φ⁻¹(0.99) = 2.326348, Φ⁻¹(0.5) = 0,
    // Φ⁻¹(0.001) = −3.090232 (the lower tail's branch).
    assert!((normal_quantile(0.975) - 1.959_964).abs() < 1e-6);
    assert!((normal_quantile(0.99) - 2.326_348).abs() < 1e-6);
    assert!(normal_quantile(0.5).abs() < 1e-12);
    assert!((normal_quantile(0.001) + 3.090_232).abs() < 1e-6);
}

#[test]
fn draws_take_the_asked_rank_correlation_and_keep_their_values() {
    let n = 10_000;
    let mut rng = TrialRng::seed_from_u64(7);
    // Three inputs of different shapes: uniform, skewed, and a two-point mix.
    let mut draws: Vec<Vec<f64>> = vec![
        (0..n).map(|_| rng.random::<f64>() * 100.0).collect(),
        (0..n).map(|_| rng.random::<f64>().powi(3) * 5e5).collect(),
        (0..n)
            .map(|_| if rng.random::<f64>() < 0.3 { 1.0 } else { 2.0 } + rng.random::<f64>())
            .collect(),
    ];
    let before: Vec<Vec<f64>> = draws
        .iter()
        .map(|c| {
            let mut s = c.clone();
            s.sort_by(f64::total_cmp);
            s
        })
        .collect();
    let target = vec![
        vec![1.0, 0.7, -0.3],
        vec![0.7, 1.0, 0.0],
        vec![-0.3, 0.0, 1.0],
    ];
    assert_eq!(check(&target), Ok(()));
    // the normal scores' correlation that gives each asked rank correlation
    let scores: Vec<Vec<f64>> = target
        .iter()
        .map(|r| r.iter().map(|v| score_correlation(*v)).collect())
        .collect();
    assert!(reorder(
        &mut draws,
        &scores,
        &mut TrialRng::seed_from_u64(1)
    ));
    for (i, j) in [(0, 1), (0, 2), (1, 2)] {
        let got = spearman(&draws[i], &draws[j]);
        assert!(
            (got - target[i][j]).abs() <= 0.02,
            "pair ({i}, {j}): asked {}, got {got}",
            target[i][j]
        );
    }
    // Each input's draws are the same multiset as before.
    for (c, b) in draws.iter().zip(&before) {
        let mut s = c.clone();
        s.sort_by(f64::total_cmp);
        assert_eq!(&s, b);
    }
}

#[test]
fn a_target_that_is_no_correlation_matrix_is_refused_or_repaired() {
    // a ~ b at 0.9, b ~ c at 0.9, but a ~ c at −0.9: impossible together.
    let bad = vec![
        vec![1.0, 0.9, -0.9],
        vec![0.9, 1.0, 0.9],
        vec![-0.9, 0.9, 1.0],
    ];
    assert_eq!(check(&bad), Err(vec![(0, 1), (0, 2), (1, 2)]));
    // A pair outside −1..1 is named alone.
    let out = vec![vec![1.0, 1.5], vec![1.5, 1.0]];
    assert_eq!(check(&out), Err(vec![(0, 1)]));
    // Repaired: shrunk toward 0 until valid; the repaired one passes, and each move is said.
    let (fixed, moved) = repair(&bad);
    assert_eq!(check(&fixed), Ok(()));
    assert_eq!(moved.len(), 3);
    for ((i, j), d) in &moved {
        assert!((fixed[*i][*j] - bad[*i][*j] - d).abs() < 1e-12);
        assert!(fixed[*i][*j].abs() < bad[*i][*j].abs());
    }
    // A valid target is left as it is.
    let ok = vec![vec![1.0, 0.5], vec![0.5, 1.0]];
    assert_eq!(repair(&ok), (ok.clone(), vec![]));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(16))]
    /// Any pair's asked correlation is met within sampling error (5,000 draws: ±0.03), and the
    /// draws stay the same multisets.
    #[test]
    fn any_pair_is_met(rho in -0.95f64..0.95, seed in 0u64..1000) {
        let n = 5_000;
        let mut rng = TrialRng::seed_from_u64(seed);
        let mut draws: Vec<Vec<f64>> = (0..2)
            .map(|_| (0..n).map(|_| rng.random::<f64>()).collect())
            .collect();
        let mut before = draws.clone();
        for c in &mut before {
            c.sort_by(f64::total_cmp);
        }
        let s = score_correlation(rho);
        let target = vec![vec![1.0, s], vec![s, 1.0]];
        proptest::prop_assert!(reorder(&mut draws, &target, &mut rng));
        let got = spearman(&draws[0], &draws[1]);
        proptest::prop_assert!((got - rho).abs() <= 0.03, "asked {rho}, got {got}");
        for (c, b) in draws.iter_mut().zip(&before) {
            c.sort_by(f64::total_cmp);
            proptest::prop_assert_eq!(&*c, b);
        }
    }
}

#[test]
fn a_rank_correlation_and_its_normal_scores_correlation_convert_both_ways() {
    // 2 sin(π/12) = 0.517638…: normal scores correlated 0.5176 have rank correlation 0.5
    assert!((score_correlation(0.5) - 0.517_638_090_205_041_5).abs() < 1e-12);
    assert_eq!(score_correlation(0.0), 0.0);
    assert!((score_correlation(1.0) - 1.0).abs() < 1e-12);
    assert!((score_correlation(-1.0) + 1.0).abs() < 1e-12);
    for r in [-0.9, -0.3, 0.2, 0.7] {
        assert!((rank_correlation(score_correlation(r)) - r).abs() < 1e-12);
    }
}

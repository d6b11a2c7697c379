//! The simulation's PERT draw by table (`simulate::PertTable`) against the exact distribution.
//! PERT(low, likely, high) = low + width · Beta(α, β), α = 1 + 4 (likely − low) / width,
//! β = 1 + 4 (high − likely) / width. The exact CDF here is the test's own: the regularized
//! incomplete beta by its continued fraction (Lentz's method) with ln Γ from Stirling's series,
//! where the module uses a power series, a march over the density and Lanczos' ln Γ. That CDF
//! is itself checked against the closed forms of integer shapes (polynomials) and against a
//! numerical integration of the density.
#![cfg(not(target_arch = "wasm32"))]

use caseboard::model::rng::TrialRng;
use caseboard::model::simulate::PertTable;
use rand::SeedableRng;

/// ln Γ(x), x > 0: Stirling's series at z = x + 12 (its first omitted term, 691 / (360360 z¹¹),
/// is below 2e-15 there), brought down by Γ(x + 12) = Γ(x) · x (x + 1) ⋯ (x + 11).
fn ln_gamma(x: f64) -> f64 {
    let z = x + 12.0;
    let series =
        (z - 0.5) * z.ln() - z + 0.5 * (2.0 * std::f64::consts::PI).ln() + 1.0 / (12.0 * z)
            - 1.0 / (360.0 * z.powi(3))
            + 1.0 / (1260.0 * z.powi(5))
            - 1.0 / (1680.0 * z.powi(7))
            + 1.0 / (1188.0 * z.powi(9));
    let product: f64 = (0..12).map(|k| x + k as f64).product();
    series - product.ln()
}

/// The continued fraction of the incomplete beta (Numerical Recipes' betacf, modified Lentz).
fn beta_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let guard = |v: f64| if v.abs() < TINY { TINY } else { v };
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 / guard(1.0 - qab * x / qap);
    let mut h = d;
    for m in 1..1000 {
        let m = m as f64;
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 / guard(1.0 + aa * d);
        c = guard(1.0 + aa / c);
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 / guard(1.0 + aa * d);
        c = guard(1.0 + aa / c);
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() < 1e-16 {
            return h;
        }
    }
    panic!("the continued fraction did not converge: a {a}, b {b}, x {x}");
}

/// The exact CDF of Beta(a, b): the regularized incomplete beta I_x(a, b).
fn beta_cdf(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front =
        (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_fraction(a, b, x) / a
    } else {
        1.0 - front * beta_fraction(b, a, 1.0 - x) / b
    }
}

/// α and β of PERT(low, likely, high).
fn shapes(low: f64, likely: f64, high: f64) -> (f64, f64) {
    let width = high - low;
    (
        1.0 + 4.0 * (likely - low) / width,
        1.0 + 4.0 * (high - likely) / width,
    )
}

/// The exact CDF of PERT(low, likely, high) at v.
fn pert_cdf(low: f64, likely: f64, high: f64, v: f64) -> f64 {
    let (a, b) = shapes(low, likely, high);
    beta_cdf(a, b, (v - low) / (high - low))
}

/// The ranges tried: likely at low, at high, in the middle, and skewed between, including the
/// benchmark's −30% / +40% and shapes within a hair of the ends.
const RANGES: [(f64, f64, f64); 9] = [
    (0.0, 0.0, 1.0),              // α = 1, β = 5: likely at low
    (10.0, 20.0, 20.0),           // α = 5, β = 1: likely at high
    (-5.0, 0.0, 5.0),             // α = β = 3: likely in the middle
    (70.0, 100.0, 140.0),         // α ≈ 2.71, β ≈ 3.29
    (0.0, 3.0, 100.0),            // α = 1.12, β = 4.88
    (0.0, 95.0, 100.0),           // a percentage, α = 4.8, β = 1.2
    (1_000.0, 1_000.25, 1_100.0), // α = 1.01
    (0.0, 0.999, 1.0),            // β ≈ 1.004
    (2e5, 2.6e5, 9e5),            // α ≈ 1.34, a long upper tail
];

#[test]
fn the_oracle_cdf_matches_closed_forms_and_an_integration() {
    // Integer shapes have polynomial CDFs: Beta(1, 5): 1 − (1 − x)⁵; Beta(5, 1): x⁵;
    // Beta(3, 3): 10x³ − 15x⁴ + 6x⁵; Beta(2, 4): 1 − (1 − x)⁴ (1 + 4x).
    type Cdf = fn(f64) -> f64;
    let closed: [(f64, f64, Cdf); 4] = [
        (1.0, 5.0, |x| 1.0 - (1.0 - x).powi(5)),
        (5.0, 1.0, |x| x.powi(5)),
        (3.0, 3.0, |x| x.powi(3) * (10.0 - 15.0 * x + 6.0 * x * x)),
        (2.0, 4.0, |x| 1.0 - (1.0 - x).powi(4) * (1.0 + 4.0 * x)),
    ];
    for (a, b, f) in closed {
        for i in 0..=1000 {
            let x = i as f64 / 1000.0;
            let (got, want) = (beta_cdf(a, b, x), f(x));
            assert!(
                (got - want).abs() < 1e-13,
                "Beta({a}, {b}) at {x}: {got} vs {want}"
            );
        }
    }
    // Any shape: Simpson's rule on the density, in t with x = t³ so that the integrand t^(3a−1)…
    // is smooth at 0, with B(a, b) from the same integration (no Γ at all).
    let integral = |a: f64, b: f64, x: f64| {
        let n = 20_000;
        let end = x.cbrt();
        let g = |t: f64| {
            let x = t * t * t;
            3.0 * t * t * x.powf(a - 1.0) * (1.0 - x).powf(b - 1.0)
        };
        let h = end / n as f64;
        let inner: f64 = (1..n)
            .map(|k| if k % 2 == 1 { 4.0 } else { 2.0 } * g(k as f64 * h))
            .sum();
        (g(0.0) + inner + g(end)) * h / 3.0
    };
    for (low, likely, high) in RANGES {
        let (a, b) = shapes(low, likely, high);
        let total = integral(a, b, 0.5) + integral(b, a, 0.5);
        for x in [1e-4, 0.01, 0.1, 0.3, 0.5] {
            let want = integral(a, b, x) / total;
            let got = beta_cdf(a, b, x);
            assert!(
                (got - want).abs() < 1e-9,
                "Beta({a}, {b}) at {x}: {got} vs {want}"
            );
            let (got, want) = (beta_cdf(b, a, x), integral(b, a, x) / total);
            assert!(
                (got - want).abs() < 1e-9,
                "Beta({b}, {a}) at {x}: {got} vs {want}"
            );
        }
    }
}

#[test]
fn the_tables_quantiles_are_the_exact_ones() {
    // F(table(u)) against u on a fine grid (offset so that it is not the table's own points),
    // and deep in both tails: the largest gap is the table's Kolmogorov distance from the exact
    // distribution.
    let mut us: Vec<f64> = (0..200_000)
        .map(|i| (i as f64 + 0.37) / 200_000.0)
        .collect();
    for k in 1..=15 {
        let u = 10f64.powi(-k);
        us.extend([u, 3.0 * u, 1.0 - u, 1.0 - 3.0 * u]);
    }
    for (low, likely, high) in RANGES {
        let t = PertTable::new(low, likely, high).unwrap();
        assert_eq!(t.quantile(0.0), low);
        assert_eq!(t.quantile(1.0), high);
        let mut worst: f64 = 0.0;
        for &u in &us {
            let gap = (pert_cdf(low, likely, high, t.quantile(u)) - u).abs();
            worst = worst.max(gap);
        }
        println!("PERT({low}, {likely}, {high}): max |F(table(u)) − u| = {worst:.2e}");
        assert!(worst < 1e-5, "PERT({low}, {likely}, {high}): {worst}");
        // increasing
        let mut last = low;
        for i in 0..=100_000 {
            let v = t.quantile(i as f64 / 100_000.0);
            assert!(v >= last, "PERT({low}, {likely}, {high}) at {i}");
            last = v;
        }
    }
}

#[test]
fn every_shape_is_as_close() {
    // likely at 0, 0.5%, …, 100% of the range: α from 1 to 5 in steps of 0.02
    let us: Vec<f64> = (0..20_000).map(|i| (i as f64 + 0.5) / 20_000.0).collect();
    for k in 0..=200 {
        let likely = k as f64 / 200.0;
        let t = PertTable::new(0.0, likely, 1.0).unwrap();
        let worst = us
            .iter()
            .map(|&u| (pert_cdf(0.0, likely, 1.0, t.quantile(u)) - u).abs())
            .fold(0.0, f64::max);
        assert!(worst < 1e-5, "PERT(0, {likely}, 1): {worst}");
    }
}

#[test]
fn draws_pass_kolmogorov_smirnov_against_the_exact_cdf() {
    let n = 20_000;
    // The 1% critical value of the Kolmogorov distribution, 1.63 / √n.
    let critical = 1.63 / (n as f64).sqrt();
    for (k, (low, likely, high)) in RANGES.into_iter().enumerate() {
        let t = PertTable::new(low, likely, high).unwrap();
        let mut rng = TrialRng::seed_from_u64(1_000 + k as u64);
        let mut v: Vec<f64> = (0..n).map(|_| t.sample(&mut rng)).collect();
        assert!(v.iter().all(|x| (low..=high).contains(x)));
        v.sort_by(f64::total_cmp);
        let d = v
            .iter()
            .enumerate()
            .map(|(i, x)| {
                let f = pert_cdf(low, likely, high, *x);
                (f - i as f64 / n as f64).max((i + 1) as f64 / n as f64 - f)
            })
            .fold(0.0, f64::max);
        println!("PERT({low}, {likely}, {high}): KS D = {d:.5} (1% critical {critical:.5})");
        assert!(d < critical, "PERT({low}, {likely}, {high}): D = {d}");
    }
}

#[test]
fn the_mean_of_many_draws_is_low_plus_four_likely_plus_high_over_six() {
    let n = 200_000;
    for (k, (low, likely, high)) in RANGES.into_iter().enumerate() {
        let t = PertTable::new(low, likely, high).unwrap();
        let mut rng = TrialRng::seed_from_u64(2_000 + k as u64);
        let mean = (0..n).map(|_| t.sample(&mut rng)).sum::<f64>() / n as f64;
        let want = (low + 4.0 * likely + high) / 6.0;
        // Var Beta(α, β) = αβ / ((α + β)² (α + β + 1)), α + β = 6
        let (a, b) = shapes(low, likely, high);
        let sd = (a * b / (36.0 * 7.0)).sqrt() * (high - low);
        let se = sd / (n as f64).sqrt();
        assert!(
            (mean - want).abs() < 4.0 * se,
            "PERT({low}, {likely}, {high}): mean {mean}, want {want} ± {}",
            4.0 * se
        );
    }
}

#[test]
fn no_table_for_a_range_without_width_or_a_likely_outside_it() {
    assert!(PertTable::new(5.0, 5.0, 5.0).is_none());
    assert!(PertTable::new(5.0, 6.0, 4.0).is_none());
    assert!(PertTable::new(0.0, 2.0, 1.0).is_none());
    assert!(PertTable::new(0.0, f64::NAN, 1.0).is_none());
    assert!(PertTable::new(-f64::MAX, 0.0, f64::MAX).is_none());
}

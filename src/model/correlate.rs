//! Correlated estimates by the Iman–Conover method: each input's own draws are re-ordered so that
//! their ranks follow a target rank correlation, so every input keeps exactly its distribution
//! (the same multiset of draws) and only the pairing across inputs changes.
//!
//! 1. Scores: each column a random permutation of the van der Waerden scores Φ⁻¹(i ÷ (n + 1)).
//! 2. Their sample correlation E = F Fᵀ and the target C = P Pᵀ (Cholesky); T = S (F⁻¹)ᵀ Pᵀ has
//!    a correlation close to C.
//! 3. Each input's draws, sorted, are put in the rank order of T's column.
//!
//! A target that is not a correlation matrix (not positive semi-definite) is either refused,
//! naming the pairs at fault ([`check`]), or repaired to a valid one nearby ([`repair`]) with how
//! far each pair moved. The scenario's correlations (`Scenario::correlations`) reach it
//! through `simulate::correlation_plan`.

use super::rng::TrialRng;
use rand::seq::SliceRandom;

/// A square matrix, row by row.
pub type Matrix = Vec<Vec<f64>>;

/// How far a repair moved each pair (row, column), repaired minus asked.
pub type Moves = Vec<((usize, usize), f64)>;

/// Φ⁻¹(p), the standard normal quantile (Acklam's rational approximation, relative error below
/// 1.2e-9 on (0, 1)).
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    if p < 0.024_25 {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - 0.024_25 {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// The lower-triangular L with L Lᵀ = `m`; `None` when `m` is not positive definite.
pub fn cholesky(m: &Matrix) -> Option<Matrix> {
    let k = m.len();
    let mut l = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in 0..=i {
            let sum: f64 = (0..j).map(|x| l[i][x] * l[j][x]).sum();
            if i == j {
                let d = m[i][i] - sum;
                if d.is_nan() || d <= 1e-12 {
                    return None;
                }
                l[i][j] = d.sqrt();
            } else {
                l[i][j] = (m[i][j] - sum) / l[j][j];
            }
        }
    }
    Some(l)
}

/// What is wrong with a target: pairs outside −1..1 or asymmetric, or (when each pair is fine)
/// the matrix as a whole, which is not positive semi-definite. `Ok` for a valid target.
pub fn check(c: &Matrix) -> Result<(), Vec<(usize, usize)>> {
    let k = c.len();
    let mut bad = Vec::new();
    for i in 0..k {
        for j in (i + 1)..k {
            let (a, b) = (
                c[i][j],
                c.get(j).and_then(|r| r.get(i)).copied().unwrap_or(f64::NAN),
            );
            if !(-1.0..=1.0).contains(&a) || a != b {
                bad.push((i, j));
            }
        }
    }
    if !bad.is_empty() {
        return Err(bad);
    }
    if c.iter().any(|r| r.len() != k) || !positive_semidefinite(c) {
        // Every pair that is not zero takes part.
        let pairs = (0..k)
            .flat_map(|i| ((i + 1)..k).map(move |j| (i, j)))
            .filter(|&(i, j)| c[i][j] != 0.0)
            .collect();
        return Err(pairs);
    }
    Ok(())
}

fn positive_semidefinite(c: &Matrix) -> bool {
    // With a touch on the diagonal, a singular but valid matrix (two inputs at exactly 1) passes.
    let k = c.len();
    let nudged: Matrix = (0..k)
        .map(|i| {
            (0..k)
                .map(|j| if i == j { c[i][j] + 1e-9 } else { c[i][j] })
                .collect()
        })
        .collect();
    cholesky(&nudged).is_some()
}

/// A valid correlation matrix near `c`: the off-diagonal pairs shrunk toward 0 by the least
/// factor (in steps of 1%) that makes it positive semi-definite, and how far each pair moved.
pub fn repair(c: &Matrix) -> (Matrix, Moves) {
    let k = c.len();
    let clamp = |v: f64| {
        if v.is_finite() {
            v.clamp(-1.0, 1.0)
        } else {
            0.0
        }
    };
    let at = |f: f64| -> Matrix {
        (0..k)
            .map(|i| {
                (0..k)
                    .map(|j| {
                        if i == j {
                            1.0
                        } else {
                            let v = (clamp(c[i][j]) + clamp(c[j][i])) / 2.0;
                            v * f
                        }
                    })
                    .collect()
            })
            .collect()
    };
    let fixed = (0..=100)
        .rev()
        .map(|s| at(f64::from(s) / 100.0))
        .find(positive_semidefinite)
        .unwrap_or_else(|| at(0.0));
    let moved = (0..k)
        .flat_map(|i| ((i + 1)..k).map(move |j| (i, j)))
        .map(|(i, j)| ((i, j), fixed[i][j] - c[i][j]))
        .filter(|(_, d)| d.abs() > 1e-12)
        .collect();
    (fixed, moved)
}

fn correlation(cols: &[Vec<f64>]) -> Matrix {
    let k = cols.len();
    let n = cols.first().map_or(0, Vec::len) as f64;
    let mean: Vec<f64> = cols.iter().map(|c| c.iter().sum::<f64>() / n).collect();
    let sd: Vec<f64> = cols
        .iter()
        .zip(&mean)
        .map(|(c, m)| (c.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / n).sqrt())
        .collect();
    (0..k)
        .map(|i| {
            (0..k)
                .map(|j| {
                    let cov: f64 = cols[i]
                        .iter()
                        .zip(&cols[j])
                        .map(|(a, b)| (a - mean[i]) * (b - mean[j]))
                        .sum::<f64>()
                        / n;
                    cov / (sd[i] * sd[j])
                })
                .collect()
        })
        .collect()
}

/// The rank of each value in `v` (0 for the smallest; ties in order of position).
pub fn ranks(v: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..v.len()).collect();
    order.sort_by(|&a, &b| v[a].total_cmp(&v[b]).then(a.cmp(&b)));
    let mut r = vec![0; v.len()];
    for (rank, &i) in order.iter().enumerate() {
        r[i] = rank;
    }
    r
}

/// Re-orders each column of `draws` (one column an input, all of the same length) so that their
/// normal scores' correlation follows `target` (valid: see [`check`]) — for a rank correlation
/// ρ_s, the target is [`score_correlation`]`(ρ_s)` — with `rng` for the scores' permutations. Each column keeps its own values. `false` (nothing changed) when the target or
/// the columns do not fit.
pub fn reorder(draws: &mut [Vec<f64>], target: &Matrix, rng: &mut TrialRng) -> bool {
    let k = draws.len();
    let n = draws.first().map_or(0, Vec::len);
    if k < 2 || n < 3 || target.len() != k || draws.iter().any(|d| d.len() != n) {
        return false;
    }
    let Some(p) = cholesky(&nudge(target)) else {
        return false;
    };
    let base: Vec<f64> = (1..=n)
        .map(|i| normal_quantile(i as f64 / (n as f64 + 1.0)))
        .collect();
    let scores: Vec<Vec<f64>> = (0..k)
        .map(|_| {
            let mut s = base.clone();
            s.shuffle(rng);
            s
        })
        .collect();
    let Some(f) = cholesky(&correlation(&scores)) else {
        return false;
    };
    // T = S (F⁻¹)ᵀ Pᵀ, row by row: solve F y = s (forward substitution), then t = P y.
    let mut t = vec![vec![0.0; n]; k];
    let mut y = vec![0.0; k];
    for row in 0..n {
        for i in 0..k {
            let sum: f64 = (0..i).map(|x| f[i][x] * y[x]).sum();
            y[i] = (scores[i][row] - sum) / f[i][i];
        }
        for i in 0..k {
            t[i][row] = (0..=i).map(|x| p[i][x] * y[x]).sum();
        }
    }
    // Inputs asked to move exactly together (or exactly opposite) take the same (or the
    // reversed) order: the nudge that lets the target factor would otherwise swap neighbours.
    for j in 1..k {
        if let Some(i) = (0..j).find(|&i| target[i][j].abs() >= 1.0) {
            let sign = target[i][j].signum();
            t[j] = t[i].iter().map(|v| sign * v).collect();
        }
    }
    for (col, target_col) in draws.iter_mut().zip(&t) {
        let mut sorted = col.clone();
        sorted.sort_by(f64::total_cmp);
        for (slot, r) in col.iter_mut().zip(ranks(target_col)) {
            *slot = sorted[r];
        }
    }
    true
}

/// The target with a touch on the diagonal, so that a valid but singular one factors.
fn nudge(c: &Matrix) -> Matrix {
    let k = c.len();
    (0..k)
        .map(|i| {
            (0..k)
                .map(|j| if i == j { 1.0 + 1e-9 } else { c[i][j] })
                .collect()
        })
        .collect()
}

/// The correlation of the normal scores that gives rank (Spearman) correlation `rank`:
/// 2 sin(π·rank/6). The scores are normal, and for normal variables Spearman's ρ_s and
/// Pearson's ρ are tied by ρ_s = (6/π) arcsin(ρ/2); without this a target of 0.5 would reach
/// 0.48. Exact at −1, 0 and 1.
pub fn score_correlation(rank: f64) -> f64 {
    2.0 * (std::f64::consts::PI * rank / 6.0).sin()
}

/// The rank correlation that scores correlated `score` give: (6/π) arcsin(score/2).
pub fn rank_correlation(score: f64) -> f64 {
    6.0 / std::f64::consts::PI * (score / 2.0).clamp(-0.5, 0.5).asin()
}

/// Spearman's rank correlation of two equally long series (ties broken by position).
pub fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let ra: Vec<f64> = ranks(a).into_iter().map(|r| r as f64).collect();
    let rb: Vec<f64> = ranks(b).into_iter().map(|r| r as f64).collect();
    pearson(&ra, &rb)
}

/// Pearson's correlation of two equally long series (of ranks: Spearman's).
pub fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len()) as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let (mut ab, mut aa, mut bb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        let (dx, dy) = (x - ma, y - mb);
        ab += dx * dy;
        aa += dx * dx;
        bb += dy * dy;
    }
    ab / (aa * bb).sqrt()
}

//! The weighted 1–5 score, on a 0–100 scale.
//!
//! Each criterion's score s becomes (s − 1) / 4 when higher is better and (5 − s) / 4 when lower
//! is better (effort: a 1 is the best), so every criterion runs from 0 (worst) to 1 (best). The
//! score is the weighted mean of those, × 100.

use super::derivation::{Derivation, Expr, Unit};
use super::scenario::{Criterion, Direction};
use std::collections::BTreeMap;

pub const MIN_SCORE: f64 = 1.0;
pub const MAX_SCORE: f64 = 5.0;

/// One criterion's contribution: 0..=1, 1 best.
pub fn normalized(score: f64, direction: Direction) -> f64 {
    match direction {
        Direction::HigherIsBetter => (score - MIN_SCORE) / (MAX_SCORE - MIN_SCORE),
        Direction::LowerIsBetter => (MAX_SCORE - score) / (MAX_SCORE - MIN_SCORE),
    }
}

/// The weighted score 0–100 with its derivation; `None` when there are no criteria with weight.
/// Criteria without a score are skipped (validation reports them).
pub fn weighted_score(
    criteria: &[Criterion],
    scores: &BTreeMap<String, f64>,
) -> Option<(f64, Derivation)> {
    let t = Expr::term;
    let mut d = Derivation::default();
    let mut weighted = Vec::new();
    let mut total_weight = 0.0;
    for c in criteria {
        let Some(&s) = scores.get(&c.id) else {
            continue;
        };
        let expr = match c.direction {
            Direction::HigherIsBetter => Expr::over(
                Expr::minus(t("score", s, Unit::Number), t("", MIN_SCORE, Unit::Number)),
                t("", MAX_SCORE - MIN_SCORE, Unit::Number),
            ),
            Direction::LowerIsBetter => Expr::over(
                Expr::minus(t("", MAX_SCORE, Unit::Number), t("score", s, Unit::Number)),
                t("", MAX_SCORE - MIN_SCORE, Unit::Number),
            ),
        };
        let n = d.push(c.name.clone(), expr, Unit::Percent);
        if c.direction == Direction::LowerIsBetter {
            if let Some(step) = d.steps.last_mut() {
                step.note = Some("lower is better".into());
            }
        }
        weighted.push(Expr::product(vec![
            Expr::term(c.name.clone(), n, Unit::Percent),
            t("weight", c.weight, Unit::Number),
        ]));
        total_weight += c.weight;
    }
    if total_weight <= 0.0 {
        return None;
    }
    let score = d.push(
        "Weighted score",
        Expr::over(
            Expr::sum(weighted),
            t("total weight", total_weight, Unit::Number),
        ),
        Unit::Score,
    );
    Some((score, d))
}

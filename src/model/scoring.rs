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

/// The id of the criterion that may be derived from the goals.
pub const FIT: &str = "strategic_fit";

/// The "strategic fit" score of initiative `i` derived from the goals it serves: 1 plus 4 × the
/// weight of the goals it serves ÷ the weight of all goals, to the nearest whole score (serving
/// none: 1; serving every goal: 5). `None` when the goals carry no weight.
pub fn fit_from_goals(
    s: &super::scenario::Scenario,
    i: &super::scenario::Initiative,
) -> Option<f64> {
    let total: f64 = s.goals.iter().map(|g| g.weight.max(0.0)).sum();
    if total <= 0.0 || !total.is_finite() {
        return None;
    }
    let served: f64 = s
        .goals
        .iter()
        .filter(|g| i.serves.iter().any(|x| x.goal == g.id))
        .map(|g| g.weight.max(0.0))
        .sum();
    Some((MIN_SCORE + (MAX_SCORE - MIN_SCORE) * served / total).round())
}

/// When the scenario derives strategic fit from the goals, writes each initiative's derived
/// score (the criterion must exist and the goals carry weight); otherwise changes nothing.
pub fn apply_fit_from_goals(s: &mut super::scenario::Scenario) {
    if !s.fit_from_goals || !s.criteria.iter().any(|c| c.id == FIT) {
        return;
    }
    let derived: Vec<Option<f64>> = s.initiatives.iter().map(|i| fit_from_goals(s, i)).collect();
    for (i, v) in s.initiatives.iter_mut().zip(derived) {
        if let Some(v) = v {
            i.scores.insert(FIT.to_string(), v);
        }
    }
}

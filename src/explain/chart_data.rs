//! What the charts show, shared by their echarts options (`worker::chart_spec`), their words
//! (`chart_text`) and the page's legends: the drivers with value, the initiatives' names, effort
//! scores and one-time costs.

use crate::model::{Driver, InitiativeResult, Shown};

/// The initiatives' names, in the scenario's order.
pub fn names(shown: &Shown) -> Vec<String> {
    shown
        .evaluation
        .initiatives
        .iter()
        .map(|r| r.name.clone())
        .collect()
}

/// The drivers some initiative has value from, in their order.
pub fn drivers(shown: &Shown) -> Vec<Driver> {
    Driver::ALL
        .into_iter()
        .filter(|d| {
            shown
                .evaluation
                .initiatives
                .iter()
                .any(|r| r.annual_by_driver[d.index()] != 0.0)
        })
        .collect()
}

/// The initiative's score on the effort criterion (by id, else by name), if any.
pub fn effort_of(shown: &Shown, r: &InitiativeResult) -> Option<f64> {
    let s = &shown.scenario;
    let criterion = s.criteria.iter().find(|c| c.id == "effort").or_else(|| {
        s.criteria
            .iter()
            .find(|c| c.name.to_ascii_lowercase().contains("effort"))
    })?;
    s.initiatives
        .iter()
        .find(|i| i.id == r.id)
        .and_then(|i| i.scores.get(&criterion.id).copied())
}

/// The initiative's one-time cost at its likely value.
pub fn one_time_cost(shown: &Shown, r: &InitiativeResult) -> f64 {
    shown
        .scenario
        .initiatives
        .iter()
        .find(|i| i.id == r.id)
        .map_or(0.0, |i| i.one_time_cost.likely)
}

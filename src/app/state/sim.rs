//! What the page knows of the simulation of the shown scenario's ranges (run by
//! `results::uncertainty`, read by the comparison and the charts).

use crate::model::Shown;
use crate::wire::Report;
use std::sync::Arc;

/// What the page knows of the simulation.
#[derive(Clone, Default, PartialEq)]
pub struct SimView {
    /// The last run's report (its figures, formatted by the worker).
    pub result: Option<Arc<Report>>,
    /// The results the last run was of: its figures belong to the scenario on screen only while
    /// these are the results shown.
    pub of: Option<Shown>,
    pub running: bool,
    /// Share of trials done (0–1) of the run under way.
    pub progress: f64,
    pub error: Option<String>,
    /// The shown scenario has a range (something to simulate).
    pub ranged: bool,
    /// Counts finished runs: the distribution chart redraws when it changes.
    pub runs: u32,
}

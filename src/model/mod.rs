//! The valuation engine: scenario types, conversions, cash flows, finance, scoring, validation,
//! evaluation and simulation. Pure Rust: no web crate is imported here, and everything is tested natively.
//!
//! Data flows one way: a `Scenario` → `evaluate` → an `Evaluation` the views render.

pub mod cashflow;
pub mod convert;
pub mod correlate;
pub mod dashboard;
pub mod derivation;
pub mod estimate;
pub mod evaluate;
pub mod example;
pub mod finance;
pub mod input;
pub mod limits;
pub mod loss;
pub mod plan;
pub mod portfolio;
pub mod register;
pub mod rng;
pub mod scenario;
pub mod schedule;
pub mod schema;
pub mod scoring;
pub mod simulate;
pub mod tracking;
pub mod validate;

pub use derivation::{Derivation, PlainFormat, Quantity, QuantityFormat, Unit};
pub use estimate::Estimate;
pub use evaluate::{
    evaluate, evaluate_valid, figures, figures_valid, ranks, Evaluation, Figure, InitiativeResult,
    Shown,
};
pub use example::{blank_scenario, example_scenario, EXAMPLE_FLAT_JSON};
pub use scenario::*;
pub use schema::Record;
pub use validate::{validate, Problem};

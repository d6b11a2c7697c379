//! The forms that edit the scenario: settings and criteria, initiatives, benefits.

pub mod actuals;
pub mod benefits;
pub mod correlations;
pub mod goals;
pub mod governance;
pub mod initiatives;
pub mod portfolio;
pub mod readings;
pub mod settings;

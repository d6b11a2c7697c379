//! What the page shows of the evaluation: the summary, the comparison, charts, cash flows,
//! uncertainty.

pub mod assumptions;
pub mod cashflows;
pub mod chart_lib;
pub mod chart_style;
pub mod charts;
pub mod comparison;
pub mod dashboard;
pub mod distributions;
pub mod goals;
pub mod portfolio;
pub mod risk;
pub mod summary;
pub mod uncertainty;

//! Words and numbers for people: how each figure was found, the charts' summaries, data tables
//! and tips, the simulation's report, and the rules of number formatting. Pure: compiled and
//! tested natively; the browser passes its `Intl` formatter (`wire::intl`) as the
//! [`format::NumberFormat`] the words are written with.

pub mod chart_data;
pub mod chart_text;
pub mod dashboard;
pub mod figures;
pub mod format;
pub mod goals;
pub mod loss;
pub mod portfolio;
pub mod sim_report;
pub mod summary;

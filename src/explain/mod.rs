//! Words and numbers for people: how each figure was found, the charts' summaries, data tables
//! and tips, the simulation's report, and the one home of number formatting.

pub mod chart_text;
pub mod figures;
pub mod format;
pub mod sim_report;

//! Small shared pieces of the page: labelled inputs, the notice bar.

pub mod data_table;
pub mod fields;
pub mod grid;
pub mod notices;
pub mod per_initiative;
pub mod print;

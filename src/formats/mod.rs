//! The formats that carry a scenario out of the engine and back: saved files and their
//! migrations, share links, the flat page↔worker form, and CSV. Pure Rust, tested natively.

pub mod csv;
pub mod flat;
mod form;
pub mod link;
pub mod saved;

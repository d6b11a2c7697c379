//! The formats that carry a scenario out of the engine and back: saved files and their
//! migrations, share links, the flat page↔worker form, and CSV. Pure Rust, tested natively.
//!
//! `named` (the serde form of saved files and `c3.` links) and `link_frozen` (the positional
//! form of `c1.`/`c2.` links, frozen) are the worker's; the page uses only `flat`.

mod common;
pub mod csv;
pub mod flat;
pub mod link;
mod link_c3;
mod link_frozen;
pub mod migrations;
mod named;
pub mod saved;
pub mod xlsx;

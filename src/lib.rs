//! Caseboard: a business-case calculator for IT initiatives.
//!
//! `model` is the pure valuation engine (no web crates); `ui` is the Leptos front end, compiled
//! only for the browser.

pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod worker_io;

#[cfg(target_arch = "wasm32")]
pub mod chart_spec;

#[cfg(target_arch = "wasm32")]
pub mod format;

#[cfg(target_arch = "wasm32")]
pub mod sim_report;

#[cfg(target_arch = "wasm32")]
pub mod explain;

#[cfg(target_arch = "wasm32")]
pub mod chart_text;

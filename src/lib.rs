//! Caseboard: a business-case calculator for IT initiatives.
//!
//! Layers, each depending only on those before it:
//! * `model`: the domain (types, conversions, cash flows, finance, scoring, validation,
//!   evaluation, simulation), pure Rust with no web crate;
//! * `formats`: saved files, links, the flat form, CSV;
//! * `wire`: the page↔worker protocol and the words it carries (pure; its `js` and `intl` parts
//!   are the browser's);
//! * `explain`: derivations, chart words and the simulation report in words (pure: numbers are
//!   written by a formatter passed in);
//! * `worker`: the worker's answers (charts, files, links, simulations);
//! * `app`: the Leptos front end (state, widgets, editors, results, storage).

pub mod explain;
pub mod formats;
pub mod model;
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod worker;

#[cfg(target_arch = "wasm32")]
pub mod app;

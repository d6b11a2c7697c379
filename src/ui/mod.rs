//! The Leptos front end. Compiled only for the browser (wasm32).
//!
//! `state` holds the scenario and the one memo that evaluates it; `format` is the one home for
//! number formatting; `fields` the labelled inputs; the rest are views, each with one job.

mod app;
mod benefits;
mod cashflows;
mod chart_style;
mod charts;
mod comparison;
pub mod fields;
pub mod format;
mod initiatives;
mod persist;
mod settings;
mod share;
pub mod state;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Mounts the app into `<main id="app">`, replacing the static loading message.
pub fn mount() {
    console_error_panic_hook::set_once();
    let document = document();
    let Some(root) = document
        .get_element_by_id("app")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    if let Some(loading) = document.get_element_by_id("loading") {
        loading.remove();
    }
    leptos::mount::mount_to(root, app::App).forget();
}

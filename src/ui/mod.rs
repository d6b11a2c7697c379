//! The Leptos front end. Compiled only for the browser (wasm32).

mod app;

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

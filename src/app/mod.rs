//! The Leptos front end. Compiled only for the browser (wasm32).
//!
//! `state` holds the scenario and the one memo that evaluates it; `widgets` the shared pieces;
//! `editors` the forms; `results` the views of the evaluation; `storage` drafts, files and links;
//! `client` talks to the workers.

pub mod client;
pub mod editors;
pub mod results;
mod shell;
pub mod state;
pub mod storage;
pub mod widgets;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Mounts the app into `<main id="app">`, replacing the static loading message.
pub fn mount() {
    // A panic stops the app (panic = "abort"); say where in the console. (Not the panic's own
    // message: formatting it adds to the wasm, and no user input should ever get here.)
    // console_error_panic_hook would format it.
    std::panic::set_hook(Box::new(|info| {
        let (file, line) = info.location().map_or(("?", 0), |l| (l.file(), l.line()));
        web_sys::console::error_3(
            &"Caseboard stopped on an internal error at".into(),
            &file.into(),
            &line.into(),
        );
    }));
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
    leptos::mount::mount_to(root, shell::App).forget();
}

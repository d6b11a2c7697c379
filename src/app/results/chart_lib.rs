//! The chart library (the custom echarts bundle, `echarts.min.js` beside `index.html`), loaded
//! when a chart first comes near the screen or the page is printed, never for the first paint:
//! the summary, the comparison and the editors do not wait for it.
//!
//! One `<script>` element, added once; callers that ask while it loads are answered when it has
//! loaded (`true`) or failed (`false`). After a failure the next caller tries again.

use std::cell::RefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The bundle's file name, relative to the page (so `dist/` works from any sub-path).
const SCRIPT: &str = "echarts.min.js";

#[derive(Clone, Copy, PartialEq)]
enum State {
    Absent,
    Loading,
    Ready,
    Failed,
}

type Waiting = Vec<Box<dyn FnOnce(bool)>>;

thread_local! {
    static STATE: RefCell<(State, Waiting)> = const { RefCell::new((State::Absent, Vec::new())) };
}

/// True when `window.echarts` is there (a script that loaded but failed to run leaves none;
/// calling it then would throw through wasm).
pub fn echarts_loaded() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    js_sys::Reflect::get(&w, &JsValue::from_str("echarts"))
        .map(|e| e.is_object())
        .unwrap_or(false)
}

/// True after the last attempt to load the library failed (and none is under way).
pub fn failed() -> bool {
    STATE.with(|s| s.borrow().0 == State::Failed)
}

/// Calls `then(true)` once the library is loaded (at once when it is), or `then(false)` when it
/// cannot be loaded.
pub fn with_echarts(then: impl FnOnce(bool) + 'static) {
    if echarts_loaded() {
        return then(true);
    }
    let start = STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.1.push(Box::new(then));
        let start = s.0 != State::Loading;
        if start {
            s.0 = State::Loading;
        }
        start
    });
    if start && add_script().is_none() {
        finish(false);
    }
}

/// Answers everyone waiting.
fn finish(ok: bool) {
    let ok = ok && echarts_loaded();
    let waiting = STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.0 = if ok { State::Ready } else { State::Failed };
        std::mem::take(&mut s.1)
    });
    for then in waiting {
        then(ok);
    }
}

/// Adds the `<script>` element, whose load or error answers the callers. A failed one is removed
/// so that the next attempt adds a fresh element.
fn add_script() -> Option<()> {
    let doc = web_sys::window()?.document()?;
    let el = doc.create_element("script").ok()?;
    el.set_attribute("src", SCRIPT).ok()?;
    let loaded = Closure::once_into_js(|| finish(true));
    let failed_el = el.clone();
    let failed = Closure::once_into_js(move || {
        failed_el.remove();
        finish(false);
    });
    el.add_event_listener_with_callback("load", loaded.unchecked_ref())
        .ok()?;
    el.add_event_listener_with_callback("error", failed.unchecked_ref())
        .ok()?;
    doc.body()?.append_child(&el).ok()?;
    Some(())
}

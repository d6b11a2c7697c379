//! Printing: what a section that builds its tables only when they are opened needs to print all
//! of them.

use leptos::prelude::*;

/// True from the browser's `beforeprint` to its `afterprint` (the Print button and the browser's
/// menu alike). A signal set there updates the page before the browser lays it out for print.
pub fn use_printing() -> Signal<bool> {
    let printing = RwSignal::new(false);
    let before = window_event_listener_untyped("beforeprint", move |_| printing.set(true));
    let after = window_event_listener_untyped("afterprint", move |_| printing.set(false));
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    printing.into()
}

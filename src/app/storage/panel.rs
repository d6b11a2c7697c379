//! The drafts list: open, rename, duplicate and delete the drafts of this browser.

use crate::app::storage::drafts::Drafts;
use crate::app::storage::index::Entry;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The `name` attribute of the element an event came from.
fn target(ev: &web_sys::Event, name: &str) -> Option<String> {
    let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    el.get_attribute(name)
}

/// The drafts list. One click and one change handler serve every row (each button says what it
/// does and to which draft in `data-` attributes): a handler per row adds to the wasm.
#[component]
pub fn DraftsPanel() -> impl IntoView {
    let d = expect_context::<Drafts>();
    let s = d.session;
    let count = move || s.list.with(Vec::len);
    let click = move |ev: web_sys::MouseEvent| {
        let (Some(act), Some(id)) = (target(&ev, "data-act"), target(&ev, "data-id")) else {
            return;
        };
        match act.as_str() {
            "open" => d.open(id),
            "duplicate" => d.duplicate(&id),
            "delete" => d.delete(&id),
            // Anything else (a click between the buttons) does nothing: only "Delete" deletes.
            _ => {}
        }
    };
    let change = move |ev: web_sys::Event| {
        if let Some(id) = target(&ev, "data-id") {
            d.rename(id, event_target_value(&ev));
        }
    };
    let rows = move || {
        let open = s.current.get();
        s.list
            .get()
            .into_iter()
            .map(|e| {
                let here = open.as_deref() == Some(e.id.as_str());
                row(e, here)
            })
            .collect_view()
    };
    view! {
        <details class="panel drafts" data-testid="drafts">
            <summary>"Drafts (" {count} ")"</summary>
            <p class="hint">"Saved in this browser half a second after each change. A draft is only here: copy its link or export it to keep it elsewhere."</p>
            <ul on:click=click on:change=change>{rows}</ul>
        </details>
    }
}

/// One draft of the list (`here`: the one on screen).
fn row(e: Entry, here: bool) -> impl IntoView {
    let when = js_sys::Date::new(&JsValue::from_f64(e.updated))
        .to_locale_string("default", &JsValue::UNDEFINED)
        .as_string()
        .unwrap_or_default();
    let about = format!(
        "{}{}{when}",
        if here { "open · " } else { "" },
        if e.link { "from a link · " } else { "" }
    );
    view! {
        <li class="draft" class:open=here>
            <input type="text" value=e.name.clone() data-id=e.id.clone()
                aria-label=format!("Name of draft {}", e.name)/>
            <span class="hint">{about}</span>
            <button type="button" data-act="open" data-id=e.id.clone()>"Open"</button>
            <button type="button" data-act="duplicate" data-id=e.id.clone()>"Duplicate"</button>
            <button type="button" data-act="delete" data-id=e.id>"Delete"</button>
        </li>
    }
}

//! Share links: the scenario in the address bar's fragment, kept in step with every edit; "Copy
//! link"; and opening the scenario a link carries. The encoding itself (deflate, base64url) is the
//! persistence worker's (`model::link`).

use crate::app::client::{ask, reply_scenario, reply_text, scenario_field};
use crate::app::state::AppState;
use crate::app::storage::drafts::Drafts;
use crate::app::storage::messages::{changes_note, problems_note};
use crate::app::widgets::notices::{say, Notice, Notices};
use crate::model::validate;
use crate::wire::js::{field, texts, then};
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The page's section anchors (the skip link and the section links): not share links.
pub const SECTION_ANCHORS: [&str; 8] = [
    "summary",
    "comparison",
    "uncertainty",
    "charts",
    "cash-flows",
    "inputs",
    "assumptions",
    "portfolio",
];

/// The address-bar fragment after the `#`, if any (a section anchor counts as none).
fn fragment() -> String {
    let hash = window().location().hash().unwrap_or_default();
    let text = hash.strip_prefix('#').unwrap_or(&hash);
    if SECTION_ANCHORS.contains(&text) {
        return String::new();
    }
    text.to_string()
}

/// Opens the scenario of the page's link as a new draft, if the address has one (else the last
/// open draft), then keeps the address bar in step with the scenario: 400 ms after edits pause it
/// holds the link of what is on screen. A link pasted into the address bar of this open tab opens
/// as it would in a new tab.
pub fn follow_address(state: AppState, notices: Notices, drafts: Drafts) {
    let text = fragment();
    if !text.is_empty() && !drafts.is_own_link(&text) {
        open_link(text, notices, drafts, true);
    } else {
        drafts.open_last();
    }
    // `replaceState` (how this page writes its own links) fires no `hashchange`: one comes only
    // from the user (a link pasted or typed into the address bar, back and forward).
    let pasted = window_event_listener_untyped("hashchange", move |_| {
        let text = fragment();
        if !text.is_empty() && !drafts.is_own_link(&text) {
            // What this tab had is kept first (a draft's pending edits).
            drafts.save_now();
            open_link(text, notices, drafts, false);
        }
    });
    on_cleanup(move || pasted.remove());
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        state.scenario.track();
        if first.is_none() {
            return;
        }
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let later = set_timeout_with_handle(
            move || write_address(state, drafts, |_| {}),
            std::time::Duration::from_millis(400),
        );
        timer.set_value(later.ok());
    });
}

/// Opens the scenario a link carries as a new draft. On start (`starting`), a link that cannot
/// be opened leaves the last draft on screen; later, what is on screen stays.
fn open_link(text: String, notices: Notices, drafts: Drafts, starting: bool) {
    say(notices, "Opening the scenario in the link…", false);
    let link = text.clone();
    ask(
        "open-link",
        &[("text", JsValue::from_str(&text))],
        move |r| match r.and_then(|reply| {
            reply_scenario(&reply)
                .map(|s| (s, texts(&field(&reply, "notes"))))
                .ok_or_else(|| "The link's scenario could not be read".to_string())
        }) {
            Ok((s, notes)) => {
                let problems = validate(&s);
                drafts.adopt(s, true);
                drafts.session.opened_link.set_value(Some(link));
                say(
                    notices,
                    format!(
                        "Opened the scenario from the link, as a new draft{}.{}",
                        problems_note(&problems),
                        changes_note(&notes)
                    ),
                    !problems.is_empty(),
                );
            }
            Err(e) => {
                let kept = if starting {
                    drafts.open_last();
                    "Caseboard opened as usual (your last draft, or the example)"
                } else {
                    "What was on screen is still here"
                };
                say(notices, format!("{e}. {kept}; nothing was changed."), true)
            }
        },
    );
}

/// Puts the current scenario's link in the address bar; `then` gets the full address.
fn write_address(
    state: AppState,
    drafts: Drafts,
    then: impl FnOnce(Result<String, String>) + 'static,
) {
    let s = state.scenario.with_untracked(scenario_field);
    ask("link", &[s], move |r| {
        then(r.map(|reply| {
            let text = reply_text(&reply);
            drafts.remember_link(&text);
            let hash = format!("#{text}");
            if let Ok(h) = window().history() {
                let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&hash));
            }
            window().location().href().unwrap_or_default()
        }))
    });
}

/// "Copy link": the address with the current scenario, to the clipboard (or shown for copying by
/// hand when the browser refuses).
pub fn copy_link(state: AppState, notices: Notices, drafts: Drafts) {
    write_address(state, drafts, move |r| {
        let url = match r {
            Ok(url) => url,
            Err(e) => return say(notices, e, true),
        };
        let chars = url.chars().count();
        // Beyond this, some mail and chat tools cut links short.
        const LONG_LINK: usize = 2_000;
        let copied = if chars > LONG_LINK {
            format!(
                "Link copied ({chars} characters). It carries the scenario itself: anyone with the link can read it. It is long: some email and chat tools cut links of more than 2,000 characters, so for those send the file instead (Export JSON)."
            )
        } else {
            format!(
                "Link copied ({chars} characters). It carries the scenario itself: anyone with the link can read it."
            )
        };
        let by_hand = Notice {
            link: Some(url.clone()),
            ..Notice::new(
                "Your browser did not allow copying: select the link below and copy it.",
                true,
            )
        };
        // navigator.clipboard.writeText(url).then(ok, refused), each step checked: any of them
        // can be missing (an insecure page, an old browser).
        let clipboard = field(&field(&window().into(), "navigator"), "clipboard");
        let Some(promise) = call(&clipboard, "writeText", &JsValue::from_str(&url)) else {
            return notices.set(Some(by_hand));
        };
        let ok = Closure::once_into_js(move |_: JsValue| say(notices, copied, false));
        let refused = {
            let by_hand = by_hand.clone();
            Closure::once_into_js(move |_: JsValue| notices.set(Some(by_hand)))
        };
        if !then(&promise, &ok, &refused) {
            notices.set(Some(by_hand));
        }
    });
}

/// `obj[method](arg)`; `None` when it is not a function or throws.
fn call(obj: &JsValue, method: &str, arg: &JsValue) -> Option<JsValue> {
    let f = field(obj, method).dyn_into::<js_sys::Function>().ok()?;
    f.call1(obj, arg).ok()
}

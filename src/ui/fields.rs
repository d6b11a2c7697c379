//! Labelled inputs. Each shows its own message (unparsable text or a validation problem) beside
//! it; text that is not a number never reaches the scenario, and nothing typed is lost.

use super::state::{field_key, use_state};
use crate::model::validate::Location;
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT_ID: AtomicUsize = AtomicUsize::new(1);

/// A DOM id unique in the page.
pub fn dom_id(prefix: &str) -> String {
    format!("{prefix}-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed))
}

/// Parses what a user typed: "85000", "85,000", "1e6", "80%", " 12.5 ". Empty is `None`.
pub fn parse_number(raw: &str) -> Result<Option<f64>, String> {
    let cleaned: String = raw
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}'))
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    // The syntax is checked here; the conversion is JavaScript's (exact, like Rust's), so the
    // download carries no float-parsing tables of its own.
    let v = plain_decimal(&cleaned).then(|| js_sys::parse_float(&cleaned));
    match v {
        Some(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(format!("“{}” is not a number", raw.trim())),
    }
}

/// A decimal number: optional sign, digits with at most one point, optional exponent.
fn plain_decimal(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(k) => (&s[..k], Some(&s[k + 1..])),
        None => (s, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((a, b)) => {
            (digits(a) || a.is_empty())
                && (digits(b) || b.is_empty())
                && !(a.is_empty() && b.is_empty())
        }
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}

/// How a number is put back into an input: plain digits, no grouping, no float noise.
pub fn edit_text(v: Option<f64>) -> String {
    match v {
        None => String::new(),
        Some(v) => {
            // JavaScript's shortest round-trip form ("85000", "0.3", "1e+21"), not Rust's float
            // formatting, which would add its tables to the download.
            let r = (v * 1e9).round() / 1e9;
            js_sys::Number::from(r)
                .to_string_with_radix(10)
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default()
        }
    }
}

/// A number input bound to the scenario. With `optional`, clearing it sets `None` (for inputs
/// with a default such as a benefit's own hourly rate).
#[component]
pub fn NumField(
    #[prop(into)] label: String,
    #[prop(into)] at: Signal<Location>,
    #[prop(into)] value: Signal<Option<f64>>,
    set: Callback<Option<f64>>,
    #[prop(optional, into)] unit: String,
    #[prop(optional, into)] placeholder: String,
    #[prop(optional)] optional: bool,
    /// Only whole numbers (years, counts).
    #[prop(optional)]
    integer: bool,
    /// Help shown under the input; none when empty.
    #[prop(optional, into)]
    hint: String,
) -> impl IntoView {
    let state = use_state();
    let id = dom_id("f");
    let msg_id = format!("{id}-msg");
    let text = RwSignal::new(edit_text(value.get_untracked()));
    // Keep the text in step with the scenario (undo, redo, a new scenario), but never overwrite
    // text that already means the current value, nor unparsable text the user is still fixing
    // (its message stays beside it) unless the value itself changed.
    Effect::new(move |prev: Option<Option<f64>>| {
        let v = value.get();
        let pending = at.with(|at| state.parse_errors.with(|p| p.get(&field_key(at)).is_some()));
        let same = parse_number(&text.get_untracked()).ok().flatten() == v;
        let changed = prev.is_some_and(|p| p != v);
        if !same && (changed || !pending) {
            text.set(edit_text(v));
        }
        v
    });
    let message = Memo::new(move |_| at.with(|at| state.message_for(at)));
    let on_input = move |ev| {
        let raw = event_target_value(&ev);
        text.set(raw.clone());
        let at = at.get_untracked();
        match parse_number(&raw) {
            Ok(None) if !optional => {
                state.set_parse_error(&at, Some("Enter a number".into()));
            }
            Ok(Some(v)) if integer && (v.fract() != 0.0 || !(0.0..=1e6).contains(&v)) => {
                state.set_parse_error(&at, Some("Enter a whole number".into()));
            }
            Ok(v) => {
                state.set_parse_error(&at, None);
                if v != value.get_untracked() {
                    set.run(v);
                }
            }
            Err(m) => state.set_parse_error(&at, Some(m)),
        }
    };
    let described = msg_id.clone();
    view! {
        <div class="field" class:invalid=move || message.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <div class="input-row">
                <input
                    id=id
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=placeholder
                    prop:value=move || text.get()
                    on:input=on_input
                    aria-invalid=move || message.with(Option::is_some).to_string()
                    aria-describedby=described
                />
                {(!unit.is_empty()).then(|| view! { <span class="unit" aria-hidden="true">{unit}</span> })}
            </div>
            {(!hint.is_empty()).then(|| view! { <p class="hint">{hint}</p> })}
            <p class="field-msg" id=msg_id aria-live="polite">
                {move || message.get()}
            </p>
        </div>
    }
}

/// A single-line text input.
#[component]
pub fn TextField(
    #[prop(into)] label: String,
    #[prop(into)] at: Signal<Location>,
    #[prop(into)] value: Signal<String>,
    set: Callback<String>,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let state = use_state();
    let id = dom_id("t");
    let msg_id = format!("{id}-msg");
    let message = Memo::new(move |_| at.with(|at| state.message_for(at)));
    let on_input = move |ev| set.run(event_target_value(&ev));
    let described = msg_id.clone();
    let input = if multiline {
        view! {
            <textarea id=id.clone() rows="2" prop:value=move || value.get() on:input=on_input
                aria-describedby=described.clone()></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() type="text" autocomplete="off" prop:value=move || value.get()
                on:input=on_input aria-invalid=move || message.with(Option::is_some).to_string()
                aria-describedby=described.clone() />
        }
        .into_any()
    };
    view! {
        <div class="field" class:invalid=move || message.with(Option::is_some)>
            <label for=id>{label}</label>
            {input}
            <p class="field-msg" id=msg_id aria-live="polite">{move || message.get()}</p>
        </div>
    }
}

/// A select among fixed options (value, label).
#[component]
pub fn SelectField(
    #[prop(into)] label: String,
    options: Vec<(&'static str, String)>,
    #[prop(into)] value: Signal<String>,
    set: Callback<String>,
) -> impl IntoView {
    let id = dom_id("s");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id on:change=move |ev| set.run(event_target_value(&ev))
                prop:value=move || value.get()>
                {options
                    .into_iter()
                    .map(|(v, l)| {
                        view! { <option value=v selected=move || value.get() == v>{l}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Whether the `<details>` element a `toggle` event came from is now open.
pub fn details_open(ev: &web_sys::Event) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        .is_some_and(|d| d.open())
}

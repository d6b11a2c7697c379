//! Labelled inputs. Each shows its own message (unparsable text or a validation problem) beside
//! it; text that is not a number never reaches the scenario, and nothing typed is lost.

use super::state::{field_key, use_state};
pub use crate::format::edit_text;
use crate::model::validate::Location;
use crate::model::Estimate;
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

/// Parses an estimate: a number, or a range read as a 90% interval — "150-250" (the likely value
/// midway), "150-180-250" (low, likely, high), also with "to", "–", "—" or "~" between. A "-"
/// right after a number separates; anywhere else it is a minus sign ("-5 - 10", "1e-3 - 2e-3").
/// Empty is `None`. The order (low ≤ likely ≤ high) is validation's to check, beside the input.
pub fn parse_estimate(raw: &str) -> Result<Option<Estimate>, String> {
    // Split at the separators, keeping slices of `raw`.
    let mut parts: Vec<&str> = Vec::new();
    let (mut from, mut after_number) = (0, false);
    let mut skip = 0;
    for (k, c) in raw.char_indices() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let word = c == 't' && after_number && raw[k..].starts_with("to ");
        if matches!(c, '–' | '—' | '~') || (c == '-' && after_number) || word {
            parts.push(&raw[from..k]);
            from = k + c.len_utf8() + usize::from(word);
            skip = usize::from(word);
            after_number = false;
        } else if !c.is_whitespace() {
            after_number = c.is_ascii_digit() || c == '.' || c == '%';
        }
    }
    parts.push(&raw[from..]);
    let mut v = [0.0; 3];
    for (k, p) in parts.iter().enumerate() {
        match parse_number(p)? {
            Some(x) if k < 3 => v[k] = x,
            None if parts.len() == 1 => return Ok(None),
            _ => return Err(RANGE_HELP.into()),
        }
    }
    Ok(Some(match parts.len() {
        1 => Estimate::point(v[0]),
        2 => Estimate::range(v[0], v[0] + (v[1] - v[0]) / 2.0, v[1]),
        _ => Estimate::range(v[0], v[1], v[2]),
    }))
}

const RANGE_HELP: &str =
    "Type a number, or a range such as 150-250 or 150-180-250 (low-likely-high)";

/// How an estimate is put back into an input: "200", "150 – 250" (likely midway), or
/// "150 – 180 – 250".
pub fn estimate_text(e: Option<Estimate>) -> String {
    let Some(e) = e else {
        return String::new();
    };
    match (e.low, e.high) {
        (Some(low), Some(high)) => {
            let t = |v| edit_text(Some(v));
            if e.likely == low + (high - low) / 2.0 {
                format!("{} – {}", t(low), t(high))
            } else {
                format!("{} – {} – {}", t(low), t(e.likely), t(high))
            }
        }
        _ => edit_text(Some(e.likely)),
    }
}

/// A number input bound to the scenario. With `optional`, clearing it sets `None` (for inputs
/// with a default such as a benefit's own hourly rate). With `ranged`, it also takes a range
/// ("150-250"), shown compactly and spelled out beneath.
#[component]
pub fn NumField(
    #[prop(into)] label: String,
    #[prop(into)] at: Signal<Location>,
    #[prop(into)] value: Signal<Option<Estimate>>,
    set: Callback<Option<Estimate>>,
    /// Accepts a range as well as a number.
    #[prop(optional)]
    ranged: bool,
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
    let text = RwSignal::new(estimate_text(value.get_untracked()));
    // Keep the text in step with the scenario (undo, redo, a new scenario), but never overwrite
    // text that already means the current value, nor unparsable text the user is still fixing
    // (its message stays beside it) unless the value itself changed.
    Effect::new(move |prev: Option<Option<Estimate>>| {
        let v = value.get();
        let pending = at.with(|at| state.parse_errors.with(|p| p.get(&field_key(at)).is_some()));
        let same = parse_estimate(&text.get_untracked()).ok().flatten() == v;
        let changed = prev.is_some_and(|p| p != v);
        if !same && (changed || !pending) {
            text.set(estimate_text(v));
        }
        v
    });
    let message = Memo::new(move |_| at.with(|at| state.message_for(at)));
    let on_input = move |ev| {
        let raw = event_target_value(&ev);
        text.set(raw.clone());
        let at = at.get_untracked();
        match parse_estimate(&raw) {
            Ok(None) if !optional => {
                state.set_parse_error(&at, Some("Enter a number".into()));
            }
            Ok(Some(e)) if !ranged && e.is_range() => {
                state.set_parse_error(&at, Some("Enter a single number here, not a range".into()));
            }
            Ok(Some(e))
                if integer && (e.likely.fract() != 0.0 || !(0.0..=1e6).contains(&e.likely)) =>
            {
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
            <p class="hint range-note" hidden=move || !ranged || !value.with(|v| v.is_some_and(|e| e.is_range()))>
                {move || value.get().filter(|e| e.is_range()).map(|e| {
                    let t = |v: Option<f64>| edit_text(v);
                    format!("90% range {} to {}, likely {}", t(e.low), t(e.high), t(Some(e.likely)))
                }).unwrap_or_default()}
            </p>
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

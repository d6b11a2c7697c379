//! Labelled inputs. Each shows its own message (unparsable text or a validation problem) beside
//! it; text that is not a number never reaches the scenario, and nothing typed is lost.

use crate::app::state::{field_key, use_state};
use crate::model::validate::Location;
use crate::model::{input, limits, Estimate, Scenario, MAX_TRIALS};
use crate::wire::intl::edit_text;
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT_ID: AtomicUsize = AtomicUsize::new(1);

/// A DOM id unique in the page.
pub fn dom_id(prefix: &str) -> String {
    format!("{prefix}-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed))
}

/// Parses what a user typed: "85000", "85,000", "1e6", "80%", " 12.5 ". Empty is `None`. The
/// reading itself is `model::input`'s; the text → number conversion is JavaScript's.
pub fn parse_number(raw: &str) -> Result<Option<f64>, String> {
    input::read_number(raw, locale(), &js_parse)
}

/// Parses an estimate: a number or a range ("150-250", "150-180-250"); see `model::input`.
pub fn parse_estimate(raw: &str) -> Result<Option<Estimate>, String> {
    input::read_estimate(raw, locale(), &js_parse)
}

/// Parses a whole number from `min` to `max` (trials, seed, horizon).
pub fn parse_whole(raw: &str, min: f64, max: f64) -> Result<Option<f64>, String> {
    input::read_whole(raw, min, max, locale(), &js_parse)
}

fn js_parse(s: &str) -> f64 {
    js_sys::parse_float(s)
}

fn locale() -> input::Locale {
    input::Locale {
        decimal_comma: crate::wire::intl::decimal_comma(),
    }
}

/// A number as an input shows it: grouped ("4,400,000"; "4 400 000" where decimals take a
/// comma), no float noise, and always read back as itself (`model::input::grouped_text`).
pub fn number_text(v: f64) -> String {
    input::grouped_text(&edit_text(Some(v)), locale())
}

/// How an estimate is put back into an input: "200", "150 – 250" (likely midway), or
/// "150 – 180 – 250".
pub fn estimate_text(e: Option<Estimate>) -> String {
    let Some(e) = e else {
        return String::new();
    };
    match (e.low, e.high) {
        (Some(low), Some(high)) => {
            let t = number_text;
            if e.likely == low + (high - low) / 2.0 {
                format!("{} – {}", t(low), t(high))
            } else {
                format!("{} – {} – {}", t(low), t(e.likely), t(high))
            }
        }
        _ => number_text(e.likely),
    }
}

/// What an input's text means: its estimate (`None`: empty, allowed when `optional`), or why it
/// is not one (a range where only a number goes, a number outside `whole`).
fn read_estimate(
    raw: &str,
    optional: bool,
    ranged: bool,
    whole: Option<(f64, f64)>,
) -> Result<Option<Estimate>, String> {
    match parse_estimate(raw)? {
        None if !optional => Err("Enter a number".into()),
        Some(e) if !ranged && e.is_range() => Err("Enter a single number here, not a range".into()),
        Some(e) => match whole.and_then(|(min, max)| parse_whole(raw, min, max).err()) {
            Some(m) => Err(m),
            None => Ok(Some(e)),
        },
        None => Ok(None),
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
    /// Only whole numbers from the first to the second (years, counts, a seed).
    #[prop(default = None)]
    whole: Option<(f64, f64)>,
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
        match read_estimate(&raw, optional, ranged, whole) {
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
    // What typed arithmetic, a multiplier or a currency symbol was read as ("= 600"); a range
    // says its reading in the line above.
    let read_as = move || {
        let typed = text.get();
        let e = value.get().filter(|e| !e.is_range())?;
        let shown = number_text(e.likely);
        (plain(&typed) != plain(&shown)).then(|| format!("= {shown}"))
    };
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
                    let t = |v: Option<f64>| v.map(number_text).unwrap_or_default();
                    format!("90% range {} to {}, likely {}", t(e.low), t(e.high), t(Some(e.likely)))
                }).unwrap_or_default()}
            </p>
            <p class="hint read-as" hidden=move || read_as().is_none()>{read_as}</p>
            <p class="field-msg" id=msg_id aria-live="polite">
                {move || message.get()}
            </p>
        </div>
    }
}

/// Text without its spaces, group separators and percent sign, to tell whether what was typed
/// is the number as shown.
fn plain(t: &str) -> String {
    t.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '_' | '%' | '\u{202f}'))
        .collect()
}

/// The place of a scenario setting (`field`), for its messages.
pub fn setting_at(field: &str) -> Location {
    Location {
        criterion: None,
        initiative: None,
        benefit: None,
        field: field.into(),
    }
}

/// A number of the scenario's own: horizon, rates, FTE hours, trials, seed. Only a `ranged`
/// one accepts a range; clearing a field sets 0, which validation reports beside it.
pub fn setting_field(
    label: &'static str,
    field: &'static str,
    unit: &'static str,
    integer: bool,
    ranged: bool,
    get: fn(&Scenario) -> Estimate,
    put: fn(&mut Scenario, Estimate),
) -> impl IntoView {
    let state = use_state();
    // What the field can hold; the scenario's own rules (a horizon of 1–10 years, at least 100
    // trials) are validation's, said beside it. Trials are bounded here too, so that "1e12" says
    // the most there can be.
    let whole = integer.then(|| match field {
        "simulation.trials" => (0.0, f64::from(MAX_TRIALS)),
        _ => (0.0, f64::from(u32::MAX)),
    });
    view! {
        <NumField
            label=label
            at=Signal::stored(setting_at(field))
            unit=unit
            whole=whole
            ranged=ranged
            value=Signal::derive(move || state.scenario.with(|s| Some(get(s))))
            set=Callback::new(move |v: Option<Estimate>| {
                state.edit(Some(field), move |s| put(s, v.unwrap_or_default()))
            })
        />
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
    /// The most characters it holds (`model::limits`).
    #[prop(default = limits::MAX_NAME_CHARS)]
    max_chars: usize,
) -> impl IntoView {
    let state = use_state();
    let id = dom_id("t");
    let full = move || value.with(|v| v.chars().count() >= max_chars);
    let msg_id = format!("{id}-msg");
    let message = Memo::new(move |_| at.with(|at| state.message_for(at)));
    let on_input = move |ev| set.run(event_target_value(&ev));
    let described = msg_id.clone();
    let input = if multiline {
        view! {
            <textarea id=id.clone() rows="2" prop:value=move || value.get() on:input=on_input
                maxlength=max_chars aria-describedby=described.clone()></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() type="text" autocomplete="off" prop:value=move || value.get()
                maxlength=max_chars on:input=on_input aria-invalid=move || message.with(Option::is_some).to_string()
                aria-describedby=described.clone() />
        }
        .into_any()
    };
    view! {
        <div class="field" class:invalid=move || message.with(Option::is_some)>
            <label for=id>{label}</label>
            {input}
            <p class="hint" hidden=move || !full()>{format!("At most {max_chars} characters")}</p>
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

/// The location of input `field` of the initiative at `idx` (for the message beside it).
pub fn init_at(idx: RwSignal<Option<usize>>, field: impl Into<String>) -> Signal<Location> {
    let field = field.into();
    Signal::derive(move || Location {
        criterion: None,
        initiative: idx.get(),
        benefit: None,
        field: field.clone(),
    })
}

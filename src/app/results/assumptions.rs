//! The assumptions register (`model::register`): every input of every initiative with its value,
//! unit, whether it was entered or is still the default, and where it comes from (a source the
//! user types, kept in the scenario); an initiative's notes beside it.
//! A table per initiative, built when opened (all of them when printing).

use crate::app::state::{use_state, AppState};
use crate::app::widgets::per_initiative::per_initiative;
use crate::explain::format::NumberFormat;
use crate::model::limits::MAX_SOURCE_CHARS;
use crate::model::register::{register, Assumption};
use crate::model::schema::Kind;
use crate::model::Scenario;
use crate::wire::intl::fmt;
use leptos::prelude::*;

/// A value as the register shows it: money in the currency, percentages with %, others with
/// their unit.
fn value_text(f: &dyn NumberFormat, a: &Assumption, v: f64) -> String {
    match a.kind {
        Kind::Money => f.money(v),
        Kind::Percent => f.percent(v),
        _ => f.number(v),
    }
}

fn unit_text(a: &Assumption) -> String {
    match a.kind {
        Kind::Percent => String::new(),
        Kind::Money => a.unit.split_once(' ').map_or("", |(_, u)| u).to_string(),
        _ => a.unit.clone(),
    }
}

/// Sets (or, when blank, removes) the source of one input.
fn set_source(state: AppState, a: &Assumption, text: String) {
    let (k, benefit, key) = (a.initiative, a.benefit, a.key);
    let text: String = text.trim().chars().take(MAX_SOURCE_CHARS).collect();
    let undo_key = format!("source.{k}.{benefit:?}.{key}");
    state.edit(Some(&undo_key), move |s| {
        let Some(i) = s.initiatives.get_mut(k) else {
            return;
        };
        let sources = match benefit {
            None => &mut i.sources,
            Some(b) => match i.benefits.get_mut(b) {
                Some(b) => &mut b.sources,
                None => return,
            },
        };
        if text.is_empty() {
            sources.remove(key);
        } else {
            sources.insert(key.to_string(), text);
        }
    });
}

/// The register of initiative `k` as table rows.
fn rows(state: AppState, s: &Scenario, k: usize) -> impl IntoView {
    let f = fmt(&s.currency);
    let notes = s
        .initiatives
        .get(k)
        .map(|i| i.notes.trim().to_string())
        .unwrap_or_default();
    let all = register(s);
    let mine: Vec<&Assumption> = all.iter().filter(|a| a.initiative == k).collect();
    let body = mine
        .into_iter()
        .map(|a| {
            let value = match (a.likely, a.low, a.high) {
                (None, ..) => "the scenario's default rate".to_string(),
                (Some(v), Some(lo), Some(hi)) => format!(
                    "{} (range {} to {})",
                    value_text(&*f, a, v),
                    value_text(&*f, a, lo),
                    value_text(&*f, a, hi)
                ),
                (Some(v), ..) => value_text(&*f, a, v),
            };
            let input = if a.owner.is_empty() {
                a.label.to_string()
            } else {
                format!("{} · {}", a.owner, a.label)
            };
            let entered = if a.is_default { "default" } else { "entered" };
            let label = format!("Source of {input}");
            let source = a.source.clone();
            let this = a.clone();
            view! {
                <tr class:default=a.is_default>
                    <th scope="row">{input}</th>
                    <td class="num">{value}</td>
                    <td>{unit_text(a)}</td>
                    <td>{entered}</td>
                    <td class="source">
                        <input type="text" aria-label=label maxlength=MAX_SOURCE_CHARS
                            placeholder="Where this comes from" prop:value=source
                            on:change=move |ev| set_source(state, &this, event_target_value(&ev))/>
                        <span class="source-text">{a.source.clone()}</span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="register-table">
                <thead><tr><th scope="col">"Input"</th><th scope="col">"Value"</th><th scope="col">"Unit"</th><th scope="col">"Entered or default"</th><th scope="col">"Source"</th></tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        {(!notes.is_empty()).then(|| view! { <p class="register-notes"><strong>"Notes: "</strong>{notes}</p> })}
    }
}

#[component]
pub fn Assumptions() -> impl IntoView {
    let state = use_state();
    // How many inputs are still at their defaults, for the section's line.
    let counts = Memo::new(move |_| {
        state.checked.with(|c| {
            c.shown.as_ref().map(|s| {
                let r = register(&s.scenario);
                (
                    r.len(),
                    r.iter().filter(|a| a.is_default).count(),
                    r.iter().filter(|a| !a.source.is_empty()).count(),
                )
            })
        })
    });
    let tables = per_initiative("register", "register", move |k| {
        state
            .checked
            .with(|c| c.shown.as_ref().map(|s| rows(state, &s.scenario, k)))
    });
    // The scenario's own inputs, which every initiative shares.
    let settings = move || {
        state.checked.with(|c| {
            c.shown.as_ref().map(|s| {
                let sc = &s.scenario;
                let f = fmt(&sc.currency);
                format!(
                    "Every initiative: discount rate {} a year, horizon {} years, default loaded hourly rate {} per hour, {} working hours per FTE-year.",
                    f.percent(sc.discount_rate_pct.likely),
                    sc.horizon_years,
                    f.money(sc.default_hourly_rate.likely),
                    f.number(sc.hours_per_fte_year)
                )
            })
        })
    };
    let line = move || {
        counts.get().map(|(n, d, src)| {
            format!("{n} inputs, {src} with a source; {d} still at the value a new initiative or benefit starts with (marked “default”): check that each is meant. Type where each figure comes from in its Source box; it is kept with the scenario, in its files and links.")
        })
    };
    view! {
        <section class="panel assumptions" id="assumptions" class:stale=move || state.stale() aria-labelledby="assumptions-h">
            <h2 id="assumptions-h">"Assumptions register"</h2>
            <p class="register-settings" data-testid="register-settings">{settings}</p>
            <p class="hint">{line}</p>
            {tables}
        </section>
    }
}

//! Scenario settings and the scoring criteria.

use crate::app::state::use_state;
use crate::app::widgets::fields::setting_at as at;
/// (Where `results::uncertainty` still finds it.)
pub use crate::app::widgets::fields::setting_field;
use crate::app::widgets::fields::{NumField, SelectField, TextField};
use crate::model::limits::{MAX_CRITERIA, MAX_CURRENCY_CHARS};
use crate::model::validate::Location;
use crate::model::{Criterion, Direction, Estimate, Scenario};
use leptos::prelude::*;

/// The label and unit of a scenario setting, from its descriptor (`model::schema`).
fn label(key: &str) -> &'static str {
    Scenario::FIELDS
        .iter()
        .find(|f| f.key == key)
        .map_or("", |f| f.label)
}

fn unit(key: &str) -> &'static str {
    Scenario::FIELDS
        .iter()
        .find(|f| f.key == key)
        .map_or("", |f| f.unit)
}

#[component]
pub fn Settings() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="panel settings" aria-labelledby="settings-h">
            <h2 id="settings-h">"Scenario settings"</h2>
            <div class="grid">
                <TextField
                    label=label("name")
                    at=Signal::stored(at("name"))
                    value=Signal::derive(move || state.scenario.with(|s| s.name.clone()))
                    set=Callback::new(move |v: String| state.edit(Some("name"), move |s| s.name = v))
                />
                <TextField
                    label=label("currency")
                    max_chars=MAX_CURRENCY_CHARS
                    at=Signal::stored(at("currency"))
                    value=Signal::derive(move || state.scenario.with(|s| s.currency.clone()))
                    set=Callback::new(move |v: String| {
                        state.edit(Some("currency"), move |s| s.currency = v.trim().to_ascii_uppercase())
                    })
                />
                {setting_field(label("horizon_years"), "horizon_years", unit("horizon_years"), true, false, |s| Estimate::point(f64::from(s.horizon_years)), |s, v| s.horizon_years = v.likely as u32)}
                {setting_field(label("discount_rate_pct"), "discount_rate_pct", unit("discount_rate_pct"), false, true, |s| s.discount_rate_pct, |s, v| s.discount_rate_pct = v)}
                {setting_field(label("default_hourly_rate"), "default_hourly_rate", unit("default_hourly_rate"), false, true, |s| s.default_hourly_rate, |s, v| s.default_hourly_rate = v)}
                {setting_field(label("hours_per_fte_year"), "hours_per_fte_year", unit("hours_per_fte_year"), false, false, |s| Estimate::point(s.hours_per_fte_year), |s, v| s.hours_per_fte_year = v.likely)}
            </div>
            <Criteria/>
        </section>
    }
}

#[component]
fn Criteria() -> impl IntoView {
    let state = use_state();
    let count = move || state.scenario.with(|s| s.criteria.len());
    let at_most = move || count() >= MAX_CRITERIA;
    let add = move |_| {
        state.edit(None, |s| {
            if s.criteria.len() >= MAX_CRITERIA {
                return;
            }
            let id = (1..)
                .map(|n| format!("criterion-{n}"))
                .find(|id| !s.criteria.iter().any(|c| &c.id == id))
                .unwrap_or_default();
            for init in &mut s.initiatives {
                init.scores.insert(id.clone(), 3.0);
            }
            s.criteria.push(Criterion::new(
                &id,
                "New criterion",
                Direction::HigherIsBetter,
            ));
        })
    };
    view! {
        <fieldset class="criteria">
            <legend>"Scoring criteria (each initiative is scored 1–5 on each)"</legend>
            {move || {
                if let Some(m) = state.message_for(&at("criteria")) {
                    view! { <p class="field-msg">{m}</p> }.into_any()
                } else {
                    ().into_any()
                }
            }}
            <For each=move || 0..count() key=|i| *i children=move |i| view! { <CriterionRow i/> }/>
            <button type="button" on:click=add disabled=at_most
                title=move || at_most().then(|| format!("A scenario holds at most {MAX_CRITERIA} criteria"))>"Add criterion"</button>
        </fieldset>
    }
}

#[component]
fn CriterionRow(i: usize) -> impl IntoView {
    let state = use_state();
    let loc = move |field: &str| Location {
        criterion: Some(i),
        ..at(field)
    };
    let get = move |f: fn(&Criterion) -> String| {
        Signal::derive(move || {
            state
                .scenario
                .with(|s| s.criteria.get(i).map(f).unwrap_or_default())
        })
    };
    let name = get(|c| c.name.clone());
    let remove = move |_| {
        state.edit(None, move |s| {
            if i < s.criteria.len() {
                let c = s.criteria.remove(i);
                for init in &mut s.initiatives {
                    init.scores.remove(&c.id);
                }
            }
        })
    };
    view! {
        <div class="criterion-row" role="group" aria-label=move || format!("Criterion {}", name.get())>
            <TextField
                label="Criterion"
                at=Signal::stored(loc("name"))
                value=name
                set=Callback::new(move |v: String| {
                    state.edit(Some(&format!("c{i}.name")), move |s| {
                        if let Some(c) = s.criteria.get_mut(i) {
                            c.name = v;
                        }
                    })
                })
            />
            <NumField
                label="Weight"
                at=Signal::stored(loc("weight"))
                value=Signal::derive(move || state.scenario.with(|s| s.criteria.get(i).map(|c| Estimate::point(c.weight))))
                set=Callback::new(move |v: Option<Estimate>| {
                    let v = v.map(|e| e.likely);
                    state.edit(Some(&format!("c{i}.weight")), move |s| {
                        if let Some(c) = s.criteria.get_mut(i) {
                            c.weight = v.unwrap_or_default();
                        }
                    })
                })
            />
            <SelectField
                label="Better when"
                options=vec![("higher_is_better", "Higher".to_string()), ("lower_is_better", "Lower".to_string())]
                value=get(|c| match c.direction {
                    Direction::HigherIsBetter => "higher_is_better".into(),
                    Direction::LowerIsBetter => "lower_is_better".into(),
                })
                set=Callback::new(move |v: String| {
                    state.edit(None, move |s| {
                        if let Some(c) = s.criteria.get_mut(i) {
                            c.direction = if v == "lower_is_better" {
                                Direction::LowerIsBetter
                            } else {
                                Direction::HigherIsBetter
                            };
                        }
                    })
                })
            />
            <button type="button" class="remove" on:click=remove
                aria-label=move || format!("Remove criterion {}", name.get())>"Remove"</button>
        </div>
    }
}

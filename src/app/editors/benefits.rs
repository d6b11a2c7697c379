//! The benefits of one initiative: a form per benefit kind.

use crate::app::state::use_state;
use crate::app::widgets::fields::{edit_text, NumField, SelectField, TextField};
use crate::model::limits::MAX_BENEFITS;
use crate::model::schema::{Field, Kind, Shape, Val};
use crate::model::validate::Location;
use crate::model::{Benefit, BenefitKind, Estimate, Initiative, Record, BENEFIT_KINDS};
use leptos::prelude::*;

/// The descriptors of a kind's inputs (`model::schema`), in form order.
fn fields_of(kind: &str) -> &'static [Field] {
    BenefitKind::blank(kind).map_or(&[], |k| k.fields())
}

pub fn kind_label(kind: &str) -> &'static str {
    BenefitKind::blank(kind).map_or("Benefit", |k| k.kind_label())
}

#[component]
pub fn Benefits(idx: RwSignal<Option<usize>>, init: RwSignal<Option<Initiative>>) -> impl IntoView {
    let state = use_state();
    let items = move || {
        init.with(|x| {
            x.as_ref()
                .map(|x| {
                    x.benefits
                        .iter()
                        .enumerate()
                        .map(|(b, ben)| (b, ben.kind.kind_name()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let new_kind = RwSignal::new("hours_saved".to_string());
    let full = move || init.with(|x| x.as_ref().is_some_and(|x| x.benefits.len() >= MAX_BENEFITS));
    let add = move |_| {
        let Some(i) = idx.get_untracked() else { return };
        let Some(kind) = BenefitKind::blank(&new_kind.get_untracked()) else {
            return;
        };
        state.edit(None, move |s| {
            if let Some(x) = s
                .initiatives
                .get_mut(i)
                .filter(|x| x.benefits.len() < MAX_BENEFITS)
            {
                x.benefits.push(Benefit {
                    label: kind.kind_label().to_string(),
                    kind,
                });
            }
        });
    };
    view! {
        <fieldset class="group benefits">
            <legend>"Benefits"</legend>
            <For each=items key=|k| *k children=move |(b, kind)| view! { <BenefitForm idx init b kind/> }/>
            <div class="add-benefit">
                <SelectField
                    label="New benefit kind"
                    options=BENEFIT_KINDS.iter().map(|k| (*k, kind_label(k).to_string())).collect()
                    value=new_kind
                    set=Callback::new(move |v| new_kind.set(v))
                />
                <button type="button" on:click=add disabled=full
                    title=move || full().then(|| format!("An initiative holds at most {MAX_BENEFITS} benefits"))>"Add benefit"</button>
            </div>
        </fieldset>
    }
}

#[component]
fn BenefitForm(
    idx: RwSignal<Option<usize>>,
    init: RwSignal<Option<Initiative>>,
    b: usize,
    kind: &'static str,
) -> impl IntoView {
    let state = use_state();
    let at = move |field: &str| {
        let field = field.to_string();
        Signal::derive(move || Location {
            criterion: None,
            initiative: idx.get(),
            benefit: Some(b),
            field: field.clone(),
        })
    };
    let read = move |f: &dyn Fn(&Benefit) -> Option<Estimate>| -> Option<Estimate> {
        init.with(|x| x.as_ref().and_then(|x| x.benefits.get(b)).and_then(f))
    };
    let edit = move |key: Option<String>, f: Box<dyn FnOnce(&mut Benefit) + Send + Sync>| {
        let Some(i) = idx.get_untracked() else { return };
        state.edit(key.as_deref(), move |s| {
            if let Some(ben) = s.initiatives.get_mut(i).and_then(|x| x.benefits.get_mut(b)) {
                f(ben)
            }
        });
    };
    let label = Signal::derive(move || {
        init.with(|x| {
            x.as_ref()
                .and_then(|x| x.benefits.get(b))
                .map(|ben| ben.label.clone())
                .unwrap_or_default()
        })
    });
    let count = move || init.with(|x| x.as_ref().map_or(0, |x| x.benefits.len()));
    let shift = move |delta: isize| {
        let Some(i) = idx.get_untracked() else { return };
        let j = b as isize + delta;
        if j < 0 || j as usize >= count() {
            return;
        }
        state.edit(None, move |s| {
            if let Some(x) = s.initiatives.get_mut(i) {
                if b < x.benefits.len() && (j as usize) < x.benefits.len() {
                    x.benefits.swap(b, j as usize);
                }
            }
        });
    };
    let remove = move |_| {
        let Some(i) = idx.get_untracked() else { return };
        state.edit(None, move |s| {
            if let Some(x) = s.initiatives.get_mut(i) {
                if b < x.benefits.len() {
                    x.benefits.remove(b);
                }
            }
        });
    };
    let key = move |field: &str| {
        let i = idx.get_untracked().map_or(usize::MAX, |i| i);
        Some(format!("i{i}.b{b}.{field}"))
    };
    let input = move |f: &'static Field| {
        let field = f.key;
        let optional = f.shape == Shape::OptionalEstimate;
        let default_rate = move || {
            state
                .scenario
                .with(|s| format!("default {}", edit_text(Some(s.default_hourly_rate.likely))))
        };
        view! {
            <NumField
                label=f.label
                at=at(field)
                unit=f.unit
                optional=optional
                placeholder=if optional { default_rate() } else { String::new() }
                hint=f.help
                ranged=true
                value=Signal::derive(move || read(&|ben: &Benefit| ben.kind.estimate(field).copied()))
                set=Callback::new(move |v: Option<Estimate>| {
                    edit(key(field), Box::new(move |ben: &mut Benefit| {
                        let v = if optional { Val::OptEst(v) } else { Val::Est(v.unwrap_or_default()) };
                        ben.kind.set(field, v);
                    }))
                })
            />
        }
        .into_any()
    };
    let choice = move |f: &'static Field, keys: &'static [&'static str]| {
        let field = f.key;
        let value = Signal::derive(move || {
            init.with(|x| {
                x.as_ref()
                    .and_then(|x| x.benefits.get(b))
                    .and_then(|ben| match ben.kind.get(field) {
                        Some(Val::Choice(k)) => keys.get(k).map(|k| k.to_string()),
                        _ => None,
                    })
                    .unwrap_or_default()
            })
        });
        view! {
            <SelectField
                label=f.label
                options=keys.iter().map(|k| (*k, k.to_string())).collect()
                value
                set=Callback::new(move |v: String| {
                    edit(None, Box::new(move |ben: &mut Benefit| {
                        if let Some(k) = keys.iter().position(|k| *k == v) {
                            ben.kind.set(field, Val::Choice(k));
                        }
                    }))
                })
            />
        }
        .into_any()
    };
    // Choices (the period of hours saved) first, then the estimates, in descriptor order.
    let fields = fields_of(kind);
    let choices = fields
        .iter()
        .filter_map(|f| match f.kind {
            Kind::Choice(keys) => Some(choice(f, keys)),
            _ => None,
        })
        .collect_view();
    let inputs = fields
        .iter()
        .filter(|f| f.is_estimate())
        .map(input)
        .collect_view();
    view! {
        <div class="benefit" role="group" aria-label=move || format!("Benefit {}: {}", b + 1, label.get())
            data-testid="benefit" data-kind=kind>
            <div class="benefit-head">
                <span class="kind">{kind_label(kind)}</span>
                <div class="card-actions">
                    <button type="button" on:click=move |_| shift(-1) disabled=move || b == 0
                        aria-label=move || format!("Move benefit {} up", label.get())>"↑"</button>
                    <button type="button" on:click=move |_| shift(1) disabled=move || { b + 1 >= count() }
                        aria-label=move || format!("Move benefit {} down", label.get())>"↓"</button>
                    <button type="button" class="remove" on:click=remove
                        aria-label=move || format!("Remove benefit {}", label.get())>"Remove"</button>
                </div>
            </div>
            <TextField
                label="Label"
                at=at("label")
                value=label
                set=Callback::new(move |v: String| edit(key("label"), Box::new(move |ben: &mut Benefit| ben.label = v)))
            />
            {choices}
            {inputs}
        </div>
    }
}

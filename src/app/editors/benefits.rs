//! The benefits of one initiative: a form per benefit kind.

use crate::app::state::use_state;
use crate::app::widgets::fields::{edit_text, NumField, SelectField, TextField};
use crate::model::limits::MAX_BENEFITS;
use crate::model::validate::Location;
use crate::model::{Benefit, BenefitKind, Estimate, Initiative, Period, BENEFIT_KINDS};
use leptos::prelude::*;

/// Label, unit hint and help of each benefit input, by JSON field name.
fn input_label(field: &str) -> (&'static str, &'static str, Option<&'static str>) {
    match field {
        "hours" => ("Hours saved", "h", None),
        "hourly_rate" => (
            "Loaded hourly rate",
            "per hour",
            Some("Blank: the scenario's default rate."),
        ),
        "adoption_pct" => ("Adoption", "%", None),
        "recapture_pct" => (
            "Recapture",
            "%",
            Some("Share of the saved time that becomes productive work."),
        ),
        "baseline_minutes_per_year" => ("Outage minutes per year today", "min/yr", None),
        "reduction_pct" => ("Reduction in outage minutes", "%", None),
        "revenue_per_minute" => ("Revenue per minute", "/min", None),
        "revenue_impact_pct" => ("Revenue lost, not deferred", "%", None),
        "affected_staff" => ("Staff idled by an outage", "people", None),
        "productivity_loss_pct" => ("Their productivity lost", "%", None),
        "incidents_avoided_per_year" => ("Incidents avoided per year", "/yr", None),
        "cost_per_incident" => (
            "Cost per incident",
            "",
            Some("Recovery work, SLA penalties."),
        ),
        "events_per_year" => (
            "Loss events per year",
            "/yr",
            Some("Below 1 for rare events: 0.1 = once a decade."),
        ),
        "loss_per_event" => ("Loss per event", "", None),
        "likelihood_reduction_pct" => ("Likelihood reduction", "%", None),
        "impact_reduction_pct" => ("Impact reduction", "%", None),
        "amount_per_year" => ("Cost avoided per year", "/yr", None),
        "revenue_per_year" => ("Revenue per year", "/yr", None),
        "margin_pct" => ("Margin", "%", None),
        _ => ("Value", "", None),
    }
}

/// The inputs of a kind, in form order (the hourly rate is listed even when absent).
fn inputs_of(kind: &str) -> &'static [&'static str] {
    match kind {
        "hours_saved" => &["hours", "hourly_rate", "adoption_pct", "recapture_pct"],
        "outage_avoided" => &[
            "baseline_minutes_per_year",
            "reduction_pct",
            "revenue_per_minute",
            "revenue_impact_pct",
            "affected_staff",
            "hourly_rate",
            "productivity_loss_pct",
            "incidents_avoided_per_year",
            "cost_per_incident",
        ],
        "risk_reduced" => &[
            "events_per_year",
            "loss_per_event",
            "likelihood_reduction_pct",
            "impact_reduction_pct",
        ],
        "cost_avoided" => &["amount_per_year"],
        "revenue_gained" => &["revenue_per_year", "margin_pct"],
        _ => &[],
    }
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
                    unknown: Default::default(),
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
    let inputs = inputs_of(kind)
        .iter()
        .map(|&field| {
            let (text, unit, hint) = input_label(field);
            let optional = field == "hourly_rate";
            let default_rate = move || {
                state
                    .scenario
                    .with(|s| format!("default {}", edit_text(Some(s.default_hourly_rate.likely))))
            };
            view! {
                <NumField
                    label=text
                    at=at(field)
                    unit=unit
                    optional=optional
                    placeholder=if optional { default_rate() } else { String::new() }
                    hint=hint.unwrap_or_default()
                    ranged=true
                    value=Signal::derive(move || {
                        read(&|ben: &Benefit| {
                            ben.kind.estimates().into_iter().find(|(n, _)| *n == field).map(|(_, e)| *e)
                        })
                    })
                    set=Callback::new(move |v: Option<Estimate>| {
                        edit(key(field), Box::new(move |ben: &mut Benefit| {
                            if field == "hourly_rate" {
                                if let Some(rate) = ben.kind.hourly_rate_mut() {
                                    *rate = v;
                                }
                            } else if let Some(e) = ben.kind.estimate_mut(field) {
                                *e = v.unwrap_or_default();
                            }
                        }))
                    })
                />
            }
        })
        .collect_view();
    let period = (kind == "hours_saved").then(|| {
        let value = Signal::derive(move || {
            init.with(|x| {
                x.as_ref()
                    .and_then(|x| x.benefits.get(b))
                    .and_then(|ben| match &ben.kind {
                        BenefitKind::HoursSaved { per, .. } => Some(per.label().to_string()),
                        _ => None,
                    })
                    .unwrap_or_default()
            })
        });
        view! {
            <SelectField
                label="Per"
                options=Period::ALL.iter().map(|p| (p.label(), p.label().to_string())).collect()
                value
                set=Callback::new(move |v: String| {
                    edit(None, Box::new(move |ben: &mut Benefit| {
                        if let BenefitKind::HoursSaved { per, .. } = &mut ben.kind {
                            *per = Period::ALL.into_iter().find(|p| p.label() == v).unwrap_or(Period::Month);
                        }
                    }))
                })
            />
        }
    });
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
            {period}
            {inputs}
        </div>
    }
}

//! The benefits of one initiative: a form per benefit kind.

use crate::app::state::{use_state, AppState};
use crate::app::widgets::fields::{number_text, NumField, SelectField, TextField};
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
                    unknown: Default::default(),
                    sources: Default::default(),
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

/// Where a benefit form edits: the initiative (by position, as a signal) and benefit `b`.
#[derive(Clone, Copy)]
struct Place {
    state: AppState,
    idx: RwSignal<Option<usize>>,
    init: RwSignal<Option<Initiative>>,
    b: usize,
}

impl Place {
    fn at(self, field: &str) -> Signal<Location> {
        let field = field.to_string();
        Signal::derive(move || Location {
            criterion: None,
            initiative: self.idx.get(),
            benefit: Some(self.b),
            field: field.clone(),
        })
    }

    /// The undo key of one input: keystrokes in it coalesce.
    fn key(self, field: &str) -> Option<String> {
        let i = self.idx.get_untracked().map_or(usize::MAX, |i| i);
        Some(format!("i{i}.b{}.{field}", self.b))
    }

    fn read<T>(self, f: impl Fn(&Benefit) -> Option<T>) -> Option<T> {
        self.init
            .with(|x| x.as_ref().and_then(|x| x.benefits.get(self.b)).and_then(f))
    }

    fn edit(self, key: Option<String>, f: impl FnOnce(&mut Benefit) + Send + Sync + 'static) {
        let Some(i) = self.idx.get_untracked() else {
            return;
        };
        let b = self.b;
        self.state.edit(key.as_deref(), move |s| {
            if let Some(ben) = s.initiatives.get_mut(i).and_then(|x| x.benefits.get_mut(b)) {
                f(ben)
            }
        });
    }

    fn count(self) -> usize {
        self.init
            .with(|x| x.as_ref().map_or(0, |x| x.benefits.len()))
    }

    /// Moves the benefit `delta` places, within the list.
    fn shift(self, delta: isize) {
        let (Some(i), b) = (self.idx.get_untracked(), self.b) else {
            return;
        };
        let j = b as isize + delta;
        if j < 0 || j as usize >= self.count() {
            return;
        }
        self.state.edit(None, move |s| {
            if let Some(x) = s.initiatives.get_mut(i) {
                if b < x.benefits.len() && (j as usize) < x.benefits.len() {
                    x.benefits.swap(b, j as usize);
                }
            }
        });
    }

    fn remove(self) {
        let (Some(i), b) = (self.idx.get_untracked(), self.b) else {
            return;
        };
        self.state.edit(None, move |s| {
            if let Some(x) = s.initiatives.get_mut(i) {
                if b < x.benefits.len() {
                    x.benefits.remove(b);
                }
            }
        });
    }
}

/// The input of an estimate described by `f`.
fn input(p: Place, f: &'static Field) -> AnyView {
    let field = f.key;
    let optional = f.shape == Shape::OptionalEstimate;
    let placeholder = if optional {
        p.state
            .scenario
            .with(|s| format!("default {}", number_text(s.default_hourly_rate.likely)))
    } else {
        String::new()
    };
    view! {
        <NumField
            label=f.label
            at=p.at(field)
            unit=f.unit
            optional=optional
            placeholder=placeholder
            hint=f.help
            ranged=true
            value=Signal::derive(move || p.read(|ben| ben.kind.estimate(field).copied()))
            set=Callback::new(move |v: Option<Estimate>| {
                let v = if optional { Val::OptEst(v) } else { Val::Est(v.unwrap_or_default()) };
                p.edit(p.key(field), move |ben| {
                    ben.kind.set(field, v);
                })
            })
        />
    }
    .into_any()
}

/// The select of a choice described by `f` (the period of hours saved).
fn choice(p: Place, f: &'static Field, keys: &'static [&'static str]) -> AnyView {
    let field = f.key;
    let value = Signal::derive(move || {
        p.read(|ben| match ben.kind.get(field) {
            Some(Val::Choice(k)) => keys.get(k).map(|k| k.to_string()),
            _ => None,
        })
        .unwrap_or_default()
    });
    view! {
        <SelectField
            label=f.label
            options=keys.iter().map(|k| (*k, k.to_string())).collect()
            value
            set=Callback::new(move |v: String| {
                if let Some(k) = keys.iter().position(|k| *k == v) {
                    p.edit(None, move |ben| {
                        ben.kind.set(field, Val::Choice(k));
                    })
                }
            })
        />
    }
    .into_any()
}

/// The kind's name and the buttons that move and remove the benefit.
fn head(p: Place, kind: &'static str, label: Signal<String>) -> impl IntoView {
    let b = p.b;
    view! {
        <div class="benefit-head">
            <span class="kind">{kind_label(kind)}</span>
            <div class="card-actions">
                <button type="button" on:click=move |_| p.shift(-1) disabled=move || b == 0
                    aria-label=move || format!("Move benefit {} up", label.get())>"↑"</button>
                <button type="button" on:click=move |_| p.shift(1) disabled=move || { b + 1 >= p.count() }
                    aria-label=move || format!("Move benefit {} down", label.get())>"↓"</button>
                <button type="button" class="remove" on:click=move |_| p.remove()
                    aria-label=move || format!("Remove benefit {}", label.get())>"Remove"</button>
            </div>
        </div>
    }
}

#[component]
fn BenefitForm(
    idx: RwSignal<Option<usize>>,
    init: RwSignal<Option<Initiative>>,
    b: usize,
    kind: &'static str,
) -> impl IntoView {
    let p = Place {
        state: use_state(),
        idx,
        init,
        b,
    };
    let label = Signal::derive(move || p.read(|ben| Some(ben.label.clone())).unwrap_or_default());
    // Choices (the period of hours saved) first, then the estimates, in descriptor order.
    let fields = fields_of(kind);
    let choices = fields
        .iter()
        .filter_map(|f| match f.kind {
            Kind::Choice(keys) => Some(choice(p, f, keys)),
            _ => None,
        })
        .collect_view();
    let inputs = fields
        .iter()
        .filter(|f| f.is_estimate())
        .map(|f| input(p, f))
        .collect_view();
    view! {
        <div class="benefit" role="group" aria-label=move || format!("Benefit {}: {}", b + 1, label.get())
            data-testid="benefit" data-kind=kind>
            {head(p, kind, label)}
            <TextField
                label="Label"
                at=p.at("label")
                value=label
                set=Callback::new(move |v: String| p.edit(p.key("label"), move |ben| ben.label = v))
            />
            {choices}
            {inputs}
        </div>
    }
}

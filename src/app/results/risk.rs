//! The loss exceedance curve, FAIR style: for an initiative's risk-reduced benefits, or every
//! initiative's (reduced by the funded set), the chance that a year's losses exceed each amount,
//! before and after, on a log axis of loss (`model::loss`, run in the persistence worker); and
//! the risk tolerance it is held to, edited here and saved with the scenario.

use crate::app::results::chart_style::{LegendItem, Mark};
use crate::app::results::charts::ChartFigure;
use crate::app::state::{use_state, AppState, Shown};
use crate::app::widgets::fields::{setting_at, NumField};
use crate::model::limits::MAX_TOLERANCE_POINTS;
use crate::model::loss::{tolerance_of, LossError};
use crate::model::{BenefitKind, Estimate, TolerancePoint};
use crate::wire::ChartId;
use leptos::prelude::*;

/// The chart's DOM id.
pub const LOSS_ID: &str = "chart-loss";

fn legend_loss(shown: &Shown) -> Vec<LegendItem> {
    let mut items = vec![
        LegendItem::new("Before", 0, Mark::Line),
        LegendItem::new("After", 1, Mark::Line),
    ];
    if !shown.scenario.risk_tolerance.is_empty() {
        items.push(LegendItem::new("Risk tolerance", 7, Mark::Dashed));
    }
    items
}

/// Whether any initiative has a risk-reduced benefit.
pub fn has_risks(state: AppState) -> bool {
    state.scenario.with(|s| {
        s.initiatives.iter().any(|i| {
            i.benefits
                .iter()
                .any(|b| matches!(b.kind, BenefitKind::RiskReduced(_)))
        })
    })
}

/// The initiatives with a risk-reduced benefit: (index, name).
fn with_risks(state: AppState) -> Memo<Vec<(usize, String)>> {
    Memo::new(move |_| {
        state.scenario.with(|s| {
            s.initiatives
                .iter()
                .enumerate()
                .filter(|(_, i)| {
                    i.benefits
                        .iter()
                        .any(|b| matches!(b.kind, BenefitKind::RiskReduced(_)))
                })
                .map(|(k, i)| (k, i.name.clone()))
                .collect()
        })
    })
}

#[component]
pub fn LossExceedance() -> impl IntoView {
    let state = use_state();
    let risky = with_risks(state);
    let n = move || state.scenario.with(|s| s.initiatives.len());
    // None: every initiative's risks.
    let of = RwSignal::new(None::<usize>);
    let chosen = Memo::new(move |_| {
        let all = n();
        match of.get() {
            Some(k) if risky.with(|r| r.iter().any(|(i, _)| *i == k)) => Some(k),
            _ => risky.with(|r| (!r.is_empty()).then_some(all)),
        }
    });
    let chart = Signal::derive(move || chosen.get().map(ChartId::Loss));
    let none = Signal::derive(move || risky.with(Vec::is_empty));
    let options = move || {
        let all = n();
        let mut v = vec![(
            all,
            "Every initiative's risks (reduced by the funded set)".to_string(),
        )];
        risky.with(|r| v.extend(r.iter().cloned()));
        v.into_iter()
            .map(|(k, name)| view! { <option value=k.to_string() selected=move || chosen.get() == Some(k)>{name}</option> })
            .collect_view()
    };
    view! {
        <div class="loss-cell" hidden=move || none.get() data-testid="loss">
            <div class="field inline">
                <label for="loss-of">"Loss exceedance of"</label>
                <select id="loss-of" on:change=move |ev| of.set(event_target_value(&ev).parse().ok())>
                    {options}
                </select>
            </div>
            <ChartFigure id=LOSS_ID title="Loss exceedance: the chance a year's losses exceed each amount (log scale)"
                chart=chart legend=legend_loss hidden=none/>
            <RiskTolerance/>
        </div>
    }
}

/// The risk tolerance: at each yearly loss, the most chance of exceeding it that is accepted.
#[component]
fn RiskTolerance() -> impl IntoView {
    let state = use_state();
    let count = move || state.scenario.with(|s| s.risk_tolerance.len());
    let problem = move || {
        // The problem's own words: the error's Display would bring float printing to the page.
        state.scenario.with(|s| match tolerance_of(s) {
            Some(Err(LossError::InvalidTolerance { problem })) => {
                Some(format!("risk tolerance: {problem}"))
            }
            _ => None,
        })
    };
    let add = move |_| {
        state.edit(None, |s| {
            if s.risk_tolerance.len() < MAX_TOLERANCE_POINTS {
                let loss = s
                    .risk_tolerance
                    .last()
                    .map_or(1_000_000.0, |p| p.loss * 10.0);
                let chance_pct = s.risk_tolerance.last().map_or(10.0, |p| p.chance_pct / 5.0);
                s.risk_tolerance.push(TolerancePoint { loss, chance_pct });
            }
        })
    };
    view! {
        <fieldset class="tolerance" data-testid="tolerance">
            <legend>"Risk tolerance (optional)"</legend>
            <p class="hint">"The most chance your organisation accepts of a year's losses exceeding each amount, e.g. 10% above $1M, 1% above $10M. Drawn dashed on the curve, in between straight on the log scale; the words say where each curve lies above it."</p>
            <For each=move || 0..count() key=|n| *n children=move |n| view! { <TolerancePointRow n/> }/>
            {move || problem().map(|m| view! { <p class="field-msg" role="alert">{m}</p> })}
            <button type="button" class="small" on:click=add disabled=move || { count() >= MAX_TOLERANCE_POINTS }>"Add a point"</button>
        </fieldset>
    }
}

#[component]
fn TolerancePointRow(n: usize) -> impl IntoView {
    let state = use_state();
    let get = move |f: fn(&TolerancePoint) -> f64| {
        Signal::derive(move || {
            state
                .scenario
                .with(|s| s.risk_tolerance.get(n).map(|p| Estimate::point(f(p))))
        })
    };
    let put = move |key: &'static str, f: fn(&mut TolerancePoint, f64)| {
        Callback::new(move |v: Option<Estimate>| {
            let v = v.map_or(0.0, |e| e.likely);
            state.edit(Some(&format!("risk_tolerance.{n}.{key}")), move |s| {
                if let Some(p) = s.risk_tolerance.get_mut(n) {
                    f(p, v)
                }
            })
        })
    };
    let remove = move |_| {
        state.edit(None, move |s| {
            if n < s.risk_tolerance.len() {
                s.risk_tolerance.remove(n);
            }
        })
    };
    view! {
        <div class="tolerance-row" role="group" aria-label=format!("Tolerance point {}", n + 1)>
            <NumField label="Yearly loss above" at=Signal::stored(setting_at(&format!("risk_tolerance[{n}].loss")))
                value=get(|p| p.loss) set=put("loss", |p, v| p.loss = v)/>
            <NumField label="Most chance accepted" unit="%" at=Signal::stored(setting_at(&format!("risk_tolerance[{n}].chance_pct")))
                value=get(|p| p.chance_pct) set=put("chance_pct", |p, v| p.chance_pct = v)/>
            <button type="button" class="remove" on:click=remove
                aria-label=format!("Remove tolerance point {}", n + 1)>"Remove"</button>
        </div>
    }
}

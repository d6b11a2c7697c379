//! The simulation's whole distributions: one initiative's NPV, or the funded portfolio's, as an
//! S-curve (the chance that NPV is at most each amount) or a histogram, with P10, P50 and P90
//! marked; and the chance that NPV exceeds an amount the user types (or points at on the chart:
//! its tip says the same). The simulation worker draws them from its last run and counts the
//! chance exactly, over the trials.

use crate::app::client::{about, Which};
use crate::app::results::chart_style::{LegendItem, Mark};
use crate::app::results::charts::{resize_with_window, ChartFigure};
use crate::app::results::risk::{has_risks, LossExceedance, LOSS_ID};
use crate::app::state::{initiative_names, use_state, Shown};
use crate::app::widgets::fields::{dom_id, parse_number};
use crate::wire::{ChartId, Pointer, Reply, Request, Tip};
use leptos::prelude::*;

/// The chart's DOM id (resized with the window by `charts`).
pub const NPV_CURVE_ID: &str = "chart-npv-curve";

fn legend_curve(_: &Shown) -> Vec<LegendItem> {
    vec![
        LegendItem::new("NPV over the trials", 0, Mark::Line),
        LegendItem::new("P10, P50, P90", 7, Mark::Dashed),
    ]
}

/// The section: the NPV's whole distribution (after a run) and the loss exceedance curve (when
/// some benefit reduces a risk).
#[component]
pub fn Distributions() -> impl IntoView {
    let state = use_state();
    resize_with_window(vec![NPV_CURVE_ID, LOSS_ID]);
    // Nothing to show until a run has finished or some benefit reduces a risk.
    let empty = move || state.sim.with(|v| v.result.is_none()) && !has_risks(state);
    view! {
        <section class="panel charts distributions" class:stale=move || state.stale() class:blocked=move || state.blocked()
            hidden=empty aria-labelledby="dist-h">
            <h2 id="dist-h">"Distributions and risk"</h2>
            <div class="chart-grid">
                <NpvCurve/>
                <LossExceedance/>
            </div>
        </section>
    }
}

#[component]
fn NpvCurve() -> impl IntoView {
    let state = use_state();
    let names = initiative_names(state);
    // None: the portfolio when it funds anything, else the first initiative.
    let of = RwSignal::new(None::<usize>);
    let histogram = RwSignal::new(false);
    let no_run = Signal::derive(move || state.sim.with(|v| v.result.is_none()));
    let runs = Signal::derive(move || state.sim.with(|v| v.runs));
    let funded = Memo::new(move |_| {
        state.checked.with(|c| {
            c.shown
                .as_ref()
                .is_some_and(|s| s.plan.items.iter().any(|i| i.funded))
        })
    });
    let chosen = Memo::new(move |_| {
        let n = names.with(Vec::len);
        match of.get() {
            Some(k) if k < n || (k == n && funded.get()) => Some(k),
            _ if funded.get() => Some(n),
            _ => (n > 0).then_some(0),
        }
    });
    let chart = Signal::derive(move || {
        chosen.get().map(|k| match histogram.get() {
            true => ChartId::Histogram(k),
            false => ChartId::SCurve(k),
        })
    });
    let options = move || {
        let n = names.with(Vec::len);
        let mut all: Vec<(usize, String)> = Vec::new();
        if funded.get() {
            all.push((n, "The portfolio (funded set, as scheduled)".into()));
        }
        names.with(|v| all.extend(v.iter().enumerate().map(|(k, (_, name))| (k, name.clone()))));
        all.into_iter()
            .map(|(k, name)| view! { <option value=k.to_string() selected=move || chosen.get() == Some(k)>{name}</option> })
            .collect_view()
    };
    view! {
        <div class="npv-curve-cell" hidden=move || no_run.get() data-testid="npv-curve">
            <div class="curve-pickers">
                <div class="field inline">
                    <label for="curve-of">"NPV distribution of"</label>
                    <select id="curve-of" on:change=move |ev| of.set(event_target_value(&ev).parse().ok())>
                        {options}
                    </select>
                </div>
                <div class="field inline">
                    <label for="curve-as">"Shown as"</label>
                    <select id="curve-as" on:change=move |ev| histogram.set(event_target_value(&ev) == "histogram")>
                        <option value="s-curve" selected=move || !histogram.get()>"S-curve (cumulative chance)"</option>
                        <option value="histogram" selected=move || histogram.get()>"Histogram"</option>
                    </select>
                </div>
            </div>
            <ChartFigure id=NPV_CURVE_ID title="Simulated NPV: the whole distribution, P10 · P50 · P90 marked"
                chart=chart legend=legend_curve redraw=runs hidden=no_run/>
            <Exceed chart=chart/>
        </div>
    }
}

/// "Chance NPV exceeds [amount]": the worker counts the trials above it.
#[component]
fn Exceed(chart: Signal<Option<ChartId>>) -> impl IntoView {
    let state = use_state();
    let at = RwSignal::new(None::<f64>);
    let answer = RwSignal::new(None::<Tip>);
    Effect::new(move |_| {
        state.sim.with(|v| v.runs);
        let (Some(x), Some(id)) = (at.get(), chart.get()) else {
            answer.set(None);
            return;
        };
        let Some(shown) = state.checked.with_untracked(|c| c.shown.clone()) else {
            return;
        };
        let pointer = Pointer {
            x,
            y: 0.0,
            item: None,
        };
        about(
            Which::Simulate,
            &shown,
            move |rev| Request::Tip {
                rev,
                chart: id,
                at: pointer,
            },
            move |reply| {
                // Only the answer for what is asked now.
                if at.get_untracked() == Some(x) && chart.get_untracked() == Some(id) {
                    answer.set(match reply {
                        Ok(Reply::Tip(t)) => t,
                        _ => None,
                    });
                }
            },
        );
    });
    // A view setting, not part of the scenario: its unreadable text is said here only (it is
    // no problem of the scenario's and holds up no figure).
    let said = RwSignal::new(None::<String>);
    let id = dom_id("exceed");
    let msg = format!("{id}-msg");
    let read = move |ev: leptos::ev::Event| match parse_number(&event_target_value(&ev)) {
        Ok(v) => {
            said.set(None);
            at.set(v);
        }
        Err(m) => {
            said.set(Some(m));
            at.set(None);
        }
    };
    view! {
        <div class="exceed field">
            <label for=id.clone()>"Chance NPV exceeds"</label>
            <input id=id type="text" inputmode="decimal" placeholder="an amount, e.g. 100000"
                aria-describedby=msg.clone() aria-invalid=move || said.with(Option::is_some).to_string()
                on:input=read/>
            <p id=msg class="field-msg" hidden=move || said.with(Option::is_none)>{move || said.get()}</p>
            <p class="exceed-answer" role="status" data-testid="exceed">
                {move || answer.get().map(|t| t.lines.first().cloned().unwrap_or_default())}
            </p>
        </div>
    }
}

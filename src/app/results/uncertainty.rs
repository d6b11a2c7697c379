//! Uncertainty: the Monte Carlo of the scenario's ranges. It runs in the simulation worker
//! (`client::simulate`) once edits pause, one run at a time (an edit during a run asks for one
//! more when it ends), with progress for long runs. Its results feed the comparison's simulated
//! rows (`comparison`), the NPV distribution and tornado charts (`charts`), and the value of
//! information shown here.

use crate::app::client;
use crate::app::editors::correlations::Correlations;
use crate::app::editors::settings::setting_field;
use crate::app::state::{use_state, AppState};
use crate::app::widgets::data_table::text_table;
use crate::app::widgets::fields::SelectField;
use crate::model::simulate::has_ranges;
use crate::model::{Distribution, Estimate};
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use std::sync::Arc;

/// Runs the simulation of the shown scenario, or (a run being under way) asks for one more when
/// it ends.
fn run(state: AppState, busy: StoredValue<bool>, again: StoredValue<bool>) {
    if busy.get_value() {
        again.set_value(true);
        return;
    }
    let Some(shown) = state.checked.with_untracked(|c| c.shown.clone()) else {
        return;
    };
    if !has_ranges(&shown.scenario) {
        return;
    }
    busy.set_value(true);
    state.sim.update(|v| {
        v.running = true;
        v.progress = 0.0;
    });
    let asked = shown.clone();
    client::simulate(
        &shown,
        move |p| state.sim.update(|v| v.progress = p),
        move |reply| {
            busy.set_value(false);
            state.sim.update(|v| {
                v.running = false;
                match reply {
                    Ok(report) => {
                        v.result = Some(Arc::new(report));
                        v.of = Some(asked);
                        v.error = None;
                        v.runs += 1;
                    }
                    Err(e) => {
                        // No figures of another run stay beside the error.
                        v.result = None;
                        v.error = Some(e);
                    }
                }
            });
            if again.get_value() {
                again.set_value(false);
                run(state, busy, again);
            }
        },
    );
}

const HELP: &str = "Any estimate can be a range, read as a 90% interval (you are 90% sure the true value lies within it): type <kbd>150-250</kbd> (likely value midway) or <kbd>150-180-250</kbd> (low, likely, high). Each run draws every range thousands of times and recomputes every initiative; the comparison above gains P10 · P50 · P90 rows and the chance of a loss.";

/// The initiative of the tornado chart: the one picked, else the highest NPV at likely values.
pub fn tornado_of(state: &AppState) -> Option<usize> {
    state.checked.with(|c| {
        let rs = &c.shown.as_ref()?.evaluation.initiatives;
        state
            .tornado_of
            .get()
            .filter(|k| *k < rs.len())
            .or_else(|| (0..rs.len()).max_by(|a, b| rs[*a].npv().total_cmp(&rs[*b].npv())))
    })
}

/// A run starts this long after the last edit.
const SIM_DELAY_MS: u64 = 300;

#[component]
pub fn Uncertainty() -> impl IntoView {
    let state = use_state();
    let sim = state.sim;
    let busy = StoredValue::new(false);
    let again = StoredValue::new(false);
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    // Another document opened: the last run's figures are not its own.
    Effect::new(move |prev: Option<u64>| {
        let doc = state.doc.get();
        if prev.is_some_and(|p| p != doc) {
            sim.update(|v| {
                v.result = None;
                v.error = None;
            });
        }
        doc
    });
    Effect::new(move |_| {
        let ranged = state
            .checked
            .with(|c| c.shown.as_ref().is_some_and(|s| has_ranges(&s.scenario)));
        if sim.with_untracked(|v| v.ranged != ranged) {
            sim.update(|v| v.ranged = ranged);
        }
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        if ranged {
            timer.set_value(
                set_timeout_with_handle(
                    move || run(state, busy, again),
                    std::time::Duration::from_millis(SIM_DELAY_MS),
                )
                .ok(),
            );
        } else if sim.with_untracked(|v| v.result.is_some()) {
            sim.update(|v| v.result = None);
        }
    });
    let status = move || {
        let blocked = state.blocked();
        sim.with(|v| {
            if blocked {
                "No simulation until the problems listed at the top are fixed.".to_string()
            } else if !v.ranged {
                "Nothing to simulate yet: every estimate is a single number. Type a range in any of them.".to_string()
            } else if let Some(e) = &v.error {
                format!("The simulation failed: {e}")
            } else if v.running {
                format!("Simulating… {}%", (v.progress * 100.0).round() as u32)
            } else {
                v.result.as_ref().map_or_else(|| "Waiting for the first run…".into(), |r| r.status.clone())
            }
        })
    };
    view! {
        <section class="panel uncertainty" aria-labelledby="unc-h" data-testid="uncertainty">
            <h2 id="unc-h">"Uncertainty"</h2>
            // Our own fixed text (no user input), set as markup: one element instead of five.
            <p class="hint" inner_html=HELP></p>
            <div class="grid">
                {setting_field("Trials", "simulation.trials", "", true, false, |s| Estimate::point(f64::from(s.simulation.trials)), |s, v| s.simulation.trials = v.likely as u32)}
                {setting_field("Seed", "simulation.seed", "", true, false, |s| Estimate::point(f64::from(s.simulation.seed)), |s, v| s.simulation.seed = v.likely as u32)}
                <SelectField
                    label="Ranges drawn as"
                    options=vec![
                        ("pert", "PERT (low, likely, high)".to_string()),
                        ("lognormal", "Lognormal where low > 0".to_string()),
                    ]
                    value=Signal::derive(move || state.scenario.with(|s| s.simulation.distribution.key().to_string()))
                    set=Callback::new(move |v: String| {
                        state.edit(None, move |s| {
                            s.simulation.distribution = if v == "lognormal" { Distribution::Lognormal } else { Distribution::Pert };
                        })
                    })
                />
            </div>
            <Correlations/>
            <p class="sim-status" role="status" data-testid="sim-status">{status}</p>
            <progress max="1" hidden=move || sim.with(|v| !v.running || v.progress == 0.0)
                prop:value=move || sim.with(|v| v.progress) aria-label="Simulation progress"></progress>
            <Applied/>
            <ValueOfInformation/>
        </section>
    }
}

/// The correlations as the last run applied them: asked, used and reached, and what it
/// repaired or left out.
#[component]
fn Applied() -> impl IntoView {
    let state = use_state();
    let report = move || state.sim.with(|v| v.result.clone());
    view! {
        <div class="applied" data-testid="correlation-report">
            {move || report().map(|r| view! {
                <ul class="notices">
                    {r.notices.iter().map(|n| view! { <li class="field-msg">{n.clone()}</li> }).collect_view()}
                </ul>
                {(!r.correlation.rows.is_empty()).then(|| view! {
                    <div class="table-scroll">{text_table(&r.correlation)}</div>
                })}
            })}
        </div>
    }
}

/// EVPI, and the inputs most worth refining (largest EVPPI first).
#[component]
fn ValueOfInformation() -> impl IntoView {
    let state = use_state();
    let report = move || state.sim.with(|v| v.result.clone());
    view! {
        <div class="voi" data-testid="voi">
            <p>{move || report().map(|r| r.voi.clone()).unwrap_or_default()}</p>
            // Only estimates worth refining make a table; with none, its caption says why.
            {move || report().map(|r| if r.refine.rows.is_empty() {
                view! { <p class="voi-none">{r.refine.caption.clone()}</p> }.into_any()
            } else {
                view! { <div class="table-scroll">{text_table(&r.refine)}</div> }.into_any()
            })}
        </div>
    }
}

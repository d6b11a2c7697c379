//! A goal's KPI readings, month by month, in a grid (one column a KPI), with its note for the
//! dashboard; and how results are judged: the tolerance bands, the month actuals are in for,
//! and the calendar month of month 1.

use crate::app::editors::actuals::month_head;
use crate::app::state::use_state;
use crate::app::widgets::fields::{details_open, setting_at, NumField, TextField};
use crate::app::widgets::grid::{Changes, GridData, NumberGrid};
use crate::model::limits::{MAX_MONTHS, MAX_NOTES_CHARS};
use crate::model::tracking::problems;
use crate::model::{Estimate, KpiReading, Scenario};
use leptos::prelude::*;

fn grid_of(s: &Scenario, g: usize, rows: usize) -> GridData {
    let Some(goal) = s.goals.get(g) else {
        return GridData::default();
    };
    let cells = (0..rows)
        .map(|m| {
            goal.kpis
                .iter()
                .map(|k| {
                    k.readings
                        .iter()
                        .find(|r| r.month == m as f64)
                        .map(|r| r.value)
                })
                .collect()
        })
        .collect();
    let prefix = format!("goals.{g}.kpis.");
    let found = problems(s)
        .into_iter()
        .filter_map(|(at, msg)| {
            let rest = at.field.strip_prefix(&prefix)?;
            let mut p = rest.split('.');
            let k: usize = p.next()?.parse().ok()?;
            let r: usize = p.nth(1)?.parse().ok()?;
            let month = goal.kpis.get(k)?.readings.get(r)?.month;
            (month >= 0.0 && (month as usize) < rows).then_some((month as usize, k, msg))
        })
        .collect();
    GridData {
        rows: (0..rows)
            .map(|m| month_head(&s.tracking.start, m))
            .collect(),
        cols: goal
            .kpis
            .iter()
            .map(|k| {
                if k.unit.is_empty() {
                    k.name.clone()
                } else {
                    format!("{} ({})", k.name, k.unit)
                }
            })
            .collect(),
        cells,
        problems: found,
    }
}

fn apply(s: &mut Scenario, g: usize, changes: &Changes) {
    let horizon = s.horizon_years as usize * 12;
    let Some(goal) = s.goals.get_mut(g) else {
        return;
    };
    for &(r, k, v) in changes {
        let Some(kpi) = goal.kpis.get_mut(k) else {
            continue;
        };
        if r > horizon {
            continue;
        }
        let at = kpi.readings.iter().position(|x| x.month == r as f64);
        match (at, v) {
            (Some(at), Some(v)) => kpi.readings[at].value = v,
            (Some(at), None) => {
                kpi.readings.remove(at);
            }
            (None, Some(v)) if kpi.readings.len() < MAX_MONTHS => {
                let at = kpi.readings.partition_point(|x| x.month < r as f64);
                kpi.readings.insert(
                    at,
                    KpiReading {
                        month: r as f64,
                        value: v,
                    },
                );
            }
            _ => {}
        }
    }
}

/// The readings of goal `g`'s KPIs and its note.
#[component]
pub fn KpiReadings(g: usize) -> impl IntoView {
    let state = use_state();
    let horizon = move || state.scenario.with(|s| s.horizon_years as usize * 12);
    let recorded = state.scenario.with_untracked(|s| {
        s.goals.get(g).map_or(0.0, |x| {
            x.kpis
                .iter()
                .flat_map(|k| k.readings.iter().map(|r| r.month))
                .filter(|m| m.is_finite())
                .fold(0.0_f64, f64::max)
        })
    });
    let rows = RwSignal::new(recorded.clamp(0.0, 120.0) as usize + 2);
    let data = Signal::derive(move || {
        let n = rows.get().min(horizon() + 1);
        state.scenario.with(|s| grid_of(s, g, n))
    });
    let on_set = Callback::new(move |changes: Changes| {
        if let Some(last) = changes.iter().map(|c| c.0).max() {
            rows.update(|n| *n = (*n).max(last + 2));
        }
        let key = match changes.as_slice() {
            [(r, k, _)] => Some(format!("readings.{g}.{r}.{k}")),
            _ => None,
        };
        state.edit(key.as_deref(), move |s| apply(s, g, &changes));
    });
    let has_kpis = move || {
        state
            .scenario
            .with(|s| s.goals.get(g).is_some_and(|x| !x.kpis.is_empty()))
    };
    let note = Signal::derive(move || {
        state
            .scenario
            .with(|s| s.goals.get(g).map(|x| x.note.clone()).unwrap_or_default())
    });
    // Built only while open, as the actuals' grid: a closed grid reads nothing on each edit.
    let open = RwSignal::new(false);
    view! {
        <details class="group readings" on:toggle=move |ev| open.set(details_open(&ev))>
            <summary>"KPI readings and the dashboard note"</summary>
            <Show when=move || open.get() && has_kpis()>
                <NumberGrid caption="KPI readings by month" testid="readings-grid" data on_set/>
                <button type="button" on:click=move |_| rows.update(|n| *n += 1)
                    disabled=move || rows.get() > horizon()>"Add a month"</button>
            </Show>
            <TextField label="What changed, why, what we are doing" multiline=true
                max_chars=MAX_NOTES_CHARS at=Signal::stored(setting_at(&format!("goals.{g}.note")))
                value=note
                set=Callback::new(move |v: String| {
                    state.edit(Some(&format!("goals.{g}.note")), move |s| {
                        if let Some(x) = s.goals.get_mut(g) {
                            x.note = v;
                        }
                    })
                })/>
        </details>
    }
}

/// Tolerance bands, "actuals up to" and month 1's calendar month.
#[component]
pub fn TrackingSettings() -> impl IntoView {
    let state = use_state();
    let number = |label: &'static str,
                  field: &'static str,
                  unit: &'static str,
                  optional: bool,
                  get: fn(&Scenario) -> Option<f64>,
                  put: fn(&mut Scenario, Option<f64>)| {
        view! {
            <NumField label=label unit=unit optional=optional
                at=Signal::stored(setting_at(field))
                value=Signal::derive(move || state.scenario.with(|s| get(s).map(Estimate::point)))
                set=Callback::new(move |v: Option<Estimate>| {
                    state.edit(Some(field), move |s| put(s, v.map(|e| e.likely)))
                })/>
        }
    };
    let start = Signal::derive(move || state.scenario.with(|s| s.tracking.start.clone()));
    view! {
        <fieldset class="tracking-settings">
            <legend>"Judging results"</legend>
            {number("Green within", "tracking.green_pct", "% of plan", false,
                |s| Some(s.tracking.green_pct), |s, v| s.tracking.green_pct = v.unwrap_or(0.0))}
            {number("Yellow within", "tracking.yellow_pct", "% of plan", false,
                |s| Some(s.tracking.yellow_pct), |s, v| s.tracking.yellow_pct = v.unwrap_or(0.0))}
            {number("Actuals up to", "tracking.as_of_month", "month", true,
                |s| s.tracking.as_of_month, |s, v| s.tracking.as_of_month = v)}
            <TextField label="Month 1 is (YYYY-MM)" at=Signal::stored(setting_at("tracking.start"))
                value=start
                set=Callback::new(move |v: String| {
                    state.edit(Some("tracking.start"), move |s| s.tracking.start = v)
                })/>
            <p class="hint">"Beyond green: yellow; beyond yellow: red. Doing better than plan is green. Blank “actuals up to”: the latest month recorded."</p>
        </fieldset>
    }
}

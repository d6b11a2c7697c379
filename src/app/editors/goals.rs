//! Business goals: each with a weight and its KPIs (baseline, target, by when, which way is
//! better); and, on each initiative's card, the goals it serves and the KPI change it expects.

use crate::app::editors::readings::{KpiReadings, TrackingSettings};
use crate::app::state::{use_state, AppState};
use crate::app::widgets::fields::{init_at, setting_at, NumField, SelectField, TextField};
use crate::model::limits::{MAX_GOALS, MAX_ID_CHARS, MAX_KPIS, MAX_SERVES};
use crate::model::schema::Choice;
use crate::model::{Better, Estimate, Goal, Initiative, Kpi, Scenario, Serves};
use leptos::prelude::*;

/// The first of `prefix-1`, `prefix-2`, … that `taken` does not hold.
fn new_id(prefix: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..)
        .map(|n| format!("{prefix}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_default()
}

fn edit_goal(state: AppState, g: usize, key: String, f: impl FnOnce(&mut Goal) + 'static) {
    state.edit(Some(&key), move |s| {
        if let Some(goal) = s.goals.get_mut(g) {
            f(goal)
        }
    });
}

fn edit_kpi(state: AppState, g: usize, k: usize, key: String, f: impl FnOnce(&mut Kpi) + 'static) {
    state.edit(Some(&key), move |s| {
        if let Some(kpi) = s.goals.get_mut(g).and_then(|x| x.kpis.get_mut(k)) {
            f(kpi)
        }
    });
}

/// A number of KPI `k` of goal `g`, read and written through `get` and `put`.
fn kpi_number(
    g: usize,
    k: usize,
    label: &'static str,
    key: &'static str,
    get: fn(&Kpi) -> f64,
    put: fn(&mut Kpi, f64),
) -> impl IntoView {
    let state = use_state();
    view! {
        <NumField
            label=label
            at=Signal::stored(setting_at(&format!("goals.{g}.kpis.{k}.{key}")))
            value=Signal::derive(move || {
                state.scenario.with(|s| s.goals.get(g).and_then(|x| x.kpis.get(k)).map(|x| Estimate::point(get(x))))
            })
            set=Callback::new(move |v: Option<Estimate>| {
                let v = v.map_or(0.0, |e| e.likely);
                edit_kpi(state, g, k, format!("goals.{g}.kpis.{k}.{key}"), move |x| put(x, v))
            })
        />
    }
}

#[component]
fn KpiRow(g: usize, k: usize) -> impl IntoView {
    let state = use_state();
    let get = move |f: fn(&Kpi) -> String| {
        Signal::derive(move || {
            state.scenario.with(|s| {
                s.goals
                    .get(g)
                    .and_then(|x| x.kpis.get(k))
                    .map(f)
                    .unwrap_or_default()
            })
        })
    };
    let name = get(|x| x.name.clone());
    let remove = move |_| {
        state.edit(None, move |s| {
            if let Some(goal) = s.goals.get_mut(g) {
                if k < goal.kpis.len() {
                    let gone = goal.kpis.remove(k);
                    let goal_id = goal.id.clone();
                    for i in &mut s.initiatives {
                        i.serves
                            .retain(|x| !(x.goal == goal_id && x.kpi == gone.id));
                    }
                }
            }
        })
    };
    let better_options: Vec<(&'static str, String)> = <Better as Choice>::ALL
        .iter()
        .map(|b| (Choice::key(*b), b.label().to_string()))
        .collect();
    view! {
        <div class="kpi-row" role="group" aria-label=move || format!("KPI {}", name.get())>
            <TextField label="KPI" at=Signal::stored(setting_at(&format!("goals.{g}.kpis.{k}.name"))) value=name
                set=Callback::new(move |v: String| edit_kpi(state, g, k, format!("goals.{g}.kpis.{k}.name"), move |x| x.name = v))/>
            <TextField label="Unit" max_chars=MAX_ID_CHARS at=Signal::stored(setting_at(&format!("goals.{g}.kpis.{k}.unit")))
                value=get(|x| x.unit.clone())
                set=Callback::new(move |v: String| edit_kpi(state, g, k, format!("goals.{g}.kpis.{k}.unit"), move |x| x.unit = v))/>
            {kpi_number(g, k, "Baseline", "baseline", |x| x.baseline, |x, v| x.baseline = v)}
            {kpi_number(g, k, "Target", "target", |x| x.target, |x, v| x.target = v)}
            {kpi_number(g, k, "Target by (month)", "target_month", |x| x.target_month, |x, v| x.target_month = v)}
            <SelectField label="Better" options=better_options value=get(|x| Choice::key(x.better).to_string())
                set=Callback::new(move |v: String| {
                    let b = <Better as Choice>::from_key(&v).unwrap_or_default();
                    edit_kpi(state, g, k, format!("goals.{g}.kpis.{k}.better"), move |x| x.better = b)
                })/>
            <button type="button" class="remove" on:click=remove
                aria-label=move || format!("Remove KPI {}", name.get())>"Remove"</button>
        </div>
    }
}

#[component]
fn GoalRow(g: usize) -> impl IntoView {
    let state = use_state();
    let name = Signal::derive(move || {
        state
            .scenario
            .with(|s| s.goals.get(g).map(|x| x.name.clone()).unwrap_or_default())
    });
    let kpis = move || {
        state
            .scenario
            .with(|s| s.goals.get(g).map_or(0, |x| x.kpis.len()))
    };
    let full = move || kpis() >= MAX_KPIS;
    let add_kpi = move |_| {
        state.edit(None, move |s| {
            let taken: Vec<String> = s
                .goals
                .iter()
                .flat_map(|x| x.kpis.iter().map(|k| k.id.clone()))
                .collect();
            if let Some(goal) = s.goals.get_mut(g) {
                if goal.kpis.len() < MAX_KPIS {
                    let id = new_id("kpi", |id| taken.iter().any(|t| t == id));
                    goal.kpis.push(Kpi {
                        id,
                        ..Kpi::default()
                    });
                }
            }
        })
    };
    let remove = move |_| {
        state.edit(None, move |s| {
            if g < s.goals.len() {
                let gone = s.goals.remove(g);
                for i in &mut s.initiatives {
                    i.serves.retain(|x| x.goal != gone.id);
                }
            }
        })
    };
    view! {
        <fieldset class="goal" aria-label=move || format!("Goal {}", name.get())>
            <div class="goal-head">
                <TextField label="Goal" at=Signal::stored(setting_at(&format!("goals.{g}.name"))) value=name
                    set=Callback::new(move |v: String| edit_goal(state, g, format!("goals.{g}.name"), move |x| x.name = v))/>
                <NumField label="Weight"
                    at=Signal::stored(setting_at(&format!("goals.{g}.weight")))
                    value=Signal::derive(move || state.scenario.with(|s| s.goals.get(g).map(|x| Estimate::point(x.weight))))
                    set=Callback::new(move |v: Option<Estimate>| {
                        let v = v.map_or(0.0, |e| e.likely);
                        edit_goal(state, g, format!("goals.{g}.weight"), move |x| x.weight = v)
                    })/>
                <button type="button" class="remove" on:click=remove
                    aria-label=move || format!("Remove goal {}", name.get())>"Remove goal"</button>
            </div>
            <For each=move || 0..kpis() key=|k| *k children=move |k| view! { <KpiRow g k/> }/>
            <button type="button" on:click=add_kpi disabled=full
                title=move || full().then(|| format!("A goal holds at most {MAX_KPIS} KPIs"))>"Add KPI"</button>
            <KpiReadings g/>
        </fieldset>
    }
}

/// The scenario's business goals.
#[component]
pub fn Goals() -> impl IntoView {
    let state = use_state();
    let count = move || state.scenario.with(|s| s.goals.len());
    let full = move || count() >= MAX_GOALS;
    let add = move |_| {
        state.edit(None, |s: &mut Scenario| {
            if s.goals.len() >= MAX_GOALS {
                return;
            }
            let id = new_id("goal", |id| s.goals.iter().any(|x| x.id == id));
            s.goals.push(Goal {
                id,
                ..Goal::default()
            });
        })
    };
    view! {
        <section class="panel goals" id="goals" aria-labelledby="goals-h">
            <h2 id="goals-h">"Business goals"</h2>
            <p class="hint">"The goals that matter most, each measured by its KPIs: from the baseline to the target by the month given. Each initiative's card says which goals it serves and the KPI change it expects."</p>
            <label class="check">
                <input type="checkbox" data-testid="fit-from-goals"
                    prop:checked=move || state.scenario.with(|s| s.fit_from_goals)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.edit(None, move |s| s.fit_from_goals = on);
                    }/>
                " Derive each initiative’s “Strategic fit” score from the goals it serves: 1 + 4 × the weight of the goals it serves ÷ the weight of all goals, to the nearest whole score"
            </label>
            <For each=move || 0..count() key=|g| *g children=move |g| view! { <GoalRow g/> }/>
            <button type="button" on:click=add disabled=full
                title=move || full().then(|| format!("A scenario holds at most {MAX_GOALS} goals"))>"Add goal"</button>
            <TrackingSettings/>
        </section>
    }
}

/// Whether initiative `x` serves goal `goal` (through any KPI or as a whole).
fn serves(x: &Initiative, goal: &str) -> bool {
    x.serves.iter().any(|l| l.goal == goal)
}

/// On a card: a checkbox per goal, and for each goal served the KPI change expected.
#[component]
pub fn GoalsServed(
    idx: RwSignal<Option<usize>>,
    init: RwSignal<Option<Initiative>>,
) -> impl IntoView {
    let state = use_state();
    let goals = move || {
        state.scenario.with(|s| {
            s.goals
                .iter()
                .map(|g| (g.id.clone(), g.name.clone(), g.kpis.clone()))
                .collect::<Vec<_>>()
        })
    };
    let edit = move |f: Box<dyn FnOnce(&mut Initiative)>| {
        if let Some(i) = idx.get_untracked() {
            state.edit(None, move |s| {
                if let Some(x) = s.initiatives.get_mut(i) {
                    f(x)
                }
            });
        }
    };
    view! {
        <details class="group goals-served" hidden=move || state.scenario.with(|s| s.goals.is_empty())>
            <summary>"Goals it serves"</summary>
            {move || goals().into_iter().map(|(gid, gname, kpis)| {
                let on = {
                    let gid = gid.clone();
                    move || init.with(|x| x.as_ref().is_some_and(|x| serves(x, &gid)))
                };
                let toggle = {
                    let gid = gid.clone();
                    move |_| {
                        let gid = gid.clone();
                        edit(Box::new(move |x: &mut Initiative| {
                            if serves(x, &gid) {
                                x.serves.retain(|l| l.goal != gid);
                            } else if x.serves.len() < MAX_SERVES {
                                x.serves.push(Serves { goal: gid, ..Serves::default() });
                            }
                        }))
                    }
                };
                let on_kpis = on.clone();
                view! {
                    <div class="served">
                        <label><input type="checkbox" prop:checked=on on:change=toggle/>{format!("Serves “{gname}”")}</label>
                        <div hidden=move || !on_kpis()>
                            {kpis.into_iter().map(|k| {
                                let (gid, kid) = (gid.clone(), k.id.clone());
                                let (gid2, kid2) = (gid.clone(), k.id.clone());
                                let label = if k.unit.is_empty() {
                                    format!("Expected change in {}", k.name)
                                } else {
                                    format!("Expected change in {} ({})", k.name, k.unit)
                                };
                                view! {
                                    <NumField label=label optional=true
                                        at=init_at(idx, format!("serves.{gid}.{kid}"))
                                        value=Signal::derive(move || init.with(|x| x.as_ref().and_then(|x| {
                                            x.serves.iter().find(|l| l.goal == gid && l.kpi == kid).and_then(|l| l.change).map(Estimate::point)
                                        })))
                                        set=Callback::new(move |v: Option<Estimate>| {
                                            let (gid, kid) = (gid2.clone(), kid2.clone());
                                            let change = v.map(|e| e.likely);
                                            edit(Box::new(move |x: &mut Initiative| set_change(x, &gid, &kid, change)))
                                        })/>
                                }
                            }).collect_view()}
                        </div>
                    </div>
                }
            }).collect_view()}
        </details>
    }
}

/// Sets the KPI change initiative `x` expects of KPI `kpi` of goal `goal` (none: it serves the
/// goal without a figure for that KPI).
fn set_change(x: &mut Initiative, goal: &str, kpi: &str, change: Option<f64>) {
    let room = x.serves.len() < MAX_SERVES;
    match x.serves.iter_mut().find(|l| l.goal == goal && l.kpi == kpi) {
        Some(l) => l.change = change,
        None if change.is_some() && room => {
            // The goal-as-a-whole entry gives way to the KPI's.
            x.serves.retain(|l| !(l.goal == goal && l.kpi.is_empty()));
            x.serves.push(Serves {
                goal: goal.into(),
                kpi: kpi.into(),
                change,
            });
        }
        None => {}
    }
}

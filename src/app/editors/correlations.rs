//! Estimates that move together: groups of ranged estimates, each with one rank correlation
//! (−1 to 1) that every pair of its estimates has in the simulation (`model::simulate`,
//! Iman–Conover: each estimate keeps its own distribution). Ready-made groups for the common
//! cases, and beside each estimate why it is left out when it is (a single number, or gone).

use crate::app::state::{use_state, AppState};
use crate::app::widgets::fields::{setting_at, NumField, TextField};
use crate::model::limits::{MAX_CORRELATED, MAX_CORRELATIONS};
use crate::model::simulate::{every_estimate, preset, uncertain_inputs, Preset};
use crate::model::{Correlation, Estimate};
use leptos::prelude::*;

const HELP: &str = "Estimates that tend to be high or low together — costs that overrun together, adoption and hours saved — make the results wider (or narrower) than independent draws suggest. Give each group a rank correlation from −1 to 1: 0.5 is a clear tie, 1 lockstep, a negative value one high when the other is low. Only ranges move; each keeps its own distribution.";

fn edit_group(state: AppState, g: usize, key: String, f: impl FnOnce(&mut Correlation) + 'static) {
    state.edit(Some(&key), move |s| {
        if let Some(c) = s.correlations.get_mut(g) {
            f(c)
        }
    });
}

/// Adds the groups of `p`, each replacing a group of the same name; says what happened.
fn add_preset(state: AppState, p: Preset, said: RwSignal<String>) {
    let groups = state.scenario.with_untracked(|s| preset(s, p));
    if groups.is_empty() {
        said.set(match p {
            Preset::AdoptionWithHours => "No hours-saved benefit has both its adoption and its hours as ranges yet: type a range in each (e.g. 60-80-90).",
            _ => "Fewer than two such estimates are ranges yet: type a range in them first (e.g. 80000-100000-150000).",
        }.into());
        return;
    }
    let n = groups.len();
    state.edit(None, move |s| {
        for g in groups {
            match s.correlations.iter().position(|c| c.name == g.name) {
                Some(at) => s.correlations[at] = g,
                None if s.correlations.len() < MAX_CORRELATIONS => s.correlations.push(g),
                None => {}
            }
        }
    });
    said.set(format!(
        "Added {n} group{}; edit or remove it below.",
        if n == 1 { "" } else { "s" }
    ));
}

#[component]
pub fn Correlations() -> impl IntoView {
    let state = use_state();
    let said = RwSignal::new(String::new());
    let count = move || state.scenario.with(|s| s.correlations.len());
    let full = move || count() >= MAX_CORRELATIONS;
    let button = move |p: Preset, text: &'static str| {
        view! {
            <button type="button" class="small" disabled=full on:click=move |_| add_preset(state, p, said)>{text}</button>
        }
    };
    let blank = move |_| {
        state.edit(None, |s| {
            if s.correlations.len() < MAX_CORRELATIONS {
                s.correlations.push(Correlation::default());
            }
        })
    };
    view! {
        <fieldset class="correlations" data-testid="correlations">
            <legend>"Estimates that move together"</legend>
            <p class="hint">{HELP}</p>
            <div class="presets">
                {button(Preset::CostsOverrun, "Costs overrun together")}
                {button(Preset::AdoptionWithHours, "Adoption and hours saved move together")}
                {button(Preset::DeliverySlips, "Delivery slips together")}
                <button type="button" class="small" disabled=full on:click=blank>"New group"</button>
            </div>
            <p class="hint" role="status" data-testid="correlation-said">{move || said.get()}</p>
            <For each=move || 0..count() key=|g| *g children=move |g| view! { <CorrelationRow g/> }/>
        </fieldset>
    }
}

#[component]
fn CorrelationRow(g: usize) -> impl IntoView {
    let state = use_state();
    let name = Signal::derive(move || {
        state.scenario.with(|s| {
            s.correlations
                .get(g)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        })
    });
    let remove = move |_| {
        state.edit(None, move |s| {
            if g < s.correlations.len() {
                s.correlations.remove(g);
            }
        })
    };
    let at = format!("correlations[{g}].rank_correlation");
    view! {
        <div class="correlation-row" role="group" aria-label=move || format!("Correlation {}", name.get())>
            <TextField label="Group" at=Signal::stored(setting_at(&format!("correlations[{g}].name"))) value=name
                set=Callback::new(move |v: String| edit_group(state, g, format!("correlations.{g}.name"), move |c| c.name = v))/>
            <NumField label="Rank correlation" at=Signal::stored(setting_at(&at))
                value=Signal::derive(move || state.scenario.with(|s| s.correlations.get(g).map(|c| Estimate::point(c.rank_correlation))))
                set=Callback::new(move |v: Option<Estimate>| {
                    let r = v.map_or(0.0, |e| e.likely);
                    edit_group(state, g, format!("correlations.{g}.r"), move |c| c.rank_correlation = r)
                })/>
            <Members g/>
            <button type="button" class="remove" on:click=remove
                aria-label=move || format!("Remove the group {}", name.get())>"Remove group"</button>
        </div>
    }
}

/// A group's estimates, each with why it is left out (when it is), and a list to add one.
#[component]
fn Members(g: usize) -> impl IntoView {
    let state = use_state();
    // (key, label, why it is left out) of each member, and the ranged estimates not in it.
    let rows = Memo::new(move |_| {
        state.scenario.with(|s| {
            let Some(c) = s.correlations.get(g) else {
                return (Vec::new(), Vec::new());
            };
            let all = every_estimate(s);
            let members = c
                .inputs
                .iter()
                .map(|k| match all.iter().find(|x| &x.key == k) {
                    Some(x) if x.estimate.is_range() => (k.clone(), x.label.clone(), ""),
                    Some(x) => (
                        k.clone(),
                        x.label.clone(),
                        "a single number: left out until it is a range",
                    ),
                    None => (k.clone(), k.clone(), "no longer exists: left out"),
                })
                .collect::<Vec<_>>();
            let addable = uncertain_inputs(s)
                .into_iter()
                .filter(|x| !c.inputs.contains(&x.key))
                .map(|x| (x.key, x.label))
                .collect::<Vec<_>>();
            (members, addable)
        })
    });
    let drop = move |key: String| {
        edit_group(state, g, format!("correlations.{g}.inputs"), move |c| {
            c.inputs.retain(|k| *k != key)
        })
    };
    let add = move |key: String| {
        if key.is_empty() {
            return;
        }
        edit_group(state, g, format!("correlations.{g}.inputs"), move |c| {
            if c.inputs.len() < MAX_CORRELATED && !c.inputs.contains(&key) {
                c.inputs.push(key)
            }
        })
    };
    view! {
        <ul class="members" data-testid="members">
            {move || rows.with(|(m, _)| m.iter().cloned().map(|(key, label, why)| {
                let aria = format!("Remove {label} from the group");
                view! {
                    <li class:left-out=!why.is_empty()>
                        <span>{label}</span>
                        {(!why.is_empty()).then(|| view! { <span class="field-msg">{format!(" — {why}")}</span> })}
                        <button type="button" class="small remove" aria-label=aria on:click=move |_| drop(key.clone())>"×"</button>
                    </li>
                }
            }).collect_view())}
        </ul>
        <div class="field inline">
            <label for=format!("add-to-{g}")>"Add an estimate"</label>
            <select id=format!("add-to-{g}") prop:value="" on:change=move |ev| add(event_target_value(&ev))>
                <option value="">"Choose a ranged estimate…"</option>
                {move || rows.with(|(_, a)| a.iter().cloned().map(|(key, label)| view! { <option value=key>{label}</option> }).collect_view())}
            </select>
        </div>
    }
}

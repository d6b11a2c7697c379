//! An initiative's governance record: its status, the decisions taken on it (when, by whom, to
//! what, why, and its figures then), and the plan frozen at each approval. Recording an approval
//! freezes a baseline (`model::tracking::baseline_of`); an edit of the plan afterwards leaves it
//! as it was, and the card says what changed since.

use crate::app::state::{use_state, AppState};
use crate::app::widgets::fields::{init_at, SelectField, TextField};
use crate::explain::format::NumberFormat;
use crate::model::limits::{MAX_DECISIONS, MAX_NAME_CHARS, MAX_NOTES_CHARS};
use crate::model::schema::Choice;
use crate::model::tracking::{baseline_of, changed_since_approval};
use crate::model::{Decision, Initiative, Stage};
use crate::wire::intl::fmt;
use leptos::prelude::*;

/// Today as YYYY-MM-DD, in the browser's time zone.
fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

fn stage_options() -> Vec<(&'static str, String)> {
    <Stage as Choice>::ALL
        .iter()
        .filter(|s| **s != Stage::Proposed)
        .map(|s| (Choice::key(*s), s.label().to_string()))
        .collect()
}

/// Records a decision on the initiative at `i` with its figures now; an approval also freezes
/// its plan as a new baseline. `false` when there is nothing to record it on.
fn record(state: AppState, i: usize, stage: Stage, by: String, rationale: String) -> bool {
    let result = state.checked.with_untracked(|c| {
        c.shown
            .as_ref()
            .and_then(|s| s.evaluation.initiatives.get(i).cloned())
    });
    let Some(r) = result else {
        return false;
    };
    let date = today();
    state.edit(None, move |s| {
        let Some(init) = s.initiatives.get_mut(i) else {
            return;
        };
        if init.decisions.len() >= MAX_DECISIONS {
            return;
        }
        init.decisions.push(Decision {
            date: date.clone(),
            by,
            stage,
            rationale,
            npv: r.npv.value,
            roi_pct: r.roi.value,
            payback_months: r.payback_months.value,
        });
        init.stage = stage;
        if stage == Stage::Approved {
            let start = init.fixed_start_month.unwrap_or(0.0);
            let b = baseline_of(init, &r, &date, start);
            init.baselines.push(b);
        }
    });
    true
}

/// The decision log as a table (text only).
fn log_view(init: &Initiative, f: &dyn NumberFormat) -> AnyView {
    if init.decisions.is_empty() {
        return view! { <p class="hint">"No decision recorded yet."</p> }.into_any();
    }
    let money = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| f.money(v));
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Decision log">
            <table class="decisions" data-testid="decision-log">
                <thead><tr>
                    <th scope="col">"Date"</th><th scope="col">"Decision"</th>
                    <th scope="col">"By"</th><th scope="col">"Why"</th><th scope="col">"NPV then"</th>
                </tr></thead>
                <tbody>
                    {init.decisions.iter().map(|d| view! {
                        <tr>
                            <td>{d.date.clone()}</td><td>{d.stage.label()}</td><td>{d.by.clone()}</td>
                            <td>{d.rationale.clone()}</td><td>{money(d.npv)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// What the approved plan was, and what changed since, in words.
fn baseline_words(init: &Initiative, f: &dyn NumberFormat) -> Vec<String> {
    let mut out: Vec<String> = init
        .baselines
        .iter()
        .map(|b| {
            format!(
                "Approved on {}: one-time cost {}, NPV {}{}",
                b.date,
                f.money(b.one_time_cost),
                b.npv.map_or_else(|| "—".to_string(), |v| f.money(v)),
                b.payback_months
                    .map(|m| format!(", payback after {}", f.months(m)))
                    .unwrap_or_default()
            )
        })
        .collect();
    let changed = changed_since_approval(init);
    if let (Some(b), false) = (init.baselines.last(), changed.is_empty()) {
        out.push(format!(
            "The plan changed since its approval on {}: {}. The approved baseline stays as it was; approve again to make a new one.",
            b.date,
            changed.join(", ").to_lowercase()
        ));
    }
    out
}

#[component]
pub fn Governance(
    idx: RwSignal<Option<usize>>,
    init: RwSignal<Option<Initiative>>,
) -> impl IntoView {
    let state = use_state();
    let stage = RwSignal::new(Choice::key(Stage::Approved).to_string());
    let by = RwSignal::new(String::new());
    let why = RwSignal::new(String::new());
    let by_at = init_at(idx, "decision.by");
    let status = move || init.with(|x| x.as_ref().map(|x| x.stage.label()).unwrap_or_default());
    let currency = move || state.scenario.with(|s| s.currency.clone());
    let log = move || {
        let f = fmt(&currency());
        init.with(|x| x.as_ref().map(|x| log_view(x, &*f)))
    };
    let words = move || {
        let f = fmt(&currency());
        init.with(|x| {
            x.as_ref()
                .map(|x| baseline_words(x, &*f))
                .unwrap_or_default()
        })
    };
    let on_record = move |_| {
        let Some(i) = idx.get_untracked() else {
            return;
        };
        let who = by.get_untracked().trim().to_string();
        if who.is_empty() {
            state.set_parse_error(
                &by_at.get_untracked(),
                Some("Say who decided: a person or a board".into()),
            );
            return;
        }
        let s = <Stage as Choice>::from_key(&stage.get_untracked()).unwrap_or(Stage::Approved);
        if record(state, i, s, who, why.get_untracked().trim().to_string()) {
            by.set(String::new());
            why.set(String::new());
        } else {
            state.set_parse_error(
                &by_at.get_untracked(),
                Some("The figures have a problem to fix first: a decision records them".into()),
            );
        }
    };
    let open = init.with_untracked(|x| {
        x.as_ref()
            .is_some_and(|x| x.stage != Stage::Proposed || !x.decisions.is_empty())
    });
    view! {
        <details class="group governance" open=open>
            <summary>"Status and decisions: " <span data-testid="status">{status}</span></summary>
            <ul class="baselines" data-testid="baselines">
                {move || words().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
            </ul>
            {log}
            <fieldset class="decide">
                <legend>"Record a decision"</legend>
                <SelectField label="Decision" options=stage_options() value=stage
                    set=Callback::new(move |v: String| stage.set(v))/>
                <TextField label="Decided by" at=by_at max_chars=MAX_NAME_CHARS value=by
                    set=Callback::new(move |v: String| {
                        by.set(v);
                        state.set_parse_error(&by_at.get_untracked(), None);
                    })/>
                <TextField label="Why" multiline=true max_chars=MAX_NOTES_CHARS
                    at=init_at(idx, "decision.rationale") value=why
                    set=Callback::new(move |v: String| why.set(v))/>
                <p class="hint">"An approval freezes the plan as it is now: later edits leave it, and the card says what changed."</p>
                <button type="button" on:click=on_record>"Record decision"</button>
            </fieldset>
        </details>
    }
}

//! The executive summary, first on the page: what to decide, in sentences written from the
//! figures on screen (`explain::summary`, on the page with the figures, so the summary is there
//! in the same frame as the comparison and nothing below it moves when it arrives), each opening
//! onto the figures it rests on and the derivations of the comparison cells behind it. The
//! simulation's sentences come from its last run, and only while that run is of the results on
//! screen.

use crate::app::results::comparison::Explain;
use crate::app::state::{use_state, AppState};
use crate::app::widgets::fields::details_open;
use crate::explain::summary::summary;
use crate::model::simulate::has_ranges;
use crate::model::Shown;
use crate::wire::intl::fmt;
use crate::wire::{RowKey, Sentence, SimRow};
use leptos::prelude::*;

/// While the ranges of the results on screen are being simulated (or wait for a run).
const RUNNING: &str = "The ranges are being simulated: the P10–P90 of NPV, the chance of a loss and the estimate most worth refining appear here when the run ends.";

/// With no range in the scenario.
const NO_RANGES: &str = "No estimate has a range yet: type one as low-high (for example 150-250) and this summary adds the P10–P90 of NPV, the chance of a loss and the estimate most worth refining.";

fn note(topic: &'static str, text: &str) -> Sentence {
    Sentence {
        topic,
        text: text.into(),
        ..Sentence::default()
    }
}

/// The sentences about the ranges: the last run's if it is of `shown`.
fn ranged(state: AppState, shown: &Shown) -> Vec<Sentence> {
    if !has_ranges(&shown.scenario) {
        return vec![note("range", NO_RANGES)];
    }
    state.sim.with(|v| match (&v.result, &v.of) {
        (Some(r), Some(of)) if of == shown => r.summary.clone(),
        _ => vec![note("range", RUNNING)],
    })
}

/// The summary of the results on screen: the sentences of the figures, with the ranges' after
/// the recommendation (and any losing initiatives).
fn use_sentences(state: AppState) -> Memo<Option<Vec<Sentence>>> {
    Memo::new(move |_| {
        state.checked.with(|c| {
            let shown = c.shown.as_ref()?;
            let f = fmt(&shown.scenario.currency);
            // The portfolio leads when a budget or capacity is set: the set to fund comes first.
            let mut all = state
                .portfolio_text()
                .map(|t| t.sentences.clone())
                .unwrap_or_default();
            let lead = all.len();
            all.extend(summary(&shown.scenario, &shown.evaluation, &*f));
            if !shown.evaluation.initiatives.is_empty() {
                let at = all
                    .iter()
                    .skip(lead)
                    .position(|x| !matches!(x.topic, "mandatory" | "recommend" | "losing"))
                    .map_or(all.len(), |k| k + lead);
                // The run's portfolio sentence joins the portfolio's; the rest follow the
                // recommendation.
                let (lead_more, rest): (Vec<Sentence>, Vec<Sentence>) = ranged(state, shown)
                    .into_iter()
                    .partition(|x| x.topic == "portfolio");
                all.splice(at..at, rest);
                all.splice(lead..lead, lead_more);
            }
            Some(all)
        })
    })
}

/// What a cell behind a sentence is: "NPV of Service desk automation".
fn cell_label(state: AppState, key: RowKey, col: usize) -> String {
    let what = match key {
        RowKey::Figure(f) => f.label().to_string(),
        RowKey::Sim(SimRow::Npv) => "Simulated NPV".into(),
        RowKey::Sim(SimRow::Loss) => "Chance of a loss".into(),
        _ => "Figure".into(),
    };
    let name = state.checked.with(|c| {
        c.shown
            .as_ref()
            .and_then(|s| s.evaluation.initiatives.get(col).map(|r| r.name.clone()))
            .unwrap_or_default()
    });
    format!("{what} of {name}")
}

/// One sentence: its text, and when opened, the figures and derivations behind it. Which are
/// open is kept in `open` (by topic) across re-renders.
fn sentence_view(state: AppState, x: Sentence, open: RwSignal<Vec<&'static str>>) -> impl IntoView {
    let topic = x.topic;
    let traced = !x.lines.is_empty() || !x.cells.is_empty();
    let is_open = RwSignal::new(open.with_untracked(|o| o.contains(&topic)));
    let (lines, cells) = (x.lines, x.cells);
    let behind = move || {
        is_open.get().then(|| {
            let lines = lines.clone();
            let cells = cells.clone();
            view! {
                <ul class="trace">
                    {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                </ul>
                {cells
                    .into_iter()
                    .map(|(key, col)| view! {
                        <div class="trace-cell">
                            <p class="trace-label">{cell_label(state, key, col)}</p>
                            <Explain key col/>
                        </div>
                    })
                    .collect_view()}
            }
        })
    };
    if !traced {
        // An instruction (how to get ranges), not a finding: not printed.
        return view! { <li class="note" data-topic=topic><p class="sentence">{x.text}</p></li> }
            .into_any();
    }
    view! {
        <li data-topic=topic>
            <details class="why" prop:open=is_open.get_untracked() on:toggle=move |ev| {
                let now = details_open(&ev);
                is_open.set(now);
                open.update(|o| {
                    o.retain(|t| *t != topic);
                    if now { o.push(topic); }
                });
            }>
                <summary class="sentence">{x.text}</summary>
                {behind}
            </details>
        </li>
    }
    .into_any()
}

#[component]
pub fn Summary() -> impl IntoView {
    let state = use_state();
    let sentences = use_sentences(state);
    let open = RwSignal::new(Vec::<&'static str>::new());
    let list = move || match sentences.get() {
        Some(all) => view! {
            <ul class="summary-list">
                {all.into_iter().map(|x| sentence_view(state, x, open)).collect_view()}
            </ul>
        }
        .into_any(),
        None => view! {
            <p class="empty">"No summary until the problems listed above are fixed."</p>
        }
        .into_any(),
    };
    view! {
        <section class="panel summary" id="summary" data-testid="summary"
            class:stale=move || state.stale() aria-labelledby="summary-h">
            <h2 id="summary-h" tabindex="-1">"Summary"</h2>
            <p class="hint">"Written from the figures below. Select a sentence to see the figures and derivations behind it."</p>
            {list}
        </section>
    }
}

//! The portfolio: its settings, then what the plan on screen says — the sentences, the ranked
//! list with its cut line and what each unfunded initiative needs, the shares by category, the
//! frontier, roadmap and spend charts, and the roadmap's table. The words are
//! `explain::portfolio`'s, from the plan made with the evaluation (`model::plan`).

use crate::app::editors::portfolio::PortfolioSettings;
use crate::app::results::chart_style::{LegendItem, Mark};
use crate::app::results::charts::{ChartFigure, PORTFOLIO_CHART_IDS};
use crate::app::state::use_state;
use crate::app::widgets::data_table::text_table;
use crate::model::Shown;
use crate::wire::{ChartId, TableText};
use leptos::prelude::*;

// Legends: one entry per series shown, the series' position giving its colour and pattern
// (`worker::chart_spec`'s portfolio charts).

fn legend_frontier(_: &Shown) -> Vec<LegendItem> {
    vec![
        LegendItem::new("Best set (exact)", 0, Mark::Line),
        LegendItem::new("Rank by NPV, fund down the list", 1, Mark::Line),
        LegendItem::new("Current budget", 2, Mark::Diamond),
    ]
}

fn legend_roadmap(_: &Shown) -> Vec<LegendItem> {
    vec![
        LegendItem::new("Delivery", 1, Mark::Bar),
        LegendItem::new("Waiting for the milestone", 2, Mark::Bar),
        LegendItem::new("Ramp-up", 3, Mark::Bar),
        LegendItem::new("Milestone", 4, Mark::Diamond),
        LegendItem::new("Dependency: delivered, then started", 5, Mark::Dashed),
    ]
}

fn legend_capacity(_: &Shown) -> Vec<LegendItem> {
    vec![
        LegendItem::new("Team load", 0, Mark::Bar),
        LegendItem::new("Capacity", 1, Mark::Dashed),
    ]
}

fn legend_spend(_: &Shown) -> Vec<LegendItem> {
    vec![
        LegendItem::new("One-time spend", 0, Mark::Bar),
        LegendItem::new("Running cost", 1, Mark::Bar),
        LegendItem::new("One-time budget", 2, Mark::Triangle),
        LegendItem::new("Running-cost budget", 3, Mark::Circle),
        LegendItem::new("Total budget", 4, Mark::Diamond),
        LegendItem::new("Cumulative net cash flow (year end)", 5, Mark::Line),
    ]
}

/// The ranked list, with a line above the first initiative not funded.
fn ranked_view(t: TableText, cut: Option<usize>) -> AnyView {
    view! {
        <p class="table-caption">{t.caption.clone()}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label="Initiatives by value, with the funded set">
            <table class="ranked" data-testid="portfolio-ranked">
                <thead>
                    <tr>{t.heads.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {t.rows
                        .into_iter()
                        .enumerate()
                        .map(|(n, row)| {
                            let funded = row.last().is_some_and(|d| d.starts_with("Funded"));
                            view! {
                                <tr class:cut=cut == Some(n) class:funded=funded>
                                    {row.into_iter().enumerate().map(|(k, c)| if k == 1 {
                                        view! { <th scope="row">{c}</th> }.into_any()
                                    } else {
                                        view! { <td>{c}</td> }.into_any()
                                    }).collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
pub fn Portfolio() -> impl IntoView {
    let state = use_state();
    // The worker's words of the plan, while they are of the results on screen; the last run's
    // sentence about the portfolio, while that run is of them too.
    let words = Memo::new(move |_| {
        let text = state.portfolio_text()?;
        let mut said = text.sentences.clone();
        state.checked.with(|c| {
            let shown = c.shown.as_ref()?;
            state.sim.with(|v| {
                if let (Some(r), Some(of)) = (&v.result, &v.of) {
                    if of == shown {
                        said.extend(r.summary.iter().filter(|x| x.topic == "portfolio").cloned());
                    }
                }
            });
            Some(())
        });
        Some((
            text.active,
            said,
            text.ranked.clone(),
            text.cut,
            text.shares.clone(),
            text.roadmap.clone(),
            text.jobs,
        ))
    });
    let active = move || words.with(|w| w.as_ref().is_some_and(|w| w.0));
    let fixed = |c: ChartId| Signal::derive(move || Some(c));
    let hidden = Signal::derive(move || !active());
    let no_capacity = Signal::derive(move || state.portfolio_text().is_none_or(|t| !t.capacity));
    view! {
        <section class="panel portfolio" id="portfolio" aria-labelledby="portfolio-h">
            <h2 id="portfolio-h">"Portfolio and roadmap"</h2>
            <PortfolioSettings/>
            <div class="portfolio-results" class:stale=move || state.stale() class:blocked=move || state.blocked()>
                <p class="hint" hidden=active>
                    "Set a budget or the team's capacity above: Caseboard then finds the set of initiatives worth most within them, exactly, and schedules it."
                </p>
                <ul class="portfolio-sentences" data-testid="portfolio-sentences">
                    {move || words.with(|w| w.as_ref().map(|w| w.1.iter().map(|x| view! {
                        <li>{x.text.clone()}
                            {(!x.lines.is_empty()).then(|| view! {
                                <ul class="lines">{x.lines.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
                            })}
                        </li>
                    }).collect_view()))}
                </ul>
                {move || words.with(|w| w.as_ref().filter(|w| w.0).map(|w| ranked_view(w.2.clone(), w.3)))}
                {move || words.with(|w| w.as_ref().filter(|w| w.0 && !w.4.is_empty()).map(|w| view! {
                    <p class="table-caption">"Spend by category, as scheduled"</p>
                    <ul class="shares-list">{w.4.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
                }))}
                <div class="chart-grid">
                    <ChartFigure id=PORTFOLIO_CHART_IDS[0] title="Efficient frontier: best value at each budget, and ranking by NPV"
                        chart=fixed(ChartId::Frontier) legend=legend_frontier hidden=hidden/>
                    <ChartFigure id=PORTFOLIO_CHART_IDS[1] title="Roadmap: months from now (◆ milestone)"
                        chart=fixed(ChartId::Roadmap) legend=legend_roadmap/>
                    <ChartFigure id=PORTFOLIO_CHART_IDS[2] title="Team capacity use by month, as scheduled"
                        chart=fixed(ChartId::Capacity) legend=legend_capacity hidden=no_capacity/>
                    <ChartFigure id=PORTFOLIO_CHART_IDS[3] title="Spend by year against the budget, and the cumulative net cash flow, as scheduled"
                        chart=fixed(ChartId::Spend) legend=legend_spend hidden=hidden/>
                </div>
                {move || words.with(|w| w.as_ref().filter(|w| w.6).map(|w| view! {
                    <div class="table-scroll" data-testid="roadmap-table" tabindex="0" role="region" aria-label="The roadmap">{text_table(&w.5)}</div>
                }))}
            </div>
        </section>
    }
}

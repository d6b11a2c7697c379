//! The results dashboard a board reads in a minute: the portfolio line (value realised to date
//! against plan), a tile per goal and per tracked initiative (status in words and colour, the
//! figures behind it, a sparkline against plan and target, and the note "what changed, why, what
//! we are doing"), then the tables and the two charts: an initiative's cumulative value planned
//! against actual, and a KPI's readings against its baseline and target (`explain::dashboard`, made in the worker with the portfolio's words).

use crate::app::results::chart_style::{LegendItem, Mark};
use crate::app::results::charts::ChartFigure;
use crate::app::state::{use_state, Shown};
use crate::app::widgets::data_table::text_table;
use crate::wire::{ChartId, DashboardText, TileText as Tile};
use leptos::prelude::*;

fn status_class(key: &str) -> &'static str {
    match key {
        "green" => "tile status-green",
        "yellow" => "tile status-yellow",
        "red" => "tile status-red",
        _ => "tile status-none",
    }
}

/// A small trend line: planned (dashed), actual (solid, broken at gaps) and the target (dotted).
fn sparkline(t: &Tile) -> impl IntoView {
    const W: f64 = 140.0;
    const H: f64 = 36.0;
    let values = t
        .planned
        .iter()
        .copied()
        .chain(t.actual.iter().flatten().copied())
        .chain(t.target);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let n = t.planned.len().max(t.actual.len());
    if n < 2 || !lo.is_finite() {
        return None;
    }
    let span = if hi > lo { hi - lo } else { 1.0 };
    let x = |m: usize| m as f64 / (n - 1) as f64 * (W - 4.0) + 2.0;
    let y = |v: f64| H - 2.0 - (v - lo) / span * (H - 4.0);
    let line = |pts: &mut dyn Iterator<Item = (usize, f64)>| {
        pts.map(|(m, v)| format!("{:.1},{:.1}", x(m), y(v)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let planned = line(&mut t.planned.iter().copied().enumerate());
    // The actual line, one piece per run of months measured.
    let mut pieces: Vec<String> = Vec::new();
    let mut run = Vec::new();
    for (m, v) in t.actual.iter().enumerate() {
        match v {
            Some(v) => run.push((m, *v)),
            None if !run.is_empty() => pieces.push(line(&mut run.drain(..))),
            None => {}
        }
    }
    if !run.is_empty() {
        pieces.push(line(&mut run.drain(..)));
    }
    let target = t
        .target
        .map(|v| format!("2,{:.1} {},{:.1}", y(v), W - 2.0, y(v)));
    // Readings with no neighbour (quarterly KPIs) as dots.
    let dots: Vec<(f64, f64)> = t
        .actual
        .iter()
        .enumerate()
        .filter_map(|(m, v)| {
            let v = (*v)?;
            let alone = (m == 0 || t.actual[m - 1].is_none())
                && t.actual.get(m + 1).is_none_or(Option::is_none);
            alone.then(|| (x(m), y(v)))
        })
        .collect();
    Some(view! {
        <svg class="sparkline" viewBox=format!("0 0 {W} {H}") width=W height=H aria-hidden="true">
            {target.map(|p| view! { <polyline class="spark-target" points=p/> })}
            <polyline class="spark-plan" points=planned/>
            {pieces.into_iter().map(|p| view! { <polyline class="spark-actual" points=p/> }).collect_view()}
            {dots.into_iter().map(|(cx, cy)| view! {
                <circle class="spark-dot" cx=format!("{cx:.1}") cy=format!("{cy:.1}") r="2.5"/>
            }).collect_view()}
        </svg>
    })
}

fn tile_view(t: Tile) -> impl IntoView {
    let note = (!t.note.trim().is_empty()).then(|| t.note.clone());
    let trend = if t.target.is_some() {
        "Trend: readings (solid) against the planned path (dashed) and the target (dotted)"
    } else {
        "Trend: cumulative value, actual (solid) against plan (dashed)"
    };
    view! {
        <li class=status_class(&t.status) data-testid="tile">
            <p class="tile-kind">{t.kind.clone()}</p>
            <h3>{t.name.clone()}</h3>
            <p class="status-label" data-testid="tile-status">{t.label.clone()}</p>
            <ul class="tile-lines">
                {t.lines.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}
            </ul>
            <div class="tile-trend" title=trend>{sparkline(&t)}</div>
            {note.map(|n| view! {
                <p class="tile-note"><strong>"What changed, why, what we are doing: "</strong>{n}</p>
            })}
        </li>
    }
}

fn legend_realised(_: &Shown) -> Vec<LegendItem> {
    vec![
        LegendItem::new("Planned", 0, Mark::Line),
        LegendItem::new("Actual", 1, Mark::Circle),
        LegendItem::new("Forecast", 2, Mark::Dashed),
    ]
}

fn legend_kpi(_: &Shown) -> Vec<LegendItem> {
    vec![
        LegendItem::new("Readings", 0, Mark::Circle),
        LegendItem::new("Planned path", 1, Mark::Line),
        LegendItem::new("Baseline", 2, Mark::Dashed),
        LegendItem::new("Target", 3, Mark::Dashed),
    ]
}

#[component]
pub fn Results() -> impl IntoView {
    let state = use_state();
    let board = Memo::new(move |_| {
        state
            .portfolio_text()
            .and_then(|t| t.dashboard.clone())
            .map(std::sync::Arc::new)
    });
    let with = move |f: &dyn Fn(&DashboardText) -> AnyView| board.with(|b| b.as_deref().map(f));
    // The chosen initiative (its index in the scenario) and KPI (goal, KPI).
    let chosen = RwSignal::new(None::<usize>);
    let chosen_kpi = RwSignal::new(None::<(usize, usize)>);
    let picked = Memo::new(move |_| {
        board.with(|b| {
            let d = b.as_deref()?;
            let pick = chosen.get();
            d.initiatives
                .iter()
                .find(|t| Some(t.index) == pick)
                .or_else(|| d.initiatives.first())
                .map(|t| t.index)
        })
    });
    let realised = Signal::derive(move || picked.get().map(ChartId::Realised));
    let kpi_chart = Signal::derive(move || {
        board.with(|b| {
            let d = b.as_deref()?;
            let pick = chosen_kpi.get();
            d.kpis
                .iter()
                .find(|(g, k, _)| Some((*g, *k)) == pick)
                .or_else(|| d.kpis.first())
                .map(|(g, k, _)| ChartId::Kpi(*g, *k))
        })
    });
    let no_initiative = Signal::derive(move || realised.get().is_none());
    let no_kpi = Signal::derive(move || kpi_chart.get().is_none());
    let detail = move |f: &dyn Fn(&crate::wire::TrackedText) -> AnyView| {
        with(&|d| {
            d.initiatives
                .iter()
                .find(|t| Some(t.index) == picked.get())
                .map(f)
                .into_any()
        })
    };
    view! {
        <section class="panel dashboard" id="dashboard" aria-labelledby="dashboard-h"
            hidden=move || board.with(Option::is_none)>
            <h2 id="dashboard-h">"Results against plan"</h2>
            <p class="dashboard-line" data-testid="dashboard-line">
                {move || board.with(|b| b.as_ref().map(|d| d.line.clone()))}
            </p>
            <ul class="tiles" data-testid="tiles">
                {move || with(&|d| d.tiles.iter().cloned().map(tile_view).collect_view().into_any())}
            </ul>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Tracked initiatives" data-testid="tracked">
                {move || with(&|d| text_table(&d.tracked).into_any())}
            </div>
            <div class="field inline" hidden=no_initiative>
                <label for="realised-of">"Plan against actual for"</label>
                <select id="realised-of" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                    {move || with(&|d| d.initiatives.iter().map(|t| {
                        let i = t.index;
                        view! { <option value=i.to_string() selected=move || picked.get() == Some(i)>{t.name.clone()}</option> }
                    }).collect_view().into_any())}
                </select>
            </div>
            <ChartFigure id="chart-realised" title="Cumulative value: planned, actual and forecast"
                chart=realised legend=legend_realised hidden=no_initiative/>
            <p class="forecast-rule" data-testid="forecast-rule">
                {move || detail(&|t| t.rule.clone().into_any())}
            </p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Month by month" data-testid="months">
                {move || detail(&|t| text_table(&t.months).into_any())}
            </div>
            <div class="field inline" hidden=no_kpi>
                <label for="kpi-of">"KPI"</label>
                <select id="kpi-of" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    chosen_kpi.set(v.split_once(':').and_then(|(g, k)| Some((g.parse().ok()?, k.parse().ok()?))))
                }>
                    {move || with(&|d| d.kpis.iter().map(|(g, k, name)| {
                        let (g, k) = (*g, *k);
                        view! { <option value=format!("{g}:{k}") selected=move || kpi_chart.get() == Some(ChartId::Kpi(g, k))>{name.clone()}</option> }
                    }).collect_view().into_any())}
                </select>
            </div>
            <ChartFigure id="chart-kpi" title="KPI readings against baseline, planned path and target"
                chart=kpi_chart legend=legend_kpi hidden=no_kpi/>
        </section>
    }
}

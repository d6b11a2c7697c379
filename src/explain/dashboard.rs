//! The results dashboard in words: one tile per goal and per tracked initiative (status, in
//! words as well as colour; the figures behind it; the note), the portfolio line, the tables
//! (initiatives, KPIs, month by month) and the two charts' words. Pure: numbers are written by
//! the [`NumberFormat`] passed in.

use crate::explain::format::NumberFormat;
use crate::model::dashboard::{Against, Dashboard, GoalTrack, InitiativeTrack, KpiTrack};
use crate::model::tracking::{shortfall_pct, Status};
use crate::model::Better;
use crate::model::Scenario;
use crate::wire::{ChartText, DashboardText, Sentence, TableText, TileText, TrackedText};

/// A status as the page's key ("green", "yellow", "red"; empty: none yet).
pub fn status_key(s: Option<Status>) -> &'static str {
    match s {
        Some(Status::Green) => "green",
        Some(Status::Yellow) => "yellow",
        Some(Status::Red) => "red",
        None => "",
    }
}

/// A tile: what it is about, its status (key and words), the figures behind it, the note, and
/// its sparkline's numbers.
#[allow(clippy::too_many_arguments)]
fn tile(
    kind: &str,
    name: &str,
    status: Option<Status>,
    lines: Vec<String>,
    note: &str,
    planned: Vec<f64>,
    actual: Vec<Option<f64>>,
    target: Option<f64>,
) -> TileText {
    TileText {
        kind: kind.into(),
        name: name.into(),
        status: status_key(status).into(),
        label: status_words(status).into(),
        lines,
        note: note.into(),
        planned,
        actual,
        target,
    }
}

/// A status in words: "On track", or "No results yet".
pub fn status_words(s: Option<Status>) -> &'static str {
    s.map_or("No results yet", Status::label)
}

/// "15% short of plan", "3.2% ahead of plan", "on plan".
fn versus(plan: f64, actual: f64, better: Better, f: &dyn NumberFormat) -> String {
    match shortfall_pct(plan, actual, better) {
        Some(p) if p.abs() < 0.05 => "on plan".into(),
        Some(p) if p > 0.0 => {
            let word = if better == Better::Lower {
                "over"
            } else {
                "short of"
            };
            format!("{} {word} plan", f.percent(p))
        }
        Some(p) => {
            let word = if better == Better::Lower {
                "under"
            } else {
                "ahead of"
            };
            format!("{} {word} plan", f.percent(-p))
        }
        None if plan == 0.0 && actual != 0.0 => "none planned by now".into(),
        None => "no plan to compare with yet".into(),
    }
}

/// The forecast's rule, in words, for initiative `t`.
pub fn forecast_rule(t: &InitiativeTrack, f: &dyn NumberFormat) -> String {
    let fc = &t.forecast;
    let Some(last) = fc.last_actual else {
        return "No actuals yet: the forecast is the plan.".into();
    };
    let part = |r: Option<f64>, what: &str| match r {
        Some(r) => format!(
            "{what} running at {} of plan, so the rest of the plan's {what} is taken at {}",
            f.percent(r * 100.0),
            f.percent(r * 100.0)
        ),
        None => format!("no {what} measured yet, so the plan's {what} as planned"),
    };
    let one_time = if t.actual.iter().any(|a| a.one_time.is_some()) {
        format!("the one-time cost not yet spent in month {}", last + 1)
    } else {
        "the plan's one-time cost where it falls (none recorded yet)".to_string()
    };
    format!(
        "Forecast: months 0–{last} as recorded; then {}; {}; and {one_time}.",
        part(fc.benefit_ratio, "benefits"),
        part(fc.running_ratio, "running cost"),
    )
}

fn initiative_lines(t: &InitiativeTrack, f: &dyn NumberFormat) -> Vec<String> {
    let fc = &t.forecast;
    let mut lines = Vec::new();
    if t.value_status.is_some() {
        lines.push(format!(
            "Value to date {} of {} planned: {}",
            f.money(fc.realised_to_date),
            f.money(fc.planned_to_date),
            versus(fc.planned_to_date, fc.realised_to_date, Better::Higher, f)
        ));
    }
    if t.spend_status.is_some() {
        lines.push(format!(
            "Spend to date {} of {} planned: {}",
            f.money(fc.spent_to_date),
            f.money(fc.planned_spend_to_date),
            versus(fc.planned_spend_to_date, fc.spent_to_date, Better::Lower, f)
        ));
    }
    // The approved plan's NPV as it is tracked: its flows from its start month (the decision
    // log keeps the NPV the decision saw).
    let then = match &t.against {
        Against::Baseline { date, .. } => {
            format!(
                "NPV of the plan approved on {date} {}",
                f.money(fc.npv_plan)
            )
        }
        Against::CurrentPlan => {
            format!("NPV as planned (no approval yet) {}", f.money(fc.npv_plan))
        }
    };
    lines.push(format!(
        "{then}; now, with actuals and forecast, {} ({})",
        f.money(fc.npv_now),
        f.money(fc.npv_now - fc.npv_plan)
    ));
    lines
}

fn kpi_line(k: &KpiTrack, f: &dyn NumberFormat) -> String {
    let unit = if k.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", k.unit)
    };
    match (k.latest, k.planned_at_latest) {
        (Some((m, v)), Some(p)) => format!(
            "{}: {}{unit} in month {m}, planned {}{unit}; target {}{unit} by month {}",
            k.name,
            f.decimals(v, 3),
            f.decimals(p, 3),
            f.decimals(k.target, 3),
            k.target_month
        ),
        _ => format!(
            "{}: no reading yet; target {}{unit} by month {}",
            k.name,
            f.decimals(k.target, 3),
            k.target_month
        ),
    }
}

fn goal_tile(d: &Dashboard, g: &GoalTrack, f: &dyn NumberFormat) -> TileText {
    let mut lines: Vec<String> = g.kpis.iter().map(|k| kpi_line(k, f)).collect();
    if !g.from_kpis && g.status.is_some() {
        lines.push("No KPI reading yet: the status is that of the initiatives serving it".into());
    }
    let names: Vec<String> = g
        .serving
        .iter()
        .map(|&k| d.initiatives[k].name.clone())
        .collect();
    if !names.is_empty() {
        lines.push(format!(
            "Served by {}",
            crate::explain::summary::join(&names)
        ));
    }
    // The sparkline: the first KPI with readings, against its planned path and target.
    let k = g.kpis.iter().find(|k| !k.readings.is_empty());
    let (planned, actual, target) = match k {
        Some(k) => {
            let months = d.as_of.max(1);
            let planned = (0..=months)
                .map(|m| {
                    crate::model::tracking::kpi_plan(k.baseline, k.target, k.target_month, m as f64)
                })
                .collect();
            let actual = (0..=months)
                .map(|m| k.readings.iter().find(|r| r.0 == m as f64).map(|r| r.1))
                .collect();
            (planned, actual, Some(k.target))
        }
        None => (Vec::new(), Vec::new(), None),
    };
    tile(
        "Goal", &g.name, g.status, lines, &g.note, planned, actual, target,
    )
}

fn initiative_tile(d: &Dashboard, t: &InitiativeTrack, f: &dyn NumberFormat) -> TileText {
    let (plan, actual) = t.cumulative_value();
    let last = t.forecast.last_actual.unwrap_or(0).min(d.as_of);
    let months = d.as_of.max(1).min(plan.len().saturating_sub(1));
    let actual = actual
        .iter()
        .take(months + 1)
        .enumerate()
        .map(|(m, v)| (m <= last && t.forecast.last_actual.is_some()).then_some(*v))
        .collect();
    tile(
        "Initiative",
        &t.name,
        t.status,
        initiative_lines(t, f),
        &t.note,
        plan.iter().take(months + 1).copied().collect(),
        actual,
        None,
    )
}

/// The tiles: goals first, then the tracked initiatives.
pub fn tiles(d: &Dashboard, f: &dyn NumberFormat) -> Vec<TileText> {
    let goals = d.goals.iter().map(|g| goal_tile(d, g, f));
    let inits = d.initiatives.iter().map(|t| initiative_tile(d, t, f));
    goals.chain(inits).collect()
}

/// Whether the dashboard has anything to show.
pub fn has_results(d: &Dashboard) -> bool {
    !d.initiatives.is_empty()
        || d.goals
            .iter()
            .any(|g| g.kpis.iter().any(|k| !k.readings.is_empty()))
}

/// The portfolio line: "To month 12, the tracked initiatives realised $X of $Y planned (…);
/// spend $A of $B planned; NPV now $C against $D as approved."
pub fn portfolio_line(d: &Dashboard, f: &dyn NumberFormat) -> String {
    if d.initiatives.is_empty() {
        return "No initiative is approved or has actuals yet: nothing to track.".into();
    }
    let n = d.initiatives.len();
    let of = if n == 1 {
        "the tracked initiative".to_string()
    } else {
        format!("the {n} tracked initiatives")
    };
    format!(
        "To month {}, {of} realised {} of the {} planned ({}, {}); spend {} of {} planned; NPV now {} against {} as approved ({}).",
        d.as_of,
        f.money(d.realised_to_date),
        f.money(d.planned_to_date),
        versus(d.planned_to_date, d.realised_to_date, Better::Higher, f),
        status_words(d.value_status).to_lowercase(),
        f.money(d.spent_to_date),
        f.money(d.planned_spend_to_date),
        f.money(d.npv_now),
        f.money(d.npv_plan),
        f.money(d.npv_now - d.npv_plan)
    )
}

/// Month by month for initiative `t`, months 0 to "actuals up to": planned and actual value,
/// planned and actual spend, the variances ("—" for a month not measured: a gap, not a zero).
pub fn months_table(d: &Dashboard, t: &InitiativeTrack, f: &dyn NumberFormat) -> TableText {
    let gap = || "—".to_string();
    let rows = (0..=d.as_of.min(t.plan.benefits.len().saturating_sub(1)))
        .map(|m| {
            let plan_v = t.plan.benefits[m];
            let plan_s = t.plan.one_time[m] + t.plan.running[m];
            let a = t.actual.get(m).copied().unwrap_or_default();
            let spend = (a.one_time.is_some() || a.running.is_some())
                .then(|| a.one_time.unwrap_or(0.0) + a.running.unwrap_or(0.0));
            let pct = |plan: f64, v: f64| {
                if plan == 0.0 {
                    gap()
                } else {
                    f.percent((v - plan) / plan.abs() * 100.0)
                }
            };
            vec![
                format!("{m}"),
                f.money(plan_v),
                a.benefits.map_or_else(gap, |v| f.money(v)),
                a.benefits.map_or_else(gap, |v| f.money(v - plan_v)),
                a.benefits.map_or_else(gap, |v| pct(plan_v, v)),
                f.money(plan_s),
                spend.map_or_else(gap, |v| f.money(v)),
                spend.map_or_else(gap, |v| f.money(v - plan_s)),
            ]
        })
        .collect();
    TableText {
        caption: format!("{}: plan against actual, month by month", t.name),
        heads: [
            "Month",
            "Planned value",
            "Actual value",
            "Variance",
            "Variance %",
            "Planned spend",
            "Actual spend",
            "Spend variance",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}

/// The words of the chart of initiative `t`'s cumulative value: planned, and actual then
/// forecast.
pub fn realised_chart_text(d: &Dashboard, t: &InitiativeTrack, f: &dyn NumberFormat) -> ChartText {
    let (plan, actual) = t.cumulative_value();
    let last = t.forecast.last_actual;
    let end = plan.len().saturating_sub(1);
    let summary = format!(
        "{}: cumulative value planned, {} by the horizon (month {end}), against actual{}: {} by the horizon as forecast.",
        t.name,
        f.money(plan[end]),
        last.map_or_else(String::new, |m| format!(" to month {m} ({})", f.money(actual[m]))),
        f.money(actual[end]),
    );
    let rows = (0..=end)
        .filter(|m| m % 3 == 0 || Some(*m) == last || *m == d.as_of || *m == end)
        .map(|m| {
            let kind = if last.is_some_and(|l| m <= l) {
                "Actual"
            } else {
                "Forecast"
            };
            vec![
                format!("{m}"),
                f.money(plan[m]),
                f.money(actual[m]),
                kind.into(),
            ]
        })
        .collect();
    ChartText {
        summary,
        table: TableText {
            caption: format!("{}: cumulative value, planned and actual", t.name),
            heads: ["Month", "Planned", "Actual or forecast", "Which"]
                .map(String::from)
                .to_vec(),
            rows,
        },
    }
}

/// The words of a KPI's chart: its readings against the baseline, the planned path and the
/// target.
pub fn kpi_chart_text(k: &KpiTrack, f: &dyn NumberFormat) -> ChartText {
    let rows = k
        .readings
        .iter()
        .map(|(m, v)| {
            let p = crate::model::tracking::kpi_plan(k.baseline, k.target, k.target_month, *m);
            vec![format!("{m}"), f.decimals(*v, 3), f.decimals(p, 3)]
        })
        .collect();
    ChartText {
        summary: format!(
            "{}: {} readings against the baseline {} and the target {} by month {}. {}",
            k.name,
            k.readings.len(),
            f.decimals(k.baseline, 3),
            f.decimals(k.target, 3),
            k.target_month,
            status_words(k.status)
        ),
        table: TableText {
            caption: format!("{}: readings against the planned path", k.name),
            heads: ["Month", "Reading", "Planned"].map(String::from).to_vec(),
            rows,
        },
    }
}

/// One row per tracked initiative: status, value and spend to date against plan ("—": none
/// recorded), the approved plan's NPV and NPV now.
pub fn initiatives_table(d: &Dashboard, f: &dyn NumberFormat) -> TableText {
    let rows = d
        .initiatives
        .iter()
        .map(|t| {
            let fc = &t.forecast;
            let value = |v: f64| {
                t.value_status
                    .map_or_else(|| "—".to_string(), |_| f.money(v))
            };
            let spend = |v: f64| {
                t.spend_status
                    .map_or_else(|| "—".to_string(), |_| f.money(v))
            };
            vec![
                t.name.clone(),
                t.stage.label().to_string(),
                status_words(t.status).to_string(),
                value(fc.realised_to_date),
                value(fc.planned_to_date),
                spend(fc.spent_to_date),
                spend(fc.planned_spend_to_date),
                f.money(fc.npv_plan),
                f.money(fc.npv_now),
            ]
        })
        .collect();
    TableText {
        caption: "Tracked initiatives: results to date against plan".into(),
        heads: [
            "Initiative",
            "Stage",
            "Status",
            "Value to date",
            "Planned to date",
            "Spend to date",
            "Planned spend",
            "NPV as approved",
            "NPV now",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}

/// The results so far, once anything is tracked: the portfolio line of the dashboard, then
/// each tracked initiative and goal off track or at risk, with its note.
fn results_sentence(d: &Dashboard, tiles: &[TileText], f: &dyn NumberFormat) -> Option<Sentence> {
    if !has_results(d) {
        return None;
    }
    let named = |want: Status| -> Vec<String> {
        tiles
            .iter()
            .filter(|t| t.status == status_key(Some(want)))
            .map(|t| t.name.clone())
            .collect()
    };
    let mut text = format!("Results: {}", portfolio_line(d, f));
    for status in [Status::Red, Status::Yellow] {
        let names = named(status);
        if !names.is_empty() {
            text.push_str(&format!(
                " {}: {}.",
                status.label(),
                crate::explain::summary::join(&names)
            ));
        }
    }
    let lines = tiles
        .iter()
        .map(|t| {
            let note = if t.note.trim().is_empty() {
                String::new()
            } else {
                format!(" — {}", t.note.trim())
            };
            format!("{} ({}): {}{note}", t.name, t.label, t.lines.join("; "))
        })
        .collect();
    Some(Sentence {
        topic: "results",
        text,
        lines,
        cells: Vec::new(),
    })
}

/// The dashboard of `s` in words for the page, and the summary's "Results" sentence; `None`
/// when nothing is tracked.
pub fn dashboard_text(
    s: &Scenario,
    f: &dyn NumberFormat,
) -> (Option<DashboardText>, Option<Sentence>) {
    let d = crate::model::dashboard::dashboard(s);
    if !has_results(&d) {
        return (None, None);
    }
    let tiles = tiles(&d, f);
    let initiatives = d
        .initiatives
        .iter()
        .map(|t| TrackedText {
            index: t.index,
            name: t.name.clone(),
            rule: forecast_rule(t, f),
            months: months_table(&d, t, f),
        })
        .collect();
    let kpis = d
        .goals
        .iter()
        .enumerate()
        .flat_map(|(g, x)| {
            x.kpis
                .iter()
                .enumerate()
                .map(move |(k, y)| (g, k, format!("{}: {}", x.name, y.name)))
        })
        .collect();
    let results = results_sentence(&d, &tiles, f);
    let text = DashboardText {
        line: portfolio_line(&d, f),
        tiles,
        tracked: initiatives_table(&d, f),
        initiatives,
        kpis,
    };
    (Some(text), results)
}

//! The words of the comparison's charts: each chart's summary (its `aria-label`), its data table
//! (for screen readers and print) and the tip for what the pointer is over. Built in the worker,
//! beside the charts' options (`chart_spec`), and sent to the page as plain strings that it shows
//! as text. Pure: numbers are written by the [`NumberFormat`] passed in.

use crate::explain::chart_data::{drivers, effort_of, one_time_cost};
use crate::explain::format::{quantity, NumberFormat};
use crate::model::{Category, InitiativeResult, Quantity, Shown, Unit};
use crate::wire::{ChartId, ChartText, Pointer, TableText, Tip};

type Summary = fn(&Shown) -> String;
type Table = fn(&Shown, &dyn NumberFormat) -> TableText;

/// The texts of one of the comparison's charts (`None` for the simulation's: `sim_report`).
pub fn chart_texts(chart: ChartId, shown: &Shown, f: &dyn NumberFormat) -> Option<ChartText> {
    use crate::explain::dashboard::{kpi_chart_text, realised_chart_text};
    let (summary, table): (Summary, Table) = match chart {
        ChartId::Realised(i) => {
            let d = crate::model::dashboard::dashboard(&shown.scenario);
            let t = d.initiatives.iter().find(|t| t.index == i)?;
            return Some(realised_chart_text(&d, t, f));
        }
        ChartId::Kpi(g, k) => {
            let d = crate::model::dashboard::dashboard(&shown.scenario);
            return Some(kpi_chart_text(d.goals.get(g)?.kpis.get(k)?, f));
        }
        ChartId::ValueByDriver => (summary_value, table_value_by_driver),
        ChartId::Cumulative => (summary_cumulative, table_cumulative),
        ChartId::ValueVsEffort => (summary_effort, table_value_vs_effort),
        ChartId::Scores => (summary_scores, table_scores),
        ChartId::Roadmap | ChartId::Capacity | ChartId::Spend => {
            return crate::explain::portfolio::chart_text(chart, shown, f)
        }
        ChartId::Distribution
        | ChartId::Tornado(_)
        | ChartId::Frontier
        | ChartId::SCurve(_)
        | ChartId::Histogram(_)
        | ChartId::Loss(_) => return None,
    };
    Some(ChartText {
        summary: summary(shown),
        table: table(shown, f),
    })
}

/// The tip of one of the comparison's charts at `p`.
pub fn tip(chart: ChartId, shown: &Shown, p: &Pointer, f: &dyn NumberFormat) -> Option<Tip> {
    match chart {
        ChartId::ValueByDriver => tip_value(shown, p, f),
        ChartId::Cumulative => tip_cumulative(shown, p, f),
        ChartId::ValueVsEffort => tip_effort(shown, p, f),
        ChartId::Scores => tip_scores(shown, p, f),
        ChartId::Roadmap | ChartId::Capacity | ChartId::Spend => {
            crate::explain::portfolio::tip(chart, shown, p, f)
        }
        _ => None,
    }
}

/// A category's position: the nearest index within `0..len`.
pub fn index(v: f64, len: usize) -> Option<usize> {
    let i = v.round();
    (i >= 0.0 && (i as usize) < len).then_some(i as usize)
}

fn tip_value(shown: &Shown, p: &Pointer, f: &dyn NumberFormat) -> Option<Tip> {
    let rs = &shown.evaluation.initiatives;
    let r = &rs[index(p.y, rs.len())?];
    let mut lines: Vec<String> = drivers(shown)
        .into_iter()
        .filter(|d| r.annual_by_driver[d.index()] != 0.0)
        .map(|d| {
            format!(
                "{}: {}/yr",
                d.label(),
                f.money(r.annual_by_driver[d.index()])
            )
        })
        .collect();
    lines.push(format!("Total: {}/yr", f.money(r.annual_value)));
    Some(Tip {
        title: r.name.clone(),
        lines,
    })
}

fn tip_cumulative(shown: &Shown, p: &Pointer, f: &dyn NumberFormat) -> Option<Tip> {
    let rs = &shown.evaluation.initiatives;
    if let Some((series, j)) = p.item {
        // The payback markers are the series after the lines, one per initiative that pays back.
        if series != rs.len() {
            return None;
        }
        let r = rs
            .iter()
            .filter(|r| r.payback_months.value.is_some())
            .nth(j)?;
        return Some(Tip {
            title: r.name.clone(),
            lines: vec![format!(
                "Pays back after {}",
                f.months(r.payback_months.value.unwrap_or_default())
            )],
        });
    }
    let m = index(p.x, shown.evaluation.horizon_months + 1)?;
    Some(Tip {
        title: format!("Month {m}: cumulative cash flow"),
        lines: rs
            .iter()
            .map(|r| format!("{}: {}", r.name, f.money(r.monthly.cumulative[m])))
            .collect(),
    })
}

fn tip_effort(shown: &Shown, p: &Pointer, f: &dyn NumberFormat) -> Option<Tip> {
    let (series, j) = p.item?;
    let cat = *Category::ALL.get(series)?;
    let r = shown
        .evaluation
        .initiatives
        .iter()
        .filter(|r| r.category == cat)
        .nth(j)?;
    Some(Tip {
        title: r.name.clone(),
        lines: vec![
            format!("NPV: {}", f.money(r.npv())),
            effort_of(shown, r).map_or("Effort: not scored".into(), |e| {
                format!("Effort: {} of 5", f.number(e))
            }),
            format!("One-time cost: {}", f.money(one_time_cost(shown, r))),
            format!("Category: {}", cat.label()),
        ],
    })
}

fn tip_scores(shown: &Shown, p: &Pointer, f: &dyn NumberFormat) -> Option<Tip> {
    let rs = &shown.evaluation.initiatives;
    let r = &rs[index(p.y, rs.len())?];
    Some(Tip {
        title: r.name.clone(),
        lines: vec![r.score.value.map_or("No weighted score".into(), |v| {
            format!(
                "Weighted score: {} of 100",
                quantity(f, Quantity::new(v, Unit::Score))
            )
        })],
    })
}

/// A table of one row per initiative.
fn table(first: &str, heads: Vec<String>, rows: Vec<(String, Vec<String>)>) -> TableText {
    TableText {
        caption: String::new(),
        heads: std::iter::once(first.to_string()).chain(heads).collect(),
        rows: rows
            .into_iter()
            .map(|(name, cells)| std::iter::once(name).chain(cells).collect())
            .collect(),
    }
}

/// One table row per initiative: its name and the cells `cells` makes for it.
fn per_initiative(
    shown: &Shown,
    cells: impl Fn(&InitiativeResult) -> Vec<String>,
) -> Vec<(String, Vec<String>)> {
    shown
        .evaluation
        .initiatives
        .iter()
        .map(|r| (r.name.clone(), cells(r)))
        .collect()
}

fn table_value_by_driver(shown: &Shown, f: &dyn NumberFormat) -> TableText {
    let ds = drivers(shown);
    let mut heads: Vec<String> = ds.iter().map(|d| d.label().to_string()).collect();
    heads.push("Total per year".into());
    let rows = per_initiative(shown, |r| {
        ds.iter()
            .map(|d| r.annual_by_driver[d.index()])
            .chain(std::iter::once(r.annual_value))
            .map(|v| f.money(v))
            .collect()
    });
    table("Initiative", heads, rows)
}

fn table_cumulative(shown: &Shown, f: &dyn NumberFormat) -> TableText {
    let years = shown.evaluation.horizon_years as usize;
    let heads = std::iter::once("Month 0".to_string())
        .chain((1..=years).map(|y| format!("End of year {y}")))
        .chain(std::iter::once("Payback".to_string()))
        .collect();
    let rows = per_initiative(shown, |r| {
        std::iter::once(0)
            .chain((1..=years).map(|y| y * 12))
            .map(|m| f.money(r.monthly.cumulative[m]))
            .chain(std::iter::once(
                r.payback_months
                    .value
                    .map_or("not within horizon".to_string(), |p| f.months(p)),
            ))
            .collect()
    });
    table("Initiative", heads, rows)
}

fn table_value_vs_effort(shown: &Shown, f: &dyn NumberFormat) -> TableText {
    let heads = ["Category", "Effort (1–5)", "NPV", "One-time cost"]
        .map(String::from)
        .to_vec();
    let rows = per_initiative(shown, |r| {
        vec![
            r.category.label().to_string(),
            effort_of(shown, r).map_or("—".to_string(), |e| f.number(e)),
            f.money(r.npv()),
            f.money(one_time_cost(shown, r)),
        ]
    });
    table("Initiative", heads, rows)
}

fn table_scores(shown: &Shown, f: &dyn NumberFormat) -> TableText {
    let rows = per_initiative(shown, |r| {
        vec![r.score.value.map_or("—".to_string(), |v| {
            quantity(f, Quantity::new(v, Unit::Score))
        })]
    });
    table("Initiative", vec!["Weighted score (0–100)".into()], rows)
}

fn best_by(shown: &Shown, key: impl Fn(&InitiativeResult) -> Option<f64>) -> Option<String> {
    shown
        .evaluation
        .initiatives
        .iter()
        .filter_map(|r| key(r).map(|v| (v, r.name.clone())))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

fn summary_value(shown: &Shown) -> String {
    format!(
        "Stacked bars of annual value at full adoption by driver for {} initiatives; highest: {}.",
        shown.evaluation.initiatives.len(),
        best_by(shown, |r| Some(r.annual_value)).unwrap_or_default()
    )
}

fn summary_cumulative(shown: &Shown) -> String {
    format!(
        "Lines of cumulative cash flow by month over {} months; the first to pay back is {}.",
        shown.evaluation.horizon_months,
        best_by(shown, |r| r.payback_months.value.map(|p| -p)).unwrap_or_else(|| "none".into())
    )
}

fn summary_effort(shown: &Shown) -> String {
    format!(
        "Bubbles of NPV against effort score, sized by one-time cost, shaped and coloured by category; highest NPV: {}.",
        best_by(shown, |r| r.npv.value).unwrap_or_default()
    )
}

fn summary_scores(shown: &Shown) -> String {
    match best_by(shown, |r| r.score.value) {
        Some(best) => format!("Bars of weighted score out of 100; highest: {best}."),
        None => "No weighted scores: no criterion has a weight above 0.".into(),
    }
}

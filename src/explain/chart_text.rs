//! The words of the charts: each chart's summary (its `aria-label`), its data table (for screen
//! readers and print) and the tip for what the pointer is over. Built in the worker, beside the
//! charts' options (`chart_spec`), and sent to the page as plain strings that it shows as text.
//! Browser only (it formats with `format`).

use crate::explain::format::fmt;
use crate::model::{Category, InitiativeResult, Quantity, QuantityFormat, Shown, Unit};
use crate::wire::js::{field, list, message, text_at, texts, texts_to_js};
use crate::worker::chart_spec::{drivers, effort_of, one_time_cost};
use js_sys::Array;
use wasm_bindgen::JsValue;

/// A table: caption, column heads (the first heads the row names), rows (first cell: the name).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TableText {
    pub caption: String,
    pub heads: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A chart's summary and data table.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ChartText {
    pub summary: String,
    pub table: TableText,
}

/// Where the pointer is over a chart: data coordinates in the plot (a category axis gives an
/// index), and the item under it as (series, data index), if any.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pointer {
    pub x: f64,
    pub y: f64,
    pub item: Option<(usize, usize)>,
}

/// A tip: a title and lines.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Tip {
    pub title: String,
    pub lines: Vec<String>,
}

type Summary = fn(&Shown) -> String;
type Table = fn(&Shown) -> TableText;

/// The texts of chart `which` (0–3) of `shown`.
pub fn chart_texts(which: usize, shown: &Shown) -> Option<ChartText> {
    let (summary, table): (Summary, Table) = match which {
        0 => (summary_value, table_value_by_driver),
        1 => (summary_cumulative, table_cumulative),
        2 => (summary_effort, table_value_vs_effort),
        3 => (summary_scores, table_scores),
        _ => return None,
    };
    Some(ChartText {
        summary: summary(shown),
        table: table(shown),
    })
}

/// The tip of chart `which` (0–3) at `p`.
pub fn tip(which: usize, shown: &Shown, p: &Pointer) -> Option<Tip> {
    match which {
        0 => tip_value(shown, p),
        1 => tip_cumulative(shown, p),
        2 => tip_effort(shown, p),
        3 => tip_scores(shown, p),
        _ => None,
    }
}

/// A category's position: the nearest index within `0..len`.
pub fn index(v: f64, len: usize) -> Option<usize> {
    let i = v.round();
    (i >= 0.0 && (i as usize) < len).then_some(i as usize)
}

fn tip_value(shown: &Shown, p: &Pointer) -> Option<Tip> {
    let rs = &shown.evaluation.initiatives;
    let r = &rs[index(p.y, rs.len())?];
    let f = fmt(&shown.scenario.currency);
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

fn tip_cumulative(shown: &Shown, p: &Pointer) -> Option<Tip> {
    let rs = &shown.evaluation.initiatives;
    let f = fmt(&shown.scenario.currency);
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

fn tip_effort(shown: &Shown, p: &Pointer) -> Option<Tip> {
    let (series, j) = p.item?;
    let cat = *Category::ALL.get(series)?;
    let r = shown
        .evaluation
        .initiatives
        .iter()
        .filter(|r| r.category == cat)
        .nth(j)?;
    let f = fmt(&shown.scenario.currency);
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

fn tip_scores(shown: &Shown, p: &Pointer) -> Option<Tip> {
    let rs = &shown.evaluation.initiatives;
    let r = &rs[index(p.y, rs.len())?];
    let f = fmt(&shown.scenario.currency);
    Some(Tip {
        title: r.name.clone(),
        lines: vec![r.score.value.map_or("No weighted score".into(), |v| {
            format!(
                "Weighted score: {} of 100",
                f.format(Quantity::new(v, Unit::Score))
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

fn table_value_by_driver(shown: &Shown) -> TableText {
    let f = fmt(&shown.scenario.currency);
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

fn table_cumulative(shown: &Shown) -> TableText {
    let f = fmt(&shown.scenario.currency);
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

fn table_value_vs_effort(shown: &Shown) -> TableText {
    let f = fmt(&shown.scenario.currency);
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

fn table_scores(shown: &Shown) -> TableText {
    let f = fmt(&shown.scenario.currency);
    let rows = per_initiative(shown, |r| {
        vec![r.score.value.map_or("—".to_string(), |v| {
            f.format(Quantity::new(v, Unit::Score))
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

// To and from JS: the worker sends, the page reads; anything unreadable reads as empty.

impl TableText {
    pub fn to_js(&self) -> JsValue {
        let rows: Array = self.rows.iter().map(|r| texts_to_js(r)).collect();
        message(&[
            ("caption", JsValue::from_str(&self.caption)),
            ("heads", texts_to_js(&self.heads)),
            ("rows", rows.into()),
        ])
    }

    pub fn from_js(v: &JsValue) -> Self {
        TableText {
            caption: text_at(v, "caption"),
            heads: texts(&field(v, "heads")),
            rows: list(&field(v, "rows")).iter().map(texts).collect(),
        }
    }
}

impl ChartText {
    pub fn to_js(&self) -> JsValue {
        message(&[
            ("summary", JsValue::from_str(&self.summary)),
            ("table", self.table.to_js()),
        ])
    }

    pub fn from_js(v: &JsValue) -> Self {
        ChartText {
            summary: text_at(v, "summary"),
            table: TableText::from_js(&field(v, "table")),
        }
    }
}

impl Tip {
    pub fn to_js(&self) -> JsValue {
        message(&[
            ("title", JsValue::from_str(&self.title)),
            ("lines", texts_to_js(&self.lines)),
        ])
    }

    pub fn from_js(v: &JsValue) -> Self {
        Tip {
            title: text_at(v, "title"),
            lines: texts(&field(v, "lines")),
        }
    }
}

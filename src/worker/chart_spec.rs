//! The echarts options of Caseboard's four charts, built with charming from a scenario and its
//! evaluation. They are built in the persistence worker (`src/bin/persist.rs`), off the page's
//! main thread and out of its first download; the page sets them on its echarts instances and
//! adds the JS functions they name ([`Func`]: functions cannot be sent between threads).
//!
//! Also the one home of chart styling shared with the page: the colour-blind-safe palette, the
//! decal patterns (which the legend swatches mirror in CSS) and the reference-line colour.

use crate::explain::chart_data::{drivers, effort_of, one_time_cost};
use crate::model::plan::Budget;
use crate::model::portfolio::FrontierPoint;
use crate::model::simulate::{Simulation, Swing};
use crate::model::{Category, Objective, Scenario, Shown};
use crate::wire::ChartId;
use charming::component::{Axis, DecalItem, Grid};
use charming::element::{
    AxisLabel, AxisType, Formatter, ItemStyle, Label, LabelPosition, LineStyle, LineStyleType,
    NameLocation, Step, Symbol,
};
use charming::series::{Bar, Line};
use js_sys::Reflect;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// Okabe–Ito: distinguishable with the common colour-vision deficiencies.
pub const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999",
];

/// The neutral colour of reference lines (break-even).
pub const REFERENCE: &str = "#999999";

/// The echarts option of a Caseboard chart: charming's typed parts, but only those the charts use.
/// (Serializing charming's whole `Chart` pulls in the serializers of every echarts series and
/// component type into the wasm.) The JS functions it needs (formatters, sizes) are set
/// after serialization at their paths (`patches`).
#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
pub struct ChartOption {
    color: Vec<&'static str>,
    background_color: &'static str,
    grid: Grid,
    #[serde(skip_serializing_if = "Option::is_none")]
    x_axis: Option<Axis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    y_axis: Option<Axis>,
    series: Vec<SeriesSpec>,
    /// Off when the reader asks for reduced motion ([`ChartOption::motion`]).
    animation: bool,
    /// The first drawing is not animated: a second of repainting four charts would hold up a
    /// phone at start-up. Changes after an edit move for 300 ms, so the eye sees what changed.
    animation_duration: u32,
    animation_duration_update: u32,
    /// Set after serialization, by dotted path ("series.0.symbolSize").
    #[serde(skip)]
    pub patches: Vec<(String, Patch)>,
}

/// The series kinds Caseboard draws.
#[derive(Serialize, Clone)]
#[serde(untagged)]
pub enum SeriesSpec {
    Bar(Box<Bar>),
    Line(Box<Line>),
}

impl From<Bar> for SeriesSpec {
    fn from(s: Bar) -> Self {
        SeriesSpec::Bar(Box::new(s))
    }
}

impl From<Line> for SeriesSpec {
    fn from(s: Line) -> Self {
        SeriesSpec::Line(Box::new(s))
    }
}

/// Axis labels in CSS pixels: 13 px, one more than echarts' default. Printed, a chart is drawn at
/// its printed size (9.75 pt labels); should its screen picture be printed instead, fitted to the
/// printed width, its labels still stay at or above 7 pt.
const AXIS_LABEL_PX: f64 = 13.0;

fn labelled(a: Axis) -> Axis {
    a.axis_label(AxisLabel::new().show(true).font_size(AXIS_LABEL_PX))
}

impl ChartOption {
    pub fn x_axis(mut self, a: Axis) -> Self {
        self.x_axis = Some(labelled(a));
        self.hide_overlap("xAxis")
    }

    pub fn y_axis(mut self, a: Axis) -> Self {
        self.y_axis = Some(labelled(a));
        self.hide_overlap("yAxis")
    }

    /// Labels of `axis` that would overlap on a narrow chart (a phone) are left out, echarts
    /// keeping as many as fit evenly. (charming's AxisLabel has no `hideOverlap`.)
    fn hide_overlap(mut self, axis: &str) -> Self {
        self.patches.push((
            format!("{axis}.axisLabel.hideOverlap"),
            Patch::Value(JsValue::TRUE),
        ));
        self
    }

    /// Sets a JS function at `path` of the option (the page makes it: see [`Func`]).
    pub fn func(mut self, path: impl Into<String>, f: Func) -> Self {
        self.patches.push((path.into(), Patch::Fn(f)));
        self
    }

    /// Gives series `k` the `k`-th decal pattern (bars), so it differs by pattern as well as
    /// colour. (Set per series rather than through echarts' aria component, which would add to the
    /// download.)
    pub fn decal(self, k: usize) -> Self {
        let style = js_sys::Object::new();
        let decal = serde_wasm_bindgen::to_value(&decals()[k % DECALS]).unwrap_or(JsValue::NULL);
        let _ = Reflect::set(&style, &JsValue::from_str("decal"), &decal);
        let mut c = self;
        c.patches
            .push((format!("series.{k}.itemStyle"), Patch::Value(style.into())));
        c
    }

    /// With or without animation (none when the reader asks for reduced motion).
    pub fn motion(mut self, on: bool) -> Self {
        self.animation = on;
        self
    }

    pub fn series_count(&self) -> usize {
        self.series.len()
    }

    pub fn series(mut self, s: impl Into<SeriesSpec>) -> Self {
        self.series.push(s.into());
        self
    }
}

/// What every chart shares: palette, transparent background, a grid with room for axis labels.
/// (The chart's text equivalent is Caseboard's own: an `aria-label` and a data table.)
pub fn base() -> ChartOption {
    ChartOption {
        color: PALETTE.to_vec(),
        background_color: "transparent",
        grid: Grid::new()
            .left(8)
            .right(24)
            .top(16)
            .bottom(8)
            .contain_label(true),
        x_axis: None,
        y_axis: None,
        series: Vec::new(),
        animation: true,
        animation_duration: 0,
        animation_duration_update: 300,
        patches: Vec::new(),
    }
}

/// The number of decal patterns; series beyond it reuse them in order.
pub const DECALS: usize = 6;

/// Pattern overlays, one per series in palette order (the legend swatches mirror them in CSS).
fn decals() -> Vec<DecalItem> {
    let light = "rgba(255, 255, 255, 0.55)";
    vec![
        DecalItem::new()
            .symbol(Symbol::None)
            .color(light)
            .dash_array_x(0)
            .dash_array_y(0),
        DecalItem::new()
            .symbol(Symbol::Rect)
            .color(light)
            .dash_array_x(vec![1, 0])
            .dash_array_y(vec![2, 5])
            .rotation(-0.785),
        DecalItem::new()
            .symbol(Symbol::Circle)
            .color(light)
            .symbol_size(0.6)
            .dash_array_x(vec![vec![8, 8], vec![0, 8, 8, 0]])
            .dash_array_y(vec![6, 0]),
        DecalItem::new()
            .symbol(Symbol::Rect)
            .color(light)
            .dash_array_x(vec![1, 0])
            .dash_array_y(vec![4, 3]),
        DecalItem::new()
            .symbol(Symbol::Rect)
            .color(light)
            .dash_array_x(vec![vec![1, 4], vec![4, 1]])
            .dash_array_y(vec![1, 4])
            .rotation(0.785),
        DecalItem::new()
            .symbol(Symbol::Triangle)
            .color(light)
            .symbol_size(0.8)
            .dash_array_x(vec![vec![10, 10], vec![0, 10, 10, 0]])
            .dash_array_y(vec![8, 0]),
    ]
}

/// A name shortened for an axis or a label (the tooltip and the data table have it in full).
pub fn short(name: &str, max: usize) -> String {
    if name.chars().count() > max {
        let mut s: String = name.chars().take(max - 1).collect();
        s.push('…');
        s
    } else {
        name.to_string()
    }
}

pub fn short_names(shown: &Shown) -> Vec<String> {
    shown
        .evaluation
        .initiatives
        .iter()
        .map(|r| short(&r.name, 24))
        .collect()
}

/// Points without a line: a line series with its line hidden draws what a scatter series would,
/// and the chart library then needs no scatter module.
fn markers(name: &str, symbol: Symbol) -> Line {
    Line::new()
        .name(name)
        .symbol(symbol)
        .show_symbol(true)
        .line_style(LineStyle::new().width(0).opacity(0))
}

/// A dashed reference line through `points` (break-even, zero), in the reference colour.
/// (echarts' markLine component would add to the page's download.)
fn reference_line(name: &str, points: Vec<Vec<f64>>) -> Line {
    Line::new()
        .name(name)
        .silent(true)
        .show_symbol(false)
        .line_style(
            LineStyle::new()
                .type_(LineStyleType::Dashed)
                .color(REFERENCE)
                .width(1),
        )
        .data(points)
}

/// A value axis of money; its labels get a compact money formatter ("$150K"): `money_labels`.
fn money_axis() -> Axis {
    Axis::new().type_(AxisType::Value)
}

/// A value axis with its name centred below it.
fn named_value_axis(name: &str) -> Axis {
    Axis::new()
        .type_(AxisType::Value)
        .name(name)
        .name_location(NameLocation::Middle)
        .name_gap(24)
}

/// A category axis of (shortened) initiative names, top to bottom.
fn names_axis(shown: &Shown) -> Axis {
    Axis::new()
        .type_(AxisType::Category)
        .inverse(true)
        .data(short_names(shown))
}

fn value_by_driver(shown: &Shown) -> ChartOption {
    let cur = &shown.scenario.currency;
    let mut c = base()
        .x_axis(money_axis())
        .y_axis(names_axis(shown))
        .func("xAxis.axisLabel.formatter", Func::CompactMoney(cur.clone()));
    for d in drivers(shown) {
        let data: Vec<f64> = shown
            .evaluation
            .initiatives
            .iter()
            .map(|r| r.annual_by_driver[d.index()])
            .collect();
        let k = c.series_count();
        c = c
            .series(Bar::new().name(d.label()).stack("value").data(data))
            .decal(k);
    }
    c
}

fn cumulative(shown: &Shown) -> ChartOption {
    let cur = &shown.scenario.currency;
    let months = shown.evaluation.horizon_months as f64;
    let mut c = base()
        .x_axis(named_value_axis("Month").min(0).max(months))
        .y_axis(money_axis())
        .func("yAxis.axisLabel.formatter", Func::CompactMoney(cur.clone()));
    let mut payback: Vec<Vec<f64>> = Vec::new();
    for r in &shown.evaluation.initiatives {
        let data: Vec<Vec<f64>> = r
            .monthly
            .cumulative
            .iter()
            .enumerate()
            .map(|(m, v)| vec![m as f64, *v])
            .collect();
        c = c.series(
            Line::new()
                .name(r.name.clone())
                .show_symbol(false)
                .data(data),
        );
        if let Some(p) = r.payback_months.value {
            payback.push(vec![p, 0.0]);
        }
    }
    // The break-even line is a plain series (no markLine component in the download).
    c.series(
        markers("Payback", Symbol::Diamond)
            .symbol_size(14)
            .data(payback),
    )
    .series(reference_line(
        "Break-even",
        vec![vec![0.0, 0.0], vec![months, 0.0]],
    ))
}

fn bubble_size(cost: f64, max_cost: f64) -> f64 {
    if max_cost <= 0.0 {
        return 16.0;
    }
    (8.0 + 52.0 * (cost / max_cost).sqrt()).clamp(8.0, 60.0)
}

fn value_vs_effort(shown: &Shown) -> ChartOption {
    let cur = &shown.scenario.currency;
    let rs = &shown.evaluation.initiatives;
    let max_cost = rs
        .iter()
        .map(|r| one_time_cost(shown, r))
        .fold(0.0, f64::max);
    let mut c = base()
        .x_axis(
            named_value_axis("Effort score (1 = least)")
                .min(0.5)
                .max(5.5)
                .interval(0.5),
        )
        .y_axis(money_axis())
        .func("xAxis.axisLabel.formatter", Func::WholeNumbers)
        .func("yAxis.axisLabel.formatter", Func::CompactMoney(cur.clone()));
    let symbols = [Symbol::Circle, Symbol::Diamond, Symbol::Triangle];
    for (k, cat) in Category::ALL.into_iter().enumerate() {
        let data: Vec<charming::datatype::CompositeValue> = rs
            .iter()
            .filter(|r| r.category == cat)
            .map(|r| {
                let cost = one_time_cost(shown, r);
                charming::datatype::CompositeValue::from(vec![
                    charming::datatype::CompositeValue::from(effort_of(shown, r).unwrap_or(0.0)),
                    charming::datatype::CompositeValue::from(r.npv()),
                    charming::datatype::CompositeValue::from(cost),
                    charming::datatype::CompositeValue::from(bubble_size(cost, max_cost)),
                    charming::datatype::CompositeValue::from(short(&r.name, 22)),
                ])
            })
            .collect();
        c = c
            .series(
                markers(cat.label(), symbols[k].clone())
                    .label(
                        Label::new()
                            .show(true)
                            .position(LabelPosition::Right)
                            .formatter(Formatter::String("{@[4]}".into())),
                    )
                    .data(data),
            )
            // Bubble size is the data's 4th value.
            .func(format!("series.{k}.symbolSize"), Func::FourthValue);
    }
    c
}

fn scores(shown: &Shown) -> ChartOption {
    // No bar (null) where the score is not defined: a bar at 0 would read as the worst score.
    let data: Vec<Option<f64>> = shown
        .evaluation
        .initiatives
        .iter()
        .map(|r| r.score.value)
        .collect();
    base()
        .x_axis(Axis::new().type_(AxisType::Value).min(0).max(100))
        .y_axis(names_axis(shown))
        .series(Bar::new().name("Weighted score").data(data))
}

/// The simulated NPV of each initiative as a box plot drawn with line segments (echarts' boxplot
/// module would add to the first download): a thin line from P10 to P90, a thick one from P25 to
/// P75, a diamond at the median; a dashed line marks an NPV of zero.
pub fn distribution(
    names: &[String],
    sim: &Simulation,
    currency: &str,
    motion: bool,
) -> ChartOption {
    let n = sim.initiatives.len().min(names.len());
    let short: Vec<String> = names.iter().take(n).map(|x| short(x, 24)).collect();
    let mut c = base()
        .x_axis(money_axis())
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(short),
        )
        .func(
            "xAxis.axisLabel.formatter",
            Func::CompactMoney(currency.to_string()),
        );
    let segment = |name: &str, k: usize, from: f64, to: f64, width: f64| {
        Line::new()
            .name(name)
            .show_symbol(false)
            .silent(true)
            .line_style(
                LineStyle::new()
                    .width(width)
                    .color(PALETTE[k % PALETTE.len()]),
            )
            .data(vec![vec![from, k as f64], vec![to, k as f64]])
    };
    let mut medians = Vec::new();
    for (k, r) in sim.initiatives.iter().take(n).enumerate() {
        let x = &r.npv;
        c = c
            .series(segment("P10–P90", k, x.p10, x.p90, 2.0))
            .series(segment("P25–P75", k, x.p25, x.p75, 12.0));
        medians.push(vec![x.p50, k as f64]);
    }
    c.series(
        markers("Median", Symbol::Diamond)
            .symbol_size(12)
            .item_style(ItemStyle::new().color("#222222"))
            .data(medians),
    )
    .series(reference_line(
        "Zero",
        vec![vec![0.0, 0.0], vec![0.0, n.saturating_sub(1) as f64]],
    ))
    .motion(motion)
}

/// Points of an S-curve: every half per cent of chance.
const CURVE_POINTS: usize = 200;

/// An NPV's distribution over a run's `sorted` trials: an S-curve (the chance, in %, that NPV is
/// at most x) or a histogram (the share of trials in each bin), with P10, P50 and P90 marked
/// and break-even where it falls within.
pub fn npv_curve(sorted: &[f64], histogram: bool, currency: &str, motion: bool) -> ChartOption {
    use crate::model::simulate::{histogram as bins_of, sorted_percentile};
    let n = sorted.len().max(1) as f64;
    let (line, top) = if histogram {
        let bins = bins_of(sorted, crate::explain::sim_report::HISTOGRAM_BINS);
        let mut pts = Vec::with_capacity(bins.len() * 2 + 2);
        let mut top: f64 = 0.0;
        for (a, b, c) in &bins {
            let share = 100.0 * *c as f64 / n;
            top = top.max(share);
            if pts.is_empty() {
                pts.push(vec![*a, 0.0]);
            }
            pts.push(vec![*a, share]);
            pts.push(vec![*b, share]);
        }
        if let Some((_, b, _)) = bins.last() {
            pts.push(vec![*b, 0.0]);
        }
        let line = Line::new()
            .name("Share of trials")
            .show_symbol(false)
            .area_style(charming::element::AreaStyle::new().opacity(0.35))
            .data(pts);
        (line, (top * 1.1).max(1.0))
    } else {
        let pts: Vec<Vec<f64>> = (0..=CURVE_POINTS)
            .map(|i| {
                let q = i as f64 / CURVE_POINTS as f64;
                vec![sorted_percentile(sorted, q), q * 100.0]
            })
            .collect();
        let line = Line::new()
            .name("Chance NPV is at most")
            .show_symbol(false)
            .data(pts);
        (line, 100.0)
    };
    let y_name = if histogram {
        "Share of trials (%)"
    } else {
        "Chance NPV is at most (%)"
    };
    let mut c = base()
        .x_axis(money_axis())
        .y_axis(named_value_axis(y_name).min(0).max(top.ceil()))
        .func(
            "xAxis.axisLabel.formatter",
            Func::CompactMoney(currency.to_string()),
        )
        .series(line);
    // The labels at three heights, right of their lines: close percentiles on a narrow chart
    // would otherwise print over each other.
    for (name, q, at) in [("P10", 0.1, 1.0), ("P50", 0.5, 0.9), ("P90", 0.9, 0.8)] {
        let x = sorted_percentile(sorted, q);
        c = c
            .series(reference_line(
                name,
                vec![vec![x, 0.0], vec![x, top.ceil()]],
            ))
            .series(
                markers(name, Symbol::None)
                    .silent(true)
                    .label(
                        Label::new()
                            .show(true)
                            .position(LabelPosition::Right)
                            .formatter(Formatter::String("{a}".into())),
                    )
                    .data(vec![vec![x, top.ceil() * at]]),
            );
    }
    let (lo, hi) = (
        sorted.first().copied().unwrap_or(0.0),
        sorted.last().copied().unwrap_or(0.0),
    );
    if lo < 0.0 && hi > 0.0 {
        c = c.series(
            Line::new()
                .name("Break-even")
                .silent(true)
                .show_symbol(false)
                .line_style(LineStyle::new().color("#222222").width(1))
                .data(vec![vec![0.0, 0.0], vec![0.0, top.ceil()]]),
        );
    }
    c.motion(motion)
}

/// The loss exceedance curves, before and after (the chance, in %, that a year's losses exceed
/// each amount), on a log scale of loss, with the risk tolerance dashed where it is stated. The
/// x values are log10 of the loss on a value axis with a tick at each power of ten, labelled as
/// money (`Func::PowerMoney`): the chart library's own log axis would add to its download.
pub fn loss(
    c: &crate::model::loss::LossCurve,
    tolerance: Option<&crate::model::loss::Tolerance>,
    currency: &str,
    motion: bool,
) -> ChartOption {
    let pts = |after: bool| -> Vec<Vec<f64>> {
        c.points
            .iter()
            .map(|p| {
                let chance = if after { p.p_after } else { p.p_before };
                vec![p.loss.log10(), 100.0 * chance]
            })
            .collect()
    };
    let logs = c
        .points
        .iter()
        .map(|p| p.loss)
        .chain(
            tolerance
                .iter()
                .flat_map(|t| t.points().iter().map(|p| p.0)),
        )
        .filter(|x| *x > 0.0)
        .map(f64::log10);
    let (lo, hi) = logs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
        (a.min(x), b.max(x))
    });
    let (lo, hi) = if lo <= hi {
        (lo.floor(), hi.ceil().max(lo.floor() + 1.0))
    } else {
        (0.0, 1.0)
    };
    let mut chart = base()
        .x_axis(money_axis().min(lo).max(hi).interval(1.0))
        .y_axis(named_value_axis("Chance a year's losses exceed it (%)").min(0))
        .func(
            "xAxis.axisLabel.formatter",
            Func::PowerMoney(currency.to_string()),
        )
        .series(
            Line::new()
                .name("Before")
                .show_symbol(false)
                .data(pts(false)),
        )
        .series(Line::new().name("After").show_symbol(false).data(pts(true)));
    if let Some(t) = tolerance {
        chart = chart.series(
            Line::new()
                .name("Risk tolerance")
                .symbol(Symbol::Circle)
                .line_style(
                    LineStyle::new()
                        .type_(LineStyleType::Dashed)
                        .color("#222222"),
                )
                .item_style(ItemStyle::new().color("#222222"))
                .data(
                    t.points()
                        .iter()
                        .map(|(x, p)| vec![x.log10(), 100.0 * p])
                        .collect::<Vec<_>>(),
                ),
        );
    }
    chart.motion(motion)
}

/// The tornado of one initiative: for each uncertain input, widest first, how far its NPV moves
/// from the NPV at likely values when that input goes to its low and to its high value.
pub fn tornado(s: &Scenario, swings: &[Swing], base_npv: f64, motion: bool) -> ChartOption {
    let labels: Vec<String> = swings.iter().map(|w| short(&w.label, 32)).collect();
    let low: Vec<f64> = swings.iter().map(|w| w.npv_low - base_npv).collect();
    let high: Vec<f64> = swings.iter().map(|w| w.npv_high - base_npv).collect();
    base()
        .x_axis(money_axis())
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(labels),
        )
        .func(
            "xAxis.axisLabel.formatter",
            Func::CompactMoney(s.currency.clone()),
        )
        .series(
            Bar::new()
                .name("At its low value")
                .bar_gap("-100%")
                .data(low),
        )
        .decal(0)
        .series(
            Bar::new()
                .name("At its high value")
                .bar_gap("-100%")
                .data(high),
        )
        .decal(1)
        .motion(motion)
}

/// Something set on an option after serialization.
#[derive(Clone)]
pub enum Patch {
    /// Plain data (set in the worker).
    Value(JsValue),
    /// A JS function (made by the page).
    Fn(Func),
}

/// The efficient frontier: the best value at each budget level (a line), ranking by NPV and
/// funding down the list (a dashed line), and the current budget (a diamond on the best line).
/// x is the sum of the budgets set.
pub fn frontier(shown: &Shown, points: &[FrontierPoint], motion: bool) -> ChartOption {
    let cur = &shown.scenario.currency;
    let money_y = shown.plan.objective != Objective::Score;
    let exact: Vec<Vec<f64>> = points
        .iter()
        .filter_map(|p| Some(vec![p.budget, p.exact?]))
        .collect();
    let greedy: Vec<Vec<f64>> = points
        .iter()
        .filter_map(|p| Some(vec![p.budget, p.greedy?]))
        .collect();
    let now: Vec<Vec<f64>> = points
        .iter()
        .filter(|p| (p.factor - 1.0).abs() < 1e-12)
        .filter_map(|p| Some(vec![p.budget, p.exact?]))
        .collect();
    let mut c = base()
        .x_axis(named_value_axis("Budget (sum of the budgets set)"))
        .y_axis(money_axis())
        .func("xAxis.axisLabel.formatter", Func::CompactMoney(cur.clone()));
    if money_y {
        c = c.func("yAxis.axisLabel.formatter", Func::CompactMoney(cur.clone()));
    }
    c.series(
        Line::new()
            .name("Best set (exact)")
            .show_symbol(false)
            .step(Step::End)
            .data(exact),
    )
    .series(
        Line::new()
            .name("Rank by NPV, fund down the list")
            .show_symbol(false)
            .step(Step::End)
            .line_style(LineStyle::new().type_(LineStyleType::Dashed))
            .data(greedy),
    )
    .series(
        markers("Current budget", Symbol::Diamond)
            .symbol_size(16)
            .data(now),
    )
    .motion(motion)
}

/// The funded initiatives' names in roadmap order (the plan's jobs).
fn job_names(shown: &Shown) -> Vec<String> {
    shown
        .plan
        .jobs
        .iter()
        .filter_map(|&k| {
            shown
                .scenario
                .initiatives
                .get(k)
                .map(|x| short(&x.name, 24))
        })
        .collect()
}

/// The roadmap as a Gantt chart: for each funded initiative an invisible bar to its start, then
/// its delivery, any wait for its milestone, and its ramp-up; a diamond at its milestone.
fn roadmap(shown: &Shown) -> ChartOption {
    let p = &shown.plan;
    let s = &shown.scenario;
    let mut start = Vec::new();
    let mut delivery = Vec::new();
    let mut wait = Vec::new();
    let mut ramp = Vec::new();
    let mut milestones = Vec::new();
    for (row, &k) in p.jobs.iter().enumerate() {
        let (Some(init), Some(item)) = (s.initiatives.get(k), p.items.get(k)) else {
            continue;
        };
        let d = init.delivery_months.value();
        match (item.start, item.benefits_from) {
            (Some(st), Some(from)) => {
                let st = st as f64;
                start.push(Some(st));
                delivery.push(Some(d));
                wait.push(Some((from - st - d).max(0.0)));
                ramp.push(Some(init.ramp_up_months.value().max(1.0)));
            }
            _ => {
                start.push(None);
                delivery.push(None);
                wait.push(None);
                ramp.push(None);
            }
        }
        if let Some(due) = init.needed_by_month {
            milestones.push(vec![due, row as f64]);
        }
    }
    // Each dependency: from the prerequisite's delivery to the dependent's start.
    let mut links: Vec<Vec<Vec<f64>>> = Vec::new();
    for (row, &k) in p.jobs.iter().enumerate() {
        let (Some(init), Some(Some(start))) =
            (s.initiatives.get(k), p.items.get(k).map(|x| x.start))
        else {
            continue;
        };
        for d in &init.depends_on {
            let Some(pre) = s.initiatives.iter().position(|x| &x.id == d) else {
                continue;
            };
            let (Some(pre_row), Some(Some(pre_start))) = (
                p.jobs.iter().position(|&j| j == pre),
                p.items.get(pre).map(|x| x.start),
            ) else {
                continue;
            };
            let delivered = pre_start as f64 + s.initiatives[pre].delivery_months.value();
            links.push(vec![
                vec![delivered, pre_row as f64],
                vec![start as f64, row as f64],
            ]);
        }
    }
    let bar =
        |name: &str, data: Vec<Option<f64>>| Bar::new().name(name).stack("roadmap").data(data);
    let months = shown.evaluation.horizon_months as f64;
    let mut c = base()
        .x_axis(named_value_axis("Month").min(0).max(months))
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(job_names(shown)),
        )
        // Invisible, but it takes the palette's first colour (a series with a colour of its
        // own would not), so every other series has the colour its legend shows.
        .series(bar("Start", start).item_style(ItemStyle::new().opacity(0)))
        .series(bar("Delivery", delivery))
        .decal(1)
        .series(bar("Waiting for the milestone", wait))
        .decal(2)
        .series(bar("Ramp-up", ramp))
        .decal(3)
        .series(
            markers("Milestone", Symbol::Diamond)
                .symbol_size(14)
                .data(milestones),
        );
    // Dashed in the reference colour (their own colour: the series before keep theirs).
    for l in links {
        c = c.series(reference_line("Dependency", l));
    }
    c
}

/// The team's load each month as scheduled (bars), against its capacity (a dashed line).
fn capacity(shown: &Shown) -> ChartOption {
    let p = &shown.plan;
    let load: Vec<Vec<f64>> = p
        .roadmap
        .as_ref()
        .map(|r| {
            r.best
                .load
                .iter()
                .enumerate()
                .map(|(m, v)| vec![m as f64 + 0.5, *v])
                .collect()
        })
        .unwrap_or_default();
    let months = shown.evaluation.horizon_months as f64;
    let mut c = base()
        .x_axis(named_value_axis("Month").min(0).max(months))
        // person-months a month: the title and legend say so
        .y_axis(Axis::new().type_(AxisType::Value))
        .series(Bar::new().name("Team load").bar_width("90%").data(load));
    if let Some(cap) = p.capacity {
        c = c.series(reference_line(
            "Capacity",
            vec![vec![0.0, cap], vec![months, cap]],
        ));
    }
    c
}

/// Spend by year as scheduled (one-time and running, stacked), with each budget set as a marker.
fn spend(shown: &Shown) -> ChartOption {
    let p = &shown.plan;
    let cur = &shown.scenario.currency;
    let years = p.spend_by_year.len();
    let labels: Vec<String> = (1..=years).map(|y| format!("Year {y}")).collect();
    let one_time: Vec<f64> = p.spend_by_year.iter().map(|x| x.0).collect();
    let running: Vec<f64> = p.spend_by_year.iter().map(|x| x.1).collect();
    let budget = |want: fn(usize) -> Budget| -> Vec<Option<f64>> {
        (0..years)
            .map(|y| {
                p.budgets
                    .iter()
                    .find(|(b, _)| *b == want(y))
                    .map(|(_, v)| *v)
            })
            .collect()
    };
    let mut c = base()
        .x_axis(Axis::new().type_(AxisType::Category).data(labels))
        .y_axis(money_axis())
        .func("yAxis.axisLabel.formatter", Func::CompactMoney(cur.clone()))
        .series(
            Bar::new()
                .name("One-time spend")
                .stack("spend")
                .data(one_time),
        )
        .decal(0)
        .series(Bar::new().name("Running cost").stack("spend").data(running))
        .decal(1);
    for (name, want, symbol) in [
        (
            "One-time budget",
            Budget::OneTime as fn(usize) -> Budget,
            Symbol::Triangle,
        ),
        ("Running-cost budget", Budget::Running, Symbol::Circle),
        ("Total budget", Budget::Total, Symbol::Diamond),
    ] {
        // Every marker series, even with no such budget, so each keeps the colour its legend
        // shows.
        c = c.series(markers(name, symbol).symbol_size(14).data(budget(want)));
    }
    // The funded set's cumulative net cash flow at each year's end: where the spend leads.
    c.series(
        Line::new()
            .name("Cumulative net cash flow")
            .symbol(Symbol::Circle)
            .data(p.cumulative_by_year()),
    )
}

/// A tracked initiative's cumulative value: planned, actual to the last month recorded, then
/// the forecast (dashed) to the horizon.
fn realised(shown: &Shown, i: usize) -> Option<ChartOption> {
    let d = crate::model::dashboard::dashboard(&shown.scenario);
    let t = d.initiatives.iter().find(|t| t.index == i)?;
    let (plan, actual) = t.cumulative_value();
    let end = plan.len().saturating_sub(1);
    let pts = |v: &[f64], from: usize, to: usize| -> Vec<Vec<f64>> {
        (from..=to.min(end)).map(|m| vec![m as f64, v[m]]).collect()
    };
    let last = t.forecast.last_actual;
    let cur = &shown.scenario.currency;
    Some(
        base()
            .x_axis(named_value_axis("Month").min(0).max(end as f64))
            .y_axis(money_axis())
            .func("yAxis.axisLabel.formatter", Func::CompactMoney(cur.clone()))
            .series(
                Line::new()
                    .name("Planned")
                    .show_symbol(false)
                    .data(pts(&plan, 0, end)),
            )
            .series(
                Line::new()
                    .name("Actual")
                    .symbol(Symbol::Circle)
                    .data(last.map_or_else(Vec::new, |l| pts(&actual, 0, l))),
            )
            .series(
                Line::new()
                    .name("Forecast")
                    .show_symbol(false)
                    .line_style(LineStyle::new().type_(LineStyleType::Dashed))
                    .data(pts(&actual, last.unwrap_or(0), end)),
            ),
    )
}

/// A KPI's readings against its baseline and target (dashed) and its planned path.
fn kpi(shown: &Shown, g: usize, k: usize) -> Option<ChartOption> {
    let d = crate::model::dashboard::dashboard(&shown.scenario);
    let x = d.goals.get(g)?.kpis.get(k)?;
    let end = (d.as_of as f64).max(x.target_month).max(1.0);
    let path = vec![
        vec![0.0, x.baseline],
        vec![x.target_month.max(0.0), x.target],
        vec![end, x.target],
    ];
    let readings: Vec<Vec<f64>> = x.readings.iter().map(|(m, v)| vec![*m, *v]).collect();
    Some(
        base()
            .x_axis(named_value_axis("Month").min(0).max(end))
            .y_axis(Axis::new().type_(AxisType::Value).scale(true))
            .series(
                Line::new()
                    .name("Readings")
                    .symbol(Symbol::Circle)
                    .data(readings),
            )
            .series(
                Line::new()
                    .name("Planned path")
                    .show_symbol(false)
                    .data(path),
            )
            .series(reference_line(
                "Baseline",
                vec![vec![0.0, x.baseline], vec![end, x.baseline]],
            ))
            .series(reference_line(
                "Target",
                vec![vec![0.0, x.target], vec![end, x.target]],
            )),
    )
}

/// The JS functions the charts need, by name.
#[derive(Clone)]
pub enum Func {
    /// Compact money in this currency for axis labels ("$150K").
    CompactMoney(String),
    /// The same of 10 to the power of the value (a log scale drawn on a value axis).
    PowerMoney(String),
    /// Whole numbers only (the effort axis: 1–5, nothing between).
    WholeNumbers,
    /// A data point's fourth value (a bubble's size).
    FourthValue,
}

impl Func {
    /// The name and argument that cross to the page.
    fn describe(&self) -> (&'static str, &str) {
        match self {
            Func::CompactMoney(c) => ("money", c),
            Func::PowerMoney(c) => ("money-pow", c),
            Func::WholeNumbers => ("whole", ""),
            Func::FourthValue => ("fourth", ""),
        }
    }
}

/// One of the comparison's charts of `shown` (`None` for the simulation's: `distribution`,
/// `tornado`).
pub fn build(chart: ChartId, shown: &Shown, motion: bool) -> Option<ChartOption> {
    let c = match chart {
        ChartId::ValueByDriver => value_by_driver(shown),
        ChartId::Cumulative => cumulative(shown),
        ChartId::ValueVsEffort => value_vs_effort(shown),
        ChartId::Scores => scores(shown),
        ChartId::Roadmap => roadmap(shown),
        ChartId::Capacity => capacity(shown),
        ChartId::Spend => spend(shown),
        ChartId::Realised(i) => realised(shown, i)?,
        ChartId::Kpi(g, k) => kpi(shown, g, k)?,
        ChartId::Distribution
        | ChartId::Tornado(_)
        | ChartId::Frontier
        | ChartId::SCurve(_)
        | ChartId::Histogram(_)
        | ChartId::Loss(_) => return None,
    };
    Some(c.motion(motion))
}

/// Sets `value` at the dotted `path` of `root`; `None` when a step is missing.
pub fn set_path(root: &JsValue, path: &str, value: &JsValue) -> Option<()> {
    let mut at = root.clone();
    let keys: Vec<&str> = path.split('.').collect();
    let (last, parents) = keys.split_last()?;
    for k in parents {
        at = Reflect::get(&at, &JsValue::from_str(k)).ok()?;
    }
    (at.is_object() && Reflect::set(&at, &JsValue::from_str(last), value).is_ok()).then_some(())
}

/// The option as a JS object with its data patches set, and the functions it needs as
/// `[path, name, argument]` triples.
pub fn to_js(c: &ChartOption) -> Option<(JsValue, Vec<[String; 3]>)> {
    let option = serde_wasm_bindgen::to_value(c).ok()?;
    let mut funcs = Vec::new();
    for (path, p) in &c.patches {
        match p {
            Patch::Value(v) => set_path(&option, path, v)?,
            Patch::Fn(f) => {
                let (name, arg) = f.describe();
                funcs.push([path.clone(), name.to_string(), arg.to_string()]);
            }
        }
    }
    Some((option, funcs))
}

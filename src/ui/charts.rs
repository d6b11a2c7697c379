//! Charts (charming → echarts), each with a data table for screen readers and print:
//! annual value by driver, cumulative cash flow with payback, value vs effort, weighted scores.

use super::chart_style::{
    base, compact_money_fn, echarts_loaded, js_fn, theme, ChartOption, LegendItem, Mark, REFERENCE,
};
use super::fields::details_open;
use super::format::fmt;
use super::state::{use_state, Shown};
use crate::model::{Category, Driver, InitiativeResult, Quantity, QuantityFormat, Unit};
use charming::component::Axis;
use charming::element::{
    AxisLabel, AxisType, Formatter, Label, LabelPosition, LineStyle, LineStyleType, NameLocation,
    Symbol,
};
use charming::series::{Bar, Line};
use js_sys::{Array, Function, Reflect};
use leptos::ev;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use wasm_bindgen::prelude::{wasm_bindgen, Closure};
use wasm_bindgen::{JsCast, JsValue};

/// A name shortened for an axis or a label (the tooltip and the data table have it in full).
fn short(name: &str, max: usize) -> String {
    if name.chars().count() > max {
        let mut s: String = name.chars().take(max - 1).collect();
        s.push('…');
        s
    } else {
        name.to_string()
    }
}

fn short_names(shown: &Shown) -> Vec<String> {
    shown
        .evaluation
        .initiatives
        .iter()
        .map(|r| short(&r.name, 24))
        .collect()
}

fn names(shown: &Shown) -> Vec<String> {
    shown
        .evaluation
        .initiatives
        .iter()
        .map(|r| r.name.clone())
        .collect()
}

fn drivers(shown: &Shown) -> Vec<Driver> {
    Driver::ALL
        .into_iter()
        .filter(|d| {
            shown
                .evaluation
                .initiatives
                .iter()
                .any(|r| r.annual_by_driver[d.index()] != 0.0)
        })
        .collect()
}

/// Points without a line: a line series with its line hidden draws what a scatter series would,
/// and the chart library then needs no scatter module (2 KB gzip).
fn markers(name: &str, symbol: Symbol) -> Line {
    Line::new()
        .name(name)
        .symbol(symbol)
        .show_symbol(true)
        .line_style(LineStyle::new().width(0).opacity(0))
}

/// A value axis of money; its labels get a compact money formatter ("$150K"): `money_labels`.
fn money_axis() -> Axis {
    Axis::new()
        .type_(AxisType::Value)
        .axis_label(AxisLabel::new().show(true))
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
        .patch("xAxis.axisLabel.formatter", compact_money_fn(cur));
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
        .patch("yAxis.axisLabel.formatter", compact_money_fn(cur));
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
    // The break-even line is a plain series (echarts' markLine component would add 6 KB gzip).
    c.series(
        markers("Payback", Symbol::Diamond)
            .symbol_size(14)
            .data(payback),
    )
    .series(
        Line::new()
            .name("Break-even")
            .silent(true)
            .show_symbol(false)
            .line_style(
                LineStyle::new()
                    .type_(LineStyleType::Dashed)
                    .color(REFERENCE)
                    .width(1),
            )
            .data(vec![vec![0.0, 0.0], vec![months, 0.0]]),
    )
}

fn effort_of(shown: &Shown, r: &InitiativeResult) -> Option<f64> {
    let s = &shown.scenario;
    let criterion = s.criteria.iter().find(|c| c.id == "effort").or_else(|| {
        s.criteria
            .iter()
            .find(|c| c.name.to_ascii_lowercase().contains("effort"))
    })?;
    s.initiatives
        .iter()
        .find(|i| i.id == r.id)
        .and_then(|i| i.scores.get(&criterion.id).copied())
}

fn one_time_cost(shown: &Shown, r: &InitiativeResult) -> f64 {
    shown
        .scenario
        .initiatives
        .iter()
        .find(|i| i.id == r.id)
        .map_or(0.0, |i| i.one_time_cost.likely)
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
                .interval(0.5)
                .axis_label(AxisLabel::new().show(true)),
        )
        .y_axis(money_axis())
        .patch(
            "xAxis.axisLabel.formatter",
            js_fn("v", "return Number.isInteger(v) ? String(v) : '';"),
        )
        .patch("yAxis.axisLabel.formatter", compact_money_fn(cur));
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
            .patch(format!("series.{k}.symbolSize"), js_fn("d", "return d[3];"));
    }
    c
}

fn scores(shown: &Shown) -> ChartOption {
    let data: Vec<f64> = shown
        .evaluation
        .initiatives
        .iter()
        .map(|r| r.score.value.unwrap_or(0.0))
        .collect();
    base()
        .x_axis(Axis::new().type_(AxisType::Value).min(0).max(100))
        .y_axis(names_axis(shown))
        .series(Bar::new().name("Weighted score").data(data))
}

// Legends: one entry per series, in series order (colour and pattern follow the position).

fn legend_value(shown: &Shown) -> Vec<LegendItem> {
    drivers(shown)
        .into_iter()
        .enumerate()
        .map(|(k, d)| LegendItem::new(d.label(), k, Mark::Bar))
        .collect()
}

fn legend_cumulative(shown: &Shown) -> Vec<LegendItem> {
    let n = shown.evaluation.initiatives.len();
    let mut items: Vec<LegendItem> = names(shown)
        .into_iter()
        .enumerate()
        .map(|(i, name)| LegendItem::new(name, i, Mark::Line))
        .collect();
    items.push(LegendItem::new("Payback", n, Mark::Diamond));
    items.push(LegendItem::new("Break-even", n + 1, Mark::Dashed));
    items
}

fn legend_effort(_: &Shown) -> Vec<LegendItem> {
    let marks = [Mark::Circle, Mark::Diamond, Mark::Triangle];
    Category::ALL
        .into_iter()
        .zip(marks)
        .enumerate()
        .map(|(k, (cat, m))| LegendItem::new(cat.label(), k, m))
        .collect()
}

fn no_legend(_: &Shown) -> Vec<LegendItem> {
    Vec::new()
}

/// Where the pointer is over a chart: data coordinates in the plot (category axes give an index),
/// and the item under it as (series, data index), if any.
#[derive(Clone, Copy, PartialEq)]
pub struct Pointer {
    x: f64,
    y: f64,
    item: Option<(usize, usize)>,
}

/// A tooltip: a title and lines of text.
pub struct Tip {
    title: String,
    lines: Vec<String>,
}

fn index(v: f64, len: usize) -> Option<usize> {
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

#[wasm_bindgen]
extern "C" {
    /// `echarts.init`, with any exception returned as an error instead of crossing into wasm.
    #[wasm_bindgen(js_namespace = echarts, js_name = init, catch)]
    fn echarts_init(el: &web_sys::Element, theme: &str) -> Result<JsValue, JsValue>;
}

fn method(obj: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(obj, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
}

/// Replaces the chart's whole option (`notMerge`, so removed series disappear). False when echarts
/// refused it.
fn set_option(instance: &JsValue, chart: &ChartOption) -> bool {
    let Ok(option) = serde_wasm_bindgen::to_value(chart) else {
        return false;
    };
    for (path, value) in &chart.patches {
        let mut at = option.clone();
        let keys: Vec<&str> = path.split('.').collect();
        let (last, parents) = keys.split_last().unwrap_or((&"", &[]));
        for k in parents {
            at = Reflect::get(&at, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
        }
        if !at.is_object() || Reflect::set(&at, &JsValue::from_str(last), value).is_err() {
            return false;
        }
    }
    method(instance, "setOption")
        .is_some_and(|f| f.call2(instance, &option, &JsValue::TRUE).is_ok())
}

/// Calls `echarts.getInstanceByDom(el).resize()`; errors are ignored.
fn resize(id: &str) {
    let (Some(w), Some(el)) = (web_sys::window(), document().get_element_by_id(id)) else {
        return;
    };
    let Ok(echarts) = Reflect::get(&w, &JsValue::from_str("echarts")) else {
        return;
    };
    if let Some(inst) =
        method(&echarts, "getInstanceByDom").and_then(|f| f.call1(&echarts, &el).ok())
    {
        if let Some(r) = method(&inst, "resize") {
            let _ = r.call0(&inst);
        }
    }
}

type Table = fn(&Shown) -> AnyView;
type Listener = Closure<dyn FnMut(JsValue)>;

/// A number property of a JS object; NaN when missing.
fn num(obj: &JsValue, key: &str) -> f64 {
    Reflect::get(obj, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(f64::NAN)
}

/// `target.on(event, listener)`, echarts' and zrender's way to listen.
fn on(target: &JsValue, event: &str, listener: &Listener) {
    if let Some(f) = method(target, "on") {
        let _ = f.call2(target, &JsValue::from_str(event), listener.as_ref());
    }
}

/// The data coordinates of a pixel of the chart, or `None` outside the plot.
fn to_data(instance: &JsValue, x: f64, y: f64) -> Option<(f64, f64)> {
    let grid = JsValue::from_str("grid");
    let px: JsValue = Array::of2(&x.into(), &y.into()).into();
    let inside = method(instance, "containPixel")?
        .call2(instance, &grid, &px)
        .ok()?
        .as_bool()?;
    if !inside {
        return None;
    }
    let d = method(instance, "convertFromPixel")?
        .call2(instance, &grid, &px)
        .ok()?
        .dyn_into::<Array>()
        .ok()?;
    Some((d.get(0).as_f64()?, d.get(1).as_f64()?))
}

/// The pointer over a chart, in pixels of the chart (`flip`: right half, so the tip goes left).
#[derive(Clone, Copy, PartialEq)]
struct Hover {
    px: f64,
    py: f64,
    flip: bool,
    pointer: Pointer,
}

/// Follows the pointer over a chart into `hover`: the plot position from zrender's `mousemove`,
/// the item under it from echarts' `mouseover`/`mouseout`. The listeners live as long as the chart.
fn follow_pointer(
    instance: &JsValue,
    id: &'static str,
    hover: RwSignal<Option<Hover>>,
) -> Vec<Listener> {
    let Some(zr) = method(instance, "getZr").and_then(|f| f.call0(instance).ok()) else {
        return Vec::new();
    };
    let set_item = move |item: Option<(usize, usize)>| {
        hover.update(|h| {
            if let Some(h) = h {
                h.pointer.item = item;
            }
        })
    };
    let inst = instance.clone();
    let moved: Listener = Closure::new(move |e: JsValue| {
        let (px, py) = (num(&e, "offsetX"), num(&e, "offsetY"));
        let item = hover.with_untracked(|h| h.and_then(|h| h.pointer.item));
        let data = to_data(&inst, px, py);
        let next = (data.is_some() || item.is_some()).then(|| {
            let (x, y) = data.unwrap_or((f64::NAN, f64::NAN));
            let width = document()
                .get_element_by_id(id)
                .map_or(0.0, |el| f64::from(el.client_width()));
            Hover {
                px,
                py,
                flip: px > width / 2.0,
                pointer: Pointer { x, y, item },
            }
        });
        if hover.with_untracked(|h| *h != next) {
            hover.set(next);
        }
    });
    let over: Listener = Closure::new(move |p: JsValue| {
        let (series, data) = (num(&p, "seriesIndex"), num(&p, "dataIndex"));
        if series >= 0.0 && data >= 0.0 {
            set_item(Some((series as usize, data as usize)));
        }
    });
    let out: Listener = Closure::new(move |_| set_item(None));
    let left: Listener = Closure::new(move |_| hover.set(None));
    on(&zr, "mousemove", &moved);
    on(instance, "mouseover", &over);
    on(instance, "mouseout", &out);
    on(&zr, "globalout", &left);
    vec![moved, over, out, left]
}

/// Calls `then` once, when the element `id` comes within 200 px of the screen. None when the
/// browser has no `IntersectionObserver` or the element is missing (the caller draws at once).
fn when_near(
    id: &str,
    then: impl Fn() + 'static,
) -> Option<(web_sys::IntersectionObserver, Listener)> {
    let el = document().get_element_by_id(id)?;
    let done = std::rc::Rc::new(std::cell::Cell::new(false));
    let callback: Listener = Closure::new(move |entries: JsValue| {
        let seen = Array::from(&entries).iter().any(|e| {
            Reflect::get(&e, &JsValue::from_str("isIntersecting"))
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false)
        });
        if seen && !done.replace(true) {
            then();
        }
    });
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("200px");
    let observer = web_sys::IntersectionObserver::new_with_options(
        callback.as_ref().unchecked_ref(),
        &options,
    )
    .ok()?;
    observer.observe(&el);
    Some((observer, callback))
}

/// Charts redraw this long after the last edit.
pub const CHART_DELAY_MS: u64 = 120;

/// One chart: the echarts canvas, kept in step with the results, and its data table.
#[component]
fn ChartFigure(
    id: &'static str,
    title: &'static str,
    summary: fn(&Shown) -> String,
    chart: fn(&Shown) -> ChartOption,
    legend: fn(&Shown) -> Vec<LegendItem>,
    tip: fn(&Shown, &Pointer) -> Option<Tip>,
    table: Table,
) -> impl IntoView {
    let state = use_state();
    let shown = Memo::new(move |_| state.checked.with(|c| c.shown.clone()));
    let loaded = echarts_loaded();
    let failed = RwSignal::new(false);
    let instance = StoredValue::new_local(None::<JsValue>);
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    let hover = RwSignal::new(None::<Hover>);
    let listeners = StoredValue::new_local(Vec::<Listener>::new());
    // `still`: without animation, so that the whole chart is on the canvas at once (printing).
    let draw = move |still: bool| {
        let Some(shown) = shown.get_untracked() else {
            return;
        };
        if !echarts_loaded() {
            return;
        }
        if instance.with_value(Option::is_none) {
            let created = document()
                .get_element_by_id(id)
                .and_then(|el| echarts_init(&el, theme()).ok());
            if let Some(i) = &created {
                listeners.set_value(follow_pointer(i, id, hover));
            }
            instance.set_value(created);
        }
        if let Some(i) = instance.get_value() {
            let option = chart(&shown);
            failed.set(!set_option(
                &i,
                &if still { option.still() } else { option },
            ));
        }
    };
    let later = move |ms: u64| {
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        timer.set_value(
            set_timeout_with_handle(move || draw(false), std::time::Duration::from_millis(ms)).ok(),
        );
    };
    // The first drawing waits until the chart comes near the screen, so a chart further down the
    // page costs nothing at start-up; later drawings follow edits once typing pauses. Each runs in
    // a task of its own, so neither start-up nor a keystroke waits for four charts at once.
    let near = StoredValue::new_local(None::<(web_sys::IntersectionObserver, Listener)>);
    Effect::new(move |_| {
        shown.track();
        if instance.with_value(Option::is_some) {
            later(CHART_DELAY_MS);
        } else if near.with_value(Option::is_none) {
            match when_near(id, move || later(0)) {
                Some(o) => near.set_value(Some(o)),
                None => later(0),
            }
        }
    });
    // Printing shows every chart, including those never scrolled to (drawn here, before the
    // browser lays out the printed page).
    let print = window_event_listener_untyped("beforeprint", move |_| {
        if instance.with_value(Option::is_none) {
            draw(true);
        }
    });
    on_cleanup(move || {
        print.remove();
        near.with_value(|n| n.as_ref().map(|(o, _)| o.disconnect()));
    });
    let table_open = RwSignal::new(false);
    let label = move || shown.with(|s| s.as_ref().map(summary).unwrap_or_default());
    view! {
        <figure class="chart-figure">
            <figcaption>{title}</figcaption>
            {(!loaded).then(|| view! {
                <p class="hint">"Charts are unavailable; the data table below has the same numbers."</p>
            })}
            {move || failed.get().then(|| view! {
                <p class="hint">"This chart could not be drawn; the data table below has the same numbers."</p>
            })}
            {move || {
                shown
                    .with(|s| s.as_ref().map(legend))
                    .filter(|items| !items.is_empty())
                    .map(|items| view! {
                        <ul class="chart-legend">
                            {items
                                .into_iter()
                                .map(|it| view! {
                                    <li>
                                        <span class=it.class() style:background-color=it.color()
                                            style:color=it.color() aria-hidden="true"></span>
                                        {it.label}
                                    </li>
                                })
                                .collect_view()}
                        </ul>
                    })
            }}
            <div class="chart-wrap">
                <div id=id data-testid=id class="chart" role="img" aria-label=label></div>
                {move || {
                    let h = hover.get()?;
                    let t = shown.with(|s| s.as_ref().and_then(|s| tip(s, &h.pointer)))?;
                    Some(view! {
                        <div class="chart-tip" class:flip=h.flip data-testid="chart-tip" aria-hidden="true"
                            style:left=format!("{}px", h.px.round() as i64)
                            style:top=format!("{}px", h.py.round() as i64)>
                            <strong>{t.title}</strong>
                            {t.lines.into_iter().map(|l| view! { <span>{l}</span> }).collect_view()}
                        </div>
                    })
                }}
            </div>
            <details class="chart-data" on:toggle=move |ev| table_open.set(details_open(&ev))>
                <summary>"Data table"</summary>
                <div class="table-scroll">
                    {move || table_open.get().then(|| shown.with(|s| s.as_ref().map(table)))}
                </div>
            </details>
        </figure>
    }
}

/// A chart's numbers as a table: one row per initiative, first column its name.
fn data_table(heads: Vec<String>, rows: Vec<(String, Vec<String>)>) -> AnyView {
    view! {
        <table>
            <thead>
                <tr>
                    <th scope="col">"Initiative"</th>
                    {heads.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(name, cells)| {
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                {cells.into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
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

fn table_value_by_driver(shown: &Shown) -> AnyView {
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
    data_table(heads, rows)
}

fn table_cumulative(shown: &Shown) -> AnyView {
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
    data_table(heads, rows)
}

fn table_value_vs_effort(shown: &Shown) -> AnyView {
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
    data_table(heads, rows)
}

fn table_scores(shown: &Shown) -> AnyView {
    let f = fmt(&shown.scenario.currency);
    let rows = per_initiative(shown, |r| {
        vec![r.score.value.map_or("—".to_string(), |v| {
            f.format(Quantity::new(v, Unit::Score))
        })]
    });
    data_table(vec!["Weighted score (0–100)".into()], rows)
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
    format!(
        "Bars of weighted score out of 100; highest: {}.",
        best_by(shown, |r| r.score.value).unwrap_or_default()
    )
}

const CHART_IDS: [&str; 4] = [
    "chart-value-by-driver",
    "chart-cumulative",
    "chart-value-effort",
    "chart-scores",
];

#[component]
pub fn Charts() -> impl IntoView {
    let state = use_state();
    // Resize with the window, at most every 150 ms.
    let pending = StoredValue::new(false);
    let on_resize = window_event_listener(ev::resize, move |_| {
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        set_timeout(
            move || {
                pending.set_value(false);
                for id in CHART_IDS {
                    resize(id);
                }
            },
            std::time::Duration::from_millis(150),
        );
    });
    on_cleanup(move || on_resize.remove());
    view! {
        <section class="panel charts" class:stale=move || state.stale() aria-labelledby="charts-h">
            <h2 id="charts-h">"Charts"</h2>
            <div class="chart-grid">
                <ChartFigure id=CHART_IDS[0] title="Annual value by driver (at full adoption)"
                    summary=summary_value chart=value_by_driver legend=legend_value tip=tip_value
                    table=table_value_by_driver/>
                <ChartFigure id=CHART_IDS[1] title="Cumulative cash flow by month (◆ payback)"
                    summary=summary_cumulative chart=cumulative legend=legend_cumulative tip=tip_cumulative
                    table=table_cumulative/>
                <ChartFigure id=CHART_IDS[2] title="Value vs effort (bubble size: one-time cost)"
                    summary=summary_effort chart=value_vs_effort legend=legend_effort tip=tip_effort
                    table=table_value_vs_effort/>
                <ChartFigure id=CHART_IDS[3] title="Weighted score"
                    summary=summary_scores chart=scores legend=no_legend tip=tip_scores
                    table=table_scores/>
            </div>
        </section>
    }
}

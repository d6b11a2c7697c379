//! Charts (charming → echarts), each with a data table for screen readers and print:
//! annual value by driver, cumulative cash flow with payback, value vs effort, weighted scores.

use super::chart_style::{echarts_loaded, media, named_fn, theme, LegendItem, Mark};
use super::fields::details_open;
use super::format::fmt;
use super::persist::{ask, scenario_field};
use super::state::{use_state, Shown};
use crate::chart_spec::{drivers, effort_of, names, one_time_cost, set_path, CHARTS};
use crate::model::{Category, InitiativeResult, Quantity, QuantityFormat, Unit};
use crate::worker_io::field;
use js_sys::{Array, Function, Reflect};
use leptos::ev;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use wasm_bindgen::prelude::{wasm_bindgen, Closure};
use wasm_bindgen::{JsCast, JsValue};

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
fn set_option(instance: &JsValue, reply: &JsValue) -> bool {
    let option = field(reply, "option");
    let funcs = field(reply, "funcs");
    if !option.is_object() || !Array::is_array(&funcs) {
        return false;
    }
    for f in Array::from(&funcs).iter() {
        let f = Array::from(&f);
        let (path, name, arg) = (
            f.get(0).as_string(),
            f.get(1).as_string(),
            f.get(2).as_string(),
        );
        let made = name.zip(arg).and_then(|(n, a)| named_fn(&n, &a));
        if path
            .zip(made)
            .and_then(|(p, m)| set_path(&option, &p, &m))
            .is_none()
        {
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
    /// Which chart (`chart_spec::build`).
    chart: usize,
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
    // Set once echarts has the chart's option: printing waits for it, and a chart never drawn
    // prints its data table instead.
    let drawn = RwSignal::new(false);
    // `still`: without animation, so that everything is on the canvas at once (printing).
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
        let Some(i) = instance.get_value() else {
            return;
        };
        // The worker builds the option; replies come in the order asked, so the last one set is
        // always the newest results.
        let motion = !still && !media("(prefers-reduced-motion: reduce)");
        let fields = [
            scenario_field(&shown.scenario),
            ("which", JsValue::from_f64(chart as f64)),
            ("motion", JsValue::from_bool(motion)),
        ];
        ask("chart", &fields, move |reply| {
            let ok = reply.is_ok_and(|r| set_option(&i, &r));
            failed.set(!ok);
            drawn.set(ok);
        });
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
    let table_open = RwSignal::new(false);
    // "Print" asks every chart to draw first (`print_when_drawn`); printing any other way shows
    // the data table of a chart never drawn, so the page still has its numbers.
    let draw_all = window_event_listener_untyped(DRAW_ALL, move |_| {
        if !drawn.get_untracked() {
            draw(true);
        }
    });
    let print = window_event_listener_untyped("beforeprint", move |_| {
        if !drawn.get_untracked() {
            table_open.set(true);
        }
    });
    on_cleanup(move || {
        draw_all.remove();
        print.remove();
        near.with_value(|n| n.as_ref().map(|(o, _)| o.disconnect()));
    });
    let label = move || shown.with(|s| s.as_ref().map(summary).unwrap_or_default());
    view! {
        <figure class="chart-figure" class:drawn=move || drawn.get()>
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
            <details class="chart-data" prop:open=move || table_open.get()
                on:toggle=move |ev| table_open.set(details_open(&ev))>
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

/// Asks every chart not yet drawn to draw now.
const DRAW_ALL: &str = "caseboard-draw-all";

/// "Print": draws every chart, then opens the print dialog once all are drawn (or after 3 s).
pub fn print_when_drawn() {
    if let Ok(e) = web_sys::Event::new(DRAW_ALL) {
        let _ = window().dispatch_event(&e);
    }
    fn wait(tries: u32) {
        let drawn = document()
            .query_selector_all(".chart-figure.drawn")
            .map_or(0, |l| l.length());
        if drawn as usize >= CHARTS || tries >= 60 || !echarts_loaded() {
            // one more moment: markers appear on the frame after their option is set
            set_timeout(
                || {
                    let _ = window().print();
                },
                std::time::Duration::from_millis(100),
            );
        } else {
            set_timeout(
                move || wait(tries + 1),
                std::time::Duration::from_millis(50),
            );
        }
    }
    wait(0);
}

const CHART_IDS: [&str; CHARTS] = [
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
                    summary=summary_value chart=0 legend=legend_value tip=tip_value
                    table=table_value_by_driver/>
                <ChartFigure id=CHART_IDS[1] title="Cumulative cash flow by month (◆ payback)"
                    summary=summary_cumulative chart=1 legend=legend_cumulative tip=tip_cumulative
                    table=table_cumulative/>
                <ChartFigure id=CHART_IDS[2] title="Value vs effort (bubble size: one-time cost)"
                    summary=summary_effort chart=2 legend=legend_effort tip=tip_effort
                    table=table_value_vs_effort/>
                <ChartFigure id=CHART_IDS[3] title="Weighted score"
                    summary=summary_scores chart=3 legend=no_legend tip=tip_scores
                    table=table_scores/>
            </div>
        </section>
    }
}

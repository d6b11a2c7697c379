//! Charts (charming → echarts), each with a data table for screen readers and print:
//! annual value by driver, cumulative cash flow with payback, value vs effort, weighted scores.

use crate::app::client::{scenario_field, send, Which};
use crate::app::results::chart_style::{echarts_loaded, media, named_fn, theme, LegendItem, Mark};
use crate::app::results::uncertainty::tornado_of;
use crate::app::state::{use_state, Shown};
use crate::app::widgets::fields::details_open;
use crate::explain::chart_text::{ChartText, Pointer, TableText, Tip};
use crate::model::Category;
use crate::wire::js::field;
use crate::worker::chart_spec::{drivers, names, set_path, CHARTS};
use js_sys::{Array, Function, Reflect};
use leptos::ev;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use std::sync::Arc;
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

/// The worker that builds chart `chart`: the distribution is the simulation worker's last run.
fn via(chart: usize) -> Which {
    if chart == 4 {
        Which::Simulate
    } else {
        Which::Persist
    }
}

/// A chart not drawn yet gets its words (summary, data table) this long after start-up.
const SETTLE_MS: u64 = 2000;

/// Charts redraw this long after the last edit.
pub const CHART_DELAY_MS: u64 = 120;

/// One chart: the echarts canvas, kept in step with the results, and its data table.
#[component]
fn ChartFigure(
    id: &'static str,
    title: &'static str,
    /// Which chart (`chart_spec::build`).
    chart: usize,
    legend: fn(&Shown) -> Vec<LegendItem>,
    /// More input than the scenario, sent as `extra` and followed (the tornado's initiative, the
    /// simulation's run count); NaN: nothing to draw yet.
    #[prop(optional)]
    extra: Option<Signal<f64>>,
    /// Hidden (and not drawn) while true.
    #[prop(optional)]
    hidden: Option<Signal<bool>>,
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
    // Its summary and data table come with each option from the worker; a tip is asked for
    // when the pointer moves onto something else (`chart_text`).
    let words = RwSignal::new(None::<ChartText>);
    let tip = RwSignal::new(None::<(Pointer, usize, Tip)>);
    // `still`: without animation, so that everything is on the canvas at once (printing).
    let draw = move |still: bool| {
        let Some(shown) = shown.get_untracked() else {
            return;
        };
        let more = extra.map_or(0.0, |e| e.get_untracked());
        if !echarts_loaded() || more.is_nan() {
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
            ("extra", JsValue::from_f64(more)),
        ];
        let then = move |reply: Result<JsValue, String>| {
            if let Ok(r) = &reply {
                words.set(Some(ChartText::from_js(&field(r, "texts"))));
            }
            let ok = reply.is_ok_and(|r| set_option(&i, &r));
            failed.set(!ok);
            drawn.set(ok);
        };
        send(via(chart), "chart", &fields, Box::new(then), None);
    };
    // The words (summary, data table) of a chart not drawn yet, so that printing from the
    // browser's menu, which cannot wait for the worker, still has its table.
    let words_only = move || {
        let Some(shown) = shown.get_untracked() else {
            return;
        };
        let more = extra.map_or(0.0, |e| e.get_untracked());
        if instance.with_value(Option::is_some) || more.is_nan() {
            return;
        }
        let fields = [
            scenario_field(&shown.scenario),
            ("which", JsValue::from_f64(chart as f64)),
            ("extra", JsValue::from_f64(more)),
        ];
        let then = move |reply: Result<JsValue, String>| {
            if let Ok(r) = reply {
                words.set(Some(ChartText::from_js(&field(&r, "texts"))));
            }
        };
        send(via(chart), "texts", &fields, Box::new(then), None);
    };
    // `drawing`: draw (and get the words with the option); otherwise only the words.
    let later = move |ms: u64, drawing: bool| {
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let run = move || match drawing {
            true => draw(false),
            false => words_only(),
        };
        timer.set_value(set_timeout_with_handle(run, std::time::Duration::from_millis(ms)).ok());
    };
    // The first drawing waits until the chart comes near the screen, so a chart further down the
    // page costs nothing at start-up; later drawings follow edits once typing pauses. Each runs in
    // a task of its own, so neither start-up nor a keystroke waits for four charts at once.
    let near = StoredValue::new_local(None::<(web_sys::IntersectionObserver, Listener)>);
    Effect::new(move |_| {
        shown.track();
        if let Some(e) = extra {
            e.track();
        }
        if instance.with_value(Option::is_some) {
            later(CHART_DELAY_MS, true);
            return;
        }
        if near.with_value(Option::is_none) {
            match when_near(id, move || later(0, true)) {
                Some(o) => near.set_value(Some(o)),
                None => return later(0, true),
            }
        }
        // Not drawn yet: its words, once the page has settled, then after each edit.
        let settled = words.with_untracked(Option::is_some);
        later(if settled { CHART_DELAY_MS } else { SETTLE_MS }, false);
    });
    let table_open = RwSignal::new(false);
    // "Print" asks every chart to draw first (`print_when_drawn`); printing any other way shows
    // the data table of a chart never drawn, so the page still has its numbers.
    let draw_all = window_event_listener_untyped(DRAW_ALL, move |_| {
        if !drawn.get_untracked() && !hidden.is_some_and(|h| h.get_untracked()) {
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
    // Its summary, or its title until the worker has sent the summary.
    let label = move || {
        words.with(|w| {
            w.as_ref()
                .map_or_else(|| title.to_string(), |w| w.summary.clone())
        })
    };
    // The tip under the pointer: asked of the worker when the pointer is over another category,
    // month or item than the last tip's.
    Effect::new(move |_| {
        let Some(p) = hover.with(|h| h.map(|h| h.pointer)) else {
            return;
        };
        // Which results the tip is of: a new evaluation asks again.
        let of = shown.with(|s| {
            s.as_ref()
                .map_or(0, |s| Arc::as_ptr(&s.evaluation) as usize)
        });
        let same = |a: &Pointer| {
            a.item == p.item
                && (p.item.is_some() || (a.x.round() == p.x.round() && a.y.round() == p.y.round()))
        };
        if tip.with_untracked(|t| t.as_ref().is_some_and(|(at, v, _)| same(at) && *v == of)) {
            return;
        }
        let Some(shown) = shown.get_untracked() else {
            return;
        };
        let (series, item) = p.item.map_or((-1.0, -1.0), |(s, i)| (s as f64, i as f64));
        let fields = [
            scenario_field(&shown.scenario),
            ("which", JsValue::from_f64(chart as f64)),
            (
                "extra",
                JsValue::from_f64(extra.map_or(0.0, |e| e.get_untracked())),
            ),
            ("x", JsValue::from_f64(p.x)),
            ("y", JsValue::from_f64(p.y)),
            ("series", JsValue::from_f64(series)),
            ("item", JsValue::from_f64(item)),
        ];
        let then = move |reply: Result<JsValue, String>| {
            let t = reply
                .ok()
                .map(|r| field(&r, "tip"))
                .filter(|t| t.is_object());
            tip.set(t.map(|t| (p, of, Tip::from_js(&t))));
        };
        send(via(chart), "tip", &fields, Box::new(then), None);
    });
    view! {
        <figure class="chart-figure" class:drawn=move || drawn.get()
            hidden=move || hidden.is_some_and(|h| h.get())>
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
                    let t = tip.get()?.2;
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
                    {move || table_open.get().then(|| words.with(|w| w.as_ref().map(|w| text_table(&w.table))))}
                </div>
            </details>
        </figure>
    }
}

/// A chart's numbers as a table: one row per initiative (or `first`), first column its name.
fn data_table(first: &str, heads: Vec<String>, rows: Vec<(String, Vec<String>)>) -> AnyView {
    let first = first.to_string();
    view! {
        <table>
            <thead>
                <tr>
                    <th scope="col">{first}</th>
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

/// A table sent by the worker: the first head names the rows, each row's first cell its name.
pub fn text_table(t: &TableText) -> AnyView {
    let heads = t.heads.get(1..).unwrap_or_default().to_vec();
    let rows = t
        .rows
        .iter()
        .map(|r| {
            (
                r.first().cloned().unwrap_or_default(),
                r.get(1..).unwrap_or_default().to_vec(),
            )
        })
        .collect();
    let table = data_table(t.heads.first().map_or("", |h| h.as_str()), heads, rows);
    match t.caption.is_empty() {
        true => table,
        false => view! { <p class="table-caption">{t.caption.clone()}</p>{table} }.into_any(),
    }
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
            .query_selector_all(".chart-figure.drawn:not([hidden])")
            .map_or(0, |l| l.length());
        let all = document()
            .query_selector_all(".chart-figure:not([hidden])")
            .map_or(0, |l| l.length());
        if drawn >= all || tries >= 60 || !echarts_loaded() {
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
    // The simulation's charts: shown once a run has finished; the distribution redraws after
    // each run, the tornado when its initiative changes.
    let no_run = Signal::derive(move || state.sim.with(|v| v.result.is_none()));
    let runs = Signal::derive(move || state.sim.with(|v| f64::from(v.runs)));
    let tornado = Signal::derive(move || tornado_of(&state).map_or(f64::NAN, |k| k as f64));
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
                for id in CHART_IDS.iter().chain(&SIM_CHART_IDS) {
                    resize(id);
                }
            },
            std::time::Duration::from_millis(150),
        );
    });
    on_cleanup(move || on_resize.remove());
    view! {
        <section class="panel charts" class:stale=move || state.stale() class:blocked=move || state.blocked() aria-labelledby="charts-h">
            <h2 id="charts-h">"Charts"</h2>
            <div class="chart-grid">
                <ChartFigure id=CHART_IDS[0] title="Annual value by driver (at full adoption)" chart=0 legend=legend_value/>
                <ChartFigure id=CHART_IDS[1] title="Cumulative cash flow by month (◆ payback)" chart=1 legend=legend_cumulative/>
                <ChartFigure id=CHART_IDS[2] title="Value vs effort (bubble size: one-time cost)" chart=2 legend=legend_effort/>
                <ChartFigure id=CHART_IDS[3] title="Weighted score" chart=3 legend=no_legend/>
                <ChartFigure id=SIM_CHART_IDS[0] title="Simulated NPV: P10–P90 (line), P25–P75 (box), ◆ median"
                    chart=4 legend=no_legend extra=runs hidden=no_run/>
                <ChartFigure id=SIM_CHART_IDS[1] title="Tornado: NPV as each estimate goes from low to high (pick the initiative under Uncertainty)"
                    chart=5 legend=legend_tornado extra=tornado hidden=no_run/>
            </div>
        </section>
    }
}

const SIM_CHART_IDS: [&str; 2] = ["chart-distribution", "chart-tornado"];

fn legend_tornado(_: &Shown) -> Vec<LegendItem> {
    vec![
        LegendItem::new("Estimate at its low value", 0, Mark::Bar),
        LegendItem::new("Estimate at its high value", 1, Mark::Bar),
    ]
}

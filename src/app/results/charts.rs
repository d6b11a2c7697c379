//! Charts (charming → echarts), each with a data table for screen readers and print:
//! annual value by driver, cumulative cash flow with payback, value vs effort, weighted scores,
//! and the simulation's NPV distribution and tornado. The worker builds each chart's option and
//! words for the revision on screen; a reply about results no longer on screen is dropped.

use crate::app::client::{about, Which};
use crate::app::results::chart_lib::{failed, with_echarts};
use crate::app::results::chart_style::{media, named_fn, theme, LegendItem, Mark};
use crate::app::results::uncertainty::tornado_of;
use crate::app::state::{initiative_names, use_state, Shown};
use crate::app::widgets::data_table::text_table;
use crate::app::widgets::fields::details_open;
use crate::explain::chart_data::{drivers, names};
use crate::model::Category;
use crate::wire::{ChartId, ChartText, Pointer, Reply, Request, Tip};
use crate::worker::chart_spec::set_path;
use js_sys::{Array, Function, Reflect};
use leptos::ev;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use wasm_bindgen::prelude::{wasm_bindgen, Closure};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlOptionElement, HtmlSelectElement};

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

/// Replaces the chart's whole option (`notMerge`, so removed series disappear), with the
/// functions it names set at their paths. False when echarts refused it.
fn set_option(instance: &JsValue, option: &JsValue, funcs: &[[String; 3]]) -> bool {
    if !option.is_object() {
        return false;
    }
    for [path, name, arg] in funcs {
        if named_fn(name, arg)
            .and_then(|m| set_path(option, path, &m))
            .is_none()
        {
            return false;
        }
    }
    // Kept with the instance for the chart's images (`exportChart` in tools/echarts-entry.mjs).
    let _ = Reflect::set(instance, &JsValue::from_str("caseboardOption"), option);
    method(instance, "setOption").is_some_and(|f| f.call2(instance, option, &JsValue::TRUE).is_ok())
}

/// Downloads chart `id` as `kind` ("png" or "svg") with its title, through the chart library's
/// `exportChart`; `failed` is set when it could not.
fn export_image(id: &str, title: &str, kind: &str, failed: RwSignal<bool>) {
    let (Some(w), Some(el)) = (web_sys::window(), document().get_element_by_id(id)) else {
        return;
    };
    let Ok(echarts) = Reflect::get(&w, &JsValue::from_str("echarts")) else {
        return failed.set(true);
    };
    let done = Closure::once_into_js(move |ok: JsValue| failed.set(!ok.is_truthy()));
    let called = method(&echarts, "exportChart").map(|f| {
        let args = js_sys::Array::of4(
            &el,
            &JsValue::from_str(title),
            &JsValue::from_str(kind),
            &done,
        );
        f.apply(&echarts, &args).is_ok()
    });
    if called != Some(true) {
        failed.set(true);
    }
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

/// A chart not drawn yet gets its words (summary, data table) this long after start-up.
const SETTLE_MS: u64 = 2000;

/// Charts redraw this long after the last edit.
pub const CHART_DELAY_MS: u64 = 120;

/// One chart's state: what it shows, its echarts instance, the pointer over it and the words the
/// worker sent. Copy: each hook below holds it.
#[derive(Clone, Copy)]
struct Chart {
    id: &'static str,
    /// Which chart, if there is one to draw (the tornado needs an initiative).
    which: Signal<Option<ChartId>>,
    /// Redraws when it changes (the simulation's run count).
    redraw: Option<Signal<u32>>,
    hidden: Option<Signal<bool>>,
    /// The results on screen.
    shown: Memo<Option<Shown>>,
    failed: RwSignal<bool>,
    /// The chart library could not be loaded: the data table stands in.
    unavailable: RwSignal<bool>,
    /// Set once echarts has the chart's option: printing waits for it, and a chart never drawn
    /// prints its data table instead.
    drawn: RwSignal<bool>,
    /// Its summary and data table, sent with each option (or alone, for a chart not drawn yet).
    words: RwSignal<Option<ChartText>>,
    hover: RwSignal<Option<Hover>>,
    /// The tip under the pointer, with where and of which results it was asked.
    tip: RwSignal<Option<(Pointer, Shown, Tip)>>,
    table_open: RwSignal<bool>,
    instance: StoredValue<Option<JsValue>, LocalStorage>,
    listeners: StoredValue<Vec<Listener>, LocalStorage>,
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
}

/// The worker that builds a chart: the distribution is the simulation worker's last run.
fn via(chart: ChartId) -> Which {
    if chart.simulated() {
        Which::Simulate
    } else {
        Which::Persist
    }
}

impl Chart {
    fn new(
        id: &'static str,
        which: Signal<Option<ChartId>>,
        redraw: Option<Signal<u32>>,
        hidden: Option<Signal<bool>>,
    ) -> Chart {
        let state = use_state();
        Chart {
            id,
            which,
            redraw,
            hidden,
            shown: Memo::new(move |_| state.checked.with(|c| c.shown.clone())),
            failed: RwSignal::new(false),
            unavailable: RwSignal::new(false),
            drawn: RwSignal::new(false),
            words: RwSignal::new(None),
            hover: RwSignal::new(None),
            tip: RwSignal::new(None),
            table_open: RwSignal::new(false),
            instance: StoredValue::new_local(None),
            listeners: StoredValue::new_local(Vec::new()),
            timer: StoredValue::new_local(None),
        }
    }

    /// The results on screen and the chart, when there is one to draw.
    fn subject(self) -> Option<(Shown, ChartId)> {
        self.shown.get_untracked().zip(self.which.get_untracked())
    }

    /// Whether `asked` are still the results on screen (a reply about others is dropped).
    fn on_screen(self, asked: &Shown) -> bool {
        self.shown.with_untracked(|s| s.as_ref() == Some(asked))
    }

    /// The echarts instance, made the first time (with the listeners that follow the pointer).
    fn echarts(self) -> Option<JsValue> {
        if self.instance.with_value(Option::is_none) {
            let created = document()
                .get_element_by_id(self.id)
                .and_then(|el| echarts_init(&el, theme()).ok());
            if let Some(i) = &created {
                self.listeners
                    .set_value(follow_pointer(i, self.id, self.hover));
            }
            self.instance.set_value(created);
        }
        self.instance.get_value()
    }

    /// Loads the chart library if it is not there yet, then draws (`draw_now`).
    fn draw(self, still: bool) {
        with_echarts(move |ok| {
            self.unavailable.set(!ok);
            if ok {
                self.draw_now(still);
            } else {
                self.table_open.set(true);
                self.words_only();
            }
        });
    }

    /// Asks the worker for the option and words, and sets them. `still`: without animation, so
    /// that everything is on the canvas at once (printing).
    fn draw_now(self, still: bool) {
        let Some((shown, chart)) = self.subject() else {
            return;
        };
        let Some(i) = self.echarts() else {
            return;
        };
        let motion = !still && !media("(prefers-reduced-motion: reduce)");
        let asked = shown.clone();
        let then = move |reply: Result<Reply, String>| {
            if !self.on_screen(&asked) {
                return;
            }
            let ok = match reply {
                Ok(Reply::Chart {
                    option,
                    funcs,
                    texts,
                }) => {
                    self.words.set(Some(texts));
                    set_option(&i, &option, &funcs)
                }
                _ => false,
            };
            self.failed.set(!ok);
            self.drawn.set(ok);
        };
        let make = move |rev| Request::Chart { rev, chart, motion };
        about(via(chart), &shown, make, then);
    }

    /// The words (summary, data table) of a chart not drawn yet, so that printing from the
    /// browser's menu, which cannot wait for the worker, still has its table.
    fn words_only(self) {
        let Some((shown, chart)) = self.subject() else {
            return;
        };
        if self.instance.with_value(Option::is_some) {
            return;
        }
        let asked = shown.clone();
        let then = move |reply: Result<Reply, String>| {
            if let (Ok(Reply::Texts(t)), true) = (reply, self.on_screen(&asked)) {
                self.words.set(Some(t));
            }
        };
        about(
            via(chart),
            &shown,
            move |rev| Request::Texts { rev, chart },
            then,
        );
    }

    /// `drawing`: draw (and get the words with the option) after `ms`; otherwise only the words.
    fn later(self, ms: u64, drawing: bool) {
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        let run = move || match drawing {
            true => self.draw(false),
            false => self.words_only(),
        };
        let handle = set_timeout_with_handle(run, std::time::Duration::from_millis(ms));
        self.timer.set_value(handle.ok());
    }
}

/// The first drawing waits until the chart comes near the screen, so a chart further down the
/// page costs nothing at start-up; later drawings follow edits once typing pauses. Each runs in a
/// task of its own, so neither start-up nor a keystroke waits for every chart at once.
fn use_drawing(c: Chart) {
    let near = StoredValue::new_local(None::<(web_sys::IntersectionObserver, Listener)>);
    Effect::new(move |_| {
        c.shown.track();
        c.which.track();
        if let Some(r) = c.redraw {
            r.track();
        }
        if c.hidden.is_some_and(|h| h.get()) {
            return;
        }
        if c.instance.with_value(Option::is_some) || EAGER.get() {
            return c.later(CHART_DELAY_MS, true);
        }
        if near.with_value(Option::is_none) {
            match when_near(c.id, move || c.later(0, true)) {
                Some(o) => near.set_value(Some(o)),
                None => return c.later(0, true),
            }
        }
        // Not drawn yet: its words, once the page has settled, then after each edit.
        let settled = c.words.with_untracked(Option::is_some);
        c.later(if settled { CHART_DELAY_MS } else { SETTLE_MS }, false);
    });
    on_cleanup(move || {
        near.with_value(|n| n.as_ref().map(|(o, _)| o.disconnect()));
    });
}

thread_local! {
    /// Set a few seconds after start-up (`draw_all_soon`): from then on every chart is drawn
    /// as soon as it has something to show, near the screen or not.
    static EAGER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Seconds after start-up at which every chart is drawn, on screen or not: printing from the
/// browser's menu cannot wait for a chart to be drawn, so by then it prints what the Print
/// button prints. Later than the first load and its settling, so neither waits for the charts.
const DRAW_ALL_AFTER_S: u64 = 5;

/// Draws every chart `DRAW_ALL_AFTER_S` seconds from now, and each one as soon as it has
/// something to show from then on.
fn draw_all_soon() {
    set_timeout(
        || {
            EAGER.set(true);
            if let Ok(e) = web_sys::Event::new(DRAW_ALL) {
                let _ = window().dispatch_event(&e);
            }
        },
        std::time::Duration::from_secs(DRAW_ALL_AFTER_S),
    );
}

/// "Print" asks every chart to draw first (`print_when_drawn`); printing any other way shows
/// the data table of a chart never drawn, so the page still has its numbers.
fn use_printing(c: Chart) {
    let draw_all = window_event_listener_untyped(DRAW_ALL, move |_| {
        if !c.drawn.get_untracked() && !c.hidden.is_some_and(|h| h.get_untracked()) {
            c.draw(true);
        }
    });
    let print = window_event_listener_untyped("beforeprint", move |_| {
        if !c.drawn.get_untracked() {
            c.table_open.set(true);
        }
    });
    on_cleanup(move || {
        draw_all.remove();
        print.remove();
    });
}

/// The tip under the pointer: asked of the worker when the pointer is over another category,
/// month or item than the last tip's, or the results changed.
fn use_tip(c: Chart) {
    Effect::new(move |_| {
        let Some(p) = c.hover.with(|h| h.map(|h| h.pointer)) else {
            return;
        };
        c.shown.track();
        let Some((shown, chart)) = c.subject() else {
            return;
        };
        let same = |a: &Pointer| {
            a.item == p.item
                && (p.item.is_some() || (a.x.round() == p.x.round() && a.y.round() == p.y.round()))
        };
        let known = c.tip.with_untracked(|t| {
            t.as_ref()
                .is_some_and(|(at, of, _)| same(at) && *of == shown)
        });
        if known {
            return;
        }
        let asked = shown.clone();
        let then = move |reply: Result<Reply, String>| {
            if !c.on_screen(&asked) {
                return;
            }
            let tip = match reply {
                Ok(Reply::Tip(Some(t))) => Some((p, asked, t)),
                _ => None,
            };
            c.tip.set(tip);
        };
        about(
            via(chart),
            &shown,
            move |rev| Request::Tip { rev, chart, at: p },
            then,
        );
    });
}

fn legend_view(c: Chart, legend: fn(&Shown) -> Vec<LegendItem>) -> impl IntoView {
    move || {
        c.shown
            .with(|s| s.as_ref().map(legend))
            .filter(|items| !items.is_empty())
            .map(|items| {
                view! {
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
                }
            })
    }
}

fn tip_view(c: Chart) -> impl IntoView {
    move || {
        let h = c.hover.get()?;
        let t = c.tip.get()?.2;
        Some(view! {
            <div class="chart-tip" class:flip=h.flip data-testid="chart-tip" aria-hidden="true"
                style:left=format!("{}px", h.px.round() as i64)
                style:top=format!("{}px", h.py.round() as i64)>
                <strong>{t.title}</strong>
                {t.lines.into_iter().map(|l| view! { <span>{l}</span> }).collect_view()}
            </div>
        })
    }
}

/// One chart: the echarts canvas, kept in step with the results, and its data table.
#[component]
pub fn ChartFigure(
    id: &'static str,
    title: &'static str,
    /// Which chart; none: nothing to draw yet.
    chart: Signal<Option<ChartId>>,
    legend: fn(&Shown) -> Vec<LegendItem>,
    /// Redraws when it changes (the simulation's run count).
    #[prop(optional)]
    redraw: Option<Signal<u32>>,
    /// Hidden (and not drawn) while true.
    #[prop(optional)]
    hidden: Option<Signal<bool>>,
) -> impl IntoView {
    let c = Chart::new(id, chart, redraw, hidden);
    use_drawing(c);
    use_printing(c);
    use_tip(c);
    // Its summary, or its title until the worker has sent the summary.
    let label = move || {
        c.words.with(|w| {
            w.as_ref()
                .map_or_else(|| title.to_string(), |w| w.summary.clone())
        })
    };
    let table = move || {
        c.table_open
            .get()
            .then(|| c.words.with(|w| w.as_ref().map(|w| text_table(&w.table))))
    };
    let image_failed = RwSignal::new(false);
    let image = move |kind: &'static str| move |_| export_image(id, title, kind, image_failed);
    view! {
        <figure class="chart-figure" class:drawn=move || c.drawn.get()
            hidden=move || hidden.is_some_and(|h| h.get())>
            <figcaption>
                <span>{title}</span>
                <span class="chart-images" hidden=move || !c.drawn.get()>
                    <button type="button" class="small" on:click=image("png")
                        aria-label=format!("Download “{title}” as PNG")>"PNG"</button>
                    <button type="button" class="small" on:click=image("svg")
                        aria-label=format!("Download “{title}” as SVG")>"SVG"</button>
                </span>
            </figcaption>
            {move || image_failed.get().then(|| view! {
                <p class="hint">"The image could not be made; the data table below has the same numbers."</p>
            })}
            {move || c.unavailable.get().then(|| view! {
                <p class="hint">"Charts are unavailable; the data table below has the same numbers."</p>
            })}
            {move || c.failed.get().then(|| view! {
                <p class="hint">"This chart could not be drawn; the data table below has the same numbers."</p>
            })}
            {legend_view(c, legend)}
            <div class="chart-wrap">
                <div id=id data-testid=id class="chart" role="img" aria-label=label></div>
                {tip_view(c)}
            </div>
            <details class="chart-data" prop:open=move || c.table_open.get()
                on:toggle=move |ev| c.table_open.set(details_open(&ev))>
                <summary>"Data table"</summary>
                <div class="table-scroll">{table}</div>
            </details>
        </figure>
    }
}

/// Asks every chart not yet drawn to draw now.
const DRAW_ALL: &str = "caseboard-draw-all";

/// "Print": draws every chart (loading the chart library first if need be), then opens the print
/// dialog once all are drawn (or after 3 s, or at once if the library cannot be loaded: the data
/// tables stand in).
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
        if drawn >= all || tries >= 60 || failed() {
            // One more moment: markers appear on the frame after their option is set. (Each
            // chart is then drawn at its printed size by the chart library's `beforeprint`.)
            set_timeout(
                || {
                    let _ = window().print();
                },
                std::time::Duration::from_millis(150),
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

const CHART_IDS: [&str; 4] = [
    "chart-value-by-driver",
    "chart-cumulative",
    "chart-value-effort",
    "chart-scores",
];

/// Resizes the charts `ids` with the window, at most every 150 ms, while the calling view lives.
pub fn resize_with_window(ids: Vec<&'static str>) {
    let pending = StoredValue::new(false);
    let ids = StoredValue::new(ids);
    let on_resize = window_event_listener(ev::resize, move |_| {
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        set_timeout(
            move || {
                pending.set_value(false);
                ids.with_value(|ids| ids.iter().for_each(|id| resize(id)));
            },
            std::time::Duration::from_millis(150),
        );
    });
    on_cleanup(move || on_resize.remove());
}

#[component]
pub fn Charts() -> impl IntoView {
    let state = use_state();
    // The simulation's charts: shown once a run has finished; the distribution redraws after
    // each run, the tornado when its initiative changes.
    let no_run = Signal::derive(move || state.sim.with(|v| v.result.is_none()));
    let runs = Signal::derive(move || state.sim.with(|v| v.runs));
    let tornado = Signal::derive(move || tornado_of(&state).map(ChartId::Tornado));
    let fixed = |c: ChartId| Signal::derive(move || Some(c));
    resize_with_window(
        CHART_IDS
            .iter()
            .chain(&SIM_CHART_IDS)
            .chain(&PORTFOLIO_CHART_IDS)
            .copied()
            .collect(),
    );
    draw_all_soon();
    view! {
        <section class="panel charts" class:stale=move || state.stale() class:blocked=move || state.blocked() aria-labelledby="charts-h">
            <h2 id="charts-h">"Charts"</h2>
            <div class="chart-grid">
                <ChartFigure id=CHART_IDS[0] title="Annual value by driver (at full adoption)"
                    chart=fixed(ChartId::ValueByDriver) legend=legend_value/>
                <ChartFigure id=CHART_IDS[1] title="Cumulative cash flow by month (◆ payback)"
                    chart=fixed(ChartId::Cumulative) legend=legend_cumulative/>
                <ChartFigure id=CHART_IDS[2] title="Value vs effort (bubble size: one-time cost)"
                    chart=fixed(ChartId::ValueVsEffort) legend=legend_effort/>
                <ChartFigure id=CHART_IDS[3] title="Weighted score" chart=fixed(ChartId::Scores) legend=no_legend/>
                <ChartFigure id=SIM_CHART_IDS[0] title="Simulated NPV: P10–P90 (line), P25–P75 (box), ◆ median"
                    chart=fixed(ChartId::Distribution) legend=no_legend redraw=runs hidden=no_run/>
                <div class="tornado-cell" hidden=move || no_run.get()>
                    <TornadoPicker/>
                    <ChartFigure id=SIM_CHART_IDS[1] title="Tornado: NPV as each estimate goes from low to high"
                        chart=tornado legend=legend_tornado hidden=no_run/>
                </div>

            </div>
        </section>
    }
}

const SIM_CHART_IDS: [&str; 2] = ["chart-distribution", "chart-tornado"];

/// The portfolio section's charts (`results::portfolio`), in the order of `ChartId::PORTFOLIO`.
pub const PORTFOLIO_CHART_IDS: [&str; 4] = [
    "chart-frontier",
    "chart-roadmap",
    "chart-capacity",
    "chart-spend",
];

/// The tornado picker's options: the initiatives' names, set through the DOM (as text).
fn fill_picker(names: &[(String, String)], chosen: Option<usize>) {
    let Some(select) = document()
        .get_element_by_id("tornado-of")
        .and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
    else {
        return;
    };
    select.set_length(0);
    for (k, (_, n)) in names.iter().enumerate() {
        if let Ok(o) = HtmlOptionElement::new_with_text_and_value(n, &k.to_string()) {
            let _ = select.append_child(&o);
        }
    }
    select.set_selected_index(chosen.map_or(-1, |k| k as i32));
}

/// Which initiative the tornado is of, beside the tornado chart.
#[component]
fn TornadoPicker() -> impl IntoView {
    let state = use_state();
    let names = initiative_names(state);
    Effect::new(move |_| {
        let chosen = tornado_of(&state);
        names.with(|n| fill_picker(n, chosen));
    });
    view! {
        <div class="field inline tornado-picker">
            <label for="tornado-of">"Tornado chart for"</label>
            <select id="tornado-of" on:change=move |ev| {
                state.tornado_of.set(event_target_value(&ev).parse().ok())
            }></select>
        </div>
    }
}

fn legend_tornado(_: &Shown) -> Vec<LegendItem> {
    vec![
        LegendItem::new("Estimate at its low value", 0, Mark::Bar),
        LegendItem::new("Estimate at its high value", 1, Mark::Bar),
    ]
}

//! Charts (charming → echarts), each with a data table for screen readers and print:
//! annual value by driver, cumulative cash flow with payback, value vs effort, weighted scores.

use super::chart_style::{
    axis_tooltip, base, echarts_loaded, money_fn, theme, ChartOption, ESCAPE_JS,
};
use super::fields::details_open;
use super::format::fmt;
use super::state::{use_state, Shown};
use crate::model::{Category, Driver, InitiativeResult, Quantity, QuantityFormat, Unit};
use charming::component::Axis;
use charming::element::{
    AxisLabel, AxisType, JsFunction, Label, LabelPosition, LineStyle, LineStyleType, MarkLine,
    MarkLineData, MarkLineVariant, NameLocation, Symbol, Tooltip, Trigger,
};
use charming::series::{Bar, Line, Scatter};
use js_sys::{Function, Reflect};
use leptos::ev;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

/// Category axis labels: long initiative names are shortened on the axis (full in the table).
fn short_label() -> JsFunction {
    JsFunction::new_with_args(
        "v",
        "v = String(v); return v.length > 24 ? v.slice(0, 23) + '…' : v;",
    )
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

/// A value axis of money with compact labels ("$150K").
fn money_axis(currency: &str) -> Axis {
    Axis::new()
        .type_(AxisType::Value)
        .axis_label(AxisLabel::new().formatter(money_fn(currency, true, "")))
}

fn value_by_driver(shown: &Shown) -> ChartOption {
    let cur = &shown.scenario.currency;
    let mut c = base()
        .tooltip(axis_tooltip(cur, "/yr"))
        .x_axis(money_axis(cur))
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(names(shown))
                .axis_label(AxisLabel::new().formatter(short_label())),
        );
    for d in drivers(shown) {
        let data: Vec<f64> = shown
            .evaluation
            .initiatives
            .iter()
            .map(|r| r.annual_by_driver[d.index()])
            .collect();
        c = c.series(Bar::new().name(d.label()).stack("value").data(data));
    }
    c
}

fn cumulative(shown: &Shown) -> ChartOption {
    let cur = &shown.scenario.currency;
    let months = shown.evaluation.horizon_months as f64;
    let mut c = base()
        .tooltip(axis_tooltip(cur, ""))
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name("Month")
                .name_location(NameLocation::Middle)
                .name_gap(24)
                .min(0)
                .max(months),
        )
        .y_axis(money_axis(cur));
    let mut payback: Vec<Vec<f64>> = Vec::new();
    for (i, r) in shown.evaluation.initiatives.iter().enumerate() {
        let data: Vec<Vec<f64>> = r
            .monthly
            .cumulative
            .iter()
            .enumerate()
            .map(|(m, v)| vec![m as f64, *v])
            .collect();
        let mut line = Line::new()
            .name(r.name.clone())
            .show_symbol(false)
            .data(data);
        if i == 0 {
            line = line.mark_line(
                MarkLine::new()
                    .silent(true)
                    .symbol(vec![Symbol::None, Symbol::None])
                    .line_style(LineStyle::new().type_(LineStyleType::Dashed))
                    .data(vec![MarkLineVariant::Simple(
                        MarkLineData::new().name("Break-even").y_axis(0),
                    )]),
            );
        }
        c = c.series(line);
        if let Some(p) = r.payback_months.value {
            payback.push(vec![p, 0.0]);
        }
    }
    c.series(
        Scatter::new()
            .name("Payback")
            .symbol(Symbol::Diamond)
            .symbol_size(14)
            .data(payback),
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
    let options = super::chart_style::money_options_js(cur);
    let mut c = base()
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Item)
                .formatter(JsFunction::new_with_args(
                    "p",
                    &format!(
                "{ESCAPE_JS} var m = new Intl.NumberFormat(undefined, {options}); var d = p.data; \
                 return '<strong>' + esc(d[4]) + '</strong><br>NPV ' + m.format(d[1]) + \
                 '<br>Effort ' + d[0] + ' of 5<br>One-time cost ' + m.format(d[2]);"
            ),
                )),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name("Effort score (1 = least)")
                .name_location(NameLocation::Middle)
                .name_gap(24)
                .min(0.5)
                .max(5.5)
                .interval(0.5)
                .axis_label(AxisLabel::new().formatter(JsFunction::new_with_args(
                    "v",
                    "return Number.isInteger(v) ? String(v) : '';",
                ))),
        )
        .y_axis(money_axis(cur));
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
                    charming::datatype::CompositeValue::from(r.name.clone()),
                ])
            })
            .collect();
        c = c.series(
            Scatter::new()
                .name(cat.label())
                .symbol(symbols[k].clone())
                .symbol_size(JsFunction::new_with_args("d", "return d[3];"))
                .label(
                    Label::new()
                        .show(true)
                        .position(LabelPosition::Right)
                        .formatter(JsFunction::new_with_args(
                            "p",
                            "var n = String(p.data[4]); return n.length > 22 ? n.slice(0, 21) + '…' : n;",
                        )),
                )
                .data(data),
        );
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
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .x_axis(Axis::new().type_(AxisType::Value).min(0).max(100))
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(names(shown))
                .axis_label(AxisLabel::new().formatter(short_label())),
        )
        .series(Bar::new().name("Weighted score").data(data))
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

/// Charts redraw this long after the last edit.
pub const CHART_DELAY_MS: u64 = 120;

/// One chart: the echarts canvas, kept in step with the results, and its data table.
#[component]
fn ChartFigure(
    id: &'static str,
    /// Position on the page, to stagger the first drawing.
    order: u64,
    title: &'static str,
    summary: fn(&Shown) -> String,
    chart: fn(&Shown) -> ChartOption,
    table: Table,
) -> impl IntoView {
    let state = use_state();
    let shown = Memo::new(move |_| state.checked.with(|c| c.shown.clone()));
    let loaded = echarts_loaded();
    let failed = RwSignal::new(false);
    let instance = StoredValue::new_local(None::<JsValue>);
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    let draw = move || {
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
            instance.set_value(created);
        }
        if let Some(i) = instance.get_value() {
            failed.set(!set_option(&i, &chart(&shown)));
        }
    };
    // Each chart draws in a task of its own: the first time staggered after the page is up, later
    // after typing pauses, so neither start-up nor a keystroke waits for four charts at once.
    Effect::new(move |_| {
        shown.track();
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let delay = if instance.with_value(Option::is_none) {
            order * 40
        } else {
            CHART_DELAY_MS
        };
        timer
            .set_value(set_timeout_with_handle(draw, std::time::Duration::from_millis(delay)).ok());
    });
    let table_open = RwSignal::new(false);
    let label = move || shown.with(|s| s.as_ref().map(summary).unwrap_or_default());
    view! {
        <figure class="chart-figure">
            <figcaption>{title}</figcaption>
            {(!loaded).then(|| view! {
                <p class="hint">"Charts are unavailable; the data table below has the same numbers."</p>
            })}
            <Show when=move || failed.get()>
                <p class="hint">"This chart could not be drawn; the data table below has the same numbers."</p>
            </Show>
            <div id=id data-testid=id class="chart" role="img" aria-label=label></div>
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
                <ChartFigure id=CHART_IDS[0] order=1 title="Annual value by driver (at full adoption)"
                    summary=summary_value chart=value_by_driver table=table_value_by_driver/>
                <ChartFigure id=CHART_IDS[1] order=2 title="Cumulative cash flow by month (◆ payback)"
                    summary=summary_cumulative chart=cumulative table=table_cumulative/>
                <ChartFigure id=CHART_IDS[2] order=3 title="Value vs effort (bubble size: one-time cost)"
                    summary=summary_effort chart=value_vs_effort table=table_value_vs_effort/>
                <ChartFigure id=CHART_IDS[3] order=4 title="Weighted score"
                    summary=summary_scores chart=scores table=table_scores/>
            </div>
        </section>
    }
}

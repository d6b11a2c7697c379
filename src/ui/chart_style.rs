//! The one home for chart styling: colour-blind-safe palette, light/dark theme, decal patterns,
//! and the `Intl` money formatters echarts calls for tooltips and axes.

use super::format::well_formed_currency;
use charming::component::{Aria, Axis, Decal, DecalItem, Grid, Legend, LegendType};
use charming::element::Symbol;
use charming::element::{JsFunction, Tooltip, Trigger};
use charming::series::{Bar, Line, Scatter};
use js_sys::Reflect;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// Okabe–Ito: distinguishable with the common colour-vision deficiencies.
pub const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999",
];

/// True when `window.echarts` is loaded (the deferred script can fail; calling it then would
/// throw through wasm).
pub fn echarts_loaded() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    Reflect::get(&w, &JsValue::from_str("echarts"))
        .map(|e| e.is_object())
        .unwrap_or(false)
}

pub fn dark_mode() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// The echarts theme name: its built-in "dark" in dark mode, else the default.
pub fn theme() -> &'static str {
    if dark_mode() {
        "dark"
    } else {
        ""
    }
}

/// `Intl.NumberFormat` options for money in `currency` (a validated code only: this text is
/// compiled into a JS function), `compact` for axes.
fn money_options(currency: &str, compact: bool) -> String {
    let style = if well_formed_currency(currency) {
        format!("style:'currency',currency:'{currency}',")
    } else {
        String::new()
    };
    if compact {
        format!("{{{style}notation:'compact',maximumSignificantDigits:3}}")
    } else {
        format!("{{{style}maximumFractionDigits:0}}")
    }
}

/// A JS function formatting a number as money (`suffix` appended, e.g. "/yr").
pub fn money_fn(currency: &str, compact: bool, suffix: &str) -> JsFunction {
    let suffix = suffix.replace(['\\', '\''], "");
    JsFunction::new_with_args(
        "v",
        &format!(
            "return (typeof v === 'number' ? new Intl.NumberFormat(undefined, {}).format(v) : String(v)) + '{suffix}';",
            money_options(currency, compact)
        ),
    )
}

/// A JS function escaping text for echarts' HTML tooltips.
pub const ESCAPE_JS: &str = "var esc = function (s) { return String(s).replace(/[&<>\"']/g, function (c) { return {'&':'&amp;','<':'&lt;','>':'&gt;','\"':'&quot;',\"'\":'&#39;'}[c]; }); };";

/// The echarts option of a Caseboard chart: charming's typed parts, but only those the charts use.
/// (Serializing charming's whole `Chart` pulls in the serializers of every echarts series and
/// component type, about 65 KB of wasm.)
#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
pub struct ChartOption {
    color: Vec<&'static str>,
    background_color: &'static str,
    aria: Aria,
    grid: Grid,
    legend: Legend,
    #[serde(skip_serializing_if = "Option::is_none")]
    tooltip: Option<Tooltip>,
    #[serde(skip_serializing_if = "Option::is_none")]
    x_axis: Option<Axis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    y_axis: Option<Axis>,
    series: Vec<SeriesSpec>,
}

/// The series kinds Caseboard draws.
#[derive(Serialize, Clone)]
#[serde(untagged)]
pub enum SeriesSpec {
    Bar(Box<Bar>),
    Line(Box<Line>),
    Scatter(Box<Scatter>),
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

impl From<Scatter> for SeriesSpec {
    fn from(s: Scatter) -> Self {
        SeriesSpec::Scatter(Box::new(s))
    }
}

impl ChartOption {
    pub fn tooltip(mut self, t: Tooltip) -> Self {
        self.tooltip = Some(t);
        self
    }

    pub fn x_axis(mut self, a: Axis) -> Self {
        self.x_axis = Some(a);
        self
    }

    pub fn y_axis(mut self, a: Axis) -> Self {
        self.y_axis = Some(a);
        self
    }

    pub fn series(mut self, s: impl Into<SeriesSpec>) -> Self {
        self.series.push(s.into());
        self
    }
}

/// What every chart shares: palette, transparent background, decal patterns (so series differ by
/// pattern as well as colour), echarts' own aria description, a grid with room for axis labels.
pub fn base() -> ChartOption {
    ChartOption {
        color: PALETTE.to_vec(),
        background_color: "transparent",
        aria: Aria::new()
            .enabled(true)
            .decal(Decal::new().show(true).decals(decals())),
        grid: Grid::new()
            .left(8)
            .right(24)
            .top(48)
            .bottom(8)
            .contain_label(true),
        legend: Legend::new().top(0).type_(LegendType::Scroll),
        tooltip: None,
        x_axis: None,
        y_axis: None,
        series: Vec::new(),
    }
}

/// Pattern overlays, one per series in palette order, so no series is told apart by colour alone.
/// (Given explicitly: charming would otherwise send an empty list that replaces echarts' own.)
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

pub fn axis_tooltip(currency: &str, suffix: &str) -> Tooltip {
    Tooltip::new()
        .trigger(Trigger::Axis)
        .value_formatter(money_fn(currency, false, suffix))
}

/// The `Intl.NumberFormat` options object literal for whole money in `currency`, for JS bodies.
pub fn money_options_js(currency: &str) -> String {
    money_options(currency, false)
}

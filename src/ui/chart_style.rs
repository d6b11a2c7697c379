//! The one home for chart styling: colour-blind-safe palette, light/dark theme, decal patterns and
//! the legend swatches that mirror them, and the `Intl` money formatter echarts calls for axes.
//!
//! Legends and tooltips are Caseboard's own HTML (text, never markup; numbers from the one
//! formatting module), not echarts components: that keeps about 14 KB gzip of echarts out of the
//! download.

use super::format::well_formed_currency;
use charming::component::{Axis, DecalItem, Grid};
use charming::element::Symbol;
use charming::series::{Bar, Line};
use js_sys::Function;
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

fn media(query: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(query).ok().flatten())
        .is_some_and(|m| m.matches())
}

pub fn dark_mode() -> bool {
    media("(prefers-color-scheme: dark)")
}

/// The echarts theme name: its built-in "dark" in dark mode, else the default.
pub fn theme() -> &'static str {
    if dark_mode() {
        "dark"
    } else {
        ""
    }
}

/// A JS function (echarts calls them for formatters and sizes).
pub fn js_fn(args: &str, body: &str) -> Function {
    Function::new_with_args(args, body)
}

/// A JS function formatting axis values as compact money in `currency` ("$1.2M"). The code is
/// checked first (it is compiled into the function's text); anything else gets plain numbers.
pub fn compact_money_fn(currency: &str) -> Function {
    let style = if well_formed_currency(currency) {
        format!("style:'currency',currency:'{currency}',")
    } else {
        String::new()
    };
    js_fn(
        "v",
        &format!(
            "return typeof v === 'number' ? new Intl.NumberFormat(undefined, {{{style}notation:'compact',maximumSignificantDigits:3}}).format(v) : String(v);"
        ),
    )
}

/// The echarts option of a Caseboard chart: charming's typed parts, but only those the charts use.
/// (Serializing charming's whole `Chart` pulls in the serializers of every echarts series and
/// component type, about 65 KB of wasm.) The JS functions it needs (formatters, sizes) are set
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
    /// Off when the reader asks for reduced motion.
    animation: bool,
    /// The first drawing is not animated: a second of repainting four charts would hold up a
    /// phone at start-up. Changes after an edit move for 300 ms, so the eye sees what changed.
    animation_duration: u32,
    animation_duration_update: u32,
    /// JS values to set after serialization, by dotted path ("series.0.symbolSize").
    #[serde(skip)]
    pub patches: Vec<(String, JsValue)>,
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

impl ChartOption {
    pub fn x_axis(mut self, a: Axis) -> Self {
        self.x_axis = Some(a);
        self
    }

    pub fn y_axis(mut self, a: Axis) -> Self {
        self.y_axis = Some(a);
        self
    }

    /// Sets a JS function at `path` of the option once it is parsed.
    pub fn patch(mut self, path: impl Into<String>, value: impl Into<JsValue>) -> Self {
        self.patches.push((path.into(), value.into()));
        self
    }

    /// Gives series `k` the `k`-th decal pattern (bars), so it differs by pattern as well as
    /// colour. (Set per series rather than through echarts' aria component: 1 KB less to load.)
    pub fn decal(self, k: usize) -> Self {
        let style = js_sys::Object::new();
        let decal = serde_wasm_bindgen::to_value(&decals()[k % DECALS]).unwrap_or(JsValue::NULL);
        let _ = Reflect::set(&style, &JsValue::from_str("decal"), &decal);
        self.patch(format!("series.{k}.itemStyle"), style)
    }

    /// Without animation: everything is drawn by the time `setOption` returns.
    pub fn still(mut self) -> Self {
        self.animation = false;
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
        animation: !media("(prefers-reduced-motion: reduce)"),
        animation_duration: 0,
        animation_duration_update: 300,
        patches: Vec::new(),
    }
}

/// The number of decal patterns; series beyond it reuse them in order.
const DECALS: usize = 6;

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

/// How a legend entry is drawn: a patterned square (bars), a line, a dashed line, or a marker.
#[derive(Clone, Copy, PartialEq)]
pub enum Mark {
    Bar,
    Line,
    Dashed,
    Circle,
    Diamond,
    Triangle,
}

impl Mark {
    fn class(self) -> &'static str {
        match self {
            Mark::Bar => "swatch bar",
            Mark::Line => "swatch line",
            Mark::Dashed => "swatch dashed",
            Mark::Circle => "swatch circle",
            Mark::Diamond => "swatch diamond",
            Mark::Triangle => "swatch triangle",
        }
    }
}

/// One entry of a chart's legend.
#[derive(Clone, PartialEq)]
pub struct LegendItem {
    pub label: String,
    /// The series' position: its colour and decal pattern follow it, as echarts assigns them.
    pub series: usize,
    pub mark: Mark,
}

/// The neutral colour of reference lines (break-even).
pub const REFERENCE: &str = "#999999";

impl LegendItem {
    pub fn new(label: impl Into<String>, series: usize, mark: Mark) -> Self {
        LegendItem {
            label: label.into(),
            series,
            mark,
        }
    }

    /// CSS classes: the shape, and for bars the decal pattern (style/main.css mirrors `decals`).
    pub fn class(&self) -> String {
        match self.mark {
            Mark::Bar => format!("{} decal-{}", self.mark.class(), self.series % DECALS),
            m => m.class().to_string(),
        }
    }

    pub fn color(&self) -> &'static str {
        if self.mark == Mark::Dashed {
            REFERENCE
        } else {
            PALETTE[self.series % PALETTE.len()]
        }
    }
}

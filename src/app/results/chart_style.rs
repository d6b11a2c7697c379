//! The page's side of chart styling: light/dark theme, the legend swatches that mirror the
//! palette and decal patterns of `chart_spec` (the options' own home), and the JS functions the
//! options name (`Func`), such as the `Intl` money formatter echarts calls for axes (plain
//! functions: the page's CSP forbids compiling code from text).
//!
//! Legends and tooltips are Caseboard's own HTML (text, never markup; numbers from the one
//! formatting module), not echarts components: that keeps those echarts components out of the
//! download.

use crate::wire::intl::fmt;
use crate::worker::chart_spec::{DECALS, PALETTE, REFERENCE};
use js_sys::{Function, Number, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

pub fn media(query: &str) -> bool {
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

/// The function an option names (`chart_spec::Func`, described as name and argument). Plain
/// functions, never compiled from text: the page's Content-Security-Policy has no 'unsafe-eval',
/// so `new Function` would throw. Money labels use the formatting module's own `Intl` formatter.
pub fn named_fn(name: &str, arg: &str) -> Option<Function> {
    match name {
        "money" => Some(fmt(arg).money_compact_fn()),
        "money-pow" => Some(power_of_ten(fmt(arg).money_compact_fn())),
        "whole" => Some(WHOLE.with(Clone::clone)),
        "fourth" => Some(FOURTH.with(Clone::clone)),
        _ => None,
    }
}

/// `f` of 10 to the power of the value: the labels of a log scale drawn on a value axis.
fn power_of_ten(f: Function) -> Function {
    Closure::<dyn Fn(JsValue) -> JsValue>::new(move |v: JsValue| {
        let x = 10f64.powf(v.as_f64().unwrap_or(f64::NAN));
        f.call1(&JsValue::NULL, &JsValue::from_f64(x))
            .unwrap_or_else(|_| JsValue::from_str(""))
    })
    .into_js_value()
    .unchecked_into()
}

/// A JS function of one argument made from a Rust closure (made once per page: kept for good).
fn js_fn(f: fn(JsValue) -> JsValue) -> Function {
    Closure::<dyn Fn(JsValue) -> JsValue>::new(f)
        .into_js_value()
        .unchecked_into()
}

thread_local! {
    /// Whole numbers as they are, other ticks unlabelled (axes of counts).
    static WHOLE: Function = js_fn(|v| {
        if Number::is_integer(&v) {
            v.unchecked_into::<Number>()
                .to_string_with_radix(10)
                .map(JsValue::from)
                .unwrap_or_else(|_| JsValue::from_str(""))
        } else {
            JsValue::from_str("")
        }
    });
    /// The fourth value of a data item (a bubble's size).
    static FOURTH: Function = js_fn(|d| Reflect::get_u32(&d, 3).unwrap_or(JsValue::UNDEFINED));
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

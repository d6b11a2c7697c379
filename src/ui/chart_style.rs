//! The page's side of chart styling: light/dark theme, the legend swatches that mirror the
//! palette and decal patterns of `chart_spec` (the options' own home), and the JS functions the
//! options name (`Func`), such as the `Intl` money formatter echarts calls for axes.
//!
//! Legends and tooltips are Caseboard's own HTML (text, never markup; numbers from the one
//! formatting module), not echarts components: that keeps about 14 KB gzip of echarts out of the
//! download.

use super::format::well_formed_currency;
use crate::chart_spec::{DECALS, PALETTE, REFERENCE};
use js_sys::Function;
use js_sys::Reflect;
use wasm_bindgen::JsValue;

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

/// The function an option names (`chart_spec::Func`, described as name and argument).
pub fn named_fn(name: &str, arg: &str) -> Option<Function> {
    match name {
        "money" => Some(compact_money_fn(arg)),
        "whole" => Some(js_fn("v", "return Number.isInteger(v) ? String(v) : '';")),
        "fourth" => Some(js_fn("d", "return d[3];")),
        _ => None,
    }
}

/// A JS function (echarts calls them for formatters and sizes).
fn js_fn(args: &str, body: &str) -> Function {
    Function::new_with_args(args, body)
}

/// A JS function formatting axis values as compact money in `currency` ("$1.2M"). The code is
/// checked first (it is compiled into the function's text); anything else gets plain numbers.
fn compact_money_fn(currency: &str) -> Function {
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

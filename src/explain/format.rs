//! The one home for number formatting: the browser's `Intl.NumberFormat` for the scenario's
//! currency and the user's locale, in the page's views and in the worker's texts (the
//! simulation's report, chart tables and tips). Formatters are built once per currency and
//! cached. Browser only.

use crate::model::QuantityFormat;
use js_sys::{Array, Function, Intl, Object, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// A currency code `Intl` accepts without throwing: three ASCII letters. Anything else (an invalid
/// draft) formats as a plain number with the code after it.
pub fn well_formed_currency(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// How a number is put back into an input: plain digits, no grouping, no float noise.
pub fn edit_text(v: Option<f64>) -> String {
    match v {
        None => String::new(),
        Some(v) => {
            // JavaScript's shortest round-trip form ("85000", "0.3", "1e+21"), not Rust's float
            // formatting, which would add its tables to the download.
            let r = (v * 1e9).round() / 1e9;
            js_sys::Number::from(r)
                .to_string_with_radix(10)
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default()
        }
    }
}

/// Whether the user's locale writes decimals with a comma (1,5): number input then refuses
/// "1,500" and "1.500" as ambiguous instead of guessing (`model::input`).
pub fn decimal_comma() -> bool {
    thread_local! {
        static COMMA: bool = {
            let format = Intl::NumberFormat::new(&Array::new(), &Object::new()).format();
            call(&format, 1.5).contains(',')
        };
    }
    COMMA.with(|c| *c)
}

/// "1st", "2nd", "3rd", "11th", "22nd".
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

pub struct Fmt {
    currency: String,
    money: Function,
    money_cents: Function,
    money_compact: Function,
    number: Function,
    number0: Function,
    number1: Function,
    number2: Function,
    compact: Function,
}

fn formatter(options: &[(&str, JsValue)]) -> Function {
    let opts = Object::new();
    for (k, v) in options {
        let _ = Reflect::set(&opts, &JsValue::from_str(k), v);
    }
    Intl::NumberFormat::new(&Array::new(), &opts).format()
}

fn call(f: &Function, v: f64) -> String {
    f.call1(&JsValue::NULL, &JsValue::from_f64(v))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| edit_text(Some(v)))
}

impl Fmt {
    fn new(currency: &str) -> Fmt {
        let s = |v: &str| JsValue::from_str(v);
        let n = |v: f64| JsValue::from_f64(v);
        let money_style: Vec<(&str, JsValue)> = if well_formed_currency(currency) {
            vec![("style", s("currency")), ("currency", s(currency))]
        } else {
            vec![]
        };
        let with = |extra: &[(&'static str, JsValue)]| {
            let mut o = money_style.clone();
            o.extend_from_slice(extra);
            formatter(&o)
        };
        Fmt {
            currency: currency.to_string(),
            money: with(&[
                ("maximumFractionDigits", n(0.0)),
                ("minimumFractionDigits", n(0.0)),
            ]),
            money_cents: with(&[("maximumFractionDigits", n(2.0))]),
            money_compact: with(&[
                ("notation", s("compact")),
                ("maximumSignificantDigits", n(3.0)),
            ]),
            number: formatter(&[("maximumFractionDigits", n(3.0))]),
            number0: formatter(&[("maximumFractionDigits", n(0.0))]),
            number1: formatter(&[("maximumFractionDigits", n(1.0))]),
            number2: formatter(&[
                ("maximumFractionDigits", n(2.0)),
                ("minimumFractionDigits", n(2.0)),
            ]),
            compact: formatter(&[
                ("notation", s("compact")),
                ("maximumSignificantDigits", n(3.0)),
            ]),
        }
    }

    fn suffix_code(&self, s: String) -> String {
        if well_formed_currency(&self.currency) {
            s
        } else {
            format!("{s} {}", self.currency)
        }
    }

    /// Whole money: "$144,110". Amounts under 100 keep their cents: "$65.50".
    pub fn money(&self, v: f64) -> String {
        let f = if v.abs() < 100.0 && (v * 100.0).round() % 100.0 != 0.0 {
            &self.money_cents
        } else {
            &self.money
        };
        self.suffix_code(call(f, v))
    }

    /// Compact money for chart axes: "$1.2M".
    pub fn money_compact(&self, v: f64) -> String {
        self.suffix_code(call(&self.money_compact, v))
    }

    /// A plain number with up to three decimals: "1,234.5".
    pub fn number(&self, v: f64) -> String {
        call(&self.number, v)
    }

    /// The compact money formatter itself (`Intl`'s bound `format`), for chart axis labels: in the
    /// currency when its code is well formed, else plain compact numbers (the axis names the code).
    pub fn money_compact_fn(&self) -> Function {
        self.money_compact.clone()
    }

    /// A compact number: "12K".
    pub fn compact(&self, v: f64) -> String {
        call(&self.compact, v)
    }

    /// A percent number (80 → "80%"), up to one decimal, or up to three below 1 point.
    pub fn percent(&self, pct: f64) -> String {
        let digits = if pct.abs() >= 100.0 || pct.fract() == 0.0 {
            0
        } else if pct.abs() < 1.0 || (pct > 99.0 && pct < 100.0) {
            3
        } else {
            1
        };
        let f = match digits {
            0 => &self.number0,
            1 => &self.number1,
            _ => &self.number,
        };
        format!("{}%", call(f, pct))
    }

    pub fn months(&self, m: f64) -> String {
        let m = (m * 10.0).round() / 10.0;
        if m == 1.0 {
            "1 month".into()
        } else {
            format!("{} months", self.number(m))
        }
    }
}

impl QuantityFormat for Fmt {
    fn money(&self, v: f64) -> String {
        Fmt::money(self, v)
    }

    fn number(&self, v: f64) -> String {
        Fmt::number(self, v)
    }

    fn fixed2(&self, v: f64) -> String {
        call(&self.number2, v)
    }

    fn percent(&self, v: f64) -> String {
        Fmt::percent(self, v)
    }

    fn months(&self, v: f64) -> String {
        Fmt::months(self, v)
    }
}

thread_local! {
    static CACHE: RefCell<Option<Rc<Fmt>>> = const { RefCell::new(None) };
}

/// The formatter for a currency (cached; rebuilt when the currency changes).
pub fn fmt(currency: &str) -> Rc<Fmt> {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        match c.as_ref() {
            Some(f) if f.currency == currency => f.clone(),
            _ => {
                let f = Rc::new(Fmt::new(currency));
                *c = Some(f.clone());
                f
            }
        }
    })
}

/// Formats an optional figure, with words for a missing one.
pub fn or_dash(v: Option<String>, missing: &str) -> String {
    v.unwrap_or_else(|| missing.to_string())
}

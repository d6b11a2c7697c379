//! The browser's number formatting: `Intl.NumberFormat` for the scenario's currency and the
//! user's locale, as the [`NumberFormat`] the page's views and the workers' words use.
//! Formatters are built once per currency and cached. Browser only.

use crate::explain::format::NumberFormat;
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

pub struct Fmt {
    currency: String,
    money: Function,
    money_cents: Function,
    money_compact: Function,
    number: Function,
    number0: Function,
    number1: Function,
    number2: Function,
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
        }
    }

    fn suffix_code(&self, s: String) -> String {
        if well_formed_currency(&self.currency) {
            s
        } else {
            format!("{s} {}", self.currency)
        }
    }

    /// The compact money formatter itself (`Intl`'s bound `format`), for chart axis labels: in the
    /// currency when its code is well formed, else plain compact numbers (the axis names the code).
    pub fn money_compact_fn(&self) -> Function {
        self.money_compact.clone()
    }
}

impl NumberFormat for Fmt {
    fn money_whole(&self, v: f64) -> String {
        self.suffix_code(call(&self.money, v))
    }

    fn money_cents(&self, v: f64) -> String {
        self.suffix_code(call(&self.money_cents, v))
    }

    fn money_compact(&self, v: f64) -> String {
        self.suffix_code(call(&self.money_compact, v))
    }

    fn decimals(&self, v: f64, digits: u8) -> String {
        let f = match digits {
            0 => &self.number0,
            1 => &self.number1,
            _ => &self.number,
        };
        call(f, v)
    }

    fn fixed2(&self, v: f64) -> String {
        call(&self.number2, v)
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

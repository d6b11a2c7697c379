//! The protocol's neutral form as JS objects and back (what `postMessage` carries), and the JS
//! helpers the page's storage uses (the flat form as a JS array, message objects). Browser only.

use super::value::Value;
use crate::formats::flat::Tok;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A value as a JS value: objects, arrays, numbers, texts, booleans, null.
pub fn to_js(v: &Value) -> JsValue {
    match v {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Num(n) => JsValue::from_f64(*n),
        Value::Text(s) => JsValue::from_str(s),
        Value::List(items) => items.iter().map(to_js).collect::<Array>().into(),
        Value::Map(fields) => {
            let o = Object::new();
            for (k, v) in fields {
                let _ = Reflect::set(&o, &JsValue::from_str(k), &to_js(v));
            }
            o.into()
        }
        Value::Opaque(js) => js.clone(),
    }
}

/// A JS value as a value (anything else, such as a function, reads as null). A field named
/// `option` stays a JS object as it is (`Value::Opaque`: the echarts option a chart reply carries).
pub fn from_js(v: &JsValue) -> Value {
    if v.is_null() || v.is_undefined() {
        Value::Null
    } else if let Some(b) = v.as_bool() {
        Value::Bool(b)
    } else if let Some(n) = v.as_f64() {
        Value::Num(n)
    } else if let Some(s) = v.as_string() {
        Value::Text(s)
    } else if Array::is_array(v) {
        Value::List(Array::from(v).iter().map(|x| from_js(&x)).collect())
    } else if let Some(o) = v.dyn_ref::<Object>().filter(|_| !v.is_function()) {
        Value::Map(
            Object::keys(o)
                .iter()
                .filter_map(|k| {
                    let key = k.as_string()?;
                    let x = Reflect::get(v, &k).ok()?;
                    let value = match key.as_str() {
                        "option" => Value::Opaque(x),
                        _ => from_js(&x),
                    };
                    Some((key, value))
                })
                .collect(),
        )
    } else {
        Value::Null
    }
}

/// The worker's script, beside `index.html` (Trunk builds `src/bin/persist.rs` into it).
pub const WORKER_URL: &str = "./persist_loader.js";

/// The workbook worker's script (`src/bin/workbook.rs`), loaded when a workbook is first asked for.
pub const WORKBOOK_URL: &str = "./workbook_loader.js";

pub fn flat_to_js(toks: &[Tok]) -> Array {
    toks.iter()
        .map(|t| match t {
            Tok::Num(v) => JsValue::from_f64(*v),
            Tok::Text(s) => JsValue::from_str(s),
            Tok::Nil => JsValue::NULL,
        })
        .collect()
}

/// `None` when `v` is not an array of numbers, texts and nulls.
pub fn flat_from_js(v: &JsValue) -> Option<Vec<Tok>> {
    if !Array::is_array(v) {
        return None;
    }
    Array::from(v)
        .iter()
        .map(|x| {
            if let Some(n) = x.as_f64() {
                Some(Tok::Num(n))
            } else if let Some(s) = x.as_string() {
                Some(Tok::Text(s))
            } else {
                x.is_null().then_some(Tok::Nil)
            }
        })
        .collect()
}

/// A message: an object with these fields.
pub fn message(fields: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in fields {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

pub fn field(msg: &JsValue, key: &str) -> JsValue {
    Reflect::get(msg, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `promise.then(ok, err)`, with `ok` and `err` JS functions; false when `promise` has no `then`.
pub fn then(promise: &JsValue, ok: &JsValue, err: &JsValue) -> bool {
    field(promise, "then")
        .dyn_into::<js_sys::Function>()
        .is_ok_and(|t| t.call2(promise, ok, err).is_ok())
}

/// The texts of a JS array (empty for anything else; a non-text item reads as empty).
pub fn texts(v: &JsValue) -> Vec<String> {
    v.dyn_ref::<Array>()
        .map(|a| {
            a.iter()
                .map(|x| x.as_string().unwrap_or_default())
                .collect()
        })
        .unwrap_or_default()
}

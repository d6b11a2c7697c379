//! The neutral form every message is encoded to and decoded from: numbers, texts, lists and
//! named fields, nothing browser-specific (`js` turns it into a JS object and back), so the
//! protocol is tested natively.

/// Something only the browser can hold, passed through a message as it is: the echarts option
/// the worker builds (`worker::chart_spec`). Natively a placeholder, so that the protocol
/// compiles and round-trips in tests.
#[cfg(target_arch = "wasm32")]
pub type Opaque = wasm_bindgen::JsValue;

/// Something only the browser can hold (see the browser's definition); natively nothing.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Opaque;

#[derive(Clone, Debug, PartialEq, Default)]
pub enum Value {
    /// A missing or null field.
    #[default]
    Null,
    Bool(bool),
    Num(f64),
    Text(String),
    List(Vec<Value>),
    /// Named fields, in order.
    Map(Vec<(String, Value)>),
    Opaque(Opaque),
}

static NULL: Value = Value::Null;

impl Value {
    /// An object of these fields (a `Null` field is left out).
    pub fn map(fields: Vec<(&str, Value)>) -> Value {
        Value::Map(
            fields
                .into_iter()
                .filter(|(_, v)| *v != Value::Null)
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    pub fn text(s: &str) -> Value {
        Value::Text(s.to_string())
    }

    pub fn texts(v: &[String]) -> Value {
        Value::List(v.iter().map(|s| Value::text(s)).collect())
    }

    pub fn nums(v: &[f64]) -> Value {
        Value::List(v.iter().map(|x| Value::Num(*x)).collect())
    }

    /// Field `key` of an object (`Null` when missing or not an object).
    pub fn get(&self, key: &str) -> &Value {
        match self {
            Value::Map(fields) => fields
                .iter()
                .find(|(k, _)| k == key)
                .map_or(&NULL, |(_, v)| v),
            _ => &NULL,
        }
    }

    pub fn num(&self) -> Option<f64> {
        match self {
            Value::Num(v) => Some(*v),
            _ => None,
        }
    }

    /// A whole number from 0 to 2^53 (a revision, an index, a count).
    pub fn whole(&self) -> Option<u64> {
        self.num()
            .filter(|v| v.fract() == 0.0 && (0.0..=9_007_199_254_740_992.0).contains(v))
            .map(|v| v as u64)
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The items of a list (none for anything else).
    pub fn items(&self) -> &[Value] {
        match self {
            Value::List(v) => v,
            _ => &[],
        }
    }

    /// The texts of a list: `None` unless it is a list of texts.
    pub fn as_texts(&self) -> Option<Vec<String>> {
        match self {
            Value::List(v) => v.iter().map(|x| x.as_text().map(String::from)).collect(),
            _ => None,
        }
    }
}

//! The page starts from the built-in example as a flat list in JSON (`EXAMPLE_FLAT_JSON`), which
//! costs less download than the code that builds it; this keeps the two the same.

use caseboard::formats::flat::{self, Tok};
use caseboard::model::{example_scenario, EXAMPLE_FLAT_JSON};
use serde_json::Value;

fn to_json(toks: &[Tok]) -> String {
    let v: Vec<Value> = toks
        .iter()
        .map(|t| match t {
            Tok::Num(n) => serde_json::Number::from_f64(*n).map_or(Value::Null, Value::Number),
            Tok::Text(s) => Value::String(s.clone()),
            Tok::Nil => Value::Null,
        })
        .collect();
    serde_json::to_string(&v).unwrap()
}

#[test]
fn the_pages_example_is_the_example_scenario() {
    let want = to_json(&flat::write(&example_scenario()));
    assert_eq!(
        EXAMPLE_FLAT_JSON, want,
        "update EXAMPLE_FLAT_JSON in src/model/example.rs to:\n{want}"
    );
    let toks: Vec<Tok> = serde_json::from_str::<Vec<Value>>(EXAMPLE_FLAT_JSON)
        .unwrap()
        .into_iter()
        .map(|v| match v {
            Value::Number(n) => Tok::Num(n.as_f64().unwrap()),
            Value::String(s) => Tok::Text(s),
            _ => Tok::Nil,
        })
        .collect();
    assert_eq!(flat::read(&toks), Some(example_scenario()));
}

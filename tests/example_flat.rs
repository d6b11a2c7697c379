//! The page starts from the built-in example as a flat list in JSON (`EXAMPLE_FLAT_JSON`), which
//! costs less download than the code that builds it; this keeps the two the same.

use caseboard::formats::flat::{self, Tok};
use caseboard::model::example::{one_year_later, YEAR_LATER_FLAT_JSON};
use caseboard::model::{example_scenario, EXAMPLE_FLAT_JSON};
use serde_json::Value;

/// The flat form's JSON back as tokens.
fn toks_of(json: &str) -> Vec<Tok> {
    serde_json::from_str::<Vec<Value>>(json)
        .unwrap()
        .into_iter()
        .map(|v| match v {
            Value::Number(n) => Tok::Num(n.as_f64().unwrap()),
            Value::String(s) => Tok::Text(s),
            _ => Tok::Nil,
        })
        .collect()
}

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
    let toks = toks_of(EXAMPLE_FLAT_JSON);
    assert_eq!(flat::read(&toks), Some(example_scenario()));
}

/// The example the page starts from has the figures an independent oracle computes from its
/// inputs: it reads as the same scenario as tests/fixtures/saved/v4-example-with-portfolio.json
/// (a fixture kept as written, the example with its portfolio), whose figures
/// tools/gen_figure_fixtures.py computed (tests/fixtures/saved_figures.json).
#[test]
fn the_pages_example_has_the_oracles_figures() {
    use caseboard::formats::saved;
    use caseboard::model::evaluate;
    let toks = toks_of(EXAMPLE_FLAT_JSON);
    let page = flat::read(&toks).unwrap();
    let frozen = include_str!("fixtures/saved/v4-example-with-portfolio.json");
    assert_eq!(page, saved::from_json(frozen).unwrap().scenario);

    let oracle: Value = serde_json::from_str(include_str!("fixtures/saved_figures.json")).unwrap();
    let want = oracle["fixtures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "v4-example-with-portfolio.json")
        .unwrap()["initiatives"]
        .as_array()
        .unwrap()
        .clone();
    let eval = evaluate(&page).unwrap();
    assert_eq!(eval.initiatives.len(), want.len());
    let close = |got: f64, want: &Value| {
        let w = want.as_f64().unwrap();
        (got - w).abs() <= 1e-9 * w.abs().max(1.0)
    };
    for (r, w) in eval.initiatives.iter().zip(&want) {
        assert_eq!(r.id, w["id"].as_str().unwrap());
        assert!(close(r.annual_value, &w["annual_value"]), "{}", r.id);
        assert!(close(r.npv.value.unwrap(), &w["npv"]), "{}", r.id);
        assert!(close(r.irr.value.unwrap(), &w["irr_pct"]), "{}", r.id);
        assert!(close(r.score.value.unwrap(), &w["score"]), "{}", r.id);
    }
    // The first initiative by hand (README): 200 h/month × 12 × $65 × 80% × 75% = $93,600/yr and
    // 40 h/week × 52 × $55 × 90% × 50% = $51,480/yr.
    let by_hand = 200.0 * 12.0 * 65.0 * 0.80 * 0.75 + 40.0 * 52.0 * 55.0 * 0.90 * 0.50;
    assert!((eval.initiatives[0].annual_value - by_hand).abs() < 1e-6);
}

/// The "one year later" example, carried the same way (its building code stays out of the page).
#[test]
fn the_pages_year_later_example_is_one_year_later() {
    let want = to_json(&flat::write(&one_year_later()));
    assert_eq!(
        YEAR_LATER_FLAT_JSON, want,
        "update YEAR_LATER_FLAT_JSON in src/model/example.rs to:\n{want}"
    );
    let toks = toks_of(YEAR_LATER_FLAT_JSON);
    assert_eq!(flat::read(&toks), Some(one_year_later()));
}

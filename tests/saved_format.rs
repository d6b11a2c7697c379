//! The saved format through serde (issue 14): a field that cannot be read is restored with a
//! note, structural damage is refused, repairs are bounded, and fields Caseboard does not know
//! survive loading, the page's flat form, an edit and saving.
#![cfg(not(target_arch = "wasm32"))]

use caseboard::formats::saved::MAX_REPAIRS;
use caseboard::formats::{flat, link, saved};
use caseboard::model::*;
use serde_json::{json, Value};

fn file(data: Value) -> String {
    json!({"format": "caseboard", "version": 2, "data": data}).to_string()
}

fn one_initiative(fields: Value) -> String {
    let mut i = json!({"id": "a", "name": "A", "benefits": [
        {"label": "b", "kind": "cost_avoided", "amount_per_year": 1000}
    ]});
    for (k, v) in fields.as_object().unwrap() {
        i[k] = v.clone();
    }
    file(json!({"name": "S", "initiatives": [i]}))
}

#[test]
fn a_field_that_cannot_be_read_opens_with_its_default_and_a_note() {
    let loaded = saved::from_json(&one_initiative(json!({"one_time_cost": "abc"}))).unwrap();
    assert_eq!(
        loaded.scenario.initiatives[0].one_time_cost,
        Estimate::point(0.0)
    );
    assert_eq!(loaded.notes.len(), 1);
    assert!(
        loaded.notes[0].starts_with("data.initiatives[0].one_time_cost could not be read")
            && loaded.notes[0].contains("found the string \"abc\""),
        "{:?}",
        loaded.notes
    );
    // A score of "x" is left out; the other scores stay.
    let loaded = saved::from_json(&one_initiative(
        json!({"scores": {"effort": "x", "strategic_fit": 4}}),
    ))
    .unwrap();
    let scores = &loaded.scenario.initiatives[0].scores;
    assert_eq!(scores.get("effort"), None);
    assert_eq!(scores.get("strategic_fit"), Some(&4.0));
    assert!(loaded.notes[0].starts_with("data.initiatives[0].scores.effort could not be read"));
    // A category "urgent" reads as the default, operational.
    let loaded = saved::from_json(&one_initiative(json!({"category": "urgent"}))).unwrap();
    assert_eq!(
        loaded.scenario.initiatives[0].category,
        Category::Operational
    );
    assert!(loaded.notes[0].contains("found the string \"urgent\""));
    // A benefit's field, found inside the benefit.
    let text = file(json!({"initiatives": [{"id": "a", "benefits": [
        {"label": "b", "kind": "revenue_gained", "revenue_per_year": 500, "margin_pct": "most"}
    ]}]}));
    let loaded = saved::from_json(&text).unwrap();
    assert_eq!(
        loaded.scenario.initiatives[0].benefits[0].kind,
        BenefitKind::RevenueGained(RevenueGained {
            revenue_per_year: 500.0.into(),
            margin_pct: 30.0.into()
        })
    );
    assert_eq!(
        loaded.notes,
        [
            "data.initiatives[0].benefits[0].margin_pct could not be read (expected a number or \
          {\"low\": …, \"likely\": …, \"high\": …}, found the string \"most\"); it is now 30, \
          its default."
        ]
    );
}

#[test]
fn structural_damage_is_still_refused_with_the_located_message() {
    let refused = |text: &str| saved::from_json(text).unwrap_err().to_string();
    assert_eq!(
        refused(&file(json!({"initiatives": [{"benefits": {}}]}))),
        "data.initiatives[0].benefits: expected a list, found an object"
    );
    assert_eq!(
        refused(&file(json!({"initiatives": [7]}))),
        "data.initiatives[0]: expected an object, found 7"
    );
    assert_eq!(
        refused(&file(
            json!({"initiatives": [{"benefits": [{"label": "x"}]}]})
        )),
        "data.initiatives[0].benefits[0].kind: missing"
    );
    assert_eq!(
        refused(&file(json!({"criteria": "all"}))),
        "data.criteria: expected a list, found the string \"all\""
    );
    assert_eq!(refused("[1]"), saved::SavedError::NotCaseboard.to_string());
}

#[test]
fn repairs_are_bounded() {
    let scores = |n: usize| -> Value {
        // Each initiative: five scores that cannot be read.
        let bad: serde_json::Map<String, Value> =
            (0..5).map(|k| (format!("c{k}"), json!("x"))).collect();
        Value::Array(
            (0..n)
                .map(|k| json!({"id": format!("i{k}"), "scores": bad.clone()}))
                .collect(),
        )
    };
    // 10 initiatives × 5: exactly the bound, opened with a note each.
    let loaded = saved::from_json(&file(json!({"initiatives": scores(MAX_REPAIRS / 5)}))).unwrap();
    assert_eq!(loaded.notes.len(), MAX_REPAIRS);
    // One more is refused, and says why.
    let mut list = scores(MAX_REPAIRS / 5);
    list.as_array_mut()
        .unwrap()
        .push(json!({"id": "last", "one_time_cost": "?"}));
    let e = saved::from_json(&file(json!({ "initiatives": list })))
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with(
            "More than 50 fields could not be read (the last: data.initiatives[10].one_time_cost:"
        ),
        "{e}"
    );
}

/// A file of a newer minor version: fields this version does not know, at every level.
fn newer_file() -> Value {
    json!({"format": "caseboard", "version": 2, "data": {
        "name": "Plan",
        "governance": {"owner": "CIO", "gates": [1, 2.5, null]},
        "simulation": {"trials": 5000, "engine": "v9"},
        "criteria": [{"id": "fit", "name": "Fit", "weight": 1, "direction": "higher_is_better",
                      "source": "board"}],
        "initiatives": [
            {"id": "a", "name": "A", "owner": {"name": "Ana", "since": 2024},
             "benefits": [{"label": "b", "kind": "cost_avoided", "amount_per_year": 10,
                           "evidence": "contract 7"}]},
            {"id": "b", "name": "B"}
        ]
    }})
}

#[test]
fn unknown_fields_survive_load_the_flat_form_an_edit_and_save() {
    let original = newer_file();
    let loaded = saved::from_json(&original.to_string()).unwrap();
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
    // The page's round trip, and an edit there: a name, a new initiative before the others,
    // one removed.
    let mut s = flat::read(&flat::write(&loaded.scenario)).unwrap();
    assert_eq!(s, loaded.scenario);
    s.initiatives[0].name = "A, renamed".into();
    s.initiatives.remove(1);
    s.initiatives.insert(
        0,
        Initiative {
            id: "new".into(),
            ..Initiative::default()
        },
    );
    let s = flat::read(&flat::write(&s)).unwrap();
    let saved: Value = serde_json::from_str(&saved::to_json(&s)).unwrap();
    let d = &saved["data"];
    // Each value byte for byte as the file had it.
    let same = |a: &Value, b: &Value| assert_eq!(a.to_string(), b.to_string());
    let o = &original["data"];
    same(&d["governance"], &o["governance"]);
    same(&d["simulation"]["engine"], &o["simulation"]["engine"]);
    same(&d["criteria"][0]["source"], &o["criteria"][0]["source"]);
    same(&d["initiatives"][1]["owner"], &o["initiatives"][0]["owner"]);
    same(
        &d["initiatives"][1]["benefits"][0]["evidence"],
        &o["initiatives"][0]["benefits"][0]["evidence"],
    );
    assert_eq!(d["initiatives"][1]["name"], "A, renamed");
    assert_eq!(d["initiatives"][0].get("owner"), None);
    // And in a new link.
    let linked = link::decode(&link::encode(&s)).unwrap();
    assert_eq!(linked, s);
}

#[test]
fn the_page_form_of_a_scenario_without_unknown_fields_is_unchanged() {
    // The unknown fields' section is only written when there are some.
    let s = example_scenario();
    let mut with = s.clone();
    with.unknown.0.insert("x".into(), "1".into());
    assert_eq!(flat::write(&with).len(), flat::write(&s).len() + 6);
    assert_eq!(flat::read(&flat::write(&with)), Some(with));
}

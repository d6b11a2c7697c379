//! Limits (issue 13): every reader — share link, saved file or draft, the page↔worker flat form —
//! refuses more than `model::limits` allows before it works on it, and names the limit.
#![cfg(not(target_arch = "wasm32"))]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use caseboard::formats::saved::SavedError;
use caseboard::formats::{flat, link, saved};
use caseboard::model::limits::*;
use caseboard::model::*;
use serde_json::{json, Value};

/// A link carrying this positional form, as a hostile link would be made.
fn link_of(form: &Value) -> String {
    let z = miniz_oxide::deflate::compress_to_vec_zlib(form.to_string().as_bytes(), 10);
    format!("c2.{}", URL_SAFE_NO_PAD.encode(z))
}

/// A saved file with these initiatives (named form).
fn file_with(initiatives: Vec<Value>) -> String {
    json!({"format": "caseboard", "version": 2, "data": {"name": "x", "criteria": [], "initiatives": initiatives}})
        .to_string()
}

fn blank_initiatives(n: usize) -> Vec<Value> {
    (0..n)
        .map(|k| json!({"id": format!("i{k}"), "name": format!("I{k}")}))
        .collect()
}

/// A scenario with `n` initiatives of `benefits` benefits each.
fn scenario_of(n: usize, benefits: usize) -> Scenario {
    let mut s = blank_scenario();
    s.initiatives = (0..n)
        .map(|k| Initiative {
            id: format!("i{k}"),
            name: format!("Initiative {k}"),
            benefits: (0..benefits)
                .map(|_| Benefit {
                    label: "b".into(),
                    kind: BenefitKind::blank("cost_avoided").unwrap(),
                    unknown: Default::default(),
                    sources: Default::default(),
                })
                .collect(),
            ..Initiative::default()
        })
        .collect();
    s
}

#[test]
fn the_issues_hostile_link_of_300000_empty_initiatives_is_refused_by_its_count() {
    // [name, initiatives]: 300,000 empty records, each of which would read as a default one.
    let form = json!(["x", vec![json!([]); 300_000]]);
    let fragment = link_of(&form);
    // A short link (deflate makes the repetition tiny).
    assert!(fragment.len() < 2_000, "{}", fragment.len());
    let e = link::decode(&fragment).unwrap_err().to_string();
    assert_eq!(
        e,
        "This link is over Caseboard's limits: initiatives: holds 300,000 initiatives; Caseboard opens at most 200"
    );
}

#[test]
fn initiatives_up_to_the_limit_open_and_one_more_is_refused_in_every_reader() {
    let at = scenario_of(MAX_INITIATIVES, 1);
    let over = scenario_of(MAX_INITIATIVES + 1, 1);
    // Link.
    assert_eq!(link::decode(&link::encode(&at)).unwrap(), at);
    let e = link::decode(&link::encode(&over)).unwrap_err().to_string();
    assert!(
        e.contains("holds 201 initiatives; Caseboard opens at most 200"),
        "{e}"
    );
    // Saved file (and draft: the same text).
    assert_eq!(saved::from_json(&saved::to_json(&at)).unwrap().scenario, at);
    let e = saved::from_json(&saved::to_json(&over))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("data.initiatives: holds 201 initiatives; Caseboard opens at most 200"),
        "{e}"
    );
    // Flat form.
    assert_eq!(flat::read(&flat::write(&at)), Some(at));
    assert_eq!(flat::read(&flat::write(&over)), None);
}

#[test]
fn benefits_and_criteria_are_limited_too() {
    let at = scenario_of(1, MAX_BENEFITS);
    let over = scenario_of(1, MAX_BENEFITS + 1);
    assert_eq!(link::decode(&link::encode(&at)).unwrap(), at);
    let e = link::decode(&link::encode(&over)).unwrap_err().to_string();
    assert!(
        e.contains("holds 21 benefits per initiative; Caseboard opens at most 20"),
        "{e}"
    );
    assert_eq!(flat::read(&flat::write(&over)), None);

    let mut many = blank_scenario();
    many.criteria = (0..=MAX_CRITERIA)
        .map(|k| Criterion::new(&format!("c{k}"), "C", Direction::HigherIsBetter))
        .collect();
    let e = saved::from_json(&saved::to_json(&many))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("data.criteria: holds 31 criteria; Caseboard opens at most 30"),
        "{e}"
    );
    assert_eq!(flat::read(&flat::write(&many)), None);
    many.criteria.pop();
    assert_eq!(flat::read(&flat::write(&many)), Some(many));
}

#[test]
fn texts_are_limited_by_characters_not_bytes() {
    let mut s = blank_scenario();
    // 200 characters of two bytes each: 400 bytes, within the limit.
    s.name = "é".repeat(MAX_NAME_CHARS);
    assert_eq!(saved::from_json(&saved::to_json(&s)).unwrap().scenario, s);
    assert_eq!(link::decode(&link::encode(&s)).unwrap(), s);
    assert_eq!(flat::read(&flat::write(&s)).as_ref(), Some(&s));
    // The issue's 1 MB name.
    s.name = "x".repeat(1 << 20);
    let e = saved::from_json(&saved::to_json(&s))
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "data.name: is 1,048,576 characters long; Caseboard keeps at most 200"
    );
    let e = link::decode(&link::encode(&s)).unwrap_err().to_string();
    assert!(e.contains("name: is 1,048,576 characters long"), "{e}");
    assert_eq!(flat::read(&flat::write(&s)), None);
    // Notes have their own, larger limit.
    let mut s = scenario_of(1, 0);
    s.initiatives[0].notes = "n".repeat(MAX_NOTES_CHARS);
    assert_eq!(flat::read(&flat::write(&s)).as_ref(), Some(&s));
    s.initiatives[0].notes.push('n');
    let e = saved::from_json(&saved::to_json(&s))
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "data.initiatives[0].notes: is 5,001 characters long; Caseboard keeps at most 5,000"
    );
}

#[test]
fn a_file_larger_than_any_scenario_is_refused_before_it_is_parsed() {
    // The issue's 50 MB file: one huge notes field. Not even valid JSON past the opening (it is
    // refused before it is parsed, so it need not be).
    let text = format!("{{\"notes\": \"{}", "n".repeat(50 << 20));
    match saved::from_json(&text) {
        Err(SavedError::TooBig(m)) => {
            assert_eq!(m, "is 50 MB; Caseboard opens files up to 8 MB")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_largest_scenario_within_the_limits_fits_a_file_and_a_link() {
    // Every count and text at its limit.
    let mut s = scenario_of(MAX_INITIATIVES, MAX_BENEFITS);
    s.name = "n".repeat(MAX_NAME_CHARS);
    s.criteria = (0..MAX_CRITERIA)
        .map(|k| {
            Criterion::new(
                &format!("criterion-{k}"),
                &"c".repeat(MAX_NAME_CHARS),
                Direction::HigherIsBetter,
            )
        })
        .collect();
    let ids: Vec<String> = s.initiatives.iter().map(|i| i.id.clone()).collect();
    for i in &mut s.initiatives {
        i.name = "i".repeat(MAX_NAME_CHARS);
        i.notes = "x".repeat(MAX_NOTES_CHARS);
        i.scores = s.criteria.iter().map(|c| (c.id.clone(), 3.0)).collect();
        i.depends_on = ids
            .iter()
            .filter(|d| **d != i.id)
            .take(3)
            .cloned()
            .collect();
        for b in &mut i.benefits {
            b.label = "b".repeat(MAX_NAME_CHARS);
        }
    }
    let file = saved::to_json(&s);
    assert!(file.len() <= MAX_FILE_BYTES, "{} bytes", file.len());
    assert_eq!(saved::from_json(&file).unwrap().scenario, s);
    assert_eq!(link::decode(&link::encode(&s)).unwrap(), s);
    assert_eq!(flat::read(&flat::write(&s)).as_ref(), Some(&s));
}

#[test]
fn a_file_of_the_issue_with_duplicate_and_empty_ids_keeps_every_initiative_and_says_what_changed() {
    let mut initiatives = blank_initiatives(3);
    initiatives[1]["id"] = json!("i0");
    initiatives[2]["id"] = json!("");
    initiatives[2]["depends_on"] = json!(["i0"]);
    let loaded = saved::from_json(&file_with(initiatives)).unwrap();
    let ids: Vec<&str> = loaded
        .scenario
        .initiatives
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(ids, ["i0", "i0-2", "initiative-1"]);
    // The dependency stays with the first initiative that had the id.
    assert_eq!(loaded.scenario.initiatives[2].depends_on, ["i0"]);
    assert_eq!(
        loaded.notes,
        [
            "The initiative “I1” had the id “i0” of an earlier initiative; it now has “i0-2”.",
            "The initiative “I2” had no id; it now has “initiative-1”.",
        ]
    );
    // Every initiative evaluates (no duplicate-id problem left).
    assert!(validate(&loaded.scenario).is_empty());
}

#[test]
fn duplicate_criterion_ids_keep_each_criterions_scores() {
    // Positional scores follow the criteria's order: after the repair each criterion keeps its
    // own score.
    let mut s = scenario_of(1, 0);
    // Fields after the scores that are not defaults, so the record is written in full.
    s.initiatives[0].notes = "n".into();
    s.initiatives[0].depends_on = vec!["x".into()];
    s.criteria = vec![
        Criterion::new("fit", "Fit", Direction::HigherIsBetter),
        Criterion::new("fit", "Effort", Direction::LowerIsBetter),
    ];
    let mut form: Value = serde_json::from_str(&link::form_json(&s)).unwrap();
    // The initiative's scores, by position: Fit 5, Effort 2.
    form[1][0][7] = json!([5, 2]);
    let (back, notes) = link::decode_noting(&link_of(&form)).unwrap();
    assert_eq!(back.criteria[1].id, "fit-2");
    assert_eq!(back.initiatives[0].scores.get("fit"), Some(&5.0));
    assert_eq!(back.initiatives[0].scores.get("fit-2"), Some(&2.0));
    assert_eq!(notes.len(), 1);
}

#[test]
fn sources_are_limited_in_length_and_count_in_every_reader() {
    let mut s = scenario_of(1, 1);
    s.initiatives[0]
        .sources
        .insert("one_time_cost".into(), "q".repeat(MAX_SOURCE_CHARS));
    s.initiatives[0].benefits[0]
        .sources
        .insert("amount_per_year".into(), "é".repeat(MAX_SOURCE_CHARS));
    assert_eq!(saved::from_json(&saved::to_json(&s)).unwrap().scenario, s);
    assert_eq!(link::decode(&link::encode(&s)).unwrap(), s);
    assert_eq!(flat::read(&flat::write(&s)).as_ref(), Some(&s));
    // One character more, in a benefit's source: refused by each reader, named.
    s.initiatives[0].benefits[0]
        .sources
        .insert("amount_per_year".into(), "é".repeat(MAX_SOURCE_CHARS + 1));
    let e = saved::from_json(&saved::to_json(&s))
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "data.initiatives[0].benefits[0].sources.amount_per_year: is 501 characters long; Caseboard keeps at most 500"
    );
    let e = link::decode(&link::encode(&s)).unwrap_err().to_string();
    assert!(
        e.contains("sources.amount_per_year: is 501 characters long"),
        "{e}"
    );
    assert_eq!(flat::read(&flat::write(&s)), None);
    // More sources than any record has inputs (with room to spare).
    let mut s = scenario_of(1, 0);
    for k in 0..=MAX_SOURCES {
        s.initiatives[0].sources.insert(format!("k{k}"), "x".into());
    }
    let e = saved::from_json(&saved::to_json(&s))
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("data.initiatives[0].sources: "), "{e}");
    assert_eq!(flat::read(&flat::write(&s)), None);
}

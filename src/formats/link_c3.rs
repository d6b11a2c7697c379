//! The compact form of `c3.` links, made from the named form (`named.rs`) and back, with no
//! field list of its own: each record (scenario, simulation settings, criterion, initiative,
//! benefit of each kind) is written as a list of its values in the order serde writes its
//! fields, a field equal to its default as `null` (and left out at the end), a ranged estimate
//! as `[low, likely, high]`, an enumeration as its position in the model's list of values
//! (`choices`), an initiative's scores as a list in criterion order (an object of the scores
//! of no criterion last); fields Caseboard does not know follow as one object after the last
//! known field. Reading turns the lists back into named records, and the named reader
//! does the rest (limits, repairs with notes, unknown fields, ids).
//!
//! Because the order is serde's, reordering a model struct's fields changes this form:
//! `tests/link_frozen.rs` pins it with a `c3.` link written by hand.

use super::named::benefit_order;
use crate::model::scenario::{
    Actual, Baseline, Correlation, Criterion, Decision, Direction, Goal, Initiative, Kpi,
    KpiReading, Portfolio, Scenario, Serves, SimSettings, TolerancePoint, Tracking, YearBudget,
};
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserializer as _, Serialize};
use serde_json::{Map, Value};

/// A record's fields in serde's order, with their defaults (`Null`: absent by default).
pub(crate) type Schema = Vec<(String, Value)>;

/// The fields of `t` in the order serde writes them, with their values.
pub(crate) fn schema_of<T: Serialize>(t: &T) -> Schema {
    struct Keys;
    impl<'de> Visitor<'de> for Keys {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
            let mut keys = Vec::new();
            while let Some(k) = map.next_key::<String>()? {
                map.next_value::<IgnoredAny>()?;
                keys.push(k);
            }
            Ok(keys)
        }
    }
    let text = serde_json::to_string(t).unwrap_or_default();
    let keys = serde_json::Deserializer::from_str(&text)
        .deserialize_map(Keys)
        .unwrap_or_default();
    let values = match serde_json::to_value(t) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    keys.into_iter()
        .map(|k| {
            let v = values.get(&k).cloned().unwrap_or(Value::Null);
            (k, v)
        })
        .collect()
}

struct Schemas {
    /// The saved-format version the form holds: a benefit's `null` is the default of that
    /// version (version 2's are `migrations::VERSION_2_BENEFIT_DEFAULTS` where they changed).
    version: u32,
    scenario: Schema,
    simulation: Schema,
    portfolio: Schema,
    year_budget: Schema,
    criterion: Schema,
    initiative: Schema,
    tracking: Schema,
    goal: Schema,
    correlation: Schema,
    tolerance: Schema,
    kpi: Schema,
    reading: Schema,
    serves: Schema,
    decision: Schema,
    baseline: Schema,
    actual: Schema,
    /// The scenario's criterion ids, in order: the order of each initiative's scores.
    criteria: Vec<String>,
}

/// The schema of a record whose every field is absent by default (read back as serde's
/// default): `full` has each optional field set, so that serde writes them all.
fn all_absent<T: Serialize>(full: &T) -> Schema {
    schema_of(full)
        .into_iter()
        .map(|(k, _)| (k, Value::Null))
        .collect()
}

/// The lists version 5 added to the scenario and to each initiative: in the schema (their
/// place in a record's list) though serde leaves them out when empty.
const VERSION_5_LISTS: [&str; 7] = [
    "goals",
    "serves",
    "decisions",
    "baselines",
    "actuals",
    "correlations",
    "risk_tolerance",
];

impl Schemas {
    fn new() -> Self {
        // The lists version 5 added, each with one item so that serde writes it; read back
        // as absent (empty) when left out.
        let listed = |schema: Schema| -> Schema {
            schema
                .into_iter()
                .map(|(k, d)| {
                    if VERSION_5_LISTS.contains(&k.as_str()) {
                        (k, Value::Null)
                    } else {
                        (k, d)
                    }
                })
                .collect()
        };
        let scenario = listed(schema_of(&Scenario {
            goals: vec![Goal::default()],
            correlations: vec![Correlation::default()],
            risk_tolerance: vec![TolerancePoint::default()],
            ..Scenario::default()
        }));
        let initiative = listed(schema_of(&Initiative {
            serves: vec![Serves::default()],
            decisions: vec![Decision::default()],
            baselines: vec![Baseline::default()],
            actuals: vec![Actual::default()],
            ..Initiative::default()
        }));
        Schemas {
            version: super::saved::CURRENT_VERSION,
            criteria: ids(scenario
                .iter()
                .find(|(k, _)| k == "criteria")
                .map(|(_, d)| d)),
            scenario,
            simulation: schema_of(&SimSettings::default()),
            portfolio: schema_of(&Portfolio::default()),
            year_budget: schema_of(&YearBudget {
                one_time: Some(0.0),
                running: Some(0.0),
                total: Some(0.0),
            })
            .into_iter()
            .map(|(k, _)| (k, Value::Null))
            .collect(),
            criterion: schema_of(&Criterion::new("", "", Direction::HigherIsBetter)),
            initiative,
            tracking: schema_of(&Tracking::default()),
            goal: schema_of(&Goal::default()),
            correlation: schema_of(&Correlation::default()),
            tolerance: schema_of(&TolerancePoint::default()),
            kpi: schema_of(&Kpi::default()),
            reading: schema_of(&KpiReading::default()),
            serves: schema_of(&Serves::default()),
            decision: schema_of(&Decision::default()),
            baseline: schema_of(&Baseline::default()),
            actual: all_absent(&Actual {
                one_time: Some(0.0),
                running: Some(0.0),
                adoption_pct: Some(0.0),
                measured: vec![None],
                ..Actual::default()
            }),
        }
    }
}

/// The ids of a named list of criteria.
fn ids(criteria: Option<&Value>) -> Vec<String> {
    match criteria {
        Some(Value::Array(list)) => list
            .iter()
            .map(|c| {
                c.get("id")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The enumerations, by field name: their values in the model's order (`ALL`), each written as
/// its position.
fn choices(field: &str) -> Vec<String> {
    use crate::model::scenario::{
        Better, Category, Distribution, IfLate, Objective, Period, Stage, BENEFIT_KINDS,
    };
    use crate::model::schema::Choice;
    let names = |v: Value| match v {
        Value::Array(a) => a
            .into_iter()
            .map(|x| x.as_str().unwrap_or("").to_string())
            .collect(),
        _ => Vec::new(),
    };
    let json = |t: &dyn erased::Ser| t.value();
    match field {
        "category" => names(json(&Category::ALL)),
        "distribution" => names(json(&Distribution::ALL)),
        "per" => names(json(&Period::ALL)),
        "objective" => names(json(&<Objective as Choice>::ALL)),
        "if_late" => names(json(&<IfLate as Choice>::ALL)),
        "stage" => names(json(&<Stage as Choice>::ALL)),
        "better" => names(json(&<Better as Choice>::ALL)),
        "direction" => names(json(&[Direction::HigherIsBetter, Direction::LowerIsBetter])),
        "kind" => BENEFIT_KINDS.iter().map(|k| k.to_string()).collect(),
        _ => Vec::new(),
    }
}

mod erased {
    pub trait Ser {
        fn value(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn value(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap_or_default()
        }
    }
}

fn code(field: &str, v: &Value) -> Value {
    match v
        .as_str()
        .and_then(|s| choices(field).iter().position(|c| c == s))
    {
        Some(n) => Value::from(n),
        None => v.clone(),
    }
}

fn name(field: &str, v: &Value) -> Value {
    match v
        .as_u64()
        .and_then(|n| choices(field).get(n as usize).cloned())
    {
        Some(s) => Value::from(s),
        None => v.clone(),
    }
}

/// Scores by criterion id as a list in criterion order (the others in an object after).
fn pack_scores(criteria: &[String], v: &Value) -> Value {
    let Value::Object(scores) = v else {
        return v.clone();
    };
    let mut out: Vec<Value> = criteria
        .iter()
        .map(|id| scores.get(id).cloned().unwrap_or(Value::Null))
        .collect();
    let extra: Map<String, Value> = scores
        .iter()
        .filter(|(k, _)| !criteria.contains(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if extra.is_empty() {
        while out.last() == Some(&Value::Null) {
            out.pop();
        }
    } else {
        out.push(Value::Object(extra));
    }
    Value::Array(out)
}

fn unpack_scores(criteria: &[String], v: &Value) -> Value {
    let Value::Array(listed) = v else {
        return v.clone();
    };
    let mut out = Map::new();
    for (n, s) in listed.iter().enumerate() {
        match (criteria.get(n), s) {
            (_, Value::Object(extra)) if n + 1 == listed.len() => {
                for (k, x) in extra {
                    out.entry(k.clone()).or_insert_with(|| x.clone());
                }
            }
            (Some(_), Value::Null) => {}
            (Some(id), s) => {
                out.insert(id.clone(), s.clone());
            }
            // More scores than criteria: not a list the writer makes.
            (None, _) => return v.clone(),
        }
    }
    Value::Object(out)
}

fn same(a: &Value, b: &Value) -> bool {
    super::named::same(a, b)
}

/// A record of the named form as a list.
fn pack(sc: &Schemas, record: &Value, schema: &Schema) -> Value {
    let Value::Object(fields) = record else {
        return record.clone();
    };
    let mut out: Vec<Value> = schema
        .iter()
        .map(|(k, d)| match fields.get(k) {
            None => Value::Null,
            // The kind stays: it says which fields follow.
            Some(v) if k != "kind" && same(v, d) => Value::Null,
            Some(v) => pack_field(sc, k, v),
        })
        .collect();
    while out.last() == Some(&Value::Null) {
        out.pop();
    }
    let unknown: Map<String, Value> = fields
        .iter()
        .filter(|(k, _)| !schema.iter().any(|(s, _)| s == *k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if !unknown.is_empty() {
        out.resize(schema.len(), Value::Null);
        out.push(Value::Object(unknown));
    }
    Value::Array(out)
}

fn pack_field(sc: &Schemas, key: &str, v: &Value) -> Value {
    let list = |v: &Value, f: &dyn Fn(&Value) -> Value| match v {
        Value::Array(items) => Value::Array(items.iter().map(f).collect()),
        v => v.clone(),
    };
    match (key, v) {
        ("criteria", v) => list(v, &|c| pack(sc, c, &sc.criterion)),
        ("initiatives", v) => list(v, &|i| pack(sc, i, &sc.initiative)),
        ("benefits", v) => list(v, &|b| pack(sc, b, &benefit_schema(b, sc.version))),
        ("simulation", v) => pack(sc, v, &sc.simulation),
        ("portfolio", v) => pack(sc, v, &sc.portfolio),
        ("budgets", v) => list(v, &|b| pack(sc, b, &sc.year_budget)),
        ("tracking", v) => pack(sc, v, &sc.tracking),
        ("goals", v) => list(v, &|g| pack(sc, g, &sc.goal)),
        ("correlations", v) => list(v, &|c| pack(sc, c, &sc.correlation)),
        ("risk_tolerance", v) => list(v, &|p| pack(sc, p, &sc.tolerance)),
        ("kpis", v) => list(v, &|k| pack(sc, k, &sc.kpi)),
        ("readings", v) => list(v, &|r| pack(sc, r, &sc.reading)),
        ("serves", v) => list(v, &|x| pack(sc, x, &sc.serves)),
        ("decisions", v) => list(v, &|x| pack(sc, x, &sc.decision)),
        ("baselines", v) => list(v, &|x| pack(sc, x, &sc.baseline)),
        ("actuals", v) => list(v, &|x| pack(sc, x, &sc.actual)),
        ("scores", v) => pack_scores(&sc.criteria, v),
        (
            "category" | "direction" | "distribution" | "per" | "kind" | "objective" | "if_late"
            | "stage" | "better",
            v,
        ) => code(key, v),
        (_, Value::Object(o)) if o.contains_key("likely") => {
            let get = |k: &str| o.get(k).cloned().unwrap_or(Value::Null);
            Value::Array(vec![get("low"), get("likely"), get("high")])
        }
        (_, v) => v.clone(),
    }
}

/// A benefit's schema: its kind's fields (the optional hourly rate absent by default), or only
/// the label and kind when the kind is unknown; with the defaults of saved-format `version`.
fn benefit_schema(b: &Value, version: u32) -> Schema {
    let kind = match b {
        Value::Object(o) => o.get("kind"),
        Value::Array(a) => a.get(1),
        _ => None,
    };
    let kind = kind.map(|k| name("kind", k));
    let kind = kind.as_ref().and_then(Value::as_str).unwrap_or("");
    let mut schema = benefit_order(kind);
    if version <= 2 {
        for (k, field, v) in super::migrations::VERSION_2_BENEFIT_DEFAULTS {
            if k == kind {
                for (_, d) in schema.iter_mut().filter(|(f, _)| f == field) {
                    *d = Value::from(v);
                }
            }
        }
    }
    schema
}

/// A list of the compact form as a record of the named form.
fn unpack(sc: &Schemas, record: &Value, schema: &Schema) -> Value {
    let Value::Array(values) = record else {
        return record.clone();
    };
    let mut out = Map::new();
    for (n, v) in values.iter().enumerate() {
        match (schema.get(n), v) {
            (Some((k, d)), Value::Null) => {
                if !d.is_null() {
                    out.insert(k.clone(), d.clone());
                }
            }
            (Some((k, _)), v) => {
                out.insert(k.clone(), unpack_field(sc, k, v));
            }
            (None, Value::Object(unknown)) if n + 1 == values.len() => {
                for (k, v) in unknown {
                    if !out.contains_key(k) && !schema.iter().any(|(s, _)| s == k) {
                        out.insert(k.clone(), v.clone());
                    }
                }
            }
            // More values than the record has fields: the named reader cannot see them, so
            // they are kept under a name that says so.
            (None, v) => {
                out.insert(format!("_extra_{n}"), v.clone());
            }
        }
    }
    for (k, d) in schema.iter().skip(values.len()) {
        if !d.is_null() {
            out.insert(k.clone(), d.clone());
        }
    }
    Value::Object(out)
}

fn unpack_field(sc: &Schemas, key: &str, v: &Value) -> Value {
    let list = |v: &Value, f: &dyn Fn(&Value) -> Value| match v {
        Value::Array(items) => Value::Array(items.iter().map(f).collect()),
        v => v.clone(),
    };
    match (key, v) {
        ("criteria", v) => list(v, &|c| unpack(sc, c, &sc.criterion)),
        ("initiatives", v) => list(v, &|i| unpack(sc, i, &sc.initiative)),
        ("benefits", v) => list(v, &|b| unpack(sc, b, &benefit_schema(b, sc.version))),
        ("simulation", v) => unpack(sc, v, &sc.simulation),
        ("portfolio", v) => unpack(sc, v, &sc.portfolio),
        ("budgets", v) => list(v, &|b| unpack(sc, b, &sc.year_budget)),
        ("tracking", v) => unpack(sc, v, &sc.tracking),
        ("goals", v) => list(v, &|g| unpack(sc, g, &sc.goal)),
        ("correlations", v) => list(v, &|c| unpack(sc, c, &sc.correlation)),
        ("risk_tolerance", v) => list(v, &|p| unpack(sc, p, &sc.tolerance)),
        ("kpis", v) => list(v, &|k| unpack(sc, k, &sc.kpi)),
        ("readings", v) => list(v, &|r| unpack(sc, r, &sc.reading)),
        ("serves", v) => list(v, &|x| unpack(sc, x, &sc.serves)),
        ("decisions", v) => list(v, &|x| unpack(sc, x, &sc.decision)),
        ("baselines", v) => list(v, &|x| unpack(sc, x, &sc.baseline)),
        ("actuals", v) => list(v, &|x| unpack(sc, x, &sc.actual)),
        ("scores", v) => unpack_scores(&sc.criteria, v),
        (
            "category" | "direction" | "distribution" | "per" | "kind" | "objective" | "if_late"
            | "stage" | "better",
            v,
        ) => name(key, v),
        // Lists of plain values (three of them are no estimate): dependencies, measures, the
        // estimates a correlation names.
        ("depends_on" | "measured" | "inputs", v) => v.clone(),
        (_, Value::Array(a)) if a.len() == 3 => {
            let mut o = Map::new();
            for (k, x) in ["low", "likely", "high"].iter().zip(a) {
                if !x.is_null() {
                    o.insert(k.to_string(), x.clone());
                }
            }
            Value::Object(o)
        }
        (_, v) => v.clone(),
    }
}

/// The named form of a scenario as the compact form.
pub(crate) fn compact(data: &Value) -> Value {
    let mut sc = Schemas::new();
    if let Some(c) = data.get("criteria") {
        sc.criteria = ids(Some(c));
    }
    pack(&sc, data, &sc.scenario)
}

/// The compact form of saved-format `version` back in the named form (that version's defaults
/// filled in).
pub(crate) fn expand(form: &Value, version: u32) -> Value {
    let mut sc = Schemas::new();
    sc.version = version;
    if version <= 4 {
        // Version 5's fields were not in the lists of older links: without them, every later
        // field keeps its position.
        let added = |k: &str| {
            k == "tracking"
                || VERSION_5_LISTS.contains(&k)
                || super::migrations::VERSION_5_INITIATIVE_FIELDS.contains(&k)
        };
        sc.scenario.retain(|(k, _)| !added(k));
        sc.initiative.retain(|(k, _)| !added(k));
    }
    if version <= 3 {
        // Nor version 4's in those before.
        let added = |k: &str| {
            k == "portfolio" || super::migrations::VERSION_4_INITIATIVE_FIELDS.contains(&k)
        };
        sc.scenario.retain(|(k, _)| !added(k));
        sc.initiative.retain(|(k, _)| !added(k));
    }
    // The criteria first: the scores follow their order.
    let at = sc.scenario.iter().position(|(k, _)| k == "criteria");
    if let Some(c) = at.and_then(|n| form.get(n)).filter(|c| !c.is_null()) {
        sc.criteria = ids(Some(&unpack_field(&sc, "criteria", c)));
    }
    unpack(&sc, form, &sc.scenario)
}

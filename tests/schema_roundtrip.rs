//! The field descriptors (`model::schema`) against every format: for every described field of
//! every record — scenario settings, simulation settings, criterion, initiative and each benefit
//! kind — a random value is set and must come back the same through the saved file, the share
//! link and the flat page↔worker form, and an initiative's inputs must be in the CSV under their
//! form labels. A field that one format forgets fails here.

use caseboard::formats::csv::CsvOptions;
use caseboard::formats::{csv, flat, link, saved};
use caseboard::model::schema::{Field, Kind, Record, Shape, Val};
use caseboard::model::{
    evaluate, example_scenario, BenefitKind, Estimate, Scenario, BENEFIT_KINDS,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Where a record sits in the test scenario.
#[derive(Debug, Clone, Copy)]
enum Place {
    Scenario,
    Simulation,
    Criterion,
    Initiative,
    Portfolio,
    /// The first year's budgets.
    YearBudget,
    /// The benefit of this kind (by its position in `BENEFIT_KINDS`) on the first initiative.
    Benefit(usize),
    // Version 5's records: the tracking settings, the first goal, its first KPI and reading;
    // the first initiative's first goal served, decision, baseline and month of actuals.
    Tracking,
    Goal,
    Kpi,
    Reading,
    Serves,
    Decision,
    Baseline,
    Actual,
}

/// The example with one benefit of every kind on its first initiative.
fn base() -> Scenario {
    let mut s = example_scenario();
    s.initiatives[0].benefits = BENEFIT_KINDS
        .iter()
        .map(|k| caseboard::model::Benefit {
            label: format!("a {k}"),
            kind: BenefitKind::blank(k).unwrap(),
            unknown: Default::default(),
            sources: Default::default(),
        })
        .collect();
    use caseboard::model::*;
    s.goals = vec![Goal {
        kpis: vec![Kpi {
            readings: vec![KpiReading::default()],
            ..Kpi::default()
        }],
        ..Goal::default()
    }];
    let i = &mut s.initiatives[0];
    i.serves = vec![Serves::default()];
    i.decisions = vec![Decision::default()];
    i.baselines = vec![Baseline::default()];
    i.actuals = vec![Actual::default()];
    s
}

fn record(s: &Scenario, p: Place) -> &dyn Record {
    match p {
        Place::Scenario => s,
        Place::Simulation => &s.simulation,
        Place::Criterion => &s.criteria[0],
        Place::Initiative => &s.initiatives[0],
        Place::Portfolio => &s.portfolio,
        Place::YearBudget => &s.portfolio.budgets[0],
        Place::Benefit(k) => &s.initiatives[0].benefits[k].kind,
        Place::Tracking => &s.tracking,
        Place::Goal => &s.goals[0],
        Place::Kpi => &s.goals[0].kpis[0],
        Place::Reading => &s.goals[0].kpis[0].readings[0],
        Place::Serves => &s.initiatives[0].serves[0],
        Place::Decision => &s.initiatives[0].decisions[0],
        Place::Baseline => &s.initiatives[0].baselines[0],
        Place::Actual => &s.initiatives[0].actuals[0],
    }
}

fn record_mut(s: &mut Scenario, p: Place) -> &mut dyn Record {
    match p {
        Place::Scenario => s,
        Place::Simulation => &mut s.simulation,
        Place::Criterion => &mut s.criteria[0],
        Place::Initiative => &mut s.initiatives[0],
        Place::Portfolio => &mut s.portfolio,
        Place::YearBudget => &mut s.portfolio.budgets[0],
        Place::Benefit(k) => &mut s.initiatives[0].benefits[k].kind,
        Place::Tracking => &mut s.tracking,
        Place::Goal => &mut s.goals[0],
        Place::Kpi => &mut s.goals[0].kpis[0],
        Place::Reading => &mut s.goals[0].kpis[0].readings[0],
        Place::Serves => &mut s.initiatives[0].serves[0],
        Place::Decision => &mut s.initiatives[0].decisions[0],
        Place::Baseline => &mut s.initiatives[0].baselines[0],
        Place::Actual => &mut s.initiatives[0].actuals[0],
    }
}

fn places() -> Vec<Place> {
    let mut out = vec![
        Place::Scenario,
        Place::Simulation,
        Place::Criterion,
        Place::Initiative,
        Place::Portfolio,
        Place::YearBudget,
    ];
    out.extend((0..BENEFIT_KINDS.len()).map(Place::Benefit));
    out.extend([
        Place::Tracking,
        Place::Goal,
        Place::Kpi,
        Place::Reading,
        Place::Serves,
        Place::Decision,
        Place::Baseline,
        Place::Actual,
    ]);
    out
}

/// A number a field may hold (any finite value: the formats carry what validation would refuse).
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-1e6f64..1e6).prop_map(|x| (x * 1000.0).round() / 1000.0),
        any::<f64>().prop_filter("finite", |x| x.is_finite()),
        Just(0.0),
        Just(-0.0),
    ]
}

fn estimate() -> impl Strategy<Value = Estimate> {
    prop_oneof![
        number().prop_map(Estimate::point),
        (number(), number(), number()).prop_map(|(a, b, c)| Estimate::range(a, b, c)),
    ]
}

/// A random value of the field's shape.
fn value(f: &Field) -> BoxedStrategy<Val> {
    match (f.shape, f.kind) {
        (Shape::Estimate, _) => estimate().prop_map(Val::Est).boxed(),
        (Shape::OptionalEstimate, _) => proptest::option::of(estimate())
            .prop_map(Val::OptEst)
            .boxed(),
        (Shape::Number, _) => number().prop_map(Val::Num).boxed(),
        (Shape::OptionalNumber, _) => proptest::option::of(number()).prop_map(Val::OptNum).boxed(),
        (Shape::Whole, _) => (0u32..=u32::MAX)
            .prop_map(|n| Val::Num(f64::from(n)))
            .boxed(),
        (Shape::Text, Kind::Text(limit)) => {
            let n = limit.max_chars().min(40);
            proptest::string::string_regex(&format!("[a-zA-Z0-9 ,.\"'<>&é€-]{{1,{n}}}"))
                .unwrap()
                .prop_map(Val::Text)
                .boxed()
        }
        (Shape::Choice, Kind::Choice(keys)) => (0..keys.len()).prop_map(Val::Choice).boxed(),
        _ => panic!("field {} has a kind that does not fit its shape", f.key),
    }
}

/// A text field that is an id keeps its uniqueness through the formats' id repair only when it
/// is not empty and differs from the others; the test's ids are set to such values.
fn fits(p: Place, f: &Field, v: &Val) -> bool {
    match (p, f.key, v) {
        (Place::Initiative | Place::Criterion, "id", Val::Text(t)) => {
            !t.trim().is_empty() && !base().initiatives.iter().any(|i| &i.id == t)
        }
        _ => true,
    }
}

fn check_every_format(p: Place, f: &Field, v: &Val) -> Result<(), TestCaseError> {
    let mut s = base();
    prop_assert!(
        record_mut(&mut s, p).set(f.key, v.clone()),
        "{p:?}.{} refused {v:?}",
        f.key
    );
    let want = record(&s, p).get(f.key);
    prop_assert_eq!(
        want.as_ref(),
        Some(v),
        "{:?}.{} did not hold its value",
        p,
        f.key
    );

    let via_flat = flat::read(&flat::write(&s)).expect("the flat form reads back");
    prop_assert_eq!(
        record(&via_flat, p).get(f.key),
        want.clone(),
        "flat form: {:?}.{}",
        p,
        f.key
    );

    let via_file = saved::from_json(&saved::to_json(&s)).expect("the saved file reads back");
    prop_assert_eq!(
        record(&via_file.scenario, p).get(f.key),
        want.clone(),
        "saved file: {:?}.{}",
        p,
        f.key
    );

    let via_link = link::decode(&link::encode(&s)).expect("the link reads back");
    prop_assert_eq!(
        record(&via_link, p).get(f.key),
        want,
        "link: {:?}.{}",
        p,
        f.key
    );
    Ok(())
}

#[test]
fn every_described_field_survives_every_format() {
    let s = base();
    let mut fields = 0;
    for p in places() {
        for f in record(&s, p).fields() {
            fields += 1;
            // A runner per field: a runner counts its cases across runs.
            let mut runner = TestRunner::new(Config {
                cases: 24,
                ..Config::default()
            });
            runner
                .run(&value(f), |v| {
                    if !fits(p, f, &v) {
                        return Ok(());
                    }
                    check_every_format(p, f, &v)
                })
                .unwrap_or_else(|e| panic!("{p:?}.{}: {e}", f.key));
        }
    }
    // Scenario 6, simulation 3, criterion 4, initiative 16, portfolio 7, a year's budgets 3,
    // benefits 5 + 9 + 4 + 1 + 2; tracking 4, goal 3, KPI 7, reading 2, goal served 3,
    // decision 7, baseline 9, month of actuals 4.
    assert_eq!(
        fields,
        6 + 3 + 4 + 16 + 7 + 3 + 21 + 4 + 3 + 7 + 2 + 3 + 7 + 9 + 4
    );
}

/// Every record's descriptors: keys unique, labels given, bounds that hold their default.
#[test]
fn descriptors_are_complete() {
    let s = base();
    for p in places() {
        let r = record(&s, p);
        let fields = r.fields();
        for (k, f) in fields.iter().enumerate() {
            assert!(!f.label.is_empty(), "{p:?}.{} has no label", f.key);
            assert!(
                fields[..k].iter().all(|g| g.key != f.key),
                "{p:?}.{} twice",
                f.key
            );
            assert!(r.get(f.key).is_some(), "{p:?}.{} cannot be read", f.key);
            if let Some(e) = r.estimate(f.key) {
                assert!(
                    (f.min..=f.max).contains(&e.likely),
                    "{p:?}.{}: default {} outside {}..{}",
                    f.key,
                    e.likely,
                    f.min,
                    f.max
                );
            }
        }
    }
}

/// The CSV's inputs: every initiative estimate under its form label, with the initiative's value.
#[test]
fn the_csv_carries_every_initiative_input_under_its_label() {
    let mut s = example_scenario();
    // Distinct values a reader can find: 1,234.5 + k for the k-th estimate of each initiative.
    let keys: Vec<&str> = s.initiatives[0]
        .estimates()
        .iter()
        .map(|(f, _)| f.key)
        .collect();
    for (n, i) in s.initiatives.iter_mut().enumerate() {
        for (k, key) in keys.iter().enumerate() {
            *i.estimate_mut(key).unwrap() = Estimate::point(10.0 * n as f64 + k as f64 + 0.5);
        }
    }
    let e = evaluate(&s).expect("valid");
    let text = csv::comparison(&s, &e, CsvOptions::default());
    for (k, f) in caseboard::model::Initiative::FIELDS
        .iter()
        .filter(|f| f.is_estimate())
        .enumerate()
    {
        let row = text
            .lines()
            .find(|l| l.starts_with(&format!("Input: {},", f.label)))
            .unwrap_or_else(|| panic!("no row for {}", f.label));
        let cells: Vec<&str> = row.trim_end().split(',').collect();
        for n in 0..s.initiatives.len() {
            let want = 10.0 * n as f64 + k as f64 + 0.5;
            assert_eq!(cells[2 + n].parse::<f64>().unwrap(), want, "{}", f.label);
        }
    }
}

/// The README's "Scenario format" section names every described field of every record (its JSON
/// key in backticks), so a new field cannot go undocumented.
#[test]
fn the_readme_documents_every_field() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("## Scenario format")
        .expect("a Scenario format section");
    let section = &readme[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |k| k + 3)];
    let s = base();
    for p in places() {
        for f in record(&s, p).fields() {
            assert!(
                section.contains(&format!("`{}`", f.key)),
                "README's Scenario format section does not name `{}` ({p:?})",
                f.key
            );
        }
    }
    for k in BENEFIT_KINDS {
        assert!(
            section.contains(&format!("`{k}`")),
            "README lacks the kind `{k}`"
        );
    }
}

/// The derivation of each kind names its inputs with the words of their descriptors
/// (`Field::term`): the words below are written by hand from the form's meaning.
#[test]
fn derivations_name_inputs_by_their_descriptors_words() {
    use caseboard::model::convert::{convert, Defaults};
    use caseboard::model::PlainFormat;
    let defaults = Defaults {
        hourly_rate: 65.0,
        hours_per_fte_year: 1800.0,
    };
    let want: [(&str, &[&str]); 5] = [
        (
            "hours_saved",
            &["adoption", "recapture", "default rate", "per FTE-year"],
        ),
        (
            "outage_avoided",
            &[
                "baseline",
                "reduction",
                "revenue",
                "lost",
                "staff",
                "productivity lost",
                "incidents avoided",
                "per incident",
            ],
        ),
        (
            "risk_reduced",
            &["likelihood reduction", "impact reduction"],
        ),
        ("cost_avoided", &["avoided"]),
        ("revenue_gained", &["revenue", "margin"]),
    ];
    for (kind, words) in want {
        let b = caseboard::model::Benefit {
            label: String::new(),
            kind: BenefitKind::blank(kind).unwrap(),
            unknown: Default::default(),
            sources: Default::default(),
        };
        let text = convert(&b, &defaults)
            .derivation
            .lines(&PlainFormat { currency: "USD" })
            .join("\n");
        for w in words {
            assert!(
                text.contains(&format!(" {w}")),
                "{kind}: no “{w}” in\n{text}"
            );
        }
    }
}

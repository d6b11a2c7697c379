//! Every figure of the comparison table, for every saved fixture of every version, against an
//! independent oracle: tests/fixtures/saved_figures.json, written by tools/gen_figure_fixtures.py
//! (the README's formulas re-implemented in Python's standard library, with its own IRR root
//! finding; `python3 tools/gen_figure_fixtures.py --check` says whether it is up to date).
#![cfg(not(target_arch = "wasm32"))]

use caseboard::formats::saved;
use caseboard::model::*;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Oracle {
    fixtures: Vec<FixtureFigures>,
}

#[derive(Deserialize)]
struct FixtureFigures {
    file: String,
    initiatives: Vec<Expected>,
}

#[derive(Deserialize)]
struct Expected {
    id: String,
    name: String,
    annual_by_driver: [f64; 5],
    annual_value: f64,
    fte: Vec<Option<f64>>,
    pv_benefits: f64,
    pv_costs: f64,
    npv: f64,
    roi_pct: Option<f64>,
    benefit_cost_ratio: Option<f64>,
    irr_pct: Option<f64>,
    payback_months: Option<f64>,
    cost_of_delay: f64,
    score: Option<f64>,
    rank_by_npv: usize,
}

fn oracle() -> Oracle {
    serde_json::from_str(include_str!("fixtures/saved_figures.json")).expect("oracle parses")
}

/// Relative 1e-9 (the oracle sums in another order and finds the IRR by bisection).
fn close(got: f64, want: f64) -> bool {
    (got - want).abs() <= 1e-9 * want.abs().max(1.0)
}

fn check(what: &str, got: Option<f64>, want: Option<f64>) {
    match (got, want) {
        (Some(g), Some(w)) => assert!(close(g, w), "{what}: app {g}, oracle {w}"),
        (g, w) => assert_eq!(g, w, "{what}"),
    }
}

#[test]
fn every_figure_of_every_saved_fixture_equals_the_oracles() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/saved");
    let oracle = oracle();
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    on_disk.sort();
    let covered: Vec<&str> = oracle.fixtures.iter().map(|f| f.file.as_str()).collect();
    assert_eq!(
        covered, on_disk,
        "run python3 tools/gen_figure_fixtures.py after adding a fixture"
    );
    let mut checked = 0;
    for fixture in &oracle.fixtures {
        let text = std::fs::read_to_string(dir.join(&fixture.file)).unwrap();
        let scenario = saved::from_json(&text).unwrap().scenario;
        let eval = evaluate(&scenario).unwrap_or_else(|p| panic!("{}: {p:?}", fixture.file));
        assert_eq!(eval.initiatives.len(), fixture.initiatives.len());
        let ranked = ranks(&eval.initiatives, Figure::Npv);
        for ((r, want), rank) in eval
            .initiatives
            .iter()
            .zip(&fixture.initiatives)
            .zip(ranked)
        {
            let at = |figure: &str| format!("{} {} {figure}", fixture.file, want.id);
            assert_eq!(r.id, want.id);
            assert_eq!(r.name, want.name);
            for d in 0..5 {
                let what = at(&format!("annual value of driver {d}"));
                check(
                    &what,
                    Some(r.annual_by_driver[d]),
                    Some(want.annual_by_driver[d]),
                );
            }
            check(
                &at("annual value"),
                Some(r.annual_value),
                Some(want.annual_value),
            );
            let fte: Vec<Option<f64>> = r.benefits.iter().map(|b| b.fte).collect();
            assert_eq!(fte.len(), want.fte.len(), "{}", at("benefits"));
            for (k, (g, w)) in fte.iter().zip(&want.fte).enumerate() {
                check(&at(&format!("FTE of benefit {k}")), *g, *w);
            }
            check(
                &at("PV of benefits"),
                Some(r.pv_benefits),
                Some(want.pv_benefits),
            );
            check(&at("PV of costs"), Some(r.pv_costs), Some(want.pv_costs));
            check(&at("NPV"), r.npv.value, Some(want.npv));
            check(&at("ROI"), r.roi.value, want.roi_pct);
            check(
                &at("benefit/cost ratio"),
                r.benefit_cost_ratio.value,
                want.benefit_cost_ratio,
            );
            check(&at("IRR"), r.irr.value, want.irr_pct);
            check(&at("payback"), r.payback_months.value, want.payback_months);
            check(
                &at("cost of delay"),
                r.cost_of_delay.value,
                Some(want.cost_of_delay),
            );
            check(&at("weighted score"), r.score.value, want.score);
            assert_eq!(rank, want.rank_by_npv, "{}", at("rank by NPV"));
            checked += 1;
        }
    }
    assert!(checked >= 9, "{checked} initiatives checked");
}

//! NPV and IRR against an independent oracle: fixtures computed with numpy-financial 1.0.0
//! (`npf.npv`, `npf.irr`) by tools/gen_finance_fixtures.py. Compared to 1e-9 relative.
#![cfg(not(target_arch = "wasm32"))]

use caseboard::model::finance::{irr, npv, Irr};
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    generator: String,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    flows: Vec<f64>,
    npv: Vec<RatePoint>,
    irr: Option<f64>,
    irr_all: Vec<f64>,
}

#[derive(Deserialize)]
struct RatePoint {
    rate: f64,
    value: f64,
}

const REL: f64 = 1e-9;

fn fixture() -> Fixture {
    let text = include_str!("fixtures/finance_oracle.json");
    serde_json::from_str(text).expect("fixture parses")
}

fn rel_close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= REL * expected.abs().max(1e-300)
}

#[test]
fn fixture_is_the_numpy_financial_oracle() {
    let f = fixture();
    assert!(f.generator.contains("numpy-financial"), "{}", f.generator);
    assert!(f.cases.len() >= 20, "{} cases", f.cases.len());
    let with_irr = f.cases.iter().filter(|c| c.irr.is_some()).count();
    let multiple = f.cases.iter().filter(|c| c.irr_all.len() > 1).count();
    assert!(
        with_irr >= 15 && multiple >= 3,
        "{with_irr} with IRR, {multiple} with several"
    );
}

#[test]
fn npv_matches_numpy_financial() {
    let mut checked = 0;
    for c in fixture().cases {
        for p in &c.npv {
            let got = npv(p.rate, &c.flows);
            assert!(
                rel_close(got, p.value),
                "{}: npv({}) = {got}, numpy-financial {}",
                c.name,
                p.rate,
                p.value
            );
            checked += 1;
        }
    }
    assert!(checked >= 100, "{checked} NPVs");
}

#[test]
fn irr_matches_numpy_financial_including_the_choice_among_several() {
    for c in fixture().cases {
        let got = irr(&c.flows);
        match (c.irr, got) {
            (None, Irr::None) => {}
            // Flows that change sign more than once may have no real IRR at all; Caseboard says
            // none was found in its range rather than that the flows never change sign.
            (None, Irr::OutOfRange { changes, .. }) if changes > 1 => {}
            (Some(want), Irr::Rate { rate, multiple }) => {
                assert!(
                    rel_close(rate, want),
                    "{}: irr = {rate}, numpy-financial {want}",
                    c.name
                );
                assert_eq!(multiple, c.irr_all.len() > 1, "{}: multiple flag", c.name);
            }
            (want, got) => panic!("{}: irr = {got:?}, numpy-financial {want:?}", c.name),
        }
    }
}

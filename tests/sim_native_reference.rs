//! The browser's simulation must give the native figures (tests/web.rs,
//! `trial_generator_gives_rand_chachas_stream`). The native figures it compares against are in
//! tests/fixtures/sim_native.json, written by this test from a native run (`rand_chacha`'s
//! generator); this test fails when a native run no longer gives them, so the browser's test
//! never compares against stale figures. After a deliberate change to the simulation:
//! `UPDATE_SIM_FIXTURE=1 cargo test --test sim_native_reference`.
#![cfg(not(target_arch = "wasm32"))]

use caseboard::model::simulate::{benchmark_scenario, simulate};
use serde_json::{json, Value};
use std::path::Path;

/// The runs the browser's test repeats: the 3-initiative benchmark scenario, 2,000 trials, seed
/// 5, without and with its costs overrunning together (`web::correlated`); and the example's
/// loss exceedance curve of its breach risk, 10,000 years, seed 1.
fn native_figures() -> Value {
    let sim = simulate(&benchmark_scenario(3), 2_000, 5);
    let correlated = simulate(&caseboard::model::simulate::costs_overrun(3), 2_000, 5);
    let s = caseboard::model::example_scenario();
    let (_, curve) = caseboard::model::loss::scenario_curve(&s, 2, &[true; 4]);
    let curve = curve.unwrap();
    json!({
        "generator": "tests/sim_native_reference.rs (native runs: benchmark_scenario(3), 2000 trials, seed 5, without and with costs overrunning together; the example's loss curve of initiative 2)",
        "npv_p50_of_initiative_0": sim.initiatives[0].npv.p50,
        "npv_mean_of_initiative_2": sim.initiatives[2].npv.mean,
        "evpi": sim.evpi,
        "correlated_reached_first_pair": correlated.correlation.achieved[0],
        "correlated_p_best_of_initiative_0": correlated.initiatives[0].p_best,
        "loss_mean_before": curve.mean_before,
        "loss_mean_after": curve.mean_after,
    })
}

#[test]
fn the_browsers_reference_figures_are_a_native_runs() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sim_native.json");
    let got = native_figures();
    if std::env::var_os("UPDATE_SIM_FIXTURE").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
    }
    let want: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    // Bit for bit: the same program on the same platform.
    assert_eq!(
        got, want,
        "a native run no longer gives tests/fixtures/sim_native.json; if the simulation changed on \
         purpose: UPDATE_SIM_FIXTURE=1 cargo test --test sim_native_reference"
    );
}

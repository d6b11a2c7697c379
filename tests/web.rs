//! Browser-only code, tested in headless Chromium with wasm-bindgen-test:
//! `cargo test --target wasm32-unknown-unknown --test web` (scripts/test.sh sets it up).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

#[wasm_bindgen_test]
fn mount_replaces_the_loading_message_with_the_example_summary() {
    let doc = document();
    // Append (never replace the body: the test runner reports through its own elements).
    let main = doc.create_element("main").unwrap();
    main.set_id("app");
    main.set_inner_html(r#"<p id="loading">Loading…</p>"#);
    doc.body().unwrap().append_child(&main).unwrap();

    caseboard::app::mount();

    assert!(
        doc.get_element_by_id("loading").is_none(),
        "loading message removed"
    );
    let heads = doc
        .query_selector_all("[data-testid=comparison] thead th")
        .unwrap();
    assert_eq!(heads.length(), 5, "a Figure column and one per initiative");
    let npv = doc
        .query_selector("[data-testid=comparison] tr[data-row=npv]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    // Service desk automation's NPV from the independent oracle (tools/gen_figure_fixtures.py;
    // v1-example.json holds the example's inputs), in whole dollars with thousands grouped.
    let oracle: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/saved_figures.json")).unwrap();
    let example = oracle["fixtures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "v1-example.json")
        .unwrap();
    let dollars = example["initiatives"][0]["npv"].as_f64().unwrap().round() as u64;
    assert!((1_000..1_000_000).contains(&dollars), "{dollars}");
    let shown = format!("${},{:03}", dollars / 1000, dollars % 1000);
    assert!(npv.contains(&shown), "{npv} should show {shown}");
}

mod components {
    use caseboard::app::state::AppState;
    use caseboard::app::widgets::fields::{
        estimate_text, number_text, parse_estimate, parse_number,
    };
    use caseboard::explain::format::NumberFormat;
    use caseboard::model::validate::Location;
    use caseboard::model::{example_scenario, Estimate, Record};
    use caseboard::wire::intl::fmt;
    use leptos::prelude::*;
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn typed_numbers_parse_and_garbage_is_named() {
        assert_eq!(parse_number("85,000"), Ok(Some(85_000.0)));
        assert_eq!(parse_number(" 12.5 "), Ok(Some(12.5)));
        assert_eq!(parse_number("80%"), Ok(Some(80.0)));
        assert_eq!(parse_number("1e6"), Ok(Some(1e6)));
        assert_eq!(parse_number(""), Ok(None));
        assert_eq!(parse_number("abc"), Err("“abc” is not a number".into()));
        assert_eq!(parse_number("NaN"), Err("“NaN” is not a number".into()));
        assert_eq!(parse_number("inf"), Err("“inf” is not a number".into()));
        assert_eq!(parse_number("-.5"), Ok(Some(-0.5)));
        assert_eq!(parse_number("2.5E-3"), Ok(Some(0.0025)));
        assert_eq!(parse_number("0x10"), Err("“0x10” is not a number".into()));
        assert_eq!(parse_number("1e"), Err("“1e” is not a number".into()));
        assert_eq!(parse_number("."), Err("“.” is not a number".into()));
        assert_eq!(parse_number("1.2.3"), Err("“1.2.3” is not a number".into()));
        assert_eq!(
            parse_number("1e999"),
            Err("“1e999” is too large a number".into())
        );
        // Never silently another number (issue 13): a decimal comma is refused with its fix.
        assert!(parse_number("1.000,50").is_err_and(|m| m.contains("1000.50")));
        assert_eq!(parse_number("0.1"), Ok(Some(0.1)));
        // What people type (issue 15), read by the browser's own conversion.
        assert_eq!(parse_number("$120k"), Ok(Some(120_000.0)));
        assert_eq!(parse_number("(8+4)*52"), Ok(Some(624.0)));
        // Shown without float noise, grouped (this browser's locale writes decimals with a point).
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(85_000.0), "85,000");
    }

    #[wasm_bindgen_test]
    fn typed_ranges_parse_into_low_likely_high() {
        let r = |l, m, h| Ok(Some(Estimate::range(l, m, h)));
        assert_eq!(parse_estimate("150-250"), r(150.0, 200.0, 250.0));
        assert_eq!(parse_estimate("150 - 180 - 250"), r(150.0, 180.0, 250.0));
        assert_eq!(parse_estimate("150 to 250"), r(150.0, 200.0, 250.0));
        assert_eq!(parse_estimate("150–250"), r(150.0, 200.0, 250.0));
        assert_eq!(parse_estimate("150 — 250"), r(150.0, 200.0, 250.0));
        assert_eq!(
            parse_estimate("85,000~120,000"),
            r(85_000.0, 102_500.0, 120_000.0)
        );
        assert_eq!(parse_estimate("60%-90%"), r(60.0, 75.0, 90.0));
        // a minus sign is a sign where no number ends before it
        assert_eq!(parse_estimate("-5 - 10"), r(-5.0, 2.5, 10.0));
        assert_eq!(parse_estimate("-5--1"), r(-5.0, -3.0, -1.0));
        assert_eq!(parse_estimate("1e-3-3e-3"), r(0.001, 0.002, 0.003));
        assert_eq!(parse_estimate("-12"), Ok(Some(Estimate::point(-12.0))));
        assert_eq!(parse_estimate(" "), Ok(None));
        // the order is validation's to report, beside the input: parsed as typed
        assert_eq!(parse_estimate("250-150"), r(250.0, 200.0, 150.0));
        let help = Err(
            "Type a number, or a range such as 150-250 or 150-180-250 (low-likely-high)"
                .to_string(),
        );
        assert_eq!(parse_estimate("1-2-3-4"), help);
        assert_eq!(parse_estimate("150-"), help);
        assert_eq!(
            parse_estimate("abc-5"),
            Err("“abc-5” is not a number".into())
        );
        assert_eq!(parse_estimate("5-abc"), Err("“abc” is not a number".into()));
        // shown compactly, and read back as the same estimate
        for e in [
            Estimate::point(200.0),
            Estimate::range(150.0, 200.0, 250.0),
            Estimate::range(150.0, 180.0, 250.0),
            Estimate::range(-5.0, -3.0, -1.0),
            Estimate::range(0.1, 0.2, 0.7),
        ] {
            let text = estimate_text(Some(e));
            assert_eq!(parse_estimate(&text), Ok(Some(e)), "{text}");
        }
        assert_eq!(
            estimate_text(Some(Estimate::range(150.0, 200.0, 250.0))),
            "150 – 250"
        );
        assert_eq!(
            estimate_text(Some(Estimate::range(150.0, 180.0, 250.0))),
            "150 – 180 – 250"
        );
    }

    #[wasm_bindgen_test]
    fn intl_formats_money_percent_and_months() {
        // The runner's headless Chromium uses the en-US locale.
        let f = fmt("USD");
        assert_eq!(f.money(144_110.4), "$144,110");
        assert_eq!(f.money(-59.94), "-$59.94");
        assert_eq!(f.money_compact(1_250_000.0), "$1.25M");
        assert_eq!(f.percent(97.786), "97.8%");
        assert_eq!(f.percent(99.8973), "99.897%");
        assert_eq!(f.months(15.084), "15.1 months");
        let eur = fmt("EUR");
        assert_eq!(eur.money(1500.0), "€1,500");
        // A malformed code never reaches Intl (it would throw): plain number and the code.
        assert_eq!(fmt("dollars").money(1500.0), "1,500 dollars");
    }

    fn hours_of_first(state: &AppState) -> f64 {
        state.scenario.with_untracked(|s| {
            s.initiatives[0].benefits[0]
                .kind
                .estimate("hours")
                .map(|e| e.likely)
                .unwrap()
        })
    }

    fn set_hours(state: &AppState, v: f64) {
        state.edit(Some("i0.b0.hours"), move |s| {
            *s.initiatives[0].benefits[0]
                .kind
                .estimate_mut("hours")
                .unwrap() = Estimate::point(v);
        });
    }

    #[wasm_bindgen_test]
    fn undo_coalesces_keystrokes_in_one_field_and_redo_restores() {
        let owner = Owner::new();
        owner.with(|| {
            let state = AppState::new(example_scenario());
            // "2", "25", "250": three keystrokes in one field are one undo step
            for v in [2.0, 25.0, 250.0] {
                set_hours(&state, v);
            }
            state.edit(Some("i0.name"), |s| {
                s.initiatives[0].name = "Renamed".into()
            });
            assert_eq!(hours_of_first(&state), 250.0);
            state.undo();
            assert_eq!(
                state
                    .scenario
                    .with_untracked(|s| s.initiatives[0].name.clone()),
                "Service desk workflow automation"
            );
            assert_eq!(hours_of_first(&state), 250.0);
            state.undo();
            assert_eq!(hours_of_first(&state), 200.0);
            assert!(!state.can_undo());
            state.redo();
            assert_eq!(hours_of_first(&state), 250.0);
            state.redo();
            assert_eq!(
                state
                    .scenario
                    .with_untracked(|s| s.initiatives[0].name.clone()),
                "Renamed"
            );
            assert!(!state.can_redo());
        });
    }

    #[wasm_bindgen_test]
    fn invalid_input_keeps_the_last_valid_results_and_names_the_field() {
        let owner = Owner::new();
        owner.with(|| {
            let state = AppState::new(example_scenario());
            let npv_before = state
                .checked
                .with_untracked(|c| c.shown.as_ref().unwrap().evaluation.initiatives[0].npv());
            set_hours(&state, -5.0);
            let at = Location {
                criterion: None,
                initiative: Some(0),
                benefit: Some(0),
                field: "hours".into(),
            };
            assert_eq!(
                state.message_for(&at).as_deref(),
                Some("must not be negative")
            );
            assert!(state.stale());
            let kept = state
                .checked
                .with_untracked(|c| c.shown.as_ref().unwrap().evaluation.initiatives[0].npv());
            assert_eq!(kept, npv_before, "the last valid results stay");
            set_hours(&state, 300.0);
            assert!(!state.stale());
            assert_eq!(state.message_for(&at), None);
            let after = state
                .checked
                .with_untracked(|c| c.shown.as_ref().unwrap().evaluation.initiatives[0].npv());
            assert!(after > npv_before);
        });
    }
}

/// The simulation's generator in the browser (SIMD ChaCha8, `model::rng`) gives exactly
/// `rand_chacha::ChaCha8Rng`'s stream: a shared link's seed reproduces the same figures in the
/// page as natively. 64-bit and 32-bit reads, bytes, and reads across the four-block refills.
#[wasm_bindgen_test]
fn trial_generator_gives_rand_chachas_stream() {
    use caseboard::model::rng::TrialRng;
    use rand::{RngCore, SeedableRng};
    use rand_chacha::ChaCha8Rng;
    for seed in [0, 1, 2_026, u64::MAX] {
        let mut ours = TrialRng::seed_from_u64(seed);
        let mut reference = ChaCha8Rng::seed_from_u64(seed);
        for n in 0..20_000 {
            match n % 11 {
                5 => assert_eq!(
                    ours.next_u32(),
                    reference.next_u32(),
                    "seed {seed}, read {n}"
                ),
                9 => {
                    let (mut a, mut b) = ([0u8; 37], [0u8; 37]);
                    ours.fill_bytes(&mut a);
                    reference.fill_bytes(&mut b);
                    assert_eq!(a, b, "seed {seed}, read {n}");
                }
                _ => assert_eq!(
                    ours.next_u64(),
                    reference.next_u64(),
                    "seed {seed}, read {n}"
                ),
            }
        }
    }
    // A whole simulation gives the native figures (`cargo test` runs rand_chacha's generator):
    // tests/fixtures/sim_native.json, which tests/sim_native_reference.rs checks is what a native
    // run gives. Equal to rounding only: the browser's ln and pow may differ from the
    // platform's in the last bit.
    let sim = caseboard::model::simulate::simulate(
        &caseboard::model::simulate::benchmark_scenario(3),
        2_000,
        5,
    );
    let close = |got: f64, native: f64| (got - native).abs() <= 1e-9 * native.abs();
    let median = sim.initiatives[0].npv.p50;
    let native: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/sim_native.json")).unwrap();
    let native = |key: &str| native[key].as_f64().unwrap();
    let median_native = native("npv_p50_of_initiative_0");
    assert!(close(median, median_native), "{median} vs {median_native}");
    let mean = sim.initiatives[2].npv.mean;
    let mean_native = native("npv_mean_of_initiative_2");
    assert!(close(mean, mean_native), "{mean} vs {mean_native}");
    let evpi_native = native("evpi");
    assert!(
        close(sim.evpi, evpi_native),
        "{} vs {evpi_native}",
        sim.evpi
    );
    // Correlated draws (Iman–Conover) and the loss exceedance curve (Poisson, lognormal) give
    // the native figures too. A last-bit difference in `ln` could swap two neighbouring ranks,
    // which moves a rank correlation or a chance by about one part in a million at most.
    let correlated = caseboard::model::simulate::simulate(
        &caseboard::model::simulate::costs_overrun(3),
        2_000,
        5,
    );
    let near = |got: f64, native: f64| (got - native).abs() <= 1e-6;
    let reached = correlated.correlation.achieved[0];
    let reached_native = native("correlated_reached_first_pair");
    assert!(
        near(reached, reached_native),
        "{reached} vs {reached_native}"
    );
    let first = correlated.initiatives[0].p_best;
    let first_native = native("correlated_p_best_of_initiative_0");
    assert!(near(first, first_native), "{first} vs {first_native}");
    let s = caseboard::model::example_scenario();
    let (_, curve) = caseboard::model::loss::scenario_curve(&s, 2, &[true; 4]);
    let curve = curve.unwrap();
    for (got, key) in [
        (curve.mean_before, "loss_mean_before"),
        (curve.mean_after, "loss_mean_after"),
    ] {
        assert!(close(got, native(key)), "{key}: {got} vs {}", native(key));
    }
}

/// The value-of-information table lists only estimates worth more than chance gives, and says
/// what chance gives; with none above it, it says none stands out.
#[wasm_bindgen_test]
fn refine_table_leaves_out_estimates_no_better_than_chance() {
    use caseboard::explain::sim_report::report;
    use caseboard::model::simulate::{benchmark_scenario, simulate};
    let f = caseboard::wire::intl::fmt("USD");
    let s = benchmark_scenario(3);
    let mut sim = simulate(&s, 200, 1);
    let n = sim.inputs.len();
    assert!(n >= 4);
    sim.evppi = vec![0.0; n];
    sim.evppi[1] = 900.0;
    sim.evppi[2] = 12_000.0;
    sim.evppi[3] = 1_000.0; // exactly chance: not told apart from it
    sim.evppi_chance = 1_000.0;
    let refine = report(&s, &sim, 1.0, &*f).refine;
    assert_eq!(
        refine.rows,
        vec![vec![sim.inputs[2].label.clone(), "$12,000".to_string()]]
    );
    assert!(
        refine.caption.contains(
            "With 200 trials, chance alone gives $1,000 to an estimate that changes nothing"
        ),
        "{}",
        refine.caption
    );

    sim.evppi[2] = 1_000.0;
    let refine = report(&s, &sim, 1.0, &*f).refine;
    assert!(refine.rows.is_empty());
    assert!(
        refine.caption.starts_with(
            "No single estimate stands out: with 200 trials, none is worth more than the $1,000"
        ),
        "{}",
        refine.caption
    );

    sim.evppi = vec![0.0; n];
    sim.evppi_chance = 0.0;
    let refine = report(&s, &sim, 1.0, &*f).refine;
    assert!(refine.rows.is_empty());
    assert!(refine
        .caption
        .starts_with("No single estimate changes the choice"));
}

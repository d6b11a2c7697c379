//! The Excel workbook, recalculated by an independent spreadsheet engine (`tools/recalc_xlsx.py`,
//! a Python formula evaluator installed by `tools/recalc-setup.sh`): its formulas, not the values
//! Caseboard caches in them, must give the figures — by hand on a small case, and equal to the
//! screen's (the evaluation's) to $1 on the example and on a 20-initiative scenario.

use caseboard::formats::xlsx::{sheet_name, workbook, Extras};
use caseboard::model::simulate::{benchmark_scenario, simulate_scenario};
use caseboard::model::{
    example_scenario, figures, Benefit, BenefitKind, CostAvoided, Estimate, Initiative, Scenario,
    UnknownFields,
};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

/// The evaluator's Python (`.venv-recalc`, made by `tools/recalc-setup.sh`; `RECALC_PYTHON`
/// overrides it).
fn python() -> PathBuf {
    if let Ok(p) = std::env::var("RECALC_PYTHON") {
        return p.into();
    }
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv-recalc/bin/python");
    assert!(
        p.exists(),
        "{} is missing: run `bash tools/recalc-setup.sh` (scripts/test.sh does)",
        p.display()
    );
    p
}

/// Every formula cell of the workbook, recalculated: sheet → cell → value.
fn recalculate(bytes: &[u8], name: &str) -> Value {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!("{name}.xlsx"));
    std::fs::write(&path, bytes).unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tools/recalc_xlsx.py");
    let out = Command::new(python())
        .arg(script)
        .arg(&path)
        .output()
        .expect("the evaluator runs");
    assert!(
        out.status.success(),
        "recalculating {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the evaluator prints JSON")
}

fn num(v: &Value, sheet: &str, cell: &str) -> f64 {
    v[sheet][cell]
        .as_f64()
        .unwrap_or_else(|| panic!("{sheet}!{cell} is {:?}", v[sheet][cell]))
}

fn book(s: &Scenario, with_sim: bool) -> (Vec<u8>, caseboard::model::Evaluation) {
    let e = figures(s).expect("valid");
    let sim = with_sim.then(|| simulate_scenario(s));
    let plan = caseboard::model::plan::plan(s, &e);
    let lines = vec!["A sentence of the summary.".to_string()];
    let extras = Extras {
        summary: &lines,
        simulation: sim.as_ref(),
        plan: Some(&plan),
    };
    (workbook(s, &e, &extras).expect("written"), e)
}

/// One initiative, one year: a one-time cost of 1,000 and 12,000 a year of cost avoided from
/// month 1 (no delivery, no ramp-up), 90% confidence: 900 a month.
fn small(rate_pct: f64) -> Scenario {
    let mut i = Initiative {
        id: "a".into(),
        name: "Retire the old tool".into(),
        one_time_cost: Estimate::point(1000.0),
        delivery_months: Estimate::point(0.0),
        ramp_up_months: Estimate::point(0.0),
        confidence_pct: Estimate::point(90.0),
        ..Initiative::default()
    };
    for c in Scenario::default().criteria {
        i.scores.insert(c.id, 3.0);
    }
    i.benefits.push(Benefit {
        label: "Licence".into(),
        kind: BenefitKind::CostAvoided(CostAvoided {
            amount_per_year: Estimate::point(12_000.0),
        }),
        unknown: UnknownFields::default(),
        sources: Default::default(),
    });
    Scenario {
        horizon_years: 1,
        discount_rate_pct: Estimate::point(rate_pct),
        initiatives: vec![i],
        ..Scenario::default()
    }
}

#[test]
fn a_case_worked_by_hand_recalculates_to_its_figures() {
    let (bytes, _) = book(&small(0.0), false);
    let v = recalculate(&bytes, "small-0");
    let sheet = sheet_name(1, "Retire the old tool");
    // 12 months of 900, less 1,000.
    assert!((num(&v, &sheet, "B13") - 9_800.0).abs() < 1e-6);
    assert!((num(&v, &sheet, "B11") - 10_800.0).abs() < 1e-6);
    assert!((num(&v, &sheet, "B12") - 1_000.0).abs() < 1e-6);
    // ROI 9,800 / 1,000.
    assert!((num(&v, &sheet, "B14") - 9.8).abs() < 1e-9);
    // Cumulative −1,000, −100, +800: paid back 100/900 into month 2.
    assert!((num(&v, &sheet, "B15") - (1.0 + 100.0 / 900.0)).abs() < 1e-9);
    assert!((num(&v, "Comparison", "C2") - 9_800.0).abs() < 1e-6);

    // At 10% a year, month m is discounted by 1.1^(−m/12).
    let (bytes, _) = book(&small(10.0), false);
    let v = recalculate(&bytes, "small-10");
    let by_hand: f64 = -1000.0
        + (1..=12)
            .map(|m| 900.0 * 1.1f64.powf(-(m as f64) / 12.0))
            .sum::<f64>();
    assert!((num(&v, &sheet, "B13") - by_hand).abs() < 1e-6);
    assert!((num(&v, &sheet, "B3") - 0.10).abs() < 1e-12);
}

/// The workbook's NPV, ROI, payback and PVs, recalculated, against the evaluation's.
fn matches_the_screen(s: &Scenario, with_sim: bool, name: &str) {
    let (bytes, e) = book(s, with_sim);
    let v = recalculate(&bytes, name);
    for (k, r) in e.initiatives.iter().enumerate() {
        let sheet = sheet_name(k + 1, &r.name);
        let npv = num(&v, &sheet, "B13");
        // Printed for the record (`cargo test --test xlsx -- --nocapture`).
        println!(
            "{name}: {}: workbook NPV {npv:.4}, screen {:.4}, difference {:.2e}",
            r.name,
            r.npv(),
            npv - r.npv()
        );
        assert!(
            (npv - r.npv()).abs() <= 1.0,
            "{}: workbook {npv}, screen {}",
            r.name,
            r.npv()
        );
        let row = k + 2;
        assert!((num(&v, "Comparison", &format!("C{row}")) - r.npv()).abs() <= 1.0);
        assert!((num(&v, &sheet, "B11") - r.pv_benefits).abs() <= 1.0);
        assert!((num(&v, &sheet, "B12") - r.pv_costs).abs() <= 1.0);
        if let Some(roi) = r.roi.value {
            assert!(
                (num(&v, &sheet, "B14") * 100.0 - roi).abs() < 0.01,
                "{}",
                r.name
            );
        }
        match r.payback_months.value {
            Some(p) => assert!((num(&v, &sheet, "B15") - p).abs() < 1e-6, "{}", r.name),
            None => assert_eq!(v[&sheet]["B15"], "not within the horizon"),
        }
    }
}

#[test]
fn the_example_recalculates_to_the_screens_figures() {
    matches_the_screen(&example_scenario(), false, "example");
}

#[test]
fn twenty_initiatives_with_ranges_recalculate_to_the_screens_figures() {
    // The example's initiatives five times over, with ranges; each made different (its costs
    // scaled, its delivery and ramp-up months varied), over 5 years at 8%.
    let mut s = benchmark_scenario(20);
    assert_eq!(s.initiatives.len(), 20);
    s.horizon_years = 5;
    s.discount_rate_pct = Estimate::point(8.0);
    for (k, i) in s.initiatives.iter_mut().enumerate() {
        let f = 1.0 + k as f64 * 0.07;
        for e in [&mut i.one_time_cost, &mut i.annual_running_cost] {
            e.likely *= f;
            e.low = e.low.map(|x| x * f);
            e.high = e.high.map(|x| x * f);
        }
        i.delivery_months = Estimate::point((k % 7) as f64);
        i.ramp_up_months = Estimate::point((k % 5) as f64);
    }
    matches_the_screen(&s, true, "twenty");
}

#[test]
fn the_portfolio_sheet_adds_up_the_funded_set_with_live_formulas() {
    // The example: one budget (year 1 one-time) and a team, so two limit rows (Excel rows 3 and
    // 4), the heads on row 6, the four initiatives on rows 7–10; the funded set's NPV on row 12
    // (B12, a SUMIF over the "Funded" and "NPV as scheduled" columns); the yearly table's heads
    // on row 15 and year 1 on row 16 (D16 = one-time + running).
    let s = example_scenario();
    let (bytes, e) = book(&s, false);
    let plan = caseboard::model::plan::plan(&s, &e);
    let v = recalculate(&bytes, "portfolio");
    let funded: f64 = plan
        .items
        .iter()
        .filter(|x| x.funded)
        .map(|x| x.npv_scheduled.unwrap_or(0.0))
        .sum();
    let npv = num(&v, "Portfolio", "B12");
    assert!((npv - funded).abs() < 1e-6, "{npv} against {funded}");
    // The same as the NPV of the funded set's summed flows (NPV is linear in the flows).
    assert!((npv - plan.npv).abs() < 1e-6, "{npv} against {}", plan.npv);
    let (o, r) = plan.spend_by_year[0];
    assert!((num(&v, "Portfolio", "D16") - (o + r)).abs() < 1e-6);
}

/// The results dashboard's case (as in tests/dashboard.rs and tests/tracking_export.rs): one
/// live initiative, "Alpha", approved with a baseline NPV of $4,800: $6,000 once in month 0,
/// $100 a month to run from month 1, $1,000 a month of cost avoided from month 1 (no delivery,
/// no ramp-up, 100% confidence); one year, no discounting, actuals up to month 3. Actuals: month
/// 0 the $6,000; month 1 $800 and $100 running; month 2 $110 running and no reading (a gap);
/// month 3 $900 and $100. One goal with a KPI: cost index 100 → 80 by month 10, lower better,
/// read at 97 in month 2. Bands: green within `green`%, yellow within `yellow`%.
fn tracked(green: f64, yellow: f64) -> Scenario {
    use caseboard::model::scenario::{Actual, Baseline, Better, Goal, Kpi, KpiReading, Stage};
    let mut s = small(0.0);
    let i = &mut s.initiatives[0];
    i.name = "Alpha".into();
    i.one_time_cost = Estimate::point(6_000.0);
    i.annual_running_cost = Estimate::point(1_200.0);
    i.confidence_pct = Estimate::point(100.0);
    i.stage = Stage::Live;
    i.baselines = vec![Baseline {
        date: "2027-01-05".into(),
        one_time_cost: 6_000.0,
        annual_running_cost: 1_200.0,
        delivery_months: 0.0,
        ramp_up_months: 0.0,
        confidence_pct: 100.0,
        start_month: 0.0,
        npv: Some(4_800.0),
        payback_months: None,
        benefits: i.benefits.clone(),
    }];
    let month = |m: f64, one_time, running, measured: Option<f64>| Actual {
        month: m,
        one_time,
        running,
        measured: vec![measured],
        ..Actual::default()
    };
    i.actuals = vec![
        month(0.0, Some(6_000.0), None, None),
        month(1.0, None, Some(100.0), Some(800.0)),
        month(2.0, None, Some(110.0), None),
        month(3.0, None, Some(100.0), Some(900.0)),
    ];
    s.tracking.as_of_month = Some(3.0);
    s.tracking.green_pct = green;
    s.tracking.yellow_pct = yellow;
    s.goals = vec![Goal {
        id: "g1".into(),
        name: "Cut cost".into(),
        kpis: vec![Kpi {
            id: "k".into(),
            name: "Cost index".into(),
            baseline: 100.0,
            target: 80.0,
            target_month: 10.0,
            better: Better::Lower,
            readings: vec![KpiReading {
                month: 2.0,
                value: 97.0,
            }],
            ..Kpi::default()
        }],
        ..Goal::default()
    }];
    s
}

fn text<'a>(v: &'a Value, sheet: &str, cell: &str) -> &'a str {
    v[sheet][cell]
        .as_str()
        .unwrap_or_else(|| panic!("{sheet}!{cell} is {:?}", v[sheet][cell]))
}

#[test]
fn the_tracking_sheet_recalculates_to_the_dashboard_worked_by_hand() {
    // The sheet's layout (Excel rows): the bands in B5 (5%) and B6 (15%); the portfolio line in
    // B9–B19; the summary's heads on row 21 and Alpha on row 22; the KPI table's heads on row
    // 24 and its one KPI on row 25; Alpha's months from row 29 (month 0) to row 32 (month 3),
    // its title and heads on rows 27 and 28.
    let (bytes, _) = book(&tracked(5.0, 15.0), false);
    let v = recalculate(&bytes, "tracking");
    let t = "Tracking";
    let near = |cell: &str, want: f64| {
        let got = num(&v, t, cell);
        assert!(
            (got - want).abs() < 1e-9,
            "{t}!{cell}: {got}, by hand {want}"
        );
    };
    // Alpha: value read in months 1 and 3: 800 + 900 = 1,700 realised against 1,000 + 1,000 =
    // 2,000 planned (month 2, a gap, counts in neither): −300, −15% of plan; 15% short is at
    // the yellow band's edge, which belongs to it: at risk.
    near("C22", 1_700.0);
    near("D22", 2_000.0);
    near("E22", -300.0);
    near("F22", -0.15);
    assert_eq!(text(&v, t, "G22"), "At risk");
    // Spend: 6,000 + 100 + 110 + 100 = 6,310 against the one-time 6,000 (due by month 0, the
    // last month one-time spend is recorded in) and 3 × 100 running: 6,300. +10 is 0.16% over:
    // on track. Alpha as a whole: the worse, at risk. NPV now 2,960 (tests/dashboard.rs works
    // it) against 4,800 at approval: −1,840.
    near("H22", 6_310.0);
    near("I22", 6_300.0);
    near("J22", 10.0);
    assert_eq!(text(&v, t, "K22"), "On track");
    assert_eq!(text(&v, t, "L22"), "At risk");
    near("O22", -1_840.0);
    // The portfolio line: Alpha's.
    near("B9", 1_700.0);
    near("B10", 2_000.0);
    near("B11", -300.0);
    near("B12", -0.15);
    assert_eq!(text(&v, t, "B13"), "At risk");
    near("B14", 6_310.0);
    near("B15", 6_300.0);
    near("B16", 10.0);
    near("B19", -1_840.0);
    // The KPI: planned at month 2, 100 + (80 − 100) × MIN(1, 2/10) = 96, a cut of 4; 97 is a cut
    // of 3, 25% short: off track.
    near("I25", 96.0);
    assert_eq!(text(&v, t, "J25"), "Off track");
    // Month by month. Month 1 (row 30): 800 − 1,000 = −200, −20% of plan. Month 2 (row 31), the
    // gap: no variance (an empty text, not 0); spend 110 against 100: +10. Month 0 (row 29):
    // 6,000 spent against 6,000 planned. The last month with one-time spend stays 0.
    near("D30", -200.0);
    near("E30", -0.2);
    assert_eq!(text(&v, t, "D31"), "");
    assert_eq!(text(&v, t, "E31"), "");
    near("K31", 110.0);
    near("L31", 10.0);
    near("H29", 6_000.0);
    near("K29", 6_000.0);
    near("L29", 0.0);
    near("M32", 0.0);
}

#[test]
fn the_tracking_sheets_statuses_follow_its_bands() {
    // Value 15% short, spend 0.16% over, the KPI 25% short:
    // * bands 5% / 10%: value off track (beyond 10%), and so Alpha and the portfolio;
    // * bands 15% / 30%: value on track (at green's edge), the KPI at risk (within 30%).
    let (bytes, _) = book(&tracked(5.0, 10.0), false);
    let v = recalculate(&bytes, "tracking-narrow");
    assert_eq!(text(&v, "Tracking", "G22"), "Off track");
    assert_eq!(text(&v, "Tracking", "L22"), "Off track");
    assert_eq!(text(&v, "Tracking", "B13"), "Off track");
    let (bytes, _) = book(&tracked(15.0, 30.0), false);
    let v = recalculate(&bytes, "tracking-wide");
    assert_eq!(text(&v, "Tracking", "G22"), "On track");
    assert_eq!(text(&v, "Tracking", "L22"), "On track");
    assert_eq!(text(&v, "Tracking", "J25"), "At risk");
}

#[test]
fn nothing_tracked_means_no_tracking_sheet() {
    // The small case: its one initiative proposed, no actuals, no goals.
    let (bytes, _) = book(&small(0.0), false);
    let v = recalculate(&bytes, "untracked");
    assert!(v.get("Comparison").is_some());
    assert!(v.get("Tracking").is_none());
}

#[test]
fn kpi_readings_alone_give_a_tracking_sheet_of_kpis() {
    // Alpha proposed again with no actuals: nothing tracked but the KPI's reading. No portfolio
    // line or summary: the KPI table's heads on row 8 (after the bands) and the KPI on row 9:
    // planned at month 2, 96; read 97, 25% short of the cut of 4: off track.
    let mut s = tracked(5.0, 15.0);
    s.initiatives[0].stage = caseboard::model::scenario::Stage::Proposed;
    s.initiatives[0].actuals.clear();
    let (bytes, _) = book(&s, false);
    let v = recalculate(&bytes, "tracking-kpis");
    assert!((num(&v, "Tracking", "I9") - 96.0).abs() < 1e-9);
    assert_eq!(text(&v, "Tracking", "J9"), "Off track");
    assert!(v["Tracking"].get("B9").is_none(), "no portfolio line");
}

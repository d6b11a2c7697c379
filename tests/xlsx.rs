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

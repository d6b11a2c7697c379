//! The tracked case shared by the dashboard's tests (`dashboard.rs`, `tracking_export.rs`),
//! worked by hand in each test: one live initiative, "Alpha", approved on 2027-01-05 with a
//! baseline NPV of $4,800: $6,000 once in month 0, $1,200 a year to run ($100 a month from month
//! 1), $12,000 a year of cost avoided from month 1 at full adoption (no delivery, no ramp-up,
//! 100% confidence): $1,000 a month. Actuals: month 0 the $6,000; month 1 $800 avoided and $100
//! running; month 2 $110 running and no reading (a gap); month 3 $900 and $100.
#![allow(dead_code)]

use caseboard::model::scenario::{Actual, Baseline, Better, Goal, Kpi, KpiReading, Stage};
use caseboard::model::{Benefit, BenefitKind, CostAvoided, Estimate, Initiative};

pub fn cost_avoided(label: &str, per_year: f64) -> Benefit {
    Benefit {
        label: label.into(),
        kind: BenefitKind::CostAvoided(CostAvoided {
            amount_per_year: Estimate::point(per_year),
        }),
        sources: Default::default(),
        unknown: Default::default(),
    }
}

pub fn month(
    m: f64,
    one_time: Option<f64>,
    running: Option<f64>,
    measured: Vec<Option<f64>>,
) -> Actual {
    Actual {
        month: m,
        one_time,
        running,
        measured,
        ..Actual::default()
    }
}

pub fn alpha() -> Initiative {
    let licences = cost_avoided("Licences", 12_000.0);
    Initiative {
        id: "a".into(),
        name: "Alpha".into(),
        one_time_cost: Estimate::point(6_000.0),
        annual_running_cost: Estimate::point(1_200.0),
        delivery_months: Estimate::point(0.0),
        ramp_up_months: Estimate::point(0.0),
        confidence_pct: Estimate::point(100.0),
        benefits: vec![licences.clone()],
        stage: Stage::Live,
        baselines: vec![Baseline {
            date: "2027-01-05".into(),
            one_time_cost: 6_000.0,
            annual_running_cost: 1_200.0,
            delivery_months: 0.0,
            ramp_up_months: 0.0,
            confidence_pct: 100.0,
            start_month: 0.0,
            npv: Some(4_800.0),
            payback_months: None,
            benefits: vec![licences],
        }],
        actuals: vec![
            month(0.0, Some(6_000.0), None, vec![]),
            month(1.0, None, Some(100.0), vec![Some(800.0)]),
            month(2.0, None, Some(110.0), vec![None]),
            month(3.0, None, Some(100.0), vec![Some(900.0)]),
        ],
        ..Initiative::default()
    }
}

/// Goal "g1", "Cut cost", with one KPI: a cost index from 100 to 80 by month 10, lower better,
/// with these (month, reading) pairs.
pub fn cost_index(unit: &str, readings: &[(f64, f64)]) -> Goal {
    Goal {
        id: "g1".into(),
        name: "Cut cost".into(),
        kpis: vec![Kpi {
            id: "k".into(),
            name: "Cost index".into(),
            unit: unit.into(),
            baseline: 100.0,
            target: 80.0,
            target_month: 10.0,
            better: Better::Lower,
            readings: readings
                .iter()
                .map(|&(month, value)| KpiReading { month, value })
                .collect(),
        }],
        ..Goal::default()
    }
}

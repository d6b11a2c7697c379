//! The built-in example: four IT initiatives of the kind a mid-size company weighs, with inputs
//! drawn from common business cases, a year-1 budget and a team that cannot take on all four at
//! once. It is what the app shows on first open.

use super::estimate::Estimate;
use super::scenario::{
    Benefit, BenefitKind, Category, IfLate, Initiative, Period, Portfolio, Scenario, YearBudget,
};
use crate::model::scenario::{CostAvoided, HoursSaved, OutageAvoided, RiskReduced};
use std::collections::BTreeMap;

fn p(v: f64) -> Estimate {
    Estimate::point(v)
}

fn scores(pairs: [(&str, f64); 5]) -> BTreeMap<String, f64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

pub fn example_scenario() -> Scenario {
    Scenario {
        name: "FY27 IT investment candidates".into(),
        initiatives: vec![
            Initiative {
                id: "workflow".into(),
                name: "Service desk workflow automation".into(),
                category: Category::Operational,
                notes: "Automated ticket triage, password resets and access requests on our \
                        ITSM platform; licence uplift plus a partner build."
                    .into(),
                one_time_cost: p(85_000.0),
                annual_running_cost: p(24_000.0),
                delivery_months: p(3.0),
                ramp_up_months: p(4.0),
                confidence_pct: p(90.0),
                scores: scores([
                    ("strategic_fit", 3.0),
                    ("financial_return", 4.0),
                    ("customer_impact", 3.0),
                    ("risk_reduction", 2.0),
                    ("effort", 2.0),
                ]),
                depends_on: vec![],
                benefits: vec![
                    Benefit {
                        label: "Service desk time on routine tickets".into(),
                        kind: BenefitKind::HoursSaved(HoursSaved {
                            hours: p(200.0),
                            per: Period::Month,
                            hourly_rate: None,
                            adoption_pct: p(80.0),
                            recapture_pct: p(75.0),
                        }),
                        unknown: Default::default(),
                        sources: Default::default(),
                    },
                    Benefit {
                        label: "Employees waiting on access requests".into(),
                        kind: BenefitKind::HoursSaved(HoursSaved {
                            hours: p(40.0),
                            per: Period::Week,
                            hourly_rate: Some(p(55.0)),
                            adoption_pct: p(90.0),
                            recapture_pct: p(50.0),
                        }),
                        unknown: Default::default(),
                        sources: Default::default(),
                    },
                ],
                unknown: Default::default(),
                sources: Default::default(),
                effort_pm: 6.0,
                ..Initiative::default()
            },
            Initiative {
                id: "portal-ha".into(),
                name: "Sales portal high availability".into(),
                category: Category::Strategic,
                notes: "Active-active in two regions with automatic failover; today about 12 \
                        outages a year of 45 minutes."
                    .into(),
                one_time_cost: p(260_000.0),
                annual_running_cost: p(72_000.0),
                delivery_months: p(6.0),
                ramp_up_months: p(1.0),
                confidence_pct: p(85.0),
                scores: scores([
                    ("strategic_fit", 4.0),
                    ("financial_return", 4.0),
                    ("customer_impact", 5.0),
                    ("risk_reduction", 3.0),
                    ("effort", 4.0),
                ]),
                depends_on: vec!["monitoring".into()],
                benefits: vec![Benefit {
                    label: "Portal outages avoided".into(),
                    kind: BenefitKind::OutageAvoided(OutageAvoided {
                        baseline_minutes_per_year: p(540.0),
                        reduction_pct: p(80.0),
                        revenue_per_minute: p(800.0),
                        revenue_impact_pct: p(60.0),
                        affected_staff: p(120.0),
                        hourly_rate: Some(p(55.0)),
                        productivity_loss_pct: p(50.0),
                        incidents_avoided_per_year: p(8.0),
                        cost_per_incident: p(5_000.0),
                    }),
                    unknown: Default::default(),
                    sources: Default::default(),
                }],
                unknown: Default::default(),
                sources: Default::default(),
                effort_pm: 15.0,
                ..Initiative::default()
            },
            Initiative {
                id: "mfa-backups".into(),
                name: "MFA and immutable backups".into(),
                category: Category::Mandatory,
                notes: "Phishing-resistant MFA for all staff; immutable offline backups. Loss \
                        per event from breach-cost studies ($4.4M global average). Required by \
                        our cyber insurer."
                    .into(),
                one_time_cost: p(150_000.0),
                annual_running_cost: p(45_000.0),
                delivery_months: p(4.0),
                ramp_up_months: p(2.0),
                confidence_pct: p(70.0),
                scores: scores([
                    ("strategic_fit", 4.0),
                    ("financial_return", 3.0),
                    ("customer_impact", 3.0),
                    ("risk_reduction", 5.0),
                    ("effort", 3.0),
                ]),
                depends_on: vec![],
                benefits: vec![Benefit {
                    label: "Ransomware and account-takeover breach".into(),
                    kind: BenefitKind::RiskReduced(RiskReduced {
                        events_per_year: p(0.08),
                        loss_per_event: p(4_400_000.0),
                        likelihood_reduction_pct: p(60.0),
                        impact_reduction_pct: p(40.0),
                    }),
                    unknown: Default::default(),
                    sources: Default::default(),
                }],
                unknown: Default::default(),
                sources: Default::default(),
                effort_pm: 8.0,
                // The cyber insurer's renewal: each month late costs a premium surcharge.
                needed_by_month: Some(6.0),
                if_late: IfLate::Penalty,
                late_penalty_per_month: 10_000.0,
                ..Initiative::default()
            },
            Initiative {
                id: "monitoring".into(),
                name: "Consolidate monitoring tools".into(),
                category: Category::Operational,
                notes: "Retire two overlapping monitoring tools for the one licensed \
                        enterprise-wide."
                    .into(),
                one_time_cost: p(40_000.0),
                annual_running_cost: p(15_000.0),
                delivery_months: p(4.0),
                ramp_up_months: p(2.0),
                confidence_pct: p(95.0),
                scores: scores([
                    ("strategic_fit", 2.0),
                    ("financial_return", 4.0),
                    ("customer_impact", 1.0),
                    ("risk_reduction", 2.0),
                    ("effort", 2.0),
                ]),
                depends_on: vec![],
                benefits: vec![
                    Benefit {
                        label: "Two retired monitoring licences".into(),
                        kind: BenefitKind::CostAvoided(CostAvoided {
                            amount_per_year: p(85_000.0),
                        }),
                        unknown: Default::default(),
                        sources: Default::default(),
                    },
                    Benefit {
                        label: "Maintaining duplicate integrations".into(),
                        kind: BenefitKind::HoursSaved(HoursSaved {
                            hours: p(10.0),
                            per: Period::Week,
                            hourly_rate: Some(p(80.0)),
                            adoption_pct: p(100.0),
                            recapture_pct: p(80.0),
                        }),
                        unknown: Default::default(),
                        sources: Default::default(),
                    },
                ],
                unknown: Default::default(),
                sources: Default::default(),
                effort_pm: 4.0,
                ..Initiative::default()
            },
        ],
        // A year-1 budget for one-time spend that cannot fund all four, and a team that cannot
        // deliver them all at once: the portfolio makes a real choice and a real schedule.
        portfolio: Portfolio {
            budgets: vec![YearBudget {
                one_time: Some(400_000.0),
                ..YearBudget::default()
            }],
            capacity_pm: Some(4.0),
            ..Portfolio::default()
        },
        ..Scenario::default()
    }
}

/// A blank scenario: default settings and criteria, no initiatives.
pub fn blank_scenario() -> Scenario {
    Scenario::default()
}

/// `example_scenario()` in the flat form (`flat::write`), as JSON: the page reads it with the
/// browser's JSON parser instead of carrying the code that builds it. `tests/example_flat.rs`
/// keeps the two the same (and prints the new text when the example changes).
pub const EXAMPLE_FLAT_JSON: &str = r#"[6.0,"FY27 IT investment candidates","USD",3.0,10.0,null,null,65.0,null,null,1800.0,5.0,"strategic_fit","Strategic fit",1.0,0.0,"financial_return","Financial return",1.0,0.0,"customer_impact","Customer impact",1.0,0.0,"risk_reduction","Risk reduction",1.0,0.0,"effort","Effort",1.0,1.0,10000.0,1.0,0.0,4.0,0.0,0.0,null,null,null,null,1.0,400000.0,null,null,5.0,15.0,null,"",0.0,4.0,"workflow","Service desk workflow automation",2.0,"Automated ticket triage, password resets and access requests on our ITSM platform; licence uplift plus a partner build.",85000.0,null,null,24000.0,null,null,3.0,null,null,4.0,null,null,90.0,null,null,6.0,"",null,0.0,0.0,null,0.0,5.0,"customer_impact",3.0,"effort",2.0,"financial_return",4.0,"risk_reduction",2.0,"strategic_fit",3.0,0.0,0.0,2.0,"Service desk time on routine tickets",0.0,200.0,null,null,1.0,null,80.0,null,null,75.0,null,null,0.0,"Employees waiting on access requests",0.0,40.0,null,null,0.0,55.0,null,null,90.0,null,null,50.0,null,null,0.0,0.0,0.0,0.0,0.0,"portal-ha","Sales portal high availability",1.0,"Active-active in two regions with automatic failover; today about 12 outages a year of 45 minutes.",260000.0,null,null,72000.0,null,null,6.0,null,null,1.0,null,null,85.0,null,null,15.0,"",null,0.0,0.0,null,0.0,5.0,"customer_impact",5.0,"effort",4.0,"financial_return",4.0,"risk_reduction",3.0,"strategic_fit",4.0,1.0,"monitoring",0.0,1.0,"Portal outages avoided",1.0,540.0,null,null,80.0,null,null,800.0,null,null,60.0,null,null,120.0,null,null,55.0,null,null,50.0,null,null,8.0,null,null,5000.0,null,null,0.0,0.0,0.0,0.0,0.0,"mfa-backups","MFA and immutable backups",0.0,"Phishing-resistant MFA for all staff; immutable offline backups. Loss per event from breach-cost studies ($4.4M global average). Required by our cyber insurer.",150000.0,null,null,45000.0,null,null,4.0,null,null,2.0,null,null,70.0,null,null,8.0,"",6.0,1.0,10000.0,null,0.0,5.0,"customer_impact",3.0,"effort",3.0,"financial_return",3.0,"risk_reduction",5.0,"strategic_fit",4.0,0.0,0.0,1.0,"Ransomware and account-takeover breach",2.0,0.08,null,null,4400000.0,null,null,60.0,null,null,40.0,null,null,0.0,0.0,0.0,0.0,0.0,"monitoring","Consolidate monitoring tools",2.0,"Retire two overlapping monitoring tools for the one licensed enterprise-wide.",40000.0,null,null,15000.0,null,null,4.0,null,null,2.0,null,null,95.0,null,null,4.0,"",null,0.0,0.0,null,0.0,5.0,"customer_impact",1.0,"effort",2.0,"financial_return",4.0,"risk_reduction",2.0,"strategic_fit",2.0,0.0,0.0,2.0,"Two retired monitoring licences",3.0,85000.0,null,null,0.0,"Maintaining duplicate integrations",0.0,10.0,null,null,0.0,80.0,null,null,100.0,null,null,80.0,null,null,0.0,0.0,0.0,0.0,0.0]"#;

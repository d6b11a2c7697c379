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
pub const EXAMPLE_FLAT_JSON: &str = r#"[9.0,"FY27 IT investment candidates","USD",3.0,10.0,null,null,65.0,null,null,1800.0,5.0,"strategic_fit","Strategic fit",1.0,0.0,"financial_return","Financial return",1.0,0.0,"customer_impact","Customer impact",1.0,0.0,"risk_reduction","Risk reduction",1.0,0.0,"effort","Effort",1.0,1.0,10000.0,1.0,0.0,4.0,0.0,0.0,null,null,null,null,1.0,400000.0,null,null,5.0,15.0,null,"",0.0,0.0,0.0,0.0,4.0,"workflow","Service desk workflow automation",2.0,"Automated ticket triage, password resets and access requests on our ITSM platform; licence uplift plus a partner build.",85000.0,null,null,24000.0,null,null,3.0,null,null,4.0,null,null,90.0,null,null,6.0,"",null,0.0,0.0,null,0.0,5.0,"customer_impact",3.0,"effort",2.0,"financial_return",4.0,"risk_reduction",2.0,"strategic_fit",3.0,0.0,0.0,2.0,"Service desk time on routine tickets",0.0,200.0,null,null,1.0,null,80.0,null,null,75.0,null,null,0.0,"Employees waiting on access requests",0.0,40.0,null,null,0.0,55.0,null,null,90.0,null,null,50.0,null,null,0.0,0.0,0.0,0.0,0.0,"","portal-ha","Sales portal high availability",1.0,"Active-active in two regions with automatic failover; today about 12 outages a year of 45 minutes.",260000.0,null,null,72000.0,null,null,6.0,null,null,1.0,null,null,85.0,null,null,15.0,"",null,0.0,0.0,null,0.0,5.0,"customer_impact",5.0,"effort",4.0,"financial_return",4.0,"risk_reduction",3.0,"strategic_fit",4.0,1.0,"monitoring",0.0,1.0,"Portal outages avoided",1.0,540.0,null,null,80.0,null,null,800.0,null,null,60.0,null,null,120.0,null,null,55.0,null,null,50.0,null,null,8.0,null,null,5000.0,null,null,0.0,0.0,0.0,0.0,0.0,"","mfa-backups","MFA and immutable backups",0.0,"Phishing-resistant MFA for all staff; immutable offline backups. Loss per event from breach-cost studies ($4.4M global average). Required by our cyber insurer.",150000.0,null,null,45000.0,null,null,4.0,null,null,2.0,null,null,70.0,null,null,8.0,"",6.0,1.0,10000.0,null,0.0,5.0,"customer_impact",3.0,"effort",3.0,"financial_return",3.0,"risk_reduction",5.0,"strategic_fit",4.0,0.0,0.0,1.0,"Ransomware and account-takeover breach",2.0,0.08,null,null,4400000.0,null,null,60.0,null,null,40.0,null,null,0.0,0.0,0.0,0.0,0.0,"","monitoring","Consolidate monitoring tools",2.0,"Retire two overlapping monitoring tools for the one licensed enterprise-wide.",40000.0,null,null,15000.0,null,null,4.0,null,null,2.0,null,null,95.0,null,null,4.0,"",null,0.0,0.0,null,0.0,5.0,"customer_impact",1.0,"effort",2.0,"financial_return",4.0,"risk_reduction",2.0,"strategic_fit",2.0,0.0,0.0,2.0,"Two retired monitoring licences",3.0,85000.0,null,null,0.0,"Maintaining duplicate integrations",0.0,10.0,null,null,0.0,80.0,null,null,100.0,null,null,80.0,null,null,0.0,0.0,0.0,0.0,0.0,""]"#;

/// The example one year later: the steering committee approved three of the four in month 0
/// (the MFA work in month 2), and twelve months of actuals and KPI readings are in. The service
/// desk automation is live with adoption below plan; the monitoring consolidation is live and
/// on plan; the portal's failover went live two months late and over budget; the MFA work is in
/// delivery. Baselines are the plans as approved (`tracking::baseline_of`).
pub fn one_year_later() -> Scenario {
    use super::scenario::{
        Actual, Better, Decision, Goal, Kpi, KpiReading, Serves, Stage, Tracking,
    };
    let mut s = example_scenario();
    s.name = "FY27 IT investment candidates — one year later".into();
    let e = super::evaluate::evaluate_valid(&s);
    let decide = |i: &mut Initiative, date: &str, start: f64, stages: &[(&str, Stage)]| {
        let r = &e.initiatives[s_index(i)];
        for (when, stage) in stages {
            i.decisions.push(Decision {
                date: (*when).into(),
                by: "IT steering committee".into(),
                stage: *stage,
                rationale: match stage {
                    Stage::Approved => "Within the FY27 budget; serves the cost and risk goals.",
                    Stage::InDelivery => "Build started.",
                    _ => "Live in production; benefits measured monthly.",
                }
                .into(),
                npv: r.npv.value,
                roi_pct: r.roi.value,
                payback_months: r.payback_months.value,
            });
            i.stage = *stage;
        }
        i.baselines
            .push(super::tracking::baseline_of(i, r, date, start));
    };
    fn s_index(i: &Initiative) -> usize {
        ["workflow", "portal-ha", "mfa-backups", "monitoring"]
            .iter()
            .position(|x| *x == i.id)
            .unwrap_or(0)
    }
    let month = |m: usize, one_time: Option<f64>, running: Option<f64>| Actual {
        month: m as f64,
        one_time,
        running,
        ..Actual::default()
    };
    // Service desk automation: one-time spend over three months ($89,000 of $85,000), $2,000 a
    // month to run; from month 4, hours measured at 95% of the ramp's plan and adoption at 70%.
    {
        let i = &mut s.initiatives[0];
        decide(
            i,
            "2027-01-05",
            0.0,
            &[("2027-01-05", Stage::Approved), ("2027-05-03", Stage::Live)],
        );
        for m in 0..=12 {
            let one_time = [Some(60_000.0), Some(20_000.0), Some(9_000.0)]
                .get(m)
                .copied()
                .flatten();
            let mut a = month(
                m,
                one_time,
                (m > 0).then_some(if m < 7 { 2_000.0 } else { 2_100.0 }),
            );
            let share = super::cashflow::ramp_share(m, 3.0, 4.0);
            if share > 0.0 {
                a.adoption_pct = Some(70.0);
                a.measured = vec![
                    Some((200.0 * share * 0.95).round()),
                    Some((40.0 * 52.0 / 12.0 * share).round()),
                ];
            }
            i.actuals.push(a);
        }
        i.status_note = "Adoption is 70% against 80% planned: the night shift still phones the \
                         desk. Doing: the self-service link goes into the VPN client in month 14."
            .into();
        i.serves = vec![Serves {
            goal: "cost".into(),
            kpi: "opex".into(),
            change: Some(-25.0),
        }];
    }
    // Portal failover: cut over in month 8, not 6; $300,000 spent of $260,000. Outage minutes
    // measured from month 7.
    {
        let i = &mut s.initiatives[1];
        decide(
            i,
            "2027-01-05",
            0.0,
            &[
                ("2027-01-05", Stage::Approved),
                ("2027-01-20", Stage::InDelivery),
            ],
        );
        let minutes = [45.0, 20.0, 12.0, 9.0, 8.0, 9.0];
        for m in 0..=12 {
            let one_time = match m {
                0 => Some(120_000.0),
                1..=7 => Some(25_000.0),
                _ => None,
            };
            let mut a = month(m, one_time, (m > 0).then_some(6_000.0));
            if m >= 7 {
                a.measured = vec![Some(minutes[m - 7])];
            }
            i.actuals.push(a);
        }
        i.status_note = "Failover testing found a DNS dependency: cut-over moved from month 6 \
                         to month 8 and cost $35,000 more. Doing: outage minutes are now under \
                         plan; the overrun goes to the March steering committee."
            .into();
        i.serves = vec![Serves {
            goal: "resilience".into(),
            kpi: "p1".into(),
            change: Some(-2.0),
        }];
    }
    // MFA and backups: approved in month 2, in delivery; spend only (a breach a year is not
    // measured monthly).
    {
        let i = &mut s.initiatives[2];
        i.fixed_start_month = Some(2.0);
        decide(
            i,
            "2027-03-01",
            2.0,
            &[
                ("2027-03-01", Stage::Approved),
                ("2027-03-15", Stage::InDelivery),
            ],
        );
        for m in 2..=12 {
            let one_time = (m <= 6).then_some(30_000.0);
            i.actuals
                .push(month(m, one_time, (m > 2).then_some(3_750.0)));
        }
        i.serves = vec![Serves {
            goal: "resilience".into(),
            ..Serves::default()
        }];
    }
    // Monitoring consolidation: on plan; both licences retired as planned.
    {
        let i = &mut s.initiatives[3];
        decide(
            i,
            "2027-01-05",
            0.0,
            &[("2027-01-05", Stage::Approved), ("2027-06-01", Stage::Live)],
        );
        for m in 0..=12 {
            let one_time = (m == 0).then_some(38_500.0);
            let mut a = month(m, one_time, (m > 0).then_some(1_250.0));
            let share = super::cashflow::ramp_share(m, 4.0, 2.0);
            if share > 0.0 {
                a.measured = vec![
                    Some((85_000.0 / 12.0 * share).round()),
                    Some((10.0 * 52.0 / 12.0 * share).round()),
                ];
            }
            i.actuals.push(a);
        }
        i.serves = vec![Serves {
            goal: "cost".into(),
            kpi: "opex".into(),
            change: Some(-8.0),
        }];
    }
    let opex = [
        820.0, 818.0, 815.0, 809.0, 805.0, 801.0, 798.0, 795.0, 791.0, 789.0, 786.0, 784.0, 782.0,
    ];
    s.goals = vec![
        Goal {
            id: "cost".into(),
            name: "Cut IT operating cost 5% this year".into(),
            weight: 2.0,
            kpis: vec![Kpi {
                id: "opex".into(),
                name: "IT operating cost".into(),
                unit: "$k a month".into(),
                baseline: 820.0,
                target: 779.0,
                target_month: 12.0,
                better: Better::Lower,
                readings: (1..=12)
                    .map(|m| KpiReading {
                        month: m as f64,
                        value: opex[m],
                    })
                    .collect(),
            }],
            note: "$3k a month above the path: the old monitoring contract runs to its renewal \
                   in month 14. Doing: notice given."
                .into(),
        },
        Goal {
            id: "resilience".into(),
            name: "Lower breach and outage risk".into(),
            weight: 1.0,
            kpis: vec![Kpi {
                id: "p1".into(),
                name: "P1 incidents".into(),
                unit: "a quarter".into(),
                baseline: 6.0,
                target: 3.0,
                target_month: 12.0,
                better: Better::Lower,
                readings: [(3.0, 6.0), (6.0, 5.0), (9.0, 5.0), (12.0, 4.0)]
                    .into_iter()
                    .map(|(month, value)| KpiReading { month, value })
                    .collect(),
            }],
            ..Goal::default()
        },
    ];
    s.tracking = Tracking {
        as_of_month: Some(12.0),
        start: "2027-01".into(),
        ..Tracking::default()
    };
    s
}

/// `one_year_later()` in the flat form, as JSON, for the page (`tests/example_flat.rs` keeps the
/// two the same and prints the new text when the example changes).
pub const YEAR_LATER_FLAT_JSON: &str = r#"[9.0,"FY27 IT investment candidates — one year later","USD",3.0,10.0,null,null,65.0,null,null,1800.0,5.0,"strategic_fit","Strategic fit",1.0,0.0,"financial_return","Financial return",1.0,0.0,"customer_impact","Customer impact",1.0,0.0,"risk_reduction","Risk reduction",1.0,0.0,"effort","Effort",1.0,1.0,10000.0,1.0,0.0,4.0,0.0,0.0,null,null,null,null,1.0,400000.0,null,null,5.0,15.0,12.0,"2027-01",0.0,2.0,"cost","Cut IT operating cost 5% this year",2.0,1.0,"opex","IT operating cost","$k a month",820.0,779.0,12.0,1.0,12.0,1.0,818.0,2.0,815.0,3.0,809.0,4.0,805.0,5.0,801.0,6.0,798.0,7.0,795.0,8.0,791.0,9.0,789.0,10.0,786.0,11.0,784.0,12.0,782.0,"$3k a month above the path: the old monitoring contract runs to its renewal in month 14. Doing: notice given.","resilience","Lower breach and outage risk",1.0,1.0,"p1","P1 incidents","a quarter",6.0,3.0,12.0,1.0,4.0,3.0,6.0,6.0,5.0,9.0,5.0,12.0,4.0,"",0.0,0.0,4.0,"workflow","Service desk workflow automation",2.0,"Automated ticket triage, password resets and access requests on our ITSM platform; licence uplift plus a partner build.",85000.0,null,null,24000.0,null,null,3.0,null,null,4.0,null,null,90.0,null,null,6.0,"",null,0.0,0.0,null,5.0,5.0,"customer_impact",3.0,"effort",2.0,"financial_return",4.0,"risk_reduction",2.0,"strategic_fit",3.0,0.0,0.0,2.0,"Service desk time on routine tickets",0.0,200.0,null,null,1.0,null,80.0,null,null,75.0,null,null,0.0,"Employees waiting on access requests",0.0,40.0,null,null,0.0,55.0,null,null,90.0,null,null,50.0,null,null,0.0,1.0,"cost","opex",-25.0,2.0,"2027-01-05","IT steering committee",1.0,"Within the FY27 budget; serves the cost and risk goals.",144109.80823485437,97.78581525115519,15.084393649363811,"2027-05-03","IT steering committee",5.0,"Live in production; benefits measured monthly.",144109.80823485437,97.78581525115519,15.084393649363811,1.0,"2027-01-05",85000.0,24000.0,3.0,4.0,90.0,0.0,144109.80823485437,15.084393649363811,2.0,"Service desk time on routine tickets",0.0,200.0,null,null,1.0,null,80.0,null,null,75.0,null,null,0.0,"Employees waiting on access requests",0.0,40.0,null,null,0.0,55.0,null,null,90.0,null,null,50.0,null,null,0.0,13.0,0.0,60000.0,null,null,0.0,1.0,20000.0,2000.0,null,0.0,2.0,9000.0,2000.0,null,0.0,3.0,null,2000.0,null,0.0,4.0,null,2000.0,70.0,2.0,48.0,43.0,5.0,null,2000.0,70.0,2.0,95.0,87.0,6.0,null,2000.0,70.0,2.0,143.0,130.0,7.0,null,2100.0,70.0,2.0,190.0,173.0,8.0,null,2100.0,70.0,2.0,190.0,173.0,9.0,null,2100.0,70.0,2.0,190.0,173.0,10.0,null,2100.0,70.0,2.0,190.0,173.0,11.0,null,2100.0,70.0,2.0,190.0,173.0,12.0,null,2100.0,70.0,2.0,190.0,173.0,"Adoption is 70% against 80% planned: the night shift still phones the desk. Doing: the self-service link goes into the VPN client in month 14.","portal-ha","Sales portal high availability",1.0,"Active-active in two regions with automatic failover; today about 12 outages a year of 45 minutes.",260000.0,null,null,72000.0,null,null,6.0,null,null,1.0,null,null,85.0,null,null,15.0,"",null,0.0,0.0,null,4.0,5.0,"customer_impact",5.0,"effort",4.0,"financial_return",4.0,"risk_reduction",3.0,"strategic_fit",4.0,1.0,"monitoring",0.0,1.0,"Portal outages avoided",1.0,540.0,null,null,80.0,null,null,800.0,null,null,60.0,null,null,120.0,null,null,55.0,null,null,50.0,null,null,8.0,null,null,5000.0,null,null,0.0,1.0,"resilience","p1",-2.0,2.0,"2027-01-05","IT steering committee",1.0,"Within the FY27 budget; serves the cost and risk goals.",39719.11539217859,8.883348178563885,28.41688334637619,"2027-01-20","IT steering committee",4.0,"Build started.",39719.11539217859,8.883348178563885,28.41688334637619,1.0,"2027-01-05",260000.0,72000.0,6.0,1.0,85.0,0.0,39719.11539217859,28.41688334637619,1.0,"Portal outages avoided",1.0,540.0,null,null,80.0,null,null,800.0,null,null,60.0,null,null,120.0,null,null,55.0,null,null,50.0,null,null,8.0,null,null,5000.0,null,null,0.0,13.0,0.0,120000.0,null,null,0.0,1.0,25000.0,6000.0,null,0.0,2.0,25000.0,6000.0,null,0.0,3.0,25000.0,6000.0,null,0.0,4.0,25000.0,6000.0,null,0.0,5.0,25000.0,6000.0,null,0.0,6.0,25000.0,6000.0,null,0.0,7.0,25000.0,6000.0,null,1.0,45.0,8.0,null,6000.0,null,1.0,20.0,9.0,null,6000.0,null,1.0,12.0,10.0,null,6000.0,null,1.0,9.0,11.0,null,6000.0,null,1.0,8.0,12.0,null,6000.0,null,1.0,9.0,"Failover testing found a DNS dependency: cut-over moved from month 6 to month 8 and cost $35,000 more. Doing: outage minutes are now under plan; the overrun goes to the March steering committee.","mfa-backups","MFA and immutable backups",0.0,"Phishing-resistant MFA for all staff; immutable offline backups. Loss per event from breach-cost studies ($4.4M global average). Required by our cyber insurer.",150000.0,null,null,45000.0,null,null,4.0,null,null,2.0,null,null,70.0,null,null,8.0,"",6.0,1.0,10000.0,2.0,4.0,5.0,"customer_impact",3.0,"effort",3.0,"financial_return",3.0,"risk_reduction",5.0,"strategic_fit",4.0,0.0,0.0,1.0,"Ransomware and account-takeover breach",2.0,0.08,null,null,4400000.0,null,null,60.0,null,null,40.0,null,null,0.0,1.0,"resilience","",null,2.0,"2027-03-01","IT steering committee",1.0,"Within the FY27 budget; serves the cost and risk goals.",151030.47094676644,56.576479760067976,18.575943316650736,"2027-03-15","IT steering committee",4.0,"Build started.",151030.47094676644,56.576479760067976,18.575943316650736,1.0,"2027-03-01",150000.0,45000.0,4.0,2.0,70.0,2.0,151030.47094676644,18.575943316650736,1.0,"Ransomware and account-takeover breach",2.0,0.08,null,null,4400000.0,null,null,60.0,null,null,40.0,null,null,0.0,11.0,2.0,30000.0,null,null,0.0,3.0,30000.0,3750.0,null,0.0,4.0,30000.0,3750.0,null,0.0,5.0,30000.0,3750.0,null,0.0,6.0,30000.0,3750.0,null,0.0,7.0,null,3750.0,null,0.0,8.0,null,3750.0,null,0.0,9.0,null,3750.0,null,0.0,10.0,null,3750.0,null,0.0,11.0,null,3750.0,null,0.0,12.0,null,3750.0,null,0.0,"","monitoring","Consolidate monitoring tools",2.0,"Retire two overlapping monitoring tools for the one licensed enterprise-wide.",40000.0,null,null,15000.0,null,null,4.0,null,null,2.0,null,null,95.0,null,null,4.0,"",null,0.0,0.0,null,5.0,5.0,"customer_impact",1.0,"effort",2.0,"financial_return",4.0,"risk_reduction",2.0,"strategic_fit",2.0,0.0,0.0,2.0,"Two retired monitoring licences",3.0,85000.0,null,null,0.0,"Maintaining duplicate integrations",0.0,10.0,null,null,0.0,80.0,null,null,100.0,null,null,80.0,null,null,0.0,1.0,"cost","opex",-8.0,2.0,"2027-01-05","IT steering committee",1.0,"Within the FY27 budget; serves the cost and risk goals.",171821.70447172757,217.542440209845,10.12311279091264,"2027-06-01","IT steering committee",5.0,"Live in production; benefits measured monthly.",171821.70447172757,217.542440209845,10.12311279091264,1.0,"2027-01-05",40000.0,15000.0,4.0,2.0,95.0,0.0,171821.70447172757,10.12311279091264,2.0,"Two retired monitoring licences",3.0,85000.0,null,null,0.0,"Maintaining duplicate integrations",0.0,10.0,null,null,0.0,80.0,null,null,100.0,null,null,80.0,null,null,0.0,13.0,0.0,38500.0,null,null,0.0,1.0,null,1250.0,null,0.0,2.0,null,1250.0,null,0.0,3.0,null,1250.0,null,0.0,4.0,null,1250.0,null,0.0,5.0,null,1250.0,null,2.0,3542.0,22.0,6.0,null,1250.0,null,2.0,7083.0,43.0,7.0,null,1250.0,null,2.0,7083.0,43.0,8.0,null,1250.0,null,2.0,7083.0,43.0,9.0,null,1250.0,null,2.0,7083.0,43.0,10.0,null,1250.0,null,2.0,7083.0,43.0,11.0,null,1250.0,null,2.0,7083.0,43.0,12.0,null,1250.0,null,2.0,7083.0,43.0,""]"#;

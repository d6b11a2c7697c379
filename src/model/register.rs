//! The assumptions register: every numeric input of every initiative and of each of its
//! benefits, with its value, unit, and whether it was entered or is still the default. The one
//! home of "entered or default": the CSV, the workbook, the page's register and the summary's
//! sentence about defaults read it.

use super::scenario::{BenefitKind, IfLate, Initiative, Scenario, Sources};
use super::schema::{Kind, Record, Val};

/// One input of the register.
#[derive(Debug, Clone, PartialEq)]
pub struct Assumption {
    /// The initiative's position in the scenario.
    pub initiative: usize,
    pub initiative_name: String,
    /// "" for the initiative's own inputs; "Benefit 2: Ticket triage" for a benefit's.
    pub owner: String,
    /// The benefit's position in its initiative; `None` for the initiative's own inputs.
    pub benefit: Option<usize>,
    /// The field's key in its record.
    pub key: &'static str,
    pub label: &'static str,
    /// The unit as the form shows it, money with the scenario's currency ("USD /yr").
    pub unit: String,
    pub kind: Kind,
    /// The likely value; `None` for an optional input left to the scenario's (a benefit's own
    /// hourly rate).
    pub likely: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Still the value a new initiative or benefit starts with.
    pub is_default: bool,
    /// Where it comes from, as the user wrote it ("" when not given).
    pub source: String,
}

/// A benefit's name in the register: "Benefit 2: Ticket triage" (its kind when unlabelled).
pub fn benefit_owner(n: usize, label: &str, kind: &BenefitKind) -> String {
    let label = label.trim();
    if label.is_empty() {
        format!("Benefit {}: {}", n + 1, kind.kind_label())
    } else {
        format!("Benefit {}: {label}", n + 1)
    }
}

/// The register of a scenario, initiative by initiative, each initiative's own inputs first.
pub fn register(s: &Scenario) -> Vec<Assumption> {
    let mut out = Vec::new();
    for (k, i) in s.initiatives.iter().enumerate() {
        let blank_initiative = Initiative::default();
        type Rec<'a> = (
            Option<usize>,
            String,
            &'a dyn Record,
            Box<dyn Record>,
            &'a Sources,
        );
        let mut records: Vec<Rec> = vec![(
            None,
            String::new(),
            i,
            Box::new(blank_initiative),
            &i.sources,
        )];
        for (n, b) in i.benefits.iter().enumerate() {
            if let Some(blank) = BenefitKind::blank(b.kind.kind_name()) {
                let owner = benefit_owner(n, &b.label, &b.kind);
                records.push((Some(n), owner, &b.kind, Box::new(blank), &b.sources));
            }
        }
        for (benefit, owner, rec, blank, sources) in records {
            for f in rec.fields() {
                let Some(v) = rec.get(f.key) else { continue };
                // Portfolio inputs not in use: no milestone, no fixed start, a penalty without
                // the penalty rule.
                let unused = matches!(v, Val::OptNum(None))
                    || (benefit.is_none()
                        && f.key == "late_penalty_per_month"
                        && !(i.needed_by_month.is_some() && i.if_late == IfLate::Penalty));
                if unused {
                    continue;
                }
                let (likely, low, high) = match &v {
                    Val::Est(e) | Val::OptEst(Some(e)) => (Some(e.likely), e.low, e.high),
                    Val::Num(x) | Val::OptNum(Some(x)) => (Some(*x), None, None),
                    Val::OptEst(None) | Val::OptNum(None) => (None, None, None),
                    Val::Text(_) | Val::Choice(_) => continue,
                };
                let unit = match f.kind {
                    Kind::Money => format!("{} {}", s.currency, f.unit).trim_end().to_string(),
                    _ => f.unit.to_string(),
                };
                out.push(Assumption {
                    initiative: k,
                    initiative_name: i.name.clone(),
                    owner: owner.clone(),
                    benefit,
                    key: f.key,
                    label: f.label,
                    unit,
                    kind: f.kind,
                    likely,
                    low,
                    high,
                    is_default: blank.get(f.key).as_ref() == Some(&v),
                    source: sources.get(f.key).cloned().unwrap_or_default(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::{Benefit, HoursSaved, UnknownFields};
    use crate::model::Estimate;

    #[test]
    fn lists_each_input_once_with_entered_or_default() {
        let mut s = Scenario {
            currency: "EUR".into(),
            ..Scenario::default()
        };
        let mut i = Initiative {
            name: "Desk".into(),
            one_time_cost: Estimate::range(100.0, 150.0, 200.0),
            ..Initiative::default()
        };
        i.benefits.push(Benefit {
            label: String::new(),
            kind: BenefitKind::HoursSaved(HoursSaved {
                hours: Estimate::point(40.0),
                ..HoursSaved::default()
            }),
            unknown: UnknownFields::default(),
            sources: [("hours".to_string(), "ticket export, Q3".to_string())].into(),
        });
        s.initiatives.push(i);
        let r = register(&s);
        // 5 numeric inputs of the initiative and its team effort (no milestone, fixed start or
        // penalty rule: those are left out), 4 of the benefit (the period is a choice).
        assert_eq!(r.len(), 6 + 4);
        let cost = r.iter().find(|a| a.key == "one_time_cost").unwrap();
        assert_eq!(
            (cost.likely, cost.low, cost.high, cost.is_default),
            (Some(150.0), Some(100.0), Some(200.0), false)
        );
        assert_eq!(cost.unit, "EUR");
        let delivery = r.iter().find(|a| a.key == "delivery_months").unwrap();
        assert!(delivery.is_default);
        let hours = r.iter().find(|a| a.key == "hours").unwrap();
        assert_eq!(hours.owner, "Benefit 1: Hours saved");
        assert_eq!(
            (hours.benefit, hours.source.as_str()),
            (Some(0), "ticket export, Q3")
        );
        assert!(!hours.is_default);
        assert_eq!((cost.benefit, cost.source.as_str()), (None, ""));
        let rate = r.iter().find(|a| a.key == "hourly_rate").unwrap();
        assert_eq!((rate.likely, rate.is_default), (None, true));
    }
}

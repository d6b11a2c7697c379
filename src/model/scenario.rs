//! Scenario types. They are also the JSON format that export, import and share links carry
//! (see the README's "Scenario format").
//!
//! Percentages are stored as percent numbers (`80` means 80%). Money is in the scenario's currency.

use super::estimate::Estimate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Minutes in a 365-day year, the base for availability percentages.
pub const MINUTES_PER_YEAR: f64 = 525_600.0;
pub const MIN_HORIZON_YEARS: u32 = 1;
pub const MAX_HORIZON_YEARS: u32 = 10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scenario {
    pub name: String,
    /// ISO 4217 currency code, e.g. "USD".
    pub currency: String,
    /// Evaluation horizon in whole years, 1–10.
    pub horizon_years: u32,
    /// Annual discount rate, percent.
    pub discount_rate_pct: Estimate,
    /// Loaded cost of one hour of staff time, used where a benefit gives no rate of its own.
    pub default_hourly_rate: Estimate,
    /// Working hours in one FTE-year, for FTE equivalents.
    pub hours_per_fte_year: f64,
    pub criteria: Vec<Criterion>,
    pub initiatives: Vec<Initiative>,
    /// Monte Carlo settings: part of the scenario, so that a shared link or file reproduces the
    /// same percentiles exactly.
    pub simulation: SimSettings,
    /// Fields this version does not know (a newer version's data), written back on save.
    #[serde(flatten, skip_deserializing)]
    pub unknown: UnknownFields,
}

/// A record's fields that this version of Caseboard does not know, such as a newer version's
/// data: key → the value's JSON text, kept as text so that the page carries them without parsing
/// JSON. The saved-file and link formats (`formats::named`) read and write them, so a scenario
/// opened, edited and saved again keeps them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnknownFields(pub BTreeMap<String, String>);

/// How the uncertainty is simulated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SimSettings {
    /// Trials per run (100 to 1,000,000).
    pub trials: u32,
    /// The random seed: the same seed gives the same draws, on any machine.
    pub seed: u32,
    /// How a range is sampled.
    pub distribution: Distribution,
    /// Fields this version does not know (a newer version's data), written back on save.
    #[serde(flatten, skip_deserializing)]
    pub unknown: UnknownFields,
}

/// How a range (low, likely, high) is sampled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Distribution {
    /// PERT(low, likely, high): bounded by low and high, peaked at likely.
    #[default]
    Pert,
    /// Lognormal with low and high as its 5th and 95th percentiles, for ranges with low > 0 that
    /// are not percentages (which stay PERT, within 0–100). The likely value is not used: the
    /// median is √(low · high). Its long right tail suits wide positive ranges (losses, effort).
    Lognormal,
}

impl Distribution {
    pub const ALL: [Distribution; 2] = [Distribution::Pert, Distribution::Lognormal];

    pub fn key(self) -> &'static str {
        match self {
            Distribution::Pert => "pert",
            Distribution::Lognormal => "lognormal",
        }
    }
}

/// The fewest and most trials a run may have.
pub const MIN_TRIALS: u32 = 100;
pub const MAX_TRIALS: u32 = 1_000_000;

impl Default for SimSettings {
    fn default() -> Self {
        SimSettings {
            trials: 10_000,
            seed: 1,
            distribution: Distribution::Pert,
            unknown: UnknownFields::default(),
        }
    }
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            name: "Untitled scenario".into(),
            currency: "USD".into(),
            horizon_years: 3,
            discount_rate_pct: Estimate::point(10.0),
            default_hourly_rate: Estimate::point(65.0),
            hours_per_fte_year: 1800.0,
            criteria: Criterion::defaults(),
            initiatives: Vec::new(),
            simulation: SimSettings::default(),
            unknown: UnknownFields::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// Stable id, referenced by each initiative's scores.
    pub id: String,
    pub name: String,
    /// Relative weight, ≥ 0. Weights need not sum to anything.
    pub weight: f64,
    pub direction: Direction,
    /// Fields this version does not know (a newer version's data), written back on save.
    #[serde(flatten, skip_deserializing)]
    pub unknown: UnknownFields,
}

impl Criterion {
    pub fn new(id: &str, name: &str, direction: Direction) -> Self {
        Criterion {
            id: id.into(),
            name: name.into(),
            weight: 1.0,
            direction,
            unknown: UnknownFields::default(),
        }
    }

    /// Strategic fit, financial return, customer impact, risk reduction, effort (lower is
    /// better); equal weights.
    pub fn defaults() -> Vec<Criterion> {
        use Direction::*;
        vec![
            Criterion::new("strategic_fit", "Strategic fit", HigherIsBetter),
            Criterion::new("financial_return", "Financial return", HigherIsBetter),
            Criterion::new("customer_impact", "Customer impact", HigherIsBetter),
            Criterion::new("risk_reduction", "Risk reduction", HigherIsBetter),
            Criterion::new("effort", "Effort", LowerIsBetter),
        ]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Mandatory,
    Strategic,
    #[default]
    Operational,
}

impl Category {
    pub const ALL: [Category; 3] = [
        Category::Mandatory,
        Category::Strategic,
        Category::Operational,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Category::Mandatory => "Mandatory",
            Category::Strategic => "Strategic",
            Category::Operational => "Operational",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Initiative {
    /// Stable id: unique within the scenario, referenced by `depends_on`.
    pub id: String,
    pub name: String,
    pub category: Category,
    pub notes: String,
    pub one_time_cost: Estimate,
    pub annual_running_cost: Estimate,
    /// Months from the start until benefits begin.
    pub delivery_months: Estimate,
    /// Months of linear ramp-up from first benefit to full adoption.
    pub ramp_up_months: Estimate,
    /// Confidence in the benefits, percent: a TEI-style risk adjustment applied to every benefit.
    pub confidence_pct: Estimate,
    /// Score 1–5 per criterion id.
    pub scores: BTreeMap<String, f64>,
    /// Ids of initiatives this one depends on.
    pub depends_on: Vec<String>,
    pub benefits: Vec<Benefit>,
    /// Fields this version does not know (a newer version's data), written back on save.
    #[serde(flatten, skip_deserializing)]
    pub unknown: UnknownFields,
}

impl Default for Initiative {
    fn default() -> Self {
        Initiative {
            id: String::new(),
            name: "New initiative".into(),
            category: Category::default(),
            notes: String::new(),
            one_time_cost: Estimate::point(0.0),
            annual_running_cost: Estimate::point(0.0),
            delivery_months: Estimate::point(3.0),
            ramp_up_months: Estimate::point(3.0),
            confidence_pct: Estimate::point(100.0),
            scores: BTreeMap::new(),
            depends_on: Vec::new(),
            benefits: Vec::new(),
            unknown: UnknownFields::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Benefit {
    pub label: String,
    #[serde(flatten)]
    pub kind: BenefitKind,
    /// Fields this version does not know (a newer version's data), written back on save.
    #[serde(flatten, skip_deserializing)]
    pub unknown: UnknownFields,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Week,
    Month,
    Year,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Week, Period::Month, Period::Year];

    /// Periods in a year: 52 weeks, 12 months, 1 year.
    pub fn per_year(self) -> f64 {
        match self {
            Period::Week => 52.0,
            Period::Month => 12.0,
            Period::Year => 1.0,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
        }
    }
}

/// What a benefit is, with the inputs that convert it into money per year at full adoption.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BenefitKind {
    /// Staff time saved.
    HoursSaved {
        hours: Estimate,
        per: Period,
        /// Loaded hourly rate; the scenario default when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        hourly_rate: Option<Estimate>,
        adoption_pct: Estimate,
        /// Share of the saved time that turns into productive work.
        recapture_pct: Estimate,
    },
    /// Outage minutes avoided.
    OutageAvoided {
        baseline_minutes_per_year: Estimate,
        reduction_pct: Estimate,
        revenue_per_minute: Estimate,
        /// Share of the revenue during an outage that is lost rather than deferred.
        revenue_impact_pct: Estimate,
        affected_staff: Estimate,
        /// Loaded hourly rate of the affected staff; the scenario default when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        hourly_rate: Option<Estimate>,
        productivity_loss_pct: Estimate,
        incidents_avoided_per_year: Estimate,
        /// Recovery work, SLA penalties and other cost per incident.
        cost_per_incident: Estimate,
    },
    /// Risk exposure reduced (annualized loss expectancy).
    RiskReduced {
        /// Loss events per year; below 1 for rare events (0.1 = once a decade).
        events_per_year: Estimate,
        loss_per_event: Estimate,
        likelihood_reduction_pct: Estimate,
        impact_reduction_pct: Estimate,
    },
    /// A cost that no longer has to be paid (a retired tool, a contract).
    CostAvoided { amount_per_year: Estimate },
    /// New revenue, counted at its margin.
    RevenueGained {
        revenue_per_year: Estimate,
        margin_pct: Estimate,
    },
}

/// The value driver a benefit contributes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Driver {
    Productivity,
    Availability,
    Risk,
    CostAvoided,
    Revenue,
}

impl Driver {
    pub const ALL: [Driver; 5] = [
        Driver::Productivity,
        Driver::Availability,
        Driver::Risk,
        Driver::CostAvoided,
        Driver::Revenue,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn label(self) -> &'static str {
        match self {
            Driver::Productivity => "Productivity",
            Driver::Availability => "Availability",
            Driver::Risk => "Risk reduction",
            Driver::CostAvoided => "Cost avoided",
            Driver::Revenue => "Revenue",
        }
    }
}

impl BenefitKind {
    pub fn driver(&self) -> Driver {
        match self {
            BenefitKind::HoursSaved { .. } => Driver::Productivity,
            BenefitKind::OutageAvoided { .. } => Driver::Availability,
            BenefitKind::RiskReduced { .. } => Driver::Risk,
            BenefitKind::CostAvoided { .. } => Driver::CostAvoided,
            BenefitKind::RevenueGained { .. } => Driver::Revenue,
        }
    }

    pub fn kind_label(&self) -> &'static str {
        match self {
            BenefitKind::HoursSaved { .. } => "Hours saved",
            BenefitKind::OutageAvoided { .. } => "Outage minutes avoided",
            BenefitKind::RiskReduced { .. } => "Risk reduced",
            BenefitKind::CostAvoided { .. } => "Cost avoided",
            BenefitKind::RevenueGained { .. } => "Revenue gained",
        }
    }
}

impl BenefitKind {
    /// Every estimated input with its JSON field name, in form order. An absent optional hourly
    /// rate is left out.
    pub fn estimates(&self) -> Vec<(&'static str, &Estimate)> {
        let mut out: Vec<(&'static str, &Estimate)> = Vec::new();
        match self {
            BenefitKind::HoursSaved {
                hours,
                hourly_rate,
                adoption_pct,
                recapture_pct,
                ..
            } => {
                out.push(("hours", hours));
                if let Some(r) = hourly_rate {
                    out.push(("hourly_rate", r));
                }
                out.push(("adoption_pct", adoption_pct));
                out.push(("recapture_pct", recapture_pct));
            }
            BenefitKind::OutageAvoided {
                baseline_minutes_per_year,
                reduction_pct,
                revenue_per_minute,
                revenue_impact_pct,
                affected_staff,
                hourly_rate,
                productivity_loss_pct,
                incidents_avoided_per_year,
                cost_per_incident,
            } => {
                out.push(("baseline_minutes_per_year", baseline_minutes_per_year));
                out.push(("reduction_pct", reduction_pct));
                out.push(("revenue_per_minute", revenue_per_minute));
                out.push(("revenue_impact_pct", revenue_impact_pct));
                out.push(("affected_staff", affected_staff));
                if let Some(r) = hourly_rate {
                    out.push(("hourly_rate", r));
                }
                out.push(("productivity_loss_pct", productivity_loss_pct));
                out.push(("incidents_avoided_per_year", incidents_avoided_per_year));
                out.push(("cost_per_incident", cost_per_incident));
            }
            BenefitKind::RiskReduced {
                events_per_year,
                loss_per_event,
                likelihood_reduction_pct,
                impact_reduction_pct,
            } => {
                out.push(("events_per_year", events_per_year));
                out.push(("loss_per_event", loss_per_event));
                out.push(("likelihood_reduction_pct", likelihood_reduction_pct));
                out.push(("impact_reduction_pct", impact_reduction_pct));
            }
            BenefitKind::CostAvoided { amount_per_year } => {
                out.push(("amount_per_year", amount_per_year));
            }
            BenefitKind::RevenueGained {
                revenue_per_year,
                margin_pct,
            } => {
                out.push(("revenue_per_year", revenue_per_year));
                out.push(("margin_pct", margin_pct));
            }
        }
        out
    }

    /// The estimate named `field` (its JSON name), if this kind has it.
    pub fn estimate_mut(&mut self, field: &str) -> Option<&mut Estimate> {
        match (self, field) {
            (BenefitKind::HoursSaved { hours, .. }, "hours") => Some(hours),
            (BenefitKind::HoursSaved { adoption_pct, .. }, "adoption_pct") => Some(adoption_pct),
            (BenefitKind::HoursSaved { recapture_pct, .. }, "recapture_pct") => Some(recapture_pct),
            (BenefitKind::HoursSaved { hourly_rate, .. }, "hourly_rate")
            | (BenefitKind::OutageAvoided { hourly_rate, .. }, "hourly_rate") => {
                hourly_rate.as_mut()
            }
            (
                BenefitKind::OutageAvoided {
                    baseline_minutes_per_year,
                    ..
                },
                "baseline_minutes_per_year",
            ) => Some(baseline_minutes_per_year),
            (BenefitKind::OutageAvoided { reduction_pct, .. }, "reduction_pct") => {
                Some(reduction_pct)
            }
            (
                BenefitKind::OutageAvoided {
                    revenue_per_minute, ..
                },
                "revenue_per_minute",
            ) => Some(revenue_per_minute),
            (
                BenefitKind::OutageAvoided {
                    revenue_impact_pct, ..
                },
                "revenue_impact_pct",
            ) => Some(revenue_impact_pct),
            (BenefitKind::OutageAvoided { affected_staff, .. }, "affected_staff") => {
                Some(affected_staff)
            }
            (
                BenefitKind::OutageAvoided {
                    productivity_loss_pct,
                    ..
                },
                "productivity_loss_pct",
            ) => Some(productivity_loss_pct),
            (
                BenefitKind::OutageAvoided {
                    incidents_avoided_per_year,
                    ..
                },
                "incidents_avoided_per_year",
            ) => Some(incidents_avoided_per_year),
            (
                BenefitKind::OutageAvoided {
                    cost_per_incident, ..
                },
                "cost_per_incident",
            ) => Some(cost_per_incident),
            (
                BenefitKind::RiskReduced {
                    events_per_year, ..
                },
                "events_per_year",
            ) => Some(events_per_year),
            (BenefitKind::RiskReduced { loss_per_event, .. }, "loss_per_event") => {
                Some(loss_per_event)
            }
            (
                BenefitKind::RiskReduced {
                    likelihood_reduction_pct,
                    ..
                },
                "likelihood_reduction_pct",
            ) => Some(likelihood_reduction_pct),
            (
                BenefitKind::RiskReduced {
                    impact_reduction_pct,
                    ..
                },
                "impact_reduction_pct",
            ) => Some(impact_reduction_pct),
            (BenefitKind::CostAvoided { amount_per_year }, "amount_per_year") => {
                Some(amount_per_year)
            }
            (
                BenefitKind::RevenueGained {
                    revenue_per_year, ..
                },
                "revenue_per_year",
            ) => Some(revenue_per_year),
            (BenefitKind::RevenueGained { margin_pct, .. }, "margin_pct") => Some(margin_pct),
            _ => None,
        }
    }

    /// The optional loaded hourly rate of the kinds that have one.
    pub fn hourly_rate_mut(&mut self) -> Option<&mut Option<Estimate>> {
        match self {
            BenefitKind::HoursSaved { hourly_rate, .. }
            | BenefitKind::OutageAvoided { hourly_rate, .. } => Some(hourly_rate),
            _ => None,
        }
    }

    /// A new benefit of the same kind as `template`'s name: "hours_saved", "outage_avoided",
    /// "risk_reduced", "cost_avoided", "revenue_gained". Inputs start at neutral values.
    pub fn blank(kind: &str) -> Option<BenefitKind> {
        let p = Estimate::point;
        Some(match kind {
            "hours_saved" => BenefitKind::HoursSaved {
                hours: p(0.0),
                per: Period::Month,
                hourly_rate: None,
                adoption_pct: p(100.0),
                recapture_pct: p(100.0),
            },
            "outage_avoided" => BenefitKind::OutageAvoided {
                baseline_minutes_per_year: p(0.0),
                reduction_pct: p(0.0),
                revenue_per_minute: p(0.0),
                revenue_impact_pct: p(100.0),
                affected_staff: p(0.0),
                hourly_rate: None,
                productivity_loss_pct: p(100.0),
                incidents_avoided_per_year: p(0.0),
                cost_per_incident: p(0.0),
            },
            "risk_reduced" => BenefitKind::RiskReduced {
                events_per_year: p(0.0),
                loss_per_event: p(0.0),
                likelihood_reduction_pct: p(0.0),
                impact_reduction_pct: p(0.0),
            },
            "cost_avoided" => BenefitKind::CostAvoided {
                amount_per_year: p(0.0),
            },
            "revenue_gained" => BenefitKind::RevenueGained {
                revenue_per_year: p(0.0),
                margin_pct: p(100.0),
            },
            _ => return None,
        })
    }

    /// The kind's JSON name.
    pub fn kind_name(&self) -> &'static str {
        match self {
            BenefitKind::HoursSaved { .. } => "hours_saved",
            BenefitKind::OutageAvoided { .. } => "outage_avoided",
            BenefitKind::RiskReduced { .. } => "risk_reduced",
            BenefitKind::CostAvoided { .. } => "cost_avoided",
            BenefitKind::RevenueGained { .. } => "revenue_gained",
        }
    }
}

/// The benefit kinds' JSON names, in menu order.
pub const BENEFIT_KINDS: [&str; 5] = [
    "hours_saved",
    "outage_avoided",
    "risk_reduced",
    "cost_avoided",
    "revenue_gained",
];

impl Initiative {
    /// The initiative-level estimate named `field` (its JSON name).
    pub fn estimate(&self, field: &str) -> Option<&Estimate> {
        Some(match field {
            "one_time_cost" => &self.one_time_cost,
            "annual_running_cost" => &self.annual_running_cost,
            "delivery_months" => &self.delivery_months,
            "ramp_up_months" => &self.ramp_up_months,
            "confidence_pct" => &self.confidence_pct,
            _ => return None,
        })
    }

    /// The initiative-level estimate named `field` (its JSON name), mutable.
    pub fn estimate_mut(&mut self, field: &str) -> Option<&mut Estimate> {
        Some(match field {
            "one_time_cost" => &mut self.one_time_cost,
            "annual_running_cost" => &mut self.annual_running_cost,
            "delivery_months" => &mut self.delivery_months,
            "ramp_up_months" => &mut self.ramp_up_months,
            "confidence_pct" => &mut self.confidence_pct,
            _ => return None,
        })
    }
}

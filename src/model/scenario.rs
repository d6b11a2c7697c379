//! Scenario types. They are also the JSON format that export, import and share links carry
//! (see the README's "Scenario format").
//!
//! Percentages are stored as percent numbers (`80` means 80%). Money is in the scenario's currency.

use super::estimate::Estimate;
use super::limits::Text;
use super::schema::{Choice, Field, Kind, Record, Val};
use crate::record;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Minutes in a 365-day year, the base for availability percentages.
pub const MINUTES_PER_YEAR: f64 = 525_600.0;
pub const MIN_HORIZON_YEARS: u32 = 1;
pub const MAX_HORIZON_YEARS: u32 = 10;

record! {
    #[serde(default)]
    pub struct Scenario {
        name: String = "Untitled scenario".into()
            => Field::text(Text::Name, "Scenario name"),
        /// ISO 4217 currency code, e.g. "USD".
        currency: String = "USD".into()
            => Field::text(Text::Currency, "Currency (ISO code)"),
        /// Evaluation horizon in whole years, 1–10.
        horizon_years: u32 = 3 => Field::new(Kind::Years, "Horizon", "years"),
        /// Annual discount rate, percent.
        discount_rate_pct: Estimate = Estimate::point(10.0)
            => Field::percent("Discount rate").unit("% a year"),
        /// Loaded cost of one hour of staff time, used where a benefit gives no rate of its own.
        default_hourly_rate: Estimate = Estimate::point(65.0)
            => Field::money("Default loaded hourly rate").unit("per hour").term("default rate"),
        /// Working hours in one FTE-year, for FTE equivalents.
        hours_per_fte_year: f64 = 1800.0
            => Field::new(Kind::Hours, "Working hours per FTE-year", "h")
                .at_most(MAX_HOURS_PER_YEAR, "must be at most 8,784 (the hours in a leap year)")
                .term("per FTE-year"),
        ;;
        criteria: Vec<Criterion> = Criterion::defaults(),
        initiatives: Vec<Initiative> = Vec::new(),
        /// Monte Carlo settings: part of the scenario, so that a shared link or file reproduces
        /// the same percentiles exactly.
        simulation: SimSettings = SimSettings::default(),
        /// Budgets, the team's capacity and what to maximise when choosing which initiatives to
        /// fund (`model::plan`). All optional: without a budget or a capacity every initiative
        /// is funded and scheduled as soon as its prerequisites allow.
        portfolio: Portfolio = Portfolio::default(),
        /// The business goals the initiatives serve, each with its KPIs and their readings
        /// (format version 5).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        goals: Vec<Goal> = Vec::new(),
        /// How actuals are judged against plan (format version 5).
        tracking: Tracking = Tracking::default(),
        /// Each initiative's "strategic fit" score is derived from the goals it serves
        /// (`scoring::apply_fit_from_goals`) instead of entered.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        fit_from_goals: bool = false,
        /// Ranged estimates that move together in the simulation (`simulate`, `correlate`).
        /// Last, so that the links' compact form keeps every earlier field's position.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        correlations: Vec<Correlation> = Vec::new(),
        /// The risk appetite the loss exceedance curves are held to (`model::loss::Tolerance`):
        /// at each yearly loss, the most chance of exceeding it the organisation accepts.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        risk_tolerance: Vec<TolerancePoint> = Vec::new(),
        /// Fields this version does not know (a newer version's data), written back on save.
        #[serde(flatten, skip_deserializing)]
        unknown: UnknownFields = UnknownFields::default(),
    }
}

/// The most and least a rank correlation may be.
pub const MAX_CORRELATION: f64 = 1.0;

record! {
    /// Estimates that move together ("costs overrun together"): in the simulation every pair of
    /// its inputs has this rank (Spearman) correlation, by the Iman–Conover method, so each input
    /// keeps its own distribution. Its inputs are named by key (`simulate::input_key`); one
    /// that is not a range, or no longer exists, is left out and the report says so.
    #[serde(default)]
    pub struct Correlation {
        name: String = "Move together".into() => Field::text(Text::Name, "Name"),
        rank_correlation: f64 = 0.5 => Field::new(Kind::Number, "Rank correlation", "")
            .min(-MAX_CORRELATION)
            .at_most(MAX_CORRELATION, "must be between −1 and 1")
            .help("From −1 (one high when the other is low) to 1 (both high together); 0: independent."),
        ;;
        inputs: Vec<String> = Vec::new(),
    }
}

record! {
    /// A point of the risk-tolerance curve: the most chance of a year's losses exceeding
    /// `loss` that the organisation accepts.
    #[serde(default)]
    pub struct TolerancePoint {
        loss: f64 = 1_000_000.0 => Field::money("Yearly loss above"),
        chance_pct: f64 = 10.0 => Field::percent("Most chance accepted"),
        ;;
    }
}

/// A record's fields that this version of Caseboard does not know, such as a newer version's
/// data: key → the value's JSON text, kept as text so that the page carries them without parsing
/// JSON. The saved-file and link formats (`formats::named`) read and write them, so a scenario
/// opened, edited and saved again keeps them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnknownFields(pub BTreeMap<String, String>);

/// Hours in a leap year: the most an FTE-year can have.
pub const MAX_HOURS_PER_YEAR: f64 = 8784.0;

record! {
    /// How the uncertainty is simulated.
    #[serde(default)]
    pub struct SimSettings {
        /// Trials per run (100 to 1,000,000).
        trials: u32 = 10_000 => Field::new(Kind::Count, "Trials", ""),
        /// The random seed: the same seed gives the same draws, on any machine.
        seed: u32 = 1 => Field::new(Kind::Number, "Seed", "").min(0.0),
        /// How a range is sampled.
        distribution: Distribution = Distribution::Pert
            => Field::choice(Distribution::KEYS, "Ranges drawn as"),
        ;;
        /// Fields this version does not know (a newer version's data), written back on save.
        #[serde(flatten, skip_deserializing)]
        unknown: UnknownFields = UnknownFields::default(),
    }
}

impl Eq for SimSettings {}

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

impl Choice for Distribution {
    const ALL: &'static [Self] = &[Distribution::Pert, Distribution::Lognormal];
    const KEYS: &'static [&'static str] = &["pert", "lognormal"];
}

impl Distribution {
    pub const ALL: [Distribution; 2] = [Distribution::Pert, Distribution::Lognormal];

    pub fn key(self) -> &'static str {
        Choice::key(self)
    }
}

/// The fewest and most trials a run may have.
pub const MIN_TRIALS: u32 = 100;
pub const MAX_TRIALS: u32 = 1_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    HigherIsBetter,
    LowerIsBetter,
}

impl Choice for Direction {
    const ALL: &'static [Self] = &[Direction::HigherIsBetter, Direction::LowerIsBetter];
    const KEYS: &'static [&'static str] = &["higher_is_better", "lower_is_better"];
}

record! {
    pub struct Criterion {
        /// Stable id, referenced by each initiative's scores.
        id: String = String::new() => Field::text(Text::Id, "Id"),
        name: String = String::new() => Field::text(Text::Name, "Criterion"),
        /// Relative weight, ≥ 0. Weights need not sum to anything.
        weight: f64 = 1.0 => Field::new(Kind::Number, "Weight", "").min(0.0),
        direction: Direction = Direction::HigherIsBetter
            => Field::choice(Direction::KEYS, "Better when"),
        ;;
        /// Fields this version does not know (a newer version's data), written back on save.
        #[serde(flatten, skip_deserializing)]
        unknown: UnknownFields = UnknownFields::default(),
    }
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

impl Choice for Category {
    const ALL: &'static [Self] = &[
        Category::Mandatory,
        Category::Strategic,
        Category::Operational,
    ];
    const KEYS: &'static [&'static str] = &["mandatory", "strategic", "operational"];
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

record! {
    #[serde(default)]
    pub struct Initiative {
        /// Stable id: unique within the scenario, referenced by `depends_on`.
        id: String = String::new() => Field::text(Text::Id, "Id"),
        name: String = "New initiative".into() => Field::text(Text::Name, "Name"),
        category: Category = Category::Operational => Field::choice(Category::KEYS, "Category"),
        notes: String = String::new() => Field::text(Text::Notes, "Notes"),
        one_time_cost: Estimate = Estimate::point(0.0) => Field::money("One-time cost"),
        annual_running_cost: Estimate = Estimate::point(0.0)
            => Field::money("Running cost per year").unit("/yr"),
        /// Months from the start until benefits begin.
        delivery_months: Estimate = Estimate::point(3.0)
            => Field::new(Kind::Months, "Months until benefits start", "months"),
        /// Months of linear ramp-up from first benefit to full adoption.
        ramp_up_months: Estimate = Estimate::point(3.0)
            => Field::new(Kind::Months, "Ramp-up to full adoption", "months"),
        /// Confidence in the benefits, percent: a TEI-style risk adjustment applied to every
        /// benefit.
        confidence_pct: Estimate = Estimate::point(100.0)
            => Field::percent("Confidence in benefits"),
        /// Team effort of the delivery, person-months, spread evenly over the delivery months.
        effort_pm: f64 = 0.0 => Field::new(Kind::Count, "Team effort", "person-months")
            .help("Spread evenly over the months until benefits start."),
        /// Initiatives with the same group name are alternatives: at most one is funded.
        alternatives: String = String::new() => Field::text(Text::Id, "Alternatives group")
            .help("Give rival options (buy, build) the same name: at most one is funded."),
        /// The business milestone: the month (from now) the initiative's delivery is needed by.
        needed_by_month: Option<f64> = None => Field::new(Kind::Months, "Needed by", "month")
            .help("Blank: no milestone. Months from now."),
        /// What a late delivery costs.
        if_late: IfLate = IfLate::Wait => Field::choice(IfLate::KEYS, "If delivered late"),
        late_penalty_per_month: f64 = 0.0 => Field::money("Penalty per month late").unit("/month"),
        /// The month its delivery starts, fixed (work under way: 0); blank: scheduled.
        fixed_start_month: Option<f64> = None => Field::new(Kind::Months, "Fixed start", "month")
            .help("Blank: the roadmap schedules it. 0: already under way."),
        /// Where it stands in its governance (format version 5).
        stage: Stage = Stage::Proposed => Field::choice(Stage::KEYS, "Status"),
        ;;
        /// Score 1–5 per criterion id.
        scores: BTreeMap<String, f64> = BTreeMap::new(),
        /// Ids of initiatives this one depends on.
        depends_on: Vec<String> = Vec::new(),
        benefits: Vec<Benefit> = Vec::new(),
        /// Where each of its own inputs comes from, by field key ("service desk export, Q3"):
        /// the assumptions register's source column. Absent keys have none.
        #[serde(skip_serializing_if = "Sources::is_empty")]
        sources: Sources = Sources::new(),
        /// The goals (and their KPIs) it serves, with the change it expects.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        serves: Vec<Serves> = Vec::new(),
        /// Its decision log, oldest first.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        decisions: Vec<Decision> = Vec::new(),
        /// The plans frozen at each approval, oldest first: the last is the one actuals are
        /// judged against.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        baselines: Vec<Baseline> = Vec::new(),
        /// What was spent and measured, month by month (a month not listed: not recorded).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        actuals: Vec<Actual> = Vec::new(),
        /// For the results dashboard: what changed, why, and what is being done about it. Last,
        /// so that the links' compact form keeps every earlier field's position.
        #[serde(skip_serializing_if = "String::is_empty")]
        status_note: String = String::new(),
        /// Fields this version does not know (a newer version's data), written back on save.
        #[serde(flatten, skip_deserializing)]
        unknown: UnknownFields = UnknownFields::default(),
    }
}

/// Where an initiative stands in its governance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[default]
    Proposed,
    Approved,
    Deferred,
    Rejected,
    InDelivery,
    Live,
    Closed,
}

impl Choice for Stage {
    const ALL: &'static [Self] = &[
        Stage::Proposed,
        Stage::Approved,
        Stage::Deferred,
        Stage::Rejected,
        Stage::InDelivery,
        Stage::Live,
        Stage::Closed,
    ];
    const KEYS: &'static [&'static str] = &[
        "proposed",
        "approved",
        "deferred",
        "rejected",
        "in_delivery",
        "live",
        "closed",
    ];
}

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Stage::Proposed => "Proposed",
            Stage::Approved => "Approved",
            Stage::Deferred => "Deferred",
            Stage::Rejected => "Rejected",
            Stage::InDelivery => "In delivery",
            Stage::Live => "Live",
            Stage::Closed => "Closed",
        }
    }
}

/// Which way is better for a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    #[default]
    Higher,
    Lower,
}

impl Choice for Better {
    const ALL: &'static [Self] = &[Better::Higher, Better::Lower];
    const KEYS: &'static [&'static str] = &["higher", "lower"];
}

impl Better {
    pub fn label(self) -> &'static str {
        match self {
            Better::Higher => "Higher is better",
            Better::Lower => "Lower is better",
        }
    }
}

record! {
    /// A business goal ("cut operating cost 5% this year"), weighted, measured by its KPIs.
    #[serde(default)]
    pub struct Goal {
        id: String = String::new() => Field::text(Text::Id, "Id"),
        name: String = "New goal".into() => Field::text(Text::Name, "Goal"),
        weight: f64 = 1.0 => Field::new(Kind::Number, "Weight", "").min(0.0),
        ;;
        kpis: Vec<Kpi> = Vec::new(),
        /// For the results dashboard: what changed, why, and what is being done about it. Last,
        /// so that the links' compact form keeps every earlier field's position.
        #[serde(skip_serializing_if = "String::is_empty")]
        note: String = String::new(),
    }
}

record! {
    /// A key performance indicator of a goal: from its baseline to its target by the target
    /// month, with the readings taken since.
    #[serde(default)]
    pub struct Kpi {
        id: String = String::new() => Field::text(Text::Id, "Id"),
        name: String = "New KPI".into() => Field::text(Text::Name, "KPI"),
        /// The unit as people write it ("%", "tickets a month").
        unit: String = String::new() => Field::text(Text::Id, "Unit"),
        baseline: f64 = 0.0 => Field::new(Kind::Number, "Baseline", ""),
        target: f64 = 0.0 => Field::new(Kind::Number, "Target", ""),
        target_month: f64 = 12.0 => Field::new(Kind::Months, "Target by", "month"),
        better: Better = Better::Higher => Field::choice(Better::KEYS, "Better"),
        ;;
        readings: Vec<KpiReading> = Vec::new(),
    }
}

record! {
    /// A KPI's reading in a month (months from the plan's start).
    #[serde(default)]
    pub struct KpiReading {
        month: f64 = 1.0 => Field::new(Kind::Months, "Month", ""),
        value: f64 = 0.0 => Field::new(Kind::Number, "Reading", ""),
        ;;
    }
}

record! {
    /// A goal an initiative serves, through one of its KPIs, and the change in it expected.
    #[serde(default)]
    pub struct Serves {
        goal: String = String::new() => Field::text(Text::Id, "Goal"),
        /// The KPI's id; empty: the goal as a whole.
        kpi: String = String::new() => Field::text(Text::Id, "KPI"),
        change: Option<f64> = None => Field::new(Kind::Number, "Expected change", ""),
        ;;
    }
}

record! {
    /// One decision on an initiative: when, by whom, to what status, why, and its figures then.
    #[serde(default)]
    pub struct Decision {
        /// The day, as YYYY-MM-DD.
        date: String = String::new() => Field::text(Text::Id, "Date"),
        by: String = String::new() => Field::text(Text::Name, "Decided by"),
        stage: Stage = Stage::Approved => Field::choice(Stage::KEYS, "Decision"),
        rationale: String = String::new() => Field::text(Text::Notes, "Rationale"),
        npv: Option<f64> = None => Field::money("NPV then").min(f64::NEG_INFINITY),
        roi_pct: Option<f64> = None => Field::new(Kind::Number, "ROI then", "%"),
        payback_months: Option<f64> = None => Field::new(Kind::Months, "Payback then", "months"),
        ;;
    }
}

record! {
    /// The plan frozen at an approval: the inputs its value rests on, and its figures then.
    /// Later edits of the initiative leave it as it was.
    #[serde(default)]
    pub struct Baseline {
        date: String = String::new() => Field::text(Text::Id, "Approved on"),
        one_time_cost: f64 = 0.0 => Field::money("One-time cost"),
        annual_running_cost: f64 = 0.0 => Field::money("Running cost per year").unit("/yr"),
        delivery_months: f64 = 0.0 => Field::new(Kind::Months, "Months until benefits start", "months"),
        ramp_up_months: f64 = 0.0 => Field::new(Kind::Months, "Ramp-up to full adoption", "months"),
        confidence_pct: f64 = 100.0 => Field::percent("Confidence in benefits"),
        /// The month its delivery was planned to start (the roadmap's, or 0).
        start_month: f64 = 0.0 => Field::new(Kind::Months, "Start month", ""),
        npv: Option<f64> = None => Field::money("NPV at approval").min(f64::NEG_INFINITY),
        payback_months: Option<f64> = None
            => Field::new(Kind::Months, "Payback at approval", "months"),
        ;;
        benefits: Vec<Benefit> = Vec::new(),
    }
}

record! {
    /// One month of an initiative's actuals (months from the plan's start). A value left out
    /// was not recorded: a gap, never a zero.
    #[serde(default)]
    pub struct Actual {
        month: f64 = 1.0 => Field::new(Kind::Months, "Month", ""),
        #[serde(skip_serializing_if = "Option::is_none")]
        one_time: Option<f64> = None => Field::money("One-time spend"),
        #[serde(skip_serializing_if = "Option::is_none")]
        running: Option<f64> = None => Field::money("Running cost"),
        /// The adoption measured, for its hours-saved benefits.
        #[serde(skip_serializing_if = "Option::is_none")]
        adoption_pct: Option<f64> = None => Field::percent("Adoption measured"),
        ;;
        /// Each benefit's measure in the month, in the order of its benefits (what it measures:
        /// `tracking::measure_label`); `null`: not measured.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        measured: Vec<Option<f64>> = Vec::new(),
    }
}

record! {
    /// How actuals are judged against plan, and the calendar of the plan's months.
    #[serde(default)]
    pub struct Tracking {
        /// Within this per cent of plan (or better): green.
        green_pct: f64 = 5.0 => Field::new(Kind::Percent, "Green within", "% of plan"),
        /// Within this per cent: yellow; beyond: red.
        yellow_pct: f64 = 15.0 => Field::new(Kind::Percent, "Yellow within", "% of plan"),
        /// The last month actuals are in for; none: the latest month recorded.
        as_of_month: Option<f64> = None => Field::new(Kind::Months, "Actuals up to", "month")
            .help("Blank: the latest month recorded. A month after it cannot hold actuals."),
        /// The calendar month of month 1, as YYYY-MM; empty: months are numbered only.
        start: String = String::new() => Field::text(Text::Id, "Month 1 is"),
        ;;
    }
}

/// What a delivery later than its milestone costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IfLate {
    /// Nothing but the wait: its benefits start no earlier than the milestone anyway (a
    /// product launch, a regulation's date), so delivering early gains nothing either.
    #[default]
    Wait,
    /// A penalty for every month late (a contract's, a regulator's).
    Penalty,
    /// Its benefits lapse: delivered late, it earns nothing.
    Lapse,
}

impl Choice for IfLate {
    const ALL: &'static [Self] = &[IfLate::Wait, IfLate::Penalty, IfLate::Lapse];
    const KEYS: &'static [&'static str] = &["wait", "penalty", "lapse"];
}

impl IfLate {
    pub fn label(self) -> &'static str {
        match self {
            IfLate::Wait => "Benefits start at the milestone",
            IfLate::Penalty => "A penalty per month late",
            IfLate::Lapse => "Its benefits lapse",
        }
    }
}

/// What the portfolio maximises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Objective {
    /// The funded initiatives' total NPV.
    #[default]
    Npv,
    /// Their total median NPV in the simulation (risk-adjusted).
    P50Npv,
    /// Their total mean NPV in the simulation.
    MeanNpv,
    /// Their total weighted score.
    Score,
    /// Their total NPV, among initiatives with at least the least weighted score.
    NpvMinScore,
}

impl Choice for Objective {
    const ALL: &'static [Self] = &[
        Objective::Npv,
        Objective::P50Npv,
        Objective::MeanNpv,
        Objective::Score,
        Objective::NpvMinScore,
    ];
    const KEYS: &'static [&'static str] = &["npv", "p50_npv", "mean_npv", "score", "npv_min_score"];
}

impl Objective {
    pub fn label(self) -> &'static str {
        match self {
            Objective::Npv => "NPV",
            Objective::P50Npv => "Risk-adjusted NPV (P50 of the simulation)",
            Objective::MeanNpv => "Risk-adjusted NPV (mean of the simulation)",
            Objective::Score => "Weighted score",
            Objective::NpvMinScore => "NPV, with a least weighted score",
        }
    }
}

record! {
    /// The portfolio's limits and aim.
    #[serde(default)]
    pub struct Portfolio {
        /// The team's capacity, person-months a month (1 = one full-time person); none: no
        /// limit.
        capacity_pm: Option<f64> = None
            => Field::new(Kind::Count, "Team capacity", "person-months a month")
                .help("Blank: no limit. 1 person-month a month is one full-time person."),
        objective: Objective = Objective::Npv => Field::choice(Objective::KEYS, "Maximise"),
        /// With `Objective::NpvMinScore`: initiatives scoring less are not funded (mandatory
        /// ones aside).
        min_score: f64 = 0.0 => Field::new(Kind::Number, "Least weighted score", "of 100")
            .min(0.0)
            .at_most(100.0, "must be at most 100"),
        /// Least and most share of the budget for strategic and operational work, percent.
        strategic_min_pct: Option<f64> = None => Field::percent("Strategic, at least"),
        strategic_max_pct: Option<f64> = None => Field::percent("Strategic, at most"),
        operational_min_pct: Option<f64> = None => Field::percent("Operational, at least"),
        operational_max_pct: Option<f64> = None => Field::percent("Operational, at most"),
        ;;
        /// Budgets of each year of the horizon (first year first); a year not listed, or a
        /// budget left blank, has no limit.
        budgets: Vec<YearBudget> = Vec::new(),
        /// Fields this version does not know (a newer version's data), written back on save.
        #[serde(flatten, skip_deserializing)]
        unknown: UnknownFields = UnknownFields::default(),
    }
}

impl Eq for Portfolio {}

impl Portfolio {
    /// Whether a budget or a capacity is set: then the portfolio chooses.
    pub fn limits_anything(&self) -> bool {
        self.capacity_pm.is_some() || self.budgets.iter().any(YearBudget::is_set)
    }
}

record! {
    /// One year's budgets: for one-time spend, for running cost, and for both together. Each
    /// is optional.
    #[serde(default)]
    pub struct YearBudget {
        #[serde(skip_serializing_if = "Option::is_none")]
        one_time: Option<f64> = None => Field::money("One-time spend"),
        #[serde(skip_serializing_if = "Option::is_none")]
        running: Option<f64> = None => Field::money("Running cost"),
        #[serde(skip_serializing_if = "Option::is_none")]
        total: Option<f64> = None => Field::money("Total"),
        ;;
    }
}

impl Eq for YearBudget {}

impl YearBudget {
    pub fn is_set(&self) -> bool {
        self.one_time.is_some() || self.running.is_some() || self.total.is_some()
    }
}

/// The initiative's inputs that place it in the portfolio (its effort, alternatives, milestone
/// and start) rather than value it: the summary's "still at the default" leaves them out.
pub const PORTFOLIO_INPUTS: [&str; 6] = [
    "effort_pm",
    "alternatives",
    "needed_by_month",
    "if_late",
    "late_penalty_per_month",
    "fixed_start_month",
];

/// Where inputs come from: field key → the source as the user wrote it.
pub type Sources = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Benefit {
    pub label: String,
    #[serde(flatten)]
    pub kind: BenefitKind,
    /// Where each of its inputs comes from, by field key (see `Initiative::sources`).
    #[serde(default, skip_serializing_if = "Sources::is_empty")]
    pub sources: Sources,
    /// Fields this version does not know (a newer version's data), written back on save.
    #[serde(flatten, skip_deserializing)]
    pub unknown: UnknownFields,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Week,
    #[default]
    Month,
    Year,
}

impl Choice for Period {
    const ALL: &'static [Self] = &[Period::Week, Period::Month, Period::Year];
    const KEYS: &'static [&'static str] = &["week", "month", "year"];
}

crate::choice_field!(
    Distribution,
    Direction,
    Category,
    Period,
    IfLate,
    Objective,
    Stage,
    Better
);

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

// ---- Benefit kinds -----------------------------------------------------------------------------
//
// Each kind is a record of the inputs that convert it into money per year at full adoption
// (`convert.rs` holds the formulas). A new input is one line here and its use in the formula.

/// The loaded hourly rate a benefit may give instead of the scenario's default.
const HOURLY_RATE: Field = Field::money("Loaded hourly rate")
    .unit("per hour")
    .help("Blank: the scenario's default rate.");

record! {
    /// Staff time saved.
    pub struct HoursSaved {
        hours: Estimate = Estimate::point(0.0) => Field::new(Kind::Hours, "Hours saved", "h"),
        per: Period = Period::Month => Field::choice(Period::KEYS, "Per"),
        /// Loaded hourly rate; the scenario default when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        hourly_rate: Option<Estimate> = None => HOURLY_RATE,
        /// A new benefit starts at 80% (few tools reach every intended user).
        adoption_pct: Estimate = Estimate::point(80.0) => Field::percent("Adoption").term("adoption"),
        /// Share of the saved time that turns into productive work; a new benefit starts at 50%
        /// (saved minutes scattered through a day are partly lost).
        recapture_pct: Estimate = Estimate::point(50.0) => Field::percent("Recapture")
            .term("recapture")
            .help("Share of the saved time that becomes productive work."),
        ;;
    }
}

record! {
    /// Outage minutes avoided.
    pub struct OutageAvoided {
        baseline_minutes_per_year: Estimate = Estimate::point(0.0)
            => Field::new(Kind::Minutes, "Outage minutes per year today", "min/yr")
                .at_most(MINUTES_PER_YEAR, "is more than the 525,600 minutes in a year")
                .term("baseline"),
        reduction_pct: Estimate = Estimate::point(0.0)
            => Field::percent("Reduction in outage minutes").term("reduction"),
        revenue_per_minute: Estimate = Estimate::point(0.0)
            => Field::money("Revenue per minute").unit("/min").term("revenue"),
        /// Share of the revenue during an outage that is lost rather than deferred; a new benefit
        /// starts at 50% (many customers come back later).
        revenue_impact_pct: Estimate = Estimate::point(50.0)
            => Field::percent("Revenue lost, not deferred").term("lost"),
        affected_staff: Estimate = Estimate::point(0.0)
            => Field::new(Kind::Count, "Staff idled by an outage", "people").term("staff"),
        /// Loaded hourly rate of the affected staff; the scenario default when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        hourly_rate: Option<Estimate> = None => HOURLY_RATE,
        /// A new benefit starts at 50%: idled staff still do some work.
        productivity_loss_pct: Estimate = Estimate::point(50.0)
            => Field::percent("Their productivity lost").term("productivity lost"),
        incidents_avoided_per_year: Estimate = Estimate::point(0.0)
            => Field::new(Kind::Rate, "Incidents avoided per year", "/yr")
                .term("incidents avoided"),
        /// Recovery work, SLA penalties and other cost per incident.
        cost_per_incident: Estimate = Estimate::point(0.0)
            => Field::money("Cost per incident")
                .help("Recovery work, SLA penalties.")
                .term("per incident"),
        ;;
    }
}

record! {
    /// Risk exposure reduced (annualized loss expectancy).
    pub struct RiskReduced {
        /// Loss events per year; below 1 for rare events (0.1 = once a decade).
        events_per_year: Estimate = Estimate::point(0.0)
            => Field::new(Kind::Rate, "Loss events per year", "/yr")
                .help("Below 1 for rare events: 0.1 = once a decade."),
        loss_per_event: Estimate = Estimate::point(0.0) => Field::money("Loss per event"),
        likelihood_reduction_pct: Estimate = Estimate::point(0.0)
            => Field::percent("Likelihood reduction").term("likelihood reduction"),
        impact_reduction_pct: Estimate = Estimate::point(0.0)
            => Field::percent("Impact reduction").term("impact reduction"),
        ;;
    }
}

record! {
    /// A cost that no longer has to be paid (a retired tool, a contract).
    pub struct CostAvoided {
        amount_per_year: Estimate = Estimate::point(0.0)
            => Field::money("Cost avoided per year").unit("/yr").term("avoided"),
        ;;
    }
}

record! {
    /// New revenue, counted at its margin.
    pub struct RevenueGained {
        revenue_per_year: Estimate = Estimate::point(0.0)
            => Field::money("Revenue per year").unit("/yr").term("revenue"),
        /// A new benefit starts at 30%: revenue is counted at its margin, never whole.
        margin_pct: Estimate = Estimate::point(30.0) => Field::percent("Margin").term("margin"),
        ;;
    }
}

/// Declares the benefit kinds: each variant holds its record, with its JSON name, label and
/// value driver.
macro_rules! benefit_kinds {
    ($( $variant:ident = $key:literal, $label:literal, $driver:expr; )*) => {
        /// What a benefit is, with the inputs that convert it into money per year at full
        /// adoption.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        pub enum BenefitKind {
            $( $variant($variant), )*
        }

        /// The benefit kinds' JSON names, in menu order.
        pub const BENEFIT_KINDS: [&str; [$($key),*].len()] = [$($key),*];

        impl BenefitKind {
            /// The kind's JSON name.
            pub fn kind_name(&self) -> &'static str {
                match self { $( BenefitKind::$variant(_) => $key, )* }
            }
            pub fn kind_label(&self) -> &'static str {
                match self { $( BenefitKind::$variant(_) => $label, )* }
            }
            pub fn driver(&self) -> Driver {
                match self { $( BenefitKind::$variant(_) => $driver, )* }
            }
            /// A new benefit of the kind named `kind` ("hours_saved", …), its inputs at their
            /// defaults.
            pub fn blank(kind: &str) -> Option<BenefitKind> {
                match kind {
                    $( $key => Some(BenefitKind::$variant($variant::default())), )*
                    _ => None,
                }
            }
            fn record(&self) -> &dyn Record {
                match self { $( BenefitKind::$variant(r) => r, )* }
            }
            fn record_mut(&mut self) -> &mut dyn Record {
                match self { $( BenefitKind::$variant(r) => r, )* }
            }
        }
    };
}

benefit_kinds! {
    HoursSaved = "hours_saved", "Hours saved", Driver::Productivity;
    OutageAvoided = "outage_avoided", "Outage minutes avoided", Driver::Availability;
    RiskReduced = "risk_reduced", "Risk reduced", Driver::Risk;
    CostAvoided = "cost_avoided", "Cost avoided", Driver::CostAvoided;
    RevenueGained = "revenue_gained", "Revenue gained", Driver::Revenue;
}

impl Record for BenefitKind {
    fn fields(&self) -> &'static [Field] {
        self.record().fields()
    }
    fn get(&self, key: &str) -> Option<Val> {
        self.record().get(key)
    }
    fn set(&mut self, key: &str, v: Val) -> bool {
        self.record_mut().set(key, v)
    }
    fn estimate(&self, key: &str) -> Option<&Estimate> {
        self.record().estimate(key)
    }
    fn estimate_mut(&mut self, key: &str) -> Option<&mut Estimate> {
        self.record_mut().estimate_mut(key)
    }
}

impl BenefitKind {
    /// The optional loaded hourly rate of the kinds that have one.
    pub fn hourly_rate_mut(&mut self) -> Option<&mut Option<Estimate>> {
        match self {
            BenefitKind::HoursSaved(k) => Some(&mut k.hourly_rate),
            BenefitKind::OutageAvoided(k) => Some(&mut k.hourly_rate),
            _ => None,
        }
    }
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

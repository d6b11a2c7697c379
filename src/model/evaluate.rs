//! `evaluate`: a validated scenario in, every figure the views show out. Pure and deterministic.

use super::cashflow::{monthly_flows, npv_fast, ramp_shares, MonthlyFlows, TimelineInputs};
use super::convert::{annual_value, convert, BenefitResult, Defaults};
use super::derivation::{Derivation, Expr, Quantity, Unit};
use super::finance::{self, Irr, Payback};
use super::scenario::{Category, Driver, Initiative, Scenario};
use super::scoring::weighted_score;
use super::validate::{validate, Problem};

#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub horizon_years: u32,
    pub horizon_months: usize,
    /// Annual discount rate as a fraction.
    pub annual_rate: f64,
    /// Monthly discount rate as a fraction.
    pub monthly_rate: f64,
    pub initiatives: Vec<InitiativeResult>,
}

/// One row of a TEI-style yearly table.
#[derive(Debug, Clone, PartialEq)]
pub struct TeiRow {
    pub label: String,
    /// Month 0.
    pub initial: f64,
    /// Years 1..=horizon.
    pub years: Vec<f64>,
    pub total: f64,
    pub present_value: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    pub value: Option<f64>,
    pub derivation: Derivation,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InitiativeResult {
    pub id: String,
    pub name: String,
    pub category: Category,
    pub benefits: Vec<BenefitResult>,
    /// Money per year at full adoption, by driver (indexed by `Driver::index`), before the
    /// confidence adjustment.
    pub annual_by_driver: [f64; 5],
    /// Sum of `annual_by_driver`.
    pub annual_value: f64,
    /// Confidence as a fraction.
    pub confidence: f64,
    pub monthly: MonthlyFlows,
    /// Rows: one per driver with benefits, total benefits, one-time cost, running cost, total
    /// costs, net cash flow. Costs are positive amounts.
    pub tei: Vec<TeiRow>,
    pub pv_benefits: f64,
    pub pv_costs: f64,
    pub npv: Headline,
    /// NPV / PV of costs, percent; `None` when nothing is spent.
    pub roi: Headline,
    pub benefit_cost_ratio: Headline,
    /// Months from the start; `None` when not within the horizon.
    pub payback_months: Headline,
    /// Annualized IRR, percent; `None` when there is none.
    pub irr: Headline,
    pub irr_detail: Irr,
    /// NPV lost per month of delay in delivery.
    pub cost_of_delay: Headline,
    /// Weighted score 0–100; `None` without weighted criteria.
    pub score: Headline,
}

impl InitiativeResult {
    pub fn npv(&self) -> f64 {
        self.npv.value.unwrap_or(0.0)
    }
}

/// Validates, then evaluates, with every figure's derivation. Any problem stops evaluation: the
/// list says what to fix.
pub fn evaluate(s: &Scenario) -> Result<Evaluation, Vec<Problem>> {
    let problems = validate(s);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(evaluate_valid(s))
}

/// Evaluates a scenario that passed `validate`, with every figure's derivation (how it was
/// found, for an explanation) and each benefit's working (FTE, availability, loss expectancy).
pub fn evaluate_valid(s: &Scenario) -> Evaluation {
    with_ctx(s, |c, i| c.explained(i))
}

/// `evaluate` without derivations: the same figures, bit for bit, with every derivation empty
/// and no benefit's working. What the page shows on each edit; an explanation asks the worker,
/// which builds the derivations (`evaluate_valid`).
pub fn figures(s: &Scenario) -> Result<Evaluation, Vec<Problem>> {
    let problems = validate(s);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(figures_valid(s))
}

/// `evaluate_valid` without derivations (see [`figures`]).
pub fn figures_valid(s: &Scenario) -> Evaluation {
    with_ctx(s, |c, i| c.figures(i))
}

fn with_ctx(s: &Scenario, each: fn(&Ctx, &Initiative) -> InitiativeResult) -> Evaluation {
    let horizon_months = s.horizon_years as usize * 12;
    let annual_rate = s.discount_rate_pct.value() / 100.0;
    let monthly_rate = finance::monthly_rate(annual_rate);
    let discount = finance::discount_factors(monthly_rate, horizon_months + 1);
    let defaults = Defaults {
        hourly_rate: s.default_hourly_rate.value(),
        hours_per_fte_year: s.hours_per_fte_year,
    };
    let ctx = Ctx {
        scenario: s,
        horizon_months,
        annual_rate,
        discount: &discount,
        defaults,
    };
    Evaluation {
        horizon_years: s.horizon_years,
        horizon_months,
        annual_rate,
        monthly_rate,
        initiatives: s.initiatives.iter().map(|i| each(&ctx, i)).collect(),
    }
}

/// The names of the NPV derivation's steps: an explanation of one part (the PV of benefits, of
/// costs) picks its steps by these names ([`Headline::part`]).
pub mod npv_step {
    pub const RATE: &str = "Monthly discount rate";
    pub const PV_BENEFITS: &str = "PV of benefits";
    pub const PV_COSTS: &str = "PV of costs";
    pub const NPV: &str = "NPV";
}

impl Headline {
    fn plain(value: Option<f64>) -> Headline {
        Headline {
            value,
            derivation: Derivation::default(),
        }
    }

    /// The steps of this figure's derivation named `names`, in their order.
    pub fn part(&self, names: &[&str]) -> Derivation {
        Derivation {
            steps: self
                .derivation
                .steps
                .iter()
                .filter(|s| names.contains(&s.label.as_str()))
                .cloned()
                .collect(),
        }
    }
}

struct Ctx<'a> {
    scenario: &'a Scenario,
    horizon_months: usize,
    annual_rate: f64,
    discount: &'a [f64],
    defaults: Defaults,
}

/// What both evaluations share: the cash flows and the figures computed from them directly.
struct Flows {
    benefits: Vec<BenefitResult>,
    annual_by_driver: [f64; 5],
    annual_value: f64,
    inputs: TimelineInputs,
    monthly: MonthlyFlows,
    tei: Vec<TeiRow>,
    pv_benefits: f64,
    pv_costs: f64,
    payback: Payback,
    irr_detail: Irr,
    npv_on_time: f64,
    npv_delayed: f64,
}

fn money(label: impl Into<String>, v: f64) -> Expr {
    Expr::term(label, v, Unit::Money)
}

impl Ctx<'_> {
    fn timeline(&self, init: &Initiative) -> TimelineInputs {
        TimelineInputs {
            horizon_months: self.horizon_months,
            one_time_cost: init.one_time_cost.value(),
            annual_running_cost: init.annual_running_cost.value(),
            delivery_months: init.delivery_months.value(),
            ramp_up_months: init.ramp_up_months.value(),
            confidence: init.confidence_pct.value() / 100.0,
        }
    }

    fn pv(&self, flows: &[f64]) -> f64 {
        flows.iter().zip(self.discount).map(|(f, d)| f * d).sum()
    }

    fn yearly(&self, label: &str, flows: &[f64]) -> TeiRow {
        let years = (0..self.scenario.horizon_years as usize)
            .map(|y| flows[y * 12 + 1..=y * 12 + 12].iter().sum())
            .collect();
        TeiRow {
            label: label.into(),
            initial: flows[0],
            years,
            total: flows.iter().sum(),
            present_value: self.pv(flows),
        }
    }

    /// The cash flows of `init` with its benefits already converted.
    fn flows(&self, init: &Initiative, benefits: Vec<BenefitResult>) -> Flows {
        let mut annual_by_driver = [0.0; 5];
        for b in &benefits {
            annual_by_driver[b.driver.index()] += b.annual_value;
        }
        let annual_value: f64 = annual_by_driver.iter().sum();
        let inputs = self.timeline(init);
        let monthly = monthly_flows(&inputs, annual_value);

        // TEI table: benefits by driver, then costs.
        let shares = ramp_shares(&inputs);
        let mut tei = Vec::new();
        for d in Driver::ALL {
            let annual = annual_by_driver[d.index()];
            if annual != 0.0 || benefits.iter().any(|b| b.driver == d) {
                let per_month = annual / 12.0 * inputs.confidence;
                let flows: Vec<f64> = shares.iter().map(|s| per_month * s).collect();
                tei.push(self.yearly(d.label(), &flows));
            }
        }
        tei.push(self.yearly("Total benefits", &monthly.benefits));
        let one_time: Vec<f64> = (0..=self.horizon_months)
            .map(|m| if m == 0 { inputs.one_time_cost } else { 0.0 })
            .collect();
        let running: Vec<f64> = (0..=self.horizon_months)
            .map(|m| {
                if m == 0 {
                    0.0
                } else {
                    inputs.annual_running_cost / 12.0
                }
            })
            .collect();
        tei.push(self.yearly("One-time cost", &one_time));
        tei.push(self.yearly("Running cost", &running));
        tei.push(self.yearly("Total costs", &monthly.costs));
        tei.push(self.yearly("Net cash flow", &monthly.net));
        let pv_benefits = tei[tei.len() - 5].present_value;
        let pv_costs = tei[tei.len() - 2].present_value;
        // Cost of delay: delivery one month later, costs as planned, same horizon.
        let delayed = TimelineInputs {
            delivery_months: inputs.delivery_months + 1.0,
            ..inputs
        };
        Flows {
            npv_delayed: npv_fast(&delayed, annual_value, self.discount),
            npv_on_time: npv_fast(&inputs, annual_value, self.discount),
            payback: finance::payback(&monthly.net),
            irr_detail: finance::irr(&monthly.net),
            benefits,
            annual_by_driver,
            annual_value,
            inputs,
            monthly,
            tei,
            pv_benefits,
            pv_costs,
        }
    }

    fn result(&self, init: &Initiative, f: Flows, heads: Heads) -> InitiativeResult {
        InitiativeResult {
            id: init.id.clone(),
            name: init.name.clone(),
            category: init.category,
            benefits: f.benefits,
            annual_by_driver: f.annual_by_driver,
            annual_value: f.annual_value,
            confidence: f.inputs.confidence,
            monthly: f.monthly,
            tei: f.tei,
            pv_benefits: f.pv_benefits,
            pv_costs: f.pv_costs,
            npv: heads.npv,
            roi: heads.roi,
            benefit_cost_ratio: heads.bcr,
            payback_months: heads.payback,
            irr: heads.irr,
            irr_detail: f.irr_detail,
            cost_of_delay: heads.cost_of_delay,
            score: heads.score,
        }
    }

    /// The figures of `init` computed directly, without derivations: the same arithmetic, in
    /// the same order, as the derivations' own (`Expr::eval`; a test holds the two equal).
    fn figures(&self, init: &Initiative) -> InitiativeResult {
        let benefits = init
            .benefits
            .iter()
            .map(|b| BenefitResult {
                label: b.label.clone(),
                kind_label: b.kind.kind_label(),
                driver: b.kind.driver(),
                annual_value: annual_value(&b.kind, &self.defaults, &|e| e.value()),
                derivation: Derivation::default(),
                fte: None,
                availability_pct: None,
                loss_expectancy: None,
            })
            .collect();
        let f = self.flows(init, benefits);
        let npv = f.pv_benefits - f.pv_costs;
        let costs = finance::has_costs(f.pv_costs);
        let irr = match f.irr_detail {
            // As the derivation computes it: (1 + rate% ÷ 100)^12 − 1, in percent.
            Irr::Rate { rate, .. } if (finance::annualize(rate) * 100.0).is_finite() => {
                Some(((1.0 + rate * 100.0 / 100.0).powf(12.0) - 1.0) * 100.0)
            }
            _ => None,
        };
        let heads = Heads {
            npv: Headline::plain(Some(npv)),
            roi: Headline::plain(costs.then(|| npv / f.pv_costs * 100.0)),
            bcr: Headline::plain(costs.then(|| f.pv_benefits / f.pv_costs)),
            payback: Headline::plain(match f.payback {
                Payback::At(0.0) => Some(0.0),
                Payback::At(p) => Some(p),
                Payback::NotWithin => None,
            }),
            irr: Headline::plain(irr),
            cost_of_delay: Headline::plain(Some(f.npv_on_time - f.npv_delayed)),
            score: Headline::plain(
                weighted_score(&self.scenario.criteria, &init.scores).map(|(v, _)| v),
            ),
        };
        self.result(init, f, heads)
    }

    /// The figures of `init` with their derivations; each figure is its derivation's result.
    fn explained(&self, init: &Initiative) -> InitiativeResult {
        let benefits = init
            .benefits
            .iter()
            .map(|b| convert(b, &self.defaults))
            .collect();
        let f = self.flows(init, benefits);
        let heads = Heads {
            npv: self.npv(&f),
            roi: self.roi_bcr(&f, true),
            bcr: self.roi_bcr(&f, false),
            payback: self.payback(&f),
            irr: irr_headline(f.irr_detail, &f.monthly.net),
            cost_of_delay: {
                let mut d = Derivation::default();
                let cod = d.push(
                    "Cost of delay",
                    Expr::minus(
                        money("NPV as planned", f.npv_on_time),
                        money("NPV if delivery slips one month", f.npv_delayed),
                    ),
                    Unit::MoneyPerMonth,
                );
                Headline {
                    value: Some(cod),
                    derivation: d,
                }
            },
            score: match weighted_score(&self.scenario.criteria, &init.scores) {
                Some((v, d)) => Headline {
                    value: Some(v),
                    derivation: d,
                },
                None => {
                    let mut d = Derivation::default();
                    d.without_value(
                        "Weighted score",
                        "not defined: no criterion has a weight above 0",
                        Unit::Score,
                    );
                    Headline {
                        value: None,
                        derivation: d,
                    }
                }
            },
        };
        self.result(init, f, heads)
    }

    fn npv(&self, f: &Flows) -> Headline {
        let benefits_row = &f.tei[f.tei.len() - 5];
        let costs_row = &f.tei[f.tei.len() - 2];
        let year_terms = |row: &TeiRow, flows: &[f64]| {
            let mut terms = Vec::new();
            if row.initial != 0.0 {
                terms.push(money("initial", row.initial));
            }
            for y in 0..row.years.len() {
                let pv: f64 = (y * 12 + 1..=y * 12 + 12)
                    .map(|m| flows[m] * self.discount[m])
                    .sum();
                terms.push(money(format!("year {} PV", y + 1), pv));
            }
            terms
        };
        let mut d = Derivation::default();
        d.push(
            npv_step::RATE,
            Expr::minus(
                Expr::pow(
                    Expr::sum(vec![
                        Expr::term("", 1.0, Unit::Number),
                        Expr::term("a year", self.annual_rate * 100.0, Unit::Percent),
                    ]),
                    Expr::over(
                        Expr::term("", 1.0, Unit::Number),
                        Expr::term("", 12.0, Unit::Number),
                    ),
                ),
                Expr::term("", 1.0, Unit::Number),
            ),
            Unit::Percent,
        );
        d.push(
            npv_step::PV_BENEFITS,
            Expr::sum(year_terms(benefits_row, &f.monthly.benefits)),
            Unit::Money,
        );
        d.push(
            npv_step::PV_COSTS,
            Expr::sum(year_terms(costs_row, &f.monthly.costs)),
            Unit::Money,
        );
        if let Some(step) = d.steps.get_mut(1) {
            step.note = Some(
                "each month's risk-adjusted benefit discounted to month 0 at the monthly rate"
                    .into(),
            );
        }
        let npv = d.push(
            npv_step::NPV,
            Expr::minus(
                money("PV of benefits", f.pv_benefits),
                money("PV of costs", f.pv_costs),
            ),
            Unit::Money,
        );
        Headline {
            value: Some(npv),
            derivation: d,
        }
    }

    /// The ROI (`roi`) or the benefit/cost ratio.
    fn roi_bcr(&self, f: &Flows, roi: bool) -> Headline {
        let label = if roi { "ROI" } else { "Benefit/cost ratio" };
        if !finance::has_costs(f.pv_costs) {
            let mut d = Derivation::default();
            d.without_value(
                label,
                "not defined: the initiative has no costs (none worth half a cent)",
                Unit::Money,
            );
            return Headline {
                value: None,
                derivation: d,
            };
        }
        let npv = f.pv_benefits - f.pv_costs;
        if roi {
            Headline {
                value: Some(npv / f.pv_costs * 100.0),
                derivation: Derivation::single(
                    label,
                    Expr::over(money("NPV", npv), money("PV of costs", f.pv_costs)),
                    Unit::Percent,
                ),
            }
        } else {
            Headline {
                value: Some(f.pv_benefits / f.pv_costs),
                derivation: Derivation::single(
                    label,
                    Expr::over(
                        money("PV of benefits", f.pv_benefits),
                        money("PV of costs", f.pv_costs),
                    ),
                    Unit::Ratio,
                ),
            }
        }
    }

    fn payback(&self, f: &Flows) -> Headline {
        let mut d = Derivation::default();
        let value = match f.payback {
            Payback::At(0.0) => {
                d.note(
                    "Payback",
                    "the cumulative cash flow is never negative",
                    Quantity::new(0.0, Unit::Months),
                );
                Some(0.0)
            }
            Payback::At(p) => {
                let m = p.floor() as usize;
                let m = m.min(self.horizon_months - 1);
                let before = f.monthly.cumulative[m];
                let next = f.monthly.net[m + 1];
                d.push(
                    "Payback",
                    Expr::sum(vec![
                        Expr::term("", m as f64, Unit::Months),
                        Expr::over(
                            money("still to recover", -before),
                            money(format!("net cash flow of month {}", m + 1), next),
                        ),
                    ]),
                    Unit::Months,
                );
                Some(p)
            }
            Payback::NotWithin => {
                d.note(
                    "Payback",
                    format!(
                        "not within the {}-month horizon: the cumulative cash flow is still negative at its end",
                        self.horizon_months
                    ),
                    Quantity::new(*f.monthly.cumulative.last().unwrap_or(&0.0), Unit::Money),
                );
                None
            }
        };
        Headline {
            value,
            derivation: d,
        }
    }
}

/// The headlines of one initiative.
struct Heads {
    npv: Headline,
    roi: Headline,
    bcr: Headline,
    payback: Headline,
    irr: Headline,
    cost_of_delay: Headline,
    score: Headline,
}

/// An IRR above this (percent a year) says why it is so large.
pub const LARGE_IRR_PCT: f64 = 1000.0;

fn irr_headline(irr_detail: Irr, net: &[f64]) -> Headline {
    let mut irr_d = Derivation::default();
    let above = |d: &mut Derivation| {
        d.note(
            "IRR",
            "above the largest rate Caseboard computes: the monthly cash flows change sign once, so there is exactly one IRR, and it is above this monthly rate (a yearly rate above 10^307%)",
            Quantity::new(finance::max_rate() * 100.0, Unit::Percent),
        );
    };
    let irr_value = match irr_detail {
        Irr::None => {
            irr_d.without_value(
                "IRR",
                "none: the monthly cash flows never change sign, so no discount rate makes the NPV zero",
                Unit::Percent,
            );
            None
        }
        Irr::OutOfRange { above: true, .. } => {
            above(&mut irr_d);
            None
        }
        Irr::OutOfRange {
            above: false,
            changes: 1,
        } => {
            irr_d.note(
                "IRR",
                "below the lowest rate Caseboard computes: the monthly cash flows change sign once, so there is exactly one IRR, and it is within a hair of −100%",
                Quantity::new(finance::min_rate() * 100.0, Unit::Percent),
            );
            None
        }
        Irr::OutOfRange { changes, .. } => {
            irr_d.without_value(
                "IRR",
                format!("not found: the monthly cash flows change sign {changes} times, and no monthly rate from −99.995% to +2,200,000% makes the NPV zero"),
                Unit::Percent,
            );
            None
        }
        // The search stops where the yearly rate in percent is 10^307, so this is a number;
        // should rounding ever make it one no longer, it is said to be above, never ∞.
        Irr::Rate { rate, .. } if !(finance::annualize(rate) * 100.0).is_finite() => {
            above(&mut irr_d);
            None
        }
        Irr::Rate { rate, multiple } => {
            irr_d.note(
                "Monthly IRR",
                if multiple {
                    "the monthly rate at which the NPV is zero; the flows change sign more than once and have several such rates: this is the one closest to 0"
                } else {
                    "the monthly rate at which the NPV of the monthly cash flows is zero"
                },
                Quantity::new(rate * 100.0, Unit::Percent),
            );
            let annual = irr_d.push(
                "IRR",
                Expr::minus(
                    Expr::pow(
                        Expr::sum(vec![
                            Expr::term("", 1.0, Unit::Number),
                            Expr::term("", rate * 100.0, Unit::Percent),
                        ]),
                        Expr::term("", 12.0, Unit::Number),
                    ),
                    Expr::term("", 1.0, Unit::Number),
                ),
                Unit::Percent,
            );
            if annual > LARGE_IRR_PCT {
                large_irr(&mut irr_d, net);
            }
            Some(annual)
        }
    };
    Headline {
        value: irr_value,
        derivation: irr_d,
    }
}

/// Why an IRR is so large: what is spent before the first month that returns more than it costs
/// is small against what comes back.
fn large_irr(d: &mut Derivation, net: &[f64]) {
    let spent: f64 = net.iter().take_while(|v| **v <= 0.0).map(|v| -v).sum();
    let best = net.iter().copied().fold(0.0, f64::max);
    d.note(
        "Why so large: spent before the flows turn positive",
        "small against the best month's net flow below, so the money comes back many times within a year; an IRR this large says more about that small outlay than about the return (compare the NPV and the payback)",
        Quantity::new(spent, Unit::Money),
    );
    d.note(
        "Best month's net flow",
        "what one month brings back",
        Quantity::new(best, Unit::Money),
    );
}

/// A figure initiatives can be ranked by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Npv,
    Roi,
    Irr,
    Payback,
    BenefitCostRatio,
    CostOfDelay,
    Score,
    AnnualValue,
    PvBenefits,
}

impl Figure {
    pub const ALL: [Figure; 9] = [
        Figure::Npv,
        Figure::Roi,
        Figure::Irr,
        Figure::Payback,
        Figure::BenefitCostRatio,
        Figure::CostOfDelay,
        Figure::Score,
        Figure::AnnualValue,
        Figure::PvBenefits,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Figure::Npv => "NPV",
            Figure::Roi => "ROI",
            Figure::Irr => "IRR",
            Figure::Payback => "Payback",
            Figure::BenefitCostRatio => "Benefit/cost ratio",
            Figure::CostOfDelay => "Cost of delay",
            Figure::Score => "Weighted score",
            Figure::AnnualValue => "Annual value",
            Figure::PvBenefits => "PV of benefits",
        }
    }

    /// Payback ranks shortest first; every other figure highest first.
    pub fn higher_is_better(self) -> bool {
        self != Figure::Payback
    }

    /// The figure as ranks and the comparison's ★ order it: its value, except for an IRR beyond
    /// the rates computed, which still has a place: above every other IRR when it is above 10^307%
    /// a year, below them when it is within a hair of −100%. IRRs are ordered by ln(1 + monthly
    /// rate), the same order as the yearly rates.
    pub fn rank_value(self, r: &InitiativeResult) -> Option<f64> {
        match (self, r.irr_detail) {
            (Figure::Irr, Irr::Rate { rate, .. }) => Some(rate.ln_1p()),
            (Figure::Irr, Irr::OutOfRange { above: true, .. }) => Some(f64::MAX),
            (
                Figure::Irr,
                Irr::OutOfRange {
                    above: false,
                    changes: 1,
                },
            ) => Some(f64::MIN),
            (Figure::Irr, _) => None,
            _ => self.value(r),
        }
    }

    pub fn value(self, r: &InitiativeResult) -> Option<f64> {
        match self {
            Figure::Npv => r.npv.value,
            Figure::Roi => r.roi.value,
            Figure::Irr => r.irr.value,
            Figure::Payback => r.payback_months.value,
            Figure::BenefitCostRatio => r.benefit_cost_ratio.value,
            Figure::CostOfDelay => r.cost_of_delay.value,
            Figure::Score => r.score.value,
            Figure::AnnualValue => Some(r.annual_value),
            Figure::PvBenefits => Some(r.pv_benefits),
        }
    }
}

/// Rank (1 = best) of each initiative by `by`, in the scenario's order. Equal figures share a
/// rank; initiatives without the figure (no IRR, no payback) rank after all others, together. An
/// IRR above the rates computed ranks first ([`Figure::rank_value`]).
pub fn ranks(results: &[InitiativeResult], by: Figure) -> Vec<usize> {
    let key = |r: &InitiativeResult| {
        by.rank_value(r)
            .map(|v| if by.higher_is_better() { -v } else { v })
    };
    let keys: Vec<Option<f64>> = results.iter().map(key).collect();
    keys.iter()
        .map(|k| {
            1 + keys
                .iter()
                .filter(|other| match (other, k) {
                    (Some(o), Some(k)) => o < k,
                    (Some(_), None) => true,
                    _ => false,
                })
                .count()
        })
        .collect()
}

/// A valid scenario with its evaluation: the results on screen, and what a chart is drawn from.
/// Equal when it is the same evaluation (by pointer: cheap, and what the views need to know).
#[derive(Clone, Debug)]
pub struct Shown {
    pub scenario: std::sync::Arc<Scenario>,
    pub evaluation: std::sync::Arc<Evaluation>,
    /// The portfolio: what is funded and when (`model::plan`).
    pub plan: std::sync::Arc<super::plan::Plan>,
}

impl Shown {
    /// The page's results: the evaluation, without the plan (the persistence worker makes the
    /// plan and sends its words: the page carries no solver).
    pub fn page(scenario: Scenario, evaluation: Evaluation) -> Shown {
        Shown {
            scenario: std::sync::Arc::new(scenario),
            evaluation: std::sync::Arc::new(evaluation),
            plan: std::sync::Arc::new(super::plan::Plan::none()),
        }
    }

    /// A valid scenario's results: its evaluation and the plan made from it.
    pub fn new(scenario: Scenario, evaluation: Evaluation) -> Shown {
        let plan = super::plan::plan(&scenario, &evaluation);
        Shown {
            scenario: std::sync::Arc::new(scenario),
            evaluation: std::sync::Arc::new(evaluation),
            plan: std::sync::Arc::new(plan),
        }
    }
}

impl PartialEq for Shown {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.evaluation, &other.evaluation)
    }
}

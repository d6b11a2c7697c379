//! Benefit conversions: hours, outage minutes, risk exposure, avoided cost and revenue into money
//! per year at full adoption.
//!
//! Two paths compute the same numbers: `annual_value` is the lean numeric path the simulator calls
//! many thousands of times; `convert` builds the derivation the user sees, and its result is the
//! derivation's own arithmetic. Tests hold the two equal on arbitrary inputs.

use super::derivation::{Derivation, Expr, Unit};
use super::estimate::Estimate;
use super::scenario::Scenario;
use super::scenario::{Benefit, BenefitKind, Driver, MINUTES_PER_YEAR};
use super::schema::{term_of, Field};
use crate::model::scenario::{CostAvoided, HoursSaved, OutageAvoided, RevenueGained, RiskReduced};

/// Scenario-wide inputs a benefit may fall back on.
#[derive(Debug, Clone, Copy)]
pub struct Defaults {
    pub hourly_rate: f64,
    pub hours_per_fte_year: f64,
}

/// Annual money value at full adoption, before the confidence adjustment. `pick` reads the value
/// of each estimate (the likely value, or a simulated draw).
pub fn annual_value(
    kind: &BenefitKind,
    defaults: &Defaults,
    pick: &impl Fn(&Estimate) -> f64,
) -> f64 {
    let pct = |e: &Estimate| pick(e) / 100.0;
    let rate = |r: &Option<Estimate>| r.as_ref().map_or(defaults.hourly_rate, pick);
    match kind {
        BenefitKind::HoursSaved(HoursSaved {
            hours,
            per,
            hourly_rate,
            adoption_pct,
            recapture_pct,
        }) => {
            pick(hours)
                * per.per_year()
                * rate(hourly_rate)
                * pct(adoption_pct)
                * pct(recapture_pct)
        }
        BenefitKind::OutageAvoided(OutageAvoided {
            baseline_minutes_per_year,
            reduction_pct,
            revenue_per_minute,
            revenue_impact_pct,
            affected_staff,
            hourly_rate,
            productivity_loss_pct,
            incidents_avoided_per_year,
            cost_per_incident,
        }) => {
            let minutes = pick(baseline_minutes_per_year) * pct(reduction_pct);
            let per_minute = pick(revenue_per_minute) * pct(revenue_impact_pct)
                + pick(affected_staff) * (rate(hourly_rate) / 60.0) * pct(productivity_loss_pct);
            minutes * per_minute + pick(incidents_avoided_per_year) * pick(cost_per_incident)
        }
        BenefitKind::RiskReduced(RiskReduced {
            events_per_year,
            loss_per_event,
            likelihood_reduction_pct,
            impact_reduction_pct,
        }) => {
            let before = pick(events_per_year) * pick(loss_per_event);
            let after = pick(events_per_year)
                * (1.0 - pct(likelihood_reduction_pct))
                * pick(loss_per_event)
                * (1.0 - pct(impact_reduction_pct));
            before - after
        }
        BenefitKind::CostAvoided(CostAvoided { amount_per_year }) => pick(amount_per_year),
        BenefitKind::RevenueGained(RevenueGained {
            revenue_per_year,
            margin_pct,
        }) => pick(revenue_per_year) * pct(margin_pct),
    }
}

/// A benefit converted to money, with its working.
#[derive(Debug, Clone, PartialEq)]
pub struct BenefitResult {
    pub label: String,
    pub kind_label: &'static str,
    pub driver: Driver,
    /// Money per year at full adoption, before the confidence adjustment.
    pub annual_value: f64,
    pub derivation: Derivation,
    /// Hours saved: full-time equivalents at full adoption.
    pub fte: Option<f64>,
    /// Outage avoided: availability percent before and after.
    pub availability_pct: Option<(f64, f64)>,
    /// Risk reduced: annualized loss expectancy before and after.
    pub loss_expectancy: Option<(f64, f64)>,
}

/// The records whose derivation words (`Field::term`) the derivations use.
const H: &[Field] = HoursSaved::FIELDS;
const O: &[Field] = OutageAvoided::FIELDS;
const R: &[Field] = RiskReduced::FIELDS;
const C: &[Field] = CostAvoided::FIELDS;
const G: &[Field] = RevenueGained::FIELDS;
const S: &[Field] = Scenario::FIELDS;

/// The word naming input `key` in a derivation, from its descriptor.
fn word(fields: &[Field], key: &str) -> &'static str {
    term_of(fields, key)
}

/// Converts one benefit at its likely values, building the derivation shown to the user.
pub fn convert(benefit: &Benefit, defaults: &Defaults) -> BenefitResult {
    let v = |e: &Estimate| e.value();
    let t = Expr::term;
    let rate_term = |r: &Option<Estimate>| match r {
        Some(e) => t("", e.value(), Unit::MoneyPerHour),
        None => t(
            word(S, "default_hourly_rate"),
            defaults.hourly_rate,
            Unit::MoneyPerHour,
        ),
    };
    let hundred = || t("", 100.0, Unit::Percent);
    let mut d = Derivation::default();
    let mut out = BenefitResult {
        label: benefit.label.clone(),
        kind_label: benefit.kind.kind_label(),
        driver: benefit.kind.driver(),
        annual_value: 0.0,
        derivation: Derivation::default(),
        fte: None,
        availability_pct: None,
        loss_expectancy: None,
    };
    out.annual_value = match &benefit.kind {
        BenefitKind::HoursSaved(HoursSaved {
            hours,
            per,
            hourly_rate,
            adoption_pct,
            recapture_pct,
        }) => {
            let hours_t = || t("", v(hours), Unit::HoursPer(*per));
            let periods = || t("", per.per_year(), Unit::Number);
            let adoption = || t(word(H, "adoption_pct"), v(adoption_pct), Unit::Percent);
            let value = d.push(
                "Annual value",
                Expr::product(vec![
                    hours_t(),
                    periods(),
                    rate_term(hourly_rate),
                    adoption(),
                    t(word(H, "recapture_pct"), v(recapture_pct), Unit::Percent),
                ]),
                Unit::MoneyPerYear,
            );
            if defaults.hours_per_fte_year > 0.0 {
                let fte = d.push(
                    "FTE equivalent",
                    Expr::over(
                        Expr::product(vec![hours_t(), periods(), adoption()]),
                        t(
                            word(S, "hours_per_fte_year"),
                            defaults.hours_per_fte_year,
                            Unit::Hours,
                        ),
                    ),
                    Unit::Fte,
                );
                out.fte = Some(fte);
            } else {
                d.without_value(
                    "FTE equivalent",
                    "not defined: the working hours per FTE-year are 0",
                    Unit::Fte,
                );
            }
            // Keep the money figure as the final step.
            d.steps.rotate_left(1);
            value
        }
        BenefitKind::OutageAvoided(OutageAvoided {
            baseline_minutes_per_year,
            reduction_pct,
            revenue_per_minute,
            revenue_impact_pct,
            affected_staff,
            hourly_rate,
            productivity_loss_pct,
            incidents_avoided_per_year,
            cost_per_incident,
        }) => {
            let baseline = v(baseline_minutes_per_year);
            let minutes = d.push(
                "Outage minutes avoided",
                Expr::product(vec![
                    t(
                        word(O, "baseline_minutes_per_year"),
                        baseline,
                        Unit::MinutesPerYear,
                    ),
                    t(word(O, "reduction_pct"), v(reduction_pct), Unit::Percent),
                ]),
                Unit::MinutesPerYear,
            );
            let before = d.push(
                "Availability before",
                Expr::minus(
                    hundred(),
                    Expr::over(
                        t("outage", baseline, Unit::MinutesPerYear),
                        t("in a year", MINUTES_PER_YEAR, Unit::MinutesPerYear),
                    ),
                ),
                Unit::Percent,
            );
            let after = d.push(
                "Availability after",
                Expr::minus(
                    hundred(),
                    Expr::over(
                        t("outage", baseline - minutes, Unit::MinutesPerYear),
                        t("in a year", MINUTES_PER_YEAR, Unit::MinutesPerYear),
                    ),
                ),
                Unit::Percent,
            );
            out.availability_pct = Some((before, after));
            let per_minute = d.push(
                "Cost of one outage minute",
                Expr::sum(vec![
                    Expr::product(vec![
                        t(
                            word(O, "revenue_per_minute"),
                            v(revenue_per_minute),
                            Unit::MoneyPerMinute,
                        ),
                        t(
                            word(O, "revenue_impact_pct"),
                            v(revenue_impact_pct),
                            Unit::Percent,
                        ),
                    ]),
                    Expr::product(vec![
                        t(word(O, "affected_staff"), v(affected_staff), Unit::Number),
                        Expr::over(rate_term(hourly_rate), t("min/h", 60.0, Unit::Number)),
                        t(
                            word(O, "productivity_loss_pct"),
                            v(productivity_loss_pct),
                            Unit::Percent,
                        ),
                    ]),
                ]),
                Unit::MoneyPerMinute,
            );
            d.push(
                "Annual value",
                Expr::sum(vec![
                    Expr::product(vec![
                        t("avoided", minutes, Unit::MinutesPerYear),
                        t("", per_minute, Unit::MoneyPerMinute),
                    ]),
                    Expr::product(vec![
                        t(
                            word(O, "incidents_avoided_per_year"),
                            v(incidents_avoided_per_year),
                            Unit::PerYear,
                        ),
                        t(
                            word(O, "cost_per_incident"),
                            v(cost_per_incident),
                            Unit::MoneyPerEvent,
                        ),
                    ]),
                ]),
                Unit::MoneyPerYear,
            )
        }
        BenefitKind::RiskReduced(RiskReduced {
            events_per_year,
            loss_per_event,
            likelihood_reduction_pct,
            impact_reduction_pct,
        }) => {
            let events = || t("", v(events_per_year), Unit::EventsPerYear);
            let loss = || t("", v(loss_per_event), Unit::MoneyPerEvent);
            let before = d.push(
                "Loss expectancy before",
                Expr::product(vec![events(), loss()]),
                Unit::MoneyPerYear,
            );
            let after = d.push(
                "Loss expectancy after",
                Expr::product(vec![
                    events(),
                    Expr::minus(
                        hundred(),
                        t(
                            word(R, "likelihood_reduction_pct"),
                            v(likelihood_reduction_pct),
                            Unit::Percent,
                        ),
                    ),
                    loss(),
                    Expr::minus(
                        hundred(),
                        t(
                            word(R, "impact_reduction_pct"),
                            v(impact_reduction_pct),
                            Unit::Percent,
                        ),
                    ),
                ]),
                Unit::MoneyPerYear,
            );
            out.loss_expectancy = Some((before, after));
            d.push(
                "Annual value",
                Expr::minus(
                    t("before", before, Unit::MoneyPerYear),
                    t("after", after, Unit::MoneyPerYear),
                ),
                Unit::MoneyPerYear,
            )
        }
        BenefitKind::CostAvoided(CostAvoided { amount_per_year }) => d.push(
            "Annual value",
            t(
                word(C, "amount_per_year"),
                v(amount_per_year),
                Unit::MoneyPerYear,
            ),
            Unit::MoneyPerYear,
        ),
        BenefitKind::RevenueGained(RevenueGained {
            revenue_per_year,
            margin_pct,
        }) => d.push(
            "Annual value",
            Expr::product(vec![
                t(
                    word(G, "revenue_per_year"),
                    v(revenue_per_year),
                    Unit::MoneyPerYear,
                ),
                t(word(G, "margin_pct"), v(margin_pct), Unit::Percent),
            ]),
            Unit::MoneyPerYear,
        ),
    };
    out.derivation = d;
    out
}

//! Tracking after approval: what people measured, month by month, turned into money with the
//! plan's own formulas, set against the plan, and carried forward into a forecast.
//!
//! * **Realised value.** A month's reading of a benefit is what people measure — hours saved in
//!   the month, the adoption reached, outage minutes in the month, loss events in the month, an
//!   amount avoided or earned in the month. [`realised_month`] puts it in the place of the plan's
//!   input it measures and applies the plan's formula (`convert::annual_value`), for one month
//!   (the annual value ÷ 12). Measured value is not risk-adjusted: the plan's confidence is a
//!   forecast's discount, and a reading is no forecast.
//! * **Status.** [`status`] compares an actual with its plan within tolerance bands (green within
//!   5% of plan, yellow within 15%, red beyond, by default), direction-aware: doing better than
//!   plan is green.
//! * **Forecast.** [`forecast`] keeps the actual months as they are and, for every month without
//!   a reading, takes the plan adjusted by what the readings show: the plan's benefits times the
//!   ratio of realised to planned benefits over the months read, the plan's running cost times
//!   the same ratio for running cost, and what is left of the one-time cost in the month after
//!   the last reading. NPV now is the NPV of that series; against NPV at approval it says what
//!   the results so far have changed.

use super::convert::{annual_value, Defaults};
use super::estimate::Estimate;
use super::scenario::{Baseline, Benefit, BenefitKind, Initiative, Scenario};

pub use super::scenario::Better;

/// Tolerance bands, in per cent of the plan: within `green_pct` of it (or better) is green,
/// within `yellow_pct` yellow, beyond red.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tolerance {
    pub green_pct: f64,
    pub yellow_pct: f64,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance {
            green_pct: 5.0,
            yellow_pct: 15.0,
        }
    }
}

/// A status against plan. Colour is never its only signal: each has a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Green,
    Yellow,
    Red,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Green => "On track",
            Status::Yellow => "At risk",
            Status::Red => "Off track",
        }
    }

    /// The worse of two statuses (an initiative is as bad as its worst benefit).
    pub fn worst(self, other: Status) -> Status {
        fn rank(s: Status) -> u8 {
            match s {
                Status::Green => 0,
                Status::Yellow => 1,
                Status::Red => 2,
            }
        }
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }
}

/// How far `actual` falls short of `plan`, in per cent of the plan's size (negative: better than
/// plan). `None` when the plan is zero (no per cent of nothing).
pub fn shortfall_pct(plan: f64, actual: f64, better: Better) -> Option<f64> {
    if plan == 0.0 || !plan.is_finite() || !actual.is_finite() {
        return None;
    }
    let worse_by = match better {
        Better::Higher => plan - actual,
        Better::Lower => actual - plan,
    };
    Some(worse_by / plan.abs() * 100.0)
}

/// The status of `actual` against `plan`. A band's edge belongs to the better band ("within 5%"
/// includes 5%); with a plan of zero, anything worse than zero is red.
pub fn status(plan: f64, actual: f64, better: Better, tol: Tolerance) -> Status {
    // A thousandth of a per cent: so that 95 against 100 (5% short, computed as
    // 5.000000000000001) is within 5%.
    const EDGE: f64 = 1e-3;
    match shortfall_pct(plan, actual, better) {
        Some(s) if s <= tol.green_pct + EDGE => Status::Green,
        Some(s) if s <= tol.yellow_pct + EDGE => Status::Yellow,
        Some(_) => Status::Red,
        None => {
            let worse = match better {
                Better::Higher => actual < plan,
                Better::Lower => actual > plan,
            };
            if worse {
                Status::Red
            } else {
                Status::Green
            }
        }
    }
}

/// One month's reading of a benefit, as people measure it. `None` in `measured`: not measured
/// that month (a gap, never a zero).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Reading {
    /// The benefit's measure in the month: hours saved (hours saved), outage minutes (outage
    /// avoided), loss events (risk reduced), the amount avoided (cost avoided) or revenue
    /// (revenue gained).
    pub measured: Option<f64>,
    /// Hours saved only: the share of the people expected who use it, if measured (the plan's
    /// adoption otherwise).
    pub adoption_pct: Option<f64>,
}

/// What a benefit kind's reading measures, for labels: "Hours saved in the month".
pub fn measure_label(kind: &BenefitKind) -> &'static str {
    match kind {
        BenefitKind::HoursSaved(_) => "Hours saved in the month",
        BenefitKind::OutageAvoided(_) => "Outage minutes in the month",
        BenefitKind::RiskReduced(_) => "Loss events in the month",
        BenefitKind::CostAvoided(_) => "Cost avoided in the month",
        BenefitKind::RevenueGained(_) => "Revenue in the month",
    }
}

/// The money a benefit realised in one month, from its reading: the plan's formula with the
/// measured input in place of the planned one (at the plan's likely values otherwise). `None`
/// when the month was not measured.
///
/// * Hours saved: hours in the month × 12 are the year's hours (in the benefit's own period:
///   ÷ its periods a year), at the measured adoption if given.
/// * Outage avoided: the minutes avoided are the baseline's month (a twelfth of the year's
///   minutes) less the minutes measured; as a reduction of the baseline: 1 − 12 × measured ÷
///   baseline. The outage's incidents avoided are counted as planned.
/// * Risk reduced: the events that happened in the month, × 12, in place of the year's expected
///   events after the reduction: likelihood reduction = 1 − 12 × measured ÷ events a year.
/// * Cost avoided and revenue gained: the month's amount × 12 is the year's.
pub fn realised_month(benefit: &Benefit, defaults: &Defaults, r: &Reading) -> Option<f64> {
    let m = r.measured?;
    if !m.is_finite() {
        return None;
    }
    let mut kind = benefit.kind.clone();
    let point = |v: f64| Estimate::point(v);
    match &mut kind {
        BenefitKind::HoursSaved(h) => {
            h.hours = point(m * 12.0 / h.per.per_year());
            if let Some(a) = r.adoption_pct {
                h.adoption_pct = point(a);
            }
        }
        BenefitKind::OutageAvoided(o) => {
            let baseline = o.baseline_minutes_per_year.value();
            o.reduction_pct = point(if baseline > 0.0 {
                (1.0 - 12.0 * m / baseline) * 100.0
            } else {
                0.0
            });
        }
        BenefitKind::RiskReduced(k) => {
            let events = k.events_per_year.value();
            k.likelihood_reduction_pct = point(if events > 0.0 {
                (1.0 - 12.0 * m / events) * 100.0
            } else {
                0.0
            });
        }
        BenefitKind::CostAvoided(c) => c.amount_per_year = point(m * 12.0),
        BenefitKind::RevenueGained(g) => g.revenue_per_year = point(m * 12.0),
    }
    Some(annual_value(&kind, defaults, &|e: &Estimate| e.value()) / 12.0)
}

/// One month of an initiative's actuals: realised benefits (money) and spend. `None`: not
/// recorded for that month.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ActualMonth {
    pub benefits: Option<f64>,
    pub one_time: Option<f64>,
    pub running: Option<f64>,
}

/// An initiative's plan, month by month (months 0 to the horizon, as `cashflow` builds them).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlanMonths {
    pub benefits: Vec<f64>,
    pub one_time: Vec<f64>,
    pub running: Vec<f64>,
}

/// The forecast: actual months as recorded, the others from the plan as the readings adjust it.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    /// Net cash flow, month by month, actual then forecast.
    pub net: Vec<f64>,
    /// Realised over planned benefits in the months read (`None`: no month read, or nothing
    /// planned in them): the factor on the plan's later benefits.
    pub benefit_ratio: Option<f64>,
    /// The same for running cost.
    pub running_ratio: Option<f64>,
    /// The last month with any actual (`None`: none yet).
    pub last_actual: Option<usize>,
    /// Realised benefits and spend to date, and the plan's over the same months.
    pub realised_to_date: f64,
    pub planned_to_date: f64,
    /// Spend recorded to date, and the plan's for the same: running cost in the months it is
    /// recorded, one-time cost due by the last month one-time spend was recorded.
    pub spent_to_date: f64,
    pub planned_spend_to_date: f64,
    /// Whether any spend was recorded.
    pub spend_recorded: bool,
    /// NPV of the plan, and of actuals then forecast, at the monthly rate given.
    pub npv_plan: f64,
    pub npv_now: f64,
}

/// Actuals, then the plan adjusted by them (see the module's words). `actuals[m]` is month m's.
pub fn forecast(plan: &PlanMonths, actuals: &[ActualMonth], monthly_rate: f64) -> Forecast {
    let n = plan.benefits.len();
    let at = |v: &Vec<f64>, m: usize| v.get(m).copied().unwrap_or(0.0);
    let (mut got_b, mut plan_b, mut got_r, mut plan_r) = (0.0, 0.0, 0.0, 0.0);
    let (mut read_b, mut read_r) = (false, false);
    let mut one_time_spent = 0.0;
    let mut any_one_time = false;
    let mut last_actual = None;
    let mut last_one_time = None;
    let (mut spent, mut planned_spend) = (0.0, 0.0);
    for (m, a) in actuals.iter().enumerate().take(n) {
        if let Some(b) = a.benefits {
            got_b += b;
            plan_b += at(&plan.benefits, m);
            read_b = true;
        }
        if let Some(r) = a.running {
            got_r += r;
            plan_r += at(&plan.running, m);
            read_r = true;
        }
        if let Some(o) = a.one_time {
            one_time_spent += o;
            any_one_time = true;
        }
        if a.benefits.is_some() || a.one_time.is_some() || a.running.is_some() {
            last_actual = Some(m);
        }
        // Running cost against the plan's in the months it is recorded; one-time spend against
        // the plan's one-time cost due by the last month any was recorded.
        if let Some(r) = a.running {
            spent += r;
            planned_spend += at(&plan.running, m);
        }
        if a.one_time.is_some() {
            last_one_time = Some(m);
        }
    }
    if let Some(last) = last_one_time {
        spent += one_time_spent;
        planned_spend += plan.one_time.iter().take(last + 1).sum::<f64>();
    }
    let ratio = |read: bool, got: f64, planned: f64| (read && planned > 0.0).then(|| got / planned);
    let benefit_ratio = ratio(read_b, got_b, plan_b);
    let running_ratio = ratio(read_r, got_r, plan_r);
    let one_time_plan: f64 = plan.one_time.iter().sum();
    let one_time_left = (one_time_plan - one_time_spent).max(0.0);
    let after = last_actual.map_or(0, |m| m + 1);
    let mut net = Vec::with_capacity(n);
    for m in 0..n {
        let a = actuals.get(m).copied().unwrap_or_default();
        let benefits = a
            .benefits
            .unwrap_or_else(|| at(&plan.benefits, m) * benefit_ratio.unwrap_or(1.0));
        let running = a
            .running
            .unwrap_or_else(|| at(&plan.running, m) * running_ratio.unwrap_or(1.0));
        let one_time = match a.one_time {
            Some(o) => o,
            // No one-time spend recorded yet: the plan's own one-time cost where it falls.
            None if !any_one_time => at(&plan.one_time, m),
            None if m == after => one_time_left,
            None => 0.0,
        };
        net.push(benefits - running - one_time);
    }
    let plan_net: Vec<f64> = (0..n)
        .map(|m| at(&plan.benefits, m) - at(&plan.running, m) - at(&plan.one_time, m))
        .collect();
    Forecast {
        npv_plan: super::finance::npv(monthly_rate, &plan_net),
        npv_now: super::finance::npv(monthly_rate, &net),
        net,
        benefit_ratio,
        running_ratio,
        last_actual,
        realised_to_date: got_b,
        planned_to_date: plan_b,
        spent_to_date: spent,
        planned_spend_to_date: planned_spend,
        spend_recorded: last_one_time.is_some() || read_r,
    }
}

/// A KPI's planned level at month `m`: from its baseline at month 0 in a straight line to its
/// target at the target month, then the target.
pub fn kpi_plan(baseline: f64, target: f64, target_month: f64, m: f64) -> f64 {
    if target_month <= 0.0 {
        return target;
    }
    baseline + (target - baseline) * (m / target_month).clamp(0.0, 1.0)
}

/// A KPI reading's status: how much of the planned change from the baseline it shows, within
/// the tolerance bands of that change (a KPI to cut cost 5% that has cut it 4.5% is 10% short).
/// When no change is planned, against the baseline's level.
pub fn kpi_status(
    baseline: f64,
    planned: f64,
    reading: f64,
    better: Better,
    tol: Tolerance,
) -> Status {
    let change = planned - baseline;
    if change.abs() < 1e-12 {
        return status(planned, reading, better, tol);
    }
    // The change achieved, in the planned change's own direction; "higher" is better when the
    // plan moves the way that is better.
    status(
        change.abs(),
        (reading - baseline) * change.signum(),
        Better::Higher,
        tol,
    )
}

/// Where a tracking input is: the initiative (if any) and a path of the field, such as
/// `actuals.3.running` (the fourth month's running cost), `actuals.3.measured.0`,
/// `goals.0.kpis.1.readings.2.value` or `tracking.yellow_pct`.
pub type At = super::validate::Location;

fn at(initiative: Option<usize>, field: String) -> At {
    At {
        criterion: None,
        initiative,
        benefit: None,
        field,
    }
}

/// The last month actuals may be in for: the one set, else the horizon's last.
pub fn last_month(s: &Scenario) -> f64 {
    s.tracking
        .as_of_month
        .unwrap_or(f64::from(s.horizon_years) * 12.0)
}

/// The calendar month of month `m`, as YYYY-MM, when `start` (the scenario's "Month 1 is") is
/// one: month 1 is `start`, month 0 the month before. `None` when `start` is empty or no YYYY-MM.
pub fn calendar_month(start: &str, m: usize) -> Option<String> {
    let (y, mo) = start.trim().split_once('-')?;
    if y.len() != 4 || mo.len() != 2 || !(y.bytes().chain(mo.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, mo): (i64, i64) = (y.parse().ok()?, mo.parse().ok()?);
    if !(1..=12).contains(&mo) {
        return None;
    }
    // Months counted from January of year 0, month 1 at `start`.
    let n = y * 12 + (mo - 1) + m as i64 - 1;
    Some(format!(
        "{:04}-{:02}",
        n.div_euclid(12),
        n.rem_euclid(12) + 1
    ))
}

/// Whether a KPI's unit is a percentage (its readings then lie within 0–100).
fn is_percent(unit: &str) -> bool {
    let u = unit.trim().to_lowercase();
    u == "%" || u == "percent" || u == "per cent"
}

/// What cannot be right in the tracking inputs, each beside the input at fault. None of these
/// stops the business case's figures: a month in the future, a negative number of hours, a
/// percentage of 140, the same month twice, a KPI the scenario does not have.
pub fn problems(s: &Scenario) -> Vec<(At, String)> {
    let mut out = Vec::new();
    let last = last_month(s);
    let t = &s.tracking;
    if !(0.0..=100.0).contains(&t.green_pct) || !(0.0..=100.0).contains(&t.yellow_pct) {
        out.push((
            at(None, "tracking.yellow_pct".into()),
            "Each band must be between 0% and 100% of plan".into(),
        ));
    } else if t.green_pct > t.yellow_pct {
        out.push((
            at(None, "tracking.green_pct".into()),
            format!(
                "is wider than the yellow band ({}%): green must lie within yellow",
                t.yellow_pct
            ),
        ));
    }
    if !t.start.trim().is_empty() && calendar_month(&t.start, 1).is_none() {
        out.push((
            at(None, "tracking.start".into()),
            "must be a year and month as YYYY-MM (2027-01)".into(),
        ));
    }
    let month_problem = |m: f64| -> Option<String> {
        if !m.is_finite() || m < 0.0 || m.fract() != 0.0 {
            Some("must be a whole month from 0".into())
        } else if m > last {
            Some(format!(
                "is after month {last}, the last month actuals are in for: a month in the future"
            ))
        } else {
            None
        }
    };
    for (g, goal) in s.goals.iter().enumerate() {
        for (k, kpi) in goal.kpis.iter().enumerate() {
            let mut seen = Vec::new();
            for (r, reading) in kpi.readings.iter().enumerate() {
                let here = |f: &str| at(None, format!("goals.{g}.kpis.{k}.readings.{r}.{f}"));
                if let Some(m) = month_problem(reading.month) {
                    out.push((here("month"), m));
                } else if seen.contains(&reading.month) {
                    out.push((
                        here("month"),
                        format!("month {} already has a reading", reading.month),
                    ));
                }
                seen.push(reading.month);
                if is_percent(&kpi.unit) && !(0.0..=100.0).contains(&reading.value) {
                    out.push((
                        here("value"),
                        format!(
                            "is a percentage of {}: it must lie between 0 and 100",
                            reading.value
                        ),
                    ));
                }
            }
        }
    }
    for (n, i) in s.initiatives.iter().enumerate() {
        for (m, x) in i.serves.iter().enumerate() {
            let goal = s.goals.iter().find(|g| g.id == x.goal);
            let msg = match goal {
                None => Some(format!(
                    "names the goal “{}”, which the scenario does not have",
                    x.goal
                )),
                Some(g) if !x.kpi.is_empty() && !g.kpis.iter().any(|k| k.id == x.kpi) => {
                    Some(format!(
                        "names the KPI “{}”, which the goal “{}” does not have",
                        x.kpi, g.name
                    ))
                }
                _ => None,
            };
            if let Some(msg) = msg {
                out.push((at(Some(n), format!("serves.{m}.goal")), msg));
            }
        }
        let mut seen = Vec::new();
        for (m, a) in i.actuals.iter().enumerate() {
            let here = |f: &str| at(Some(n), format!("actuals.{m}.{f}"));
            if let Some(p) = month_problem(a.month) {
                out.push((here("month"), p));
            } else if seen.contains(&a.month) {
                out.push((
                    here("month"),
                    format!("month {} is recorded twice", a.month),
                ));
            }
            seen.push(a.month);
            for (f, v) in [("one_time", a.one_time), ("running", a.running)] {
                if v.is_some_and(|v| v < 0.0) {
                    out.push((here(f), "cannot be negative: a spend".into()));
                }
            }
            if a.adoption_pct.is_some_and(|v| !(0.0..=100.0).contains(&v)) {
                out.push((here("adoption_pct"), "must lie between 0% and 100%".into()));
            }
            let benefits = measured_benefits(i);
            if a.measured.len() > benefits.len() {
                out.push((
                    here("measured"),
                    format!(
                        "holds {} measures for {} benefits",
                        a.measured.len(),
                        benefits.len()
                    ),
                ));
            }
            for (b, (v, benefit)) in a.measured.iter().zip(benefits).enumerate() {
                let counted = matches!(
                    benefit.kind,
                    BenefitKind::HoursSaved(_)
                        | BenefitKind::OutageAvoided(_)
                        | BenefitKind::RiskReduced(_)
                );
                if counted && v.is_some_and(|v| v < 0.0) {
                    out.push((
                        here(&format!("measured.{b}")),
                        format!(
                            "cannot be negative: {}",
                            measure_label(&benefit.kind).to_lowercase()
                        ),
                    ));
                }
            }
        }
    }
    out
}

/// The benefits an initiative's monthly measures are read against, in order: those of its last
/// baseline (the plan approved), else its own. `Actual::measured[b]` is the measure of the b-th.
pub fn measured_benefits(i: &Initiative) -> &[Benefit] {
    i.baselines.last().map_or(&i.benefits, |b| &b.benefits)
}

/// The inputs of an initiative that differ from its last baseline (the plan approved), by
/// label: empty when it has no baseline or nothing changed. The baseline stays as it was; the
/// page says the plan changed since approval.
pub fn changed_since_approval(i: &Initiative) -> Vec<&'static str> {
    let Some(b) = i.baselines.last() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let pairs = [
        ("One-time cost", i.one_time_cost.value(), b.one_time_cost),
        (
            "Running cost per year",
            i.annual_running_cost.value(),
            b.annual_running_cost,
        ),
        (
            "Months until benefits start",
            i.delivery_months.value(),
            b.delivery_months,
        ),
        (
            "Ramp-up to full adoption",
            i.ramp_up_months.value(),
            b.ramp_up_months,
        ),
        (
            "Confidence in benefits",
            i.confidence_pct.value(),
            b.confidence_pct,
        ),
    ];
    for (label, now, then) in pairs {
        if now != then {
            out.push(label);
        }
    }
    // What each benefit is worth by (its kind and inputs), not where its inputs come from.
    let plan = |list: &[Benefit]| -> Vec<(String, BenefitKind)> {
        list.iter()
            .map(|x| (x.label.clone(), x.kind.clone()))
            .collect()
    };
    if plan(&i.benefits) != plan(&b.benefits) {
        out.push("Benefits");
    }
    out
}

/// An initiative's baseline as it stands now: its inputs (likely values) and figures, dated.
/// Approving freezes this; later edits do not change it.
pub fn baseline_of(
    i: &Initiative,
    r: &super::evaluate::InitiativeResult,
    date: &str,
    start_month: f64,
) -> Baseline {
    Baseline {
        date: date.into(),
        one_time_cost: i.one_time_cost.value(),
        annual_running_cost: i.annual_running_cost.value(),
        delivery_months: i.delivery_months.value(),
        ramp_up_months: i.ramp_up_months.value(),
        confidence_pct: i.confidence_pct.value(),
        start_month,
        npv: r.npv.value,
        payback_months: r.payback_months.value,
        benefits: i.benefits.clone(),
    }
}

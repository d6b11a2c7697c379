//! The monthly timeline of one initiative.
//!
//! Months run 0..=12 × horizon. Month 0 holds the one-time cost (undiscounted). The running cost
//! falls in every month from 1. Benefits start after the delivery months and ramp linearly to
//! full over the ramp-up months: month m gets the share clamp((m − delivery) / max(ramp, 1), 0, 1)
//! of a full month, so with 2 months' delivery and 4 months' ramp-up months 3, 4, 5, 6 get 25%,
//! 50%, 75%, 100%. A month's benefit is annual value / 12 × share × confidence.

/// Timing and money inputs of one initiative, as plain numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimelineInputs {
    pub horizon_months: usize,
    pub one_time_cost: f64,
    pub annual_running_cost: f64,
    pub delivery_months: f64,
    pub ramp_up_months: f64,
    /// Confidence as a fraction (0.9 for 90%).
    pub confidence: f64,
}

/// The share of a full month's benefit earned in month `m` (m ≥ 1).
pub fn ramp_share(m: usize, delivery_months: f64, ramp_up_months: f64) -> f64 {
    ((m as f64 - delivery_months) / ramp_up_months.max(1.0)).clamp(0.0, 1.0)
}

/// Ramp shares for months 0..=horizon (month 0 is always 0).
pub fn ramp_shares(inputs: &TimelineInputs) -> Vec<f64> {
    (0..=inputs.horizon_months)
        .map(|m| {
            if m == 0 {
                0.0
            } else {
                ramp_share(m, inputs.delivery_months, inputs.ramp_up_months)
            }
        })
        .collect()
}

/// Monthly flows, all indexed by month 0..=horizon.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MonthlyFlows {
    /// Risk-adjusted benefits.
    pub benefits: Vec<f64>,
    /// Costs as positive amounts (one-time in month 0, running afterwards).
    pub costs: Vec<f64>,
    /// benefits − costs.
    pub net: Vec<f64>,
    /// Running total of `net`.
    pub cumulative: Vec<f64>,
}

/// Builds the monthly flows for a total annual value at full adoption, delivery starting now
/// ([`shifted_flows`] at month 0 without a milestone).
pub fn monthly_flows(inputs: &TimelineInputs, annual_value: f64) -> MonthlyFlows {
    shifted_flows(inputs, annual_value, &Timing::default())
}

/// The net present value of an initiative's monthly flows without building them: the fast path
/// for simulation. `discount` holds the monthly discount factors for months 0..=horizon.
pub fn npv_fast(inputs: &TimelineInputs, annual_value: f64, discount: &[f64]) -> f64 {
    let full_month = annual_value / 12.0 * inputs.confidence;
    let running = inputs.annual_running_cost / 12.0;
    let mut pv = -inputs.one_time_cost;
    for (m, df) in discount
        .iter()
        .enumerate()
        .take(inputs.horizon_months + 1)
        .skip(1)
    {
        let share = ramp_share(m, inputs.delivery_months, inputs.ramp_up_months);
        pv += (full_month * share - running) * df;
    }
    pv
}

/// When an initiative's delivery starts, and what its business milestone asks.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Timing {
    /// The month its delivery starts (0: now). Its one-time cost falls in that month, its
    /// running cost in every month after it, and its benefits start `delivery_months` later.
    pub start: usize,
    /// The month its delivery is needed by, if any, and what being late costs.
    pub milestone: Option<(f64, crate::model::scenario::IfLate, f64)>,
}

/// The month benefits start for `timing`, and whether they lapse (a delivery later than a
/// milestone whose benefits lapse).
pub fn benefits_start(inputs: &TimelineInputs, timing: &Timing) -> (f64, bool) {
    use crate::model::scenario::IfLate;
    let delivered = timing.start as f64 + inputs.delivery_months;
    match timing.milestone {
        Some((due, IfLate::Wait, _)) => (delivered.max(due), false),
        Some((due, IfLate::Lapse, _)) => (delivered, delivered > due),
        _ => (delivered, false),
    }
}

/// [`monthly_flows`] of an initiative whose delivery starts in month `timing.start`, with its
/// milestone's rule: benefits no earlier than the milestone (`Wait`), none at all when late
/// (`Lapse`), or the penalty in each month from the milestone to the delivery (`Penalty`).
/// Everything after the horizon is left out. With start 0 and no milestone it equals
/// [`monthly_flows`].
pub fn shifted_flows(inputs: &TimelineInputs, annual_value: f64, timing: &Timing) -> MonthlyFlows {
    use crate::model::scenario::IfLate;
    let (from, lapsed) = benefits_start(inputs, timing);
    let full_month = if lapsed {
        0.0
    } else {
        annual_value / 12.0 * inputs.confidence
    };
    let running = inputs.annual_running_cost / 12.0;
    let delivered = timing.start as f64 + inputs.delivery_months;
    let n = inputs.horizon_months + 1;
    let mut f = MonthlyFlows {
        benefits: Vec::with_capacity(n),
        costs: Vec::with_capacity(n),
        net: Vec::with_capacity(n),
        cumulative: Vec::with_capacity(n),
    };
    let mut total = 0.0;
    for m in 0..n {
        let benefit = if m == 0 {
            0.0
        } else {
            full_month * ramp_share(m, from, inputs.ramp_up_months)
        };
        let mut cost = match m.cmp(&timing.start) {
            std::cmp::Ordering::Less => 0.0,
            std::cmp::Ordering::Equal => inputs.one_time_cost,
            std::cmp::Ordering::Greater => running,
        };
        if let Some((due, IfLate::Penalty, per_month)) = timing.milestone {
            // Month m is a late month when the milestone has passed (m > due) and the delivery
            // has not yet happened by the end of the month before (m ≤ delivered, rounded up).
            if (m as f64) > due && (m as f64) <= delivered.ceil() {
                cost += per_month;
            }
        }
        total += benefit - cost;
        f.benefits.push(benefit);
        f.costs.push(cost);
        f.net.push(benefit - cost);
        f.cumulative.push(total);
    }
    f
}

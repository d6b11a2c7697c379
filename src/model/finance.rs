//! Time value of money on evenly spaced cash flows. `flows[t]` falls at the end of period `t`;
//! `flows[0]` is undiscounted.

/// The per-month rate equivalent to an annual rate: (1 + annual)^(1/12) − 1.
pub fn monthly_rate(annual: f64) -> f64 {
    (1.0 + annual).powf(1.0 / 12.0) - 1.0
}

/// The annual rate equivalent to a per-month rate: (1 + monthly)^12 − 1.
pub fn annualize(monthly: f64) -> f64 {
    (1.0 + monthly).powi(12) - 1.0
}

/// Discount factors 1/(1 + rate)^t for t = 0..n.
pub fn discount_factors(rate: f64, n: usize) -> Vec<f64> {
    let mut out = Vec::with_capacity(n);
    let step = 1.0 / (1.0 + rate);
    let mut f = 1.0;
    for _ in 0..n {
        out.push(f);
        f *= step;
    }
    out
}

/// Costs whose present value is below half a cent (of any currency) count as none: ROI and the
/// benefit/cost ratio divide by them, and a cost of, say, 5 × 10⁻³²⁴ would make both infinite.
pub const MIN_COSTS_FOR_RATIOS: f64 = 0.005;

/// Whether ROI and the benefit/cost ratio are defined for these present costs.
pub fn has_costs(pv_costs: f64) -> bool {
    pv_costs >= MIN_COSTS_FOR_RATIOS
}

/// Net present value: Σ flows[t] / (1 + rate)^t, t from 0 (the numpy-financial convention).
pub fn npv(rate: f64, flows: &[f64]) -> f64 {
    // Horner's scheme in x = 1/(1 + rate): accurate and one division.
    let x = 1.0 / (1.0 + rate);
    flows.iter().rev().fold(0.0, |acc, &cf| acc * x + cf)
}

/// The internal rate of return of a cash-flow series, per period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Irr {
    /// The flows never change sign (or are all zero): no rate makes the NPV zero.
    None,
    /// The rate per period. `multiple` is true when the flows admit more than one IRR; the one
    /// closest to zero is returned, as numpy-financial does.
    Rate { rate: f64, multiple: bool },
    /// The flows change sign, but no rate within the range searched makes the NPV zero: with one
    /// sign change the one IRR lies above [`max_rate`] per period (`above`) or below
    /// [`min_rate`]; with several, none lies within the grid searched.
    OutOfRange { above: bool, changes: usize },
}

impl Irr {
    pub fn rate(self) -> Option<f64> {
        match self {
            Irr::Rate { rate, .. } => Some(rate),
            Irr::None | Irr::OutOfRange { .. } => None,
        }
    }
}

/// The highest rate per period the search reaches, about 2.6 × 10²⁵: the monthly rate whose yearly
/// rate, (1 + r)¹² − 1, is 10³⁰⁵ — 10³⁰⁷ %, the bound the page states ("above 10^307%"). A
/// higher one would not be a number once annualized and shown in percent.
pub fn max_rate() -> f64 {
    LOG_MAX.exp_m1()
}

/// The lowest rate per period the search reaches: e^−700 − 1, −100% to the last digit shown.
pub fn min_rate() -> f64 {
    (-LOG_MIN).exp_m1()
}

fn sign_changes(flows: &[f64]) -> usize {
    let mut changes = 0;
    let mut last = 0.0f64;
    for &cf in flows {
        if cf != 0.0 {
            if last != 0.0 && (cf > 0.0) != (last > 0.0) {
                changes += 1;
            }
            last = cf;
        }
    }
    changes
}

/// A positive multiple of the NPV as a function of u = ln(1 + rate), which maps every rate above
/// −100% onto the real line. It is evaluated in whichever of x = 1/(1 + rate) or 1/x is at most 1,
/// so it neither overflows nor underflows at extreme rates; the sign and the roots are those of
/// the NPV. `flows` must not start or end with zero.
fn npv_at_log(flows: &[f64], u: f64) -> f64 {
    if u >= 0.0 {
        let x = (-u).exp();
        flows.iter().rev().fold(0.0, |acc, &cf| acc * x + cf)
    } else {
        let y = u.exp();
        flows.iter().fold(0.0, |acc, &cf| acc * y + cf)
    }
}

/// Bisection on u to the last representable bit; `f(a)` and `f(b)` have opposite signs.
fn bisect(flows: &[f64], mut a: f64, mut b: f64) -> f64 {
    let mut fa = npv_at_log(flows, a);
    for _ in 0..200 {
        let m = 0.5 * (a + b);
        if m <= a || m >= b {
            break;
        }
        let fm = npv_at_log(flows, m);
        if fm == 0.0 {
            return m;
        }
        if (fm > 0.0) == (fa > 0.0) {
            a = m;
            fa = fm;
        } else {
            b = m;
        }
    }
    0.5 * (a + b)
}

/// With one sign change, rates searched: ln(1 + rate) from −LOG_MIN to LOG_MAX. LOG_MAX is
/// ln(10³⁰⁵) / 12: a monthly rate up to it annualizes to at most 10³⁰⁷ % (e⁵⁹ − 1 did not: its
/// yearly rate in percent, 3 × 10³⁰⁹, is not a number).
const LOG_MAX: f64 = 305.0 * std::f64::consts::LN_10 / 12.0;
const LOG_MIN: f64 = 700.0;
/// With several sign changes, rates searched on a grid: ln(1 + rate) in [−LOG_SPAN, LOG_SPAN],
/// i.e. from −99.995% to about +2,200,000% per period.
const LOG_SPAN: f64 = 10.0;
/// Grid step in ln(1 + rate) when several IRRs are possible.
const LOG_STEP: f64 = 0.002;

/// The IRR of `flows` per period.
///
/// With one sign change in the flows (Descartes' rule: exactly one IRR) the root is bracketed
/// over the whole searched range (rates from −100% to about 2.6 × 10²⁵ per period) and bisected.
/// With several sign changes every root on a fine
/// grid is found and the one closest to zero is returned, flagged `multiple` when there are more
/// than one; roots closer together than the grid step (≈ 0.2%) or touching zero without crossing
/// it are not distinguished.
pub fn irr(flows: &[f64]) -> Irr {
    let changes = sign_changes(flows);
    if changes == 0 {
        return Irr::None;
    }
    // Leading and trailing zeros change no root; without them the scaled NPV cannot underflow.
    let first = flows.iter().position(|&cf| cf != 0.0).unwrap_or(0);
    let last = flows.iter().rposition(|&cf| cf != 0.0).unwrap_or(0);
    let flows = &flows[first..=last];
    if changes == 1 {
        let (lo, hi) = (-LOG_MIN, LOG_MAX);
        let (flo, fhi) = (npv_at_log(flows, lo), npv_at_log(flows, hi));
        if flo == 0.0 {
            return Irr::Rate {
                rate: lo.exp_m1(),
                multiple: false,
            };
        }
        if fhi == 0.0 || (flo > 0.0) != (fhi > 0.0) {
            let u = if fhi == 0.0 {
                hi
            } else {
                bisect(flows, lo, hi)
            };
            return Irr::Rate {
                rate: u.exp_m1(),
                multiple: false,
            };
        }
        // The one root lies beyond the range. Above the root the NPV has the sign of the first
        // flow (at high rates later flows count for nothing), below it that of the last: at
        // the top of the range it still has the last flow's sign when the root is above.
        let first_sign = flows[0] > 0.0;
        return Irr::OutOfRange {
            above: (fhi > 0.0) != first_sign,
            changes,
        };
    }
    let lo = -LOG_SPAN;
    let mut roots: Vec<f64> = Vec::new();
    let steps = (2.0 * LOG_SPAN / LOG_STEP) as usize;
    let mut a = lo;
    let mut fa = npv_at_log(flows, a);
    for i in 1..=steps {
        let b = lo + i as f64 * LOG_STEP;
        let fb = npv_at_log(flows, b);
        if fa == 0.0 {
            roots.push(a);
        } else if fb != 0.0 && (fa > 0.0) != (fb > 0.0) {
            roots.push(bisect(flows, a, b));
        }
        a = b;
        fa = fb;
    }
    if fa == 0.0 {
        roots.push(a);
    }
    let best = roots
        .iter()
        .map(|u| u.exp_m1())
        .min_by(|x, y| x.abs().total_cmp(&y.abs()));
    match best {
        Some(rate) => Irr::Rate {
            rate,
            multiple: roots.len() > 1,
        },
        None => Irr::OutOfRange {
            above: false,
            changes,
        },
    }
}

/// How long until the cumulative undiscounted cash flow is recovered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Payback {
    /// In periods from t = 0, interpolated within the period where the cumulative flow turns
    /// non-negative for good.
    At(f64),
    /// The cumulative flow is still negative at the end of the series.
    NotWithin,
}

impl Payback {
    pub fn periods(self) -> Option<f64> {
        match self {
            Payback::At(p) => Some(p),
            Payback::NotWithin => None,
        }
    }
}

/// The payback point: the first moment after which the cumulative cash flow never falls below
/// zero again, interpolated linearly inside the period where it crosses. If the cumulative flow
/// is never negative the payback is immediate (0).
pub fn payback(flows: &[f64]) -> Payback {
    let mut cumulative = 0.0;
    let mut last_negative: Option<(usize, f64)> = None;
    for (t, &cf) in flows.iter().enumerate() {
        cumulative += cf;
        if cumulative < 0.0 {
            last_negative = Some((t, cumulative));
        }
    }
    match last_negative {
        None => Payback::At(0.0),
        Some((t, _)) if t + 1 >= flows.len() => Payback::NotWithin,
        Some((t, cum)) => {
            let next = flows[t + 1];
            Payback::At(t as f64 + (-cum / next).clamp(0.0, 1.0))
        }
    }
}

//! Uncertainty: Monte Carlo simulation of a scenario's ranges, sensitivity (tornado) and the value
//! of information.
//!
//! * Every estimate with a range is an uncertain input. A trial draws each once — PERT with
//!   min = low, mode = likely, max = high (mean (low + 4·likely + high)/6) — so percentages stay
//!   within their validated 0–100 bounds. Scenario-wide inputs (the discount rate, the default
//!   hourly rate) are drawn once per trial and shared by every initiative, so comparisons are
//!   paired: two initiatives that differ only in fixed inputs are compared on the same draws.
//! * Draws come from ChaCha8 seeded by the scenario's seed: the same seed gives the same figures
//!   on every machine, years later.
//! * Each trial evaluates every initiative on the lean numeric path (`convert::annual_value`,
//!   monthly flows, discounting): NPV, ROI, payback, and who comes first by each. An initiative whose inputs in a trial are
//!   all at their likely values gets exactly the deterministic figures shown in the comparison.
//! * Value of information on the choice of the best initiative by NPV: EVPI = E[max NPV] − max
//!   E[NPV] over the trials; for one input, its EVPPI is estimated by cutting the trials into 20
//!   bins at that input's quantiles (estimated from 2,000 of its draws) and taking
//!   Σ P(bin) · max E[NPV | bin] − max E[NPV]. Both are
//!   summed as regret against the initiative chosen without the information, so they are exactly
//!   0 when that choice is right in every trial (or bin), and EVPPI ≤ EVPI.

use super::convert::{annual_value, Defaults};
use super::estimate::Estimate;
use super::evaluate::{evaluate_valid, Evaluation};
use super::finance::{discount_factors, monthly_rate};
use super::scenario::{Distribution, Initiative, Scenario};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution as _, Gamma, LogNormal};

/// Trials when the scenario does not say.
pub const DEFAULT_TRIALS: usize = 10_000;
/// Bins per input for the value of partial information.
const EVPPI_BINS: usize = 20;
/// Draws per input that place the bins' cuts.
const CUT_SAMPLE: usize = 2_000;

/// Where an uncertain input belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// A scenario setting every initiative shares.
    Shared,
    Initiative(usize),
}

/// One uncertain input: an estimate with a range.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub owner: Owner,
    /// What it is, for people ("Service desk automation: benefit 1 hours").
    pub label: String,
    pub estimate: Estimate,
    /// A percentage (0–100): always PERT, so its draws stay within 0–100.
    pub percent: bool,
}

/// P10, P50, P90 and mean of a figure over the trials (and P25, P75 for box plots).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub p10: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p90: f64,
    pub mean: f64,
}

/// Percentiles of the payback; `None` where it falls beyond the horizon.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PaybackSpread {
    pub p10: Option<f64>,
    pub p50: Option<f64>,
    pub p90: Option<f64>,
    /// Share of trials that pay back within the horizon.
    pub within: f64,
    /// Mean payback of the trials that pay back within the horizon (`None` if none does).
    pub mean_within: Option<f64>,
}

/// What the simulation says about one initiative.
#[derive(Debug, Clone, PartialEq)]
pub struct InitiativeSim {
    pub npv: Spread,
    /// `None` when the initiative has no costs (ROI not defined).
    pub roi: Option<Spread>,
    pub payback: PaybackSpread,
    /// P(NPV < 0).
    pub p_loss: f64,
    /// P(highest NPV); ties share first place, so these can add up to more than 1.
    pub p_best: f64,
    /// P(highest ROI), among initiatives whose ROI is defined in the trial.
    pub p_best_roi: f64,
    /// P(shortest payback); a payback beyond the horizon is never first.
    pub p_best_payback: f64,
    /// P(highest benefit/cost ratio), among initiatives with costs in the trial.
    pub p_best_bcr: f64,
    /// P(highest annual value at full adoption).
    pub p_best_annual: f64,
    /// P(highest PV of benefits).
    pub p_best_pv_benefits: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub trials: usize,
    pub seed: u64,
    pub initiatives: Vec<InitiativeSim>,
    pub inputs: Vec<Input>,
    /// Expected value of perfect information on the choice of the initiative with the highest
    /// NPV, in money.
    pub evpi: f64,
    /// The value of perfect information on each input alone, in the order of `inputs`.
    pub evppi: Vec<f64>,
}

/// Every estimate with a range in `s`, scenario settings first, then initiative by initiative.
pub fn uncertain_inputs(s: &Scenario) -> Vec<Input> {
    let mut out = Vec::new();
    let mut add = |owner, label: String, e: &Estimate, percent: bool| {
        if e.is_range() {
            out.push(Input {
                owner,
                label,
                estimate: *e,
                percent,
            });
        }
    };
    add(
        Owner::Shared,
        "Discount rate".into(),
        &s.discount_rate_pct,
        true,
    );
    add(
        Owner::Shared,
        "Default hourly rate".into(),
        &s.default_hourly_rate,
        false,
    );
    for (k, i) in s.initiatives.iter().enumerate() {
        for (field, e) in initiative_estimates(i) {
            let percent = field == "confidence";
            add(
                Owner::Initiative(k),
                format!("{}: {field}", i.name),
                e,
                percent,
            );
        }
        for (n, b) in i.benefits.iter().enumerate() {
            for (field, e) in b.kind.estimates() {
                add(
                    Owner::Initiative(k),
                    format!("{}: {}, {}", i.name, benefit_name(b, n), field_words(field)),
                    e,
                    field.ends_with("_pct"),
                );
            }
        }
    }
    out
}

/// Whether any estimate of `s` is a range (anything to simulate).
pub fn has_ranges(s: &Scenario) -> bool {
    s.discount_rate_pct.is_range()
        || s.default_hourly_rate.is_range()
        || s.initiatives.iter().any(|i| {
            initiative_estimates(i).iter().any(|(_, e)| e.is_range())
                || i.benefits
                    .iter()
                    .any(|b| b.kind.estimates().iter().any(|(_, e)| e.is_range()))
        })
}

/// A benefit as people know it: its label, or "benefit 2" when it has none.
fn benefit_name(b: &super::scenario::Benefit, n: usize) -> String {
    if b.label.trim().is_empty() {
        format!("benefit {}", n + 1)
    } else {
        b.label.clone()
    }
}

/// A field name in words: "adoption_pct" → "adoption %".
fn field_words(field: &str) -> String {
    field.replace("_pct", " %").replace('_', " ")
}

fn initiative_estimates(i: &Initiative) -> [(&'static str, &Estimate); 5] {
    [
        ("one-time cost", &i.one_time_cost),
        ("running cost", &i.annual_running_cost),
        ("delivery months", &i.delivery_months),
        ("ramp-up months", &i.ramp_up_months),
        ("confidence", &i.confidence_pct),
    ]
}

/// PERT(low, likely, high): low + (high − low) · Beta(α, β) with α = 1 + 4 (likely − low) /
/// (high − low), β = 1 + 4 (high − likely) / (high − low). The Beta draw is X / (X + Y) with X,
/// Y gamma draws (rand_distr's `Gamma`, Marsaglia–Tsang): the same distribution as rand_distr's
/// `Pert`, in half the time, which matters at a million draws per run.
struct PertDraw {
    low: f64,
    width: f64,
    x: Gamma<f64>,
    y: Gamma<f64>,
}

impl PertDraw {
    fn sample(&self, rng: &mut ChaCha8Rng) -> f64 {
        let (x, y) = (self.x.sample(rng), self.y.sample(rng));
        self.low + self.width * (x / (x + y))
    }
}

/// z of the normal distribution's 95th percentile: a 90% interval is mean ± 1.645 σ.
const Z95: f64 = 1.644_853_626_951_472_2;

/// How one input is drawn.
enum Draw {
    Pert(PertDraw),
    Lognormal(LogNormal<f64>),
}

impl Draw {
    fn sample(&self, rng: &mut ChaCha8Rng) -> f64 {
        match self {
            Draw::Pert(p) => p.sample(rng),
            Draw::Lognormal(l) => l.sample(rng),
        }
    }
}

/// A draw of an input's range; `None` (the likely value) when the range has no width. With
/// `Distribution::Lognormal`, a range with low > 0 that is not a percentage is lognormal with
/// low and high as its 5th and 95th percentiles; every other range is PERT.
fn sampler(x: &Input, d: Distribution) -> Option<Draw> {
    let e = &x.estimate;
    let (low, high) = (e.low.unwrap_or(e.likely), e.high.unwrap_or(e.likely));
    let width = high - low;
    if width.is_nan() || width <= 0.0 || !(low..=high).contains(&e.likely) {
        return None;
    }
    if d == Distribution::Lognormal && !x.percent && low > 0.0 {
        let (a, b) = (low.ln(), high.ln());
        return LogNormal::new((a + b) / 2.0, (b - a) / (2.0 * Z95))
            .ok()
            .map(Draw::Lognormal);
    }
    Some(Draw::Pert(PertDraw {
        low,
        width,
        x: Gamma::new(1.0 + 4.0 * (e.likely - low) / width, 1.0).ok()?,
        y: Gamma::new(1.0 + 4.0 * (high - e.likely) / width, 1.0).ok()?,
    }))
}

/// The figures of one initiative for one set of values.
struct Figures {
    npv: f64,
    roi: Option<f64>,
    payback: Option<f64>,
    /// Present value of benefits and of costs; annual value at full adoption.
    pv_benefits: f64,
    pv_costs: f64,
    annual: f64,
}

/// Evaluates initiative `i` with `value` giving each estimate's value, on the lean path: one
/// pass over the months, with the timeline rule of `cashflow::monthly_flows` and the payback rule
/// of `finance::payback`, and no allocation (it runs for every initiative in every trial).
fn figures(
    i: &Initiative,
    horizon_months: usize,
    discount: &[f64],
    defaults: &Defaults,
    value: &impl Fn(&Estimate) -> f64,
) -> Figures {
    let mut by_driver = [0.0; 5];
    for b in &i.benefits {
        by_driver[b.kind.driver().index()] += annual_value(&b.kind, defaults, value);
    }
    let annual: f64 = by_driver.iter().sum();
    let one_time = value(&i.one_time_cost);
    let running = value(&i.annual_running_cost) / 12.0;
    let (delivery, ramp) = (value(&i.delivery_months), value(&i.ramp_up_months));
    let full_month = annual / 12.0 * (value(&i.confidence_pct) / 100.0);
    let (mut pv_benefits, mut pv_costs) = (0.0, one_time);
    let mut cumulative = -one_time;
    let mut last_negative = (cumulative < 0.0).then_some((0, cumulative));
    // `cashflow::ramp_share`, with the division taken out of the month loop
    let per_month = 1.0 / ramp.max(1.0);
    let share = |m: usize| ((m as f64 - delivery) * per_month).clamp(0.0, 1.0);
    let net_at = |m: usize| full_month * share(m) - running;
    for (m, df) in discount.iter().enumerate().take(horizon_months + 1).skip(1) {
        let benefit = full_month * share(m);
        pv_benefits += benefit * df;
        pv_costs += running * df;
        cumulative += benefit - running;
        if cumulative < 0.0 {
            last_negative = Some((m, cumulative));
        }
    }
    let npv = pv_benefits - pv_costs;
    let payback = match last_negative {
        None => Some(0.0),
        Some((t, _)) if t >= horizon_months => None,
        Some((t, cum)) => Some(t as f64 + (-cum / net_at(t + 1)).clamp(0.0, 1.0)),
    };
    Figures {
        npv,
        roi: (pv_costs > 0.0).then(|| npv / pv_costs * 100.0),
        payback,
        pv_benefits,
        pv_costs,
        annual,
    }
}

/// Percentile `q` (0–1) of sorted values, interpolated (numpy's default).
fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let at = q * (sorted.len() - 1) as f64;
    let (lo, hi) = (at.floor() as usize, at.ceil() as usize);
    if lo == hi || sorted[lo] == sorted[hi] {
        return sorted[lo];
    }
    sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo as f64)
}

fn spread(mut v: Vec<f64>) -> Spread {
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    v.sort_unstable_by(f64::total_cmp);
    Spread {
        p10: percentile(&v, 0.1),
        p25: percentile(&v, 0.25),
        p50: percentile(&v, 0.5),
        p75: percentile(&v, 0.75),
        p90: percentile(&v, 0.9),
        mean: if v.iter().all(|x| *x == v[0]) {
            v[0]
        } else {
            mean
        },
    }
}

fn payback_spread(v: &[Option<f64>]) -> PaybackSpread {
    let mut sorted: Vec<f64> = v.iter().map(|p| p.unwrap_or(f64::INFINITY)).collect();
    sorted.sort_unstable_by(f64::total_cmp);
    let at = |q| Some(percentile(&sorted, q)).filter(|p| p.is_finite());
    PaybackSpread {
        p10: at(0.1),
        p50: at(0.5),
        p90: at(0.9),
        within: v.iter().filter(|p| p.is_some()).count() as f64 / v.len().max(1) as f64,
        mean_within: {
            let paid: Vec<f64> = v.iter().flatten().copied().collect();
            // all alike: that value exactly (a sum and a division could round it)
            (!paid.is_empty()).then(|| match paid.iter().all(|x| *x == paid[0]) {
                true => paid[0],
                false => paid.iter().sum::<f64>() / paid.len() as f64,
            })
        },
    }
}

/// Simulates a valid scenario with its own settings (`simulation.trials`, `simulation.seed`).
pub fn simulate_scenario(s: &Scenario) -> Simulation {
    simulate(
        s,
        s.simulation.trials as usize,
        u64::from(s.simulation.seed),
    )
}

/// Trials between two progress reports.
pub const PROGRESS_EVERY: usize = 5_000;

/// Simulates `trials` trials of a valid scenario (one that passed `validate`) from `seed`.
pub fn simulate(s: &Scenario, trials: usize, seed: u64) -> Simulation {
    simulate_with_progress(s, trials, seed, &mut |_| {})
}

/// `simulate`, calling `progress` with the share of trials done (0–1) every `PROGRESS_EVERY`
/// trials, so a long run can say how far it is.
pub fn simulate_with_progress(
    s: &Scenario,
    trials: usize,
    seed: u64,
    progress: &mut dyn FnMut(f64),
) -> Simulation {
    let trials = trials.max(1);
    let det: Evaluation = evaluate_valid(s);
    let inputs = uncertain_inputs(s);
    let samplers: Vec<Option<Draw>> = inputs
        .iter()
        .map(|x| sampler(x, s.simulation.distribution))
        .collect();
    let horizon_months = s.horizon_years as usize * 12;
    let n = s.initiatives.len();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);

    // Which input each ranged estimate is, by address: the scenario's own (shared by every
    // initiative) and each initiative's, in the order of `inputs`.
    let mut shared: Vec<(*const Estimate, usize)> = Vec::new();
    let mut own: Vec<Vec<(*const Estimate, usize)>> = vec![Vec::new(); n];
    {
        let mut next = 0;
        let mut push = |list: &mut Vec<(*const Estimate, usize)>, e: &Estimate| {
            if e.is_range() {
                list.push((e as *const Estimate, next));
                next += 1;
            }
        };
        push(&mut shared, &s.discount_rate_pct);
        push(&mut shared, &s.default_hourly_rate);
        for (k, i) in s.initiatives.iter().enumerate() {
            for (_, e) in initiative_estimates(i) {
                push(&mut own[k], e);
            }
            for b in &i.benefits {
                for (_, e) in b.kind.estimates() {
                    push(&mut own[k], e);
                }
            }
        }
    }
    let at_likely = |list: &[(*const Estimate, usize)], draws: &[f64]| {
        list.iter()
            .all(|(_, x)| draws[*x] == inputs[*x].estimate.likely)
    };

    let m = inputs.len();
    let mut draws = vec![0.0; m];
    let mut npv = vec![0.0; trials * n];
    let mut roi: Vec<Vec<f64>> = vec![Vec::with_capacity(trials); n];
    let mut pay: Vec<Vec<Option<f64>>> = vec![Vec::with_capacity(trials); n];
    let mut roi_t = vec![f64::NAN; trials * n];
    // Benefit/cost ratio (NaN without costs), annual value, PV of benefits: who comes first by each.
    let mut bcr_t = vec![f64::NAN; trials * n];
    let mut annual_t = vec![0.0; trials * n];
    let mut pvb_t = vec![0.0; trials * n];
    let mut drawn = vec![0.0; trials * m];
    for t in 0..trials {
        if t % PROGRESS_EVERY == 0 && t > 0 {
            progress(t as f64 / trials as f64);
        }
        for (k, smp) in samplers.iter().enumerate() {
            draws[k] = match smp {
                Some(p) => p.sample(&mut rng),
                None => inputs[k].estimate.likely,
            };
        }
        for (x, d) in draws.iter().enumerate() {
            drawn[x * trials + t] = *d;
        }
        let find = |list: &[(*const Estimate, usize)], e: &Estimate| {
            list.iter()
                .find(|(a, _)| std::ptr::eq(*a, e))
                .map(|(_, x)| draws[*x])
        };
        let shared_value = |e: &Estimate| find(&shared, e).unwrap_or(e.likely);
        let rate = shared_value(&s.discount_rate_pct) / 100.0;
        let discount = discount_factors(monthly_rate(rate), horizon_months + 1);
        let defaults = Defaults {
            hourly_rate: shared_value(&s.default_hourly_rate),
            hours_per_fte_year: s.hours_per_fte_year,
        };
        let shared_at_likely = at_likely(&shared, &draws);
        for (k, i) in s.initiatives.iter().enumerate() {
            let f = if shared_at_likely && at_likely(&own[k], &draws) {
                // Every input at its likely value: the comparison's own figures, exactly.
                let r = &det.initiatives[k];
                Figures {
                    npv: r.npv(),
                    roi: r.roi.value,
                    payback: r.payback_months.value,
                    pv_benefits: r.pv_benefits,
                    pv_costs: r.pv_costs,
                    annual: r.annual_value,
                }
            } else {
                let value = |e: &Estimate| find(&own[k], e).unwrap_or_else(|| shared_value(e));
                figures(i, horizon_months, &discount, &defaults, &value)
            };
            npv[t * n + k] = f.npv;
            if let Some(x) = f.roi {
                roi[k].push(x);
            }
            roi_t[t * n + k] = f.roi.unwrap_or(f64::NAN);
            if f.pv_costs > 0.0 {
                bcr_t[t * n + k] = f.pv_benefits / f.pv_costs;
            }
            annual_t[t * n + k] = f.annual;
            pvb_t[t * n + k] = f.pv_benefits;
            pay[k].push(f.payback);
        }
    }

    // Who is first in each trial, by NPV, ROI and payback (ties share first place).
    let first = |key: &dyn Fn(usize, usize) -> Option<f64>| -> Vec<f64> {
        let mut count = vec![0usize; n];
        for t in 0..trials {
            let top = (0..n)
                .filter_map(|k| key(t, k))
                .fold(f64::NEG_INFINITY, f64::max);
            for (k, c) in count.iter_mut().enumerate() {
                if key(t, k) == Some(top) {
                    *c += 1;
                }
            }
        }
        count.iter().map(|c| *c as f64 / trials as f64).collect()
    };
    let best = first(&|t, k| Some(npv[t * n + k]));
    let best_roi = first(&|t, k| Some(roi_t[t * n + k]).filter(|r| !r.is_nan()));
    let best_payback = first(&|t, k| pay[k][t].map(|p| -p));
    let best_bcr = first(&|t, k| Some(bcr_t[t * n + k]).filter(|r| !r.is_nan()));
    let best_annual = first(&|t, k| Some(annual_t[t * n + k]));
    let best_pvb = first(&|t, k| Some(pvb_t[t * n + k]));
    // The choice without more information: the highest mean NPV (the first of equals).
    let mut sums = vec![0.0; n];
    for t in 0..trials {
        for (k, v) in npv[t * n..(t + 1) * n].iter().enumerate() {
            sums[k] += v;
        }
    }
    let chosen = (0..n).fold(None, |acc: Option<usize>, k| match acc {
        Some(c) if sums[c] >= sums[k] => acc,
        _ => Some(k),
    });
    // EVPI: knowing every input, one decision per trial. Summed as regret against the choice
    // (each term ≥ 0, and exactly 0 where the chosen initiative is best), so a choice that is
    // right in every trial has a value of exactly 0.
    let evpi = match chosen {
        None => 0.0,
        Some(c) => {
            let total: f64 = (0..trials)
                .map(|t| {
                    let row = &npv[t * n..(t + 1) * n];
                    row.iter().copied().fold(f64::NEG_INFINITY, f64::max) - row[c]
                })
                .sum();
            total / trials as f64
        }
    };
    // EVPPI per input: the trials in equal bins by that input's draw (cut at its quantiles), one
    // decision per bin, regret summed as for the EVPI.
    let bins = EVPPI_BINS.min(trials);
    let mut column = Vec::with_capacity(trials.min(CUT_SAMPLE));
    let mut bin_sums = vec![0.0; bins * n];
    let evppi = (0..m)
        .map(|x| {
            let Some(c) = chosen.filter(|_| samplers[x].is_some()) else {
                return 0.0;
            };
            let draws = &drawn[x * trials..(x + 1) * trials];
            // The quantiles that cut the bins, from the first `CUT_SAMPLE` draws (the trials are
            // independent, so these are a random sample): bins of nearly equal size, for a
            // tenth of the sorting. Each bin's weight below is its own share of the trials.
            let sample = &draws[..trials.min(CUT_SAMPLE)];
            column.clear();
            column.extend_from_slice(sample);
            column.sort_unstable_by(f64::total_cmp);
            let cuts: Vec<f64> = (1..bins).map(|b| column[b * sample.len() / bins]).collect();
            bin_sums.iter_mut().for_each(|v| *v = 0.0);
            for (t, d) in draws.iter().enumerate() {
                let b = cuts.partition_point(|cut| cut <= d);
                let sums = &mut bin_sums[b * n..(b + 1) * n];
                for (k, v) in npv[t * n..(t + 1) * n].iter().enumerate() {
                    sums[k] += v;
                }
            }
            let total: f64 = bin_sums
                .chunks(n)
                .map(|sums| sums.iter().copied().fold(f64::NEG_INFINITY, f64::max) - sums[c])
                .sum();
            total / trials as f64
        })
        .collect();

    let initiatives = (0..n)
        .map(|k| {
            let values: Vec<f64> = (0..trials).map(|t| npv[t * n + k]).collect();
            let losses = values.iter().filter(|v| **v < 0.0).count();
            InitiativeSim {
                npv: spread(values),
                roi: (roi[k].len() == trials).then(|| spread(std::mem::take(&mut roi[k]))),
                payback: payback_spread(&pay[k]),
                p_loss: losses as f64 / trials as f64,
                p_best: best[k],
                p_best_roi: best_roi[k],
                p_best_payback: best_payback[k],
                p_best_bcr: best_bcr[k],
                p_best_annual: best_annual[k],
                p_best_pv_benefits: best_pvb[k],
            }
        })
        .collect();
    Simulation {
        trials,
        seed,
        initiatives,
        inputs,
        evpi,
        evppi,
    }
}

/// One bar of a tornado chart: the NPV with one input at its low and at its high value, the
/// others at their likely values.
#[derive(Debug, Clone, PartialEq)]
pub struct Swing {
    pub label: String,
    pub npv_low: f64,
    pub npv_high: f64,
}

impl Swing {
    pub fn width(&self) -> f64 {
        (self.npv_high - self.npv_low).abs()
    }
}

/// The tornado of initiative `k`: every uncertain input that moves its NPV, widest swing first.
pub fn tornado(s: &Scenario, k: usize) -> Vec<Swing> {
    let Some(init) = s.initiatives.get(k) else {
        return Vec::new();
    };
    let horizon_months = s.horizon_years as usize * 12;
    let npv_with = |target: *const Estimate, v: f64| -> f64 {
        let value = |e: &Estimate| {
            if std::ptr::eq(e, target) {
                v
            } else {
                e.likely
            }
        };
        let rate = value(&s.discount_rate_pct) / 100.0;
        let discount = discount_factors(monthly_rate(rate), horizon_months + 1);
        let defaults = Defaults {
            hourly_rate: value(&s.default_hourly_rate),
            hours_per_fte_year: s.hours_per_fte_year,
        };
        figures(init, horizon_months, &discount, &defaults, &value).npv
    };
    let mut candidates: Vec<(String, &Estimate)> = vec![
        ("Discount rate".into(), &s.discount_rate_pct),
        ("Default hourly rate".into(), &s.default_hourly_rate),
    ];
    for (field, e) in initiative_estimates(init) {
        candidates.push((field.to_string(), e));
    }
    for (n, b) in init.benefits.iter().enumerate() {
        for (field, e) in b.kind.estimates() {
            candidates.push((format!("{}, {}", benefit_name(b, n), field_words(field)), e));
        }
    }
    let mut swings: Vec<Swing> = candidates
        .into_iter()
        .filter(|(_, e)| e.is_range())
        .map(|(label, e)| Swing {
            label,
            npv_low: npv_with(e, e.low.unwrap_or(e.likely)),
            npv_high: npv_with(e, e.high.unwrap_or(e.likely)),
        })
        .filter(|w| w.width() > 0.0)
        .collect();
    swings.sort_by(|a, b| b.width().total_cmp(&a.width()));
    swings
}

/// The benchmark scenario: `n` initiatives (the example's four, repeated) over 5 years, with every
/// one-time cost, running cost, delivery time, hours saved, event rate and loss per event a
/// range (−30% / +40% around the likely value), and ranged discount and hourly rates. Used by
/// `examples/bench_simulate.rs` (native) and the worker's `bench-simulate` (in the browser).
pub fn benchmark_scenario(n: usize) -> Scenario {
    fn widen(e: &mut Estimate) {
        let l = e.likely;
        *e = Estimate::range(l * 0.7, l, l * 1.4);
    }
    let base = super::example::example_scenario();
    let mut s = base.clone();
    s.horizon_years = 5;
    s.discount_rate_pct = Estimate::range(7.0, 10.0, 14.0);
    s.default_hourly_rate = Estimate::range(50.0, 65.0, 90.0);
    s.initiatives.clear();
    for i in 0..n {
        let mut init = base.initiatives[i % base.initiatives.len()].clone();
        init.id = format!("i{i}");
        init.name = format!("{} #{i}", init.name);
        init.depends_on.clear();
        widen(&mut init.one_time_cost);
        widen(&mut init.annual_running_cost);
        widen(&mut init.delivery_months);
        for b in &mut init.benefits {
            match &mut b.kind {
                super::scenario::BenefitKind::HoursSaved { hours, .. } => widen(hours),
                super::scenario::BenefitKind::RiskReduced {
                    events_per_year,
                    loss_per_event,
                    ..
                } => {
                    widen(events_per_year);
                    widen(loss_per_event);
                }
                _ => {}
            }
        }
        s.initiatives.push(init);
    }
    s
}

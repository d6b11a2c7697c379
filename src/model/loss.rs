//! Loss exceedance curves (FAIR style) of "risk reduced" benefits: how likely a year's losses are
//! to exceed each amount, before and after the initiative.
//!
//! The model, one trial being one year:
//!
//! * **Frequency.** The year's rate of loss events λ is drawn from the events-per-year range —
//!   PERT(low, likely, high), as the uncertainty engine draws every range — or is the point
//!   value. The number of events is N ~ Poisson(λ): λ may be above 1 (several events a year), and
//!   λ = 0 gives none.
//! * **Magnitude.** Each event's loss is drawn independently. A loss-per-event range with
//!   low > 0 is lognormal with low and high as its 5th and 95th percentiles: μ = (ln low +
//!   ln high)/2, σ = (ln high − ln low)/(2 · 1.6448536269514722) (the likely value is not used);
//!   a range with low = 0 has no lognormal with those percentiles and is PERT(0, likely, high);
//!   a point estimate is a fixed loss, the likely value.
//! * **Before:** the year's loss is the sum of the N events' losses.
//! * **After,** on the same trial's draws (paired: common random numbers): the likelihood and
//!   impact reductions are drawn for the trial (PERT for a range, else the point; 0–100%). Of
//!   the same N events, K ~ Binomial(N, 1 − likelihood reduction) still happen — the first K of
//!   them, which is a random K since the losses do not depend on K: a thinning, so the count
//!   after is Poisson(λ · (1 − reduction)) and never above the count before — and each costs
//!   its loss × (1 − impact reduction). The year's loss after is their sum, so it is never above
//!   the year's loss before.
//! * **Several risks** (the risk benefits of an initiative, or of a portfolio) add up: a year's
//!   loss is the sum of every risk's loss in that trial, each risk drawn independently.
//! * **The curve:** P(yearly loss > x) is the share of trials whose loss exceeds x, at
//!   [`CURVE_POINTS`] losses spaced evenly in log(loss) from a round number (1, 2 or 5 × a power
//!   of 10) at or below the smaller of the two curves' 1st percentiles of the years with a loss,
//!   to the first round number above the 99.9th percentile before (the after curve's is no
//!   higher).
//!
//! Draws come from `rng`'s ChaCha8 seeded with the seed, in a fixed order (trial by trial, risk
//! by risk: rate, count, reductions, survivors, losses), so the same seed gives the same curve on
//! every machine and in the browser; as in `simulate`, only a platform's `ln` or `exp` differing
//! in the last bit could move a loss, by far less than any figure shows. [`DEFAULT_TRIALS`] years
//! unless asked otherwise, at most [`MAX_TRIALS`].
//!
//! Whatever the inputs (they come from files and links), nothing here panics or runs without
//! bound: an input that is not a finite number ≥ 0, a percentage above 100, a likely value
//! outside its range, a rate above [`MAX_EVENTS_PER_YEAR`], more risks than [`MAX_RISKS`], or
//! more expected draws than [`MAX_DRAWS`] is refused with a [`LossError`] that says which.

use super::estimate::Estimate;
use super::limits;
use super::rng::TrialRng;
use super::scenario::{BenefitKind, Initiative, RiskReduced};
use rand::SeedableRng;
use rand_distr::{Binomial, Distribution, Gamma, LogNormal, Poisson};
use std::fmt;

/// Trials (years) when the caller does not say.
pub const DEFAULT_TRIALS: usize = 10_000;
/// The most trials run; more asked for run this many.
pub const MAX_TRIALS: usize = 100_000;
/// The highest events-per-year accepted: a higher rate is a typo or a hostile file, and its
/// events would have to be drawn one by one.
pub const MAX_EVENTS_PER_YEAR: f64 = 10_000.0;
/// The most random draws one curve may take, counted before it starts (trials × per trial, a
/// risk's highest rate standing for its events): what bounds a run's time.
pub const MAX_DRAWS: f64 = 1e8;
/// Draws of one risk in one trial other than its events' losses (rate, count, reductions,
/// survivors), counted generously.
const DRAWS_PER_RISK: f64 = 8.0;
/// The most risks summed into one curve: every benefit of the largest portfolio.
pub const MAX_RISKS: usize = limits::MAX_INITIATIVES * limits::MAX_BENEFITS;
/// Points of [`LossCurve::points`].
pub const CURVE_POINTS: usize = 40;
/// The most points of a [`Tolerance`].
pub const MAX_TOLERANCE_POINTS: usize = 100;
/// z of the normal distribution's 95th percentile: low and high are the 5th and 95th.
const Z95: f64 = 1.644_853_626_951_472_2;

/// Why there is no curve.
#[derive(Debug, Clone, PartialEq)]
pub enum LossError {
    /// No risk to simulate.
    NoRisk,
    /// Zero trials asked for.
    NoTrials,
    /// More risks than [`MAX_RISKS`].
    TooManyRisks { risks: usize },
    /// An input of risk `risk` (0-based) cannot be used.
    Invalid {
        risk: usize,
        input: &'static str,
        problem: &'static str,
    },
    /// Risk `risk` has more loss events per year than [`MAX_EVENTS_PER_YEAR`].
    TooManyEvents { risk: usize, events_per_year: f64 },
    /// `trials` years of these risks would take more than [`MAX_DRAWS`] draws; `max_trials`
    /// would not (0 when not even one would).
    TooMuchWork { trials: usize, max_trials: usize },
    /// A year's losses add up beyond the largest number.
    Overflow,
    /// A tolerance that cannot be used.
    InvalidTolerance { problem: &'static str },
}

impl fmt::Display for LossError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LossError::NoRisk => write!(f, "there is no risk to simulate"),
            LossError::NoTrials => write!(f, "at least one trial is needed"),
            LossError::TooManyRisks { risks } => {
                write!(f, "{risks} risks are more than the {MAX_RISKS} allowed")
            }
            LossError::Invalid {
                risk,
                input,
                problem,
            } => write!(f, "risk {}, {input}: {problem}", risk + 1),
            LossError::TooManyEvents {
                risk,
                events_per_year,
            } => write!(
                f,
                "risk {}: {events_per_year} loss events per year is more than the {} allowed",
                risk + 1,
                MAX_EVENTS_PER_YEAR
            ),
            LossError::TooMuchWork {
                trials,
                max_trials: 0,
            } => write!(
                f,
                "these risks have too many events to simulate even one of {trials} years"
            ),
            LossError::TooMuchWork { trials, max_trials } => write!(
                f,
                "{trials} years of these risks would take too long; at most {max_trials} fit"
            ),
            LossError::Overflow => write!(f, "a year's losses are too large to add up"),
            LossError::InvalidTolerance { problem } => write!(f, "risk tolerance: {problem}"),
        }
    }
}

impl std::error::Error for LossError {}

/// P(yearly loss > `loss`) before and after, at one loss.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExceedancePoint {
    pub loss: f64,
    pub p_before: f64,
    pub p_after: f64,
}

/// Percentiles of the yearly loss (numpy's default interpolation between ranks).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Percentiles {
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
}

impl Percentiles {
    fn of(sorted: &[f64]) -> Self {
        Percentiles {
            p50: percentile(sorted, 0.50),
            p90: percentile(sorted, 0.90),
            p99: percentile(sorted, 0.99),
        }
    }
}

/// The yearly losses of every trial, before and after, and their exceedance curve.
#[derive(Debug, Clone, PartialEq)]
pub struct LossCurve {
    /// Trials (years) run.
    pub trials: usize,
    pub seed: u64,
    /// Yearly losses before, ascending.
    pub before: Vec<f64>,
    /// Yearly losses after, ascending. Trial by trial (before sorting) each is at most the
    /// same trial's loss before.
    pub after: Vec<f64>,
    pub mean_before: f64,
    pub mean_after: f64,
    pub percentiles_before: Percentiles,
    pub percentiles_after: Percentiles,
    /// The curve at [`CURVE_POINTS`] losses, ascending; empty when no year has a loss.
    pub points: Vec<ExceedancePoint>,
}

impl LossCurve {
    /// P(yearly loss before > `loss`).
    pub fn p_before(&self, loss: f64) -> f64 {
        exceedance(&self.before, loss)
    }

    /// P(yearly loss after > `loss`).
    pub fn p_after(&self, loss: f64) -> f64 {
        exceedance(&self.after, loss)
    }
}

/// The share of `sorted` (ascending) above `x`; NaN when `sorted` is empty or `x` is NaN.
pub fn exceedance(sorted: &[f64], x: f64) -> f64 {
    if sorted.is_empty() || x.is_nan() {
        return f64::NAN;
    }
    let at_most = sorted.partition_point(|v| *v <= x);
    (sorted.len() - at_most) as f64 / sorted.len() as f64
}

/// The `q` quantile (0–1) of `sorted` (ascending), interpolated between the nearest ranks
/// (numpy's default); NaN when `sorted` is empty or `q` is NaN.
pub fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() || q.is_nan() {
        return f64::NAN;
    }
    let at = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let i = at.floor() as usize;
    let j = (i + 1).min(sorted.len() - 1);
    sorted[i] + (sorted[j] - sorted[i]) * (at - i as f64)
}

/// The risk benefits of an initiative, in its order (to sum several initiatives', chain them).
pub fn risks_of(i: &Initiative) -> Vec<&RiskReduced> {
    i.benefits
        .iter()
        .filter_map(|b| match &b.kind {
            BenefitKind::RiskReduced(r) => Some(r),
            _ => None,
        })
        .collect()
}

/// How one input is drawn in a trial.
enum Draw {
    Fixed(f64),
    /// low + width · X/(X + Y): PERT(low, likely, high) as a Beta from two Gamma draws, as in
    /// `simulate` (kept here so that `simulate` need not expose it).
    Pert {
        low: f64,
        width: f64,
        x: Gamma<f64>,
        y: Gamma<f64>,
    },
    Lognormal(LogNormal<f64>),
}

impl Draw {
    fn sample(&self, rng: &mut TrialRng) -> f64 {
        match self {
            Draw::Fixed(v) => *v,
            Draw::Pert { low, width, x, y } => {
                let (a, b) = (x.sample(rng), y.sample(rng));
                low + width * (a / (a + b))
            }
            Draw::Lognormal(l) => l.sample(rng),
        }
    }

    /// PERT of a range with width, else the likely value.
    fn pert(low: f64, likely: f64, high: f64) -> Option<Draw> {
        let width = high - low;
        if width <= 0.0 {
            return Some(Draw::Fixed(likely));
        }
        Some(Draw::Pert {
            low,
            width,
            x: Gamma::new(1.0 + 4.0 * (likely - low) / width, 1.0).ok()?,
            y: Gamma::new(1.0 + 4.0 * (high - likely) / width, 1.0).ok()?,
        })
    }
}

/// An estimate's (low, likely, high), checked: finite, ≥ 0, at most 100 if a `percent`, likely
/// within the range. A range missing one end has the likely value there.
fn bounds(
    e: &Estimate,
    risk: usize,
    input: &'static str,
    percent: bool,
) -> Result<(f64, f64, f64), LossError> {
    let (low, high) = (e.low.unwrap_or(e.likely), e.high.unwrap_or(e.likely));
    let invalid = |problem| LossError::Invalid {
        risk,
        input,
        problem,
    };
    if ![low, e.likely, high].iter().all(|v| v.is_finite()) {
        return Err(invalid("not a number"));
    }
    if low < 0.0 {
        return Err(invalid("below 0"));
    }
    if percent && high > 100.0 {
        return Err(invalid("above 100%"));
    }
    if !(low <= e.likely && e.likely <= high) {
        return Err(invalid("the likely value is outside the range"));
    }
    Ok((low, e.likely, high))
}

/// One risk's draws, checked.
struct Risk {
    events: Draw,
    /// Poisson(λ) when λ is fixed and above 0, built once.
    count: Option<Poisson<f64>>,
    loss: Draw,
    likelihood: Draw,
    impact: Draw,
    /// The highest events per year, for the work's bound.
    events_high: f64,
}

impl Risk {
    fn new(r: &RiskReduced, k: usize) -> Result<Risk, LossError> {
        let internal = |input| LossError::Invalid {
            risk: k,
            input,
            problem: "cannot be drawn",
        };
        let (low, likely, high) = bounds(&r.events_per_year, k, "loss events per year", false)?;
        if high > MAX_EVENTS_PER_YEAR {
            return Err(LossError::TooManyEvents {
                risk: k,
                events_per_year: high,
            });
        }
        let events_high = high;
        let events =
            Draw::pert(low, likely, high).ok_or_else(|| internal("loss events per year"))?;
        let count = match &events {
            Draw::Fixed(l) if *l > 0.0 => {
                Some(Poisson::new(*l).map_err(|_| internal("loss events per year"))?)
            }
            _ => None,
        };
        let (low, likely, high) = bounds(&r.loss_per_event, k, "loss per event", false)?;
        let loss = if low > 0.0 && high > low {
            let (a, b) = (low.ln(), high.ln());
            LogNormal::new((a + b) / 2.0, (b - a) / (2.0 * Z95))
                .map(Draw::Lognormal)
                .map_err(|_| internal("loss per event"))?
        } else {
            Draw::pert(low, likely, high).ok_or_else(|| internal("loss per event"))?
        };
        let percent = |e, input| {
            let (low, likely, high) = bounds(e, k, input, true)?;
            Draw::pert(low / 100.0, likely / 100.0, high / 100.0).ok_or_else(|| internal(input))
        };
        Ok(Risk {
            events,
            count,
            loss,
            likelihood: percent(&r.likelihood_reduction_pct, "likelihood reduction")?,
            impact: percent(&r.impact_reduction_pct, "impact reduction")?,
            events_high,
        })
    }

    /// Draws per trial, counted before the run: a risk whose loss is fixed costs no draw per
    /// event.
    fn draws(&self) -> f64 {
        match self.loss {
            Draw::Fixed(_) => DRAWS_PER_RISK,
            _ => DRAWS_PER_RISK + self.events_high,
        }
    }

    /// One year's loss before and after.
    fn year(&self, rng: &mut TrialRng) -> (f64, f64) {
        let n = match &self.count {
            Some(p) => p.sample(rng),
            None => {
                let lambda = self.events.sample(rng);
                // λ = 0 is no event (and Poisson refuses it); λ ≤ MAX_EVENTS_PER_YEAR otherwise
                Poisson::new(lambda).map_or(0.0, |p| p.sample(rng))
            }
        } as u64;
        let likelihood = self.likelihood.sample(rng).clamp(0.0, 1.0);
        let kept_share = 1.0 - self.impact.sample(rng).clamp(0.0, 1.0);
        if n == 0 {
            return (0.0, 0.0);
        }
        let kept = Binomial::new(n, 1.0 - likelihood).map_or(n, |b| b.sample(rng));
        let (before, survivors) = match &self.loss {
            Draw::Fixed(l) => (n as f64 * l, kept as f64 * l),
            loss => {
                // the same running sum, so survivors ≤ before in floating point too
                let (mut sum, mut survivors) = (0.0, 0.0);
                for j in 0..n {
                    if j == kept {
                        survivors = sum;
                    }
                    sum += loss.sample(rng).max(0.0);
                }
                (sum, if kept == n { sum } else { survivors })
            }
        };
        (before, survivors * kept_share)
    }
}

/// The loss exceedance curve of `risks` summed, over `trials` years (at most [`MAX_TRIALS`];
/// [`DEFAULT_TRIALS`] is the usual), drawn from `seed`.
pub fn loss_curve(
    risks: &[&RiskReduced],
    trials: usize,
    seed: u64,
) -> Result<LossCurve, LossError> {
    if risks.is_empty() {
        return Err(LossError::NoRisk);
    }
    if trials == 0 {
        return Err(LossError::NoTrials);
    }
    if risks.len() > MAX_RISKS {
        return Err(LossError::TooManyRisks { risks: risks.len() });
    }
    let trials = trials.min(MAX_TRIALS);
    let risks = risks
        .iter()
        .enumerate()
        .map(|(k, r)| Risk::new(r, k))
        .collect::<Result<Vec<_>, _>>()?;
    let per_trial: f64 = risks.iter().map(Risk::draws).sum();
    if trials as f64 * per_trial > MAX_DRAWS {
        return Err(LossError::TooMuchWork {
            trials,
            max_trials: (MAX_DRAWS / per_trial) as usize,
        });
    }
    let mut rng = TrialRng::seed_from_u64(seed);
    let (mut before, mut after) = (Vec::with_capacity(trials), Vec::with_capacity(trials));
    for _ in 0..trials {
        let (mut b, mut a) = (0.0, 0.0);
        for r in &risks {
            let (rb, ra) = r.year(&mut rng);
            b += rb;
            a += ra;
        }
        if !b.is_finite() {
            return Err(LossError::Overflow);
        }
        before.push(b);
        after.push(a);
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (mean_before, mean_after) = (mean(&before), mean(&after));
    if !mean_before.is_finite() {
        return Err(LossError::Overflow);
    }
    before.sort_unstable_by(f64::total_cmp);
    after.sort_unstable_by(f64::total_cmp);
    let points = grid(&before, &after)
        .into_iter()
        .map(|x| ExceedancePoint {
            loss: x,
            p_before: exceedance(&before, x),
            p_after: exceedance(&after, x),
        })
        .collect();
    Ok(LossCurve {
        trials,
        seed,
        mean_before,
        mean_after,
        percentiles_before: Percentiles::of(&before),
        percentiles_after: Percentiles::of(&after),
        points,
        before,
        after,
    })
}

/// The curve's losses (see the module's documentation); none when no year has a loss.
fn grid(before: &[f64], after: &[f64]) -> Vec<f64> {
    let first_percentile = |v: &[f64]| {
        let positive = &v[v.partition_point(|x| *x <= 0.0)..];
        percentile(positive, 0.01)
    };
    // NaN (no positive loss) drops out of `min`
    let low = first_percentile(before).min(first_percentile(after));
    if low.is_nan() {
        return Vec::new();
    }
    let high = percentile(before, 0.999).max(low);
    let mut from = round_number(low, false);
    if !(from.is_normal() && from > 0.0) {
        from = low;
    }
    let mut to = round_number(high, true);
    if !to.is_finite() {
        to = high;
    }
    let (a, b) = (from.ln(), to.ln());
    let last = CURVE_POINTS - 1;
    (0..CURVE_POINTS)
        .map(|j| match j {
            0 => from,
            j if j == last => to,
            j => (a + (b - a) * j as f64 / last as f64).exp(),
        })
        .collect()
}

/// The round number (1, 2 or 5 × a power of 10) at or below `x` (`up`: the first above `x`),
/// for x > 0.
fn round_number(x: f64, up: bool) -> f64 {
    let decade = x.log10().floor() as i32;
    let candidates =
        (decade - 1..=decade + 1).flat_map(|d| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(d)));
    if up {
        candidates.filter(|c| *c > x).fold(f64::INFINITY, f64::min)
    } else {
        candidates.filter(|c| *c <= x).fold(0.0, f64::max)
    }
}

/// A risk tolerance (risk appetite): the highest probability tolerated of a yearly loss above
/// each amount, given at a few losses and interpolated linearly in log(loss) between them; no
/// tolerance is stated below the first or above the last.
#[derive(Debug, Clone, PartialEq)]
pub struct Tolerance {
    /// (loss, highest probability 0–1), ascending in loss.
    points: Vec<(f64, f64)>,
}

/// A loss at which a curve lies above the tolerance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Breach {
    pub loss: f64,
    /// The probability tolerated at this loss.
    pub tolerated: f64,
    pub p_before: f64,
    pub p_after: f64,
    /// Whether P(loss before > `loss`) is above `tolerated`.
    pub before_above: bool,
    /// Whether P(loss after > `loss`) is above `tolerated`: the risk is still not within
    /// tolerance after the initiative.
    pub after_above: bool,
}

impl Tolerance {
    /// A tolerance from (loss, probability) points in any order: losses finite and above 0,
    /// each once, probabilities 0–1, at most [`MAX_TOLERANCE_POINTS`].
    pub fn new(mut points: Vec<(f64, f64)>) -> Result<Tolerance, LossError> {
        let invalid = |problem| Err(LossError::InvalidTolerance { problem });
        if points.is_empty() {
            return invalid("no points");
        }
        if points.len() > MAX_TOLERANCE_POINTS {
            return invalid("too many points");
        }
        if !points.iter().all(|(x, _)| x.is_finite() && *x > 0.0) {
            return invalid("a loss is not a number above 0");
        }
        if !points.iter().all(|(_, p)| (0.0..=1.0).contains(p)) {
            return invalid("a probability is not between 0 and 1");
        }
        points.sort_by(|a, b| a.0.total_cmp(&b.0));
        if points.windows(2).any(|w| w[0].0 == w[1].0) {
            return invalid("a loss is given twice");
        }
        Ok(Tolerance { points })
    }

    pub fn points(&self) -> &[(f64, f64)] {
        &self.points
    }

    /// The probability tolerated of a yearly loss above `loss`; `None` outside the points' span.
    pub fn at(&self, loss: f64) -> Option<f64> {
        let (first, last) = (self.points.first()?, self.points.last()?);
        if !(first.0..=last.0).contains(&loss) {
            return None;
        }
        // the first point at or above `loss`, and the one before it
        let i = self.points.partition_point(|(x, _)| *x < loss);
        let (x1, p1) = self.points[i];
        if x1 == loss || i == 0 {
            return Some(p1);
        }
        let (x0, p0) = self.points[i - 1];
        let t = (loss.ln() - x0.ln()) / (x1.ln() - x0.ln());
        Some(p0 + (p1 - p0) * t)
    }

    /// Where `curve` lies above the tolerance, at the curve's points within the tolerance's span
    /// and at the tolerance's own points, ascending in loss; empty when both curves are within it
    /// everywhere.
    pub fn exceeds(&self, curve: &LossCurve) -> Vec<Breach> {
        let mut losses: Vec<f64> = curve
            .points
            .iter()
            .map(|p| p.loss)
            .chain(self.points.iter().map(|p| p.0))
            .collect();
        losses.sort_by(f64::total_cmp);
        losses.dedup();
        losses
            .into_iter()
            .filter_map(|loss| {
                let tolerated = self.at(loss)?;
                let (p_before, p_after) = (curve.p_before(loss), curve.p_after(loss));
                let breach = Breach {
                    loss,
                    tolerated,
                    p_before,
                    p_after,
                    before_above: p_before > tolerated,
                    after_above: p_after > tolerated,
                };
                (breach.before_above || breach.after_above).then_some(breach)
            })
            .collect()
    }
}

/// The loss exceedance curve of a scenario's curve `k`: initiative `k`'s risk-reduced benefits,
/// or (`k` one past the last initiative) every initiative's, with the reductions of those not in
/// `funded` set to none — what the risks look like after the funded set only. Run with the
/// scenario's trials (at most [`MAX_TRIALS`]) and seed. Also its name for people.
pub fn scenario_curve(
    s: &super::scenario::Scenario,
    k: usize,
    funded: &[bool],
) -> (String, Result<LossCurve, LossError>) {
    let trials = (s.simulation.trials as usize).clamp(1, MAX_TRIALS);
    let seed = u64::from(s.simulation.seed);
    if let Some(i) = s.initiatives.get(k) {
        return (i.name.clone(), loss_curve(&risks_of(i), trials, seed));
    }
    let zero = Estimate::point(0.0);
    let risks: Vec<RiskReduced> = s
        .initiatives
        .iter()
        .enumerate()
        .flat_map(|(n, i)| {
            let kept = funded.get(n).copied().unwrap_or(false);
            risks_of(i).into_iter().map(move |r| match kept {
                true => r.clone(),
                false => RiskReduced {
                    likelihood_reduction_pct: zero,
                    impact_reduction_pct: zero,
                    ..r.clone()
                },
            })
        })
        .collect();
    let refs: Vec<&RiskReduced> = risks.iter().collect();
    (
        "every initiative's risks (reduced by the funded set)".to_string(),
        loss_curve(&refs, trials, seed),
    )
}

/// The scenario's risk tolerance as a [`Tolerance`] (percentages to probabilities); `None` when
/// it states none.
pub fn tolerance_of(s: &super::scenario::Scenario) -> Option<Result<Tolerance, LossError>> {
    (!s.risk_tolerance.is_empty()).then(|| {
        Tolerance::new(
            s.risk_tolerance
                .iter()
                .map(|p| (p.loss, p.chance_pct / 100.0))
                .collect(),
        )
    })
}

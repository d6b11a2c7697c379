//! Uncertainty: Monte Carlo simulation of a scenario's ranges, sensitivity (tornado) and the value
//! of information.
//!
//! * Every estimate with a range is an uncertain input. A trial draws each once — PERT with
//!   min = low, mode = likely, max = high (mean (low + 4·likely + high)/6) — so percentages stay
//!   within their validated 0–100 bounds. A PERT draw is one random number read through a table
//!   of the distribution's inverse CDF, built once per run and shape ([`PertTable`]). Scenario-wide inputs (the discount rate, the default
//!   hourly rate) are drawn once per trial and shared by every initiative, so comparisons are
//!   paired: two initiatives that differ only in fixed inputs are compared on the same draws.
//! * Draws come from ChaCha8 (`rng`) seeded by the scenario's seed: the same seed gives the same
//!   draws on every machine, years later, and so the same figures (a browser's `ln` may differ
//!   from the platform's in the last bit, far below what is shown).
//! * Each trial evaluates every initiative on a lean numeric path (`convert::annual_value`, then
//!   the timeline in closed form: sums of discount factors computed once per trial replace the
//!   pass over the months, equal to the comparison's month-by-month figures to rounding): NPV,
//!   ROI, payback, and who comes first by each. An initiative whose inputs in a trial are all at
//!   their likely values gets exactly the deterministic figures shown in the comparison.
//! * Speed (figures in docs/benchmarks.md): percentiles by
//!   selection instead of sorting, the EVPPI's additions two at a time (WebAssembly SIMD),
//!   `rng`'s SIMD ChaCha8, and PERT draws by table instead of two Gamma draws.
//! * Value of information on the choice of the best initiative by NPV: EVPI = E[max NPV] − max
//!   E[NPV] over the trials; for one input, its EVPPI is estimated by cutting the trials into 20
//!   bins at that input's quantiles (estimated from 2,000 of its draws) and taking
//!   Σ P(bin) · max E[NPV | bin] − max E[NPV]. Both are
//!   summed as regret against the initiative chosen without the information, so they are exactly
//!   0 when that choice is right in every trial (or bin), and EVPPI ≤ EVPI.
//! * Chance level of the EVPPI: the best choice per bin also profits from the bins' noise, so an
//!   input that changes nothing still gets a value above 0, the more so with few trials. The same
//!   calculation on 19 random splits of the trials (by a hash of the trial's number, independent
//!   of every draw) measures it: an input that changes nothing beats the highest of the 19 only
//!   1 time in 20. The report lists only inputs worth more.

use super::convert::{annual_value, Defaults};
use super::correlate;
use super::estimate::Estimate;
use super::evaluate::{evaluate_valid, Evaluation};
use super::finance::{self, monthly_rate};
use super::rng::TrialRng;
use super::scenario::{Distribution, Initiative, Scenario};
use super::schema::{Field, Kind, Record};
use crate::model::scenario::{HoursSaved, RiskReduced};
use rand::{RngCore, SeedableRng};
use rand_distr::{Distribution as _, LogNormal};

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
    /// How a correlation names it ([`input_key`]).
    pub key: String,
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
    /// Trials run: those asked for, or fewer when more would not fit the memory budget
    /// ([`max_trials`]).
    pub trials: usize,
    /// Trials asked for.
    pub requested: usize,
    pub seed: u64,
    pub initiatives: Vec<InitiativeSim>,
    pub inputs: Vec<Input>,
    /// Expected value of perfect information on the choice of the initiative with the highest
    /// NPV, in money.
    pub evpi: f64,
    /// The value of perfect information on each input alone, in the order of `inputs`.
    pub evppi: Vec<f64>,
    /// What the EVPPI's estimate gives an input that changes nothing, by chance alone with this
    /// many trials: the highest over 19 random splits of the trials, so such an input scores more
    /// only 1 time in 20. Inputs worth no more are not told apart from chance.
    pub evppi_chance: f64,
    /// Each initiative's NPV in each trial: `npv_trials[t * n + k]` for initiative k of n in
    /// trial t (the portfolio's spread and how often each initiative is in the best set,
    /// `plan::uncertainty`).
    pub npv_trials: Vec<f64>,
    /// The correlations the run applied, and the rank correlations they reached.
    pub correlation: Correlated,
}

/// The key naming an estimate in a correlation: a scenario setting's field key
/// (`discount_rate_pct`), an initiative's `<id>/<field>`, a benefit's `<id>/b<n>/<field>` (n
/// counted from 0). Ids are stable, so a key outlives edits elsewhere; a benefit removed
/// before it shifts the benefits after it.
pub fn input_key(initiative: Option<&str>, benefit: Option<usize>, field: &str) -> String {
    match (initiative, benefit) {
        (None, _) => field.to_string(),
        (Some(id), None) => format!("{id}/{field}"),
        (Some(id), Some(n)) => format!("{id}/b{n}/{field}"),
    }
}

/// Every estimate of `s`, ranged or not, scenario settings first, then initiative by
/// initiative: what a correlation may name.
pub fn every_estimate(s: &Scenario) -> Vec<Input> {
    let mut out = Vec::new();
    let mut add = |owner, key: String, label: String, e: &Estimate, percent: bool| {
        out.push(Input {
            owner,
            key,
            label,
            estimate: *e,
            percent,
        });
    };
    for (f, e) in s.estimates() {
        let percent = f.kind == Kind::Percent;
        add(
            Owner::Shared,
            input_key(None, None, f.key),
            f.label.to_string(),
            e,
            percent,
        );
    }
    for (k, i) in s.initiatives.iter().enumerate() {
        for (field, e) in initiative_estimates(i) {
            add(
                Owner::Initiative(k),
                input_key(Some(&i.id), None, field.key),
                format!("{}: {}", i.name, input_words(field)),
                e,
                field.kind == Kind::Percent,
            );
        }
        for (n, b) in i.benefits.iter().enumerate() {
            for (field, e) in b.kind.estimates() {
                add(
                    Owner::Initiative(k),
                    input_key(Some(&i.id), Some(n), field.key),
                    format!("{}: {}, {}", i.name, benefit_name(b, n), input_words(field)),
                    e,
                    field.kind == Kind::Percent,
                );
            }
        }
    }
    out
}

/// Every estimate with a range in `s`, scenario settings first, then initiative by initiative.
pub fn uncertain_inputs(s: &Scenario) -> Vec<Input> {
    let mut out = every_estimate(s);
    out.retain(|x| x.estimate.is_range());
    out
}

/// Why an input a correlation names is left out of the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    /// No estimate has that key any more (its initiative or benefit was removed).
    Gone,
    /// A single number, or a range of no width: nothing to move.
    NoRange,
}

/// The scenario's correlations as a run applies them: the ranged inputs they name, the target
/// among those (repaired when the asked pairs cannot all hold together), and what was asked
/// and left out, for the report.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Correlated {
    /// The inputs that take part, as positions in the run's `inputs`, ascending.
    pub members: Vec<usize>,
    /// The pairs asked, by position in `members` (i < j), with the value asked: a pair named
    /// by two correlations takes the later one's.
    pub asked: Vec<((usize, usize), f64)>,
    /// The target among `members` that the run follows, as the correlation of the normal scores
    /// (`correlate::score_correlation` of each asked pair, 0 elsewhere), repaired when that is no
    /// correlation matrix. [`Correlated::used`] gives it as rank correlations.
    pub target: correlate::Matrix,
    /// How far the repair moved each pair that moved (positions in `members`), in rank
    /// correlation, used minus asked; empty when the asked pairs hold together as they are.
    pub moved: correlate::Moves,
    /// Inputs named by a correlation but left out: (correlation, key, why).
    pub left_out: Vec<(usize, String, LeftOut)>,
    /// Pairs named by two correlations (the later's value applies).
    pub overlaps: usize,
    /// The rank correlation each asked pair reached in the run (in the order of `asked`),
    /// measured by Spearman's formula on the run's draws (the first [`ACHIEVED_TRIALS`]).
    pub achieved: Vec<f64>,
}

impl Correlated {
    /// The rank correlation the run used for members `i` and `j` (after any repair).
    pub fn used(&self, i: usize, j: usize) -> f64 {
        self.target
            .get(i)
            .and_then(|r| r.get(j))
            .map_or(0.0, |t| correlate::rank_correlation(*t))
    }
}

/// The trials on which a run measures the rank correlations it reached (all, up to this).
pub const ACHIEVED_TRIALS: usize = 20_000;

/// The correlations of `s` over the run's `inputs` (its ranged ones; `drawn` says which are
/// drawn at all, a range of no width is not).
pub fn correlation_plan(s: &Scenario, inputs: &[Input], drawn: &[bool]) -> Correlated {
    let mut plan = Correlated::default();
    if s.correlations.is_empty() {
        return plan;
    }
    let known: Vec<String> = every_estimate(s).into_iter().map(|x| x.key).collect();
    // Each correlation's inputs as positions in `inputs`, in order, without repeats.
    let mut pairs: Vec<((usize, usize), f64)> = Vec::new();
    for (g, c) in s.correlations.iter().enumerate() {
        let r = c.rank_correlation;
        let mut at: Vec<usize> = Vec::new();
        for key in &c.inputs {
            match inputs.iter().position(|x| &x.key == key) {
                Some(x) if drawn.get(x).copied().unwrap_or(false) => {
                    if !at.contains(&x) {
                        at.push(x);
                    }
                }
                found => {
                    let why = if found.is_some() || known.contains(key) {
                        LeftOut::NoRange
                    } else {
                        LeftOut::Gone
                    };
                    plan.left_out.push((g, key.clone(), why));
                }
            }
        }
        if !r.is_finite() {
            continue;
        }
        for (n, &a) in at.iter().enumerate() {
            for &b in &at[n + 1..] {
                let pair = (a.min(b), a.max(b));
                match pairs.iter_mut().find(|(p, _)| *p == pair) {
                    Some(p) => {
                        plan.overlaps += 1;
                        p.1 = r.clamp(-1.0, 1.0);
                    }
                    None => pairs.push((pair, r.clamp(-1.0, 1.0))),
                }
            }
        }
    }
    let mut members: Vec<usize> = pairs.iter().flat_map(|((a, b), _)| [*a, *b]).collect();
    members.sort_unstable();
    members.dedup();
    let pos = |x: usize| members.partition_point(|m| *m < x);
    let k = members.len();
    let mut target: correlate::Matrix = (0..k)
        .map(|i| (0..k).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect();
    plan.asked = pairs
        .iter()
        .map(|((a, b), r)| {
            let (i, j) = (pos(*a), pos(*b));
            target[i][j] = correlate::score_correlation(*r);
            target[j][i] = target[i][j];
            ((i, j), *r)
        })
        .collect();
    if correlate::check(&target).is_err() {
        target = correlate::repair(&target).0;
        plan.moved = plan
            .asked
            .iter()
            .map(|((i, j), r)| ((*i, *j), correlate::rank_correlation(target[*i][*j]) - r))
            .filter(|(_, d)| d.abs() > 1e-12)
            .collect();
    }
    plan.target = target;
    plan.members = members;
    plan
}

/// Re-orders the correlated inputs' draws (`drawn[x * trials + t]`) to the plan's target and
/// measures the rank correlation each asked pair reached. The permutations come from a stream
/// of their own, so the draws themselves are those of the same run without correlations.
fn apply_correlations(plan: &mut Correlated, drawn: &mut [f64], trials: usize, seed: u64) {
    if plan.members.len() < 2 {
        return;
    }
    let mut cols: Vec<Vec<f64>> = plan
        .members
        .iter()
        .map(|&x| drawn[x * trials..(x + 1) * trials].to_vec())
        .collect();
    let mut rng = TrialRng::seed_from_u64(seed ^ CORRELATION_STREAM);
    if !correlate::reorder(&mut cols, &plan.target, &mut rng) {
        return;
    }
    let measured = trials.min(ACHIEVED_TRIALS);
    let ranks: Vec<Vec<f64>> = cols
        .iter()
        .map(|c| {
            correlate::ranks(&c[..measured])
                .into_iter()
                .map(|r| r as f64)
                .collect()
        })
        .collect();
    plan.achieved = plan
        .asked
        .iter()
        .map(|((i, j), _)| correlate::pearson(&ranks[*i], &ranks[*j]))
        .collect();
    for (&x, col) in plan.members.iter().zip(cols) {
        drawn[x * trials..(x + 1) * trials].copy_from_slice(&col);
    }
}

/// Correlations the page offers ready-made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// Every ranged one-time and running cost, across initiatives.
    CostsOverrun,
    /// Every ranged delivery time, across initiatives.
    DeliverySlips,
    /// Each hours-saved benefit's adoption with its hours saved.
    AdoptionWithHours,
}

/// The rank correlation a preset starts at: a clear tie, not a lockstep.
pub const PRESET_CORRELATION: f64 = 0.5;

/// The correlations `preset` makes of `s`'s ranged estimates (none when fewer than two fit).
pub fn preset(s: &Scenario, preset: Preset) -> Vec<super::scenario::Correlation> {
    let ranged = uncertain_inputs(s);
    let field_of = |key: &str| key.rsplit('/').next().unwrap_or("").to_string();
    let group = |name: String, keys: Vec<String>| super::scenario::Correlation {
        name,
        rank_correlation: PRESET_CORRELATION,
        inputs: keys,
    };
    let pick = |fields: &[&str]| -> Vec<String> {
        ranged
            .iter()
            .filter(|x| x.owner != Owner::Shared && fields.contains(&field_of(&x.key).as_str()))
            .filter(|x| x.key.matches('/').count() == 1)
            .map(|x| x.key.clone())
            .collect()
    };
    let out = match preset {
        Preset::CostsOverrun => vec![group(
            "Costs overrun together".into(),
            pick(&["one_time_cost", "annual_running_cost"]),
        )],
        Preset::DeliverySlips => vec![group(
            "Delivery slips together".into(),
            pick(&["delivery_months"]),
        )],
        Preset::AdoptionWithHours => s
            .initiatives
            .iter()
            .flat_map(|i| {
                i.benefits.iter().enumerate().filter_map(|(n, b)| {
                    let super::scenario::BenefitKind::HoursSaved(h) = &b.kind else {
                        return None;
                    };
                    (h.adoption_pct.is_range() && h.hours.is_range()).then(|| {
                        group(
                            format!(
                                "{}, {}: adoption and hours saved",
                                i.name,
                                benefit_name(b, n)
                            ),
                            vec![
                                input_key(Some(&i.id), Some(n), "adoption_pct"),
                                input_key(Some(&i.id), Some(n), "hours"),
                            ],
                        )
                    })
                })
            })
            .collect(),
    };
    out.into_iter().filter(|g| g.inputs.len() >= 2).collect()
}

/// Mixed into the seed for the correlations' permutations ("correlat").
const CORRELATION_STREAM: u64 = 0x636f_7272_656c_6174;

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

/// An input as the form labels it, in a sentence: "adoption".
fn input_words(field: &Field) -> String {
    let mut c = field.label.chars();
    c.next()
        .map_or(String::new(), |f| f.to_lowercase().chain(c).collect())
}

fn initiative_estimates(i: &Initiative) -> Vec<(&'static Field, &Estimate)> {
    i.estimates()
}

/// How one input is drawn (`shape`), and all a tornado needs to know: whether it is drawn at all.
enum Shape {
    /// PERT(low, likely, high) as low + width · Beta(α, β).
    Pert {
        low: f64,
        width: f64,
        alpha: f64,
        beta: f64,
    },
    Lognormal(LogNormal<f64>),
}

/// z of the normal distribution's 95th percentile: a 90% interval is mean ± 1.645 σ.
const Z95: f64 = 1.644_853_626_951_472_2;

/// How an input's range is drawn; `None` (the likely value) when the range has no width. With
/// `Distribution::Lognormal`, a range with low > 0 that is not a percentage is lognormal with
/// low and high as its 5th and 95th percentiles; every other range is PERT.
fn shape(x: &Input, d: Distribution) -> Option<Shape> {
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
            .map(Shape::Lognormal);
    }
    let (width, alpha, beta) = pert_shapes(low, e.likely, high)?;
    Some(Shape::Pert {
        low,
        width,
        alpha,
        beta,
    })
}

/// The width, α and β of PERT(low, likely, high): high − low, 1 + 4 (likely − low) / width and
/// 1 + 4 (high − likely) / width (each in [1, 5]); `None` unless low ≤ likely ≤ high and the
/// width is above 0 and finite.
fn pert_shapes(low: f64, likely: f64, high: f64) -> Option<(f64, f64, f64)> {
    let width = high - low;
    if !(width > 0.0 && width.is_finite() && (low..=high).contains(&likely)) {
        return None;
    }
    let alpha = 1.0 + 4.0 * (likely - low) / width;
    let beta = 1.0 + 4.0 * (high - likely) / width;
    (alpha.is_finite() && beta.is_finite())
        .then(|| (width, alpha.clamp(1.0, 5.0), beta.clamp(1.0, 5.0)))
}

/// A uniform number in [0, 1) from the 53 high bits of one number of `rng` (as `rand`'s `f64`s):
/// what a PERT draw takes from the trials' stream.
fn uniform(rng: &mut TrialRng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Turns the PERT inputs' columns of `drawn` (`drawn[x * trials + t]`), which hold uniform
/// numbers, into their draws: low + width · Q(u) with Q from the input's table. Inputs whose
/// ranges have the same proportions share a table; the inputs go shape by shape, so that one
/// table is built per shape and only one is kept at a time (a scenario of many differently
/// shaped ranges needs no more memory than one of few), and each column is read and written in
/// order while its table stays in the cache.
fn pert_columns(shapes: &[Option<Shape>], drawn: &mut [f64], trials: usize) {
    let mut order: Vec<((u64, u64), usize)> = shapes
        .iter()
        .enumerate()
        .filter_map(|(x, s)| match s {
            Some(Shape::Pert { alpha, beta, .. }) => Some(((alpha.to_bits(), beta.to_bits()), x)),
            _ => None,
        })
        .collect();
    order.sort_unstable();
    let mut table: Option<((u64, u64), BetaQuantiles)> = None;
    for (key, x) in order {
        let Some(Shape::Pert { low, width, .. }) = shapes[x] else {
            continue;
        };
        if table.as_ref().map(|(k, _)| *k) != Some(key) {
            let q = BetaQuantiles::new(f64::from_bits(key.0), f64::from_bits(key.1));
            table = Some((key, q));
        }
        if let Some((_, q)) = &table {
            for v in &mut drawn[x * trials..(x + 1) * trials] {
                *v = low + width * q.at(*v);
            }
        }
    }
}

/// PERT(low, likely, high) drawn by its inverse CDF: low + width · Q(u) for one uniform u, with
/// Q the quantile function of Beta(α, β) (α, β as in [`PertTable::new`]) tabulated once and read
/// by linear interpolation. A draw is one random number and a few operations, where the exact
/// method (X / (X + Y) of two Gamma draws) takes several random numbers, normals, logarithms
/// and rejections; at a million draws per run that was a large part of the run. The table's
/// distribution differs from the exact one by far less than a run's sampling error
/// (tests/pert_draw.rs measures it). The simulation draws each PERT input exactly so: `sample`
/// gives what a run gives for the same number of the stream.
#[derive(Debug)]
pub struct PertTable {
    low: f64,
    width: f64,
    q: BetaQuantiles,
}

impl PertTable {
    /// The table of PERT(low, likely, high): min = low, mode = likely, max = high, mean (low +
    /// 4·likely + high) / 6, i.e. low + width · Beta(α, β) with α = 1 + 4 (likely − low) / width,
    /// β = 1 + 4 (high − likely) / width. `None` unless low ≤ likely ≤ high and low < high
    /// (the width finite).
    pub fn new(low: f64, likely: f64, high: f64) -> Option<PertTable> {
        let (width, alpha, beta) = pert_shapes(low, likely, high)?;
        Some(PertTable {
            low,
            width,
            q: BetaQuantiles::new(alpha, beta),
        })
    }

    /// The value at probability `u` (clamped to 0–1): low at 0, high at 1, increasing between.
    pub fn quantile(&self, u: f64) -> f64 {
        let u = if u >= 0.0 { u.min(1.0) } else { 0.0 };
        self.low + self.width * self.q.at(u)
    }

    /// One draw, from one number of `rng`.
    pub fn sample(&self, rng: &mut TrialRng) -> f64 {
        self.quantile(uniform(rng))
    }
}

/// Cells of the quantile table, equal steps of probability.
const CELLS: usize = 1024;
/// Cells at each end drawn from a tail table instead (see [`BetaQuantiles`]).
const TAIL_CELLS: usize = 16;
/// The probability each tail table covers.
const TAIL_U: f64 = TAIL_CELLS as f64 / CELLS as f64;
/// Steps of each tail table.
const TAIL_STEPS: usize = 32;
/// Points of the table between the tails.
const MAIN_POINTS: usize = CELLS - 2 * TAIL_CELLS + 1;

/// The quantile function Q of Beta(α, β), α, β ≥ 1, as tables.
///
/// Between the tails, Q at equal steps of probability (`CELLS` cells), read by linear
/// interpolation. Near 0 the CDF is close to c·x^α, so Q(u) ≈ (u / c)^(1/α) rises ever more
/// steeply (for α > 1) and a straight line between equal steps of u follows it badly. In the
/// lowest `TAIL_U` of probability the table is therefore in s = (u / `TAIL_U`)^(1/α), in
/// which Q is nearly a straight line (exactly one for a pure power); the same with β at the top,
/// in 1 − u (exact in floating point for u ≥ 1/2). So every cell is short where Q bends, and
/// a draw in a tail costs one `powf` more, 1 time in `CELLS / TAIL_CELLS / 2`.
#[derive(Debug)]
struct BetaQuantiles {
    inv_alpha: f64,
    inv_beta: f64,
    /// Q(i / `CELLS`) for i = `TAIL_CELLS`..=`CELLS` − `TAIL_CELLS`.
    main: Box<[f64; MAIN_POINTS]>,
    /// Q(`TAIL_U` · s^α) for s = j / `TAIL_STEPS`, j = 0..=`TAIL_STEPS`.
    lower: [f64; TAIL_STEPS + 1],
    /// 1 − Q(1 − `TAIL_U` · s^β) likewise: the lower tail of Beta(β, α).
    upper: [f64; TAIL_STEPS + 1],
}

impl BetaQuantiles {
    fn new(alpha: f64, beta: f64) -> BetaQuantiles {
        let ln_b = ln_beta(alpha, beta);
        let lower = tail_quantiles(alpha, beta, ln_b);
        let upper = tail_quantiles(beta, alpha, ln_b);
        let main = march_quantiles(alpha, beta, ln_b, lower[TAIL_STEPS]);
        // The march ends where the upper tail begins, found independently of it: a check of
        // both (their difference is the march's accumulated error).
        debug_assert!(
            (main[MAIN_POINTS - 1] - (1.0 - upper[TAIL_STEPS])).abs() < 1e-10,
            "Beta({alpha}, {beta}): {} vs {}",
            main[MAIN_POINTS - 1],
            1.0 - upper[TAIL_STEPS]
        );
        BetaQuantiles {
            inv_alpha: 1.0 / alpha,
            inv_beta: 1.0 / beta,
            main,
            lower,
            upper,
        }
    }

    /// Q(u) for u in [0, 1].
    #[inline]
    fn at(&self, u: f64) -> f64 {
        let v = u * CELLS as f64;
        let i = v as usize;
        if (TAIL_CELLS..CELLS - TAIL_CELLS).contains(&i) {
            let (a, b) = (self.main[i - TAIL_CELLS], self.main[i - TAIL_CELLS + 1]);
            a + (v - i as f64) * (b - a)
        } else {
            self.tail(u)
        }
    }

    /// Q(u) for u in a tail: below `TAIL_U` or above 1 − `TAIL_U`.
    #[cold]
    fn tail(&self, u: f64) -> f64 {
        if u < 0.5 {
            tail_at(&self.lower, u * (1.0 / TAIL_U), self.inv_alpha)
        } else {
            1.0 - tail_at(&self.upper, (1.0 - u) * (1.0 / TAIL_U), self.inv_beta)
        }
    }
}

/// A tail table (`lower` or `upper` of [`BetaQuantiles`]) at r = u / `TAIL_U` in [0, 1]:
/// s = r^(1/shape), then linear interpolation in s.
fn tail_at(table: &[f64; TAIL_STEPS + 1], r: f64, inv_shape: f64) -> f64 {
    let s = r.powf(inv_shape) * TAIL_STEPS as f64;
    let j = (s as usize).min(TAIL_STEPS - 1);
    let (a, b) = (table[j], table[j + 1]);
    a + (s - j as f64) * (b - a)
}

/// ln Γ(x) for x ≥ 1/2: Lanczos' approximation (g = 7, 9 terms), relative error near 1e-15.
fn ln_gamma(x: f64) -> f64 {
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    let x = x - 1.0;
    let t = x + 7.5;
    let mut a = C[0];
    for (i, c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// ln B(α, β).
fn ln_beta(alpha: f64, beta: f64) -> f64 {
    ln_gamma(alpha) + ln_gamma(beta) - ln_gamma(alpha + beta)
}

/// The lower tail table of Beta(p, q): Q(`TAIL_U` · s^p) at s = j / `TAIL_STEPS`. Near 0 the
/// incomplete beta is F(x) = x^p S(x) / (p B(p, q)) with S(x) = p Σₙ (1 − q)ₙ / n! · xⁿ / (p + n)
/// (its power series: terms shrink about as xⁿ, and a tail's x stays below Q(`TAIL_U`) < 1/2).
/// F(x) = `TAIL_U` · s^p is, taking p-th roots, ln x + ln S(x) / p = ln(s · C) with C = (p B
/// `TAIL_U`)^(1/p), solved by Newton's method from the previous points.
fn tail_quantiles(p: f64, q: f64, ln_b: f64) -> [f64; TAIL_STEPS + 1] {
    let ln_c = (p.ln() + ln_b + TAIL_U.ln()) / p;
    let mut out = [0.0; TAIL_STEPS + 1];
    for j in 1..=TAIL_STEPS {
        let s = j as f64 / TAIL_STEPS as f64;
        let goal = s.ln() + ln_c;
        // x(s) is nearly a straight line: start from the line through the two points before.
        let mut x = match j {
            1 => goal.exp(),
            2 => 2.0 * out[1],
            _ => 2.0 * out[j - 1] - out[j - 2],
        };
        // F(x) < goal below the previous point: Newton's steps stay above it.
        let floor = out[j - 1];
        for _ in 0..100 {
            let (sum, slope) = incomplete_beta_series(x, p, q);
            let h = x.ln() + sum.ln() / p - goal;
            let dh = 1.0 / x + slope / (p * sum);
            let mut next = x - h / dh;
            if !(next > floor && next < 1.0) {
                next = (x + if next <= floor { floor } else { 1.0 }) / 2.0;
            }
            // Newton's error squares at each step (relative to x, its second derivative is
            // moderate): after a step of 1e-8 · x the error is near rounding.
            let done = (next - x).abs() <= 1e-8 * x;
            x = next;
            if done {
                break;
            }
        }
        out[j] = x;
    }
    out
}

/// S(x) = p Σₙ (1 − q)ₙ / n! · xⁿ / (p + n) and S'(x), for 0 < x < 1 (see [`tail_quantiles`]).
fn incomplete_beta_series(x: f64, p: f64, q: f64) -> (f64, f64) {
    let (mut sum, mut slope) = (1.0, 0.0);
    // c = (1 − q)ₙ / n!, xn = xⁿ⁻¹
    let (mut c, mut xn) = (1.0, 1.0);
    for n in 1..1000 {
        let n = n as f64;
        c *= (n - q) / n;
        let term = p * c / (p + n);
        slope += term * n * xn;
        xn *= x;
        let t = term * xn;
        sum += t;
        if t.abs() <= 1e-17 * sum.abs() && n > q {
            break;
        }
    }
    (sum, slope)
}

/// Q of Beta(α, β) at i / `CELLS` for i = `TAIL_CELLS`..=`CELLS` − `TAIL_CELLS`, from x₀ =
/// Q(`TAIL_U`), two cells (probability h) at a time: a third-order Taylor step of Q (Q' = 1/f,
/// Q'' = −g₁/f², Q''' = (2g₁² − g₂)/f³ with f the density, g₁ = f'/f, g₂ = g₁'), then one
/// Newton correction against the probability the step really covers, ∫f over the step by the
/// two-point rule with f, f' and f'' at both ends (exact for polynomials of degree 5). The point
/// between is the cubic through both ends with slopes 1/f (its error is of the order of h⁴ Q'''',
/// far below the table's own). The density is carried from point to point, its logarithm
/// changing by (α − 1) ln(1 + Δ/x) + (β − 1) ln(1 − Δ/(1 − x)) for a step Δ, by series in these
/// small ratios: no `ln` or `exp` per point, which would cost most of the build. The error
/// carried from step to step stays near rounding.
fn march_quantiles(alpha: f64, beta: f64, ln_b: f64, x0: f64) -> Box<[f64; MAIN_POINTS]> {
    let (a, b) = (alpha - 1.0, beta - 1.0);
    let h = 2.0 / CELLS as f64;
    let mut out = Box::new([0.0; MAIN_POINTS]);
    let (mut x, mut f) = (x0, (a * x0.ln() + b * (1.0 - x0).ln() - ln_b).exp());
    out[0] = x;
    for pair in out[1..].chunks_exact_mut(2) {
        let (over_x, over_y) = (1.0 / x, 1.0 / (1.0 - x));
        let g1 = a * over_x - b * over_y;
        let g2 = -(a * over_x * over_x + b * over_y * over_y);
        let r = h / f;
        let step = r * (1.0 - r * g1 / 2.0 + r * r * (2.0 * g1 * g1 - g2) / 6.0);
        let next = x + step;
        let f_next =
            f * exp_small(a * ln_1p_small(step * over_x) + b * ln_1p_small(-step * over_y));
        let (over_x, over_y) = (1.0 / next, 1.0 / (1.0 - next));
        let g1_next = a * over_x - b * over_y;
        let g2_next = -(a * over_x * over_x + b * over_y * over_y);
        // f' = f g₁, f'' = f (g₁² + g₂)
        let covered = step / 2.0 * (f + f_next)
            + step * step / 10.0 * (f * g1 - f_next * g1_next)
            + step * step * step / 120.0
                * (f * (g1 * g1 + g2) + f_next * (g1_next * g1_next + g2_next));
        // Newton's step to second order, d = −e/f − f'/(2f) · (e/f)² for an excess e, and the
        // density moved along to second order: what is left is far below rounding.
        let fix = (covered - h) / f_next;
        let d = -fix - g1_next / 2.0 * fix * fix;
        let grow = 1.0 + g1_next * d + (g1_next * g1_next + g2_next) / 2.0 * d * d;
        let (x_next, f_next) = (next + d, f_next * grow);
        pair[0] = (x + x_next) / 2.0 + (r - h / f_next) / 8.0;
        pair[1] = x_next;
        (x, f) = (x_next, f_next);
    }
    out
}

/// ln(1 + z) for a small z: 2 atanh(w) = 2 (w + w³/3 + w⁵/5 + …) with w = z / (2 + z), to
/// w¹³, or to w⁷ when |w| < 2⁻⁷ (what is left is below 1e-17 of the sum either way). A march's
/// ratios are mostly far smaller; the few from |w| = 0.05 (first steps of a shape near 1) go to
/// `ln`.
fn ln_1p_small(z: f64) -> f64 {
    const ODD: [f64; 6] = [
        1.0 / 3.0,
        1.0 / 5.0,
        1.0 / 7.0,
        1.0 / 9.0,
        1.0 / 11.0,
        1.0 / 13.0,
    ];
    let w = z / (2.0 + z);
    let terms = match w.abs() {
        m if m < 1.0 / 128.0 => 3,
        m if m < 0.05 => 6,
        _ => return (1.0 + z).ln(),
    };
    let w2 = w * w;
    let rest = ODD[..terms].iter().rev().fold(0.0, |acc, c| (acc + c) * w2);
    2.0 * w * (1.0 + rest)
}

/// e^d for a small d: its Taylor series to d¹², or to d⁷ when |d| < 2⁻⁶ (what is left is below
/// 1e-17 of the sum either way); anything from |d| = 1/4 goes to `exp`.
fn exp_small(d: f64) -> f64 {
    const INV: [f64; 12] = [
        1.0,
        1.0 / 2.0,
        1.0 / 3.0,
        1.0 / 4.0,
        1.0 / 5.0,
        1.0 / 6.0,
        1.0 / 7.0,
        1.0 / 8.0,
        1.0 / 9.0,
        1.0 / 10.0,
        1.0 / 11.0,
        1.0 / 12.0,
    ];
    let terms = match d.abs() {
        m if m < 1.0 / 64.0 => 7,
        m if m < 0.25 => 12,
        _ => return d.exp(),
    };
    // 1 + d (1 + d/2 (1 + d/3 (⋯)))
    INV[..terms]
        .iter()
        .rev()
        .fold(1.0, |acc, c| 1.0 + d * c * acc)
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

/// A trial's discounting, summed once for all initiatives: with v_j the discount factor of
/// month j, `p[m]` = Σ v_j and `q[m]` = Σ j·v_j over j = 1..=m.
struct Discounting {
    p: Vec<f64>,
    q: Vec<f64>,
}

impl Discounting {
    fn new(horizon_months: usize) -> Self {
        Discounting {
            p: vec![0.0; horizon_months + 1],
            q: vec![0.0; horizon_months + 1],
        }
    }

    /// Sums for an annual discount rate (a fraction), with `finance::discount_factors`' factors.
    fn set(&mut self, annual_rate: f64) {
        let step = 1.0 / (1.0 + monthly_rate(annual_rate));
        let mut v = 1.0;
        for m in 1..self.p.len() {
            v *= step;
            self.p[m] = self.p[m - 1] + v;
            self.q[m] = self.q[m - 1] + m as f64 * v;
        }
    }

    fn horizon(&self) -> usize {
        self.p.len() - 1
    }
}

/// One initiative's timeline as plain numbers (see `cashflow`): money per month.
struct Timeline {
    one_time: f64,
    running: f64,
    /// A month's benefit at full adoption, confidence applied.
    full: f64,
    delivery: f64,
    /// Ramp-up months, at least 1.
    ramp: f64,
}

impl Timeline {
    /// PV of benefits, PV of costs and payback (months) over the months 0..=horizon of `disc`,
    /// in closed form: the same sums as `cashflow::monthly_flows` with `finance::npv` and
    /// `finance::payback` (equal to rounding), without a pass over the months. Months
    /// 1..=`zero` earn nothing, months `zero`+1..=`last_ramp` earn (m − delivery) / ramp of a
    /// full month, later months a full month: each part is a sum of v_j and j·v_j (`disc`), and
    /// the cumulative flow is linear or quadratic in m.
    fn figures(&self, disc: &Discounting) -> (f64, f64, Option<f64>) {
        let h = disc.horizon();
        let Timeline {
            one_time,
            running,
            full,
            delivery: d,
            ramp: r,
        } = *self;
        let zero = d.floor().clamp(0.0, h as f64) as usize;
        let last_ramp = ((d + r).ceil() - 1.0).clamp(zero as f64, h as f64) as usize;
        let (p, q) = (&disc.p, &disc.q);
        let ramp_pv = (q[last_ramp] - q[zero] - d * (p[last_ramp] - p[zero])) / r;
        let pv_benefits = full * (ramp_pv + p[h] - p[last_ramp]);
        let pv_costs = one_time + running * p[h];
        // Σ of the shares of months 1..=m, and the cumulative undiscounted flow after month m
        let tri = |m: usize| (m * (m + 1) / 2) as f64;
        let ramp_shares = |m: usize| (tri(m) - tri(zero) - d * (m - zero) as f64) / r;
        let shares = |m: usize| match m {
            m if m <= zero => 0.0,
            m if m <= last_ramp => ramp_shares(m),
            m => ramp_shares(last_ramp) + (m - last_ramp) as f64,
        };
        let cumulative = |m: usize| -one_time + full * shares(m) - running * m as f64;
        // The last month whose cumulative flow is negative: the full months (linear, slope
        // full − running), else the ramp's months, else the months before benefits (slope
        // −running).
        let last_negative = last_below_zero(cumulative, last_ramp, h, full - running)
            .or_else(|| (zero + 1..last_ramp).rev().find(|m| cumulative(*m) < 0.0))
            .or_else(|| last_below_zero(cumulative, 0, zero, -running));
        let net = |m: usize| full * ((m as f64 - d) / r).clamp(0.0, 1.0) - running;
        let payback = match last_negative {
            None => Some(0.0),
            Some(t) if t >= h => None,
            Some(t) => Some(t as f64 + (-cumulative(t) / net(t + 1)).clamp(0.0, 1.0)),
        };
        (pv_benefits, pv_costs, payback)
    }
}

/// The last m in lo..=hi with `f(m)` < 0, for `f` linear there with slope `slope`.
fn last_below_zero(f: impl Fn(usize) -> f64, lo: usize, hi: usize, slope: f64) -> Option<usize> {
    if f(hi) < 0.0 {
        return Some(hi);
    }
    if slope <= 0.0 || f(lo) >= 0.0 {
        // not increasing: f ≥ f(hi) ≥ 0 throughout; increasing: f(lo) ≥ 0 and above
        return None;
    }
    // increasing from f(lo) < 0 to f(hi) ≥ 0: solve, then settle the rounding by a month
    let mut m = (lo as f64 + (-f(lo) / slope).floor()).clamp(lo as f64, (hi - 1) as f64) as usize;
    while m + 1 < hi && f(m + 1) < 0.0 {
        m += 1;
    }
    while m > lo && f(m) >= 0.0 {
        m -= 1;
    }
    Some(m)
}

/// Evaluates initiative `i` with `value` giving each estimate's value, on the lean path: the
/// timeline rule of `cashflow::monthly_flows` and the payback rule of `finance::payback` in
/// closed form (`Timeline`), and no allocation (it runs for every initiative in every trial).
fn figures(
    i: &Initiative,
    disc: &Discounting,
    defaults: &Defaults,
    value: &impl Fn(&Estimate) -> f64,
) -> Figures {
    let mut by_driver = [0.0; 5];
    for b in &i.benefits {
        by_driver[b.kind.driver().index()] += annual_value(&b.kind, defaults, value);
    }
    let annual: f64 = by_driver.iter().sum();
    let timeline = Timeline {
        one_time: value(&i.one_time_cost),
        running: value(&i.annual_running_cost) / 12.0,
        full: annual / 12.0 * (value(&i.confidence_pct) / 100.0),
        delivery: value(&i.delivery_months),
        ramp: value(&i.ramp_up_months).max(1.0),
    };
    let (pv_benefits, pv_costs, payback) = timeline.figures(disc);
    let npv = pv_benefits - pv_costs;
    Figures {
        npv,
        roi: finance::has_costs(pv_costs).then(|| npv / pv_costs * 100.0),
        payback,
        pv_benefits,
        pv_costs,
        annual,
    }
}

/// The values of ranks `ranks` (ascending, each < `v.len()`) of `v` in `f64::total_cmp` order,
/// into `out`: what `v` sorted would hold at those places, by repeated selection (a few passes
/// over `v` instead of a sort; `v` is reordered).
fn order_stats(v: &mut [f64], ranks: &[usize], base: usize, out: &mut [f64]) {
    if ranks.is_empty() {
        return;
    }
    let mid = ranks.len() / 2;
    let r = ranks[mid] - base;
    let (left, x, right) = v.select_nth_unstable_by(r, f64::total_cmp);
    out[mid] = *x;
    let (out_left, out_right) = out.split_at_mut(mid);
    order_stats(left, &ranks[..mid], base, out_left);
    order_stats(right, &ranks[mid + 1..], base + r + 1, &mut out_right[1..]);
}

/// Percentiles `qs` (0–1, ascending) of `v`, interpolated between the nearest ranks (numpy's
/// default). `v` is reordered.
fn percentiles<const K: usize>(v: &mut [f64], qs: [f64; K]) -> [f64; K] {
    let mut out = [f64::NAN; K];
    if v.is_empty() {
        return out;
    }
    // the ranks either side of each percentile's place, ascending without repeats (with few
    // values, the ranks of neighbouring percentiles interleave: 0, 1, 0, 1 for four values)
    let at = qs.map(|q| q * (v.len() - 1) as f64);
    let mut ranks = Vec::with_capacity(2 * K);
    for a in at {
        ranks.extend([a.floor() as usize, a.ceil() as usize]);
    }
    ranks.sort_unstable();
    ranks.dedup();
    let mut values = vec![0.0; ranks.len()];
    order_stats(v, &ranks, 0, &mut values);
    let value = |r: usize| values[ranks.partition_point(|x| *x < r)];
    for (o, a) in out.iter_mut().zip(at) {
        let (lo, hi) = (value(a.floor() as usize), value(a.ceil() as usize));
        *o = if lo == hi {
            lo
        } else {
            lo + (hi - lo) * (a - a.floor())
        };
    }
    out
}

/// Percentile `q` (0–1) of `sorted` (ascending, not empty) by the rule of [`spread`]: numpy's
/// default, linear between the nearest ranks.
pub fn sorted_percentile(sorted: &[f64], q: f64) -> f64 {
    let Some(last) = sorted.len().checked_sub(1) else {
        return f64::NAN;
    };
    let at = q.clamp(0.0, 1.0) * last as f64;
    let (lo, hi) = (sorted[at.floor() as usize], sorted[at.ceil() as usize]);
    if lo == hi {
        lo
    } else {
        lo + (hi - lo) * (at - at.floor())
    }
}

/// How many of `sorted` (ascending) are above `x`: the trials whose figure exceeds it.
pub fn count_above(sorted: &[f64], x: f64) -> usize {
    sorted.len() - sorted.partition_point(|v| *v <= x)
}

/// A histogram of `sorted` (ascending, not empty): `bins` equal bins from its P0.5 to its P99.5,
/// the trials beyond counted in the end bins (a few extreme trials would otherwise squeeze the
/// rest into one bar). Each bin: (from, to, trials). One bin when every value is the same.
pub fn histogram(sorted: &[f64], bins: usize) -> Vec<(f64, f64, usize)> {
    let (lo, hi) = (
        sorted_percentile(sorted, 0.005),
        sorted_percentile(sorted, 0.995),
    );
    if sorted.is_empty() || hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) || bins == 0 {
        return sorted
            .first()
            .map(|v| vec![(*v, *v, sorted.len())])
            .unwrap_or_default();
    }
    let width = (hi - lo) / bins as f64;
    let mut out: Vec<(f64, f64, usize)> = (0..bins)
        .map(|b| (lo + b as f64 * width, lo + (b + 1) as f64 * width, 0))
        .collect();
    for v in sorted {
        let b = (((v - lo) / width).floor().max(0.0) as usize).min(bins - 1);
        out[b].2 += 1;
    }
    out
}

/// The percentiles and mean of `v` (not empty), the one rule every spread is read with.
pub fn spread(mut v: Vec<f64>) -> Spread {
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    let all_alike = v.iter().all(|x| *x == v[0]);
    let [p10, p25, p50, p75, p90] = percentiles(&mut v, [0.1, 0.25, 0.5, 0.75, 0.9]);
    Spread {
        p10,
        p25,
        p50,
        p75,
        p90,
        mean: if all_alike { v[0] } else { mean },
    }
}

fn payback_spread(v: &[Option<f64>]) -> PaybackSpread {
    let mut all: Vec<f64> = v.iter().map(|p| p.unwrap_or(f64::INFINITY)).collect();
    let [p10, p50, p90] =
        percentiles(&mut all, [0.1, 0.5, 0.9]).map(|p| Some(p).filter(|p| p.is_finite()));
    PaybackSpread {
        p10,
        p50,
        p90,
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

/// The largest of `values` (−∞ if none). `f64::max` would be a call in WebAssembly.
fn highest(values: impl Iterator<Item = f64>) -> f64 {
    values.fold(f64::NEG_INFINITY, |top, v| if v > top { v } else { top })
}

/// Each bin's total NPV per initiative (`sums[b * n + k]`), the trials binned by `draws` at
/// `cuts` (ascending); `npv[t * n + k]` is initiative k's NPV in trial t.
fn bin_totals(draws: &[f64], cuts: &[f64], npv: &[f64], n: usize, sums: &mut [f64]) {
    let bins = draws.iter().map(|d| cuts.partition_point(|cut| cut <= d));
    totals_by_bin(bins, npv, n, sums);
}

/// Each bin's total NPV per initiative, trial t in bin `bins[t]`. In the browser the additions
/// run two at a time (WebAssembly SIMD).
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
fn totals_by_bin(bins: impl Iterator<Item = usize>, npv: &[f64], n: usize, sums: &mut [f64]) {
    sums.iter_mut().for_each(|v| *v = 0.0);
    for (b, row) in bins.zip(npv.chunks_exact(n)) {
        for (sum, v) in sums[b * n..(b + 1) * n].iter_mut().zip(row) {
            *sum += v;
        }
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

/// The most memory a run's per-trial records may take. A run keeps, for every trial, each
/// initiative's figures (NPV, ROI, payback, and what decides who comes first by each) and each
/// ranged input's draw (for the value of information): [`BYTES_PER_TRIAL_AND_INITIATIVE`] and
/// [`BYTES_PER_TRIAL_AND_INPUT`]. Trials beyond what fits are not run, and the report says so:
/// a million trials of 20 initiatives would otherwise take about 2 GB and stop the worker.
pub const MEMORY_BUDGET_BYTES: usize = 256 << 20;
/// Per trial and initiative: seven `f64` records and one `Option<f64>`.
pub const BYTES_PER_TRIAL_AND_INITIATIVE: usize = 7 * 8 + 16;
/// Per trial and ranged input: its draw.
pub const BYTES_PER_TRIAL_AND_INPUT: usize = 8;

/// The most trials whose records fit [`MEMORY_BUDGET_BYTES`] with `initiatives` initiatives and
/// `inputs` ranged inputs (at least 1).
pub fn max_trials(initiatives: usize, inputs: usize) -> usize {
    let per_trial =
        initiatives * BYTES_PER_TRIAL_AND_INITIATIVE + inputs * BYTES_PER_TRIAL_AND_INPUT;
    (MEMORY_BUDGET_BYTES / per_trial.max(1)).max(1)
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
    let det: Evaluation = evaluate_valid(s);
    let inputs = uncertain_inputs(s);
    let requested = trials.max(1);
    let trials = requested.min(max_trials(s.initiatives.len(), inputs.len()));
    let samplers: Vec<Option<Shape>> = inputs
        .iter()
        .map(|x| shape(x, s.simulation.distribution))
        .collect();
    let horizon_months = s.horizon_years as usize * 12;
    let n = s.initiatives.len();
    let mut rng = TrialRng::seed_from_u64(seed);

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
    // Looked up by address in every trial: sorted, so a lookup is a binary search rather than a
    // pass over the initiative's inputs (which grew with the square of its benefits).
    shared.sort_by_key(|(a, _)| *a as usize);
    for list in &mut own {
        list.sort_by_key(|(a, _)| *a as usize);
    }
    let at_likely = |list: &[(*const Estimate, usize)], draws: &[f64]| {
        list.iter()
            .all(|(_, x)| draws[*x] == inputs[*x].estimate.likely)
    };

    let m = inputs.len();
    // Every draw first, trial by trial in the order of `inputs` (so a run without correlations
    // draws exactly as before), then the correlated inputs' columns re-ordered. A PERT draw is
    // its uniform number at first, turned into the draw by its input's table after
    // (`pert_columns`).
    let mut drawn = vec![0.0; trials * m];
    for t in 0..trials {
        for (k, smp) in samplers.iter().enumerate() {
            drawn[k * trials + t] = match smp {
                Some(Shape::Pert { .. }) => uniform(&mut rng),
                Some(Shape::Lognormal(l)) => l.sample(&mut rng),
                None => inputs[k].estimate.likely,
            };
        }
    }
    pert_columns(&samplers, &mut drawn, trials);
    let is_drawn: Vec<bool> = samplers.iter().map(Option::is_some).collect();
    let mut correlation = correlation_plan(s, &inputs, &is_drawn);
    apply_correlations(&mut correlation, &mut drawn, trials, seed);
    let mut draws = vec![0.0; m];
    let mut npv = vec![0.0; trials * n];
    let mut roi: Vec<Vec<f64>> = vec![Vec::with_capacity(trials); n];
    let mut pay: Vec<Vec<Option<f64>>> = vec![Vec::with_capacity(trials); n];
    let mut roi_t = vec![f64::NAN; trials * n];
    // Benefit/cost ratio (NaN without costs), annual value, PV of benefits: who comes first by each.
    let mut bcr_t = vec![f64::NAN; trials * n];
    let mut annual_t = vec![0.0; trials * n];
    let mut pvb_t = vec![0.0; trials * n];
    // −payback (NaN beyond the horizon): the soonest is the highest.
    let mut soonest_t = vec![f64::NAN; trials * n];
    let mut disc = Discounting::new(horizon_months);
    for t in 0..trials {
        if t % PROGRESS_EVERY == 0 && t > 0 {
            progress(t as f64 / trials as f64);
        }
        for (x, d) in draws.iter_mut().enumerate() {
            *d = drawn[x * trials + t];
        }
        let find = |list: &[(*const Estimate, usize)], e: &Estimate| {
            let key = e as *const Estimate as usize;
            list.binary_search_by_key(&key, |(a, _)| *a as usize)
                .ok()
                .map(|at| draws[list[at].1])
        };
        let shared_value = |e: &Estimate| find(&shared, e).unwrap_or(e.likely);
        disc.set(shared_value(&s.discount_rate_pct) / 100.0);
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
                figures(i, &disc, &defaults, &value)
            };
            npv[t * n + k] = f.npv;
            if let Some(x) = f.roi {
                roi[k].push(x);
            }
            roi_t[t * n + k] = f.roi.unwrap_or(f64::NAN);
            if finance::has_costs(f.pv_costs) {
                bcr_t[t * n + k] = f.pv_benefits / f.pv_costs;
            }
            annual_t[t * n + k] = f.annual;
            pvb_t[t * n + k] = f.pv_benefits;
            soonest_t[t * n + k] = f.payback.map_or(f64::NAN, |p| -p);
            pay[k].push(f.payback);
        }
    }

    // Who is first in each trial, by each figure (ties share first place; NaN: not defined).
    let first = |values: &[f64]| -> Vec<f64> {
        if n == 0 {
            return Vec::new(); // no initiatives (and `chunks_exact(0)` would panic)
        }
        let mut count = vec![0usize; n];
        for row in values.chunks_exact(n) {
            let top = highest(row.iter().copied());
            for (c, v) in count.iter_mut().zip(row) {
                *c += usize::from(*v == top);
            }
        }
        count.iter().map(|c| *c as f64 / trials as f64).collect()
    };
    let best = first(&npv);
    let best_roi = first(&roi_t);
    let best_payback = first(&soonest_t);
    let best_bcr = first(&bcr_t);
    let best_annual = first(&annual_t);
    let best_pvb = first(&pvb_t);
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
                    highest(row.iter().copied()) - row[c]
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
    let mut cuts = vec![0.0; bins - 1];
    let evppi = (0..m)
        .map(|x| {
            let Some(c) = chosen.filter(|_| samplers[x].is_some()) else {
                return 0.0;
            };
            let draws = &drawn[x * trials..(x + 1) * trials];
            // The quantiles that cut the bins, from the first `CUT_SAMPLE` draws (the trials are
            // independent, so these are a random sample): bins of nearly equal size, for a
            // fraction of the work. Each bin's weight below is its own share of the trials.
            let sample = &draws[..trials.min(CUT_SAMPLE)];
            column.clear();
            column.extend_from_slice(sample);
            let ranks: Vec<usize> = (1..bins).map(|b| b * sample.len() / bins).collect();
            order_stats(&mut column, &ranks, 0, &mut cuts);
            bin_totals(draws, &cuts, &npv, n, &mut bin_sums);
            let total: f64 = bin_sums
                .chunks(n)
                .map(|sums| highest(sums.iter().copied()) - sums[c])
                .sum();
            total / trials as f64
        })
        .collect();
    // What the same estimate gives an input that changes nothing: the trials split into `bins`
    // groups by a rule unrelated to any draw (a hash of the trial's number; the trials are
    // independent, so this is a random split), the highest over `CHANCE_SPLITS` splits. An input
    // that changes nothing gets more than this 1 time in `CHANCE_SPLITS + 1`.
    let evppi_chance = match chosen {
        None => 0.0,
        Some(c) => {
            let mut highest_total: f64 = 0.0;
            for j in 0..CHANCE_SPLITS {
                let split =
                    (0..trials).map(|t| (split_hash(t as u64, j as u64) % bins as u64) as usize);
                totals_by_bin(split, &npv, n, &mut bin_sums);
                let total: f64 = bin_sums
                    .chunks(n)
                    .map(|sums| highest(sums.iter().copied()) - sums[c])
                    .sum();
                if total > highest_total {
                    highest_total = total;
                }
            }
            highest_total / trials as f64
        }
    };

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
        requested,
        seed,
        initiatives,
        inputs,
        evpi,
        evppi,
        evppi_chance,
        npv_trials: npv,
        correlation,
    }
}

/// Random splits of the trials behind the value of information's chance level: the highest of
/// 19 is the 95th percentile of what an input that changes nothing gets.
const CHANCE_SPLITS: usize = 19;

/// A well-mixed number from trial `t` and split `j` (SplitMix64's finaliser).
fn split_hash(t: u64, j: u64) -> u64 {
    let mut z = t ^ j.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One bar of a tornado chart: the NPV with one input at its low and at its high value, the
/// others at their likely values — except the inputs correlated with it, which move with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Swing {
    pub label: String,
    pub npv_low: f64,
    pub npv_high: f64,
    /// The inputs of this initiative (or the scenario's) that move with it, with their rank
    /// correlation: each goes that share of the way from its likely value toward its own low
    /// (or, correlated negatively, its high) when this input is at its low, and the other way
    /// at its high.
    pub moves_with: Vec<(String, f64)>,
}

impl Swing {
    pub fn width(&self) -> f64 {
        (self.npv_high - self.npv_low).abs()
    }
}

/// The tornado of initiative `k`: every uncertain input that moves its NPV, widest swing first.
/// With correlations, an input's bar moves its correlated inputs with it ([`Swing`]), so the
/// bars show what the simulation's draws do together.
pub fn tornado(s: &Scenario, k: usize) -> Vec<Swing> {
    let Some(init) = s.initiatives.get(k) else {
        return Vec::new();
    };
    let horizon_months = s.horizon_years as usize * 12;
    let npv_with = |set: &[(*const Estimate, f64)]| -> f64 {
        let value = |e: &Estimate| {
            set.iter()
                .find(|(p, _)| std::ptr::eq(e, *p))
                .map_or(e.likely, |(_, v)| *v)
        };
        let mut disc = Discounting::new(horizon_months);
        disc.set(value(&s.discount_rate_pct) / 100.0);
        let defaults = Defaults {
            hourly_rate: value(&s.default_hourly_rate),
            hours_per_fte_year: s.hours_per_fte_year,
        };
        figures(init, &disc, &defaults, &value).npv
    };
    // This initiative's estimates and the scenario's, each with its label and key.
    let mut candidates: Vec<(String, String, &Estimate)> = s
        .estimates()
        .into_iter()
        .map(|(f, e)| (f.label.to_string(), input_key(None, None, f.key), e))
        .collect();
    for (field, e) in initiative_estimates(init) {
        candidates.push((
            input_words(field),
            input_key(Some(&init.id), None, field.key),
            e,
        ));
    }
    for (n, b) in init.benefits.iter().enumerate() {
        for (field, e) in b.kind.estimates() {
            candidates.push((
                format!("{}, {}", benefit_name(b, n), input_words(field)),
                input_key(Some(&init.id), Some(n), field.key),
                e,
            ));
        }
    }
    // The correlations as the simulation applies them (repaired if need be).
    let inputs = uncertain_inputs(s);
    let drawn: Vec<bool> = inputs
        .iter()
        .map(|x| shape(x, s.simulation.distribution).is_some())
        .collect();
    let plan = correlation_plan(s, &inputs, &drawn);
    let member = |key: &str| {
        let x = inputs.iter().position(|x| x.key == key)?;
        plan.members.iter().position(|m| *m == x)
    };
    let ends = |e: &Estimate| (e.low.unwrap_or(e.likely), e.high.unwrap_or(e.likely));
    let mut swings: Vec<Swing> = candidates
        .iter()
        .filter(|(_, _, e)| e.is_range())
        .map(|(label, key, e)| {
            let partners: Vec<(&str, &Estimate, f64)> = member(key)
                .map(|i| {
                    candidates
                        .iter()
                        .filter(|(_, other, x)| other != key && x.is_range())
                        .filter_map(|(l, other, x)| {
                            let r = plan.used(i, member(other)?);
                            (r != 0.0).then_some((l.as_str(), *x, r))
                        })
                        .collect()
                })
                .unwrap_or_default();
            // At this input's low end (`toward_low`), each partner toward its own low by r
            // (toward its high when r < 0); at its high end the other way.
            let at = |v: f64, toward_low: bool| {
                let mut set = vec![(*e as *const Estimate, v)];
                for (_, x, r) in &partners {
                    let (lo, hi) = ends(x);
                    let end = if toward_low == (*r > 0.0) { lo } else { hi };
                    set.push((*x as *const Estimate, x.likely + r.abs() * (end - x.likely)));
                }
                npv_with(&set)
            };
            let (lo, hi) = ends(e);
            Swing {
                label: label.clone(),
                npv_low: at(lo, true),
                npv_high: at(hi, false),
                moves_with: partners
                    .iter()
                    .map(|(l, _, r)| (l.to_string(), *r))
                    .collect(),
            }
        })
        .filter(|w| w.width() > 0.0)
        .collect();
    swings.sort_by(|a, b| b.width().total_cmp(&a.width()));
    swings
}

/// [`benchmark_scenario`] with its ranged one-time and running costs overrunning together
/// (the preset, at 0.5): the browser's test of the correlated draws (`tests/web.rs`).
pub fn costs_overrun(n: usize) -> Scenario {
    let mut s = benchmark_scenario(n);
    s.correlations = preset(&s, Preset::CostsOverrun);
    s
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
                super::scenario::BenefitKind::HoursSaved(HoursSaved { hours, .. }) => widen(hours),
                super::scenario::BenefitKind::RiskReduced(RiskReduced {
                    events_per_year,
                    loss_per_event,
                    ..
                }) => {
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

#[cfg(test)]
mod tests {
    use super::{Discounting, Timeline};
    use crate::model::cashflow::{monthly_flows, TimelineInputs};
    use crate::model::finance::{monthly_rate, npv, payback};
    use proptest::prelude::*;

    /// NPV and payback of the closed form, and of the comparison's engine: monthly flows, then
    /// `finance::npv` and `finance::payback`.
    fn both(
        t: &TimelineInputs,
        annual: f64,
        rate: f64,
    ) -> ((f64, Option<f64>), (f64, Option<f64>)) {
        let mut disc = Discounting::new(t.horizon_months);
        disc.set(rate);
        let (pv_benefits, pv_costs, closed_payback) = Timeline {
            one_time: t.one_time_cost,
            running: t.annual_running_cost / 12.0,
            full: annual / 12.0 * t.confidence,
            delivery: t.delivery_months,
            ramp: t.ramp_up_months.max(1.0),
        }
        .figures(&disc);
        let net = monthly_flows(t, annual).net;
        (
            (pv_benefits - pv_costs, closed_payback),
            (npv(monthly_rate(rate), &net), payback(&net).periods()),
        )
    }

    #[test]
    fn payback_on_a_month_boundary_and_beyond_the_horizon() {
        // 1,200 up front, 100 a month from month 1: paid back at exactly 12 months
        let mut t = TimelineInputs {
            horizon_months: 36,
            one_time_cost: 1_200.0,
            annual_running_cost: 0.0,
            delivery_months: 0.0,
            ramp_up_months: 0.0,
            confidence: 1.0,
        };
        assert_eq!(both(&t, 1_200.0, 0.0).0 .1, Some(12.0));
        // 2.5 months' delivery and 3 months' ramp-up: shares 1/6, 1/2, 5/6, then full
        t.delivery_months = 2.5;
        t.ramp_up_months = 3.0;
        let ((closed_npv, closed), (engine_npv, engine)) = both(&t, 1_200.0, 0.08);
        assert!(
            (closed_npv - engine_npv).abs() < 1e-9,
            "{closed_npv} {engine_npv}"
        );
        assert!((closed.unwrap() - engine.unwrap()).abs() < 1e-9);
        assert!((closed.unwrap() - 15.5).abs() < 1e-9, "{closed:?}");
        // never paid back within 12 months
        t.horizon_months = 12;
        assert_eq!(both(&t, 1_200.0, 0.08).0 .1, None);
        assert_eq!(both(&t, 1_200.0, 0.08).1 .1, None);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1024, failure_persistence: None, ..ProptestConfig::default() })]
        /// The simulation's closed-form NPV and payback equal the comparison's month-by-month
        /// figures, to rounding, for any signs and timings.
        #[test]
        fn closed_form_equals_the_monthly_flows(
            years in 1usize..=10,
            rate in 0.0f64..0.4,
            one_time in -2e5f64..2e6,
            running in -5e4f64..5e5,
            annual in -5e5f64..3e6,
            delivery in 0.0f64..150.0,
            ramp in 0.0f64..40.0,
            confidence in 0.0f64..=1.0,
        ) {
            let t = TimelineInputs {
                horizon_months: years * 12,
                one_time_cost: one_time,
                annual_running_cost: running,
                delivery_months: delivery,
                ramp_up_months: ramp,
                confidence,
            };
            let ((closed_npv, closed), (engine_npv, engine)) = both(&t, annual, rate);
            let scale = one_time.abs() + (annual.abs() + running.abs()) * years as f64 + 1.0;
            prop_assert!((closed_npv - engine_npv).abs() <= 1e-10 * scale, "{closed_npv} {engine_npv}");
            match (closed, engine) {
                (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-6, "{a} {b}"),
                (None, None) => {}
                other => prop_assert!(false, "payback {other:?}"),
            }
        }

        /// The same, with the upfront cost a few months of benefit, so that the payback falls
        /// in every part of the timeline: before benefits, during the ramp-up, after it.
        #[test]
        fn closed_form_payback_anywhere_in_the_timeline(
            years in 1usize..=4,
            months_of_benefit in -2.0f64..30.0,
            annual in 1e3f64..1e6,
            running_share in -0.2f64..0.9,
            delivery in 0.0f64..14.0,
            ramp in 0.0f64..14.0,
        ) {
            let t = TimelineInputs {
                horizon_months: years * 12,
                one_time_cost: months_of_benefit * annual / 12.0,
                annual_running_cost: running_share * annual,
                delivery_months: delivery,
                ramp_up_months: ramp,
                confidence: 0.9,
            };
            let ((_, closed), (_, engine)) = both(&t, annual, 0.1);
            match (closed, engine) {
                (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-6, "{a} {b}"),
                (None, None) => {}
                other => prop_assert!(false, "payback {other:?}"),
            }
        }
    }
}

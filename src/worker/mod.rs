//! The persistence worker: everything that turns a scenario into text or back — saved files
//! (the versioned envelope and its migrations), share links (deflate + base64url) and CSV — the
//! charts' echarts options and words, and the simulations. It runs in a Web Worker loaded only
//! when the page first needs it (an edit, a link, a chart coming into view), so none of this code
//! is part of the page's first download, and building chart options never holds up typing.
//!
//! It answers the requests of `wire::protocol`. What it keeps is [`Kept`]: the revisions it was
//! given (each evaluated once, its derivations built when an explanation first asks for them)
//! and the last simulation (the distribution chart's data).
//!
//! The page starts this worker twice: one instance for saving, links and charts, one for
//! simulations, so a long run never holds up saving.

pub mod chart_spec;
pub mod workbook;

use crate::explain::chart_text;
use crate::explain::{figures as explain, sim_report};
use crate::formats::{csv, flat, link, saved};
use crate::model::loss::{self, LossCurve, LossError};
use crate::model::portfolio::FrontierPoint;
use crate::model::{evaluate_valid, figures, plan, simulate, Evaluation, Scenario, Shown};
use crate::wire::intl::fmt;
use crate::wire::js::{from_js, to_js};
use crate::wire::protocol::BenchNpv;
use crate::wire::{ChartId, ChartText, Pointer, Reply, Request, Subject, Tip};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::Arc;
use wasm_bindgen::JsValue;

/// How many revisions a worker keeps: the one on screen and the one before it (a request sent
/// just before an edit).
const REVISIONS: usize = 2;

/// A revision the worker was given.
struct Revision {
    rev: u64,
    shown: Shown,
    /// The same evaluation with its derivations, built when an explanation first asks.
    explained: Option<Arc<Evaluation>>,
    /// The portfolio's efficient frontier, built when its chart first asks.
    frontier: std::cell::OnceCell<Vec<FrontierPoint>>,
    /// The last loss exceedance curve asked for (its chart, words and tips read the same run).
    loss: RefCell<Option<(usize, LossOf)>>,
}

/// A loss exceedance curve with its name, or why there is none.
type LossOf = Arc<(String, Result<LossCurve, LossError>)>;

/// The loss exceedance curve `k` of revision `rev` (`loss::scenario_curve`), run once and kept.
fn loss_of(kept: &Kept, rev: u64, k: usize) -> Result<(LossOf, Shown), Reply> {
    let r = kept.revision(rev).ok_or(Reply::Missing(rev))?;
    if let Some((at, c)) = r.loss.borrow().as_ref() {
        if *at == k {
            return Ok((c.clone(), r.shown.clone()));
        }
    }
    let funded: Vec<bool> = r.shown.plan.items.iter().map(|i| i.funded).collect();
    let c = Arc::new(loss::scenario_curve(&r.shown.scenario, k, &funded));
    *r.loss.borrow_mut() = Some((k, c.clone()));
    Ok((c, r.shown.clone()))
}

/// The last simulation: the distribution charts' data.
struct LastRun {
    names: Vec<String>,
    currency: String,
    sim: simulate::Simulation,
    /// Each initiative's NPV over the trials, ascending; then the portfolio's funded set's (when
    /// the plan funds any): the S-curves, histograms and chances of exceeding an amount.
    sorted: Vec<Vec<f64>>,
}

impl LastRun {
    /// The sorted NPVs and name of curve `k` (an initiative, or the portfolio one past the last).
    fn curve(&self, k: usize) -> Option<(&[f64], String)> {
        let values = self.sorted.get(k)?;
        let name = match self.names.get(k) {
            Some(n) => n.clone(),
            None => "the portfolio (funded set, as scheduled)".to_string(),
        };
        Some((values, name))
    }
}

/// Each initiative's NPV over the trials of `sim`, ascending, then `portfolio`'s if any.
fn sorted_curves(sim: &simulate::Simulation, portfolio: Option<Vec<f64>>) -> Vec<Vec<f64>> {
    let n = sim.initiatives.len();
    let mut out: Vec<Vec<f64>> = (0..n)
        .map(|k| {
            let mut v: Vec<f64> = (0..sim.trials).map(|t| sim.npv_trials[t * n + k]).collect();
            v.sort_by(f64::total_cmp);
            v
        })
        .collect();
    if let Some(mut p) = portfolio {
        p.sort_by(f64::total_cmp);
        out.push(p);
    }
    out
}

/// What a worker keeps between requests.
#[derive(Default)]
pub struct Kept {
    revisions: VecDeque<Revision>,
    last_run: Option<LastRun>,
}

thread_local! {
    static KEPT: RefCell<Kept> = RefCell::new(Kept::default());
}

const UNREADABLE: &str = "The scenario could not be read: it holds more than Caseboard's limits allow, or the page and the saving code are from different versions (reload the page)";

impl Kept {
    fn revision(&self, rev: u64) -> Option<&Revision> {
        self.revisions.iter().find(|r| r.rev == rev)
    }

    /// Keeps revision `rev`, evaluated once (without derivations).
    fn put(&mut self, rev: u64, toks: &[flat::Tok]) -> Reply {
        let Some(s) = flat::read(toks) else {
            return Reply::Error(UNREADABLE.into());
        };
        let Ok(evaluation) = figures(&s) else {
            return Reply::Error("Fix the marked inputs first".into());
        };
        self.revisions.retain(|r| r.rev != rev);
        if self.revisions.len() >= REVISIONS {
            self.revisions.pop_front();
        }
        self.revisions.push_back(Revision {
            rev,
            shown: {
                let mut shown = Shown::new(s, evaluation);
                // A simulated objective: the worker has the simulation (the page takes the
                // figures of its run).
                if matches!(
                    shown.scenario.portfolio.objective,
                    crate::model::Objective::P50Npv | crate::model::Objective::MeanNpv
                ) {
                    let plan = plan::plan_simulated(&shown.scenario, &shown.evaluation);
                    shown.plan = Arc::new(plan);
                }
                shown
            },
            explained: None,
            frontier: Default::default(),
            loss: RefCell::new(None),
        });
        Reply::Stored
    }

    /// The scenario a request is about: `Err` says why there is none.
    fn scenario(&self, subject: &Subject) -> Result<Arc<Scenario>, Reply> {
        match subject {
            Subject::Rev(rev) => self
                .revision(*rev)
                .map(|r| r.shown.scenario.clone())
                .ok_or(Reply::Missing(*rev)),
            Subject::Scenario(toks) => flat::read(toks)
                .map(Arc::new)
                .ok_or_else(|| Reply::Error(UNREADABLE.into())),
        }
    }

    /// The shown results of revision `rev`, or the reply that it is missing.
    fn shown(&self, rev: u64) -> Result<Shown, Reply> {
        self.revision(rev)
            .map(|r| r.shown.clone())
            .ok_or(Reply::Missing(rev))
    }

    /// Revision `rev` with its derivations, built the first time.
    fn explained(&mut self, rev: u64) -> Result<Shown, Reply> {
        let r = self
            .revisions
            .iter_mut()
            .find(|r| r.rev == rev)
            .ok_or(Reply::Missing(rev))?;
        let e = r
            .explained
            .get_or_insert_with(|| Arc::new(evaluate_valid(&r.shown.scenario)))
            .clone();
        Ok(Shown {
            scenario: r.shown.scenario.clone(),
            evaluation: e,
            plan: r.shown.plan.clone(),
        })
    }
}

/// What a chart shows: its words and, for the simulation's charts, its tips by category (the
/// comparison's are built when asked).
fn words(kept: &Kept, rev: u64, chart: ChartId) -> Result<(ChartText, Vec<Tip>), Reply> {
    let failed = || Reply::Error("This chart could not be built".into());
    match chart {
        ChartId::Distribution => {
            let last = kept.last_run.as_ref().ok_or_else(failed)?;
            Ok(sim_report::distribution(
                &last.names,
                &last.sim,
                &*fmt(&last.currency),
            ))
        }
        ChartId::SCurve(k) | ChartId::Histogram(k) => {
            let last = kept.last_run.as_ref().ok_or_else(failed)?;
            let (values, name) = last.curve(k).ok_or_else(failed)?;
            let histogram = matches!(chart, ChartId::Histogram(_));
            let f = fmt(&last.currency);
            Ok((
                sim_report::npv_curve(&name, values, histogram, &*f),
                Vec::new(),
            ))
        }
        ChartId::Loss(k) => {
            let (c, shown) = loss_of(kept, rev, k)?;
            let s = &shown.scenario;
            let tolerance = loss::tolerance_of(s);
            Ok((
                crate::explain::loss::words(&c.0, &c.1, tolerance.as_ref(), &*fmt(&s.currency)),
                Vec::new(),
            ))
        }
        ChartId::Tornado(k) => {
            let shown = kept.shown(rev)?;
            let r = shown.evaluation.initiatives.get(k).ok_or_else(failed)?;
            let s = &shown.scenario;
            let swings = simulate::tornado(s, k);
            Ok(sim_report::tornado(
                &r.name,
                r.npv(),
                &swings,
                &*fmt(&s.currency),
            ))
        }
        ChartId::Frontier => {
            let shown = kept.shown(rev)?;
            let f = fmt(&shown.scenario.currency);
            let points = frontier_of(kept, rev, &shown);
            Ok((
                crate::explain::portfolio::frontier_text(&shown, &points, &*f),
                Vec::new(),
            ))
        }
        _ => {
            let shown = kept.shown(rev)?;
            let f = fmt(&shown.scenario.currency);
            let text = chart_text::chart_texts(chart, &shown, &*f).ok_or_else(failed)?;
            Ok((text, Vec::new()))
        }
    }
}

/// The efficient frontier of revision `rev`, computed once and kept with the revision (the
/// chart and its words both read it).
fn frontier_of(kept: &Kept, rev: u64, shown: &Shown) -> Vec<FrontierPoint> {
    let Some(r) = kept.revision(rev) else {
        return plan::frontier(&shown.plan);
    };
    r.frontier
        .get_or_init(|| plan::frontier(&shown.plan))
        .clone()
}

/// A chart's echarts option, the functions it needs, and its words.
fn chart(kept: &Kept, rev: u64, chart: ChartId, motion: bool) -> Reply {
    let option = match chart {
        ChartId::Distribution => kept
            .last_run
            .as_ref()
            .map(|l| chart_spec::distribution(&l.names, &l.sim, &l.currency, motion)),
        ChartId::SCurve(k) | ChartId::Histogram(k) => kept.last_run.as_ref().and_then(|l| {
            let (values, _) = l.curve(k)?;
            let histogram = matches!(chart, ChartId::Histogram(_));
            Some(chart_spec::npv_curve(
                values,
                histogram,
                &l.currency,
                motion,
            ))
        }),
        ChartId::Loss(k) => match loss_of(kept, rev, k) {
            Ok((c, shown)) => c.1.as_ref().ok().map(|curve| {
                let s = &shown.scenario;
                let tolerance = loss::tolerance_of(s).and_then(Result::ok);
                chart_spec::loss(curve, tolerance.as_ref(), &s.currency, motion)
            }),
            Err(missing) => return missing,
        },
        ChartId::Tornado(k) => match kept.shown(rev) {
            Ok(shown) => shown.evaluation.initiatives.get(k).map(|r| {
                let swings = simulate::tornado(&shown.scenario, k);
                chart_spec::tornado(&shown.scenario, &swings, r.npv(), motion)
            }),
            Err(missing) => return missing,
        },
        ChartId::Frontier => match kept.shown(rev) {
            Ok(shown) => {
                let points = frontier_of(kept, rev, &shown);
                (!points.is_empty()).then(|| chart_spec::frontier(&shown, &points, motion))
            }
            Err(missing) => return missing,
        },
        _ => match kept.shown(rev) {
            Ok(shown) => chart_spec::build(chart, &shown, motion),
            Err(missing) => return missing,
        },
    };
    let texts = match words(kept, rev, chart) {
        Ok((t, _)) => t,
        Err(e) => return e,
    };
    match option.as_ref().and_then(chart_spec::to_js) {
        Some((option, funcs)) => Reply::Chart {
            option,
            funcs,
            texts,
        },
        None => Reply::Error("This chart could not be built".into()),
    }
}

/// The tip of a chart at the pointer (none where there is nothing).
fn tip(kept: &Kept, rev: u64, chart: ChartId, at: &Pointer) -> Reply {
    match chart {
        ChartId::Loss(k) => match loss_of(kept, rev, k) {
            Ok((c, shown)) => Reply::Tip(c.1.as_ref().ok().and_then(|curve| {
                let s = &shown.scenario;
                let tolerance = loss::tolerance_of(s).and_then(Result::ok);
                // the chart's x is log10 of the loss
                let x = 10f64.powf(at.x);
                crate::explain::loss::tip(&c.0, curve, tolerance.as_ref(), x, &*fmt(&s.currency))
            })),
            Err(missing) => missing,
        },
        // The chance of exceeding the amount pointed at (or typed), from the trials.
        ChartId::SCurve(k) | ChartId::Histogram(k) => {
            Reply::Tip(kept.last_run.as_ref().and_then(|l| {
                let (values, name) = l.curve(k)?;
                sim_report::exceed_tip(&name, values, at.x, &*fmt(&l.currency))
            }))
        }
        ChartId::Distribution | ChartId::Tornado(_) => match words(kept, rev, chart) {
            Ok((_, tips)) => Reply::Tip(
                chart_text::index(at.y, tips.len()).and_then(|k| tips.into_iter().nth(k)),
            ),
            Err(e) => e,
        },
        ChartId::Frontier => match kept.shown(rev) {
            Ok(shown) => {
                let f = fmt(&shown.scenario.currency);
                let points = frontier_of(kept, rev, &shown);
                Reply::Tip(crate::explain::portfolio::frontier_tip(
                    &shown, &points, at, &*f,
                ))
            }
            Err(missing) => missing,
        },
        _ => match kept.shown(rev) {
            Ok(shown) => {
                let f = fmt(&shown.scenario.currency);
                Reply::Tip(chart_text::tip(chart, &shown, at, &*f))
            }
            Err(missing) => missing,
        },
    }
}

/// Runs a simulation; `progress` hears how far it is (0–1). Returns the run and the time it took.
fn run(
    s: &Scenario,
    trials: usize,
    seed: u64,
    progress: &mut dyn FnMut(f64),
) -> (simulate::Simulation, f64) {
    let started = js_sys::Date::now();
    let sim = simulate::simulate_with_progress(s, trials, seed, progress);
    (sim, js_sys::Date::now() - started)
}

/// The portfolio's benchmark, timed here in the worker: each of `instances` random feasible
/// selections of `n` candidates (`plan::benchmark_problem`, 3 yearly budgets), the efficient frontier of the first, and the portfolio
/// of `simulate::benchmark_scenario(20)` (a budget of half its one-time costs) under 10,000
/// trials. JSON: `{"select_ms": […], "optimal": […], "frontier_ms": …, "frontier_levels": …,
/// "uncertainty_ms": …, "solved": …}`.
fn bench_portfolio(n: usize, instances: usize) -> String {
    let now = js_sys::Date::now;
    let mut times = Vec::with_capacity(instances);
    let mut optimal = Vec::with_capacity(instances);
    // Feasible instances only (one whose mandatory items break a limit is drawn again), as the
    // native measurement counts them.
    let mut seed = 0;
    while times.len() < instances && seed < 3 * instances as u64 {
        seed += 1;
        let p = plan::benchmark_problem(n, 3, seed);
        let t = now();
        let r = crate::model::portfolio::select(&p);
        let ms = now() - t;
        if let Ok(sel) = r {
            times.push(ms);
            optimal.push(sel.optimal);
        }
    }
    let p = plan::benchmark_problem(n, 3, 1);
    let order: Vec<usize> = (0..p.candidates.len()).collect();
    let t = now();
    let levels = crate::model::portfolio::frontier(&p, plan::FRONTIER_LEVELS, &order).len();
    let frontier_ms = now() - t;
    let mut s = simulate::benchmark_scenario(20);
    let one_time: f64 = s.initiatives.iter().map(|i| i.one_time_cost.likely).sum();
    s.portfolio.budgets = vec![crate::model::YearBudget {
        one_time: Some(one_time / 2.0),
        ..Default::default()
    }];
    let (mut uncertainty_ms, mut solved) = (f64::NAN, 0);
    if let Ok(e) = figures(&s) {
        let p = plan::plan(&s, &e);
        let sim = simulate::simulate(&s, 10_000, 1);
        let t = now();
        solved = plan::uncertainty(&p, &e, &sim).map_or(0, |u| u.solved);
        uncertainty_ms = now() - t;
    }
    let list = |v: &[String]| v.join(",");
    format!(
        "{{\"select_ms\":[{}],\"optimal\":[{}],\"frontier_ms\":{frontier_ms},\"frontier_levels\":{levels},\"uncertainty_ms\":{uncertainty_ms},\"solved\":{solved}}}",
        list(&times.iter().map(|t| t.to_string()).collect::<Vec<_>>()),
        list(&optimal.iter().map(|o| o.to_string()).collect::<Vec<_>>()),
    )
}

/// Answers one request; `progress` hears how far a long run is.
pub fn reply(kept: &mut Kept, req: Request, progress: &mut dyn FnMut(f64)) -> Reply {
    match req {
        Request::Put { rev, scenario } => kept.put(rev, &scenario),
        Request::Link(subject) => match kept.scenario(&subject) {
            Ok(s) => Reply::Text(link::encode(&s)),
            Err(e) => e,
        },
        Request::Save(subject) => match kept.scenario(&subject) {
            Ok(s) => Reply::Text(saved::to_json(&s)),
            Err(e) => e,
        },
        Request::Csv(subject) => {
            let s = match kept.scenario(&subject) {
                Ok(s) => s,
                Err(e) => return e,
            };
            let evaluation = match &subject {
                Subject::Rev(rev) => kept.shown(*rev).map(|r| r.evaluation).ok(),
                Subject::Scenario(_) => figures(&s).ok().map(Arc::new),
            };
            match evaluation {
                Some(e) => {
                    // With ranges, the simulated rows of the same run the page shows (the
                    // scenario's own trials and seed give the same draws).
                    let sim = simulate::has_ranges(&s).then(|| simulate::simulate_scenario(&s));
                    let options = csv::CsvOptions::default();
                    Reply::Text(csv::comparison_simulated(&s, &e, sim.as_ref(), options))
                }
                None => Reply::Error("The comparison could not be computed".into()),
            }
        }
        // The workbook worker's (`workbook`), so that this worker holds none of its code.
        Request::Workbook(_) => Reply::Error("The workbook is made by its own worker".into()),
        Request::OpenLink(text) => match link::decode_noting(&text) {
            Ok((s, notes)) => Reply::Scenario {
                scenario: flat::write(&s),
                version: None,
                notes,
            },
            Err(e) => Reply::Error(e.to_string()),
        },
        Request::Load(text) => match saved::from_json(&text) {
            Ok(l) => Reply::Scenario {
                scenario: flat::write(&l.scenario),
                version: Some(l.version),
                notes: l.notes,
            },
            Err(e) => Reply::Error(e.to_string()),
        },
        Request::Simulate(subject) => {
            let s = match kept.scenario(&subject) {
                Ok(s) if figures(&s).is_ok() => s,
                Ok(_) => return Reply::Error("Fix the marked inputs to simulate".into()),
                Err(e) => return e,
            };
            let (trials, seed) = (s.simulation.trials as usize, s.simulation.seed);
            let (sim, ms) = run(&s, trials, u64::from(seed), progress);
            let f = fmt(&s.currency);
            let mut report = sim_report::report(&s, &sim, ms, &*f);
            // The portfolio under the ranges leads the run's sentences (the page puts it with
            // the portfolio's own).
            let mut portfolio = None;
            if let Ok(e) = figures(&s) {
                let v = plan::simulated_values(&sim, s.portfolio.objective);
                let p = plan::plan_with(&s, &e, Some(&v));
                if let Some(u) = plan::uncertainty(&p, &e, &sim) {
                    if let Some(x) = crate::explain::portfolio::simulated_sentence(&s, &p, &u, &*f)
                    {
                        report.summary.insert(0, x);
                    }
                    portfolio = Some(u.totals);
                }
            }
            kept.last_run = Some(LastRun {
                names: s.initiatives.iter().map(|i| i.name.clone()).collect(),
                currency: s.currency.clone(),
                sorted: sorted_curves(&sim, portfolio),
                sim,
            });
            Reply::Report(Box::new(report))
        }
        Request::Portfolio { rev } => match kept.shown(rev) {
            Ok(shown) => Reply::Portfolio(Box::new(crate::explain::portfolio::portfolio_text(
                &shown.scenario,
                &shown.plan,
                &*fmt(&shown.scenario.currency),
            ))),
            Err(missing) => missing,
        },
        Request::BenchPortfolio {
            initiatives,
            instances,
        } => Reply::Text(bench_portfolio(
            initiatives.clamp(1.0, 200.0) as usize,
            instances.clamp(1.0, 1000.0) as usize,
        )),
        Request::BenchSimulate {
            initiatives,
            trials,
        } => {
            let n = initiatives.clamp(1.0, 100.0) as usize;
            let trials = trials.clamp(1.0, 1e6) as usize;
            let s = simulate::benchmark_scenario(n);
            let (sim, ms) = run(&s, trials, 1, progress);
            let npv: Vec<BenchNpv> = sim
                .initiatives
                .iter()
                .map(|r| [r.npv.p10, r.npv.p50, r.npv.p90, r.npv.mean])
                .collect();
            Reply::Bench {
                trials: sim.trials as f64,
                ms,
                evpi: sim.evpi,
                npv,
            }
        }
        Request::Chart {
            rev,
            chart: c,
            motion,
        } => chart(kept, rev, c, motion),
        Request::Texts { rev, chart } => match words(kept, rev, chart) {
            Ok((t, _)) => Reply::Texts(t),
            Err(e) => e,
        },
        Request::Tip { rev, chart, at } => tip(kept, rev, chart, &at),
        Request::Explain {
            rev,
            rank_by,
            row,
            col,
        } => match kept.explained(rev) {
            Ok(shown) => {
                let f = fmt(&shown.scenario.currency);
                Reply::Lines(explain::explain(&shown, rank_by, row, col, &*f))
            }
            Err(e) => e,
        },
    }
}

/// The reply to one message; `post` sends progress messages of a long run.
pub fn answer(msg: &JsValue, post: &dyn Fn(&JsValue)) -> JsValue {
    let (id, req) = Request::decode(&from_js(msg));
    let out = match req {
        Ok(req) => KEPT.with_borrow_mut(|kept| {
            reply(kept, req, &mut |done| {
                post(&to_js(&Reply::Progress(done).encode(id)))
            })
        }),
        Err(e) => Reply::Error(e),
    };
    to_js(&out.encode(id))
}

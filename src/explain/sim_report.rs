//! The simulation in words and tables: the comparison's simulated rows (with how each figure was
//! found), the value-of-information table, and the texts of the distribution and tornado charts
//! (summary, data table, tips). Built in the simulation worker and sent to the page as plain
//! strings, which the page shows as text (never as HTML). Keeping this here keeps it out of the
//! page's first download. Pure: numbers are written by the [`NumberFormat`] passed in.

use crate::explain::format::NumberFormat;
use crate::model::evaluate::figures_valid;
use crate::model::simulate::{self, Simulation, Spread, Swing};
use crate::model::{ranks, Distribution, Figure, Scenario};
use crate::wire::{ChartText, Report, RowKey, RowText, SimRow, TableText, Tip};

#[derive(Clone, Copy)]
enum Best {
    Highest,
    Lowest,
}

/// Which values are best: the highest or lowest, when it is better than another value.
fn best_of(values: &[Option<f64>], best: Best) -> Vec<bool> {
    let known: Vec<f64> = values.iter().flatten().copied().collect();
    let pick = match best {
        Best::Highest => known.iter().copied().reduce(f64::max),
        Best::Lowest => known.iter().copied().reduce(f64::min),
    };
    // Best only when better than another: a tie of all has none.
    let beaten = known.iter().any(|v| Some(*v) != pick);
    values.iter().map(|v| beaten && *v == pick).collect()
}

fn how(s: &Scenario, f: &dyn NumberFormat, trials: f64) -> String {
    format!(
        "From {} trials (seed {}): every range drawn {}, then every initiative recomputed in each trial.",
        f.number(trials),
        f.number(f64::from(s.simulation.seed)),
        match s.simulation.distribution {
            Distribution::Lognormal =>
                "lognormal where its low value is above 0 (percentages PERT)",
            Distribution::Pert => "PERT(low, likely, high)",
        }
    )
}

fn spread_lines(x: &Spread, name: &str, show: &dyn Fn(f64) -> String) -> Vec<String> {
    vec![
        format!("P10 {}: one trial in ten had a lower {name}", show(x.p10)),
        format!(
            "P50 {}: the median; half of the trials were below it",
            show(x.p50)
        ),
        format!("P90 {}: one trial in ten had a higher {name}", show(x.p90)),
        format!("Mean {}", show(x.mean)),
    ]
}

/// Which chance of ranking first a row shows.
type Pick = fn(&crate::model::simulate::InitiativeSim) -> f64;

/// The comparison's simulated rows.
pub fn rows(s: &Scenario, sim: &Simulation, f: &dyn NumberFormat) -> Vec<RowText> {
    let trials = sim.trials as f64;
    let about = how(s, f, trials);
    let rs = &sim.initiatives;
    let mut out = Vec::new();
    let mut add = |key: SimRow,
                   label: &str,
                   best: Best,
                   value: &dyn Fn(usize) -> Option<f64>,
                   text: &dyn Fn(usize) -> String,
                   lines: &dyn Fn(usize) -> Vec<String>| {
        let values: Vec<Option<f64>> = (0..rs.len()).map(value).collect();
        out.push(RowText {
            key: RowKey::Sim(key),
            label: label.into(),
            texts: (0..rs.len()).map(text).collect(),
            best: best_of(&values, best),
            lines: (0..rs.len())
                .map(|k| {
                    let mut l = lines(k);
                    l.push(about.clone());
                    l
                })
                .collect(),
        });
    };
    let three = |a: String, b: String, c: String| format!("{a} · {b} · {c}");
    let money = |v: f64| f.money(v);
    add(
        SimRow::Npv,
        "NPV P10 · P50 · P90 (simulated)",
        Best::Highest,
        &|k| Some(rs[k].npv.p50),
        &|k| {
            let x = &rs[k].npv;
            three(
                f.money_compact(x.p10),
                f.money_compact(x.p50),
                f.money_compact(x.p90),
            )
        },
        &|k| spread_lines(&rs[k].npv, "NPV", &money),
    );
    add(
        SimRow::NpvMean,
        "Mean NPV (simulated)",
        Best::Highest,
        &|k| Some(rs[k].npv.mean),
        &|k| f.money(rs[k].npv.mean),
        &|k| spread_lines(&rs[k].npv, "NPV", &money),
    );
    add(
        SimRow::Roi,
        "ROI P10 · P50 · P90 (simulated)",
        Best::Highest,
        &|k| rs[k].roi.map(|x| x.p50),
        &|k| match &rs[k].roi {
            Some(x) => three(f.percent(x.p10), f.percent(x.p50), f.percent(x.p90)),
            None => "not defined".into(),
        },
        &|k| match &rs[k].roi {
            Some(x) => spread_lines(x, "ROI", &|v| f.percent(v)),
            None => vec!["No costs, so no ROI".into()],
        },
    );
    let months = |p: Option<f64>| p.map_or_else(|| "beyond".to_string(), |m| f.months(m));
    add(
        SimRow::Payback,
        "Payback P10 · P50 · P90 (simulated)",
        Best::Lowest,
        &|k| rs[k].payback.p50,
        &|k| {
            let p = &rs[k].payback;
            three(months(p.p10), months(p.p50), months(p.p90))
        },
        &|k| {
            let p = &rs[k].payback;
            let mut l = vec![
                format!("P10 {}, P50 {}, P90 {}", months(p.p10), months(p.p50), months(p.p90)),
                format!(
                    "Pays back within the horizon in {} of the trials; “beyond”: at that percentile it had not paid back by the horizon's end",
                    f.percent(p.within * 100.0)
                ),
            ];
            if let Some(m) = p.mean_within {
                l.push(format!("Mean of the trials that pay back: {}", f.months(m)));
            }
            l
        },
    );
    add(
        SimRow::Loss,
        "Chance of a loss (NPV below 0)",
        Best::Lowest,
        &|k| Some(rs[k].p_loss),
        &|k| f.percent(rs[k].p_loss * 100.0),
        &|k| {
            vec![format!(
                "{} of {} trials had an NPV below zero",
                f.number((rs[k].p_loss * trials).round()),
                f.number(trials)
            )]
        },
    );
    let firsts: [(Figure, &str, Pick); 6] = [
        (Figure::Npv, "NPV", |x| x.p_best),
        (Figure::Roi, "ROI", |x| x.p_best_roi),
        (Figure::Payback, "payback", |x| x.p_best_payback),
        (Figure::BenefitCostRatio, "benefit/cost ratio", |x| {
            x.p_best_bcr
        }),
        (Figure::AnnualValue, "annual value", |x| x.p_best_annual),
        (Figure::PvBenefits, "PV of benefits", |x| {
            x.p_best_pv_benefits
        }),
    ];
    for (figure, name, pick) in firsts {
        add(
            SimRow::First(figure),
            &format!("Chance of ranking first by {name}"),
            Best::Highest,
            &|k| Some(pick(&rs[k])),
            &|k| f.percent(pick(&rs[k]) * 100.0),
            &|k| {
                vec![format!(
                    "First by {name} in {} of {} trials (ties share first place, so the chances can add up to more than 100%)",
                    f.number((pick(&rs[k]) * trials).round()),
                    f.number(trials)
                )]
            },
        );
    }
    // The weighted score has no ranges: the same initiatives are first in every trial.
    let first = ranks(&figures_valid(s).initiatives, Figure::Score);
    let scored = |k: usize| first.get(k) == Some(&1);
    add(
        SimRow::First(Figure::Score),
        "Chance of ranking first by weighted score",
        Best::Highest,
        &|k| Some(if scored(k) { 1.0 } else { 0.0 }),
        &|k| f.percent(if scored(k) { 100.0 } else { 0.0 }),
        &|_| {
            vec!["The weighted score has no ranges, so it ranks the initiatives the same way in every trial".into()]
        },
    );
    // IRR and cost of delay are not recomputed in each trial (each needs an NPV search or a
    // second evaluation per initiative and trial): said, not guessed.
    for (figure, name) in [(Figure::Irr, "IRR"), (Figure::CostOfDelay, "cost of delay")] {
        add(
            SimRow::First(figure),
            &format!("Chance of ranking first by {name}"),
            Best::Highest,
            &|_| None,
            &|_| "not simulated".into(),
            &|_| {
                vec![format!(
                    "The simulation does not recompute the {name} in each trial; the chances of ranking first by NPV, ROI, payback, benefit/cost ratio, annual value and PV of benefits are simulated"
                )]
            },
        );
    }
    out
}

/// The whole report of a run that took `ms`.
pub fn report(s: &Scenario, sim: &Simulation, ms: f64, f: &dyn NumberFormat) -> Report {
    let capped = if sim.trials < sim.requested {
        format!(
            " Ran {} of the {} trials asked for: the most whose results fit the simulation's memory ({} MB) with {} initiatives and {} ranged estimates.",
            f.number(sim.trials as f64),
            f.number(sim.requested as f64),
            simulate::MEMORY_BUDGET_BYTES >> 20,
            sim.initiatives.len(),
            sim.inputs.len()
        )
    } else {
        String::new()
    };
    let status = format!(
        "{} trials, seed {}, {}: {} ms.{capped}",
        f.number(sim.trials as f64),
        f.number(sim.seed as f64),
        match s.simulation.distribution {
            Distribution::Lognormal => "lognormal where low > 0",
            Distribution::Pert => "PERT",
        },
        f.number(ms.round())
    );
    let voi = format!(
        "Value of perfect information: {}. On average, knowing every uncertain input before choosing would gain this much NPV over choosing the highest expected NPV now: the most that removing all the uncertainty is worth.",
        f.money(sim.evpi)
    );
    // Only estimates whose value beats chance: what the same calculation gives an input that
    // changes nothing, with these trials (`Simulation::evppi_chance`).
    let chance = sim.evppi_chance;
    let mut order: Vec<usize> = (0..sim.inputs.len())
        .filter(|k| sim.evppi[*k] > chance)
        .collect();
    order.sort_by(|a, b| sim.evppi[*b].total_cmp(&sim.evppi[*a]));
    order.truncate(8);
    let trials = f.number(sim.trials as f64);
    let caption = if !order.is_empty() && chance > 0.0 {
        format!(
            "Estimates worth refining first: the value of knowing each one exactly. With {trials} trials, chance alone gives {} to an estimate that changes nothing (the same calculation on random splits of the trials): estimates at or below that are left out, and values close to it are rough; more trials sharpen them.",
            f.money(chance)
        )
    } else if !order.is_empty() {
        "Estimates worth refining first: the value of knowing each one exactly".into()
    } else if sim.evppi.iter().any(|v| *v > 0.0) {
        format!(
            "No single estimate stands out: with {trials} trials, none is worth more than the {} chance alone gives to an estimate that changes nothing (the same calculation on random splits of the trials). More trials may separate them.",
            f.money(chance)
        )
    } else {
        "No single estimate changes the choice: the same initiative has the highest NPV whatever each one turns out to be.".into()
    };
    let refine = TableText {
        caption,
        heads: vec!["Estimate".into(), "Value of knowing it".into()],
        rows: order
            .into_iter()
            .map(|k| vec![sim.inputs[k].label.clone(), f.money(sim.evppi[k])])
            .collect(),
    };
    let (correlation, notices) = correlations(s, sim, f);
    Report {
        status,
        rows: rows(s, sim, f),
        voi,
        refine,
        summary: crate::explain::summary::simulated(&figures_valid(s), sim, f),
        correlation,
        notices,
    }
}

/// The distribution chart's texts.
pub fn distribution(
    names: &[String],
    sim: &Simulation,
    f: &dyn NumberFormat,
) -> (ChartText, Vec<Tip>) {
    let per: Vec<(&String, &Spread, f64)> = names
        .iter()
        .zip(&sim.initiatives)
        .map(|(n, x)| (n, &x.npv, x.p_loss))
        .collect();
    let top = per
        .iter()
        .max_by(|a, b| a.1.p50.total_cmp(&b.1.p50))
        .map(|x| x.0.clone())
        .unwrap_or_default();
    let text = ChartText {
        summary: format!(
            "Simulated NPV of each initiative: lines from P10 to P90, boxes from P25 to P75, diamonds at the median; highest median: {top}."
        ),
        table: TableText {
            caption: String::new(),
            heads: ["Initiative", "P10", "P50", "P90", "Mean", "Chance of a loss"]
                .map(String::from)
                .to_vec(),
            rows: per
                .iter()
                .map(|(n, x, loss)| {
                    vec![
                        n.to_string(),
                        f.money(x.p10),
                        f.money(x.p50),
                        f.money(x.p90),
                        f.money(x.mean),
                        f.percent(loss * 100.0),
                    ]
                })
                .collect(),
        },
    };
    let tips = per
        .iter()
        .map(|(n, x, loss)| Tip {
            title: n.to_string(),
            lines: vec![
                format!(
                    "P10 {} · P50 {} · P90 {}",
                    f.money(x.p10),
                    f.money(x.p50),
                    f.money(x.p90)
                ),
                format!("P25 {} · P75 {}", f.money(x.p25), f.money(x.p75)),
                format!("Mean {}", f.money(x.mean)),
                format!("Chance of a loss {}", f.percent(loss * 100.0)),
            ],
        })
        .collect();
    (text, tips)
}

/// The tornado chart's texts, for initiative `name` with NPV `base` at likely values.
pub fn tornado(
    name: &str,
    base: f64,
    swings: &[Swing],
    f: &dyn NumberFormat,
) -> (ChartText, Vec<Tip>) {
    let text = ChartText {
        summary: format!(
            "Tornado of {name}: bars of how far its NPV moves from {} as each estimate goes to its low and its high value, the others at likely; widest: {}.",
            f.money(base),
            swings.first().map(|w| w.label.as_str()).unwrap_or("none")
        ),
        table: TableText {
            caption: String::new(),
            heads: ["Estimate", "NPV at its low value", "NPV at its high value", "Swing"]
                .map(String::from)
                .to_vec(),
            rows: swings
                .iter()
                .map(|w| {
                    vec![
                        w.label.clone(),
                        f.money(w.npv_low),
                        f.money(w.npv_high),
                        f.money(w.width()),
                    ]
                })
                .collect(),
        },
    };
    let mut text = text;
    if swings.iter().any(|w| !w.moves_with.is_empty()) {
        text.table.heads.push("Moves with it".into());
        for (row, w) in text.table.rows.iter_mut().zip(swings) {
            row.push(moves_with(w, f));
        }
        text.table.caption = "An estimate correlated with others moves them with it: each goes its rank correlation's share of the way from its likely value toward its own low (or high, correlated negatively) as this one goes to its low, and the other way at its high.".into();
    }
    let tips = swings
        .iter()
        .map(|w| {
            let mut lines = vec![
                format!("At its low value: NPV {}", f.money(w.npv_low)),
                format!("At its high value: NPV {}", f.money(w.npv_high)),
                format!("At likely values: NPV {}", f.money(base)),
            ];
            if !w.moves_with.is_empty() {
                lines.push(format!("Moves with it: {}", moves_with(w, f)));
            }
            Tip {
                title: w.label.clone(),
                lines,
            }
        })
        .collect();
    (text, tips)
}

/// "running cost per year (0.50), …", or "—".
fn moves_with(w: &Swing, f: &dyn NumberFormat) -> String {
    if w.moves_with.is_empty() {
        return "—".into();
    }
    w.moves_with
        .iter()
        .map(|(label, r)| format!("{label} ({})", f.fixed2(*r)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every 5% of chance, for the S-curve's table.
const CURVE_STEPS: usize = 20;
/// Bins of the NPV histogram.
pub const HISTOGRAM_BINS: usize = 30;

/// The words of an NPV curve (`histogram` or S-curve) of `name` over a run's `sorted` NPVs.
pub fn npv_curve(name: &str, sorted: &[f64], histogram: bool, f: &dyn NumberFormat) -> ChartText {
    let n = sorted.len();
    let p = |q: f64| f.money(simulate::sorted_percentile(sorted, q));
    let loss =
        n - simulate::count_above(sorted, -0.0) - sorted.iter().filter(|v| **v == 0.0).count();
    let summary = format!(
        "NPV of {name} over {} trials, {}: P10 {}, P50 {}, P90 {} (marked); chance of a loss {}.",
        f.number(n as f64),
        if histogram {
            "as a histogram of the trials"
        } else {
            "as an S-curve, the chance that NPV is at most each amount"
        },
        p(0.1),
        p(0.5),
        p(0.9),
        f.percent(100.0 * loss as f64 / n.max(1) as f64),
    );
    let table = if histogram {
        let bins = simulate::histogram(sorted, HISTOGRAM_BINS);
        TableText {
            caption: "Equal bins from the P0.5 to the P99.5 of the trials; the few trials beyond are counted in the end bins.".into(),
            heads: ["NPV from", "to", "Trials", "Share"].map(String::from).to_vec(),
            rows: bins
                .iter()
                .map(|(a, b, c)| {
                    vec![
                        f.money(*a),
                        f.money(*b),
                        f.number(*c as f64),
                        f.percent(100.0 * *c as f64 / n.max(1) as f64),
                    ]
                })
                .collect(),
        }
    } else {
        TableText {
            caption: "The NPV that this share of the trials did not exceed.".into(),
            heads: ["Chance NPV is at most", "NPV"].map(String::from).to_vec(),
            rows: (1..CURVE_STEPS)
                .map(|k| {
                    let q = k as f64 / CURVE_STEPS as f64;
                    vec![f.percent(q * 100.0), p(q)]
                })
                .collect(),
        }
    };
    ChartText { summary, table }
}

/// The chance that the NPV of `name` exceeds `x`, from a run's `sorted` NPVs: exact, a count of
/// the trials.
pub fn exceed_tip(name: &str, sorted: &[f64], x: f64, f: &dyn NumberFormat) -> Option<Tip> {
    if sorted.is_empty() || !x.is_finite() {
        return None;
    }
    let n = sorted.len();
    let above = simulate::count_above(sorted, x);
    let share = |k: usize| f.percent(100.0 * k as f64 / n as f64);
    Some(Tip {
        title: format!("{name}: NPV above {}", f.money(x)),
        lines: vec![
            format!(
                "Chance NPV exceeds {}: {} ({} of {} trials)",
                f.money(x),
                share(above),
                f.number(above as f64),
                f.number(n as f64)
            ),
            format!("Chance it is at most {}: {}", f.money(x), share(n - above)),
        ],
    })
}

/// The scenario's correlations as the run applied them: a row per correlation (its estimates,
/// the rank correlation asked, the one used when a repair moved it, and what the draws
/// reached), and notices (a repair, estimates left out, pairs named twice).
pub fn correlations(
    s: &Scenario,
    sim: &Simulation,
    f: &dyn NumberFormat,
) -> (TableText, Vec<String>) {
    let c = &sim.correlation;
    let label = |m: usize| {
        c.members
            .get(m)
            .and_then(|x| sim.inputs.get(*x))
            .map_or(String::new(), |x| x.label.clone())
    };
    let pair_of = |key: &str| sim.inputs.iter().position(|x| x.key == key);
    let mut rows = Vec::new();
    for g in &s.correlations {
        let mut at: Vec<usize> = g
            .inputs
            .iter()
            .filter_map(|k| pair_of(k))
            .filter_map(|x| c.members.iter().position(|m| *m == x))
            .collect();
        at.dedup();
        // This correlation's pairs: what the run used and reached for each.
        let pairs: Vec<(f64, f64)> = c
            .asked
            .iter()
            .zip(&c.achieved)
            .filter(|(((i, j), r), _)| at.contains(i) && at.contains(j) && *r == g.rank_correlation)
            .map(|(((i, j), _), reached)| (c.used(*i, *j), *reached))
            .collect();
        let range = |v: Vec<f64>| -> String {
            let (lo, hi) = v
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
                    (a.min(*x), b.max(*x))
                });
            let (a, b) = (f.fixed2(lo), f.fixed2(hi));
            match v.len() {
                0 => "—".into(),
                _ if a == b => a,
                _ => format!("{a} to {b}"),
            }
        };
        rows.push(vec![
            g.name.clone(),
            format!("{} ranged", f.number(at.len() as f64)),
            f.fixed2(g.rank_correlation),
            range(pairs.iter().map(|p| p.0).collect()),
            range(pairs.iter().map(|p| p.1).collect()),
        ]);
    }
    let mut notices = Vec::new();
    if !c.moved.is_empty() {
        let moved: Vec<String> = c
            .moved
            .iter()
            .take(8)
            .map(|((i, j), d)| {
                let used = c.used(*i, *j);
                format!(
                    "{} with {}: {} → {}",
                    label(*i),
                    label(*j),
                    f.fixed2(used - d),
                    f.fixed2(used)
                )
            })
            .collect();
        let more = c.moved.len().saturating_sub(8);
        notices.push(format!(
            "The correlations asked cannot all hold at once (no set of estimates can move together exactly so), so the run used the nearest that can, every pair shrunk toward 0 together: {}{}.",
            moved.join("; "),
            if more > 0 { format!("; and {more} more pairs") } else { String::new() }
        ));
    }
    for (g, key, why) in &c.left_out {
        let name = s.correlations.get(*g).map_or("", |x| x.name.as_str());
        let what = simulate::every_estimate(s)
            .into_iter()
            .find(|x| &x.key == key)
            .map_or_else(|| format!("“{key}”"), |x| x.label);
        notices.push(match why {
            simulate::LeftOut::NoRange => format!(
                "“{name}”: {what} is a single number, so it is left out; give it a range to let it move with the others."
            ),
            simulate::LeftOut::Gone => format!(
                "“{name}”: {what} no longer exists (its initiative or benefit was removed), so it is left out."
            ),
        });
    }
    if c.overlaps > 0 {
        notices.push(format!(
            "{} pairs of estimates are in more than one correlation; the later correlation's value applies to each.",
            f.number(c.overlaps as f64)
        ));
    }
    let measured = sim.trials.min(simulate::ACHIEVED_TRIALS);
    let table = TableText {
        caption: if rows.is_empty() {
            String::new()
        } else {
            format!(
                "Rank correlations: asked, used (after any repair) and reached by the draws (Spearman, over {} trials), across each correlation's pairs.",
                f.number(measured as f64)
            )
        },
        heads: ["Correlation", "Estimates", "Asked", "Used", "Reached"]
            .map(String::from)
            .to_vec(),
        rows,
    };
    (table, notices)
}

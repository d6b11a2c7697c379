//! The executive summary: what to decide, in plain sentences written from the figures, each with
//! the figures it rests on (lines, and the comparison cells whose derivations explain it).
//!
//! [`summary`] writes the sentences of the figures at likely values (the page, from its own
//! evaluation); [`simulated`] those of a simulation run (the simulation worker, into its report).
//! Both name the same recommended initiative ([`recommended`]). Pure: numbers are written by the
//! [`NumberFormat`] passed in.

use crate::explain::format::NumberFormat;
use crate::model::evaluate::{Evaluation, InitiativeResult};
use crate::model::schema::{Kind, Record, Val};
use crate::model::scoring::normalized;
use crate::model::simulate::Simulation;
use crate::model::{BenefitKind, Category, Figure, Initiative, Scenario, PORTFOLIO_INPUTS};
use crate::wire::{RowKey, Sentence, SimRow};

/// "A", "A and B", "A, B and C".
pub fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn cell(figure: Figure, col: usize) -> (RowKey, usize) {
    (RowKey::Figure(figure), col)
}

/// The initiatives that are not mandatory, highest NPV first (ties: the earlier first).
fn by_npv(e: &Evaluation) -> Vec<usize> {
    let rs = &e.initiatives;
    let mut order: Vec<usize> = (0..rs.len())
        .filter(|k| rs[*k].category != Category::Mandatory)
        .collect();
    order.sort_by(|a, b| rs[*b].npv().total_cmp(&rs[*a].npv()).then(a.cmp(b)));
    order
}

/// The initiative to fund first: the highest NPV of those not mandatory, if it is above zero.
pub fn recommended(e: &Evaluation) -> Option<usize> {
    by_npv(e)
        .first()
        .copied()
        .filter(|k| e.initiatives[*k].npv() > 0.0)
}

/// "NPV $1,234, ROI 56%, payback 14 months" for the lines under a sentence.
fn figures_line(r: &InitiativeResult, f: &dyn NumberFormat) -> String {
    let roi = r
        .roi
        .value
        .map_or_else(|| "not defined".into(), |v| f.percent(v));
    let payback = r
        .payback_months
        .value
        .map_or_else(|| "not within the horizon".into(), |v| f.months(v));
    format!(
        "{}: NPV {}, ROI {roi}, payback {payback}",
        r.name,
        f.money(r.npv())
    )
}

fn mandatory(e: &Evaluation, f: &dyn NumberFormat) -> Option<Sentence> {
    let rs = &e.initiatives;
    let cols: Vec<usize> = (0..rs.len())
        .filter(|k| rs[*k].category == Category::Mandatory)
        .collect();
    if cols.is_empty() {
        return None;
    }
    let names: Vec<String> = cols.iter().map(|k| rs[*k].name.clone()).collect();
    let npvs: Vec<String> = cols.iter().map(|k| f.money(rs[*k].npv())).collect();
    let (verb, them) = if cols.len() == 1 {
        ("it is", "NPV")
    } else {
        ("they are", "NPVs")
    };
    Some(Sentence {
        topic: "mandatory",
        text: format!(
            "Fund {} in any case: marked mandatory, {verb} funded before the others and not ranked against them ({them} {}).",
            join(&names),
            join(&npvs)
        ),
        lines: cols.iter().map(|k| figures_line(&rs[*k], f)).collect(),
        cells: cols.iter().map(|k| cell(Figure::Npv, *k)).collect(),
    })
}

fn recommendation(e: &Evaluation, f: &dyn NumberFormat) -> Option<Sentence> {
    let rs = &e.initiatives;
    let order = by_npv(e);
    let top = *order.first()?;
    let r = &rs[top];
    let among = if order.len() == rs.len() {
        format!("of the {} initiatives", rs.len())
    } else {
        "of the initiatives not mandatory".into()
    };
    let over = format!(
        "over {} years at a {} discount rate",
        e.horizon_years,
        f.percent(e.annual_rate * 100.0)
    );
    let lines = order
        .iter()
        .enumerate()
        .map(|(n, k)| format!("{}. {}", n + 1, figures_line(&rs[*k], f)))
        .collect();
    if recommended(e).is_none() {
        return Some(Sentence {
            topic: "recommend",
            text: format!(
                "None of the initiatives not mandatory pays for itself {over} on these estimates: the best, {}, has an NPV of {}.",
                r.name,
                f.money(r.npv())
            ),
            lines,
            cells: vec![cell(Figure::Npv, top)],
        });
    }
    let roi = r
        .roi
        .value
        .map(|v| format!(", an ROI of {}", f.percent(v)))
        .unwrap_or_default();
    let payback = match r.payback_months.value {
        Some(m) => format!(" and pays back in {}", f.months(m)),
        None => " but does not pay back within the horizon".into(),
    };
    let then: Vec<String> = order[1..]
        .iter()
        .filter(|k| rs[**k].npv() > 0.0)
        .map(|k| format!("{} ({})", rs[*k].name, f.money(rs[*k].npv())))
        .collect();
    let then = match then.len() {
        0 => String::new(),
        1 => format!(" Then {}.", then[0]),
        _ => format!(" Then {}, in that order.", join(&then)),
    };
    Some(Sentence {
        topic: "recommend",
        text: format!(
            "Fund {} first: the highest NPV {among}, {} {over}{roi},{payback}.{then}",
            r.name,
            f.money(r.npv())
        ),
        lines,
        cells: vec![
            cell(Figure::Npv, top),
            cell(Figure::Roi, top),
            cell(Figure::Payback, top),
        ],
    })
}

fn losing(e: &Evaluation, f: &dyn NumberFormat) -> Option<Sentence> {
    let rs = &e.initiatives;
    let order = by_npv(e);
    // With none above zero, the best is named by the recommendation already.
    let skip = usize::from(recommended(e).is_none());
    let cols: Vec<usize> = order
        .into_iter()
        .skip(skip)
        .filter(|k| rs[*k].npv() < 0.0)
        .collect();
    if cols.is_empty() {
        return None;
    }
    let named: Vec<String> = cols
        .iter()
        .map(|k| format!("{} (NPV {})", rs[*k].name, f.money(rs[*k].npv())))
        .collect();
    let (verb, them) = if cols.len() == 1 {
        ("loses", "it")
    } else {
        ("lose", "them")
    };
    Some(Sentence {
        topic: "losing",
        text: format!(
            "{} {verb} money on these estimates: fund {them} only for reasons the figures leave out, and say which.",
            join(&named)
        ),
        lines: cols.iter().map(|k| figures_line(&rs[*k], f)).collect(),
        cells: cols.iter().map(|k| cell(Figure::Npv, *k)).collect(),
    })
}

/// Where the weighted score's first differs from the NPV's first: which criteria make it so.
fn scores(s: &Scenario, e: &Evaluation, f: &dyn NumberFormat) -> Option<Sentence> {
    let rs = &e.initiatives;
    let scored: Vec<usize> = (0..rs.len())
        .filter(|k| rs[*k].score.value.is_some())
        .collect();
    if scored.len() < 2 {
        return None;
    }
    let first = |value: &dyn Fn(usize) -> f64| {
        scored
            .iter()
            .copied()
            .reduce(|a, b| if value(b) > value(a) { b } else { a })
    };
    let by_npv = first(&|k| rs[k].npv())?;
    let by_score = first(&|k| rs[k].score.value.unwrap_or(f64::NEG_INFINITY))?;
    // Only a strictly higher score ranks first (a tie is no disagreement).
    let score = |k: usize| rs[k].score.value.unwrap_or(f64::NEG_INFINITY);
    if by_npv == by_score || score(by_score) <= score(by_npv) {
        return None;
    }
    let (a, b) = (&s.initiatives[by_npv], &s.initiatives[by_score]);
    let total: f64 = s.criteria.iter().map(|c| c.weight).sum();
    // Each criterion's points (0–100 scale) for each of the two, and the difference.
    let mut parts: Vec<(String, f64, f64, f64, f64, f64)> = s
        .criteria
        .iter()
        .filter(|c| c.weight > 0.0 && total > 0.0)
        .filter_map(|c| {
            let (sa, sb) = (*a.scores.get(&c.id)?, *b.scores.get(&c.id)?);
            let points = |x: f64| normalized(x, c.direction) * c.weight / total * 100.0;
            Some((
                c.name.clone(),
                sa,
                sb,
                points(sa),
                points(sb),
                c.weight / total,
            ))
        })
        .collect();
    parts.sort_by(|x, y| (y.4 - y.3).total_cmp(&(x.4 - x.3)));
    let num = |v: f64| f.number(v);
    let pts = |v: f64| f.decimals(v, 1);
    let higher: Vec<String> = parts
        .iter()
        .filter(|p| p.4 > p.3)
        .take(3)
        .map(|p| {
            format!(
                "{} ({} against {}, weight {})",
                p.0,
                num(p.2),
                num(p.1),
                f.percent(p.5 * 100.0)
            )
        })
        .collect();
    let lower: Vec<String> = parts
        .iter()
        .filter(|p| p.3 > p.4)
        .map(|p| p.0.clone())
        .collect();
    let (ra, rb) = (&rs[by_npv], &rs[by_score]);
    // Others with the same top score share first place: named, not ranked away.
    let level: Vec<String> = scored
        .iter()
        .filter(|k| **k != by_score && score(**k) == score(by_score))
        .map(|k| rs[*k].name.clone())
        .collect();
    let level = if level.is_empty() {
        String::new()
    } else {
        format!(", level with {},", join(&level))
    };
    let mut text = format!(
        "By weighted score, {} ranks first ({}{level} against {} for {}, which has the highest NPV)",
        rb.name,
        pts(rb.score.value.unwrap_or(0.0)),
        pts(ra.score.value.unwrap_or(0.0)),
        ra.name
    );
    if !higher.is_empty() {
        text += &format!(": it scores higher on {}", join(&higher));
    }
    if !lower.is_empty() {
        text += &format!("; {} leads on {}", ra.name, join(&lower));
    }
    text += ". The NPV counts money only; decide which view the board takes, or put a money value on what those criteria stand for.";
    Some(Sentence {
        topic: "scores",
        text,
        lines: parts
            .iter()
            .map(|p| {
                format!(
                    "{} (weight {}): {} scores {} → {} points, {} scores {} → {} points",
                    p.0,
                    f.percent(p.5 * 100.0),
                    rb.name,
                    num(p.2),
                    pts(p.4),
                    ra.name,
                    num(p.1),
                    pts(p.3)
                )
            })
            .collect(),
        cells: vec![cell(Figure::Score, by_score), cell(Figure::Score, by_npv)],
    })
}

/// The numeric inputs of an initiative and its benefits, with where they are: (owner, record,
/// its defaults).
fn inputs(i: &Initiative) -> Vec<(String, &dyn Record, Box<dyn Record>)> {
    let mut out: Vec<(String, &dyn Record, Box<dyn Record>)> =
        vec![(i.name.clone(), i, Box::new(Initiative::default()))];
    for (n, b) in i.benefits.iter().enumerate() {
        if let Some(blank) = BenefitKind::blank(b.kind.kind_name()) {
            let owner = if b.label.trim().is_empty() {
                format!("{}, benefit {}", i.name, n + 1)
            } else {
                format!("{}, {}", i.name, b.label.trim())
            };
            out.push((owner, &b.kind, Box::new(blank)));
        }
    }
    out
}

fn numeric(kind: Kind) -> bool {
    !matches!(kind, Kind::Text(_) | Kind::Choice(_))
}

/// The likely value of an input (a point, or the likely value of a range).
fn likely(v: &Val) -> Option<f64> {
    match v {
        Val::Est(e) | Val::OptEst(Some(e)) => Some(e.likely),
        Val::Num(x) => Some(*x),
        _ => None,
    }
}

/// The inputs still at their default values.
fn defaults(s: &Scenario, f: &dyn NumberFormat) -> Option<Sentence> {
    let mut found = Vec::new();
    for i in &s.initiatives {
        for (owner, rec, blank) in inputs(i) {
            for field in rec
                .fields()
                .iter()
                .filter(|x| numeric(x.kind) && !PORTFOLIO_INPUTS.contains(&x.key))
            {
                let (Some(v), Some(d)) = (rec.get(field.key), blank.get(field.key)) else {
                    continue;
                };
                if v == d {
                    if let Some(x) = likely(&v) {
                        let unit = match field.unit {
                            "" => String::new(),
                            u if u.starts_with('%') => u.to_string(),
                            u => format!(" {u}"),
                        };
                        found.push(format!("{owner}: {} {}{unit}", field.label, f.number(x)));
                    }
                }
            }
        }
    }
    if found.is_empty() {
        return None;
    }
    let n = found.len();
    let shown: Vec<String> = found.iter().take(3).cloned().collect();
    let more = if n > 3 {
        format!(" and {} more", n - 3)
    } else {
        String::new()
    };
    let (count, verb) = if n == 1 {
        ("1 input is".to_string(), "it is")
    } else {
        (format!("{n} inputs are"), "each is")
    };
    Some(Sentence {
        topic: "defaults",
        text: format!(
            "{count} still at the default value: {}{more}. Check that {verb} meant (select to see them all).",
            shown.join("; ")
        ),
        lines: found,
        cells: Vec::new(),
    })
}

/// Where the initiatives stand in their governance, once any has moved on from proposed: how
/// many are at each status, by name, and whose plan changed since its approval (and in what).
fn governance(s: &Scenario) -> Option<Sentence> {
    use crate::model::schema::Choice;
    use crate::model::Stage;
    if s.initiatives.iter().all(|i| i.stage == Stage::Proposed) {
        return None;
    }
    let parts: Vec<String> = <Stage as Choice>::ALL
        .iter()
        .filter_map(|&stage| {
            let names: Vec<String> = s
                .initiatives
                .iter()
                .filter(|i| i.stage == stage)
                .map(|i| i.name.clone())
                .collect();
            (!names.is_empty())
                .then(|| format!("{}: {}", stage.label().to_lowercase(), join(&names)))
        })
        .collect();
    let mut text = format!("Decisions so far — {}.", parts.join("; "));
    let lines: Vec<String> = s
        .initiatives
        .iter()
        .filter_map(|i| {
            let changed = crate::model::tracking::changed_since_approval(i);
            let b = i.baselines.last()?;
            (!changed.is_empty()).then(|| {
                format!(
                    "{}: {} changed since its approval on {}",
                    i.name,
                    join(&changed.iter().map(|c| c.to_lowercase()).collect::<Vec<_>>()),
                    b.date
                )
            })
        })
        .collect();
    if !lines.is_empty() {
        text.push_str(&format!(
            " The plan of {} changed since approval: the figures on screen are no longer the ones approved.",
            if lines.len() == 1 {
                "one initiative".to_string()
            } else {
                format!("{} initiatives", lines.len())
            }
        ));
    }
    Some(Sentence {
        topic: "governance",
        text,
        lines,
        cells: Vec::new(),
    })
}

/// Inputs whose 100% makes a case look better than most turn out.
const OPTIMISTIC: [&str; 3] = ["adoption_pct", "recapture_pct", "confidence_pct"];

fn optimistic(s: &Scenario) -> Option<Sentence> {
    let mut per = Vec::new();
    let mut lines = Vec::new();
    for i in &s.initiatives {
        let mut words = Vec::new();
        for (owner, rec, _) in inputs(i) {
            for key in OPTIMISTIC {
                let Some(field) = rec.fields().iter().find(|x| x.key == key) else {
                    continue;
                };
                if rec.get(key).as_ref().and_then(likely) == Some(100.0) {
                    let what = field.label.to_ascii_lowercase();
                    lines.push(format!("{owner}: {} 100%", field.label));
                    if !words.contains(&what) {
                        words.push(what);
                    }
                }
            }
        }
        if !words.is_empty() {
            per.push(format!("{} (100% {})", i.name, join(&words)));
        }
    }
    if per.is_empty() {
        return None;
    }
    Some(Sentence {
        topic: "optimistic",
        text: format!(
            "The figures of {} rest on 100%: few initiatives reach that; a lower value, or a range, is more credible.",
            join(&per)
        ),
        lines,
        cells: Vec::new(),
    })
}

/// The summary's sentences from the figures at likely values, in the order they are read.
pub fn summary(s: &Scenario, e: &Evaluation, f: &dyn NumberFormat) -> Vec<Sentence> {
    if e.initiatives.is_empty() {
        return vec![Sentence {
            topic: "none",
            text: "Nothing to decide yet: add an initiative, and the recommendation appears here."
                .into(),
            ..Sentence::default()
        }];
    }
    [
        mandatory(e, f),
        recommendation(e, f),
        losing(e, f),
        scores(s, e, f),
        defaults(s, f),
        optimistic(s),
        governance(s),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The sentences of a simulation run: the recommended initiative's range and chance of a loss,
/// and the estimate most worth refining before deciding.
pub fn simulated(e: &Evaluation, sim: &Simulation, f: &dyn NumberFormat) -> Vec<Sentence> {
    let rs = &e.initiatives;
    if sim.initiatives.len() != rs.len() || rs.is_empty() {
        return Vec::new();
    }
    let pct = |p: f64| f.percent(p * 100.0);
    let top = recommended(e).unwrap_or_else(|| by_npv(e).first().copied().unwrap_or(0));
    let x = &sim.initiatives[top];
    let trials = f.number(sim.trials as f64);
    let mut text = format!(
        "Over {trials} simulated trials of the ranges, the NPV of {} lies between {} and {} (P10 to P90; median {}), with a {} chance of a loss; it has the highest NPV in {} of the trials.",
        rs[top].name,
        f.money(x.npv.p10),
        f.money(x.npv.p90),
        f.money(x.npv.p50),
        pct(x.p_loss),
        pct(x.p_best)
    );
    let rival = (0..rs.len())
        .filter(|k| *k != top)
        .max_by(|a, b| {
            sim.initiatives[*a]
                .p_best
                .total_cmp(&sim.initiatives[*b].p_best)
        })
        .filter(|k| sim.initiatives[*k].p_best > x.p_best);
    if let Some(k) = rival {
        text += &format!(
            " {} has the highest NPV in more of them ({}).",
            rs[k].name,
            pct(sim.initiatives[k].p_best)
        );
    }
    let range = Sentence {
        topic: "range",
        text,
        lines: (0..rs.len())
            .map(|k| {
                let y = &sim.initiatives[k];
                format!(
                    "{}: NPV P10 {} · P50 {} · P90 {}, chance of a loss {}, highest NPV in {} of the trials",
                    rs[k].name,
                    f.money(y.npv.p10),
                    f.money(y.npv.p50),
                    f.money(y.npv.p90),
                    pct(y.p_loss),
                    pct(y.p_best)
                )
            })
            .collect(),
        cells: vec![
            (RowKey::Sim(SimRow::Npv), top),
            (RowKey::Sim(SimRow::Loss), top),
        ],
    };
    vec![range, refine(sim, f)]
}

/// The estimate most worth refining (its value of information beats chance), or why none is.
fn refine(sim: &Simulation, f: &dyn NumberFormat) -> Sentence {
    let best = (0..sim.inputs.len())
        .filter(|k| sim.evppi[*k] > sim.evppi_chance && sim.evppi[*k] > 0.0)
        .max_by(|a, b| sim.evppi[*a].total_cmp(&sim.evppi[*b]));
    let evpi = f.money(sim.evpi);
    let trials = f.number(sim.trials as f64);
    let text = match best {
        Some(k) => format!(
            "Before deciding, refine the estimate of {}: knowing it exactly is worth up to {} of NPV (its value of information; knowing every estimate exactly is worth {evpi}).",
            sim.inputs[k].label,
            f.money(sim.evppi[k])
        ),
        None if sim.evpi < 0.5 => "No estimate's uncertainty changes the choice: the same initiative has the highest NPV whatever each turns out to be, so refining estimates will not change this decision.".into(),
        None => format!(
            "No single estimate stands out as worth refining (with {trials} trials none is worth more than chance gives an estimate that changes nothing); knowing every estimate exactly is worth {evpi}."
        ),
    };
    let lines = vec![
        format!("Value of perfect information, all estimates: {evpi}"),
        format!(
            "What chance alone gives an estimate that changes nothing, with {trials} trials: {}",
            f.money(sim.evppi_chance)
        ),
    ];
    Sentence {
        topic: "refine",
        text,
        lines,
        cells: Vec::new(),
    }
}

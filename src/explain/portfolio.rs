//! The portfolio in words: the summary's leading sentence, the ranked list with its cut line and
//! what each unfunded initiative needs, the shadow values, and the roadmap's table. Pure:
//! numbers are written by the [`NumberFormat`] passed in.

use crate::explain::format::NumberFormat;
use crate::explain::summary::join;
use crate::model::plan::{Budget, Plan};
use crate::model::portfolio::Infeasible;
use crate::model::Shown;
use crate::model::{Category, Objective, Scenario};
use crate::wire::{ChartId, Pointer, Sentence, TableText, Tip};

/// The objective's value of an item, as written.
pub fn value_text(objective: Objective, v: f64, f: &dyn NumberFormat) -> String {
    match objective {
        Objective::Score => f.decimals(v, 1),
        _ => f.money(v),
    }
}

/// "year 1 one-time budget $400,000".
fn limit_text(b: Budget, amount: f64, f: &dyn NumberFormat) -> String {
    format!("{} {}", b.label(), f.money(amount))
}

/// What an unfunded initiative needs to be funded, in words: "$180,000 more of the year 1
/// one-time budget", "to replace X", "below the least score".
pub fn need_text(s: &Scenario, plan: &Plan, k: usize, f: &dyn NumberFormat) -> String {
    let Some(item) = plan.items.get(k) else {
        return String::new();
    };
    if item.funded {
        return if item.mandatory {
            "Funded (mandatory)".into()
        } else {
            "Funded".into()
        };
    }
    if !item.eligible {
        return "Not funded: below the least weighted score (or depends on one that is)".into();
    }
    let Some(need) = &item.need else {
        return "Not funded".into();
    };
    let name = |i: usize| s.initiatives.get(i).map_or("", |x| x.name.as_str());
    if let Some(b) = need.blocked_by {
        return format!(
            "Not funded: it depends on “{}”, which cannot be funded",
            name(b)
        );
    }
    let mut parts: Vec<String> = plan
        .budgets
        .iter()
        .zip(&need.extra)
        .filter(|(_, x)| **x > 0.005)
        .map(|((b, _), x)| format!("{} more of the {}", f.money(*x), b.label()))
        .collect();
    if need.capacity > 1e-9 {
        parts.push(format!(
            "{} more person-months of the team",
            f.decimals(need.capacity, 1)
        ));
    }
    let instead = need
        .instead_of
        .map(|i| format!(" (in place of its alternative “{}”)", name(i)))
        .unwrap_or_default();
    if parts.is_empty() {
        format!("Not funded: it fits, but the set without it is worth more{instead}")
    } else {
        format!("Not funded: needs {}{instead}", join(&parts))
    }
}

/// The ranked list: every initiative by its value to the objective, funded or not, with what an
/// unfunded one needs. The cut line is where the first unfunded initiative stands.
pub fn ranked_table(s: &Scenario, plan: &Plan, f: &dyn NumberFormat) -> TableText {
    let value_head = match plan.objective {
        Objective::Score => "Weighted score".to_string(),
        Objective::P50Npv => "NPV (P50)".into(),
        Objective::MeanNpv => "NPV (mean)".into(),
        _ => "NPV if started now".into(),
    };
    let rows = plan
        .ranked
        .iter()
        .enumerate()
        .filter_map(|(n, &k)| {
            let init = s.initiatives.get(k)?;
            let item = plan.items.get(k)?;
            Some(vec![
                format!("{}", n + 1),
                init.name.clone(),
                init.category.label().into(),
                value_text(plan.objective, item.value, f),
                f.money(item.spend_within(&plan.budgets)),
                f.decimals(item.effort, 1),
                need_text(s, plan, k, f),
            ])
        })
        .collect();
    TableText {
        caption: "Initiatives by value, with the funded set".into(),
        heads: vec![
            "Rank".into(),
            "Initiative".into(),
            "Category".into(),
            value_head,
            "Spend within the budget years".into(),
            "Effort (person-months)".into(),
            "Decision".into(),
        ],
        rows,
    }
}

/// The roadmap's table: each funded initiative's start, delivery, milestone, NPV now and as
/// scheduled, and payback as scheduled.
pub fn roadmap_table(s: &Scenario, plan: &Plan, f: &dyn NumberFormat) -> TableText {
    let rows = plan
        .jobs
        .iter()
        .filter_map(|&k| {
            let init = s.initiatives.get(k)?;
            let item = plan.items.get(k)?;
            let month = |m: Option<f64>| m.map_or_else(|| "—".into(), |m| f.decimals(m, 1));
            let milestone = match (init.needed_by_month, item.late_months) {
                (None, _) => "—".to_string(),
                (Some(due), Some(late)) if late > 0.0 => {
                    format!("month {}, {} late", f.decimals(due, 1), f.months(late))
                }
                (Some(due), _) => format!("month {}, on time", f.decimals(due, 1)),
            };
            let after: Vec<String> = init
                .depends_on
                .iter()
                .filter_map(|d| s.initiatives.iter().find(|x| &x.id == d))
                .map(|x| x.name.clone())
                .collect();
            Some(vec![
                init.name.clone(),
                if after.is_empty() {
                    "—".into()
                } else {
                    join(&after)
                },
                item.start
                    .map_or_else(|| "not within the horizon".into(), |m| format!("{m}")),
                month(item.benefits_from),
                milestone,
                f.money(item.npv_now),
                item.npv_scheduled
                    .map_or_else(|| "—".into(), |v| f.money(v)),
                item.payback_scheduled
                    .map_or_else(|| "not within the horizon".into(), |m| f.months(m)),
            ])
        })
        .collect();
    TableText {
        caption: "The roadmap: months from now".into(),
        heads: vec![
            "Initiative".into(),
            "Starts after".into(),
            "Start month".into(),
            "Benefits from month".into(),
            "Milestone".into(),
            "NPV if started now".into(),
            "NPV as scheduled".into(),
            "Payback as scheduled".into(),
        ],
        rows,
    }
}

/// The sentences of the portfolio: what to fund within the limits, the mandatory share, the
/// next in line and what it needs; the shadow values; the roadmap's gain. Empty when no budget
/// or capacity is set.
pub fn sentences(s: &Scenario, plan: &Plan, f: &dyn NumberFormat) -> Vec<Sentence> {
    if !plan.active {
        return Vec::new();
    }
    let sentence = |text: String, lines: Vec<String>| Sentence {
        topic: "portfolio",
        text,
        lines,
        cells: Vec::new(),
    };
    let sel = match &plan.selection {
        Ok(sel) => sel,
        Err(Infeasible::MandatoryOver { .. }) => {
            let what = plan
                .notes
                .iter()
                .find(|(_, m)| m.starts_with("The mandatory"))
                .map(|(_, m)| m.clone())
                .unwrap_or_default();
            return vec![sentence(
                format!("No portfolio fits: {what}. Raise that limit or drop a mandatory mark."),
                Vec::new(),
            )];
        }
        Err(_) => {
            // Why is said beside the input at fault (the plan's notes).
            let why = plan
                .notes
                .iter()
                .map(|(_, m)| m.as_str())
                .find(|m| m.starts_with("cannot be met") || m.contains("alternatives group"))
                .unwrap_or("a limit cannot be met");
            return vec![sentence(
                format!(
                    "No portfolio fits the limits: {why}. The input at fault says so beside it."
                ),
                Vec::new(),
            )];
        }
    };
    let name = |k: usize| {
        s.initiatives
            .get(k)
            .map_or(String::new(), |x| x.name.clone())
    };
    let funded: Vec<usize> = (0..plan.items.len())
        .filter(|&k| plan.items[k].funded)
        .collect();
    let limits: Vec<String> = plan
        .budgets
        .iter()
        .filter(|(b, _)| !matches!(b, Budget::CategoryMost(_)))
        .map(|(b, v)| limit_text(*b, *v, f))
        .chain(
            plan.capacity
                .map(|c| format!("a team of {} person-months a month", f.decimals(c, 1))),
        )
        .collect();
    let total_spend: f64 = funded
        .iter()
        .map(|&k| plan.items[k].spend_within(&plan.budgets))
        .sum();
    let mandatory_spend: f64 = funded
        .iter()
        .filter(|&&k| plan.items[k].mandatory)
        .map(|&k| plan.items[k].spend_within(&plan.budgets))
        .sum();
    let mut text = format!(
        "Fund these {} of {} within {}: {}",
        funded.len(),
        plan.items.len(),
        join(&limits),
        join(&funded.iter().map(|&k| name(k)).collect::<Vec<_>>()),
    );
    if plan.budget_base > 0.0 && mandatory_spend > 0.0 {
        let mandatory: Vec<String> = funded
            .iter()
            .filter(|&&k| plan.items[k].mandatory)
            .map(|&k| name(k))
            .collect();
        text.push_str(&format!(
            "; the mandatory {} take{} {} of the budget",
            join(&mandatory),
            if mandatory.len() == 1 { "s" } else { "" },
            f.percent((mandatory_spend / plan.budget_base * 1000.0).round() / 10.0)
        ));
    }
    if let Some(&next) = plan
        .ranked
        .iter()
        .find(|&&k| !plan.items[k].funded && plan.items[k].eligible && plan.items[k].value > 0.0)
    {
        text.push_str(&format!(
            "; the next in line, {}, {}",
            name(next),
            need_text(s, plan, next, f).trim_start_matches("Not funded: ")
        ));
    }
    text.push('.');
    let mut lines = vec![format!(
        "Total {} {}, proven the best possible{}",
        match plan.objective {
            Objective::Score => "weighted score",
            _ => "NPV",
        },
        value_text(plan.objective, sel.value, f),
        if sel.optimal {
            String::new()
        } else {
            format!(" within {}", value_text(plan.objective, sel.gap, f))
        }
    )];
    if total_spend > 0.0 {
        lines.push(format!(
            "Spend within the budget years: {}",
            f.money(total_spend)
        ));
    }
    let mut out = vec![sentence(text, lines)];
    if let Some(sh) = &plan.shadow {
        let mut parts = Vec::new();
        for ((b, _), m) in plan.budgets.iter().zip(&sh.budgets) {
            if let Some(m) = m.filter(|m| m.per_unit > 1e-9) {
                parts.push(format!(
                    "{} more of the {} would add {} ({} per dollar)",
                    f.money(m.step),
                    b.label(),
                    value_text(plan.objective, m.per_unit * m.step, f),
                    f.fixed2(m.per_unit)
                ));
            }
        }
        if let Some(m) = sh.capacity.filter(|m| m.per_unit > 1e-9) {
            parts.push(format!(
                "one more person-month of the team would add {}",
                value_text(plan.objective, m.per_unit, f)
            ));
        }
        if !parts.is_empty() {
            out.push(sentence(
                format!("Where more money or people would pay: {}.", join(&parts)),
                vec!["Found by solving again with the limit raised.".into()],
            ));
        }
    }
    if let Some(r) = &plan.roadmap {
        if !plan.jobs.is_empty() {
            let gain = r.best.npv - r.baseline.npv;
            let text = format!(
                "The roadmap starts each funded initiative as early as its prerequisites, the team \
                 and the budgets allow: NPV as scheduled {}{}, against {} if all started now \
                 with no limit on the team.",
                f.money(plan.npv),
                if gain > 0.5 {
                    format!(", {} more than in order of cost of delay ÷ duration", f.money(gain))
                } else {
                    ", the same as in order of cost of delay ÷ duration".into()
                },
                f.money(r.all_now_npv),
            );
            out.push(sentence(text, portfolio_cash_lines(plan, f)));
        }
    }
    out
}

/// The funded set's own cash figures as scheduled: its payback and where its cumulative net
/// cash flow ends.
fn portfolio_cash_lines(plan: &Plan, f: &dyn NumberFormat) -> Vec<String> {
    let end = plan.flows.cumulative.last().copied().unwrap_or(0.0);
    vec![
        match plan.payback {
            Some(m) => format!(
                "The funded set pays back after {} as scheduled",
                f.months(m)
            ),
            None => "The funded set does not pay back within the horizon as scheduled".into(),
        },
        format!(
            "Its cumulative net cash flow by the end of the horizon: {}",
            f.money(end)
        ),
    ]
}

/// The share of the funded spend of each category, in words, against its limits.
pub fn shares_text(s: &Scenario, plan: &Plan, f: &dyn NumberFormat) -> Vec<String> {
    let total: f64 = plan.spend_by_category.iter().sum();
    if total <= 0.0 {
        return Vec::new();
    }
    let p = &s.portfolio;
    Category::ALL
        .iter()
        .map(|&c| {
            let share = plan.spend_by_category[c as usize] / total * 100.0;
            let (least, most) = match c {
                Category::Strategic => (p.strategic_min_pct, p.strategic_max_pct),
                Category::Operational => (p.operational_min_pct, p.operational_max_pct),
                Category::Mandatory => (None, None),
            };
            let mut t = format!(
                "{}: {} ({})",
                c.label(),
                f.percent((share * 10.0).round() / 10.0),
                f.money(plan.spend_by_category[c as usize])
            );
            if let Some(l) = least {
                t.push_str(&format!(", at least {} of the budget", f.percent(l)));
            }
            if let Some(m) = most {
                t.push_str(&format!(", at most {} of the budget", f.percent(m)));
            }
            t
        })
        .collect()
}

/// The words of the portfolio's charts (the frontier's: [`frontier_text`]).
pub fn chart_text(
    chart: crate::wire::ChartId,
    shown: &crate::model::Shown,
    f: &dyn NumberFormat,
) -> Option<crate::wire::ChartText> {
    use crate::wire::ChartText;
    let (s, p) = (&*shown.scenario, &*shown.plan);
    Some(match chart {
        ChartId::Roadmap => {
            let starts: Vec<usize> = p.jobs.iter().filter_map(|&k| p.items[k].start).collect();
            let summary = match (starts.iter().min(), starts.iter().max()) {
                (Some(a), Some(b)) => format!(
                    "Roadmap of {} funded initiatives: starts from month {a} to month {b}.",
                    p.jobs.len()
                ),
                _ => "Roadmap: no funded initiative starts within the horizon.".into(),
            };
            ChartText {
                summary,
                table: roadmap_table(s, p, f),
            }
        }
        ChartId::Capacity => {
            let load = p
                .roadmap
                .as_ref()
                .map(|r| r.best.load.clone())
                .unwrap_or_default();
            let peak = load.iter().copied().fold(0.0, f64::max);
            let last = load.iter().rposition(|x| *x > 0.0).map_or(0, |m| m + 1);
            let cap = p.capacity.map(|c| f.decimals(c, 1));
            ChartText {
                summary: format!(
                    "The team's load peaks at {} person-months a month{}.",
                    f.decimals(peak, 1),
                    cap.as_ref()
                        .map(|c| format!(" against a capacity of {c}"))
                        .unwrap_or_default()
                ),
                table: TableText {
                    caption: String::new(),
                    heads: vec![
                        "Month".into(),
                        "Team load (person-months)".into(),
                        "Capacity".into(),
                    ],
                    rows: load
                        .iter()
                        .take(last)
                        .enumerate()
                        .map(|(m, x)| {
                            vec![
                                format!("{m}"),
                                f.decimals(*x, 1),
                                cap.clone().unwrap_or_else(|| "—".into()),
                            ]
                        })
                        .collect(),
                },
            }
        }
        ChartId::Spend => {
            let budget = |b: Budget| {
                p.budgets
                    .iter()
                    .find(|(x, _)| *x == b)
                    .map_or_else(|| "—".into(), |(_, v)| f.money(*v))
            };
            let rows: Vec<Vec<String>> = p
                .spend_by_year
                .iter()
                .enumerate()
                .zip(p.cumulative_by_year())
                .map(|((y, (o, r)), cum)| {
                    vec![
                        format!("Year {}", y + 1),
                        f.money(*o),
                        f.money(*r),
                        f.money(o + r),
                        budget(Budget::OneTime(y)),
                        budget(Budget::Running(y)),
                        budget(Budget::Total(y)),
                        f.money(cum),
                    ]
                })
                .collect();
            let total: f64 = p.spend_by_year.iter().map(|(o, r)| o + r).sum();
            ChartText {
                summary: format!(
                    "The funded initiatives spend {} over {} years as scheduled.",
                    f.money(total),
                    p.spend_by_year.len()
                ),
                table: TableText {
                    caption: String::new(),
                    heads: vec![
                        "Year".into(),
                        "One-time spend".into(),
                        "Running cost".into(),
                        "Total".into(),
                        "One-time budget".into(),
                        "Running-cost budget".into(),
                        "Total budget".into(),
                        "Cumulative net cash flow at year end".into(),
                    ],
                    rows,
                },
            }
        }
        _ => return None,
    })
}

/// The frontier's words: the best value and ranking by NPV at each budget level.
pub fn frontier_text(
    shown: &crate::model::Shown,
    points: &[crate::model::portfolio::FrontierPoint],
    f: &dyn NumberFormat,
) -> crate::wire::ChartText {
    let p = &*shown.plan;
    let v =
        |x: Option<f64>| x.map_or_else(|| "none fits".into(), |x| value_text(p.objective, x, f));
    let now = points.iter().find(|x| (x.factor - 1.0).abs() < 1e-12);
    let summary = match now {
        Some(n) => format!(
            "Efficient frontier over {} budget levels. At the current budget ({}) the best set is worth {}; ranking by NPV and funding down the list gets {}.",
            points.len(),
            f.money(n.budget),
            v(n.exact),
            v(n.greedy)
        ),
        None => "Efficient frontier: set a budget to see it.".into(),
    };
    crate::wire::ChartText {
        summary,
        table: TableText {
            caption: String::new(),
            heads: vec![
                "Budget".into(),
                "Best set".into(),
                "Rank by NPV".into(),
                "Gain of the best set".into(),
            ],
            rows: points
                .iter()
                .map(|x| {
                    let gain = match (x.exact, x.greedy) {
                        (Some(a), Some(b)) => value_text(p.objective, a - b, f),
                        _ => "—".into(),
                    };
                    let mut budget = f.money(x.budget);
                    if (x.factor - 1.0).abs() < 1e-12 {
                        budget.push_str(" (current)");
                    }
                    vec![budget, v(x.exact), v(x.greedy), gain]
                })
                .collect(),
        },
    }
}

/// The portfolio under the ranges, in a sentence: the funded set's NPV from P10 to P90 and its
/// chance of a loss, with how often each initiative is in the best set beneath.
pub fn simulated_sentence(
    s: &Scenario,
    plan: &Plan,
    u: &crate::model::plan::Uncertainty,
    f: &dyn NumberFormat,
) -> Option<Sentence> {
    if !plan.active {
        return None;
    }
    let text = format!(
        "With the ranges, the funded portfolio's NPV as scheduled is {} to {} (P10–P90, median {}), with a {} chance of a loss.",
        f.money(u.npv.p10),
        f.money(u.npv.p90),
        f.money(u.npv.p50),
        f.percent((u.p_loss * 1000.0).round() / 10.0)
    );
    let mut lines: Vec<String> = plan
        .ranked
        .iter()
        .filter_map(|&k| {
            let name = &s.initiatives.get(k)?.name;
            let share = u.in_best_set.get(k)?;
            Some(format!(
                "{name}: in the best set in {} of the trials",
                f.percent((share * 1000.0).round() / 10.0)
            ))
        })
        .collect();
    lines.push(if plan.objective == Objective::Score {
        "The weighted score has no range: the best set is the same in every trial.".into()
    } else {
        format!(
            "The best set solved again, exactly, in {} of the {} trials (evenly spread), each initiative worth its NPV of that trial; the schedule is the plan's.",
            u.solved, u.trials
        )
    });
    Some(Sentence {
        topic: "portfolio",
        text,
        lines,
        cells: Vec::new(),
    })
}

/// Everything the page shows of the portfolio, in words (the worker builds it for the page,
/// which carries no solver).
pub fn portfolio_text(
    s: &Scenario,
    plan: &Plan,
    f: &dyn NumberFormat,
) -> crate::wire::PortfolioText {
    let (dashboard, results) = crate::explain::dashboard::dashboard_text(s, f);
    let mut said = sentences(s, plan, f);
    said.extend(results);
    crate::wire::PortfolioText {
        active: plan.active,
        capacity: plan.capacity.is_some(),
        jobs: !plan.jobs.is_empty(),
        sentences: said,
        dashboard,
        ranked: ranked_table(s, plan, f),
        cut: plan
            .ranked
            .iter()
            .position(|&k| plan.items.get(k).is_some_and(|x| !x.funded)),
        shares: shares_text(s, plan, f),
        roadmap: roadmap_table(s, plan, f),
        notes: plan.notes.clone(),
        funded: plan.items.iter().map(|x| x.funded).collect(),
    }
}

/// A tip from a row of a chart's own table: the row's first cell as its title, then each other
/// cell after its head ("Start month: 4"), cells with nothing to say ("—") left out. The tip and
/// the table then never disagree.
fn tip_of_row(table: &TableText, row: usize) -> Option<Tip> {
    let cells = table.rows.get(row)?;
    let title = cells.first()?.clone();
    let lines = table
        .heads
        .iter()
        .zip(cells)
        .skip(1)
        .filter(|(_, c)| c.as_str() != "—")
        .map(|(h, c)| format!("{h}: {c}"))
        .collect();
    Some(Tip { title, lines })
}

/// The tip of one of the portfolio's charts where the pointer is (the frontier's:
/// [`frontier_tip`]): the roadmap's row under it, the month of the team's load, the year of the
/// spend.
pub fn tip(chart: ChartId, shown: &Shown, at: &Pointer, f: &dyn NumberFormat) -> Option<Tip> {
    let text = chart_text(chart, shown, f)?;
    let n = text.table.rows.len();
    let row = match chart {
        // Rows top to bottom, as the chart's categories.
        ChartId::Roadmap => crate::explain::chart_text::index(at.y, n)?,
        // Bars centred on month + ½: the month is the whole part.
        ChartId::Capacity => {
            let m = at.x.floor();
            (m >= 0.0 && (m as usize) < n).then_some(m as usize)?
        }
        ChartId::Spend => crate::explain::chart_text::index(at.x, n)?,
        _ => return None,
    };
    let mut tip = tip_of_row(&text.table, row)?;
    if chart == ChartId::Capacity {
        tip.title = format!("Month {}", tip.title);
    }
    Some(tip)
}

/// The frontier's tip: the budget level nearest the pointer.
pub fn frontier_tip(
    shown: &Shown,
    points: &[crate::model::portfolio::FrontierPoint],
    at: &Pointer,
    f: &dyn NumberFormat,
) -> Option<Tip> {
    let nearest = points
        .iter()
        .enumerate()
        .min_by(|a, b| {
            (a.1.budget - at.x)
                .abs()
                .total_cmp(&(b.1.budget - at.x).abs())
        })?
        .0;
    tip_of_row(&frontier_text(shown, points, f).table, nearest)
}

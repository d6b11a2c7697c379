//! The portfolio plan: which initiatives to fund within the scenario's budgets and the team's
//! capacity, and when each starts. Pure: a valid scenario and its evaluation in, every portfolio
//! figure the page, the charts, the files and the summary show out.
//!
//! * **Selection** (`portfolio::select`, exact): each initiative is a candidate worth its
//!   objective (its NPV if started now with its milestone's rule, its simulated P50 or mean NPV,
//!   or its weighted score); it spends, against each budget set, what it would spend in that
//!   year if started now (the one-time cost in year 1, the running cost every year); the team
//!   capacity over the horizon (person-months a month × months) bounds the total effort.
//!   Mandatory initiatives are always funded; an initiative is funded only with everything it
//!   depends on; of an alternatives group at most one. A share of the budget for strategic or
//!   operational work is a budget of its own (at most) or a minimum (at least), on the sum of
//!   the budgets set.
//! * **Roadmap** (`schedule::plan`): the funded initiatives start as early as their
//!   prerequisites' deliveries, the monthly capacity and the budgets (with the spend of each
//!   start month) allow, in the order of CD3 (cost of delay ÷ duration) first, then the order
//!   that gives the largest NPV. Each initiative's figures "as scheduled" are those of its flows
//!   shifted to its start (`cashflow::shifted_flows`).

use super::cashflow::{shifted_flows, MonthlyFlows, TimelineInputs, Timing};
use super::evaluate::Evaluation;
use super::finance::{self, Payback};
use super::portfolio::{self, Candidate, Infeasible, Limit, Minimum, Need, Problem, Selection};
use super::scenario::{Category, Objective, Scenario};
use super::schedule::{self, Job, Roadmap};

/// What a limit of the selection is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    /// A year's budget (0: the first year) for one-time spend.
    OneTime(usize),
    /// A year's budget for running cost.
    Running(usize),
    /// A year's budget for both.
    Total(usize),
    /// The most a category may take of the budgets' sum.
    CategoryMost(Category),
}

impl Budget {
    /// The year, for a year's budget.
    pub fn year(self) -> Option<usize> {
        match self {
            Budget::OneTime(y) | Budget::Running(y) | Budget::Total(y) => Some(y),
            Budget::CategoryMost(_) => None,
        }
    }

    /// "Year 1 one-time budget".
    pub fn label(self) -> String {
        match self {
            Budget::OneTime(y) => format!("year {} one-time budget", y + 1),
            Budget::Running(y) => format!("year {} running-cost budget", y + 1),
            Budget::Total(y) => format!("year {} total budget", y + 1),
            Budget::CategoryMost(c) => format!("most share for {}", c.label().to_lowercase()),
        }
    }

    /// The scenario field this limit is set by (for a message beside it).
    pub fn field(self) -> String {
        match self {
            Budget::OneTime(y) => format!("portfolio.budgets[{y}].one_time"),
            Budget::Running(y) => format!("portfolio.budgets[{y}].running"),
            Budget::Total(y) => format!("portfolio.budgets[{y}].total"),
            Budget::CategoryMost(Category::Strategic) => "portfolio.strategic_max_pct".into(),
            Budget::CategoryMost(_) => "portfolio.operational_max_pct".into(),
        }
    }
}

impl Item {
    /// What it spends within the budgets if started now, each year's spend once (that year's
    /// total where it is limited, else its one-time and running spend where limited).
    pub fn spend_within(&self, budgets: &[(Budget, f64)]) -> f64 {
        budgets
            .iter()
            .zip(&self.spend)
            .filter(|((b, _), _)| match b {
                Budget::Total(_) => true,
                Budget::OneTime(y) | Budget::Running(y) => {
                    !budgets.iter().any(|(o, _)| *o == Budget::Total(*y))
                }
                Budget::CategoryMost(_) => false,
            })
            .map(|(_, x)| x)
            .sum()
    }
}

/// One initiative's place in the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Its value to the objective.
    pub value: f64,
    /// Whether it may be funded at all (not below the least weighted score).
    pub eligible: bool,
    pub funded: bool,
    pub mandatory: bool,
    /// Its spend against each budget, if started now.
    pub spend: Vec<f64>,
    /// Team effort, person-months.
    pub effort: f64,
    /// For an unfunded one: what would let it in.
    pub need: Option<Need>,
    /// Its NPV if its delivery starts now (with its milestone's rule).
    pub npv_now: f64,
    /// For a funded one: its start month in the roadmap (`None`: no month within the horizon
    /// has room for it).
    pub start: Option<usize>,
    /// The month its benefits start, as scheduled.
    pub benefits_from: Option<f64>,
    /// Its NPV as scheduled (0 when it cannot start within the horizon).
    pub npv_scheduled: Option<f64>,
    /// Its payback month as scheduled.
    pub payback_scheduled: Option<f64>,
    /// Months late for its milestone, as scheduled.
    pub late_months: Option<f64>,
}

/// The whole plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Whether a budget or a capacity is set: then some initiatives may go unfunded.
    pub active: bool,
    pub objective: Objective,
    /// A simulated objective valued by NPV, its simulation not given yet.
    pub by_npv_for_now: bool,
    /// The limits, in the order of every `spend` vector.
    pub budgets: Vec<(Budget, f64)>,
    /// Person-months a month.
    pub capacity: Option<f64>,
    pub items: Vec<Item>,
    /// The solver's answer; `Err` when the mandatory initiatives alone break a limit.
    pub selection: Result<Selection, Infeasible>,
    /// Initiatives by value, highest first (the ranked list with its cut line).
    pub ranked: Vec<usize>,
    /// The value of one more unit of each budget and of a person-month, from re-solving.
    pub shadow: Option<portfolio::Shadow>,
    pub roadmap: Option<Roadmap>,
    /// The funded initiatives' positions, in the roadmap's job order.
    pub jobs: Vec<usize>,
    /// The funded set's flows as scheduled, month by month.
    pub flows: MonthlyFlows,
    /// Its NPV as scheduled.
    pub npv: f64,
    pub payback: Option<f64>,
    /// Spend per year as scheduled: (one-time, running).
    pub spend_by_year: Vec<(f64, f64)>,
    /// Spend of each category over the horizon as scheduled (mandatory, strategic, operational).
    pub spend_by_category: [f64; 3],
    /// The sum of the budgets set (the base of the category shares); 0 without any.
    pub budget_base: f64,
    /// Messages beside inputs that do not stop the figures: (field location, message).
    pub notes: Vec<(super::validate::Location, String)>,
    /// The selection problem solved (for the frontier), and the initiative of each candidate.
    pub problem: Problem,
    pub candidates_of: Vec<usize>,
}

/// The columns of the portfolio's table in the CSV and the workbook, before one column per
/// budget ("More needed: …"): an initiative per row, in the order of [`Plan::ranked`].
pub const TABLE_COLUMNS: [&str; 11] = [
    "Rank",
    "Initiative",
    "Category",
    "Value to the objective",
    "Funded",
    "Team effort (person-months)",
    "Start month",
    "Benefits from month",
    "NPV if started now",
    "NPV as scheduled",
    "Payback as scheduled (months)",
];

/// Budget levels of the efficient frontier (and the current budget among them).
pub const FRONTIER_LEVELS: usize = 41;

/// The efficient frontier of `plan`: the best value with every budget scaled from 0 to well past
/// the current one, beside ranking by NPV (as started now) and funding down the list. Empty
/// without a budget.
pub fn frontier(plan: &Plan) -> Vec<portfolio::FrontierPoint> {
    let mut order: Vec<usize> = (0..plan.candidates_of.len()).collect();
    let npv = |k: usize| {
        plan.candidates_of
            .get(k)
            .and_then(|&i| plan.items.get(i))
            .map_or(0.0, |x| x.npv_now)
    };
    order.sort_by(|&a, &b| npv(b).total_cmp(&npv(a)).then(a.cmp(&b)));
    portfolio::frontier(&plan.problem, FRONTIER_LEVELS, &order)
}

impl Plan {
    /// The funded set's cumulative net cash flow at the end of each year of the horizon, as
    /// scheduled (month 12 × year of its flows).
    pub fn cumulative_by_year(&self) -> Vec<f64> {
        let c = &self.flows.cumulative;
        (1..=self.spend_by_year.len())
            .map(|y| c.get(12 * y).or(c.last()).copied().unwrap_or(0.0))
            .collect()
    }

    /// No plan: nothing funded, nothing scheduled (what the page's results carry; the plan itself
    /// is the worker's).
    pub fn none() -> Plan {
        Plan {
            active: false,
            objective: Objective::Npv,
            by_npv_for_now: false,
            budgets: Vec::new(),
            capacity: None,
            items: Vec::new(),
            selection: Ok(Selection {
                funded: Vec::new(),
                value: 0.0,
                optimal: true,
                gap: 0.0,
                nodes: 0,
            }),
            ranked: Vec::new(),
            shadow: None,
            roadmap: None,
            jobs: Vec::new(),
            flows: MonthlyFlows::default(),
            npv: 0.0,
            payback: None,
            spend_by_year: Vec::new(),
            spend_by_category: [0.0; 3],
            budget_base: 0.0,
            notes: Vec::new(),
            problem: Problem::default(),
            candidates_of: Vec::new(),
        }
    }
}

/// Inputs shared by every part of the plan.
struct Ctx<'a> {
    s: &'a Scenario,
    e: &'a Evaluation,
    discount: Vec<f64>,
}

impl Ctx<'_> {
    fn timeline(&self, i: usize) -> TimelineInputs {
        let init = &self.s.initiatives[i];
        TimelineInputs {
            horizon_months: self.e.horizon_months,
            one_time_cost: init.one_time_cost.value(),
            annual_running_cost: init.annual_running_cost.value(),
            delivery_months: init.delivery_months.value(),
            ramp_up_months: init.ramp_up_months.value(),
            confidence: init.confidence_pct.value() / 100.0,
        }
    }

    fn timing(&self, i: usize, start: usize) -> Timing {
        let init = &self.s.initiatives[i];
        Timing {
            start,
            milestone: init
                .needed_by_month
                .map(|m| (m, init.if_late, init.late_penalty_per_month)),
        }
    }

    fn flows(&self, i: usize, start: usize) -> MonthlyFlows {
        let r = &self.e.initiatives[i];
        shifted_flows(&self.timeline(i), r.annual_value, &self.timing(i, start))
    }

    fn npv(&self, f: &MonthlyFlows) -> f64 {
        f.net.iter().zip(&self.discount).map(|(x, d)| x * d).sum()
    }
}

/// The year (0: the first) of month `m`: month 0 (now) and months 1–12 are year 1.
pub fn year_of(m: usize) -> usize {
    m.saturating_sub(1) / 12
}

/// What an initiative spends each year (one-time, running and penalties), with its delivery
/// starting in month `start`: the one-time cost in the start month, the running cost in every
/// month after it, a penalty in each late month — the costs of `shifted_flows`.
fn yearly_spend(f: &MonthlyFlows, start: usize, years: usize) -> (Vec<f64>, Vec<f64>) {
    let mut one_time = vec![0.0; years];
    let mut running = vec![0.0; years];
    for (m, c) in f.costs.iter().enumerate() {
        let y = year_of(m).min(years.saturating_sub(1));
        if m == start {
            // The start month's cost is its one-time cost (and a penalty, if the milestone is
            // already past, which counts as spend of that year too).
            one_time[y] += c;
        } else {
            running[y] += c;
        }
    }
    (one_time, running)
}

/// What yearly spend `(one_time, running)` of category `cat` uses of each budget of `budgets`.
fn against(
    budgets: &[(Budget, f64)],
    one_time: &[f64],
    running: &[f64],
    cat: Category,
) -> Vec<f64> {
    let at = |v: &[f64], y: usize| v.get(y).copied().unwrap_or(0.0);
    budgets
        .iter()
        .map(|(b, _)| match *b {
            Budget::OneTime(y) => at(one_time, y),
            Budget::Running(y) => at(running, y),
            Budget::Total(y) => at(one_time, y) + at(running, y),
            Budget::CategoryMost(c) if c == cat => budgeted(budgets, one_time, running),
            Budget::CategoryMost(_) => 0.0,
        })
        .collect()
}

/// What yearly spend `(one_time, running)` counts against the budgets' sum (the base of the
/// category shares): in each year, both when its total is limited, else the kinds of spend
/// that year limits.
fn budgeted(budgets: &[(Budget, f64)], one_time: &[f64], running: &[f64]) -> f64 {
    let at = |v: &[f64], y: usize| v.get(y).copied().unwrap_or(0.0);
    let has = |b: Budget| budgets.iter().any(|(x, _)| *x == b);
    budget_years(budgets)
        .map(|y| {
            if has(Budget::Total(y)) {
                at(one_time, y) + at(running, y)
            } else {
                let o = if has(Budget::OneTime(y)) {
                    at(one_time, y)
                } else {
                    0.0
                };
                let r = if has(Budget::Running(y)) {
                    at(running, y)
                } else {
                    0.0
                };
                o + r
            }
        })
        .sum()
}

/// The years with a budget set, each once.
fn budget_years(budgets: &[(Budget, f64)]) -> impl Iterator<Item = usize> + '_ {
    let mut years: Vec<usize> = budgets.iter().filter_map(|(b, _)| b.year()).collect();
    years.sort_unstable();
    years.dedup();
    years.into_iter()
}

/// The budgets the scenario sets, and their sum (the base of the category shares: a year's
/// total where set, else its one-time and running budgets).
fn budgets_of(s: &Scenario) -> (Vec<(Budget, f64)>, f64) {
    let mut out = Vec::new();
    let mut base = 0.0;
    for (y, b) in s
        .portfolio
        .budgets
        .iter()
        .enumerate()
        .take(s.horizon_years as usize)
    {
        if let Some(v) = b.one_time {
            out.push((Budget::OneTime(y), v));
        }
        if let Some(v) = b.running {
            out.push((Budget::Running(y), v));
        }
        if let Some(v) = b.total {
            out.push((Budget::Total(y), v));
        }
        base += b
            .total
            .unwrap_or(b.one_time.unwrap_or(0.0) + b.running.unwrap_or(0.0));
    }
    let p = &s.portfolio;
    for (cat, most) in [
        (Category::Strategic, p.strategic_max_pct),
        (Category::Operational, p.operational_max_pct),
    ] {
        if let Some(pct) = most.filter(|_| base > 0.0) {
            out.push((Budget::CategoryMost(cat), base * pct / 100.0));
        }
    }
    (out, base)
}

/// Each initiative's value to the objective. The simulated objectives take `simulated` (each
/// initiative's P50 or mean NPV, of a run of this scenario) when given; without it, or without
/// ranges, the NPV (a run of no ranges gives the NPV itself).
fn values(
    e: &Evaluation,
    npv_now: &[f64],
    objective: Objective,
    simulated: Option<&[f64]>,
) -> Vec<f64> {
    match objective {
        Objective::Npv | Objective::NpvMinScore => npv_now.to_vec(),
        Objective::Score => e
            .initiatives
            .iter()
            .map(|r| r.score.value.unwrap_or(0.0))
            .collect(),
        Objective::P50Npv | Objective::MeanNpv => match simulated {
            Some(v) if v.len() == npv_now.len() => v.to_vec(),
            _ => npv_now.to_vec(),
        },
    }
}

/// [`plan_with`] the simulation of the scenario's ranges when the objective is a simulated one
/// (the workers': the page takes the figures from its run, `plan_with`).
pub fn plan_simulated(s: &Scenario, e: &Evaluation) -> Plan {
    let p = s.portfolio.objective;
    if matches!(p, Objective::P50Npv | Objective::MeanNpv) && super::simulate::has_ranges(s) {
        let sim = super::simulate::simulate_scenario(s);
        let v = simulated_values(&sim, p);
        return plan_with(s, e, Some(&v));
    }
    plan(s, e)
}

/// Each initiative's P50 or mean NPV in `sim` (as the objective asks), the values of
/// [`plan_with`].
pub fn simulated_values(sim: &super::simulate::Simulation, objective: Objective) -> Vec<f64> {
    sim.initiatives
        .iter()
        .map(|x| {
            if objective == Objective::MeanNpv {
                x.npv.mean
            } else {
                x.npv.p50
            }
        })
        .collect()
}

/// The plan of a valid scenario and its evaluation (see the module's description), a simulated
/// objective by NPV until its figures are given ([`plan_with`]).
pub fn plan(s: &Scenario, e: &Evaluation) -> Plan {
    plan_with(s, e, None)
}

/// [`plan`], with each initiative's simulated P50 or mean NPV for a simulated objective.
pub fn plan_with(s: &Scenario, e: &Evaluation, simulated: Option<&[f64]>) -> Plan {
    let n = s.initiatives.len().min(e.initiatives.len());
    let years = s.horizon_years.max(1) as usize;
    let h = e.horizon_months;
    let ctx = Ctx {
        s,
        e,
        discount: finance::discount_factors(e.monthly_rate, h + 1),
    };
    let p = &s.portfolio;
    let objective = p.objective;
    let (budgets, budget_base) = budgets_of(s);
    let capacity = p.capacity_pm;
    let mut notes = Vec::new();

    // Each initiative as a candidate.
    let now_flows: Vec<MonthlyFlows> = (0..n).map(|i| ctx.flows(i, 0)).collect();
    let npv_now: Vec<f64> = now_flows.iter().map(|f| ctx.npv(f)).collect();
    let value = values(e, &npv_now, objective, simulated);
    let by_npv = matches!(objective, Objective::P50Npv | Objective::MeanNpv)
        && simulated.is_none()
        && super::simulate::has_ranges(s);
    let index_of = |id: &str| s.initiatives.iter().position(|x| x.id == id);
    let mut groups: Vec<&str> = Vec::new();
    let mut eligible: Vec<bool> = (0..n)
        .map(|i| {
            let init = &s.initiatives[i];
            init.category == Category::Mandatory
                || objective != Objective::NpvMinScore
                || e.initiatives[i].score.value.unwrap_or(0.0) >= p.min_score
        })
        .collect();
    // An initiative depending on one that may not be funded may not be funded either.
    for _ in 0..n {
        let mut changed = false;
        for i in 0..n {
            if eligible[i]
                && s.initiatives[i]
                    .depends_on
                    .iter()
                    .any(|d| index_of(d).is_some_and(|k| !eligible[k]))
            {
                eligible[i] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let candidates_of: Vec<usize> = (0..n).filter(|&i| eligible[i]).collect();
    let position = |i: usize| candidates_of.iter().position(|&k| k == i);
    let mut spend_now = Vec::with_capacity(n);
    for (i, f) in now_flows.iter().enumerate() {
        let (one_time, running) = yearly_spend(f, 0, years);
        spend_now.push(against(
            &budgets,
            &one_time,
            &running,
            s.initiatives[i].category,
        ));
    }
    let candidates: Vec<Candidate> = candidates_of
        .iter()
        .map(|&i| {
            let init = &s.initiatives[i];
            let group = (!init.alternatives.trim().is_empty()).then(|| {
                let g = init.alternatives.trim();
                match groups.iter().position(|x| *x == g) {
                    Some(k) => k,
                    None => {
                        groups.push(g);
                        groups.len() - 1
                    }
                }
            });
            Candidate {
                value: value[i],
                spend: spend_now[i].clone(),
                effort: init.effort_pm,
                mandatory: init.category == Category::Mandatory,
                requires: init
                    .depends_on
                    .iter()
                    .filter_map(|d| index_of(d).and_then(position))
                    .collect(),
                group,
            }
        })
        .collect();
    let mut minimums = Vec::new();
    let mut minimum_fields = Vec::new();
    for (cat, least, field) in [
        (
            Category::Strategic,
            p.strategic_min_pct,
            "portfolio.strategic_min_pct",
        ),
        (
            Category::Operational,
            p.operational_min_pct,
            "portfolio.operational_min_pct",
        ),
    ] {
        if let Some(pct) = least.filter(|_| budget_base > 0.0) {
            minimum_fields.push(field);
            let amount = candidates_of
                .iter()
                .map(|&i| {
                    if s.initiatives[i].category != cat {
                        return 0.0;
                    }
                    let (one_time, running) = yearly_spend(&now_flows[i], 0, years);
                    budgeted(&budgets, &one_time, &running)
                })
                .collect();
            minimums.push(Minimum {
                amount,
                at_least: budget_base * pct / 100.0,
            });
        }
    }
    let problem = Problem {
        candidates,
        budgets: budgets.iter().map(|(_, v)| Some(*v)).collect(),
        capacity: capacity.map(|c| c * h as f64),
        minimums,
    };
    let selection = portfolio::select(&problem);
    let mut items: Vec<Item> = (0..n)
        .map(|i| Item {
            value: value[i],
            eligible: eligible[i],
            funded: false,
            mandatory: s.initiatives[i].category == Category::Mandatory,
            spend: spend_now[i].clone(),
            effort: s.initiatives[i].effort_pm,
            need: None,
            npv_now: npv_now[i],
            start: None,
            benefits_from: None,
            npv_scheduled: None,
            payback_scheduled: None,
            late_months: None,
        })
        .collect();
    let mut ranked: Vec<usize> = (0..n).collect();
    ranked.sort_by(|&a, &b| value[b].total_cmp(&value[a]).then(a.cmp(&b)));

    let mut shadow = None;
    let mut roadmap = None;
    let mut jobs = Vec::new();
    let mut flows = MonthlyFlows {
        benefits: vec![0.0; h + 1],
        costs: vec![0.0; h + 1],
        net: vec![0.0; h + 1],
        cumulative: vec![0.0; h + 1],
    };
    let mut spend_by_year = vec![(0.0, 0.0); years];
    let mut spend_by_category = [0.0; 3];
    match &selection {
        Ok(sel) => {
            for (k, &i) in candidates_of.iter().enumerate() {
                items[i].funded = sel.funded.get(k).copied().unwrap_or(false);
            }
            for (k, &i) in candidates_of.iter().enumerate() {
                if !items[i].funded {
                    items[i].need = Some(portfolio::need(&problem, sel, k));
                }
            }
            if problem.budgets.iter().any(Option::is_some) || problem.capacity.is_some() {
                shadow = Some(portfolio::shadow(&problem, sel));
            }
            // The roadmap of the funded set.
            jobs = (0..n).filter(|&i| items[i].funded).collect();
            let job_of = |i: usize| jobs.iter().position(|&k| k == i);
            let js: Vec<Job> = jobs
                .iter()
                .map(|&i| {
                    let init = &s.initiatives[i];
                    let delivery = init.delivery_months.value();
                    let duration = delivery.ceil().max(0.0) as usize;
                    let npv_by_start = (0..h).map(|st| ctx.npv(&ctx.flows(i, st))).collect();
                    let spend_by_start = (0..h)
                        .map(|st| {
                            let (o, r) = yearly_spend(&ctx.flows(i, st), st, years);
                            against(&budgets, &o, &r, init.category)
                        })
                        .collect();
                    Job {
                        duration,
                        load: init.effort_pm / duration.max(1) as f64,
                        requires: init
                            .depends_on
                            .iter()
                            .filter_map(|d| index_of(d).and_then(job_of))
                            .collect(),
                        fixed_start: init
                            .fixed_start_month
                            .map(|m| (m.max(0.0).round() as usize).min(h.saturating_sub(1))),
                        npv_by_start,
                        spend_by_start,
                        cost_of_delay: e.initiatives[i].cost_of_delay.value.unwrap_or(0.0).max(0.0),
                    }
                })
                .collect();
            let limits = schedule::Limits {
                horizon_months: h,
                capacity,
                budgets: budgets.iter().map(|(_, v)| Some(*v)).collect(),
            };
            let r = schedule::plan(&js, &limits);
            for (k, &i) in jobs.iter().enumerate() {
                let start = r.best.starts.get(k).copied().flatten();
                let item = &mut items[i];
                item.start = start;
                let Some(st) = start else {
                    item.npv_scheduled = Some(0.0);
                    continue;
                };
                let f = ctx.flows(i, st);
                let tl = ctx.timeline(i);
                let timing = ctx.timing(i, st);
                let (from, _) = super::cashflow::benefits_start(&tl, &timing);
                item.benefits_from = Some(from);
                item.npv_scheduled = Some(ctx.npv(&f));
                item.payback_scheduled = match finance::payback(&f.net) {
                    Payback::At(m) => Some(m),
                    Payback::NotWithin => None,
                };
                item.late_months = s.initiatives[i]
                    .needed_by_month
                    .map(|due| (st as f64 + tl.delivery_months - due).max(0.0));
                let (o, ru) = yearly_spend(&f, st, years);
                for y in 0..years {
                    spend_by_year[y].0 += o[y];
                    spend_by_year[y].1 += ru[y];
                }
                spend_by_category[s.initiatives[i].category as usize] +=
                    o.iter().sum::<f64>() + ru.iter().sum::<f64>();
                for m in 0..=h {
                    flows.benefits[m] += f.benefits[m];
                    flows.costs[m] += f.costs[m];
                    flows.net[m] += f.net[m];
                }
            }
            roadmap = Some(r);
        }
        Err(Infeasible::MandatoryOver { limit, over }) => {
            let (field, what) = match limit {
                Limit::Budget(k) => match budgets.get(*k) {
                    Some((b, _)) => (b.field(), b.label()),
                    None => ("portfolio".into(), "a budget".into()),
                },
                Limit::Capacity => ("portfolio.capacity_pm".into(), "the team's capacity".into()),
            };
            notes.push((
                field_at(&field),
                format!(
                    "The mandatory initiatives alone need more than {what}: {} more{}",
                    plain_amount(*over),
                    if matches!(limit, Limit::Capacity) {
                        " person-months over the horizon"
                    } else {
                        ""
                    }
                ),
            ));
        }
        Err(Infeasible::MinimumUnreachable { minimum, short }) => {
            let field = minimum_fields.get(*minimum).copied().unwrap_or("portfolio");
            notes.push((
                field_at(field),
                format!(
                    "cannot be met: the most the other limits allow falls {} short of it",
                    plain_amount(*short)
                ),
            ));
        }
        Err(Infeasible::MandatoryRivals { a, b }) => {
            let at = |k: usize| candidates_of.get(k).copied().unwrap_or(0);
            let name = |k: usize| s.initiatives.get(at(k)).map_or("", |x| x.name.as_str());
            notes.push((
                super::validate::Location {
                    initiative: Some(at(*b)),
                    ..field_at("alternatives")
                },
                format!(
                    "is in the same alternatives group as “{}”, and both must be funded \
                     (mandatory, or required by a mandatory initiative): at most one of a group can be",
                    name(*a)
                ),
            ));
        }
        // Cycles and unknown requirements are validation's (it refuses them before this).
        Err(_) => {}
    }
    let mut total = 0.0;
    for m in 0..=h {
        total += flows.net[m];
        flows.cumulative[m] = total;
    }
    let npv = ctx.npv(&flows);
    let payback = match finance::payback(&flows.net) {
        Payback::At(m) => Some(m),
        Payback::NotWithin => None,
    };
    input_notes(s, e, &mut notes);
    Plan {
        active: p.limits_anything(),
        objective,
        by_npv_for_now: by_npv,
        budgets,
        capacity,
        items,
        selection,
        ranked,
        shadow,
        roadmap,
        jobs,
        flows,
        npv,
        payback,
        spend_by_year,
        spend_by_category,
        budget_base,
        notes,
        problem,
        candidates_of,
    }
}

/// A whole amount with group separators, for the plan's own messages (words, not figures: the
/// page writes figures through its number format).
fn plain_amount(v: f64) -> String {
    super::limits::grouped(v.abs().round().min(usize::MAX as f64) as usize)
}

fn field_at(field: &str) -> super::validate::Location {
    super::validate::Location {
        criterion: None,
        initiative: None,
        benefit: None,
        field: field.into(),
    }
}

/// The inputs that are allowed but cannot work as meant: a dependency on a rival alternative,
/// zero capacity with work to do, delivery longer than the horizon, a milestone before the
/// earliest possible delivery, a share without a budget, a least share above a most.
fn input_notes(s: &Scenario, e: &Evaluation, notes: &mut Vec<(super::validate::Location, String)>) {
    let at = |i: usize, f: &str| super::validate::Location {
        initiative: Some(i),
        ..field_at(f)
    };
    let h = e.horizon_months as f64;
    let p = &s.portfolio;
    for (i, init) in s.initiatives.iter().enumerate() {
        let group = init.alternatives.trim();
        if !group.is_empty() {
            for d in &init.depends_on {
                if let Some(other) = s.initiatives.iter().find(|x| &x.id == d) {
                    if other.alternatives.trim() == group {
                        notes.push((
                            at(i, "depends_on"),
                            format!(
                                "depends on “{}”, its rival in the alternatives group “{group}”:                                  at most one of them can be funded, so this one never is",
                                other.name
                            ),
                        ));
                    }
                }
            }
        }
        let delivery = init.delivery_months.value();
        if init.effort_pm > 0.0 && delivery >= h {
            notes.push((
                at(i, "effort_pm"),
                format!(
                    "its delivery ({delivery} months) is not done within the {}-month horizon,                      so the roadmap shows no benefit from it",
                    e.horizon_months
                ),
            ));
        }
        if let Some(cap) = p.capacity_pm.filter(|c| *c > 0.0) {
            if init.effort_pm > cap * h {
                notes.push((
                    at(i, "effort_pm"),
                    format!(
                        "is more than the team's whole capacity over the horizon ({} \
                         person-months): it can never be delivered",
                        (cap * h * 100.0).round() / 100.0
                    ),
                ));
            }
        }
        if let Some(m) = init.fixed_start_month.filter(|m| *m >= h) {
            notes.push((
                at(i, "fixed_start_month"),
                format!(
                    "month {m} is beyond the {}-month horizon: it starts in the last month",
                    e.horizon_months
                ),
            ));
        }
        if init.effort_pm > 0.0 && p.capacity_pm == Some(0.0) {
            notes.push((
                at(i, "effort_pm"),
                "needs the team, but the team's capacity is 0: it cannot be scheduled".into(),
            ));
        }
        if let (Some(cap), true) = (p.capacity_pm, init.effort_pm > 0.0) {
            let load = init.effort_pm / delivery.ceil().max(1.0);
            if cap > 0.0 && load > cap + 1e-9 {
                notes.push((
                    at(i, "effort_pm"),
                    format!(
                        "needs {} person-months a month over its {} delivery months, more than                          the team's capacity of {cap}: it cannot be scheduled",
                        (load * 100.0).round() / 100.0,
                        delivery.ceil().max(1.0)
                    ),
                ));
            }
        }
        if let Some(due) = init.needed_by_month {
            let earliest = init.fixed_start_month.unwrap_or(0.0) + delivery;
            if due < earliest {
                notes.push((
                    at(i, "needed_by_month"),
                    format!(
                        "is before the earliest possible delivery (month {}): it will be late                          whatever the roadmap",
                        (earliest * 10.0).round() / 10.0
                    ),
                ));
            }
        }
    }
    let has_budget = p.budgets.iter().any(|b| b.is_set());
    for (field, v) in [
        ("strategic_min_pct", p.strategic_min_pct),
        ("strategic_max_pct", p.strategic_max_pct),
        ("operational_min_pct", p.operational_min_pct),
        ("operational_max_pct", p.operational_max_pct),
    ] {
        if v.is_some() && !has_budget {
            notes.push((
                field_at(&format!("portfolio.{field}")),
                "is a share of the budget: set a budget for it to apply".into(),
            ));
        }
    }
    for (least, most, field) in [
        (
            p.strategic_min_pct,
            p.strategic_max_pct,
            "strategic_min_pct",
        ),
        (
            p.operational_min_pct,
            p.operational_max_pct,
            "operational_min_pct",
        ),
    ] {
        if let (Some(l), Some(m)) = (least, most) {
            if l > m {
                notes.push((
                    field_at(&format!("portfolio.{field}")),
                    format!("is more than the most ({m}%): no set can meet both"),
                ));
            }
        }
    }
}

/// The portfolio under the simulation's ranges.
#[derive(Debug, Clone, PartialEq)]
pub struct Uncertainty {
    /// The funded set's NPV as scheduled: its percentiles and mean.
    pub npv: super::simulate::Spread,
    /// The chance that the funded set loses money (NPV below 0).
    pub p_loss: f64,
    /// For each initiative, the share of the solved trials in which it is in the best set.
    pub in_best_set: Vec<f64>,
    /// Trials whose best set was solved (an even sample of the run's).
    pub solved: usize,
    pub trials: usize,
    /// The funded set's NPV in each trial, as scheduled (its S-curve and histogram).
    pub totals: Vec<f64>,
}

/// Trials whose best set [`uncertainty`] solves again: an even sample of the run.
pub const SOLVED_TRIALS: usize = 1_000;

/// The portfolio under the ranges of `sim`, a run of the scenario the plan was made from:
///
/// * the funded set's NPV in each trial: each funded initiative's NPV in that trial, plus what
///   its schedule and milestone change at the likely values (its NPV as scheduled less the
///   comparison's NPV) — the schedule is the plan's, not re-made per trial;
/// * how often each initiative is in the best set: the selection solved again with each
///   initiative's NPV of that trial as its value (an even sample of at most [`SOLVED_TRIALS`]
///   trials; spends, effort and limits at their likely values). With the weighted score as the
///   objective nothing varies, so the plan's set is the answer.
///
/// `None` when the plan has no funded set or the run is not of this plan's initiatives.
pub fn uncertainty(
    plan: &Plan,
    e: &Evaluation,
    sim: &super::simulate::Simulation,
) -> Option<Uncertainty> {
    let n = plan.items.len();
    if n == 0
        || sim.npv_trials.len() != sim.trials * n
        || sim.trials == 0
        || plan.selection.is_err()
    {
        return None;
    }
    let shift: Vec<f64> = (0..n)
        .map(|k| {
            let item = &plan.items[k];
            match (item.funded, item.npv_scheduled) {
                (true, Some(v)) => v - e.initiatives.get(k).map_or(0.0, |r| r.npv()),
                _ => 0.0,
            }
        })
        .collect();
    let totals: Vec<f64> = (0..sim.trials)
        .map(|t| {
            (0..n)
                .filter(|&k| plan.items[k].funded && plan.items[k].start.is_some())
                .map(|k| sim.npv_trials[t * n + k] + shift[k])
                .sum()
        })
        .collect();
    let p_loss = totals.iter().filter(|x| **x < 0.0).count() as f64 / totals.len() as f64;
    let mut in_best_set = vec![0.0; n];
    let step = sim.trials.div_ceil(SOLVED_TRIALS).max(1);
    let mut solved = 0;
    if plan.objective == Objective::Score {
        for (k, item) in plan.items.iter().enumerate() {
            in_best_set[k] = if item.funded { 1.0 } else { 0.0 };
        }
    } else {
        let mut problem = plan.problem.clone();
        for t in (0..sim.trials).step_by(step) {
            for (c, &k) in plan.candidates_of.iter().enumerate() {
                if let Some(cand) = problem.candidates.get_mut(c) {
                    cand.value = sim.npv_trials[t * n + k];
                }
            }
            if let Ok(sel) = portfolio::select(&problem) {
                solved += 1;
                for (c, &k) in plan.candidates_of.iter().enumerate() {
                    if sel.funded.get(c).copied().unwrap_or(false) {
                        in_best_set[k] += 1.0;
                    }
                }
            }
        }
        if solved > 0 {
            for x in &mut in_best_set {
                *x /= solved as f64;
            }
        }
    }
    Some(Uncertainty {
        npv: super::simulate::spread(totals.clone()),
        p_loss,
        in_best_set,
        solved,
        trials: sim.trials,
        totals,
    })
}

/// A more realistic instance of `n` candidates over `years` per-year budgets: costs spread
/// over one to three years from a starting year, front-loaded, of sizes from 10 to 300; value a
/// return on the cost (from −30% to +150%), with one in ten a prerequisite worth less than
/// nothing; effort in proportion to the cost; a quarter requiring an earlier candidate
/// (prerequisites chosen first), so chains form; groups of two or three alternatives of similar
/// cost (build or buy) covering about a quarter of the candidates; one in thirty mandatory;
/// budgets 40–70% of each year's demand, a capacity two times in three.
pub fn realistic_problem<R: rand::Rng>(rng: &mut R, n: usize, years: usize) -> Problem {
    let years = years.max(1);
    let mut candidates: Vec<Candidate> = Vec::with_capacity(n);
    let mut prerequisites: Vec<usize> = Vec::new();
    let mut next_group = 0;
    let mut i = 0;
    while i < n {
        let alternatives = if rng.random_bool(0.12) {
            rng.random_range(2..=3).min(n - i)
        } else {
            1
        };
        let base = (rng.random_range(10.0_f64.ln()..300.0_f64.ln())).exp();
        let roi = rng.random_range(-0.3..1.5);
        let prerequisite = rng.random_bool(0.1);
        let group = (alternatives > 1).then(|| {
            next_group += 1;
            next_group - 1
        });
        for _ in 0..alternatives {
            let cost = base * rng.random_range(0.7..1.3);
            let value = if prerequisite {
                -cost * rng.random_range(0.05..0.3)
            } else {
                (cost * (roi + rng.random_range(-0.2..0.2))).round()
            };
            let start = rng.random_range(0..years);
            let duration = rng.random_range(1..=3).min(years - start);
            let mut spend = vec![0.0; years];
            let mut left = 1.0;
            for (k, s) in spend.iter_mut().skip(start).take(duration).enumerate() {
                let share = if k + 1 == duration { left } else { left * 0.6 };
                *s = (cost * share).round();
                left -= share;
            }
            let mut requires = Vec::new();
            if i > 0 && rng.random_bool(0.25) {
                let r = if !prerequisites.is_empty() && rng.random_bool(0.6) {
                    prerequisites[rng.random_range(0..prerequisites.len())]
                } else {
                    rng.random_range(0..i)
                };
                requires.push(r);
            }
            candidates.push(Candidate {
                value,
                spend,
                effort: (cost / 10.0 * rng.random_range(0.5..1.5)).round(),
                mandatory: group.is_none() && rng.random_bool(1.0 / 30.0),
                requires,
                group,
            });
            if prerequisite {
                prerequisites.push(i);
            }
            i += 1;
        }
    }
    let demand = |d: usize| candidates.iter().map(|c| c.spend[d]).sum::<f64>();
    let budgets = (0..years)
        .map(|d| Some((demand(d) * rng.random_range(0.4..0.7)).round()))
        .collect();
    let effort: f64 = candidates.iter().map(|c| c.effort).sum();
    let capacity = rng
        .random_bool(2.0 / 3.0)
        .then(|| (effort * rng.random_range(0.5..0.8)).round());
    Problem {
        candidates,
        budgets,
        capacity,
        ..Default::default()
    }
}

/// The benchmark's problem: [`realistic_problem`] from a seed, with `years` yearly budgets.
pub fn benchmark_problem(n: usize, years: usize, seed: u64) -> Problem {
    use rand::SeedableRng;
    realistic_problem(&mut super::rng::TrialRng::seed_from_u64(seed), n, years)
}

//! The results dashboard: every tracked initiative's plan set against its actuals, each goal's
//! KPIs against their planned path, and the portfolio's value realised to date against plan.
//! Pure: built from the scenario alone (`model::tracking` holds the formulas).
//!
//! * **Tracked**: an initiative approved, in delivery, live or closed, or one with actuals.
//! * **The plan** it is judged against: its last baseline (the plan frozen at approval); without
//!   one, its plan as it stands, from its fixed start or month 0. Each benefit's plan for month m
//!   is its annual value ÷ 12 × confidence × the ramp's share of month m, as in the business case,
//!   with the milestone's rule (benefits wait for it, lapse, or a penalty a late month, counted
//!   with the running cost).
//! * **Actuals**: a month's benefits are the money its readings realise (`realised_month`); a
//!   benefit not measured in a month that has other readings counts at its plan, and a month
//!   with no reading at all is a gap. Months after "actuals up to" are left out.
//! * **Status**: value to date against the plan's value over the same months (higher is
//!   better), spend to date against planned spend (lower is better); the initiative's status is
//!   the worse of the two. A goal's is the worst of its KPIs' latest readings against their
//!   planned path; without readings, the worst of the tracked initiatives that serve it.

use super::cashflow::ramp_share;
use super::convert::{annual_value, Defaults};
use super::estimate::Estimate;
use super::scenario::{Better, Scenario, Stage};
use super::tracking::{
    forecast, kpi_plan, kpi_status, realised_month, status, ActualMonth, Forecast, PlanMonths,
    Reading, Status, Tolerance,
};

/// One benefit of a tracked initiative, month by month.
#[derive(Debug, Clone, PartialEq)]
pub struct BenefitTrack {
    pub label: String,
    /// What its reading measures ("Hours saved in the month").
    pub measure: &'static str,
    /// Planned money, months 0 to the horizon.
    pub planned: Vec<f64>,
    /// Realised money in the months measured (`None`: not measured).
    pub realised: Vec<Option<f64>>,
    /// Realised and planned over the months measured.
    pub to_date: f64,
    pub planned_to_date: f64,
    pub status: Option<Status>,
}

/// What a tracked initiative is judged against.
#[derive(Debug, Clone, PartialEq)]
pub enum Against {
    /// The baseline frozen at approval on this date, with its NPV then.
    Baseline { date: String, npv: Option<f64> },
    /// No baseline: its plan as it stands.
    CurrentPlan,
}

/// One tracked initiative.
#[derive(Debug, Clone, PartialEq)]
pub struct InitiativeTrack {
    /// Its index in the scenario.
    pub index: usize,
    pub name: String,
    pub stage: Stage,
    pub note: String,
    pub against: Against,
    pub plan: PlanMonths,
    /// Actual months 0 to the horizon (`ActualMonth::default()`: nothing recorded).
    pub actual: Vec<ActualMonth>,
    pub forecast: Forecast,
    pub benefits: Vec<BenefitTrack>,
    pub value_status: Option<Status>,
    pub spend_status: Option<Status>,
    /// The worse of the two; `None`: nothing recorded yet.
    pub status: Option<Status>,
}

impl InitiativeTrack {
    /// Cumulative value (benefits), month by month: planned, and actual then forecast (actual
    /// months as recorded, the plan × the benefits' ratio otherwise, as the forecast takes it).
    pub fn cumulative_value(&self) -> (Vec<f64>, Vec<f64>) {
        let ratio = self.forecast.benefit_ratio.unwrap_or(1.0);
        let (mut p, mut a) = (0.0, 0.0);
        let mut plan = Vec::with_capacity(self.plan.benefits.len());
        let mut actual = Vec::with_capacity(self.plan.benefits.len());
        for (m, planned) in self.plan.benefits.iter().enumerate() {
            p += planned;
            a += self
                .actual
                .get(m)
                .and_then(|x| x.benefits)
                .unwrap_or(planned * ratio);
            plan.push(p);
            actual.push(a);
        }
        (plan, actual)
    }
}

/// One KPI of a goal, with its readings up to "actuals up to".
#[derive(Debug, Clone, PartialEq)]
pub struct KpiTrack {
    pub name: String,
    pub unit: String,
    pub better: Better,
    pub baseline: f64,
    pub target: f64,
    pub target_month: f64,
    /// (month, value), by month.
    pub readings: Vec<(f64, f64)>,
    /// The latest reading, its planned level that month, and its status.
    pub latest: Option<(f64, f64)>,
    pub planned_at_latest: Option<f64>,
    pub status: Option<Status>,
}

/// One goal.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalTrack {
    pub index: usize,
    pub name: String,
    pub note: String,
    pub kpis: Vec<KpiTrack>,
    /// Indexes (in `Dashboard::initiatives`) of the tracked initiatives serving it.
    pub serving: Vec<usize>,
    pub status: Option<Status>,
    /// Whether the status comes from KPI readings (else from the initiatives serving it).
    pub from_kpis: bool,
}

/// The dashboard.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    /// The last month actuals are in for: the one set, else the latest month recorded.
    pub as_of: usize,
    pub tolerance: Tolerance,
    pub initiatives: Vec<InitiativeTrack>,
    pub goals: Vec<GoalTrack>,
    /// The portfolio line: value realised and spend to date, against the plan's.
    pub realised_to_date: f64,
    pub planned_to_date: f64,
    pub spent_to_date: f64,
    pub planned_spend_to_date: f64,
    pub value_status: Option<Status>,
    /// NPV of the tracked initiatives' plans, and now (actuals then forecast).
    pub npv_plan: f64,
    pub npv_now: f64,
}

fn tracked(i: &super::scenario::Initiative) -> bool {
    matches!(
        i.stage,
        Stage::Approved | Stage::InDelivery | Stage::Live | Stage::Closed
    ) || !i.actuals.is_empty()
}

/// A whole month from 0, if `m` is one.
fn whole(m: f64) -> Option<usize> {
    (m.is_finite() && m >= 0.0 && m.fract() == 0.0 && m < 1e6).then_some(m as usize)
}

/// The last month anything is recorded in (actuals, KPI readings), or the month set.
pub fn as_of(s: &Scenario) -> usize {
    let horizon = s.horizon_years as usize * 12;
    if let Some(m) = s.tracking.as_of_month.and_then(whole) {
        return m.min(horizon);
    }
    let actual = s
        .initiatives
        .iter()
        .flat_map(|i| i.actuals.iter().map(|a| a.month));
    let kpi = s.goals.iter().flat_map(|g| {
        g.kpis
            .iter()
            .flat_map(|k| k.readings.iter().map(|r| r.month))
    });
    actual
        .chain(kpi)
        .filter_map(whole)
        .filter(|&m| m <= horizon)
        .max()
        .unwrap_or(0)
}

/// The dashboard of a scenario.
pub fn dashboard(s: &Scenario) -> Dashboard {
    let tol = Tolerance {
        green_pct: s.tracking.green_pct,
        yellow_pct: s.tracking.yellow_pct,
    };
    let horizon = s.horizon_years as usize * 12;
    let upto = as_of(s);
    let rate = super::finance::monthly_rate(s.discount_rate_pct.value() / 100.0);
    let defaults = Defaults {
        hourly_rate: s.default_hourly_rate.value(),
        hours_per_fte_year: s.hours_per_fte_year,
    };
    let initiatives: Vec<InitiativeTrack> = s
        .initiatives
        .iter()
        .enumerate()
        .filter(|(_, i)| tracked(i))
        .map(|(n, i)| track(n, i, &defaults, horizon, upto, rate, tol))
        .collect();
    let goals = s
        .goals
        .iter()
        .enumerate()
        .map(|(n, g)| {
            let kpis: Vec<KpiTrack> = g.kpis.iter().map(|k| kpi(k, upto, tol)).collect();
            let serving: Vec<usize> = initiatives
                .iter()
                .enumerate()
                .filter(|(_, t)| s.initiatives[t.index].serves.iter().any(|x| x.goal == g.id))
                .map(|(k, _)| k)
                .collect();
            let from_kpis = kpis.iter().any(|k| k.status.is_some());
            let status = if from_kpis {
                worst(kpis.iter().map(|k| k.status))
            } else {
                worst(serving.iter().map(|&k| initiatives[k].status))
            };
            GoalTrack {
                index: n,
                name: g.name.clone(),
                note: g.note.clone(),
                kpis,
                serving,
                status,
                from_kpis,
            }
        })
        .collect();
    let sum = |f: fn(&Forecast) -> f64| initiatives.iter().map(|t| f(&t.forecast)).sum::<f64>();
    let realised_to_date = sum(|f| f.realised_to_date);
    let planned_to_date = sum(|f| f.planned_to_date);
    let any_read = initiatives
        .iter()
        .any(|t| t.forecast.benefit_ratio.is_some() || t.value_status.is_some());
    Dashboard {
        as_of: upto,
        tolerance: tol,
        value_status: any_read
            .then(|| status(planned_to_date, realised_to_date, Better::Higher, tol)),
        realised_to_date,
        planned_to_date,
        spent_to_date: sum(|f| f.spent_to_date),
        planned_spend_to_date: sum(|f| f.planned_spend_to_date),
        npv_plan: sum(|f| f.npv_plan),
        npv_now: sum(|f| f.npv_now),
        initiatives,
        goals,
    }
}

/// The worst of some statuses; `None` when none is known.
fn worst(list: impl Iterator<Item = Option<Status>>) -> Option<Status> {
    list.flatten().reduce(Status::worst)
}

/// What the plan was: the last baseline's inputs, or the initiative's own.
struct Planned<'a> {
    one_time: f64,
    running: f64,
    delivery: f64,
    ramp: f64,
    confidence: f64,
    start: usize,
    benefits: &'a [super::scenario::Benefit],
    against: Against,
    /// The milestone as the business case applies it (needed by, what lateness does).
    milestone: Option<(f64, super::scenario::IfLate, f64)>,
}

/// A start month as the roadmap takes it: rounded, from 0.
fn start_of(m: f64) -> usize {
    if m.is_finite() {
        m.max(0.0).round().min(1e6) as usize
    } else {
        0
    }
}

/// The initiative's milestone, as `plan` takes it (the baseline does not freeze it).
fn milestone(i: &super::scenario::Initiative) -> Option<(f64, super::scenario::IfLate, f64)> {
    i.needed_by_month
        .filter(|m| m.is_finite())
        .map(|due| (due, i.if_late, i.late_penalty_per_month))
}

fn planned(i: &super::scenario::Initiative) -> Planned<'_> {
    match i.baselines.last() {
        Some(b) => Planned {
            one_time: b.one_time_cost,
            running: b.annual_running_cost,
            delivery: b.delivery_months,
            ramp: b.ramp_up_months,
            confidence: b.confidence_pct / 100.0,
            start: start_of(b.start_month),
            benefits: &b.benefits,
            milestone: milestone(i),
            against: Against::Baseline {
                date: b.date.clone(),
                npv: b.npv,
            },
        },
        None => Planned {
            one_time: i.one_time_cost.value(),
            running: i.annual_running_cost.value(),
            delivery: i.delivery_months.value(),
            ramp: i.ramp_up_months.value(),
            confidence: i.confidence_pct.value() / 100.0,
            start: i.fixed_start_month.map_or(0, start_of),
            benefits: &i.benefits,
            milestone: milestone(i),
            against: Against::CurrentPlan,
        },
    }
}

fn track(
    index: usize,
    i: &super::scenario::Initiative,
    defaults: &Defaults,
    horizon: usize,
    upto: usize,
    rate: f64,
    tol: Tolerance,
) -> InitiativeTrack {
    let p = planned(i);
    let n = horizon + 1;
    // When benefits start, as the business case has it: the milestone's rule applies (benefits
    // wait for it, lapse when late, or a penalty falls in each late month).
    let timing = super::cashflow::Timing {
        start: p.start,
        milestone: p.milestone,
    };
    let inputs = super::cashflow::TimelineInputs {
        horizon_months: horizon,
        one_time_cost: p.one_time,
        annual_running_cost: p.running,
        delivery_months: p.delivery,
        ramp_up_months: p.ramp,
        confidence: p.confidence,
    };
    let (from, lapsed) = super::cashflow::benefits_start(&inputs, &timing);
    let delivered = p.start as f64 + p.delivery;
    let penalty = |m: usize| match p.milestone {
        Some((due, super::scenario::IfLate::Penalty, per_month))
            if (m as f64) > due && (m as f64) <= delivered.ceil() =>
        {
            per_month
        }
        _ => 0.0,
    };
    // Each benefit's plan, month by month.
    let per_benefit: Vec<Vec<f64>> = p
        .benefits
        .iter()
        .map(|b| {
            let full = if lapsed {
                0.0
            } else {
                annual_value(&b.kind, defaults, &|e: &Estimate| e.value()) / 12.0 * p.confidence
            };
            (0..n)
                .map(|m| {
                    if m == 0 {
                        0.0
                    } else {
                        full * ramp_share(m, from, p.ramp)
                    }
                })
                .collect()
        })
        .collect();
    let plan = PlanMonths {
        benefits: (0..n)
            .map(|m| per_benefit.iter().map(|b| b[m]).sum())
            .collect(),
        one_time: (0..n)
            .map(|m| if m == p.start { p.one_time } else { 0.0 })
            .collect(),
        running: (0..n)
            .map(|m| if m > p.start { p.running / 12.0 } else { 0.0 } + penalty(m))
            .collect(),
    };
    // The readings: the current benefits, read against the plan's (same order).
    let mut actual = vec![ActualMonth::default(); n];
    let mut realised = vec![vec![None; n]; p.benefits.len()];
    for a in &i.actuals {
        let Some(m) = whole(a.month).filter(|&m| m < n && m <= upto) else {
            continue;
        };
        let mut any = false;
        let mut total = 0.0;
        for (b, benefit) in p.benefits.iter().enumerate() {
            let reading = Reading {
                measured: a.measured.get(b).copied().flatten(),
                adoption_pct: a.adoption_pct,
            };
            match realised_month(benefit, defaults, &reading) {
                Some(v) => {
                    any = true;
                    total += v;
                    realised[b][m] = Some(v);
                }
                None => total += per_benefit[b][m],
            }
        }
        actual[m] = ActualMonth {
            benefits: any.then_some(total),
            one_time: a.one_time,
            running: a.running,
        };
    }
    let forecast = forecast(&plan, &actual, rate);
    let benefits: Vec<BenefitTrack> = p
        .benefits
        .iter()
        .zip(realised)
        .zip(&per_benefit)
        .map(|((b, realised), planned)| {
            let (mut got, mut want, mut read) = (0.0, 0.0, false);
            for (m, r) in realised.iter().enumerate() {
                if let Some(v) = r {
                    got += v;
                    want += planned[m];
                    read = true;
                }
            }
            BenefitTrack {
                label: b.label.clone(),
                measure: super::tracking::measure_label(&b.kind),
                planned: planned.clone(),
                realised,
                to_date: got,
                planned_to_date: want,
                status: read.then(|| status(want, got, Better::Higher, tol)),
            }
        })
        .collect();
    // Judged once any benefit was measured (against a plan of nothing too: all ahead of it).
    let measured = actual.iter().any(|a| a.benefits.is_some());
    let value_status = measured.then(|| {
        status(
            forecast.planned_to_date,
            forecast.realised_to_date,
            Better::Higher,
            tol,
        )
    });
    let spend_status = forecast.spend_recorded.then(|| {
        status(
            forecast.planned_spend_to_date,
            forecast.spent_to_date,
            Better::Lower,
            tol,
        )
    });
    InitiativeTrack {
        index,
        name: i.name.clone(),
        stage: i.stage,
        note: i.status_note.clone(),
        against: p.against,
        plan,
        actual,
        status: worst([value_status, spend_status].into_iter()),
        value_status,
        spend_status,
        forecast,
        benefits,
    }
}

fn kpi(k: &super::scenario::Kpi, upto: usize, tol: Tolerance) -> KpiTrack {
    let mut readings: Vec<(f64, f64)> = k
        .readings
        .iter()
        .filter(|r| whole(r.month).is_some_and(|m| m <= upto) && r.value.is_finite())
        .map(|r| (r.month, r.value))
        .collect();
    readings.sort_by(|a, b| a.0.total_cmp(&b.0));
    let latest = readings.last().copied();
    let planned_at_latest = latest.map(|(m, _)| kpi_plan(k.baseline, k.target, k.target_month, m));
    let status = latest
        .zip(planned_at_latest)
        .map(|((_, v), p)| kpi_status(k.baseline, p, v, k.better, tol));
    KpiTrack {
        name: k.name.clone(),
        unit: k.unit.clone(),
        better: k.better,
        baseline: k.baseline,
        target: k.target,
        target_month: k.target_month,
        readings,
        latest,
        planned_at_latest,
        status,
    }
}

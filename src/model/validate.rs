//! Validation, run before evaluation. Each problem names where it is (scenario setting, criterion,
//! initiative, benefit, input) and what is wrong, so a view can show it beside the field.

use super::convert::{convert, Defaults};
use super::estimate::Estimate;
use super::scenario::{
    Initiative, Scenario, MAX_CORRELATION, MAX_HORIZON_YEARS, MAX_TRIALS, MIN_HORIZON_YEARS,
    MIN_TRIALS,
};
use super::schema::{Kind, Record, Shape, Val};
use super::scoring::{MAX_SCORE, MIN_SCORE};
use std::fmt;

/// Largest magnitude accepted for any input: keeps every result finite.
pub const MAX_INPUT: f64 = 1e12;
/// Smallest magnitude accepted for any input other than 0. No business case needs less than a
/// millionth of anything, and less breaks the arithmetic: a working year of 5 × 10⁻³²⁴ hours
/// makes the FTE equivalent ∞, weights that small underflow to 0 when multiplied by a score (the
/// weighted score came out wrong), and a lognormal range whose low is that small draws values
/// beyond 10³⁰⁸ (the simulation's mean NPV was ∞). With every input 0 or within 10⁻⁶..10¹², a
/// lognormal draw stays below about 10⁷⁸ and every product of draws a finite number.
pub const MIN_INPUT: f64 = 1e-6;
pub use super::scenario::MAX_HOURS_PER_YEAR;
/// The most one benefit may be worth in a year, at the top of its ranges.
pub const MAX_BENEFIT_PER_YEAR: f64 = 1e15;

/// Where a problem is. Indices are positions in the scenario's lists.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub criterion: Option<usize>,
    pub initiative: Option<usize>,
    pub benefit: Option<usize>,
    /// The input's JSON field name, e.g. `hours` or `adoption_pct`; `.low`/`.high` for a range
    /// bound.
    pub field: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: Location,
    /// A readable path: "Initiative 2 “CRM upgrade” › benefit 1 “Triage” › adoption_pct".
    pub place: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// What range an input must lie in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// ≥ 0: amounts, counts, hours, minutes, rates, frequencies.
    NonNegative,
    /// 0–100.
    Percent,
}

struct Checker<'a> {
    scenario: &'a Scenario,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn place(&self, at: &Location) -> String {
        let mut parts = Vec::new();
        if let Some(c) = at.criterion {
            let name = self
                .scenario
                .criteria
                .get(c)
                .map_or("", |c| c.name.as_str());
            parts.push(format!("Criterion {} “{}”", c + 1, name));
        }
        if let Some(i) = at.initiative {
            let init = self.scenario.initiatives.get(i);
            parts.push(format!(
                "Initiative {} “{}”",
                i + 1,
                init.map_or("", |x| x.name.as_str())
            ));
            if let (Some(b), Some(init)) = (at.benefit, init) {
                let label = init.benefits.get(b).map_or("", |b| b.label.as_str());
                parts.push(format!("benefit {} “{}”", b + 1, label));
            }
        }
        if parts.is_empty() {
            parts.push("Scenario".into());
        }
        parts.push(at.field.clone());
        parts.join(" › ")
    }

    fn report(&mut self, at: Location, message: impl Into<String>) {
        let place = self.place(&at);
        self.problems.push(Problem {
            at,
            place,
            message: message.into(),
        });
    }

    fn number(&mut self, at: Location, v: f64, rule: Rule) -> bool {
        if !v.is_finite() {
            self.report(at, "is not a finite number");
            return false;
        }
        match rule {
            Rule::NonNegative if v < 0.0 => {
                self.report(at, "must not be negative");
                false
            }
            Rule::Percent if !(0.0..=100.0).contains(&v) => {
                self.report(at, "must be a percentage between 0 and 100");
                false
            }
            _ if v.abs() > MAX_INPUT => {
                self.report(at, "is too large (at most 1,000,000,000,000)");
                false
            }
            _ if v != 0.0 && v.abs() < MIN_INPUT => {
                self.report(at, "is too small: 0, or at least 0.000001 (a millionth)");
                false
            }
            _ => true,
        }
    }

    fn estimate(&mut self, at: Location, e: &Estimate, rule: Rule) {
        let with = |suffix: &str| Location {
            field: format!("{}{suffix}", at.field),
            ..at.clone()
        };
        let likely_ok = self.number(at.clone(), e.likely, rule);
        let low_ok = e.low.is_none_or(|v| self.number(with(".low"), v, rule));
        let high_ok = e.high.is_none_or(|v| self.number(with(".high"), v, rule));
        match (e.low, e.high) {
            (Some(_), None) | (None, Some(_)) => {
                self.report(at, "a range needs both a low and a high value")
            }
            (Some(low), Some(high)) if likely_ok && low_ok && high_ok => {
                if low > high {
                    self.report(at, "low is above high");
                } else if low > e.likely {
                    self.report(at, "low is above the likely value");
                } else if e.likely > high {
                    self.report(at, "the likely value is above high");
                }
            }
            _ => {}
        }
    }

    /// Every estimate and number of `r` held to its descriptor's rule: a percentage within
    /// 0–100, anything else not negative.
    fn bounds(&mut self, r: &dyn Record, at: &dyn Fn(&str) -> Location) {
        for f in r.fields() {
            let rule = if f.kind == Kind::Percent {
                Rule::Percent
            } else {
                Rule::NonNegative
            };
            match (f.shape, r.estimate(f.key), r.get(f.key)) {
                (Shape::Estimate | Shape::OptionalEstimate, Some(e), _) => {
                    self.estimate(at(f.key), e, rule)
                }
                (
                    Shape::Number | Shape::OptionalNumber,
                    _,
                    Some(Val::Num(v) | Val::OptNum(Some(v))),
                ) if self.number(at(f.key), v, rule) && v > f.max && !f.above_max.is_empty() => {
                    self.report(at(f.key), f.above_max);
                }
                _ => {}
            }
        }
    }

    /// The estimates of `r` held to their descriptors' maximum (minutes in a year).
    fn maxima(&mut self, r: &dyn Record, at: &dyn Fn(&str) -> Location) {
        for (f, e) in super::schema::estimates(r) {
            if f.above_max.is_empty() {
                continue;
            }
            let over = |v: Option<f64>| v.is_some_and(|v| v > f.max);
            if over(Some(e.likely)) || over(e.low) || over(e.high) {
                self.report(at(f.key), f.above_max);
            }
        }
    }
}

fn field(name: &str) -> Location {
    Location {
        criterion: None,
        initiative: None,
        benefit: None,
        field: name.into(),
    }
}

/// Checks a scenario; an empty list means it can be evaluated.
pub fn validate(s: &Scenario) -> Vec<Problem> {
    let mut c = Checker {
        scenario: s,
        problems: Vec::new(),
    };
    let code = s.currency.as_bytes();
    if code.len() != 3 || !code.iter().all(u8::is_ascii_uppercase) {
        c.report(
            field("currency"),
            "must be a three-letter ISO 4217 code such as USD or EUR",
        );
    }
    if !(MIN_TRIALS..=MAX_TRIALS).contains(&s.simulation.trials) {
        c.report(
            field("simulation.trials"),
            format!("must be between {MIN_TRIALS} and {MAX_TRIALS} trials"),
        );
    }
    if !(MIN_HORIZON_YEARS..=MAX_HORIZON_YEARS).contains(&s.horizon_years) {
        c.report(
            field("horizon_years"),
            format!("must be between {MIN_HORIZON_YEARS} and {MAX_HORIZON_YEARS} years"),
        );
    }
    // Discount rate, default hourly rate, hours per FTE-year (0 is allowed: the FTE equivalent
    // of hours saved is then not defined).
    c.bounds(s, &field);
    // The portfolio's capacity, least score and shares, and each year's budgets: none negative,
    // shares within 0–100.
    c.bounds(&s.portfolio, &|f| field(&format!("portfolio.{f}")));
    for (y, b) in s.portfolio.budgets.iter().enumerate() {
        c.bounds(b, &|f| field(&format!("portfolio.budgets[{y}].{f}")));
    }

    // Small linear lists, not maps: a few dozen ids at most, and less code in the download.
    let mut criterion_ids: Vec<&str> = Vec::new();
    for (i, cr) in s.criteria.iter().enumerate() {
        let at = |f: &str| Location {
            criterion: Some(i),
            ..field(f)
        };
        if cr.id.trim().is_empty() {
            c.report(at("id"), "is empty");
        } else if criterion_ids.contains(&cr.id.as_str()) {
            c.report(
                at("id"),
                format!("“{}” is used by another criterion", cr.id),
            );
        } else {
            criterion_ids.push(&cr.id);
        }
        if cr.name.trim().is_empty() {
            c.report(at("name"), "is empty");
        }
        // The weight. All weights 0 is allowed: the weighted score is then not defined (every
        // money figure is computed).
        c.bounds(cr, &at);
    }

    let mut ids = Ids::default();
    for (i, init) in s.initiatives.iter().enumerate() {
        if init.id.trim().is_empty() {
            c.report(at_init(i, "id"), "is empty");
        } else if !ids.insert(&init.id, i) {
            c.report(
                at_init(i, "id"),
                format!("“{}” is used by another initiative", init.id),
            );
        }
    }
    for (i, init) in s.initiatives.iter().enumerate() {
        initiative(
            &mut c,
            i,
            init,
            &criterion_ids,
            &ids,
            &s.default_hourly_rate,
        );
    }
    cycles(&mut c, s, &ids);
    // Correlations: each a number within −1..1. An input they name that is not a range, or no
    // longer exists, is left out of the run and the report says so: not a problem that stops it.
    for (g, x) in s.correlations.iter().enumerate() {
        let r = x.rank_correlation;
        if !(r.is_finite() && (-MAX_CORRELATION..=MAX_CORRELATION).contains(&r)) {
            c.report(
                field(&format!("correlations[{g}].rank_correlation")),
                "must be a number between −1 and 1",
            );
        }
    }
    for (n, p) in s.risk_tolerance.iter().enumerate() {
        c.bounds(p, &|f| field(&format!("risk_tolerance[{n}].{f}")));
    }
    c.problems
}

/// Initiative ids and their positions, first occurrence kept.
#[derive(Default)]
struct Ids<'a>(Vec<(&'a str, usize)>);

impl<'a> Ids<'a> {
    /// False (and nothing added) when the id is already taken.
    fn insert(&mut self, id: &'a str, i: usize) -> bool {
        let new = self.get(id).is_none();
        if new {
            self.0.push((id, i));
        }
        new
    }

    fn get(&self, id: &str) -> Option<usize> {
        self.0.iter().find(|(k, _)| *k == id).map(|&(_, i)| i)
    }
}

fn at_init(i: usize, f: &str) -> Location {
    Location {
        initiative: Some(i),
        ..field(f)
    }
}

fn initiative(
    c: &mut Checker,
    i: usize,
    init: &Initiative,
    criterion_ids: &[&str],
    ids: &Ids,
    default_hourly_rate: &Estimate,
) {
    if init.name.trim().is_empty() {
        c.report(at_init(i, "name"), "is empty: give the initiative a name");
    }
    c.bounds(init, &|f| at_init(i, f));
    for id in criterion_ids {
        match init.scores.get(*id) {
            None => c.report(
                at_init(i, &format!("scores.{id}")),
                "has no score (give 1 to 5)",
            ),
            Some(&s) if !(MIN_SCORE..=MAX_SCORE).contains(&s) => c.report(
                at_init(i, &format!("scores.{id}")),
                "must be a score from 1 to 5",
            ),
            Some(_) => {}
        }
    }
    for id in init.scores.keys() {
        if !criterion_ids.contains(&id.as_str()) {
            c.report(
                at_init(i, &format!("scores.{id}")),
                format!("scores a criterion “{id}” that the scenario does not have"),
            );
        }
    }
    for dep in &init.depends_on {
        if dep == &init.id {
            c.report(
                at_init(i, "depends_on"),
                "an initiative cannot depend on itself",
            );
        } else if ids.get(dep).is_none() {
            c.report(
                at_init(i, "depends_on"),
                format!("depends on “{dep}”, which is not an initiative in this scenario"),
            );
        }
    }
    for (b, benefit) in init.benefits.iter().enumerate() {
        let at = |f: &str| Location {
            benefit: Some(b),
            ..at_init(i, f)
        };
        // Every input by its descriptor: percentages, and amounts, counts, rates and
        // frequencies that must not be negative.
        c.bounds(&benefit.kind, &at);
        // Inputs each within bounds can still multiply into nonsense (10¹² hours at 10¹² an
        // hour); a benefit worth more than ten times the world's yearly output at the top of
        // its ranges is a typo, and the bound keeps every figure a finite number.
        // (Through `convert`, which the page already has, on a copy at the highest values.)
        let highest = |e: &Estimate| e.high.unwrap_or(e.likely).max(e.likely);
        let mut top = benefit.clone();
        for (f, e) in benefit.kind.estimates() {
            if let Some(x) = top.kind.estimate_mut(f.key) {
                *x = Estimate::point(highest(e));
            }
        }
        let defaults = Defaults {
            hourly_rate: highest(default_hourly_rate),
            hours_per_fte_year: 0.0,
        };
        if convert(&top, &defaults).annual_value > MAX_BENEFIT_PER_YEAR {
            c.report(
                at("value"),
                "is worth more than 10^15 (a million billion) a year, over ten times the world's yearly output: check its inputs",
            );
        }
        // Inputs above their maximum (outage minutes beyond a year's).
        c.maxima(&benefit.kind, &at);
    }
}

/// Reports each dependency cycle once, on the initiative where it is first found.
fn cycles(c: &mut Checker, s: &Scenario, ids: &Ids) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    let n = s.initiatives.len();
    let edges: Vec<Vec<usize>> = s
        .initiatives
        .iter()
        .map(|init| {
            init.depends_on
                .iter()
                .filter(|d| **d != init.id)
                .filter_map(|d| ids.get(d))
                .collect()
        })
        .collect();
    let mut mark = vec![Mark::New; n];
    for start in 0..n {
        if mark[start] != Mark::New {
            continue;
        }
        // Iterative depth-first search; `path` is the active chain.
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        let mut path = vec![start];
        mark[start] = Mark::Active;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&to) = edges[node].get(*next) {
                *next += 1;
                match mark[to] {
                    Mark::New => {
                        mark[to] = Mark::Active;
                        stack.push((to, 0));
                        path.push(to);
                    }
                    Mark::Active => {
                        let from = path.iter().position(|&p| p == to).unwrap_or(0);
                        let names: Vec<String> = path[from..]
                            .iter()
                            .chain(std::iter::once(&to))
                            .map(|&k| format!("“{}”", s.initiatives[k].name))
                            .collect();
                        c.report(
                            at_init(to, "depends_on"),
                            format!("dependency cycle: {}", names.join(" → ")),
                        );
                    }
                    Mark::Done => {}
                }
            } else {
                mark[node] = Mark::Done;
                stack.pop();
                path.pop();
            }
        }
    }
}

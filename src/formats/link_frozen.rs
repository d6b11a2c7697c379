//! FROZEN: the positional form of `c1.` and `c2.` share links, as Caseboard wrote them before
//! `c3.` links (format versions 1 and 2). Links already sent keep opening with this reader, so it
//! does not change: no new field, no new message. `tests/link_frozen.rs` pins it with links
//! built by hand from the form described here, and those fixtures stay forever.
//!
//! The form: the scenario's records as arrays in a fixed field order, trailing fields equal to
//! their default left out, enumerations as small numbers, an estimate as a number or
//! `[low, likely, high]` (`null` for an absent bound), an initiative's scores as a list in
//! criterion order (`null` where there is none) followed, when some score belongs to no
//! criterion, by an object of those. Fields this form never had (unknown fields) read as none.
//!
//! The writer stays for the tests, which build damaged and hostile `c1.`/`c2.` links from it;
//! the app writes `c3.` links only.
//!
//! Reading checks structure and types only; [`validate`](crate::model::validate) judges the figures.

use super::common::{
    describe, fail, id_note, index, join, over, unique_ids, write_num, write_str, R,
};
use crate::model::estimate::Estimate;
use crate::model::limits::{self, List, Text};
use crate::model::scenario::{
    Benefit, BenefitKind, Category, Criterion, Direction, Distribution, Initiative, Period,
    Scenario, SimSettings, BENEFIT_KINDS,
};
use crate::model::schema::Record;
use serde_json::Value;
use std::collections::BTreeMap;

// ---- Writing -----------------------------------------------------------------------------------

/// A JSON tree being written. Object keys keep their order.
#[derive(Debug, Clone)]
enum J {
    Null,
    Num(f64),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
    /// Left out of an object; `null` in a list.
    Absent,
}

impl PartialEq for J {
    /// Numbers compare by bits, so -0 differs from 0.
    fn eq(&self, other: &J) -> bool {
        match (self, other) {
            (J::Num(a), J::Num(b)) => a.to_bits() == b.to_bits(),
            (J::Null, J::Null) | (J::Absent, J::Absent) => true,
            (J::Str(a), J::Str(b)) => a == b,
            (J::Arr(a), J::Arr(b)) => a == b,
            (J::Obj(a), J::Obj(b)) => a == b,
            _ => false,
        }
    }
}

impl J {
    /// The compact text.
    fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            J::Null | J::Absent => out.push_str("null"),
            J::Num(x) => write_num(*x, out),
            J::Str(s) => write_str(s, out),
            J::Arr(items) if items.is_empty() => out.push_str("[]"),
            J::Obj(items) if items.is_empty() => out.push_str("{}"),
            J::Arr(items) => {
                out.push('[');
                for (n, item) in items.iter().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            J::Obj(items) => {
                out.push('{');
                for (n, (k, v)) in items.iter().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    write_str(k, out);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

fn text(s: &str) -> J {
    J::Str(s.to_string())
}

struct Writer;

impl Writer {
    /// A record: an object, or a list without the trailing fields equal to `defaults`' (but at
    /// least `keep` fields).
    fn record(&self, fields: Vec<(&str, J)>, defaults: Option<Vec<(&str, J)>>, keep: usize) -> J {
        let defaults = defaults.unwrap_or_default();
        let mut values: Vec<J> = fields
            .into_iter()
            .map(|(_, v)| if v == J::Absent { J::Null } else { v })
            .collect();
        while values.len() > keep
            && defaults
                .get(values.len() - 1)
                .is_some_and(|(_, d)| Some(d) == values.last())
        {
            values.pop();
        }
        J::Arr(values)
    }

    fn est(&self, e: &Estimate) -> J {
        if e.is_range() {
            J::Arr(vec![
                e.low.map_or(J::Null, J::Num),
                J::Num(e.likely),
                e.high.map_or(J::Null, J::Num),
            ])
        } else {
            J::Num(e.likely)
        }
    }

    fn opt_est(&self, e: &Option<Estimate>) -> J {
        e.as_ref().map_or(J::Absent, |e| self.est(e))
    }

    fn choice(&self, _names: &[&str], n: usize) -> J {
        J::Num(n as f64)
    }

    fn scenario(&self, s: &Scenario, with_defaults: bool) -> J {
        let fields = vec![
            ("name", text(&s.name)),
            (
                "initiatives",
                J::Arr(
                    s.initiatives
                        .iter()
                        .map(|i| self.initiative(i, &s.criteria))
                        .collect(),
                ),
            ),
            ("currency", text(&s.currency)),
            ("horizon_years", J::Num(f64::from(s.horizon_years))),
            ("discount_rate_pct", self.est(&s.discount_rate_pct)),
            ("default_hourly_rate", self.est(&s.default_hourly_rate)),
            ("hours_per_fte_year", J::Num(s.hours_per_fte_year)),
            (
                "criteria",
                J::Arr(s.criteria.iter().map(|c| self.criterion(c)).collect()),
            ),
            ("simulation", self.simulation(&s.simulation)),
        ];
        let defaults = with_defaults.then(|| match self.scenario(&Scenario::default(), false) {
            J::Arr(v) => v.into_iter().map(|v| ("", v)).collect(),
            _ => Vec::new(),
        });
        self.record(fields, defaults, 0)
    }

    /// Format version 2. Positional: `[trials, seed, distribution]`, trailing defaults left out
    /// (so a scenario with the default settings ends where a version 1 link did).
    fn simulation(&self, m: &SimSettings) -> J {
        let fields = |m: &SimSettings| {
            vec![
                ("trials", J::Num(f64::from(m.trials))),
                ("seed", J::Num(f64::from(m.seed))),
                (
                    "distribution",
                    self.choice(&DISTRIBUTIONS, m.distribution as usize),
                ),
            ]
        };
        self.record(fields(m), Some(fields(&SimSettings::default())), 0)
    }

    fn criterion(&self, c: &Criterion) -> J {
        let fields = |c: &Criterion| {
            vec![
                ("id", text(&c.id)),
                ("name", text(&c.name)),
                ("weight", J::Num(c.weight)),
                (
                    "direction",
                    self.choice(&DIRECTIONS, direction_index(c.direction)),
                ),
            ]
        };
        let default = Criterion::new("", "", Direction::HigherIsBetter);
        self.record(fields(c), Some(fields(&default)), 0)
    }

    fn initiative(&self, i: &Initiative, criteria: &[Criterion]) -> J {
        let fields = |i: &Initiative| {
            vec![
                ("id", text(&i.id)),
                ("name", text(&i.name)),
                (
                    "category",
                    self.choice(&CATEGORIES, category_index(i.category)),
                ),
                ("notes", text(&i.notes)),
                ("one_time_cost", self.est(&i.one_time_cost)),
                ("annual_running_cost", self.est(&i.annual_running_cost)),
                ("delivery_months", self.est(&i.delivery_months)),
                ("ramp_up_months", self.est(&i.ramp_up_months)),
                ("confidence_pct", self.est(&i.confidence_pct)),
                ("scores", self.scores(&i.scores, criteria)),
                (
                    "depends_on",
                    J::Arr(i.depends_on.iter().map(|d| text(d)).collect()),
                ),
                (
                    "benefits",
                    J::Arr(i.benefits.iter().map(|b| self.benefit(b)).collect()),
                ),
            ]
        };
        // The positional order puts what is most often left at its default last.
        fn reorder(f: Vec<(&str, J)>) -> Vec<(&str, J)> {
            let mut taken: Vec<Option<(&str, J)>> = f.into_iter().map(Some).collect();
            [0, 1, 4, 5, 6, 7, 8, 9, 11, 2, 3, 10]
                .iter()
                .filter_map(|&n| taken.get_mut(n).and_then(Option::take))
                .collect()
        }
        let defaults = reorder(fields(&Initiative::default()));
        self.record(reorder(fields(i)), Some(defaults), 0)
    }

    fn scores(&self, scores: &BTreeMap<String, f64>, criteria: &[Criterion]) -> J {
        let mut listed: Vec<J> = criteria
            .iter()
            .map(|c| scores.get(&c.id).map_or(J::Null, |v| J::Num(*v)))
            .collect();
        let extra: Vec<(String, J)> = scores
            .iter()
            .filter(|(k, _)| !criteria.iter().any(|c| &c.id == *k))
            .map(|(k, v)| (k.clone(), J::Num(*v)))
            .collect();
        if extra.is_empty() {
            while listed.last() == Some(&J::Null) {
                listed.pop();
            }
        } else {
            listed.push(J::Obj(extra));
        }
        J::Arr(listed)
    }

    fn benefit(&self, b: &Benefit) -> J {
        let fields = |b: &Benefit| {
            let n = kind_index(&b.kind);
            let mut f = vec![
                ("kind", self.choice(&BENEFIT_KINDS, n)),
                ("label", text(&b.label)),
            ];
            let mut kind = b.kind.clone();
            for name in KIND_FIELDS.get(n).copied().unwrap_or_default() {
                let v = match (*name, &mut kind) {
                    (
                        "per",
                        BenefitKind::HoursSaved(crate::model::scenario::HoursSaved { per, .. }),
                    ) => self.choice(&PERIODS, period_index(*per)),
                    ("hourly_rate", k) => {
                        k.hourly_rate_mut().map_or(J::Absent, |r| self.opt_est(r))
                    }
                    (name, k) => k.estimate_mut(name).map_or(J::Absent, |e| self.est(e)),
                };
                f.push((name, v));
            }
            f
        };
        let blank = Benefit {
            label: String::new(),
            kind: blank_kind(kind_index(&b.kind)).unwrap_or_else(|| b.kind.clone()),
            unknown: Default::default(),
            sources: Default::default(),
        };
        self.record(fields(b), Some(fields(&blank)), 1)
    }
}

/// Each benefit kind's fields after `kind` and `label`, in the order of both forms (as
/// [`BENEFIT_KINDS`]).
const KIND_FIELDS: [&[&str]; 5] = [
    &[
        "hours",
        "per",
        "hourly_rate",
        "adoption_pct",
        "recapture_pct",
    ],
    &[
        "baseline_minutes_per_year",
        "reduction_pct",
        "revenue_per_minute",
        "revenue_impact_pct",
        "affected_staff",
        "hourly_rate",
        "productivity_loss_pct",
        "incidents_avoided_per_year",
        "cost_per_incident",
    ],
    &[
        "events_per_year",
        "loss_per_event",
        "likelihood_reduction_pct",
        "impact_reduction_pct",
    ],
    &["amount_per_year"],
    &["revenue_per_year", "margin_pct"],
];

/// The scenario's positional form as compact JSON text.
pub(crate) fn write(s: &Scenario) -> String {
    Writer.scenario(s, true).text()
}

const CATEGORIES: [&str; 3] = ["mandatory", "strategic", "operational"];
const DIRECTIONS: [&str; 2] = ["higher_is_better", "lower_is_better"];
const DISTRIBUTIONS: [&str; 2] = ["pert", "lognormal"];
const PERIODS: [&str; 3] = ["week", "month", "year"];

fn category_index(c: Category) -> usize {
    Category::ALL.iter().position(|x| *x == c).unwrap_or(0)
}

fn direction_index(d: Direction) -> usize {
    match d {
        Direction::HigherIsBetter => 0,
        Direction::LowerIsBetter => 1,
    }
}

fn period_index(p: Period) -> usize {
    Period::ALL.iter().position(|x| *x == p).unwrap_or(0)
}

fn kind_index(k: &BenefitKind) -> usize {
    BENEFIT_KINDS
        .iter()
        .position(|n| *n == k.kind_name())
        .unwrap_or(0)
}

fn blank_kind(n: usize) -> Option<BenefitKind> {
    BENEFIT_KINDS.get(n).and_then(|k| BenefitKind::blank(k))
}

// ---- Reading -----------------------------------------------------------------------------------
//
// Written for size: no generic helpers, loops instead of iterator adapters (each instantiation
// is wasm).

/// A record being read: a list of at most so many fields.
struct Rec<'a> {
    fields: &'a [Value],
    path: String,
}

impl<'a> Rec<'a> {
    /// Opens `v` as a record of at most `max` positional fields.
    fn open(v: &'a Value, path: String, max: usize) -> R<Self> {
        let fields = match v {
            Value::Array(a) if a.len() <= max => a,
            Value::Array(a) => {
                return fail(
                    &path,
                    format!("{} fields where there are at most {max}", a.len()),
                )
            }
            v => return fail(&path, format!("expected a list, found {}", describe(v))),
        };
        Ok(Rec { fields, path })
    }

    fn len(&self) -> usize {
        self.fields.len()
    }

    /// Field `i` and its path (named `name`); `None` when it is left out.
    fn get(&self, i: usize, name: &str) -> Option<(&'a Value, String)> {
        self.fields.get(i).map(|v| (v, join(&self.path, name)))
    }

    fn text(&self, i: usize, name: &str, default: &str, kind: Text) -> R<String> {
        match self.get(i, name) {
            Some((v, p)) => read_text(v, &p, kind),
            None => Ok(default.to_string()),
        }
    }

    fn number(&self, i: usize, name: &str, default: f64) -> R<f64> {
        match self.get(i, name) {
            Some((v, p)) => read_number(v, &p),
            None => Ok(default),
        }
    }

    fn est(&self, i: usize, name: &str, default: Estimate) -> R<Estimate> {
        match self.get(i, name) {
            Some((v, p)) => read_est(v, &p),
            None => Ok(default),
        }
    }

    fn opt_est(&self, i: usize, name: &str) -> R<Option<Estimate>> {
        match self.get(i, name) {
            None | Some((Value::Null, _)) => Ok(None),
            Some((v, p)) => read_est(v, &p).map(Some),
        }
    }

    /// The position of one of `names`, written as its index.
    fn choice(&self, i: usize, name: &str, names: &[&str], default: usize) -> R<usize> {
        let Some((v, p)) = self.get(i, name) else {
            return Ok(default);
        };
        match v
            .as_u64()
            .and_then(|c| usize::try_from(c).ok())
            .filter(|c| *c < names.len())
        {
            Some(c) => Ok(c),
            None => fail(&p, format!("unknown code {}", describe(v))),
        }
    }

    /// A whole number from 0 to 2³² − 1.
    fn whole(&self, i: usize, name: &str, default: u32) -> R<u32> {
        match self.get(i, name) {
            None => Ok(default),
            Some((v, p)) => match v.as_u64().and_then(|h| u32::try_from(h).ok()) {
                Some(h) => Ok(h),
                None => fail(
                    &p,
                    format!("expected a whole number, found {}", describe(v)),
                ),
            },
        }
    }

    /// A list and its path (empty when the field is missing), refused when it holds more than
    /// `kind` may (before any of it is read).
    fn list(&self, i: usize, name: &str, kind: List) -> R<(&'a [Value], String)> {
        match self.get(i, name) {
            None => Ok((&[], String::new())),
            Some((Value::Array(a), p)) => match limits::too_many(kind, a.len()) {
                Some(m) => over(&p, m),
                None => Ok((a, p)),
            },
            Some((v, p)) => fail(&p, format!("expected a list, found {}", describe(v))),
        }
    }
}

fn read_text(v: &Value, path: &str, kind: Text) -> R<String> {
    match v {
        Value::String(s) => match limits::too_long(kind, s) {
            Some(m) => over(path, m),
            None => Ok(s.clone()),
        },
        v => fail(path, format!("expected a string, found {}", describe(v))),
    }
}

fn read_number(v: &Value, path: &str) -> R<f64> {
    match (v, v.as_f64()) {
        (Value::Number(_), Some(x)) => Ok(x),
        _ => fail(path, format!("expected a number, found {}", describe(v))),
    }
}

fn read_bound(v: Option<&Value>, path: &str) -> R<Option<f64>> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(v) => read_number(v, path).map(Some),
    }
}

fn read_est(v: &Value, path: &str) -> R<Estimate> {
    match v {
        Value::Number(_) => read_number(v, path).map(Estimate::point),
        Value::Array(a) if a.len() == 3 => Ok(Estimate {
            low: read_bound(a.first(), &index(path, 0))?,
            likely: read_number(&a[1], &index(path, 1))?,
            high: read_bound(a.get(2), &index(path, 2))?,
        }),
        v => fail(
            path,
            format!(
                "expected a number or [low, likely, high], found {}",
                describe(v)
            ),
        ),
    }
}

/// Reads a scenario's positional form. Also returns what reading changed, for the user to hear
/// (ids given to initiatives or criteria that had none or shared one).
pub(crate) fn read(v: &Value) -> R<(Scenario, Vec<String>)> {
    let d = Scenario::default();
    let r = Rec::open(v, String::new(), 9)?;
    let mut criteria = d.criteria;
    let (list, p) = r.list(7, "criteria", List::Criteria)?;
    if !p.is_empty() {
        criteria = Vec::with_capacity(list.len());
        for (n, c) in list.iter().enumerate() {
            criteria.push(read_criterion(c, index(&p, n))?);
        }
    }
    let mut notes = Vec::new();
    // Before the scores are read: they are keyed by criterion id.
    let renamed = unique_ids(criteria.iter_mut().map(|c| &mut c.id), "criterion");
    for (at, old, new) in &renamed {
        notes.push(id_note("criterion", &criteria[*at].name, old, new));
    }
    let (list, p) = r.list(1, "initiatives", List::Initiatives)?;
    let mut initiatives = Vec::with_capacity(list.len());
    for (n, i) in list.iter().enumerate() {
        let mut initiative = read_initiative(i, index(&p, n), &criteria)?;
        // A score given under a criterion's old id goes to each criterion that had it.
        for (_, old, new) in &renamed {
            if let Some(v) = initiative.scores.get(old).copied() {
                initiative.scores.entry(new.clone()).or_insert(v);
            }
        }
        initiatives.push(initiative);
    }
    // Duplicate or empty ids would hide cards and confuse dependencies: each gets a new one (a
    // dependency on a duplicated id stays with the first initiative that had it).
    for (at, old, new) in unique_ids(initiatives.iter_mut().map(|i| &mut i.id), "initiative") {
        notes.push(id_note("initiative", &initiatives[at].name, &old, &new));
    }
    let horizon_years = match r.get(3, "horizon_years") {
        None => d.horizon_years,
        Some((v, p)) => match v.as_u64().and_then(|h| u32::try_from(h).ok()) {
            Some(h) => h,
            None => {
                return fail(
                    &p,
                    format!("expected a whole number, found {}", describe(v)),
                )
            }
        },
    };
    let scenario = Scenario {
        portfolio: Default::default(),
        goals: Vec::new(),
        tracking: Default::default(),
        fit_from_goals: false,
        correlations: Vec::new(),
        risk_tolerance: Vec::new(),
        name: r.text(0, "name", &d.name, Text::Name)?,
        initiatives,
        currency: r.text(2, "currency", &d.currency, Text::Currency)?,
        horizon_years,
        discount_rate_pct: r.est(4, "discount_rate_pct", d.discount_rate_pct)?,
        default_hourly_rate: r.est(5, "default_hourly_rate", d.default_hourly_rate)?,
        hours_per_fte_year: r.number(6, "hours_per_fte_year", d.hours_per_fte_year)?,
        criteria,
        simulation: match r.get(8, "simulation") {
            None => d.simulation,
            Some((v, p)) => {
                let m = Rec::open(v, p, 3)?;
                let s = SimSettings::default();
                SimSettings {
                    trials: m.whole(0, "trials", s.trials)?,
                    seed: m.whole(1, "seed", s.seed)?,
                    distribution: Distribution::ALL
                        [m.choice(2, "distribution", &DISTRIBUTIONS, 0)?],
                    unknown: Default::default(),
                }
            }
        },
        unknown: Default::default(),
    };
    Ok((scenario, notes))
}

fn read_criterion(v: &Value, path: String) -> R<Criterion> {
    let r = Rec::open(v, path, 4)?;
    let direction = match r.choice(3, "direction", &DIRECTIONS, 0)? {
        0 => Direction::HigherIsBetter,
        _ => Direction::LowerIsBetter,
    };
    Ok(Criterion {
        id: r.text(0, "id", "", Text::Id)?,
        name: r.text(1, "name", "", Text::Name)?,
        weight: r.number(2, "weight", 1.0)?,
        direction,
        unknown: Default::default(),
    })
}

fn read_scores(r: &Rec<'_>, criteria: &[Criterion]) -> R<BTreeMap<String, f64>> {
    let mut scores = BTreeMap::new();
    let Some((v, path)) = r.get(7, "scores") else {
        return Ok(scores);
    };
    match v {
        Value::Array(listed) => {
            for (n, s) in listed.iter().enumerate() {
                match (criteria.get(n), s) {
                    (Some(_), Value::Null) => {}
                    (Some(c), s) => {
                        scores.insert(c.id.clone(), read_number(s, &index(&path, n))?);
                    }
                    (None, Value::Object(extra)) if n + 1 == listed.len() => {
                        if let Some(m) = limits::too_many(List::Criteria, extra.len()) {
                            return over(&path, m);
                        }
                        for (k, s) in extra {
                            scores.insert(k.clone(), read_number(s, &join(&path, k))?);
                        }
                    }
                    (None, _) => {
                        return fail(
                            &path,
                            format!("{} scores for {} criteria", listed.len(), criteria.len()),
                        )
                    }
                }
            }
        }
        v => return fail(&path, format!("expected a list, found {}", describe(v))),
    }
    Ok(scores)
}

fn read_initiative(v: &Value, path: String, criteria: &[Criterion]) -> R<Initiative> {
    let d = Initiative::default();
    let r = Rec::open(v, path, 12)?;
    // Positions: id, name, the five estimates, scores, benefits, category, notes, depends_on.
    let (list, p) = r.list(8, "benefits", List::Benefits)?;
    let mut benefits = Vec::with_capacity(list.len());
    for (n, b) in list.iter().enumerate() {
        benefits.push(read_benefit(b, index(&p, n))?);
    }
    let (list, p) = r.list(11, "depends_on", List::DependsOn)?;
    let mut depends_on = Vec::with_capacity(list.len());
    for (n, id) in list.iter().enumerate() {
        depends_on.push(read_text(id, &index(&p, n), Text::Id)?);
    }
    let category = r.choice(9, "category", &CATEGORIES, category_index(d.category))?;
    let mut i = Initiative {
        id: r.text(0, "id", &d.id, Text::Id)?,
        name: r.text(1, "name", &d.name, Text::Name)?,
        scores: read_scores(&r, criteria)?,
        benefits,
        category: Category::ALL.get(category).copied().unwrap_or(d.category),
        notes: r.text(10, "notes", &d.notes, Text::Notes)?,
        depends_on,
        ..d
    };
    for (k, name) in INITIATIVE_ESTIMATES.iter().enumerate() {
        if let Some(e) = i.estimate_mut(name) {
            *e = r.est(k + 2, name, *e)?;
        }
    }
    Ok(i)
}

/// An initiative's estimates, in the form's order.
const INITIATIVE_ESTIMATES: [&str; 5] = [
    "one_time_cost",
    "annual_running_cost",
    "delivery_months",
    "ramp_up_months",
    "confidence_pct",
];

fn read_benefit(v: &Value, path: String) -> R<Benefit> {
    let r = Rec::open(v, path, 11)?;
    let n = match r.len() {
        // A list without even its kind.
        0 => return fail(&join(&r.path, "kind"), "missing".into()),
        _ => r.choice(0, "kind", &BENEFIT_KINDS, 0)?,
    };
    let (Some(mut kind), Some(names)) = (blank_kind(n), KIND_FIELDS.get(n)) else {
        return fail(&join(&r.path, "kind"), format!("unknown code {n}"));
    };
    let max = 2 + names.len();
    if r.len() > max {
        return fail(
            &r.path,
            format!(
                "{} fields where a {} has at most {max}",
                r.len(),
                kind.kind_name()
            ),
        );
    }
    for (k, name) in names.iter().enumerate() {
        let i = k + 2;
        match (*name, &mut kind) {
            ("per", BenefitKind::HoursSaved(crate::model::scenario::HoursSaved { per, .. })) => {
                let c = r.choice(i, name, &PERIODS, period_index(*per))?;
                *per = Period::ALL.get(c).copied().unwrap_or(*per);
            }
            ("hourly_rate", k) => {
                if let Some(rate) = k.hourly_rate_mut() {
                    *rate = r.opt_est(i, name)?;
                }
            }
            (name, k) => {
                if let Some(e) = k.estimate_mut(name) {
                    *e = r.est(i, name, *e)?;
                }
            }
        }
    }
    Ok(Benefit {
        label: r.text(1, "label", "", Text::Name)?,
        kind,
        unknown: Default::default(),
        sources: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The frozen table names each kind's inputs as version 2 had them, in their order: the
    /// first inputs of today's records (inputs added later come after them and are not in it).
    #[test]
    fn kind_fields_are_the_first_inputs_of_each_kind_in_form_order() {
        for (n, name) in BENEFIT_KINDS.iter().enumerate() {
            let mut kind = BenefitKind::blank(name).unwrap();
            if let Some(rate) = kind.hourly_rate_mut() {
                *rate = Some(Estimate::point(1.0));
            }
            let mut expected: Vec<&str> = kind.estimates().iter().map(|(f, _)| f.key).collect();
            if let BenefitKind::HoursSaved(_) = kind {
                expected.insert(1, "per");
            }
            assert_eq!(KIND_FIELDS[n], &expected[..KIND_FIELDS[n].len()], "{name}");
        }
    }
}

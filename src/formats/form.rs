//! The scenario's two JSON forms, written and read by one hand-written codec:
//!
//! * **named**, the saved-file form (README, "Scenario format"): objects with field names;
//! * **positional**, the share-link form: the same records as arrays in a fixed field order,
//!   trailing fields equal to their default left out, enumerations as small numbers, an
//!   estimate as a number or `[low, likely, high]` (`null` for an absent bound), an initiative's
//!   scores as a list in criterion order (`null` where there is none) followed, when some score
//!   belongs to no criterion, by an object of those.
//!
//! serde_json parses the text; this module walks the parsed tree, so every error names its field
//! (`initiatives[2].benefits[0].hours: expected a number …`). It replaces the serde derives of
//! the model types for the app's own reading and writing: those (with `flatten`, tagged and
//! untagged enums and path tracking) cost tens of KB of wasm. The derives stay, and the tests use
//! them as the oracle of the named form.
//!
//! Numbers are written as the shortest text that reads back to the same `f64` (whole numbers
//! without a fraction, `-0` with its sign), so a scenario survives either form bit for bit.
//! Reading checks structure and types only; [`validate`](crate::model::validate) judges the figures.

use crate::model::estimate::Estimate;
use crate::model::limits::{self, List, Text};
use crate::model::scenario::{
    Benefit, BenefitKind, Category, Criterion, Direction, Distribution, Initiative, Period,
    Scenario, SimSettings, BENEFIT_KINDS,
};
use crate::model::schema::Record;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Named,
    Positional,
}

// ---- Writing -----------------------------------------------------------------------------------

/// A JSON tree being written. Object keys keep their order.
#[derive(Debug, Clone)]
pub(crate) enum J {
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
    pub(crate) fn obj(fields: Vec<(&str, J)>) -> J {
        J::Obj(
            fields
                .into_iter()
                .filter(|(_, v)| *v != J::Absent)
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    /// The text: compact, or indented by two spaces.
    pub(crate) fn text(&self, pretty: bool) -> String {
        let mut out = String::new();
        self.write(&mut out, pretty.then_some(0));
        out
    }

    fn write(&self, out: &mut String, indent: Option<usize>) {
        let newline = |out: &mut String, depth: usize| {
            out.push('\n');
            for _ in 0..depth {
                out.push_str("  ");
            }
        };
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
                    if let Some(d) = indent {
                        newline(out, d + 1);
                    }
                    item.write(out, indent.map(|d| d + 1));
                }
                if let Some(d) = indent {
                    newline(out, d);
                }
                out.push(']');
            }
            J::Obj(items) => {
                out.push('{');
                for (n, (k, v)) in items.iter().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    if let Some(d) = indent {
                        newline(out, d + 1);
                    }
                    write_str(k, out);
                    out.push_str(if indent.is_some() { ": " } else { ":" });
                    v.write(out, indent.map(|d| d + 1));
                }
                if let Some(d) = indent {
                    newline(out, d);
                }
                out.push('}');
            }
        }
    }
}

/// The shortest text that reads back to the same bits: Rust's `Display` (decimal notation,
/// whole numbers without a fraction, `-0` with its sign; serde_json reads `-0` as -0.0). It is
/// the formatting the app already uses, so it costs no wasm. Non-finite numbers, which no valid
/// input holds, are written as `null`.
fn write_num(x: f64, out: &mut String) {
    if x.is_finite() {
        let _ = write!(out, "{x}");
    } else {
        out.push_str("null");
    }
}

fn write_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn text(s: &str) -> J {
    J::Str(s.to_string())
}

struct Writer {
    form: Form,
}

impl Writer {
    /// A record: an object, or a list without the trailing fields equal to `defaults`' (but at
    /// least `keep` fields).
    fn record(&self, fields: Vec<(&str, J)>, defaults: Option<Vec<(&str, J)>>, keep: usize) -> J {
        if self.form == Form::Named {
            return J::obj(fields);
        }
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
        match (self.form, e.is_range()) {
            (_, false) => J::Num(e.likely),
            (Form::Named, true) => J::obj(vec![
                ("low", e.low.map_or(J::Absent, J::Num)),
                ("likely", J::Num(e.likely)),
                ("high", e.high.map_or(J::Absent, J::Num)),
            ]),
            (Form::Positional, true) => J::Arr(vec![
                e.low.map_or(J::Null, J::Num),
                J::Num(e.likely),
                e.high.map_or(J::Null, J::Num),
            ]),
        }
    }

    fn opt_est(&self, e: &Option<Estimate>) -> J {
        e.as_ref().map_or(J::Absent, |e| self.est(e))
    }

    fn choice(&self, names: &[&str], n: usize) -> J {
        match self.form {
            Form::Named => text(names.get(n).copied().unwrap_or_default()),
            Form::Positional => J::Num(n as f64),
        }
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
        let fields = if self.form == Form::Named {
            // The README's order.
            let mut f = fields;
            let initiatives = f.remove(1);
            f.push(initiatives);
            f
        } else {
            fields
        };
        let positional = with_defaults && self.form == Form::Positional;
        let defaults = positional.then(|| match self.scenario(&Scenario::default(), false) {
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
        if self.form == Form::Named {
            return self.record(fields(i), None, 0);
        }
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
        if self.form == Form::Named {
            return J::Obj(
                scores
                    .iter()
                    .map(|(k, v)| (k.clone(), J::Num(*v)))
                    .collect(),
            );
        }
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
            // serde's order: the label, then the kind's tag and fields.
            if self.form == Form::Named {
                f.swap(0, 1);
            }
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

/// The scenario in either form.
pub(crate) fn write(s: &Scenario, form: Form) -> J {
    Writer { form }.scenario(s, true)
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

/// What is wrong and where: `path` like `initiatives[0].benefits[1].hours`, empty for the whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldError {
    pub path: String,
    pub message: String,
    /// Refused for holding more than `model::limits` allows, not for being malformed.
    pub over_limit: bool,
}

type R<T> = Result<T, FieldError>;

fn fail<T>(path: &str, message: String) -> R<T> {
    Err(FieldError {
        path: path.to_string(),
        message,
        over_limit: false,
    })
}

/// [`fail`] for a list or text beyond its limit.
fn over<T>(path: &str, message: String) -> R<T> {
    Err(FieldError {
        path: path.to_string(),
        message,
        over_limit: true,
    })
}

/// A short description of a JSON value for messages: `the string "abc"`, `a list`, `null`.
pub(crate) fn describe(v: &Value) -> String {
    let mut out = String::new();
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => write_num(n.as_f64().unwrap_or(f64::NAN), &mut out),
        Value::String(s) if s.len() > 60 => out.push_str("a long string"),
        Value::String(s) => {
            out.push_str("the string ");
            write_str(s, &mut out);
        }
        Value::Array(_) => out.push_str("a list"),
        Value::Object(_) => out.push_str("an object"),
    }
    out
}

fn join(path: &str, name: &str) -> String {
    let mut out = path.to_string();
    if !path.is_empty() && !name.starts_with('[') {
        out.push('.');
    }
    out.push_str(name);
    out
}

fn index(path: &str, n: usize) -> String {
    format!("{path}[{n}]")
}

/// `expected "a", "b" or "c", found …`.
fn expected_one_of(names: &[&str], v: &Value) -> String {
    let mut out = "expected ".to_string();
    for (n, name) in names.iter().enumerate() {
        if n > 0 {
            out.push_str(if n + 1 == names.len() { " or " } else { ", " });
        }
        write_str(name, &mut out);
    }
    out.push_str(", found ");
    out.push_str(&describe(v));
    out
}

const ESTIMATE: &str = "a number or {\"low\": …, \"likely\": …, \"high\": …}";

enum Fields<'a> {
    Named(&'a Map<String, Value>),
    Positional(&'a [Value]),
}

/// A record being read.
struct Rec<'a> {
    fields: Fields<'a>,
    path: String,
}

impl<'a> Rec<'a> {
    /// Opens `v` as a record of at most `max` positional fields.
    fn open(form: Form, v: &'a Value, path: String, max: usize) -> R<Self> {
        let fields = match (form, v) {
            (Form::Named, Value::Object(m)) => Fields::Named(m),
            (Form::Positional, Value::Array(a)) if a.len() <= max => Fields::Positional(a),
            (Form::Positional, Value::Array(a)) => {
                return fail(
                    &path,
                    format!("{} fields where there are at most {max}", a.len()),
                )
            }
            (Form::Named, v) => {
                return fail(&path, format!("expected an object, found {}", describe(v)))
            }
            (Form::Positional, v) => {
                return fail(&path, format!("expected a list, found {}", describe(v)))
            }
        };
        Ok(Rec { fields, path })
    }

    fn form(&self) -> Form {
        match self.fields {
            Fields::Named(_) => Form::Named,
            Fields::Positional(_) => Form::Positional,
        }
    }

    fn len(&self) -> usize {
        match self.fields {
            Fields::Named(m) => m.len(),
            Fields::Positional(a) => a.len(),
        }
    }

    /// Field `i` (positional) or `name` (named) and its path. `Ok(None)` when it is missing and
    /// may be: only the named form requires fields.
    fn get(&self, i: usize, name: &str, required: bool) -> R<Option<(&'a Value, String)>> {
        let path = join(&self.path, name);
        let v = match self.fields {
            Fields::Named(m) => m.get(name),
            Fields::Positional(a) => a.get(i),
        };
        match v {
            Some(v) => Ok(Some((v, path))),
            None if required && self.form() == Form::Named => fail(&path, "missing".into()),
            None => Ok(None),
        }
    }

    fn text(&self, i: usize, name: &str, required: bool, default: &str, kind: Text) -> R<String> {
        match self.get(i, name, required)? {
            Some((v, p)) => read_text(v, &p, kind),
            None => Ok(default.to_string()),
        }
    }

    fn number(&self, i: usize, name: &str, required: bool, default: f64) -> R<f64> {
        match self.get(i, name, required)? {
            Some((v, p)) => read_number(v, &p),
            None => Ok(default),
        }
    }

    fn est(&self, i: usize, name: &str, required: bool, default: Estimate) -> R<Estimate> {
        match self.get(i, name, required)? {
            Some((v, p)) => read_est(self.form(), v, &p),
            None => Ok(default),
        }
    }

    fn opt_est(&self, i: usize, name: &str) -> R<Option<Estimate>> {
        match self.get(i, name, false)? {
            None | Some((Value::Null, _)) => Ok(None),
            Some((v, p)) => read_est(self.form(), v, &p).map(Some),
        }
    }

    /// One of `names`: the name in the named form, its index in the positional one.
    fn choice(
        &self,
        i: usize,
        name: &str,
        required: bool,
        names: &[&str],
        default: usize,
    ) -> R<usize> {
        let Some((v, p)) = self.get(i, name, required)? else {
            return Ok(default);
        };
        let found = match (self.form(), v) {
            (Form::Named, Value::String(s)) => names.iter().position(|n| n == s),
            (Form::Positional, v) => v
                .as_u64()
                .and_then(|c| usize::try_from(c).ok())
                .filter(|c| *c < names.len()),
            _ => None,
        };
        match (found, self.form()) {
            (Some(c), _) => Ok(c),
            (None, Form::Named) => fail(&p, expected_one_of(names, v)),
            (None, Form::Positional) => fail(&p, format!("unknown code {}", describe(v))),
        }
    }

    /// A whole number from 0 to 2³² − 1.
    fn whole(&self, i: usize, name: &str, default: u32) -> R<u32> {
        match self.get(i, name, false)? {
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
        match self.get(i, name, false)? {
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

fn read_est(form: Form, v: &Value, path: &str) -> R<Estimate> {
    match (form, v) {
        (_, Value::Number(_)) => read_number(v, path).map(Estimate::point),
        (Form::Named, Value::Object(o)) => {
            for k in o.keys() {
                if !matches!(k.as_str(), "low" | "likely" | "high") {
                    let mut m = "unknown field ".to_string();
                    write_str(k, &mut m);
                    m.push_str("; expected ");
                    m.push_str(ESTIMATE);
                    return fail(path, m);
                }
            }
            let likely = match o.get("likely") {
                None => return fail(&join(path, "likely"), "missing".into()),
                Some(v) => read_number(v, &join(path, "likely"))?,
            };
            Ok(Estimate {
                likely,
                low: read_bound(o.get("low"), &join(path, "low"))?,
                high: read_bound(o.get("high"), &join(path, "high"))?,
            })
        }
        (Form::Positional, Value::Array(a)) if a.len() == 3 => Ok(Estimate {
            low: read_bound(a.first(), &index(path, 0))?,
            likely: read_number(&a[1], &index(path, 1))?,
            high: read_bound(a.get(2), &index(path, 2))?,
        }),
        (Form::Named, v) => fail(path, format!("expected {ESTIMATE}, found {}", describe(v))),
        (Form::Positional, v) => fail(
            path,
            format!(
                "expected a number or [low, likely, high], found {}",
                describe(v)
            ),
        ),
    }
}

/// Reads a scenario in `form`; error paths start with `prefix`.
/// Also returns what reading changed, for the user to hear (ids given to initiatives or criteria
/// that had none or shared one).
pub(crate) fn read(v: &Value, form: Form, prefix: &str) -> R<(Scenario, Vec<String>)> {
    let d = Scenario::default();
    let r = Rec::open(form, v, prefix.to_string(), 9)?;
    let mut criteria = d.criteria;
    let (list, p) = r.list(7, "criteria", List::Criteria)?;
    if !p.is_empty() {
        criteria = Vec::with_capacity(list.len());
        for (n, c) in list.iter().enumerate() {
            criteria.push(read_criterion(form, c, index(&p, n))?);
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
        let mut initiative = read_initiative(form, i, index(&p, n), &criteria)?;
        // A score given under a criterion's old id (the named form) goes to each criterion
        // that had it.
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
    let horizon_years = match r.get(3, "horizon_years", false)? {
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
        name: r.text(0, "name", false, &d.name, Text::Name)?,
        initiatives,
        currency: r.text(2, "currency", false, &d.currency, Text::Currency)?,
        horizon_years,
        discount_rate_pct: r.est(4, "discount_rate_pct", false, d.discount_rate_pct)?,
        default_hourly_rate: r.est(5, "default_hourly_rate", false, d.default_hourly_rate)?,
        hours_per_fte_year: r.number(6, "hours_per_fte_year", false, d.hours_per_fte_year)?,
        criteria,
        simulation: match r.get(8, "simulation", false)? {
            None => d.simulation,
            Some((v, p)) => {
                let m = Rec::open(form, v, p, 3)?;
                let s = SimSettings::default();
                SimSettings {
                    trials: m.whole(0, "trials", s.trials)?,
                    seed: m.whole(1, "seed", s.seed)?,
                    distribution: Distribution::ALL
                        [m.choice(2, "distribution", false, &DISTRIBUTIONS, 0)?],
                }
            }
        },
    };
    Ok((scenario, notes))
}

/// Makes `ids` non-empty and unique, in order: an empty one becomes `stem-N`, a repeated one
/// `id-2` (or `-3`, …). Returns (position, old id, new id) of each change.
fn unique_ids<'a>(
    ids: impl Iterator<Item = &'a mut String>,
    stem: &str,
) -> Vec<(usize, String, String)> {
    let ids: Vec<&mut String> = ids.collect();
    let mut taken: std::collections::BTreeSet<String> = ids
        .iter()
        .filter(|id| !id.is_empty())
        .map(|id| id.to_string())
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let mut changed = Vec::new();
    for (at, id) in ids.into_iter().enumerate() {
        if !id.is_empty() && seen.insert(id.clone()) {
            continue;
        }
        let base = if id.is_empty() {
            stem.to_string()
        } else {
            // Room for the suffix within the id limit.
            id.chars().take(limits::MAX_ID_CHARS - 8).collect()
        };
        let new = (if id.is_empty() { 1 } else { 2 }..)
            .map(|n| format!("{base}-{n}"))
            .find(|c| !taken.contains(c))
            .unwrap_or_default();
        taken.insert(new.clone());
        seen.insert(new.clone());
        changed.push((at, std::mem::replace(id, new.clone()), new));
    }
    changed
}

/// What a renamed id is said as: "The initiative “Backups” had no id; it now has “initiative-1”."
fn id_note(what: &str, name: &str, old: &str, new: &str) -> String {
    if old.is_empty() {
        format!("The {what} “{name}” had no id; it now has “{new}”.")
    } else {
        format!("The {what} “{name}” had the id “{old}” of an earlier {what}; it now has “{new}”.")
    }
}

fn read_criterion(form: Form, v: &Value, path: String) -> R<Criterion> {
    let r = Rec::open(form, v, path, 4)?;
    let direction = match r.choice(3, "direction", true, &DIRECTIONS, 0)? {
        0 => Direction::HigherIsBetter,
        _ => Direction::LowerIsBetter,
    };
    Ok(Criterion {
        id: r.text(0, "id", true, "", Text::Id)?,
        name: r.text(1, "name", true, "", Text::Name)?,
        weight: r.number(2, "weight", true, 1.0)?,
        direction,
    })
}

fn read_scores(r: &Rec<'_>, criteria: &[Criterion]) -> R<BTreeMap<String, f64>> {
    let mut scores = BTreeMap::new();
    let Some((v, path)) = r.get(7, "scores", false)? else {
        return Ok(scores);
    };
    match (r.form(), v) {
        (Form::Named, Value::Object(o)) => {
            if let Some(m) = limits::too_many(List::Criteria, o.len()) {
                return over(&path, m);
            }
            for (k, s) in o {
                scores.insert(k.clone(), read_number(s, &join(&path, k))?);
            }
        }
        (Form::Positional, Value::Array(listed)) => {
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
        (Form::Named, v) => {
            return fail(&path, format!("expected an object, found {}", describe(v)))
        }
        (Form::Positional, v) => {
            return fail(&path, format!("expected a list, found {}", describe(v)))
        }
    }
    Ok(scores)
}

fn read_initiative(form: Form, v: &Value, path: String, criteria: &[Criterion]) -> R<Initiative> {
    let d = Initiative::default();
    let r = Rec::open(form, v, path, 12)?;
    // Positions: id, name, the five estimates, scores, benefits, category, notes, depends_on.
    let (list, p) = r.list(8, "benefits", List::Benefits)?;
    let mut benefits = Vec::with_capacity(list.len());
    for (n, b) in list.iter().enumerate() {
        benefits.push(read_benefit(form, b, index(&p, n))?);
    }
    let (list, p) = r.list(11, "depends_on", List::DependsOn)?;
    let mut depends_on = Vec::with_capacity(list.len());
    for (n, id) in list.iter().enumerate() {
        depends_on.push(read_text(id, &index(&p, n), Text::Id)?);
    }
    let category = r.choice(
        9,
        "category",
        false,
        &CATEGORIES,
        category_index(d.category),
    )?;
    let mut i = Initiative {
        id: r.text(0, "id", false, &d.id, Text::Id)?,
        name: r.text(1, "name", false, &d.name, Text::Name)?,
        scores: read_scores(&r, criteria)?,
        benefits,
        category: Category::ALL.get(category).copied().unwrap_or(d.category),
        notes: r.text(10, "notes", false, &d.notes, Text::Notes)?,
        depends_on,
        ..d
    };
    for (k, name) in INITIATIVE_ESTIMATES.iter().enumerate() {
        if let Some(e) = i.estimate_mut(name) {
            *e = r.est(k + 2, name, false, *e)?;
        }
    }
    Ok(i)
}

/// An initiative's estimates, in the order of both forms.
const INITIATIVE_ESTIMATES: [&str; 5] = [
    "one_time_cost",
    "annual_running_cost",
    "delivery_months",
    "ramp_up_months",
    "confidence_pct",
];

fn read_benefit(form: Form, v: &Value, path: String) -> R<Benefit> {
    let r = Rec::open(form, v, path, 11)?;
    let n = match r.form() {
        // A list without even its kind.
        Form::Positional if r.len() == 0 => return fail(&join(&r.path, "kind"), "missing".into()),
        _ => r.choice(0, "kind", true, &BENEFIT_KINDS, 0)?,
    };
    let (Some(mut kind), Some(names)) = (blank_kind(n), KIND_FIELDS.get(n)) else {
        return fail(&join(&r.path, "kind"), format!("unknown code {n}"));
    };
    let max = 2 + names.len();
    if r.form() == Form::Positional && r.len() > max {
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
                let c = r.choice(i, name, true, &PERIODS, period_index(*per))?;
                *per = Period::ALL.get(c).copied().unwrap_or(*per);
            }
            ("hourly_rate", k) => {
                if let Some(rate) = k.hourly_rate_mut() {
                    *rate = r.opt_est(i, name)?;
                }
            }
            (name, k) => {
                if let Some(e) = k.estimate_mut(name) {
                    *e = r.est(i, name, true, *e)?;
                }
            }
        }
    }
    Ok(Benefit {
        label: r.text(1, "label", true, "", Text::Name)?,
        kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_fields_name_every_input_of_each_kind_in_form_order() {
        for (n, name) in BENEFIT_KINDS.iter().enumerate() {
            let mut kind = BenefitKind::blank(name).unwrap();
            if let Some(rate) = kind.hourly_rate_mut() {
                *rate = Some(Estimate::point(1.0));
            }
            let mut expected: Vec<&str> = kind.estimates().iter().map(|(f, _)| f.key).collect();
            if let BenefitKind::HoursSaved { .. } = kind {
                expected.insert(1, "per");
            }
            assert_eq!(KIND_FIELDS[n], &expected[..], "{name}");
        }
    }
}

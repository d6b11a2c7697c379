//! Structured derivations: how each figure was computed, as labelled terms and results that a view
//! renders in words and numbers, e.g.
//! "200 h/month × 12 months/yr × $65/h × 80% adoption × 75% recapture = $93,600/yr".
//!
//! The model never formats numbers for display itself beyond a plain fallback (`PlainFormat`,
//! used in tests and logs); views pass their own `QuantityFormat`.

use super::scenario::Period;
use serde::Serialize;

/// What a number measures; decides how it is formatted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Unit {
    Money,
    MoneyPerYear,
    MoneyPerMonth,
    MoneyPerHour,
    MoneyPerMinute,
    MoneyPerEvent,
    Hours,
    HoursPer(Period),
    HoursPerYear,
    Minutes,
    MinutesPerYear,
    EventsPerYear,
    /// A percent number: 80 means 80%.
    Percent,
    /// A plain number (a count, a multiplier such as 12 months per year).
    Number,
    PerYear,
    Months,
    Fte,
    /// A ratio such as a benefit/cost ratio, shown as "1.8×".
    Ratio,
    /// A 0–100 score.
    Score,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quantity {
    pub value: f64,
    pub unit: Unit,
}

impl Quantity {
    pub fn new(value: f64, unit: Unit) -> Self {
        Quantity { value, unit }
    }
}

/// An arithmetic expression whose leaves are labelled quantities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Expr {
    /// A labelled input or intermediate value ("80%" + "adoption").
    Term {
        label: String,
        q: Quantity,
    },
    Product(Vec<Expr>),
    Sum(Vec<Expr>),
    Difference(Box<Expr>, Box<Expr>),
    Quotient(Box<Expr>, Box<Expr>),
    Power(Box<Expr>, Box<Expr>),
}

impl Expr {
    pub fn term(label: impl Into<String>, value: f64, unit: Unit) -> Expr {
        Expr::Term {
            label: label.into(),
            q: Quantity::new(value, unit),
        }
    }

    pub fn product(xs: Vec<Expr>) -> Expr {
        Expr::Product(xs)
    }

    pub fn sum(xs: Vec<Expr>) -> Expr {
        Expr::Sum(xs)
    }

    pub fn minus(a: Expr, b: Expr) -> Expr {
        Expr::Difference(Box::new(a), Box::new(b))
    }

    pub fn over(a: Expr, b: Expr) -> Expr {
        Expr::Quotient(Box::new(a), Box::new(b))
    }

    pub fn pow(a: Expr, b: Expr) -> Expr {
        Expr::Power(Box::new(a), Box::new(b))
    }

    /// The numeric value of the expression. Percent terms count as fractions (80 → 0.8).
    pub fn eval(&self) -> f64 {
        match self {
            Expr::Term { q, .. } => {
                if q.unit == Unit::Percent {
                    q.value / 100.0
                } else {
                    q.value
                }
            }
            Expr::Product(xs) => xs.iter().map(Expr::eval).product(),
            Expr::Sum(xs) => xs.iter().map(Expr::eval).sum(),
            Expr::Difference(a, b) => a.eval() - b.eval(),
            Expr::Quotient(a, b) => a.eval() / b.eval(),
            Expr::Power(a, b) => a.eval().powf(b.eval()),
        }
    }

    fn render(&self, f: &dyn QuantityFormat, nested: bool) -> String {
        let wrap = |s: String| if nested { format!("({s})") } else { s };
        match self {
            Expr::Term { label, q } => {
                let v = f.format(*q);
                if label.is_empty() {
                    v
                } else {
                    format!("{v} {label}")
                }
            }
            Expr::Product(xs) => xs
                .iter()
                .map(|x| x.render(f, true))
                .collect::<Vec<_>>()
                .join(" × "),
            Expr::Sum(xs) => wrap(
                xs.iter()
                    .map(|x| x.render(f, true))
                    .collect::<Vec<_>>()
                    .join(" + "),
            ),
            Expr::Difference(a, b) => {
                wrap(format!("{} − {}", a.render(f, true), b.render(f, true)))
            }
            Expr::Quotient(a, b) => format!("{} ÷ {}", a.render(f, true), b.render(f, true)),
            Expr::Power(a, b) => format!("{}^({})", a.render(f, true), b.render(f, false)),
        }
    }
}

/// One line of a derivation: `label: expr = result`, or a note in words when `expr` is `None`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub label: String,
    pub expr: Option<Expr>,
    pub result: Quantity,
    /// Words that explain the step (a convention, an edge case).
    pub note: Option<String>,
}

/// How a figure was computed: one or more steps; the last step's result is the figure.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Derivation {
    pub steps: Vec<Step>,
}

impl Derivation {
    pub fn single(label: impl Into<String>, expr: Expr, unit: Unit) -> Self {
        let mut d = Derivation::default();
        d.push(label, expr, unit);
        d
    }

    /// Adds a computed step and returns its result. Expressions evaluate percent terms as
    /// fractions; a `Percent` or `Score` result is stored as a 0–100 number.
    pub fn push(&mut self, label: impl Into<String>, expr: Expr, unit: Unit) -> f64 {
        let value = match unit {
            Unit::Percent | Unit::Score => expr.eval() * 100.0,
            _ => expr.eval(),
        };
        self.steps.push(Step {
            label: label.into(),
            expr: Some(expr),
            result: Quantity::new(value, unit),
            note: None,
        });
        value
    }

    /// Adds a step stated in words with its result.
    pub fn note(&mut self, label: impl Into<String>, note: impl Into<String>, result: Quantity) {
        self.steps.push(Step {
            label: label.into(),
            expr: None,
            result,
            note: Some(note.into()),
        });
    }

    /// Adds a step in words for a figure that has no value (not defined, none, out of range):
    /// it shows no result.
    pub fn without_value(&mut self, label: impl Into<String>, note: impl Into<String>, unit: Unit) {
        self.note(label, note, Quantity::new(f64::NAN, unit));
    }

    pub fn result(&self) -> Option<Quantity> {
        self.steps.last().map(|s| s.result)
    }

    /// One line per step: "label: expr = result" (or "label: note → result").
    pub fn lines(&self, f: &dyn QuantityFormat) -> Vec<String> {
        self.steps.iter().map(|s| s.render(f)).collect()
    }
}

impl Step {
    /// False for a step in words about a figure that has none ([`Derivation::without_value`]).
    pub fn has_value(&self) -> bool {
        !self.result.value.is_nan()
    }

    pub fn render(&self, f: &dyn QuantityFormat) -> String {
        let result = f.format(self.result);
        let body = match (&self.expr, &self.note) {
            (Some(e), Some(n)) => format!("{} = {result} ({n})", e.render(f, false)),
            (Some(e), None) => format!("{} = {result}", e.render(f, false)),
            (None, Some(n)) if !self.has_value() => n.clone(),
            (None, Some(n)) => format!("{n} → {result}"),
            (None, None) => result,
        };
        if self.label.is_empty() {
            body
        } else {
            format!("{}: {body}", self.label)
        }
    }
}

/// Formats a quantity for display. Implementors supply the number primitives (views use the
/// browser's `Intl.NumberFormat`); which primitive and which unit suffix each unit gets is decided
/// once, here, in `format`.
pub trait QuantityFormat {
    /// Money in the scenario's currency: "$144,110".
    fn money(&self, v: f64) -> String;
    /// A plain number with up to three decimals: "1,234.5".
    fn number(&self, v: f64) -> String;
    /// A number with exactly two decimals: "1.07".
    fn fixed2(&self, v: f64) -> String;
    /// Money with its cents: "$383.33".
    fn money_cents(&self, v: f64) -> String;
    /// Money per unit (an hour, a minute, an event): with its cents whenever it has some, so that
    /// the arithmetic a derivation shows gives the result it shows (600 min × $383.33/min =
    /// $230,000, where $383/min would give $229,800).
    fn rate(&self, v: f64) -> String {
        if ((v * 100.0).round() % 100.0) != 0.0 {
            self.money_cents(v)
        } else {
            self.money(v)
        }
    }
    /// A percent number (80 → "80%").
    fn percent(&self, v: f64) -> String {
        format!("{}%", self.number(v))
    }
    /// A duration in months: "15.1 months".
    fn months(&self, v: f64) -> String {
        format!("{} months", self.number(v))
    }

    fn format(&self, q: Quantity) -> String {
        let v = q.value;
        match q.unit {
            Unit::Money => self.money(v),
            Unit::MoneyPerYear => format!("{}/yr", self.money(v)),
            Unit::MoneyPerMonth => format!("{}/month", self.money(v)),
            Unit::MoneyPerHour => format!("{}/h", self.rate(v)),
            Unit::MoneyPerMinute => format!("{}/min", self.rate(v)),
            Unit::MoneyPerEvent => format!("{}/event", self.rate(v)),
            Unit::Hours => format!("{} h", self.number(v)),
            Unit::HoursPer(p) => format!("{} h/{}", self.number(v), p.label()),
            Unit::HoursPerYear => format!("{} h/yr", self.number(v)),
            Unit::Minutes => format!("{} min", self.number(v)),
            Unit::MinutesPerYear => format!("{} min/yr", self.number(v)),
            Unit::EventsPerYear => format!("{} events/yr", self.number(v)),
            Unit::Percent => self.percent(v),
            Unit::Number => self.number(v),
            Unit::PerYear => format!("{}/yr", self.number(v)),
            Unit::Months => self.months(v),
            Unit::Fte => format!("{} FTE", self.fixed2(v)),
            Unit::Ratio => format!("{}×", self.fixed2(v)),
            Unit::Score => self.number((v * 10.0).round() / 10.0),
        }
    }
}

/// A plain, locale-independent formatter: "$93,600/yr", "80%", "1.07 FTE". Uses "$" for USD and
/// the currency code otherwise.
pub struct PlainFormat<'a> {
    pub currency: &'a str,
}

impl QuantityFormat for PlainFormat<'_> {
    fn money(&self, v: f64) -> String {
        let sign = if v < 0.0 { "-" } else { "" };
        let cents = v.abs() < 100.0 && (v.abs() * 100.0).round() % 100.0 != 0.0;
        let digits = group(v.abs(), if cents { 2 } else { 0 });
        if self.currency == "USD" {
            format!("{sign}${digits}")
        } else {
            format!("{sign}{} {digits}", self.currency)
        }
    }

    fn number(&self, v: f64) -> String {
        number(v)
    }

    fn fixed2(&self, v: f64) -> String {
        group(v, 2)
    }

    fn money_cents(&self, v: f64) -> String {
        let sign = if v < 0.0 { "-" } else { "" };
        let digits = group(v.abs(), 2);
        if self.currency == "USD" {
            format!("{sign}${digits}")
        } else {
            format!("{sign}{} {digits}", self.currency)
        }
    }
}

/// Up to three significant decimals, trailing zeros dropped, thousands grouped.
fn number(v: f64) -> String {
    let decimals = if v.abs() >= 100.0 || v.fract() == 0.0 {
        0
    } else {
        3
    };
    let s = group(v, decimals);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

fn group(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    if v < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.insert(0, '-');
    }
    out
}

//! The flat form: a scenario as a list of numbers and texts, in a fixed order. It is how a
//! scenario crosses between the page and the persistence worker (`src/bin/persist.rs`), which
//! holds the saved-file, link and CSV formats. Not a saved format: it lives only for one message.
//!
//! The page needs both directions, and a list walk is far less wasm than the serde derives of the
//! model would be (the worker has the full codecs instead). Each record is written field by
//! field from its descriptors (`model::schema`), so a new field needs nothing here.
//! Reading never panics: anything out of place, or beyond a limit of `model::limits`, gives `None`.

use crate::model::estimate::Estimate;
use crate::model::limits::{self, List, Text};
use crate::model::scenario::{
    Benefit, BenefitKind, Criterion, Initiative, Scenario, BENEFIT_KINDS,
};
use crate::model::schema::{Kind, Record, Shape, Val};

/// Changes whenever the order below changes, so a page and a worker of different builds refuse
/// each other's lists instead of misreading them.
pub const FLAT_VERSION: f64 = 3.0;

/// One item of the flat form.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Num(f64),
    Text(String),
    /// An absent optional value.
    Nil,
}

struct Out(Vec<Tok>);

impl Out {
    fn num(&mut self, v: f64) {
        self.0.push(Tok::Num(v));
    }
    fn text(&mut self, s: &str) {
        self.0.push(Tok::Text(s.to_string()));
    }
    fn opt(&mut self, v: Option<f64>) {
        self.0.push(v.map_or(Tok::Nil, Tok::Num));
    }
    fn est(&mut self, e: &Estimate) {
        self.num(e.likely);
        self.opt(e.low);
        self.opt(e.high);
    }
    fn opt_est(&mut self, e: &Option<Estimate>) {
        match e {
            Some(e) => self.est(e),
            None => self.0.push(Tok::Nil),
        }
    }
    fn count(&mut self, n: usize) {
        self.num(n as f64);
    }
    /// Every described field of `r`, in its order.
    fn record(&mut self, r: &dyn Record) {
        for f in r.fields() {
            match r.get(f.key) {
                Some(Val::Est(e)) => self.est(&e),
                Some(Val::OptEst(e)) => self.opt_est(&e),
                Some(Val::Num(v)) => self.num(v),
                Some(Val::Text(t)) => self.text(&t),
                Some(Val::Choice(k)) => self.count(k),
                None => self.0.push(Tok::Nil),
            }
        }
    }
}

/// The scenario as a flat list.
pub fn write(s: &Scenario) -> Vec<Tok> {
    let mut o = Out(Vec::new());
    o.num(FLAT_VERSION);
    o.record(s);
    o.count(s.criteria.len());
    for c in &s.criteria {
        o.record(c);
    }
    o.record(&s.simulation);
    o.count(s.initiatives.len());
    for i in &s.initiatives {
        o.record(i);
        o.count(i.scores.len());
        for (k, v) in &i.scores {
            o.text(k);
            o.num(*v);
        }
        o.count(i.depends_on.len());
        for d in &i.depends_on {
            o.text(d);
        }
        o.count(i.benefits.len());
        for b in &i.benefits {
            o.text(&b.label);
            o.count(
                BENEFIT_KINDS
                    .iter()
                    .position(|k| *k == b.kind.kind_name())
                    .unwrap_or(0),
            );
            o.record(&b.kind);
        }
    }
    o.0
}

struct In<'a> {
    toks: &'a [Tok],
    at: usize,
}

impl In<'_> {
    fn next(&mut self) -> Option<&Tok> {
        let t = self.toks.get(self.at)?;
        self.at += 1;
        Some(t)
    }
    fn num(&mut self) -> Option<f64> {
        match self.next()? {
            Tok::Num(v) => Some(*v),
            _ => None,
        }
    }
    /// A text within the limit of `kind`.
    fn text(&mut self, kind: Text) -> Option<String> {
        match self.next()? {
            Tok::Text(s) if limits::too_long(kind, s).is_none() => Some(s.clone()),
            _ => None,
        }
    }
    fn opt(&mut self) -> Option<Option<f64>> {
        match self.next()? {
            Tok::Num(v) => Some(Some(*v)),
            Tok::Nil => Some(None),
            Tok::Text(_) => None,
        }
    }
    fn est(&mut self) -> Option<Estimate> {
        Some(Estimate {
            likely: self.num()?,
            low: self.opt()?,
            high: self.opt()?,
        })
    }
    fn opt_est(&mut self) -> Option<Option<Estimate>> {
        if self.toks.get(self.at) == Some(&Tok::Nil) {
            self.at += 1;
            return Some(None);
        }
        self.est().map(Some)
    }
    /// A count within the limit of `list`, never more than the items left (so a bad count
    /// cannot ask for a huge vector).
    fn count(&mut self, list: List) -> Option<usize> {
        let n = self.num()?;
        let left = self.toks.len() - self.at;
        let max = left.min(list.max()) as f64;
        (n >= 0.0 && n.fract() == 0.0 && n <= max).then_some(n as usize)
    }
    /// A small whole number below `n`: an enumeration's position.
    fn choice(&mut self, n: usize) -> Option<usize> {
        let v = self.num()?;
        (v >= 0.0 && v.fract() == 0.0 && v < n as f64).then_some(v as usize)
    }
    /// Every described field of `rec`, in its order; `None` when one does not fit.
    fn record(&mut self, rec: &mut dyn Record) -> Option<()> {
        for f in rec.fields() {
            let v = match (f.shape, f.kind) {
                (Shape::Estimate, _) => Val::Est(self.est()?),
                (Shape::OptionalEstimate, _) => Val::OptEst(self.opt_est()?),
                (Shape::Number | Shape::Whole, _) => Val::Num(self.num()?),
                (Shape::Text, Kind::Text(limit)) => Val::Text(self.text(limit)?),
                (Shape::Choice, Kind::Choice(keys)) => Val::Choice(self.choice(keys.len())?),
                _ => return None,
            };
            if !rec.set(f.key, v) {
                return None;
            }
        }
        Some(())
    }
}

/// The scenario of a flat list; `None` when the list is not one `write` made.
pub fn read(toks: &[Tok]) -> Option<Scenario> {
    let mut r = In { toks, at: 0 };
    if r.num()? != FLAT_VERSION {
        return None;
    }
    let mut s = Scenario {
        criteria: Vec::new(),
        ..Scenario::default()
    };
    r.record(&mut s)?;
    for _ in 0..r.count(List::Criteria)? {
        let mut c = Criterion::default();
        r.record(&mut c)?;
        s.criteria.push(c);
    }
    r.record(&mut s.simulation)?;
    for _ in 0..r.count(List::Initiatives)? {
        let i = read_initiative(&mut r)?;
        s.initiatives.push(i);
    }
    (r.at == toks.len()).then_some(s)
}

fn read_initiative(r: &mut In<'_>) -> Option<Initiative> {
    let mut i = Initiative::default();
    r.record(&mut i)?;
    for _ in 0..r.count(List::Criteria)? {
        let k = r.text(Text::Id)?;
        let v = r.num()?;
        i.scores.insert(k, v);
    }
    for _ in 0..r.count(List::DependsOn)? {
        i.depends_on.push(r.text(Text::Id)?);
    }
    for _ in 0..r.count(List::Benefits)? {
        let label = r.text(Text::Name)?;
        let mut kind = BenefitKind::blank(BENEFIT_KINDS.get(r.count(List::Benefits)?)?)?;
        r.record(&mut kind)?;
        i.benefits.push(Benefit { label, kind });
    }
    Some(i)
}

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
    Actual, Baseline, Benefit, BenefitKind, Correlation, Criterion, Goal, Initiative, Kpi,
    Scenario, UnknownFields, BENEFIT_KINDS,
};
use crate::model::schema::{Kind, Record, Shape, Val};

/// Changes whenever the order below changes, so a page and a worker of different builds refuse
/// each other's lists instead of misreading them.
pub const FLAT_VERSION: f64 = 9.0;

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
    /// Sources: their count, then key and text of each.
    fn sources(&mut self, s: &crate::model::Sources) {
        self.count(s.len());
        for (k, v) in s {
            self.text(k);
            self.text(v);
        }
    }
    /// A list: its count, then each item.
    fn list<T>(&mut self, items: &[T], each: impl Fn(&mut Out, &T)) {
        self.count(items.len());
        for x in items {
            each(self, x);
        }
    }
    fn benefit(&mut self, b: &Benefit) {
        self.text(&b.label);
        self.count(
            BENEFIT_KINDS
                .iter()
                .position(|k| *k == b.kind.kind_name())
                .unwrap_or(0),
        );
        self.record(&b.kind);
        self.sources(&b.sources);
    }
    /// Every described field of `r`, in its order.
    fn record(&mut self, r: &dyn Record) {
        for f in r.fields() {
            match r.get(f.key) {
                Some(Val::Est(e)) => self.est(&e),
                Some(Val::OptEst(e)) => self.opt_est(&e),
                Some(Val::Num(v)) => self.num(v),
                Some(Val::OptNum(v)) => self.opt(v),
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
    o.record(&s.portfolio);
    o.count(s.portfolio.budgets.len());
    for b in &s.portfolio.budgets {
        o.record(b);
    }
    o.record(&s.tracking);
    o.num(if s.fit_from_goals { 1.0 } else { 0.0 });
    o.list(&s.goals, |o, g| {
        o.record(g);
        o.list(&g.kpis, |o, k| {
            o.record(k);
            o.list(&k.readings, |o, r| o.record(r));
        });
        o.text(&g.note);
    });
    o.list(&s.correlations, |o, c| {
        o.record(c);
        o.list(&c.inputs, |o, k| o.text(k));
    });
    o.list(&s.risk_tolerance, |o, p| o.record(p));
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
        o.sources(&i.sources);
        o.list(&i.benefits, Out::benefit);
        o.list(&i.serves, |o, x| o.record(x));
        o.list(&i.decisions, |o, x| o.record(x));
        o.list(&i.baselines, |o, b| {
            o.record(b);
            o.list(&b.benefits, Out::benefit);
        });
        o.list(&i.actuals, |o, a| {
            o.record(a);
            o.list(&a.measured, |o, m| o.opt(*m));
        });
        o.text(&i.status_note);
    }
    write_unknown(&mut o, s);
    o.0
}

/// Fields Caseboard does not know, after everything else and only when there are some (so a
/// scenario without them has the same flat form as before): a count, then per field its place
/// (record code 0 scenario, 1 simulation, 2 criterion, 3 initiative, 4 benefit, 5 portfolio; the criterion's
/// or initiative's position; the benefit's position), its key and its JSON text.
fn write_unknown(o: &mut Out, s: &Scenario) {
    let mut places: Vec<(f64, usize, usize, &UnknownFields)> = vec![
        (0.0, 0, 0, &s.unknown),
        (1.0, 0, 0, &s.simulation.unknown),
        (5.0, 0, 0, &s.portfolio.unknown),
    ];
    places.extend(
        s.criteria
            .iter()
            .enumerate()
            .map(|(n, c)| (2.0, n, 0, &c.unknown)),
    );
    for (n, i) in s.initiatives.iter().enumerate() {
        places.push((3.0, n, 0, &i.unknown));
        places.extend(
            i.benefits
                .iter()
                .enumerate()
                .map(|(m, b)| (4.0, n, m, &b.unknown)),
        );
    }
    let count: usize = places.iter().map(|p| p.3 .0.len()).sum();
    if count == 0 {
        return;
    }
    o.count(count);
    for (code, n, m, fields) in places {
        for (k, v) in &fields.0 {
            o.num(code);
            o.count(n);
            o.count(m);
            o.text(k);
            o.text(v);
        }
    }
}

/// Reads what [`write_unknown`] wrote into `s`; `None` when a place is not in `s`.
fn read_unknown(r: &mut In<'_>, s: &mut Scenario) -> Option<()> {
    if r.at == r.toks.len() {
        return Some(());
    }
    let n = r.num()?;
    let left = (r.toks.len() - r.at) / 5;
    if !(n >= 1.0 && n.fract() == 0.0 && n <= left as f64) {
        return None;
    }
    for _ in 0..n as usize {
        let code = r.choice(6)?;
        let index = |v: f64| (v >= 0.0 && v.fract() == 0.0).then_some(v as usize);
        let (a, b) = (index(r.num()?)?, index(r.num()?)?);
        let key = match r.next()? {
            Tok::Text(k) => k.clone(),
            _ => return None,
        };
        let value = match r.next()? {
            Tok::Text(v) => v.clone(),
            _ => return None,
        };
        let fields = match code {
            0 => &mut s.unknown,
            1 => &mut s.simulation.unknown,
            2 => &mut s.criteria.get_mut(a)?.unknown,
            3 => &mut s.initiatives.get_mut(a)?.unknown,
            5 => &mut s.portfolio.unknown,
            _ => &mut s.initiatives.get_mut(a)?.benefits.get_mut(b)?.unknown,
        };
        fields.0.insert(key, value);
    }
    Some(())
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
    /// A list within the limit of `list`, each item read by `each`.
    fn list<T>(
        &mut self,
        list: List,
        mut each: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        let n = self.count(list)?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(each(self)?);
        }
        Some(out)
    }
    /// A record of described fields only.
    fn item<T: Record + Default>(&mut self) -> Option<T> {
        let mut x = T::default();
        self.record(&mut x)?;
        Some(x)
    }
    /// Every described field of `rec`, in its order; `None` when one does not fit.
    fn record(&mut self, rec: &mut dyn Record) -> Option<()> {
        for f in rec.fields() {
            let v = match (f.shape, f.kind) {
                (Shape::Estimate, _) => Val::Est(self.est()?),
                (Shape::OptionalEstimate, _) => Val::OptEst(self.opt_est()?),
                (Shape::Number | Shape::Whole, _) => Val::Num(self.num()?),
                (Shape::OptionalNumber, _) => Val::OptNum(self.opt()?),
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
    r.record(&mut s.portfolio)?;
    for _ in 0..r.count(List::Budgets)? {
        let mut b = crate::model::YearBudget::default();
        r.record(&mut b)?;
        s.portfolio.budgets.push(b);
    }
    r.record(&mut s.tracking)?;
    s.fit_from_goals = r.num()? != 0.0;
    s.goals = r.list(List::Goals, |r| {
        let mut g: Goal = r.item()?;
        g.kpis = r.list(List::Kpis, |r| {
            let mut k: Kpi = r.item()?;
            k.readings = r.list(List::Months, In::item)?;
            Some(k)
        })?;
        g.note = r.text(Text::Notes)?;
        Some(g)
    })?;
    s.correlations = r.list(List::Correlations, |r| {
        let mut c: Correlation = r.item()?;
        c.inputs = r.list(List::Correlated, |r| r.text(Text::Key))?;
        Some(c)
    })?;
    s.risk_tolerance = r.list(List::Tolerance, In::item)?;
    for _ in 0..r.count(List::Initiatives)? {
        let i = read_initiative(&mut r)?;
        s.initiatives.push(i);
    }
    read_unknown(&mut r, &mut s)?;
    (r.at == toks.len()).then_some(s)
}

fn read_sources(r: &mut In<'_>) -> Option<crate::model::Sources> {
    let mut out = crate::model::Sources::new();
    for _ in 0..r.count(List::Sources)? {
        let k = r.text(Text::Id)?;
        let v = r.text(Text::Source)?;
        out.insert(k, v);
    }
    Some(out)
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
    i.sources = read_sources(r)?;
    i.benefits = r.list(List::Benefits, read_benefit)?;
    i.serves = r.list(List::Serves, In::item)?;
    i.decisions = r.list(List::Decisions, In::item)?;
    i.baselines = r.list(List::Baselines, |r| {
        let mut b: Baseline = r.item()?;
        b.benefits = r.list(List::Benefits, read_benefit)?;
        Some(b)
    })?;
    i.actuals = r.list(List::Months, |r| {
        let mut a: Actual = r.item()?;
        a.measured = r.list(List::Benefits, In::opt)?;
        Some(a)
    })?;
    i.status_note = r.text(Text::Notes)?;
    Some(i)
}

fn read_benefit(r: &mut In<'_>) -> Option<Benefit> {
    let label = r.text(Text::Name)?;
    let mut kind = BenefitKind::blank(BENEFIT_KINDS.get(r.count(List::Benefits)?)?)?;
    r.record(&mut kind)?;
    let sources = read_sources(r)?;
    Some(Benefit {
        label,
        kind,
        unknown: UnknownFields::default(),
        sources,
    })
}

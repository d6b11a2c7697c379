//! The flat form: a scenario as a list of numbers and texts, in a fixed order. It is how a
//! scenario crosses between the page and the persistence worker (`src/bin/persist.rs`), which
//! holds the saved-file, link and CSV formats. Not a saved format: it lives only for one message.
//!
//! The page needs both directions, and a hand-written list walk is far less wasm than the serde
//! derives of the model would be (the worker has the full codecs instead).
//! Reading never panics: anything out of place, or beyond a limit of `model::limits`, gives `None`.

use crate::model::estimate::Estimate;
use crate::model::limits::{self, List, Text};
use crate::model::scenario::{
    Benefit, BenefitKind, Category, Criterion, Direction, Distribution, Initiative, Period,
    Scenario, SimSettings, UnknownFields,
};

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
}

/// The scenario as a flat list.
pub fn write(s: &Scenario) -> Vec<Tok> {
    let mut o = Out(Vec::new());
    o.num(FLAT_VERSION);
    o.text(&s.name);
    o.text(&s.currency);
    o.num(f64::from(s.horizon_years));
    o.est(&s.discount_rate_pct);
    o.est(&s.default_hourly_rate);
    o.num(s.hours_per_fte_year);
    o.count(s.criteria.len());
    for c in &s.criteria {
        o.text(&c.id);
        o.text(&c.name);
        o.num(c.weight);
        o.num(match c.direction {
            Direction::HigherIsBetter => 0.0,
            Direction::LowerIsBetter => 1.0,
        });
    }
    o.num(f64::from(s.simulation.trials));
    o.num(f64::from(s.simulation.seed));
    o.num(s.simulation.distribution as usize as f64);
    o.count(s.initiatives.len());
    for i in &s.initiatives {
        o.text(&i.id);
        o.text(&i.name);
        o.num(i.category as u8 as f64);
        o.text(&i.notes);
        for e in [
            &i.one_time_cost,
            &i.annual_running_cost,
            &i.delivery_months,
            &i.ramp_up_months,
            &i.confidence_pct,
        ] {
            o.est(e);
        }
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
            write_kind(&mut o, &b.kind);
        }
    }
    write_unknown(&mut o, s);
    o.0
}

/// Fields Caseboard does not know, after everything else and only when there are some (so a
/// scenario without them has the same flat form as before): a count, then per field its place
/// (record code 0 scenario, 1 simulation, 2 criterion, 3 initiative, 4 benefit; the criterion's
/// or initiative's position; the benefit's position), its key and its JSON text.
fn write_unknown(o: &mut Out, s: &Scenario) {
    let mut places: Vec<(f64, usize, usize, &UnknownFields)> =
        vec![(0.0, 0, 0, &s.unknown), (1.0, 0, 0, &s.simulation.unknown)];
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
        let code = r.choice(5)?;
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
            _ => &mut s.initiatives.get_mut(a)?.benefits.get_mut(b)?.unknown,
        };
        fields.0.insert(key, value);
    }
    Some(())
}

fn write_kind(o: &mut Out, k: &BenefitKind) {
    match k {
        BenefitKind::HoursSaved {
            hours,
            per,
            hourly_rate,
            adoption_pct,
            recapture_pct,
        } => {
            o.num(0.0);
            o.est(hours);
            o.num(*per as u8 as f64);
            o.opt_est(hourly_rate);
            o.est(adoption_pct);
            o.est(recapture_pct);
        }
        BenefitKind::OutageAvoided {
            baseline_minutes_per_year,
            reduction_pct,
            revenue_per_minute,
            revenue_impact_pct,
            affected_staff,
            hourly_rate,
            productivity_loss_pct,
            incidents_avoided_per_year,
            cost_per_incident,
        } => {
            o.num(1.0);
            for e in [
                baseline_minutes_per_year,
                reduction_pct,
                revenue_per_minute,
                revenue_impact_pct,
                affected_staff,
            ] {
                o.est(e);
            }
            o.opt_est(hourly_rate);
            for e in [
                productivity_loss_pct,
                incidents_avoided_per_year,
                cost_per_incident,
            ] {
                o.est(e);
            }
        }
        BenefitKind::RiskReduced {
            events_per_year,
            loss_per_event,
            likelihood_reduction_pct,
            impact_reduction_pct,
        } => {
            o.num(2.0);
            for e in [
                events_per_year,
                loss_per_event,
                likelihood_reduction_pct,
                impact_reduction_pct,
            ] {
                o.est(e);
            }
        }
        BenefitKind::CostAvoided { amount_per_year } => {
            o.num(3.0);
            o.est(amount_per_year);
        }
        BenefitKind::RevenueGained {
            revenue_per_year,
            margin_pct,
        } => {
            o.num(4.0);
            o.est(revenue_per_year);
            o.est(margin_pct);
        }
    }
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
    fn choice(&mut self, n: u8) -> Option<u8> {
        let v = self.num()?;
        (v >= 0.0 && v.fract() == 0.0 && v < f64::from(n)).then_some(v as u8)
    }
}

/// The scenario of a flat list; `None` when the list is not one `write` made.
pub fn read(toks: &[Tok]) -> Option<Scenario> {
    let mut r = In { toks, at: 0 };
    if r.num()? != FLAT_VERSION {
        return None;
    }
    let name = r.text(Text::Name)?;
    let currency = r.text(Text::Currency)?;
    let horizon = r.num()?;
    if !(0.0..=f64::from(u32::MAX)).contains(&horizon) || horizon.fract() != 0.0 {
        return None;
    }
    let discount_rate_pct = r.est()?;
    let default_hourly_rate = r.est()?;
    let hours_per_fte_year = r.num()?;
    let mut criteria = Vec::new();
    for _ in 0..r.count(List::Criteria)? {
        criteria.push(Criterion {
            id: r.text(Text::Id)?,
            name: r.text(Text::Name)?,
            weight: r.num()?,
            direction: match r.choice(2)? {
                0 => Direction::HigherIsBetter,
                _ => Direction::LowerIsBetter,
            },
            unknown: Default::default(),
        });
    }
    let whole =
        |v: f64| (v >= 0.0 && v.fract() == 0.0 && v <= f64::from(u32::MAX)).then_some(v as u32);
    let simulation = SimSettings {
        trials: whole(r.num()?)?,
        seed: whole(r.num()?)?,
        distribution: *Distribution::ALL.get(whole(r.num()?)? as usize)?,
        unknown: Default::default(),
    };
    let mut initiatives = Vec::new();
    for _ in 0..r.count(List::Initiatives)? {
        initiatives.push(read_initiative(&mut r)?);
    }
    let mut s = Scenario {
        name,
        currency,
        horizon_years: horizon as u32,
        discount_rate_pct,
        default_hourly_rate,
        hours_per_fte_year,
        criteria,
        initiatives,
        simulation,
        unknown: Default::default(),
    };
    read_unknown(&mut r, &mut s)?;
    (r.at == toks.len()).then_some(s)
}

fn read_initiative(r: &mut In<'_>) -> Option<Initiative> {
    let id = r.text(Text::Id)?;
    let name = r.text(Text::Name)?;
    let category = Category::ALL[usize::from(r.choice(3)?)];
    let notes = r.text(Text::Notes)?;
    let one_time_cost = r.est()?;
    let annual_running_cost = r.est()?;
    let delivery_months = r.est()?;
    let ramp_up_months = r.est()?;
    let confidence_pct = r.est()?;
    let mut scores = std::collections::BTreeMap::new();
    for _ in 0..r.count(List::Criteria)? {
        let k = r.text(Text::Id)?;
        scores.insert(k, r.num()?);
    }
    let mut depends_on = Vec::new();
    for _ in 0..r.count(List::DependsOn)? {
        depends_on.push(r.text(Text::Id)?);
    }
    let mut benefits = Vec::new();
    for _ in 0..r.count(List::Benefits)? {
        let label = r.text(Text::Name)?;
        benefits.push(Benefit {
            label,
            kind: read_kind(r)?,
            unknown: Default::default(),
        });
    }
    Some(Initiative {
        id,
        name,
        category,
        notes,
        one_time_cost,
        annual_running_cost,
        delivery_months,
        ramp_up_months,
        confidence_pct,
        scores,
        depends_on,
        benefits,
        unknown: Default::default(),
    })
}

fn read_kind(r: &mut In<'_>) -> Option<BenefitKind> {
    Some(match r.choice(5)? {
        0 => BenefitKind::HoursSaved {
            hours: r.est()?,
            per: Period::ALL[usize::from(r.choice(3)?)],
            hourly_rate: r.opt_est()?,
            adoption_pct: r.est()?,
            recapture_pct: r.est()?,
        },
        1 => BenefitKind::OutageAvoided {
            baseline_minutes_per_year: r.est()?,
            reduction_pct: r.est()?,
            revenue_per_minute: r.est()?,
            revenue_impact_pct: r.est()?,
            affected_staff: r.est()?,
            hourly_rate: r.opt_est()?,
            productivity_loss_pct: r.est()?,
            incidents_avoided_per_year: r.est()?,
            cost_per_incident: r.est()?,
        },
        2 => BenefitKind::RiskReduced {
            events_per_year: r.est()?,
            loss_per_event: r.est()?,
            likelihood_reduction_pct: r.est()?,
            impact_reduction_pct: r.est()?,
        },
        3 => BenefitKind::CostAvoided {
            amount_per_year: r.est()?,
        },
        _ => BenefitKind::RevenueGained {
            revenue_per_year: r.est()?,
            margin_pct: r.est()?,
        },
    })
}

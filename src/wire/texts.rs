//! The words that travel from the workers to the page, as plain data: a chart's summary and data
//! table, a tip, the simulation's report. `explain` writes them; the page shows them as text
//! (never as markup). Each has one encode and one decode (to and from [`Value`]).

use super::protocol::RowKey;
use super::value::Value;

/// A table: caption, column heads (the first heads the row names), rows (first cell: the name).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TableText {
    pub caption: String,
    pub heads: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A chart's summary and data table.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ChartText {
    pub summary: String,
    pub table: TableText,
}

/// Where the pointer is over a chart: data coordinates in the plot (a category axis gives an
/// index), and the item under it as (series, data index), if any.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pointer {
    pub x: f64,
    pub y: f64,
    pub item: Option<(usize, usize)>,
}

/// A tip: a title and lines.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Tip {
    pub title: String,
    pub lines: Vec<String>,
}

/// A row of figures, one text per initiative, with the best marked and how each was found.
#[derive(Clone, Debug, PartialEq)]
pub struct RowText {
    pub key: RowKey,
    pub label: String,
    pub texts: Vec<String>,
    pub best: Vec<bool>,
    pub lines: Vec<Vec<String>>,
}

/// Everything the page shows of a simulation run.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Report {
    /// "10,000 trials, seed 1, PERT: 123 ms."
    pub status: String,
    pub rows: Vec<RowText>,
    /// The EVPI in a sentence.
    pub voi: String,
    /// The inputs most worth refining; no rows when none changes the choice.
    pub refine: TableText,
    /// The executive summary's sentences about the ranges (`explain::summary::simulated`).
    pub summary: Vec<Sentence>,
    /// The correlations as the run applied them (`explain::sim_report::correlations`).
    pub correlation: TableText,
    /// What the run changed or left out of what was asked (a repaired correlation).
    pub notices: Vec<String>,
}

/// A sentence of the executive summary, with what it rests on: lines of figures, and cells of
/// the comparison whose derivations explain it (row, column).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Sentence {
    /// What it is about ("recommend", "mandatory", "scores", "range", "refine", "defaults",
    /// "optimistic"): its `data-topic`.
    pub topic: &'static str,
    pub text: String,
    pub lines: Vec<String>,
    pub cells: Vec<(RowKey, usize)>,
}

/// The topics a sentence can have (a decoded topic is one of these).
pub const TOPICS: [&str; 12] = [
    "none",
    "results",
    "governance",
    "portfolio",
    "recommend",
    "mandatory",
    "losing",
    "scores",
    "range",
    "refine",
    "defaults",
    "optimistic",
];

impl Sentence {
    pub fn encode(&self) -> Value {
        Value::map(vec![
            ("topic", Value::text(self.topic)),
            ("text", Value::text(&self.text)),
            ("lines", Value::texts(&self.lines)),
            (
                "cells",
                Value::List(
                    self.cells
                        .iter()
                        .map(|(k, c)| {
                            Value::List(vec![Value::Text(k.encode()), Value::Num(*c as f64)])
                        })
                        .collect(),
                ),
            ),
        ])
    }

    pub fn decode(v: &Value) -> Option<Self> {
        let topic = v.get("topic").as_text()?;
        let cell = |c: &Value| {
            let (k, n) = match c {
                Value::List(x) if x.len() == 2 => (&x[0], &x[1]),
                _ => return None,
            };
            let col = usize::try_from(n.whole()?).ok()?;
            Some((RowKey::decode(k.as_text()?)?, col))
        };
        Some(Sentence {
            topic: TOPICS.into_iter().find(|t| *t == topic)?,
            text: text(v.get("text"))?,
            lines: v.get("lines").as_texts()?,
            cells: v
                .get("cells")
                .items()
                .iter()
                .map(cell)
                .collect::<Option<_>>()?,
        })
    }
}

fn text(v: &Value) -> Option<String> {
    v.as_text().map(String::from)
}

fn table_of_texts(rows: &[Vec<String>]) -> Value {
    Value::List(rows.iter().map(|r| Value::texts(r)).collect())
}

fn texts_of_table(v: &Value) -> Option<Vec<Vec<String>>> {
    match v {
        Value::List(rows) => rows.iter().map(Value::as_texts).collect(),
        _ => None,
    }
}

impl TableText {
    pub fn encode(&self) -> Value {
        Value::map(vec![
            ("caption", Value::text(&self.caption)),
            ("heads", Value::texts(&self.heads)),
            ("rows", table_of_texts(&self.rows)),
        ])
    }

    pub fn decode(v: &Value) -> Option<Self> {
        Some(TableText {
            caption: text(v.get("caption"))?,
            heads: v.get("heads").as_texts()?,
            rows: texts_of_table(v.get("rows"))?,
        })
    }
}

impl ChartText {
    pub fn encode(&self) -> Value {
        Value::map(vec![
            ("summary", Value::text(&self.summary)),
            ("table", self.table.encode()),
        ])
    }

    pub fn decode(v: &Value) -> Option<Self> {
        Some(ChartText {
            summary: text(v.get("summary"))?,
            table: TableText::decode(v.get("table"))?,
        })
    }
}

impl Pointer {
    pub fn encode(&self) -> Value {
        let (series, item) = match self.item {
            Some((s, i)) => (Value::Num(s as f64), Value::Num(i as f64)),
            None => (Value::Null, Value::Null),
        };
        Value::map(vec![
            ("x", Value::Num(self.x)),
            ("y", Value::Num(self.y)),
            ("series", series),
            ("item", item),
        ])
    }

    /// A coordinate that is not a number reads as NaN (outside every category).
    pub fn decode(v: &Value) -> Option<Self> {
        let coord = |k: &str| v.get(k).num().unwrap_or(f64::NAN);
        let index = |k: &str| v.get(k).whole().and_then(|x| usize::try_from(x).ok());
        Some(Pointer {
            x: coord("x"),
            y: coord("y"),
            item: index("series").zip(index("item")),
        })
    }
}

impl Tip {
    pub fn encode(&self) -> Value {
        Value::map(vec![
            ("title", Value::text(&self.title)),
            ("lines", Value::texts(&self.lines)),
        ])
    }

    pub fn decode(v: &Value) -> Option<Self> {
        Some(Tip {
            title: text(v.get("title"))?,
            lines: v.get("lines").as_texts()?,
        })
    }
}

impl RowText {
    pub fn encode(&self) -> Value {
        Value::map(vec![
            ("key", Value::Text(self.key.encode())),
            ("label", Value::text(&self.label)),
            ("texts", Value::texts(&self.texts)),
            (
                "best",
                Value::List(self.best.iter().map(|b| Value::Bool(*b)).collect()),
            ),
            ("lines", table_of_texts(&self.lines)),
        ])
    }

    pub fn decode(v: &Value) -> Option<Self> {
        Some(RowText {
            key: RowKey::decode(v.get("key").as_text()?)?,
            label: text(v.get("label"))?,
            texts: v.get("texts").as_texts()?,
            best: v
                .get("best")
                .items()
                .iter()
                .map(Value::as_bool)
                .collect::<Option<_>>()?,
            lines: texts_of_table(v.get("lines"))?,
        })
    }
}

impl Report {
    pub fn encode(&self) -> Value {
        Value::map(vec![
            ("status", Value::text(&self.status)),
            (
                "rows",
                Value::List(self.rows.iter().map(RowText::encode).collect()),
            ),
            ("voi", Value::text(&self.voi)),
            ("refine", self.refine.encode()),
            (
                "summary",
                Value::List(self.summary.iter().map(Sentence::encode).collect()),
            ),
            ("correlation", self.correlation.encode()),
            ("notices", Value::texts(&self.notices)),
        ])
    }

    pub fn decode(v: &Value) -> Option<Self> {
        Some(Report {
            status: text(v.get("status"))?,
            rows: v
                .get("rows")
                .items()
                .iter()
                .map(RowText::decode)
                .collect::<Option<_>>()?,
            voi: text(v.get("voi"))?,
            refine: TableText::decode(v.get("refine"))?,
            summary: v
                .get("summary")
                .items()
                .iter()
                .map(Sentence::decode)
                .collect::<Option<_>>()?,
            correlation: TableText::decode(v.get("correlation"))?,
            notices: v.get("notices").as_texts()?,
        })
    }
}

/// The portfolio of a revision in words (`explain::portfolio::portfolio_text`, in the worker):
/// what the page shows of it, and the notes beside the inputs.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PortfolioText {
    /// A budget or capacity is set.
    pub active: bool,
    /// A capacity is set (the capacity chart shows).
    pub capacity: bool,
    /// Some initiative is funded (the roadmap table shows).
    pub jobs: bool,
    pub sentences: Vec<Sentence>,
    /// The ranked list, and the row of the cut line (the first not funded).
    pub ranked: TableText,
    pub cut: Option<usize>,
    /// Spend by category against its limits, a line each.
    pub shares: Vec<String>,
    pub roadmap: TableText,
    /// Messages beside inputs that do not stop the figures (a budget below the mandatory spend).
    pub notes: Vec<(crate::model::validate::Location, String)>,
    /// Whether each initiative (in the scenario's order) is funded.
    pub funded: Vec<bool>,
    /// The results dashboard, when anything is tracked.
    pub dashboard: Option<DashboardText>,
}

fn location_encode(l: &crate::model::validate::Location) -> Value {
    let at = |v: Option<usize>| v.map_or(Value::Null, |k| Value::Num(k as f64));
    Value::map(vec![
        ("criterion", at(l.criterion)),
        ("initiative", at(l.initiative)),
        ("benefit", at(l.benefit)),
        ("field", Value::text(&l.field)),
    ])
}

fn location_decode(v: &Value) -> Option<crate::model::validate::Location> {
    let at = |x: &Value| match x {
        Value::Null => Some(None),
        x => usize::try_from(x.whole()?).ok().map(Some),
    };
    Some(crate::model::validate::Location {
        criterion: at(v.get("criterion"))?,
        initiative: at(v.get("initiative"))?,
        benefit: at(v.get("benefit"))?,
        field: text(v.get("field"))?,
    })
}

impl PortfolioText {
    pub fn encode(&self) -> Value {
        Value::map(vec![
            ("active", Value::Bool(self.active)),
            ("capacity", Value::Bool(self.capacity)),
            ("jobs", Value::Bool(self.jobs)),
            (
                "sentences",
                Value::List(self.sentences.iter().map(Sentence::encode).collect()),
            ),
            ("ranked", self.ranked.encode()),
            (
                "cut",
                self.cut.map_or(Value::Null, |k| Value::Num(k as f64)),
            ),
            ("shares", Value::texts(&self.shares)),
            ("roadmap", self.roadmap.encode()),
            (
                "funded",
                Value::List(self.funded.iter().map(|b| Value::Bool(*b)).collect()),
            ),
            (
                "dashboard",
                self.dashboard
                    .as_ref()
                    .map_or(Value::Null, DashboardText::encode),
            ),
            (
                "notes",
                Value::List(
                    self.notes
                        .iter()
                        .map(|(l, m)| {
                            Value::map(vec![
                                ("at", location_encode(l)),
                                ("message", Value::text(m)),
                            ])
                        })
                        .collect(),
                ),
            ),
        ])
    }

    pub fn decode(v: &Value) -> Option<Self> {
        let flag = |k: &str| match v.get(k) {
            Value::Bool(b) => Some(*b),
            _ => None,
        };
        Some(PortfolioText {
            active: flag("active")?,
            capacity: flag("capacity")?,
            jobs: flag("jobs")?,
            sentences: v
                .get("sentences")
                .items()
                .iter()
                .map(Sentence::decode)
                .collect::<Option<_>>()?,
            ranked: TableText::decode(v.get("ranked"))?,
            cut: match v.get("cut") {
                Value::Null => None,
                x => Some(usize::try_from(x.whole()?).ok()?),
            },
            shares: v.get("shares").as_texts()?,
            roadmap: TableText::decode(v.get("roadmap"))?,
            funded: v
                .get("funded")
                .items()
                .iter()
                .map(|b| match b {
                    Value::Bool(b) => Some(*b),
                    _ => None,
                })
                .collect::<Option<_>>()?,
            notes: v
                .get("notes")
                .items()
                .iter()
                .map(|n| Some((location_decode(n.get("at"))?, text(n.get("message"))?)))
                .collect::<Option<_>>()?,
            dashboard: match v.get("dashboard") {
                Value::Null => None,
                d => Some(DashboardText::decode(d)?),
            },
        })
    }
}

/// A tile of the results dashboard, in words (`explain::dashboard`): its status as a key
/// ("green", "yellow", "red"; empty: no results yet) and as words, the figures behind it, the
/// note, and its sparkline's numbers (planned; actual, `None` for a gap; a KPI's target).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TileText {
    pub kind: String,
    pub name: String,
    pub status: String,
    pub label: String,
    pub lines: Vec<String>,
    pub note: String,
    pub planned: Vec<f64>,
    pub actual: Vec<Option<f64>>,
    pub target: Option<f64>,
}

/// One tracked initiative's detail: its index in the scenario, name, the forecast's rule and the
/// month-by-month table.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TrackedText {
    pub index: usize,
    pub name: String,
    pub rule: String,
    pub months: TableText,
}

/// The results dashboard in words, made in the worker with the portfolio's.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct DashboardText {
    pub line: String,
    pub tiles: Vec<TileText>,
    pub tracked: TableText,
    pub initiatives: Vec<TrackedText>,
    /// Each KPI as (goal, KPI, "Goal: KPI").
    pub kpis: Vec<(usize, usize, String)>,
}

fn opt_num(v: Option<f64>) -> Value {
    v.map_or(Value::Null, Value::Num)
}

fn num_or_null(v: &Value) -> Option<Option<f64>> {
    match v {
        Value::Null => Some(None),
        x => x.num().map(Some),
    }
}

fn index_of(v: &Value) -> Option<usize> {
    usize::try_from(v.whole()?).ok()
}

impl TileText {
    fn encode(&self) -> Value {
        Value::map(vec![
            ("kind", Value::text(&self.kind)),
            ("name", Value::text(&self.name)),
            ("status", Value::text(&self.status)),
            ("label", Value::text(&self.label)),
            ("lines", Value::texts(&self.lines)),
            ("note", Value::text(&self.note)),
            ("planned", Value::nums(&self.planned)),
            (
                "actual",
                Value::List(self.actual.iter().map(|v| opt_num(*v)).collect()),
            ),
            ("target", opt_num(self.target)),
        ])
    }

    fn decode(v: &Value) -> Option<Self> {
        Some(TileText {
            kind: text(v.get("kind"))?,
            name: text(v.get("name"))?,
            status: text(v.get("status"))?,
            label: text(v.get("label"))?,
            lines: v.get("lines").as_texts()?,
            note: text(v.get("note"))?,
            planned: v
                .get("planned")
                .items()
                .iter()
                .map(Value::num)
                .collect::<Option<_>>()?,
            actual: v
                .get("actual")
                .items()
                .iter()
                .map(num_or_null)
                .collect::<Option<_>>()?,
            target: num_or_null(v.get("target"))?,
        })
    }
}

impl DashboardText {
    pub fn encode(&self) -> Value {
        Value::map(vec![
            ("line", Value::text(&self.line)),
            (
                "tiles",
                Value::List(self.tiles.iter().map(TileText::encode).collect()),
            ),
            ("tracked", self.tracked.encode()),
            (
                "initiatives",
                Value::List(
                    self.initiatives
                        .iter()
                        .map(|t| {
                            Value::map(vec![
                                ("index", Value::Num(t.index as f64)),
                                ("name", Value::text(&t.name)),
                                ("rule", Value::text(&t.rule)),
                                ("months", t.months.encode()),
                            ])
                        })
                        .collect(),
                ),
            ),
            (
                "kpis",
                Value::List(
                    self.kpis
                        .iter()
                        .map(|(g, k, name)| {
                            Value::map(vec![
                                ("goal", Value::Num(*g as f64)),
                                ("kpi", Value::Num(*k as f64)),
                                ("name", Value::text(name)),
                            ])
                        })
                        .collect(),
                ),
            ),
        ])
    }

    pub fn decode(v: &Value) -> Option<Self> {
        Some(DashboardText {
            line: text(v.get("line"))?,
            tiles: v
                .get("tiles")
                .items()
                .iter()
                .map(TileText::decode)
                .collect::<Option<_>>()?,
            tracked: TableText::decode(v.get("tracked"))?,
            initiatives: v
                .get("initiatives")
                .items()
                .iter()
                .map(|t| {
                    Some(TrackedText {
                        index: index_of(t.get("index"))?,
                        name: text(t.get("name"))?,
                        rule: text(t.get("rule"))?,
                        months: TableText::decode(t.get("months"))?,
                    })
                })
                .collect::<Option<_>>()?,
            kpis: v
                .get("kpis")
                .items()
                .iter()
                .map(|k| {
                    Some((
                        index_of(k.get("goal"))?,
                        index_of(k.get("kpi"))?,
                        text(k.get("name"))?,
                    ))
                })
                .collect::<Option<_>>()?,
        })
    }
}

//! The page↔worker protocol: every request and reply as a type, each with one encode and one
//! decode (to and from [`Value`]). A message is an object `{id, op, ...}` in and `{id, ...}` out.
//!
//! A scenario travels once per revision: the page numbers each evaluation it shows (a revision),
//! sends a worker the scenario of a revision the first time it asks about it ([`Request::Put`]),
//! and later requests name the revision. The worker evaluates a revision once, keeps it, and
//! answers [`Reply::Missing`] for a revision it does not have (a restarted worker), which the
//! page answers by sending it again.

use super::texts::{ChartText, Pointer, PortfolioText, Report, Tip};
use super::value::{Opaque, Value};
use crate::formats::flat::Tok;
use crate::model::{Driver, Figure};

/// A chart of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartId {
    ValueByDriver,
    Cumulative,
    ValueVsEffort,
    Scores,
    /// The last simulation's NPV distribution (the simulation worker's).
    Distribution,
    /// The tornado of the initiative at this index.
    Tornado(usize),
    /// The portfolio's efficient frontier: the best value at each budget, and ranking by NPV.
    Frontier,
    /// The roadmap as a Gantt chart.
    Roadmap,
    /// The team's use of its capacity, month by month.
    Capacity,
    /// Spend by year against the budgets, as scheduled.
    Spend,
    /// The cumulative value of the tracked initiative at this index (in the scenario): planned,
    /// and actual then forecast.
    Realised(usize),
    /// A KPI's readings (goal, KPI) against its baseline, planned path and target.
    Kpi(usize, usize),
    /// The last simulation's NPV as an S-curve (the chance NPV is at most x) of the initiative at
    /// this index, or of the portfolio's funded set at the index one past the last initiative.
    SCurve(usize),
    /// The same as a histogram.
    Histogram(usize),
    /// The loss exceedance curve, before and after, of the risk-reduced benefits of the
    /// initiative at this index, or of every initiative at the index one past the last.
    Loss(usize),
}

impl ChartId {
    /// The comparison's charts, in page order.
    pub const COMPARISON: [ChartId; 4] = [
        ChartId::ValueByDriver,
        ChartId::Cumulative,
        ChartId::ValueVsEffort,
        ChartId::Scores,
    ];

    /// The portfolio's charts, in page order.
    pub const PORTFOLIO: [ChartId; 4] = [
        ChartId::Frontier,
        ChartId::Roadmap,
        ChartId::Capacity,
        ChartId::Spend,
    ];

    /// Whether the simulation worker draws it (it holds the last run).
    pub fn simulated(self) -> bool {
        matches!(
            self,
            ChartId::Distribution | ChartId::SCurve(_) | ChartId::Histogram(_)
        )
    }

    pub fn encode(self) -> Value {
        let (name, of) = match self {
            ChartId::ValueByDriver => ("value-by-driver", None),
            ChartId::Cumulative => ("cumulative", None),
            ChartId::ValueVsEffort => ("value-vs-effort", None),
            ChartId::Scores => ("scores", None),
            ChartId::Distribution => ("distribution", None),
            ChartId::Tornado(k) => ("tornado", Some(k)),
            ChartId::Frontier => ("frontier", None),
            ChartId::Roadmap => ("roadmap", None),
            ChartId::Capacity => ("capacity", None),
            ChartId::Spend => ("spend", None),
            ChartId::Realised(k) => ("realised", Some(k)),
            ChartId::Kpi(g, k) => ("kpi", Some(g * 1000 + k)),
            ChartId::SCurve(k) => ("s-curve", Some(k)),
            ChartId::Histogram(k) => ("histogram", Some(k)),
            ChartId::Loss(k) => ("loss", Some(k)),
        };
        Value::map(vec![
            ("name", Value::text(name)),
            ("of", of.map_or(Value::Null, |k| Value::Num(k as f64))),
        ])
    }

    pub fn decode(v: &Value) -> Option<ChartId> {
        Some(match v.get("name").as_text()? {
            "value-by-driver" => ChartId::ValueByDriver,
            "cumulative" => ChartId::Cumulative,
            "value-vs-effort" => ChartId::ValueVsEffort,
            "scores" => ChartId::Scores,
            "distribution" => ChartId::Distribution,
            "tornado" => ChartId::Tornado(usize::try_from(v.get("of").whole()?).ok()?),
            "frontier" => ChartId::Frontier,
            "roadmap" => ChartId::Roadmap,
            "capacity" => ChartId::Capacity,
            "spend" => ChartId::Spend,
            "realised" => ChartId::Realised(usize::try_from(v.get("of").whole()?).ok()?),
            "s-curve" => ChartId::SCurve(usize::try_from(v.get("of").whole()?).ok()?),
            "histogram" => ChartId::Histogram(usize::try_from(v.get("of").whole()?).ok()?),
            "loss" => ChartId::Loss(usize::try_from(v.get("of").whole()?).ok()?),
            "kpi" => {
                let of = usize::try_from(v.get("of").whole()?).ok()?;
                ChartId::Kpi(of / 1000, of % 1000)
            }
            _ => return None,
        })
    }
}

/// The key of a ranking figure, as the page's "Rank by" select and the requests name it.
pub fn figure_key(f: Figure) -> &'static str {
    match f {
        Figure::Npv => "npv",
        Figure::Roi => "roi",
        Figure::Irr => "irr",
        Figure::Payback => "payback",
        Figure::BenefitCostRatio => "bcr",
        Figure::CostOfDelay => "cost_of_delay",
        Figure::Score => "score",
        Figure::AnnualValue => "annual_value",
        Figure::PvBenefits => "pv_benefits",
    }
}

/// The figure a key names.
pub fn figure_of(key: &str) -> Option<Figure> {
    Figure::ALL.into_iter().find(|f| figure_key(*f) == key)
}

/// A simulated row of the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimRow {
    /// NPV P10 · P50 · P90.
    Npv,
    NpvMean,
    Roi,
    Payback,
    /// The chance of a loss.
    Loss,
    /// The chance of ranking first by this figure.
    First(Figure),
}

/// A row of the comparison table: its `data-row` attribute, and what an explanation asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKey {
    /// Annual value from one driver.
    Driver(Driver),
    /// A figure's row (the annual value's is the total annual value at full adoption).
    Figure(Figure),
    PvCosts,
    Rank,
    Sim(SimRow),
}

impl RowKey {
    pub fn encode(self) -> String {
        match self {
            RowKey::Driver(d) => format!("driver-{}", d.index()),
            RowKey::Figure(Figure::AnnualValue) => "annual".into(),
            RowKey::Figure(f) => figure_key(f).into(),
            RowKey::PvCosts => "pv_costs".into(),
            RowKey::Rank => "rank".into(),
            RowKey::Sim(s) => match s {
                SimRow::Npv => "sim_npv".into(),
                SimRow::NpvMean => "sim_npv_mean".into(),
                SimRow::Roi => "sim_roi".into(),
                SimRow::Payback => "sim_payback".into(),
                SimRow::Loss => "sim_loss".into(),
                SimRow::First(f) => format!("sim_first_{}", figure_key(f)),
            },
        }
    }

    pub fn decode(key: &str) -> Option<RowKey> {
        if let Some(i) = key.strip_prefix("driver-") {
            let i: usize = i.parse().ok()?;
            return Driver::ALL.get(i).map(|d| RowKey::Driver(*d));
        }
        if let Some(f) = key.strip_prefix("sim_first_") {
            return figure_of(f).map(|f| RowKey::Sim(SimRow::First(f)));
        }
        Some(match key {
            "annual" => RowKey::Figure(Figure::AnnualValue),
            "annual_value" => return None,
            "pv_costs" => RowKey::PvCosts,
            "rank" => RowKey::Rank,
            "sim_npv" => RowKey::Sim(SimRow::Npv),
            "sim_npv_mean" => RowKey::Sim(SimRow::NpvMean),
            "sim_roi" => RowKey::Sim(SimRow::Roi),
            "sim_payback" => RowKey::Sim(SimRow::Payback),
            "sim_loss" => RowKey::Sim(SimRow::Loss),
            _ => RowKey::Figure(figure_of(key)?),
        })
    }
}

/// What a request is about: a revision the worker was given ([`Request::Put`]), or a scenario
/// sent with it (a file or link made from a scenario that is not on screen).
#[derive(Clone, Debug, PartialEq)]
pub enum Subject {
    Rev(u64),
    Scenario(Vec<Tok>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// The scenario of revision `rev` (flat form): kept and evaluated once. Replied `Stored`.
    Put { rev: u64, scenario: Vec<Tok> },
    /// The share-link fragment (without `#`) → `Text`.
    Link(Subject),
    /// The saved-file JSON → `Text`.
    Save(Subject),
    /// The comparison table as CSV → `Text`.
    Csv(Subject),
    /// The Excel workbook (`formats::xlsx`) as base64 → `Text`. Answered by the workbook worker
    /// (`src/bin/workbook.rs`) only.
    Workbook(Subject),
    /// A share-link fragment read → `Scenario` (with notes: what reading changed).
    OpenLink(String),
    /// A saved file read → `Scenario` (with its version and notes).
    Load(String),
    /// The Monte Carlo with the scenario's settings → `Progress`…, then `Report`. The run is kept
    /// for the distribution chart.
    Simulate(Subject),
    /// The same on `simulate::benchmark_scenario` (for the benchmark) → `Bench`.
    BenchSimulate { initiatives: f64, trials: f64 },
    /// The portfolio's benchmark (`plan::benchmark_problem`): `instances` random selections of
    /// `initiatives` candidates timed one by one, the frontier of the first, and the portfolio
    /// under 10,000 trials of `simulate::benchmark_scenario(20)` → `Text` (JSON of the times).
    BenchPortfolio { initiatives: f64, instances: f64 },
    /// A chart's echarts option and words → `Chart`.
    Chart {
        rev: u64,
        chart: ChartId,
        motion: bool,
    },
    /// The portfolio of revision `rev` in words (its plan, `model::plan`) → `Portfolio`.
    Portfolio { rev: u64 },
    /// Only a chart's words (a chart not drawn yet, for printing) → `Texts`.
    Texts { rev: u64, chart: ChartId },
    /// The tip of a chart where the pointer is → `Tip`.
    Tip {
        rev: u64,
        chart: ChartId,
        at: Pointer,
    },
    /// How the comparison's figure in row `row`, column `col` was found → `Lines`.
    Explain {
        rev: u64,
        rank_by: Figure,
        row: RowKey,
        col: usize,
    },
}

fn flat_encode(toks: &[Tok]) -> Value {
    Value::List(
        toks.iter()
            .map(|t| match t {
                Tok::Num(v) => Value::Num(*v),
                Tok::Text(s) => Value::text(s),
                Tok::Nil => Value::Null,
            })
            .collect(),
    )
}

/// `None` unless `v` is a list of numbers, texts and nulls.
fn flat_decode(v: &Value) -> Option<Vec<Tok>> {
    match v {
        Value::List(items) => items
            .iter()
            .map(|x| match x {
                Value::Num(n) => Some(Tok::Num(*n)),
                Value::Text(s) => Some(Tok::Text(s.clone())),
                Value::Null => Some(Tok::Nil),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

impl Subject {
    fn field(&self) -> (&'static str, Value) {
        match self {
            Subject::Rev(r) => ("rev", Value::Num(*r as f64)),
            Subject::Scenario(t) => ("scenario", flat_encode(t)),
        }
    }

    fn decode(v: &Value) -> Option<Subject> {
        match v.get("rev").whole() {
            Some(r) => Some(Subject::Rev(r)),
            None => flat_decode(v.get("scenario")).map(Subject::Scenario),
        }
    }
}

impl Request {
    /// The message `{id, op, ...}`.
    pub fn encode(&self, id: f64) -> Value {
        let rev = |r: &u64| ("rev", Value::Num(*r as f64));
        let (op, mut fields): (&str, Vec<(&str, Value)>) = match self {
            Request::Put { rev: r, scenario } => {
                ("put", vec![rev(r), ("scenario", flat_encode(scenario))])
            }
            Request::Link(s) => ("link", vec![s.field()]),
            Request::Save(s) => ("save", vec![s.field()]),
            Request::Csv(s) => ("csv", vec![s.field()]),
            Request::Workbook(s) => ("workbook", vec![s.field()]),
            Request::OpenLink(t) => ("open-link", vec![("text", Value::text(t))]),
            Request::Load(t) => ("load", vec![("text", Value::text(t))]),
            Request::Simulate(s) => ("simulate", vec![s.field()]),
            Request::BenchPortfolio {
                initiatives,
                instances,
            } => (
                "bench-portfolio",
                vec![
                    ("initiatives", Value::Num(*initiatives)),
                    ("instances", Value::Num(*instances)),
                ],
            ),
            Request::BenchSimulate {
                initiatives,
                trials,
            } => (
                "bench-simulate",
                vec![
                    ("initiatives", Value::Num(*initiatives)),
                    ("trials", Value::Num(*trials)),
                ],
            ),
            Request::Chart {
                rev: r,
                chart,
                motion,
            } => (
                "chart",
                vec![
                    rev(r),
                    ("chart", chart.encode()),
                    ("motion", Value::Bool(*motion)),
                ],
            ),
            Request::Texts { rev: r, chart } => ("texts", vec![rev(r), ("chart", chart.encode())]),
            Request::Portfolio { rev: r } => ("portfolio", vec![rev(r)]),
            Request::Tip { rev: r, chart, at } => (
                "tip",
                vec![rev(r), ("chart", chart.encode()), ("at", at.encode())],
            ),
            Request::Explain {
                rev: r,
                rank_by,
                row,
                col,
            } => (
                "explain",
                vec![
                    rev(r),
                    ("rank_by", Value::text(figure_key(*rank_by))),
                    ("row", Value::Text(row.encode())),
                    ("col", Value::Num(*col as f64)),
                ],
            ),
        };
        let mut all = vec![("id", Value::Num(id)), ("op", Value::text(op))];
        all.append(&mut fields);
        Value::map(all)
    }

    /// The id and the request of a message; `Err` names what could not be read.
    pub fn decode(msg: &Value) -> (f64, Result<Request, String>) {
        let id = msg.get("id").num().unwrap_or(f64::NAN);
        let op = msg.get("op").as_text().unwrap_or_default();
        let rev = || msg.get("rev").whole();
        let chart = || ChartId::decode(msg.get("chart"));
        let text = || msg.get("text").as_text().map(String::from);
        let req = match op {
            "put" => rev()
                .zip(flat_decode(msg.get("scenario")))
                .map(|(rev, scenario)| Request::Put { rev, scenario }),
            "link" => Subject::decode(msg).map(Request::Link),
            "save" => Subject::decode(msg).map(Request::Save),
            "csv" => Subject::decode(msg).map(Request::Csv),
            "workbook" => Subject::decode(msg).map(Request::Workbook),
            "open-link" => text().map(Request::OpenLink),
            "load" => text().map(Request::Load),
            "simulate" => Subject::decode(msg).map(Request::Simulate),
            "bench-portfolio" => Some(Request::BenchPortfolio {
                initiatives: msg.get("initiatives").num().unwrap_or(100.0),
                instances: msg.get("instances").num().unwrap_or(100.0),
            }),
            "bench-simulate" => Some(Request::BenchSimulate {
                initiatives: msg.get("initiatives").num().unwrap_or(20.0),
                trials: msg.get("trials").num().unwrap_or(10_000.0),
            }),
            "chart" => rev().zip(chart()).map(|(rev, chart)| Request::Chart {
                rev,
                chart,
                motion: msg.get("motion").as_bool().unwrap_or(true),
            }),
            "texts" => rev()
                .zip(chart())
                .map(|(rev, chart)| Request::Texts { rev, chart }),
            "portfolio" => rev().map(|rev| Request::Portfolio { rev }),
            "tip" => rev()
                .zip(chart())
                .zip(Pointer::decode(msg.get("at")))
                .map(|((rev, chart), at)| Request::Tip { rev, chart, at }),
            "explain" => (|| {
                Some(Request::Explain {
                    rev: rev()?,
                    rank_by: figure_of(msg.get("rank_by").as_text()?)?,
                    row: RowKey::decode(msg.get("row").as_text()?)?,
                    col: usize::try_from(msg.get("col").whole()?).ok()?,
                })
            })(),
            _ => return (id, Err(format!("unknown request “{op}”"))),
        };
        (
            id,
            req.ok_or_else(|| format!("a “{op}” request that could not be read")),
        )
    }
}

/// The figures of one simulated initiative the benchmark reads: NPV P10, P50, P90 and mean.
pub type BenchNpv = [f64; 4];

#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    /// The worker has started (no id).
    Ready,
    /// A revision is kept.
    Stored,
    /// The request named a revision the worker does not have: send it again (`Put`).
    Missing(u64),
    /// A long run's share of trials done (0–1).
    Progress(f64),
    /// A link fragment, a saved file, a CSV.
    Text(String),
    /// A scenario read from a link or a file (flat form), with what reading changed; `version`:
    /// the saved file's.
    Scenario {
        scenario: Vec<Tok>,
        version: Option<u32>,
        notes: Vec<String>,
    },
    /// A simulation's report.
    Report(Box<Report>),
    /// The portfolio of a revision in words.
    Portfolio(Box<PortfolioText>),
    /// A benchmark run: its trials, the time it took, its EVPI and each initiative's NPV.
    Bench {
        trials: f64,
        ms: f64,
        evpi: f64,
        npv: Vec<BenchNpv>,
    },
    /// A chart's echarts option, the functions the page adds to it as `[path, name, argument]`,
    /// and its words.
    Chart {
        option: Opaque,
        funcs: Vec<[String; 3]>,
        texts: ChartText,
    },
    Texts(ChartText),
    Tip(Option<Tip>),
    Lines(Vec<String>),
    Error(String),
}

impl Reply {
    /// The message `{id, ...}` (`Ready`: `{ready: true}`).
    pub fn encode(&self, id: f64) -> Value {
        let id = ("id", Value::Num(id));
        let fields = match self {
            Reply::Ready => return Value::map(vec![("ready", Value::Bool(true))]),
            Reply::Stored => vec![id, ("stored", Value::Bool(true))],
            Reply::Missing(rev) => vec![id, ("missing", Value::Num(*rev as f64))],
            Reply::Progress(p) => vec![id, ("progress", Value::Num(*p))],
            Reply::Text(t) => vec![id, ("text", Value::text(t))],
            Reply::Scenario {
                scenario,
                version,
                notes,
            } => vec![
                id,
                ("scenario", flat_encode(scenario)),
                (
                    "version",
                    version.map_or(Value::Null, |v| Value::Num(f64::from(v))),
                ),
                ("notes", Value::texts(notes)),
            ],
            Reply::Report(r) => vec![id, ("report", r.encode())],
            Reply::Portfolio(p) => vec![id, ("portfolio", p.encode())],
            Reply::Bench {
                trials,
                ms,
                evpi,
                npv,
            } => vec![
                id,
                ("trials", Value::Num(*trials)),
                ("ms", Value::Num(*ms)),
                ("evpi", Value::Num(*evpi)),
                (
                    "initiatives",
                    Value::List(
                        npv.iter()
                            .map(|n| Value::map(vec![("npv", Value::nums(n))]))
                            .collect(),
                    ),
                ),
            ],
            Reply::Chart {
                option,
                funcs,
                texts,
            } => vec![
                id,
                ("option", Value::Opaque(option.clone())),
                (
                    "funcs",
                    Value::List(funcs.iter().map(|f| Value::texts(f)).collect()),
                ),
                ("texts", texts.encode()),
            ],
            Reply::Texts(t) => vec![id, ("texts", t.encode())],
            Reply::Tip(t) => vec![
                id,
                ("tip", t.as_ref().map_or(Value::Bool(false), Tip::encode)),
            ],
            Reply::Lines(l) => vec![id, ("lines", Value::texts(l))],
            Reply::Error(e) => vec![id, ("error", Value::text(e))],
        };
        Value::map(fields)
    }

    /// The id (NaN for `Ready`) and the reply of a message; `None` when it cannot be read.
    pub fn decode(msg: &Value) -> (f64, Option<Reply>) {
        let id = msg.get("id").num().unwrap_or(f64::NAN);
        let has = |k: &str| *msg.get(k) != Value::Null;
        let reply = if msg.get("ready").as_bool() == Some(true) {
            Some(Reply::Ready)
        } else if let Some(e) = msg.get("error").as_text() {
            Some(Reply::Error(e.into()))
        } else if has("stored") {
            Some(Reply::Stored)
        } else if has("missing") {
            msg.get("missing").whole().map(Reply::Missing)
        } else if has("progress") {
            msg.get("progress").num().map(Reply::Progress)
        } else if has("option") {
            (|| {
                let Value::Opaque(option) = msg.get("option") else {
                    return None;
                };
                let funcs = msg
                    .get("funcs")
                    .items()
                    .iter()
                    .map(|f| f.as_texts()?.try_into().ok())
                    .collect::<Option<_>>()?;
                Some(Reply::Chart {
                    option: option.clone(),
                    funcs,
                    texts: ChartText::decode(msg.get("texts"))?,
                })
            })()
        } else if has("texts") {
            ChartText::decode(msg.get("texts")).map(Reply::Texts)
        } else if has("tip") {
            match msg.get("tip") {
                Value::Bool(false) => Some(Reply::Tip(None)),
                t => Tip::decode(t).map(|t| Reply::Tip(Some(t))),
            }
        } else if has("lines") {
            msg.get("lines").as_texts().map(Reply::Lines)
        } else if has("portfolio") {
            PortfolioText::decode(msg.get("portfolio")).map(|p| Reply::Portfolio(Box::new(p)))
        } else if has("report") {
            Report::decode(msg.get("report")).map(|r| Reply::Report(Box::new(r)))
        } else if has("scenario") {
            (|| {
                Some(Reply::Scenario {
                    scenario: flat_decode(msg.get("scenario"))?,
                    version: match msg.get("version") {
                        Value::Null => None,
                        v => Some(u32::try_from(v.whole()?).ok()?),
                    },
                    notes: msg.get("notes").as_texts()?,
                })
            })()
        } else if has("evpi") {
            (|| {
                let npv = msg
                    .get("initiatives")
                    .items()
                    .iter()
                    .map(|i| {
                        let n = i.get("npv").items();
                        let at = |k: usize| n.get(k).and_then(Value::num);
                        Some([at(0)?, at(1)?, at(2)?, at(3)?])
                    })
                    .collect::<Option<_>>()?;
                Some(Reply::Bench {
                    trials: msg.get("trials").num()?,
                    ms: msg.get("ms").num()?,
                    evpi: msg.get("evpi").num()?,
                    npv,
                })
            })()
        } else if has("text") {
            msg.get("text").as_text().map(|t| Reply::Text(t.into()))
        } else {
            None
        };
        (id, reply)
    }
}

//! The page↔worker protocol round-trips natively: every request and reply, every chart and every
//! row key decodes to what was encoded; the row keys are the page's `data-row` names; what
//! cannot be read is refused, not guessed.
#![cfg(not(target_arch = "wasm32"))]

use caseboard::formats::flat::{self, Tok};
use caseboard::model::{example_scenario, Driver, Figure};
use caseboard::wire::protocol::SimRow;
use caseboard::wire::value::Opaque;
use caseboard::wire::*;

fn table() -> TableText {
    TableText {
        caption: "Estimates worth refining".into(),
        heads: vec!["Estimate".into(), "Value".into()],
        rows: vec![vec!["hours".into(), "$1,200".into()], vec![]],
    }
}

fn charts() -> Vec<ChartId> {
    let mut all = ChartId::COMPARISON.to_vec();
    all.extend([
        ChartId::Distribution,
        ChartId::Tornado(0),
        ChartId::Tornado(7),
    ]);
    all
}

fn row_keys() -> Vec<RowKey> {
    let mut keys: Vec<RowKey> = Driver::ALL.into_iter().map(RowKey::Driver).collect();
    keys.extend(Figure::ALL.into_iter().map(RowKey::Figure));
    keys.extend([RowKey::PvCosts, RowKey::Rank]);
    keys.extend(
        [
            SimRow::Npv,
            SimRow::NpvMean,
            SimRow::Roi,
            SimRow::Payback,
            SimRow::Loss,
        ]
        .into_iter()
        .chain(Figure::ALL.into_iter().map(SimRow::First))
        .map(RowKey::Sim),
    );
    keys
}

fn requests() -> Vec<Request> {
    let toks = flat::write(&example_scenario());
    let mut all = vec![
        Request::Put {
            rev: 3,
            scenario: toks.clone(),
        },
        Request::Link(Subject::Rev(1)),
        Request::Link(Subject::Scenario(toks.clone())),
        Request::Save(Subject::Scenario(vec![
            Tok::Nil,
            Tok::Num(-0.5),
            Tok::Text("ü".into()),
        ])),
        Request::Csv(Subject::Rev(9_007_199_254_740_992)),
        Request::OpenLink("c2.abc".into()),
        Request::Load("{}".into()),
        Request::Simulate(Subject::Rev(2)),
        Request::BenchSimulate {
            initiatives: 20.0,
            trials: 10_000.0,
        },
        Request::BenchPortfolio {
            initiatives: 100.0,
            instances: 100.0,
        },
        Request::Chart {
            rev: 5,
            chart: ChartId::Frontier,
            motion: false,
        },
        Request::Texts {
            rev: 5,
            chart: ChartId::Roadmap,
        },
        Request::Texts {
            rev: 5,
            chart: ChartId::Capacity,
        },
        Request::Texts {
            rev: 5,
            chart: ChartId::Spend,
        },
        Request::Tip {
            rev: 4,
            chart: ChartId::Cumulative,
            at: Pointer {
                x: 12.25,
                y: -3.0,
                item: None,
            },
        },
        Request::Tip {
            rev: 4,
            chart: ChartId::ValueVsEffort,
            at: Pointer {
                x: 0.0,
                y: 1.0,
                item: Some((2, 5)),
            },
        },
    ];
    for chart in charts() {
        for motion in [true, false] {
            all.push(Request::Chart {
                rev: 5,
                chart,
                motion,
            });
        }
        all.push(Request::Texts { rev: 6, chart });
    }
    for row in row_keys() {
        for rank_by in Figure::ALL {
            all.push(Request::Explain {
                rev: 7,
                rank_by,
                row,
                col: 2,
            });
        }
    }
    all
}

fn replies() -> Vec<Reply> {
    let chart_text = ChartText {
        summary: "Bars".into(),
        table: table(),
    };
    let tip = Tip {
        title: "Service desk".into(),
        lines: vec!["NPV: $144,110".into()],
    };
    let report = Report {
        status: "10,000 trials".into(),
        rows: row_keys()
            .into_iter()
            .map(|key| RowText {
                key,
                label: "Chance".into(),
                texts: vec!["12%".into(), "88%".into()],
                best: vec![false, true],
                lines: vec![vec!["a".into()], vec![]],
            })
            .collect(),
        voi: "Value of perfect information: $0.".into(),
        refine: table(),
        correlation: table(),
        notices: vec!["“Costs”: a single number, left out.".into()],
        summary: vec![
            Sentence {
                topic: "range",
                text: "Simulated, Service desk's NPV is $1 to $2.".into(),
                lines: vec!["P10 $1".into(), "P90 $2".into()],
                cells: vec![
                    (RowKey::Sim(SimRow::Npv), 0),
                    (RowKey::Figure(Figure::Npv), 1),
                ],
            },
            Sentence {
                topic: "refine",
                ..Sentence::default()
            },
            Sentence {
                topic: "portfolio",
                text: "With the ranges, the funded portfolio's NPV is $1 to $3.".into(),
                ..Sentence::default()
            },
        ],
    };
    vec![
        Reply::Stored,
        Reply::Missing(12),
        Reply::Progress(0.25),
        Reply::Text("c2.xyz".into()),
        Reply::Text(String::new()),
        Reply::Scenario {
            scenario: flat::write(&example_scenario()),
            version: Some(2),
            notes: vec!["An id was given".into()],
        },
        Reply::Scenario {
            scenario: vec![Tok::Nil],
            version: None,
            notes: vec![],
        },
        Reply::Report(Box::new(report)),
        Reply::Report(Box::default()),
        Reply::Bench {
            trials: 10_000.0,
            ms: 812.5,
            evpi: 35_961.37,
            npv: vec![[1.0, 2.0, 3.0, 2.5]],
        },
        Reply::Chart {
            option: Opaque,
            funcs: vec![[
                "yAxis.axisLabel.formatter".into(),
                "money".into(),
                "USD".into(),
            ]],
            texts: chart_text.clone(),
        },
        Reply::Texts(chart_text),
        Reply::Tip(Some(tip)),
        Reply::Tip(None),
        Reply::Lines(vec!["NPV: $1 − $2 = −$1".into()]),
        Reply::Lines(vec![]),
        Reply::Error("This chart could not be built".into()),
    ]
}

#[test]
fn every_request_decodes_to_itself_with_its_id() {
    for (k, req) in requests().into_iter().enumerate() {
        let id = k as f64 + 1.0;
        let (got_id, got) = Request::decode(&req.encode(id));
        assert_eq!(got_id, id);
        assert_eq!(got, Ok(req));
    }
}

#[test]
fn every_reply_decodes_to_itself_with_its_id() {
    for (k, reply) in replies().into_iter().enumerate() {
        let id = k as f64 + 1.0;
        assert_eq!(Reply::decode(&reply.encode(id)), (id, Some(reply)));
    }
    assert_eq!(
        Reply::decode(&Reply::Ready.encode(0.0)).1,
        Some(Reply::Ready)
    );
}

#[test]
fn row_keys_are_the_pages_row_names() {
    let names: Vec<String> = row_keys().into_iter().map(RowKey::encode).collect();
    // Written by hand: the `data-row` attributes the page has always had.
    for expected in [
        "driver-0",
        "driver-4",
        "annual",
        "pv_benefits",
        "pv_costs",
        "npv",
        "roi",
        "irr",
        "payback",
        "bcr",
        "cost_of_delay",
        "score",
        "rank",
        "sim_npv",
        "sim_npv_mean",
        "sim_roi",
        "sim_payback",
        "sim_loss",
        "sim_first_npv",
        "sim_first_annual_value",
        "sim_first_irr",
    ] {
        assert!(names.iter().any(|n| n == expected), "{expected}");
    }
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "one name per row");
    for key in row_keys() {
        assert_eq!(RowKey::decode(&key.encode()), Some(key));
    }
    for unknown in [
        "",
        "annual_value",
        "driver-5",
        "driver-x",
        "sim_first_",
        "NPV",
    ] {
        assert_eq!(RowKey::decode(unknown), None, "{unknown}");
    }
}

#[test]
fn charts_and_figures_round_trip() {
    for c in charts() {
        assert_eq!(ChartId::decode(&c.encode()), Some(c));
    }
    for f in Figure::ALL {
        assert_eq!(figure_of(figure_key(f)), Some(f));
    }
    assert_eq!(figure_key(Figure::BenefitCostRatio), "bcr");
    assert!(ChartId::Distribution.simulated());
    assert!(!ChartId::Tornado(1).simulated());
}

#[test]
fn what_cannot_be_read_is_refused() {
    let msg = |fields: Vec<(&str, Value)>| Value::map(fields);
    let (id, r) = Request::decode(&msg(vec![
        ("id", Value::Num(4.0)),
        ("op", Value::text("nope")),
    ]));
    assert_eq!(id, 4.0);
    assert!(r.unwrap_err().contains("unknown request"));
    // A revision that is not a whole number, a chart without a name, a scenario of objects.
    for bad in [
        msg(vec![
            ("op", Value::text("chart")),
            ("rev", Value::Num(1.5)),
            ("chart", ChartId::Scores.encode()),
        ]),
        msg(vec![
            ("op", Value::text("texts")),
            ("rev", Value::Num(1.0)),
            ("chart", Value::Null),
        ]),
        msg(vec![
            ("op", Value::text("save")),
            ("scenario", Value::List(vec![Value::List(vec![])])),
        ]),
        msg(vec![
            ("op", Value::text("explain")),
            ("rev", Value::Num(1.0)),
            ("rank_by", Value::text("npv")),
            ("row", Value::text("annual_value")),
            ("col", Value::Num(0.0)),
        ]),
        msg(vec![
            ("op", Value::text("tip")),
            ("rev", Value::Num(-1.0)),
            ("chart", ChartId::Scores.encode()),
        ]),
    ] {
        assert!(Request::decode(&bad).1.is_err(), "{bad:?}");
    }
    assert_eq!(Reply::decode(&msg(vec![("id", Value::Num(1.0))])).1, None);
    assert_eq!(
        Reply::decode(&msg(vec![("lines", Value::text("not a list"))])).1,
        None
    );
}

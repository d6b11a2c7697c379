//! The persistence worker: everything that turns a scenario into text or back — saved files
//! (the versioned envelope and its migrations), share links (deflate + base64url) and CSV — and
//! the charts' echarts options. It runs in a Web Worker loaded only when the page first needs it
//! (an edit, a link, a chart coming into view), so none of this code is part of the page's first
//! download, and building chart options never holds up typing.
//!
//! Messages: `{id, op, ...}` in, `{id, ...}` out. A scenario travels in the flat form
//! (`model::flat`). Ops:
//! * `link` {scenario} → {text}: the share-link fragment (without `#`);
//! * `open-link` {text} → {scenario, notes} or {error}: `notes` says what reading changed (ids
//!   given to initiatives that had none or shared one);
//! * `save` {scenario} → {text}: the saved-file JSON;
//! * `load` {text} → {scenario, version, notes} or {error};
//! * `csv` {scenario} → {text}: the comparison table as CSV (`model::csv::comparison`);
//! * `simulate` {scenario} → {trials, seed, ms, initiatives: [{npv, roi, payback, p_loss,
//!   p_best, p_best_roi, p_best_payback}], evpi, inputs, evppi, evppi_chance}: the Monte Carlo of
//!   `model::simulate` with the scenario's settings; `npv` and `roi` are `[p10, p50, p90, mean]`
//!   (`roi` null without costs), `payback` `[p10, p50, p90, share within the horizon]` (null
//!   beyond it); `report` is the same in words and tables for the page
//!   (`sim_report::Report`). A long run first sends `{id, progress}` (0–1) every 5,000 trials. The result is
//!   kept for the distribution chart;
//! * `bench-simulate` {initiatives, trials} → the same, on `simulate::benchmark_scenario`;
//! * `texts` {scenario, which, extra} → {texts}: only the words of chart `which` (for a chart
//!   not drawn yet, so that printing from the browser's menu has its data table);
//! * `tip` {scenario, which, extra, x, y, series, item} → {tip: {title, lines} or null}: the tip
//!   of chart `which` where the pointer is (`chart_text`);
//! * `explain` {scenario, rank_by, key, col} → {lines}: how the comparison's figure `key` of
//!   initiative `col` was found (`explain`);
//! * `chart` {scenario, which, motion, extra} → {option, funcs}: chart `which`'s echarts option,
//!   built with charming (`chart_spec`), and the JS functions the page must add to it. Charts
//!   0–3 are the comparison's; 4 is the last simulation's NPV distribution; 5 the tornado of
//!   initiative `extra`. Every chart also replies `texts` (`chart_text::ChartText`): its
//!   summary and data table.
//!
//! The page starts this worker twice: one instance for saving, links and charts, one for
//! simulations, so a long run never holds up saving.

pub mod chart_spec;

use crate::explain::chart_text::{self, ChartText, Pointer, Tip};
use crate::explain::{figures as explain, sim_report};
use crate::formats::{csv, flat, link, saved};
use crate::model::Figure;
use crate::model::{evaluate, simulate, Scenario, Shown};
use crate::wire::js::{field, flat_from_js, flat_to_js, message, texts_to_js};
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen::JsValue;

thread_local! {
    /// The last simulation and its scenario's initiative names: the distribution chart's data.
    static LAST: RefCell<Option<(Vec<String>, String, simulate::Simulation)>> =
        const { RefCell::new(None) };
}

fn scenario(msg: &JsValue) -> Option<Scenario> {
    flat_from_js(&field(msg, "scenario")).and_then(|t| flat::read(&t))
}

fn text(msg: &JsValue) -> String {
    text_of(msg, "text")
}

fn text_of(msg: &JsValue, key: &str) -> String {
    field(msg, key).as_string().unwrap_or_default()
}

fn error(e: impl ToString) -> (&'static str, JsValue) {
    ("error", JsValue::from_str(&e.to_string()))
}

fn flat(s: &Scenario) -> (&'static str, JsValue) {
    ("scenario", flat_to_js(&flat::write(s)).into())
}

/// Chart `which` of the scenario: its option, the functions it needs, and (the tornado) the
/// numbers of its data table.
/// What chart `which` shows: its option, words (summary, data table) and tips.
struct Built {
    option: chart_spec::ChartOption,
    text: ChartText,
    /// The simulation charts' tips, by category; the others are built when asked (`tip`).
    tips: Vec<Tip>,
}

fn build(s: Scenario, msg: &JsValue, motion: bool) -> Option<(Built, Shown)> {
    let which = field(msg, "which").as_f64()? as usize;
    let evaluation = evaluate(&s).ok()?;
    let shown = Shown {
        scenario: Arc::new(s),
        evaluation: Arc::new(evaluation),
    };
    let s = &shown.scenario;
    let built = match which {
        4 => LAST.with_borrow(|last| {
            let (names, currency, sim) = last.as_ref()?;
            let (text, tips) = sim_report::distribution(names, sim, currency);
            let option = chart_spec::distribution(names, sim, currency, motion);
            Some(Built { option, text, tips })
        })?,
        5 => {
            let k = field(msg, "extra").as_f64().unwrap_or(0.0) as usize;
            let r = shown.evaluation.initiatives.get(k)?;
            let swings = simulate::tornado(s, k);
            let (text, tips) = sim_report::tornado(&r.name, r.npv(), &swings, &s.currency);
            let option = chart_spec::tornado(s, &swings, r.npv(), motion);
            Built { option, text, tips }
        }
        _ => Built {
            option: chart_spec::build(which, &shown, motion)?,
            text: chart_text::chart_texts(which, &shown)?,
            tips: Vec::new(),
        },
    };
    Some((built, shown))
}

/// Chart `which` of the scenario: its option, the functions it needs, and its words.
fn chart(s: Scenario, msg: &JsValue) -> Option<(JsValue, js_sys::Array, JsValue)> {
    let motion = field(msg, "motion").as_bool().unwrap_or(true);
    let (b, _) = build(s, msg, motion)?;
    let (option, funcs) = chart_spec::to_js(&b.option)?;
    Some((option, funcs, b.text.to_js()))
}

/// The tip of chart `which` at the pointer in `msg`.
fn tip(s: Scenario, msg: &JsValue) -> Option<Tip> {
    let num = |k: &str| field(msg, k).as_f64().unwrap_or(f64::NAN);
    let which = num("which") as usize;
    let (series, item) = (num("series"), num("item"));
    let p = Pointer {
        x: num("x"),
        y: num("y"),
        item: (series >= 0.0 && item >= 0.0).then_some((series as usize, item as usize)),
    };
    if which < 4 {
        let evaluation = evaluate(&s).ok()?;
        let shown = Shown {
            scenario: Arc::new(s),
            evaluation: Arc::new(evaluation),
        };
        return chart_text::tip(which, &shown, &p);
    }
    let (b, _) = build(s, msg, false)?;
    let k = chart_text::index(p.y, b.tips.len())?;
    b.tips.into_iter().nth(k)
}

fn nums(v: &[f64]) -> JsValue {
    v.iter()
        .map(|x| JsValue::from_f64(*x))
        .collect::<js_sys::Array>()
        .into()
}

fn opt(v: Option<f64>) -> JsValue {
    v.map_or(JsValue::NULL, JsValue::from_f64)
}

/// A simulation's results as a message, with the time it took.
fn simulation(
    id: (&'static str, JsValue),
    s: &Scenario,
    trials: usize,
    seed: u64,
    post: &dyn Fn(&JsValue),
) -> JsValue {
    let started = js_sys::Date::now();
    let sim = simulate::simulate_with_progress(s, trials, seed, &mut |done| {
        post(&message(&[
            id.clone(),
            ("progress", JsValue::from_f64(done)),
        ]));
    });
    let ms = js_sys::Date::now() - started;
    let initiatives: js_sys::Array = sim
        .initiatives
        .iter()
        .map(|r| {
            let spread = |x: &simulate::Spread| nums(&[x.p10, x.p50, x.p90, x.mean]);
            let p = &r.payback;
            let payback: js_sys::Array = [
                opt(p.p10),
                opt(p.p50),
                opt(p.p90),
                JsValue::from_f64(p.within),
            ]
            .into_iter()
            .collect();
            message(&[
                ("npv", spread(&r.npv)),
                ("roi", r.roi.as_ref().map_or(JsValue::NULL, spread)),
                ("payback", payback.into()),
                ("p_loss", JsValue::from_f64(r.p_loss)),
                ("p_best", JsValue::from_f64(r.p_best)),
                ("p_best_roi", JsValue::from_f64(r.p_best_roi)),
                ("p_best_payback", JsValue::from_f64(r.p_best_payback)),
            ])
        })
        .collect();
    let labels: js_sys::Array = sim
        .inputs
        .iter()
        .map(|x| JsValue::from_str(&x.label))
        .collect();
    let reply = message(&[
        id,
        ("trials", JsValue::from_f64(sim.trials as f64)),
        ("seed", JsValue::from_f64(sim.seed as f64)),
        ("ms", JsValue::from_f64(ms)),
        ("initiatives", initiatives.into()),
        ("evpi", JsValue::from_f64(sim.evpi)),
        ("inputs", labels.into()),
        ("evppi", nums(&sim.evppi)),
        ("evppi_chance", JsValue::from_f64(sim.evppi_chance)),
        ("report", sim_report::report(s, &sim, ms).to_js()),
    ]);
    let names = s.initiatives.iter().map(|i| i.name.clone()).collect();
    LAST.set(Some((names, s.currency.clone(), sim)));
    reply
}

/// The reply to one request.
pub fn answer(msg: &JsValue, post: &dyn Fn(&JsValue)) -> JsValue {
    let id = ("id", field(msg, "id"));
    let op = field(msg, "op").as_string().unwrap_or_default();
    let out = match op.as_str() {
        "link" | "save" => match scenario(msg) {
            Some(s) if op == "link" => ("text", JsValue::from_str(&link::encode(&s))),
            Some(s) => ("text", JsValue::from_str(&saved::to_json(&s))),
            None => error(
                "The scenario could not be read: it holds more than Caseboard's limits allow, or the page and the saving code are from different versions (reload the page)",
            ),
        },
        "open-link" => match link::decode_noting(&text(msg)) {
            Ok((s, notes)) => return message(&[id, flat(&s), ("notes", texts_to_js(&notes))]),
            Err(e) => error(e),
        },
        "load" => match saved::from_json(&text(msg)) {
            Ok(l) => {
                let version = ("version", JsValue::from_f64(f64::from(l.version)));
                let notes = ("notes", texts_to_js(&l.notes));
                return message(&[id, flat(&l.scenario), version, notes]);
            }
            Err(e) => error(e),
        },
        "csv" => match scenario(msg).and_then(|s| Some((evaluate(&s).ok()?, s))) {
            Some((e, s)) => (
                "text",
                JsValue::from_str(&csv::comparison(&s, &e, csv::CsvOptions::default())),
            ),
            None => error("The comparison could not be computed"),
        },
        "simulate" => match scenario(msg).filter(|s| evaluate(s).is_ok()) {
            Some(s) => {
                let (trials, seed) = (s.simulation.trials as usize, s.simulation.seed);
                return simulation(id, &s, trials, u64::from(seed), post);
            }
            None => error("Fix the marked inputs to simulate"),
        },
        "bench-simulate" => {
            let n = field(msg, "initiatives")
                .as_f64()
                .unwrap_or(20.0)
                .clamp(1.0, 100.0);
            let trials = field(msg, "trials")
                .as_f64()
                .unwrap_or(10_000.0)
                .clamp(1.0, 1e6);
            let s = simulate::benchmark_scenario(n as usize);
            return simulation(id, &s, trials as usize, 1, post);
        }
        "texts" => match scenario(msg).and_then(|s| build(s, msg, false)) {
            Some((b, _)) => ("texts", b.text.to_js()),
            None => error("This chart could not be built"),
        },
        "tip" => match scenario(msg).and_then(|s| tip(s, msg)) {
            Some(t) => ("tip", t.to_js()),
            None => ("tip", JsValue::NULL),
        },
        "explain" => match scenario(msg).and_then(|s| Some((evaluate(&s).ok()?, s))) {
            Some((e, s)) => {
                let rank_by =
                    explain::figure_of(&text_of(msg, "rank_by")).unwrap_or(Figure::Npv);
                let col = field(msg, "col").as_f64().unwrap_or(-1.0);
                let shown = Shown {
                    scenario: Arc::new(s),
                    evaluation: Arc::new(e),
                };
                let lines =
                    explain::explain(&shown, rank_by, &text_of(msg, "key"), col as usize);
                ("lines", texts_to_js(&lines))
            }
            None => error("The comparison could not be computed"),
        },
        "chart" => match scenario(msg).and_then(|s| chart(s, msg)) {
            Some((option, funcs, texts)) => {
                return message(&[
                    id,
                    ("option", option),
                    ("funcs", funcs.into()),
                    ("texts", texts),
                ]);
            }
            None => error("This chart could not be built"),
        },
        _ => error(format!("unknown request {op:?}")),
    };
    message(&[id, out])
}

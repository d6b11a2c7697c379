//! The persistence worker: everything that turns a scenario into text or back — saved files
//! (the versioned envelope and its migrations), share links (deflate + base64url) and CSV — and
//! the charts' echarts options. It runs in a Web Worker loaded only when the page first needs it
//! (an edit, a link, a chart coming into view), so none of this code is part of the page's first
//! download, and building chart options never holds up typing.
//!
//! Messages: `{id, op, ...}` in, `{id, ...}` out. A scenario travels in the flat form
//! (`model::flat`). Ops:
//! * `link` {scenario} → {text}: the share-link fragment (without `#`);
//! * `open-link` {text} → {scenario} or {error};
//! * `save` {scenario} → {text}: the saved-file JSON;
//! * `load` {text} → {scenario, version} or {error};
//! * `csv` {scenario} → {text}: the comparison table as CSV (`model::csv::comparison`);
//! * `simulate` {scenario} → {trials, ms, initiatives: [{npv, roi, payback, p_loss, p_best,
//!   p_best_roi, p_best_payback}],
//!   evpi, inputs, evppi}: the Monte Carlo of `model::simulate` with the scenario's settings;
//!   `npv` and `roi` are `[p10, p50, p90, mean]` (`roi` null without costs), `payback`
//!   `[p10, p50, p90, share within the horizon]` (null beyond it);
//! * `bench-simulate` {initiatives, trials} → the same, on `simulate::benchmark_scenario`;
//! * `chart` {scenario, which, motion} → {option, funcs}: chart `which`'s echarts option, built
//!   with charming (`chart_spec`), and the JS functions the page must add to it.

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: rlsf::SmallGlobalTlsf = rlsf::SmallGlobalTlsf::new();

#[cfg(target_arch = "wasm32")]
fn main() {
    use caseboard::worker_io::message;
    use wasm_bindgen::prelude::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let _ = reply_to.post_message(&web::answer(&ev.data()));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&message(&[("ready", JsValue::TRUE)]));
}

#[cfg(target_arch = "wasm32")]
mod web {
    use caseboard::chart_spec;
    use caseboard::model::{csv, evaluate, flat, link, saved, simulate, Scenario, Shown};
    use caseboard::worker_io::{field, flat_from_js, flat_to_js, message};
    use std::sync::Arc;
    use wasm_bindgen::JsValue;

    fn scenario(msg: &JsValue) -> Option<Scenario> {
        flat_from_js(&field(msg, "scenario")).and_then(|t| flat::read(&t))
    }

    fn text(msg: &JsValue) -> String {
        field(msg, "text").as_string().unwrap_or_default()
    }

    fn error(e: impl ToString) -> (&'static str, JsValue) {
        ("error", JsValue::from_str(&e.to_string()))
    }

    fn flat(s: &Scenario) -> (&'static str, JsValue) {
        ("scenario", flat_to_js(&flat::write(s)).into())
    }

    /// Chart `which` of the scenario: its option and the functions it needs.
    fn chart(s: Scenario, msg: &JsValue) -> Option<(JsValue, js_sys::Array)> {
        let which = field(msg, "which").as_f64()?;
        let motion = field(msg, "motion").as_bool().unwrap_or(true);
        let evaluation = evaluate(&s).ok()?;
        let shown = Shown {
            scenario: Arc::new(s),
            evaluation: Arc::new(evaluation),
        };
        chart_spec::to_js(&chart_spec::build(which as usize, &shown, motion)?)
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
    fn simulation(id: (&'static str, JsValue), s: &Scenario, trials: usize, seed: u64) -> JsValue {
        let started = js_sys::Date::now();
        let sim = simulate::simulate(s, trials, seed);
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
        message(&[
            id,
            ("trials", JsValue::from_f64(sim.trials as f64)),
            ("ms", JsValue::from_f64(ms)),
            ("initiatives", initiatives.into()),
            ("evpi", JsValue::from_f64(sim.evpi)),
            ("inputs", labels.into()),
            ("evppi", nums(&sim.evppi)),
        ])
    }

    /// The reply to one request.
    pub fn answer(msg: &JsValue) -> JsValue {
        let id = ("id", field(msg, "id"));
        let op = field(msg, "op").as_string().unwrap_or_default();
        let out = match op.as_str() {
            "link" | "save" => match scenario(msg) {
                Some(s) if op == "link" => ("text", JsValue::from_str(&link::encode(&s))),
                Some(s) => ("text", JsValue::from_str(&saved::to_json(&s))),
                None => error(
                    "The page and the saving code are from different versions: reload the page",
                ),
            },
            "open-link" => match link::decode(&text(msg)) {
                Ok(s) => flat(&s),
                Err(e) => error(e),
            },
            "load" => match saved::from_json(&text(msg)) {
                Ok(l) => {
                    let version = ("version", JsValue::from_f64(f64::from(l.version)));
                    return message(&[id, flat(&l.scenario), version]);
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
                    return simulation(id, &s, trials, u64::from(seed));
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
                return simulation(id, &s, trials as usize, 1);
            }
            "chart" => match scenario(msg).and_then(|s| chart(s, msg)) {
                Some((option, funcs)) => {
                    return message(&[id, ("option", option), ("funcs", funcs.into())]);
                }
                None => error("This chart could not be built"),
            },
            _ => error(format!("unknown request {op:?}")),
        };
        message(&[id, out])
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The persistence worker runs in the browser, started by the page.");
}

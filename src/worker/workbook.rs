//! The workbook worker (`src/bin/workbook.rs`): the Excel workbook of a scenario. A worker of its
//! own, started the first time a workbook is asked for, so that the spreadsheet writer is in
//! neither the page's first download nor the persistence worker the page starts early.

use crate::explain::portfolio;
use crate::explain::summary::{simulated, summary};
use crate::formats::{flat, xlsx};
use crate::model::{figures, plan, simulate};
use crate::wire::intl::fmt;
use crate::wire::js::{from_js, to_js};
use crate::wire::{Reply, Request, Subject};
use base64::Engine;
use wasm_bindgen::JsValue;

/// The workbook of the scenario sent, as base64.
fn workbook(subject: &Subject) -> Reply {
    let Subject::Scenario(toks) = subject else {
        return Reply::Error("The workbook needs the scenario itself".into());
    };
    let Some(s) = flat::read(toks) else {
        return Reply::Error("The scenario could not be read (reload the page)".into());
    };
    let Ok(e) = figures(&s) else {
        return Reply::Error("Fix the marked inputs first".into());
    };
    let f = fmt(&s.currency);
    let sim = simulate::has_ranges(&s).then(|| simulate::simulate_scenario(&s));
    let plan = plan::plan_simulated(&s, &e);
    // The portfolio's sentences lead, as on the page.
    let mut sentences = portfolio::sentences(&s, &plan, &*f);
    let lead = sentences.len();
    sentences.extend(summary(&s, &e, &*f));
    // The simulation's sentences follow the recommendation, as on the page.
    let at = sentences
        .iter()
        .skip(lead)
        .position(|x| !matches!(x.topic, "mandatory" | "recommend"))
        .map_or(sentences.len(), |k| k + lead);
    let mut lines: Vec<String> = sentences.into_iter().map(|x| x.text).collect();
    if let Some(sim) = &sim {
        let more = simulated(&e, sim, &*f).into_iter().map(|x| x.text);
        lines.splice(at..at, more);
    }
    let extras = xlsx::Extras {
        summary: &lines,
        simulation: sim.as_ref(),
        plan: Some(&plan),
    };
    match xlsx::workbook(&s, &e, &extras) {
        Ok(bytes) => Reply::Text(base64::engine::general_purpose::STANDARD.encode(bytes)),
        Err(err) => Reply::Error(format!("The workbook could not be made ({err})")),
    }
}

/// The reply to one message.
pub fn answer(msg: &JsValue) -> JsValue {
    let (id, req) = Request::decode(&from_js(msg));
    let out = match req {
        Ok(Request::Workbook(subject)) => workbook(&subject),
        Ok(_) => Reply::Error("The workbook worker makes workbooks only".into()),
        Err(e) => Reply::Error(e),
    };
    to_js(&out.encode(id))
}

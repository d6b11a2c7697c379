//! Files: the scenario exported and imported as JSON (the saved-file envelope, the same text as a
//! draft), by download, file picker or drag and drop, and the comparison exported as CSV. The
//! formats themselves are the persistence worker's (`model::saved`, `model::csv`).

use crate::app::client::{ask, reply_scenario, reply_text, scenario_field};
use crate::app::state::AppState;
use crate::app::storage::drafts::Drafts;
use crate::app::storage::messages::{changes_note, problems_note};
use crate::app::widgets::notices::{say, Notices};
use crate::formats::saved::CURRENT_VERSION;
use crate::model::{limits, validate, Scenario};
use crate::wire::js::{field, texts, then};
use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// A file name from the scenario's name: letters and digits (ASCII ones in lower case; Unicode
/// case tables would add to the wasm), the rest as dashes.
fn file_name(name: &str, ext: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || !c.is_ascii() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s: String = s.trim_end_matches('-').chars().take(60).collect();
    format!("{}.{ext}", if s.is_empty() { "caseboard" } else { &s })
}

/// Offers `text` as a download.
fn download(text: &str, mime: &str, name: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The browser has taken the file by the next task.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

/// Offers the file whose bytes are `base64` as the download `name`: a `data:` address, so the
/// page needs no decoder.
fn download_base64(base64: &str, mime: &str, name: &str) -> Result<(), JsValue> {
    let a: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    a.set_href(&format!("data:{mime};base64,{base64}"));
    a.set_download(name);
    a.click();
    Ok(())
}

/// Asks the worker for a file (`op` on `scenario`) and offers it as the download `name`.
fn export(op: &str, scenario: &Scenario, mime: &'static str, name: String, notices: Notices) {
    ask(op, &[scenario_field(scenario)], move |r| {
        let made = r.map(|reply| download(&reply_text(&reply), mime, &name));
        match made {
            Ok(Ok(())) => {}
            Ok(Err(_)) => say(notices, "The browser refused the download.", true),
            Err(e) => say(notices, format!("The file could not be made: {e}"), true),
        }
    });
}

/// "Export JSON": the scenario on screen as a file.
pub fn export_json(state: AppState, notices: Notices) {
    state.scenario.with_untracked(|s| {
        let name = file_name(&s.name, "json");
        export("save", s, "application/json", name, notices);
    });
}

/// "Export CSV": the comparison table (the figures on screen).
pub fn export_csv(state: AppState, notices: Notices) {
    if let Some(m) = unexportable(state) {
        return say(notices, m, true);
    }
    let Some(shown) = state.checked.with_untracked(|c| c.shown.clone()) else {
        return say(notices, "There is no comparison to export yet.", true);
    };
    let name = file_name(&shown.scenario.name, "csv");
    export(
        "csv",
        &shown.scenario,
        "text/csv;charset=utf-8",
        name,
        notices,
    );
}

/// Says why the figures on screen cannot be exported, if they cannot: only figures of the
/// scenario exactly as it is on screen, never the last valid ones.
fn unexportable(state: AppState) -> Option<String> {
    let n = state.checked.with_untracked(|c| c.problems.len())
        + state.parse_errors.with_untracked(|p| p.len());
    if n == 0 {
        return None;
    }
    let inputs = if n == 1 {
        "an input has a problem".to_string()
    } else {
        format!("{n} inputs have problems")
    };
    Some(format!("The figures cannot be exported while {inputs} (listed at the top): they would not be this scenario's. Export JSON keeps everything as it is."))
}

/// "Excel workbook": the case with live formulas (`formats::xlsx`), made by the workbook worker.
/// `busy` is true while it is being made.
pub fn export_workbook(state: AppState, notices: Notices, busy: RwSignal<bool>) {
    if let Some(m) = unexportable(state) {
        return say(notices, m, true);
    }
    let Some(shown) = state.checked.with_untracked(|c| c.shown.clone()) else {
        return say(notices, "There is nothing to export yet.", true);
    };
    let name = file_name(&shown.scenario.name, "xlsx");
    busy.set(true);
    crate::app::client::workbook_of(&shown.scenario, move |r| {
        busy.set(false);
        let mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        match r.map(|b64| download_base64(&b64, mime, &name)) {
            Ok(Ok(())) => {}
            Ok(Err(_)) => say(notices, "The browser refused the download.", true),
            Err(e) => say(
                notices,
                format!("The workbook could not be made: {e}"),
                true,
            ),
        }
    });
}

/// Imports a saved file as a new draft; what is wrong with it is said with the field's path.
pub fn import(file: web_sys::File, drafts: Drafts, notices: Notices) {
    let name = file.name();
    // Refused before it is read: reading a huge file would hold up the page.
    if let Some(m) = limits::too_big(file.size() as usize) {
        return say(
            notices,
            format!("“{name}” could not be imported: it {m}."),
            true,
        );
    }
    let got = Closure::once_into_js(move |text: JsValue| {
        let text = text.as_string().unwrap_or_default();
        ask("load", &[("text", JsValue::from_str(&text))], move |r| {
            let read = r.and_then(|reply| {
                let version = field(&reply, "version").as_f64().unwrap_or(0.0);
                reply_scenario(&reply)
                    .map(|s| (s, version, texts(&field(&reply, "notes"))))
                    .ok_or_else(|| "its scenario could not be read".to_string())
            });
            match read {
                Ok((s, version, notes)) => {
                    let problems = validate(&s);
                    drafts.adopt(s, false);
                    let older = if version < f64::from(CURRENT_VERSION) {
                        " It was saved by an older Caseboard and has been brought up to date."
                    } else {
                        ""
                    };
                    say(
                        notices,
                        format!(
                            "Imported “{name}” as a new draft{}.{older}{}",
                            problems_note(&problems),
                            changes_note(&notes)
                        ),
                        !problems.is_empty(),
                    );
                }
                Err(e) => say(
                    notices,
                    format!("“{name}” could not be imported: {e}"),
                    true,
                ),
            }
        });
    });
    let failed =
        Closure::once_into_js(move |_: JsValue| say(notices, "The file could not be read.", true));
    then(&file.text(), &got, &failed);
}

/// The first file of a file input or a drop.
pub fn first_file(list: Option<web_sys::FileList>) -> Option<web_sys::File> {
    list?.get(0)
}

/// Dropping a file anywhere on the page imports it.
pub fn accept_drops(drafts: Drafts, notices: Notices) {
    let over = window_event_listener(leptos::ev::dragover, |e| e.prevent_default());
    let drop = window_event_listener(leptos::ev::drop, move |e| {
        e.prevent_default();
        if let Some(f) = first_file(e.data_transfer().and_then(|d| d.files())) {
            import(f, drafts, notices);
        }
    });
    on_cleanup(move || {
        over.remove();
        drop.remove();
    });
}

//! The page's side of the worker (`src/bin/persist.rs`): started on first use, requests queued
//! until it is ready, each answered once through its callback. If the worker cannot start or
//! fails, every waiting request gets an error the view can show.
//!
//! Requests about the results on screen name a revision (`wire::protocol`): the page numbers each
//! evaluation it shows, sends a worker the scenario of a revision once, before the first request
//! about it, and later requests only name it. A worker that does not have it (restarted after a
//! crash) is sent it again before the request, or, should it answer that it is missing, the
//! request is sent again after it, once, without the view noticing.

use crate::formats::flat;
use crate::model::{Scenario, Shown};
use crate::wire::js::{field, from_js, to_js, WORKBOOK_URL, WORKER_URL};
use crate::wire::{Reply, Report, Request, Subject};
use std::cell::RefCell;
use std::collections::VecDeque;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker};

type Then = Box<dyn FnOnce(Result<Reply, String>)>;
type Progress = Box<dyn Fn(f64)>;

struct Pending {
    id: f64,
    then: Then,
    progress: Option<Progress>,
    /// The request's revision and message, to send again should the worker not have it.
    resend: Option<(u64, JsValue)>,
}

#[derive(Default)]
struct Port {
    worker: Option<Worker>,
    ready: bool,
    queue: Vec<JsValue>,
    pending: Vec<Pending>,
    next: f64,
    broken: Option<String>,
    /// The revision this worker was last given (none for a worker just started).
    given: Option<u64>,
}

/// The two instances of the worker: one for saving, links and charts, one for simulations (so
/// a long run never holds up saving); and the workbook worker, started when a workbook is first
/// asked for.
#[derive(Clone, Copy)]
pub enum Which {
    Persist = 0,
    Simulate = 1,
    Workbook = 2,
}

/// The revisions the page has numbered, newest last: each `Shown` is held, so its evaluation's
/// address (how a revision is recognised) is not reused while it is here.
#[derive(Default)]
struct Revisions {
    known: VecDeque<(u64, Shown)>,
    last: u64,
}

thread_local! {
    static PORTS: [RefCell<Port>; 3] = [
        RefCell::new(Port::default()),
        RefCell::new(Port::default()),
        RefCell::new(Port::default()),
    ];
    static REVISIONS: RefCell<Revisions> = RefCell::new(Revisions::default());
}

fn with_port<T>(w: Which, f: impl FnOnce(&mut Port) -> T) -> T {
    PORTS.with(|p| f(&mut p[w as usize].borrow_mut()))
}

/// The revision number of results on screen (numbered the first time they are asked about).
pub fn revision(shown: &Shown) -> u64 {
    REVISIONS.with_borrow_mut(|r| {
        if let Some((rev, _)) = r.known.iter().find(|(_, s)| s == shown) {
            return *rev;
        }
        r.last += 1;
        if r.known.len() >= 4 {
            r.known.pop_front();
        }
        r.known.push_back((r.last, shown.clone()));
        r.last
    })
}

fn scenario_of(rev: u64) -> Option<Vec<flat::Tok>> {
    REVISIONS.with_borrow(|r| {
        r.known
            .iter()
            .find(|(k, _)| *k == rev)
            .map(|(_, s)| flat::write(&s.scenario))
    })
}

const BROKEN: &str = "Saving and links are unavailable: their code could not be loaded";

/// What a request that was waiting is told when its worker stopped after it had started (a
/// crash, most likely out of memory): the worker is started afresh for the next request.
fn stopped(w: Which, why: &str) -> String {
    let why = if why.is_empty() {
        String::new()
    } else {
        format!(" ({why})")
    };
    match w {
        Which::Persist => format!(
            "the code that saves, makes links and draws charts stopped unexpectedly{why}; it has been restarted, so try again"
        ),
        Which::Simulate => format!(
            "it stopped unexpectedly{why}, most likely out of memory; the other figures are unaffected, and the next edit runs it again"
        ),
        Which::Workbook => format!(
            "the code that makes the workbook stopped unexpectedly{why}; it has been restarted, so try again"
        ),
    }
}

/// Sends `req` to the persistence worker; `then` gets the reply or an error text.
pub fn request(req: Request, then: impl FnOnce(Result<Reply, String>) + 'static) {
    send(Which::Persist, None, req, Box::new(then), None);
}

/// Sends worker `w` the request `make` builds for the revision of `shown` (giving the worker
/// that revision first, if it does not have it).
pub fn about(
    w: Which,
    shown: &Shown,
    make: impl FnOnce(u64) -> Request,
    then: impl FnOnce(Result<Reply, String>) + 'static,
) {
    let rev = revision(shown);
    send(w, Some(rev), make(rev), Box::new(then), None);
}

/// Simulates the results on screen in the simulation worker; `progress` hears how far a long run
/// is (0–1), `then` gets the report.
pub fn simulate(
    shown: &Shown,
    progress: impl Fn(f64) + 'static,
    then: impl FnOnce(Result<Report, String>) + 'static,
) {
    let rev = revision(shown);
    let then = move |r: Result<Reply, String>| {
        then(r.and_then(|r| match r {
            Reply::Report(report) => Ok(*report),
            _ => Err(UNEXPECTED.into()),
        }))
    };
    send(
        Which::Simulate,
        Some(rev),
        Request::Simulate(Subject::Rev(rev)),
        Box::new(then),
        Some(Box::new(progress)),
    );
}

const UNEXPECTED: &str = "the worker's answer could not be read (reload the page)";

/// A text the worker makes of a scenario (a link, a saved file, a CSV).
pub fn text_of(
    make: fn(Subject) -> Request,
    s: &Scenario,
    then: impl FnOnce(Result<String, String>) + 'static,
) {
    request(make(Subject::Scenario(flat::write(s))), move |r| {
        then(r.and_then(|r| match r {
            Reply::Text(t) => Ok(t),
            _ => Err(UNEXPECTED.into()),
        }))
    });
}

/// The Excel workbook of `s`, as base64, from the workbook worker.
pub fn workbook_of(s: &Scenario, then: impl FnOnce(Result<String, String>) + 'static) {
    let req = Request::Workbook(Subject::Scenario(flat::write(s)));
    let then = move |r: Result<Reply, String>| {
        then(r.and_then(|r| match r {
            Reply::Text(t) => Ok(t),
            _ => Err(UNEXPECTED.into()),
        }))
    };
    send(Which::Workbook, None, req, Box::new(then), None);
}

/// A scenario read by the worker (`Request::Load`, `Request::OpenLink`), with its saved
/// version (0 for a link) and what reading changed.
pub fn read(
    req: Request,
    then: impl FnOnce(Result<(Scenario, u32, Vec<String>), String>) + 'static,
) {
    request(req, move |r| {
        then(r.and_then(|r| {
            match r {
                Reply::Scenario {
                    scenario,
                    version,
                    notes,
                } => flat::read(&scenario)
                    .map(|s| (s, version.unwrap_or(0), notes))
                    .ok_or_else(|| "its scenario could not be read".to_string()),
                _ => Err(UNEXPECTED.into()),
            }
        }))
    });
}

/// The requests, not generic: one copy of this code however many callers.
#[inline(never)]
fn send(w: Which, rev: Option<u64>, req: Request, then: Then, progress: Option<Progress>) {
    let refused = with_port(w, |p| {
        if p.worker.is_none() && p.broken.is_none() {
            p.worker = start(w);
            p.given = None;
            if p.worker.is_none() {
                p.broken = Some(BROKEN.into());
            }
        }
        if let Some(b) = &p.broken {
            return Some((then, b.clone()));
        }
        if let Some(rev) = rev.filter(|r| p.given != Some(*r)) {
            give(p, rev);
        }
        p.next += 1.0;
        let id = p.next;
        let msg = to_js(&req.encode(id));
        p.pending.push(Pending {
            id,
            then,
            progress,
            resend: rev.map(|r| (r, msg.clone())),
        });
        post(p, msg);
        None
    });
    if let Some((then, e)) = refused {
        then(Err(e));
    }
}

/// Gives the worker revision `rev` (its reply, `Stored`, is not waited for: the worker answers
/// in order).
fn give(p: &mut Port, rev: u64) {
    let Some(scenario) = scenario_of(rev) else {
        return;
    };
    p.next += 1.0;
    let msg = to_js(&Request::Put { rev, scenario }.encode(p.next));
    p.given = Some(rev);
    post(p, msg);
}

fn post(p: &mut Port, msg: JsValue) {
    match (&p.worker, p.ready) {
        (Some(w), true) => {
            let _ = w.post_message(&msg);
        }
        _ => p.queue.push(msg),
    }
}

/// Handles one message from worker `w`.
fn received(w: Which, data: &JsValue) {
    let (id, reply) = Reply::decode(&from_js(data));
    match reply {
        Some(Reply::Ready) => with_port(w, |p| {
            p.ready = true;
            for m in std::mem::take(&mut p.queue) {
                post(p, m);
            }
        }),
        Some(Reply::Progress(done)) => {
            // Taken out while it runs, so that it may itself send requests.
            let hook = with_port(w, |p| {
                let e = p.pending.iter_mut().find(|e| e.id == id)?;
                e.progress.take()
            });
            if let Some(hook) = hook {
                hook(done);
                with_port(w, |p| {
                    if let Some(e) = p.pending.iter_mut().find(|e| e.id == id) {
                        e.progress = Some(hook);
                    }
                });
            }
        }
        Some(Reply::Stored) => {}
        Some(Reply::Missing(rev)) => {
            // The worker does not have the revision: given again, the request sent again, once.
            let failed = with_port(w, |p| {
                let at = p.pending.iter().position(|e| e.id == id)?;
                match p.pending[at].resend.take() {
                    Some((r, msg)) if r == rev && scenario_of(rev).is_some() => {
                        give(p, rev);
                        post(p, msg);
                        None
                    }
                    _ => Some(p.pending.remove(at).then),
                }
            });
            if let Some(then) = failed {
                then(Err(UNEXPECTED.into()));
            }
        }
        reply => {
            let then = with_port(w, |p| {
                let at = p.pending.iter().position(|e| e.id == id)?;
                Some(p.pending.remove(at).then)
            });
            if let Some(then) = then {
                match reply {
                    Some(Reply::Error(e)) => then(Err(e)),
                    Some(r) => then(Ok(r)),
                    None => then(Err(UNEXPECTED.into())),
                }
            }
        }
    }
}

fn start(w: Which) -> Option<Worker> {
    let url = match w {
        Which::Workbook => WORKBOOK_URL,
        Which::Persist | Which::Simulate => WORKER_URL,
    };
    let worker = Worker::new(url).ok()?;
    let on_message =
        Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| received(w, &ev.data()));
    // A worker that fails to load is broken for good: every request gets the error. One that
    // stops after it has started (a crash) is ended and started afresh by the next request; the
    // requests that were waiting are told what stopped.
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        let why = field(&e, "message").as_string().unwrap_or_default();
        let (waiting, error) = with_port(w, |p| {
            p.queue.clear();
            p.given = None;
            let error = if p.ready {
                if let Some(old) = p.worker.take() {
                    old.terminate();
                }
                p.ready = false;
                stopped(w, &why)
            } else {
                p.broken = Some(BROKEN.into());
                BROKEN.into()
            };
            (std::mem::take(&mut p.pending), error)
        });
        for e in waiting {
            (e.then)(Err(error.clone()));
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_message.forget();
    on_error.forget();
    Some(worker)
}

// What the page's storage (drafts, files, links) calls until it moves to the typed calls above
// (`text_of`, `read`): a request given as its op and fields, sent as the typed `Request`, and
// the reply given back as a JS object with the fields storage reads (`text`; `scenario`,
// `version`, `notes`).

/// Sends a request given as `op` and its fields; `then` gets the reply as a JS object.
pub fn ask(
    op: &str,
    fields: &[(&str, JsValue)],
    then: impl FnOnce(Result<JsValue, String>) + 'static,
) {
    let get = |k: &str| fields.iter().find(|(f, _)| *f == k).map(|(_, v)| v.clone());
    let text = get("text").and_then(|t| t.as_string()).unwrap_or_default();
    let subject = || {
        let toks = get("scenario").and_then(|v| crate::wire::js::flat_from_js(&v));
        Subject::Scenario(toks.unwrap_or_default())
    };
    let req = match op {
        "save" => Request::Save(subject()),
        "link" => Request::Link(subject()),
        "csv" => Request::Csv(subject()),
        "load" => Request::Load(text),
        "open-link" => Request::OpenLink(text),
        _ => return then(Err(format!("unknown request “{op}”"))),
    };
    request(req, move |r| {
        then(r.map(|r| {
            use crate::wire::js::{flat_to_js, message};
            match r {
                Reply::Text(t) => message(&[("text", JsValue::from_str(&t))]),
                Reply::Scenario {
                    scenario,
                    version,
                    notes,
                } => message(&[
                    ("scenario", flat_to_js(&scenario).into()),
                    (
                        "version",
                        JsValue::from_f64(f64::from(version.unwrap_or(0))),
                    ),
                    (
                        "notes",
                        notes
                            .iter()
                            .map(|n| JsValue::from_str(n))
                            .collect::<js_sys::Array>()
                            .into(),
                    ),
                ]),
                _ => JsValue::NULL,
            }
        }))
    });
}
/// The scenario field of a request.
pub fn scenario_field(s: &Scenario) -> (&'static str, JsValue) {
    (
        "scenario",
        crate::wire::js::flat_to_js(&flat::write(s)).into(),
    )
}

/// The scenario of a reply.
pub fn reply_scenario(reply: &JsValue) -> Option<Scenario> {
    crate::wire::js::flat_from_js(&field(reply, "scenario")).and_then(|t| flat::read(&t))
}

/// The text of a reply.
pub fn reply_text(reply: &JsValue) -> String {
    field(reply, "text").as_string().unwrap_or_default()
}

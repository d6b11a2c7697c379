//! The page's side of the persistence worker (`src/bin/persist.rs`): started on first use,
//! requests queued until it is ready, each answered once through its callback. If the worker
//! cannot start or fails, every waiting request gets an error the view can show.

use crate::formats::flat;
use crate::model::Scenario;
use crate::wire::js::{field, flat_from_js, flat_to_js, message, WORKER_URL};
use std::cell::RefCell;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker};

type Reply = Box<dyn FnOnce(Result<JsValue, String>)>;
type Progress = Box<dyn Fn(f64)>;

#[derive(Default)]
struct Port {
    worker: Option<Worker>,
    ready: bool,
    queue: Vec<JsValue>,
    pending: Vec<(f64, Reply, Option<Progress>)>,
    next: f64,
    broken: Option<String>,
}

/// The two instances of the worker: one for saving, links and charts, one for simulations (so
/// a long run never holds up saving).
#[derive(Clone, Copy)]
pub enum Which {
    Persist = 0,
    Simulate = 1,
}

thread_local! {
    static PORTS: [RefCell<Port>; 2] = [RefCell::new(Port::default()), RefCell::new(Port::default())];
}

fn with_port<T>(w: Which, f: impl FnOnce(&mut Port) -> T) -> T {
    PORTS.with(|p| f(&mut p[w as usize].borrow_mut()))
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
    }
}

/// Sends a request (`op` and its fields) to the worker; `then` gets the reply or an error text.
pub fn ask(
    op: &str,
    fields: &[(&str, JsValue)],
    then: impl FnOnce(Result<JsValue, String>) + 'static,
) {
    send(Which::Persist, op, fields, Box::new(then), None);
}

/// `ask` on the simulation worker; `progress` hears how far a long run is (0–1).
pub fn ask_sim(
    op: &str,
    fields: &[(&str, JsValue)],
    progress: impl Fn(f64) + 'static,
    then: impl FnOnce(Result<JsValue, String>) + 'static,
) {
    send(
        Which::Simulate,
        op,
        fields,
        Box::new(then),
        Some(Box::new(progress)),
    );
}

/// `ask`, not generic: one copy of this code however many callers.
#[inline(never)]
pub fn send(
    w: Which,
    op: &str,
    fields: &[(&str, JsValue)],
    reply: Reply,
    progress: Option<Progress>,
) {
    let refused = with_port(w, |p| {
        if p.worker.is_none() && p.broken.is_none() {
            p.worker = start(w);
            if p.worker.is_none() {
                p.broken = Some(BROKEN.into());
            }
        }
        if let Some(b) = &p.broken {
            return Some((reply, b.clone()));
        }
        p.next += 1.0;
        let id = p.next;
        let mut all = vec![("id", JsValue::from_f64(id)), ("op", JsValue::from_str(op))];
        all.extend(fields.iter().cloned());
        let msg = message(&all);
        p.pending.push((id, reply, progress));
        if p.ready {
            post(p, &msg);
        } else {
            p.queue.push(msg);
        }
        None
    });
    if let Some((reply, e)) = refused {
        reply(Err(e));
    }
}

fn post(p: &Port, msg: &JsValue) {
    if let Some(w) = &p.worker {
        let _ = w.post_message(msg);
    }
}

fn start(w: Which) -> Option<Worker> {
    let worker = Worker::new(WORKER_URL).ok()?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let data = ev.data();
        if field(&data, "ready").is_truthy() {
            with_port(w, |p| {
                p.ready = true;
                for m in std::mem::take(&mut p.queue) {
                    post(p, &m);
                }
            });
            return;
        }
        let id = field(&data, "id").as_f64();
        if let Some(done) = field(&data, "progress").as_f64() {
            // Taken out while it runs, so that it may itself send requests.
            let hook = with_port(w, |p| {
                let e = p.pending.iter_mut().find(|e| Some(e.0) == id)?;
                e.2.take()
            });
            if let Some(hook) = hook {
                hook(done);
                with_port(w, |p| {
                    if let Some(e) = p.pending.iter_mut().find(|e| Some(e.0) == id) {
                        e.2 = Some(hook);
                    }
                });
            }
            return;
        }
        let reply = with_port(w, |p| {
            let at = p.pending.iter().position(|e| Some(e.0) == id)?;
            Some(p.pending.remove(at).1)
        });
        if let Some(reply) = reply {
            match field(&data, "error").as_string() {
                Some(e) => reply(Err(e)),
                None => reply(Ok(data)),
            }
        }
    });
    // A worker that fails to load is broken for good: every request gets the error. One that
    // stops after it has started (a crash) is ended and started afresh by the next request; the
    // requests that were waiting are told what stopped.
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        let why = field(&e, "message").as_string().unwrap_or_default();
        let (waiting, error) = with_port(w, |p| {
            p.queue.clear();
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
        for (_, reply, _) in waiting {
            reply(Err(error.clone()));
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_message.forget();
    on_error.forget();
    Some(worker)
}

/// The scenario field of a request.
pub fn scenario_field(s: &Scenario) -> (&'static str, JsValue) {
    ("scenario", flat_to_js(&flat::write(s)).into())
}

/// The scenario of a reply.
pub fn reply_scenario(reply: &JsValue) -> Option<Scenario> {
    flat_from_js(&field(reply, "scenario")).and_then(|t| flat::read(&t))
}

/// The text of a reply.
pub fn reply_text(reply: &JsValue) -> String {
    field(reply, "text").as_string().unwrap_or_default()
}

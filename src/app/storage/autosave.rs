//! Saving: the scenario on screen is saved as its draft shortly after each edit. Closing or
//! hiding the page right after typing loses nothing: what is not saved yet is written at once
//! under `caseboard.pending.<tab>` (in the flat form), and the next start saves it into its
//! draft unless that draft was saved since.
//!
//! A save never writes over a newer revision from another tab: it asks the user which version
//! to keep (`sync` answers).

use crate::app::client::{ask, reply_text, scenario_field};
use crate::app::storage::index::{
    new_id, read_index, remove_draft, unchanged_link_draft, upsert, write_draft, write_index,
    Entry, LAST,
};
use crate::app::storage::messages;
use crate::app::storage::session::Session;
use crate::app::storage::store::{self, StoreError};
use crate::app::widgets::notices::{Action, Notice};
use crate::formats::flat;
use crate::wire::js::{field, flat_from_js, flat_to_js, message};
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Edits not saved yet when the page was hidden or closed, one key per tab.
const PENDING: &str = "caseboard.pending.";
/// Drafts are saved this long after the last edit.
const SAVE_DELAY_MS: u64 = 500;

#[derive(Clone, Copy)]
pub struct Autosave {
    s: Session,
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    /// This tab's key for edits pending when the page is hidden (see [`PENDING`]).
    tab: StoredValue<String>,
}

impl Autosave {
    /// Saves after each edit, and at once when the page is hidden or closed.
    pub fn start(s: Session) -> Self {
        let a = Autosave {
            s,
            timer: StoredValue::new_local(None),
            tab: StoredValue::new(format!("{PENDING}{}", new_id())),
        };
        // `pagehide` for closing, `visibilitychange` for a tab put in the background or a
        // phone's app switcher, after which a page may be killed.
        let hidden = window_event_listener_untyped("visibilitychange", move |_| {
            if document().hidden() {
                a.save_now();
            }
        });
        let closing = window_event_listener_untyped("pagehide", move |_| a.save_now());
        on_cleanup(move || {
            hidden.remove();
            closing.remove();
        });
        Effect::new(move |first: Option<()>| {
            s.state.scenario.track();
            if first.is_none() || s.opening.get_value() {
                s.opening.set_value(false);
                return;
            }
            s.dirty.set_value(true);
            s.opened_link.set_value(None);
            a.save_later();
        });
        a
    }

    /// Saves pending edits now: a copy written at once (the page may be closing, and the
    /// worker's answer would come too late), then the ordinary save, which removes the copy.
    pub fn save_now(&self) {
        let s = self.s;
        if !s.dirty.get_value() {
            return;
        }
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        let flat = s
            .state
            .scenario
            .with_untracked(|sc| flat_to_js(&flat::write(sc)));
        let id = s
            .current
            .get_untracked()
            .map_or(JsValue::NULL, |id| JsValue::from_str(&id));
        let opened = s
            .opened_link
            .get_value()
            .map_or(JsValue::NULL, |l| JsValue::from_str(&l));
        let copy = message(&[
            ("id", id),
            ("base", JsValue::from_f64(s.base.get_value())),
            ("link", JsValue::from_bool(s.from_link.get_value())),
            ("opened", opened),
            ("scenario", flat.into()),
        ]);
        if let Ok(text) = js_sys::JSON::stringify(&copy) {
            let _ = store::set(&self.tab.get_value(), &String::from(text));
        }
        self.save(false);
    }

    pub fn save_later(&self) {
        let a = *self;
        if let Some(t) = a.timer.get_value() {
            t.clear();
        }
        let t = set_timeout_with_handle(
            move || a.save(false),
            std::time::Duration::from_millis(SAVE_DELAY_MS),
        );
        a.timer.set_value(t.ok());
    }

    /// Saves the scenario on screen as the current draft (a new one if none). With `force`, over
    /// a newer revision from another tab (the user chose to keep this one).
    pub fn save(&self, force: bool) {
        let a = *self;
        // (Not `store::available()`: its probe write fails on a full storage, which this save
        // handles.)
        if !a.s.dirty.get_value() || !store::reachable() {
            return;
        }
        let (name, s) =
            a.s.state
                .scenario
                .with_untracked(|s| (s.name.clone(), scenario_field(s)));
        ask("save", &[s], move |r| match r {
            Ok(reply) => a.store(&reply_text(&reply), name, force),
            Err(e) => a.s.say(messages::save_failed(&e), true),
        });
    }

    /// Stores the saved text of the scenario on screen as its draft, unless another tab saved
    /// that draft since this tab read it (then asks which to keep), and updates the index.
    fn store(&self, text: &str, name: String, force: bool) {
        let s = self.s;
        let id = s.current.get_untracked().unwrap_or_else(new_id);
        let mut list = s.index();
        let stored = list.iter().find(|e| e.id == id).map_or(0.0, |e| e.rev);
        if stored > s.base.get_value() && !force {
            return s.notices.set(Some(Notice {
                actions: vec![Action::KeepMine, Action::TakeTheirs],
                ..Notice::new(messages::CONFLICT, true)
            }));
        }
        let (result, freed) = write_making_room(&mut list, &id, text);
        if !freed.is_empty() {
            let _ = write_index(&list);
            s.list.set(list.clone());
        }
        if let Err(e) = result {
            return s.fail(e);
        }
        if !freed.is_empty() {
            s.say(messages::freed(&freed), false);
        }
        let rev = stored.max(s.base.get_value()) + 1.0;
        // A draft opened from a link stays marked so.
        let link = list
            .iter()
            .find(|e| e.id == id)
            .map_or(s.from_link.get_value(), |e| e.link);
        let entry = Entry {
            id: id.clone(),
            name,
            updated: js_sys::Date::now(),
            rev,
            link,
        };
        upsert(&mut list, entry);
        if let Err(e) = write_index(&list) {
            return s.fail(e);
        }
        let _ = store::set(LAST, &id);
        store::remove(&self.tab.get_value());
        s.list.set(list);
        s.base.set_value(rev);
        s.dirty.set_value(false);
        s.opened_link.set_value(None);
        if s.current.get_untracked().as_deref() != Some(&id) {
            s.current.set(Some(id));
        }
    }

    /// Saves into their drafts the edits that a closed page left pending (see [`PENDING`]), then
    /// runs `then` (which opens the last draft or a link): the draft it opens holds them.
    pub fn recover(&self, then: impl FnOnce() + 'static) {
        let Some(key) = store::keys_with(PENDING).into_iter().next() else {
            return then();
        };
        let a = *self;
        let copy = store::get(&key)
            .ok()
            .flatten()
            .and_then(|t| js_sys::JSON::parse(&t).ok())
            .unwrap_or(JsValue::UNDEFINED);
        // A link's scenario, unchanged since it was opened, that the address opens again: the
        // copy would be a second draft of it.
        let opened = field(&copy, "opened").as_string();
        if opened.is_some() && opened == Some(address_fragment()) {
            store::remove(&key);
            return a.recover(then);
        }
        let id = field(&copy, "id").as_string();
        let base = field(&copy, "base").as_f64().unwrap_or(0.0);
        let link = field(&copy, "link").is_truthy();
        let scenario = flat_from_js(&field(&copy, "scenario")).and_then(|t| flat::read(&t));
        let list = a.s.index();
        let stored = id
            .as_ref()
            .and_then(|id| list.iter().find(|e| &e.id == id))
            .map(|e| e.rev);
        // Nothing to do when the copy cannot be read or its draft was saved after it was made
        // (the ordinary save finished after all); a removed draft comes back as a new one.
        let Some(sc) = scenario.filter(|_| stored.is_none_or(|rev| rev <= base)) else {
            store::remove(&key);
            return a.recover(then);
        };
        let name = sc.name.clone();
        ask("save", &[scenario_field(&sc)], move |r| {
            if let Ok(reply) = r {
                let entry = Entry {
                    id: id.filter(|_| stored.is_some()).unwrap_or_else(new_id),
                    name,
                    updated: js_sys::Date::now(),
                    rev: stored.unwrap_or(0.0).max(base) + 1.0,
                    link,
                };
                if let Err(e) = a.keep_recovered(&key, entry, &reply_text(&reply)) {
                    // Kept for the next start; this one goes on.
                    a.s.fail(e);
                    return then();
                }
            }
            a.recover(then);
        });
    }

    /// Stores a recovered draft and removes its pending copy (`key`).
    fn keep_recovered(&self, key: &str, entry: Entry, text: &str) -> Result<(), StoreError> {
        let id = entry.id.clone();
        let mut list = read_index().0;
        upsert(&mut list, entry);
        write_draft(&id, text).and_then(|()| write_index(&list))?;
        let _ = store::set(LAST, &id);
        self.s.list.set(list);
        store::remove(key);
        Ok(())
    }
}

/// The address bar's fragment after the `#`.
fn address_fragment() -> String {
    let hash = window().location().hash().unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_string()
}

/// Writes draft `id`. When storage is full, the user's own work comes before drafts opened from
/// links and never changed (their links still open them): those are removed, oldest first,
/// until it fits. Returns the result and the names of the drafts removed.
fn write_making_room(
    list: &mut Vec<Entry>,
    id: &str,
    text: &str,
) -> (Result<(), StoreError>, Vec<String>) {
    let mut freed = Vec::new();
    let mut result = write_draft(id, text);
    while result == Err(StoreError::Full) {
        let Some(victim) = unchanged_link_draft(list, id) else {
            break;
        };
        remove_draft(&victim.id);
        list.retain(|e| e.id != victim.id);
        freed.push(victim.name);
        result = write_draft(id, text);
    }
    (result, freed)
}

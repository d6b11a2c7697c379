//! Drafts in the browser's local storage: saved shortly after each edit (`autosave`), listed
//! (`panel`), opened, renamed, duplicated and deleted (with undo); reopening the page returns to
//! the last open draft. Every storage failure is a typed error (`store`), said in the notice at
//! the top (`messages`); nothing on screen is lost. Two tabs: see `sync`.

use crate::app::client::{ask, reply_scenario, reply_text, scenario_field};
use crate::app::state::AppState;
use crate::app::storage::autosave::Autosave;
use crate::app::storage::index::{
    fingerprint, new_id, put_aside, read_draft, remove_draft, write_draft, write_index, Entry,
    LAST, LINK, LINK_BEFORE,
};
use crate::app::storage::messages;
use crate::app::storage::session::Session;
use crate::app::storage::store;
use crate::app::widgets::notices::{Action, Notice, Notices};
use crate::model::Scenario;
use crate::wire::js::{field, texts};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The drafts of this browser and the one on screen.
#[derive(Clone, Copy)]
pub struct Drafts {
    pub session: Session,
    pub autosave: Autosave,
    /// The last deleted draft and its text, for undo.
    deleted: StoredValue<Option<(Entry, String)>>,
}

impl Drafts {
    /// Reads the index and starts saving after edits.
    pub fn start(state: AppState, notices: Notices) -> Self {
        let session = Session::new(state, notices);
        match store::available() {
            Ok(()) => session.list.set(session.index()),
            Err(e) => session.say(messages::store_error(&e), true),
        }
        Drafts {
            session,
            autosave: Autosave::start(session),
            deleted: StoredValue::new(None),
        }
    }

    /// See [`Autosave::save_now`].
    pub fn save_now(&self) {
        self.autosave.save_now();
    }

    /// See [`Autosave::recover`].
    pub fn recover(&self, then: impl FnOnce() + 'static) {
        self.autosave.recover(then);
    }

    /// Remembers the link now in the address bar (see [`LINK`]).
    pub fn remember_link(&self, fragment: &str) {
        if let Ok(Some(before)) = store::get(LINK) {
            if before != fragment {
                let _ = store::set(LINK_BEFORE, &fingerprint(&before));
            }
        }
        let _ = store::set(LINK, fragment);
    }

    /// True when `fragment` is the link this browser last put in its address bar, or the one
    /// before it (a reload that raced the newest).
    pub fn is_own_link(&self, fragment: &str) -> bool {
        store::get(LINK).ok().flatten().as_deref() == Some(fragment)
            || store::get(LINK_BEFORE).ok().flatten() == Some(fingerprint(fragment))
    }

    /// Opens the last open draft, if there is one (on start, without a link).
    pub fn open_last(&self) {
        if let Ok(Some(id)) = store::get(LAST) {
            if self
                .session
                .list
                .with_untracked(|l| l.iter().any(|e| e.id == id))
            {
                self.open(id);
            }
        }
    }

    /// Shows draft `id`; what reading it changed (ids repaired) is said, as for a file or link.
    pub fn open(&self, id: String) {
        let d = *self;
        let text = match read_draft(&id) {
            Ok(Some(t)) => t,
            Ok(None) => return d.session.say(messages::DRAFT_GONE, true),
            Err(e) => return d.session.say(messages::store_error(&e), true),
        };
        ask("load", &[("text", JsValue::from_str(&text))], move |r| {
            let read = r.and_then(|reply| {
                reply_scenario(&reply)
                    .map(|s| (s, texts(&field(&reply, "notes"))))
                    .ok_or_else(|| "its scenario could not be read".to_string())
            });
            match read {
                Ok((s, notes)) => {
                    let rev = d.session.entry(&id).map_or(0.0, |e| e.rev);
                    if !notes.is_empty() {
                        d.session
                            .say(messages::opened_draft(&s.name, &notes), false);
                    }
                    d.show(s, Some(id.clone()), rev, false);
                    let _ = store::set(LAST, &id);
                }
                Err(e) => d.move_aside(&id, &text, &e),
            }
        });
    }

    /// Puts a scenario on screen as draft `id` (or a new one, saved at once when `unsaved`).
    fn show(&self, s: Scenario, id: Option<String>, rev: f64, unsaved: bool) {
        let session = self.session;
        session.opening.set_value(true);
        session.state.open(s);
        session.current.set(id);
        session.base.set_value(rev);
        session.dirty.set_value(unsaved);
        if unsaved {
            self.autosave.save_later();
        }
    }

    /// A new draft with this scenario (a link, a new blank scenario, the example): never in
    /// place of an existing draft.
    pub fn adopt(&self, s: Scenario, from_link: bool) {
        self.session.from_link.set_value(from_link);
        self.show(s, None, 0.0, true);
    }

    /// A draft that cannot be read is kept, unchanged, under another key.
    fn move_aside(&self, id: &str, text: &str, why: &str) {
        let session = self.session;
        let name = session.entry(id).map(|e| e.name);
        let Ok(aside) = put_aside(id, text) else {
            return session.say(messages::unreadable_draft(name.as_deref(), why, None), true);
        };
        remove_draft(id);
        session.list.update(|l| l.retain(|e| e.id != id));
        let _ = write_index(&session.list.get_untracked());
        session.say(
            messages::unreadable_draft(name.as_deref(), why, Some(&aside)),
            true,
        );
    }

    /// Renames draft `id`: the one on screen through its scenario name (an edit like any
    /// other), another through its stored file.
    pub fn rename(&self, id: String, name: String) {
        let session = self.session;
        if session.current.get_untracked().as_deref() == Some(&id) {
            return session.state.edit(Some("name"), move |s| s.name = name);
        }
        let Ok(Some(text)) = read_draft(&id) else {
            return;
        };
        ask("load", &[("text", JsValue::from_str(&text))], move |r| {
            let Some(mut s) = r.ok().and_then(|reply| reply_scenario(&reply)) else {
                return session.say(messages::NOT_RENAMED, true);
            };
            s.name = name.clone();
            ask("save", &[scenario_field(&s)], move |r| {
                let Ok(reply) = r else { return };
                let mut list = session.index();
                let result = write_draft(&id, &reply_text(&reply)).and_then(|()| {
                    if let Some(e) = list.iter_mut().find(|e| e.id == id) {
                        e.name = name;
                        e.rev += 1.0;
                        e.updated = js_sys::Date::now();
                    }
                    write_index(&list)
                });
                match result {
                    Ok(()) => session.list.set(list),
                    Err(e) => session.say(messages::store_error(&e), true),
                }
            });
        });
    }

    pub fn duplicate(&self, id: &str) {
        let session = self.session;
        let (Ok(Some(text)), Some(e)) = (read_draft(id), session.entry(id)) else {
            return;
        };
        let copy = Entry {
            id: new_id(),
            name: format!("Copy of {}", e.name),
            updated: js_sys::Date::now(),
            rev: 1.0,
            link: false,
        };
        // The copy's file keeps the original's scenario name until it is opened and renamed.
        let mut list = session.index();
        let pos = list.iter().position(|x| x.id == id).map_or(0, |p| p + 1);
        list.insert(pos.min(list.len()), copy.clone());
        match write_draft(&copy.id, &text).and_then(|()| write_index(&list)) {
            Ok(()) => session.list.set(list),
            Err(e) => session.say(messages::store_error(&e), true),
        }
    }

    /// Deletes draft `id`; the notice offers to undo it.
    pub fn delete(&self, id: &str) {
        let session = self.session;
        let (Ok(Some(text)), Some(e)) = (read_draft(id), session.entry(id)) else {
            return;
        };
        remove_draft(id);
        let mut list = session.index();
        list.retain(|x| x.id != id);
        let _ = write_index(&list);
        session.list.set(list);
        if session.current.get_untracked().as_deref() == Some(id) {
            // What is on screen stays; the next edit saves it as a new draft.
            session.current.set(None);
            session.dirty.set_value(false);
            store::remove(LAST);
        }
        let name = e.name.clone();
        self.deleted.set_value(Some((e, text)));
        session.notices.set(Some(Notice {
            actions: vec![Action::UndoDelete],
            ..Notice::new(messages::deleted(&name), false)
        }));
    }

    /// Puts back the draft deleted last.
    pub fn undo_delete(&self) {
        let Some((e, text)) = self.deleted.get_value() else {
            return;
        };
        let mut list = self.session.index();
        list.insert(0, e.clone());
        match write_draft(&e.id, &text).and_then(|()| write_index(&list)) {
            Ok(()) => {
                self.deleted.set_value(None);
                self.session.list.set(list);
            }
            Err(err) => self.session.say(messages::store_error(&err), true),
        }
    }
}

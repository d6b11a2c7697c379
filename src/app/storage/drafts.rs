//! Drafts in the browser's local storage: saved shortly after each edit, listed, opened, renamed,
//! duplicated and deleted (with undo); reopening the page returns to the last open draft. Every
//! storage failure is a typed error, said in the notice at the top; nothing on screen is lost.
//!
//! Keys: `caseboard.drafts` (the index: a JSON list of `{id, name, updated, rev, link}`),
//! `caseboard.draft.<id>` (the draft, in the saved-file envelope: the same text as an exported
//! file), `caseboard.last` (the last open draft), `caseboard.aside.<id>.<time>` (a draft that
//! could not be read, kept exactly as it was) and `caseboard.pending.<tab>` (edits not saved yet
//! when the page was hidden or closed, written at once in the flat form; the next start saves
//! them into their draft unless that draft was saved since).
//!
//! Two tabs: each knows the revision it last read or wrote. A tab never writes over a newer
//! revision; it asks the user which version to keep. The other tab learns of changes through
//! the `storage` event.

use crate::app::client::{ask, reply_scenario, reply_text, scenario_field};
use crate::app::state::AppState;
use crate::app::widgets::notices::{Action, Notice, Notices};
use crate::formats::flat;
use crate::model::Scenario;
use crate::wire::js::{field, flat_from_js, flat_to_js, message};
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

const INDEX: &str = "caseboard.drafts";
const DRAFT: &str = "caseboard.draft.";
const LAST: &str = "caseboard.last";
const ASIDE: &str = "caseboard.aside.";
/// The link this browser last put in its address bar: a reload with it reopens the last draft
/// instead of making a new draft from the link.
const LINK: &str = "caseboard.link";
/// Edits not saved yet when the page was hidden or closed, one key per tab.
const PENDING: &str = "caseboard.pending.";
/// Drafts are saved this long after the last edit.
const SAVE_DELAY_MS: u64 = 500;

/// One draft in the index.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: String,
    pub name: String,
    /// When it was last saved (ms since 1970).
    pub updated: f64,
    /// Goes up by one with every save, in any tab.
    pub rev: f64,
    /// Opened from a share link.
    pub link: bool,
}

/// Why storage could not be used.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreError {
    /// No storage at all (private mode, blocked by a policy or by the user).
    Unavailable,
    /// The browser's quota for this site is used up.
    Full,
    Failed(String),
}

impl StoreError {
    fn from_js(e: JsValue) -> Self {
        match field(&e, "name").as_string().as_deref() {
            Some("QuotaExceededError") | Some("NS_ERROR_DOM_QUOTA_REACHED") => StoreError::Full,
            Some("SecurityError") => StoreError::Unavailable,
            _ => StoreError::Failed(field(&e, "message").as_string().unwrap_or_default()),
        }
    }

    pub fn message(&self) -> String {
        match self {
            StoreError::Unavailable => "This browser does not let Caseboard store anything here \
                (private browsing or a policy), so drafts will not be kept: your work stays in \
                this tab until you close it. Copy its link to keep it."
                .into(),
            StoreError::Full => "The browser's storage for this site is full, so the latest \
                changes are not saved as a draft. Nothing on screen is lost: copy the link to keep \
                them, export the file, or delete old drafts."
                .into(),
            StoreError::Failed(m) => {
                format!("The draft could not be saved ({m}). Nothing on screen is lost.")
            }
        }
    }
}

/// The local storage, checked first: reading `window.localStorage` itself throws when storage is
/// blocked, and gloo-storage's `raw` would then abort the call.
fn store() -> Result<web_sys::Storage, StoreError> {
    window()
        .local_storage()
        .map_err(StoreError::from_js)?
        .ok_or(StoreError::Unavailable)?;
    Ok(<gloo_storage::LocalStorage as gloo_storage::Storage>::raw())
}

fn get(key: &str) -> Result<Option<String>, StoreError> {
    store()?.get_item(key).map_err(StoreError::from_js)
}

fn set(key: &str, value: &str) -> Result<(), StoreError> {
    store()?.set_item(key, value).map_err(StoreError::from_js)
}

fn remove(key: &str) {
    if let Ok(s) = store() {
        let _ = s.remove_item(key);
    }
}

/// Storage works: a probe is written and removed.
fn available() -> Result<(), StoreError> {
    set("caseboard.probe", "1")?;
    // Reading can fail where writing works (a browser's storage damaged on disk).
    get("caseboard.probe")?;
    remove("caseboard.probe");
    Ok(())
}

fn new_id() -> String {
    let n = (js_sys::Math::random() * 1e9) as u64;
    format!("{}{n}", js_sys::Date::now() as u64)
}

/// The index as stored, and what went wrong reading it: an index that cannot be read at all is
/// said; an unreadable one is moved aside and rebuilt from the drafts' keys, and that is said too.
fn read_index() -> (Vec<Entry>, Option<String>) {
    let text = match get(INDEX) {
        Ok(Some(text)) => text,
        Ok(None) => return (Vec::new(), None),
        Err(StoreError::Failed(m)) => {
            return (
                Vec::new(),
                Some(format!(
                    "The list of drafts could not be read from this browser's storage ({m}). Nothing on screen is lost: copy the link or export the file to keep it."
                )),
            )
        }
        Err(e) => return (Vec::new(), Some(e.message())),
    };
    let parsed = js_sys::JSON::parse(&text)
        .ok()
        .filter(js_sys::Array::is_array);
    let Some(list) = parsed else {
        let aside = format!("{ASIDE}index.{}", js_sys::Date::now() as u64);
        let kept = set(&aside, &text).is_ok();
        let list = rebuild_index();
        let _ = write_index(&list);
        let n = list.len();
        let found = if n == 1 {
            "1 draft was found".to_string()
        } else {
            format!("{n} drafts were found")
        };
        let old = if kept {
            format!(" The damaged list is kept unchanged as “{aside}”.")
        } else {
            String::new()
        };
        return (
            list,
            Some(format!(
                "The list of drafts in this browser was damaged, so it was rebuilt from the drafts stored: {found}, named “Recovered draft” until opened.{old}"
            )),
        );
    };
    let list = js_sys::Array::from(&list)
        .iter()
        .filter_map(|e| {
            Some(Entry {
                id: field(&e, "id").as_string()?,
                name: field(&e, "name").as_string().unwrap_or_default(),
                updated: field(&e, "updated").as_f64().unwrap_or(0.0),
                rev: field(&e, "rev").as_f64().unwrap_or(0.0),
                link: field(&e, "link").is_truthy(),
            })
        })
        .collect();
    (list, None)
}

/// An index of every stored draft, named "Recovered draft" until it is opened and saved.
fn rebuild_index() -> Vec<Entry> {
    let Ok(s) = store() else {
        return Vec::new();
    };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix(DRAFT).map(str::to_string))
        .map(|id| Entry {
            id,
            name: "Recovered draft".into(),
            updated: 0.0,
            rev: 0.0,
            link: false,
        })
        .collect()
}

fn write_index(list: &[Entry]) -> Result<(), StoreError> {
    let arr: js_sys::Array = list
        .iter()
        .map(|e| {
            message(&[
                ("id", JsValue::from_str(&e.id)),
                ("name", JsValue::from_str(&e.name)),
                ("updated", JsValue::from_f64(e.updated)),
                ("rev", JsValue::from_f64(e.rev)),
                ("link", JsValue::from_bool(e.link)),
            ])
        })
        .collect();
    let text = js_sys::JSON::stringify(&arr).map_or(String::new(), String::from);
    set(INDEX, &text)
}

/// The oldest draft that was opened from a link and never changed (saved once), other than `keep`.
fn unchanged_link_draft(list: &[Entry], keep: &str) -> Option<Entry> {
    list.iter()
        .filter(|e| e.link && e.rev <= 1.0 && e.id != keep)
        .min_by(|a, b| a.updated.total_cmp(&b.updated))
        .cloned()
}

/// The drafts of this browser and the one on screen.
#[derive(Clone, Copy)]
pub struct Drafts {
    pub list: RwSignal<Vec<Entry>>,
    /// The draft on screen; `None` until the first save (or when storage is unavailable).
    pub current: RwSignal<Option<String>>,
    /// The revision of the current draft this tab last read or wrote.
    base: StoredValue<f64>,
    /// Edits not saved yet.
    dirty: StoredValue<bool>,
    /// The next change of the scenario is a document being opened, not an edit.
    opening: StoredValue<bool>,
    /// The current draft came from a share link.
    from_link: StoredValue<bool>,
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    /// The last deleted draft and its text, for undo.
    deleted: StoredValue<Option<(Entry, String)>>,
    /// This tab's key for edits pending when the page is hidden (see [`PENDING`]).
    tab: StoredValue<String>,
    state: AppState,
    notices: Notices,
}

impl Drafts {
    /// Reads the index and starts saving after edits and following other tabs.
    pub fn start(state: AppState, notices: Notices) -> Self {
        let d = Drafts {
            list: RwSignal::new(Vec::new()),
            current: RwSignal::new(None),
            base: StoredValue::new(0.0),
            dirty: StoredValue::new(false),
            opening: StoredValue::new(false),
            from_link: StoredValue::new(false),
            timer: StoredValue::new_local(None),
            deleted: StoredValue::new(None),
            tab: StoredValue::new(format!("{PENDING}{}", new_id())),
            state,
            notices,
        };
        match available() {
            Ok(()) => d.list.set(d.index()),
            Err(e) => d.say(e.message(), true),
        }
        // Closing or hiding the page right after typing loses nothing: what the timer has not
        // saved yet is written at once (`pagehide` for closing, `visibilitychange` for a tab
        // put in the background or a phone's app switcher, after which a page may be killed).
        let hidden = window_event_listener_untyped("visibilitychange", move |_| {
            if document().hidden() {
                d.save_now();
            }
        });
        let closing = window_event_listener_untyped("pagehide", move |_| d.save_now());
        on_cleanup(move || {
            hidden.remove();
            closing.remove();
        });
        Effect::new(move |first: Option<()>| {
            state.scenario.track();
            if first.is_none() || d.opening.get_value() {
                d.opening.set_value(false);
                return;
            }
            d.dirty.set_value(true);
            d.save_later();
        });
        let other_tab = window_event_listener_untyped("storage", move |e| d.on_storage(&e));
        on_cleanup(move || other_tab.remove());
        d
    }

    /// The index as stored; what went wrong reading it is said in the notice.
    fn index(&self) -> Vec<Entry> {
        let (list, note) = read_index();
        if let Some(note) = note {
            self.say(note, true);
        }
        list
    }

    /// Saves pending edits now: a copy written at once (the page may be closing, and the
    /// worker's answer would come too late), then the ordinary save, which removes the copy.
    pub fn save_now(&self) {
        if !self.dirty.get_value() {
            return;
        }
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        let flat = self
            .state
            .scenario
            .with_untracked(|s| flat_to_js(&flat::write(s)));
        let id = self
            .current
            .get_untracked()
            .map_or(JsValue::NULL, |id| JsValue::from_str(&id));
        let copy = message(&[
            ("id", id),
            ("base", JsValue::from_f64(self.base.get_value())),
            ("link", JsValue::from_bool(self.from_link.get_value())),
            ("scenario", flat.into()),
        ]);
        if let Ok(text) = js_sys::JSON::stringify(&copy) {
            let _ = set(&self.tab.get_value(), &String::from(text));
        }
        self.save(false);
    }

    /// Saves into their drafts the edits that a closed page left pending (see [`PENDING`]), then
    /// runs `then` (which opens the last draft or a link): the draft it opens holds them.
    pub fn recover(&self, then: impl FnOnce() + 'static) {
        let keys: Vec<String> = store()
            .map(|s| {
                (0..s.length().unwrap_or(0))
                    .filter_map(|i| s.key(i).ok().flatten())
                    .filter(|k| k.starts_with(PENDING))
                    .collect()
            })
            .unwrap_or_default();
        let Some(key) = keys.into_iter().next() else {
            return then();
        };
        let d = *self;
        let copy = get(&key)
            .ok()
            .flatten()
            .and_then(|t| js_sys::JSON::parse(&t).ok())
            .unwrap_or(JsValue::UNDEFINED);
        let id = field(&copy, "id").as_string();
        let base = field(&copy, "base").as_f64().unwrap_or(0.0);
        let link = field(&copy, "link").is_truthy();
        let scenario = flat_from_js(&field(&copy, "scenario")).and_then(|t| flat::read(&t));
        let list = d.index();
        let stored = id
            .as_ref()
            .and_then(|id| list.iter().find(|e| &e.id == id))
            .map(|e| e.rev);
        // Nothing to do when the copy cannot be read or its draft was saved after it was made
        // (the ordinary save finished after all); a removed draft comes back as a new one.
        let Some(s) = scenario.filter(|_| stored.is_none_or(|rev| rev <= base)) else {
            remove(&key);
            return d.recover(then);
        };
        let name = s.name.clone();
        ask("save", &[scenario_field(&s)], move |r| {
            if let Ok(reply) = r {
                let id = id.filter(|_| stored.is_some()).unwrap_or_else(new_id);
                let mut list = read_index().0;
                let entry = Entry {
                    id: id.clone(),
                    name,
                    updated: js_sys::Date::now(),
                    rev: stored.unwrap_or(0.0).max(base) + 1.0,
                    link,
                };
                match list.iter_mut().find(|e| e.id == id) {
                    Some(e) => *e = entry,
                    None => list.insert(0, entry),
                }
                let saved = set(&format!("{DRAFT}{id}"), &reply_text(&reply))
                    .and_then(|()| write_index(&list));
                match saved {
                    Ok(()) => {
                        let _ = set(LAST, &id);
                        d.list.set(list);
                        remove(&key);
                    }
                    // Kept for the next start; this one goes on.
                    Err(e) => {
                        d.fail(e);
                        return then();
                    }
                }
            }
            d.recover(then);
        });
    }

    /// Says why storage failed; when it is full, offers the file instead.
    fn fail(&self, e: StoreError) {
        let actions = if e == StoreError::Full {
            vec![Action::ExportJson]
        } else {
            Vec::new()
        };
        self.notices.set(Some(Notice {
            actions,
            ..Notice::new(e.message(), true)
        }));
    }

    fn say(&self, text: impl Into<String>, error: bool) {
        self.notices.set(Some(Notice::new(text, error)));
    }

    /// Remembers the link now in the address bar (see [`LINK`]).
    pub fn remember_link(&self, fragment: &str) {
        let _ = set(LINK, fragment);
    }

    /// True when `fragment` is the link this browser last put in its address bar.
    pub fn is_own_link(&self, fragment: &str) -> bool {
        get(LINK).ok().flatten().as_deref() == Some(fragment)
    }

    /// Opens the last open draft, if there is one (on start, without a link).
    pub fn open_last(&self) {
        if let Ok(Some(id)) = get(LAST) {
            if self.list.with_untracked(|l| l.iter().any(|e| e.id == id)) {
                self.open(id);
            }
        }
    }

    /// Shows draft `id`.
    pub fn open(&self, id: String) {
        let d = *self;
        let text = match get(&format!("{DRAFT}{id}")) {
            Ok(Some(t)) => t,
            Ok(None) => {
                return d.say(
                    "That draft is no longer stored (deleted in another tab?).",
                    true,
                )
            }
            Err(e) => return d.say(e.message(), true),
        };
        ask(
            "load",
            &[("text", JsValue::from_str(&text))],
            move |r| match r.and_then(|reply| {
                reply_scenario(&reply).ok_or_else(|| "its scenario could not be read".to_string())
            }) {
                Ok(s) => {
                    let rev = d.entry(&id).map_or(0.0, |e| e.rev);
                    d.show(s, Some(id.clone()), rev, false);
                    let _ = set(LAST, &id);
                }
                Err(e) => d.move_aside(&id, &text, &e),
            },
        );
    }

    fn entry(&self, id: &str) -> Option<Entry> {
        self.list
            .with_untracked(|l| l.iter().find(|e| e.id == id).cloned())
    }

    /// Puts a scenario on screen as draft `id` (or a new one, saved at once when `unsaved`).
    fn show(&self, s: Scenario, id: Option<String>, rev: f64, unsaved: bool) {
        self.opening.set_value(true);
        self.state.open(s);
        self.current.set(id);
        self.base.set_value(rev);
        self.dirty.set_value(unsaved);
        if unsaved {
            self.save_later();
        }
    }

    /// A new draft with this scenario (a link, a new blank scenario, the example): never in
    /// place of an existing draft.
    pub fn adopt(&self, s: Scenario, from_link: bool) {
        self.from_link.set_value(from_link);
        self.show(s, None, 0.0, true);
    }

    /// A draft that cannot be read is kept, unchanged, under another key.
    fn move_aside(&self, id: &str, text: &str, why: &str) {
        let name = self
            .entry(id)
            .map_or_else(|| "a draft".into(), |e| format!("“{}”", e.name));
        let aside = format!("{ASIDE}{id}.{}", js_sys::Date::now() as u64);
        if set(&aside, text).is_err() {
            return self.say(
                format!("The draft {name} could not be read ({why}); it was left where it is."),
                true,
            );
        }
        remove(&format!("{DRAFT}{id}"));
        self.list.update(|l| l.retain(|e| e.id != id));
        let _ = write_index(&self.list.get_untracked());
        self.say(
            format!("The draft {name} could not be read ({why}). It is kept unchanged in this browser's storage as “{aside}”; Caseboard opened the example instead."),
            true,
        );
    }

    fn save_later(&self) {
        let d = *self;
        if let Some(t) = d.timer.get_value() {
            t.clear();
        }
        let t = set_timeout_with_handle(
            move || d.save(false),
            std::time::Duration::from_millis(SAVE_DELAY_MS),
        );
        d.timer.set_value(t.ok());
    }

    /// Saves the scenario on screen as the current draft (a new one if none). With `force`, over
    /// a newer revision from another tab (the user chose to keep this one).
    fn save(&self, force: bool) {
        let d = *self;
        // (Not `available()`: its probe write fails on a full storage, which this save handles.)
        if !d.dirty.get_value() || store().is_err() {
            return;
        }
        let (name, s) = d
            .state
            .scenario
            .with_untracked(|s| (s.name.clone(), scenario_field(s)));
        ask("save", &[s], move |r| {
            let text = match r {
                Ok(reply) => reply_text(&reply),
                Err(e) => return d.say(format!("The draft could not be saved: {e}"), true),
            };
            let id = d.current.get_untracked().unwrap_or_else(new_id);
            // Another tab may have saved this draft since this tab read it.
            let mut list = d.index();
            let stored = list.iter().find(|e| e.id == id).map_or(0.0, |e| e.rev);
            if stored > d.base.get_value() && !force {
                return d.notices.set(Some(Notice {
                    actions: vec![Action::KeepMine, Action::TakeTheirs],
                    ..Notice::new(
                        "This draft was changed in another tab since this tab opened it. Which version do you want to keep?",
                        true,
                    )
                }));
            }
            let key = format!("{DRAFT}{id}");
            let mut freed = Vec::new();
            let mut result = set(&key, &text);
            // Storage full: the user's own work comes before drafts opened from links and never
            // changed (their links still open them).
            while result == Err(StoreError::Full) {
                let Some(victim) = unchanged_link_draft(&list, &id) else {
                    break;
                };
                remove(&format!("{DRAFT}{}", victim.id));
                list.retain(|e| e.id != victim.id);
                freed.push(victim.name);
                result = set(&key, &text);
            }
            if !freed.is_empty() {
                let _ = write_index(&list);
                d.list.set(list.clone());
            }
            if let Err(e) = result {
                return d.fail(e);
            }
            if !freed.is_empty() {
                d.say(
                    format!(
                        "The browser's storage for this site was full. To keep your changes, Caseboard removed {} opened from a link and never changed (the link still opens it): “{}”.",
                        if freed.len() == 1 { "a draft".to_string() } else { format!("{} drafts", freed.len()) },
                        freed.join("”, “")
                    ),
                    false,
                );
            }
            let rev = stored.max(d.base.get_value()) + 1.0;
            let entry = Entry {
                id: id.clone(),
                name,
                updated: js_sys::Date::now(),
                rev,
                link: d.from_link.get_value(),
            };
            match list.iter_mut().find(|e| e.id == id) {
                Some(e) => {
                    *e = Entry {
                        link: e.link,
                        ..entry
                    }
                }
                None => list.insert(0, entry),
            }
            if let Err(e) = write_index(&list) {
                return d.fail(e);
            }
            let _ = set(LAST, &id);
            remove(&d.tab.get_value());
            d.list.set(list);
            d.base.set_value(rev);
            d.dirty.set_value(false);
            if d.current.get_untracked().as_deref() != Some(&id) {
                d.current.set(Some(id));
            }
        });
    }

    /// Renames draft `id`: the one on screen through its scenario name (an edit like any
    /// other), another through its stored file.
    pub fn rename(&self, id: String, name: String) {
        if self.current.get_untracked().as_deref() == Some(&id) {
            return self.state.edit(Some("name"), move |s| s.name = name);
        }
        let d = *self;
        let Ok(Some(text)) = get(&format!("{DRAFT}{id}")) else {
            return;
        };
        ask("load", &[("text", JsValue::from_str(&text))], move |r| {
            let Some(mut s) = r.ok().and_then(|reply| reply_scenario(&reply)) else {
                return d.say("That draft could not be read, so it was not renamed.", true);
            };
            s.name = name.clone();
            ask("save", &[scenario_field(&s)], move |r| {
                let Ok(reply) = r else { return };
                let mut list = d.index();
                let result = set(&format!("{DRAFT}{id}"), &reply_text(&reply)).and_then(|()| {
                    if let Some(e) = list.iter_mut().find(|e| e.id == id) {
                        e.name = name;
                        e.rev += 1.0;
                        e.updated = js_sys::Date::now();
                    }
                    write_index(&list)
                });
                match result {
                    Ok(()) => d.list.set(list),
                    Err(e) => d.say(e.message(), true),
                }
            });
        });
    }

    pub fn duplicate(&self, id: &str) {
        let (Ok(Some(text)), Some(e)) = (get(&format!("{DRAFT}{id}")), self.entry(id)) else {
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
        let mut list = self.index();
        let pos = list.iter().position(|x| x.id == id).map_or(0, |p| p + 1);
        list.insert(pos.min(list.len()), copy.clone());
        match set(&format!("{DRAFT}{}", copy.id), &text).and_then(|()| write_index(&list)) {
            Ok(()) => self.list.set(list),
            Err(e) => self.say(e.message(), true),
        }
    }

    /// Deletes draft `id`; the notice offers to undo it.
    pub fn delete(&self, id: &str) {
        let key = format!("{DRAFT}{id}");
        let (Ok(Some(text)), Some(e)) = (get(&key), self.entry(id)) else {
            return;
        };
        remove(&key);
        let mut list = self.index();
        list.retain(|x| x.id != id);
        let _ = write_index(&list);
        self.list.set(list);
        if self.current.get_untracked().as_deref() == Some(id) {
            // What is on screen stays; the next edit saves it as a new draft.
            self.current.set(None);
            self.dirty.set_value(false);
            remove(LAST);
        }
        let name = e.name.clone();
        self.deleted.set_value(Some((e, text)));
        self.notices.set(Some(Notice {
            actions: vec![Action::UndoDelete],
            ..Notice::new(format!("Deleted the draft “{name}”."), false)
        }));
    }

    /// What a notice's button asks for.
    pub fn act(&self, action: Action) {
        self.notices.set(None);
        match action {
            Action::UndoDelete => {
                let Some((e, text)) = self.deleted.get_value() else {
                    return;
                };
                let mut list = self.index();
                list.insert(0, e.clone());
                match set(&format!("{DRAFT}{}", e.id), &text).and_then(|()| write_index(&list)) {
                    Ok(()) => {
                        self.deleted.set_value(None);
                        self.list.set(list);
                    }
                    Err(err) => self.say(err.message(), true),
                }
            }
            Action::KeepMine => self.save(true),
            Action::ExportJson => crate::app::storage::files::export_json(self.state, self.notices),
            Action::TakeTheirs => {
                if let Some(id) = self.current.get_untracked() {
                    self.dirty.set_value(false);
                    self.open(id);
                }
            }
        }
    }

    /// Another tab changed the storage.
    fn on_storage(&self, e: &web_sys::Event) {
        let key = field(e, "key").as_string();
        if key.as_deref() != Some(INDEX) {
            return;
        }
        self.list.set(self.index());
        let Some(id) = self.current.get_untracked() else {
            return;
        };
        let Some(stored) = self.entry(&id).map(|e| e.rev) else {
            return;
        };
        if stored > self.base.get_value() {
            if self.dirty.get_value() {
                // Both changed it: the next save asks which to keep.
                self.save_later();
            } else {
                self.say(
                    "This draft was changed in another tab; showing that version.",
                    false,
                );
                self.open(id);
            }
        }
    }
}

/// The drafts list. One click and one change handler serve every row (each button says what it
/// does and to which draft in `data-` attributes): a handler per row is several KB of wasm.
#[component]
pub fn DraftsPanel() -> impl IntoView {
    let d = expect_context::<Drafts>();
    let count = move || d.list.with(Vec::len);
    let target = |ev: &web_sys::Event, name: &str| -> Option<String> {
        let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        el.get_attribute(name)
    };
    let click = move |ev: web_sys::MouseEvent| {
        let (Some(act), Some(id)) = (target(&ev, "data-act"), target(&ev, "data-id")) else {
            return;
        };
        match act.as_str() {
            "open" => d.open(id),
            "duplicate" => d.duplicate(&id),
            "delete" => d.delete(&id),
            // Anything else (a click between the buttons) does nothing: only "Delete" deletes.
            _ => {}
        }
    };
    let change = move |ev: web_sys::Event| {
        if let Some(id) = target(&ev, "data-id") {
            d.rename(id, event_target_value(&ev));
        }
    };
    let rows = move || {
        let open = d.current.get();
        d.list
            .get()
            .into_iter()
            .map(|e| {
                let here = open.as_deref() == Some(e.id.as_str());
                let when = js_sys::Date::new(&JsValue::from_f64(e.updated))
                    .to_locale_string("default", &JsValue::UNDEFINED)
                    .as_string()
                    .unwrap_or_default();
                let about = format!(
                    "{}{}{when}",
                    if here { "open · " } else { "" },
                    if e.link { "from a link · " } else { "" }
                );
                view! {
                    <li class="draft" class:open=here>
                        <input type="text" value=e.name.clone() data-id=e.id.clone()
                            aria-label=format!("Name of draft {}", e.name)/>
                        <span class="hint">{about}</span>
                        <button type="button" data-act="open" data-id=e.id.clone()>"Open"</button>
                        <button type="button" data-act="duplicate" data-id=e.id.clone()>"Duplicate"</button>
                        <button type="button" data-act="delete" data-id=e.id>"Delete"</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <details class="panel drafts" data-testid="drafts">
            <summary>"Drafts (" {count} ")"</summary>
            <p class="hint">"Saved in this browser half a second after each change. A draft is only here: copy its link or export it to keep it elsewhere."</p>
            <ul on:click=click on:change=change>{rows}</ul>
        </details>
    }
}

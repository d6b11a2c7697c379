//! The drafts' keys in local storage and the index that lists them.
//!
//! Keys: `caseboard.drafts` (the index: a JSON list of `{id, name, updated, rev, link}`),
//! `caseboard.draft.<id>` (the draft, in the saved-file envelope: the same text as an exported
//! file), `caseboard.last` (the last open draft), `caseboard.aside.<id>.<time>` (a draft that
//! could not be read, kept exactly as it was) and `caseboard.link` (the link this browser last
//! put in its address bar). Edits not saved yet have keys of their own (`autosave`).

use crate::app::storage::store::{self, StoreError};
use crate::wire::js::{field, message};
use wasm_bindgen::JsValue;

const INDEX: &str = "caseboard.drafts";
const DRAFT: &str = "caseboard.draft.";
pub const LAST: &str = "caseboard.last";
const ASIDE: &str = "caseboard.aside.";
/// The link this browser last put in its address bar: a reload with it reopens the last draft
/// instead of making a new draft from the link.
pub const LINK: &str = "caseboard.link";
/// A short fingerprint of the link before it: a reload that began just before the address took
/// the newest link comes back with the one before, which is this browser's own too.
pub const LINK_BEFORE: &str = "caseboard.link-before";

/// A short fingerprint of a link (FNV-1a, 64 bits, in hex): enough to tell this browser's own
/// previous link from another, without storing it twice.
pub fn fingerprint(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Whether a `storage` event from another tab is about the index.
pub fn is_index(key: Option<&str>) -> bool {
    key == Some(INDEX)
}

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

/// What went wrong reading the index.
#[derive(Clone, Debug, PartialEq)]
pub enum IndexProblem {
    /// It could not be read at all.
    Unreadable(StoreError),
    /// It was damaged, so it was rebuilt from the drafts' keys: `found` drafts; the damaged text
    /// is kept under `kept_as` (when that could be written).
    Rebuilt {
        found: usize,
        kept_as: Option<String>,
    },
}

pub fn new_id() -> String {
    let n = (js_sys::Math::random() * 1e9) as u64;
    format!("{}{n}", js_sys::Date::now() as u64)
}

fn draft_key(id: &str) -> String {
    format!("{DRAFT}{id}")
}

/// The stored text of draft `id`.
pub fn read_draft(id: &str) -> Result<Option<String>, StoreError> {
    store::get(&draft_key(id))
}

pub fn write_draft(id: &str, text: &str) -> Result<(), StoreError> {
    store::set(&draft_key(id), text)
}

pub fn remove_draft(id: &str) {
    store::remove(&draft_key(id));
}

/// Keeps `text` (a draft or index that cannot be read) unchanged under a key of its own, which
/// it returns.
pub fn put_aside(what: &str, text: &str) -> Result<String, StoreError> {
    let aside = format!("{ASIDE}{what}.{}", js_sys::Date::now() as u64);
    store::set(&aside, text).map(|()| aside)
}

/// The index as stored, and what went wrong reading it: an unreadable one is moved aside and
/// rebuilt from the drafts' keys.
pub fn read_index() -> (Vec<Entry>, Option<IndexProblem>) {
    let text = match store::get(INDEX) {
        Ok(Some(text)) => text,
        Ok(None) => return (Vec::new(), None),
        Err(e) => return (Vec::new(), Some(IndexProblem::Unreadable(e))),
    };
    let parsed = js_sys::JSON::parse(&text)
        .ok()
        .filter(js_sys::Array::is_array);
    let Some(list) = parsed else {
        let kept_as = put_aside("index", &text).ok();
        let list = rebuild_index();
        let _ = write_index(&list);
        let found = list.len();
        return (list, Some(IndexProblem::Rebuilt { found, kept_as }));
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
    store::keys_with(DRAFT)
        .into_iter()
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

pub fn write_index(list: &[Entry]) -> Result<(), StoreError> {
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
    store::set(INDEX, &text)
}

/// Puts `entry` in place of the entry with its id, or first when there is none.
pub fn upsert(list: &mut Vec<Entry>, entry: Entry) {
    match list.iter_mut().find(|e| e.id == entry.id) {
        Some(e) => *e = entry,
        None => list.insert(0, entry),
    }
}

/// The oldest draft that was opened from a link and never changed (saved once), other than `keep`.
pub fn unchanged_link_draft(list: &[Entry], keep: &str) -> Option<Entry> {
    list.iter()
        .filter(|e| e.link && e.rev <= 1.0 && e.id != keep)
        .min_by(|a, b| a.updated.total_cmp(&b.updated))
        .cloned()
}

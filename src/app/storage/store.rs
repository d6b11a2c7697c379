//! The browser's local storage, typed: every read and write says what went wrong as a
//! [`StoreError`] (the words for it are `messages`'), and no call can throw past here.

use crate::wire::js::field;
use leptos::prelude::window;
use wasm_bindgen::JsValue;

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

pub fn get(key: &str) -> Result<Option<String>, StoreError> {
    store()?.get_item(key).map_err(StoreError::from_js)
}

pub fn set(key: &str, value: &str) -> Result<(), StoreError> {
    store()?.set_item(key, value).map_err(StoreError::from_js)
}

/// Removes `key`; nothing to say when it cannot (there is no storage, or it is gone already).
pub fn remove(key: &str) {
    if let Ok(s) = store() {
        let _ = s.remove_item(key);
    }
}

/// Storage can be written now (when it cannot, nothing is tried: a save has nothing to do).
pub fn reachable() -> bool {
    store().is_ok()
}

/// Storage works: a probe is written and removed.
pub fn available() -> Result<(), StoreError> {
    set("caseboard.probe", "1")?;
    // Reading can fail where writing works (a browser's storage damaged on disk).
    get("caseboard.probe")?;
    remove("caseboard.probe");
    Ok(())
}

/// Every stored key that starts with `prefix` (none when storage cannot be read).
pub fn keys_with(prefix: &str) -> Vec<String> {
    let Ok(s) = store() else {
        return Vec::new();
    };
    (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

//! Two tabs: each knows the revision of its draft it last read or wrote (`Session::base`). A tab
//! never writes over a newer revision (`autosave` asks the user which version to keep, answered
//! here); the other tab learns of changes through the `storage` event.

use crate::app::storage::drafts::Drafts;
use crate::app::storage::index::is_index;
use crate::app::storage::messages;
use crate::wire::js::field;
use leptos::prelude::*;

/// Follows the changes other tabs make to the drafts.
pub fn follow_other_tabs(d: Drafts) {
    let other_tab = window_event_listener_untyped("storage", move |e| on_storage(d, &e));
    on_cleanup(move || other_tab.remove());
}

/// Another tab changed the storage.
fn on_storage(d: Drafts, e: &web_sys::Event) {
    let s = d.session;
    if !is_index(field(e, "key").as_string().as_deref()) {
        return;
    }
    s.list.set(s.index());
    let Some(id) = s.current.get_untracked() else {
        return;
    };
    let Some(stored) = s.entry(&id).map(|e| e.rev) else {
        return;
    };
    if stored > s.base.get_value() {
        if s.dirty.get_value() {
            // Both changed it: the next save asks which to keep.
            d.autosave.save_later();
        } else {
            s.say(messages::CHANGED_ELSEWHERE, false);
            d.open(id);
        }
    }
}

/// The user keeps this tab's version of a draft that another tab changed too.
pub fn keep_mine(d: Drafts) {
    d.autosave.save(true);
}

/// The user takes the other tab's version instead.
pub fn take_theirs(d: Drafts) {
    if let Some(id) = d.session.current.get_untracked() {
        d.session.dirty.set_value(false);
        d.open(id);
    }
}

//! Where a scenario is kept and carried: drafts in local storage, files, share links.
//!
//! Bottom up, each using only those before it: `store` (typed local storage) · `index` (the
//! drafts' keys and their list) · `messages` (every word said about them) · `session` (what this
//! tab knows of its drafts) · `autosave` · `drafts` (open, rename, duplicate, delete) · `sync`
//! (other tabs, conflicts) · `panel` (the drafts list) · `files` and `share`.

mod autosave;
pub mod drafts;
pub mod files;
mod index;
pub mod messages;
pub mod panel;
mod session;
pub mod share;
mod store;
mod sync;

use crate::app::state::AppState;
use crate::app::widgets::notices::{Action, Notices};
use drafts::Drafts;
use leptos::prelude::*;

/// Starts keeping drafts: reads the index, saves after edits, follows other tabs.
pub fn start(state: AppState, notices: Notices) -> Drafts {
    let d = Drafts::start(state, notices);
    sync::follow_other_tabs(d);
    d
}

/// What a notice's button asks for.
pub fn act(d: Drafts, action: Action) {
    d.session.notices.set(None);
    match action {
        Action::UndoDelete => d.undo_delete(),
        Action::KeepMine => sync::keep_mine(d),
        Action::TakeTheirs => sync::take_theirs(d),
        Action::ExportJson => files::export_json(d.session.state, d.session.notices),
    }
}

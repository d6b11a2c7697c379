//! What this tab knows of its drafts: the index as last read, the draft on screen and the
//! revision of it this tab last read or wrote. Autosave, tab sync and the drafts panel share it.

use crate::app::state::AppState;
use crate::app::storage::index::{read_index, Entry};
use crate::app::storage::messages;
use crate::app::storage::store::StoreError;
use crate::app::widgets::notices::{Action, Notice, Notices};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Session {
    pub list: RwSignal<Vec<Entry>>,
    /// The draft on screen; `None` until the first save (or when storage is unavailable).
    pub current: RwSignal<Option<String>>,
    /// The revision of the current draft this tab last read or wrote.
    pub base: StoredValue<f64>,
    /// Edits not saved yet.
    pub dirty: StoredValue<bool>,
    /// The next change of the scenario is a document being opened, not an edit.
    pub opening: StoredValue<bool>,
    /// The current draft came from a share link.
    pub from_link: StoredValue<bool>,
    /// The link the scenario on screen was opened from, until it is edited or saved: a copy
    /// kept when the page closes that soon is that link's scenario, which the address opens
    /// again (see `Autosave::recover`).
    pub opened_link: StoredValue<Option<String>>,
    pub state: AppState,
    pub notices: Notices,
}

impl Session {
    pub fn new(state: AppState, notices: Notices) -> Self {
        Session {
            list: RwSignal::new(Vec::new()),
            current: RwSignal::new(None),
            base: StoredValue::new(0.0),
            dirty: StoredValue::new(false),
            opening: StoredValue::new(false),
            from_link: StoredValue::new(false),
            opened_link: StoredValue::new(None),
            state,
            notices,
        }
    }

    /// The index as stored; what went wrong reading it is said in the notice.
    pub fn index(&self) -> Vec<Entry> {
        let (list, problem) = read_index();
        if let Some(p) = problem {
            self.say(messages::index_problem(&p), true);
        }
        list
    }

    /// The index entry of draft `id`, as this tab last read it.
    pub fn entry(&self, id: &str) -> Option<Entry> {
        self.list
            .with_untracked(|l| l.iter().find(|e| e.id == id).cloned())
    }

    pub fn say(&self, text: impl Into<String>, error: bool) {
        self.notices.set(Some(Notice::new(text, error)));
    }

    /// Says why storage failed; when it is full, offers the file instead.
    pub fn fail(&self, e: StoreError) {
        let actions = if e == StoreError::Full {
            vec![Action::ExportJson]
        } else {
            Vec::new()
        };
        self.notices.set(Some(Notice {
            actions,
            ..Notice::new(messages::store_error(&e), true)
        }));
    }
}

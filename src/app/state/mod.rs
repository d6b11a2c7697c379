//! App state, in four parts that know nothing of the views:
//! * `document`: the scenario on screen, which document it is, its problems and the one memo
//!   that evaluates it;
//! * `history`: undo and redo;
//! * `sim`: what the page knows of the simulation;
//! * `view`: what the user chose to see (ranking, the tornado's initiative).
//!
//! [`AppState`] holds one of each and makes the edits that touch more than one (an edit is an
//! undo step; opening a document forgets the history). It reads as its document
//! (`state.scenario`, `state.checked`), through `Deref`.

mod document;
mod history;
mod sim;
mod view;

pub use crate::model::Shown;
pub use document::{field_key, Checked, Document, ParseErrors};
pub use history::History;
pub use sim::SimView;
pub use view::ViewState;

use crate::app::client::{about, Which};
use crate::model::{Figure, Scenario};
use crate::wire::{PortfolioText, Reply, Request};
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone, Copy)]
pub struct AppState {
    pub document: Document,
    pub history: RwSignal<History>,
    /// The simulation of the shown scenario's ranges (`results::uncertainty`).
    pub sim: RwSignal<SimView>,
    pub view: ViewState,
    /// The same signal as `view.rank_by`, for the views that still read it here.
    pub rank_by: RwSignal<Figure>,
    /// The same signal as `view.tornado_of`, for the views that still read it here.
    pub tornado_of: RwSignal<Option<usize>>,
    /// The portfolio of the results shown, in the worker's words, with the results it is of:
    /// read through [`AppState::portfolio_text`], which gives it only while they are on screen.
    pub portfolio: RwSignal<Option<(Shown, Arc<PortfolioText>)>>,
}

impl std::ops::Deref for AppState {
    type Target = Document;

    fn deref(&self) -> &Document {
        &self.document
    }
}

impl AppState {
    pub fn new(initial: Scenario) -> Self {
        let view = ViewState::new();
        let document = Document::new(initial);
        let sim = RwSignal::new(SimView::default());
        let portfolio = RwSignal::new(None);
        follow_portfolio(document, portfolio);
        AppState {
            portfolio,
            document,
            history: RwSignal::new(History::default()),
            sim,
            view,
            rank_by: view.rank_by,
            tornado_of: view.tornado_of,
        }
    }

    /// Applies an edit. `key` names the input: consecutive edits of one input within a second
    /// make a single undo step; `None` always makes a new one.
    pub fn edit(&self, key: Option<&str>, f: impl FnOnce(&mut Scenario)) {
        if key.is_none() {
            // Structural edits (add, remove, reorder, selects) can move inputs to other positions;
            // unparsable text is keyed by position, so it goes back to the last valid value.
            self.document.clear_parse_errors();
        }
        let now = js_sys::Date::now();
        let push = self.history.with_untracked(|h| h.starts_step(key, now));
        let before = push.then(|| self.scenario.get_untracked());
        self.history.update(|h| h.record(before, key, now));
        self.document.update(move |s| {
            f(s);
            // A derived input follows its sources in the same step (one undo).
            crate::model::scoring::apply_fit_from_goals(s);
        });
    }

    /// Shows another document (a draft, a link): its own scenario, with no undo history.
    pub fn open(&self, mut s: Scenario) {
        // A derived input as its sources give it, whatever the file or link held.
        crate::model::scoring::apply_fit_from_goals(&mut s);
        self.parse_errors.set(ParseErrors::default());
        self.history.set(History::default());
        self.doc.update(|d| *d += 1);
        self.document.set_scenario(s);
    }

    /// Replaces the whole scenario as one undoable step (new blank, load example).
    pub fn replace(&self, s: Scenario) {
        self.parse_errors.set(ParseErrors::default());
        self.edit(None, move |cur| *cur = s);
    }

    /// The portfolio's words, if they are of the results on screen.
    pub fn portfolio_text(&self) -> Option<Arc<PortfolioText>> {
        let shown = self.checked.with(|c| c.shown.clone())?;
        self.portfolio.with(|p| {
            p.as_ref()
                .filter(|(of, _)| *of == shown)
                .map(|(_, t)| t.clone())
        })
    }

    pub fn can_undo(&self) -> bool {
        self.history.with(History::can_undo)
    }

    pub fn can_redo(&self) -> bool {
        self.history.with(History::can_redo)
    }

    pub fn undo(&self) {
        self.step(History::can_undo, History::back);
    }

    pub fn redo(&self) {
        self.step(History::can_redo, History::forward);
    }

    /// Undo or redo: `take` gives the scenario to show for the one on screen.
    fn step(
        &self,
        can: fn(&History) -> bool,
        take: fn(&mut History, Scenario) -> Option<Scenario>,
    ) {
        if !self.history.with_untracked(can) {
            return;
        }
        let cur = self.scenario.get_untracked();
        let Some(s) = self.history.try_update(|h| take(h, cur)).flatten() else {
            return;
        };
        self.parse_errors.set(ParseErrors::default());
        self.document.set_scenario(s);
    }
}

/// The shown initiatives' (id, name), in order: a memo that changes only when one is added,
/// removed, moved or renamed (not with every figure).
pub fn initiative_names(state: AppState) -> Memo<Vec<(String, String)>> {
    Memo::new(move |_| {
        state.checked.with(|c| {
            c.shown
                .as_ref()
                .map(|s| {
                    s.evaluation
                        .initiatives
                        .iter()
                        .map(|r| (r.id.clone(), r.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    })
}

/// Asks the persistence worker for the portfolio of each result shown, and keeps its words with
/// the results they are of (and their notes beside the inputs).
fn follow_portfolio(document: Document, portfolio: RwSignal<Option<(Shown, Arc<PortfolioText>)>>) {
    Effect::new(move |_| {
        let Some(shown) = document.checked.with(|c| c.shown.clone()) else {
            return;
        };
        let asked = shown.clone();
        about(
            Which::Persist,
            &shown,
            |rev| Request::Portfolio { rev },
            move |reply| {
                if let Ok(Reply::Portfolio(text)) = reply {
                    // Only while these are still the results on screen.
                    let current = document.checked.with_untracked(|c| c.shown.clone());
                    if current.as_ref() == Some(&asked) {
                        if document.notes.with_untracked(|n| *n != text.notes) {
                            document.notes.set(text.notes.clone());
                        }
                        portfolio.set(Some((asked, Arc::from(text))));
                    }
                }
            },
        );
    });
}

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}

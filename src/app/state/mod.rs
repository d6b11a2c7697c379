//! App state. Data flows one way: the scenario signal → the pure `model::evaluate` (in one memo) →
//! the views. When the scenario is invalid the last valid results *of the same document* stay on
//! screen, marked stale; a document opened with problems (a draft, a link, a file) shows none.

use crate::model::validate::Location;
use crate::model::{figures, Figure, Problem, Scenario};
use leptos::prelude::*;
use std::sync::Arc;

/// Results on screen: the last valid scenario and its evaluation.
pub use crate::model::Shown;

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Checked {
    /// Validation problems of the current scenario.
    pub problems: Vec<Problem>,
    /// The last valid results of this document, if it ever had any.
    pub shown: Option<Shown>,
    /// The document these belong to (see [`AppState::doc`]).
    pub doc: u64,
}

/// Edits within this many milliseconds on the same field are one undo step.
const COALESCE_MS: f64 = 1000.0;
const MAX_UNDO: usize = 200;

#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Scenario>,
    redo: Vec<Scenario>,
    last_key: Option<String>,
    last_at: f64,
}

/// Messages of inputs whose text is not a number, by field key. A short list (the inputs being
/// fixed right now), so a vector rather than a map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParseErrors(Vec<(String, String)>);

impl ParseErrors {
    pub fn get(&self, key: &str) -> Option<&String> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, m)| m)
    }

    /// Sets or (with `None`) clears the message of `key`.
    pub fn set(&mut self, key: String, message: Option<String>) {
        self.0.retain(|(k, _)| *k != key);
        if let Some(m) = message {
            self.0.push((key, m));
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub scenario: RwSignal<Scenario>,
    /// Which document is on screen: goes up by one each time another is opened (a draft, a link,
    /// a file, a new scenario), so that figures never outlive the document they belong to.
    pub doc: RwSignal<u64>,
    /// Inputs whose text is not a number, by field key: the scenario keeps its last value.
    pub parse_errors: RwSignal<ParseErrors>,
    pub checked: Memo<Checked>,
    /// Just the problems: inputs follow this, which changes far less often than the results.
    pub problems: RwSignal<Vec<Problem>>,
    pub history: RwSignal<History>,
    pub rank_by: RwSignal<Figure>,
    /// The simulation of the shown scenario's ranges (`uncertainty`).
    pub sim: RwSignal<crate::app::results::uncertainty::SimView>,
    /// The initiative picked for the tornado chart (`None`: the highest NPV).
    pub tornado_of: RwSignal<Option<usize>>,
}

/// The key of an input, shared by validation problems and unparsable text.
pub fn field_key(at: &Location) -> String {
    let mut k = String::new();
    if let Some(c) = at.criterion {
        k.push_str(&format!("c{c}."));
    }
    if let Some(i) = at.initiative {
        k.push_str(&format!("i{i}."));
    }
    if let Some(b) = at.benefit {
        k.push_str(&format!("b{b}."));
    }
    k.push_str(&at.field);
    k
}

impl AppState {
    pub fn new(initial: Scenario) -> Self {
        let scenario = RwSignal::new(initial);
        let doc = RwSignal::new(0u64);
        let checked = Memo::new(move |prev: Option<&Checked>| {
            let doc = doc.get();
            scenario.with(|s| match figures(s) {
                Ok(e) => Checked {
                    problems: Vec::new(),
                    shown: Some(Shown {
                        scenario: Arc::new(s.clone()),
                        evaluation: Arc::new(e),
                    }),
                    doc,
                },
                Err(problems) => Checked {
                    problems,
                    // The last valid figures only while the same document is on screen.
                    shown: prev.filter(|p| p.doc == doc).and_then(|p| p.shown.clone()),
                    doc,
                },
            })
        });
        // A signal set (by `set_scenario`) only when the list changes, not a memo: hundreds of
        // inputs read it, and a memo would have all of them checked again after every keystroke.
        let problems = RwSignal::new(checked.with_untracked(|c| c.problems.clone()));
        AppState {
            scenario,
            doc,
            parse_errors: RwSignal::new(ParseErrors::default()),
            checked,
            problems,
            history: RwSignal::new(History::default()),
            rank_by: RwSignal::new(Figure::Npv),
            sim: RwSignal::new(Default::default()),
            tornado_of: RwSignal::new(None),
        }
    }

    /// True when some input has a problem (or holds text that is not a number).
    pub fn has_problems(&self) -> bool {
        !self.problems.with(Vec::is_empty) || !self.parse_errors.with(|p| p.is_empty())
    }

    /// True when the figures on screen are this scenario's last valid ones, not its inputs' now.
    pub fn stale(&self) -> bool {
        self.has_problems() && self.checked.with(|c| c.shown.is_some())
    }

    /// True when the scenario has problems and no figures at all (opened that way).
    pub fn blocked(&self) -> bool {
        self.has_problems() && self.checked.with(|c| c.shown.is_none())
    }

    /// The message for an input: its unparsable text first, then its validation problem.
    pub fn message_for(&self, at: &Location) -> Option<String> {
        let key = field_key(at);
        if let Some(m) = self.parse_errors.with(|p| p.get(&key).cloned()) {
            return Some(m);
        }
        self.problems.with(|problems| {
            let mut msgs = problems.iter().filter(|p| {
                p.at == *at
                    || (p.at.initiative == at.initiative
                        && p.at.benefit == at.benefit
                        && p.at.criterion == at.criterion
                        && p.at.field.starts_with(&format!("{}.", at.field)))
            });
            msgs.next().map(|p| p.message.clone())
        })
    }

    pub fn set_parse_error(&self, at: &Location, message: Option<String>) {
        let key = field_key(at);
        let has = self
            .parse_errors
            .with_untracked(|p| p.get(&key) == message.as_ref());
        if !has {
            self.parse_errors.update(|p| p.set(key, message));
        }
    }

    /// Applies an edit. `key` names the input: consecutive edits of one input within a second
    /// make a single undo step; `None` always makes a new one.
    pub fn edit(&self, key: Option<&str>, f: impl FnOnce(&mut Scenario)) {
        if key.is_none() && !self.parse_errors.with_untracked(|p| p.is_empty()) {
            // Structural edits (add, remove, reorder, selects) can move inputs to other positions;
            // unparsable text is keyed by position, so it goes back to the last valid value.
            self.parse_errors.update(|p| p.clear());
        }
        let now = js_sys::Date::now();
        let push = self.history.with_untracked(|h| {
            key.is_none() || h.last_key.as_deref() != key || now - h.last_at > COALESCE_MS
        });
        let before = push.then(|| self.scenario.get_untracked());
        self.history.update(|h| {
            if let Some(b) = before {
                h.undo.push(b);
                if h.undo.len() > MAX_UNDO {
                    h.undo.remove(0);
                }
            }
            h.redo.clear();
            h.last_key = key.map(str::to_string);
            h.last_at = now;
        });
        self.scenario.update(f);
        self.sync_problems();
    }

    /// Sets the scenario (undo, redo) and brings the problems up to date.
    fn set_scenario(&self, s: Scenario) {
        self.scenario.set(s);
        self.sync_problems();
    }

    fn sync_problems(&self) {
        self.checked.with_untracked(|c| {
            if self.problems.with_untracked(|p| *p != c.problems) {
                self.problems.set(c.problems.clone());
            }
        });
    }

    /// Shows another document (a draft, a link): its own scenario, with no undo history.
    pub fn open(&self, s: Scenario) {
        self.parse_errors.set(ParseErrors::default());
        self.history.set(History::default());
        self.doc.update(|d| *d += 1);
        self.set_scenario(s);
    }

    /// Replaces the whole scenario as one undoable step (new blank, load example).
    pub fn replace(&self, s: Scenario) {
        self.parse_errors.set(ParseErrors::default());
        self.edit(None, move |cur| *cur = s);
    }

    pub fn can_undo(&self) -> bool {
        self.history.with(|h| !h.undo.is_empty())
    }

    pub fn can_redo(&self) -> bool {
        self.history.with(|h| !h.redo.is_empty())
    }

    pub fn undo(&self) {
        let Some(prev) = self.history.with_untracked(|h| h.undo.last().cloned()) else {
            return;
        };
        let cur = self.scenario.get_untracked();
        self.history.update(|h| {
            h.undo.pop();
            h.redo.push(cur);
            h.last_key = None;
        });
        self.parse_errors.set(ParseErrors::default());
        self.set_scenario(prev);
    }

    pub fn redo(&self) {
        let Some(next) = self.history.with_untracked(|h| h.redo.last().cloned()) else {
            return;
        };
        let cur = self.scenario.get_untracked();
        self.history.update(|h| {
            h.redo.pop();
            h.undo.push(cur);
            h.last_key = None;
        });
        self.parse_errors.set(ParseErrors::default());
        self.set_scenario(next);
    }

    /// A new initiative id not used in the scenario.
    pub fn fresh_id(&self, stem: &str) -> String {
        self.scenario.with_untracked(|s| {
            (1..)
                .map(|n| format!("{stem}-{n}"))
                .find(|id| !s.initiatives.iter().any(|i| &i.id == id))
                .unwrap_or_default()
        })
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

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}

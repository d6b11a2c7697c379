//! The document on screen: its scenario, which document it is, the inputs whose text is not a
//! number, and the one memo that evaluates it. Data flows one way: the scenario signal → the pure
//! `model::figures` (in the memo; no derivations: the worker builds those when asked) → the views. When the scenario is invalid the last valid
//! results *of the same document* stay on screen, marked stale; a document opened with problems
//! (a draft, a link, a file) shows none.

use crate::model::validate::Location;
use crate::model::{figures, Problem, Scenario, Shown};
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Checked {
    /// Validation problems of the current scenario.
    pub problems: Vec<Problem>,
    /// The last valid results of this document, if it ever had any.
    pub shown: Option<Shown>,
    /// The document these belong to (see [`Document::doc`]).
    pub doc: u64,
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

#[derive(Clone, Copy)]
pub struct Document {
    pub scenario: RwSignal<Scenario>,
    /// Which document is on screen: goes up by one each time another is opened (a draft, a link,
    /// a file, a new scenario), so that figures never outlive the document they belong to.
    pub doc: RwSignal<u64>,
    /// Inputs whose text is not a number, by field key: the scenario keeps its last value.
    pub parse_errors: RwSignal<ParseErrors>,
    pub checked: Memo<Checked>,
    /// Just the problems: inputs follow this, which changes far less often than the results.
    pub problems: RwSignal<Vec<Problem>>,
    /// What the portfolio plan says of inputs that are allowed but cannot work as meant (a
    /// budget below the mandatory initiatives' spend, a milestone before the earliest delivery):
    /// shown beside them without stopping the figures. Set from the worker's words of the plan
    /// (`AppState::portfolio`).
    pub notes: RwSignal<Vec<(Location, String)>>,
}

/// The evaluation memo: the scenario's problems, or its figures.
fn checked(scenario: RwSignal<Scenario>, doc: RwSignal<u64>) -> Memo<Checked> {
    Memo::new(move |prev: Option<&Checked>| {
        let doc = doc.get();
        scenario.with(|s| match figures(s) {
            Ok(e) => Checked {
                problems: Vec::new(),
                shown: Some(Shown::page(s.clone(), e)),
                doc,
            },
            Err(problems) => Checked {
                problems,
                // The last valid figures only while the same document is on screen.
                shown: prev.filter(|p| p.doc == doc).and_then(|p| p.shown.clone()),
                doc,
            },
        })
    })
}

impl Document {
    pub fn new(initial: Scenario) -> Self {
        let scenario = RwSignal::new(initial);
        let doc = RwSignal::new(0u64);
        let checked = checked(scenario, doc);
        // A signal set (by `set_scenario`) only when the list changes, not a memo: hundreds of
        // inputs read it, and a memo would have all of them checked again after every keystroke.
        let problems = RwSignal::new(checked.with_untracked(|c| c.problems.clone()));
        Document {
            notes: RwSignal::new(Vec::new()),
            scenario,
            doc,
            parse_errors: RwSignal::new(ParseErrors::default()),
            checked,
            problems,
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
        self.problems
            .with(|problems| {
                let mut msgs = problems.iter().filter(|p| {
                    p.at == *at
                        || (p.at.initiative == at.initiative
                            && p.at.benefit == at.benefit
                            && p.at.criterion == at.criterion
                            && p.at.field.starts_with(&format!("{}.", at.field)))
                });
                msgs.next().map(|p| p.message.clone())
            })
            .or_else(|| {
                self.notes
                    .with(|n| n.iter().find(|(l, _)| l == at).map(|(_, m)| m.clone()))
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

    /// Forgets unparsable text: the inputs go back to the scenario's values.
    pub fn clear_parse_errors(&self) {
        if !self.parse_errors.with_untracked(|p| p.is_empty()) {
            self.parse_errors.update(|p| p.clear());
        }
    }

    /// Changes the scenario and brings the problems up to date.
    pub fn update(&self, f: impl FnOnce(&mut Scenario)) {
        self.scenario.update(f);
        self.sync_problems();
    }

    /// Sets the scenario and brings the problems up to date.
    pub fn set_scenario(&self, s: Scenario) {
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

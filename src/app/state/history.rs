//! Undo and redo: the scenarios before each edit, and after each undo.

use crate::model::Scenario;

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

impl History {
    /// Whether an edit of input `key` at `now` starts a new undo step (`None`: always): not
    /// when it follows an edit of the same input within a second.
    pub fn starts_step(&self, key: Option<&str>, now: f64) -> bool {
        key.is_none() || self.last_key.as_deref() != key || now - self.last_at > COALESCE_MS
    }

    /// Records an edit of input `key` at `now`; `before` is the scenario before it when the edit
    /// starts a new step.
    pub fn record(&mut self, before: Option<Scenario>, key: Option<&str>, now: f64) {
        if let Some(b) = before {
            self.undo.push(b);
            if self.undo.len() > MAX_UNDO {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.last_key = key.map(str::to_string);
        self.last_at = now;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Steps back from `current`: the scenario to show, if there is an earlier one.
    pub fn back(&mut self, current: Scenario) -> Option<Scenario> {
        let prev = self.undo.pop()?;
        self.redo.push(current);
        self.last_key = None;
        Some(prev)
    }

    /// Steps forward from `current` again: the scenario to show, if an undo can be redone.
    pub fn forward(&mut self, current: Scenario) -> Option<Scenario> {
        let next = self.redo.pop()?;
        self.undo.push(current);
        self.last_key = None;
        Some(next)
    }
}

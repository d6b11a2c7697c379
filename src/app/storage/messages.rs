//! What the storage side says to the user, in one place: storage failures, a damaged index,
//! drafts that cannot be read, conflicts between tabs, and what opening a document found.

use crate::app::storage::index::IndexProblem;
use crate::app::storage::store::StoreError;
use crate::model::Problem;

pub fn store_error(e: &StoreError) -> String {
    match e {
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

pub fn index_problem(p: &IndexProblem) -> String {
    match p {
        IndexProblem::Unreadable(StoreError::Failed(m)) => format!(
            "The list of drafts could not be read from this browser's storage ({m}). Nothing on screen is lost: copy the link or export the file to keep it."
        ),
        IndexProblem::Unreadable(e) => store_error(e),
        IndexProblem::Rebuilt { found, kept_as } => {
            let found = if *found == 1 {
                "1 draft was found".to_string()
            } else {
                format!("{found} drafts were found")
            };
            let old = kept_as.as_ref().map_or(String::new(), |aside| {
                format!(" The damaged list is kept unchanged as “{aside}”.")
            });
            format!(
                "The list of drafts in this browser was damaged, so it was rebuilt from the drafts stored: {found}, named “Recovered draft” until opened.{old}"
            )
        }
    }
}

pub const DRAFT_GONE: &str = "That draft is no longer stored (deleted in another tab?).";
pub const NOT_RENAMED: &str = "That draft could not be read, so it was not renamed.";
pub const CONFLICT: &str = "This draft was changed in another tab since this tab opened it. Which version do you want to keep?";
pub const CHANGED_ELSEWHERE: &str = "This draft was changed in another tab; showing that version.";

pub fn save_failed(why: &str) -> String {
    format!("The draft could not be saved: {why}")
}

pub fn deleted(name: &str) -> String {
    format!("Deleted the draft “{name}”.")
}

/// A draft that cannot be read (`why`): kept under `aside`, or (`None`) left where it was.
pub fn unreadable_draft(name: Option<&str>, why: &str, aside: Option<&str>) -> String {
    let name = name.map_or_else(|| "a draft".into(), |n| format!("“{n}”"));
    match aside {
        Some(aside) => format!("The draft {name} could not be read ({why}). It is kept unchanged in this browser's storage as “{aside}”; Caseboard opened the example instead."),
        None => format!("The draft {name} could not be read ({why}); it was left where it is."),
    }
}

/// Storage was full, and these drafts (opened from links, never changed) made room.
pub fn freed(names: &[String]) -> String {
    format!(
        "The browser's storage for this site was full. To keep your changes, Caseboard removed {} opened from a link and never changed (the link still opens it): “{}”.",
        if names.len() == 1 {
            "a draft".to_string()
        } else {
            format!("{} drafts", names.len())
        },
        names.join("”, “")
    )
}

/// A draft was opened, and reading it changed something (`notes`).
pub fn opened_draft(name: &str, notes: &[String]) -> String {
    format!("Opened the draft “{name}”.{}", changes_note(notes))
}

/// " with 2 problems: …" for a notice about a document just opened (empty when it has none): it
/// has no figures until they are fixed.
pub fn problems_note(problems: &[Problem]) -> String {
    const LISTED: usize = 5;
    if problems.is_empty() {
        return String::new();
    }
    let n = problems.len();
    let mut text = if n == 1 {
        " with 1 problem, so it has no figures until it is fixed: ".to_string()
    } else {
        format!(" with {n} problems, so it has no figures until they are fixed: ")
    };
    let listed: Vec<String> = problems
        .iter()
        .take(LISTED)
        .map(|p| p.to_string())
        .collect();
    text.push_str(&listed.join("; "));
    if n > LISTED {
        text.push_str(&format!("; and {} more, listed at the top", n - LISTED));
    }
    text
}

/// What reading a file, link or draft changed, after its notice; empty when nothing.
pub fn changes_note(notes: &[String]) -> String {
    if notes.is_empty() {
        return String::new();
    }
    format!(" Nothing was lost, but: {}", notes.join(" "))
}

//! The notice at the top of the page: what happened to drafts, links and files, with the
//! buttons that answer it (undo a deletion, choose between two tabs' versions). What a button
//! does is its owner's (`on_action`): the bar only shows them.

use leptos::prelude::*;

/// A button of a notice.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Action {
    UndoDelete,
    /// Two tabs changed one draft: keep this tab's version…
    KeepMine,
    /// …or open the other tab's.
    TakeTheirs,
    /// Storage is full: keep the scenario as a file instead.
    ExportJson,
}

impl Action {
    fn label(self) -> &'static str {
        match self {
            Action::UndoDelete => "Undo",
            Action::KeepMine => "Keep this tab's version",
            Action::TakeTheirs => "Open the other tab's version",
            Action::ExportJson => "Export JSON",
        }
    }
}

/// A message about saving, links or files, shown until dismissed or replaced.
#[derive(Clone, PartialEq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
    /// A link to show for copying by hand (when the clipboard refused).
    pub link: Option<String>,
    pub actions: Vec<Action>,
}

impl Notice {
    pub fn new(text: impl Into<String>, error: bool) -> Self {
        Notice {
            text: text.into(),
            error,
            link: None,
            actions: Vec::new(),
        }
    }
}

pub type Notices = RwSignal<Option<Notice>>;

pub fn say(notices: Notices, text: impl Into<String>, error: bool) {
    notices.set(Some(Notice::new(text, error)));
}

/// The notice, in a live region that is always on the page (so that it is announced).
#[component]
pub fn NoticeBar(
    /// What a button of the notice does.
    on_action: Callback<Action>,
) -> impl IntoView {
    let notices = expect_context::<Notices>();
    view! {
        <div class="notices" role="status" aria-live="polite">
            {move || notices.get().map(|n| view! {
                <div class="notice" class:error=n.error data-testid="notice">
                    <p>{n.text}</p>
                    {n.link.map(|l| view! {
                        <input class="link-text" readonly value=l aria-label="Link to this scenario"/>
                    })}
                    {n.actions
                        .into_iter()
                        .map(|a| view! {
                            <button type="button" on:click=move |_| on_action.run(a)>{a.label()}</button>
                        })
                        .collect_view()}
                    <button type="button" on:click=move |_| notices.set(None)>"Dismiss"</button>
                </div>
            })}
        </div>
    }
}

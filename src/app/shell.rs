//! The page, in the order a board reads a case: toolbar, summary, comparison, charts,
//! uncertainty, yearly cash flows, the assumptions register; then the settings and initiatives.

use crate::app::editors::goals::Goals;
use crate::app::editors::initiatives::Initiatives;
use crate::app::editors::settings::Settings;
use crate::app::results::assumptions::Assumptions;
use crate::app::results::cashflows::CashFlows;
use crate::app::results::charts::{print_when_drawn, Charts};
use crate::app::results::comparison::Comparison;
use crate::app::results::dashboard::Results;
use crate::app::results::distributions::Distributions;
use crate::app::results::goals::Alignment;
use crate::app::results::portfolio::Portfolio;
use crate::app::results::summary::Summary;
use crate::app::results::uncertainty::Uncertainty;
use crate::app::state::{use_state, AppState};
use crate::app::storage::drafts::Drafts;
use crate::app::storage::files::{
    accept_drops, export_csv, export_json, export_workbook, first_file, import,
};
use crate::app::storage::panel::DraftsPanel;
use crate::app::storage::share::{copy_link, follow_address, SECTION_ANCHORS};
use crate::app::storage::{act, start};
use crate::app::widgets::notices::{NoticeBar, Notices};
use crate::formats::flat;
use crate::model::{blank_scenario, EXAMPLE_FLAT_JSON};
use crate::wire::js::flat_from_js;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(example());
    provide_context(state);
    let notices: Notices = RwSignal::new(None);
    provide_context(notices);
    let drafts = start(state, notices);
    provide_context(drafts);
    // Edits a closed page left unsaved go into their draft before any draft or link opens.
    // (Under the app's owner: that may be after a reply from the worker.)
    let owner = Owner::current().unwrap_or_default();
    drafts.recover(move || owner.with(|| follow_address(state, notices, drafts)));
    accept_drops(drafts, notices);
    undo_keys(state);
    // The editors are the heaviest part to build: they follow in a task of their own, after the
    // figures are on screen, so the first paint does not wait for them.
    let editors = RwSignal::new(false);
    set_timeout(move || editors.set(true), std::time::Duration::ZERO);
    // The answer first: the summary and the results, then the inputs.
    view! {
        <div data-testid="app-ready" class="app">
            <a class="skip-link" href="#summary" on:click=jump("summary-h")>"Skip to the results"</a>
            <Toolbar/>
            <Sections/>
            <NoticeBar on_action=Callback::new(move |a| act(drafts, a))/>
            <DraftsPanel/>
            <Status/>
            <Summary/>
            <Comparison/>
            <Portfolio/>
            <Alignment/>
            <Results/>
            <Charts/>
            <Uncertainty/>
            <Distributions/>
            <CashFlows/>
            <Assumptions/>
            <Settings/>
            <Goals/>
            <Show when=move || editors.get() fallback=|| view! { <p class="loading">"Loading the editors…"</p> }>
                <Initiatives/>
            </Show>
        </div>
    }
}

/// Scrolls to the heading `id` and moves the focus to it. Not through the address: its hash
/// holds share links, and a new hash would be read as one.
fn jump(id: &'static str) -> impl Fn(ev::MouseEvent) {
    move |e| {
        e.prevent_default();
        let Some(h) = document().get_element_by_id(id) else {
            return;
        };
        if !h.has_attribute("tabindex") {
            let _ = h.set_attribute("tabindex", "-1");
        }
        h.scroll_into_view();
        if let Ok(h) = h.dyn_into::<web_sys::HtmlElement>() {
            let _ = h.focus();
        }
    }
}

/// The page's sections, results first: label, anchor (one of `SECTION_ANCHORS`, which the
/// share links leave alone), heading.
const SECTIONS: [(&str, &str, &str); 8] = [
    ("Summary", SECTION_ANCHORS[0], "summary-h"),
    ("Compare", SECTION_ANCHORS[1], "cmp-h"),
    ("Portfolio", SECTION_ANCHORS[7], "portfolio-h"),
    ("Charts", SECTION_ANCHORS[3], "charts-h"),
    ("Uncertainty", SECTION_ANCHORS[2], "unc-h"),
    ("Cash flows", SECTION_ANCHORS[4], "cf-h"),
    ("Assumptions", SECTION_ANCHORS[6], "assumptions-h"),
    ("Inputs", SECTION_ANCHORS[5], "settings-h"),
];

#[component]
fn Sections() -> impl IntoView {
    view! {
        <nav class="sections" aria-label="Sections">
            <ul>
                {SECTIONS
                    .into_iter()
                    .map(|(label, anchor, id)| view! {
                        <li><a href=format!("#{anchor}") on:click=jump(id)>{label}</a></li>
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (Cmd on a Mac), everywhere on the page.
fn undo_keys(state: AppState) {
    let keys = window_event_listener(ev::keydown, move |e| {
        if !(e.ctrl_key() || e.meta_key()) || e.alt_key() {
            return;
        }
        match e.key().to_ascii_lowercase().as_str() {
            "z" if e.shift_key() => {
                e.prevent_default();
                state.redo();
            }
            "z" => {
                e.prevent_default();
                state.undo();
            }
            "y" => {
                e.prevent_default();
                state.redo();
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
}

#[component]
fn Toolbar() -> impl IntoView {
    let state = use_state();
    let notices = expect_context::<Notices>();
    let drafts = expect_context::<Drafts>();
    let name = move || state.scenario.with(|s| s.name.clone());
    let making = RwSignal::new(false);
    view! {
        <nav class="toolbar" aria-label="Scenario actions">
            <p class="scenario-name">{name}</p>
            <div class="buttons">
                <button type="button" on:click=move |_| state.undo()
                    disabled=move || !state.can_undo() aria-keyshortcuts="Control+Z">
                    "Undo"
                </button>
                <button type="button" on:click=move |_| state.redo()
                    disabled=move || !state.can_redo() aria-keyshortcuts="Control+Shift+Z">
                    "Redo"
                </button>
                <button type="button" on:click=move |_| drafts.adopt(blank_scenario(), false)>
                    "New blank scenario"
                </button>
                <button type="button" on:click=move |_| drafts.adopt(example(), false)>
                    "Load example"
                </button>
                <button type="button" data-testid="load-year-later"
                    on:click=move |_| drafts.adopt(from_flat_json(crate::model::example::YEAR_LATER_FLAT_JSON), false)>
                    "Example one year later"
                </button>
                <button type="button" data-testid="copy-link" on:click=move |_| copy_link(state, notices, drafts)>
                    "Copy link"
                </button>
                <button type="button" on:click=move |_| export_json(state, notices)>"Export JSON"</button>
                <label class="button">
                    "Import JSON…"
                    <input type="file" class="visually-hidden" accept=".json,application/json"
                        on:change=move |ev| {
                            let input: web_sys::HtmlInputElement = event_target(&ev);
                            if let Some(f) = first_file(input.files()) {
                                import(f, drafts, notices);
                            }
                            input.set_value("");
                        }/>
                </label>
                <button type="button" on:click=move |_| export_csv(state, notices)>"Export CSV"</button>
                <button type="button" data-testid="export-xlsx" aria-busy=move || making.get().to_string()
                    on:click=move |_| export_workbook(state, notices, making)>
                    {move || if making.get() { "Making the workbook…" } else { "Excel workbook" }}
                </button>
                <button type="button" class="print" on:click=move |_| print_when_drawn()>"Print"</button>
            </div>
        </nav>
    }
}

/// Says when the results on screen are out of date (or, for a document that has never been valid,
/// that there are none yet), and lists every problem.
#[component]
fn Status() -> impl IntoView {
    let state = use_state();
    let problems = move || state.checked.with(|c| c.problems.clone());
    let unparsed = move || state.parse_errors.with(|p| p.len());
    let none_yet = move || state.checked.with(|c| c.shown.is_none());
    let inputs = move || {
        let n = problems().len() + unparsed();
        if n == 1 {
            "this input is".to_string()
        } else {
            format!("these {n} inputs are")
        }
    };
    view! {
        <Show when=move || state.has_problems()>
            <section class="stale-banner" role="status" data-testid="stale-banner">
                <p>
                    {move || if none_yet() {
                        view! {
                            <strong>"No figures yet."</strong>
                            " This scenario has no figures until " {inputs} " fixed:"
                        }.into_any()
                    } else {
                        view! {
                            <strong>"Results are out of date."</strong>
                            " The figures below are this scenario's last valid ones, until " {inputs} " fixed:"
                        }.into_any()
                    }}
                </p>
                <ul>
                    {move || {
                        problems()
                            .into_iter()
                            .map(|p| view! { <li>{p.to_string()}</li> })
                            .collect_view()
                    }}
                    {move || {
                        (unparsed() > 0)
                            .then(|| view! { <li>"An input holds text that is not a number (marked beside it)."</li> })
                    }}
                </ul>
            </section>
        </Show>
    }
}

/// The built-in example, read from its flat form (`model::EXAMPLE_FLAT_JSON`) by the browser's
/// JSON parser: less to download than the code that builds it.
fn example() -> crate::model::Scenario {
    from_flat_json(EXAMPLE_FLAT_JSON)
}

/// A scenario from its flat form in JSON (a blank one if it cannot be read).
fn from_flat_json(json: &str) -> crate::model::Scenario {
    js_sys::JSON::parse(json)
        .ok()
        .and_then(|v| flat_from_js(&v))
        .and_then(|t| flat::read(&t))
        .unwrap_or_else(blank_scenario)
}

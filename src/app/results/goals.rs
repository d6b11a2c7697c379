//! The alignment of initiatives with the business goals: a table of goals by initiatives with the
//! KPI change each expects, and what no funded initiative serves (`explain::goals`).

use crate::app::state::use_state;
use crate::app::widgets::data_table::text_table;
use crate::explain::goals::alignment;
use crate::wire::intl::fmt;
use leptos::prelude::*;

#[component]
pub fn Alignment() -> impl IntoView {
    let state = use_state();
    let words = Memo::new(move |_| {
        state.checked.with(|c| {
            let shown = c.shown.as_ref()?;
            // Funded as the portfolio on screen says; all of them without one.
            let funded = state
                .portfolio_text()
                .filter(|t| t.active)
                .map(|t| t.funded.clone())
                .unwrap_or_default();
            let f = fmt(&shown.scenario.currency);
            alignment(&shown.scenario, &shown.evaluation, &funded, &*f)
        })
    });
    let said = move |list: fn(&crate::explain::goals::Alignment) -> &Vec<String>,
                     lead: &'static str| {
        move || {
            words.with(|w| {
                w.as_ref()
                    .map(list)
                    .filter(|l| !l.is_empty())
                    .map(|l| format!("{lead}{}.", crate::explain::summary::join(l)))
            })
        }
    };
    view! {
        <section class="panel alignment" id="alignment" aria-labelledby="alignment-h"
            hidden=move || words.with(Option::is_none)>
            <h2 id="alignment-h">"Goals and initiatives"</h2>
            <ul class="alignment-notes" data-testid="alignment-notes">
                {move || said(|a| &a.unserved, "No funded initiative serves: ")().map(|t| view! { <li>{t}</li> })}
                {move || said(|a| &a.serving_none, "Serving no goal: ")().map(|t| view! { <li>{t}</li> })}
            </ul>
            {move || words.with(|w| w.as_ref().map(|a| view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label="Goals and the initiatives that serve them"
                    data-testid="alignment">{text_table(&a.table)}</div>
            }))}
        </section>
    }
}

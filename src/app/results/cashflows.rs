//! TEI-style yearly cash-flow tables, one per initiative: Initial, Year 1 … Year n, Total,
//! Present value.

use crate::app::state::{initiative_names, use_state};
use crate::app::widgets::data_table::text_table;
use crate::app::widgets::fields::details_open;
use crate::app::widgets::print::use_printing;
use crate::explain::format::NumberFormat;
use crate::model::InitiativeResult;
use crate::wire::intl::fmt;
use crate::wire::TableText;
use leptos::prelude::*;

#[component]
pub fn CashFlows() -> impl IntoView {
    let state = use_state();
    // Every table is built for the printed page.
    let printing = use_printing();
    // Open tables, by initiative id, kept across re-renders; closed ones are not built.
    let open = RwSignal::new(Vec::<String>::new());
    // The list follows the initiatives (ids and names), not every edit; an open table follows
    // the figures.
    let items = initiative_names(state);
    let tables = move || {
        items
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, (id, name))| {
                let is_open = RwSignal::new(open.with_untracked(|o| o.contains(&id)));
                view! {
                    <details class="tei" data-testid="tei" prop:open=is_open.get_untracked()
                        on:toggle=move |ev| {
                            let now = details_open(&ev);
                            is_open.set(now);
                            open.update(|o| {
                                o.retain(|x| x != &id);
                                if now { o.push(id.clone()); }
                            });
                        }>
                        <summary>{name}</summary>
                        {move || (is_open.get() || printing.get()).then(|| {
                            state.checked.with(|c| {
                                c.shown.as_ref().and_then(|s| {
                                    s.evaluation.initiatives.get(i).map(|r| {
                                        tei_table(r, s.evaluation.horizon_years, &s.scenario.currency)
                                    })
                                })
                            })
                        })}
                    </details>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel cashflows" class:stale=move || state.stale() class:blocked=move || state.blocked() aria-labelledby="cf-h">
            <h2 id="cf-h">"Yearly cash flows"</h2>
            <p class="hint">
                "Benefits are risk-adjusted by each initiative's confidence; costs are shown as positive amounts."
            </p>
            {tables}
        </section>
    }
}

/// The table of one initiative, drawn by the same table view as the charts' data tables.
fn tei_table(r: &InitiativeResult, years: u32, currency: &str) -> AnyView {
    let f = fmt(currency);
    let mut heads = vec!["Cash flow".to_string(), "Initial".into()];
    heads.extend((1..=years).map(|y| format!("Year {y}")));
    heads.extend(["Total".into(), "Present value".into()]);
    let rows = r
        .tei
        .iter()
        .map(|row| {
            std::iter::once(row.label.clone())
                .chain(
                    std::iter::once(row.initial)
                        .chain(row.years.iter().copied())
                        .chain([row.total, row.present_value])
                        .map(|v| f.money(v)),
                )
                .collect()
        })
        .collect();
    view! {
        <div class="table-scroll">
            {text_table(&TableText { caption: String::new(), heads, rows })}
        </div>
    }
    .into_any()
}

//! TEI-style yearly cash-flow tables, one per initiative: Initial, Year 1 … Year n, Total,
//! Present value.

use crate::app::state::use_state;
use crate::app::widgets::data_table::text_table;
use crate::app::widgets::per_initiative::per_initiative;
use crate::explain::format::NumberFormat;
use crate::model::InitiativeResult;
use crate::wire::intl::fmt;
use crate::wire::TableText;
use leptos::prelude::*;

#[component]
pub fn CashFlows() -> impl IntoView {
    let state = use_state();
    let tables = per_initiative("tei", "tei", move |i| {
        state.checked.with(|c| {
            c.shown.as_ref().and_then(|s| {
                s.evaluation
                    .initiatives
                    .get(i)
                    .map(|r| tei_table(r, s.evaluation.horizon_years, &s.scenario.currency))
            })
        })
    });
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

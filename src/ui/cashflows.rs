//! TEI-style yearly cash-flow tables, one per initiative: Initial, Year 1 … Year n, Total,
//! Present value.

use super::format::fmt;
use super::state::use_state;
use leptos::prelude::*;

#[component]
pub fn CashFlows() -> impl IntoView {
    let state = use_state();
    let tables = move || {
        state.checked.with(|c| {
            c.shown.as_ref().map(|shown| {
                let f = fmt(&shown.scenario.currency);
                let years = shown.evaluation.horizon_years;
                shown
                    .evaluation
                    .initiatives
                    .iter()
                    .map(|r| {
                        let head = (1..=years)
                            .map(|y| view! { <th scope="col">{format!("Year {y}")}</th> })
                            .collect_view();
                        let rows = r
                            .tei
                            .iter()
                            .map(|row| {
                                let total_row =
                                    row.label.starts_with("Total") || row.label == "Net cash flow";
                                let cells = std::iter::once(row.initial)
                                    .chain(row.years.iter().copied())
                                    .chain([row.total, row.present_value])
                                    .map(|v| view! { <td class="num">{f.money(v)}</td> })
                                    .collect_view();
                                view! {
                                    <tr class:total=total_row>
                                        <th scope="row">{row.label.clone()}</th>
                                        {cells}
                                    </tr>
                                }
                            })
                            .collect_view();
                        view! {
                            <details class="tei" data-testid="tei">
                                <summary>{r.name.clone()}</summary>
                                <div class="table-scroll">
                                    <table>
                                        <caption class="visually-hidden">
                                            {format!("Yearly cash flows of {}", r.name)}
                                        </caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">"Cash flow"</th>
                                                <th scope="col">"Initial"</th>
                                                {head}
                                                <th scope="col">"Total"</th>
                                                <th scope="col">"Present value"</th>
                                            </tr>
                                        </thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                </div>
                            </details>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <section class="panel cashflows" class:stale=move || state.stale() aria-labelledby="cf-h">
            <h2 id="cf-h">"Yearly cash flows"</h2>
            <p class="hint">
                "Benefits are risk-adjusted by each initiative's confidence; costs are shown as positive amounts."
            </p>
            {tables}
        </section>
    }
}

//! The app shell: evaluates the built-in example and lists each initiative's headline figures.

use crate::model::{evaluate, example_scenario, PlainFormat, Quantity, QuantityFormat, Unit};
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let scenario = example_scenario();
    let fmt = PlainFormat {
        currency: &scenario.currency,
    };
    let show = |v: Option<f64>, unit: Unit| {
        v.map_or("—".to_string(), |v| fmt.format(Quantity::new(v, unit)))
    };
    let rows = match evaluate(&scenario) {
        Ok(e) => e
            .initiatives
            .iter()
            .map(|r| {
                view! {
                    <tr>
                        <th scope="row">{r.name.clone()}</th>
                        <td class="num">{show(r.npv.value, Unit::Money)}</td>
                        <td class="num">{show(r.roi.value, Unit::Percent)}</td>
                        <td class="num">{show(r.payback_months.value, Unit::Months)}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any(),
        Err(problems) => view! {
            <tr><td colspan="4">{format!("{} problems in the example", problems.len())}</td></tr>
        }
        .into_any(),
    };
    view! {
        <section data-testid="app-ready">
            <h2>{scenario.name.clone()}</h2>
            <table data-testid="summary">
                <caption class="visually-hidden">"Headline figures per initiative"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Initiative"</th>
                        <th scope="col">"NPV"</th>
                        <th scope="col">"ROI"</th>
                        <th scope="col">"Payback"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

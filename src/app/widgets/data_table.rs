//! A table of words sent by a worker or built by a view (a chart's data, the value of
//! information, a yearly cash-flow table): the first head names the rows, each row's first cell
//! its name, every cell shown as text.

use crate::wire::TableText;
use leptos::prelude::*;

/// The table: one row per item (a `<th>` with its name), then its cells.
fn data_table(first: &str, heads: Vec<String>, rows: Vec<(String, Vec<String>)>) -> AnyView {
    let first = first.to_string();
    view! {
        <table>
            <thead>
                <tr>
                    <th scope="col">{first}</th>
                    {heads.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(name, cells)| {
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                {cells.into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// `t` as a table, after its caption if it has one.
pub fn text_table(t: &TableText) -> AnyView {
    let heads = t.heads.get(1..).unwrap_or_default().to_vec();
    let rows = t
        .rows
        .iter()
        .map(|r| {
            (
                r.first().cloned().unwrap_or_default(),
                r.get(1..).unwrap_or_default().to_vec(),
            )
        })
        .collect();
    let table = data_table(t.heads.first().map_or("", |h| h.as_str()), heads, rows);
    match t.caption.is_empty() {
        true => table,
        false => view! { <p class="table-caption">{t.caption.clone()}</p>{table} }.into_any(),
    }
}

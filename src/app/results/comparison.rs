//! The comparison table: figures as rows, initiatives as columns, the best in each row marked, and
//! every figure able to show how it was computed.

use crate::app::client::{ask, scenario_field};
use crate::app::state::{use_state, Shown};
use crate::app::widgets::fields::details_open;
use crate::explain::figures::figure_key;
use crate::explain::format::{fmt, ordinal};
use crate::explain::sim_report::{Report, RowText};
use crate::model::evaluate::Headline;
use crate::model::finance::Irr;
use crate::model::{ranks, Driver, Figure, InitiativeResult, Quantity, QuantityFormat, Unit};
use crate::wire::js::{field, texts};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Which value in a row is best.
#[derive(Clone, Copy, PartialEq)]
enum Best {
    Highest,
    Lowest,
    Unmarked,
}

struct Cell {
    value: Option<f64>,
    text: String,
}

struct Row {
    key: String,
    label: String,
    best: Best,
    cells: Vec<Cell>,
}

/// What a row shows, as plain data: the table's text nodes follow it without being rebuilt.
#[derive(Clone, PartialEq)]
struct RowData {
    key: String,
    label: String,
    texts: Vec<String>,
    best: Vec<bool>,
}

fn headline(h: &Headline, show: impl Fn(f64) -> String, missing: &str) -> Cell {
    Cell {
        value: h.value,
        text: h.value.map(show).unwrap_or_else(|| missing.to_string()),
    }
}

/// The table's rows. How each figure was found is built by the worker when a cell is opened
/// (`explain`), under the same keys.
fn rows(shown: &Shown, rank_by: Figure) -> Vec<Row> {
    let e = &shown.evaluation;
    let f = fmt(&shown.scenario.currency);
    let f = &*f;
    let rs: &[InitiativeResult] = &e.initiatives;
    let mut out = Vec::new();
    let mut row =
        |key: &str, label: String, best: Best, cell: &dyn Fn(&InitiativeResult) -> Cell| {
            out.push(Row {
                key: key.to_string(),
                label,
                best,
                cells: rs.iter().map(cell).collect(),
            })
        };
    let money = |v: f64| f.money(v);
    let per_year = |v: f64| Cell {
        value: Some(v),
        text: format!("{}/yr", f.money(v)),
    };
    for d in Driver::ALL {
        if rs.iter().any(|r| r.benefits.iter().any(|b| b.driver == d)) {
            row(
                &format!("driver-{}", d.index()),
                format!("Annual value: {}", d.label().to_ascii_lowercase()),
                Best::Highest,
                &|r| per_year(r.annual_by_driver[d.index()]),
            );
        }
    }
    row(
        "annual",
        "Total annual value at full adoption".into(),
        Best::Highest,
        &|r| per_year(r.annual_value),
    );
    let plain = |v: f64| Cell {
        value: Some(v),
        text: f.money(v),
    };
    row(
        "pv_benefits",
        "PV of benefits".into(),
        Best::Highest,
        &|r| plain(r.pv_benefits),
    );
    row("pv_costs", "PV of costs".into(), Best::Lowest, &|r| {
        plain(r.pv_costs)
    });
    row("npv", "NPV".into(), Best::Highest, &|r| {
        headline(&r.npv, money, "—")
    });
    row("roi", "ROI".into(), Best::Highest, &|r| {
        headline(&r.roi, |v| f.percent(v), "not defined")
    });
    row("irr", "IRR".into(), Best::Highest, &|r| {
        let missing = match r.irr_detail {
            // A rate without a value is one whose yearly rate is not a number (evaluate).
            Irr::OutOfRange { above: true, .. } | Irr::Rate { .. } => "above 10^307%",
            Irr::OutOfRange { changes: 1, .. } => "about −100%",
            Irr::OutOfRange { .. } => "none found",
            Irr::None => "no IRR",
        };
        // Its ★ goes by the IRR's order, in which one above 10^307% a year is the highest.
        Cell {
            value: Figure::Irr.rank_value(r),
            ..headline(&r.irr, |v| f.percent(v), missing)
        }
    });
    row("payback", "Payback".into(), Best::Lowest, &|r| {
        headline(&r.payback_months, |v| f.months(v), "not within horizon")
    });
    row("bcr", "Benefit/cost ratio".into(), Best::Highest, &|r| {
        headline(
            &r.benefit_cost_ratio,
            |v| f.format(Quantity::new(v, Unit::Ratio)),
            "not defined",
        )
    });
    row(
        "cost_of_delay",
        "Cost of delay per month".into(),
        Best::Highest,
        &|r| headline(&r.cost_of_delay, money, "—"),
    );
    row(
        "score",
        "Weighted score (0–100)".into(),
        Best::Highest,
        &|r| {
            headline(
                &r.score,
                |v| f.format(Quantity::new(v, Unit::Score)),
                "not defined",
            )
        },
    );
    out.push(Row {
        key: "rank".into(),
        label: format!("Rank by {}", rank_by.label()),
        best: Best::Unmarked,
        cells: ranks(rs, rank_by)
            .iter()
            .map(|n| Cell {
                value: Some(*n as f64),
                text: ordinal(*n),
            })
            .collect(),
    });
    out
}

/// The simulation's rows that go in the table: all but the chances of ranking first by a figure
/// other than NPV and the one ranked by; none if the run was of another set of initiatives.
fn sim_rows(sim: &Report, rank_by: Figure, columns: usize) -> impl Iterator<Item = &RowText> {
    let by = format!("sim_first_{}", figure_key(rank_by));
    sim.rows.iter().filter(move |r| {
        r.texts.len() == columns
            && (!r.key.starts_with("sim_first_") || r.key == "sim_first_npv" || r.key == by)
    })
}

fn best_index(row: &Row) -> Vec<bool> {
    let vals: Vec<Option<f64>> = row.cells.iter().map(|c| c.value).collect();
    let pick = match row.best {
        Best::Highest => vals
            .iter()
            .flatten()
            .copied()
            .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v)))),
        Best::Lowest => vals
            .iter()
            .flatten()
            .copied()
            .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.min(v)))),
        Best::Unmarked => None,
    };
    let several = vals.iter().flatten().count() > 1;
    vals.iter()
        .map(|v| several && pick.is_some() && *v == pick)
        .collect()
}

#[component]
pub fn Comparison() -> impl IntoView {
    let state = use_state();
    // Which derivations are open, kept across re-renders.
    let open = RwSignal::new(Vec::<String>::new());
    // Every figure as text, recomputed per edit; the DOM below only swaps changed texts.
    let data = Memo::new(move |_| {
        let rank_by = state.rank_by.get();
        let sim = state.sim.with(|v| v.result.clone());
        state.checked.with(|c| {
            c.shown.as_ref().map(|shown| {
                let columns = shown.evaluation.initiatives.len();
                let simulated = sim
                    .iter()
                    .flat_map(|s| sim_rows(s, rank_by, columns))
                    .map(|r| RowData {
                        key: r.key.clone(),
                        label: r.label.clone(),
                        texts: r.texts.clone(),
                        best: r.best.clone(),
                    })
                    .collect::<Vec<_>>();
                rows(shown, rank_by)
                    .into_iter()
                    .map(|row| {
                        let best = best_index(&row);
                        RowData {
                            key: row.key,
                            label: row.label,
                            texts: row.cells.into_iter().map(|c| c.text).collect(),
                            best,
                        }
                    })
                    .chain(simulated)
                    .collect::<Vec<_>>()
            })
        })
    });
    // The table's shape: rows, columns, caption. The DOM is rebuilt only when this changes.
    let shape = Memo::new(move |_| {
        let rows = data.with(|d| {
            d.as_ref().map(|rows| {
                rows.iter()
                    .map(|r| (r.key.clone(), r.label.clone()))
                    .collect::<Vec<_>>()
            })
        })?;
        state.checked.with(|c| {
            c.shown.as_ref().map(|shown| {
                let cols: Vec<(String, &'static str)> = shown
                    .evaluation
                    .initiatives
                    .iter()
                    .map(|r| (r.name.clone(), r.category.label()))
                    .collect();
                let caption = format!(
                    "Figures per initiative over {} years at a {} discount rate. Select a figure to see how it was computed; ★ marks the best in each row.",
                    shown.evaluation.horizon_years,
                    fmt(&shown.scenario.currency).percent(shown.evaluation.annual_rate * 100.0)
                );
                (rows, cols, caption)
            })
        })
    });
    let table = move || {
        let Some((rows, cols, caption)) = shape.get().filter(|(_, cols, _)| !cols.is_empty())
        else {
            return view! {
                <p class="empty" data-testid="comparison-empty">
                    "Nothing to compare yet: add an initiative (above) and its figures appear here."
                </p>
            }
            .into_any();
        };
        let heads = cols
            .into_iter()
            .map(|(name, category)| {
                view! {
                    <th scope="col">
                        <span class="col-name">{name}</span>
                        <span class="badge">{category}</span>
                    </th>
                }
            })
            .collect_view();
        let ncols = shape.with_untracked(|s| s.as_ref().map_or(0, |s| s.1.len()));
        // One memo per column (its texts and best marks): an edit of one initiative wakes the
        // cells of its column, not all of them. (Cells reading `data` directly made every one of
        // hundreds of subscribers re-run and re-subscribe on each keystroke.)
        let columns: Vec<Memo<Vec<(String, bool)>>> = (0..ncols)
            .map(|c| {
                Memo::new(move |_| {
                    data.with(|d| {
                        d.iter()
                            .flatten()
                            .map(|r| {
                                (
                                    r.texts.get(c).cloned().unwrap_or_default(),
                                    r.best.get(c).copied().unwrap_or(false),
                                )
                            })
                            .collect()
                    })
                })
            })
            .collect();
        let body = rows
            .into_iter()
            .enumerate()
            .map(|(ri, (key, label))| {
                let cells = (0..ncols)
                    .map(|c| {
                        let k = format!("{key}/{c}");
                        let is_open = RwSignal::new(open.with_untracked(|o| o.contains(&k)));
                        let col = columns[c];
                        let text = move || col.with(|v| v.get(ri).map(|x| x.0.clone()).unwrap_or_default());
                        let best = Memo::new(move |_| col.with(|v| v.get(ri).is_some_and(|x| x.1)));
                        let row_key = key.clone();
                        view! {
                            <td class="num" class:best=move || best.get()>
                                <details class="why" prop:open=is_open.get_untracked() on:toggle=move |ev| {
                                    let now = details_open(&ev);
                                    is_open.set(now);
                                    open.update(|o| {
                                        o.retain(|x| x != &k);
                                        if now { o.push(k.clone()); }
                                    });
                                }>
                                    <summary>
                                        <span class="value">{text}</span>
                                        {move || best.get().then(|| view! {
                                            <span class="best-mark" title="Best in this row">
                                                <span aria-hidden="true">" ★"</span>
                                                <span class="visually-hidden">" (best)"</span>
                                            </span>
                                        })}
                                    </summary>
                                    {move || is_open.get().then(|| view! { <Explain key=row_key.clone() col=c/> })}
                                </details>
                            </td>
                        }
                    })
                    .collect_view();
                view! {
                    <tr data-row=key.clone()>
                        <th scope="row">{label}</th>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table class="comparison-table" data-testid="comparison">
                    <caption>{caption}</caption>
                    <thead>
                        <tr><th scope="col">"Figure"</th>{heads}</tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let options = Figure::ALL
        .iter()
        .map(|f| view! { <option value=figure_key(*f)>{f.label()}</option> })
        .collect_view();
    view! {
        <section class="panel comparison" class:stale=move || state.stale() class:blocked=move || state.blocked() aria-labelledby="cmp-h">
            <div class="panel-head">
                <h2 id="cmp-h">"Comparison"</h2>
                <div class="field inline">
                    <label for="rank-by">"Rank by"</label>
                    <select id="rank-by" prop:value=move || figure_key(state.rank_by.get())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(f) = Figure::ALL.into_iter().find(|f| figure_key(*f) == v) {
                                state.rank_by.set(f);
                            }
                        }>
                        {options}
                    </select>
                </div>
            </div>
            <Ranking/>
            {table}
        </section>
    }
}

/// The initiatives in rank order, as a sentence-like list.
#[component]
fn Ranking() -> impl IntoView {
    let state = use_state();
    move || {
        let by = state.rank_by.get();
        state.checked.with(|c| {
            c.shown.as_ref().map(|shown| {
                let rs = &shown.evaluation.initiatives;
                let r = ranks(rs, by);
                let mut order: Vec<usize> = (0..rs.len()).collect();
                order.sort_by_key(|&i| (r[i], i));
                view! {
                    <ol class="ranking" aria-label=format!("Initiatives ranked by {}", by.label())
                        data-testid="ranking">
                        {order.into_iter().map(|i| view! { <li>{rs[i].name.clone()}</li> }).collect_view()}
                    </ol>
                }
            })
        })
    }
}

/// How one figure was found: asked of the worker (`explain::explain`) while the cell is open,
/// and again when the results or the ranking change. The simulated rows carry their own lines.
#[component]
fn Explain(key: String, col: usize) -> impl IntoView {
    let state = use_state();
    // Empty until the worker answers (the same signal type as the open cells' list).
    let lines = RwSignal::new(Vec::<String>::new());
    Effect::new(move |_| {
        let rank_by = state.rank_by.get();
        let key = key.clone();
        if key.starts_with("sim_") {
            let found = state.sim.with(|v| {
                v.result.as_ref().and_then(|s| {
                    s.rows
                        .iter()
                        .find(|r| r.key == key)?
                        .lines
                        .get(col)
                        .cloned()
                })
            });
            lines.set(found.unwrap_or_default());
            return;
        }
        let Some(shown) = state.checked.with(|c| c.shown.clone()) else {
            return;
        };
        let fields = [
            scenario_field(&shown.scenario),
            ("rank_by", JsValue::from_str(figure_key(rank_by))),
            ("key", JsValue::from_str(&key)),
            ("col", JsValue::from_f64(col as f64)),
        ];
        ask("explain", &fields, move |reply| {
            lines.set(reply.map_or_else(|e| vec![e], |r| texts(&field(&r, "lines"))));
        });
    });
    view! {
        <ol class="derivation" aria-busy=move || lines.with(Vec::is_empty).to_string()>
            {move || lines.get().into_iter().map(|l| view! { <li>{l}</li> }).collect_view().into_any()}
        </ol>
    }
}

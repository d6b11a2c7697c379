//! The comparison table: figures as rows, initiatives as columns, the best in each row marked, and
//! every figure able to show how it was computed.

use super::fields::details_open;
use super::format::{fmt, Fmt};
use super::state::{use_state, Shown};
use crate::model::evaluate::Headline;
use crate::model::{ranks, Driver, Figure, InitiativeResult, Quantity, QuantityFormat, Unit};
use leptos::prelude::*;
use std::sync::Arc;

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

/// How a row's figure was computed, in lines: built only when a reader opens a cell.
type Lines = Arc<dyn Fn(&InitiativeResult, &Fmt) -> Vec<String> + Send + Sync>;

struct Row {
    key: String,
    label: String,
    best: Best,
    cells: Vec<Cell>,
    lines: Lines,
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

fn derivation_of(pick: fn(&InitiativeResult) -> &Headline) -> Lines {
    Arc::new(move |r, f| pick(r).derivation.lines(f))
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

pub fn figure_key(f: Figure) -> &'static str {
    match f {
        Figure::Npv => "npv",
        Figure::Roi => "roi",
        Figure::Irr => "irr",
        Figure::Payback => "payback",
        Figure::BenefitCostRatio => "bcr",
        Figure::CostOfDelay => "cost_of_delay",
        Figure::Score => "score",
        Figure::AnnualValue => "annual_value",
        Figure::PvBenefits => "pv_benefits",
    }
}

fn rows(shown: &Shown, rank_by: Figure) -> Vec<Row> {
    let e = &shown.evaluation;
    let f = fmt(&shown.scenario.currency);
    let f = &*f;
    let rs: &[InitiativeResult] = &e.initiatives;
    let mut out = Vec::new();
    let mut row = |key: &str,
                   label: String,
                   best: Best,
                   cell: &dyn Fn(&InitiativeResult) -> Cell,
                   lines: Lines| {
        out.push(Row {
            key: key.to_string(),
            label,
            best,
            cells: rs.iter().map(cell).collect(),
            lines,
        })
    };
    let ratio = |v: f64| f.format(Quantity::new(v, Unit::Ratio));
    for d in Driver::ALL {
        if rs.iter().any(|r| r.benefits.iter().any(|b| b.driver == d)) {
            row(
                &format!("driver-{}", d.index()),
                format!("Annual value: {}", d.label().to_ascii_lowercase()),
                Best::Highest,
                &|r| Cell {
                    value: Some(r.annual_by_driver[d.index()]),
                    text: format!("{}/yr", f.money(r.annual_by_driver[d.index()])),
                },
                Arc::new(move |r, f| {
                    r.benefits
                        .iter()
                        .filter(|b| b.driver == d)
                        .flat_map(|b| {
                            b.derivation
                                .lines(f)
                                .into_iter()
                                .map(|l| format!("{} — {l}", b.label))
                                .collect::<Vec<_>>()
                        })
                        .collect()
                }),
            );
        }
    }
    row(
        "annual",
        "Total annual value at full adoption".into(),
        Best::Highest,
        &|r| Cell {
            value: Some(r.annual_value),
            text: format!("{}/yr", f.money(r.annual_value)),
        },
        Arc::new(|r, f| {
            let mut l: Vec<String> = r
                .benefits
                .iter()
                .map(|b| format!("{}: {}/yr", b.label, f.money(b.annual_value)))
                .collect();
            l.push(format!(
                "Total {}/yr, counted at {} confidence in the cash flows",
                f.money(r.annual_value),
                f.percent(r.confidence * 100.0)
            ));
            l
        }),
    );
    row(
        "pv_benefits",
        "PV of benefits".into(),
        Best::Highest,
        &|r| Cell {
            value: Some(r.pv_benefits),
            text: f.money(r.pv_benefits),
        },
        Arc::new(|r, f| r.npv.derivation.lines(f).into_iter().take(2).collect()),
    );
    row(
        "pv_costs",
        "PV of costs".into(),
        Best::Lowest,
        &|r| Cell {
            value: Some(r.pv_costs),
            text: f.money(r.pv_costs),
        },
        Arc::new(|r, f| {
            r.npv
                .derivation
                .lines(f)
                .into_iter()
                .skip(2)
                .take(1)
                .collect()
        }),
    );
    row(
        "npv",
        "NPV".into(),
        Best::Highest,
        &|r| headline(&r.npv, |v| f.money(v), "—"),
        derivation_of(|r| &r.npv),
    );
    row(
        "roi",
        "ROI".into(),
        Best::Highest,
        &|r| headline(&r.roi, |v| f.percent(v), "not defined"),
        derivation_of(|r| &r.roi),
    );
    row(
        "irr",
        "IRR".into(),
        Best::Highest,
        &|r| headline(&r.irr, |v| f.percent(v), "no IRR"),
        derivation_of(|r| &r.irr),
    );
    row(
        "payback",
        "Payback".into(),
        Best::Lowest,
        &|r| headline(&r.payback_months, |v| f.months(v), "not within horizon"),
        derivation_of(|r| &r.payback_months),
    );
    row(
        "bcr",
        "Benefit/cost ratio".into(),
        Best::Highest,
        &|r| headline(&r.benefit_cost_ratio, ratio, "not defined"),
        derivation_of(|r| &r.benefit_cost_ratio),
    );
    row(
        "cost_of_delay",
        "Cost of delay per month".into(),
        Best::Highest,
        &|r| headline(&r.cost_of_delay, |v| f.money(v), "—"),
        derivation_of(|r| &r.cost_of_delay),
    );
    row(
        "score",
        "Weighted score (0–100)".into(),
        Best::Highest,
        &|r| {
            headline(
                &r.score,
                |v| f.format(Quantity::new(v, Unit::Score)),
                "no criteria",
            )
        },
        derivation_of(|r| &r.score),
    );
    let rank = ranks(rs, rank_by);
    let count = rs.len();
    let rank_of: Vec<(String, usize)> = rs
        .iter()
        .map(|r| r.id.clone())
        .zip(rank.iter().copied())
        .collect();
    out.push(Row {
        key: "rank".into(),
        label: format!("Rank by {}", rank_by.label()),
        best: Best::Unmarked,
        cells: rank
            .iter()
            .map(|n| Cell {
                value: Some(*n as f64),
                text: ordinal(*n),
            })
            .collect(),
        lines: Arc::new(move |r, _| {
            let n = rank_of
                .iter()
                .find(|(id, _)| *id == r.id)
                .map_or(0, |(_, n)| *n);
            vec![match rank_by.value(r) {
                Some(_) => format!(
                    "{} of {count} by {} ({})",
                    ordinal(n),
                    rank_by.label(),
                    if rank_by.higher_is_better() {
                        "highest first"
                    } else {
                        "shortest first"
                    }
                ),
                None => format!("no {}: ranked after those that have one", rank_by.label()),
            }]
        }),
    });
    out
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

/// The lines of the derivation behind row `key` for initiative `col`, built on demand.
fn lines_for(shown: &Shown, rank_by: Figure, key: &str, col: usize) -> Vec<String> {
    let Some(r) = shown.evaluation.initiatives.get(col) else {
        return Vec::new();
    };
    let f = fmt(&shown.scenario.currency);
    rows(shown, rank_by)
        .into_iter()
        .find(|row| row.key == key)
        .map(|row| (row.lines)(r, &f))
        .unwrap_or_default()
}

#[component]
pub fn Comparison() -> impl IntoView {
    let state = use_state();
    // Which derivations are open, kept across re-renders.
    let open = RwSignal::new(Vec::<String>::new());
    // Every figure as text, recomputed per edit; the DOM below only swaps changed texts.
    let data = Memo::new(move |_| {
        let rank_by = state.rank_by.get();
        state.checked.with(|c| {
            c.shown.as_ref().map(|shown| {
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
                                    {move || is_open.get().then(|| {
                                        let lines = state.checked.with(|ch| {
                                            ch.shown
                                                .as_ref()
                                                .map(|s| lines_for(s, state.rank_by.get(), &row_key, c))
                                                .unwrap_or_default()
                                        });
                                        view! {
                                            <ol class="derivation">
                                                {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                                            </ol>
                                        }
                                    })}
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
        <section class="panel comparison" class:stale=move || state.stale() aria-labelledby="cmp-h">
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

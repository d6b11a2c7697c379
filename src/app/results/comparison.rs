//! The comparison table: figures as rows, initiatives as columns, the best in each row marked, and
//! every figure able to show how it was computed.

use crate::app::client::{about, Which};
use crate::app::state::{use_state, AppState, Shown};
use crate::app::widgets::fields::details_open;
use crate::explain::format::{ordinal, quantity, NumberFormat};
use crate::model::evaluate::Headline;
use crate::model::finance::Irr;
use crate::model::{ranks, Driver, Figure, InitiativeResult, Quantity, Unit};
use crate::wire::intl::fmt;
use crate::wire::{figure_key, figure_of, Reply, Report, Request, RowKey, RowText, SimRow};
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;

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
    key: RowKey,
    label: String,
    best: Best,
    cells: Vec<Cell>,
}

/// What a row shows, as plain data: the table's text nodes follow it without being rebuilt.
#[derive(Clone, PartialEq)]
struct RowData {
    key: RowKey,
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

/// The rows after the drivers': key, label, which value is best.
const FIGURE_ROWS: [(RowKey, &str, Best); 11] = [
    (
        RowKey::Figure(Figure::AnnualValue),
        "Total annual value at full adoption",
        Best::Highest,
    ),
    (
        RowKey::Figure(Figure::PvBenefits),
        "PV of benefits",
        Best::Highest,
    ),
    (RowKey::PvCosts, "PV of costs", Best::Lowest),
    (RowKey::Figure(Figure::Npv), "NPV", Best::Highest),
    (RowKey::Figure(Figure::Roi), "ROI", Best::Highest),
    (RowKey::Figure(Figure::Irr), "IRR", Best::Highest),
    (RowKey::Figure(Figure::Payback), "Payback", Best::Lowest),
    (
        RowKey::Figure(Figure::BenefitCostRatio),
        "Benefit/cost ratio",
        Best::Highest,
    ),
    (
        RowKey::Figure(Figure::CostOfDelay),
        "Cost of delay per month",
        Best::Highest,
    ),
    (
        RowKey::Figure(Figure::Score),
        "Weighted score (0–100)",
        Best::Highest,
    ),
    (RowKey::Rank, "", Best::Unmarked),
];

fn per_year(v: f64, f: &dyn NumberFormat) -> Cell {
    Cell {
        value: Some(v),
        text: format!("{}/yr", f.money(v)),
    }
}

/// The cell of row `key` (one of `FIGURE_ROWS` but the rank) for `r`.
fn figure_cell(key: RowKey, r: &InitiativeResult, f: &dyn NumberFormat) -> Cell {
    let plain = |v: f64| Cell {
        value: Some(v),
        text: f.money(v),
    };
    let figure = match key {
        RowKey::PvCosts => return plain(r.pv_costs),
        RowKey::Figure(figure) => figure,
        _ => return plain(0.0),
    };
    let money = |v: f64| f.money(v);
    let q = |unit| move |v: f64| quantity(f, Quantity::new(v, unit));
    match figure {
        Figure::AnnualValue => per_year(r.annual_value, f),
        Figure::PvBenefits => plain(r.pv_benefits),
        Figure::Npv => headline(&r.npv, money, "—"),
        Figure::Roi => headline(&r.roi, |v| f.percent(v), "not defined"),
        Figure::Irr => {
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
        }
        Figure::Payback => headline(&r.payback_months, |v| f.months(v), "not within horizon"),
        Figure::BenefitCostRatio => headline(&r.benefit_cost_ratio, q(Unit::Ratio), "not defined"),
        Figure::CostOfDelay => headline(&r.cost_of_delay, money, "—"),
        Figure::Score => headline(&r.score, q(Unit::Score), "not defined"),
    }
}

/// The table's rows. How each figure was found is built by the worker when a cell is opened
/// (`Request::Explain`), under the same keys.
fn rows(shown: &Shown, rank_by: Figure) -> Vec<Row> {
    let f = fmt(&shown.scenario.currency);
    let f: &dyn NumberFormat = &*f;
    let rs: &[InitiativeResult] = &shown.evaluation.initiatives;
    let drivers = Driver::ALL
        .into_iter()
        .filter(|d| rs.iter().any(|r| r.benefits.iter().any(|b| b.driver == *d)))
        .map(|d| Row {
            key: RowKey::Driver(d),
            label: format!("Annual value: {}", d.label().to_ascii_lowercase()),
            best: Best::Highest,
            cells: rs
                .iter()
                .map(|r| per_year(r.annual_by_driver[d.index()], f))
                .collect(),
        });
    let figures = FIGURE_ROWS.into_iter().map(|(key, label, best)| Row {
        key,
        label: match key {
            RowKey::Rank => format!("Rank by {}", rank_by.label()),
            _ => label.to_string(),
        },
        best,
        cells: match key {
            RowKey::Rank => ranks(rs, rank_by)
                .iter()
                .map(|n| Cell {
                    value: Some(*n as f64),
                    text: ordinal(*n),
                })
                .collect(),
            _ => rs.iter().map(|r| figure_cell(key, r, f)).collect(),
        },
    });
    drivers.chain(figures).collect()
}

/// The simulation's rows that go in the table: all but the chances of ranking first by a figure
/// other than NPV and the one ranked by; none if the run was of another set of initiatives.
fn sim_rows(sim: &Report, rank_by: Figure, columns: usize) -> impl Iterator<Item = &RowText> {
    sim.rows.iter().filter(move |r| {
        r.texts.len() == columns
            && match r.key {
                RowKey::Sim(SimRow::First(f)) => f == Figure::Npv || f == rank_by,
                _ => true,
            }
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
    // Best only when better than another: a tie of all has none.
    let beaten = vals.iter().flatten().any(|v| Some(*v) != pick);
    vals.iter().map(|v| beaten && *v == pick).collect()
}

/// Every figure as text, recomputed per edit; the DOM only swaps changed texts.
fn use_rows(state: AppState) -> Memo<Option<Vec<RowData>>> {
    Memo::new(move |_| {
        let rank_by = state.rank_by.get();
        let sim = state.sim.with(|v| v.result.clone());
        state.checked.with(|c| {
            c.shown.as_ref().map(|shown| {
                let columns = shown.evaluation.initiatives.len();
                let simulated = sim
                    .iter()
                    .flat_map(|s| sim_rows(s, rank_by, columns))
                    .map(|r| RowData {
                        key: r.key,
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
    })
}

/// The table's shape: rows (key, label), columns in rank order (initiative, name, category),
/// caption.
type Shape = (
    Vec<(RowKey, String)>,
    Vec<(usize, String, &'static str)>,
    String,
);

/// The initiatives in the order of the ranking by `by` (ties: as entered).
fn ranked(rs: &[InitiativeResult], by: Figure) -> Vec<usize> {
    let r = ranks(rs, by);
    let mut order: Vec<usize> = (0..rs.len()).collect();
    order.sort_by_key(|&i| (r[i], i));
    order
}

/// How long the columns wait for the figures to settle before they move.
const REORDER_MS: u64 = 400;

/// The columns' order: the ranking's, at once when Rank by changes or initiatives come or go,
/// otherwise once the figures have stopped changing for a moment, so that columns do not jump
/// (nor the table get rebuilt) under someone typing. The ranking row and the ★ follow every edit.
fn use_order(state: AppState) -> RwSignal<Vec<usize>> {
    let order = RwSignal::new(Vec::<usize>::new());
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |prev: Option<(Figure, usize)>| {
        let by = state.rank_by.get();
        let next = state.checked.with(|c| {
            c.shown
                .as_ref()
                .map_or_else(Vec::new, |s| ranked(&s.evaluation.initiatives, by))
        });
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let key = (by, next.len());
        if prev != Some(key) {
            order.set(next);
        } else if order.with_untracked(|o| *o != next) {
            let later = set_timeout_with_handle(
                move || order.set(next),
                std::time::Duration::from_millis(REORDER_MS),
            );
            timer.set_value(later.ok());
        }
        key
    });
    order
}

/// The shape of the table: the DOM is rebuilt only when this changes.
fn use_shape(state: AppState, data: Memo<Option<Vec<RowData>>>) -> Memo<Option<Shape>> {
    let order = use_order(state);
    Memo::new(move |_| {
        let rows = data.with(|d| {
            d.as_ref()
                .map(|rows| rows.iter().map(|r| (r.key, r.label.clone())).collect())
        })?;
        let rank_by = state.rank_by.get();
        state.checked.with(|c| {
            c.shown.as_ref().map(|shown| {
                // Columns in the order of the ranking (`use_order`); as entered if that order is
                // not of these initiatives.
                let rs = &shown.evaluation.initiatives;
                let mut order = order.get();
                if order.len() != rs.len() {
                    order = (0..rs.len()).collect();
                }
                let cols = order
                    .into_iter()
                    .map(|k| (k, rs[k].name.clone(), rs[k].category.label()))
                    .collect();
                let caption = format!(
                    "Figures per initiative over {} years at a {} discount rate, in columns ranked by {}. Select a figure to see how it was computed; ★ marks the best in each row.",
                    shown.evaluation.horizon_years,
                    fmt(&shown.scenario.currency).percent(shown.evaluation.annual_rate * 100.0),
                    rank_by.label()
                );
                (rows, cols, caption)
            })
        })
    })
}

/// One memo per column (its texts and best marks): an edit of one initiative wakes the cells of
/// its column, not all of them. (Cells reading the rows directly made every one of hundreds of
/// subscribers re-run and re-subscribe on each keystroke.)
fn column_memos(data: Memo<Option<Vec<RowData>>>, n: usize) -> Vec<Memo<Vec<(String, bool)>>> {
    (0..n)
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
        .collect()
}

/// The cell of row `ri` (`key`) in column `c`: its text, ★ when best, and how it was found when
/// opened (which cells are open is kept in `open` across re-renders).
fn cell_view(
    key: RowKey,
    ri: usize,
    c: usize,
    col: Memo<Vec<(String, bool)>>,
    open: RwSignal<Vec<String>>,
) -> impl IntoView {
    let k = format!("{}/{c}", key.encode());
    let is_open = RwSignal::new(open.with_untracked(|o| o.contains(&k)));
    let text = move || col.with(|v| v.get(ri).map(|x| x.0.clone()).unwrap_or_default());
    let best = Memo::new(move |_| col.with(|v| v.get(ri).is_some_and(|x| x.1)));
    view! {
        <td class="num" data-col=c class:best=move || best.get()>
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
                {move || is_open.get().then(|| view! { <Explain key=key col=c/> })}
            </details>
        </td>
    }
}

/// The table of `shape`, its cells following `data`.
fn table_view(
    shape: Shape,
    data: Memo<Option<Vec<RowData>>>,
    open: RwSignal<Vec<String>>,
) -> AnyView {
    let (rows, cols, caption) = shape;
    let columns = column_memos(data, cols.len());
    let order: Vec<usize> = cols.iter().map(|c| c.0).collect();
    let heads = cols
        .into_iter()
        .map(|(k, name, category)| {
            view! {
                <th scope="col" data-col=k>
                    <span class="col-name">{name}</span>
                    <span class="badge">{category}</span>
                </th>
            }
        })
        .collect_view();
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(ri, (key, label))| {
            let cells = order
                .iter()
                .map(|&k| cell_view(key, ri, k, columns[k], open))
                .collect_view();
            view! {
                <tr data-row=key.encode()>
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
}

/// The "Rank by" select.
fn rank_by_select(state: AppState) -> impl IntoView {
    let options = Figure::ALL
        .iter()
        .map(|f| view! { <option value=figure_key(*f)>{f.label()}</option> })
        .collect_view();
    view! {
        <div class="field inline">
            <label for="rank-by">"Rank by"</label>
            <select id="rank-by" prop:value=move || figure_key(state.rank_by.get())
                on:change=move |ev| {
                    if let Some(f) = figure_of(&event_target_value(&ev)) {
                        state.rank_by.set(f);
                    }
                }>
                {options}
            </select>
        </div>
    }
}

#[component]
pub fn Comparison() -> impl IntoView {
    let state = use_state();
    // Which derivations are open, kept across re-renders.
    let open = RwSignal::new(Vec::<String>::new());
    let data = use_rows(state);
    let shape = use_shape(state, data);
    let table = move || match shape.get().filter(|(_, cols, _)| !cols.is_empty()) {
        Some(shape) => table_view(shape, data, open),
        None => view! {
            <p class="empty" data-testid="comparison-empty">
                "Nothing to compare yet: add an initiative (above) and its figures appear here."
            </p>
        }
        .into_any(),
    };
    view! {
        <section class="panel comparison" class:stale=move || state.stale() class:blocked=move || state.blocked() aria-labelledby="cmp-h">
            <div class="panel-head">
                <h2 id="cmp-h">"Comparison"</h2>
                {rank_by_select(state)}
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

/// How one figure was found: asked of the worker (`Request::Explain`) while the cell is open,
/// and again when the results or the ranking change; an answer about results no longer on
/// screen is dropped. The simulated rows carry their own lines.
#[component]
pub fn Explain(key: RowKey, col: usize) -> impl IntoView {
    let state = use_state();
    // Empty until the worker answers (the same signal type as the open cells' list).
    let lines = RwSignal::new(Vec::<String>::new());
    Effect::new(move |_| {
        let rank_by = state.rank_by.get();
        if let RowKey::Sim(_) = key {
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
        let asked = shown.clone();
        let then = move |reply: Result<Reply, String>| {
            if state
                .checked
                .with_untracked(|c| c.shown.as_ref() != Some(&asked))
            {
                return;
            }
            lines.set(match reply {
                Ok(Reply::Lines(l)) => l,
                Ok(_) => Vec::new(),
                Err(e) => vec![e],
            });
        };
        let make = move |rev| Request::Explain {
            rev,
            rank_by,
            row: key,
            col,
        };
        about(Which::Persist, &shown, make, then);
    });
    view! {
        <ol class="derivation" aria-busy=move || lines.with(Vec::is_empty).to_string()>
            {move || lines.get().into_iter().map(|l| view! { <li>{l}</li> }).collect_view().into_any()}
        </ol>
    }
}

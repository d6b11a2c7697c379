//! A grid of numbers, one row a month: typed cell by cell, moved through with the keyboard
//! (arrows; Enter goes down), and filled from a spreadsheet by pasting a column (or a block) into
//! a cell. An empty cell is a gap, never a zero. Each cell's message (text that is not a number,
//! or a problem the model finds) is shown beside it; nothing typed is lost.

use crate::app::widgets::fields::{dom_id, number_text, parse_number};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What a grid shows: its row and column heads, the numbers (`None`: empty), and the problems
/// the model finds, by cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GridData {
    pub rows: Vec<String>,
    pub cols: Vec<String>,
    pub cells: Vec<Vec<Option<f64>>>,
    pub problems: Vec<(usize, usize, String)>,
}

/// A change of some cells: (row, column, the number or `None` for empty). Rows may lie past the
/// last one shown (a paste that runs on); the owner decides what it keeps.
pub type Changes = Vec<(usize, usize, Option<f64>)>;

/// The text pasted into a cell at (`row`, `col`) as changes: one line a row, tabs between
/// columns, empty for a gap; columns past `cols` are dropped. Text that is not a number is left
/// out and named in the second list ("month 3: “n/a”", the first ten).
pub fn pasted(text: &str, row: usize, col: usize, cols: usize) -> (Changes, Vec<String>) {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let body = text.trim_end_matches(['\r', '\n']);
    for (i, line) in body.split('\n').enumerate().take(10_000) {
        for (j, cell) in line.trim_end_matches('\r').split('\t').enumerate() {
            if col + j >= cols {
                break;
            }
            match parse_number(cell) {
                Ok(v) => out.push((row + i, col + j, v)),
                Err(_) if bad.len() < 10 => {
                    bad.push(format!("month {}: “{}”", row + i, cell.trim()))
                }
                Err(_) => {}
            }
        }
    }
    (out, bad)
}

fn cell_id(grid: &str, r: usize, c: usize) -> String {
    format!("{grid}-{r}-{c}")
}

/// Moves the focus to the cell at (`r`, `c`), if there is one, and selects its text.
fn focus_cell(grid: &str, r: usize, c: usize) {
    let cell = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&cell_id(grid, r, c)))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(cell) = cell {
        let _ = cell.focus();
        cell.select();
    }
}

#[component]
fn Cell(
    grid: StoredValue<String>,
    r: usize,
    c: usize,
    #[prop(into)] label: String,
    data: Signal<GridData>,
    on_set: Callback<Changes>,
    pasted_bad: RwSignal<Vec<String>>,
) -> impl IntoView {
    let value =
        Memo::new(move |_| data.with(|d| d.cells.get(r).and_then(|x| x.get(c)).copied().flatten()));
    let problem = Memo::new(move |_| {
        data.with(|d| {
            d.problems
                .iter()
                .find(|(pr, pc, _)| *pr == r && *pc == c)
                .map(|(_, _, m)| m.clone())
        })
    });
    let text = RwSignal::new(value.get_untracked().map(number_text).unwrap_or_default());
    let unparsed = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let v = value.get();
        if parse_number(&text.get_untracked()).ok().flatten() != v {
            text.set(v.map(number_text).unwrap_or_default());
            unparsed.set(None);
        }
    });
    let message = move || unparsed.get().or_else(|| problem.get());
    let id = grid.with_value(|g| cell_id(g, r, c));
    let msg_id = format!("{id}-msg");
    let cols = move || data.with(|d| d.cols.len());
    let on_input = move |ev| {
        let raw = event_target_value(&ev);
        text.set(raw.clone());
        pasted_bad.set(Vec::new());
        match parse_number(&raw) {
            Ok(v) => {
                unparsed.set(None);
                if v != value.get_untracked() {
                    on_set.run(vec![(r, c, v)]);
                }
            }
            Err(m) => unparsed.set(Some(m)),
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        // Shift+arrow selects, and keys while composing belong to the input method.
        if ev.shift_key() || ev.ctrl_key() || ev.alt_key() || ev.meta_key() || ev.is_composing() {
            return;
        }
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let len = input.value().encode_utf16().count() as u32;
        let at_start = input.selection_start().ok().flatten() == Some(0);
        let at_end = input.selection_end().ok().flatten() == Some(len);
        let to = match ev.key().as_str() {
            "ArrowDown" | "Enter" => Some((r + 1, c)),
            "ArrowUp" if r > 0 => Some((r - 1, c)),
            "ArrowLeft" if at_start && c > 0 => Some((r, c - 1)),
            "ArrowRight" if at_end && c + 1 < cols() => Some((r, c + 1)),
            _ => None,
        };
        if let Some((tr, tc)) = to {
            ev.prevent_default();
            grid.with_value(|g| focus_cell(g, tr, tc));
        }
    };
    let on_paste = move |ev: web_sys::ClipboardEvent| {
        let Some(text) = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
        else {
            return;
        };
        let body = text.trim_end_matches(['\r', '\n']);
        if !body.contains('\n') && !body.contains('\t') {
            return;
        }
        ev.prevent_default();
        let (changes, bad) = pasted(&text, r, c, cols());
        pasted_bad.set(bad);
        on_set.run(changes);
    };
    view! {
        <td>
            <input type="text" inputmode="decimal" id=id autocomplete="off" aria-label=label
                prop:value=move || text.get()
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=move || message().is_some().then(|| msg_id.clone())
                on:input=on_input on:keydown=on_key on:paste=on_paste/>
            {move || message().map(|m| {
                let id = grid.with_value(|g| format!("{}-msg", cell_id(g, r, c)));
                view! { <span class="cell-msg" role="alert" id=id>{m}</span> }
            })}
        </td>
    }
}

/// The grid. Its shape (rows, columns) is rebuilt when it changes; the cells keep their focus
/// and text while their numbers change.
#[component]
pub fn NumberGrid(
    #[prop(into)] caption: String,
    #[prop(into)] testid: String,
    data: Signal<GridData>,
    on_set: Callback<Changes>,
) -> impl IntoView {
    let grid = StoredValue::new(dom_id("grid"));
    let pasted_bad = RwSignal::new(Vec::<String>::new());
    let shape = Memo::new(move |_| data.with(|d| (d.rows.clone(), d.cols.clone())));
    let body = move || {
        let (rows, cols) = shape.get();
        rows.iter()
            .enumerate()
            .map(|(r, head)| {
                let cells = cols
                    .iter()
                    .enumerate()
                    .map(|(c, col)| {
                        let label = format!("{head}, {col}");
                        view! { <Cell grid r c label data on_set pasted_bad/> }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{head.clone()}</th>{cells}</tr> }
            })
            .collect_view()
    };
    let heads = move || {
        shape
            .get()
            .1
            .into_iter()
            .map(|h| view! { <th scope="col">{h}</th> })
            .collect_view()
    };
    view! {
        <div class="table-scroll grid" data-testid=testid>
            <table>
                <caption>{caption}</caption>
                <thead><tr><th scope="col">"Month"</th>{heads}</tr></thead>
                <tbody>{body}</tbody>
            </table>
            <p class="hint">"Type a number, or paste a column from a spreadsheet into the first cell. Arrow keys and Enter move between cells; an empty cell is a month not measured."</p>
            {move || {
                let bad = pasted_bad.get();
                (!bad.is_empty()).then(|| view! {
                    <p class="message" role="alert">
                        "Not pasted, not a number: " {bad.join("; ")}
                    </p>
                })
            }}
        </div>
    }
}

//! An initiative's actuals, month by month, in a grid (`widgets::grid`): one-time and running
//! spend, the adoption measured, and each benefit's measure as people take it (hours saved,
//! outage minutes, loss events, amounts). `model::tracking::problems` are shown beside the cells
//! at fault; the note "what changed, why, what we are doing" goes to the results dashboard.

use crate::app::state::{use_state, AppState};
use crate::app::widgets::fields::{details_open, init_at, TextField};
use crate::app::widgets::grid::{Changes, GridData, NumberGrid};
use crate::model::limits::{MAX_MONTHS, MAX_NOTES_CHARS};
use crate::model::tracking::{calendar_month, measure_label, measured_benefits, problems};
use crate::model::{Actual, BenefitKind, Initiative, Scenario};
use leptos::prelude::*;

/// A column of the grid.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Col {
    OneTime,
    Running,
    Adoption,
    Measured(usize),
}

impl Col {
    fn key(self) -> String {
        match self {
            Col::OneTime => "one_time".into(),
            Col::Running => "running".into(),
            Col::Adoption => "adoption_pct".into(),
            Col::Measured(b) => format!("measured.{b}"),
        }
    }
    fn get(self, a: &Actual) -> Option<f64> {
        match self {
            Col::OneTime => a.one_time,
            Col::Running => a.running,
            Col::Adoption => a.adoption_pct,
            Col::Measured(b) => a.measured.get(b).copied().flatten(),
        }
    }
    fn set(self, a: &mut Actual, v: Option<f64>, benefits: usize) {
        match self {
            Col::OneTime => a.one_time = v,
            Col::Running => a.running = v,
            Col::Adoption => a.adoption_pct = v,
            Col::Measured(b) => {
                if a.measured.len() < benefits {
                    a.measured.resize(benefits, None);
                }
                if let Some(m) = a.measured.get_mut(b) {
                    *m = v;
                }
            }
        }
    }
}

/// The grid's columns. The benefits' measures follow the approved plan's benefits (its last
/// baseline), the ones actuals are judged against, else the initiative's own.
fn columns(i: &Initiative) -> Vec<(Col, String)> {
    let benefits = measured_benefits(i);
    let mut cols = vec![
        (Col::OneTime, "One-time spend".to_string()),
        (Col::Running, "Running cost".to_string()),
    ];
    if benefits
        .iter()
        .any(|b| matches!(b.kind, BenefitKind::HoursSaved(_)))
    {
        cols.push((Col::Adoption, "Adoption measured (%)".into()));
    }
    for (n, b) in benefits.iter().enumerate() {
        cols.push((
            Col::Measured(n),
            format!("{}: {}", b.label, measure_label(&b.kind).to_lowercase()),
        ));
    }
    cols
}

/// "Month 3 · Mar 2027" when month 1's calendar month is set ("2027-01"), else "Month 3".
pub fn month_head(start: &str, m: usize) -> String {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let named = calendar_month(start, m).and_then(|c| {
        let (y, mo) = c.split_once('-')?;
        let mo: usize = mo.parse().ok()?;
        Some(format!("{} {y}", NAMES.get(mo.checked_sub(1)?)?))
    });
    match named {
        Some(c) => format!("Month {m} · {c}"),
        None => format!("Month {m}"),
    }
}

/// The grid's rows (months 0 to `rows − 1`), columns, numbers and problems.
fn grid_of(s: &Scenario, i: usize, rows: usize) -> GridData {
    let Some(init) = s.initiatives.get(i) else {
        return GridData::default();
    };
    let cols = columns(init);
    let record = |m: usize| init.actuals.iter().find(|a| a.month == m as f64);
    let cells = (0..rows)
        .map(|m| {
            cols.iter()
                .map(|(c, _)| record(m).and_then(|a| c.get(a)))
                .collect()
        })
        .collect();
    let mut found = Vec::new();
    for (at, msg) in problems(s) {
        if at.initiative != Some(i) {
            continue;
        }
        let mut parts = at.field.splitn(3, '.');
        let (Some("actuals"), Some(k), Some(field)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let Some(a) = k.parse::<usize>().ok().and_then(|k| init.actuals.get(k)) else {
            continue;
        };
        let row = a.month as usize;
        let col = cols.iter().position(|(c, _)| c.key() == field).unwrap_or(0);
        if a.month >= 0.0 && row < rows {
            found.push((row, col, msg));
        }
    }
    GridData {
        rows: (0..rows)
            .map(|m| month_head(&s.tracking.start, m))
            .collect(),
        cols: cols.into_iter().map(|(_, h)| h).collect(),
        cells,
        problems: found,
    }
}

/// Writes the changes into initiative `i`'s actuals: a month's record made when first needed,
/// and dropped when nothing is left in it. Months past the horizon are not kept.
fn apply(s: &mut Scenario, i: usize, changes: &Changes) {
    let horizon = s.horizon_years as usize * 12;
    let Some(init) = s.initiatives.get_mut(i) else {
        return;
    };
    let cols = columns(init);
    let benefits = measured_benefits(init).len();
    for &(r, c, v) in changes {
        let Some(&(col, _)) = cols.get(c) else {
            continue;
        };
        if r > horizon {
            continue;
        }
        let at = match init.actuals.iter().position(|a| a.month == r as f64) {
            Some(at) => at,
            None if v.is_none() || init.actuals.len() >= MAX_MONTHS => continue,
            None => {
                let at = init.actuals.partition_point(|a| a.month < r as f64);
                init.actuals.insert(
                    at,
                    Actual {
                        month: r as f64,
                        ..Actual::default()
                    },
                );
                at
            }
        };
        col.set(&mut init.actuals[at], v, benefits);
    }
    init.actuals.retain(|a| {
        a.one_time.is_some()
            || a.running.is_some()
            || a.adoption_pct.is_some()
            || a.measured.iter().any(Option::is_some)
    });
    for a in &mut init.actuals {
        while a.measured.last() == Some(&None) {
            a.measured.pop();
        }
    }
}

fn recorded_rows(init: &Initiative, horizon: usize) -> usize {
    init.actuals
        .iter()
        .map(|a| a.month)
        .filter(|m| m.is_finite() && *m >= 0.0)
        .fold(0.0_f64, f64::max)
        .min(horizon as f64) as usize
        + 2
}

#[component]
pub fn Actuals(idx: RwSignal<Option<usize>>, init: RwSignal<Option<Initiative>>) -> impl IntoView {
    let state: AppState = use_state();
    let horizon = move || state.scenario.with(|s| s.horizon_years as usize * 12);
    let rows = RwSignal::new(init.with_untracked(|x| {
        x.as_ref()
            .map_or(2, |x| recorded_rows(x, horizon_untracked(state)))
    }));
    let data = Signal::derive(move || {
        let n = rows.get().min(horizon() + 1);
        match idx.get() {
            Some(i) => state.scenario.with(|s| grid_of(s, i, n)),
            None => GridData::default(),
        }
    });
    let on_set = Callback::new(move |changes: Changes| {
        let Some(i) = idx.get_untracked() else {
            return;
        };
        if let Some(last) = changes.iter().map(|c| c.0).max() {
            rows.update(|n| *n = (*n).max(last + 2));
        }
        // Typing in a cell is one undo step per cell; a paste is a step of its own.
        let key = match changes.as_slice() {
            [(r, c, _)] => Some(format!("actuals.{i}.{r}.{c}")),
            _ => None,
        };
        state.edit(key.as_deref(), move |s| apply(s, i, &changes));
    });
    let count = move || init.with(|x| x.as_ref().map_or(0, |x| x.actuals.len()));
    let summary = move || match count() {
        0 => "Actuals: none yet".to_string(),
        1 => "Actuals: 1 month recorded".to_string(),
        n => format!("Actuals: {n} months recorded"),
    };
    let open =
        RwSignal::new(init.with_untracked(|x| x.as_ref().is_some_and(|x| !x.actuals.is_empty())));
    let note = Signal::derive(move || {
        init.with(|x| {
            x.as_ref()
                .map(|x| x.status_note.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <details class="group actuals" prop:open=move || open.get()
            on:toggle=move |ev| open.set(details_open(&ev))>
            <summary data-testid="actuals-summary">{summary}</summary>
            // Built only while open: a closed grid reads nothing on each edit.
            <Show when=move || open.get()>
                <NumberGrid caption="Actuals by month: spend, and what each benefit's measure was"
                    testid="actuals-grid" data on_set/>
            </Show>
            <button type="button" on:click=move |_| rows.update(|n| *n += 1)
                disabled=move || rows.get() > horizon()>"Add a month"</button>
            <TextField label="What changed, why, what we are doing" multiline=true
                max_chars=MAX_NOTES_CHARS at=init_at(idx, "status_note") value=note
                set=Callback::new(move |v: String| {
                    if let Some(i) = idx.get_untracked() {
                        state.edit(Some(&format!("status_note.{i}")), move |s| {
                            if let Some(x) = s.initiatives.get_mut(i) {
                                x.status_note = v;
                            }
                        });
                    }
                })/>
        </details>
    }
}

fn horizon_untracked(state: AppState) -> usize {
    state
        .scenario
        .with_untracked(|s| s.horizon_years as usize * 12)
}

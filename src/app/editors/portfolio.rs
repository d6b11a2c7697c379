//! The portfolio's settings: each year's budgets, the team's capacity, what to maximise and the
//! shares of the budget by category. Every input reads its label, unit and help from its
//! descriptor (`Portfolio::FIELDS`, `YearBudget::FIELDS`); a message beside it says what is
//! wrong (validation) or what cannot work as meant (the plan's notes).

use crate::app::state::use_state;
use crate::app::widgets::fields::{setting_at, NumField, SelectField};
use crate::model::schema::{Choice, Field, Record, Val};
use crate::model::{Estimate, Objective, Portfolio, Scenario, YearBudget};
use leptos::prelude::*;

fn descriptor(fields: &'static [Field], key: &str) -> Option<&'static Field> {
    fields.iter().find(|f| f.key == key)
}

/// A number of the portfolio's own (capacity, least score, shares), blank for none where it is
/// optional.
fn portfolio_number(key: &'static str) -> Option<impl IntoView> {
    let state = use_state();
    let f = descriptor(Portfolio::FIELDS, key)?;
    let optional = f.shape == crate::model::schema::Shape::OptionalNumber;
    let field = format!("portfolio.{key}");
    let undo = field.clone();
    Some(view! {
        <NumField
            label=f.label
            at=Signal::stored(setting_at(&field))
            unit=f.unit
            hint=f.help
            optional=optional
            value=Signal::derive(move || {
                state.scenario.with(|s| match s.portfolio.get(key) {
                    Some(Val::Num(v)) | Some(Val::OptNum(Some(v))) => Some(Estimate::point(v)),
                    _ => None,
                })
            })
            set=Callback::new(move |v: Option<Estimate>| {
                let v = v.map(|e| e.likely);
                state.edit(Some(&undo), move |s| {
                    let val = if optional { Val::OptNum(v) } else { Val::Num(v.unwrap_or_default()) };
                    s.portfolio.set(key, val);
                })
            })
        />
    })
}

/// One budget of one year (`key`: one_time, running or total), blank for no limit.
fn budget_input(year: usize, key: &'static str) -> impl IntoView {
    let state = use_state();
    let f = descriptor(YearBudget::FIELDS, key);
    let field = format!("portfolio.budgets[{year}].{key}");
    let undo = field.clone();
    view! {
        <NumField
            label=format!("Year {}: {}", year + 1, f.map_or("", |f| f.label))
            at=Signal::stored(setting_at(&field))
            optional=true
            value=Signal::derive(move || {
                state.scenario.with(|s| match s.portfolio.budgets.get(year).and_then(|b| b.get(key)) {
                    Some(Val::OptNum(Some(v))) => Some(Estimate::point(v)),
                    _ => None,
                })
            })
            set=Callback::new(move |v: Option<Estimate>| {
                let v = v.map(|e| e.likely);
                state.edit(Some(&undo), move |s| set_budget(s, year, key, v))
            })
        />
    }
}

/// Sets one budget, adding the years before it as needed and dropping empty years at the end.
pub fn set_budget(s: &mut Scenario, year: usize, key: &str, v: Option<f64>) {
    let budgets = &mut s.portfolio.budgets;
    if budgets.len() <= year {
        if v.is_none() {
            return;
        }
        budgets.resize(year + 1, YearBudget::default());
    }
    budgets[year].set(key, Val::OptNum(v));
    while budgets.last().is_some_and(|b| !b.is_set()) {
        budgets.pop();
    }
}

fn objective_options() -> Vec<(&'static str, String)> {
    <Objective as Choice>::ALL
        .iter()
        .map(|o| (Choice::key(*o), o.label().to_string()))
        .collect()
}

#[component]
pub fn PortfolioSettings() -> impl IntoView {
    let state = use_state();
    let years = move || state.scenario.with(|s| s.horizon_years as usize);
    let objective = descriptor(Portfolio::FIELDS, "objective").map(|f| {
        view! {
            <SelectField
                label=f.label
                options={objective_options()}
                value=Signal::derive(move || state.scenario.with(|s| Choice::key(s.portfolio.objective).to_string()))
                set=Callback::new(move |v: String| {
                    state.edit(None, move |s| {
                        s.portfolio.objective = <Objective as Choice>::from_key(&v).unwrap_or_default()
                    })
                })
            />
        }
    });
    let min_score = move || {
        state
            .scenario
            .with(|s| s.portfolio.objective == Objective::NpvMinScore)
    };
    view! {
        <fieldset class="portfolio-settings" data-testid="portfolio-settings">
            <legend>"Budgets, team and aim"</legend>
            <p class="hint">
                "Leave a budget blank for no limit. An initiative spends its one-time cost in the year it starts and its running cost every year after."
            </p>
            <div class="budget-years">
                <For each=move || 0..years() key=|y| *y children=move |y| view! {
                    <div class="budget-year" role="group" aria-label=format!("Year {} budgets", y + 1)>
                        {budget_input(y, "one_time")}
                        {budget_input(y, "running")}
                        {budget_input(y, "total")}
                    </div>
                }/>
            </div>
            <div class="grid">
                {portfolio_number("capacity_pm")}
                {objective}
                <div hidden=move || !min_score()>{portfolio_number("min_score")}</div>
            </div>
            <details class="shares">
                <summary>"Shares of the budget by category"</summary>
                <div class="grid">
                    {portfolio_number("strategic_min_pct")}
                    {portfolio_number("strategic_max_pct")}
                    {portfolio_number("operational_min_pct")}
                    {portfolio_number("operational_max_pct")}
                </div>
            </details>
        </fieldset>
    }
}

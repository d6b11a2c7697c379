//! The initiatives, side by side: one editable card each.

use crate::app::editors::actuals::Actuals;
use crate::app::editors::benefits::Benefits;
use crate::app::editors::goals::GoalsServed;
use crate::app::editors::governance::Governance;
use crate::app::state::{use_state, AppState};
use crate::app::widgets::fields::{
    details_open, dom_id, init_at, NumField, SelectField, TextField,
};
use crate::model::limits::{MAX_ID_CHARS, MAX_INITIATIVES, MAX_NOTES_CHARS};
use crate::model::schema::{Choice, Field, Shape, Val};
use crate::model::{Category, Estimate, IfLate, Initiative, Record, Scenario};
use leptos::prelude::*;

/// Cards drawn in the first task when many arrive at once.
const CARDS_PER_TASK: usize = 10;
/// How long a task drawing cards may take before fewer are drawn per task.
const TASK_MS: f64 = 100.0;

fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

type CardEntry = (
    String,
    RwSignal<Option<usize>>,
    RwSignal<Option<Initiative>>,
);

/// What the cards read, kept in step with the scenario by one effect and set only where something
/// changed, so an edit wakes the inputs of its own card and not those of every card. (Memos per
/// card would each follow the scenario, and every input of every card would be checked again on
/// each keystroke.)
#[derive(Clone, Copy)]
struct Cards {
    owner: StoredValue<Owner>,
    /// Per card: its initiative id, position and initiative.
    entries: StoredValue<Vec<CardEntry>>,
    count: RwSignal<usize>,
    /// (id, name) of every initiative, for the dependency lists.
    names: RwSignal<Vec<(String, String)>>,
    /// (id, name) of every criterion, for the scores.
    criteria: RwSignal<Vec<(String, String)>>,
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| *v != value) {
        signal.set(value);
    }
}

impl Cards {
    fn new(s: &Scenario) -> Cards {
        let cards = Cards {
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
            entries: StoredValue::new(Vec::new()),
            count: RwSignal::new(0),
            names: RwSignal::new(Vec::new()),
            criteria: RwSignal::new(Vec::new()),
        };
        cards.sync(s);
        cards
    }

    fn sync(&self, s: &Scenario) {
        set_if_changed(self.count, s.initiatives.len());
        let names = |x: &Initiative| (x.id.clone(), x.name.clone());
        if self.names.with_untracked(|n| {
            n.len() != s.initiatives.len()
                || n.iter()
                    .zip(&s.initiatives)
                    .any(|(a, x)| a.0 != x.id || a.1 != x.name)
        }) {
            self.names.set(s.initiatives.iter().map(names).collect());
        }
        set_if_changed(
            self.criteria,
            s.criteria
                .iter()
                .map(|c| (c.id.clone(), c.name.clone()))
                .collect(),
        );
        self.entries.with_value(|entries| {
            for (id, idx, init) in entries {
                let i = s.initiatives.iter().position(|x| &x.id == id);
                set_if_changed(*idx, i);
                let now = i.and_then(|i| s.initiatives.get(i));
                if init.with_untracked(|x| x.as_ref() != now) {
                    init.set(now.cloned());
                }
            }
        });
    }

    /// The position and initiative signals of the card for `id`, made on first use.
    fn signals_for(
        &self,
        id: &str,
        s: &Scenario,
    ) -> (RwSignal<Option<usize>>, RwSignal<Option<Initiative>>) {
        if let Some(found) = self
            .entries
            .with_value(|e| e.iter().find(|(k, _, _)| k == id).map(|(_, a, b)| (*a, *b)))
        {
            return found;
        }
        let i = s.initiatives.iter().position(|x| x.id == id);
        let made = self.owner.with_value(|o| {
            o.with(|| {
                (
                    RwSignal::new(i),
                    RwSignal::new(i.and_then(|i| s.initiatives.get(i).cloned())),
                )
            })
        });
        self.entries
            .update_value(|e| e.push((id.to_string(), made.0, made.1)));
        made
    }

    fn forget(&self, id: &str) {
        self.entries.update_value(|e| e.retain(|(k, _, _)| k != id));
    }
}

/// After the page has updated, focuses the first element matching one of `selectors` (tried in
/// order), so keyboard users keep their place when cards are added, moved or removed.
fn focus_later(selectors: Vec<String>) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let found = selectors.iter().find_map(|sel| {
            document()
                .query_selector(sel)
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        });
        if let Some(el) = found {
            let _ = el.focus();
        }
    });
}

fn focus_card(id: &str) {
    focus_later(vec![format!("#card-{id} input")]);
}

/// How many cards to draw: many at once (a file, a link, a draft) are drawn a few per task, so
/// that the page answers in between; one added by hand appears at once. The number per task
/// doubles while a task (drawing and laying out) stays short, and halves when one runs long.
/// Starts again with each document.
fn draw_gradually(doc: RwSignal<u64>, count: RwSignal<usize>) -> RwSignal<usize> {
    let drawn = RwSignal::new(CARDS_PER_TASK);
    let step = StoredValue::new((CARDS_PER_TASK, 0.0f64));
    Effect::new(move |_| {
        doc.track();
        drawn.set(CARDS_PER_TASK);
        step.set_value((CARDS_PER_TASK, 0.0));
    });
    Effect::new(move |_| {
        let (n, d) = (count.get(), drawn.get());
        if n <= d {
        } else if n == d + 1 {
            drawn.set(n);
        } else {
            step.update_value(|(_, since)| *since = now());
            set_timeout(
                move || {
                    step.update_value(|(k, since)| {
                        let took = now() - *since;
                        if took < TASK_MS / 2.0 {
                            *k *= 2;
                        } else if took > TASK_MS && *k > 1 {
                            *k /= 2;
                        }
                    });
                    drawn.update(|d| *d += step.get_value().0);
                },
                std::time::Duration::ZERO,
            );
        }
    });
    drawn
}

#[component]
pub fn Initiatives() -> impl IntoView {
    let state = use_state();
    let cards = state.scenario.with_untracked(Cards::new);
    Effect::new(move |_| state.scenario.with(|s| cards.sync(s)));
    provide_context(cards);
    let drawn = draw_gradually(state.doc, cards.count);
    let ids = move || {
        let d = drawn.get();
        cards
            .names
            .with(|n| n.iter().take(d).map(|x| x.0.clone()).collect::<Vec<_>>())
    };
    let add = move |_| {
        let id = state.fresh_id("initiative");
        let new_id = id.clone();
        state.edit(None, move |s| {
            if s.initiatives.len() >= MAX_INITIATIVES {
                return;
            }
            let n = s.initiatives.len() + 1;
            s.initiatives.push(Initiative {
                id,
                name: format!("Initiative {n}"),
                scores: s.criteria.iter().map(|c| (c.id.clone(), 3.0)).collect(),
                ..Initiative::default()
            });
        });
        focus_card(&new_id);
    };
    let at_most = move || cards.count.get() >= MAX_INITIATIVES;
    view! {
        <section class="panel initiatives" aria-labelledby="initiatives-h">
            <div class="panel-head">
                <h2 id="initiatives-h">"Initiatives"</h2>
                <button type="button" id="add-initiative" class="primary" on:click=add
                    disabled=at_most
                    title=move || at_most().then(|| format!("A scenario holds at most {MAX_INITIATIVES} initiatives"))>"Add initiative"</button>
            </div>
            {move || (cards.count.get() == 0).then(|| view! {
                <p class="empty">"No initiatives yet. Add one to start comparing."</p>
            })}
            <div class="cards">
                <For each=ids key=|id| id.clone() children=move |id| view! { <Card id/> }/>
            </div>
        </section>
    }
}

/// Applies `f` to the initiative at `idx` (if it is still there) as an edit of input `key`.
fn edit_initiative(
    state: AppState,
    idx: RwSignal<Option<usize>>,
    key: Option<String>,
    f: impl FnOnce(&mut Initiative) + 'static,
) {
    if let Some(i) = idx.get_untracked() {
        state.edit(key.as_deref(), move |s| {
            if let Some(init) = s.initiatives.get_mut(i) {
                f(init)
            }
        });
    }
}

#[component]
fn Card(id: String) -> impl IntoView {
    let state = use_state();
    let cards = expect_context::<Cards>();
    // This card's position and initiative: its inputs re-run only when they change.
    let (idx, init) = state.scenario.with_untracked(|s| cards.signals_for(&id, s));
    {
        let id = id.clone();
        on_cleanup(move || cards.forget(&id));
    }
    let dom = format!("card-{id}");
    let heading_id = dom_id("card-h");
    let labelled_by = heading_id.clone();
    let get = move |f: fn(&Initiative) -> String| {
        Signal::derive(move || init.with(|x| x.as_ref().map(f).unwrap_or_default()))
    };
    let name = get(|i| i.name.clone());
    // Undo steps coalesce per input of this initiative (by its stable id).
    let id_key = StoredValue::new(id.clone());
    let key = move |field: &str| Some(format!("{}.{field}", id_key.get_value()));
    view! {
        <article class="card" id=dom aria-labelledby=labelled_by data-testid="initiative-card">
            <CardHead id=id.clone() idx name heading_id/>
            <TextField
                label="Name"
                at=init_at(idx, "name")
                value=name
                set=Callback::new(move |v: String| edit_initiative(state, idx, key("name"), move |x| x.name = v))
            />
            <SelectField
                label="Category"
                options=Category::ALL.iter().map(|c| (category_key(*c), c.label().to_string())).collect()
                value=get(|i| category_key(i.category).to_string())
                set=Callback::new(move |v: String| {
                    edit_initiative(state, idx, None, move |x| {
                        x.category = Category::ALL.into_iter().find(|c| category_key(*c) == v).unwrap_or_default()
                    })
                })
            />
            <CostsAndTiming id=id.clone() idx init/>
            <Benefits idx init/>
            <Scores idx init/>
            <Dependencies idx init id=id.clone()/>
            <Roadmap id=id.clone() idx init/>
            <GoalsServed idx init/>
            <Governance idx init/>
            <Actuals idx init/>
            <TextField
                label="Notes"
                multiline=true
                max_chars=MAX_NOTES_CHARS
                at=init_at(idx, "notes")
                value=get(|i| i.notes.clone())
                set=Callback::new(move |v: String| edit_initiative(state, idx, key("notes"), move |x| x.notes = v))
            />
        </article>
    }
}

/// A card's heading and its buttons: move earlier or later, duplicate, remove. Each keeps the
/// keyboard focus in a sensible place once the cards have moved.
#[component]
fn CardHead(
    id: String,
    idx: RwSignal<Option<usize>>,
    name: Signal<String>,
    heading_id: String,
) -> impl IntoView {
    let state = use_state();
    let count = expect_context::<Cards>().count;
    let id = StoredValue::new(id);
    let move_by =
        move |delta: isize| move_card(state, idx, count.get_untracked(), delta, &id.get_value());
    let duplicate = move |_| duplicate_card(state, idx, &id.get_value());
    let remove = move |_| remove_card(state, idx, id.get_value());
    view! {
        <header class="card-head">
            <h3 id=heading_id>{move || name.get()}</h3>
            <div class="card-actions">
                <button type="button" data-move="earlier" on:click=move |_| move_by(-1)
                    disabled=move || idx.get() == Some(0)
                    aria-label=move || format!("Move {} earlier", name.get())>"←"</button>
                <button type="button" data-move="later" on:click=move |_| move_by(1)
                    disabled=move || idx.get().map(|i| i + 1 >= count.get()).unwrap_or(true)
                    aria-label=move || format!("Move {} later", name.get())>"→"</button>
                <button type="button" on:click=duplicate
                    disabled=move || { count.get() >= MAX_INITIATIVES }
                    aria-label=move || format!("Duplicate {}", name.get())>"Duplicate"</button>
                <button type="button" class="remove" on:click=remove
                    aria-label=move || format!("Remove {}", name.get())>"Remove"</button>
            </div>
        </header>
    }
}

/// Moves the card at `idx` by `delta` places among `count`, keeping the focus on the button
/// pressed (or the other one once the card is at an end).
fn move_card(
    state: AppState,
    idx: RwSignal<Option<usize>>,
    count: usize,
    delta: isize,
    card: &str,
) {
    let Some(i) = idx.get_untracked() else { return };
    let j = i as isize + delta;
    if j < 0 || j as usize >= count {
        return;
    }
    state.edit(None, move |s| {
        if i < s.initiatives.len() && (j as usize) < s.initiatives.len() {
            s.initiatives.swap(i, j as usize);
        }
    });
    let (this, other) = if delta < 0 {
        ("earlier", "later")
    } else {
        ("later", "earlier")
    };
    focus_later(vec![
        format!("#card-{card} button[data-move={this}]:not([disabled])"),
        format!("#card-{card} button[data-move={other}]"),
    ]);
}

/// A copy of the initiative at `idx` (id `id`) after it, focused.
fn duplicate_card(state: AppState, idx: RwSignal<Option<usize>>, id: &str) {
    let Some(i) = idx.get_untracked() else { return };
    let new_id = state.fresh_id(&format!("{id}-copy"));
    let focus = new_id.clone();
    state.edit(None, move |s| {
        let Some(mut copy) = s.initiatives.get(i).cloned() else {
            return;
        };
        if s.initiatives.len() >= MAX_INITIATIVES {
            return;
        }
        copy.id = new_id;
        copy.name = format!("{} (copy)", copy.name);
        s.initiatives.insert(i + 1, copy);
    });
    focus_card(&focus);
}

/// Removes the initiative at `idx` (id `id`) and the dependencies on it. The focus goes to the
/// card that takes its place (or the one before it), else to "Add initiative".
fn remove_card(state: AppState, idx: RwSignal<Option<usize>>, id: String) {
    let Some(i) = idx.get_untracked() else { return };
    let next = state.scenario.with_untracked(|s| {
        s.initiatives
            .get(i + 1)
            .or_else(|| i.checked_sub(1).and_then(|k| s.initiatives.get(k)))
            .map(|x| x.id.clone())
    });
    state.edit(None, move |s| {
        if i >= s.initiatives.len() {
            return;
        }
        s.initiatives.remove(i);
        for other in &mut s.initiatives {
            other.depends_on.retain(|d| d != &id);
        }
    });
    let mut targets: Vec<String> = next
        .map(|n| format!("#card-{n} input"))
        .into_iter()
        .collect();
    targets.push("#add-initiative".into());
    focus_later(targets);
}

/// The initiative's costs and timing: one input each, ranges accepted.
#[component]
fn CostsAndTiming(
    id: String,
    idx: RwSignal<Option<usize>>,
    init: RwSignal<Option<Initiative>>,
) -> impl IntoView {
    let state = use_state();
    // Every estimate of an initiative, as its descriptor labels it (`model::schema`).
    let money_field = move |f: &'static Field| {
        let field = f.key;
        // Undo steps coalesce per input of this initiative (by its stable id).
        let key = format!("{id}.{field}");
        view! {
            <NumField
                label=f.label
                at=init_at(idx, field)
                unit=f.unit
                hint=f.help
                value=Signal::derive(move || {
                    init.with(|x| {
                        x.as_ref()
                            .and_then(|x| x.estimate(field))
                            .copied()
                    })
                })
                ranged=true
                set=Callback::new(move |v: Option<Estimate>| {
                    edit_initiative(state, idx, Some(key.clone()), move |x| {
                        if let Some(e) = x.estimate_mut(field) {
                            *e = v.unwrap_or_default();
                        }
                    })
                })
            />
        }
    };
    view! {
        <fieldset class="group">
            <legend>"Costs and timing"</legend>
            {Initiative::FIELDS.iter().filter(|f| f.is_estimate()).map(money_field).collect_view()}
        </fieldset>
    }
}
fn late_options() -> Vec<(&'static str, String)> {
    <IfLate as Choice>::ALL
        .iter()
        .map(|r| (Choice::key(*r), r.label().to_string()))
        .collect()
}

/// The initiative's part in the portfolio: team effort, alternatives group, milestone, fixed
/// start (each from its descriptor). The milestone's rule shows once a milestone is set, its
/// penalty once the rule is a penalty.
#[component]
fn Roadmap(
    id: String,
    idx: RwSignal<Option<usize>>,
    init: RwSignal<Option<Initiative>>,
) -> impl IntoView {
    let state = use_state();
    let field = |key: &str| Initiative::FIELDS.iter().find(|f| f.key == key);
    let group_undo = format!("{id}.alternatives");
    let number = |key: &'static str| {
        let f = field(key)?;
        let optional = f.shape == Shape::OptionalNumber;
        let undo = format!("{id}.{key}");
        Some(view! {
            <NumField
                label=f.label
                at=init_at(idx, key)
                unit=f.unit
                hint=f.help
                optional=optional
                value=Signal::derive(move || {
                    init.with(|x| match x.as_ref().and_then(|x| x.get(key)) {
                        Some(Val::Num(v)) | Some(Val::OptNum(Some(v))) => Some(Estimate::point(v)),
                        _ => None,
                    })
                })
                set=Callback::new(move |v: Option<Estimate>| {
                    let v = v.map(|e| e.likely);
                    edit_initiative(state, idx, Some(undo.clone()), move |x| {
                        let val = if optional { Val::OptNum(v) } else { Val::Num(v.unwrap_or_default()) };
                        x.set(key, val);
                    })
                })
            />
        })
    };
    let has_milestone =
        move || init.with(|x| x.as_ref().is_some_and(|x| x.needed_by_month.is_some()));
    let penalty = move || {
        init.with(|x| {
            x.as_ref()
                .is_some_and(|x| x.needed_by_month.is_some() && x.if_late == IfLate::Penalty)
        })
    };
    let group = field("alternatives").map(|f| {
        let undo = group_undo;
        view! {
            <TextField
                label=f.label
                max_chars=MAX_ID_CHARS
                at=init_at(idx, "alternatives")
                value=Signal::derive(move || init.with(|x| x.as_ref().map(|x| x.alternatives.clone()).unwrap_or_default()))
                set=Callback::new(move |v: String| edit_initiative(state, idx, Some(undo.clone()), move |x| x.alternatives = v))
            />
        }
    });
    let late = field("if_late").map(|f| view! {
        <div hidden=move || !has_milestone()>
            <SelectField
                label=f.label
                options={late_options()}
                value=Signal::derive(move || init.with(|x| x.as_ref().map(|x| Choice::key(x.if_late).to_string()).unwrap_or_default()))
                set=Callback::new(move |v: String| {
                    edit_initiative(state, idx, None, move |x| {
                        x.if_late = <IfLate as Choice>::from_key(&v).unwrap_or_default()
                    })
                })
            />
        </div>
    });
    // Open when the initiative has any of these set (or a note about one), closed otherwise.
    let open = init.with_untracked(|x| {
        x.as_ref().is_some_and(|x| {
            x.effort_pm != 0.0
                || !x.alternatives.is_empty()
                || x.needed_by_month.is_some()
                || x.fixed_start_month.is_some()
        })
    });
    view! {
        <details class="group roadmap-inputs" open=open>
            <summary>"Portfolio and roadmap"</summary>
            {number("effort_pm")}
            {group}
            {number("needed_by_month")}
            {late}
            <div hidden=move || !penalty()>{number("late_penalty_per_month")}</div>
            {number("fixed_start_month")}
        </details>
    }
}

pub fn category_key(c: Category) -> &'static str {
    match c {
        Category::Mandatory => "mandatory",
        Category::Strategic => "strategic",
        Category::Operational => "operational",
    }
}

#[component]
fn Scores(idx: RwSignal<Option<usize>>, init: RwSignal<Option<Initiative>>) -> impl IntoView {
    let state = use_state();
    let criteria = expect_context::<Cards>().criteria;
    // A score derived from the goals is not entered here.
    let derived = move |cid: &str| {
        cid == crate::model::scoring::FIT && state.scenario.with(|s| s.fit_from_goals)
    };
    view! {
        <fieldset class="group scores">
            <legend>"Scores (1 = low, 5 = high)"</legend>
            <For
                each=move || criteria.get()
                key=|c| c.clone()
                children=move |(cid, cname)| {
                    let field = format!("scores.{cid}");
                    let id = dom_id("score");
                    let cid2 = cid.clone();
                    let (cid3, cid4) = (cid.clone(), cid.clone());
                    let value = Memo::new(move |_| {
                        init.with(|x| {
                            x.as_ref()
                                .and_then(|x| x.scores.get(&cid2).copied())
                                .map(|v| (v as i64).to_string())
                                .unwrap_or_default()
                        })
                    });
                    let at = init_at(idx, field);
                    let message = Memo::new(move |_| at.with(|at| state.message_for(at)));
                    let set = move |ev| {
                        let v = f64::from(event_target_value(&ev).parse::<u8>().unwrap_or(3));
                        let Some(i) = idx.get_untracked() else { return };
                        let cid = cid.clone();
                        state.edit(None, move |s| {
                            if let Some(x) = s.initiatives.get_mut(i) {
                                x.scores.insert(cid, v);
                            }
                        });
                    };
                    view! {
                        <div class="field score" class:invalid=move || message.with(Option::is_some)>
                            <label for=id.clone()>{cname}</label>
                            <select id=id on:change=set prop:value=value
                                disabled=move || derived(&cid3)
                                title=move || derived(&cid4).then_some("Derived from the goals it serves (Business goals)")>
                                <option value="" disabled=true>"—"</option>
                                {(1..=5)
                                    .map(|n| {
                                        let v = format!("{n}");
                                        let v2 = v.clone();
                                        view! { <option value=v selected=move || value.get() == v2>{n}</option> }
                                    })
                                    .collect_view()}
                            </select>
                            <p class="field-msg" aria-live="polite">{move || message.get()}</p>
                        </div>
                    }
                }
            />
        </fieldset>
    }
}

/// The initiatives this one depends on: their names in a summary, and a checkbox per other
/// initiative drawn only while the list is open (a list in every card of every other card would
/// grow with the square of their number).
#[component]
fn Dependencies(
    idx: RwSignal<Option<usize>>,
    init: RwSignal<Option<Initiative>>,
    id: String,
) -> impl IntoView {
    let state = use_state();
    let names = expect_context::<Cards>().names;
    let open = RwSignal::new(false);
    let others = Memo::new(move |_| {
        if !open.get() {
            return Vec::new();
        }
        names.with(|n| n.iter().filter(|x| x.0 != id).cloned().collect::<Vec<_>>())
    });
    let chosen = Memo::new(move |_| {
        init.with(|x| x.as_ref().map(|x| x.depends_on.clone()).unwrap_or_default())
    });
    let summary = move || {
        let chosen = chosen.get();
        if chosen.is_empty() {
            return "nothing".to_string();
        }
        names.with(|n| {
            chosen
                .iter()
                .map(|d| {
                    n.iter()
                        .find(|x| &x.0 == d)
                        .map_or(d.as_str(), |x| x.1.as_str())
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let at = init_at(idx, "depends_on");
    let message = Memo::new(move |_| at.with(|at| state.message_for(at)));
    view! {
        <div class="group deps" class:invalid=move || message.with(Option::is_some)>
            <details on:toggle=move |ev| open.set(details_open(&ev))>
                <summary>"Depends on: " <span class="deps-chosen">{summary}</span></summary>
                {move || (open.get() && others.with(Vec::is_empty))
                    .then(|| view! { <p class="hint">"No other initiatives."</p> })}
                <For
                    each=move || others.get()
                    key=|o| o.clone()
                    children=move |(other, other_name)| {
                        let cid = dom_id("dep");
                        let o2 = other.clone();
                        let checked = move || chosen.with(|c| c.contains(&o2));
                        let toggle = move |ev| {
                            let on = event_target_checked(&ev);
                            let Some(i) = idx.get_untracked() else { return };
                            let other = other.clone();
                            state.edit(None, move |s| {
                                if let Some(x) = s.initiatives.get_mut(i) {
                                    x.depends_on.retain(|d| d != &other);
                                    if on {
                                        x.depends_on.push(other);
                                    }
                                }
                            });
                        };
                        view! {
                            <div class="check">
                                <input type="checkbox" id=cid.clone() prop:checked=checked on:change=toggle/>
                                <label for=cid>{other_name}</label>
                            </div>
                        }
                    }
                />
            </details>
            <p class="field-msg" aria-live="polite">{move || message.get()}</p>
        </div>
    }
}

//! A `<details>` per initiative on screen, each built only while it is open (and every one while
//! the page is printed), which stay open across re-renders: the yearly cash flows and the
//! assumptions register.

use crate::app::state::{initiative_names, use_state};
use crate::app::widgets::fields::details_open;
use crate::app::widgets::print::use_printing;
use leptos::prelude::*;

/// The list: each item's `class` and `data-testid`, the initiative's name as its summary, and
/// `body(k)` (initiative `k`, in the scenario's order) inside while it is open.
pub fn per_initiative<B, V>(class: &'static str, test_id: &'static str, body: B) -> impl IntoView
where
    B: Fn(usize) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let state = use_state();
    let printing = use_printing();
    // Open items, by initiative id, kept across re-renders.
    let open = RwSignal::new(Vec::<String>::new());
    // The list follows the initiatives (ids and names), not every edit; an open item follows
    // the figures through `body`.
    let items = initiative_names(state);
    move || {
        items
            .get()
            .into_iter()
            .enumerate()
            .map(|(k, (id, name))| {
                let is_open = RwSignal::new(open.with_untracked(|o| o.contains(&id)));
                let body = body.clone();
                view! {
                    <details class=class data-testid=test_id prop:open=is_open.get_untracked()
                        on:toggle=move |ev| {
                            let now = details_open(&ev);
                            is_open.set(now);
                            open.update(|o| {
                                o.retain(|x| x != &id);
                                if now { o.push(id.clone()); }
                            });
                        }>
                        <summary>{name}</summary>
                        {move || (is_open.get() || printing.get()).then(|| body(k))}
                    </details>
                }
            })
            .collect_view()
    }
}

//! What shows instead of cards: no match for the filter, or nobody else signed in.

use leptos::prelude::*;

use crate::core::i18n::{s, M};
use crate::ui::state::{this_device, Panel};

#[inline(never)]
pub(crate) fn empty_state(panel: Panel) -> impl IntoView {
    move || {
        let empty = panel.data.with(|d| d.as_ref().is_some_and(|p| p.sessions.is_empty()));
        let filter = panel.data_query.with(|q| q.as_ref().map(|q| q.filter.clone()).unwrap_or_default());
        // The same rule as "Sign out all other devices" (see `core::own::others_count`).
        let nobody_else = filter.is_empty() && panel.others.get() == Some(0);
        let here = panel.data.with(|d| d.as_ref().is_some_and(|p| p.sessions.iter().any(|s| this_device(&panel, s))));
        if empty && !filter.is_empty() {
            Some(view! {
                <div class="as-empty">
                    <p><bdi>{panel.word(&M::NoMatch.with("filter", s(filter.clone())))}</bdi></p>
                    <button type="button" class="as-btn" on:click=move |_| panel.clear_filter()>{panel.t(M::ClearFilter)}</button>
                </div>
            }.into_any())
        } else if nobody_else && here {
            Some(view! { <p class="as-empty">{panel.t(M::OnlyHere)}</p> }.into_any())
        } else if nobody_else || (empty && filter.is_empty()) {
            Some(view! { <p class="as-empty">{panel.t(M::NoOthers)}</p> }.into_any())
        } else {
            None
        }
    }
}

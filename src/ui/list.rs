//! The list of cards, and the skeleton rows of a first load.

use leptos::prelude::*;

use crate::ui::card::{button_with_key, session_card, CardState};
use crate::ui::show::when;
use crate::ui::state::Panel;

#[inline(never)]
pub(crate) fn session_list(panel: Panel) -> impl IntoView {
    let list_ref = NodeRef::<leptos::html::Ul>::new();
    let first_load =
        move || panel.data.with(|d| d.is_none()) && panel.loading.get() && panel.error.with(|e| e.is_none());
    view! {
        {when(first_load, || view! {
            <ul class="as-list as-skeletons" aria-hidden="true">
                {(0..3).map(|_| view! { <li class="as-item"><div class="as-card as-skeleton"></div></li> }).collect_view()}
            </ul>
        }.into_any())}
        // The label is worded in the closure that builds the list (a text effect in
        // it would leak a subscription at every empty ↔ listed flip, see `card`).
        {when(move || panel.data.with(|d| d.as_ref().is_some_and(|p| !p.sessions.is_empty())), move || view! {
            <ul class="as-list" node_ref=list_ref aria-label=panel.t(crate::core::i18n::M::PanelHeading) aria-busy=move || if panel.loading.get() { "true" } else { "false" }>
                // Not `<For>`: in leptos 0.8 its per-row owners stay allocated under the
                // long-lived list (~100 bytes per row ever shown), and a card's own effects
                // reading panel-wide signals outlive the card. One closure redraws the cards
                // from the panel's state instead; the heap stays flat (tests/leak.rs).
                {move || {
                    // Redrawn as a whole from the panel's state (see `card`): capture
                    // the focused card button first and give focus back afterwards.
                    let focused = focused_key(list_ref);
                    let state = (panel.now.get(), panel.mask_ips.get());
                    let pending = panel.pending.get();
                    let open = panel.open_details.get();
                    let selected = panel.selected.get();
                    let new = panel.new_ids.get();
                    let stale_days = panel.stale_days;
                    let views = panel.data.with(|d| {
                        let Some(page) = d else { return Vec::new() };
                        panel.details.with(|details| {
                            page.sessions.iter().enumerate().map(|(i, s)| {
                                let sid = &s.session_id;
                                session_card(panel, s, i, CardState {
                                    now: state.0,
                                    mask_ips: state.1,
                                    pending: pending.contains(sid),
                                    details_open: open.contains(sid),
                                    info: details.iter().find(|(k, _)| k == sid).map(|(_, r)| r.clone()),
                                    new: new.contains(sid),
                                    stale: crate::core::recency::is_stale(s, state.0, stale_days),
                                    selected: selected.contains(sid),
                                })
                            }).collect::<Vec<_>>()
                        })
                    });
                    if let Some(key) = focused {
                        queue_microtask(move || refocus(list_ref, &key));
                    }
                    views
                }}
            </ul>
        }.into_any())}
    }
}

/// The `data-as-key` of the focused button (session id + action), when it sits in the list.
fn focused_key(list: NodeRef<leptos::html::Ul>) -> Option<String> {
    let list = list.get_untracked()?;
    let active = document().active_element()?;
    if !list.contains(Some(&active)) {
        return None;
    }
    active.get_attribute("data-as-key")
}

/// Focuses the list's button with that key, if it is still there.
fn refocus(list: NodeRef<leptos::html::Ul>, key: &str) {
    if let Some(b) = list.get_untracked().and_then(|l| button_with_key(&l, key)) {
        let _ = b.focus();
    }
}

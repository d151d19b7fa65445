//! The list of cards, and the skeleton rows of a first load.

use leptos::prelude::*;

use crate::core::i18n::M;
use crate::core::recency::is_stale;
use crate::ui::card::{session_card, CardState};
use crate::ui::dom::{effect, event_key, Drawn, Html};
use crate::ui::show::when;
use crate::ui::state::{this_device, ConfirmLogout, Panel};

#[inline(never)]
pub(crate) fn session_list(panel: Panel) -> impl IntoView {
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
        {when(move || panel.data.with(|d| d.as_ref().is_some_and(|p| !p.sessions.is_empty())), move || {
            let list_ref = NodeRef::<leptos::html::Ul>::new();
            // Not `<For>`, and no view per card: one effect redraws the cards from the
            // panel's state with plain DOM calls (see `card`); the heap stays flat
            // (tests/leak.rs). One click handler acts for every card's buttons.
            let drawn = Drawn::default();
            effect(move || draw(panel, list_ref, &drawn));
            view! {
                <ul class="as-list" node_ref=list_ref aria-label=panel.t(M::PanelHeading)
                    aria-busy=move || if panel.loading.get() { "true" } else { "false" }
                    on:click=move |ev| on_click(panel, ev)>
                </ul>
            }.into_any()
        })}
    }
}

/// Replaces the cards with ones built from the panel's state (unless they would come
/// out the same); the focused card control (by its key) gets focus back.
fn draw(panel: Panel, list_ref: NodeRef<leptos::html::Ul>, drawn: &Drawn) {
    let (now, mask_ips) = (panel.now.get(), panel.mask_ips.get());
    let pending = panel.pending.get();
    let open = panel.open_details.get();
    panel.selection_rev.track();
    let new = panel.new_ids.get();
    panel.own_session.track();
    panel.lang_rev.track();
    let Some(list) = list_ref.get() else { return };
    // One buffer for the page (1.3–1.4 KB of markup a card).
    let mut cards = Html(String::new());
    // The language once for the whole list (a lookup per text was a good part of a redraw).
    panel.lang.with_value(|l| {
        panel.data.with(|d| {
            let Some(page) = d else { return };
            cards.0.reserve(page.sessions.len() * 1536);
            panel.details.with(|details| {
                for (i, s) in page.sessions.iter().enumerate() {
                    let sid = &s.session_id;
                    let state = CardState {
                        now,
                        mask_ips,
                        pending: pending.contains(sid),
                        details_open: open.contains(sid),
                        info: details.iter().find(|(k, _)| k == sid).map(|(_, r)| r.clone()),
                        new: new.contains(sid),
                        stale: is_stale(s, now, panel.stale_days),
                        selected: panel.is_selected(sid),
                        // Only when the server says so: its `current` flag, or our hashed token on the row.
                        current: this_device(&panel, s),
                    };
                    session_card(&mut cards, l, panel.uid, s, i, state);
                }
            })
        })
    });
    drawn.put(&list, cards.0);
}

/// A click on a card's control: its `data-as-key` says which session and what to do.
fn on_click(panel: Panel, ev: web_sys::MouseEvent) {
    let Some(key) = event_key(&ev) else { return };
    let Some((sid, action)) = key.rsplit_once(':') else { return };
    let session = panel.data.with_untracked(|d| d.as_ref()?.sessions.iter().find(|s| s.session_id == sid).cloned());
    match (action, session) {
        ("details", _) => panel.toggle_details(sid),
        ("copy", _) => {
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(sid);
                panel.announce(M::Copied.into());
            }
        }
        ("select", Some(s)) => panel.toggle_selected(&s),
        ("logout", Some(s)) => panel.ask_logout(ConfirmLogout {
            session_id: s.session_id.clone(),
            title: panel.title_of(&s),
            current: this_device(&panel, &s),
        }),
        _ => {}
    }
}

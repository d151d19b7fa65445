//! The list of cards, and the skeleton rows of a first load.

use leptos::prelude::*;

use crate::core::i18n::M;
use crate::core::recency::is_stale;
use crate::ui::card::{session_card, CardState};
use crate::ui::dom::{effect, event_key, keeping_focus, Html};
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
            // panel's state as markup (see `card`); the heap stays flat (tests/leak.rs).
            // One click handler acts for every card's buttons.
            let shown = std::cell::RefCell::new(Vec::new());
            effect(move || draw(panel, list_ref, &mut shown.borrow_mut()));
            view! {
                <ul class="as-list" node_ref=list_ref aria-label=panel.t(M::PanelHeading)
                    aria-busy=move || if panel.loading.get() { "true" } else { "false" }
                    on:click=move |ev| on_click(panel, ev)>
                </ul>
            }.into_any()
        })}
    }
}

/// Brings the cards in line with the panel's state; `shown` is the markup of each card
/// on screen. When at most half of them come out different (a box ticked, details
/// opened, a log-out under way, the clock moving "5 minutes ago" on), only those are
/// replaced: one card instead of a page, and a click on another card is never lost
/// to a swap. A new page, or another number of cards, is put in whole: one parse of
/// the page costs the browser less than a parse per card. Focus stays with its
/// control (by key).
fn draw(panel: Panel, list_ref: NodeRef<leptos::html::Ul>, shown: &mut Vec<String>) {
    let (now, mask_ips) = (panel.now.get(), panel.mask_ips.get());
    let pending = panel.pending.get();
    let open = panel.open_details.get();
    panel.selection_rev.track();
    let new = panel.new_ids.get();
    panel.own_session.track();
    panel.lang_rev.track();
    let Some(list) = list_ref.get() else { return };
    let mut cards = Vec::new();
    // The language once for the whole list (a lookup per text was a good part of a redraw).
    panel.lang.with_value(|l| {
        panel.data.with(|d| {
            let Some(page) = d else { return };
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
                    let mut card = Html(String::with_capacity(2048));
                    session_card(&mut card, l, panel.uid, s, i, state);
                    cards.push(card.0);
                }
            })
        })
    });
    let changed = cards.iter().zip(shown.iter()).filter(|(new, old)| new != old).count();
    let items = list.children();
    keeping_focus(&list, || {
        if cards.len() == shown.len() && items.length() as usize == cards.len() && changed * 2 <= cards.len() {
            for (i, (new, old)) in cards.iter().zip(shown.iter()).enumerate() {
                if new != old {
                    if let Some(li) = items.item(i as u32) {
                        li.set_outer_html(new);
                    }
                }
            }
        } else {
            list.set_inner_html(&cards.concat());
        }
    });
    *shown = cards;
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

//! Under the toolbar: the polite status line ("Showing 1–25 of 64 sessions"), the
//! "Updating…" mark, the page-local sort note, the progress of "Sign out all other
//! devices", and the error box.

use leptos::prelude::*;

use crate::core::i18n::{s, M};
use crate::ui::error_box::error_box;
use crate::ui::state::Panel;

#[inline(never)]
pub(crate) fn status(panel: Panel) -> impl IntoView {
    view! {
        <div class="as-status">
            <p role="status" aria-live="polite">{move || panel.status_text()}</p>
            // Texts worded in the closures that redraw them (no effect per redraw; see `card`).
            {move || (panel.loading.get() && panel.data.with(|d| d.is_some())).then(|| view! {
                <span class="as-updating"><span class="as-spinner" aria-hidden="true"></span>{panel.t(M::Updating)}</span>
            })}
        </div>
        // "2 new sign-ins since 3 Nov 2026" (the date of the user's last visit here).
        {move || {
            let n = panel.new_ids.with(|n| n.len() as u64);
            let since = panel.visits.with_value(|v| v.last.as_ref().map(|l| l.at));
            since.filter(|_| n > 0).map(|at| {
                let day = panel.lang.try_with_value(|l| l.day(at)).unwrap_or_default();
                view! { <p class="as-note as-new-since">{panel.word(&M::NewSince.count(n).with("date", s(day)))}</p> }
            })
        }}
        {move || panel.query.with(|q| q.sort.is_page_local()).then(|| view! {
            <p class="as-note">{panel.t(M::PageLocalSort)}</p>
        })}
        // Progress and outcome of "Sign out all other devices" (announced through the
        // live region at its start, waits and end, not at every step).
        {move || panel.bulk.get().map(|text| view! {
            <p class="as-note as-bulk" data-running=move || if panel.bulk_running.get() { "true" } else { "false" }>{panel.word(&text)}</p>
        })}
        // Stop (apart from the line, which changes at every step, so that focus stays
        // on it): the call under way ends, the rest are not tried. After the run, the
        // sessions it could not sign out, with why.
        {move || {
            let running = panel.bulk_running.get();
            let failures = panel.bulk_failures.get_value();
            if running {
                Some(view! {
                    <button type="button" class="as-btn as-btn-small as-bulk-stop" on:click=move |_| panel.bulk_stop.set_value(true)>{panel.t(M::Stop)}</button>
                }.into_any())
            } else {
                (!failures.is_empty()).then(|| view! {
                    <ul class="as-bulk-failures">{failures.iter().map(|f| view! { <li>{panel.word(f)}</li> }).collect_view()}</ul>
                }.into_any())
            }
        }}
        {move || panel.error.get().map(|e| error_box(panel, e))}
    }
}

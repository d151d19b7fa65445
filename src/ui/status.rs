//! Under the toolbar: the polite status line ("Showing 1–25 of 64 sessions"), the
//! "Updating…" mark, the page-local sort note, the progress of "Sign out all other
//! devices", and the error box.

use leptos::prelude::*;

use crate::core::i18n::M;
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
        {move || panel.query.with(|q| q.sort.is_page_local()).then(|| view! {
            <p class="as-note">{panel.t(M::PageLocalSort)}</p>
        })}
        // Progress and outcome of "Sign out all other devices" (announced through the
        // live region at its start, waits and end, not at every step).
        {move || panel.bulk.get().map(|text| view! {
            <p class="as-note as-bulk" data-running=move || if panel.bulk_running.get() { "true" } else { "false" }>{panel.word(&text)}</p>
        })}
        {move || panel.error.get().map(|e| error_box(panel, e))}
    }
}

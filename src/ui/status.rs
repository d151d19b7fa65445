//! Under the toolbar: the polite status line ("Showing 1–25 of 64 sessions"), the
//! "Updating…" mark, the new sign-ins since the last visit, the page-local sort
//! note, the progress and outcome of a bulk run, and the error box.
//!
//! The live region is a Leptos text that stays in place (a screen reader announces
//! changes to it); the rest are regions drawn with plain DOM calls (`dom`).

use leptos::prelude::*;

use crate::core::i18n::{s, M};
use crate::ui::dom::{live_text, region, El};
use crate::ui::error_box::{error_box, RETRY};
use crate::ui::state::Panel;

const STOP: &str = "bulk:stop";

#[inline(never)]
pub(crate) fn status(panel: Panel) -> impl IntoView {
    let line = NodeRef::<leptos::html::P>::new();
    live_text(line, move || panel.status_text());
    view! {
        <div class="as-status">
            <p role="status" aria-live="polite" node_ref=line></p>
            {region(panel, updating, |_, _| {})}
        </div>
        {region(panel, notes, |panel, key| {
            if key == STOP {
                panel.bulk_stop.set_value(true);
            }
        })}
        // Apart from the notes: a new alert is announced, so it is drawn only when the
        // error changes.
        {region(panel, |panel| panel.error.with(|e| e.iter().map(|e| error_box(panel, e)).collect()), |panel, key| {
            if key == RETRY {
                panel.refetch();
            }
        })}
    }
}

fn updating(panel: Panel) -> Vec<El> {
    let on = panel.loading.get() && panel.data.with(|d| d.is_some());
    on.then(|| {
        El::new("span", "as-updating")
            .child(El::new("span", "as-spinner").attr("aria-hidden", "true"))
            .text(&panel.t(M::Updating))
    })
    .into_iter()
    .collect()
}

fn notes(panel: Panel) -> Vec<El> {
    let mut out = Vec::new();
    let note = |class: &str, text: &str| El::new("p", class).text(text);
    // "2 new sign-ins since 3 Nov 2026" (the date of the user's last visit here).
    let n = panel.new_ids.with(|n| n.len() as u64);
    if let Some(at) = panel.visits.with_value(|v| v.last.as_ref().map(|l| l.at)).filter(|_| n > 0) {
        let day = panel.lang.try_with_value(|l| l.day(at)).unwrap_or_default();
        out.push(note("as-note as-new-since", &panel.word(&M::NewSince.count(n).with("date", s(day)))));
    }
    if panel.query.with(|q| q.sort.is_page_local()) {
        out.push(note("as-note", &panel.t(M::PageLocalSort)));
    }
    // A bulk run: its line (announced through the live region at its start, waits
    // and end, not at every step), Stop while it runs (the call under way ends, the
    // rest are not tried), then the sessions it could not sign out, with why.
    if let Some(text) = panel.bulk.get() {
        let running = panel.bulk_running.get();
        out.push(
            note("as-note as-bulk", &panel.word(&text)).attr("data-running", if running { "true" } else { "false" }),
        );
        let failures = panel.bulk_failures.get_value();
        if running {
            out.push(
                El::new("button", "as-btn as-btn-small as-bulk-stop")
                    .attr("type", "button")
                    .attr("data-as-key", STOP)
                    .text(&panel.t(M::Stop)),
            );
        } else if !failures.is_empty() {
            let mut list = El::new("ul", "as-bulk-failures");
            for f in &failures {
                list = list.leaf("li", "", &panel.word(f));
            }
            out.push(list);
        }
    }
    out
}

//! Filter, sort, page size and page mirrored in the page URL: replaced while
//! typing, pushed on page changes, restored on back/forward.

use leptos::prelude::*;

use crate::core::query::{ListQuery, Paging};
use crate::ui::state::Panel;
use crate::web::url_sync;

/// Settings of [`use_url_sync_with_options`]: this instance's own, so that a URL
/// written by one panel is read back the same way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UseUrlSyncOptions {
    /// Prefix of the URL parameters (`as_` → `as_q`, `as_page`, …).
    pub prefix: String,
    /// The page sizes a URL may choose, and the one a URL without a size parameter means.
    pub paging: Paging,
}

#[inline(never)]
pub(crate) fn use_url_sync_with_options(panel: Panel, options: UseUrlSyncOptions) {
    let UseUrlSyncOptions { prefix, paging } = options;
    let restoring = StoredValue::new(false);
    let prefix_w = prefix.clone();
    // The query last seen. (A signal of a type the panel already has, read and set
    // untracked: a new stored type would bring its own copy of the arena code.)
    let prev = RwSignal::new(None::<ListQuery>);
    crate::ui::dom::effect(move || {
        let q = panel.request.get();
        if let Some(before) = prev.get_untracked() {
            if !restoring.get_value() {
                url_sync::write(&prefix_w, &q, url_sync::mode_for(&before, &q));
            }
            restoring.set_value(false);
        }
        prev.set(Some(q));
    });
    let pop = window_event_listener(leptos::ev::popstate, move |_| {
        let q = url_sync::read(&prefix, &paging);
        restoring.set_value(true);
        panel.filter_text.set(q.filter.clone());
        panel.query.set(q);
    });
    on_cleanup(move || pop.remove());
}

//! Another tab signed in or out: follow it.

use leptos::prelude::*;

use crate::ui::state::Panel;

/// Listens to `storage` events on the panel's key: a sign-out elsewhere signs out
/// here (saying why); new credentials (another user, or a renewed token) are adopted
/// and the list reloads.
#[inline(never)]
pub(crate) fn use_cross_tab_credentials(panel: Panel) {
    let storage = window_event_listener(leptos::ev::storage, move |ev| {
        let change = panel.store.with_value(|s| s.read_storage_event(&ev));
        if let Some(next) = change {
            if next != panel.creds.get_untracked() {
                match next {
                    None => panel.sign_out_local(Some(crate::core::i18n::M::NoticeOtherTab.into())),
                    Some(creds) => panel.adopt(creds),
                }
            }
        }
    });
    on_cleanup(move || storage.remove());
}

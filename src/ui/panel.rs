//! One mounted panel: its state, the effects and listeners that keep it in step with
//! the server, the URL and other tabs, and its root view.

use std::time::Duration;

use leptos::prelude::*;

use crate::core::query::ListQuery;
use crate::ui::signin::SignIn;
use crate::ui::state::Panel;
use crate::ui::{either, SessionsView, Settings};
use crate::web::api::ApiClient;
use crate::web::storage::{rocketchat_web_login, CredentialStore};
use crate::web::url_sync;

static NEXT_INSTANCE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

/// Builds one panel from settings already checked (see [`Settings`]).
pub(crate) fn panel(settings: Settings) -> AnyView {
    crate::web::panic::install();
    let uid = NEXT_INSTANCE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let Settings {
        base_url,
        storage_key: key,
        page_sizes: sizes,
        default_page_size: default_size,
        sync_url,
        url_prefix: prefix,
        refresh_interval_ms,
        focus_refresh_after_ms,
        reuse_rocketchat_login,
        class,
        timeout_ms,
        debounce_ms,
    } = settings;
    let client = ApiClient::new(&base_url).with_timeout(timeout_ms);

    let store = CredentialStore::new(&key);
    let (mut creds, notice) = store.load();
    if creds.is_none() && reuse_rocketchat_login {
        creds = rocketchat_web_login(client.base_url());
    }
    let initial_query = if sync_url {
        let q = url_sync::read(&prefix, default_size);
        if sizes.contains(&q.page_size) { q } else { q.with_page_size(default_size) }
    } else {
        ListQuery { page_size: default_size, ..ListQuery::default() }
    };
    let panel = Panel::new(client, store, creds, initial_query, sizes, uid);
    panel.auth_notice.set(notice.map(|n| n.message()));
    provide_context(panel);

    // Load whenever the query, the signed-in user or the reload counter changes.
    let identity = Memo::new(move |_| panel.creds.with(|c| c.as_ref().map(|c| (c.user_id.clone(), c.base_url.clone()))));
    Effect::new(move |_| {
        let query = panel.request.get();
        panel.reload.track();
        if identity.get().is_some() {
            panel.load(query);
        }
    });

    // URL sync: replace while typing, push on page changes, restore on back/forward.
    let restoring = StoredValue::new(false);
    if sync_url {
        let prefix_w = prefix.clone();
        Effect::new(move |prev: Option<ListQuery>| {
            let q = panel.request.get();
            if let Some(prev) = prev {
                if !restoring.get_value() {
                    url_sync::write(&prefix_w, &q, url_sync::mode_for(&prev, &q));
                }
                restoring.set_value(false);
            }
            q
        });
        let prefix_r = prefix.clone();
        let pop = window_event_listener(leptos::ev::popstate, move |_| {
            let q = url_sync::read(&prefix_r, default_size);
            restoring.set_value(true);
            panel.filter_text.set(q.filter.clone());
            panel.query.set(q);
        });
        on_cleanup(move || pop.remove());
    }

    // Another tab signed in or out.
    let storage = window_event_listener(leptos::ev::storage, move |ev| {
        let change = panel.store.with_value(|s| s.from_storage_event(&ev));
        if let Some(next) = change {
            if next != panel.creds.get_untracked() {
                match next {
                    None => panel.sign_out_local(Some("You signed out in another tab.".into())),
                    Some(creds) => panel.adopt(creds),
                }
            }
        }
    });
    // Coming back to the tab: the list may be stale, unless it was loaded just now.
    let focus_min_age = f64::from(focus_refresh_after_ms);
    let focus = window_event_listener(leptos::ev::focus, move |_| {
        if panel.auto_refresh_allowed() && panel.list_age_ms() >= focus_min_age {
            panel.refetch();
        }
    });
    let ticker = set_interval_with_handle(move || { let _ = panel.now.try_set(crate::web::time::now_ms()); }, Duration::from_secs(60)).ok();
    let refresher = Some(refresh_interval_ms).filter(|ms| *ms >= 1000).and_then(|ms| {
        set_interval_with_handle(
            move || {
                if panel.auto_refresh_allowed() {
                    panel.refetch();
                }
            },
            Duration::from_millis(ms as u64),
        )
        .ok()
    });
    on_cleanup(move || {
        storage.remove();
        focus.remove();
        if let Some(t) = ticker {
            t.clear();
        }
        if let Some(r) = refresher {
            r.clear();
        }
        panel.abort_inflight();
    });

    let root_class = if class.trim().is_empty() { "as-root".to_owned() } else { format!("as-root {}", class.trim()) };
    let debounce = debounce_ms as f64;

    view! {
        <div class=root_class>
            {move || panel.storage_warning.get().map(|w| view! { <p class="as-notice">{w}</p> })}
            {either(
                move || panel.creds.with(|c| c.is_some()),
                move || view! { <SessionsView debounce=debounce /> }.into_any(),
                || view! { <SignIn /> }.into_any(),
            )}
            <p class="as-sr-only" role="status" aria-live="polite">{move || panel.announcement.get()}</p>
        </div>
    }
    .into_any()
}

//! One mounted panel: its state, the hooks that keep it in step with the server, the
//! URL, other tabs and the clock, and its root view.

use leptos::prelude::*;

use crate::core::query::{ListQuery, Paging};
use crate::ui::dom::{effect, live_text, region, El};
use crate::ui::hooks::{
    use_auto_refresh_with_options, use_cross_tab_credentials, use_locale_with_options, use_sessions,
    use_url_sync_with_options, UseAutoRefreshOptions, UseLocaleOptions, UseUrlSyncOptions,
};
use crate::ui::sessions::sessions_view;
use crate::ui::show::{either, when};
use crate::ui::signin::sign_in;
use crate::ui::state::Panel;
use crate::ui::Settings;
use crate::web::api::ApiClient;
use crate::web::storage::{rocketchat_web_login, CredentialStore};
use crate::web::url_sync;

static NEXT_INSTANCE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

/// Builds one panel from settings already checked (see [`Settings`]); `locale` is
/// the prop itself, which may change later (its first value is in `settings`).
#[inline(never)]
pub(crate) fn panel(settings: Settings, locale: MaybeProp<String>) -> AnyView {
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
        stale_after_days,
        locale: _,
        messages,
        locales_url,
    } = settings;
    let client = ApiClient::new(&base_url).with_timeout(timeout_ms);

    let store = CredentialStore::new(&key);
    let (mut creds, notice) = store.load();
    if creds.is_none() && reuse_rocketchat_login {
        creds = rocketchat_web_login(client.base_url());
    }
    let paging = Paging::new(&sizes, default_size);
    let initial_query = if sync_url { url_sync::read(&prefix, &paging) } else { ListQuery::new(paging) };
    let panel = Panel::new(client, store, creds, initial_query, sizes, uid, stale_after_days);
    panel.auth_notice.set(notice.map(|n| n.text()));

    use_locale_with_options(panel, UseLocaleOptions { locale, messages, locales_url, timeout_ms });
    use_sessions(panel);
    if sync_url {
        use_url_sync_with_options(panel, UseUrlSyncOptions { prefix, paging });
    }
    use_cross_tab_credentials(panel);
    use_auto_refresh_with_options(
        panel,
        UseAutoRefreshOptions { interval_ms: refresh_interval_ms, focus_after_ms: focus_refresh_after_ms },
    );

    let root_class = crate::ui::root_class(&class);
    let debounce = debounce_ms as f64;

    // The root's language and direction, and the polite announcements, set in place
    // by effects (through one compiled effect, see `dom::effect`).
    let root = NodeRef::<leptos::html::Div>::new();
    let said = NodeRef::<leptos::html::P>::new();
    effect(move || {
        panel.lang_rev.track();
        let (tag, rtl) = panel.lang.try_with_value(|l| (l.tag.clone(), l.rtl)).unwrap_or_default();
        if let Some(r) = root.get() {
            let _ = r.set_attribute("lang", &tag);
            let _ = r.set_attribute("dir", if rtl { "rtl" } else { "ltr" });
        }
    });
    live_text(said, move || panel.announcement.get());

    view! {
        <div class=root_class node_ref=root>
            // Nothing until the first language is in place (a catalog may be loading).
            {region(panel, |panel| {
                let warning = panel.lang_ready().then(|| panel.storage_warning.get()).flatten();
                warning.map(|w| El::new("p", "as-notice").text(&panel.word(&w))).into_iter().collect()
            }, |_, _| {})}
            {when(move || panel.lang_ready(), move || either(
                move || panel.creds.with(|c| c.is_some()),
                move || sessions_view(panel, debounce),
                move || sign_in(panel),
            ).into_any())}
            <p class="as-sr-only" role="status" aria-live="polite" node_ref=said></p>
        </div>
    }
    .into_any()
}

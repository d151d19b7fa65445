//! The sessions resource: one list request per distinct query, the previous one
//! aborted, a late answer dropped (generation counter), and a refetch on demand.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::creds::Credentials;
use crate::core::error::ApiError;
use crate::core::model::SessionsPage;
use crate::core::own::{others_count, own_row_candidates, should_search_own_row};
use crate::core::page::clamp_page;
use crate::core::query::ListQuery;
use crate::ui::state::Panel;
use crate::web::api::{ApiClient, RequestHandle};

/// Loads whenever the query, the signed-in user or the reload counter changes
/// (equal queries do not refetch: `panel.request` is a memo), and aborts what is in
/// flight when the panel goes.
#[inline(never)]
pub(crate) fn use_sessions(panel: Panel) {
    let identity =
        Memo::new(move |_| panel.creds.with(|c| c.as_ref().map(|c| (c.user_id.clone(), c.base_url.clone()))));
    crate::ui::dom::effect(move || {
        let query = panel.request.get();
        panel.reload.track();
        if identity.get().is_some() {
            load(panel, query);
        }
    });
    on_cleanup(move || panel.abort_inflight());
}

/// `sessions/info` calls spent looking for our row after a load (each is
/// rate-limited; our resume login is normally the newest row).
pub(super) const OWN_ROW_PROBES_ON_LOAD: usize = 2;

/// Starts loading `query`, superseding whatever is in flight.
fn load(panel: Panel, query: ListQuery) {
    let Some(creds) = panel.creds_now() else { return };
    panel.abort_inflight();
    let generation = panel.generation.get_value() + 1;
    panel.generation.set_value(generation);
    let handle = RequestHandle::new();
    panel.inflight.set_value(Some(handle.clone()));
    panel.loading.set(true);
    let client = panel.client();
    spawn_local(async move {
        let result = client.list(&creds, &query, &handle).await;
        // A newer load started (or the component is gone): this answer must not reach the screen.
        if panel.generation.try_get_value() != Some(generation) {
            return;
        }
        let _ = panel.inflight.try_set_value(None);
        finish_load(panel, query, result);
    });
}

fn finish_load(panel: Panel, query: ListQuery, result: Result<SessionsPage, ApiError>) {
    match result {
        Ok(page) => {
            // The page emptied under us (a device logged out elsewhere): step back.
            let target = clamp_page(query.page, query.page_size, page.total);
            if page.sessions.is_empty() && target != query.page {
                let _ = panel.query.try_set(query.with_page(target));
                return;
            }
            let _ = panel.loading.try_set(false);
            let _ = panel.error.try_set(None);
            // Relative times are computed against this clock: keep it in step with fresh data.
            let now = crate::web::time::now_ms();
            let _ = panel.now.try_set(now);
            let _ = panel.loaded_at.try_set_value(now);
            if query.filter.is_empty() {
                let creds = panel.creds_now();
                let listed = creds.as_ref().is_some_and(|c| c.listed);
                let own = panel.own_session.get_untracked();
                let _ = panel.others.try_set(others_count(&page, listed, own.as_deref()));
                // A server without the `current` flag, and a row we know is ours
                // (we logged the token in by resume): look for it once, on page 1.
                if query.page == 0
                    && !panel.own_searched.get_value()
                    && should_search_own_row(&page.sessions, listed, own.as_deref())
                {
                    panel.own_searched.set_value(true);
                    if let Some(creds) = creds {
                        let candidates = own_row_candidates(&page.sessions, OWN_ROW_PROBES_ON_LOAD);
                        spawn_local(async move {
                            let found = identify_own_row(&panel.client(), &creds, &candidates).await;
                            if found.is_some() {
                                let _ = panel.own_session.try_set(found);
                            }
                        });
                    }
                }
            }
            panel.take_in(&page, query.filter.is_empty().then(|| query.offset()));
            let _ = panel.data.try_set(Some(page));
            let _ = panel.data_query.try_set(Some(query));
        }
        Err(ApiError::Aborted) => {}
        Err(e) if e.clears_credentials() => panel.sign_out_local(Some(e.text())),
        Err(e) => {
            let now = crate::web::time::now_ms();
            if let Some(wait) = e.rate_limit_wait_seconds(now) {
                // Capped: a manual Refresh or Retry still works at any time.
                let _ = panel.quiet_until.try_set_value(now + wait.min(3600) as f64 * 1000.0);
            }
            let _ = panel.loading.try_set(false);
            let _ = panel.error.try_set(Some(e));
        }
    }
}

/// The id of our own row among `candidates`: the one whose hashed login token, as
/// `sessions/info` reports it, equals the hash of ours. `None` when none matches or
/// the browser cannot hash (no SubtleCrypto outside secure contexts).
pub(super) async fn identify_own_row(client: &ApiClient, creds: &Credentials, candidates: &[String]) -> Option<String> {
    if candidates.is_empty() {
        return None;
    }
    let mine = crate::web::crypto::hashed_login_token(&creds.auth_token).await?;
    for sid in candidates {
        match client.info(creds, sid, &RequestHandle::new()).await {
            Ok(info) if info.login_token.as_deref() == Some(mine.as_str()) => return Some(sid.clone()),
            Ok(_) | Err(ApiError::NotFound { .. }) => {}
            // A rate limit or a fault: stop spending calls; the row stays unknown.
            Err(_) => return None,
        }
    }
    None
}

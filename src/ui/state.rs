//! The component's reactive state and everything that talks to the server.
//!
//! Loading is driven by one memo over the query: equal queries do not refetch, a
//! new query aborts the request in flight, and a generation counter makes sure
//! that an answer which still lands late is dropped instead of shown.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::creds::Credentials;
use crate::core::error::ApiError;
use crate::core::model::{Session, SessionInfo, SessionsPage};
use crate::core::own::{is_this_device, others_count, own_row_candidates, rows_to_remove};
use crate::core::page::{clamp_page, PageInfo, MAX_PAGE_SIZE};
use crate::core::query::ListQuery;
use crate::web::api::{ApiClient, RequestHandle};
use crate::web::storage::CredentialStore;
use crate::web::time::TimeFormatter;

/// A pending "log out this device" confirmation.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfirmLogout {
    pub session_id: String,
    pub title: String,
    pub current: bool,
}

/// Which confirmation dialog is open.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    LogoutDevice(ConfirmLogout),
    /// `None` when no unfiltered list was loaded yet, so the number is unknown.
    LogoutOthers { count: Option<u64> },
}

/// All of one instance's state: `Copy` handles, shared with the parts through context.
#[derive(Clone, Copy)]
pub struct Panel {
    pub client: StoredValue<ApiClient>,
    pub store: StoredValue<CredentialStore, LocalStorage>,
    pub times: StoredValue<TimeFormatter, LocalStorage>,
    pub uid: u32,
    pub creds: RwSignal<Option<Credentials>>,
    /// Why the user is looking at the sign-in panel (expired token, corrupt storage, …).
    pub auth_notice: RwSignal<Option<String>>,
    /// Set when credentials cannot persist (storage blocked or full).
    pub storage_warning: RwSignal<Option<&'static str>>,
    pub page_sizes: StoredValue<Vec<u32>>,
    /// What the filter box shows; the query takes it after the debounce.
    pub filter_text: RwSignal<String>,
    pub query: RwSignal<ListQuery>,
    /// The query as the server sees it: equal values do not refetch.
    pub request: Memo<ListQuery>,
    pub reload: RwSignal<u64>,
    pub data: RwSignal<Option<SessionsPage>>,
    pub data_query: RwSignal<Option<ListQuery>>,
    /// Sessions other than this one, from the last unfiltered answer: what
    /// "sign out all other devices" removes, whatever the filter shows. `None`
    /// while unknown (not loaded, or the server's answer cannot tell; see `core::own`).
    pub others: RwSignal<Option<u64>>,
    /// This browser's row, found by its hashed token on a server without the
    /// `current` flag (see `identify_own_row`).
    pub own_session: RwSignal<Option<String>>,
    /// Whether the own-row search already ran for these credentials (it costs calls).
    own_searched: StoredValue<bool>,
    /// "Sign out all other devices" in progress, or how it ended.
    pub bulk: RwSignal<Option<Bulk>>,
    pub loading: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
    pub pending: RwSignal<Vec<String>>,
    /// Sessions whose details are open; kept across redraws and refreshes.
    pub open_details: RwSignal<Vec<String>>,
    /// `sessions/info` answers of the open details, by session id.
    pub details: RwSignal<Vec<(String, Result<SessionInfo, ApiError>)>>,
    pub dialog: RwSignal<Option<Dialog>>,
    pub announcement: RwSignal<String>,
    pub mask_ips: RwSignal<bool>,
    pub now: RwSignal<f64>,
    /// When the list on screen arrived (`now_ms`), for the focus refresh.
    loaded_at: StoredValue<f64>,
    /// Until when (`now_ms`) a 429 asked us to wait: no automatic refresh before.
    quiet_until: StoredValue<f64>,
    generation: StoredValue<u64>,
    inflight: StoredValue<Option<RequestHandle>, LocalStorage>,
}

impl Panel {
    pub fn new(
        client: ApiClient,
        store: CredentialStore,
        initial_creds: Option<Credentials>,
        initial_query: ListQuery,
        page_sizes: Vec<u32>,
        uid: u32,
    ) -> Self {
        let storage_warning = store.persistence().warning();
        let query = RwSignal::new(initial_query.clone());
        Self {
            client: StoredValue::new(client),
            store: StoredValue::new_local(store),
            times: StoredValue::new_local(TimeFormatter::new()),
            uid,
            creds: RwSignal::new(initial_creds),
            auth_notice: RwSignal::new(None),
            storage_warning: RwSignal::new(storage_warning),
            page_sizes: StoredValue::new(page_sizes),
            filter_text: RwSignal::new(initial_query.filter.clone()),
            query,
            request: Memo::new(move |_| query.get()),
            reload: RwSignal::new(0),
            data: RwSignal::new(None),
            data_query: RwSignal::new(None),
            others: RwSignal::new(None),
            own_session: RwSignal::new(None),
            own_searched: StoredValue::new(false),
            bulk: RwSignal::new(None),
            loading: RwSignal::new(false),
            error: RwSignal::new(None),
            pending: RwSignal::new(Vec::new()),
            open_details: RwSignal::new(Vec::new()),
            details: RwSignal::new(Vec::new()),
            dialog: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            mask_ips: RwSignal::new(false),
            now: RwSignal::new(crate::web::time::now_ms()),
            loaded_at: StoredValue::new(f64::NEG_INFINITY),
            quiet_until: StoredValue::new(f64::NEG_INFINITY),
            generation: StoredValue::new(0),
            inflight: StoredValue::new_local(None),
        }
    }

    pub fn client(&self) -> ApiClient {
        self.client.get_value()
    }

    /// The signed-in credentials, read without subscribing.
    pub fn creds_now(&self) -> Option<Credentials> {
        self.creds.try_get_untracked().flatten()
    }

    /// Whether a refresh nobody asked for (focus, interval) may go out now: signed in,
    /// nothing loading, and not inside a rate-limit wait the server announced (a
    /// request then would only earn another 429).
    pub fn auto_refresh_allowed(&self) -> bool {
        let signed_in = self.creds.try_with_untracked(|c| c.is_some()) == Some(true);
        let waiting = self.quiet_until.try_get_value().is_some_and(|t| crate::web::time::now_ms() < t);
        signed_in && self.loading.try_get_untracked() == Some(false) && !waiting
    }

    /// Milliseconds since the list on screen arrived (infinite before the first).
    pub fn list_age_ms(&self) -> f64 {
        crate::web::time::now_ms() - self.loaded_at.try_get_value().unwrap_or(f64::NEG_INFINITY)
    }

    /// Asks for the current query again (Refresh, focus, interval, after a mutation).
    pub fn refetch(&self) {
        self.reload.try_update(|n| *n += 1);
    }

    /// Stores freshly obtained credentials and shows the list.
    pub fn sign_in(&self, creds: Credentials) {
        self.store.with_value(|s| s.save(&creds));
        self.storage_warning.set(self.store.with_value(|s| s.persistence()).warning());
        self.auth_notice.set(None);
        self.error.set(None);
        self.data.set(None);
        self.creds.set(Some(creds));
    }

    /// Forgets the credentials here; `reason` is shown on the sign-in panel.
    pub fn sign_out_local(&self, reason: Option<String>) {
        self.abort_inflight();
        self.store.with_value(|s| s.clear());
        let _ = self.auth_notice.try_set(reason);
        self.reset_user_state();
        let _ = self.creds.try_set(None);
    }

    /// Takes credentials another tab stored: a new user (or a renewed token)
    /// starts from a clean slate and loads afresh.
    pub fn adopt(&self, creds: Credentials) {
        self.abort_inflight();
        self.reset_user_state();
        let _ = self.creds.try_set(Some(creds));
        // Same user, new token: the identity did not change, so ask explicitly.
        self.refetch();
    }

    /// Clears everything that belongs to the signed-in user's list.
    fn reset_user_state(&self) {
        let _ = self.data.try_set(None);
        let _ = self.data_query.try_set(None);
        let _ = self.others.try_set(None);
        let _ = self.own_session.try_set(None);
        let _ = self.own_searched.try_set_value(false);
        let _ = self.bulk.try_set(None);
        let _ = self.error.try_set(None);
        let _ = self.loading.try_set(false);
        let _ = self.dialog.try_set(None);
        let _ = self.open_details.try_set(Vec::new());
        let _ = self.details.try_set(Vec::new());
        let _ = self.loaded_at.try_set_value(f64::NEG_INFINITY);
        let _ = self.quiet_until.try_set_value(f64::NEG_INFINITY);
    }

    /// "Sign out": ends this login on the server (best effort), then forgets it here.
    pub fn sign_out(&self) {
        let Some(creds) = self.creds_now() else { return };
        let client = self.client();
        let panel = *self;
        panel.sign_out_local(None);
        panel.announce("You are signed out.".into());
        spawn_local(async move {
            let _ = client.logout(&creds, &RequestHandle::new()).await;
        });
    }

    pub fn announce(&self, text: String) {
        let _ = self.announcement.try_set(text);
    }

    pub fn abort_inflight(&self) {
        if let Some(Some(h)) = self.inflight.try_get_value() {
            h.abort();
        }
        let _ = self.inflight.try_set_value(None);
    }

    /// Starts loading `query`, superseding whatever is in flight.
    pub fn load(&self, query: ListQuery) {
        let Some(creds) = self.creds_now() else { return };
        self.abort_inflight();
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        let handle = RequestHandle::new();
        self.inflight.set_value(Some(handle.clone()));
        self.loading.set(true);
        let client = self.client();
        let panel = *self;
        spawn_local(async move {
            let result = client.list(&creds, &query, &handle).await;
            // A newer load started (or the component is gone): this answer must not reach the screen.
            if panel.generation.try_get_value() != Some(generation) {
                return;
            }
            let _ = panel.inflight.try_set_value(None);
            panel.finish_load(query, result);
        });
    }

    fn finish_load(&self, query: ListQuery, result: Result<SessionsPage, ApiError>) {
        match result {
            Ok(page) => {
                // The page emptied under us (a device logged out elsewhere): step back.
                let target = clamp_page(query.page, query.page_size, page.total);
                if page.sessions.is_empty() && target != query.page {
                    let _ = self.query.try_set(query.with_page(target));
                    return;
                }
                let _ = self.loading.try_set(false);
                let _ = self.error.try_set(None);
                // Relative times are computed against this clock: keep it in step with fresh data.
                let now = crate::web::time::now_ms();
                let _ = self.now.try_set(now);
                let _ = self.loaded_at.try_set_value(now);
                if query.filter.is_empty() {
                    let creds = self.creds_now();
                    let listed = creds.as_ref().is_some_and(|c| c.listed);
                    let own = self.own_session.get_untracked();
                    let _ = self.others.try_set(others_count(&page, listed, own.as_deref()));
                    // A server without the `current` flag, and a row we know is ours
                    // (we logged the token in by resume): find it once by its hashed token.
                    let flagged = page.sessions.iter().any(|s| s.current.is_some());
                    if listed && own.is_none() && !flagged && query.page == 0 && !self.own_searched.get_value() {
                        self.own_searched.set_value(true);
                        if let Some(creds) = creds {
                            let candidates = own_row_candidates(&page.sessions, OWN_ROW_PROBES_ON_LOAD);
                            let panel = *self;
                            spawn_local(async move {
                                let found = identify_own_row(&panel.client(), &creds, &candidates).await;
                                if found.is_some() {
                                    let _ = panel.own_session.try_set(found);
                                }
                            });
                        }
                    }
                }
                let _ = self.data.try_set(Some(page));
                let _ = self.data_query.try_set(Some(query));
            }
            Err(ApiError::Aborted) => {}
            Err(e) if e.clears_credentials() => self.sign_out_local(Some(e.message())),
            Err(e) => {
                let now = crate::web::time::now_ms();
                if let Some(wait) = e.rate_limit_wait_seconds(now) {
                    // Capped: a manual Refresh or Retry still works at any time.
                    let _ = self.quiet_until.try_set_value(now + wait.min(3600) as f64 * 1000.0);
                }
                let _ = self.loading.try_set(false);
                let _ = self.error.try_set(Some(e));
            }
        }
    }

    /// What the polite status region says.
    pub fn status_text(&self) -> String {
        // "Updating…" stays out of this polite live region: with a refresh interval it
        // would be announced twice a minute. The list's aria-busy carries it instead.
        match self.page_info() {
            Some(info) => info.status_text(),
            None if self.loading.get() => "Loading sessions…".into(),
            None => String::new(),
        }
    }

    /// Page math of the answer on screen.
    pub fn page_info(&self) -> Option<PageInfo> {
        self.data.with(|d| {
            d.as_ref().map(|page| {
                let q = self.data_query.get().unwrap_or_default();
                PageInfo::new(page.total, page.count, q.page_size, q.offset(), page.sessions.len())
            })
        })
    }

    /// Opens or closes a card's details; opening loads `sessions/info` afresh.
    pub fn toggle_details(&self, session_id: &str) {
        let sid = session_id.to_owned();
        if self.open_details.with_untracked(|o| o.contains(&sid)) {
            self.open_details.update(|o| o.retain(|s| s != &sid));
            self.details.update(|d| d.retain(|(s, _)| s != &sid));
            return;
        }
        let Some(creds) = self.creds_now() else { return };
        self.details.update(|d| d.retain(|(s, _)| s != &sid));
        self.open_details.update(|o| o.push(sid.clone()));
        let client = self.client();
        let panel = *self;
        spawn_local(async move {
            let result = client.info(&creds, &sid, &RequestHandle::new()).await;
            if let Err(e) = &result {
                if e.clears_credentials() {
                    panel.sign_out_local(Some(e.message()));
                    return;
                }
            }
            // Closed again while loading: nothing to show.
            if panel.open_details.try_with_untracked(|o| o.contains(&sid)) == Some(true) {
                // Opened, closed and opened again quickly: the latest answer wins.
                let _ = panel.details.try_update(|d| {
                    d.retain(|(s, _)| s != &sid);
                    d.push((sid, result));
                });
            }
        });
    }

    /// Opens the "log out this device" dialog.
    pub fn ask_logout(&self, target: ConfirmLogout) {
        self.dialog.set(Some(Dialog::LogoutDevice(target)));
    }

    /// Opens the "sign out all other devices" dialog with how many go.
    pub fn ask_logout_others(&self) {
        let count = self.others.get_untracked();
        self.dialog.set(Some(Dialog::LogoutOthers { count }));
    }

    /// Logs one device out after the dialog's confirmation.
    pub fn logout_device(&self, target: ConfirmLogout) {
        let Some(creds) = self.creds_now() else { return };
        let client = self.client();
        let panel = *self;
        self.pending.update(|p| p.push(target.session_id.clone()));
        spawn_local(async move {
            let result = client.logout_session(&creds, &target.session_id, &RequestHandle::new()).await;
            let _ = panel.pending.try_update(|p| p.retain(|s| s != &target.session_id));
            match result {
                Ok(_) if target.current => {
                    panel.sign_out_local(None);
                    panel.announce("This device was logged out, so you are signed out here.".into());
                }
                Ok(_) => {
                    // Keeps "sign out all other devices" right while a filter hides the count.
                    let _ = panel.others.try_update(|o| *o = o.map(|n| n.saturating_sub(1)));
                    panel.announce(format!("{} was logged out.", target.title));
                    panel.refetch();
                }
                Err(ApiError::NotFound { .. }) => {
                    panel.announce(format!("{} was already logged out.", target.title));
                    panel.refetch();
                }
                Err(e) if e.clears_credentials() => panel.sign_out_local(Some(e.message())),
                Err(e) => panel.announce(format!("Could not log out {}: {}", target.title, e.message())),
            }
        });
    }

    /// Whether "sign out all other devices" is running.
    pub fn bulk_running(&self) -> bool {
        self.bulk.with(|b| b.as_ref().is_some_and(|b| b.running))
    }

    fn bulk_says(&self, text: String, running: bool) {
        let _ = self.bulk.try_set(Some(Bulk { text, running }));
    }

    /// "Sign out all other devices", so that the server's list afterwards is what the
    /// panel says:
    /// 1. `users.logoutOtherClients` ends every other login at once, listed or not (a
    ///    password login is never listed), but leaves their rows in the list;
    /// 2. every listed row is read, and this device's row told apart (the `current`
    ///    flag, or its hashed token);
    /// 3. `sessions/logout.me` ends each other row for good, one by one, waiting out
    ///    the rate limit (10 calls a minute by default) and going on after a failure;
    /// 4. a summary says what was removed and what was not, and why.
    pub fn logout_others(&self) {
        let Some(creds) = self.creds_now() else { return };
        if self.bulk_running() {
            return;
        }
        let client = self.client();
        let panel = *self;
        let starting = "Signing out the other devices…".to_owned();
        panel.bulk_says(starting.clone(), true);
        panel.announce(starting);
        spawn_local(async move {
            let handle = RequestHandle::new();
            let token = match retry_rate_limited(panel, None, || client.logout_other_clients(&creds, &handle)).await {
                Ok(t) => t,
                Err(e) => return panel.bulk_failed(e, "Could not sign out the other devices: "),
            };
            let creds = if token.token == creds.auth_token {
                creds
            } else {
                // Older servers issue a new token: our old row is now just another stale row.
                let renewed = Credentials { auth_token: token.token, listed: false, ..creds };
                panel.store.with_value(|s| s.save(&renewed));
                let _ = panel.creds.try_set(Some(renewed.clone()));
                let _ = panel.own_session.try_set(None);
                renewed
            };
            let rows = match all_rows(panel, &client, &creds).await {
                Ok(rows) => rows,
                Err(e) => {
                    return panel.bulk_failed(e, "All other devices were signed out, but their sessions could not be read to remove them from the list: ")
                }
            };
            let mut own = panel.own_session.get_untracked();
            if own.is_none() && !rows.iter().any(|s| s.current.is_some()) {
                own = identify_own_row(&client, &creds, &own_row_candidates(&rows, OWN_ROW_PROBES_IN_BULK)).await;
                let _ = panel.own_session.try_set(own.clone());
            }
            let Some(targets) = rows_to_remove(&rows, own.as_deref()) else {
                let _ = panel.others.try_set(None);
                panel.bulk_done(format!(
                    "All other devices were signed out. This server does not say which listed session is this browser, \
                     so it still lists {} sessions; their devices can no longer use them.",
                    rows.len()
                ));
                return panel.refetch_first_page();
            };
            let total = targets.len();
            let mut failed: Vec<String> = Vec::new();
            for (i, sid) in targets.iter().enumerate() {
                if panel.bulk.try_with_untracked(|_| ()).is_none() {
                    return; // The component is gone.
                }
                panel.bulk_says(format!("Removing the signed-out sessions from the list: {} of {total}…", i + 1), true);
                match retry_rate_limited(panel, Some((i, total)), || client.logout_session(&creds, sid, &handle)).await {
                    // Already gone is what we wanted.
                    Ok(_) | Err(ApiError::NotFound { .. }) => {}
                    Err(e) if e.clears_credentials() => return panel.sign_out_local(Some(e.message())),
                    Err(e) => failed.push(e.message()),
                }
            }
            let _ = panel.others.try_set(Some(failed.len() as u64));
            let removed = total - failed.len();
            let summary = match failed.first() {
                None if total == 0 => "All other devices were signed out.".to_owned(),
                None => format!("All other devices were signed out. Their {total} sessions were removed from the list."),
                Some(why) => format!(
                    "All other devices were signed out. {removed} of {total} sessions were removed from the list; \
                     {} could not be ({why}) and are still listed.",
                    failed.len()
                ),
            };
            panel.bulk_done(summary);
            panel.refetch_first_page();
        });
    }

    fn bulk_done(&self, summary: String) {
        self.bulk_says(summary.clone(), false);
        self.announce(summary);
    }

    fn bulk_failed(&self, e: ApiError, prefix: &str) {
        if e.clears_credentials() {
            return self.sign_out_local(Some(e.message()));
        }
        self.bulk_done(format!("{prefix}{}", e.message()));
        self.refetch_first_page();
    }

    fn refetch_first_page(&self) {
        let _ = self.query.try_update(|q| *q = q.with_page(0));
        self.refetch();
    }
}

/// The state of "sign out all other devices": a progress line while `running`, then
/// the summary.
#[derive(Clone, Debug, PartialEq)]
pub struct Bulk {
    pub text: String,
    pub running: bool,
}

/// `sessions/info` calls spent looking for our row after a load, and before a bulk
/// sign-out (each is rate-limited; our resume login is normally the newest row).
const OWN_ROW_PROBES_ON_LOAD: usize = 2;
const OWN_ROW_PROBES_IN_BULK: usize = 5;
/// 429s in a row on one call before it counts as failed.
const MAX_RATE_LIMIT_WAITS: u32 = 10;

/// Runs `call`, waiting out each 429 for as long as the server asks (60 s when it
/// does not say), saying so in the bulk line, at most [`MAX_RATE_LIMIT_WAITS`] times.
async fn retry_rate_limited<T, F, Fut>(panel: Panel, progress: Option<(usize, usize)>, call: F) -> Result<T, ApiError>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<T, ApiError>>,
{
    let mut waits = 0;
    loop {
        match call().await {
            Err(e @ ApiError::RateLimited { .. }) if waits < MAX_RATE_LIMIT_WAITS => {
                waits += 1;
                let seconds = e.rate_limit_wait_seconds(crate::web::time::now_ms()).unwrap_or(60).clamp(1, 3600);
                let done = progress.map(|(i, total)| format!(" ({i} of {total} removed)")).unwrap_or_default();
                let text = format!("The server asks us to slow down: going on in {seconds} seconds{done}…");
                panel.bulk_says(text.clone(), true);
                panel.announce(text);
                crate::web::time::sleep_ms(seconds as u32 * 1000).await;
            }
            other => return other,
        }
    }
}

/// Every listed row of the user, newest logins first, 100 a page (rate limits waited out).
async fn all_rows(panel: Panel, client: &ApiClient, creds: &Credentials) -> Result<Vec<Session>, ApiError> {
    let handle = RequestHandle::new();
    let mut rows: Vec<Session> = Vec::new();
    // Bounded: a server that keeps answering full pages cannot keep us here forever.
    for page in 0..100 {
        let query = ListQuery { page_size: MAX_PAGE_SIZE, page, ..ListQuery::default() };
        let answer = retry_rate_limited(panel, None, || client.list(creds, &query, &handle)).await?;
        let got = answer.sessions.len();
        for s in answer.sessions {
            if !rows.iter().any(|r| r.session_id == s.session_id) {
                rows.push(s);
            }
        }
        if got == 0 || query.offset() + got as u64 >= answer.total {
            break;
        }
    }
    Ok(rows)
}

/// The id of our own row among `candidates`: the one whose hashed login token, as
/// `sessions/info` reports it, equals the hash of ours. `None` when none matches or
/// the browser cannot hash (no SubtleCrypto outside secure contexts).
async fn identify_own_row(client: &ApiClient, creds: &Credentials, candidates: &[String]) -> Option<String> {
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

/// Whether a row is this browser's, by the server's word (see `core::own`).
pub fn this_device(panel: &Panel, session: &Session) -> bool {
    panel.own_session.with(|own| is_this_device(session, own.as_deref()))
}

//! What the panel's parts share: the reactive state of one instance and the
//! actions the parts call (sign in and out, details, log a device out). Loading
//! the list is `hooks::use_sessions`; "sign out all other devices" is
//! `hooks::sign_out_others`.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::creds::Credentials;
use crate::core::error::ApiError;
use crate::core::i18n::{s, Arg, Speaker, Text, M};
use crate::core::model::{Session, SessionInfo, SessionsPage};
use crate::core::own::is_this_device;
use crate::core::page::PageInfo;
use crate::core::query::ListQuery;
use crate::core::recency::Visit;
use crate::web::api::{ApiClient, RequestHandle};
use crate::web::i18n::Locale;
use crate::web::storage::CredentialStore;

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
    Device(ConfirmLogout),
    /// `None` when no unfiltered list was loaded yet, so the number is unknown.
    Others {
        count: Option<u64>,
    },
    /// Selected or stale sessions, as (id, title); `stale` holds the cutoff and the
    /// oldest login for the stale wording.
    Many {
        targets: Vec<(String, String)>,
        stale: Option<(f64, f64)>,
    },
}

/// The user's last visit (what "New" compares with) and this one (saved as it goes).
#[derive(Clone, Debug, Default)]
pub struct Visits {
    /// Whose visits these are (`""` until the first answer).
    pub user: String,
    pub last: Option<Visit>,
    pub this: Visit,
}

/// All of one instance's state: `Copy` handles, handed to each part.
#[derive(Clone, Copy)]
pub struct Panel {
    pub client: StoredValue<ApiClient>,
    pub store: StoredValue<CredentialStore, LocalStorage>,
    /// The language texts and dates are worded in; `lang_rev` counts its changes
    /// (every text of the view reads it, so a new language rewords them in place;
    /// 0 until the first language is in place, see [`Panel::lang_ready`]).
    pub lang: StoredValue<Locale, LocalStorage>,
    pub lang_rev: RwSignal<u64>,
    pub uid: u32,
    pub creds: RwSignal<Option<Credentials>>,
    /// Why the user is looking at the sign-in panel (expired token, corrupt storage, …).
    pub auth_notice: RwSignal<Option<Text>>,
    /// Set when credentials cannot persist (storage blocked or full).
    pub storage_warning: RwSignal<Option<Text>>,
    /// The page sizes in the host's order, for the menu (`Paging` keeps a set).
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
    /// Whether the search for our own row already asked about the newest rows after
    /// a load (each `sessions/info` call is rate-limited: the bulk run skips them).
    pub(crate) own_searched: StoredValue<bool>,
    /// "Sign out all other devices": its progress line while `bulk_running`, then
    /// its summary. (Two signals of types the panel already has: a new signal type
    /// costs its own copy of the reactive machinery in the wasm.)
    pub bulk: RwSignal<Option<Text>>,
    pub bulk_running: RwSignal<bool>,
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
    /// Days after which a session is stale (0 = off).
    pub stale_days: u32,
    /// How many sessions of the whole list are stale, once a page told (see `core::recency`).
    pub stale: RwSignal<Option<u64>>,
    pub(crate) visits: StoredValue<Visits>,
    /// Sessions seen this visit that are new since the last one.
    pub new_ids: RwSignal<Vec<String>>,
    /// Selected sessions (kept across pages and refreshes while they exist), as they
    /// were when picked: the dialog lists them, and an answer tells when they are gone.
    /// `selection_rev` counts its changes (what shows the selection tracks that).
    pub(crate) selected: StoredValue<Vec<Session>>,
    pub selection_rev: RwSignal<u64>,
    /// A bulk run's Stop, and the sessions it could not sign out, with why.
    pub(crate) bulk_stop: StoredValue<bool>,
    pub(crate) bulk_failures: StoredValue<Vec<Text>>,
    pub now: RwSignal<f64>,
    /// When the list on screen arrived (`now_ms`), for the focus refresh.
    pub(crate) loaded_at: StoredValue<f64>,
    /// Until when (`now_ms`) a 429 asked us to wait: no automatic refresh before.
    pub(crate) quiet_until: StoredValue<f64>,
    pub(crate) generation: StoredValue<u64>,
    pub(crate) inflight: StoredValue<Option<RequestHandle>, LocalStorage>,
}

impl Panel {
    pub fn new(
        client: ApiClient,
        store: CredentialStore,
        initial_creds: Option<Credentials>,
        initial_query: ListQuery,
        page_sizes: Vec<u32>,
        uid: u32,
        stale_days: u32,
    ) -> Self {
        let storage_warning = store.persistence().warning().map(Text::from);
        let query = RwSignal::new(initial_query.clone());
        Self {
            client: StoredValue::new(client),
            store: StoredValue::new_local(store),
            lang: StoredValue::new_local(Locale::english()),
            lang_rev: RwSignal::new(0),
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
            bulk_running: RwSignal::new(false),
            loading: RwSignal::new(false),
            error: RwSignal::new(None),
            pending: RwSignal::new(Vec::new()),
            open_details: RwSignal::new(Vec::new()),
            details: RwSignal::new(Vec::new()),
            dialog: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            mask_ips: RwSignal::new(false),
            stale_days,
            stale: RwSignal::new(None),
            visits: StoredValue::new(Visits::default()),
            new_ids: RwSignal::new(Vec::new()),
            selected: StoredValue::new(Vec::new()),
            selection_rev: RwSignal::new(0),
            bulk_stop: StoredValue::new(false),
            bulk_failures: StoredValue::new(Vec::new()),
            now: RwSignal::new(crate::web::time::now_ms()),
            loaded_at: StoredValue::new(f64::NEG_INFINITY),
            quiet_until: StoredValue::new(f64::NEG_INFINITY),
            generation: StoredValue::new(0),
            inflight: StoredValue::new_local(None),
        }
    }

    /// Whether the first language is in place (a catalog may be on its way). Tracked.
    pub fn lang_ready(&self) -> bool {
        self.lang_rev.get() > 0
    }

    /// A message in the panel's language. Tracked: a view that shows it is
    /// reworded when the language changes.
    pub fn t(&self, m: M) -> String {
        self.lang_rev.track();
        self.lang.try_with_value(|l| l.say(m)).unwrap_or_default()
    }

    /// A message with arguments in the panel's language (tracked, as [`Panel::t`]).
    pub fn word(&self, t: &Text) -> String {
        self.lang_rev.track();
        self.lang.try_with_value(|l| l.word(t)).unwrap_or_default()
    }

    /// Puts a new language in place: every text on screen is reworded. Parts that
    /// are redrawn to be reworded (the pager, an error box) may replace the focused
    /// control: the one at the same place among the panel's controls gets focus back.
    pub fn set_locale(&self, locale: Locale) {
        let focus = focused_control();
        let _ = self.lang.try_set_value(locale);
        let _ = self.lang_rev.try_update(|n| *n += 1);
        if let Some((root, i)) = focus {
            // After the redraw, which the reactive system runs in microtasks.
            set_timeout(
                move || {
                    let lost = document().active_element().is_none_or(|a| !root.contains(Some(&a)));
                    if let (true, Some(c)) = (lost, controls(&root).get(i)) {
                        let _ = c.focus();
                    }
                },
                std::time::Duration::ZERO,
            );
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

    /// Empties the filter box and shows the unfiltered list at once (no debounce).
    pub fn clear_filter(&self) {
        self.filter_text.set(String::new());
        self.query.update(|q| *q = q.with_filter(""));
    }

    /// Asks for the current query again (Refresh, focus, interval, after a mutation).
    pub fn refetch(&self) {
        self.reload.try_update(|n| *n += 1);
    }

    /// Stores freshly obtained credentials and shows the list.
    pub fn sign_in(&self, creds: Credentials) {
        self.store.with_value(|s| s.save(&creds));
        self.storage_warning.set(self.store.with_value(|s| s.persistence()).warning().map(Text::from));
        self.auth_notice.set(None);
        self.error.set(None);
        self.data.set(None);
        self.creds.set(Some(creds));
    }

    /// Forgets the credentials here; `reason` is shown on the sign-in panel.
    pub fn sign_out_local(&self, reason: Option<Text>) {
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
        let _ = self.bulk_running.try_set(false);
        let _ = self.error.try_set(None);
        let _ = self.loading.try_set(false);
        let _ = self.dialog.try_set(None);
        let _ = self.open_details.try_set(Vec::new());
        let _ = self.details.try_set(Vec::new());
        let _ = self.loaded_at.try_set_value(f64::NEG_INFINITY);
        let _ = self.quiet_until.try_set_value(f64::NEG_INFINITY);
        let _ = self.stale.try_set(None);
        let _ = self.visits.try_set_value(Visits::default());
        let _ = self.new_ids.try_set(Vec::new());
        self.clear_selection();
        let _ = self.bulk_stop.try_set_value(true);
        let _ = self.bulk_failures.try_set_value(Vec::new());
    }

    /// Takes in an answer's sessions: which are new since the last visit (this
    /// visit is remembered as it goes), how many are stale, which selected ones are
    /// gone. `unfiltered`: the answer is a slice of the whole list at `offset`.
    pub(crate) fn take_in(&self, page: &SessionsPage, unfiltered: Option<u64>) {
        let Some(user) = self.creds.with_untracked(|c| c.as_ref().map(|c| c.user_id.clone())) else { return };
        let now = crate::web::time::now_ms();
        let mut fresh = Vec::new();
        self.visits.update_value(|v| {
            if v.user != user {
                let last = self.store.with_value(|s| s.load_visit(&user));
                *v = Visits { user: user.clone(), this: last.clone().unwrap_or_default(), last };
            }
            if let Some(last) = &v.last {
                fresh = page.sessions.iter().filter(|s| last.is_new(s)).map(|s| s.session_id.clone()).collect();
            }
            v.this.saw(&page.sessions, now);
            self.store.with_value(|s| s.save_visit(&user, &v.this));
        });
        if fresh.iter().any(|id| !self.new_ids.with_untracked(|n| n.contains(id))) {
            self.new_ids.update(|n| {
                for id in fresh {
                    if !n.contains(&id) {
                        n.push(id);
                    }
                }
            });
        }
        if let Some(offset) = unfiltered {
            let total = page.total;
            if let Some(n) = crate::core::recency::stale_total(&page.sessions, offset, total, now, self.stale_days) {
                self.stale.set(Some(n));
            }
            let gone: Vec<String> = self.selected.with_value(|p| {
                crate::core::recency::gone_from_page(p, &page.sessions, offset, total)
                    .into_iter()
                    .map(str::to_owned)
                    .collect()
            });
            self.unselect(&gone);
        }
    }

    /// Whether the session `id` is selected. Untracked (track `selection_rev`).
    pub fn is_selected(&self, id: &str) -> bool {
        self.selected.try_with_value(|p| p.iter().any(|s| s.session_id == id)).unwrap_or(false)
    }

    /// How many sessions are selected. Tracked.
    pub fn selected_count(&self) -> u64 {
        self.selection_rev.track();
        self.selected.try_with_value(|p| p.len() as u64).unwrap_or(0)
    }

    /// Selects or unselects one session (its checkbox).
    pub fn toggle_selected(&self, session: &Session) {
        let id = &session.session_id;
        if self.is_selected(id) {
            self.unselect(std::slice::from_ref(id));
        } else {
            self.selected.update_value(|p| p.push(session.clone()));
            self.selection_changed();
        }
    }

    /// Drops `ids` from the selection.
    pub(crate) fn unselect(&self, ids: &[String]) {
        let mut changed = false;
        let _ = self.selected.try_update_value(|p| {
            let before = p.len();
            p.retain(|s| !ids.contains(&s.session_id));
            changed = p.len() != before;
        });
        if changed {
            self.selection_changed();
        }
    }

    pub fn clear_selection(&self) {
        if self.selected.try_with_value(|p| !p.is_empty()) == Some(true) {
            let _ = self.selected.try_set_value(Vec::new());
            self.selection_changed();
        }
    }

    fn selection_changed(&self) {
        let _ = self.selection_rev.try_update(|n| *n += 1);
    }

    /// Opens the "log out selected devices" dialog.
    pub fn ask_logout_selected(&self) {
        let targets =
            self.selected.with_value(|p| p.iter().map(|s| (s.session_id.clone(), self.title_of(s))).collect());
        self.dialog.set(Some(Dialog::Many { targets, stale: None }));
    }

    /// A session's title in the panel's language.
    pub fn title_of(&self, s: &Session) -> String {
        self.lang.try_with_value(|l| crate::core::format::device_title_in(l, s.device.as_ref())).unwrap_or_default()
    }

    /// "Sign out": ends this login on the server (best effort), then forgets it here.
    pub fn sign_out(&self) {
        let Some(creds) = self.creds_now() else { return };
        // Signing out forgets what this browser remembered of the user's visits.
        self.store.with_value(|s| s.forget_visit(&creds.user_id));
        let client = self.client();
        let panel = *self;
        panel.sign_out_local(None);
        panel.announce(M::NoticeSignedOut.into());
        spawn_local(async move {
            let _ = client.logout(&creds, &RequestHandle::new()).await;
        });
    }

    /// Says `text` through the polite live region, worded now.
    pub fn announce(&self, text: Text) {
        if let Some(words) = self.lang.try_with_value(|l| l.word(&text)) {
            let _ = self.announcement.try_set(words);
        }
    }

    pub fn abort_inflight(&self) {
        if let Some(Some(h)) = self.inflight.try_get_value() {
            h.abort();
        }
        let _ = self.inflight.try_set_value(None);
    }

    /// What the polite status region says.
    pub fn status_text(&self) -> String {
        // "Updating…" stays out of this polite live region: with a refresh interval it
        // would be announced twice a minute. The list's aria-busy carries it instead.
        match self.page_info() {
            Some(info) => self.word(&info.status_text()),
            None if self.loading.get() => self.t(M::Loading),
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
                    panel.sign_out_local(Some(e.text()));
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
        self.dialog.set(Some(Dialog::Device(target)));
    }

    /// Opens the "sign out all other devices" dialog with how many go.
    pub fn ask_logout_others(&self) {
        let count = self.others.get_untracked();
        self.dialog.set(Some(Dialog::Others { count }));
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
                    panel.announce(M::LoggedOutHere.into());
                }
                Ok(_) => {
                    // Keeps "sign out all other devices" right while a filter hides the count.
                    let _ = panel.others.try_update(|o| *o = o.map(|n| n.saturating_sub(1)));
                    panel.announce(M::LoggedOut.with("device", s(target.title)));
                    panel.refetch();
                }
                Err(ApiError::NotFound { .. }) => {
                    panel.announce(M::AlreadyLoggedOut.with("device", s(target.title)));
                    panel.refetch();
                }
                Err(e) if e.clears_credentials() => panel.sign_out_local(Some(e.text())),
                Err(e) => panel.announce(
                    M::LogoutFailed.with("device", s(target.title)).with("error", Arg::Text(Box::new(e.text()))),
                ),
            }
        });
    }

    /// Whether "sign out all other devices" is running.
    pub(crate) fn bulk_running_untracked(&self) -> bool {
        self.bulk_running.get_untracked()
    }

    pub(crate) fn bulk_says(&self, text: Text, running: bool) {
        let _ = self.bulk.try_set(Some(text));
        // Only on a change: what shows while running (Stop) is not redrawn at every step.
        if self.bulk_running.try_get_untracked() != Some(running) {
            let _ = self.bulk_running.try_set(running);
        }
    }

    pub(crate) fn bulk_done(&self, summary: Text) {
        self.bulk_says(summary, false);
        self.announce_bulk();
    }

    /// Says the bulk line through the live region too (start, waits, end: not every step).
    pub(crate) fn announce_bulk(&self) {
        if let Some(Some(text)) = self.bulk.try_get_untracked() {
            self.announce(text);
        }
    }

    /// Ends the bulk run with `m`, whose `{error}` is `e`.
    pub(crate) fn bulk_failed(&self, e: ApiError, m: M) {
        if e.clears_credentials() {
            return self.sign_out_local(Some(e.text()));
        }
        self.bulk_done(m.with("error", Arg::Text(Box::new(e.text()))));
        self.refetch_first_page();
    }

    pub(crate) fn refetch_first_page(&self) {
        let _ = self.query.try_update(|q| *q = q.with_page(0));
        self.refetch();
    }
}

/// The panel's focusable controls, in document order.
fn controls(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = root.query_selector_all("button, input, select, textarea, a[href], [tabindex]") else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| wasm_bindgen::JsCast::dyn_into(list.item(i)?).ok()).collect()
}

/// The focused control's panel root and place among the panel's controls.
fn focused_control() -> Option<(web_sys::Element, usize)> {
    let active = document().active_element()?;
    let root = active.closest(".as-root").ok()??;
    let i = controls(&root).iter().position(|c| c.is_same_node(Some(&active)))?;
    Some((root, i))
}

/// Whether a row is this browser's, by the server's word (see `core::own`).
pub fn this_device(panel: &Panel, session: &Session) -> bool {
    panel.own_session.with(|own| is_this_device(session, own.as_deref()))
}

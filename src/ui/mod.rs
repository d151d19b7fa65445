//! The `ActiveSessions` component and its parts.

mod card;
mod dialogs;
mod icons;
mod panel;
mod signin;
pub mod state;

use leptos::prelude::*;
use leptos_use_fn_debounce_throttle::use_debounce_fn;

use crate::core::creds::DEFAULT_STORAGE_KEY;
use crate::core::error::ApiError;
use crate::core::query::{SortChoice, DEFAULT_PAGE_SIZE, PAGE_SIZES};
use crate::web::api::DEFAULT_TIMEOUT_MS;

use card::{session_card, CardState};
use dialogs::ConfirmDialog;
use state::Panel;

/// Default of the `focus_refresh_after_ms` prop.
pub const DEFAULT_FOCUS_REFRESH_AFTER_MS: u32 = 30_000;

/// One panel's settings, every default applied and every value checked.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Settings {
    pub base_url: String,
    pub storage_key: String,
    pub page_sizes: Vec<u32>,
    pub default_page_size: u32,
    pub sync_url: bool,
    pub url_prefix: String,
    /// 0 = off.
    pub refresh_interval_ms: u32,
    pub focus_refresh_after_ms: u32,
    pub reuse_rocketchat_login: bool,
    pub class: String,
    pub timeout_ms: u32,
    pub debounce_ms: u32,
}

/// Lists the signed-in Rocket.Chat user's sessions (one card per device) and lets
/// them log any of them out.
///
/// Everything has a default: the same-origin API (`/api/v1/…`), the storage key
/// `active-sessions.credentials.v1`, 10/25/50/100 per page with 25 first.
///
/// ```no_run
/// use leptos::prelude::*;
/// use active_sessions::ActiveSessions;
///
/// #[component]
/// fn SecuritySettings() -> impl IntoView {
///     view! {
///         <h2>"Where you're signed in"</h2>
///         <ActiveSessions base_url="https://chat.example.com" refresh_interval_ms=60_000 />
///     }
/// }
/// ```
#[component]
pub fn ActiveSessions(
    /// Rocket.Chat server URL such as `https://chat.example.com`; empty (default) = this page's origin.
    #[prop(optional, into)]
    base_url: String,
    /// localStorage key for the credentials (default `active-sessions.credentials.v1`).
    #[prop(optional, into)]
    storage_key: Option<String>,
    /// Page sizes offered (default 10, 25, 50, 100; the server caps at 100).
    #[prop(optional)]
    page_sizes: Option<Vec<u32>>,
    /// Page size on first load (default 25).
    #[prop(optional)]
    default_page_size: Option<u32>,
    /// Mirror filter, sort, page size and page in the page URL (default off: the host owns its URL).
    #[prop(optional)]
    sync_url: bool,
    /// Prefix of the URL parameters when `sync_url` is on (default `as_`).
    #[prop(optional, into)]
    url_prefix: Option<String>,
    /// Refetch every so many milliseconds while signed in (default: only on demand and on focus).
    #[prop(optional)]
    refresh_interval_ms: Option<u32>,
    /// When the window regains focus, refetch only if the list on screen is at least
    /// this many milliseconds old (default 30 000; 0 = on every focus). Rocket.Chat
    /// allows 10 list calls a minute by default: quick tab switching must not use them up.
    #[prop(optional)]
    focus_refresh_after_ms: Option<u32>,
    /// Reuse the Rocket.Chat web client's own login (`Meteor.userId` / `Meteor.loginToken`)
    /// when the host page shares its origin (default off).
    #[prop(optional)]
    reuse_rocketchat_login: bool,
    /// Extra class on the root element.
    #[prop(optional, into)]
    class: Option<String>,
    /// Per-request timeout in milliseconds (default 15 000).
    #[prop(optional)]
    timeout_ms: Option<u32>,
    /// Filter debounce in milliseconds (default 300).
    #[prop(optional)]
    debounce_ms: Option<u32>,
) -> impl IntoView {
    let key = storage_key.filter(|k| !k.trim().is_empty()).unwrap_or_else(|| DEFAULT_STORAGE_KEY.to_owned());
    let mut sizes: Vec<u32> = page_sizes
        .unwrap_or_else(|| PAGE_SIZES.to_vec())
        .into_iter()
        .filter(|n| (1..=crate::core::page::MAX_PAGE_SIZE).contains(n))
        .collect();
    if sizes.is_empty() {
        sizes = PAGE_SIZES.to_vec();
    }
    let default_size = default_page_size.filter(|n| sizes.contains(n)).unwrap_or_else(|| {
        if sizes.contains(&DEFAULT_PAGE_SIZE) { DEFAULT_PAGE_SIZE } else { sizes[0] }
    });
    panel::panel(Settings {
        base_url,
        storage_key: key,
        page_sizes: sizes,
        default_page_size: default_size,
        sync_url,
        url_prefix: url_prefix.unwrap_or_else(|| "as_".to_owned()),
        refresh_interval_ms: refresh_interval_ms.unwrap_or(0),
        focus_refresh_after_ms: focus_refresh_after_ms.unwrap_or(DEFAULT_FOCUS_REFRESH_AFTER_MS),
        reuse_rocketchat_login,
        class: class.unwrap_or_default(),
        timeout_ms: timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS),
        debounce_ms: debounce_ms.unwrap_or(300),
    })
}

#[component]
pub(crate) fn SessionsView(debounce: f64) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let id = move |s: &str| format!("as{}-{s}", panel.uid);
    let apply_filter = use_debounce_fn(
        move || {
            let text = panel.filter_text.get_untracked();
            panel.query.update(|q| *q = q.with_filter(&text));
        },
        debounce,
    );
    let on_filter = move |ev: leptos::ev::Event| {
        panel.filter_text.set(event_target_value(&ev));
        apply_filter();
    };
    let clear_filter = move || {
        panel.filter_text.set(String::new());
        panel.query.update(|q| *q = q.with_filter(""));
    };
    let go = move |page: u32| panel.query.update(|q| *q = q.with_page(page));
    let info = Memo::new(move |_| panel.page_info());
    let list_ref = NodeRef::<leptos::html::Ul>::new();
    let first_load = move || panel.data.with(|d| d.is_none()) && panel.loading.get() && panel.error.with(|e| e.is_none());
    let page_sizes = panel.page_sizes.get_value();

    view! {
        <section class="as-sessions" aria-labelledby=id("heading")>
            <h2 class="as-sr-only" id=id("heading")>"Active sessions"</h2>
            <div class="as-toolbar">
                <label class="as-field as-filter">
                    <span>"Filter sessions"</span>
                    <input type="search" autocomplete="off" spellcheck="false"
                        placeholder="Browser, OS or app"
                        prop:value=move || panel.filter_text.get()
                        on:input=on_filter
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Escape" && !panel.filter_text.get_untracked().is_empty() {
                                ev.prevent_default();
                                clear_filter();
                            }
                        } />
                </label>
                <label class="as-field">
                    <span>"Sort by"</span>
                    <select on:change=move |ev| {
                        if let Some(s) = SortChoice::from_token(&event_target_value(&ev)) {
                            panel.query.update(|q| *q = q.with_sort(s));
                        }
                    }>
                        {SortChoice::ALL.into_iter().map(|s| view! {
                            <option value=s.token() selected=move || panel.query.with(|q| q.sort == s)>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="as-field">
                    <span>"Sessions per page"</span>
                    <select on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                            panel.query.update(|q| *q = q.with_page_size(n));
                        }
                    }>
                        {page_sizes.into_iter().map(|n| view! {
                            <option value=n.to_string() selected=move || panel.query.with(|q| q.page_size == n)>{n.to_string()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="as-choice">
                    <input type="checkbox" prop:checked=move || panel.mask_ips.get()
                        on:change=move |ev| panel.mask_ips.set(event_target_checked(&ev)) />
                    "Mask IP addresses"
                </label>
                <div class="as-toolbar-actions">
                    <button type="button" class="as-btn" on:click=move |_| panel.refetch()>"Refresh"</button>
                    <button type="button" class="as-btn as-btn-danger"
                        prop:disabled=move || panel.others.get() == Some(0) || panel.bulk_running()
                        on:click=move |_| panel.ask_logout_others()>
                        "Sign out all other devices"
                    </button>
                    <button type="button" class="as-btn" on:click=move |_| panel.sign_out()>"Sign out"</button>
                </div>
            </div>

            <div class="as-status">
                <p role="status" aria-live="polite">{move || panel.status_text()}</p>
                {move || (panel.loading.get() && panel.data.with(|d| d.is_some())).then(|| view! {
                    <span class="as-updating"><span class="as-spinner" aria-hidden="true"></span>"Updating…"</span>
                })}
            </div>
            {move || panel.query.with(|q| q.sort.is_page_local()).then(|| view! {
                <p class="as-note">"This order applies to the sessions on this page only: the server always splits pages by login time, newest first."</p>
            })}
            // Progress and outcome of "Sign out all other devices" (announced through the
            // live region at its start, waits and end, not at every step).
            {move || panel.bulk.get().map(|b| view! {
                <p class="as-note as-bulk" data-running=if b.running { "true" } else { "false" }>{b.text}</p>
            })}
            {move || panel.error.get().map(|e| view! { <ErrorBox error=e /> })}

            {when(first_load, || view! {
                <ul class="as-list as-skeletons" aria-hidden="true">
                    {(0..3).map(|_| view! { <li class="as-item"><div class="as-card as-skeleton"></div></li> }).collect_view()}
                </ul>
            }.into_any())}
            {when(move || panel.data.with(|d| d.as_ref().is_some_and(|p| !p.sessions.is_empty())), move || view! {
                <ul class="as-list" node_ref=list_ref aria-label="Active sessions" aria-busy=move || if panel.loading.get() { "true" } else { "false" }>
                    // Not `<For>`: in leptos 0.8 its per-row owners stay allocated under the
                    // long-lived list (~100 bytes per row ever shown), and a card's own effects
                    // reading panel-wide signals outlive the card. One closure redraws the cards
                    // from the panel's state instead; the heap stays flat (tests/leak.rs).
                    {move || {
                        // Redrawn as a whole from the panel's state (see `card`): capture
                        // the focused card button first and give focus back afterwards.
                        let focused = focused_key(list_ref);
                        let state = (panel.now.get(), panel.mask_ips.get());
                        let pending = panel.pending.get();
                        let open = panel.open_details.get();
                        let views = panel.data.with(|d| {
                            let Some(page) = d else { return Vec::new() };
                            panel.details.with(|details| {
                                page.sessions.iter().enumerate().map(|(i, s)| {
                                    let sid = &s.session_id;
                                    session_card(panel, s, i, CardState {
                                        now: state.0,
                                        mask_ips: state.1,
                                        pending: pending.contains(sid),
                                        details_open: open.contains(sid),
                                        info: details.iter().find(|(k, _)| k == sid).map(|(_, r)| r.clone()),
                                    })
                                }).collect::<Vec<_>>()
                            })
                        });
                        if let Some(key) = focused {
                            queue_microtask(move || refocus(list_ref, &key));
                        }
                        views
                    }}
                </ul>
            }.into_any())}
            {move || {
                let empty = panel.data.with(|d| d.as_ref().is_some_and(|p| p.sessions.is_empty()));
                let filter = panel.data_query.with(|q| q.as_ref().map(|q| q.filter.clone()).unwrap_or_default());
                // The same rule as "Sign out all other devices" (see `others_than_me`).
                let nobody_else = filter.is_empty() && panel.others.get() == Some(0);
                let here = panel.data.with(|d| d.as_ref().is_some_and(|p| p.sessions.iter().any(|s| state::this_device(&panel, s))));
                if empty && !filter.is_empty() {
                    Some(view! {
                        <div class="as-empty">
                            <p>{format!("No sessions match “{filter}”.")}</p>
                            <button type="button" class="as-btn" on:click=move |_| clear_filter()>"Clear filter"</button>
                        </div>
                    }.into_any())
                } else if nobody_else && here {
                    Some(view! { <p class="as-empty">"No other sessions. You are signed in only here."</p> }.into_any())
                } else if nobody_else || (empty && filter.is_empty()) {
                    Some(view! { <p class="as-empty">"No other sessions."</p> }.into_any())
                } else {
                    None
                }
            }}
            // The pager follows the page asked for, not the one on screen, so clicks
            // while a page loads step from where the user is going.
            {move || {
                let total = info.get()?.total;
                let q = panel.request.get();
                let i = crate::core::page::PageInfo::new(total, 0, q.page_size, q.offset(), 0);
                (i.page_count > 1).then(|| view! {
                    <nav class="as-pager" aria-label="Pagination">
                        <button type="button" class="as-btn" aria-label="First page" prop:disabled=i.is_first() on:click=move |_| go(0)>"«"</button>
                        <button type="button" class="as-btn" aria-label="Previous page" prop:disabled=i.is_first() on:click=move |_| go(i.page.saturating_sub(1))>"‹"</button>
                        <span class="as-page">{format!("Page {} of {}", i.page + 1, i.page_count)}</span>
                        <button type="button" class="as-btn" aria-label="Next page" prop:disabled=i.is_last() on:click=move |_| go(i.page + 1)>"›"</button>
                        <button type="button" class="as-btn" aria-label="Last page" prop:disabled=i.is_last() on:click=move |_| go(i.last_page())>"»"</button>
                    </nav>
                })
            }}
            <ConfirmDialog />
        </section>
    }
    .into_any()
}

#[component]
fn ErrorBox(error: ApiError) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let kind = match &error {
        ApiError::LicenseRequired => "license",
        ApiError::RateLimited { .. } => "rate-limited",
        ApiError::Network => "network",
        ApiError::Timeout => "timeout",
        _ => "error",
    };
    let text = match &error {
        ApiError::RateLimited { .. } => error
            .rate_limit_wait_seconds(crate::web::time::now_ms())
            .map(|s| format!("Too many requests. Try again in {s} seconds."))
            .unwrap_or_else(|| error.message()),
        _ => error.message(),
    };
    view! {
        <div class="as-error-box" role="alert" data-kind=kind>
            <p>{text}</p>
            <button type="button" class="as-btn" on:click=move |_| panel.refetch()>"Retry"</button>
        </div>
    }
    .into_any()
}

/// What `<Show>` does, without its children and fallback machinery (its generic
/// `ChildrenFn`/`ViewFn` code is a few KB of the wasm): the condition is memoised,
/// so the view is built again only when the condition flips.
pub(crate) fn when(
    cond: impl Fn() -> bool + Send + Sync + 'static,
    view: impl Fn() -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let cond = Memo::new(move |_| cond());
    move || cond.get().then(&view)
}

/// [`when`] with a view for the other case.
pub(crate) fn either(
    cond: impl Fn() -> bool + Send + Sync + 'static,
    view: impl Fn() -> AnyView + Send + Sync + 'static,
    otherwise: impl Fn() -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let cond = Memo::new(move |_| cond());
    move || if cond.get() { view() } else { otherwise() }
}

/// The `data-as-key` of the focused button (session id + action), when it sits in the list.
fn focused_key(list: NodeRef<leptos::html::Ul>) -> Option<String> {
    let list = list.get_untracked()?;
    let active = document().active_element()?;
    if !list.contains(Some(&active)) {
        return None;
    }
    active.get_attribute("data-as-key")
}

/// Focuses the list's button with that key, if it is still there.
fn refocus(list: NodeRef<leptos::html::Ul>, key: &str) {
    if let Some(b) = list.get_untracked().and_then(|l| card::button_with_key(&l, key)) {
        let _ = b.focus();
    }
}

//! One session card: icon, title, "This device" badge, IP and host, login time,
//! and the Details / Log out actions.
//!
//! Cards are plain functions of the panel's state, with no reactive closures of
//! their own: in leptos 0.8 an effect created per card that reads a long-lived
//! signal (the clock, the IP mask, the pending set) outlives the card and leaks a
//! few hundred bytes each time the list is redrawn. The list redraws them as a
//! whole instead (see `list`), which keeps the heap flat.

use leptos::prelude::*;

use crate::core::date::{format_iso_ms, parse_iso_ms};
use crate::core::error::ApiError;
use crate::core::format::{clean_text, device_title_full, device_title_in, mask_ip};
use crate::core::i18n::{s, M};
use crate::core::model::{DeviceKind, Session, SessionInfo};
use crate::ui::icons::DeviceIconView;
use crate::ui::state::{ConfirmLogout, Panel};

/// What a card shows besides its session, read once by the list per redraw.
#[derive(Clone, Debug, PartialEq)]
pub struct CardState {
    pub now: f64,
    pub mask_ips: bool,
    pub pending: bool,
    pub details_open: bool,
    /// `None` while the details load.
    pub info: Option<Result<SessionInfo, ApiError>>,
    /// Appeared since the user's last visit.
    pub new: bool,
    /// Not used for the panel's `stale_after_days`.
    pub stale: bool,
    pub selected: bool,
}

/// A time as relative text ("3 hours ago") in a `<time>` whose title is the absolute date.
pub fn login_time(panel: &Panel, ms: Option<f64>, raw: String, now: f64) -> AnyView {
    match ms {
        Some(ms) => {
            let absolute = panel.lang.try_with_value(|l| l.absolute(ms)).unwrap_or_default();
            let relative = panel.lang.try_with_value(|l| l.relative(ms, now)).unwrap_or_default();
            let iso = format_iso_ms(ms).unwrap_or_default();
            view! { <time datetime=iso title=absolute dir="auto">{relative}</time> }.into_any()
        }
        None if raw.is_empty() => view! { <span>{panel.t(M::UnknownTime)}</span> }.into_any(),
        None => view! { <span>{raw}</span> }.into_any(),
    }
}

/// The card of one session; `index` makes its element ids unique within the list.
#[inline(never)]
pub fn session_card(panel: Panel, session: &Session, index: usize, state: CardState) -> AnyView {
    let title_id = format!("as{}-card{index}", panel.uid);
    let details_id = format!("{title_id}-details");
    let device = session.device.as_ref();
    let title = panel.lang.try_with_value(|l| device_title_in(l, device)).unwrap_or_default();
    // `title` is capped at 120 characters and clamped to two lines: the full name stays in the tooltip.
    let full_title = panel.lang.try_with_value(|l| device_title_full(l, device)).unwrap_or_default();
    let t = |m| panel.t(m);
    let labelled = |m: M| panel.word(&m.with("device", s(title.clone())));
    let kind = session.device.as_ref().map(|d| d.kind.clone()).unwrap_or(DeviceKind::Unknown(String::new()));
    // Only when the server says so: its `current` flag, or our hashed token on the row.
    let current = crate::ui::state::this_device(&panel, session);
    let ip = if state.mask_ips { mask_ip(&session.ip) } else { session.ip.clone() };
    let host = clean_text(&session.host);
    let sid = session.session_id.clone();
    // Stable keys that bring focus back to the same button after a redraw
    // (accessible names repeat when two devices look alike).
    let details_key = format!("{sid}:details");
    let logout_key = format!("{sid}:logout");
    let when = login_time(&panel, session.login_at_ms, session.login_at.clone(), state.now);
    let details = state.details_open.then(|| session_details(panel, details_id.clone(), state.info.clone(), state.now));
    let target = ConfirmLogout { session_id: sid.clone(), title: title.clone(), current };
    let ask = move |_| panel.ask_logout(target.clone());
    let toggle = move |_| panel.toggle_details(&sid);
    let pending = state.pending;
    // Every card but this device's can be selected for "Log out selected".
    let select = (!current).then(|| {
        let session = session.clone();
        view! {
            <input type="checkbox" class="as-select"
                aria-label=labelled(M::SelectDevice)
                data-as-key=format!("{}:select", session.session_id)
                prop:checked=state.selected
                disabled=pending
                on:change=move |_| panel.toggle_selected(&session) />
        }
    });
    let stale_since = (state.stale).then(|| {
        let day = session.login_at_ms.map(|ms| panel.lang.try_with_value(|l| l.day(ms)).unwrap_or_default());
        view! { <p class="as-stale-note">{panel.word(&M::NotUsedSince.with("date", s(day.unwrap_or_default())))}</p> }
    });

    view! {
        <li class="as-item">
            <article
                class="as-card"
                class:as-card-current=current
                class:as-card-pending=pending
                class:as-card-selected=state.selected
                aria-labelledby=title_id.clone()
                aria-busy=if pending { "true" } else { "false" }
            >
                <div class="as-card-head">
                    {select}
                    <DeviceIconView label=t(kind.label()) kind=kind />
                    <h3 class="as-card-title" id=title_id.clone() title=full_title><bdi>{title.clone()}</bdi></h3>
                    {(current || state.new || state.stale).then(|| view! {
                        <span class="as-badges">
                            {current.then(|| view! { <span class="as-badge">{t(M::ThisDevice)}</span> })}
                            // "New" to the eye, what it means to a screen reader.
                            {state.new.then(|| view! {
                                <span class="as-badge as-badge-new"><span aria-hidden="true">{t(M::New)}</span><span class="as-sr-only">{t(M::NewLong)}</span></span>
                            })}
                            {state.stale.then(|| view! { <span class="as-badge as-badge-stale">{t(M::Stale)}</span> })}
                        </span>
                    })}
                </div>
                <dl class="as-facts">
                    <div><dt>{t(M::IpAddress)}</dt><dd class="as-ip"><bdi>{ip}</bdi></dd></div>
                    {(!host.is_empty()).then(|| view! { <div><dt>{t(M::Host)}</dt><dd><bdi>{host}</bdi></dd></div> })}
                    <div><dt>{t(M::SignedIn)}</dt><dd>{when}</dd></div>
                </dl>
                {stale_since}
                <div class="as-card-actions">
                    <button type="button" class="as-btn"
                        aria-label=labelled(M::DetailsFor)
                        data-as-key=details_key
                        aria-expanded=if state.details_open { "true" } else { "false" }
                        aria-controls=details_id
                        on:click=toggle>
                        {t(M::Details)}
                    </button>
                    // Not red: the danger colour is the confirmation's (a red button on
                    // every card made the page shout).
                    <button type="button" class="as-btn"
                        aria-label=labelled(M::LogOutDevice)
                        data-as-key=logout_key
                        disabled=pending
                        on:click=ask>
                        {t(if pending { M::LoggingOut } else { M::LogOut })}
                    </button>
                </div>
                {details}
            </article>
        </li>
    }
    .into_any()
}

fn session_details(panel: Panel, id: String, info: Option<Result<SessionInfo, ApiError>>, now: f64) -> AnyView {
    let body = match info {
        None => view! { <p class="as-muted">{panel.t(M::DetailsLoading)}</p> }.into_any(),
        Some(Err(e)) => view! { <p class="as-error">{panel.word(&e.text())}</p> }.into_any(),
        Some(Ok(i)) => {
            let sid = i.session.session_id.clone();
            let copy_key = format!("{sid}:copy");
            let copy = {
                let sid = sid.clone();
                move |_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.navigator().clipboard().write_text(&sid);
                        panel.announce(M::Copied.into());
                    }
                }
            };
            let time = |v: Option<String>| {
                let ms = v.as_deref().and_then(parse_iso_ms);
                login_time(&panel, ms, v.unwrap_or_default(), now)
            };
            let client = i
                .session
                .device
                .as_ref()
                .map(|d| clean_text(&format!("{} {}", d.name, d.long_version)))
                .filter(|c| !c.is_empty());
            let system = i
                .session
                .device
                .as_ref()
                .map(|d| clean_text(&format!("{} {}", d.os.name, d.os.version.as_deref().unwrap_or(""))))
                .filter(|c| !c.is_empty());
            let closed = match i.closed_at.clone() {
                Some(c) => time(Some(c)),
                None => view! { <span>{panel.t(M::StillOpen)}</span> }.into_any(),
            };
            let t = |m| panel.t(m);
            view! {
                <dl class="as-facts">
                    {client.map(|c| view! { <div><dt>{t(M::Client)}</dt><dd><bdi>{c}</bdi></dd></div> })}
                    {system.map(|c| view! { <div><dt>{t(M::System)}</dt><dd><bdi>{c}</bdi></dd></div> })}
                    <div><dt>{t(M::LastActivity)}</dt><dd>{time(i.last_activity_at.clone())}</dd></div>
                    <div><dt>{t(M::Closed)}</dt><dd>{closed}</dd></div>
                    <div>
                        <dt>{t(M::SessionId)}</dt>
                        <dd>
                            <code class="as-sid">{sid}</code>
                            <button type="button" class="as-btn as-btn-small" on:click=copy aria-label=t(M::CopySessionId)
                                data-as-key=copy_key>
                                {t(M::Copy)}
                            </button>
                        </dd>
                    </div>
                </dl>
            }
            .into_any()
        }
    };
    view! { <div class="as-details" id=id>{body}</div> }.into_any()
}

/// The card control (button, checkbox) with that `data-as-key` (session id +
/// action) inside `scope`: how focus finds its way back after a redraw.
pub(crate) fn button_with_key(scope: &web_sys::Element, key: &str) -> Option<web_sys::HtmlElement> {
    let buttons = scope.query_selector_all("[data-as-key]").ok()?;
    (0..buttons.length())
        .filter_map(|i| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(buttons.item(i)?).ok())
        .find(|b| b.get_attribute("data-as-key").as_deref() == Some(key))
}

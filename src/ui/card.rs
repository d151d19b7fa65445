//! One session card: icon, title, "This device" badge, IP and host, login time,
//! and the Details / Log out actions.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::error::ApiError;
use crate::core::format::{client_title, device_title, mask_ip, os_title};
use crate::core::model::{DeviceKind, Session, SessionInfo};
use crate::ui::icons::DeviceIconView;
use crate::ui::state::Panel;
use crate::web::api::RequestHandle;

static NEXT_CARD: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// A login time as relative text that re-ticks with the panel's clock; the absolute date in the title.
#[component]
pub fn LoginTime(ms: Option<f64>, raw: String) -> impl IntoView {
    let panel = expect_context::<Panel>();
    match ms {
        Some(ms) => {
            let absolute = panel.times.with_value(|t| t.absolute(ms));
            let iso = crate::web::time::iso(ms).unwrap_or_default();
            let relative = move || {
                let now = panel.now.get();
                panel.times.with_value(|t| t.relative(ms, now))
            };
            view! { <time datetime=iso title=absolute.clone()>{relative}</time> }.into_any()
        }
        None if raw.is_empty() => view! { <span>"unknown"</span> }.into_any(),
        None => view! { <span>{raw}</span> }.into_any(),
    }
}

#[component]
pub fn SessionCard(session: Session) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let n = NEXT_CARD.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let title_id = format!("as{}-card{n}", panel.uid);
    let title = device_title(session.device.as_ref());
    // `title` is capped at 120 characters and clamped to two lines: the full name stays in the tooltip.
    let full_title = match (client_title(session.device.as_ref()), os_title(session.device.as_ref())) {
        (Some(c), Some(o)) => format!("{c} on {o}"),
        (Some(c), None) => c,
        _ => title.clone(),
    };
    let kind = session.device.as_ref().map(|d| d.kind.clone()).unwrap_or(DeviceKind::Unknown(String::new()));
    let current = session.current == Some(true);
    let sid = session.session_id.clone();
    let pending = {
        let sid = sid.clone();
        Memo::new(move |_| panel.is_pending(&sid))
    };
    let details_open = RwSignal::new(false);
    let info = RwSignal::new(None::<Result<SessionInfo, ApiError>>);
    let ip = session.ip.clone();
    let ip_text = move || if panel.mask_ips.get() { mask_ip(&ip) } else { ip.clone() };
    let host = session.host.clone();
    let load_info = {
        let sid = sid.clone();
        move || {
            let Some(creds) = panel.creds_now() else { return };
            let client = panel.client();
            let sid = sid.clone();
            info.set(None);
            spawn_local(async move {
                let r = client.info(&creds, &sid, &RequestHandle::new()).await;
                if let Err(e) = &r {
                    if e.clears_credentials() {
                        panel.sign_out_local(Some(e.message()));
                        return;
                    }
                }
                let _ = info.try_set(Some(r));
            });
        }
    };
    let toggle_details = move |_| {
        let open = !details_open.get_untracked();
        details_open.set(open);
        if open {
            load_info();
        }
    };
    let ask = {
        let session = session.clone();
        move |_| panel.ask_logout(&session)
    };
    let details_id = format!("{title_id}-details");

    view! {
        <li class="as-item">
            <article
                class="as-card"
                class:as-card-current=current
                class:as-card-pending=move || pending.get()
                aria-labelledby=title_id.clone()
                aria-busy=move || if pending.get() { "true" } else { "false" }
            >
                <div class="as-card-head">
                    <DeviceIconView kind=kind />
                    <h3 class="as-card-title" id=title_id.clone() title=full_title>{title.clone()}</h3>
                    {current.then(|| view! { <span class="as-badge">"This device"</span> })}
                </div>
                <dl class="as-facts">
                    <div><dt>"IP address"</dt><dd class="as-ip">{ip_text}</dd></div>
                    {(!host.is_empty()).then(|| view! { <div><dt>"Host"</dt><dd>{host.clone()}</dd></div> })}
                    <div>
                        <dt>"Signed in"</dt>
                        <dd><LoginTime ms=session.login_at_ms raw=session.login_at.clone() /></dd>
                    </div>
                </dl>
                <div class="as-card-actions">
                    <button type="button" class="as-btn"
                        aria-label=format!("Details for {title}")
                        aria-expanded=move || if details_open.get() { "true" } else { "false" }
                        aria-controls=details_id.clone()
                        on:click=toggle_details>
                        "Details"
                    </button>
                    <button type="button" class="as-btn as-btn-danger"
                        aria-label=format!("Log out {title}")
                        prop:disabled=move || pending.get()
                        on:click=ask>
                        {move || if pending.get() { "Logging out…" } else { "Log out" }}
                    </button>
                </div>
                <Show when=move || details_open.get()>
                    <SessionDetails id=details_id.clone() info=info />
                </Show>
            </article>
        </li>
    }
    .into_any()
}

#[component]
fn SessionDetails(id: String, info: RwSignal<Option<Result<SessionInfo, ApiError>>>) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let copied = RwSignal::new(false);
    view! {
        <div class="as-details" id=id>
            {move || match info.get() {
                None => view! { <p class="as-muted">"Loading details…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="as-error">{e.message()}</p> }.into_any(),
                Some(Ok(i)) => {
                    let sid = i.session.session_id.clone();
                    let copy = {
                        let sid = sid.clone();
                        move |_| {
                            if let Some(w) = web_sys::window() {
                                let _ = w.navigator().clipboard().write_text(&sid);
                                copied.set(true);
                                panel.announce("Session ID copied.".into());
                            }
                        }
                    };
                    let time = |v: Option<String>| {
                        let ms = v.as_deref().and_then(crate::core::model::parse_iso_ms);
                        view! { <LoginTime ms=ms raw=v.unwrap_or_default() /> }
                    };
                    let client = i.session.device.as_ref().map(|d| format!("{} {}", d.name.trim(), d.long_version.trim()).trim().to_owned()).filter(|c| !c.is_empty());
                    let system = i.session.device.as_ref().map(|d| {
                        format!("{} {}", d.os.name.trim(), d.os.version.as_deref().unwrap_or("").trim()).trim().to_owned()
                    }).filter(|c| !c.is_empty());
                    view! {
                        <dl class="as-facts">
                            {client.map(|c| view! { <div><dt>"Client"</dt><dd>{c}</dd></div> })}
                            {system.map(|c| view! { <div><dt>"System"</dt><dd>{c}</dd></div> })}
                            <div><dt>"Last activity"</dt><dd>{time(i.last_activity_at.clone())}</dd></div>
                            <div><dt>"Closed"</dt><dd>{
                                match i.closed_at.clone() {
                                    Some(c) => time(Some(c)).into_any(),
                                    None => view! { <span>"Still open"</span> }.into_any(),
                                }
                            }</dd></div>
                            <div>
                                <dt>"Session ID"</dt>
                                <dd>
                                    <code class="as-sid">{sid.clone()}</code>
                                    <button type="button" class="as-btn as-btn-small" on:click=copy
                                        aria-label="Copy session ID">
                                        {move || if copied.get() { "Copied" } else { "Copy" }}
                                    </button>
                                </dd>
                            </div>
                        </dl>
                    }
                    .into_any()
                }
            }}
        </div>
    }
    .into_any()
}

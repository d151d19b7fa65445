//! One session card: checkbox, icon, title, badges ("This device", "New",
//! "Stale"), IP and host, login time, and the Details / Log out actions.
//!
//! Cards are written as markup (`dom::Html`, straight into the page's one buffer)
//! from the panel's state, with no reactive parts of their own: the list replaces
//! them as a whole (see `list`). In
//! leptos 0.8 an effect per card that reads a long-lived signal outlives the card and
//! leaks; a view per card compiled into large generic code. The buttons carry a
//! `data-as-key` (session id + action): the list's one click handler acts on it, and
//! focus finds its way back by it after a redraw.

use crate::core::date::{format_iso_ms, parse_iso_ms};
use crate::core::error::ApiError;
use crate::core::format::{clean_text, device_title_full, mask_ip, truncate_chars, MAX_TITLE_CHARS};
use crate::core::i18n::{s, Speaker, M};
use crate::core::model::{DeviceIcon, Session, SessionInfo};
use crate::ui::dom::{flag, Html};
use crate::web::i18n::Locale;

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
    /// This browser's own session.
    pub current: bool,
}

/// A time as relative text ("3 hours ago") in a `<time>` whose title is the absolute date.
fn login_time(h: &mut Html, l: &Locale, ms: Option<f64>, raw: &str, now: f64) {
    match ms {
        Some(ms) => {
            let (absolute, relative) = (l.absolute(ms), l.relative(ms, now));
            let iso = format_iso_ms(ms).unwrap_or_default();
            h.open("time", "", &[("datetime", &iso), ("title", &absolute), ("dir", "auto")])
                .text(&relative)
                .close("time");
        }
        None if raw.is_empty() => {
            h.leaf("span", "", &l.say(M::UnknownTime));
        }
        None => {
            h.leaf("span", "", raw);
        }
    }
}

/// The start of one `<div><dt>…</dt><dd>…</dd></div>` of a card's facts, up to the
/// value; [`fact_end`] closes it.
fn fact_start<'h>(h: &'h mut Html, label: &str, dd_class: &str) -> &'h mut Html {
    h.open("div", "", &[]).leaf("dt", "", label).open("dd", dd_class, &[])
}

fn fact_end(h: &mut Html) {
    h.close("dd").close("div");
}

/// A fact whose value is server text, isolated from its neighbours' direction
/// (names, IPs, hosts) in a `<bdi>`.
fn fact_text(h: &mut Html, label: &str, dd_class: &str, text: &str) {
    fact_start(h, label, dd_class).leaf("bdi", "", text);
    fact_end(h);
}

/// The device icon: inline SVG (the component ships no image files), named by type.
fn icon(h: &mut Html, kind: DeviceIcon, label: &str) {
    let path = match kind {
        DeviceIcon::Computer => "M3 5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2h-5v2h3v2H7v-2h3v-2H5a2 2 0 0 1-2-2zm2 0v10h14V5z",
        DeviceIcon::Phone => "M7 2h10a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm0 2v16h10V4zm4 13h2v2h-2z",
        DeviceIcon::Tablet => "M5 2h14a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm0 2v16h14V4zm6 13h2v2h-2z",
        DeviceIcon::Globe => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm6.9 6h-2.9a15 15 0 0 0-1.4-3.9A8 8 0 0 1 18.9 8zM12 4a13 13 0 0 1 1.9 4h-3.8A13 13 0 0 1 12 4zM4.3 14a8 8 0 0 1 0-4h3.3a17 17 0 0 0 0 4zm.8 2h2.9a15 15 0 0 0 1.4 3.9A8 8 0 0 1 5.1 16zM8 8H5.1a8 8 0 0 1 4.3-3.9A15 15 0 0 0 8 8zm4 12a13 13 0 0 1-1.9-4h3.8A13 13 0 0 1 12 20zm2.3-6H9.7a15 15 0 0 1 0-4h4.6a15 15 0 0 1 0 4zm.3 5.9a15 15 0 0 0 1.4-3.9h2.9a8 8 0 0 1-4.3 3.9zm1.8-5.9a17 17 0 0 0 0-4h3.3a8 8 0 0 1 0 4z",
    };
    h.open("svg", "as-icon", &[("viewBox", "0 0 24 24"), ("role", "img"), ("aria-label", label)])
        .open("path", "", &[("fill", "currentColor"), ("d", path)])
        .close("path")
        .close("svg");
}

/// Writes the card of one session into `h`, worded in `l` (the list reads the
/// language once per redraw, not once per text); `uid` and `index` make its element
/// ids unique.
pub fn session_card(h: &mut Html, l: &Locale, uid: u32, session: &Session, index: usize, state: CardState) {
    let title_id = format!("as{uid}-card{index}");
    let details_id = format!("{title_id}-details");
    let device = session.device.as_ref();
    // `title` is capped at 120 characters and clamped to two lines: the full name stays in the tooltip.
    let full_title = device_title_full(l, device);
    let title = truncate_chars(&full_title, MAX_TITLE_CHARS);
    let t = |m| l.say(m);
    let labelled = |m: M| l.word(&m.with("device", s(title.clone())));
    let kind = device.map_or(DeviceIcon::Globe, |d| d.kind.icon());
    let ip = if state.mask_ips { mask_ip(&session.ip) } else { session.ip.clone() };
    let host = clean_text(&session.host);
    let key = |action: &str| format!("{}:{action}", session.session_id);

    let mut classes = String::from("as-card");
    for (on, class) in [
        (state.current, " as-card-current"),
        (state.pending, " as-card-pending"),
        (state.selected, " as-card-selected"),
    ] {
        if on {
            classes.push_str(class);
        }
    }
    // Busy while its log-out is under way (`aria-busy` is false by default).
    let busy = if state.pending { ("aria-busy", "true") } else { ("", "") };
    h.open("li", "as-item", &[]).open("article", &classes, &[("aria-labelledby", &title_id), busy]);

    h.open("div", "as-card-head", &[]);
    // Every card but this device's can be selected for "Log out selected".
    if !state.current {
        let (label, key) = (labelled(M::SelectDevice), key("select"));
        h.open(
            "input",
            "as-select",
            &[
                ("type", "checkbox"),
                ("aria-label", &label),
                ("data-as-key", &key),
                flag("checked", state.selected),
                flag("disabled", state.pending),
            ],
        );
    }
    icon(h, kind, &t(kind.label()));
    h.open("h3", "as-card-title", &[("id", &title_id), ("title", &full_title)]).leaf("bdi", "", &title).close("h3");
    if state.current || state.new || state.stale {
        h.open("span", "as-badges", &[]);
        if state.current {
            h.leaf("span", "as-badge", &t(M::ThisDevice));
        }
        if state.new {
            // "New" to the eye, what it means to a screen reader.
            h.open("span", "as-badge as-badge-new", &[])
                .open("span", "", &[("aria-hidden", "true")])
                .text(&t(M::New))
                .close("span")
                .leaf("span", "as-sr-only", &t(M::NewLong))
                .close("span");
        }
        if state.stale {
            h.leaf("span", "as-badge as-badge-stale", &t(M::Stale));
        }
        h.close("span");
    }
    h.close("div");

    h.open("dl", "as-facts", &[]);
    fact_text(h, &t(M::IpAddress), "as-ip", &ip);
    if !host.is_empty() {
        fact_text(h, &t(M::Host), "", &host);
    }
    fact_start(h, &t(M::SignedIn), "");
    login_time(h, l, session.login_at_ms, &session.login_at, state.now);
    fact_end(h);
    h.close("dl");

    if state.stale {
        let day = session.login_at_ms.map(|ms| l.day(ms)).unwrap_or_default();
        h.leaf("p", "as-stale-note", &l.word(&M::NotUsedSince.with("date", s(day))));
    }

    // Not red: the danger colour is the confirmation's (a red button on every card
    // made the page shout).
    let expanded = if state.details_open { "true" } else { "false" };
    h.open("div", "as-card-actions", &[])
        .button(
            "as-btn",
            &key("details"),
            &t(M::Details),
            &[("aria-label", &labelled(M::DetailsFor)), ("aria-expanded", expanded), ("aria-controls", &details_id)],
        )
        .button(
            "as-btn",
            &key("logout"),
            &t(if state.pending { M::LoggingOut } else { M::LogOut }),
            &[("aria-label", &labelled(M::LogOutDevice)), flag("disabled", state.pending)],
        )
        .close("div");
    if state.details_open {
        session_details(h, l, &details_id, state.info, state.now);
    }
    h.close("article").close("li");
}

fn session_details(h: &mut Html, l: &Locale, id: &str, info: Option<Result<SessionInfo, ApiError>>, now: f64) {
    h.open("div", "as-details", &[("id", id)]);
    match info {
        None => {
            h.leaf("p", "as-muted", &l.say(M::DetailsLoading));
        }
        Some(Err(e)) => {
            h.leaf("p", "as-error", &l.word(&e.text()));
        }
        Some(Ok(i)) => {
            let t = |m| l.say(m);
            let time = |h: &mut Html, v: &Option<String>| {
                let raw = v.as_deref().unwrap_or_default();
                login_time(h, l, parse_iso_ms(raw), raw, now)
            };
            let device = i.session.device.as_ref();
            let client =
                device.map(|d| clean_text(&format!("{} {}", d.name, d.long_version))).filter(|c| !c.is_empty());
            let system = device
                .map(|d| clean_text(&format!("{} {}", d.os.name, d.os.version.as_deref().unwrap_or(""))))
                .filter(|c| !c.is_empty());
            let sid = &i.session.session_id;
            h.open("dl", "as-facts", &[]);
            if let Some(c) = client {
                fact_text(h, &t(M::Client), "", &c);
            }
            if let Some(c) = system {
                fact_text(h, &t(M::System), "", &c);
            }
            fact_start(h, &t(M::LastActivity), "");
            time(h, &i.last_activity_at);
            fact_end(h);
            fact_start(h, &t(M::Closed), "");
            match &i.closed_at {
                Some(_) => time(h, &i.closed_at),
                None => {
                    h.leaf("span", "", &t(M::StillOpen));
                }
            }
            fact_end(h);
            fact_start(h, &t(M::SessionId), "").leaf("code", "as-sid", sid);
            h.button(
                "as-btn as-btn-small",
                &format!("{sid}:copy"),
                &t(M::Copy),
                &[("aria-label", &t(M::CopySessionId))],
            );
            fact_end(h);
            h.close("dl");
        }
    }
    h.close("div");
}

//! One session card: checkbox, icon, title, badges ("This device", "New",
//! "Stale"), IP and host, login time, and the Details / Log out actions.
//!
//! Cards are built with plain DOM calls (`dom`) from the panel's state, with no
//! reactive parts of their own: the list replaces them as a whole (see `list`). In
//! leptos 0.8 an effect per card that reads a long-lived signal outlives the card and
//! leaks; a view per card compiled into large generic code. The buttons carry a
//! `data-as-key` (session id + action): the list's one click handler acts on it, and
//! focus finds its way back by it after a redraw.

use crate::core::date::{format_iso_ms, parse_iso_ms};
use crate::core::error::ApiError;
use crate::core::format::{clean_text, device_title_full, mask_ip, truncate_chars, MAX_TITLE_CHARS};
use crate::core::i18n::{s, Speaker, M};
use crate::core::model::{DeviceIcon, Session, SessionInfo};
use crate::ui::dom::El;
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
fn login_time(l: &Locale, ms: Option<f64>, raw: &str, now: f64) -> El {
    match ms {
        Some(ms) => {
            let (absolute, relative) = (l.absolute(ms), l.relative(ms, now));
            El::new("time", "")
                .attr("datetime", &format_iso_ms(ms).unwrap_or_default())
                .attr("title", &absolute)
                .attr("dir", "auto")
                .text(&relative)
        }
        None if raw.is_empty() => El::new("span", "").text(&l.say(M::UnknownTime)),
        None => El::new("span", "").text(raw),
    }
}

/// One `<div><dt>…</dt><dd>…</dd></div>` of a card's facts.
fn fact(label: &str, value: El) -> El {
    fact_in(label, "", value)
}

fn fact_in(label: &str, dd_class: &str, value: El) -> El {
    El::new("div", "").leaf("dt", "", label).child(El::new("dd", dd_class).child(value))
}

/// Text isolated from its neighbours' direction (server text: names, IPs, hosts).
fn bdi(text: &str) -> El {
    El::new("bdi", "").text(text)
}

/// The device icon: inline SVG (the component ships no image files), named by type.
fn icon(kind: DeviceIcon, label: &str) -> El {
    let path = match kind {
        DeviceIcon::Computer => "M3 5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2h-5v2h3v2H7v-2h3v-2H5a2 2 0 0 1-2-2zm2 0v10h14V5z",
        DeviceIcon::Phone => "M7 2h10a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm0 2v16h10V4zm4 13h2v2h-2z",
        DeviceIcon::Tablet => "M5 2h14a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm0 2v16h14V4zm6 13h2v2h-2z",
        DeviceIcon::Globe => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm6.9 6h-2.9a15 15 0 0 0-1.4-3.9A8 8 0 0 1 18.9 8zM12 4a13 13 0 0 1 1.9 4h-3.8A13 13 0 0 1 12 4zM4.3 14a8 8 0 0 1 0-4h3.3a17 17 0 0 0 0 4zm.8 2h2.9a15 15 0 0 0 1.4 3.9A8 8 0 0 1 5.1 16zM8 8H5.1a8 8 0 0 1 4.3-3.9A15 15 0 0 0 8 8zm4 12a13 13 0 0 1-1.9-4h3.8A13 13 0 0 1 12 20zm2.3-6H9.7a15 15 0 0 1 0-4h4.6a15 15 0 0 1 0 4zm.3 5.9a15 15 0 0 0 1.4-3.9h2.9a8 8 0 0 1-4.3 3.9zm1.8-5.9a17 17 0 0 0 0-4h3.3a8 8 0 0 1 0 4z",
    };
    El::svg("svg")
        .attr("class", "as-icon")
        .attr("viewBox", "0 0 24 24")
        .attr("role", "img")
        .attr("aria-label", label)
        .child(El::svg("path").attr("fill", "currentColor").attr("d", path))
}

/// The card of one session, worded in `l` (the list reads the language once per
/// redraw, not once per text); `uid` and `index` make its element ids unique.
pub fn session_card(l: &Locale, uid: u32, session: &Session, index: usize, state: CardState) -> El {
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

    let mut head = El::new("div", "as-card-head");
    // Every card but this device's can be selected for "Log out selected".
    if !state.current {
        head = head.child(
            El::new("input", "as-select")
                .attr("type", "checkbox")
                .attr("aria-label", &labelled(M::SelectDevice))
                .attr("data-as-key", &key("select"))
                .prop("checked", state.selected)
                .prop("disabled", state.pending),
        );
    }
    head = head
        .child(icon(kind, &t(kind.label())))
        .child(El::new("h3", "as-card-title").attr("id", &title_id).attr("title", &full_title).child(bdi(&title)));
    if state.current || state.new || state.stale {
        let mut badges = El::new("span", "as-badges");
        if state.current {
            badges = badges.leaf("span", "as-badge", &t(M::ThisDevice));
        }
        if state.new {
            // "New" to the eye, what it means to a screen reader.
            badges = badges.child(
                El::new("span", "as-badge as-badge-new")
                    .child(El::new("span", "").attr("aria-hidden", "true").text(&t(M::New)))
                    .leaf("span", "as-sr-only", &t(M::NewLong)),
            );
        }
        if state.stale {
            badges = badges.leaf("span", "as-badge as-badge-stale", &t(M::Stale));
        }
        head = head.child(badges);
    }

    let mut facts = El::new("dl", "as-facts").child(fact_in(&t(M::IpAddress), "as-ip", bdi(&ip)));
    if !host.is_empty() {
        facts = facts.child(fact(&t(M::Host), bdi(&host)));
    }
    facts = facts.child(fact(&t(M::SignedIn), login_time(l, session.login_at_ms, &session.login_at, state.now)));

    let stale_since = state.stale.then(|| {
        let day = session.login_at_ms.map(|ms| l.day(ms)).unwrap_or_default();
        El::new("p", "as-stale-note").text(&l.word(&M::NotUsedSince.with("date", s(day))))
    });

    // Not red: the danger colour is the confirmation's (a red button on every card
    // made the page shout).
    let mut logout = El::new("button", "as-btn")
        .attr("type", "button")
        .attr("data-as-key", &key("logout"))
        .attr("aria-label", &labelled(M::LogOutDevice))
        .text(&t(if state.pending { M::LoggingOut } else { M::LogOut }));
    if state.pending {
        logout = logout.prop("disabled", true);
    }
    let actions = El::new("div", "as-card-actions")
        .button(
            "as-btn",
            &key("details"),
            &t(M::Details),
            &[
                ("aria-label", &labelled(M::DetailsFor)),
                ("aria-expanded", if state.details_open { "true" } else { "false" }),
                ("aria-controls", &details_id),
            ],
        )
        .child(logout);

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
    let mut article = El::new("article", &classes).attr("aria-labelledby", &title_id);
    if state.pending {
        article = article.attr("aria-busy", "true");
    }
    let article = article
        .child(head)
        .child(facts)
        .child_if(stale_since)
        .child(actions)
        .child_if(state.details_open.then(|| session_details(l, &details_id, state.info, state.now)));
    El::new("li", "as-item").child(article)
}

fn session_details(l: &Locale, id: &str, info: Option<Result<SessionInfo, ApiError>>, now: f64) -> El {
    let body = match info {
        None => El::new("p", "as-muted").text(&l.say(M::DetailsLoading)),
        Some(Err(e)) => El::new("p", "as-error").text(&l.word(&e.text())),
        Some(Ok(i)) => {
            let t = |m| l.say(m);
            let time = |v: &Option<String>| {
                let raw = v.as_deref().unwrap_or_default();
                login_time(l, parse_iso_ms(raw), raw, now)
            };
            let device = i.session.device.as_ref();
            let client =
                device.map(|d| clean_text(&format!("{} {}", d.name, d.long_version))).filter(|c| !c.is_empty());
            let system = device
                .map(|d| clean_text(&format!("{} {}", d.os.name, d.os.version.as_deref().unwrap_or(""))))
                .filter(|c| !c.is_empty());
            let closed = match &i.closed_at {
                Some(_) => time(&i.closed_at),
                None => El::new("span", "").text(&t(M::StillOpen)),
            };
            let sid = &i.session.session_id;
            El::new("dl", "as-facts")
                .child_if(client.map(|c| fact(&t(M::Client), bdi(&c))))
                .child_if(system.map(|c| fact(&t(M::System), bdi(&c))))
                .child(fact(&t(M::LastActivity), time(&i.last_activity_at)))
                .child(fact(&t(M::Closed), closed))
                .child(El::new("div", "").leaf("dt", "", &t(M::SessionId)).child(
                    El::new("dd", "").leaf("code", "as-sid", sid).button(
                        "as-btn as-btn-small",
                        &format!("{sid}:copy"),
                        &t(M::Copy),
                        &[("aria-label", &t(M::CopySessionId))],
                    ),
                ))
        }
    };
    El::new("div", "as-details").attr("id", id).child(body)
}

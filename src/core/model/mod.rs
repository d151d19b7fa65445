//! Data types of the sessions API, and (in `decode.rs`, re-exported here) the
//! tolerant decoders for every response. ISO-8601 dates are in [`crate::core::date`].
//!
//! Real servers of several generations send `device` absent, `os.version`
//! absent, empty strings, device types nobody has listed, extra fields, and
//! (from 2026) a `current` flag older servers lack. A strict serde derive
//! would reject a whole page for one odd item, so every decoder parses the body
//! once (with the browser's `JSON.parse` in the wasm, serde_json on the host: see
//! [`crate::core::json`]) and picks fields out by hand:
//!
//! - A field of the wrong type (a number where a string belongs, `null`) is
//!   treated as absent. So a numeric `ip` becomes `""`, not its digits: a
//!   value of the wrong type is not trustworthy enough to show.
//! - A list item that is unusable (not an object, no non-empty `sessionId` nor
//!   `_id`, or a repeated id) is dropped and counted in
//!   [`SessionsPage::skipped`]; the rest of the page survives. Duplicate ids
//!   are dropped because the view keys rows by id.
//! - Only a body that is not JSON, or lacks the one field an endpoint is
//!   about, is an error ([`ApiError::Decode`](crate::core::error::ApiError::Decode)).
//!
//! Nothing here panics for any input: serde_json limits nesting depth (the
//! browser's parser copes with any), and numbers saturate instead of overflowing.

mod decode;

#[cfg(any(test, feature = "internals"))]
pub use decode::MAX_PAGE_ITEMS;
pub use decode::{
    decode_login, decode_logout_me, decode_logout_other_clients, decode_me, decode_session_info, decode_sessions_page,
};

use crate::core::format::truncate_chars;

/// What kind of client holds a session (`device.type` on the wire).
#[derive(Clone, Debug, PartialEq)]
pub enum DeviceKind {
    /// `browser`; also what a missing `type` means (Rocket.Chat's UI rule).
    Browser,
    /// `mobile-app`: the official mobile app.
    MobileApp,
    /// `desktop-app`: the Electron desktop app.
    DesktopApp,
    /// `mobile`: a phone browser, per ua-parser.
    Mobile,
    /// `tablet`, per ua-parser.
    Tablet,
    /// `other`: no browser detected (scripts, curl).
    Other,
    /// Anything else as sent (`smarttv`, `console`, `""`, …).
    Unknown(String),
}

/// Which icon stands for a device, following Rocket.Chat's own UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceIcon {
    Computer,
    Phone,
    Tablet,
    Globe,
}

impl DeviceKind {
    /// Maps `device.type`. Matching ignores ASCII case and surrounding
    /// whitespace; `""` is `Unknown("")`. A *missing* type is the caller's
    /// business (the decoder uses [`DeviceKind::Browser`]).
    pub fn from_wire(s: &str) -> Self {
        let t = s.trim();
        match t.to_ascii_lowercase().as_str() {
            "browser" => DeviceKind::Browser,
            "mobile-app" => DeviceKind::MobileApp,
            "desktop-app" => DeviceKind::DesktopApp,
            "mobile" => DeviceKind::Mobile,
            "tablet" => DeviceKind::Tablet,
            "other" => DeviceKind::Other,
            _ => DeviceKind::Unknown(truncate_chars(t, 40)),
        }
    }

    /// browser/desktop-app → computer, mobile/mobile-app → phone, tablet →
    /// tablet, anything else → globe.
    pub fn icon(&self) -> DeviceIcon {
        match self {
            DeviceKind::Browser | DeviceKind::DesktopApp => DeviceIcon::Computer,
            DeviceKind::Mobile | DeviceKind::MobileApp => DeviceIcon::Phone,
            DeviceKind::Tablet => DeviceIcon::Tablet,
            DeviceKind::Other | DeviceKind::Unknown(_) => DeviceIcon::Globe,
        }
    }
}

impl DeviceIcon {
    /// Accessible name: "Computer", "Phone", "Tablet", "Other device".
    pub fn label(self) -> crate::core::i18n::M {
        use crate::core::i18n::M;
        match self {
            DeviceIcon::Computer => M::IconComputer,
            DeviceIcon::Phone => M::IconPhone,
            DeviceIcon::Tablet => M::IconTablet,
            DeviceIcon::Globe => M::IconOther,
        }
    }
}

/// `device.os`. An absent or empty `version` is `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Os {
    pub name: String,
    pub version: Option<String>,
}

/// `device`, as parsed by the server from the User-Agent.
#[derive(Clone, Debug, PartialEq)]
pub struct Device {
    pub kind: DeviceKind,
    pub name: String,
    pub version: String,
    pub long_version: String,
    pub os: Os,
}

/// One row of `sessions/list`: one login token of the user.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub session_id: String,
    pub user_id: String,
    /// Absent when the login had no User-Agent.
    pub device: Option<Device>,
    pub host: String,
    pub ip: String,
    /// As sent (ISO 8601), for `title` attributes and `<time datetime>`.
    pub login_at: String,
    /// Epoch ms, `None` if `login_at` does not parse.
    pub login_at_ms: Option<f64>,
    /// Newer servers mark the caller's own session; older ones send nothing.
    pub current: Option<bool>,
}

/// A bare session for the core's tests: an id and a login time, nothing else.
#[cfg(test)]
pub(crate) fn test_session(id: &str, login_at_ms: f64) -> Session {
    Session {
        session_id: id.into(),
        user_id: "u".into(),
        device: None,
        host: String::new(),
        ip: String::new(),
        login_at: String::new(),
        login_at_ms: Some(login_at_ms),
        current: None,
    }
}

/// A decoded `sessions/list` answer.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionsPage {
    pub sessions: Vec<Session>,
    /// Matching rows on the server; the array's length if absent.
    pub total: u64,
    /// The page size the server used (not the number of items); 0 if absent,
    /// so the caller falls back to the size it asked for.
    pub count: u64,
    /// Echoed as sent, which may be negative.
    pub offset: i64,
    /// Items dropped as unusable (see the module docs).
    pub skipped: usize,
}

/// A decoded `sessions/info` answer: the raw session document.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionInfo {
    pub session: Session,
    pub last_activity_at: Option<String>,
    pub closed_at: Option<String>,
    pub created_at: Option<String>,
    pub instance_id: Option<String>,
    /// The row's *hashed* login token (base64 of SHA-256), as Rocket.Chat stores it:
    /// compared with the hash of our own token, it tells "this device" on servers
    /// without the `current` flag. Never shown.
    pub login_token: Option<String>,
}

/// The result of `POST /api/v1/login`. `Debug` redacts the token.
#[derive(Clone, PartialEq)]
pub struct LoginData {
    pub user_id: String,
    pub auth_token: String,
}

impl std::fmt::Debug for LoginData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginData").field("user_id", &self.user_id).field("auth_token", &"***").finish()
    }
}

/// The parts of `GET /api/v1/me` the component shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Me {
    pub id: String,
    /// May be empty: a user can exist before choosing a username.
    pub username: String,
    pub name: Option<String>,
}

/// The result of `users.logoutOtherClients`: the token to store from now
/// on. `Debug` redacts it.
#[derive(Clone, PartialEq)]
pub struct NewToken {
    pub token: String,
    pub token_expires: Option<String>,
}

impl std::fmt::Debug for NewToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewToken").field("token", &"***").field("token_expires", &self.token_expires).finish()
    }
}

#[cfg(test)]
mod tests;

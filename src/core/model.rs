//! Data types of the sessions API and tolerant decoders for every response.
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
//!   about, is an error ([`ApiError::Decode`]).
//!
//! Nothing here panics for any input: serde_json limits nesting depth (the
//! browser's parser copes with any), and numbers saturate instead of overflowing.

use crate::core::json::{self, Json, Node};

use crate::core::error::{ApiError, MAX_DETAIL};
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

    /// Accessible name of the icon: "Computer", "Phone", "Tablet", "Other device".
    pub fn label(&self) -> &str {
        self.icon().label()
    }
}

impl DeviceIcon {
    /// Accessible name: "Computer", "Phone", "Tablet", "Other device".
    pub fn label(self) -> &'static str {
        match self {
            DeviceIcon::Computer => "Computer",
            DeviceIcon::Phone => "Phone",
            DeviceIcon::Tablet => "Tablet",
            DeviceIcon::Globe => "Other device",
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
        f.debug_struct("LoginData")
            .field("user_id", &self.user_id)
            .field("auth_token", &"***")
            .finish()
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
        f.debug_struct("NewToken")
            .field("token", &"***")
            .field("token_expires", &self.token_expires)
            .finish()
    }
}

// ---------------------------------------------------------------- helpers

fn decode_err(detail: impl Into<String>) -> ApiError {
    ApiError::Decode {
        detail: truncate_chars(&detail.into(), MAX_DETAIL),
    }
}

/// Parses the body as a JSON object. The message never quotes the body.
fn parse_object(body: &str) -> Result<Node, ApiError> {
    match json::parse(body) {
        Some(v) if v.is_record() => Ok(v),
        Some(_) => Err(decode_err("body is JSON but not an object")),
        None => Err(decode_err("body is not JSON")),
    }
}

/// A string field; any other type (or absence) is `None`.
fn get_str(obj: &Node, key: &str) -> Option<String> {
    obj.text_field(key)
}

/// A string field or `""`.
fn str_or_empty(obj: &Node, key: &str) -> String {
    get_str(obj, key).unwrap_or_default()
}

/// A string field that is not blank (ids, tokens).
fn non_blank(obj: &Node, key: &str) -> Option<String> {
    get_str(obj, key).filter(|s| !s.trim().is_empty())
}

/// A date field: an ISO string, or EJSON's `{"$date": ms | "iso"}` as some
/// servers and proxies emit, rendered as ISO. Blank → `None`.
fn date_field(obj: &Node, key: &str) -> Option<String> {
    let v = obj.field(key)?;
    let (v, in_date) = if v.is_record() { (v.field("$date")?, true) } else { (v, false) };
    match v.text() {
        Some(s) => (!s.trim().is_empty()).then_some(s),
        // A bare number is not a date; EJSON's `{"$date": ms}` is.
        None if in_date => v.number().and_then(format_iso_ms),
        None => None,
    }
}

/// A non-negative count: floats truncated, negatives 0, anything too big
/// saturates at `u64::MAX` (Rust's float-to-int `as` saturates). Other types → `None`.
fn get_u64(obj: &Node, key: &str) -> Option<u64> {
    let f = obj.field(key)?.number()?;
    (!f.is_nan()).then_some(f as u64)
}

/// A signed number, saturating at the `i64` bounds.
fn get_i64(obj: &Node, key: &str) -> Option<i64> {
    let f = obj.field(key)?.number()?;
    (!f.is_nan()).then_some(f as i64)
}

fn decode_device(d: &Node) -> Option<Device> {
    if !d.is_record() {
        return None;
    }
    // Missing (or non-string) type means browser, as in Rocket.Chat's UI.
    let kind = get_str(d, "type").map_or(DeviceKind::Browser, |t| DeviceKind::from_wire(&t));
    let os = match d.field("os").filter(Json::is_record) {
        Some(o) => Os {
            name: str_or_empty(&o, "name"),
            version: non_blank(&o, "version"),
        },
        None => Os {
            name: String::new(),
            version: None,
        },
    };
    Some(Device {
        kind,
        name: str_or_empty(d, "name"),
        version: str_or_empty(d, "version"),
        long_version: str_or_empty(d, "longVersion"),
        os,
    })
}

/// One session object; `None` if it has no usable id.
fn decode_session(obj: &Node) -> Option<Session> {
    let session_id = non_blank(obj, "sessionId").or_else(|| non_blank(obj, "_id"))?;
    let login_at = date_field(obj, "loginAt").unwrap_or_default();
    Some(Session {
        session_id,
        user_id: str_or_empty(obj, "userId"),
        device: obj.field("device").as_ref().and_then(decode_device),
        host: str_or_empty(obj, "host"),
        ip: str_or_empty(obj, "ip"),
        login_at_ms: parse_iso_ms(&login_at),
        login_at,
        current: obj.field("current").and_then(|c| c.boolean()),
    })
}

// ---------------------------------------------------------------- decoders

/// More items than the server's upper count limit (100) are never a real page;
/// a generous cap keeps a hostile answer from building a huge list.
pub const MAX_PAGE_ITEMS: usize = 1000;

/// Decodes `GET /api/v1/sessions/list`. Errors only when the body is not a
/// JSON object or has no `sessions` array; odd items are skipped and counted.
pub fn decode_sessions_page(body: &str) -> Result<SessionsPage, ApiError> {
    let map = parse_object(body)?;
    let items = map.field("sessions").ok_or_else(|| decode_err("`sessions` is missing"))?;
    let len = items.array_len().ok_or_else(|| decode_err("`sessions` is not an array"))?;
    let mut sessions: Vec<Session> = Vec::with_capacity(len.min(MAX_PAGE_ITEMS));
    // Ids seen so far, sorted: a binary search, not a rescan, so that a hostile
    // page cannot freeze the tab (and the cap bounds the insertions).
    let mut seen: Vec<String> = Vec::with_capacity(len.min(MAX_PAGE_ITEMS));
    let mut skipped = 0usize;
    for i in 0..len {
        if sessions.len() == MAX_PAGE_ITEMS {
            skipped += len - i;
            break;
        }
        // A non-object item has no `sessionId` nor `_id`, so it is skipped too.
        match items.item(i).as_ref().and_then(decode_session) {
            Some(s) => match seen.binary_search(&s.session_id) {
                Ok(_) => skipped += 1,
                Err(at) => {
                    seen.insert(at, s.session_id.clone());
                    sessions.push(s);
                }
            },
            None => skipped += 1,
        }
    }
    let total = get_u64(&map, "total").unwrap_or(len as u64);
    Ok(SessionsPage {
        sessions,
        total,
        count: get_u64(&map, "count").unwrap_or(0),
        offset: get_i64(&map, "offset").unwrap_or(0),
        skipped,
    })
}

/// Decodes `GET /api/v1/sessions/info`: the session document at the top
/// level (or, tolerated, under `session`). No usable id → `Decode`.
pub fn decode_session_info(body: &str) -> Result<SessionInfo, ApiError> {
    let map = parse_object(body)?;
    let doc = match map.field("session").filter(Json::is_record) {
        Some(inner) if non_blank(&map, "sessionId").is_none() => inner,
        _ => map,
    };
    let session = decode_session(&doc).ok_or_else(|| decode_err("session has no sessionId"))?;
    Ok(SessionInfo {
        session,
        last_activity_at: date_field(&doc, "lastActivityAt"),
        closed_at: date_field(&doc, "closedAt"),
        created_at: date_field(&doc, "createdAt"),
        instance_id: non_blank(&doc, "instanceId"),
        login_token: non_blank(&doc, "loginToken"),
    })
}

/// Decodes `POST /api/v1/login`: `data.userId` and `data.authToken` (also
/// accepted at the top level). Both must be non-blank strings.
pub fn decode_login(body: &str) -> Result<LoginData, ApiError> {
    let map = parse_object(body)?;
    let data = map.field("data").filter(Json::is_record);
    let pick = |k: &str| data.as_ref().and_then(|d| non_blank(d, k)).or_else(|| non_blank(&map, k));
    match (pick("userId"), pick("authToken")) {
        (Some(user_id), Some(auth_token)) => Ok(LoginData {
            user_id,
            auth_token,
        }),
        _ => Err(decode_err("login answer lacks userId or authToken")),
    }
}

/// Decodes `GET /api/v1/me`: needs a non-blank `_id`; `username` may be
/// absent (→ `""`); a blank `name` is `None`.
pub fn decode_me(body: &str) -> Result<Me, ApiError> {
    let map = parse_object(body)?;
    let id = non_blank(&map, "_id").ok_or_else(|| decode_err("user has no _id"))?;
    Ok(Me {
        id,
        username: str_or_empty(&map, "username"),
        name: non_blank(&map, "name"),
    })
}

/// Decodes `POST /api/v1/users.logoutOtherClients`: the token to store
/// (also accepted under `data`). No token → `Decode`: the caller must not
/// overwrite the stored one with nothing.
pub fn decode_logout_other_clients(body: &str) -> Result<NewToken, ApiError> {
    let map = parse_object(body)?;
    let data = match map.field("data").filter(Json::is_record) {
        Some(d) if non_blank(&map, "token").is_none() => d,
        _ => map,
    };
    let token = non_blank(&data, "token").ok_or_else(|| decode_err("answer has no token"))?;
    Ok(NewToken {
        token,
        token_expires: date_field(&data, "tokenExpires"),
    })
}

/// Decodes `POST /api/v1/sessions/logout.me`: the `sessionId` logged out.
///
/// The 2xx status already says the logout happened, so a body without
/// `sessionId` (but not `"success": false`) is `Ok("")`: the caller then uses
/// the id it sent. Not JSON, or `"success": false` → `Decode`.
pub fn decode_logout_me(body: &str) -> Result<String, ApiError> {
    let map = parse_object(body)?;
    if map.field("success").and_then(|s| s.boolean()) == Some(false) {
        return Err(decode_err("2xx answer says success: false"));
    }
    Ok(non_blank(&map, "sessionId").unwrap_or_default())
}

// ---------------------------------------------------------------- dates

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`), exact for any year in i64 range that we accept.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A small cursor over ASCII bytes for [`parse_iso_ms`].
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    /// Exactly `n` ASCII digits.
    fn digits(&mut self, n: usize) -> Option<i64> {
        let mut v = 0i64;
        for _ in 0..n {
            let c = self.peek().filter(u8::is_ascii_digit)?;
            v = v * 10 + i64::from(c - b'0');
            self.i += 1;
        }
        Some(v)
    }
}

/// Parses an ISO 8601 / RFC 3339 instant to epoch milliseconds:
/// `2023-05-23T16:33:45.202Z`, without fraction, with any number of fraction
/// digits, with `+hh:mm`/`-hhmm`/`+hh` offsets, `t`/`z`/space accepted, or a
/// bare date (midnight UTC). Without a zone the time is taken as UTC (the
/// server always sends `Z`; a browser would use local time). Anything else,
/// including impossible dates (02-30, 24:01), → `None`. Hand-written to avoid
/// chrono in the wasm.
pub fn parse_iso_ms(s: &str) -> Option<f64> {
    let mut c = Cursor {
        b: s.trim().as_bytes(),
        i: 0,
    };
    let year = c.digits(4)?;
    if !c.eat(b'-') {
        return None;
    }
    let month = c.digits(2)?;
    if !c.eat(b'-') {
        return None;
    }
    let day = c.digits(2)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    // Whole milliseconds stay integers so that results are exact; only
    // digits beyond the millisecond become a float fraction.
    let mut ms_of_day = 0i64;
    let mut sub_ms = 0f64;
    let mut offset_min = 0i64;
    if c.peek().is_some() {
        if !(c.eat(b'T') || c.eat(b't') || c.eat(b' ')) {
            return None;
        }
        let hour = c.digits(2)?;
        if !c.eat(b':') {
            return None;
        }
        let minute = c.digits(2)?;
        let second = if c.eat(b':') { c.digits(2)? } else { 0 };
        let mut milli = 0i64;
        if c.eat(b'.') || c.eat(b',') {
            let mut n = 0u32;
            let mut scale = 0.1;
            while let Some(d) = c.peek().filter(u8::is_ascii_digit) {
                let digit = i64::from(d - b'0');
                if n < 3 {
                    milli = milli * 10 + digit;
                } else {
                    sub_ms += digit as f64 * scale;
                    scale /= 10.0;
                }
                n = n.saturating_add(1);
                c.i += 1;
            }
            if n == 0 {
                return None;
            }
            for _ in n..3 {
                milli *= 10;
            }
        }
        let end_of_day = hour == 24 && minute == 0 && second == 0 && milli == 0 && sub_ms == 0.0;
        if !(hour < 24 || end_of_day) || minute > 59 || second > 59 {
            return None;
        }
        ms_of_day = ((hour * 60 + minute) * 60 + second) * 1000 + milli;
        match c.peek() {
            None => {}
            Some(b'Z' | b'z') => c.i += 1,
            Some(sign @ (b'+' | b'-')) => {
                c.i += 1;
                let oh = c.digits(2)?;
                let om = if c.peek().is_none() {
                    0
                } else {
                    c.eat(b':');
                    c.digits(2)?
                };
                if oh > 23 || om > 59 {
                    return None;
                }
                offset_min = (oh * 60 + om) * if sign == b'+' { 1 } else { -1 };
            }
            Some(_) => return None,
        }
        if c.peek().is_some() {
            return None;
        }
    }
    // |days| < 3.7e6 for 4-digit years: no overflow anywhere below.
    let ms = days_from_civil(year, month, day) * 86_400_000 + ms_of_day - offset_min * 60_000;
    Some(ms as f64 + sub_ms)
}

/// Formats epoch ms as `YYYY-MM-DDTHH:MM:SS.mmmZ`, as `toISOString` does (for
/// EJSON `$date` numbers and `<time datetime>`). `None` outside years 0000–9999 or for non-finite input.
pub fn format_iso_ms(ms: f64) -> Option<String> {
    // Years 0000..=9999 span roughly ±2.6e14 ms around 1970.
    if !ms.is_finite() || !(-62_167_219_200_000.0..253_402_300_800_000.0).contains(&ms) {
        return None;
    }
    let total = ms.floor() as i64; // in range, checked above
    let days = total.div_euclid(86_400_000);
    let rem = total.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    let (h, rem) = (rem / 3_600_000, rem % 3_600_000);
    let (mi, rem) = (rem / 60_000, rem % 60_000);
    let (s, milli) = (rem / 1000, rem % 1000);
    Some(format!(
        "{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}Z"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The contract's example, verbatim.
    const EXAMPLE: &str = r#"{"sessions":[{"sessionId":"QoYYFw2t9oKks2niG","userId":"rbAXPnMktTFbNpwtJ",
  "device":{"type":"browser","name":"Chrome","longVersion":"113.0.0.0",
            "os":{"name":"Windows","version":"10"},"version":"113.0.0"},
  "host":"localhost:3000","ip":"172.20.0.2","loginAt":"2023-05-23T16:33:45.202Z",
  "_id":"QoYYFw2t9oKks2niG"}],
 "total":2,"count":50,"offset":0,"success":true}"#;

    fn page_of(items: &str) -> SessionsPage {
        match decode_sessions_page(&format!(
            r#"{{"sessions":[{items}],"total":9,"count":25,"offset":0}}"#
        )) {
            Ok(p) => p,
            Err(e) => panic!("{e:?}"),
        }
    }

    fn one(item: &str) -> Session {
        let p = page_of(item);
        assert_eq!(p.sessions.len(), 1, "{item}");
        p.sessions[0].clone()
    }

    #[test]
    fn contract_example() {
        let p = decode_sessions_page(EXAMPLE).expect("decodes");
        assert_eq!((p.total, p.count, p.offset, p.skipped), (2, 50, 0, 0));
        assert_eq!(
            p.sessions,
            vec![Session {
                session_id: "QoYYFw2t9oKks2niG".into(),
                user_id: "rbAXPnMktTFbNpwtJ".into(),
                device: Some(Device {
                    kind: DeviceKind::Browser,
                    name: "Chrome".into(),
                    version: "113.0.0".into(),
                    long_version: "113.0.0.0".into(),
                    os: Os {
                        name: "Windows".into(),
                        version: Some("10".into())
                    },
                }),
                host: "localhost:3000".into(),
                ip: "172.20.0.2".into(),
                login_at: "2023-05-23T16:33:45.202Z".into(),
                login_at_ms: Some(1_684_859_625_202.0),
                current: None,
            }]
        );
    }

    #[test]
    fn device_absent_or_null_or_wrong_type() {
        for d in [
            "",
            r#","device":null"#,
            r#","device":"Chrome""#,
            r#","device":[1]"#,
        ] {
            let s = one(&format!(r#"{{"sessionId":"a"{d}}}"#));
            assert_eq!(s.device, None, "{d}");
        }
    }

    #[test]
    fn device_type_absent_means_browser() {
        let s = one(r#"{"sessionId":"a","device":{"name":"X"}}"#);
        assert_eq!(s.device.map(|d| d.kind), Some(DeviceKind::Browser));
        let s = one(r#"{"sessionId":"a","device":{"type":null}}"#);
        assert_eq!(s.device.map(|d| d.kind), Some(DeviceKind::Browser));
    }

    #[test]
    fn device_types() {
        let kind = |t: &str| {
            one(&format!(r#"{{"sessionId":"a","device":{{"type":"{t}"}}}}"#))
                .device
                .map(|d| d.kind)
        };
        assert_eq!(kind("browser"), Some(DeviceKind::Browser));
        assert_eq!(kind("mobile-app"), Some(DeviceKind::MobileApp));
        assert_eq!(kind("desktop-app"), Some(DeviceKind::DesktopApp));
        assert_eq!(kind("mobile"), Some(DeviceKind::Mobile));
        assert_eq!(kind("tablet"), Some(DeviceKind::Tablet));
        assert_eq!(kind("other"), Some(DeviceKind::Other));
        assert_eq!(kind("Browser"), Some(DeviceKind::Browser));
        assert_eq!(kind("smarttv"), Some(DeviceKind::Unknown("smarttv".into())));
        assert_eq!(kind(""), Some(DeviceKind::Unknown(String::new())));
    }

    #[test]
    fn icons_and_labels() {
        use DeviceIcon::*;
        let cases = [
            (DeviceKind::Browser, Computer, "Computer"),
            (DeviceKind::DesktopApp, Computer, "Computer"),
            (DeviceKind::Mobile, Phone, "Phone"),
            (DeviceKind::MobileApp, Phone, "Phone"),
            (DeviceKind::Tablet, Tablet, "Tablet"),
            (DeviceKind::Other, Globe, "Other device"),
            (DeviceKind::Unknown("smarttv".into()), Globe, "Other device"),
            (DeviceKind::from_wire(""), Globe, "Other device"),
        ];
        for (k, icon, label) in cases {
            assert_eq!(k.icon(), icon, "{k:?}");
            assert_eq!(k.label(), label, "{k:?}");
        }
    }

    #[test]
    fn os_and_version_absent_or_empty() {
        let s = one(
            r#"{"sessionId":"a","device":{"type":"browser","name":"Chrome","os":{"name":"Linux"}}}"#,
        );
        assert_eq!(
            s.device.map(|d| d.os),
            Some(Os {
                name: "Linux".into(),
                version: None
            })
        );
        let s = one(r#"{"sessionId":"a","device":{"os":{"name":"","version":""}}}"#);
        assert_eq!(
            s.device.map(|d| d.os),
            Some(Os {
                name: String::new(),
                version: None
            })
        );
        let s = one(r#"{"sessionId":"a","device":{}}"#);
        let d = s.device.expect("device");
        assert_eq!(
            d.os,
            Os {
                name: String::new(),
                version: None
            }
        );
        assert_eq!(
            (d.name.as_str(), d.version.as_str(), d.long_version.as_str()),
            ("", "", "")
        );
        let s = one(r#"{"sessionId":"a","device":{"os":null}}"#);
        assert_eq!(s.device.map(|d| d.os.name), Some(String::new()));
    }

    #[test]
    fn empty_strings_everywhere() {
        let s = one(
            r#"{"sessionId":"a","userId":"","device":{"type":"","name":"","longVersion":"","os":{"name":"","version":""},"version":""},"host":"","ip":"","loginAt":""}"#,
        );
        assert_eq!(s.session_id, "a");
        assert_eq!(
            (
                s.user_id.as_str(),
                s.host.as_str(),
                s.ip.as_str(),
                s.login_at.as_str()
            ),
            ("", "", "", "")
        );
        assert_eq!(s.login_at_ms, None);
    }

    #[test]
    fn extra_fields_ignored() {
        let s = one(
            r#"{"sessionId":"a","roles":["user"],"loginToken":"hash","x":{"y":[1,2,{"z":null}]},"_updatedAt":"2023-01-01T00:00:00Z","device":{"type":"browser","name":"C","engine":{"name":"Blink"},"os":{"name":"L","arch":"x64"}}}"#,
        );
        assert_eq!(s.device.map(|d| d.name), Some("C".into()));
        let p = decode_sessions_page(
            r#"{"sessions":[],"total":0,"count":25,"offset":0,"success":true,"extra":[1]}"#,
        );
        assert_eq!(p.map(|p| p.sessions.len()), Ok(0));
    }

    #[test]
    fn current_flag() {
        assert_eq!(one(r#"{"sessionId":"a"}"#).current, None);
        assert_eq!(
            one(r#"{"sessionId":"a","current":true}"#).current,
            Some(true)
        );
        assert_eq!(
            one(r#"{"sessionId":"a","current":false}"#).current,
            Some(false)
        );
        assert_eq!(one(r#"{"sessionId":"a","current":"true"}"#).current, None);
        assert_eq!(one(r#"{"sessionId":"a","current":null}"#).current, None);
    }

    #[test]
    fn wrong_types_and_nulls_are_absent() {
        let s = one(
            r#"{"sessionId":"a","userId":5,"host":null,"ip":1720002,"loginAt":12345,"device":{"type":3,"name":["x"],"version":1.5,"os":{"name":true,"version":10}}}"#,
        );
        assert_eq!(
            (
                s.user_id.as_str(),
                s.host.as_str(),
                s.ip.as_str(),
                s.login_at.as_str()
            ),
            ("", "", "", "")
        );
        let d = s.device.expect("device");
        assert_eq!(d.kind, DeviceKind::Browser);
        assert_eq!((d.name.as_str(), d.version.as_str()), ("", ""));
        assert_eq!(
            d.os,
            Os {
                name: String::new(),
                version: None
            }
        );
    }

    #[test]
    fn session_id_falls_back_to_underscore_id() {
        assert_eq!(one(r#"{"_id":"b"}"#).session_id, "b");
        assert_eq!(one(r#"{"sessionId":"","_id":"b"}"#).session_id, "b");
        assert_eq!(one(r#"{"sessionId":7,"_id":"b"}"#).session_id, "b");
        assert_eq!(one(r#"{"sessionId":"a","_id":"b"}"#).session_id, "a");
    }

    #[test]
    fn a_huge_hostile_page_is_capped_and_fast() {
        let items: Vec<String> = (0..100_000).map(|i| format!(r#"{{"sessionId":"s{i}"}}"#)).collect();
        let body = format!(r#"{{"sessions":[{}],"total":100000}}"#, items.join(","));
        let p = decode_sessions_page(&body).expect("decodes");
        assert_eq!(p.sessions.len(), MAX_PAGE_ITEMS);
        assert_eq!(p.skipped, 100_000 - MAX_PAGE_ITEMS);
    }

    #[test]
    fn unusable_items_skipped_and_counted() {
        let p = page_of(
            r#"1,"x",null,[],true,{},{"sessionId":""},{"sessionId":"  "},{"_id":null},{"sessionId":"ok"},{"sessionId":"ok"},{"sessionId":"ok2"}"#,
        );
        assert_eq!(
            p.sessions
                .iter()
                .map(|s| s.session_id.as_str())
                .collect::<Vec<_>>(),
            ["ok", "ok2"]
        );
        assert_eq!(p.skipped, 10);
    }

    #[test]
    fn missing_or_wrong_sessions_is_decode_error() {
        for body in [
            r#"{"total":1}"#,
            r#"{"sessions":null}"#,
            r#"{"sessions":{}}"#,
            r#"{"sessions":"[]"}"#,
            r#"[]"#,
            r#""sessions""#,
            "null",
            r#"{"success":false,"error":"x"}"#,
        ] {
            assert!(
                matches!(decode_sessions_page(body), Err(ApiError::Decode { .. })),
                "{body}"
            );
        }
    }

    #[test]
    fn not_json_and_truncated_json() {
        for body in [
            "",
            "<html>502</html>",
            "{",
            r#"{"sessions":[{"sessionId":"a""#,
            "{\"sessions\":[]}x",
            "\u{feff}{}",
        ] {
            let e = decode_sessions_page(body);
            let Err(ApiError::Decode { detail }) = e else {
                panic!("{body}: {e:?}")
            };
            assert!(detail.chars().count() <= MAX_DETAIL);
        }
    }

    #[test]
    fn decode_detail_never_echoes_body() {
        let secret = "s3cr3t-".repeat(40);
        for body in [
            format!("<html>{secret}"),
            format!("{{\"sessions\":\"{secret}\"}}"),
            format!("{{\"{secret}\""),
        ] {
            let Err(ApiError::Decode { detail }) = decode_sessions_page(&body) else {
                panic!()
            };
            assert!(!detail.contains("s3cr3t"), "{detail}");
        }
    }

    #[test]
    fn totals_counts_offsets() {
        let p = decode_sessions_page(r#"{"sessions":[{"_id":"a"},5]}"#).expect("ok");
        assert_eq!((p.total, p.count, p.offset, p.skipped), (2, 0, 0, 1));
        let p = decode_sessions_page(r#"{"sessions":[],"total":"7","count":null,"offset":"3"}"#)
            .expect("ok");
        assert_eq!((p.total, p.count, p.offset), (0, 0, 0));
        let p = decode_sessions_page(r#"{"sessions":[],"total":-4,"count":2.9,"offset":-10}"#)
            .expect("ok");
        assert_eq!((p.total, p.count, p.offset), (0, 2, -10));
    }

    #[test]
    fn huge_numbers_saturate() {
        let p = decode_sessions_page(
            r#"{"sessions":[],"total":1e300,"count":99999999999999999999999999,"offset":-1e300}"#,
        )
        .expect("ok");
        assert_eq!((p.total, p.count, p.offset), (u64::MAX, u64::MAX, i64::MIN));
        let p = decode_sessions_page(
            r#"{"sessions":[],"total":18446744073709551615,"offset":18446744073709551615}"#,
        )
        .expect("ok");
        assert_eq!((p.total, p.offset), (u64::MAX, i64::MAX));
        // Beyond f64: serde_json rejects it as a number out of range -> Decode, not a panic.
        let r = decode_sessions_page(r#"{"sessions":[],"total":1e999}"#);
        assert!(r.is_ok() || matches!(r, Err(ApiError::Decode { .. })));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!(
            "{{\"sessions\":[{}{}]}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert!(matches!(
            decode_sessions_page(&deep),
            Err(ApiError::Decode { .. })
        ));
    }

    #[test]
    fn invalid_escapes_are_errors() {
        for body in [
            r#"{"sessions":[{"sessionId":"\ud800"}]}"#,
            r#"{"sessions":[{"sessionId":"\x"}]}"#,
        ] {
            // Lone surrogates and bad escapes: an error or a value, never a panic.
            let _ = decode_sessions_page(body);
        }
        assert!(matches!(
            decode_sessions_page(r#"{"sessions":[{"sessionId":"\x"}]}"#),
            Err(ApiError::Decode { .. })
        ));
    }

    #[test]
    fn long_strings_survive() {
        let big = "é".repeat(500_000);
        let s = one(&format!(r#"{{"sessionId":"a","host":"{big}"}}"#));
        assert_eq!(s.host.chars().count(), 500_000);
    }

    #[test]
    fn session_info() {
        let body = r#"{"_id":"QoYYFw2t9oKks2niG","sessionId":"QoYYFw2t9oKks2niG","userId":"u","device":{"type":"browser","name":"Chrome","os":{"name":"Windows"}},"host":"h","ip":"1.2.3.4","loginAt":"2023-05-23T16:33:45.202Z","lastActivityAt":"2023-05-24T10:00:00.000Z","closedAt":null,"createdAt":{"$date":1684859625202},"_updatedAt":"x","instanceId":"inst","roles":["user"],"type":"session","loginToken":"hashed","success":true}"#;
        let i = decode_session_info(body).expect("ok");
        assert_eq!(i.session.session_id, "QoYYFw2t9oKks2niG");
        assert_eq!(i.session.ip, "1.2.3.4");
        assert_eq!(
            i.last_activity_at.as_deref(),
            Some("2023-05-24T10:00:00.000Z")
        );
        assert_eq!(i.closed_at, None);
        assert_eq!(i.created_at.as_deref(), Some("2023-05-23T16:33:45.202Z"));
        assert_eq!(i.instance_id.as_deref(), Some("inst"));
        assert_eq!(i.login_token.as_deref(), Some("hashed"));
        let wrapped =
            decode_session_info(r#"{"session":{"sessionId":"w"},"success":true}"#).expect("ok");
        assert_eq!(wrapped.session.session_id, "w");
        assert!(matches!(
            decode_session_info(r#"{"success":true}"#),
            Err(ApiError::Decode { .. })
        ));
        assert!(matches!(
            decode_session_info("[]"),
            Err(ApiError::Decode { .. })
        ));
    }

    #[test]
    fn login() {
        let l = decode_login(
            r#"{"status":"success","data":{"userId":"u1","authToken":"tok","me":{"_id":"u1","username":"alice"}},"success":true}"#,
        )
        .expect("ok");
        assert_eq!(
            l,
            LoginData {
                user_id: "u1".into(),
                auth_token: "tok".into()
            }
        );
        let dbg = format!("{l:?}");
        assert!(!dbg.contains("tok\""), "{dbg}");
        assert!(dbg.contains("***") && dbg.contains("u1"));
        for body in [
            r#"{"status":"success","data":{"userId":"u1"}}"#,
            r#"{"data":{"userId":"u1","authToken":""}}"#,
            r#"{"data":{"userId":1,"authToken":"t"}}"#,
            r#"{"status":"error"}"#,
            "",
        ] {
            assert!(
                matches!(decode_login(body), Err(ApiError::Decode { .. })),
                "{body}"
            );
        }
        assert!(decode_login(r#"{"userId":"u","authToken":"t"}"#).is_ok());
    }

    #[test]
    fn me() {
        let m = decode_me(r#"{"_id":"u1","username":"alice","name":"Alice A.","status":"online","roles":["user"],"success":true}"#)
            .expect("ok");
        assert_eq!(
            m,
            Me {
                id: "u1".into(),
                username: "alice".into(),
                name: Some("Alice A.".into())
            }
        );
        let m = decode_me(r#"{"_id":"u1","name":""}"#).expect("ok");
        assert_eq!(
            m,
            Me {
                id: "u1".into(),
                username: String::new(),
                name: None
            }
        );
        assert!(matches!(
            decode_me(r#"{"username":"a"}"#),
            Err(ApiError::Decode { .. })
        ));
        assert!(matches!(
            decode_me(r#"{"_id":5}"#),
            Err(ApiError::Decode { .. })
        ));
    }

    #[test]
    fn logout_other_clients() {
        let t = decode_logout_other_clients(
            r#"{"token":"newtok","tokenExpires":"2023-08-21T16:33:45.202Z","success":true}"#,
        )
        .expect("ok");
        assert_eq!(
            t,
            NewToken {
                token: "newtok".into(),
                token_expires: Some("2023-08-21T16:33:45.202Z".into())
            }
        );
        assert!(!format!("{t:?}").contains("newtok"));
        let t = decode_logout_other_clients(r#"{"token":"t"}"#).expect("ok");
        assert_eq!(t.token_expires, None);
        let t =
            decode_logout_other_clients(r#"{"data":{"token":"t2"},"success":true}"#).expect("ok");
        assert_eq!(t.token, "t2");
        for body in [
            r#"{"success":true}"#,
            r#"{"token":""}"#,
            r#"{"token":null}"#,
            "x",
        ] {
            assert!(
                matches!(
                    decode_logout_other_clients(body),
                    Err(ApiError::Decode { .. })
                ),
                "{body}"
            );
        }
    }

    #[test]
    fn logout_me() {
        assert_eq!(
            decode_logout_me(r#"{"sessionId":"abc","success":true}"#),
            Ok("abc".into())
        );
        assert_eq!(decode_logout_me(r#"{"success":true}"#), Ok(String::new()));
        assert!(matches!(
            decode_logout_me(r#"{"success":false}"#),
            Err(ApiError::Decode { .. })
        ));
        assert!(matches!(
            decode_logout_me("<html>"),
            Err(ApiError::Decode { .. })
        ));
    }

    #[test]
    fn iso_parsing() {
        assert_eq!(
            parse_iso_ms("2023-05-23T16:33:45.202Z"),
            Some(1_684_859_625_202.0)
        );
        assert_eq!(
            parse_iso_ms("2023-05-23T16:33:45Z"),
            Some(1_684_859_625_000.0)
        );
        assert_eq!(
            parse_iso_ms("2023-05-23T18:33:45.202+02:00"),
            Some(1_684_859_625_202.0)
        );
        assert_eq!(
            parse_iso_ms("2023-05-23T11:03:45.202-0530"),
            Some(1_684_859_625_202.0)
        );
        assert_eq!(
            parse_iso_ms("2023-05-23T17:33:45.202+01"),
            Some(1_684_859_625_202.0)
        );
        assert_eq!(
            parse_iso_ms("2023-05-23t16:33:45.202z"),
            Some(1_684_859_625_202.0)
        );
        assert_eq!(
            parse_iso_ms("2023-05-23 16:33:45.202"),
            Some(1_684_859_625_202.0)
        );
        assert_eq!(parse_iso_ms("2023-05-23T16:33Z"), Some(1_684_859_580_000.0));
        assert_eq!(
            parse_iso_ms("2023-05-23T16:33:45.2Z"),
            Some(1_684_859_625_200.0)
        );
        assert_eq!(
            parse_iso_ms("2023-05-23T16:33:45.02Z"),
            Some(1_684_859_625_020.0)
        );
        assert_eq!(parse_iso_ms("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(parse_iso_ms("1970-01-01"), Some(0.0));
        assert_eq!(parse_iso_ms("1969-12-31T23:59:59.999Z"), Some(-1.0));
        assert_eq!(
            parse_iso_ms("2000-02-29T00:00:00Z"),
            Some(951_782_400_000.0)
        );
        assert_eq!(
            parse_iso_ms("2023-05-23T16:33:45.2024999Z").map(f64::floor),
            Some(1_684_859_625_202.0)
        );
        assert_eq!(
            parse_iso_ms("2023-05-23T24:00:00Z"),
            parse_iso_ms("2023-05-24")
        );
        for bad in [
            "",
            "2023",
            "2023-05",
            "2023-13-01",
            "2023-00-10",
            "2023-02-29",
            "1900-02-29",
            "2023-04-31",
            "2023-05-23T",
            "2023-05-23T25:00Z",
            "2023-05-23T24:01Z",
            "2023-05-23T16:60Z",
            "2023-05-23T16:33:61Z",
            "2023-05-23T16:33:45.Z",
            "2023-05-23T16:33:45ZZ",
            "2023-05-23T16:33:45+2",
            "2023-05-23T16:33:45+24:00",
            "23-05-23",
            "２０２３-05-23",
            "2023-05-23T16:33:45.202Zjunk",
            "Tue May 23 2023",
            "1684859625202",
        ] {
            assert_eq!(parse_iso_ms(bad), None, "{bad}");
        }
    }

    #[test]
    fn iso_formatting_round_trips() {
        assert_eq!(
            format_iso_ms(1_684_859_625_202.0).as_deref(),
            Some("2023-05-23T16:33:45.202Z")
        );
        assert_eq!(
            format_iso_ms(-1.0).as_deref(),
            Some("1969-12-31T23:59:59.999Z")
        );
        assert_eq!(format_iso_ms(f64::NAN), None);
        assert_eq!(format_iso_ms(1e300), None);
        let mut ms = -62_000_000_000_000.0;
        while ms < 253_000_000_000_000.0 {
            let s = format_iso_ms(ms).expect("in range");
            assert_eq!(parse_iso_ms(&s), Some(ms), "{s}");
            ms += 987_654_321_987.0;
        }
    }

    /// Deterministic mutations of real-shaped bodies: every truncation, byte
    /// flips, and splices of hostile fragments. Each decoder must return a
    /// value or a typed error, never panic.
    #[test]
    fn fuzzish_no_panics() {
        let corpus: &[&str] = &[
            EXAMPLE,
            r#"{"sessions":[{"sessionId":"a","current":true,"device":{"type":"mobile-app","name":"RC Mobile","version":"4.2.0","os":{"name":"iOS"}}},{"_id":"b"}],"total":9,"count":25,"offset":-3}"#,
            r#"{"_id":"x","sessionId":"x","loginAt":{"$date":1684859625202},"closedAt":"2023-05-23T16:33:45Z","instanceId":"i","success":true}"#,
            r#"{"status":"success","data":{"userId":"u","authToken":"t","me":{"_id":"u"}}}"#,
            r#"{"_id":"u","username":"a","name":"A","success":true}"#,
            r#"{"token":"t","tokenExpires":"2023-08-21T16:33:45.202Z","success":true}"#,
            r#"{"sessionId":"abc","success":true}"#,
        ];
        let fragments = [
            "null",
            "1e400",
            "-0",
            "\"\\ud800\"",
            "[",
            "{}",
            "[[[[[[",
            "\"\u{202E}\"",
            "99999999999999999999999",
            "true",
        ];
        let mut tried = 0usize;
        let mut run = |b: &str| {
            if let Ok(p) = decode_sessions_page(b) {
                for s in &p.sessions {
                    let _ = crate::core::format::device_title(s.device.as_ref());
                    let _ = crate::core::format::mask_ip(&s.ip);
                    let _ = s.device.as_ref().map(|d| d.kind.icon());
                }
            }
            let _ = decode_session_info(b);
            let _ = decode_login(b);
            let _ = decode_me(b);
            let _ = decode_logout_other_clients(b);
            let _ = decode_logout_me(b);
            let _ = ApiError::from_response(400, b, Some(b)).message();
            tried += 1;
        };
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for body in corpus {
            let bytes = body.as_bytes();
            for cut in 0..=bytes.len() {
                run(&String::from_utf8_lossy(&bytes[..cut]));
            }
            for _ in 0..1200 {
                let mut m = bytes.to_vec();
                for _ in 0..(1 + next() % 4) {
                    let at = (next() as usize) % m.len().max(1);
                    if let Some(b) = m.get_mut(at) {
                        *b = match next() % 4 {
                            0 => b'"',
                            1 => b'{',
                            2 => (next() % 128) as u8,
                            _ => *b ^ 0x20,
                        };
                    }
                }
                run(&String::from_utf8_lossy(&m));
            }
            for f in fragments {
                // Replace each scalar value in turn with a hostile fragment.
                for (i, c) in body
                    .char_indices()
                    .filter(|(_, c)| c.is_ascii_alphanumeric())
                    .step_by(3)
                {
                    let mutated = format!("{}{}{}", &body[..i], f, &body[i + c.len_utf8()..]);
                    run(&mutated);
                }
            }
        }
        assert!(tried > 10_000, "only {tried} bodies");
    }
}

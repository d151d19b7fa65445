//! The decoders, one per endpoint: each parses the body once and picks fields out
//! by hand, by the rules in the [module docs](super).

use crate::core::date::{format_iso_ms, parse_iso_ms};
use crate::core::error::{ApiError, MAX_DETAIL};
use crate::core::format::truncate_chars;
use crate::core::json::{self, Json, Node};

use super::{Device, DeviceKind, LoginData, Me, NewToken, Os, Session, SessionInfo, SessionsPage};

// ---------------------------------------------------------------- helpers

fn decode_err(detail: impl Into<String>) -> ApiError {
    ApiError::Decode { detail: truncate_chars(&detail.into(), MAX_DETAIL) }
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
        Some(o) => Os { name: str_or_empty(&o, "name"), version: non_blank(&o, "version") },
        None => Os { name: String::new(), version: None },
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
        (Some(user_id), Some(auth_token)) => Ok(LoginData { user_id, auth_token }),
        _ => Err(decode_err("login answer lacks userId or authToken")),
    }
}

/// Decodes `GET /api/v1/me`: needs a non-blank `_id`; `username` may be
/// absent (→ `""`); a blank `name` is `None`.
pub fn decode_me(body: &str) -> Result<Me, ApiError> {
    let map = parse_object(body)?;
    let id = non_blank(&map, "_id").ok_or_else(|| decode_err("user has no _id"))?;
    Ok(Me { id, username: str_or_empty(&map, "username"), name: non_blank(&map, "name") })
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
    Ok(NewToken { token, token_expires: date_field(&data, "tokenExpires") })
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

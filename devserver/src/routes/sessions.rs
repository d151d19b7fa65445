//! sessions/list, sessions/info, sessions/logout.me (`apps/meteor/ee/server/api/sessions.ts`).

use std::fmt;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{json, Value};

use super::{gate, Caller};
use crate::clock::{iso, Millis};
use crate::errors::{invalid_params, limit_must_be_positive, not_found, ok, reply};
use crate::store::{apply_sort, SortSpec};
use crate::{AppState, Inner};

pub const DEFAULT_COUNT: i64 = 50;
pub const UPPER_COUNT: i64 = 100;
pub const LIST_KEYS: [&str; 4] = ["offset", "count", "filter", "sort"];

fn pairs(query: Option<&str>) -> Vec<(String, String)> {
    query.map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect()).unwrap_or_default()
}

/// ajv-style validation of query/body keys: `required` → `additionalProperties` → single values.
fn validate_keys(pairs: &[(String, String)], allowed: &[&str], required: &[&str]) -> Result<(), Response> {
    for r in required {
        if !pairs.iter().any(|(k, _)| k == r) {
            return Err(invalid_params(&format!("must have required property '{r}'")));
        }
    }
    if pairs.iter().any(|(k, _)| !allowed.contains(&k.as_str())) {
        return Err(invalid_params("must NOT have additional properties"));
    }
    Ok(())
}

/// The one value of a key; a repeated key is an array for ajv (`must be <type>`).
fn single<'a>(pairs: &'a [(String, String)], key: &str, ty: &str) -> Result<Option<&'a str>, Response> {
    let mut it = pairs.iter().filter(|(k, _)| k == key);
    let first = it.next().map(|(_, v)| v.as_str());
    if it.next().is_some() {
        return Err(invalid_params(&format!("must be {ty}")));
    }
    Ok(first)
}

/// ajv `coerceTypes` string → number (JavaScript `Number(s)` for non-empty strings), then
/// `parseInt(String(n))` as `getPaginationItems` does: the integer part.
fn coerce_int(s: &str) -> Option<i64> {
    if s.is_empty() {
        return None;
    }
    let t = s.trim();
    if t.is_empty() {
        return Some(0);
    }
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let radix = |p: &str, r| body.strip_prefix(p).and_then(|d| i64::from_str_radix(d, r).ok());
    if !neg && t.len() > 2 {
        for (p, r) in [("0x", 16), ("0X", 16), ("0o", 8), ("0O", 8), ("0b", 2), ("0B", 2)] {
            if let Some(v) = radix(p, r) {
                return Some(v);
            }
        }
    }
    if body.chars().any(|c| c.is_ascii_alphabetic() && c != 'e' && c != 'E') {
        return None;
    }
    let n: f64 = t.parse().ok()?;
    if !n.is_finite() {
        return None;
    }
    Some(n.trunc() as i64)
}

/// The parsed `sort` parameter, keys in their JSON order.
enum SortJson {
    Entries(Vec<(String, Value)>),
    Null,
}

impl<'de> Deserialize<'de> for SortJson {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SortJson;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<SortJson, A::Error> {
                let mut v = Vec::new();
                while let Some((k, val)) = m.next_entry::<String, Value>()? {
                    // JSON.parse keeps the last duplicate at the first position
                    if let Some(e) = v.iter_mut().find(|(ek, _): &&mut (String, Value)| *ek == k) {
                        e.1 = val;
                    } else {
                        v.push((k, val));
                    }
                }
                Ok(SortJson::Entries(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<SortJson, A::Error> {
                let mut v = Vec::new();
                while let Some(val) = s.next_element::<Value>()? {
                    v.push((v.len().to_string(), val));
                }
                Ok(SortJson::Entries(v))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<SortJson, E> {
                Ok(SortJson::Entries(
                    s.chars().enumerate().map(|(i, c)| (i.to_string(), json!(c.to_string()))).collect(),
                ))
            }
            fn visit_unit<E: de::Error>(self) -> Result<SortJson, E> {
                Ok(SortJson::Null)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<SortJson, E> {
                Ok(SortJson::Entries(vec![]))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<SortJson, E> {
                Ok(SortJson::Entries(vec![]))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<SortJson, E> {
                Ok(SortJson::Entries(vec![]))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<SortJson, E> {
                Ok(SortJson::Entries(vec![]))
            }
        }
        d.deserialize_any(V)
    }
}

/// `parseJsonQuery`'s sort handling: JSON whose every value is exactly 1 or -1.
fn parse_sort(raw: &str) -> Result<SortSpec, Response> {
    let invalid = || {
        reply(
            StatusCode::BAD_REQUEST,
            json!({
                "success": false,
                "error": format!("Invalid sort parameter provided: \"{raw}\" [error-invalid-sort]"),
                "errorType": "error-invalid-sort",
                "details": {"helperMethod": "parseJsonQuery"},
            }),
        )
    };
    let parsed: SortJson = serde_json::from_str(raw).map_err(|_| invalid())?;
    let SortJson::Entries(entries) = parsed else {
        return Err(invalid());
    };
    entries
        .into_iter()
        .map(|(k, v)| {
            let f = v.as_f64();
            if f == Some(1.0) {
                Ok((k, 1))
            } else if f == Some(-1.0) {
                Ok((k, -1))
            } else {
                Err(invalid())
            }
        })
        .collect()
}

fn allowed_sort_keys(flavor: u8) -> &'static [&'static str] {
    if flavor == 5 {
        &["loginAt", "device.name", "device.os.name"]
    } else {
        &["loginAt", "device.name", "device.os.name", "device.os.version"]
    }
}

#[derive(Serialize)]
struct Item {
    #[serde(rename = "sessionId")]
    session_id: String,
    #[serde(rename = "userId")]
    user_id: String,
    /// `null` for a login without User-Agent (MongoDB's `$first` of a missing field).
    device: Value,
    host: String,
    ip: String,
    #[serde(rename = "loginAt")]
    login_at: String,
    #[serde(rename = "_id")]
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    current: Option<bool>,
}

#[derive(Serialize)]
struct ListBody {
    sessions: Vec<Item>,
    total: usize,
    count: i64,
    offset: i64,
    success: bool,
}

/// `GET /api/v1/sessions/list?offset&count&filter&sort`
pub async fn list(State(st): State<AppState>, req: Parts, RawQuery(query): RawQuery) -> Response {
    let now = st.now();
    let mut inner = st.lock();
    let g = match gate(&mut inner, &req, true, now) {
        Ok(g) => g,
        Err(r) => return r,
    };
    g.finish(list_page(&inner, &g.caller, query.as_deref()))
}

/// The list's own work: parameters (400), then the page.
fn list_page(inner: &Inner, caller: &Caller, query: Option<&str>) -> Response {
    let flavor = inner.cfg.flavor;
    let pairs = pairs(query);
    if let Err(r) = validate_keys(&pairs, &LIST_KEYS, &[]) {
        return r;
    }
    let parsed = (|| {
        let offset = match single(&pairs, "offset", "number")? {
            Some(s) => Some(coerce_int(s).ok_or_else(|| invalid_params("must be number"))?),
            None => None,
        };
        let count = match single(&pairs, "count", "number")? {
            Some(s) => Some(coerce_int(s).ok_or_else(|| invalid_params("must be number"))?),
            None => None,
        };
        let filter = single(&pairs, "filter", "string")?.unwrap_or("").to_string();
        let sort = single(&pairs, "sort", "string")?.unwrap_or("").to_string();
        Ok::<_, Response>((offset, count, filter, sort))
    })();
    let (offset, count, filter, sort_raw) = match parsed {
        Ok(p) => p,
        Err(r) => return r,
    };

    // getPaginationItems
    let offset = offset.unwrap_or(0);
    // `count=0` stays 0: `API_Allow_Infinite_Count` is on by default, and MongoDB refuses `$limit: 0`.
    let mut count = count.unwrap_or(DEFAULT_COUNT);
    if count > UPPER_COUNT {
        count = UPPER_COUNT;
    }

    // parseJsonQuery, then the route's key check
    let sort: SortSpec = if sort_raw.is_empty() {
        vec![("loginAt".into(), -1)]
    } else {
        match parse_sort(&sort_raw) {
            Ok(s) => s,
            Err(r) => return r,
        }
    };
    let allowed = allowed_sort_keys(flavor);
    if !sort.iter().all(|(k, _)| allowed.contains(&k.as_str())) {
        return reply(StatusCode::BAD_REQUEST, json!({"success": false, "error": "error-invalid-sort-keys"}));
    }

    if let Err(r) = check_limit(count) {
        return r;
    }

    // filter: escaped literal (current) or raw regex (flavor 5), case-insensitive, against searchTerm
    let matcher: Option<regex::Regex> = if filter.is_empty() {
        None
    } else {
        let pattern = if flavor == 5 { filter.clone() } else { regex::escape(&filter) };
        match regex::RegexBuilder::new(&pattern).case_insensitive(true).build() {
            Ok(re) => Some(re),
            Err(e) => {
                return reply(
                    StatusCode::BAD_REQUEST,
                    json!({"success": false, "error": format!("Regular expression is invalid: {}", regex_reason(&e))}),
                )
            }
        }
    };
    let matches = |term: &str| matcher.as_ref().is_none_or(|re| re.is_match(term));

    let rows = inner.store.rows(&caller.user_id, &matches);
    let total = rows.len();
    let skip = offset.max(0) as usize;
    let mut page: Vec<_> = rows.into_iter().skip(skip).take(count as usize).collect();
    apply_sort(&mut page, &sort);
    let current = inner.cfg.current;
    let sessions = page
        .into_iter()
        .map(|d| Item {
            session_id: d.session_id.clone(),
            user_id: d.user_id.clone(),
            device: d.device_json(),
            host: d.host.clone(),
            ip: d.ip.clone(),
            login_at: iso(d.login_at),
            id: d.session_id.clone(),
            current: current.then(|| d.login_token == caller.token_hashed),
        })
        .collect();
    Json(ListBody { sessions, total, count, offset, success: true }).into_response()
}

/// MongoDB's check of the `$limit` stage: `count=0` and a negative count are refused, each with its
/// own message (Rocket.Chat answers the error message as a failure).
fn check_limit(count: i64) -> Result<(), Response> {
    match count {
        0 => Err(limit_must_be_positive()),
        c if c < 0 => Err(reply(
            StatusCode::BAD_REQUEST,
            json!({"success": false, "error": format!("invalid argument to $limit stage: Expected a non-negative number in: $limit: {c}")}),
        )),
        _ => Ok(()),
    }
}

/// A one-line reason from a `regex` syntax error (its last line, without `error: `).
fn regex_reason(e: &regex::Error) -> String {
    let text = e.to_string();
    let last = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("invalid pattern");
    last.trim().trim_start_matches("error: ").to_string()
}

/// `GET /api/v1/sessions/info?sessionId=`
pub async fn info(State(st): State<AppState>, req: Parts, RawQuery(query): RawQuery) -> Response {
    let now = st.now();
    let mut inner = st.lock();
    let g = match gate(&mut inner, &req, true, now) {
        Ok(g) => g,
        Err(r) => return r,
    };
    g.finish(info_doc(&inner, &g.caller, query.as_deref()))
}

fn info_doc(inner: &Inner, caller: &Caller, query: Option<&str>) -> Response {
    let pairs = pairs(query);
    if let Err(r) = validate_keys(&pairs, &["sessionId"], &["sessionId"]) {
        return r;
    }
    let session_id = match single(&pairs, "sessionId", "string") {
        Ok(s) => s.unwrap_or(""),
        Err(r) => return r,
    };
    match inner.store.find_session(&caller.user_id, session_id) {
        Some(doc) => {
            let mut body = doc.raw_json();
            body["success"] = json!(true);
            ok(body)
        }
        None => not_found("Session not found"),
    }
}

/// `POST /api/v1/sessions/logout.me` `{"sessionId": "…"}`
pub async fn logout_me(State(st): State<AppState>, req: Parts, body: Bytes) -> Response {
    let now = st.now();
    let mut inner = st.lock();
    let g = match gate(&mut inner, &req, true, now) {
        Ok(g) => g,
        Err(r) => return r,
    };
    g.finish(logout_session(&mut inner, &g.caller, &body, now))
}

/// Finds the document by id (even when its token is already gone, e.g. after
/// `users.logoutOtherClients`), removes the token if still there and marks every document with
/// it logged out.
fn logout_session(inner: &mut Inner, caller: &Caller, body: &[u8], now: Millis) -> Response {
    let body: Value = if body.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(_) => return invalid_params("must be object"),
        }
    };
    let Some(obj) = body.as_object() else {
        return invalid_params("must be object");
    };
    if !obj.contains_key("sessionId") {
        return invalid_params("must have required property 'sessionId'");
    }
    if obj.keys().any(|k| k != "sessionId") {
        return invalid_params("must NOT have additional properties");
    }
    let Some(session_id) = obj.get("sessionId").and_then(Value::as_str) else {
        return invalid_params("must be string");
    };
    let Some(token) = inner.store.find_session(&caller.user_id, session_id).map(|d| d.login_token.clone()) else {
        return not_found("Session not found");
    };
    inner.store.revoke(&caller.user_id, &token, now);
    ok(json!({"sessionId": session_id, "success": true}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coercion_like_ajv_then_parse_int() {
        assert_eq!(coerce_int("5"), Some(5));
        assert_eq!(coerce_int("-5"), Some(-5));
        assert_eq!(coerce_int("2.9"), Some(2));
        assert_eq!(coerce_int("1e2"), Some(100));
        assert_eq!(coerce_int("0x10"), Some(16));
        assert_eq!(coerce_int("abc"), None);
        assert_eq!(coerce_int(""), None);
        assert_eq!(coerce_int("inf"), None);
        assert_eq!(coerce_int("NaN"), None);
        assert_eq!(coerce_int("12abc"), None);
    }

    #[test]
    fn sort_parsing_keeps_key_order() {
        let s = parse_sort(r#"{"device.name":1,"loginAt":-1}"#).ok().unwrap();
        assert_eq!(s, vec![("device.name".to_string(), 1), ("loginAt".to_string(), -1)]);
        assert!(parse_sort("{").is_err());
        assert!(parse_sort("null").is_err());
        assert!(parse_sort(r#"{"loginAt":2}"#).is_err());
        assert!(parse_sort(r#"{"loginAt":"1"}"#).is_err());
        assert_eq!(parse_sort("[1]").ok().unwrap(), vec![("0".to_string(), 1)]);
        assert_eq!(parse_sort("5").ok().unwrap(), vec![]);
    }
}

//! Test control API (only with `--test-controls`), outside `/api/`.
//!
//! - `POST /__control/reset` → 204
//! - `POST /__control/inject` `{"route","times"?,"skip"?,"delayMs"?,"status"?,"body"?,"contentType"?}` → 204
//!   (`skip`: that many calls of the route pass untouched first: a fault in the middle of a run)
//! - `POST /__control/expire-token` `{"userId"}` | `{"token"}` → 204 (404 when nothing matched)
//! - `POST /__control/config` `{"flavor"?,"license"?,"rateLimit"?: "N/S"|null,"current"?}` → 204
//! - `GET /__control/requests?route=&method=` → `{"requests":[…],"count":N}`
//! - `POST /__control/requests/clear` → 204
//! - `POST /__control/login` `{"user"?,"userAgent"?,"ip"?}` → `{"token","sessionId"}` (another device's resume login)
//! - `GET /__control/state` → `{"userId","sessions","webToken","webSessionId","pat"}` (`webToken`,
//!   `webSessionId`: demo's newest listed browser row whose token is valid, now; `null` when none)

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{Extensions, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::clock::iso;
use crate::config::RateLimit;
use crate::errors::{ok, reply};
use crate::middleware::client_ip;
use crate::model::{hash_token, TokenKind};
use crate::routes::auth::{device_from, host_of, new_login_token, write_session};
use crate::seed::DEMO_PAT;
use crate::{AppState, Injection};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/__control/reset", post(reset))
        .route("/__control/inject", post(inject))
        .route("/__control/expire-token", post(expire_token))
        .route("/__control/config", post(config))
        .route("/__control/requests", get(requests))
        .route("/__control/requests/clear", post(clear_requests))
        .route("/__control/state", get(state))
        .route("/__control/login", post(login))
}

fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

fn bad(message: impl Into<String>) -> Response {
    reply(StatusCode::BAD_REQUEST, json!({"error": message.into()}))
}

fn object(body: &Bytes) -> Result<Map<String, Value>, Response> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(bad("body must be a JSON object")),
        Err(e) => Err(bad(format!("invalid JSON: {e}"))),
    }
}

fn check_keys(m: &Map<String, Value>, allowed: &[&str]) -> Result<(), Response> {
    match m.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(bad(format!("unknown field {k:?}; allowed: {}", allowed.join(", ")))),
        None => Ok(()),
    }
}

async fn reset(State(st): State<AppState>) -> Response {
    st.reset();
    no_content()
}

async fn inject(State(st): State<AppState>, body: Bytes) -> Response {
    let m = match object(&body) {
        Ok(m) => m,
        Err(r) => return r,
    };
    if let Err(r) = check_keys(&m, &["route", "times", "skip", "delayMs", "status", "body", "contentType"]) {
        return r;
    }
    let Some(route) = m.get("route").and_then(Value::as_str).filter(|r| r.starts_with('/')) else {
        return bad("\"route\" (a path starting with /, without query) is required");
    };
    let route = route.split('?').next().unwrap_or(route).to_string();
    let times = match m.get("times") {
        None | Some(Value::Null) => 1,
        Some(v) => match v.as_u64() {
            Some(t) => t,
            None => return bad("\"times\" must be a non-negative integer"),
        },
    };
    let skip = match m.get("skip") {
        None | Some(Value::Null) => 0,
        Some(v) => match v.as_u64() {
            Some(t) => t,
            None => return bad("\"skip\" must be a non-negative integer"),
        },
    };
    let delay_ms = match m.get("delayMs") {
        None | Some(Value::Null) => 0,
        Some(v) => match v.as_u64() {
            Some(d) => d,
            None => return bad("\"delayMs\" must be a non-negative integer"),
        },
    };
    let status = match m.get("status") {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_u64().filter(|s| (100..=999).contains(s)) {
            Some(s) => Some(s as u16),
            None => return bad("\"status\" must be an HTTP status code"),
        },
    };
    let body = match m.get("body") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    };
    let content_type = match m.get("contentType") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return bad("\"contentType\" must be a string"),
    };
    let injection = Injection { delay_ms, status, body, content_type };
    let mut inner = st.lock();
    let queue = inner.injections.entry(route).or_default();
    // An entry with neither status nor body lets the call through untouched.
    let pass = Injection { delay_ms: 0, status: None, body: None, content_type: None };
    for _ in 0..skip {
        queue.push_back(pass.clone());
    }
    for _ in 0..times {
        queue.push_back(injection.clone());
    }
    no_content()
}

async fn expire_token(State(st): State<AppState>, body: Bytes) -> Response {
    let m = match object(&body) {
        Ok(m) => m,
        Err(r) => return r,
    };
    if let Err(r) = check_keys(&m, &["userId", "token"]) {
        return r;
    }
    let mut inner = st.lock();
    let before = inner.store.tokens.len();
    match (m.get("userId").and_then(Value::as_str), m.get("token").and_then(Value::as_str)) {
        (Some(uid), None) => inner.store.tokens.retain(|t| !(t.user_id == uid && t.kind == TokenKind::Login)),
        (None, Some(tok)) => {
            let h = hash_token(tok);
            inner.store.tokens.retain(|t| t.hashed != h);
        }
        _ => return bad("give exactly one of \"userId\" or \"token\" (strings)"),
    }
    if inner.store.tokens.len() == before {
        return reply(StatusCode::NOT_FOUND, json!({"error": "no matching token"}));
    }
    no_content()
}

async fn config(State(st): State<AppState>, body: Bytes) -> Response {
    let m = match object(&body) {
        Ok(m) => m,
        Err(r) => return r,
    };
    if let Err(r) = check_keys(&m, &["flavor", "license", "rateLimit", "current"]) {
        return r;
    }
    let mut cfg = st.lock().cfg.clone();
    if let Some(v) = m.get("flavor") {
        match v.as_u64().filter(|f| (5..=8).contains(f)) {
            Some(f) => cfg.flavor = f as u8,
            None => return bad("\"flavor\" must be 5, 6, 7 or 8"),
        }
    }
    if let Some(v) = m.get("license") {
        match v.as_bool() {
            Some(b) => cfg.license = b,
            None => return bad("\"license\" must be a boolean"),
        }
    }
    if let Some(v) = m.get("current") {
        match v.as_bool() {
            Some(b) => cfg.current = b,
            None => return bad("\"current\" must be a boolean"),
        }
    }
    if let Some(v) = m.get("rateLimit") {
        match v {
            Value::Null => cfg.rate_limit = None,
            Value::String(s) => match s.parse::<RateLimit>() {
                Ok(r) => cfg.rate_limit = Some(r),
                Err(e) => return bad(e),
            },
            _ => return bad("\"rateLimit\" must be \"CALLS/SECONDS\" or null"),
        }
    }
    let mut inner = st.lock();
    if inner.cfg.rate_limit != cfg.rate_limit {
        inner.limiter.clear();
    }
    inner.cfg = cfg;
    no_content()
}

#[derive(Deserialize)]
struct RequestsQuery {
    route: Option<String>,
    method: Option<String>,
}

async fn requests(State(st): State<AppState>, Query(q): Query<RequestsQuery>) -> Response {
    let inner = st.lock();
    let list: Vec<Value> = inner
        .log
        .iter()
        .filter(|e| q.route.as_deref().is_none_or(|r| e.path == r))
        .filter(|e| q.method.as_deref().is_none_or(|m| e.method.eq_ignore_ascii_case(m)))
        .map(|e| {
            json!({
                "method": e.method,
                "path": e.path,
                "query": e.query,
                "userId": e.user_id,
                "status": e.status,
                "at": iso(e.at),
            })
        })
        .collect();
    let count = list.len();
    ok(json!({"requests": list, "count": count}))
}

async fn clear_requests(State(st): State<AppState>) -> Response {
    st.lock().log.clear();
    no_content()
}

async fn state(State(st): State<AppState>) -> Response {
    let inner = st.lock();
    let demo = inner.seed.demo_id.clone();
    let rows = inner.store.rows(&demo, &|_| true).len();
    let web = inner.store.web_login(&demo);
    ok(json!({
        "userId": demo,
        "sessions": rows,
        "webToken": web.map(|(t, _)| &t.plain),
        "webSessionId": web.map(|(_, d)| &d.session_id),
        "pat": DEMO_PAT,
    }))
}

/// Another device logs in with a resume token: a new login token of the user and a listed row at
/// now (device from `userAgent`, none without; `ip` or this request's client address; `Host`).
async fn login(State(st): State<AppState>, headers: HeaderMap, ext: Extensions, body: Bytes) -> Response {
    let m = match object(&body) {
        Ok(m) => m,
        Err(r) => return r,
    };
    if let Err(r) = check_keys(&m, &["user", "userAgent", "ip"]) {
        return r;
    }
    let string = |k: &str| match m.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(bad(format!("\"{k}\" must be a string"))),
    };
    let (username, user_agent, ip) = match (string("user"), string("userAgent"), string("ip")) {
        (Ok(u), Ok(a), Ok(i)) => (u.unwrap_or_else(|| "demo".into()), a, i),
        (Err(r), _, _) | (_, Err(r), _) | (_, _, Err(r)) => return r,
    };
    let now = st.now();
    let ip = ip.unwrap_or_else(|| client_ip(&headers, &ext));
    let host = host_of(&headers);
    let device = device_from(user_agent.as_deref());
    let mut inner = st.lock();
    let Some(user) = inner.store.user_by_username(&username).cloned() else {
        return bad(format!("unknown user {username:?}"));
    };
    let token = new_login_token(&mut inner, &user, now);
    let session_id = write_session(&mut inner, &user, hash_token(&token), device, ip, host, now);
    ok(json!({"token": token, "sessionId": session_id}))
}

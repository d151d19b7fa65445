//! login, me, logout, users.logoutOtherClients

use axum::body::Bytes;
use axum::extract::State;
use axum::http::request::Parts;
use axum::http::{header, Extensions, HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

use super::gate;
use crate::clock::{iso, Millis, DAY_MS};
use crate::errors::{ok, reply};
use crate::model::{hash_token, Device, SessionDoc, Token, TokenKind, User};
use crate::ua::device_from_user_agent;
use crate::{AppState, Inner};

/// `Accounts_LoginExpiration`: 90 days.
pub const LOGIN_EXPIRATION_MS: i64 = 90 * DAY_MS;

fn login_failed() -> Response {
    reply(StatusCode::UNAUTHORIZED, json!({"status": "error", "error": "Unauthorized", "message": "Unauthorized"}))
}

fn totp_error(code: &str, message: &str) -> Response {
    reply(
        StatusCode::UNAUTHORIZED,
        json!({"status": "error", "error": code, "message": message, "details": {"method": "totp"}}),
    )
}

/// The `device` of a login from its User-Agent: parsed when non-blank, none otherwise.
pub(crate) fn device_from(ua: Option<&str>) -> Option<Device> {
    ua.filter(|v| !v.trim().is_empty()).map(device_from_user_agent)
}

/// The `device` of a login request (its `User-Agent` header).
pub fn device_of(headers: &HeaderMap) -> Option<Device> {
    device_from(headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()))
}

/// The `Host` header of a request, `""` without one.
pub(crate) fn host_of(headers: &HeaderMap) -> String {
    headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("").to_string()
}

/// Writes the session document of a login (`sauMonitorHooks`' `Sessions.createOrUpdate`) and
/// returns its sessionId. `login_token` is the hashed token of a resume login, `""` for a password
/// login (never listed; its caller passes no device).
pub fn write_session(
    inner: &mut Inner,
    user: &User,
    login_token: String,
    device: Option<Device>,
    ip: String,
    host: String,
    now: Millis,
) -> String {
    let session_id = inner.rng.id();
    let doc = SessionDoc {
        id: inner.rng.id(),
        session_id: session_id.clone(),
        user_id: user.id.clone(),
        instance_id: inner.store.instance_id.clone(),
        login_token,
        ip,
        host,
        device,
        login_at: now,
        last_activity_at: Some(now),
        closed_at: None,
        logout_at: None,
        logout_by: None,
        created_at: now,
        updated_at: now,
        roles: user.roles.clone(),
    };
    inner.store.sessions.push(doc);
    session_id
}

/// A new login token of `user` (43 characters), stored; returns the plain token.
pub fn new_login_token(inner: &mut Inner, user: &User, now: Millis) -> String {
    let plain = inner.rng.token();
    let hashed = hash_token(&plain);
    inner.store.tokens.push(Token {
        user_id: user.id.clone(),
        plain: plain.clone(),
        hashed,
        when: now,
        kind: TokenKind::Login,
    });
    plain
}

/// `POST /api/v1/login`: `{"user"|"username"|"email", "password", "code"?}` (password login: a new
/// token, an unlisted session document) or `{"resume": "<token>"}` without `password` (resume
/// login: the same token, a listed session document with this request's device, IP and host).
pub async fn login(State(st): State<AppState>, headers: HeaderMap, req_ext: Extensions, body: Bytes) -> Response {
    let now = st.now();
    let ip = crate::middleware::client_ip(&headers, &req_ext);
    let host = host_of(&headers);
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let field = |k: &str| body.get(k).and_then(Value::as_str).filter(|s| !s.is_empty());
    let mut inner = st.lock();
    let flavor = inner.cfg.flavor;

    let (user, token) = if body.get("password").is_none() && body.get("resume").is_some() {
        // Meteor's resume handler: any token of `services.resume.loginTokens` (PATs included).
        let Some(resume) = field("resume") else {
            return login_failed();
        };
        let Some(owner) = inner.store.token_owner(resume).map(|t| t.user_id.clone()) else {
            return login_failed();
        };
        let Some(user) = inner.store.user(&owner).cloned() else {
            return login_failed();
        };
        write_session(&mut inner, &user, hash_token(resume), device_of(&headers), ip, host, now);
        (user, resume.to_string())
    } else {
        let user = if let Some(u) = field("user") {
            if u.contains('@') {
                inner.store.user_by_email(u)
            } else {
                inner.store.user_by_username(u)
            }
        } else if let Some(u) = field("username") {
            inner.store.user_by_username(u)
        } else if let Some(e) = field("email") {
            inner.store.user_by_email(e)
        } else {
            None
        };
        let Some(user) = user.filter(|u| field("password") == Some(u.password.as_str())).cloned() else {
            return login_failed();
        };
        if let Some(expected) = &user.totp {
            let given = match body.get("code") {
                Some(Value::String(s)) => s.trim().to_string(),
                Some(Value::Number(n)) => n.to_string(),
                _ => String::new(),
            };
            if given.is_empty() {
                return totp_error("totp-required", "TOTP Required [totp-required]");
            }
            if &given != expected {
                return totp_error("totp-invalid", "TOTP Invalid [totp-invalid]");
            }
        }
        let plain = new_login_token(&mut inner, &user, now);
        // The login hook only hashes a `resume` argument: a password login's document has an
        // empty login token (and no device), so sessions/list never shows it.
        write_session(&mut inner, &user, String::new(), None, ip, host, now);
        (user, plain)
    };

    let mut resp = json!({
        "status": "success",
        "data": {"userId": user.id, "authToken": token, "me": user.me_json()},
    });
    if flavor >= 7 {
        resp["success"] = json!(true);
    }
    ok(resp)
}

/// `GET /api/v1/me`
pub async fn me(State(st): State<AppState>, req: Parts) -> Response {
    let now = st.now();
    let mut inner = st.lock();
    let g = match gate(&mut inner, &req, false, now) {
        Ok(g) => g,
        Err(r) => return r,
    };
    let Some(user) = inner.store.user(&g.caller.user_id) else {
        return crate::errors::unauthorized(inner.cfg.flavor);
    };
    let mut body = user.me_json();
    body["success"] = json!(true);
    g.finish(ok(body))
}

/// `POST /api/v1/logout`: removes the caller's token (and marks its sessions logged out).
pub async fn logout(State(st): State<AppState>, req: Parts) -> Response {
    let now = st.now();
    let mut inner = st.lock();
    let g = match gate(&mut inner, &req, false, now) {
        Ok(g) => g,
        Err(r) => return r,
    };
    inner.store.revoke(&g.caller.user_id, &g.caller.token_hashed, now);
    g.finish(ok(json!({"status": "success", "data": {"message": "You've been logged out!"}})))
}

/// `POST /api/v1/users.logoutOtherClients`: every other login token goes (PATs stay); session
/// documents are untouched, so their rows stay listed.
pub async fn logout_other_clients(State(st): State<AppState>, req: Parts) -> Response {
    let now = st.now();
    let mut inner = st.lock();
    let g = match gate(&mut inner, &req, false, now) {
        Ok(g) => g,
        Err(r) => return r,
    };
    let caller = &g.caller;
    inner.store.remove_other_login_tokens(&caller.user_id, &caller.token_hashed);
    let expires = match caller.kind {
        TokenKind::Login => iso(caller.token_when + LOGIN_EXPIRATION_MS),
        TokenKind::PersonalAccess { .. } => String::new(),
    };
    g.finish(ok(json!({"token": caller.token_plain, "tokenExpires": expires, "success": true})))
}

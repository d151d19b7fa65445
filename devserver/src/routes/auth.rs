//! login, me, logout, users.logoutOtherClients

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

use super::authenticate;
use crate::clock::{iso, DAY_MS};
use crate::errors::{ok, reply};
use crate::model::{hash_token, SessionDoc, Token, TokenKind};
use crate::ua::device_from_user_agent;
use crate::AppState;

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

/// `POST /api/v1/login` `{"user"|"username"|"email", "password", "code"?}`.
pub async fn login(State(st): State<AppState>, headers: HeaderMap, req_ext: axum::http::Extensions, body: Bytes) -> Response {
    let now = st.now();
    let ip = crate::middleware::client_ip(&headers, &req_ext);
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let field = |k: &str| body.get(k).and_then(Value::as_str).filter(|s| !s.is_empty());
    let mut inner = st.lock();
    let flavor = inner.cfg.flavor;

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

    let plain = inner.rng.token();
    let hashed = hash_token(&plain);
    let device = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.trim().is_empty())
        .map(device_from_user_agent);
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let doc = SessionDoc {
        id: inner.rng.id(),
        session_id: inner.rng.id(),
        user_id: user.id.clone(),
        instance_id: inner.store.instance_id.clone(),
        login_token: hashed.clone(),
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
    inner.store.tokens.push(Token { user_id: user.id.clone(), plain: plain.clone(), hashed, when: now, kind: TokenKind::Login });

    let mut resp = json!({
        "status": "success",
        "data": {"userId": user.id, "authToken": plain, "me": user.me_json()},
    });
    if flavor >= 7 {
        resp["success"] = json!(true);
    }
    ok(resp)
}

/// `GET /api/v1/me`
pub async fn me(State(st): State<AppState>, headers: HeaderMap) -> Response {
    let inner = st.lock();
    let caller = match authenticate(&inner, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let Some(user) = inner.store.user(&caller.user_id) else {
        return crate::errors::unauthorized(inner.cfg.flavor);
    };
    let mut body = user.me_json();
    body["success"] = json!(true);
    ok(body)
}

/// `POST /api/v1/logout`: removes the caller's token (and marks its sessions logged out).
pub async fn logout(State(st): State<AppState>, headers: HeaderMap) -> Response {
    let now = st.now();
    let mut inner = st.lock();
    let caller = match authenticate(&inner, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    inner.store.revoke(&caller.user_id, &caller.token_hashed, now);
    ok(json!({"status": "success", "data": {"message": "You've been logged out!"}}))
}

/// `POST /api/v1/users.logoutOtherClients`: every other login token goes; PATs stay.
pub async fn logout_other_clients(State(st): State<AppState>, headers: HeaderMap) -> Response {
    let now = st.now();
    let mut inner = st.lock();
    let caller = match authenticate(&inner, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    inner.store.revoke_other_login_tokens(&caller.user_id, &caller.token_hashed, now);
    let expires = match caller.kind {
        TokenKind::Login => iso(caller.token_when + LOGIN_EXPIRATION_MS),
        TokenKind::PersonalAccess { .. } => String::new(),
    };
    ok(json!({"token": caller.token_plain, "tokenExpires": expires, "success": true}))
}

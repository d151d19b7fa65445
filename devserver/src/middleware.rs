//! Request log, fault injection and rate limiting (all for `/api/` paths).

use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::errors::{plausible_body, reply, too_many_requests_body};
use crate::{AppState, LogEntry};

/// Client address: the first `X-Forwarded-For` hop, else the socket peer, else 127.0.0.1.
pub fn client_ip(headers: &HeaderMap, extensions: &axum::http::Extensions) -> String {
    if let Some(first) = headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        return first.to_string();
    }
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "127.0.0.1".into())
}

/// Logs every `/api/` request: method, path, query, X-User-Id, final status, time.
pub async fn log(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if !path.starts_with("/api/") {
        return next.run(req).await;
    }
    let method = req.method().to_string();
    let query = req.uri().query().unwrap_or("").to_string();
    let user_id = req.headers().get("x-user-id").and_then(|v| v.to_str().ok()).map(str::to_string);
    let resp = next.run(req).await;
    let at = st.now();
    st.lock().log.push(LogEntry { method, path, query, user_id, status: resp.status().as_u16(), at });
    resp
}

/// Applies the next queued injection of this route, if any.
pub async fn inject(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let (injection, flavor) = {
        let mut inner = st.lock();
        let inj = inner.injections.get_mut(&path).and_then(|q| q.pop_front());
        (inj, inner.cfg.flavor)
    };
    let Some(inj) = injection else {
        return next.run(req).await;
    };
    if inj.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(inj.delay_ms)).await;
    }
    if inj.status.is_none() && inj.body.is_none() {
        return next.run(req).await;
    }
    let status = inj.status.and_then(|s| StatusCode::from_u16(s).ok()).unwrap_or(StatusCode::OK);
    match inj.body {
        None => reply(status, plausible_body(status, flavor)),
        Some(body) => {
            let ct = inj.content_type.unwrap_or_else(|| {
                if serde_json::from_str::<serde_json::Value>(&body).is_ok() {
                    "application/json".into()
                } else {
                    "text/plain; charset=utf-8".into()
                }
            });
            let mut resp = (status, body).into_response();
            if let Ok(v) = HeaderValue::from_str(&ct) {
                resp.headers_mut().insert(header::CONTENT_TYPE, v);
            }
            resp
        }
    }
}

/// Rocket.Chat's per-IP, per-route limiter (when `rateLimit` is configured).
pub async fn rate_limit(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let Some(limit) = st.lock().cfg.rate_limit else {
        return next.run(req).await;
    };
    let ip = client_ip(req.headers(), req.extensions());
    let route = format!("{} {}", req.method(), req.uri().path());
    let now = st.now();
    let outcome = st.lock().limiter.hit(&ip, &route, limit.calls, limit.seconds as i64 * 1000, now);
    let mut resp = if outcome.allowed {
        next.run(req).await
    } else {
        let seconds = (outcome.time_to_reset + 999) / 1000;
        reply(StatusCode::TOO_MANY_REQUESTS, too_many_requests_body(seconds))
    };
    let h = resp.headers_mut();
    h.insert("x-ratelimit-limit", HeaderValue::from(outcome.limit));
    h.insert("x-ratelimit-remaining", HeaderValue::from(outcome.remaining));
    h.insert("x-ratelimit-reset", HeaderValue::from(outcome.reset_at));
    resp
}

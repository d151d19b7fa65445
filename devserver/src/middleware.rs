//! Request log, fault injection and rate limiting (all for `/api/` paths).

use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::clock::Millis;
use crate::errors::{plausible_body, reply, too_many_requests_body};
use crate::ratelimit::Outcome;
use crate::{AppState, Inner, LogEntry};

/// Client address (Rocket.Chat's `getRequestIP`): `X-Real-IP`, else the first `X-Forwarded-For`
/// hop, else the socket peer, else 127.0.0.1.
pub fn client_ip(headers: &HeaderMap, extensions: &axum::http::Extensions) -> String {
    if let Some(real) = headers.get("x-real-ip").and_then(|v| v.to_str().ok()).map(str::trim).filter(|v| !v.is_empty())
    {
        return real.to_string();
    }
    if let Some(first) = headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        return first.to_string();
    }
    extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()).unwrap_or_else(|| "127.0.0.1".into())
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

/// The rate limiter of an unauthenticated route (`login`): per client IP, before anything else.
/// Authenticated routes are limited in their handlers, after authentication and license
/// ([`crate::routes::gate`]).
pub async fn rate_limit(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let ip = client_ip(req.headers(), req.extensions());
    let route = route_key(req.method().as_str(), req.uri());
    let outcome = {
        let mut inner = st.lock();
        let now = st.now();
        hit(&mut inner, &ip, &route, now)
    };
    let Some(outcome) = outcome else {
        return next.run(req).await;
    };
    let resp = if outcome.allowed { next.run(req).await } else { too_many_requests(&outcome) };
    with_limit_headers(resp, &outcome)
}

/// The rate limiter's key of a route: `"{method} {path}"` of the request (query ignored).
pub fn route_key(method: &str, uri: &Uri) -> String {
    format!("{method} {}", uri.path())
}

/// Counts one call of `route` from `ip` when a limit is configured.
pub fn hit(inner: &mut Inner, ip: &str, route: &str, now: Millis) -> Option<Outcome> {
    let limit = inner.cfg.rate_limit?;
    Some(inner.limiter.hit(ip, route, limit.calls, limit.seconds as i64 * 1000, now))
}

/// The 429 answer (without headers: see [`with_limit_headers`]).
pub fn too_many_requests(outcome: &Outcome) -> Response {
    let seconds = (outcome.time_to_reset + 999) / 1000;
    reply(StatusCode::TOO_MANY_REQUESTS, too_many_requests_body(seconds))
}

/// Adds `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (epoch ms).
pub fn with_limit_headers(mut resp: Response, outcome: &Outcome) -> Response {
    let h = resp.headers_mut();
    h.insert("x-ratelimit-limit", HeaderValue::from(outcome.limit));
    h.insert("x-ratelimit-remaining", HeaderValue::from(outcome.remaining));
    h.insert("x-ratelimit-reset", HeaderValue::from(outcome.reset_at));
    resp
}

//! `/api/v1/…` handlers.

pub mod auth;
pub mod sessions;

use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use serde_json::json;

use crate::clock::Millis;
use crate::errors::{license_error, reply, unauthorized};
use crate::middleware::{client_ip, hit, route_key, too_many_requests, with_limit_headers};
use crate::model::{hash_token, TokenKind, User};
use crate::ratelimit::Outcome;
use crate::Inner;

/// The authenticated caller of a route.
#[derive(Clone, Debug)]
pub struct Caller {
    pub user_id: String,
    pub token_plain: String,
    pub token_hashed: String,
    pub token_when: i64,
    pub kind: TokenKind,
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok()).filter(|v| !v.is_empty())
}

/// Checks `X-User-Id` + `X-Auth-Token` (login or personal access token); 401 of the flavor otherwise.
fn authenticate(inner: &Inner, headers: &HeaderMap) -> Result<Caller, Response> {
    let (Some(user_id), Some(token)) = (header(headers, "x-user-id"), header(headers, "x-auth-token")) else {
        return Err(unauthorized(inner.cfg.flavor));
    };
    match inner.store.authenticate(user_id, token) {
        Some(t) => Ok(Caller {
            user_id: user_id.to_string(),
            token_plain: token.to_string(),
            token_hashed: hash_token(token),
            token_when: t.when,
            kind: t.kind.clone(),
        }),
        None => Err(unauthorized(inner.cfg.flavor)),
    }
}

/// An authenticated caller who passed the checks that come before the route's own work, with the
/// rate-limit outcome whose headers its answer carries.
#[derive(Clone, Debug)]
pub struct Gate {
    pub caller: Caller,
    limit: Option<Outcome>,
}

impl Gate {
    /// The route's answer, with `X-RateLimit-*` when the call was counted.
    pub fn finish(&self, resp: Response) -> Response {
        match &self.limit {
            Some(o) => with_limit_headers(resp, o),
            None => resp,
        }
    }
}

/// Rocket.Chat's order of checks on an authenticated route (`ApiClass.ts`): authentication (401) →
/// license (when `licensed`) → rate limit (429; users with `api-bypass-rate-limit` are never
/// counted). A 401 or a license error carries no `X-RateLimit-*` header and does not count.
/// Parameter validation is the route's own job, after this. The rate-limit key is the request's
/// `"{method} {path}"`, as for the login limiter.
pub fn gate(inner: &mut Inner, req: &Parts, licensed: bool, now: Millis) -> Result<Gate, Response> {
    let headers = &req.headers;
    let caller = authenticate(inner, headers)?;
    if licensed && !inner.cfg.license {
        let (status, body) = license_error(inner.cfg.flavor);
        return Err(reply(status, body));
    }
    let bypass = inner.store.user(&caller.user_id).is_some_and(User::bypasses_rate_limit);
    let limit = if bypass {
        None
    } else {
        hit(inner, &client_ip(headers, &req.extensions), &route_key(req.method.as_str(), &req.uri), now)
    };
    if let Some(o) = limit.as_ref().filter(|o| !o.allowed) {
        return Err(with_limit_headers(too_many_requests(o), o));
    }
    Ok(Gate { caller, limit })
}

/// Unknown `/api/…` route.
pub async fn api_not_found(uri: Uri) -> Response {
    reply(
        StatusCode::NOT_FOUND,
        json!({"status": "error", "message": format!("API endpoint \"{}\" not found!", uri.path())}),
    )
}
